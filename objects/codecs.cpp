// The built-in codecs: utf-8, ascii and latin-1, for str.encode / bytes.decode / str().
//
// Error handlers: strict, ignore, replace, backslashreplace, xmlcharrefreplace (encode),
// surrogateescape, surrogatepass (utf-8). Errors raise UnicodeEncodeError /
// UnicodeDecodeError with CPython's messages; the exception carries the attributes
// encoding, object, start, end and reason (in its instance dict).
#include "objects/exceptions.h"
#include "objects/str_internal.h"

#include <cctype>
#include <cstdio>

namespace slpy {

namespace {

enum class Codec { UTF8, ASCII, LATIN1, NONE };

Codec lookup_codec(std::string_view name, char const*& canonical)
{
    std::string n;
    for (char c : name)
        n += (c == '_' || c == ' ') ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (n == "utf-8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001") {
        canonical = "utf-8";
        return Codec::UTF8;
    }
    if (n == "ascii" || n == "us-ascii" || n == "646" || n == "us") {
        canonical = "ascii";
        return Codec::ASCII;
    }
    if (n == "latin-1" || n == "latin1" || n == "latin" || n == "iso-8859-1" || n == "iso8859-1" ||
        n == "8859" || n == "cp819" || n == "l1" || n == "iso-ir-100" || n == "iso-8859-1:1987") {
        canonical = "latin-1";
        return Codec::LATIN1;
    }
    canonical = nullptr;
    return Codec::NONE;
}

enum class Handler { STRICT, IGNORE, REPLACE, BACKSLASH, XMLCHARREF, SURROGATEESCAPE, SURROGATEPASS, UNKNOWN };

Handler lookup_handler(std::string_view errors)
{
    if (errors == "strict")
        return Handler::STRICT;
    if (errors == "ignore")
        return Handler::IGNORE;
    if (errors == "replace")
        return Handler::REPLACE;
    if (errors == "backslashreplace")
        return Handler::BACKSLASH;
    if (errors == "xmlcharrefreplace")
        return Handler::XMLCHARREF;
    if (errors == "surrogateescape")
        return Handler::SURROGATEESCAPE;
    if (errors == "surrogatepass")
        return Handler::SURROGATEPASS;
    return Handler::UNKNOWN;
}

Value raise_unknown_handler(VM& vm, std::string_view errors)
{
    return raise_fmt(vm, exc::LookupError, "unknown error handler name '%.*s'", static_cast<int>(errors.size()), errors.data());
}

// Builds and raises a UnicodeEncodeError / UnicodeDecodeError.
Value raise_unicode_error(VM& vm, TypeObject* type, char const* encoding, Value object, int64_t start, int64_t end,
                          char const* reason, std::string const& message)
{
    Value msg = str_value(vm, message);
    Value e = TRY(exception_new(vm, type, tuple_pack(vm, { msg })));
    if (!setattr(vm, e, names.encoding, str_value(vm, encoding)) || !setattr(vm, e, names.object, object) ||
        !setattr(vm, e, names.start, Value::small_int(start)) || !setattr(vm, e, names.end, Value::small_int(end)) ||
        !setattr(vm, e, names.reason, str_value(vm, reason)))
        return Value::null();
    return vm.set_error(e);
}

Value raise_encode_error(VM& vm, char const* encoding, String* s, std::u32string const& text, size_t start, size_t end,
                         char const* reason)
{
    char buf[256];
    if (end == start + 1) {
        std::string ch;
        uint32_t cp = text[start];
        char esc[16];
        if (cp <= 0xFF)
            std::snprintf(esc, sizeof esc, "\\x%02x", cp);
        else if (cp <= 0xFFFF)
            std::snprintf(esc, sizeof esc, "\\u%04x", cp);
        else
            std::snprintf(esc, sizeof esc, "\\U%08x", cp);
        std::snprintf(buf, sizeof buf, "'%s' codec can't encode character '%s' in position %zu: %s", encoding, esc, start, reason);
    } else
        std::snprintf(buf, sizeof buf, "'%s' codec can't encode characters in position %zu-%zu: %s", encoding, start, end - 1, reason);
    return raise_unicode_error(vm, exc::UnicodeEncodeError, encoding, Value::from_object(s), static_cast<int64_t>(start),
                               static_cast<int64_t>(end), reason, buf);
}

Value raise_decode_error(VM& vm, char const* encoding, std::string_view data, size_t start, size_t end, char const* reason)
{
    char buf[256];
    if (end == start + 1)
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode byte 0x%02x in position %zu: %s", encoding,
                      static_cast<unsigned char>(data[start]), start, reason);
    else
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode bytes in position %zu-%zu: %s", encoding, start, end - 1, reason);
    Value obj = Value::from_object(bytes_new(vm, data));
    return raise_unicode_error(vm, exc::UnicodeDecodeError, encoding, obj, static_cast<int64_t>(start),
                               static_cast<int64_t>(end), reason, buf);
}

// ------------------------------------------------------------------ encode

Value encode(VM& vm, String* s, Codec codec, char const* encoding, std::string_view errors)
{
    // Fast paths: nothing can fail.
    if (codec == Codec::UTF8 || s->is_ascii()) {
        bool has_surrogate = false;
        if (!s->is_ascii()) {
            std::string_view v = s->view();
            for (size_t i = 0; i + 1 < v.size() && !has_surrogate; ++i)
                has_surrogate = static_cast<unsigned char>(v[i]) == 0xED && (static_cast<unsigned char>(v[i + 1]) & 0xE0) == 0xA0;
        }
        if (!has_surrogate)
            return Value::from_object(bytes_new(vm, s->view()));
    }
    uint32_t limit = codec == Codec::ASCII ? 128 : codec == Codec::LATIN1 ? 256 : 0x110000;
    char const* reason = codec == Codec::ASCII ? "ordinal not in range(128)"
                         : codec == Codec::LATIN1 ? "ordinal not in range(256)" : "surrogates not allowed";
    auto bad = [&](uint32_t cp) {
        if (codec == Codec::UTF8)
            return cp >= 0xD800 && cp < 0xE000;
        return cp >= limit;
    };
    std::u32string text = utf8_to_u32(s->view());
    std::string out;
    out.reserve(text.size());
    Handler h = lookup_handler(errors);
    size_t i = 0;
    while (i < text.size()) {
        uint32_t cp = text[i];
        if (!bad(cp)) {
            if (codec == Codec::UTF8)
                utf8_append(out, cp);
            else
                out += static_cast<char>(cp);
            ++i;
            continue;
        }
        size_t end = i + 1;
        while (end < text.size() && bad(text[end]))
            ++end;
        switch (h) {
        case Handler::STRICT:
            return raise_encode_error(vm, encoding, s, text, i, end, reason);
        case Handler::IGNORE:
            break;
        case Handler::REPLACE:
            out.append(end - i, '?');
            break;
        case Handler::BACKSLASH:
            for (size_t k = i; k < end; ++k)
                append_escape(out, text[k]);
            break;
        case Handler::XMLCHARREF:
            for (size_t k = i; k < end; ++k)
                out += "&#" + std::to_string(text[k]) + ";";
            break;
        case Handler::SURROGATEESCAPE:
            for (size_t k = i; k < end; ++k) {
                if (text[k] < 0xDC80 || text[k] > 0xDCFF)
                    return raise_encode_error(vm, encoding, s, text, k, k + 1, reason);
                out += static_cast<char>(text[k] - 0xDC00);
            }
            break;
        case Handler::SURROGATEPASS:
            if (codec != Codec::UTF8)
                return raise_encode_error(vm, encoding, s, text, i, end, reason);
            for (size_t k = i; k < end; ++k)
                utf8_append(out, text[k]);
            break;
        case Handler::UNKNOWN:
            return raise_unknown_handler(vm, errors);
        }
        i = end;
    }
    return Value::from_object(bytes_new(vm, out));
}

// ------------------------------------------------------------------ decode

// Checks one UTF-8 sequence at data[i]. Returns its length when valid (and the code
// point in cp); otherwise 0 with `bad_end` (the end of the invalid range) and `reason`.
size_t utf8_sequence(std::string_view data, size_t i, uint32_t& cp, size_t& bad_end, char const*& reason, bool allow_surrogates)
{
    auto byte = [&](size_t k) { return static_cast<unsigned char>(data[k]); };
    unsigned char b = byte(i);
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b < 0x80) {
        cp = b;
        return 1;
    }
    if (b < 0xC2 || b > 0xF4) {
        reason = "invalid start byte";
        bad_end = i + 1;
        return 0;
    }
    if (b < 0xE0) {
        need = 1;
        cp = b & 0x1F;
    } else if (b < 0xF0) {
        need = 2;
        cp = b & 0x0F;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED && !allow_surrogates)
            hi = 0x9F;
    } else {
        need = 3;
        cp = b & 0x07;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
    }
    for (size_t k = 1; k <= need; ++k) {
        if (i + k >= data.size()) {
            reason = "unexpected end of data";
            bad_end = data.size();
            return 0;
        }
        unsigned char c = byte(i + k);
        unsigned char l = k == 1 ? lo : 0x80, hgh = k == 1 ? hi : 0xBF;
        if (c < l || c > hgh) {
            reason = "invalid continuation byte";
            bad_end = i + k;
            return 0;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    return need + 1;
}

Value decode(VM& vm, std::string_view data, Codec codec, char const* encoding, std::string_view errors)
{
    if (codec == Codec::UTF8) {
        size_t bad = utf8_validate(data);
        if (bad == std::string_view::npos)
            return str_value(vm, data);
    } else if (codec == Codec::ASCII || codec == Codec::LATIN1) {
        bool ascii = true;
        for (unsigned char c : data)
            if (c >= 0x80) {
                ascii = false;
                break;
            }
        if (ascii)
            return Value::from_object(make_str(vm, data, true));
        if (codec == Codec::LATIN1) {
            std::string out;
            out.reserve(data.size() * 2);
            for (unsigned char c : data)
                utf8_append(out, c);
            return Value::from_object(make_str(vm, out, false));
        }
    }
    Handler h = lookup_handler(errors);
    std::string out;
    out.reserve(data.size() + 8);
    size_t i = 0;
    while (i < data.size()) {
        unsigned char b = static_cast<unsigned char>(data[i]);
        if (b < 0x80) {
            out += static_cast<char>(b);
            ++i;
            continue;
        }
        size_t end = i + 1;
        char const* reason = "ordinal not in range(128)";
        if (codec == Codec::UTF8) {
            uint32_t cp;
            size_t len = utf8_sequence(data, i, cp, end, reason, h == Handler::SURROGATEPASS);
            if (len) {
                out.append(data.substr(i, len));
                i += len;
                continue;
            }
        }
        switch (h) {
        case Handler::STRICT:
            return raise_decode_error(vm, encoding, data, i, end, reason);
        case Handler::IGNORE:
            break;
        case Handler::REPLACE:
            out += "\xEF\xBF\xBD";
            break;
        case Handler::BACKSLASH:
            for (size_t k = i; k < end; ++k)
                append_escape(out, static_cast<unsigned char>(data[k]));
            break;
        case Handler::SURROGATEESCAPE:
            for (size_t k = i; k < end; ++k)
                utf8_append(out, 0xDC00 + static_cast<unsigned char>(data[k]));
            break;
        case Handler::XMLCHARREF:
        case Handler::SURROGATEPASS:
            return raise_decode_error(vm, encoding, data, i, end, reason);
        case Handler::UNKNOWN:
            return raise_unknown_handler(vm, errors);
        }
        i = end;
    }
    return str_value(vm, out);
}

} // namespace

Value str_encode(VM& vm, String* s, std::string_view encoding, std::string_view errors)
{
    char const* canonical;
    Codec c = lookup_codec(encoding, canonical);
    if (c == Codec::NONE)
        return raise_fmt(vm, exc::LookupError, "unknown encoding: %.*s", static_cast<int>(encoding.size()), encoding.data());
    return encode(vm, s, c, canonical, errors);
}

Value bytes_decode(VM& vm, std::string_view data, std::string_view encoding, std::string_view errors)
{
    char const* canonical;
    Codec c = lookup_codec(encoding, canonical);
    if (c == Codec::NONE)
        return raise_fmt(vm, exc::LookupError, "unknown encoding: %.*s", static_cast<int>(encoding.size()), encoding.data());
    return decode(vm, data, c, canonical, errors);
}

} // namespace slpy
