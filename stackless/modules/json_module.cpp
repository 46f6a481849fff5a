// The _json module: the native halves of CPython 3.11's json package (scanstring,
// make_scanner, make_encoder, encode_basestring_ascii, encode_basestring), with CPython's
// results, errors and positions. json/decoder.py, scanner.py and encoder.py pick them up
// and fall back to their pure-Python versions for what is not here (indented output).
//
// Strings are UTF-8 inside slpy while JSON positions count code points: the scanner keeps
// a byte offset and a code point index side by side (they are equal for ASCII text).
// Nesting goes through NestingGuard, so a 100000-deep document raises RecursionError
// with CPython's message instead of running off the C stack.
#include "stackless/modules/native_support.h"
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/imports/imports.h"

#include <charconv>
#include <cmath>
#include <string>

namespace slpy {

namespace {

char const kJsonStateKey = 0;

// The module's types, per VM.
struct JsonState : VM::ModuleState {
    explicit JsonState(VM&) {}
    TypeObject* scanner_type = nullptr;
    TypeObject* encoder_type = nullptr;
    void trace(Tracer& t) override
    {
        t.visit(scanner_type);
        t.visit(encoder_type);
    }
};

struct Scanner : Object {
    bool strict;
    Value object_hook;
    Value object_pairs_hook;
    Value parse_float;
    Value parse_int;
    Value parse_constant;
    Dict* memo;
};

void scanner_trace(Object* self, Tracer& t)
{
    auto* s = static_cast<Scanner*>(self);
    t.visit(s->object_hook);
    t.visit(s->object_pairs_hook);
    t.visit(s->parse_float);
    t.visit(s->parse_int);
    t.visit(s->parse_constant);
    t.visit(s->memo);
}

enum class FastEncode : uint8_t { None, Ascii, Unicode };

struct Encoder : Object {
    Value markers; // a dict or None
    Value defaultfn;
    Value encoder;
    Value indent;
    Value key_separator;
    Value item_separator;
    bool sort_keys;
    bool skipkeys;
    bool allow_nan;
    FastEncode fast_encode;
};

void encoder_trace(Object* self, Tracer& t)
{
    auto* e = static_cast<Encoder*>(self);
    t.visit(e->markers);
    t.visit(e->defaultfn);
    t.visit(e->encoder);
    t.visit(e->indent);
    t.visit(e->key_separator);
    t.visit(e->item_separator);
}

#define SLPY_J_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ errors

// json.decoder.JSONDecodeError(msg, doc, pos), raised (CPython's raise_errmsg).
Value raise_errmsg(VM& vm, char const* msg, Value doc, size_t pos)
{
    Value mod = TRY(import_absolute(vm, intern(vm, "json.decoder")));
    Value cls = TRY(getattr(vm, mod, intern(vm, "JSONDecodeError")));
    Value a[3] = { str_value(vm, msg), doc, int_from_u64(vm, pos) };
    if (a[0].is_null() || a[2].is_null())
        return Value::null();
    Value e = TRY(call(vm, cls, a, 3));
    return vm.set_error(e);
}

Value raise_stop(VM& vm, size_t idx)
{
    Tuple* t = tuple_pack(vm, { int_from_u64(vm, idx) });
    if (!t)
        return Value::null();
    return raise_with_args(vm, exc::StopIteration, t);
}

// ------------------------------------------------------------------ scanning

// A position in the document: byte offset and code point index.
struct Pos {
    size_t b;
    size_t c;
};

struct Doc {
    Value str;
    std::string_view text;
};

inline bool is_ws(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

inline void skip_ws(Doc const& d, Pos& p)
{
    while (p.b < d.text.size() && is_ws(d.text[p.b])) {
        ++p.b;
        ++p.c;
    }
}

int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

// Four hex digits at byte b (which must be in range); -1 when one is not a hex digit.
int read_hex4(std::string_view t, size_t b)
{
    int v = 0;
    for (size_t i = 0; i < 4; ++i) {
        int h = hex_value(t[b + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

// The string whose opening quote is just before `p`; on success p is past the closing
// quote. CPython's scanstring_unicode.
Value scan_string(VM& vm, Doc const& d, Pos& p, bool strict)
{
    std::string_view t = d.text;
    size_t begin_c = p.c - 1;
    std::string out;
    size_t b = p.b, c = p.c;
    for (;;) {
        // The run of plain characters up to a quote, backslash or (strict) control char.
        size_t run = b;
        size_t run_c = c;
        while (b < t.size()) {
            unsigned char ch = t[b];
            if (ch == '"' || ch == '\\')
                break;
            if (ch < 0x20 && strict) {
                return raise_errmsg(vm, "Invalid control character at", d.str, c);
            }
            if ((ch & 0xC0) != 0x80)
                ++c;
            ++b;
        }
        (void)run_c;
        if (b >= t.size())
            return raise_errmsg(vm, "Unterminated string starting at", d.str, begin_c);
        out.append(t.data() + run, b - run);
        if (t[b] == '"') {
            ++b;
            ++c;
            break;
        }
        // A backslash escape.
        ++b;
        ++c;
        if (b >= t.size())
            return raise_errmsg(vm, "Unterminated string starting at", d.str, begin_c);
        char esc = t[b];
        if (esc != 'u') {
            char r;
            switch (esc) {
            case '"': r = '"'; break;
            case '\\': r = '\\'; break;
            case '/': r = '/'; break;
            case 'b': r = '\b'; break;
            case 'f': r = '\f'; break;
            case 'n': r = '\n'; break;
            case 'r': r = '\r'; break;
            case 't': r = '\t'; break;
            default: return raise_errmsg(vm, "Invalid \\escape", d.str, c - 1);
            }
            out.push_back(r);
            ++b;
            ++c;
            continue;
        }
        // \uXXXX, and a following \uXXXX low surrogate joined to a high one.
        size_t u_c = c;
        ++b;
        ++c;
        if (b + 4 >= t.size())
            return raise_errmsg(vm, "Invalid \\uXXXX escape", d.str, u_c);
        int cp = read_hex4(t, b);
        if (cp < 0)
            return raise_errmsg(vm, "Invalid \\uXXXX escape", d.str, u_c);
        b += 4;
        c += 4;
        if (cp >= 0xd800 && cp <= 0xdbff && b + 6 < t.size() && t[b] == '\\' && t[b + 1] == 'u') {
            int lo = read_hex4(t, b + 2);
            if (lo < 0)
                return raise_errmsg(vm, "Invalid \\uXXXX escape", d.str, c + 1);
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                cp = 0x10000 + (((cp - 0xd800) << 10) | (lo - 0xdc00));
                b += 6;
                c += 6;
            }
        }
        utf8_append(out, uint32_t(cp));
    }
    p.b = b;
    p.c = c;
    return str_value(vm, out);
}

Value scan_once(VM& vm, Scanner* s, Doc const& d, Pos& p);

Value match_number(VM& vm, Scanner* s, Doc const& d, Pos& p)
{
    std::string_view t = d.text;
    size_t start = p.b;
    size_t i = start;
    size_t n = t.size();
    auto digit = [&](size_t k) { return k < n && t[k] >= '0' && t[k] <= '9'; };
    if (i < n && t[i] == '-')
        ++i;
    if (i < n && t[i] >= '1' && t[i] <= '9') {
        ++i;
        while (digit(i))
            ++i;
    } else if (i < n && t[i] == '0') {
        ++i;
    } else {
        return raise_stop(vm, p.c);
    }
    bool is_float = false;
    if (i + 1 < n && t[i] == '.' && digit(i + 1)) {
        is_float = true;
        i += 2;
        while (digit(i))
            ++i;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        size_t e_start = i;
        ++i;
        if (i < n && (t[i] == '-' || t[i] == '+'))
            ++i;
        while (digit(i))
            ++i;
        if (digit(i - 1))
            is_float = true;
        else
            i = e_start;
    }
    std::string_view num = t.substr(start, i - start);
    p.b = i;
    p.c += i - start;
    Value custom = Value::null();
    if (is_float && !s->parse_float.is(Value::from_object(types.float_)))
        custom = s->parse_float;
    else if (!is_float && !s->parse_int.is(Value::from_object(types.int_)))
        custom = s->parse_int;
    if (!custom.is_null())
        return call1(vm, custom, str_value(vm, num));
    if (is_float) {
        double v = 0;
        auto r = std::from_chars(num.data(), num.data() + num.size(), v);
        if (r.ec == std::errc::result_out_of_range) // from_chars leaves v alone: overflow is inf, underflow 0
            v = (num.find_first_of("eE") != std::string_view::npos && num[num.find_first_of("eE") + 1] == '-') ? 0.0 : HUGE_VAL;
        if (num[0] == '-' && v > 0)
            v = -v;
        return Value::from_double(v);
    }
    if (num.size() <= 18) {
        int64_t v = 0;
        std::from_chars(num.data(), num.data() + num.size(), v);
        return int_from_i64(vm, v);
    }
    return int_from_string(vm, num, 10);
}

Value parse_array(VM& vm, Scanner* s, Doc const& d, Pos& p)
{
    std::string_view t = d.text;
    List* list = list_new(vm);
    if (!list)
        return Value::null();
    ++p.b;
    ++p.c;
    skip_ws(d, p);
    if (p.b >= t.size() || t[p.b] != ']') {
        for (;;) {
            Value v = TRY(scan_once(vm, s, d, p));
            if (!list_append(vm, list, v))
                return Value::null();
            skip_ws(d, p);
            if (p.b < t.size() && t[p.b] == ']')
                break;
            if (p.b >= t.size() || t[p.b] != ',')
                return raise_errmsg(vm, "Expecting ',' delimiter", d.str, p.c);
            ++p.b;
            ++p.c;
            skip_ws(d, p);
        }
    }
    ++p.b;
    ++p.c;
    return Value::from_object(list);
}

Value parse_object(VM& vm, Scanner* s, Doc const& d, Pos& p)
{
    std::string_view t = d.text;
    bool pairs = !is_none(s->object_pairs_hook);
    List* plist = nullptr;
    Dict* dict = nullptr;
    if (pairs)
        plist = list_new(vm);
    else
        dict = dict_new(vm);
    if (!plist && !dict)
        return Value::null();
    ++p.b;
    ++p.c;
    skip_ws(d, p);
    if (p.b >= t.size() || t[p.b] != '}') {
        for (;;) {
            if (p.b >= t.size() || t[p.b] != '"')
                return raise_errmsg(vm, "Expecting property name enclosed in double quotes", d.str, p.c);
            ++p.b;
            ++p.c;
            Value key = TRY(scan_string(vm, d, p, s->strict));
            key = TRY(dict_setdefault(vm, s->memo, key, key));
            skip_ws(d, p);
            if (p.b >= t.size() || t[p.b] != ':')
                return raise_errmsg(vm, "Expecting ':' delimiter", d.str, p.c);
            ++p.b;
            ++p.c;
            skip_ws(d, p);
            Value v = TRY(scan_once(vm, s, d, p));
            if (pairs) {
                if (!list_append(vm, plist, Value::from_object(tuple_pack(vm, { key, v }))))
                    return Value::null();
            } else if (!dict_set(vm, dict, key, v)) {
                return Value::null();
            }
            skip_ws(d, p);
            if (p.b < t.size() && t[p.b] == '}')
                break;
            if (p.b >= t.size() || t[p.b] != ',')
                return raise_errmsg(vm, "Expecting ',' delimiter", d.str, p.c);
            ++p.b;
            ++p.c;
            skip_ws(d, p);
        }
    }
    ++p.b;
    ++p.c;
    if (pairs)
        return call1(vm, s->object_pairs_hook, Value::from_object(plist));
    if (!is_none(s->object_hook))
        return call1(vm, s->object_hook, Value::from_object(dict));
    return Value::from_object(dict);
}

bool match_word(std::string_view t, size_t b, std::string_view word) { return t.substr(b, word.size()) == word; }

Value scan_constant(VM& vm, Scanner* s, Pos& p, std::string_view word)
{
    p.b += word.size();
    p.c += word.size();
    return call1(vm, s->parse_constant, str_value(vm, word));
}

// One value at p (CPython's scan_once_unicode): StopIteration(idx) when none starts there.
Value scan_once(VM& vm, Scanner* s, Doc const& d, Pos& p)
{
    std::string_view t = d.text;
    if (p.b >= t.size())
        return raise_stop(vm, p.c);
    switch (t[p.b]) {
    case '"':
        ++p.b;
        ++p.c;
        return scan_string(vm, d, p, s->strict);
    case '{': {
        NestingGuard guard(vm, " while decoding a JSON object from a unicode string");
        if (!guard.ok())
            return Value::null();
        return parse_object(vm, s, d, p);
    }
    case '[': {
        NestingGuard guard(vm, " while decoding a JSON array from a unicode string");
        if (!guard.ok())
            return Value::null();
        return parse_array(vm, s, d, p);
    }
    case 'n':
        if (match_word(t, p.b, "null")) {
            p.b += 4;
            p.c += 4;
            return py_none();
        }
        break;
    case 't':
        if (match_word(t, p.b, "true")) {
            p.b += 4;
            p.c += 4;
            return py_true();
        }
        break;
    case 'f':
        if (match_word(t, p.b, "false")) {
            p.b += 5;
            p.c += 5;
            return py_false();
        }
        break;
    case 'N':
        if (match_word(t, p.b, "NaN"))
            return scan_constant(vm, s, p, "NaN");
        break;
    case 'I':
        if (match_word(t, p.b, "Infinity"))
            return scan_constant(vm, s, p, "Infinity");
        break;
    case '-':
        if (match_word(t, p.b, "-Infinity"))
            return scan_constant(vm, s, p, "-Infinity");
        break;
    default: break;
    }
    return match_number(vm, s, d, p);
}

// The byte offset of code point `idx` in s (idx <= length).
size_t byte_offset(String* s, size_t idx)
{
    if (s->is_ascii() || idx == 0)
        return idx;
    if (idx >= s->length)
        return s->byte_length;
    return str_byte_offset(s, idx);
}

bool index_arg(VM& vm, Value v, int64_t& out) { return index_i64(vm, v, out); }

// scanstring(string, end, strict=True) -> (str, end)
SLPY_J_FN(py_scanstring)
{
    if (!check_no_kwargs(vm, "scanstring", kwnames) || !check_nargs(vm, "scanstring", nargs, 2, 3))
        return Value::null();
    String* s = as_str(args[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "first argument must be a string, not %.80s", type_name(args[0]));
    int64_t end;
    if (!index_arg(vm, args[1], end))
        return Value::null();
    bool strict = true;
    if (nargs > 2) {
        int64_t st;
        if (!index_arg(vm, args[2], st))
            return Value::null();
        strict = st != 0;
    }
    if (end < 0 || size_t(end) > s->length)
        return raise(vm, exc::ValueError, "end is out of bounds");
    Doc d { args[0], s->view() };
    Pos p { byte_offset(s, size_t(end)), size_t(end) };
    Value r = TRY(scan_string(vm, d, p, strict));
    return Value::from_object(tuple_pack(vm, { r, int_from_u64(vm, p.c) }));
}

// make_scanner(context)
SLPY_J_FN(scanner_new)
{
    Value a[1];
    if (!parse_args(vm, "make_scanner", args + 1, nargs - 1, kwnames, { "context" }, 1, a))
        return Value::null();
    TypeObject* type = static_cast<TypeObject*>(args[0].as_object());
    Value ctx = a[0];
    Value strict = TRY(getattr(vm, ctx, intern(vm, "strict")));
    int st = truthy(vm, strict);
    if (st < 0)
        return Value::null();
    Value oh = TRY(getattr(vm, ctx, intern(vm, "object_hook")));
    Value oph = TRY(getattr(vm, ctx, intern(vm, "object_pairs_hook")));
    Value pf = TRY(getattr(vm, ctx, intern(vm, "parse_float")));
    Value pi = TRY(getattr(vm, ctx, intern(vm, "parse_int")));
    Value pc = TRY(getattr(vm, ctx, intern(vm, "parse_constant")));
    Dict* memo = dict_new(vm);
    if (!memo)
        return Value::null();
    auto* s = static_cast<Scanner*>(alloc_instance(vm, type)); // type may be a subclass
    if (!s)
        return Value::null();
    s->strict = st != 0;
    s->object_hook = oh;
    s->object_pairs_hook = oph;
    s->parse_float = pf;
    s->parse_int = pi;
    s->parse_constant = pc;
    s->memo = memo;
    return Value::from_object(s);
}

// scanner(string, idx) -> (value, end)
SLPY_J_FN(scanner_call)
{
    Value a[2];
    if (!parse_args(vm, "scan_once", args + 1, nargs - 1, kwnames, { "string", "idx" }, 2, a))
        return Value::null();
    auto* s = static_cast<Scanner*>(args[0].as_object());
    String* str = as_str(a[0]);
    if (!str)
        return raise_fmt(vm, exc::TypeError, "first argument must be a string, not %.80s", type_name(a[0]));
    int64_t idx;
    if (!index_arg(vm, a[1], idx))
        return Value::null();
    if (idx < 0)
        return raise(vm, exc::ValueError, "idx cannot be negative");
    if (size_t(idx) >= str->length)
        return raise_stop(vm, size_t(idx));
    Doc d { a[0], str->view() };
    Pos p { byte_offset(str, size_t(idx)), size_t(idx) };
    Value r = scan_once(vm, s, d, p);
    dict_clear(s->memo);
    if (r.is_null())
        return r;
    return Value::from_object(tuple_pack(vm, { r, int_from_u64(vm, p.c) }));
}

// ------------------------------------------------------------------ encoding

void append_hex4(std::string& out, uint32_t v)
{
    static char const digits[] = "0123456789abcdef";
    out += "\\u";
    out.push_back(digits[(v >> 12) & 15]);
    out.push_back(digits[(v >> 8) & 15]);
    out.push_back(digits[(v >> 4) & 15]);
    out.push_back(digits[v & 15]);
}

// Appends the JSON string literal of `text` (ascii: \u-escape every non-ASCII character).
void encode_string(std::string& out, std::string_view text, bool ascii)
{
    out.push_back('"');
    size_t i = 0;
    while (i < text.size()) {
        unsigned char ch = text[i];
        if (ch >= 0x80) {
            if (!ascii) {
                // Copy the whole non-ASCII run as it is.
                size_t j = i + 1;
                while (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80)
                    ++j;
                out.append(text.data() + i, j - i);
                i = j;
                continue;
            }
            uint32_t cp = utf8_decode(text, i);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                append_hex4(out, 0xd800 | (cp >> 10));
                append_hex4(out, 0xdc00 | (cp & 0x3ff));
            } else {
                append_hex4(out, cp);
            }
            continue;
        }
        ++i;
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (ch < 0x20 || (ascii && ch == 0x7f))
                append_hex4(out, ch);
            else
                out.push_back(char(ch));
        }
    }
    out.push_back('"');
}

Value encode_basestring_impl(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool ascii)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 1, 1))
        return Value::null();
    String* s = as_str(args[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "first argument must be a string, not %.80s", type_name(args[0]));
    std::string out;
    encode_string(out, s->view(), ascii);
    return str_value(vm, out);
}

SLPY_J_FN(py_encode_basestring_ascii) { return encode_basestring_impl(vm, args, nargs, kwnames, "encode_basestring_ascii", true); }
SLPY_J_FN(py_encode_basestring) { return encode_basestring_impl(vm, args, nargs, kwnames, "encode_basestring", false); }

// make_encoder(markers, default, encoder, indent, key_separator, item_separator,
//              sort_keys, skipkeys, allow_nan)
SLPY_J_FN(encoder_new)
{
    Value a[9];
    if (!parse_args(vm, "make_encoder", args + 1, nargs - 1, kwnames,
                    { "markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys", "skipkeys", "allow_nan" },
                    9, a))
        return Value::null();
    TypeObject* type = static_cast<TypeObject*>(args[0].as_object());
    if (!is_none(a[0]) && !as_dict(a[0]))
        return raise_fmt(vm, exc::TypeError, "make_encoder() argument 1 must be dict or None, not %.200s", type_name(a[0]));
    for (int i : { 4, 5 })
        if (!is_str(a[i]))
            return raise_fmt(vm, exc::TypeError, "make_encoder() argument %d must be str, not %.50s", i + 1, type_name(a[i]));
    int flags[3];
    for (int i = 0; i < 3; ++i)
        if ((flags[i] = truthy(vm, a[6 + i])) < 0)
            return Value::null();
    auto* e = static_cast<Encoder*>(alloc_instance(vm, type)); // type may be a subclass
    if (!e)
        return Value::null();
    e->markers = a[0];
    e->defaultfn = a[1];
    e->encoder = a[2];
    e->indent = a[3];
    e->key_separator = a[4];
    e->item_separator = a[5];
    e->sort_keys = flags[0];
    e->skipkeys = flags[1];
    e->allow_nan = flags[2];
    e->fast_encode = FastEncode::None;
    if (a[2].is_object() && type_of(a[2]) == types.builtin_function) {
        NativeFn fn = static_cast<BuiltinFunction*>(a[2].as_object())->fn;
        if (fn == py_encode_basestring_ascii)
            e->fast_encode = FastEncode::Ascii;
        else if (fn == py_encode_basestring)
            e->fast_encode = FastEncode::Unicode;
    }
    return Value::from_object(e);
}

bool encode_obj(VM& vm, Encoder* e, std::string& out, Value obj);

bool encode_str(VM& vm, Encoder* e, std::string& out, Value obj)
{
    if (e->fast_encode != FastEncode::None) {
        encode_string(out, as_str(obj)->view(), e->fast_encode == FastEncode::Ascii);
        return true;
    }
    Value r = call1(vm, e->encoder, obj);
    if (r.is_null())
        return false;
    String* s = as_str(r);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "encoder() must return a string, not %.80s", type_name(r));
        return false;
    }
    out.append(s->view());
    return true;
}

bool encode_float(VM& vm, Encoder* e, std::string& out, Value obj)
{
    double d = float_unwrap(obj);
    if (!std::isfinite(d)) {
        if (!e->allow_nan) {
            raise(vm, exc::ValueError, "Out of range float values are not JSON compliant");
            return false;
        }
        out += d > 0 ? "Infinity" : d < 0 ? "-Infinity" : "NaN";
        return true;
    }
    out += float_repr_string(d);
    return true;
}

bool encode_int(VM& vm, std::string& out, Value obj)
{
    if (obj.is_int()) { // an inline small int: no str object needed
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, obj.as_int());
        out.append(buf, size_t(r.ptr - buf));
        return true;
    }
    Value r = int_repr(vm, int_unwrap(obj));
    if (r.is_null())
        return false;
    out.append(as_str(r)->view());
    return true;
}

// Marks a container as being encoded (the markers dict keyed by its identity): false with
// "Circular reference detected" when it already is. `ident` receives the key.
bool mark(VM& vm, Encoder* e, Value obj, Value& ident)
{
    ident = Value::null();
    if (is_none(e->markers))
        return true;
    Dict* markers = as_dict(e->markers);
    ident = int_from_u64(vm, obj.bits());
    if (ident.is_null())
        return false;
    int has = contains(vm, e->markers, ident);
    if (has < 0)
        return false;
    if (has) {
        raise(vm, exc::ValueError, "Circular reference detected");
        return false;
    }
    return dict_set(vm, markers, ident, obj);
}

bool unmark(VM& vm, Encoder* e, Value ident)
{
    if (ident.is_null())
        return true;
    return dict_del(vm, as_dict(e->markers), ident) >= 0;
}

bool encode_sequence(VM& vm, Encoder* e, std::string& out, Value seq)
{
    auto items = [&](size_t& n) -> Value const* {
        if (List* l = as_list(seq)) {
            n = l->size;
            return l->items();
        }
        Tuple* t = as_tuple(seq);
        n = t->size;
        return t->items;
    };
    size_t n;
    items(n);
    if (n == 0) {
        out += "[]";
        return true;
    }
    Value ident;
    if (!mark(vm, e, seq, ident))
        return false;
    out.push_back('[');
    // The list may change under default() or encoder(): re-read it at each item.
    for (size_t i = 0;; ++i) {
        Value const* v = items(n);
        if (i >= n)
            break;
        if (i > 0)
            out.append(as_str(e->item_separator)->view());
        if (!encode_obj(vm, e, out, v[i]))
            return false;
    }
    out.push_back(']');
    return unmark(vm, e, ident);
}

bool encode_dict(VM& vm, Encoder* e, std::string& out, Value obj)
{
    Dict* d = as_dict(obj);
    if (d->used == 0) {
        out += "{}";
        return true;
    }
    Value ident;
    if (!mark(vm, e, obj, ident))
        return false;
    // The (key, value) pairs, as CPython's PyMapping_Items: items() for a subclass. An
    // exact dict that needs no sorting is copied flat (k0, v0, k1, v1, ...), which saves
    // a tuple per item; either way default() and encoder() cannot disturb the walk.
    List* items;
    bool flat = false;
    if (type_of(obj) == types.dict) {
        flat = !e->sort_keys;
        items = list_new(vm, flat ? 2 * d->used : d->used);
        if (!items)
            return false;
        size_t pos = 0;
        Value k, v;
        while (dict_next(d, pos, k, v)) {
            bool ok = flat ? list_append(vm, items, k) && list_append(vm, items, v)
                           : list_append(vm, items, Value::from_object(tuple_pack(vm, { k, v })));
            if (!ok)
                return false;
        }
    } else {
        Value it = call_method(vm, obj, intern(vm, "items"), nullptr, 0);
        if (it.is_null())
            return false;
        items = list_from_iterable(vm, it);
        if (!items)
            return false;
    }
    if (e->sort_keys && !list_sort(vm, items, Value::null(), false))
        return false;
    out.push_back('{');
    bool first = true;
    for (size_t i = 0; i < items->size; i += flat ? 2 : 1) {
        Value key, value;
        if (flat) {
            key = items->items()[i];
            value = items->items()[i + 1];
        } else {
            Tuple* pair = as_tuple(items->items()[i]);
            if (!pair || pair->size != 2) {
                raise(vm, exc::ValueError, "items must return tuples of 2 elements");
                return false;
            }
            key = pair->items[0];
            value = pair->items[1];
        }
        std::string kstr;
        Value kobj = key;
        if (is_str(key)) {
        } else if (is_float(key)) {
            if (!encode_float(vm, e, kstr, key))
                return false;
        } else if (key.is(py_true()) || key.is(py_false()) || is_none(key)) {
            kstr = key.is(py_true()) ? "true" : key.is(py_false()) ? "false" : "null";
        } else if (is_int(key)) {
            if (!encode_int(vm, kstr, key))
                return false;
        } else if (e->skipkeys) {
            continue;
        } else {
            raise_fmt(vm, exc::TypeError, "keys must be str, int, float, bool or None, not %.100s", type_name(key));
            return false;
        }
        if (!is_str(key)) {
            kobj = str_value(vm, kstr);
            if (kobj.is_null())
                return false;
        }
        if (!first)
            out.append(as_str(e->item_separator)->view());
        first = false;
        if (!encode_str(vm, e, out, kobj))
            return false;
        out.append(as_str(e->key_separator)->view());
        if (!encode_obj(vm, e, out, value))
            return false;
    }
    out.push_back('}');
    return unmark(vm, e, ident);
}

// CPython's encoder_listencode_obj.
bool encode_obj(VM& vm, Encoder* e, std::string& out, Value obj)
{
    if (is_none(obj)) {
        out += "null";
        return true;
    }
    if (obj.is(py_true())) {
        out += "true";
        return true;
    }
    if (obj.is(py_false())) {
        out += "false";
        return true;
    }
    if (is_str(obj))
        return encode_str(vm, e, out, obj);
    if (is_int(obj))
        return encode_int(vm, out, obj);
    if (is_float(obj))
        return encode_float(vm, e, out, obj);
    if (as_list(obj) || as_tuple(obj)) {
        NestingGuard guard(vm, " while encoding a JSON object");
        return guard.ok() && encode_sequence(vm, e, out, obj);
    }
    if (as_dict(obj)) {
        NestingGuard guard(vm, " while encoding a JSON object");
        return guard.ok() && encode_dict(vm, e, out, obj);
    }
    Value ident;
    if (!mark(vm, e, obj, ident))
        return false;
    Value r = call1(vm, e->defaultfn, obj);
    if (r.is_null())
        return false;
    {
        NestingGuard guard(vm, " while encoding a JSON object");
        if (!guard.ok() || !encode_obj(vm, e, out, r))
            return false;
    }
    return unmark(vm, e, ident);
}

// encoder(obj, _current_indent_level) -> [text]
SLPY_J_FN(encoder_call)
{
    Value a[2];
    if (!parse_args(vm, "_iterencode", args + 1, nargs - 1, kwnames, { "obj", "_current_indent_level" }, 2, a))
        return Value::null();
    auto* e = static_cast<Encoder*>(args[0].as_object());
    int64_t level;
    if (!index_arg(vm, a[1], level))
        return Value::null();
    std::string out;
    if (!encode_obj(vm, e, out, a[0]))
        return Value::null();
    Value text = TRY(str_value(vm, out));
    return Value::from_object(list_from_array(vm, &text, 1));
}

// Read-only attributes of the scanner and encoder objects.
template<typename T, Value T::*Field>
SLPY_J_FN(get_field)
{
    return static_cast<T*>(args[0].as_object())->*Field;
}
template<typename T, bool T::*Field>
SLPY_J_FN(get_flag)
{
    return py_bool(static_cast<T*>(args[0].as_object())->*Field);
}

#undef SLPY_J_FN

JsonState& setup_types(VM& vm)
{
    JsonState& st = module_state<JsonState>(vm, &kJsonStateKey);
    if (st.scanner_type)
        return st;
    st.scanner_type = make_builtin_type(vm, "Scanner", nullptr, sizeof(Scanner), 0, scanner_trace);
    st.encoder_type = make_builtin_type(vm, "Encoder", nullptr, sizeof(Encoder), 0, encoder_trace);
    set_native_type_module(vm, st.scanner_type, "_json");
    set_native_type_module(vm, st.encoder_type, "_json");
    add_methods(vm, st.scanner_type, { { "__new__", scanner_new, METH_STATIC }, { "__call__", scanner_call } });
    add_getsets(vm, st.scanner_type, {
        { "strict", get_flag<Scanner, &Scanner::strict> },
        { "object_hook", get_field<Scanner, &Scanner::object_hook> },
        { "object_pairs_hook", get_field<Scanner, &Scanner::object_pairs_hook> },
        { "parse_float", get_field<Scanner, &Scanner::parse_float> },
        { "parse_int", get_field<Scanner, &Scanner::parse_int> },
        { "parse_constant", get_field<Scanner, &Scanner::parse_constant> },
    });
    add_methods(vm, st.encoder_type, { { "__new__", encoder_new, METH_STATIC }, { "__call__", encoder_call } });
    add_getsets(vm, st.encoder_type, {
        { "markers", get_field<Encoder, &Encoder::markers> },
        { "default", get_field<Encoder, &Encoder::defaultfn> },
        { "encoder", get_field<Encoder, &Encoder::encoder> },
        { "indent", get_field<Encoder, &Encoder::indent> },
        { "key_separator", get_field<Encoder, &Encoder::key_separator> },
        { "item_separator", get_field<Encoder, &Encoder::item_separator> },
        { "sort_keys", get_flag<Encoder, &Encoder::sort_keys> },
        { "skipkeys", get_flag<Encoder, &Encoder::skipkeys> },
    });
    finish_builtin_type(vm, st.scanner_type);
    finish_builtin_type(vm, st.encoder_type);
    return st;
}

} // namespace

Module* make_json_module(VM& vm)
{
    JsonState& st = setup_types(vm);
    Module* m = module_new(vm, "_json");
    module_add_functions(vm, m, {
        { "scanstring", py_scanstring },
        { "encode_basestring_ascii", py_encode_basestring_ascii },
        { "encode_basestring", py_encode_basestring },
    });
    module_add(vm, m, "make_scanner", Value::from_object(st.scanner_type));
    module_add(vm, m, "make_encoder", Value::from_object(st.encoder_type));
    return m;
}

} // namespace slpy
