// Unit tests of the containers' native behaviour: slice arithmetic, list.sort, the set
// table layout (iteration order as CPython 3.11), tuple/frozenset hashes, dict methods.
// They need a VM (types and their methods) but no interpreter.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/string.h"

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace slpy;

namespace {

VM& test_vm() { return test::shared_vm(); }

constexpr int64_t N = INT64_MIN; // "None" in the slice table

struct SliceCase {
    int64_t length, start, stop, step;
    int64_t want_start, want_stop, want_step, want_len;
};

// Generated with CPython 3.11: slice(start, stop, step).indices(length) and
// len(range(length)[slice]).
SliceCase const kSliceCases[] = {
    { 5, 0, 9, -3, 0, 4, -3, 0 },
    { 1, N, -1, -1, 0, 0, -1, 0 },
    { 5, 100, 100, -1, 4, 4, -1, 0 },
    { 1, -1, 10, 2, 0, 1, 2, 1 },
    { 10, -11, 9, 7, 0, 9, 7, 2 },
    { 5, 10, -10, -1, 4, -1, -1, 5 },
    { 10, 10, 0, -1, 9, 0, -1, 9 },
    { 10, -1, -11, -1, 9, -1, -1, 10 },
    { 5, 100, 11, N, 5, 5, 1, 0 },
    { 5, 3, -10, N, 3, 0, 1, 0 },
    { 10, 9, -1, 1, 9, 9, 1, 0 },
    { 5, -100, 10, 7, 0, 5, 7, 1 },
    { 0, -100, 0, 2, 0, 0, 2, 0 },
    { 10, -1, -100, 2, 9, 0, 2, 0 },
    { 1, 11, -1, 7, 1, 0, 7, 0 },
    { 10, -100, 9, 2, 0, 9, 2, 5 },
    { 10, 10, 0, 7, 10, 0, 7, 0 },
    { 1, N, -100, N, 0, 0, 1, 0 },
    { 5, 3, -100, N, 3, 0, 1, 0 },
    { 0, -11, 9, -1, -1, -1, -1, 0 },
    { 10, 3, -3, N, 3, 7, 1, 4 },
    { 0, 3, -10, N, 0, 0, 1, 0 },
    { 0, -1, 100, -3, -1, -1, -3, 0 },
    { 1, 0, 0, 2, 0, 0, 2, 0 },
    { 1, 11, 3, -3, 0, 0, -3, 0 },
    { 10, 0, 1, 7, 0, 1, 7, 1 },
    { 0, 100, 100, -3, -1, -1, -3, 0 },
    { 1, 0, 100, 7, 0, 1, 7, 1 },
    { 5, -11, 1, -3, -1, 1, -3, 0 },
    { 0, -1, -3, 1, 0, 0, 1, 0 },
    { 5, -3, -100, 2, 2, 0, 2, 0 },
    { 1, N, -100, -3, 0, -1, -3, 1 },
    { 0, N, 3, 7, 0, 0, 7, 0 },
    { 5, 100, -1, N, 5, 4, 1, 0 },
    { 0, 11, -3, 7, 0, 0, 7, 0 },
    { 1, 3, -1, 1, 1, 0, 1, 0 },
    { 1, -100, 3, 2, 0, 1, 2, 1 },
    { 0, 9, 1, -3, -1, -1, -3, 0 },
    { 10, 9, -100, 1, 9, 0, 1, 0 },
    { 10, 0, 1, -3, 0, 1, -3, 0 },
    { 10, -100, -11, 2, 0, 0, 2, 0 },
    { 1, 1, -1, 7, 1, 0, 7, 0 },
    { 0, 3, -3, 7, 0, 0, 7, 0 },
    { 10, -100, N, N, 0, 10, 1, 10 },
    { 10, -11, 11, -3, -1, 9, -3, 0 },
    { 0, -10, 10, N, 0, 0, 1, 0 },
    { 0, 1, -10, 2, 0, 0, 2, 0 },
    { 5, 0, -1, 7, 0, 4, 7, 1 },
    { 5, 0, -1, 1, 0, 4, 1, 4 },
    { 1, 10, -3, 2, 1, 0, 2, 0 },
    { 0, 0, 3, -1, -1, -1, -1, 0 },
    { 0, 0, 100, -3, -1, -1, -3, 0 },
    { 0, N, -100, -3, -1, -1, -3, 0 },
    { 10, 100, N, 2, 10, 10, 2, 0 },
    { 10, 0, 9, 7, 0, 9, 7, 2 },
    { 0, N, -10, 1, 0, 0, 1, 0 },
    { 0, 10, 100, 7, 0, 0, 7, 0 },
    { 10, -100, 3, N, 0, 3, 1, 3 },
    { 0, 11, -3, N, 0, 0, 1, 0 },
    { 10, 11, -1, -1, 9, 9, -1, 0 },
    { 10, 100, 1, 1, 10, 1, 1, 0 },
    { 0, 3, 9, -3, -1, -1, -3, 0 },
    { 10, 0, 10, 1, 0, 10, 1, 10 },
    { 0, 3, 9, 1, 0, 0, 1, 0 },
    { 1, -11, -11, -1, -1, -1, -1, 0 },
    { 1, -10, 0, N, 0, 0, 1, 0 },
    { 10, 11, 0, -1, 9, 0, -1, 9 },
    { 0, 10, -1, 2, 0, 0, 2, 0 },
    { 5, -11, -3, N, 0, 2, 1, 2 },
    { 10, 1, N, N, 1, 10, 1, 9 },
    { 5, 9, 1, 2, 5, 1, 2, 0 },
    { 5, 0, 11, N, 0, 5, 1, 5 },
    { 0, 10, 9, 2, 0, 0, 2, 0 },
    { 0, 9, 1, N, 0, 0, 1, 0 },
    { 10, 10, -1, -1, 9, 9, -1, 0 },
    { 10, 11, 11, -3, 9, 9, -3, 0 },
    { 0, 10, -3, -1, -1, -1, -1, 0 },
    { 10, 11, 9, 7, 10, 9, 7, 0 },
    { 10, 11, 3, 7, 10, 3, 7, 0 },
    { 10, 1, 100, N, 1, 10, 1, 9 },
    { 1, 1, -100, 1, 1, 0, 1, 0 },
    { 1, -11, 3, 7, 0, 1, 7, 1 },
    { 0, -100, -100, 2, 0, 0, 2, 0 },
    { 1, -1, 100, 1, 0, 1, 1, 1 },
    { 1, 3, 10, -3, 0, 0, -3, 0 },
    { 10, 10, -100, 7, 10, 0, 7, 0 },
    { 0, 1, 3, -1, -1, -1, -1, 0 },
    { 1, N, 11, N, 0, 1, 1, 1 },
    { 0, -10, -1, -1, -1, -1, -1, 0 },
    { 1, -3, -1, 1, 0, 0, 1, 0 },
    { 1, -11, 10, 2, 0, 1, 2, 1 },
    { 10, -10, 100, N, 0, 10, 1, 10 },
    { 5, -1, 3, 2, 4, 3, 2, 0 },
    { 5, -3, 10, N, 2, 5, 1, 3 },
    { 0, N, -11, -3, -1, -1, -3, 0 },
    { 5, -1, -10, 7, 4, 0, 7, 0 },
    { 5, 11, -11, N, 5, 0, 1, 0 },
    { 1, -3, 9, 2, 0, 1, 2, 1 },
    { 0, -10, 0, N, 0, 0, 1, 0 },
    { 1, -10, -10, 1, 0, 0, 1, 0 },
    { 1, -1, 3, 1, 0, 1, 1, 1 },
    { 10, -10, 100, 2, 0, 10, 2, 5 },
    { 1, -10, N, 7, 0, 1, 7, 1 },
    { 1, 100, -10, -3, 0, -1, -3, 1 },
    { 5, 10, 1, -1, 4, 1, -1, 3 },
    { 1, -10, 1, 1, 0, 1, 1, 1 },
    { 0, 9, 9, N, 0, 0, 1, 0 },
    { 1, 100, -10, 1, 1, 0, 1, 0 },
    { 1, 11, 10, 1, 1, 1, 1, 0 },
    { 5, 11, N, N, 5, 5, 1, 0 },
    { 0, 9, -10, -3, -1, -1, -3, 0 },
    { 0, -11, 100, 7, 0, 0, 7, 0 },
    { 1, N, -1, 7, 0, 0, 7, 0 },
    { 10, 100, -11, 2, 10, 0, 2, 0 },
    { 10, 10, -3, N, 10, 7, 1, 0 },
    { 0, -100, -11, 1, 0, 0, 1, 0 },
    { 10, 10, 11, N, 10, 10, 1, 0 },
    { 10, N, -3, 7, 0, 7, 7, 1 },
    { 1, -1, 10, N, 0, 1, 1, 1 },
    { 10, -1, -3, 2, 9, 7, 2, 0 },
    { 1, 3, -11, 7, 1, 0, 7, 0 },
    { 0, N, 100, -1, -1, -1, -1, 0 },
    { 5, -11, 10, 2, 0, 5, 2, 3 },
    { 10, -11, -3, 2, 0, 7, 2, 4 },
    { 1, 3, 100, 7, 1, 1, 7, 0 },
    { 1, 0, -11, 7, 0, 0, 7, 0 },
    { 1, 0, 9, 7, 0, 1, 7, 1 },
    { 5, -3, -3, 7, 2, 2, 7, 0 },
    { 10, -1, -11, -3, 9, -1, -3, 4 },
    { 0, N, 0, -3, -1, -1, -3, 0 },
    { 1, 10, 10, N, 1, 1, 1, 0 },
    { 0, -11, -1, 7, 0, 0, 7, 0 },
    { 0, 9, 0, 1, 0, 0, 1, 0 },
    { 5, 0, 9, 2, 0, 5, 2, 3 },
    { 10, 11, -11, N, 10, 0, 1, 0 },
    { 10, 11, -100, 1, 10, 0, 1, 0 },
    { 0, 10, -3, N, 0, 0, 1, 0 },
    { 0, 0, -10, -3, -1, -1, -3, 0 },
    { 10, N, 3, 7, 0, 3, 7, 1 },
    { 0, 100, 11, 7, 0, 0, 7, 0 },
    { 10, 9, 10, 1, 9, 10, 1, 1 },
    { 10, -3, N, -1, 7, -1, -1, 8 },
    { 10, 10, 0, N, 10, 0, 1, 0 },
    { 1, 11, -10, 1, 1, 0, 1, 0 },
    { 1, -1, -100, N, 0, 0, 1, 0 },
    { 5, N, 11, 7, 0, 5, 7, 1 },
    { 1, -1, 3, -3, 0, 0, -3, 0 },
    { 10, 1, 11, -1, 1, 9, -1, 0 },
    { 5, -100, 1, -3, -1, 1, -3, 0 },
    { 1, N, -11, -3, 0, -1, -3, 1 }
};

Value opt(int64_t v) { return v == N ? py_none() : Value::small_int(v); }

std::string repr_of(VM& vm, Value v)
{
    REQUIRE(!v.is_null());
    Value r = repr(vm, v);
    REQUIRE(!r.is_null());
    return std::string(as_str(r)->view());
}

std::vector<int64_t> ints_of(VM& vm, Value iterable)
{
    std::vector<int64_t> out;
    Value it = get_iter(vm, iterable);
    REQUIRE(!it.is_null());
    for (;;) {
        Value v = iter_next(vm, it);
        REQUIRE(!v.is_null());
        if (v.is_stop_iteration())
            break;
        REQUIRE(v.is_int());
        out.push_back(v.as_int());
    }
    return out;
}

// Key function for the stability test: the first item of a tuple.
Value first_item(VM&, Value const* args, size_t, Tuple*) { return as_tuple(args[0])->items[0]; }

List* g_mutated_list = nullptr;
Value mutating_key(VM& vm, Value const* args, size_t, Tuple*)
{
    (void)list_append(vm, g_mutated_list, Value::small_int(0));
    return args[0];
}

Value make_set(VM& vm, std::initializer_list<int64_t> xs)
{
    Value s = set_new(vm);
    for (int64_t x : xs)
        REQUIRE(set_add(vm, as_set(s), Value::small_int(x)));
    return s;
}

} // namespace

TEST_CASE("slice_indices matches CPython's PySlice_Unpack + AdjustIndices", "[slice]")
{
    VM& vm = test_vm();
    for (SliceCase const& c : kSliceCases) {
        Value s = slice_new(vm, opt(c.start), opt(c.stop), opt(c.step));
        int64_t start, stop, step, n;
        REQUIRE(slice_indices(vm, s, c.length, start, stop, step, n));
        INFO("len " << c.length << " slice(" << c.start << ", " << c.stop << ", " << c.step << ")");
        CHECK(n == c.want_len);
        CHECK(step == c.want_step);
        if (n > 0)
            CHECK(start == c.want_start);
    }
}

TEST_CASE("slice edge cases: zero step, huge bounds, bad types", "[slice]")
{
    VM& vm = test_vm();
    int64_t start, stop, step, n;
    Value zero = slice_new(vm, py_none(), py_none(), Value::small_int(0));
    CHECK_FALSE(slice_indices(vm, zero, 5, start, stop, step, n));
    CHECK(vm.error_matches(exc::ValueError));
    vm.clear_error();

    // Big ints are clamped to the int64 range.
    Value huge = int_from_string(vm, "100000000000000000000000", 10);
    Value neg_huge = int_from_string(vm, "-100000000000000000000000", 10);
    REQUIRE(!huge.is_null());
    REQUIRE(!neg_huge.is_null());
    REQUIRE(slice_indices(vm, slice_new(vm, neg_huge, huge, py_none()), 7, start, stop, step, n));
    CHECK(start == 0);
    CHECK(stop == 7);
    CHECK(n == 7);
    REQUIRE(slice_indices(vm, slice_new(vm, huge, neg_huge, neg_huge), 7, start, stop, step, n));
    CHECK(start == 6);
    CHECK(stop == -1);
    CHECK(step == -INT64_MAX);
    CHECK(n == 1);

    Value bad = slice_new(vm, str_value(vm, "a"), py_none(), py_none());
    CHECK_FALSE(slice_indices(vm, bad, 5, start, stop, step, n));
    CHECK(vm.error_matches(exc::TypeError));
    vm.clear_error();

    CHECK(repr_of(vm, slice_new(vm, Value::small_int(1), py_none(), str_value(vm, "x"))) == "slice(1, None, 'x')");
}

TEST_CASE("list.sort is stable, with and without reverse", "[list][sort]")
{
    VM& vm = test_vm();
    std::mt19937 rng(42);
    Value key = Value::from_object(builtin_function_new(vm, "first", first_item));
    for (size_t size : { 0u, 1u, 2u, 7u, 63u, 64u, 65u, 200u, 1000u, 5000u }) {
        List* l = list_new(vm);
        std::vector<std::pair<int64_t, int64_t>> ref;
        for (size_t i = 0; i < size; ++i) {
            int64_t k = static_cast<int64_t>(rng() % 17);
            Tuple* t = tuple_pack(vm, { Value::small_int(k), Value::small_int(static_cast<int64_t>(i)) });
            REQUIRE(list_append(vm, l, Value::from_object(t)));
            ref.push_back({ k, static_cast<int64_t>(i) });
        }
        for (bool reverse : { false, true }) {
            List* copy = list_from_array(vm, l->items(), l->size);
            REQUIRE(list_sort(vm, copy, key, reverse));
            auto expected = ref;
            std::stable_sort(expected.begin(), expected.end(), [&](auto const& a, auto const& b) {
                return reverse ? a.first > b.first : a.first < b.first;
            });
            REQUIRE(copy->size == size);
            for (size_t i = 0; i < size; ++i) {
                Tuple* t = as_tuple(copy->items()[i]);
                REQUIRE(t->items[0].as_int() == expected[i].first);
                REQUIRE(t->items[1].as_int() == expected[i].second);
            }
        }
        // Without a key: tuples compare lexicographically (the index breaks ties).
        List* copy = list_from_array(vm, l->items(), l->size);
        REQUIRE(list_sort(vm, copy, Value::null(), false));
        auto expected = ref;
        std::sort(expected.begin(), expected.end());
        for (size_t i = 0; i < size; ++i)
            REQUIRE(as_tuple(copy->items()[i])->items[1].as_int() == expected[i].second);
    }
}

TEST_CASE("list.sort orders ints, floats, strings and mixed numbers", "[list][sort]")
{
    VM& vm = test_vm();
    std::mt19937 rng(7);
    List* l = list_new(vm);
    std::vector<int64_t> ref;
    for (int i = 0; i < 3000; ++i) {
        int64_t v = static_cast<int64_t>(rng() % 100000) - 50000;
        ref.push_back(v);
        REQUIRE(list_append(vm, l, Value::small_int(v)));
    }
    // Runs in the input: a descending block and an ascending block.
    for (int i = 0; i < 500; ++i) {
        ref.push_back(1000 - i);
        REQUIRE(list_append(vm, l, Value::small_int(1000 - i)));
    }
    for (int i = 0; i < 500; ++i) {
        ref.push_back(i);
        REQUIRE(list_append(vm, l, Value::small_int(i)));
    }
    REQUIRE(list_sort(vm, l, Value::null(), false));
    std::sort(ref.begin(), ref.end());
    REQUIRE(ints_of(vm, Value::from_object(l)) == ref);

    List* strs = list_new(vm);
    for (char const* s : { "pear", "apple", "fig", "banana", "apple", "" })
        REQUIRE(list_append(vm, strs, str_value(vm, s)));
    REQUIRE(list_sort(vm, strs, py_none(), true));
    CHECK(repr_of(vm, Value::from_object(strs)) == "['pear', 'fig', 'banana', 'apple', 'apple', '']");

    List* mixed = list_new(vm);
    for (Value v : { Value::from_double(2.5), Value::small_int(1), Value::from_double(-1.0), Value::small_int(3) })
        REQUIRE(list_append(vm, mixed, v));
    REQUIRE(list_sort(vm, mixed, Value::null(), false));
    CHECK(repr_of(vm, Value::from_object(mixed)) == "[-1.0, 1, 2.5, 3]");

    // Incomparable items: TypeError, the list keeps all its items.
    List* bad = list_new(vm);
    REQUIRE(list_append(vm, bad, Value::small_int(1)));
    REQUIRE(list_append(vm, bad, str_value(vm, "a")));
    CHECK_FALSE(list_sort(vm, bad, Value::null(), false));
    CHECK(vm.error_matches(exc::TypeError));
    vm.clear_error();
    CHECK(bad->size == 2);
}

TEST_CASE("list.sort detects a list modified by the key function", "[list][sort]")
{
    VM& vm = test_vm();
    List* l = list_new(vm);
    for (int i = 0; i < 5; ++i)
        REQUIRE(list_append(vm, l, Value::small_int(5 - i)));
    g_mutated_list = l;
    Value key = Value::from_object(builtin_function_new(vm, "mutate", mutating_key));
    CHECK_FALSE(list_sort(vm, l, key, false));
    CHECK(vm.error_matches(exc::ValueError));
    vm.clear_error();
    g_mutated_list = nullptr;
    CHECK(ints_of(vm, Value::from_object(l)) == std::vector<int64_t> { 1, 2, 3, 4, 5 });
}

TEST_CASE("set iteration order follows CPython's table layout", "[set]")
{
    VM& vm = test_vm();
    std::vector<int64_t> xs = { -16, 95, 166, 155, 145, -34, 15, -20, 76, 144, 65, 70, 116, 47, 151, 3, -26, 74, -43, 178,
                                163, 49, 60, 105, 195, 146, -50, 128, 64, 18, 134, 196, 8, 101, -24, 31, 181, -45, -44, 187 };
    Value sv = set_new(vm);
    SetObject* s = as_set(sv);
    for (int64_t x : xs)
        REQUIRE(set_add(vm, s, Value::small_int(x)));
    CHECK(ints_of(vm, sv) == std::vector<int64_t> { 128, 3, 134, 8, 15, 144, 145, 146, 18, 151, 155, 31, 163, 166,
                                                    47, 49, 178, 181, 187, 60, 64, 65, 195, 196, 70, 74, 76, -50,
                                                    -45, -44, -43, -34, 95, 101, -26, -24, 105, -20, -16, 116 });
    for (size_t i = 0; i < xs.size(); i += 3)
        REQUIRE(set_discard(vm, s, Value::small_int(xs[i])) == 1);
    for (int64_t x = 300; x < 310; ++x)
        REQUIRE(set_add(vm, s, Value::small_int(x)));
    CHECK(ints_of(vm, sv) == std::vector<int64_t> { 8, 145, 146, 18, 151, 31, 163, 166, 300, 301, 302, 47, 303, 304,
                                                    178, 305, 306, 307, 308, 309, 60, 64, 65, 196, 70, 74, 76, -50,
                                                    -45, -44, -34, 95, -26, -24, 105, -20 });
    CHECK(set_contains(vm, s, Value::small_int(309)) == 1);
    CHECK(set_contains(vm, s, Value::small_int(-16)) == 0);

    Value small = make_set(vm, { 3, 1, 2 });
    CHECK(repr_of(vm, small) == "{1, 2, 3}");
    // Colliding keys: adding them one by one, then copying (set_merge's own layout).
    Value collide = make_set(vm, { 8, 16, 0, 24, 1 });
    CHECK(repr_of(vm, collide) == "{0, 1, 8, 16, 24}");
    Value merged = set_new(vm, collide);
    CHECK(repr_of(vm, merged) == "{0, 1, 16, 8, 24}");
    CHECK(repr_of(vm, frozenset_new(vm, collide)) == "frozenset({0, 1, 16, 8, 24})");
    CHECK(repr_of(vm, binary_op(vm, collide, make_set(vm, { 2 }), BinOpArg::OR)) == "{0, 1, 16, 2, 8, 24}");
    CHECK(repr_of(vm, set_new(vm)) == "set()");
    CHECK(repr_of(vm, frozenset_new(vm, small)) == "frozenset({1, 2, 3})");

    // Iterating while the size changes is an error.
    Value it = get_iter(vm, small);
    REQUIRE(!iter_next(vm, it).is_null());
    REQUIRE(set_add(vm, as_set(small), Value::small_int(50)));
    CHECK(iter_next(vm, it).is_null());
    CHECK(vm.error_matches(exc::RuntimeError));
    vm.clear_error();
}

TEST_CASE("tuple and frozenset hashes match CPython 3.11", "[hash]")
{
    VM& vm = test_vm();
    int64_t h;
    REQUIRE(tuple_hash(vm, tuple_pack(vm, { Value::small_int(1), Value::small_int(2) }), h));
    CHECK(h == -3550055125485641917LL);
    REQUIRE(tuple_hash(vm, empty_tuple(), h));
    CHECK(h == 5740354900026072187LL);
    Tuple* inner = tuple_pack(vm, { Value::small_int(2), Value::small_int(-1) });
    REQUIRE(tuple_hash(vm, tuple_pack(vm, { Value::small_int(1), Value::from_object(inner), Value::small_int(-2) }), h));
    CHECK(h == -1497067824331586447LL);

    std::vector<int64_t> xs = { -16, 95, 166, 155, 145, -34, 15, -20, 76, 144, 65, 70, 116, 47, 151, 3, -26, 74, -43, 178,
                                163, 49, 60, 105, 195, 146, -50, 128, 64, 18, 134, 196, 8, 101, -24, 31, 181, -45, -44, 187 };
    List* l = list_new(vm);
    for (int64_t x : xs)
        REQUIRE(list_append(vm, l, Value::small_int(x)));
    Value f = frozenset_new(vm, Value::from_object(l));
    REQUIRE(hash(vm, f, h));
    CHECK(h == 114240132373406344LL);
    REQUIRE(hash(vm, frozenset_new(vm), h));
    CHECK(h == 133146708735736LL);
}

TEST_CASE("set algebra through the operator slots", "[set]")
{
    VM& vm = test_vm();
    Value a = make_set(vm, { 1, 2, 3, 4 });
    Value b = make_set(vm, { 3, 4, 5 });
    CHECK(repr_of(vm, binary_op(vm, a, b, BinOpArg::OR)) == "{1, 2, 3, 4, 5}");
    CHECK(repr_of(vm, binary_op(vm, a, b, BinOpArg::AND)) == "{3, 4}");
    CHECK(repr_of(vm, binary_op(vm, a, b, BinOpArg::SUBTRACT)) == "{1, 2}");
    CHECK(repr_of(vm, binary_op(vm, a, b, BinOpArg::XOR)) == "{1, 2, 5}");
    CHECK(rich_compare_bool(vm, make_set(vm, { 1, 2 }), a, CmpArg::LE) == 1);
    CHECK(rich_compare_bool(vm, make_set(vm, { 1, 2 }), make_set(vm, { 1, 2 }), CmpArg::LT) == 0);
    CHECK(rich_compare_bool(vm, frozenset_new(vm, a), a, CmpArg::EQ) == 1);
    Value f = frozenset_new(vm, a);
    CHECK(type_of(binary_op(vm, f, b, BinOpArg::OR)) == types.frozenset);
    CHECK(type_of(binary_op(vm, b, f, BinOpArg::OR)) == types.set);
}

TEST_CASE("dict methods: views, reversed iteration, repr, size changes", "[dict]")
{
    VM& vm = test_vm();
    Dict* d = dict_new(vm);
    for (int64_t i = 0; i < 5; ++i)
        REQUIRE(dict_set(vm, d, Value::small_int(i * 10), str_value(vm, std::string(1, char('a' + i)))));
    Value dv = Value::from_object(d);
    CHECK(repr_of(vm, dv) == "{0: 'a', 10: 'b', 20: 'c', 30: 'd', 40: 'e'}");
    CHECK(repr_of(vm, dict_view_new(vm, dv, 0)) == "dict_keys([0, 10, 20, 30, 40])");
    CHECK(repr_of(vm, dict_view_new(vm, dv, 2)) == "dict_items([(0, 'a'), (10, 'b'), (20, 'c'), (30, 'd'), (40, 'e')])");
    CHECK(ints_of(vm, dict_iter_new(vm, dv, 0, true)) == std::vector<int64_t> { 40, 30, 20, 10, 0 });
    Value s = make_set(vm, { 20, 99 });
    CHECK(repr_of(vm, binary_op(vm, dict_view_new(vm, dv, 0), s, BinOpArg::AND)) == "{20}");
    CHECK(repr_of(vm, binary_op(vm, dict_view_new(vm, dv, 0), s, BinOpArg::SUBTRACT)) == "{0, 40, 10, 30}");

    // A dict that contains itself.
    REQUIRE(dict_set(vm, d, Value::small_int(50), dv));
    CHECK(repr_of(vm, dv) == "{0: 'a', 10: 'b', 20: 'c', 30: 'd', 40: 'e', 50: {...}}");

    // Size change during iteration.
    Value it = dict_iter_new(vm, dv, 0, false);
    REQUIRE(!iter_next(vm, it).is_null());
    REQUIRE(dict_set(vm, d, Value::small_int(1000), py_none()));
    CHECK(iter_next(vm, it).is_null());
    CHECK(vm.error_matches(exc::RuntimeError));
    vm.clear_error();
}

TEST_CASE("range and list reprs and iteration", "[range][list]")
{
    VM& vm = test_vm();
    Value r = call(vm, Value::from_object(types.range), std::vector<Value> { Value::small_int(0), Value::small_int(10), Value::small_int(3) }.data(), 3);
    REQUIRE(!r.is_null());
    CHECK(repr_of(vm, r) == "range(0, 10, 3)");
    CHECK(ints_of(vm, r) == std::vector<int64_t> { 0, 3, 6, 9 });
    List* l = list_new(vm);
    REQUIRE(list_append(vm, l, Value::small_int(1)));
    REQUIRE(list_append(vm, l, Value::from_object(l)));
    REQUIRE(list_append(vm, l, Value::from_object(tuple_pack(vm, { Value::small_int(2) }))));
    CHECK(repr_of(vm, Value::from_object(l)) == "[1, [...], (2,)]");
}

namespace {

// Calls type(self).name(self, args...) through the method found on the type.
Value meth(VM& vm, Value self, char const* name, std::initializer_list<Value> args, Tuple* kwnames = nullptr)
{
    Value f = type_lookup(type_of(self), intern(vm, name));
    REQUIRE(!f.is_not_found());
    std::vector<Value> all { self };
    all.insert(all.end(), args.begin(), args.end());
    size_t nkw = kwnames ? kwnames->size : 0;
    return call(vm, f, all.data(), all.size() - nkw, kwnames);
}

// "TypeName: message" of the pending exception (cleared).
std::string take_error_text(VM& vm)
{
    REQUIRE(vm.has_error());
    Value e = vm.take_error();
    Value msg = exception_str(vm, e);
    REQUIRE(!msg.is_null());
    return std::string(type_name(e)) + ": " + std::string(as_str(msg)->view());
}

Value ints_list(VM& vm, std::initializer_list<int64_t> xs)
{
    List* l = list_new(vm);
    for (int64_t x : xs)
        REQUIRE(list_append(vm, l, Value::small_int(x)));
    return Value::from_object(l);
}

Value sl(VM& vm, int64_t a, int64_t b, int64_t c) { return slice_new(vm, opt(a), opt(b), opt(c)); }

} // namespace

TEST_CASE("list methods and slice assignment, as CPython", "[list]")
{
    VM& vm = test_vm();
    Value L = ints_list(vm, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
    REQUIRE(setitem(vm, L, sl(vm, 2, 5, N), ints_list(vm, { 7 })));
    CHECK(repr_of(vm, L) == "[0, 1, 7, 5, 6, 7, 8, 9]");
    Value abc = Value::from_object(tuple_pack(vm, { str_value(vm, "a"), str_value(vm, "b"), str_value(vm, "c") }));
    REQUIRE(setitem(vm, L, sl(vm, N, N, 3), abc));
    CHECK(repr_of(vm, L) == "['a', 1, 7, 'b', 6, 7, 'c', 9]");
    REQUIRE(delitem(vm, L, sl(vm, N, N, 2)));
    CHECK(repr_of(vm, L) == "[1, 'b', 7, 9]");
    REQUIRE(!meth(vm, L, "insert", { Value::small_int(-100), str_value(vm, "x") }).is_null());
    REQUIRE(!meth(vm, L, "insert", { Value::small_int(100), str_value(vm, "y") }).is_null());
    CHECK(repr_of(vm, L) == "['x', 1, 'b', 7, 9, 'y']");
    CHECK(repr_of(vm, meth(vm, L, "pop", {})) == "'y'");
    CHECK(repr_of(vm, meth(vm, L, "pop", { Value::small_int(0) })) == "'x'");
    CHECK(repr_of(vm, L) == "[1, 'b', 7, 9]");

    CHECK(!setitem(vm, L, sl(vm, N, N, 2), ints_list(vm, { 1 })));
    CHECK(take_error_text(vm) == "ValueError: attempt to assign sequence of size 1 to extended slice of size 2");
    CHECK(meth(vm, L, "index", { Value::small_int(99) }).is_null());
    CHECK(take_error_text(vm) == "ValueError: 99 is not in list");
    CHECK(meth(vm, L, "remove", { Value::small_int(99) }).is_null());
    CHECK(take_error_text(vm) == "ValueError: list.remove(x): x not in list");
    CHECK(meth(vm, ints_list(vm, {}), "pop", {}).is_null());
    CHECK(take_error_text(vm) == "IndexError: pop from empty list");
    CHECK(getitem(vm, L, Value::small_int(4)).is_null());
    CHECK(take_error_text(vm) == "IndexError: list index out of range");
    CHECK(getitem(vm, L, str_value(vm, "a")).is_null());
    CHECK(take_error_text(vm) == "TypeError: list indices must be integers or slices, not str");
    CHECK(binary_op(vm, L, Value::from_object(empty_tuple()), BinOpArg::ADD).is_null());
    CHECK(take_error_text(vm) == "TypeError: can only concatenate list (not \"tuple\") to list");
    int64_t h;
    CHECK_FALSE(hash(vm, L, h));
    CHECK(take_error_text(vm) == "TypeError: unhashable type: 'list'");

    Value self_ins = ints_list(vm, { 3, 1, 2 });
    REQUIRE(setitem(vm, self_ins, sl(vm, 1, 1, N), self_ins));
    CHECK(repr_of(vm, self_ins) == "[3, 3, 1, 2, 1, 2]");
    Value rep = ints_list(vm, { 1, 2, 3 });
    CHECK(binary_op(vm, rep, Value::small_int(2), BinOpArg::INPLACE_MULTIPLY).is(rep));
    CHECK(repr_of(vm, rep) == "[1, 2, 3, 1, 2, 3]");

    Value x = ints_list(vm, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
    REQUIRE(setitem(vm, x, sl(vm, -1, 2, -3), ints_list(vm, { 0, 0, 0 })));
    CHECK(repr_of(vm, x) == "[1, 2, 3, 0, 5, 6, 0, 8, 9, 0]");
    REQUIRE(delitem(vm, x, sl(vm, -2, 0, -4)));
    CHECK(repr_of(vm, x) == "[1, 2, 3, 0, 6, 0, 8, 0]");
    REQUIRE(setitem(vm, x, sl(vm, 8, 2, N), ints_list(vm, { 5, 5 })));
    CHECK(repr_of(vm, x) == "[1, 2, 3, 0, 6, 0, 8, 0, 5, 5]");
    CHECK(repr_of(vm, getitem(vm, x, sl(vm, N, N, -3))) == "[5, 8, 0, 1]");
    CHECK(rich_compare_bool(vm, ints_list(vm, { 1, 2 }), ints_list(vm, { 1, 2, 0 }), CmpArg::LT) == 1);
    CHECK(ints_of(vm, meth(vm, ints_list(vm, { 1, 2, 3 }), "__reversed__", {})) == std::vector<int64_t> { 3, 2, 1 });
}

TEST_CASE("tuple behaviour", "[tuple]")
{
    VM& vm = test_vm();
    Value t = Value::from_object(tuple_pack(vm, { Value::small_int(1), Value::small_int(2), Value::small_int(3) }));
    CHECK(repr_of(vm, getitem(vm, t, sl(vm, N, N, -2))) == "(3, 1)");
    CHECK(repr_of(vm, getitem(vm, t, sl(vm, 5, 1, -1))) == "(3,)");
    CHECK(repr_of(vm, binary_op(vm, t, Value::small_int(2), BinOpArg::MULTIPLY)) == "(1, 2, 3, 1, 2, 3)");
    CHECK(repr_of(vm, binary_op(vm, Value::small_int(0), t, BinOpArg::MULTIPLY)) == "()");
    CHECK(repr_of(vm, meth(vm, t, "index", { Value::small_int(3) })) == "2");
    CHECK(meth(vm, t, "index", { Value::small_int(3), Value::small_int(0), Value::small_int(2) }).is_null());
    CHECK(take_error_text(vm) == "ValueError: tuple.index(x): x not in tuple");
    CHECK(getitem(vm, t, Value::small_int(-4)).is_null());
    CHECK(take_error_text(vm) == "IndexError: tuple index out of range");
    CHECK(binary_op(vm, t, ints_list(vm, {}), BinOpArg::ADD).is_null());
    CHECK(take_error_text(vm) == "TypeError: can only concatenate tuple (not \"list\") to tuple");
    CHECK(binary_op(vm, t, str_value(vm, "a"), BinOpArg::MULTIPLY).is_null());
    CHECK(take_error_text(vm) == "TypeError: can't multiply sequence by non-int of type 'str'");
    CHECK(rich_compare_bool(vm, t, Value::from_object(tuple_pack(vm, { Value::small_int(1), Value::small_int(3) })), CmpArg::LT) == 1);
}

TEST_CASE("dict methods, as CPython", "[dict]")
{
    VM& vm = test_vm();
    Value d = Value::from_object(dict_new(vm));
    List* pairs = list_new(vm);
    REQUIRE(list_append(vm, pairs, Value::from_object(tuple_pack(vm, { Value::small_int(1), Value::small_int(2) }))));
    REQUIRE(list_append(vm, pairs, ints_list(vm, { 3, 4 })));
    Tuple* kw = tuple_pack(vm, { str_value(vm, "x") });
    REQUIRE(!meth(vm, d, "update", { Value::from_object(pairs), Value::small_int(5) }, kw).is_null());
    CHECK(repr_of(vm, d) == "{1: 2, 3: 4, 'x': 5}");
    CHECK(repr_of(vm, meth(vm, d, "pop", { Value::small_int(1) })) == "2");
    CHECK(repr_of(vm, meth(vm, d, "setdefault", { Value::small_int(9) })) == "None");
    CHECK(repr_of(vm, d) == "{3: 4, 'x': 5, 9: None}");
    CHECK(repr_of(vm, meth(vm, d, "popitem", {})) == "(9, None)");
    CHECK(repr_of(vm, d) == "{3: 4, 'x': 5}");
    CHECK(getitem(vm, d, Value::small_int(42)).is_null());
    CHECK(take_error_text(vm) == "KeyError: 42");
    CHECK(meth(vm, Value::from_object(dict_new(vm)), "popitem", {}).is_null());
    CHECK(vm.error_matches(exc::KeyError));
    vm.clear_error();
    List* bad = list_new(vm);
    REQUIRE(list_append(vm, bad, ints_list(vm, { 1, 2, 3 })));
    CHECK(meth(vm, d, "update", { Value::from_object(bad) }).is_null());
    CHECK(take_error_text(vm) == "ValueError: dictionary update sequence element #0 has length 3; 2 is required");
    List* bad2 = list_new(vm);
    REQUIRE(list_append(vm, bad2, Value::small_int(1)));
    CHECK(meth(vm, d, "update", { Value::from_object(bad2) }).is_null());
    CHECK(take_error_text(vm) == "TypeError: cannot convert dictionary update sequence element #0 to a sequence");
    Value fromkeys = dict_get_str(vm, types.dict->dict, intern(vm, "fromkeys"));
    REQUIRE(fromkeys.is_object());
    Value fk_args[2] = { Value::from_object(types.dict), str_value(vm, "ab") };
    Value fk = fromkeys.as<BuiltinFunction>()->fn(vm, fk_args, 2, nullptr);
    CHECK(repr_of(vm, fk) == "{'a': None, 'b': None}");
    Value merged = binary_op(vm, d, fk, BinOpArg::OR);
    CHECK(repr_of(vm, merged) == "{3: 4, 'x': 5, 'a': None, 'b': None}");
    CHECK(rich_compare_bool(vm, merged, d, CmpArg::EQ) == 0);
    CHECK(rich_compare_bool(vm, meth(vm, d, "copy", {}), d, CmpArg::EQ) == 1);
    Value items = meth(vm, d, "items", {});
    CHECK(contains(vm, items, Value::from_object(tuple_pack(vm, { Value::small_int(3), Value::small_int(4) }))) == 1);
    CHECK(contains(vm, items, Value::from_object(tuple_pack(vm, { Value::small_int(3), Value::small_int(5) }))) == 0);
    CHECK(repr_of(vm, meth(vm, d, "values", {})) == "dict_values([4, 5])");
}

TEST_CASE("set methods, as CPython", "[set]")
{
    VM& vm = test_vm();
    Value s = make_set(vm, { 1, 2, 3 });
    REQUIRE(!meth(vm, s, "update", { ints_list(vm, { 4 }), Value::from_object(tuple_pack(vm, { Value::small_int(5) })) }).is_null());
    CHECK(repr_of(vm, s) == "{1, 2, 3, 4, 5}");
    CHECK(repr_of(vm, meth(vm, s, "intersection", { ints_list(vm, { 1, 2 }), ints_list(vm, { 2 }) })) == "{2}");
    CHECK(repr_of(vm, meth(vm, s, "difference", { ints_list(vm, { 1 }), ints_list(vm, { 2 }) })) == "{3, 4, 5}");
    CHECK(repr_of(vm, meth(vm, s, "symmetric_difference", { ints_list(vm, { 1, 9 }) })) == "{2, 3, 4, 5, 9}");
    REQUIRE(!meth(vm, s, "intersection_update", { make_set(vm, { 1, 2, 3, 9 }) }).is_null());
    CHECK(repr_of(vm, s) == "{1, 2, 3}");
    CHECK(repr_of(vm, meth(vm, s, "pop", {})) == "1");
    CHECK(repr_of(vm, s) == "{2, 3}");
    CHECK(meth(vm, s, "remove", { Value::small_int(42) }).is_null());
    CHECK(take_error_text(vm) == "KeyError: 42");
    CHECK(meth(vm, s, "add", {}).is_null());
    CHECK(take_error_text(vm) == "TypeError: set.add() takes exactly one argument (0 given)");
    CHECK(set_add(vm, as_set(s), ints_list(vm, {})) == false);
    CHECK(take_error_text(vm) == "TypeError: unhashable type: 'list'");
    // A set key is looked up as a frozenset.
    Value outer = make_set(vm, {});
    REQUIRE(set_add(vm, as_set(outer), frozenset_new(vm, make_set(vm, { 1 }))));
    CHECK(contains(vm, outer, make_set(vm, { 1 })) == 1);
}

TEST_CASE("range, zip, enumerate, filter, reversed", "[range][iterators]")
{
    VM& vm = test_vm();
    auto mk = [&](TypeObject* t, std::initializer_list<Value> args, Tuple* kwnames = nullptr) {
        std::vector<Value> a(args);
        size_t nkw = kwnames ? kwnames->size : 0;
        return call(vm, Value::from_object(t), a.data(), a.size() - nkw, kwnames);
    };
    Value r10 = mk(types.range, { Value::small_int(10) });
    CHECK(repr_of(vm, getitem(vm, r10, sl(vm, 2, 8, 3))) == "range(2, 8, 3)");
    CHECK(repr_of(vm, getitem(vm, r10, Value::small_int(-3))) == "7");
    CHECK(ints_of(vm, mk(types.range, { Value::small_int(10), Value::small_int(0), Value::small_int(-3) }))
          == std::vector<int64_t> { 10, 7, 4, 1 });
    Value r = mk(types.range, { Value::small_int(1), Value::small_int(10), Value::small_int(3) });
    CHECK(contains(vm, r, Value::small_int(7)) == 1);
    CHECK(contains(vm, r, Value::small_int(8)) == 0);
    CHECK(repr_of(vm, meth(vm, r, "index", { Value::small_int(7) })) == "2");
    CHECK(mk(types.range, { Value::small_int(1), Value::small_int(2), Value::small_int(0) }).is_null());
    CHECK(take_error_text(vm) == "ValueError: range() arg 3 must not be zero");
    CHECK(ints_of(vm, meth(vm, r, "__reversed__", {})) == std::vector<int64_t> { 7, 4, 1 });

    Value z = mk(types.zip, { ints_list(vm, { 1, 2 }), str_value(vm, "ab") });
    CHECK(repr_of(vm, Value::from_object(list_from_iterable(vm, z))) == "[(1, 'a'), (2, 'b')]");
    Tuple* strict = tuple_pack(vm, { str_value(vm, "strict") });
    Value zs = mk(types.zip, { ints_list(vm, { 1, 2 }), ints_list(vm, { 3 }), ints_list(vm, { 4, 5 }), py_true() }, strict);
    CHECK(list_from_iterable(vm, zs) == nullptr);
    CHECK(take_error_text(vm) == "ValueError: zip() argument 2 is shorter than argument 1");
    Value zs2 = mk(types.zip, { ints_list(vm, { 1 }), ints_list(vm, { 3 }), ints_list(vm, { 4, 5 }), py_true() }, strict);
    CHECK(list_from_iterable(vm, zs2) == nullptr);
    CHECK(take_error_text(vm) == "ValueError: zip() argument 3 is longer than arguments 1-2");

    Value e = mk(types.enumerate, { str_value(vm, "xy"), Value::small_int(5) });
    CHECK(repr_of(vm, Value::from_object(list_from_iterable(vm, e))) == "[(5, 'x'), (6, 'y')]");
    List* mixed = list_new(vm);
    for (Value v : { Value::small_int(0), Value::small_int(1), str_value(vm, ""), Value::small_int(2) })
        REQUIRE(list_append(vm, mixed, v));
    Value f = mk(types.filter, { py_none(), Value::from_object(mixed) });
    CHECK(repr_of(vm, Value::from_object(list_from_iterable(vm, f))) == "[1, 2]");
    Value rv = mk(types.reversed, { Value::from_object(tuple_pack(vm, { Value::small_int(1), Value::small_int(2) })) });
    CHECK(ints_of(vm, rv) == std::vector<int64_t> { 2, 1 });
    CHECK(mk(types.reversed, { Value::small_int(1) }).is_null());
    CHECK(take_error_text(vm) == "TypeError: 'int' object is not reversible");
}
