// Coroutines and async generators: the protocol helpers of the async instructions
// (GET_AWAITABLE, GET_AITER, GET_ANEXT, BEFORE_ASYNC_WITH, ASYNC_GEN_WRAP), the
// coroutine_wrapper of coroutine.__await__(), and the async generator type with the
// awaitables of its asend()/athrow()/aclose(), after CPython 3.11's genobject.c.
//
// The coroutine object itself is a Generator (generator.cpp runs and checks it). The
// awaitables of an async generator resume it with Interpreter::gen_resume (a nested
// run of the eval loop); a plain `await coro` goes through SEND and stays in the loop.
#include "stackless/vm/coroutine.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/eval_support.h"
#include "stackless/vm/frame_api.h"
#include "stackless/builtins/builtins.h"
#include "stackless/modules/records.h"
#include "stackless/vm/interpreter.h"

#include <memory>

namespace slpy {

CoroutineTypes coro_types;

namespace {

// Interned once at start-up (interned strings live as long as the process).
struct AsyncNames {
    String* await_ = nullptr;
    String* aiter = nullptr;
    String* anext = nullptr;
    String* aenter = nullptr;
    String* aexit = nullptr;
} g_names;

struct CoroWrapper : Object {
    Generator* coro;
};

struct WrappedValue : Object {
    Value value;
};

// The state of an asend()/athrow() awaitable, CPython's AwaitableState.
enum class AwaitState : uint8_t { Init, Iter, Closed };

struct ASend : Object {
    AsyncGenerator* gen;
    Value sendval;
    AwaitState state;
};

struct AThrow : Object {
    AsyncGenerator* gen;
    Value args; // the arguments of athrow() (a tuple), null for aclose()
    AwaitState state;
};

void trace_wrapper(Object* o, Tracer& t) { t.visit(static_cast<CoroWrapper*>(o)->coro); }
void trace_wrapped(Object* o, Tracer& t) { t.visit(static_cast<WrappedValue*>(o)->value); }
void trace_asend(Object* o, Tracer& t)
{
    auto* a = static_cast<ASend*>(o);
    t.visit(a->gen);
    t.visit(a->sendval);
}
void trace_athrow(Object* o, Tracer& t)
{
    auto* a = static_cast<AThrow*>(o);
    t.visit(a->gen);
    t.visit(a->args);
}
void trace_async_gen(Object* o, Tracer& t)
{
    auto* g = static_cast<AsyncGenerator*>(o);
    t.visit(g->frame);
    t.visit(g->name);
    t.visit(g->qualname);
    t.visit(g->exc_state);
    t.visit(g->finalizer);
}

bool is_iterable_coroutine(Value v)
{
    if (type_of(v) != types.generator)
        return false;
    Frame* f = v.as<Generator>()->frame;
    return f && (f->code->flags & CO_ITERABLE_COROUTINE);
}

// Raises `type(format)` with the pending exception as its __cause__ (CPython's
// _PyErr_FormatFromCause).
void raise_from_pending(VM& vm, TypeObject* type, std::string const& msg)
{
    Value cause = vm.take_error();
    raise(vm, type, msg.c_str());
    Value e = vm.take_error();
    if (BaseException* be = as_exception(e)) {
        be->cause = cause;
        be->context = cause;
        be->suppress_context = true;
    }
    vm.restore_error(e);
}

// ------------------------------------------------------------------ sys.set_asyncgen_hooks

// The hooks of this VM (CPython keeps them per thread), and its coroutine origin
// tracking depth.
struct AsyncGenHooks : VM::ModuleState {
    Value firstiter = Value::null();
    Value finalizer = Value::null();
    int64_t origin_depth = 0;
    void trace(Tracer& t) override
    {
        t.visit(firstiter);
        t.visit(finalizer);
    }
};
char const k_hooks_key = 0;

AsyncGenHooks* hooks_of(VM& vm)
{
    if (auto* s = vm.module_state(&k_hooks_key))
        return static_cast<AsyncGenHooks*>(s);
    return static_cast<AsyncGenHooks*>(vm.add_module_state(&k_hooks_key, std::make_unique<AsyncGenHooks>()));
}

// At the first asend()/athrow()/aclose() of a generator: remember the finalizer hook and
// call the firstiter hook with the generator (CPython's async_gen_init_hooks).
bool init_hooks(VM& vm, AsyncGenerator* gen)
{
    if (gen->hooks_inited)
        return true;
    gen->hooks_inited = true;
    AsyncGenHooks* h = hooks_of(vm);
    if (!h->finalizer.is_null())
        gen->finalizer = h->finalizer;
    if (!h->firstiter.is_null())
        return !call1(vm, h->firstiter, Value::from_object(gen)).is_null();
    return true;
}

Value sys_set_asyncgen_hooks(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value a[2];
    if (!parse_args(vm, "set_asyncgen_hooks", args, nargs, kw, { "firstiter", "finalizer" }, 0, a))
        return Value::null();
    char const* what[2] = { "firstiter", "finalizer" };
    for (int i = 0; i < 2; i++)
        if (!a[i].is_null() && !is_none(a[i]) && !is_callable(a[i]))
            return raise_fmt(vm, exc::TypeError, "callable %s expected, got %s", what[i], type_name(a[i]));
    AsyncGenHooks* h = hooks_of(vm);
    if (!a[1].is_null())
        h->finalizer = is_none(a[1]) ? Value::null() : a[1];
    if (!a[0].is_null())
        h->firstiter = is_none(a[0]) ? Value::null() : a[0];
    return py_none();
}

TypeObject* g_hooks_type = nullptr;

Value sys_set_coroutine_origin_tracking_depth(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value depth;
    if (!parse_args(vm, "set_coroutine_origin_tracking_depth", args, nargs, kw, { "depth" }, 1, &depth))
        return Value::null();
    if (!depth.is_int()) {
        if (is_int(depth))
            return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
        return raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(depth));
    }
    if (depth.as_int() < 0)
        return raise(vm, exc::ValueError, "depth must be >= 0");
    hooks_of(vm)->origin_depth = depth.as_int();
    return py_none();
}

Value sys_get_coroutine_origin_tracking_depth(VM& vm, Value const*, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "get_coroutine_origin_tracking_depth", kw) ||
        !check_nargs(vm, "get_coroutine_origin_tracking_depth", nargs, 0, 0))
        return Value::null();
    return int_from_i64(vm, hooks_of(vm)->origin_depth);
}

Value sys_get_asyncgen_hooks(VM& vm, Value const*, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "get_asyncgen_hooks", kw) || !check_nargs(vm, "get_asyncgen_hooks", nargs, 0, 0))
        return Value::null();
    AsyncGenHooks* h = hooks_of(vm);
    Value v[2] = { h->firstiter.is_null() ? py_none() : h->firstiter, h->finalizer.is_null() ? py_none() : h->finalizer };
    return struct_seq_new(vm, g_hooks_type, v, 2);
}

// ------------------------------------------------------------------ coroutine_wrapper

CoroWrapper* self_wrapper(Value const* args) { return args[0].as<CoroWrapper>(); }

Value coro_await(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* w = vm.heap.make<CoroWrapper>(coro_types.coroutine_wrapper);
    if (!w)
        return Value::null();
    w->coro = args[0].as<Generator>();
    return Value::from_object(w);
}

Value wrapper_iter(VM&, Value const* args, size_t, Tuple*) { return args[0]; }
Value wrapper_next(VM& vm, Value const* args, size_t, Tuple*) { return gen_send_value(vm, self_wrapper(args)->coro, py_none()); }
Value wrapper_send(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "send", kw) || !check_nargs(vm, "send", nargs - 1, 1, 1))
        return Value::null();
    return gen_send_value(vm, self_wrapper(args)->coro, args[1]);
}
Value wrapper_throw(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "throw", kw))
        return Value::null();
    return gen_throw_args(vm, self_wrapper(args)->coro, args + 1, nargs - 1);
}
Value wrapper_close(VM& vm, Value const* args, size_t, Tuple*) { return gen_close_impl(vm, self_wrapper(args)->coro); }

// ------------------------------------------------------------------ async generator

AsyncGenerator* self_agen(Value const* args) { return args[0].as<AsyncGenerator>(); }

// What resuming the generator gave, seen from an asend()/athrow() awaitable: a value
// the generator yielded (wrapped) ends the awaitable with StopIteration(value); what an
// `await` inside it yielded passes through to the awaiting event loop.
Value unwrap_value(VM& vm, AsyncGenerator* gen, Value r)
{
    if (r.is_null()) {
        if (vm.error_matches(exc::StopAsyncIteration) || vm.error_matches(exc::GeneratorExit))
            gen->closed = true;
        gen->running_async = false;
        return r;
    }
    if (type_of(r) == coro_types.wrapped_value) {
        Value v = r.as<WrappedValue>()->value;
        gen->running_async = false;
        Tuple* args = tuple_pack(vm, { v });
        return args ? raise_with_args(vm, exc::StopIteration, args) : Value::null();
    }
    return r;
}

Value asend_new(VM& vm, AsyncGenerator* gen, Value v)
{
    auto* a = vm.heap.make<ASend>(coro_types.asend);
    if (!a)
        return Value::null();
    a->gen = gen;
    a->sendval = v;
    a->state = AwaitState::Init;
    return Value::from_object(a);
}

Value athrow_new(VM& vm, AsyncGenerator* gen, Value args)
{
    auto* a = vm.heap.make<AThrow>(coro_types.athrow);
    if (!a)
        return Value::null();
    a->gen = gen;
    a->args = args;
    a->state = AwaitState::Init;
    return Value::from_object(a);
}

Value agen_aiter(VM&, Value const* args, size_t, Tuple*) { return args[0]; }
Value agen_anext(VM& vm, Value const* args, size_t, Tuple*) { return asend_new(vm, self_agen(args), py_none()); }
Value agen_asend(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "asend", kw) || !check_nargs(vm, "asend", nargs - 1, 1, 1))
        return Value::null();
    return asend_new(vm, self_agen(args), args[1]);
}
Value agen_athrow(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "athrow", kw) || !check_nargs(vm, "athrow", nargs - 1, 1, 3))
        return Value::null();
    Tuple* t = tuple_new(vm, nargs - 1);
    if (!t)
        return Value::null();
    for (size_t i = 1; i < nargs; i++)
        t->items[i - 1] = args[i];
    return athrow_new(vm, self_agen(args), Value::from_object(t));
}
Value agen_aclose(VM& vm, Value const* args, size_t, Tuple*) { return athrow_new(vm, self_agen(args), Value::null()); }
Value agen_get_running(VM&, Value const* args, size_t, Tuple*) { return py_bool(self_agen(args)->running_async); }

// ---- asend()

ASend* self_asend(Value const* args) { return args[0].as<ASend>(); }

Value asend_send_impl(VM& vm, ASend* o, Value arg)
{
    if (o->state == AwaitState::Closed)
        return raise(vm, exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    if (o->state == AwaitState::Init) {
        if (o->gen->running_async) {
            o->state = AwaitState::Closed;
            return raise(vm, exc::RuntimeError, "anext(): asynchronous generator is already running");
        }
        if (!init_hooks(vm, o->gen))
            return Value::null();
        if (arg.is_null() || is_none(arg))
            arg = o->sendval;
        o->state = AwaitState::Iter;
    }
    o->gen->running_async = true;
    Value r = unwrap_value(vm, o->gen, gen_send_value(vm, o->gen, arg));
    if (r.is_null())
        o->state = AwaitState::Closed;
    return r;
}

Value asend_next(VM& vm, Value const* args, size_t, Tuple*) { return asend_send_impl(vm, self_asend(args), py_none()); }
Value asend_send(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "send", kw) || !check_nargs(vm, "send", nargs - 1, 1, 1))
        return Value::null();
    return asend_send_impl(vm, self_asend(args), args[1]);
}
Value asend_throw(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    ASend* o = self_asend(args);
    if (!check_no_kwargs(vm, "throw", kw))
        return Value::null();
    if (o->state == AwaitState::Closed)
        return raise(vm, exc::RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    Value r = unwrap_value(vm, o->gen, gen_throw_args(vm, o->gen, args + 1, nargs - 1));
    if (r.is_null())
        o->state = AwaitState::Closed;
    return r;
}
Value asend_close(VM&, Value const* args, size_t, Tuple*)
{
    self_asend(args)->state = AwaitState::Closed;
    return py_none();
}

// ---- athrow() and aclose()

AThrow* self_athrow(Value const* args) { return args[0].as<AThrow>(); }

Value athrow_ignored_exit(VM& vm, AThrow* o)
{
    o->gen->running_async = false;
    o->state = AwaitState::Closed;
    return raise(vm, exc::RuntimeError, "async generator ignored GeneratorExit");
}

// The end of an athrow()/aclose() awaitable with an error pending: for aclose(), the
// generator finishing (StopAsyncIteration or GeneratorExit) ends it with StopIteration.
Value athrow_check_error(VM& vm, AThrow* o)
{
    o->gen->running_async = false;
    o->state = AwaitState::Closed;
    if (o->args.is_null() && (vm.error_matches(exc::StopAsyncIteration) || vm.error_matches(exc::GeneratorExit))) {
        vm.clear_error();
        return raise_with_args(vm, exc::StopIteration, nullptr);
    }
    return Value::null();
}

Value athrow_send_impl(VM& vm, AThrow* o, Value arg)
{
    AsyncGenerator* gen = o->gen;
    if (o->state == AwaitState::Closed)
        return raise(vm, exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    if (generator_finished(gen)) {
        o->state = AwaitState::Closed;
        return raise_with_args(vm, exc::StopIteration, nullptr);
    }
    Value r;
    if (o->state == AwaitState::Init) {
        if (gen->running_async) {
            o->state = AwaitState::Closed;
            return raise(vm, exc::RuntimeError, o->args.is_null() ? "aclose(): asynchronous generator is already running"
                                                                  : "athrow(): asynchronous generator is already running");
        }
        if (gen->closed) {
            o->state = AwaitState::Closed;
            return raise_with_args(vm, exc::StopAsyncIteration, nullptr);
        }
        if (!init_hooks(vm, gen))
            return Value::null();
        if (!arg.is_null() && !is_none(arg))
            return raise(vm, exc::RuntimeError, "can't send non-None value to a just-started coroutine");
        o->state = AwaitState::Iter;
        gen->running_async = true;
        if (o->args.is_null()) {
            gen->closed = true;
            Value e = Value::from_object(exc::GeneratorExit);
            r = gen_throw_args(vm, gen, &e, 1);
            if (!r.is_null() && type_of(r) == coro_types.wrapped_value)
                return athrow_ignored_exit(vm, o);
        } else {
            Tuple* t = o->args.as<Tuple>();
            r = unwrap_value(vm, gen, gen_throw_args(vm, gen, t->items, t->size));
        }
        return r.is_null() ? athrow_check_error(vm, o) : r;
    }
    r = gen_send_value(vm, gen, arg.is_null() ? py_none() : arg);
    if (!o->args.is_null())
        return unwrap_value(vm, gen, r);
    if (!r.is_null() && type_of(r) == coro_types.wrapped_value)
        return athrow_ignored_exit(vm, o);
    return r.is_null() ? athrow_check_error(vm, o) : r;
}

Value athrow_next(VM& vm, Value const* args, size_t, Tuple*) { return athrow_send_impl(vm, self_athrow(args), py_none()); }
Value athrow_send(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "send", kw) || !check_nargs(vm, "send", nargs - 1, 1, 1))
        return Value::null();
    return athrow_send_impl(vm, self_athrow(args), args[1]);
}
Value athrow_throw(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    AThrow* o = self_athrow(args);
    if (!check_no_kwargs(vm, "throw", kw))
        return Value::null();
    if (o->state == AwaitState::Closed)
        return raise(vm, exc::RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    Value r = gen_throw_args(vm, o->gen, args + 1, nargs - 1);
    if (!o->args.is_null())
        return unwrap_value(vm, o->gen, r);
    if (!r.is_null() && type_of(r) == coro_types.wrapped_value)
        return athrow_ignored_exit(vm, o);
    if (r.is_null() && (vm.error_matches(exc::StopAsyncIteration) || vm.error_matches(exc::GeneratorExit))) {
        vm.clear_error();
        return raise_with_args(vm, exc::StopIteration, nullptr);
    }
    return r;
}
Value athrow_close(VM&, Value const* args, size_t, Tuple*)
{
    self_athrow(args)->state = AwaitState::Closed;
    return py_none();
}

Value self_iter(VM&, Value const* args, size_t, Tuple*) { return args[0]; }

// ---- anext(aiterator, default): awaits aiterator.__anext__() and turns its
// StopAsyncIteration into StopIteration(default).

struct ANextAwaitable : Object {
    Value wrapped;   // the async iterator
    Value awaitable; // the iterator of its __anext__() awaitable, null until first used
    Value dflt;
};

void trace_anext(Object* o, Tracer& t)
{
    auto* a = static_cast<ANextAwaitable*>(o);
    t.visit(a->wrapped);
    t.visit(a->awaitable);
    t.visit(a->dflt);
}

ANextAwaitable* self_anext(Value const* args) { return args[0].as<ANextAwaitable>(); }

Value anext_iter(VM& vm, ANextAwaitable* a)
{
    if (!a->awaitable.is_null())
        return a->awaitable;
    Value aw = TRY(call_method(vm, a->wrapped, g_names.anext, nullptr, 0));
    if (type_of(aw)->slot(Slot::NEXT).is_null()) {
        Value meth = type_lookup(type_of(aw), g_names.await_);
        if (meth.is_not_found() || is_none(meth))
            return raise_fmt(vm, exc::TypeError, "'%s' object is not awaitable", type_name(aw));
        aw = TRY(call_method(vm, aw, g_names.await_, nullptr, 0));
        if (type_of(aw)->slot(Slot::NEXT).is_null())
            return raise(vm, exc::TypeError, "__await__ returned a non-iterable");
    }
    a->awaitable = aw;
    return aw;
}

// The end of the awaited __anext__(): StopAsyncIteration means "use the default".
Value anext_result(VM& vm, ANextAwaitable* a, Value r)
{
    if (r.is_null() && vm.error_matches(exc::StopAsyncIteration)) {
        vm.clear_error();
        Tuple* args = tuple_pack(vm, { a->dflt });
        return args ? raise_with_args(vm, exc::StopIteration, args) : Value::null();
    }
    return r;
}

Value anext_proxy(VM& vm, Value const* args, size_t nargs, Tuple* kw, String* meth)
{
    if (!check_no_kwargs(vm, meth->c_str(), kw))
        return Value::null();
    ANextAwaitable* a = self_anext(args);
    Value it = TRY(anext_iter(vm, a));
    return anext_result(vm, a, call_method(vm, it, meth, args + 1, nargs - 1));
}

Value anext_next(VM& vm, Value const* args, size_t, Tuple*)
{
    ANextAwaitable* a = self_anext(args);
    Value it = TRY(anext_iter(vm, a));
    // __next__ itself, not iter_next: the StopIteration carries the awaited value.
    return anext_result(vm, a, call_slot(vm, it, Slot::NEXT, nullptr, 0));
}
Value anext_send(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_nargs(vm, "send", nargs - 1, 1, 1))
        return Value::null();
    return anext_proxy(vm, args, nargs, kw, intern(vm, "send"));
}
Value anext_throw(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_nargs(vm, "throw", nargs - 1, 1, 3))
        return Value::null();
    return anext_proxy(vm, args, nargs, kw, intern(vm, "throw"));
}
Value anext_close(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_nargs(vm, "close", nargs - 1, 0, 0))
        return Value::null();
    return anext_proxy(vm, args, nargs, kw, intern(vm, "close"));
}

TypeObject* g_anext_type = nullptr;

} // namespace

Value anext_awaitable_new(VM& vm, Value aiter, Value dflt)
{
    auto* a = vm.heap.make<ANextAwaitable>(g_anext_type);
    if (!a)
        return Value::null();
    a->wrapped = aiter;
    a->awaitable = Value::null();
    a->dflt = dflt;
    return Value::from_object(a);
}

// ------------------------------------------------------------------ instruction helpers

Value get_awaitable_iter(VM& vm, Value obj, int where)
{
    TypeObject* t = type_of(obj);
    if (t == coro_types.coroutine || is_iterable_coroutine(obj)) {
        if (t == coro_types.coroutine) {
            // A coroutine suspended in its own await is being awaited by someone else.
            Value yf = getattr_opt(vm, obj, intern(vm, "cr_await"));
            if (yf.is_null())
                return yf;
            if (!yf.is_not_found() && !is_none(yf))
                return raise(vm, exc::RuntimeError, "coroutine is being awaited already");
        }
        return obj;
    }
    Value meth = type_lookup(t, g_names.await_);
    if (meth.is_null() || meth.is_not_found() || is_none(meth)) {
        if (where == 1)
            return raise_fmt(vm, exc::TypeError, "'async with' received an object from __aenter__ that does not implement __await__: %s",
                             t->name->c_str());
        if (where == 2)
            return raise_fmt(vm, exc::TypeError, "'async with' received an object from __aexit__ that does not implement __await__: %s",
                             t->name->c_str());
        return raise_fmt(vm, exc::TypeError, "object %s can't be used in 'await' expression", t->name->c_str());
    }
    Value bound = TRY(eval_lookup_special(vm, obj, g_names.await_));
    Value it = TRY(call0(vm, bound));
    if (type_of(it) == coro_types.coroutine || is_iterable_coroutine(it))
        return raise(vm, exc::TypeError, "__await__() returned a coroutine");
    if (type_of(it)->slot(Slot::NEXT).is_null())
        return raise_fmt(vm, exc::TypeError, "__await__() returned non-iterator of type '%s'", type_name(it));
    return it;
}

Value get_aiter(VM& vm, Value obj)
{
    TypeObject* t = type_of(obj);
    if (t == coro_types.async_generator)
        return obj;
    Value meth = eval_lookup_special(vm, obj, g_names.aiter);
    if (meth.is_null()) {
        if (!vm.has_error())
            raise_fmt(vm, exc::TypeError, "'async for' requires an object with __aiter__ method, got %s", t->name->c_str());
        return Value::null();
    }
    Value it = TRY(call0(vm, meth));
    if (type_lookup(type_of(it), g_names.anext).is_not_found())
        return raise_fmt(vm, exc::TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: %s",
                         type_name(it));
    return it;
}

Value get_anext_awaitable(VM& vm, Value aiter)
{
    TypeObject* t = type_of(aiter);
    if (t == coro_types.async_generator)
        return asend_new(vm, aiter.as<AsyncGenerator>(), py_none());
    Value meth = eval_lookup_special(vm, aiter, g_names.anext);
    if (meth.is_null()) {
        if (!vm.has_error())
            raise_fmt(vm, exc::TypeError, "'async for' requires an iterator with __anext__ method, got %s", t->name->c_str());
        return Value::null();
    }
    Value next = TRY(call0(vm, meth));
    Value awaitable = get_awaitable_iter(vm, next, 0);
    if (awaitable.is_null() && vm.error_matches(exc::TypeError))
        raise_from_pending(vm, exc::TypeError,
                           std::string("'async for' received an invalid object from __anext__: ") + type_name(next));
    return awaitable;
}

bool lookup_async_with(VM& vm, Value mgr, Value* enter, Value* exit)
{
    *enter = eval_lookup_special(vm, mgr, g_names.aenter);
    if (enter->is_null()) {
        if (!vm.has_error())
            raise_fmt(vm, exc::TypeError, "'%s' object does not support the asynchronous context manager protocol", type_name(mgr));
        return false;
    }
    *exit = eval_lookup_special(vm, mgr, g_names.aexit);
    if (exit->is_null()) {
        if (!vm.has_error())
            raise_fmt(vm, exc::TypeError,
                      "'%s' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
                      type_name(mgr));
        return false;
    }
    return true;
}

Value async_gen_wrap(VM& vm, Value v)
{
    auto* w = vm.heap.make<WrappedValue>(coro_types.wrapped_value);
    if (!w)
        return Value::null();
    w->value = v;
    return Value::from_object(w);
}

// ------------------------------------------------------------------ setup

void setup_coroutine_types(VM& vm)
{
    g_names.await_ = intern(vm, "__await__");
    g_names.aiter = intern(vm, "__aiter__");
    g_names.anext = intern(vm, "__anext__");
    g_names.aenter = intern(vm, "__aenter__");
    g_names.aexit = intern(vm, "__aexit__");

    TypeObject* coro = make_builtin_type(vm, "coroutine", nullptr, sizeof(Generator), TF_LAYOUT_WEAKREF, nullptr, nullptr);
    coro_types.coroutine = coro;
    setup_coroutine_type(vm, coro);
    add_methods(vm, coro, { { "__await__", coro_await } });

    TypeObject* w = make_builtin_type(vm, "coroutine_wrapper", nullptr, sizeof(CoroWrapper), 0, trace_wrapper, nullptr);
    coro_types.coroutine_wrapper = w;
    add_methods(vm, w,
                {
                    { "__iter__", wrapper_iter },
                    { "__next__", wrapper_next },
                    { "send", wrapper_send },
                    { "throw", wrapper_throw },
                    { "close", wrapper_close },
                });

    TypeObject* ag = make_builtin_type(vm, "async_generator", nullptr, sizeof(AsyncGenerator), TF_LAYOUT_WEAKREF, trace_async_gen, nullptr);
    coro_types.async_generator = ag;
    setup_async_generator_base(vm, ag);
    add_methods(vm, ag,
                {
                    { "__aiter__", agen_aiter },
                    { "__anext__", agen_anext },
                    { "asend", agen_asend },
                    { "athrow", agen_athrow },
                    { "aclose", agen_aclose },
                    { "__class_getitem__", generic_alias_class_getitem, METH_CLASS },
                });
    add_getsets(vm, ag, { { "ag_running", agen_get_running } });

    TypeObject* as = make_builtin_type(vm, "async_generator_asend", nullptr, sizeof(ASend), 0, trace_asend, nullptr);
    coro_types.asend = as;
    add_methods(vm, as,
                {
                    { "__await__", self_iter },
                    { "__iter__", self_iter },
                    { "__next__", asend_next },
                    { "send", asend_send },
                    { "throw", asend_throw },
                    { "close", asend_close },
                });

    TypeObject* at = make_builtin_type(vm, "async_generator_athrow", nullptr, sizeof(AThrow), 0, trace_athrow, nullptr);
    coro_types.athrow = at;
    add_methods(vm, at,
                {
                    { "__await__", self_iter },
                    { "__iter__", self_iter },
                    { "__next__", athrow_next },
                    { "send", athrow_send },
                    { "throw", athrow_throw },
                    { "close", athrow_close },
                });

    coro_types.wrapped_value =
        make_builtin_type(vm, "async_generator_wrapped_value", nullptr, sizeof(WrappedValue), 0, trace_wrapped, nullptr);

    g_anext_type = make_builtin_type(vm, "anext_awaitable", nullptr, sizeof(ANextAwaitable), 0, trace_anext, nullptr);
    add_methods(vm, g_anext_type,
                {
                    { "__await__", self_iter },
                    { "__iter__", self_iter },
                    { "__next__", anext_next },
                    { "send", anext_send },
                    { "throw", anext_throw },
                    { "close", anext_close },
                });

    for (TypeObject* t : { coro, w, ag, as, at, coro_types.wrapped_value, g_anext_type })
        finish_builtin_type(vm, t);
}

Value coroutine_origin(VM& vm, Frame const* frame)
{
    int64_t depth = hooks_of(vm)->origin_depth;
    if (depth == 0)
        return Value::not_found();
    List* entries = list_new(vm);
    if (!entries)
        return Value::null();
    // The frames below the new coroutine, innermost first, as tracebacks show them.
    for (Frame* f = interp(vm).current; f && int64_t(entries->size) < depth; f = f->back) {
        if (f == frame || (f->code->flags & CO_SLPY_HIDDEN))
            continue;
        Value e[3] = { Value::from_object(f->code->filename), int_from_i64(vm, f->line()), Value::from_object(f->code->name) };
        Tuple* t = tuple_from_array(vm, e, 3);
        if (!t || !list_append(vm, entries, Value::from_object(t)))
            return Value::null();
    }
    Tuple* r = tuple_from_array(vm, entries->items(), entries->size);
    return r ? Value::from_object(r) : Value::null();
}

void add_asyncgen_hook_functions(VM& vm, Module* sys)
{
    // Made once, by the shared runtime's own sys module (objects/README.md).
    if (!g_hooks_type)
        g_hooks_type = struct_seq_type(vm, "builtins", "asyncgen_hooks", { "firstiter", "finalizer" }, 2);
    module_add_functions(vm, sys,
                         {
                             { "set_asyncgen_hooks", sys_set_asyncgen_hooks },
                             { "get_asyncgen_hooks", sys_get_asyncgen_hooks },
                             { "set_coroutine_origin_tracking_depth", sys_set_coroutine_origin_tracking_depth },
                             { "get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth },
                         });
}

} // namespace slpy
