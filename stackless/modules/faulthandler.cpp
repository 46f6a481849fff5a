// The faulthandler module: Python tracebacks on a fatal signal, on demand, after a
// timeout, or on a user signal, as CPython 3.11's.
//
// What a fatal signal (SIGSEGV, SIGFPE, SIGABRT, SIGBUS, SIGILL) shows is the Python
// frame chain of the VM running on the faulting thread (t_current_vm), written with
// write(2) only: the dump reads frames and code objects and formats numbers itself, so it
// is as async-signal-safe as CPython's. The handler runs on an alternate stack (a stack
// overflow is a SIGSEGV too), then restores the previous disposition and re-raises, so
// the process still dies of the signal.
//
// Signal dispositions and the alternate stack belong to the process: the state they need
// is a small process-level record (atomics the handlers read). The file objects the
// dumps write to belong to the VM that enabled them (kept alive here, traced), as CPython
// keeps them referenced so their descriptor stays open. dump_traceback_later's watchdog
// is an OS thread that waits for the timeout, then dumps the enabling VM's running frame
// chain while that VM runs: a best-effort read, as CPython's watchdog reads another
// thread's frames.
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/modules/native_support.h"
#include "stackless/modules/os_support.h"
#include "stackless/vm/code.h"
#include "stackless/vm/frame.h"
#include "stackless/vm/interpreter.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace slpy {

namespace {

constexpr int kNsig = 65;
constexpr int kMaxFrames = 100; // CPython's MAX_FRAME_DEPTH

// ---- writing with write(2) only (usable in a signal handler)

void put(int fd, char const* s, size_t n)
{
    while (n > 0) {
        ssize_t w = ::write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= size_t(w);
    }
}
void put(int fd, char const* s) { put(fd, s, std::strlen(s)); }

void put_decimal(int fd, uint64_t v)
{
    char buf[24];
    size_t i = sizeof buf;
    do {
        buf[--i] = char('0' + v % 10);
        v /= 10;
    } while (v);
    put(fd, buf + i, sizeof buf - i);
}

void put_hex(int fd, uint64_t v, int width)
{
    char buf[20];
    for (int i = width - 1; i >= 0; --i, v >>= 4)
        buf[i] = "0123456789abcdef"[v & 15];
    put(fd, "0x");
    put(fd, buf, size_t(width));
}

// "  File "name", line N in func" for each Python frame of `vm`'s running chain,
// innermost first, as CPython's dump_frame (slpy's hidden helper frames left out).
void dump_frames(int fd, VM* vm)
{
    Frame* f = vm && vm->interp ? vm->interp->current : nullptr;
    if (!f) {
        put(fd, "  <no Python frame>\n");
        return;
    }
    int depth = 0;
    for (; f; f = f->back) {
        Code* code = f->code;
        if (!code || (code->flags & CO_SLPY_HIDDEN))
            continue;
        if (depth++ >= kMaxFrames) {
            put(fd, "  ...\n");
            break;
        }
        put(fd, "  File \"");
        put(fd, code->filename ? code->filename->c_str() : "???");
        put(fd, "\", line ");
        int line = f->state == FrameState::Created ? code->firstlineno : f->line();
        if (line >= 0)
            put_decimal(fd, uint64_t(line));
        else
            put(fd, "???");
        put(fd, " in ");
        put(fd, code->name ? code->name->c_str() : "???");
        put(fd, "\n");
    }
}

// `thread`: the VM's OS thread when another thread (the watchdog) dumps it.
void dump_traceback(int fd, VM* vm, bool all_threads, pthread_t const* thread = nullptr)
{
    if (all_threads) {
        put(fd, thread ? "Thread " : "Current thread ");
        put_hex(fd, uint64_t(thread ? *thread : pthread_self()), 16);
        put(fd, " (most recent call first):\n");
    } else {
        put(fd, "Stack (most recent call first):\n");
    }
    dump_frames(fd, vm);
}

// ---- the process-level record the handlers read

struct FatalSignal {
    int signum;
    char const* name;
};
constexpr FatalSignal kFatalSignals[] = {
    { SIGBUS, "Bus error" }, { SIGILL, "Illegal instruction" }, { SIGFPE, "Floating point exception" },
    { SIGABRT, "Aborted" },  { SIGSEGV, "Segmentation fault" },
};

std::mutex g_lock; // enable/disable/register from any VM's thread
std::atomic<bool> g_fatal_enabled { false };
std::atomic<int> g_fatal_fd { 2 };
std::atomic<bool> g_fatal_all_threads { true };
struct sigaction g_fatal_previous[std::size(kFatalSignals)];
std::atomic<bool> g_user_enabled[kNsig];
std::atomic<int> g_user_fd[kNsig];
std::atomic<bool> g_user_all_threads[kNsig];
std::atomic<bool> g_user_chain[kNsig];
struct sigaction g_user_previous[kNsig];
void* g_alt_stack = nullptr;

extern "C" void on_fatal_signal(int signum)
{
    int saved = errno;
    size_t i = 0;
    while (i < std::size(kFatalSignals) && kFatalSignals[i].signum != signum)
        ++i;
    if (i == std::size(kFatalSignals))
        return;
    int fd = g_fatal_fd.load();
    put(fd, "Fatal Python error: ");
    put(fd, kFatalSignals[i].name);
    put(fd, "\n\n");
    dump_traceback(fd, t_current_vm, g_fatal_all_threads.load());
    // Die of the signal as if no handler had been there.
    sigaction(signum, &g_fatal_previous[i], nullptr);
    errno = saved;
    ::raise(signum);
}

extern "C" void on_user_signal(int signum)
{
    int saved = errno;
    if (signum <= 0 || signum >= kNsig || !g_user_enabled[signum].load())
        return;
    dump_traceback(g_user_fd[signum].load(), t_current_vm, g_user_all_threads[signum].load());
    if (g_user_chain[signum].load()) {
        struct sigaction& prev = g_user_previous[signum];
        if (!(prev.sa_flags & SA_SIGINFO) && prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN)
            prev.sa_handler(signum);
    }
    errno = saved;
}

// An alternate signal stack for the calling thread, so a stack overflow can be reported.
void ensure_alt_stack()
{
    if (g_alt_stack)
        return;
    size_t size = SIGSTKSZ * 2 + 64 * 1024;
    g_alt_stack = std::malloc(size);
    if (!g_alt_stack)
        return;
    stack_t ss {};
    ss.ss_sp = g_alt_stack;
    ss.ss_size = size;
    if (sigaltstack(&ss, nullptr) != 0) {
        std::free(g_alt_stack);
        g_alt_stack = nullptr;
    }
}

// ---- the VM's part: the file objects kept alive, the watchdog

struct FaultState : VM::ModuleState {
    VM* vm = nullptr;
    Value fatal_file = Value::null();
    Value user_files[kNsig];
    Value later_file = Value::null();
    // dump_traceback_later's watchdog thread.
    std::thread watchdog;
    std::mutex m;
    std::condition_variable cv;
    bool cancel = false;

    FaultState()
    {
        for (Value& v : user_files)
            v = Value::null();
    }
    ~FaultState() override { stop_watchdog(); }
    void trace(Tracer& t) override
    {
        t.visit(fatal_file);
        for (Value v : user_files)
            t.visit(v);
        t.visit(later_file);
    }
    void stop_watchdog()
    {
        if (!watchdog.joinable())
            return;
        {
            std::lock_guard<std::mutex> g(m);
            cancel = true;
        }
        cv.notify_all();
        watchdog.join();
    }
};
char const k_state_key = 0;

FaultState& state(VM& vm)
{
    if (auto* s = vm.module_state(&k_state_key))
        return *static_cast<FaultState*>(s);
    auto* s = static_cast<FaultState*>(vm.add_module_state(&k_state_key, std::make_unique<FaultState>()));
    s->vm = &vm;
    return *s;
}

// The descriptor of `file`: an int, or an object with fileno() (None or missing: sys.stderr),
// whose buffered data is flushed first, as CPython's faulthandler_get_fileno.
bool file_fd(VM& vm, Value file, int& fd, Value& keep)
{
    keep = Value::null();
    if (file.is_null() || is_none(file)) {
        Interpreter& in = interp(vm);
        file = in.sys_module ? dict_get_str(vm, in.sys_module->dict, names.stderr) : Value::not_found();
        if (file.is_null())
            return false;
        if (file.is_not_found() || is_none(file)) {
            raise(vm, exc::RuntimeError, "sys.stderr is None");
            return false;
        }
    }
    if (file.is_int()) {
        if (file.as_int() < 0 || file.as_int() > INT32_MAX) {
            raise(vm, exc::ValueError, "file is not a valid file descripter"); // sic: CPython's text
            return false;
        }
        fd = int(file.as_int());
        return true;
    }
    Value r = call_method(vm, file, names.fileno, nullptr, 0);
    if (r.is_null())
        return false;
    if (!r.is_int() || r.as_int() < 0 || r.as_int() > INT32_MAX) {
        raise(vm, exc::RuntimeError, "file.fileno() is not a valid file descriptor");
        return false;
    }
    fd = int(r.as_int());
    Value flushed = call_method(vm, file, names.flush, nullptr, 0);
    if (flushed.is_null())
        vm.clear_error(); // as CPython: a failing flush is ignored
    keep = file;
    return true;
}

bool bool_arg(VM& vm, Value v, bool dflt, bool& out)
{
    if (v.is_null()) {
        out = dflt;
        return true;
    }
    int t = truthy(vm, v);
    out = t > 0;
    return t >= 0;
}

bool enable_fatal(int fd, bool all_threads)
{
    std::lock_guard<std::mutex> g(g_lock);
    g_fatal_fd.store(fd);
    g_fatal_all_threads.store(all_threads);
    if (g_fatal_enabled.load())
        return true;
    ensure_alt_stack();
    for (size_t i = 0; i < std::size(kFatalSignals); ++i) {
        struct sigaction sa {};
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_NODEFER | (g_alt_stack ? SA_ONSTACK : 0);
        if (sigaction(kFatalSignals[i].signum, &sa, &g_fatal_previous[i]) != 0)
            return false;
    }
    g_fatal_enabled.store(true);
    return true;
}

void disable_fatal()
{
    std::lock_guard<std::mutex> g(g_lock);
    if (!g_fatal_enabled.exchange(false))
        return;
    for (size_t i = 0; i < std::size(kFatalSignals); ++i)
        sigaction(kFatalSignals[i].signum, &g_fatal_previous[i], nullptr);
}

// ---- the module's functions

Value fh_enable(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "enable", args, nargs, kwnames, { "file", "all_threads" }, 0, a))
        return Value::null();
    int fd;
    Value keep;
    bool all;
    if (!file_fd(vm, a[0], fd, keep) || !bool_arg(vm, a[1], true, all))
        return Value::null();
    if (!enable_fatal(fd, all))
        return raise_os_error(vm, errno);
    state(vm).fatal_file = keep;
    return py_none();
}

Value fh_disable(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "disable", kwnames) || !check_nargs(vm, "disable", nargs, 0, 0))
        return Value::null();
    bool was = g_fatal_enabled.load();
    disable_fatal();
    state(vm).fatal_file = Value::null();
    return py_bool(was);
}

Value fh_is_enabled(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "is_enabled", kwnames) || !check_nargs(vm, "is_enabled", nargs, 0, 0))
        return Value::null();
    return py_bool(g_fatal_enabled.load());
}

Value fh_dump_traceback(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "dump_traceback", args, nargs, kwnames, { "file", "all_threads" }, 0, a))
        return Value::null();
    int fd;
    Value keep;
    bool all;
    if (!file_fd(vm, a[0], fd, keep) || !bool_arg(vm, a[1], true, all))
        return Value::null();
    dump_traceback(fd, &vm, all);
    return py_none();
}

Value fh_dump_traceback_later(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "dump_traceback_later", args, nargs, kwnames, { "timeout", "repeat", "file", "exit" }, 1, a))
        return Value::null();
    double timeout;
    if (!to_double(vm, a[0], timeout))
        return Value::null();
    if (!(timeout > 0))
        return raise(vm, exc::ValueError, "timeout must be greater than 0");
    if (timeout * 1e6 > double(INT64_MAX))
        return raise(vm, exc::OverflowError, "timeout value is too large");
    int fd;
    Value keep;
    bool repeat, exit;
    if (!bool_arg(vm, a[1], false, repeat) || !file_fd(vm, a[2], fd, keep) || !bool_arg(vm, a[3], false, exit))
        return Value::null();
    FaultState& s = state(vm);
    s.stop_watchdog();
    s.cancel = false;
    s.later_file = keep;
    // "Timeout (H:MM:SS[.ffffff])!", CPython's header.
    int64_t us = int64_t(timeout * 1e6);
    std::string header = "Timeout (" + std::to_string(us / 3600000000) + ":";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", (long long)(us / 60000000 % 60), (long long)(us / 1000000 % 60));
    header += buf;
    if (us % 1000000) {
        std::snprintf(buf, sizeof buf, ".%06lld", (long long)(us % 1000000));
        header += buf;
    }
    header += ")!\n";
    VM* target = &vm;
    pthread_t vm_thread = pthread_self();
    s.watchdog = std::thread([&s, target, vm_thread, fd, us, repeat, exit, header] {
        std::unique_lock<std::mutex> lk(s.m);
        do {
            if (s.cv.wait_for(lk, std::chrono::microseconds(us), [&s] { return s.cancel; }))
                return;
            put(fd, header.data(), header.size());
            dump_traceback(fd, target, true, &vm_thread);
            if (exit)
                _exit(1);
        } while (repeat);
    });
    return py_none();
}

Value fh_cancel_dump_traceback_later(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "cancel_dump_traceback_later", kwnames) ||
        !check_nargs(vm, "cancel_dump_traceback_later", nargs, 0, 0))
        return Value::null();
    FaultState& s = state(vm);
    s.stop_watchdog();
    s.later_file = Value::null();
    return py_none();
}

bool user_signum(VM& vm, Value v, int& signum)
{
    int64_t n;
    if (!index_i64(vm, v, n))
        return false;
    for (FatalSignal const& f : kFatalSignals)
        if (n == f.signum) {
            raise_fmt(vm, exc::RuntimeError, "signal %d cannot be registered, use enable() instead", int(n));
            return false;
        }
    if (n < 1 || n >= kNsig) {
        raise(vm, exc::ValueError, "signal number out of range");
        return false;
    }
    signum = int(n);
    return true;
}

Value fh_register(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "register", args, nargs, kwnames, { "signum", "file", "all_threads", "chain" }, 1, a))
        return Value::null();
    int signum, fd;
    Value keep;
    bool all, chain;
    if (!user_signum(vm, a[0], signum) || !file_fd(vm, a[1], fd, keep) || !bool_arg(vm, a[2], true, all) ||
        !bool_arg(vm, a[3], false, chain))
        return Value::null();
    {
        std::lock_guard<std::mutex> g(g_lock);
        g_user_fd[signum].store(fd);
        g_user_all_threads[signum].store(all);
        g_user_chain[signum].store(chain);
        if (!g_user_enabled[signum].load()) {
            struct sigaction sa {};
            sa.sa_handler = on_user_signal;
            sigemptyset(&sa.sa_mask);
            sa.sa_flags = SA_RESTART | (chain ? SA_NODEFER : 0);
            if (sigaction(signum, &sa, &g_user_previous[signum]) != 0)
                return raise_os_error(vm, errno);
            g_user_enabled[signum].store(true);
        }
    }
    state(vm).user_files[signum] = keep;
    return py_none();
}

Value fh_unregister(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "unregister", args, nargs, kwnames, { "signum" }, 1, a))
        return Value::null();
    int signum;
    if (!user_signum(vm, a[0], signum))
        return Value::null();
    bool was;
    {
        std::lock_guard<std::mutex> g(g_lock);
        was = g_user_enabled[signum].exchange(false);
        if (was)
            sigaction(signum, &g_user_previous[signum], nullptr);
    }
    state(vm).user_files[signum] = Value::null();
    return py_bool(was);
}

} // namespace

bool faulthandler_enable_stderr()
{
    return enable_fatal(2, true);
}

Module* make_faulthandler_module(VM& vm)
{
    Module* m = module_new(vm, "faulthandler");
    module_add_functions(vm, m, {
        { "enable", fh_enable },
        { "disable", fh_disable },
        { "is_enabled", fh_is_enabled },
        { "dump_traceback", fh_dump_traceback },
        { "dump_traceback_later", fh_dump_traceback_later },
        { "cancel_dump_traceback_later", fh_cancel_dump_traceback_later },
        { "register", fh_register },
        { "unregister", fh_unregister },
    });
    return m;
}

} // namespace slpy
