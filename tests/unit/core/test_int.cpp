// Unit tests of int: the inline/BigInt boundary at 48 bits (promotion and demotion),
// floor division and modulo signs, shifts, bitwise ops on negatives, true division and
// int->float rounding, hashing, the int<->str digit limit and huge conversions.
// Expected values were computed with CPython 3.11.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/float.h"
#include "objects/format_spec.h"
#include "objects/int.h"
#include "objects/string.h"

#include <cmath>
#include <string>

using namespace slpy;

namespace {

VM& ivm() { return test::shared_vm(); }

Value I(int64_t i) { return int_from_i64(ivm(), i); }
Value N(std::string_view dec)
{
    Value v = int_from_string(ivm(), dec, 10);
    REQUIRE(!v.is_null());
    return v;
}
std::string D(Value v)
{
    REQUIRE(!v.is_null());
    return int_to_decimal(v);
}
std::string error_text()
{
    VM& vm = ivm();
    REQUIRE(vm.has_error());
    Value e = vm.take_error();
    Value s = to_str(vm, e);
    REQUIRE(!s.is_null());
    return std::string(as_str(s)->view());
}

} // namespace

TEST_CASE("int: values at the 48-bit boundary promote and demote", "[int]")
{
    VM& vm = ivm();
    Value max = I(Value::kIntMax);
    Value min = I(Value::kIntMin);
    CHECK(max.is_int());
    CHECK(min.is_int());
    Value above = int_add(vm, max, I(1));
    CHECK(is_bigint(above));
    CHECK(D(above) == "140737488355328");
    Value back = int_sub(vm, above, I(1));
    CHECK(back.is_int());
    CHECK(back.as_int() == Value::kIntMax);
    Value below = int_sub(vm, min, I(1));
    CHECK(is_bigint(below));
    CHECK(D(below) == "-140737488355329");
    CHECK(int_add(vm, below, I(1)).is_int());
    // -kIntMin does not fit; ~(2**47 - 1) does.
    Value neg = int_neg(vm, min);
    CHECK(is_bigint(neg));
    CHECK(D(neg) == "140737488355328");
    CHECK(int_from_i64(vm, INT64_MIN).is_object());
    CHECK(D(int_from_i64(vm, INT64_MIN)) == "-9223372036854775808");
    CHECK(D(int_from_u64(vm, UINT64_MAX)) == "18446744073709551615");
    // Products overflowing int64 go through GMP.
    CHECK(D(int_mul(vm, I(int64_t(1) << 40), I(int64_t(1) << 40))) == "1208925819614629174706176");
    CHECK(D(int_mul(vm, N("999999999999999999999999999999"), N("888888888888888888888888888888"))) ==
          "888888888888888888888888888887111111111111111111111111111112");
    // A BigInt result that fits is always demoted.
    Value big = N("1000000000000000000000");
    CHECK(int_floordiv(vm, big, N("1000000000000000000")).is_int());
    int64_t out = 0;
    CHECK(int_to_i64(N("9223372036854775807"), out));
    CHECK(out == INT64_MAX);
    CHECK_FALSE(int_to_i64(N("9223372036854775808"), out));
}

TEST_CASE("int: floor division and modulo follow the divisor's sign", "[int]")
{
    VM& vm = ivm();
    struct Case {
        char const* a;
        char const* b;
        char const* q;
        char const* r;
    };
    Case const cases[] = {
        { "7", "3", "2", "1" }, { "7", "-3", "-3", "-2" }, { "-7", "3", "-3", "2" }, { "-7", "-3", "2", "-1" },
        { "1125899906842624", "562949953421313", "1", "562949953421311" },
        { "-1125899906842624", "-1000000000000000", "1", "-125899906842624" },
        { "100000000000000000003", "3", "33333333333333333334", "1" },
        { "100000000000000000003", "-3", "-33333333333333333335", "-2" },
        { "-100000000000000000003", "562949953421313", "-177636", "177925948356065" },
        { "-100000000000000000003", "-1000000000000000", "100000", "-3" },
    };
    for (Case const& c : cases) {
        INFO(c.a << " // " << c.b);
        CHECK(D(int_floordiv(vm, N(c.a), N(c.b))) == c.q);
        CHECK(D(int_mod(vm, N(c.a), N(c.b))) == c.r);
    }
    CHECK(int_floordiv(vm, I(1), I(0)).is_null());
    CHECK(error_text() == "integer division or modulo by zero");
    CHECK(int_mod(vm, N("100000000000000000000"), I(0)).is_null());
    CHECK(error_text() == "integer modulo by zero");
}

TEST_CASE("int: shifts, including huge and negative counts", "[int]")
{
    VM& vm = ivm();
    CHECK(is_bigint(int_lshift(vm, I(1), I(47))));
    CHECK(int_lshift(vm, I(1), I(46)).is_int());
    CHECK(D(int_lshift(vm, I(-1), I(70))) == "-1180591620717411303424");
    Value big = int_lshift(vm, I(1), I(100));
    CHECK(int_rshift(vm, big, I(100)).as_int() == 1);
    CHECK(D(int_rshift(vm, N("-1606938044258990275541962092341162602522202993782792835301376"), I(3))) ==
          "-200867255532373784442745261542645325315275374222849104412672");
    CHECK(int_rshift(vm, I(-1), I(1000)).as_int() == -1);
    CHECK(int_rshift(vm, I(-5), I(1)).as_int() == -3);
    CHECK(int_rshift(vm, N("-100000000000000000000000"), N("100000000000000000000000")).as_int() == -1);
    CHECK(int_rshift(vm, N("100000000000000000000000"), N("100000000000000000000000")).as_int() == 0);
    CHECK(int_lshift(vm, I(0), N("100000000000000000000000")).as_int() == 0);
    CHECK(int_lshift(vm, I(1), I(-1)).is_null());
    CHECK(error_text() == "negative shift count");
    CHECK(int_rshift(vm, I(1), I(-1)).is_null());
    CHECK(error_text() == "negative shift count");
    CHECK(int_lshift(vm, I(1), N("1180591620717411303424")).is_null());
    CHECK(error_text() == "too many digits in integer");
}

TEST_CASE("int: pow, modular pow and inverse", "[int]")
{
    VM& vm = ivm();
    CHECK(D(int_pow(vm, I(2), I(100), Value::null())) == "1267650600228229401496703205376");
    CHECK(D(int_pow(vm, I(-2), I(101), Value::null())) == "-2535301200456458802993406410752");
    CHECK(int_pow(vm, I(3), I(3), I(-7)).as_int() == -1);
    CHECK(int_pow(vm, I(3), I(-1), I(7)).as_int() == 5);
    CHECK(D(int_pow(vm, I(3), I(-1), N("618970019642690137449562111"))) == "412646679761793424966374741");
    CHECK(D(int_pow(vm, I(-3), N("1180591620717411303425"), N("-100000000000000000000"))) == "-29583917030246973443");
    CHECK(int_pow(vm, I(2), I(-1), I(4)).is_null());
    CHECK(error_text() == "base is not invertible for the given modulus");
    Value f = int_pow(vm, I(2), I(-2), Value::null());
    REQUIRE(f.is_double());
    CHECK(f.as_double() == 0.25);
    CHECK(int_pow(vm, I(0), I(-1), Value::null()).is_null());
    CHECK(error_text() == "0.0 cannot be raised to a negative power");
    CHECK(int_pow(vm, I(-1), N("100000000000000000001"), Value::null()).as_int() == -1);
}

TEST_CASE("int: bitwise operations use two's complement", "[int]")
{
    VM& vm = ivm();
    Value x = int_sub(vm, int_lshift(vm, I(1), I(200)), I(1));
    Value m = int_neg(vm, int_lshift(vm, I(1), I(100)));
    CHECK(D(binary_op(vm, x, m, BinOpArg::AND)) == "1606938044258990275541962092339894951921974764381296132096000");
    CHECK(binary_op(vm, I(-5), int_lshift(vm, I(1), I(80)), BinOpArg::OR).as_int() == -5);
    CHECK(D(binary_op(vm, I(-5), int_neg(vm, int_lshift(vm, I(1), I(80))), BinOpArg::XOR)) == "1208925819614629174706171");
    CHECK(binary_op(vm, I(12), I(-10), BinOpArg::AND).as_int() == 4);
    CHECK(unary_invert(vm, I(Value::kIntMax)).as_int() == Value::kIntMin);
}

TEST_CASE("int: conversion to float rounds half to even; true division is correctly rounded", "[int]")
{
    VM& vm = ivm();
    double d = 0;
    REQUIRE(int_to_double(vm, N("9007199254740993"), d));
    CHECK(d == 9007199254740992.0);
    REQUIRE(int_to_double(vm, N("9007199254740995"), d));
    CHECK(d == 9007199254740996.0);
    Value near_max = int_sub(vm, int_lshift(vm, I(1), I(1024)), int_lshift(vm, I(1), I(971)));
    REQUIRE(int_to_double(vm, near_max, d));
    CHECK(d == 1.7976931348623157e308);
    Value over = int_sub(vm, int_lshift(vm, I(1), I(1024)), int_lshift(vm, I(1), I(970)));
    CHECK_FALSE(int_to_double(vm, over, d));
    CHECK(error_text() == "int too large to convert to float");

    auto div = [&](Value a, Value b) {
        Value r = int_true_divide(vm, a, b);
        REQUIRE(r.is_double());
        return float_repr_string(r.as_double());
    };
    CHECK(div(int_add(vm, int_lshift(vm, I(1), I(100)), I(1)), I(3)) == "4.2255020007607644e+29");
    CHECK(div(int_pow(vm, I(10), I(400), Value::null()), int_pow(vm, I(10), I(399), Value::null())) == "10.0");
    CHECK(div(N("1000000000000000000000000000001"), N("1000000000003")) == "9.999999999970001e+17");
    CHECK(div(int_pow(vm, I(7), I(80), Value::null()), int_pow(vm, I(3), I(90), Value::null())) == "4.6444070579485505e+24");
    CHECK(div(int_neg(vm, N("18446744073709551617")), I(3)) == "-6.148914691236517e+18");
    CHECK(div(I(0), I(-5)) == "-0.0");
    CHECK(div(I(1), int_pow(vm, I(10), I(400), Value::null())) == "0.0");
    CHECK(int_true_divide(vm, int_pow(vm, I(10), I(400), Value::null()), I(1)).is_null());
    CHECK(error_text() == "integer division result too large for a float");
    CHECK(int_true_divide(vm, I(1), I(0)).is_null());
    CHECK(error_text() == "division by zero");
}

TEST_CASE("int: hash is the value mod 2**61-1 and matches float hash", "[int]")
{
    VM& vm = ivm();
    CHECK(int_hash(I(-1)) == -2);
    CHECK(int_hash(I(0)) == 0);
    Value p = int_sub(vm, int_lshift(vm, I(1), I(61)), I(1));
    CHECK(int_hash(p) == 0);
    CHECK(int_hash(int_add(vm, p, I(1))) == 1);
    CHECK(int_hash(int_lshift(vm, I(1), I(100))) == 549755813888);
    CHECK(int_hash(int_neg(vm, int_lshift(vm, I(1), I(100)))) == -549755813888);
    CHECK(int_hash(int_lshift(vm, I(1), I(70))) == float_hash(std::ldexp(1.0, 70)));
    CHECK(int_hash(N("100000000000000000000")) == float_hash(1e20));
    CHECK(int_hash(I(Value::kIntMax)) == float_hash(static_cast<double>(Value::kIntMax)));
}

TEST_CASE("int: exact comparison with floats", "[int]")
{
    VM& vm = ivm();
    Value two53p1 = N("9007199254740993");
    CHECK(int_compare_double(two53p1, 9007199254740992.0) == 1);
    CHECK(int_compare_double(N("9007199254740992"), 9007199254740992.0) == 0);
    CHECK(int_compare_double(int_pow(vm, I(10), I(400), Value::null()), 1e308) == 1);
    CHECK(int_compare_double(int_pow(vm, I(10), I(400), Value::null()), HUGE_VAL) == -1);
    CHECK(int_compare_double(I(1), NAN) == 2);
    CHECK(int_compare(N("-100000000000000000000"), I(-5)) == -1);
}

TEST_CASE("int: parsing with bases, underscores and errors", "[int]")
{
    VM& vm = ivm();
    CHECK(D(int_from_string(vm, "  -0x_ff ", 0)) == "-255");
    CHECK(D(int_from_string(vm, "1_000_000", 10)) == "1000000");
    CHECK(D(int_from_string(vm, "zz", 36)) == "1295");
    CHECK(D(int_from_string(vm, "0b101", 2)) == "5");
    CHECK(D(int_from_string(vm, "000", 0)) == "0");
    for (char const* bad : { "010", "1__0", "_1", "1_", "", "- 1", "0x" }) {
        INFO(bad);
        CHECK(int_from_string(vm, bad, 0).is_null());
        vm.clear_error();
    }
    CHECK(int_from_string(vm, "12", 2).is_null());
    CHECK(error_text() == "invalid literal for int() with base 2: '12'");
    // Unicode decimal digits and spaces are translated (int("\u0663") == 3).
    CHECK(numeric_text_to_ascii("\xd9\xa3\xc2\xa0" "12") == "3 12");
    auto H = [&](Value v, int base) { return std::string(as_str(int_to_base_string(vm, v, base))->view()); };
    CHECK(H(I(-255), 16) == "-0xff");
    CHECK(H(I(0), 2) == "0b0");
    CHECK(H(int_lshift(vm, I(1), I(70)), 8) == "0o200000000000000000000000");
}

TEST_CASE("int: str digit limit and huge round trips", "[int]")
{
    VM& vm = ivm();
    REQUIRE(get_int_max_str_digits() == 4300);
    std::string digits(5000, '7');
    CHECK(int_from_string(vm, digits, 10).is_null());
    CHECK(error_text() == "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 "
                          "digits; use sys.set_int_max_str_digits() to increase the limit");
    // Powers of two bases are not limited.
    CHECK(!int_from_string(vm, digits, 16).is_null());
    Value big = int_pow(vm, I(10), I(5000), Value::null());
    CHECK(int_repr(vm, big).is_null());
    CHECK(error_text() == "Exceeds the limit (4300 digits) for integer string conversion; use "
                          "sys.set_int_max_str_digits() to increase the limit");
    CHECK(!int_repr(vm, int_pow(vm, I(10), I(4299), Value::null())).is_null());
    CHECK(int_repr(vm, int_pow(vm, I(10), I(4300), Value::null())).is_null());
    vm.clear_error();
    CHECK_FALSE(set_int_max_str_digits(vm, 5));
    CHECK(error_text() == "maxdigits must be 0 or larger than 640");

    REQUIRE(set_int_max_str_digits(vm, 0));
    std::string text;
    for (int i = 0; i < 10000; ++i)
        text.push_back(static_cast<char>('0' + (i * 7 + 3) % 10));
    text[0] = '9';
    Value n = int_from_string(vm, text, 10);
    REQUIRE(!n.is_null());
    CHECK(D(n) == text);
    Value neg = int_from_string(vm, "-" + text, 10);
    CHECK(D(neg) == "-" + text);
    CHECK(int_compare(int_neg(vm, n), neg) == 0);
    REQUIRE(set_int_max_str_digits(vm, kIntDefaultMaxStrDigits));
}

TEST_CASE("int: format specs", "[int]")
{
    VM& vm = ivm();
    auto F = [&](Value v, char const* spec) {
        Value r = format_int(vm, v, spec);
        if (r.is_null())
            return "error: " + error_text();
        return std::string(as_str(r)->view());
    };
    CHECK(F(I(1234), "08,") == "0,001,234");
    CHECK(F(I(1234), "0=12,") == "0,000,001,234");
    CHECK(F(I(-1234), "09,") == "-0,001,234");
    CHECK(F(I(255), "#010x") == "0x000000ff");
    CHECK(F(I(255), "#_b") == "0b1111_1111");
    CHECK(F(int_neg(vm, int_lshift(vm, I(1), I(70))), "#,d") == "-1,180,591,620,717,411,303,424");
    CHECK(F(I(65), "c") == "A");
    CHECK(F(I(5), "e") == "5.000000e+00");
    CHECK(F(I(5), ".2") == "error: Precision not allowed in integer format specifier");
    CHECK(F(I(65), "+c") == "error: Sign not allowed with integer format specifier 'c'");
    CHECK(F(I(5), "q") == "error: Unknown format code 'q' for object of type 'int'");
    CHECK(F(I(-255), "#X") == "-0XFF");
    CHECK(F(I(7), "^7") == "   7   ");
}
