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
int64_t bytes_hash(Bytes* b); // cached in the object

struct ByteArray : Object {
    RawBuffer* buffer;
    size_t size;
    // Buffer exports (CPython's ob_exports): while any is live the size cannot change.
    uint32_t view_exports;   // memoryviews over it not released yet (objects/memoryview.cpp)
    uint32_t native_exports; // native code reading its bytes across calls into Python code
    bool recounting;         // a collection is recounting its live memoryviews
    unsigned char* data() const { return buffer ? buffer->data : nullptr; }
};
ByteArray* bytearray_new(VM& vm, std::string_view data);
ByteArray* as_bytearray(Value v);
// CPython's _canresize: false with BufferError pending while the bytearray's buffer is
// exported. Without reference counts a memoryview dropped without release() is still
// counted, so a refusal first recounts the views with a collection (memoryview.cpp).
bool bytearray_can_resize(VM& vm, ByteArray* ba);
// Every change of a bytearray's size asks this first (a resize to the same size is no
// resize, as in CPython's PyByteArray_Resize).
inline bool bytearray_resizable(VM& vm, ByteArray* ba, size_t new_size)
{
    return new_size == ba->size || bytearray_can_resize(vm, ba);
}
// Holds a native export of a bytearray for its scope (bytearray.join iterating its
// argument, as CPython's holds a buffer on self); a no-op for other objects.
class ByteArrayExport {
public:
    explicit ByteArrayExport(Value v) : m_ba(as_bytearray(v))
    {
        if (m_ba)
            ++m_ba->native_exports;
    }
    ~ByteArrayExport()
    {
        if (m_ba)
            --m_ba->native_exports;
    }
    ByteArrayExport(ByteArrayExport const&) = delete;
    ByteArrayExport& operator=(ByteArrayExport const&) = delete;

private:
    ByteArray* m_ba;
};

// The text codecs (objects/codecs.cpp): utf-8, utf-8-sig, ascii, latin-1, the
// single-byte charmaps (cp1252, cp437, iso8859_*, koi8_*, mac_*, ...), utf-16/utf-32
// (BOM, -le, -be), unicode_escape, raw_unicode_escape, under their CPython aliases;
// errors: strict, ignore, replace, backslashreplace, xmlcharrefreplace, namereplace,
// surrogateescape, surrogatepass. CPython's messages and exception attributes.
Value str_encode(VM& vm, String* s, std::string_view encoding, std::string_view errors);
Value bytes_decode(VM& vm, std::string_view data, std::string_view encoding, std::string_view errors);

} // namespace slpy
