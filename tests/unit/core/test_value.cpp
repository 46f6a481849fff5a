// Unit tests of the value word (objects/value.h): the NaN-boxing edges. Signed zeros and
// every kind of NaN must survive boxing as CPython floats do (NaNs collapse into one
// canonical quiet NaN, which Python cannot tell apart), the 48-bit inline int range ends
// exactly at its bounds, and the tag spaces never overlap (a double is never mistaken
// for an int, a pointer or a sentinel).
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/containers.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/string.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

using namespace slpy;

namespace {

// Exactly one classification holds for every non-null Value.
int kinds(Value v)
{
    return int(v.is_object()) + int(v.is_int()) + int(v.is_double()) + int(v.is_sentinel());
}

double bits_to_double(uint64_t bits) { return std::bit_cast<double>(bits); }
uint64_t double_bits(double d) { return std::bit_cast<uint64_t>(d); }

std::string repr_text(VM& vm, Value v)
{
    Value r = repr(vm, v);
    REQUIRE(!r.is_null());
    return std::string(as_str(r)->view());
}

} // namespace

TEST_CASE("value: doubles round-trip bit for bit, signed zeros included", "[value]")
{
    double const samples[] = {
        0.0, -0.0, 1.0, -1.0, 0.1, 1e300, -1e300,
        std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
        std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
        -std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::epsilon(),
        // Doubles whose bit patterns sit right at the tag boundaries.
        bits_to_double(0xFFEFFFFFFFFFFFFFull), bits_to_double(0x0000000000000001ull),
        bits_to_double(0x8000000000000001ull),
    };
    for (double d : samples) {
        INFO("double bits " << std::hex << double_bits(d));
        Value v = Value::from_double(d);
        CHECK(v.is_double());
        CHECK(kinds(v) == 1);
        CHECK(!v.is_null());
        CHECK(double_bits(v.as_double()) == double_bits(d));
    }
    // -0.0 keeps its sign (repr "-0.0", copysign) but is a different word from 0.0.
    Value neg_zero = Value::from_double(-0.0);
    CHECK(std::signbit(neg_zero.as_double()));
    CHECK(!neg_zero.is(Value::from_double(0.0)));
    // 0.0 is not the null Value and not the int 0.
    CHECK(!Value::from_double(0.0).is_null());
    CHECK(!Value::from_double(0.0).is(Value::small_int(0)));
}

TEST_CASE("value: every NaN becomes the one canonical quiet NaN", "[value]")
{
    uint64_t const nans[] = {
        0x7FF8000000000000ull, // the canonical quiet NaN
        0xFFF8000000000000ull, // negative quiet NaN (what 0.0/0.0 gives on x86)
        0x7FF0000000000001ull, // signalling NaN, smallest payload
        0x7FF7FFFFFFFFFFFFull, // signalling NaN, largest payload
        0xFFFFFFFFFFFFFFFFull, // all ones: would collide with the int tag if not canonicalized
        0xFFF0000000000001ull, 0x7FFFFFFFFFFFFFFFull, 0x7FF8DEADBEEF0001ull,
    };
    Value const canonical = Value::from_double(std::numeric_limits<double>::quiet_NaN());
    CHECK(canonical.is_double());
    CHECK(std::isnan(canonical.as_double()));
    CHECK(double_bits(canonical.as_double()) == Value::kCanonicalNaN);
    for (uint64_t bits : nans) {
        INFO("NaN bits " << std::hex << bits);
        Value v = Value::from_double(bits_to_double(bits));
        CHECK(v.is_double());
        CHECK(kinds(v) == 1);
        CHECK(std::isnan(v.as_double()));
        CHECK(v.is(canonical));
    }
    // Computed NaNs too.
    volatile double inf = std::numeric_limits<double>::infinity();
    CHECK(Value::from_double(inf - inf).is(canonical));
    CHECK(Value::from_double(std::sqrt(-1.0 * inf)).is(canonical));
}

TEST_CASE("value: Python sees -0.0 and NaN as CPython does", "[value]")
{
    VM& vm = test::shared_vm();
    Value neg_zero = Value::from_double(-0.0);
    Value zero = Value::from_double(0.0);
    Value nan = Value::from_double(std::nan(""));
    CHECK(repr_text(vm, neg_zero) == "-0.0");
    CHECK(repr_text(vm, zero) == "0.0");
    CHECK(repr_text(vm, nan) == "nan");
    CHECK(repr_text(vm, Value::from_double(-std::numeric_limits<double>::infinity())) == "-inf");
    // -0.0 == 0.0 == 0 and they hash alike (hash(-0.0) == 0 in CPython).
    CHECK(equal(vm, neg_zero, zero) == 1);
    CHECK(equal(vm, neg_zero, Value::small_int(0)) == 1);
    int64_t h = 1;
    REQUIRE(hash(vm, neg_zero, h));
    CHECK(h == 0);
    // NaN != NaN by value; containers still find the very same NaN object by identity.
    CHECK(rich_compare_bool(vm, nan, nan, CmpArg::EQ) == 0);
    CHECK(rich_compare_bool(vm, nan, nan, CmpArg::NE) == 1);
    Dict* d = dict_new(vm);
    REQUIRE(dict_set(vm, d, nan, Value::small_int(7)));
    Value got = dict_get(vm, d, nan);
    REQUIRE(got.is_int());
    CHECK(got.as_int() == 7);
    // -0.0 and 0 are the same dict key (the first key inserted is kept).
    REQUIRE(dict_set(vm, d, Value::small_int(0), Value::small_int(1)));
    REQUIRE(dict_set(vm, d, neg_zero, Value::small_int(2)));
    CHECK(d->used == 2);
    size_t pos = 0;
    Value key, value;
    REQUIRE(dict_next(d, pos, key, value));
    REQUIRE(dict_next(d, pos, key, value));
    CHECK(key.is_int());
    CHECK(value.as_int() == 2);
}

TEST_CASE("value: the inline int range is exactly 48 bits", "[value]")
{
    VM& vm = test::shared_vm();
    CHECK(Value::kIntMax == 140737488355327);
    CHECK(Value::kIntMin == -140737488355328);
    int64_t const inside[] = { 0, 1, -1, 42, -42, Value::kIntMax, Value::kIntMin, Value::kIntMax - 1,
                               Value::kIntMin + 1, int64_t(1) << 46, -(int64_t(1) << 46) };
    for (int64_t i : inside) {
        INFO(i);
        REQUIRE(Value::int_fits(i));
        Value v = Value::small_int(i);
        CHECK(v.is_int());
        CHECK(kinds(v) == 1);
        CHECK(v.as_int() == i);
        // int_from_i64 picks the inline form for every fitting value.
        Value w = int_from_i64(vm, i);
        CHECK(w.is(v));
    }
    int64_t const outside[] = { Value::kIntMax + 1, Value::kIntMin - 1, int64_t(1) << 48, -(int64_t(1) << 48),
                                INT64_MAX, INT64_MIN };
    for (int64_t i : outside) {
        INFO(i);
        CHECK(!Value::int_fits(i));
        Value w = int_from_i64(vm, i);
        REQUIRE(!w.is_null());
        CHECK(is_bigint(w));
        CHECK(type_of(w) == types.int_);
        int64_t back = 0;
        REQUIRE(int_to_i64(w, back));
        CHECK(back == i);
        CHECK(int_to_decimal(w) == std::to_string(i));
    }
    // The small int tag and the double space do not overlap: -1 is all ones in the
    // payload, the bit pattern a NaN with every bit set would have had.
    CHECK(Value::small_int(-1).bits() == 0xFFFFFFFFFFFFFFFFull);
    CHECK(!Value::small_int(-1).is_double());
    CHECK(Value::small_int(Value::kIntMin).bits() == 0xFFFF800000000000ull);
    CHECK(!Value::small_int(Value::kIntMin).is_double());
    CHECK(type_of(Value::small_int(-1)) == types.int_);
    CHECK(type_of(Value::from_double(-1.0)) == types.float_);
}

TEST_CASE("value: null, sentinels and pointers", "[value]")
{
    VM& vm = test::shared_vm();
    Value null = Value::null();
    CHECK(null.is_null());
    CHECK(kinds(null) == 0);
    CHECK(Value().is_null());

    Value sentinels[] = { Value::not_found(), Value::stop_iteration() };
    for (Value s : sentinels) {
        CHECK(s.is_sentinel());
        CHECK(kinds(s) == 1);
        CHECK(!s.is_null());
        CHECK(type_of(s) == nullptr);
    }
    CHECK(Value::not_found().is_not_found());
    CHECK(!Value::not_found().is_stop_iteration());
    CHECK(Value::stop_iteration().is_stop_iteration());
    CHECK(!Value::stop_iteration().is_not_found());
    CHECK(!Value::not_found().is(Value::stop_iteration()));

    // Heap objects are pointers with a zero tag; None, True and False are objects.
    Value s = str_value(vm, "x");
    CHECK(s.is_object());
    CHECK(kinds(s) == 1);
    CHECK((s.bits() >> Value::kTagShift) == 0);
    CHECK((s.bits() & 15) == 0); // 16-byte aligned cells
    CHECK(Value::from_object(s.as_object()).is(s));
    for (Value v : { py_none(), py_true(), py_false() }) {
        CHECK(v.is_object());
        CHECK(kinds(v) == 1);
    }
    // dict_get reports a missing key with the not_found sentinel, not an error.
    Dict* d = dict_new(vm);
    CHECK(dict_get(vm, d, Value::small_int(1)).is_not_found());
    CHECK(!vm.has_error());
}
