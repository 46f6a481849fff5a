// complex: a heap object holding two doubles; complex-subclass instances are BoxedValues
// whose base_value is a Complex.
#pragma once

#include "objects/runtime.h"

#include <string>

namespace slpy {

struct Complex : Object {
    double real;
    double imag;
};

Value complex_new(VM& vm, double real, double imag);
// True for a complex or a complex-subclass instance.
bool is_complex(Value v);
// The Complex inside v (v: is_complex).
Complex* complex_unwrap(Value v);
// (a + bj) ** (c + dj) as CPython's complex_pow (ZeroDivisionError "0.0 to a negative or
// complex power", OverflowError "complex exponentiation").
Value complex_pow(VM& vm, double ar, double ai, double br, double bi);
// repr(complex) as CPython: "(1+2j)", "1j", "(-0-1j)", "(nan+infj)".
std::string complex_repr_string(double real, double imag);

} // namespace slpy
