// The _codecs module: the codec registry (register, lookup, encode, decode), the error
// handler registry (register_error, lookup_error and the standard handlers), and the
// per-codec functions that codecs.py and the encodings package call (utf_8_encode,
// utf_8_decode, ..., charmap_encode/decode/build, escape_encode/decode), as CPython 3.11's.
//
// The codec functions run slpy's native codecs (objects/codecs.cpp: str_encode and
// bytes_decode). A decoder called with final=False leaves an incomplete sequence at the
// end of its input unconsumed, for the incremental decoders of codecs.py.
//
// Limitation: str.encode / bytes.decode and the native codecs know the standard error
// handlers only; a handler registered with register_error is found by lookup_error (and
// so by Python code such as codecs.py's), not by the native codecs yet.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "objects/unicode/ucd.h"
#include "stackless/builtins/builtins.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>

namespace slpy {

Value lookup_error_handler(VM& vm, Value name);

namespace {

int hex_digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char const kCodecsStateKey = 0;

struct CodecsState : VM::ModuleState {
    explicit CodecsState(VM&) {}
    List* search_functions = nullptr;
    bool imported_encodings = false; // the encodings package registers the standard search function
    Dict* cache = nullptr;    // normalized name -> CodecInfo
    Dict* handlers = nullptr; // error handler name -> callable
    void trace(Tracer& t) override
    {
        t.visit(search_functions);
        t.visit(cache);
        t.visit(handlers);
    }
};

CodecsState& state(VM& vm) { return module_state<CodecsState>(vm, &kCodecsStateKey); }

#define SLPY_C_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ codec registry

SLPY_C_FN(c_register)
{
    if (!check_nargs(vm, "register", nargs, 1, 1))
        return Value::null();
    if (!is_callable(args[0]))
        return raise(vm, exc::TypeError, "argument must be callable");
    if (!list_append(vm, state(vm).search_functions, args[0]))
        return Value::null();
    return py_none();
}

SLPY_C_FN(c_unregister)
{
    if (!check_nargs(vm, "unregister", nargs, 1, 1))
        return Value::null();
    CodecsState& st = state(vm);
    List* l = st.search_functions;
    for (size_t i = 0; i < l->size; ++i)
        if (l->items()[i].is(args[0])) {
            for (size_t j = i + 1; j < l->size; ++j)
                l->items()[j - 1] = l->items()[j];
            l->items()[--l->size] = Value::null();
            dict_clear(st.cache);
            break;
        }
    return py_none();
}

// CPython 3.11's normalizestring: lower case, spaces and hyphens become underscores.
std::string normalize(std::string_view name)
{
    std::string out(name);
    for (char& c : out)
        c = (c == ' ' || c == '-') ? '_' : char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

String* encoding_arg(VM& vm, Value v, char const* fname, int argn)
{
    String* s = as_str(v);
    if (!s)
        raise_fmt(vm, exc::TypeError, "%s() argument %d must be str, not %s", fname, argn, type_name(v));
    return s;
}

Value lookup_codec(VM& vm, String* encoding)
{
    CodecsState& st = state(vm);
    // CPython imports the encodings package when the registry starts; here at the first
    // lookup (the package registers its search function).
    if (!st.imported_encodings) {
        st.imported_encodings = true;
        Value import = dict_get_str(vm, interp(vm).builtins, names.__import__);
        if (import.is_null() || import.is_not_found())
            return import.is_null() ? import : raise(vm, exc::ImportError, "__import__ not found");
        Value name = TRY(str_value(vm, "encodings"));
        TRY(call1(vm, import, name));
    }
    Value key = TRY(str_value(vm, normalize(encoding->view())));
    Value cached = TRY(dict_get(vm, st.cache, key));
    if (!cached.is_not_found())
        return cached;
    List* l = st.search_functions;
    for (size_t i = 0; i < l->size; ++i) {
        Value r = TRY(call1(vm, l->items()[i], key));
        if (is_none(r))
            continue;
        Tuple* t = as_tuple(r);
        if (!t || t->size != 4)
            return raise(vm, exc::TypeError, "codec search functions must return 4-tuples");
        if (!dict_set(vm, st.cache, key, r))
            return Value::null();
        return r;
    }
    return raise_fmt(vm, exc::LookupError, "unknown encoding: %s", encoding->c_str());
}

SLPY_C_FN(c_lookup)
{
    if (!check_nargs(vm, "lookup", nargs, 1, 1))
        return Value::null();
    String* e = as_str(args[0]);
    if (!e)
        return raise_fmt(vm, exc::TypeError, "lookup() argument must be str, not %s", type_name(args[0]));
    return lookup_codec(vm, e);
}

// encode/decode(obj, encoding='utf-8', errors='strict') through the registry.
Value run_codec(VM& vm, char const* fname, int which, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, fname, args, nargs, kwnames, { "obj", "encoding", "errors" }, 1, a))
        return Value::null();
    String* encoding = a[1].is_null() ? names.utf_8 : encoding_arg(vm, a[1], fname, 2);
    if (!encoding)
        return Value::null();
    if (!a[2].is_null() && !as_str(a[2]))
        return raise_fmt(vm, exc::TypeError, "%s() argument 3 must be str, not %s", fname, type_name(a[2]));
    Value info = TRY(lookup_codec(vm, encoding));
    Value fn = as_tuple(info)->items[which];
    Value cargs[2] = { a[0], a[2].is_null() ? Value::from_object(names.strict) : a[2] };
    Value r = call(vm, fn, cargs, 2);
    if (r.is_null())
        return wrap_codec_error(vm, which == 0 ? "encoding" : "decoding", encoding->view());
    Tuple* t = as_tuple(r);
    if (!t || t->size != 2)
        return raise(vm, exc::TypeError, which == 0 ? "encoder must return a tuple (object, integer)" : "decoder must return a tuple (object,integer)");
    return t->items[0];
}

SLPY_C_FN(c_encode) { return run_codec(vm, "encode", 0, args, nargs, kwnames); }
SLPY_C_FN(c_decode) { return run_codec(vm, "decode", 1, args, nargs, kwnames); }

// ------------------------------------------------------------------ error handlers

SLPY_C_FN(c_register_error)
{
    if (!check_nargs(vm, "register_error", nargs, 2, 2))
        return Value::null();
    if (!encoding_arg(vm, args[0], "register_error", 1))
        return Value::null();
    if (!is_callable(args[1]))
        return raise(vm, exc::TypeError, "handler must be callable");
    if (!dict_set(vm, state(vm).handlers, args[0], args[1]))
        return Value::null();
    return py_none();
}

SLPY_C_FN(c_lookup_error)
{
    if (!check_nargs(vm, "lookup_error", nargs, 1, 1))
        return Value::null();
    String* name = encoding_arg(vm, args[0], "lookup_error", 1);
    if (!name)
        return Value::null();
    Value h = TRY(dict_get(vm, state(vm).handlers, args[0]));
    if (h.is_not_found())
        return raise_fmt(vm, exc::LookupError, "unknown error handler name '%s'", name->c_str());
    return h;
}

enum class ErrKind { Encode, Decode, Translate, Other };

ErrKind error_kind(Value e)
{
    if (is_instance_fast(e, exc::UnicodeEncodeError))
        return ErrKind::Encode;
    if (is_instance_fast(e, exc::UnicodeDecodeError))
        return ErrKind::Decode;
    if (is_instance_fast(e, exc::UnicodeTranslateError))
        return ErrKind::Translate;
    return ErrKind::Other;
}

Value wrong_exception(VM& vm, Value e)
{
    return raise_fmt(vm, exc::TypeError, "don't know how to handle %s in error callback", type_name(e));
}

// The start, end and object of a UnicodeError.
bool error_fields(VM& vm, Value e, int64_t& start, int64_t& end, Value& object)
{
    String* s_start = intern(vm, "start");
    String* s_end = intern(vm, "end");
    if (!s_start || !s_end)
        return false;
    Value vs = getattr(vm, e, s_start);
    Value ve = vs.is_null() ? vs : getattr(vm, e, s_end);
    object = ve.is_null() ? ve : getattr(vm, e, names.object);
    if (object.is_null() || !index_i64(vm, vs, start) || !index_i64(vm, ve, end))
        return false;
    int64_t len = 0;
    if (String* s = as_str(object))
        len = int64_t(s->length);
    else {
        std::string_view b;
        if (get_bytes_like(object, b))
            len = int64_t(b.size());
    }
    start = std::max<int64_t>(0, std::min(start, len));
    end = std::max<int64_t>(start, std::min(end, len));
    return true;
}

Value handler_result(VM& vm, Value replacement, int64_t end)
{
    Value pos = TRY(int_from_i64(vm, end));
    return Value::from_object(tuple_pack(vm, { replacement, pos }));
}

SLPY_C_FN(h_strict)
{
    if (!check_nargs(vm, "strict_errors", nargs, 1, 1))
        return Value::null();
    if (!is_instance_fast(args[0], exc::BaseException))
        return raise(vm, exc::TypeError, "codec must pass exception instance");
    vm.restore_error(args[0]);
    return Value::null();
}

SLPY_C_FN(h_ignore)
{
    if (!check_nargs(vm, "ignore_errors", nargs, 1, 1))
        return Value::null();
    if (error_kind(args[0]) == ErrKind::Other)
        return wrong_exception(vm, args[0]);
    int64_t start, end;
    Value obj;
    if (!error_fields(vm, args[0], start, end, obj))
        return Value::null();
    return handler_result(vm, Value::from_object(empty_str()), end);
}

// The characters obj[start:end] of an encode/translate error.
bool error_chars(Value obj, int64_t start, int64_t end, std::u32string& out)
{
    String* s = as_str(obj);
    if (!s)
        return false;
    for (int64_t i = start; i < end; ++i)
        out += char32_t(str_char_at(s, size_t(i)));
    return true;
}

SLPY_C_FN(h_replace)
{
    if (!check_nargs(vm, "replace_errors", nargs, 1, 1))
        return Value::null();
    ErrKind k = error_kind(args[0]);
    if (k == ErrKind::Other)
        return wrong_exception(vm, args[0]);
    int64_t start, end;
    Value obj;
    if (!error_fields(vm, args[0], start, end, obj))
        return Value::null();
    std::string r;
    if (k == ErrKind::Encode)
        r.assign(size_t(end - start), '?');
    else if (k == ErrKind::Decode)
        r = "\xef\xbf\xbd";
    else
        for (int64_t i = start; i < end; ++i)
            r += "\xef\xbf\xbd";
    return handler_result(vm, str_value(vm, r), end);
}

void append_backslash_escape(std::string& out, uint32_t cp)
{
    char buf[16];
    if (cp < 0x100)
        std::snprintf(buf, sizeof buf, "\\x%02x", cp);
    else if (cp < 0x10000)
        std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    else
        std::snprintf(buf, sizeof buf, "\\U%08x", cp);
    out += buf;
}

SLPY_C_FN(h_backslashreplace)
{
    if (!check_nargs(vm, "backslashreplace_errors", nargs, 1, 1))
        return Value::null();
    ErrKind k = error_kind(args[0]);
    if (k == ErrKind::Other)
        return wrong_exception(vm, args[0]);
    int64_t start, end;
    Value obj;
    if (!error_fields(vm, args[0], start, end, obj))
        return Value::null();
    std::string r;
    if (k == ErrKind::Decode) {
        std::string_view b;
        if (get_bytes_like(obj, b))
            for (int64_t i = start; i < end; ++i)
                append_backslash_escape(r, static_cast<unsigned char>(b[size_t(i)]));
    } else {
        std::u32string chars;
        error_chars(obj, start, end, chars);
        for (char32_t c : chars)
            append_backslash_escape(r, c);
    }
    return handler_result(vm, str_value(vm, r), end);
}

SLPY_C_FN(h_xmlcharrefreplace)
{
    if (!check_nargs(vm, "xmlcharrefreplace_errors", nargs, 1, 1))
        return Value::null();
    if (error_kind(args[0]) != ErrKind::Encode)
        return wrong_exception(vm, args[0]);
    int64_t start, end;
    Value obj;
    if (!error_fields(vm, args[0], start, end, obj))
        return Value::null();
    std::u32string chars;
    error_chars(obj, start, end, chars);
    std::string r;
    for (char32_t c : chars)
        r += "&#" + std::to_string(uint32_t(c)) + ";";
    return handler_result(vm, str_value(vm, r), end);
}

SLPY_C_FN(h_namereplace)
{
    if (!check_nargs(vm, "namereplace_errors", nargs, 1, 1))
        return Value::null();
    if (error_kind(args[0]) != ErrKind::Encode)
        return wrong_exception(vm, args[0]);
    int64_t start, end;
    Value obj;
    if (!error_fields(vm, args[0], start, end, obj))
        return Value::null();
    std::u32string chars;
    error_chars(obj, start, end, chars);
    std::string r;
    for (char32_t c : chars) {
        std::string name;
        if (ucd::char_name(c, name))
            r += "\\N{" + name + "}";
        else
            append_backslash_escape(r, c);
    }
    return handler_result(vm, str_value(vm, r), end);
}

SLPY_C_FN(h_surrogateescape)
{
    if (!check_nargs(vm, "surrogateescape", nargs, 1, 1))
        return Value::null();
    ErrKind k = error_kind(args[0]);
    if (k != ErrKind::Encode && k != ErrKind::Decode)
        return wrong_exception(vm, args[0]);
    int64_t start, end;
    Value obj;
    if (!error_fields(vm, args[0], start, end, obj))
        return Value::null();
    if (k == ErrKind::Decode) {
        std::string_view b;
        get_bytes_like(obj, b);
        std::string r;
        int64_t i = start;
        for (; i < end && i < start + 4; ++i) {
            unsigned char c = static_cast<unsigned char>(b[size_t(i)]);
            if (c < 128)
                break;
            utf8_append(r, 0xdc00 + c);
        }
        if (i == start) {
            vm.restore_error(args[0]);
            return Value::null();
        }
        return handler_result(vm, str_value(vm, r), i);
    }
    std::u32string chars;
    error_chars(obj, start, end, chars);
    std::string r;
    for (char32_t c : chars) {
        if (c < 0xdc80 || c > 0xdcff) {
            vm.restore_error(args[0]);
            return Value::null();
        }
        r += char(c - 0xdc00);
    }
    Bytes* bytes = bytes_new(vm, r);
    if (!bytes)
        return Value::null();
    return handler_result(vm, Value::from_object(bytes), end);
}

// surrogatepass for the UTF-8 family (CPython also handles UTF-16/32 here).
SLPY_C_FN(h_surrogatepass)
{
    if (!check_nargs(vm, "surrogatepass", nargs, 1, 1))
        return Value::null();
    ErrKind k = error_kind(args[0]);
    if (k != ErrKind::Encode && k != ErrKind::Decode)
        return wrong_exception(vm, args[0]);
    int64_t start, end;
    Value obj;
    if (!error_fields(vm, args[0], start, end, obj))
        return Value::null();
    String* enc_name = nullptr;
    Value enc = getattr(vm, args[0], names.encoding);
    if (!enc.is_null())
        enc_name = as_str(enc);
    vm.clear_error();
    std::string e = enc_name ? normalize(enc_name->view()) : "";
    if (e != "utf8" && e != "utf_8") {
        vm.restore_error(args[0]);
        return Value::null();
    }
    if (k == ErrKind::Encode) {
        std::u32string chars;
        error_chars(obj, start, end, chars);
        std::string r;
        for (char32_t c : chars) {
            if (c < 0xd800 || c > 0xdfff) {
                vm.restore_error(args[0]);
                return Value::null();
            }
            r += char(0xe0 | (c >> 12));
            r += char(0x80 | ((c >> 6) & 0x3f));
            r += char(0x80 | (c & 0x3f));
        }
        Bytes* bytes = bytes_new(vm, r);
        if (!bytes)
            return Value::null();
        return handler_result(vm, Value::from_object(bytes), end);
    }
    std::string_view b;
    get_bytes_like(obj, b);
    if (start + 3 <= int64_t(b.size())) {
        unsigned char c0 = static_cast<unsigned char>(b[size_t(start)]), c1 = static_cast<unsigned char>(b[size_t(start) + 1]),
                      c2 = static_cast<unsigned char>(b[size_t(start) + 2]);
        if ((c0 & 0xf0) == 0xe0 && (c1 & 0xc0) == 0x80 && (c2 & 0xc0) == 0x80) {
            uint32_t cp = (uint32_t(c0 & 0x0f) << 12) | (uint32_t(c1 & 0x3f) << 6) | (c2 & 0x3f);
            if (cp >= 0xd800 && cp <= 0xdfff) {
                std::string r;
                utf8_append(r, cp);
                return handler_result(vm, str_value(vm, r), start + 3);
            }
        }
    }
    vm.restore_error(args[0]);
    return Value::null();
}

// ------------------------------------------------------------------ codec functions

char const* errors_arg(VM& vm, Value v, bool& ok)
{
    ok = true;
    if (v.is_null() || is_none(v))
        return "strict";
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "argument 'errors' must be str or None, not %s", type_name(v));
        ok = false;
        return nullptr;
    }
    return s->c_str();
}

Value encode_result(VM& vm, Value bytes, size_t consumed)
{
    if (bytes.is_null())
        return bytes;
    Value n = TRY(int_from_i64(vm, int64_t(consumed)));
    return Value::from_object(tuple_pack(vm, { bytes, n }));
}

// X_encode(str, errors=None): (bytes, len(str)).
Value encode_with(VM& vm, char const* fname, char const* encoding, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, fname, args, nargs, kwnames, { "str", "errors" }, 1, a, 2))
        return Value::null();
    String* s = as_str(a[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "%s() argument 1 must be str, not %s", fname, type_name(a[0]));
    bool ok;
    char const* errors = errors_arg(vm, a[1], ok);
    if (!ok)
        return Value::null();
    return encode_result(vm, str_encode(vm, s, encoding, errors), s->length);
}

// How many bytes at the end of `data` form an incomplete sequence a later call may
// complete (left unconsumed when final is false).
size_t incomplete_tail(std::string_view encoding, std::string_view data)
{
    size_t n = data.size();
    if (encoding == "utf-8") {
        for (size_t back = 1; back <= 3 && back <= n; ++back) {
            unsigned char c = static_cast<unsigned char>(data[n - back]);
            if ((c & 0xc0) == 0x80)
                continue; // a continuation byte: look further back
            size_t need = (c >= 0xf0 && c <= 0xf4) ? 4 : (c >= 0xe0 && c <= 0xef) ? 3 : (c >= 0xc2 && c <= 0xdf) ? 2 : 0;
            if (need <= back)
                return 0;
            if (back >= 2) {
                unsigned char c1 = static_cast<unsigned char>(data[n - back + 1]);
                bool ok = (c == 0xe0 ? c1 >= 0xa0 : c == 0xed ? c1 <= 0x9f : c == 0xf0 ? c1 >= 0x90 : c == 0xf4 ? c1 <= 0x8f : true);
                if (!ok)
                    return 0;
            }
            return back;
        }
        return 0;
    }
    size_t unit = encoding.substr(0, 6) == "utf-16" ? 2 : encoding.substr(0, 6) == "utf-32" ? 4 : 0;
    if (!unit)
        return 0;
    size_t tail = n % unit;
    if (unit == 2 && n - tail >= 2) {
        // A high surrogate waiting for its pair.
        bool big = encoding == "utf-16-be";
        size_t i = n - tail - 2;
        unsigned u = big ? (static_cast<unsigned char>(data[i]) << 8 | static_cast<unsigned char>(data[i + 1]))
                         : (static_cast<unsigned char>(data[i + 1]) << 8 | static_cast<unsigned char>(data[i]));
        if (encoding != "utf-16" && u >= 0xd800 && u <= 0xdbff)
            tail += 2;
    }
    return tail;
}

// X_decode(data, errors=None, final=False): (str, bytes consumed).
Value decode_with(VM& vm, char const* fname, char const* encoding, Value const* args, size_t nargs, Tuple* kwnames,
                  bool final_default = false)
{
    Value a[3];
    if (!parse_args(vm, fname, args, nargs, kwnames, { "data", "errors", "final" }, 1, a, 3))
        return Value::null();
    std::string_view data;
    if (!get_bytes_like(a[0], data))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
    bool ok;
    char const* errors = errors_arg(vm, a[1], ok);
    if (!ok)
        return Value::null();
    bool final = final_default;
    if (!a[2].is_null()) {
        int t = truthy(vm, a[2]);
        if (t < 0)
            return Value::null();
        final = t;
    }
    std::string copy(data); // decoding may run Python code (error handlers)
    size_t used = copy.size();
    if (!final) {
        used -= incomplete_tail(encoding, copy);
        // A BOM-detecting decoder needs the whole BOM first.
        if ((std::string_view(encoding) == "utf-16" && used < 2) || (std::string_view(encoding) == "utf-32" && used < 4))
            used = 0;
    }
    Value s = TRY(bytes_decode(vm, std::string_view(copy).substr(0, used), encoding, errors));
    return encode_result(vm, s, used);
}

#define SLPY_CODEC_PAIR(prefix, encoding)                                                                   \
    SLPY_C_FN(prefix##_encode) { return encode_with(vm, #prefix "_encode", encoding, args, nargs, kwnames); } \
    SLPY_C_FN(prefix##_decode) { return decode_with(vm, #prefix "_decode", encoding, args, nargs, kwnames); }
SLPY_CODEC_PAIR(utf_8, "utf-8")
SLPY_CODEC_PAIR(utf_16_le, "utf-16-le")
SLPY_CODEC_PAIR(utf_16_be, "utf-16-be")
SLPY_CODEC_PAIR(utf_32_le, "utf-32-le")
SLPY_CODEC_PAIR(utf_32_be, "utf-32-be")
#undef SLPY_CODEC_PAIR

#define SLPY_CODEC_PAIR_FINAL(prefix, encoding)                                                             \
    SLPY_C_FN(prefix##_encode) { return encode_with(vm, #prefix "_encode", encoding, args, nargs, kwnames); } \
    SLPY_C_FN(prefix##_decode) { return decode_with(vm, #prefix "_decode", encoding, args, nargs, kwnames, true); }
SLPY_CODEC_PAIR_FINAL(ascii, "ascii")
SLPY_CODEC_PAIR_FINAL(latin_1, "latin-1")
SLPY_CODEC_PAIR_FINAL(unicode_escape, "unicode_escape")
SLPY_CODEC_PAIR_FINAL(raw_unicode_escape, "raw_unicode_escape")
#undef SLPY_CODEC_PAIR_FINAL

// ------------------------------------------------------------------ UTF-7 (RFC 2152)
// As CPython's: the characters of sets D and O and whitespace are written directly, '+'
// as "+-", the others as base64 UTF-16 between '+' and '-' (the '-' only where the next
// character could be read as base64). Errors name the codec "utf7".

// 0: set D, 1: set O, 2: whitespace (all written directly), 3: base64-encoded.
int utf7_category(uint32_t c)
{
    if (c == 0 || c >= 0x7f)
        return 3;
    if (c == '\t' || c == '\n' || c == '\r' || c == ' ')
        return 2;
    if (c < 0x20 || c == '+' || c == '\\' || c == '~')
        return 3;
    if (std::isalnum(static_cast<int>(c)) || std::strchr("'(),-./:?", static_cast<int>(c)))
        return 0;
    return 1;
}

bool utf7_is_base64(uint32_t c) { return c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '+' || c == '/'); }

char utf7_to_base64(uint32_t n)
{
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[n & 0x3f];
}

uint32_t utf7_from_base64(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ? 62 : 63;
}

SLPY_C_FN(utf_7_encode)
{
    Value a[2];
    if (!parse_args(vm, "utf_7_encode", args, nargs, kwnames, { "str", "errors" }, 1, a, 2))
        return Value::null();
    String* s = as_str(a[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "utf_7_encode() argument 1 must be str, not %s", type_name(a[0]));
    bool ok;
    errors_arg(vm, a[1], ok);
    if (!ok)
        return Value::null();
    std::string out;
    bool in_shift = false;
    int bits = 0;
    uint64_t buffer = 0;
    auto put16 = [&](uint32_t unit) {
        bits += 16;
        buffer = (buffer << 16) | unit;
        while (bits >= 6) {
            out += utf7_to_base64(uint32_t(buffer >> (bits - 6)));
            bits -= 6;
        }
        buffer &= (uint64_t(1) << bits) - 1;
    };
    std::string_view text = s->view();
    for (size_t i = 0; i < text.size();) {
        uint32_t ch = utf8_decode(text, i);
        bool direct = utf7_category(ch) != 3;
        if (in_shift && direct) {
            if (bits)
                out += utf7_to_base64(uint32_t(buffer << (6 - bits)));
            bits = 0;
            buffer = 0;
            in_shift = false;
            if (utf7_is_base64(ch) || ch == '-')
                out += '-';
            out += char(ch);
            continue;
        }
        if (!in_shift) {
            if (ch == '+') {
                out += "+-";
                continue;
            }
            if (direct) {
                out += char(ch);
                continue;
            }
            out += '+';
            in_shift = true;
        }
        if (ch >= 0x10000) {
            put16(0xd800 | ((ch - 0x10000) >> 10));
            put16(0xdc00 | ((ch - 0x10000) & 0x3ff));
        } else {
            put16(ch);
        }
    }
    if (bits)
        out += utf7_to_base64(uint32_t(buffer << (6 - bits)));
    if (in_shift)
        out += '-';
    Bytes* b = bytes_new(vm, out);
    if (!b)
        return Value::null();
    return encode_result(vm, Value::from_object(b), s->length);
}

// utf_7_decode(data, errors=None, final=False): (str, bytes consumed). Not final, an
// unterminated shift sequence is left unconsumed (and its characters unwritten).
SLPY_C_FN(utf_7_decode)
{
    Value a[3];
    if (!parse_args(vm, "utf_7_decode", args, nargs, kwnames, { "data", "errors", "final" }, 1, a, 3))
        return Value::null();
    std::string_view view;
    if (!get_bytes_like(a[0], view))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
    bool ok;
    char const* errors = errors_arg(vm, a[1], ok);
    if (!ok)
        return Value::null();
    bool final = false;
    if (!a[2].is_null()) {
        int t = truthy(vm, a[2]);
        if (t < 0)
            return Value::null();
        final = t;
    }
    Bytes* data = bytes_new(vm, view); // error handlers run Python code
    if (!data)
        return Value::null();
    std::string_view in = data->view();
    size_t n = in.size();
    std::string out;
    bool in_shift = false;
    int bits = 0;
    uint64_t buffer = 0;
    uint32_t surrogate = 0;
    size_t start = 0, shift_out_start = 0, pos = 0;
    // Runs the error handler over in[start, end); false with the error pending.
    auto fail = [&](char const* reason, size_t end) {
        Value object = Value::from_object(data);
        Value uargs[5] = { str_value(vm, "utf7"), object, Value::small_int(int64_t(start)), Value::small_int(int64_t(end)),
                           str_value(vm, reason) };
        for (Value v : uargs)
            if (v.is_null())
                return false;
        Value e = call(vm, Value::from_object(exc::UnicodeDecodeError), uargs, 5);
        if (e.is_null())
            return false;
        if (std::string_view(errors) == "strict") {
            vm.set_error(e);
            return false;
        }
        Value name = str_value(vm, errors);
        Value handler = name.is_null() ? name : lookup_error_handler(vm, name);
        Value r = handler.is_null() ? handler : call1(vm, handler, e);
        if (r.is_null())
            return false;
        Tuple* t = as_tuple(r);
        if (!t || t->size != 2 || !as_str(t->items[0]) || !is_int(t->items[1])) {
            raise(vm, exc::TypeError, "decoding error handler must return (str, int) tuple");
            return false;
        }
        int64_t next;
        if (!index_i64(vm, t->items[1], next))
            return false;
        if (next < 0)
            next += int64_t(n);
        if (next < 0 || next > int64_t(n)) {
            raise_fmt(vm, exc::IndexError, "position %lld from error handler out of bounds", static_cast<long long>(next));
            return false;
        }
        out += as_str(t->items[0])->view();
        pos = size_t(next);
        return true;
    };
    for (;;) {
        while (pos < n) {
            unsigned char ch = static_cast<unsigned char>(in[pos]);
            if (in_shift) {
                if (utf7_is_base64(ch)) {
                    buffer = (buffer << 6) | utf7_from_base64(ch);
                    bits += 6;
                    ++pos;
                    if (bits >= 16) {
                        uint32_t unit = uint32_t(buffer >> (bits - 16)) & 0xffff;
                        bits -= 16;
                        buffer &= (uint64_t(1) << bits) - 1;
                        if (surrogate) {
                            if (unit >= 0xdc00 && unit <= 0xdfff) {
                                utf8_append(out, 0x10000 + ((surrogate - 0xd800) << 10) + (unit - 0xdc00));
                                surrogate = 0;
                                continue;
                            }
                            utf8_append(out, surrogate);
                            surrogate = 0;
                        }
                        if (unit >= 0xd800 && unit <= 0xdbff)
                            surrogate = unit;
                        else
                            utf8_append(out, unit);
                    }
                    continue;
                }
                // Leaving the base64 section.
                in_shift = false;
                if (bits >= 6 || buffer != 0) {
                    ++pos;
                    if (!fail(bits >= 6 ? "partial character in shift sequence" : "non-zero padding bits in shift sequence", pos))
                        return Value::null();
                    continue;
                }
                if (surrogate && ch < 0x80 && ch != '+')
                    utf8_append(out, surrogate);
                surrogate = 0;
                if (ch == '-')
                    ++pos;
                continue;
            }
            if (ch == '+') {
                start = pos++;
                if (pos < n && in[pos] == '-') {
                    ++pos;
                    out += '+';
                } else if (pos < n && !utf7_is_base64(static_cast<unsigned char>(in[pos]))) {
                    ++pos;
                    if (!fail("ill-formed sequence", pos))
                        return Value::null();
                } else {
                    in_shift = true;
                    surrogate = 0;
                    shift_out_start = out.size();
                    bits = 0;
                    buffer = 0;
                }
                continue;
            }
            if (ch < 0x80) {
                out += char(ch);
                ++pos;
                continue;
            }
            start = pos++;
            if (!fail("unexpected special character", pos))
                return Value::null();
        }
        if (in_shift && final) {
            in_shift = false;
            if (surrogate || bits >= 6 || (bits > 0 && buffer != 0)) {
                surrogate = 0;
                if (!fail("unterminated shift sequence", n))
                    return Value::null();
                if (pos < n)
                    continue;
            }
        }
        break;
    }
    size_t consumed = pos;
    if (in_shift && !final) {
        consumed = start;
        out.resize(shift_out_start);
    }
    return encode_result(vm, str_value(vm, out), consumed);
}

// utf_16_encode / utf_32_encode(str, errors=None, byteorder=0): 0 native order with a BOM.
Value utf_wide_encode(VM& vm, char const* fname, int bits, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, fname, args, nargs, kwnames, { "str", "errors", "byteorder" }, 1, a, 3))
        return Value::null();
    String* s = as_str(a[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "%s() argument 1 must be str, not %s", fname, type_name(a[0]));
    bool ok;
    char const* errors = errors_arg(vm, a[1], ok);
    if (!ok)
        return Value::null();
    int64_t order = 0;
    if (!a[2].is_null() && !index_i64(vm, a[2], order))
        return Value::null();
    std::string enc = bits == 16 ? "utf-16" : "utf-32";
    if (order < 0)
        enc += "-le";
    else if (order > 0)
        enc += "-be";
    return encode_result(vm, str_encode(vm, s, enc, errors), s->length);
}

SLPY_C_FN(utf_16_encode) { return utf_wide_encode(vm, "utf_16_encode", 16, args, nargs, kwnames); }
SLPY_C_FN(utf_32_encode) { return utf_wide_encode(vm, "utf_32_encode", 32, args, nargs, kwnames); }
SLPY_C_FN(utf_16_decode) { return decode_with(vm, "utf_16_decode", "utf-16", args, nargs, kwnames); }
SLPY_C_FN(utf_32_decode) { return decode_with(vm, "utf_32_decode", "utf-32", args, nargs, kwnames); }

// utf_16_ex_decode / utf_32_ex_decode(data, errors=None, byteorder=0, final=False):
// (str, consumed, byteorder detected from the BOM).
Value utf_wide_ex_decode(VM& vm, char const* fname, int bits, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, fname, args, nargs, kwnames, { "data", "errors", "byteorder", "final" }, 1, a, 4))
        return Value::null();
    std::string_view data;
    if (!get_bytes_like(a[0], data))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
    int64_t order = 0;
    if (!a[2].is_null() && !index_i64(vm, a[2], order))
        return Value::null();
    std::string base = bits == 16 ? "utf-16" : "utf-32";
    size_t unit = size_t(bits / 8);
    std::string copy(data);
    bool detect = order == 0; // byteorder 0: a leading BOM picks the order and is dropped
    if (order == 0 && copy.size() >= unit) {
        bool le = bits == 16 ? copy.compare(0, 2, "\xff\xfe") == 0 : copy.compare(0, 4, std::string("\xff\xfe\0\0", 4)) == 0;
        bool be = bits == 16 ? copy.compare(0, 2, "\xfe\xff") == 0 : copy.compare(0, 4, std::string("\0\0\xfe\xff", 4)) == 0;
        order = le ? -1 : be ? 1 : 0;
    }
    std::string enc = order < 0 ? base + "-le" : order > 0 ? base + "-be" : base;
    Value rest[3] = { a[0], a[1].is_null() ? py_none() : a[1], a[3].is_null() ? py_false() : a[3] };
    Value r = TRY(decode_with(vm, fname, enc.c_str(), rest, 3, nullptr));
    Tuple* t = as_tuple(r);
    // A leading BOM of the detected order is not part of the text.
    Value text = t->items[0];
    if (order != 0 && detect) {
        String* s = as_str(text);
        if (s && s->length && str_char_at(s, 0) == 0xfeff)
            text = Value::from_object(str_substring(vm, s, 1, s->length));
    }
    return Value::from_object(tuple_pack(vm, { text, t->items[1], Value::small_int(order) }));
}

SLPY_C_FN(utf_16_ex_decode) { return utf_wide_ex_decode(vm, "utf_16_ex_decode", 16, args, nargs, kwnames); }
SLPY_C_FN(utf_32_ex_decode) { return utf_wide_ex_decode(vm, "utf_32_ex_decode", 32, args, nargs, kwnames); }

// escape_encode(bytes, errors=None): the bytes repr's escapes, without quotes.
SLPY_C_FN(escape_encode)
{
    if (!check_nargs(vm, "escape_encode", nargs, 1, 2))
        return Value::null();
    Bytes* b = as_bytes(args[0]);
    if (!b)
        return raise_fmt(vm, exc::TypeError, "escape_encode() argument 1 must be bytes, not %s", type_name(args[0]));
    std::string out;
    for (unsigned char c : b->view()) {
        if (c == '\\' || c == '\'')
            (out += '\\') += char(c);
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c < ' ' || c >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else
            out += char(c);
    }
    Bytes* r = bytes_new(vm, out);
    return encode_result(vm, r ? Value::from_object(r) : Value::null(), b->size);
}

// escape_decode(data, errors=None): the escapes of a bytes literal.
SLPY_C_FN(escape_decode)
{
    if (!check_nargs(vm, "escape_decode", nargs, 1, 2))
        return Value::null();
    std::string_view data;
    if (String* s = as_str(args[0]))
        data = s->view();
    else if (!get_bytes_like(args[0], data))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[0]));
    std::string out;
    size_t n = data.size();
    for (size_t i = 0; i < n;) {
        char c = data[i++];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (i >= n)
            return raise(vm, exc::ValueError, "Trailing \\ in string");
        char e = data[i++];
        switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 't': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 'v': out += '\v'; break;
        case 'a': out += '\a'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = e - '0';
            for (int k = 0; k < 2 && i < n && data[i] >= '0' && data[i] <= '7'; ++k)
                v = v * 8 + (data[i++] - '0');
            out += char(v & 0xff);
            break;
        }
        case 'x': {
            int hi = i < n ? hex_digit_value(data[i]) : -1;
            int lo = i + 1 < n ? hex_digit_value(data[i + 1]) : -1;
            if (hi < 0 || lo < 0)
                return raise_fmt(vm, exc::ValueError, "invalid \\x escape at position %zu", i - 2);
            out += char(hi << 4 | lo);
            i += 2;
            break;
        }
        default:
            out += '\\';
            out += e;
            break;
        }
    }
    Bytes* r = bytes_new(vm, out);
    return encode_result(vm, r ? Value::from_object(r) : Value::null(), n);
}

SLPY_C_FN(readbuffer_encode)
{
    if (!check_nargs(vm, "readbuffer_encode", nargs, 1, 2))
        return Value::null();
    std::string_view data;
    if (String* s = as_str(args[0]))
        data = s->view();
    else if (!get_bytes_like(args[0], data))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[0]));
    Bytes* r = bytes_new(vm, data);
    return encode_result(vm, r ? Value::from_object(r) : Value::null(), data.size());
}

// charmap_build(decoding_table): {code point: byte} (CPython returns an EncodingMap with
// the same lookups).
SLPY_C_FN(charmap_build)
{
    if (!check_nargs(vm, "charmap_build", nargs, 1, 1))
        return Value::null();
    String* s = as_str(args[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "charmap_build() argument must be str, not %s", type_name(args[0]));
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    for (size_t i = 0; i < s->length; ++i) {
        uint32_t cp = str_char_at(s, i);
        if (cp == 0xfffe)
            continue;
        if (!dict_set(vm, d, Value::small_int(cp), Value::small_int(int64_t(i))))
            return Value::null();
    }
    return Value::from_object(d);
}

Value raise_charmap_error(VM& vm, TypeObject* type, Value object, int64_t start, int64_t end, char const* reason)
{
    Value args[5] = { str_value(vm, "charmap"), object, Value::small_int(start), Value::small_int(end), str_value(vm, reason) };
    for (Value v : args)
        if (v.is_null())
            return v;
    Value e = TRY(call(vm, Value::from_object(type), args, 5));
    vm.set_error(e);
    return Value::null();
}

// Runs the error handler `errors` on a charmap error: the replacement and where to go on.
bool charmap_handle(VM& vm, char const* errors, TypeObject* type, Value object, int64_t start, int64_t end,
                    char const* reason, Value& replacement, int64_t& next)
{
    if (std::string_view(errors) == "strict") {
        (void)raise_charmap_error(vm, type, object, start, end, reason);
        return false;
    }
    Value name = str_value(vm, errors);
    if (name.is_null())
        return false;
    Value handler = lookup_error_handler(vm, name);
    if (handler.is_null())
        return false;
    Value args[5] = { str_value(vm, "charmap"), object, Value::small_int(start), Value::small_int(end), str_value(vm, reason) };
    Value e = call(vm, Value::from_object(type), args, 5);
    if (e.is_null())
        return false;
    Value r = call1(vm, handler, e);
    if (r.is_null())
        return false;
    Tuple* t = as_tuple(r);
    if (!t || t->size != 2) {
        raise(vm, exc::TypeError, "encoding error handler must return (str/bytes, int) tuple");
        return false;
    }
    replacement = t->items[0];
    if (!index_i64(vm, t->items[1], next))
        return false;
    return true;
}

SLPY_C_FN(charmap_decode)
{
    Value a[3];
    if (!parse_args(vm, "charmap_decode", args, nargs, kwnames, { "data", "errors", "mapping" }, 1, a, 3))
        return Value::null();
    std::string_view view;
    if (!get_bytes_like(a[0], view))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[0]));
    bool ok;
    char const* errors = errors_arg(vm, a[1], ok);
    if (!ok)
        return Value::null();
    std::string data(view);
    Value mapping = a[2].is_null() ? py_none() : a[2];
    if (is_none(mapping))
        return encode_result(vm, bytes_decode(vm, data, "latin-1", errors), data.size());
    String* table = as_str(mapping);
    std::string out;
    Value object;
    for (int64_t i = 0; i < int64_t(data.size());) {
        unsigned char c = static_cast<unsigned char>(data[size_t(i)]);
        bool undefined = false;
        if (table) {
            if (c < table->length) {
                uint32_t cp = str_char_at(table, c);
                if (cp == 0xfffe)
                    undefined = true;
                else
                    utf8_append(out, cp);
            } else {
                undefined = true;
            }
        } else {
            Value v = getitem(vm, mapping, Value::small_int(c));
            if (v.is_null()) {
                if (!vm.error_matches(exc::LookupError))
                    return Value::null();
                vm.clear_error();
                undefined = true;
            } else if (is_none(v)) {
                undefined = true;
            } else if (String* s = as_str(v)) {
                if (s->length == 1 && str_char_at(s, 0) == 0xfffe)
                    undefined = true;
                else
                    out += s->view();
            } else if (v.is_int()) {
                int64_t cp = v.as_int();
                if (cp < 0 || cp > 0x10ffff)
                    return raise(vm, exc::TypeError, "character mapping must be in range(0x110000)");
                utf8_append(out, uint32_t(cp));
            } else {
                return raise(vm, exc::TypeError, "character mapping must return integer, None or str");
            }
        }
        if (!undefined) {
            ++i;
            continue;
        }
        if (object.is_null()) {
            Bytes* copy = bytes_new(vm, data);
            if (!copy)
                return Value::null();
            object = Value::from_object(copy);
        }
        Value replacement;
        int64_t next;
        if (!charmap_handle(vm, errors, exc::UnicodeDecodeError, object, i, i + 1, "character maps to <undefined>", replacement, next))
            return Value::null();
        String* rs = as_str(replacement);
        if (!rs)
            return raise(vm, exc::TypeError, "decoding error handler must return (str, int) tuple");
        out += rs->view();
        i = next < 0 ? next + int64_t(data.size()) : next;
    }
    return encode_result(vm, str_value(vm, out), data.size());
}

SLPY_C_FN(charmap_encode)
{
    Value a[3];
    if (!parse_args(vm, "charmap_encode", args, nargs, kwnames, { "str", "errors", "mapping" }, 1, a, 3))
        return Value::null();
    String* s = as_str(a[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "charmap_encode() argument 1 must be str, not %s", type_name(a[0]));
    bool ok;
    char const* errors = errors_arg(vm, a[1], ok);
    if (!ok)
        return Value::null();
    Value mapping = a[2].is_null() ? py_none() : a[2];
    if (is_none(mapping))
        return encode_result(vm, str_encode(vm, s, "latin-1", errors), s->length);
    std::string out;
    int64_t n = int64_t(s->length);
    for (int64_t i = 0; i < n;) {
        uint32_t cp = str_char_at(s, size_t(i));
        Value v = getitem(vm, mapping, Value::small_int(cp));
        bool undefined = false;
        if (v.is_null()) {
            if (!vm.error_matches(exc::LookupError))
                return Value::null();
            vm.clear_error();
            undefined = true;
        } else if (is_none(v)) {
            undefined = true;
        } else if (v.is_int()) {
            if (v.as_int() < 0 || v.as_int() > 255)
                return raise(vm, exc::TypeError, "character mapping must be in range(256)");
            out += char(v.as_int());
        } else if (Bytes* b = as_bytes(v)) {
            out += b->view();
        } else {
            return raise(vm, exc::TypeError, "character mapping must return integer, bytes or None, not str");
        }
        if (!undefined) {
            ++i;
            continue;
        }
        // The run of unencodable characters, as CPython reports it.
        int64_t end = i + 1;
        Value replacement;
        int64_t next;
        if (!charmap_handle(vm, errors, exc::UnicodeEncodeError, a[0], i, end, "character maps to <undefined>", replacement, next))
            return Value::null();
        if (Bytes* rb = as_bytes(replacement)) {
            out += rb->view();
        } else if (String* rs = as_str(replacement)) {
            for (size_t k = 0; k < rs->length; ++k) {
                Value m = getitem(vm, mapping, Value::small_int(str_char_at(rs, k)));
                if (m.is_null() || !m.is_int()) {
                    vm.clear_error();
                    return raise_charmap_error(vm, exc::UnicodeEncodeError, a[0], i, end, "character maps to <undefined>");
                }
                out += char(m.as_int());
            }
        }
        i = next < 0 ? next + n : next;
    }
    Bytes* r = bytes_new(vm, out);
    return encode_result(vm, r ? Value::from_object(r) : Value::null(), s->length);
}

#undef SLPY_C_FN

} // namespace

// codecs.lookup(encoding) for the io layer (TextIOWrapper with a codec of the registry):
// the CodecInfo, or null with LookupError pending.
Value codecs_lookup(VM& vm, String* encoding) { return lookup_codec(vm, encoding); }

// The registered handler for `name` (lookup_error); null with LookupError pending.
Value lookup_error_handler(VM& vm, Value name)
{
    Value h = dict_get(vm, state(vm).handlers, name);
    if (h.is_null())
        return h;
    if (h.is_not_found()) {
        String* s = as_str(name);
        return raise_fmt(vm, exc::LookupError, "unknown error handler name '%s'", s ? s->c_str() : "?");
    }
    return h;
}

Module* make_codecs_module(VM& vm)
{
    Module* m = module_new(vm, "_codecs");
    CodecsState& st = state(vm);
    if (!st.search_functions) {
        st.search_functions = list_new(vm);
        st.cache = dict_new(vm);
        st.handlers = dict_new(vm);
        struct Handler {
            char const* name;
            char const* fname;
            NativeFn fn;
        };
        static constexpr Handler kHandlers[] = {
            { "strict", "strict_errors", h_strict }, { "ignore", "ignore_errors", h_ignore },
            { "replace", "replace_errors", h_replace }, { "backslashreplace", "backslashreplace_errors", h_backslashreplace },
            { "xmlcharrefreplace", "xmlcharrefreplace_errors", h_xmlcharrefreplace },
            { "namereplace", "namereplace_errors", h_namereplace }, { "surrogateescape", "surrogateescape", h_surrogateescape },
            { "surrogatepass", "surrogatepass", h_surrogatepass },
        };
        for (Handler const& h : kHandlers)
            (void)dict_set(vm, st.handlers, str_value(vm, h.name), Value::from_object(builtin_function_new(vm, h.fname, h.fn)));
    }
    module_add_functions(vm, m, {
        { "register", c_register }, { "unregister", c_unregister }, { "lookup", c_lookup }, { "encode", c_encode },
        { "decode", c_decode }, { "register_error", c_register_error },
        { "lookup_error", c_lookup_error },
        { "utf_8_encode", utf_8_encode }, { "utf_8_decode", utf_8_decode }, { "utf_7_encode", utf_7_encode },
        { "utf_7_decode", utf_7_decode }, { "utf_16_encode", utf_16_encode }, { "utf_16_decode", utf_16_decode },
        { "utf_16_le_encode", utf_16_le_encode }, { "utf_16_le_decode", utf_16_le_decode },
        { "utf_16_be_encode", utf_16_be_encode }, { "utf_16_be_decode", utf_16_be_decode },
        { "utf_16_ex_decode", utf_16_ex_decode }, { "utf_32_encode", utf_32_encode }, { "utf_32_decode", utf_32_decode },
        { "utf_32_le_encode", utf_32_le_encode }, { "utf_32_le_decode", utf_32_le_decode },
        { "utf_32_be_encode", utf_32_be_encode }, { "utf_32_be_decode", utf_32_be_decode },
        { "utf_32_ex_decode", utf_32_ex_decode }, { "ascii_encode", ascii_encode }, { "ascii_decode", ascii_decode },
        { "latin_1_encode", latin_1_encode }, { "latin_1_decode", latin_1_decode },
        { "unicode_escape_encode", unicode_escape_encode }, { "unicode_escape_decode", unicode_escape_decode },
        { "raw_unicode_escape_encode", raw_unicode_escape_encode }, { "raw_unicode_escape_decode", raw_unicode_escape_decode },
        { "escape_encode", escape_encode }, { "escape_decode", escape_decode }, { "readbuffer_encode", readbuffer_encode },
        { "charmap_build", charmap_build }, { "charmap_decode", charmap_decode }, { "charmap_encode", charmap_encode },
    });
    return m;
}

} // namespace slpy
