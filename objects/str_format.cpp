// str.format / str.format_map (PEP 3101) and printf-style `%` formatting for str and
// bytes, with CPython 3.11's grammar and error messages.
//
// str.format: literal text with {{ }} escapes and replacement fields
// {field_name!conversion:format_spec}; field names are an argument (auto-numbered,
// positional index or keyword) followed by .attribute and [key] accessors; the spec may
// itself contain fields (two levels deep).
// `%`: one engine (percent_format) serves str % args and bytes % args; it builds UTF-8
// (str) or raw bytes (bytes) and raises TypeError/ValueError as CPython does.
#include "objects/float.h"
#include "objects/format_spec.h"
#include "objects/slice.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/str_internal.h"

#include <gmp.h>

#include <cstring>

namespace slpy {

namespace {

// ------------------------------------------------------------------ str.format

struct FormatArgs {
    Value const* args = nullptr;  // positional arguments
    size_t nargs = 0;
    Tuple* kwnames = nullptr;     // keyword names of a format() call, with their values
    Value const* kwvalues = nullptr;
    Value mapping;                // format_map's mapping (null for format)
    int auto_state = 0;           // 0 unknown, 1 automatic numbering, 2 manual
    size_t next_auto = 0;
};

Value lookup_keyword(VM& vm, FormatArgs& fa, std::string_view name)
{
    if (!fa.mapping.is_null()) {
        Value key = str_value(vm, name);
        return getitem(vm, fa.mapping, key);
    }
    if (fa.kwnames)
        for (size_t i = 0; i < fa.kwnames->size; ++i)
            if (as_str(fa.kwnames->items[i])->view() == name)
                return fa.kwvalues[i];
    Value key = str_value(vm, name);
    Tuple* args = tuple_pack(vm, { key });
    return args ? raise_with_args(vm, exc::KeyError, args) : Value::null();
}

bool all_digits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

// Parses a non-negative decimal (digits only); -1 when it does not fit.
int64_t parse_decimal(std::string_view s)
{
    int64_t n = 0;
    for (char c : s) {
        if (n > (INT64_MAX - 9) / 10)
            return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

// Resolves a field name ("0", "name.attr[1]", "") to its object.
Value resolve_field(VM& vm, FormatArgs& fa, std::string_view name)
{
    size_t i = 0;
    while (i < name.size() && name[i] != '.' && name[i] != '[')
        ++i;
    std::string_view first = name.substr(0, i);
    Value obj;
    if (first.empty()) {
        if (fa.auto_state == 2)
            return raise(vm, exc::ValueError, "cannot switch from manual field specification to automatic field numbering");
        fa.auto_state = 1;
        size_t idx = fa.next_auto++;
        if (!fa.mapping.is_null())
            return raise(vm, exc::ValueError, "Format string contains positional fields");
        if (idx >= fa.nargs)
            return raise_fmt(vm, exc::IndexError, "Replacement index %zu out of range for positional args tuple", idx);
        obj = fa.args[idx];
    } else if (all_digits(first)) {
        if (fa.auto_state == 1)
            return raise(vm, exc::ValueError, "cannot switch from automatic field numbering to manual field specification");
        fa.auto_state = 2;
        int64_t idx = parse_decimal(first);
        if (idx < 0)
            return raise(vm, exc::ValueError, "Too many decimal digits in format string");
        if (!fa.mapping.is_null())
            return raise(vm, exc::ValueError, "Format string contains positional fields");
        if (static_cast<size_t>(idx) >= fa.nargs)
            return raise_fmt(vm, exc::IndexError, "Replacement index %lld out of range for positional args tuple", static_cast<long long>(idx));
        obj = fa.args[idx];
    } else {
        obj = TRY(lookup_keyword(vm, fa, first));
    }
    // Accessors.
    while (i < name.size()) {
        if (name[i] == '.') {
            size_t j = ++i;
            while (j < name.size() && name[j] != '.' && name[j] != '[')
                ++j;
            if (j == i)
                return raise(vm, exc::ValueError, "Empty attribute in format string");
            String* attr = intern(vm, name.substr(i, j - i));
            if (!attr)
                return Value::null();
            obj = TRY(getattr(vm, obj, attr));
            i = j;
        } else if (name[i] == '[') {
            size_t j = ++i;
            while (j < name.size() && name[j] != ']')
                ++j;
            if (j >= name.size())
                return raise(vm, exc::ValueError, "Missing ']' in format string");
            if (j == i)
                return raise(vm, exc::ValueError, "Empty attribute in format string");
            std::string_view key = name.substr(i, j - i);
            Value k;
            if (all_digits(key) && parse_decimal(key) >= 0)
                k = int_from_i64(vm, parse_decimal(key));
            else
                k = str_value(vm, key);
            obj = TRY(getitem(vm, obj, k));
            i = j + 1;
            if (i < name.size() && name[i] != '.' && name[i] != '[')
                return raise(vm, exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        } else {
            return raise(vm, exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return obj;
}

// Formats `fmt` into `out`; depth limits nested specs. False on error.
bool format_into(VM& vm, std::string_view fmt, FormatArgs& fa, int depth, std::string& out)
{
    if (depth <= 0) {
        (void)raise(vm, exc::ValueError, "Max string recursion exceeded");
        return false;
    }
    size_t i = 0, n = fmt.size();
    while (i < n) {
        char c = fmt[i];
        if (c == '}') {
            if (i + 1 < n && fmt[i + 1] == '}') {
                out += '}';
                i += 2;
                continue;
            }
            (void)raise(vm, exc::ValueError, "Single '}' encountered in format string");
            return false;
        }
        if (c != '{') {
            size_t j = i;
            while (j < n && fmt[j] != '{' && fmt[j] != '}')
                ++j;
            out.append(fmt.substr(i, j - i));
            i = j;
            continue;
        }
        if (i + 1 < n && fmt[i + 1] == '{') {
            out += '{';
            i += 2;
            continue;
        }
        if (i + 1 >= n) {
            (void)raise(vm, exc::ValueError, "Single '{' encountered in format string");
            return false;
        }
        // A replacement field: the field name (brackets may hold anything but '}'...).
        size_t p = i + 1;
        size_t name_start = p;
        char stop = 0;
        while (p < n) {
            char d = fmt[p];
            if (d == '{') {
                (void)raise(vm, exc::ValueError, "unexpected '{' in field name");
                return false;
            }
            if (d == '[') {
                while (p < n && fmt[p] != ']')
                    ++p;
                if (p < n)
                    ++p;
                continue;
            }
            if (d == '}' || d == ':' || d == '!') {
                stop = d;
                break;
            }
            ++p;
        }
        if (!stop) {
            (void)raise(vm, exc::ValueError, "expected '}' before end of string");
            return false;
        }
        std::string_view field_name = fmt.substr(name_start, p - name_start);
        char conversion = 0;
        uint32_t conversion_cp = 0;
        if (stop == '!') {
            ++p;
            if (p >= n) {
                (void)raise(vm, exc::ValueError, "end of string while looking for conversion specifier");
                return false;
            }
            size_t cstart = p;
            conversion_cp = utf8_decode(fmt, p);
            conversion = p - cstart == 1 ? fmt[cstart] : '?';
            // CPython: nothing after the conversion falls into the spec scan below and
            // reports the unmatched '{'.
            if (p >= n) {
                (void)raise(vm, exc::ValueError, "unmatched '{' in format spec");
                return false;
            }
            if (fmt[p] != ':' && fmt[p] != '}') {
                (void)raise(vm, exc::ValueError, "expected ':' after conversion specifier");
                return false;
            }
            stop = fmt[p];
        }
        std::string_view spec;
        bool spec_nested = false;
        if (stop == ':') {
            size_t spec_start = ++p;
            int count = 1;
            while (p < n) {
                if (fmt[p] == '{') {
                    spec_nested = true;
                    ++count;
                } else if (fmt[p] == '}') {
                    if (--count == 0)
                        break;
                }
                ++p;
            }
            if (p >= n) {
                (void)raise(vm, exc::ValueError, "unmatched '{' in format spec");
                return false;
            }
            spec = fmt.substr(spec_start, p - spec_start);
        }
        i = p + 1; // past the closing '}'

        Value obj = TRY_BOOL(resolve_field(vm, fa, field_name));
        switch (conversion) {
        case 0:
            break;
        case 'r':
            obj = TRY_BOOL(repr(vm, obj));
            break;
        case 's':
            obj = TRY_BOOL(to_str(vm, obj));
            break;
        case 'a':
            obj = TRY_BOOL(ascii(vm, obj));
            break;
        default:
            if (conversion_cp > 32 && conversion_cp < 127)
                (void)raise_fmt(vm, exc::ValueError, "Unknown conversion specifier %c", static_cast<char>(conversion_cp));
            else
                (void)raise_fmt(vm, exc::ValueError, "Unknown conversion specifier \\x%x", conversion_cp);
            return false;
        }
        Value spec_v;
        if (spec_nested) {
            std::string expanded;
            if (!format_into(vm, spec, fa, depth - 1, expanded))
                return false;
            spec_v = str_value(vm, expanded);
        } else
            spec_v = spec.empty() ? Value::from_object(empty_str()) : str_value(vm, spec);
        Value r;
        if (spec.empty() && is_exact_str(obj))
            r = obj;
        else
            r = TRY_BOOL(format(vm, obj, spec_v));
        String* rs = as_str(r);
        if (!rs) {
            (void)raise_fmt(vm, exc::TypeError, "__format__ must return a str, not %s", type_name(r));
            return false;
        }
        out.append(rs->view());
    }
    return true;
}

Value str_format_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    String* self = as_str(args[0]);
    if (!self)
        return raise(vm, exc::TypeError, "descriptor 'format' requires a 'str' object");
    // A non-empty format without any brace comes back as the very object, as CPython's
    // writer returns it (a str subclass instance stays one).
    if (self->byte_length && self->view().find_first_of("{}") == std::string_view::npos)
        return args[0];
    FormatArgs fa;
    fa.args = args + 1;
    fa.nargs = nargs - 1;
    fa.kwnames = kwnames && kwnames->size ? kwnames : nullptr;
    fa.kwvalues = args + nargs;
    std::string out;
    out.reserve(self->byte_length + 16);
    if (!format_into(vm, self->view(), fa, 2, out))
        return Value::null();
    return str_value(vm, out);
}

Value str_format_map(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "str", "format_map", nargs - 1, kwnames, 1, 1))
        return Value::null();
    String* self = as_str(args[0]);
    if (!self)
        return raise(vm, exc::TypeError, "descriptor 'format_map' requires a 'str' object");
    if (self->byte_length && self->view().find_first_of("{}") == std::string_view::npos)
        return args[0];
    FormatArgs fa;
    fa.mapping = args[1];
    std::string out;
    if (!format_into(vm, self->view(), fa, 2, out))
        return Value::null();
    return str_value(vm, out);
}

// ------------------------------------------------------------------ % formatting

enum PercentFlags { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

// Digits of |v| in `base` (lowercase) and its sign.
std::string int_digits(Value v, int base, bool& negative)
{
    if (v.is_int()) {
        int64_t i = v.as_int();
        negative = i < 0;
        uint64_t u = negative ? static_cast<uint64_t>(-(i + 1)) + 1 : static_cast<uint64_t>(i);
        char buf[72];
        size_t p = sizeof buf;
        do {
            buf[--p] = "0123456789abcdef"[u % base];
            u /= base;
        } while (u);
        return std::string(buf + p, sizeof buf - p);
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(v, z);
    negative = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    std::string s(mpz_sizeinbase(z, base) + 2, '\0');
    mpz_get_str(s.data(), base, z);
    s.resize(std::strlen(s.c_str()));
    mpz_clear(z);
    return s;
}

// Pads `body` (len code points) to width with spaces (left or right).
void pad_into(std::string& out, std::string_view body, size_t len, int64_t width, int flags)
{
    size_t fill = (width > 0 && static_cast<size_t>(width) > len) ? static_cast<size_t>(width) - len : 0;
    if (!(flags & F_LJUST))
        out.append(fill, ' ');
    out.append(body);
    if (flags & F_LJUST)
        out.append(fill, ' ');
}

// A number body "-0x1f" padded: zeros go after the sign and prefix when F_ZERO.
void pad_number(std::string& out, std::string_view sign_prefix, std::string_view digits, int64_t width, int flags)
{
    size_t len = sign_prefix.size() + digits.size();
    if ((flags & F_ZERO) && !(flags & F_LJUST) && width > 0 && static_cast<size_t>(width) > len) {
        out.append(sign_prefix);
        out.append(static_cast<size_t>(width) - len, '0');
        out.append(digits);
        return;
    }
    std::string body(sign_prefix);
    body.append(digits);
    pad_into(out, body, body.size(), width, flags);
}


bool format_percent_int(VM& vm, Value v, char type, int flags, int64_t width, int64_t prec, std::string& out)
{
    Value iv;
    if (type == 'd' || type == 'i' || type == 'u') {
        if (is_int(v))
            iv = int_unwrap(v);
        else if (is_float(v))
            iv = TRY_BOOL(int_from_double(vm, float_unwrap(v)));
        else if (is_number_like(v)) {
            TypeObject* t = type_of(v);
            if (!t->slot(Slot::INDEX).is_null())
                iv = TRY_BOOL(index(vm, v));
            else if (!t->slot(Slot::INT).is_null())
                iv = TRY_BOOL(call_slot(vm, v, Slot::INT, nullptr, 0));
            else {
                // Only __float__: CPython's PyNumber_Long does not use it.
                (void)raise_fmt(vm, exc::TypeError, "%%%c format: a real number is required, not %s", type, type_name(v));
                return false;
            }
            if (!is_int(iv)) {
                (void)raise_fmt(vm, exc::TypeError, "__int__ returned non-int (type %s)", type_name(iv));
                return false;
            }
            iv = int_unwrap(iv);
        } else {
            (void)raise_fmt(vm, exc::TypeError, "%%%c format: a real number is required, not %s", type, type_name(v));
            return false;
        }
    } else {
        if (is_int(v))
            iv = int_unwrap(v);
        else if (!is_float(v) && type_of(v) && !type_of(v)->slot(Slot::INDEX).is_null())
            iv = int_unwrap(TRY_BOOL(index(vm, v)));
        else {
            (void)raise_fmt(vm, exc::TypeError, "%%%c format: an integer is required, not %s", type, type_name(v));
            return false;
        }
    }
    int base = (type == 'x' || type == 'X') ? 16 : type == 'o' ? 8 : 10;
    // The int -> decimal str digit limit applies to %d, %i and %u as to str(int).
    if (base == 10 && !int_check_str_digits(vm, iv))
        return false;
    bool negative;
    std::string digits = int_digits(iv, base, negative);
    if (prec > 0 && digits.size() < static_cast<size_t>(prec)) {
        if (!vm.heap.reserve_buffer(digits, static_cast<size_t>(prec)))
            return false;
        digits.insert(0, static_cast<size_t>(prec) - digits.size(), '0');
    }
    if (type == 'X')
        for (char& c : digits)
            c = (c >= 'a' && c <= 'f') ? static_cast<char>(c - 32) : c;
    std::string prefix;
    if (negative)
        prefix = "-";
    else if (flags & F_SIGN)
        prefix = "+";
    else if (flags & F_BLANK)
        prefix = " ";
    if (flags & F_ALT) {
        if (type == 'x')
            prefix += "0x";
        else if (type == 'X')
            prefix += "0X";
        else if (type == 'o')
            prefix += "0o";
    }
    if (!vm.heap.reserve_buffer(out, Heap::array_bytes(out.size() + prefix.size() + digits.size(), 1, static_cast<size_t>(width > 0 ? width : 0))))
        return false;
    pad_number(out, prefix, digits, width, flags);
    return true;
}

bool format_percent_float(VM& vm, Value v, char type, int flags, int64_t width, int64_t prec, std::string& out)
{
    double d;
    if (is_float(v))
        d = float_unwrap(v);
    else if (is_number_like(v)) {
        if (!to_double(vm, v, d))
            return false;
    } else {
        (void)raise_fmt(vm, exc::TypeError, "must be real number, not %s", type_name(v));
        return false;
    }
    std::string spec;
    if (flags & F_SIGN)
        spec += '+';
    else if (flags & F_BLANK)
        spec += ' ';
    if (flags & F_ALT)
        spec += '#';
    spec += '.';
    spec += std::to_string(prec < 0 ? 6 : prec);
    spec += type;
    Value r = TRY_BOOL(format_float(vm, d, spec));
    std::string_view body = as_str(r)->view();
    size_t sign_len = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
    if (!vm.heap.reserve_buffer(out, Heap::array_bytes(out.size() + body.size(), 1, static_cast<size_t>(width > 0 ? width : 0))))
        return false;
    pad_number(out, body.substr(0, sign_len), body.substr(sign_len), width, flags);
    return true;
}

// The bytes of %s / %b in bytes formatting: bytes-like or __bytes__.
bool bytes_of(VM& vm, Value v, std::string& out)
{
    std::string_view data;
    if (get_bytes_like(v, data)) {
        out.assign(data);
        return true;
    }
    String* bytes_name = names.__bytes__;
    TypeObject* t = type_of(v);
    Value m = t ? type_lookup(t, bytes_name) : Value::not_found();
    if (!m.is_not_found() && !m.is_null()) {
        Value r = TRY_BOOL(call_method(vm, v, bytes_name, nullptr, 0));
        Bytes* b = as_bytes(r);
        if (!b) {
            (void)raise_fmt(vm, exc::TypeError, "__bytes__ returned non-bytes (type %s)", type_name(r));
            return false;
        }
        out.assign(b->view());
        return true;
    }
    (void)raise_fmt(vm, exc::TypeError, "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'", type_name(v));
    return false;
}

// The printf-style engine. `fmt` is UTF-8 (str) or raw bytes (bytes_mode).
bool percent_format(VM& vm, std::string_view fmt, Value args, bool bytes_mode, std::string& out)
{
    Tuple* tuple = as_tuple(args);
    // CPython's counters: a tuple is walked by argidx; any other argument object has
    // arglen = -1, argidx = -2 and is handed out once (argidx -2 -> -1). A %(key)
    // replaces the current argument object with the looked-up value and resets the
    // counters, so a '*' after the key consumes that value ("* wants int") and a
    // following plain conversion finds no argument left.
    int64_t arglen = tuple ? static_cast<int64_t>(tuple->size) : -1;
    int64_t argidx = tuple ? 0 : -2;
    Value dict;
    TypeObject* at = type_of(args);
    if (!tuple && !is_str(args) && at && !at->slot(Slot::GETITEM).is_null() &&
        !(bytes_mode && (as_bytes(args) || as_bytearray(args))))
        dict = args;
    Value current = args; // the argument object when arglen < 0
    auto next_arg = [&]() -> Value {
        if (argidx < arglen) {
            int64_t k = argidx++;
            return arglen < 0 ? current : tuple->items[k];
        }
        return raise(vm, exc::TypeError, "not enough arguments for format string");
    };
    size_t i = 0, n = fmt.size();
    while (i < n) {
        size_t j = fmt.find('%', i);
        if (j == std::string_view::npos) {
            out.append(fmt.substr(i));
            break;
        }
        out.append(fmt.substr(i, j - i));
        i = j + 1;
        if (i >= n) {
            (void)raise(vm, exc::ValueError, "incomplete format");
            return false;
        }
        if (fmt[i] == '%') {
            out += '%';
            ++i;
            continue;
        }
        Value arg;
        bool have_arg = false;
        if (fmt[i] == '(') {
            if (dict.is_null()) {
                (void)raise(vm, exc::TypeError, "format requires a mapping");
                return false;
            }
            size_t k = ++i;
            int depth = 1;
            while (k < n) {
                if (fmt[k] == '(')
                    ++depth;
                else if (fmt[k] == ')' && --depth == 0)
                    break;
                ++k;
            }
            if (k >= n) {
                (void)raise(vm, exc::ValueError, "incomplete format key");
                return false;
            }
            Value key = TRY_BOOL(bytes_mode ? Value::from_object(bytes_new(vm, fmt.substr(i, k - i))) : str_value(vm, fmt.substr(i, k - i)));
            current = TRY_BOOL(getitem(vm, dict, key));
            arglen = -1;
            argidx = -2;
            i = k + 1;
        }
        int flags = 0;
        for (; i < n; ++i) {
            char f = fmt[i];
            if (f == '-')
                flags |= F_LJUST;
            else if (f == '+')
                flags |= F_SIGN;
            else if (f == ' ')
                flags |= F_BLANK;
            else if (f == '#')
                flags |= F_ALT;
            else if (f == '0')
                flags |= F_ZERO;
            else
                break;
        }
        int64_t width = -1, prec = -1;
        // Room in `out` for a piece padded to the width (both the user's): asked of the
        // heap, so a huge one is MemoryError instead of std::bad_alloc.
        auto room = [&](size_t piece) {
            return vm.heap.reserve_buffer(out, Heap::array_bytes(out.size() + piece, 1, static_cast<size_t>(width > 0 ? width : 0)));
        };
        auto star_arg = [&](int64_t& dst) -> bool {
            Value w = next_arg();
            if (w.is_null())
                return false;
            if (!is_int(w)) {
                (void)raise(vm, exc::TypeError, "* wants int");
                return false;
            }
            // A width is a C ssize_t, a precision a C int, each with its own message.
            if (&dst == &prec) {
                if (!index_c_int(vm, w, dst))
                    return false;
            } else if (!index_i64(vm, w, dst))
                return false;
            return true;
        };
        if (i < n && fmt[i] == '*') {
            if (!star_arg(width))
                return false;
            if (width < 0) {
                flags |= F_LJUST;
                width = -width;
            }
            ++i;
        } else {
            while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
                int d = fmt[i] - '0';
                if (width > (INT64_MAX - d) / 10) {
                    (void)raise(vm, exc::ValueError, "width too big");
                    return false;
                }
                width = (width < 0 ? 0 : width) * 10 + d;
                ++i;
            }
        }
        if (i < n && fmt[i] == '.') {
            ++i;
            prec = 0;
            if (i < n && fmt[i] == '*') {
                if (!star_arg(prec))
                    return false;
                if (prec < 0)
                    prec = 0;
                ++i;
            } else {
                while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
                    prec = prec * 10 + (fmt[i] - '0');
                    if (prec > INT32_MAX) {
                        (void)raise(vm, exc::ValueError, "precision too big");
                        return false;
                    }
                    ++i;
                }
            }
        }
        while (i < n && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L'))
            ++i;
        if (i >= n) {
            (void)raise(vm, exc::ValueError, "incomplete format");
            return false;
        }
        size_t conv_at = i;
        uint32_t conv = static_cast<unsigned char>(fmt[i]);
        if (!bytes_mode && conv >= 128)
            conv = utf8_decode(fmt, i);
        else
            ++i;
        // The argument is fetched before the conversion is checked (so "%5%" % () is
        // "not enough arguments"), as CPython 3.11 does; plain "%%" was handled above.
        if (!have_arg) {
            arg = next_arg();
            if (arg.is_null())
                return false;
            have_arg = true;
        }
        bool known = conv < 128 && std::strchr("srabcdiuoxXeEfFgG", static_cast<int>(conv)) != nullptr &&
                     !(bytes_mode ? false : conv == 'b');
        if (!known) {
            size_t index = bytes_mode ? conv_at : utf8_count(fmt.substr(0, conv_at));
            std::string ch(1, (conv >= 32 && conv <= 126) ? static_cast<char>(conv) : '?');
            (void)raise_fmt(vm, exc::ValueError, "unsupported format character '%s' (0x%x) at index %zu", ch.c_str(), conv, index);
            return false;
        }
        if (!have_arg) {
            arg = next_arg();
            if (arg.is_null())
                return false;
        }
        char c = static_cast<char>(conv);
        switch (c) {
        case 's':
        case 'r':
        case 'a':
        case 'b': {
            if (bytes_mode) {
                std::string piece;
                if (c == 's' || c == 'b') {
                    if (!bytes_of(vm, arg, piece))
                        return false;
                } else {
                    Value r = TRY_BOOL(ascii(vm, arg));
                    piece.assign(as_str(r)->view());
                }
                if (prec >= 0 && piece.size() > static_cast<size_t>(prec))
                    piece.resize(static_cast<size_t>(prec));
                if (!room(piece.size()))
                    return false;
                pad_into(out, piece, piece.size(), width, flags);
                break;
            }
            Value r = TRY_BOOL(c == 's' ? to_str(vm, arg) : c == 'r' ? repr(vm, arg) : ascii(vm, arg));
            String* rs = as_str(r);
            std::string_view body = rs->view();
            size_t len = rs->length;
            if (prec >= 0 && static_cast<size_t>(prec) < len) {
                len = static_cast<size_t>(prec);
                body = body.substr(0, str_byte_offset(rs, len));
            }
            if (!room(body.size()))
                return false;
            pad_into(out, body, len, width, flags);
            break;
        }
        case 'c': {
            std::string piece;
            if (bytes_mode) {
                Bytes* bb = as_bytes(arg);
                ByteArray* ba = as_bytearray(arg);
                if (bb && bb->size == 1)
                    piece.assign(bb->view());
                else if (ba && ba->size == 1)
                    piece += static_cast<char>(ba->data()[0]);
                else if (is_index_like(arg)) {
                    Value iv = TRY_BOOL(index(vm, arg));
                    int64_t v;
                    if (!int_to_i64(iv, v) || v < 0 || v > 255) {
                        (void)raise(vm, exc::OverflowError, "%c arg not in range(256)");
                        return false;
                    }
                    piece += static_cast<char>(v);
                } else {
                    (void)raise(vm, exc::TypeError, "%c requires an integer in range(256) or a single byte");
                    return false;
                }
            } else if (String* s = as_str(arg)) {
                if (s->length != 1) {
                    (void)raise(vm, exc::TypeError, "%c requires int or char");
                    return false;
                }
                piece.assign(s->view());
            } else if (is_index_like(arg)) {
                Value iv = index(vm, arg);
                if (iv.is_null()) {
                    vm.clear_error();
                    (void)raise(vm, exc::TypeError, "%c requires int or char");
                    return false;
                }
                int64_t v;
                if (!int_to_i64(iv, v) || v < 0 || v > 0x10FFFF) {
                    (void)raise(vm, exc::OverflowError, "%c arg not in range(0x110000)");
                    return false;
                }
                utf8_append(piece, static_cast<uint32_t>(v));
            } else {
                (void)raise(vm, exc::TypeError, "%c requires int or char");
                return false;
            }
            if (!room(piece.size()))
                return false;
            pad_into(out, piece, 1, width, flags);
            break;
        }
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
            if (!format_percent_int(vm, arg, c, flags, width, prec, out))
                return false;
            break;
        default: // e E f F g G
            if (!format_percent_float(vm, arg, c, flags, width, prec, out))
                return false;
            break;
        }
    }
    bool unused = argidx < arglen;
    if (unused && dict.is_null()) {
        (void)raise(vm, exc::TypeError, bytes_mode ? "not all arguments converted during bytes formatting"
                                                   : "not all arguments converted during string formatting");
        return false;
    }
    return true;
}

} // namespace

Value str_mod(VM& vm, String* fmt, Value args)
{
    std::string out;
    out.reserve(fmt->byte_length + 16);
    if (!percent_format(vm, fmt->view(), args, false, out))
        return Value::null();
    return str_value(vm, out);
}

Value bytes_mod(VM& vm, std::string_view fmt, Value args, bool make_bytearray)
{
    std::string copy(fmt); // the source may move (bytearray) while Python code runs
    std::string out;
    if (!percent_format(vm, copy, args, true, out))
        return Value::null();
    if (make_bytearray)
        return Value::from_object(bytearray_new(vm, out));
    return Value::from_object(bytes_new(vm, out));
}

Value str_format_impl(VM& vm, String* fmt, Value const* args, size_t nargs, Value kwargs_mapping)
{
    FormatArgs fa;
    fa.args = args;
    fa.nargs = nargs;
    fa.mapping = kwargs_mapping;
    std::string out;
    if (!format_into(vm, fmt->view(), fa, 2, out))
        return Value::null();
    return str_value(vm, out);
}

void setup_str_format(VM& vm)
{
    add_methods(vm, types.str, {
        { "format", str_format_method },
        { "format_map", str_format_map },
    });
}

} // namespace slpy
