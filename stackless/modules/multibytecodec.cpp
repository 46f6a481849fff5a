// _multibytecodec and the _codecs_jp/_cn/_tw/_hk/_kr/_iso2022 modules that CPython's
// encodings/shift_jis.py, gbk.py, iso2022_jp.py, ... import: getcodec(name) gives a
// MultibyteCodec (stateless encode/decode), and the Multibyte{Incremental,Stream}
// {Encoder,Decoder,Reader,Writer} types, which the encodings modules subclass with a
// `codec` class attribute, keep a converter's state between calls. The conversions are
// iconv's (cjk_codecs.cpp); this file gives them CPython's interface: error handlers
// (any registered with codecs.register_error), the UnicodeEncodeError/DecodeError
// positions and reasons ("illegal multibyte sequence", "incomplete multibyte
// sequence"), and the pending bytes of an incremental decoder.
//
// Not done: getstate() of an encoder or decoder cannot export iconv's shift state, so it
// gives the pending bytes with state 0, and setstate() of a non-zero state raises
// NotImplementedError.
#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/cjk_codecs.h"
#include "stackless/modules/data_modules.h"
#include "stackless/modules/runtime_modules.h"

#include <cstring>
#include <string>

namespace slpy {

Value lookup_error_handler(VM& vm, Value name);

namespace {

#define SLPY_C_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

TypeObject* g_codec_type = nullptr;
TypeObject* g_ienc_type = nullptr;
TypeObject* g_idec_type = nullptr;
TypeObject* g_reader_type = nullptr;
TypeObject* g_writer_type = nullptr;

struct MbCodec : Object {
    CjkCodec const* codec;
};

constexpr size_t kMaxPending = 8; // CPython's MAXDECPENDING

// The one layout of the four stateful types (a writer or encoder leaves `pending` empty).
struct MbStateful : Object {
    CjkCodec const* codec;
    Value errors; // a str
    Value stream; // readers and writers
    CjkState state;
    size_t npending;
    unsigned char pending[kMaxPending];
};

void trace_stateful(Object* o, Tracer& t)
{
    auto* s = static_cast<MbStateful*>(o);
    t.visit(s->errors);
    t.visit(s->stream);
}

void finalize_stateful(Object* o) { cjk_close(static_cast<MbStateful*>(o)->state); }

MbStateful* self_of(Value v) { return v.as<MbStateful>(); }

// ------------------------------------------------------------------ error handling

// Whether `v` (an errors argument) is None or a str; its text in `out` ("strict" for None).
bool errors_text(VM& vm, char const* fname, Value v, std::string& out)
{
    if (v.is_null() || is_none(v)) {
        out = "strict";
        return true;
    }
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "%s() argument 'errors' must be str or None, not %s", fname, type_name(v));
        return false;
    }
    out = s->view();
    return true;
}

// The text to encode: a str, or (as CPython) str() of anything else.
String* text_of(VM& vm, Value v)
{
    if (String* s = as_str(v))
        return s;
    Value t = to_str(vm, v);
    return t.is_null() ? nullptr : as_str(t);
}
#define TRY_STR(vm, v)                  \
    ({                                  \
        String* s_ = text_of(vm, v);    \
        if (!s_)                        \
            return Value::null();       \
        s_;                             \
    })

Value make_unicode_error(VM& vm, TypeObject* type, CjkCodec const* codec, Value object, int64_t start, int64_t end,
                         char const* reason)
{
    Value args[5] = { str_value(vm, codec->name), object, Value::small_int(start), Value::small_int(end), str_value(vm, reason) };
    for (Value v : args)
        if (v.is_null())
            return v;
    return call(vm, Value::from_object(type), args, 5);
}

Value raise_unicode_error(VM& vm, TypeObject* type, CjkCodec const* codec, Value object, int64_t start, int64_t end,
                          char const* reason)
{
    Value e = TRY(make_unicode_error(vm, type, codec, object, start, end, reason));
    vm.set_error(e);
    return Value::null();
}

// Runs the registered handler `errors` on an error: its replacement and the position to
// go on from (made absolute and checked against `length`).
bool call_handler(VM& vm, std::string const& errors, TypeObject* type, CjkCodec const* codec, Value object, int64_t length,
                  int64_t start, int64_t end, char const* reason, Value& replacement, int64_t& next)
{
    Value name = str_value(vm, errors);
    if (name.is_null())
        return false;
    Value handler = lookup_error_handler(vm, name);
    if (handler.is_null())
        return false;
    Value e = make_unicode_error(vm, type, codec, object, start, end, reason);
    if (e.is_null())
        return false;
    Value r = call1(vm, handler, e);
    if (r.is_null())
        return false;
    Tuple* t = as_tuple(r);
    bool encoding = type == exc::UnicodeEncodeError;
    if (!t || t->size != 2 || !(as_str(t->items[0]) || (encoding && as_bytes(t->items[0]))) || !is_int(t->items[1])) {
        raise(vm, exc::TypeError, encoding ? "encoding error handler must return (str, int) tuple"
                                           : "decoding error handler must return (str, int) tuple");
        return false;
    }
    replacement = t->items[0];
    if (!index_i64(vm, t->items[1], next)) {
        if (!vm.error_matches(exc::OverflowError))
            return false;
        vm.clear_error(); // as CPython: a position beyond Py_ssize_t reads as -1, out of bounds
        raise(vm, exc::IndexError, "position -1 from error handler out of bounds");
        return false;
    }
    if (next < 0)
        next += length;
    if (next < 0 || next > length) {
        raise_fmt(vm, exc::IndexError, "position %lld from error handler out of bounds", static_cast<long long>(next));
        return false;
    }
    return true;
}

// Encodes text (the UTF-8 of `object`, a str) into `out`, running the error handler on
// what the codec cannot encode; flushes the shift state when `final`.
bool encode_text(VM& vm, CjkCodec const* codec, CjkState& st, String* object, std::string const& errors, bool final,
                 std::string& out)
{
    std::string_view text = object->view();
    size_t pos = 0;
    // The code point index of byte offset `pos`, counted forward from the last error.
    size_t counted_pos = 0, counted_index = 0;
    for (;;) {
        CjkStatus status = cjk_encode(codec, st, text, pos, out);
        if (status == CjkStatus::Done)
            break;
        for (; counted_pos < pos; ++counted_pos)
            if ((static_cast<unsigned char>(text[counted_pos]) & 0xc0) != 0x80)
                ++counted_index;
        int64_t start = int64_t(counted_index), end = start + 1;
        size_t after = pos + 1;
        while (after < text.size() && (static_cast<unsigned char>(text[after]) & 0xc0) == 0x80)
            ++after;
        char const* reason = "illegal multibyte sequence";
        if (errors == "strict")
            return !raise_unicode_error(vm, exc::UnicodeEncodeError, codec, Value::from_object(object), start, end, reason)
                        .is_null();
        if (errors == "ignore" || errors == "replace") {
            if (errors == "replace") {
                size_t qpos = 0;
                (void)cjk_encode(codec, st, "?", qpos, out);
            }
            pos = after;
            continue;
        }
        Value replacement;
        int64_t next;
        if (!call_handler(vm, errors, exc::UnicodeEncodeError, codec, Value::from_object(object), int64_t(object->length), start,
                          end, reason, replacement, next))
            return false;
        if (Bytes* b = as_bytes(replacement)) {
            out += b->view();
        } else {
            // As CPython, a replacement the codec cannot encode fails as its own text.
            if (!encode_text(vm, codec, st, as_str(replacement), "strict", false, out))
                return false;
        }
        pos = str_byte_offset(object, size_t(next));
        counted_pos = pos;
        counted_index = size_t(next);
    }
    if (final)
        cjk_encode_flush(codec, st, out);
    return true;
}

// Decodes `data` (bytes) into UTF-8 `out`, running the error handler on illegal bytes
// and, when `final`, on a truncated sequence at the end; otherwise `consumed` stops
// before it.
bool decode_bytes(VM& vm, CjkCodec const* codec, CjkState& st, Bytes* data, std::string const& errors, bool final,
                  std::string& out, size_t& consumed)
{
    std::string_view in = data->view();
    size_t pos = 0;
    for (;;) {
        CjkStatus status = cjk_decode(codec, st, in, pos, out);
        if (status == CjkStatus::Done)
            break;
        if (status == CjkStatus::Incomplete && !final)
            break;
        int64_t start = int64_t(pos);
        int64_t end = status == CjkStatus::Incomplete ? int64_t(in.size()) : start + 1;
        char const* reason = status == CjkStatus::Incomplete ? "incomplete multibyte sequence" : "illegal multibyte sequence";
        if (errors == "strict")
            return !raise_unicode_error(vm, exc::UnicodeDecodeError, codec, Value::from_object(data), start, end, reason).is_null();
        if (errors == "ignore" || errors == "replace") {
            if (errors == "replace")
                out += "\xef\xbf\xbd";
            pos = size_t(end);
            continue;
        }
        Value replacement;
        int64_t next;
        if (!call_handler(vm, errors, exc::UnicodeDecodeError, codec, Value::from_object(data), int64_t(in.size()), start, end,
                          reason, replacement, next))
            return false;
        out += as_str(replacement)->view();
        pos = size_t(next);
    }
    consumed = pos;
    return true;
}

Value bytes_result(VM& vm, std::string const& out)
{
    Bytes* b = bytes_new(vm, out);
    return b ? Value::from_object(b) : Value::null();
}

// ------------------------------------------------------------------ MultibyteCodec

// Opens a converter for one call; closed when the guard goes.
struct ScopedState {
    CjkState st {};
    ~ScopedState() { cjk_close(st); }
};

bool open_state(VM& vm, CjkCodec const* codec, bool encoder, CjkState& st)
{
    if (cjk_open(codec, encoder, st))
        return true;
    raise_fmt(vm, exc::LookupError, "the C library's iconv has no converter for %s (%s)", codec->name, codec->iconv_name);
    return false;
}

SLPY_C_FN(codec_encode)
{
    Value a[2];
    if (!parse_args(vm, "encode", args + 1, nargs - 1, kwnames, { "input", "errors" }, 1, a))
        return Value::null();
    CjkCodec const* codec = args[0].as<MbCodec>()->codec;
    String* s = TRY_STR(vm, a[0]);
    std::string errors;
    if (!errors_text(vm, "encode", a[1], errors))
        return Value::null();
    ScopedState g;
    if (!open_state(vm, codec, true, g.st))
        return Value::null();
    std::string out;
    bool ok = false;
    if (!vm.heap.native_build([&] { ok = encode_text(vm, codec, g.st, s, errors, true, out); }) || !ok)
        return Value::null();
    Value b = TRY(bytes_result(vm, out));
    return Value::from_object(tuple_pack(vm, { b, Value::small_int(int64_t(s->length)) }));
}

SLPY_C_FN(codec_decode)
{
    Value a[2];
    if (!parse_args(vm, "decode", args + 1, nargs - 1, kwnames, { "input", "errors" }, 1, a))
        return Value::null();
    CjkCodec const* codec = args[0].as<MbCodec>()->codec;
    std::string_view view;
    if (!get_bytes_like(a[0], view))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
    std::string errors;
    if (!errors_text(vm, "decode", a[1], errors))
        return Value::null();
    Bytes* data = bytes_new(vm, view); // handlers run Python code; the input may be a bytearray
    if (!data)
        return Value::null();
    ScopedState g;
    if (!open_state(vm, codec, false, g.st))
        return Value::null();
    std::string out;
    size_t consumed = 0;
    bool ok = false;
    if (!vm.heap.native_build([&] { ok = decode_bytes(vm, codec, g.st, data, errors, true, out, consumed); }) || !ok)
        return Value::null();
    Value s = TRY(str_value(vm, out));
    return Value::from_object(tuple_pack(vm, { s, Value::small_int(int64_t(data->size)) }));
}

// ------------------------------------------------------------------ the stateful types

// tp_new of the four types: the class's `codec` attribute must be a MultibyteCodec.
MbStateful* stateful_new(VM& vm, TypeObject* cls, bool encoder, Value errors)
{
    String* codec_name = intern(vm, "codec");
    if (!codec_name)
        return nullptr;
    Value codec = getattr(vm, Value::from_object(cls), codec_name);
    if (codec.is_null())
        return nullptr;
    if (!codec.is_object() || type_of(codec) != g_codec_type) {
        raise(vm, exc::TypeError, "codec is unexpected type");
        return nullptr;
    }
    if (!errors.is_null() && !is_none(errors) && !as_str(errors)) {
        raise(vm, exc::TypeError, "errors must be a string, not None");
        return nullptr;
    }
    auto* self = static_cast<MbStateful*>(alloc_instance(vm, cls));
    if (!self)
        return nullptr;
    self->codec = codec.as<MbCodec>()->codec;
    self->errors = errors.is_null() || is_none(errors) ? str_value(vm, "strict") : errors;
    self->stream = py_none();
    if (self->errors.is_null() || !open_state(vm, self->codec, encoder, self->state))
        return nullptr;
    return self;
}

SLPY_C_FN(ienc_new)
{
    Value a[1];
    if (!parse_args(vm, "MultibyteIncrementalEncoder", args + 1, nargs - 1, kwnames, { "errors" }, 0, a))
        return Value::null();
    MbStateful* s = stateful_new(vm, args[0].as<TypeObject>(), true, a[0]);
    return s ? Value::from_object(s) : Value::null();
}

SLPY_C_FN(idec_new)
{
    Value a[1];
    if (!parse_args(vm, "MultibyteIncrementalDecoder", args + 1, nargs - 1, kwnames, { "errors" }, 0, a))
        return Value::null();
    MbStateful* s = stateful_new(vm, args[0].as<TypeObject>(), false, a[0]);
    return s ? Value::from_object(s) : Value::null();
}

Value stream_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool encoder, char const* name)
{
    Value a[2];
    if (!parse_args(vm, name, args + 1, nargs - 1, kwnames, { "stream", "errors" }, 1, a))
        return Value::null();
    MbStateful* s = stateful_new(vm, args[0].as<TypeObject>(), encoder, a[1]);
    if (!s)
        return Value::null();
    s->stream = a[0];
    return Value::from_object(s);
}

SLPY_C_FN(reader_new) { return stream_new(vm, args, nargs, kwnames, false, "MultibyteStreamReader"); }
SLPY_C_FN(writer_new) { return stream_new(vm, args, nargs, kwnames, true, "MultibyteStreamWriter"); }

// __init__ does nothing (the arguments went to __new__), so that codecs.IncrementalEncoder
// and friends, later in the encodings classes' MRO, are not initialized over them.
SLPY_C_FN(stateful_init) { return py_none(); }

SLPY_C_FN(get_errors) { return self_of(args[0])->errors; }
SLPY_C_FN(set_errors)
{
    if (args[1].is_null())
        return raise(vm, exc::AttributeError, "cannot delete attribute");
    if (!as_str(args[1]))
        return raise(vm, exc::TypeError, "errors must be a string");
    self_of(args[0])->errors = args[1];
    return py_none();
}
SLPY_C_FN(get_stream) { return self_of(args[0])->stream; }

bool final_arg(VM& vm, Value v, bool& final)
{
    final = false;
    if (v.is_null())
        return true;
    int t = truthy(vm, v);
    if (t < 0)
        return false;
    final = t;
    return true;
}

// Encodes `s` with the object's state.
Value stateful_encode(VM& vm, MbStateful* self, String* s, bool final)
{
    std::string errors(as_str(self->errors)->view());
    std::string out;
    bool ok = false;
    if (!vm.heap.native_build([&] { ok = encode_text(vm, self->codec, self->state, s, errors, final, out); }) || !ok)
        return Value::null();
    return bytes_result(vm, out);
}

// Decodes the pending bytes followed by `input`; keeps a truncated tail pending unless
// `final`.
Value stateful_decode(VM& vm, MbStateful* self, std::string_view input, bool final)
{
    std::string joined(reinterpret_cast<char const*>(self->pending), self->npending);
    joined += input;
    Bytes* data = bytes_new(vm, joined);
    if (!data)
        return Value::null();
    std::string errors(as_str(self->errors)->view());
    std::string out;
    size_t consumed = 0;
    bool ok = false;
    if (!vm.heap.native_build([&] { ok = decode_bytes(vm, self->codec, self->state, data, errors, final, out, consumed); }) || !ok)
        return Value::null();
    size_t rest = data->size - consumed;
    if (rest > kMaxPending)
        return raise(vm, exc::UnicodeError, "pending buffer overflow");
    std::memcpy(self->pending, data->view().data() + consumed, rest);
    self->npending = rest;
    return str_value(vm, out);
}

SLPY_C_FN(ienc_encode)
{
    Value a[2];
    if (!parse_args(vm, "encode", args + 1, nargs - 1, kwnames, { "input", "final" }, 1, a))
        return Value::null();
    String* s = TRY_STR(vm, a[0]);
    bool final;
    if (!final_arg(vm, a[1], final))
        return Value::null();
    return stateful_encode(vm, self_of(args[0]), s, final);
}

SLPY_C_FN(idec_decode)
{
    Value a[2];
    if (!parse_args(vm, "decode", args + 1, nargs - 1, kwnames, { "input", "final" }, 1, a))
        return Value::null();
    std::string_view view;
    if (!get_bytes_like(a[0], view))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
    bool final;
    if (!final_arg(vm, a[1], final))
        return Value::null();
    return stateful_decode(vm, self_of(args[0]), std::string(view), final);
}

SLPY_C_FN(stateful_reset)
{
    if (!check_nargs(vm, "reset", nargs - 1, 0, 0))
        return Value::null();
    MbStateful* self = self_of(args[0]);
    cjk_reset(self->state);
    self->npending = 0;
    return py_none();
}

// An encoder holds no pending text (iconv keeps JIS X 0213's pending character in its
// shift state, which cannot be exported), so its state is 0.
SLPY_C_FN(ienc_getstate)
{
    if (!check_nargs(vm, "getstate", nargs - 1, 0, 0))
        return Value::null();
    return Value::small_int(0);
}

SLPY_C_FN(ienc_setstate)
{
    if (!check_nargs(vm, "setstate", nargs - 1, 1, 1))
        return Value::null();
    if (!is_int(args[1]))
        return raise_fmt(vm, exc::TypeError, "setstate() argument must be int, not %s", type_name(args[1]));
    int64_t v;
    if (!index_i64(vm, args[1], v))
        return Value::null();
    if (v != 0)
        return raise(vm, exc::NotImplementedError, "setstate() of a CJK codec's encoder to a non-initial state is not supported by slpy");
    cjk_reset(self_of(args[0])->state);
    return py_none();
}

SLPY_C_FN(idec_getstate)
{
    if (!check_nargs(vm, "getstate", nargs - 1, 0, 0))
        return Value::null();
    MbStateful* self = self_of(args[0]);
    Bytes* b = bytes_new(vm, std::string_view(reinterpret_cast<char const*>(self->pending), self->npending));
    if (!b)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { Value::from_object(b), Value::small_int(0) }));
}

SLPY_C_FN(idec_setstate)
{
    if (!check_nargs(vm, "setstate", nargs - 1, 1, 1))
        return Value::null();
    Tuple* t = as_tuple(args[1]);
    if (!t)
        return raise_fmt(vm, exc::TypeError, "setstate() argument must be tuple, not %s", type_name(args[1]));
    Bytes* b = t->size == 2 ? as_bytes(t->items[0]) : nullptr;
    if (!b || !is_int(t->items[1]))
        return raise(vm, exc::TypeError, "setstate() argument must be a (bytes, int) tuple");
    if (b->size > kMaxPending)
        return raise(vm, exc::UnicodeError, "pending buffer too large");
    int64_t v;
    if (!index_i64(vm, t->items[1], v))
        return Value::null();
    if (v != 0)
        return raise(vm, exc::NotImplementedError, "setstate() of a CJK codec's decoder to a non-initial state is not supported by slpy");
    MbStateful* self = self_of(args[0]);
    cjk_reset(self->state);
    std::memcpy(self->pending, b->view().data(), b->size);
    self->npending = b->size;
    return py_none();
}

// ------------------------------------------------------------------ streams

// One read of the stream reader: stream.read(size) / stream.readline(size) until some
// text comes out, at the end of the stream or (size < 0) at once.
Value reader_iread(VM& vm, MbStateful* self, char const* method, int64_t size)
{
    String* meth = intern(vm, method);
    if (!meth)
        return Value::null();
    std::string text;
    for (;;) {
        Value arg = size < 0 ? py_none() : Value::small_int(size);
        Value data = TRY(call_method(vm, self->stream, meth, size < 0 ? nullptr : &arg, size < 0 ? 0 : 1));
        std::string_view view;
        if (!get_bytes_like(data, view))
            return raise(vm, exc::TypeError, "stream function returned a non-bytes object");
        bool eof = size < 0 || view.empty();
        Value s = TRY(stateful_decode(vm, self, std::string(view), eof));
        text += as_str(s)->view();
        if (!text.empty() || eof)
            break;
    }
    return str_value(vm, text);
}

bool size_arg(VM& vm, Value v, int64_t& size)
{
    size = -1;
    if (v.is_null() || is_none(v))
        return true;
    if (!is_int(v)) {
        raise(vm, exc::TypeError, "arg 1 must be an integer");
        return false;
    }
    return index_i64(vm, v, size);
}

SLPY_C_FN(reader_read)
{
    int64_t size;
    if (!check_nargs(vm, "read", nargs - 1, 0, 1) || !size_arg(vm, nargs > 1 ? args[1] : Value::null(), size))
        return Value::null();
    if (size == 0)
        return Value::from_object(empty_str());
    return reader_iread(vm, self_of(args[0]), "read", size);
}

SLPY_C_FN(reader_readline)
{
    int64_t size;
    if (!check_nargs(vm, "readline", nargs - 1, 0, 1) || !size_arg(vm, nargs > 1 ? args[1] : Value::null(), size))
        return Value::null();
    if (size == 0)
        return Value::from_object(empty_str());
    return reader_iread(vm, self_of(args[0]), "readline", size);
}

SLPY_C_FN(reader_readlines)
{
    int64_t size;
    if (!check_nargs(vm, "readlines", nargs - 1, 0, 1) || !size_arg(vm, nargs > 1 ? args[1] : Value::null(), size))
        return Value::null();
    Value text = TRY(reader_iread(vm, self_of(args[0]), "read", size));
    String* name = intern(vm, "splitlines");
    if (!name)
        return Value::null();
    Value keep = py_true();
    return call_method(vm, text, name, &keep, 1);
}

SLPY_C_FN(writer_write)
{
    if (!check_nargs(vm, "write", nargs - 1, 1, 1))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise(vm, exc::TypeError, "couldn't convert the object to str.");
    MbStateful* self = self_of(args[0]);
    Value b = TRY(stateful_encode(vm, self, s, false));
    String* name = intern(vm, "write");
    if (!name)
        return Value::null();
    TRY(call_method(vm, self->stream, name, &b, 1));
    return py_none();
}

SLPY_C_FN(writer_writelines)
{
    if (!check_nargs(vm, "writelines", nargs - 1, 1, 1))
        return Value::null();
    Value it = TRY(get_iter(vm, args[1]));
    for (;;) {
        Value line = TRY(iter_next(vm, it));
        if (line.is_stop_iteration())
            break;
        Value wargs[2] = { args[0], line };
        TRY(writer_write(vm, wargs, 2, nullptr));
    }
    return py_none();
}

// Writes the character the encoder still holds (JIS X 0213's possible combining pair).
// As CPython 3.11, whose reset() writes only pending text, the shift state of ISO-2022
// and HZ is left as it is (no ESC ( B is written).
SLPY_C_FN(writer_reset)
{
    if (!check_nargs(vm, "reset", nargs - 1, 0, 0))
        return Value::null();
    MbStateful* self = self_of(args[0]);
    if (self->codec->kind == CjkKind::Hz || std::string_view(self->codec->name).substr(0, 7) == "iso2022")
        return py_none();
    std::string out;
    cjk_encode_flush(self->codec, self->state, out);
    if (out.empty())
        return py_none();
    Value b = TRY(bytes_result(vm, out));
    String* name = intern(vm, "write");
    if (!name)
        return Value::null();
    TRY(call_method(vm, self->stream, name, &b, 1));
    return py_none();
}

TypeObject* stateful_type(VM& vm, char const* name)
{
    TypeObject* t = make_module_type(vm, "_multibytecodec", name, nullptr, sizeof(MbStateful), TF_BASETYPE, trace_stateful);
    t->finalize = finalize_stateful;
    return t;
}

void make_types(VM& vm)
{
    g_codec_type = make_module_type(vm, "_multibytecodec", "MultibyteCodec", nullptr, sizeof(MbCodec), 0);
    add_methods(vm, g_codec_type, { { "encode", codec_encode }, { "decode", codec_decode } });
    finish_builtin_type(vm, g_codec_type);

    g_ienc_type = stateful_type(vm, "MultibyteIncrementalEncoder");
    add_methods(vm, g_ienc_type, {
        { "__new__", ienc_new, METH_STATIC }, { "__init__", stateful_init }, { "encode", ienc_encode },
        { "reset", stateful_reset }, { "getstate", ienc_getstate }, { "setstate", ienc_setstate },
    });
    add_getsets(vm, g_ienc_type, { { "errors", get_errors, set_errors } });
    finish_builtin_type(vm, g_ienc_type);

    g_idec_type = stateful_type(vm, "MultibyteIncrementalDecoder");
    add_methods(vm, g_idec_type, {
        { "__new__", idec_new, METH_STATIC }, { "__init__", stateful_init }, { "decode", idec_decode },
        { "reset", stateful_reset }, { "getstate", idec_getstate }, { "setstate", idec_setstate },
    });
    add_getsets(vm, g_idec_type, { { "errors", get_errors, set_errors } });
    finish_builtin_type(vm, g_idec_type);

    g_reader_type = stateful_type(vm, "MultibyteStreamReader");
    add_methods(vm, g_reader_type, {
        { "__new__", reader_new, METH_STATIC }, { "__init__", stateful_init }, { "read", reader_read },
        { "readline", reader_readline }, { "readlines", reader_readlines }, { "reset", stateful_reset },
    });
    add_getsets(vm, g_reader_type, { { "errors", get_errors, set_errors }, { "stream", get_stream } });
    finish_builtin_type(vm, g_reader_type);

    g_writer_type = stateful_type(vm, "MultibyteStreamWriter");
    add_methods(vm, g_writer_type, {
        { "__new__", writer_new, METH_STATIC }, { "__init__", stateful_init }, { "write", writer_write },
        { "writelines", writer_writelines }, { "reset", writer_reset },
    });
    add_getsets(vm, g_writer_type, { { "errors", get_errors, set_errors }, { "stream", get_stream } });
    finish_builtin_type(vm, g_writer_type);
}

Value make_codec(VM& vm, char const* module, Value name_v)
{
    String* name = as_str(name_v);
    if (!name)
        return raise(vm, exc::TypeError, "encoding name must be a string.");
    CjkCodec const* c = cjk_codec_find(module, name->view());
    if (!c)
        return raise(vm, exc::LookupError, "no such codec is supported.");
    auto* o = static_cast<MbCodec*>(alloc_instance(vm, g_codec_type));
    if (!o)
        return Value::null();
    o->codec = c;
    return Value::from_object(o);
}

#define SLPY_GETCODEC(mod)                                                \
    SLPY_C_FN(getcodec##mod)                                              \
    {                                                                     \
        if (!check_no_kwargs(vm, "getcodec", kwnames) || !check_nargs(vm, "getcodec", nargs, 1, 1)) \
            return Value::null();                                         \
        return make_codec(vm, "_codecs" #mod, args[0]);                   \
    }
SLPY_GETCODEC(_jp)
SLPY_GETCODEC(_cn)
SLPY_GETCODEC(_tw)
SLPY_GETCODEC(_hk)
SLPY_GETCODEC(_kr)
SLPY_GETCODEC(_iso2022)
#undef SLPY_GETCODEC

Module* make_cjk_module(VM& vm, char const* name, NativeFn fn)
{
    if (!g_codec_type)
        make_types(vm);
    Module* m = module_new(vm, name);
    module_add(vm, m, "getcodec", Value::from_object(builtin_function_new(vm, "getcodec", fn)));
    return m;
}

#undef SLPY_C_FN

} // namespace

Module* make_multibytecodec_module(VM& vm)
{
    if (!g_codec_type)
        make_types(vm);
    Module* m = module_new(vm, "_multibytecodec");
    module_add(vm, m, "MultibyteCodec", Value::from_object(g_codec_type));
    module_add(vm, m, "MultibyteIncrementalEncoder", Value::from_object(g_ienc_type));
    module_add(vm, m, "MultibyteIncrementalDecoder", Value::from_object(g_idec_type));
    module_add(vm, m, "MultibyteStreamReader", Value::from_object(g_reader_type));
    module_add(vm, m, "MultibyteStreamWriter", Value::from_object(g_writer_type));
    return m;
}

Module* make_codecs_jp_module(VM& vm) { return make_cjk_module(vm, "_codecs_jp", getcodec_jp); }
Module* make_codecs_cn_module(VM& vm) { return make_cjk_module(vm, "_codecs_cn", getcodec_cn); }
Module* make_codecs_tw_module(VM& vm) { return make_cjk_module(vm, "_codecs_tw", getcodec_tw); }
Module* make_codecs_hk_module(VM& vm) { return make_cjk_module(vm, "_codecs_hk", getcodec_hk); }
Module* make_codecs_kr_module(VM& vm) { return make_cjk_module(vm, "_codecs_kr", getcodec_kr); }
Module* make_codecs_iso2022_module(VM& vm) { return make_cjk_module(vm, "_codecs_iso2022", getcodec_iso2022); }

} // namespace slpy
