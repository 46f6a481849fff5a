// Generators: creation, GC tracing and the Python-level `generator` type (__next__,
// send, throw, close, gi_* attributes). Running the frame is the interpreter's job
// (Interpreter::gen_resume); this file checks the arguments and states and turns a
// finished generator into StopIteration, as CPython's genobject.c does.
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/string.h"
#include "stackless/vm/coroutine.h"
#include "stackless/vm/frame.h"
#include "stackless/vm/frame_api.h"
#include "stackless/vm/hooks.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"

#include <cstdio>
#include <string>

namespace slpy {

Generator* generator_new(VM& vm, Frame* frame)
{
    // The code's flags say which kind: a coroutine shares the generator's layout; an
    // async generator adds its awaitables' state (coroutine.h).
    uint32_t flags = frame->code->flags;
    Generator* g;
    if (flags & CO_ASYNC_GENERATOR) {
        auto* ag = vm.heap.make<AsyncGenerator>(coro_types.async_generator);
        if (!ag)
            return nullptr;
        ag->running_async = false;
        ag->closed = false;
        ag->hooks_inited = false;
        ag->finalizer = Value::null();
        g = ag;
    } else if (flags & CO_COROUTINE) {
        Value origin = coroutine_origin(vm, frame);
        if (origin.is_null())
            return nullptr;
        auto* c = vm.heap.make<Coroutine>(coro_types.coroutine);
        if (!c)
            return nullptr;
        c->origin = origin.is_not_found() ? Value::null() : origin;
        g = c;
    } else {
        g = vm.heap.make<Generator>(types.generator);
        if (!g)
            return nullptr;
    }
    g->frame = frame;
    g->name = frame->code->name;
    g->qualname = frame->code->qualname;
    g->exc_state = Value::null();
    g->running = false;
    frame->gen = g;
    frame->captured = true;
    return g;
}

bool generator_finished(Generator const* gen)
{
    return !gen->frame || gen->frame->state == FrameState::Done;
}

static void trace_generator(Object* o, Tracer& t)
{
    auto* g = static_cast<Generator*>(o);
    t.visit(g->frame);
    t.visit(g->name);
    t.visit(g->qualname);
    t.visit(g->exc_state);
}

static void trace_coroutine(Object* o, Tracer& t)
{
    trace_generator(o, t);
    t.visit(static_cast<Coroutine*>(o)->origin);
}

namespace {

Generator* self_gen(Value const* args) { return args[0].as<Generator>(); }

Value already_executing(VM& vm, Generator* gen)
{
    return raise_fmt(vm, exc::ValueError, "%s already executing", gen_kind_name(gen));
}

Value just_started(VM& vm, Generator* gen)
{
    return raise_fmt(vm, exc::TypeError, "can't send non-None value to a just-started %s", gen_kind_name(gen));
}

// StopIteration carrying the generator's return value (no args for None).
Value raise_stop_iteration(VM& vm, Value returned)
{
    if (returned.is_null() || is_none(returned))
        return raise_with_args(vm, exc::StopIteration, nullptr);
    Tuple* args = tuple_pack(vm, { returned });
    return args ? raise_with_args(vm, exc::StopIteration, args) : Value::null();
}

// Resumes with `value` or throws `exc`; turns the end of the generator into StopIteration.
Value resume(VM& vm, Generator* gen, Value value, Value exc)
{
    Value returned = py_none();
    Value r = interp(vm).gen_resume(gen, value, exc, &returned);
    if (r.is_stop_iteration()) {
        // An async generator that ran to its end raises StopAsyncIteration (it cannot
        // return a value).
        if (type_of(Value::from_object(gen)) == coro_types.async_generator)
            return raise_with_args(vm, exc::StopAsyncIteration, nullptr);
        return raise_stop_iteration(vm, returned);
    }
    return r;
}

// The fast path of iter_next(): StopIteration is not materialized.
Value gen_iternext(VM& vm, Value self)
{
    Generator* gen = self.as<Generator>();
    if (gen->running)
        return already_executing(vm, gen);
    if (generator_finished(gen))
        return Value::stop_iteration();
    Value returned = py_none();
    return interp(vm).gen_resume(gen, py_none(), Value::null(), &returned);
}

Value gen_iter(VM&, Value const* args, size_t, Tuple*) { return args[0]; }

// __next__ and send are METH_SWITCH: called straight from the loop they hand the
// generator's frame to it (Interpreter::hand_generator), so the generator runs without
// a nested loop and a tasklet may switch inside it.
Value gen_next(VM& vm, Value const* args, size_t, Tuple*)
{
    bool soft = interp(vm).take_soft_call();
    Generator* gen = self_gen(args);
    if (gen->running)
        return already_executing(vm, gen);
    if (generator_finished(gen))
        return raise_with_args(vm, exc::StopIteration, nullptr);
    if (soft)
        return interp(vm).hand_generator(gen, py_none());
    return resume(vm, gen, py_none(), Value::null());
}

Value gen_send(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    bool soft = interp(vm).take_soft_call();
    if (!check_no_kwargs(vm, "generator.send", kw) || !check_nargs(vm, "generator.send", nargs - 1, 1, 1))
        return Value::null();
    Generator* gen = self_gen(args);
    Value v = args[1];
    if (gen->running)
        return already_executing(vm, gen);
    if (generator_finished(gen))
        return raise_gen_finished(vm, gen);
    if (gen->frame->state == FrameState::Created && !is_none(v))
        return just_started(vm, gen);
    if (soft)
        return interp(vm).hand_generator(gen, v);
    return resume(vm, gen, v, Value::null());
}

// The exception instance that throw(type, value, tb) raises, normalized as CPython's
// _gen_throw: a class is instantiated (value: its argument, or argument tuple), an
// instance must come without a separate value.
Value normalize_throw(VM& vm, Value type, Value value, Value tb)
{
    if (!tb.is_null() && is_none(tb))
        tb = Value::null();
    if (!tb.is_null() && type_of(tb) != types.traceback)
        return raise(vm, exc::TypeError, "throw() third argument must be a traceback object");
    Value instance;
    TypeObject* tt = type_of(type);
    if (tt && tt->has_flag(TF_TYPE_SUBCLASS) && is_subtype(type.as<TypeObject>(), exc::BaseException)) {
        if (!value.is_null() && !is_none(value) && is_instance_fast(value, type.as<TypeObject>())) {
            instance = value;
        } else if (value.is_null() || is_none(value)) {
            instance = TRY(call(vm, type, nullptr, 0));
        } else if (Tuple* t = (type_of(value) == types.tuple ? value.as<Tuple>() : nullptr)) {
            instance = TRY(call(vm, type, t->items, t->size));
        } else {
            instance = TRY(call(vm, type, &value, 1));
        }
        if (!as_exception(instance))
            return raise_fmt(vm, exc::TypeError,
                             "calling %s should have returned an instance of BaseException, not %s",
                             type.as<TypeObject>()->name->c_str(), type_name(instance));
    } else if (as_exception(type)) {
        if (!value.is_null() && !is_none(value))
            return raise(vm, exc::TypeError, "instance exception may not have a separate value");
        instance = type;
    } else {
        return raise_fmt(vm, exc::TypeError,
                         "exceptions must be classes or instances deriving from BaseException, not %s",
                         type_name(type));
    }
    if (!tb.is_null())
        as_exception(instance)->traceback = tb;
    return instance;
}

// The iterator a `yield from` suspension delegates to, or null. At such a suspension
// the next instruction is RESUME 2 and the receiver is on top of the stack.
Value gen_yf(Generator* gen)
{
    Frame* f = gen->frame;
    if (!f || f->state != FrameState::Suspended || f->ip >= f->code->ncode)
        return Value::null();
    CodeWord w = f->code->words()[f->ip];
    if (word_op(w) != Op::RESUME || word_arg(w) < 2 || f->stack_top <= f->code->nlocalsplus)
        return Value::null();
    return f->localsplus[f->stack_top - 1];
}

// throw(): Interpreter::gen_resume passes the exception on to the delegate of a
// suspended `yield from` (closing it for GeneratorExit), as CPython's _gen_throw.
Value throw_impl(VM& vm, Generator* gen, Value e)
{
    if (gen->running)
        return already_executing(vm, gen);
    // A finished generator just raises the exception where throw() was called.
    if (generator_finished(gen))
        return vm.set_error(e);
    return resume(vm, gen, py_none(), e);
}

// Called straight from the loop (a soft call), throw() and close() of a generator that
// does not delegate to a `yield from` iterator hand its frame to the loop: the loop resumes
// it raising the exception at its suspension point (hand_frame with a null value and the
// exception pending), so a tasklet may switch inside; close() is a tail call into its
// Python side (drive_gen_close), which throws GeneratorExit that way.
bool throws_soft(Generator* gen)
{
    return !gen->running && !generator_finished(gen) && gen_yf(gen).is_null();
}

Value gen_throw(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    bool soft = interp(vm).take_soft_call();
    if (!check_no_kwargs(vm, "throw", kw) || !check_nargs(vm, "throw", nargs - 1, 1, 3))
        return Value::null();
    Value e = TRY(normalize_throw(vm, args[1], nargs > 2 ? args[2] : Value::null(), nargs > 3 ? args[3] : Value::null()));
    Generator* gen = self_gen(args);
    if (soft && throws_soft(gen)) {
        vm.restore_error(e);
        return interp(vm).hand_frame(gen->frame, Value::null());
    }
    return throw_impl(vm, gen, e);
}

Value close_impl(VM& vm, Generator* gen)
{
    if (gen->running)
        return already_executing(vm, gen);
    if (generator_finished(gen))
        return py_none();
    // A generator that never started has nothing to clean up.
    if (gen->frame->state == FrameState::Created) {
        gen->frame->state = FrameState::Done;
        return py_none();
    }
    // gen_resume closes the delegate of a suspended `yield from` first.
    Value e = TRY(call(vm, Value::from_object(exc::GeneratorExit), nullptr, 0));
    Value returned = py_none();
    Value r = interp(vm).gen_resume(gen, py_none(), e, &returned);
    if (r.is_null()) {
        if (vm.error_matches(exc::GeneratorExit) || vm.error_matches(exc::StopIteration)) {
            vm.clear_error();
            return py_none();
        }
        return r;
    }
    if (r.is_stop_iteration())
        return py_none();
    return raise_fmt(vm, exc::RuntimeError, "%s ignored GeneratorExit", gen_kind_name(gen));
}

Value gen_close(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    bool soft = interp(vm).take_soft_call();
    if (!check_no_kwargs(vm, "generator.close", kw) || !check_nargs(vm, "generator.close", nargs - 1, 0, 0))
        return Value::null();
    Generator* gen = self_gen(args);
    if (soft && throws_soft(gen) && gen->frame->state != FrameState::Created)
        return drive_gen_close(vm, args[0]);
    return close_impl(vm, gen);
}

Value gen_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Generator* gen = self_gen(args);
    char buf[48];
    std::snprintf(buf, sizeof buf, " at %p>", static_cast<void*>(gen));
    return str_value(vm, std::string("<") + type_of(args[0])->name->c_str() + " object " + gen->qualname->c_str() + buf);
}

Value gen_get_frame(VM&, Value const* args, size_t, Tuple*)
{
    Generator* gen = self_gen(args);
    if (generator_finished(gen))
        return py_none();
    return Value::from_object(gen->frame);
}

Value gen_get_running(VM&, Value const* args, size_t, Tuple*) { return py_bool(self_gen(args)->running); }

Value gen_get_suspended(VM&, Value const* args, size_t, Tuple*)
{
    Generator* gen = self_gen(args);
    return py_bool(gen->frame && gen->frame->state == FrameState::Suspended);
}

Value gen_get_code(VM&, Value const* args, size_t, Tuple*)
{
    Generator* gen = self_gen(args);
    return gen->frame ? Value::from_object(gen->frame->code) : py_none();
}

Value gen_get_yieldfrom(VM&, Value const* args, size_t, Tuple*)
{
    Value yf = gen_yf(self_gen(args));
    return yf.is_null() ? py_none() : yf;
}

Value gen_get_name(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_gen(args)->name); }
Value gen_set_name(VM& vm, Value const* args, size_t, Tuple*)
{
    String* s = args[1].is_null() ? nullptr : as_str(args[1]);
    if (!s)
        return raise(vm, exc::TypeError, "__name__ must be set to a string object");
    self_gen(args)->name = s;
    return py_none();
}

Value gen_get_qualname(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_gen(args)->qualname); }
Value gen_set_qualname(VM& vm, Value const* args, size_t, Tuple*)
{
    String* s = args[1].is_null() ? nullptr : as_str(args[1]);
    if (!s)
        return raise(vm, exc::TypeError, "__qualname__ must be set to a string object");
    self_gen(args)->qualname = s;
    return py_none();
}

} // namespace

void setup_generator_type(VM& vm)
{
    TypeObject* t = types.generator;
    t->basicsize = sizeof(Generator);
    t->trace = trace_generator;
    t->finalize = nullptr;
    t->iternext = gen_iternext;
    add_methods(vm, t,
                {
                    { "__iter__", gen_iter },
                    { "__next__", gen_next, METH_SWITCH },
                    { "__repr__", gen_repr },
                    { "send", gen_send, METH_SWITCH },
                    { "throw", gen_throw, METH_SWITCH },
                    { "close", gen_close, METH_SWITCH },
                    { "__del__", gen_finalize },
                });
    add_getsets(vm, t,
                {
                    { "gi_frame", gen_get_frame },
                    { "gi_running", gen_get_running },
                    { "gi_suspended", gen_get_suspended },
                    { "gi_code", gen_get_code },
                    { "gi_yieldfrom", gen_get_yieldfrom },
                    { "__name__", gen_get_name, gen_set_name },
                    { "__qualname__", gen_get_qualname, gen_set_qualname },
                });
    setup_coroutine_types(vm);
}

Value raise_generator_return(VM& vm, Value returned) { return raise_stop_iteration(vm, returned); }

char const* gen_kind_name(Generator const* gen)
{
    TypeObject* t = type_of(Value::from_object(const_cast<Generator*>(gen)));
    return t == coro_types.coroutine ? "coroutine" : t == coro_types.async_generator ? "async generator" : "generator";
}

Value raise_gen_finished(VM& vm, Generator* gen)
{
    if (type_of(Value::from_object(gen)) == coro_types.coroutine)
        return raise(vm, exc::RuntimeError, "cannot reuse already awaited coroutine");
    if (type_of(Value::from_object(gen)) == coro_types.async_generator)
        return raise_with_args(vm, exc::StopAsyncIteration, nullptr);
    return raise_with_args(vm, exc::StopIteration, nullptr);
}

void gen_fix_stop_error(VM& vm, Generator* gen)
{
    bool async_gen = type_of(Value::from_object(gen)) == coro_types.async_generator;
    char const* what;
    if (vm.error_matches(exc::StopIteration))
        what = "StopIteration";
    else if (async_gen && vm.error_matches(exc::StopAsyncIteration))
        what = "StopAsyncIteration";
    else
        return;
    Value stop = vm.take_error();
    raise_fmt(vm, exc::RuntimeError, "%s raised %s", gen_kind_name(gen), what);
    Value rt = vm.take_error();
    BaseException* be = as_exception(rt);
    be->cause = stop;
    be->context = stop;
    be->suppress_context = true;
    vm.restore_error(rt);
}

Value gen_send_value(VM& vm, Generator* gen, Value v)
{
    if (gen->running)
        return already_executing(vm, gen);
    if (generator_finished(gen))
        return raise_gen_finished(vm, gen);
    if (gen->frame->state == FrameState::Created && !is_none(v))
        return just_started(vm, gen);
    return resume(vm, gen, v, Value::null());
}

Value gen_throw_args(VM& vm, Generator* gen, Value const* args, size_t nargs)
{
    if (!check_nargs(vm, "throw", nargs, 1, 3))
        return Value::null();
    Value e = TRY(normalize_throw(vm, args[0], nargs > 1 ? args[1] : Value::null(), nargs > 2 ? args[2] : Value::null()));
    return throw_impl(vm, gen, e);
}

Value gen_close_impl(VM& vm, Generator* gen) { return close_impl(vm, gen); }

// "coroutine 'f' was never awaited" (RuntimeWarning) through the VM's warn hook, as
// CPython's _PyErr_WarnUnawaitedCoroutine words it. (Not through
// warnings._warn_unawaited_coroutine: it passes source=, which the pure-Python
// warnings.warn_explicit of 3.11 hands to WarningMessage as `file`, so showing it fails.)
// False with the error pending when a filter made the warning an error.
static bool warn_unawaited(VM& vm, Generator* gen)
{
    std::string msg = std::string("coroutine '") + gen->qualname->c_str() + "' was never awaited";
    return warn(vm, exc::RuntimeWarning, msg.c_str(), 1);
}

bool generator_needs_finalizing(Object const* o)
{
    auto const* gen = static_cast<Generator const*>(o);
    if (generator_finished(gen))
        return false;
    // Closing a generator that never ran does nothing; a coroutine warns.
    return gen->frame->state != FrameState::Created || o->type == coro_types.coroutine;
}

Value gen_finalize(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "expected 0 arguments, got %zu", nargs ? nargs - 1 : 0);
    Generator* gen = self_gen(args);
    if (generator_finished(gen) || gen->running)
        return py_none();
    Value self = args[0];
    TypeObject* t = type_of(self);
    if (t == coro_types.async_generator) {
        auto* ag = static_cast<AsyncGenerator*>(gen);
        // The event loop's hook (asyncio schedules aclose()) gets it, as CPython's.
        if (!ag->finalizer.is_null() && !ag->closed) {
            Value hook = ag->finalizer;
            if (call1(vm, hook, self).is_null())
                write_unraisable(vm, "Exception ignored in", self);
            return py_none();
        }
    }
    if (t == coro_types.coroutine && gen->frame->state == FrameState::Created) {
        if (!warn_unawaited(vm, gen))
            write_unraisable(vm, "Exception ignored in", self);
        return py_none();
    }
    if (close_impl(vm, gen).is_null())
        write_unraisable(vm, "Exception ignored in", self);
    return py_none();
}

static Value coro_get_origin(VM&, Value const* args, size_t, Tuple*)
{
    Value o = args[0].as<Coroutine>()->origin;
    return o.is_null() ? py_none() : o;
}

// The coroutine type: the generator's methods minus iteration, plus __await__ and the
// cr_* names of the gi_* attributes.
void setup_coroutine_type(VM& vm, TypeObject* t)
{
    t->basicsize = sizeof(Coroutine);
    t->trace = trace_coroutine;
    t->finalize = nullptr;
    add_methods(vm, t,
                {
                    { "__repr__", gen_repr },
                    { "send", gen_send, METH_SWITCH },
                    { "throw", gen_throw, METH_SWITCH },
                    { "close", gen_close, METH_SWITCH },
                    { "__del__", gen_finalize },
                });
    add_getsets(vm, t,
                {
                    { "cr_frame", gen_get_frame },
                    { "cr_running", gen_get_running },
                    { "cr_suspended", gen_get_suspended },
                    { "cr_code", gen_get_code },
                    { "cr_await", gen_get_yieldfrom },
                    { "cr_origin", coro_get_origin },
                    { "__name__", gen_get_name, gen_set_name },
                    { "__qualname__", gen_get_qualname, gen_set_qualname },
                });
}

// The async generator type's attributes shared with generators (its methods are in
// coroutine.cpp).
void setup_async_generator_base(VM& vm, TypeObject* t)
{
    add_methods(vm, t, { { "__repr__", gen_repr }, { "__del__", gen_finalize } });
    add_getsets(vm, t,
                {
                    { "ag_frame", gen_get_frame },
                    { "ag_suspended", gen_get_suspended },
                    { "ag_code", gen_get_code },
                    { "ag_await", gen_get_yieldfrom },
                    { "__name__", gen_get_name, gen_set_name },
                    { "__qualname__", gen_get_qualname, gen_set_qualname },
                });
}

} // namespace slpy
