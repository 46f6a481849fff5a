// The stackless anchors for Go: one measure per run, printed as "RESULT <measure> <value> <unit>".
// Unbuffered channels, GOMAXPROCS=1 (set here and by run.py).
// usage: go build -o /tmp/go_bench bench/stackless/go_bench.go && /tmp/go_bench pingpong|ring|spawn|rss [N]
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func vmRSSKiB() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, "VmRSS:") {
			v, _ := strconv.Atoi(strings.Fields(line)[1])
			return v
		}
	}
	return -1
}

func pingpong(n int) (float64, string) {
	a, b := make(chan int), make(chan int)
	go func() {
		for {
			v := <-a
			if v < 0 {
				return
			}
			b <- v + 1
		}
	}()
	t0 := time.Now()
	v := 0
	for i := 0; i < n; i++ {
		a <- v
		v = <-b
	}
	el := time.Since(t0)
	a <- -1
	if v != n {
		panic("pingpong")
	}
	return float64(el.Nanoseconds()) / float64(2*n), "ns/hand-off"
}

func ring(n int) (float64, string) {
	hops := n * 100
	chans := make([]chan int, n)
	for i := range chans {
		chans[i] = make(chan int)
	}
	for i := 0; i < n-1; i++ {
		go func(in, out chan int) {
			for {
				t := <-in
				out <- t + 1
				if t+1 >= hops {
					return
				}
			}
		}(chans[i], chans[i+1])
	}
	runtime.Gosched()
	t0 := time.Now()
	t := 0
	for t < hops {
		chans[0] <- t + 1
		t = <-chans[n-1]
	}
	el := time.Since(t0)
	if t != hops {
		panic("ring")
	}
	return float64(el.Nanoseconds()) / float64(hops), "ns/hop"
}

func spawn(n int) (float64, string) {
	var wg sync.WaitGroup
	var count int64
	t0 := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			atomic.AddInt64(&count, 1)
			wg.Done()
		}()
	}
	wg.Wait()
	el := time.Since(t0)
	if count != int64(n) {
		panic("spawn")
	}
	return float64(el.Nanoseconds()) / float64(n), "ns/goroutine"
}

func rss(n int) (float64, string) {
	ch := make(chan int)
	var started sync.WaitGroup
	before := vmRSSKiB()
	started.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-ch
		}()
	}
	started.Wait()
	runtime.Gosched()
	after := vmRSSKiB()
	return float64(after-before) * 1024 / float64(n), "bytes/goroutine"
}

func main() {
	runtime.GOMAXPROCS(1)
	measures := map[string]func(int) (float64, string){
		"pingpong": pingpong, "ring": ring, "spawn": spawn, "rss": rss}
	defaults := map[string]int{"pingpong": 500000, "ring": 10000, "spawn": 1000000, "rss": 1000000}
	name := os.Args[1]
	n := defaults[name]
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	v, unit := measures[name](n)
	fmt.Printf("RESULT %s %.1f %s\n", name, v, unit)
}
