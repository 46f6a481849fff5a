// The time module: clocks (time, monotonic, perf_counter, process_time, thread_time and
// their _ns forms), sleep, and the calendar conversions over the C library
// (gmtime, localtime, mktime, asctime, ctime, strftime, struct_time), with CPython
// 3.11's argument conversions and error messages.
//
// time.sleep in a thread, or while other tasklets are runnable, parks the tasklet on a
// scheduler timer (others run meanwhile); alone, it sleeps the VM's thread.
#include "stackless/modules/native_support.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "scheduler/scheduler.h"
#include "stackless/modules/records.h"
#include "stackless/vm/interpreter.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <ctime>
#include <string>

namespace slpy {

namespace {

constexpr int64_t kNsPerSec = 1000000000;

TypeObject* g_struct_time = nullptr; // rooted by the struct sequence registry

// ------------------------------------------------------------------ clocks

int64_t clock_ns(clockid_t id)
{
    timespec ts {};
    clock_gettime(id, &ts);
    return int64_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
}

// _PyTime_AsSecondsDouble: exact for whole seconds, else ns / 1e9.
double ns_to_seconds(int64_t ns)
{
    if (ns % kNsPerSec == 0)
        return double(ns / kNsPerSec);
    return double(ns) / 1e9;
}

template<clockid_t Id>
Value clock_seconds(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 0, 0))
        return Value::null();
    return Value::from_double(ns_to_seconds(clock_ns(Id)));
}

template<clockid_t Id>
Value clock_nanoseconds(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 0, 0))
        return Value::null();
    return int_from_i64(vm, clock_ns(Id));
}

#define SLPY_CLOCK_FUNCTIONS(fn, clock)                                                         \
    Value time_##fn(VM& vm, Value const*, size_t nargs, Tuple* kw)                              \
    {                                                                                           \
        return clock_seconds<clock>(vm, "time." #fn, nargs, kw);                                \
    }                                                                                           \
    Value time_##fn##_ns(VM& vm, Value const*, size_t nargs, Tuple* kw)                         \
    {                                                                                           \
        return clock_nanoseconds<clock>(vm, "time." #fn "_ns", nargs, kw);                      \
    }
SLPY_CLOCK_FUNCTIONS(time, CLOCK_REALTIME)
SLPY_CLOCK_FUNCTIONS(monotonic, CLOCK_MONOTONIC)
SLPY_CLOCK_FUNCTIONS(perf_counter, CLOCK_MONOTONIC)
SLPY_CLOCK_FUNCTIONS(process_time, CLOCK_PROCESS_CPUTIME_ID)
SLPY_CLOCK_FUNCTIONS(thread_time, CLOCK_THREAD_CPUTIME_ID)
#undef SLPY_CLOCK_FUNCTIONS

Value clock_id_arg(VM& vm, Value v, clockid_t& out)
{
    int64_t n;
    if (!index_i64(vm, v, n))
        return Value::null();
    if (n < INT_MIN || n > INT_MAX)
        return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
    out = clockid_t(n);
    return py_none();
}

Value raise_errno(VM& vm, int err)
{
    Tuple* args = tuple_pack(vm, { Value::small_int(err), str_value(vm, std::strerror(err)) });
    return args ? raise_with_args(vm, exc::OSError, args) : Value::null();
}

Value time_clock_gettime(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "time.clock_gettime", kw) || !check_nargs(vm, "time.clock_gettime", nargs, 1, 1))
        return Value::null();
    clockid_t id = CLOCK_REALTIME;
    TRY(clock_id_arg(vm, args[0], id));
    timespec ts {};
    if (clock_gettime(id, &ts) != 0)
        return raise_errno(vm, errno);
    return Value::from_double(double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9);
}

Value time_clock_gettime_ns(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "time.clock_gettime_ns", kw) || !check_nargs(vm, "time.clock_gettime_ns", nargs, 1, 1))
        return Value::null();
    clockid_t id = CLOCK_REALTIME;
    TRY(clock_id_arg(vm, args[0], id));
    timespec ts {};
    if (clock_gettime(id, &ts) != 0)
        return raise_errno(vm, errno);
    return int_from_i64(vm, int64_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec);
}

// time.get_clock_info(name): a namespace describing one of the clocks.
Value time_get_clock_info(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "get_clock_info", kw) || !check_nargs(vm, "get_clock_info", nargs, 1, 1))
        return Value::null();
    String* name = as_str(args[0]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "get_clock_info() argument 1 must be str, not %s", type_name(args[0]));
    std::string_view n = name->view();
    char const* impl;
    bool monotonic = true, adjustable = false;
    clockid_t id = CLOCK_REALTIME;
    if (n == "time") {
        impl = "clock_gettime(CLOCK_REALTIME)";
        id = CLOCK_REALTIME;
        monotonic = false;
        adjustable = true;
    } else if (n == "monotonic" || n == "perf_counter") {
        impl = "clock_gettime(CLOCK_MONOTONIC)";
        id = CLOCK_MONOTONIC;
    } else if (n == "process_time") {
        impl = "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)";
        id = CLOCK_PROCESS_CPUTIME_ID;
    } else if (n == "thread_time") {
        impl = "clock_gettime(CLOCK_THREAD_CPUTIME_ID)";
        id = CLOCK_THREAD_CPUTIME_ID;
    } else {
        return raise(vm, exc::ValueError, "unknown clock");
    }
    timespec res {};
    clock_getres(id, &res);
    double resolution = double(res.tv_sec) + double(res.tv_nsec) * 1e-9;
    Dict* d = dict_new(vm);
    if (!d || !dict_set_str(vm, d, intern(vm, "implementation"), str_value(vm, impl))
        || !dict_set_str(vm, d, intern(vm, "monotonic"), py_bool(monotonic))
        || !dict_set_str(vm, d, intern(vm, "adjustable"), py_bool(adjustable))
        || !dict_set_str(vm, d, intern(vm, "resolution"), Value::from_double(resolution)))
        return Value::null();
    return simple_namespace_new(vm, d);
}

// ------------------------------------------------------------------ sleep

Value time_overflow(VM& vm) { return raise(vm, exc::OverflowError, "timestamp out of range for platform time_t"); }

} // namespace

bool seconds_to_ns(VM& vm, Value v, int64_t& out)
{
    if (is_instance_fast(v, types.float_)) {
        double d;
        if (!to_double(vm, v, d))
            return false;
        if (std::isnan(d)) {
            raise(vm, exc::ValueError, "Invalid value NaN (not a number)");
            return false;
        }
        d *= 1e9;
        d = d >= 0 ? std::ceil(d) : std::floor(d);
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
            time_overflow(vm);
            return false;
        }
        out = int64_t(d);
        return true;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    int64_t secs;
    if (!int_to_i64(int_unwrap(i), secs) || secs > INT64_MAX / kNsPerSec || secs < INT64_MIN / kNsPerSec) {
        raise(vm, exc::OverflowError, "timestamp too large to convert to C _PyTime_t");
        return false;
    }
    out = secs * kNsPerSec;
    return true;
}

namespace {

Value time_sleep(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    bool soft = interp(vm).take_soft_call();
    if (!check_no_kwargs(vm, "time.sleep", kw) || !check_nargs(vm, "time.sleep", nargs, 1, 1))
        return Value::null();
    int64_t ns;
    if (!seconds_to_ns(vm, args[0], ns))
        return Value::null();
    if (ns < 0)
        return raise(vm, exc::ValueError, "sleep length must be non-negative");
    Scheduler* s = scheduler_of(vm);
    if (s && s->current && (s->threads_on || s->runcount() > 1)) {
        // Threads (or other tasklets) can run meanwhile: the tasklet sleeps on a timer
        // (scheduler README "Threads"); alone, park() sleeps right there.
        return s->park(nullptr, nullptr, Scheduler::now_ns() + ns, py_none(), soft, "time.sleep");
    }
    // Sleep until an absolute deadline so that interruptions do not stretch the wait.
    timespec deadline {};
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    int64_t total = int64_t(deadline.tv_nsec) + ns % kNsPerSec;
    deadline.tv_sec += time_t(ns / kNsPerSec + total / kNsPerSec);
    deadline.tv_nsec = long(total % kNsPerSec);
    for (;;) {
        // Ctrl-C (before or during the sleep: EINTR) ends it with KeyboardInterrupt.
        if (!check_pending(vm))
            return Value::null();
        int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
        if (r == 0)
            break;
        if (r != EINTR)
            return raise_errno(vm, r);
    }
    return py_none();
}

// ------------------------------------------------------------------ calendar

// _PyTime_ObjectToTime_t with _PyTime_ROUND_FLOOR (None: now).
bool object_to_time_t(VM& vm, Value v, time_t& out)
{
    if (v.is_null() || is_none(v)) {
        out = time(nullptr);
        return true;
    }
    if (is_instance_fast(v, types.float_)) {
        double d;
        if (!to_double(vm, v, d))
            return false;
        if (std::isnan(d)) {
            raise(vm, exc::ValueError, "Invalid value NaN (not a number)");
            return false;
        }
        d = std::floor(d);
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
            time_overflow(vm);
            return false;
        }
        out = time_t(d);
        return true;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    int64_t n;
    if (!int_to_i64(int_unwrap(i), n)) {
        time_overflow(vm);
        return false;
    }
    out = time_t(n);
    return true;
}

// A struct_time from a broken-down time (tmtotuple).
Value tm_to_struct_time(VM& vm, tm const& t)
{
    Value zone = t.tm_zone ? str_value(vm, t.tm_zone) : py_none();
    Value v[11] = { Value::small_int(int64_t(t.tm_year) + 1900), Value::small_int(t.tm_mon + 1), Value::small_int(t.tm_mday),
                    Value::small_int(t.tm_hour), Value::small_int(t.tm_min), Value::small_int(t.tm_sec),
                    Value::small_int((t.tm_wday + 6) % 7), Value::small_int(t.tm_yday + 1), Value::small_int(t.tm_isdst),
                    zone, int_from_i64(vm, t.tm_gmtoff) };
    return struct_seq_new(vm, g_struct_time, v, 11);
}

bool broken_down(VM& vm, time_t when, bool local, tm& out)
{
    errno = 0;
    tm* r = local ? localtime_r(&when, &out) : gmtime_r(&when, &out);
    if (!r) {
        raise_errno(vm, errno ? errno : EINVAL);
        return false;
    }
    return true;
}

Value gmtime_or_localtime(VM& vm, Value const* args, size_t nargs, Tuple* kw, char const* name, bool local)
{
    if (!check_no_kwargs(vm, name, kw))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "%s() takes at most 1 argument (%zu given)", name, nargs);
    time_t when;
    tm t {};
    if (!object_to_time_t(vm, nargs ? args[0] : Value::null(), when) || !broken_down(vm, when, local, t))
        return Value::null();
    return tm_to_struct_time(vm, t);
}

Value time_gmtime(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return gmtime_or_localtime(vm, args, nargs, kw, "gmtime", false); }
Value time_localtime(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return gmtime_or_localtime(vm, args, nargs, kw, "localtime", true); }

// gettmarg: a 9-tuple or struct_time to a broken-down time (month, weekday and
// year-day shifted to C's conventions). A struct_time also gives tm_zone/tm_gmtoff;
// `zone` keeps the zone text alive for the caller.
bool tuple_to_tm(VM& vm, Value v, tm& out, char const* fname, std::string& zone)
{
    out = tm {};
    Tuple* t = as_tuple(v);
    if (!t) {
        raise(vm, exc::TypeError, "Tuple or struct_time argument required");
        return false;
    }
    if (t->size != 9) {
        raise_fmt(vm, exc::TypeError, "%s(): illegal time tuple argument", fname);
        return false;
    }
    int f[9];
    for (size_t i = 0; i < 9; ++i)
        if (!int_arg(vm, t->items[i], f[i]))
            return false;
    if (f[0] < INT_MIN + 1900) {
        raise(vm, exc::OverflowError, "year out of range");
        return false;
    }
    out.tm_year = f[0] - 1900;
    out.tm_mon = f[1] - 1;
    out.tm_mday = f[2];
    out.tm_hour = f[3];
    out.tm_min = f[4];
    out.tm_sec = f[5];
    out.tm_wday = (f[6] + 1) % 7;
    out.tm_yday = f[7] - 1;
    out.tm_isdst = f[8];
    if (type_of(v) == g_struct_time) {
        Value z = struct_seq_get(vm, v, 9);
        if (z.is_null())
            return false;
        if (!is_none(z)) {
            String* s = as_str(z);
            if (!s) {
                raise_fmt(vm, exc::TypeError, "bad argument type for built-in operation");
                return false;
            }
            zone.assign(s->view());
            out.tm_zone = zone.c_str();
        }
        Value off = struct_seq_get(vm, v, 10);
        if (off.is_null())
            return false;
        if (!is_none(off)) {
            int64_t n;
            if (!index_i64(vm, off, n))
                return false;
            out.tm_gmtoff = long(n);
        }
    }
    return true;
}

// checktm: the ranges strftime and asctime index arrays with (0 is accepted for the
// month, the day of the month and the day of the year).
bool check_tm(VM& vm, tm& t)
{
    char const* err = nullptr;
    if (t.tm_mon == -1)
        t.tm_mon = 0;
    else if (t.tm_mon < 0 || t.tm_mon > 11)
        err = "month out of range";
    if (!err) {
        if (t.tm_mday == 0)
            t.tm_mday = 1;
        else if (t.tm_mday < 0 || t.tm_mday > 31)
            err = "day of month out of range";
    }
    if (!err && (t.tm_hour < 0 || t.tm_hour > 23))
        err = "hour out of range";
    if (!err && (t.tm_min < 0 || t.tm_min > 59))
        err = "minute out of range";
    if (!err && (t.tm_sec < 0 || t.tm_sec > 61))
        err = "seconds out of range";
    if (!err && t.tm_wday < 0)
        err = "day of week out of range";
    if (!err) {
        if (t.tm_yday == -1)
            t.tm_yday = 0;
        else if (t.tm_yday < 0 || t.tm_yday > 365)
            err = "day of year out of range";
    }
    if (err) {
        raise(vm, exc::ValueError, err);
        return false;
    }
    return true;
}

// _asctime: "Sun Jun 20 23:21:05 1993".
Value format_asctime(VM& vm, tm const& t)
{
    static char const wday[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static char const mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %lld", wday[t.tm_wday], mon[t.tm_mon], t.tm_mday, t.tm_hour,
                  t.tm_min, t.tm_sec, static_cast<long long>(t.tm_year) + 1900);
    return str_value(vm, buf);
}

Value time_asctime(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "asctime", kw) || !check_nargs(vm, "asctime", nargs, 0, 1))
        return Value::null();
    tm t {};
    std::string zone;
    if (nargs == 0 || is_none(args[0])) {
        if (!broken_down(vm, time(nullptr), true, t))
            return Value::null();
    } else if (!tuple_to_tm(vm, args[0], t, "asctime", zone) || !check_tm(vm, t)) {
        return Value::null();
    }
    return format_asctime(vm, t);
}

Value time_ctime(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "ctime", kw))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "ctime() takes at most 1 argument (%zu given)", nargs);
    time_t when;
    tm t {};
    if (!object_to_time_t(vm, nargs ? args[0] : Value::null(), when) || !broken_down(vm, when, true, t))
        return Value::null();
    return format_asctime(vm, t);
}

Value time_mktime(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "time.mktime", kw) || !check_nargs(vm, "time.mktime", nargs, 1, 1))
        return Value::null();
    tm t {};
    std::string zone;
    if (!tuple_to_tm(vm, args[0], t, "mktime", zone))
        return Value::null();
    t.tm_wday = -1; // sentinel: mktime sets it on success
    time_t r = mktime(&t);
    if (r == time_t(-1) && t.tm_wday == -1)
        return raise(vm, exc::OverflowError, "mktime argument out of range");
    return Value::from_double(double(r));
}

// strftime's output is valid UTF-8, except that lone surrogates of the format (kept as
// generalized UTF-8, e.g. "%y\ud800") pass through unchanged, as CPython's wcsftime
// keeps them.
bool strftime_output_valid(std::string_view s)
{
    size_t off = 0;
    while (off < s.size()) {
        size_t bad = utf8_validate(s.substr(off));
        if (bad == std::string::npos)
            return true;
        size_t p = off + bad;
        auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
        if (p + 2 < s.size() && b(p) == 0xED && (b(p + 1) & 0xE0) == 0xA0 && (b(p + 2) & 0xC0) == 0x80) {
            off = p + 3;
            continue;
        }
        return false;
    }
    return true;
}

Value time_strftime(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "strftime", kw))
        return Value::null();
    if (nargs < 1)
        return raise_fmt(vm, exc::TypeError, "strftime() takes at least 1 argument (%zu given)", nargs);
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "strftime() takes at most 2 arguments (%zu given)", nargs);
    String* format = as_str(args[0]);
    if (!format)
        return raise_fmt(vm, exc::TypeError, "strftime() argument 1 must be str, not %s", type_name(args[0]));
    tm t {};
    std::string zone;
    if (nargs == 1) {
        if (!broken_down(vm, time(nullptr), true, t))
            return Value::null();
    } else if (!tuple_to_tm(vm, args[1], t, "strftime", zone) || !check_tm(vm, t)) {
        return Value::null();
    }
    // Normalize tm_isdst for C libraries that index with it.
    if (t.tm_isdst < -1)
        t.tm_isdst = -1;
    else if (t.tm_isdst > 1)
        t.tm_isdst = 1;
    std::string fmt(format->view());
    if (fmt.find('\0') != std::string::npos)
        return raise(vm, exc::ValueError, "embedded null character");
    if (fmt.empty())
        return str_value(vm, "");
    // Grow the buffer until the result fits; an empty result from a large buffer is
    // taken as genuinely empty (a lone "%Z" with no zone, ...).
    for (size_t size = 1024;; size += size) {
        std::string buf(size, '\0');
        size_t n = strftime(buf.data(), size, fmt.c_str(), &t);
        if (n > 0 || size >= 256 * fmt.size()) {
            buf.resize(n);
            if (!strftime_output_valid(buf))
                return raise(vm, exc::ValueError, "strftime() produced invalid UTF-8");
            return str_value(vm, buf);
        }
    }
}

// ------------------------------------------------------------------ time zone

// As CPython on glibc: the offsets and names of January and July of this year.
void set_timezone_attributes(VM& vm, Module* m)
{
    tzset();
    constexpr time_t kYear = (365 * 24 + 6) * 3600;
    time_t t = (time(nullptr) / kYear) * kYear;
    tm jan {}, jul {};
    localtime_r(&t, &jan);
    t += kYear / 2;
    localtime_r(&t, &jul);
    long janzone = -jan.tm_gmtoff, julzone = -jul.tm_gmtoff;
    std::string janname = jan.tm_zone ? std::string(jan.tm_zone).substr(0, 9) : "";
    std::string julname = jul.tm_zone ? std::string(jul.tm_zone).substr(0, 9) : "";
    Value tzname;
    if (janzone < julzone) {
        // DST is reversed in the southern hemisphere.
        module_add(vm, m, "timezone", Value::small_int(julzone));
        module_add(vm, m, "altzone", Value::small_int(janzone));
        tzname = Value::from_object(tuple_pack(vm, { str_value(vm, julname), str_value(vm, janname) }));
    } else {
        module_add(vm, m, "timezone", Value::small_int(janzone));
        module_add(vm, m, "altzone", Value::small_int(julzone));
        tzname = Value::from_object(tuple_pack(vm, { str_value(vm, janname), str_value(vm, julname) }));
    }
    module_add(vm, m, "daylight", Value::small_int(janzone != julzone));
    module_add(vm, m, "tzname", tzname);
}

Value time_tzset(VM& vm, Value const*, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "time.tzset", kw) || !check_nargs(vm, "time.tzset", nargs, 0, 0))
        return Value::null();
    String* time_name = intern(vm, "time");
    if (!time_name)
        return Value::null();
    Value mod = interp(vm).import_module(time_name);
    if (mod.is_null())
        return mod;
    if (type_of(mod) == types.module)
        set_timezone_attributes(vm, mod.as<Module>());
    // Setting them only fails by running out of memory (module_add reports nothing).
    if (vm.has_error())
        return Value::null();
    return py_none();
}

// time.strptime(string, format="%a %b %d %H:%M:%S %Y"): as CPython, the parsing is the
// pure-Python _strptime module's.
Value time_strptime(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "strptime", kw) || !check_nargs(vm, "strptime", nargs, 1, 2))
        return Value::null();
    Value module = TRY(interp(vm).import_module(intern(vm, "_strptime")));
    Value parse = TRY(getattr(vm, module, intern(vm, "_strptime_time")));
    return call(vm, parse, args, nargs);
}

} // namespace

Module* make_time_module(VM& vm)
{
    if (!g_struct_time) {
        g_struct_time = struct_seq_type(vm, "time", "struct_time",
                                        { "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday",
                                          "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff" },
                                        9);
        if (!g_struct_time)
            return nullptr;
    }
    Module* m = module_new(vm, "time");
    module_add_functions(vm, m, {
        { "time", time_time },
        { "time_ns", time_time_ns },
        { "monotonic", time_monotonic },
        { "monotonic_ns", time_monotonic_ns },
        { "perf_counter", time_perf_counter },
        { "perf_counter_ns", time_perf_counter_ns },
        { "process_time", time_process_time },
        { "process_time_ns", time_process_time_ns },
        { "thread_time", time_thread_time },
        { "thread_time_ns", time_thread_time_ns },
        { "clock_gettime", time_clock_gettime },
        { "clock_gettime_ns", time_clock_gettime_ns },
        { "get_clock_info", time_get_clock_info },
        { "sleep", time_sleep },
        { "gmtime", time_gmtime },
        { "localtime", time_localtime },
        { "mktime", time_mktime },
        { "asctime", time_asctime },
        { "ctime", time_ctime },
        { "strftime", time_strftime },
        { "strptime", time_strptime },
        { "tzset", time_tzset },
    });
    // sleep may park the tasklet (threads): the loop calls it on its switch path.
    Value sleep = dict_get_str(vm, m->dict, intern(vm, "sleep"));
    if (!sleep.is_null() && type_of(sleep) == types.builtin_function)
        sleep.as<BuiltinFunction>()->mflags |= METH_SWITCH;
    module_add(vm, m, "struct_time", Value::from_object(g_struct_time));
    module_add(vm, m, "_STRUCT_TM_ITEMS", Value::small_int(11)); // fields incl. tm_zone, tm_gmtoff
    module_add(vm, m, "CLOCK_REALTIME", Value::small_int(CLOCK_REALTIME));
    module_add(vm, m, "CLOCK_MONOTONIC", Value::small_int(CLOCK_MONOTONIC));
    module_add(vm, m, "CLOCK_MONOTONIC_RAW", Value::small_int(CLOCK_MONOTONIC_RAW));
    module_add(vm, m, "CLOCK_PROCESS_CPUTIME_ID", Value::small_int(CLOCK_PROCESS_CPUTIME_ID));
    module_add(vm, m, "CLOCK_THREAD_CPUTIME_ID", Value::small_int(CLOCK_THREAD_CPUTIME_ID));
    module_add(vm, m, "CLOCK_BOOTTIME", Value::small_int(CLOCK_BOOTTIME));
    module_add(vm, m, "CLOCK_TAI", Value::small_int(CLOCK_TAI));
    set_timezone_attributes(vm, m);
    return m;
}

} // namespace slpy
