// Several VMs in one process (objects/README.md, "Shared and per-VM state"): a VM made,
// used and destroyed, then another; and two VMs on two threads running Python at the
// same time, each with its own classes, dicts, strings, exceptions, generators, imports
// and collections, each getting exactly the results a VM alone gets. Built as its own
// process (slpy_vm_threads_tests); a -fsanitize=thread build (tests/README.md) runs the
// same test to show that the VMs share nothing mutable.
#include <catch2/catch.hpp>

#include "stackless/slpy.h"

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

// Every line touches what used to be process-wide state: classes and subclasses of
// built-in types (the method cache, version tags, __subclasses__), interned strings,
// exceptions, generators, built-in modules and their types, repr's recursion guard,
// big ints (GMP's allocator), sys.set_int_max_str_digits and gc.collect.
char const kWorkload[] = R"PY(
import math, gc, sys, itertools, _heapq, _collections, _functools, time

class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm(self):
        return math.isqrt(self.x * self.x + self.y * self.y)
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class MyInt(int):
    def twice(self):
        return MyInt(self * 2)

class MyError(ValueError):
    pass

def gen(n):
    for i in range(n):
        yield i * SEED

def work(n):
    d = {}
    total = 0
    for i in range(n):
        p = Point(i, SEED)
        d[str(i) + "-" + str(SEED)] = p
        try:
            if i % 7 == 0:
                raise MyError(f"error {i}")
        except ValueError as e:
            total += len(str(e)) + len(e.args)
        total += p.norm()
    total += sum(gen(300))
    h = []
    for i in range(500):
        _heapq.heappush(h, (i * 37 + SEED) % 101)
    total += sum(_heapq.heappop(h) for _ in range(10))
    total += sum(itertools.islice(itertools.count(SEED), 50))
    dq = _collections.deque(range(SEED * 10), maxlen=7)
    total += sum(dq)
    total += _functools.reduce(lambda a, b: a + b, range(SEED * 100))
    lst = [1, 2]
    lst.append(lst)
    total += len(repr(lst)) + len(repr(d[str(SEED) + "-" + str(SEED)]))
    total += len(str(3 ** (1000 + SEED)))
    total += sys.intern("shared-" + str(SEED)) is sys.intern("shared-" + str(SEED))
    gc.collect()
    keys = "".join(sorted(k for k in d if k.startswith("1")))
    return [total, len(d), len(keys), int(MyInt(SEED).twice()), len(int.__subclasses__())]

for _ in range(ROUNDS):
    result = work(2000)
sys.set_int_max_str_digits(1000 * SEED)
digits = sys.get_int_max_str_digits()
)PY";

struct Outcome {
    bool ok = false;
    std::string error;
    std::string result;
    int64_t digits = 0;
};

Outcome run_workload(int seed, int rounds)
{
    Outcome out;
    auto vm = slpy::embed::VM::create({}, &out.error);
    if (!vm)
        return out;
    std::string source = "SEED = " + std::to_string(seed) + "\nROUNDS = " + std::to_string(rounds) + "\n" + kWorkload
        + "result_text = repr(result)\n";
    auto r = vm->run_string(source);
    if (!r) {
        out.error = r.error().traceback;
        return out;
    }
    auto text = vm->get_global("result_text");
    auto digits = vm->get_global("digits");
    if (!text || !digits) {
        out.error = "result missing";
        return out;
    }
    out.result = text.value().as_str();
    out.digits = digits.value().as_int();
    out.ok = true;
    return out;
}

// Files and signal settings, once process-wide: io's list of open files (written out when
// the VM goes), sys.setswitchinterval, and the signal VM (only a VM on the main thread may
// set signal handlers; elsewhere CPython's ValueError).
char const kIoSignals[] = R"PY(
import _signal, sys
sys.setswitchinterval(INTERVAL)
for i in range(ROUNDS):
    with open(PATH, "w") as f:
        for j in range(300):
            f.write(f"{SEED}:{i}:{j}\n")
    with open(PATH, "rb") as f:
        data = f.read()
    with open(PATH) as f:
        lines = f.read().splitlines()
left = open(PATH + ".open", "w")  # still open and unflushed when the VM goes
left.write("pending " + str(SEED))
hits = []
try:
    _signal.signal(_signal.SIGUSR1, lambda signum, frame: hits.append(signum))
    _signal.raise_signal(_signal.SIGUSR1)
    sig = "handled %d" % len(hits)
except ValueError as e:
    sig = str(e)
try:
    _signal.set_wakeup_fd(-1)
    wake = "set"
except ValueError as e:
    wake = str(e)
result_text = repr([len(lines), lines[-1], len(data), sig, wake, _signal.getsignal(_signal.SIGUSR2), sys.getswitchinterval()])
)PY";

std::string temp_path(int seed)
{
    return "/tmp/slpy_vm_threads_" + std::to_string(::getpid()) + "_" + std::to_string(seed);
}

std::string file_text(std::string const& path)
{
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Outcome run_io_signals(int seed, int rounds, double interval)
{
    Outcome out;
    std::string path = temp_path(seed);
    {
        auto vm = slpy::embed::VM::create({}, &out.error);
        if (!vm)
            return out;
        std::string source = "SEED = " + std::to_string(seed) + "\nROUNDS = " + std::to_string(rounds) + "\nINTERVAL = "
            + std::to_string(interval) + "\nPATH = '" + path + "'\n" + kIoSignals;
        auto r = vm->run_string(source);
        if (!r) {
            out.error = r.error().traceback;
            return out;
        }
        auto text = vm->get_global("result_text");
        if (!text) {
            out.error = "result missing";
            return out;
        }
        out.result = text.value().as_str();
    }
    // The VM is gone: its open file was written out.
    out.result += " | " + file_text(path + ".open");
    std::remove(path.c_str());
    std::remove((path + ".open").c_str());
    out.ok = true;
    return out;
}

bool sigusr1_is_default()
{
    struct sigaction sa {};
    return sigaction(SIGUSR1, nullptr, &sa) == 0 && sa.sa_handler == SIG_DFL;
}

} // namespace

TEST_CASE("files and signal settings: a VM of the main thread and two on other threads", "[vm-threads]")
{
    REQUIRE(sigusr1_is_default());
    char const kThreadError[] = "'signal only works in main thread of the main interpreter', "
                                "'set_wakeup_fd only works in main thread of the main interpreter'";
    constexpr int kRounds = 3;
    Outcome both[2];
    std::thread a([&] { both[0] = run_io_signals(11, kRounds, 0.25); });
    std::thread b([&] { both[1] = run_io_signals(12, kRounds, 0.5); });
    // Meanwhile a VM on the main thread handles a signal.
    Outcome main_vm = run_io_signals(10, kRounds, 0.125);
    a.join();
    b.join();
    INFO(main_vm.error << both[0].error << both[1].error);
    REQUIRE(main_vm.ok);
    REQUIRE(both[0].ok);
    REQUIRE(both[1].ok);
    CHECK(main_vm.result == "[300, '10:2:299', 2590, 'handled 1', 'set', 0, 0.125] | pending 10");
    CHECK(both[0].result == std::string("[300, '11:2:299', 2590, ") + kThreadError + ", 0, 0.25] | pending 11");
    CHECK(both[1].result == std::string("[300, '12:2:299', 2590, ") + kThreadError + ", 0, 0.5] | pending 12");
    // The main thread's VM put back the default disposition when it went.
    CHECK(sigusr1_is_default());
}

TEST_CASE("a VM destroyed, then another made, each running Python", "[vm-threads]")
{
    Outcome first = run_workload(1, 1);
    INFO(first.error);
    REQUIRE(first.ok);
    Outcome second = run_workload(1, 1);
    INFO(second.error);
    REQUIRE(second.ok);
    CHECK(second.result == first.result);
    CHECK(first.digits == 1000);
}

TEST_CASE("two VMs on two threads run concurrently and independently", "[vm-threads]")
{
    // Each seed's results from a VM alone, one after the other on this thread.
    Outcome alone1 = run_workload(1, 1);
    Outcome alone2 = run_workload(2, 1);
    INFO(alone1.error << alone2.error);
    REQUIRE(alone1.ok);
    REQUIRE(alone2.ok);
    REQUIRE(alone1.result != alone2.result);

    constexpr int kRounds = 3;
    Outcome both[2];
    std::thread a([&] { both[0] = run_workload(1, kRounds); });
    std::thread b([&] { both[1] = run_workload(2, kRounds); });
    a.join();
    b.join();
    INFO(both[0].error << both[1].error);
    REQUIRE(both[0].ok);
    REQUIRE(both[1].ok);
    CHECK(both[0].result == alone1.result);
    CHECK(both[1].result == alone2.result);
    // sys.set_int_max_str_digits is each VM's own.
    CHECK(both[0].digits == 1000);
    CHECK(both[1].digits == 2000);
}
