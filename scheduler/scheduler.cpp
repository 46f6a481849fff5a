// The scheduler: the run queue, switching, channels' send/receive algorithm, the
// watchdog stack and preemption (scheduler.h, spec stackless-api.md §3-§5).
#include "scheduler/scheduler.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/opcodes.h"

#include <cstdio>

namespace slpy {

Scheduler* scheduler_of(VM& vm) { return vm.interp ? vm.interp->sched : nullptr; }

bool is_tasklet_exit(VM& vm, Value e)
{
    Scheduler* s = scheduler_of(vm);
    return s && s->tasklet_exit && is_instance_fast(e, s->tasklet_exit);
}

Scheduler::Scheduler(Interpreter& i) : in(i), vm(i.vm) {}

bool Scheduler::init_main()
{
    auto* t = static_cast<Tasklet*>(alloc_instance(vm, tasklet_type));
    if (!t)
        return false;
    new (&t->run_hook) TaskletHook();
    new (&t->wait_hook) TaskletHook();
    t->tempval = py_none();
    t->is_main = true;
    t->started = true;
    main = t;
    current = t;
    append(t);
    return true;
}

void Scheduler::trace(Tracer& t)
{
    t.visit(main);
    t.visit(current);
    t.visit(m_target);
    t.visit(timed_watchdog);
    t.visit(boot);
    for (Tasklet& q : queue)
        t.visit(&q);
    for (Tasklet* w : watchdogs)
        t.visit(w);
    t.visit(channel_callback);
    t.visit(schedule_callback);
    t.visit(error_handler);
}

int Scheduler::nesting_level(Tasklet const* t) const
{
    // Suspended tasklets never keep native frames (there are no carriers yet): only the
    // running one can be inside a native re-entry.
    return t == current ? in.nesting > 0 ? in.nesting - 1 : 0 : 0;
}

// ------------------------------------------------------------------ the queue

Tasklet* Scheduler::queue_next(Tasklet* t)
{
    auto it = queue.iterator_to(*t);
    ++it;
    if (it == queue.end())
        it = queue.begin();
    return &*it;
}

Tasklet* Scheduler::queue_prev(Tasklet* t)
{
    auto it = queue.iterator_to(*t);
    if (it == queue.begin())
        it = queue.end();
    --it;
    return &*it;
}

void Scheduler::append(Tasklet* t)
{
    queue.push_back(*t);
    t->in_queue = true;
    ++m_count;
}

void Scheduler::unlink(Tasklet* t)
{
    if (!t->in_queue)
        return;
    queue.erase(queue.iterator_to(*t));
    t->in_queue = false;
    --m_count;
}

void Scheduler::make_head(Tasklet* t)
{
    // The queue is a circle read from its head: moving the run before t to the end is
    // the rotation that makes t the head (O(1) splice; the list keeps no size).
    auto it = queue.iterator_to(*t);
    if (it != queue.begin())
        queue.splice(queue.end(), queue, queue.begin(), it);
}

void Scheduler::unblock(Tasklet* t)
{
    Channel* ch = t->blocked_on;
    if (!ch)
        return;
    ch->waiters.erase(ch->waiters.iterator_to(*t));
    ch->balance -= t->block_dir;
    t->blocked_on = nullptr;
    t->block_dir = 0;
}

// ------------------------------------------------------------------ switching

std::string Scheduler::native_below()
{
    // The innermost frame entered from native code: the native is the callable of the
    // CALL its caller is executing. Without such a frame the native was called by
    // another native straight from the loop's call (e.g. list(map(schedule, ...))).
    Frame* f = in.current;
    while (f && f->return_mode != ReturnMode::Entry && f->return_mode != ReturnMode::TaskletEnd && f->back)
        f = f->back;
    Frame* caller = (f && f->return_mode == ReturnMode::Entry) ? f->back : in.current;
    if (in.nesting <= 1)
        caller = in.current;
    if (!caller || caller->lasti >= caller->code->ncode)
        return "a native function";
    CodeWord w = caller->code->words()[caller->lasti];
    Op op = word_op(w);
    Value callable = Value::null();
    if (op == Op::CALL) {
        uint32_t n = word_arg(w);
        Value* base = caller->localsplus + caller->stack_top - n - 2;
        callable = !base[0].is_null() ? base[0] : base[1];
    } else if (op == Op::CALL_FUNCTION_EX) {
        Value* top = caller->localsplus + caller->stack_top;
        callable = top[(word_arg(w) & 1) ? -3 : -2];
    } else if (op == Op::FOR_ITER) {
        return "the iterator of a for loop";
    }
    if (!callable.is_null() && callable.is_object()) {
        TypeObject* ct = type_of(callable);
        if (ct == types.builtin_function || ct == types.method_descriptor)
            return callable.as<BuiltinFunction>()->name->c_str();
        if (ct == types.type || is_subtype(ct, types.type))
            return callable.as<TypeObject>()->name->c_str();
        if (ct == types.method) {
            Value fn = callable.as<BoundMethod>()->func;
            if (type_of(fn) == types.builtin_function || type_of(fn) == types.method_descriptor)
                return fn.as<BuiltinFunction>()->name->c_str();
        }
    }
    return "a native function";
}

bool Scheduler::check_switch(bool soft, char const* what)
{
    if (switch_trap) {
        raise(vm, exc::RuntimeError, "switch_trap");
        return false;
    }
    if (in_schedule_callback) {
        raise(vm, exc::RuntimeError, "the schedule callback must not switch tasklets");
        return false;
    }
    if (!soft || in.nesting != 1) {
        std::string name = native_below();
        raise_fmt(vm, exc::RuntimeError, "%s: switching inside native call '%s' needs carriers, not implemented yet", what,
                  name.c_str());
        return false;
    }
    return true;
}

Value Scheduler::switch_to(Tasklet* next)
{
    if (next == current)
        return take_tempval(current);
    m_target = next;
    return Value::not_found();
}

Value Scheduler::take_tempval(Tasklet* t)
{
    Value v = t->tempval;
    t->tempval = py_none();
    if (v.is_null())
        return py_none();
    if (is_bomb(v))
        return explode(v);
    return v;
}

static void report_callback_error(Interpreter& in, char const* what)
{
    Value e = in.vm.take_error();
    std::fprintf(stderr, "Exception ignored in: '%s'\n", what);
    std::fflush(stderr);
    in.print_exception(e);
    in.vm.clear_error();
}

void Scheduler::complete_switch(bool in_call)
{
    Tasklet* prev = current;
    Tasklet* next = m_target;
    m_target = nullptr;
    if (soft_due && timed_watchdog && next != timed_watchdog && paused(timed_watchdog)) {
        // Soft preemption: the watchdog is linked in before `next` and runs instead; its
        // run() returns None and `next` stays first in the next round.
        soft_due = false;
        Tasklet* w = timed_watchdog;
        w->tempval = py_none();
        queue.insert(queue.iterator_to(*next), *w);
        w->in_queue = true;
        ++m_count;
        make_head(w);
        next = w;
    }
    if (!schedule_callback.is_null() && prev != next) {
        // Run while prev is still current, with prev's exception state (spec 2.5).
        in_schedule_callback = true;
        Value saved = vm.take_error();
        Value args[2] = { Value::from_object(prev), Value::from_object(next) };
        if (call(vm, schedule_callback, args, 2).is_null())
            report_callback_error(in, "Error in scheduling callback");
        vm.restore_error(saved);
        in_schedule_callback = false;
    }
    prev->frame = in.current;
    prev->depth = in.depth;
    prev->exc_info = in.exc_info;
    prev->in_call = in_call && prev->frame;
    Frame* f = next->frame;
    if (!next->started) {
        // A set-up tasklet's bottom frame starts: the one return mode that ends a tasklet.
        f->back = nullptr;
        f->return_mode = ReturnMode::TaskletEnd;
        f->state = FrameState::Running;
        next->depth = 1;
        next->started = true;
    }
    in.current = f;
    in.depth = next->depth;
    in.exc_info = next->exc_info;
    next->frame = nullptr;
    next->exc_info = Value::null();
    current = next;
    if (!watchdogs.empty()) {
        // A resumed run() caller returns: it and every watchdog above it leave the stack;
        // those not scheduled become runnable again (spec 5.4).
        size_t i = watchdogs.size();
        while (i > 0 && watchdogs[i - 1] != next)
            --i;
        if (i > 0) {
            for (size_t j = i; j < watchdogs.size(); ++j) {
                Tasklet* w = watchdogs[j];
                if (!w->in_queue && !w->blocked_on && alive(w))
                    append(w);
                if (w == timed_watchdog)
                    stop_preemption();
            }
            if (next == timed_watchdog)
                stop_preemption();
            watchdogs.resize(i - 1);
        }
    }
    if (timed_watchdog && !total_timeout)
        arm_budget();
}

int Scheduler::resume_value(Value* out)
{
    Tasklet* t = current;
    Value tv = t->tempval;
    if (!tv.is_null() && is_bomb(tv)) {
        t->tempval = py_none();
        t->in_call = false;
        explode(tv);
        return -1;
    }
    if (!t->in_call)
        return 0;
    t->in_call = false;
    t->tempval = py_none();
    *out = tv.is_null() ? py_none() : tv;
    return 1;
}

// ------------------------------------------------------------------ bombs

Bomb* Scheduler::make_bomb(Value e)
{
    auto* b = static_cast<Bomb*>(alloc_instance(vm, bomb_type));
    if (!b)
        return nullptr;
    BaseException* be = as_exception(e);
    b->type = Value::from_object(type_of(e));
    b->value = e;
    b->traceback = be && !be->traceback.is_null() ? be->traceback : py_none();
    return b;
}

Value Scheduler::explode(Value bv)
{
    Bomb* b = bv.as<Bomb>();
    Value v = b->value;
    if (v.is_null() || is_none(v) || !as_exception(v)) {
        // A bomb made from a class (and maybe arguments): instantiate it now.
        Value t = b->type;
        if (t.is_null() || is_none(t))
            return raise(vm, exc::TypeError, "exceptions must derive from BaseException");
        if (as_exception(t))
            v = t;
        else if (is_instance_fast(t, types.type) && is_subtype(t.as<TypeObject>(), exc::BaseException)) {
            if (v.is_null() || is_none(v))
                v = TRY(call(vm, t, nullptr, 0));
            else if (Tuple* tu = as_tuple(v))
                v = TRY(call(vm, t, tu->items, tu->size));
            else
                v = TRY(call(vm, t, &v, 1));
        } else {
            return raise(vm, exc::TypeError, "exceptions must derive from BaseException");
        }
    }
    BaseException* be = as_exception(v);
    if (be && !is_none(b->traceback) && !b->traceback.is_null() && be->traceback.is_null())
        be->traceback = b->traceback;
    vm.restore_error(v);
    return Value::null();
}

Value Scheduler::deadlock_error(Channel* ch)
{
    Value r = repr(vm, Value::from_object(ch));
    if (r.is_null())
        return Value::null();
    return raise_fmt(vm, exc::RuntimeError, "Deadlock: the last runnable tasklet cannot be blocked. (channel %s, %lld waiting)",
                     as_str(r)->c_str(), static_cast<long long>(ch->waiters.size()));
}

// ------------------------------------------------------------------ the end of a tasklet

void Scheduler::tasklet_end(bool error)
{
    Tasklet* t = current;
    Value e = error ? vm.take_error() : Value::null();
    if (!e.is_null() && is_instance_fast(e, tasklet_exit))
        e = Value::null(); // killed: ends silently
    if (!e.is_null() && !error_handler.is_null() && !is_none(error_handler)) {
        BaseException* be = as_exception(e);
        Value args[3] = { Value::from_object(type_of(e)), e, be && !be->traceback.is_null() ? be->traceback : py_none() };
        if (!call(vm, error_handler, args, 3).is_null())
            e = Value::null();
        else
            e = vm.take_error();
    }
    t->tempval = py_none();
    t->started = false;
    in.exc_info = Value::null();
    Tasklet* next = m_count > 1 ? queue_next(t) : nullptr;
    unlink(t);
    if (!e.is_null()) {
        // To the innermost watchdog (or main), at once, ahead of the queue (spec 3.7).
        Tasklet* w = watchdog();
        Bomb* b = make_bomb(e);
        w->tempval = b ? Value::from_object(b) : py_none();
        if (!b)
            vm.clear_error(); // out of memory for the bomb: the exception is lost
        unblock(w);
        if (!w->in_queue)
            append(w);
        make_head(w);
        next = w;
    } else if (!next) {
        Tasklet* w = watchdog();
        if (w->blocked_on) {
            raise(vm, exc::RuntimeError,
                  w->block_dir < 0 ? "the main tasklet is receiving without a sender available."
                                   : "the main tasklet is sending without a receiver available.");
            Bomb* b = make_bomb(vm.take_error());
            w->tempval = b ? Value::from_object(b) : py_none();
            vm.clear_error();
            unblock(w);
        }
        if (!w->in_queue)
            append(w);
        make_head(w);
        next = w;
    }
    m_target = next;
}

// ------------------------------------------------------------------ preemption

void Scheduler::arm_budget() { budget = timeout; }

void Scheduler::stop_preemption()
{
    timed_watchdog = nullptr;
    soft_due = false;
    vm.pending.fetch_and(~kPendingPreempt, std::memory_order_relaxed);
}

bool Scheduler::tick()
{
    if (!timed_watchdog) {
        vm.pending.fetch_and(~kPendingPreempt, std::memory_order_relaxed);
        return false;
    }
    if (--budget > 0)
        return false;
    Tasklet* t = current;
    bool nested = in.nesting != 1; // native code below: no switch without carriers
    if (t == timed_watchdog)
        return false;
    if (t->atomic || switch_trap || in_channel_callback || in_schedule_callback || nested) {
        budget = 1; // deferred: fires at the first poll after the obstacle goes away
        return false;
    }
    if (soft_preempt) {
        soft_due = true;
        arm_budget();
        return false;
    }
    interrupt_current();
    return true;
}

void Scheduler::interrupt_current()
{
    // Hard: the tasklet is paused and handed to the watchdog, whose run() returns it.
    Tasklet* t = current;
    Tasklet* w = timed_watchdog;
    w->tempval = Value::from_object(t);
    unlink(t);
    append(w);
    make_head(w);
    m_target = w;
}

Value Scheduler::fire_deferred(Value result, bool soft)
{
    // An interruption deferred while the tasklet was atomic fires now (spec 5.5); the
    // call that removed the obstacle returns `result` when the tasklet is resumed.
    Tasklet* t = current;
    if (!timed_watchdog || t == timed_watchdog || budget > 1 || t->atomic || switch_trap || in_channel_callback ||
        in_schedule_callback || !soft || in.nesting != 1)
        return result;
    if (soft_preempt) {
        soft_due = true;
        arm_budget();
        return result;
    }
    t->tempval = result;
    interrupt_current();
    return Value::not_found();
}

// ------------------------------------------------------------------ operations

Value Scheduler::schedule(Value retval, bool remove, bool soft)
{
    Tasklet* c = current;
    if (!remove) {
        if (m_count <= 1) {
            c->tempval = retval;
            return take_tempval(c);
        }
        if (!check_switch(soft, "schedule"))
            return Value::null();
        c->tempval = retval;
        Tasklet* n = queue_next(c);
        make_head(n);
        return switch_to(n);
    }
    Tasklet* n;
    if (m_count <= 1) {
        Tasklet* w = watchdog();
        if (w == c) {
            c->tempval = retval;
            return take_tempval(c);
        }
        if (w->blocked_on)
            return raise(vm, exc::RuntimeError, "Deadlock: the last runnable tasklet cannot be blocked.");
        if (!check_switch(soft, "schedule_remove"))
            return Value::null();
        c->tempval = retval;
        unlink(c);
        append(w);
        n = w;
    } else {
        if (!check_switch(soft, "schedule_remove"))
            return Value::null();
        c->tempval = retval;
        n = queue_next(c);
        unlink(c);
    }
    make_head(n);
    return switch_to(n);
}

Value Scheduler::run_watchdog(int64_t to, bool soft_mode, bool ignore_nesting, bool totaltimeout, bool soft)
{
    Tasklet* c = current;
    if (m_count <= 1)
        return py_none();
    if (!check_switch(soft, "run"))
        return Value::null();
    watchdogs.push_back(c);
    c->tempval = py_none();
    Tasklet* n = queue_next(c);
    unlink(c);
    make_head(n);
    if (to > 0 && !timed_watchdog) {
        timed_watchdog = c;
        timeout = to;
        budget = to;
        total_timeout = totaltimeout;
        soft_preempt = soft_mode;
        preempt_ignore_nesting = ignore_nesting;
        soft_due = false;
        vm.pending.fetch_or(kPendingPreempt, std::memory_order_relaxed);
    }
    return switch_to(n);
}

Value Scheduler::tasklet_run(Tasklet* t, bool remove_caller, bool soft)
{
    Tasklet* c = current;
    if (t == c)
        return py_none();
    if (t->blocked_on)
        return raise(vm, exc::RuntimeError, "You cannot run a blocked tasklet");
    if (!alive(t))
        return raise(vm, exc::RuntimeError, "You cannot run an unbound(dead) tasklet");
    if (!check_switch(soft, remove_caller ? "switch" : "run"))
        return Value::null();
    if (!t->in_queue)
        append(t);
    if (remove_caller)
        unlink(c);
    make_head(t);
    return switch_to(t);
}

Value Scheduler::tasklet_throw(Tasklet* t, Value e, bool pending, bool soft)
{
    Tasklet* c = current;
    if (t == c) {
        vm.set_error(e);
        return Value::null();
    }
    if (!alive(t)) {
        if (is_instance_fast(e, tasklet_exit)) {
            unblock(t);
            unlink(t);
            return py_none();
        }
        return raise(vm, exc::RuntimeError, "You cannot throw to a dead tasklet");
    }
    if (!pending && !check_switch(soft, "throw"))
        return Value::null();
    Bomb* b = make_bomb(e);
    if (!b)
        return Value::null();
    t->tempval = Value::from_object(b);
    unblock(t);
    if (!t->in_queue)
        append(t);
    if (pending)
        return py_none();
    make_head(t);
    return switch_to(t);
}

Value Scheduler::channel_action(Channel* ch, int dir, Value value, bool soft)
{
    Tasklet* c = current;
    if (in_channel_callback)
        return raise(vm, exc::RuntimeError, "Recursive channel call due to callbacks!");
    bool partner = dir > 0 ? ch->balance < 0 : ch->balance > 0;
    c->tempval = value;
    if (!channel_callback.is_null()) {
        in_channel_callback = true;
        Value args[4] = { Value::from_object(ch), Value::from_object(c), Value::small_int(dir > 0 ? 1 : 0),
                          Value::small_int(partner ? 0 : 1) };
        if (call(vm, channel_callback, args, 4).is_null())
            report_callback_error(in, "channel callback");
        in_channel_callback = false;
        partner = dir > 0 ? ch->balance < 0 : ch->balance > 0;
    }
    if (partner) {
        Tasklet* p = &ch->waiters.front();
        bool switches = ch->schedule_all || ch->preference == -dir;
        if (switches && !check_switch(soft, dir > 0 ? "send" : "receive")) {
            c->tempval = py_none();
            return Value::null();
        }
        unblock(p);
        std::swap(c->tempval, p->tempval);
        if (ch->schedule_all) {
            append(p);
            Tasklet* n = queue_next(c);
            make_head(n);
            return switch_to(n);
        }
        if (ch->preference == -dir) {
            // The partner runs now: linked right after the current tasklet and made head,
            // which moves the current one to the end of the round (spec 4.4).
            auto it = queue.iterator_to(*c);
            ++it;
            queue.insert(it, *p);
            p->in_queue = true;
            ++m_count;
            make_head(p);
            return switch_to(p);
        }
        append(p);
        return take_tempval(c);
    }
    if (c->block_trap) {
        c->tempval = py_none();
        return raise(vm, exc::RuntimeError, "this tasklet does not like to be blocked.");
    }
    if (ch->closing) {
        c->tempval = py_none();
        return raise(vm, exc::ValueError, "Send/receive operation on a closed channel");
    }
    Tasklet* n;
    if (m_count <= 1) {
        Tasklet* w = watchdog();
        if (w == c || w->blocked_on) {
            c->tempval = py_none();
            return deadlock_error(ch);
        }
        n = w;
    } else {
        n = queue_next(c);
    }
    if (!check_switch(soft, dir > 0 ? "send" : "receive")) {
        c->tempval = py_none();
        return Value::null();
    }
    unlink(c);
    c->blocked_on = ch;
    c->block_dir = int8_t(dir);
    ch->waiters.push_back(*c);
    ch->balance += dir;
    if (!n->in_queue)
        append(n);
    make_head(n);
    return switch_to(n);
}

} // namespace slpy
