// The _datetime module: CPython 3.11's C accelerator for datetime.py (timedelta, date,
// time, datetime, tzinfo, timezone, MINYEAR/MAXYEAR). datetime.py does `from _datetime
// import *` when this module imports, so everything here must behave exactly as the
// pure-Python classes and CPython's _datetimemodule.c: the same normalisation, range
// errors, hashing (equal values hash equal, aware datetimes through their UTC value),
// reprs under the name "datetime.", pickles with CPython's byte-string states, and
// alternate constructors that build the subclass they are called on.
//
// Calendar arithmetic is the proleptic Gregorian one of datetime.py (ordinal 1 is
// 0001-01-01). Microsecond totals exceed 64 bits (999999999 days), so timedelta
// arithmetic uses __int128 and, where Python ints of any size come in, GMP.
#include "stackless/modules/data_modules.h"

#include "stackless/modules/native_support.h"
#include "objects/bytes.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/records.h"
#include "stackless/vm/interpreter.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <string>

namespace slpy {

namespace {

using i128 = __int128;

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr int kMaxOrdinal = 3652059; // date(9999, 12, 31).toordinal()
constexpr int kMaxDeltaDays = 999999999;
constexpr int64_t kUsPerSecond = 1000000;
constexpr int64_t kUsPerDay = 86400 * kUsPerSecond;
constexpr int64_t kEpochSeconds = 719163LL * 86400; // 1970-01-01 in seconds since 0001-01-01
constexpr int64_t kMaxFoldSeconds = 86400;

TypeObject* g_timedelta = nullptr;
TypeObject* g_date = nullptr;
TypeObject* g_time = nullptr;
TypeObject* g_datetime = nullptr;
TypeObject* g_tzinfo = nullptr;
TypeObject* g_timezone = nullptr;
TypeObject* g_isocal = nullptr;
Value g_utc; // timezone.utc (shared and frozen with the types)

struct TimeDelta : Object {
    int64_t hashcode;
    int32_t days, seconds, us;
};
struct Date : Object {
    int64_t hashcode;
    int32_t year;
    uint8_t month, day;
};
// datetime is a date subclass in Python, so its layout extends date's.
struct DateTime : Date {
    uint8_t hour, minute, second, fold;
    int32_t us;
    Value tzinfo; // None when naive
};
struct Time : Object {
    int64_t hashcode;
    uint8_t hour, minute, second, fold;
    int32_t us;
    Value tzinfo;
};
struct TimeZone : Object {
    Value offset; // a timedelta
    Value name;   // a str, or null when not given
};

void trace_datetime(Object* o, Tracer& t) { t.visit(static_cast<DateTime*>(o)->tzinfo); }
void trace_time(Object* o, Tracer& t) { t.visit(static_cast<Time*>(o)->tzinfo); }
void trace_timezone(Object* o, Tracer& t)
{
    auto* z = static_cast<TimeZone*>(o);
    t.visit(z->offset);
    t.visit(z->name);
}

bool is_delta(Value v) { return v.is_object() && is_instance_fast(v, g_timedelta); }
bool is_date(Value v) { return v.is_object() && is_instance_fast(v, g_date); }
bool is_datetime(Value v) { return v.is_object() && is_instance_fast(v, g_datetime); }
bool is_time(Value v) { return v.is_object() && is_instance_fast(v, g_time); }
bool is_tzinfo(Value v) { return v.is_object() && is_instance_fast(v, g_tzinfo); }
bool is_timezone(Value v) { return v.is_object() && is_instance_fast(v, g_timezone); }
TimeDelta* D(Value v) { return v.as<TimeDelta>(); }
Date* DA(Value v) { return v.as<Date>(); }
DateTime* DT(Value v) { return v.as<DateTime>(); }
Time* T(Value v) { return v.as<Time>(); }

// CPython's tp_name: "datetime.date" for the native types, the bare name for classes.
char const* tp_name(TypeObject* t) { return (t->full_name ? t->full_name : t->name)->c_str(); }
char const* tp_name_of(Value v) { return tp_name(type_of(v)); }

// ------------------------------------------------------------------ calendar

bool is_leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr int kDaysInMonth[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
constexpr int kDaysBeforeMonth[13] = { 0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

int days_in_month(int y, int m) { return m == 2 && is_leap(y) ? 29 : kDaysInMonth[m]; }
int days_before_month(int y, int m) { return kDaysBeforeMonth[m] + (m > 2 && is_leap(y) ? 1 : 0); }
int days_before_year(int y)
{
    int y1 = y - 1;
    return y1 * 365 + y1 / 4 - y1 / 100 + y1 / 400;
}
int ymd_to_ord(int y, int m, int d) { return days_before_year(y) + days_before_month(y, m) + d; }
int weekday_of(int y, int m, int d) { return (ymd_to_ord(y, m, d) + 6) % 7; }

constexpr int kDi400y = 146097, kDi100y = 36524, kDi4y = 1461;

void ord_to_ymd(int ordinal, int& year, int& month, int& day)
{
    // The 400-year cycles first, then the 100-, 4- and 1-year ones, as datetime.py.
    int n = ordinal - 1;
    int n400 = n / kDi400y;
    n %= kDi400y;
    year = n400 * 400 + 1;
    int n100 = n / kDi100y;
    n %= kDi100y;
    int n4 = n / kDi4y;
    n %= kDi4y;
    int n1 = n / 365;
    n %= 365;
    year += n100 * 100 + n4 * 4 + n1;
    if (n1 == 4 || n100 == 4) {
        year -= 1;
        month = 12;
        day = 31;
        return;
    }
    bool leap = n1 == 3 && (n4 != 24 || n100 == 3);
    month = (n + 50) >> 5;
    int preceding = kDaysBeforeMonth[month] + (month > 2 && leap ? 1 : 0);
    if (preceding > n) {
        month -= 1;
        preceding -= kDaysInMonth[month] + (month == 2 && leap ? 1 : 0);
    }
    day = n - preceding + 1;
}

// The ordinal of the Monday of ISO week 1 of `year`.
int iso_week1_monday(int year)
{
    int first = days_before_year(year) + 1;
    int first_weekday = (first + 6) % 7;
    int week1 = first - first_weekday;
    if (first_weekday > 3)
        week1 += 7;
    return week1;
}

// 0, or -2 (bad week) / -3 (bad weekday).
int iso_to_ymd(int iso_year, int iso_week, int iso_day, int& y, int& m, int& d)
{
    if (iso_week <= 0 || iso_week >= 53) {
        bool out = true;
        if (iso_week == 53) {
            int first = weekday_of(iso_year, 1, 1);
            if (first == 3 || (first == 2 && is_leap(iso_year)))
                out = false;
        }
        if (out)
            return -2;
    }
    if (iso_day <= 0 || iso_day >= 8)
        return -3;
    ord_to_ymd(iso_week1_monday(iso_year) + (iso_week - 1) * 7 + iso_day - 1, y, m, d);
    return 0;
}

int64_t floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}
// hi += lo // factor; lo %= factor (floor semantics).
void normalize_pair(int64_t& hi, int64_t& lo, int64_t factor)
{
    int64_t q = floordiv(lo, factor);
    hi += q;
    lo -= q * factor;
}

bool check_date_args(VM& vm, int64_t y, int64_t m, int64_t d)
{
    if (y < kMinYear || y > kMaxYear) {
        raise_fmt(vm, exc::ValueError, "year %lld is out of range", (long long)y);
        return false;
    }
    if (m < 1 || m > 12) {
        raise(vm, exc::ValueError, "month must be in 1..12");
        return false;
    }
    if (d < 1 || d > days_in_month(int(y), int(m))) {
        raise(vm, exc::ValueError, "day is out of range for month");
        return false;
    }
    return true;
}

bool check_time_args(VM& vm, int64_t h, int64_t mi, int64_t s, int64_t us, int64_t fold)
{
    char const* msg = nullptr;
    if (h < 0 || h > 23)
        msg = "hour must be in 0..23";
    else if (mi < 0 || mi > 59)
        msg = "minute must be in 0..59";
    else if (s < 0 || s > 59)
        msg = "second must be in 0..59";
    else if (us < 0 || us > 999999)
        msg = "microsecond must be in 0..999999";
    else if (fold != 0 && fold != 1)
        msg = "fold must be either 0 or 1";
    if (msg) {
        raise(vm, exc::ValueError, msg);
        return false;
    }
    return true;
}

// Carries an out-of-range day (as arithmetic makes) into month and year; OverflowError
// "date value out of range" when the year leaves 1..9999.
bool normalize_date(VM& vm, int64_t& y, int64_t& m, int64_t& d)
{
    if (d >= 1 && d <= 28 && y >= kMinYear && y <= kMaxYear) // the common case
        return true;
    int64_t dim = days_in_month(int(y), int(m));
    if (d < 1 || d > dim) {
        if (d == 0) {
            if (--m > 0)
                d = days_in_month(int(y), int(m));
            else {
                --y;
                m = 12;
                d = 31;
            }
        } else if (d == dim + 1) {
            ++m;
            d = 1;
            if (m > 12) {
                m = 1;
                ++y;
            }
        } else {
            int64_t ordinal = int64_t(ymd_to_ord(int(y), int(m), 1)) + d - 1;
            if (ordinal < 1 || ordinal > kMaxOrdinal) {
                raise(vm, exc::OverflowError, "date value out of range");
                return false;
            }
            int yy, mm, dd;
            ord_to_ymd(int(ordinal), yy, mm, dd);
            y = yy;
            m = mm;
            d = dd;
            return true;
        }
    }
    if (y < kMinYear || y > kMaxYear) {
        raise(vm, exc::OverflowError, "date value out of range");
        return false;
    }
    return true;
}

bool normalize_datetime(VM& vm, int64_t& y, int64_t& mo, int64_t& d, int64_t& h, int64_t& mi, int64_t& s, int64_t& us)
{
    normalize_pair(s, us, 1000000);
    normalize_pair(mi, s, 60);
    normalize_pair(h, mi, 60);
    normalize_pair(d, h, 24);
    return normalize_date(vm, y, mo, d);
}

// ------------------------------------------------------------------ construction

Value new_delta_type(VM& vm, TypeObject* type, int64_t days, int64_t seconds, int64_t us, bool normalize)
{
    if (normalize) {
        normalize_pair(seconds, us, 1000000);
        normalize_pair(days, seconds, 86400);
    }
    if (days < -kMaxDeltaDays || days > kMaxDeltaDays)
        return raise_fmt(vm, exc::OverflowError, "days=%lld; must have magnitude <= %d", (long long)days, kMaxDeltaDays);
    auto* o = static_cast<TimeDelta*>(alloc_instance(vm, type));
    if (!o)
        return Value::null();
    o->hashcode = -1;
    o->days = int32_t(days);
    o->seconds = int32_t(seconds);
    o->us = int32_t(us);
    return Value::from_object(o);
}
Value new_delta(VM& vm, int64_t days, int64_t seconds, int64_t us)
{
    return new_delta_type(vm, g_timedelta, days, seconds, us, true);
}

i128 delta_to_us(TimeDelta const* d) { return (i128(d->days) * 86400 + d->seconds) * kUsPerSecond + d->us; }

Value delta_from_us(VM& vm, i128 us)
{
    i128 s = us / kUsPerSecond, r = us % kUsPerSecond;
    if (r < 0) {
        r += kUsPerSecond;
        --s;
    }
    i128 days = s / 86400, sr = s % 86400;
    if (sr < 0) {
        sr += 86400;
        --days;
    }
    if (days < INT32_MIN || days > INT32_MAX)
        return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
    return new_delta_type(vm, g_timedelta, int64_t(days), int64_t(sr), int64_t(r), false);
}

void mpz_from_i128(mpz_t out, i128 v)
{
    bool neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    mpz_set_ui(out, (unsigned long)(uint64_t)(u >> 64));
    mpz_mul_2exp(out, out, 64);
    mpz_add_ui(out, out, (unsigned long)(uint64_t)u);
    if (neg)
        mpz_neg(out, out);
}

Value delta_from_mpz(VM& vm, mpz_t us)
{
    if (mpz_sizeinbase(us, 2) < 120) {
        // Rebuilt as i128 from sign and magnitude (two 64-bit halves).
        Mpz hi, lo, mag;
        mpz_abs(mag.z, us);
        mpz_tdiv_q_2exp(hi.z, mag.z, 64);
        mpz_tdiv_r_2exp(lo.z, mag.z, 64);
        unsigned __int128 u = ((unsigned __int128)mpz_get_ui(hi.z) << 64) | mpz_get_ui(lo.z);
        i128 v = mpz_sgn(us) < 0 ? -(i128)u : (i128)u;
        return delta_from_us(vm, v);
    }
    return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
}

Value new_date_type(VM& vm, TypeObject* type, int64_t y, int64_t m, int64_t d)
{
    if (!check_date_args(vm, y, m, d))
        return Value::null();
    auto* o = static_cast<Date*>(alloc_instance(vm, type));
    if (!o)
        return Value::null();
    o->hashcode = -1;
    o->year = int32_t(y);
    o->month = uint8_t(m);
    o->day = uint8_t(d);
    return Value::from_object(o);
}

bool check_tzinfo_arg(VM& vm, Value tz)
{
    if (is_none(tz) || is_tzinfo(tz))
        return true;
    raise_fmt(vm, exc::TypeError, "tzinfo argument must be None or of a tzinfo subclass, not type '%s'", type_name(tz));
    return false;
}

Value new_datetime_type(VM& vm, TypeObject* type, int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s,
                        int64_t us, Value tz, int64_t fold)
{
    if (!check_date_args(vm, y, mo, d) || !check_time_args(vm, h, mi, s, us, fold) || !check_tzinfo_arg(vm, tz))
        return Value::null();
    auto* o = static_cast<DateTime*>(alloc_instance(vm, type));
    if (!o)
        return Value::null();
    o->hashcode = -1;
    o->year = int32_t(y);
    o->month = uint8_t(mo);
    o->day = uint8_t(d);
    o->hour = uint8_t(h);
    o->minute = uint8_t(mi);
    o->second = uint8_t(s);
    o->us = int32_t(us);
    o->fold = uint8_t(fold);
    o->tzinfo = tz;
    return Value::from_object(o);
}

Value new_time_type(VM& vm, TypeObject* type, int64_t h, int64_t mi, int64_t s, int64_t us, Value tz, int64_t fold)
{
    if (!check_time_args(vm, h, mi, s, us, fold) || !check_tzinfo_arg(vm, tz))
        return Value::null();
    auto* o = static_cast<Time*>(alloc_instance(vm, type));
    if (!o)
        return Value::null();
    o->hashcode = -1;
    o->hour = uint8_t(h);
    o->minute = uint8_t(mi);
    o->second = uint8_t(s);
    o->us = int32_t(us);
    o->fold = uint8_t(fold);
    o->tzinfo = tz;
    return Value::from_object(o);
}

Value int_v(VM& vm, int64_t i) { return int_from_i64(vm, i); }

// cls(y, m, d) for a date subclass (its own __new__ may take other arguments), as
// CPython's new_date_subclass_ex; the exact types are built directly.
Value new_date_subclass(VM& vm, Value cls, int64_t y, int64_t m, int64_t d)
{
    TypeObject* t = cls.as<TypeObject>();
    if (t == g_date)
        return new_date_type(vm, g_date, y, m, d);
    if (t == g_datetime)
        return new_datetime_type(vm, g_datetime, y, m, d, 0, 0, 0, 0, py_none(), 0);
    Value args[3] = { int_v(vm, y), int_v(vm, m), int_v(vm, d) };
    return call(vm, cls, args, 3);
}

Value new_datetime_subclass(VM& vm, Value cls, int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s,
                            int64_t us, Value tz, int64_t fold)
{
    TypeObject* t = cls.as<TypeObject>();
    if (t == g_datetime)
        return new_datetime_type(vm, g_datetime, y, mo, d, h, mi, s, us, tz, fold);
    Value args[9] = { int_v(vm, y), int_v(vm, mo), int_v(vm, d), int_v(vm, h), int_v(vm, mi),
                      int_v(vm, s), int_v(vm, us), tz, Value::small_int(fold) };
    if (!fold)
        return call(vm, cls, args, 8);
    Tuple* kw = tuple_pack(vm, { Value::from_object(intern(vm, "fold")) });
    if (!kw)
        return Value::null();
    return call(vm, cls, args, 9, kw);
}

Value new_time_subclass(VM& vm, Value cls, int64_t h, int64_t mi, int64_t s, int64_t us, Value tz, int64_t fold)
{
    TypeObject* t = cls.as<TypeObject>();
    if (t == g_time)
        return new_time_type(vm, g_time, h, mi, s, us, tz, fold);
    Value args[6] = { int_v(vm, h), int_v(vm, mi), int_v(vm, s), int_v(vm, us), tz, Value::small_int(fold) };
    if (!fold)
        return call(vm, cls, args, 5);
    Tuple* kw = tuple_pack(vm, { Value::from_object(intern(vm, "fold")) });
    if (!kw)
        return Value::null();
    return call(vm, cls, args, 6, kw);
}

// An "i" argument (native_support's int_arg) into the int64_t fields used here.
bool int_arg(VM& vm, Value v, int64_t& out)
{
    int i;
    if (!slpy::int_arg(vm, v, i))
        return false;
    out = i;
    return true;
}

// ------------------------------------------------------------------ tzinfo calls

// tzinfo.<name>(arg) checked as CPython's call_tzinfo_method: None or a timedelta strictly
// within a day. tz None gives None.
Value call_tz_offset(VM& vm, Value tz, char const* name, Value arg)
{
    if (is_none(tz))
        return py_none();
    Value r = TRY(call_method(vm, tz, intern(vm, name), &arg, 1));
    if (is_none(r))
        return r;
    if (!is_delta(r))
        return raise_fmt(vm, exc::TypeError, "tzinfo.%s() must return None or timedelta, not '%s'", name, type_name(r));
    TimeDelta* d = D(r);
    if ((d->days == -1 && d->seconds == 0 && d->us < 1) || d->days < -1 || d->days >= 1)
        return raise(vm, exc::ValueError,
                     "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).");
    return r;
}
Value call_utcoffset(VM& vm, Value tz, Value arg) { return call_tz_offset(vm, tz, "utcoffset", arg); }
Value call_dst(VM& vm, Value tz, Value arg) { return call_tz_offset(vm, tz, "dst", arg); }

Value call_tzname(VM& vm, Value tz, Value arg)
{
    if (is_none(tz))
        return py_none();
    Value r = TRY(call_method(vm, tz, intern(vm, "tzname"), &arg, 1));
    if (!is_none(r) && !is_str(r))
        return raise_fmt(vm, exc::TypeError, "tzinfo.tzname() must return None or a string, not '%s'", type_name(r));
    return r;
}

// "+HH<sep>MM[<sep>SS[.ffffff]]" for an offset, "" for None.
bool format_utcoffset(VM& vm, std::string& out, char const* sep, Value tz, Value arg)
{
    Value off = call_utcoffset(vm, tz, arg);
    if (off.is_null())
        return false;
    if (is_none(off))
        return true;
    i128 us = delta_to_us(D(off));
    char sign = '+';
    if (us < 0) {
        sign = '-';
        us = -us;
    }
    int64_t micro = int64_t(us % kUsPerSecond), secs = int64_t(us / kUsPerSecond);
    int64_t s = secs % 60, m = (secs / 60) % 60, h = secs / 3600;
    char buf[64];
    if (micro)
        snprintf(buf, sizeof buf, "%c%02lld%s%02lld%s%02lld.%06lld", sign, (long long)h, sep, (long long)m, sep, (long long)s, (long long)micro);
    else if (s)
        snprintf(buf, sizeof buf, "%c%02lld%s%02lld%s%02lld", sign, (long long)h, sep, (long long)m, sep, (long long)s);
    else
        snprintf(buf, sizeof buf, "%c%02lld%s%02lld", sign, (long long)h, sep, (long long)m);
    out += buf;
    return true;
}

// ------------------------------------------------------------------ timezone

Value new_timezone(VM& vm, Value offset, Value name)
{
    TimeDelta* d = D(offset);
    if (name.is_null() && d->days == 0 && d->seconds == 0 && d->us == 0 && !g_utc.is_null())
        return g_utc;
    if ((d->days == -1 && d->seconds == 0 && d->us < 1) || d->days < -1 || d->days >= 1) {
        Value r = TRY(repr(vm, offset));
        return raise_fmt(vm, exc::ValueError,
                         "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not %s.",
                         as_str(r)->c_str());
    }
    auto* z = static_cast<TimeZone*>(alloc_instance(vm, g_timezone));
    if (!z)
        return Value::null();
    z->offset = offset;
    z->name = name;
    return Value::from_object(z);
}

// ------------------------------------------------------------------ strings

Value str_of(VM& vm, std::string const& s) { return str_value(vm, s); }

// "name(...)" with ", tzinfo=...)" and ", fold=1)" appended as CPython's reprs do: a
// datetime puts fold first, a time tzinfo first.
Value repr_with_extras(VM& vm, std::string base, int fold, Value tz, bool fold_first)
{
    if (fold && fold_first) {
        base.pop_back();
        base += ", fold=1)";
    }
    if (!tz.is_null() && !is_none(tz)) {
        Value r = TRY(repr(vm, tz));
        base.pop_back();
        base += ", tzinfo=";
        base += as_str(r)->view();
        base += ")";
    }
    if (fold && !fold_first) {
        base.pop_back();
        base += ", fold=1)";
    }
    return str_of(vm, base);
}

char const* const kDayNames[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
char const* const kMonthNames[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

Value format_ctime(VM& vm, int y, int m, int d, int hh, int mm, int ss)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s %s %2d %02d:%02d:%02d %04d", kDayNames[weekday_of(y, m, d)], kMonthNames[m - 1], d, hh, mm, ss, y);
    return str_of(vm, buf);
}

Value import_attr(VM& vm, char const* module, char const* attr)
{
    Value mod = TRY(interp(vm).import_module(intern(vm, module)));
    return getattr(vm, mod, intern(vm, attr));
}

// time.struct_time((y, m, d, hh, mm, ss, wday, yday, dst)).
Value build_struct_time(VM& vm, int y, int m, int d, int hh, int mm, int ss, int dst)
{
    Value st = TRY(import_attr(vm, "time", "struct_time"));
    Tuple* t = tuple_new(vm, 9);
    if (!t)
        return Value::null();
    int vals[9] = { y, m, d, hh, mm, ss, weekday_of(y, m, d), days_before_month(y, m) + d, dst };
    for (int i = 0; i < 9; ++i)
        t->items[i] = Value::small_int(vals[i]);
    Value arg = Value::from_object(t);
    return call(vm, st, &arg, 1);
}

// strftime through time.strftime, with %z, %Z and %f done here first (CPython's
// wrap_strftime). `tzarg` is what the tzinfo methods get (the datetime, or None).
Value wrap_strftime(VM& vm, Value fmt, Value timetuple, Value tz, Value tzarg, int us)
{
    String* f = as_str(fmt);
    std::string_view src = f->view();
    // CPython walks the format as UTF-8: a lone surrogate is a UnicodeEncodeError (which
    // time.strftime itself would let through).
    if (!f->is_ascii() && src.find('\xed') != std::string_view::npos)
        TRY(str_encode(vm, f, "utf-8", "strict"));
    std::string out;
    std::string zreplace, Zreplace;
    bool have_z = false, have_Z = false;
    for (size_t i = 0; i < src.size(); ++i) {
        char c = src[i];
        if (c != '%' || i + 1 >= src.size()) {
            out += c;
            continue;
        }
        char n = src[++i];
        if (n == 'z') {
            if (!have_z) {
                if (!format_utcoffset(vm, zreplace, "", tz, tzarg))
                    return Value::null();
                have_z = true;
            }
            out += zreplace;
        } else if (n == 'Z') {
            if (!have_Z) {
                Value name = TRY(call_tzname(vm, tz, tzarg));
                if (!is_none(name)) {
                    // Through the name's own replace(), as CPython does (a str subclass
                    // may override it).
                    Value rargs[2] = { TRY(str_of(vm, "%")), TRY(str_of(vm, "%%")) };
                    Value escaped = TRY(call_method(vm, name, intern(vm, "replace"), rargs, 2));
                    if (!is_str(escaped))
                        return raise(vm, exc::TypeError, "tzname.replace() did not return a string");
                    // CPython takes the name as UTF-8: a lone surrogate is a UnicodeEncodeError.
                    if (!as_str(escaped)->is_ascii() && as_str(escaped)->view().find('\xed') != std::string_view::npos)
                        TRY(str_encode(vm, as_str(escaped), "utf-8", "strict"));
                    Zreplace = as_str(escaped)->view();
                }
                have_Z = true;
            }
            out += Zreplace;
        } else if (n == 'f') {
            char buf[16];
            snprintf(buf, sizeof buf, "%06d", us);
            out += buf;
        } else {
            out += '%';
            out += n;
        }
    }
    Value strftime = TRY(import_attr(vm, "time", "strftime"));
    Value newfmt = TRY(str_of(vm, out));
    Value args[2] = { newfmt, timetuple };
    return call(vm, strftime, args, 2);
}

bool timespec_format(VM& vm, std::string& out, char const* spec, int h, int m, int s, int us)
{
    char buf[64];
    if (std::strcmp(spec, "auto") == 0)
        spec = us ? "microseconds" : "seconds";
    if (std::strcmp(spec, "hours") == 0)
        snprintf(buf, sizeof buf, "%02d", h);
    else if (std::strcmp(spec, "minutes") == 0)
        snprintf(buf, sizeof buf, "%02d:%02d", h, m);
    else if (std::strcmp(spec, "seconds") == 0)
        snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, m, s);
    else if (std::strcmp(spec, "milliseconds") == 0)
        snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d", h, m, s, us / 1000);
    else if (std::strcmp(spec, "microseconds") == 0)
        snprintf(buf, sizeof buf, "%02d:%02d:%02d.%06d", h, m, s, us);
    else {
        raise(vm, exc::ValueError, "Unknown timespec value");
        return false;
    }
    out += buf;
    return true;
}

Bytes* state_bytes(VM& vm, unsigned char const* data, size_t n)
{
    return bytes_new(vm, std::string_view(reinterpret_cast<char const*>(data), n));
}

int64_t hash_state(VM& vm, unsigned char const* data, size_t n, bool& ok)
{
    Bytes* b = state_bytes(vm, data, n);
    ok = b != nullptr;
    return b ? bytes_hash(b) : -1;
}

// ------------------------------------------------------------------ timedelta

Value int_from_i128(VM& vm, i128 v)
{
    if (v >= INT64_MIN && v <= INT64_MAX)
        return int_from_i64(vm, int64_t(v));
    Mpz z;
    mpz_from_i128(z.z, v);
    return int_from_mpz(vm, z);
}

void delta_to_mpz(TimeDelta const* d, mpz_t out) { mpz_from_i128(out, delta_to_us(d)); }

Value delta_from_mpz_type(VM& vm, TypeObject* type, mpz_t us)
{
    Value v = TRY(delta_from_mpz(vm, us));
    if (type == g_timedelta)
        return v;
    TimeDelta* d = D(v);
    return new_delta_type(vm, type, d->days, d->seconds, d->us, false);
}

// Python's _PyLong_DivmodNear quotient: a / b rounded half to even.
bool divide_nearest(VM& vm, mpz_t q, mpz_t a, mpz_t b)
{
    if (mpz_sgn(b) == 0) {
        raise(vm, exc::ZeroDivisionError, "integer division or modulo by zero");
        return false;
    }
    Mpz r, r2;
    mpz_fdiv_qr(q, r.z, a, b);
    mpz_mul_2exp(r2.z, r.z, 1);
    int c = mpz_cmp(r2.z, b);
    bool greater = mpz_sgn(b) > 0 ? c > 0 : c < 0;
    if (greater || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    return true;
}

// float.as_integer_ratio() of an exact float, with its errors.
bool float_ratio_exact(VM& vm, double x, mpz_t num, mpz_t den)
{
    if (std::isnan(x)) {
        raise(vm, exc::ValueError, "cannot convert NaN to integer ratio");
        return false;
    }
    if (std::isinf(x)) {
        raise(vm, exc::OverflowError, "cannot convert Infinity to integer ratio");
        return false;
    }
    int e;
    double m = std::frexp(x, &e);
    for (int i = 0; i < 300 && m != std::floor(m); ++i) {
        m *= 2.0;
        --e;
    }
    mpz_set_d(num, m);
    mpz_set_ui(den, 1);
    if (e > 0)
        mpz_mul_2exp(num, num, unsigned(e));
    else
        mpz_mul_2exp(den, den, unsigned(-e));
    return true;
}

// `f.as_integer_ratio()`: computed for an exact float, called for a subclass (which may
// override it), its result checked as CPython does.
bool float_ratio(VM& vm, Value f, mpz_t num, mpz_t den)
{
    if (type_of(f) == types.float_) {
        double x;
        return to_double(vm, f, x) && float_ratio_exact(vm, x, num, den);
    }
    Value r = call_method(vm, f, intern(vm, "as_integer_ratio"), nullptr, 0);
    if (r.is_null())
        return false;
    Tuple* t = type_of(r) == types.tuple ? as_tuple(r) : nullptr;
    if (!t) {
        raise_fmt(vm, exc::TypeError, "unexpected return type from as_integer_ratio(): expected tuple, got '%s'", type_name(r));
        return false;
    }
    if (t->size != 2) {
        raise(vm, exc::ValueError, "as_integer_ratio() must return a 2-tuple");
        return false;
    }
    for (int i = 0; i < 2; ++i) {
        if (!is_int(t->items[i])) {
            raise_fmt(vm, exc::TypeError, "unsupported operand type(s) for *: 'int' and '%s'", type_name(t->items[i]));
            return false;
        }
    }
    int_to_mpz(int_unwrap(t->items[0]), num);
    int_to_mpz(int_unwrap(t->items[1]), den);
    return true;
}

struct Accum {
    Mpz total;
    double leftover = 0;
};

// CPython's accum(): sofar += num * factor, keeping a float's fraction of a microsecond
// apart to be rounded once at the end.
bool accum(VM& vm, char const* tag, Accum& acc, Value num, int64_t factor)
{
    if (is_int(num)) {
        Mpz z;
        int_to_mpz(int_unwrap(num), z.z);
        mpz_mul_si(z.z, z.z, long(factor));
        mpz_add(acc.total.z, acc.total.z, z.z);
        return true;
    }
    if (is_float(num)) {
        double d;
        if (!to_double(vm, num, d))
            return false;
        double intpart;
        double frac = std::modf(d, &intpart);
        Value iv = int_from_double(vm, intpart);
        if (iv.is_null())
            return false;
        Mpz z;
        int_to_mpz(iv, z.z);
        mpz_mul_si(z.z, z.z, long(factor));
        mpz_add(acc.total.z, acc.total.z, z.z);
        if (frac == 0.0)
            return true;
        double dnum = double(factor) * frac;
        frac = std::modf(dnum, &intpart);
        iv = int_from_double(vm, intpart);
        if (iv.is_null())
            return false;
        int_to_mpz(iv, z.z);
        mpz_add(acc.total.z, acc.total.z, z.z);
        acc.leftover += frac;
        return true;
    }
    raise_fmt(vm, exc::TypeError, "unsupported type for timedelta %s component: %s", tag, type_name(num));
    return false;
}

Value td_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* type = args[0].as<TypeObject>();
    Value a[7];
    if (!parse_args(vm, "__new__", args + 1, nargs - 1, kwnames,
                    { "days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks" }, 0, a))
        return Value::null();
    // The common case, small ints only, in 128-bit arithmetic.
    static constexpr int64_t factors[7] = { kUsPerDay, kUsPerSecond, 1, 1000, 60 * kUsPerSecond, 3600 * kUsPerSecond,
                                            7 * kUsPerDay };
    bool small = true;
    i128 total = 0;
    for (int i = 0; i < 7 && small; ++i) {
        if (a[i].is_null())
            continue;
        int64_t v;
        if (a[i].is_int() && int_to_i64(a[i], v))
            total += i128(v) * factors[i];
        else
            small = false;
    }
    if (small) {
        Value r = TRY(delta_from_us(vm, total));
        if (type == g_timedelta)
            return r;
        return new_delta_type(vm, type, D(r)->days, D(r)->seconds, D(r)->us, false);
    }
    Accum acc;
    static constexpr int order[7] = { 2, 3, 1, 4, 5, 0, 6 };
    static char const* const tags[7] = { "days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks" };
    for (int k = 0; k < 7; ++k) {
        int i = order[k];
        if (!a[i].is_null() && !accum(vm, tags[i], acc, a[i], factors[i]))
            return Value::null();
    }
    if (acc.leftover != 0.0) {
        double whole = std::round(acc.leftover);
        if (std::fabs(whole - acc.leftover) == 0.5) {
            int odd = mpz_odd_p(acc.total.z) ? 1 : 0;
            whole = 2.0 * std::round((acc.leftover + odd) * 0.5) - odd;
        }
        if (whole >= 0)
            mpz_add_ui(acc.total.z, acc.total.z, (unsigned long)whole);
        else
            mpz_sub_ui(acc.total.z, acc.total.z, (unsigned long)(-whole));
    }
    return delta_from_mpz_type(vm, type, acc.total.z);
}

Value td_days(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, D(args[0])->days); }
Value td_seconds(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, D(args[0])->seconds); }
Value td_microseconds(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, D(args[0])->us); }

Value td_total_seconds(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "timedelta", "total_seconds", nargs - 1, kwnames))
        return Value::null();
    Value us = TRY(int_from_i128(vm, delta_to_us(D(args[0]))));
    return int_true_divide(vm, us, Value::small_int(kUsPerSecond));
}

Value td_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    TimeDelta* d = D(args[0]);
    std::string s = tp_name_of(args[0]);
    s += "(";
    char buf[64];
    bool any = false;
    auto add = [&](char const* name, int v) {
        if (!v)
            return;
        snprintf(buf, sizeof buf, "%s%s=%d", any ? ", " : "", name, v);
        s += buf;
        any = true;
    };
    add("days", d->days);
    add("seconds", d->seconds);
    add("microseconds", d->us);
    if (!any)
        s += "0";
    s += ")";
    return str_of(vm, s);
}

Value td_str(VM& vm, Value const* args, size_t, Tuple*)
{
    TimeDelta* d = D(args[0]);
    std::string s;
    char buf[64];
    if (d->days) {
        snprintf(buf, sizeof buf, "%d day%s, ", d->days, (d->days == 1 || d->days == -1) ? "" : "s");
        s += buf;
    }
    snprintf(buf, sizeof buf, "%d:%02d:%02d", d->seconds / 3600, d->seconds / 60 % 60, d->seconds % 60);
    s += buf;
    if (d->us) {
        snprintf(buf, sizeof buf, ".%06d", d->us);
        s += buf;
    }
    return str_of(vm, s);
}

Value td_add(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[0]) || !is_delta(args[1]))
        return py_not_implemented();
    TimeDelta *a = D(args[0]), *b = D(args[1]);
    return new_delta(vm, int64_t(a->days) + b->days, int64_t(a->seconds) + b->seconds, int64_t(a->us) + b->us);
}

Value td_sub(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[0]) || !is_delta(args[1]))
        return py_not_implemented();
    TimeDelta *a = D(args[0]), *b = D(args[1]);
    return new_delta(vm, int64_t(a->days) - b->days, int64_t(a->seconds) - b->seconds, int64_t(a->us) - b->us);
}

Value td_rsub(VM& vm, Value const* args, size_t, Tuple*)
{
    Value sw[2] = { args[1], args[0] };
    return td_sub(vm, sw, 2, nullptr);
}

Value td_neg(VM& vm, Value const* args, size_t, Tuple*)
{
    TimeDelta* a = D(args[0]);
    return new_delta(vm, -int64_t(a->days), -int64_t(a->seconds), -int64_t(a->us));
}

Value td_pos(VM& vm, Value const* args, size_t, Tuple*)
{
    TimeDelta* a = D(args[0]);
    return new_delta_type(vm, g_timedelta, a->days, a->seconds, a->us, false);
}

Value td_abs(VM& vm, Value const* args, size_t, Tuple*)
{
    return D(args[0])->days < 0 ? td_neg(vm, args, 1, nullptr) : td_pos(vm, args, 1, nullptr);
}

// td * int, td * float (through the float's exact ratio, rounded half to even).
Value td_mul_by(VM& vm, TimeDelta* d, Value other)
{
    Mpz us;
    delta_to_mpz(d, us.z);
    if (is_int(other)) {
        Mpz n;
        int_to_mpz(int_unwrap(other), n.z);
        mpz_mul(us.z, us.z, n.z);
        return delta_from_mpz(vm, us.z);
    }
    if (is_float(other)) {
        Mpz num, den, q;
        if (!float_ratio(vm, other, num.z, den.z))
            return Value::null();
        mpz_mul(us.z, us.z, num.z);
        if (!divide_nearest(vm, q.z, us.z, den.z))
            return Value::null();
        return delta_from_mpz(vm, q.z);
    }
    return py_not_implemented();
}

Value td_mul(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[0]))
        return py_not_implemented();
    return td_mul_by(vm, D(args[0]), args[1]);
}

Value td_truediv(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[0]))
        return py_not_implemented();
    TimeDelta* d = D(args[0]);
    Value other = args[1];
    if (is_delta(other)) {
        Value a = TRY(int_from_i128(vm, delta_to_us(d)));
        Value b = TRY(int_from_i128(vm, delta_to_us(D(other))));
        return int_true_divide(vm, a, b);
    }
    Mpz us, q;
    delta_to_mpz(d, us.z);
    if (is_int(other)) {
        Mpz n;
        int_to_mpz(int_unwrap(other), n.z);
        if (!divide_nearest(vm, q.z, us.z, n.z))
            return Value::null();
        return delta_from_mpz(vm, q.z);
    }
    if (is_float(other)) {
        Mpz num, den;
        if (!float_ratio(vm, other, num.z, den.z))
            return Value::null();
        mpz_mul(us.z, us.z, den.z);
        if (!divide_nearest(vm, q.z, us.z, num.z))
            return Value::null();
        return delta_from_mpz(vm, q.z);
    }
    return py_not_implemented();
}

Value td_floordiv(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[0]))
        return py_not_implemented();
    Value other = args[1];
    Mpz us, n;
    delta_to_mpz(D(args[0]), us.z);
    if (is_delta(other))
        delta_to_mpz(D(other), n.z);
    else if (is_int(other))
        int_to_mpz(int_unwrap(other), n.z);
    else
        return py_not_implemented();
    if (mpz_sgn(n.z) == 0)
        return raise(vm, exc::ZeroDivisionError, "integer division or modulo by zero");
    mpz_fdiv_q(us.z, us.z, n.z);
    if (is_delta(other))
        return int_from_mpz(vm, us);
    return delta_from_mpz(vm, us.z);
}

Value td_mod(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[0]) || !is_delta(args[1]))
        return py_not_implemented();
    i128 b = delta_to_us(D(args[1]));
    if (b == 0)
        return raise(vm, exc::ZeroDivisionError, "integer modulo by zero");
    i128 a = delta_to_us(D(args[0]));
    i128 r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return delta_from_us(vm, r);
}

Value td_divmod(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[0]) || !is_delta(args[1]))
        return py_not_implemented();
    i128 b = delta_to_us(D(args[1]));
    if (b == 0)
        return raise(vm, exc::ZeroDivisionError, "integer division or modulo by zero");
    i128 a = delta_to_us(D(args[0]));
    i128 q = a / b, r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
        r += b;
        --q;
    }
    Value qv = TRY(int_from_i128(vm, q));
    Value rv = TRY(delta_from_us(vm, r));
    Tuple* t = tuple_pack(vm, { qv, rv });
    return t ? Value::from_object(t) : Value::null();
}

int cmp3(i128 a, i128 b) { return a < b ? -1 : a > b ? 1 : 0; }

bool cmp_result(int c, CmpArg op)
{
    switch (op) {
    case CmpArg::LT: return c < 0;
    case CmpArg::LE: return c <= 0;
    case CmpArg::EQ: return c == 0;
    case CmpArg::NE: return c != 0;
    case CmpArg::GT: return c > 0;
    default: return c >= 0;
    }
}

template<CmpArg op>
Value td_cmp(VM&, Value const* args, size_t, Tuple*)
{
    if (!is_delta(args[1]))
        return py_not_implemented();
    return py_bool(cmp_result(cmp3(delta_to_us(D(args[0])), delta_to_us(D(args[1]))), op));
}

int64_t delta_hash(VM& vm, TimeDelta* d, bool& ok)
{
    ok = true;
    if (d->hashcode != -1)
        return d->hashcode;
    Tuple* t = tuple_pack(vm, { Value::small_int(d->days), Value::small_int(d->seconds), Value::small_int(d->us) });
    if (!t) {
        ok = false;
        return -1;
    }
    int64_t h;
    if (!hash(vm, Value::from_object(t), h)) {
        ok = false;
        return -1;
    }
    d->hashcode = h;
    return h;
}

Value td_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    bool ok;
    int64_t h = delta_hash(vm, D(args[0]), ok);
    return ok ? int_v(vm, h) : Value::null();
}

Value td_bool(VM&, Value const* args, size_t, Tuple*)
{
    TimeDelta* d = D(args[0]);
    return py_bool(d->days || d->seconds || d->us);
}

Value td_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "timedelta", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    TimeDelta* d = D(args[0]);
    Tuple* inner = tuple_pack(vm, { Value::small_int(d->days), Value::small_int(d->seconds), Value::small_int(d->us) });
    if (!inner)
        return Value::null();
    Tuple* t = tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(inner) });
    return t ? Value::from_object(t) : Value::null();
}

// ------------------------------------------------------------------ timestamps

Value raise_time_t_overflow(VM& vm) { return raise(vm, exc::OverflowError, "timestamp out of range for platform time_t"); }

// A timestamp (int or float) as whole seconds and, when `us` is wanted, microseconds:
// floor for whole seconds alone, half-even for microseconds (CPython's _PyTime rounding).
bool timestamp_arg(VM& vm, Value v, int64_t& secs, int* us)
{
    if (is_float(v)) {
        double d;
        if (!to_double(vm, v, d))
            return false;
        if (std::isnan(d)) {
            raise(vm, exc::ValueError, "Invalid value NaN (not a number)");
            return false;
        }
        double intpart;
        if (us) {
            double frac = std::modf(d, &intpart) * 1e6;
            double r = std::round(frac);
            if (std::fabs(frac - r) == 0.5)
                r = 2.0 * std::round(frac / 2.0);
            if (r >= 1e6) {
                r -= 1e6;
                intpart += 1.0;
            } else if (r < 0) {
                r += 1e6;
                intpart -= 1.0;
            }
            *us = int(r);
        } else
            intpart = std::floor(d);
        if (!(intpart >= -9.2233720368547758e18 && intpart < 9.2233720368547758e18)) {
            raise_time_t_overflow(vm);
            return false;
        }
        secs = int64_t(intpart);
        return true;
    }
    if (us)
        *us = 0;
    if (is_int(v)) {
        if (!int_to_i64(int_unwrap(v), secs)) {
            raise_time_t_overflow(vm);
            return false;
        }
        return true;
    }
    return index_i64(vm, v, secs);
}

bool broken_down_time(VM& vm, int64_t t, bool local, tm& out)
{
    time_t tt = time_t(t);
    errno = 0;
    tm* r = local ? localtime_r(&tt, &out) : gmtime_r(&tt, &out);
    if (!r) {
        int e = errno ? errno : EINVAL;
        if (e == EOVERFLOW) {
            raise_time_t_overflow(vm);
            return false;
        }
        Tuple* a = tuple_pack(vm, { Value::small_int(e), str_value(vm, std::strerror(e)) });
        if (a)
            raise_with_args(vm, exc::OSError, a);
        return false;
    }
    return true;
}

// Seconds since 0001-01-01 of a UTC broken-down time; -1 with ValueError for a year
// out of range.
bool utc_to_seconds(VM& vm, int64_t y, int m, int d, int hh, int mm, int ss, int64_t& out)
{
    if (y < kMinYear || y > kMaxYear) {
        raise_fmt(vm, exc::ValueError, "year %lld is out of range", (long long)y);
        return false;
    }
    out = ((int64_t(ymd_to_ord(int(y), m, d)) * 24 + hh) * 60 + mm) * 60 + ss;
    return true;
}

// The local wall time (seconds since 0001-01-01) of POSIX time u - epoch.
bool local_seconds(VM& vm, int64_t u, int64_t& out)
{
    tm t;
    if (!broken_down_time(vm, u - kEpochSeconds, true, t))
        return false;
    return utc_to_seconds(vm, int64_t(t.tm_year) + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, out);
}

// The UTC seconds (since 0001-01-01) of a local wall time, choosing by `fold` where the
// wall time is ambiguous or missing (PEP 495, CPython's local_to_seconds).
bool local_to_seconds(VM& vm, int y, int m, int d, int hh, int mm, int ss, int fold, int64_t& out)
{
    int64_t t, lt, a, b, u1, u2, t1, t2;
    if (!utc_to_seconds(vm, y, m, d, hh, mm, ss, t) || !local_seconds(vm, t, lt))
        return false;
    a = lt - t;
    u1 = t - a;
    if (!local_seconds(vm, u1, t1))
        return false;
    if (t1 == t) {
        u2 = fold ? u1 + kMaxFoldSeconds : u1 - kMaxFoldSeconds;
        if (!local_seconds(vm, u2, lt))
            return false;
        b = lt - u2;
        if (a == b) {
            out = u1;
            return true;
        }
    } else
        b = t1 - u1;
    u2 = t - b;
    if (!local_seconds(vm, u2, t2))
        return false;
    if (t2 == t)
        out = u2;
    else if (t1 == t)
        out = u1;
    else
        out = fold ? std::min(u1, u2) : std::max(u1, u2);
    return true;
}

// ------------------------------------------------------------------ date

// A date's pickle state / hash bytes.
void date_state(Date const* d, unsigned char* out)
{
    out[0] = uint8_t(d->year >> 8);
    out[1] = uint8_t(d->year & 0xff);
    out[2] = d->month;
    out[3] = d->day;
}

// The bytes of a pickle state argument (bytes, or a str of code points < 256 as
// Python 2 pickles load), or false.
bool state_arg(Value v, std::string& out)
{
    if (Bytes* b = as_bytes(v)) {
        out.assign(b->view());
        return true;
    }
    if (String* s = as_str(v)) {
        out.clear();
        std::string_view sv = s->view();
        for (size_t i = 0; i < sv.size();) {
            unsigned char c = sv[i];
            uint32_t cp;
            if (c < 0x80) {
                cp = c;
                i += 1;
            } else if ((c & 0xe0) == 0xc0 && i + 1 < sv.size()) {
                cp = ((c & 0x1f) << 6) | (sv[i + 1] & 0x3f);
                i += 2;
            } else
                return false;
            if (cp > 255)
                return false;
            out += char(cp);
        }
        return true;
    }
    return false;
}

// The constructors' argument binding, as CPython's PyArg_ParseTupleAndKeywords without a
// function name ("function missing required argument 'day' (pos 3)"); the last
// `kwonly` names are keyword-only (fold).
bool parse_ctor_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, std::initializer_list<char const*> names,
                     size_t required, size_t kwonly, Value* out)
{
    size_t n = names.size(), nkw = kwnames ? kwnames->size : 0;
    for (size_t i = 0; i < n; ++i)
        out[i] = Value::null();
    if (kwonly && nargs > n - kwonly) {
        raise_fmt(vm, exc::TypeError, "function takes at most %zu positional arguments (%zu given)", n - kwonly, nargs);
        return false;
    }
    if (nargs + nkw > n) {
        raise_fmt(vm, exc::TypeError, "function takes at most %zu %sargument%s (%zu given)", n, nargs == 0 ? "keyword " : "",
                  n == 1 ? "" : "s", nargs + nkw);
        return false;
    }
    size_t matched = 0;
    for (size_t i = 0; i < n; ++i) {
        char const* name = names.begin()[i];
        int64_t k = -1;
        for (size_t j = 0; j < nkw; ++j)
            if (String* key = as_str(kwnames->items[j]); key && std::strcmp(key->c_str(), name) == 0)
                k = int64_t(j);
        if (i < nargs) {
            if (k >= 0) {
                raise_fmt(vm, exc::TypeError, "argument for function given by name ('%s') and position (%zu)", name, i + 1);
                return false;
            }
            out[i] = args[i];
        } else if (k >= 0) {
            out[i] = args[nargs + size_t(k)];
            ++matched;
        } else if (i < required) {
            raise_fmt(vm, exc::TypeError, "function missing required argument '%s' (pos %zu)", name, i + 1);
            return false;
        }
    }
    if (matched < nkw) {
        for (size_t j = 0; j < nkw; ++j) {
            String* key = as_str(kwnames->items[j]);
            bool known = false;
            for (char const* name : names)
                known = known || (key && std::strcmp(key->c_str(), name) == 0);
            if (!known) {
                if (key)
                    raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for this function", key->c_str());
                else
                    raise(vm, exc::TypeError, "keywords must be strings");
                return false;
            }
        }
    }
    return true;
}

Value date_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* type = args[0].as<TypeObject>();
    std::string st;
    if (nargs == 2 && state_arg(args[1], st) && st.size() == 4 && uint8_t(st[2]) >= 1 && uint8_t(st[2]) <= 12) {
        auto* o = static_cast<Date*>(alloc_instance(vm, type));
        if (!o)
            return Value::null();
        o->hashcode = -1;
        o->year = uint8_t(st[0]) << 8 | uint8_t(st[1]);
        o->month = uint8_t(st[2]);
        o->day = uint8_t(st[3]);
        return Value::from_object(o);
    }
    Value a[3];
    if (!parse_ctor_args(vm, args + 1, nargs - 1, kwnames, { "year", "month", "day" }, 3, 0, a))
        return Value::null();
    int64_t y, m, d;
    if (!int_arg(vm, a[0], y) || !int_arg(vm, a[1], m) || !int_arg(vm, a[2], d))
        return Value::null();
    return new_date_type(vm, type, y, m, d);
}

Value date_year(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DA(args[0])->year); }
Value date_month(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DA(args[0])->month); }
Value date_day(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DA(args[0])->day); }

Value date_fromtimestamp(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fromtimestamp", kwnames) || !unpack_args(vm, "fromtimestamp", nargs - 1, 1, 1))
        return Value::null();
    int64_t secs;
    tm t;
    if (!timestamp_arg(vm, args[1], secs, nullptr) || !broken_down_time(vm, secs, true, t))
        return Value::null();
    return new_date_subclass(vm, args[0], int64_t(t.tm_year) + 1900, t.tm_mon + 1, t.tm_mday);
}

Value date_today(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "today", nargs - 1, kwnames))
        return Value::null();
    Value now = TRY(import_attr(vm, "time", "time"));
    now = TRY(call0(vm, now));
    return call_method(vm, args[0], intern(vm, "fromtimestamp"), &now, 1);
}

Value date_fromordinal(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fromordinal", kwnames) || !unpack_args(vm, "fromordinal", nargs - 1, 1, 1))
        return Value::null();
    int64_t n;
    if (!int_arg(vm, args[1], n))
        return Value::null();
    if (n < 1)
        return raise(vm, exc::ValueError, "ordinal must be >= 1");
    if (n > kMaxOrdinal)
        return raise(vm, exc::ValueError, "year 10000 is out of range");
    int y, m, d;
    ord_to_ymd(int(n), y, m, d);
    return new_date_subclass(vm, args[0], y, m, d);
}

Value date_fromisocalendar(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "fromisocalendar", args + 1, nargs - 1, kwnames, { "year", "week", "day" }, 3, a))
        return Value::null();
    int64_t year, week, day;
    if (!int_arg(vm, a[0], year) || !int_arg(vm, a[1], week) || !int_arg(vm, a[2], day)) {
        if (vm.error_matches(exc::OverflowError)) {
            vm.clear_error();
            return raise(vm, exc::ValueError, "ISO calendar component out of range");
        }
        return Value::null();
    }
    if (year < kMinYear || year > kMaxYear)
        return raise_fmt(vm, exc::ValueError, "Year is out of range: %lld", (long long)year);
    int y, m, d;
    int rv = iso_to_ymd(int(year), int(week), int(day), y, m, d);
    if (rv == -2)
        return raise_fmt(vm, exc::ValueError, "Invalid week: %lld", (long long)week);
    if (rv == -3)
        return raise_fmt(vm, exc::ValueError, "Invalid day: %lld (range is [1, 7])", (long long)day);
    return new_date_subclass(vm, args[0], y, m, d);
}

// The text of a fromisoformat argument as bytes a parser can walk: ASCII stays, any
// other code point becomes 0x80, which no rule accepts (the datetime separator, which
// may be any character, is skipped by position).
bool iso_text(VM& vm, Value v, std::string& out)
{
    String* s = as_str(v);
    if (!s) {
        raise(vm, exc::TypeError, "fromisoformat: argument must be str");
        return false;
    }
    out.clear();
    std::string_view sv = s->view();
    for (size_t i = 0; i < sv.size(); ++i) {
        unsigned char c = sv[i];
        if (c < 0x80)
            out += char(c);
        else if ((c & 0xc0) != 0x80)
            out += char(0x80);
    }
    return true;
}

Value invalid_iso(VM& vm, Value v)
{
    Value r = TRY(repr(vm, v));
    return raise_fmt(vm, exc::ValueError, "Invalid isoformat string: %s", as_str(r)->c_str());
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char const* parse_digits(char const* p, int& var, size_t n)
{
    var = 0;
    for (size_t i = 0; i < n; ++i, ++p) {
        if (!is_digit(*p))
            return nullptr;
        var = var * 10 + (*p - '0');
    }
    return p;
}

// CPython 3.11's parse_isoformat_date: 0, or negative when malformed.
int parse_iso_date(char const* s, size_t len, int& y, int& m, int& d)
{
    char const* p = parse_digits(s, y, 4);
    if (!p)
        return -1;
    bool sep = *p == '-';
    if (sep)
        ++p;
    if (*p == 'W') {
        ++p;
        int week = 0, day = 0;
        p = parse_digits(p, week, 2);
        if (!p)
            return -3;
        if (size_t(p - s) < len) {
            if (sep && *(p++) != '-')
                return -2;
            p = parse_digits(p, day, 1);
            if (!p)
                return -4;
        } else
            day = 1;
        int rv = iso_to_ymd(y, week, day, y, m, d);
        return rv ? -3 + rv : 0;
    }
    p = parse_digits(p, m, 2);
    if (!p)
        return -1;
    if (sep && *(p++) != '-')
        return -2;
    p = parse_digits(p, d, 2);
    return p ? 0 : -1;
}

int parse_hh_mm_ss_ff(char const* p, char const* end, int& h, int& m, int& s, int& us)
{
    h = m = s = us = 0;
    int* vals[3] = { &h, &m, &s };
    bool has_sep = true;
    for (int i = 0; i < 3; ++i) {
        p = parse_digits(p, *vals[i], 2);
        if (!p)
            return -3;
        char c = *(p++);
        if (i == 0)
            has_sep = c == ':';
        if (p >= end)
            return c != '\0';
        if (has_sep && c == ':')
            continue;
        if (c == '.' || c == ',')
            break;
        if (!has_sep)
            --p;
        else
            return -4;
    }
    size_t remains = size_t(end - p);
    size_t to_parse = remains >= 6 ? 6 : remains;
    p = parse_digits(p, us, to_parse);
    if (!p)
        return -3;
    static constexpr int correction[] = { 100000, 10000, 1000, 100, 10 };
    if (to_parse < 6)
        us *= correction[to_parse - 1];
    while (is_digit(*p))
        ++p;
    return *p != '\0';
}

// 0: no offset, 1: with offset (tzsec, tzus), negative: malformed.
int parse_iso_time(char const* s, size_t len, int& h, int& m, int& sec, int& us, int& tzsec, int& tzus)
{
    char const* end = s + len;
    char const* tzpos = s;
    do {
        if (*tzpos == 'Z' || *tzpos == '+' || *tzpos == '-')
            break;
    } while (++tzpos < end);
    int rv = parse_hh_mm_ss_ff(s, tzpos, h, m, sec, us);
    if (rv < 0)
        return rv;
    if (tzpos == end)
        return rv == 1 ? -5 : 0;
    if (*tzpos == 'Z') {
        tzsec = tzus = 0;
        return *(tzpos + 1) != '\0' ? -5 : 1;
    }
    int sign = *tzpos == '-' ? -1 : 1;
    ++tzpos;
    int th, tm_, ts;
    rv = parse_hh_mm_ss_ff(tzpos, end, th, tm_, ts, tzus);
    tzsec = sign * (th * 3600 + tm_ * 60 + ts);
    tzus *= sign;
    return rv ? -5 : 1;
}

Value tzinfo_from_iso(VM& vm, int rv, int tzsec, int tzus)
{
    if (rv != 1)
        return py_none();
    if (tzsec == 0 && tzus == 0)
        return g_utc;
    Value off = TRY(new_delta(vm, 0, tzsec, tzus));
    return new_timezone(vm, off, Value::null());
}

Value date_fromisoformat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fromisoformat", kwnames) || !unpack_args(vm, "fromisoformat", nargs - 1, 1, 1))
        return Value::null();
    std::string s;
    if (!iso_text(vm, args[1], s))
        return Value::null();
    int y = 0, m = 0, d = 0;
    int rv = -1;
    if (s.size() == 7 || s.size() == 8 || s.size() == 10)
        rv = parse_iso_date(s.c_str(), s.size(), y, m, d);
    if (rv < 0)
        return invalid_iso(vm, args[1]);
    return new_date_subclass(vm, args[0], y, m, d);
}

Value date_ctime(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "ctime", nargs - 1, kwnames))
        return Value::null();
    Date* d = DA(args[0]);
    return format_ctime(vm, d->year, d->month, d->day, 0, 0, 0);
}

Value date_timetuple(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "timetuple", nargs - 1, kwnames))
        return Value::null();
    Date* d = DA(args[0]);
    return build_struct_time(vm, d->year, d->month, d->day, 0, 0, 0, -1);
}

bool str_param(VM& vm, char const* fname, int pos, Value v)
{
    if (is_str(v))
        return true;
    raise_fmt(vm, exc::TypeError, "%s() argument %d must be str, not %s", fname, pos, type_name(v));
    return false;
}

int microsecond_of(Value v)
{
    if (is_datetime(v))
        return DT(v)->us;
    if (is_time(v))
        return T(v)->us;
    return 0;
}
Value tzinfo_of(Value v)
{
    if (is_datetime(v))
        return DT(v)->tzinfo;
    if (is_time(v))
        return T(v)->tzinfo;
    return py_none();
}

Value date_strftime(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "strftime", args + 1, nargs - 1, kwnames, { "format" }, 1, a) || !str_param(vm, "strftime", 1, a[0]))
        return Value::null();
    Value self = args[0];
    Value tt;
    if (is_time(self)) {
        Time* t = T(self);
        tt = TRY(build_struct_time(vm, 1900, 1, 1, t->hour, t->minute, t->second, -1));
        // time's tzinfo methods get None, as CPython passes for a time.
        return wrap_strftime(vm, a[0], tt, t->tzinfo, py_none(), t->us);
    }
    tt = TRY(call_method(vm, self, intern(vm, "timetuple"), nullptr, 0));
    return wrap_strftime(vm, a[0], tt, tzinfo_of(self), self, microsecond_of(self));
}

Value date_format(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__format__", kwnames) || !unpack_args(vm, "__format__", nargs - 1, 1, 1) ||
        !str_param(vm, "__format__", 1, args[1]))
        return Value::null();
    if (as_str(args[1])->length == 0)
        return to_str(vm, args[0]);
    return call_method(vm, args[0], intern(vm, "strftime"), &args[1], 1);
}

Value date_isocalendar(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "isocalendar", nargs - 1, kwnames))
        return Value::null();
    Date* dd = DA(args[0]);
    int year = dd->year;
    int week1 = iso_week1_monday(year);
    int today = ymd_to_ord(year, dd->month, dd->day);
    int64_t day = today - week1;
    int64_t week = floordiv(day, 7);
    day -= week * 7;
    if (week < 0) {
        --year;
        week1 = iso_week1_monday(year);
        day = today - week1;
        week = floordiv(day, 7);
        day -= week * 7;
    } else if (week >= 52 && today >= iso_week1_monday(year + 1)) {
        ++year;
        week = 0;
    }
    Value vals[3] = { Value::small_int(year), Value::small_int(week + 1), Value::small_int(day + 1) };
    return struct_seq_new(vm, g_isocal, vals, 3);
}

Value isocal_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    Tuple* self = as_tuple(args[0]);
    Tuple* plain = tuple_pack(vm, { self->items[0], self->items[1], self->items[2] });
    if (!plain)
        return Value::null();
    Tuple* inner = tuple_pack(vm, { Value::from_object(plain) });
    if (!inner)
        return Value::null();
    Tuple* t = tuple_pack(vm, { Value::from_object(types.tuple), Value::from_object(inner) });
    return t ? Value::from_object(t) : Value::null();
}

Value date_isoformat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "isoformat", nargs - 1, kwnames))
        return Value::null();
    Date* d = DA(args[0]);
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    return str_of(vm, buf);
}

Value date_str(VM& vm, Value const* args, size_t, Tuple*)
{
    return call_method(vm, args[0], intern(vm, "isoformat"), nullptr, 0);
}

Value date_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Date* d = DA(args[0]);
    char buf[64];
    snprintf(buf, sizeof buf, "(%d, %d, %d)", d->year, d->month, d->day);
    return str_of(vm, std::string(tp_name_of(args[0])) + buf);
}

Value date_weekday(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "weekday", nargs - 1, kwnames))
        return Value::null();
    Date* d = DA(args[0]);
    return Value::small_int(weekday_of(d->year, d->month, d->day));
}
Value date_isoweekday(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "isoweekday", nargs - 1, kwnames))
        return Value::null();
    Date* d = DA(args[0]);
    return Value::small_int(weekday_of(d->year, d->month, d->day) + 1);
}
Value date_toordinal(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "toordinal", nargs - 1, kwnames))
        return Value::null();
    Date* d = DA(args[0]);
    return Value::small_int(ymd_to_ord(d->year, d->month, d->day));
}

Value date_replace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "replace", args + 1, nargs - 1, kwnames, { "year", "month", "day" }, 0, a))
        return Value::null();
    Date* d = DA(args[0]);
    int64_t v[3] = { d->year, d->month, d->day };
    for (int i = 0; i < 3; ++i)
        if (!a[i].is_null() && !int_arg(vm, a[i], v[i]))
            return Value::null();
    return new_date_type(vm, type_of(args[0]), v[0], v[1], v[2]);
}

Value date_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "date", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    unsigned char st[4];
    date_state(DA(args[0]), st);
    Bytes* b = state_bytes(vm, st, 4);
    if (!b)
        return Value::null();
    Tuple* inner = tuple_pack(vm, { Value::from_object(b) });
    if (!inner)
        return Value::null();
    Tuple* t = tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(inner) });
    return t ? Value::from_object(t) : Value::null();
}

Value date_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    Date* d = DA(args[0]);
    if (d->hashcode == -1) {
        unsigned char st[4];
        date_state(d, st);
        bool ok;
        int64_t h = hash_state(vm, st, 4, ok);
        if (!ok)
            return Value::null();
        d->hashcode = h;
    }
    return int_v(vm, d->hashcode);
}

int date_cmp(Date const* a, Date const* b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return 0;
}

template<CmpArg op>
Value date_richcmp(VM&, Value const* args, size_t, Tuple*)
{
    if (!is_date(args[1]))
        return py_not_implemented();
    return py_bool(cmp_result(date_cmp(DA(args[0]), DA(args[1])), op));
}

Value add_date_days(VM& vm, Value date, int64_t days)
{
    Date* d = DA(date);
    int64_t y = d->year, m = d->month, dd = int64_t(d->day) + days;
    if (!normalize_date(vm, y, m, dd))
        return Value::null();
    return new_date_subclass(vm, Value::from_object(type_of(date)), y, m, dd);
}

Value date_add_impl(VM& vm, Value left, Value right)
{
    if (is_datetime(left) || is_datetime(right))
        return py_not_implemented();
    if (is_date(left) && is_delta(right))
        return add_date_days(vm, left, D(right)->days);
    if (is_date(right) && is_delta(left))
        return add_date_days(vm, right, D(left)->days);
    return py_not_implemented();
}
Value date_add(VM& vm, Value const* args, size_t, Tuple*) { return date_add_impl(vm, args[0], args[1]); }
Value date_radd(VM& vm, Value const* args, size_t, Tuple*) { return date_add_impl(vm, args[1], args[0]); }

Value date_sub(VM& vm, Value const* args, size_t, Tuple*)
{
    Value left = args[0], right = args[1];
    if (is_datetime(left) || is_datetime(right))
        return py_not_implemented();
    if (is_date(right)) {
        Date *a = DA(left), *b = DA(right);
        return new_delta(vm, int64_t(ymd_to_ord(a->year, a->month, a->day)) - ymd_to_ord(b->year, b->month, b->day), 0, 0);
    }
    if (is_delta(right))
        return add_date_days(vm, left, -int64_t(D(right)->days));
    return py_not_implemented();
}

// ------------------------------------------------------------------ tzinfo

Value raise_tz_not_implemented(VM& vm, char const* name)
{
    return raise_fmt(vm, exc::NotImplementedError, "a tzinfo subclass must implement %s()", name);
}
Value tzinfo_tzname(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "tzname", kwnames) || !unpack_args(vm, "tzname", nargs - 1, 1, 1))
        return Value::null();
    return raise_tz_not_implemented(vm, "tzname");
}
Value tzinfo_utcoffset(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "utcoffset", kwnames) || !unpack_args(vm, "utcoffset", nargs - 1, 1, 1))
        return Value::null();
    return raise_tz_not_implemented(vm, "utcoffset");
}
Value tzinfo_dst(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "dst", kwnames) || !unpack_args(vm, "dst", nargs - 1, 1, 1))
        return Value::null();
    return raise_tz_not_implemented(vm, "dst");
}

Value datetime_add_delta(VM& vm, Value dt, TimeDelta const* delta, int factor);

// tzinfo.fromutc(dt): the standard algorithm over utcoffset() and dst().
Value tzinfo_fromutc(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fromutc", kwnames) || !unpack_args(vm, "fromutc", nargs - 1, 1, 1))
        return Value::null();
    Value self = args[0], dt = args[1];
    if (!is_datetime(dt))
        return raise(vm, exc::TypeError, "fromutc: argument must be a datetime");
    if (!DT(dt)->tzinfo.is(self))
        return raise(vm, exc::ValueError, "fromutc: dt.tzinfo is not self");
    Value off = TRY(call_utcoffset(vm, self, dt));
    if (is_none(off))
        return raise(vm, exc::ValueError, "fromutc: non-None utcoffset() result required");
    Value dst = TRY(call_dst(vm, self, dt));
    if (is_none(dst))
        return raise(vm, exc::ValueError, "fromutc: non-None dst() result required");
    Value delta = TRY(new_delta(vm, int64_t(D(off)->days) - D(dst)->days, int64_t(D(off)->seconds) - D(dst)->seconds,
                                int64_t(D(off)->us) - D(dst)->us));
    TimeDelta* dd = D(delta);
    if (dd->days || dd->seconds || dd->us) {
        dt = TRY(datetime_add_delta(vm, dt, dd, 1));
        dst = TRY(call_dst(vm, self, dt));
        if (is_none(dst))
            return raise(vm, exc::ValueError, "fromutc: tz.dst() gave inconsistent results; cannot convert");
    }
    return datetime_add_delta(vm, dt, D(dst), 1);
}

// tzinfo() ignores its arguments (CPython's PyType_GenericNew), so classes may take any.
Value tzinfo_new(VM& vm, Value const* args, size_t, Tuple*)
{
    Object* o = alloc_instance(vm, args[0].as<TypeObject>());
    return o ? Value::from_object(o) : Value::null();
}

Value tzinfo_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "tzinfo", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    Value self = args[0];
    Value initargs;
    Value getinitargs = TRY(getattr_opt(vm, self, intern(vm, "__getinitargs__")));
    if (!getinitargs.is_not_found() && !getinitargs.is_null()) {
        initargs = TRY(call0(vm, getinitargs));
    } else {
        Tuple* e = tuple_new(vm, 0);
        if (!e)
            return Value::null();
        initargs = Value::from_object(e);
    }
    Value state = TRY(call_method(vm, self, intern(vm, "__getstate__"), nullptr, 0));
    Tuple* t = tuple_pack(vm, { Value::from_object(type_of(self)), initargs, state });
    return t ? Value::from_object(t) : Value::null();
}

// ------------------------------------------------------------------ timezone

TimeZone* TZ(Value v) { return v.as<TimeZone>(); }

Value timezone_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "timezone", args + 1, nargs - 1, kwnames, { "offset", "name" }, 1, a))
        return Value::null();
    if (!is_delta(a[0]))
        return raise_fmt(vm, exc::TypeError, "timezone() argument 1 must be datetime.timedelta, not %s", type_name(a[0]));
    if (!a[1].is_null() && !is_str(a[1]))
        return raise_fmt(vm, exc::TypeError, "timezone() argument 2 must be str, not %s", type_name(a[1]));
    return new_timezone(vm, a[0], a[1]);
}

bool tz_check_arg(VM& vm, Value dt, char const* meth)
{
    if (is_none(dt) || is_datetime(dt))
        return true;
    raise_fmt(vm, exc::TypeError, "%s(dt) argument must be a datetime instance or None, not %s", meth, type_name(dt));
    return false;
}

Value timezone_utcoffset(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "utcoffset", kwnames) || !unpack_args(vm, "utcoffset", nargs - 1, 1, 1) ||
        !tz_check_arg(vm, args[1], "utcoffset"))
        return Value::null();
    return TZ(args[0])->offset;
}
Value timezone_dst(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "dst", kwnames) || !unpack_args(vm, "dst", nargs - 1, 1, 1) || !tz_check_arg(vm, args[1], "dst"))
        return Value::null();
    return py_none();
}

Value timezone_name(VM& vm, Value self)
{
    TimeZone* z = TZ(self);
    if (!z->name.is_null())
        return z->name;
    i128 us = delta_to_us(D(z->offset));
    if (self.is(g_utc) || us == 0)
        return str_of(vm, "UTC");
    char sign = '+';
    if (us < 0) {
        sign = '-';
        us = -us;
    }
    int micro = int(us % kUsPerSecond);
    int64_t secs = int64_t(us / kUsPerSecond);
    int s = int(secs % 60), m = int(secs / 60 % 60), h = int(secs / 3600);
    char buf[64];
    if (micro)
        snprintf(buf, sizeof buf, "UTC%c%02d:%02d:%02d.%06d", sign, h, m, s, micro);
    else if (s)
        snprintf(buf, sizeof buf, "UTC%c%02d:%02d:%02d", sign, h, m, s);
    else
        snprintf(buf, sizeof buf, "UTC%c%02d:%02d", sign, h, m);
    return str_of(vm, buf);
}

Value timezone_tzname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "tzname", kwnames) || !unpack_args(vm, "tzname", nargs - 1, 1, 1) ||
        !tz_check_arg(vm, args[1], "tzname"))
        return Value::null();
    return timezone_name(vm, args[0]);
}
Value timezone_str(VM& vm, Value const* args, size_t, Tuple*) { return timezone_name(vm, args[0]); }

Value timezone_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    TimeZone* z = TZ(args[0]);
    std::string s = tp_name_of(args[0]);
    if (args[0].is(g_utc))
        return str_of(vm, s + ".utc");
    Value r = TRY(repr(vm, z->offset));
    s += "(";
    s += as_str(r)->view();
    if (!z->name.is_null()) {
        r = TRY(repr(vm, z->name));
        s += ", ";
        s += as_str(r)->view();
    }
    s += ")";
    return str_of(vm, s);
}

Value timezone_fromutc(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fromutc", kwnames) || !unpack_args(vm, "fromutc", nargs - 1, 1, 1))
        return Value::null();
    Value dt = args[1];
    if (!is_datetime(dt))
        return raise(vm, exc::TypeError, "fromutc: argument must be a datetime");
    if (!DT(dt)->tzinfo.is(args[0]))
        return raise(vm, exc::ValueError, "fromutc: dt.tzinfo is not self");
    return datetime_add_delta(vm, dt, D(TZ(args[0])->offset), 1);
}

Value timezone_getinitargs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "timezone", "__getinitargs__", nargs - 1, kwnames))
        return Value::null();
    TimeZone* z = TZ(args[0]);
    Tuple* t = z->name.is_null() ? tuple_pack(vm, { z->offset }) : tuple_pack(vm, { z->offset, z->name });
    return t ? Value::from_object(t) : Value::null();
}

template<CmpArg op>
Value timezone_cmp(VM&, Value const* args, size_t, Tuple*)
{
    if (!is_timezone(args[1]))
        return py_not_implemented();
    bool eq = delta_to_us(D(TZ(args[0])->offset)) == delta_to_us(D(TZ(args[1])->offset));
    return py_bool(op == CmpArg::EQ ? eq : !eq);
}

Value timezone_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    bool ok;
    int64_t h = delta_hash(vm, D(TZ(args[0])->offset), ok);
    return ok ? int_v(vm, h) : Value::null();
}

// ------------------------------------------------------------------ time

void time_state(Time const* t, unsigned char* out, bool with_fold)
{
    out[0] = uint8_t(t->hour | (with_fold && t->fold ? 0x80 : 0));
    out[1] = t->minute;
    out[2] = t->second;
    out[3] = uint8_t(t->us >> 16);
    out[4] = uint8_t((t->us >> 8) & 0xff);
    out[5] = uint8_t(t->us & 0xff);
}

// The keyword-only `fold`: the last of `names`, never positional.
bool parse_with_fold(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames,
                     std::initializer_list<char const*> names, size_t required, Value* out)
{
    if (nargs > names.size() - 1) {
        raise_fmt(vm, exc::TypeError, "%s() takes at most %zu positional arguments (%zu given)", fname, names.size() - 1, nargs);
        return false;
    }
    return parse_args(vm, fname, args, nargs, kwnames, names, required, out);
}

Value time_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* type = args[0].as<TypeObject>();
    std::string st;
    size_t total = nargs - 1 + (kwnames ? kwnames->size : 0);
    if (total >= 1 && total <= 2 && nargs >= 2 && state_arg(args[1], st) && st.size() == 6 && (uint8_t(st[0]) & 0x7f) < 24) {
        Value tz = py_none();
        if (total == 2) {
            tz = args[2];
            if (!is_tzinfo(tz))
                return raise(vm, exc::TypeError, "bad tzinfo state arg");
        }
        auto* o = static_cast<Time*>(alloc_instance(vm, type));
        if (!o)
            return Value::null();
        o->hashcode = -1;
        o->hour = uint8_t(st[0]) & 0x7f;
        o->fold = uint8_t(st[0]) >> 7;
        o->minute = uint8_t(st[1]);
        o->second = uint8_t(st[2]);
        o->us = (uint8_t(st[3]) << 16) | (uint8_t(st[4]) << 8) | uint8_t(st[5]);
        o->tzinfo = tz;
        return Value::from_object(o);
    }
    Value a[6];
    if (!parse_ctor_args(vm, args + 1, nargs - 1, kwnames, { "hour", "minute", "second", "microsecond", "tzinfo", "fold" }, 0, 1, a))
        return Value::null();
    int64_t v[4] = { 0, 0, 0, 0 }, fold = 0;
    for (int i = 0; i < 4; ++i)
        if (!a[i].is_null() && !int_arg(vm, a[i], v[i]))
            return Value::null();
    if (!a[5].is_null() && !int_arg(vm, a[5], fold))
        return Value::null();
    return new_time_type(vm, type, v[0], v[1], v[2], v[3], a[4].is_null() ? py_none() : a[4], fold);
}

Value time_hour(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, T(args[0])->hour); }
Value time_minute(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, T(args[0])->minute); }
Value time_second(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, T(args[0])->second); }
Value time_microsecond(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, T(args[0])->us); }
Value time_tzinfo(VM&, Value const* args, size_t, Tuple*) { return T(args[0])->tzinfo; }
Value time_fold(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, T(args[0])->fold); }

Value time_utcoffset(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "time", "utcoffset", nargs - 1, kwnames))
        return Value::null();
    return call_utcoffset(vm, T(args[0])->tzinfo, py_none());
}
Value time_dst(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "time", "dst", nargs - 1, kwnames))
        return Value::null();
    return call_dst(vm, T(args[0])->tzinfo, py_none());
}
Value time_tzname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "time", "tzname", nargs - 1, kwnames))
        return Value::null();
    return call_tzname(vm, T(args[0])->tzinfo, py_none());
}

Value time_isoformat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "isoformat", args + 1, nargs - 1, kwnames, { "timespec" }, 0, a))
        return Value::null();
    if (!a[0].is_null() && !str_param(vm, "isoformat", 1, a[0]))
        return Value::null();
    Time* t = T(args[0]);
    std::string s;
    if (!timespec_format(vm, s, a[0].is_null() ? "auto" : as_str(a[0])->c_str(), t->hour, t->minute, t->second, t->us) ||
        !format_utcoffset(vm, s, ":", t->tzinfo, py_none()))
        return Value::null();
    return str_of(vm, s);
}

Value time_str(VM& vm, Value const* args, size_t, Tuple*)
{
    return call_method(vm, args[0], intern(vm, "isoformat"), nullptr, 0);
}

Value time_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Time* t = T(args[0]);
    char buf[64];
    if (t->us)
        snprintf(buf, sizeof buf, "(%d, %d, %d, %d)", t->hour, t->minute, t->second, t->us);
    else if (t->second)
        snprintf(buf, sizeof buf, "(%d, %d, %d)", t->hour, t->minute, t->second);
    else
        snprintf(buf, sizeof buf, "(%d, %d)", t->hour, t->minute);
    return repr_with_extras(vm, std::string(tp_name_of(args[0])) + buf, t->fold, t->tzinfo, false);
}

Value time_fromisoformat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fromisoformat", kwnames) || !unpack_args(vm, "fromisoformat", nargs - 1, 1, 1))
        return Value::null();
    std::string s;
    if (!iso_text(vm, args[1], s))
        return Value::null();
    char const* p = s.c_str();
    size_t len = s.size();
    if (len && *p == 'T') {
        ++p;
        --len;
    }
    int h, m, sec, us, tzs = 0, tzus = 0;
    int rv = len ? parse_iso_time(p, len, h, m, sec, us, tzs, tzus) : -3;
    if (rv < 0)
        return invalid_iso(vm, args[1]);
    Value tz = TRY(tzinfo_from_iso(vm, rv, tzs, tzus));
    return new_time_subclass(vm, args[0], h, m, sec, us, tz, 0);
}

Value time_replace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[6];
    if (!parse_with_fold(vm, "replace", args + 1, nargs - 1, kwnames, { "hour", "minute", "second", "microsecond", "tzinfo", "fold" }, 0, a))
        return Value::null();
    Time* t = T(args[0]);
    int64_t v[5] = { t->hour, t->minute, t->second, t->us, t->fold };
    for (int i = 0; i < 4; ++i)
        if (!a[i].is_null() && !int_arg(vm, a[i], v[i]))
            return Value::null();
    if (!a[5].is_null() && !int_arg(vm, a[5], v[4]))
        return Value::null();
    return new_time_type(vm, type_of(args[0]), v[0], v[1], v[2], v[3], a[4].is_null() ? t->tzinfo : a[4], v[4]);
}

Value time_reduce_impl(VM& vm, Value self, int64_t proto)
{
    Time* t = T(self);
    unsigned char st[6];
    time_state(t, st, proto > 3);
    Bytes* b = state_bytes(vm, st, 6);
    if (!b)
        return Value::null();
    Tuple* inner = is_none(t->tzinfo) ? tuple_pack(vm, { Value::from_object(b) }) : tuple_pack(vm, { Value::from_object(b), t->tzinfo });
    if (!inner)
        return Value::null();
    Tuple* r = tuple_pack(vm, { Value::from_object(type_of(self)), Value::from_object(inner) });
    return r ? Value::from_object(r) : Value::null();
}

Value time_reduce_ex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__reduce_ex__", kwnames) || !unpack_args(vm, "__reduce_ex__", nargs - 1, 1, 1))
        return Value::null();
    int64_t proto;
    if (!int_arg(vm, args[1], proto))
        return Value::null();
    return time_reduce_impl(vm, args[0], proto);
}
Value time_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "time", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return time_reduce_impl(vm, args[0], 2);
}

i128 time_us(Time const* t) { return (i128(t->hour) * 3600 + t->minute * 60 + t->second) * kUsPerSecond + t->us; }

Value time_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    Time* t = T(args[0]);
    if (t->hashcode == -1) {
        Value off = TRY(call_utcoffset(vm, t->tzinfo, py_none()));
        int64_t h;
        if (is_none(off)) {
            unsigned char st[6];
            time_state(t, st, false);
            bool ok;
            h = hash_state(vm, st, 6, ok);
            if (!ok)
                return Value::null();
        } else {
            Value d = TRY(delta_from_us(vm, time_us(t) - delta_to_us(D(off))));
            bool ok;
            h = delta_hash(vm, D(d), ok);
            if (!ok)
                return Value::null();
        }
        t->hashcode = h;
    }
    return int_v(vm, t->hashcode);
}

template<CmpArg op>
Value time_richcmp(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_time(args[1]))
        return py_not_implemented();
    Time *a = T(args[0]), *b = T(args[1]);
    if (a->tzinfo.is(b->tzinfo))
        return py_bool(cmp_result(cmp3(time_us(a), time_us(b)), op));
    Value o1 = TRY(call_utcoffset(vm, a->tzinfo, py_none()));
    Value o2 = TRY(call_utcoffset(vm, b->tzinfo, py_none()));
    if (is_none(o1) && is_none(o2))
        return py_bool(cmp_result(cmp3(time_us(a), time_us(b)), op));
    if (!is_none(o1) && !is_none(o2))
        return py_bool(cmp_result(cmp3(time_us(a) - delta_to_us(D(o1)), time_us(b) - delta_to_us(D(o2))), op));
    if (op == CmpArg::EQ)
        return py_false();
    if (op == CmpArg::NE)
        return py_true();
    return raise(vm, exc::TypeError, "can't compare offset-naive and offset-aware times");
}

// ------------------------------------------------------------------ datetime

void datetime_state(DateTime const* d, unsigned char* out, bool with_fold)
{
    date_state(d, out);
    if (with_fold && d->fold)
        out[2] |= 0x80;
    out[4] = d->hour;
    out[5] = d->minute;
    out[6] = d->second;
    out[7] = uint8_t(d->us >> 16);
    out[8] = uint8_t((d->us >> 8) & 0xff);
    out[9] = uint8_t(d->us & 0xff);
}

Value datetime_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* type = args[0].as<TypeObject>();
    std::string st;
    size_t total = nargs - 1 + (kwnames ? kwnames->size : 0);
    if (total >= 1 && total <= 2 && nargs >= 2 && state_arg(args[1], st) && st.size() == 10 &&
        (uint8_t(st[2]) & 0x7f) >= 1 && (uint8_t(st[2]) & 0x7f) <= 12) {
        Value tz = py_none();
        if (total == 2) {
            tz = args[2];
            if (!is_tzinfo(tz))
                return raise(vm, exc::TypeError, "bad tzinfo state arg");
        }
        auto* o = static_cast<DateTime*>(alloc_instance(vm, type));
        if (!o)
            return Value::null();
        auto const* u = reinterpret_cast<unsigned char const*>(st.data());
        o->hashcode = -1;
        o->year = u[0] << 8 | u[1];
        o->month = u[2] & 0x7f;
        o->fold = u[2] >> 7;
        o->day = u[3];
        o->hour = u[4];
        o->minute = u[5];
        o->second = u[6];
        o->us = (u[7] << 16) | (u[8] << 8) | u[9];
        o->tzinfo = tz;
        return Value::from_object(o);
    }
    Value a[9];
    if (!parse_ctor_args(vm, args + 1, nargs - 1, kwnames,
                         { "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold" }, 3, 1, a))
        return Value::null();
    int64_t v[7] = { 0, 0, 0, 0, 0, 0, 0 }, fold = 0;
    for (int i = 0; i < 7; ++i)
        if (!a[i].is_null() && !int_arg(vm, a[i], v[i]))
            return Value::null();
    if (!a[8].is_null() && !int_arg(vm, a[8], fold))
        return Value::null();
    return new_datetime_type(vm, type, v[0], v[1], v[2], v[3], v[4], v[5], v[6], a[7].is_null() ? py_none() : a[7], fold);
}

Value dt_hour(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DT(args[0])->hour); }
Value dt_minute(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DT(args[0])->minute); }
Value dt_second(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DT(args[0])->second); }
Value dt_microsecond(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DT(args[0])->us); }
Value dt_tzinfo(VM&, Value const* args, size_t, Tuple*) { return DT(args[0])->tzinfo; }
Value dt_fold(VM& vm, Value const* args, size_t, Tuple*) { return int_v(vm, DT(args[0])->fold); }

// A datetime of class `cls` from POSIX seconds and microseconds, broken down in local time
// or UTC; a naive local result gets fold=1 when its wall time repeats (CPython's
// datetime_from_timet_and_us).
Value datetime_from_timet_us(VM& vm, Value cls, bool local, int64_t timet, int us, Value tz)
{
    tm t;
    if (!broken_down_time(vm, timet, local, t))
        return Value::null();
    int64_t year = int64_t(t.tm_year) + 1900;
    int second = std::min(59, t.tm_sec);
    int fold = 0;
    if (is_none(tz) && local) {
        int64_t result_seconds, probe;
        if (!utc_to_seconds(vm, year, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, second, result_seconds) ||
            !local_seconds(vm, kEpochSeconds + timet - kMaxFoldSeconds, probe))
            return Value::null();
        int64_t transition = result_seconds - probe - kMaxFoldSeconds;
        if (transition < 0) {
            if (!local_seconds(vm, kEpochSeconds + timet + transition, probe))
                return Value::null();
            if (probe == result_seconds)
                fold = 1;
        }
    }
    return new_datetime_subclass(vm, cls, year, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, second, us, tz, fold);
}

Value dt_fromtimestamp(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "fromtimestamp", args + 1, nargs - 1, kwnames, { "timestamp", "tz" }, 1, a))
        return Value::null();
    Value tz = a[1].is_null() ? py_none() : a[1];
    if (!check_tzinfo_arg(vm, tz))
        return Value::null();
    int64_t secs;
    int us;
    if (!timestamp_arg(vm, a[0], secs, &us))
        return Value::null();
    Value self = TRY(datetime_from_timet_us(vm, args[0], is_none(tz), secs, us, tz));
    if (!is_none(tz))
        return call_method(vm, tz, intern(vm, "fromutc"), &self, 1);
    return self;
}

Value dt_utcfromtimestamp(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "utcfromtimestamp", kwnames) || !unpack_args(vm, "utcfromtimestamp", nargs - 1, 1, 1))
        return Value::null();
    int64_t secs;
    int us;
    if (!timestamp_arg(vm, args[1], secs, &us))
        return Value::null();
    return datetime_from_timet_us(vm, args[0], false, secs, us, py_none());
}

Value dt_now(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "now", args + 1, nargs - 1, kwnames, { "tz" }, 0, a))
        return Value::null();
    Value tz = a[0].is_null() ? py_none() : a[0];
    if (!check_tzinfo_arg(vm, tz))
        return Value::null();
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    Value self = TRY(datetime_from_timet_us(vm, args[0], is_none(tz), ts.tv_sec, int(ts.tv_nsec / 1000), tz));
    if (!is_none(tz))
        return call_method(vm, tz, intern(vm, "fromutc"), &self, 1);
    return self;
}

Value dt_utcnow(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "utcnow", nargs - 1, kwnames))
        return Value::null();
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return datetime_from_timet_us(vm, args[0], false, ts.tv_sec, int(ts.tv_nsec / 1000), py_none());
}

Value dt_combine(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "combine", args + 1, nargs - 1, kwnames, { "date", "time", "tzinfo" }, 2, a))
        return Value::null();
    if (!is_date(a[0]))
        return raise_fmt(vm, exc::TypeError, "combine() argument 1 must be datetime.date, not %s", type_name(a[0]));
    if (!is_time(a[1]))
        return raise_fmt(vm, exc::TypeError, "combine() argument 2 must be datetime.time, not %s", type_name(a[1]));
    Date* d = DA(a[0]);
    Time* t = T(a[1]);
    Value tz = a[2].is_null() ? t->tzinfo : a[2];
    return new_datetime_subclass(vm, args[0], d->year, d->month, d->day, t->hour, t->minute, t->second, t->us, tz, t->fold);
}

// Where the date/time separator of a fromisoformat string is (CPython 3.11's
// _find_isoformat_datetime_separator), or -1.
int64_t iso_separator(std::string const& s)
{
    size_t len = s.size();
    if (len == 7)
        return 7;
    char const* d = s.c_str();
    if (len > 4 && d[4] == '-') {
        if (len > 5 && d[5] == 'W') {
            if (len < 8)
                return -1;
            if (len > 8 && d[8] == '-') {
                if (len == 9)
                    return -1;
                if (len > 10 && is_digit(d[10]))
                    return 8;
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if (len > 4 && d[4] == 'W') {
        size_t idx = 7;
        for (; idx < len; ++idx)
            if (!is_digit(d[idx]))
                break;
        if (idx < 9)
            return int64_t(idx);
        return idx % 2 == 0 ? 7 : 8;
    }
    return 8;
}

Value dt_fromisoformat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fromisoformat", kwnames) || !unpack_args(vm, "fromisoformat", nargs - 1, 1, 1))
        return Value::null();
    std::string s;
    if (!iso_text(vm, args[1], s))
        return Value::null();
    int64_t sep = iso_separator(s);
    if (sep < 0 || s.size() < 7)
        return invalid_iso(vm, args[1]);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, us = 0, tzs = 0, tzus = 0;
    // The date part alone, so the parser cannot run into the separator.
    std::string date_part = s.substr(0, size_t(std::min<int64_t>(sep, int64_t(s.size()))));
    int rv = parse_iso_date(date_part.c_str(), date_part.size(), y, mo, d);
    if (!rv && int64_t(s.size()) > sep) {
        char const* p = s.c_str() + sep + 1;
        size_t len = s.size() - size_t(sep) - 1;
        rv = len ? parse_iso_time(p, len, h, mi, sec, us, tzs, tzus) : -3;
    }
    if (rv < 0)
        return invalid_iso(vm, args[1]);
    Value tz = TRY(tzinfo_from_iso(vm, rv, tzs, tzus));
    return new_datetime_subclass(vm, args[0], y, mo, d, h, mi, sec, us, tz, 0);
}

Value dt_strptime(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "strptime", kwnames) || !unpack_args(vm, "strptime", nargs - 1, 2, 2) ||
        !str_param(vm, "strptime", 1, args[1]) || !str_param(vm, "strptime", 2, args[2]))
        return Value::null();
    Value f = TRY(import_attr(vm, "_strptime", "_strptime_datetime"));
    Value a[3] = { args[0], args[1], args[2] };
    return call(vm, f, a, 3);
}

Value dt_date(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "date", nargs - 1, kwnames))
        return Value::null();
    DateTime* d = DT(args[0]);
    return new_date_type(vm, g_date, d->year, d->month, d->day);
}
Value dt_time(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "time", nargs - 1, kwnames))
        return Value::null();
    DateTime* d = DT(args[0]);
    return new_time_type(vm, g_time, d->hour, d->minute, d->second, d->us, py_none(), d->fold);
}
Value dt_timetz(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "timetz", nargs - 1, kwnames))
        return Value::null();
    DateTime* d = DT(args[0]);
    return new_time_type(vm, g_time, d->hour, d->minute, d->second, d->us, d->tzinfo, d->fold);
}

Value dt_ctime(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "ctime", nargs - 1, kwnames))
        return Value::null();
    DateTime* d = DT(args[0]);
    return format_ctime(vm, d->year, d->month, d->day, d->hour, d->minute, d->second);
}

Value dt_utcoffset(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "utcoffset", nargs - 1, kwnames))
        return Value::null();
    return call_utcoffset(vm, DT(args[0])->tzinfo, args[0]);
}
Value dt_dst(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "dst", nargs - 1, kwnames))
        return Value::null();
    return call_dst(vm, DT(args[0])->tzinfo, args[0]);
}
Value dt_tzname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "tzname", nargs - 1, kwnames))
        return Value::null();
    return call_tzname(vm, DT(args[0])->tzinfo, args[0]);
}

Value dt_timetuple(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "timetuple", nargs - 1, kwnames))
        return Value::null();
    DateTime* d = DT(args[0]);
    int dstflag = -1;
    if (!is_none(d->tzinfo)) {
        Value dst = TRY(call_dst(vm, d->tzinfo, args[0]));
        if (!is_none(dst)) {
            TimeDelta* dd = D(dst);
            dstflag = (dd->days || dd->seconds || dd->us) ? 1 : 0;
        }
    }
    return build_struct_time(vm, d->year, d->month, d->day, d->hour, d->minute, d->second, dstflag);
}

Value datetime_add_delta(VM& vm, Value dt, TimeDelta const* delta, int factor)
{
    DateTime* d = DT(dt);
    int64_t y = d->year, mo = d->month, dd = int64_t(d->day) + int64_t(delta->days) * factor, h = d->hour, mi = d->minute,
            s = int64_t(d->second) + int64_t(delta->seconds) * factor, us = int64_t(d->us) + int64_t(delta->us) * factor;
    if (!normalize_datetime(vm, y, mo, dd, h, mi, s, us))
        return Value::null();
    return new_datetime_subclass(vm, Value::from_object(type_of(dt)), y, mo, dd, h, mi, s, us, d->tzinfo, 0);
}

Value dt_utctimetuple(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "utctimetuple", nargs - 1, kwnames))
        return Value::null();
    Value self = args[0];
    DateTime* d = DT(self);
    int64_t y = d->year, mo = d->month, dd = d->day, h = d->hour, mi = d->minute, s = d->second, us = d->us;
    if (!is_none(d->tzinfo)) {
        Value off = TRY(call_utcoffset(vm, d->tzinfo, self));
        if (!is_none(off)) {
            TimeDelta* o = D(off);
            dd -= o->days;
            s -= o->seconds;
            us -= o->us;
            if (!normalize_datetime(vm, y, mo, dd, h, mi, s, us))
                return Value::null();
        }
    }
    return build_struct_time(vm, int(y), int(mo), int(dd), int(h), int(mi), int(s), 0);
}

i128 datetime_us(DateTime const* d)
{
    return ((i128(ymd_to_ord(d->year, d->month, d->day)) * 86400 + d->hour * 3600 + d->minute * 60 + d->second)) * kUsPerSecond +
           d->us;
}

Value dt_timestamp(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "timestamp", nargs - 1, kwnames))
        return Value::null();
    DateTime* d = DT(args[0]);
    if (!is_none(d->tzinfo)) {
        Value off = TRY(call_utcoffset(vm, d->tzinfo, args[0]));
        if (!is_none(off)) {
            i128 us = datetime_us(d) - delta_to_us(D(off)) - i128(kEpochSeconds) * kUsPerSecond;
            Value n = TRY(int_from_i128(vm, us));
            return int_true_divide(vm, n, Value::small_int(kUsPerSecond));
        }
    }
    int64_t secs;
    if (!local_to_seconds(vm, d->year, d->month, d->day, d->hour, d->minute, d->second, d->fold, secs))
        return Value::null();
    return Value::from_double(double(secs - kEpochSeconds) + d->us / 1e6);
}

Value dt_isoformat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "isoformat", args + 1, nargs - 1, kwnames, { "sep", "timespec" }, 0, a))
        return Value::null();
    std::string sep = "T";
    if (!a[0].is_null()) {
        String* s = as_str(a[0]);
        if (!s || s->length != 1)
            return raise_fmt(vm, exc::TypeError, "isoformat() argument 1 must be a unicode character, not %s", type_name(a[0]));
        sep = s->view();
    }
    if (!a[1].is_null() && !str_param(vm, "isoformat", 2, a[1]))
        return Value::null();
    DateTime* d = DT(args[0]);
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->year, d->month, d->day);
    std::string s = buf;
    s += sep;
    if (!timespec_format(vm, s, a[1].is_null() ? "auto" : as_str(a[1])->c_str(), d->hour, d->minute, d->second, d->us) ||
        !format_utcoffset(vm, s, ":", d->tzinfo, args[0]))
        return Value::null();
    return str_of(vm, s);
}

Value dt_str(VM& vm, Value const* args, size_t, Tuple*)
{
    Value sp = TRY(str_of(vm, " "));
    return call_method(vm, args[0], intern(vm, "isoformat"), &sp, 1);
}

Value dt_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    DateTime* d = DT(args[0]);
    char buf[96];
    if (d->us)
        snprintf(buf, sizeof buf, "(%d, %d, %d, %d, %d, %d, %d)", d->year, d->month, d->day, d->hour, d->minute, d->second, d->us);
    else if (d->second)
        snprintf(buf, sizeof buf, "(%d, %d, %d, %d, %d, %d)", d->year, d->month, d->day, d->hour, d->minute, d->second);
    else
        snprintf(buf, sizeof buf, "(%d, %d, %d, %d, %d)", d->year, d->month, d->day, d->hour, d->minute);
    return repr_with_extras(vm, std::string(tp_name_of(args[0])) + buf, d->fold, d->tzinfo, true);
}

Value dt_replace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[9];
    if (!parse_with_fold(vm, "replace", args + 1, nargs - 1, kwnames,
                         { "year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold" }, 0, a))
        return Value::null();
    DateTime* d = DT(args[0]);
    int64_t v[8] = { d->year, d->month, d->day, d->hour, d->minute, d->second, d->us, d->fold };
    for (int i = 0; i < 7; ++i)
        if (!a[i].is_null() && !int_arg(vm, a[i], v[i]))
            return Value::null();
    if (!a[8].is_null() && !int_arg(vm, a[8], v[7]))
        return Value::null();
    return new_datetime_type(vm, type_of(args[0]), v[0], v[1], v[2], v[3], v[4], v[5], v[6], a[7].is_null() ? d->tzinfo : a[7], v[7]);
}

// The fixed-offset timezone of the C library's local time at POSIX time t.
Value local_timezone_at(VM& vm, int64_t t)
{
    tm lt;
    if (!broken_down_time(vm, t, true, lt))
        return Value::null();
    Value off = TRY(new_delta(vm, 0, lt.tm_gmtoff, 0));
    Value name = Value::null();
    if (lt.tm_zone) {
        Value localname = TRY(str_of(vm, lt.tm_zone));
        name = localname;
    }
    return new_timezone(vm, off, name);
}

Value dt_astimezone(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "astimezone", args + 1, nargs - 1, kwnames, { "tz" }, 0, a))
        return Value::null();
    Value tz = a[0].is_null() ? py_none() : a[0];
    if (!check_tzinfo_arg(vm, tz))
        return Value::null();
    Value self = args[0];
    DateTime* d = DT(self);
    Value self_tz = d->tzinfo;
    Value offset;
    for (;;) {
        if (is_none(self_tz)) {
            int64_t secs;
            if (!local_to_seconds(vm, d->year, d->month, d->day, d->hour, d->minute, d->second, d->fold, secs))
                return Value::null();
            self_tz = TRY(local_timezone_at(vm, secs - kEpochSeconds));
        }
        if (self_tz.is(tz))
            return self;
        offset = TRY(call_utcoffset(vm, self_tz, self));
        if (!is_none(offset))
            break;
        self_tz = py_none();
    }
    Value result = TRY(datetime_add_delta(vm, self, D(offset), -1));
    if (!is_datetime(result))
        return raise(vm, exc::TypeError, "astimezone: result is not a datetime");
    DateTime* r = DT(result);
    r->tzinfo = g_utc;
    r->hashcode = -1;
    if (is_none(tz)) {
        i128 secs = datetime_us(r) / kUsPerSecond - kEpochSeconds;
        tz = TRY(local_timezone_at(vm, int64_t(secs)));
    }
    r->tzinfo = tz;
    return call_method(vm, tz, intern(vm, "fromutc"), &result, 1);
}

Value dt_reduce_impl(VM& vm, Value self, int64_t proto)
{
    DateTime* d = DT(self);
    unsigned char st[10];
    datetime_state(d, st, proto > 3);
    Bytes* b = state_bytes(vm, st, 10);
    if (!b)
        return Value::null();
    Tuple* inner = is_none(d->tzinfo) ? tuple_pack(vm, { Value::from_object(b) }) : tuple_pack(vm, { Value::from_object(b), d->tzinfo });
    if (!inner)
        return Value::null();
    Tuple* r = tuple_pack(vm, { Value::from_object(type_of(self)), Value::from_object(inner) });
    return r ? Value::from_object(r) : Value::null();
}
Value dt_reduce_ex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__reduce_ex__", kwnames) || !unpack_args(vm, "__reduce_ex__", nargs - 1, 1, 1))
        return Value::null();
    int64_t proto;
    if (!int_arg(vm, args[1], proto))
        return Value::null();
    return dt_reduce_impl(vm, args[0], proto);
}
Value dt_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "datetime", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return dt_reduce_impl(vm, args[0], 2);
}

// utcoffset() of the datetime with fold=0 (hash and equality ignore fold).
Value utcoffset_fold0(VM& vm, Value self)
{
    DateTime* d = DT(self);
    if (is_none(d->tzinfo))
        return py_none();
    Value self0 = self;
    if (d->fold)
        self0 = TRY(new_datetime_type(vm, type_of(self), d->year, d->month, d->day, d->hour, d->minute, d->second, d->us, d->tzinfo, 0));
    return call_utcoffset(vm, d->tzinfo, self0);
}

Value dt_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    DateTime* d = DT(args[0]);
    if (d->hashcode == -1) {
        Value off = TRY(utcoffset_fold0(vm, args[0]));
        int64_t h;
        bool ok;
        if (is_none(off)) {
            unsigned char st[10];
            datetime_state(d, st, false);
            h = hash_state(vm, st, 10, ok);
        } else {
            Value delta = TRY(delta_from_us(vm, datetime_us(d) - delta_to_us(D(off))));
            h = delta_hash(vm, D(delta), ok);
        }
        if (!ok)
            return Value::null();
        d->hashcode = h;
    }
    return int_v(vm, d->hashcode);
}

// Whether flipping the fold of `dt` changes its utcoffset (PEP 495: such times are never
// equal to a time in another zone).
int fold_changes_offset(VM& vm, Value dt, Value offset)
{
    DateTime* d = DT(dt);
    if (is_none(d->tzinfo))
        return 0;
    Value flip = new_datetime_type(vm, type_of(dt), d->year, d->month, d->day, d->hour, d->minute, d->second, d->us, d->tzinfo, !d->fold);
    if (flip.is_null())
        return -1;
    Value off = call_utcoffset(vm, d->tzinfo, flip);
    if (off.is_null())
        return -1;
    if (off.is(offset))
        return 0;
    int eq = equal(vm, off, offset);
    return eq < 0 ? -1 : !eq;
}

template<CmpArg op>
Value dt_richcmp(VM& vm, Value const* args, size_t, Tuple*)
{
    Value self = args[0], other = args[1];
    if (!is_datetime(other)) {
        if (is_date(other)) {
            if (op == CmpArg::EQ)
                return py_false();
            if (op == CmpArg::NE)
                return py_true();
            return raise_fmt(vm, exc::TypeError, "can't compare %s to %s", tp_name_of(self), tp_name_of(other));
        }
        return py_not_implemented();
    }
    DateTime *a = DT(self), *b = DT(other);
    if (a->tzinfo.is(b->tzinfo))
        return py_bool(cmp_result(cmp3(datetime_us(a), datetime_us(b)), op));
    Value o1 = TRY(call_utcoffset(vm, a->tzinfo, self));
    Value o2 = TRY(call_utcoffset(vm, b->tzinfo, other));
    bool n1 = is_none(o1), n2 = is_none(o2);
    int diff;
    if (n1 != n2) {
        if (op == CmpArg::EQ)
            return py_false();
        if (op == CmpArg::NE)
            return py_true();
        return raise(vm, exc::TypeError, "can't compare offset-naive and offset-aware datetimes");
    }
    if (n1 || delta_to_us(D(o1)) == delta_to_us(D(o2)))
        diff = cmp3(datetime_us(a), datetime_us(b));
    else
        diff = cmp3(datetime_us(a) - delta_to_us(D(o1)), datetime_us(b) - delta_to_us(D(o2)));
    if ((op == CmpArg::EQ || op == CmpArg::NE) && diff == 0 && !(n1 && n2)) {
        int ex = fold_changes_offset(vm, self, o1);
        if (ex == 0)
            ex = fold_changes_offset(vm, other, o2);
        if (ex < 0)
            return Value::null();
        if (ex)
            diff = 1;
    }
    return py_bool(cmp_result(diff, op));
}

Value dt_add_impl(VM& vm, Value left, Value right)
{
    if (is_datetime(left) && is_delta(right))
        return datetime_add_delta(vm, left, D(right), 1);
    if (is_delta(left) && is_datetime(right))
        return datetime_add_delta(vm, right, D(left), 1);
    return py_not_implemented();
}
Value dt_add(VM& vm, Value const* args, size_t, Tuple*) { return dt_add_impl(vm, args[0], args[1]); }
Value dt_radd(VM& vm, Value const* args, size_t, Tuple*) { return dt_add_impl(vm, args[1], args[0]); }

Value dt_sub(VM& vm, Value const* args, size_t, Tuple*)
{
    Value left = args[0], right = args[1];
    if (!is_datetime(left))
        return py_not_implemented();
    if (is_delta(right))
        return datetime_add_delta(vm, left, D(right), -1);
    if (!is_datetime(right))
        return py_not_implemented();
    DateTime *a = DT(left), *b = DT(right);
    i128 offdiff = 0;
    if (!a->tzinfo.is(b->tzinfo)) {
        Value o1 = TRY(call_utcoffset(vm, a->tzinfo, left));
        Value o2 = TRY(call_utcoffset(vm, b->tzinfo, right));
        if (is_none(o1) != is_none(o2))
            return raise(vm, exc::TypeError, "can't subtract offset-naive and offset-aware datetimes");
        if (!is_none(o1))
            offdiff = delta_to_us(D(o1)) - delta_to_us(D(o2));
    }
    return delta_from_us(vm, datetime_us(a) - datetime_us(b) - offdiff);
}

// ------------------------------------------------------------------ module

Value delta_const(VM& vm, int64_t d, int64_t s, int64_t us)
{
    return new_delta_type(vm, g_timedelta, d, s, us, false);
}

void make_types(VM& vm)
{
    g_timedelta = make_module_type(vm, "datetime", "timedelta", nullptr, sizeof(TimeDelta), TF_BASETYPE);
    add_methods(vm, g_timedelta, {
        { "__new__", td_new, METH_STATIC }, { "total_seconds", td_total_seconds }, { "__reduce__", td_reduce },
        { "__repr__", td_repr }, { "__str__", td_str }, { "__hash__", td_hash }, { "__bool__", td_bool },
        { "__add__", td_add }, { "__radd__", td_add }, { "__sub__", td_sub }, { "__rsub__", td_rsub },
        { "__neg__", td_neg }, { "__pos__", td_pos }, { "__abs__", td_abs }, { "__mul__", td_mul }, { "__rmul__", td_mul },
        { "__truediv__", td_truediv }, { "__floordiv__", td_floordiv }, { "__mod__", td_mod }, { "__divmod__", td_divmod },
        { "__lt__", td_cmp<CmpArg::LT> }, { "__le__", td_cmp<CmpArg::LE> }, { "__eq__", td_cmp<CmpArg::EQ> },
        { "__ne__", td_cmp<CmpArg::NE> }, { "__gt__", td_cmp<CmpArg::GT> }, { "__ge__", td_cmp<CmpArg::GE> },
    });
    add_getsets(vm, g_timedelta, { { "days", td_days }, { "seconds", td_seconds }, { "microseconds", td_microseconds } });
    finish_builtin_type(vm, g_timedelta);

    g_date = make_module_type(vm, "datetime", "date", nullptr, sizeof(Date), TF_BASETYPE);
    add_methods(vm, g_date, {
        { "__new__", date_new, METH_STATIC }, { "today", date_today, METH_CLASS },
        { "fromtimestamp", date_fromtimestamp, METH_CLASS }, { "fromordinal", date_fromordinal, METH_CLASS },
        { "fromisoformat", date_fromisoformat, METH_CLASS }, { "fromisocalendar", date_fromisocalendar, METH_CLASS },
        { "ctime", date_ctime }, { "strftime", date_strftime }, { "__format__", date_format }, { "timetuple", date_timetuple },
        { "isocalendar", date_isocalendar }, { "isoformat", date_isoformat }, { "isoweekday", date_isoweekday },
        { "weekday", date_weekday }, { "toordinal", date_toordinal }, { "replace", date_replace }, { "__reduce__", date_reduce },
        { "__repr__", date_repr }, { "__str__", date_str }, { "__hash__", date_hash },
        { "__add__", date_add }, { "__radd__", date_radd }, { "__sub__", date_sub },
        { "__lt__", date_richcmp<CmpArg::LT> }, { "__le__", date_richcmp<CmpArg::LE> }, { "__eq__", date_richcmp<CmpArg::EQ> },
        { "__ne__", date_richcmp<CmpArg::NE> }, { "__gt__", date_richcmp<CmpArg::GT> }, { "__ge__", date_richcmp<CmpArg::GE> },
    });
    add_getsets(vm, g_date, { { "year", date_year }, { "month", date_month }, { "day", date_day } });
    finish_builtin_type(vm, g_date);

    g_tzinfo = make_module_type(vm, "datetime", "tzinfo", nullptr, sizeof(Object), TF_BASETYPE);
    add_methods(vm, g_tzinfo, {
        { "__new__", tzinfo_new, METH_STATIC }, { "tzname", tzinfo_tzname }, { "utcoffset", tzinfo_utcoffset }, { "dst", tzinfo_dst },
        { "fromutc", tzinfo_fromutc }, { "__reduce__", tzinfo_reduce },
    });
    finish_builtin_type(vm, g_tzinfo);

    g_timezone = make_module_type(vm, "datetime", "timezone", g_tzinfo, sizeof(TimeZone), 0, trace_timezone);
    add_methods(vm, g_timezone, {
        { "__new__", timezone_new, METH_STATIC }, { "utcoffset", timezone_utcoffset }, { "dst", timezone_dst },
        { "tzname", timezone_tzname }, { "fromutc", timezone_fromutc }, { "__getinitargs__", timezone_getinitargs },
        { "__repr__", timezone_repr }, { "__str__", timezone_str }, { "__hash__", timezone_hash },
        { "__eq__", timezone_cmp<CmpArg::EQ> }, { "__ne__", timezone_cmp<CmpArg::NE> },
    });
    finish_builtin_type(vm, g_timezone);

    g_time = make_module_type(vm, "datetime", "time", nullptr, sizeof(Time), TF_BASETYPE, trace_time);
    add_methods(vm, g_time, {
        { "__new__", time_new, METH_STATIC }, { "utcoffset", time_utcoffset }, { "dst", time_dst }, { "tzname", time_tzname },
        { "isoformat", time_isoformat }, { "strftime", date_strftime }, { "__format__", date_format },
        { "fromisoformat", time_fromisoformat, METH_CLASS }, { "replace", time_replace },
        { "__reduce_ex__", time_reduce_ex }, { "__reduce__", time_reduce }, { "__repr__", time_repr }, { "__str__", time_str },
        { "__hash__", time_hash },
        { "__lt__", time_richcmp<CmpArg::LT> }, { "__le__", time_richcmp<CmpArg::LE> }, { "__eq__", time_richcmp<CmpArg::EQ> },
        { "__ne__", time_richcmp<CmpArg::NE> }, { "__gt__", time_richcmp<CmpArg::GT> }, { "__ge__", time_richcmp<CmpArg::GE> },
    });
    add_getsets(vm, g_time, { { "hour", time_hour }, { "minute", time_minute }, { "second", time_second },
                              { "microsecond", time_microsecond }, { "tzinfo", time_tzinfo }, { "fold", time_fold } });
    finish_builtin_type(vm, g_time);

    g_datetime = make_module_type(vm, "datetime", "datetime", g_date, sizeof(DateTime), TF_BASETYPE, trace_datetime);
    add_methods(vm, g_datetime, {
        { "__new__", datetime_new, METH_STATIC }, { "now", dt_now, METH_CLASS }, { "utcnow", dt_utcnow, METH_CLASS },
        { "fromtimestamp", dt_fromtimestamp, METH_CLASS }, { "utcfromtimestamp", dt_utcfromtimestamp, METH_CLASS },
        { "combine", dt_combine, METH_CLASS }, { "fromisoformat", dt_fromisoformat, METH_CLASS },
        { "strptime", dt_strptime, METH_CLASS },
        { "date", dt_date }, { "time", dt_time }, { "timetz", dt_timetz }, { "ctime", dt_ctime }, { "timetuple", dt_timetuple },
        { "utctimetuple", dt_utctimetuple }, { "timestamp", dt_timestamp }, { "utcoffset", dt_utcoffset }, { "dst", dt_dst },
        { "tzname", dt_tzname }, { "isoformat", dt_isoformat }, { "replace", dt_replace }, { "astimezone", dt_astimezone },
        { "__reduce_ex__", dt_reduce_ex }, { "__reduce__", dt_reduce }, { "__repr__", dt_repr }, { "__str__", dt_str },
        { "__hash__", dt_hash }, { "__add__", dt_add }, { "__radd__", dt_radd }, { "__sub__", dt_sub },
        { "__lt__", dt_richcmp<CmpArg::LT> }, { "__le__", dt_richcmp<CmpArg::LE> }, { "__eq__", dt_richcmp<CmpArg::EQ> },
        { "__ne__", dt_richcmp<CmpArg::NE> }, { "__gt__", dt_richcmp<CmpArg::GT> }, { "__ge__", dt_richcmp<CmpArg::GE> },
    });
    add_getsets(vm, g_datetime, { { "hour", dt_hour }, { "minute", dt_minute }, { "second", dt_second },
                                  { "microsecond", dt_microsecond }, { "tzinfo", dt_tzinfo }, { "fold", dt_fold } });
    finish_builtin_type(vm, g_datetime);

    g_isocal = struct_seq_type(vm, "datetime", "IsoCalendarDate", { "year", "week", "weekday" }, 3);
    add_methods(vm, g_isocal, { { "__reduce__", isocal_reduce } });

    // Class attributes: the extremes and resolutions (made once, with the types).
    add_attribute(vm, g_timedelta, "min", delta_const(vm, -kMaxDeltaDays, 0, 0));
    add_attribute(vm, g_timedelta, "max", delta_const(vm, kMaxDeltaDays, 86399, 999999));
    add_attribute(vm, g_timedelta, "resolution", delta_const(vm, 0, 0, 1));
    add_attribute(vm, g_date, "min", new_date_type(vm, g_date, 1, 1, 1));
    add_attribute(vm, g_date, "max", new_date_type(vm, g_date, 9999, 12, 31));
    add_attribute(vm, g_date, "resolution", delta_const(vm, 1, 0, 0));
    add_attribute(vm, g_time, "min", new_time_type(vm, g_time, 0, 0, 0, 0, py_none(), 0));
    add_attribute(vm, g_time, "max", new_time_type(vm, g_time, 23, 59, 59, 999999, py_none(), 0));
    add_attribute(vm, g_time, "resolution", delta_const(vm, 0, 0, 1));
    add_attribute(vm, g_datetime, "min", new_datetime_type(vm, g_datetime, 1, 1, 1, 0, 0, 0, 0, py_none(), 0));
    add_attribute(vm, g_datetime, "max", new_datetime_type(vm, g_datetime, 9999, 12, 31, 23, 59, 59, 999999, py_none(), 0));
    add_attribute(vm, g_datetime, "resolution", delta_const(vm, 0, 0, 1));
    g_utc = new_timezone(vm, delta_const(vm, 0, 0, 0), Value::null());
    add_attribute(vm, g_timezone, "utc", g_utc);
    add_attribute(vm, g_timezone, "min", new_timezone(vm, delta_const(vm, -1, 60, 0), Value::null()));
    add_attribute(vm, g_timezone, "max", new_timezone(vm, delta_const(vm, 0, 86340, 0), Value::null()));
}

} // namespace

Module* make_datetime_module(VM& vm)
{
    if (!g_timedelta)
        make_types(vm);
    Module* m = module_new(vm, "_datetime");
    module_add(vm, m, "MINYEAR", Value::small_int(kMinYear));
    module_add(vm, m, "MAXYEAR", Value::small_int(kMaxYear));
    module_add(vm, m, "timedelta", Value::from_object(g_timedelta));
    module_add(vm, m, "date", Value::from_object(g_date));
    module_add(vm, m, "time", Value::from_object(g_time));
    module_add(vm, m, "datetime", Value::from_object(g_datetime));
    module_add(vm, m, "tzinfo", Value::from_object(g_tzinfo));
    module_add(vm, m, "timezone", Value::from_object(g_timezone));
    module_add(vm, m, "UTC", g_utc);
    return m;
}

} // namespace slpy
