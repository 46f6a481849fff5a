// bytes and bytearray, and the codecs used by str.encode and bytes.decode.
#pragma once

#include "objects/buffer.h"
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
int64_t bytes_hash(Bytes* b); // cached in the object

struct ByteArray : Object {
    RawBuffer* buffer;
    size_t size;
    BufferExports exports; // while any is live the size cannot change (objects/buffer.h)
    unsigned char* data() const { return buffer ? buffer->data : nullptr; }
};
ByteArray* bytearray_new(VM& vm, std::string_view data);
ByteArray* as_bytearray(Value v);
// CPython's _canresize: false with BufferError pending while the bytearray's buffer is
// exported (buffer_can_resize).
inline bool bytearray_can_resize(VM& vm, ByteArray* ba) { return buffer_can_resize(vm, ba->exports); }
// Every change of a bytearray's size asks this first.
inline bool bytearray_resizable(VM& vm, ByteArray* ba, size_t new_size)
{
    return buffer_resizable(vm, ba->exports, ba->size, new_size);
}

// The text codecs (objects/codecs.cpp): utf-8, utf-8-sig, ascii, latin-1, the
// single-byte charmaps (cp1252, cp437, iso8859_*, koi8_*, mac_*, ...), utf-16/utf-32
// (BOM, -le, -be), unicode_escape, raw_unicode_escape, under their CPython aliases;
// errors: strict, ignore, replace, backslashreplace, xmlcharrefreplace, namereplace,
// surrogateescape, surrogatepass. CPython's messages and exception attributes.
Value str_encode(VM& vm, String* s, std::string_view encoding, std::string_view errors);
Value bytes_decode(VM& vm, std::string_view data, std::string_view encoding, std::string_view errors);
// After a codec called through the registry failed: rewraps the pending exception as
// "encoding with 'x' codec failed (Type: text)" of the same type, chained, where CPython
// would (a stateless exception type). Returns null.
Value wrap_codec_error(VM& vm, char const* operation, std::string_view encoding);

} // namespace slpy
