// str: case mapping (lower, upper, casefold, swapcase, title, capitalize), character
// class predicates (isalpha ... isidentifier), padding (center, ljust, rjust, zfill,
// expandtabs) and translate / maketrans.
//
// ASCII strings take byte-level fast paths; other text goes through the Unicode tables
// (slpy::unicode, generated from CPython's own behaviour) with CPython's full case
// mappings and the Greek final-sigma rule.
#include "objects/function.h"
#include "objects/int.h"
#include "objects/str_internal.h"

#include <cstring>

namespace slpy {

namespace {

String* self_str(VM& vm, Value v)
{
    String* s = as_str(v);
    if (!s)
        (void)raise_fmt(vm, exc::TypeError, "descriptor requires a 'str' object but received a '%s'", type_name(v));
    return s;
}

#define SELF_STR()                          \
    String* self = self_str(vm, args[0]);   \
    if (!self)                              \
        return Value::null()

bool no_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    return method_nargs(vm, "str", name, nargs - 1, kwnames, 0, 0);
}

// ------------------------------------------------------------------ case mapping

enum class CaseOp { LOWER, UPPER, FOLD, SWAP, TITLE, CAPITALIZE };

Value ascii_case(VM& vm, String* s, CaseOp op)
{
    String* r = str_alloc(vm, s->byte_length);
    if (!r)
        return Value::null();
    bool prev_cased = false;
    for (size_t i = 0; i < s->byte_length; ++i) {
        char c = s->data[i];
        bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
        switch (op) {
        case CaseOp::LOWER:
        case CaseOp::FOLD:
            if (up)
                c += 32;
            break;
        case CaseOp::UPPER:
            if (low)
                c -= 32;
            break;
        case CaseOp::SWAP:
            c = up ? c + 32 : low ? c - 32 : c;
            break;
        case CaseOp::TITLE:
            if (prev_cased && up)
                c += 32;
            else if (!prev_cased && low)
                c -= 32;
            prev_cased = up || low;
            break;
        case CaseOp::CAPITALIZE:
            if (i == 0 && low)
                c -= 32;
            else if (i > 0 && up)
                c += 32;
            break;
        }
        r->data[i] = c;
    }
    str_finish_known(r, s->length, true);
    return Value::from_object(r);
}

Value unicode_case(VM& vm, String* s, CaseOp op)
{
    // Pure native code on buffers as large as the string (four bytes a character for the
    // code points): run under the heap's std::bad_alloc check.
    std::string out;
    bool built = vm.heap.native_build([&] {
        std::u32string text = utf8_to_u32(s->view());
        out.clear();
        out.reserve(s->byte_length + 8);
        uint32_t buf[3];
        bool prev_cased = false;
        for (size_t i = 0; i < text.size(); ++i) {
            uint32_t c = text[i];
            int n;
            switch (op) {
            case CaseOp::LOWER:
                n = unicode::lower_in_context(text, i, buf);
                break;
            case CaseOp::UPPER:
                n = unicode::to_upper(c, buf);
                break;
            case CaseOp::FOLD:
                n = unicode::to_fold(c, buf);
                break;
            case CaseOp::SWAP:
                if (unicode::has(c, unicode::UPPER))
                    n = unicode::lower_in_context(text, i, buf);
                else if (unicode::has(c, unicode::LOWER))
                    n = unicode::to_upper(c, buf);
                else {
                    buf[0] = c;
                    n = 1;
                }
                break;
            case CaseOp::TITLE:
                n = prev_cased ? unicode::lower_in_context(text, i, buf) : unicode::to_title(c, buf);
                prev_cased = unicode::has(c, unicode::CASED);
                break;
            default: // CAPITALIZE
                n = i == 0 ? unicode::to_title(c, buf) : unicode::lower_in_context(text, i, buf);
                break;
            }
            u32_append_utf8(out, buf, static_cast<size_t>(n));
        }
    });
    if (!built)
        return Value::null();
    return Value::from_object(make_str(vm, out, false));
}

Value case_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, CaseOp op)
{
    if (!no_args(vm, name, nargs, kwnames))
        return Value::null();
    SELF_STR();
    if (self->length == 0)
        return Value::from_object(empty_str());
    if (self->is_ascii())
        return ascii_case(vm, self, op);
    return unicode_case(vm, self, op);
}

Value str_lower(VM& vm, Value const* a, size_t n, Tuple* k) { return case_method(vm, a, n, k, "lower", CaseOp::LOWER); }
Value str_upper(VM& vm, Value const* a, size_t n, Tuple* k) { return case_method(vm, a, n, k, "upper", CaseOp::UPPER); }
Value str_casefold(VM& vm, Value const* a, size_t n, Tuple* k) { return case_method(vm, a, n, k, "casefold", CaseOp::FOLD); }
Value str_swapcase(VM& vm, Value const* a, size_t n, Tuple* k) { return case_method(vm, a, n, k, "swapcase", CaseOp::SWAP); }
Value str_title(VM& vm, Value const* a, size_t n, Tuple* k) { return case_method(vm, a, n, k, "title", CaseOp::TITLE); }
Value str_capitalize(VM& vm, Value const* a, size_t n, Tuple* k) { return case_method(vm, a, n, k, "capitalize", CaseOp::CAPITALIZE); }

// ------------------------------------------------------------------ predicates

// True when every character has `flag` (and the string is not empty).
Value all_have(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, uint32_t flag)
{
    if (!no_args(vm, name, nargs, kwnames))
        return Value::null();
    SELF_STR();
    if (self->length == 0)
        return py_false();
    std::string_view s = self->view();
    size_t i = 0;
    while (i < s.size()) {
        uint32_t cp = static_cast<unsigned char>(s[i]);
        if (cp < 128)
            ++i;
        else
            cp = utf8_decode(s, i);
        if (!(unicode::char_flags(cp) & flag))
            return py_false();
    }
    return py_true();
}

Value str_isalpha(VM& vm, Value const* a, size_t n, Tuple* k) { return all_have(vm, a, n, k, "isalpha", unicode::ALPHA); }
Value str_isdecimal(VM& vm, Value const* a, size_t n, Tuple* k) { return all_have(vm, a, n, k, "isdecimal", unicode::DECIMAL); }
Value str_isdigit(VM& vm, Value const* a, size_t n, Tuple* k) { return all_have(vm, a, n, k, "isdigit", unicode::DIGIT); }
Value str_isnumeric(VM& vm, Value const* a, size_t n, Tuple* k) { return all_have(vm, a, n, k, "isnumeric", unicode::NUMERIC); }
Value str_isspace(VM& vm, Value const* a, size_t n, Tuple* k) { return all_have(vm, a, n, k, "isspace", unicode::SPACE); }
Value str_isalnum(VM& vm, Value const* a, size_t n, Tuple* k)
{
    return all_have(vm, a, n, k, "isalnum", unicode::ALPHA | unicode::DECIMAL | unicode::DIGIT | unicode::NUMERIC);
}

Value str_isprintable(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, "isprintable", nargs, kwnames))
        return Value::null();
    SELF_STR();
    std::string_view s = self->view();
    size_t i = 0;
    while (i < s.size())
        if (!unicode::has(utf8_decode(s, i), unicode::PRINTABLE))
            return py_false();
    return py_true();
}

Value str_isascii(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, "isascii", nargs, kwnames))
        return Value::null();
    SELF_STR();
    return py_bool(self->is_ascii());
}

// islower / isupper: no character of the opposite case (or titlecase), at least one cased.
Value lower_upper(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool want_lower)
{
    if (!no_args(vm, name, nargs, kwnames))
        return Value::null();
    SELF_STR();
    uint32_t good = want_lower ? unicode::LOWER : unicode::UPPER;
    uint32_t bad = (want_lower ? unicode::UPPER : unicode::LOWER) | unicode::TITLE;
    bool cased = false;
    std::string_view s = self->view();
    size_t i = 0;
    while (i < s.size()) {
        uint32_t f = unicode::char_flags(utf8_decode(s, i));
        if (f & bad)
            return py_false();
        if (f & good)
            cased = true;
    }
    return py_bool(cased);
}

Value str_islower(VM& vm, Value const* a, size_t n, Tuple* k) { return lower_upper(vm, a, n, k, "islower", true); }
Value str_isupper(VM& vm, Value const* a, size_t n, Tuple* k) { return lower_upper(vm, a, n, k, "isupper", false); }

Value str_istitle(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, "istitle", nargs, kwnames))
        return Value::null();
    SELF_STR();
    bool cased = false, prev_cased = false;
    std::string_view s = self->view();
    size_t i = 0;
    while (i < s.size()) {
        uint32_t f = unicode::char_flags(utf8_decode(s, i));
        if (f & (unicode::UPPER | unicode::TITLE)) {
            if (prev_cased)
                return py_false();
            prev_cased = cased = true;
        } else if (f & unicode::LOWER) {
            if (!prev_cased)
                return py_false();
            prev_cased = cased = true;
        } else
            prev_cased = false;
    }
    return py_bool(cased);
}

Value str_isidentifier(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, "isidentifier", nargs, kwnames))
        return Value::null();
    SELF_STR();
    std::string_view s = self->view();
    if (s.empty())
        return py_false();
    size_t i = 0;
    uint32_t first = utf8_decode(s, i);
    if (first != '_' && !unicode::has(first, unicode::XID_START))
        return py_false();
    while (i < s.size())
        if (!unicode::has(utf8_decode(s, i), unicode::XID_CONTINUE))
            return py_false();
    return py_true();
}

// ------------------------------------------------------------------ padding

// The fillchar argument of center/ljust/rjust. False on error.
bool parse_fill(VM& vm, Value const* args, size_t nargs, size_t at, uint32_t& fill)
{
    fill = ' ';
    if (nargs <= at)
        return true;
    String* f = as_str(args[at]);
    if (!f) {
        (void)raise_fmt(vm, exc::TypeError, "The fill character must be a unicode character, not %s", type_name(args[at]));
        return false;
    }
    if (f->length != 1) {
        (void)raise(vm, exc::TypeError, "The fill character must be exactly one character long");
        return false;
    }
    fill = str_char_at(f, 0);
    return true;
}

Value pad(VM& vm, Value self_v, String* self, int64_t left, int64_t right, uint32_t fill)
{
    if (left <= 0 && right <= 0)
        return is_exact_str(self_v) ? self_v : Value::from_object(make_str(vm, self->view(), self->is_ascii()));
    left = left < 0 ? 0 : left;
    right = right < 0 ? 0 : right;
    std::string f;
    utf8_append(f, fill);
    if (!check_alloc_size(vm, static_cast<uint64_t>(left) + static_cast<uint64_t>(right), f.size()))
        return Value::null();
    std::string out;
    if (!vm.heap.reserve_buffer(out, self->byte_length + (left + right) * f.size()))
        return Value::null();
    for (int64_t i = 0; i < left; ++i)
        out += f;
    out.append(self->view());
    for (int64_t i = 0; i < right; ++i)
        out += f;
    return Value::from_object(make_str(vm, out, self->is_ascii() && fill < 128));
}

Value justify(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, char mode)
{
    if (!method_nargs(vm, "str", name, nargs - 1, kwnames, 1, 2))
        return Value::null();
    SELF_STR();
    int64_t width;
    if (!index_i64(vm, args[1], width))
        return Value::null();
    uint32_t fill;
    if (!parse_fill(vm, args, nargs, 2, fill))
        return Value::null();
    int64_t len = static_cast<int64_t>(self->length);
    // width may be anything down to INT64_MIN: compare before subtracting.
    if (width <= len)
        return pad(vm, args[0], self, 0, 0, fill);
    int64_t marg = width - len;
    if (mode == '<')
        return pad(vm, args[0], self, 0, marg, fill);
    if (mode == '>')
        return pad(vm, args[0], self, marg, 0, fill);
    int64_t left = marg / 2 + (marg & width & 1);
    return pad(vm, args[0], self, left, marg - left, fill);
}

Value str_ljust(VM& vm, Value const* a, size_t n, Tuple* k) { return justify(vm, a, n, k, "ljust", '<'); }
Value str_rjust(VM& vm, Value const* a, size_t n, Tuple* k) { return justify(vm, a, n, k, "rjust", '>'); }
Value str_center(VM& vm, Value const* a, size_t n, Tuple* k) { return justify(vm, a, n, k, "center", '^'); }

Value str_zfill(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "str", "zfill", nargs - 1, kwnames, 1, 1))
        return Value::null();
    SELF_STR();
    int64_t width;
    if (!index_i64(vm, args[1], width))
        return Value::null();
    int64_t len = static_cast<int64_t>(self->length);
    if (width <= len)
        return pad(vm, args[0], self, 0, 0, ' ');
    if (!check_alloc_size(vm, static_cast<uint64_t>(width)))
        return Value::null();
    std::string_view s = self->view();
    std::string out;
    if (!vm.heap.reserve_buffer(out, s.size() + static_cast<size_t>(width - len)))
        return Value::null();
    size_t sign = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    out.append(s.substr(0, sign));
    out.append(static_cast<size_t>(width - len), '0');
    out.append(s.substr(sign));
    return Value::from_object(make_str(vm, out, self->is_ascii()));
}

Value str_expandtabs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_STR();
    Value out_args[1];
    if (!parse_args(vm, "expandtabs", args + 1, nargs - 1, kwnames, { "tabsize" }, 0, out_args))
        return Value::null();
    int64_t tabsize = 8;
    if (!out_args[0].is_null() && !index_c_int(vm, out_args[0], tabsize))
        return Value::null();
    std::string_view s = self->view();
    // Sized first (as CPython: OverflowError "result too long"), then built in a buffer
    // asked of the heap.
    uint64_t total = 0;
    {
        int64_t col = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(s[i]);
            uint64_t add = 1;
            if (c == '\t') {
                add = tabsize > 0 ? static_cast<uint64_t>(tabsize - col % tabsize) : 0;
                col += static_cast<int64_t>(add);
            } else if (c == '\n' || c == '\r') {
                col = 0;
            } else if ((c & 0xC0) != 0x80) {
                ++col;
            }
            if (__builtin_add_overflow(total, add, &total) || total > static_cast<uint64_t>(INT64_MAX) || col < 0)
                return raise(vm, exc::OverflowError, "result too long");
        }
    }
    std::string out;
    if (!check_alloc_size(vm, total) || !vm.heap.reserve_buffer(out, static_cast<size_t>(total)))
        return Value::null();
    int64_t col = 0;
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - col % tabsize;
                out.append(static_cast<size_t>(spaces), ' ');
                col += spaces;
            }
            ++i;
        } else if (c == '\n' || c == '\r') {
            out += static_cast<char>(c);
            col = 0;
            ++i;
        } else {
            size_t j = i;
            (void)utf8_decode(s, j);
            out.append(s.substr(i, j - i));
            ++col;
            i = j;
        }
    }
    return Value::from_object(make_str(vm, out, self->is_ascii()));
}

// ------------------------------------------------------------------ translate

Value str_translate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "str", "translate", nargs - 1, kwnames, 1, 1))
        return Value::null();
    SELF_STR();
    Value table = args[1];
    std::string_view s = self->view();
    std::string out;
    if (!vm.heap.reserve_buffer(out, s.size()))
        return Value::null();
    // Small cache for ASCII characters: 0 unknown, 1 keep, 2 use cached value.
    Value cache_v[128];
    unsigned char cache_state[128] = {};
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        uint32_t cp = utf8_decode(s, i);
        Value r;
        if (cp < 128 && cache_state[cp]) {
            if (cache_state[cp] == 1) {
                if (!vm.heap.append_buffer(out, s.substr(start, i - start)))
                    return Value::null();
                continue;
            }
            r = cache_v[cp];
        } else {
            r = getitem(vm, table, Value::small_int(cp));
            if (r.is_null()) {
                if (!vm.error_matches(exc::LookupError))
                    return Value::null();
                vm.clear_error();
                if (cp < 128)
                    cache_state[cp] = 1;
                if (!vm.heap.append_buffer(out, s.substr(start, i - start)))
                    return Value::null();
                continue;
            }
            if (cp < 128) {
                cache_state[cp] = 2;
                cache_v[cp] = r;
            }
        }
        if (is_none(r))
            continue;
        // The mapped text is the user's: the buffer grows through the heap's check.
        if (String* rs = as_str(r)) {
            if (!vm.heap.append_buffer(out, rs->view()))
                return Value::null();
            continue;
        }
        if (is_int(r)) {
            int64_t v;
            if (!int_to_i64(int_unwrap(r), v) || v < 0 || v > 0x10FFFF)
                return raise(vm, exc::ValueError, "character mapping must be in range(0x110000)");
            if (!vm.heap.reserve_buffer(out, out.size() + 4))
                return Value::null();
            utf8_append(out, static_cast<uint32_t>(v));
            continue;
        }
        return raise(vm, exc::TypeError, "character mapping must return integer, None or str");
    }
    return Value::from_object(make_str(vm, out, false));
}

Value str_maketrans(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "str", "maketrans", nargs, kwnames, 1, 3))
        return Value::null();
    Dict* result = dict_new(vm);
    if (!result)
        return Value::null();
    Value rv = Value::from_object(result);
    if (nargs == 1) {
        Dict* d = as_dict(args[0]);
        if (!d)
            return raise(vm, exc::TypeError, "if you give only one argument to maketrans it must be a dict");
        size_t pos = 0;
        Value k, v;
        while (dict_next(d, pos, k, v)) {
            if (String* ks = as_str(k)) {
                if (ks->length != 1)
                    return raise(vm, exc::ValueError, "string keys in translate table must be of length 1");
                if (!dict_set(vm, result, Value::small_int(str_char_at(ks, 0)), v))
                    return Value::null();
            } else if (is_int(k)) {
                if (!dict_set(vm, result, int_unwrap(k), v))
                    return Value::null();
            } else
                return raise(vm, exc::TypeError, "keys in translate table must be strings or integers");
        }
        return rv;
    }
    // The argument parser checks y and z before the body looks at x.
    String* y = as_str(args[1]);
    if (!y)
        return raise_fmt(vm, exc::TypeError, "maketrans() argument 2 must be str, not %s", arg_type_name(args[1]));
    if (nargs == 3 && !as_str(args[2]))
        return raise_fmt(vm, exc::TypeError, "maketrans() argument 3 must be str, not %s", arg_type_name(args[2]));
    String* x = as_str(args[0]);
    if (!x)
        return raise(vm, exc::TypeError, "first maketrans argument must be a string if there is a second argument");
    if (x->length != y->length)
        return raise(vm, exc::ValueError, "the first two maketrans arguments must have equal length");
    std::u32string xs = utf8_to_u32(x->view()), ys = utf8_to_u32(y->view());
    for (size_t i = 0; i < xs.size(); ++i)
        if (!dict_set(vm, result, Value::small_int(xs[i]), Value::small_int(ys[i])))
            return Value::null();
    if (nargs == 3) {
        String* z = as_str(args[2]);
        for (char32_t c : utf8_to_u32(z->view()))
            if (!dict_set(vm, result, Value::small_int(c), py_none()))
                return Value::null();
    }
    return rv;
}

} // namespace

void setup_str_case(VM& vm)
{
    add_methods(vm, types.str, {
        { "lower", str_lower },
        { "upper", str_upper },
        { "casefold", str_casefold },
        { "swapcase", str_swapcase },
        { "title", str_title },
        { "capitalize", str_capitalize },
        { "isalpha", str_isalpha },
        { "isalnum", str_isalnum },
        { "isdecimal", str_isdecimal },
        { "isdigit", str_isdigit },
        { "isnumeric", str_isnumeric },
        { "isspace", str_isspace },
        { "isprintable", str_isprintable },
        { "isascii", str_isascii },
        { "islower", str_islower },
        { "isupper", str_isupper },
        { "istitle", str_istitle },
        { "isidentifier", str_isidentifier },
        { "ljust", str_ljust },
        { "rjust", str_rjust },
        { "center", str_center },
        { "zfill", str_zfill },
        { "expandtabs", str_expandtabs },
        { "translate", str_translate },
        { "maketrans", str_maketrans, METH_STATIC },
    });
}

} // namespace slpy
