// The _stat module: the S_* constants and predicates of this platform (stat.py imports
// them over its pure-Python definitions) and filemode().
#include "stackless/modules/os_support.h"

#include "objects/function.h"
#include "objects/string.h"

#include <sys/stat.h>

namespace slpy {

namespace {

bool mode_arg(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, int64_t& mode)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 1, 1))
        return false;
    return index_i64(vm, args[0], mode);
}

#define SLPY_STAT_TEST(pyname, test)                                               \
    Value stat_##pyname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)   \
    {                                                                              \
        int64_t mode;                                                              \
        if (!mode_arg(vm, #pyname, args, nargs, kwnames, mode))                    \
            return Value::null();                                                  \
        return py_bool(test(mode_t(mode)));                                        \
    }
SLPY_STAT_TEST(S_ISDIR, S_ISDIR)
SLPY_STAT_TEST(S_ISCHR, S_ISCHR)
SLPY_STAT_TEST(S_ISBLK, S_ISBLK)
SLPY_STAT_TEST(S_ISREG, S_ISREG)
SLPY_STAT_TEST(S_ISFIFO, S_ISFIFO)
SLPY_STAT_TEST(S_ISLNK, S_ISLNK)
SLPY_STAT_TEST(S_ISSOCK, S_ISSOCK)
#undef SLPY_STAT_TEST
Value stat_S_ISDOOR(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t mode;
    return mode_arg(vm, "S_ISDOOR", args, nargs, kwnames, mode) ? py_false() : Value::null();
}
Value stat_S_ISPORT(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t mode;
    return mode_arg(vm, "S_ISPORT", args, nargs, kwnames, mode) ? py_false() : Value::null();
}
Value stat_S_ISWHT(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t mode;
    return mode_arg(vm, "S_ISWHT", args, nargs, kwnames, mode) ? py_false() : Value::null();
}

Value stat_S_IMODE(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t mode;
    if (!mode_arg(vm, "S_IMODE", args, nargs, kwnames, mode))
        return Value::null();
    return Value::small_int(mode & 07777);
}

Value stat_S_IFMT(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t mode;
    if (!mode_arg(vm, "S_IFMT", args, nargs, kwnames, mode))
        return Value::null();
    return Value::small_int(mode & S_IFMT);
}

// filemode(mode): '-rwxr-xr-x' as `ls -l` shows it.
Value stat_filemode(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t mode;
    if (!mode_arg(vm, "filemode", args, nargs, kwnames, mode))
        return Value::null();
    char buf[11];
    mode_t m = mode_t(mode);
    switch (m & S_IFMT) {
    case S_IFLNK: buf[0] = 'l'; break;
    case S_IFSOCK: buf[0] = 's'; break;
    case S_IFREG: buf[0] = '-'; break;
    case S_IFBLK: buf[0] = 'b'; break;
    case S_IFDIR: buf[0] = 'd'; break;
    case S_IFCHR: buf[0] = 'c'; break;
    case S_IFIFO: buf[0] = 'p'; break;
    default: buf[0] = '?'; break;
    }
    buf[1] = (m & S_IRUSR) ? 'r' : '-';
    buf[2] = (m & S_IWUSR) ? 'w' : '-';
    buf[3] = (m & S_ISUID) ? ((m & S_IXUSR) ? 's' : 'S') : ((m & S_IXUSR) ? 'x' : '-');
    buf[4] = (m & S_IRGRP) ? 'r' : '-';
    buf[5] = (m & S_IWGRP) ? 'w' : '-';
    buf[6] = (m & S_ISGID) ? ((m & S_IXGRP) ? 's' : 'S') : ((m & S_IXGRP) ? 'x' : '-');
    buf[7] = (m & S_IROTH) ? 'r' : '-';
    buf[8] = (m & S_IWOTH) ? 'w' : '-';
    buf[9] = (m & S_ISVTX) ? ((m & S_IXOTH) ? 't' : 'T') : ((m & S_IXOTH) ? 'x' : '-');
    buf[10] = '\0';
    return str_value(vm, buf);
}

} // namespace

Module* make_stat_module(VM& vm)
{
    Module* m = module_new(vm, "_stat");
    module_add_functions(vm, m, {
        { "S_ISDIR", stat_S_ISDIR }, { "S_ISCHR", stat_S_ISCHR }, { "S_ISBLK", stat_S_ISBLK },
        { "S_ISREG", stat_S_ISREG }, { "S_ISFIFO", stat_S_ISFIFO }, { "S_ISLNK", stat_S_ISLNK },
        { "S_ISSOCK", stat_S_ISSOCK }, { "S_ISDOOR", stat_S_ISDOOR }, { "S_ISPORT", stat_S_ISPORT },
        { "S_ISWHT", stat_S_ISWHT }, { "S_IMODE", stat_S_IMODE }, { "S_IFMT", stat_S_IFMT },
        { "filemode", stat_filemode },
    });
    struct Const {
        char const* name;
        long value;
    };
    static constexpr Const consts[] = {
        { "S_IFDIR", S_IFDIR }, { "S_IFCHR", S_IFCHR }, { "S_IFBLK", S_IFBLK }, { "S_IFREG", S_IFREG },
        { "S_IFIFO", S_IFIFO }, { "S_IFLNK", S_IFLNK }, { "S_IFSOCK", S_IFSOCK }, { "S_IFDOOR", 0 },
        { "S_IFPORT", 0 }, { "S_IFWHT", 0 },
        { "S_ISUID", S_ISUID }, { "S_ISGID", S_ISGID }, { "S_ISVTX", S_ISVTX }, { "S_ENFMT", S_ISGID },
        { "S_IREAD", S_IRUSR }, { "S_IWRITE", S_IWUSR }, { "S_IEXEC", S_IXUSR },
        { "S_IRWXU", S_IRWXU }, { "S_IRUSR", S_IRUSR }, { "S_IWUSR", S_IWUSR }, { "S_IXUSR", S_IXUSR },
        { "S_IRWXG", S_IRWXG }, { "S_IRGRP", S_IRGRP }, { "S_IWGRP", S_IWGRP }, { "S_IXGRP", S_IXGRP },
        { "S_IRWXO", S_IRWXO }, { "S_IROTH", S_IROTH }, { "S_IWOTH", S_IWOTH }, { "S_IXOTH", S_IXOTH },
        { "UF_NODUMP", 0x1 }, { "UF_IMMUTABLE", 0x2 }, { "UF_APPEND", 0x4 }, { "UF_OPAQUE", 0x8 },
        { "UF_NOUNLINK", 0x10 }, { "UF_COMPRESSED", 0x20 }, { "UF_HIDDEN", 0x8000 },
        { "SF_ARCHIVED", 0x10000 }, { "SF_IMMUTABLE", 0x20000 }, { "SF_APPEND", 0x40000 },
        { "SF_NOUNLINK", 0x100000 }, { "SF_SNAPSHOT", 0x200000 },
        // Indices into a stat tuple.
        { "ST_MODE", 0 }, { "ST_INO", 1 }, { "ST_DEV", 2 }, { "ST_NLINK", 3 }, { "ST_UID", 4 },
        { "ST_GID", 5 }, { "ST_SIZE", 6 }, { "ST_ATIME", 7 }, { "ST_MTIME", 8 }, { "ST_CTIME", 9 },
    };
    for (Const const& c : consts)
        module_add(vm, m, c.name, Value::small_int(c.value));
    return m;
}

} // namespace slpy
