// marshal: what the library uses it for. Plain data (None, bools, Ellipsis, StopIteration,
// int, float, complex, str, bytes, tuple, list, dict, set, frozenset) in CPython's marshal
// format (version 4 type codes; back-references are read, never written), and code objects as
// slpy's own serialized form (stackless/compiler/code_serial.h, which begins "SLPC": an
// unambiguous marker, since 'S' is StopIteration and 'L' no CPython type code). So
// importlib's .pyc writer (header + marshal.dumps(code)) produces exactly the files of
// slpy's bytecode cache, and reads them back.
//
// loads() treats its input as hostile: every length is checked, nesting is bounded, and
// code goes through load_code()'s verifier.
#include "stackless/imports/imports.h"

#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/string.h"
#include "stackless/compiler/code_serial.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/specialize.h"

#include <cstring>
#include <set>

namespace slpy {

namespace {

constexpr int kMarshalVersion = 4;
constexpr int kMaxDepth = 2000;

// ------------------------------------------------------------------ code objects

bool const_from_value(VM& vm, Value v, compiler::ConstValue& out, int depth);

std::shared_ptr<compiler::CodeUnit> unit_from_code(VM& vm, Code const* c, int depth)
{
    auto u = std::make_shared<compiler::CodeUnit>();
    u->name = c->name->view();
    u->qualname = c->qualname->view();
    u->filename = c->filename->view();
    u->firstlineno = c->firstlineno;
    u->argcount = int(c->argcount);
    u->posonlyargcount = int(c->posonlyargcount);
    u->kwonlyargcount = int(c->kwonlyargcount);
    u->stacksize = int(c->stacksize);
    u->flags = c->flags;
    for (size_t i = 0; i < c->localsplusnames->size; ++i)
        u->localsplusnames.emplace_back(as_str(c->localsplusnames->items[i])->view());
    for (uint32_t i = 0; i < c->nlocalsplus; ++i)
        u->localspluskinds.push_back(c->local_kind(i));
    for (size_t i = 0; i < c->names->size; ++i)
        u->names.emplace_back(as_str(c->names->items[i])->view());
    for (size_t i = 0; i < c->consts->size; ++i) {
        compiler::ConstValue cv;
        if (!const_from_value(vm, c->consts->items[i], cv, depth + 1))
            return nullptr;
        u->consts.push_back(std::move(cv));
    }
    u->code = specialize_code_view(c); // families, un-warmed (stackless/vm/specialize.h)
    u->locations.assign(c->location_table(), c->location_table() + c->ncode);
    if (c->nexceptions)
        u->exception_table.assign(c->exception_entries(), c->exception_entries() + c->nexceptions);
    return u;
}

bool const_from_value(VM& vm, Value v, compiler::ConstValue& out, int depth)
{
    using K = compiler::ConstValue::Kind;
    if (depth > kMaxDepth) {
        raise(vm, exc::ValueError, "object too deeply nested to marshal");
        return false;
    }
    if (is_none(v)) {
        out.kind = K::None;
    } else if (v.is(py_true())) {
        out.kind = K::True;
    } else if (v.is(py_false())) {
        out.kind = K::False;
    } else if (v.is(py_ellipsis())) {
        out.kind = K::Ellipsis;
    } else if (v.is_int() && type_of(v) == types.int_) {
        out.kind = K::Int;
        out.i = v.as_int();
    } else if (type_of(v) == types.int_) {
        out.kind = K::Int;
        out.big = int_to_decimal(v);
    } else if (v.is_double()) {
        out.kind = K::Float;
        out.f = v.as_double();
    } else if (type_of(v) == types.complex) {
        out.kind = K::Complex;
        out.re = v.as<Complex>()->real;
        out.f = v.as<Complex>()->imag;
    } else if (type_of(v) == types.str) {
        out.kind = K::Str;
        out.s = as_str(v)->view();
    } else if (type_of(v) == types.bytes) {
        out.kind = K::Bytes;
        out.s = as_bytes(v)->view();
    } else if (type_of(v) == types.tuple) {
        out.kind = K::Tuple;
        Tuple* t = as_tuple(v);
        out.items.resize(t->size);
        for (size_t i = 0; i < t->size; ++i)
            if (!const_from_value(vm, t->items[i], out.items[i], depth + 1))
                return false;
    } else if (type_of(v) == types.frozenset) {
        out.kind = K::FrozenSet;
        SetObject* so = as_frozenset(v);
        int64_t pos = 0, h;
        Value key;
        while (set_next(so, pos, key, h)) {
            out.items.emplace_back();
            if (!const_from_value(vm, key, out.items.back(), depth + 1))
                return false;
        }
    } else if (type_of(v) == types.code) {
        out.kind = K::Code;
        out.code = unit_from_code(vm, v.as<Code>(), depth);
        if (!out.code)
            return false;
    } else {
        raise(vm, exc::ValueError, "unmarshallable object");
        return false;
    }
    return true;
}

// ------------------------------------------------------------------ writing

class Writer {
public:
    explicit Writer(VM& vm)
        : m_vm(vm)
    {
    }
    std::string out;

    void u8(uint8_t b) { out.push_back(char(b)); }
    void u32(uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            out.push_back(char((v >> (8 * i)) & 0xff));
    }
    void f64(double d)
    {
        uint64_t bits;
        std::memcpy(&bits, &d, 8);
        for (int i = 0; i < 8; ++i)
            out.push_back(char((bits >> (8 * i)) & 0xff));
    }
    bool sized(size_t n)
    {
        if (n > 0x7fffffff) {
            raise(m_vm, exc::ValueError, "unmarshallable object");
            return false;
        }
        u32(uint32_t(n));
        return true;
    }

    bool value(Value v, int depth)
    {
        if (depth > kMaxDepth) {
            raise(m_vm, exc::ValueError, "object too deeply nested to marshal");
            return false;
        }
        TypeObject* t = type_of(v);
        if (is_none(v)) {
            u8('N');
        } else if (v.is(py_true())) {
            u8('T');
        } else if (v.is(py_false())) {
            u8('F');
        } else if (v.is(py_ellipsis())) {
            u8('.');
        } else if (v.is(Value::from_object(exc::StopIteration))) {
            u8('S');
        } else if (t == types.int_) {
            int64_t i;
            if (v.is_int() && int_to_i64(v, i) && i >= INT32_MIN && i <= INT32_MAX) {
                u8('i');
                u32(uint32_t(int32_t(i)));
            } else {
                // TYPE_LONG: signed count of 15-bit digits, least significant first.
                MpzView z(v);
                Mpz a;
                mpz_abs(a, z.get());
                std::vector<uint16_t> digits;
                while (mpz_sgn(a.z) != 0) {
                    digits.push_back(uint16_t(mpz_fdiv_ui(a, 1u << 15)));
                    mpz_fdiv_q_2exp(a, a, 15);
                }
                u8('l');
                int32_t n = int32_t(digits.size());
                u32(uint32_t(mpz_sgn(z.get()) < 0 ? -n : n));
                for (uint16_t d : digits) {
                    u8(uint8_t(d & 0xff));
                    u8(uint8_t(d >> 8));
                }
            }
        } else if (v.is_double()) {
            u8('g');
            f64(v.as_double());
        } else if (t == types.complex) {
            u8('y');
            f64(v.as<Complex>()->real);
            f64(v.as<Complex>()->imag);
        } else if (t == types.str) {
            std::string_view s = as_str(v)->view();
            bool ascii = true;
            for (unsigned char c : s)
                ascii = ascii && c < 0x80;
            if (ascii && s.size() < 256) {
                u8('z');
                u8(uint8_t(s.size()));
            } else {
                u8(ascii ? 'a' : 'u');
                if (!sized(s.size()))
                    return false;
            }
            out += s;
        } else if (t == types.bytes) {
            std::string_view s = as_bytes(v)->view();
            u8('s');
            if (!sized(s.size()))
                return false;
            out += s;
        } else if (t == types.tuple) {
            Tuple* tu = as_tuple(v);
            if (tu->size < 256) {
                u8(')');
                u8(uint8_t(tu->size));
            } else {
                u8('(');
                if (!sized(tu->size))
                    return false;
            }
            for (size_t i = 0; i < tu->size; ++i)
                if (!value(tu->items[i], depth + 1))
                    return false;
        } else if (t == types.list) {
            List* l = as_list(v);
            u8('[');
            if (!sized(l->size))
                return false;
            for (size_t i = 0; i < l->size; ++i)
                if (!value(l->items()[i], depth + 1))
                    return false;
        } else if (t == types.dict) {
            Dict* d = as_dict(v);
            u8('{');
            size_t pos = 0;
            Value k, val;
            while (dict_next(d, pos, k, val))
                if (!value(k, depth + 1) || !value(val, depth + 1))
                    return false;
            u8('0');
        } else if (t == types.set || t == types.frozenset) {
            SetObject* so = as_anyset(v);
            u8(t == types.set ? '<' : '>');
            std::vector<Value> items;
            int64_t pos = 0, h;
            Value key;
            while (set_next(so, pos, key, h))
                items.push_back(key);
            if (!sized(items.size()))
                return false;
            for (Value const& item : items)
                if (!value(item, depth + 1))
                    return false;
        } else if (t == types.code) {
            auto unit = unit_from_code(m_vm, v.as<Code>(), depth);
            if (!unit)
                return false;
            out += compiler::serialize_code(*unit);
        } else {
            raise(m_vm, exc::ValueError, "unmarshallable object");
            return false;
        }
        return true;
    }

private:
    VM& m_vm;
};

// ------------------------------------------------------------------ reading

class Reader {
public:
    Reader(VM& vm, std::string_view data)
        : m_vm(vm)
        , m_data(data)
    {
    }
    size_t pos = 0;

    Value bad(char const* what = "bad marshal data") { return raise(m_vm, exc::ValueError, what); }
    // No type code where an object should start / the object's own bytes cut short.
    Value eof() { return raise(m_vm, exc::EOFError, "EOF read where object expected"); }
    Value too_short() { return raise(m_vm, exc::EOFError, "marshal data too short"); }
    size_t left() const { return m_data.size() - pos; }
    bool take(size_t n, std::string_view& out)
    {
        if (left() < n)
            return false;
        out = m_data.substr(pos, n);
        pos += n;
        return true;
    }
    bool u32(uint32_t& v)
    {
        std::string_view b;
        if (!take(4, b))
            return false;
        v = 0;
        for (int i = 0; i < 4; ++i)
            v |= uint32_t(uint8_t(b[size_t(i)])) << (8 * i);
        return true;
    }
    bool f64(double& d)
    {
        std::string_view b;
        if (!take(8, b))
            return false;
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits |= uint64_t(uint8_t(b[size_t(i)])) << (8 * i);
        std::memcpy(&d, &bits, 8);
        return true;
    }
    // A size prefix no larger than the bytes left divided by `min_item`.
    bool size(uint32_t& n, size_t min_item)
    {
        if (!u32(n))
            return false;
        // A count larger than the bytes left is not refused here: reading the items runs
        // out of data as in CPython (with its messages). Nothing is allocated up front.
        (void)min_item;
        if (n > 0x7fffffff) {
            m_size_error = true;
            return false;
        }
        return true;
    }

    Value value(int depth)
    {
        if (depth > kMaxDepth)
            return bad("recursion limit exceeded");
        if (left() < 1)
            return eof();
        // slpy code: the serializer's self-delimiting form.
        if (left() >= 4 && m_data.compare(pos, 4, "SLPC") == 0) {
            size_t consumed = 0;
            std::string why;
            auto unit = compiler::deserialize_code_prefix(m_data.substr(pos), &consumed, &why);
            if (!unit)
                return bad(("bad marshal data (" + why + ")").c_str());
            pos += consumed;
            return load_code(m_vm, *unit);
        }
        uint8_t code = uint8_t(m_data[pos++]);
        if (code == 'r') {
            // A back-reference to an object read earlier with FLAG_REF.
            uint32_t index;
            if (!u32(index))
                return too_short();
            if (index >= m_refs->size || m_reserved.count(index))
                return bad("bad marshal data (invalid reference)");
            return m_refs->items()[index];
        }
        if (!(code & 0x80))
            return body(code, depth);
        // FLAG_REF (CPython's writer sets it on shared objects): the object gets the next
        // reference index, reserved before its contents are read.
        size_t index = m_refs->size;
        if (!list_append(m_vm, m_refs, py_none()))
            return Value::null();
        m_reserved.insert(index);
        Value v = body(uint8_t(code & 0x7f), depth);
        if (v.is_null())
            return v;
        m_reserved.erase(index);
        m_refs->items()[index] = v;
        return v;
    }

    Value body(uint8_t code, int depth)
    {
        switch (code) {
        case 'N': return py_none();
        case 'T': return py_true();
        case 'F': return py_false();
        case '.': return py_ellipsis();
        case 'S': return Value::from_object(exc::StopIteration);
        case 'i': {
            uint32_t v;
            if (!u32(v))
                return too_short();
            return Value::small_int(int32_t(v));
        }
        case 'l': {
            uint32_t raw;
            if (!u32(raw))
                return too_short();
            int32_t n = int32_t(raw);
            uint32_t count = n < 0 ? uint32_t(-int64_t(n)) : uint32_t(n);
            if (count > left() / 2)
                return too_short();
            Mpz z;
            for (uint32_t i = count; i-- > 0;) {
                unsigned d = unsigned(uint8_t(m_data[pos + 2 * i])) | (unsigned(uint8_t(m_data[pos + 2 * i + 1])) << 8);
                if (d >= (1u << 15))
                    return bad("bad marshal data (digit out of range in long)");
                mpz_mul_2exp(z, z, 15);
                mpz_add_ui(z, z, d);
            }
            pos += 2 * size_t(count);
            if (n < 0)
                mpz_neg(z, z);
            return int_from_mpz(m_vm, z);
        }
        case 'g': {
            double d;
            if (!f64(d))
                return too_short();
            return Value::from_double(d);
        }
        case 'y': {
            double re, im;
            if (!f64(re) || !f64(im))
                return too_short();
            return complex_new(m_vm, re, im);
        }
        case 's': {
            uint32_t n;
            std::string_view b;
            if (!size(n, 1) || !take(n, b))
                return too_short();
            Bytes* r = bytes_new(m_vm, b);
            return r ? Value::from_object(r) : Value::null();
        }
        case 'z': case 'Z': case 'a': case 'A': case 'u': case 't': {
            uint32_t n;
            if (code == 'z' || code == 'Z') {
                std::string_view b;
                if (!take(1, b))
                    return too_short();
                n = uint8_t(b[0]);
            } else if (!size(n, 1)) {
                return too_short();
            }
            std::string_view b;
            if (!take(n, b))
                return too_short();
            if (code == 'u' || code == 't') {
                if (utf8_validate(b) != std::string_view::npos)
                    return raise(m_vm, exc::UnicodeDecodeError, "'utf-8' codec can't decode bytes in marshal data");
            } else {
                for (unsigned char c : b)
                    if (c >= 0x80)
                        return bad("bad marshal data (non-ASCII in an ASCII string)");
            }
            return str_value(m_vm, b);
        }
        case ')': case '(': case '[': case '<': case '>': {
            uint32_t n;
            if (code == ')') {
                std::string_view b;
                if (!take(1, b))
                    return too_short();
                n = uint8_t(b[0]);
            } else if (!size(n, 1)) {
                return m_size_error ? bad("bad marshal data (size out of range)") : eof();
            }
            List* items = list_new(m_vm);
            if (!items)
                return Value::null();
            for (uint32_t i = 0; i < n; ++i) {
                Value item = value(depth + 1);
                if (item.is_null() || !list_append(m_vm, items, item))
                    return Value::null();
            }
            if (code == '[')
                return Value::from_object(items);
            if (code == '<')
                return set_new(m_vm, Value::from_object(items));
            if (code == '>')
                return frozenset_new(m_vm, Value::from_object(items));
            Tuple* t = tuple_from_array(m_vm, items->items(), items->size);
            return t ? Value::from_object(t) : Value::null();
        }
        case '{': {
            Dict* d = dict_new(m_vm);
            if (!d)
                return Value::null();
            for (;;) {
                if (left() < 1)
                    return eof();
                if (m_data[pos] == '0') {
                    ++pos;
                    return Value::from_object(d);
                }
                Value k = value(depth + 1);
                if (k.is_null())
                    return k;
                Value v = value(depth + 1);
                if (v.is_null() || !dict_set(m_vm, d, k, v))
                    return Value::null();
            }
        }
        default:
            return bad("bad marshal data (unknown type code)");
        }
    }

    bool init_refs()
    {
        m_refs = list_new(m_vm);
        return m_refs != nullptr;
    }

private:
    VM& m_vm;
    std::string_view m_data;
    bool m_size_error = false;
    List* m_refs = nullptr;         // objects read with FLAG_REF (a list: traced by the GC)
    std::set<size_t> m_reserved;    // indices whose object is still being read
};

bool version_arg(VM& vm, Value v)
{
    if (v.is_null())
        return true;
    int64_t n;
    return index_i64(vm, v, n);
}

Value marshal_dumps(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "dumps", args, nargs, kwnames, { "value", "version" }, 1, a, 2) || !version_arg(vm, a[1]))
        return Value::null();
    Writer w(vm);
    if (!w.value(a[0], 0))
        return Value::null();
    Bytes* b = bytes_new(vm, w.out);
    return b ? Value::from_object(b) : Value::null();
}

// The bytes of a bytes-like argument.
bool buffer_arg(VM& vm, Value v, std::string& out)
{
    if (Bytes* b = as_bytes(v)) {
        out.assign(b->view());
        return true;
    }
    if (type_of(v) == types.bytearray || type_of(v) == types.memoryview) {
        Value copy = call1(vm, Value::from_object(types.bytes), v);
        if (copy.is_null())
            return false;
        out.assign(as_bytes(copy)->view());
        return true;
    }
    raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

Value marshal_loads(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "loads", args, nargs, kwnames, { "bytes" }, 1, a, 1))
        return Value::null();
    std::string data;
    if (!buffer_arg(vm, a[0], data))
        return Value::null();
    Reader r(vm, data);
    if (!r.init_refs())
        return Value::null();
    return r.value(0);
}

Value marshal_dump(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "dump", args, nargs, kwnames, { "value", "file", "version" }, 2, a, 3) || !version_arg(vm, a[2]))
        return Value::null();
    Value dumped = TRY(marshal_dumps(vm, a, 1, nullptr));
    TRY(call_method(vm, a[1], names.write, &dumped, 1));
    return py_none();
}

// load(file): reads the rest of the file (marshal data does not say its own length
// for every type without parsing it) and leaves the position after the object.
Value marshal_load(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "load", args, nargs, kwnames, { "file" }, 1, a, 1))
        return Value::null();
    Value data = TRY(call_method(vm, a[0], names.read, nullptr, 0));
    std::string buf;
    if (!buffer_arg(vm, data, buf))
        return Value::null();
    Reader r(vm, buf);
    if (!r.init_refs())
        return Value::null();
    Value v = TRY(r.value(0));
    size_t unread = buf.size() - r.pos;
    if (unread) {
        String* seek = intern(vm, "seek");
        Value sargs[2] = { int_from_i64(vm, -int64_t(unread)), Value::small_int(1) };
        TRY(call_method(vm, a[0], seek, sargs, 2));
    }
    return v;
}

} // namespace

Module* make_marshal_module(VM& vm)
{
    Module* m = module_new(vm, "marshal");
    module_add_functions(vm, m, {
        { "dumps", marshal_dumps },
        { "loads", marshal_loads },
        { "dump", marshal_dump },
        { "load", marshal_load },
    });
    module_add(vm, m, "version", Value::small_int(kMarshalVersion));
    return m;
}

} // namespace slpy
