// The methods bytes and bytearray share: sequence operators (len, [], in, iteration,
// comparisons, +, *, %), searching, splitting, joining, stripping, ASCII case mapping and
// classes, padding, hex/decode and translate. Each works on the object's bytes and
// builds its result with the type of self (bytes for bytes, bytearray for bytearray).
//
// Views into a bytearray's buffer are taken only after the arguments are parsed (parsing
// may run Python code that resizes it) and are not held across calls into Python code.
#include "objects/reduce.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/slice.h"
#include "objects/str_internal.h"
#include "objects/type.h"

#include <algorithm>
#include <cstring>

namespace slpy {

namespace {

TypeObject* g_bytearray_iterator; // made by add_bytes_common_methods(bytearray)

#define SELF_BYTES()                                                                    \
    std::string_view self;                                                              \
    bool self_ba;                                                                       \
    if (!bytes_self(args[0], self, self_ba))                                            \
    return raise_fmt(vm, exc::TypeError, "descriptor requires a 'bytes' object but received a '%s'", type_name(args[0]))

// nargs counts self; messages as CPython's (str_args.cpp).
bool positional(VM& vm, Value self, char const* name, size_t nargs, Tuple* kwnames, size_t min, size_t max)
{
    return method_nargs(vm, owner_name(self), name, nargs - 1, kwnames, min, max);
}

inline bool is_byte_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}
inline bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(unsigned char c) { return is_lower(c) || is_upper(c); }
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// A bytes-like argument: "a bytes-like object is required, not 'str'".
bool buffer_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    (void)raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

// The sub argument of find/count/index/in: an int byte or bytes-like (kept in `holder`).
bool sub_arg(VM& vm, Value v, std::string& holder)
{
    if (is_index_like(v)) {
        unsigned char b;
        if (!byte_from_value(vm, v, b))
            return false;
        holder.assign(1, static_cast<char>(b));
        return true;
    }
    std::string_view view;
    if (!get_bytes_like(v, view)) {
        (void)raise_fmt(vm, exc::TypeError, "argument should be integer or bytes-like object, not '%s'", type_name(v));
        return false;
    }
    holder.assign(view);
    return true;
}

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

Value find_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool reverse, bool raise_missing)
{
    if (!find_nargs(vm, owner_name(args[0]), name, nargs - 1, kwnames))
        return Value::null();
    std::string sub;
    int64_t start, end;
    if (!sub_arg(vm, args[1], sub) || !parse_range(vm, args, nargs, 2, start, end))
        return Value::null();
    SELF_BYTES();
    int64_t len = static_cast<int64_t>(self.size());
    adjust_indices(start, end, len);
    int64_t r = -1;
    if (end - start >= static_cast<int64_t>(sub.size())) {
        std::string_view hay = self.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
        size_t pos = reverse ? hay.rfind(sub) : hay.find(sub);
        if (pos != std::string_view::npos)
            r = start + static_cast<int64_t>(pos);
    }
    if (r < 0 && raise_missing)
        return raise(vm, exc::ValueError, "subsection not found");
    return Value::small_int(r);
}

Value b_find(VM& vm, Value const* a, size_t n, Tuple* k) { return find_common(vm, a, n, k, "find", false, false); }
Value b_rfind(VM& vm, Value const* a, size_t n, Tuple* k) { return find_common(vm, a, n, k, "rfind", true, false); }
Value b_index(VM& vm, Value const* a, size_t n, Tuple* k) { return find_common(vm, a, n, k, "index", false, true); }
Value b_rindex(VM& vm, Value const* a, size_t n, Tuple* k) { return find_common(vm, a, n, k, "rindex", true, true); }

Value b_count(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!find_nargs(vm, owner_name(args[0]), "count", nargs - 1, kwnames))
        return Value::null();
    std::string sub;
    int64_t start, end;
    if (!sub_arg(vm, args[1], sub) || !parse_range(vm, args, nargs, 2, start, end))
        return Value::null();
    SELF_BYTES();
    int64_t len = static_cast<int64_t>(self.size());
    adjust_indices(start, end, len);
    if (end - start < static_cast<int64_t>(sub.size()))
        return Value::small_int(0);
    if (sub.empty())
        return Value::small_int(end - start + 1);
    std::string_view hay = self.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
    int64_t count = 0;
    size_t pos = 0;
    while ((pos = hay.find(sub, pos)) != std::string_view::npos) {
        ++count;
        pos += sub.size();
    }
    return Value::small_int(count);
}

Value starts_ends(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool ends)
{
    if (!find_nargs(vm, owner_name(args[0]), name, nargs - 1, kwnames))
        return Value::null();
    int64_t start, end;
    if (!parse_range(vm, args, nargs, 2, start, end))
        return Value::null();
    SELF_BYTES();
    int64_t len = static_cast<int64_t>(self.size());
    adjust_indices(start, end, len);
    auto test = [&](std::string_view p) -> bool {
        if (start > len || end - start < static_cast<int64_t>(p.size()))
            return false;
        std::string_view hay = self.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
        return ends ? hay.substr(hay.size() - p.size()) == p : hay.substr(0, p.size()) == p;
    };
    if (Tuple* t = as_tuple(args[1])) {
        for (size_t i = 0; i < t->size; ++i) {
            std::string_view p;
            if (!get_bytes_like(t->items[i], p))
                return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(t->items[i]));
            if (test(p))
                return py_true();
        }
        return py_false();
    }
    std::string_view p;
    if (!get_bytes_like(args[1], p))
        return raise_fmt(vm, exc::TypeError, "%s first arg must be bytes or a tuple of bytes, not %s", name, type_name(args[1]));
    return py_bool(test(p));
}

Value b_startswith(VM& vm, Value const* a, size_t n, Tuple* k) { return starts_ends(vm, a, n, k, "startswith", false); }
Value b_endswith(VM& vm, Value const* a, size_t n, Tuple* k) { return starts_ends(vm, a, n, k, "endswith", true); }

// ------------------------------------------------------------------ split family

bool parse_split(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, std::string& sep, bool& have_sep,
                 int64_t& maxsplit)
{
    Value out[2];
    if (!parse_args(vm, name, args + 1, nargs - 1, kwnames, { "sep", "maxsplit" }, 0, out))
        return false;
    have_sep = false;
    maxsplit = -1;
    if (!out[0].is_null() && !is_none(out[0])) {
        std::string_view v;
        if (!buffer_arg(vm, out[0], v))
            return false;
        if (v.empty()) {
            (void)raise(vm, exc::ValueError, "empty separator");
            return false;
        }
        sep.assign(v);
        have_sep = true;
    }
    if (!out[1].is_null() && !index_i64(vm, out[1], maxsplit))
        return false;
    if (maxsplit < 0)
        maxsplit = INT64_MAX;
    return true;
}

Value b_split(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    std::string sep;
    bool have_sep;
    int64_t maxsplit;
    if (!parse_split(vm, "split", args, nargs, kwnames, sep, have_sep, maxsplit))
        return Value::null();
    SELF_BYTES();
    std::string copy;
    if (!vm.heap.assign_buffer(copy, self))
        return Value::null();
    std::string_view s = copy;
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    size_t n = s.size(), i = 0;
    if (!have_sep) {
        while (true) {
            while (i < n && is_byte_space(s[i]))
                ++i;
            if (i >= n)
                break;
            if (maxsplit-- == 0) {
                if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(i))))
                    return Value::null();
                break;
            }
            size_t j = i;
            while (j < n && !is_byte_space(s[j]))
                ++j;
            if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(i, j - i))))
                return Value::null();
            i = j;
        }
        return Value::from_object(out);
    }
    while (maxsplit > 0) {
        size_t pos = s.find(sep, i);
        if (pos == std::string_view::npos)
            break;
        if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(i, pos - i))))
            return Value::null();
        i = pos + sep.size();
        --maxsplit;
    }
    if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(i))))
        return Value::null();
    return Value::from_object(out);
}

void reverse_list(List* l)
{
    Value* items = l->items();
    for (size_t a = 0, b = l->size; a + 1 < b; ++a, --b)
        std::swap(items[a], items[b - 1]);
}

Value b_rsplit(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    std::string sep;
    bool have_sep;
    int64_t maxsplit;
    if (!parse_split(vm, "rsplit", args, nargs, kwnames, sep, have_sep, maxsplit))
        return Value::null();
    SELF_BYTES();
    std::string copy;
    if (!vm.heap.assign_buffer(copy, self))
        return Value::null();
    std::string_view s = copy;
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    size_t end = s.size();
    if (!have_sep) {
        while (true) {
            while (end > 0 && is_byte_space(s[end - 1]))
                --end;
            if (end == 0)
                break;
            if (maxsplit-- == 0) {
                if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(0, end))))
                    return Value::null();
                break;
            }
            size_t j = end;
            while (j > 0 && !is_byte_space(s[j - 1]))
                --j;
            if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(j, end - j))))
                return Value::null();
            end = j;
        }
        reverse_list(out);
        return Value::from_object(out);
    }
    while (maxsplit > 0 && end >= sep.size()) {
        size_t pos = s.substr(0, end).rfind(sep);
        if (pos == std::string_view::npos)
            break;
        if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(pos + sep.size(), end - pos - sep.size()))))
            return Value::null();
        end = pos;
        --maxsplit;
    }
    if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(0, end))))
        return Value::null();
    reverse_list(out);
    return Value::from_object(out);
}

Value b_splitlines(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value kv[1];
    if (!parse_args(vm, "splitlines", args + 1, nargs - 1, kwnames, { "keepends" }, 0, kv))
        return Value::null();
    bool keepends = false;
    if (!kv[0].is_null() && !c_int_flag(vm, kv[0], keepends))
        return Value::null();
    SELF_BYTES();
    std::string copy;
    if (!vm.heap.assign_buffer(copy, self))
        return Value::null();
    std::string_view s = copy;
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    size_t start = 0, i = 0;
    while (i < s.size()) {
        size_t br = s[i] == '\n' ? 1 : s[i] == '\r' ? ((i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1) : 0;
        if (!br) {
            ++i;
            continue;
        }
        size_t stop = keepends ? i + br : i;
        if (!list_append(vm, out, bytes_result(vm, self_ba, s.substr(start, stop - start))))
            return Value::null();
        i += br;
        start = i;
    }
    if (start < s.size() && !list_append(vm, out, bytes_result(vm, self_ba, s.substr(start))))
        return Value::null();
    return Value::from_object(out);
}

Value partition_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool reverse)
{
    if (!positional(vm, args[0], name, nargs, kwnames, 1, 1))
        return Value::null();
    std::string_view sepv;
    if (!buffer_arg(vm, args[1], sepv))
        return Value::null();
    if (sepv.empty())
        return raise(vm, exc::ValueError, "empty separator");
    std::string sep(sepv);
    SELF_BYTES();
    std::string copy;
    if (!vm.heap.assign_buffer(copy, self))
        return Value::null();
    std::string_view s = copy;
    size_t pos = reverse ? s.rfind(sep) : s.find(sep);
    Value empty = bytes_result(vm, self_ba, {});
    Value e2 = bytes_result(vm, self_ba, {});
    if (pos == std::string_view::npos) {
        // bytes hands back self itself; bytearray a copy.
        Value whole = self_ba ? bytes_result(vm, true, s) : args[0];
        return Value::from_object(reverse ? tuple_pack(vm, { empty, e2, whole }) : tuple_pack(vm, { whole, empty, e2 }));
    }
    Value a = bytes_result(vm, self_ba, s.substr(0, pos));
    // CPython's bytes.partition hands back the separator object itself (even a
    // bytearray or memoryview); bytearray.partition copies it into a new bytearray.
    Value b = self_ba ? bytes_result(vm, true, sep) : args[1];
    Value c = bytes_result(vm, self_ba, s.substr(pos + sep.size()));
    return Value::from_object(tuple_pack(vm, { a, b, c }));
}

Value b_partition(VM& vm, Value const* a, size_t n, Tuple* k) { return partition_common(vm, a, n, k, "partition", false); }
Value b_rpartition(VM& vm, Value const* a, size_t n, Tuple* k) { return partition_common(vm, a, n, k, "rpartition", true); }

Value b_join(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, args[0], "join", nargs, kwnames, 1, 1))
        return Value::null();
    List* items;
    {
        // CPython holds a buffer export on a bytearray self while it collects the items:
        // resizing it from their iteration raises BufferError.
        BufferHold pin(args[0]);
        items = list_from_iterable_or(vm, args[1], "can only join an iterable");
    }
    if (!items)
        return Value::null();
    SELF_BYTES();
    // Sized first, then built in place (the items are bytes-like: reading them runs no code).
    size_t total = 0;
    for (size_t i = 0; i < items->size; ++i) {
        std::string_view v;
        if (!get_bytes_like(items->items()[i], v))
            return raise_fmt(vm, exc::TypeError, "sequence item %zu: expected a bytes-like object, %s found", i, type_name(items->items()[i]));
        if (__builtin_add_overflow(total, v.size() + (i ? self.size() : 0), &total))
            return raise_no_memory(vm);
    }
    unsigned char* out = nullptr;
    Value r = TRY(bytes_result_sized(vm, self_ba, total, out));
    bytes_self(args[0], self, self_ba);
    for (size_t i = 0; i < items->size; ++i) {
        std::string_view v;
        (void)get_bytes_like(items->items()[i], v);
        if (i && !self.empty()) {
            std::memcpy(out, self.data(), self.size());
            out += self.size();
        }
        if (!v.empty()) {
            std::memcpy(out, v.data(), v.size());
            out += v.size();
        }
    }
    return r;
}

Value b_replace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, args[0], "replace", nargs, kwnames, 2, 3))
        return Value::null();
    std::string_view ov, nv;
    if (!buffer_arg(vm, args[1], ov) || !buffer_arg(vm, args[2], nv))
        return Value::null();
    // Copies: count's __index__ below may change a bytearray argument.
    std::string o, nw;
    if (!vm.heap.reserve_buffer(o, ov.size()) || !vm.heap.reserve_buffer(nw, nv.size()))
        return Value::null();
    o.assign(ov);
    nw.assign(nv);
    int64_t count = -1;
    if (nargs > 3 && !index_i64(vm, args[3], count))
        return Value::null();
    if (count < 0)
        count = INT64_MAX;
    SELF_BYTES();
    // Sized first (as CPython: OverflowError past PY_SSIZE_T_MAX), then built in place.
    uint64_t k = 0; // replacements
    if (o.empty()) {
        k = std::min<uint64_t>(static_cast<uint64_t>(count), self.size() + 1);
    } else {
        for (size_t pos = self.find(o); pos != std::string_view::npos && k < static_cast<uint64_t>(count); pos = self.find(o, pos + o.size()))
            ++k;
    }
    uint64_t grown = 0, total = 0;
    if (__builtin_mul_overflow(k, static_cast<uint64_t>(nw.size()), &grown) ||
        __builtin_add_overflow(grown, self.size() - k * o.size(), &total) || total > static_cast<uint64_t>(INT64_MAX))
        return raise(vm, exc::OverflowError, "replace bytes is too long");
    unsigned char* out = nullptr;
    Value r = TRY(bytes_result_sized(vm, self_ba, static_cast<size_t>(total), out));
    auto put = [&](std::string_view piece) {
        if (!piece.empty())
            std::memcpy(out, piece.data(), piece.size());
        out += piece.size();
    };
    size_t i = 0;
    if (o.empty()) {
        for (uint64_t n = 0; i < self.size(); ++n, ++i) {
            if (n < k)
                put(nw);
            put(self.substr(i, 1));
        }
        if (k > self.size())
            put(nw);
    } else {
        for (uint64_t n = 0; n < k; ++n) {
            size_t pos = self.find(o, i);
            put(self.substr(i, pos - i));
            put(nw);
            i = pos + o.size();
        }
        put(self.substr(i));
    }
    return r;
}

Value strip_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, int mode)
{
    if (!positional(vm, args[0], name, nargs, kwnames, 0, 1))
        return Value::null();
    bool table[256] = {};
    if (nargs > 1 && !is_none(args[1])) {
        std::string_view chars;
        if (!buffer_arg(vm, args[1], chars))
            return Value::null();
        for (unsigned char c : chars)
            table[c] = true;
    } else
        for (unsigned c = 0; c < 256; ++c)
            table[c] = is_byte_space(static_cast<unsigned char>(c));
    SELF_BYTES();
    size_t b = 0, e = self.size();
    if (mode & 1)
        while (b < e && table[static_cast<unsigned char>(self[b])])
            ++b;
    if (mode & 2)
        while (e > b && table[static_cast<unsigned char>(self[e - 1])])
            --e;
    if (b == 0 && e == self.size() && !self_ba && args[0].as_object()->type == types.bytes)
        return args[0];
    return bytes_result(vm, self_ba, self.substr(b, e - b));
}

Value b_strip(VM& vm, Value const* a, size_t n, Tuple* k) { return strip_common(vm, a, n, k, "strip", 3); }
Value b_lstrip(VM& vm, Value const* a, size_t n, Tuple* k) { return strip_common(vm, a, n, k, "lstrip", 1); }
Value b_rstrip(VM& vm, Value const* a, size_t n, Tuple* k) { return strip_common(vm, a, n, k, "rstrip", 2); }

Value affix_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool suffix)
{
    if (!positional(vm, args[0], name, nargs, kwnames, 1, 1))
        return Value::null();
    std::string_view av;
    if (!buffer_arg(vm, args[1], av))
        return Value::null();
    std::string a(av);
    SELF_BYTES();
    if (!a.empty() && self.size() >= a.size() &&
        (suffix ? self.substr(self.size() - a.size()) == a : self.substr(0, a.size()) == a))
        return bytes_result(vm, self_ba, suffix ? self.substr(0, self.size() - a.size()) : self.substr(a.size()));
    return bytes_result(vm, self_ba, self);
}

Value b_removeprefix(VM& vm, Value const* a, size_t n, Tuple* k) { return affix_common(vm, a, n, k, "removeprefix", false); }
Value b_removesuffix(VM& vm, Value const* a, size_t n, Tuple* k) { return affix_common(vm, a, n, k, "removesuffix", true); }

// ------------------------------------------------------------------ case and classes

enum class CaseOp { LOWER, UPPER, SWAP, TITLE, CAPITALIZE };

Value case_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, CaseOp op)
{
    if (!positional(vm, args[0], name, nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BYTES();
    std::string out;
    if (!vm.heap.assign_buffer(out, self))
        return Value::null();
    bool prev_cased = false;
    for (size_t i = 0; i < out.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(out[i]);
        switch (op) {
        case CaseOp::LOWER:
            if (is_upper(c))
                c += 32;
            break;
        case CaseOp::UPPER:
            if (is_lower(c))
                c -= 32;
            break;
        case CaseOp::SWAP:
            c = is_upper(c) ? c + 32 : is_lower(c) ? c - 32 : c;
            break;
        case CaseOp::TITLE: {
            bool cased = is_alpha(c);
            if (prev_cased && is_upper(c))
                c += 32;
            else if (!prev_cased && is_lower(c))
                c -= 32;
            prev_cased = cased;
            break;
        }
        case CaseOp::CAPITALIZE:
            if (i == 0 && is_lower(c))
                c -= 32;
            else if (i > 0 && is_upper(c))
                c += 32;
            break;
        }
        out[i] = static_cast<char>(c);
    }
    return bytes_result(vm, self_ba, out);
}

Value b_lower(VM& vm, Value const* a, size_t n, Tuple* k) { return case_common(vm, a, n, k, "lower", CaseOp::LOWER); }
Value b_upper(VM& vm, Value const* a, size_t n, Tuple* k) { return case_common(vm, a, n, k, "upper", CaseOp::UPPER); }
Value b_swapcase(VM& vm, Value const* a, size_t n, Tuple* k) { return case_common(vm, a, n, k, "swapcase", CaseOp::SWAP); }
Value b_title(VM& vm, Value const* a, size_t n, Tuple* k) { return case_common(vm, a, n, k, "title", CaseOp::TITLE); }
Value b_capitalize(VM& vm, Value const* a, size_t n, Tuple* k) { return case_common(vm, a, n, k, "capitalize", CaseOp::CAPITALIZE); }

Value all_bytes(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool (*pred)(unsigned char))
{
    if (!positional(vm, args[0], name, nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BYTES();
    if (self.empty())
        return py_false();
    for (unsigned char c : self)
        if (!pred(c))
            return py_false();
    return py_true();
}

Value b_isalpha(VM& vm, Value const* a, size_t n, Tuple* k) { return all_bytes(vm, a, n, k, "isalpha", is_alpha); }
Value b_isdigit(VM& vm, Value const* a, size_t n, Tuple* k) { return all_bytes(vm, a, n, k, "isdigit", is_digit); }
Value b_isspace(VM& vm, Value const* a, size_t n, Tuple* k) { return all_bytes(vm, a, n, k, "isspace", is_byte_space); }
Value b_isalnum(VM& vm, Value const* a, size_t n, Tuple* k)
{
    return all_bytes(vm, a, n, k, "isalnum", [](unsigned char c) { return is_alpha(c) || is_digit(c); });
}

Value b_isascii(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, args[0], "isascii", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BYTES();
    for (unsigned char c : self)
        if (c >= 128)
            return py_false();
    return py_true();
}

Value lower_upper(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool want_lower)
{
    if (!positional(vm, args[0], name, nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BYTES();
    bool cased = false;
    for (unsigned char c : self) {
        if (want_lower ? is_upper(c) : is_lower(c))
            return py_false();
        if (want_lower ? is_lower(c) : is_upper(c))
            cased = true;
    }
    return py_bool(cased);
}

Value b_islower(VM& vm, Value const* a, size_t n, Tuple* k) { return lower_upper(vm, a, n, k, "islower", true); }
Value b_isupper(VM& vm, Value const* a, size_t n, Tuple* k) { return lower_upper(vm, a, n, k, "isupper", false); }

Value b_istitle(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, args[0], "istitle", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BYTES();
    bool cased = false, prev = false;
    for (unsigned char c : self) {
        if (is_upper(c)) {
            if (prev)
                return py_false();
            prev = cased = true;
        } else if (is_lower(c)) {
            if (!prev)
                return py_false();
            prev = cased = true;
        } else
            prev = false;
    }
    return py_bool(cased);
}

// ------------------------------------------------------------------ padding

Value justify(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, char mode)
{
    if (!positional(vm, args[0], name, nargs, kwnames, 1, 2))
        return Value::null();
    int64_t width;
    if (!index_i64(vm, args[1], width))
        return Value::null();
    char fill = ' ';
    if (nargs > 2) {
        std::string_view f;
        if (!get_bytes_like(args[2], f) || f.size() != 1)
            return raise_fmt(vm, exc::TypeError, "%s() argument 2 must be a byte string of length 1, not %s", name, arg_type_name(args[2]));
        fill = f[0];
    }
    SELF_BYTES();
    int64_t len = static_cast<int64_t>(self.size());
    // width may be anything down to INT64_MIN: compare before subtracting.
    if (width <= len)
        return bytes_result(vm, self_ba, self);
    int64_t marg = width - len;
    if (!check_alloc_size(vm, static_cast<uint64_t>(width)))
        return Value::null();
    int64_t left = mode == '<' ? 0 : mode == '>' ? marg : marg / 2 + (marg & width & 1);
    std::string out(static_cast<size_t>(left), fill);
    out.append(self);
    out.append(static_cast<size_t>(marg - left), fill);
    return bytes_result(vm, self_ba, out);
}

Value b_ljust(VM& vm, Value const* a, size_t n, Tuple* k) { return justify(vm, a, n, k, "ljust", '<'); }
Value b_rjust(VM& vm, Value const* a, size_t n, Tuple* k) { return justify(vm, a, n, k, "rjust", '>'); }
Value b_center(VM& vm, Value const* a, size_t n, Tuple* k) { return justify(vm, a, n, k, "center", '^'); }

Value b_zfill(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, args[0], "zfill", nargs, kwnames, 1, 1))
        return Value::null();
    int64_t width;
    if (!index_i64(vm, args[1], width))
        return Value::null();
    SELF_BYTES();
    int64_t len = static_cast<int64_t>(self.size());
    if (width <= len)
        return bytes_result(vm, self_ba, self);
    if (!check_alloc_size(vm, static_cast<uint64_t>(width)))
        return Value::null();
    size_t sign = (!self.empty() && (self[0] == '+' || self[0] == '-')) ? 1 : 0;
    std::string out(self.substr(0, sign));
    out.append(static_cast<size_t>(width - len), '0');
    out.append(self.substr(sign));
    return bytes_result(vm, self_ba, out);
}

Value b_expandtabs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value kv[1];
    if (!parse_args(vm, "expandtabs", args + 1, nargs - 1, kwnames, { "tabsize" }, 0, kv))
        return Value::null();
    int64_t tabsize = 8;
    if (!kv[0].is_null() && !index_c_int(vm, kv[0], tabsize))
        return Value::null();
    SELF_BYTES();
    std::string out;
    int64_t col = 0;
    for (char c : self) {
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t sp = tabsize - col % tabsize;
                if (!check_alloc_size(vm, out.size() + static_cast<uint64_t>(sp)))
                    return Value::null();
                out.append(static_cast<size_t>(sp), ' ');
                col += sp;
            }
        } else {
            out += c;
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    return bytes_result(vm, self_ba, out);
}

// ------------------------------------------------------------------ hex, decode, translate

Value b_hex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value kv[2];
    if (!parse_args(vm, "hex", args + 1, nargs - 1, kwnames, { "sep", "bytes_per_sep" }, 0, kv))
        return Value::null();
    std::string sep;
    if (!kv[0].is_null()) {
        // CPython takes len(sep) first, then insists on exactly str or bytes.
        int64_t seplen;
        if (!length(vm, kv[0], seplen))
            return Value::null();
        if (seplen != 1)
            return raise(vm, exc::ValueError, "sep must be length 1.");
        std::string_view sv;
        if (String* s = as_str(kv[0]))
            sv = s->view();
        else if (Bytes* b = as_bytes(kv[0]))
            sv = b->view();
        else
            return raise(vm, exc::TypeError, "sep must be str or bytes.");
        if (static_cast<unsigned char>(sv[0]) >= 128)
            return raise(vm, exc::ValueError, "sep must be ASCII.");
        sep.assign(sv);
    }
    int64_t per = 1;
    if (!kv[1].is_null() && !index_c_int(vm, kv[1], per))
        return Value::null();
    SELF_BYTES();
    static char const digits[] = "0123456789abcdef";
    std::string out;
    size_t n = self.size();
    uint64_t group = per < 0 ? static_cast<uint64_t>(-per) : static_cast<uint64_t>(per);
    for (size_t i = 0; i < n; ++i) {
        if (!sep.empty() && i > 0 && group > 0) {
            // Positive counts group from the right, negative from the left.
            bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (boundary)
                out += sep;
        }
        unsigned char c = static_cast<unsigned char>(self[i]);
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return Value::from_object(make_str(vm, out, true));
}

Value b_decode(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value kv[2];
    if (!parse_args(vm, "decode", args + 1, nargs - 1, kwnames, { "encoding", "errors" }, 0, kv))
        return Value::null();
    std::string enc = "utf-8", err = "strict";
    if (!kv[0].is_null()) {
        String* s = as_str(kv[0]);
        if (!s)
            return raise_fmt(vm, exc::TypeError, "decode() argument 'encoding' must be str, not %s", arg_type_name(kv[0]));
        enc.assign(s->view());
    }
    if (!kv[1].is_null()) {
        String* s = as_str(kv[1]);
        if (!s)
            return raise_fmt(vm, exc::TypeError, "decode() argument 'errors' must be str, not %s", arg_type_name(kv[1]));
        err.assign(s->view());
    }
    SELF_BYTES();
    std::string copy;
    if (!vm.heap.assign_buffer(copy, self))
        return Value::null();
    return bytes_decode(vm, copy, enc, err);
}

Value b_translate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value kv[2];
    if (nargs < 2)
        return raise_fmt(vm, exc::TypeError, "translate() takes at least 1 positional argument (%zu given)", nargs ? nargs - 1 : 0);
    if (!parse_args(vm, "translate", args + 1, nargs - 1, kwnames, { "table", "delete" }, 1, kv, 1))
        return Value::null();
    std::string table;
    if (!is_none(kv[0])) {
        std::string_view tv;
        if (!buffer_arg(vm, kv[0], tv))
            return Value::null();
        if (tv.size() != 256)
            return raise(vm, exc::ValueError, "translation table must be 256 characters long");
        table.assign(tv);
    }
    bool del[256] = {};
    if (!kv[1].is_null()) {
        std::string_view dv;
        if (!buffer_arg(vm, kv[1], dv))
            return Value::null();
        for (unsigned char c : dv)
            del[c] = true;
    }
    SELF_BYTES();
    std::string out;
    for (unsigned char c : self)
        if (!del[c])
            out += table.empty() ? static_cast<char>(c) : table[c];
    return bytes_result(vm, self_ba, out);
}

Value b_maketrans(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "bytes", "maketrans", nargs, kwnames, 2, 2))
        return Value::null();
    std::string_view from, to;
    if (!buffer_arg(vm, args[0], from) || !buffer_arg(vm, args[1], to))
        return Value::null();
    if (from.size() != to.size())
        return raise(vm, exc::ValueError, "maketrans arguments must have same length");
    std::string table(256, '\0');
    for (int i = 0; i < 256; ++i)
        table[i] = static_cast<char>(i);
    for (size_t i = 0; i < from.size(); ++i)
        table[static_cast<unsigned char>(from[i])] = to[i];
    return Value::from_object(bytes_new(vm, table));
}

// ------------------------------------------------------------------ operators

Value b_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_BYTES();
    return Value::small_int(static_cast<int64_t>(self.size()));
}

Value b_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__getitem__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_BYTES();
    Value key = args[1];
    if (is_index_like(key)) {
        int64_t i;
        if (key.is_int())
            i = key.as_int();
        else if (!sequence_index(vm, key, i))
            return Value::null();
        bytes_self(args[0], self, self_ba); // __index__ may have resized a bytearray
        int64_t len = static_cast<int64_t>(self.size());
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            return raise(vm, exc::IndexError, self_ba ? "bytearray index out of range" : "index out of range");
        return Value::small_int(static_cast<unsigned char>(self[static_cast<size_t>(i)]));
    }
    if (as_slice(key)) {
        int64_t start, stop, step;
        if (!slice_unpack(vm, key, start, stop, step))
            return Value::null();
        bytes_self(args[0], self, self_ba); // the slice's __index__ may have resized a bytearray
        int64_t n = slice_adjust_indices(static_cast<int64_t>(self.size()), start, stop, step);
        if (n <= 0)
            return bytes_result(vm, self_ba, {});
        if (step == 1)
            return bytes_result(vm, self_ba, self.substr(static_cast<size_t>(start), static_cast<size_t>(n)));
        std::string out;
        out.reserve(static_cast<size_t>(n));
        for (int64_t k = 0, i = start; k < n; ++k, i += step)
            out += self[static_cast<size_t>(i)];
        return bytes_result(vm, self_ba, out);
    }
    return raise_fmt(vm, exc::TypeError, "%s indices must be integers or slices, not %s", self_ba ? "bytearray" : "byte", type_name(key));
}

Value b_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__contains__", nargs - 1, kwnames, 1))
        return Value::null();
    std::string sub;
    if (is_index_like(args[1])) {
        if (!sub_arg(vm, args[1], sub))
            return Value::null();
    } else {
        std::string_view v;
        if (!buffer_arg(vm, args[1], v))
            return Value::null();
        sub.assign(v);
    }
    SELF_BYTES();
    return py_bool(self.find(sub) != std::string_view::npos);
}

Value b_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_BYTES();
    auto* it = vm.heap.make<BytesIterator>(self_ba ? g_bytearray_iterator : types.bytes_iterator);
    if (!it)
        return Value::null();
    it->seq = args[0];
    return Value::from_object(it);
}

Value compare(VM& vm, Value const* args, CmpArg op)
{
    std::string_view a, b;
    bool ba;
    if (!bytes_self(args[0], a, ba) || !bytes_self(args[1], b, ba))
        return py_not_implemented();
    if (op == CmpArg::EQ)
        return py_bool(a == b);
    if (op == CmpArg::NE)
        return py_bool(a != b);
    int c = a.compare(b);
    switch (op) {
    case CmpArg::LT: return py_bool(c < 0);
    case CmpArg::LE: return py_bool(c <= 0);
    case CmpArg::GT: return py_bool(c > 0);
    default: return py_bool(c >= 0);
    }
}


bool defer_to_reflected(Value other, Slot reflected)
{
    TypeObject* t = type_of(other);
    return t && t->is_heap_type() && !t->slot(reflected).is_null();
}

Value b_add(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__add__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_BYTES();
    std::string_view other;
    if (!get_bytes_like(args[1], other)) {
        if (defer_to_reflected(args[1], Slot::RADD))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can't concat %s to %s", type_name(args[1]), self_ba ? "bytearray" : "bytes");
    }
    unsigned char* out = nullptr;
    Value r = TRY(bytes_result_sized(vm, self_ba, self.size() + other.size(), out));
    if (!self.empty())
        std::memcpy(out, self.data(), self.size());
    if (!other.empty())
        std::memcpy(out + self.size(), other.data(), other.size());
    return r;
}

Value b_mul_impl(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
        SELF_BYTES();
    if (!is_index_like(args[1])) {
        if (defer_to_reflected(args[1], Slot::RMUL))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(args[1]));
    }
    int64_t n;
    if (!index_ssize(vm, args[1], n))
        return Value::null();
    bytes_self(args[0], self, self_ba);
    if (n <= 0 || self.empty())
        return bytes_result(vm, self_ba, {});
    // CPython: OverflowError past PY_SSIZE_T_MAX for bytes, MemoryError for bytearray.
    if (!self_ba && static_cast<uint64_t>(n) > static_cast<uint64_t>(INT64_MAX) / self.size())
        return raise(vm, exc::OverflowError, "repeated bytes are too long");
    if (!check_alloc_size(vm, static_cast<uint64_t>(n), self.size()))
        return Value::null();
    // Built in place: the bytes are read from self's buffer, which the result does not share.
    size_t total = self.size() * static_cast<size_t>(n);
    unsigned char* out = nullptr;
    Value r = TRY(bytes_result_sized(vm, self_ba, total, out));
    bytes_self(args[0], self, self_ba);
    std::memcpy(out, self.data(), self.size());
    for (size_t done = self.size(); done < total;) {
        size_t chunk = std::min(done, total - done);
        std::memcpy(out + done, out, chunk);
        done += chunk;
    }
    return r;
}

Value b_mul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__mul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    return b_mul_impl(vm, args, nargs, kwnames);
}

Value b_mul_r(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__rmul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    return b_mul_impl(vm, args, nargs, kwnames);
}

Value b_mod(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__mod__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_BYTES();
    if (!self_ba)
        return bytes_mod(vm, self, args[1], false);
    // Formatting runs Python code (__index__, __bytes__, ...) that may resize a
    // bytearray: format from a copy of its bytes.
    std::string fmt;
    if (!vm.heap.assign_buffer(fmt, self))
        return Value::null();
    return bytes_mod(vm, fmt, args[1], true);
}

// other % self, for an `other` of self's own kind only.
Value b_rmod(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__rmod__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_BYTES();
    (void)self;
    std::string_view fmt;
    bool fmt_ba;
    // bytes.__rmod__ formats with a bytes only, bytearray.__rmod__ with a bytearray.
    if (!bytes_self(args[1], fmt, fmt_ba) || fmt_ba != self_ba)
        return py_not_implemented();
    if (!fmt_ba)
        return bytes_mod(vm, fmt, args[0], false);
    std::string copy(fmt); // as in b_mod
    return bytes_mod(vm, copy, args[0], true);
}

Value b_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    SELF_BYTES();
    std::string prefix = self_ba ? std::string(type_of(args[0])->name->c_str()) + "(b" : "b";
    std::string text;
    if (!vm.heap.native_build([&] {
            text = self_ba ? bytes_repr_text(self, prefix.c_str(), ")", BytesReprStyle::ByteArray) : bytes_repr_text(self, "b");
        }))
        return Value::null();
    return str_value(vm, text);
}

Value bytes_iterator_iter(VM&, Value const* args, size_t, Tuple*) { return args[0]; }

Value bytes_iterator_next(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = bytes_iter_next(vm, args[0]);
    if (v.is_stop_iteration())
        return raise_stop_iteration(vm);
    return v;
}

Value bytes_iterator_length_hint(VM&, Value const* args, size_t, Tuple*)
{
    auto* it = args[0].as<BytesIterator>();
    std::string_view v;
    bool ba;
    if (it->seq.is_null() || !bytes_self(it->seq, v, ba) || it->index >= v.size())
        return Value::small_int(0);
    return Value::small_int(static_cast<int64_t>(v.size() - it->index));
}

// __reduce__: (iter, (bytes,), index), or iter(()) once exhausted.
Value bytes_iterator_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, type_name(args[0]), "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<BytesIterator>();
    if (!it->seq.is_null())
        return reduce_builtin(vm, "iter", { it->seq }, int_from_i64(vm, int64_t(it->index)));
    return reduce_builtin(vm, "iter", { Value::from_object(empty_tuple()) });
}

// __setstate__(index): clipped to the bytes; a bytearray's only at 0 (it may grow).
Value bytes_iterator_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, type_name(args[0]), "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<BytesIterator>();
    int64_t hi = INT64_MAX;
    std::string_view v;
    bool ba = false;
    if (!it->seq.is_null() && bytes_self(it->seq, v, ba) && !ba)
        hi = int64_t(v.size());
    int64_t index;
    if (!setstate_index(vm, args[1], 0, hi, index))
        return Value::null();
    if (!it->seq.is_null())
        it->index = size_t(index);
    return py_none();
}

void trace_bytes_iterator(Object* o, Tracer& t)
{
    t.visit(static_cast<BytesIterator*>(o)->seq);
}

} // namespace

Value bytes_iter_next(VM&, Value iterator)
{
    auto* it = iterator.as<BytesIterator>();
    std::string_view v;
    bool ba;
    if (it->seq.is_null() || !bytes_self(it->seq, v, ba) || it->index >= v.size()) {
        it->seq = Value::null();
        return Value::stop_iteration();
    }
    return Value::small_int(static_cast<unsigned char>(v[it->index++]));
}

void add_bytes_common_methods(VM& vm, TypeObject* type)
{
    if (type == types.bytes || type == types.bytearray) {
        // bytearray iterates with its own type, as in CPython (same layout).
        TypeObject* it = types.bytes_iterator;
        if (type == types.bytearray)
            it = g_bytearray_iterator = make_builtin_type(vm, "bytearray_iterator", nullptr, sizeof(BytesIterator), 0,
                                                          trace_bytes_iterator);
        it->basicsize = sizeof(BytesIterator);
        it->trace = trace_bytes_iterator;
        it->iternext = bytes_iter_next;
        add_methods(vm, it, {
            { "__iter__", bytes_iterator_iter },
            { "__next__", bytes_iterator_next },
            { "__length_hint__", bytes_iterator_length_hint },
            { "__reduce__", bytes_iterator_reduce },
            { "__setstate__", bytes_iterator_setstate },
        });
    }
    add_methods(vm, type, {
        { "__len__", b_len },
        { "__getitem__", b_getitem },
        { "__contains__", b_contains },
        { "__iter__", b_iter },
        { "__eq__", compare_method<compare, CmpArg::EQ> },
        { "__ne__", compare_method<compare, CmpArg::NE> },
        { "__lt__", compare_method<compare, CmpArg::LT> },
        { "__le__", compare_method<compare, CmpArg::LE> },
        { "__gt__", compare_method<compare, CmpArg::GT> },
        { "__ge__", compare_method<compare, CmpArg::GE> },
        { "__add__", b_add },
        { "__mul__", b_mul },
        { "__rmul__", b_mul_r },
        { "__mod__", b_mod },
        { "__rmod__", b_rmod },
        { "__repr__", b_repr },
        { "find", b_find },
        { "rfind", b_rfind },
        { "index", b_index },
        { "rindex", b_rindex },
        { "count", b_count },
        { "startswith", b_startswith },
        { "endswith", b_endswith },
        { "split", b_split },
        { "rsplit", b_rsplit },
        { "splitlines", b_splitlines },
        { "partition", b_partition },
        { "rpartition", b_rpartition },
        { "join", b_join },
        { "replace", b_replace },
        { "strip", b_strip },
        { "lstrip", b_lstrip },
        { "rstrip", b_rstrip },
        { "removeprefix", b_removeprefix },
        { "removesuffix", b_removesuffix },
        { "lower", b_lower },
        { "upper", b_upper },
        { "swapcase", b_swapcase },
        { "title", b_title },
        { "capitalize", b_capitalize },
        { "isalpha", b_isalpha },
        { "isdigit", b_isdigit },
        { "isspace", b_isspace },
        { "isalnum", b_isalnum },
        { "isascii", b_isascii },
        { "islower", b_islower },
        { "isupper", b_isupper },
        { "istitle", b_istitle },
        { "ljust", b_ljust },
        { "rjust", b_rjust },
        { "center", b_center },
        { "zfill", b_zfill },
        { "expandtabs", b_expandtabs },
        { "hex", b_hex },
        { "decode", b_decode },
        { "translate", b_translate },
        { "maketrans", b_maketrans, METH_STATIC },
    });
}

} // namespace slpy
