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
