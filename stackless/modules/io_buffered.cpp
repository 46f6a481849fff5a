// The binary layer of the io module: buffered file objects over a file descriptor
// (BufferedReader, BufferedWriter, BufferedRandom, and FileIO for buffering=0), with
// CPython's method set and errors, plus the OSError-from-errno helper.
//
// The buffers live in malloc'd memory, so the finalizer can write out what is pending
// and close the descriptor of a file nobody references any more without touching any
// other heap object. A process-wide registry (weak: the finalizer removes the entry)
// lets io_flush_std_streams write out every open file at exit.
#include "stackless/modules/io_internal.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_set>

namespace slpy {

TypeObject* g_buffered_reader = nullptr;
TypeObject* g_buffered_writer = nullptr;
TypeObject* g_buffered_random = nullptr;
TypeObject* g_file_io = nullptr;
TypeObject* g_unsupported_operation = nullptr;

namespace {

constexpr size_t kDefaultBufferSize = 8192;
constexpr size_t kTextChunkSize = 8192; // TextIOWrapper._CHUNK_SIZE

// Every live BufferedFile. Never destroyed (finalizers may run during static destruction).
std::unordered_set<BufferedFile*>& registry()
{
    static auto* files = new std::unordered_set<BufferedFile*>();
    return *files;
}

// ---- raw descriptor operations

// read(2): the count, or -1 with the exception pending (OSError from errno). A read
// interrupted by a signal (EINTR: the SIGINT handler is installed without SA_RESTART)
// raises KeyboardInterrupt when the signal asked for it and is retried otherwise; so
// does a Ctrl-C that came just before the read (it may block for good).
ptrdiff_t raw_read(VM& vm, int fd, char* buf, size_t n)
{
    for (;;) {
        if (!check_pending(vm))
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

// write(2) of all of data; errno set on failure. Retried on EINTR: finalizers write
// with it too, and a pending Ctrl-C is raised at the next poll.
bool raw_write_all(int fd, char const* data, size_t n)
{
    while (n > 0) {
        ssize_t w = ::write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += w;
        n -= size_t(w);
    }
    return true;
}

void buffered_trace(Object* o, Tracer& t)
{
    auto* f = static_cast<BufferedFile*>(o);
    t.visit(f->name);
    t.visit(f->mode);
}

// Writes what is pending and closes the descriptor of a file that died open.
void buffered_finalize(Object* o)
{
    auto* f = static_cast<BufferedFile*>(o);
    registry().erase(f);
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
    if (::fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        off_t pos = ::lseek(f->fd, 0, SEEK_CUR);
        if (pos >= 0 && st.st_size > pos)
            out.reserve(out.size() + size_t(st.st_size - pos) + 1);
    }
    char chunk[65536];
    for (;;) {
        ptrdiff_t r = raw_read(vm, f->fd, chunk, sizeof chunk);
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
            ptrdiff_t r = raw_read(vm, f->fd, f->rbuf, (f->fflags & FF_UNBUFFERED) ? 1 : f->bufsize);
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
    if (!io_size_arg(vm, "read", args, nargs, kwnames, n) || !check_readable(vm, f))
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
        ptrdiff_t r = raw_read(vm, f->fd, f->rbuf, f->bufsize);
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
    unsigned char* dst = nullptr;
    size_t n = 0;
    if (ByteArray* ba = as_bytearray(args[1])) {
        dst = ba->data();
        n = ba->size;
    } else if (MemoryView* mv = as_memoryview(args[1]); mv && !mv->readonly && !mv->released && mv->step == 1) {
        if (ByteArray* ba = as_bytearray(mv->obj)) {
            dst = ba->data() + mv->start;
            n = mv->length;
        }
    }
    if (!dst && !as_bytearray(args[1]))
        return raise_fmt(vm, exc::TypeError, "readinto() argument must be read-write bytes-like object, not %s", type_name(args[1]));
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
    // No Python code ran since `dst` was taken, so the bytearray still has its buffer.
    if (have)
        std::memcpy(dst, tmp.data(), have);
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
    if (!buffered_close(vm, self_file(args[0])))
        return Value::null();
    return py_none();
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
    if (::ftruncate(f->fd, off_t(size)) < 0)
        return raise_errno(vm, errno);
    return int_from_i64(vm, size);
}

SLPY_FILE_METHOD(bf_fileno)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
    return Value::small_int(f->fd);
}

SLPY_FILE_METHOD(bf_isatty)
{
    BufferedFile* f = self_file(args[0]);
    if (!check_open_raw(vm, f))
        return Value::null();
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
    std::string s = "<_io.";
    s += f->type->name->c_str();
    if (f->type == g_file_io && (f->fflags & FF_CLOSED))
        return str_value(vm, s + " [closed]>");
    Value r = TRY(repr(vm, f->name));
    s += " name=";
    s += as_str(r)->c_str();
    if (f->type == g_file_io) {
        s += " mode='";
        s += f->mode->c_str();
        s += (f->fflags & FF_CLOSEFD) ? "' closefd=True" : "' closefd=False";
    }
    return str_value(vm, s + ">");
}

SLPY_FILE_METHOD(bf_get_closed) { return py_bool(self_file(args[0])->fflags & FF_CLOSED); }
SLPY_FILE_METHOD(bf_get_name) { return self_file(args[0])->name; }
SLPY_FILE_METHOD(bf_get_mode) { return Value::from_object(self_file(args[0])->mode); }
SLPY_FILE_METHOD(bf_get_closefd) { return py_bool(self_file(args[0])->fflags & FF_CLOSEFD); }

#undef SLPY_FILE_METHOD

TypeObject* make_io_subtype(VM& vm, char const* name, TypeObject* base)
{
    TypeObject* t = make_builtin_type(vm, name, base, sizeof(BufferedFile), 0, buffered_trace, buffered_finalize);
    set_native_type_module(vm, t, "_io");
    t->iternext = bf_iternext;
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
    return raise(vm, g_unsupported_operation ? g_unsupported_operation : exc::OSError, what);
}

BufferedFile* as_buffered(Value v)
{
    if (!v.is_object() || !is_subtype(v.as_object()->type, types.fileio))
        return nullptr;
    return static_cast<BufferedFile*>(v.as_object());
}

BufferedFile* buffered_new(VM& vm, TypeObject* type, int fd, Value name, String* mode, uint32_t fflags,
                           size_t buffer_size)
{
    auto* f = vm.heap.make<BufferedFile>(type);
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
    registry().insert(f);
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
        ptrdiff_t r = raw_read(vm, f->fd, out, n);
        if (r < 0)
            return -1;
        if (r == 0)
            f->fflags |= FF_EOF_SEEN;
        return r;
    }
    if (!ensure_rbuf(vm, f))
        return -1;
    ptrdiff_t r = raw_read(vm, f->fd, f->rbuf, f->bufsize);
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
        if (::lseek(f->fd, -back, SEEK_CUR) < 0 && errno != ESPIPE) {
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
    if (!raw_write_all(f->fd, f->wbuf, n)) {
        raise_errno(vm, errno);
        return false;
    }
    return true;
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
    if (f->fflags & FF_UNBUFFERED) {
        if (!raw_write_all(f->fd, data, n)) {
            raise_errno(vm, errno);
            return false;
        }
        return true;
    }
    // BufferedWriter.write: what fits is copied; otherwise the buffer is written out and
    // the data is buffered, or written directly when it is larger than the buffer.
    if (f->wlen + n > f->bufsize) {
        if (!buffered_flush(vm, f))
            return false;
        if (n > f->bufsize) {
            if (!raw_write_all(f->fd, data, n)) {
                raise_errno(vm, errno);
                return false;
            }
            return true;
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
    off_t pos = ::lseek(f->fd, 0, SEEK_CUR);
    if (pos < 0) {
        raise_errno(vm, errno);
        return -1;
    }
    return int64_t(pos) - int64_t(f->rlen - f->rpos) + int64_t(f->wlen);
}

int64_t buffered_seek(VM& vm, BufferedFile* f, int64_t pos, int whence)
{
    if (!buffered_flush(vm, f))
        return -1;
    if (whence == SEEK_CUR)
        pos -= int64_t(f->rlen - f->rpos);
    f->rpos = f->rlen = 0;
    f->fflags &= ~FF_EOF_SEEN;
    off_t r = ::lseek(f->fd, off_t(pos), whence);
    if (r < 0) {
        raise_errno(vm, errno);
        return -1;
    }
    return int64_t(r);
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

void flush_all_files(bool include_std)
{
    for (BufferedFile* f : registry())
        if (include_std || !(f->fflags & FF_STD))
            write_out(f);
}

void flush_files_on(VM&, uint64_t dev, uint64_t ino)
{
    for (BufferedFile* f : registry())
        if (!(f->fflags & FF_STD) && f->dev == dev && f->ino == ino)
            write_out(f);
}

void setup_buffered_types(VM& vm)
{
    if (g_buffered_reader)
        return;
    TypeObject* base = types.fileio;
    base->name = intern(vm, "_BufferedIOBase");
    base->qualname = base->name;
    base->basicsize = sizeof(BufferedFile);
    base->trace = buffered_trace;
    base->finalize = buffered_finalize;
    base->iternext = bf_iternext;
    set_native_type_module(vm, base, "_io");
    add_methods(vm, base, {
        { "read", bf_read }, { "read1", bf_read1 }, { "readall", bf_readall }, { "peek", bf_peek },
        { "readinto", bf_readinto }, { "readline", bf_readline }, { "readlines", bf_readlines },
        { "write", bf_write }, { "writelines", bf_writelines }, { "flush", bf_flush }, { "close", bf_close },
        { "seek", bf_seek }, { "tell", bf_tell }, { "truncate", bf_truncate }, { "fileno", bf_fileno },
        { "isatty", bf_isatty }, { "readable", bf_readable }, { "writable", bf_writable },
        { "seekable", bf_seekable }, { "__enter__", bf_enter }, { "__exit__", bf_exit },
        { "__iter__", bf_iter }, { "__next__", bf_next }, { "__repr__", bf_repr },
    });
    add_getsets(vm, base, {
        { "closed", bf_get_closed }, { "name", bf_get_name }, { "mode", bf_get_mode },
    });
    g_buffered_reader = make_io_subtype(vm, "BufferedReader", base);
    g_buffered_writer = make_io_subtype(vm, "BufferedWriter", base);
    g_buffered_random = make_io_subtype(vm, "BufferedRandom", base);
    g_file_io = make_io_subtype(vm, "FileIO", base);
    add_getsets(vm, g_file_io, { { "closefd", bf_get_closefd } });

    // io.UnsupportedOperation(OSError, ValueError): made with its first base, then given
    // both bases and the C3 order CPython computes.
    TypeObject* u = make_builtin_type(vm, "UnsupportedOperation", exc::OSError, exc::OSError->basicsize,
                                      TF_BASETYPE | TF_EXC_SUBCLASS);
    set_native_type_module(vm, u, "io");
    finish_builtin_type(vm, u);
    u->bases = tuple_pack(vm, { Value::from_object(exc::OSError), Value::from_object(exc::ValueError) });
    u->mro = tuple_pack(vm, { Value::from_object(u), Value::from_object(exc::OSError), Value::from_object(exc::ValueError),
                              Value::from_object(exc::Exception), Value::from_object(exc::BaseException),
                              Value::from_object(types.object) });
    g_unsupported_operation = u;
}

} // namespace slpy
