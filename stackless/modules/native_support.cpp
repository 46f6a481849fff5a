// Helpers shared by the native modules (see native_support.h).
#include "stackless/modules/native_support.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/string.h"
#include "stackless/modules/records.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/opcodes.h"

#include <climits>
#include <cstdio>
#include <memory>
#include <string>

namespace slpy {

namespace {

// The unraisable-error reporting of this VM: the type of sys.unraisablehook's argument.
struct UnraisableState : VM::ModuleState {
    TypeObject* args_type = nullptr;
    void trace(Tracer& t) override { t.visit(args_type); }
};
char const k_unraisable_key = 0;

UnraisableState* unraisable_state(VM& vm)
{
    if (auto* s = vm.module_state(&k_unraisable_key))
        return static_cast<UnraisableState*>(s);
    return static_cast<UnraisableState*>(vm.add_module_state(&k_unraisable_key, std::make_unique<UnraisableState>()));
}

constexpr char const* kDefaultUnraisableMsg = "Exception ignored in";

// CPython's default report: "<err_msg>: <repr(obj)>" (err_msg None: "Exception ignored
// in"), or err_msg alone without an object, then the exception's traceback; on
// sys.stderr, or the C stream when that is gone or fails.
void print_unraisable(VM& vm, Value exc, Value err_msg, Value obj)
{
    std::string line;
    String* msg = !err_msg.is_null() && !is_none(err_msg) ? as_str(err_msg) : nullptr;
    if (!obj.is_null() && !is_none(obj)) {
        line = msg ? msg->c_str() : kDefaultUnraisableMsg;
        line += ": ";
        Value r = repr(vm, obj);
        if (r.is_null()) {
            vm.clear_error();
            line += "<object repr() failed>";
        } else {
            line += as_str(r)->c_str();
        }
        line += "\n";
    } else if (msg) {
        line = std::string(msg->c_str()) + "\n";
    }
    Interpreter& in = interp(vm);
    if (!line.empty()) {
        Value err = in.sys_module ? dict_get_str(vm, in.sys_module->dict, names.stderr) : Value::not_found();
        bool written = false;
        if (!err.is_null() && !err.is_not_found() && !is_none(err)) {
            Value text = str_value(vm, line);
            written = !text.is_null() && !call_method(vm, err, names.write, &text, 1).is_null();
        }
        if (!written) {
            vm.clear_error();
            std::fputs(line.c_str(), stderr);
        }
    }
    if (!exc.is_null() && !is_none(exc))
        in.print_exception(exc);
}

} // namespace

bool fd_from_object(VM& vm, Value v, int& out)
{
    Value n = v;
    if (!is_int(v)) {
        String* fileno = intern(vm, "fileno");
        Value meth = fileno ? getattr_opt(vm, v, fileno) : Value::null();
        if (meth.is_null())
            return false;
        if (meth.is_not_found()) {
            raise(vm, exc::TypeError, "argument must be an int, or have a fileno() method.");
            return false;
        }
        n = call0(vm, meth);
        if (n.is_null())
            return false;
        if (!is_int(n)) {
            raise(vm, exc::TypeError, "fileno() returned a non-integer");
            return false;
        }
    }
    int64_t fd;
    if (!index_i64(vm, n, fd))
        return false;
    if (fd < INT_MIN || fd > INT_MAX) {
        raise(vm, exc::OverflowError, fd > 0 ? "Python int too large to convert to C int"
                                             : "Python int too small to convert to C int");
        return false;
    }
    if (fd < 0) {
        raise_fmt(vm, exc::ValueError, "file descriptor cannot be a negative integer (%d)", int(fd));
        return false;
    }
    out = int(fd);
    return true;
}

bool int_arg(VM& vm, Value v, int& out)
{
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    int64_t n;
    if (!int_to_i64(int_unwrap(i), n)) {
        raise(vm, exc::OverflowError, "Python int too large to convert to C long");
        return false;
    }
    if (n > INT_MAX || n < INT_MIN) {
        raise(vm, exc::OverflowError, n > 0 ? "signed integer is greater than maximum" : "signed integer is less than minimum");
        return false;
    }
    out = int(n);
    return true;
}

TypeObject* unraisable_args_type(VM& vm)
{
    UnraisableState* s = unraisable_state(vm);
    if (!s->args_type)
        s->args_type = struct_seq_type(vm, "builtins", "UnraisableHookArgs",
                                       { "exc_type", "exc_value", "exc_traceback", "err_msg", "object" }, 5);
    return s->args_type;
}

Value sys_unraisablehook(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "unraisablehook", kwnames) || !check_nargs(vm, "unraisablehook", nargs, 1, 1))
        return Value::null();
    TypeObject* t = unraisable_args_type(vm);
    if (!t)
        return Value::null();
    if (type_of(args[0]) != t)
        return raise(vm, exc::TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
    Value v[5];
    for (size_t i = 0; i < 5; ++i)
        v[i] = TRY(struct_seq_get(vm, args[0], i));
    print_unraisable(vm, v[1], v[3], v[4]);
    return py_none();
}

void write_unraisable(VM& vm, char const* prefix, Value obj)
{
    Value e = vm.take_error();
    if (e.is_null())
        return;
    // err_msg is None for the plain "Exception ignored in" (CPython's PyErr_WriteUnraisable).
    Value err_msg = std::string_view(prefix) == kDefaultUnraisableMsg ? py_none() : str_value(vm, prefix);
    Interpreter& in = interp(vm);
    String* hook_name = intern(vm, "unraisablehook");
    Value hook = hook_name && in.sys_module ? dict_get_str(vm, in.sys_module->dict, hook_name) : Value::not_found();
    bool custom = !hook.is_null() && !hook.is_not_found() && !is_none(hook) &&
                  !(type_of(hook) == types.builtin_function && hook.as<BuiltinFunction>()->fn == sys_unraisablehook);
    if (custom && !err_msg.is_null()) {
        TypeObject* t = unraisable_args_type(vm);
        BaseException* be = as_exception(e);
        Value fields[5] = { Value::from_object(type_of(e)), e, be && !be->traceback.is_null() ? be->traceback : py_none(), err_msg,
                            obj.is_null() ? py_none() : obj };
        Value hook_args = t ? struct_seq_new(vm, t, fields, 5) : Value::null();
        // The hook runs outside any handler (a thread's report runs inside one), so an
        // error of its own gets no __context__, as in CPython.
        Value handled = in.exc_info;
        in.exc_info = Value::null();
        bool ok = !hook_args.is_null() && !call(vm, hook, &hook_args, 1).is_null();
        in.exc_info = handled;
        if (ok)
            return;
        // The hook failed: its own error is reported the default way, as CPython does.
        Value hook_error = vm.take_error();
        print_unraisable(vm, hook_error, str_value(vm, "Exception ignored in sys.unraisablehook"), hook);
        return;
    }
    vm.clear_error();
    print_unraisable(vm, e, err_msg.is_null() ? py_none() : err_msg, obj);
}

bool compile_helpers(VM& vm, char const* module, char const* source, std::initializer_list<HelperNative> natives,
                     std::initializer_list<char const*> exported, Value* out)
{
    Dict* ns = dict_new(vm);
    if (!ns || !dict_set_str(vm, ns, names.__name__, str_value(vm, module)))
        return false;
    for (HelperNative const& n : natives) {
        BuiltinFunction* f = builtin_function_new(vm, n.name, n.fn);
        if (!f)
            return false;
        if (n.switches)
            f->mflags |= METH_SWITCH;
        if (!dict_set_str(vm, ns, intern(vm, n.name), Value::from_object(f)))
            return false;
    }
    Value code = compile_to_code(vm, source, std::string("<") + module + ">", parser::Mode::Exec, 0);
    if (code.is_null() || interp(vm).exec_code(code.as<Code>(), ns, Value::null()).is_null())
        return false;
    for (char const* name : exported) {
        Value f = dict_get_str(vm, ns, intern(vm, name));
        if (f.is_null())
            return false;
        if (!is_function(f)) {
            raise_fmt(vm, exc::RuntimeError, "%s: the helper %s did not compile", module, name);
            return false;
        }
        f.as<Function>()->code->flags |= CO_SLPY_HIDDEN;
        *out++ = f;
    }
    return true;
}

} // namespace slpy
