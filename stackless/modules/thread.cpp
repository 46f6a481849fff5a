// The _thread module: threads, locks (lock, RLock), thread identity, _local, _excepthook,
// as CPython 3.11's.
//
// Python threads are green threads: start_new_thread makes a tasklet of the VM's
// scheduler (scheduler/README.md "Threads"), which the scheduler slices every
// sys.getswitchinterval(). A lock that is held parks the acquiring tasklet on the lock's
// wait list (and on a timer for a timeout); release hands the lock to the first waiter.
// Everything is per VM: the thread states are heap objects reached from the tasklets.
#include "stackless/modules/runtime_modules.h"

#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "scheduler/scheduler.h"
#include "stackless/modules/native_support.h"
#include "stackless/modules/records.h"
#include "stackless/vm/call.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/opcodes.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <pthread.h>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

namespace slpy {

// object.__dict__'s getter and setter (objects/object_methods.cpp), for _local.
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

namespace {

constexpr double kTimeoutMax = 9223372036.0; // PY_TIMEOUT_MAX in seconds, as CPython on Linux
constexpr int64_t kNsPerSec = 1000000000;

struct Lock : Object {
    bool locked;
    WaitListBase waiters; // tasklets parked in acquire, first come first served
};

struct RLock : Object {
    uint64_t owner; // thread ident, 0 when free
    uint64_t count;
    WaitListBase waiters;
};

// The state of one thread, shared by its tasklet and the tasklets it makes.
struct ThreadState : Object {
    uint64_t ident;
    uint64_t serial; // 0 for the main thread, else the n-th thread started
    Value sentinel; // _set_sentinel's lock: released when the thread ends
    Value locals;   // list of the _local objects that hold a namespace for it
};

// A _local: the namespace of the thread that used it last sits in the instance dict slot
// (so that object's attribute machinery works on it); each thread's is in `dicts`.
struct Local : Object {
    Value dict;   // at dict_offset
    Value dicts;  // dict: thread ident -> namespace
    Value args;   // the constructor's arguments, for __init__ in each new thread
    Value kwargs;
};

TypeObject* g_lock_type = nullptr;
TypeObject* g_rlock_type = nullptr;
TypeObject* g_local_type = nullptr;
TypeObject* g_tstate_type = nullptr;
TypeObject* g_excepthook_args = nullptr; // rooted by the struct sequence registry

// Per VM: the main thread's state, the boot helper, the counters.
char const kThreadKey = 0;
struct ThreadVM : VM::ModuleState {
    explicit ThreadVM(VM&) {}
    void trace(Tracer& t) override
    {
        t.visit(main_state);
        t.visit(boot);
        t.visit(lock_wait);
        t.visit(running);
    }
    ThreadState* main_state = nullptr;
    Value boot;            // _thread_boot(func, args, kwargs), compiled at the first use
    Value lock_wait;       // _lock_wait(lock, deadline, count): the retry loop of a contended acquire
    Value running;         // dict: ident -> the tasklet of each thread started and not ended
    uint64_t serial = 0;   // threads started
    int64_t count = 0;     // threads running (_count())
    int64_t stack_size = 0;
};

ThreadVM& tvm(VM& vm) { return module_state<ThreadVM>(vm, &kThreadKey); }

ThreadState* new_tstate(VM& vm, uint64_t ident)
{
    auto* ts = static_cast<ThreadState*>(alloc_instance(vm, g_tstate_type));
    if (ts)
        ts->ident = ident;
    return ts;
}

ThreadState* main_tstate(VM& vm)
{
    ThreadVM& st = tvm(vm);
    if (!st.main_state)
        st.main_state = new_tstate(vm, uint64_t(pthread_self()));
    return st.main_state;
}

// The running thread's state: the current tasklet's, or the main thread's (a tasklet
// made before any thread started belongs to it). Null only when out of memory.
ThreadState* current_tstate(VM& vm)
{
    Scheduler* s = scheduler_of(vm);
    if (s && s->current && s->current->thread_state)
        return static_cast<ThreadState*>(s->current->thread_state);
    return main_tstate(vm);
}

uint64_t tasklet_ident(VM& vm, Tasklet* t)
{
    if (t && t->thread_state)
        return static_cast<ThreadState*>(t->thread_state)->ident;
    ThreadState* m = main_tstate(vm);
    return m ? m->ident : uint64_t(pthread_self());
}

uint64_t current_ident(VM& vm)
{
    Scheduler* s = scheduler_of(vm);
    return tasklet_ident(vm, s ? s->current : nullptr);
}

std::string address(void const* p)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%p", p);
    return buf;
}

// acquire(blocking=True, timeout=-1): the wait in nanoseconds, -1 for "forever", 0 for
// "do not wait". False with CPython's error pending.
bool acquire_args(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, int64_t& wait_ns)
{
    Value a[3];
    if (!parse_args(vm, fname, args + 1, nargs - 1, kwnames, { "blocking", "timeout" }, 0, a + 1))
        return false;
    bool blocking = true;
    if (!a[1].is_null()) {
        int t = truthy(vm, a[1]);
        if (t < 0)
            return false;
        blocking = t;
    }
    double timeout = -1;
    if (!a[2].is_null()) {
        if (is_instance_fast(a[2], types.float_)) {
            if (!to_double(vm, a[2], timeout))
                return false;
            if (std::isnan(timeout)) {
                raise(vm, exc::ValueError, "Invalid value NaN (not a number)");
                return false;
            }
        } else {
            Value i = index(vm, a[2]);
            if (i.is_null())
                return false;
            int64_t secs;
            if (!int_to_i64(int_unwrap(i), secs) || secs > INT64_MAX / kNsPerSec || secs < INT64_MIN / kNsPerSec) {
                raise(vm, exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
                return false;
            }
            timeout = double(secs);
        }
        if (!(std::fabs(timeout) * 1e9 < 9223372036854775808.0)) {
            raise(vm, exc::OverflowError, "timestamp out of range for platform time_t");
            return false;
        }
    }
    if (!blocking && timeout != -1) {
        raise(vm, exc::ValueError, "can't specify a timeout for a non-blocking call");
        return false;
    }
    if (timeout < 0 && timeout != -1) {
        raise(vm, exc::ValueError, "timeout value must be positive");
        return false;
    }
    if (timeout > kTimeoutMax) {
        raise(vm, exc::OverflowError, "timeout value is too large");
        return false;
    }
    if (!blocking)
        wait_ns = 0;
    else if (timeout == -1)
        wait_ns = -1;
    else
        wait_ns = int64_t(std::ceil(timeout * 1e9));
    return true;
}

// A contended lock with no scheduler (no thread or tasklet exists): nothing could
// release it: the timeout is slept out (the answer is then False) or, with none, the
// deadlock error is raised.
Value wait_alone(VM& vm, int64_t wait_ns, char const* what)
{
    if (wait_ns < 0)
        return raise_fmt(vm, exc::RuntimeError,
                         "deadlock: %s would block forever (no other thread or tasklet can run to end the wait)", what);
    timespec deadline {};
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    int64_t total = int64_t(deadline.tv_nsec) + wait_ns % kNsPerSec;
    deadline.tv_sec += time_t(wait_ns / kNsPerSec + total / kNsPerSec);
    deadline.tv_nsec = long(total % kNsPerSec);
    for (;;) {
        if (!check_pending(vm))
            return Value::null();
        int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
        if (r == 0 || r != EINTR)
            return py_false();
    }
}

Value thread_helper(VM& vm, bool lock_wait);

#define SLPY_THREAD_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ lock

Lock* self_lock(Value v) { return static_cast<Lock*>(v.as_object()); }

void lock_trace(Object* self, Tracer& t) { trace_wait_list(static_cast<Lock*>(self)->waiters, t); }

Value lock_new_instance(VM& vm, TypeObject* type)
{
    auto* l = static_cast<Lock*>(alloc_instance(vm, type));
    if (!l)
        return Value::null();
    l->locked = false;
    new (&l->waiters) WaitListBase();
    return Value::from_object(l);
}

// Release: the lock is free, and its first waiter is woken to try again (as CPython's:
// another thread may take it first; no hand-over, so locked() is False after release).
void lock_release_impl(VM& vm, Lock* l)
{
    l->locked = false;
    Scheduler* s = scheduler_of(vm);
    if (s && !l->waiters.empty())
        s->wake(&l->waiters.front(), py_true());
}

// Lock and RLock (and RLock subclasses): the wait list, and taking the lock if free.
WaitListBase* waiters_of(Object* o);
bool try_take(VM& vm, Object* o, uint64_t count);

// A contended acquire: the tasklet parks on the lock's wait list (and a timer), and
// retries when woken, until it gets the lock or the deadline passes. Called from the
// loop it tail-calls the retry loop written in Python (_lock_wait: each park is a soft
// switch); from native code it loops here on its carrier.
Value contended_acquire(VM& vm, Object* lk, int64_t wait_ns, uint64_t count, bool soft, char const* what)
{
    Scheduler* s = scheduler_of(vm);
    if (!s || !s->current)
        return wait_alone(vm, wait_ns, what);
    int64_t deadline = wait_ns < 0 ? -1 : Scheduler::now_ns() + wait_ns;
    if (soft) {
        Value fn = TRY(thread_helper(vm, true));
        Value a[3] = { Value::from_object(lk), TRY(int_from_i64(vm, deadline)), TRY(int_from_u64(vm, count)) };
        return interp(vm).tail_call(fn.as<Function>(), a, 3);
    }
    for (;;) {
        Value r = TRY(s->park(waiters_of(lk), lk, deadline, py_false(), false, what));
        if (r.is(py_false()))
            return r;
        if (try_take(vm, lk, count))
            return py_true();
    }
}

Value lock_acquire_impl(VM& vm, Lock* l, int64_t wait_ns, bool soft)
{
    if (!l->locked) {
        l->locked = true;
        return py_true();
    }
    if (wait_ns == 0)
        return py_false();
    return contended_acquire(vm, l, wait_ns, 1, soft, "acquiring a lock");
}

SLPY_THREAD_METHOD(lock_acquire)
{
    bool soft = interp(vm).take_soft_call();
    int64_t wait_ns;
    if (!acquire_args(vm, "acquire", args, nargs, kwnames, wait_ns))
        return Value::null();
    return lock_acquire_impl(vm, self_lock(args[0]), wait_ns, soft);
}

SLPY_THREAD_METHOD(lock_enter)
{
    bool soft = interp(vm).take_soft_call();
    if (!check_nargs(vm, "__enter__", nargs - 1, 0, 0))
        return Value::null();
    return lock_acquire_impl(vm, self_lock(args[0]), -1, soft);
}

SLPY_THREAD_METHOD(lock_release)
{
    if (!check_noargs_method(vm, "lock", "release", nargs - 1, kwnames))
        return Value::null();
    Lock* l = self_lock(args[0]);
    if (!l->locked)
        return raise(vm, exc::RuntimeError, "release unlocked lock");
    lock_release_impl(vm, l);
    return py_none();
}

SLPY_THREAD_METHOD(lock_exit)
{
    Lock* l = self_lock(args[0]);
    if (!l->locked)
        return raise(vm, exc::RuntimeError, "release unlocked lock");
    lock_release_impl(vm, l);
    return py_none();
}

SLPY_THREAD_METHOD(lock_locked)
{
    if (!check_noargs_method(vm, "lock", "locked", nargs - 1, kwnames))
        return Value::null();
    return py_bool(self_lock(args[0])->locked);
}

SLPY_THREAD_METHOD(lock_at_fork_reinit)
{
    Lock* l = self_lock(args[0]);
    // After fork only the calling thread exists: nobody waits any more.
    l->locked = false;
    while (!l->waiters.empty()) {
        Tasklet* t = &l->waiters.front();
        l->waiters.pop_front();
        t->park_list = nullptr;
    }
    return py_none();
}

SLPY_THREAD_METHOD(lock_repr)
{
    Lock* l = self_lock(args[0]);
    std::string s = std::string(l->locked ? "<locked " : "<unlocked ") + "_thread.lock object at " + address(l) + ">";
    return str_value(vm, s);
}

// ------------------------------------------------------------------ RLock

RLock* self_rlock(Value v) { return static_cast<RLock*>(v.as_object()); }

void rlock_trace(Object* self, Tracer& t) { trace_wait_list(static_cast<RLock*>(self)->waiters, t); }

SLPY_THREAD_METHOD(rlock_new)
{
    auto* r = static_cast<RLock*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!r)
        return Value::null();
    r->owner = 0;
    r->count = 0;
    new (&r->waiters) WaitListBase();
    return Value::from_object(r);
}

Value rlock_acquire_impl(VM& vm, RLock* r, int64_t wait_ns, bool soft)
{
    uint64_t me = current_ident(vm);
    if (r->count > 0 && r->owner == me) {
        if (r->count == UINT64_MAX)
            return raise(vm, exc::OverflowError, "Internal lock count overflowed");
        ++r->count;
        return py_true();
    }
    if (r->count == 0) {
        r->owner = me;
        r->count = 1;
        return py_true();
    }
    if (wait_ns == 0)
        return py_false();
    return contended_acquire(vm, r, wait_ns, 1, soft, "acquiring an RLock");
}

SLPY_THREAD_METHOD(rlock_acquire)
{
    bool soft = interp(vm).take_soft_call();
    int64_t wait_ns;
    if (!acquire_args(vm, "acquire", args, nargs, kwnames, wait_ns))
        return Value::null();
    return rlock_acquire_impl(vm, self_rlock(args[0]), wait_ns, soft);
}

SLPY_THREAD_METHOD(rlock_enter)
{
    bool soft = interp(vm).take_soft_call();
    return rlock_acquire_impl(vm, self_rlock(args[0]), -1, soft);
}

// The count fell to zero: free, and the first waiter tries again.
void rlock_hand_over(VM& vm, RLock* r)
{
    r->owner = 0;
    r->count = 0;
    Scheduler* s = scheduler_of(vm);
    if (s && !r->waiters.empty())
        s->wake(&r->waiters.front(), py_true());
}

SLPY_THREAD_METHOD(rlock_release)
{
    RLock* r = self_rlock(args[0]);
    if (r->count == 0 || r->owner != current_ident(vm))
        return raise(vm, exc::RuntimeError, "cannot release un-acquired lock");
    if (--r->count == 0)
        rlock_hand_over(vm, r);
    return py_none();
}

SLPY_THREAD_METHOD(rlock_is_owned)
{
    RLock* r = self_rlock(args[0]);
    return py_bool(r->count > 0 && r->owner == current_ident(vm));
}

SLPY_THREAD_METHOD(rlock_recursion_count)
{
    RLock* r = self_rlock(args[0]);
    return int_from_u64(vm, r->owner == current_ident(vm) ? r->count : 0);
}

SLPY_THREAD_METHOD(rlock_release_save)
{
    RLock* r = self_rlock(args[0]);
    if (r->count == 0)
        return raise(vm, exc::RuntimeError, "cannot release un-acquired lock");
    Value count = TRY(int_from_u64(vm, r->count));
    Value owner = TRY(int_from_u64(vm, r->owner));
    Tuple* state = tuple_pack(vm, { count, owner });
    if (!state)
        return Value::null();
    r->count = 0;
    rlock_hand_over(vm, r);
    return Value::from_object(state);
}

SLPY_THREAD_METHOD(rlock_acquire_restore)
{
    bool soft = interp(vm).take_soft_call();
    if (!check_nargs(vm, "_acquire_restore", nargs - 1, 1, 1))
        return Value::null();
    Tuple* state = as_tuple(args[1]);
    if (!state || state->size != 2)
        return raise(vm, exc::TypeError, "_acquire_restore() argument 1 must be a 2-tuple");
    RLock* r = self_rlock(args[0]);
    Value count = TRY(index(vm, state->items[0]));
    Value owner = TRY(index(vm, state->items[1]));
    int64_t c, o;
    if (!int_to_i64(int_unwrap(count), c))
        c = 0;
    if (!int_to_i64(int_unwrap(owner), o))
        o = 0;
    if (r->count != 0) {
        // Taken with that count when it is free (the owner is the waiting thread).
        Value res = TRY(contended_acquire(vm, r, -1, uint64_t(c), soft, "acquiring an RLock"));
        return res.is_not_found() ? res : py_none();
    }
    r->count = uint64_t(c);
    r->owner = uint64_t(o);
    return py_none();
}

SLPY_THREAD_METHOD(rlock_at_fork_reinit)
{
    RLock* r = self_rlock(args[0]);
    r->count = 0;
    r->owner = 0;
    while (!r->waiters.empty()) {
        Tasklet* t = &r->waiters.front();
        r->waiters.pop_front();
        t->park_list = nullptr;
    }
    return py_none();
}

SLPY_THREAD_METHOD(rlock_repr)
{
    RLock* r = self_rlock(args[0]);
    // CPython's tp_name: "_thread.RLock", a class's plain name.
    TypeObject* t = type_of(args[0]);
    std::string qual = t->is_heap_type() ? std::string(t->name->view()) : "_thread.RLock";
    std::string s = std::string(r->count ? "<locked " : "<unlocked ") + qual + " object owner=" + std::to_string(r->owner)
        + " count=" + std::to_string(r->count) + " at " + address(r) + ">";
    return str_value(vm, s);
}

// ------------------------------------------------------------------ the retry loop

WaitListBase* waiters_of(Object* o)
{
    if (o->type == g_lock_type)
        return &static_cast<Lock*>(o)->waiters;
    return &static_cast<RLock*>(o)->waiters;
}

bool is_free(Object* o)
{
    if (o->type == g_lock_type)
        return !static_cast<Lock*>(o)->locked;
    return static_cast<RLock*>(o)->count == 0;
}

bool try_take(VM& vm, Object* o, uint64_t count)
{
    if (!is_free(o))
        return false;
    if (o->type == g_lock_type) {
        static_cast<Lock*>(o)->locked = true;
    } else {
        auto* r = static_cast<RLock*>(o);
        r->owner = current_ident(vm);
        r->count = count ? count : 1;
    }
    return true;
}

bool lock_like(Value v)
{
    return v.is_object() && (type_of(v) == g_lock_type || is_instance_fast(v, g_rlock_type));
}

int64_t int_or(Value v, int64_t dflt)
{
    int64_t n;
    return is_int(v) && int_to_i64(int_unwrap(v), n) ? n : dflt;
}

// _park(lock, deadline): waits until the lock is released (True) or the deadline
// passes (False); True at once when it is free.
SLPY_THREAD_METHOD(helper_park)
{
    bool soft = interp(vm).take_soft_call();
    if (nargs != 2 || !lock_like(args[0]))
        return raise(vm, exc::TypeError, "_park(lock, deadline)");
    Object* o = args[0].as_object();
    if (is_free(o))
        return py_true();
    int64_t deadline = int_or(args[1], -1);
    Scheduler* s = scheduler_of(vm);
    if (!s)
        return raise(vm, exc::RuntimeError, "_park: no scheduler");
    return s->park(waiters_of(o), o, deadline, py_false(), soft, "acquiring a lock");
}

// _try(lock, count): takes the lock if it is free.
SLPY_THREAD_METHOD(helper_try)
{
    if (nargs != 2 || !lock_like(args[0]))
        return raise(vm, exc::TypeError, "_try(lock, count)");
    return py_bool(try_take(vm, args[0].as_object(), uint64_t(int_or(args[1], 1))));
}

// ------------------------------------------------------------------ thread state

void tstate_trace(Object* self, Tracer& t)
{
    auto* ts = static_cast<ThreadState*>(self);
    t.visit(ts->sentinel);
    t.visit(ts->locals);
}

// ------------------------------------------------------------------ _local

Local* self_local(Value v) { return static_cast<Local*>(v.as_object()); }

void local_trace(Object* self, Tracer& t)
{
    auto* l = static_cast<Local*>(self);
    t.visit(l->dict);
    t.visit(l->dicts);
    t.visit(l->args);
    t.visit(l->kwargs);
}

// Puts the current thread's namespace into the instance dict slot, making it (and
// running the class's __init__ with the constructor's arguments) at the thread's first
// use, as CPython's _ldict. False with the error pending.
bool local_select(VM& vm, Local* l, bool* created = nullptr)
{
    ThreadState* ts = current_tstate(vm);
    if (!ts)
        return false;
    Value key = int_from_u64(vm, ts->ident);
    if (key.is_null())
        return false;
    Dict* dicts = l->dicts.as<Dict>();
    Value ns = dict_get(vm, dicts, key);
    if (ns.is_null())
        return false;
    if (!ns.is_not_found()) {
        l->dict = ns;
        return true;
    }
    Dict* d = dict_new(vm);
    if (!d || !dict_set(vm, dicts, key, Value::from_object(d)))
        return false;
    if (ts->locals.is_null()) {
        List* lst = list_new(vm);
        if (!lst)
            return false;
        ts->locals = Value::from_object(lst);
    }
    if (!list_append(vm, ts->locals.as<List>(), Value::from_object(l)))
        return false;
    l->dict = Value::from_object(d);
    if (created) {
        *created = true;
        return true;
    }
    TypeObject* cls = type_of(Value::from_object(l));
    if (cls->slot(Slot::INIT).is(types.object->slot(Slot::INIT)))
        return true;
    // A subclass's __init__ runs again in each thread, with the same arguments.
    Tuple* a = l->args.as<Tuple>();
    Dict* kw = l->kwargs.is_null() ? nullptr : l->kwargs.as<Dict>();
    size_t nkw = kw ? kw->used : 0;
    Tuple* flat = tuple_new(vm, a->size + nkw);
    Tuple* names = nkw ? tuple_new(vm, nkw) : nullptr;
    if (!flat || (nkw && !names))
        return false;
    for (size_t i = 0; i < a->size; ++i)
        flat->items[i] = a->items[i];
    size_t pos = 0, j = 0;
    Value k, v;
    while (kw && dict_next(kw, pos, k, v)) {
        names->items[j] = k;
        flat->items[a->size + j] = v;
        ++j;
    }
    String* init = intern(vm, "__init__");
    return init && !call_method(vm, Value::from_object(l), init, flat->items, a->size, names).is_null();
}

SLPY_THREAD_METHOD(local_new)
{
    auto* cls = args[0].as<TypeObject>();
    // As CPython: arguments only when a subclass has an __init__ to take them.
    if ((nargs > 1 || (kwnames && kwnames->size)) && cls->slot(Slot::INIT).is(types.object->slot(Slot::INIT)))
        return raise(vm, exc::TypeError, "Initialization arguments are not supported");
    auto* l = static_cast<Local*>(alloc_instance(vm, cls));
    if (!l)
        return Value::null();
    Dict* dicts = dict_new(vm);
    Tuple* a = tuple_from_array(vm, args + 1, nargs - 1);
    if (!dicts || !a)
        return Value::null();
    l->dicts = Value::from_object(dicts);
    l->args = Value::from_object(a);
    if (kwnames && kwnames->size) {
        Dict* kw = dict_new(vm);
        if (!kw)
            return Value::null();
        for (size_t i = 0; i < kwnames->size; ++i)
            if (!dict_set(vm, kw, kwnames->items[i], args[nargs + i]))
                return Value::null();
        l->kwargs = Value::from_object(kw);
    }
    // The creating thread's namespace; type() then runs __init__ on it as usual.
    bool created = false;
    if (!local_select(vm, l, &created))
        return Value::null();
    return Value::from_object(l);
}

String* attr_name(VM& vm, Value v)
{
    String* name = as_str(v);
    if (!name)
        raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(v));
    return name;
}

SLPY_THREAD_METHOD(local_getattribute)
{
    if (!check_nargs(vm, "__getattribute__", nargs, 2, 2))
        return Value::null();
    String* name = attr_name(vm, args[1]);
    if (!name || !local_select(vm, self_local(args[0])))
        return Value::null();
    Value r = generic_getattr(vm, args[0], name);
    if (r.is_not_found())
        return raise_attribute_error(vm, args[0], name);
    return r;
}

Value local_set_or_del(VM& vm, Value self, Value n, Value value)
{
    String* name = attr_name(vm, n);
    if (!name)
        return Value::null();
    if (name->view() == "__dict__")
        return raise_fmt(vm, exc::AttributeError, "'%s' object attribute '__dict__' is read-only", type_name(self));
    if (!local_select(vm, self_local(self)))
        return Value::null();
    if (!generic_setattr(vm, self, name, value))
        return Value::null();
    return py_none();
}

SLPY_THREAD_METHOD(local_setattr)
{
    if (!check_nargs(vm, "__setattr__", nargs, 3, 3))
        return Value::null();
    return local_set_or_del(vm, args[0], args[1], args[2]);
}

SLPY_THREAD_METHOD(local_delattr)
{
    if (!check_nargs(vm, "__delattr__", nargs, 2, 2))
        return Value::null();
    return local_set_or_del(vm, args[0], args[1], Value::null());
}

// ------------------------------------------------------------------ threads

// _thread_boot is the bottom of every thread: CPython's thread_run. SystemExit ends the
// thread quietly; another exception is reported as unraisable; then the thread's state
// is released. _lock_wait is the retry loop of a contended acquire.
constexpr char const* kHelperSource = R"PY(
def _lock_wait(lock, deadline, count):
    while True:
        if not _park(lock, deadline):
            return False
        if _try(lock, count):
            return True

def _thread_boot(func, args, kwargs):
    try:
        func(*args, **kwargs)
    except SystemExit:
        pass
    except BaseException as e:
        _report(func, e)
    finally:
        _thread_end()
)PY";

SLPY_THREAD_METHOD(thread_report)
{
    // _report(func, exc): "Exception ignored in thread started by: <func>" and the
    // traceback (sys.unraisablehook's default).
    vm.restore_error(args[1]);
    write_unraisable(vm, "Exception ignored in thread started by", args[0]);
    return py_none();
}

SLPY_THREAD_METHOD(thread_end)
{
    // The ending thread's namespaces leave its _local objects, and whoever waits for
    // it (threading's join at shutdown: the sentinel lock) continues.
    Scheduler* s = scheduler_of(vm);
    ThreadState* ts = current_tstate(vm);
    ThreadVM& st = tvm(vm);
    if (st.count > 0)
        --st.count;
    if (!ts || (s && s->current && !s->current->is_thread))
        return py_none();
    Value key = TRY(int_from_u64(vm, ts->ident));
    if (!st.running.is_null() && dict_del(vm, st.running.as<Dict>(), key) < 0)
        vm.clear_error();
    if (!ts->locals.is_null()) {
        List* lst = ts->locals.as<List>();
        for (size_t i = 0; i < lst->size; ++i) {
            Local* l = self_local(lst->items()[i]);
            Value ns = dict_get(vm, l->dicts.as<Dict>(), key);
            if (!ns.is_null() && !ns.is_not_found() && l->dict.is(ns))
                l->dict = Value::null();
            if (dict_del(vm, l->dicts.as<Dict>(), key) < 0)
                vm.clear_error();
        }
        ts->locals = Value::null();
    }
    if (!ts->sentinel.is_null()) {
        Lock* l = self_lock(ts->sentinel);
        ts->sentinel = Value::null();
        if (l->locked)
            lock_release_impl(vm, l);
    }
    return py_none();
}

// The Python helpers, compiled once per VM; their frames are hidden from tracebacks.
Value thread_helper(VM& vm, bool lock_wait)
{
    ThreadVM& st = tvm(vm);
    if (st.boot.is_null()) {
        Value f[2];
        if (!compile_helpers(vm, "_thread", kHelperSource,
                             { { "_report", thread_report, false }, { "_thread_end", thread_end, false },
                               { "_park", helper_park, true }, { "_try", helper_try, false } },
                             { "_thread_boot", "_lock_wait" }, f))
            return Value::null();
        st.boot = f[0];
        st.lock_wait = f[1];
    }
    return lock_wait ? st.lock_wait : st.boot;
}

SLPY_THREAD_METHOD(thread_start_new_thread)
{
    if (!check_no_kwargs(vm, "start_new_thread", kwnames) || !check_nargs(vm, "start_new_thread", nargs, 2, 3))
        return Value::null();
    if (!is_callable(args[0]))
        return raise(vm, exc::TypeError, "first arg must be callable");
    if (!as_tuple(args[1]))
        return raise(vm, exc::TypeError, "2nd arg must be a tuple");
    if (nargs > 2 && !as_dict(args[2]))
        return raise(vm, exc::TypeError, "optional 3rd arg must be a dictionary");
    Scheduler* s = ensure_scheduler(vm);
    if (!s)
        return Value::null();
    ThreadState* mainst = main_tstate(vm);
    if (!mainst)
        return Value::null();
    if (!s->main->thread_state)
        s->main->thread_state = mainst;
    Value boot = TRY(thread_helper(vm, false));
    ThreadVM& st = tvm(vm);
    // A green thread's ident: unique in the VM, never the main thread's.
    ThreadState* ts = new_tstate(vm, mainst->ident + ((st.serial + 1) << 8));
    if (!ts)
        return Value::null();
    ts->serial = st.serial + 1;
    Value kw = nargs > 2 ? args[2] : Value::null();
    if (kw.is_null()) {
        Dict* d = dict_new(vm);
        if (!d)
            return Value::null();
        kw = Value::from_object(d);
    }
    Value a[3] = { args[0], args[1], kw };
    Frame* f = frame_for_call(vm, boot.as<Function>(), a, 3, nullptr);
    if (!f)
        return Value::null();
    auto* t = static_cast<Tasklet*>(alloc_instance(vm, s->tasklet_type));
    if (!t)
        return Value::null();
    new (&t->run_hook) TaskletHook();
    new (&t->wait_hook) TaskletHook();
    t->tempval = py_none();
    t->thread_state = ts;
    t->is_thread = true;
    t->frame = f;
    if (st.running.is_null()) {
        Dict* d = dict_new(vm);
        if (!d)
            return Value::null();
        st.running = Value::from_object(d);
    }
    Value ident = TRY(int_from_u64(vm, ts->ident));
    if (!dict_set(vm, st.running.as<Dict>(), ident, Value::from_object(t)))
        return Value::null();
    ++st.serial;
    ++st.count;
    s->start_threads();
    s->append(t);
    return int_from_u64(vm, ts->ident);
}

SLPY_THREAD_METHOD(thread_allocate_lock)
{
    if (!check_nargs(vm, "allocate_lock", nargs, 0, 0))
        return Value::null();
    return lock_new_instance(vm, g_lock_type);
}

SLPY_THREAD_METHOD(thread_get_ident) { return int_from_u64(vm, current_ident(vm)); }

// The main thread's is the OS thread's id; a green thread's is distinct from every other
// thread's (threading checks that): above the kernel's largest id (PID_MAX_LIMIT, 2**22).
SLPY_THREAD_METHOD(thread_get_native_id)
{
    ThreadState* ts = current_tstate(vm);
    if (ts && ts->serial)
        return int_from_i64(vm, (int64_t(1) << 30) + int64_t(ts->serial));
    return int_from_i64(vm, int64_t(syscall(SYS_gettid)));
}

SLPY_THREAD_METHOD(thread_count) { return int_from_i64(vm, tvm(vm).count); }

// stack_size([size]): CPython's checks; green threads need no stack of their own (the
// frames are on the heap), so the size is only kept and reported.
SLPY_THREAD_METHOD(thread_stack_size)
{
    if (!check_nargs(vm, "stack_size", nargs, 0, 1))
        return Value::null();
    ThreadVM& st = tvm(vm);
    Value old = int_from_i64(vm, st.stack_size);
    if (nargs == 0)
        return old;
    int64_t size;
    if (!index_i64(vm, args[0], size))
        return Value::null();
    if (size < 0)
        return raise(vm, exc::ValueError, "size must be 0 or a positive value");
    if (size != 0 && size < 32768)
        return raise_fmt(vm, exc::ValueError, "size not valid: %lld bytes", (long long)size);
    st.stack_size = size;
    return old;
}

SLPY_THREAD_METHOD(thread_exit) { return raise_with_args(vm, exc::SystemExit, nullptr); }

SLPY_THREAD_METHOD(thread_interrupt_main)
{
    Value a[1];
    if (!parse_args(vm, "interrupt_main", args, nargs, kwnames, { "signum" }, 0, a))
        return Value::null();
    int64_t signum = SIGINT;
    if (!a[0].is_null() && !index_i64(vm, a[0], signum))
        return Value::null();
    if (signum < 1 || signum >= 65)
        return raise(vm, exc::ValueError, "signal number out of range");
    // As CPython's PyErr_SetInterruptEx: a signal that Python does not handle (SIG_DFL,
    // SIG_IGN) does nothing; otherwise its Python handler runs, in the main thread.
    String* modname = intern(vm, "_signal");
    String* getsignal = intern(vm, "getsignal");
    String* dflt_name = intern(vm, "default_int_handler");
    if (!modname || !getsignal || !dflt_name)
        return Value::null();
    Value sigmod = TRY(interp(vm).import_module(modname));
    Value sn = Value::small_int(signum);
    Value h = TRY(call_method(vm, sigmod, getsignal, &sn, 1));
    if (is_none(h) || is_int(h))
        return py_none();
    Value dflt = TRY(getattr_opt(vm, sigmod, dflt_name));
    Scheduler* s = scheduler_of(vm);
    if (h.is(dflt) && s && s->main && s->current != s->main && s->alive(s->main)) {
        // From another thread: the main thread gets KeyboardInterrupt where it waits
        // (a bomb, as tasklet.throw with pending=True).
        Value e = TRY(call(vm, Value::from_object(exc::KeyboardInterrupt), nullptr, 0));
        if (s->main->parked) {
            Bomb* b = s->make_bomb(e);
            if (!b)
                return Value::null();
            s->wake(s->main, Value::from_object(b));
            return py_none();
        }
        TRY(s->tasklet_throw(s->main, e, true, false));
        return py_none();
    }
    // In the main thread the handler runs at once ("raised instantly").
    Value hargs[2] = { sn, py_none() };
    TRY(call(vm, h, hargs, 2));
    return py_none();
}

// _set_sentinel(): a lock that the interpreter releases when the calling thread ends
// (threading acquires it and joins on it).
SLPY_THREAD_METHOD(thread_set_sentinel)
{
    if (!check_nargs(vm, "_set_sentinel", nargs, 0, 0))
        return Value::null();
    ThreadState* ts = current_tstate(vm);
    if (!ts)
        return Value::null();
    Value l = TRY(lock_new_instance(vm, g_lock_type));
    ts->sentinel = l;
    return l;
}

// _excepthook(args): what threading.excepthook does by default: "Exception in thread
// NAME:" and the traceback to sys.stderr; SystemExit is silent.
SLPY_THREAD_METHOD(thread_excepthook)
{
    if (!check_nargs(vm, "_excepthook", nargs, 1, 1))
        return Value::null();
    if (type_of(args[0]) != g_excepthook_args)
        return raise(vm, exc::TypeError, "_thread._excepthook argument type must be ExceptHookArgs");
    Value exc_type = TRY(struct_seq_get(vm, args[0], 0));
    Value exc_value = TRY(struct_seq_get(vm, args[0], 1));
    Value thread = TRY(struct_seq_get(vm, args[0], 3));
    if (exc_type.is(Value::from_object(exc::SystemExit)))
        return py_none();
    std::string who;
    if (!is_none(thread)) {
        String* n = intern(vm, "name");
        Value name = n ? getattr_opt(vm, thread, n) : Value::null();
        if (name.is_null())
            return Value::null();
        if (!name.is_not_found()) {
            Value s = TRY(to_str(vm, name));
            who = as_str(s)->c_str();
        }
    }
    if (who.empty())
        who = std::to_string(current_ident(vm));
    Interpreter& in = interp(vm);
    Value err = in.sys_module ? dict_get_str(vm, in.sys_module->dict, names.stderr) : Value::not_found();
    if (err.is_null())
        return Value::null();
    if ((err.is_not_found() || is_none(err)) && !is_none(thread)) {
        // sys.stderr is gone (None): the stderr the Thread saved when it was made.
        String* saved = intern(vm, "_stderr");
        err = saved ? getattr_opt(vm, thread, saved) : Value::null();
        if (err.is_null())
            return Value::null();
    }
    if (err.is_not_found() || is_none(err))
        return py_none();
    Value text = TRY(str_value(vm, "Exception in thread " + who + ":\n"));
    TRY(call_method(vm, err, names.write, &text, 1));
    if (!is_none(exc_value))
        print_exception_to(vm, exc_value, err);
    (void)call_method(vm, err, names.flush, nullptr, 0);
    vm.clear_error();
    return py_none();
}

#undef SLPY_THREAD_METHOD

void setup_types(VM& vm)
{
    if (g_lock_type)
        return;
    g_lock_type = make_builtin_type(vm, "lock", nullptr, sizeof(Lock), 0, lock_trace);
    add_methods(vm, g_lock_type, {
        { "acquire", lock_acquire, METH_SWITCH }, { "acquire_lock", lock_acquire, METH_SWITCH }, { "release", lock_release },
        { "release_lock", lock_release }, { "locked", lock_locked }, { "locked_lock", lock_locked },
        { "_at_fork_reinit", lock_at_fork_reinit }, { "__enter__", lock_enter, METH_SWITCH }, { "__exit__", lock_exit },
        { "__repr__", lock_repr },
    });
    g_rlock_type = make_builtin_type(vm, "RLock", nullptr, sizeof(RLock), TF_BASETYPE, rlock_trace);
    add_methods(vm, g_rlock_type, {
        { "__new__", rlock_new, METH_STATIC }, { "acquire", rlock_acquire, METH_SWITCH }, { "release", rlock_release },
        { "_is_owned", rlock_is_owned }, { "_recursion_count", rlock_recursion_count },
        { "_release_save", rlock_release_save }, { "_acquire_restore", rlock_acquire_restore, METH_SWITCH },
        { "_at_fork_reinit", rlock_at_fork_reinit }, { "__enter__", rlock_enter, METH_SWITCH }, { "__exit__", rlock_release },
        { "__repr__", rlock_repr },
    });
    g_local_type = make_builtin_type(vm, "_local", nullptr, sizeof(Local), TF_BASETYPE, local_trace);
    g_local_type->dict_offset = sizeof(Object);
    add_methods(vm, g_local_type, {
        { "__new__", local_new, METH_STATIC }, { "__getattribute__", local_getattribute },
        { "__setattr__", local_setattr }, { "__delattr__", local_delattr },
    });
    add_getsets(vm, g_local_type, { { "__dict__", instance_dict_get, instance_dict_set } });
    g_tstate_type = make_builtin_type(vm, "_ThreadState", nullptr, sizeof(ThreadState), 0, tstate_trace);
    for (TypeObject* t : { g_lock_type, g_rlock_type, g_local_type, g_tstate_type })
        set_native_type_module(vm, t, "_thread");
    finish_builtin_type(vm, g_lock_type);
    finish_builtin_type(vm, g_rlock_type);
    finish_builtin_type(vm, g_local_type);
    finish_builtin_type(vm, g_tstate_type);
    // Locks accept weak references, as CPython's.
    for (TypeObject* t : { g_lock_type, g_rlock_type, g_local_type })
        t->tflags |= TF_LAYOUT_WEAKREF;
    g_excepthook_args = struct_seq_type(vm, "_thread", "_ExceptHookArgs", { "exc_type", "exc_value", "exc_traceback", "thread" }, 4);
}

} // namespace

Module* make_thread_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_thread");
    module_add_functions(vm, m, {
        { "allocate_lock", thread_allocate_lock }, { "allocate", thread_allocate_lock },
        { "get_ident", thread_get_ident }, { "get_native_id", thread_get_native_id }, { "_count", thread_count },
        { "stack_size", thread_stack_size }, { "start_new_thread", thread_start_new_thread },
        { "start_new", thread_start_new_thread }, { "exit", thread_exit }, { "exit_thread", thread_exit },
        { "interrupt_main", thread_interrupt_main }, { "_set_sentinel", thread_set_sentinel },
        { "_excepthook", thread_excepthook },
    });
    module_add(vm, m, "LockType", Value::from_object(g_lock_type));
    module_add(vm, m, "RLock", Value::from_object(g_rlock_type));
    module_add(vm, m, "_local", Value::from_object(g_local_type));
    module_add(vm, m, "_ExceptHookArgs", Value::from_object(g_excepthook_args));
    module_add(vm, m, "error", Value::from_object(exc::RuntimeError));
    module_add(vm, m, "TIMEOUT_MAX", Value::from_double(kTimeoutMax));
    return m;
}

// threading._shutdown() at interpreter exit (CPython's wait_for_thread_shutdown): the
// main thread waits for the non-daemon threads when threading was imported.
void thread_shutdown(VM& vm)
{
    Interpreter& in = interp(vm);
    if (!in.sys_module)
        return;
    Value mods = dict_get_str(vm, in.sys_module->dict, intern(vm, "modules"));
    if (mods.is_null() || mods.is_not_found() || !as_dict(mods)) {
        vm.clear_error();
        return;
    }
    Value threading = dict_get_str(vm, as_dict(mods), intern(vm, "threading"));
    if (threading.is_null() || threading.is_not_found()) {
        vm.clear_error();
        return;
    }
    if (call_method(vm, threading, intern(vm, "_shutdown"), nullptr, 0).is_null())
        write_unraisable(vm, "Exception ignored on threading shutdown:", Value::null());
}

// _thread.get_ident() for the import locks (stackless/imports/import_locks.cpp).
uint64_t thread_current_ident(VM& vm) { return current_ident(vm); }

Value wait_without_scheduler(VM& vm, int64_t wait_ns, char const* what) { return wait_alone(vm, wait_ns, what); }

bool thread_snapshots(VM& vm, std::vector<ThreadSnapshot>& out)
{
    Scheduler* s = scheduler_of(vm);
    Interpreter& in = interp(vm);
    auto add = [&](uint64_t ident, Tasklet* t) {
        bool running = !s || !t || t == s->current;
        Frame* f = running ? in.current : t->frame;
        while (f && (f->code->flags & CO_SLPY_HIDDEN))
            f = f->back;
        Value e = running ? in.exc_info : t->exc_info;
        out.push_back(ThreadSnapshot { ident, f, e });
    };
    ThreadState* m = main_tstate(vm);
    if (!m)
        return false;
    add(m->ident, s ? s->main : nullptr);
    ThreadVM& st = tvm(vm);
    if (st.running.is_null())
        return true;
    Dict* d = st.running.as<Dict>();
    DictEntry const* entries = d->entry_table();
    for (uint32_t i = 0; i < d->nentries; ++i) {
        if (entries[i].key.is_null() || !entries[i].value.is_object())
            continue;
        auto* t = static_cast<Tasklet*>(entries[i].value.as_object());
        if (s && s->alive(t))
            add(static_cast<ThreadState*>(t->thread_state)->ident, t);
    }
    return true;
}

} // namespace slpy
