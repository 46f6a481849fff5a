// Small built-in modules CPython's importlib and library import by name: `_warnings`
// (warn(), which importlib calls; the rest of the warnings machinery is CPython's
// pure-Python warnings.py, which falls back to itself when _warnings lacks its filters).
// `_io` is slpy's native io (stackless/modules/io.cpp).
#include "stackless/imports/imports.h"

#include "objects/function.h"
#include "objects/string.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

namespace {

// _warnings.warn(message, category=None, stacklevel=1, source=None): warnings.warn.
Value warnings_warn(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "warn", args, nargs, kwnames, { "message", "category", "stacklevel", "source" }, 1, a))
        return Value::null();
    Value warnings = TRY(import_absolute(vm, intern(vm, "warnings")));
    Value warn = TRY(getattr(vm, warnings, intern(vm, "warn")));
    int64_t level = 1;
    if (!a[2].is_null() && !index_i64(vm, a[2], level))
        return Value::null();
    // One more level: this native call is not a frame the Python function can skip.
    Value wargs[4] = { a[0], a[1].is_null() ? py_none() : a[1], Value::small_int(level), a[3].is_null() ? py_none() : a[3] };
    return call(vm, warn, wargs, 4);
}

Module* make_warnings_compat_module(VM& vm)
{
    Module* m = module_new(vm, "_warnings");
    module_add_functions(vm, m, { { "warn", warnings_warn } });
    return m;
}

} // namespace

Module* make_marshal_module(VM& vm);

void register_compat_modules(Interpreter& in)
{
    in.register_builtin_module("marshal", make_marshal_module);
    in.register_builtin_module("_warnings", make_warnings_compat_module);
}

} // namespace slpy
