// The _signal module: Python-level signal handlers, as CPython 3.11's.
//
// A signal disposition belongs to the process, so the C handler finds its VM through the
// process's signal VM (stackless/vm/interrupt.h): the main interpreter of the main
// thread, as in CPython. Only that VM may set handlers or the wakeup fd (ValueError in
// any other, as CPython's subinterpreters and threads), so the per-signal "tripped" flags
// and the wakeup fd, process-level atomics because the handler may only touch lock-free
// atomics (async-signal-safe), are written by one VM alone.
// The handler marks the signal, writes its number to the wakeup fd if one is set, and
// asks the VM for a pending call (VM::kPendingCalls); the eval loop then runs the Python
// handler at its next poll, with the signal number and None for the frame, as CPython
// runs them between bytecodes. An exception raised by a handler propagates from there.
//
// The Python handlers themselves are per-VM state (traced). At start the table mirrors
// the process's dispositions: SIG_DFL, SIG_IGN, and default_int_handler for SIGINT,
// whose C handler stays interrupt.cpp's until a Python handler replaces it.
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/interrupt.h"

#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/time.h>
#include <unistd.h>

namespace slpy {

// OSError (or its errno subclass) for `err` (stackless/modules/io_buffered.cpp).
Value raise_errno(VM& vm, int err, Value filename);

namespace {

constexpr int kNsig = 65; // NSIG on Linux (signals 1..64)

std::atomic<bool> g_tripped[kNsig];
std::atomic<int> g_wakeup_fd { -1 };

extern "C" void on_signal(int signum)
{
    int saved = errno;
    if (signum > 0 && signum < kNsig)
        g_tripped[signum].store(true, std::memory_order_relaxed);
    int fd = g_wakeup_fd.load(std::memory_order_relaxed);
    if (fd >= 0) {
        unsigned char byte = static_cast<unsigned char>(signum);
        (void)!::write(fd, &byte, 1);
    }
    if (VM* vm = signal_vm())
        vm->request_pending_calls();
    errno = saved;
}

char const kSignalStateKey = 0;

struct SignalState : VM::ModuleState {
    explicit SignalState(VM& vm) : vm(vm) {}
    // A VM that goes puts back the default disposition of the signals it handled (their C
    // handler would find no VM) and gives up being the signal VM.
    ~SignalState() override
    {
        if (signal_vm() != &vm)
            return;
        for (int sig = 1; sig < kNsig; ++sig)
            if (!handlers[sig].is_null() && !handlers[sig].is_int())
                std::signal(sig, SIG_DFL);
        release_signal_vm(vm);
    }
    VM& vm;
    Value handlers[kNsig];     // Python-level handler of each signal (null: never queried)
    Value default_int_handler; // the module's builtin

    void trace(Tracer& t) override
    {
        for (Value v : handlers)
            t.visit(v);
        t.visit(default_int_handler);
    }

    bool run_pending(VM& vm) override
    {
        for (int sig = 1; sig < kNsig; ++sig) {
            if (!g_tripped[sig].load(std::memory_order_relaxed))
                continue;
            g_tripped[sig].store(false, std::memory_order_relaxed);
            Value h = handlers[sig];
            if (h.is_null() || h.is_int())
                continue; // SIG_DFL / SIG_IGN meanwhile: nothing to run
            Value args[2] = { Value::small_int(sig), py_none() };
            if (call(vm, h, args, 2).is_null()) {
                // The rest stay tripped for the next poll.
                for (int rest = sig + 1; rest < kNsig; ++rest)
                    if (g_tripped[rest].load(std::memory_order_relaxed)) {
                        vm.request_pending_calls();
                        break;
                    }
                return false;
            }
        }
        return true;
    }
};

SignalState& state(VM& vm) { return module_state<SignalState>(vm, &kSignalStateKey); }

bool signum_arg(VM& vm, Value v, int& out)
{
    int64_t n;
    if (!index_i64(vm, v, n))
        return false;
    if (n < 1 || n >= kNsig) {
        raise(vm, exc::ValueError, "signal number out of range");
        return false;
    }
    out = int(n);
    return true;
}

// The Python view of the disposition the process has now.
Value current_disposition(SignalState& st, int sig)
{
    struct sigaction sa {};
    if (sigaction(sig, nullptr, &sa) != 0)
        return py_none();
    if (sa.sa_handler == SIG_DFL)
        return Value::small_int(0);
    if (sa.sa_handler == SIG_IGN)
        return Value::small_int(1);
    if (sig == SIGINT)
        return st.default_int_handler; // interrupt.cpp's KeyboardInterrupt
    return py_none();
}

Value handler_of(SignalState& st, int sig)
{
    if (st.handlers[sig].is_null())
        return current_disposition(st, sig);
    return st.handlers[sig];
}

#define SLPY_SIGNAL_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_SIGNAL_FN(signal_default_int_handler)
{
    return raise_with_args(vm, exc::KeyboardInterrupt, nullptr);
}

SLPY_SIGNAL_FN(signal_signal)
{
    if (!check_no_kwargs(vm, "signal", kwnames) || !check_nargs(vm, "signal", nargs, 2, 2))
        return Value::null();
    int sig;
    if (!signum_arg(vm, args[0], sig))
        return Value::null();
    if (!claim_signal_vm(vm))
        return raise(vm, exc::ValueError, "signal only works in main thread of the main interpreter");
    Value handler = args[1];
    void (*c_handler)(int);
    if (handler.is_int() && handler.as_int() == 0) {
        c_handler = SIG_DFL;
    } else if (handler.is_int() && handler.as_int() == 1) {
        c_handler = SIG_IGN;
    } else if (is_callable(handler) && !is_instance_fast(handler, types.int_)) {
        c_handler = on_signal;
    } else {
        return raise(vm, exc::TypeError, "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    }
    if (c_handler == SIG_DFL || c_handler == SIG_IGN)
        handler = Value::small_int(c_handler == SIG_IGN ? 1 : 0);
    SignalState& st = state(vm);
    Value old = handler_of(st, sig);
    struct sigaction sa {};
    sa.sa_handler = c_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: blocking calls see EINTR and poll vm.pending, as for SIGINT
    if (sigaction(sig, &sa, nullptr) != 0)
        return raise_errno(vm, errno, Value::null());
    st.handlers[sig] = handler;
    g_tripped[sig].store(false, std::memory_order_relaxed);
    return old;
}

SLPY_SIGNAL_FN(signal_getsignal)
{
    if (!check_no_kwargs(vm, "getsignal", kwnames) || !check_nargs(vm, "getsignal", nargs, 1, 1))
        return Value::null();
    int sig;
    if (!signum_arg(vm, args[0], sig))
        return Value::null();
    return handler_of(state(vm), sig);
}

SLPY_SIGNAL_FN(signal_raise_signal)
{
    if (!check_no_kwargs(vm, "raise_signal", kwnames) || !check_nargs(vm, "raise_signal", nargs, 1, 1))
        return Value::null();
    int64_t n;
    if (!index_i64(vm, args[0], n))
        return Value::null();
    if (n < 0 || n >= kNsig)
        return raise(vm, exc::ValueError, "signal number out of range");
    if (::raise(int(n)) != 0)
        return raise_errno(vm, errno, Value::null());
    // As CPython: the handler runs before raise_signal returns.
    if (!check_pending(vm))
        return Value::null();
    return py_none();
}

SLPY_SIGNAL_FN(signal_strsignal)
{
    if (!check_no_kwargs(vm, "strsignal", kwnames) || !check_nargs(vm, "strsignal", nargs, 1, 1))
        return Value::null();
    int sig;
    if (!signum_arg(vm, args[0], sig))
        return Value::null();
    // CPython's own table for the classic signals (glibc words them differently).
    char const* name = nullptr;
    switch (sig) {
    case SIGINT: name = "Interrupt"; break;
    case SIGILL: name = "Illegal instruction"; break;
    case SIGABRT: name = "Aborted"; break;
    case SIGFPE: name = "Floating point exception"; break;
    case SIGSEGV: name = "Segmentation fault"; break;
    case SIGTERM: name = "Terminated"; break;
    case SIGHUP: name = "Hangup"; break;
    case SIGQUIT: name = "Quit"; break;
    case SIGTRAP: name = "Trace/breakpoint trap"; break;
    case SIGBUS: name = "Bus error"; break;
    case SIGKILL: name = "Killed"; break;
    case SIGUSR1: name = "User defined signal 1"; break;
    case SIGUSR2: name = "User defined signal 2"; break;
    case SIGPIPE: name = "Broken pipe"; break;
    case SIGALRM: name = "Alarm clock"; break;
    default: break;
    }
    std::string text;
    if (name) {
        text = name;
    } else {
        char const* s = ::strsignal(sig);
        if (!s || std::strncmp(s, "Unknown signal", 14) == 0 || std::strncmp(s, "Real-time signal", 16) == 0)
            return py_none();
        text = s;
    }
    return str_value(vm, text);
}

SLPY_SIGNAL_FN(signal_valid_signals)
{
    Value set = TRY(call0(vm, Value::from_object(types.set)));
    for (int sig = 1; sig < kNsig; ++sig) {
        if (sig == 32 || sig == 33) // glibc reserves these two real-time signals
            continue;
        Value item = Value::small_int(sig);
        TRY(call_method(vm, set, intern(vm, "add"), &item, 1));
    }
    return set;
}

SLPY_SIGNAL_FN(signal_alarm)
{
    if (!check_no_kwargs(vm, "alarm", kwnames) || !check_nargs(vm, "alarm", nargs, 1, 1))
        return Value::null();
    int64_t secs;
    if (!index_i64(vm, args[0], secs))
        return Value::null();
    if (secs < 0 || secs > UINT32_MAX)
        return raise(vm, exc::OverflowError, "Python int too large to convert to C unsigned long");
    return int_from_i64(vm, int64_t(::alarm(unsigned(secs))));
}

SLPY_SIGNAL_FN(signal_pause)
{
    ::pause();
    if (!check_pending(vm))
        return Value::null();
    return py_none();
}

SLPY_SIGNAL_FN(signal_siginterrupt)
{
    if (!check_no_kwargs(vm, "siginterrupt", kwnames) || !check_nargs(vm, "siginterrupt", nargs, 2, 2))
        return Value::null();
    int sig;
    if (!signum_arg(vm, args[0], sig))
        return Value::null();
    int flag = truthy(vm, args[1]);
    if (flag < 0)
        return Value::null();
    struct sigaction sa {};
    if (sigaction(sig, nullptr, &sa) != 0)
        return raise_errno(vm, errno, Value::null());
    if (flag)
        sa.sa_flags &= ~SA_RESTART;
    else
        sa.sa_flags |= SA_RESTART;
    if (sigaction(sig, &sa, nullptr) != 0)
        return raise_errno(vm, errno, Value::null());
    return py_none();
}

// set_wakeup_fd(fd, *, warn_on_full_buffer=True): the fd the C handler writes the signal
// number to (-1: none); returns the previous one.
SLPY_SIGNAL_FN(signal_set_wakeup_fd)
{
    Value a[2];
    if (!parse_args(vm, "set_wakeup_fd", args, nargs, kwnames, { "fd", "warn_on_full_buffer" }, 1, a, 1))
        return Value::null();
    int64_t fd;
    if (!index_i64(vm, a[0], fd))
        return Value::null();
    if (!claim_signal_vm(vm))
        return raise(vm, exc::ValueError, "set_wakeup_fd only works in main thread of the main interpreter");
    if (fd != -1) {
        if (fd < 0 || fd > INT32_MAX || ::fcntl(int(fd), F_GETFD) < 0)
            return raise_errno(vm, EBADF, Value::null());
    }
    int old = g_wakeup_fd.exchange(int(fd), std::memory_order_relaxed);
    return int_from_i64(vm, old);
}

SLPY_SIGNAL_FN(signal_pthread_kill)
{
    if (!check_no_kwargs(vm, "pthread_kill", kwnames) || !check_nargs(vm, "pthread_kill", nargs, 2, 2))
        return Value::null();
    Value ident = TRY(index(vm, args[0]));
    int64_t id;
    if (!int_to_i64(int_unwrap(ident), id))
        return raise(vm, exc::OverflowError, "Python int too large to convert to C unsigned long");
    int64_t sig;
    if (!index_i64(vm, args[1], sig))
        return Value::null();
    if (int err = pthread_kill(pthread_t(uint64_t(id)), int(sig)))
        return raise_errno(vm, err, Value::null());
    if (!check_pending(vm))
        return Value::null();
    return py_none();
}

// A set of signal numbers from an iterable (pthread_sigmask, sigwait).
bool sigset_arg(VM& vm, Value iterable, sigset_t& out)
{
    sigemptyset(&out);
    Value it = get_iter(vm, iterable);
    if (it.is_null())
        return false;
    for (;;) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            return true;
        int64_t n;
        if (!index_i64(vm, item, n))
            return false;
        if (n < 1 || n >= kNsig) {
            raise_fmt(vm, exc::ValueError, "signal number %lld out of range [1; %d]", (long long)n, kNsig - 1);
            return false;
        }
        sigaddset(&out, int(n));
    }
}

Value sigset_to_set(VM& vm, sigset_t const& s)
{
    Value set = TRY(call0(vm, Value::from_object(types.set)));
    String* add = intern(vm, "add");
    if (!add)
        return Value::null();
    for (int sig = 1; sig < kNsig; ++sig)
        if (sigismember(&s, sig) == 1) {
            Value item = Value::small_int(sig);
            TRY(call_method(vm, set, add, &item, 1));
        }
    return set;
}

SLPY_SIGNAL_FN(signal_pthread_sigmask)
{
    if (!check_no_kwargs(vm, "pthread_sigmask", kwnames) || !check_nargs(vm, "pthread_sigmask", nargs, 2, 2))
        return Value::null();
    int64_t how;
    if (!index_i64(vm, args[0], how))
        return Value::null();
    sigset_t mask, previous;
    if (!sigset_arg(vm, args[1], mask))
        return Value::null();
    if (int err = pthread_sigmask(int(how), &mask, &previous))
        return raise_errno(vm, err, Value::null());
    if (!check_pending(vm))
        return Value::null();
    return sigset_to_set(vm, previous);
}

SLPY_SIGNAL_FN(signal_sigpending)
{
    sigset_t s;
    if (sigpending(&s) != 0)
        return raise_errno(vm, errno, Value::null());
    return sigset_to_set(vm, s);
}

SLPY_SIGNAL_FN(signal_sigwait)
{
    if (!check_no_kwargs(vm, "sigwait", kwnames) || !check_nargs(vm, "sigwait", nargs, 1, 1))
        return Value::null();
    sigset_t s;
    if (!sigset_arg(vm, args[0], s))
        return Value::null();
    int sig = 0;
    if (int err = sigwait(&s, &sig))
        return raise_errno(vm, err, Value::null());
    return Value::small_int(sig);
}

TypeObject* g_itimer_error = nullptr;

Value itimer_tuple(VM& vm, itimerval const& v)
{
    double value = double(v.it_value.tv_sec) + double(v.it_value.tv_usec) / 1e6;
    double interval = double(v.it_interval.tv_sec) + double(v.it_interval.tv_usec) / 1e6;
    return Value::from_object(tuple_pack(vm, { Value::from_double(value), Value::from_double(interval) }));
}

bool timeval_arg(VM& vm, Value v, timeval& out)
{
    double d;
    if (!to_double(vm, v, d))
        return false;
    if (d < 0)
        d = 0;
    out.tv_sec = time_t(d);
    out.tv_usec = suseconds_t(std::llround((d - double(out.tv_sec)) * 1e6));
    if (out.tv_usec >= 1000000) {
        ++out.tv_sec;
        out.tv_usec -= 1000000;
    }
    if (out.tv_sec == 0 && out.tv_usec == 0 && d > 0)
        out.tv_usec = 1;
    return true;
}

SLPY_SIGNAL_FN(signal_setitimer)
{
    if (!check_no_kwargs(vm, "setitimer", kwnames) || !check_nargs(vm, "setitimer", nargs, 2, 3))
        return Value::null();
    int64_t which;
    if (!index_i64(vm, args[0], which))
        return Value::null();
    itimerval nv {}, old {};
    if (!timeval_arg(vm, args[1], nv.it_value))
        return Value::null();
    if (nargs > 2 && !timeval_arg(vm, args[2], nv.it_interval))
        return Value::null();
    if (setitimer(int(which), &nv, &old) != 0)
        return raise_with_args(vm, g_itimer_error, tuple_pack(vm, { Value::small_int(errno), str_value(vm, std::strerror(errno)) }));
    return itimer_tuple(vm, old);
}

SLPY_SIGNAL_FN(signal_getitimer)
{
    if (!check_no_kwargs(vm, "getitimer", kwnames) || !check_nargs(vm, "getitimer", nargs, 1, 1))
        return Value::null();
    int64_t which;
    if (!index_i64(vm, args[0], which))
        return Value::null();
    itimerval cur {};
    if (getitimer(int(which), &cur) != 0)
        return raise_with_args(vm, g_itimer_error, tuple_pack(vm, { Value::small_int(errno), str_value(vm, std::strerror(errno)) }));
    return itimer_tuple(vm, cur);
}

#undef SLPY_SIGNAL_FN

} // namespace

Module* make_signal_module(VM& vm)
{
    Module* m = module_new(vm, "_signal");
    module_add_functions(vm, m, {
        { "signal", signal_signal }, { "getsignal", signal_getsignal }, { "raise_signal", signal_raise_signal },
        { "strsignal", signal_strsignal }, { "valid_signals", signal_valid_signals }, { "alarm", signal_alarm },
        { "pause", signal_pause }, { "siginterrupt", signal_siginterrupt }, { "set_wakeup_fd", signal_set_wakeup_fd },
        { "pthread_kill", signal_pthread_kill }, { "pthread_sigmask", signal_pthread_sigmask },
        { "sigpending", signal_sigpending }, { "sigwait", signal_sigwait }, { "setitimer", signal_setitimer },
        { "getitimer", signal_getitimer }, { "default_int_handler", signal_default_int_handler },
    });
    SignalState& st = state(vm);
    String* dih = intern(vm, "default_int_handler");
    st.default_int_handler = dict_get_str(vm, m->dict, dih);
    if (!g_itimer_error) {
        g_itimer_error = make_builtin_type(vm, "itimer_error", exc::OSError, exc::OSError->basicsize,
                                           TF_BASETYPE | TF_EXC_SUBCLASS, exc::OSError->trace, exc::OSError->finalize);
        (void)dict_set_str(vm, g_itimer_error->dict, names.__module__, str_value(vm, "signal"));
        finish_builtin_type(vm, g_itimer_error);
    }
    struct Constant {
        char const* name;
        int value;
    };
    static constexpr Constant kConstants[] = {
        { "SIG_DFL", 0 }, { "SIG_IGN", 1 }, { "NSIG", kNsig }, { "SIG_BLOCK", SIG_BLOCK }, { "SIG_UNBLOCK", SIG_UNBLOCK },
        { "SIG_SETMASK", SIG_SETMASK }, { "ITIMER_REAL", ITIMER_REAL }, { "ITIMER_VIRTUAL", ITIMER_VIRTUAL },
        { "ITIMER_PROF", ITIMER_PROF }, { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT }, { "SIGQUIT", SIGQUIT },
        { "SIGILL", SIGILL }, { "SIGTRAP", SIGTRAP }, { "SIGABRT", SIGABRT }, { "SIGIOT", SIGIOT }, { "SIGBUS", SIGBUS },
        { "SIGFPE", SIGFPE }, { "SIGKILL", SIGKILL }, { "SIGUSR1", SIGUSR1 }, { "SIGSEGV", SIGSEGV },
        { "SIGUSR2", SIGUSR2 }, { "SIGPIPE", SIGPIPE }, { "SIGALRM", SIGALRM }, { "SIGTERM", SIGTERM },
        { "SIGSTKFLT", SIGSTKFLT }, { "SIGCHLD", SIGCHLD }, { "SIGCLD", SIGCHLD }, { "SIGCONT", SIGCONT },
        { "SIGSTOP", SIGSTOP }, { "SIGTSTP", SIGTSTP }, { "SIGTTIN", SIGTTIN }, { "SIGTTOU", SIGTTOU },
        { "SIGURG", SIGURG }, { "SIGXCPU", SIGXCPU }, { "SIGXFSZ", SIGXFSZ }, { "SIGVTALRM", SIGVTALRM },
        { "SIGPROF", SIGPROF }, { "SIGWINCH", SIGWINCH }, { "SIGIO", SIGIO }, { "SIGPOLL", SIGPOLL },
        { "SIGPWR", SIGPWR }, { "SIGSYS", SIGSYS },
    };
    for (Constant const& c : kConstants)
        module_add(vm, m, c.name, Value::small_int(c.value));
    module_add(vm, m, "SIGRTMIN", Value::small_int(SIGRTMIN));
    module_add(vm, m, "SIGRTMAX", Value::small_int(SIGRTMAX));
    module_add(vm, m, "ItimerError", Value::from_object(g_itimer_error));
    return m;
}

} // namespace slpy
