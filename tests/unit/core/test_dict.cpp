// Unit tests of the dict table itself (objects/containers.h): insertion, deletion,
// growth and compaction checked against a simple model through long random sequences,
// insertion ordering (a deleted and re-inserted key moves to the end, an overwritten one
// does not), keys that are equal across types (1 == 1.0 == True) or share a hash
// (hash(-1) == hash(-2) in CPython, ints congruent modulo 2**61 - 1), and str keys
// through both the generic and the dict_*_str paths.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/containers.h"
#include "objects/int.h"
#include "objects/string.h"

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using namespace slpy;

namespace {

// The reference model: keys in insertion order and their values.
struct Model {
    std::vector<int64_t> order;
    std::unordered_map<int64_t, int64_t> values;

    void set(int64_t k, int64_t v)
    {
        if (!values.count(k))
            order.push_back(k);
        values[k] = v;
    }
    bool del(int64_t k)
    {
        if (!values.erase(k))
            return false;
        for (size_t i = 0; i < order.size(); ++i)
            if (order[i] == k) {
                order.erase(order.begin() + i);
                break;
            }
        return true;
    }
};

// Keys are ints spread over the inline range and beyond it (BigInts), so that the
// table sees clustered, sparse and heap keys alike.
Value key_value(VM& vm, int64_t k)
{
    if (k % 7 == 0)
        return int_from_i64(vm, k * 1000003 + (int64_t(1) << 50)); // a BigInt
    return Value::small_int(k);
}

// Checks the whole dict against the model: size, order, every value, table invariants.
void check_against(VM& vm, Dict* d, Model const& m)
{
    REQUIRE(d->used == m.values.size());
    REQUIRE(d->nentries >= d->used);
    REQUIRE(d->nentries <= d->entry_capacity);
    if (d->index_size) {
        REQUIRE((d->index_size & (d->index_size - 1)) == 0); // a power of two
        REQUIRE(d->used < d->index_size);                    // never full: probing ends
    }
    size_t pos = 0, i = 0;
    Value key, value;
    while (dict_next(d, pos, key, value)) {
        REQUIRE(i < m.order.size());
        int64_t k = m.order[i++];
        Value want = key_value(vm, k);
        REQUIRE(equal(vm, key, want) == 1);
        REQUIRE(value.is_int());
        REQUIRE(value.as_int() == m.values.at(k));
    }
    REQUIRE(i == m.order.size());
}

} // namespace

TEST_CASE("dict: random inserts, overwrites and deletes match a model", "[dict]")
{
    VM& vm = test::shared_vm();
    std::mt19937_64 rng(12345);
    for (int64_t key_space : { 8, 100, 5000 }) {
        INFO("key space " << key_space);
        Dict* d = dict_new(vm);
        Model m;
        for (int step = 0; step < 40000; ++step) {
            int64_t k = int64_t(rng() % uint64_t(key_space)) - key_space / 3;
            uint64_t op = rng() % 10;
            if (op < 6) {
                int64_t v = int64_t(rng() % 1000000);
                REQUIRE(dict_set(vm, d, key_value(vm, k), Value::small_int(v)));
                m.set(k, v);
            } else if (op < 9) {
                int r = dict_del(vm, d, key_value(vm, k));
                REQUIRE(r >= 0);
                REQUIRE(r == int(m.del(k)));
            } else {
                Value got = dict_get(vm, d, key_value(vm, k));
                REQUIRE(!got.is_null());
                if (m.values.count(k)) {
                    REQUIRE(got.is_int());
                    REQUIRE(got.as_int() == m.values[k]);
                } else {
                    REQUIRE(got.is_not_found());
                }
            }
            if (step % 4000 == 0)
                check_against(vm, d, m);
        }
        check_against(vm, d, m);
        // Delete everything, then the dict is reusable and ordered from scratch.
        std::vector<int64_t> keys = m.order;
        for (int64_t k : keys) {
            REQUIRE(dict_del(vm, d, key_value(vm, k)) == 1);
            m.del(k);
        }
        check_against(vm, d, m);
        for (int64_t k = 0; k < 50; ++k) {
            REQUIRE(dict_set(vm, d, key_value(vm, 49 - k), Value::small_int(k)));
            m.set(49 - k, k);
        }
        check_against(vm, d, m);
    }
    CHECK(!vm.has_error());
}

TEST_CASE("dict: growth to many keys keeps every key and the order", "[dict]")
{
    VM& vm = test::shared_vm();
    Dict* d = dict_new(vm);
    int64_t const n = 200000;
    for (int64_t i = 0; i < n; ++i)
        REQUIRE(dict_set(vm, d, Value::small_int(i * 7919 % n), Value::small_int(i)));
    CHECK(d->used == n);
    CHECK(d->index_size >= n);
    size_t pos = 0;
    Value key, value;
    int64_t i = 0;
    bool ordered = true;
    while (dict_next(d, pos, key, value)) {
        ordered = ordered && key.as_int() == i * 7919 % n && value.as_int() == i;
        ++i;
    }
    CHECK(ordered);
    CHECK(i == n);
    // Deleting all but every 1000th key, then inserting fresh keys, compacts the entries
    // (the table does not grow without bound under churn) and keeps survivors in order.
    for (int64_t j = 0; j < n; ++j)
        if (j % 1000)
            REQUIRE(dict_del(vm, d, Value::small_int(j * 7919 % n)) == 1);
    CHECK(d->used == n / 1000);
    for (int64_t round = 0; round < 20; ++round)
        for (int64_t j = 0; j < 10000; ++j) {
            REQUIRE(dict_set(vm, d, Value::small_int(n + j), Value::small_int(j)));
            REQUIRE(dict_del(vm, d, Value::small_int(n + j)) == 1);
        }
    CHECK(d->used == n / 1000);
    CHECK(d->entry_capacity <= uint32_t(2 * n));
    pos = 0;
    i = 0;
    ordered = true;
    while (dict_next(d, pos, key, value)) {
        ordered = ordered && key.as_int() == (i * 1000) * 7919 % n;
        ++i;
    }
    CHECK(ordered);
    CHECK(i == n / 1000);
}

TEST_CASE("dict: order after delete, re-insert and overwrite", "[dict]")
{
    VM& vm = test::shared_vm();
    Dict* d = dict_new(vm);
    auto keys = [&] {
        std::string out;
        size_t pos = 0;
        Value key, value;
        while (dict_next(d, pos, key, value))
            out += std::string(as_str(key)->view()) + "=" + std::to_string(value.as_int()) + " ";
        return out;
    };
    for (char const* k : { "a", "b", "c", "d" })
        REQUIRE(dict_set_str(vm, d, intern(vm, k), Value::small_int(k[0] - 'a')));
    CHECK(keys() == "a=0 b=1 c=2 d=3 ");
    // Overwriting keeps the position ({'a': 0, 'b': 10, ...} in CPython).
    REQUIRE(dict_set(vm, d, str_value(vm, "b"), Value::small_int(10)));
    CHECK(keys() == "a=0 b=10 c=2 d=3 ");
    // Delete and re-insert moves the key to the end.
    REQUIRE(dict_del(vm, d, str_value(vm, "a")) == 1);
    REQUIRE(dict_set(vm, d, str_value(vm, "a"), Value::small_int(5)));
    CHECK(keys() == "b=10 c=2 d=3 a=5 ");
    CHECK(dict_del(vm, d, str_value(vm, "zz")) == 0);
    // A non-interned equal string finds the interned key, through both lookup paths.
    Value got = dict_get_str(vm, d, str_new(vm, "c"));
    REQUIRE(got.is_int());
    CHECK(got.as_int() == 2);
    got = dict_get(vm, d, str_value(vm, "d"));
    REQUIRE(got.is_int());
    CHECK(got.as_int() == 3);
    // Copy is equal and independent; clear empties.
    Dict* c = dict_copy(vm, d);
    REQUIRE(c);
    dict_clear(d);
    CHECK(d->used == 0);
    CHECK(keys().empty());
    CHECK(dict_get(vm, d, str_value(vm, "b")).is_not_found());
    CHECK(c->used == 4);
    std::swap(c, d);
    CHECK(keys() == "b=10 c=2 d=3 a=5 ");
    // Merge without override keeps existing values and appends new keys.
    Dict* other = dict_new(vm);
    REQUIRE(dict_set_str(vm, other, intern(vm, "a"), Value::small_int(100)));
    REQUIRE(dict_set_str(vm, other, intern(vm, "e"), Value::small_int(4)));
    REQUIRE(dict_merge(vm, d, other, false));
    CHECK(keys() == "b=10 c=2 d=3 a=5 e=4 ");
    REQUIRE(dict_merge(vm, d, other, true));
    CHECK(keys() == "b=10 c=2 d=3 a=100 e=4 ");
}

TEST_CASE("dict: equal keys of different types and colliding hashes", "[dict]")
{
    VM& vm = test::shared_vm();
    Dict* d = dict_new(vm);
    // {1: 'x'}[1.0] and [True] find the same entry; the first key object is kept.
    REQUIRE(dict_set(vm, d, Value::small_int(1), Value::small_int(10)));
    REQUIRE(dict_set(vm, d, Value::from_double(1.0), Value::small_int(11)));
    REQUIRE(dict_set(vm, d, py_true(), Value::small_int(12)));
    CHECK(d->used == 1);
    size_t pos = 0;
    Value key, value;
    REQUIRE(dict_next(d, pos, key, value));
    CHECK(key.is_int());
    CHECK(value.as_int() == 12);

    // hash(-1) == hash(-2) == -2 in CPython: different keys in the same probe chain.
    int64_t h1 = 0, h2 = 0;
    REQUIRE(hash(vm, Value::small_int(-1), h1));
    REQUIRE(hash(vm, Value::small_int(-2), h2));
    CHECK(h1 == -2);
    CHECK(h2 == -2);
    REQUIRE(dict_set(vm, d, Value::small_int(-1), Value::small_int(-1)));
    REQUIRE(dict_set(vm, d, Value::small_int(-2), Value::small_int(-2)));
    CHECK(d->used == 3);
    CHECK(dict_get(vm, d, Value::small_int(-1)).as_int() == -1);
    CHECK(dict_get(vm, d, Value::small_int(-2)).as_int() == -2);

    // Many ints congruent modulo 2**61 - 1 share one hash: k * (2**61 - 1) + 5.
    Value modulus = int_from_i64(vm, (int64_t(1) << 61) - 1);
    std::vector<Value> same_hash;
    for (int64_t k = 0; k < 64; ++k) {
        Value v = int_add(vm, int_mul(vm, Value::small_int(k), modulus), Value::small_int(5));
        REQUIRE(!v.is_null());
        int64_t h = 0;
        REQUIRE(hash(vm, v, h));
        CHECK(h == 5);
        same_hash.push_back(v);
        REQUIRE(dict_set(vm, d, v, Value::small_int(k)));
    }
    CHECK(d->used == 3 + 64); // 5, 2**61 + 4, 2**62 + 3, ...: all distinct
    for (int64_t k = 0; k < 64; k += 2)
        REQUIRE(dict_del(vm, d, same_hash[size_t(k)]) == 1);
    for (int64_t k = 0; k < 64; ++k) {
        Value got = dict_get(vm, d, same_hash[size_t(k)]);
        if (k % 2 == 0)
            CHECK(got.is_not_found());
        else
            CHECK(got.as_int() == k);
    }
    CHECK(dict_get(vm, d, Value::from_double(5.0)).is_not_found());
    REQUIRE(dict_set(vm, d, Value::small_int(5), Value::small_int(55)));
    CHECK(dict_get(vm, d, Value::from_double(5.0)).as_int() == 55);
    CHECK(!vm.has_error());
}

TEST_CASE("dict: many string keys through the str fast path", "[dict]")
{
    VM& vm = test::shared_vm();
    Dict* d = dict_new(vm);
    int const n = 50000;
    for (int i = 0; i < n; ++i)
        REQUIRE(dict_set_str(vm, d, str_new(vm, "key" + std::to_string(i)), Value::small_int(i)));
    CHECK(d->used == uint32_t(n));
    bool all_found = true;
    for (int i = 0; i < n; ++i) {
        Value got = dict_get_str(vm, d, str_new(vm, "key" + std::to_string(i)));
        all_found = all_found && got.is_int() && got.as_int() == i;
    }
    CHECK(all_found);
    CHECK(dict_get_str(vm, d, str_new(vm, "key" + std::to_string(n))).is_not_found());
    for (int i = 0; i < n; i += 2)
        REQUIRE(dict_del(vm, d, str_value(vm, "key" + std::to_string(i))) == 1);
    CHECK(d->used == uint32_t(n / 2));
    size_t pos = 0;
    Value key, value;
    int expect = 1;
    bool ordered = true;
    while (dict_next(d, pos, key, value)) {
        ordered = ordered && as_str(key)->view() == "key" + std::to_string(expect) && value.as_int() == expect;
        expect += 2;
    }
    CHECK(ordered);
    CHECK(expect == n + 1);
}
