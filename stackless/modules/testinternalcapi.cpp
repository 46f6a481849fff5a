// The _testinternalcapi module: the questions CPython's own test suite asks the
// interpreter about itself (test.support.requires_debug_ranges asks get_config() whether
// code objects carry column positions; test_sys asks get_recursion_depth(); test_codecs
// checks the locale codec through EncodeLocaleEx/DecodeLocaleEx). slpy answers each with
// its own real state, so those tests measure slpy instead of skipping themselves. Only
// these functions exist: the rest of CPython's module tests C internals slpy does not have.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"

#include <string>

namespace slpy {

namespace {

// sys.<name>, or not_found.
Value sys_attr(VM& vm, char const* name)
{
    Module* sys = vm.interp->sys_module;
    String* key = intern(vm, name);
    if (!sys || !key)
        return key ? Value::not_found() : Value::null();
    return dict_get_str(vm, sys->dict, key);
}

// The config keys CPython's PyConfig has, filled from what slpy's sys module reports
// (the command line's flags, paths and options); code_debug_ranges is always on: every
// code object slpy compiles keeps its column positions for tracebacks.
Value get_config(VM& vm, Value const*, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "get_config", nargs, 0, 0))
        return Value::null();
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    auto put = [&](char const* key, Value v) {
        String* k = v.is_null() ? nullptr : intern(vm, key);
        return k && dict_set_str(vm, d, k, v);
    };
    auto flag = [&](Value flags, char const* name) -> Value {
        String* n = intern(vm, name);
        return n ? getattr(vm, flags, n) : Value::null();
    };
    auto negated = [&](Value v) -> Value {
        if (v.is_null())
            return v;
        int t = truthy(vm, v);
        return t < 0 ? Value::null() : Value::small_int(t ? 0 : 1);
    };
    Value flags = sys_attr(vm, "flags");
    if (flags.is_null())
        return flags;
    if (flags.is_not_found())
        return raise(vm, exc::RuntimeError, "lost sys.flags");
    struct Same {
        char const* key;
        char const* flag;
    };
    static constexpr Same same[] = { { "parser_debug", "debug" },     { "inspect", "inspect" },
                                     { "interactive", "interactive" }, { "optimization_level", "optimize" },
                                     { "isolated", "isolated" },       { "dev_mode", "dev_mode" },
                                     { "verbose", "verbose" },         { "quiet", "quiet" },
                                     { "bytes_warning", "bytes_warning" }, { "utf8_mode", "utf8_mode" },
                                     { "warn_default_encoding", "warn_default_encoding" },
                                     { "safe_path", "safe_path" },     { "int_max_str_digits", "int_max_str_digits" } };
    for (Same const& s : same)
        if (!put(s.key, flag(flags, s.flag)))
            return Value::null();
    static constexpr Same inverse[] = { { "write_bytecode", "dont_write_bytecode" },
                                        { "use_environment", "ignore_environment" },
                                        { "site_import", "no_site" },
                                        { "user_site_directory", "no_user_site" } };
    for (Same const& s : inverse)
        if (!put(s.key, negated(flag(flags, s.flag))))
            return Value::null();
    static constexpr Same from_sys[] = { { "argv", "argv" },
                                         { "orig_argv", "orig_argv" },
                                         { "executable", "executable" },
                                         { "prefix", "prefix" },
                                         { "base_prefix", "base_prefix" },
                                         { "exec_prefix", "exec_prefix" },
                                         { "base_exec_prefix", "base_exec_prefix" },
                                         { "platlibdir", "platlibdir" },
                                         { "pycache_prefix", "pycache_prefix" },
                                         { "warnoptions", "warnoptions" },
                                         { "module_search_paths", "path" } };
    for (Same const& s : from_sys) {
        Value v = sys_attr(vm, s.flag);
        if (v.is_null() || (!v.is_not_found() && !put(s.key, v)))
            return Value::null();
    }
    if (!put("code_debug_ranges", Value::small_int(1)))
        return Value::null();
    return Value::from_object(d);
}

Value get_recursion_depth(VM& vm, Value const*, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "get_recursion_depth", nargs, 0, 0))
        return Value::null();
    // CPython counts the frame of the caller, which called this function.
    return Value::small_int(vm.interp->depth);
}

// The locale codec (slpy's is always UTF-8) with the three error handlers CPython's
// _Py_EncodeLocaleEx supports; a failure is a RuntimeError naming the position.
bool locale_errors(VM& vm, Value arg, std::string_view& errors)
{
    String* e = as_str(arg);
    if (!e) {
        raise_fmt(vm, exc::TypeError, "errors must be str, not %s", type_name(arg));
        return false;
    }
    errors = e->view();
    if (errors != "strict" && errors != "surrogateescape" && errors != "surrogatepass") {
        raise(vm, exc::ValueError, "unsupported error handler");
        return false;
    }
    return true;
}

// Turns a pending UnicodeError into CPython's "<what> error: pos=N, reason=R".
Value locale_codec_error(VM& vm, char const* what)
{
    if (!vm.error_matches(exc::UnicodeError))
        return Value::null();
    Value e = vm.take_error();
    Value start = getattr_opt(vm, e, names.start);
    Value reason = getattr_opt(vm, e, names.reason);
    String* r = reason.is_object() ? as_str(reason) : nullptr;
    if (!start.is_int() || !r) {
        vm.clear_error();
        vm.set_error(e);
        return Value::null();
    }
    return raise_fmt(vm, exc::RuntimeError, "%s error: pos=%lld, reason=%s", what, (long long)start.as_int(), r->c_str());
}

Value encode_locale_ex(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "EncodeLocaleEx", nargs, 3, 3))
        return Value::null();
    String* s = as_str(args[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "EncodeLocaleEx() argument 1 must be str, not %s", type_name(args[0]));
    std::string_view errors;
    if (!locale_errors(vm, args[2], errors))
        return Value::null();
    Value r = str_encode(vm, s, "utf-8", errors);
    return r.is_null() ? locale_codec_error(vm, "encode") : r;
}

Value decode_locale_ex(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "DecodeLocaleEx", nargs, 3, 3))
        return Value::null();
    Bytes* b = type_of(args[0]) == types.bytes ? args[0].as<Bytes>() : nullptr;
    if (!b)
        return raise_fmt(vm, exc::TypeError, "DecodeLocaleEx() argument 1 must be bytes, not %s", type_name(args[0]));
    std::string_view errors;
    if (!locale_errors(vm, args[2], errors))
        return Value::null();
    Value r = bytes_decode(vm, b->view(), "utf-8", errors);
    return r.is_null() ? locale_codec_error(vm, "decode") : r;
}

} // namespace

Module* make_testinternalcapi_module(VM& vm)
{
    Module* m = module_new(vm, "_testinternalcapi");
    module_add_functions(vm, m, {
        { "get_config", get_config },
        { "get_recursion_depth", get_recursion_depth },
        { "EncodeLocaleEx", encode_locale_ex },
        { "DecodeLocaleEx", decode_locale_ex },
    });
    return m;
}

} // namespace slpy
