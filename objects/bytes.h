// bytes and bytearray, and the codecs used by str.encode and bytes.decode.
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

// The text codecs (objects/codecs.cpp): utf-8, utf-8-sig, ascii, latin-1, cp1252,
// utf-16/utf-32 (BOM, -le, -be), unicode_escape, raw_unicode_escape, under their CPython
// aliases; errors: strict, ignore, replace, backslashreplace, xmlcharrefreplace,
// surrogateescape, surrogatepass. CPython's messages and exception attributes.
Value str_encode(VM& vm, String* s, std::string_view encoding, std::string_view errors);
Value bytes_decode(VM& vm, std::string_view data, std::string_view encoding, std::string_view errors);

} // namespace slpy
