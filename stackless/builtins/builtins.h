// The natives of the `builtins` module, shared between the files of stackless/builtins/
// and the module table in builtins_module.cpp. Every function has the native calling
// convention (objects/object.h) and CPython 3.11's semantics and error messages.
#pragma once

#include "objects/runtime.h"

namespace slpy {

#define SLPY_BUILTIN(name) Value builtin_##name(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ---- objects and attributes (builtins_functions.cpp)
SLPY_BUILTIN(callable);
SLPY_BUILTIN(delattr);
SLPY_BUILTIN(getattr);
SLPY_BUILTIN(setattr);
SLPY_BUILTIN(hasattr);
SLPY_BUILTIN(hash);
SLPY_BUILTIN(id);
SLPY_BUILTIN(len);
SLPY_BUILTIN(repr);
SLPY_BUILTIN(ascii);
SLPY_BUILTIN(format);
SLPY_BUILTIN(isinstance);
SLPY_BUILTIN(issubclass);
SLPY_BUILTIN(dir);
SLPY_BUILTIN(vars);
SLPY_BUILTIN(globals);
SLPY_BUILTIN(locals);

// ---- iteration (builtins_iter.cpp)
SLPY_BUILTIN(iter);
SLPY_BUILTIN(next);
SLPY_BUILTIN(aiter);
SLPY_BUILTIN(anext);
SLPY_BUILTIN(all);
SLPY_BUILTIN(any);
SLPY_BUILTIN(sorted);
SLPY_BUILTIN(max);
SLPY_BUILTIN(min);
SLPY_BUILTIN(sum);

// Their argument parsing, shared with the loop's driving of them (builtins_drive.cpp):
// false with the builtin's own TypeError pending.
struct MinMaxArgs {
    Value key;  // null when none or None
    Value dflt; // default=, null when not given
};
bool min_max_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool is_max, MinMaxArgs& out);
bool sorted_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, Value& key, bool& reverse);
// out[0] the iterable, out[1] the start (0 when not given).
bool sum_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, Value out[2]);

// ---- numbers and characters (builtins_numeric.cpp)
SLPY_BUILTIN(abs);
SLPY_BUILTIN(bin);
SLPY_BUILTIN(oct);
SLPY_BUILTIN(hex);
SLPY_BUILTIN(chr);
SLPY_BUILTIN(ord);
SLPY_BUILTIN(divmod);
SLPY_BUILTIN(pow);
SLPY_BUILTIN(round);

// ---- code (builtins_eval.cpp)
SLPY_BUILTIN(compile);
SLPY_BUILTIN(eval);
SLPY_BUILTIN(exec);
SLPY_BUILTIN(import);

// ---- streams (builtins_io.cpp)
SLPY_BUILTIN(print);
SLPY_BUILTIN(input);
SLPY_BUILTIN(open);

#undef SLPY_BUILTIN

// BaseExceptionGroup and ExceptionGroup (builtins_exception_group.cpp), created once per
// process by setup_exception_groups (make_builtins_module calls it).
extern TypeObject* g_base_exception_group;
extern TypeObject* g_exception_group;
void setup_exception_groups(VM& vm);
// Gives objects/reduce.cpp (pickling) its import of copyreg and builtins, once, while the
// shared runtime is built (builtins_iter.cpp).
void install_reduce_import(VM& vm);
// For except* (stackless/vm/eval_support.cpp): whether v is a BaseExceptionGroup;
// BaseExceptionGroup("", excs) (an ExceptionGroup when all are Exceptions); and the part
// of group `eg` made of the leaf exceptions found in the groups of `keep`, with eg's
// nesting and the metadata split() copies (None when there is none).
bool is_exception_group(Value v);
Value exception_group_create(VM& vm, Value excs);
Value exception_group_projection(VM& vm, Value eg, List* keep);

// exit, quit, copyright, credits, license, help and breakpoint (builtins_site.cpp).
struct Module;
void add_site_builtins(VM& vm, Module* m);

// The value of sys.<name> (stdout, stderr, stdin), or not_found when sys or the
// attribute is missing. Never raises.
Value sys_stream(VM& vm, String* name);

} // namespace slpy
