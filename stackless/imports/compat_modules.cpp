// Small built-in modules CPython's importlib and library import by name: `_io` (slpy's
// native io under the name CPython's modules use, plus open_code and text_encoding) and
// `_warnings` (warn(), which importlib calls; the rest of the warnings machinery is
// CPython's pure-Python warnings.py, which falls back to itself when _warnings lacks its
// filters).
#include "stackless/imports/imports.h"

#include "objects/function.h"
#include "objects/string.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

namespace {

// _io.open_code(path): the file opened for reading in binary mode (no hooks in slpy).
Value io_open_code(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "open_code", args, nargs, kwnames, { "path" }, 1, a))
        return Value::null();
    if (!as_str(a[0]))
        return raise_fmt(vm, exc::TypeError, "open_code() argument 'path' must be str, not %s", type_name(a[0]));
    Value io = TRY(import_absolute(vm, intern(vm, "io")));
    Value open = TRY(getattr(vm, io, intern(vm, "open")));
    Value oargs[2] = { a[0], str_value(vm, "rb") };
    return call(vm, open, oargs, 2);
}

// _io.text_encoding(encoding, stacklevel=2): "locale" for None (UTF-8 mode is off),
// else the encoding given.
Value io_text_encoding(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "text_encoding", args, nargs, kwnames, { "encoding", "stacklevel" }, 1, a))
        return Value::null();
    if (is_none(a[0]))
        return str_value(vm, "locale");
    return a[0];
}

Module* make_io_compat_module(VM& vm)
{
    Value io = import_absolute(vm, intern(vm, "io"));
    Module* m = module_new(vm, "_io");
    if (io.is_null()) {
        vm.clear_error();
        return m;
    }
    (void)dict_merge(vm, m->dict, io.as<Module>()->dict);
    (void)dict_set_str(vm, m->dict, names.__name__, str_value(vm, "_io"));
    module_add_functions(vm, m, { { "open_code", io_open_code }, { "text_encoding", io_text_encoding } });
    // The same functions on io itself, which CPython's io.py would re-export.
    Module* iom = io.as<Module>();
    for (char const* name : { "open_code", "text_encoding" })
        if (dict_get_str(vm, iom->dict, intern(vm, name)).is_not_found())
            module_add(vm, iom, name, dict_get_str(vm, m->dict, intern(vm, name)));
    return m;
}

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
    in.register_builtin_module("_io", make_io_compat_module);
    in.register_builtin_module("_warnings", make_warnings_compat_module);
}

} // namespace slpy
