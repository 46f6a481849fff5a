// bytearray: the mutable byte string. Its bytes live in a GC RawBuffer that grows
// geometrically; `size` is the used length. The read-only methods are shared with bytes
// (bytes_methods.cpp); this file has the layout, the constructor and the mutators.
#include "objects/function.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str_internal.h"
#include "objects/type.h"

#include <cstring>

namespace slpy {

ByteArray* as_bytearray(Value v)
{
    if (!v.is_object())
        return nullptr;
    Object* o = v.as_object();
    if (o->type == types.bytearray || o->type->has_flag(TF_BYTEARRAY_SUBCLASS))
        return static_cast<ByteArray*>(o);
    return nullptr;
}

namespace {

void trace_bytearray(Object* o, Tracer& t)
{
    t.visit(static_cast<ByteArray*>(o)->buffer);
}

// Sets the used size, growing the buffer when needed (contents beyond the old size are
// unspecified). False with MemoryError pending. The caller has asked bytearray_resizable.
bool ba_set_size(VM& vm, ByteArray* ba, size_t size)
{
    size_t cap = ba->buffer ? ba->buffer->size : 0;
    if (size > cap) {
        size_t new_cap = cap + cap / 2 + 16;
        if (new_cap < size)
            new_cap = size;
        RawBuffer* nb = raw_buffer_new(vm, new_cap);
        if (!nb)
            return false;
        if (ba->size)
            std::memcpy(nb->data, ba->buffer->data, ba->size);
        ba->buffer = nb;
    }
    ba->size = size;
    return true;
}

// Replaces bytes [start, stop) with `data`. False with BufferError (a live export and a
// change of size) or MemoryError pending, the bytearray unchanged.
bool ba_splice(VM& vm, ByteArray* ba, size_t start, size_t stop, std::string_view data)
{
    size_t old = ba->size;
    size_t tail = old - stop;
    size_t new_size = start + data.size() + tail;
    if (!bytearray_resizable(vm, ba, new_size))
        return false;
    if (new_size > old) {
        if (!ba_set_size(vm, ba, new_size))
            return false;
    }
    unsigned char* p = ba->data();
    if (tail && data.size() != stop - start)
        std::memmove(p + start + data.size(), p + stop, tail);
    if (!data.empty())
        std::memcpy(p + start, data.data(), data.size());
    ba->size = new_size;
    return true;
}

// Deletes the n bytes start, start + step, ... (step != 1). CPython refuses it on an
// exported bytearray even when nothing is selected.
bool ba_delete_extended(VM& vm, ByteArray* ba, int64_t start, int64_t step, int64_t n)
{
    if (!bytearray_can_resize(vm, ba))
        return false;
    if (n <= 0)
        return true;
    std::vector<bool> drop(ba->size, false);
    for (int64_t k = 0, i = start; k < n; ++k, i += step)
        drop[static_cast<size_t>(i)] = true;
    size_t w = 0;
    unsigned char* p = ba->data();
    for (size_t r = 0; r < ba->size; ++r)
        if (!drop[r])
            p[w++] = p[r];
    ba->size = w;
    return true;
}

// Replaces the whole contents (ba_init empties the bytearray first).
bool set_contents(VM& vm, ByteArray* ba, std::string_view data)
{
    return ba_splice(vm, ba, 0, ba->size, data);
}

ByteArray* self_ba(VM& vm, Value v)
{
    ByteArray* ba = as_bytearray(v);
    if (!ba)
        (void)raise_fmt(vm, exc::TypeError, "descriptor requires a 'bytearray' object but received a '%s'", type_name(v));
    return ba;
}

#define SELF_BA()                        \
    ByteArray* ba = self_ba(vm, args[0]); \
    if (!ba)                             \
        return Value::null()

bool positional(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t min, size_t max)
{
    return method_nargs(vm, "bytearray", name, nargs - 1, kwnames, min, max);
}

Value ba_dunder_new(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    TypeObject* cls = new_cls_arg(vm, types.bytearray, args, nargs);
    if (!cls)
        return Value::null();
    if (cls == types.bytearray)
        return Value::from_object(vm.heap.make<ByteArray>(types.bytearray));
    return Value::from_object(alloc_instance(vm, cls));
}

Value ba_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_BA();
    Value out[3];
    if (!parse_args(vm, "bytearray", args + 1, nargs - 1, kwnames, { "source", "encoding", "errors" }, 0, out))
        return Value::null();
    // The old contents go first of all, as in CPython (what converting the source runs
    // sees an empty bytearray).
    if (!bytearray_resizable(vm, ba, 0))
        return Value::null();
    ba->size = 0;
    std::string data;
    size_t zeros = 0;
    if (!bytes_constructor_data(vm, "bytearray", out[0], out[1], out[2], data, &zeros))
        return Value::null();
    if (zeros) {
        // bytearray(n): n zero bytes, allocated once.
        if (!bytearray_resizable(vm, ba, zeros) || !ba_set_size(vm, ba, zeros))
            return Value::null();
        std::memset(ba->data(), 0, zeros);
        return py_none();
    }
    if (!set_contents(vm, ba, data))
        return Value::null();
    return py_none();
}

Value ba_append(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "append", nargs, kwnames, 1, 1))
        return Value::null();
    SELF_BA();
    unsigned char b;
    if (!byte_from_value(vm, args[1], b))
        return Value::null();
    size_t n = ba->size;
    if (!bytearray_resizable(vm, ba, n + 1) || !ba_set_size(vm, ba, n + 1))
        return Value::null();
    ba->data()[n] = b;
    return py_none();
}

bool extend_data(VM& vm, Value src, std::string& data)
{
    std::string_view view;
    if (get_bytes_like(src, view)) {
        data.assign(view);
        return true;
    }
    TypeObject* t = type_of(src);
    if (!t || (t->slot(Slot::ITER).is_null() && t->slot(Slot::GETITEM).is_null())) {
        (void)raise_fmt(vm, exc::TypeError, "can't extend bytearray with %s", type_name(src));
        return false;
    }
    Value it = get_iter(vm, src);
    if (it.is_null())
        return false;
    while (true) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            return true;
        unsigned char b;
        if (!byte_from_value(vm, item, b))
            return false;
        data += static_cast<char>(b);
    }
}

Value ba_extend(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "extend", nargs, kwnames, 1, 1))
        return Value::null();
    SELF_BA();
    std::string data;
    if (!extend_data(vm, args[1], data))
        return Value::null();
    if (!ba_splice(vm, ba, ba->size, ba->size, data))
        return Value::null();
    return py_none();
}

Value ba_pop(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "pop", nargs, kwnames, 0, 1))
        return Value::null();
    SELF_BA();
    int64_t i = -1;
    if (nargs > 1 && !index_i64(vm, args[1], i))
        return Value::null();
    int64_t n = static_cast<int64_t>(ba->size);
    if (n == 0)
        return raise(vm, exc::IndexError, "pop from empty bytearray");
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return raise(vm, exc::IndexError, "pop index out of range");
    unsigned char b = ba->data()[i];
    if (!ba_splice(vm, ba, static_cast<size_t>(i), static_cast<size_t>(i) + 1, {}))
        return Value::null();
    return Value::small_int(b);
}

Value ba_insert(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "insert", nargs, kwnames, 2, 2))
        return Value::null();
    SELF_BA();
    int64_t i;
    unsigned char b;
    if (!index_i64(vm, args[1], i) || !byte_from_value(vm, args[2], b))
        return Value::null();
    int64_t n = static_cast<int64_t>(ba->size);
    if (i < 0) {
        i += n;
        if (i < 0)
            i = 0;
    }
    if (i > n)
        i = n;
    char c = static_cast<char>(b);
    if (!ba_splice(vm, ba, static_cast<size_t>(i), static_cast<size_t>(i), std::string_view(&c, 1)))
        return Value::null();
    return py_none();
}

Value ba_remove(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "remove", nargs, kwnames, 1, 1))
        return Value::null();
    SELF_BA();
    unsigned char b;
    if (!byte_from_value(vm, args[1], b))
        return Value::null();
    for (size_t i = 0; i < ba->size; ++i)
        if (ba->data()[i] == b) {
            if (!ba_splice(vm, ba, i, i + 1, {}))
                return Value::null();
            return py_none();
        }
    return raise(vm, exc::ValueError, "value not found in bytearray");
}

Value ba_reverse(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "reverse", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BA();
    unsigned char* p = ba->data();
    for (size_t a = 0, b = ba->size; a + 1 < b; ++a, --b)
        std::swap(p[a], p[b - 1]);
    return py_none();
}

Value ba_clear(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "clear", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BA();
    if (!bytearray_resizable(vm, ba, 0))
        return Value::null();
    ba->size = 0;
    return py_none();
}

Value ba_copy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "copy", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BA();
    std::string data(reinterpret_cast<char const*>(ba->data()), ba->size);
    return Value::from_object(bytearray_new(vm, data));
}

Value ba_setitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__setitem__", nargs - 1, kwnames, 2, true))
        return Value::null();
    SELF_BA();
    Value key = args[1], value = args[2];
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        unsigned char b;
        if (!byte_from_value(vm, value, b))
            return Value::null();
        int64_t n = static_cast<int64_t>(ba->size);
        if (i < 0)
            i += n;
        if (i < 0 || i >= n)
            return raise(vm, exc::IndexError, "bytearray index out of range");
        ba->data()[i] = b;
        return py_none();
    }
    if (!as_slice(key))
        return raise_fmt(vm, exc::TypeError, "bytearray indices must be integers or slices, not %s", type_name(key));
    std::string data;
    std::string_view view;
    if (get_bytes_like(value, view))
        data.assign(view);
    else if (is_str(value) || is_number_like(value))
        return raise(vm, exc::TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    else if (!bytes_constructor_data(vm, "bytearray", value, Value::null(), Value::null(), data))
        return Value::null(); // CPython converts the value with bytearray(value)
    int64_t start, stop, step, n;
    if (!slice_indices_live(vm, key, ba->size, start, stop, step, n))
        return Value::null();
    if (step == 1) {
        if (stop < start)
            stop = start;
        if (!ba_splice(vm, ba, static_cast<size_t>(start), static_cast<size_t>(stop), data))
            return Value::null();
        return py_none();
    }
    // An empty value deletes an extended slice of any size, as in CPython.
    if (data.empty())
        return ba_delete_extended(vm, ba, start, step, n) ? py_none() : Value::null();
    if (static_cast<int64_t>(data.size()) != n)
        return raise_fmt(vm, exc::ValueError, "attempt to assign bytes of size %zu to extended slice of size %lld", data.size(),
                         static_cast<long long>(n));
    for (int64_t k = 0, i = start; k < n; ++k, i += step)
        ba->data()[i] = static_cast<unsigned char>(data[static_cast<size_t>(k)]);
    return py_none();
}

Value ba_delitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__delitem__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_BA();
    Value key = args[1];
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        int64_t n = static_cast<int64_t>(ba->size);
        if (i < 0)
            i += n;
        if (i < 0 || i >= n)
            return raise(vm, exc::IndexError, "bytearray index out of range");
        if (!ba_splice(vm, ba, static_cast<size_t>(i), static_cast<size_t>(i) + 1, {}))
            return Value::null();
        return py_none();
    }
    if (!as_slice(key))
        return raise_fmt(vm, exc::TypeError, "bytearray indices must be integers or slices, not %s", type_name(key));
    int64_t start, stop, step, n;
    if (!slice_indices_live(vm, key, ba->size, start, stop, step, n))
        return Value::null();
    if (step != 1)
        return ba_delete_extended(vm, ba, start, step, n) ? py_none() : Value::null();
    if (n > 0 && !ba_splice(vm, ba, static_cast<size_t>(start), static_cast<size_t>(start + n), {}))
        return Value::null();
    return py_none();
}

Value ba_iadd(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__iadd__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_BA();
    std::string_view view;
    if (!get_bytes_like(args[1], view))
        return raise_fmt(vm, exc::TypeError, "can't concat %s to bytearray", type_name(args[1]));
    std::string data;
    if (!vm.heap.assign_buffer(data, view))
        return Value::null();
    // CPython holds the operand's buffer while it resizes: b += b is refused (BufferError)
    // as an export of b.
    BufferHold pin(args[1]);
    if (!ba_splice(vm, ba, ba->size, ba->size, data))
        return Value::null();
    return args[0];
}

Value ba_imul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__imul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    SELF_BA();
    if (!is_index_like(args[1]))
        return py_not_implemented();
    int64_t n;
    if (!index_ssize(vm, args[1], n))
        return Value::null();
    size_t size = ba->size;
    if (n <= 0 || size == 0) {
        if (!bytearray_resizable(vm, ba, 0))
            return Value::null();
        ba->size = 0;
        return args[0];
    }
    if (!check_alloc_size(vm, static_cast<uint64_t>(n), size))
        return Value::null();
    size_t total = size * static_cast<size_t>(n);
    if (!bytearray_resizable(vm, ba, total) || !ba_set_size(vm, ba, total))
        return Value::null();
    unsigned char* p = ba->data();
    for (int64_t i = 1; i < n; ++i)
        std::memcpy(p + static_cast<size_t>(i) * size, p, size);
    return args[0];
}

// CPython's _common_reduce: (type, args, state). Below protocol 3 the bytes travel as a
// latin-1 str (Python 2 compatible), from protocol 3 as bytes; the state is the
// instance's non-empty __dict__ (a subclass's attributes), else None.
Value ba_reduce_proto(VM& vm, Value self, int64_t proto)
{
    ByteArray* ba = as_bytearray(self);
    Value state = py_none();
    if (Dict* d = instance_dict(vm, self.as_object(), false); d && d->used)
        state = Value::from_object(d);
    std::string_view data(reinterpret_cast<char const*>(ba->data()), ba->size);
    Tuple* ctor_args;
    if (proto < 3) {
        Value text = TRY(bytes_decode(vm, data, "latin-1", "strict"));
        Value encoding = TRY(str_value(vm, "latin-1"));
        ctor_args = ba->size ? tuple_pack(vm, { text, encoding }) : tuple_new(vm, 0);
    } else {
        Value bytes = TRY(Value::from_object(bytes_new(vm, data)));
        ctor_args = tuple_pack(vm, { bytes });
    }
    if (!ctor_args)
        return Value::null();
    Tuple* r = tuple_pack(vm, { Value::from_object(type_of(self)), Value::from_object(ctor_args), state });
    return r ? Value::from_object(r) : Value::null();
}

Value ba_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "__reduce__", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BA();
    return ba_reduce_proto(vm, args[0], 0);
}

Value ba_reduce_ex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "__reduce_ex__", nargs, kwnames, 0, 1))
        return Value::null();
    SELF_BA();
    int64_t proto = 0;
    if (nargs > 1 && !index_c_int(vm, args[1], proto))
        return Value::null();
    return ba_reduce_proto(vm, args[0], proto);
}

// The allocated size CPython reports: the used bytes plus the trailing NUL it keeps.
Value ba_alloc(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!positional(vm, "__alloc__", nargs, kwnames, 0, 0))
        return Value::null();
    SELF_BA();
    size_t cap = ba->buffer ? ba->buffer->size : 0;
    return Value::small_int(static_cast<int64_t>((cap > ba->size ? cap : ba->size) + 1));
}

Value ba_fromhex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "bytearray", "fromhex", nargs - 1, kwnames, 1, 1))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "fromhex() argument must be str, not %s", arg_type_name(args[1]));
    std::string data;
    if (!parse_fromhex(vm, s->view(), data))
        return Value::null();
    Value r = Value::from_object(bytearray_new(vm, data));
    if (args[0].is_object() && args[0].as_object() != types.bytearray)
        return call1(vm, args[0], r);
    return r;
}

} // namespace

ByteArray* bytearray_new(VM& vm, std::string_view data)
{
    auto* ba = vm.heap.make<ByteArray>(types.bytearray);
    if (!ba)
        return nullptr;
    if (!data.empty()) {
        RawBuffer* buf = raw_buffer_new(vm, data.size());
        if (!buf)
            return nullptr;
        std::memcpy(buf->data, data.data(), data.size());
        ba->buffer = buf;
        ba->size = data.size();
    }
    return ba;
}

namespace {

bool ba_get_buffer(Object* self, BufferInfo& out)
{
    auto* ba = static_cast<ByteArray*>(self);
    out.data = ba->data();
    out.size = ba->size;
    out.readonly = false;
    out.itemsize = 1;
    out.format[0] = 'B';
    out.format[1] = 0;
    return true;
}

BufferExports* ba_buffer_exports(Object* self) { return &static_cast<ByteArray*>(self)->exports; }

constexpr BufferProcs kByteArrayBuffer = { ba_get_buffer, ba_buffer_exports };

} // namespace

void setup_bytearray(VM& vm)
{
    types.bytearray->buffer = &kByteArrayBuffer;
    types.bytearray->basicsize = sizeof(ByteArray);
    types.bytearray->trace = trace_bytearray;
    add_methods(vm, types.bytearray, {
        { "__new__", ba_dunder_new, METH_STATIC },
        { "__init__", ba_init },
        { "__setitem__", ba_setitem },
        { "__delitem__", ba_delitem },
        { "__iadd__", ba_iadd },
        { "__imul__", ba_imul },
        { "append", ba_append },
        { "extend", ba_extend },
        { "pop", ba_pop },
        { "insert", ba_insert },
        { "remove", ba_remove },
        { "reverse", ba_reverse },
        { "clear", ba_clear },
        { "copy", ba_copy },
        { "__alloc__", ba_alloc },
        { "__reduce__", ba_reduce },
        { "__reduce_ex__", ba_reduce_ex },
        { "fromhex", ba_fromhex, METH_CLASS },
    });
    add_bytes_common_methods(vm, types.bytearray);
    add_attribute(vm, types.bytearray, "__hash__", py_none());
}

} // namespace slpy
