// What the operating-system modules (posix, _stat, errno) share: file-system names
// between str (UTF-8 with surrogateescape, as CPython's os.fsencode/fsdecode on Linux) and
// the bytes the kernel takes, and path arguments (str, bytes, os.PathLike, or a file
// descriptor where a function accepts one).
#pragma once

#include "objects/module.h"
#include "objects/runtime.h"
#include "stackless/modules/native_support.h"

#include <string>
#include <string_view>
#include <vector>

namespace slpy {

// Kernel bytes as str: undecodable bytes become lone surrogates U+DC80..U+DCFF.
Value fs_decode(VM& vm, std::string_view bytes);
// A str as kernel bytes: U+DC80..U+DCFF back to single bytes; other lone surrogates
// raise UnicodeEncodeError; so does a NUL ("embedded null byte" ValueError).
bool fs_encode(VM& vm, String* s, std::string& out);

// A path argument as CPython's path_converter: `out` the bytes, `as_bytes` whether the
// caller gave bytes (results then are bytes too), `fd` >= 0 when `allow_fd` and an int
// was given. `fname`/`argname` name the function in the TypeError.
struct PathArg {
    std::string path;
    bool is_bytes = false;
    int fd = -1;
    Value object; // what the caller gave (the OSError's filename)
};
bool path_arg(VM& vm, Value v, char const* fname, char const* argname, bool allow_fd, PathArg& out, bool allow_none = false);

// OSError (or the subclass for `err`) with strerror and up to two filenames.
Value raise_os_error(VM& vm, int err, Value filename = Value::null(), Value filename2 = Value::null());

// os.register_at_fork's callbacks around a fork (CPython's PyOS_BeforeFork and
// PyOS_AfterFork_Parent/Child): posix.fork and _posixsubprocess with a preexec_fn.
void posix_before_fork(VM& vm);
void posix_after_fork_parent(VM& vm);
void posix_after_fork_child(VM& vm);

// argv/envp for exec: pointers into `v`'s strings, null-terminated.
std::vector<char*> c_array(std::vector<std::string>& v);

Module* make_posix_module(VM& vm);
Module* make_errno_module(VM& vm);
Module* make_stat_module(VM& vm);

} // namespace slpy
