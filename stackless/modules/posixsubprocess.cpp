// _posixsubprocess: fork_exec, the fork+exec that CPython's subprocess.Popen calls on POSIX.
//
// Everything the child needs (argv, envp, the executable candidates, cwd, groups) is
// converted to C arrays before fork: between fork and exec the child makes only
// async-signal-safe calls (dup2, fcntl, chdir, close, execve, write, _exit), except for
// a preexec_fn, which runs Python code in the child as CPython does. An error in the child
// goes back to the parent over `errpipe_write` as "ExceptionName:hex errno:detail", the
// protocol subprocess.py decodes ("noexec" marks an error before exec: then the failing
// file is cwd, not the program).
#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/builtins/builtins.h"
#include "stackless/modules/os_support.h"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace slpy {

namespace {

// A sequence of paths (str, bytes or os.PathLike) as NUL-terminated strings.
bool path_list(VM& vm, Value seq, char const* what, std::vector<std::string>& out)
{
    List* l = list_from_iterable_or(vm, seq, what);
    if (!l)
        return false;
    for (size_t i = 0; i < l->size; ++i) {
        Value item = l->items()[i];
        std::string path;
        // As PyUnicode_FSConverter: str (surrogateescape), bytes, or os.PathLike.
        if (String* s = as_str(item)) {
            if (!fs_encode(vm, s, path))
                return false;
        } else if (Bytes* b = as_bytes(item)) {
            path.assign(b->view());
        } else {
            PathArg p;
            if (!path_arg(vm, item, "fork_exec", "args", false, p))
                return false;
            path = std::move(p.path);
        }
        if (path.find('\0') != std::string::npos) {
            raise(vm, exc::ValueError, "embedded null byte");
            return false;
        }
        out.push_back(std::move(path));
    }
    return true;
}


// What the child does, prepared by the parent.
struct ChildPlan {
    std::vector<char*> argv;
    std::vector<char*> envp; // empty: inherit the environment (execv)
    bool have_env = false;
    std::vector<char*> executables;
    char const* cwd = nullptr;
    std::vector<int> fds_to_keep; // sorted ascending
    bool close_fds = false;
    int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
    bool restore_signals = false;
    bool call_setsid = false;
    int pgid_to_set = -1;
    bool set_groups = false;
    std::vector<gid_t> groups;
    long gid = -1;
    long uid = -1;
    int child_umask = -1;
    Value preexec_fn; // null: none
    int max_fd = 256; // the close loop's bound where close_range(2) is missing
};

// fcntl-only: async-signal-safe.
int set_inheritable(int fd, bool inheritable)
{
    int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0)
        return -1;
    int want = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
    return want == flags ? 0 : ::fcntl(fd, F_SETFD, want);
}

void close_range_safe(int lo, int hi) // [lo, hi]
{
    if (lo > hi)
        return;
    if (::syscall(SYS_close_range, unsigned(lo), unsigned(hi), 0u) == 0)
        return;
    for (int fd = lo; fd <= hi; ++fd)
        (void)::close(fd);
}

// Every descriptor from 3 up that is not kept.
void close_open_fds(ChildPlan const& p)
{
    int start = 3;
    for (int keep : p.fds_to_keep) {
        if (keep < start)
            continue;
        close_range_safe(start, keep - 1);
        start = keep + 1;
    }
    if (::syscall(SYS_close_range, unsigned(start), ~0u, 0u) != 0)
        close_range_safe(start, p.max_fd - 1);
}

void write_all(int fd, char const* s, size_t n)
{
    while (n > 0) {
        ssize_t w = ::write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        s += w;
        n -= size_t(w);
    }
}

[[noreturn]] void child_exec(VM& vm, ChildPlan& p)
{
    int saved_errno = 0;
    bool reached_preexec = false;
    char const* err_msg = "";

#define CHILD_CALL(expr)        \
    do {                        \
        if ((expr) == -1)       \
            goto error;         \
    } while (0)

    for (int fd : p.fds_to_keep)
        if (fd != p.errpipe_write)
            CHILD_CALL(set_inheritable(fd, true));
    // The parent's ends of the pipes.
    if (p.p2cwrite != -1)
        CHILD_CALL(::close(p.p2cwrite));
    if (p.c2pread != -1)
        CHILD_CALL(::close(p.c2pread));
    if (p.errread != -1)
        CHILD_CALL(::close(p.errread));
    CHILD_CALL(::close(p.errpipe_read));
    // Move what would be overwritten by the dup2 calls below out of the way.
    if (p.c2pwrite == 0) {
        CHILD_CALL(p.c2pwrite = ::dup(p.c2pwrite));
        CHILD_CALL(set_inheritable(p.c2pwrite, false));
    }
    while (p.errwrite == 0 || p.errwrite == 1) {
        CHILD_CALL(p.errwrite = ::dup(p.errwrite));
        CHILD_CALL(set_inheritable(p.errwrite, false));
    }
    // dup2 leaves the copy inheritable; a descriptor already in place only needs its
    // close-on-exec flag cleared.
    if (p.p2cread == 0)
        CHILD_CALL(set_inheritable(0, true));
    else if (p.p2cread != -1)
        CHILD_CALL(::dup2(p.p2cread, 0));
    if (p.c2pwrite == 1)
        CHILD_CALL(set_inheritable(1, true));
    else if (p.c2pwrite != -1)
        CHILD_CALL(::dup2(p.c2pwrite, 1));
    if (p.errwrite == 2)
        CHILD_CALL(set_inheritable(2, true));
    else if (p.errwrite != -1)
        CHILD_CALL(::dup2(p.errwrite, 2));
    // The originals are closed by close_fds or by their close-on-exec flag.

    if (p.cwd)
        CHILD_CALL(::chdir(p.cwd));
    if (p.child_umask >= 0)
        ::umask(mode_t(p.child_umask));
    if (p.restore_signals) {
        // What slpy's start-up ignores, back to the default for the new program.
        ::signal(SIGPIPE, SIG_DFL);
        ::signal(SIGXFSZ, SIG_DFL);
    }
    if (p.call_setsid)
        CHILD_CALL(::setsid());
    if (p.pgid_to_set >= 0)
        CHILD_CALL(::setpgid(0, p.pgid_to_set));
    if (p.set_groups)
        CHILD_CALL(::setgroups(p.groups.size(), p.groups.data()));
    if (p.gid != -1)
        CHILD_CALL(::setregid(gid_t(p.gid), gid_t(p.gid)));
    if (p.uid != -1)
        CHILD_CALL(::setreuid(uid_t(p.uid), uid_t(p.uid)));

    reached_preexec = true;
    if (!p.preexec_fn.is_null()) {
        // Python code in the child, as CPython: slpy runs no other thread, so no lock
        // is held by a thread that does not exist here.
        if (call0(vm, p.preexec_fn).is_null()) {
            vm.clear_error();
            err_msg = "Exception occurred in preexec_fn.";
            errno = 0;
            goto error;
        }
    }
    if (p.close_fds)
        close_open_fds(p);

    // Each candidate in turn (the PATH search of os._execvpe); the first error that is
    // not "no such file" is the one reported.
    for (char* exe : p.executables) {
        if (!exe)
            break;
        if (p.have_env)
            ::execve(exe, p.argv.data(), p.envp.data());
        else
            ::execv(exe, p.argv.data());
        if (errno != ENOENT && errno != ENOTDIR && saved_errno == 0)
            saved_errno = errno;
    }
    if (saved_errno)
        errno = saved_errno;

error:
#undef CHILD_CALL
    saved_errno = errno;
    if (saved_errno) {
        char hex[2 * sizeof(int) + 1];
        char* end = hex + sizeof hex;
        char* cur = end;
        unsigned v = unsigned(saved_errno);
        while (v != 0 && cur != hex) {
            *--cur = "0123456789ABCDEF"[v % 16];
            v /= 16;
        }
        write_all(p.errpipe_write, "OSError:", 8);
        write_all(p.errpipe_write, cur, size_t(end - cur));
        write_all(p.errpipe_write, ":", 1);
        if (!reached_preexec)
            write_all(p.errpipe_write, "noexec", 6);
        // strerror is not async-signal-safe: the parent looks the message up.
    } else {
        write_all(p.errpipe_write, "SubprocessError:0:", 18);
        write_all(p.errpipe_write, err_msg, std::strlen(err_msg));
    }
    ::_exit(255);
}

// fork_exec(args, executable_list, close_fds, fds_to_keep, cwd, env_list, p2cread,
//           p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write,
//           restore_signals, call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask,
//           preexec_fn, allow_vfork) -> pid
Value fork_exec(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "fork_exec", kwnames) || !check_nargs(vm, "fork_exec", nargs, 23, 23))
        return Value::null();
    ChildPlan p;
    std::vector<std::string> argv, env, exes;

    if (!is_none(args[0]) && !path_list(vm, args[0], "args must be a sequence", argv))
        return Value::null();
    if (!path_list(vm, args[1], "executable_list must be a sequence", exes))
        return Value::null();
    int t = truthy(vm, args[2]);
    if (t < 0)
        return Value::null();
    p.close_fds = t > 0;
    if (!is_instance_fast(args[3], types.tuple))
        return raise_fmt(vm, exc::TypeError, "fork_exec() argument 4 must be tuple, not %s", type_name(args[3]));
    Tuple* keep = args[3].as<Tuple>();
    long prev = -1;
    for (size_t i = 0; i < keep->size; ++i) {
        Value fd = keep->items[i];
        // Sorted, distinct, non-negative ints: the closing loop relies on it.
        if (!fd.is_int() || fd.as_int() < 0 || fd.as_int() > INT_MAX || fd.as_int() <= prev)
            return raise(vm, exc::ValueError, "bad value(s) in fds_to_keep");
        prev = long(fd.as_int());
        p.fds_to_keep.push_back(int(prev));
    }
    std::string cwd;
    if (!is_none(args[4])) {
        PathArg c;
        if (!path_arg(vm, args[4], "fork_exec", "cwd", false, c))
            return Value::null();
        cwd = std::move(c.path);
    }
    if (!is_none(args[5])) {
        p.have_env = true;
        if (!path_list(vm, args[5], "env must be a sequence", env))
            return Value::null();
    }
    int* fds[] = { &p.p2cread, &p.p2cwrite, &p.c2pread, &p.c2pwrite, &p.errread, &p.errwrite, &p.errpipe_read, &p.errpipe_write };
    for (size_t i = 0; i < 8; ++i)
        if (!int_arg(vm, args[6 + i], *fds[i]))
            return Value::null();
    if (p.close_fds && p.errpipe_write < 3)
        return raise(vm, exc::ValueError, "errpipe_write must be >= 3");
    if ((t = truthy(vm, args[14])) < 0)
        return Value::null();
    p.restore_signals = t > 0;
    if ((t = truthy(vm, args[15])) < 0)
        return Value::null();
    p.call_setsid = t > 0;
    if (!int_arg(vm, args[16], p.pgid_to_set))
        return Value::null();
    int64_t id;
    if (!is_none(args[17])) {
        if (!index_i64(vm, args[17], id))
            return Value::null();
        p.gid = long(id);
    }
    if (!is_none(args[18])) {
        List* gl = list_from_iterable_or(vm, args[18], "extra_groups must be an iterable");
        if (!gl)
            return Value::null();
        for (size_t i = 0; i < gl->size; ++i) {
            if (!index_i64(vm, gl->items()[i], id))
                return Value::null();
            p.groups.push_back(gid_t(id));
        }
        p.set_groups = true;
    }
    if (!is_none(args[19])) {
        if (!index_i64(vm, args[19], id))
            return Value::null();
        p.uid = long(id);
    }
    if (!int_arg(vm, args[20], p.child_umask))
        return Value::null();
    if (!is_none(args[21])) {
        if (!is_callable(args[21]))
            return raise(vm, exc::TypeError, "preexec_fn must be callable");
        p.preexec_fn = args[21];
    }
    // args[22], allow_vfork: slpy always forks.

    p.argv = c_array(argv);
    p.envp = c_array(env);
    p.executables = c_array(exes);
    p.cwd = cwd.empty() && is_none(args[4]) ? nullptr : cwd.c_str();
    long open_max = ::sysconf(_SC_OPEN_MAX);
    p.max_fd = open_max > 0 && open_max < INT_MAX ? int(open_max) : 256;

    bool have_preexec = !p.preexec_fn.is_null();
    if (have_preexec)
        posix_before_fork(vm);
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
        if (have_preexec)
            posix_after_fork_child(vm);
        child_exec(vm, p);
    }
    int err = errno;
    if (have_preexec)
        posix_after_fork_parent(vm);
    if (pid < 0)
        return raise_os_error(vm, err);
    return int_from_i64(vm, pid);
}

} // namespace

Module* make_posixsubprocess_module(VM& vm)
{
    Module* m = module_new(vm, "_posixsubprocess");
    module_add_functions(vm, m, { { "fork_exec", fork_exec } });
    return m;
}

} // namespace slpy
