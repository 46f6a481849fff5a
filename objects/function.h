// Native functions and methods, and the API that built-in types use to declare them.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"

#include <initializer_list>

namespace slpy {

enum MethodFlags : uint32_t {
    METH_CLASS = 1u << 0,  // bind to the type (classmethod)
    METH_STATIC = 1u << 1, // no binding (staticmethod)
};

// A native function: a builtin (len), a method descriptor in a type's dict
// (types.method_descriptor: `str.upper`), or a bound builtin method (`"x".upper`: self set).
struct BuiltinFunction : Object {
    NativeFn fn;
    String* name;
    TypeObject* owner; // the type a method belongs to (None for plain functions)
    Value self;        // the bound self (or module for module functions); null when unbound
    char const* doc;
    uint32_t mflags;   // MethodFlags; bits 24-31: the eval loop's intrinsic id (stackless/vm/hooks.cpp)
};

[[nodiscard]] BuiltinFunction* builtin_function_new(VM& vm, char const* name, NativeFn fn, Value self = Value::null(), char const* doc = nullptr);

// A function bound to an instance (`obj.method`): types.method.
struct BoundMethod : Object {
    Value func;
    Value self;
};
[[nodiscard]] Value bound_method_new(VM& vm, Value func, Value self);

struct MethodDef {
    char const* name;
    NativeFn fn;
    uint32_t flags = 0;
    char const* doc = nullptr;
};
// Adds native methods to a type's dict. Dunder names with a Slot also fill the slot.
void add_methods(VM& vm, TypeObject* type, std::initializer_list<MethodDef> methods);

// Native attribute with getter/setter: get(vm, [self], 1), set(vm, [self, value], 2);
// value is null for `del`. A null `set` makes the attribute read-only.
struct GetSetDef {
    char const* name;
    NativeFn get;
    NativeFn set = nullptr;
    char const* doc = nullptr;
};
struct GetSetDescriptor : Object {
    String* name;
    TypeObject* owner;
    NativeFn get;
    NativeFn set;
    char const* doc;
};
// False with MemoryError pending (only class creation at run time needs to check: setup
// code runs where exhaustion is fatal).
bool add_getsets(VM& vm, TypeObject* type, std::initializer_list<GetSetDef> getsets);
// Sets a plain class attribute (constants such as float.__doc__ or int.__hash__ = None).
void add_attribute(VM& vm, TypeObject* type, char const* name, Value value);

// ---- argument checking, with CPython's messages
// "NAME() takes no arguments (N given)" etc. Keyword arguments are refused unless allowed.
bool check_no_kwargs(VM& vm, char const* fname, Tuple* kwnames);
// min <= nargs <= max positional arguments; messages as CPython's METH_VARARGS parsers:
// "NAME expected at most 2 arguments, got 3", "NAME expected 1 argument, got 0".
bool check_nargs(VM& vm, char const* fname, size_t nargs, size_t min, size_t max);
// Binds positional and keyword arguments to `names` (in order). out[i] is null for an
// argument not given. `required` leading names must be given; the first `posonly` may not
// be passed by keyword. Messages as CPython's argument clinic:
// "NAME() missing required argument 'x' (pos 1)", "'y' is an invalid keyword argument
// for NAME()", "NAME() takes at most 2 arguments (3 given)".
bool parse_args(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames,
                std::initializer_list<char const*> names, size_t required, Value* out,
                size_t posonly = 0);

} // namespace slpy
