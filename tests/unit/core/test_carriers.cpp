// Unit tests for the carrier pool (scheduler/carrier.h): stacks made on demand and
// reused, switching back and forth, the ranges given to the conservative GC scan, and
// every fiber ending cleanly.
#include <catch2/catch.hpp>

#include "scheduler/carrier.h"

#include <vector>

using namespace slpy;

namespace {

// What the carriers of one test do: each started carrier records its arrival, goes back
// to carrier 0, and ends when `stop` is set.
struct Script {
    CarrierPool* pool = nullptr;
    std::vector<size_t> arrivals;
    bool stop = false;
    uintptr_t local_address = 0; // an address on the last carrier's stack

    static Carrier* entry(void* user, Carrier* self)
    {
        auto* s = static_cast<Script*>(user);
        int marker = 0;
        s->local_address = reinterpret_cast<uintptr_t>(&marker);
        while (!s->stop) {
            s->arrivals.push_back(self->index);
            s->pool->switch_to(s->pool->thread_carrier());
        }
        return s->pool->thread_carrier();
    }
};

} // namespace

TEST_CASE("carrier pool grows on demand and reuses freed carriers", "[carriers]")
{
    Script s;
    CarrierPool pool(64u << 10, &Script::entry, &s);
    s.pool = &pool;
    REQUIRE(pool.size() == 1);
    REQUIRE(pool.running() == pool.thread_carrier());
    REQUIRE(pool.stack_size() == (64u << 10));

    // Three acquired at once: three new stacks.
    Carrier* a = pool.acquire();
    Carrier* b = pool.acquire();
    Carrier* c = pool.acquire();
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    CHECK(pool.size() == 4);
    CHECK(a != b);
    CHECK(b != c);
    CHECK(a->high - a->low >= (64u << 10) - 4096);

    pool.switch_to(a);
    pool.switch_to(b);
    pool.switch_to(a);
    CHECK(pool.running() == pool.thread_carrier());
    CHECK(s.arrivals == std::vector<size_t>{ a->index, b->index, a->index });
    CHECK(s.local_address >= b->low); // b started last
    CHECK(s.local_address < b->high);

    // Released, then acquired again: no new stack, the last freed first.
    pool.release(a);
    pool.release(b);
    CHECK(pool.free_count() == 2);
    CHECK(pool.acquire() == b);
    CHECK(pool.acquire() == a);
    CHECK(pool.size() == 4);
    REQUIRE(pool.reserve());
    CHECK(pool.free_count() == 1);
    CHECK(pool.size() == 5);

    // The GC sees carrier 0 as running and every started carrier from its saved sp.
    std::vector<Heap::StackRange> ranges;
    pool.stack_ranges(ranges);
    REQUIRE(ranges.size() == 3); // carrier 0, a, b (c and the reserve never ran)
    CHECK(ranges[0].current);
    for (size_t i = 1; i < ranges.size(); ++i) {
        CHECK(!ranges[i].current);
        CHECK(ranges[i].low < ranges[i].high);
    }
    bool covers = false;
    for (auto const& r : ranges)
        covers |= !r.current && s.local_address >= r.low && s.local_address < r.high;
    CHECK(covers);

    // Every started fiber ends by returning to carrier 0; reclaim drops them.
    s.stop = true;
    pool.switch_to(a);
    pool.switch_to(b);
    CHECK(a->finished);
    CHECK(b->finished);
    pool.reclaim();
    CHECK(pool.size() == 3);
    CHECK(pool.running() == pool.thread_carrier());
}

TEST_CASE("carrier pool holds a thousand suspended carriers", "[carriers]")
{
    Script s;
    CarrierPool pool(64u << 10, &Script::entry, &s);
    s.pool = &pool;
    std::vector<Carrier*> all;
    for (int i = 0; i < 1000; ++i) {
        Carrier* c = pool.acquire();
        REQUIRE(c);
        pool.switch_to(c);
        all.push_back(c);
    }
    CHECK(pool.size() == 1001);
    CHECK(s.arrivals.size() == 1000);
    s.stop = true;
    for (Carrier* c : all) {
        pool.switch_to(c);
        CHECK(c->finished);
    }
    pool.reclaim();
    CHECK(pool.size() == 1);
}
