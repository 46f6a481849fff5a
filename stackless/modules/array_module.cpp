// The array module: array.array, typed arrays of numbers (typecodes b B u h H i I l L q
// Q f d) stored as the C values they are, with CPython 3.11's conversions, range errors
// and methods, and _array_reconstructor for pickle. An array exports its items as a
// writable buffer in its typecode's struct format (objects/buffer.h: memoryview(a),
// bytes(a) and every bytes-like argument of other natives) and refuses to change its
// size while exported. Importing the module registers array as a
// collections.abc.MutableSequence, as CPython 3.11's array_modexec does.
#include "stackless/modules/runtime_modules.h"

#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/reduce.h"
#include "objects/slice.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace slpy {

namespace {

struct TypeCode {
    char code;
    size_t size;
    bool is_signed;
    bool is_float;
    char const* range_name; // CPython's name of the C type in range errors
};

constexpr TypeCode kTypeCodes[] = {
    { 'b', 1, true, false, "signed char" }, { 'B', 1, false, false, "unsigned byte integer" },
    { 'u', 4, false, false, nullptr }, { 'h', 2, true, false, "signed short integer" },
    { 'H', 2, false, false, "unsigned short" }, { 'i', 4, true, false, "signed integer" },
    { 'I', 4, false, false, "unsigned int" }, { 'l', 8, true, false, nullptr }, { 'L', 8, false, false, nullptr },
    { 'q', 8, true, false, nullptr }, { 'Q', 8, false, false, nullptr }, { 'f', 4, true, true, nullptr },
    { 'd', 8, true, true, nullptr },
};

TypeCode const* find_code(uint32_t c)
{
    for (TypeCode const& t : kTypeCodes)
        if (uint32_t(t.code) == c)
            return &t;
    return nullptr;
}

struct Array : Object {
    TypeCode const* tc;
    std::string* data; // the items' bytes, malloc'd; freed by the finalizer
    BufferExports exports;
};

TypeObject* g_array_type = nullptr;
TypeObject* g_array_iter_type = nullptr;

void array_finalize(Object* self)
{
    auto* a = static_cast<Array*>(self);
    delete a->data;
    a->data = nullptr;
}

Array* as_array(Value v) { return v.is_object() && is_subtype(type_of(v), g_array_type) ? static_cast<Array*>(v.as_object()) : nullptr; }
Array* self_array(Value v) { return static_cast<Array*>(v.as_object()); }
size_t length_of(Array const* a) { return a->data->size() / a->tc->size; }

constexpr char const* kResizeMessage = "cannot resize an array that is exporting buffers";

// CPython's array_resize check: every change of the size (in bytes) asks this first.
bool resizable(VM& vm, Array* a, size_t new_bytes)
{
    return buffer_resizable(vm, a->exports, a->data->size(), new_bytes, kResizeMessage);
}

bool array_get_buffer(Object* self, BufferInfo& out)
{
    auto* a = static_cast<Array*>(self);
    if (!a->data)
        return false;
    out.data = reinterpret_cast<unsigned char*>(a->data->data());
    out.size = a->data->size();
    out.readonly = false;
    out.itemsize = uint8_t(a->tc->size);
    out.format[0] = a->tc->code;
    out.format[1] = 0;
    return true;
}

BufferExports* array_buffer_exports(Object* self) { return &static_cast<Array*>(self)->exports; }

constexpr BufferProcs kArrayBuffer = { array_get_buffer, array_buffer_exports };

Array* array_alloc(VM& vm, TypeObject* type, TypeCode const* tc)
{
    auto* a = static_cast<Array*>(alloc_instance(vm, type));
    if (!a)
        return nullptr;
    a->tc = tc;
    a->data = new (std::nothrow) std::string();
    if (!a->data) {
        (void)raise_no_memory(vm);
        return nullptr;
    }
    return a;
}

// The item `i` as a Python value.
Value get_item(VM& vm, Array const* a, size_t i)
{
    char const* p = a->data->data() + i * a->tc->size;
    switch (a->tc->code) {
    case 'b': return Value::small_int(*reinterpret_cast<int8_t const*>(p));
    case 'B': return Value::small_int(*reinterpret_cast<uint8_t const*>(p));
    case 'h': { int16_t v; std::memcpy(&v, p, 2); return Value::small_int(v); }
    case 'H': { uint16_t v; std::memcpy(&v, p, 2); return Value::small_int(v); }
    case 'i': { int32_t v; std::memcpy(&v, p, 4); return Value::small_int(v); }
    case 'I': { uint32_t v; std::memcpy(&v, p, 4); return int_from_i64(vm, v); }
    case 'l': case 'q': { int64_t v; std::memcpy(&v, p, 8); return int_from_i64(vm, v); }
    case 'L': case 'Q': { uint64_t v; std::memcpy(&v, p, 8); return int_from_u64(vm, v); }
    case 'f': { float v; std::memcpy(&v, p, 4); return Value::from_double(double(v)); }
    case 'd': { double v; std::memcpy(&v, p, 8); return Value::from_double(v); }
    case 'u': {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return Value::from_object(str_from_codepoint(vm, v));
    }
    default: return py_none();
    }
}

// Converts `v` to the bytes of one item of `tc`; CPython's errors.
bool pack_item(VM& vm, TypeCode const* tc, Value v, char* out)
{
    if (tc->code == 'u') {
        String* s = as_str(v);
        if (!s || s->length != 1) {
            if (s)
                raise_fmt(vm, exc::TypeError, "array item must be unicode character");
            else
                raise_fmt(vm, exc::TypeError, "array item must be unicode character");
            return false;
        }
        uint32_t cp = str_char_at(s, 0);
        std::memcpy(out, &cp, 4);
        return true;
    }
    if (tc->is_float) {
        double d;
        if (!is_instance_fast(v, types.float_) && !is_instance_fast(v, types.int_) && type_of(v)->slot(Slot::FLOAT).is_null()
            && type_of(v)->slot(Slot::INDEX).is_null()) {
            raise_fmt(vm, exc::TypeError, "must be real number, not %s", type_name(v));
            return false;
        }
        if (!to_double(vm, v, d))
            return false;
        if (tc->code == 'f') {
            float f = float(d);
            std::memcpy(out, &f, 4);
        } else {
            std::memcpy(out, &d, 8);
        }
        return true;
    }
    if (is_instance_fast(v, types.float_)) {
        raise(vm, exc::TypeError, "'float' object cannot be interpreted as an integer");
        return false;
    }
    Value iv = index(vm, v);
    if (iv.is_null())
        return false;
    if (tc->size == 8) {
        if (tc->is_signed) {
            int64_t x;
            if (!int_to_i64(int_unwrap(iv), x)) {
                raise(vm, exc::OverflowError, "Python int too large to convert to C long");
                return false;
            }
            std::memcpy(out, &x, 8);
        } else {
            Value neg = binary_op(vm, iv, Value::small_int(0), BinOpArg::SUBTRACT);
            int sign = neg.is_null() ? -2 : rich_compare_bool(vm, iv, Value::small_int(0), CmpArg::LT);
            if (sign < 0)
                return false;
            if (sign == 1) {
                raise(vm, exc::OverflowError, tc->code == 'L' ? "unsigned long is less than minimum" : "can't convert negative int to unsigned");
                return false;
            }
            Value hi = binary_op(vm, iv, Value::small_int(32), BinOpArg::RSHIFT);
            Value lo = hi.is_null() ? hi : binary_op(vm, iv, int_from_i64(vm, 0xffffffffLL), BinOpArg::AND);
            int64_t h, l;
            if (lo.is_null() || !int_to_i64(int_unwrap(hi), h) || !int_to_i64(int_unwrap(lo), l) || h > 0xffffffffLL) {
                if (!vm.has_error())
                    raise(vm, exc::OverflowError,
                          tc->code == 'L' ? "unsigned long is greater than maximum" : "int too big to convert");
                return false;
            }
            uint64_t x = uint64_t(h) << 32 | uint64_t(l);
            std::memcpy(out, &x, 8);
        }
        return true;
    }
    int64_t x;
    bool fits = int_to_i64(int_unwrap(iv), x);
    int64_t lo = tc->is_signed ? -(int64_t(1) << (tc->size * 8 - 1)) : 0;
    int64_t hi = tc->is_signed ? (int64_t(1) << (tc->size * 8 - 1)) - 1 : (int64_t(1) << (tc->size * 8)) - 1;
    if (!fits || x < lo || x > hi) {
        bool big = fits ? x > hi : rich_compare_bool(vm, iv, Value::small_int(0), CmpArg::GT) == 1;
        if (tc->code == 'i' && !fits)
            raise(vm, exc::OverflowError, "Python int too large to convert to C long");
        else if (tc->code == 'I' && !big)
            raise(vm, exc::OverflowError, "can't convert negative value to unsigned int");
        else
            raise_fmt(vm, exc::OverflowError, "%s is %s", tc->range_name, big ? "greater than maximum" : "less than minimum");
        return false;
    }
    switch (tc->size) {
    case 1: { int8_t b = int8_t(x); std::memcpy(out, &b, 1); break; }
    case 2: { int16_t s = int16_t(x); std::memcpy(out, &s, 2); break; }
    default: { int32_t w = int32_t(x); std::memcpy(out, &w, 4); break; }
    }
    return true;
}

bool append_value(VM& vm, Array* a, Value v)
{
    char buf[8];
    if (!pack_item(vm, a->tc, v, buf) || !resizable(vm, a, a->data->size() + a->tc->size))
        return false;
    return vm.heap.append_buffer(*a->data, std::string_view(buf, a->tc->size));
}

bool extend_items(VM& vm, Array* a, Value iterable);

// Extends with the items of an iterable (or of an array of the same typecode).
bool extend_from(VM& vm, Array* a, Value iterable)
{
    if (Array* other = as_array(iterable)) {
        if (other->tc != a->tc) {
            raise(vm, exc::TypeError, "can only extend with array of same kind");
            return false;
        }
        std::string copy = *other->data;
        return resizable(vm, a, a->data->size() + copy.size()) && vm.heap.append_buffer(*a->data, copy);
    }
    return extend_items(vm, a, iterable);
}

// Appends the items of any iterable one by one.
bool extend_items(VM& vm, Array* a, Value iterable)
{
    Value it = get_iter(vm, iterable);
    if (it.is_null())
        return false;
    for (;;) {
        Value v = iter_next(vm, it);
        if (v.is_null())
            return false;
        if (v.is_stop_iteration())
            return true;
        if (!append_value(vm, a, v))
            return false;
    }
}

#define SLPY_A_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// array(typecode[, initializer])
SLPY_A_FN(array_new)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == g_array_type && kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "array.array() takes no keyword arguments");
    size_t n = nargs - 1;
    if (n < 1)
        return raise_fmt(vm, exc::TypeError, "array() takes at least 1 argument (0 given)");
    if (n > 2)
        return raise_fmt(vm, exc::TypeError, "array() takes at most 2 arguments (%zu given)", n);
    String* code = as_str(args[1]);
    if (!code || code->length != 1)
        return raise_fmt(vm, exc::TypeError, "array() argument 1 must be a unicode character, not %s", code ? "str" : type_name(args[1]));
    TypeCode const* tc = find_code(str_char_at(code, 0));
    if (!tc)
        return raise(vm, exc::ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    Array* a = array_alloc(vm, cls, tc);
    if (!a)
        return Value::null();
    if (n == 2) {
        Value init = args[2];
        if (String* s = as_str(init)) {
            if (tc->code != 'u')
                return raise_fmt(vm, exc::TypeError, "cannot use a str to initialize an array with typecode '%c'", tc->code);
            for (size_t i = 0; i < s->length; ++i) {
                uint32_t cp = str_char_at(s, i);
                if (!vm.heap.append_buffer(*a->data, std::string_view(reinterpret_cast<char*>(&cp), 4)))
                    return Value::null();
            }
        } else if (Array* other = as_array(init); other && other->tc->code == 'u' && tc->code != 'u') {
            return raise_fmt(vm, exc::TypeError, "cannot use a unicode array to initialize an array with typecode '%c'", tc->code);
        } else if (std::string_view b; (as_bytes(init) || as_bytearray(init)) && get_bytes_like(init, b)) {
            // Only bytes and bytearray initialize from their bytes; other buffers
            // (memoryview) are iterated, as in CPython.
            if (b.size() % tc->size)
                return raise(vm, exc::ValueError, "bytes length not a multiple of item size");
            if (!vm.heap.assign_buffer(*a->data, b))
                return Value::null();
        } else if (Array* other = as_array(init); other && other->tc != tc) {
            // An array of another kind gives its items (converted), as any iterable.
            if (!extend_items(vm, a, init))
                return Value::null();
        } else if (!extend_from(vm, a, init)) {
            return Value::null();
        }
    }
    return Value::from_object(a);
}

SLPY_A_FN(array_len) { return int_from_i64(vm, int64_t(length_of(self_array(args[0])))); }

// An index argument resolved against the length; IndexError with `what` when outside.
bool item_index(VM& vm, Array* a, Value v, size_t& out, char const* what)
{
    int64_t i;
    if (!index_i64(vm, v, i))
        return false;
    int64_t n = int64_t(length_of(a));
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        raise(vm, exc::IndexError, what);
        return false;
    }
    out = size_t(i);
    return true;
}

SLPY_A_FN(array_getitem)
{
    Array* a = self_array(args[0]);
    if (is_instance_fast(args[1], types.slice)) {
        int64_t start, stop, step, count;
        // The slice's __index__ methods run first; the length is read after them.
        if (!slice_unpack(vm, args[1], start, stop, step))
            return Value::null();
        count = slice_adjust_indices(int64_t(length_of(a)), start, stop, step);
        Array* r = array_alloc(vm, g_array_type, a->tc);
        if (!r)
            return Value::null();
        size_t sz = a->tc->size;
        for (int64_t k = 0, i = start; k < count; ++k, i += step)
            if (!vm.heap.append_buffer(*r->data, std::string_view(a->data->data() + size_t(i) * sz, sz)))
                return Value::null();
        return Value::from_object(r);
    }
    size_t i;
    if (!item_index(vm, a, args[1], i, "array index out of range"))
        return Value::null();
    return get_item(vm, a, i);
}

SLPY_A_FN(array_setitem)
{
    Array* a = self_array(args[0]);
    if (is_instance_fast(args[1], types.slice)) {
        Array* src = as_array(args[2]);
        if (!src)
            return raise_fmt(vm, exc::TypeError, "can only assign array (not \"%s\") to array slice", type_name(args[2]));
        if (src->tc != a->tc)
            return raise(vm, exc::TypeError, "bad argument type for built-in operation");
        std::string items = *src->data;
        int64_t start, stop, step, count;
        // The slice's __index__ methods run first; the length is read after them.
        if (!slice_unpack(vm, args[1], start, stop, step))
            return Value::null();
        count = slice_adjust_indices(int64_t(length_of(a)), start, stop, step);
        size_t sz = a->tc->size;
        size_t m = items.size() / sz;
        // CPython refuses early, before any other check, an assignment that deletes
        // (even nothing) or changes the length while the array is exported.
        if ((m == 0 || int64_t(m) != count) && !buffer_can_resize(vm, a->exports, kResizeMessage))
            return Value::null();
        if (step == 1) {
            if (stop < start)
                stop = start;
            a->data->replace(size_t(start) * sz, size_t(stop - start) * sz, items);
            return py_none();
        }
        if (int64_t(m) != count)
            return raise_fmt(vm, exc::ValueError, "attempt to assign array of size %zu to extended slice of size %lld", m,
                             (long long)count);
        for (int64_t k = 0, i = start; k < count; ++k, i += step)
            std::memcpy(a->data->data() + size_t(i) * sz, items.data() + size_t(k) * sz, sz);
        return py_none();
    }
    size_t i;
    char buf[8];
    if (!pack_item(vm, a->tc, args[2], buf) || !item_index(vm, a, args[1], i, "array assignment index out of range"))
        return Value::null();
    std::memcpy(a->data->data() + i * a->tc->size, buf, a->tc->size);
    return py_none();
}

SLPY_A_FN(array_delitem)
{
    Array* a = self_array(args[0]);
    size_t sz = a->tc->size;
    if (is_instance_fast(args[1], types.slice)) {
        int64_t start, stop, step, count;
        // The slice's __index__ methods run first; the length is read after them.
        if (!slice_unpack(vm, args[1], start, stop, step))
            return Value::null();
        count = slice_adjust_indices(int64_t(length_of(a)), start, stop, step);
        // A deletion is refused while exported even when it deletes nothing, as CPython's.
        if (!buffer_can_resize(vm, a->exports, kResizeMessage))
            return Value::null();
        if (count <= 0)
            return py_none();
        std::vector<bool> drop(length_of(a), false);
        for (int64_t k = 0, i = start; k < count; ++k, i += step)
            drop[size_t(i)] = true;
        std::string kept;
        for (size_t i = 0; i < drop.size(); ++i)
            if (!drop[i])
                kept.append(a->data->data() + i * sz, sz);
        a->data->swap(kept);
        return py_none();
    }
    size_t i;
    if (!item_index(vm, a, args[1], i, "array assignment index out of range") || !resizable(vm, a, a->data->size() - sz))
        return Value::null();
    a->data->erase(i * sz, sz);
    return py_none();
}

SLPY_A_FN(array_append)
{
    if (!check_onearg_method(vm, "array", "append", nargs - 1, kwnames) || !append_value(vm, self_array(args[0]), args[1]))
        return Value::null();
    return py_none();
}

SLPY_A_FN(array_extend)
{
    if (!check_onearg_method(vm, "array", "extend", nargs - 1, kwnames) || !extend_from(vm, self_array(args[0]), args[1]))
        return Value::null();
    return py_none();
}

SLPY_A_FN(array_insert)
{
    if (!check_no_kwargs(vm, "insert", kwnames) || !check_nargs(vm, "insert", nargs - 1, 2, 2))
        return Value::null();
    Array* a = self_array(args[0]);
    int64_t i;
    if (!index_i64(vm, args[1], i))
        return Value::null();
    char buf[8];
    if (!pack_item(vm, a->tc, args[2], buf) || !resizable(vm, a, a->data->size() + a->tc->size))
        return Value::null();
    int64_t n = int64_t(length_of(a));
    if (i < 0)
        i = std::max<int64_t>(0, i + n);
    i = std::min(i, n);
    a->data->insert(size_t(i) * a->tc->size, buf, a->tc->size);
    return py_none();
}

SLPY_A_FN(array_pop)
{
    if (!check_no_kwargs(vm, "pop", kwnames) || !check_nargs(vm, "pop", nargs - 1, 0, 1))
        return Value::null();
    Array* a = self_array(args[0]);
    int64_t i = -1;
    if (nargs > 1 && !index_i64(vm, args[1], i))
        return Value::null();
    int64_t n = int64_t(length_of(a));
    if (n == 0)
        return raise(vm, exc::IndexError, "pop from empty array");
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return raise(vm, exc::IndexError, "pop index out of range");
    Value v = TRY(get_item(vm, a, size_t(i)));
    if (!resizable(vm, a, a->data->size() - a->tc->size))
        return Value::null();
    a->data->erase(size_t(i) * a->tc->size, a->tc->size);
    return v;
}

// The index of the first item equal to `v` in [start, stop), -1 when none; -2 on error.
int64_t find_item(VM& vm, Array* a, Value v, int64_t start, int64_t stop)
{
    for (int64_t i = start; i < stop && i < int64_t(length_of(a)); ++i) {
        Value item = get_item(vm, a, size_t(i));
        if (item.is_null())
            return -2;
        int eq = equal(vm, item, v);
        if (eq < 0)
            return -2;
        if (eq)
            return i;
    }
    return -1;
}

SLPY_A_FN(array_index)
{
    if (!check_no_kwargs(vm, "index", kwnames) || !check_nargs(vm, "index", nargs - 1, 1, 3))
        return Value::null();
    Array* a = self_array(args[0]);
    int64_t n = int64_t(length_of(a)), start = 0, stop = n;
    if (nargs > 2 && !index_i64(vm, args[2], start))
        return Value::null();
    if (nargs > 3 && !index_i64(vm, args[3], stop))
        return Value::null();
    if (start < 0)
        start = std::max<int64_t>(0, start + n);
    if (stop < 0)
        stop = std::max<int64_t>(0, stop + n);
    int64_t i = find_item(vm, a, args[1], start, stop);
    if (i == -2)
        return Value::null();
    if (i < 0)
        return raise(vm, exc::ValueError, "array.index(x): x not in array");
    return int_from_i64(vm, i);
}

SLPY_A_FN(array_remove)
{
    if (!check_onearg_method(vm, "array", "remove", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    int64_t i = find_item(vm, a, args[1], 0, int64_t(length_of(a)));
    if (i == -2)
        return Value::null();
    if (i < 0)
        return raise(vm, exc::ValueError, "array.remove(x): x not in array");
    if (!resizable(vm, a, a->data->size() - a->tc->size))
        return Value::null();
    a->data->erase(size_t(i) * a->tc->size, a->tc->size);
    return py_none();
}

SLPY_A_FN(array_count)
{
    if (!check_onearg_method(vm, "array", "count", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    int64_t count = 0;
    for (size_t i = 0; i < length_of(a); ++i) {
        Value item = TRY(get_item(vm, a, i));
        int eq = equal(vm, item, args[1]);
        if (eq < 0)
            return Value::null();
        count += eq;
    }
    return int_from_i64(vm, count);
}

SLPY_A_FN(array_contains)
{
    Array* a = self_array(args[0]);
    int64_t i = find_item(vm, a, args[1], 0, int64_t(length_of(a)));
    if (i == -2)
        return Value::null();
    return py_bool(i >= 0);
}

SLPY_A_FN(array_reverse)
{
    if (!check_noargs_method(vm, "array", "reverse", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    size_t sz = a->tc->size, n = length_of(a);
    for (size_t i = 0; i < n / 2; ++i)
        std::swap_ranges(a->data->begin() + long(i * sz), a->data->begin() + long((i + 1) * sz), a->data->begin() + long((n - 1 - i) * sz));
    return py_none();
}

SLPY_A_FN(array_byteswap)
{
    if (!check_noargs_method(vm, "array", "byteswap", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    size_t sz = a->tc->size;
    for (size_t i = 0; i < a->data->size(); i += sz)
        std::reverse(a->data->begin() + long(i), a->data->begin() + long(i + sz));
    return py_none();
}

SLPY_A_FN(array_tobytes)
{
    if (!check_noargs_method(vm, "array", "tobytes", nargs - 1, kwnames))
        return Value::null();
    Bytes* b = bytes_new(vm, *self_array(args[0])->data);
    return b ? Value::from_object(b) : Value::null();
}

SLPY_A_FN(array_frombytes)
{
    if (!check_onearg_method(vm, "array", "frombytes", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    BufferInfo info;
    if (!get_buffer(args[1], info))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[1]));
    if (info.itemsize != 1) // CPython 3.11 takes only buffers of bytes here
        return raise(vm, exc::TypeError, "a bytes-like object is required");
    std::string_view b(reinterpret_cast<char const*>(info.data), info.size);
    if (b.size() % a->tc->size)
        return raise(vm, exc::ValueError, "bytes length not a multiple of item size");
    std::string copy(b);
    if (!resizable(vm, a, a->data->size() + copy.size()) || !vm.heap.append_buffer(*a->data, copy))
        return Value::null();
    return py_none();
}

// tofile(f): the items' bytes written with f.write in blocks of 64 KiB, as CPython.
SLPY_A_FN(array_tofile)
{
    if (!check_onearg_method(vm, "array", "tofile", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    constexpr size_t kBlock = 64 * 1024;
    String* write = intern(vm, "write");
    if (!write)
        return Value::null();
    // The array is re-read every block: write() may change it.
    for (size_t off = 0; off < a->data->size(); off += kBlock) {
        size_t n = std::min(kBlock, a->data->size() - off);
        Value chunk = TRY(Value::from_object(bytes_new(vm, std::string_view(a->data->data() + off, n))));
        TRY(call_method(vm, args[1], write, &chunk, 1));
    }
    return py_none();
}

// fromfile(f, n): n items read with one f.read; EOFError (after appending what came)
// when the file had fewer.
SLPY_A_FN(array_fromfile)
{
    if (!check_no_kwargs(vm, "fromfile", kwnames) || !check_nargs(vm, "fromfile", nargs - 1, 2, 2))
        return Value::null();
    Array* a = self_array(args[0]);
    int64_t n;
    if (!index_ssize(vm, args[2], n))
        return Value::null();
    if (n < 0)
        return raise(vm, exc::ValueError, "negative count");
    if (uint64_t(n) > uint64_t(INT64_MAX) / a->tc->size)
        return raise_no_memory(vm);
    int64_t nbytes = n * int64_t(a->tc->size);
    String* read = intern(vm, "read");
    if (!read)
        return Value::null();
    Value count = TRY(int_from_i64(vm, nbytes));
    Value b = TRY(call_method(vm, args[1], read, &count, 1));
    Bytes* got = as_bytes(b);
    if (!got)
        return raise(vm, exc::TypeError, "read() didn't return bytes");
    bool short_read = int64_t(got->size) != nbytes;
    Value fargs[2] = { args[0], b };
    TRY(array_frombytes(vm, fargs, 2, nullptr));
    if (short_read)
        return raise(vm, exc::EOFError, "read() didn't return enough bytes");
    return py_none();
}

SLPY_A_FN(array_tolist)
{
    if (!check_noargs_method(vm, "array", "tolist", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    List* l = list_new(vm, length_of(a));
    if (!l)
        return Value::null();
    for (size_t i = 0; i < length_of(a); ++i)
        if (!list_append(vm, l, get_item(vm, a, i)))
            return Value::null();
    return Value::from_object(l);
}

SLPY_A_FN(array_fromlist)
{
    if (!check_onearg_method(vm, "array", "fromlist", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    List* l = as_list(args[1]);
    if (!l)
        return raise(vm, exc::TypeError, "arg must be list");
    // All or nothing, as CPython.
    std::string saved = *a->data;
    for (size_t i = 0; i < l->size; ++i)
        if (!append_value(vm, a, l->items()[i])) {
            a->data->swap(saved);
            return Value::null();
        }
    return py_none();
}

SLPY_A_FN(array_tounicode)
{
    if (!check_noargs_method(vm, "array", "tounicode", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    if (a->tc->code != 'u')
        return raise(vm, exc::ValueError, "tounicode() may only be called on unicode type arrays");
    std::string out;
    for (size_t i = 0; i < length_of(a); ++i) {
        uint32_t cp;
        std::memcpy(&cp, a->data->data() + i * 4, 4);
        if (cp > 0x10ffff)
            return raise_fmt(vm, exc::ValueError, "character U+%x is not in range [U+0000; U+10ffff]", cp);
        utf8_append(out, cp);
    }
    return str_value(vm, out);
}

SLPY_A_FN(array_fromunicode)
{
    if (!check_onearg_method(vm, "array", "fromunicode", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "fromunicode() argument must be str, not %s", type_name(args[1]));
    if (a->tc->code != 'u')
        return raise(vm, exc::ValueError, "fromunicode() may only be called on unicode type arrays");
    if (!resizable(vm, a, a->data->size() + size_t(s->length) * 4))
        return Value::null();
    for (size_t i = 0; i < s->length; ++i) {
        uint32_t cp = str_char_at(s, i);
        if (!vm.heap.append_buffer(*a->data, std::string_view(reinterpret_cast<char*>(&cp), 4)))
            return Value::null();
    }
    return py_none();
}

SLPY_A_FN(array_buffer_info)
{
    if (!check_noargs_method(vm, "array", "buffer_info", nargs - 1, kwnames))
        return Value::null();
    Array* a = self_array(args[0]);
    Value addr = TRY(int_from_u64(vm, uint64_t(reinterpret_cast<uintptr_t>(a->data->data()))));
    return Value::from_object(tuple_pack(vm, { addr, int_from_i64(vm, int64_t(length_of(a))) }));
}

SLPY_A_FN(array_get_itemsize) { return Value::small_int(int64_t(self_array(args[0])->tc->size)); }

SLPY_A_FN(array_get_typecode)
{
    return Value::from_object(str_from_codepoint(vm, uint32_t(self_array(args[0])->tc->code)));
}

SLPY_A_FN(array_repr)
{
    Array* a = self_array(args[0]);
    TypeObject* t = type_of(args[0]);
    std::string name = t == g_array_type ? "array" : std::string(t->name->view());
    std::string s = name + "('" + a->tc->code + "'";
    if (length_of(a)) {
        Value inner;
        if (a->tc->code == 'u')
            inner = TRY(array_tounicode(vm, args, 1, nullptr));
        else
            inner = TRY(array_tolist(vm, args, 1, nullptr));
        Value r = TRY(repr(vm, inner));
        s += ", " + std::string(as_str(r)->view());
    }
    return str_value(vm, s + ")");
}

Array* copy_array(VM& vm, Array* a, TypeObject* type)
{
    Array* r = array_alloc(vm, type, a->tc);
    if (r && !vm.heap.assign_buffer(*r->data, std::string_view(*a->data)))
        return nullptr;
    return r;
}

SLPY_A_FN(array_copy)
{
    Array* r = copy_array(vm, self_array(args[0]), type_of(args[0]));
    return r ? Value::from_object(r) : Value::null();
}

SLPY_A_FN(array_add)
{
    Array* a = self_array(args[0]);
    Array* b = as_array(args[1]);
    if (!b)
        return raise_fmt(vm, exc::TypeError, "can only append array (not \"%s\") to array", type_name(args[1]));
    if (a->tc != b->tc)
        return raise(vm, exc::TypeError, "bad argument type for built-in operation");
    Array* r = copy_array(vm, a, g_array_type);
    if (!r || !vm.heap.append_buffer(*r->data, std::string(*b->data)))
        return Value::null();
    return Value::from_object(r);
}

SLPY_A_FN(array_iadd)
{
    Array* a = self_array(args[0]);
    Array* b = as_array(args[1]);
    if (!b)
        return raise_fmt(vm, exc::TypeError, "can only extend array with array (not \"%s\")", type_name(args[1]));
    if (a->tc != b->tc)
        return raise(vm, exc::TypeError, "can only extend with array of same kind");
    if (!resizable(vm, a, a->data->size() + b->data->size()) || !vm.heap.append_buffer(*a->data, std::string(*b->data)))
        return Value::null();
    return args[0];
}

bool repeat_into(VM& vm, std::string const& unit, Value count, std::string& out)
{
    if (!is_instance_fast(count, types.int_) && type_of(count)->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(count));
        return false;
    }
    int64_t n;
    if (!index_i64(vm, count, n))
        return false;
    out.clear();
    if (n <= 0 || unit.empty())
        return true;
    if (!vm.heap.reserve_buffer(out, Heap::array_bytes(0, size_t(n), unit.size())))
        return false;
    for (int64_t i = 0; i < n; ++i)
        out += unit;
    return true;
}

SLPY_A_FN(array_mul)
{
    Array* a = self_array(args[0]);
    std::string out;
    if (!repeat_into(vm, *a->data, args[1], out))
        return Value::null();
    Array* r = array_alloc(vm, g_array_type, a->tc);
    if (!r)
        return Value::null();
    r->data->swap(out);
    return Value::from_object(r);
}

SLPY_A_FN(array_imul)
{
    Array* a = self_array(args[0]);
    std::string out;
    if (!repeat_into(vm, *a->data, args[1], out) || !resizable(vm, a, out.size()))
        return Value::null();
    a->data->swap(out);
    return args[0];
}

// Comparisons: item by item, as CPython's array_richcompare.
Value compare_arrays(VM& vm, Value x, Value y, CmpArg op)
{
    Array* a = as_array(x);
    Array* b = as_array(y);
    if (!a || !b)
        return py_not_implemented();
    size_t na = length_of(a), nb = length_of(b);
    if (na != nb && (op == CmpArg::EQ || op == CmpArg::NE))
        return py_bool(op == CmpArg::NE);
    size_t i = 0;
    for (; i < na && i < nb; ++i) {
        Value va = TRY(get_item(vm, a, i));
        Value vb = TRY(get_item(vm, b, i));
        // CPython compares fresh item objects, so a float NaN is unequal to itself.
        int eq;
        if (a->tc->code == 'f' || a->tc->code == 'd' || b->tc->code == 'f' || b->tc->code == 'd') {
            Value r = TRY(rich_compare(vm, va, vb, CmpArg::EQ));
            eq = truthy(vm, r);
        } else {
            eq = equal(vm, va, vb);
        }
        if (eq < 0)
            return Value::null();
        if (!eq) {
            if (op == CmpArg::EQ)
                return py_false();
            if (op == CmpArg::NE)
                return py_true();
            return rich_compare(vm, va, vb, op);
        }
    }
    int c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case CmpArg::LT: return py_bool(c < 0);
    case CmpArg::LE: return py_bool(c <= 0);
    case CmpArg::EQ: return py_bool(c == 0);
    case CmpArg::NE: return py_bool(c != 0);
    case CmpArg::GT: return py_bool(c > 0);
    default: return py_bool(c >= 0);
    }
}

template<CmpArg Op>
Value array_cmp(VM& vm, Value const* args, size_t, Tuple*)
{
    return compare_arrays(vm, args[0], args[1], Op);
}

// The machine format codes of pickled arrays (CPython's enum machine_format_code).
int native_mformat(char code)
{
    switch (code) {
    case 'b': return 1;
    case 'B': return 0;
    case 'u': return 20;
    case 'h': return 4;
    case 'H': return 2;
    case 'i': return 8;
    case 'I': return 6;
    case 'l': case 'q': return 12;
    case 'L': case 'Q': return 10;
    case 'f': return 14;
    default: return 16;
    }
}

char const kArrayStateKey = 0;

// The module's _array_reconstructor, which __reduce_ex__ names.
struct ArrayState : VM::ModuleState {
    explicit ArrayState(VM&) {}
    Value reconstructor;
    void trace(Tracer& t) override { t.visit(reconstructor); }
};

// __reduce_ex__(protocol): (array, (typecode, list)) below protocol 3, else
// _array_reconstructor(cls, typecode, mformat, bytes), as CPython.
SLPY_A_FN(array_reduce_ex)
{
    if (!check_nargs(vm, "__reduce_ex__", nargs - 1, 1, 1))
        return Value::null();
    Array* a = self_array(args[0]);
    Value cls = Value::from_object(type_of(args[0]));
    Value dict = py_none();
    if (Dict* d = instance_dict(vm, a, false))
        dict = Value::from_object(d);
    int64_t protocol = 0;
    if (!index_i64(vm, args[1], protocol))
        return Value::null();
    Value code = TRY(array_get_typecode(vm, args, 1, nullptr));
    VM::ModuleState* ms = vm.module_state(&kArrayStateKey);
    if (protocol < 3 || !ms) {
        Value items = TRY(array_tolist(vm, args, 1, nullptr));
        Tuple* ctor_args = tuple_pack(vm, { code, items });
        return Value::from_object(tuple_pack(vm, { cls, Value::from_object(ctor_args), dict }));
    }
    Value bytes = TRY(array_tobytes(vm, args, 1, nullptr));
    Tuple* rargs = tuple_pack(vm, { cls, code, Value::small_int(native_mformat(a->tc->code)), bytes });
    return Value::from_object(tuple_pack(vm, { static_cast<ArrayState*>(ms)->reconstructor, Value::from_object(rargs), dict }));
}

// _array_reconstructor(arraytype, typecode, mformat_code, items)
SLPY_A_FN(array_reconstructor)
{
    if (!check_no_kwargs(vm, "_array_reconstructor", kwnames) || !check_nargs(vm, "_array_reconstructor", nargs, 4, 4))
        return Value::null();
    if (!is_instance_fast(args[0], types.type))
        return raise_fmt(vm, exc::TypeError, "first argument must be a type object, not %s", type_name(args[0]));
    auto* cls = args[0].as<TypeObject>();
    if (!is_subtype(cls, g_array_type))
        return raise_fmt(vm, exc::TypeError, "%s is not a subtype of array.array", cls->name->c_str());
    String* code = as_str(args[1]);
    TypeCode const* tc = code && code->length == 1 ? find_code(str_char_at(code, 0)) : nullptr;
    if (!tc)
        return raise(vm, exc::ValueError, "second argument must be a valid type code");
    int64_t mf;
    if (!index_i64(vm, args[2], mf))
        return Value::null();
    if (mf < 0 || mf > 21)
        return raise(vm, exc::ValueError, "third argument must be a valid machine format code.");
    Bytes* items = as_bytes(args[3]);
    if (!items)
        return raise_fmt(vm, exc::TypeError, "fourth argument should be bytes, not %s", type_name(args[3]));
    Array* a = array_alloc(vm, cls, tc);
    if (!a)
        return Value::null();
    if (mf == native_mformat(tc->code)) {
        if (items->size % tc->size)
            return raise(vm, exc::ValueError, "bytes length not a multiple of item size");
        if (!vm.heap.assign_buffer(*a->data, items->view()))
            return Value::null();
        return Value::from_object(a);
    }
    // Another machine's layout: read each item in that format, then store it in ours.
    static constexpr int kSizes[22] = { 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 8, 8, 2, 2, 4, 4 };
    size_t size = size_t(kSizes[mf]);
    bool big = mf >= 2 && (mf % 2 == 1);
    std::string_view data = items->view();
    if (data.size() % size)
        return raise(vm, exc::ValueError, "string length not a multiple of item size");
    for (size_t off = 0; off < data.size(); off += size) {
        uint64_t raw = 0;
        for (size_t k = 0; k < size; ++k) {
            size_t idx = big ? k : size - 1 - k;
            raw = raw << 8 | static_cast<unsigned char>(data[off + idx]);
        }
        Value v;
        if (mf == 14 || mf == 15) {
            uint32_t bits = uint32_t(raw);
            float f;
            std::memcpy(&f, &bits, 4);
            v = Value::from_double(double(f));
        } else if (mf == 16 || mf == 17) {
            double d;
            std::memcpy(&d, &raw, 8);
            v = Value::from_double(d);
        } else if (mf >= 18) {
            v = Value::from_object(str_from_codepoint(vm, uint32_t(raw)));
        } else {
            bool is_signed = mf == 1 || (mf >= 4 && mf <= 5) || (mf >= 8 && mf <= 9) || (mf >= 12 && mf <= 13);
            if (is_signed && size < 8 && (raw >> (size * 8 - 1)) & 1)
                v = int_from_i64(vm, int64_t(raw) - (int64_t(1) << (size * 8)));
            else if (is_signed)
                v = int_from_i64(vm, int64_t(raw));
            else
                v = int_from_u64(vm, raw);
        }
        if (v.is_null() || !append_value(vm, a, v))
            return Value::null();
    }
    return Value::from_object(a);
}

// ------------------------------------------------------------------ iterator

struct ArrayIter : Object {
    Array* array; // null when exhausted
    size_t index;
};

void array_iter_trace(Object* self, Tracer& t) { t.visit(static_cast<ArrayIter*>(self)->array); }

Value array_iter_next(VM& vm, Value self)
{
    auto* it = static_cast<ArrayIter*>(self.as_object());
    if (!it->array || it->index >= length_of(it->array)) {
        it->array = nullptr;
        return Value::stop_iteration();
    }
    return get_item(vm, it->array, it->index++);
}

// __reduce__: iter(array) at its index, set back by __setstate__; an exhausted
// iterator pickles as iter(()), as CPython's.
SLPY_A_FN(array_iter_reduce)
{
    if (!check_noargs_method(vm, "arrayiterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = static_cast<ArrayIter*>(args[0].as_object());
    if (!it->array)
        return reduce_builtin(vm, "iter", { Value::from_object(empty_tuple()) });
    return reduce_builtin(vm, "iter", { Value::from_object(it->array) }, int_from_i64(vm, int64_t(it->index)));
}

SLPY_A_FN(array_iter_setstate)
{
    if (!check_onearg_method(vm, "arrayiterator", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = static_cast<ArrayIter*>(args[0].as_object());
    int64_t index;
    if (!index_i64(vm, args[1], index))
        return Value::null();
    if (it->array) {
        int64_t n = int64_t(length_of(it->array));
        it->index = size_t(index < 0 ? 0 : index > n ? n : index);
    }
    return py_none();
}

SLPY_A_FN(array_iter)
{
    auto* it = vm.heap.make<ArrayIter>(g_array_iter_type);
    if (!it)
        return Value::null();
    it->array = self_array(args[0]);
    return Value::from_object(it);
}

#undef SLPY_A_FN

void setup_types(VM& vm)
{
    if (g_array_type)
        return;
    g_array_type = make_builtin_type(vm, "array", nullptr, sizeof(Array), TF_BASETYPE, nullptr, array_finalize);
    add_methods(vm, g_array_type, {
        { "__new__", array_new, METH_STATIC }, { "__len__", array_len }, { "__getitem__", array_getitem },
        { "__setitem__", array_setitem }, { "__delitem__", array_delitem }, { "__contains__", array_contains },
        { "__iter__", array_iter }, { "__repr__", array_repr }, { "__add__", array_add }, { "__iadd__", array_iadd },
        { "__mul__", array_mul }, { "__rmul__", array_mul }, { "__imul__", array_imul },
        { "__lt__", array_cmp<CmpArg::LT> }, { "__le__", array_cmp<CmpArg::LE> }, { "__eq__", array_cmp<CmpArg::EQ> },
        { "__ne__", array_cmp<CmpArg::NE> }, { "__gt__", array_cmp<CmpArg::GT> }, { "__ge__", array_cmp<CmpArg::GE> },
        { "append", array_append }, { "extend", array_extend }, { "insert", array_insert }, { "pop", array_pop },
        { "remove", array_remove }, { "index", array_index }, { "count", array_count }, { "reverse", array_reverse },
        { "byteswap", array_byteswap }, { "tobytes", array_tobytes }, { "frombytes", array_frombytes },
        { "tolist", array_tolist }, { "fromlist", array_fromlist }, { "tounicode", array_tounicode },
        { "fromunicode", array_fromunicode }, { "buffer_info", array_buffer_info }, { "__copy__", array_copy },
        { "tofile", array_tofile }, { "fromfile", array_fromfile },
        { "__deepcopy__", array_copy }, { "__reduce_ex__", array_reduce_ex },
    });
    add_getsets(vm, g_array_type, { { "itemsize", array_get_itemsize }, { "typecode", array_get_typecode } });
    add_attribute(vm, g_array_type, "__hash__", py_none());
    g_array_type->buffer = &kArrayBuffer;
    g_array_iter_type = make_builtin_type(vm, "arrayiterator", nullptr, sizeof(ArrayIter), 0, array_iter_trace);
    add_methods(vm, g_array_iter_type, {
        { "__iter__", iter_self_method }, { "__next__", next_method<array_iter_next> },
        { "__reduce__", array_iter_reduce }, { "__setstate__", array_iter_setstate },
    });
    g_array_iter_type->iternext = array_iter_next;
    for (TypeObject* t : { g_array_type, g_array_iter_type }) {
        set_native_type_module(vm, t, "array");
        finish_builtin_type(vm, t);
    }
    // Arrays accept weak references, as CPython's.
    g_array_type->tflags |= TF_LAYOUT_WEAKREF;
}

} // namespace

Module* make_array_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "array");
    module_add_functions(vm, m, { { "_array_reconstructor", array_reconstructor } });
    module_add(vm, m, "array", Value::from_object(g_array_type));
    module_add(vm, m, "ArrayType", Value::from_object(g_array_type));
    module_add(vm, m, "typecodes", str_value(vm, "bBuhHiIlLqQfd"));
    auto& st = [&]() -> ArrayState& {
        if (VM::ModuleState* s = vm.module_state(&kArrayStateKey))
            return *static_cast<ArrayState*>(s);
        return *static_cast<ArrayState*>(vm.add_module_state(&kArrayStateKey, std::make_unique<ArrayState>(vm)));
    }();
    String* name = intern(vm, "_array_reconstructor");
    st.reconstructor = dict_get_str(vm, m->dict, name);
    // collections.abc.MutableSequence.register(array), as CPython's array_modexec (not in
    // the shared runtime's own VM, which only makes the types and runs no library code).
    if (!vm.builds_shared_runtime) {
        String* abc_name = intern(vm, "collections.abc");
        String* seq_name = intern(vm, "MutableSequence");
        String* register_name = intern(vm, "register");
        if (!abc_name || !seq_name || !register_name)
            return nullptr;
        Value abc = interp(vm).import_module(abc_name);
        Value seq = abc.is_null() ? abc : getattr(vm, abc, seq_name);
        Value type = Value::from_object(g_array_type);
        if (seq.is_null() || call_method(vm, seq, register_name, &type, 1).is_null())
            return nullptr;
    }
    return m;
}

} // namespace slpy
