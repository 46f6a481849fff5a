// Unicode character database lookups (over the generated tables in
// str_unicode_data.cpp), UTF-8 helpers, slice-argument helpers and the repr/escape
// routines shared by str and bytes.
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str_internal.h"

#include <array>
#include <algorithm>
#include <cstring>

namespace slpy {

namespace unicode {

extern FlagRange const kFlagRanges[];
extern size_t const kFlagRangeCount;
extern CaseRun const kLowerRuns[], kUpperRuns[], kTitleRuns[], kFoldRuns[];
extern size_t const kLowerRunCount, kUpperRunCount, kTitleRunCount, kFoldRunCount;
extern FullCase const kLowerFull[], kUpperFull[], kTitleFull[], kFoldFull[];
extern size_t const kLowerFullCount, kUpperFullCount, kTitleFullCount, kFoldFullCount;
extern uint32_t const kDecimalZeros[];
extern size_t const kDecimalZeroCount;

namespace {

uint32_t lookup_flags(uint32_t cp)
{
    if (cp >= 0x110000)
        return 0;
    FlagRange const* end = kFlagRanges + kFlagRangeCount;
    FlagRange const* it = std::upper_bound(kFlagRanges, end, cp,
                                           [](uint32_t c, FlagRange const& r) { return c < r.start; });
    return it == kFlagRanges ? 0 : (it - 1)->flags;
}

// Maps cp through one table pair: full (one-to-many) first, then the delta runs.
int map_case(uint32_t cp, uint32_t* out, CaseRun const* runs, size_t nruns, FullCase const* full, size_t nfull)
{
    if (nfull) {
        FullCase const* fend = full + nfull;
        FullCase const* f = std::lower_bound(full, fend, cp, [](FullCase const& e, uint32_t c) { return e.cp < c; });
        if (f != fend && f->cp == cp) {
            for (uint32_t i = 0; i < f->n; ++i)
                out[i] = f->out[i];
            return static_cast<int>(f->n);
        }
    }
    CaseRun const* rend = runs + nruns;
    CaseRun const* r = std::upper_bound(runs, rend, cp, [](uint32_t c, CaseRun const& e) { return c < e.start; });
    if (r != runs) {
        --r;
        uint32_t off = cp - r->start;
        if (off % r->stride == 0 && off / r->stride < r->count) {
            out[0] = static_cast<uint32_t>(static_cast<int64_t>(cp) + r->delta);
            return 1;
        }
    }
    out[0] = cp;
    return 1;
}

} // namespace

uint32_t char_flags(uint32_t cp)
{
    if (cp < 128) {
        // Filled once per process, thread-safely (VMs on several threads share it).
        static std::array<uint32_t, 128> const ascii_flags = [] {
            std::array<uint32_t, 128> t {};
            for (uint32_t c = 0; c < 128; ++c)
                t[c] = lookup_flags(c);
            return t;
        }();
        return ascii_flags[cp];
    }
    return lookup_flags(cp);
}

int to_lower(uint32_t cp, uint32_t* out)
{
    if (cp < 128) {
        out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return 1;
    }
    return map_case(cp, out, kLowerRuns, kLowerRunCount, kLowerFull, kLowerFullCount);
}

int to_upper(uint32_t cp, uint32_t* out)
{
    if (cp < 128) {
        out[0] = (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
        return 1;
    }
    return map_case(cp, out, kUpperRuns, kUpperRunCount, kUpperFull, kUpperFullCount);
}

int to_title(uint32_t cp, uint32_t* out)
{
    if (cp < 128) {
        out[0] = (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
        return 1;
    }
    return map_case(cp, out, kTitleRuns, kTitleRunCount, kTitleFull, kTitleFullCount);
}

int to_fold(uint32_t cp, uint32_t* out)
{
    if (cp < 128)
        return to_lower(cp, out);
    return map_case(cp, out, kFoldRuns, kFoldRunCount, kFoldFull, kFoldFullCount);
}

int lower_in_context(std::u32string const& text, size_t i, uint32_t* out)
{
    uint32_t cp = text[i];
    if (cp != 0x3A3)
        return to_lower(cp, out);
    // Final sigma: preceded by a cased letter and not followed by one (skipping
    // case-ignorable characters both ways).
    int64_t j = static_cast<int64_t>(i) - 1;
    while (j >= 0 && has(text[j], CASE_IGNORABLE))
        --j;
    bool final_sigma = j >= 0 && has(text[j], CASED);
    if (final_sigma) {
        size_t k = i + 1;
        while (k < text.size() && has(text[k], CASE_IGNORABLE))
            ++k;
        final_sigma = k == text.size() || !has(text[k], CASED);
    }
    out[0] = final_sigma ? 0x3C2 : 0x3C3;
    return 1;
}

int decimal_value(uint32_t cp)
{
    if (cp < 128)
        return (cp >= '0' && cp <= '9') ? static_cast<int>(cp - '0') : -1;
    uint32_t const* end = kDecimalZeros + kDecimalZeroCount;
    uint32_t const* it = std::upper_bound(kDecimalZeros, end, cp);
    if (it == kDecimalZeros)
        return -1;
    uint32_t zero = *(it - 1);
    return cp - zero < 10 ? static_cast<int>(cp - zero) : -1;
}

} // namespace unicode

// ------------------------------------------------------------------ UTF-8

std::u32string utf8_to_u32(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size())
        out.push_back(utf8_decode(s, i));
    return out;
}

void u32_append_utf8(std::string& out, uint32_t const* cps, size_t n)
{
    for (size_t i = 0; i < n; ++i) {
        if (cps[i] < 128)
            out.push_back(static_cast<char>(cps[i]));
        else
            utf8_append(out, cps[i]);
    }
}

size_t utf8_count(std::string_view s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

String* make_str(VM& vm, std::string_view utf8, bool known_ascii)
{
    if (utf8.empty())
        return empty_str();
    if (!known_ascii)
        return str_new(vm, utf8);
    if (utf8.size() == 1)
        return str_from_codepoint(vm, static_cast<unsigned char>(utf8[0]));
    String* s = str_alloc(vm, utf8.size());
    if (!s)
        return nullptr;
    std::memcpy(s->data, utf8.data(), utf8.size());
    str_finish_known(s, utf8.size(), true);
    return s;
}

// ------------------------------------------------------------------ argument helpers

bool parse_slice_arg(VM& vm, Value v, int64_t& out)
{
    if (v.is_null() || is_none(v))
        return true;
    if (v.is_int()) {
        out = v.as_int();
        return true;
    }
    if (!is_index_like(v)) {
        (void)raise(vm, exc::TypeError, "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    i = int_unwrap(i); // bool and int subclasses come back as they are
    if (i.is_int()) {
        out = i.as_int();
        return true;
    }
    // A big int: clamp, as _PyEval_SliceIndex does.
    out = int_sign(i) < 0 ? INT64_MIN + 1 : INT64_MAX;
    return true;
}

void adjust_indices(int64_t& start, int64_t& end, int64_t len)
{
    if (end > len)
        end = len;
    else if (end < 0) {
        end += len;
        if (end < 0)
            end = 0;
    }
    if (start < 0) {
        start += len;
        if (start < 0)
            start = 0;
    }
}

// ------------------------------------------------------------------ repr

void append_escape(std::string& out, uint32_t cp)
{
    static char const hex[] = "0123456789abcdef";
    if (cp <= 0xFF) {
        out += "\\x";
        out += hex[(cp >> 4) & 15];
        out += hex[cp & 15];
    } else if (cp <= 0xFFFF) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            out += hex[(cp >> shift) & 15];
    } else {
        out += "\\U";
        for (int shift = 28; shift >= 0; shift -= 4)
            out += hex[(cp >> shift) & 15];
    }
}

std::string str_repr_text(std::string_view s, bool ascii_only)
{
    bool has_single = s.find('\'') != std::string_view::npos;
    bool has_double = s.find('"') != std::string_view::npos;
    char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out;
    out.reserve(s.size() + 2);
    out += quote;
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 128) {
            ++i;
            if (c == static_cast<unsigned char>(quote) || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c == '\t')
                out += "\\t";
            else if (c == '\n')
                out += "\\n";
            else if (c == '\r')
                out += "\\r";
            else if (c < ' ' || c == 0x7F)
                append_escape(out, c);
            else
                out += static_cast<char>(c);
            continue;
        }
        size_t start = i;
        uint32_t cp = utf8_decode(s, i);
        if (ascii_only || !unicode::has(cp, unicode::PRINTABLE))
            append_escape(out, cp);
        else
            out.append(s.substr(start, i - start));
    }
    out += quote;
    return out;
}

std::string bytes_repr_text(std::string_view data, char const* prefix, char const* suffix, BytesReprStyle style)
{
    bool has_single = data.find('\'') != std::string_view::npos;
    bool has_double = data.find('"') != std::string_view::npos;
    char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out = prefix;
    out.reserve(data.size() + 4);
    out += quote;
    unsigned char escaped = style == BytesReprStyle::ByteArray ? '\'' : static_cast<unsigned char>(quote);
    for (unsigned char c : data) {
        if (c == escaped || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c < ' ' || c >= 0x7F)
            append_escape(out, c);
        else
            out += static_cast<char>(c);
    }
    out += quote;
    out += suffix;
    return out;
}

} // namespace slpy
