// The posix module: what CPython's os.py, posixpath, shutil, tempfile, pathlib and glob
// call, as thin wrappers over the POSIX calls with CPython's argument conventions (str
// or bytes paths, os.PathLike, dir_fd/follow_symlinks keywords) and OSError subclasses.
// Processes: fork (with register_at_fork's callbacks), execv/execve, wait/waitpid and the
// process-group calls; _posixsubprocess (posixsubprocess.cpp) does subprocess's fork+exec.
#include "stackless/modules/os_support.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/iterators.h"
#include "objects/int.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/imports/imports.h"
#include "stackless/modules/native_support.h"
#include "stackless/modules/records.h"
#include "scheduler/scheduler.h"
#include "stackless/vm/interpreter.h"

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char** environ;

namespace slpy {

// ---- shared with the other os modules (os_support.h)

std::vector<char*> c_array(std::vector<std::string>& v)
{
    std::vector<char*> out;
    out.reserve(v.size() + 1);
    for (std::string& s : v)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// ------------------------------------------------------------------ shared helpers

Value fs_decode(VM& vm, std::string_view bytes)
{
    std::string out;
    std::string_view rest(bytes);
    while (!rest.empty()) {
        size_t bad_len = 0;
        size_t bad = utf8_validate(rest, &bad_len);
        if (bad == std::string_view::npos) {
            out.append(rest);
            break;
        }
        out.append(rest.substr(0, bad));
        if (bad_len == 0)
            bad_len = 1;
        for (size_t i = 0; i < bad_len && bad + i < rest.size(); ++i)
            utf8_append(out, 0xDC00 + static_cast<unsigned char>(rest[bad + i]));
        rest.remove_prefix(std::min(rest.size(), bad + bad_len));
    }
    return str_value(vm, out);
}

bool fs_encode(VM& vm, String* s, std::string& out)
{
    std::string_view v = s->view();
    out.clear();
    out.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(v[i]);
        // A lone surrogate is stored as its 3-byte generalized UTF-8 form: ED A0..BF xx.
        if (c == 0xED && i + 2 < v.size() && (static_cast<unsigned char>(v[i + 1]) & 0xE0) == 0xA0) {
            uint32_t cp = 0xD000 | ((uint32_t(static_cast<unsigned char>(v[i + 1])) & 0x3F) << 6) |
                          (uint32_t(static_cast<unsigned char>(v[i + 2])) & 0x3F);
            if (cp >= 0xDC80 && cp <= 0xDCFF) {
                out.push_back(char(cp - 0xDC00));
                i += 2;
                continue;
            }
            // Any other surrogate: the codec raises its UnicodeEncodeError (position, reason).
            if (!str_encode(vm, s, "utf-8", "surrogateescape").is_null())
                raise(vm, exc::SystemError, "fs_encode: the codec accepted a surrogate");
            return false;
        }
        out.push_back(char(c));
    }
    return true;
}

bool path_arg(VM& vm, Value v, char const* fname, char const* argname, bool allow_fd, PathArg& out, bool allow_none)
{
    out.object = v;
    if (allow_none && is_none(v)) {
        out.path = ".";
        return true;
    }
    if (allow_fd && v.is_int()) {
        int64_t fd = v.as_int();
        if (fd < 0 || fd > INT_MAX) {
            raise(vm, exc::ValueError, "fd must be a non-negative integer");
            return false;
        }
        out.fd = int(fd);
        return true;
    }
    Value p = v;
    if (!as_str(p) && !as_bytes(p)) {
        String* fspath = intern(vm, "__fspath__");
        Value meth = fspath ? getattr_opt(vm, Value::from_object(type_of(p)), fspath) : Value::null();
        if (meth.is_null())
            return false;
        if (meth.is_not_found()) {
            raise_fmt(vm, exc::TypeError, "%s: %s should be string, bytes%s or os.PathLike, not %s", fname, argname,
                      allow_fd ? ", integer" : "", type_name(v));
            return false;
        }
        p = call_method(vm, p, fspath, nullptr, 0);
        if (p.is_null())
            return false;
        if (!as_str(p) && !as_bytes(p)) {
            raise_fmt(vm, exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s", type_name(v), type_name(p));
            return false;
        }
    }
    if (String* s = as_str(p)) {
        if (!fs_encode(vm, s, out.path))
            return false;
    } else {
        out.path.assign(as_bytes(p)->view());
        out.is_bytes = true;
    }
    if (out.path.find('\0') != std::string::npos) {
        raise_fmt(vm, exc::ValueError, "%s: embedded null character in %s", fname, argname);
        return false;
    }
    return true;
}

Value raise_os_error(VM& vm, int err, Value filename, Value filename2)
{
    Value args[5] = { Value::small_int(err), str_value(vm, std::strerror(err)), filename, py_none(), filename2 };
    size_t n = filename.is_null() ? 2 : filename2.is_null() ? 3 : 5;
    Value e = call(vm, Value::from_object(exc::OSError), args, n);
    if (e.is_null())
        return e;
    vm.set_error(e);
    return Value::null();
}

namespace {

// A name as the caller's path type: bytes for bytes paths, str otherwise.
Value name_value(VM& vm, std::string_view name, bool as_bytes_result)
{
    if (as_bytes_result) {
        Bytes* b = bytes_new(vm, name);
        return b ? Value::from_object(b) : Value::null();
    }
    return fs_decode(vm, name);
}


// dir_fd=None only: slpy's posix has no *at() variants yet.
bool no_dir_fd(VM& vm, Value dir_fd, char const* fname)
{
    if (dir_fd.is_null() || is_none(dir_fd))
        return true;
    raise_fmt(vm, exc::NotImplementedError, "%s: dir_fd unavailable on this platform", fname);
    return false;
}

bool follow(VM& vm, Value v, bool& out)
{
    if (v.is_null()) {
        out = true;
        return true;
    }
    int t = truthy(vm, v);
    if (t < 0)
        return false;
    out = t > 0;
    return true;
}

// ------------------------------------------------------------------ the module's types

struct PosixState {
    TypeObject* stat_result = nullptr;
    TypeObject* terminal_size = nullptr;
    TypeObject* times_result = nullptr;
    TypeObject* uname_result = nullptr;
    TypeObject* dir_entry = nullptr;
    TypeObject* scandir_iterator = nullptr;
    // os.register_at_fork's callbacks: before, after_in_child, after_in_parent.
    List* at_fork[3] = { nullptr, nullptr, nullptr };
};

PosixState& state(VM& vm);

Value time_float(VM& vm, struct timespec ts) { return Value::from_double(double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9); }

Value time_ns(VM& vm, struct timespec ts)
{
    Mpz z;
    mpz_set_si(z, ts.tv_sec);
    mpz_mul_ui(z, z, 1000000000u);
    if (ts.tv_nsec >= 0)
        mpz_add_ui(z, z, uint64_t(ts.tv_nsec));
    return int_from_mpz(vm, z);
}

Value make_stat_result(VM& vm, struct stat const& st)
{
    Value v[19] = {
        Value::small_int(st.st_mode),
        int_from_u64(vm, st.st_ino),
        int_from_u64(vm, st.st_dev),
        int_from_u64(vm, st.st_nlink),
        int_from_u64(vm, st.st_uid),
        int_from_u64(vm, st.st_gid),
        int_from_i64(vm, st.st_size),
        int_from_i64(vm, st.st_atim.tv_sec),
        int_from_i64(vm, st.st_mtim.tv_sec),
        int_from_i64(vm, st.st_ctim.tv_sec),
        time_float(vm, st.st_atim),
        time_float(vm, st.st_mtim),
        time_float(vm, st.st_ctim),
        time_ns(vm, st.st_atim),
        time_ns(vm, st.st_mtim),
        time_ns(vm, st.st_ctim),
        int_from_i64(vm, st.st_blksize),
        int_from_i64(vm, st.st_blocks),
        int_from_u64(vm, st.st_rdev),
    };
    for (Value const& x : v)
        if (x.is_null())
            return x;
    return struct_seq_new(vm, state(vm).stat_result, v, 19);
}

// stat/lstat/fstat core: `follow_links` false means lstat.
Value do_stat(VM& vm, PathArg const& p, bool follow_links)
{
    struct stat st;
    int r = p.fd >= 0 ? ::fstat(p.fd, &st) : follow_links ? ::stat(p.path.c_str(), &st) : ::lstat(p.path.c_str(), &st);
    if (r != 0)
        return raise_os_error(vm, errno, p.object);
    return make_stat_result(vm, st);
}

// ------------------------------------------------------------------ functions

Value posix_stat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "stat", args, nargs, kwnames, { "path", "dir_fd", "follow_symlinks" }, 1, a) || !no_dir_fd(vm, a[1], "stat"))
        return Value::null();
    PathArg p;
    bool f;
    if (!path_arg(vm, a[0], "stat", "path", true, p) || !follow(vm, a[2], f))
        return Value::null();
    return do_stat(vm, p, f);
}

Value posix_lstat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "lstat", args, nargs, kwnames, { "path", "dir_fd" }, 1, a) || !no_dir_fd(vm, a[1], "lstat"))
        return Value::null();
    PathArg p;
    if (!path_arg(vm, a[0], "lstat", "path", false, p))
        return Value::null();
    return do_stat(vm, p, false);
}

Value posix_fstat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "fstat", args, nargs, kwnames, { "fd" }, 1, a))
        return Value::null();
    PathArg p;
    if (!int_arg(vm, a[0], p.fd))
        return Value::null();
    p.object = Value::null();
    struct stat st;
    if (::fstat(p.fd, &st) != 0)
        return raise_os_error(vm, errno);
    return make_stat_result(vm, st);
}

Value posix_getcwd(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "getcwd", kwnames) || !check_nargs(vm, "getcwd", nargs, 0, 0))
        return Value::null();
    char buf[PATH_MAX];
    if (!::getcwd(buf, sizeof buf))
        return raise_os_error(vm, errno);
    return fs_decode(vm, buf);
}

Value posix_getcwdb(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "getcwdb", kwnames) || !check_nargs(vm, "getcwdb", nargs, 0, 0))
        return Value::null();
    char buf[PATH_MAX];
    if (!::getcwd(buf, sizeof buf))
        return raise_os_error(vm, errno);
    return name_value(vm, buf, true);
}

Value posix_chdir(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "chdir", args, nargs, kwnames, { "path" }, 1, a))
        return Value::null();
    PathArg p;
    if (!path_arg(vm, a[0], "chdir", "path", true, p))
        return Value::null();
    int r = p.fd >= 0 ? ::fchdir(p.fd) : ::chdir(p.path.c_str());
    if (r != 0)
        return raise_os_error(vm, errno, p.object);
    return py_none();
}

Value posix_listdir(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "listdir", args, nargs, kwnames, { "path" }, 0, a))
        return Value::null();
    PathArg p;
    if (a[0].is_null()) {
        p.path = ".";
        p.object = str_value(vm, ".");
    } else if (!path_arg(vm, a[0], "listdir", "path", true, p, true)) {
        return Value::null();
    }
    DIR* d;
    if (p.fd >= 0) {
        int fd2 = ::dup(p.fd);
        d = fd2 >= 0 ? ::fdopendir(fd2) : nullptr;
        if (d)
            ::rewinddir(d);
    } else {
        d = ::opendir(p.path.c_str());
    }
    if (!d)
        return raise_os_error(vm, errno, p.object);
    List* out = list_new(vm);
    if (!out) {
        ::closedir(d);
        return Value::null();
    }
    errno = 0;
    while (dirent* e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        Value n = name_value(vm, e->d_name, p.is_bytes);
        if (n.is_null() || !list_append(vm, out, n)) {
            ::closedir(d);
            return Value::null();
        }
        errno = 0;
    }
    int err = errno;
    ::closedir(d);
    if (err)
        return raise_os_error(vm, err, p.object);
    return Value::from_object(out);
}

Value posix_mkdir(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "mkdir", args, nargs, kwnames, { "path", "mode", "dir_fd" }, 1, a) || !no_dir_fd(vm, a[2], "mkdir"))
        return Value::null();
    PathArg p;
    int mode = 0777;
    if (!path_arg(vm, a[0], "mkdir", "path", false, p) || (!a[1].is_null() && !int_arg(vm, a[1], mode)))
        return Value::null();
    if (::mkdir(p.path.c_str(), mode_t(mode)) != 0)
        return raise_os_error(vm, errno, p.object);
    return py_none();
}

// rmdir, unlink/remove: one path, one call.
template<int (*Fn)(char const*)>
Value path_call(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, name, args, nargs, kwnames, { "path", "dir_fd" }, 1, a) || !no_dir_fd(vm, a[1], name))
        return Value::null();
    PathArg p;
    if (!path_arg(vm, a[0], name, "path", false, p))
        return Value::null();
    if (Fn(p.path.c_str()) != 0)
        return raise_os_error(vm, errno, p.object);
    return py_none();
}

Value posix_rmdir(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return path_call<::rmdir>(vm, "rmdir", args, nargs, kwnames); }
Value posix_unlink(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return path_call<::unlink>(vm, "unlink", args, nargs, kwnames); }
Value posix_remove(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return path_call<::unlink>(vm, "remove", args, nargs, kwnames); }

// rename, replace, link, symlink: two paths.
Value two_paths(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, int (*fn)(char const*, char const*))
{
    Value a[4];
    bool is_symlink = std::strcmp(name, "symlink") == 0;
    bool ok = is_symlink ? parse_args(vm, name, args, nargs, kwnames, { "src", "dst", "target_is_directory", "dir_fd" }, 2, a)
                         : parse_args(vm, name, args, nargs, kwnames, { "src", "dst", "src_dir_fd", "dst_dir_fd" }, 2, a);
    if (!ok || !no_dir_fd(vm, a[3], name) || (!is_symlink && !no_dir_fd(vm, a[2], name)))
        return Value::null();
    PathArg s, d;
    if (!path_arg(vm, a[0], name, "src", false, s) || !path_arg(vm, a[1], name, "dst", false, d))
        return Value::null();
    if (fn(s.path.c_str(), d.path.c_str()) != 0)
        return raise_os_error(vm, errno, s.object, d.object);
    return py_none();
}

Value posix_rename(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return two_paths(vm, "rename", args, nargs, kwnames, ::rename); }
Value posix_replace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return two_paths(vm, "replace", args, nargs, kwnames, ::rename); }
Value posix_link(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return two_paths(vm, "link", args, nargs, kwnames, ::link); }
Value posix_symlink(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return two_paths(vm, "symlink", args, nargs, kwnames, ::symlink); }

Value posix_readlink(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "readlink", args, nargs, kwnames, { "path", "dir_fd" }, 1, a) || !no_dir_fd(vm, a[1], "readlink"))
        return Value::null();
    PathArg p;
    if (!path_arg(vm, a[0], "readlink", "path", false, p))
        return Value::null();
    char buf[PATH_MAX + 1];
    ssize_t n = ::readlink(p.path.c_str(), buf, PATH_MAX);
    if (n < 0)
        return raise_os_error(vm, errno, p.object);
    return name_value(vm, std::string_view(buf, size_t(n)), p.is_bytes);
}

Value posix_access(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[5];
    if (!parse_args(vm, "access", args, nargs, kwnames, { "path", "mode", "dir_fd", "effective_ids", "follow_symlinks" }, 2, a) ||
        !no_dir_fd(vm, a[2], "access"))
        return Value::null();
    PathArg p;
    int mode;
    if (!path_arg(vm, a[0], "access", "path", false, p) || !int_arg(vm, a[1], mode))
        return Value::null();
    return py_bool(::access(p.path.c_str(), mode) == 0);
}

Value posix_chmod(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "chmod", args, nargs, kwnames, { "path", "mode", "dir_fd", "follow_symlinks" }, 2, a) ||
        !no_dir_fd(vm, a[2], "chmod"))
        return Value::null();
    PathArg p;
    int mode;
    bool f;
    if (!path_arg(vm, a[0], "chmod", "path", true, p) || !int_arg(vm, a[1], mode) || !follow(vm, a[3], f))
        return Value::null();
    int r = p.fd >= 0 ? ::fchmod(p.fd, mode_t(mode))
            : f       ? ::chmod(p.path.c_str(), mode_t(mode))
                      : ::fchmodat(AT_FDCWD, p.path.c_str(), mode_t(mode), AT_SYMLINK_NOFOLLOW);
    // Linux cannot change a symbolic link's mode: CPython says so this way.
    if (r != 0 && !f && (errno == ENOTSUP || errno == EOPNOTSUPP))
        return raise(vm, exc::NotImplementedError, "chmod: follow_symlinks unavailable on this platform");
    if (r != 0)
        return raise_os_error(vm, errno, p.object);
    return py_none();
}

// A uid or gid argument (CPython's _Py_Uid_Converter / _Py_Gid_Converter): an integer,
// -1 meaning "unchanged".
bool id_arg(VM& vm, Value v, char const* what, unsigned& out)
{
    if (!is_int(v) && type_of(v)->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "%s should be integer, not %s", what, type_name(v));
        return false;
    }
    int64_t n;
    if (!index_i64(vm, v, n)) {
        if (vm.error_matches(exc::OverflowError)) {
            vm.clear_error();
            raise_fmt(vm, exc::OverflowError, "%s is %s", what, is_int(v) && int_sign(v) < 0 ? "less than minimum" : "greater than maximum");
        }
        return false;
    }
    // As CPython's converter: a C long that uid_t cannot hold is "less than minimum".
    if (n < -1 || n > int64_t(UINT32_MAX)) {
        raise_fmt(vm, exc::OverflowError, "%s is less than minimum", what);
        return false;
    }
    out = n == -1 ? unsigned(-1) : unsigned(n);
    return true;
}

// chown / lchown / fchown: `kind` 0, 1, 2.
Value chown_impl(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, int kind)
{
    static constexpr char const* kNames[] = { "chown", "lchown", "fchown" };
    char const* name = kNames[kind];
    Value a[5];
    bool ok = kind == 0 ? parse_args(vm, name, args, nargs, kwnames, { "path", "uid", "gid", "dir_fd", "follow_symlinks" }, 3, a)
            : kind == 1 ? parse_args(vm, name, args, nargs, kwnames, { "path", "uid", "gid", "dir_fd" }, 3, a)
                        : parse_args(vm, name, args, nargs, kwnames, { "fd", "uid", "gid" }, 3, a);
    if (!ok || (kind < 2 && !no_dir_fd(vm, a[3], name)))
        return Value::null();
    PathArg p;
    unsigned uid, gid;
    bool f = kind != 1;
    if (kind == 2) {
        int fd;
        if (!int_arg(vm, a[0], fd))
            return Value::null();
        p.fd = fd;
        p.object = a[0];
    } else if (!path_arg(vm, a[0], name, "path", kind == 0, p)) {
        return Value::null();
    }
    if (!id_arg(vm, a[1], "uid", uid) || !id_arg(vm, a[2], "gid", gid) || (kind == 0 && !follow(vm, a[4], f)))
        return Value::null();
    bool use_fd = kind == 2 || p.fd >= 0;
    if (use_fd && !f)
        return raise_fmt(vm, exc::ValueError, "%s: cannot use fd and follow_symlinks together", name);
    int r = use_fd    ? ::fchown(p.fd, uid_t(uid), gid_t(gid))
            : f       ? ::chown(p.path.c_str(), uid_t(uid), gid_t(gid))
                      : ::lchown(p.path.c_str(), uid_t(uid), gid_t(gid));
    if (r != 0)
        return kind == 2 ? raise_os_error(vm, errno) : raise_os_error(vm, errno, p.object);
    return py_none();
}

Value posix_chown(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return chown_impl(vm, args, nargs, kwnames, 0); }
Value posix_lchown(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return chown_impl(vm, args, nargs, kwnames, 1); }
Value posix_fchown(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return chown_impl(vm, args, nargs, kwnames, 2); }

Value posix_utime(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[5];
    if (!parse_args(vm, "utime", args, nargs, kwnames, { "path", "times", "ns", "dir_fd", "follow_symlinks" }, 1, a) ||
        !no_dir_fd(vm, a[3], "utime"))
        return Value::null();
    PathArg p;
    if (!path_arg(vm, a[0], "utime", "path", true, p))
        return Value::null();
    struct timespec ts[2];
    bool now = true;
    if (!a[1].is_null() && !is_none(a[1])) {
        Tuple* t = as_tuple(a[1]);
        if (!t || t->size != 2)
            return raise(vm, exc::TypeError, "utime: 'times' must be either a tuple of two ints or None");
        for (int i = 0; i < 2; ++i) {
            double d;
            if (t->items[i].is_int())
                d = double(t->items[i].as_int());
            else if (t->items[i].is_double())
                d = t->items[i].as_double();
            else
                return raise(vm, exc::TypeError, "utime: 'times' must be either a tuple of two ints or None");
            double sec = std::floor(d);
            ts[i].tv_sec = time_t(sec);
            ts[i].tv_nsec = long((d - sec) * 1e9);
        }
        now = false;
    } else if (!a[2].is_null()) {
        Tuple* t = as_tuple(a[2]);
        if (!t || t->size != 2)
            return raise(vm, exc::TypeError, "utime: 'ns' must be a tuple of two ints");
        for (int i = 0; i < 2; ++i) {
            int64_t ns;
            if (!index_i64(vm, t->items[i], ns))
                return Value::null();
            ts[i].tv_sec = time_t(ns / 1000000000);
            ts[i].tv_nsec = long(ns % 1000000000);
            if (ts[i].tv_nsec < 0) {
                ts[i].tv_nsec += 1000000000;
                ts[i].tv_sec -= 1;
            }
        }
        now = false;
    }
    bool f;
    if (!follow(vm, a[4], f))
        return Value::null();
    int r = p.fd >= 0 ? ::futimens(p.fd, now ? nullptr : ts) : ::utimensat(AT_FDCWD, p.path.c_str(), now ? nullptr : ts, f ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0)
        return raise_os_error(vm, errno, p.object);
    return py_none();
}

Value posix_open(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "open", args, nargs, kwnames, { "path", "flags", "mode", "dir_fd" }, 2, a) || !no_dir_fd(vm, a[3], "open"))
        return Value::null();
    PathArg p;
    int flags, mode = 0777;
    if (!path_arg(vm, a[0], "open", "path", false, p) || !int_arg(vm, a[1], flags) || (!a[2].is_null() && !int_arg(vm, a[2], mode)))
        return Value::null();
    int fd;
    do {
        fd = ::open(p.path.c_str(), flags | O_CLOEXEC, mode);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return raise_os_error(vm, errno, p.object);
    return Value::small_int(fd);
}

Value posix_close(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd;
    if (!parse_args(vm, "close", args, nargs, kwnames, { "fd" }, 1, a) || !int_arg(vm, a[0], fd))
        return Value::null();
    if (::close(fd) != 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_closerange(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int lo, hi;
    if (!parse_args(vm, "closerange", args, nargs, kwnames, { "fd_low", "fd_high" }, 2, a) || !int_arg(vm, a[0], lo) ||
        !int_arg(vm, a[1], hi))
        return Value::null();
    if (lo < 0)
        lo = 0;
    // close_range(2) (Linux 5.9) closes a large range in one call; older kernels loop.
    if (lo < hi && ::syscall(SYS_close_range, unsigned(lo), unsigned(hi - 1), 0u) != 0)
        for (int fd = lo; fd < hi; ++fd)
            (void)::close(fd);
    return py_none();
}

// With threads running as tasklets, a read that would block (a pipe, a terminal) parks
// only the reading thread until data comes (scheduler/README "Threads"); a non-blocking
// descriptor is read at once, as before.
int green_read_wait(VM& vm, int fd)
{
    Scheduler* sc = scheduler_of(vm);
    if (!sc || !sc->threads_on)
        return 0;
    int fl = ::fcntl(fd, F_GETFL);
    if (fl < 0 || (fl & O_NONBLOCK))
        return 0;
    return wait_fd(vm, fd, POLLIN, -1) < 0 ? -1 : 0;
}

Value posix_read(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int fd;
    int64_t n;
    if (!parse_args(vm, "read", args, nargs, kwnames, { "fd", "length" }, 2, a) || !int_arg(vm, a[0], fd) || !index_i64(vm, a[1], n))
        return Value::null();
    if (n < 0)
        return raise_os_error(vm, EINVAL);
    if (green_read_wait(vm, fd) < 0)
        return Value::null();
    std::string buf(size_t(n), '\0');
    ssize_t got;
    for (;;) {
        got = ::read(fd, buf.data(), size_t(n));
        if (got >= 0 || errno != EINTR)
            break;
        if (!check_pending(vm))
            return Value::null();
    }
    if (got < 0)
        return raise_os_error(vm, errno);
    buf.resize(size_t(got));
    Bytes* b = bytes_new(vm, buf);
    return b ? Value::from_object(b) : Value::null();
}

Value posix_write(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int fd;
    if (!parse_args(vm, "write", args, nargs, kwnames, { "fd", "data" }, 2, a) || !int_arg(vm, a[0], fd))
        return Value::null();
    std::string_view data;
    if (Bytes* b = as_bytes(a[1]))
        data = b->view();
    else if (type_of(a[1]) == types.bytearray || type_of(a[1]) == types.memoryview) {
        Value copy = call1(vm, Value::from_object(types.bytes), a[1]);
        if (copy.is_null())
            return copy;
        data = as_bytes(copy)->view();
        ssize_t w = ::write(fd, data.data(), data.size());
        if (w < 0)
            return raise_os_error(vm, errno);
        return Value::small_int(w);
    } else
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(a[1]));
    ssize_t w;
    for (;;) {
        w = ::write(fd, data.data(), data.size());
        if (w >= 0 || errno != EINTR)
            break;
        if (!check_pending(vm))
            return Value::null();
    }
    if (w < 0)
        return raise_os_error(vm, errno);
    return Value::small_int(w);
}

// sendfile(out_fd, in_fd, offset, count): Linux's sendfile(2), the bytes copied. With an
// offset the input file's position is left alone; None reads from (and moves) it.
Value posix_sendfile(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    int out_fd, in_fd;
    int64_t count;
    if (!parse_args(vm, "sendfile", args, nargs, kwnames, { "out_fd", "in_fd", "offset", "count" }, 4, a) ||
        !int_arg(vm, a[0], out_fd) || !int_arg(vm, a[1], in_fd) || !index_i64(vm, a[3], count))
        return Value::null();
    off_t offset = 0;
    bool at_offset = !is_none(a[2]);
    if (at_offset) {
        int64_t o;
        if (!index_i64(vm, a[2], o))
            return Value::null();
        offset = off_t(o);
    }
    ssize_t sent;
    for (;;) {
        sent = ::sendfile(out_fd, in_fd, at_offset ? &offset : nullptr, size_t(count)); // < 0: EINVAL, as CPython
        if (sent >= 0 || errno != EINTR)
            break;
        if (!check_pending(vm))
            return Value::null();
    }
    if (sent < 0)
        return raise_os_error(vm, errno);
    return int_from_i64(vm, sent);
}

// mkfifo(path, mode=0o666, *, dir_fd=None)
Value posix_mkfifo(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "mkfifo", args, nargs, kwnames, { "path", "mode", "dir_fd" }, 1, a) || !no_dir_fd(vm, a[2], "mkfifo"))
        return Value::null();
    PathArg p;
    int mode = 0666;
    if (!path_arg(vm, a[0], "mkfifo", "path", false, p) || (!a[1].is_null() && !int_arg(vm, a[1], mode)))
        return Value::null();
    int r;
    for (;;) {
        r = ::mkfifo(p.path.c_str(), mode_t(mode));
        if (r == 0 || errno != EINTR)
            break;
        if (!check_pending(vm))
            return Value::null();
    }
    if (r != 0)
        return raise_os_error(vm, errno); // CPython's OSError here names no file
    return py_none();
}

Value posix_lseek(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    int fd, how;
    int64_t pos;
    if (!parse_args(vm, "lseek", args, nargs, kwnames, { "fd", "position", "whence" }, 3, a) || !int_arg(vm, a[0], fd) ||
        !index_i64(vm, a[1], pos) || !int_arg(vm, a[2], how))
        return Value::null();
    off_t r = ::lseek(fd, off_t(pos), how);
    if (r < 0)
        return raise_os_error(vm, errno);
    return int_from_i64(vm, r);
}

Value posix_fsync(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd;
    if (!parse_args(vm, "fsync", args, nargs, kwnames, { "fd" }, 1, a))
        return Value::null();
    if (!a[0].is_int()) {
        Value f = call_method(vm, a[0], names.fileno, nullptr, 0);
        if (f.is_null())
            return f;
        if (!int_arg(vm, f, fd))
            return Value::null();
    } else if (!int_arg(vm, a[0], fd)) {
        return Value::null();
    }
    if (::fsync(fd) != 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_ftruncate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int fd;
    int64_t len;
    if (!parse_args(vm, "ftruncate", args, nargs, kwnames, { "fd", "length" }, 2, a) || !int_arg(vm, a[0], fd) ||
        !index_i64(vm, a[1], len))
        return Value::null();
    if (::ftruncate(fd, off_t(len)) != 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_truncate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    PathArg p;
    int64_t len;
    if (!parse_args(vm, "truncate", args, nargs, kwnames, { "path", "length" }, 2, a) ||
        !path_arg(vm, a[0], "truncate", "path", true, p) || !index_i64(vm, a[1], len))
        return Value::null();
    int r = p.fd >= 0 ? ::ftruncate(p.fd, off_t(len)) : ::truncate(p.path.c_str(), off_t(len));
    if (r != 0)
        return raise_os_error(vm, errno, p.object);
    return py_none();
}

Value posix_isatty(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd;
    if (!parse_args(vm, "isatty", args, nargs, kwnames, { "fd" }, 1, a) || !int_arg(vm, a[0], fd))
        return Value::null();
    return py_bool(::isatty(fd) == 1);
}

Value posix_dup(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd;
    if (!parse_args(vm, "dup", args, nargs, kwnames, { "fd" }, 1, a) || !int_arg(vm, a[0], fd))
        return Value::null();
    int r = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0)
        return raise_os_error(vm, errno);
    return Value::small_int(r);
}

Value posix_dup2(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    int fd, fd2;
    if (!parse_args(vm, "dup2", args, nargs, kwnames, { "fd", "fd2", "inheritable" }, 2, a) || !int_arg(vm, a[0], fd) ||
        !int_arg(vm, a[1], fd2))
        return Value::null();
    bool inheritable = true;
    if (!follow(vm, a[2], inheritable))
        return Value::null();
    int r = inheritable ? ::dup2(fd, fd2) : ::dup3(fd, fd2, O_CLOEXEC);
    if (r < 0)
        return raise_os_error(vm, errno);
    return Value::small_int(r);
}

Value posix_pipe(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "pipe", kwnames) || !check_nargs(vm, "pipe", nargs, 0, 0))
        return Value::null();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return raise_os_error(vm, errno);
    Tuple* t = tuple_pack(vm, { Value::small_int(fds[0]), Value::small_int(fds[1]) });
    return t ? Value::from_object(t) : Value::null();
}

// openpty() -> (master_fd, slave_fd), both non-inheritable as CPython's.
Value posix_openpty(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "openpty", kwnames) || !check_nargs(vm, "openpty", nargs, 0, 0))
        return Value::null();
    int fds[2];
    if (::openpty(&fds[0], &fds[1], nullptr, nullptr, nullptr) != 0)
        return raise_os_error(vm, errno);
    for (int fd : fds)
        if (::fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
            int err = errno;
            ::close(fds[0]);
            ::close(fds[1]);
            return raise_os_error(vm, err);
        }
    Tuple* t = tuple_pack(vm, { Value::small_int(fds[0]), Value::small_int(fds[1]) });
    return t ? Value::from_object(t) : Value::null();
}

Value posix_get_inheritable(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd;
    if (!parse_args(vm, "get_inheritable", args, nargs, kwnames, { "fd" }, 1, a) || !int_arg(vm, a[0], fd))
        return Value::null();
    int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0)
        return raise_os_error(vm, errno);
    return py_bool(!(flags & FD_CLOEXEC));
}

Value posix_set_inheritable(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int fd;
    bool on;
    if (!parse_args(vm, "set_inheritable", args, nargs, kwnames, { "fd", "inheritable" }, 2, a) || !int_arg(vm, a[0], fd) ||
        !follow(vm, a[1], on))
        return Value::null();
    int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0 || ::fcntl(fd, F_SETFD, on ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC)) < 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_get_blocking(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd;
    if (!parse_args(vm, "get_blocking", args, nargs, kwnames, { "fd" }, 1, a) || !int_arg(vm, a[0], fd))
        return Value::null();
    int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0)
        return raise_os_error(vm, errno);
    return py_bool(!(flags & O_NONBLOCK));
}

Value posix_set_blocking(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int fd;
    bool on;
    if (!parse_args(vm, "set_blocking", args, nargs, kwnames, { "fd", "blocking" }, 2, a) || !int_arg(vm, a[0], fd) ||
        !follow(vm, a[1], on))
        return Value::null();
    int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, on ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK)) < 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_umask(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int mask;
    if (!parse_args(vm, "umask", args, nargs, kwnames, { "mask" }, 1, a) || !int_arg(vm, a[0], mask))
        return Value::null();
    return Value::small_int(::umask(mode_t(mask)));
}

Value posix_urandom(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int64_t n;
    if (!parse_args(vm, "urandom", args, nargs, kwnames, { "size" }, 1, a) || !index_i64(vm, a[0], n))
        return Value::null();
    if (n < 0)
        return raise(vm, exc::ValueError, "negative argument not allowed");
    std::string buf(size_t(n), '\0');
    size_t done = 0;
    while (done < buf.size()) {
        ssize_t r = ::getrandom(buf.data() + done, buf.size() - done, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return raise_os_error(vm, errno);
        }
        done += size_t(r);
    }
    Bytes* b = bytes_new(vm, buf);
    return b ? Value::from_object(b) : Value::null();
}

template<auto Fn>
Value int_getter(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 0, 0))
        return Value::null();
    return int_from_i64(vm, int64_t(Fn()));
}

Value posix_getpid(VM& vm, Value const*, size_t n, Tuple* k) { return int_getter<::getpid>(vm, "getpid", n, k); }
Value posix_getppid(VM& vm, Value const*, size_t n, Tuple* k) { return int_getter<::getppid>(vm, "getppid", n, k); }
Value posix_getuid(VM& vm, Value const*, size_t n, Tuple* k) { return int_getter<::getuid>(vm, "getuid", n, k); }
Value posix_geteuid(VM& vm, Value const*, size_t n, Tuple* k) { return int_getter<::geteuid>(vm, "geteuid", n, k); }
Value posix_getgid(VM& vm, Value const*, size_t n, Tuple* k) { return int_getter<::getgid>(vm, "getgid", n, k); }
Value posix_getegid(VM& vm, Value const*, size_t n, Tuple* k) { return int_getter<::getegid>(vm, "getegid", n, k); }
Value posix_getpgrp(VM& vm, Value const*, size_t n, Tuple* k) { return int_getter<::getpgrp>(vm, "getpgrp", n, k); }

Value posix_kill(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int pid, sig;
    if (!parse_args(vm, "kill", args, nargs, kwnames, { "pid", "signal" }, 2, a) || !int_arg(vm, a[0], pid) || !int_arg(vm, a[1], sig))
        return Value::null();
    if (::kill(pid, sig) != 0)
        return raise_os_error(vm, errno);
    if (!check_pending(vm))
        return Value::null();
    return py_none();
}

Value posix_fspath(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "fspath", args, nargs, kwnames, { "path" }, 1, a))
        return Value::null();
    if (as_str(a[0]) || as_bytes(a[0]))
        return a[0];
    String* fspath = intern(vm, "__fspath__");
    Value meth = getattr_opt(vm, Value::from_object(type_of(a[0])), fspath);
    if (meth.is_null())
        return meth;
    if (meth.is_not_found())
        return raise_fmt(vm, exc::TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(a[0]));
    Value r = TRY(call_method(vm, a[0], fspath, nullptr, 0));
    if (!as_str(r) && !as_bytes(r))
        return raise_fmt(vm, exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s", type_name(a[0]), type_name(r));
    return r;
}

Value posix_strerror(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int code;
    if (!parse_args(vm, "strerror", args, nargs, kwnames, { "code" }, 1, a) || !int_arg(vm, a[0], code))
        return Value::null();
    return str_value(vm, std::strerror(code));
}

Value posix_cpu_count(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "cpu_count", kwnames) || !check_nargs(vm, "cpu_count", nargs, 0, 0))
        return Value::null();
    long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? py_none() : Value::small_int(n);
}

Value posix_times(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "times", kwnames) || !check_nargs(vm, "times", nargs, 0, 0))
        return Value::null();
    struct tms t;
    clock_t c = ::times(&t);
    if (c == clock_t(-1))
        return raise_os_error(vm, errno);
    double tick = double(::sysconf(_SC_CLK_TCK));
    Value v[5] = { Value::from_double(double(t.tms_utime) / tick), Value::from_double(double(t.tms_stime) / tick),
                   Value::from_double(double(t.tms_cutime) / tick), Value::from_double(double(t.tms_cstime) / tick),
                   Value::from_double(double(c) / tick) };
    return struct_seq_new(vm, state(vm).times_result, v, 5);
}

Value posix_uname(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "uname", kwnames) || !check_nargs(vm, "uname", nargs, 0, 0))
        return Value::null();
    struct utsname u;
    if (::uname(&u) != 0)
        return raise_os_error(vm, errno);
    Value v[5] = { fs_decode(vm, u.sysname), fs_decode(vm, u.nodename), fs_decode(vm, u.release), fs_decode(vm, u.version),
                   fs_decode(vm, u.machine) };
    return struct_seq_new(vm, state(vm).uname_result, v, 5);
}

Value posix_get_terminal_size(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd = 1;
    if (!parse_args(vm, "get_terminal_size", args, nargs, kwnames, { "fd" }, 0, a) || (!a[0].is_null() && !int_arg(vm, a[0], fd)))
        return Value::null();
    struct winsize w;
    if (::ioctl(fd, TIOCGWINSZ, &w) != 0)
        return raise_os_error(vm, errno);
    Value v[2] = { Value::small_int(w.ws_col), Value::small_int(w.ws_row) };
    return struct_seq_new(vm, state(vm).terminal_size, v, 2);
}

Value posix_waitstatus_to_exitcode(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int status;
    if (!parse_args(vm, "waitstatus_to_exitcode", args, nargs, kwnames, { "status" }, 1, a) || !int_arg(vm, a[0], status))
        return Value::null();
    if (WIFEXITED(status))
        return Value::small_int(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return Value::small_int(-WTERMSIG(status));
    return raise_fmt(vm, exc::ValueError, "invalid wait status: %d", status);
}

// WIFEXITED & co.: status -> int or bool.
#define SLPY_WAIT_MACRO(pyname, expr, is_bool)                                                  \
    Value posix_##pyname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)              \
    {                                                                                          \
        Value a[1];                                                                            \
        int status;                                                                            \
        if (!parse_args(vm, #pyname, args, nargs, kwnames, { "status" }, 1, a) ||             \
            !int_arg(vm, a[0], status))                                                        \
            return Value::null();                                                              \
        return is_bool ? py_bool((expr) != 0) : Value::small_int(expr);                      \
    }
SLPY_WAIT_MACRO(WIFEXITED, WIFEXITED(status), true)
SLPY_WAIT_MACRO(WEXITSTATUS, WEXITSTATUS(status), false)
SLPY_WAIT_MACRO(WIFSIGNALED, WIFSIGNALED(status), true)
SLPY_WAIT_MACRO(WTERMSIG, WTERMSIG(status), false)
SLPY_WAIT_MACRO(WIFSTOPPED, WIFSTOPPED(status), true)
SLPY_WAIT_MACRO(WSTOPSIG, WSTOPSIG(status), false)
SLPY_WAIT_MACRO(WCOREDUMP, WCOREDUMP(status), true)
SLPY_WAIT_MACRO(WIFCONTINUED, WIFCONTINUED(status), true)
#undef SLPY_WAIT_MACRO

Value posix_putenv(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "putenv", args, nargs, kwnames, { "name", "value" }, 2, a))
        return Value::null();
    PathArg k, v;
    if (!path_arg(vm, a[0], "putenv", "name", false, k) || !path_arg(vm, a[1], "putenv", "value", false, v))
        return Value::null();
    if (k.path.empty() || k.path.find('=') != std::string::npos)
        return raise(vm, exc::ValueError, "illegal environment variable name");
    if (::setenv(k.path.c_str(), v.path.c_str(), 1) != 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_unsetenv(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "unsetenv", args, nargs, kwnames, { "name" }, 1, a))
        return Value::null();
    PathArg k;
    if (!path_arg(vm, a[0], "unsetenv", "name", false, k))
        return Value::null();
    if (k.path.empty() || k.path.find('=') != std::string::npos)
        return raise(vm, exc::ValueError, "illegal environment variable name");
    if (::unsetenv(k.path.c_str()) != 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_exit(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int code;
    if (!parse_args(vm, "_exit", args, nargs, kwnames, { "status" }, 1, a) || !int_arg(vm, a[0], code))
        return Value::null();
    std::_Exit(code);
}

Value posix_device_encoding(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int fd;
    if (!parse_args(vm, "device_encoding", args, nargs, kwnames, { "fd" }, 1, a) || !int_arg(vm, a[0], fd))
        return Value::null();
    return ::isatty(fd) == 1 ? str_value(vm, "UTF-8") : py_none();
}

// os.register_at_fork(*, before=None, after_in_child=None, after_in_parent=None).
Value posix_register_at_fork(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs != 0)
        return raise(vm, exc::TypeError, "register_at_fork() takes no positional arguments");
    Value a[3];
    if (!parse_args(vm, "register_at_fork", args, nargs, kwnames, { "before", "after_in_child", "after_in_parent" }, 0, a))
        return Value::null();
    static constexpr char const* names_[3] = { "before", "after_in_child", "after_in_parent" };
    bool any = false;
    for (int i = 0; i < 3; ++i) {
        if (a[i].is_null() || is_none(a[i]))
            continue;
        if (!is_callable(a[i]))
            return raise_fmt(vm, exc::TypeError, "'%s' must be callable, not %s", names_[i], type_name(a[i]));
        any = true;
    }
    if (!any)
        return raise(vm, exc::TypeError, "At least one argument is required.");
    PosixState& s = state(vm);
    for (int i = 0; i < 3; ++i) {
        if (a[i].is_null() || is_none(a[i]))
            continue;
        if (!s.at_fork[i] && !(s.at_fork[i] = list_new(vm)))
            return Value::null();
        if (!list_append(vm, s.at_fork[i], a[i]))
            return Value::null();
    }
    return py_none();
}

// Runs the register_at_fork callbacks of `which` (0 before, in reverse order of
// registration, as CPython; 1 child and 2 parent in order). An exception in one is
// reported as unraisable and the others still run.
void run_at_fork(VM& vm, int which)
{
    List* l = state(vm).at_fork[which];
    if (!l)
        return;
    size_t n = l->size;
    for (size_t k = 0; k < n && k < l->size; ++k) {
        Value f = l->items()[which == 0 ? l->size - 1 - k : k];
        if (call0(vm, f).is_null())
            write_unraisable(vm, "Exception ignored in", f);
    }
}

} // namespace

// CPython's PyOS_BeforeFork/AfterFork_Parent/AfterFork_Child, for _posixsubprocess's
// preexec_fn path too.
void posix_before_fork(VM& vm)
{
    run_at_fork(vm, 0);
    imports_before_fork(vm);
}
void posix_after_fork_parent(VM& vm)
{
    imports_after_fork_parent(vm);
    run_at_fork(vm, 2);
}
void posix_after_fork_child(VM& vm)
{
    imports_after_fork_child(vm);
    run_at_fork(vm, 1);
}

namespace {

// The child continues the whole VM; the import lock is taken around the fork
// (posix_before_fork). C stdio buffers are flushed first so that neither process writes
// them twice.
Value posix_fork(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fork", kwnames) || !check_nargs(vm, "fork", nargs, 0, 0))
        return Value::null();
    posix_before_fork(vm);
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid < 0) {
        int err = errno;
        posix_after_fork_parent(vm);
        return raise_os_error(vm, err);
    }
    if (pid == 0)
        posix_after_fork_child(vm);
    else
        posix_after_fork_parent(vm);
    return int_from_i64(vm, pid);
}

// argv for execv/execve: a non-empty tuple or list of paths, the first one not empty.
bool exec_argv(VM& vm, char const* fname, Value v, std::vector<std::string>& out)
{
    if (type_of(v) != types.tuple && type_of(v) != types.list && !is_instance_fast(v, types.tuple) &&
        !is_instance_fast(v, types.list)) {
        raise_fmt(vm, exc::TypeError, "%s() arg 2 must be a tuple or list", fname);
        return false;
    }
    List* l = list_from_iterable(vm, v);
    if (!l)
        return false;
    if (l->size == 0) {
        raise_fmt(vm, exc::ValueError, "%s() arg 2 must not be empty", fname);
        return false;
    }
    for (size_t i = 0; i < l->size; ++i) {
        Value item = l->items()[i];
        PathArg p;
        if (!path_arg(vm, item, fname, "args", false, p))
            return false;
        if (i == 0 && p.path.empty()) {
            raise_fmt(vm, exc::ValueError, "%s() arg 2 first element cannot be empty", fname);
            return false;
        }
        out.push_back(std::move(p.path));
    }
    return true;
}


Value posix_execv(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "execv", args, nargs, kwnames, { "path", "argv" }, 2, a, 2))
        return Value::null();
    PathArg p;
    std::vector<std::string> argv;
    if (!path_arg(vm, a[0], "execv", "path", false, p) || !exec_argv(vm, "execv", a[1], argv))
        return Value::null();
    std::vector<char*> cargv = c_array(argv);
    std::fflush(nullptr);
    ::execv(p.path.c_str(), cargv.data());
    return raise_os_error(vm, errno);
}

Value posix_execve(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "execve", args, nargs, kwnames, { "path", "argv", "env" }, 3, a))
        return Value::null();
    PathArg p;
    std::vector<std::string> argv;
    if (!path_arg(vm, a[0], "execve", "path", true, p) || !exec_argv(vm, "execve", a[1], argv))
        return Value::null();
    // env: any mapping; its keys() and values as paths, "KEY=VALUE".
    String* keys_name = intern(vm, "keys");
    Value has_keys = getattr_opt(vm, a[2], keys_name);
    if (has_keys.is_null())
        return has_keys;
    if (has_keys.is_not_found())
        return raise(vm, exc::TypeError, "execve: environment must be a mapping object");
    Value keys = TRY(call0(vm, has_keys));
    List* kl = list_from_iterable(vm, keys);
    if (!kl)
        return Value::null();
    std::vector<std::string> env;
    for (size_t i = 0; i < kl->size; ++i) {
        Value k = kl->items()[i];
        Value v = TRY(getitem(vm, a[2], k));
        PathArg kp, vp;
        if (!path_arg(vm, k, "execve", "env key", false, kp) || !path_arg(vm, v, "execve", "env value", false, vp))
            return Value::null();
        if (kp.path.empty() || kp.path.find('=') != std::string::npos)
            return raise(vm, exc::ValueError, "illegal environment variable name");
        env.push_back(kp.path + "=" + vp.path);
    }
    std::vector<char*> cargv = c_array(argv);
    std::vector<char*> cenv = c_array(env);
    std::fflush(nullptr);
    if (p.fd >= 0)
        ::fexecve(p.fd, cargv.data(), cenv.data());
    else
        ::execve(p.path.c_str(), cargv.data(), cenv.data());
    return raise_os_error(vm, errno, p.object);
}

// waitpid/wait: retried on EINTR after the VM's pending work (signal handlers) ran (PEP
// 475). Blocks the whole VM, tasklets included, until the child changes state.
Value wait_result(VM& vm, pid_t pid, int status)
{
    Value pv = TRY(int_from_i64(vm, pid));
    Tuple* t = tuple_pack(vm, { pv, Value::small_int(status) });
    return t ? Value::from_object(t) : Value::null();
}

Value posix_waitpid(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int pid, options;
    if (!parse_args(vm, "waitpid", args, nargs, kwnames, { "pid", "options" }, 2, a, 2) || !int_arg(vm, a[0], pid) ||
        !int_arg(vm, a[1], options))
        return Value::null();
    int status = 0;
    pid_t r;
    while ((r = ::waitpid(pid, &status, options)) < 0 && errno == EINTR)
        if (!check_pending(vm))
            return Value::null();
    if (r < 0)
        return raise_os_error(vm, errno);
    return wait_result(vm, r, status);
}

Value posix_wait(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "wait", kwnames) || !check_nargs(vm, "wait", nargs, 0, 0))
        return Value::null();
    int status = 0;
    pid_t r;
    while ((r = ::wait(&status)) < 0 && errno == EINTR)
        if (!check_pending(vm))
            return Value::null();
    if (r < 0)
        return raise_os_error(vm, errno);
    return wait_result(vm, r, status);
}

Value posix_pipe2(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    int flags;
    if (!parse_args(vm, "pipe2", args, nargs, kwnames, { "flags" }, 1, a, 1) || !int_arg(vm, a[0], flags))
        return Value::null();
    int fds[2];
    if (::pipe2(fds, flags) != 0)
        return raise_os_error(vm, errno);
    Tuple* t = tuple_pack(vm, { Value::small_int(fds[0]), Value::small_int(fds[1]) });
    return t ? Value::from_object(t) : Value::null();
}

Value posix_killpg(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    int pgid, sig;
    if (!parse_args(vm, "killpg", args, nargs, kwnames, { "pgid", "signal" }, 2, a, 2) || !int_arg(vm, a[0], pgid) ||
        !int_arg(vm, a[1], sig))
        return Value::null();
    if (::killpg(pgid, sig) != 0)
        return raise_os_error(vm, errno);
    if (!check_pending(vm))
        return Value::null();
    return py_none();
}

Value posix_setsid(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "setsid", kwnames) || !check_nargs(vm, "setsid", nargs, 0, 0))
        return Value::null();
    if (::setsid() < 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_setpgrp(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "setpgrp", kwnames) || !check_nargs(vm, "setpgrp", nargs, 0, 0))
        return Value::null();
    if (::setpgid(0, 0) < 0)
        return raise_os_error(vm, errno);
    return py_none();
}

// getpgid(pid) / getsid(pid): one pid in, one id out.
template<pid_t (*Fn)(pid_t)>
Value pid_query(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames)
{
    int pid;
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 1, 1) || !int_arg(vm, args[0], pid))
        return Value::null();
    pid_t r = Fn(pid);
    if (r < 0)
        return raise_os_error(vm, errno);
    return int_from_i64(vm, r);
}

Value posix_getpgid(VM& vm, Value const* args, size_t n, Tuple* k) { return pid_query<::getpgid>(vm, "getpgid", args, n, k); }
Value posix_getsid(VM& vm, Value const* args, size_t n, Tuple* k) { return pid_query<::getsid>(vm, "getsid", args, n, k); }

Value posix_setpgid(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int pid, pgrp;
    if (!check_no_kwargs(vm, "setpgid", kwnames) || !check_nargs(vm, "setpgid", nargs, 2, 2) || !int_arg(vm, args[0], pid) ||
        !int_arg(vm, args[1], pgrp))
        return Value::null();
    if (::setpgid(pid, pgrp) < 0)
        return raise_os_error(vm, errno);
    return py_none();
}

Value posix_sysconf(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "sysconf", args, nargs, kwnames, { "name" }, 1, a))
        return Value::null();
    int name = -1;
    if (String* s = as_str(a[0])) {
        static constexpr std::pair<char const*, int> known[] = {
            { "SC_PAGE_SIZE", _SC_PAGE_SIZE }, { "SC_PAGESIZE", _SC_PAGESIZE }, { "SC_NPROCESSORS_ONLN", _SC_NPROCESSORS_ONLN },
            { "SC_NPROCESSORS_CONF", _SC_NPROCESSORS_CONF }, { "SC_CLK_TCK", _SC_CLK_TCK }, { "SC_OPEN_MAX", _SC_OPEN_MAX },
            { "SC_ARG_MAX", _SC_ARG_MAX }, { "SC_PHYS_PAGES", _SC_PHYS_PAGES },
        };
        for (auto const& [n, v] : known)
            if (s->view() == n)
                name = v;
        if (name < 0)
            return raise(vm, exc::ValueError, "unrecognized configuration name");
    } else if (!int_arg(vm, a[0], name)) {
        return Value::null();
    }
    errno = 0;
    long r = ::sysconf(name);
    if (r == -1 && errno)
        return raise_os_error(vm, errno);
    return int_from_i64(vm, r);
}

// ---- scandir: an iterator of DirEntry objects (name, path, is_dir(), is_file(),
// is_symlink(), stat(), inode()); the entry keeps its d_type and caches its stat.

struct ScandirIterator : Object {
    DIR* dir;
    Value path;     // the path as given (str or bytes), for DirEntry.path
    bool is_bytes;
    bool is_fd;
};

void trace_scandir(Object* o, Tracer& t) { t.visit(static_cast<ScandirIterator*>(o)->path); }

void close_scandir(ScandirIterator* it)
{
    if (it->dir) {
        ::closedir(it->dir);
        it->dir = nullptr;
    }
}

String* s_intern(VM& vm, char const* s) { return intern(vm, s); }

bool entry_set(VM& vm, Dict* d, char const* k, Value v) { return !v.is_null() && dict_set_str(vm, d, s_intern(vm, k), v); }

Value entry_get(VM& vm, Value self, char const* k)
{
    Dict* d = instance_dict(vm, self.as_object(), true);
    if (!d)
        return Value::null();
    return dict_get_str(vm, d, s_intern(vm, k));
}

void finalize_scandir(Object* o) { close_scandir(static_cast<ScandirIterator*>(o)); }

Value scandir_iternext(VM& vm, Value self)
{
    auto* it = self.as<ScandirIterator>();
    for (;;) {
        if (!it->dir)
            return Value::stop_iteration();
        errno = 0;
        dirent* e = ::readdir(it->dir);
        if (!e) {
            int err = errno;
            close_scandir(it);
            if (err)
                return raise_os_error(vm, err, it->path);
            return Value::stop_iteration();
        }
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        Object* o = alloc_instance(vm, state(vm).dir_entry);
        if (!o)
            return Value::null();
        Dict* d = instance_dict(vm, o, true);
        if (!d)
            return Value::null();
        Value name = name_value(vm, e->d_name, it->is_bytes);
        if (name.is_null())
            return name;
        // DirEntry.path: os.path.join(scandir_path, name).
        std::string base;
        if (String* s = as_str(it->path))
            base = s->view();
        else if (Bytes* b = as_bytes(it->path))
            base = b->view();
        std::string nm = it->is_bytes ? std::string(as_bytes(name)->view()) : std::string(as_str(name)->view());
        std::string full = it->is_fd ? nm : (base.empty() ? nm : (base.back() == '/' ? base + nm : base + "/" + nm));
        Value path = it->is_bytes ? Value::from_object(bytes_new(vm, full)) : str_value(vm, full);
        if (!entry_set(vm, d, "name", name) || !entry_set(vm, d, "path", path) ||
            !entry_set(vm, d, "_d_type", Value::small_int(e->d_type)) || !entry_set(vm, d, "_ino", int_from_u64(vm, e->d_ino)))
            return Value::null();
        return Value::from_object(o);
    }
}

Value scandir_iter(VM&, Value const* args, size_t, Tuple*) { return args[0]; }
Value scandir_next(VM& vm, Value const* args, size_t, Tuple*) { return next_from_iternext(vm, args[0], scandir_iternext); }

Value scandir_close(VM&, Value const* args, size_t, Tuple*)
{
    close_scandir(args[0].as<ScandirIterator>());
    return py_none();
}

Value scandir_exit(VM&, Value const* args, size_t, Tuple*)
{
    close_scandir(args[0].as<ScandirIterator>());
    return py_false();
}

Value posix_scandir(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "scandir", args, nargs, kwnames, { "path" }, 0, a))
        return Value::null();
    PathArg p;
    if (a[0].is_null() || is_none(a[0])) {
        p.path = ".";
        p.object = str_value(vm, ".");
    } else if (!path_arg(vm, a[0], "scandir", "path", true, p)) {
        return Value::null();
    }
    DIR* d;
    if (p.fd >= 0) {
        int fd2 = ::dup(p.fd);
        d = fd2 >= 0 ? ::fdopendir(fd2) : nullptr;
        if (d)
            ::rewinddir(d);
    } else {
        d = ::opendir(p.path.c_str());
    }
    if (!d)
        return raise_os_error(vm, errno, p.object);
    auto* it = vm.heap.make<ScandirIterator>(state(vm).scandir_iterator);
    if (!it) {
        ::closedir(d);
        return Value::null();
    }
    it->dir = d;
    // DirEntry.path joins with the path as the caller wrote it (fspath of it).
    Value given = p.object;
    if (!as_str(given) && !as_bytes(given) && p.fd < 0)
        given = p.is_bytes ? Value::from_object(bytes_new(vm, p.path)) : fs_decode(vm, p.path);
    it->path = given;
    it->is_bytes = p.is_bytes;
    it->is_fd = p.fd >= 0;
    return Value::from_object(it);
}

// DirEntry's stat, cached (follow_symlinks=True: "_stat", False: "_lstat").
Value entry_stat(VM& vm, Value self, bool follow_links)
{
    char const* key = follow_links ? "_stat" : "_lstat";
    Value cached = TRY(entry_get(vm, self, key));
    if (!cached.is_not_found())
        return cached;
    Value path = TRY(entry_get(vm, self, "path"));
    PathArg p;
    if (!path_arg(vm, path, "stat", "path", false, p))
        return Value::null();
    Value st = TRY(do_stat(vm, p, follow_links));
    Dict* d = instance_dict(vm, self.as_object(), true);
    if (!d || !entry_set(vm, d, key, st))
        return Value::null();
    return st;
}

bool entry_follow_kw(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, bool& f)
{
    Value a[2];
    if (!parse_args(vm, name, args, nargs, kwnames, { "self", "follow_symlinks" }, 1, a, 1))
        return false;
    return follow(vm, a[1], f);
}

// is_dir/is_file from d_type when it is known and no symlink is involved, else stat.
Value entry_is(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, unsigned dtype, mode_t fmt)
{
    bool f;
    if (!entry_follow_kw(vm, name, args, nargs, kwnames, f))
        return Value::null();
    Value t = TRY(entry_get(vm, args[0], "_d_type"));
    int d_type = t.is_int() ? int(t.as_int()) : DT_UNKNOWN;
    if (d_type != DT_UNKNOWN && !(f && d_type == DT_LNK))
        return py_bool(unsigned(d_type) == dtype);
    Value st = entry_stat(vm, args[0], f);
    if (st.is_null()) {
        if (vm.error_matches(exc::FileNotFoundError)) {
            vm.clear_error();
            return py_false();
        }
        return st;
    }
    Value mode = TRY(struct_seq_get(vm, st, 0));
    return py_bool(mode.is_int() && (mode_t(mode.as_int()) & S_IFMT) == fmt);
}

Value entry_is_dir(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return entry_is(vm, "is_dir", args, nargs, kwnames, DT_DIR, S_IFDIR); }
Value entry_is_file(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return entry_is(vm, "is_file", args, nargs, kwnames, DT_REG, S_IFREG); }

Value entry_is_symlink(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "is_symlink", kwnames))
        return Value::null();
    Value t = TRY(entry_get(vm, args[0], "_d_type"));
    int d_type = t.is_int() ? int(t.as_int()) : DT_UNKNOWN;
    if (d_type != DT_UNKNOWN)
        return py_bool(d_type == DT_LNK);
    Value st = entry_stat(vm, args[0], false);
    if (st.is_null()) {
        if (vm.error_matches(exc::FileNotFoundError)) {
            vm.clear_error();
            return py_false();
        }
        return st;
    }
    Value mode = TRY(struct_seq_get(vm, st, 0));
    return py_bool(mode.is_int() && S_ISLNK(mode_t(mode.as_int())));
}

Value entry_stat_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    bool f;
    if (!entry_follow_kw(vm, "stat", args, nargs, kwnames, f))
        return Value::null();
    return entry_stat(vm, args[0], f);
}

Value entry_inode(VM& vm, Value const* args, size_t, Tuple*) { return entry_get(vm, args[0], "_ino"); }
Value entry_fspath(VM& vm, Value const* args, size_t, Tuple*) { return entry_get(vm, args[0], "path"); }

Value entry_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Value name = TRY(entry_get(vm, args[0], "name"));
    Value r = TRY(repr(vm, name));
    return str_value(vm, "<DirEntry " + std::string(as_str(r)->view()) + ">");
}

// os.environ's source: a dict of bytes to bytes, as CPython's posix.environ.
Dict* make_environ(VM& vm)
{
    Dict* d = dict_new(vm);
    if (!d)
        return nullptr;
    for (char** e = environ; e && *e; ++e) {
        char const* eq = std::strchr(*e, '=');
        if (!eq || eq == *e)
            continue;
        Bytes* k = bytes_new(vm, std::string_view(*e, size_t(eq - *e)));
        Bytes* v = bytes_new(vm, std::string_view(eq + 1));
        if (!k || !v)
            return nullptr;
        // The first occurrence wins, as in CPython.
        Value have = dict_get(vm, d, Value::from_object(k));
        if (have.is_null())
            return nullptr;
        if (have.is_not_found() && !dict_set(vm, d, Value::from_object(k), Value::from_object(v)))
            return nullptr;
    }
    return d;
}

constexpr int kPosixStateKey = 0;

struct PosixModuleState : VM::ModuleState {
    explicit PosixModuleState(VM&) { }
    PosixState s;
    void trace(Tracer& t) override
    {
        for (TypeObject* ty : { s.stat_result, s.terminal_size, s.times_result, s.uname_result, s.dir_entry, s.scandir_iterator })
            if (ty)
                t.visit(ty);
        for (List* l : s.at_fork)
            if (l)
                t.visit(l);
    }
};

TypeObject* record_class(VM& vm, char const* name, char const* module)
{
    Dict* ns = dict_new(vm);
    String* n = intern(vm, name);
    if (!ns || !n || !dict_set_str(vm, ns, names.__module__, Value::from_object(intern(vm, module))))
        return nullptr;
    Value t = type_new_record_class(vm, n, types.object, ns);
    return t.is_null() ? nullptr : t.as<TypeObject>();
}

PosixState& state(VM& vm)
{
    PosixModuleState& ms = module_state<PosixModuleState>(vm, &kPosixStateKey);
    PosixState& s = ms.s;
    if (s.stat_result)
        return s;
    s.stat_result = struct_seq_type(vm, "os", "stat_result",
                                    { "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "_st_atime_int",
                                      "_st_mtime_int", "_st_ctime_int", "st_atime", "st_mtime", "st_ctime", "st_atime_ns",
                                      "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev" },
                                    10);
    s.terminal_size = struct_seq_type(vm, "os", "terminal_size", { "columns", "lines" }, 2);
    s.times_result = struct_seq_type(vm, "posix", "times_result", { "user", "system", "children_user", "children_system", "elapsed" }, 5);
    s.uname_result = struct_seq_type(vm, "posix", "uname_result", { "sysname", "nodename", "release", "version", "machine" }, 5);
    s.dir_entry = record_class(vm, "DirEntry", "posix");
    add_methods(vm, s.dir_entry, {
        { "__repr__", entry_repr },
        { "__fspath__", entry_fspath },
        { "is_dir", entry_is_dir },
        { "is_file", entry_is_file },
        { "is_symlink", entry_is_symlink },
        { "stat", entry_stat_method },
        { "inode", entry_inode },
        { "__class_getitem__", generic_alias_class_getitem, METH_CLASS },
    });
    s.scandir_iterator = make_builtin_type(vm, "ScandirIterator", nullptr, sizeof(ScandirIterator), 0, trace_scandir, finalize_scandir);
    set_native_type_module(vm, s.scandir_iterator, "posix");
    s.scandir_iterator->iternext = scandir_iternext;
    add_methods(vm, s.scandir_iterator, {
        { "__iter__", scandir_iter },
        { "__next__", scandir_next },
        { "close", scandir_close },
        { "__enter__", scandir_iter },
        { "__exit__", scandir_exit },
    });
    finish_builtin_type(vm, s.scandir_iterator);
    return s;
}

} // namespace

Module* make_posix_module(VM& vm)
{
    PosixState& s = state(vm);
    Module* m = module_new(vm, "posix");
    module_add_functions(vm, m, {
        { "stat", posix_stat }, { "lstat", posix_lstat }, { "fstat", posix_fstat },
        { "getcwd", posix_getcwd }, { "getcwdb", posix_getcwdb }, { "chdir", posix_chdir },
        { "listdir", posix_listdir }, { "scandir", posix_scandir }, { "mkdir", posix_mkdir },
        { "rmdir", posix_rmdir }, { "unlink", posix_unlink }, { "remove", posix_remove },
        { "rename", posix_rename }, { "replace", posix_replace }, { "link", posix_link },
        { "symlink", posix_symlink }, { "readlink", posix_readlink }, { "access", posix_access },
        { "chmod", posix_chmod }, { "chown", posix_chown }, { "lchown", posix_lchown }, { "fchown", posix_fchown }, { "utime", posix_utime }, { "open", posix_open },
        { "close", posix_close }, { "closerange", posix_closerange }, { "read", posix_read },
        { "write", posix_write }, { "lseek", posix_lseek }, { "fsync", posix_fsync },
        { "ftruncate", posix_ftruncate }, { "truncate", posix_truncate }, { "isatty", posix_isatty },
        { "dup", posix_dup }, { "dup2", posix_dup2 }, { "pipe", posix_pipe }, { "openpty", posix_openpty },
        { "sendfile", posix_sendfile }, { "mkfifo", posix_mkfifo },
        { "get_inheritable", posix_get_inheritable }, { "set_inheritable", posix_set_inheritable },
        { "get_blocking", posix_get_blocking }, { "set_blocking", posix_set_blocking },
        { "umask", posix_umask }, { "urandom", posix_urandom }, { "getpid", posix_getpid },
        { "getppid", posix_getppid }, { "getuid", posix_getuid }, { "geteuid", posix_geteuid },
        { "getgid", posix_getgid }, { "getegid", posix_getegid }, { "getpgrp", posix_getpgrp },
        { "kill", posix_kill }, { "fspath", posix_fspath }, { "strerror", posix_strerror },
        { "cpu_count", posix_cpu_count }, { "times", posix_times }, { "uname", posix_uname },
        { "get_terminal_size", posix_get_terminal_size }, { "waitstatus_to_exitcode", posix_waitstatus_to_exitcode },
        { "WIFEXITED", posix_WIFEXITED }, { "WEXITSTATUS", posix_WEXITSTATUS }, { "WIFSIGNALED", posix_WIFSIGNALED },
        { "WTERMSIG", posix_WTERMSIG }, { "WIFSTOPPED", posix_WIFSTOPPED }, { "WSTOPSIG", posix_WSTOPSIG },
        { "putenv", posix_putenv }, { "unsetenv", posix_unsetenv }, { "_exit", posix_exit },
        { "device_encoding", posix_device_encoding }, { "register_at_fork", posix_register_at_fork },
        { "sysconf", posix_sysconf },
        { "WCOREDUMP", posix_WCOREDUMP }, { "WIFCONTINUED", posix_WIFCONTINUED },
        { "fork", posix_fork }, { "execv", posix_execv }, { "execve", posix_execve },
        { "waitpid", posix_waitpid }, { "wait", posix_wait }, { "pipe2", posix_pipe2 },
        { "killpg", posix_killpg }, { "setsid", posix_setsid }, { "setpgrp", posix_setpgrp },
        { "getpgid", posix_getpgid }, { "getsid", posix_getsid }, { "setpgid", posix_setpgid },
    });
    module_add(vm, m, "environ", Value::from_object(make_environ(vm)));
    module_add(vm, m, "error", Value::from_object(exc::OSError));
    module_add(vm, m, "stat_result", Value::from_object(s.stat_result));
    module_add(vm, m, "terminal_size", Value::from_object(s.terminal_size));
    module_add(vm, m, "times_result", Value::from_object(s.times_result));
    module_add(vm, m, "uname_result", Value::from_object(s.uname_result));
    module_add(vm, m, "DirEntry", Value::from_object(s.dir_entry));
    struct Const {
        char const* name;
        long value;
    };
    static constexpr Const consts[] = {
        { "F_OK", F_OK }, { "R_OK", R_OK }, { "W_OK", W_OK }, { "X_OK", X_OK },
        { "O_RDONLY", O_RDONLY }, { "O_WRONLY", O_WRONLY }, { "O_RDWR", O_RDWR }, { "O_APPEND", O_APPEND },
        { "O_CREAT", O_CREAT }, { "O_EXCL", O_EXCL }, { "O_TRUNC", O_TRUNC }, { "O_NONBLOCK", O_NONBLOCK },
        { "O_NDELAY", O_NDELAY }, { "O_SYNC", O_SYNC }, { "O_DSYNC", O_DSYNC }, { "O_NOCTTY", O_NOCTTY },
        { "O_CLOEXEC", O_CLOEXEC }, { "O_DIRECTORY", O_DIRECTORY }, { "O_NOFOLLOW", O_NOFOLLOW },
        { "O_ACCMODE", O_ACCMODE }, { "O_ASYNC", O_ASYNC }, { "O_NOATIME", O_NOATIME }, { "O_PATH", O_PATH },
        { "O_TMPFILE", O_TMPFILE }, { "O_LARGEFILE", O_LARGEFILE }, { "O_RSYNC", O_RSYNC },
        { "SEEK_SET", SEEK_SET }, { "SEEK_CUR", SEEK_CUR }, { "SEEK_END", SEEK_END },
        { "SEEK_DATA", SEEK_DATA }, { "SEEK_HOLE", SEEK_HOLE },
        { "EX_OK", 0 }, { "WNOHANG", WNOHANG }, { "WUNTRACED", WUNTRACED }, { "WCONTINUED", WCONTINUED },
        { "F_LOCK", F_LOCK }, { "F_TLOCK", F_TLOCK }, { "F_ULOCK", F_ULOCK }, { "F_TEST", F_TEST },
    };
    for (Const const& c : consts)
        module_add(vm, m, c.name, Value::small_int(c.value));
    // os.py builds supports_fd / supports_dir_fd / supports_follow_symlinks from this.
    List* have = list_new(vm);
    // Only what takes a file descriptor here: no *at() calls (dir_fd) yet.
    for (char const* f : { "HAVE_FCHDIR", "HAVE_FCHMOD", "HAVE_FCHOWN", "HAVE_LCHOWN", "HAVE_FTRUNCATE", "HAVE_FUTIMENS",
                           "HAVE_FDOPENDIR", "HAVE_LSTAT" })
        (void)list_append(vm, have, str_value(vm, f));
    module_add(vm, m, "_have_functions", Value::from_object(have));
    return m;
}

} // namespace slpy
