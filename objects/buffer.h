// The buffer protocol: how bytes, bytearray, memoryview, array.array and BytesIO's
// getbuffer() view lend their memory to memoryview and to every native that takes a
// bytes-like argument (CPython's tp_as_buffer / Py_buffer, for one-dimensional contiguous
// exports, which is all slpy's exporters make).
//
// A resizable exporter keeps a BufferExports in its object and refuses to change its
// size while it is exported (BufferError): by a memoryview not yet released, or by a
// native that holds its bytes across calls into Python code (BufferHold). CPython learns
// that a view died from its reference count; here only the collector knows, so a refused
// resize first recounts the live views with a collection (buffer_can_resize).
#pragma once

#include "objects/runtime.h"

#include <string_view>

namespace slpy {

// CPython's ob_exports, split by who holds the export.
struct BufferExports {
    uint32_t views;   // memoryviews over it not released yet (objects/memoryview.cpp)
    uint32_t natives; // native code reading its bytes across calls into Python code
    bool recounting;  // a collection is recounting its live memoryviews
};

// One export: the exporter's bytes as they are now. They move when the exporter is
// resized, so code that calls into Python asks again afterwards (or holds a BufferHold).
struct BufferInfo {
    unsigned char* data;
    size_t size; // in bytes
    bool readonly;
    uint8_t itemsize;
    char format[3]; // a native struct format letter, '@' allowed in front ("B", "i")
};

struct BufferProcs {
    // Fills `out`; false (nothing raised) when the object cannot export a contiguous
    // buffer now (a released or strided memoryview).
    bool (*get)(Object* self, BufferInfo& out);
    // The export counters of a resizable exporter; null for fixed-size ones.
    BufferExports* (*exports)(Object* self);
    // An exporter that only lends another one's buffer (pickle.PickleBuffer) gives the
    // memoryview it holds: memoryview(x) is then a view of that exporter, whose .obj it
    // reports, as CPython's views of a forwarded Py_buffer do. Null for the others.
    Value (*forward)(Object* self) = nullptr;
};

// The buffer `v` exports (bytes and their subclasses included); false, nothing raised,
// when it exports none.
bool get_buffer(Value v, BufferInfo& out);
// The counters a new export of `v` bumps; null when v does not count exports.
BufferExports* buffer_exports(Value v);
// CPython's "can resize" checks: false with BufferError(message) pending while exported.
// A refusal by memoryview counts alone first recounts them with a collection.
bool buffer_can_resize(VM& vm, BufferExports& e, char const* message = nullptr);
// Every change of an exporter's size asks this first (a resize to the same size is no
// resize, as in CPython's PyByteArray_Resize and array_resize).
inline bool buffer_resizable(VM& vm, BufferExports& e, size_t old_size, size_t new_size, char const* message = nullptr)
{
    return new_size == old_size || buffer_can_resize(vm, e, message);
}

// Holds a native export of `v` for its scope (bytearray.join iterating its argument, as
// CPython's holds a buffer on self); a no-op for objects that do not count exports.
class BufferHold {
public:
    explicit BufferHold(Value v) : m_exports(buffer_exports(v))
    {
        if (m_exports)
            ++m_exports->natives;
    }
    ~BufferHold()
    {
        if (m_exports)
            --m_exports->natives;
    }
    BufferHold(BufferHold const&) = delete;
    BufferHold& operator=(BufferHold const&) = delete;

private:
    BufferExports* m_exports;
};

} // namespace slpy
