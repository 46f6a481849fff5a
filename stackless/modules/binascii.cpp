// The binascii module: hex, base64, uuencode and quoted-printable conversions and the
// crc32 / crc_hqx checksums, with CPython 3.11's results and errors (binascii.Error is a
// ValueError, binascii.Incomplete an Exception).
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>
#include <zlib.h>

namespace slpy {

namespace {

TypeObject* g_error = nullptr;
TypeObject* g_incomplete = nullptr;

// The bytes of a bytes-like argument; TypeError "a bytes-like object is required".
bool bytes_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

// The a2b_* functions also take an ASCII str.
bool ascii_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    if (String* s = as_str(v)) {
        if (!s->is_ascii()) {
            raise(vm, exc::ValueError, "string argument should contain only ASCII characters");
            return false;
        }
        out = s->view();
        return true;
    }
    raise_fmt(vm, exc::TypeError, "argument should be bytes, buffer or ASCII string, not '%s'", type_name(v));
    return false;
}

Value error(VM& vm, char const* message) { return raise(vm, g_error, message); }

Value bytes_value(VM& vm, std::string const& s)
{
    Bytes* b = bytes_new(vm, s);
    return b ? Value::from_object(b) : Value::null();
}

constexpr char kHex[] = "0123456789abcdef";

int hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#define SLPY_BA_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// hexlify(data, sep=<unset>, bytes_per_sep=1): sep every bytes_per_sep bytes, counted
// from the right (from the left when negative), as bytes.hex.
SLPY_BA_FN(ba_hexlify)
{
    Value a[3];
    if (!parse_args(vm, "hexlify", args, nargs, kwnames, { "data", "sep", "bytes_per_sep" }, 1, a))
        return Value::null();
    std::string_view data;
    if (!bytes_arg(vm, a[0], data))
        return Value::null();
    int sep = -1;
    int64_t per = 1;
    if (!a[1].is_null()) {
        std::string_view sv;
        if (String* s = as_str(a[1])) {
            if (s->length != 1)
                return raise(vm, exc::ValueError, "sep must be length 1.");
            uint32_t cp = str_char_at(s, 0);
            if (cp > 0xff)
                return raise(vm, exc::ValueError, "sep must be ASCII.");
            sep = int(cp);
        } else if (get_bytes_like(a[1], sv)) {
            if (sv.size() != 1)
                return raise(vm, exc::ValueError, "sep must be length 1.");
            sep = static_cast<unsigned char>(sv[0]);
        } else {
            return raise_fmt(vm, exc::TypeError, "sep must be str or bytes.");
        }
    }
    if (!a[2].is_null() && !index_i64(vm, a[2], per))
        return Value::null();
    size_t n = data.size();
    size_t group = per < 0 ? size_t(-per) : size_t(per);
    std::string out;
    if (!vm.heap.reserve_buffer(out, n * 3))
        return Value::null();
    for (size_t i = 0; i < n; ++i) {
        if (sep >= 0 && group && i > 0) {
            bool put = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (put)
                out += char(sep);
        }
        unsigned char c = static_cast<unsigned char>(data[i]);
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return bytes_value(vm, out);
}

SLPY_BA_FN(ba_unhexlify)
{
    Value a[1];
    if (!parse_args(vm, "unhexlify", args, nargs, kwnames, { "hexstr" }, 1, a))
        return Value::null();
    std::string_view data;
    if (!ascii_arg(vm, a[0], data))
        return Value::null();
    if (data.size() % 2)
        return error(vm, "Odd-length string");
    std::string out;
    if (!vm.heap.reserve_buffer(out, data.size() / 2))
        return Value::null();
    for (size_t i = 0; i < data.size(); i += 2) {
        int hi = hex_digit(static_cast<unsigned char>(data[i]));
        int lo = hex_digit(static_cast<unsigned char>(data[i + 1]));
        if (hi < 0 || lo < 0)
            return error(vm, "Non-hexadecimal digit found");
        out += char(hi << 4 | lo);
    }
    return bytes_value(vm, out);
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// a2b_base64(data, /, *, strict_mode=False): CPython's decoder, which skips characters
// outside the alphabet unless strict, and stops at the padding that completes a quad.
SLPY_BA_FN(ba_a2b_base64)
{
    Value a[2];
    if (!parse_args(vm, "a2b_base64", args, nargs, kwnames, { "data", "strict_mode" }, 1, a, 1))
        return Value::null();
    std::string_view data;
    if (!ascii_arg(vm, a[0], data))
        return Value::null();
    bool strict = false;
    if (!a[1].is_null()) {
        int t = truthy(vm, a[1]);
        if (t < 0)
            return Value::null();
        strict = t;
    }
    std::string out;
    if (!vm.heap.reserve_buffer(out, data.size() / 4 * 3 + 3))
        return Value::null();
    int quad = 0, pads = 0;
    unsigned leftchar = 0;
    bool padding_started = false;
    for (size_t i = 0; i < data.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == '=') {
            padding_started = true;
            if (strict && quad == 0)
                return error(vm, i == 0 ? "Leading padding not allowed" : "Excess padding not allowed");
            if (quad >= 2 && quad + ++pads >= 4) {
                if (strict && i + 1 < data.size())
                    return error(vm, "Excess data after padding");
                return bytes_value(vm, out);
            }
            continue;
        }
        int v = base64_value(c);
        if (v < 0) {
            if (strict)
                return error(vm, "Only base64 data is allowed");
            continue;
        }
        if (strict && padding_started)
            return error(vm, "Discontinuous padding not allowed");
        pads = 0;
        switch (quad) {
        case 0:
            quad = 1;
            leftchar = unsigned(v);
            break;
        case 1:
            quad = 2;
            out += char((leftchar << 2) | (unsigned(v) >> 4));
            leftchar = unsigned(v) & 0x0f;
            break;
        case 2:
            quad = 3;
            out += char((leftchar << 4) | (unsigned(v) >> 2));
            leftchar = unsigned(v) & 0x03;
            break;
        default:
            quad = 0;
            out += char((leftchar << 6) | unsigned(v));
            leftchar = 0;
            break;
        }
    }
    if (quad == 1)
        return raise_fmt(vm, g_error,
                         "Invalid base64-encoded string: number of data characters (%zu) cannot be 1 more than a multiple of 4",
                         out.size() / 3 * 4 + 1);
    if (quad != 0)
        return error(vm, "Incorrect padding");
    return bytes_value(vm, out);
}

SLPY_BA_FN(ba_b2a_base64)
{
    Value a[2];
    if (!parse_args(vm, "b2a_base64", args, nargs, kwnames, { "data", "newline" }, 1, a, 1))
        return Value::null();
    std::string_view data;
    if (!bytes_arg(vm, a[0], data))
        return Value::null();
    bool newline = true;
    if (!a[1].is_null()) {
        int t = truthy(vm, a[1]);
        if (t < 0)
            return Value::null();
        newline = t;
    }
    std::string out;
    if (!vm.heap.reserve_buffer(out, (data.size() + 2) / 3 * 4 + 1))
        return Value::null();
    size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        unsigned v = unsigned(static_cast<unsigned char>(data[i])) << 16 | unsigned(static_cast<unsigned char>(data[i + 1])) << 8
            | static_cast<unsigned char>(data[i + 2]);
        out += kBase64[v >> 18];
        out += kBase64[(v >> 12) & 63];
        out += kBase64[(v >> 6) & 63];
        out += kBase64[v & 63];
    }
    if (size_t rest = data.size() - i) {
        unsigned v = unsigned(static_cast<unsigned char>(data[i])) << 16;
        if (rest == 2)
            v |= unsigned(static_cast<unsigned char>(data[i + 1])) << 8;
        out += kBase64[v >> 18];
        out += kBase64[(v >> 12) & 63];
        out += rest == 2 ? kBase64[(v >> 6) & 63] : '=';
        out += '=';
    }
    if (newline)
        out += '\n';
    return bytes_value(vm, out);
}

// crc32(data, crc=0) through zlib; the start value is taken modulo 2**32, as CPython.
SLPY_BA_FN(ba_crc32)
{
    if (!check_no_kwargs(vm, "crc32", kwnames) || !check_nargs(vm, "crc32", nargs, 1, 2))
        return Value::null();
    std::string_view data;
    if (!bytes_arg(vm, args[0], data))
        return Value::null();
    uint32_t crc = 0;
    if (nargs > 1) {
        Value v = TRY(index(vm, args[1]));
        Value masked = TRY(binary_op(vm, v, int_from_i64(vm, 0xffffffffLL), BinOpArg::AND));
        int64_t c;
        if (!int_to_i64(int_unwrap(masked), c))
            return Value::null();
        crc = uint32_t(c);
    }
    uLong r = crc;
    size_t off = 0;
    do { // zlib takes uInt lengths
        size_t chunk = std::min<size_t>(data.size() - off, 1u << 30);
        r = ::crc32(r, reinterpret_cast<Bytef const*>(data.data() + off), uInt(chunk));
        off += chunk;
    } while (off < data.size());
    return int_from_i64(vm, int64_t(r & 0xffffffffu));
}

// crc_hqx(data, crc): CRC-CCITT (polynomial 0x1021), as binhex uses.
SLPY_BA_FN(ba_crc_hqx)
{
    if (!check_no_kwargs(vm, "crc_hqx", kwnames) || !check_nargs(vm, "crc_hqx", nargs, 2, 2))
        return Value::null();
    std::string_view data;
    if (!bytes_arg(vm, args[0], data))
        return Value::null();
    Value v = TRY(index(vm, args[1]));
    Value masked = TRY(binary_op(vm, v, Value::small_int(0xffff), BinOpArg::AND));
    int64_t c;
    if (!int_to_i64(int_unwrap(masked), c))
        return Value::null();
    uint32_t crc = uint32_t(c);
    for (unsigned char byte : data) {
        crc ^= uint32_t(byte) << 8;
        for (int k = 0; k < 8; ++k)
            crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) : (crc << 1);
        crc &= 0xffff;
    }
    return Value::small_int(int64_t(crc));
}

// uuencode: one line of at most 45 bytes.
SLPY_BA_FN(ba_b2a_uu)
{
    Value a[2];
    if (!parse_args(vm, "b2a_uu", args, nargs, kwnames, { "data", "backtick" }, 1, a, 1))
        return Value::null();
    std::string_view data;
    if (!bytes_arg(vm, a[0], data))
        return Value::null();
    bool backtick = false;
    if (!a[1].is_null()) {
        int t = truthy(vm, a[1]);
        if (t < 0)
            return Value::null();
        backtick = t;
    }
    if (data.size() > 45)
        return error(vm, "At most 45 bytes at once");
    auto enc = [&](unsigned v) { return (backtick && v == 0) ? '`' : char(' ' + v); };
    std::string out;
    out += enc(unsigned(data.size()));
    for (size_t i = 0; i < data.size(); i += 3) {
        unsigned v = 0;
        for (size_t k = 0; k < 3; ++k)
            v = v << 8 | (i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0);
        out += enc(v >> 18);
        out += enc((v >> 12) & 63);
        out += enc((v >> 6) & 63);
        out += enc(v & 63);
    }
    out += '\n';
    return bytes_value(vm, out);
}

SLPY_BA_FN(ba_a2b_uu)
{
    Value a[1];
    if (!parse_args(vm, "a2b_uu", args, nargs, kwnames, { "data" }, 1, a))
        return Value::null();
    std::string_view data;
    if (!ascii_arg(vm, a[0], data))
        return Value::null();
    // Trailing whitespace and a newline end the line; as CPython, a missing line is all zeros.
    size_t n = data.size();
    size_t pos = 0;
    size_t want = n ? ((static_cast<unsigned char>(data[pos++]) - ' ') & 077) : 0;
    if (n == 0)
        want = 32; // CPython: an empty line decodes to 32 zero bytes
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    while (out.size() < want) {
        unsigned char c = pos < n ? static_cast<unsigned char>(data[pos]) : 0;
        unsigned v;
        if (pos >= n || c == '\n' || c == '\r') {
            v = 0;
        } else {
            if (c < ' ' || c > ' ' + 64)
                return error(vm, "Illegal char");
            v = (c - ' ') & 077;
            ++pos;
        }
        acc = acc << 6 | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((acc >> bits) & 0xff);
        }
    }
    // What is left must be padding ('`', ' ', '@' or a newline).
    for (; pos < n; ++pos) {
        unsigned char c = static_cast<unsigned char>(data[pos]);
        if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r' && c != '`')
            return error(vm, "Trailing garbage");
    }
    return bytes_value(vm, out);
}

// Quoted-printable (RFC 1521), as CPython's binascii: a2b_qp(data, header=False).
SLPY_BA_FN(ba_a2b_qp)
{
    Value a[2];
    if (!parse_args(vm, "a2b_qp", args, nargs, kwnames, { "data", "header" }, 1, a))
        return Value::null();
    std::string_view data;
    if (!ascii_arg(vm, a[0], data))
        return Value::null();
    bool header = false;
    if (!a[1].is_null()) {
        int t = truthy(vm, a[1]);
        if (t < 0)
            return Value::null();
        header = t;
    }
    std::string out;
    size_t n = data.size();
    for (size_t i = 0; i < n;) {
        char c = data[i];
        if (c == '=') {
            ++i;
            if (i >= n)
                break;
            // A soft line break: '=' then the end of the line.
            if (data[i] == '\n' || data[i] == '\r') {
                if (data[i] != '\n')
                    while (i < n && data[i] != '\n')
                        ++i;
                if (i < n)
                    ++i;
            } else if (data[i] == '=') {
                out += '=';
                ++i;
            } else if (i + 1 < n && hex_digit(static_cast<unsigned char>(data[i])) >= 0
                       && hex_digit(static_cast<unsigned char>(data[i + 1])) >= 0) {
                out += char(hex_digit(static_cast<unsigned char>(data[i])) << 4 | hex_digit(static_cast<unsigned char>(data[i + 1])));
                i += 2;
            } else {
                out += '=';
            }
        } else if (header && c == '_') {
            out += ' ';
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    return bytes_value(vm, out);
}

// b2a_qp(data, quotetabs=False, istext=True, header=False), CPython's encoder.
SLPY_BA_FN(ba_b2a_qp)
{
    Value a[4];
    if (!parse_args(vm, "b2a_qp", args, nargs, kwnames, { "data", "quotetabs", "istext", "header" }, 1, a))
        return Value::null();
    std::string_view data;
    if (!bytes_arg(vm, a[0], data))
        return Value::null();
    bool flags[3] = { false, true, false };
    for (int k = 0; k < 3; ++k)
        if (!a[k + 1].is_null()) {
            int t = truthy(vm, a[k + 1]);
            if (t < 0)
                return Value::null();
            flags[k] = t;
        }
    bool quotetabs = flags[0], istext = flags[1], header = flags[2];
    constexpr size_t kMaxLine = 76;
    size_t n = data.size();
    // CPython writes \r\n line ends when the first line ends that way.
    bool crlf = false;
    if (size_t nl = data.find('\n'); nl != std::string_view::npos && nl > 0 && data[nl - 1] == '\r')
        crlf = true;
    std::string out;
    size_t linelen = 0;
    auto put_escaped = [&](unsigned char c) {
        out += '=';
        out += "0123456789ABCDEF"[c >> 4];
        out += "0123456789ABCDEF"[c & 15];
    };
    for (size_t i = 0; i < n;) {
        unsigned char c = static_cast<unsigned char>(data[i]);
        bool at_line_end = i + 1 == n || data[i + 1] == '\n' || (i + 2 < n && data[i + 1] == '\r' && data[i + 2] == '\n');
        bool escape = c > 126 || c == '=' || (header && c == '_') || (c == '.' && linelen == 0 && at_line_end)
            || (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && i + 1 == n)
            || (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
        if (escape) {
            if (linelen + 3 >= kMaxLine) {
                out += crlf ? "=\r\n" : "=\n";
                linelen = 0;
            }
            put_escaped(c);
            linelen += 3;
            ++i;
            continue;
        }
        if (istext && (c == '\n' || (c == '\r' && i + 1 < n && data[i + 1] == '\n'))) {
            linelen = 0;
            // A space or tab before the line end is escaped.
            if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
                unsigned char last = static_cast<unsigned char>(out.back());
                out.pop_back();
                put_escaped(last);
            }
            out += crlf ? "\r\n" : "\n";
            i += c == '\r' ? 2 : 1;
            continue;
        }
        if (i + 1 != n && data[i + 1] != '\n' && linelen + 1 >= kMaxLine) {
            out += crlf ? "=\r\n" : "=\n";
            linelen = 0;
        }
        ++linelen;
        out += (header && c == ' ') ? '_' : char(c);
        ++i;
    }
    return bytes_value(vm, out);
}

#undef SLPY_BA_FN

} // namespace

Module* make_binascii_module(VM& vm)
{
    if (!g_error) {
        g_error = make_builtin_type(vm, "Error", exc::ValueError, exc::ValueError->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                    exc::ValueError->trace, exc::ValueError->finalize);
        g_incomplete = make_builtin_type(vm, "Incomplete", exc::Exception, exc::Exception->basicsize,
                                         TF_BASETYPE | TF_EXC_SUBCLASS, exc::Exception->trace, exc::Exception->finalize);
        for (TypeObject* t : { g_error, g_incomplete }) {
            set_native_type_module(vm, t, "binascii");
            finish_builtin_type(vm, t);
        }
    }
    Module* m = module_new(vm, "binascii");
    module_add_functions(vm, m, {
        { "hexlify", ba_hexlify }, { "b2a_hex", ba_hexlify }, { "unhexlify", ba_unhexlify }, { "a2b_hex", ba_unhexlify },
        { "a2b_base64", ba_a2b_base64 }, { "b2a_base64", ba_b2a_base64 }, { "crc32", ba_crc32 },
        { "crc_hqx", ba_crc_hqx }, { "a2b_uu", ba_a2b_uu }, { "b2a_uu", ba_b2a_uu }, { "a2b_qp", ba_a2b_qp },
        { "b2a_qp", ba_b2a_qp },
    });
    module_add(vm, m, "Error", Value::from_object(g_error));
    module_add(vm, m, "Incomplete", Value::from_object(g_incomplete));
    return m;
}

} // namespace slpy
