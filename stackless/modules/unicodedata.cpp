// The unicodedata module (Unicode 14.0.0, as CPython 3.11): names and normalization from
// objects/unicode/ (the database the front end shares), the other character properties
// from the tables unicodedata_gen.py generates. ucd_3_2_0 (the Unicode 3.2 view that
// IDNA's stringprep uses) is not provided: its attribute access raises AttributeError.
#include "stackless/modules/runtime_modules.h"

#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
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

#define SLPY_U_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

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
    return str_value(vm, unidata::kCategories[record_of(cp).category]);
}

SLPY_U_FN(u_bidirectional)
{
    uint32_t cp;
    if (!one_char(vm, "bidirectional", args, nargs, kwnames, 1, cp))
        return Value::null();
    return str_value(vm, unidata::kBidirectional[record_of(cp).bidirectional]);
}

SLPY_U_FN(u_east_asian_width)
{
    uint32_t cp;
    if (!one_char(vm, "east_asian_width", args, nargs, kwnames, 1, cp))
        return Value::null();
    return str_value(vm, unidata::kEastAsianWidths[record_of(cp).east_asian_width]);
}

SLPY_U_FN(u_mirrored)
{
    uint32_t cp;
    if (!one_char(vm, "mirrored", args, nargs, kwnames, 1, cp))
        return Value::null();
    return Value::small_int(record_of(cp).mirrored);
}

SLPY_U_FN(u_combining)
{
    uint32_t cp;
    if (!one_char(vm, "combining", args, nargs, kwnames, 1, cp))
        return Value::null();
    return Value::small_int(ucd::combining_class(char32_t(cp)));
}

SLPY_U_FN(u_decimal)
{
    uint32_t cp;
    if (!one_char(vm, "decimal", args, nargs, kwnames, 2, cp))
        return Value::null();
    int v = record_of(cp).decimal;
    if (v >= 0)
        return Value::small_int(v);
    return nargs > 1 ? args[1] : raise(vm, exc::ValueError, "not a decimal");
}

SLPY_U_FN(u_digit)
{
    uint32_t cp;
    if (!one_char(vm, "digit", args, nargs, kwnames, 2, cp))
        return Value::null();
    int v = record_of(cp).digit;
    if (v >= 0)
        return Value::small_int(v);
    return nargs > 1 ? args[1] : raise(vm, exc::ValueError, "not a digit");
}

SLPY_U_FN(u_numeric)
{
    uint32_t cp;
    if (!one_char(vm, "numeric", args, nargs, kwnames, 2, cp))
        return Value::null();
    int v = record_of(cp).numeric;
    if (v >= 0)
        return Value::from_double(unidata::kNumerics[v]);
    return nargs > 1 ? args[1] : raise(vm, exc::ValueError, "not a numeric character");
}

SLPY_U_FN(u_decomposition)
{
    uint32_t cp;
    if (!one_char(vm, "decomposition", args, nargs, kwnames, 1, cp))
        return Value::null();
    unidata::Decomposition const* end = unidata::kDecompositions + unidata::kDecompositionCount;
    unidata::Decomposition const* it = std::lower_bound(unidata::kDecompositions, end, cp,
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
    if (ucd::char_name(char32_t(cp), name))
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
    if (!ucd::lookup_name(s->view(), chars, true)) {
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

Value normalized(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames, ucd::NormForm& form, String*& s,
                 std::string& out)
{
    if (!check_no_kwargs(vm, fname, kwnames) || !check_nargs(vm, fname, nargs, 2, 2))
        return Value::null();
    if (!form_arg(vm, args[0], form))
        return Value::null();
    s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "%s() argument 2 must be str, not %s", fname, type_name(args[1]));
    if (!vm.heap.native_build([&] { out = ucd::normalize_utf8(form, s->view()); }))
        return Value::null();
    return py_none();
}

SLPY_U_FN(u_normalize)
{
    ucd::NormForm form;
    String* s;
    std::string out;
    TRY(normalized(vm, "normalize", args, nargs, kwnames, form, s, out));
    if (out == s->view() && type_of(args[1]) == types.str)
        return args[1];
    return str_value(vm, out);
}

SLPY_U_FN(u_is_normalized)
{
    ucd::NormForm form;
    String* s;
    std::string out;
    TRY(normalized(vm, "is_normalized", args, nargs, kwnames, form, s, out));
    return py_bool(out == s->view());
}

#undef SLPY_U_FN

} // namespace

Module* make_unicodedata_module(VM& vm)
{
    Module* m = module_new(vm, "unicodedata");
    module_add_functions(vm, m, {
        { "category", u_category }, { "bidirectional", u_bidirectional }, { "east_asian_width", u_east_asian_width },
        { "mirrored", u_mirrored }, { "combining", u_combining }, { "decimal", u_decimal }, { "digit", u_digit },
        { "numeric", u_numeric }, { "decomposition", u_decomposition }, { "name", u_name }, { "lookup", u_lookup },
        { "normalize", u_normalize }, { "is_normalized", u_is_normalized },
    });
    module_add(vm, m, "unidata_version", str_value(vm, "14.0.0"));
    return m;
}

} // namespace slpy
