// io.BytesIO: an in-memory binary stream with CPython's semantics: positions may go past
// the end (a write there pads with NUL bytes), truncate does not move the position, and
// every operation on a closed stream raises "I/O operation on closed file.".
//
// The bytes are kept in malloc'd memory (freed by the finalizer). getbuffer() lends them
// as a writable memoryview, through a small _io._BytesIOBuffer exporter as in CPython
// (objects/buffer.h); while such a view lives, every operation that could resize or free
// the buffer (write, truncate, close, __init__, __setstate__) raises BufferError.
#include "stackless/modules/io_internal.h"

#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/str_internal.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstring>
#include <string>

namespace slpy {


// object.__dict__'s getter and setter (objects/object_methods.cpp).
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

namespace {

struct BytesIOObject : Object {
    Dict* dict; // instance __dict__ (CPython's BytesIO has one, so attributes may be set)
    std::string* buf;
    size_t pos; // may be past the end
    bool closed;
    BufferExports exports; // views made by getbuffer() (counted on this, not on the _BytesIOBuffer)
};

// _io._BytesIOBuffer: what getbuffer()'s memoryview views. It exports its BytesIO's bytes
// and counts the export on the BytesIO.
struct BytesIOBuffer : Object {
    BytesIOObject* source;
};

void bio_buffer_trace(Object* o, Tracer& t) { t.visit(static_cast<BytesIOBuffer*>(o)->source); }

bool bio_buffer_get(Object* self, BufferInfo& out)
{
    BytesIOObject* b = static_cast<BytesIOBuffer*>(self)->source;
    if (!b || !b->buf)
        return false;
    out.data = reinterpret_cast<unsigned char*>(b->buf->data());
    out.size = b->buf->size();
    out.readonly = false;
    out.itemsize = 1;
    out.format[0] = 'B';
    out.format[1] = 0;
    return true;
}

BufferExports* bio_buffer_exports(Object* self)
{
    BytesIOObject* b = static_cast<BytesIOBuffer*>(self)->source;
    return b ? &b->exports : nullptr;
}

constexpr BufferProcs kBytesIOBuffer = { bio_buffer_get, bio_buffer_exports };

// The _BytesIOBuffer type, per VM as the other io types.
char const kBytesIOBufferKey = 0;
struct BytesIOBufferState : VM::ModuleState {
    TypeObject* type = nullptr;
    void trace(Tracer& t) override { t.visit(type); }
};

// CPython's CHECK_EXPORTS: false with BufferError pending while getbuffer() views live.
bool check_exports(VM& vm, BytesIOObject* b) { return buffer_can_resize(vm, b->exports); }

void bio_trace(Object* o, Tracer& t) { t.visit(static_cast<BytesIOObject*>(o)->dict); }

void bio_finalize(Object* o)
{
    auto* b = static_cast<BytesIOObject*>(o);
    delete b->buf;
    b->buf = nullptr;
}

BytesIOObject* self_bio(Value v) { return static_cast<BytesIOObject*>(v.as_object()); }

bool check_open(VM& vm, BytesIOObject* b)
{
    if (b->closed || !b->buf) {
        raise(vm, exc::ValueError, b->closed ? "I/O operation on closed file." : "I/O operation on uninitialized object");
        return false;
    }
    return true;
}

Value bytes_value(VM& vm, std::string_view data)
{
    Bytes* r = bytes_new(vm, data);
    return r ? Value::from_object(r) : Value::null();
}

// The bytes of a bytes-like object (any buffer exporter), copied.
bool bytes_like(VM& vm, Value v, std::string& out)
{
    std::string_view data;
    if (!get_bytes_like(v, data)) {
        raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
        return false;
    }
    return vm.heap.assign_buffer(out, data);
}

// A size argument: None or -1 (or any negative) means "all".
bool size_arg(VM& vm, Value v, int64_t& out)
{
    out = -1;
    if (v.is_null() || is_none(v))
        return true;
    return index_i64(vm, v, out);
}

// The next `size` bytes (all when negative) from the position.
std::string_view take(BytesIOObject* b, int64_t size)
{
    std::string const& s = *b->buf;
    if (b->pos >= s.size())
        return {};
    size_t avail = s.size() - b->pos;
    size_t n = size < 0 || size_t(size) > avail ? avail : size_t(size);
    std::string_view r(s.data() + b->pos, n);
    b->pos += n;
    return r;
}

std::string_view take_line(BytesIOObject* b, int64_t limit)
{
    std::string const& s = *b->buf;
    if (b->pos >= s.size())
        return {};
    size_t nl = s.find('\n', b->pos);
    size_t end = nl == std::string::npos ? s.size() : nl + 1;
    if (limit >= 0 && end - b->pos > size_t(limit))
        end = b->pos + size_t(limit);
    std::string_view r(s.data() + b->pos, end - b->pos);
    b->pos = end;
    return r;
}

#define SLPY_BIO_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_BIO_METHOD(bio_new)
{
    auto* cls = args[0].as<TypeObject>();
    auto* b = static_cast<BytesIOObject*>(alloc_instance(vm, cls));
    if (!b)
        return Value::null();
    b->buf = new std::string();
    return Value::from_object(b);
}

// __init__(initial_bytes=b'')
SLPY_BIO_METHOD(bio_init)
{
    Value a[2];
    if (!parse_args(vm, "BytesIO", args, nargs, kwnames, { "self", "initial_bytes" }, 1, a, 1))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_exports(vm, b))
        return Value::null();
    if (!b->buf)
        b->buf = new std::string();
    std::string init;
    if (!a[1].is_null() && !is_none(a[1]) && !bytes_like(vm, a[1], init))
        return Value::null();
    *b->buf = std::move(init);
    b->pos = 0;
    b->closed = false;
    return py_none();
}

SLPY_BIO_METHOD(bio_read)
{
    Value a[2];
    int64_t size;
    if (!parse_args(vm, "read", args, nargs, kwnames, { "self", "size" }, 1, a, 2) || !size_arg(vm, a[1], size))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    return bytes_value(vm, take(b, size));
}

SLPY_BIO_METHOD(bio_readline)
{
    Value a[2];
    int64_t size;
    if (!parse_args(vm, "readline", args, nargs, kwnames, { "self", "size" }, 1, a, 2) || !size_arg(vm, a[1], size))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    return bytes_value(vm, take_line(b, size));
}

SLPY_BIO_METHOD(bio_readlines)
{
    Value a[2];
    int64_t hint;
    if (!parse_args(vm, "readlines", args, nargs, kwnames, { "self", "hint" }, 1, a, 2) || !size_arg(vm, a[1], hint))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    int64_t total = 0;
    for (;;) {
        std::string_view line = take_line(b, -1);
        if (line.empty())
            break;
        Value v = bytes_value(vm, line);
        if (v.is_null() || !list_append(vm, out, v))
            return Value::null();
        total += int64_t(line.size());
        if (hint > 0 && total >= hint)
            break;
    }
    return Value::from_object(out);
}

SLPY_BIO_METHOD(bio_readinto)
{
    Value a[2];
    if (!parse_args(vm, "readinto", args, nargs, kwnames, { "self", "buffer" }, 2, a, 2))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    BufferInfo into;
    if (!get_buffer(a[1], into) || into.readonly)
        return raise_fmt(vm, exc::TypeError, "readinto() argument must be read-write bytes-like object, not %s", type_name(a[1]));
    std::string_view got = take(b, int64_t(into.size));
    if (!got.empty())
        std::memmove(into.data, got.data(), got.size());
    return Value::small_int(int64_t(got.size()));
}

SLPY_BIO_METHOD(bio_write)
{
    Value a[2];
    if (!parse_args(vm, "write", args, nargs, kwnames, { "self", "b" }, 2, a, 2))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b) || !check_exports(vm, b))
        return Value::null();
    std::string data;
    if (!bytes_like(vm, a[1], data))
        return Value::null();
    std::string& s = *b->buf;
    if (!data.empty()) {
        if (b->pos > s.size())
            s.resize(b->pos, '\0');
        s.replace(b->pos, std::min(data.size(), s.size() - b->pos), data);
        b->pos += data.size();
    }
    return int_from_i64(vm, int64_t(data.size()));
}

SLPY_BIO_METHOD(bio_writelines)
{
    Value a[2];
    if (!parse_args(vm, "writelines", args, nargs, kwnames, { "self", "lines" }, 2, a, 2))
        return Value::null();
    if (!check_open(vm, self_bio(args[0])))
        return Value::null();
    Value it = TRY(get_iter(vm, a[1]));
    for (;;) {
        Value line = TRY(iter_next(vm, it));
        if (line.is_stop_iteration())
            return py_none();
        Value wargs[2] = { args[0], line };
        TRY(bio_write(vm, wargs, 2, nullptr));
    }
}

SLPY_BIO_METHOD(bio_seek)
{
    Value a[3];
    int64_t pos, whence = 0;
    if (!parse_args(vm, "seek", args, nargs, kwnames, { "self", "pos", "whence" }, 2, a, 3) || !index_i64(vm, a[1], pos) ||
        (!a[2].is_null() && !index_i64(vm, a[2], whence)))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    if (whence < 0 || whence > 2)
        return raise_fmt(vm, exc::ValueError, "invalid whence (%lld, should be 0, 1 or 2)", static_cast<long long>(whence));
    if (whence == 0 && pos < 0)
        return raise_fmt(vm, exc::ValueError, "negative seek value %lld", static_cast<long long>(pos));
    int64_t base = whence == 0 ? 0 : whence == 1 ? int64_t(b->pos) : int64_t(b->buf->size());
    int64_t target = base + pos;
    b->pos = target < 0 ? 0 : size_t(target);
    return int_from_i64(vm, int64_t(b->pos));
}

SLPY_BIO_METHOD(bio_tell)
{
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    return int_from_i64(vm, int64_t(b->pos));
}

SLPY_BIO_METHOD(bio_truncate)
{
    Value a[2];
    if (!parse_args(vm, "truncate", args, nargs, kwnames, { "self", "size" }, 1, a, 2))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b) || !check_exports(vm, b))
        return Value::null();
    int64_t size = int64_t(b->pos);
    if (!a[1].is_null() && !is_none(a[1]) && !index_i64(vm, a[1], size))
        return Value::null();
    if (size < 0)
        return raise_fmt(vm, exc::ValueError, "negative size value %lld", static_cast<long long>(size));
    if (size_t(size) < b->buf->size())
        b->buf->resize(size_t(size));
    return int_from_i64(vm, size);
}

SLPY_BIO_METHOD(bio_getvalue)
{
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    return bytes_value(vm, *b->buf);
}

// __getstate__(): (value, position, instance __dict__ copy or None), for pickle and copy.
SLPY_BIO_METHOD(bio_getstate)
{
    if (!check_no_kwargs(vm, "__getstate__", kwnames) || !check_nargs(vm, "__getstate__", nargs - 1, 0, 0))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    Value value = TRY(bytes_value(vm, *b->buf));
    Value pos = TRY(int_from_i64(vm, int64_t(b->pos)));
    Value dict = py_none();
    if (Dict* d = instance_dict(vm, b, false); d && d->used)
        dict = TRY(Value::from_object(dict_copy(vm, d)));
    Tuple* t = tuple_pack(vm, { value, pos, dict });
    return t ? Value::from_object(t) : Value::null();
}

// __setstate__((value, position, dict)): CPython's checks and messages.
SLPY_BIO_METHOD(bio_setstate)
{
    if (!check_no_kwargs(vm, "__setstate__", kwnames) || !check_nargs(vm, "__setstate__", nargs - 1, 1, 1))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (b->closed)
        return raise(vm, exc::ValueError, "I/O operation on closed file.");
    Tuple* state = as_tuple(args[1]);
    if (!state || state->size < 3)
        return raise_fmt(vm, exc::TypeError, "%s.__setstate__ argument should be 3-tuple, got %s", type_name(args[0]),
                         type_name(args[1]));
    if (!check_exports(vm, b))
        return Value::null();
    std::string data;
    if (!bytes_like(vm, state->items[0], data))
        return Value::null();
    Value pos_value = state->items[1];
    if (!is_instance_fast(pos_value, types.int_))
        return raise_fmt(vm, exc::TypeError, "second item of state must be an integer, not %s", type_name(pos_value));
    int64_t pos;
    if (!index_ssize(vm, pos_value, pos))
        return Value::null();
    if (pos < 0)
        return raise(vm, exc::ValueError, "position value cannot be negative");
    Value dict = state->items[2];
    Dict* d = nullptr;
    if (!is_none(dict)) {
        d = as_dict(dict);
        if (!d)
            return raise_fmt(vm, exc::TypeError, "third item of state should be a dict, got a %s", type_name(dict));
    }
    if (!b->buf)
        b->buf = new std::string();
    b->buf->swap(data);
    b->pos = size_t(pos);
    // The attributes go through setattr: a plain BytesIO has no __dict__, a subclass has.
    if (d) {
        size_t it = 0;
        Value k, v;
        while (dict_next(d, it, k, v)) {
            String* name = as_str(k);
            if (!name)
                return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(k));
            if (!setattr(vm, args[0], name, v))
                return Value::null();
        }
    }
    return py_none();
}

SLPY_BIO_METHOD(bio_getbuffer)
{
    if (!check_no_kwargs(vm, "getbuffer", kwnames) || !check_nargs(vm, "getbuffer", nargs - 1, 0, 0))
        return Value::null();
    BytesIOObject* b = self_bio(args[0]);
    if (!check_open(vm, b))
        return Value::null();
    auto* st = static_cast<BytesIOBufferState*>(vm.module_state(&kBytesIOBufferKey));
    auto* exporter = vm.heap.make<BytesIOBuffer>(st->type);
    if (!exporter)
        return Value::null();
    exporter->source = b;
    return call1(vm, Value::from_object(types.memoryview), Value::from_object(exporter));
}

SLPY_BIO_METHOD(bio_close)
{
    BytesIOObject* b = self_bio(args[0]);
    if (!check_exports(vm, b))
        return Value::null();
    b->closed = true;
    return py_none();
}

SLPY_BIO_METHOD(bio_true)
{
    if (!check_open(vm, self_bio(args[0])))
        return Value::null();
    return py_true();
}

SLPY_BIO_METHOD(bio_false)
{
    if (!check_open(vm, self_bio(args[0])))
        return Value::null();
    return py_false();
}

SLPY_BIO_METHOD(bio_flush)
{
    if (!check_open(vm, self_bio(args[0])))
        return Value::null();
    return py_none();
}

SLPY_BIO_METHOD(bio_fileno) { return raise_unsupported(vm, "fileno"); }

SLPY_BIO_METHOD(bio_enter)
{
    if (!check_open(vm, self_bio(args[0])))
        return Value::null();
    return args[0];
}

SLPY_BIO_METHOD(bio_exit) { return bio_close(vm, args, 1, nullptr); }

Value bio_iternext(VM& vm, Value self)
{
    BytesIOObject* b = self_bio(self);
    if (!check_open(vm, b))
        return Value::null();
    std::string_view line = take_line(b, -1);
    if (line.empty())
        return Value::stop_iteration();
    return bytes_value(vm, line);
}

SLPY_BIO_METHOD(bio_iter)
{
    if (!check_open(vm, self_bio(args[0])))
        return Value::null();
    return args[0];
}

SLPY_BIO_METHOD(bio_next) { return next_from_iternext(vm, args[0], bio_iternext); }

SLPY_BIO_METHOD(bio_get_closed) { return py_bool(self_bio(args[0])->closed); }

#undef SLPY_BIO_METHOD

} // namespace

void setup_bytesio_type(VM& vm)
{
    IoTypes& st = io_types(vm);
    if (st.bytes_io)
        return;
    setup_base_types(vm);
    TypeObject* t = make_builtin_type(vm, "BytesIO", st.buffered_iobase, sizeof(BytesIOObject),
                                      TF_BASETYPE | TF_LAYOUT_DICT | TF_LAYOUT_WEAKREF, bio_trace, bio_finalize);
    t->dict_offset = offsetof(BytesIOObject, dict);
    set_native_type_module(vm, t, "_io");
    add_methods(vm, t, {
        { "__new__", bio_new, METH_STATIC }, { "__init__", bio_init }, { "read", bio_read }, { "read1", bio_read },
        { "readline", bio_readline }, { "readlines", bio_readlines }, { "readinto", bio_readinto },
        { "readinto1", bio_readinto }, { "write", bio_write }, { "writelines", bio_writelines }, { "seek", bio_seek },
        { "tell", bio_tell }, { "truncate", bio_truncate }, { "getvalue", bio_getvalue }, { "getbuffer", bio_getbuffer }, { "__getstate__", bio_getstate },
        { "__setstate__", bio_setstate },
        { "close", bio_close }, { "readable", bio_true }, { "writable", bio_true }, { "seekable", bio_true },
        { "isatty", bio_false }, { "flush", bio_flush }, { "fileno", bio_fileno }, { "__enter__", bio_enter },
        { "__exit__", bio_exit }, { "__iter__", bio_iter }, { "__next__", bio_next },
    });
    add_getsets(vm, t, { { "closed", bio_get_closed }, { "__dict__", instance_dict_get, instance_dict_set } });
    t->iternext = bio_iternext;
    finish_builtin_type(vm, t);
    st.bytes_io = t;

    auto state = std::make_unique<BytesIOBufferState>();
    state->type = make_builtin_type(vm, "_BytesIOBuffer", nullptr, sizeof(BytesIOBuffer), 0, bio_buffer_trace);
    state->type->buffer = &kBytesIOBuffer;
    set_native_type_module(vm, state->type, "_io");
    finish_builtin_type(vm, state->type);
    vm.add_module_state(&kBytesIOBufferKey, std::move(state));
}

} // namespace slpy
