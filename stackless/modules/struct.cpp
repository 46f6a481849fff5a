// The _struct module: pack/unpack of C structs, as CPython 3.11's _struct.c on a
// little-endian 64-bit machine (x86-64, aarch64): the native ('@') sizes and
// alignments, the standard ('<', '>', '!', '=') sizes, every format character, and
// CPython's messages, including its quirk of packing the standard little-endian codes
// whose size matches the native one with the native packers (so '<h' reports "short
// format requires ..." where '>h' reports "'h' format requires ...").
//
// A format is parsed once into a Struct (a list of codes with offsets). The module-level
// functions parse their format on each call (CPython caches up to 100 Structs; slpy
// keeps no cache, so _clearcache has nothing to clear).
#include "stackless/modules/data_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cmath>
#include <cstring>
#include <string>

namespace slpy {

namespace {

TypeObject* g_struct = nullptr;
TypeObject* g_struct_error = nullptr;
TypeObject* g_unpack_iter = nullptr;

// ------------------------------------------------------------------ format tables

enum class Table : uint8_t { Native, Little, Big };

// How an integer code reports values out of range (see the header comment).
enum class IntStyle : uint8_t {
    Named,     // np_byte/np_ubyte/np_short/np_ushort: "short format requires ..."
    Range,     // "'%c' format requires lo <= number <= hi"
    Wide,      // 8-byte native conversions: only "argument out of range"
    ByteArray, // standard big-endian q/Q: "int too large to convert"
    Pointer,   // native P
};

struct Code {
    char fmt;
    Table table;
    int64_t offset;
    int64_t size; // bytes of one item (s/p: the whole field)
    int64_t repeat; // items of this code (s/p: 1)
};

struct StructObject : Object {
    Value format;    // str
    int64_t size;
    int64_t len;     // items packed/unpacked
    RawBuffer* codes; // Code[ncodes]
    int64_t ncodes;
    bool ready;
};

void struct_trace(Object* self, Tracer& t)
{
    auto* s = static_cast<StructObject*>(self);
    t.visit(s->format);
    t.visit(s->codes);
}

Value struct_error(VM& vm, char const* msg) { return raise(vm, g_struct_error, msg); }

// Size and alignment of `c` in `table`; 0 size (and false) for a bad char.
bool code_size(char c, Table table, int64_t& size, int64_t& align)
{
    bool native = table == Table::Native;
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': size = 1; break;
    case 'h': case 'H': case 'e': size = 2; break;
    case 'i': case 'I': case 'f': size = 4; break;
    case 'l': case 'L': size = native ? 8 : 4; break;
    case 'q': case 'Q': case 'd': size = 8; break;
    case 'n': case 'N': case 'P':
        if (!native)
            return false;
        size = 8;
        break;
    default: return false;
    }
    align = native ? size : 0;
    return true;
}

Table which_table(std::string_view& fmt)
{
    if (!fmt.empty()) {
        switch (fmt[0]) {
        case '<': case '=': fmt.remove_prefix(1); return Table::Little;
        case '>': case '!': fmt.remove_prefix(1); return Table::Big;
        case '@': fmt.remove_prefix(1); return Table::Native;
        default: break;
        }
    }
    return Table::Native;
}

// Parses the format into s's codes (prepare_s).
bool prepare(VM& vm, StructObject* s, std::string_view fmt)
{
    if (fmt.find('\0') != std::string_view::npos) {
        struct_error(vm, "embedded null character");
        return false;
    }
    Table table = which_table(fmt);
    constexpr int64_t kMax = INT64_MAX;
    auto overflow = [&] {
        struct_error(vm, "total struct size too long");
        return false;
    };
    // First pass: validate and count.
    int64_t size = 0, len = 0, ncodes = 0;
    for (size_t i = 0; i < fmt.size();) {
        char c = fmt[i++];
        if (std::isspace(static_cast<unsigned char>(c)))
            continue;
        int64_t num = 1;
        if (c >= '0' && c <= '9') {
            num = c - '0';
            for (;;) {
                c = i < fmt.size() ? fmt[i++] : '\0';
                if (!(c >= '0' && c <= '9'))
                    break;
                if (num >= kMax / 10 && (num > kMax / 10 || (c - '0') > kMax % 10))
                    return overflow();
                num = num * 10 + (c - '0');
            }
            if (c == '\0') {
                struct_error(vm, "repeat count given without format specifier");
                return false;
            }
        }
        int64_t itemsize, align;
        if (!code_size(c, table, itemsize, align)) {
            struct_error(vm, "bad char in struct format");
            return false;
        }
        if (c == 's' || c == 'p') {
            len++;
            ncodes++;
        } else if (c != 'x') {
            len += num;
            if (num)
                ncodes++;
        }
        if (align && size > 0)
            size += (align - 1) - (size - 1) % align;
        if (num > (kMax - size) / itemsize)
            return overflow();
        size += num * itemsize;
    }
    RawBuffer* codes = raw_buffer_new(vm, Heap::array_bytes(0, size_t(ncodes), sizeof(Code)));
    if (!codes)
        return false;
    auto* out = reinterpret_cast<Code*>(codes->data);
    int64_t offset = 0, k = 0;
    for (size_t i = 0; i < fmt.size();) {
        char c = fmt[i++];
        if (std::isspace(static_cast<unsigned char>(c)))
            continue;
        int64_t num = 1;
        if (c >= '0' && c <= '9') {
            num = c - '0';
            while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9')
                num = num * 10 + (fmt[i++] - '0');
            c = fmt[i++];
        }
        int64_t itemsize, align;
        (void)code_size(c, table, itemsize, align);
        if (align && offset > 0)
            offset += (align - 1) - (offset - 1) % align;
        if (c == 's' || c == 'p') {
            out[k++] = Code { c, table, offset, num, 1 };
            offset += num;
        } else if (c == 'x') {
            offset += num;
        } else {
            if (num)
                out[k++] = Code { c, table, offset, itemsize, num };
            offset += num * itemsize;
        }
    }
    s->size = size;
    s->len = len;
    s->codes = codes;
    s->ncodes = ncodes;
    s->ready = true;
    return true;
}

// ------------------------------------------------------------------ packing

IntStyle int_style(char c, Table table)
{
    if (c == 'b' || c == 'B')
        return IntStyle::Named;
    if (table == Table::Native) {
        switch (c) {
        case 'h': case 'H': return IntStyle::Named;
        case 'i': case 'I': return IntStyle::Range;
        case 'P': return IntStyle::Pointer;
        default: return IntStyle::Wide;
        }
    }
    // Little-endian standard codes of the native size use the native packers.
    if (table == Table::Little) {
        switch (c) {
        case 'h': case 'H': return IntStyle::Named;
        case 'q': case 'Q': return IntStyle::Wide;
        default: return IntStyle::Range;
        }
    }
    return (c == 'q' || c == 'Q') ? IntStyle::ByteArray : IntStyle::Range;
}

bool is_unsigned_code(char c) { return c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P'; }

// get_pylong: the int value of v (through __index__), or the struct.error.
Value get_pylong(VM& vm, Value v)
{
    if (is_int(v))
        return int_unwrap(v);
    if (type_of(v)->slot(Slot::INDEX).is_null())
        return struct_error(vm, "required argument is not an integer");
    return index(vm, v);
}

bool pack_int(VM& vm, unsigned char* p, Value v, Code const& code)
{
    Value n = get_pylong(vm, v);
    if (n.is_null())
        return false;
    char c = code.fmt;
    bool uns = is_unsigned_code(c);
    IntStyle style = int_style(c, code.table);
    int64_t size = code.size;
    // The value as a 64-bit two's complement word, with the range C long (or unsigned
    // long) conversion gives.
    uint64_t bits = 0;
    int64_t sv = 0;
    bool fits;
    if (style == IntStyle::Pointer) {
        fits = int_to_i64(n, sv);
        if (!fits && int_sign(n) > 0) {
            Mpz z;
            int_to_mpz(n, z);
            fits = mpz_sizeinbase(z, 2) <= 64;
            if (fits)
                sv = int64_t(mpz_get_ui(z));
        }
        if (!fits) {
            struct_error(vm, "int too large to convert");
            return false;
        }
        bits = uint64_t(sv);
    } else if (uns) {
        // np_ubyte and np_ushort convert as a signed long and range-check that.
        if (style == IntStyle::Named && int_sign(n) < 0 && int_to_i64(n, sv)) {
            raise_fmt(vm, g_struct_error, "%s format requires 0 <= number <= %llu", c == 'B' ? "ubyte" : "ushort",
                      static_cast<unsigned long long>(~uint64_t(0) >> (64 - 8 * size)));
            return false;
        }
        if (int_sign(n) < 0) {
            fits = false;
        } else if (int_to_i64(n, sv)) {
            fits = true;
        } else {
            Mpz z;
            int_to_mpz(n, z);
            fits = mpz_sizeinbase(z, 2) <= 64;
            if (fits)
                sv = int64_t(mpz_get_ui(z));
        }
        if (!fits) {
            struct_error(vm, style == IntStyle::ByteArray ? "int too large to convert" : "argument out of range");
            return false;
        }
        bits = uint64_t(sv);
        if (size < 8 && bits > (~uint64_t(0) >> (64 - 8 * size))) {
            if (style == IntStyle::Named)
                raise_fmt(vm, g_struct_error, "%s format requires 0 <= number <= %llu", c == 'B' ? "ubyte" : "ushort",
                          static_cast<unsigned long long>(~uint64_t(0) >> (64 - 8 * size)));
            else
                raise_fmt(vm, g_struct_error, "'%c' format requires 0 <= number <= %llu", c,
                          static_cast<unsigned long long>(~uint64_t(0) >> (64 - 8 * size)));
            return false;
        }
    } else {
        if (!int_to_i64(n, sv)) {
            struct_error(vm, style == IntStyle::ByteArray ? "int too large to convert" : "argument out of range");
            return false;
        }
        if (size < 8) {
            int64_t hi = int64_t((uint64_t(1) << (8 * size - 1)) - 1), lo = -hi - 1;
            if (sv < lo || sv > hi) {
                if (style == IntStyle::Named)
                    raise_fmt(vm, g_struct_error, "%s format requires %lld <= number <= %lld", c == 'b' ? "byte" : "short",
                              static_cast<long long>(lo), static_cast<long long>(hi));
                else
                    raise_fmt(vm, g_struct_error, "'%c' format requires %lld <= number <= %lld", c,
                              static_cast<long long>(lo), static_cast<long long>(hi));
                return false;
            }
        }
        bits = uint64_t(sv);
    }
    bool big = code.table == Table::Big;
    for (int64_t i = 0; i < size; ++i) {
        unsigned char byte = static_cast<unsigned char>(bits >> (8 * i));
        p[big ? size - 1 - i : i] = byte;
    }
    return true;
}

// PyFloat_Pack2: IEEE half precision, round half to even. False on overflow.
bool pack_half(double x, uint16_t& out)
{
    unsigned sign;
    int e;
    unsigned bits;
    if (x == 0.0) {
        sign = std::signbit(x) ? 1 : 0;
        e = 0;
        bits = 0;
    } else if (std::isinf(x)) {
        sign = x < 0.0;
        e = 0x1f;
        bits = 0;
    } else if (std::isnan(x)) {
        sign = std::signbit(x) ? 1 : 0;
        e = 0x1f;
        bits = 512;
    } else {
        sign = x < 0.0;
        if (sign)
            x = -x;
        double f = std::frexp(x, &e);
        f *= 2.0;
        e--;
        if (e >= 16)
            return false;
        if (e < -25) {
            f = 0.0;
            e = 0;
        } else if (e < -14) {
            f = std::ldexp(f, 14 + e);
            e = 0;
        } else {
            e += 15;
            f -= 1.0;
        }
        f *= 1024.0;
        bits = unsigned(f);
        if ((f - bits > 0.5) || ((f - bits == 0.5) && (bits % 2 == 1))) {
            ++bits;
            if (bits == 1024) {
                bits = 0;
                ++e;
                if (e == 31)
                    return false;
            }
        }
    }
    out = uint16_t(bits | (unsigned(e) << 10) | (sign << 15));
    return true;
}

double unpack_half(uint16_t h)
{
    int sign = (h >> 15) & 1;
    int e = (h >> 10) & 0x1f;
    unsigned f = h & 0x3ff;
    if (e == 0x1f) {
        if (f == 0)
            return sign ? -HUGE_VAL : HUGE_VAL;
        return sign ? -std::nan("") : std::nan("");
    }
    double x = double(f) / 1024.0;
    if (e == 0) {
        e = -14;
    } else {
        x += 1.0;
        e -= 15;
    }
    x = std::ldexp(x, e);
    return sign ? -x : x;
}

void store_bytes(unsigned char* p, uint64_t bits, int64_t size, bool big)
{
    for (int64_t i = 0; i < size; ++i)
        p[big ? size - 1 - i : i] = static_cast<unsigned char>(bits >> (8 * i));
}

uint64_t load_bytes(unsigned char const* p, int64_t size, bool big)
{
    uint64_t bits = 0;
    for (int64_t i = 0; i < size; ++i)
        bits |= uint64_t(p[big ? size - 1 - i : i]) << (8 * i);
    return bits;
}

bool pack_float(VM& vm, unsigned char* p, Value v, Code const& code)
{
    double x;
    if (!to_double(vm, v, x)) {
        vm.clear_error();
        struct_error(vm, "required argument is not a float");
        return false;
    }
    bool big = code.table == Table::Big;
    switch (code.fmt) {
    case 'e': {
        uint16_t h;
        if (!pack_half(x, h)) {
            raise(vm, exc::OverflowError, "float too large to pack with e format");
            return false;
        }
        store_bytes(p, h, 2, big);
        return true;
    }
    case 'f': {
        float y = float(x);
        if (code.table != Table::Native && std::isinf(y) && !std::isinf(x)) {
            raise(vm, exc::OverflowError, "float too large to pack with f format");
            return false;
        }
        store_bytes(p, std::bit_cast<uint32_t>(y), 4, big);
        return true;
    }
    default:
        store_bytes(p, std::bit_cast<uint64_t>(x), 8, big);
        return true;
    }
}

// Packs `items` (s->len of them) into out (s->size bytes, zeroed by the caller).
bool pack_items(VM& vm, StructObject* s, Value const* items, unsigned char* out)
{
    auto* codes = reinterpret_cast<Code const*>(s->codes->data);
    size_t k = 0;
    for (int64_t ci = 0; ci < s->ncodes; ++ci) {
        Code const& code = codes[ci];
        if (code.fmt == 's' || code.fmt == 'p') {
            Value v = items[k++];
            std::string_view data;
            if (as_bytes(v))
                data = as_bytes(v)->view();
            else if (ByteArray* ba = as_bytearray(v))
                data = std::string_view(reinterpret_cast<char const*>(ba->data()), ba->size);
            else {
                raise_fmt(vm, g_struct_error, "argument for '%c' must be a bytes object", code.fmt);
                return false;
            }
            unsigned char* p = out + code.offset;
            if (code.fmt == 's') {
                size_t n = std::min<size_t>(data.size(), size_t(code.size));
                std::memcpy(p, data.data(), n);
            } else {
                int64_t n = int64_t(data.size());
                if (n > code.size - 1)
                    n = code.size - 1;
                if (n > 0)
                    std::memcpy(p + 1, data.data(), size_t(n));
                if (n > 255)
                    n = 255;
                if (code.size > 0)
                    *p = static_cast<unsigned char>(n < 0 ? 0 : n);
            }
            continue;
        }
        for (int64_t r = 0; r < code.repeat; ++r) {
            Value v = items[k++];
            unsigned char* p = out + code.offset + r * code.size;
            switch (code.fmt) {
            case 'c': {
                Bytes* b = as_bytes(v);
                if (!b || b->size != 1) {
                    struct_error(vm, "char format requires a bytes object of length 1");
                    return false;
                }
                *p = b->data[0];
                break;
            }
            case '?': {
                int t = truthy(vm, v);
                if (t < 0)
                    return false;
                *p = static_cast<unsigned char>(t);
                break;
            }
            case 'e': case 'f': case 'd':
                if (!pack_float(vm, p, v, code))
                    return false;
                break;
            default:
                if (!pack_int(vm, p, v, code))
                    return false;
                break;
            }
        }
    }
    return true;
}

// ------------------------------------------------------------------ unpacking

Value unpack_one(VM& vm, Code const& code, unsigned char const* p)
{
    bool big = code.table == Table::Big;
    switch (code.fmt) {
    case 'c': return Value::from_object(bytes_new(vm, std::string_view(reinterpret_cast<char const*>(p), 1)));
    case '?': return py_bool(*p != 0);
    case 'e': return Value::from_double(unpack_half(uint16_t(load_bytes(p, 2, big))));
    case 'f': return Value::from_double(double(std::bit_cast<float>(uint32_t(load_bytes(p, 4, big)))));
    case 'd': return Value::from_double(std::bit_cast<double>(load_bytes(p, 8, big)));
    default: break;
    }
    uint64_t bits = load_bytes(p, code.size, big);
    if (is_unsigned_code(code.fmt))
        return int_from_u64(vm, bits);
    int shift = int(64 - 8 * code.size);
    return int_from_i64(vm, int64_t(bits << shift) >> shift);
}

Value unpack_data(VM& vm, StructObject* s, unsigned char const* data)
{
    Tuple* result = tuple_new(vm, size_t(s->len));
    if (!result)
        return Value::null();
    auto* codes = reinterpret_cast<Code const*>(s->codes->data);
    size_t k = 0;
    for (int64_t ci = 0; ci < s->ncodes; ++ci) {
        Code const& code = codes[ci];
        unsigned char const* p = data + code.offset;
        if (code.fmt == 's') {
            result->items[k++] = Value::from_object(bytes_new(vm, std::string_view(reinterpret_cast<char const*>(p), size_t(code.size))));
        } else if (code.fmt == 'p') {
            int64_t n = code.size > 0 ? *p : 0;
            if (n >= code.size)
                n = code.size - 1;
            if (n < 0)
                n = 0;
            result->items[k++] = Value::from_object(bytes_new(vm, std::string_view(reinterpret_cast<char const*>(p + 1), size_t(n))));
        } else {
            for (int64_t r = 0; r < code.repeat; ++r)
                result->items[k++] = unpack_one(vm, code, p + r * code.size);
        }
        if (result->items[k - 1].is_null())
            return Value::null();
    }
    return Value::from_object(result);
}

// A readable buffer's bytes (bytes, bytearray, memoryview).
bool read_buffer(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

// A writable buffer: a bytearray or a writable contiguous memoryview over one.
bool write_buffer(VM& vm, Value v, unsigned char*& data, size_t& len)
{
    if (BufferInfo info; get_buffer(v, info) && !info.readonly) {
        data = info.data;
        len = info.size;
        return true;
    }
    raise_fmt(vm, exc::TypeError, "argument must be read-write bytes-like object, not %s", type_name(v));
    return false;
}

// ------------------------------------------------------------------ Struct

StructObject* self_struct(Value v) { return v.as<StructObject>(); }

// The format argument as text: str or bytes (ASCII).
bool format_text(VM& vm, Value fmt, std::string& out, Value& as_str_value)
{
    if (String* s = as_str(fmt)) {
        out = s->view();
        as_str_value = fmt;
        return true;
    }
    if (Bytes* b = as_bytes(fmt)) {
        out = b->view();
        as_str_value = bytes_decode(vm, out, "ascii", "strict");
        return !as_str_value.is_null();
    }
    raise_fmt(vm, exc::TypeError, "Struct() argument 1 must be a str or bytes object, not %s", type_name(fmt));
    return false;
}

bool struct_set_format(VM& vm, StructObject* s, Value fmt)
{
    std::string text;
    Value sv;
    if (!format_text(vm, fmt, text, sv))
        return false;
    if (!prepare(vm, s, text))
        return false;
    s->format = sv;
    return true;
}

Value struct_new(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* s = static_cast<StructObject*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!s)
        return Value::null();
    return Value::from_object(s);
}

Value struct_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "Struct", args + 1, nargs - 1, kwnames, { "format" }, 1, out))
        return Value::null();
    if (!struct_set_format(vm, self_struct(args[0]), out[0]))
        return Value::null();
    return py_none();
}

// A Struct for a module-level function's format argument.
StructObject* struct_for(VM& vm, Value fmt)
{
    auto* s = static_cast<StructObject*>(alloc_instance(vm, g_struct));
    if (!s || !struct_set_format(vm, s, fmt))
        return nullptr;
    return s;
}

bool check_ready(VM& vm, StructObject* s)
{
    if (s->ready)
        return true;
    raise(vm, exc::ValueError, "Struct not initialized");
    return false;
}

Value do_pack(VM& vm, StructObject* s, Value const* items, size_t n)
{
    if (!check_ready(vm, s))
        return Value::null();
    if (int64_t(n) != s->len)
        return raise_fmt(vm, g_struct_error, "pack expected %lld items for packing (got %zu)", static_cast<long long>(s->len), n);
    Bytes* b = bytes_alloc(vm, size_t(s->size));
    if (!b)
        return Value::null();
    std::memset(b->data, 0, size_t(s->size));
    if (!pack_items(vm, s, items, b->data))
        return Value::null();
    return Value::from_object(b);
}

Value do_pack_into(VM& vm, StructObject* s, Value const* args, size_t nargs)
{
    if (!check_ready(vm, s))
        return Value::null();
    if (int64_t(nargs) != s->len + 2) {
        if (nargs == 0)
            return struct_error(vm, "pack_into expected buffer argument");
        if (nargs == 1)
            return struct_error(vm, "pack_into expected offset argument");
        return raise_fmt(vm, g_struct_error, "pack_into expected %lld items for packing (got %zu)",
                         static_cast<long long>(s->len), nargs - 2);
    }
    unsigned char* data;
    size_t len;
    if (!write_buffer(vm, args[0], data, len))
        return Value::null();
    int64_t offset;
    if (!index_i64(vm, args[1], offset))
        return Value::null();
    int64_t blen = int64_t(len);
    if (offset < 0) {
        if (offset + s->size > 0)
            return raise_fmt(vm, g_struct_error, "no space to pack %lld bytes at offset %lld",
                             static_cast<long long>(s->size), static_cast<long long>(offset));
        if (offset + blen < 0)
            return raise_fmt(vm, g_struct_error, "offset %lld out of range for %lld-byte buffer",
                             static_cast<long long>(offset), static_cast<long long>(blen));
        offset += blen;
    }
    if (blen - offset < s->size)
        return raise_fmt(vm, g_struct_error,
                         "pack_into requires a buffer of at least %lld bytes for packing %lld bytes at offset %lld "
                         "(actual buffer size is %lld)",
                         static_cast<long long>(s->size + offset), static_cast<long long>(s->size),
                         static_cast<long long>(offset), static_cast<long long>(blen));
    // Packing may run Python (__index__, __float__): pack aside while the buffer is held
    // (it cannot change size), then copy in.
    std::string tmp;
    if (!vm.heap.reserve_buffer(tmp, size_t(s->size)))
        return Value::null();
    tmp.assign(size_t(s->size), '\0');
    {
        BufferHold hold(args[0]);
        if (!pack_items(vm, s, args + 2, reinterpret_cast<unsigned char*>(tmp.data())))
            return Value::null();
    }
    if (!write_buffer(vm, args[0], data, len) || int64_t(len) - offset < s->size)
        return raise(vm, exc::BufferError, "buffer changed while packing");
    std::memcpy(data + offset, tmp.data(), tmp.size());
    return py_none();
}

Value do_unpack(VM& vm, StructObject* s, Value buffer)
{
    if (!check_ready(vm, s))
        return Value::null();
    std::string_view data;
    if (!read_buffer(vm, buffer, data))
        return Value::null();
    if (int64_t(data.size()) != s->size)
        return raise_fmt(vm, g_struct_error, "unpack requires a buffer of %lld bytes", static_cast<long long>(s->size));
    // Unpacking allocates but runs no Python code, and the heap does not move or resize
    // a bytearray's buffer, so the view stays valid throughout.
    return unpack_data(vm, s, reinterpret_cast<unsigned char const*>(data.data()));
}

Value do_unpack_from(VM& vm, StructObject* s, Value buffer, Value offset_v)
{
    if (!check_ready(vm, s))
        return Value::null();
    int64_t offset = 0;
    if (!offset_v.is_null() && !index_i64(vm, offset_v, offset))
        return Value::null();
    std::string_view data;
    if (!read_buffer(vm, buffer, data))
        return Value::null();
    int64_t blen = int64_t(data.size());
    if (offset < 0) {
        if (offset + blen < 0)
            return raise_fmt(vm, g_struct_error, "offset %lld out of range for %lld-byte buffer",
                             static_cast<long long>(offset), static_cast<long long>(blen));
        if (offset + s->size > 0)
            return raise_fmt(vm, g_struct_error, "not enough data to unpack %lld bytes at offset %lld",
                             static_cast<long long>(s->size), static_cast<long long>(offset));
        offset += blen;
    }
    if (blen - offset < s->size)
        return raise_fmt(vm, g_struct_error,
                         "unpack_from requires a buffer of at least %lld bytes for unpacking %lld bytes at offset %lld "
                         "(actual buffer size is %lld)",
                         static_cast<long long>(s->size + offset), static_cast<long long>(s->size),
                         static_cast<long long>(offset), static_cast<long long>(blen));
    return unpack_data(vm, s, reinterpret_cast<unsigned char const*>(data.data()) + offset);
}

// unpack_iterator: the items of a buffer that holds whole structs (a copy of it).
struct UnpackIter : Object {
    Value strukt;
    Value data; // bytes
    int64_t index;
};

void unpack_iter_trace(Object* self, Tracer& t)
{
    auto* u = static_cast<UnpackIter*>(self);
    t.visit(u->strukt);
    t.visit(u->data);
}

Value unpack_iter_step(VM& vm, Value self)
{
    auto* u = self.as<UnpackIter>();
    if (u->data.is_null())
        return Value::stop_iteration();
    StructObject* s = self_struct(u->strukt);
    Bytes* b = u->data.as<Bytes>();
    if (u->index + s->size > int64_t(b->size)) {
        u->data = Value::null();
        return Value::stop_iteration();
    }
    Value r = unpack_data(vm, s, b->data + u->index);
    u->index += s->size;
    return r;
}

Value unpack_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "unpack_iterator", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* u = args[0].as<UnpackIter>();
    if (u->data.is_null())
        return Value::small_int(0);
    StructObject* s = self_struct(u->strukt);
    return int_from_i64(vm, (int64_t(u->data.as<Bytes>()->size) - u->index) / s->size);
}

Value unpack_iter_new(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::TypeError, "cannot create '_struct.unpack_iterator' instances");
}

Value do_iter_unpack(VM& vm, StructObject* s, Value buffer)
{
    if (!check_ready(vm, s))
        return Value::null();
    if (s->size == 0)
        return struct_error(vm, "cannot iteratively unpack with a struct of length 0");
    std::string_view data;
    if (!read_buffer(vm, buffer, data))
        return Value::null();
    if (int64_t(data.size()) % s->size != 0)
        return raise_fmt(vm, g_struct_error, "iterative unpacking requires a buffer of a multiple of %lld bytes",
                         static_cast<long long>(s->size));
    Bytes* copy = bytes_new(vm, data);
    if (!copy)
        return Value::null();
    auto* u = vm.heap.make<UnpackIter>(g_unpack_iter);
    if (!u)
        return Value::null();
    u->strukt = Value::from_object(s);
    u->data = Value::from_object(copy);
    return Value::from_object(u);
}

// ---- Struct methods

Value s_pack(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "pack", kwnames))
        return Value::null();
    return do_pack(vm, self_struct(args[0]), args + 1, nargs - 1);
}

Value s_pack_into(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "pack_into", kwnames))
        return Value::null();
    return do_pack_into(vm, self_struct(args[0]), args + 1, nargs - 1);
}

Value s_unpack(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "unpack", kwnames) || !check_nargs(vm, "unpack", nargs - 1, 1, 1))
        return Value::null();
    return do_unpack(vm, self_struct(args[0]), args[1]);
}

Value s_unpack_from(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "unpack_from", args + 1, nargs - 1, kwnames, { "buffer", "offset" }, 1, out))
        return Value::null();
    return do_unpack_from(vm, self_struct(args[0]), out[0], out[1]);
}

Value s_iter_unpack(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "iter_unpack", kwnames) || !check_nargs(vm, "iter_unpack", nargs - 1, 1, 1))
        return Value::null();
    return do_iter_unpack(vm, self_struct(args[0]), args[1]);
}

Value s_get_format(VM& vm, Value const* args, size_t, Tuple*)
{
    StructObject* s = self_struct(args[0]);
    return s->format.is_null() ? py_none() : s->format;
}

Value s_get_size(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_struct(args[0])->size); }

Value s_sizeof(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "Struct", "__sizeof__", nargs - 1, kwnames))
        return Value::null();
    StructObject* s = self_struct(args[0]);
    return int_from_i64(vm, int64_t(sizeof(StructObject)) + s->ncodes * int64_t(sizeof(Code)));
}

// ---- module functions

Value m_pack(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "pack", kwnames))
        return Value::null();
    if (nargs == 0)
        return raise(vm, exc::TypeError, "pack expected at least 1 argument, got 0");
    StructObject* s = struct_for(vm, args[0]);
    return s ? do_pack(vm, s, args + 1, nargs - 1) : Value::null();
}

Value m_pack_into(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "pack_into", kwnames))
        return Value::null();
    if (nargs == 0)
        return raise(vm, exc::TypeError, "pack_into expected at least 1 argument, got 0");
    StructObject* s = struct_for(vm, args[0]);
    return s ? do_pack_into(vm, s, args + 1, nargs - 1) : Value::null();
}

Value m_unpack(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "unpack", kwnames) || !unpack_args(vm, "unpack", nargs, 2, 2))
        return Value::null();
    StructObject* s = struct_for(vm, args[0]);
    return s ? do_unpack(vm, s, args[1]) : Value::null();
}

Value m_unpack_from(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[3];
    if (!parse_args(vm, "unpack_from", args, nargs, kwnames, { "format", "buffer", "offset" }, 2, out, 1))
        return Value::null();
    StructObject* s = struct_for(vm, out[0]);
    return s ? do_unpack_from(vm, s, out[1], out[2]) : Value::null();
}

Value m_iter_unpack(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "iter_unpack", kwnames) || !unpack_args(vm, "iter_unpack", nargs, 2, 2))
        return Value::null();
    StructObject* s = struct_for(vm, args[0]);
    return s ? do_iter_unpack(vm, s, args[1]) : Value::null();
}

Value m_calcsize(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_struct.calcsize", kwnames) || !check_nargs(vm, "_struct.calcsize", nargs, 1, 1))
        return Value::null();
    StructObject* s = struct_for(vm, args[0]);
    return s ? int_from_i64(vm, s->size) : Value::null();
}

Value m_clearcache(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_clearcache", kwnames) || !check_nargs(vm, "_clearcache", nargs, 0, 0))
        return Value::null();
    return py_none();
}

void setup_types(VM& vm)
{
    g_struct_error = make_builtin_type(vm, "error", exc::Exception, exc::Exception->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS);
    (void)dict_set_str(vm, g_struct_error->dict, names.__module__, str_value(vm, "struct"));
    finish_builtin_type(vm, g_struct_error);

    g_struct = make_module_type(vm, "_struct", "Struct", nullptr, sizeof(StructObject), TF_BASETYPE, struct_trace);
    add_methods(vm, g_struct, {
        { "__new__", struct_new, METH_STATIC }, { "__init__", struct_init },
        { "pack", s_pack }, { "pack_into", s_pack_into }, { "unpack", s_unpack }, { "unpack_from", s_unpack_from },
        { "iter_unpack", s_iter_unpack }, { "__sizeof__", s_sizeof },
    });
    add_getsets(vm, g_struct, { { "format", s_get_format }, { "size", s_get_size } });
    finish_builtin_type(vm, g_struct);

    g_unpack_iter = make_module_type(vm, "_struct", "unpack_iterator", nullptr, sizeof(UnpackIter), 0, unpack_iter_trace);
    g_unpack_iter->iternext = unpack_iter_step;
    add_methods(vm, g_unpack_iter, {
        { "__new__", unpack_iter_new, METH_STATIC }, { "__iter__", iter_self_method },
        { "__next__", next_method<unpack_iter_step> }, { "__length_hint__", unpack_iter_length_hint },
    });
    finish_builtin_type(vm, g_unpack_iter);
}

} // namespace

Module* make_struct_module(VM& vm)
{
    if (!g_struct)
        setup_types(vm);
    Module* m = module_new(vm, "_struct");
    module_add_functions(vm, m, {
        { "pack", m_pack }, { "pack_into", m_pack_into }, { "unpack", m_unpack }, { "unpack_from", m_unpack_from },
        { "iter_unpack", m_iter_unpack }, { "calcsize", m_calcsize }, { "_clearcache", m_clearcache },
    });
    module_add(vm, m, "Struct", Value::from_object(g_struct));
    module_add(vm, m, "error", Value::from_object(g_struct_error));
    return m;
}

} // namespace slpy
