// Text codecs without the VM (objects/codecs.cpp; the Python-level ones, str_encode and
// bytes_decode, are declared in bytes.h).
#pragma once

#include <string>
#include <string_view>

namespace slpy {

// Decodes `data` with codec `encoding` under 'strict' errors into UTF-8, without the VM
// (source files are decoded before an interpreter exists). False with `error` set to
// what str() of the exception CPython raises says: "unknown encoding: x", "'hex' is not
// a text encoding; ...", "'ascii' codec can't decode byte 0xe9 in position 3: ordinal not
// in range(128)"; a CPython codec slpy lacks gives "the 'x' codec is not supported by
// slpy".
bool decode_strict(std::string_view encoding, std::string_view data, std::string& out, std::string& error);

} // namespace slpy
