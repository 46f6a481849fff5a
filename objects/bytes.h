// bytes and bytearray, and the codecs (utf-8, ascii, latin-1) used by str.encode and
// bytes.decode.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"

#include <string_view>

namespace slpy {

struct Bytes : Object {
    int64_t hash_cache; // -1 until computed
    size_t size;
    unsigned char data[]; // plus a NUL after the last byte
    std::string_view view() const { return { reinterpret_cast<char const*>(data), size }; }
};
Bytes* bytes_new(VM& vm, std::string_view data);
Bytes* bytes_alloc(VM& vm, size_t size); // uninitialized contents
Bytes* as_bytes(Value v); // exact bytes or bytes-subclass instance; nullptr otherwise

struct ByteArray : Object {
    RawBuffer* buffer;
    size_t size;
    unsigned char* data() const { return buffer ? buffer->data : nullptr; }
};
ByteArray* bytearray_new(VM& vm, std::string_view data);
ByteArray* as_bytearray(Value v);

// Codecs with CPython's error messages; errors: "strict", "ignore", "replace",
// "backslashreplace", "surrogateescape" (decode) where supported.
Value str_encode(VM& vm, String* s, std::string_view encoding, std::string_view errors);
Value bytes_decode(VM& vm, std::string_view data, std::string_view encoding, std::string_view errors);

} // namespace slpy
