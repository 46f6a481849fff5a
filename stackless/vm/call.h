// Binding call arguments to the parameters of a Python function's new frame.
#pragma once

#include "stackless/vm/frame.h"
#include "stackless/vm/function.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

// Fills the parameter slots of `frame` (a fresh frame of fn->code) from positional
// `args[0..nargs)` and the keyword values args[nargs..] named by `kwnames`, applying
// defaults, *args and **kwargs. Raises TypeError with CPython 3.11's messages ("f() missing
// 1 required positional argument: 'x'", ...) and returns false on a mismatch.
bool bind_arguments(VM& vm, Function* fn, Frame* frame, Value const* args, size_t nargs, Tuple* kwnames);

// A frame for calling fn with these arguments, or null (error pending).
inline Frame* frame_for_call(VM& vm, Function* fn, Value const* args, size_t nargs, Tuple* kwnames);
// frame_for_call when the arguments need binding (keywords, defaults, *args, **kwargs).
Frame* frame_for_call_bound(VM& vm, Function* fn, Value const* args, size_t nargs, Tuple* kwnames);

inline Frame* frame_for_call(VM& vm, Function* fn, Value const* args, size_t nargs, Tuple* kwnames)
{
    Code* co = fn->code;
    // Fast path: exactly the positional parameters, nothing else.
    if (!kwnames && nargs == co->argcount && co->total_args == co->argcount) {
        Frame* frame = vm.interp->new_call_frame(fn, uint32_t(nargs));
        if (!frame) [[unlikely]]
            return nullptr;
        for (size_t i = 0; i < nargs; ++i)
            frame->localsplus[i] = args[i];
        return frame;
    }
    return frame_for_call_bound(vm, fn, args, nargs, kwnames);
}

} // namespace slpy
