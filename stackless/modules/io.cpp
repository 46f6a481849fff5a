// The io module's entry points: open() (argument checks in CPython's order, the
// descriptor, then the binary and text layers), the standard streams, the flush at
// exit, and the `io` module object.
#include "stackless/modules/io.h"

#include "stackless/modules/io_internal.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <locale.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace slpy {

size_t line_length(Value line)
{
    if (String* s = as_str(line))
        return s->length;
    return as_bytes(line)->size;
}

bool io_size_arg(VM& vm, char const* method, Value const* args, size_t nargs, Tuple* kwnames, int64_t& out)
{
    out = -1;
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "%s.%s() takes no keyword arguments", type_of(args[0])->name->c_str(), method); // the method's qualname: bare type name
        return false;
    }
    if (!check_nargs(vm, method, nargs - 1, 0, 1))
        return false;
    if (nargs < 2 || is_none(args[1]))
        return true;
    if (!is_int(args[1]) && type_of(args[1])->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "argument should be integer or None, not '%s'", type_name(args[1]));
        return false;
    }
    return index_i64(vm, args[1], out);
}

namespace {

Value textio_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value textio_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value open_parsed(VM& vm, Value const* a, TypeObject* fileio_type);
Value fileio_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);

void setup_io_types(VM& vm)
{
    IoTypes& st = io_types(vm);
    if (st.string_io)
        return;
    setup_base_types(vm);
    setup_buffered_types(vm);
    setup_text_type(vm);
    add_methods(vm, st.text_io, { { "__new__", textio_new, METH_STATIC }, { "__init__", textio_init } });
    add_methods(vm, st.file_io, { { "__new__", fileio_new, METH_STATIC } });
    setup_misc_types(vm);
    setup_bytesio_type(vm);
    setup_stringio_type(vm);
}

// open()'s path argument: str, bytes or os.PathLike; false with TypeError otherwise.
bool path_argument(VM& vm, Value file, std::string& out)
{
    Value v = file;
    if (!as_str(v) && !as_bytes(v)) {
        String* fspath = intern(vm, "__fspath__");
        if (!fspath)
            return false;
        TypeObject* t = type_of(v);
        Value f = type_lookup(t, fspath);
        if (f.is_not_found()) {
            raise_fmt(vm, exc::TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(file));
            return false;
        }
        TypeObject* ft = type_of(f);
        if (ft == types.function || ft == types.method_descriptor || ft == types.builtin_function) {
            v = call(vm, f, &v, 1);
        } else {
            Value bound = descriptor_get(vm, f, v, t);
            v = bound.is_null() ? bound : call0(vm, bound);
        }
        if (v.is_null())
            return false;
        if (!as_str(v) && !as_bytes(v)) {
            raise_fmt(vm, exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s", type_name(file), type_name(v));
            return false;
        }
    }
    if (String* s = as_str(v))
        out.assign(s->view());
    else
        out.assign(as_bytes(v)->view());
    if (out.find('\0') != std::string::npos) {
        raise(vm, exc::ValueError, "embedded null byte");
        return false;
    }
    return true;
}

// A str-or-None argument of open(); out stays null for None or absent.
bool optional_str(VM& vm, Value v, char const* what, String*& out)
{
    out = nullptr;
    if (v.is_null() || is_none(v))
        return true;
    out = as_str(v);
    if (!out) {
        raise_fmt(vm, exc::TypeError, "open() argument '%s' must be str or None, not %s", what, type_name(v));
        return false;
    }
    return true;
}

// Reports an error of the flush at exit as CPython's "Exception ignored in: ..." does.
void report_unraisable(VM& vm, Value where)
{
    Value e = vm.take_error();
    std::string text = "Exception ignored in: ";
    Value r = repr(vm, where);
    if (r.is_null()) {
        vm.clear_error();
        text += "<object>";
    } else {
        text += as_str(r)->c_str();
    }
    text += "\n";
    text += type_name(e);
    Value s = exception_str(vm, e);
    if (s.is_null())
        vm.clear_error();
    else if (as_str(s)->byte_length)
        text += std::string(": ") + as_str(s)->c_str();
    text += "\n";
    (void)!::write(2, text.data(), text.size());
}

// TextIOWrapper.__new__ makes an uninitialised wrapper and __init__ attaches the buffer,
// as CPython's, so a subclass may take other arguments and call __init__ itself (again).
Value textio_new(VM& vm, Value const* args, size_t, Tuple*)
{
    TextFile* tf = text_alloc(vm, args[0].as<TypeObject>());
    return tf ? Value::from_object(tf) : Value::null();
}

// Whether `b` is one of this layer's own buffered objects, whose methods the wrapper may
// bypass: an instance of a Python subclass may override read1/write/readable/... and is
// reached through its methods instead, as CPython's TextIOWrapper always does.
bool is_native_buffered(VM& vm, BufferedFile* b)
{
    IoTypes& st = io_types(vm);
    TypeObject* t = b->type;
    return t == st.buffered_reader || t == st.buffered_writer || t == st.buffered_random || t == st.file_io;
}

// TextIOWrapper.__init__(buffer, encoding=None, errors=None, newline=None,
// line_buffering=False, write_through=False).
Value textio_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[7];
    if (!parse_args(vm, "TextIOWrapper", args, nargs, kwnames,
                    { "self", "buffer", "encoding", "errors", "newline", "line_buffering", "write_through" }, 2, a, 1))
        return Value::null();
    BufferedFile* b = as_buffered(a[1]);
    if (b && !is_native_buffered(vm, b))
        b = nullptr;
    if (!b) {
        // Another kind of buffered object (BytesIO, a Python BufferedIOBase such as
        // GzipFile): a hidden adapter forwards to its read1/write/seek/tell methods.
        uint32_t ff = FF_PROXY;
        for (auto [method, flag] : { std::pair { "readable", FF_READABLE }, std::pair { "writable", FF_WRITABLE } }) {
            Value r = TRY(call_method(vm, a[1], intern(vm, method), nullptr, 0));
            int t = truthy(vm, r);
            if (t < 0)
                return Value::null();
            if (t)
                ff |= flag;
        }
        b = buffered_over_raw(vm, io_types(vm).buffered_random, a[1], ff, size_t(kIoDefaultBufferSize));
        if (!b)
            return Value::null();
    }
    String *encoding, *errors;
    if (!optional_str(vm, a[2], "encoding", encoding) || !optional_str(vm, a[3], "errors", errors))
        return Value::null();
    if (encoding && encoding->view() == "locale")
        encoding = nullptr;
    Value newline = a[4].is_null() ? py_none() : a[4];
    NewlineMode nl;
    if (!is_none(newline) && !as_str(newline))
        return raise_fmt(vm, exc::TypeError, "TextIOWrapper() argument 'newline' must be str or None, not %s", type_name(newline));
    if (!text_newline_mode(vm, newline, nl))
        return Value::null();
    TextEncoding enc = TextEncoding::UTF8;
    Value codec_info;
    if (encoding && !text_encoding_resolve(vm, encoding, enc, codec_info))
        return Value::null();
    bool flags[2] = { false, false };
    for (int i = 0; i < 2; ++i)
        if (!a[5 + i].is_null()) {
            int t = truthy(vm, a[5 + i]);
            if (t < 0)
                return Value::null();
            flags[i] = t;
        }
    String* encoding_s = encoding ? encoding : intern(vm, "UTF-8");
    String* errors_s = errors ? errors : intern(vm, "strict");
    if (!encoding_s || !errors_s)
        return Value::null();
    TextFile* tf = static_cast<TextFile*>(args[0].as_object());
    if (tf->buffer && !tf->detached && !buffered_text_writeflush(vm, tf->buffer))
        return Value::null();
    // No `mode`: only open() gives a wrapper one, as CPython's.
    text_configure(tf, b, nullptr, encoding_s, enc, errors_s, newline, nl, flags[0], flags[1]);
    if (enc == TextEncoding::CODEC && !text_init_codec(vm, tf, codec_info))
        return Value::null();
    return py_none();
}

// FileIO(file, mode='r', closefd=True, opener=None): open() without buffering; the mode
// takes only r, w, x, a and +.
Value fileio_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[5];
    if (!parse_args(vm, "FileIO", args, nargs, kwnames, { "cls", "file", "mode", "closefd", "opener" }, 2, a, 1))
        return Value::null();
    std::string mode = "r";
    if (!a[2].is_null()) {
        String* m = as_str(a[2]);
        if (!m)
            return raise_fmt(vm, exc::TypeError, "FileIO() argument 'mode' must be str, not %s", type_name(a[2]));
        mode = m->view();
    }
    for (size_t i = 0; i < mode.size(); ++i)
        if (std::strchr("rwxab+", mode[i]) == nullptr || mode.find(mode[i], i + 1) != std::string::npos)
            return raise_fmt(vm, exc::ValueError, "invalid mode: %s", mode.c_str());
    if (mode.find('b') == std::string::npos)
        mode += 'b';
    Value mode_v = TRY(str_value(vm, mode));
    Value oargs[8] = { a[1], mode_v, Value::small_int(0), Value::null(), Value::null(), Value::null(),
                       a[3], a[4] };
    // An instance of the class called (a subclass of FileIO gets its own type).
    return open_parsed(vm, oargs, args[0].as<TypeObject>());
}

} // namespace

// open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)
Value io_open(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    setup_io_types(vm);
    Value a[8];
    if (!parse_args(vm, "open", args, nargs, kwnames,
                    { "file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener" }, 1, a))
        return Value::null();
    return open_parsed(vm, a, nullptr);
}

namespace {

// open() on its parsed arguments (null: absent); `fileio_type` is the class of the
// unbuffered object (FileIO or the subclass FileIO(...) was called on), null for open().
Value open_parsed(VM& vm, Value const* a, TypeObject* fileio_type)
{
    Value file = a[0];
    String* mode_s = a[1].is_null() ? intern(vm, "r") : as_str(a[1]);
    if (!mode_s && a[1].is_null())
        return Value::null();
    if (!mode_s)
        return raise_fmt(vm, exc::TypeError, "open() argument 'mode' must be str, not %s", type_name(a[1]));
    int64_t buffering = -1;
    if (!a[2].is_null() && !index_i64(vm, a[2], buffering))
        return Value::null();
    String *encoding, *errors;
    if (!optional_str(vm, a[3], "encoding", encoding) || !optional_str(vm, a[4], "errors", errors))
        return Value::null();
    // encoding="locale" (what io.text_encoding(None) gives) is the locale's encoding,
    // which is slpy's default, UTF-8.
    if (encoding && encoding->view() == "locale")
        encoding = nullptr;
    Value newline = a[5].is_null() ? py_none() : a[5];
    if (!is_none(newline) && !as_str(newline))
        return raise_fmt(vm, exc::TypeError, "open() argument 'newline' must be str or None, not %s", type_name(newline));
    bool closefd = true;
    if (!a[6].is_null()) {
        int t = truthy(vm, a[6]);
        if (t < 0)
            return Value::null();
        closefd = t;
    }
    Value opener = a[7].is_null() ? py_none() : a[7];

    // The mode, checked as CPython's _io_open_impl does.
    bool creating = false, reading = false, writing = false, appending = false, updating = false;
    bool text = false, binary = false;
    std::string_view mode = mode_s->view();
    for (size_t i = 0; i < mode.size(); ++i) {
        char c = mode[i];
        switch (c) {
        case 'x': creating = true; break;
        case 'r': reading = true; break;
        case 'w': writing = true; break;
        case 'a': appending = true; break;
        case '+': updating = true; break;
        case 't': text = true; break;
        case 'b': binary = true; break;
        default: return raise_fmt(vm, exc::ValueError, "invalid mode: '%s'", mode_s->c_str());
        }
        if (mode.find(c, i + 1) != std::string_view::npos)
            return raise_fmt(vm, exc::ValueError, "invalid mode: '%s'", mode_s->c_str());
    }
    if (text && binary)
        return raise(vm, exc::ValueError, "can't have text and binary mode at once");
    if (int(creating) + int(reading) + int(writing) + int(appending) > 1)
        return raise(vm, exc::ValueError, "must have exactly one of create/read/write/append mode");
    if (binary && encoding)
        return raise(vm, exc::ValueError, "binary mode doesn't take an encoding argument");
    if (binary && errors)
        return raise(vm, exc::ValueError, "binary mode doesn't take an errors argument");
    if (binary && !is_none(newline))
        return raise(vm, exc::ValueError, "binary mode doesn't take a newline argument");
    if (!(creating || reading || writing || appending))
        return raise(vm, exc::ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");

    // The descriptor.
    bool is_fd = is_int(file);
    int64_t fd_arg = -1;
    std::string path;
    if (is_fd) {
        if (!int_to_i64(int_unwrap(file), fd_arg) || fd_arg < INT32_MIN || fd_arg > INT32_MAX)
            return raise(vm, exc::OverflowError, "signed integer is greater than maximum");
        if (fd_arg < 0)
            return raise(vm, exc::ValueError, "negative file descriptor");
    } else {
        if (!path_argument(vm, file, path))
            return Value::null();
        if (!closefd)
            return raise(vm, exc::ValueError, "Cannot use closefd=False with file name");
    }
    int flags = O_CLOEXEC;
    bool readable = reading || updating;
    bool writable = writing || appending || creating || updating;
    flags |= readable && writable ? O_RDWR : writable ? O_WRONLY : O_RDONLY;
    if (creating)
        flags |= O_CREAT | O_EXCL;
    if (writing)
        flags |= O_CREAT | O_TRUNC;
    if (appending)
        flags |= O_CREAT | O_APPEND;
    int fd;
    if (is_fd) {
        fd = int(fd_arg);
    } else if (!is_none(opener)) {
        Value fa[2] = { file, Value::small_int(flags) };
        Value r = TRY(call(vm, opener, fa, 2));
        int64_t v;
        if (!is_int(r))
            return raise_fmt(vm, exc::TypeError, "expected an integer, got %s", type_name(r));
        if (!int_to_i64(int_unwrap(r), v) || v < INT32_MIN || v > INT32_MAX)
            return raise(vm, exc::OverflowError, "signed integer is greater than maximum");
        if (v < 0)
            return raise_fmt(vm, exc::ValueError, "opener returned %lld", static_cast<long long>(v));
        fd = int(v);
    } else {
        for (int attempt = 0;; ++attempt) {
            do
                fd = ::open(path.c_str(), flags, 0666);
            while (fd < 0 && errno == EINTR);
            // Out of descriptors: unreferenced file objects may still hold some (their
            // finalizers close them), so collect once and try again.
            if (fd < 0 && (errno == EMFILE || errno == ENFILE) && attempt == 0) {
                vm.heap.collect();
                continue;
            }
            break;
        }
        if (fd < 0)
            return raise_errno(vm, errno, file);
    }
    struct stat st;
    if (::fstat(fd, &st) < 0) {
        int err = errno;
        if (!is_fd)
            ::close(fd);
        return raise_errno(vm, err);
    }
    if (S_ISDIR(st.st_mode)) {
        if (!is_fd || closefd)
            ::close(fd);
        return raise_errno(vm, EISDIR, file);
    }
    if (appending)
        (void)::lseek(fd, 0, SEEK_END);
    if (buffering == 0 && !binary) {
        if (!is_fd || closefd)
            ::close(fd);
        return raise(vm, exc::ValueError, "can't have unbuffered text I/O");
    }
    // Text-layer arguments are checked before any object exists, so a failure just
    // closes the descriptor.
    NewlineMode nl = NewlineMode::Universal;
    TextEncoding enc = TextEncoding::UTF8;
    Value codec_info;
    if (!binary) {
        bool ok = text_newline_mode(vm, newline, nl) && (!encoding || text_encoding_resolve(vm, encoding, enc, codec_info));
        if (!ok) {
            if (!is_fd || closefd)
                ::close(fd);
            return Value::null();
        }
    }
    // Objects (maybe unreferenced ones) may still hold data for this file.
    if (writable || readable)
        flush_files_on(vm, uint64_t(st.st_dev), uint64_t(st.st_ino));

    // The FileIO-style mode string: 'xb', 'ab', 'rb+', 'rb', 'wb' (with '+' when updating).
    std::string raw_mode = creating ? (readable ? "xb+" : "xb")
                           : appending ? (readable ? "ab+" : "ab")
                           : readable ? (writable ? "rb+" : "rb")
                                      : "wb";
    uint32_t ff = (readable ? FF_READABLE : 0) | (writable ? FF_WRITABLE : 0) | (appending ? FF_APPEND : 0) |
                  (closefd ? FF_CLOSEFD : 0) | (creating ? FF_CREATED : 0);
    TypeObject* type;
    if (buffering == 0) {
        type = fileio_type ? fileio_type : io_types(vm).file_io;
        ff |= FF_UNBUFFERED;
    } else if (updating) {
        type = io_types(vm).buffered_random;
    } else if (writable) {
        type = io_types(vm).buffered_writer;
    } else {
        type = io_types(vm).buffered_reader;
    }
    size_t buffer_size = buffering > 1 ? size_t(buffering) : 0;
    String* raw_mode_s = intern(vm, raw_mode);
    BufferedFile* b = raw_mode_s ? buffered_new(vm, type, fd, file, raw_mode_s, ff, buffer_size) : nullptr;
    if (!b) {
        if (!is_fd || closefd)
            ::close(fd);
        return Value::null();
    }
    if (binary)
        return Value::from_object(b);
    bool line_buffering = buffering == 1 || (buffering < 0 && buffered_isatty(b));
    String* encoding_s = encoding ? encoding : intern(vm, "UTF-8");
    String* errors_s = errors ? errors : intern(vm, "strict");
    if (!encoding_s || !errors_s)
        return Value::null();
    TextFile* tf = text_new(vm, b, mode_s, encoding_s, enc, errors_s, newline, nl, line_buffering, false);
    if (tf && enc == TextEncoding::CODEC && !text_init_codec(vm, tf, codec_info))
        return Value::null();
    return Value::from_object(tf);
}

} // namespace

// CPython's default error handler of stdin and stdout (config_get_stdio_errors):
// surrogateescape in the C and POSIX locales and in the UTF-8 locales CPython coerces the
// C locale to (C.UTF-8, C.utf8, UTF-8), strict in any other locale. The locale is the
// environment's (LC_ALL, LC_CTYPE, LANG); one the system does not have is the C locale.
static bool std_streams_escape_surrogates()
{
    char const* name = nullptr;
    for (char const* var : { "LC_ALL", "LC_CTYPE", "LANG" })
        if (char const* v = std::getenv(var); v && *v) {
            name = v;
            break;
        }
    if (!name)
        return true;
    std::string_view n = name;
    if (n == "C" || n == "POSIX" || n == "C.UTF-8" || n == "C.utf8" || n == "UTF-8")
        return true;
    locale_t loc = newlocale(LC_CTYPE_MASK, name, locale_t(0));
    if (!loc)
        return true;
    freelocale(loc);
    return false;
}

Value io_std_stream(VM& vm, int fd, char const* name, bool writable)
{
    setup_io_types(vm);
    struct stat st;
    // CPython sets sys.stdout (...) to None when the descriptor is not open.
    if (::fstat(fd, &st) < 0)
        return errno == EBADF ? py_none() : raise_errno(vm, errno);
    char const* unbuffered_env = std::getenv("PYTHONUNBUFFERED");
    bool unbuffered = writable && unbuffered_env && *unbuffered_env;
    uint32_t ff = FF_STD | (writable ? FF_WRITABLE : FF_READABLE) | (unbuffered ? FF_UNBUFFERED : 0);
    IoTypes& io = io_types(vm);
    TypeObject* type = !writable ? io.buffered_reader : unbuffered ? io.file_io : io.buffered_writer;
    BufferedFile* b = buffered_new(vm, type, fd, str_value(vm, name), intern(vm, writable ? "wb" : "rb"), ff);

    // PYTHONIOENCODING=encoding[:errors]; slpy's own encodings only. As CPython's: an
    // encoding given without errors means strict; stderr stays backslashreplace.
    std::string encoding = "utf-8";
    std::string errors = fd == 2 ? "backslashreplace" : std_streams_escape_surrogates() ? "surrogateescape" : "strict";
    TextEncoding enc = TextEncoding::UTF8;
    if (char const* env = std::getenv("PYTHONIOENCODING"); env && *env) {
        std::string_view v = env;
        size_t colon = v.find(':');
        std::string_view e = v.substr(0, colon);
        TextEncoding found;
        if (!e.empty() && text_encoding_lookup(e, found)) {
            encoding = e;
            enc = found;
        }
        if (fd != 2) {
            if (colon != std::string_view::npos && colon + 1 < v.size())
                errors = v.substr(colon + 1);
            else if (!e.empty())
                errors = "strict";
        }
    }
    bool line_buffering = !unbuffered && (fd == 2 || buffered_isatty(b));
    TextFile* tf = text_new(vm, b, intern(vm, writable ? "w" : "r"), str_new(vm, encoding), enc, str_new(vm, errors),
                            str_value(vm, "\n"), NewlineMode::LF, line_buffering, unbuffered);
    return Value::from_object(tf);
}

void io_flush_std_streams(VM& vm)
{
    Module* sys = vm.interp ? interp(vm).sys_module : nullptr;
    if (sys && sys->dict) {
        String* streams[2] = { names.stdout, names.stderr };
        for (String* name : streams) {
            Value s = dict_get_str(vm, sys->dict, name);
            if (s.is_null()) {
                vm.clear_error();
                continue;
            }
            if (s.is_not_found() || is_none(s))
                continue;
            if (io_is_textio(s) && static_cast<TextFile*>(s.as_object())->buffer &&
                (static_cast<TextFile*>(s.as_object())->buffer->fflags & FF_CLOSED))
                continue;
            if (call_method(vm, s, names.flush, nullptr, 0).is_null())
                report_unraisable(vm, s);
        }
    }
    flush_all_files(vm, true);
}

void io_flush_io(VM& vm)
{
    Module* sys = vm.interp ? interp(vm).sys_module : nullptr;
    if (!sys || !sys->dict)
        return;
    Value saved = vm.take_error();
    String* streams[2] = { names.stderr, names.stdout };
    for (String* name : streams) {
        Value s = dict_get_str(vm, sys->dict, name);
        if (!s.is_null() && !s.is_not_found() && !is_none(s))
            (void)call_method(vm, s, names.flush, nullptr, 0);
        vm.clear_error();
    }
    if (!saved.is_null())
        vm.restore_error(saved);
}

namespace {

// open_code(path): the file opened for reading in binary mode (no hooks in slpy).
Value io_open_code(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "open_code", args, nargs, kwnames, { "path" }, 1, a))
        return Value::null();
    if (!as_str(a[0]))
        return raise_fmt(vm, exc::TypeError, "open_code() argument 'path' must be str, not %s", type_name(a[0]));
    Value oargs[2] = { a[0], str_value(vm, "rb") };
    return io_open(vm, oargs, 2, nullptr);
}

// text_encoding(encoding, stacklevel=2): "locale" for None (UTF-8 mode is off), else the
// encoding given.
Value io_text_encoding(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "text_encoding", args, nargs, kwnames, { "encoding", "stacklevel" }, 1, a))
        return Value::null();
    if (is_none(a[0]))
        return str_value(vm, "locale");
    return a[0];
}

} // namespace

// The native `_io` module; CPython's own io.py builds `io` (the ABCs IOBase, RawIOBase,
// BufferedIOBase, TextIOBase and their registrations) on top of it.
Module* make_io_module(VM& vm)
{
    setup_io_types(vm);
    IoTypes& st = io_types(vm);
    Module* m = module_new(vm, "_io");
    module_add_functions(vm, m, { { "open", io_open }, { "open_code", io_open_code }, { "text_encoding", io_text_encoding } });
    // io.open is builtins.open in CPython; share the object when builtins exists.
    if (vm.interp && interp(vm).builtins) {
        Value o = dict_get_str(vm, interp(vm).builtins, intern(vm, "open"));
        if (!o.is_null() && !o.is_not_found())
            module_add(vm, m, "open", o);
        else
            vm.clear_error();
    }
    module_add(vm, m, "_IOBase", Value::from_object(st.iobase));
    module_add(vm, m, "_RawIOBase", Value::from_object(st.raw_iobase));
    module_add(vm, m, "_BufferedIOBase", Value::from_object(st.buffered_iobase));
    module_add(vm, m, "_TextIOBase", Value::from_object(st.text_iobase));
    module_add(vm, m, "TextIOWrapper", Value::from_object(st.text_io));
    module_add(vm, m, "BufferedReader", Value::from_object(st.buffered_reader));
    module_add(vm, m, "BufferedWriter", Value::from_object(st.buffered_writer));
    module_add(vm, m, "BufferedRandom", Value::from_object(st.buffered_random));
    module_add(vm, m, "BufferedRWPair", Value::from_object(st.rwpair));
    module_add(vm, m, "FileIO", Value::from_object(st.file_io));
    module_add(vm, m, "StringIO", Value::from_object(st.string_io));
    module_add(vm, m, "BytesIO", Value::from_object(st.bytes_io));
    module_add(vm, m, "IncrementalNewlineDecoder", Value::from_object(st.newline_decoder));
    module_add(vm, m, "UnsupportedOperation", Value::from_object(st.unsupported_operation));
    module_add(vm, m, "BlockingIOError", Value::from_object(exc::BlockingIOError));
    module_add(vm, m, "DEFAULT_BUFFER_SIZE", Value::small_int(kIoDefaultBufferSize));
    return m;
}

} // namespace slpy
