// The binary layer of the io module: buffered file objects over a file descriptor
// (BufferedReader, BufferedWriter, BufferedRandom, and FileIO for buffering=0), with
// CPython's method set and errors, plus the OSError-from-errno helper.
//
// The buffers live in malloc'd memory, so the finalizer can write out what is pending
// and close the descriptor of a file nobody references any more without touching any
// other heap object. A per-VM list of the live files (IoTypes::files; weak: the finalizer
// unlinks the file) lets io_flush_std_streams write out every open file at exit.
#include "stackless/modules/io_internal.h"

#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "scheduler/scheduler.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <climits>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slpy {

// object.__dict__'s getter and setter (objects/object_methods.cpp).
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

namespace {

constexpr size_t kDefaultBufferSize = 8192;
constexpr size_t kTextChunkSize = 8192; // TextIOWrapper._CHUNK_SIZE

// ---- raw descriptor operations

// With threads running as tasklets (scheduler/README "Threads"), a read or write that
// would block (a pipe, a socket, a terminal) must park only the calling thread until the
// descriptor is ready, or the thread that would unblock it never runs. Whether the
// descriptor may block: only then is it waited for. Without threads: false, as before.
bool green_io(VM& vm, int fd)
{
    Scheduler* sc = scheduler_of(vm);
    if (!sc || !sc->threads_on)
        return false;
    int fl = ::fcntl(fd, F_GETFL);
    struct stat st;
    return fl >= 0 && !(fl & O_NONBLOCK) && ::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode);
}

// read(2): the count, or -1 with the exception pending (OSError from errno). A read
// interrupted by a signal (EINTR: the SIGINT handler is installed without SA_RESTART)
// raises KeyboardInterrupt when the signal asked for it and is retried otherwise; so
// does a Ctrl-C that came just before the read (it may block for good).
ptrdiff_t raw_read(VM& vm, int fd, char* buf, size_t n)
{
    for (;;) {
        if (!check_pending(vm))
            return -1;
        if (green_io(vm, fd) && wait_fd(vm, fd, POLLIN, -1) < 0)
            return -1;
        ssize_t r = ::read(fd, buf, n);
        if (r >= 0)
            return r;
        if (errno != EINTR) {
            raise_errno(vm, errno);
            return -1;
        }
    }
}

// write(2) of all of data; false with errno set on failure. Retried on EINTR after the
// VM's pending work ran (Python signal handlers, a Ctrl-C: CPython's _Py_write), so a
// write blocked on a full pipe lets a handler run; an exception it raises stops the write
// (false with errno 0 and the exception pending). Finalizers pass no VM and retry at once.
bool raw_write_all(int fd, char const* data, size_t n, VM* vm = nullptr)
{
    bool green = vm && green_io(*vm, fd);
    while (n > 0) {
        // With threads, PIPE_BUF bytes once poll() says the descriptor is writable, which a
        // pipe then takes without blocking.
        size_t chunk = n;
        if (green) {
            if (wait_fd(*vm, fd, POLLOUT, -1) < 0) {
                errno = 0;
                return false;
            }
            chunk = std::min(n, size_t(PIPE_BUF));
        }
        ssize_t w = ::write(fd, data, chunk);
        if (w < 0) {
            if (errno == EINTR) {
                if (vm && !check_pending(*vm)) {
                    errno = 0;
                    return false;
                }
                continue;
            }
            return false;
        }
        data += w;
        n -= size_t(w);
        // A partial write is what a signal during a blocking write gives as well.
        if (n > 0 && vm && !check_pending(*vm)) {
            errno = 0;
            return false;
        }
    }
    return true;
}

// ---- the device under the buffers: a descriptor, or a raw stream object (FF_RAWOBJ)
// whose methods stand for read(2) / write(2) / lseek(2). Each raises on failure.

ptrdiff_t dev_read(VM& vm, BufferedFile* f, char* buf, size_t n)
{
    if (!(f->fflags & FF_RAWOBJ))
        return raw_read(vm, f->fd, buf, n);
    Value nv = int_from_i64(vm, int64_t(n));
    Value r = call_method(vm, f->raw, intern(vm, (f->fflags & FF_PROXY) ? "read1" : "read"), &nv, 1);
    if (r.is_null())
        return -1;
    if (is_none(r)) // a non-blocking raw stream with nothing ready
        return 0;
    std::string_view data;
    if (!get_bytes_like(r, data)) {
        raise_fmt(vm, exc::TypeError, "read() should return bytes, not '%s'", type_name(r));
        return -1;
    }
    if (data.size() > n) {
        raise_fmt(vm, exc::OSError, "raw read() returned invalid length %zu (should have been between 0 and %zu)",
                  data.size(), n);
        return -1;
    }
    std::memcpy(buf, data.data(), data.size());
    return ptrdiff_t(data.size());
}

// One raw.write() call of a raw-object file: the count it took, -1 with the error pending.
ptrdiff_t dev_write_once(VM& vm, BufferedFile* f, char const* data, size_t n)
{
    Bytes* b = bytes_new(vm, std::string_view(data, n));
    if (!b)
        return -1;
    Value bv = Value::from_object(b);
    Value r = call_method(vm, f->raw, intern(vm, "write"), &bv, 1);
    if (r.is_null())
        return -1;
    if (is_none(r)) {
        raise(vm, exc::BlockingIOError, "write could not complete without blocking");
        return -1;
    }
    int64_t w;
    if (!index_i64(vm, r, w))
        return -1;
    if (w < 0 || w > int64_t(n)) {
        raise_fmt(vm, exc::OSError, "raw write() returned invalid length %lld (should have been between 0 and %zu)",
                  (long long)w, n);
        return -1;
    }
    return ptrdiff_t(w);
}

bool dev_write(VM& vm, BufferedFile* f, char const* data, size_t n)
{
    if (!(f->fflags & FF_RAWOBJ)) {
        if (!raw_write_all(f->fd, data, n, &vm)) {
            if (errno)
                raise_errno(vm, errno);
            return false;
        }
        return true;
    }
    while (n > 0) {
        ptrdiff_t w = dev_write_once(vm, f, data, n);
        if (w < 0)
            return false;
        data += w;
        n -= size_t(w);
    }
    return true;
}

int64_t dev_seek(VM& vm, BufferedFile* f, int64_t pos, int whence)
{
    if (!(f->fflags & FF_RAWOBJ)) {
        off_t r = ::lseek(f->fd, off_t(pos), whence);
        if (r < 0)
            raise_errno(vm, errno);
        return r < 0 ? -1 : int64_t(r);
    }
    Value a[2] = { int_from_i64(vm, pos), Value::small_int(whence) };
    Value r = call_method(vm, f->raw, intern(vm, "seek"), a, 2);
    int64_t out;
    if (r.is_null() || !index_i64(vm, r, out))
        return -1;
    if (out < 0) {
        raise_fmt(vm, exc::OSError, "Raw stream returned invalid position %lld", (long long)out);
        return -1;
    }
    return out;
}

// Calls raw.<name>() of a raw-object file (fileno, isatty, seekable, truncate, close).
Value dev_call(VM& vm, BufferedFile* f, char const* name, Value const* args = nullptr, size_t nargs = 0)
{
    return call_method(vm, f->raw, intern(vm, name), args, nargs);
}

void buffered_trace(Object* o, Tracer& t)
{
    auto* f = static_cast<BufferedFile*>(o);
    t.visit(f->dict);
    t.visit(f->name);
    t.visit(f->mode);
    t.visit(f->raw);
}

// Writes what is pending and closes the descriptor of a file that died open.
void buffered_finalize(Object* o)
{
    auto* f = static_cast<BufferedFile*>(o);
    f->leave_file_list();
    if (f->fd >= 0) {
        if (f->wlen)
            (void)raw_write_all(f->fd, f->wbuf, f->wlen);
        if (f->tlen)
            (void)raw_write_all(f->fd, f->tpend, f->tlen);
        if (f->fflags & FF_CLOSEFD)
            ::close(f->fd);
        f->fd = -1;
    }
    std::free(f->rbuf);
    std::free(f->wbuf);
    std::free(f->tpend);
    f->rbuf = f->wbuf = f->tpend = nullptr;
    f->wlen = f->rlen = f->rpos = f->tlen = 0;
}

BufferedFile* self_file(Value v) { return static_cast<BufferedFile*>(v.as_object()); }

bool closed_error(VM& vm, char const* message)
{
    raise(vm, exc::ValueError, message);
    return false;
}

// The FileIO-level checks say "file" without a period, the buffered ones with one.
bool check_open_raw(VM& vm, BufferedFile* f)
{
    return (f->fflags & FF_CLOSED) ? closed_error(vm, "I/O operation on closed file") : true;
}

bool check_readable(VM& vm, BufferedFile* f)
{
    if (!buffered_check_open(vm, f))
        return false;
    if (!(f->fflags & FF_READABLE)) {
        raise_unsupported(vm, (f->fflags & FF_UNBUFFERED) ? "File not open for reading" : "read");
        return false;
    }
    return true;
}

bool check_writable(VM& vm, BufferedFile* f)
{
    if (!buffered_check_open(vm, f))
        return false;
    if (!(f->fflags & FF_WRITABLE)) {
        raise_unsupported(vm, (f->fflags & FF_UNBUFFERED) ? "File not open for writing" : "write");
        return false;
    }
    return true;
}

bool ensure_rbuf(VM& vm, BufferedFile* f)
{
    if (!f->rbuf && !(f->rbuf = static_cast<char*>(std::malloc(f->bufsize)))) {
        raise_no_memory(vm);
        return false;
    }
    return true;
}

Value bytes_value(VM& vm, std::string_view data) { return Value::from_object(bytes_new(vm, data)); }

// Reads until end of file (read() / readall()).
Value read_all(VM& vm, BufferedFile* f)
{
    std::string out;
    if (f->rpos < f->rlen) {
        out.append(f->rbuf + f->rpos, f->rlen - f->rpos);
        f->rpos = f->rlen = 0;
    }
    struct stat st;
    if (f->fd >= 0 && ::fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        off_t pos = ::lseek(f->fd, 0, SEEK_CUR);
        if (pos >= 0 && st.st_size > pos)
            out.reserve(out.size() + size_t(st.st_size - pos) + 1);
    }
    char chunk[65536];
    for (;;) {
        ptrdiff_t r = dev_read(vm, f, chunk, sizeof chunk);
        if (r < 0)
            return Value::null();
        if (r == 0)
            break;
        out.append(chunk, size_t(r));
    }
    f->fflags |= FF_EOF_SEEN;
    return bytes_value(vm, out);
}

// Reads up to n bytes: as many as there are before end of file (buffered objects), or
// what one read(2) returns (FileIO).
Value read_n(VM& vm, BufferedFile* f, size_t n)
{
    std::string out;
    out.resize(n);
    size_t have = 0;
    while (have < n) {
        ptrdiff_t r = buffered_read_some(vm, f, out.data() + have, n - have);
        if (r < 0)
            return Value::null();
        if (r == 0)
            break;
        have += size_t(r);
        if (f->fflags & FF_UNBUFFERED)
            break;
    }
    out.resize(have);
    return bytes_value(vm, out);
}

// One line (up to and including b'\n'), at most `limit` bytes when limit >= 0.
Value read_line(VM& vm, BufferedFile* f, int64_t limit)
{
    std::string out;
    if (f->wlen && !buffered_flush(vm, f))
        return Value::null();
    if (!ensure_rbuf(vm, f))
        return Value::null();
    for (;;) {
        if (f->rpos == f->rlen) {
            ptrdiff_t r = dev_read(vm, f, f->rbuf, (f->fflags & FF_UNBUFFERED) ? 1 : f->bufsize);
            if (r < 0)
                return Value::null();
            if (r == 0) {
                f->fflags |= FF_EOF_SEEN;
                break;
            }
            f->rpos = 0;
            f->rlen = size_t(r);
        }
        size_t avail = f->rlen - f->rpos;
        if (limit >= 0 && size_t(limit) - out.size() < avail)
            avail = size_t(limit) - out.size();
        char const* start = f->rbuf + f->rpos;
        char const* nl = static_cast<char const*>(std::memchr(start, '\n', avail));
        size_t take = nl ? size_t(nl - start) + 1 : avail;
        out.append(start, take);
        f->rpos += take;
        if (nl || (limit >= 0 && out.size() >= size_t(limit)))
            break;
    }
    return bytes_value(vm, out);
}

// ------------------------------------------------------------------ methods

#define SLPY_FILE_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_FILE_METHOD(bf_read)
{
    BufferedFile* f = self_file(args[0]);
    int64_t n;
    if (!io_size_arg(vm, "read", args, nargs, kwnames, n))
        return Value::null();
    // CPython's buffered objects name the operation (FileIO does not).
    if ((f->fflags & FF_CLOSED) && !(f->fflags & FF_UNBUFFERED))
        return raise(vm, exc::ValueError, "read of closed file");
    if (!check_readable(vm, f))
        return Value::null();
    if (f->wlen && !buffered_flush(vm, f))
        return Value::null();
    if (n < 0)
        return read_all(vm, f);
    return read_n(vm, f, size_t(n));
}

SLPY_FILE_METHOD(bf_read1)
{
    BufferedFile* f = self_file(args[0]);
    int64_t n;
    if (!io_size_arg(vm, "read1", args, nargs, kwnames, n) || !check_readable(vm, f))
        return Value::null();
    if (n < 0)
        n = int64_t(f->bufsize);
    std::string out(size_t(n), '\0');
    ptrdiff_t r = n ? buffered_read_some(vm, f, out.data(), size_t(n)) : 0;
    if (r < 0)
        return Value::null();
    out.resize(size_t(r));
    return bytes_value(vm, out);
}

SLPY_FILE_METHOD(bf_readall)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_readable(vm, f))
        return Value::null();
    if (f->wlen && !buffered_flush(vm, f))
        return Value::null();
    return read_all(vm, f);
}

// peek(size=0): the read-ahead bytes, reading once when there are none.
SLPY_FILE_METHOD(bf_peek)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_readable(vm, f) || !ensure_rbuf(vm, f))
        return Value::null();
    if (f->wlen && !buffered_flush(vm, f))
        return Value::null();
    if (f->rpos == f->rlen) {
        ptrdiff_t r = dev_read(vm, f, f->rbuf, f->bufsize);
        if (r < 0)
            return Value::null();
        f->rpos = 0;
        f->rlen = size_t(r);
    }
    return bytes_value(vm, std::string_view(f->rbuf + f->rpos, f->rlen - f->rpos));
}

// readinto(b): fills a bytearray (or a writable memoryview of one).
SLPY_FILE_METHOD(bf_readinto)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_no_kwargs(vm, "readinto", kwnames) || !check_nargs(vm, "readinto", nargs - 1, 1, 1))
        return Value::null();
    // Any writable buffer (bytearray, memoryview, array.array, mmap, ...).
    BufferInfo into;
    if (!get_buffer(args[1], into) || into.readonly)
        return raise_fmt(vm, exc::TypeError, "readinto() argument must be read-write bytes-like object, not %s", type_name(args[1]));
    size_t n = into.size;
    if (!check_readable(vm, f))
        return Value::null();
    std::string tmp(n, '\0');
    size_t have = 0;
    while (have < n) {
        ptrdiff_t r = buffered_read_some(vm, f, tmp.data() + have, n - have);
        if (r < 0)
            return Value::null();
        if (r == 0)
            break;
        have += size_t(r);
        if (f->fflags & FF_UNBUFFERED)
            break;
    }
    // A raw stream's read() may have run Python code that resized the target: its
    // buffer is taken again, and what no longer fits is dropped.
    if (have) {
        if (!get_buffer(args[1], into) || into.readonly)
            return raise(vm, exc::BufferError, "readinto() target changed during the read");
        have = std::min(have, into.size);
        std::memcpy(into.data, tmp.data(), have);
    }
    return Value::small_int(int64_t(have));
}

SLPY_FILE_METHOD(bf_readline)
{
    BufferedFile* f = self_file(args[0]);
    int64_t limit;
    if (!io_size_arg(vm, "readline", args, nargs, kwnames, limit) || !check_readable(vm, f))
        return Value::null();
    return read_line(vm, f, limit);
}

SLPY_FILE_METHOD(bf_readlines)
{
    BufferedFile* f = self_file(args[0]);
    int64_t hint;
    if (!io_size_arg(vm, "readlines", args, nargs, kwnames, hint) || !check_readable(vm, f))
        return Value::null();
    return collect_lines(vm, hint, [&] { return read_line(vm, f, -1); });
}

SLPY_FILE_METHOD(bf_write)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_no_kwargs(vm, "write", kwnames) || !check_nargs(vm, "write", nargs - 1, 1, 1))
        return Value::null();
    if (!buffered_check_open(vm, f))
        return Value::null();
    std::string_view data;
    if (!get_bytes_like(args[1], data))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[1]));
    if (!check_writable(vm, f))
        return Value::null();
    // Copy first: the data may live in a bytearray.
    std::string copy;
    if (!vm.heap.assign_buffer(copy, data))
        return Value::null();
    if (!buffered_write(vm, f, copy.data(), copy.size()))
        return Value::null();
    return int_from_i64(vm, int64_t(copy.size()));
}

SLPY_FILE_METHOD(bf_writelines)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_no_kwargs(vm, "writelines", kwnames) || !check_nargs(vm, "writelines", nargs - 1, 1, 1))
        return Value::null();
    if (!buffered_check_open(vm, f))
        return Value::null();
    Value it = TRY(get_iter(vm, args[1]));
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return py_none();
        std::string_view data;
        if (!get_bytes_like(item, data))
            return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(item));
        if (!check_writable(vm, f))
            return Value::null();
        std::string copy;
        if (!vm.heap.assign_buffer(copy, data))
            return Value::null();
        if (!buffered_write(vm, f, copy.data(), copy.size()))
            return Value::null();
    }
}

SLPY_FILE_METHOD(bf_flush)
{
    BufferedFile* f = self_file(args[0]);
    if (!buffered_check_open(vm, f) || !buffered_flush(vm, f))
        return Value::null();
    return py_none();
}

SLPY_FILE_METHOD(bf_close)
{
    BufferedFile* f = self_file(args[0]);
    // CPython's close() calls self.flush() through the object: a subclass's or an
    // instance's flush is honoured. Its error is raised after the close, unless the
    // close fails as well.
    Value flush_error = Value::null();
    if (!(f->fflags & FF_CLOSED) && io_flush_overridden(vm, args[0])) {
        if (call_method(vm, args[0], names.flush, nullptr, 0).is_null())
            flush_error = vm.take_error();
    }
    bool ok = buffered_close(vm, f);
    return io_close_result(vm, ok, flush_error) ? py_none() : Value::null();
}

// seek(pos, whence=0)
SLPY_FILE_METHOD(bf_seek)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_no_kwargs(vm, "seek", kwnames) || !check_nargs(vm, "seek", nargs - 1, 1, 2))
        return Value::null();
    if (!is_int(args[1]) && type_of(args[1])->slot(Slot::INDEX).is_null())
        return raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(args[1]));
    int64_t pos, whence = 0;
    if (!index_i64(vm, args[1], pos) || (nargs > 2 && !index_i64(vm, args[2], whence)))
        return Value::null();
    if (whence < 0 || whence > 4)
        return raise_fmt(vm, exc::ValueError, "whence value %lld unsupported", static_cast<long long>(whence));
    if (!buffered_check_open(vm, f))
        return Value::null();
    int64_t r = buffered_seek(vm, f, pos, int(whence));
    if (r < 0)
        return Value::null();
    return int_from_i64(vm, r);
}

SLPY_FILE_METHOD(bf_tell)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
    int64_t r = buffered_tell(vm, f);
    if (r < 0)
        return Value::null();
    return int_from_i64(vm, r);
}

// truncate(size=None): the file is cut (or extended) to `size`, default the position.
SLPY_FILE_METHOD(bf_truncate)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_no_kwargs(vm, "truncate", kwnames) || !check_nargs(vm, "truncate", nargs - 1, 0, 1))
        return Value::null();
    if (!buffered_check_open(vm, f))
        return Value::null();
    if (!(f->fflags & FF_WRITABLE))
        return raise_unsupported(vm, (f->fflags & FF_UNBUFFERED) ? "File not open for writing" : "truncate");
    if (!buffered_flush(vm, f) || !buffered_drop_readahead(vm, f))
        return Value::null();
    int64_t size;
    if (nargs > 1 && !is_none(args[1])) {
        if (!index_i64(vm, args[1], size))
            return Value::null();
    } else {
        size = buffered_tell(vm, f);
        if (size < 0)
            return Value::null();
    }
    if (f->fflags & FF_RAWOBJ) {
        Value sv = int_from_i64(vm, size);
        return dev_call(vm, f, "truncate", &sv, 1);
    }
    if (::ftruncate(f->fd, off_t(size)) < 0)
        return raise_errno(vm, errno);
    return int_from_i64(vm, size);
}

SLPY_FILE_METHOD(bf_fileno)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
    if (f->fflags & FF_RAWOBJ)
        return dev_call(vm, f, "fileno");
    return Value::small_int(f->fd);
}

SLPY_FILE_METHOD(bf_isatty)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
    if (f->fflags & FF_RAWOBJ)
        return dev_call(vm, f, "isatty");
    return py_bool(buffered_isatty(f));
}

SLPY_FILE_METHOD(bf_readable)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
    return py_bool(f->fflags & FF_READABLE);
}

SLPY_FILE_METHOD(bf_writable)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
    return py_bool(f->fflags & FF_WRITABLE);
}

SLPY_FILE_METHOD(bf_seekable)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
    if (f->fflags & FF_RAWOBJ)
        return dev_call(vm, f, "seekable");
    if (!(f->fflags & FF_SEEKABLE_KNOWN)) {
        f->fflags |= FF_SEEKABLE_KNOWN;
        if (::lseek(f->fd, 0, SEEK_CUR) >= 0)
            f->fflags |= FF_SEEKABLE;
    }
    return py_bool(f->fflags & FF_SEEKABLE);
}

SLPY_FILE_METHOD(bf_enter)
{
    if (!buffered_check_open(vm, self_file(args[0])))
        return Value::null();
    return args[0];
}

SLPY_FILE_METHOD(bf_exit)
{
    if (!buffered_close(vm, self_file(args[0])))
        return Value::null();
    return py_none();
}

SLPY_FILE_METHOD(bf_iter)
{
    if (!buffered_check_open(vm, self_file(args[0])))
        return Value::null();
    return args[0];
}

Value bf_iternext(VM& vm, Value self)
{
    BufferedFile* f = self_file(self);
    if (f->fflags & FF_CLOSED)
        return raise(vm, exc::ValueError, "readline of closed file");
    if (!check_readable(vm, f))
        return Value::null();
    Value line = TRY(read_line(vm, f, -1));
    if (as_bytes(line)->size == 0)
        return Value::stop_iteration();
    return line;
}

SLPY_FILE_METHOD(bf_next) { return next_from_iternext(vm, args[0], bf_iternext); }

SLPY_FILE_METHOD(bf_repr)
{
    BufferedFile* f = self_file(args[0]);
    bool is_fileio = (f->fflags & FF_UNBUFFERED) && !(f->fflags & FF_RAWOBJ);
    // As CPython: FileIO's repr names "_io.FileIO" for subclasses too, the buffered
    // classes' name the object's type (tp_name).
    std::string s = "<";
    s += is_fileio ? "_io.FileIO" : (f->type->full_name ? f->type->full_name : f->type->name)->c_str();
    if (is_fileio && (f->fflags & FF_CLOSED))
        return str_value(vm, s + " [closed]>");
    Value name = f->name;
    if (f->fflags & FF_RAWOBJ) {
        name = TRY(getattr_opt(vm, f->raw, intern(vm, "name")));
        if (name.is_not_found())
            return str_value(vm, s + ">");
    }
    Value r = TRY(repr(vm, name));
    s += " name=";
    s += as_str(r)->c_str();
    if (is_fileio) {
        s += " mode='";
        s += f->mode->c_str();
        s += (f->fflags & FF_CLOSEFD) ? "' closefd=True" : "' closefd=False";
    }
    return str_value(vm, s + ">");
}

SLPY_FILE_METHOD(bf_get_closed)
{
    BufferedFile* f = self_file(args[0]);
    if ((f->fflags & FF_RAWOBJ) && !(f->fflags & FF_CLOSED))
        return getattr(vm, f->raw, intern(vm, "closed"));
    return py_bool(f->fflags & FF_CLOSED);
}
SLPY_FILE_METHOD(bf_get_name)
{
    BufferedFile* f = self_file(args[0]);
    return (f->fflags & FF_RAWOBJ) ? getattr(vm, f->raw, intern(vm, "name")) : f->name;
}
// FileIO keeps `name` in its instance dict in CPython (tempfile sets it to the
// descriptor); an object of open() here is its own raw layer, so it takes the name.
SLPY_FILE_METHOD(bf_set_name)
{
    BufferedFile* f = self_file(args[0]);
    if (args[1].is_null())
        return raise(vm, exc::AttributeError, "name");
    if (f->fflags & FF_RAWOBJ)
        return setattr(vm, f->raw, intern(vm, "name"), args[1]) ? py_none() : Value::null();
    f->name = args[1];
    return py_none();
}
SLPY_FILE_METHOD(bf_get_mode)
{
    BufferedFile* f = self_file(args[0]);
    return (f->fflags & FF_RAWOBJ) ? getattr(vm, f->raw, intern(vm, "mode")) : Value::from_object(f->mode);
}
// .raw: the raw stream given to the constructor; a file of open() is its own raw layer.
SLPY_FILE_METHOD(bf_get_raw)
{
    BufferedFile* f = self_file(args[0]);
    return (f->fflags & FF_RAWOBJ) ? f->raw : args[0];
}
// detach(): flushes and hands back the raw stream (raw-object buffers only).
SLPY_FILE_METHOD(bf_detach)
{
    BufferedFile* f = self_file(args[0]);
    if (!(f->fflags & FF_RAWOBJ))
        return raise_unsupported(vm, "detach of a file opened by open() is not supported by slpy");
    if (!buffered_check_open(vm, f) || !buffered_flush(vm, f))
        return Value::null();
    f->fflags |= FF_CLOSED;
    return f->raw;
}

// BufferedReader / BufferedWriter / BufferedRandom(raw, buffer_size=DEFAULT_BUFFER_SIZE):
// __new__ makes a closed object and __init__ attaches the raw stream, as CPython's, so a
// Python subclass may take other arguments (tarfile's ExFileObject).
SLPY_FILE_METHOD(bf_buffered_new)
{
    (void)nargs;
    (void)kwnames;
    BufferedFile* f = buffered_over_raw(vm, args[0].as<TypeObject>(), py_none(), FF_CLOSED, 0);
    return f ? Value::from_object(f) : Value::null();
}

Value buffered_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* fname, uint32_t need)
{
    Value a[3];
    if (!parse_args(vm, fname, args, nargs, kwnames, { "self", "raw", "buffer_size" }, 2, a, 1))
        return Value::null();
    BufferedFile* f = self_file(args[0]);
    if (!(f->fflags & FF_RAWOBJ))
        return raise_fmt(vm, exc::TypeError, "%s() of a file opened by open() cannot be initialized again", fname);
    int64_t size = kIoDefaultBufferSize;
    if (!a[2].is_null() && !index_i64(vm, a[2], size))
        return Value::null();
    if (size <= 0)
        return raise(vm, exc::ValueError, "buffer size must be strictly positive");
    // raw.readable() / raw.writable() must say yes (CPython's _PyIOBase_check_*): any
    // object with those methods will do, not only io.RawIOBase subclasses.
    if ((need & FF_READABLE) && !io_check_capability(vm, a[1], "readable", "File or stream is not readable."))
        return Value::null();
    if ((need & FF_WRITABLE) && !io_check_capability(vm, a[1], "writable", "File or stream is not writable."))
        return Value::null();
    // A second __init__ starts over: buffered data of the old raw stream is dropped.
    std::free(f->rbuf);
    std::free(f->wbuf);
    std::free(f->tpend);
    f->rbuf = f->wbuf = f->tpend = nullptr;
    f->rpos = f->rlen = f->wlen = f->tlen = 0;
    f->raw = a[1];
    f->mode = intern(vm, (need & FF_READABLE) && (need & FF_WRITABLE) ? "rb+" : (need & FF_WRITABLE) ? "wb" : "rb");
    f->fflags = need | FF_RAWOBJ;
    f->bufsize = size_t(size);
    // The buffer is made now, as CPython's __init__ does, so a size no memory can hold
    // fails here with MemoryError rather than at the first read or write.
    if ((need & FF_READABLE) && !ensure_rbuf(vm, f))
        return Value::null();
    if ((need & FF_WRITABLE) && !(need & FF_READABLE) && !(f->wbuf = static_cast<char*>(std::malloc(f->bufsize))))
        return raise_no_memory(vm);
    return py_none();
}
SLPY_FILE_METHOD(bf_reader_init) { return buffered_init(vm, args, nargs, kwnames, "BufferedReader", FF_READABLE); }
SLPY_FILE_METHOD(bf_writer_init) { return buffered_init(vm, args, nargs, kwnames, "BufferedWriter", FF_WRITABLE); }
SLPY_FILE_METHOD(bf_random_init)
{
    return buffered_init(vm, args, nargs, kwnames, "BufferedRandom", FF_READABLE | FF_WRITABLE);
}

SLPY_FILE_METHOD(bf_get_closefd) { return py_bool(self_file(args[0])->fflags & FF_CLOSEFD); }

#undef SLPY_FILE_METHOD

// One concrete binary class (FileIO under _RawIOBase, the Buffered* under _BufferedIOBase)
// with the method set of this layer.
TypeObject* make_io_subtype(VM& vm, char const* name, TypeObject* base)
{
    TypeObject* t = make_builtin_type(vm, name, base, sizeof(BufferedFile), TF_BASETYPE | TF_LAYOUT_DICT, buffered_trace,
                                      buffered_finalize);
    t->dict_offset = offsetof(BufferedFile, dict);
    set_native_type_module(vm, t, "_io");
    t->iternext = bf_iternext;
    add_methods(vm, t, {
        { "read", bf_read }, { "read1", bf_read1 }, { "readall", bf_readall }, { "peek", bf_peek },
        { "readinto", bf_readinto }, { "readline", bf_readline }, { "readlines", bf_readlines },
        { "write", bf_write }, { "writelines", bf_writelines }, { "flush", bf_flush }, { "close", bf_close },
        { "seek", bf_seek }, { "tell", bf_tell }, { "truncate", bf_truncate }, { "fileno", bf_fileno },
        { "isatty", bf_isatty }, { "readable", bf_readable }, { "writable", bf_writable },
        { "seekable", bf_seekable }, { "__enter__", bf_enter }, { "__exit__", bf_exit },
        { "__iter__", bf_iter }, { "__next__", bf_next }, { "__repr__", bf_repr }, { "detach", bf_detach },
    });
    add_getsets(vm, t, {
        { "closed", bf_get_closed }, { "name", bf_get_name, bf_set_name }, { "mode", bf_get_mode }, { "raw", bf_get_raw },
        { "__dict__", instance_dict_get, instance_dict_set },
    });
    // Weak references to files are allowed, as CPython's.
    t->tflags |= TF_LAYOUT_WEAKREF;
    finish_builtin_type(vm, t);
    return t;
}

} // namespace

// ------------------------------------------------------------------ shared API

Value raise_errno(VM& vm, int err, Value filename)
{
    TypeObject* t = exc::OSError;
    switch (err) {
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
    case EALREADY:
    case EINPROGRESS: t = exc::BlockingIOError; break;
    case ECHILD: t = exc::ChildProcessError; break;
    case EPIPE:
    case ESHUTDOWN: t = exc::BrokenPipeError; break;
    case ECONNABORTED: t = exc::ConnectionAbortedError; break;
    case ECONNREFUSED: t = exc::ConnectionRefusedError; break;
    case ECONNRESET: t = exc::ConnectionResetError; break;
    case EEXIST: t = exc::FileExistsError; break;
    case ENOENT: t = exc::FileNotFoundError; break;
    case EISDIR: t = exc::IsADirectoryError; break;
    case ENOTDIR: t = exc::NotADirectoryError; break;
    case EINTR: t = exc::InterruptedError; break;
    case EACCES:
    case EPERM: t = exc::PermissionError; break;
    case ESRCH: t = exc::ProcessLookupError; break;
    case ETIMEDOUT: t = exc::TimeoutError; break;
    default: break;
    }
    Value code = Value::small_int(err);
    Value message = str_value(vm, std::strerror(err));
    Tuple* a = filename.is_null() ? tuple_pack(vm, { code, message }) : tuple_pack(vm, { code, message, filename });
    if (!a)
        return Value::null();
    return raise_with_args(vm, t, a);
}

Value raise_unsupported(VM& vm, char const* what)
{
    TypeObject* t = io_types(vm).unsupported_operation;
    return raise(vm, t ? t : exc::OSError, what);
}

bool io_close_result(VM& vm, bool ok, Value flush_error)
{
    if (flush_error.is_null())
        return ok;
    if (ok) {
        vm.restore_error(flush_error);
        return false;
    }
    // Both failed: the close error is raised with the flush error as its __context__
    // (CPython's _PyErr_ChainExceptions).
    BaseException* e = as_exception(vm.take_error());
    if (e && e->context.is_null() && e != as_exception(flush_error))
        e->context = flush_error;
    vm.restore_error(e ? Value::from_object(e) : flush_error);
    return false;
}

bool io_flush_overridden(VM& vm, Value self)
{
    Object* o = self.as_object();
    if (o->type->is_heap_type())
        return true;
    Dict* d = instance_dict(vm, o, false);
    return d && d->used;
}

BufferedFile* as_buffered(Value v)
{
    if (!v.is_object() || !is_io_layout(v.as_object()->type, buffered_trace))
        return nullptr;
    return static_cast<BufferedFile*>(v.as_object());
}

BufferedFile* buffered_new(VM& vm, TypeObject* type, int fd, Value name, String* mode, uint32_t fflags,
                           size_t buffer_size)
{
    auto* f = static_cast<BufferedFile*>(alloc_instance(vm, type));
    if (!f)
        return nullptr;
    f->name = name;
    f->mode = mode;
    f->fd = fd;
    f->fflags = fflags;
    f->bufsize = buffer_size ? buffer_size : kDefaultBufferSize;
    struct stat st;
    if (::fstat(fd, &st) == 0) {
        f->dev = uint64_t(st.st_dev);
        f->ino = uint64_t(st.st_ino);
        if (!buffer_size && st.st_blksize > 1)
            f->bufsize = size_t(st.st_blksize);
    }
    // Joins the VM's list of files (after its head, which is the list's end as well).
    FileListLink& head = io_types(vm).files;
    f->prev = &head;
    f->next = head.next;
    head.next->prev = f;
    head.next = f;
    return f;
}

BufferedFile* buffered_over_raw(VM& vm, TypeObject* type, Value raw, uint32_t fflags, size_t buffer_size)
{
    auto* f = static_cast<BufferedFile*>(alloc_instance(vm, type));
    if (!f)
        return nullptr;
    f->name = py_none();
    f->mode = intern(vm, (fflags & FF_READABLE) && (fflags & FF_WRITABLE) ? "rb+" : (fflags & FF_WRITABLE) ? "wb" : "rb");
    f->raw = raw;
    f->fd = -1;
    f->fflags = fflags | FF_RAWOBJ;
    f->bufsize = buffer_size ? buffer_size : kDefaultBufferSize;
    return f;
}

bool buffered_check_open(VM& vm, BufferedFile* f)
{
    return (f->fflags & FF_CLOSED) ? closed_error(vm, "I/O operation on closed file.") : true;
}

bool buffered_isatty(BufferedFile* f)
{
    if (!(f->fflags & FF_TTY_KNOWN)) {
        f->fflags |= FF_TTY_KNOWN;
        if (f->fd >= 0 && ::isatty(f->fd))
            f->fflags |= FF_TTY;
    }
    return f->fflags & FF_TTY;
}

ptrdiff_t buffered_read_some(VM& vm, BufferedFile* f, char* out, size_t n)
{
    if (f->wlen && !buffered_flush(vm, f))
        return -1;
    if (f->rpos < f->rlen) {
        size_t take = std::min(n, f->rlen - f->rpos);
        std::memcpy(out, f->rbuf + f->rpos, take);
        f->rpos += take;
        return ptrdiff_t(take);
    }
    if (n >= f->bufsize || (f->fflags & FF_UNBUFFERED)) {
        ptrdiff_t r = dev_read(vm, f, out, n);
        if (r < 0)
            return -1;
        if (r == 0)
            f->fflags |= FF_EOF_SEEN;
        return r;
    }
    if (!ensure_rbuf(vm, f))
        return -1;
    ptrdiff_t r = dev_read(vm, f, f->rbuf, f->bufsize);
    if (r < 0)
        return -1;
    if (r == 0) {
        f->fflags |= FF_EOF_SEEN;
        return 0;
    }
    f->rpos = 0;
    f->rlen = size_t(r);
    size_t take = std::min(n, f->rlen);
    std::memcpy(out, f->rbuf, take);
    f->rpos = take;
    return ptrdiff_t(take);
}

bool buffered_drop_readahead(VM& vm, BufferedFile* f)
{
    if (f->rpos < f->rlen) {
        off_t back = off_t(f->rlen - f->rpos);
        if (f->fflags & FF_RAWOBJ) {
            if (dev_seek(vm, f, -int64_t(back), SEEK_CUR) < 0)
                return false;
        } else if (::lseek(f->fd, -back, SEEK_CUR) < 0 && errno != ESPIPE) {
            raise_errno(vm, errno);
            return false;
        }
    }
    f->rpos = f->rlen = 0;
    return true;
}

bool buffered_flush(VM& vm, BufferedFile* f)
{
    if (!f->wlen)
        return true;
    size_t n = f->wlen;
    f->wlen = 0;
    return dev_write(vm, f, f->wbuf, n);
}

bool buffered_text_writeflush(VM& vm, BufferedFile* f)
{
    if (!f->tlen)
        return true;
    size_t n = f->tlen;
    f->tlen = 0;
    return buffered_write(vm, f, f->tpend, n);
}

bool buffered_text_write(VM& vm, BufferedFile* f, char const* data, size_t n, bool flush_now)
{
    // TextIOWrapper.write: never more than a chunk is gathered; a full chunk (or a
    // flush request) goes on to the buffer.
    if (f->tlen + n > kTextChunkSize && !buffered_text_writeflush(vm, f))
        return false;
    if (n >= kTextChunkSize)
        return buffered_write(vm, f, data, n);
    if (!f->tpend && !(f->tpend = static_cast<char*>(std::malloc(kTextChunkSize)))) {
        raise_no_memory(vm);
        return false;
    }
    std::memcpy(f->tpend + f->tlen, data, n);
    f->tlen += n;
    if (f->tlen >= kTextChunkSize || flush_now)
        return buffered_text_writeflush(vm, f);
    return true;
}

bool buffered_write(VM& vm, BufferedFile* f, char const* data, size_t n)
{
    if (f->rpos < f->rlen && !buffered_drop_readahead(vm, f))
        return false;
    if (f->fflags & FF_UNBUFFERED)
        return dev_write(vm, f, data, n);
    // BufferedWriter.write: what fits is copied; otherwise the buffer is written out and
    // the data is buffered, or written directly when it is larger than the buffer.
    if (f->wlen + n > f->bufsize) {
        if (!buffered_flush(vm, f))
            return false;
        if (n > f->bufsize && !(f->fflags & FF_RAWOBJ))
            return dev_write(vm, f, data, n);
        // A raw stream may take part of each write (CPython's BufferedWriter): it is
        // written to while more than a buffer's worth is left, the rest is buffered.
        while (n > f->bufsize) {
            ptrdiff_t w = dev_write_once(vm, f, data, n);
            if (w < 0)
                return false;
            data += w;
            n -= size_t(w);
        }
    }
    if (!f->wbuf && !(f->wbuf = static_cast<char*>(std::malloc(f->bufsize)))) {
        raise_no_memory(vm);
        return false;
    }
    std::memcpy(f->wbuf + f->wlen, data, n);
    f->wlen += n;
    return true;
}

int64_t buffered_tell(VM& vm, BufferedFile* f)
{
    int64_t pos;
    if (f->fflags & FF_RAWOBJ) {
        Value r = dev_call(vm, f, "tell");
        if (r.is_null() || !index_i64(vm, r, pos))
            return -1;
    } else {
        pos = int64_t(::lseek(f->fd, 0, SEEK_CUR));
        if (pos < 0) {
            raise_errno(vm, errno);
            return -1;
        }
    }
    return pos - int64_t(f->rlen - f->rpos) + int64_t(f->wlen);
}

int64_t buffered_seek(VM& vm, BufferedFile* f, int64_t pos, int whence)
{
    if (!buffered_flush(vm, f))
        return -1;
    if (whence == SEEK_CUR)
        pos -= int64_t(f->rlen - f->rpos);
    f->rpos = f->rlen = 0;
    f->fflags &= ~FF_EOF_SEEN;
    return dev_seek(vm, f, pos, whence);
}

bool buffered_close(VM& vm, BufferedFile* f)
{
    if (f->fflags & FF_CLOSED)
        return true;
    bool ok = buffered_text_writeflush(vm, f) && buffered_flush(vm, f);
    f->fflags |= FF_CLOSED;
    if ((f->fflags & FF_CLOSEFD) && f->fd >= 0 && ::close(f->fd) < 0 && ok) {
        raise_errno(vm, errno);
        ok = false;
    }
    if (f->fflags & FF_RAWOBJ) {
        // The raw stream is closed even after a failed flush; the first error wins.
        Value saved = ok ? Value::null() : vm.take_error();
        if (dev_call(vm, f, "close").is_null()) {
            ok = false;
            // The object stays open as its raw stream does (CPython's `closed` is
            // raw.closed); its buffers are emptied below and made again when used.
            f->fflags &= ~FF_CLOSED;
        }
        if (!saved.is_null()) {
            vm.clear_error();
            vm.restore_error(saved);
        }
    }
    f->fd = -1;
    std::free(f->rbuf);
    std::free(f->wbuf);
    std::free(f->tpend);
    f->rbuf = f->wbuf = f->tpend = nullptr;
    f->rpos = f->rlen = f->wlen = f->tlen = 0;
    return ok;
}

// Writes out both buffers of `f`, ignoring errors (exit, other opens of the file).
static void write_out(BufferedFile* f)
{
    if (f->fd < 0)
        return;
    if (f->wlen)
        (void)raw_write_all(f->fd, f->wbuf, f->wlen);
    if (f->tlen)
        (void)raw_write_all(f->fd, f->tpend, f->tlen);
    f->wlen = f->tlen = 0;
}

void flush_all_files(VM& vm, bool include_std)
{
    FileListLink& head = io_types(vm).files;
    for (FileListLink* l = head.next; l != &head; l = l->next)
        if (include_std || !(static_cast<BufferedFile*>(l)->fflags & FF_STD))
            write_out(static_cast<BufferedFile*>(l));
}

void flush_files_on(VM& vm, uint64_t dev, uint64_t ino)
{
    FileListLink& head = io_types(vm).files;
    for (FileListLink* l = head.next; l != &head; l = l->next) {
        auto* f = static_cast<BufferedFile*>(l);
        if (!(f->fflags & FF_STD) && f->dev == dev && f->ino == ino)
            write_out(f);
    }
}

void setup_buffered_types(VM& vm)
{
    IoTypes& st = io_types(vm);
    if (st.buffered_reader)
        return;
    setup_base_types(vm);
    st.buffered_reader = make_io_subtype(vm, "BufferedReader", st.buffered_iobase);
    st.buffered_writer = make_io_subtype(vm, "BufferedWriter", st.buffered_iobase);
    st.buffered_random = make_io_subtype(vm, "BufferedRandom", st.buffered_iobase);
    st.file_io = make_io_subtype(vm, "FileIO", st.raw_iobase);
    add_getsets(vm, st.file_io, { { "closefd", bf_get_closefd } });
    add_methods(vm, st.buffered_reader, { { "__new__", bf_buffered_new, METH_STATIC }, { "__init__", bf_reader_init } });
    add_methods(vm, st.buffered_writer, { { "__new__", bf_buffered_new, METH_STATIC }, { "__init__", bf_writer_init } });
    add_methods(vm, st.buffered_random, { { "__new__", bf_buffered_new, METH_STATIC }, { "__init__", bf_random_init } });
}

} // namespace slpy
