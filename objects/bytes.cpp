// bytes: the immutable byte string. Layout, constructors, hashing, fromhex and the type
// setup (setup_bytes also sets up bytearray and memoryview). The methods bytes shares
// with bytearray are in bytes_methods.cpp.
#include "objects/function.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/str_internal.h"
#include "objects/type.h"

#include <cstring>

namespace slpy {

Bytes* bytes_alloc(VM& vm, size_t size)
{
    auto* b = static_cast<Bytes*>(vm.heap.allocate(types.bytes, Heap::array_bytes(sizeof(Bytes) + 1, size, 1)));
    if (!b)
        return nullptr;
    b->hash_cache = -1;
    b->size = size;
    return b;
}

Bytes* bytes_new(VM& vm, std::string_view data)
{
    Bytes* b = bytes_alloc(vm, data.size());
    if (!b)
        return nullptr;
    if (!data.empty())
        std::memcpy(b->data, data.data(), data.size());
    b->data[data.size()] = 0;
    return b;
}

Bytes* as_bytes(Value v)
{
    if (!v.is_object())
        return nullptr;
    Object* o = v.as_object();
    if (o->type == types.bytes)
        return static_cast<Bytes*>(o);
    if (o->type->has_flag(TF_BYTES_SUBCLASS)) {
        Value base = static_cast<BoxedValue*>(o)->base_value;
        return base.is_object() ? static_cast<Bytes*>(base.as_object()) : nullptr;
    }
    return nullptr;
}

bool bytes_self(Value v, std::string_view& out, bool& is_bytearray)
{
    if (Bytes* b = as_bytes(v)) {
        out = b->view();
        is_bytearray = false;
        return true;
    }
    if (ByteArray* ba = as_bytearray(v)) {
        out = std::string_view(reinterpret_cast<char const*>(ba->data()), ba->size);
        is_bytearray = true;
        return true;
    }
    return false;
}

Value bytes_result_sized(VM& vm, bool bytearray, size_t size, unsigned char*& data)
{
    if (!bytearray) {
        Bytes* b = bytes_alloc(vm, size);
        if (!b)
            return Value::null();
        data = b->data;
        return Value::from_object(b);
    }
    ByteArray* ba = bytearray_new(vm, {});
    if (!ba)
        return Value::null();
    if (size) {
        RawBuffer* buf = raw_buffer_new(vm, size);
        if (!buf)
            return Value::null();
        ba->buffer = buf;
        ba->size = size;
    }
    data = ba->data();
    return Value::from_object(ba);
}

Value bytes_result(VM& vm, bool bytearray, std::string_view data)
{
    if (bytearray)
        return Value::from_object(bytearray_new(vm, data));
    return Value::from_object(bytes_new(vm, data));
}

bool byte_from_value(VM& vm, Value v, unsigned char& out)
{
    int64_t i;
    if (v.is_int())
        i = v.as_int();
    else {
        Value iv = index(vm, v);
        if (iv.is_null())
            return false;
        if (!int_to_i64(iv, i))
            i = -1;
    }
    if (i < 0 || i > 255) {
        (void)raise(vm, exc::ValueError, "byte must be in range(0, 256)");
        return false;
    }
    out = static_cast<unsigned char>(i);
    return true;
}

namespace {

// Appends one byte to a buffer whose size the user controls (growing through the heap's
// checked reserve, so a huge iterable ends in MemoryError).
bool push_byte(VM& vm, std::string& out, int64_t v)
{
    if (out.size() == out.capacity() && !vm.heap.reserve_buffer(out, out.size() + out.size() / 2 + 64))
        return false;
    out += static_cast<char>(v);
    return true;
}

bool bytes_from_iterable_named(VM& vm, Value x, std::string& out, char const* name)
{
    std::string_view view;
    if (get_bytes_like(x, view)) {
        if (!vm.heap.reserve_buffer(out, view.size()))
            return false;
        out.assign(view);
        return true;
    }
    if (List* l = as_list(x); l && x.as_object()->type == types.list) {
        for (size_t i = 0; i < l->size; ++i) {
            Value item = l->items()[i];
            int64_t v;
            if (item.is_int())
                v = item.as_int();
            else {
                Value iv = index(vm, item);
                if (iv.is_null())
                    return false;
                if (!int_to_i64(iv, v))
                    v = -1;
            }
            if (v < 0 || v > 255) {
                (void)raise(vm, exc::ValueError, std::strcmp(name, "bytes") == 0 ? "bytes must be in range(0, 256)" : "byte must be in range(0, 256)");
                return false;
            }
            if (!push_byte(vm, out, v))
                return false;
        }
        return true;
    }
    TypeObject* t = type_of(x);
    if (!t || (t->slot(Slot::ITER).is_null() && t->slot(Slot::GETITEM).is_null()) || is_str(x)) {
        (void)raise_fmt(vm, exc::TypeError, "cannot convert '%s' object to %s", type_name(x), name);
        return false;
    }
    Value it = get_iter(vm, x);
    if (it.is_null())
        return false;
    while (true) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            break;
        int64_t v;
        if (item.is_int())
            v = item.as_int();
        else {
            Value iv = index(vm, item);
            if (iv.is_null())
                return false;
            if (!int_to_i64(iv, v))
                v = -1;
        }
        if (v < 0 || v > 255) {
            (void)raise(vm, exc::ValueError, std::strcmp(name, "bytes") == 0 ? "bytes must be in range(0, 256)" : "byte must be in range(0, 256)");
            return false;
        }
        if (!push_byte(vm, out, v))
            return false;
    }
    return true;
}

} // namespace

bool bytes_from_iterable(VM& vm, Value x, std::string& out)
{
    return bytes_from_iterable_named(vm, x, out, "bytes");
}

bool bytes_constructor_data(VM& vm, char const* name, Value x, Value encoding, Value errors, std::string& out, size_t* zeros)
{
    bool is_bytes = std::strcmp(name, "bytes") == 0;
    if (x.is_null()) {
        if (!encoding.is_null()) {
            (void)raise(vm, exc::TypeError, "encoding without a string argument");
            return false;
        }
        if (!errors.is_null()) {
            (void)raise(vm, exc::TypeError, "errors without a string argument");
            return false;
        }
        return true;
    }
    if (!encoding.is_null()) {
        String* s = as_str(x);
        if (!s) {
            (void)raise(vm, exc::TypeError, "encoding without a string argument");
            return false;
        }
        String* enc = as_str(encoding);
        if (!enc) {
            (void)raise_fmt(vm, exc::TypeError, "%s() argument 'encoding' must be str, not %s", name, arg_type_name(encoding));
            return false;
        }
        std::string_view err = "strict";
        if (!errors.is_null()) {
            String* e = as_str(errors);
            if (!e) {
                (void)raise_fmt(vm, exc::TypeError, "%s() argument 'errors' must be str, not %s", name, arg_type_name(errors));
                return false;
            }
            err = e->view();
        }
        Value b = str_encode(vm, s, enc->view(), err);
        if (b.is_null() || !vm.heap.reserve_buffer(out, as_bytes(b)->size))
            return false;
        out.assign(as_bytes(b)->view());
        return true;
    }
    if (is_str(x)) {
        (void)raise(vm, exc::TypeError, "string argument without an encoding");
        return false;
    }
    if (!errors.is_null()) {
        (void)raise(vm, exc::TypeError, "errors without a string argument");
        return false;
    }
    if (is_bytes) {
        String* bytes_name = names.__bytes__;
        TypeObject* t = type_of(x);
        if (t && t->is_heap_type()) {
            Value m = type_lookup(t, bytes_name);
            if (!m.is_not_found() && !m.is_null()) {
                Value r = call_method(vm, x, bytes_name, nullptr, 0);
                if (r.is_null())
                    return false;
                Bytes* b = as_bytes(r);
                if (!b) {
                    (void)raise_fmt(vm, exc::TypeError, "__bytes__ returned non-bytes (type %s)", type_name(r));
                    return false;
                }
                if (!vm.heap.reserve_buffer(out, b->size))
                    return false;
                out.assign(b->view());
                return true;
            }
        }
    }
    if (is_index_like(x)) {
        int64_t n;
        if (!index_ssize(vm, x, n))
            return false;
        if (n < 0) {
            (void)raise(vm, exc::ValueError, "negative count");
            return false;
        }
        if (zeros) {
            *zeros = static_cast<size_t>(n);
            return true;
        }
        if (!check_alloc_size(vm, static_cast<uint64_t>(n)) || !vm.heap.reserve_buffer(out, static_cast<size_t>(n)))
            return false;
        out.assign(static_cast<size_t>(n), '\0');
        return true;
    }
    return bytes_from_iterable_named(vm, x, out, name);
}

bool parse_fromhex(VM& vm, std::string_view text, std::string& out)
{
    auto hexval = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == '\v' || text[i] == '\f') {
            ++i;
            continue;
        }
        int hi = hexval(text[i]);
        if (hi < 0) {
            (void)raise_fmt(vm, exc::ValueError, "non-hexadecimal number found in fromhex() arg at position %zu", utf8_count(text.substr(0, i)));
            return false;
        }
        int lo = i + 1 < text.size() ? hexval(text[i + 1]) : -1;
        if (lo < 0) {
            (void)raise_fmt(vm, exc::ValueError, "non-hexadecimal number found in fromhex() arg at position %zu", utf8_count(text.substr(0, i + 1)));
            return false;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return true;
}

namespace {

Value bytes_dunder_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* cls = new_cls_arg(vm, types.bytes, args, nargs);
    if (!cls)
        return Value::null();
    Value out[3];
    if (!parse_args(vm, "bytes", args + 1, nargs - 1, kwnames, { "source", "encoding", "errors" }, 0, out))
        return Value::null();
    Value result;
    if (!out[0].is_null() && out[1].is_null() && out[2].is_null() && out[0].is_object() &&
        out[0].as_object()->type == types.bytes)
        result = out[0];
    else {
        std::string data;
        size_t zeros = 0;
        if (!bytes_constructor_data(vm, "bytes", out[0], out[1], out[2], data, &zeros))
            return Value::null();
        if (zeros) {
            // The heap hands out zeroed memory.
            result = TRY(Value::from_object(bytes_alloc(vm, zeros)));
        } else {
            result = TRY(Value::from_object(bytes_new(vm, data)));
        }
    }
    if (cls == types.bytes)
        return result;
    return box_value(vm, cls, result);
}

Value bytes_dunder_hash(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, "__hash__", nargs - 1, kwnames, 0))
        return Value::null();
    Bytes* b = as_bytes(args[0]);
    if (!b)
        return raise(vm, exc::TypeError, "descriptor '__hash__' requires a 'bytes' object");
    return int_from_i64(vm, bytes_hash(b));
}

} // namespace

int64_t bytes_hash(Bytes* b)
{
    if (b->hash_cache == -1)
        b->hash_cache = hash_bytes(b->data, b->size); // as str's: hash(b'abc') == hash('abc')
    return b->hash_cache;
}

namespace {

Value bytes_fromhex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "bytes", "fromhex", nargs - 1, kwnames, 1, 1))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "fromhex() argument must be str, not %s", arg_type_name(args[1]));
    std::string data;
    if (!parse_fromhex(vm, s->view(), data))
        return Value::null();
    Value r = Value::from_object(bytes_new(vm, data));
    if (args[0].is_object() && args[0].as_object() != types.bytes)
        return call1(vm, args[0], r);
    return r;
}

Value bytes_getnewargs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "bytes", "__getnewargs__", nargs - 1, kwnames, 0, 0))
        return Value::null();
    Bytes* b = as_bytes(args[0]);
    return Value::from_object(tuple_pack(vm, { Value::from_object(bytes_new(vm, b->view())) }));
}

Value bytes_dunder_bytes(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!method_nargs(vm, "bytes", "__bytes__", nargs - 1, kwnames, 0, 0))
        return Value::null();
    Bytes* b = as_bytes(args[0]);
    if (args[0].is_object() && args[0].as_object()->type == types.bytes)
        return args[0];
    return Value::from_object(bytes_new(vm, b->view()));
}

} // namespace

void setup_bytes(VM& vm)
{
    types.bytes->basicsize = sizeof(Bytes);
    add_methods(vm, types.bytes, {
        { "__new__", bytes_dunder_new, METH_STATIC },
        { "__hash__", bytes_dunder_hash },
        { "__getnewargs__", bytes_getnewargs },
        { "__bytes__", bytes_dunder_bytes },
        { "fromhex", bytes_fromhex, METH_CLASS },
    });
    add_bytes_common_methods(vm, types.bytes);
    setup_bytearray(vm);
    setup_memoryview(vm);
}

} // namespace slpy
