// The native modules behind the data-structure half of CPython's library: _collections,
// itertools, _functools, _operator, _bisect, _heapq, _struct and _random (one .cpp each),
// and the few helpers they share (data_support.cpp).
#pragma once

#include "objects/function.h"
#include "objects/runtime.h"

namespace slpy {

struct Module;

Module* make_collections_module(VM& vm);
Module* make_itertools_module(VM& vm);
Module* make_functools_module(VM& vm);
Module* make_operator_module(VM& vm);
Module* make_bisect_module(VM& vm);
Module* make_heapq_module(VM& vm);
Module* make_struct_module(VM& vm);
Module* make_random_module(VM& vm);
Module* make_datetime_module(VM& vm); // _datetime (datetime_module.cpp)

// A built-in type that lives in module `module` (its __module__). Finish it with
// finish_builtin_type once its methods are in.
TypeObject* make_module_type(VM& vm, char const* module, char const* name, TypeObject* base, uint32_t basicsize,
                             uint32_t tflags, TraceFn trace = nullptr);
// PyArg_UnpackTuple's count check: "NAME expected 2 arguments, got 1", "NAME expected at
// least 1 argument, got 0", "NAME expected at most 3 arguments, got 4".
bool unpack_args(VM& vm, char const* name, size_t nargs, size_t min, size_t max);
// cls.__class_getitem__(item) -> types.GenericAlias (a METH_CLASS method).
Value generic_class_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
// PyNumber_Check: the type converts to a number (__index__, __int__, __float__, complex).
bool is_number(Value v);

} // namespace slpy
