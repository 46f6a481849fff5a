// Native functions and methods, and the API that built-in types use to declare them.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"

#include <initializer_list>

namespace slpy {

enum MethodFlags : uint32_t {
    METH_CLASS = 1u << 0,  // bind to the type (classmethod)
    METH_STATIC = 1u << 1, // no binding (staticmethod)
    METH_SWITCH = 1u << 2, // may switch tasklets (stackless): the eval loop calls it on its switch path
    // Bits 8-11: what CPython calls a slot wrapper (`int.__eq__`, `list.__len__`), and how
    // many arguments after self its wrapper function takes. add_methods sets them from the
    // slot's name; every path that calls a method descriptor or a bound built-in method
    // with arguments from Python checks them (check_wrapper_arity), so the native itself
    // may read args[1], args[2] without counting.
    METH_WRAPPER_MASK = 0xfu << 8,
    METH_WRAPPER_ANY = 1u << 8,      // a wrapper that parses its own arguments (__init__, __call__)
    METH_WRAPPER_UNARY = 2u << 8,    // exactly 0 (__len__, __repr__, __neg__)
    METH_WRAPPER_BINARY = 3u << 8,   // exactly 1 (__eq__, __add__, __getitem__)
    METH_WRAPPER_TERNARY = 4u << 8,  // exactly 2 (__setitem__, __setattr__, __set__)
    METH_WRAPPER_OPTIONAL = 5u << 8, // 1 or 2 (__get__, __pow__, __rpow__)
    METH_WRAPPER_REPEAT = 6u << 8,   // exactly 1, a sequence's __mul__/__rmul__/__imul__
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

// False (TypeError pending, CPython's wording) when the slot wrapper `f` is called with
// `nargs` positional arguments after self and keyword arguments `kwnames`.
struct BuiltinFunction;
bool wrapper_arity_error(VM& vm, BuiltinFunction const* f, size_t nargs, Tuple* kwnames);
inline bool check_wrapper_arity(VM& vm, BuiltinFunction const* f, size_t nargs, Tuple* kwnames);
// True when a native method of this name on `owner` is a slot wrapper (see MethodFlags).
bool is_slot_wrapper_name(String const* name, TypeObject const* owner);

inline bool check_wrapper_arity(VM& vm, BuiltinFunction const* f, size_t nargs, Tuple* kwnames)
{
    if ((f->mflags & METH_WRAPPER_MASK) <= METH_WRAPPER_ANY) [[likely]]
        return true;
    return wrapper_arity_error(vm, f, nargs, kwnames);
}

// `f.__get__(obj)` of a method descriptor: the method bound to obj (TypeError when obj is
// not an instance of the type that defines it).
[[nodiscard]] Value method_descriptor_bind(VM& vm, BuiltinFunction* f, Value obj);

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
