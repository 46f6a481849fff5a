// Unit tests of the garbage collector (objects/heap.h) through the runtime's own objects:
// values held only in C++ locals survive any number of collections intact (the
// conservative stack scan, interior pointers included), unreachable cycles are freed
// (live_bytes falls back), and a long run of short-lived allocations keeps memory flat.
//
// The memory test allocates 10 million objects and checks the process's peak RSS, so it
// must run in a process of its own: it is hidden ("[.]") from the default run and CTest
// runs it as unit_core_gc_memory (tests/CMakeLists.txt).
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/containers.h"
#include "objects/int.h"
#include "objects/string.h"

#include <sys/resource.h>

#include <cstdint>
#include <cstring>
#include <string>

using namespace slpy;

namespace {

// Allocates `n` rounds of garbage in the size classes the tests' live objects use, so
// that any cell the collector wrongly freed is handed out again and overwritten (the
// heap zeroes cells on allocation).
__attribute__((noinline)) void churn(VM& vm, int n)
{
    for (int i = 0; i < n; ++i) {
        Value s = str_value(vm, "garbage " + std::to_string(i));
        Tuple* t = tuple_pack(vm, { s, Value::small_int(i) });
        List* l = list_new(vm);
        if (!list_append(vm, l, Value::from_object(t)))
            FAIL("list_append failed");
        if (i % 64 == 0)
            (void)tuple_new(vm, 300); // a large object
    }
}

// Overwrites the dead part of the C stack below the caller, so stale copies of pointers
// left there by earlier calls cannot keep garbage alive through the conservative scan.
__attribute__((noinline)) void scrub_stack()
{
    char buffer[256 * 1024];
    std::memset(buffer, 0, sizeof buffer);
    // Keep the stores: without this the compiler drops a memset nobody reads.
    asm volatile("" : : "r"(buffer) : "memory");
}

size_t live_after_collect(VM& vm)
{
    scrub_stack();
    vm.heap.collect();
    return vm.heap.stats().live_bytes;
}

// Loop counts for churning: a thousand times smaller under GC stress, where each
// allocation runs a full collection.
int scaled(int n) { return test::gc_stress() ? n / 1000 + 1 : n; }

bool is_live(Object const* o) { return !(o->gc & GC_FREE) && o->type; }

// Builds a tuple of 200 ints and returns a pointer into the middle of its items only:
// the tuple is then reachable from nothing but an interior pointer.
__attribute__((noinline)) Value* make_interior(VM& vm)
{
    Tuple* t = tuple_new(vm, 200);
    for (size_t i = 0; i < t->size; ++i)
        t->items[i] = Value::small_int(int64_t(i) * 3);
    return &t->items[150];
}

// Makes `n` unreachable cycles of several shapes: two lists holding each other, a dict
// holding itself, a ring of lists. Returns the live bytes measured while a local list
// still holds them all (after a collection).
__attribute__((noinline)) size_t make_cycles(VM& vm, int n)
{
    List* holder = list_new(vm);
    for (int i = 0; i < n; ++i) {
        List* a = list_new(vm);
        List* b = list_new(vm);
        REQUIRE(list_append(vm, a, Value::from_object(b)));
        REQUIRE(list_append(vm, b, Value::from_object(a)));
        REQUIRE(list_append(vm, a, str_value(vm, "payload of cycle " + std::to_string(i))));
        REQUIRE(list_append(vm, holder, Value::from_object(a)));
        if (i % 10 == 0) {
            Dict* d = dict_new(vm);
            REQUIRE(dict_set(vm, d, Value::small_int(i), Value::from_object(d)));
            REQUIRE(dict_set(vm, d, str_value(vm, "self"), Value::from_object(d)));
            REQUIRE(list_append(vm, holder, Value::from_object(d)));
        }
        if (i % 100 == 0) {
            List* first = list_new(vm);
            List* prev = first;
            for (int j = 0; j < 50; ++j) {
                List* next = list_new(vm);
                REQUIRE(list_append(vm, prev, Value::from_object(next)));
                prev = next;
            }
            REQUIRE(list_append(vm, prev, Value::from_object(first)));
            REQUIRE(list_append(vm, holder, Value::from_object(first)));
        }
    }
    vm.heap.collect();
    size_t live = vm.heap.stats().live_bytes;
    // Still reachable here: make sure the collection above did not free any of it.
    REQUIRE(holder->size == size_t(n + (n + 9) / 10 + (n + 99) / 100));
    REQUIRE(is_live(holder->items()[0].as_object()));
    return live;
}

} // namespace

TEST_CASE("gc: objects held only by C++ locals survive collections intact", "[gc]")
{
    VM& vm = test::shared_vm();
    List* list = list_new(vm);
    for (int i = 0; i < 2000; ++i)
        REQUIRE(list_append(vm, list, str_value(vm, "item " + std::to_string(i))));
    Value text = str_value(vm, "a string held in a local");
    Value big = int_from_string(vm, "123456789012345678901234567890123456789", 10); // GMP limbs
    REQUIRE(is_bigint(big));
    Tuple* large = tuple_new(vm, 300); // above Heap::kMaxSmall: allocated on its own
    for (size_t i = 0; i < large->size; ++i)
        large->items[i] = Value::small_int(int64_t(i * i));
    Dict* dict = dict_new(vm);
    for (int i = 0; i < 500; ++i)
        REQUIRE(dict_set(vm, dict, str_value(vm, "k" + std::to_string(i)), Value::small_int(i)));
    Value* interior = make_interior(vm);

    size_t collections = vm.heap.stats().collections;
    for (int round = 0; round < 10; ++round) {
        churn(vm, scaled(20000));
        vm.heap.collect();
    }
    CHECK(vm.heap.stats().collections >= collections + 10);

    REQUIRE(is_live(list));
    CHECK(list->type == types.list);
    REQUIRE(list->size == 2000);
    bool items_ok = true;
    for (size_t i = 0; i < list->size; ++i) {
        String* s = as_str(list->items()[i]);
        items_ok = items_ok && s && is_live(s) && s->view() == "item " + std::to_string(i);
    }
    CHECK(items_ok);
    REQUIRE(is_live(text.as_object()));
    CHECK(as_str(text)->view() == "a string held in a local");
    REQUIRE(is_live(big.as_object()));
    CHECK(int_to_decimal(big) == "123456789012345678901234567890123456789");
    REQUIRE(is_live(large));
    bool large_ok = large->size == 300;
    for (size_t i = 0; i < large->size; ++i)
        large_ok = large_ok && large->items[i].as_int() == int64_t(i * i);
    CHECK(large_ok);
    REQUIRE(is_live(dict));
    CHECK(dict->used == 500);
    bool dict_ok = true;
    for (int i = 0; i < 500; ++i) {
        Value got = dict_get(vm, dict, str_value(vm, "k" + std::to_string(i)));
        dict_ok = dict_ok && got.is_int() && got.as_int() == i;
    }
    CHECK(dict_ok);
    // The tuple behind the interior pointer is alive and untouched.
    Object* owner = vm.heap.find_object(reinterpret_cast<uintptr_t>(interior));
    REQUIRE(owner);
    CHECK(owner->type == types.tuple);
    CHECK(interior[0].as_int() == 450);
    CHECK(interior[-150].as_int() == 0);
    CHECK(interior[49].as_int() == 597);
}

TEST_CASE("gc: unreachable cycles are collected", "[gc]")
{
    VM& vm = test::shared_vm();
    size_t base = live_after_collect(vm);
    int const n = scaled(20000);
    size_t with_cycles = make_cycles(vm, n);
    // Each pair of lists with its payload is well over 100 bytes.
    CHECK(with_cycles > base + size_t(n) * 100);
    size_t after = live_after_collect(vm);
    INFO("live bytes: base " << base << ", with cycles " << with_cycles << ", after " << after);
    // A stray word on the stack may still pin one cycle or so; never a fraction of them.
    CHECK(after < base + 64 * 1024);
    // And it stays down: collecting again frees nothing more and resurrects nothing.
    CHECK(live_after_collect(vm) <= after);
}

TEST_CASE("gc: the heap reuses freed cells instead of growing", "[gc]")
{
    VM& vm = test::shared_vm();
    live_after_collect(vm);
    churn(vm, scaled(100000));
    live_after_collect(vm);
    size_t blocks = vm.heap.stats().blocks;
    // Ten times as much garbage again: every cell it needs is already in the heap.
    for (int round = 0; round < 10; ++round) {
        churn(vm, scaled(100000));
        live_after_collect(vm);
    }
    CHECK(vm.heap.stats().blocks <= blocks + blocks / 10 + 4);
}

// Hidden: run alone by CTest (unit_core_gc_memory), since ru_maxrss is the whole
// process's peak.
TEST_CASE("gc: ten million short-lived objects keep memory flat", "[.][gc-memory]")
{
    VM& vm = test::shared_vm();
    size_t collections = vm.heap.stats().collections;
    int64_t checksum = 0;
    int64_t const n = 10'000'000;
    for (int64_t i = 0; i < n; ++i) {
        Tuple* t = tuple_pack(vm, { Value::small_int(i), py_none() });
        checksum += t->items[0].as_int();
        if (i % 10 == 0) {
            String* s = str_new(vm, "short-lived string");
            checksum += int64_t(s->length);
        }
    }
    CHECK(checksum == n * (n - 1) / 2 + (n / 10) * 18);
    CHECK(vm.heap.stats().collections >= collections + 5);

    struct rusage usage;
    REQUIRE(getrusage(RUSAGE_SELF, &usage) == 0);
    double peak_mib = double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
    INFO("peak RSS " << peak_mib << " MiB, heap blocks " << vm.heap.stats().blocks);
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer adds shadow memory and its own allocator's overhead.
    CHECK(peak_mib < 160.0);
#else
    CHECK(peak_mib < 100.0);
#endif
}
