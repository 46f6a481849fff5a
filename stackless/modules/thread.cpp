// The _thread module: locks (lock, RLock), thread identity, _local, _excepthook, as
// CPython 3.11's, for a VM that runs one thread.
//
// Threads are not supported yet (they will run on tasklets): start_new_thread raises
// RuntimeError naming the feature. With one thread nothing can release a lock the
// thread holds, so a blocking acquire of a held lock with no timeout would hang forever:
// it raises RuntimeError (deadlock) instead; with a timeout it sleeps that long (Ctrl-C
// and the VM's pending work still run) and returns False, as it would in CPython.
#include "stackless/modules/runtime_modules.h"

#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/records.h"
#include "stackless/vm/interpreter.h"

#include <cerrno>
#include <climits>
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
};

struct RLock : Object {
    uint64_t owner; // thread ident, 0 when free
    uint64_t count;
};

TypeObject* g_lock_type = nullptr;
TypeObject* g_rlock_type = nullptr;
TypeObject* g_local_type = nullptr;
TypeObject* g_excepthook_args = nullptr; // rooted by the struct sequence registry

uint64_t current_ident() { return uint64_t(pthread_self()); }

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

// Waiting for a lock only this thread could release: sleeps out the timeout (the answer
// is then False), or raises the deadlock error when there is none.
bool wait_for_held_lock(VM& vm, int64_t wait_ns)
{
    if (wait_ns < 0) {
        raise(vm, exc::RuntimeError,
              "deadlock: acquiring a lock that the only thread holds would block forever "
              "(threads are not supported yet: use stackless tasklets)");
        return false;
    }
    if (wait_ns == 0)
        return true;
    timespec deadline {};
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    int64_t total = int64_t(deadline.tv_nsec) + wait_ns % kNsPerSec;
    deadline.tv_sec += time_t(wait_ns / kNsPerSec + total / kNsPerSec);
    deadline.tv_nsec = long(total % kNsPerSec);
    for (;;) {
        if (!check_pending(vm))
            return false;
        int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
        if (r == 0 || r != EINTR)
            return true;
    }
}

#define SLPY_THREAD_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ lock

Lock* self_lock(Value v) { return static_cast<Lock*>(v.as_object()); }

Value lock_new_instance(VM& vm, TypeObject* type)
{
    auto* l = static_cast<Lock*>(alloc_instance(vm, type));
    if (!l)
        return Value::null();
    l->locked = false;
    return Value::from_object(l);
}

SLPY_THREAD_METHOD(lock_acquire)
{
    int64_t wait_ns;
    if (!acquire_args(vm, "acquire", args, nargs, kwnames, wait_ns))
        return Value::null();
    Lock* l = self_lock(args[0]);
    if (!l->locked) {
        l->locked = true;
        return py_true();
    }
    if (!wait_for_held_lock(vm, wait_ns))
        return Value::null();
    return py_false();
}

SLPY_THREAD_METHOD(lock_enter)
{
    if (!check_nargs(vm, "__enter__", nargs - 1, 0, 0))
        return Value::null();
    return lock_acquire(vm, args, 1, nullptr);
}

SLPY_THREAD_METHOD(lock_release)
{
    if (!check_noargs_method(vm, "lock", "release", nargs - 1, kwnames))
        return Value::null();
    Lock* l = self_lock(args[0]);
    if (!l->locked)
        return raise(vm, exc::RuntimeError, "release unlocked lock");
    l->locked = false;
    return py_none();
}

SLPY_THREAD_METHOD(lock_exit)
{
    Lock* l = self_lock(args[0]);
    if (!l->locked)
        return raise(vm, exc::RuntimeError, "release unlocked lock");
    l->locked = false;
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
    self_lock(args[0])->locked = false;
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

SLPY_THREAD_METHOD(rlock_new)
{
    auto* r = static_cast<RLock*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!r)
        return Value::null();
    r->owner = 0;
    r->count = 0;
    return Value::from_object(r);
}

SLPY_THREAD_METHOD(rlock_acquire)
{
    int64_t wait_ns;
    if (!acquire_args(vm, "acquire", args, nargs, kwnames, wait_ns))
        return Value::null();
    RLock* r = self_rlock(args[0]);
    uint64_t me = current_ident();
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
    if (!wait_for_held_lock(vm, wait_ns))
        return Value::null();
    return py_false();
}

SLPY_THREAD_METHOD(rlock_enter) { return rlock_acquire(vm, args, 1, nullptr); }

SLPY_THREAD_METHOD(rlock_release)
{
    RLock* r = self_rlock(args[0]);
    if (r->count == 0 || r->owner != current_ident())
        return raise(vm, exc::RuntimeError, "cannot release un-acquired lock");
    if (--r->count == 0)
        r->owner = 0;
    return py_none();
}

SLPY_THREAD_METHOD(rlock_is_owned)
{
    RLock* r = self_rlock(args[0]);
    return py_bool(r->count > 0 && r->owner == current_ident());
}

SLPY_THREAD_METHOD(rlock_recursion_count)
{
    RLock* r = self_rlock(args[0]);
    return int_from_u64(vm, r->owner == current_ident() ? r->count : 0);
}

SLPY_THREAD_METHOD(rlock_release_save)
{
    RLock* r = self_rlock(args[0]);
    if (r->count == 0)
        return raise(vm, exc::RuntimeError, "cannot release un-acquired lock");
    Value count = TRY(int_from_u64(vm, r->count));
    Value owner = TRY(int_from_u64(vm, r->owner));
    r->count = 0;
    r->owner = 0;
    return Value::from_object(tuple_pack(vm, { count, owner }));
}

SLPY_THREAD_METHOD(rlock_acquire_restore)
{
    if (!check_nargs(vm, "_acquire_restore", nargs - 1, 1, 1))
        return Value::null();
    Tuple* state = as_tuple(args[1]);
    if (!state || state->size != 2)
        return raise(vm, exc::TypeError, "_acquire_restore() argument 1 must be a 2-tuple");
    RLock* r = self_rlock(args[0]);
    if (r->count != 0 && !wait_for_held_lock(vm, -1))
        return Value::null();
    Value count = TRY(index(vm, state->items[0]));
    Value owner = TRY(index(vm, state->items[1]));
    int64_t c, o;
    if (!int_to_i64(int_unwrap(count), c))
        c = 0;
    if (!int_to_i64(int_unwrap(owner), o))
        o = 0;
    r->count = uint64_t(c);
    r->owner = uint64_t(o);
    return py_none();
}

SLPY_THREAD_METHOD(rlock_at_fork_reinit)
{
    RLock* r = self_rlock(args[0]);
    r->count = 0;
    r->owner = 0;
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

// ------------------------------------------------------------------ _local

// One thread: the thread-local namespace is the instance's own __dict__.
void local_trace(Object* self, Tracer& t) { t.visit(*reinterpret_cast<Object**>(reinterpret_cast<char*>(self) + sizeof(Object))); }

SLPY_THREAD_METHOD(local_new)
{
    auto* cls = args[0].as<TypeObject>();
    // As CPython: arguments only when a subclass has an __init__ to take them.
    if ((nargs > 1 || (kwnames && kwnames->size)) && cls->slot(Slot::INIT).is(types.object->slot(Slot::INIT)))
        return raise(vm, exc::TypeError, "Initialization arguments are not supported");
    Object* o = alloc_instance(vm, cls);
    return o ? Value::from_object(o) : Value::null();
}

// ------------------------------------------------------------------ module functions

SLPY_THREAD_METHOD(thread_allocate_lock)
{
    if (!check_nargs(vm, "allocate_lock", nargs, 0, 0))
        return Value::null();
    return lock_new_instance(vm, g_lock_type);
}

SLPY_THREAD_METHOD(thread_get_ident) { return int_from_u64(vm, current_ident()); }

SLPY_THREAD_METHOD(thread_get_native_id) { return int_from_i64(vm, int64_t(syscall(SYS_gettid))); }

SLPY_THREAD_METHOD(thread_count) { return Value::small_int(0); }

// stack_size([size]): CPython's checks; no thread is ever started, so no size is kept
// and the answer is always 0 (the platform default).
SLPY_THREAD_METHOD(thread_stack_size)
{
    if (!check_nargs(vm, "stack_size", nargs, 0, 1))
        return Value::null();
    Value old = Value::small_int(0);
    if (nargs == 0)
        return old;
    int64_t size;
    if (!index_i64(vm, args[0], size))
        return Value::null();
    if (size < 0)
        return raise(vm, exc::ValueError, "size must be 0 or a positive value");
    if (size != 0 && size < 32768)
        return raise_fmt(vm, exc::ValueError, "size not valid: %lld bytes", (long long)size);
    return old;
}

SLPY_THREAD_METHOD(thread_start_new_thread)
{
    if (!check_nargs(vm, "start_new_thread", nargs, 2, 3))
        return Value::null();
    return raise(vm, exc::RuntimeError, "threads are not supported yet: use stackless tasklets");
}

SLPY_THREAD_METHOD(thread_exit) { return raise_with_args(vm, exc::SystemExit, nullptr); }

SLPY_THREAD_METHOD(thread_interrupt_main)
{
    Value a[1];
    if (!parse_args(vm, "interrupt_main", args, nargs, kwnames, { "signum" }, 0, a))
        return Value::null();
    int64_t signum = 2;
    if (!a[0].is_null() && !index_i64(vm, a[0], signum))
        return Value::null();
    if (signum != 2)
        return raise_fmt(vm, exc::ValueError, "interrupt_main() of signal %lld is not supported yet", (long long)signum);
    vm.pending.fetch_or(VM::kPendingInterrupt, std::memory_order_relaxed);
    return py_none();
}

SLPY_THREAD_METHOD(thread_set_sentinel)
{
    if (!check_nargs(vm, "_set_sentinel", nargs, 0, 0))
        return Value::null();
    return lock_new_instance(vm, g_lock_type);
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
        who = std::to_string(current_ident());
    Interpreter& in = interp(vm);
    Value err = in.sys_module ? dict_get_str(vm, in.sys_module->dict, names.stderr) : Value::not_found();
    if (err.is_null())
        return Value::null();
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
    g_lock_type = make_builtin_type(vm, "lock", nullptr, sizeof(Lock), 0);
    add_methods(vm, g_lock_type, {
        { "acquire", lock_acquire }, { "acquire_lock", lock_acquire }, { "release", lock_release },
        { "release_lock", lock_release }, { "locked", lock_locked }, { "locked_lock", lock_locked },
        { "_at_fork_reinit", lock_at_fork_reinit }, { "__enter__", lock_enter }, { "__exit__", lock_exit },
        { "__repr__", lock_repr },
    });
    g_rlock_type = make_builtin_type(vm, "RLock", nullptr, sizeof(RLock), TF_BASETYPE);
    add_methods(vm, g_rlock_type, {
        { "__new__", rlock_new, METH_STATIC }, { "acquire", rlock_acquire }, { "release", rlock_release },
        { "_is_owned", rlock_is_owned }, { "_recursion_count", rlock_recursion_count },
        { "_release_save", rlock_release_save }, { "_acquire_restore", rlock_acquire_restore },
        { "_at_fork_reinit", rlock_at_fork_reinit }, { "__enter__", rlock_enter }, { "__exit__", rlock_release },
        { "__repr__", rlock_repr },
    });
    g_local_type = make_builtin_type(vm, "_local", nullptr, sizeof(Object) + sizeof(Value), TF_BASETYPE, local_trace);
    g_local_type->dict_offset = sizeof(Object);
    add_methods(vm, g_local_type, { { "__new__", local_new, METH_STATIC } });
    add_getsets(vm, g_local_type, { { "__dict__", instance_dict_get, instance_dict_set } });
    for (TypeObject* t : { g_lock_type, g_rlock_type, g_local_type })
        set_native_type_module(vm, t, "_thread");
    finish_builtin_type(vm, g_lock_type);
    finish_builtin_type(vm, g_rlock_type);
    finish_builtin_type(vm, g_local_type);
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

} // namespace slpy
