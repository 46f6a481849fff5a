// The scheduler: the run queue, switching, channels' send/receive algorithm, the
// watchdog stack and preemption (scheduler.h, spec stackless-api.md §3-§5).
#include "scheduler/scheduler.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/opcodes.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <poll.h>

namespace slpy {

Scheduler* scheduler_of(VM& vm) { return vm.interp ? vm.interp->sched : nullptr; }

bool is_tasklet_exit(VM& vm, Value e)
{
    Scheduler* s = scheduler_of(vm);
    return s && s->tasklet_exit && is_instance_fast(e, s->tasklet_exit);
}

Scheduler::Scheduler(Interpreter& i) : in(i), vm(i.vm)
{
    if (char const* kb = std::getenv("SLPY_CARRIER_STACK_KB")) {
        long n = std::strtol(kb, nullptr, 10);
        if (n >= 64)
            carrier_stack_size = size_t(n) << 10;
    }
}

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
    t.visit(atomic_type); // a class made by Python code
    for (Tasklet& q : queue)
        t.visit(&q);
    for (Tasklet* w : watchdogs)
        t.visit(w);
    // A tasklet sleeping on a timer lives until it wakes (a sleeping thread is alive).
    for (Timer& tm : timers)
        t.visit(tm.t);
    for (FdWait& w : fd_waits)
        t.visit(w.t);
    t.visit(channel_callback);
    t.visit(schedule_callback);
    t.visit(error_handler);
    t.visit(main_result);
    t.visit(main_error);
    if (carriers) {
        // A pinned tasklet lives as long as its carrier (its native code holds it).
        for (size_t i = 0; i < carriers->size(); ++i)
            if (Carrier* c = carriers->at(i); c->owner)
                t.visit(static_cast<Tasklet*>(c->owner));
    }
}

int Scheduler::nesting_level(Tasklet const* t) const
{
    // The running tasklet: the runs of the loop on its carrier below its frames. A pinned
    // one: at least 1 (it may have been switched by a native called straight from its
    // base run). Others keep no native frames.
    if (t == current)
        return in.nesting > 0 ? in.nesting - 1 : 0;
    if (t->carrier)
        return t->carrier->nesting > 2 ? t->carrier->nesting - 1 : 1;
    return 0;
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
    Op op = op_family(word_op(w));
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
        // Native code below: the tasklet keeps this carrier and the others continue on
        // a free one, which must exist before anything changes.
        if (!reserve_carrier()) {
            std::string name = native_below();
            raise_fmt(vm, exc::MemoryError, "%s: no memory for a carrier stack to switch inside native call '%s'", what,
                      name.c_str());
            return false;
        }
    }
    return true;
}

Value Scheduler::native_switch()
{
    // Asked by native code (a switching native called by another native): the switch
    // happens here, the carrier stays pinned under this call, and the call returns what
    // the tasklet receives when it is resumed.
    m_native_switch = true;
    m_force_pin = true;
    complete_switch(true);
    Value v;
    int r = resume_value(&v);
    return r > 0 ? v : r < 0 ? Value::null() : py_none();
}

// ------------------------------------------------------------------ carriers

bool Scheduler::reserve_carrier()
{
    if (!carriers) {
        carriers = std::make_unique<CarrierPool>(carrier_stack_size, &Scheduler::carrier_entry, this);
        CarrierPool* pool = carriers.get();
        vm.heap.set_stack_provider([pool](std::vector<Heap::StackRange>& out) { pool->stack_ranges(out); });
    }
    if (carriers->reserve())
        return true;
    vm.clear_error();
    return false;
}

Carrier* Scheduler::carrier_entry(void* self, Carrier* c)
{
    // A new carrier: its base run continues whatever tasklet the switch loaded (the
    // loop starts at resume_tasklet) and returns only when the main tasklet's bottom
    // frame returned here, or when the carriers are unwound at exit.
    auto* s = static_cast<Scheduler*>(self);
    if (!s->m_exiting) {
        Value r = s->in.run_carrier_base();
        if (!s->m_exiting)
            (void)s->main_finished(r); // comes back only to unwind at exit
    }
    return s->carriers->thread_carrier();
}

void Scheduler::jump(Carrier* to)
{
    // The native re-entry guard belongs to the stack: the nesting of the loop's runs,
    // the native recursion count and the stack limit of RecursionError.
    Carrier* here = carriers->running();
    here->nesting = in.nesting;
    here->native_depth = vm.native_depth;
    here->stack_limit = vm.stack_limit;
    if (!to->started) {
        size_t size = to->high - to->low;
        size_t margin = size / 4 < (64u << 10) ? size / 4 : (64u << 10);
        to->nesting = 0;
        to->native_depth = 0;
        to->stack_limit = to->low + margin;
    }
    in.nesting = to->nesting;
    vm.native_depth = to->native_depth;
    vm.stack_limit = to->stack_limit;
    carriers->switch_to(to);
}

void Scheduler::carrier_switch(Tasklet* prev, Tasklet* next, bool pin)
{
    m_native_switch = false;
    m_force_pin = main_done;
    CarrierPool& pool = *carriers;
    Carrier* here = pool.running();
    Carrier* to = next->carrier;
    if (to) {
        next->carrier = nullptr;
        to->owner = nullptr;
    } else {
        to = pool.acquire(); // reserved by check_switch (or it is free: `here`, below)
        if (!to) {
            std::fprintf(stderr, "slpy: no carrier for a hard tasklet switch\n");
            std::abort();
        }
    }
    if (pin) {
        here->owner = prev;
        prev->carrier = here;
    } else {
        pool.release(here);
    }
    jump(to);
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
    prev->in_call = in_call && (prev->frame || m_native_switch);
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
    slice_start = 0; // the incoming thread gets a whole slice
    // Native code below prev's frames keeps it on this carrier; a pinned next resumes
    // on its own. Otherwise the switch stays soft: the loop goes on with next's frames.
    bool pin = in.nesting > 1;
    if ((pin | m_force_pin) || next->carrier) [[unlikely]] {
        pin = pin || m_native_switch || (prev == main && main_done);
        if (pin || next->carrier)
            carrier_switch(prev, next, pin);
    }
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

Value Scheduler::main_finished(Value r)
{
    if (!carriers)
        return r;
    if (!main_done) {
        main_done = true;
        m_force_pin = true; // main waits pinned while the pinned tasklets are killed
        main_error = r.is_null() ? vm.take_error() : Value::null();
        main_result = r.is_null() ? py_none() : r;
    }
    // Spec 3.8: a tasklet with native code on a carrier is killed, so that its native
    // callers unwind and its finally blocks run; each at most once. main stays pinned
    // here meanwhile (complete_switch), and tasklet_end comes back to it.
    for (;;) {
        if (m_exiting)
            return Value::null();
        Tasklet* p = nullptr;
        for (size_t i = 0; i < carriers->size() && !p; ++i) {
            auto* t = static_cast<Tasklet*>(carriers->at(i)->owner);
            if (t && t != main && !t->exit_killed)
                p = t;
        }
        if (!p)
            break;
        p->exit_killed = true;
        Value e = call(vm, Value::from_object(tasklet_exit), nullptr, 0);
        Bomb* b = e.is_null() ? nullptr : make_bomb(e);
        if (!b) {
            vm.clear_error();
            continue;
        }
        p->tempval = Value::from_object(b);
        unblock(p);
        if (!p->in_queue)
            append(p);
        make_head(p);
        m_target = p;
        complete_switch(false);
    }
    Carrier* here = carriers->running();
    Carrier* c0 = carriers->thread_carrier();
    current = main;
    in.current = nullptr;
    in.depth = 0;
    in.exc_info = Value::null();
    if (here != c0) {
        if (c0->owner) {
            // The tasklet holding the thread's stack survived its kill: the host's call
            // cannot return.
            std::fprintf(stderr, "slpy: a tasklet pinned to the thread's stack would not die at program end\n");
            std::fflush(nullptr);
            std::_Exit(1);
        }
        // Carrier 0 (free now) continues: its base run returns the result to the host.
        carriers->claim(c0);
        carriers->release(here);
        jump(c0);
        return Value::null(); // resumed only when unwound at exit
    }
    // On carrier 0: every other carrier leaves its base run and ends. One whose tasklet
    // would not die stays pinned and mapped (reported as leaked, never resumed).
    m_exiting = true;
    for (size_t i = 1; i < carriers->size(); ++i) {
        Carrier* c = carriers->at(i);
        if (c->finished || c->owner)
            continue;
        carriers->claim(c);
        jump(c);
        // It ended into carrier 0 without loading carrier 0's registers back.
        in.nesting = c0->nesting;
        vm.native_depth = c0->native_depth;
        vm.stack_limit = c0->stack_limit;
        in.current = nullptr;
    }
    m_exiting = false;
    main_done = false;
    m_force_pin = false;
    carriers->reclaim();
    Value res = main_result, err = main_error;
    main_result = Value::null();
    main_error = Value::null();
    if (!err.is_null()) {
        vm.restore_error(err);
        return Value::null();
    }
    return res;
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
    while (m_count <= 1 && !main_done && has_waits()) {
        // Only sleepers remain (a thread waits with a timeout): wait for the first.
        if (!idle_wait()) {
            // Ctrl-C while waiting: the main tasklet gets it (signals go to the main thread).
            Bomb* b = make_bomb(vm.take_error());
            vm.clear_error();
            if (b && main->parked)
                wake(main, Value::from_object(b));
            break;
        }
    }
    Tasklet* next = m_count > 1 ? queue_next(t) : nullptr;
    unlink(t);
    if (main_done) {
        // Killed at program end: back to main_finished, whatever else is runnable.
        vm.clear_error();
        m_target = main;
        return;
    }
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
        if (w->parked) {
            // It waits for a lock that nobody left can release.
            raise(vm, exc::RuntimeError, "deadlock: the main thread waits for a lock that no other thread or tasklet can release");
            Bomb* b = make_bomb(vm.take_error());
            vm.clear_error();
            wake(w, b ? Value::from_object(b) : py_none());
        }
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
    if (!threads_on)
        vm.pending.fetch_and(~kPendingPreempt, std::memory_order_relaxed);
}

bool Scheduler::tick()
{
    if (!timed_watchdog) {
        if (threads_on)
            return thread_tick();
        vm.pending.fetch_and(~kPendingPreempt, std::memory_order_relaxed);
        return false;
    }
    if (--budget > 0)
        return false;
    Tasklet* t = current;
    // Native code below: interrupted only with ignore_nesting (spec 5.5), on a carrier.
    bool nested = in.nesting != 1 && (!(preempt_ignore_nesting || t->ignore_nesting) || !reserve_carrier());
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

// ------------------------------------------------------------------ threads: parking, timers, slices

void trace_wait_list(WaitListBase& l, Tracer& t)
{
    for (Tasklet& k : l)
        t.visit(&k);
}

int64_t Scheduler::now_ns()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

static bool timer_later(Scheduler::Timer const& a, Scheduler::Timer const& b) { return a.deadline > b.deadline; }

void Scheduler::start_threads()
{
    if (threads_on)
        return;
    threads_on = true;
    slice_start = 0;
    slice_ticks = 0;
    if (main)
        main->is_thread = true;
    vm.pending.fetch_or(kPendingPreempt, std::memory_order_relaxed);
}

bool Scheduler::has_timers()
{
    // Drops the stale entries at the top, so that an empty answer is exact.
    while (!timers.empty()) {
        Timer const& tm = timers.front();
        if (tm.t->parked && tm.t->park_seq == tm.seq)
            return true;
        std::pop_heap(timers.begin(), timers.end(), timer_later);
        timers.pop_back();
    }
    return false;
}

void Scheduler::wake(Tasklet* t, Value v)
{
    if (!t->parked)
        return;
    if (t->park_list)
        t->park_list->erase(t->park_list->iterator_to(*t));
    t->park_list = nullptr;
    t->park_owner = nullptr;
    t->parked = false;
    ++t->park_seq; // its timer, if any, is stale now
    t->tempval = v;
    append(t);
}

void Scheduler::poll_timers(int64_t now)
{
    while (has_timers() && timers.front().deadline <= now) {
        Tasklet* t = timers.front().t;
        std::pop_heap(timers.begin(), timers.end(), timer_later);
        timers.pop_back();
        wake(t, t->tempval); // resumes with the timeout value park() left in its tempval
    }
}

// Sleeps until `deadline` (now_ns() clock) or a signal; false with the error a pending
// request raised (KeyboardInterrupt).
static bool sleep_until(VM& vm, int64_t deadline)
{
    timespec ts {};
    ts.tv_sec = time_t(deadline / 1000000000);
    ts.tv_nsec = long(deadline % 1000000000);
    for (;;) {
        if (!check_pending(vm))
            return false;
        int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
        if (r != EINTR)
            return true;
    }
}

bool Scheduler::poll_fds(int timeout_ms, pollfd const* extra, size_t nextra, bool* extra_ready)
{
    // Stale entries (woken otherwise, or timed out) leave first.
    fd_waits.erase(std::remove_if(fd_waits.begin(), fd_waits.end(),
                                  [](FdWait const& w) { return !w.t->parked || w.t->park_seq != w.seq; }),
                   fd_waits.end());
    std::vector<pollfd> fds;
    fds.reserve(fd_waits.size() + nextra);
    for (FdWait const& w : fd_waits)
        fds.push_back(pollfd { w.fd, w.events, 0 });
    for (size_t i = 0; i < nextra; ++i)
        fds.push_back(pollfd { extra[i].fd, extra[i].events, 0 });
    if (fds.empty())
        return true;
    int n = ::poll(fds.data(), nfds_t(fds.size()), timeout_ms);
    if (n < 0) {
        if (errno == EINTR)
            return check_pending(vm);
        return true;
    }
    if (n == 0)
        return true;
    for (size_t i = fd_waits.size(); i < fds.size(); ++i)
        if (fds[i].revents && extra_ready)
            *extra_ready = true;
    std::vector<Tasklet*> ready;
    for (size_t i = 0; i < fd_waits.size(); ++i)
        if (fds[i].revents)
            ready.push_back(fd_waits[i].t);
    for (Tasklet* t : ready)
        wake(t, py_true()); // its entry is stale now, dropped at the next poll
    return true;
}

bool Scheduler::idle_wait(int64_t extra_deadline, pollfd const* extra, size_t nextra, bool* extra_ready)
{
    int64_t d = has_timers() ? timers.front().deadline : -1;
    if (extra_deadline >= 0 && (d < 0 || extra_deadline < d))
        d = extra_deadline;
    bool fds = nextra > 0 || !fd_waits.empty();
    if (d < 0 && !fds)
        return false;
    if (fds) {
        if (!check_pending(vm))
            return false;
        int ms = -1;
        if (d >= 0) {
            int64_t left = d - now_ns();
            ms = left <= 0 ? 0 : int((left + 999999) / 1000000);
        }
        if (!poll_fds(ms, extra, nextra, extra_ready))
            return false;
    } else if (!sleep_until(vm, d)) {
        return false;
    }
    poll_timers(now_ns());
    return true;
}

Value Scheduler::park(WaitListBase* list, Object* owner, int64_t deadline, Value timeout_value, bool soft, char const* what,
                      pollfd const* fds, size_t nfds)
{
    Tasklet* c = current;
    if (c->block_trap)
        return raise(vm, exc::RuntimeError, "this tasklet does not like to be blocked.");
    // Nothing else can run: wait right here (still current) for the earliest timer, ours
    // included, until someone else becomes runnable or our own deadline passes.
    while (m_count <= 1) {
        int64_t now = now_ns();
        if (deadline >= 0 && now >= deadline)
            return timeout_value;
        poll_timers(now);
        if (m_count > 1)
            break;
        if (!has_waits() && deadline < 0 && nfds == 0) {
            Tasklet* w = watchdog();
            if (w != c && !w->blocked_on && !w->parked)
                break; // as a blocking channel: the run() caller continues
            return raise_fmt(vm, exc::RuntimeError,
                             "deadlock: %s would block forever (no other thread or tasklet can run to end the wait)", what);
        }
        bool ready = false;
        if (!idle_wait(deadline, fds, nfds, &ready)) {
            if (c != main && main && main->parked && vm.has_error() && is_instance_fast(vm.error(), exc::KeyboardInterrupt)) {
                // Ctrl-C while another thread waits: the main thread gets it, as
                // CPython's signals go to the main thread; this one keeps waiting.
                Bomb* b = make_bomb(vm.take_error());
                vm.clear_error();
                if (b)
                    wake(main, Value::from_object(b));
                continue;
            }
            return Value::null();
        }
        if (ready)
            return py_true();
    }
    if (!check_switch(soft, what))
        return Value::null();
    Tasklet* n = m_count > 1 ? queue_next(c) : watchdog();
    unlink(c);
    c->tempval = timeout_value;
    c->parked = true;
    c->park_owner = owner;
    c->park_list = list;
    ++c->park_seq;
    if (list)
        list->push_back(*c);
    if (deadline >= 0) {
        timers.push_back(Timer { deadline, c, c->park_seq });
        std::push_heap(timers.begin(), timers.end(), timer_later);
    }
    for (size_t i = 0; i < nfds; ++i)
        fd_waits.push_back(FdWait { fds[i].fd, fds[i].events, c, c->park_seq });
    if (!n->in_queue)
        append(n);
    make_head(n);
    return switch_to(n, soft);
}

int wait_fd(VM& vm, int fd, short events, double timeout)
{
    if (fd < 0)
        return 0;
    pollfd p { fd, events, 0 };
    return wait_fds(vm, &p, 1, timeout);
}

int wait_fds(VM& vm, pollfd const* fds, size_t nfds, double timeout)
{
    Scheduler* s = scheduler_of(vm);
    if (!s || !s->current || !s->threads_on)
        return 0;
    int64_t deadline = timeout < 0 ? -1 : Scheduler::now_ns() + int64_t(timeout * 1e9);
    // Called from native code: a switch happens on a carrier, which keeps the caller's
    // C++ state until the descriptor is ready.
    (void)vm.interp->take_soft_call();
    Value r = s->park(nullptr, nullptr, deadline, py_false(), false, "waiting for I/O", fds, nfds);
    if (r.is_null())
        return -1;
    return r.is(py_false()) ? 1 : 0;
}

// A thread's time slice: the budget counts polls (backward jumps, calls) and every few
// hundred the clock is read; after sys.getswitchinterval() a thread tasklet goes to the
// end of the round. Plain tasklets are never sliced (Stackless: cooperative).
double sys_switch_interval(VM& vm); // stackless/modules/sys.cpp

bool Scheduler::thread_tick()
{
    if (--slice_ticks > 0)
        return false;
    slice_ticks = 256;
    int64_t now = now_ns();
    if (!timers.empty())
        poll_timers(now);
    if (!fd_waits.empty() && !poll_fds(0))
        vm.clear_error(); // a signal handler's error: the pending poll raises it again
    if (slice_start == 0) {
        slice_start = now;
        return false;
    }
    if (double(now - slice_start) < sys_switch_interval(vm) * 1e9)
        return false;
    Tasklet* t = current;
    if (!t->is_thread || m_count <= 1 || t->atomic || switch_trap || in_channel_callback || in_schedule_callback ||
        in.nesting != 1)
        return false; // tried again at the next check
    slice_start = 0;
    Tasklet* n = queue_next(t);
    make_head(n);
    m_target = n;
    return true;
}

// ------------------------------------------------------------------ operations

Value Scheduler::schedule(Value retval, bool remove, bool soft)
{
    Tasklet* c = current;
    if (!timers.empty())
        poll_timers(now_ns());
    if (!fd_waits.empty() && !poll_fds(0))
        return Value::null();
    while (remove && m_count <= 1 && has_waits() && watchdog() == c) {
        // Only sleepers could run: wait for the first of them.
        if (!idle_wait())
            return Value::null();
    }
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
        return switch_to(n, soft);
    }
    Tasklet* n;
    if (m_count <= 1) {
        Tasklet* w = watchdog();
        if (w == c) {
            c->tempval = retval;
            return take_tempval(c);
        }
        if (w->blocked_on || w->parked)
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
    return switch_to(n, soft);
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
    return switch_to(n, soft);
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
    return switch_to(t, soft);
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
    return switch_to(t, soft);
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
            return switch_to(n, soft);
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
            return switch_to(p, soft);
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
    while (m_count <= 1 && has_waits()) {
        // Threads sleep on timers: the channel waits for them rather than deadlocking.
        if (!idle_wait()) {
            c->tempval = py_none();
            return Value::null();
        }
    }
    Tasklet* n;
    if (m_count <= 1) {
        Tasklet* w = watchdog();
        if (w == c || w->blocked_on || w->parked) {
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
    return switch_to(n, soft);
}

} // namespace slpy
