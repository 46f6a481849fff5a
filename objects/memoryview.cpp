// memoryview over any buffer exporter (objects/buffer.h: bytes, bytearray, array.array,
// BytesIO.getbuffer()): views of native struct formats (the exporter's, then cast()
// reinterprets them as any native single-letter format and reshapes them into N
// dimensions), with indexing, slicing (views share the exporter), item assignment for
// writable exporters, tobytes/tolist/hex, release and the context-manager protocol.
// This file also holds the protocol's shared part: get_buffer and the export counts.
//
// A view keeps the exporter, a byte offset, the first dimension's length and byte
// stride, and the rest of its shape (always C-contiguous: cast() makes multi-dimensional
// views only from contiguous ones, and only the first dimension can be sliced); the
// exporter's current buffer is looked up on every access, so an exporter that was
// resized cannot leave a dangling pointer. A view over a resizable exporter is a buffer
// export: it refuses to change its size (BufferError) until every view over it is
// released or has died.
//
// CPython learns that a view died from its reference count; here only the collector
// knows. So the exporter counts the views made over it (BufferExports::views, down again
// at release()), and a resize refused by that count recounts it: a collection in which
// each unreleased view reached from Python-visible state (the precise roots, not a stale
// word on a C stack) counts itself again (buffer_can_resize).
#include "objects/buffer.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/slice.h"
#include "objects/str_internal.h"
#include "objects/type.h"

#include <climits>
#include <cstdio>
#include <cstring>
#include <vector>

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

constexpr size_t kMaxDims = 64; // CPython's PyBUF_MAX_NDIM

// The exporter's whole buffer.
bool exporter_buffer(MemoryView* mv, BufferInfo& out)
{
    return !mv->released && !mv->obj.is_null() && get_buffer(mv->obj, out);
}

bool exporter_bytes(MemoryView* mv, std::string_view& out)
{
    BufferInfo info;
    if (!exporter_buffer(mv, info))
        return false;
    out = std::string_view(reinterpret_cast<char const*>(info.data), info.size);
    return true;
}

// The exporter's bytes for a store; null when released or read-only.
unsigned char* exporter_writable(MemoryView* mv, size_t& size)
{
    BufferInfo info;
    if (!exporter_buffer(mv, info) || info.readonly)
        return nullptr;
    size = info.size;
    return info.data;
}

void trace_memoryview(Object* o, Tracer& t)
{
    auto* mv = static_cast<MemoryView*>(o);
    t.visit(mv->obj);
    t.visit(mv->dims);
    if (mv->released)
        return;
    BufferExports* e = buffer_exports(mv->obj);
    if (e && e->recounting) {
        mv->exported = t.precise();
        if (mv->exported)
            ++e->views;
    }
}

// The view stops exporting its exporter (release()).
void unexport(MemoryView* mv)
{
    if (!mv->exported)
        return;
    mv->exported = false;
    if (BufferExports* e = buffer_exports(mv->obj); e && e->views > 0)
        --e->views;
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

Value released_error(VM& vm) { return raise(vm, exc::ValueError, "operation forbidden on released memoryview object"); }

// ---- shape

// The format letter without its optional '@'.
char fmt_char(MemoryView const* mv) { return mv->format[0] == '@' ? mv->format[1] : mv->format[0]; }

// The whole shape and the byte strides of every dimension.
void shape_strides(MemoryView const* mv, std::vector<size_t>& shape, std::vector<int64_t>& strides)
{
    shape.clear();
    strides.clear();
    if (mv->ndim == 0)
        return;
    shape.push_back(mv->length);
    if (Tuple* d = mv->dims.is_null() ? nullptr : mv->dims.as<Tuple>())
        for (size_t i = 0; i < d->size; ++i)
            shape.push_back(static_cast<size_t>(d->items[i].as_int()));
    strides.resize(shape.size());
    int64_t sd = mv->itemsize;
    for (size_t i = shape.size(); i-- > 1;) {
        strides[i] = sd;
        sd *= static_cast<int64_t>(shape[i]);
    }
    strides[0] = mv->step;
}

// Bytes of one entry of the first dimension (an item, or a C-contiguous row).
size_t row_bytes(MemoryView const* mv)
{
    size_t n = mv->itemsize;
    if (Tuple* d = mv->dims.is_null() ? nullptr : mv->dims.as<Tuple>())
        for (size_t i = 0; i < d->size; ++i)
            n *= static_cast<size_t>(d->items[i].as_int());
    return n;
}

size_t view_nbytes(MemoryView const* mv) { return mv->ndim == 0 ? mv->itemsize : mv->length * row_bytes(mv); }

// PyBuffer_IsContiguous for order 'C' or 'F'.
bool is_contiguous(MemoryView const* mv, char order)
{
    if (view_nbytes(mv) == 0 || mv->ndim == 0)
        return true;
    std::vector<size_t> shape;
    std::vector<int64_t> strides;
    shape_strides(mv, shape, strides);
    int64_t sd = mv->itemsize;
    size_t n = shape.size();
    for (size_t k = 0; k < n; ++k) {
        size_t i = order == 'C' ? n - 1 - k : k;
        if (shape[i] > 1 && strides[i] != sd)
            return false;
        sd *= static_cast<int64_t>(shape[i]);
    }
    return true;
}

// The bytes the view covers, in C order (copied, any stride). False when the exporter
// shrank or the view was released.
bool view_contents(VM& vm, MemoryView* mv, std::string& out)
{
    std::string_view all;
    if (!exporter_bytes(mv, all)) {
        (void)released_error(vm);
        return false;
    }
    out.clear();
    size_t row = mv->ndim == 0 ? mv->itemsize : row_bytes(mv);
    size_t rows = mv->ndim == 0 ? 1 : mv->length;
    if (!vm.heap.reserve_buffer(out, rows * row))
        return false;
    int64_t pos = static_cast<int64_t>(mv->start);
    for (size_t k = 0; k < rows; ++k, pos += mv->step) {
        if (pos < 0 || static_cast<size_t>(pos) + row > all.size()) {
            (void)raise(vm, exc::IndexError, "index out of range");
            return false;
        }
        out.append(all.data() + pos, row);
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
    mv->ndim = 1;
    mv->itemsize = 1;
    mv->format[0] = 'B';
    mv->dims = Value::null();
    if (BufferExports* e = buffer_exports(obj)) {
        ++e->views;
        mv->exported = true;
    }
    return mv;
}

// A new one-dimensional view of the whole buffer `obj` exports, in its format.
MemoryView* view_over(VM& vm, Value obj, BufferInfo const& info)
{
    MemoryView* mv = new_view(vm, obj, 0, info.itemsize, info.size / info.itemsize, info.readonly);
    if (!mv)
        return nullptr;
    mv->itemsize = info.itemsize;
    std::memcpy(mv->format, info.format, sizeof mv->format);
    return mv;
}

// A view made for the length of a native call, released when it ends.
struct TempView {
    MemoryView* view = nullptr;
    TempView() = default;
    TempView(TempView const&) = delete;
    TempView& operator=(TempView const&) = delete;
    ~TempView()
    {
        if (!view || view->released)
            return;
        unexport(view);
        view->released = true;
        view->obj = Value::null();
    }
};

// A new view of the same memory with the same format and shape as `src`.
MemoryView* clone_view(VM& vm, MemoryView* src)
{
    Value dims = src->dims; // kept across the allocation by the C stack scan
    MemoryView* mv = new_view(vm, src->obj, src->start, src->step, src->length, src->readonly);
    if (!mv)
        return nullptr;
    mv->ndim = src->ndim;
    mv->itemsize = src->itemsize;
    std::memcpy(mv->format, src->format, sizeof mv->format);
    mv->dims = dims;
    return mv;
}

// ---- items

// The size of a native single-letter struct format (with an optional '@'), 0 when it is
// not one (CPython 3.11's get_native_fmtchar).
size_t native_format_size(std::string_view fmt, char& letter)
{
    if (!fmt.empty() && fmt[0] == '@')
        fmt.remove_prefix(1);
    if (fmt.size() != 1)
        return 0;
    letter = fmt[0];
    switch (letter) {
    case 'c': case 'b': case 'B': return 1;
    case 'h': case 'H': return sizeof(short);
    case 'i': case 'I': return sizeof(int);
    case 'l': case 'L': return sizeof(long);
    case 'q': case 'Q': return sizeof(long long);
    case 'n': case 'N': return sizeof(size_t);
    case 'f': return sizeof(float);
    case 'd': return sizeof(double);
    case '?': return sizeof(bool);
    case 'P': return sizeof(void*);
    default: return 0;
    }
}

bool is_byte_format(char c) { return c == 'b' || c == 'B' || c == 'c'; }

template<typename T> T load(unsigned char const* p)
{
    T x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// The Python value of the item at p (CPython's unpack_single).
Value unpack_item(VM& vm, MemoryView const* mv, unsigned char const* p)
{
    switch (fmt_char(mv)) {
    case 'B': return Value::small_int(*p);
    case 'b': return Value::small_int(static_cast<signed char>(*p));
    case 'h': return Value::small_int(load<short>(p));
    case 'H': return Value::small_int(load<unsigned short>(p));
    case 'i': return Value::small_int(load<int>(p));
    case 'I': return int_from_u64(vm, load<unsigned int>(p));
    case 'l': return int_from_i64(vm, load<long>(p));
    case 'L': return int_from_u64(vm, load<unsigned long>(p));
    case 'q': return int_from_i64(vm, load<long long>(p));
    case 'Q': return int_from_u64(vm, load<unsigned long long>(p));
    case 'n': return int_from_i64(vm, load<int64_t>(p));
    case 'N': return int_from_u64(vm, load<size_t>(p));
    case 'P': return int_from_u64(vm, load<uintptr_t>(p));
    case 'f': return Value::from_double(load<float>(p));
    case 'd': return Value::from_double(load<double>(p));
    case '?': return py_bool(*p != 0);
    case 'c': return Value::from_object(bytes_new(vm, std::string_view(reinterpret_cast<char const*>(p), 1)));
    }
    return raise_fmt(vm, exc::NotImplementedError, "memoryview: format %s not supported", mv->format);
}

Value item_type_error(VM& vm, MemoryView const* mv) { return raise_fmt(vm, exc::TypeError, "memoryview: invalid type for format '%s'", mv->format); }
Value item_value_error(VM& vm, MemoryView const* mv) { return raise_fmt(vm, exc::ValueError, "memoryview: invalid value for format '%s'", mv->format); }

// An integer item's value within [lo, hi] (CPython's pylong_as_* with fix_error_int:
// a TypeError or an out-of-range value becomes the memoryview error naming the format).
bool int_item(VM& vm, MemoryView const* mv, Value v, __int128 lo, __int128 hi, __int128& out)
{
    Value iv = index(vm, v);
    if (iv.is_null()) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            (void)item_type_error(vm, mv);
        }
        return false;
    }
    iv = int_unwrap(iv);
    int64_t small;
    if (int_to_i64(iv, small)) {
        out = small;
    } else {
        MpzView z(iv);
        if (int_sign(iv) < 0 || !mpz_fits_ulong_p(z)) {
            (void)item_value_error(vm, mv);
            return false;
        }
        out = static_cast<__int128>(mpz_get_ui(z));
    }
    if (out < lo || out > hi) {
        (void)item_value_error(vm, mv);
        return false;
    }
    return true;
}

template<typename T> void store(unsigned char* p, T x) { std::memcpy(p, &x, sizeof x); }

// Converts `v` to the bytes of one item (CPython's pack_single); `out` gets itemsize bytes.
bool pack_item(VM& vm, MemoryView const* mv, Value v, unsigned char* out)
{
    __int128 x;
    auto ints = [&](auto lo, auto hi) { return int_item(vm, mv, v, static_cast<__int128>(lo), static_cast<__int128>(hi), x); };
    switch (fmt_char(mv)) {
    case 'B': if (!ints(0, UCHAR_MAX)) return false; *out = static_cast<unsigned char>(x); return true;
    case 'b': if (!ints(SCHAR_MIN, SCHAR_MAX)) return false; store(out, static_cast<signed char>(x)); return true;
    case 'h': if (!ints(SHRT_MIN, SHRT_MAX)) return false; store(out, static_cast<short>(x)); return true;
    case 'H': if (!ints(0, USHRT_MAX)) return false; store(out, static_cast<unsigned short>(x)); return true;
    case 'i': if (!ints(INT_MIN, INT_MAX)) return false; store(out, static_cast<int>(x)); return true;
    case 'I': if (!ints(0, UINT_MAX)) return false; store(out, static_cast<unsigned int>(x)); return true;
    case 'l': case 'q': case 'n':
        if (!ints(INT64_MIN, INT64_MAX)) return false;
        store(out, static_cast<int64_t>(x));
        return true;
    case 'L': case 'Q': case 'N':
        if (!ints(0, UINT64_MAX)) return false;
        store(out, static_cast<uint64_t>(x));
        return true;
    case 'P':
        if (!ints(INT64_MIN, UINT64_MAX)) return false;
        store(out, static_cast<uint64_t>(x));
        return true;
    case 'f': case 'd': {
        double d;
        if (!to_double(vm, v, d))
            return false;
        if (fmt_char(mv) == 'f')
            store(out, static_cast<float>(d));
        else
            store(out, d);
        return true;
    }
    case '?': {
        int t = truthy(vm, v);
        if (t < 0)
            return false;
        *out = t ? 1 : 0;
        return true;
    }
    case 'c': {
        std::string_view b;
        bool ba;
        if (!v.is_object() || !bytes_self(v, b, ba) || ba) {
            (void)item_type_error(vm, mv);
            return false;
        }
        if (b.size() != 1) {
            (void)item_value_error(vm, mv);
            return false;
        }
        *out = static_cast<unsigned char>(b[0]);
        return true;
    }
    }
    (void)raise_fmt(vm, exc::NotImplementedError, "memoryview: format %s not supported", mv->format);
    return false;
}

// The byte offset of the item at `indices` (one per dimension from the first), or -1
// with IndexError pending (CPython's lookup_dimension).
bool item_offset(VM& vm, MemoryView const* mv, int64_t const* indices, size_t n, int64_t& pos)
{
    std::vector<size_t> shape;
    std::vector<int64_t> strides;
    shape_strides(mv, shape, strides);
    pos = static_cast<int64_t>(mv->start);
    for (size_t d = 0; d < n; ++d) {
        int64_t i = indices[d];
        int64_t len = static_cast<int64_t>(shape[d]);
        if (i < 0)
            i += len;
        if (i < 0 || i >= len) {
            (void)raise_fmt(vm, exc::IndexError, "index out of bounds on dimension %zu", d + 1);
            return false;
        }
        pos += i * strides[d];
    }
    return true;
}

// The item at byte offset `pos` of the exporter.
Value item_at(VM& vm, MemoryView* mv, int64_t pos)
{
    std::string_view all;
    if (!exporter_bytes(mv, all))
        return released_error(vm);
    if (pos < 0 || static_cast<size_t>(pos) + mv->itemsize > all.size())
        return raise(vm, exc::IndexError, "index out of bounds on dimension 1");
    return unpack_item(vm, mv, reinterpret_cast<unsigned char const*>(all.data()) + pos);
}

// Stores `value` as the item at byte offset `pos`. The conversion may run Python code
// (__index__, __bool__), so the view and its buffer are checked again after it.
bool store_item(VM& vm, MemoryView* mv, int64_t pos, Value value)
{
    unsigned char buf[16];
    if (!pack_item(vm, mv, value, buf))
        return false;
    if (mv->released) {
        (void)released_error(vm);
        return false;
    }
    size_t size = 0;
    unsigned char* data = exporter_writable(mv, size);
    if (!data || pos < 0 || static_cast<size_t>(pos) + mv->itemsize > size) {
        (void)raise(vm, exc::IndexError, "index out of bounds on dimension 1");
        return false;
    }
    std::memcpy(data + pos, buf, mv->itemsize);
    return true;
}

// A tuple whose items are all index-like (CPython's is_multiindex); n gets its size.
Tuple* multi_index(Value key)
{
    if (!key.is_object() || type_of(key) != types.tuple)
        return nullptr;
    Tuple* t = key.as<Tuple>();
    for (size_t i = 0; i < t->size; ++i)
        if (!is_index_like(t->items[i]))
            return nullptr;
    return t;
}

bool is_multi_slice(Value key)
{
    if (!key.is_object() || type_of(key) != types.tuple)
        return false;
    Tuple* t = key.as<Tuple>();
    for (size_t i = 0; i < t->size; ++i)
        if (!as_slice(t->items[i]))
            return false;
    return true;
}

// The byte offset of the item a full tuple of indices names (CPython's ptr_from_tuple
// after memory_item_multi's check). The NotImplementedErrors in this file ("sub-views are
// not implemented", "multi-dimensional slicing is not implemented") are CPython 3.11's own
// answers to those requests, with its wording, not missing slpy features.
bool tuple_offset(VM& vm, MemoryView* mv, Tuple* key, int64_t& pos)
{
    if (key->size < mv->ndim) {
        (void)raise(vm, exc::NotImplementedError, "sub-views are not implemented");
        return false;
    }
    if (key->size > mv->ndim) {
        (void)raise_fmt(vm, exc::TypeError, "cannot index %d-dimension view with %zu-element tuple", mv->ndim, key->size);
        return false;
    }
    std::vector<int64_t> idx(key->size);
    for (size_t d = 0; d < key->size; ++d)
        if (!sequence_index(vm, key->items[d], idx[d]))
            return false;
    if (mv->released) {
        (void)released_error(vm);
        return false;
    }
    return item_offset(vm, mv, idx.data(), idx.size(), pos);
}

// ---- methods

Value mv_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "memoryview", args + 1, nargs ? nargs - 1 : 0, kwnames, { "object" }, 1, out))
        return Value::null();
    Value obj = out[0];
    if (MemoryView* src = as_memoryview(obj)) {
        if (src->released)
            return released_error(vm);
        return Value::from_object(clone_view(vm, src));
    }
    if (BufferProcs const* procs = type_of(obj)->buffer; procs && procs->forward) {
        Value fwd = procs->forward(obj.as_object());
        if (MemoryView* src = fwd.is_null() ? nullptr : as_memoryview(fwd); src && !src->released)
            return Value::from_object(clone_view(vm, src));
    }
    BufferInfo info;
    if (!get_buffer(obj, info))
        return raise_fmt(vm, exc::TypeError, "memoryview: a bytes-like object is required, not '%s'", type_name(obj));
    MemoryView* mv = view_over(vm, obj, info);
    return mv ? Value::from_object(mv) : Value::null();
}

// cast(format[, shape]): CPython's memoryview_cast (a C-contiguous view to 1-D in the new
// format, then optionally to the given shape; byte length unchanged).
Value mv_cast(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "cast", args + 1, nargs - 1, kwnames, { "format", "shape" }, 1, out))
        return Value::null();
    SELF_MV();
    String* fmt = as_str(out[0]);
    if (!fmt)
        return raise_fmt(vm, exc::TypeError, "cast() argument 'format' must be str, not %s", type_name(out[0]));
    Value shape = out[1];
    if (!is_contiguous(mv, 'C'))
        return raise(vm, exc::TypeError, "memoryview: casts are restricted to C-contiguous views");
    std::vector<size_t> old_shape;
    std::vector<int64_t> old_strides;
    shape_strides(mv, old_shape, old_strides);
    bool zero = false;
    for (size_t n : old_shape)
        zero |= n == 0;
    if ((!shape.is_null() || mv->ndim != 1) && zero)
        return raise(vm, exc::TypeError, "memoryview: cannot cast view with zeros in shape or strides");
    Value const* dims = nullptr;
    size_t ndim = 1;
    if (!shape.is_null()) {
        if (List* l = as_list(shape)) {
            dims = l->items();
            ndim = l->size;
        } else if (Tuple* t = as_tuple(shape)) {
            dims = t->items;
            ndim = t->size;
        } else {
            return raise(vm, exc::TypeError, "shape must be a list or a tuple");
        }
        if (ndim > kMaxDims)
            return raise(vm, exc::ValueError, "memoryview: number of dimensions must not exceed 64");
        if (mv->ndim != 1 && ndim != 1)
            return raise(vm, exc::TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
    }
    // To 1-D in the new format.
    char dest;
    size_t itemsize = native_format_size(fmt->view(), dest);
    if (itemsize == 0)
        return raise(vm, exc::ValueError, "memoryview: destination format must be a native single character format prefixed with an optional '@'");
    char src;
    if ((native_format_size(mv->format, src) == 0 || !is_byte_format(src)) && !is_byte_format(dest))
        return raise(vm, exc::TypeError, "memoryview: cannot cast between two non-byte formats");
    size_t nbytes = view_nbytes(mv);
    if (nbytes % itemsize != 0)
        return raise(vm, exc::TypeError, "memoryview: length is not a multiple of itemsize");
    // Then to the given shape, whose product must keep the byte length.
    std::vector<int64_t> new_shape;
    size_t len = itemsize;
    for (size_t i = 0; dims && i < ndim; ++i) {
        Value d = dims[i];
        if (!is_int(d))
            return raise(vm, exc::TypeError, "memoryview.cast(): elements of shape must be integers");
        int64_t x;
        if (!int_to_i64(int_unwrap(d), x))
            return raise(vm, exc::OverflowError, "Python int too large to convert to C ssize_t");
        if (x <= 0)
            return raise(vm, exc::ValueError, "memoryview.cast(): elements of shape must be integers > 0");
        if (static_cast<uint64_t>(x) > static_cast<uint64_t>(INT64_MAX) / len)
            return raise(vm, exc::ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
        len *= static_cast<size_t>(x);
        new_shape.push_back(x);
    }
    if (dims && len != nbytes)
        return raise(vm, exc::TypeError, "memoryview: product(shape) * itemsize != buffer size");
    Tuple* rest = nullptr;
    if (new_shape.size() >= 2) {
        rest = tuple_new(vm, new_shape.size() - 1);
        if (!rest)
            return Value::null();
        for (size_t i = 1; i < new_shape.size(); ++i)
            rest->items[i - 1] = Value::small_int(new_shape[i]);
    }
    MemoryView* r = clone_view(vm, mv);
    if (!r)
        return Value::null();
    std::memset(r->format, 0, sizeof r->format);
    std::memcpy(r->format, fmt->view().data(), fmt->view().size());
    r->itemsize = static_cast<uint8_t>(itemsize);
    r->ndim = static_cast<uint8_t>(dims ? ndim : 1);
    r->step = static_cast<int64_t>(itemsize);
    r->length = dims ? (ndim == 0 ? 1 : static_cast<size_t>(new_shape[0])) : nbytes / itemsize;
    r->dims = rest ? Value::from_object(rest) : Value::null();
    r->step = static_cast<int64_t>(row_bytes(r)); // C-contiguous rows
    return Value::from_object(r);
}

Value mv_toreadonly(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    MemoryView* r = clone_view(vm, mv);
    if (!r)
        return Value::null();
    r->readonly = true;
    return Value::from_object(r);
}

Value mv_len(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::small_int(mv->ndim == 0 ? 1 : static_cast<int64_t>(mv->length));
}

Value mv_getitem(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    Value key = args[1];
    if (mv->ndim == 0) {
        if (key.is(py_ellipsis()))
            return args[0];
        if (Tuple* t = key.is_object() && type_of(key) == types.tuple ? key.as<Tuple>() : nullptr; t && t->size == 0)
            return item_at(vm, mv, static_cast<int64_t>(mv->start));
        return raise(vm, exc::TypeError, "invalid indexing of 0-dim memory");
    }
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (mv->released) // by the __index__ that just ran
            return released_error(vm);
        if (mv->ndim != 1)
            return raise(vm, exc::NotImplementedError, "multi-dimensional sub-views are not implemented");
        int64_t pos;
        if (!item_offset(vm, mv, &i, 1, pos))
            return Value::null();
        return item_at(vm, mv, pos);
    }
    if (as_slice(key)) {
        // The new view shares this one's exporter even when the slice's __index__
        // releases this view meanwhile, as CPython's shares the managed buffer.
        MemoryView* r = clone_view(vm, mv);
        if (!r)
            return Value::null();
        int64_t start, stop, step, n;
        if (!slice_indices(vm, key, static_cast<int64_t>(mv->length), start, stop, step, n))
            return Value::null();
        int64_t first = static_cast<int64_t>(mv->start) + start * mv->step;
        r->start = static_cast<size_t>(n > 0 ? first : static_cast<int64_t>(mv->start));
        r->step = step * mv->step;
        r->length = static_cast<size_t>(n > 0 ? n : 0);
        return Value::from_object(r);
    }
    if (Tuple* t = multi_index(key)) {
        int64_t pos;
        if (!tuple_offset(vm, mv, t, pos))
            return Value::null();
        return item_at(vm, mv, pos);
    }
    if (is_multi_slice(key))
        return raise(vm, exc::NotImplementedError, "multi-dimensional slicing is not implemented");
    return raise(vm, exc::TypeError, "memoryview: invalid slice key");
}

// The format, shape and C-order bytes of a buffer an assignment copies from.
struct SourceBuffer {
    std::string format;
    size_t itemsize;
    std::vector<size_t> shape;
    std::string data;
};

bool source_buffer(VM& vm, Value v, SourceBuffer& out)
{
    if (MemoryView* o = as_memoryview(v)) {
        if (o->released) {
            (void)released_error(vm);
            return false;
        }
        out.format = o->format;
        out.itemsize = o->itemsize;
        std::vector<int64_t> strides;
        shape_strides(o, out.shape, strides);
        return view_contents(vm, o, out.data);
    }
    BufferInfo info;
    if (!get_buffer(v, info)) {
        (void)raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
        return false;
    }
    out.format = info.format;
    out.itemsize = info.itemsize;
    out.shape = { info.size / info.itemsize };
    out.data.assign(reinterpret_cast<char const*>(info.data), info.size);
    return true;
}

Value mv_setitem(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    if (mv->readonly)
        return raise(vm, exc::TypeError, "cannot modify read-only memory");
    Value key = args[1], value = args[2];
    if (value.is_null())
        return raise(vm, exc::TypeError, "cannot delete memory");
    if (mv->ndim == 0) {
        Tuple* t = key.is_object() && type_of(key) == types.tuple ? key.as<Tuple>() : nullptr;
        if (key.is(py_ellipsis()) || (t && t->size == 0)) {
            if (!store_item(vm, mv, static_cast<int64_t>(mv->start), value))
                return Value::null();
            return py_none();
        }
        return raise(vm, exc::TypeError, "invalid indexing of 0-dim memory");
    }
    if (is_index_like(key)) {
        if (mv->ndim > 1)
            return raise(vm, exc::NotImplementedError, "sub-views are not implemented");
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (mv->released) // by the __index__ that just ran
            return released_error(vm);
        int64_t pos;
        if (!item_offset(vm, mv, &i, 1, pos) || !store_item(vm, mv, pos, value))
            return Value::null();
        return py_none();
    }
    if (as_slice(key) && mv->ndim == 1) {
        SourceBuffer src;
        if (!source_buffer(vm, value, src))
            return Value::null();
        int64_t start, stop, step, n;
        if (!slice_indices(vm, key, static_cast<int64_t>(mv->length), start, stop, step, n))
            return Value::null();
        if (mv->released)
            return released_error(vm);
        std::string_view dfmt(mv->format), sfmt(src.format);
        if (dfmt[0] == '@')
            dfmt.remove_prefix(1);
        if (!sfmt.empty() && sfmt[0] == '@')
            sfmt.remove_prefix(1);
        if (dfmt != sfmt || src.itemsize != mv->itemsize || src.shape.size() != 1 ||
            static_cast<int64_t>(src.shape[0]) != (n > 0 ? n : 0))
            return raise(vm, exc::ValueError, "memoryview assignment: lvalue and rvalue have different structures");
        size_t size = 0;
        unsigned char* data = exporter_writable(mv, size);
        for (int64_t k = 0; k < n; ++k) {
            int64_t pos = static_cast<int64_t>(mv->start) + (start + k * step) * mv->step;
            if (!data || pos < 0 || static_cast<size_t>(pos) + mv->itemsize > size)
                return raise(vm, exc::IndexError, "index out of bounds on dimension 1");
            std::memcpy(data + pos, src.data.data() + static_cast<size_t>(k) * mv->itemsize, mv->itemsize);
        }
        return py_none();
    }
    if (Tuple* t = multi_index(key)) {
        int64_t pos;
        if (!tuple_offset(vm, mv, t, pos) || !store_item(vm, mv, pos, value))
            return Value::null();
        return py_none();
    }
    if (as_slice(key) || is_multi_slice(key))
        return raise(vm, exc::NotImplementedError, "memoryview slice assignments are currently restricted to ndim = 1");
    return raise(vm, exc::TypeError, "memoryview: invalid slice key");
}

Value mv_tobytes(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "tobytes", args + 1, nargs - 1, kwnames, { "order" }, 0, out))
        return Value::null();
    SELF_MV();
    if (!out[0].is_null() && !is_none(out[0])) {
        String* o = as_str(out[0]);
        if (!o)
            return raise_fmt(vm, exc::TypeError, "tobytes() argument 'order' must be str or None, not %s", type_name(out[0]));
        if (o->view() != "C" && o->view() != "F" && o->view() != "A")
            return raise(vm, exc::ValueError, "order must be 'C', 'F' or 'A'");
        // Fortran order differs from C order only for views with two dimensions or more
        // that are not themselves Fortran-contiguous.
        if (o->view() != "C" && mv->ndim > 1 && !is_contiguous(mv, 'F'))
            return raise_fmt(vm, exc::NotImplementedError, "memoryview.tobytes(order='%s') of a multi-dimensional view is not supported", o->c_str());
    }
    std::string data;
    if (!view_contents(vm, mv, data))
        return Value::null();
    return Value::from_object(bytes_new(vm, data));
}

// The items of dimension `dim` starting at byte offset `pos`, as nested lists.
Value tolist_rec(VM& vm, MemoryView* mv, std::vector<size_t> const& shape, std::vector<int64_t> const& strides,
                 size_t dim, int64_t pos)
{
    List* l = list_new(vm, shape[dim]);
    if (!l)
        return Value::null();
    for (size_t k = 0; k < shape[dim]; ++k, pos += strides[dim]) {
        Value item = dim + 1 == shape.size() ? item_at(vm, mv, pos) : tolist_rec(vm, mv, shape, strides, dim + 1, pos);
        if (!list_append(vm, l, item))
            return Value::null();
    }
    return Value::from_object(l);
}

Value mv_tolist(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    if (mv->ndim == 0)
        return item_at(vm, mv, static_cast<int64_t>(mv->start));
    std::vector<size_t> shape;
    std::vector<int64_t> strides;
    shape_strides(mv, shape, strides);
    return tolist_rec(vm, mv, shape, strides, 0, static_cast<int64_t>(mv->start));
}

Value mv_hex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_MV();
    std::string data;
    if (!view_contents(vm, mv, data))
        return Value::null();
    Value b = TRY(Value::from_object(bytes_new(vm, data)));
    return call_method(vm, b, names.hex, args + 1, nargs - 1, kwnames);
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

// A view's items in C order, unpacked into `out` (for comparisons; a list, so that the
// collector sees them).
bool view_items(VM& vm, MemoryView* mv, List* out)
{
    std::vector<size_t> shape;
    std::vector<int64_t> strides;
    shape_strides(mv, shape, strides);
    if (mv->ndim == 0)
        return list_append(vm, out, item_at(vm, mv, static_cast<int64_t>(mv->start)));
    size_t total = 1;
    for (size_t n : shape)
        total *= n;
    std::vector<size_t> idx(shape.size(), 0);
    for (size_t k = 0; k < total; ++k) {
        int64_t pos = static_cast<int64_t>(mv->start);
        for (size_t d = 0; d < shape.size(); ++d)
            pos += static_cast<int64_t>(idx[d]) * strides[d];
        if (!list_append(vm, out, item_at(vm, mv, pos)))
            return false;
        for (size_t d = shape.size(); d-- > 0;) {
            if (++idx[d] < shape[d])
                break;
            idx[d] = 0;
        }
    }
    return true;
}

// CPython's memory_richcompare: equal shapes, then item by item by value; the other side may be any bytes-like object (format 'B').
Value mv_eq(VM& vm, Value const* args, size_t, Tuple*)
{
    MemoryView* mv = as_memoryview(args[0]);
    if (!mv)
        return py_not_implemented();
    // No identity shortcut but for released views: a view of a NaN is unequal to itself.
    if (mv->released)
        return py_bool(args[0].is(args[1]));
    std::vector<size_t> my_shape, other_shape;
    std::vector<int64_t> strides;
    shape_strides(mv, my_shape, strides);
    MemoryView* o = as_memoryview(args[1]);
    // Any other exporter is compared through a view of its buffer in its own format (an
    // array's items, a bytes' bytes), released again at the end, as CPython's memory_richcompare.
    TempView temp;
    if (!o) {
        BufferInfo info;
        if (!get_buffer(args[1], info))
            return py_not_implemented();
        o = temp.view = view_over(vm, args[1], info);
        if (!o)
            return Value::null();
    }
    if (o->released)
        return py_bool(args[0].is(args[1]));
    shape_strides(o, other_shape, strides);
    if (o->ndim != mv->ndim || other_shape != my_shape)
        return py_false();
    List* a = list_new(vm);
    List* b = a ? list_new(vm) : nullptr;
    if (!b)
        return Value::null();
    if (!view_items(vm, mv, a) || !view_items(vm, o, b))
        return Value::null();
    for (size_t i = 0; i < a->size && i < b->size; ++i) {
        int r = rich_compare_bool(vm, a->items()[i], b->items()[i], CmpArg::EQ);
        if (r < 0)
            return Value::null();
        if (!r)
            return py_false();
    }
    return py_bool(a->size == b->size);
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
    if (MemoryView* m = as_memoryview(args[0]); m && m->hashed)
        return int_from_i64(vm, m->hash);
    SELF_MV();
    if (!mv->readonly)
        return raise(vm, exc::ValueError, "cannot hash writable memoryview object");
    if (!is_byte_format(fmt_char(mv)))
        return raise(vm, exc::ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    std::string data;
    if (!view_contents(vm, mv, data))
        return Value::null();
    Value b = TRY(Value::from_object(bytes_new(vm, data)));
    int64_t h;
    if (!hash(vm, b, h))
        return Value::null();
    mv->hash = h;
    mv->hashed = true;
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
    if (mv->ndim == 0)
        return raise(vm, exc::TypeError, "invalid indexing of 0-dim memory");
    if (mv->ndim != 1)
        return raise(vm, exc::NotImplementedError, "multi-dimensional sub-views are not implemented");
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
    return Value::small_int(static_cast<int64_t>(view_nbytes(mv)));
}
Value mv_get_itemsize(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::small_int(mv->itemsize);
}
Value mv_get_ndim(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::small_int(mv->ndim);
}
Value mv_get_format(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return str_value(vm, mv->format);
}
Value mv_get_shape(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    std::vector<size_t> shape;
    std::vector<int64_t> strides;
    shape_strides(mv, shape, strides);
    Tuple* t = tuple_new(vm, shape.size());
    if (!t)
        return Value::null();
    for (size_t i = 0; i < shape.size(); ++i)
        t->items[i] = Value::small_int(static_cast<int64_t>(shape[i]));
    return Value::from_object(t);
}
Value mv_get_strides(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    std::vector<size_t> shape;
    std::vector<int64_t> strides;
    shape_strides(mv, shape, strides);
    Tuple* t = tuple_new(vm, strides.size());
    if (!t)
        return Value::null();
    for (size_t i = 0; i < strides.size(); ++i)
        t->items[i] = Value::small_int(strides[i]);
    return Value::from_object(t);
}
Value mv_get_suboffsets(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return Value::from_object(empty_tuple());
}
Value mv_get_released(VM& vm, Value const* args, size_t, Tuple*)
{
    MemoryView* mv = as_memoryview(args[0]);
    return py_bool(mv && mv->released);
}
Value mv_get_contiguous(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return py_bool(is_contiguous(mv, 'C') || is_contiguous(mv, 'F'));
}
Value mv_get_c_contiguous(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return py_bool(is_contiguous(mv, 'C'));
}
Value mv_get_f_contiguous(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_MV();
    return py_bool(is_contiguous(mv, 'F'));
}

} // namespace

bool buffer_can_resize(VM& vm, BufferExports& e, char const* message)
{
    if (e.views == 0 && e.natives == 0)
        return true;
    if (e.natives == 0) {
        // Some counted views may have died unreleased: count the live ones again.
        e.views = 0;
        e.recounting = true;
        vm.heap.collect();
        e.recounting = false;
        if (e.views == 0)
            return true;
    }
    (void)raise(vm, exc::BufferError, message ? message : "Existing exports of data: object cannot be re-sized");
    return false;
}

bool get_buffer(Value v, BufferInfo& out)
{
    if (Bytes* b = as_bytes(v)) {
        out.data = b->data;
        out.size = b->size;
        out.readonly = true;
        out.itemsize = 1;
        out.format[0] = 'B';
        out.format[1] = 0;
        return true;
    }
    if (!v.is_object())
        return false;
    BufferProcs const* procs = v.as_object()->type->buffer;
    return procs && procs->get(v.as_object(), out);
}

BufferExports* buffer_exports(Value v)
{
    if (!v.is_object())
        return nullptr;
    BufferProcs const* procs = v.as_object()->type->buffer;
    return procs && procs->exports ? procs->exports(v.as_object()) : nullptr;
}

bool memoryview_bytes(MemoryView* mv, std::string_view& out)
{
    std::string_view all;
    if (!exporter_bytes(mv, all))
        return false;
    size_t nbytes = view_nbytes(mv);
    if (nbytes == 0) {
        out = std::string_view();
        return true;
    }
    if (!is_contiguous(mv, 'C') || mv->start + nbytes > all.size())
        return false;
    out = all.substr(mv->start, nbytes);
    return true;
}

namespace {

// A memoryview exports the bytes it covers when they are contiguous, in its own format.
bool mv_get_buffer(Object* self, BufferInfo& out)
{
    auto* mv = static_cast<MemoryView*>(self);
    std::string_view bytes;
    BufferInfo base;
    if (!exporter_buffer(mv, base) || !memoryview_bytes(mv, bytes))
        return false;
    out.data = reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data()));
    out.size = bytes.size();
    out.readonly = mv->readonly;
    out.itemsize = mv->itemsize;
    std::memcpy(out.format, mv->format, sizeof out.format);
    return true;
}

// An export of a view is an export of what it views.
BufferExports* mv_buffer_exports(Object* self)
{
    auto* mv = static_cast<MemoryView*>(self);
    return mv->released ? nullptr : buffer_exports(mv->obj);
}

constexpr BufferProcs kMemoryViewBuffer = { mv_get_buffer, mv_buffer_exports };

} // namespace

void setup_memoryview(VM& vm)
{
    types.memoryview->buffer = &kMemoryViewBuffer;
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
        { "cast", mv_cast },
        { "toreadonly", mv_toreadonly },
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
        { "c_contiguous", mv_get_c_contiguous },
        { "f_contiguous", mv_get_f_contiguous },
        { "strides", mv_get_strides },
        { "suboffsets", mv_get_suboffsets },
    });
}

} // namespace slpy
