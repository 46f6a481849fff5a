// Unit tests of running out of memory (objects/heap.h): every refused request, heap
// object or native buffer, ends in MemoryError pending and a null/false result, through
// the heap's one failure path; the emergency reserve is given back then and taken again
// by the next collection; GMP operations are sized before GMP runs.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/containers.h"
#include "objects/int.h"
#include "objects/string.h"

#include <cstdint>
#include <new>
#include <string>
#include <vector>

using namespace slpy;

namespace {

// The pending error is a MemoryError with no arguments, as CPython's; it is cleared.
bool took_memory_error(VM& vm)
{
    bool ok = vm.error_matches(exc::MemoryError);
    vm.clear_error();
    return ok;
}

} // namespace

TEST_CASE("memory: requests no address space can hold fail at once with MemoryError", "[memory]")
{
    VM& vm = test::shared_vm();
    CHECK(vm.heap.allocate(types.tuple, SIZE_MAX) == nullptr);
    CHECK(took_memory_error(vm));
    CHECK(tuple_new(vm, size_t(1) << 61) == nullptr); // 2**64 bytes: saturates, no wrap-around
    CHECK(took_memory_error(vm));
    CHECK(list_new(vm, size_t(1) << 60) == nullptr);
    CHECK(took_memory_error(vm));
    CHECK(str_alloc(vm, SIZE_MAX - 8) == nullptr);
    CHECK(took_memory_error(vm));
    CHECK(raw_buffer_new(vm, size_t(1) << 50) == nullptr);
    CHECK(took_memory_error(vm));
    // The heap goes on working.
    Tuple* t = tuple_new(vm, 3);
    REQUIRE(t != nullptr);
    CHECK(t->size == 3);
    CHECK_FALSE(vm.has_error());
}

TEST_CASE("memory: Heap::array_bytes saturates instead of wrapping", "[memory]")
{
    CHECK(Heap::array_bytes(16, 4, 8) == 48);
    CHECK(Heap::array_bytes(16, SIZE_MAX / 4, 8) == SIZE_MAX);
    CHECK(Heap::array_bytes(SIZE_MAX - 1, 1, 2) == SIZE_MAX);
}

TEST_CASE("memory: the emergency reserve is given back on failure and taken again by a collection", "[memory]")
{
    VM& vm = test::shared_vm();
    vm.heap.collect();
    REQUIRE(vm.heap.has_reserve());
    CHECK(vm.heap.allocate(types.tuple, SIZE_MAX / 2) == nullptr);
    CHECK(took_memory_error(vm));
    if (!test::gc_stress()) // (under stress, raising itself collected)
        CHECK_FALSE(vm.heap.has_reserve());
    vm.heap.collect();
    CHECK(vm.heap.has_reserve());
}

TEST_CASE("memory: native buffers of user-controlled size go through the heap", "[memory]")
{
    VM& vm = test::shared_vm();
    CHECK_FALSE(vm.heap.reserve_external(SIZE_MAX));
    CHECK(took_memory_error(vm));
    CHECK(vm.heap.reserve_external(size_t(4) << 20));
    CHECK_FALSE(vm.has_error());

    std::string s = "abc";
    CHECK_FALSE(vm.heap.reserve_buffer(s, size_t(1) << 62));
    CHECK(took_memory_error(vm));
    CHECK(s == "abc");
    CHECK(vm.heap.reserve_buffer(s, 1000));
    CHECK(s.capacity() >= 1000);
    CHECK(vm.heap.append_buffer(s, std::string_view("def")));
    CHECK(s == "abcdef");

    std::vector<uint32_t> v;
    CHECK_FALSE(vm.heap.reserve_buffer(v, size_t(1) << 61));
    CHECK(took_memory_error(vm));

    // std::bad_alloc from a native builder: one more run after a collection, then MemoryError.
    int runs = 0;
    CHECK_FALSE(vm.heap.native_build([&] {
        ++runs;
        throw std::bad_alloc();
    }));
    CHECK(runs == 2);
    CHECK(took_memory_error(vm));
    runs = 0;
    CHECK(vm.heap.native_build([&] {
        if (++runs == 1)
            throw std::bad_alloc(); // a collection made room
    }));
    CHECK(runs == 2);
    CHECK_FALSE(vm.has_error());
}

TEST_CASE("memory: big-number results are sized before GMP runs", "[memory]")
{
    VM& vm = test::shared_vm();
    CHECK(int_reserve_bits(vm, 1000));
    CHECK_FALSE(int_reserve_bits(vm, uint64_t(1) << 62));
    CHECK(took_memory_error(vm));
    // 2**(2**40) would need 128 GiB: MemoryError before any work.
    Value big = int_pow(vm, Value::small_int(2), int_from_i64(vm, int64_t(1) << 40), Value::null());
    CHECK(big.is_null());
    CHECK(took_memory_error(vm));
    Value x = int_lshift(vm, Value::small_int(1), Value::small_int(1000));
    REQUIRE(!x.is_null());
    CHECK(int_bit_length(int_mul(vm, x, x)) == 2001);
}
