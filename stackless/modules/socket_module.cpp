// The _socket module: the native half of CPython 3.11's socket.py, over the BSD socket
// calls of Linux. The `socket` type (which socket.socket subclasses) owns one file
// descriptor; addresses cross as CPython's tuples ((host, port) for AF_INET, 4-tuples for
// AF_INET6, str/bytes paths for AF_UNIX, with Linux's abstract names as bytes), and errors
// carry CPython's types and messages: OSError (the errno subclass), socket.gaierror for
// getaddrinfo failures, socket.herror for the gethostby* family, TimeoutError('timed out').
//
// Timeouts follow CPython's sock_call_ex: a socket with a timeout (or non-blocking) keeps its
// descriptor O_NONBLOCK, and every call waits for readiness with poll() against a deadline.
// A blocking call (timeout None) blocks the VM's thread: tasklets are cooperative and do
// not run meanwhile. EINTR polls the VM's pending work (Ctrl-C) and retries.
//
// Not here yet: sendmsg/recvmsg (socket.py then leaves out send_fds/recv_fds), sendfile
// (socket.py falls back to send), sethostname, CAN/TIPC/ALG/packet address families.
#include "stackless/modules/runtime_modules.h"

#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/data_modules.h"
#include "stackless/modules/native_support.h"
#include "stackless/modules/os_support.h"
#include "scheduler/scheduler.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stddef.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

// As CPython, which defines it where the C library does not.
#ifndef SOL_UDP
#define SOL_UDP 17
#endif

namespace slpy {

namespace {

TypeObject* g_socket_type = nullptr;
TypeObject* g_herror = nullptr;
TypeObject* g_gaierror = nullptr;

struct SocketObject : Object {
    int fd; // -1 once closed or detached
    int family;
    int type;
    int proto;
    double timeout; // seconds; < 0: None (blocking), 0: non-blocking
};

// setdefaulttimeout() is per VM, as everything a module may change.
struct SocketState : VM::ModuleState {
    explicit SocketState(VM&) {}
    double default_timeout = -1.0;
};
char const g_state_key = 0;
SocketState& state(VM& vm) { return module_state<SocketState>(vm, &g_state_key); }

SocketObject* self_sock(Value v) { return v.as<SocketObject>(); }

void socket_finalize(Object* o)
{
    // The collector found an unclosed socket: give its descriptor back (CPython's
    // sock_finalize, without the ResourceWarning).
    auto* s = static_cast<SocketObject*>(o);
    if (s->fd >= 0) {
        ::close(s->fd);
        s->fd = -1;
    }
}

#define SLPY_SOCK_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ errors

Value raise_errno(VM& vm, int err)
{
    return raise_os_error(vm, err);
}

Value raise_errno(VM& vm)
{
    return raise_os_error(vm, errno);
}

Value raise_pair(VM& vm, TypeObject* type, int code, char const* message)
{
    Value pair[2] = { Value::small_int(code), str_value(vm, message) };
    if (pair[1].is_null())
        return Value::null();
    Value e = call(vm, Value::from_object(type), pair, 2);
    if (!e.is_null())
        vm.set_error(e);
    return Value::null();
}

// A getaddrinfo/getnameinfo failure: gaierror(code, gai_strerror(code)), or the OSError of
// errno when the resolver reports a system error.
Value raise_gai(VM& vm, int code)
{
    if (code == EAI_SYSTEM)
        return raise_errno(vm);
    return raise_pair(vm, g_gaierror, code, gai_strerror(code));
}

Value raise_herror(VM& vm, int code)
{
    return raise_pair(vm, g_herror, code, hstrerror(code));
}

Value raise_timeout(VM& vm)
{
    return raise(vm, exc::TimeoutError, "timed out");
}

// ------------------------------------------------------------------ argument helpers

// An unsigned C int argument ("I": no overflow check beyond the wrap, as CPython).
bool uint_arg(VM& vm, Value v, unsigned& out)
{
    if (is_float(v)) {
        raise(vm, exc::TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    Mpz z;
    int_to_mpz(int_unwrap(i), z);
    mpz_fdiv_r_2exp(z, z, 32);
    out = unsigned(mpz_get_ui(z));
    return true;
}

// A Py_ssize_t argument ("n").
bool ssize_arg(VM& vm, Value v, int64_t& out)
{
    if (is_float(v)) {
        raise(vm, exc::TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    return index_i64(vm, v, out);
}

// A readable buffer argument ("y*").
bool read_buffer_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

// A writable buffer ("w*"): anything exporting writable contiguous bytes (bytearray,
// array.array, a writable memoryview, ...). The bytes move when the exporter is resized,
// so callers ask again after running Python code.
bool write_buffer_arg(VM& vm, Value v, char const* fname, unsigned char*& data, size_t& len)
{
    BufferInfo info;
    if (get_buffer(v, info) && !info.readonly) {
        data = info.data;
        len = info.size;
        return true;
    }
    raise_fmt(vm, exc::TypeError, "%s() argument 1 must be read-write bytes-like object, not %s", fname, type_name(v));
    return false;
}

// socket_parse_timeout: None is -1 (blocking); else a non-negative number of seconds.
bool timeout_arg(VM& vm, Value v, double& out)
{
    if (is_none(v)) {
        out = -1.0;
        return true;
    }
    double d;
    if (is_float(v)) {
        d = float_unwrap(v);
        if (std::isnan(d)) {
            raise(vm, exc::ValueError, "Invalid value NaN (not a number)");
            return false;
        }
    } else {
        Value i = index(vm, v);
        if (i.is_null())
            return false;
        int64_t n;
        if (!int_to_i64(int_unwrap(i), n) || n > INT64_MAX / 1000000000) {
            if (int_sign(int_unwrap(i)) < 0) {
                raise(vm, exc::ValueError, "Timeout value out of range");
                return false;
            }
            raise(vm, exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
            return false;
        }
        d = double(n);
    }
    if (d < 0) {
        raise(vm, exc::ValueError, "Timeout value out of range");
        return false;
    }
    if (d > 9.2e9) {
        raise(vm, exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
        return false;
    }
    out = d;
    return true;
}

Value timeout_value(double t)
{
    return t < 0 ? py_none() : Value::from_double(t);
}

bool set_fd_blocking(int fd, bool blocking)
{
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0)
        return false;
    int nflags = blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
    return nflags == flags || fcntl(fd, F_SETFL, nflags) == 0;
}

// internal_setblocking: with a timeout the descriptor is non-blocking and poll() waits.
bool apply_timeout(VM& vm, SocketObject* s, double timeout)
{
    s->timeout = timeout;
    if (s->fd >= 0 && !set_fd_blocking(s->fd, timeout < 0)) {
        raise_errno(vm);
        return false;
    }
    return true;
}

double monotonic_now()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// ------------------------------------------------------------------ waiting and calling

// Threads run as tasklets: blocking waits must park the caller, not the VM's thread.
bool green_threads(VM& vm)
{
    Scheduler* sc = scheduler_of(vm);
    return sc && sc->threads_on;
}

// Waits until the socket is ready for reading (or writing): 0 ready, 1 timed out, -1 with
// errno set. `interval` < 0 waits for ever. A closed socket is "ready": the call then
// fails with EBADF, as CPython's.
// With threads (green, scheduler/README "Threads") the wait parks the tasklet instead,
// so that the others run: -2 then means an exception is pending (Ctrl-C).
int wait_ready(VM& vm, SocketObject* s, bool writing, double interval, bool connect)
{
    if (s->fd < 0)
        return 0;
    pollfd p {};
    p.fd = s->fd;
    p.events = writing ? POLLOUT : POLLIN;
    if (connect)
        p.events |= POLLERR;
    if (green_threads(vm)) {
        int r = wait_fd(vm, s->fd, p.events, interval);
        return r < 0 ? -2 : r;
    }
    int ms = -1;
    if (interval >= 0) {
        double m = std::ceil(interval * 1000.0);
        ms = m > double(INT32_MAX) ? INT32_MAX : int(m);
    }
    int n = ::poll(&p, 1, ms);
    if (n < 0)
        return -1;
    return n == 0 ? 1 : 0;
}

// CPython's sock_call_ex: runs `op` (true on success, false with errno set) until it
// succeeds, waiting for readiness first when the socket has a timeout (or for a connect in
// progress), retrying on EINTR after polling the VM's pending work. On failure: -1 with the
// exception pending, or, when `err` is given, the errno (EWOULDBLOCK on a timeout) with no
// exception. `timeout` overrides the socket's (sendall's remaining time).
template<typename Op>
int sock_call(VM& vm, SocketObject* s, bool writing, Op op, bool connect, int* err, double timeout)
{
    bool has_timeout = timeout > 0;
    double deadline = 0;
    bool deadline_set = false;
    if (err)
        *err = 0;
    // A blocking socket waits for readiness too when threads run: a blocked recv or
    // accept then parks only its thread.
    bool green_wait = s->timeout < 0 && green_threads(vm);
    for (;;) {
        if (has_timeout || connect || green_wait) {
            int res;
            if (has_timeout) {
                double interval;
                if (deadline_set) {
                    interval = deadline - monotonic_now();
                } else {
                    deadline_set = true;
                    deadline = monotonic_now() + timeout;
                    interval = timeout;
                }
                res = interval >= 0 ? wait_ready(vm, s, writing, interval, connect) : 1;
            } else {
                res = wait_ready(vm, s, writing, -1, connect);
            }
            if (res == -2)
                return -1;
            if (res == -1) {
                int e = errno;
                if (e == EINTR) {
                    if (!check_pending(vm))
                        return -1;
                    continue;
                }
                if (err) {
                    *err = e;
                    return -1;
                }
                raise_errno(vm, e);
                return -1;
            }
            if (res == 1) {
                if (err) {
                    *err = EWOULDBLOCK;
                    return -1;
                }
                raise_timeout(vm);
                return -1;
            }
        }
        int e;
        for (;;) {
            if (op())
                return 0;
            e = errno;
            if (e != EINTR)
                break;
            if (!check_pending(vm))
                return -1;
        }
        if (s->timeout > 0 && (e == EWOULDBLOCK || e == EAGAIN))
            continue;
        if (err) {
            *err = e;
            return -1;
        }
        raise_errno(vm, e);
        return -1;
    }
}

// ------------------------------------------------------------------ addresses

struct SockAddr {
    sockaddr_storage ss;
    socklen_t len;
    sockaddr* sa() { return reinterpret_cast<sockaddr*>(&ss); }
};

// idna_converter: a host name as bytes (str is ASCII or IDNA-encoded; bytes/bytearray as
// they are), without NUL.
bool host_arg(VM& vm, Value v, std::string& out)
{
    if (String* s = as_str(v)) {
        if (s->is_ascii()) {
            out.assign(s->view());
        } else {
            Value enc = str_value(vm, "idna");
            if (enc.is_null())
                return false;
            Value b = call_method(vm, v, intern(vm, "encode"), &enc, 1);
            if (b.is_null())
                return false;
            Bytes* bb = as_bytes(b);
            if (!bb) {
                raise(vm, exc::TypeError, "encoding with 'idna' codec failed");
                return false;
            }
            out.assign(bb->view());
        }
    } else if (Bytes* b = as_bytes(v)) {
        out.assign(b->view());
    } else if (ByteArray* ba = as_bytearray(v)) {
        out.assign(reinterpret_cast<char const*>(ba->data()), ba->size);
    } else {
        raise_fmt(vm, exc::TypeError, "str, bytes or bytearray expected, not %s", type_name(v));
        return false;
    }
    if (out.find('\0') != std::string::npos) {
        raise(vm, exc::TypeError, "host name must not contain null character");
        return false;
    }
    return true;
}

// setipaddr: a host name (or numeric address, '' for any, '<broadcast>') resolved into
// `addr` for family `af` (AF_UNSPEC: either). False with the error pending.
bool resolve_host(VM& vm, std::string const& name, SockAddr& addr, int af)
{
    std::memset(&addr.ss, 0, sizeof addr.ss);
    if (name.empty()) {
        addrinfo hints {};
        hints.ai_family = af;
        hints.ai_socktype = SOCK_DGRAM;
        hints.ai_flags = AI_PASSIVE;
        addrinfo* res = nullptr;
        int rc = getaddrinfo(nullptr, "0", &hints, &res);
        if (rc) {
            raise_gai(vm, rc);
            return false;
        }
        std::memcpy(&addr.ss, res->ai_addr, res->ai_addrlen);
        addr.len = res->ai_addrlen;
        freeaddrinfo(res);
        return true;
    }
    if (name == "<broadcast>" || name == "255.255.255.255") {
        if (af != AF_INET && af != AF_UNSPEC) {
            raise(vm, exc::OSError, "address family mismatched");
            return false;
        }
        auto* sin = reinterpret_cast<sockaddr_in*>(&addr.ss);
        sin->sin_family = AF_INET;
        sin->sin_addr.s_addr = INADDR_BROADCAST;
        addr.len = sizeof(sockaddr_in);
        return true;
    }
    if (af == AF_INET || af == AF_UNSPEC) {
        auto* sin = reinterpret_cast<sockaddr_in*>(&addr.ss);
        if (inet_pton(AF_INET, name.c_str(), &sin->sin_addr) == 1) {
            sin->sin_family = AF_INET;
            addr.len = sizeof(sockaddr_in);
            return true;
        }
    }
    if (af == AF_INET6 || af == AF_UNSPEC) {
        auto* sin6 = reinterpret_cast<sockaddr_in6*>(&addr.ss);
        if (inet_pton(AF_INET6, name.c_str(), &sin6->sin6_addr) == 1) {
            sin6->sin6_family = AF_INET6;
            addr.len = sizeof(sockaddr_in6);
            return true;
        }
    }
    addrinfo hints {};
    hints.ai_family = af;
    addrinfo* res = nullptr;
    int rc = getaddrinfo(name.c_str(), nullptr, &hints, &res);
    if (rc) {
        raise_gai(vm, rc);
        return false;
    }
    std::memcpy(&addr.ss, res->ai_addr, res->ai_addrlen);
    addr.len = res->ai_addrlen;
    freeaddrinfo(res);
    return true;
}

// makeipaddr: the numeric text of an IPv4/IPv6 address (without an IPv6 %scope: the
// scope id is the tuple's fourth item).
Value ip_text(VM& vm, sockaddr const* sa, socklen_t)
{
    char buf[INET6_ADDRSTRLEN];
    void const* raw = sa->sa_family == AF_INET6 ? static_cast<void const*>(&reinterpret_cast<sockaddr_in6 const*>(sa)->sin6_addr)
                                                : static_cast<void const*>(&reinterpret_cast<sockaddr_in const*>(sa)->sin_addr);
    if (!inet_ntop(sa->sa_family, raw, buf, sizeof buf))
        return raise_errno(vm);
    return str_value(vm, buf);
}

// makesockaddr: an address as Python sees it.
Value make_address(VM& vm, sockaddr const* sa, socklen_t len)
{
    if (len == 0)
        return py_none();
    switch (sa->sa_family) {
    case AF_INET: {
        auto const* sin = reinterpret_cast<sockaddr_in const*>(sa);
        Value host = TRY(ip_text(vm, sa, sizeof(sockaddr_in)));
        Tuple* t = tuple_pack(vm, { host, Value::small_int(ntohs(sin->sin_port)) });
        return t ? Value::from_object(t) : Value::null();
    }
    case AF_INET6: {
        auto const* sin6 = reinterpret_cast<sockaddr_in6 const*>(sa);
        Value host = TRY(ip_text(vm, sa, sizeof(sockaddr_in6)));
        Tuple* t = tuple_pack(vm, { host, Value::small_int(ntohs(sin6->sin6_port)),
                                    Value::small_int(int64_t(ntohl(sin6->sin6_flowinfo))),
                                    Value::small_int(int64_t(sin6->sin6_scope_id)) });
        return t ? Value::from_object(t) : Value::null();
    }
    case AF_UNIX: {
        auto const* sun = reinterpret_cast<sockaddr_un const*>(sa);
        size_t base = offsetof(sockaddr_un, sun_path);
        if (len > base && sun->sun_path[0] == 0) {
            // Linux's abstract namespace: the name is every byte after the family.
            Bytes* b = bytes_new(vm, std::string_view(sun->sun_path, len - base));
            return b ? Value::from_object(b) : Value::null();
        }
        size_t max = len > base ? len - base : 0;
        return fs_decode(vm, std::string_view(sun->sun_path, strnlen(sun->sun_path, max)));
    }
    default: {
        Bytes* b = bytes_new(vm, std::string_view(sa->sa_data, sizeof sa->sa_data));
        if (!b)
            return Value::null();
        Tuple* t = tuple_pack(vm, { Value::small_int(sa->sa_family), Value::from_object(b) });
        return t ? Value::from_object(t) : Value::null();
    }
    }
}

// The port of an address tuple ("i"), checked to 0-65535 with the caller's name.
bool port_arg(VM& vm, Value v, char const* caller, uint16_t& out)
{
    int port;
    if (!int_arg(vm, v, port)) {
        if (vm.has_error() && is_instance_fast(vm.error(), exc::OverflowError)) {
            vm.clear_error();
            port = -1;
        } else {
            return false;
        }
    }
    if (port < 0 || port > 0xffff) {
        raise_fmt(vm, exc::OverflowError, "%s(): port must be 0-65535.", caller);
        return false;
    }
    out = uint16_t(port);
    return true;
}

// getsockaddrarg: the Python address `v` for socket `s` as a sockaddr; `caller` names the
// method in messages.
bool address_arg(VM& vm, SocketObject* s, Value v, char const* caller, SockAddr& out)
{
    std::memset(&out.ss, 0, sizeof out.ss);
    switch (s->family) {
    case AF_UNIX: {
        std::string path;
        if (String* str = as_str(v)) {
            if (!fs_encode(vm, str, path))
                return false;
        } else {
            std::string_view view;
            if (!read_buffer_arg(vm, v, view))
                return false;
            path.assign(view);
        }
        auto* sun = reinterpret_cast<sockaddr_un*>(&out.ss);
        // Linux: a name starting with NUL is abstract, and an empty one binds to a fresh
        // abstract name (autobind); neither gets a terminating NUL.
        bool abstract = path.empty() || path[0] == '\0';
        if (abstract ? path.size() > sizeof sun->sun_path : path.size() >= sizeof sun->sun_path) {
            raise(vm, exc::OSError, "AF_UNIX path too long");
            return false;
        }
        sun->sun_family = AF_UNIX;
        std::memcpy(sun->sun_path, path.data(), path.size());
        out.len = socklen_t(offsetof(sockaddr_un, sun_path) + path.size() + (abstract ? 0 : 1));
        return true;
    }
    case AF_INET: {
        Tuple* t = as_tuple(v);
        if (!t) {
            raise_fmt(vm, exc::TypeError, "%s(): AF_INET address must be tuple, not %.500s", caller, type_name(v));
            return false;
        }
        if (t->size != 2) {
            raise(vm, exc::TypeError, "AF_INET address must be a pair (host, port)");
            return false;
        }
        std::string host;
        if (!host_arg(vm, t->items[0], host))
            return false;
        uint16_t port;
        // CPython converts the port before resolving the host.
        if (!port_arg(vm, t->items[1], caller, port))
            return false;
        SockAddr resolved;
        if (!resolve_host(vm, host, resolved, AF_INET))
            return false;
        out = resolved;
        reinterpret_cast<sockaddr_in*>(&out.ss)->sin_port = htons(port);
        out.len = sizeof(sockaddr_in);
        return true;
    }
    case AF_INET6: {
        Tuple* t = as_tuple(v);
        if (!t) {
            raise_fmt(vm, exc::TypeError, "%s(): AF_INET6 address must be tuple, not %.500s", caller, type_name(v));
            return false;
        }
        if (t->size < 2 || t->size > 4) {
            raise(vm, exc::TypeError, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
            return false;
        }
        std::string host;
        if (!host_arg(vm, t->items[0], host))
            return false;
        uint16_t port;
        if (!port_arg(vm, t->items[1], caller, port))
            return false;
        unsigned flowinfo = 0, scope_id = 0;
        if (t->size > 2 && !uint_arg(vm, t->items[2], flowinfo))
            return false;
        if (t->size > 3 && !uint_arg(vm, t->items[3], scope_id))
            return false;
        if (flowinfo > 0xfffff) {
            raise_fmt(vm, exc::OverflowError, "%s(): flowinfo must be 0-1048575.", caller);
            return false;
        }
        SockAddr resolved;
        if (!resolve_host(vm, host, resolved, AF_INET6))
            return false;
        out = resolved;
        auto* sin6 = reinterpret_cast<sockaddr_in6*>(&out.ss);
        sin6->sin6_port = htons(port);
        sin6->sin6_flowinfo = htonl(flowinfo);
        sin6->sin6_scope_id = scope_id;
        out.len = sizeof(sockaddr_in6);
        return true;
    }
    default:
        raise_fmt(vm, exc::OSError, "%s(): bad family", caller);
        return false;
    }
}

// ------------------------------------------------------------------ the socket type

bool check_kw_free(VM& vm, char const* fname, Tuple* kwnames)
{
    return check_no_kwargs(vm, fname, kwnames);
}

// "NAME() takes at most N arguments (M given)" / "...exactly..." as PyArg_ParseTuple.
bool tuple_nargs(VM& vm, char const* fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return true;
    if (min == max)
        raise_fmt(vm, exc::TypeError, "%s() takes exactly %zu argument%s (%zu given)", fname, min, min == 1 ? "" : "s", nargs);
    else if (nargs < min)
        raise_fmt(vm, exc::TypeError, "%s() takes at least %zu argument%s (%zu given)", fname, min, min == 1 ? "" : "s", nargs);
    else
        raise_fmt(vm, exc::TypeError, "%s() takes at most %zu argument%s (%zu given)", fname, max, max == 1 ? "" : "s", nargs);
    return false;
}

SLPY_SOCK_FN(sock_new)
{
    (void)nargs;
    (void)kwnames;
    auto* s = static_cast<SocketObject*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!s)
        return Value::null();
    s->fd = -1;
    s->family = AF_INET;
    s->type = SOCK_STREAM;
    s->proto = 0;
    s->timeout = -1.0;
    return Value::from_object(s);
}

// init_sockobject: the type without its creation flags, and the default timeout.
bool init_socket(VM& vm, SocketObject* s, int fd, int family, int type, int proto)
{
    s->fd = fd;
    s->family = family;
    s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s->proto = proto;
    if (type & SOCK_NONBLOCK) {
        s->timeout = 0;
        return true;
    }
    double t = state(vm).default_timeout;
    s->timeout = t;
    if (t >= 0 && !set_fd_blocking(fd, false)) {
        raise_errno(vm);
        return false;
    }
    return true;
}

// socket(family=-1, type=-1, proto=-1, fileno=None)
SLPY_SOCK_FN(sock_init)
{
    Value a[4];
    if (!parse_args(vm, "socket", args + 1, nargs - 1, kwnames, { "family", "type", "proto", "fileno" }, 0, a))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int family = -1, type = -1, proto = -1;
    if (!a[0].is_null() && !int_arg(vm, a[0], family))
        return Value::null();
    if (!a[1].is_null() && !int_arg(vm, a[1], type))
        return Value::null();
    if (!a[2].is_null() && !int_arg(vm, a[2], proto))
        return Value::null();
    int fd;
    if (!a[3].is_null() && !is_none(a[3])) {
        if (is_float(a[3]))
            return raise(vm, exc::TypeError, "'float' object cannot be interpreted as an integer");
        int64_t n;
        if (!index_i64(vm, a[3], n))
            return Value::null();
        if (n < 0)
            return raise(vm, exc::ValueError, "negative file descriptor");
        if (n > INT32_MAX)
            return raise(vm, exc::OverflowError, "signed integer is greater than maximum");
        fd = int(n);
        // Whatever was not given comes from the descriptor itself.
        if (family == -1) {
            SockAddr addr;
            addr.len = sizeof addr.ss;
            std::memset(&addr.ss, 0, sizeof addr.ss);
            if (::getsockname(fd, addr.sa(), &addr.len) != 0)
                return raise_errno(vm);
            family = addr.ss.ss_family;
        }
        if (type == -1) {
            int v = 0;
            socklen_t l = sizeof v;
            if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &l) != 0)
                return raise_errno(vm);
            type = v;
        }
        if (proto == -1) {
            int v = 0;
            socklen_t l = sizeof v;
            if (::getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &l) != 0)
                return raise_errno(vm);
            proto = v;
        }
    } else {
        if (family == -1)
            family = AF_INET;
        if (type == -1)
            type = SOCK_STREAM;
        if (proto == -1)
            proto = 0;
        fd = ::socket(family, type | SOCK_CLOEXEC, proto);
        if (fd < 0)
            return raise_errno(vm);
    }
    if (s->fd >= 0 && s->fd != fd)
        ::close(s->fd); // __init__ called again: the old descriptor is dropped, not leaked
    if (!init_socket(vm, s, fd, family, type, proto))
        return Value::null();
    return py_none();
}

SLPY_SOCK_FN(sock_repr)
{
    (void)nargs;
    (void)kwnames;
    SocketObject* s = self_sock(args[0]);
    char buf[128];
    std::snprintf(buf, sizeof buf, "<socket object, fd=%d, family=%d, type=%d, proto=%d>", s->fd, s->family, s->type,
                  s->proto);
    return str_value(vm, buf);
}

SLPY_SOCK_FN(sock_get_family)
{
    (void)vm, (void)nargs, (void)kwnames;
    return Value::small_int(self_sock(args[0])->family);
}
SLPY_SOCK_FN(sock_get_type)
{
    (void)vm, (void)nargs, (void)kwnames;
    return Value::small_int(self_sock(args[0])->type);
}
SLPY_SOCK_FN(sock_get_proto)
{
    (void)vm, (void)nargs, (void)kwnames;
    return Value::small_int(self_sock(args[0])->proto);
}
SLPY_SOCK_FN(sock_get_timeout)
{
    (void)vm, (void)nargs, (void)kwnames;
    return timeout_value(self_sock(args[0])->timeout);
}

SLPY_SOCK_FN(sock_fileno)
{
    if (!check_noargs_method(vm, "socket", "fileno", nargs - 1, kwnames))
        return Value::null();
    return Value::small_int(self_sock(args[0])->fd);
}

SLPY_SOCK_FN(sock_detach)
{
    if (!check_noargs_method(vm, "socket", "detach", nargs - 1, kwnames))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int fd = s->fd;
    s->fd = -1;
    return Value::small_int(fd);
}

SLPY_SOCK_FN(sock_close)
{
    if (!check_noargs_method(vm, "socket", "close", nargs - 1, kwnames))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int fd = s->fd;
    if (fd >= 0) {
        s->fd = -1;
        // ECONNRESET: the peer went away first; the descriptor is closed all the same.
        if (::close(fd) < 0 && errno != ECONNRESET)
            return raise_errno(vm);
    }
    return py_none();
}

SLPY_SOCK_FN(sock_bind)
{
    if (!check_kw_free(vm, "bind", kwnames) || !tuple_nargs(vm, "bind", nargs - 1, 1, 1))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    SockAddr addr;
    if (!address_arg(vm, s, args[1], "bind", addr))
        return Value::null();
    if (::bind(s->fd, addr.sa(), addr.len) != 0)
        return raise_errno(vm);
    return py_none();
}

SLPY_SOCK_FN(sock_listen)
{
    if (!check_kw_free(vm, "listen", kwnames) || !tuple_nargs(vm, "listen", nargs - 1, 0, 1))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
    if (nargs == 2 && !int_arg(vm, args[1], backlog))
        return Value::null();
    if (backlog < 0)
        backlog = 0;
    if (::listen(s->fd, backlog) != 0)
        return raise_errno(vm);
    return py_none();
}

// _accept() -> (fd, address): socket.py's accept() wraps the descriptor.
SLPY_SOCK_FN(sock_accept)
{
    if (!check_noargs_method(vm, "socket", "_accept", nargs - 1, kwnames))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    SockAddr addr;
    std::memset(&addr.ss, 0, sizeof addr.ss);
    int newfd = -1;
    auto op = [&] {
        addr.len = sizeof addr.ss;
        newfd = ::accept4(s->fd, addr.sa(), &addr.len, SOCK_CLOEXEC);
        return newfd >= 0;
    };
    if (sock_call(vm, s, false, op, false, nullptr, s->timeout) < 0)
        return Value::null();
    Value a = make_address(vm, addr.sa(), addr.len);
    if (a.is_null()) {
        ::close(newfd);
        return a;
    }
    Tuple* t = tuple_pack(vm, { Value::small_int(newfd), a });
    if (!t) {
        ::close(newfd);
        return Value::null();
    }
    return Value::from_object(t);
}

// internal_connect: 0, or the errno (raise: -1 with the exception pending instead).
int do_connect(VM& vm, SocketObject* s, SockAddr& addr, bool raise_errors)
{
    int rc = ::connect(s->fd, addr.sa(), addr.len);
    if (rc == 0)
        return 0;
    int e = errno;
    bool wait_connect;
    if (e == EINTR) {
        if (!check_pending(vm))
            return -1;
        wait_connect = s->timeout != 0;
    } else {
        wait_connect = s->timeout > 0 && e == EINPROGRESS;
    }
    if (!wait_connect) {
        if (raise_errors) {
            raise_errno(vm, e);
            return -1;
        }
        return e;
    }
    // Wait for the connection, then read its outcome from SO_ERROR.
    auto op = [&] {
        int err = 0;
        socklen_t l = sizeof err;
        if (::getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &l) != 0)
            return false;
        if (err == EISCONN || err == 0)
            return true;
        errno = err;
        return false;
    };
    int err = 0;
    int r = sock_call(vm, s, true, op, true, raise_errors ? nullptr : &err, s->timeout);
    if (r == 0)
        return 0;
    if (raise_errors || vm.has_error())
        return -1;
    return err;
}

SLPY_SOCK_FN(sock_connect)
{
    if (!check_kw_free(vm, "connect", kwnames) || !tuple_nargs(vm, "connect", nargs - 1, 1, 1))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    SockAddr addr;
    if (!address_arg(vm, s, args[1], "connect", addr))
        return Value::null();
    if (do_connect(vm, s, addr, true) != 0)
        return Value::null();
    return py_none();
}

SLPY_SOCK_FN(sock_connect_ex)
{
    if (!check_kw_free(vm, "connect_ex", kwnames) || !tuple_nargs(vm, "connect_ex", nargs - 1, 1, 1))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    SockAddr addr;
    if (!address_arg(vm, s, args[1], "connect_ex", addr))
        return Value::null();
    int r = do_connect(vm, s, addr, false);
    if (r < 0)
        return Value::null();
    return Value::small_int(r);
}

// The (bufsize[, flags]) arguments of recv and recvfrom.
bool size_flags_args(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, int64_t& size, int& flags)
{
    if (!check_kw_free(vm, fname, kwnames) || !tuple_nargs(vm, fname, nargs - 1, 1, 2))
        return false;
    if (!ssize_arg(vm, args[1], size) || (nargs == 3 && !int_arg(vm, args[2], flags)))
        return false;
    if (size < 0) {
        raise_fmt(vm, exc::ValueError, "negative buffersize in %s", fname);
        return false;
    }
    return true;
}

// recv(bufsize[, flags]) -> bytes
SLPY_SOCK_FN(sock_recv)
{
    SocketObject* s = self_sock(args[0]);
    int64_t size;
    int flags = 0;
    if (!size_flags_args(vm, "recv", args, nargs, kwnames, size, flags))
        return Value::null();
    if (size == 0) { // as CPython: no system call (a blocking stream recv of 0 bytes would wait)
        Bytes* empty = bytes_new(vm, std::string_view());
        return empty ? Value::from_object(empty) : Value::null();
    }
    Bytes* b = bytes_alloc(vm, size_t(size));
    if (!b)
        return Value::null();
    ssize_t got = 0;
    auto op = [&] {
        got = ::recv(s->fd, b->data, size_t(size), flags);
        return got >= 0;
    };
    if (sock_call(vm, s, false, op, false, nullptr, s->timeout) < 0)
        return Value::null();
    if (size_t(got) == size_t(size)) {
        b->data[got] = 0;
        return Value::from_object(b);
    }
    Bytes* r = bytes_new(vm, std::string_view(reinterpret_cast<char const*>(b->data), size_t(got)));
    return r ? Value::from_object(r) : Value::null();
}

// The (buffer, nbytes=0, flags=0) arguments of recv_into and recvfrom_into.
bool into_args(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, unsigned char*& data,
               size_t& len, int& flags)
{
    Value a[3];
    if (!parse_args(vm, fname, args + 1, nargs - 1, kwnames, { "buffer", "nbytes", "flags" }, 1, a))
        return false;
    if (!write_buffer_arg(vm, a[0], fname, data, len))
        return false;
    int64_t nbytes = 0;
    flags = 0;
    if (!a[1].is_null() && !ssize_arg(vm, a[1], nbytes))
        return false;
    if (!a[2].is_null() && !int_arg(vm, a[2], flags))
        return false;
    // The conversions above may have run Python code: read the buffer again.
    if (!write_buffer_arg(vm, a[0], fname, data, len))
        return false;
    if (nbytes < 0) {
        raise_fmt(vm, exc::ValueError, "negative buffersize in %s", fname);
        return false;
    }
    if (nbytes == 0) {
        nbytes = int64_t(len);
    } else if (size_t(nbytes) > len) {
        raise(vm, exc::ValueError, std::string_view(fname) == "recv_into" ? "buffer too small for requested bytes"
                                                                          : "nbytes is greater than the length of the buffer");
        return false;
    }
    len = size_t(nbytes);
    return true;
}

SLPY_SOCK_FN(sock_recv_into)
{
    unsigned char* data;
    size_t len;
    int flags;
    if (!into_args(vm, "recv_into", args, nargs, kwnames, data, len, flags))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    ssize_t got = 0;
    auto op = [&] {
        got = ::recv(s->fd, data, len, flags);
        return got >= 0;
    };
    if (sock_call(vm, s, false, op, false, nullptr, s->timeout) < 0)
        return Value::null();
    return Value::small_int(got);
}

SLPY_SOCK_FN(sock_recvfrom)
{
    SocketObject* s = self_sock(args[0]);
    int64_t size;
    int flags = 0;
    if (!size_flags_args(vm, "recvfrom", args, nargs, kwnames, size, flags))
        return Value::null();
    Bytes* b = bytes_alloc(vm, size_t(size));
    if (!b)
        return Value::null();
    SockAddr addr;
    std::memset(&addr.ss, 0, sizeof addr.ss);
    ssize_t got = 0;
    auto op = [&] {
        addr.len = sizeof addr.ss;
        got = ::recvfrom(s->fd, b->data, size_t(size), flags, addr.sa(), &addr.len);
        return got >= 0;
    };
    if (sock_call(vm, s, false, op, false, nullptr, s->timeout) < 0)
        return Value::null();
    Value a = TRY(make_address(vm, addr.sa(), addr.len));
    Bytes* r = bytes_new(vm, std::string_view(reinterpret_cast<char const*>(b->data), size_t(got)));
    if (!r)
        return Value::null();
    Tuple* t = tuple_pack(vm, { Value::from_object(r), a });
    return t ? Value::from_object(t) : Value::null();
}

SLPY_SOCK_FN(sock_recvfrom_into)
{
    unsigned char* data;
    size_t len;
    int flags;
    if (!into_args(vm, "recvfrom_into", args, nargs, kwnames, data, len, flags))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    SockAddr addr;
    std::memset(&addr.ss, 0, sizeof addr.ss);
    ssize_t got = 0;
    auto op = [&] {
        addr.len = sizeof addr.ss;
        got = ::recvfrom(s->fd, data, len, flags, addr.sa(), &addr.len);
        return got >= 0;
    };
    if (sock_call(vm, s, false, op, false, nullptr, s->timeout) < 0)
        return Value::null();
    Value a = TRY(make_address(vm, addr.sa(), addr.len));
    Tuple* t = tuple_pack(vm, { Value::small_int(got), a });
    return t ? Value::from_object(t) : Value::null();
}

SLPY_SOCK_FN(sock_send)
{
    if (!check_kw_free(vm, "send", kwnames) || !tuple_nargs(vm, "send", nargs - 1, 1, 2))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int flags = 0;
    if (nargs == 3 && !int_arg(vm, args[2], flags))
        return Value::null();
    std::string_view data;
    if (!read_buffer_arg(vm, args[1], data))
        return Value::null();
    ssize_t sent = 0;
    auto op = [&] {
        sent = ::send(s->fd, data.data(), data.size(), flags | MSG_NOSIGNAL);
        return sent >= 0;
    };
    if (sock_call(vm, s, true, op, false, nullptr, s->timeout) < 0)
        return Value::null();
    return Value::small_int(sent);
}

// sendall(data[, flags]): everything, the timeout covering the whole call.
SLPY_SOCK_FN(sock_sendall)
{
    if (!check_kw_free(vm, "sendall", kwnames) || !tuple_nargs(vm, "sendall", nargs - 1, 1, 2))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int flags = 0;
    if (nargs == 3 && !int_arg(vm, args[2], flags))
        return Value::null();
    std::string_view data;
    if (!read_buffer_arg(vm, args[1], data))
        return Value::null();
    // The bytes are copied: a signal handler run between two sends may resize a bytearray.
    std::string copy(data);
    size_t done = 0;
    bool has_timeout = s->timeout > 0;
    double deadline = has_timeout ? monotonic_now() + s->timeout : 0;
    while (done < copy.size()) {
        double interval = s->timeout;
        if (has_timeout) {
            interval = deadline - monotonic_now();
            if (interval <= 0)
                return raise_timeout(vm);
        }
        ssize_t sent = 0;
        auto op = [&] {
            sent = ::send(s->fd, copy.data() + done, copy.size() - done, flags | MSG_NOSIGNAL);
            return sent >= 0;
        };
        if (sock_call(vm, s, true, op, false, nullptr, interval) < 0)
            return Value::null();
        done += size_t(sent);
        if (!check_pending(vm))
            return Value::null();
    }
    return py_none();
}

// sendto(data[, flags], address)
SLPY_SOCK_FN(sock_sendto)
{
    if (!check_kw_free(vm, "sendto", kwnames))
        return Value::null();
    if (nargs - 1 < 2 || nargs - 1 > 3)
        return raise_fmt(vm, exc::TypeError, "sendto() takes 2 or 3 arguments (%zu given)", nargs - 1);
    SocketObject* s = self_sock(args[0]);
    int flags = 0;
    Value address = args[nargs - 1];
    if (nargs == 4 && !int_arg(vm, args[2], flags))
        return Value::null();
    std::string_view view;
    if (!read_buffer_arg(vm, args[1], view))
        return Value::null();
    SockAddr addr;
    if (!address_arg(vm, s, address, "sendto", addr))
        return Value::null();
    // Resolving the address may have run Python code (idna): read the data again.
    if (!read_buffer_arg(vm, args[1], view))
        return Value::null();
    ssize_t sent = 0;
    auto op = [&] {
        sent = ::sendto(s->fd, view.data(), view.size(), flags | MSG_NOSIGNAL, addr.sa(), addr.len);
        return sent >= 0;
    };
    if (sock_call(vm, s, true, op, false, nullptr, s->timeout) < 0)
        return Value::null();
    return Value::small_int(sent);
}

SLPY_SOCK_FN(sock_shutdown)
{
    if (!check_kw_free(vm, "shutdown", kwnames) || !check_onearg_method(vm, "socket", "shutdown", nargs - 1, kwnames))
        return Value::null();
    int how;
    if (!int_arg(vm, args[1], how))
        return Value::null();
    if (::shutdown(self_sock(args[0])->fd, how) != 0)
        return raise_errno(vm);
    return py_none();
}

Value sock_name(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* fname, bool peer)
{
    if (!check_noargs_method(vm, "socket", fname, nargs - 1, kwnames))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    SockAddr addr;
    std::memset(&addr.ss, 0, sizeof addr.ss);
    addr.len = sizeof addr.ss;
    int rc = peer ? ::getpeername(s->fd, addr.sa(), &addr.len) : ::getsockname(s->fd, addr.sa(), &addr.len);
    if (rc != 0)
        return raise_errno(vm);
    return make_address(vm, addr.sa(), addr.len);
}

SLPY_SOCK_FN(sock_getsockname)
{
    return sock_name(vm, args, nargs, kwnames, "getsockname", false);
}

SLPY_SOCK_FN(sock_getpeername)
{
    return sock_name(vm, args, nargs, kwnames, "getpeername", true);
}

// setsockopt(level, option, value: int | buffer) or setsockopt(level, option, None, optlen)
SLPY_SOCK_FN(sock_setsockopt)
{
    if (!check_kw_free(vm, "setsockopt", kwnames) || !tuple_nargs(vm, "setsockopt", nargs - 1, 3, 4))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int level, option;
    if (!int_arg(vm, args[1], level) || !int_arg(vm, args[2], option))
        return Value::null();
    int rc;
    if (nargs == 5) {
        if (!is_none(args[3]))
            return raise_fmt(vm, exc::TypeError, "setsockopt() argument 3 must be None, not %s", type_name(args[3]));
        unsigned optlen;
        if (!uint_arg(vm, args[4], optlen))
            return Value::null();
        rc = ::setsockopt(s->fd, level, option, nullptr, optlen);
    } else if (is_int(args[3])) {
        int flag;
        if (!int_arg(vm, args[3], flag))
            return Value::null();
        rc = ::setsockopt(s->fd, level, option, &flag, sizeof flag);
    } else {
        std::string_view view;
        if (!read_buffer_arg(vm, args[3], view))
            return Value::null();
        rc = ::setsockopt(s->fd, level, option, view.data(), socklen_t(view.size()));
    }
    if (rc != 0)
        return raise_errno(vm);
    return py_none();
}

// getsockopt(level, option[, buflen]): an int, or the option's bytes when buflen > 0.
SLPY_SOCK_FN(sock_getsockopt)
{
    if (!check_kw_free(vm, "getsockopt", kwnames) || !tuple_nargs(vm, "getsockopt", nargs - 1, 2, 3))
        return Value::null();
    SocketObject* s = self_sock(args[0]);
    int level, option, buflen = 0;
    if (!int_arg(vm, args[1], level) || !int_arg(vm, args[2], option))
        return Value::null();
    if (nargs == 4 && !int_arg(vm, args[3], buflen))
        return Value::null();
    if (buflen == 0) {
        int flag = 0;
        socklen_t l = sizeof flag;
        if (::getsockopt(s->fd, level, option, &flag, &l) != 0)
            return raise_errno(vm);
        return Value::small_int(flag);
    }
    if (buflen < 0 || buflen > 1024)
        return raise(vm, exc::OSError, "getsockopt buflen out of range");
    char buf[1024];
    socklen_t l = socklen_t(buflen);
    if (::getsockopt(s->fd, level, option, buf, &l) != 0)
        return raise_errno(vm);
    Bytes* b = bytes_new(vm, std::string_view(buf, l));
    return b ? Value::from_object(b) : Value::null();
}

SLPY_SOCK_FN(sock_setblocking)
{
    if (!check_onearg_method(vm, "socket", "setblocking", nargs - 1, kwnames))
        return Value::null();
    int64_t flag;
    if (is_float(args[1]))
        return raise(vm, exc::TypeError, "'float' object cannot be interpreted as an integer");
    if (!index_i64(vm, args[1], flag))
        return Value::null();
    if (!apply_timeout(vm, self_sock(args[0]), flag ? -1.0 : 0.0))
        return Value::null();
    return py_none();
}

SLPY_SOCK_FN(sock_getblocking)
{
    if (!check_noargs_method(vm, "socket", "getblocking", nargs - 1, kwnames))
        return Value::null();
    return py_bool(self_sock(args[0])->timeout != 0); // a timeout still blocks (up to it)
}

SLPY_SOCK_FN(sock_settimeout)
{
    if (!check_onearg_method(vm, "socket", "settimeout", nargs - 1, kwnames))
        return Value::null();
    double t;
    if (!timeout_arg(vm, args[1], t) || !apply_timeout(vm, self_sock(args[0]), t))
        return Value::null();
    return py_none();
}

SLPY_SOCK_FN(sock_gettimeout)
{
    if (!check_noargs_method(vm, "socket", "gettimeout", nargs - 1, kwnames))
        return Value::null();
    return timeout_value(self_sock(args[0])->timeout);
}

// ------------------------------------------------------------------ module functions

SLPY_SOCK_FN(m_socketpair)
{
    if (!check_kw_free(vm, "socketpair", kwnames) || !tuple_nargs(vm, "socketpair", nargs, 0, 3))
        return Value::null();
    int family = AF_UNIX, type = SOCK_STREAM, proto = 0;
    if ((nargs > 0 && !int_arg(vm, args[0], family)) || (nargs > 1 && !int_arg(vm, args[1], type))
        || (nargs > 2 && !int_arg(vm, args[2], proto)))
        return Value::null();
    int sv[2];
    if (::socketpair(family, type | SOCK_CLOEXEC, proto, sv) != 0)
        return raise_errno(vm);
    Value cls = Value::from_object(g_socket_type);
    Value a = sock_new(vm, &cls, 1, nullptr);
    Value b = a.is_null() ? a : sock_new(vm, &cls, 1, nullptr);
    if (b.is_null()) {
        ::close(sv[0]);
        ::close(sv[1]);
        return Value::null();
    }
    self_sock(a)->fd = sv[0];
    self_sock(b)->fd = sv[1];
    if (!init_socket(vm, self_sock(a), sv[0], family, type, proto) || !init_socket(vm, self_sock(b), sv[1], family, type, proto))
        return Value::null(); // the finalizers close both
    Tuple* t = tuple_pack(vm, { a, b });
    return t ? Value::from_object(t) : Value::null();
}

SLPY_SOCK_FN(m_dup)
{
    if (!check_kw_free(vm, "dup", kwnames) || !check_nargs(vm, "dup", nargs, 1, 1))
        return Value::null();
    int fd;
    if (!int_arg(vm, args[0], fd))
        return Value::null();
    int n = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (n < 0)
        return raise_errno(vm);
    return Value::small_int(n);
}

SLPY_SOCK_FN(m_close)
{
    if (!check_kw_free(vm, "close", kwnames) || !check_nargs(vm, "close", nargs, 1, 1))
        return Value::null();
    int fd;
    if (!int_arg(vm, args[0], fd))
        return Value::null();
    if (::close(fd) < 0 && errno != ECONNRESET)
        return raise_errno(vm);
    return py_none();
}

SLPY_SOCK_FN(m_getdefaulttimeout)
{
    (void)args;
    if (!check_kw_free(vm, "getdefaulttimeout", kwnames) || !check_nargs(vm, "getdefaulttimeout", nargs, 0, 0))
        return Value::null();
    return timeout_value(state(vm).default_timeout);
}

SLPY_SOCK_FN(m_setdefaulttimeout)
{
    if (!check_kw_free(vm, "setdefaulttimeout", kwnames) || !check_nargs(vm, "setdefaulttimeout", nargs, 1, 1))
        return Value::null();
    double t;
    if (!timeout_arg(vm, args[0], t))
        return Value::null();
    state(vm).default_timeout = t;
    return py_none();
}

SLPY_SOCK_FN(m_gethostname)
{
    (void)args;
    if (!check_kw_free(vm, "gethostname", kwnames) || !check_nargs(vm, "gethostname", nargs, 0, 0))
        return Value::null();
    char buf[1024];
    if (::gethostname(buf, sizeof buf - 1) != 0)
        return raise_errno(vm);
    buf[sizeof buf - 1] = 0;
    return fs_decode(vm, buf);
}

// A str argument ("s"): UTF-8, no NUL.
bool text_arg(VM& vm, Value v, char const* fname, int pos, std::string& out)
{
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "%s() argument %d must be str, not %s", fname, pos, type_name(v));
        return false;
    }
    out.assign(s->view());
    if (out.find('\0') != std::string::npos) {
        raise(vm, exc::ValueError, "embedded null character");
        return false;
    }
    return true;
}

// The host argument of the gethostby* functions (CPython's "et" with the idna codec).
bool hostname_arg(VM& vm, Value v, char const* fname, std::string& out)
{
    if (!as_str(v) && !as_bytes(v) && !as_bytearray(v)) {
        raise_fmt(vm, exc::TypeError, "%s() argument 1 must be str, bytes or bytearray, not %s", fname, type_name(v));
        return false;
    }
    if (!host_arg(vm, v, out)) {
        if (vm.has_error() && is_instance_fast(vm.error(), exc::TypeError)) {
            vm.clear_error();
            raise_fmt(vm, exc::TypeError, "%s() argument 1 must be encoded string without null bytes, not %s", fname,
                      type_name(v));
        }
        return false;
    }
    return true;
}

// gethostbyname(name): the IPv4 address as text.
SLPY_SOCK_FN(m_gethostbyname)
{
    if (!check_kw_free(vm, "gethostbyname", kwnames) || !tuple_nargs(vm, "gethostbyname", nargs, 1, 1))
        return Value::null();
    std::string name;
    if (!hostname_arg(vm, args[0], "gethostbyname", name))
        return Value::null();
    SockAddr addr;
    if (!resolve_host(vm, name, addr, AF_INET))
        return Value::null();
    return ip_text(vm, addr.sa(), sizeof(sockaddr_in));
}

// gethost_common: (name, aliases, addresses) from a hostent.
Value hostent_value(VM& vm, hostent* h)
{
    List* aliases = list_new(vm);
    List* addrs = list_new(vm);
    if (!aliases || !addrs)
        return Value::null();
    for (char** p = h->h_aliases; p && *p; ++p)
        if (!list_append(vm, aliases, str_value(vm, *p)))
            return Value::null();
    for (char** p = h->h_addr_list; p && *p; ++p) {
        char buf[INET6_ADDRSTRLEN];
        if (!inet_ntop(h->h_addrtype, *p, buf, sizeof buf))
            continue;
        if (!list_append(vm, addrs, str_value(vm, buf)))
            return Value::null();
    }
    Value name = str_value(vm, h->h_name ? h->h_name : "");
    if (name.is_null())
        return name;
    Tuple* t = tuple_pack(vm, { name, Value::from_object(aliases), Value::from_object(addrs) });
    return t ? Value::from_object(t) : Value::null();
}

SLPY_SOCK_FN(m_gethostbyname_ex)
{
    if (!check_kw_free(vm, "gethostbyname_ex", kwnames) || !tuple_nargs(vm, "gethostbyname_ex", nargs, 1, 1))
        return Value::null();
    std::string name;
    if (!hostname_arg(vm, args[0], "gethostbyname_ex", name))
        return Value::null();
    // CPython resolves through setipaddr first (so numeric and '' names work), then asks
    // gethostbyname_r for the host's record.
    SockAddr addr;
    if (!resolve_host(vm, name, addr, AF_INET))
        return Value::null();
    hostent he {}, *h = nullptr;
    char buf[16384];
    int herr = 0;
    gethostbyname_r(name.c_str(), &he, buf, sizeof buf, &h, &herr);
    if (!h)
        return raise_herror(vm, herr);
    return hostent_value(vm, h);
}

SLPY_SOCK_FN(m_gethostbyaddr)
{
    if (!check_kw_free(vm, "gethostbyaddr", kwnames) || !tuple_nargs(vm, "gethostbyaddr", nargs, 1, 1))
        return Value::null();
    std::string name;
    if (!hostname_arg(vm, args[0], "gethostbyaddr", name))
        return Value::null();
    SockAddr addr;
    if (!resolve_host(vm, name, addr, AF_UNSPEC))
        return Value::null();
    void const* raw;
    socklen_t rawlen;
    int af = addr.ss.ss_family;
    if (af == AF_INET6) {
        raw = &reinterpret_cast<sockaddr_in6*>(&addr.ss)->sin6_addr;
        rawlen = sizeof(in6_addr);
    } else {
        raw = &reinterpret_cast<sockaddr_in*>(&addr.ss)->sin_addr;
        rawlen = sizeof(in_addr);
    }
    hostent he {}, *h = nullptr;
    char buf[16384];
    int herr = 0;
    gethostbyaddr_r(raw, rawlen, af, &he, buf, sizeof buf, &h, &herr);
    if (!h)
        return raise_herror(vm, herr);
    return hostent_value(vm, h);
}

// getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)
SLPY_SOCK_FN(m_getaddrinfo)
{
    Value a[6];
    if (!parse_args(vm, "getaddrinfo", args, nargs, kwnames, { "host", "port", "family", "type", "proto", "flags" }, 2, a))
        return Value::null();
    std::string host, port;
    bool has_host = false, has_port = false;
    if (!is_none(a[0])) {
        if (!as_str(a[0]) && !as_bytes(a[0]))
            return raise(vm, exc::TypeError, "getaddrinfo() argument 1 must be string or None");
        if (!host_arg(vm, a[0], host))
            return Value::null();
        has_host = true;
    }
    if (is_int(a[1])) {
        Value text = TRY(to_str(vm, a[1]));
        port.assign(as_str(text)->view());
        has_port = true;
    } else if (String* s = as_str(a[1])) {
        // Strict UTF-8: a lone surrogate is a UnicodeEncodeError, as CPython.
        Value b = TRY(str_encode(vm, s, "utf-8", "strict"));
        port.assign(as_bytes(b)->view());
        has_port = true;
    } else if (Bytes* b = as_bytes(a[1])) {
        port.assign(b->view());
        has_port = true;
    } else if (!is_none(a[1])) {
        return raise(vm, exc::OSError, "Int or String expected");
    }
    int ints[4] = { 0, 0, 0, 0 };
    for (int i = 0; i < 4; ++i)
        if (!a[2 + i].is_null() && !int_arg(vm, a[2 + i], ints[i]))
            return Value::null();
    addrinfo hints {};
    hints.ai_family = ints[0];
    hints.ai_socktype = ints[1];
    hints.ai_protocol = ints[2];
    hints.ai_flags = ints[3];
    addrinfo* res = nullptr;
    int rc = getaddrinfo(has_host ? host.c_str() : nullptr, has_port ? port.c_str() : nullptr, &hints, &res);
    if (rc)
        return raise_gai(vm, rc);
    List* out = list_new(vm);
    for (addrinfo* r = res; out && r; r = r->ai_next) {
        Value addr = make_address(vm, r->ai_addr, r->ai_addrlen);
        Value canon = addr.is_null() ? addr : str_value(vm, r->ai_canonname ? r->ai_canonname : "");
        Tuple* t = canon.is_null() ? nullptr
                                   : tuple_pack(vm, { Value::small_int(r->ai_family), Value::small_int(r->ai_socktype),
                                                      Value::small_int(r->ai_protocol), canon, addr });
        if (!t || !list_append(vm, out, Value::from_object(t)))
            out = nullptr;
    }
    freeaddrinfo(res);
    return out ? Value::from_object(out) : Value::null();
}

// getnameinfo(sockaddr, flags) -> (host, port)
SLPY_SOCK_FN(m_getnameinfo)
{
    if (!check_kw_free(vm, "getnameinfo", kwnames) || !tuple_nargs(vm, "getnameinfo", nargs, 2, 2))
        return Value::null();
    int flags;
    Tuple* t = as_tuple(args[0]);
    if (!t)
        return raise(vm, exc::TypeError, "getnameinfo() argument 1 must be a tuple");
    if (!int_arg(vm, args[1], flags))
        return Value::null();
    if (t->size < 2 || t->size > 4 || !as_str(t->items[0]))
        return raise(vm, exc::TypeError, "getnameinfo(): illegal sockaddr argument");
    std::string host(as_str(t->items[0])->view());
    int port;
    unsigned flowinfo = 0, scope_id = 0;
    if (!int_arg(vm, t->items[1], port) || (t->size > 2 && !uint_arg(vm, t->items[2], flowinfo))
        || (t->size > 3 && !uint_arg(vm, t->items[3], scope_id)))
        return Value::null();
    if (flowinfo > 0xfffff)
        return raise(vm, exc::OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
    std::string pbuf = std::to_string(port);
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST;
    addrinfo* res = nullptr;
    int rc = getaddrinfo(host.c_str(), pbuf.c_str(), &hints, &res);
    if (rc)
        return raise_gai(vm, rc);
    if (res->ai_next) {
        freeaddrinfo(res);
        return raise(vm, exc::OSError, "sockaddr resolved to multiple addresses");
    }
    SockAddr addr;
    std::memcpy(&addr.ss, res->ai_addr, res->ai_addrlen);
    addr.len = res->ai_addrlen;
    freeaddrinfo(res);
    if (addr.ss.ss_family == AF_INET) {
        if (t->size != 2)
            return raise(vm, exc::OSError, "IPv4 sockaddr must be 2 tuple");
    } else if (addr.ss.ss_family == AF_INET6) {
        auto* sin6 = reinterpret_cast<sockaddr_in6*>(&addr.ss);
        sin6->sin6_flowinfo = htonl(flowinfo);
        sin6->sin6_scope_id = scope_id;
    }
    char hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
    rc = getnameinfo(addr.sa(), addr.len, hbuf, sizeof hbuf, sbuf, sizeof sbuf, flags);
    if (rc)
        return raise_gai(vm, rc);
    Value h = str_value(vm, hbuf);
    Value s = h.is_null() ? h : str_value(vm, sbuf);
    if (s.is_null())
        return s;
    Tuple* r = tuple_pack(vm, { h, s });
    return r ? Value::from_object(r) : Value::null();
}

SLPY_SOCK_FN(m_getservbyname)
{
    if (!check_kw_free(vm, "getservbyname", kwnames) || !tuple_nargs(vm, "getservbyname", nargs, 1, 2))
        return Value::null();
    std::string name, proto;
    if (!text_arg(vm, args[0], "getservbyname", 1, name) || (nargs > 1 && !text_arg(vm, args[1], "getservbyname", 2, proto)))
        return Value::null();
    servent se {}, *sp = nullptr;
    char buf[4096];
    getservbyname_r(name.c_str(), nargs > 1 ? proto.c_str() : nullptr, &se, buf, sizeof buf, &sp);
    if (!sp)
        return raise(vm, exc::OSError, "service/proto not found");
    return Value::small_int(ntohs(uint16_t(sp->s_port)));
}

SLPY_SOCK_FN(m_getservbyport)
{
    if (!check_kw_free(vm, "getservbyport", kwnames) || !tuple_nargs(vm, "getservbyport", nargs, 1, 2))
        return Value::null();
    int port;
    std::string proto;
    if (!int_arg(vm, args[0], port) || (nargs > 1 && !text_arg(vm, args[1], "getservbyport", 2, proto)))
        return Value::null();
    if (port < 0 || port > 0xffff)
        return raise(vm, exc::OverflowError, "getservbyport: port must be 0-65535.");
    servent se {}, *sp = nullptr;
    char buf[4096];
    getservbyport_r(htons(uint16_t(port)), nargs > 1 ? proto.c_str() : nullptr, &se, buf, sizeof buf, &sp);
    if (!sp)
        return raise(vm, exc::OSError, "port/proto not found");
    return str_value(vm, sp->s_name);
}

SLPY_SOCK_FN(m_getprotobyname)
{
    if (!check_kw_free(vm, "getprotobyname", kwnames) || !tuple_nargs(vm, "getprotobyname", nargs, 1, 1))
        return Value::null();
    std::string name;
    if (!text_arg(vm, args[0], "getprotobyname", 1, name))
        return Value::null();
    protoent pe {}, *pp = nullptr;
    char buf[4096];
    getprotobyname_r(name.c_str(), &pe, buf, sizeof buf, &pp);
    if (!pp)
        return raise(vm, exc::OSError, "protocol not found");
    return Value::small_int(pp->p_proto);
}

// htons/ntohs: 16-bit unsigned, with CPython 3.11's messages.
Value short_swap(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* fname)
{
    if (!check_kw_free(vm, fname, kwnames) || !check_nargs(vm, fname, nargs, 1, 1))
        return Value::null();
    if (is_float(args[0]))
        return raise(vm, exc::TypeError, "'float' object cannot be interpreted as an integer");
    Value i = TRY(index(vm, args[0]));
    int64_t n;
    if (!int_to_i64(int_unwrap(i), n))
        n = int_sign(int_unwrap(i)) < 0 ? -1 : 0x10000;
    if (n < 0)
        return raise_fmt(vm, exc::OverflowError, "%s: can't convert negative Python int to C 16-bit unsigned integer", fname);
    if (n > 0xffff)
        return raise_fmt(vm, exc::OverflowError, "%s: Python int too large to convert to C 16-bit unsigned integer", fname);
    return Value::small_int(htons(uint16_t(n)));
}

SLPY_SOCK_FN(m_htons)
{
    return short_swap(vm, args, nargs, kwnames, "htons");
}
SLPY_SOCK_FN(m_ntohs)
{
    return short_swap(vm, args, nargs, kwnames, "ntohs");
}

// htonl/ntohl: 32-bit unsigned.
Value long_swap(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* fname)
{
    if (!check_kw_free(vm, fname, kwnames) || !check_nargs(vm, fname, nargs, 1, 1))
        return Value::null();
    if (!is_int(args[0]))
        return raise_fmt(vm, exc::TypeError, "expected int, %s found", type_name(args[0]));
    int64_t n;
    Value v = int_unwrap(args[0]);
    if (int_sign(v) < 0)
        return raise(vm, exc::OverflowError, "can't convert negative value to unsigned int");
    if (!int_to_i64(v, n) && int_bit_length(v) > 64)
        return raise(vm, exc::OverflowError, "Python int too large to convert to C unsigned long");
    if (!int_to_i64(v, n) || n > int64_t(UINT32_MAX))
        return raise(vm, exc::OverflowError, "int larger than 32 bits");
    return int_from_i64(vm, int64_t(htonl(uint32_t(n))));
}

SLPY_SOCK_FN(m_htonl)
{
    return long_swap(vm, args, nargs, kwnames, "htonl");
}
SLPY_SOCK_FN(m_ntohl)
{
    return long_swap(vm, args, nargs, kwnames, "ntohl");
}

SLPY_SOCK_FN(m_inet_aton)
{
    if (!check_kw_free(vm, "inet_aton", kwnames) || !tuple_nargs(vm, "inet_aton", nargs, 1, 1))
        return Value::null();
    std::string text;
    if (!text_arg(vm, args[0], "inet_aton", 1, text))
        return Value::null();
    in_addr a {};
    if (inet_aton(text.c_str(), &a) == 0)
        return raise(vm, exc::OSError, "illegal IP address string passed to inet_aton");
    Bytes* b = bytes_new(vm, std::string_view(reinterpret_cast<char const*>(&a), sizeof a));
    return b ? Value::from_object(b) : Value::null();
}

SLPY_SOCK_FN(m_inet_ntoa)
{
    if (!check_kw_free(vm, "inet_ntoa", kwnames) || !tuple_nargs(vm, "inet_ntoa", nargs, 1, 1))
        return Value::null();
    std::string_view packed;
    if (!read_buffer_arg(vm, args[0], packed))
        return Value::null();
    if (packed.size() != 4)
        return raise(vm, exc::OSError, "packed IP wrong length for inet_ntoa");
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, packed.data(), buf, sizeof buf);
    return str_value(vm, buf);
}

SLPY_SOCK_FN(m_inet_pton)
{
    if (!check_kw_free(vm, "inet_pton", kwnames) || !tuple_nargs(vm, "inet_pton", nargs, 2, 2))
        return Value::null();
    int af;
    std::string text;
    if (!int_arg(vm, args[0], af) || !text_arg(vm, args[1], "inet_pton", 2, text))
        return Value::null();
    unsigned char packed[sizeof(in6_addr)];
    int rc = inet_pton(af, text.c_str(), packed);
    if (rc < 0)
        return raise_errno(vm);
    if (rc == 0)
        return raise(vm, exc::OSError, "illegal IP address string passed to inet_pton");
    size_t n = af == AF_INET ? sizeof(in_addr) : sizeof(in6_addr);
    Bytes* b = bytes_new(vm, std::string_view(reinterpret_cast<char const*>(packed), n));
    return b ? Value::from_object(b) : Value::null();
}

SLPY_SOCK_FN(m_inet_ntop)
{
    if (!check_kw_free(vm, "inet_ntop", kwnames) || !tuple_nargs(vm, "inet_ntop", nargs, 2, 2))
        return Value::null();
    int af;
    std::string_view packed;
    if (!int_arg(vm, args[0], af) || !read_buffer_arg(vm, args[1], packed))
        return Value::null();
    if (af == AF_INET) {
        if (packed.size() != sizeof(in_addr))
            return raise(vm, exc::ValueError, "invalid length of packed IP address string");
    } else if (af == AF_INET6) {
        if (packed.size() != sizeof(in6_addr))
            return raise(vm, exc::ValueError, "invalid length of packed IP address string");
    } else {
        return raise_fmt(vm, exc::ValueError, "unknown address family %d", af);
    }
    char buf[INET6_ADDRSTRLEN];
    if (!inet_ntop(af, packed.data(), buf, sizeof buf))
        return raise_errno(vm);
    return str_value(vm, buf);
}

// An interface name argument (str through the file-system encoding, or bytes).
bool ifname_arg(VM& vm, Value v, std::string& out)
{
    if (String* s = as_str(v))
        return fs_encode(vm, s, out);
    if (Bytes* b = as_bytes(v)) {
        out.assign(b->view());
        return true;
    }
    raise_fmt(vm, exc::TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(v));
    return false;
}

SLPY_SOCK_FN(m_if_nametoindex)
{
    if (!check_kw_free(vm, "if_nametoindex", kwnames) || !check_nargs(vm, "if_nametoindex", nargs, 1, 1))
        return Value::null();
    std::string name;
    if (!ifname_arg(vm, args[0], name))
        return Value::null();
    unsigned idx = if_nametoindex(name.c_str());
    if (idx == 0)
        return raise(vm, exc::OSError, "no interface with this name");
    return Value::small_int(idx);
}

SLPY_SOCK_FN(m_if_indextoname)
{
    if (!check_kw_free(vm, "if_indextoname", kwnames) || !check_nargs(vm, "if_indextoname", nargs, 1, 1))
        return Value::null();
    if (!is_int(args[0]))
        return raise(vm, exc::TypeError, "an integer is required");
    int64_t n;
    if (!int_to_i64(int_unwrap(args[0]), n) || n < 0 || n > int64_t(UINT32_MAX))
        return raise(vm, exc::OverflowError, "index is too large");
    char buf[IF_NAMESIZE + 1];
    if (!if_indextoname(unsigned(n), buf))
        return raise_errno(vm);
    return fs_decode(vm, buf);
}

SLPY_SOCK_FN(m_if_nameindex)
{
    (void)args;
    if (!check_kw_free(vm, "if_nameindex", kwnames) || !check_nargs(vm, "if_nameindex", nargs, 0, 0))
        return Value::null();
    struct if_nameindex* ni = ::if_nameindex();
    if (!ni)
        return raise_errno(vm);
    List* out = list_new(vm);
    for (struct if_nameindex* p = ni; out && p->if_index != 0; ++p) {
        Value name = fs_decode(vm, p->if_name);
        Tuple* t = name.is_null() ? nullptr : tuple_pack(vm, { Value::small_int(p->if_index), name });
        if (!t || !list_append(vm, out, Value::from_object(t)))
            out = nullptr;
    }
    if_freenameindex(ni);
    return out ? Value::from_object(out) : Value::null();
}

void setup_types(VM& vm)
{
    if (g_socket_type)
        return;
    g_socket_type = make_builtin_type(vm, "socket", nullptr, sizeof(SocketObject), TF_BASETYPE, nullptr, socket_finalize);
    set_native_type_module(vm, g_socket_type, "_socket");
    add_methods(vm, g_socket_type, {
        { "__new__", sock_new, METH_STATIC }, { "__init__", sock_init }, { "__repr__", sock_repr },
        { "_accept", sock_accept }, { "bind", sock_bind }, { "close", sock_close }, { "connect", sock_connect },
        { "connect_ex", sock_connect_ex }, { "detach", sock_detach }, { "fileno", sock_fileno },
        { "getblocking", sock_getblocking }, { "getpeername", sock_getpeername }, { "getsockname", sock_getsockname },
        { "getsockopt", sock_getsockopt }, { "gettimeout", sock_gettimeout }, { "listen", sock_listen },
        { "recv", sock_recv }, { "recv_into", sock_recv_into }, { "recvfrom", sock_recvfrom },
        { "recvfrom_into", sock_recvfrom_into }, { "send", sock_send }, { "sendall", sock_sendall },
        { "sendto", sock_sendto }, { "setblocking", sock_setblocking }, { "setsockopt", sock_setsockopt },
        { "settimeout", sock_settimeout }, { "shutdown", sock_shutdown },
    });
    add_getsets(vm, g_socket_type, {
        { "family", sock_get_family, nullptr, "the socket family" },
        { "type", sock_get_type, nullptr, "the socket type" },
        { "proto", sock_get_proto, nullptr, "the socket protocol" },
        { "timeout", sock_get_timeout, nullptr, "the socket timeout" },
    });
    finish_builtin_type(vm, g_socket_type);
    // CPython names them socket.herror and socket.gaierror.
    for (auto [slot, name] : { std::pair { &g_herror, "herror" }, std::pair { &g_gaierror, "gaierror" } }) {
        *slot = make_builtin_type(vm, name, exc::OSError, exc::OSError->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                  exc::OSError->trace, exc::OSError->finalize);
        set_native_type_module(vm, *slot, "socket");
        finish_builtin_type(vm, *slot);
    }
}

// The constants socket.py, test.support and the library read, each where Linux has it.
struct Constant {
    char const* name;
    long value;
};
#define C(name) { #name, long(name) },
constexpr Constant kConstants[] = {
    // address families
    C(AF_UNSPEC) C(AF_INET) C(AF_INET6) C(AF_UNIX) C(AF_APPLETALK) C(AF_ASH) C(AF_ATMPVC) C(AF_ATMSVC) C(AF_AX25)
    C(AF_BRIDGE) C(AF_ECONET) C(AF_IPX) C(AF_IRDA) C(AF_KEY) C(AF_LLC) C(AF_NETBEUI) C(AF_NETROM) C(AF_PPPOX)
    C(AF_ROSE) C(AF_ROUTE) C(AF_SECURITY) C(AF_SNA) C(AF_WANPIPE) C(AF_X25) C(AF_NETLINK) C(AF_PACKET)
    C(AF_DECnet) C(AF_RDS) C(AF_TIPC) C(AF_ALG) C(AF_CAN) C(AF_VSOCK) C(AF_QIPCRTR)
    C(PF_CAN) C(PF_PACKET) C(PF_RDS)
    // socket types
    C(SOCK_STREAM) C(SOCK_DGRAM) C(SOCK_RAW) C(SOCK_RDM) C(SOCK_SEQPACKET) C(SOCK_NONBLOCK) C(SOCK_CLOEXEC)
    // levels and options
    C(SOL_SOCKET) C(SOL_IP) C(SOL_TCP) C(SOL_UDP) C(SOL_TIPC) C(SOL_ALG) C(SOL_RDS)
    C(SO_DEBUG) C(SO_ACCEPTCONN) C(SO_REUSEADDR) C(SO_REUSEPORT) C(SO_KEEPALIVE) C(SO_DONTROUTE) C(SO_BROADCAST)
    C(SO_LINGER) C(SO_OOBINLINE) C(SO_SNDBUF) C(SO_RCVBUF) C(SO_SNDLOWAT) C(SO_RCVLOWAT) C(SO_SNDTIMEO)
    C(SO_RCVTIMEO) C(SO_ERROR) C(SO_TYPE) C(SO_PASSCRED) C(SO_PEERCRED) C(SO_PASSSEC) C(SO_PEERSEC)
    C(SO_BINDTODEVICE) C(SO_PRIORITY) C(SO_MARK) C(SO_DOMAIN) C(SO_PROTOCOL) C(SO_INCOMING_CPU)
    C(SOMAXCONN) C(SCM_RIGHTS) C(SCM_CREDENTIALS)
    // message flags
    C(MSG_OOB) C(MSG_PEEK) C(MSG_DONTROUTE) C(MSG_DONTWAIT) C(MSG_EOR) C(MSG_TRUNC) C(MSG_CTRUNC) C(MSG_WAITALL)
    C(MSG_NOSIGNAL) C(MSG_CMSG_CLOEXEC) C(MSG_CONFIRM) C(MSG_ERRQUEUE) C(MSG_MORE) C(MSG_FASTOPEN)
    // protocols
    C(IPPROTO_IP) C(IPPROTO_HOPOPTS) C(IPPROTO_ICMP) C(IPPROTO_IGMP) C(IPPROTO_IPIP) C(IPPROTO_TCP) C(IPPROTO_EGP)
    C(IPPROTO_PUP) C(IPPROTO_UDP) C(IPPROTO_IDP) C(IPPROTO_TP) C(IPPROTO_IPV6) C(IPPROTO_ROUTING)
    C(IPPROTO_FRAGMENT) C(IPPROTO_RSVP) C(IPPROTO_GRE) C(IPPROTO_ESP) C(IPPROTO_AH) C(IPPROTO_ICMPV6)
    C(IPPROTO_NONE) C(IPPROTO_DSTOPTS) C(IPPROTO_PIM) C(IPPROTO_SCTP) C(IPPROTO_UDPLITE) C(IPPROTO_MPTCP)
    C(IPPROTO_RAW)
    C(IPPORT_RESERVED) C(IPPORT_USERRESERVED)
    C(INADDR_ANY) C(INADDR_BROADCAST) C(INADDR_LOOPBACK) C(INADDR_UNSPEC_GROUP) C(INADDR_ALLHOSTS_GROUP)
    C(INADDR_MAX_LOCAL_GROUP) C(INADDR_NONE)
    // IPv4 options
    C(IP_OPTIONS) C(IP_HDRINCL) C(IP_TOS) C(IP_TTL) C(IP_RECVOPTS) C(IP_RECVRETOPTS) C(IP_RETOPTS)
    C(IP_MULTICAST_IF) C(IP_MULTICAST_TTL) C(IP_MULTICAST_LOOP) C(IP_ADD_MEMBERSHIP) C(IP_DROP_MEMBERSHIP)
    C(IP_DEFAULT_MULTICAST_TTL) C(IP_DEFAULT_MULTICAST_LOOP) C(IP_MAX_MEMBERSHIPS) C(IP_TRANSPARENT)
    C(IP_BIND_ADDRESS_NO_PORT) C(IP_RECVTOS)
    // IPv6 options
    C(IPV6_JOIN_GROUP) C(IPV6_LEAVE_GROUP) C(IPV6_MULTICAST_HOPS) C(IPV6_MULTICAST_IF) C(IPV6_MULTICAST_LOOP)
    C(IPV6_UNICAST_HOPS) C(IPV6_V6ONLY) C(IPV6_CHECKSUM) C(IPV6_DONTFRAG) C(IPV6_DSTOPTS) C(IPV6_HOPLIMIT)
    C(IPV6_HOPOPTS) C(IPV6_NEXTHOP) C(IPV6_PKTINFO) C(IPV6_RECVDSTOPTS) C(IPV6_RECVHOPLIMIT)
    C(IPV6_RECVHOPOPTS) C(IPV6_RECVPKTINFO) C(IPV6_RECVRTHDR) C(IPV6_RECVTCLASS) C(IPV6_RTHDR)
    C(IPV6_RTHDRDSTOPTS) C(IPV6_RTHDR_TYPE_0) C(IPV6_RECVPATHMTU) C(IPV6_PATHMTU) C(IPV6_TCLASS)
    // TCP options
    C(TCP_NODELAY) C(TCP_MAXSEG) C(TCP_CORK) C(TCP_KEEPIDLE) C(TCP_KEEPINTVL) C(TCP_KEEPCNT) C(TCP_SYNCNT)
    C(TCP_LINGER2) C(TCP_DEFER_ACCEPT) C(TCP_WINDOW_CLAMP) C(TCP_INFO) C(TCP_QUICKACK) C(TCP_FASTOPEN)
    C(TCP_CONGESTION) C(TCP_USER_TIMEOUT) C(TCP_NOTSENT_LOWAT)
    // shutdown()
    C(SHUT_RD) C(SHUT_WR) C(SHUT_RDWR)
    // getaddrinfo / getnameinfo
    C(AI_PASSIVE) C(AI_CANONNAME) C(AI_NUMERICHOST) C(AI_NUMERICSERV) C(AI_V4MAPPED) C(AI_ALL) C(AI_ADDRCONFIG)
    C(NI_MAXHOST) C(NI_MAXSERV) C(NI_NOFQDN) C(NI_NUMERICHOST) C(NI_NAMEREQD) C(NI_NUMERICSERV) C(NI_DGRAM)
    C(EAI_ADDRFAMILY) C(EAI_AGAIN) C(EAI_BADFLAGS) C(EAI_FAIL) C(EAI_FAMILY) C(EAI_MEMORY) C(EAI_NODATA)
    C(EAI_NONAME) C(EAI_OVERFLOW) C(EAI_SERVICE) C(EAI_SOCKTYPE) C(EAI_SYSTEM)
};
#undef C

} // namespace

Module* make_socket_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_socket");
    module_add_functions(vm, m, {
        { "socketpair", m_socketpair }, { "dup", m_dup }, { "close", m_close },
        { "getdefaulttimeout", m_getdefaulttimeout }, { "setdefaulttimeout", m_setdefaulttimeout },
        { "gethostname", m_gethostname }, { "gethostbyname", m_gethostbyname },
        { "gethostbyname_ex", m_gethostbyname_ex }, { "gethostbyaddr", m_gethostbyaddr },
        { "getaddrinfo", m_getaddrinfo }, { "getnameinfo", m_getnameinfo }, { "getservbyname", m_getservbyname },
        { "getservbyport", m_getservbyport }, { "getprotobyname", m_getprotobyname }, { "htons", m_htons },
        { "ntohs", m_ntohs }, { "htonl", m_htonl }, { "ntohl", m_ntohl }, { "inet_aton", m_inet_aton },
        { "inet_ntoa", m_inet_ntoa }, { "inet_pton", m_inet_pton }, { "inet_ntop", m_inet_ntop },
        { "if_nametoindex", m_if_nametoindex }, { "if_indextoname", m_if_indextoname },
        { "if_nameindex", m_if_nameindex },
    });
    module_add(vm, m, "socket", Value::from_object(g_socket_type));
    module_add(vm, m, "SocketType", Value::from_object(g_socket_type));
    module_add(vm, m, "error", Value::from_object(exc::OSError));
    module_add(vm, m, "timeout", Value::from_object(exc::TimeoutError));
    module_add(vm, m, "herror", Value::from_object(g_herror));
    module_add(vm, m, "gaierror", Value::from_object(g_gaierror));
    module_add(vm, m, "has_ipv6", py_true());
    for (Constant const& c : kConstants)
        module_add(vm, m, c.name, int_from_i64(vm, c.value));
    return m;
}

} // namespace slpy
