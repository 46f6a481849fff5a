// memoryview over bytes and bytearray: one-dimensional views of unsigned bytes (format
// 'B'), with indexing, slicing (views share the exporter), item assignment for writable
// exporters, tobytes/tolist/hex, release and the context-manager protocol.
//
// A view keeps the exporter and an offset/step/length; the exporter's current buffer is
// looked up on every access, so a bytearray that was resized cannot leave a dangling
// pointer. A view over a bytearray is a buffer export: the bytearray refuses to change
// its size (BufferError) until every view over it is released or has died.
//
// CPython learns that a view died from its reference count; here only the collector
// knows. So the bytearray counts the views made over it (view_exports, down again at
// release()), and a resize refused by that count recounts it: a collection in which each
// unreleased view reached from Python-visible state (the precise roots, not a stale word
// on a C stack) counts itself again (bytearray_resizable).
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/slice.h"
#include "objects/str_internal.h"
#include "objects/type.h"

#include <cstdio>
#include <cstring>

namespace slpy {

MemoryView* as_memoryview(Value v)
{
    if (!v.is_object())
        return nullptr;
    Object* o = v.as_object();
    if (o->type == types.memoryview)
        return static_cast<MemoryView*>(o);
    return nullptr;
}

namespace {

// The exporter's whole buffer.
bool exporter_bytes(MemoryView* mv, std::string_view& out)
{
    bool ba;
    return !mv->released && !mv->obj.is_null() && bytes_self(mv->obj, out, ba);
}

void trace_memoryview(Object* o, Tracer& t)
{
    auto* mv = static_cast<MemoryView*>(o);
    t.visit(mv->obj);
    if (mv->released)
        return;
    ByteArray* ba = as_bytearray(mv->obj);
    if (ba && ba->recounting) {
        mv->exported = t.precise();
        if (mv->exported)
            ++ba->view_exports;
    }
}

// The view stops exporting its bytearray (release(), or the view of a dead bytearray).
void unexport(MemoryView* mv)
{
    if (!mv->exported)
        return;
    mv->exported = false;
    if (ByteArray* ba = as_bytearray(mv->obj); ba && ba->view_exports > 0)
        --ba->view_exports;
}

MemoryView* checked(VM& vm, Value v)
{
    MemoryView* mv = as_memoryview(v);
    if (!mv) {
        (void)raise_fmt(vm, exc::TypeError, "descriptor requires a 'memoryview' object but received a '%s'", type_name(v));
        return nullptr;
    }
    if (mv->released) {
        (void)raise(vm, exc::ValueError, "operation forbidden on released memoryview object");
        return nullptr;
    }
    return mv;
}

#define SELF_MV()                          \
    MemoryView* mv = checked(vm, args[0]); \
    if (!mv)                               \
        return Value::null()

// The bytes the view covers (copied, any step). False when the exporter shrank.
bool view_contents(VM& vm, MemoryView* mv, std::string& out)
{
    std::string_view all;
    if (!exporter_bytes(mv, all)) {
        (void)raise(vm, exc::ValueError, "operation forbidden on released memoryview object");
        return false;
    }
    out.clear();
    out.reserve(mv->length);
    int64_t pos = static_cast<int64_t>(mv->start);
    for (size_t k = 0; k < mv->length; ++k, pos += mv->step) {
        if (pos < 0 || static_cast<size_t>(pos) >= all.size()) {
            (void)raise(vm, exc::IndexError, "index out of range");
            return false;
        }
        out += all[static_cast<size_t>(pos)];
    }
    return true;
}

MemoryView* new_view(VM& vm, Value obj, size_t start, int64_t step, size_t length, bool readonly)
{
    auto* mv = vm.heap.make<MemoryView>(types.memoryview);
    if (!mv)
        return nullptr;
    mv->obj = obj;
    mv->start = start;
    mv->step = step;
    mv->length = length;
    mv->readonly = readonly;
    if (ByteArray* ba = as_bytearray(obj)) {
        ++ba->view_exports;
        mv->exported = true;
    }
    return mv;
}

Value mv_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "memoryview", args + 1, nargs ? nargs - 1 : 0, kwnames, { "object" }, 1, out))
        return Value::null();
    Value obj = out[0];
    if (MemoryView* src = as_memoryview(obj)) {
        if (src->released)
            return raise(vm, exc::ValueError, "operation forbidden on released memoryview object");
        return Value::from_object(new_view(vm, src->obj, src->start, src->step, src->length, src->readonly));
    }
    std::string_view data;
    bool ba;
    if (!bytes_self(obj, data, ba))
        return raise_fmt(vm, exc::TypeError, "memoryview: a bytes-like object is required, not '%s'", type_name(obj));
    return Value::from_object(new_view(vm, obj, 0, 1, data.size(), !ba));
}

Value mv_len(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::small_int(static_cast<int64_t>(mv->length));
}

Value mv_getitem(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    Value key = args[1];
    int64_t len = static_cast<int64_t>(mv->length);
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (mv->released) // by the __index__ that just ran
            return raise(vm, exc::ValueError, "operation forbidden on released memoryview object");
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            return raise(vm, exc::IndexError, "index out of bounds on dimension 1");
        std::string_view all;
        if (!exporter_bytes(mv, all))
            return raise(vm, exc::ValueError, "operation forbidden on released memoryview object");
        int64_t pos = static_cast<int64_t>(mv->start) + i * mv->step;
        if (pos < 0 || static_cast<size_t>(pos) >= all.size())
            return raise(vm, exc::IndexError, "index out of bounds on dimension 1");
        return Value::small_int(static_cast<unsigned char>(all[static_cast<size_t>(pos)]));
    }
    if (as_slice(key)) {
        // The new view shares this one's exporter even when the slice's __index__
        // releases this view meanwhile, as CPython's shares the managed buffer.
        Value obj = mv->obj;
        int64_t start, stop, step, n;
        if (!slice_indices(vm, key, len, start, stop, step, n))
            return Value::null();
        int64_t first = static_cast<int64_t>(mv->start) + start * mv->step;
        return Value::from_object(new_view(vm, obj, static_cast<size_t>(n > 0 ? first : 0), step * mv->step,
                                           static_cast<size_t>(n > 0 ? n : 0), mv->readonly));
    }
    return raise(vm, exc::TypeError, "memoryview: invalid slice key");
}

Value mv_setitem(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    if (mv->readonly)
        return raise(vm, exc::TypeError, "cannot modify read-only memory");
    ByteArray* ba = as_bytearray(mv->obj);
    Value key = args[1], value = args[2];
    int64_t len = static_cast<int64_t>(mv->length);
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (mv->released) // by the __index__ that just ran
            return raise(vm, exc::ValueError, "operation forbidden on released memoryview object");
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            return raise(vm, exc::IndexError, "index out of bounds on dimension 1");
        if (!is_int(value))
            return raise(vm, exc::TypeError, "memoryview: invalid type for format 'B'");
        int64_t v;
        if (!int_to_i64(int_unwrap(value), v) || v < 0 || v > 255)
            return raise(vm, exc::ValueError, "memoryview: invalid value for format 'B'");
        size_t pos = static_cast<size_t>(static_cast<int64_t>(mv->start) + i * mv->step);
        if (pos >= ba->size)
            return raise(vm, exc::IndexError, "index out of bounds on dimension 1");
        ba->data()[pos] = static_cast<unsigned char>(v);
        return py_none();
    }
    if (as_slice(key)) {
        int64_t start, stop, step, n;
        if (!slice_indices(vm, key, len, start, stop, step, n))
            return Value::null();
        if (mv->released)
            return raise(vm, exc::ValueError, "operation forbidden on released memoryview object");
        std::string_view src;
        if (!get_bytes_like(value, src))
            return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(value));
        if (static_cast<int64_t>(src.size()) != (n > 0 ? n : 0))
            return raise(vm, exc::ValueError, "memoryview assignment: lvalue and rvalue have different structures");
        std::string copy(src);
        for (int64_t k = 0; k < n; ++k) {
            size_t pos = static_cast<size_t>(static_cast<int64_t>(mv->start) + (start + k * step) * mv->step);
            if (pos >= ba->size)
                return raise(vm, exc::IndexError, "index out of bounds on dimension 1");
            ba->data()[pos] = static_cast<unsigned char>(copy[static_cast<size_t>(k)]);
        }
        return py_none();
    }
    return raise(vm, exc::TypeError, "memoryview: invalid slice key");
}

Value mv_tobytes(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_MV();
    std::string data;
    if (!view_contents(vm, mv, data))
        return Value::null();
    return Value::from_object(bytes_new(vm, data));
}

Value mv_tolist(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    std::string data;
    if (!view_contents(vm, mv, data))
        return Value::null();
    List* l = list_new(vm, data.size());
    if (!l)
        return Value::null();
    for (unsigned char c : data)
        if (!list_append(vm, l, Value::small_int(c)))
            return Value::null();
    return Value::from_object(l);
}

Value mv_hex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_MV();
    std::string data;
    if (!view_contents(vm, mv, data))
        return Value::null();
    Value b = TRY(Value::from_object(bytes_new(vm, data)));
    static String* hex_name = nullptr;
    if (!hex_name && !(hex_name = intern(vm, "hex")))
        return Value::null();
    return call_method(vm, b, hex_name, args + 1, nargs - 1, kwnames);
}

Value mv_release(VM& vm, Value const* args, size_t, Tuple*)
{
    MemoryView* mv = as_memoryview(args[0]);
    if (!mv)
        return raise(vm, exc::TypeError, "descriptor 'release' requires a 'memoryview' object");
    if (!mv->released)
        unexport(mv);
    mv->released = true;
    mv->obj = Value::null();
    return py_none();
}

Value mv_enter(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return args[0];
}

Value mv_exit(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return mv_release(vm, args, nargs, kwnames);
}

Value mv_eq(VM& vm, Value const* args, size_t, Tuple*)
{
    MemoryView* mv = as_memoryview(args[0]);
    if (!mv)
        return py_not_implemented();
    if (args[0].is(args[1]))
        return py_true();
    if (mv->released)
        return py_false();
    std::string mine;
    if (!view_contents(vm, mv, mine))
        return Value::null();
    std::string other;
    if (MemoryView* o = as_memoryview(args[1])) {
        if (o->released)
            return py_false();
        if (!view_contents(vm, o, other))
            return Value::null();
    } else {
        std::string_view v;
        if (!get_bytes_like(args[1], v))
            return py_not_implemented();
        other.assign(v);
    }
    return py_bool(mine == other);
}

Value mv_ne(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value r = TRY(mv_eq(vm, args, nargs, kw));
    if (r.is(py_not_implemented()))
        return r;
    return py_bool(!r.is(py_true()));
}

Value mv_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    if (!mv->readonly)
        return raise(vm, exc::ValueError, "cannot hash writable memoryview object");
    std::string data;
    if (!view_contents(vm, mv, data))
        return Value::null();
    Value b = TRY(Value::from_object(bytes_new(vm, data)));
    int64_t h;
    if (!hash(vm, b, h))
        return Value::null();
    return int_from_i64(vm, h);
}

Value mv_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    MemoryView* mv = as_memoryview(args[0]);
    char buf[64];
    std::snprintf(buf, sizeof buf, mv && mv->released ? "<released memory at %p>" : "<memory at %p>",
                  static_cast<void*>(args[0].as_object()));
    return str_value(vm, buf);
}

Value mv_iter(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return seq_iterator_new(vm, args[0]);
}

Value mv_get_obj(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return mv->obj;
}
Value mv_get_readonly(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return py_bool(mv->readonly);
}
Value mv_get_nbytes(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::small_int(static_cast<int64_t>(mv->length));
}
Value mv_get_itemsize(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::small_int(1);
}
Value mv_get_ndim(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::small_int(1);
}
Value mv_get_format(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return str_value(vm, "B");
}
Value mv_get_shape(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::from_object(tuple_pack(vm, { Value::small_int(static_cast<int64_t>(mv->length)) }));
}
Value mv_get_released(VM& vm, Value const* args, size_t, Tuple*)
{
    MemoryView* mv = as_memoryview(args[0]);
    return py_bool(mv && mv->released);
}
Value mv_get_contiguous(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return py_bool(mv->step == 1 || mv->length <= 1);
}

} // namespace

bool bytearray_can_resize(VM& vm, ByteArray* ba)
{
    if (ba->view_exports == 0 && ba->native_exports == 0)
        return true;
    if (ba->native_exports == 0) {
        // Some counted views may have died unreleased: count the live ones again.
        ba->view_exports = 0;
        ba->recounting = true;
        vm.heap.collect();
        ba->recounting = false;
        if (ba->view_exports == 0)
            return true;
    }
    (void)raise(vm, exc::BufferError, "Existing exports of data: object cannot be re-sized");
    return false;
}

bool memoryview_bytes(MemoryView* mv, std::string_view& out)
{
    std::string_view all;
    if (!exporter_bytes(mv, all))
        return false;
    if (mv->length == 0) {
        out = std::string_view();
        return true;
    }
    if (mv->step != 1 || mv->start + mv->length > all.size())
        return false;
    out = all.substr(mv->start, mv->length);
    return true;
}

void setup_memoryview(VM& vm)
{
    types.memoryview->basicsize = sizeof(MemoryView);
    types.memoryview->trace = trace_memoryview;
    add_methods(vm, types.memoryview, {
        { "__new__", mv_new, METH_STATIC },
        { "__len__", mv_len },
        { "__getitem__", mv_getitem },
        { "__setitem__", mv_setitem },
        { "__iter__", mv_iter },
        { "__eq__", mv_eq },
        { "__ne__", mv_ne },
        { "__hash__", mv_hash },
        { "__repr__", mv_repr },
        { "__enter__", mv_enter },
        { "__exit__", mv_exit },
        { "tobytes", mv_tobytes },
        { "tolist", mv_tolist },
        { "hex", mv_hex },
        { "release", mv_release },
    });
    add_getsets(vm, types.memoryview, {
        { "obj", mv_get_obj },
        { "readonly", mv_get_readonly },
        { "nbytes", mv_get_nbytes },
        { "itemsize", mv_get_itemsize },
        { "ndim", mv_get_ndim },
        { "format", mv_get_format },
        { "shape", mv_get_shape },
        { "released", mv_get_released },
        { "contiguous", mv_get_contiguous },
    });
}

} // namespace slpy
