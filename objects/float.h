// float: IEEE doubles inline in the Value; float-subclass instances are BoxedValues.
#pragma once

#include "objects/runtime.h"

#include <string>

namespace slpy {

// True for a float or a float-subclass instance.
bool is_float(Value v);
double float_unwrap(Value v);
// repr(float) as CPython: shortest round-trip digits, '1.0', '1e+16', 'inf', 'nan'.
std::string float_repr_string(double d);
Value float_repr(VM& vm, double d);
int64_t float_hash(double d); // CPython's numeric hash, so hash(1.0) == hash(1)
// float(x) conversion for numbers (int, float, __float__, __index__); TypeError otherwise.
bool to_double(VM& vm, Value v, double& out);

} // namespace slpy

namespace slpy {

// a ** b for doubles as CPython's float_pow: ZeroDivisionError for 0.0 ** negative,
// a complex for a negative base with a non-integral exponent, OverflowError on overflow.
Value float_pow(VM& vm, double a, double b);
// float(text) parsing as CPython (whitespace, underscores, inf/nan); `orig` is the value
// shown in "could not convert string to float: 'x'".
Value float_from_string(VM& vm, std::string_view text, Value orig);
// Exact comparison of doubles with ints is in int.h (int_compare_double).
// round(x, ndigits) correctly rounded (half-even on the exact binary value).
bool float_round_ndigits(VM& vm, double x, int64_t ndigits, double& out);

} // namespace slpy
