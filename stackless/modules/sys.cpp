// The sys module: interpreter state seen from Python (argv, path, modules, the
// recursion limit, the exception being handled, frames), version information, and the
// display/except hooks. sys.stdin/stdout/stderr are added by create_interpreter.
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/native_support.h"
#include "stackless/modules/records.h"
#include "stackless/modules/runtime_modules.h"
#include "stackless/vm/coroutine.h"
#include "stackless/vm/interpreter.h"

#include <cfloat>
#include <cstdlib>
#include <climits>
#include <cstdint>
#include <string>
#include <unistd.h>

namespace slpy {

namespace {

constexpr int kMajor = 3, kMinor = 11, kMicro = 7;
constexpr int64_t kHexVersion = 0x030B07F0; // 3.11.7 final
#define SLPY_VERSION_STRING "0.1.0"

Dict* sys_dict(VM& vm)
{
    Interpreter& in = interp(vm);
    return in.sys_module ? in.sys_module->dict : nullptr;
}

// A sys attribute (not_found when absent or when sys is not set up yet).
Value sys_attr(VM& vm, char const* name)
{
    Dict* d = sys_dict(vm);
    if (!d)
        return Value::not_found();
    String* key = intern(vm, name);
    if (!key)
        return Value::null();
    return dict_get_str(vm, d, key);
}

// The "i" argument converter: an int that fits a C int ("'str' object cannot be
// interpreted as an integer", "Python int too large to convert to C int").
bool to_c_int(VM& vm, Value v, int& out)
{
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    int64_t n;
    if (!int_to_i64(int_unwrap(i), n) || n < INT_MIN || n > INT_MAX) {
        raise(vm, exc::OverflowError, "Python int too large to convert to C int");
        return false;
    }
    out = int(n);
    return true;
}

// Command-line bytes as str, undecodable bytes as lone surrogates (surrogateescape).
Value decode_os_string(VM& vm, std::string const& bytes)
{
    std::string out;
    std::string_view rest(bytes);
    while (!rest.empty()) {
        size_t bad_len = 0;
        size_t bad = utf8_validate(rest, &bad_len);
        if (bad == std::string_view::npos) {
            out.append(rest);
            break;
        }
        out.append(rest.substr(0, bad));
        if (bad_len == 0)
            bad_len = 1;
        for (size_t i = 0; i < bad_len && bad + i < rest.size(); ++i)
            utf8_append(out, 0xDC00 + static_cast<unsigned char>(rest[bad + i]));
        rest.remove_prefix(std::min(rest.size(), bad + bad_len));
    }
    return str_value(vm, out);
}

// ------------------------------------------------------------------ functions

// sys.exit([status]): raises SystemExit(status). None gives no arguments and a tuple
// becomes the arguments, as PyErr_SetObject does when the exception is normalized.
// CPython normalizes only when a handler sees it (or at once, to chain it to an
// exception being handled); until then an uncaught sys.exit((5,)) reports the tuple
// itself, so such an exception is marked EXC_UNNORMALIZED.
Value sys_exit(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.exit", kwnames) || !check_nargs(vm, "exit", nargs, 0, 1))
        return Value::null();
    Tuple* exc_args;
    Tuple* raw_tuple = nullptr;
    if (nargs == 0 || is_none(args[0]))
        exc_args = empty_tuple();
    else if (Tuple* t = as_tuple(args[0]))
        exc_args = raw_tuple = t;
    else if (!(exc_args = tuple_pack(vm, { args[0] })))
        return Value::null();
    Value r = raise_with_args(vm, exc::SystemExit, exc_args);
    BaseException* e = as_exception(vm.error());
    // Only a tuple reports differently raw (None and other values give the same status
    // either way), and args holds its items; a __context__ means it was chained, hence
    // normalized.
    if (raw_tuple && e && e->context.is_null())
        e->flags |= EXC_UNNORMALIZED;
    return r;
}

// Tracing and profiling hooks are not implemented yet: no trace or profile function can
// be installed, so gettrace/getprofile truly answer None and settrace/setprofile accept
// only None (what code restoring a saved hook passes); a function raises an error that
// names the missing feature.
Value sys_no_hook(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 1, 1))
        return Value::null();
    if (!args[0].is(py_none()))
        return raise_fmt(vm, exc::NotImplementedError, "%s(): tracing and profiling hooks are not implemented in slpy yet", name);
    return py_none();
}

Value sys_settrace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return sys_no_hook(vm, "sys.settrace", args, nargs, kwnames); }
Value sys_setprofile(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return sys_no_hook(vm, "sys.setprofile", args, nargs, kwnames); }

Value sys_gettrace(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.gettrace", kwnames) || !check_nargs(vm, "sys.gettrace", nargs, 0, 0))
        return Value::null();
    return py_none();
}

Value sys_getprofile(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.getprofile", kwnames) || !check_nargs(vm, "sys.getprofile", nargs, 0, 0))
        return Value::null();
    return py_none();
}

Value sys_getrecursionlimit(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.getrecursionlimit", kwnames) || !check_nargs(vm, "sys.getrecursionlimit", nargs, 0, 0))
        return Value::null();
    return Value::small_int(interp(vm).recursion_limit);
}

Value sys_setrecursionlimit(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.setrecursionlimit", kwnames) || !check_nargs(vm, "sys.setrecursionlimit", nargs, 1, 1))
        return Value::null();
    int limit;
    if (!to_c_int(vm, args[0], limit))
        return Value::null();
    if (limit < 1)
        return raise(vm, exc::ValueError, "recursion limit must be greater or equal than 1");
    // Refuse a limit the running code already exceeds.
    Interpreter& in = interp(vm);
    if (in.depth >= limit)
        return raise_fmt(vm, exc::RecursionError,
                         "cannot set the recursion limit to %d at the recursion depth %d: the limit is too low", limit, in.depth);
    in.recursion_limit = limit;
    // Native recursion (nested containers, ...) has the same limit, as in CPython, where
    // both count against one counter.
    vm.max_native_depth = limit;
    return py_none();
}

Value sys_get_int_max_str_digits(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.get_int_max_str_digits", kwnames) || !check_nargs(vm, "sys.get_int_max_str_digits", nargs, 0, 0))
        return Value::null();
    return int_from_i64(vm, get_int_max_str_digits());
}

Value sys_set_int_max_str_digits(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "set_int_max_str_digits", args, nargs, kwnames, { "maxdigits" }, 1, a))
        return Value::null();
    int maxdigits;
    if (!to_c_int(vm, a[0], maxdigits))
        return Value::null();
    if (!set_int_max_str_digits(vm, maxdigits))
        return Value::null();
    return py_none();
}

// The exception being handled (sys.exception()), None when there is none.
Value handled_exception(VM& vm)
{
    Value e = interp(vm).exc_info;
    return e.is_null() ? py_none() : e;
}

// (type, value, traceback) of a handled exception `e` (None or null: none).
Value exc_info_tuple(VM& vm, Value e)
{
    if (e.is_null() || is_none(e))
        return Value::from_object(tuple_pack(vm, { py_none(), py_none(), py_none() }));
    BaseException* be = as_exception(e);
    Value tb = be && !be->traceback.is_null() ? be->traceback : py_none();
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(e)), e, tb }));
}

Value sys_exc_info(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.exc_info", kwnames) || !check_nargs(vm, "sys.exc_info", nargs, 0, 0))
        return Value::null();
    return exc_info_tuple(vm, handled_exception(vm));
}

Value sys_exception(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.exception", kwnames) || !check_nargs(vm, "sys.exception", nargs, 0, 0))
        return Value::null();
    return handled_exception(vm);
}

// sys._getframe([depth]): the caller's frame, or one `depth` calls further out.
Value sys_getframe(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys._getframe", kwnames) || !check_nargs(vm, "_getframe", nargs, 0, 1))
        return Value::null();
    int depth = 0;
    if (nargs == 1 && !to_c_int(vm, args[0], depth))
        return Value::null();
    Frame* f = interp(vm).current;
    while (depth > 0 && f) {
        f = frame_visible_back(f);
        --depth;
    }
    if (!f)
        return raise(vm, exc::ValueError, "call stack is not deep enough");
    // A frame object handed to Python must not be recycled when its call returns.
    f->captured = true;
    return Value::from_object(f);
}

// sys._current_frames() / sys._current_exceptions(): a dict from each running thread's
// ident to its innermost frame / to the exc_info of the exception it handles (green
// threads: the frames where their tasklets wait).
template<bool Exceptions>
Value sys_current_threads(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    char const* name = Exceptions ? "_current_exceptions" : "_current_frames";
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 0, 0))
        return Value::null();
    std::vector<ThreadSnapshot> threads;
    if (!thread_snapshots(vm, threads))
        return Value::null();
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    for (ThreadSnapshot const& t : threads) {
        Value v;
        if (Exceptions) {
            v = TRY(exc_info_tuple(vm, t.exc));
        } else {
            if (!t.frame)
                continue;
            t.frame->captured = true; // now visible to Python code
            v = Value::from_object(t.frame);
        }
        if (!dict_set(vm, d, TRY(int_from_u64(vm, t.ident)), v))
            return Value::null();
    }
    return Value::from_object(d);
}

Value sys_intern(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.intern", kwnames) || !check_nargs(vm, "sys.intern", nargs, 1, 1))
        return Value::null();
    if (!is_str(args[0]))
        return raise_fmt(vm, exc::TypeError, "intern() argument must be str, not %s", type_name(args[0]));
    if (!is_exact_str(args[0]))
        return raise_fmt(vm, exc::TypeError, "can't intern %s", type_name(args[0]));
    return Value::from_object(intern(vm, args[0].as<String>()));
}

// sys.getsizeof(object[, default]): object.__sizeof__(), or `default` when that fails
// with TypeError.
Value sys_getsizeof(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "getsizeof", args, nargs, kwnames, { "object", "default" }, 1, a))
        return Value::null();
    Value r = call_method(vm, a[0], names.__sizeof__, nullptr, 0);
    if (r.is_null()) {
        if (!a[1].is_null() && vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            return a[1];
        }
        return r;
    }
    if (!is_int(r))
        return raise(vm, exc::TypeError, "an integer is required");
    if (int_sign(r) < 0)
        return raise(vm, exc::ValueError, "__sizeof__() should return >= 0");
    return int_unwrap(r);
}

// sys.breakpointhook(*args, **kws): what breakpoint() calls. $PYTHONBREAKPOINT names the
// callable ("module.attr", a bare name meaning builtins; unset or empty: pdb.set_trace;
// "0": do nothing), read at each call as CPython does; one that cannot be imported is
// ignored with a RuntimeWarning.
Value sys_breakpointhook(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    char const* env = std::getenv("PYTHONBREAKPOINT");
    std::string target = env && *env ? env : "pdb.set_trace";
    if (target == "0")
        return py_none();
    size_t dot = target.rfind('.');
    if (dot != 0) {
        std::string module = dot == std::string::npos ? "builtins" : target.substr(0, dot);
        std::string attr = dot == std::string::npos ? target : target.substr(dot + 1);
        String* module_name = intern(vm, module);
        String* attr_name = intern(vm, attr);
        if (!module_name || !attr_name)
            return Value::null();
        Value mod = interp(vm).import_module(module_name);
        Value hook = mod.is_null() ? mod : getattr(vm, mod, attr_name);
        if (!hook.is_null())
            return call(vm, hook, args, nargs, kwnames);
        if (!vm.error_matches(exc::ImportError) && !vm.error_matches(exc::AttributeError))
            return Value::null();
        vm.clear_error();
    }
    String* warnings = intern(vm, "warnings");
    String* warn_name = intern(vm, "warn");
    if (!warnings || !warn_name)
        return Value::null();
    Value mod = TRY(interp(vm).import_module(warnings));
    Value warn = TRY(getattr(vm, mod, warn_name));
    Value msg = TRY(str_value(vm, "Ignoring unimportable $PYTHONBREAKPOINT: \"" + target + "\""));
    Value warn_args[2] = { msg, Value::from_object(exc::RuntimeWarning) };
    Value r = TRY(call(vm, warn, warn_args, 2));
    (void)r;
    return py_none();
}

// sys.call_tracing(func, args): func(*args). slpy's tracing is always on for the running
// frames, so nothing needs switching on around the call.
Value sys_call_tracing(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "call_tracing", kwnames) || !check_nargs(vm, "call_tracing", nargs, 2, 2))
        return Value::null();
    if (!is_instance_fast(args[1], types.tuple))
        return raise_fmt(vm, exc::TypeError, "call_tracing() argument 2 must be tuple, not %s", type_name(args[1]));
    Tuple* t = args[1].as<Tuple>();
    return call(vm, args[0], t->items, t->size);
}

// sys.displayhook(value): the interactive echo. Prints repr(value) to sys.stdout and
// stores it in builtins._ (None is not printed).
Value sys_displayhook(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.displayhook", kwnames) || !check_nargs(vm, "sys.displayhook", nargs, 1, 1))
        return Value::null();
    Dict* builtins = interp(vm).builtins;
    if (!builtins)
        return raise(vm, exc::RuntimeError, "lost builtins module");
    if (is_none(args[0]))
        return py_none();
    String* underscore = intern(vm, "_");
    if (!dict_set_str(vm, builtins, underscore, py_none()))
        return Value::null();
    Value out = TRY(sys_attr(vm, "stdout"));
    if (out.is_not_found() || is_none(out))
        return raise(vm, exc::RuntimeError, "lost sys.stdout");
    Value text = TRY(repr(vm, args[0]));
    TRY(call_method(vm, out, names.write, &text, 1));
    Value newline = str_value(vm, "\n");
    TRY(call_method(vm, out, names.write, &newline, 1));
    if (!dict_set_str(vm, builtins, underscore, args[0]))
        return Value::null();
    return py_none();
}

// sys.excepthook(type, value, traceback): prints the exception to sys.stderr as an
// uncaught one would be.
Value sys_excepthook(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.excepthook", kwnames) || !check_nargs(vm, "excepthook", nargs, 3, 3))
        return Value::null();
    Value value = args[1];
    // A traceback given separately is attached when the exception has none (bpo-18776).
    if (BaseException* be = as_exception(value))
        if ((be->traceback.is_null() || is_none(be->traceback)) && type_of(args[2]) == types.traceback)
            be->traceback = args[2];
    Value out = sys_attr(vm, "stderr");
    if (out.is_null() || out.is_not_found()) {
        vm.clear_error();
        out = Value::null();
    }
    print_exception_to(vm, value, out);
    return py_none();
}

Value sys_getdefaultencoding(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.getdefaultencoding", kwnames) || !check_nargs(vm, "sys.getdefaultencoding", nargs, 0, 0))
        return Value::null();
    return str_value(vm, "utf-8");
}

Value sys_getfilesystemencoding(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.getfilesystemencoding", kwnames) || !check_nargs(vm, "sys.getfilesystemencoding", nargs, 0, 0))
        return Value::null();
    return str_value(vm, "utf-8");
}

Value sys_getfilesystemencodeerrors(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.getfilesystemencodeerrors", kwnames) || !check_nargs(vm, "sys.getfilesystemencodeerrors", nargs, 0, 0))
        return Value::null();
    return str_value(vm, "surrogateescape");
}

// The thread switch interval is kept for programs that read it back; slpy's
// tasklet preemption is driven by stackless.run(), not by this value. Each VM has its
// own, as each CPython interpreter has.
char const kSwitchIntervalKey = 0;

struct SwitchInterval : VM::ModuleState {
    explicit SwitchInterval(VM&) {}
    void trace(Tracer&) override {}
    double seconds = 0.005;
};

double& switch_interval(VM& vm) { return module_state<SwitchInterval>(vm, &kSwitchIntervalKey).seconds; }

Value sys_getswitchinterval(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.getswitchinterval", kwnames) || !check_nargs(vm, "sys.getswitchinterval", nargs, 0, 0))
        return Value::null();
    return Value::from_double(switch_interval(vm));
}

Value sys_setswitchinterval(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.setswitchinterval", kwnames) || !check_nargs(vm, "sys.setswitchinterval", nargs, 1, 1))
        return Value::null();
    double d;
    if (!to_double(vm, args[0], d))
        return Value::null();
    if (!(d > 0.0))
        return raise(vm, exc::ValueError, "switch interval must be strictly positive");
    switch_interval(vm) = d;
    return py_none();
}

// Set once the program's end has run atexit's callbacks (sys_set_finalizing).
char const kFinalizingKey = 0;

struct Finalizing : VM::ModuleState {
    explicit Finalizing(VM&) {}
    bool on = false;
};

Value sys_is_finalizing(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.is_finalizing", kwnames) || !check_nargs(vm, "sys.is_finalizing", nargs, 0, 0))
        return Value::null();
    return py_bool(module_state<Finalizing>(vm, &kFinalizingKey).on);
}

// sys.audit(event, *args): no audit hooks exist, so nothing happens.
Value sys_audit(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "sys.audit", kwnames))
        return Value::null();
    if (nargs == 0)
        return raise(vm, exc::TypeError, "audit() missing 1 required positional argument: 'event'");
    if (!is_str(args[0]))
        return raise_fmt(vm, exc::TypeError, "expected str for argument 'event', not %s", type_name(args[0]));
    return py_none();
}

// ------------------------------------------------------------------ data attributes

Value make_version_info(VM& vm, TypeObject* type, int major, int minor, int micro, char const* level, int serial)
{
    Value v[5] = { Value::small_int(major), Value::small_int(minor), Value::small_int(micro), str_value(vm, level), Value::small_int(serial) };
    return struct_seq_new(vm, type, v, 5);
}

// A boolean environment option (PYTHONDONTWRITEBYTECODE, ...): set and not empty.
bool env_flag(char const* name)
{
    char const* v = std::getenv(name);
    return v && *v;
}

Value make_flags(VM& vm)
{
    TypeObject* t = struct_seq_type(vm, "sys", "flags",
                                    { "debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
                                      "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
                                      "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
                                      "warn_default_encoding", "safe_path", "int_max_str_digits" },
                                    18, false);
    if (!t)
        return Value::null();
    auto i = [](int64_t n) { return Value::small_int(n); };
    Value v[18] = { i(0), i(0), i(0), i(vm.optimize), i(env_flag("PYTHONDONTWRITEBYTECODE")), i(0), i(0), i(0), i(0), i(0),
                    i(0), i(hash_secret().randomized), i(0), py_false(), i(0), i(0), py_false(), i(-1) };
    return struct_seq_new(vm, t, v, 18);
}

Value make_float_info(VM& vm)
{
    TypeObject* t = struct_seq_type(vm, "sys", "float_info",
                                    { "max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig",
                                      "mant_dig", "epsilon", "radix", "rounds" },
                                    11);
    if (!t)
        return Value::null();
    Value v[11] = { Value::from_double(DBL_MAX), Value::small_int(DBL_MAX_EXP), Value::small_int(DBL_MAX_10_EXP),
                    Value::from_double(DBL_MIN), Value::small_int(DBL_MIN_EXP), Value::small_int(DBL_MIN_10_EXP),
                    Value::small_int(DBL_DIG), Value::small_int(DBL_MANT_DIG), Value::from_double(DBL_EPSILON),
                    Value::small_int(FLT_RADIX), Value::small_int(1) };
    return struct_seq_new(vm, t, v, 11);
}

Value make_int_info(VM& vm)
{
    TypeObject* t = struct_seq_type(vm, "sys", "int_info",
                                    { "bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold" }, 4);
    if (!t)
        return Value::null();
    // CPython's digit layout is reported so that programs reading it behave the same.
    Value v[4] = { Value::small_int(30), Value::small_int(4), Value::small_int(kIntDefaultMaxStrDigits), Value::small_int(kIntMaxStrDigitsThreshold) };
    return struct_seq_new(vm, t, v, 4);
}

Value make_hash_info(VM& vm)
{
    TypeObject* t = struct_seq_type(vm, "sys", "hash_info",
                                    { "width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff" }, 9);
    if (!t)
        return Value::null();
    Value v[9] = { Value::small_int(64), int_from_i64(vm, (int64_t(1) << 61) - 1), Value::small_int(314159), Value::small_int(0),
                   Value::small_int(1000003), str_value(vm, "siphash13"), Value::small_int(64), Value::small_int(128), Value::small_int(0) };
    return struct_seq_new(vm, t, v, 9);
}

// sys.thread_info: slpy's threads are green threads on the VM's scheduler (tasklets,
// scheduler/README.md "Threads"), neither pthreads nor Windows threads: the name and the
// lock kind CPython documents do not apply (None is the documented "unknown").
Value make_thread_info(VM& vm)
{
    TypeObject* t = struct_seq_type(vm, "sys", "thread_info", { "name", "lock", "version" }, 3);
    if (!t)
        return Value::null();
    Value v[3] = { py_none(), py_none(), str_value(vm, "slpy green threads") };
    return struct_seq_new(vm, t, v, 3);
}

std::string executable_path()
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return "";
    return std::string(buf, size_t(n));
}

} // namespace

Module* make_sys_module(VM& vm, std::vector<std::string> const& argv)
{
    Module* m = module_new(vm, "sys");
    auto add = [&](char const* name, Value v) {
        if (v.is_null()) {
            vm.clear_error(); // a part that failed to build is left out
            return;
        }
        module_add(vm, m, name, v);
    };

    module_add_functions(vm, m, {
        { "exit", sys_exit },
        { "getrecursionlimit", sys_getrecursionlimit },
        { "settrace", sys_settrace },
        { "gettrace", sys_gettrace },
        { "setprofile", sys_setprofile },
        { "getprofile", sys_getprofile },
        { "setrecursionlimit", sys_setrecursionlimit },
        { "get_int_max_str_digits", sys_get_int_max_str_digits },
        { "set_int_max_str_digits", sys_set_int_max_str_digits },
        { "exc_info", sys_exc_info },
        { "exception", sys_exception },
        { "_getframe", sys_getframe },
        { "_current_frames", sys_current_threads<false> },
        { "_current_exceptions", sys_current_threads<true> },
        { "intern", sys_intern },
        { "getsizeof", sys_getsizeof },
        { "getdefaultencoding", sys_getdefaultencoding },
        { "getfilesystemencoding", sys_getfilesystemencoding },
        { "getfilesystemencodeerrors", sys_getfilesystemencodeerrors },
        { "getswitchinterval", sys_getswitchinterval },
        { "setswitchinterval", sys_setswitchinterval },
        { "is_finalizing", sys_is_finalizing },
        { "audit", sys_audit },
        { "call_tracing", sys_call_tracing },
    });
    add_asyncgen_hook_functions(vm, m);
    // The hooks, and their originals as __displayhook__ / __excepthook__ / __breakpointhook__.
    for (auto [name, fn] : { std::pair<char const*, NativeFn>{ "displayhook", sys_displayhook }, { "excepthook", sys_excepthook },
                                { "breakpointhook", sys_breakpointhook }, { "unraisablehook", sys_unraisablehook } }) {
        Value f = Value::from_object(builtin_function_new(vm, name, fn, Value::from_object(m)));
        module_add(vm, m, name, f);
        module_add(vm, m, (std::string("__") + name + "__").c_str(), f);
    }

    // ---- command line and paths
    List* args = list_new(vm);
    for (std::string const& a : argv)
        (void)list_append(vm, args, decode_os_string(vm, a));
    add("argv", Value::from_object(args));
    add("orig_argv", Value::from_object(list_from_array(vm, args->items(), args->size)));
    List* path = list_new(vm); // create_interpreter's caller puts the script's directory first
    (void)list_append(vm, path, str_value(vm, SLPY_LIB_DIR));
    add("path", Value::from_object(path));
    Interpreter& in = interp(vm);
    if (!in.modules)
        in.modules = dict_new(vm);
    add("modules", Value::from_object(in.modules));
    add("warnoptions", Value::from_object(list_new(vm)));
    add("_xoptions", Value::from_object(dict_new(vm)));
    std::string exe = executable_path();
    add("executable", decode_os_string(vm, exe));
    add("_base_executable", decode_os_string(vm, exe));
    std::string prefix = SLPY_LIB_DIR;
    for (int up = 0; up < 2; ++up) // <prefix>/stackless/lib
        if (size_t slash = prefix.rfind('/'); slash != std::string::npos && slash > 0)
            prefix.resize(slash);
    for (char const* name : { "prefix", "base_prefix", "exec_prefix", "base_exec_prefix" })
        add(name, str_value(vm, prefix));
    add("platlibdir", str_value(vm, "lib"));
    add("pycache_prefix", py_none());
    // The bytecode cache (stackless/imports/pycache.cpp) is written unless this is true.
    add("dont_write_bytecode", py_bool(env_flag("PYTHONDONTWRITEBYTECODE")));

    // ---- version and platform
    add("version", str_value(vm, "3.11.7 (slpy " SLPY_VERSION_STRING ") [GCC " __VERSION__ "]"));
    add("hexversion", Value::small_int(kHexVersion));
    add("api_version", Value::small_int(1013));
    add("copyright", str_value(vm, "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\n"
                                   "slpy: a stackless Python 3.11 virtual machine."));
    add("platform", str_value(vm, "linux"));
    add("byteorder", str_value(vm, __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? "little" : "big"));
    add("maxsize", int_from_i64(vm, INT64_MAX));
    add("maxunicode", Value::small_int(0x10FFFF));
    add("float_repr_style", str_value(vm, "short"));
    add("abiflags", str_value(vm, ""));

    TypeObject* vi_type = struct_seq_type(vm, "sys", "version_info", { "major", "minor", "micro", "releaselevel", "serial" }, 5, false);
    Value version_info = vi_type ? make_version_info(vm, vi_type, kMajor, kMinor, kMicro, "final", 0) : Value::null();
    add("version_info", version_info);
    Dict* impl = dict_new(vm);
    (void)dict_set_str(vm, impl, names.name, str_value(vm, "slpy"));
    // __pycache__/NAME.slpy-311.pyc (stackless/imports/pycache.h)
    (void)dict_set_str(vm, impl, intern(vm, "cache_tag"), str_value(vm, "slpy-311"));
    if (vi_type) {
        Value impl_version = make_version_info(vm, vi_type, 0, 1, 0, "final", 0);
        if (impl_version.is_null())
            vm.clear_error();
        else
            (void)dict_set_str(vm, impl, intern(vm, "version"), impl_version);
    }
    (void)dict_set_str(vm, impl, intern(vm, "hexversion"), Value::small_int(0x000100F0));
#if defined(__x86_64__)
    (void)dict_set_str(vm, impl, intern(vm, "_multiarch"), str_value(vm, "x86_64-linux-gnu"));
#elif defined(__aarch64__)
    (void)dict_set_str(vm, impl, intern(vm, "_multiarch"), str_value(vm, "aarch64-linux-gnu"));
#endif
    add("implementation", simple_namespace_new(vm, impl));
    add("flags", make_flags(vm));
    add("thread_info", make_thread_info(vm));
    add("float_info", make_float_info(vm));
    add("int_info", make_int_info(vm));
    add("hash_info", make_hash_info(vm));
    return m;
}

void sys_set_finalizing(VM& vm) { module_state<Finalizing>(vm, &kFinalizingKey).on = true; }

// The scheduler's thread time slice (scheduler/scheduler.cpp).
double sys_switch_interval(VM& vm) { return switch_interval(vm); }

} // namespace slpy
