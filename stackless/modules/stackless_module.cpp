// The `stackless` module (spec stackless-api.md §2-§5): the Python binding of the
// scheduler in scheduler/. The classes are `_stackless.tasklet`, `_stackless.channel`,
// `_stackless.bomb` and `_stackless.atomic`; `TaskletExit` goes into builtins.
//
// Every native that may switch tasklets is flagged METH_SWITCH: the eval loop then calls
// it on its switch path with soft_call set, and the native takes that flag at its entry
// (before anything else can run Python code) and hands it to the scheduler.
#include "scheduler/carrier.h"
#include "scheduler/scheduler.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/vm/call.h"
#include "stackless/vm/interpreter.h"

#include <pthread.h>

#include <cstdio>
#include <string>

namespace slpy {

namespace {

#define SLPY_SL(name) Value name(VM& vm, [[maybe_unused]] Value const* args, [[maybe_unused]] size_t nargs, [[maybe_unused]] Tuple* kwnames)

Scheduler& S(VM& vm) { return *vm.interp->sched; }
bool soft(VM& vm) { return vm.interp->take_soft_call(); }

Tasklet* self_t(Value v) { return v.as<Tasklet>(); }
Channel* self_c(Value v) { return v.as<Channel>(); }
Value obj_or_none(Object* o) { return o ? Value::from_object(o) : py_none(); }

uint64_t thread_ident() { return uint64_t(pthread_self()); }

// A bool or int argument, as the spec's flag setters take it; false with TypeError(msg).
bool int_flag(VM& vm, Value v, char const* msg, bool& out)
{
    if (!is_int(v)) {
        raise(vm, exc::TypeError, msg);
        return false;
    }
    int64_t i = 0;
    if (!int_to_i64(int_unwrap(v), i))
        i = 1; // a big int is non-zero
    out = i != 0;
    return true;
}

// ------------------------------------------------------------------ tasklet: binding

// The frame that calls `func(*args, **kwargs)` as the bottom of a tasklet: the function's
// own frame for a Python function (or a bound method of one), else a frame of the boot
// helper (scheduler README: how a tasklet starts).
Frame* tasklet_frame(VM& vm, Value func, Tuple* args, Dict* kwargs)
{
    Scheduler& s = S(vm);
    size_t nkw = kwargs ? kwargs->used : 0;
    Value self = Value::null();
    Value fn = func;
    if (type_of(func) == types.method && is_function(func.as<BoundMethod>()->func)) {
        self = func.as<BoundMethod>()->self;
        fn = func.as<BoundMethod>()->func;
    }
    if (is_function(fn)) {
        // The usual tasklet(f)(a, b): the arguments are the tuple's items as they are.
        if (self.is_null() && !nkw)
            return frame_for_call(vm, fn.as<Function>(), args->items, args->size, nullptr);
        size_t n = args->size + (self.is_null() ? 0 : 1);
        Tuple* flat = tuple_new(vm, n + nkw);
        if (!flat)
            return nullptr;
        Tuple* kwn = nullptr;
        size_t i = 0;
        if (!self.is_null())
            flat->items[i++] = self;
        for (size_t k = 0; k < args->size; ++k)
            flat->items[i++] = args->items[k];
        if (nkw) {
            kwn = tuple_new(vm, nkw);
            if (!kwn)
                return nullptr;
            size_t pos = 0, j = 0;
            Value key, value;
            while (dict_next(kwargs, pos, key, value)) {
                kwn->items[j++] = key;
                flat->items[i++] = value;
            }
        }
        return frame_for_call(vm, fn.as<Function>(), flat->items, n, kwn);
    }
    Value a[3] = { func, Value::from_object(args), kwargs ? Value::from_object(kwargs) : Value::null() };
    if (a[2].is_null()) {
        Dict* d = dict_new(vm);
        if (!d)
            return nullptr;
        a[2] = Value::from_object(d);
    }
    return frame_for_call(vm, s.boot, a, 3, nullptr);
}

// bind(func=None, args=None, kwargs=None) (spec 3.1)
Value tasklet_bind_impl(VM& vm, Tasklet* t, Value func, Value args, Value kwargs)
{
    Scheduler& s = S(vm);
    if (!func.is_null() && !is_none(func) && !is_callable(func))
        return raise(vm, exc::TypeError, "tasklet function must be a callable or None");
    if (t == s.current)
        return raise(vm, exc::RuntimeError, "can't (re)bind the current tasklet");
    if (t->in_queue || t->blocked_on)
        return raise(vm, exc::RuntimeError, "tasklet is scheduled");
    if (s.nesting_level(t) > 0) // pinned to a carrier: its native callers wait on it
        return raise(vm, exc::RuntimeError, "tasklet has C state on its stack");
    bool no_args = (args.is_null() || is_none(args)) && (kwargs.is_null() || is_none(kwargs));
    if (t->is_main && no_args)
        return raise(vm, exc::RuntimeError, "can't unbind the main tasklet");
    Value callable = (!func.is_null() && !is_none(func)) ? func : Value::null();
    // Old frames are dropped first (their finally blocks do not run), also when the
    // binding then fails.
    t->frame = nullptr;
    t->started = false;
    t->depth = 0;
    t->in_call = false;
    t->exc_info = Value::null();
    if (no_args) {
        t->tempval = callable.is_null() ? py_none() : callable;
        return Value::from_object(t);
    }
    if (callable.is_null()) {
        Value tv = t->tempval;
        if (tv.is_null() || is_none(tv) || !is_callable(tv) || s.is_bomb(tv))
            return raise(vm, exc::RuntimeError, "the tasklet was not bound to a function");
        callable = tv;
    }
    Tuple* a;
    if (args.is_null() || is_none(args)) {
        a = empty_tuple();
    } else if (type_of(args) == types.tuple) {
        a = args.as<Tuple>(); // immutable: tuple(args) would be the same tuple
    } else {
        Value tv = TRY(call1(vm, Value::from_object(types.tuple), args));
        a = tv.as<Tuple>();
    }
    if (!a)
        return Value::null();
    Dict* kw = nullptr;
    if (!kwargs.is_null() && !is_none(kwargs)) {
        kw = as_dict(kwargs);
        if (!kw)
            return raise_fmt(vm, exc::TypeError, "tasklet keyword arguments must be a dict, not %s", type_name(kwargs));
    }
    Frame* f = tasklet_frame(vm, callable, a, kw);
    if (!f)
        return Value::null();
    t->frame = f;
    t->started = false;
    t->depth = 0;
    t->in_call = false;
    t->exc_info = Value::null();
    t->tempval = py_none();
    return Value::from_object(t);
}

SLPY_SL(tasklet_new)
{
    auto* cls = args[0].as<TypeObject>();
    auto* t = static_cast<Tasklet*>(alloc_instance(vm, cls));
    if (!t)
        return Value::null();
    new (&t->run_hook) TaskletHook();
    new (&t->wait_hook) TaskletHook();
    t->tempval = py_none();
    // A tasklet belongs to the thread that made it (its ident and thread-locals).
    t->thread_state = S(vm).current ? S(vm).current->thread_state : nullptr;
    return Value::from_object(t);
}

SLPY_SL(tasklet_init)
{
    Value a[4];
    if (!parse_args(vm, "tasklet", args, nargs, kwnames, { "self", "func", "args", "kwargs" }, 1, a, 1))
        return Value::null();
    TRY(tasklet_bind_impl(vm, self_t(args[0]), a[1], a[2], a[3]));
    return py_none();
}

// tasklet(...) itself, the type's vectorcall (not inherited: a subclass's call goes through
// its __new__ and __init__): the same as tasklet.__new__ then tasklet.__init__, without
// looking them up and copying the arguments twice (spawning is the hot path).
SLPY_SL(tasklet_vectorcall)
{
    Value obj = TRY(tasklet_new(vm, args, nargs, kwnames));
    size_t total = nargs + (kwnames ? kwnames->size : 0);
    if (nargs <= 2 && !kwnames) {
        TRY(tasklet_bind_impl(vm, self_t(obj), nargs == 2 ? args[1] : Value::null(), Value::null(), Value::null()));
        return obj;
    }
    // __init__(self, func, args, kwargs): more than 8 arguments can only make parse_args'
    // error, which it raises before it looks at self.
    Value buf[8];
    if (total > 8)
        return tasklet_init(vm, args, nargs, kwnames);
    buf[0] = obj;
    for (size_t i = 1; i < total; ++i)
        buf[i] = args[i];
    TRY(tasklet_init(vm, buf, nargs, kwnames));
    return obj;
}

SLPY_SL(tasklet_bind)
{
    Value a[4];
    if (!parse_args(vm, "bind", args, nargs, kwnames, { "self", "func", "args", "kwargs" }, 1, a, 1))
        return Value::null();
    return tasklet_bind_impl(vm, self_t(args[0]), a[1], a[2], a[3]);
}

Value tasklet_insert_impl(VM& vm, Tasklet* t)
{
    Scheduler& s = S(vm);
    if (t->blocked_on)
        return raise(vm, exc::RuntimeError, "You cannot run a blocked tasklet");
    if (t->in_queue)
        return Value::from_object(t);
    if (!s.alive(t))
        return raise(vm, exc::RuntimeError, "You cannot run an unbound(dead) tasklet");
    s.append(t);
    return Value::from_object(t);
}

// setup(*args, **kwargs) / __call__ (spec 3.1)
SLPY_SL(tasklet_setup)
{
    Tasklet* t = self_t(args[0]);
    Scheduler& s = S(vm);
    if (s.alive(t))
        return raise(vm, exc::RuntimeError, "tasklet is alive");
    size_t nkw = kwnames ? kwnames->size : 0;
    size_t npos = nargs - 1;
    Tuple* a = npos ? tuple_from_array(vm, args + 1, npos) : empty_tuple();
    if (!a)
        return Value::null();
    // No keywords: no dict (a Python function's frame takes the tuple's items as they are).
    Value kw = py_none();
    if (nkw) {
        Dict* d = dict_new(vm);
        if (!d)
            return Value::null();
        for (size_t i = 0; i < nkw; ++i)
            if (!dict_set(vm, d, kwnames->items[i], args[nargs + i]))
                return Value::null();
        kw = Value::from_object(d);
    }
    TRY(tasklet_bind_impl(vm, t, Value::null(), Value::from_object(a), kw));
    return tasklet_insert_impl(vm, t);
}

SLPY_SL(tasklet_insert)
{
    if (!check_nargs(vm, "insert", nargs - 1, 0, 0) || !check_no_kwargs(vm, "insert", kwnames))
        return Value::null();
    return tasklet_insert_impl(vm, self_t(args[0]));
}

SLPY_SL(tasklet_remove)
{
    Tasklet* t = self_t(args[0]);
    Scheduler& s = S(vm);
    if (t->blocked_on)
        return raise(vm, exc::RuntimeError, "You cannot remove a blocked tasklet.");
    if (t == s.current)
        return raise(vm, exc::RuntimeError, "The current tasklet cannot be removed.");
    s.unlink(t);
    return Value::from_object(t);
}

SLPY_SL(tasklet_run)
{
    bool sf = soft(vm);
    if (!check_nargs(vm, "run", nargs - 1, 0, 0) || !check_no_kwargs(vm, "run", kwnames))
        return Value::null();
    return S(vm).tasklet_run(self_t(args[0]), false, sf);
}

SLPY_SL(tasklet_switch)
{
    bool sf = soft(vm);
    if (!check_nargs(vm, "switch", nargs - 1, 0, 0) || !check_no_kwargs(vm, "switch", kwnames))
        return Value::null();
    return S(vm).tasklet_run(self_t(args[0]), true, sf);
}

// The exception `throw` raises from (exc, val, tb), as the raise statement builds it.
Value make_throw_exception(VM& vm, Value e, Value val, Value tb)
{
    if (!tb.is_null() && !is_none(tb) && type_of(tb) != types.traceback)
        return raise(vm, exc::TypeError, "third argument must be a traceback object");
    Value inst;
    if (as_exception(e)) {
        if (!val.is_null() && !is_none(val))
            return raise(vm, exc::TypeError, "instance exception may not have a separate value");
        inst = e;
    } else if (is_instance_fast(e, types.type) && is_subtype(e.as<TypeObject>(), exc::BaseException)) {
        if (val.is_null() || is_none(val))
            inst = TRY(call(vm, e, nullptr, 0));
        else if (as_exception(val) && is_instance_fast(val, e.as<TypeObject>()))
            inst = val;
        else if (Tuple* tu = as_tuple(val))
            inst = TRY(call(vm, e, tu->items, tu->size));
        else
            inst = TRY(call(vm, e, &val, 1));
    } else {
        return raise_fmt(vm, exc::TypeError, "exceptions must be classes, or instances, not %s", type_name(e));
    }
    if (!tb.is_null() && !is_none(tb))
        if (BaseException* be = as_exception(inst))
            be->traceback = tb;
    return inst;
}

// throw(exc, val=None, tb=None, pending=False) (spec 3.3)
SLPY_SL(tasklet_throw)
{
    bool sf = soft(vm);
    Value a[5];
    if (!parse_args(vm, "throw", args, nargs, kwnames, { "self", "exc", "val", "tb", "pending" }, 2, a, 1))
        return Value::null();
    Value inst = TRY(make_throw_exception(vm, a[1], a[2], a[3]));
    int pending = a[4].is_null() ? 0 : truthy(vm, a[4]);
    if (pending < 0)
        return Value::null();
    return S(vm).tasklet_throw(self_t(args[0]), inst, pending != 0, sf);
}

// raise_exception(exc_class, *args)
SLPY_SL(tasklet_raise_exception)
{
    bool sf = soft(vm);
    if (!check_no_kwargs(vm, "raise_exception", kwnames))
        return Value::null();
    if (nargs < 2)
        return raise(vm, exc::TypeError, "raise_exception() takes at least 1 argument (0 given)");
    Value cls = args[1];
    if (!is_instance_fast(cls, types.type) || !is_subtype(cls.as<TypeObject>(), exc::BaseException))
        return raise(vm, exc::TypeError, "tasklet.raise_exception needs Exception or string subclass as first parameter");
    Value inst = TRY(call(vm, cls, args + 2, nargs - 2));
    return S(vm).tasklet_throw(self_t(args[0]), inst, false, sf);
}

// kill(pending=False)
SLPY_SL(tasklet_kill)
{
    bool sf = soft(vm);
    Value a[2];
    if (!parse_args(vm, "kill", args, nargs, kwnames, { "self", "pending" }, 1, a, 1))
        return Value::null();
    int pending = a[1].is_null() ? 0 : truthy(vm, a[1]);
    if (pending < 0)
        return Value::null();
    Scheduler& s = S(vm);
    Tasklet* t = self_t(args[0]);
    if (!s.alive(t) && t != s.current) {
        s.unblock(t);
        s.unlink(t);
        return py_none();
    }
    Value inst = TRY(call(vm, Value::from_object(s.tasklet_exit), nullptr, 0));
    return s.tasklet_throw(t, inst, pending != 0, sf);
}

SLPY_SL(tasklet_set_atomic)
{
    bool sf = soft(vm);
    if (!check_no_kwargs(vm, "set_atomic", kwnames))
        return Value::null();
    if (nargs != 2)
        return raise(vm, exc::TypeError, "set_atomic needs exactly one bool or integer");
    bool flag;
    if (!int_flag(vm, args[1], "set_atomic needs exactly one bool or integer", flag))
        return Value::null();
    Tasklet* t = self_t(args[0]);
    bool old = t->atomic;
    t->atomic = flag;
    if (!flag && t == S(vm).current)
        return S(vm).fire_deferred(py_bool(old), sf);
    return py_bool(old);
}

SLPY_SL(tasklet_set_ignore_nesting)
{
    if (!check_no_kwargs(vm, "set_ignore_nesting", kwnames))
        return Value::null();
    if (nargs != 2)
        return raise(vm, exc::TypeError, "set_ignore_nesting needs exactly one bool or integer");
    bool flag;
    if (!int_flag(vm, args[1], "set_ignore_nesting needs exactly one bool or integer", flag))
        return Value::null();
    Tasklet* t = self_t(args[0]);
    bool old = t->ignore_nesting;
    t->ignore_nesting = flag;
    return py_bool(old);
}

// bind_thread(thread_id=<current>) [T]: the checks, then nothing to move (one thread).
SLPY_SL(tasklet_bind_thread)
{
    if (kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "bind_thread() takes no keyword arguments");
    if (!check_nargs(vm, "bind_thread", nargs - 1, 0, 1))
        return Value::null();
    Scheduler& s = S(vm);
    Tasklet* t = self_t(args[0]);
    if (nargs < 2)
        return py_none(); // it already belongs to the calling (the only) thread
    if (t->in_queue && !t->blocked_on)
        return raise(vm, exc::RuntimeError, "can't (re)bind a runnable tasklet");
    if (s.nesting_level(t) > 0)
        return raise(vm, exc::RuntimeError, "tasklet has C state on its stack");
    if (!is_none(args[1])) {
        if (!is_int(args[1]))
            return raise_fmt(vm, exc::TypeError, "an integer is required (got type %s)", type_name(args[1]));
        int64_t id = 0;
        bool fits = int_to_i64(int_unwrap(args[1]), id);
        if (!fits || id < 0)
            return raise(vm, exc::OverflowError, "thread id must not be negative");
        if (uint64_t(id) != thread_ident())
            return raise(vm, exc::ValueError, "bad thread");
    }
    return py_none();
}

SLPY_SL(tasklet_reduce)
{
    Scheduler& s = S(vm);
    if (self_t(args[0]) == s.current)
        return raise(vm, exc::RuntimeError, "You cannot __reduce__ the tasklet which is current.");
    if (self_t(args[0])->parked)
        return raise(vm, exc::RuntimeError,
                     "cannot pickle a tasklet that waits on a lock or a timer (a thread's wait is not restorable)");
    return raise(vm, exc::RuntimeError, "pickling tasklets is not implemented yet (the pickling issue)");
}

SLPY_SL(tasklet_setstate) { return raise(vm, exc::RuntimeError, "unpickling tasklets is not implemented yet (the pickling issue)"); }

// ------------------------------------------------------------------ tasklet: attributes

#define T_GET(name) SLPY_SL(name)
T_GET(t_alive) { return py_bool(S(vm).alive(self_t(args[0]))); }
T_GET(t_paused) { return py_bool(S(vm).paused(self_t(args[0]))); }
T_GET(t_blocked) { return py_bool(self_t(args[0])->blocked_on != nullptr); }
T_GET(t_scheduled)
{
    Tasklet* t = self_t(args[0]);
    return py_bool(t->in_queue || t->blocked_on);
}
T_GET(t_restorable) { return py_bool(S(vm).nesting_level(self_t(args[0])) == 0); }
T_GET(t_atomic) { return py_bool(self_t(args[0])->atomic); }
T_GET(t_ignore_nesting) { return py_bool(self_t(args[0])->ignore_nesting); }
T_GET(t_block_trap) { return py_bool(self_t(args[0])->block_trap); }
SLPY_SL(t_set_block_trap)
{
    if (args[1].is_null())
        return raise(vm, exc::TypeError, "block_trap must be set to a bool or integer");
    bool flag;
    if (!int_flag(vm, args[1], "block_trap must be set to a bool or integer", flag))
        return Value::null();
    self_t(args[0])->block_trap = flag;
    return py_none();
}
T_GET(t_frame)
{
    Scheduler& s = S(vm);
    Tasklet* t = self_t(args[0]);
    Frame* f = t == s.current ? vm.interp->current : (t->started ? t->frame : nullptr);
    if (!f)
        return py_none();
    f->captured = true; // visible to Python code now
    return Value::from_object(f);
}
T_GET(t_next)
{
    Scheduler& s = S(vm);
    Tasklet* t = self_t(args[0]);
    if (t->in_queue)
        return Value::from_object(s.queue_next(t));
    if (Channel* ch = t->blocked_on) {
        auto it = ch->waiters.iterator_to(*t);
        ++it;
        return it == ch->waiters.end() ? py_none() : Value::from_object(&*it);
    }
    return py_none();
}
T_GET(t_prev)
{
    Scheduler& s = S(vm);
    Tasklet* t = self_t(args[0]);
    if (t->in_queue)
        return Value::from_object(s.queue_prev(t));
    if (Channel* ch = t->blocked_on) {
        auto it = ch->waiters.iterator_to(*t);
        if (it == ch->waiters.begin())
            return py_none();
        --it;
        return Value::from_object(&*it);
    }
    return py_none();
}
T_GET(t_is_main) { return py_bool(self_t(args[0])->is_main); }
T_GET(t_is_current) { return py_bool(self_t(args[0]) == S(vm).current); }
T_GET(t_thread_id) { return int_from_u64(vm, thread_ident()); }
T_GET(t_nesting_level) { return Value::small_int(S(vm).nesting_level(self_t(args[0]))); }
T_GET(t_recursion_depth)
{
    Scheduler& s = S(vm);
    Tasklet* t = self_t(args[0]);
    if (t == s.current)
        return Value::small_int(vm.interp->depth);
    return Value::small_int(t->started && t->frame ? t->depth : 0);
}
T_GET(t_tempval)
{
    Value v = self_t(args[0])->tempval;
    return v.is_null() ? py_none() : v;
}
SLPY_SL(t_set_tempval)
{
    self_t(args[0])->tempval = args[1].is_null() ? py_none() : args[1];
    return py_none();
}
// trace_function/profile_function: stored only (slpy has no sys.settrace yet), in an
// array made when one is first set, so a tasklet without them carries one word.
Value hook_function(Tasklet* t, int which)
{
    return t->hook_functions ? t->hook_functions->items[which] : py_none();
}
T_GET(t_trace_function) { return hook_function(self_t(args[0]), 0); }
T_GET(t_profile_function) { return hook_function(self_t(args[0]), 1); }
Value set_hook_function(VM& vm, Value const* args, bool trace)
{
    Scheduler& s = S(vm);
    Tasklet* t = self_t(args[0]);
    Value v = args[1].is_null() ? py_none() : args[1];
    if (!is_none(v) && !s.alive(t) && t != s.current)
        return raise(vm, exc::RuntimeError, "tasklet is not alive");
    if (!t->hook_functions) {
        if (is_none(v))
            return py_none();
        ValueArray* a = value_array_new(vm, 2);
        if (!a)
            return Value::null();
        a->items[0] = a->items[1] = py_none();
        t->hook_functions = a;
    }
    t->hook_functions->items[trace ? 0 : 1] = v;
    return py_none();
}
SLPY_SL(t_set_trace_function) { return set_hook_function(vm, args, true); }
SLPY_SL(t_set_profile_function) { return set_hook_function(vm, args, false); }
T_GET(t_channel) { return obj_or_none(self_t(args[0])->blocked_on); }
#undef T_GET

void trace_tasklet(Object* o, Tracer& t)
{
    auto* k = static_cast<Tasklet*>(o);
    t.visit(k->frame);
    t.visit(k->exc_info);
    t.visit(k->tempval);
    t.visit(k->hook_functions);
    t.visit(k->blocked_on);
    t.visit(k->thread_state);
    t.visit(k->park_owner);
}

// ------------------------------------------------------------------ channel

SLPY_SL(channel_new)
{
    auto* cls = args[0].as<TypeObject>();
    auto* c = static_cast<Channel*>(alloc_instance(vm, cls));
    if (!c)
        return Value::null();
    new (&c->waiters) WaitList();
    c->preference = -1;
    return Value::from_object(c);
}

SLPY_SL(channel_init) { return py_none(); }

bool channel_no_kwargs(VM& vm, char const* name, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "%s() takes no keyword arguments", name);
        return false;
    }
    return true;
}

SLPY_SL(channel_send)
{
    bool sf = soft(vm);
    if ((kwnames || nargs != 2) && (!channel_no_kwargs(vm, "send", kwnames) || !check_nargs(vm, "send", nargs - 1, 1, 1)))
        return Value::null();
    return S(vm).channel_action(self_c(args[0]), 1, args[1], sf);
}

SLPY_SL(channel_receive)
{
    bool sf = soft(vm);
    if ((kwnames || nargs != 1) && (!channel_no_kwargs(vm, "receive", kwnames) || !check_nargs(vm, "receive", nargs - 1, 0, 0)))
        return Value::null();
    return S(vm).channel_action(self_c(args[0]), -1, py_none(), sf);
}

SLPY_SL(channel_send_exception)
{
    bool sf = soft(vm);
    if (!channel_no_kwargs(vm, "send_exception", kwnames))
        return Value::null();
    if (nargs < 2)
        return raise(vm, exc::TypeError, "send_exception() takes at least 1 argument (0 given)");
    Value cls = args[1];
    if (!is_instance_fast(cls, types.type) || !is_subtype(cls.as<TypeObject>(), exc::BaseException))
        return raise(vm, exc::TypeError, "channel.send_exception needs Exception or string subclass as first parameter");
    Value inst = TRY(call(vm, cls, args + 2, nargs - 2));
    Scheduler& s = S(vm);
    Bomb* b = s.make_bomb(inst);
    if (!b)
        return Value::null();
    return s.channel_action(self_c(args[0]), 1, Value::from_object(b), sf);
}

SLPY_SL(channel_send_throw)
{
    bool sf = soft(vm);
    if (!channel_no_kwargs(vm, "send_throw", kwnames) || !check_nargs(vm, "send_throw", nargs - 1, 1, 3))
        return Value::null();
    Value inst = TRY(make_throw_exception(vm, args[1], nargs > 2 ? args[2] : Value::null(), nargs > 3 ? args[3] : Value::null()));
    Scheduler& s = S(vm);
    Bomb* b = s.make_bomb(inst);
    if (!b)
        return Value::null();
    return s.channel_action(self_c(args[0]), 1, Value::from_object(b), sf);
}

Value channel_iternext(VM& vm, Value self)
{
    bool sf = soft(vm);
    Channel* c = self_c(self);
    if (c->closing && c->balance <= 0)
        return Value::stop_iteration();
    return S(vm).channel_action(c, -1, py_none(), sf);
}

SLPY_SL(channel_next)
{
    bool sf = soft(vm);
    Channel* c = self_c(args[0]);
    if (c->closing && c->balance <= 0)
        return raise_with_args(vm, exc::StopIteration, nullptr);
    return S(vm).channel_action(c, -1, py_none(), sf);
}

SLPY_SL(channel_iter) { return args[0]; }

SLPY_SL(channel_close)
{
    self_c(args[0])->closing = true;
    return py_none();
}

SLPY_SL(channel_open)
{
    self_c(args[0])->closing = false;
    return py_none();
}

SLPY_SL(channel_reduce) { return raise(vm, exc::RuntimeError, "pickling channels is not implemented yet (the pickling issue)"); }

SLPY_SL(c_balance) { return int_from_i64(vm, self_c(args[0])->balance); }
SLPY_SL(c_queue)
{
    Channel* c = self_c(args[0]);
    return c->waiters.empty() ? py_none() : Value::from_object(&c->waiters.front());
}
SLPY_SL(c_preference) { return Value::small_int(self_c(args[0])->preference); }
SLPY_SL(c_set_preference)
{
    Value v = args[1];
    if (v.is_null() || !is_int(v))
        return raise(vm, exc::TypeError, "preference must be set to an integer");
    Value sign = TRY(rich_compare(vm, int_unwrap(v), Value::small_int(0), CmpArg::GT));
    Value neg = TRY(rich_compare(vm, int_unwrap(v), Value::small_int(0), CmpArg::LT));
    self_c(args[0])->preference = int8_t(sign.is(py_true()) ? 1 : neg.is(py_true()) ? -1 : 0);
    return py_none();
}
SLPY_SL(c_schedule_all) { return Value::small_int(self_c(args[0])->schedule_all ? 1 : 0); }
SLPY_SL(c_set_schedule_all)
{
    bool flag;
    if (args[1].is_null() || !int_flag(vm, args[1], "preference must be set to a bool or integer", flag)) {
        if (!vm.has_error())
            raise(vm, exc::TypeError, "preference must be set to a bool or integer");
        return Value::null();
    }
    self_c(args[0])->schedule_all = flag;
    return py_none();
}
SLPY_SL(c_closing) { return py_bool(self_c(args[0])->closing); }
SLPY_SL(c_closed)
{
    Channel* c = self_c(args[0]);
    return py_bool(c->closing && c->balance == 0);
}

void trace_channel(Object* o, Tracer& t)
{
    auto* c = static_cast<Channel*>(o);
    for (Tasklet& w : c->waiters)
        t.visit(&w);
}

// ------------------------------------------------------------------ bomb

SLPY_SL(bomb_new)
{
    auto* cls = args[0].as<TypeObject>();
    Value a[4];
    if (!parse_args(vm, "bomb", args, nargs, kwnames, { "cls", "type", "value", "traceback" }, 1, a, 1))
        return Value::null();
    auto* b = static_cast<Bomb*>(alloc_instance(vm, cls));
    if (!b)
        return Value::null();
    Value ty = a[1].is_null() ? py_none() : a[1];
    Value va = a[2].is_null() ? py_none() : a[2];
    Value tb = a[3].is_null() ? py_none() : a[3];
    if (nargs == 2 && !kwnames) {
        if (Tuple* tu = as_tuple(ty)) {
            ty = tu->size > 0 ? tu->items[0] : py_none();
            va = tu->size > 1 ? tu->items[1] : py_none();
            tb = tu->size > 2 ? tu->items[2] : py_none();
        }
    }
    b->type = ty;
    b->value = va;
    b->traceback = tb;
    return Value::from_object(b);
}

SLPY_SL(bomb_init) { return py_none(); }
SLPY_SL(b_type) { return args[0].as<Bomb>()->type; }
SLPY_SL(b_value) { return args[0].as<Bomb>()->value; }
SLPY_SL(b_traceback) { return args[0].as<Bomb>()->traceback; }

void trace_bomb(Object* o, Tracer& t)
{
    auto* b = static_cast<Bomb*>(o);
    t.visit(b->type);
    t.visit(b->value);
    t.visit(b->traceback);
}

// ------------------------------------------------------------------ module functions

// run(timeout=0, threadblock=False, soft=False, ignore_nesting=False, totaltimeout=False)
SLPY_SL(sl_run)
{
    bool sf = soft(vm);
    Value a[5];
    if (!parse_args(vm, "run", args, nargs, kwnames, { "timeout", "threadblock", "soft", "ignore_nesting", "totaltimeout" }, 0, a))
        return Value::null();
    int64_t timeout = 0;
    if (!a[0].is_null()) {
        if (!is_int(a[0]))
            return raise_fmt(vm, exc::TypeError, "integer argument expected, got %s", type_name(a[0]));
        if (!int_to_i64(int_unwrap(a[0]), timeout))
            timeout = INT64_MAX;
    }
    bool flags[4] = {};
    for (int i = 1; i < 5; ++i) {
        if (a[i].is_null())
            continue;
        int r = truthy(vm, a[i]);
        if (r < 0)
            return Value::null();
        flags[i - 1] = r != 0;
    }
    Scheduler& s = S(vm);
    return s.run_watchdog(s.timed_watchdog ? 0 : timeout, flags[1], flags[2], flags[3], sf);
}

Value schedule_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool remove, bool sf)
{
    Value a[1];
    if (!parse_args(vm, remove ? "schedule_remove" : "schedule", args, nargs, kwnames, { "retval" }, 0, a))
        return Value::null();
    Scheduler& s = S(vm);
    Value retval = a[0].is_null() ? Value::from_object(s.current) : a[0];
    return s.schedule(retval, remove, sf);
}

SLPY_SL(sl_schedule)
{
    bool sf = soft(vm);
    return schedule_common(vm, args, nargs, kwnames, false, sf);
}

SLPY_SL(sl_schedule_remove)
{
    bool sf = soft(vm);
    return schedule_common(vm, args, nargs, kwnames, true, sf);
}

bool no_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    return check_no_kwargs(vm, name, kwnames) && check_nargs(vm, name, nargs, 0, 0);
}

SLPY_SL(sl_getcurrent)
{
    if (!no_args(vm, "getcurrent", nargs, kwnames))
        return Value::null();
    return Value::from_object(S(vm).current);
}

SLPY_SL(sl_getmain)
{
    if (!no_args(vm, "getmain", nargs, kwnames))
        return Value::null();
    return Value::from_object(S(vm).main);
}

SLPY_SL(sl_getruncount)
{
    if (!no_args(vm, "getruncount", nargs, kwnames))
        return Value::null();
    return int_from_i64(vm, int64_t(S(vm).runcount()));
}

SLPY_SL(sl_getcurrentid)
{
    if (!no_args(vm, "getcurrentid", nargs, kwnames))
        return Value::null();
    Scheduler& s = S(vm);
    if (s.current == s.main)
        return int_from_u64(vm, thread_ident());
    return int_from_u64(vm, uint64_t(reinterpret_cast<uintptr_t>(s.current)));
}

// slpy's own, for tests (not in __all__): how many carriers are pinned under the native
// code of a blocked tasklet (scheduler/README.md "Carriers").
SLPY_SL(sl_pinned_carriers)
{
    if (!no_args(vm, "_pinned_carriers", nargs, kwnames))
        return Value::null();
    Scheduler& s = S(vm);
    int64_t n = 0;
    for (size_t i = 0; s.carriers && i < s.carriers->size(); ++i)
        n += s.carriers->at(i)->owner != nullptr;
    return int_from_i64(vm, n);
}

SLPY_SL(sl_get_thread_info)
{
    if (!check_no_kwargs(vm, "get_thread_info", kwnames) || !check_nargs(vm, "get_thread_info", nargs, 0, 2))
        return Value::null();
    if (nargs >= 1 && !is_none(args[0])) {
        int64_t id = 0;
        if (!is_int(args[0]) || !int_to_i64(int_unwrap(args[0]), id) || uint64_t(id) != thread_ident())
            return raise(vm, exc::RuntimeError, "Thread id not found");
    }
    Scheduler& s = S(vm);
    Value items[3] = { Value::from_object(s.main), Value::from_object(s.current), int_from_i64(vm, int64_t(s.runcount())) };
    Tuple* tu = tuple_from_array(vm, items, 3);
    return tu ? Value::from_object(tu) : Value::null();
}

SLPY_SL(sl_getthreads)
{
    List* l = list_new(vm);
    if (!l || !list_append(vm, l, int_from_u64(vm, thread_ident())))
        return Value::null();
    return Value::from_object(l);
}

SLPY_SL(sl_getdebug) { return py_false(); }

SLPY_SL(sl_getuncollectables)
{
    List* l = list_new(vm);
    if (!l)
        return Value::null();
    return Value::from_object(l);
}

SLPY_SL(sl_enable_softswitch)
{
    if (!check_no_kwargs(vm, "enable_softswitch", kwnames) || !check_nargs(vm, "enable_softswitch", nargs, 1, 1))
        return Value::null();
    Scheduler& s = S(vm);
    bool old = s.softswitch;
    if (!is_none(args[0])) {
        int r = truthy(vm, args[0]);
        if (r < 0)
            return Value::null();
        s.softswitch = r != 0; // stored only: slpy always switches soft (spec 2.7)
    }
    return py_bool(old);
}

SLPY_SL(sl_switch_trap)
{
    Value a[1];
    if (!parse_args(vm, "switch_trap", args, nargs, kwnames, { "change" }, 0, a))
        return Value::null();
    int64_t change = 0;
    if (!a[0].is_null()) {
        if (!is_int(a[0]) || !int_to_i64(int_unwrap(a[0]), change))
            return raise_fmt(vm, exc::TypeError, "an integer is required (got type %s)", type_name(a[0]));
    }
    Scheduler& s = S(vm);
    int old = s.switch_trap;
    s.switch_trap += int(change);
    return Value::small_int(old);
}

Value set_callback(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, Value& slot, char const* name, char const* msg)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 0, 1))
        return Value::null();
    Value v = nargs ? args[0] : py_none();
    if (!is_none(v) && !is_callable(v))
        return raise(vm, exc::TypeError, msg);
    Value old = slot.is_null() ? py_none() : slot;
    slot = is_none(v) ? Value::null() : v;
    return old;
}

SLPY_SL(sl_set_channel_callback)
{
    return set_callback(vm, args, nargs, kwnames, S(vm).channel_callback, "set_channel_callback", "channel callback must be callable");
}
SLPY_SL(sl_get_channel_callback)
{
    Value v = S(vm).channel_callback;
    return v.is_null() ? py_none() : v;
}
SLPY_SL(sl_set_schedule_callback)
{
    return set_callback(vm, args, nargs, kwnames, S(vm).schedule_callback, "set_schedule_callback", "schedule callback must be callable");
}
SLPY_SL(sl_get_schedule_callback)
{
    Value v = S(vm).schedule_callback;
    return v.is_null() ? py_none() : v;
}
SLPY_SL(sl_set_error_handler)
{
    Scheduler& s = S(vm);
    if (!check_no_kwargs(vm, "set_error_handler", kwnames) || !check_nargs(vm, "set_error_handler", nargs, 0, 1))
        return Value::null();
    Value v = nargs ? args[0] : py_none();
    Value old = s.error_handler.is_null() ? py_none() : s.error_handler;
    s.error_handler = is_none(v) ? Value::null() : v;
    return old;
}

// pickle_flags(new_flags=-1, mask=-1) and pickle_flags_default (spec 2.8)
Value pickle_flags_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, int64_t& slot, char const* name,
                          char const* n1)
{
    Value a[2];
    if (!parse_args(vm, name, args, nargs, kwnames, { n1, "mask" }, 0, a))
        return Value::null();
    int64_t nf = -1, mask = -1;
    for (int i = 0; i < 2; ++i) {
        if (a[i].is_null())
            continue;
        if (!is_int(a[i]))
            return raise_fmt(vm, exc::TypeError, "an integer is required (got type %s)", type_name(a[i]));
        int64_t v;
        if (!int_to_i64(int_unwrap(a[i]), v))
            return raise(vm, exc::ValueError, "you must not set an undefined pickle-flag");
        (i == 0 ? nf : mask) = v;
    }
    int64_t old = slot;
    if (nf == -1)
        return int_from_i64(vm, old);
    if (nf < -1 || (nf & ~int64_t(7)))
        return raise(vm, exc::ValueError, "you must not set an undefined pickle-flag");
    slot = (old & ~mask) | (nf & mask);
    return int_from_i64(vm, old);
}

SLPY_SL(sl_pickle_flags) { return pickle_flags_common(vm, args, nargs, kwnames, S(vm).pickle_flags, "pickle_flags", "new_flags"); }
SLPY_SL(sl_pickle_flags_default)
{
    return pickle_flags_common(vm, args, nargs, kwnames, S(vm).pickle_flags_default, "pickle_flags_default", "new_default");
}

// ---- the module properties (spec 2.1): getters of the module's own type
SLPY_SL(mp_current) { return Value::from_object(S(vm).current); }
SLPY_SL(mp_main) { return Value::from_object(S(vm).main); }
SLPY_SL(mp_runcount) { return int_from_i64(vm, int64_t(S(vm).runcount())); }
SLPY_SL(mp_threads) { return sl_getthreads(vm, nullptr, 0, nullptr); }
SLPY_SL(mp_debug) { return py_false(); }
SLPY_SL(mp_uncollectables) { return sl_getuncollectables(vm, nullptr, 0, nullptr); }
SLPY_SL(mp_pwts) { return py_bool(S(vm).pickle_flags & 1); }
SLPY_SL(mp_set_pwts)
{
    Scheduler& s = S(vm);
    int r = args[1].is_null() ? 0 : truthy(vm, args[1]);
    if (r < 0)
        return Value::null();
    s.pickle_flags = r ? (s.pickle_flags | 1) : (s.pickle_flags & ~int64_t(1));
    s.pickle_flags_default = r ? (s.pickle_flags_default | 1) : (s.pickle_flags_default & ~int64_t(1));
    return py_none();
}
SLPY_SL(mp_reduce) { return str_value(vm, "stackless"); }

// Python-level pieces: the boot helper that starts a tasklet with a non-Python callable,
// channel.send_sequence (each send may switch, so it runs as frames of the loop), and
// atomic, whose __enter__/__exit__ only flip the current tasklet's flag.
constexpr char const* kPythonPart = R"PY(
def _tasklet_boot(func, args, kwargs):
    return func(*args, **kwargs)

def send_sequence(self, *args, **kwargs):
    if kwargs:
        raise TypeError("send_sequence() takes no keyword arguments")
    if len(args) != 1:
        raise TypeError("send_sequence() takes exactly one argument (%d given)" % len(args))
    seq = args[0]
    n = 0
    for item in seq:
        self.send(item)
        n += 1
    return n

class atomic(object):
    __slots__ = ('_prev',)
    def __enter__(self):
        self._prev = _getcurrent().set_atomic(True)
    def __exit__(self, *exc):
        _getcurrent().set_atomic(self._prev)
)PY";

} // namespace

Scheduler* ensure_scheduler(VM& vm)
{
    Interpreter& in = *vm.interp;
    if (!in.sched) {
        in.sched = new Scheduler(in);
    }
    Scheduler& s = *in.sched;

    if (!s.tasklet_type) {
        TypeObject* t = make_builtin_type(vm, "tasklet", nullptr, sizeof(Tasklet), TF_BASETYPE, trace_tasklet);
        (void)dict_set_str(vm, t->dict, names.__module__, str_value(vm, "_stackless"));
        add_methods(vm, t,
                    {
                        { "__new__", tasklet_new, METH_STATIC },
                        { "__init__", tasklet_init },
                        { "bind", tasklet_bind },
                        { "setup", tasklet_setup },
                        { "__call__", tasklet_setup },
                        { "insert", tasklet_insert },
                        { "remove", tasklet_remove },
                        { "run", tasklet_run, METH_SWITCH },
                        { "switch", tasklet_switch, METH_SWITCH },
                        { "kill", tasklet_kill, METH_SWITCH },
                        { "throw", tasklet_throw, METH_SWITCH },
                        { "raise_exception", tasklet_raise_exception, METH_SWITCH },
                        { "set_atomic", tasklet_set_atomic, METH_SWITCH },
                        { "set_ignore_nesting", tasklet_set_ignore_nesting },
                        { "bind_thread", tasklet_bind_thread },
                        { "__reduce__", tasklet_reduce },
                        { "__reduce_ex__", tasklet_reduce },
                        { "__setstate__", tasklet_setstate },
                    });
        add_getsets(vm, t,
                    {
                        { "alive", t_alive },
                        { "paused", t_paused },
                        { "blocked", t_blocked },
                        { "scheduled", t_scheduled },
                        { "restorable", t_restorable },
                        { "atomic", t_atomic },
                        { "ignore_nesting", t_ignore_nesting },
                        { "block_trap", t_block_trap, t_set_block_trap },
                        { "frame", t_frame },
                        { "next", t_next },
                        { "prev", t_prev },
                        { "is_main", t_is_main },
                        { "is_current", t_is_current },
                        { "thread_id", t_thread_id },
                        { "nesting_level", t_nesting_level },
                        { "recursion_depth", t_recursion_depth },
                        { "tempval", t_tempval, t_set_tempval },
                        { "trace_function", t_trace_function, t_set_trace_function },
                        { "profile_function", t_profile_function, t_set_profile_function },
                        { "_channel", t_channel },
                    });
        // Weak references to tasklets and channels are allowed, as in Stackless (its C
        // objects have a weakref list): a registry of tasklets that does not keep them alive.
        t->tflags |= TF_LAYOUT_WEAKREF;
        t->vectorcall = tasklet_vectorcall;
        finish_builtin_type(vm, t);
        s.tasklet_type = t;

        TypeObject* c = make_builtin_type(vm, "channel", nullptr, sizeof(Channel), TF_BASETYPE, trace_channel);
        (void)dict_set_str(vm, c->dict, names.__module__, str_value(vm, "_stackless"));
        add_methods(vm, c,
                    {
                        { "__new__", channel_new, METH_STATIC },
                        { "__init__", channel_init },
                        { "send", channel_send, METH_SWITCH },
                        { "receive", channel_receive, METH_SWITCH },
                        { "send_exception", channel_send_exception, METH_SWITCH },
                        { "send_throw", channel_send_throw, METH_SWITCH },
                        { "__iter__", channel_iter },
                        { "__next__", channel_next, METH_SWITCH },
                        { "close", channel_close },
                        { "open", channel_open },
                        { "__reduce__", channel_reduce },
                        { "__reduce_ex__", channel_reduce },
                    });
        add_getsets(vm, c,
                    {
                        { "balance", c_balance },
                        { "queue", c_queue },
                        { "preference", c_preference, c_set_preference },
                        { "schedule_all", c_schedule_all, c_set_schedule_all },
                        { "closing", c_closing },
                        { "closed", c_closed },
                    });
        c->iternext = channel_iternext;
        c->tflags |= TF_LAYOUT_WEAKREF;
        finish_builtin_type(vm, c);
        s.channel_type = c;
        in.switch_iternext = channel_iternext;

        TypeObject* b = make_builtin_type(vm, "bomb", nullptr, sizeof(Bomb), TF_BASETYPE, trace_bomb);
        (void)dict_set_str(vm, b->dict, names.__module__, str_value(vm, "_stackless"));
        add_methods(vm, b, { { "__new__", bomb_new, METH_STATIC }, { "__init__", bomb_init } });
        add_getsets(vm, b, { { "type", b_type }, { "value", b_value }, { "traceback", b_traceback } });
        finish_builtin_type(vm, b);
        s.bomb_type = b;

        TypeObject* te = make_builtin_type(vm, "TaskletExit", exc::SystemExit, exc::SystemExit->basicsize,
                                           exc::SystemExit->flags | TF_BASETYPE, exc::SystemExit->trace, exc::SystemExit->finalize);
        (void)dict_set_str(vm, te->dict, names.__module__, str_value(vm, "builtins"));
        finish_builtin_type(vm, te);
        s.tasklet_exit = te;
        (void)dict_set_str(vm, in.builtins, intern(vm, "TaskletExit"), Value::from_object(te));

        if (!s.init_main())
            return nullptr;
    }
    if (!s.boot) {
        // The Python-level part, run in a namespace of its own.
        Dict* ns = dict_new(vm);
        if (!ns)
            return nullptr;
        (void)dict_set_str(vm, ns, names.__name__, str_value(vm, "_stackless"));
        Value getcurrent = Value::from_object(builtin_function_new(vm, "getcurrent", sl_getcurrent, Value::null(), nullptr));
        (void)dict_set_str(vm, ns, intern(vm, "_getcurrent"), getcurrent);
        Value code = compile_to_code(vm, kPythonPart, "<stackless>", parser::Mode::Exec, 0);
        if (code.is_null())
            return nullptr;
        if (in.exec_code(code.as<Code>(), ns, Value::null()).is_null())
            return nullptr;
        s.boot = dict_get_str(vm, ns, intern(vm, "_tasklet_boot")).as<Function>();
        (void)dict_set_str(vm, s.channel_type->dict, intern(vm, "send_sequence"), dict_get_str(vm, ns, intern(vm, "send_sequence")));
        type_modified(s.channel_type);
        s.atomic_type = dict_get_str(vm, ns, intern(vm, "atomic")).as<TypeObject>();
        (void)dict_set_str(vm, s.atomic_type->dict, names.__module__, str_value(vm, "_stackless"));
    }
    return &s;
}

Module* make_stackless_module(VM& vm)
{
    if (!ensure_scheduler(vm))
        return nullptr;
    Scheduler& s = *vm.interp->sched;

    // The module is an instance of a module subclass, so that current, main, runcount,
    // ... are computed at every access (spec 2.1).
    TypeObject* mt = make_builtin_type(vm, "stackless_module", types.module, types.module->basicsize, types.module->flags & ~TF_BASETYPE,
                                       types.module->trace, types.module->finalize);
    add_getsets(vm, mt,
                {
                    { "current", mp_current },
                    { "main", mp_main },
                    { "runcount", mp_runcount },
                    { "threads", mp_threads },
                    { "debug", mp_debug },
                    { "uncollectables", mp_uncollectables },
                    { "pickle_with_tracing_state", mp_pwts, mp_set_pwts },
                });
    add_methods(vm, mt, { { "__reduce__", mp_reduce } });
    finish_builtin_type(vm, mt);

    Module* m = module_new(vm, "stackless");
    m->type = mt;
    // Not module_add_functions: its functions keep the module as `self`, and a module of
    // a subclass would then be passed to them as an argument.
    for (MethodDef const& def : std::initializer_list<MethodDef>{
                             { "run", sl_run },
                             { "schedule", sl_schedule },
                             { "schedule_remove", sl_schedule_remove },
                             { "getcurrent", sl_getcurrent },
                             { "getmain", sl_getmain },
                             { "getruncount", sl_getruncount },
                             { "getcurrentid", sl_getcurrentid },
                             { "_pinned_carriers", sl_pinned_carriers },
                             { "get_thread_info", sl_get_thread_info },
                             { "getthreads", sl_getthreads },
                             { "getdebug", sl_getdebug },
                             { "getuncollectables", sl_getuncollectables },
                             { "enable_softswitch", sl_enable_softswitch },
                             { "switch_trap", sl_switch_trap },
                             { "set_channel_callback", sl_set_channel_callback },
                             { "get_channel_callback", sl_get_channel_callback },
                             { "set_schedule_callback", sl_set_schedule_callback },
                             { "get_schedule_callback", sl_get_schedule_callback },
                             { "set_error_handler", sl_set_error_handler },
                             { "pickle_flags", sl_pickle_flags },
                             { "pickle_flags_default", sl_pickle_flags_default },
                         }) {
        BuiltinFunction* f = builtin_function_new(vm, def.name, def.fn, Value::null(), def.doc);
        if (def.fn == sl_run || def.fn == sl_schedule || def.fn == sl_schedule_remove)
            f->mflags |= METH_SWITCH;
        module_add(vm, m, def.name, Value::from_object(f));
    }
    module_add(vm, m, "tasklet", Value::from_object(s.tasklet_type));
    module_add(vm, m, "channel", Value::from_object(s.channel_type));
    module_add(vm, m, "bomb", Value::from_object(s.bomb_type));
    module_add(vm, m, "TaskletExit", Value::from_object(s.tasklet_exit));
    module_add(vm, m, "stackless", Value::from_object(m));
    module_add(vm, m, "PICKLEFLAGS_PRESERVE_TRACING_STATE", Value::small_int(1));
    module_add(vm, m, "PICKLEFLAGS_PRESERVE_AG_FINALIZER", Value::small_int(2));
    module_add(vm, m, "PICKLEFLAGS_RESET_AG_FINALIZER", Value::small_int(4));

    module_add(vm, m, "atomic", Value::from_object(s.atomic_type));

    static char const* const kAll[] = { "atomic", "channel", "tasklet", "stackless", "run", "schedule", "schedule_remove",
                                         "getcurrent", "getmain", "getruncount", "get_thread_info", "getcurrentid",
                                         "enable_softswitch", "switch_trap", "set_channel_callback", "get_channel_callback",
                                         "set_schedule_callback", "get_schedule_callback", "set_error_handler", "getthreads",
                                         "getdebug", "getuncollectables" };
    List* all = list_new(vm);
    for (char const* n : kAll)
        (void)list_append(vm, all, str_value(vm, n));
    module_add(vm, m, "__all__", Value::from_object(all));
    return m;
}

} // namespace slpy
