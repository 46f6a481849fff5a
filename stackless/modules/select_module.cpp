// The select module: select.select, select.poll (register/modify/unregister/poll) and the
// POLL*/PIPE_BUF constants; what selectors.PollSelector and subprocess's communicate()
// use. No epoll: selectors then picks PollSelector as its DefaultSelector.
//
// Both calls block the whole VM (tasklets are cooperative: no other tasklet runs while
// one waits here). An EINTR is retried with the remaining timeout after the VM's pending
// work (Python signal handlers, Ctrl-C) ran, as PEP 475 says.
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/native_support.h"
#include "scheduler/scheduler.h"
#include "stackless/modules/os_support.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <ctime>
#include <limits.h>
#include <poll.h>
#include <sys/select.h>
#include <vector>

namespace slpy {

namespace {

TypeObject* g_poll_type = nullptr;

double monotonic_now()
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// A timeout in seconds (select) or milliseconds (poll): negative `out` = block forever.
// CPython rounds it up, so a tiny positive timeout still waits rather than polls.
bool timeout_arg(VM& vm, Value v, double scale, char const* not_number, double& out)
{
    out = -1;
    if (v.is_null() || is_none(v))
        return true;
    double d;
    if (is_float(v)) {
        d = float_unwrap(v);
    } else if (is_int(v)) {
        if (!to_double(vm, v, d))
            return false;
    } else {
        Value idx = getattr_opt(vm, Value::from_object(type_of(v)), intern(vm, "__index__"));
        if (idx.is_null())
            return false;
        if (idx.is_not_found()) {
            raise(vm, exc::TypeError, not_number);
            return false;
        }
        if (!to_double(vm, v, d))
            return false;
    }
    if (std::isnan(d)) {
        raise(vm, exc::ValueError, "Invalid value NaN (not a number)");
        return false;
    }
    double secs = d / scale;
    if (secs > 9.2e9 || secs < -9.2e9) {
        raise(vm, exc::OverflowError, "timestamp out of range for platform time_t");
        return false;
    }
    out = d < 0 ? -1 : d;
    return true;
}

// ------------------------------------------------------------------ select.select

struct FdList {
    std::vector<int> fds;
    List* objects = nullptr; // the caller's objects, in order
};

bool fd_list(VM& vm, Value seq, FdList& out, fd_set& set, int& max_fd)
{
    // A list is read live, as CPython's PySequence_Fast loop: a fileno() that shrinks it
    // ends the scan early. Anything else is copied first.
    List* src = is_instance_fast(seq, types.list) ? seq.as<List>() : list_from_iterable_or(vm, seq, "arguments 1-3 must be sequences");
    if (!src || !(out.objects = list_new(vm)))
        return false;
    for (size_t i = 0; i < src->size; ++i) {
        Value obj = src->items()[i];
        int fd;
        if (!fd_from_object(vm, obj, fd) || !list_append(vm, out.objects, obj))
            return false;
        if (fd >= FD_SETSIZE) {
            raise(vm, exc::ValueError, "filedescriptor out of range in select()");
            return false;
        }
        out.fds.push_back(fd);
        FD_SET(fd, &set);
        max_fd = std::max(max_fd, fd);
    }
    return true;
}

Value ready_list(VM& vm, FdList const& in, fd_set const& set)
{
    List* r = list_new(vm);
    if (!r)
        return Value::null();
    for (size_t i = 0; i < in.fds.size(); ++i)
        if (FD_ISSET(in.fds[i], &set) && !list_append(vm, r, in.objects->items()[i]))
            return Value::null();
    return Value::from_object(r);
}

// Threads run as tasklets (scheduler/README "Threads"): a wait parks the caller only.
bool green_threads(VM& vm)
{
    Scheduler* sc = scheduler_of(vm);
    return sc && sc->threads_on;
}

Value select_select(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "select", kwnames) || !check_nargs(vm, "select", nargs, 3, 4))
        return Value::null();
    double timeout;
    if (!timeout_arg(vm, nargs > 3 ? args[3] : Value::null(), 1.0, "timeout must be a float or None", timeout))
        return Value::null();
    if (nargs > 3 && timeout < 0 && !is_none(args[3]))
        return raise(vm, exc::ValueError, "timeout must be non-negative");
    FdList lists[3];
    fd_set sets[3];
    int max_fd = -1;
    for (int i = 0; i < 3; ++i) {
        FD_ZERO(&sets[i]);
        if (!fd_list(vm, args[i], lists[i], sets[i], max_fd))
            return Value::null();
    }
    fd_set work[3];
    if (green_threads(vm)) {
        // Threads run as tasklets: only this one waits (parked until a descriptor is
        // ready or the timeout), then select() collects the ready ones without waiting.
        std::vector<pollfd> pfds;
        short const events[3] = { POLLIN, POLLOUT, POLLPRI };
        for (int i = 0; i < 3; ++i)
            for (int fd = 0; fd <= max_fd; ++fd)
                if (FD_ISSET(fd, &sets[i]))
                    pfds.push_back(pollfd { fd, events[i], 0 });
        if (wait_fds(vm, pfds.data(), pfds.size(), timeout) < 0)
            return Value::null();
        timeout = 0;
    }
    double deadline = timeout >= 0 ? monotonic_now() + timeout : 0;
    for (;;) {
        for (int i = 0; i < 3; ++i)
            work[i] = sets[i];
        struct timeval tv, *tvp = nullptr;
        if (timeout >= 0) {
            double left = std::max(0.0, deadline - monotonic_now());
            tv.tv_sec = time_t(left);
            // Rounded up to the microsecond.
            tv.tv_usec = suseconds_t(std::ceil((left - double(tv.tv_sec)) * 1e6));
            if (tv.tv_usec >= 1000000) {
                tv.tv_sec += 1;
                tv.tv_usec -= 1000000;
            }
            tvp = &tv;
        }
        int r = ::select(max_fd + 1, &work[0], &work[1], &work[2], tvp);
        if (r >= 0)
            break;
        if (errno != EINTR)
            return raise_os_error(vm, errno);
        if (!check_pending(vm))
            return Value::null();
    }
    Value r0 = TRY(ready_list(vm, lists[0], work[0]));
    Value r1 = TRY(ready_list(vm, lists[1], work[1]));
    Value r2 = TRY(ready_list(vm, lists[2], work[2]));
    Tuple* t = tuple_pack(vm, { r0, r1, r2 });
    return t ? Value::from_object(t) : Value::null();
}

// ------------------------------------------------------------------ select.poll

struct Poll : Object {
    Dict* fds; // fd -> event mask
    bool running;
};

void trace_poll(Object* o, Tracer& t)
{
    if (Dict* d = static_cast<Poll*>(o)->fds)
        t.visit(d);
}

// select.poll objects come from select.poll() only, as in CPython.
Value poll_type_new(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::TypeError, "cannot create 'select.poll' instances");
}

Value poll_new(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "select.poll", kwnames))
        return Value::null();
    if (nargs != 0)
        return raise_fmt(vm, exc::TypeError, "select.poll() takes no arguments (%zu given)", nargs);
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    auto* p = static_cast<Poll*>(alloc_instance(vm, g_poll_type));
    if (!p)
        return Value::null();
    p->fds = d;
    p->running = false;
    return Value::from_object(p);
}

bool event_mask(VM& vm, Value v, int& out)
{
    int64_t m;
    if (!index_i64(vm, v, m))
        return false;
    if (m < 0) {
        raise(vm, exc::ValueError, "value must be positive");
        return false;
    }
    if (m > USHRT_MAX) {
        raise(vm, exc::OverflowError, "Python int too large for C unsigned short");
        return false;
    }
    out = int(m);
    return true;
}

Value poll_register(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "register", kwnames) || !check_nargs(vm, "register", nargs, 2, 3))
        return Value::null();
    auto* p = args[0].as<Poll>();
    int fd, mask = POLLIN | POLLPRI | POLLOUT;
    if (!fd_from_object(vm, args[1], fd) || (nargs > 2 && !event_mask(vm, args[2], mask)))
        return Value::null();
    if (!dict_set(vm, p->fds, Value::small_int(fd), Value::small_int(mask)))
        return Value::null();
    return py_none();
}

Value poll_modify(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "modify", kwnames) || !check_nargs(vm, "modify", nargs, 3, 3))
        return Value::null();
    auto* p = args[0].as<Poll>();
    int fd, mask;
    if (!fd_from_object(vm, args[1], fd) || !event_mask(vm, args[2], mask))
        return Value::null();
    Value have = TRY(dict_get(vm, p->fds, Value::small_int(fd)));
    if (have.is_not_found())
        return raise_os_error(vm, ENOENT);
    if (!dict_set(vm, p->fds, Value::small_int(fd), Value::small_int(mask)))
        return Value::null();
    return py_none();
}

Value poll_unregister(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "unregister", kwnames) || !check_nargs(vm, "unregister", nargs, 2, 2))
        return Value::null();
    auto* p = args[0].as<Poll>();
    int fd;
    if (!fd_from_object(vm, args[1], fd))
        return Value::null();
    int r = dict_del(vm, p->fds, Value::small_int(fd));
    if (r < 0)
        return Value::null();
    if (r == 0) {
        Value key = Value::small_int(fd);
        Value e = call(vm, Value::from_object(exc::KeyError), &key, 1);
        if (!e.is_null())
            vm.set_error(e);
        return Value::null();
    }
    return py_none();
}

Value poll_poll(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "poll", kwnames) || !check_nargs(vm, "poll", nargs, 1, 2))
        return Value::null();
    auto* p = args[0].as<Poll>();
    double timeout_ms;
    if (!timeout_arg(vm, nargs > 1 ? args[1] : Value::null(), 1000.0, "timeout must be an integer or None", timeout_ms))
        return Value::null();
    if (p->running)
        return raise(vm, exc::RuntimeError, "concurrent poll() invocation");
    // The registered set is copied: a signal handler run on EINTR may change it.
    std::vector<pollfd> fds;
    Value items = TRY(call_method(vm, Value::from_object(p->fds), intern(vm, "items"), nullptr, 0));
    List* pairs = list_from_iterable(vm, items);
    if (!pairs)
        return Value::null();
    for (size_t i = 0; i < pairs->size; ++i) {
        Tuple* kv = pairs->items()[i].as<Tuple>();
        fds.push_back({ int(kv->items[0].as_int()), short(kv->items[1].as_int()), 0 });
    }
    p->running = true;
    if (green_threads(vm)) {
        // As select(): the tasklet waits parked, then poll() collects without waiting.
        if (wait_fds(vm, fds.data(), fds.size(), timeout_ms < 0 ? -1.0 : timeout_ms / 1000.0) < 0) {
            p->running = false;
            return Value::null();
        }
        timeout_ms = 0;
    }
    double deadline = timeout_ms >= 0 ? monotonic_now() + timeout_ms / 1000.0 : 0;
    int r;
    for (;;) {
        int ms = -1;
        if (timeout_ms >= 0) {
            double left = std::max(0.0, deadline - monotonic_now()) * 1000.0;
            ms = left > double(INT_MAX) ? INT_MAX : int(std::ceil(left));
        }
        r = ::poll(fds.data(), fds.size(), ms);
        if (r >= 0 || errno != EINTR)
            break;
        if (!check_pending(vm)) {
            p->running = false;
            return Value::null();
        }
    }
    p->running = false;
    if (r < 0)
        return raise_os_error(vm, errno);
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    for (pollfd const& f : fds) {
        if (f.revents == 0)
            continue;
        Tuple* t = tuple_pack(vm, { Value::small_int(f.fd), Value::small_int(static_cast<unsigned short>(f.revents)) });
        if (!t || !list_append(vm, out, Value::from_object(t)))
            return Value::null();
    }
    return Value::from_object(out);
}

void setup_types(VM& vm)
{
    if (g_poll_type)
        return;
    g_poll_type = make_builtin_type(vm, "poll", nullptr, sizeof(Poll), 0, trace_poll);
    set_native_type_module(vm, g_poll_type, "select");
    add_methods(vm, g_poll_type, {
        { "__new__", poll_type_new, METH_STATIC },
        { "register", poll_register },
        { "modify", poll_modify },
        { "unregister", poll_unregister },
        { "poll", poll_poll },
    });
    finish_builtin_type(vm, g_poll_type);
}

} // namespace

Module* make_select_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "select");
    module_add_functions(vm, m, { { "select", select_select }, { "poll", poll_new } });
    module_add(vm, m, "error", Value::from_object(exc::OSError));
    struct Const {
        char const* name;
        long value;
    };
    static constexpr Const consts[] = {
        { "POLLIN", POLLIN }, { "POLLPRI", POLLPRI }, { "POLLOUT", POLLOUT }, { "POLLERR", POLLERR },
        { "POLLHUP", POLLHUP }, { "POLLNVAL", POLLNVAL }, { "POLLRDNORM", POLLRDNORM }, { "POLLRDBAND", POLLRDBAND },
        { "POLLWRNORM", POLLWRNORM }, { "POLLWRBAND", POLLWRBAND }, { "POLLMSG", POLLMSG }, { "POLLRDHUP", POLLRDHUP },
        { "PIPE_BUF", PIPE_BUF },
    };
    for (Const const& c : consts)
        module_add(vm, m, c.name, Value::small_int(c.value));
    return m;
}

} // namespace slpy
