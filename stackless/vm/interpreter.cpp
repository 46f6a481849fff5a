// The Interpreter: entering the eval loop from native code, generators resumed from
// native code, exception context chaining, class creation (__build_class__, the
// __class__ cell, zero-argument super) and the built-in module table.
#include "stackless/vm/interpreter.h"
#include "stackless/vm/exec_stats.h"
#include "stackless/vm/coroutine.h"

#include "scheduler/scheduler.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/data_modules.h"
#include "stackless/imports/imports.h"
#include "stackless/modules/dis.h"
#include "stackless/modules/future.h"
#include "stackless/modules/io.h"
#include "stackless/modules/runtime_modules.h"
#include "stackless/modules/sre/sre.h"
#include "stackless/vm/call.h"
#include "stackless/vm/eval_support.h"
#include "stackless/vm/frame_api.h"
#include "stackless/vm/hooks.h"

#include <sys/resource.h>
#include <mutex>

namespace slpy {

extern bool (*g_super_zero_args)(VM& vm, TypeObject*& type, Value& obj);

Interpreter& interp(VM& vm) { return *vm.interp; }

Module* make_stackless_module(VM& vm); // stackless/modules/stackless_module.cpp

Interpreter::Interpreter(VM& v) : vm(v), stats(exec_stats_new(v)) {}

// ------------------------------------------------------------------ frames

Frame* Interpreter::new_frame(Code* code, Function* func, Dict* globals, Dict* builtins, Value locals)
{
    if (code->framesize < kPooledFrameSizes) {
        if (Frame* f = m_frame_pool[code->framesize])
            return reuse_frame(f, code, func, globals, builtins, locals, 0);
    }
    return frame_new(vm, code, func, globals, builtins, locals);
}

void Interpreter::trace_roots(Tracer& t)
{
    for (Frame* f = current; f; f = f->back)
        t.visit(f);
    t.visit(exc_info);
    t.visit(builtins_module);
    t.visit(modules);
    t.visit(sys_module);
    for (Frame* f : m_frame_pool)
        t.visit(f); // the rest of each free list through Frame::back
    t.visit(m_frame_to_run);
    t.visit(m_frame_value);
    t.visit(drive_helpers);
    if (sched)
        sched->trace(t);
}

// ------------------------------------------------------------------ native entry

bool Interpreter::enter_native() { return stack_check(vm, ""); }

Value Interpreter::run_entry(Frame* frame, bool throwing)
{
    if (!enter_native())
        return Value::null();
    if (!push_frame(frame, ReturnMode::Entry))
        return Value::null();
    return run(frame, throwing);
}

Value Interpreter::call_function(Function* f, Value const* args, size_t nargs, Tuple* kwnames)
{
    Frame* frame = frame_for_call(vm, f, args, nargs, kwnames);
    if (!frame)
        return Value::null();
    return run_entry(frame);
}

static Dict* builtins_for(Interpreter& in, Dict* globals)
{
    Value b = dict_get_str(in.vm, globals, names.__builtins__);
    if (b.is_null()) {
        in.vm.clear_error();
        return in.builtins;
    }
    if (b.is_not_found()) {
        (void)dict_set_str(in.vm, globals, names.__builtins__, Value::from_object(in.builtins_module));
        return in.builtins;
    }
    if (type_of(b) == types.module)
        return b.as<Module>()->dict;
    if (Dict* d = as_dict(b))
        return d;
    return in.builtins;
}

// The frame of exec()/eval(): code with free variables runs as the code of a function
// holding the closure (CPython's PyEval_EvalCodeEx), which its COPY_FREE_VARS reads.
static Frame* exec_frame(Interpreter& in, Code* code, Dict* globals, Value locals, Tuple* closure)
{
    Dict* b = builtins_for(in, globals);
    Function* fn = nullptr;
    if (closure) {
        fn = function_new(in.vm, code, globals, b);
        if (!fn)
            return nullptr;
        fn->closure = closure;
    }
    return frame_new(in.vm, code, fn, globals, b, locals.is_null() ? Value::from_object(globals) : locals);
}

Value Interpreter::exec_code(Code* code, Dict* globals, Value locals, Tuple* closure)
{
    Frame* frame = exec_frame(*this, code, globals, locals, closure);
    if (!frame)
        return Value::null();
    return run_entry(frame);
}

Value Interpreter::exec_code_soft(Code* code, Dict* globals, Value locals, Tuple* closure)
{
    if (!take_soft_call())
        return exec_code(code, globals, locals, closure);
    Frame* frame = exec_frame(*this, code, globals, locals, closure);
    if (!frame)
        return Value::null();
    return hand_frame(frame);
}

Value Interpreter::tail_call(Function* fn, Value const* args, size_t nargs)
{
    Frame* frame = frame_for_call(vm, fn, args, nargs, nullptr);
    if (!frame)
        return Value::null();
    return hand_frame(frame);
}

Value Interpreter::base_run_returned(Value r) { return sched->main_finished(r); }

Value Interpreter::run_module(Code* code, Dict* globals) { return exec_code(code, globals, Value::null()); }

// ------------------------------------------------------------------ generators

void Interpreter::gen_enter(Generator* gen, Frame* frame)
{
    frame->prev_exc = exc_info;
    if (!gen->exc_state.is_null())
        exc_info = gen->exc_state;
}

void Interpreter::gen_leave(Generator* gen, Frame* frame, bool finished)
{
    gen->exc_state = (finished || exc_info.is(frame->prev_exc)) ? Value::null() : exc_info;
    exc_info = frame->prev_exc;
    frame->prev_exc = Value::null();
    gen->running = false;
}

// The instruction after a generator's current suspension point is RESUME 2 when it is
// suspended inside `yield from` (then the sub-iterator is on top of its stack).
static bool suspended_in_yield_from(Frame* f)
{
    if (f->state != FrameState::Suspended || f->ip >= f->code->ncode)
        return false;
    CodeWord w = f->code->words()[f->ip];
    return word_op(w) == Op::RESUME && word_arg(w) == 2;
}

bool Interpreter::gen_throw_delegate(Generator* gen, Value exc_v, Value* returned, Value* out)
{
    Frame* f = gen->frame;
    if (!suspended_in_yield_from(f))
        return false;
    Value sub = f->localsplus[f->stack_top - 1];
    Value r;
    bool is_exit = is_instance_fast(exc_v, exc::GeneratorExit);
    gen->running = true;
    if (is_gen_or_coro(type_of(sub))) {
        Value sub_returned = py_none();
        r = gen_resume(sub.as<Generator>(), py_none(), exc_v, &sub_returned);
        gen->running = false;
        if (r.is_stop_iteration()) {
            // The sub-generator returned: `yield from` evaluates to its return value.
            f->stack_top -= 1;
            CodeWord jump = f->code->words()[f->ip + 1]; // JUMP_BACKWARD_NO_INTERRUPT to SEND
            f->ip = word_arg(f->code->words()[word_arg(jump)]);
            f->localsplus[f->stack_top++] = sub_returned;
            *out = gen_resume_continue(gen);
            if (!out->is_null() && !m_yielded)
                *returned = *out, *out = Value::stop_iteration();
            return true;
        }
    } else {
        Value meth = getattr_opt(vm, sub, is_exit ? names.close : names.throw_);
        gen->running = false;
        if (meth.is_null()) {
            r = Value::null();
        } else if (meth.is_not_found()) {
            return false;
        } else if (is_exit) {
            r = call0(vm, meth);
            if (!r.is_null())
                return false; // closed: now throw GeneratorExit into the outer frame
        } else {
            r = call1(vm, meth, exc_v);
        }
    }
    if (!r.is_null()) {
        *out = r; // the sub-iterator yielded: so does the delegating generator
        return true;
    }
    // The sub-iterator raised: a StopIteration finishes the `yield from` with its value;
    // anything else is raised in the delegating frame at its SEND.
    f->stack_top -= 1;
    CodeWord jump = f->code->words()[f->ip + 1];
    uint32_t send_at = word_arg(jump);
    if (vm.error_matches(exc::StopIteration)) {
        Value e = vm.take_error();
        f->ip = word_arg(f->code->words()[send_at]);
        f->localsplus[f->stack_top++] = stop_iteration_value(vm, e);
        *out = gen_resume_continue(gen);
        if (!out->is_null() && !m_yielded)
            *returned = *out, *out = Value::stop_iteration();
        return true;
    }
    Value e = vm.take_error();
    f->lasti = send_at;
    f->ip = send_at + 1;
    *out = gen_resume_raw(gen, e);
    if (!out->is_null() && !m_yielded)
        *returned = *out, *out = Value::stop_iteration();
    return true;
}

Value Interpreter::gen_resume_raw(Generator* gen, Value exc_v)
{
    Frame* f = gen->frame;
    if (!enter_native() || !enter_generator(gen, ReturnMode::Entry))
        return Value::null();
    vm.restore_error(exc_v);
    return run(f, true);
}

Value Interpreter::gen_resume_continue(Generator* gen)
{
    Frame* f = gen->frame;
    if (!enter_native() || !enter_generator(gen, ReturnMode::Entry))
        return Value::null();
    return run(f, false);
}

Value Interpreter::gen_resume(Generator* gen, Value value, Value exc_v, Value* returned)
{
    if (gen->running)
        return raise(vm, exc::ValueError, "generator already executing");
    Frame* f = gen->frame;
    *returned = py_none();
    if (f->state == FrameState::Done) {
        if (!exc_v.is_null()) {
            vm.set_error(exc_v);
            return Value::null();
        }
        return Value::stop_iteration();
    }
    Value r;
    if (!exc_v.is_null()) {
        Value out;
        if (gen_throw_delegate(gen, exc_v, returned, &out))
            return out;
        r = gen_resume_raw(gen, exc_v);
    } else {
        if (!enter_native() || !enter_generator(gen, ReturnMode::Entry))
            return Value::null();
        f->localsplus[f->stack_top++] = value;
        r = run(f, false);
    }
    if (r.is_null() || m_yielded)
        return r;
    *returned = r;
    return Value::stop_iteration();
}

// ------------------------------------------------------------------ introspection

Dict* Interpreter::current_globals() const { return current ? current->globals : nullptr; }

Value Interpreter::current_locals()
{
    if (!current)
        return Value::from_object(dict_new(vm));
    Frame* f = current;
    if (!(f->code->flags & CO_OPTIMIZED))
        return f->locals;
    // A function frame: one dict per frame (as CPython's f_locals), refreshed from the
    // fast locals at each call, so exec() can add names to it that stay.
    Value snap = TRY(frame_locals_snapshot(vm, f));
    Dict* d = f->locals.is_null() ? nullptr : as_dict(f->locals);
    if (!d) {
        f->locals = snap;
        return snap;
    }
    for (uint32_t i = 0; i < f->code->nlocalsplus; ++i) {
        String* name = f->code->local_name(i);
        Value v = dict_get_str(vm, snap.as<Dict>(), name);
        if (v.is_null())
            return v;
        if (v.is_not_found()) {
            if (dict_del(vm, d, Value::from_object(name)) < 0)
                return Value::null();
        } else if (!dict_set_str(vm, d, name, v)) {
            return Value::null();
        }
    }
    return f->locals;
}

// ------------------------------------------------------------------ modules

// More than any built-in module's setup allocates (math, the largest, takes ~100 KiB).
static constexpr size_t kModuleSetupBytes = size_t(4) << 20;

void Interpreter::register_builtin_module(char const* name, ModuleFactory factory, ModuleTypes types)
{
    m_builtin_modules.push_back({ name, factory, types });
}

Value Interpreter::import_module(String* name)
{
    // The import system proper lives in stackless/imports/.
    return import_absolute(vm, name);
}

bool Interpreter::is_builtin_module(std::string_view name) const
{
    for (BuiltinModule const& b : m_builtin_modules)
        if (b.name == name)
            return true;
    return false;
}

std::vector<std::string> Interpreter::builtin_module_names() const
{
    std::vector<std::string> out;
    for (BuiltinModule const& b : m_builtin_modules)
        out.push_back(b.name);
    return out;
}

std::vector<std::string> Interpreter::shared_builtin_module_names() const
{
    std::vector<std::string> out;
    for (BuiltinModule const& b : m_builtin_modules)
        if (b.types == ModuleTypes::SharedOnce)
            out.push_back(b.name);
    return out;
}

Value Interpreter::load_builtin_module(String* name)
{
    Value m = dict_get_str(vm, modules, name);
    if (m.is_null() || !m.is_not_found())
        return m;
    for (BuiltinModule const& b : m_builtin_modules) {
        if (b.name != name->view())
            continue;
        // Module setup code does not check its allocations: exhaustion inside it would
        // end the process, so room for it is asked for first (MemoryError if there is
        // none; the emergency reserve covers the rest).
        if (!vm.heap.reserve_external(kModuleSetupBytes))
            return Value::null();
        vm.heap.begin_infallible();
        Module* mod = b.factory(vm);
        vm.heap.end_infallible();
        if (!mod)
            return Value::null();
        if (!dict_set_str(vm, modules, name, Value::from_object(mod)))
            return Value::null();
        return Value::from_object(mod);
    }
    return Value::not_found();
}

void Interpreter::print_exception(Value exc_v)
{
    // sys.excepthook(type, value, tb) when the program replaced it.
    String* hook_name = intern(vm, "excepthook");
    String* original_name = intern(vm, "__excepthook__");
    if (!hook_name || !original_name)
        vm.clear_error(); // out of memory: the default printing below
    Value hook = sys_module && hook_name ? dict_get_str(vm, sys_module->dict, hook_name) : Value::not_found();
    Value original = sys_module && original_name ? dict_get_str(vm, sys_module->dict, original_name) : Value::not_found();
    if (!hook.is_null() && !hook.is_not_found() && !hook.is(original)) {
        BaseException* be = as_exception(exc_v);
        Value tb = be && !be->traceback.is_null() ? be->traceback : py_none();
        Value args[3] = { Value::from_object(type_of(exc_v)), exc_v, tb };
        if (!call(vm, hook, args, 3).is_null())
            return;
        Value e = vm.take_error();
        std::fputs("Error in sys.excepthook:\n", stderr);
        print_exception_to(vm, e, Value::null());
        std::fputs("\nOriginal exception was:\n", stderr);
    }
    vm.clear_error();
    Value out = sys_module ? dict_get_str(vm, sys_module->dict, names.stderr) : Value::not_found();
    if (out.is_null() || out.is_not_found()) {
        vm.clear_error();
        out = Value::null();
    }
    print_exception_to(vm, exc_v, out);
}

// ------------------------------------------------------------------ classes

bool cell_set_class(VM& vm, Value cell, Value cls)
{
    if (type_of(cell) != types.cell) {
        raise_fmt(vm, exc::TypeError, "__classcell__ must be a nonlocal cell, not <class '%s'>", type_name(cell));
        return false;
    }
    cell.as<Cell>()->ref = cls;
    return true;
}

// __mro_entries__ (PEP 560): bases that are not classes may substitute themselves.
static Tuple* update_bases(VM& vm, Tuple* bases, bool& changed)
{
    changed = false;
    List* out = nullptr;
    for (size_t i = 0; i < bases->size; ++i) {
        Value b = bases->items[i];
        Value meth = Value::not_found();
        if (!is_instance_fast(b, types.type)) {
            meth = getattr_opt(vm, b, names.__mro_entries__);
            if (meth.is_null())
                return nullptr;
        }
        if (meth.is_not_found()) {
            if (out && !list_append(vm, out, b))
                return nullptr;
            continue;
        }
        Value entries = call1(vm, meth, Value::from_object(bases));
        if (entries.is_null())
            return nullptr;
        Tuple* et = as_tuple(entries);
        if (!et) {
            raise(vm, exc::TypeError, "__mro_entries__ must return a tuple");
            return nullptr;
        }
        if (!out) {
            out = list_new(vm);
            if (!out)
                return nullptr;
            for (size_t k = 0; k < i; ++k)
                if (!list_append(vm, out, bases->items[k]))
                    return nullptr;
        }
        for (size_t k = 0; k < et->size; ++k)
            if (!list_append(vm, out, et->items[k]))
                return nullptr;
        changed = true;
    }
    if (!out)
        return bases;
    return tuple_from_array(vm, out->items(), out->size);
}

// The arguments of __prepare__ / the metaclass call: positional ones, then the values
// of the class statement's keywords.
static Tuple* class_call_args(VM& vm, std::initializer_list<Value> positional, List* keyword_values)
{
    Tuple* t = tuple_new(vm, positional.size() + keyword_values->size);
    if (!t)
        return nullptr;
    size_t i = 0;
    for (Value v : positional)
        t->items[i++] = v;
    for (size_t k = 0; k < keyword_values->size; ++k)
        t->items[i++] = keyword_values->items()[k];
    return t;
}

Value builtin_build_class(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs < 2)
        return raise(vm, exc::TypeError, "__build_class__: not enough arguments");
    if (!is_instance_fast(args[0], types.function))
        return raise(vm, exc::TypeError, "__build_class__: func must be a function");
    String* name = as_str(args[1]);
    if (!name)
        return raise(vm, exc::TypeError, "__build_class__: name is not a string");
    Function* body = args[0].as<Function>();
    Tuple* orig_bases = tuple_from_array(vm, args + 2, nargs - 2);
    if (!orig_bases)
        return Value::null();
    bool changed = false;
    Tuple* bases = update_bases(vm, orig_bases, changed);
    if (!bases)
        return Value::null();

    // Keywords: metaclass=... and the rest for __prepare__, the metaclass and __init_subclass__.
    Value meta = Value::null();
    size_t nkw = kwnames ? kwnames->size : 0;
    Tuple* rest_names = nullptr;
    List* rest_values = list_new(vm);
    if (!rest_values)
        return Value::null();
    if (nkw) {
        List* kept = list_new(vm);
        if (!kept)
            return Value::null();
        for (size_t i = 0; i < nkw; ++i) {
            String* k = as_str(kwnames->items[i]);
            if (k && k->view() == "metaclass") {
                meta = args[nargs + i];
                continue;
            }
            if (!list_append(vm, kept, kwnames->items[i]) || !list_append(vm, rest_values, args[nargs + i]))
                return Value::null();
        }
        if (kept->size && !(rest_names = tuple_from_array(vm, kept->items(), kept->size)))
            return Value::null();
    }
    bool is_class = false;
    if (meta.is_null()) {
        meta = bases->size ? Value::from_object(type_of(bases->items[0])) : Value::from_object(types.type);
        is_class = true;
    } else {
        is_class = is_instance_fast(meta, types.type);
    }
    if (is_class) {
        TypeObject* winner = calculate_metaclass(vm, meta.as<TypeObject>(), bases);
        if (!winner)
            return Value::null();
        meta = Value::from_object(winner);
    }

    // The namespace from __prepare__.
    Value ns;
    Value prepare = getattr_opt(vm, meta, names.__prepare__);
    if (prepare.is_null())
        return Value::null();
    if (prepare.is_not_found()) {
        ns = TRY(Value::from_object(dict_new(vm)));
    } else {
        Tuple* pargs = class_call_args(vm, { args[1], Value::from_object(bases) }, rest_values);
        if (!pargs)
            return Value::null();
        ns = TRY(call(vm, prepare, pargs->items, 2, rest_names));
        if (type_of(ns)->slot(Slot::GETITEM).is_null()) {
            if (is_class)
                return raise_fmt(vm, exc::TypeError, "%s.__prepare__() must return a mapping, not %s", meta.as<TypeObject>()->name->c_str(),
                                 type_name(ns));
            return raise_fmt(vm, exc::TypeError, "<metaclass>.__prepare__() must return a mapping, not %s", type_name(ns));
        }
    }

    // Run the class body with the namespace as its locals.
    Interpreter& in = interp(vm);
    Frame* frame = frame_new(vm, body->code, body, body->globals, body->builtins, ns);
    if (!frame)
        return Value::null();
    Value cell = TRY(in.run_entry(frame));
    if (changed) {
        String* orig_name = intern(vm, "__orig_bases__");
        if (!orig_name || !setitem(vm, ns, Value::from_object(orig_name), Value::from_object(orig_bases)))
            return Value::null();
    }
    Tuple* margs = class_call_args(vm, { args[1], Value::from_object(bases), ns }, rest_values);
    if (!margs)
        return Value::null();
    Value cls = TRY(call(vm, meta, margs->items, 3, rest_names));
    if (is_instance_fast(cls, types.type) && type_of(cell) == types.cell) {
        Value cell_cls = cell.as<Cell>()->ref;
        if (!cell_cls.is(cls)) {
            if (cell_cls.is_null())
                return raise_fmt(vm, exc::RuntimeError,
                                 "__class__ not set defining '%s' as <class '%s'>. Was __classcell__ propagated to type.__new__?",
                                 name->c_str(), cls.as<TypeObject>()->qualname->c_str());
            return raise_fmt(vm, exc::TypeError, "__class__ set to <class '%s'> defining '%s' as <class '%s'>",
                             type_of(cell_cls) == types.type ? cell_cls.as<TypeObject>()->qualname->c_str() : type_name(cell_cls),
                             name->c_str(), cls.as<TypeObject>()->qualname->c_str());
        }
    }
    return cls;
}

// super() without arguments: the first argument of the calling function and its
// __class__ cell.
static bool super_zero_args(VM& vm, TypeObject*& type, Value& obj)
{
    Frame* f = interp(vm).current;
    if (!f || !f->func) {
        raise(vm, exc::RuntimeError, "super(): no arguments");
        return false;
    }
    Code* co = f->code;
    if (co->argcount == 0) {
        raise(vm, exc::RuntimeError, "super(): no arguments");
        return false;
    }
    Value first = f->localsplus[0];
    if (!first.is_null() && (co->local_kind(0) & CO_FAST_CELL) && type_of(first) == types.cell)
        first = first.as<Cell>()->ref;
    if (first.is_null()) {
        raise(vm, exc::RuntimeError, "super(): arg[0] deleted");
        return false;
    }
    for (uint32_t i = co->nlocalsplus - co->nfree; i < co->nlocalsplus; ++i) {
        if (co->local_name(i)->view() != "__class__")
            continue;
        Value cell = f->localsplus[i];
        Value cls = type_of(cell) == types.cell ? cell.as<Cell>()->ref : Value::null();
        if (cls.is_null()) {
            raise(vm, exc::RuntimeError, "super(): empty __class__ cell");
            return false;
        }
        if (!is_instance_fast(cls, types.type)) {
            raise_fmt(vm, exc::RuntimeError, "super(): __class__ is not a type (%s)", type_name(cls));
            return false;
        }
        type = cls.as<TypeObject>();
        obj = first;
        return true;
    }
    raise(vm, exc::RuntimeError, "super(): __class__ cell not found");
    return false;
}

// New exceptions get the exception being handled as their __context__ (avoiding cycles).
static void chain_context(VM& vm, Value exc_v)
{
    Interpreter* in = vm.interp;
    if (!in || in->exc_info.is_null() || in->exc_info.is(exc_v))
        return;
    BaseException* e = as_exception(exc_v);
    if (!e)
        return;
    Value handled = in->exc_info;
    // Cut a cycle: if exc_v already appears in the handled exception's context chain.
    Value o = handled;
    for (int guard = 0; guard < 10000; ++guard) {
        BaseException* oe = as_exception(o);
        if (!oe || oe->context.is_null())
            break;
        if (oe->context.is(exc_v)) {
            oe->context = Value::null();
            break;
        }
        o = oe->context;
    }
    e->context = handled;
}

static Value call_python_hook(VM& vm, Value func, Value const* args, size_t nargs, Tuple* kwnames)
{
    return interp(vm).call_function(func.as<Function>(), args, nargs, kwnames);
}

// ------------------------------------------------------------------ start-up

static uintptr_t compute_stack_limit()
{
    struct rlimit rl;
    size_t size = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        size = rl.rlim_cur;
    // Keep a margin for the native code that runs between two checks.
    size_t margin = size / 4 < (256u << 10) ? size / 4 : (256u << 10);
    auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    return here - (size - margin) + (64u << 10) > here ? 0 : here - (size - margin) + (64u << 10);
}

// VM::warn: warnings.warn(message, category, stacklevel), so native code warns through the
// same filters as Python code (the warning names the innermost Python frame's line).
static bool warn_hook(VM& vm, TypeObject* category, char const* message, int stacklevel)
{
    Interpreter& in = interp(vm);
    String* module_name = intern(vm, "warnings");
    String* warn_name = intern(vm, "warn");
    if (!module_name || !warn_name)
        return false;
    Value mod = in.import_module(module_name);
    Value fn = mod.is_null() ? mod : getattr(vm, mod, warn_name);
    if (fn.is_null())
        return false;
    Value msg = str_value(vm, message);
    if (msg.is_null())
        return false;
    Value args[3] = { msg, Value::from_object(category), Value::small_int(stacklevel) };
    return !call(vm, fn, args, 3).is_null();
}

// One VM's interpreter; `std_streams` false for the shared runtime's own (below), which
// must not own the process's descriptors.
static Interpreter* make_interpreter(VM& vm, std::vector<std::string> const& argv, bool std_streams)
{
    // Start-up has nothing to raise into: exhaustion here ends the process.
    vm.heap.begin_infallible();
    auto* in = new Interpreter(vm);
    vm.interp = in;
    vm.call_python = call_python_hook;
    vm.caller_globals = [](VM& v) { return v.interp ? v.interp->current_globals() : nullptr; };
    vm.on_raise = chain_context;
    vm.warn = warn_hook;
    vm.stack_limit = compute_stack_limit();
    install_finalizers(vm); // __del__ and generator close for unreachable objects (gc.cpp)

    vm.heap.add_root_provider([in](Tracer& t) { in->trace_roots(t); });

    in->modules = dict_new(vm);
    in->builtins_module = make_builtins_module(vm);
    in->builtins = in->builtins_module->dict;
    mark_builtin_intrinsics(vm, in->builtins);
    (void)dict_set_str(vm, in->modules, intern(vm, "builtins"), Value::from_object(in->builtins_module));
    in->sys_module = make_sys_module(vm, argv);
    (void)dict_set_str(vm, in->modules, intern(vm, "sys"), Value::from_object(in->sys_module));

    struct Std {
        int fd;
        char const* name;
        char const* attr;
        bool writable;
    };
    for (Std s : { Std{ 0, "<stdin>", "stdin", false }, Std{ 1, "<stdout>", "stdout", true }, Std{ 2, "<stderr>", "stderr", true } }) {
        if (!std_streams)
            break;
        Value stream = io_std_stream(vm, s.fd, s.name, s.writable);
        if (stream.is_null()) {
            vm.clear_error();
            continue;
        }
        module_add(vm, in->sys_module, s.attr, stream);
        module_add(vm, in->sys_module, (std::string("__") + s.attr + "__").c_str(), stream);
    }

    in->register_builtin_module("stackless", make_stackless_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("math", make_math_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("time", make_time_module);
    in->register_builtin_module("_io", make_io_module, Interpreter::ModuleTypes::PerVM); // CPython's io.py runs on it
    in->register_builtin_module("dis", make_dis_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("__future__", make_future_module, Interpreter::ModuleTypes::PerVM);
    register_import_modules(*in);
    in->register_builtin_module("itertools", make_itertools_module);
    in->register_builtin_module("_collections", make_collections_module);
    in->register_builtin_module("_random", make_random_module);
    in->register_builtin_module("_datetime", make_datetime_module);
    in->register_builtin_module("_bisect", make_bisect_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_heapq", make_heapq_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_struct", make_struct_module);
    in->register_builtin_module("_functools", make_functools_module);
    in->register_builtin_module("_operator", make_operator_module);
    in->register_builtin_module("_weakref", make_weakref_module);
    in->register_builtin_module("_thread", make_thread_module);
    in->register_builtin_module("_queue", make_queue_module);
    in->register_builtin_module("gc", make_gc_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("atexit", make_atexit_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_string", make_string_module);
    in->register_builtin_module("_signal", make_signal_module);
    in->register_builtin_module("binascii", make_binascii_module);
    in->register_builtin_module("zlib", make_zlib_module);
    in->register_builtin_module("_bz2", make_bz2_module);
    in->register_builtin_module("_lzma", make_lzma_module);
    in->register_builtin_module("_uuid", make_uuid_module);
    in->register_builtin_module("pwd", make_pwd_module);
    in->register_builtin_module("grp", make_grp_module);
    in->register_builtin_module("_hashlib", make_hashlib_module);
    in->register_builtin_module("_blake2", make_blake2_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_locale", make_locale_module);
    in->register_builtin_module("_contextvars", make_contextvars_module);
    in->register_builtin_module("_codecs", make_codecs_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("unicodedata", make_unicodedata_module); // its UCD type is shared
    in->register_builtin_module("_multibytecodec", make_multibytecodec_module);
    in->register_builtin_module("_codecs_jp", make_codecs_jp_module);
    in->register_builtin_module("_codecs_cn", make_codecs_cn_module);
    in->register_builtin_module("_codecs_tw", make_codecs_tw_module);
    in->register_builtin_module("_codecs_hk", make_codecs_hk_module);
    in->register_builtin_module("_codecs_kr", make_codecs_kr_module);
    in->register_builtin_module("_codecs_iso2022", make_codecs_iso2022_module);
    in->register_builtin_module("cmath", make_cmath_module);
    in->register_builtin_module("array", make_array_module);
    in->register_builtin_module("_json", make_json_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_csv", make_csv_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("pyexpat", make_pyexpat_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_sre", make_sre_module);
    in->register_builtin_module("_ast", make_ast_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_posixsubprocess", make_posixsubprocess_module);
    in->register_builtin_module("select", make_select_module);
    in->register_builtin_module("termios", make_termios_module);
    in->register_builtin_module("_socket", make_socket_module);
    in->register_builtin_module("_pickle", make_pickle_module, Interpreter::ModuleTypes::PerVM);
    in->register_builtin_module("_testinternalcapi", make_testinternalcapi_module);
    in->register_builtin_module("_tokenize", make_tokenize_module);
    in->register_builtin_module("faulthandler", make_faulthandler_module);
    vm.heap.end_infallible();
    return in;
}

// The interpreter's part of the shared runtime (objects/README.md), made once per
// process in the shared runtime's VM and frozen with it: the interpreter's own types,
// and the types of the built-in modules registered SharedOnce. Such a module makes its
// types once per process (its `g_` type pointers), so they are made here, by loading it
// once in a throwaway interpreter of the shared runtime; later VMs build their own
// module objects around the same frozen types. PerVM modules are not loaded here.
static void build_shared_interpreter_runtime(VM& rt)
{
    g_super_zero_args = super_zero_args;
    setup_code_type(rt);
    setup_function_types(rt);
    setup_frame_types(rt);
    mark_drive_types(rt);
    Interpreter* in = make_interpreter(rt, {}, false);
    rt.heap.begin_infallible();
    // A module whose setup fails here fails again (ImportError) when a VM imports it.
    for (std::string const& name : in->shared_builtin_module_names())
        if (in->load_builtin_module(intern(rt, name)).is_null())
            rt.clear_error();
    rt.heap.end_infallible();
}

void ensure_shared_interpreter_runtime()
{
    static std::once_flag once;
    std::call_once(once, [] { extend_shared_runtime(build_shared_interpreter_runtime); });
}

Interpreter* create_interpreter(VM& vm, std::vector<std::string> const& argv)
{
    ensure_shared_interpreter_runtime();
    Interpreter* in = make_interpreter(vm, argv, true);
    // The method cache is switched on once start-up (which edits type dicts directly) is over.
    vm.type_cache_enabled = true;
    return in;
}

} // namespace slpy
