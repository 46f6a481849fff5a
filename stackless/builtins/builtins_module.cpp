// The `builtins` module: every name of CPython 3.11's builtins (types, exceptions,
// constants and functions), gathered from the other files of stackless/builtins/.
#include "stackless/builtins/builtins.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

namespace {

char const* const kBuiltinsDoc =
    "Built-in functions, types, exceptions, and other objects.\n\n"
    "This module provides direct access to all 'built-in'\n"
    "identifiers of Python; for example, builtins.len is\n"
    "the full name for the built-in function len().\n\n"
    "This module is not normally accessed explicitly by most\n"
    "applications, but can be useful in modules that provide\n"
    "objects with the same name as a built-in value, but in\n"
    "which the built-in of that name is also needed.";

} // namespace

Module* make_builtins_module(VM& vm)
{
    setup_exception_groups(vm);
    install_reduce_import(vm);
    Module* m = module_new(vm, "builtins");

    // Constants.
    module_add(vm, m, "None", py_none());
    module_add(vm, m, "True", py_true());
    module_add(vm, m, "False", py_false());
    module_add(vm, m, "Ellipsis", py_ellipsis());
    module_add(vm, m, "NotImplemented", py_not_implemented());
    module_add(vm, m, "__debug__", py_bool(vm.optimize <= 0));
    module_add(vm, m, "__doc__", str_value(vm, kBuiltinsDoc));
    module_add(vm, m, "__package__", Value::from_object(empty_str()));
    module_add(vm, m, "__loader__", py_none());
    module_add(vm, m, "__spec__", py_none());

    // Types.
    struct TypeEntry {
        char const* name;
        TypeObject* type;
    };
    TypeEntry const type_table[] = {
        { "object", types.object }, { "type", types.type }, { "int", types.int_ }, { "float", types.float_ },
        { "complex", types.complex }, { "str", types.str }, { "bytes", types.bytes },
        { "bytearray", types.bytearray }, { "tuple", types.tuple }, { "list", types.list },
        { "dict", types.dict }, { "set", types.set }, { "frozenset", types.frozenset }, { "range", types.range },
        { "slice", types.slice }, { "memoryview", types.memoryview }, { "property", types.property },
        { "staticmethod", types.staticmethod }, { "classmethod", types.classmethod }, { "super", types.super },
        { "enumerate", types.enumerate }, { "zip", types.zip }, { "map", types.map }, { "filter", types.filter },
        { "reversed", types.reversed }, { "bool", types.bool_ },
    };
    for (TypeEntry const& e : type_table)
        module_add(vm, m, e.name, Value::from_object(e.type));

    // Exceptions, with CPython's aliases of OSError.
#define SLPY_ADD_EXC(name, base) module_add(vm, m, #name, Value::from_object(exc::name));
    SLPY_EXCEPTION_TYPES(SLPY_ADD_EXC)
#undef SLPY_ADD_EXC
    module_add(vm, m, "EnvironmentError", Value::from_object(exc::OSError));
    module_add(vm, m, "IOError", Value::from_object(exc::OSError));
    module_add(vm, m, "BaseExceptionGroup", Value::from_object(g_base_exception_group));
    module_add(vm, m, "ExceptionGroup", Value::from_object(g_exception_group));

    // Functions.
    module_add(vm, m, "__build_class__",
               Value::from_object(builtin_function_new(vm, "__build_class__", builtin_build_class, Value::null(),
                                                       "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\n"
                                                       "Internal helper function used by the class statement.")));
    module_add_functions(vm, m, {
        { "__import__", builtin_import }, { "abs", builtin_abs }, { "aiter", builtin_aiter },
        { "all", builtin_all }, { "anext", builtin_anext }, { "any", builtin_any }, { "ascii", builtin_ascii },
        { "bin", builtin_bin }, { "callable", builtin_callable }, { "chr", builtin_chr },
        { "compile", builtin_compile }, { "delattr", builtin_delattr }, { "dir", builtin_dir },
        { "divmod", builtin_divmod }, { "eval", builtin_eval }, { "exec", builtin_exec },
        { "format", builtin_format }, { "getattr", builtin_getattr }, { "globals", builtin_globals },
        { "hasattr", builtin_hasattr }, { "hash", builtin_hash }, { "hex", builtin_hex }, { "id", builtin_id },
        { "input", builtin_input }, { "isinstance", builtin_isinstance }, { "issubclass", builtin_issubclass },
        { "iter", builtin_iter }, { "len", builtin_len }, { "locals", builtin_locals }, { "max", builtin_max },
        { "min", builtin_min }, { "next", builtin_next }, { "oct", builtin_oct }, { "open", builtin_open },
        { "ord", builtin_ord }, { "pow", builtin_pow }, { "print", builtin_print }, { "repr", builtin_repr },
        { "round", builtin_round }, { "setattr", builtin_setattr }, { "sorted", builtin_sorted },
        { "sum", builtin_sum }, { "vars", builtin_vars },
    });
    add_site_builtins(vm, m);
    return m;
}

} // namespace slpy
