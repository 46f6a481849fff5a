// The bytecode cache (see pycache.h). File layout, as CPython's .pyc: a 16-byte header
// (magic, flags = 0, source mtime, source size; little-endian 32-bit words) then the
// serialized code (stackless/compiler/code_serial.h), which carries its own format
// version, instruction-set hash and checksum.
#include "stackless/imports/pycache.h"

#include "objects/codecs.h"
#include "objects/containers.h"
#include "objects/int.h"
#include "objects/string.h"
#include "stackless/compiler/code_serial.h"
#include "stackless/compiler/compiler.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace slpy {

namespace {

// slpy's magic number: follows the code format and the instruction set, in a range no
// CPython used, so neither reads the other's files, nor one slpy build another's
// (~/.cache/slpy is shared by every build).
constexpr uint32_t kMagicNumber = compiler::code_cache_magic();
static_assert((kMagicNumber & 0xf000) == 0x7000, "outside the range no CPython used");

void put32(std::string& out, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(char((v >> (8 * i)) & 0xff));
}

uint32_t get32(std::string const& s, size_t at)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= uint32_t(uint8_t(s[at + size_t(i)])) << (8 * i);
    return v;
}

std::string file_stem(std::string const& base)
{
    size_t dot = base.rfind('.');
    return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

std::string cache_file_name(VM& vm, std::string const& base)
{
    std::string name = file_stem(base) + "." + kCacheTag;
    if (vm.optimize > 0)
        name += ".opt-" + std::to_string(vm.optimize);
    return name + ".pyc";
}

// The fallback folder for sources whose folder is not writable: $XDG_CACHE_HOME/slpy
// (default ~/.cache/slpy), then the source folder's absolute path below it.
std::string fallback_cache_path(VM& vm, std::string const& source_path)
{
    std::string root;
    if (char const* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/')
        root = std::string(x) + "/slpy";
    else if (char const* h = std::getenv("HOME"); h && *h == '/')
        root = std::string(h) + "/.cache/slpy";
    else
        return "";
    std::string abs = source_path;
    if (abs.empty() || abs[0] != '/') {
        char buf[4096];
        if (!getcwd(buf, sizeof buf))
            return "";
        abs = std::string(buf) + "/" + abs;
    }
    size_t slash = abs.rfind('/');
    return root + abs.substr(0, slash) + "/" + cache_file_name(vm, abs.substr(slash + 1));
}

bool read_file(std::string const& path, std::string& out)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    // Only a regular file, and not absurdly large (a cache file of a huge module is a
    // few MiB).
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (int64_t(1) << 30)) {
        ::close(fd);
        return false;
    }
    out.clear();
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out.append(buf, size_t(n));
    }
    ::close(fd);
    return true;
}

// mkdir -p for the fallback folder.
bool make_dirs(std::string const& dir)
{
    if (dir.empty())
        return false;
    struct stat st;
    if (::stat(dir.c_str(), &st) == 0)
        return S_ISDIR(st.st_mode);
    size_t slash = dir.rfind('/');
    if (slash != std::string::npos && slash > 0 && !make_dirs(dir.substr(0, slash)))
        return false;
    return ::mkdir(dir.c_str(), 0777) == 0 || errno == EEXIST;
}

// Writes `data` to `path` through a temporary file renamed over it, so a reader never
// sees a half-written file (several slpy processes may compile the same module).
bool write_atomically(std::string const& path, std::string const& data, mode_t mode)
{
    std::string tmp = path + "." + std::to_string(::getpid()) + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return false;
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmp.c_str());
            return false;
        }
        done += size_t(n);
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return false;
    }
    return true;
}

// The code in a cache file if it is valid for a source of this mtime and size.
std::shared_ptr<compiler::CodeUnit> read_cache(std::string const& cache_path, uint32_t mtime, uint32_t size)
{
    std::string data;
    if (!read_file(cache_path, data) || data.size() < 16)
        return nullptr;
    if (get32(data, 0) != pycache_magic() || get32(data, 4) != kPycFlagsTimestamp || get32(data, 8) != mtime ||
        get32(data, 12) != size)
        return nullptr;
    return compiler::deserialize_code(std::string_view(data).substr(16));
}

bool dont_write_bytecode(VM& vm)
{
    Interpreter& in = interp(vm);
    String* n = intern(vm, "dont_write_bytecode");
    if (!n || !in.sys_module) {
        vm.clear_error();
        return true;
    }
    Value v = dict_get_str(vm, in.sys_module->dict, n);
    if (v.is_null()) {
        vm.clear_error();
        return true;
    }
    if (v.is_not_found())
        return false;
    int t = truthy(vm, v);
    if (t < 0) {
        vm.clear_error();
        return true;
    }
    return t > 0;
}

} // namespace

uint32_t pycache_magic() { return kMagicNumber | (uint32_t('\r') << 16) | (uint32_t('\n') << 24); }

std::string pycache_path_for(VM& vm, std::string const& source_path)
{
    size_t slash = source_path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : source_path.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? source_path : source_path.substr(slash + 1);
    return dir + "__pycache__/" + cache_file_name(vm, base);
}

Value imports_source_to_code(VM& vm, std::string const& path, std::string const& source)
{
    struct stat st;
    bool have_stat = ::stat(path.c_str(), &st) == 0;
    // CPython keeps the low 32 bits of both.
    uint32_t mtime = have_stat ? uint32_t(uint64_t(st.st_mtime)) : 0;
    uint32_t size = uint32_t(uint64_t(source.size()));
    std::string beside = pycache_path_for(vm, path);
    std::string fallback = fallback_cache_path(vm, path);
    if (have_stat) {
        for (std::string const* candidate : { &beside, &fallback }) {
            if (candidate->empty())
                continue;
            auto unit = read_cache(*candidate, mtime, size);
            if (!unit)
                continue;
            Value code = load_code(vm, *unit);
            if (!code.is_null())
                return code;
            // Refused by the verifier: recompiled and rewritten below.
            vm.clear_error();
        }
    }

    compiler::CompileOptions options;
    options.optimize = vm.optimize;
    options.source.is_text = false;
    options.source.is_file = true;
    options.source.filename = path;
    options.source.decoder = decode_strict;
    options.source.max_int_digits = get_int_max_str_digits();
    compiler::SyntaxErrorInfo err;
    std::shared_ptr<compiler::CodeUnit> unit = compiler::compile_source(source, path, parser::Mode::Exec, options, err);
    if (!unit) {
        if (err.filename.empty())
            err.filename = path;
        return raise_syntax_error(vm, err);
    }
    if (have_stat && !dont_write_bytecode(vm)) {
        std::string data;
        put32(data, pycache_magic());
        put32(data, kPycFlagsTimestamp);
        put32(data, mtime);
        put32(data, size);
        data += compiler::serialize_code(*unit);
        // The cache file gets the source's permission bits, as CPython's.
        mode_t mode = (st.st_mode & 0777) | 0600;
        size_t slash = beside.rfind('/');
        std::string dir = beside.substr(0, slash);
        bool ok = (::mkdir(dir.c_str(), 0777) == 0 || errno == EEXIST) && write_atomically(beside, data, mode);
        if (!ok && !fallback.empty()) {
            size_t fs = fallback.rfind('/');
            if (make_dirs(fallback.substr(0, fs)))
                (void)write_atomically(fallback, data, mode);
        }
    }
    return load_code(vm, *unit);
}

} // namespace slpy
