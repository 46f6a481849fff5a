// The abstract bases of CPython's _io: _IOBase, _RawIOBase, _BufferedIOBase and
// _TextIOBase, with the default methods a subclass inherits (CPython's iobase.c,
// bufferedio.c and textio.c base parts). Every default works through the object's own
// methods (readline through read/peek, RawIOBase.read through readinto, ...), so a Python
// subclass that defines only readinto or read gets the rest, and CPython's io.py builds its
// ABCs IOBase/RawIOBase/... on top of these. The concrete native classes (FileIO,
// BufferedReader, TextIOWrapper, ...) inherit from them and override most methods.
//
// Also the per-VM io state (IoState: the type objects of this layer).
#include "stackless/modules/io_internal.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/slice.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstring>

namespace slpy {

namespace {

// The address of this constant is the key of the io state in the VM.
constexpr char kIoStateKey = 0;

struct IoState : VM::ModuleState, IoTypes {
    IoState() = default;
    IoState(IoState const&) = delete;
    // The files outlive this state (they are finalized with the heap, after the module
    // states): they leave the list now, so their finalizers find no head to unlink from.
    ~IoState() override
    {
        while (files.next != &files)
            files.next->leave_file_list();
    }
    void trace(Tracer& t) override
    {
        for (TypeObject* type : { iobase, raw_iobase, buffered_iobase, text_iobase, text_io, buffered_reader, buffered_writer,
                                  buffered_random, file_io, string_io, bytes_io, unsupported_operation, rwpair,
                                  newline_decoder })
            if (type)
                t.visit(type);
    }
};

String* name_of(VM& vm, char const* s) { return intern(vm, s); }

// The attribute CPython's _IOBase keeps its closed state in (in the instance dict).
String* closed_key(VM& vm) { return name_of(vm, "__IOBase_closed"); }

// -1 error, 0 open, 1 closed: the `__IOBase_closed` mark set by _IOBase.close.
int base_is_closed(VM& vm, Value self)
{
    Value v = getattr_opt(vm, self, closed_key(vm));
    if (v.is_null())
        return -1;
    return v.is_not_found() ? 0 : 1;
}

// self.closed (the property a subclass may override) is true: ValueError.
bool check_closed(VM& vm, Value self)
{
    Value c = getattr(vm, self, name_of(vm, "closed"));
    if (c.is_null())
        return false;
    int t = truthy(vm, c);
    if (t < 0)
        return false;
    if (t) {
        raise(vm, exc::ValueError, "I/O operation on closed file.");
        return false;
    }
    return true;
}


Value bytes_val(VM& vm, std::string_view s)
{
    Bytes* b = bytes_new(vm, s);
    return b ? Value::from_object(b) : Value::null();
}

Value unsupported(VM& vm, char const* what) { return raise_unsupported(vm, what); }

// ---- _IOBase

Value iob_seek(VM& vm, Value const*, size_t, Tuple*) { return unsupported(vm, "seek"); }
Value iob_truncate(VM& vm, Value const*, size_t, Tuple*) { return unsupported(vm, "truncate"); }
Value iob_fileno(VM& vm, Value const*, size_t, Tuple*) { return unsupported(vm, "fileno"); }

Value iob_tell(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "tell", kwnames) || !check_nargs(vm, "tell", nargs - 1, 0, 0))
        return Value::null();
    Value a[2] = { Value::small_int(0), Value::small_int(1) };
    return call_method(vm, args[0], name_of(vm, "seek"), a, 2);
}

Value iob_flush(VM& vm, Value const* args, size_t, Tuple*)
{
    int c = base_is_closed(vm, args[0]);
    if (c < 0)
        return Value::null();
    if (c)
        return raise(vm, exc::ValueError, "I/O operation on closed file.");
    return py_none();
}

Value iob_close(VM& vm, Value const* args, size_t, Tuple*)
{
    Value self = args[0];
    int c = base_is_closed(vm, self);
    if (c < 0)
        return Value::null();
    if (c)
        return py_none();
    Value r = call_method(vm, self, names.flush, nullptr, 0);
    // Closed even when the flush failed, as CPython; the flush error wins.
    Value saved = r.is_null() ? vm.take_error() : Value::null();
    if (!setattr(vm, self, closed_key(vm), py_true()))
        return Value::null();
    if (!saved.is_null()) {
        vm.restore_error(saved);
        return Value::null();
    }
    return py_none();
}

// _IOBase.__del__ (CPython's iobase_finalize), run by the collector's finalizer queue
// (stackless/modules/gc.cpp) when the stream is unreachable: an open stream is closed.
// As in CPython 3.11 outside dev mode, an error of close() (or of reading `closed`) is
// dropped.
Value iob_finalize(VM& vm, Value const* args, size_t, Tuple*)
{
    Value self = args[0];
    Value closed = getattr_opt(vm, self, name_of(vm, "closed"));
    int is_closed = closed.is_null() || closed.is_not_found() ? -1 : truthy(vm, closed);
    if (is_closed == 0 && call_method(vm, self, name_of(vm, "close"), nullptr, 0).is_null())
        is_closed = -1;
    if (is_closed < 0)
        vm.clear_error();
    return py_none();
}

Value iob_get_closed(VM& vm, Value const* args, size_t, Tuple*)
{
    int c = base_is_closed(vm, args[0]);
    return c < 0 ? Value::null() : py_bool(c);
}

Value iob_false(VM&, Value const*, size_t, Tuple*) { return py_false(); }

Value iob_check_closed(VM& vm, Value const* args, size_t, Tuple*)
{
    return check_closed(vm, args[0]) ? py_none() : Value::null();
}
Value iob_check_seekable(VM& vm, Value const* args, size_t, Tuple*)
{
    return io_check_capability(vm, args[0], "seekable", "File or stream is not seekable.") ? py_none() : Value::null();
}
Value iob_check_readable(VM& vm, Value const* args, size_t, Tuple*)
{
    return io_check_capability(vm, args[0], "readable", "File or stream is not readable.") ? py_none() : Value::null();
}
Value iob_check_writable(VM& vm, Value const* args, size_t, Tuple*)
{
    return io_check_capability(vm, args[0], "writable", "File or stream is not writable.") ? py_none() : Value::null();
}

Value iob_isatty(VM& vm, Value const* args, size_t, Tuple*)
{
    return check_closed(vm, args[0]) ? py_false() : Value::null();
}

Value iob_enter(VM& vm, Value const* args, size_t, Tuple*)
{
    return check_closed(vm, args[0]) ? args[0] : Value::null();
}

Value iob_exit(VM& vm, Value const* args, size_t, Tuple*)
{
    return call_method(vm, args[0], name_of(vm, "close"), nullptr, 0);
}

Value iob_iter(VM& vm, Value const* args, size_t, Tuple*)
{
    return check_closed(vm, args[0]) ? args[0] : Value::null();
}

Value iob_iternext(VM& vm, Value self)
{
    Value line = TRY(call_method(vm, self, name_of(vm, "readline"), nullptr, 0));
    int64_t n;
    if (!length(vm, line, n))
        return Value::null();
    return n == 0 ? Value::stop_iteration() : line;
}

Value iob_next(VM& vm, Value const* args, size_t, Tuple*) { return next_from_iternext(vm, args[0], iob_iternext); }

// readline(size=-1): bytes up to and including b'\n', through peek() when the object has
// it (to read the whole line in one call) and read() otherwise.
Value iob_readline(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value self = args[0];
    int64_t limit;
    if (!io_size_arg(vm, "readline", args, nargs, kwnames, limit))
        return Value::null();
    Value peek = TRY(getattr_opt(vm, self, name_of(vm, "peek")));
    std::string res;
    while (limit < 0 || int64_t(res.size()) < limit) {
        int64_t nreadahead = 1;
        if (!peek.is_not_found()) {
            Value one = Value::small_int(1);
            Value ahead = TRY(call(vm, peek, &one, 1));
            Bytes* b = as_bytes(ahead);
            if (!b)
                return raise_fmt(vm, exc::OSError, "peek() should have returned a bytes object, not '%s'", type_name(ahead));
            if (b->size) {
                size_t n = 0;
                while (n < b->size && (limit < 0 || int64_t(n) < limit - int64_t(res.size()))) {
                    if (b->data[n++] == '\n')
                        break;
                }
                nreadahead = int64_t(n);
            }
        }
        Value na = Value::small_int(nreadahead);
        Value got = TRY(call_method(vm, self, name_of(vm, "read"), &na, 1));
        if (is_none(got))
            break;
        Bytes* b = as_bytes(got);
        if (!b)
            return raise_fmt(vm, exc::OSError, "read() should have returned a bytes object, not '%s'", type_name(got));
        if (b->size == 0)
            break;
        res.append(b->view());
        if (res.back() == '\n')
            break;
    }
    return bytes_val(vm, res);
}

Value iob_readlines(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t hint;
    if (!io_size_arg(vm, "readlines", args, nargs, kwnames, hint))
        return Value::null();
    Value it = TRY(get_iter(vm, args[0]));
    List* lines = list_new(vm);
    if (!lines)
        return Value::null();
    int64_t total = 0;
    for (;;) {
        Value line = iter_next(vm, it);
        if (line.is_null())
            return line;
        if (line.is_stop_iteration())
            break;
        if (!list_append(vm, lines, line))
            return Value::null();
        if (hint > 0) {
            int64_t n;
            if (!length(vm, line, n))
                return Value::null();
            total += n;
            if (total >= hint)
                break;
        }
    }
    return Value::from_object(lines);
}

Value iob_writelines(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "writelines", kwnames) || !check_nargs(vm, "writelines", nargs - 1, 1, 1))
        return Value::null();
    if (!check_closed(vm, args[0]))
        return Value::null();
    Value it = TRY(get_iter(vm, args[1]));
    String* write = name_of(vm, "write");
    for (;;) {
        Value line = iter_next(vm, it);
        if (line.is_null())
            return line;
        if (line.is_stop_iteration())
            break;
        TRY(call_method(vm, args[0], write, &line, 1));
    }
    return py_none();
}

// ---- _RawIOBase

Value not_implemented(VM& vm, Value const*, size_t, Tuple*) { return raise_with_args(vm, exc::NotImplementedError, empty_tuple()); }

// readall(): read(DEFAULT_BUFFER_SIZE) until b'' (or None with nothing read yet).
Value raw_readall(VM& vm, Value const* args, size_t, Tuple*)
{
    std::string all;
    String* read = name_of(vm, "read");
    for (;;) {
        Value n = Value::small_int(kIoDefaultBufferSize);
        Value got = TRY(call_method(vm, args[0], read, &n, 1));
        if (is_none(got)) {
            if (all.empty())
                return got;
            break;
        }
        Bytes* b = as_bytes(got);
        if (!b)
            return raise(vm, exc::TypeError, "read() should return bytes");
        if (b->size == 0)
            break;
        all.append(b->view());
    }
    return bytes_val(vm, all);
}

// read(size=-1): readall() for a negative size, else readinto() a fresh bytearray.
Value raw_read(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t n;
    if (!io_size_arg(vm, "read", args, nargs, kwnames, n))
        return Value::null();
    if (n < 0)
        return call_method(vm, args[0], name_of(vm, "readall"), nullptr, 0);
    ByteArray* buf = bytearray_new(vm, std::string(size_t(n), '\0'));
    if (!buf)
        return Value::null();
    Value bv = Value::from_object(buf);
    Value r = TRY(call_method(vm, args[0], name_of(vm, "readinto"), &bv, 1));
    if (is_none(r))
        return r;
    int64_t got;
    if (!index_i64(vm, r, got))
        return Value::null();
    if (got < 0 || got > int64_t(buf->size))
        return raise_fmt(vm, exc::ValueError, "readinto returned %lld outside buffer size %lld", (long long)got,
                         (long long)buf->size);
    return bytes_val(vm, std::string_view(reinterpret_cast<char const*>(buf->data()), size_t(got)));
}

// ---- _BufferedIOBase

Value bio_read(VM& vm, Value const*, size_t, Tuple*) { return unsupported(vm, "read"); }
Value bio_read1(VM& vm, Value const*, size_t, Tuple*) { return unsupported(vm, "read1"); }
Value bio_write(VM& vm, Value const*, size_t, Tuple*) { return unsupported(vm, "write"); }
Value bio_detach(VM& vm, Value const*, size_t, Tuple*) { return unsupported(vm, "detach"); }

// readinto(b) / readinto1(b): data = self.read(len(b)) (read1), copied to the front of b.
Value bio_readinto_with(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* fname, char const* method)
{
    if (!check_no_kwargs(vm, fname, kwnames) || !check_nargs(vm, fname, nargs - 1, 1, 1))
        return Value::null();
    Value target = args[1];
    int64_t len;
    if (!length(vm, target, len))
        return Value::null();
    Value n = Value::small_int(len);
    Value data = TRY(call_method(vm, args[0], name_of(vm, method), &n, 1));
    Bytes* b = as_bytes(data);
    if (!b)
        return raise(vm, exc::TypeError, "read() should return bytes");
    if (int64_t(b->size) > len)
        return raise_fmt(vm, exc::ValueError, "read() returned too much data: %lld bytes requested, %lld returned",
                         (long long)len, (long long)b->size);
    Value sl = TRY(slice_new(vm, Value::small_int(0), Value::small_int(int64_t(b->size)), py_none()));
    if (!setitem(vm, target, sl, data))
        return Value::null();
    return Value::small_int(int64_t(b->size));
}

Value bio_readinto(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return bio_readinto_with(vm, args, nargs, kwnames, "readinto", "read");
}
Value bio_readinto1(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return bio_readinto_with(vm, args, nargs, kwnames, "readinto1", "read1");
}

// ---- _TextIOBase

Value tio_none(VM&, Value const*, size_t, Tuple*) { return py_none(); }

TypeObject* make_base(VM& vm, char const* name, TypeObject* base)
{
    TypeObject* t = make_builtin_type(vm, name, base, sizeof(Object), TF_BASETYPE);
    set_native_type_module(vm, t, "_io");
    return t;
}

} // namespace

IoTypes& io_types(VM& vm)
{
    if (auto* s = vm.module_state(&kIoStateKey))
        return *static_cast<IoState*>(s);
    return *static_cast<IoState*>(vm.add_module_state(&kIoStateKey, std::make_unique<IoState>()));
}

bool is_io_layout(TypeObject* t, TraceFn trace)
{
    for (; t; t = t->base)
        if (t->trace == trace)
            return true;
    return false;
}

void setup_base_types(VM& vm)
{
    IoTypes& st = io_types(vm);
    if (st.iobase)
        return;
    TypeObject* iob = make_base(vm, "_IOBase", nullptr);
    add_methods(vm, iob, {
        { "seek", iob_seek }, { "tell", iob_tell }, { "truncate", iob_truncate }, { "flush", iob_flush },
        { "close", iob_close }, { "seekable", iob_false }, { "readable", iob_false }, { "writable", iob_false },
        { "_checkClosed", iob_check_closed }, { "_checkSeekable", iob_check_seekable },
        { "_checkReadable", iob_check_readable }, { "_checkWritable", iob_check_writable },
        { "fileno", iob_fileno }, { "isatty", iob_isatty }, { "__enter__", iob_enter }, { "__exit__", iob_exit },
        { "__iter__", iob_iter }, { "__next__", iob_next }, { "readline", iob_readline },
        { "readlines", iob_readlines }, { "writelines", iob_writelines }, { "__del__", iob_finalize },
    });
    add_getsets(vm, iob, { { "closed", iob_get_closed } });
    finish_builtin_type(vm, iob);
    st.iobase = iob;

    TypeObject* raw = make_base(vm, "_RawIOBase", iob);
    add_methods(vm, raw, {
        { "read", raw_read }, { "readall", raw_readall }, { "readinto", not_implemented }, { "write", not_implemented },
    });
    finish_builtin_type(vm, raw);
    st.raw_iobase = raw;

    TypeObject* buf = make_base(vm, "_BufferedIOBase", iob);
    add_methods(vm, buf, {
        { "read", bio_read }, { "read1", bio_read1 }, { "write", bio_write }, { "detach", bio_detach },
        { "readinto", bio_readinto }, { "readinto1", bio_readinto1 },
    });
    finish_builtin_type(vm, buf);
    st.buffered_iobase = buf;

    TypeObject* text = make_base(vm, "_TextIOBase", iob);
    add_methods(vm, text, {
        { "read", bio_read }, { "readline", [](VM& vm, Value const*, size_t, Tuple*) { return raise_unsupported(vm, "readline"); } },
        { "write", bio_write }, { "detach", bio_detach },
    });
    add_getsets(vm, text, { { "encoding", tio_none }, { "errors", tio_none }, { "newlines", tio_none } });
    finish_builtin_type(vm, text);
    st.text_iobase = text;

    // io.UnsupportedOperation(OSError, ValueError): a heap class as CPython's
    // PyErr_NewException makes, so io.py can set its __module__ to "io".
    Dict* ns = dict_new(vm);
    Tuple* bases = tuple_pack(vm, { Value::from_object(exc::OSError), Value::from_object(exc::ValueError) });
    if (!ns || !bases || !dict_set_str(vm, ns, names.__module__, str_value(vm, "io")))
        return;
    Value uv = type_new_class(vm, types.type, intern(vm, "UnsupportedOperation"), bases, ns, nullptr, nullptr);
    if (uv.is_null())
        return;
    TypeObject* u = uv.as<TypeObject>();
    st.unsupported_operation = u;
}

// self.<method>() is true, else UnsupportedOperation(message): the capability check
// of _IOBase._check{Seekable,Readable,Writable} and of a buffer wrapping a raw stream.
bool io_check_capability(VM& vm, Value self, char const* method, char const* message)
{
    Value r = TRY_BOOL(call_method(vm, self, name_of(vm, method), nullptr, 0));
    int t = truthy(vm, r);
    if (t < 0)
        return false;
    if (!t) {
        raise_unsupported(vm, message);
        return false;
    }
    return true;
}

} // namespace slpy
