// Binding call arguments to the parameters of a Python function's new frame.
#pragma once

#include "stackless/vm/frame.h"
#include "stackless/vm/function.h"

namespace slpy {

// Fills the parameter slots of `frame` (a fresh frame of fn->code) from positional
// `args[0..nargs)` and the keyword values args[nargs..] named by `kwnames`, applying
// defaults, *args and **kwargs. Raises TypeError with CPython 3.11's messages ("f() missing
// 1 required positional argument: 'x'", ...) and returns false on a mismatch.
bool bind_arguments(VM& vm, Function* fn, Frame* frame, Value const* args, size_t nargs, Tuple* kwnames);

// A frame for calling fn with these arguments, or null (error pending).
Frame* frame_for_call(VM& vm, Function* fn, Value const* args, size_t nargs, Tuple* kwnames);

} // namespace slpy
