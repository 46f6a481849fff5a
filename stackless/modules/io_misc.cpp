// Two small classes of _io: IncrementalNewlineDecoder (universal newlines over any
// incremental decoder, as TextIOWrapper and codecs' users use it) and BufferedRWPair (a
// reader and a writer raw stream seen as one buffered object).
#include "stackless/modules/io_internal.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

namespace slpy {

Value newlines_value(VM& vm, uint8_t seennl)
{
    char const* kinds[3] = { "\n", "\r", "\r\n" };
    Value seen[3];
    size_t n = 0;
    // CPython's order: '\r', '\n', '\r\n'.
    for (int bit : { 1, 0, 2 })
        if (seennl & (1 << bit))
            seen[n++] = TRY(str_value(vm, kinds[bit]));
    if (n == 0)
        return py_none();
    if (n == 1)
        return seen[0];
    Tuple* t = n == 2 ? tuple_pack(vm, { seen[0], seen[1] }) : tuple_pack(vm, { seen[0], seen[1], seen[2] });
    return t ? Value::from_object(t) : Value::null();
}

uint8_t scan_newlines(std::string_view text)
{
    uint8_t seen = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            bool crlf = i + 1 < text.size() && text[i + 1] == '\n';
            seen |= crlf ? SEEN_CRLF : SEEN_CR;
            i += crlf;
        } else if (text[i] == '\n') {
            seen |= SEEN_LF;
        }
    }
    return seen;
}

namespace {

// ---- IncrementalNewlineDecoder(decoder, translate, errors='strict')

struct NewlineDecoder : Object {
    Value decoder; // an incremental decoder, or None: input is already str
    Value errors;
    bool translate;
    bool pendingcr; // the last text ended with '\r', held back until we know what follows
    bool initialized;
    uint8_t seennl;
};

void nd_trace(Object* o, Tracer& t)
{
    auto* d = static_cast<NewlineDecoder*>(o);
    t.visit(d->decoder);
    t.visit(d->errors);
}

NewlineDecoder* self_nd(VM& vm, Value v)
{
    auto* d = static_cast<NewlineDecoder*>(v.as_object());
    if (!d->initialized) {
        raise(vm, exc::ValueError, "IncrementalNewlineDecoder.__init__() not called");
        return nullptr;
    }
    return d;
}

Value nd_new(VM& vm, Value const* args, size_t, Tuple*)
{
    Object* o = alloc_instance(vm, args[0].as<TypeObject>());
    return o ? Value::from_object(o) : Value::null();
}

Value nd_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "IncrementalNewlineDecoder", args, nargs, kwnames, { "self", "decoder", "translate", "errors" }, 3, a, 1))
        return Value::null();
    int t = truthy(vm, a[2]);
    if (t < 0)
        return Value::null();
    auto* d = static_cast<NewlineDecoder*>(args[0].as_object());
    d->decoder = a[1];
    d->translate = t;
    d->errors = a[3].is_null() ? str_value(vm, "strict") : a[3];
    d->pendingcr = false;
    d->seennl = 0;
    d->initialized = true;
    return py_none();
}

// decode(input, final=False)
Value nd_decode(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "decode", args, nargs, kwnames, { "self", "input", "final" }, 2, a, 1))
        return Value::null();
    NewlineDecoder* d = self_nd(vm, args[0]);
    if (!d)
        return Value::null();
    bool final = false;
    if (!a[2].is_null()) {
        int t = truthy(vm, a[2]);
        if (t < 0)
            return Value::null();
        final = t;
    }
    Value out = a[1];
    if (!is_none(d->decoder)) {
        Value dargs[2] = { a[1], py_bool(final) };
        Tuple* kw = tuple_pack(vm, { str_value(vm, "final") });
        if (!kw)
            return Value::null();
        out = TRY(call_method(vm, d->decoder, intern(vm, "decode"), dargs, 1, kw));
    }
    String* s = as_str(out);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "decoder should return a string result, not '%s'", type_name(out));
    std::string text(s->view());
    if (d->pendingcr && (!text.empty() || final)) {
        text.insert(text.begin(), '\r');
        d->pendingcr = false;
    }
    // A final '\r' may be the first half of '\r\n': keep it for the next call.
    if (!final && !text.empty() && text.back() == '\r') {
        text.pop_back();
        d->pendingcr = true;
    }
    size_t crlf = 0, cr = 0, lf = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++crlf;
                ++i;
            } else {
                ++cr;
            }
        } else if (text[i] == '\n') {
            ++lf;
        }
    }
    d->seennl |= (lf ? SEEN_LF : 0) | (cr ? SEEN_CR : 0) | (crlf ? SEEN_CRLF : 0);
    if (d->translate && (cr || crlf)) {
        std::string t;
        t.reserve(text.size());
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\r') {
                t.push_back('\n');
                if (i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
            } else {
                t.push_back(text[i]);
            }
        }
        text.swap(t);
    }
    if (text.size() == s->byte_length && text == s->view())
        return out;
    return str_value(vm, text);
}

// getstate() -> (buffered bytes, flag): the inner decoder's state with pendingcr as bit 0.
Value nd_getstate(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "getstate", nargs - 1, 0, 0))
        return Value::null();
    NewlineDecoder* d = self_nd(vm, args[0]);
    if (!d)
        return Value::null();
    Bytes* empty = bytes_new(vm, "");
    if (!empty)
        return Value::null();
    Value buffer = Value::from_object(empty);
    int64_t flag = 0;
    if (!is_none(d->decoder)) {
        Value st = TRY(call_method(vm, d->decoder, intern(vm, "getstate"), nullptr, 0));
        Tuple* t = as_tuple(st);
        if (!t || t->size != 2)
            return raise(vm, exc::TypeError, "illegal decoder state");
        buffer = t->items[0];
        if (!index_i64(vm, t->items[1], flag))
            return Value::null();
    }
    flag = (flag << 1) | (d->pendingcr ? 1 : 0);
    Tuple* r = tuple_pack(vm, { buffer, int_from_i64(vm, flag) });
    return r ? Value::from_object(r) : Value::null();
}

Value nd_setstate(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "setstate", nargs - 1, 1, 1))
        return Value::null();
    NewlineDecoder* d = self_nd(vm, args[0]);
    if (!d)
        return Value::null();
    Tuple* t = as_tuple(args[1]);
    if (!t || t->size != 2)
        return raise(vm, exc::TypeError, "state argument must be a tuple");
    int64_t flag;
    if (!index_i64(vm, t->items[1], flag))
        return Value::null();
    d->pendingcr = flag & 1;
    if (!is_none(d->decoder)) {
        Tuple* inner = tuple_pack(vm, { t->items[0], int_from_i64(vm, flag >> 1) });
        if (!inner)
            return Value::null();
        Value iv = Value::from_object(inner);
        TRY(call_method(vm, d->decoder, intern(vm, "setstate"), &iv, 1));
    }
    return py_none();
}

Value nd_reset(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "reset", nargs - 1, 0, 0))
        return Value::null();
    NewlineDecoder* d = self_nd(vm, args[0]);
    if (!d)
        return Value::null();
    d->seennl = 0;
    d->pendingcr = false;
    if (!is_none(d->decoder))
        TRY(call_method(vm, d->decoder, intern(vm, "reset"), nullptr, 0));
    return py_none();
}

// newlines: the kinds of line ending seen so far (None, one str, or a tuple of them).
Value nd_get_newlines(VM& vm, Value const* args, size_t, Tuple*)
{
    NewlineDecoder* d = self_nd(vm, args[0]);
    if (!d)
        return Value::null();
    return newlines_value(vm, d->seennl);
}

// ---- BufferedRWPair(reader, writer, buffer_size=DEFAULT_BUFFER_SIZE)

struct RWPair : Object {
    Value reader; // a BufferedReader over the reader raw stream
    Value writer; // a BufferedWriter over the writer raw stream
};

void rw_trace(Object* o, Tracer& t)
{
    auto* p = static_cast<RWPair*>(o);
    t.visit(p->reader);
    t.visit(p->writer);
}

Value rw_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "BufferedRWPair", args, nargs, kwnames, { "cls", "reader", "writer", "buffer_size" }, 3, a, 1))
        return Value::null();
    IoTypes& st = io_types(vm);
    Value size = a[3].is_null() ? Value::small_int(kIoDefaultBufferSize) : a[3];
    Value ra[2] = { a[1], size };
    Value reader = TRY(call(vm, Value::from_object(st.buffered_reader), ra, 2));
    Value wa[2] = { a[2], size };
    Value writer = TRY(call(vm, Value::from_object(st.buffered_writer), wa, 2));
    auto* p = static_cast<RWPair*>(alloc_instance(vm, a[0].as<TypeObject>()));
    if (!p)
        return Value::null();
    p->reader = reader;
    p->writer = writer;
    return Value::from_object(p);
}

RWPair* self_rw(VM& vm, Value v)
{
    auto* p = static_cast<RWPair*>(v.as_object());
    if (p->reader.is_null()) {
        raise(vm, exc::ValueError, "I/O operation on uninitialized object");
        return nullptr;
    }
    return p;
}

// Forwards method `name` with the caller's arguments to the reader or the writer.
Value rw_forward(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool to_writer)
{
    RWPair* p = self_rw(vm, args[0]);
    if (!p)
        return Value::null();
    return call_method(vm, to_writer ? p->writer : p->reader, intern(vm, name), args + 1, nargs - 1, kwnames);
}

#define SLPY_RW_FORWARD(cname, pyname, to_writer)                                     \
    Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)              \
    {                                                                                 \
        return rw_forward(vm, args, nargs, kwnames, pyname, to_writer);               \
    }
SLPY_RW_FORWARD(rw_read, "read", false)
SLPY_RW_FORWARD(rw_peek, "peek", false)
SLPY_RW_FORWARD(rw_read1, "read1", false)
SLPY_RW_FORWARD(rw_readinto, "readinto", false)
SLPY_RW_FORWARD(rw_readinto1, "readinto1", false)
SLPY_RW_FORWARD(rw_readable, "readable", false)
SLPY_RW_FORWARD(rw_write, "write", true)
SLPY_RW_FORWARD(rw_flush, "flush", true)
SLPY_RW_FORWARD(rw_writable, "writable", true)
#undef SLPY_RW_FORWARD

// isatty(): either side is a terminal.
Value rw_isatty(VM& vm, Value const* args, size_t, Tuple*)
{
    RWPair* p = self_rw(vm, args[0]);
    if (!p)
        return Value::null();
    Value w = TRY(call_method(vm, p->writer, intern(vm, "isatty"), nullptr, 0));
    int t = truthy(vm, w);
    if (t < 0)
        return Value::null();
    if (t)
        return w;
    return call_method(vm, p->reader, intern(vm, "isatty"), nullptr, 0);
}

// close(): the writer, then the reader, even when the first fails; the first error wins.
Value rw_close(VM& vm, Value const* args, size_t, Tuple*)
{
    RWPair* p = self_rw(vm, args[0]);
    if (!p)
        return Value::null();
    Value r = call_method(vm, p->writer, intern(vm, "close"), nullptr, 0);
    Value saved = r.is_null() ? vm.take_error() : Value::null();
    Value r2 = call_method(vm, p->reader, intern(vm, "close"), nullptr, 0);
    if (!saved.is_null()) {
        vm.clear_error();
        vm.restore_error(saved);
        return Value::null();
    }
    return r2.is_null() ? r2 : py_none();
}

Value rw_get_closed(VM& vm, Value const* args, size_t, Tuple*)
{
    RWPair* p = self_rw(vm, args[0]);
    if (!p)
        return Value::null();
    return getattr(vm, p->writer, intern(vm, "closed"));
}

} // namespace

void setup_misc_types(VM& vm)
{
    IoTypes& st = io_types(vm);
    if (st.newline_decoder)
        return;
    setup_base_types(vm);
    TypeObject* nd = make_builtin_type(vm, "IncrementalNewlineDecoder", nullptr, sizeof(NewlineDecoder), TF_BASETYPE,
                                       nd_trace);
    set_native_type_module(vm, nd, "_io");
    add_methods(vm, nd, {
        { "__new__", nd_new, METH_STATIC }, { "__init__", nd_init }, { "decode", nd_decode },
        { "getstate", nd_getstate }, { "setstate", nd_setstate }, { "reset", nd_reset },
    });
    add_getsets(vm, nd, { { "newlines", nd_get_newlines } });
    finish_builtin_type(vm, nd);
    st.newline_decoder = nd;

    TypeObject* rw = make_builtin_type(vm, "BufferedRWPair", st.buffered_iobase, sizeof(RWPair), TF_BASETYPE, rw_trace);
    set_native_type_module(vm, rw, "_io");
    add_methods(vm, rw, {
        { "__new__", rw_new, METH_STATIC }, { "read", rw_read }, { "peek", rw_peek }, { "read1", rw_read1 },
        { "readinto", rw_readinto }, { "readinto1", rw_readinto1 }, { "readable", rw_readable },
        { "write", rw_write }, { "flush", rw_flush }, { "writable", rw_writable }, { "isatty", rw_isatty },
        { "close", rw_close },
    });
    add_getsets(vm, rw, { { "closed", rw_get_closed } });
    finish_builtin_type(vm, rw);
    st.rwpair = rw;
}

} // namespace slpy
