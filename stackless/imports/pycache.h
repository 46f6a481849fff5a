// The bytecode cache: compiled code kept in __pycache__/NAME.slpy-311[.opt-N].pyc beside
// the source, or under $XDG_CACHE_HOME/slpy (default ~/.cache/slpy) when the source
// folder is not writable. A cache file is read as hostile input: any mismatch (magic,
// format version, source mtime or size, a truncated or corrupt body, code that fails
// verification) makes it ignored and rewritten.
#pragma once

#include "objects/runtime.h"

#include <cstdint>
#include <string>

namespace slpy {

// "slpy-311": sys.implementation.cache_tag.
inline constexpr char const* kCacheTag = "slpy-311";

// The cache file name for a source file (beside it, in __pycache__), as
// importlib.util.cache_from_source gives it.
std::string pycache_path_for(VM& vm, std::string const& source_path);

// The header of a cache file (16 bytes, CPython's layout): magic, flags, source mtime,
// source size, all little-endian 32-bit words.
inline constexpr uint32_t kPycFlagsTimestamp = 0;
// slpy's magic: the 2-byte number (compiler::code_cache_magic(): changes with the code
// format version and the instruction set), then "\r\n" as CPython's. The one source of
// truth: importlib._bootstrap_external.MAGIC_NUMBER is patched to it (import.cpp).
uint32_t pycache_magic();

// Compiles `source` (the contents of the file `path`) to a Code object, through the
// cache: a valid cache file is loaded instead of compiling, a missing or invalid one is
// (re)written unless sys.dont_write_bytecode is true.
Value imports_source_to_code(VM& vm, std::string const& path, std::string const& source);

} // namespace slpy
