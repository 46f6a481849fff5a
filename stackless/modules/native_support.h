// Helpers shared by the native modules of the runtime library (_weakref, atexit, gc,
// _signal, ...): per-VM module state and CPython's "Exception ignored" reports.
#pragma once

#include "objects/runtime.h"

#include <initializer_list>
#include <memory>

namespace slpy {

// A C int argument (the "i" format of CPython's argument parsing): an int or an object
// with __index__; OverflowError "Python int too large to convert to C long", then "signed
// integer is greater than maximum" / "less than minimum" outside int.
bool int_arg(VM& vm, Value v, int& out);

// CPython's PyObject_AsFileDescriptor (select, poll, termios): an int, or an object whose
// fileno() gives one; OverflowError outside a C int, ValueError for a negative one.
bool fd_from_object(VM& vm, Value v, int& out);

// CPython's _PyTime_FromSecondsObject with _PyTime_ROUND_TIMEOUT (time.sleep, the
// timeout of _queue.SimpleQueue.get): seconds as a float or an integer (anything with
// __index__) to nanoseconds, rounded away from zero (time.cpp).
bool seconds_to_ns(VM& vm, Value v, int64_t& out);

// The VM's state of type State (a VM::ModuleState) under `key`, created on first use.
template<typename State>
State& module_state(VM& vm, void const* key)
{
    if (VM::ModuleState* s = vm.module_state(key))
        return *static_cast<State*>(s);
    return *static_cast<State*>(vm.add_module_state(key, std::make_unique<State>(vm)));
}

// Reports the pending exception as CPython's PyErr_WriteUnraisable does: through
// sys.unraisablehook when the program replaced it, else to sys.stderr:
// "<prefix>: <repr(obj)>" then the traceback, and clears it. (`prefix` is "Exception
// ignored in" or "Exception ignored in atexit callback".)
void write_unraisable(VM& vm, char const* prefix, Value obj);
// sys.unraisablehook's default (also sys.__unraisablehook__), which write_unraisable calls
// the program's replacement instead of; and its argument's type (UnraisableHookArgs).
Value sys_unraisablehook(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
TypeObject* unraisable_args_type(VM& vm);

// A native that a module's hidden Python helpers call (compile_helpers); `switches`: it
// may park the tasklet (METH_SWITCH).
struct HelperNative {
    char const* name;
    NativeFn fn;
    bool switches;
};
// Runs `source`, the Python helpers of module `module` (the retry loop around a native
// that parks a tasklet, a thread's boot function), in a namespace holding `natives`, and
// puts the functions named `exported` into `out`, in order, their frames hidden from
// tracebacks. False with the error pending.
bool compile_helpers(VM& vm, char const* module, char const* source, std::initializer_list<HelperNative> natives,
                     std::initializer_list<char const*> exported, Value* out);

} // namespace slpy
