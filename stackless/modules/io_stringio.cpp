// io.StringIO: an in-memory text stream with CPython's semantics for positions (in
// characters), overwriting writes, writes past the end (padded with NULs), truncate and
// the newline= translations.
//
// The text is kept as UTF-8 in malloc'd memory (freed by the finalizer). Positions are
// characters; a cached (character, byte) pair makes sequential access O(1) for
// non-ASCII text too.
#include "stackless/modules/io_internal.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstring>
#include <string>

namespace slpy {

// object.__dict__'s getter and setter (objects/object_methods.cpp).
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

namespace {

struct StringIOObject : Object {
    Dict* dict;       // instance __dict__ (CPython's StringIO has one)
    std::string* buf; // UTF-8 text; null until __init__ ran ("uninitialized")
    size_t length;    // in characters
    size_t pos;       // in characters (may be past the end)
    size_t cache_c;   // a known (character, byte) offset pair within the text
    size_t cache_b;
    NewlineMode nl;
    bool closed;
    uint8_t seennl; // SEEN_* bits of what was written (newline=None or '': `newlines`)
};

void sio_trace(Object* o, Tracer& t) { t.visit(static_cast<StringIOObject*>(o)->dict); }

void sio_finalize(Object* o)
{
    auto* s = static_cast<StringIOObject*>(o);
    delete s->buf;
    s->buf = nullptr;
}

StringIOObject* self_sio(Value v) { return static_cast<StringIOObject*>(v.as_object()); }

std::string& text(StringIOObject* s)
{
    if (!s->buf)
        s->buf = new std::string();
    return *s->buf;
}

bool check_open(VM& vm, StringIOObject* s)
{
    if (s->closed || !s->buf) {
        raise(vm, exc::ValueError, s->closed ? "I/O operation on closed file" : "I/O operation on uninitialized object");
        return false;
    }
    return true;
}

// Byte offset of character `c` (c <= length).
size_t byte_offset(StringIOObject* s, size_t c)
{
    std::string const& t = text(s);
    if (c >= s->length)
        return t.size();
    if (t.size() == s->length)
        return c; // ASCII
    size_t cc = 0, b = 0;
    if (c >= s->cache_c) {
        cc = s->cache_c;
        b = s->cache_b;
    }
    while (cc < c) {
        auto ch = static_cast<unsigned char>(t[b]);
        b += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
        ++cc;
    }
    s->cache_c = c;
    s->cache_b = b;
    return b;
}

size_t count_chars(std::string_view v)
{
    size_t n = 0;
    for (char c : v)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

// The text a write stores, after the newline= translation.
std::string translate_in(StringIOObject* s, std::string_view v)
{
    std::string out;
    if (s->nl == NewlineMode::Universal || s->nl == NewlineMode::Untranslated)
        s->seennl |= scan_newlines(v);
    switch (s->nl) {
    case NewlineMode::Universal:
        for (size_t i = 0; i < v.size(); ++i) {
            if (v[i] == '\r') {
                out.push_back('\n');
                if (i + 1 < v.size() && v[i + 1] == '\n')
                    ++i;
            } else {
                out.push_back(v[i]);
            }
        }
        return out;
    case NewlineMode::CR:
    case NewlineMode::CRLF:
        for (char c : v) {
            if (c == '\n')
                out += s->nl == NewlineMode::CR ? "\r" : "\r\n";
            else
                out.push_back(c);
        }
        return out;
    default:
        return std::string(v);
    }
}

void sio_write_text(StringIOObject* s, std::string_view v)
{
    std::string& t = text(s);
    size_t n = count_chars(v);
    if (s->pos > s->length) {
        t.append(s->pos - s->length, '\0');
        s->length = s->pos;
    }
    if (s->pos == s->length) {
        t.append(v);
    } else {
        size_t start = byte_offset(s, s->pos);
        size_t stop = byte_offset(s, std::min(s->pos + n, s->length));
        t.replace(start, stop - start, v);
        s->cache_c = s->cache_b = 0;
    }
    if (s->pos + n > s->length)
        s->length = s->pos + n;
    s->pos += n;
}

// One line from the position: up to and including '\n' ('\r' / '\r\n' for those
// newline modes), at most `limit` characters when limit >= 0.
Value sio_readline(VM& vm, StringIOObject* s, int64_t limit)
{
    if (s->pos >= s->length)
        return Value::from_object(empty_str());
    std::string const& t = text(s);
    size_t start = byte_offset(s, s->pos);
    size_t end;
    if (s->nl == NewlineMode::CR) {
        size_t i = t.find('\r', start);
        end = i == std::string::npos ? t.size() : i + 1;
    } else if (s->nl == NewlineMode::CRLF) {
        size_t i = t.find("\r\n", start);
        end = i == std::string::npos ? t.size() : i + 2;
    } else if (s->nl == NewlineMode::Untranslated) {
        size_t i = t.find_first_of("\r\n", start);
        end = i == std::string::npos ? t.size() : (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ? i + 2 : i + 1;
    } else {
        size_t i = t.find('\n', start);
        end = i == std::string::npos ? t.size() : i + 1;
    }
    std::string_view line(t.data() + start, end - start);
    size_t n = count_chars(line);
    if (limit >= 0 && n > size_t(limit)) {
        size_t b = byte_offset(s, s->pos + size_t(limit));
        line = std::string_view(t.data() + start, b - start);
        n = size_t(limit);
    }
    s->pos += n;
    s->cache_c = s->pos;
    s->cache_b = start + line.size();
    return str_value(vm, line);
}

#define SLPY_SIO_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_SIO_METHOD(sio_new)
{
    auto* cls = args[0].as<TypeObject>();
    auto* s = static_cast<StringIOObject*>(alloc_instance(vm, cls));
    return s ? Value::from_object(s) : Value::null();
}

// __init__(initial_value='', newline='\n')
SLPY_SIO_METHOD(sio_init)
{
    StringIOObject* s = self_sio(args[0]);
    Value a[3];
    if (!parse_args(vm, "StringIO", args, nargs, kwnames, { "self", "initial_value", "newline" }, 1, a, 1))
        return Value::null();
    Value initial = a[1];
    Value newline = a[2].is_null() ? Value::null() : a[2];
    NewlineMode nl = NewlineMode::LF;
    if (!newline.is_null()) {
        if (!is_none(newline) && !as_str(newline))
            return raise_fmt(vm, exc::TypeError, "newline must be str or None, not %s", type_name(newline));
        if (!is_none(newline)) {
            std::string_view v = as_str(newline)->view();
            if (!v.empty() && v != "\n" && v != "\r" && v != "\r\n") {
                Value r = TRY(repr(vm, newline));
                return raise_fmt(vm, exc::ValueError, "illegal newline value: %s", as_str(r)->c_str());
            }
        }
        if (!text_newline_mode(vm, newline, nl))
            return Value::null();
    }
    if (!initial.is_null() && !is_none(initial) && !as_str(initial))
        return raise_fmt(vm, exc::TypeError, "initial_value must be str or None, not %s", type_name(initial));
    s->nl = nl;
    s->closed = false;
    s->seennl = 0;
    text(s).clear();
    s->length = s->pos = s->cache_c = s->cache_b = 0;
    if (!initial.is_null() && !is_none(initial)) {
        sio_write_text(s, translate_in(s, as_str(initial)->view()));
        s->pos = 0;
    }
    return py_none();
}

SLPY_SIO_METHOD(sio_write)
{
    StringIOObject* s = self_sio(args[0]);
    if (!check_no_kwargs(vm, "write", kwnames) || !check_nargs(vm, "write", nargs - 1, 1, 1))
        return Value::null();
    if (!check_open(vm, s))
        return Value::null();
    String* str = as_str(args[1]);
    if (!str)
        return raise_fmt(vm, exc::TypeError, "string argument expected, got '%s'", type_name(args[1]));
    if (str->length)
        sio_write_text(s, translate_in(s, str->view()));
    return int_from_i64(vm, int64_t(str->length));
}

SLPY_SIO_METHOD(sio_writelines)
{
    if (!check_no_kwargs(vm, "writelines", kwnames) || !check_nargs(vm, "writelines", nargs - 1, 1, 1))
        return Value::null();
    // IOBase.writelines checks first, as CPython's (the message of IOBase's check).
    if (self_sio(args[0])->closed)
        return raise(vm, exc::ValueError, "I/O operation on closed file.");
    Value it = TRY(get_iter(vm, args[1]));
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return py_none();
        Value a[2] = { args[0], item };
        TRY(sio_write(vm, a, 2, nullptr));
    }
}

SLPY_SIO_METHOD(sio_getvalue)
{
    StringIOObject* s = self_sio(args[0]);
    if (!check_open(vm, s))
        return Value::null();
    return str_value(vm, text(s));
}

SLPY_SIO_METHOD(sio_read)
{
    StringIOObject* s = self_sio(args[0]);
    int64_t n;
    if (!io_size_arg(vm, "read", args, nargs, kwnames, n) || !check_open(vm, s))
        return Value::null();
    if (s->pos >= s->length)
        return Value::from_object(empty_str());
    size_t stop = n < 0 ? s->length : std::min(s->length, s->pos + size_t(n));
    size_t b0 = byte_offset(s, s->pos);
    size_t b1 = byte_offset(s, stop);
    Value r = str_value(vm, std::string_view(text(s)).substr(b0, b1 - b0));
    s->pos = stop;
    return r;
}

SLPY_SIO_METHOD(sio_readline_m)
{
    StringIOObject* s = self_sio(args[0]);
    int64_t limit;
    if (!io_size_arg(vm, "readline", args, nargs, kwnames, limit) || !check_open(vm, s))
        return Value::null();
    return sio_readline(vm, s, limit);
}

SLPY_SIO_METHOD(sio_readlines)
{
    StringIOObject* s = self_sio(args[0]);
    int64_t hint;
    if (!io_size_arg(vm, "readlines", args, nargs, kwnames, hint) || !check_open(vm, s))
        return Value::null();
    return collect_lines(vm, hint, [&] { return sio_readline(vm, s, -1); });
}

SLPY_SIO_METHOD(sio_seek)
{
    StringIOObject* s = self_sio(args[0]);
    if (!check_no_kwargs(vm, "seek", kwnames) || !check_nargs(vm, "seek", nargs - 1, 1, 2))
        return Value::null();
    int64_t pos, whence = 0;
    if (!index_i64(vm, args[1], pos) || (nargs > 2 && !index_i64(vm, args[2], whence)))
        return Value::null();
    if (!check_open(vm, s))
        return Value::null();
    if (whence < 0 || whence > 2)
        return raise_fmt(vm, exc::ValueError, "Invalid whence (%lld, should be 0, 1 or 2)", static_cast<long long>(whence));
    if (whence == 0 && pos < 0)
        return raise_fmt(vm, exc::ValueError, "Negative seek position %lld", static_cast<long long>(pos));
    if (whence == 1 && pos != 0)
        return raise(vm, exc::OSError, "Can't do nonzero cur-relative seeks");
    if (whence == 2 && pos != 0)
        return raise(vm, exc::OSError, "Can't do nonzero end-relative seeks");
    if (whence == 0)
        s->pos = size_t(pos);
    else if (whence == 2)
        s->pos = s->length;
    return int_from_i64(vm, int64_t(s->pos));
}

SLPY_SIO_METHOD(sio_tell)
{
    StringIOObject* s = self_sio(args[0]);
    if (!check_open(vm, s))
        return Value::null();
    return int_from_i64(vm, int64_t(s->pos));
}

SLPY_SIO_METHOD(sio_truncate)
{
    StringIOObject* s = self_sio(args[0]);
    int64_t size;
    if (!io_size_arg(vm, "truncate", args, nargs, kwnames, size) || !check_open(vm, s))
        return Value::null();
    if (nargs < 2 || is_none(args[1]))
        size = int64_t(s->pos);
    if (size < 0)
        return raise_fmt(vm, exc::ValueError, "Negative size value %lld", static_cast<long long>(size));
    if (size_t(size) < s->length) {
        text(s).resize(byte_offset(s, size_t(size)));
        s->length = size_t(size);
        s->cache_c = s->cache_b = 0;
    }
    return int_from_i64(vm, size);
}

SLPY_SIO_METHOD(sio_close)
{
    self_sio(args[0])->closed = true;
    return py_none();
}

SLPY_SIO_METHOD(sio_true)
{
    if (!check_open(vm, self_sio(args[0])))
        return Value::null();
    return py_true();
}

SLPY_SIO_METHOD(sio_false)
{
    if (!check_open(vm, self_sio(args[0])))
        return Value::null();
    return py_false();
}

SLPY_SIO_METHOD(sio_flush)
{
    if (!check_open(vm, self_sio(args[0])))
        return Value::null();
    return py_none();
}

SLPY_SIO_METHOD(sio_enter)
{
    if (!check_open(vm, self_sio(args[0])))
        return Value::null();
    return args[0];
}

SLPY_SIO_METHOD(sio_exit) { return sio_close(vm, args, 1, nullptr); }

SLPY_SIO_METHOD(sio_iter)
{
    if (!check_open(vm, self_sio(args[0])))
        return Value::null();
    return args[0];
}

Value sio_iternext(VM& vm, Value self)
{
    StringIOObject* s = self_sio(self);
    if (!check_open(vm, s))
        return Value::null();
    Value line = TRY(sio_readline(vm, s, -1));
    if (as_str(line)->byte_length == 0)
        return Value::stop_iteration();
    return line;
}

SLPY_SIO_METHOD(sio_next) { return next_from_iternext(vm, args[0], sio_iternext); }

SLPY_SIO_METHOD(sio_get_closed) { return py_bool(self_sio(args[0])->closed); }

// newlines: the line endings written so far when newline is None or '' (CPython keeps
// an IncrementalNewlineDecoder then), else None.
SLPY_SIO_METHOD(sio_get_newlines)
{
    StringIOObject* s = self_sio(args[0]);
    if (!check_open(vm, s))
        return Value::null();
    if (s->nl != NewlineMode::Universal && s->nl != NewlineMode::Untranslated)
        return py_none();
    return newlines_value(vm, s->seennl);
}

// The newline argument __init__ was given, as __getstate__ reports it.
Value newline_arg(VM& vm, StringIOObject* s)
{
    switch (s->nl) {
    case NewlineMode::Universal: return py_none();
    case NewlineMode::Untranslated: return Value::from_object(empty_str());
    case NewlineMode::CR: return str_value(vm, "\r");
    case NewlineMode::CRLF: return str_value(vm, "\r\n");
    default: return str_value(vm, "\n");
    }
}

// __getstate__(): (value, newline, position, instance __dict__ copy or None).
SLPY_SIO_METHOD(sio_getstate)
{
    if (!check_no_kwargs(vm, "__getstate__", kwnames) || !check_nargs(vm, "__getstate__", nargs - 1, 0, 0))
        return Value::null();
    StringIOObject* s = self_sio(args[0]);
    if (!check_open(vm, s))
        return Value::null();
    Value value = TRY(str_value(vm, text(s)));
    Value newline = TRY(newline_arg(vm, s));
    Value pos = TRY(int_from_i64(vm, int64_t(s->pos)));
    Value dict = py_none();
    if (s->dict)
        dict = TRY(Value::from_object(dict_copy(vm, s->dict)));
    Tuple* t = tuple_pack(vm, { value, newline, pos, dict });
    return t ? Value::from_object(t) : Value::null();
}

// __setstate__((value, newline, position, dict)): __init__(value, newline) for the checks
// and the mode, then the value as it is (it was translated when first written), the
// position and the attributes; CPython's checks and messages.
SLPY_SIO_METHOD(sio_setstate)
{
    if (!check_no_kwargs(vm, "__setstate__", kwnames) || !check_nargs(vm, "__setstate__", nargs - 1, 1, 1))
        return Value::null();
    StringIOObject* s = self_sio(args[0]);
    if (s->closed)
        return raise(vm, exc::ValueError, "I/O operation on closed file");
    Tuple* state = as_tuple(args[1]);
    if (!state || state->size < 4)
        return raise_fmt(vm, exc::TypeError, "%s.__setstate__ argument should be 4-tuple, got %s", type_name(args[0]),
                         type_name(args[1]));
    Value init_args[3] = { args[0], state->items[0], state->items[1] };
    TRY(sio_init(vm, init_args, 3, nullptr));
    if (String* value = as_str(state->items[0])) {
        text(s).assign(value->view());
        s->length = value->length;
        s->cache_c = s->cache_b = 0;
    }
    Value pos_value = state->items[2];
    if (!is_instance_fast(pos_value, types.int_))
        return raise_fmt(vm, exc::TypeError, "third item of state must be an integer, got %s", type_name(pos_value));
    int64_t pos;
    if (!index_ssize(vm, pos_value, pos))
        return Value::null();
    if (pos < 0)
        return raise(vm, exc::ValueError, "position value cannot be negative");
    s->pos = size_t(pos);
    Value dict = state->items[3];
    if (!is_none(dict)) {
        Dict* d = as_dict(dict);
        if (!d)
            return raise_fmt(vm, exc::TypeError, "fourth item of state should be a dict, got a %s", type_name(dict));
        // As CPython: the attributes update the instance's dict rather than replace it.
        Dict* own = instance_dict(vm, s, true);
        if (!own || !dict_merge(vm, own, d))
            return Value::null();
    }
    return py_none();
}

SLPY_SIO_METHOD(sio_get_none) { return py_none(); }
SLPY_SIO_METHOD(sio_get_false) { return py_false(); }

#undef SLPY_SIO_METHOD

} // namespace

void setup_stringio_type(VM& vm)
{
    IoTypes& st = io_types(vm);
    if (st.string_io)
        return;
    setup_base_types(vm);
    TypeObject* t = make_builtin_type(vm, "StringIO", st.text_iobase, sizeof(StringIOObject),
                                      TF_BASETYPE | TF_LAYOUT_DICT | TF_LAYOUT_WEAKREF, sio_trace, sio_finalize);
    t->dict_offset = offsetof(StringIOObject, dict);
    set_native_type_module(vm, t, "_io");
    add_methods(vm, t, {
        { "__new__", sio_new, METH_STATIC }, { "__init__", sio_init }, { "write", sio_write },
        { "writelines", sio_writelines }, { "getvalue", sio_getvalue }, { "read", sio_read },
        { "readline", sio_readline_m }, { "readlines", sio_readlines }, { "seek", sio_seek }, { "tell", sio_tell },
        { "truncate", sio_truncate }, { "close", sio_close }, { "readable", sio_true }, { "writable", sio_true },
        { "seekable", sio_true }, { "isatty", sio_false }, { "flush", sio_flush }, { "__enter__", sio_enter },
        { "__exit__", sio_exit }, { "__iter__", sio_iter }, { "__next__", sio_next },
        { "__getstate__", sio_getstate }, { "__setstate__", sio_setstate },
    });
    add_getsets(vm, t, {
        { "closed", sio_get_closed }, { "newlines", sio_get_newlines },
        { "__dict__", instance_dict_get, instance_dict_set }, { "line_buffering", sio_get_false },
    });
    t->iternext = sio_iternext;
    finish_builtin_type(vm, t);
    st.string_io = t;
}

} // namespace slpy
