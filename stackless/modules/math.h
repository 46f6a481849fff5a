// The math module (CPython 3.11's functions and constants).
#pragma once

namespace slpy {

class VM;
struct Module;

Module* make_math_module(VM& vm);

} // namespace slpy
