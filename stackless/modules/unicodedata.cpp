// The unicodedata module (Unicode 14.0.0, as CPython 3.11): names and normalization from
// objects/unicode/ (the database the front end shares), the other character properties
// from the tables unicodedata_gen.py generates. ucd_3_2_0, the Unicode 3.2.0 view that
// IDNA's stringprep uses, is a unicodedata.UCD object with the same functions as
// methods, answering from a delta against the 14.0 tables (unicodedata_3_2_gen.py). Its
// normalization leaves the characters 3.2.0 lacks alone by normalizing the text between
// them with the 14.0 tables: exact except for combining marks around such a character
// (CPython reorders them across it).
#include "stackless/modules/runtime_modules.h"

#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "objects/unicode/ucd.h"
#include "stackless/modules/unicodedata_data.h"

#include <algorithm>
#include <string>

namespace slpy {

namespace {

unidata::Record const& record_of(uint32_t cp)
{
    // The last run starting at or before cp.
    unidata::Run const* end = unidata::kRuns + unidata::kRunCount;
    unidata::Run const* it = std::upper_bound(unidata::kRuns, end, cp, [](uint32_t c, unidata::Run const& r) { return c < r.first; });
    return unidata::kRecords[(it - 1)->record];
}

// The 3.2.0 record of cp, or null where 3.2.0 answers as 14.0.0 (when `old`).
unidata::OldRecord const* old_record(bool old, uint32_t cp)
{
    if (!old)
        return nullptr;
    unidata::Run const* end = unidata::kOldRuns + unidata::kOldRunCount;
    unidata::Run const* it = std::upper_bound(unidata::kOldRuns, end, cp, [](uint32_t c, unidata::Run const& r) { return c < r.first; });
    uint16_t rec = (it - 1)->record;
    return rec ? &unidata::kOldRecords[rec] : nullptr;
}

bool unassigned_in(bool old, uint32_t cp)
{
    unidata::OldRecord const* r = old_record(old, cp);
    return r && r->unassigned;
}

// The one character of a str argument; TypeError as CPython's argument clinic.
bool char_arg(VM& vm, char const* fname, Value v, uint32_t& out)
{
    String* s = as_str(v);
    if (!s || s->length != 1) {
        raise_fmt(vm, exc::TypeError, "%s() argument%s must be a unicode character, not %s", fname,
                  std::string_view(fname) == "normalize" ? " 2" : "", s ? "str" : type_name(v));
        return false;
    }
    out = str_char_at(s, 0);
    return true;
}

// Each function serves the module (14.0.0, old false) and the UCD methods (old true).
#define SLPY_U_FN(cname) Value cname(VM& vm, bool old, Value const* args, size_t nargs, Tuple* kwnames)

// The functions of one character argument.
bool one_char(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, size_t max, uint32_t& cp)
{
    if (!check_no_kwargs(vm, fname, kwnames) || !check_nargs(vm, fname, nargs, 1, max))
        return false;
    return char_arg(vm, fname, args[0], cp);
}

SLPY_U_FN(u_category)
{
    uint32_t cp;
    if (!one_char(vm, "category", args, nargs, kwnames, 1, cp))
        return Value::null();
    if (unidata::OldRecord const* r = old_record(old, cp))
        return str_value(vm, unidata::kCategories[r->category]);
    return str_value(vm, unidata::kCategories[record_of(cp).category]);
}

SLPY_U_FN(u_bidirectional)
{
    uint32_t cp;
    if (!one_char(vm, "bidirectional", args, nargs, kwnames, 1, cp))
        return Value::null();
    if (unidata::OldRecord const* r = old_record(old, cp))
        return str_value(vm, unidata::kBidirectional[r->bidirectional]);
    return str_value(vm, unidata::kBidirectional[record_of(cp).bidirectional]);
}

SLPY_U_FN(u_east_asian_width)
{
    uint32_t cp;
    if (!one_char(vm, "east_asian_width", args, nargs, kwnames, 1, cp))
        return Value::null();
    if (unidata::OldRecord const* r = old_record(old, cp))
        return str_value(vm, unidata::kEastAsianWidths[r->east_asian_width]);
    return str_value(vm, unidata::kEastAsianWidths[record_of(cp).east_asian_width]);
}

SLPY_U_FN(u_mirrored)
{
    uint32_t cp;
    if (!one_char(vm, "mirrored", args, nargs, kwnames, 1, cp))
        return Value::null();
    if (unidata::OldRecord const* r = old_record(old, cp))
        return Value::small_int(r->mirrored);
    return Value::small_int(record_of(cp).mirrored);
}

SLPY_U_FN(u_combining)
{
    uint32_t cp;
    if (!one_char(vm, "combining", args, nargs, kwnames, 1, cp))
        return Value::null();
    if (unassigned_in(old, cp))
        return Value::small_int(0);
    return Value::small_int(ucd::combining_class(char32_t(cp)));
}

SLPY_U_FN(u_decimal)
{
    uint32_t cp;
    if (!one_char(vm, "decimal", args, nargs, kwnames, 2, cp))
        return Value::null();
    unidata::OldRecord const* r = old_record(old, cp);
    int v = r ? r->decimal : record_of(cp).decimal;
    if (v >= 0)
        return Value::small_int(v);
    return nargs > 1 ? args[1] : raise(vm, exc::ValueError, "not a decimal");
}

SLPY_U_FN(u_digit)
{
    uint32_t cp;
    if (!one_char(vm, "digit", args, nargs, kwnames, 2, cp))
        return Value::null();
    unidata::OldRecord const* r = old_record(old, cp);
    int v = r ? r->digit : record_of(cp).digit;
    if (v >= 0)
        return Value::small_int(v);
    return nargs > 1 ? args[1] : raise(vm, exc::ValueError, "not a digit");
}

SLPY_U_FN(u_numeric)
{
    uint32_t cp;
    if (!one_char(vm, "numeric", args, nargs, kwnames, 2, cp))
        return Value::null();
    unidata::OldRecord const* r = old_record(old, cp);
    int v = r ? r->numeric : record_of(cp).numeric;
    if (v >= 0)
        return Value::from_double(unidata::kNumerics[v]);
    return nargs > 1 ? args[1] : raise(vm, exc::ValueError, "not a numeric character");
}

SLPY_U_FN(u_decomposition)
{
    uint32_t cp;
    if (!one_char(vm, "decomposition", args, nargs, kwnames, 1, cp))
        return Value::null();
    unidata::Decomposition const* table = unidata::kDecompositions;
    size_t count = unidata::kDecompositionCount;
    if (unidata::OldRecord const* r = old_record(old, cp)) {
        if (r->decomposition == 1)
            return str_value(vm, "");
        if (r->decomposition == 2) {
            table = unidata::kOldDecompositions;
            count = unidata::kOldDecompositionCount;
        }
    }
    unidata::Decomposition const* end = table + count;
    unidata::Decomposition const* it = std::lower_bound(table, end, cp,
                                                        [](unidata::Decomposition const& d, uint32_t c) { return d.cp < c; });
    if (it != end && it->cp == cp)
        return str_value(vm, it->text);
    return str_value(vm, "");
}

SLPY_U_FN(u_name)
{
    uint32_t cp;
    if (!one_char(vm, "name", args, nargs, kwnames, 2, cp))
        return Value::null();
    std::string name;
    if (!unassigned_in(old, cp) && ucd::char_name(char32_t(cp), name))
        return str_value(vm, name);
    return nargs > 1 ? args[1] : raise(vm, exc::ValueError, "no such name");
}

SLPY_U_FN(u_lookup)
{
    if (!check_no_kwargs(vm, "lookup", kwnames) || !check_nargs(vm, "lookup", nargs, 1, 1))
        return Value::null();
    String* s = as_str(args[0]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[0]));
    if (s->byte_length > 256)
        return raise(vm, exc::KeyError, "name too long");
    std::u32string chars;
    // 3.2.0 has neither aliases nor named sequences, nor the characters added since.
    auto old_match = [&] {
        std::string name, wanted;
        for (char c : s->view())
            wanted += char(c >= 'a' && c <= 'z' ? c - 32 : c);
        return chars.size() == 1 && !unassigned_in(true, uint32_t(chars[0])) && ucd::char_name(chars[0], name) && name == wanted;
    };
    if (!ucd::lookup_name(s->view(), chars, !old) || (old && !old_match())) {
        Value msg = TRY(str_value(vm, "undefined character name '" + std::string(s->view()) + "'"));
        return raise_with_args(vm, exc::KeyError, tuple_pack(vm, { msg }));
    }
    std::string out;
    for (char32_t c : chars)
        utf8_append(out, uint32_t(c));
    return str_value(vm, out);
}

bool form_arg(VM& vm, Value v, ucd::NormForm& form)
{
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "normalize() argument 1 must be str, not %s", type_name(v));
        return false;
    }
    std::string_view f = s->view();
    if (f == "NFC")
        form = ucd::NormForm::NFC;
    else if (f == "NFD")
        form = ucd::NormForm::NFD;
    else if (f == "NFKC")
        form = ucd::NormForm::NFKC;
    else if (f == "NFKD")
        form = ucd::NormForm::NFKD;
    else {
        raise(vm, exc::ValueError, "invalid normalization form");
        return false;
    }
    return true;
}

// Normalization as Unicode 3.2.0: its corrected decompositions first, then the text
// between characters 3.2.0 lacks (left as they are) normalized with the 14.0 tables.
std::string normalize_3_2(ucd::NormForm form, std::string_view text)
{
    std::string out, run;
    for (size_t i = 0; i < text.size();) {
        uint32_t cp = utf8_decode(text, i);
        if (unassigned_in(true, cp)) {
            out += ucd::normalize_utf8(form, run);
            run.clear();
            utf8_append(out, cp);
            continue;
        }
        unidata::Decomposition const* end = unidata::kOldNormalizations + unidata::kOldNormalizationCount;
        unidata::Decomposition const* it = std::lower_bound(unidata::kOldNormalizations, end, cp,
                                                            [](unidata::Decomposition const& d, uint32_t c) { return d.cp < c; });
        if (it != end && it->cp == cp)
            run += it->text;
        else
            utf8_append(run, cp);
    }
    out += ucd::normalize_utf8(form, run);
    return out;
}

Value normalized(VM& vm, bool old, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, ucd::NormForm& form, String*& s,
                 std::string& out)
{
    if (!check_no_kwargs(vm, fname, kwnames) || !check_nargs(vm, fname, nargs, 2, 2))
        return Value::null();
    if (!form_arg(vm, args[0], form))
        return Value::null();
    s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "%s() argument 2 must be str, not %s", fname, type_name(args[1]));
    if (!vm.heap.native_build([&] { out = old ? normalize_3_2(form, s->view()) : ucd::normalize_utf8(form, s->view()); }))
        return Value::null();
    return py_none();
}

SLPY_U_FN(u_normalize)
{
    ucd::NormForm form;
    String* s;
    std::string out;
    TRY(normalized(vm, old, "normalize", args, nargs, kwnames, form, s, out));
    if (out == s->view() && type_of(args[1]) == types.str)
        return args[1];
    return str_value(vm, out);
}

SLPY_U_FN(u_is_normalized)
{
    ucd::NormForm form;
    String* s;
    std::string out;
    TRY(normalized(vm, old, "is_normalized", args, nargs, kwnames, form, s, out));
    return py_bool(out == s->view());
}

// The module's functions and the UCD methods (self is the 3.2.0 view).
#define SLPY_U_ENTRY(cname)                                                                                     \
    Value cname##_fn(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return cname(vm, false, args, nargs, kwnames); } \
    Value cname##_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)                               \
    {                                                                                                           \
        return cname(vm, true, args + 1, nargs - 1, kwnames);                                                   \
    }
SLPY_U_ENTRY(u_category)
SLPY_U_ENTRY(u_bidirectional)
SLPY_U_ENTRY(u_east_asian_width)
SLPY_U_ENTRY(u_mirrored)
SLPY_U_ENTRY(u_combining)
SLPY_U_ENTRY(u_decimal)
SLPY_U_ENTRY(u_digit)
SLPY_U_ENTRY(u_numeric)
SLPY_U_ENTRY(u_decomposition)
SLPY_U_ENTRY(u_name)
SLPY_U_ENTRY(u_lookup)
SLPY_U_ENTRY(u_normalize)
SLPY_U_ENTRY(u_is_normalized)
#undef SLPY_U_ENTRY

TypeObject* g_ucd_type = nullptr;

Value ucd_new(VM& vm, Value const*, size_t, Tuple*) { return raise(vm, exc::TypeError, "cannot create 'unicodedata.UCD' instances"); }
Value ucd_version(VM& vm, Value const*, size_t, Tuple*) { return str_value(vm, "3.2.0"); }

#undef SLPY_U_FN

} // namespace

Module* make_unicodedata_module(VM& vm)
{
    if (!g_ucd_type) {
        g_ucd_type = make_builtin_type(vm, "UCD", nullptr, sizeof(Object), 0);
        set_native_type_module(vm, g_ucd_type, "unicodedata");
        add_methods(vm, g_ucd_type, {
            { "__new__", ucd_new, METH_STATIC },
            { "category", u_category_method },
            { "bidirectional", u_bidirectional_method },
            { "east_asian_width", u_east_asian_width_method },
            { "mirrored", u_mirrored_method },
            { "combining", u_combining_method },
            { "decimal", u_decimal_method },
            { "digit", u_digit_method },
            { "numeric", u_numeric_method },
            { "decomposition", u_decomposition_method },
            { "name", u_name_method },
            { "lookup", u_lookup_method },
            { "normalize", u_normalize_method },
            { "is_normalized", u_is_normalized_method },
        });
        add_getsets(vm, g_ucd_type, { { "unidata_version", ucd_version } });
        finish_builtin_type(vm, g_ucd_type);
    }
    Module* m = module_new(vm, "unicodedata");
    module_add_functions(vm, m, {
        { "category", u_category_fn },
        { "bidirectional", u_bidirectional_fn },
        { "east_asian_width", u_east_asian_width_fn },
        { "mirrored", u_mirrored_fn },
        { "combining", u_combining_fn },
        { "decimal", u_decimal_fn },
        { "digit", u_digit_fn },
        { "numeric", u_numeric_fn },
        { "decomposition", u_decomposition_fn },
        { "name", u_name_fn },
        { "lookup", u_lookup_fn },
        { "normalize", u_normalize_fn },
        { "is_normalized", u_is_normalized_fn },
    });
    module_add(vm, m, "unidata_version", str_value(vm, "14.0.0"));
    module_add(vm, m, "UCD", Value::from_object(g_ucd_type));
    module_add(vm, m, "ucd_3_2_0", Value::from_object(alloc_instance(vm, g_ucd_type)));
    return m;
}

} // namespace slpy
