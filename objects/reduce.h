// Pickling support (CPython's __reduce__ protocol) shared by the built-in types: the
// generic object.__reduce__ / __reduce_ex__ / __getstate__ (copyreg for protocols 0 and 1,
// copyreg.__newobj__ from protocol 2), __reduce__ of built-in functions, and the
// "(callable, args[, state])" builder that every built-in iterator's __reduce__ uses.
#pragma once

#include "objects/runtime.h"

#include <initializer_list>

namespace slpy {

// Imports a module by absolute name (copyreg, builtins). objects/ cannot import, so the
// interpreter installs this once, while it builds the shared runtime (before any VM runs
// code); never written afterwards.
extern Value (*g_reduce_import)(VM& vm, String* name);

// getattr(import(module), name); null with the error pending.
[[nodiscard]] Value reduce_module_attr(VM& vm, char const* module, char const* name);

// (callable, (args...)), or (callable, (args...), state) when `state` is not null. A null
// argument (a failed computation) propagates its pending error.
[[nodiscard]] Value reduce_value(VM& vm, Value callable, std::initializer_list<Value> args, Value state = Value::null());
// The same with builtins.NAME (iter, reversed, getattr, ...) as the callable: the form of
// the built-in iterators' __reduce__, e.g. (iter, ([1, 2, 3],), 1).
[[nodiscard]] Value reduce_builtin(VM& vm, char const* name, std::initializer_list<Value> args, Value state = Value::null());

// The argument of an iterator's __setstate__ as an index (CPython's PyLong_AsSsize_t:
// TypeError for a non-int), silently clipped to [lo, hi]. False with the error pending.
[[nodiscard]] bool setstate_index(VM& vm, Value state, int64_t lo, int64_t hi, int64_t& out);

// Adds object.__reduce__, __reduce_ex__, __getstate__, type.__flags__ and the __reduce__
// of built-in functions and method descriptors (called by setup_object_and_type).
void setup_object_reduce(VM& vm);

} // namespace slpy
