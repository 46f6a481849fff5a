// The _locale module over the C library's locale functions (setlocale, localeconv,
// nl_langinfo, strcoll, strxfrm, the gettext family), as CPython 3.11's. Creating the
// module sets LC_CTYPE from the environment, as CPython does at start-up, coercing the
// plain C/POSIX locale to C.UTF-8 when it exists (PEP 538), so that setlocale queries
// and getencoding() answer as there.
#include "stackless/modules/runtime_modules.h"

#include "stackless/modules/native_support.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cerrno>
#include <climits>
#include <clocale>
#include <cstring>
#include <cwchar>
#include <langinfo.h>
#include <libintl.h>
#include <string>

namespace slpy {

namespace {

TypeObject* g_locale_error = nullptr;

// Text from the C library: UTF-8 when valid, else each byte as a code point.
Value c_text(VM& vm, char const* s)
{
    std::string_view v = s ? std::string_view(s) : std::string_view();
    if (utf8_validate(v) == std::string_view::npos)
        return str_value(vm, v);
    std::string out;
    for (unsigned char c : v)
        utf8_append(out, c);
    return str_value(vm, out);
}

#define SLPY_L_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// setlocale(category, locale=None)
SLPY_L_FN(l_setlocale)
{
    if (!check_no_kwargs(vm, "setlocale", kwnames) || !check_nargs(vm, "setlocale", nargs, 1, 2))
        return Value::null();
    int category;
    if (!int_arg(vm, args[0], category))
        return Value::null();
    char const* result;
    if (nargs < 2 || is_none(args[1])) {
        result = ::setlocale(category, nullptr);
        if (!result)
            return raise(vm, g_locale_error, "locale query failed");
    } else {
        String* name = as_str(args[1]);
        if (!name)
            return raise_fmt(vm, exc::TypeError, "setlocale() argument 2 must be str or None, not %s", type_name(args[1]));
        if (std::strlen(name->c_str()) != name->byte_length)
            return raise(vm, exc::ValueError, "embedded null character");
        result = ::setlocale(category, name->c_str());
        if (!result)
            return raise(vm, g_locale_error, "unsupported locale setting");
    }
    return c_text(vm, result);
}

// The grouping string as CPython's copy_grouping: [] for "", else the values up to and
// including the terminating 0 or CHAR_MAX.
Value grouping_list(VM& vm, char const* s)
{
    List* l = list_new(vm);
    if (!l)
        return Value::null();
    if (!s || s[0] == '\0')
        return Value::from_object(l);
    size_t i = 0;
    for (;;) {
        if (!list_append(vm, l, Value::small_int(static_cast<signed char>(s[i]))))
            return Value::null();
        if (s[i] == '\0' || s[i] == CHAR_MAX)
            break;
        ++i;
    }
    return Value::from_object(l);
}

SLPY_L_FN(l_localeconv)
{
    if (!check_nargs(vm, "localeconv", nargs, 0, 0))
        return Value::null();
    struct lconv const* lc = ::localeconv();
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    auto put = [&](char const* key, Value v) {
        String* k = intern(vm, key);
        return k && !v.is_null() && dict_set_str(vm, d, k, v);
    };
    bool ok = put("int_curr_symbol", c_text(vm, lc->int_curr_symbol)) && put("currency_symbol", c_text(vm, lc->currency_symbol))
        && put("mon_decimal_point", c_text(vm, lc->mon_decimal_point))
        && put("mon_thousands_sep", c_text(vm, lc->mon_thousands_sep))
        && put("mon_grouping", grouping_list(vm, lc->mon_grouping)) && put("positive_sign", c_text(vm, lc->positive_sign))
        && put("negative_sign", c_text(vm, lc->negative_sign))
        && put("int_frac_digits", Value::small_int(static_cast<unsigned char>(lc->int_frac_digits)))
        && put("frac_digits", Value::small_int(static_cast<unsigned char>(lc->frac_digits)))
        && put("p_cs_precedes", Value::small_int(static_cast<unsigned char>(lc->p_cs_precedes)))
        && put("p_sep_by_space", Value::small_int(static_cast<unsigned char>(lc->p_sep_by_space)))
        && put("n_cs_precedes", Value::small_int(static_cast<unsigned char>(lc->n_cs_precedes)))
        && put("n_sep_by_space", Value::small_int(static_cast<unsigned char>(lc->n_sep_by_space)))
        && put("p_sign_posn", Value::small_int(static_cast<unsigned char>(lc->p_sign_posn)))
        && put("n_sign_posn", Value::small_int(static_cast<unsigned char>(lc->n_sign_posn)))
        && put("decimal_point", c_text(vm, lc->decimal_point)) && put("thousands_sep", c_text(vm, lc->thousands_sep))
        && put("grouping", grouping_list(vm, lc->grouping));
    return ok ? Value::from_object(d) : Value::null();
}

struct LangInfo {
    char const* name;
    nl_item item;
};
constexpr LangInfo kLangInfo[] = {
    { "CODESET", CODESET }, { "D_T_FMT", D_T_FMT }, { "D_FMT", D_FMT }, { "T_FMT", T_FMT }, { "T_FMT_AMPM", T_FMT_AMPM },
    { "AM_STR", AM_STR }, { "PM_STR", PM_STR }, { "DAY_1", DAY_1 }, { "DAY_2", DAY_2 }, { "DAY_3", DAY_3 },
    { "DAY_4", DAY_4 }, { "DAY_5", DAY_5 }, { "DAY_6", DAY_6 }, { "DAY_7", DAY_7 }, { "ABDAY_1", ABDAY_1 },
    { "ABDAY_2", ABDAY_2 }, { "ABDAY_3", ABDAY_3 }, { "ABDAY_4", ABDAY_4 }, { "ABDAY_5", ABDAY_5 }, { "ABDAY_6", ABDAY_6 },
    { "ABDAY_7", ABDAY_7 }, { "MON_1", MON_1 }, { "MON_2", MON_2 }, { "MON_3", MON_3 }, { "MON_4", MON_4 },
    { "MON_5", MON_5 }, { "MON_6", MON_6 }, { "MON_7", MON_7 }, { "MON_8", MON_8 }, { "MON_9", MON_9 },
    { "MON_10", MON_10 }, { "MON_11", MON_11 }, { "MON_12", MON_12 }, { "ABMON_1", ABMON_1 }, { "ABMON_2", ABMON_2 },
    { "ABMON_3", ABMON_3 }, { "ABMON_4", ABMON_4 }, { "ABMON_5", ABMON_5 }, { "ABMON_6", ABMON_6 },
    { "ABMON_7", ABMON_7 }, { "ABMON_8", ABMON_8 }, { "ABMON_9", ABMON_9 }, { "ABMON_10", ABMON_10 },
    { "ABMON_11", ABMON_11 }, { "ABMON_12", ABMON_12 }, { "RADIXCHAR", RADIXCHAR }, { "THOUSEP", THOUSEP },
    { "YESEXPR", YESEXPR }, { "NOEXPR", NOEXPR }, { "CRNCYSTR", CRNCYSTR }, { "ERA", ERA }, { "ERA_D_FMT", ERA_D_FMT },
    { "ERA_D_T_FMT", ERA_D_T_FMT }, { "ERA_T_FMT", ERA_T_FMT }, { "ALT_DIGITS", ALT_DIGITS }, { "_DATE_FMT", _DATE_FMT },
};

SLPY_L_FN(l_nl_langinfo)
{
    if (!check_no_kwargs(vm, "nl_langinfo", kwnames) || !check_nargs(vm, "nl_langinfo", nargs, 1, 1))
        return Value::null();
    int key;
    if (!int_arg(vm, args[0], key))
        return Value::null();
    for (LangInfo const& li : kLangInfo)
        if (int(li.item) == key)
            return c_text(vm, ::nl_langinfo(li.item));
    return raise(vm, exc::ValueError, "unsupported langinfo constant");
}

SLPY_L_FN(l_getencoding)
{
    if (!check_nargs(vm, "getencoding", nargs, 0, 0))
        return Value::null();
    char const* codeset = ::nl_langinfo(CODESET);
    if (!codeset || !*codeset || std::strcmp(codeset, "ANSI_X3.4-1968") == 0)
        codeset = "utf-8"; // CPython's UTF-8 mode answer for the C locale
    return c_text(vm, codeset);
}

// The wide-character form of a str, for strcoll / strxfrm.
bool wide(VM& vm, Value v, char const* fname, int argn, std::wstring& out)
{
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "%s() argument %d must be str, not %s", fname, argn, type_name(v));
        return false;
    }
    std::string_view t = s->view();
    for (size_t i = 0; i < t.size();) {
        uint32_t cp = utf8_decode(t, i);
        if (cp == 0) {
            raise(vm, exc::ValueError, "embedded null character");
            return false;
        }
        out += wchar_t(cp);
    }
    return true;
}

SLPY_L_FN(l_strcoll)
{
    if (!check_no_kwargs(vm, "strcoll", kwnames) || !check_nargs(vm, "strcoll", nargs, 2, 2))
        return Value::null();
    std::wstring a, b;
    if (!wide(vm, args[0], "strcoll", 1, a) || !wide(vm, args[1], "strcoll", 2, b))
        return Value::null();
    return Value::small_int(::wcscoll(a.c_str(), b.c_str()));
}

SLPY_L_FN(l_strxfrm)
{
    if (!check_no_kwargs(vm, "strxfrm", kwnames) || !check_nargs(vm, "strxfrm", nargs, 1, 1))
        return Value::null();
    std::wstring a;
    if (!wide(vm, args[0], "strxfrm", 1, a))
        return Value::null();
    size_t n = ::wcsxfrm(nullptr, a.c_str(), 0);
    std::wstring buf(n + 1, L'\0');
    ::wcsxfrm(buf.data(), a.c_str(), n + 1);
    buf.resize(n);
    std::string out;
    for (wchar_t c : buf)
        utf8_append(out, uint32_t(c));
    return str_value(vm, out);
}

// The gettext family: the C library's answers.
bool cstr_arg(VM& vm, Value v, char const*& out, bool none_ok)
{
    if (none_ok && is_none(v)) {
        out = nullptr;
        return true;
    }
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "expected str, got %s", type_name(v));
        return false;
    }
    out = s->c_str();
    return true;
}

SLPY_L_FN(l_gettext)
{
    char const* msg;
    if (!check_nargs(vm, "gettext", nargs, 1, 1) || !cstr_arg(vm, args[0], msg, false))
        return Value::null();
    return c_text(vm, ::gettext(msg));
}

SLPY_L_FN(l_dgettext)
{
    char const *domain, *msg;
    if (!check_nargs(vm, "dgettext", nargs, 2, 2) || !cstr_arg(vm, args[0], domain, true) || !cstr_arg(vm, args[1], msg, false))
        return Value::null();
    return c_text(vm, ::dgettext(domain, msg));
}

SLPY_L_FN(l_dcgettext)
{
    char const *domain, *msg;
    int category;
    if (!check_nargs(vm, "dcgettext", nargs, 3, 3) || !cstr_arg(vm, args[0], domain, true) || !cstr_arg(vm, args[1], msg, false)
        || !int_arg(vm, args[2], category))
        return Value::null();
    return c_text(vm, ::dcgettext(domain, msg, category));
}

SLPY_L_FN(l_textdomain)
{
    char const* domain;
    if (!check_nargs(vm, "textdomain", nargs, 1, 1) || !cstr_arg(vm, args[0], domain, true))
        return Value::null();
    char const* r = ::textdomain(domain);
    if (!r)
        return raise_fmt(vm, exc::OSError, "[Errno %d] %s", errno, std::strerror(errno));
    return c_text(vm, r);
}

SLPY_L_FN(l_bindtextdomain)
{
    char const *domain, *dir;
    if (!check_nargs(vm, "bindtextdomain", nargs, 2, 2) || !cstr_arg(vm, args[0], domain, false) || !cstr_arg(vm, args[1], dir, true))
        return Value::null();
    if (!*domain)
        return raise(vm, exc::ValueError, "empty string is not a valid domain name");
    char const* r = ::bindtextdomain(domain, dir);
    if (!r)
        return raise_fmt(vm, exc::OSError, "[Errno %d] %s", errno, std::strerror(errno));
    return c_text(vm, r);
}

SLPY_L_FN(l_bind_textdomain_codeset)
{
    char const *domain, *codeset;
    if (!check_nargs(vm, "bind_textdomain_codeset", nargs, 2, 2) || !cstr_arg(vm, args[0], domain, false)
        || !cstr_arg(vm, args[1], codeset, true))
        return Value::null();
    char const* r = ::bind_textdomain_codeset(domain, codeset);
    if (!r)
        return py_none();
    return c_text(vm, r);
}

#undef SLPY_L_FN

} // namespace

Module* make_locale_module(VM& vm)
{
    if (!g_locale_error) {
        // LC_CTYPE from the environment, as CPython's start-up; C/POSIX becomes C.UTF-8.
        char const* ctype = ::setlocale(LC_CTYPE, "");
        if (!ctype || std::strcmp(ctype, "C") == 0 || std::strcmp(ctype, "POSIX") == 0)
            if (!::setlocale(LC_CTYPE, "C.UTF-8"))
                ::setlocale(LC_CTYPE, "C");
        g_locale_error = make_builtin_type(vm, "Error", exc::Exception, exc::Exception->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                           exc::Exception->trace, exc::Exception->finalize);
        (void)dict_set_str(vm, g_locale_error->dict, names.__module__, str_value(vm, "locale"));
        finish_builtin_type(vm, g_locale_error);
    }
    Module* m = module_new(vm, "_locale");
    module_add_functions(vm, m, {
        { "setlocale", l_setlocale }, { "localeconv", l_localeconv }, { "nl_langinfo", l_nl_langinfo },
        { "getencoding", l_getencoding }, { "strcoll", l_strcoll }, { "strxfrm", l_strxfrm }, { "gettext", l_gettext },
        { "dgettext", l_dgettext }, { "dcgettext", l_dcgettext }, { "textdomain", l_textdomain },
        { "bindtextdomain", l_bindtextdomain }, { "bind_textdomain_codeset", l_bind_textdomain_codeset },
    });
    module_add(vm, m, "Error", Value::from_object(g_locale_error));
    module_add(vm, m, "CHAR_MAX", Value::small_int(CHAR_MAX));
    struct Constant {
        char const* name;
        int value;
    };
    static constexpr Constant kCategories[] = {
        { "LC_CTYPE", LC_CTYPE }, { "LC_COLLATE", LC_COLLATE }, { "LC_TIME", LC_TIME }, { "LC_MONETARY", LC_MONETARY },
        { "LC_NUMERIC", LC_NUMERIC }, { "LC_ALL", LC_ALL }, { "LC_MESSAGES", LC_MESSAGES },
    };
    for (Constant const& c : kCategories)
        module_add(vm, m, c.name, Value::small_int(c.value));
    for (LangInfo const& li : kLangInfo)
        module_add(vm, m, li.name, Value::small_int(int(li.item)));
    return m;
}

} // namespace slpy
