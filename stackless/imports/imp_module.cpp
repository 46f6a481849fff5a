// _imp: the built-in half of importlib (what importlib._bootstrap and
// _bootstrap_external call), and the registration of the import system's built-in
// modules.
#include "stackless/imports/imports.h"

#include "objects/bytes.h"
#include "objects/hash.h"
#include "objects/function.h"
#include "objects/string.h"
#include "stackless/imports/import_state.h"
#include "stackless/modules/os_support.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

namespace {

Value name_arg(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, String*& out)
{
    if (!check_no_kwargs(vm, fname, kwnames) || !check_nargs(vm, fname, nargs, 1, 1))
        return Value::null();
    out = as_str(args[0]);
    if (!out)
        return raise_fmt(vm, exc::TypeError, "%s() argument must be str, not %s", fname, type_name(args[0]));
    return py_none();
}

Value imp_is_builtin(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    String* n;
    TRY(name_arg(vm, "is_builtin", args, nargs, kwnames, n));
    // 1: a built-in module that may be re-initialized; -1 for sys/builtins, as CPython.
    if (n->view() == "sys" || n->view() == "builtins")
        return Value::small_int(-1);
    return Value::small_int(interp(vm).is_builtin_module(n->view()) ? 1 : 0);
}

Value imp_is_frozen(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    String* n;
    TRY(name_arg(vm, "is_frozen", args, nargs, kwnames, n));
    return py_false(); // slpy freezes nothing
}

Value imp_find_frozen(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "find_frozen", args, nargs, kwnames, { "name", "withdata" }, 1, a))
        return Value::null();
    return py_none();
}

Value imp_is_frozen_package(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    String* n;
    TRY(name_arg(vm, "is_frozen_package", args, nargs, kwnames, n));
    return raise_import_error(vm, exc::ImportError, "No such frozen object named " + std::string(n->view()), args[0], Value::null());
}

Value imp_get_frozen_object(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    return raise_import_error(vm, exc::ImportError, "No such frozen object named " + std::string(nargs && as_str(args[0]) ? as_str(args[0])->view() : "?"),
                              nargs ? args[0] : Value::null(), Value::null());
}

Value imp_create_builtin(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "create_builtin", kwnames) || !check_nargs(vm, "create_builtin", nargs, 1, 1))
        return Value::null();
    Value name = TRY(getattr(vm, args[0], names.name));
    String* n = as_str(name);
    if (!n)
        return raise(vm, exc::TypeError, "spec name must be string");
    if (n->view() == "sys")
        return Value::from_object(interp(vm).sys_module);
    if (n->view() == "builtins")
        return Value::from_object(interp(vm).builtins_module);
    Value m = TRY(interp(vm).load_builtin_module(n));
    if (m.is_not_found())
        return raise_import_error(vm, exc::ImportError, "no built-in module named " + std::string(n->view()), name, Value::null());
    return m;
}

Value imp_exec(VM&, Value const*, size_t, Tuple*) { return Value::small_int(0); }

Value imp_create_dynamic(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    Value name = nargs ? getattr(vm, args[0], names.name) : Value::null();
    if (name.is_null())
        vm.clear_error();
    return raise_import_error(vm, exc::ImportError, "slpy cannot load C extension modules", name, Value::null());
}

Value imp_extension_suffixes(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "extension_suffixes", kwnames) || !check_nargs(vm, "extension_suffixes", nargs, 0, 0))
        return Value::null();
    List* l = list_new(vm); // no C extensions
    return l ? Value::from_object(l) : Value::null();
}

// The import lock (import_locks.cpp): re-entrant, owned by a thread; other threads wait.
bool lock_noargs(VM& vm, char const* fname, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size > 0) {
        raise_fmt(vm, exc::TypeError, "_imp.%s() takes no keyword arguments", fname);
        return false;
    }
    if (nargs != 0) {
        raise_fmt(vm, exc::TypeError, "_imp.%s() takes no arguments (%zu given)", fname, nargs);
        return false;
    }
    return true;
}

// lock_held(): True while any thread holds the import lock.
Value imp_lock_held(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!lock_noargs(vm, "lock_held", nargs, kwnames))
        return Value::null();
    return py_bool(import_lock_held(vm));
}

Value imp_acquire_lock(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!lock_noargs(vm, "acquire_lock", nargs, kwnames) || !import_lock_acquire(vm))
        return Value::null();
    return py_none();
}

Value imp_release_lock(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!lock_noargs(vm, "release_lock", nargs, kwnames) || !import_lock_release(vm))
        return Value::null();
    return py_none();
}

// test.support.import_helper switches CPython's frozen stdlib modules on and off around
// imports; slpy freezes no module, so there is nothing to switch: the override (an int)
// is checked and has no effect.
Value imp_override_frozen_modules_for_tests(VM& vm, Value const* a, size_t n, Tuple*)
{
    if (n != 1)
        return raise_fmt(vm, exc::TypeError, "_override_frozen_modules_for_tests() takes exactly one argument (%zu given)", n);
    int64_t v;
    if (!index_i64(vm, a[0], v))
        return Value::null();
    return py_none();
}

// _fix_co_filename(code, path): CPython rewrites co_filename when a .pyc moved; slpy's
// cache stores the path it was compiled from and is rewritten when the source moves
// (its mtime/size check), so there is nothing to fix.
Value imp_fix_co_filename(VM&, Value const*, size_t, Tuple*) { return py_none(); }

// source_hash(key, source): the hash hash-based .pyc files carry (slpy writes only
// timestamp-based caches, but importlib.util.source_hash is public): SipHash is not
// needed for that use, a keyed FNV-1a over the source gives the 8 bytes.
Value imp_source_hash(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "source_hash", args, nargs, kwnames, { "key", "source" }, 2, a))
        return Value::null();
    int64_t key;
    if (!index_i64(vm, a[0], key))
        return Value::null();
    Bytes* b = as_bytes(a[1]);
    if (!b)
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[1]));
    // CPython's _Py_KeyedHash: SipHash-1-3 keyed (key, 0), as hash-based .pyc files record.
    uint64_t h = siphash13(uint64_t(key), 0, b->view().data(), b->view().size());
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i)
        out[size_t(i)] = char((h >> (8 * i)) & 0xff);
    Bytes* r = bytes_new(vm, out);
    return r ? Value::from_object(r) : Value::null();
}

} // namespace

Module* make_imp_module(VM& vm)
{
    Module* m = module_new(vm, "_imp");
    module_add_functions(vm, m, {
        { "is_builtin", imp_is_builtin },
        { "is_frozen", imp_is_frozen },
        { "find_frozen", imp_find_frozen },
        { "is_frozen_package", imp_is_frozen_package },
        { "get_frozen_object", imp_get_frozen_object },
        { "init_frozen", imp_get_frozen_object },
        { "create_builtin", imp_create_builtin },
        { "exec_builtin", imp_exec },
        { "exec_dynamic", imp_exec },
        { "create_dynamic", imp_create_dynamic },
        { "extension_suffixes", imp_extension_suffixes },
        { "lock_held", imp_lock_held },
        { "acquire_lock", imp_acquire_lock },
        { "release_lock", imp_release_lock },
        { "_fix_co_filename", imp_fix_co_filename },
        { "source_hash", imp_source_hash },
        { "_override_frozen_modules_for_tests", imp_override_frozen_modules_for_tests },
    });
    module_add(vm, m, "check_hash_based_pycs", str_value(vm, "never"));
    module_add(vm, m, "_frozen_module_names", Value::from_object(tuple_new(vm, 0)));
    return m;
}

void register_compat_modules(Interpreter& in); // compat_modules.cpp

void register_import_modules(Interpreter& in)
{
    register_compat_modules(in);
    in.register_builtin_module("_imp", make_imp_module);
    in.register_builtin_module("posix", make_posix_module);
    in.register_builtin_module("errno", make_errno_module);
    in.register_builtin_module("_stat", make_stat_module);
}

} // namespace slpy
