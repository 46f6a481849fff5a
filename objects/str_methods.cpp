// str: the Python-level type (constructor, operators, iteration) and its searching,
// splitting, joining and replacing methods. Case mapping and character classes are in
// str_case.cpp; str.format and % in str_format.cpp; the core string API in string.cpp.
//
// Strings are UTF-8. Byte-level algorithms (find, split, replace) work unchanged on UTF-8
// since a valid UTF-8 needle can only match at character boundaries; code-point indices
// are converted at the edges (free for ASCII strings, which index in O(1)).
#include "objects/reduce.h"
#include "objects/buffer.h"
#include "objects/format_spec.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/slice.h"
#include "objects/str_internal.h"
#include "objects/type.h"

#include <cstring>

namespace slpy {

void setup_str_case(VM& vm); // str_case.cpp

namespace {

// ------------------------------------------------------------------ helpers

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

// nargs counts self; messages as CPython's (str_args.cpp).
bool positional(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t min, size_t max)
{
    return method_nargs(vm, "str", name, nargs - 1, kwnames, min, max);
}

// An argument that must be a str: "must be str, not int" (prefix may add context).
String* arg_str(VM& vm, Value v, char const* prefix = "")
{
    String* s = as_str(v);
    if (!s)
        (void)raise_fmt(vm, exc::TypeError, "%smust be str, not %s", prefix, type_name(v));
    return s;
}

// Code-point range [start, end) of self as a byte range.
void byte_range(String* s, int64_t start, int64_t end, size_t& bstart, size_t& bend)
{
    if (s->is_ascii()) {
        bstart = static_cast<size_t>(start);
        bend = static_cast<size_t>(end);
    } else {
        bstart = str_byte_offset(s, static_cast<size_t>(start));
        bend = bstart + (str_byte_offset(s, static_cast<size_t>(end)) - str_byte_offset(s, static_cast<size_t>(start)));
    }
}

// Parses the optional (start, end) pair at args[first...]. False on error.
bool parse_range(VM& vm, Value const* args, size_t nargs, size_t first, int64_t& start, int64_t& end)
{
    start = 0;
    end = INT64_MAX;
    if (nargs > first && !parse_slice_arg(vm, args[first], start))
        return false;
    if (nargs > first + 1 && !parse_slice_arg(vm, args[first + 1], end))
        return false;
    return true;
}

// find/rfind core: code-point index of sub in s[start:end], or -1.
int64_t find_in(String* s, String* sub, int64_t start, int64_t end, bool reverse)
{
    int64_t len = static_cast<int64_t>(s->length);
    adjust_indices(start, end, len);
    if (end - start < static_cast<int64_t>(sub->length))
        return -1;
    size_t bstart, bend;
    byte_range(s, start, end, bstart, bend);
    std::string_view hay = s->view().substr(bstart, bend - bstart);
    size_t pos = reverse ? hay.rfind(sub->view()) : hay.find(sub->view());
    if (pos == std::string_view::npos)
        return -1;
    if (s->is_ascii())
        return start + static_cast<int64_t>(pos);
    return start + static_cast<int64_t>(utf8_count(hay.substr(0, pos)));
}

int64_t count_in(String* s, String* sub, int64_t start, int64_t end)
{
    int64_t len = static_cast<int64_t>(s->length);
    adjust_indices(start, end, len);
    if (end - start < static_cast<int64_t>(sub->length))
        return 0;
    if (sub->length == 0)
        return end - start + 1;
    size_t bstart, bend;
    byte_range(s, start, end, bstart, bend);
    std::string_view hay = s->view().substr(bstart, bend - bstart);
    std::string_view needle = sub->view();
    int64_t n = 0;
    size_t pos = 0;
    if (needle.size() == 1) {
        char c = needle[0];
        for (char h : hay)
            n += h == c;
        return n;
    }
    while ((pos = hay.find(needle, pos)) != std::string_view::npos) {
        ++n;
        pos += needle.size();
    }
    return n;
}

Value find_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool reverse, bool raise_missing)
{
    if (!find_nargs(vm, "str", name, nargs - 1, kwnames))
        return Value::null();
    SELF_STR();
    String* sub = arg_str(vm, args[1]);
    if (!sub)
        return Value::null();
    int64_t start, end;
    if (!parse_range(vm, args, nargs, 2, start, end))
        return Value::null();
    int64_t r = find_in(self, sub, start, end, reverse);
    if (r < 0 && raise_missing)
        return raise(vm, exc::ValueError, "substring not found");
    return Value::small_int(r);
}

Value str_find(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return find_common(vm, args, nargs, kw, "find", false, false); }
Value str_rfind(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return find_common(vm, args, nargs, kw, "rfind", true, false); }
Value str_index(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return find_common(vm, args, nargs, kw, "index", false, true); }
Value str_rindex(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return find_common(vm, args, nargs, kw, "rindex", true, true); }

Value str_count(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!find_nargs(vm, "str", "count", nargs - 1, kwnames))
        return Value::null();
    SELF_STR();
    String* sub = arg_str(vm, args[1]);
    if (!sub)
        return Value::null();
    int64_t start, end;
    if (!parse_range(vm, args, nargs, 2, start, end))
        return Value::null();
    return Value::small_int(count_in(self, sub, start, end));
}

// startswith / endswith: prefix is a str or a tuple of str.
Value starts_ends(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool ends)
{
    if (!find_nargs(vm, "str", name, nargs - 1, kwnames))
        return Value::null();
    SELF_STR();
    int64_t start, end;
    if (!parse_range(vm, args, nargs, 2, start, end))
        return Value::null();
    int64_t len = static_cast<int64_t>(self->length);
    auto test = [&](String* p) -> bool {
        int64_t s = start, e = end;
        adjust_indices(s, e, len);
        if (s > len)
            return false;
        if (e - s < static_cast<int64_t>(p->length))
            return false;
        size_t bs, be;
        byte_range(self, s, e, bs, be);
        std::string_view hay = self->view().substr(bs, be - bs);
        std::string_view pv = p->view();
        if (ends)
            return hay.size() >= pv.size() && hay.substr(hay.size() - pv.size()) == pv;
        return hay.substr(0, pv.size()) == pv;
    };
    if (Tuple* t = as_tuple(args[1])) {
        for (size_t i = 0; i < t->size; ++i) {
            String* p = as_str(t->items[i]);
            if (!p)
                return raise_fmt(vm, exc::TypeError, "tuple for %s must only contain str, not %s", name, type_name(t->items[i]));
            if (test(p))
                return py_true();
        }
        return py_false();
    }
    String* p = as_str(args[1]);
    if (!p)
        return raise_fmt(vm, exc::TypeError, "%s first arg must be str or a tuple of str, not %s", name, type_name(args[1]));
    return py_bool(test(p));
}

Value str_startswith(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return starts_ends(vm, args, nargs, kw, "startswith", false); }
Value str_endswith(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return starts_ends(vm, args, nargs, kw, "endswith", true); }

// ------------------------------------------------------------------ split family

// Whitespace test at byte i of s; sets `next` to the following byte offset.
inline bool space_at(std::string_view s, size_t i, size_t& next)
{
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 128) {
        next = i + 1;
        return unicode::is_space(c);
    }
    next = i;
    uint32_t cp = utf8_decode(s, next);
    return unicode::is_space(cp);
}

// The start of the code point that ends just before byte i.
inline size_t prev_char(std::string_view s, size_t i)
{
    do
        --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    return i;
}

bool append_piece(VM& vm, List* out, std::string_view piece, bool ascii)
{
    return list_append(vm, out, Value::from_object(make_str(vm, piece, ascii)));
}

bool parse_split_args(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, String*& sep, int64_t& maxsplit)
{
    Value out[2];
    if (!parse_args(vm, name, args + 1, nargs - 1, kwnames, { "sep", "maxsplit" }, 0, out))
        return false;
    sep = nullptr;
    maxsplit = -1;
    if (!out[0].is_null() && !is_none(out[0])) {
        sep = as_str(out[0]);
        if (!sep) {
            (void)raise_fmt(vm, exc::TypeError, "must be str or None, not %s", type_name(out[0]));
            return false;
        }
        if (sep->length == 0) {
            (void)raise(vm, exc::ValueError, "empty separator");
            return false;
        }
    }
    if (!out[1].is_null() && !index_i64(vm, out[1], maxsplit))
        return false;
    if (maxsplit < 0)
        maxsplit = INT64_MAX;
    return true;
}

Value str_split(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_STR();
    String* sep;
    int64_t maxsplit;
    if (!parse_split_args(vm, "split", args, nargs, kwnames, sep, maxsplit))
        return Value::null();
    std::string_view s = self->view();
    bool ascii = self->is_ascii();
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    size_t n = s.size();
    if (!sep) {
        size_t i = 0, next;
        while (true) {
            while (i < n && space_at(s, i, next))
                i = next;
            if (i >= n)
                break;
            if (maxsplit-- == 0) {
                // The rest, trailing whitespace included (as CPython).
                if (!append_piece(vm, out, s.substr(i), ascii))
                    return Value::null();
                break;
            }
            size_t j = i;
            while (j < n && !space_at(s, j, next))
                j = next;
            if (!append_piece(vm, out, s.substr(i, j - i), ascii))
                return Value::null();
            i = j;
        }
        return Value::from_object(out);
    }
    std::string_view sv = sep->view();
    size_t i = 0;
    while (maxsplit > 0) {
        size_t pos = sv.size() == 1 ? s.find(sv[0], i) : s.find(sv, i);
        if (pos == std::string_view::npos)
            break;
        if (!append_piece(vm, out, s.substr(i, pos - i), ascii))
            return Value::null();
        i = pos + sv.size();
        --maxsplit;
    }
    if (i == 0 && is_exact_str(args[0])) {
        if (!list_append(vm, out, args[0]))
            return Value::null();
    } else if (!append_piece(vm, out, s.substr(i), ascii))
        return Value::null();
    return Value::from_object(out);
}

// Reverses a list in place (rsplit collects from the right).
void reverse_list(List* l)
{
    Value* items = l->items();
    for (size_t a = 0, b = l->size; a + 1 < b; ++a, --b)
        std::swap(items[a], items[b - 1]);
}

Value str_rsplit(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_STR();
    String* sep;
    int64_t maxsplit;
    if (!parse_split_args(vm, "rsplit", args, nargs, kwnames, sep, maxsplit))
        return Value::null();
    std::string_view s = self->view();
    bool ascii = self->is_ascii();
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    if (!sep) {
        size_t end = s.size(), next;
        while (true) {
            while (end > 0) {
                size_t p = prev_char(s, end);
                if (!space_at(s, p, next))
                    break;
                end = p;
            }
            if (end == 0)
                break;
            if (maxsplit-- == 0) {
                if (!append_piece(vm, out, s.substr(0, end), ascii))
                    return Value::null();
                break;
            }
            size_t j = end;
            while (j > 0) {
                size_t p = prev_char(s, j);
                if (space_at(s, p, next))
                    break;
                j = p;
            }
            if (!append_piece(vm, out, s.substr(j, end - j), ascii))
                return Value::null();
            end = j;
        }
        reverse_list(out);
        return Value::from_object(out);
    }
    std::string_view sv = sep->view();
    size_t end = s.size();
    while (maxsplit > 0 && end >= sv.size()) {
        size_t pos = s.substr(0, end).rfind(sv);
        if (pos == std::string_view::npos)
            break;
        if (!append_piece(vm, out, s.substr(pos + sv.size(), end - pos - sv.size()), ascii))
            return Value::null();
        end = pos;
        --maxsplit;
    }
    if (!append_piece(vm, out, s.substr(0, end), ascii))
        return Value::null();
    reverse_list(out);
    return Value::from_object(out);
}

// Length of the line break at s[i] (0 when none): \n \r \r\n \v \f \x1c-\x1e \x85 \u2028 \u2029.
size_t line_break_at(std::string_view s, size_t i)
{
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
    case '\n': case '\v': case '\f': case 0x1c: case 0x1d: case 0x1e:
        return 1;
    case '\r':
        return (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
    case 0xC2:
        return (i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) ? 2 : 0;
    case 0xE2:
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
            unsigned char d = static_cast<unsigned char>(s[i + 2]);
            if (d == 0xA8 || d == 0xA9)
                return 3;
        }
        return 0;
    default:
        return 0;
    }
}

Value str_splitlines(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_STR();
    Value out_args[1];
    if (!parse_args(vm, "splitlines", args + 1, nargs - 1, kwnames, { "keepends" }, 0, out_args))
        return Value::null();
    bool keepends = false;
    if (!out_args[0].is_null() && !c_int_flag(vm, out_args[0], keepends))
        return Value::null();
    std::string_view s = self->view();
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    size_t start = 0, i = 0;
    while (i < s.size()) {
        size_t br = line_break_at(s, i);
        if (!br) {
            ++i;
            continue;
        }
        size_t stop = keepends ? i + br : i;
        if (!append_piece(vm, out, s.substr(start, stop - start), self->is_ascii()))
            return Value::null();
        i += br;
        start = i;
    }
    if (start < s.size() && !append_piece(vm, out, s.substr(start), self->is_ascii()))
        return Value::null();
    return Value::from_object(out);
}

Value partition_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool reverse)
{
    if (!positional(vm, name, nargs, kwnames, 1, 1))
        return Value::null();
    SELF_STR();
    String* sep = arg_str(vm, args[1]);
    if (!sep)
        return Value::null();
    if (sep->length == 0)
        return raise(vm, exc::ValueError, "empty separator");
    std::string_view s = self->view();
    size_t pos = reverse ? s.rfind(sep->view()) : s.find(sep->view());
    // CPython hands back self and the separator objects themselves, subclasses included.
    Value whole = args[0];
    Value empty = Value::from_object(empty_str());
    if (pos == std::string_view::npos)
        return Value::from_object(reverse ? tuple_pack(vm, { empty, empty, whole }) : tuple_pack(vm, { whole, empty, empty }));
    Value a = Value::from_object(make_str(vm, s.substr(0, pos), self->is_ascii()));
    Value c = Value::from_object(make_str(vm, s.substr(pos + sep->byte_length), self->is_ascii()));
    return Value::from_object(tuple_pack(vm, { a, args[1], c }));
}

Value str_partition(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return partition_common(vm, args, nargs, kw, "partition", false); }
Value str_rpartition(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return partition_common(vm, args, nargs, kw, "rpartition", true); }

// ------------------------------------------------------------------ join / replace

// Joins str items; `items` is a list/tuple array (kept alive by the caller).
Value join_items(VM& vm, String* sep, Value const* items, size_t n)
{
    if (n == 0)
        return Value::from_object(empty_str());
    if (n == 1 && is_exact_str(items[0]))
        return items[0];
    size_t total = sep->byte_length * (n - 1);
    size_t length = sep->length * (n - 1);
    bool ascii = sep->is_ascii();
    for (size_t i = 0; i < n; ++i) {
        String* s = as_str(items[i]);
        if (!s)
            return raise_fmt(vm, exc::TypeError, "sequence item %zu: expected str instance, %s found", i, type_name(items[i]));
        total += s->byte_length;
        length += s->length;
        ascii = ascii && s->is_ascii();
    }
    String* r = str_alloc(vm, total);
    if (!r)
        return Value::null();
    char* p = r->data;
    for (size_t i = 0; i < n; ++i) {
        if (i && sep->byte_length) {
            std::memcpy(p, sep->data, sep->byte_length);
            p += sep->byte_length;
        }
        String* s = as_str(items[i]);
        std::memcpy(p, s->data, s->byte_length);
        p += s->byte_length;
    }
    str_finish_known(r, length, ascii);
    return Value::from_object(r);
}

Value str_join(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "join", nargs, kwnames, 1, 1))
        return Value::null();
    SELF_STR();
    Value it = args[1];
    if (List* l = as_list(it))
        return join_items(vm, self, l->items(), l->size);
    if (Tuple* t = as_tuple(it))
        return join_items(vm, self, t->items, t->size);
    List* l = list_from_iterable_or(vm, it, "can only join an iterable");
    if (!l)
        return Value::null();
    return join_items(vm, self, l->items(), l->size);
}

Value str_replace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "replace", nargs, kwnames, 2, 3))
        return Value::null();
    SELF_STR();
    String* old_s = arg_str(vm, args[1], "replace() argument 1 ");
    if (!old_s)
        return Value::null();
    String* new_s = arg_str(vm, args[2], "replace() argument 2 ");
    if (!new_s)
        return Value::null();
    int64_t count = -1;
    if (nargs > 3 && !index_i64(vm, args[3], count))
        return Value::null();
    if (count < 0)
        count = INT64_MAX;
    std::string_view s = self->view();
    std::string_view o = old_s->view();
    std::string_view nv = new_s->view();
    bool ascii = self->is_ascii() && new_s->is_ascii();
    if (count == 0 || (!o.empty() && s.find(o) == std::string_view::npos))
        return is_exact_str(args[0]) ? args[0] : Value::from_object(make_str(vm, s, self->is_ascii()));
    // Sized first (as CPython: OverflowError past PY_SSIZE_T_MAX), then built in place.
    auto find = [&](size_t from) { return o.size() == 1 ? s.find(o[0], from) : s.find(o, from); };
    uint64_t k = 0; // replacements
    if (o.empty()) {
        // `new` before every character and at the end, up to count times.
        k = std::min<uint64_t>(static_cast<uint64_t>(count), self->length + 1);
    } else {
        for (size_t pos = find(0); pos != std::string_view::npos && k < static_cast<uint64_t>(count); pos = find(pos + o.size()))
            ++k;
    }
    uint64_t grown = 0, total = 0;
    if (__builtin_mul_overflow(k, static_cast<uint64_t>(nv.size()), &grown) || __builtin_add_overflow(grown, s.size() - k * o.size(), &total) ||
        total > static_cast<uint64_t>(INT64_MAX))
        return raise(vm, exc::OverflowError, "replace string is too long");
    String* r = str_alloc(vm, static_cast<size_t>(total));
    if (!r)
        return Value::null();
    char* out = r->data;
    auto put = [&](std::string_view piece) {
        std::memcpy(out, piece.data(), piece.size());
        out += piece.size();
    };
    size_t i = 0;
    if (o.empty()) {
        for (uint64_t n = 0; i < s.size(); ++n) {
            if (n < k)
                put(nv);
            size_t j = i;
            (void)utf8_decode(s, j);
            put(s.substr(i, j - i));
            i = j;
        }
        if (k > self->length)
            put(nv);
    } else {
        for (uint64_t n = 0; n < k; ++n) {
            size_t pos = find(i);
            put(s.substr(i, pos - i));
            put(nv);
            i = pos + o.size();
        }
        put(s.substr(i));
    }
    if (ascii)
        str_finish_known(r, static_cast<size_t>(total), true);
    else
        str_finish(r);
    return Value::from_object(r);
}

// ------------------------------------------------------------------ strip / prefix

// mode: 1 left, 2 right, 3 both.
Value strip_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, int mode)
{
    if (!positional(vm, name, nargs, kwnames, 0, 1))
        return Value::null();
    SELF_STR();
    std::string_view s = self->view();
    String* chars = nullptr;
    if (nargs > 1 && !is_none(args[1])) {
        chars = as_str(args[1]);
        if (!chars)
            return raise_fmt(vm, exc::TypeError, "%s arg must be None or str", name);
    }
    std::u32string set;
    if (chars && !chars->is_ascii())
        set = utf8_to_u32(chars->view());
    auto strip_char = [&](size_t i, size_t& next) -> bool {
        if (!chars)
            return space_at(s, i, next);
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 128) {
            next = i + 1;
            return chars->view().find(static_cast<char>(c)) != std::string_view::npos;
        }
        next = i;
        uint32_t cp = utf8_decode(s, next);
        return !chars->is_ascii() && set.find(static_cast<char32_t>(cp)) != std::u32string::npos;
    };
    size_t begin = 0, end = s.size(), next;
    if (mode & 1)
        while (begin < end && strip_char(begin, next))
            begin = next;
    if (mode & 2)
        while (end > begin) {
            size_t p = prev_char(s, end);
            if (!strip_char(p, next))
                break;
            end = p;
        }
    if (begin == 0 && end == s.size() && is_exact_str(args[0]))
        return args[0];
    return Value::from_object(make_str(vm, s.substr(begin, end - begin), self->is_ascii()));
}

Value str_strip(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return strip_common(vm, args, nargs, kw, "strip", 3); }
Value str_lstrip(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return strip_common(vm, args, nargs, kw, "lstrip", 1); }
Value str_rstrip(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return strip_common(vm, args, nargs, kw, "rstrip", 2); }

Value remove_affix(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool suffix)
{
    if (!positional(vm, name, nargs, kwnames, 1, 1))
        return Value::null();
    SELF_STR();
    String* a = as_str(args[1]);
    if (!a)
        return raise_fmt(vm, exc::TypeError, "%s() argument must be str, not %s", name, arg_type_name(args[1]));
    std::string_view s = self->view(), av = a->view();
    bool match = av.size() && s.size() >= av.size() &&
                 (suffix ? s.substr(s.size() - av.size()) == av : s.substr(0, av.size()) == av);
    if (!match)
        return is_exact_str(args[0]) ? args[0] : Value::from_object(make_str(vm, s, self->is_ascii()));
    std::string_view rest = suffix ? s.substr(0, s.size() - av.size()) : s.substr(av.size());
    return Value::from_object(make_str(vm, rest, self->is_ascii()));
}

Value str_removeprefix(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return remove_affix(vm, args, nargs, kw, "removeprefix", false); }
Value str_removesuffix(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return remove_affix(vm, args, nargs, kw, "removesuffix", true); }

// ------------------------------------------------------------------ dunders

Value str_dunder_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* cls = new_cls_arg(vm, types.str, args, nargs);
    if (!cls)
        return Value::null();
    Value out[3];
    if (!parse_args(vm, "str", args + 1, nargs - 1, kwnames, { "object", "encoding", "errors" }, 0, out))
        return Value::null();
    Value result;
    if (out[1].is_null() && out[2].is_null()) {
        if (out[0].is_null())
            result = Value::from_object(empty_str());
        else
            result = TRY(to_str(vm, out[0]));
    } else {
        std::string_view enc = "utf-8", err = "strict";
        if (!out[1].is_null()) {
            String* e = as_str(out[1]);
            if (!e)
                return raise_fmt(vm, exc::TypeError, "str() argument 'encoding' must be str, not %s", arg_type_name(out[1]));
            enc = e->view();
        }
        if (!out[2].is_null()) {
            String* e = as_str(out[2]);
            if (!e)
                return raise_fmt(vm, exc::TypeError, "str() argument 'errors' must be str, not %s", arg_type_name(out[2]));
            err = e->view();
        }
        if (out[0].is_null())
            result = Value::from_object(empty_str());
        else {
            std::string_view data;
            if (is_str(out[0]))
                return raise(vm, exc::TypeError, "decoding str is not supported");
            if (!get_bytes_like(out[0], data))
                return raise_fmt(vm, exc::TypeError, "decoding to str: need a bytes-like object, %s found", type_name(out[0]));
            std::string copy; // the decoder may allocate; keep the bytes stable
            if (!vm.heap.assign_buffer(copy, data))
                return Value::null();
            result = TRY(bytes_decode(vm, copy, enc, err));
        }
    }
    if (cls == types.str)
        return result;
    return box_value(vm, cls, Value::from_object(as_str(result)));
}

Value str_dunder_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_STR();
    std::string text;
    if (!vm.heap.native_build([&] { text = str_repr_text(self->view(), false); }))
        return Value::null();
    return str_value(vm, text);
}

Value str_dunder_str(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__str__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_STR();
    return Value::from_object(self);
}

Value str_dunder_hash(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__hash__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_STR();
    return int_from_i64(vm, str_hash(self));
}

Value str_dunder_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_STR();
    return Value::small_int(static_cast<int64_t>(self->length));
}

Value compare(VM& vm, Value const* args, CmpArg op)
{
    String* a = as_str(args[0]);
    String* b = as_str(args[1]);
    if (!a || !b)
        return py_not_implemented();
    if (op == CmpArg::EQ)
        return py_bool(a == b || str_equal(a, b));
    if (op == CmpArg::NE)
        return py_bool(!(a == b || str_equal(a, b)));
    int c = str_compare(a, b);
    switch (op) {
    case CmpArg::LT: return py_bool(c < 0);
    case CmpArg::LE: return py_bool(c <= 0);
    case CmpArg::GT: return py_bool(c > 0);
    default: return py_bool(c >= 0);
    }
}


// A user class with a reflected method gets its chance; otherwise CPython's sequence
// error message is raised right here.
bool defer_to_reflected(Value other, Slot reflected)
{
    TypeObject* t = type_of(other);
    return t && t->is_heap_type() && !t->slot(reflected).is_null();
}

Value str_add(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__add__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_STR();
    String* other = as_str(args[1]);
    if (!other) {
        if (defer_to_reflected(args[1], Slot::RADD))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can only concatenate str (not \"%s\") to str", type_name(args[1]));
    }
    if (other->length == 0 && is_exact_str(args[0]))
        return args[0];
    if (self->length == 0 && is_exact_str(args[1]))
        return args[1];
    return Value::from_object(str_concat(vm, self, other));
}

Value str_mul_impl(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
        SELF_STR();
    Value n = args[1];
    if (!is_index_like(n)) {
        if (defer_to_reflected(n, Slot::RMUL))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(n));
    }
    int64_t count;
    if (!index_i64(vm, n, count)) {
        if (vm.error_matches(exc::OverflowError)) {
            vm.clear_error();
            return raise(vm, exc::OverflowError, "cannot fit 'int' into an index-sized integer");
        }
        return Value::null();
    }
    if (count <= 0 || self->length == 0)
        return Value::from_object(empty_str());
    if (count == 1 && is_exact_str(args[0]))
        return args[0];
    size_t bl = self->byte_length;
    if (static_cast<uint64_t>(count) > static_cast<uint64_t>(INT64_MAX) / bl)
        return raise(vm, exc::OverflowError, "repeated string is too long");
    if (!check_alloc_size(vm, static_cast<uint64_t>(count), bl))
        return Value::null();
    size_t total = bl * static_cast<size_t>(count);
    String* r = str_alloc(vm, total);
    if (!r)
        return Value::null();
    std::memcpy(r->data, self->data, bl);
    size_t done = bl;
    while (done < total) {
        size_t chunk = std::min(done, total - done);
        std::memcpy(r->data + done, r->data, chunk);
        done += chunk;
    }
    str_finish_known(r, self->length * static_cast<size_t>(count), self->is_ascii());
    return Value::from_object(r);
}

Value str_mul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__mul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    return str_mul_impl(vm, args, nargs, kwnames);
}

Value str_mul_r(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__rmul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    return str_mul_impl(vm, args, nargs, kwnames);
}

Value str_dunder_mod(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__mod__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_STR();
    return str_mod(vm, self, args[1]);
}

// other % self, for a str `other` only (CPython's unicode_mod with the operands swapped).
Value str_dunder_rmod(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__rmod__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_STR();
    String* fmt = as_str(args[1]);
    if (!fmt)
        return py_not_implemented();
    return str_mod(vm, fmt, args[0]);
}

Value str_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__contains__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_STR();
    String* sub = as_str(args[1]);
    if (!sub)
        return raise_fmt(vm, exc::TypeError, "'in <string>' requires string as left operand, not %s", type_name(args[1]));
    std::string_view sv = sub->view();
    if (sv.size() == 1)
        return py_bool(self->view().find(sv[0]) != std::string_view::npos);
    return py_bool(self->view().find(sv) != std::string_view::npos);
}

Value str_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__getitem__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_STR();
    Value key = args[1];
    int64_t len = static_cast<int64_t>(self->length);
    if (is_index_like(key)) {
        int64_t i;
        if (key.is_int())
            i = key.as_int();
        else if (!sequence_index(vm, key, i))
            return Value::null();
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            return raise(vm, exc::IndexError, "string index out of range");
        if (self->is_ascii())
            return Value::from_object(str_from_codepoint(vm, static_cast<unsigned char>(self->data[i])));
        return Value::from_object(str_from_codepoint(vm, str_char_at(self, static_cast<size_t>(i))));
    }
    if (as_slice(key)) {
        int64_t start, stop, step, n;
        if (!slice_indices(vm, key, len, start, stop, step, n))
            return Value::null();
        if (n <= 0)
            return Value::from_object(empty_str());
        if (step == 1) {
            if (n == len && is_exact_str(args[0]))
                return args[0];
            return Value::from_object(str_substring(vm, self, static_cast<size_t>(start), static_cast<size_t>(start + n)));
        }
        std::string out;
        if (self->is_ascii()) {
            out.reserve(static_cast<size_t>(n));
            for (int64_t k = 0, i = start; k < n; ++k, i += step)
                out += self->data[i];
            return Value::from_object(make_str(vm, out, true));
        }
        std::u32string cps = utf8_to_u32(self->view());
        for (int64_t k = 0, i = start; k < n; ++k, i += step)
            utf8_append(out, cps[static_cast<size_t>(i)]);
        return Value::from_object(make_str(vm, out, false));
    }
    return raise_fmt(vm, exc::TypeError, "string indices must be integers, not '%s'", type_name(key));
}

Value str_getnewargs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "__getnewargs__", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_STR();
    return Value::from_object(tuple_pack(vm, { Value::from_object(make_str(vm, self->view(), self->is_ascii())) }));
}

Value str_dunder_format(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "__format__", nargs, kwnames, 1, 1))
        return Value::null();
    SELF_STR();
    String* spec = as_str(args[1]);
    if (!spec)
        return raise_fmt(vm, exc::TypeError, "__format__() argument must be str, not %s", arg_type_name(args[1]));
    // An empty spec gives str(self), which a subclass may override.
    if (spec->byte_length == 0 && !is_exact_str(args[0]))
        return to_str(vm, args[0]);
    Value r = TRY(format_str(vm, self, spec->view(), type_name(args[0])));
    if (!is_exact_str(r))
        return Value::from_object(make_str(vm, as_str(r)->view(), as_str(r)->is_ascii()));
    return r;
}

Value str_encode_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_STR();
    Value out[2];
    if (!parse_args(vm, "encode", args + 1, nargs - 1, kwnames, { "encoding", "errors" }, 0, out))
        return Value::null();
    std::string_view enc = "utf-8", err = "strict";
    if (!out[0].is_null()) {
        String* e = as_str(out[0]);
        if (!e)
            return raise_fmt(vm, exc::TypeError, "encode() argument 'encoding' must be str, not %s", arg_type_name(out[0]));
        enc = e->view();
    }
    if (!out[1].is_null()) {
        String* e = as_str(out[1]);
        if (!e)
            return raise_fmt(vm, exc::TypeError, "encode() argument 'errors' must be str, not %s", arg_type_name(out[1]));
        err = e->view();
    }
    return str_encode(vm, self, enc, err);
}

// ------------------------------------------------------------------ iterator

void trace_str_iterator(Object* o, Tracer& t)
{
    t.visit(static_cast<StrIterator*>(o)->str);
}

Value str_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_STR();
    auto* it = vm.heap.make<StrIterator>(types.str_iterator);
    if (!it)
        return Value::null();
    it->str = self;
    return Value::from_object(it);
}

Value str_iterator_iter(VM&, Value const* args, size_t, Tuple*)
{
    return args[0];
}

Value str_iterator_next(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = str_iter_next(vm, args[0]);
    if (v.is_stop_iteration())
        return raise_stop_iteration(vm);
    return v;
}

Value str_iterator_length_hint(VM&, Value const* args, size_t, Tuple*)
{
    auto* it = args[0].as<StrIterator>();
    return Value::small_int(it->str ? static_cast<int64_t>(it->str->length - it->index) : 0);
}

// __reduce__: (iter, (str,), index), or iter('') once exhausted.
Value str_iterator_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "str_ascii_iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<StrIterator>();
    if (it->str)
        return reduce_builtin(vm, "iter", { Value::from_object(it->str) }, int_from_i64(vm, int64_t(it->index)));
    return reduce_builtin(vm, "iter", { Value::from_object(empty_str()) });
}

// __setstate__(index): clipped to the string; the byte offset follows the index.
Value str_iterator_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "str_ascii_iterator", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<StrIterator>();
    int64_t index;
    if (!setstate_index(vm, args[1], 0, it->str ? int64_t(it->str->length) : 0, index))
        return Value::null();
    if (it->str) {
        it->index = size_t(index);
        it->offset = str_byte_offset(it->str, it->index);
    }
    return py_none();
}

} // namespace

Value str_iter_next(VM& vm, Value iterator)
{
    auto* it = iterator.as<StrIterator>();
    String* s = it->str;
    if (!s || it->index >= s->length) {
        it->str = nullptr;
        return Value::stop_iteration();
    }
    uint32_t cp;
    if (s->is_ascii()) {
        cp = static_cast<unsigned char>(s->data[it->index]);
        ++it->offset;
    } else
        cp = utf8_decode(s->view(), it->offset);
    ++it->index;
    return Value::from_object(str_from_codepoint(vm, cp));
}

bool get_bytes_like(Value v, std::string_view& out)
{
    BufferInfo info;
    if (!get_buffer(v, info))
        return false;
    out = std::string_view(reinterpret_cast<char const*>(info.data), info.size);
    return true;
}

void setup_str(VM& vm)
{
    types.str_iterator->basicsize = sizeof(StrIterator);
    types.str_iterator->trace = trace_str_iterator;
    types.str_iterator->iternext = str_iter_next; // for-loops step it without a method call

    add_methods(vm, types.str, {
        { "__new__", str_dunder_new, METH_STATIC },
        { "__repr__", str_dunder_repr },
        { "__str__", str_dunder_str },
        { "__hash__", str_dunder_hash },
        { "__len__", str_dunder_len },
        { "__eq__", compare_method<compare, CmpArg::EQ> },
        { "__ne__", compare_method<compare, CmpArg::NE> },
        { "__lt__", compare_method<compare, CmpArg::LT> },
        { "__le__", compare_method<compare, CmpArg::LE> },
        { "__gt__", compare_method<compare, CmpArg::GT> },
        { "__ge__", compare_method<compare, CmpArg::GE> },
        { "__add__", str_add },
        { "__mul__", str_mul },
        { "__rmul__", str_mul_r },
        { "__mod__", str_dunder_mod },
        { "__rmod__", str_dunder_rmod },
        { "__contains__", str_contains },
        { "__getitem__", str_getitem },
        { "__iter__", str_iter },
        { "__format__", str_dunder_format },
        { "__getnewargs__", str_getnewargs },
        { "find", str_find },
        { "rfind", str_rfind },
        { "index", str_index },
        { "rindex", str_rindex },
        { "count", str_count },
        { "startswith", str_startswith },
        { "endswith", str_endswith },
        { "split", str_split },
        { "rsplit", str_rsplit },
        { "splitlines", str_splitlines },
        { "partition", str_partition },
        { "rpartition", str_rpartition },
        { "join", str_join },
        { "replace", str_replace },
        { "strip", str_strip },
        { "lstrip", str_lstrip },
        { "rstrip", str_rstrip },
        { "removeprefix", str_removeprefix },
        { "removesuffix", str_removesuffix },
        { "encode", str_encode_method },
    });
    add_methods(vm, types.str_iterator, {
        { "__iter__", str_iterator_iter },
        { "__next__", str_iterator_next },
        { "__length_hint__", str_iterator_length_hint },
        { "__reduce__", str_iterator_reduce },
        { "__setstate__", str_iterator_setstate },
    });
    setup_str_case(vm);
    setup_str_format(vm);
}

} // namespace slpy
