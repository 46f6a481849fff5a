// The built-in text codecs behind str.encode, bytes.decode, str(b, encoding) and
// bytes(s, encoding): utf-8, utf-8-sig, ascii, latin-1, utf-16 and utf-32 (with a BOM, -le
// and -be), unicode_escape, raw_unicode_escape, and CPython's single-byte "charmap"
// codecs (cp1252, cp437, iso8859_15, koi8_r, mac_roman, ...: generated tables, see
// codecs_charmap_gen.py).
//
// Error handlers: strict, ignore, replace, backslashreplace, xmlcharrefreplace and
// namereplace (encode), surrogateescape and surrogatepass (utf-8/16/32). Errors raise
// UnicodeEncodeError / UnicodeDecodeError with CPython's messages; the exception carries
// encoding, object, start, end and reason (in its instance dict). As in CPython an
// unknown handler name is only reported when an error needs it.
//
// The bytes-to-bytes codecs (hex, base64, rot13...) raise CPython's "'hex' is not a text
// encoding" LookupError. Any other name goes through the codec registry (codecs.lookup)
// as in CPython: utf-7 (_codecs), the CJK codecs (_multibytecodec), idna, punycode and
// codecs registered by Python code.
//
// Strict decoding also works without the VM (decode_strict), for source files that
// are decoded before the interpreter exists.
#include "objects/codecs.h"

#include "objects/codecs_charmap.h"
#include "objects/exceptions.h"
#include "objects/reduce.h"
#include "objects/str_internal.h"
#include "objects/unicode/ucd.h"

#include <cctype>
#include <cstdio>

namespace slpy {

namespace {

enum class Codec {
    UTF8,
    UTF8_SIG,
    ASCII,
    LATIN1,
    UTF16,
    UTF16LE,
    UTF16BE,
    UTF32,
    UTF32LE,
    UTF32BE,
    UNICODE_ESCAPE,
    RAW_UNICODE_ESCAPE,
    NONE,        // unknown name
    UNSUPPORTED, // a CPython text codec slpy does not have
    BINARY,      // a CPython bytes-to-bytes codec
    CHARMAP,     // the first single-byte codec: CHARMAP + i is k_charmaps[i]
};

bool is_charmap(Codec c) { return static_cast<int>(c) >= static_cast<int>(Codec::CHARMAP); }
Charmap const& charmap_of(Codec c) { return k_charmaps[static_cast<int>(c) - static_cast<int>(Codec::CHARMAP)]; }

struct CodecName {
    char const* name; // normalized: lower case, '-' and ' ' as '_'
    Codec codec;
};

// The aliases of Lib/encodings/aliases.py for the codecs above.
constexpr CodecName k_codec_names[] = {
    { "utf_8", Codec::UTF8 }, { "utf8", Codec::UTF8 }, { "u8", Codec::UTF8 }, { "utf", Codec::UTF8 },
    { "cp65001", Codec::UTF8 }, { "utf8_ucs2", Codec::UTF8 }, { "utf8_ucs4", Codec::UTF8 },
    { "utf_8_sig", Codec::UTF8_SIG },
    { "ascii", Codec::ASCII }, { "646", Codec::ASCII }, { "us_ascii", Codec::ASCII }, { "us", Codec::ASCII },
    { "ansi_x3.4_1968", Codec::ASCII }, { "ansi_x3_4_1968", Codec::ASCII }, { "ansi_x3.4_1986", Codec::ASCII },
    { "cp367", Codec::ASCII }, { "csascii", Codec::ASCII }, { "ibm367", Codec::ASCII }, { "iso646_us", Codec::ASCII },
    { "iso_646.irv_1991", Codec::ASCII }, { "iso_ir_6", Codec::ASCII },
    { "latin_1", Codec::LATIN1 }, { "latin1", Codec::LATIN1 }, { "latin", Codec::LATIN1 }, { "l1", Codec::LATIN1 },
    { "iso8859_1", Codec::LATIN1 }, { "iso_8859_1", Codec::LATIN1 }, { "8859", Codec::LATIN1 }, { "cp819", Codec::LATIN1 },
    { "iso_ir_100", Codec::LATIN1 }, { "iso_8859_1:1987", Codec::LATIN1 }, { "ibm819", Codec::LATIN1 },
    { "csisolatin1", Codec::LATIN1 }, { "iso8859", Codec::LATIN1 },
    { "utf_16", Codec::UTF16 }, { "utf16", Codec::UTF16 }, { "u16", Codec::UTF16 },
    { "utf_16_le", Codec::UTF16LE }, { "utf_16le", Codec::UTF16LE },
    { "utf_16_be", Codec::UTF16BE }, { "utf_16be", Codec::UTF16BE },
    { "utf_32", Codec::UTF32 }, { "utf32", Codec::UTF32 }, { "u32", Codec::UTF32 },
    { "utf_32_le", Codec::UTF32LE }, { "utf_32le", Codec::UTF32LE },
    { "utf_32_be", Codec::UTF32BE }, { "utf_32be", Codec::UTF32BE },
    { "unicode_escape", Codec::UNICODE_ESCAPE }, { "raw_unicode_escape", Codec::RAW_UNICODE_ESCAPE },
    // bytes-to-bytes codecs: str.encode / bytes.decode refuse them.
    { "hex", Codec::BINARY }, { "hex_codec", Codec::BINARY }, { "base64", Codec::BINARY }, { "base_64", Codec::BINARY },
    { "base64_codec", Codec::BINARY }, { "rot13", Codec::BINARY }, { "rot_13", Codec::BINARY }, { "zlib", Codec::BINARY },
    { "zip", Codec::BINARY }, { "zlib_codec", Codec::BINARY }, { "bz2", Codec::BINARY }, { "bz2_codec", Codec::BINARY },
    { "uu", Codec::BINARY }, { "uu_codec", Codec::BINARY }, { "quopri", Codec::BINARY }, { "quopri_codec", Codec::BINARY },
    { "quotedprintable", Codec::BINARY }, { "quoted_printable", Codec::BINARY },
    // text codecs of CPython that slpy does not implement.
    { "utf_16_ex", Codec::UNSUPPORTED },
};

std::string normalize_codec_name(std::string_view name)
{
    std::string n;
    for (char c : name)
        n += (c == '-' || c == ' ') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return n;
}

Codec lookup_codec(std::string_view name)
{
    std::string n = normalize_codec_name(name);
    for (CodecName const& c : k_codec_names)
        if (n == c.name)
            return c.codec;
    for (size_t i = 0; i < k_charmap_name_count; ++i)
        if (n == k_charmap_names[i].name)
            return static_cast<Codec>(static_cast<int>(Codec::CHARMAP) + k_charmap_names[i].charmap);
    return Codec::NONE;
}

// The codec name CPython's error messages use.
char const* codec_error_name(Codec c)
{
    if (is_charmap(c))
        return "charmap";
    switch (c) {
    case Codec::UTF8:
    case Codec::UTF8_SIG: return "utf-8";
    case Codec::ASCII: return "ascii";
    case Codec::LATIN1: return "latin-1";
    case Codec::UTF16: return "utf-16";
    case Codec::UTF16LE: return "utf-16-le";
    case Codec::UTF16BE: return "utf-16-be";
    case Codec::UTF32: return "utf-32";
    case Codec::UTF32LE: return "utf-32-le";
    case Codec::UTF32BE: return "utf-32-be";
    case Codec::UNICODE_ESCAPE: return "unicodeescape";
    case Codec::RAW_UNICODE_ESCAPE: return "rawunicodeescape";
    default: return "?";
    }
}

// Raises the LookupError / NotImplementedError for a name that is not a usable codec.
Value raise_bad_codec(VM& vm, Codec c, std::string_view encoding, bool encoding_direction)
{
    int len = static_cast<int>(encoding.size());
    if (c == Codec::BINARY)
        return raise_fmt(vm, exc::LookupError, "'%.*s' is not a text encoding; use codecs.%s() to handle arbitrary codecs", len,
                         encoding.data(), encoding_direction ? "encode" : "decode");
    if (c == Codec::UNSUPPORTED)
        return raise_fmt(vm, exc::NotImplementedError, "the '%.*s' codec is not supported by slpy", len, encoding.data());
    return raise_fmt(vm, exc::LookupError, "unknown encoding: %.*s", len, encoding.data());
}

// ------------------------------------------------------------------ charmaps

// The code point of a byte in a single-byte codec, or -1 where it is undefined.
int32_t charmap_decode(Codec c, unsigned char b)
{
    uint16_t cp = charmap_of(c).table[b];
    return cp == k_charmap_undefined ? -1 : cp;
}

// The byte for a code point in a single-byte codec, or -1.
int charmap_encode(Codec c, uint32_t cp)
{
    uint16_t const* table = charmap_of(c).table;
    if (cp < 0x80 && table[cp] == cp)
        return static_cast<int>(cp);
    for (int b = 0; b < 256; ++b)
        if (table[b] == cp && cp != k_charmap_undefined)
            return b;
    return -1;
}

// Whether the codec maps the ASCII bytes to themselves (EBCDIC code pages do not).
bool ascii_compatible(Codec c)
{
    if (!is_charmap(c))
        return c == Codec::UTF8 || c == Codec::UTF8_SIG || c == Codec::ASCII || c == Codec::LATIN1;
    uint16_t const* table = charmap_of(c).table;
    for (int b = 0; b < 0x80; ++b)
        if (table[b] != b)
            return false;
    return true;
}

// ------------------------------------------------------------------ error handlers

enum class Handler {
    STRICT,
    IGNORE,
    REPLACE,
    BACKSLASH,
    XMLCHARREF,
    NAMEREPLACE,
    SURROGATEESCAPE,
    SURROGATEPASS,
    UNKNOWN
};

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
    if (errors == "namereplace")
        return Handler::NAMEREPLACE;
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
    Tuple* args = tuple_pack(vm, { str_value(vm, message) });
    if (!args)
        return Value::null();
    Value e = TRY(exception_new(vm, type, args));
    Value encoding_v = TRY(str_value(vm, encoding));
    Value reason_v = TRY(str_value(vm, reason));
    if (!setattr(vm, e, names.encoding, encoding_v) || !setattr(vm, e, names.object, object) ||
        !setattr(vm, e, names.start, Value::small_int(start)) || !setattr(vm, e, names.end, Value::small_int(end)) ||
        !setattr(vm, e, names.reason, reason_v))
        return Value::null();
    return vm.set_error(e);
}

Value raise_encode_error(VM& vm, char const* encoding, String* s, std::u32string const& text, size_t start, size_t end,
                         char const* reason)
{
    char buf[256];
    if (end == start + 1) {
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

// str() of a UnicodeDecodeError.
std::string decode_error_message(char const* encoding, std::string_view data, size_t start, size_t end, char const* reason)
{
    char buf[256];
    if (end == start + 1)
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode byte 0x%02x in position %zu: %s", encoding,
                      static_cast<unsigned char>(data[start]), start, reason);
    else
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode bytes in position %zu-%zu: %s", encoding, start, end - 1, reason);
    return buf;
}

Value raise_decode_error(VM& vm, char const* encoding, std::string_view data, size_t start, size_t end, char const* reason)
{
    std::string buf = decode_error_message(encoding, data, start, end, reason);
    Value obj = TRY(Value::from_object(bytes_new(vm, data)));
    return raise_unicode_error(vm, exc::UnicodeDecodeError, encoding, obj, static_cast<int64_t>(start),
                               static_cast<int64_t>(end), reason, buf);
}

// ------------------------------------------------------------------ encode

bool is_surrogate(uint32_t cp)
{
    return cp >= 0xD800 && cp < 0xE000;
}

bool is_utf16(Codec c)
{
    return c == Codec::UTF16 || c == Codec::UTF16LE || c == Codec::UTF16BE;
}

bool is_utf32(Codec c)
{
    return c == Codec::UTF32 || c == Codec::UTF32LE || c == Codec::UTF32BE;
}

bool is_utf(Codec c)
{
    return c == Codec::UTF8 || c == Codec::UTF8_SIG || is_utf16(c) || is_utf32(c);
}

bool can_encode(Codec c, uint32_t cp)
{
    if (is_charmap(c))
        return charmap_encode(c, cp) >= 0;
    switch (c) {
    case Codec::ASCII: return cp < 0x80;
    case Codec::LATIN1: return cp < 0x100;
    case Codec::UNICODE_ESCAPE:
    case Codec::RAW_UNICODE_ESCAPE: return true;
    default: return !is_surrogate(cp);
    }
}

char const* encode_reason(Codec c)
{
    if (is_charmap(c))
        return "character maps to <undefined>";
    switch (c) {
    case Codec::ASCII: return "ordinal not in range(128)";
    case Codec::LATIN1: return "ordinal not in range(256)";
    default: return "surrogates not allowed";
    }
}

void put_unit16(std::string& out, uint32_t u, bool big)
{
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>((u >> 8) & 0xFF);
    out += big ? hi : lo;
    out += big ? lo : hi;
}

void put_unit32(std::string& out, uint32_t u, bool big)
{
    for (int k = 0; k < 4; ++k)
        out += static_cast<char>((u >> (big ? 8 * (3 - k) : 8 * k)) & 0xFF);
}

void put_hex(std::string& out, char const* prefix, uint32_t v, int digits)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%0*x", prefix, digits, v);
    out += buf;
}

// Appends cp in codec c. cp is encodable, or a surrogate passed by surrogatepass.
void put(Codec c, std::string& out, uint32_t cp)
{
    if (is_charmap(c)) {
        out += static_cast<char>(charmap_encode(c, cp));
        return;
    }
    switch (c) {
    case Codec::UTF8:
    case Codec::UTF8_SIG: utf8_append(out, cp); break;
    case Codec::ASCII:
    case Codec::LATIN1: out += static_cast<char>(cp); break;
    case Codec::UTF16:
    case Codec::UTF16LE:
    case Codec::UTF16BE: {
        bool big = c == Codec::UTF16BE;
        if (cp >= 0x10000) {
            put_unit16(out, 0xD800 + ((cp - 0x10000) >> 10), big);
            put_unit16(out, 0xDC00 + ((cp - 0x10000) & 0x3FF), big);
        } else
            put_unit16(out, cp, big);
        break;
    }
    case Codec::UTF32:
    case Codec::UTF32LE:
    case Codec::UTF32BE: put_unit32(out, cp, c == Codec::UTF32BE); break;
    case Codec::UNICODE_ESCAPE:
        if (cp == '\\')
            out += "\\\\";
        else if (cp == '\t')
            out += "\\t";
        else if (cp == '\n')
            out += "\\n";
        else if (cp == '\r')
            out += "\\r";
        else if (cp >= 0x20 && cp < 0x7F)
            out += static_cast<char>(cp);
        else if (cp < 0x100)
            put_hex(out, "\\x", cp, 2);
        else if (cp < 0x10000)
            put_hex(out, "\\u", cp, 4);
        else
            put_hex(out, "\\U", cp, 8);
        break;
    case Codec::RAW_UNICODE_ESCAPE:
        if (cp < 0x100)
            out += static_cast<char>(cp);
        else if (cp < 0x10000)
            put_hex(out, "\\u", cp, 4);
        else
            put_hex(out, "\\U", cp, 8);
        break;
    default: break;
    }
}

void put_ascii(Codec c, std::string& out, std::string_view text)
{
    for (char ch : text)
        put(c, out, static_cast<unsigned char>(ch));
}

Value encode(VM& vm, String* s, Codec codec, std::string_view errors)
{
    char const* encoding = codec_error_name(codec);
    // Fast paths: nothing can fail.
    if (codec == Codec::UTF8 || (s->is_ascii() && codec != Codec::UTF8_SIG && ascii_compatible(codec))) {
        bool has_surrogate = false;
        if (!s->is_ascii()) {
            std::string_view v = s->view();
            for (size_t i = 0; i + 1 < v.size() && !has_surrogate; ++i)
                has_surrogate = static_cast<unsigned char>(v[i]) == 0xED && (static_cast<unsigned char>(v[i + 1]) & 0xE0) == 0xA0;
        }
        if (!has_surrogate)
            return Value::from_object(bytes_new(vm, s->view()));
    }
    std::u32string text = utf8_to_u32(s->view());
    std::string out;
    out.reserve(text.size() + 4);
    if (codec == Codec::UTF8_SIG)
        out += "\xEF\xBB\xBF";
    else if (codec == Codec::UTF16)
        out += "\xFF\xFE"; // little-endian, as CPython on the machines slpy runs on
    else if (codec == Codec::UTF32)
        out.append("\xFF\xFE\x00\x00", 4);
    char const* reason = encode_reason(codec);
    // CPython's UTF-16/32 encoders report one character per error; the others a run.
    bool single = is_utf16(codec) || is_utf32(codec);
    Handler h = lookup_handler(errors);
    size_t i = 0;
    while (i < text.size()) {
        uint32_t cp = text[i];
        if (can_encode(codec, cp)) {
            put(codec, out, cp);
            ++i;
            continue;
        }
        size_t end = i + 1;
        while (!single && end < text.size() && !can_encode(codec, text[end]))
            ++end;
        switch (h) {
        case Handler::STRICT:
            return raise_encode_error(vm, encoding, s, text, i, end, reason);
        case Handler::IGNORE:
            break;
        case Handler::REPLACE:
            for (size_t k = i; k < end; ++k)
                put(codec, out, '?');
            break;
        case Handler::BACKSLASH:
            for (size_t k = i; k < end; ++k) {
                std::string esc;
                append_escape(esc, text[k]);
                put_ascii(codec, out, esc);
            }
            break;
        case Handler::XMLCHARREF:
            for (size_t k = i; k < end; ++k)
                put_ascii(codec, out, "&#" + std::to_string(text[k]) + ";");
            break;
        case Handler::NAMEREPLACE:
            // \N{NAME}, or a \x, \u, \U escape for a character without a name.
            for (size_t k = i; k < end; ++k) {
                std::string name, esc;
                if (ucd::char_name(text[k], name))
                    esc = "\\N{" + name + "}";
                else
                    put_hex(esc, text[k] >= 0x10000 ? "\\U" : text[k] >= 0x100 ? "\\u" : "\\x", text[k],
                            text[k] >= 0x10000 ? 8 : text[k] >= 0x100 ? 4 : 2);
                put_ascii(codec, out, esc);
            }
            break;
        case Handler::SURROGATEESCAPE:
            // Gives back the byte a "\udcXX" escaped; a byte is no whole UTF-16/32 unit.
            for (size_t k = i; k < end; ++k)
                if (single || text[k] < 0xDC80 || text[k] > 0xDCFF)
                    return raise_encode_error(vm, encoding, s, text, i, end, reason);
            for (size_t k = i; k < end; ++k)
                out += static_cast<char>(text[k] - 0xDC00);
            break;
        case Handler::SURROGATEPASS:
            for (size_t k = i; k < end; ++k)
                if (!is_utf(codec) || !is_surrogate(text[k]))
                    return raise_encode_error(vm, encoding, s, text, i, end, reason);
            for (size_t k = i; k < end; ++k)
                put(codec, out, text[k]);
            break;
        case Handler::UNKNOWN:
            return raise_unknown_handler(vm, errors);
        }
        i = end;
    }
    return Value::from_object(bytes_new(vm, out));
}

// ------------------------------------------------------------------ decode

// One decoding: the decoders append the text (UTF-8) to `out`. Without a VM (`vm` null,
// strict errors only) a failure leaves its message in `failure` instead of raising.
struct Decoder {
    VM* vm;
    std::string_view data;
    char const* encoding;
    std::string_view errors;
    Handler h;
    std::string out;
    std::string failure;

    // Handles the undecodable bytes [start, end): false with the error pending. Decoding
    // resumes at `end`, which surrogateescape may move back (see below).
    bool error(size_t start, size_t& end, char const* reason)
    {
        if (!vm) {
            failure = decode_error_message(encoding, data, start, end, reason);
            return false;
        }
        VM& vm = *this->vm;
        switch (h) {
        case Handler::STRICT:
        case Handler::SURROGATEPASS: // codecs that can pass surrogates did before calling
            (void)raise_decode_error(vm, encoding, data, start, end, reason);
            return false;
        case Handler::IGNORE:
            return true;
        case Handler::REPLACE:
            out += "\xEF\xBF\xBD";
            return true;
        case Handler::BACKSLASH:
            for (size_t k = start; k < end; ++k)
                append_escape(out, static_cast<unsigned char>(data[k]));
            return true;
        case Handler::SURROGATEESCAPE: {
            // CPython escapes the leading bytes >= 0x80 (at most 4) and resumes after them.
            size_t k = start;
            while (k < end && k - start < 4 && static_cast<unsigned char>(data[k]) >= 0x80)
                utf8_append(out, 0xDC00 + static_cast<unsigned char>(data[k++]));
            if (k == start) {
                (void)raise_decode_error(vm, encoding, data, start, end, reason);
                return false;
            }
            end = k;
            return true;
        }
        case Handler::XMLCHARREF:
        case Handler::NAMEREPLACE:
            (void)raise(vm, exc::TypeError, "don't know how to handle UnicodeDecodeError in error callback");
            return false;
        case Handler::UNKNOWN:
            (void)raise_unknown_handler(vm, errors);
            return false;
        }
        return false;
    }
};

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

bool decode_utf8(Decoder& d)
{
    std::string_view data = d.data;
    d.out.reserve(data.size() + 8);
    size_t i = 0;
    while (i < data.size()) {
        unsigned char b = static_cast<unsigned char>(data[i]);
        if (b < 0x80) {
            d.out += static_cast<char>(b);
            ++i;
            continue;
        }
        size_t end = i + 1;
        char const* reason = "";
        uint32_t cp;
        size_t len = utf8_sequence(data, i, cp, end, reason, d.h == Handler::SURROGATEPASS);
        if (len) {
            d.out.append(data.substr(i, len));
            i += len;
            continue;
        }
        if (!d.error(i, end, reason))
            return false;
        i = end;
    }
    return true;
}

// ascii, latin-1 and the charmaps: one byte, one character.
bool decode_single_byte(Decoder& d, Codec codec)
{
    d.out.reserve(d.data.size() * 2);
    bool charmap = is_charmap(codec);
    for (size_t i = 0; i < d.data.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(d.data[i]);
        int32_t cp = codec == Codec::LATIN1 ? c : charmap ? charmap_decode(codec, c) : (c < 0x80 ? c : -1);
        if (cp >= 0) {
            utf8_append(d.out, static_cast<uint32_t>(cp));
            continue;
        }
        size_t end = i + 1;
        if (!d.error(i, end, charmap ? "character maps to <undefined>" : "ordinal not in range(128)"))
            return false;
    }
    return true;
}

bool decode_utf16(Decoder& d, Codec codec)
{
    std::string_view data = d.data;
    size_t n = data.size(), i = 0;
    bool big = codec == Codec::UTF16BE;
    if (codec == Codec::UTF16 && n >= 2) {
        unsigned char b0 = static_cast<unsigned char>(data[0]), b1 = static_cast<unsigned char>(data[1]);
        if (b0 == 0xFF && b1 == 0xFE)
            i = 2;
        else if (b0 == 0xFE && b1 == 0xFF) {
            i = 2;
            big = true;
        }
    }
    // Errors name the byte order actually decoded, as CPython's utf-16 decoder does.
    d.encoding = big ? "utf-16-be" : "utf-16-le";
    auto unit = [&](size_t k) {
        unsigned a = static_cast<unsigned char>(data[k]), b = static_cast<unsigned char>(data[k + 1]);
        return big ? (a << 8 | b) : (b << 8 | a);
    };
    bool pass = d.h == Handler::SURROGATEPASS;
    while (i < n) {
        if (n - i < 2) {
            size_t end = n;
            if (!d.error(i, end, "truncated data"))
                return false;
            i = end;
            continue;
        }
        uint32_t u = unit(i);
        if (!is_surrogate(u)) {
            utf8_append(d.out, u);
            i += 2;
            continue;
        }
        if (u < 0xDC00 && n - i >= 4) {
            uint32_t u2 = unit(i + 2);
            if (u2 >= 0xDC00 && u2 < 0xE000) {
                utf8_append(d.out, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                i += 4;
                continue;
            }
        }
        if (pass) { // every error below starts with a whole surrogate unit
            utf8_append(d.out, u);
            i += 2;
            continue;
        }
        size_t end;
        char const* reason;
        if (u >= 0xDC00) {
            end = i + 2;
            reason = "illegal encoding";
        } else if (n - i < 4) {
            end = n;
            reason = "unexpected end of data";
        } else {
            end = i + 2;
            reason = "illegal UTF-16 surrogate";
        }
        if (!d.error(i, end, reason))
            return false;
        i = end;
    }
    return true;
}

bool decode_utf32(Decoder& d, Codec codec)
{
    std::string_view data = d.data;
    size_t n = data.size(), i = 0;
    bool big = codec == Codec::UTF32BE;
    if (codec == Codec::UTF32 && n >= 4) {
        if (data.substr(0, 4) == std::string_view("\xFF\xFE\x00\x00", 4))
            i = 4;
        else if (data.substr(0, 4) == std::string_view("\x00\x00\xFE\xFF", 4)) {
            i = 4;
            big = true;
        }
    }
    d.encoding = big ? "utf-32-be" : "utf-32-le";
    while (i < n) {
        if (n - i < 4) {
            size_t end = n;
            if (!d.error(i, end, "truncated data"))
                return false;
            i = end;
            continue;
        }
        uint32_t cp = 0;
        for (int k = 0; k < 4; ++k) {
            uint32_t b = static_cast<unsigned char>(data[i + static_cast<size_t>(k)]);
            cp |= b << (big ? 8 * (3 - k) : 8 * k);
        }
        char const* reason = nullptr;
        if (cp > 0x10FFFF)
            reason = "code point not in range(0x110000)";
        else if (is_surrogate(cp) && d.h != Handler::SURROGATEPASS)
            reason = "code point in surrogate code point range(0xd800, 0xe000)";
        size_t end = i + 4;
        if (reason) {
            if (!d.error(i, end, reason))
                return false;
        } else
            utf8_append(d.out, cp);
        i = end;
    }
    return true;
}

int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads `count` hex digits at data[s...] (CPython's hexescape): true with the value, or
// false with s at the first non-digit (or the end).
bool read_hex(std::string_view data, size_t& s, int count, uint32_t& value)
{
    value = 0;
    for (; count; --count, ++s) {
        if (s >= data.size())
            return false;
        int v = hex_value(static_cast<unsigned char>(data[s]));
        if (v < 0)
            return false;
        value = value << 4 | static_cast<uint32_t>(v);
    }
    return true;
}

// unicode_escape: Python string-literal escapes over latin-1 text.
bool decode_unicode_escape(Decoder& d)
{
    std::string_view data = d.data;
    size_t n = data.size(), s = 0;
    while (s < n) {
        unsigned char c = static_cast<unsigned char>(data[s]);
        if (c != '\\') {
            utf8_append(d.out, c);
            ++s;
            continue;
        }
        size_t start = s++;
        if (s >= n) {
            if (!d.error(start, s, "\\ at end of string"))
                return false;
            continue;
        }
        c = static_cast<unsigned char>(data[s++]);
        char const* message = nullptr;
        uint32_t ch = 0;
        switch (c) {
        case '\n': continue;
        case '\\': d.out += '\\'; continue;
        case '\'': d.out += '\''; continue;
        case '"': d.out += '"'; continue;
        case 'b': d.out += '\b'; continue;
        case 'f': d.out += '\f'; continue;
        case 't': d.out += '\t'; continue;
        case 'n': d.out += '\n'; continue;
        case 'r': d.out += '\r'; continue;
        case 'v': d.out += '\v'; continue;
        case 'a': d.out += '\a'; continue;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            ch = c - '0';
            for (int k = 0; k < 2 && s < n && data[s] >= '0' && data[s] <= '7'; ++k)
                ch = ch * 8 + static_cast<uint32_t>(data[s++] - '0');
            utf8_append(d.out, ch);
            continue;
        case 'x':
        case 'u':
        case 'U': {
            int count = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            message = c == 'x' ? "truncated \\xXX escape" : c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
            if (read_hex(data, s, count, ch)) {
                if (ch <= 0x10FFFF) {
                    utf8_append(d.out, ch);
                    continue;
                }
                message = "illegal Unicode character";
            }
            break;
        }
        case 'N':
            message = "malformed \\N character escape";
            if (s < n && data[s] == '{') {
                size_t name_start = ++s;
                while (s < n && data[s] != '}')
                    ++s;
                if (s < n && s > name_start) {
                    std::u32string chars;
                    std::string_view name = data.substr(name_start, s - name_start);
                    ++s;
                    if (ucd::lookup_name(name, chars, false)) {
                        utf8_append(d.out, chars[0]);
                        continue;
                    }
                    message = "unknown Unicode character name";
                }
            }
            break;
        default:
            // An unknown escape stays as it is.
            d.out += '\\';
            utf8_append(d.out, c);
            continue;
        }
        if (!d.error(start, s, message))
            return false;
    }
    return true;
}

// raw_unicode_escape: only \uXXXX and \UXXXXXXXX are escapes.
bool decode_raw_unicode_escape(Decoder& d)
{
    std::string_view data = d.data;
    size_t n = data.size(), s = 0;
    while (s < n) {
        unsigned char c = static_cast<unsigned char>(data[s++]);
        if (c != '\\' || s >= n) {
            utf8_append(d.out, c);
            continue;
        }
        c = static_cast<unsigned char>(data[s++]);
        if (c != 'u' && c != 'U') {
            d.out += '\\';
            utf8_append(d.out, c);
            continue;
        }
        size_t start = s - 2;
        uint32_t ch;
        char const* message = c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
        if (read_hex(data, s, c == 'u' ? 4 : 8, ch)) {
            if (ch <= 0x10FFFF) {
                utf8_append(d.out, ch);
                continue;
            }
            message = "\\Uxxxxxxxx out of range";
        }
        if (!d.error(start, s, message))
            return false;
    }
    return true;
}

// Runs the decoder of a usable codec over d.data.
bool run_decoder(Decoder& d, Codec codec)
{
    if (is_charmap(codec))
        return decode_single_byte(d, codec);
    switch (codec) {
    case Codec::UTF8:
    case Codec::UTF8_SIG: return decode_utf8(d);
    case Codec::ASCII:
    case Codec::LATIN1: return decode_single_byte(d, codec);
    case Codec::UTF16:
    case Codec::UTF16LE:
    case Codec::UTF16BE: return decode_utf16(d, codec);
    case Codec::UTF32:
    case Codec::UTF32LE:
    case Codec::UTF32BE: return decode_utf32(d, codec);
    case Codec::UNICODE_ESCAPE: return decode_unicode_escape(d);
    case Codec::RAW_UNICODE_ESCAPE: return decode_raw_unicode_escape(d);
    default: d.failure = "bad codec"; return false;
    }
}

bool is_ascii_bytes(std::string_view data)
{
    for (unsigned char c : data)
        if (c >= 0x80)
            return false;
    return true;
}

Value decode(VM& vm, std::string_view data, Codec codec, std::string_view errors)
{
    if (codec == Codec::UTF8_SIG && data.substr(0, 3) == "\xEF\xBB\xBF")
        data.remove_prefix(3); // errors then count from after the BOM, as in CPython
    // Fast paths: nothing to decode.
    if ((codec == Codec::UTF8 || codec == Codec::UTF8_SIG) && utf8_validate(data) == std::string_view::npos)
        return str_value(vm, data);
    if (codec != Codec::UNICODE_ESCAPE && codec != Codec::RAW_UNICODE_ESCAPE && ascii_compatible(codec) && is_ascii_bytes(data))
        return Value::from_object(make_str(vm, data, true));
    Decoder d{ &vm, data, codec_error_name(codec), errors, lookup_handler(errors), {}, {} };
    if (!run_decoder(d, codec))
        return d.failure.empty() ? Value::null() : raise(vm, exc::SystemError, d.failure);
    return str_value(vm, d.out);
}

bool usable(Codec c)
{
    return c != Codec::NONE && c != Codec::UNSUPPORTED && c != Codec::BINARY;
}

// The names PyUnicode_Decode / PyUnicode_AsEncodedString serve directly (after CPython's
// _Py_normalize_encoding). Every other name goes through the codec registry, which
// rewords a TypeError or LookupError raised inside the codec as
// "decoding with 'NAME' codec failed (TypeError: ...)", chained from the original.
bool is_fast_path_name(std::string_view name)
{
    std::string n;
    bool punct = false;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
            if (punct && !n.empty())
                n += '_';
            punct = false;
            n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else
            punct = true;
    }
    for (char const* fast : { "utf8", "utf_8", "utf16", "utf_16", "utf32", "utf_32", "ascii", "us_ascii", "latin1", "latin_1",
                              "iso_8859_1", "iso8859_1" })
        if (n == fast)
            return true;
    return false;
}

// Whether the pending exception can be rewrapped (CPython's _PyErr_TrySetFromCause): its
// type keeps BaseException's __new__ and __init__ (so holds no state of its own), its
// args are empty or one exact str, and its instance dict is empty.
bool wrappable_codec_error(VM& vm)
{
    Value e = vm.error();
    BaseException* be = as_exception(e);
    TypeObject* t = type_of(e);
    if (!be || !t->slot(Slot::INIT).is(exc::BaseException->slot(Slot::INIT)) ||
        !t->slot(Slot::NEW).is(exc::BaseException->slot(Slot::NEW)))
        return false;
    if (be->args && (be->args->size > 1 || (be->args->size == 1 && !is_exact_str(be->args->items[0]))))
        return false;
    return !be->dict || be->dict->used == 0;
}

Value wrap_codec_error_impl(VM& vm, char const* operation, std::string_view encoding)
{
    if (is_fast_path_name(encoding) || !wrappable_codec_error(vm))
        return Value::null();
    Value original = vm.take_error();
    Value text = exception_str(vm, original);
    if (text.is_null()) {
        vm.restore_error(original);
        return Value::null();
    }
    char const* type = type_name(original);
    std::string message = std::string(operation) + " with '" + std::string(encoding) + "' codec failed (" + type + ": " +
                          std::string(as_str(text)->view()) + ")";
    Tuple* args = tuple_pack(vm, { str_value(vm, message) });
    if (!args)
        return Value::null();
    Value e = exception_new(vm, type_of(original), args);
    if (e.is_null())
        return Value::null();
    if (BaseException* be = as_exception(e)) {
        be->cause = original;
        be->context = original;
        be->suppress_context = true;
    }
    vm.restore_error(e);
    return Value::null();
}

// The codec registry's entry for `encoding` (codecs.lookup), refused with CPython's
// LookupError when it is not a text encoding (its _is_text_encoding is false).
Value registry_text_codec(VM& vm, std::string_view encoding, bool encoding_direction)
{
    if (!vm.interp) // a VM without an interpreter (unit tests) has no registry
        return raise_bad_codec(vm, Codec::NONE, encoding, encoding_direction);
    Value lookup = TRY(reduce_module_attr(vm, "_codecs", "lookup"));
    Value name = TRY(str_value(vm, encoding));
    Value info = TRY(call1(vm, lookup, name));
    String* attr = intern(vm, "_is_text_encoding");
    if (!attr)
        return Value::null();
    Value flag = TRY(getattr_opt(vm, info, attr));
    if (!flag.is_not_found()) {
        int t = truthy(vm, flag);
        if (t < 0)
            return Value::null();
        if (!t)
            return raise_bad_codec(vm, Codec::BINARY, encoding, encoding_direction);
    }
    return info;
}

// Calls the registry codec's encoder (index 0) or decoder (1) with (object, errors) and
// returns the first item of the (result, length) tuple it gives.
Value registry_call(VM& vm, Value info, int which, Value object, std::string_view encoding, std::string_view errors)
{
    Value fn = TRY(getitem(vm, info, Value::small_int(which)));
    Value err = TRY(str_value(vm, errors));
    Value r = call2(vm, fn, object, err);
    if (r.is_null())
        return wrap_codec_error_impl(vm, which == 0 ? "encoding" : "decoding", encoding);
    Tuple* t = as_tuple(r);
    if (!t || t->size != 2)
        return raise(vm, exc::TypeError, which == 0 ? "encoder must return a tuple (object, integer)"
                                                    : "decoder must return a tuple (object,integer)");
    return t->items[0];
}

Value registry_encode(VM& vm, String* s, std::string_view encoding, std::string_view errors)
{
    Value info = TRY(registry_text_codec(vm, encoding, true));
    Value r = TRY(registry_call(vm, info, 0, Value::from_object(s), encoding, errors));
    if (as_bytes(r))
        return r;
    if (ByteArray* ba = as_bytearray(r)) {
        Bytes* b = bytes_new(vm, std::string_view(reinterpret_cast<char const*>(ba->data()), ba->size));
        return b ? Value::from_object(b) : Value::null();
    }
    return raise_fmt(vm, exc::TypeError, "'%.400s' encoder returned '%.400s' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                     std::string(encoding).c_str(), type_name(r));
}

Value registry_decode(VM& vm, std::string_view data, std::string_view encoding, std::string_view errors)
{
    Value info = TRY(registry_text_codec(vm, encoding, false));
    // The decoder sees a memoryview, as in CPython (of a copy: it runs Python code, and
    // data may view a bytearray).
    Bytes* copy = bytes_new(vm, data);
    if (!copy)
        return Value::null();
    Value view = TRY(call1(vm, Value::from_object(types.memoryview), Value::from_object(copy)));
    Value r = TRY(registry_call(vm, info, 1, view, encoding, errors));
    if (!as_str(r))
        return raise_fmt(vm, exc::TypeError, "'%.400s' decoder returned '%.400s' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                         std::string(encoding).c_str(), type_name(r));
    return r;
}

} // namespace

Value wrap_codec_error(VM& vm, char const* operation, std::string_view encoding)
{
    return wrap_codec_error_impl(vm, operation, encoding);
}

Value str_encode(VM& vm, String* s, std::string_view encoding, std::string_view errors)
{
    Codec c = lookup_codec(encoding);
    if (c == Codec::NONE)
        return registry_encode(vm, s, encoding, errors);
    if (!usable(c))
        return raise_bad_codec(vm, c, encoding, true);
    // The codecs build native buffers as large as the text (and larger); they run no
    // Python code, so std::bad_alloc from them can be turned into MemoryError.
    Value r;
    if (!vm.heap.native_build([&] { r = encode(vm, s, c, errors); }))
        return Value::null();
    if (r.is_null())
        return wrap_codec_error_impl(vm, "encoding", encoding);
    return r;
}

bool decode_strict(std::string_view encoding, std::string_view data, std::string& out, std::string& error)
{
    Codec c = lookup_codec(encoding);
    int len = static_cast<int>(encoding.size());
    char buf[256];
    if (c == Codec::NONE) {
        std::snprintf(buf, sizeof buf, "unknown encoding: %.*s", len, encoding.data());
    } else if (c == Codec::BINARY) {
        std::snprintf(buf, sizeof buf, "'%.*s' is not a text encoding; use codecs.decode() to handle arbitrary codecs", len,
                      encoding.data());
    } else if (c == Codec::UNSUPPORTED) {
        std::snprintf(buf, sizeof buf, "the '%.*s' codec is not supported by slpy", len, encoding.data());
    } else {
        if (c == Codec::UTF8_SIG && data.substr(0, 3) == "\xEF\xBB\xBF")
            data.remove_prefix(3);
        Decoder d{ nullptr, data, codec_error_name(c), "strict", Handler::STRICT, {}, {} };
        if (run_decoder(d, c)) {
            out = std::move(d.out);
            return true;
        }
        error = std::move(d.failure);
        return false;
    }
    error = buf;
    return false;
}

Value bytes_decode(VM& vm, std::string_view data, std::string_view encoding, std::string_view errors)
{
    Codec c = lookup_codec(encoding);
    if (c == Codec::NONE)
        return registry_decode(vm, data, encoding, errors);
    if (!usable(c))
        return raise_bad_codec(vm, c, encoding, false);
    Value r;
    if (!vm.heap.native_build([&] { r = decode(vm, data, c, errors); }))
        return Value::null();
    if (r.is_null())
        return wrap_codec_error(vm, "decoding", encoding);
    return r;
}

} // namespace slpy
