// Unit tests of float (and complex basics): CPython's repr layout, numeric hash
// consistency with int, parsing, correctly rounded round(), pow's special cases and
// errors, and format specs. Expected values were computed with CPython 3.11.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/complex.h"
#include "objects/float.h"
#include "objects/format_spec.h"
#include "objects/int.h"
#include "objects/string.h"

#include <cmath>
#include <string>

using namespace slpy;

namespace {

VM& fvm() { return test::shared_vm(); }

std::string error_text()
{
    VM& vm = fvm();
    REQUIRE(vm.has_error());
    Value e = vm.take_error();
    Value s = to_str(vm, e);
    REQUIRE(!s.is_null());
    return std::string(as_str(s)->view());
}

std::string text(Value v)
{
    REQUIRE(!v.is_null());
    Value r = repr(fvm(), v);
    REQUIRE(!r.is_null());
    return std::string(as_str(r)->view());
}

Value parse(char const* s)
{
    VM& vm = fvm();
    return float_from_string(vm, s, str_value(vm, s));
}

} // namespace

TEST_CASE("float: repr is the shortest round trip in CPython's layout", "[float]")
{
    struct Case {
        double d;
        char const* text;
    };
    Case const cases[] = {
        { 0.1, "0.1" }, { 1e16, "1e+16" }, { 1e15, "1000000000000000.0" }, { 1.5e-5, "1.5e-05" },
        { 1e-5, "1e-05" }, { 0.0001, "0.0001" }, { 123456789012345678.0, "1.2345678901234568e+17" },
        { 5e-324, "5e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" }, { 1e22, "1e+22" },
        { 9007199254740993.0, "9007199254740992.0" }, { 2.5, "2.5" }, { -0.0, "-0.0" }, { 0.0, "0.0" },
        { 1.0 / 3, "0.3333333333333333" }, { 1e-4 * 1.234, "0.00012340000000000002" }, { 100.0, "100.0" },
        { 12345678901234567.0, "1.2345678901234568e+16" }, { HUGE_VAL, "inf" }, { -HUGE_VAL, "-inf" },
        { NAN, "nan" }, { -1.5, "-1.5" },
    };
    for (Case const& c : cases)
        CHECK(float_repr_string(c.d) == c.text);
}

TEST_CASE("float: hash matches CPython and int hashes", "[float]")
{
    VM& vm = fvm();
    CHECK(float_hash(1.5) == 1152921504606846977);
    CHECK(float_hash(-1.5) == -1152921504606846977);
    CHECK(float_hash(0.1) == 230584300921369408);
    CHECK(float_hash(1e100) == 1822893315824342674);
    CHECK(float_hash(1e-300) == 482449582752280463);
    CHECK(float_hash(-0.5) == -1152921504606846976);
    CHECK(float_hash(HUGE_VAL) == 314159);
    CHECK(float_hash(-1.0) == -2);
    CHECK(float_hash(-0.0) == 0);
    for (int64_t i : { int64_t(0), int64_t(1), int64_t(-7), Value::kIntMax, Value::kIntMin, int64_t(1) << 52 })
        CHECK(float_hash(static_cast<double>(i)) == int_hash(int_from_i64(vm, i)));
    CHECK(float_hash(std::ldexp(1.0, 300)) == int_hash(int_lshift(vm, Value::small_int(1), Value::small_int(300))));
}

TEST_CASE("float: parsing", "[float]")
{
    VM& vm = fvm();
    CHECK(parse("1_000.5").as_double() == 1000.5);
    CHECK(parse(" 1_0.5_5e1_0 ").as_double() == 105500000000.0);
    CHECK(parse("  -Infinity\n").as_double() == -HUGE_VAL);
    CHECK(std::isnan(parse("nAn").as_double()));
    CHECK(parse("1e400").as_double() == HUGE_VAL);
    CHECK(std::signbit(parse("-1e-400").as_double()));
    CHECK(parse(".5").as_double() == 0.5);
    CHECK(parse("5.").as_double() == 5.0);
    for (char const* bad : { "", "abc", "1.2.3", "1e", "0x10", "1__0", "in f", "1_.5", "nan(1)", "+-1", "." }) {
        INFO(bad);
        CHECK(parse(bad).is_null());
        vm.clear_error();
    }
    CHECK(parse("x").is_null());
    CHECK(error_text() == "could not convert string to float: 'x'");
}

TEST_CASE("float: round with ndigits is correctly rounded", "[float]")
{
    VM& vm = fvm();
    auto R = [&](double x, int64_t n) {
        double out = 0;
        REQUIRE(float_round_ndigits(vm, x, n, out));
        return float_repr_string(out);
    };
    CHECK(R(2.675, 2) == "2.67");
    CHECK(R(1.005, 2) == "1.0");
    CHECK(R(0.125, 2) == "0.12");
    CHECK(R(0.375, 2) == "0.38");
    CHECK(R(1234.5678, -2) == "1200.0");
    CHECK(R(123.456, -1) == "120.0");
    CHECK(R(-4.0, -1) == "-0.0");
    CHECK(R(5e-324, 323) == "0.0");
    CHECK(R(1e300, -301) == "0.0");
    CHECK(R(5.5, int64_t(1) << 60) == "5.5");
    double out;
    CHECK_FALSE(float_round_ndigits(vm, 1.7976931348623157e308, -308, out));
    CHECK(error_text() == "rounded value too large to represent");
}

TEST_CASE("float: pow special cases and errors", "[float]")
{
    VM& vm = fvm();
    CHECK(float_pow(vm, 0.0, 0.0).as_double() == 1.0);
    CHECK(float_pow(vm, -8.0, 3.0).as_double() == -512.0);
    CHECK(float_pow(vm, 1.0, NAN).as_double() == 1.0);
    CHECK(float_pow(vm, -2.0, HUGE_VAL).as_double() == HUGE_VAL);
    CHECK(float_pow(vm, 0.5, -HUGE_VAL).as_double() == HUGE_VAL);
    CHECK(std::signbit(float_pow(vm, -HUGE_VAL, -3.0).as_double()));
    CHECK(float_pow(vm, 0.0, -1.0).is_null());
    CHECK(error_text() == "0.0 cannot be raised to a negative power");
    CHECK(float_pow(vm, 10.0, 400.0).is_null());
    CHECK(error_text() == "(34, 'Numerical result out of range')");
    Value c = float_pow(vm, -8.0, 1.0 / 3);
    REQUIRE(is_complex(c));
    CHECK(text(c) == "(1.0000000000000002+1.7320508075688772j)");
}

TEST_CASE("float: format specs", "[float]")
{
    VM& vm = fvm();
    auto F = [&](double d, char const* spec) {
        Value r = format_float(vm, d, spec);
        if (r.is_null())
            return "error: " + error_text();
        return std::string(as_str(r)->view());
    };
    CHECK(F(1234.56789, ".2f") == "1234.57");
    CHECK(F(1234.56789, "g") == "1234.57");
    CHECK(F(1e-10, "g") == "1e-10");
    CHECK(F(0.25, ".1%") == "25.0%");
    CHECK(F(1234.5678, "+.1f") == "+1234.6");
    CHECK(F(1e100, ".0f").substr(0, 20) == "10000000000000000159");
    CHECK(F(1.0, "#g") == "1.00000");
    CHECK(F(12345.0, ".10g") == "12345");
    CHECK(F(-1.5, "=+10.2f") == "-     1.50");
    CHECK(F(NAN, "+") == "+nan");
    CHECK(F(HUGE_VAL, "010") == "0000000inf");
    CHECK(F(1234.5, "012,.1f") == "00,001,234.5");
    CHECK(F(-0.0, "z.1f") == "0.0");
    CHECK(F(-0.0001, "z.2e") == "-1.00e-04");
    CHECK(F(1e20, ".3") == "1e+20");
    CHECK(F(1.0, ".3") == "1.0");
    CHECK(F(1e16, "10") == "     1e+16");
    CHECK(F(1234567.0, ",") == "1,234,567.0");
    CHECK(F(1.0, "#.0f") == "1.");
    CHECK(F(1.5, "c") == "error: Unknown format code 'c' for object of type 'float'");
}

TEST_CASE("complex: repr", "[float]")
{
    CHECK(complex_repr_string(1, 2) == "(1+2j)");
    CHECK(complex_repr_string(0, 1) == "1j");
    CHECK(complex_repr_string(-0.0, -1) == "(-0-1j)");
    CHECK(complex_repr_string(0, -0.0) == "-0j");
    CHECK(complex_repr_string(1.5, NAN) == "(1.5+nanj)");
    CHECK(complex_repr_string(1e16, HUGE_VAL) == "(1e+16+infj)");
}
