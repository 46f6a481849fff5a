// The pwd and grp modules: the password and group databases through the C library
// (getpwuid_r, getpwnam_r, getpwent, getgrgid_r, getgrnam_r, getgrent), with CPython
// 3.11's struct_passwd / struct_group results and messages. tarfile, shutil.chown,
// pathlib's expanduser and getpass use them.
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/modules/os_support.h"
#include "stackless/modules/records.h"

#include <cerrno>
#include <grp.h>
#include <pwd.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace slpy {

namespace {

TypeObject* g_struct_passwd = nullptr; // rooted by the struct sequence registry
TypeObject* g_struct_group = nullptr;

// CPython's _Py_Uid_Converter / _Py_Gid_Converter: an integer (with __index__) that fits
// an id_t, -1 standing for (id_t)-1. `what` is "uid" or "gid".
bool id_arg(VM& vm, Value v, char const* what, uint32_t& out)
{
    if (v.is_double()) {
        raise_fmt(vm, exc::TypeError, "%s should be integer, not float", what);
        return false;
    }
    Value i = index(vm, v);
    if (i.is_null()) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            raise_fmt(vm, exc::TypeError, "%s should be integer, not %s", what, type_name(v));
        }
        return false;
    }
    int64_t x;
    bool fits = int_to_i64(int_unwrap(i), x);
    if (fits && x == -1) {
        out = uint32_t(-1);
        return true;
    }
    if (int_sign(int_unwrap(i)) < 0) {
        raise_fmt(vm, exc::OverflowError, "%s is less than minimum", what);
        return false;
    }
    if (!fits || x > int64_t(UINT32_MAX)) {
        raise_fmt(vm, exc::OverflowError, "%s is greater than maximum", what);
        return false;
    }
    out = uint32_t(x);
    return true;
}

// A name argument: a str, as the kernel's bytes.
bool name_arg(VM& vm, char const* fname, Value v, std::string& out)
{
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "%s() argument must be str, not %s", fname, type_name(v));
        return false;
    }
    if (!fs_encode(vm, s, out))
        return false;
    if (out.find('\0') != std::string::npos) {
        raise(vm, exc::ValueError, "embedded null byte");
        return false;
    }
    return true;
}

// The scratch buffer the *_r functions fill, grown while they report ERANGE.
size_t initial_buffer(int name)
{
    long n = sysconf(name);
    return n > 0 ? size_t(n) : 1024;
}

// ------------------------------------------------------------------ pwd

Value passwd_value(VM& vm, passwd const& p)
{
    Value v[7] = {
        fs_decode(vm, p.pw_name), fs_decode(vm, p.pw_passwd ? p.pw_passwd : ""), int_from_u64(vm, p.pw_uid),
        int_from_u64(vm, p.pw_gid), fs_decode(vm, p.pw_gecos ? p.pw_gecos : ""), fs_decode(vm, p.pw_dir),
        fs_decode(vm, p.pw_shell),
    };
    for (Value const& x : v)
        if (x.is_null())
            return x;
    return struct_seq_new(vm, g_struct_passwd, v, 7);
}

// Runs a getpw*_r lookup with a growing buffer: the entry, null (nothing raised) when
// not found, or false with an error pending.
template<typename Lookup>
bool pw_lookup(VM& vm, Lookup lookup, passwd& entry, passwd*& found, std::string& buf)
{
    buf.assign(initial_buffer(_SC_GETPW_R_SIZE_MAX), '\0');
    for (;;) {
        int err = lookup(&entry, buf.data(), buf.size(), &found);
        if (err != ERANGE) // any other failure reads as "not found", as in CPython
            return true;
        if (!vm.heap.reserve_buffer(buf, buf.size() * 2))
            return false;
        buf.resize(buf.size() * 2);
    }
}

#define SLPY_PG_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// getpwuid(uid, /)
SLPY_PG_FN(pwd_getpwuid)
{
    if (!check_no_kwargs(vm, "getpwuid", kwnames) || !check_nargs(vm, "getpwuid", nargs, 1, 1))
        return Value::null();
    uint32_t uid;
    if (!id_arg(vm, args[0], "uid", uid)) {
        // An id no uid_t holds is simply not in the database.
        if (!vm.error_matches(exc::OverflowError))
            return Value::null();
        vm.clear_error();
        return raise(vm, exc::KeyError, "getpwuid(): uid not found");
    }
    passwd entry;
    passwd* found = nullptr;
    std::string buf;
    if (!pw_lookup(vm, [&](passwd* e, char* b, size_t n, passwd** r) { return getpwuid_r(uid_t(uid), e, b, n, r); }, entry, found, buf))
        return Value::null();
    if (!found)
        return raise_fmt(vm, exc::KeyError, "getpwuid(): uid not found: %lu", static_cast<unsigned long>(uid));
    return passwd_value(vm, entry);
}

// getpwnam(name, /)
SLPY_PG_FN(pwd_getpwnam)
{
    if (!check_no_kwargs(vm, "getpwnam", kwnames) || !check_nargs(vm, "getpwnam", nargs, 1, 1))
        return Value::null();
    std::string name;
    if (!name_arg(vm, "getpwnam", args[0], name))
        return Value::null();
    passwd entry;
    passwd* found = nullptr;
    std::string buf;
    if (!pw_lookup(vm, [&](passwd* e, char* b, size_t n, passwd** r) { return getpwnam_r(name.c_str(), e, b, n, r); }, entry, found, buf))
        return Value::null();
    if (!found) {
        Value r = repr(vm, args[0]);
        if (r.is_null())
            return r;
        return raise_fmt(vm, exc::KeyError, "getpwnam(): name not found: %s", as_str(r)->c_str());
    }
    return passwd_value(vm, entry);
}

// getpwall(): every entry, in the database's order.
SLPY_PG_FN(pwd_getpwall)
{
    if (!check_no_kwargs(vm, "getpwall", kwnames) || !check_nargs(vm, "getpwall", nargs, 0, 0))
        return Value::null();
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    setpwent();
    bool ok = true;
    while (passwd* p = getpwent()) {
        Value v = passwd_value(vm, *p);
        if (v.is_null() || !list_append(vm, out, v)) {
            ok = false;
            break;
        }
    }
    endpwent();
    return ok ? Value::from_object(out) : Value::null();
}

// ------------------------------------------------------------------ grp

Value group_value(VM& vm, group const& g)
{
    List* members = list_new(vm);
    if (!members)
        return Value::null();
    for (char** m = g.gr_mem; m && *m; ++m) {
        Value s = fs_decode(vm, *m);
        if (s.is_null() || !list_append(vm, members, s))
            return Value::null();
    }
    Value v[4] = {
        fs_decode(vm, g.gr_name), fs_decode(vm, g.gr_passwd ? g.gr_passwd : ""), int_from_u64(vm, g.gr_gid),
        Value::from_object(members),
    };
    for (Value const& x : v)
        if (x.is_null())
            return x;
    return struct_seq_new(vm, g_struct_group, v, 4);
}

template<typename Lookup>
bool gr_lookup(VM& vm, Lookup lookup, group& entry, group*& found, std::string& buf)
{
    buf.assign(initial_buffer(_SC_GETGR_R_SIZE_MAX), '\0');
    for (;;) {
        int err = lookup(&entry, buf.data(), buf.size(), &found);
        if (err != ERANGE)
            return true;
        if (!vm.heap.reserve_buffer(buf, buf.size() * 2))
            return false;
        buf.resize(buf.size() * 2);
    }
}

// getgrgid(id, /)
SLPY_PG_FN(grp_getgrgid)
{
    Value a[1];
    if (!parse_args(vm, "getgrgid", args, nargs, kwnames, { "id" }, 1, a))
        return Value::null();
    uint32_t gid;
    if (!id_arg(vm, a[0], "gid", gid))
        return Value::null();
    group entry;
    group* found = nullptr;
    std::string buf;
    if (!gr_lookup(vm, [&](group* e, char* b, size_t n, group** r) { return getgrgid_r(gid_t(gid), e, b, n, r); }, entry, found, buf))
        return Value::null();
    if (!found) {
        Value s = to_str(vm, a[0]);
        if (s.is_null())
            return s;
        return raise_fmt(vm, exc::KeyError, "getgrgid(): gid not found: %s", as_str(s)->c_str());
    }
    return group_value(vm, entry);
}

// getgrnam(name, /)
SLPY_PG_FN(grp_getgrnam)
{
    Value a[1];
    if (!parse_args(vm, "getgrnam", args, nargs, kwnames, { "name" }, 1, a))
        return Value::null();
    std::string name;
    if (!name_arg(vm, "getgrnam", a[0], name))
        return Value::null();
    group entry;
    group* found = nullptr;
    std::string buf;
    if (!gr_lookup(vm, [&](group* e, char* b, size_t n, group** r) { return getgrnam_r(name.c_str(), e, b, n, r); }, entry, found, buf))
        return Value::null();
    if (!found) {
        Value r = repr(vm, a[0]);
        if (r.is_null())
            return r;
        return raise_fmt(vm, exc::KeyError, "getgrnam(): name not found: %s", as_str(r)->c_str());
    }
    return group_value(vm, entry);
}

// getgrall(): every group, in the database's order.
SLPY_PG_FN(grp_getgrall)
{
    if (!check_no_kwargs(vm, "getgrall", kwnames) || !check_nargs(vm, "getgrall", nargs, 0, 0))
        return Value::null();
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    setgrent();
    bool ok = true;
    while (group* g = getgrent()) {
        Value v = group_value(vm, *g);
        if (v.is_null() || !list_append(vm, out, v)) {
            ok = false;
            break;
        }
    }
    endgrent();
    return ok ? Value::from_object(out) : Value::null();
}

#undef SLPY_PG_FN

} // namespace

Module* make_pwd_module(VM& vm)
{
    if (!g_struct_passwd)
        g_struct_passwd = struct_seq_type(vm, "pwd", "struct_passwd",
                                          { "pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell" }, 7);
    Module* m = module_new(vm, "pwd");
    module_add_functions(vm, m, { { "getpwuid", pwd_getpwuid }, { "getpwnam", pwd_getpwnam }, { "getpwall", pwd_getpwall } });
    module_add(vm, m, "struct_passwd", Value::from_object(g_struct_passwd));
    return m;
}

Module* make_grp_module(VM& vm)
{
    if (!g_struct_group)
        g_struct_group = struct_seq_type(vm, "grp", "struct_group", { "gr_name", "gr_passwd", "gr_gid", "gr_mem" }, 4);
    Module* m = module_new(vm, "grp");
    module_add_functions(vm, m, { { "getgrgid", grp_getgrgid }, { "getgrnam", grp_getgrnam }, { "getgrall", grp_getgrall } });
    module_add(vm, m, "struct_group", Value::from_object(g_struct_group));
    return m;
}

} // namespace slpy
