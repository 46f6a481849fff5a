// _pickle.Unpickler: every opcode of protocols 0-5, with the errors of CPython 3.11's C
// unpickler. The loop is flat (a stack and a list of marks), so nesting depth costs no
// C stack.
//
// Input is read from a bytes-like object (loads) or from a file: a file is asked for
// exactly what each opcode needs (a whole frame at a time under protocol 4+), so the
// file is left just after the pickle's STOP.
#include "stackless/modules/pickle/pickle_internal.h"

#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/imports/imports.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace slpy::pickle {

namespace {

#define SLPY_U_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

Unpickler* self_unpickler(Value v) { return static_cast<Unpickler*>(v.as_object()); }

Value raise_unpickling(VM& vm, char const* msg) { return raise(vm, state(vm).unpickling_error, msg); }

// ------------------------------------------------------------------ input

// n bytes at the read position, asking the file for what is missing; null with
// "pickle data was truncated" (UnpicklingError) when the input ends first.
unsigned char const* read(VM& vm, Unpickler* u, size_t n)
{
    if (u->len - u->pos >= n) {
        unsigned char const* r = u->data + u->pos;
        u->pos += n;
        return r;
    }
    if (u->read.is_null()) {
        raise_unpickling(vm, "pickle data was truncated");
        return nullptr;
    }
    size_t have = u->len - u->pos;
    std::string& buf = *u->buf;
    // Keep the unread tail, then append what the file gives.
    std::string tail(reinterpret_cast<char const*>(u->data + u->pos), have);
    Value want = int_from_u64(vm, n - have);
    if (want.is_null())
        return nullptr;
    Value data = call1(vm, u->read, want);
    if (data.is_null())
        return nullptr;
    Bytes* b = as_bytes(data);
    if (!b) {
        raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%.200s'", type_name(data));
        return nullptr;
    }
    if (!vm.heap.assign_buffer(buf, tail) || !vm.heap.append_buffer(buf, b->view()))
        return nullptr;
    u->data = reinterpret_cast<unsigned char const*>(buf.data());
    u->len = buf.size();
    u->pos = 0;
    u->input = Value::null();
    if (u->len < n) {
        u->pos = u->len;
        raise_unpickling(vm, "pickle data was truncated");
        return nullptr;
    }
    u->pos = n;
    return u->data;
}

// A line up to and including '\n' (the length counts it); null with the truncation
// error when there is none.
unsigned char const* readline(VM& vm, Unpickler* u, size_t& n)
{
    void const* nl = std::memchr(u->data + u->pos, '\n', u->len - u->pos);
    if (nl) {
        unsigned char const* r = u->data + u->pos;
        n = size_t(static_cast<unsigned char const*>(nl) - r) + 1;
        u->pos += n;
        return r;
    }
    if (u->read.is_null()) {
        raise_unpickling(vm, "pickle data was truncated");
        return nullptr;
    }
    std::string tail(reinterpret_cast<char const*>(u->data + u->pos), u->len - u->pos);
    Value line = call0(vm, u->readline);
    if (line.is_null())
        return nullptr;
    Bytes* b = as_bytes(line);
    if (!b) {
        raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%.200s'", type_name(line));
        return nullptr;
    }
    std::string& buf = *u->buf;
    if (!vm.heap.assign_buffer(buf, tail) || !vm.heap.append_buffer(buf, b->view()))
        return nullptr;
    u->data = reinterpret_cast<unsigned char const*>(buf.data());
    u->len = buf.size();
    u->input = Value::null();
    if (buf.empty() || buf.back() != '\n') {
        u->pos = u->len;
        raise_unpickling(vm, "pickle data was truncated");
        return nullptr;
    }
    u->pos = u->len;
    n = u->len;
    return u->data;
}

uint64_t get_le(unsigned char const* s, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = (v << 8) | s[i];
    return v;
}

// ------------------------------------------------------------------ stack

size_t fence(Unpickler* u) { return u->marks->empty() ? 0 : u->marks->back(); }

Value stack_underflow(VM& vm, Unpickler* u)
{
    return raise_unpickling(vm, u->marks->empty() ? "unpickling stack underflow" : "unexpected MARK found");
}

inline bool push(VM& vm, Unpickler* u, Value v) { return list_append(vm, u->stack, v); }

Value pop(VM& vm, Unpickler* u)
{
    if (u->stack->size <= fence(u))
        return stack_underflow(vm, u);
    return u->stack->items()[--u->stack->size];
}

// The index of the topmost MARK, popped; false with "could not find MARK".
bool marker(VM& vm, Unpickler* u, size_t& out)
{
    if (u->marks->empty()) {
        raise_unpickling(vm, "could not find MARK");
        return false;
    }
    out = u->marks->back();
    u->marks->pop_back();
    return true;
}

// The items from `start` to the top, as a tuple, popped.
Tuple* pop_tuple(VM& vm, Unpickler* u, size_t start)
{
    Tuple* t = tuple_from_array(vm, u->stack->items() + start, u->stack->size - start);
    if (t)
        u->stack->size = start;
    return t;
}

List* pop_list(VM& vm, Unpickler* u, size_t start)
{
    List* l = list_from_array(vm, u->stack->items() + start, u->stack->size - start);
    if (l)
        u->stack->size = start;
    return l;
}

// ------------------------------------------------------------------ memo

bool memo_put(VM& vm, Unpickler* u, size_t idx, Value v)
{
    List* m = u->memo;
    if (idx >= m->size) {
        // Grown geometrically: MEMOIZE puts one index past the end at a time.
        if (idx >= m->capacity() && !list_reserve(vm, m, std::max(idx + 1, m->capacity() * 2)))
            return false;
        while (m->size <= idx)
            m->items()[m->size++] = Value::null();
    }
    if (m->items()[idx].is_null())
        ++u->memo_len;
    m->items()[idx] = v;
    return true;
}

Value memo_get(VM& vm, Unpickler* u, size_t idx)
{
    if (idx < u->memo->size && !u->memo->items()[idx].is_null())
        return u->memo->items()[idx];
    return raise_fmt(vm, state(vm).unpickling_error, "Memo value not found at index %zu", idx);
}

// ------------------------------------------------------------------ helpers

// The line without its newline, as text.
std::string_view line_text(unsigned char const* s, size_t n) { return { reinterpret_cast<char const*>(s), n - 1 }; }

Value decode_string(VM& vm, Unpickler* u, std::string_view raw)
{
    Bytes* b = bytes_new(vm, raw);
    if (!b)
        return Value::null();
    if (is_str(u->encoding) && as_str(u->encoding)->view() == "bytes")
        return Value::from_object(b);
    Value a[2] = { u->encoding, u->errors };
    return call_method(vm, Value::from_object(b), intern(vm, "decode"), a, 2);
}

Value find_class(VM& vm, Unpickler* u, Value module_name, Value global_name);

Value call_find_class(VM& vm, Unpickler* u, Value module_name, Value global_name)
{
    if (type_of(Value::from_object(u)) == state(vm).unpickler_type)
        return find_class(vm, u, module_name, global_name);
    Value a[2] = { module_name, global_name };
    return call_method(vm, Value::from_object(u), intern(vm, "find_class"), a, 2);
}

Value instantiate(VM& vm, Value cls, Tuple* args)
{
    if (args->size == 0 && is_instance_fast(cls, types.type)) {
        Value f = getattr_opt(vm, cls, intern(vm, "__getinitargs__"));
        if (f.is_null())
            return f;
        if (f.is_not_found())
            return call_method(vm, cls, intern(vm, "__new__"), &cls, 1);
    }
    return call(vm, cls, args->items, args->size);
}

// A decimal or 0x/0o/0b literal as strtol with base 0 reads it (protocol 0's INT).
Value parse_int_line(VM& vm, std::string_view s, bool& small_bool)
{
    small_bool = false;
    std::string text(s);
    errno = 0;
    char* end = nullptr;
    long long x = std::strtoll(text.c_str(), &end, 0);
    if (errno || (*end != '\0')) {
        Value v = int_from_string(vm, text, 0);
        if (v.is_null()) {
            vm.clear_error();
            return raise(vm, exc::ValueError, "could not convert string to int");
        }
        return v;
    }
    if (s.size() == 2 && (x == 0 || x == 1)) {
        small_bool = true;
        return py_bool(x == 1);
    }
    return int_from_i64(vm, x);
}

Value decode_long(VM& vm, std::string_view d)
{
    if (d.empty())
        return Value::small_int(0);
    Bytes* b = bytes_new(vm, d);
    if (!b)
        return Value::null();
    Value lit = TRY(str_value(vm, "little"));
    Tuple* kw = tuple_pack(vm, { Value::from_object(intern(vm, "signed")) });
    if (!kw)
        return Value::null();
    Value a[3] = { Value::from_object(b), lit, py_true() };
    return call_method(vm, Value::from_object(types.int_), intern(vm, "from_bytes"), a, 2, kw);
}

bool load_build(VM& vm, Unpickler* u)
{
    Value st = TRY_BOOL(pop(vm, u));
    if (u->stack->size <= fence(u))
        return !stack_underflow(vm, u).is_null();
    Value inst = u->stack->items()[u->stack->size - 1];
    Value setstate = getattr_opt(vm, inst, intern(vm, "__setstate__"));
    if (setstate.is_null())
        return false;
    if (!setstate.is_not_found())
        return !call1(vm, setstate, st).is_null();
    Value slotstate = Value::null();
    if (Tuple* t = as_tuple(st); t && type_of(st) == types.tuple && t->size == 2) {
        slotstate = t->items[1];
        st = t->items[0];
    }
    if (!is_none(st)) {
        if (!as_dict(st))
            return !raise_unpickling(vm, "state is not a dictionary").is_null();
        Value dict = TRY_BOOL(getattr(vm, inst, intern(vm, "__dict__")));
        size_t pos = 0;
        Value k, v;
        Dict* sd = as_dict(st);
        while (dict_next(sd, pos, k, v)) {
            if (String* ks = as_str(k); ks && type_of(k) == types.str)
                k = Value::from_object(intern(vm, ks));
            if (!setitem(vm, dict, k, v))
                return false;
        }
    }
    if (!slotstate.is_null() && !is_none(slotstate)) {
        Dict* sd = as_dict(slotstate);
        if (!sd)
            return !raise_unpickling(vm, "slot state is not a dictionary").is_null();
        size_t pos = 0;
        Value k, v;
        while (dict_next(sd, pos, k, v)) {
            if (!is_str(k)) {
                raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%.200s'", type_name(k));
                return false;
            }
            if (!setattr(vm, inst, as_str(k), v))
                return false;
        }
    }
    return true;
}

bool load_newobj(VM& vm, Unpickler* u, bool use_kwargs)
{
    char const* op = use_kwargs ? "NEWOBJ_EX" : "NEWOBJ";
    Value kwargs;
    if (use_kwargs)
        kwargs = TRY_BOOL(pop(vm, u));
    Value a = TRY_BOOL(pop(vm, u));
    Value cls = TRY_BOOL(pop(vm, u));
    State& st = state(vm);
    if (!is_instance_fast(cls, types.type)) {
        raise_fmt(vm, st.unpickling_error, "%s class argument must be a type, not %.200s", op, type_name(cls));
        return false;
    }
    if (!as_tuple(a)) {
        raise_fmt(vm, st.unpickling_error, "%s args argument must be a tuple, not %.200s", op, type_name(a));
        return false;
    }
    if (use_kwargs && !as_dict(kwargs)) {
        raise_fmt(vm, st.unpickling_error, "%s kwargs argument must be a dict, not %.200s", op, type_name(kwargs));
        return false;
    }
    Value new_fn = TRY_BOOL(getattr(vm, cls, intern(vm, "__new__")));
    Tuple* at = as_tuple(a);
    Tuple* full = tuple_new(vm, at->size + 1);
    if (!full)
        return false;
    full->items[0] = cls;
    for (size_t i = 0; i < at->size; ++i)
        full->items[i + 1] = at->items[i];
    Value obj = TRY_BOOL(call_with_kwargs(vm, new_fn, full->items, full->size, use_kwargs ? kwargs : Value::null()));
    return push(vm, u, obj);
}

bool load_extension(VM& vm, Unpickler* u, int64_t code)
{
    State& st = state(vm);
    if (!load_library(vm, st))
        return false;
    Value key = TRY_BOOL(int_from_i64(vm, code));
    Value obj = dict_get(vm, as_dict(st.extension_cache), key);
    if (obj.is_null())
        return false;
    if (!obj.is_not_found())
        return push(vm, u, obj);
    Value pair = dict_get(vm, as_dict(st.inverted_registry), key);
    if (pair.is_null())
        return false;
    if (pair.is_not_found()) {
        raise_fmt(vm, exc::ValueError, "unregistered extension code %lld", (long long)code);
        return false;
    }
    Tuple* t = as_tuple(pair);
    if (!t || type_of(pair) != types.tuple || t->size != 2 || !is_str(t->items[0]) || !is_str(t->items[1])) {
        raise_fmt(vm, exc::ValueError, "_inverted_registry[%lld] isn't a 2-tuple of strings", (long long)code);
        return false;
    }
    obj = TRY_BOOL(call_find_class(vm, u, t->items[0], t->items[1]));
    if (!dict_set(vm, as_dict(st.extension_cache), key, obj))
        return false;
    return push(vm, u, obj);
}

bool load_persid(VM& vm, Unpickler* u, Value pid)
{
    if (u->pers_func.is_null())
        return !raise_unpickling(vm, "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.").is_null();
    Value obj = TRY_BOOL(call1(vm, u->pers_func, pid));
    return push(vm, u, obj);
}

// Items from `start` up appended to the list below them (APPEND/APPENDS).
bool do_append(VM& vm, Unpickler* u, size_t start)
{
    if (start <= fence(u) || start > u->stack->size)
        return !stack_underflow(vm, u).is_null();
    if (start == u->stack->size)
        return true;
    Value target = u->stack->items()[start - 1];
    if (type_of(target) == types.list) {
        List* l = as_list(target);
        for (size_t i = start; i < u->stack->size; ++i)
            if (!list_append(vm, l, u->stack->items()[i]))
                return false;
        u->stack->size = start;
        return true;
    }
    List* items = pop_list(vm, u, start);
    if (!items)
        return false;
    Value extend = getattr_opt(vm, target, intern(vm, "extend"));
    if (extend.is_null())
        return false;
    if (!extend.is_not_found())
        return !call1(vm, extend, Value::from_object(items)).is_null();
    Value append = TRY_BOOL(getattr(vm, target, intern(vm, "append")));
    for (size_t i = 0; i < items->size; ++i)
        if (call1(vm, append, items->items()[i]).is_null())
            return false;
    return true;
}

bool do_setitems(VM& vm, Unpickler* u, size_t start)
{
    if (start <= fence(u) || start > u->stack->size)
        return !stack_underflow(vm, u).is_null();
    if ((u->stack->size - start) % 2 != 0)
        return !raise_unpickling(vm, "odd number of items for SETITEMS").is_null();
    Value target = u->stack->items()[start - 1];
    for (size_t i = start; i + 1 < u->stack->size; i += 2)
        if (!setitem(vm, target, u->stack->items()[i], u->stack->items()[i + 1]))
            return false;
    u->stack->size = start;
    return true;
}

bool do_additems(VM& vm, Unpickler* u, size_t start)
{
    if (start <= fence(u) || start > u->stack->size)
        return !stack_underflow(vm, u).is_null();
    Value target = u->stack->items()[start - 1];
    if (type_of(target) == types.set) {
        SetObject* so = as_set(target);
        for (size_t i = start; i < u->stack->size; ++i)
            if (!set_add(vm, so, u->stack->items()[i]))
                return false;
        u->stack->size = start;
        return true;
    }
    List* items = pop_list(vm, u, start);
    if (!items)
        return false;
    Value add = TRY_BOOL(getattr(vm, target, intern(vm, "add")));
    for (size_t i = 0; i < items->size; ++i)
        if (call1(vm, add, items->items()[i]).is_null())
            return false;
    return true;
}

// The text of a protocol 0 STRING argument: quoted, then unescaped as bytes.
Value load_string_arg(VM& vm, Unpickler* u, std::string_view s)
{
    if (s.size() < 2 || s.front() != s.back() || (s.front() != '\'' && s.front() != '"'))
        return raise_unpickling(vm, "the STRING opcode argument must be quoted");
    s = s.substr(1, s.size() - 2);
    Value codecs = TRY(import_absolute(vm, intern(vm, "codecs")));
    Bytes* b = bytes_new(vm, s);
    if (!b)
        return Value::null();
    Value barg = Value::from_object(b);
    Value r = TRY(call_method(vm, codecs, intern(vm, "escape_decode"), &barg, 1));
    Tuple* t = as_tuple(r);
    if (!t || t->size < 1 || !as_bytes(t->items[0]))
        return raise(vm, exc::TypeError, "escape_decode returned a bad value");
    return decode_string(vm, u, as_bytes(t->items[0])->view());
}

bool check_size(VM& vm, uint64_t size, char const* op)
{
    if (size > uint64_t(INT64_MAX)) {
        raise_fmt(vm, exc::OverflowError, "%s exceeds system's maximum size of %lld bytes", op, (long long)INT64_MAX);
        return false;
    }
    return true;
}

// ------------------------------------------------------------------ the loop

Value load(VM& vm, Unpickler* u)
{
    u->stack->size = 0;
    u->marks->clear();
    u->proto = 0;
    for (;;) {
        if (!check_pending(vm))
            return Value::null();
        unsigned char const* s;
        if (u->pos < u->len) {
            s = u->data + u->pos++;
        } else {
            s = read(vm, u, 1);
            if (!s) {
                if (vm.error_matches(state(vm).unpickling_error)) {
                    vm.clear_error();
                    return raise(vm, exc::EOFError, "Ran out of input");
                }
                return Value::null();
            }
        }
        unsigned char op = *s;
        size_t n;
        switch (op) {
        case NONE:
            if (!push(vm, u, py_none()))
                return Value::null();
            break;
        case NEWTRUE:
        case NEWFALSE:
            if (!push(vm, u, py_bool(op == NEWTRUE)))
                return Value::null();
            break;
        case BININT: {
            s = read(vm, u, 4);
            if (!s || !push(vm, u, Value::small_int(int32_t(uint32_t(get_le(s, 4))))))
                return Value::null();
            break;
        }
        case BININT1:
            s = read(vm, u, 1);
            if (!s || !push(vm, u, Value::small_int(s[0])))
                return Value::null();
            break;
        case BININT2:
            s = read(vm, u, 2);
            if (!s || !push(vm, u, Value::small_int(int64_t(get_le(s, 2)))))
                return Value::null();
            break;
        case INT: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            bool b;
            Value v = TRY(parse_int_line(vm, line_text(s, n), b));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case LONG: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            std::string_view t = line_text(s, n);
            if (!t.empty() && t.back() == 'L')
                t.remove_suffix(1);
            Value v = TRY(int_from_string(vm, t, 10));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case LONG1:
        case LONG4: {
            int64_t size;
            if (op == LONG1) {
                s = read(vm, u, 1);
                if (!s)
                    return Value::null();
                size = s[0];
            } else {
                s = read(vm, u, 4);
                if (!s)
                    return Value::null();
                size = int32_t(uint32_t(get_le(s, 4)));
                if (size < 0)
                    return raise_unpickling(vm, "LONG pickle has negative byte count");
            }
            s = read(vm, u, size_t(size));
            if (!s)
                return Value::null();
            Value v = TRY(decode_long(vm, { reinterpret_cast<char const*>(s), size_t(size) }));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case FLOAT: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            std::string text(line_text(s, n));
            char* end = nullptr;
            double d = std::strtod(text.c_str(), &end);
            if (*end != '\0')
                return raise(vm, exc::ValueError, "could not convert string to float");
            if (!push(vm, u, Value::from_double(d)))
                return Value::null();
            break;
        }
        case BINFLOAT: {
            s = read(vm, u, 8);
            if (!s)
                return Value::null();
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = (bits << 8) | s[i];
            double d;
            std::memcpy(&d, &bits, 8);
            if (!push(vm, u, Value::from_double(d)))
                return Value::null();
            break;
        }
        case BINBYTES:
        case SHORT_BINBYTES:
        case BINBYTES8:
        case BYTEARRAY8:
        case BINUNICODE:
        case SHORT_BINUNICODE:
        case BINUNICODE8:
        case BINSTRING:
        case SHORT_BINSTRING: {
            int nb = (op == SHORT_BINBYTES || op == SHORT_BINUNICODE || op == SHORT_BINSTRING) ? 1
                : (op == BINBYTES8 || op == BYTEARRAY8 || op == BINUNICODE8)                  ? 8
                                                                                             : 4;
            s = read(vm, u, size_t(nb));
            if (!s)
                return Value::null();
            uint64_t size = get_le(s, nb);
            char const* what = (op == BINUNICODE || op == BINUNICODE8) ? (op == BINUNICODE ? "BINUNICODE" : "BINUNICODE8")
                : op == BYTEARRAY8                                     ? "BYTEARRAY8"
                : op == BINBYTES8                                      ? "BINBYTES8"
                                                                       : "BINBYTES";
            if (!check_size(vm, size, what))
                return Value::null();
            s = read(vm, u, size_t(size));
            if (!s)
                return Value::null();
            std::string_view d(reinterpret_cast<char const*>(s), size_t(size));
            Value v;
            if (op == BINUNICODE || op == SHORT_BINUNICODE || op == BINUNICODE8) {
                Bytes* b = bytes_new(vm, d);
                if (!b)
                    return Value::null();
                Value a[2] = { Value::from_object(intern(vm, "utf-8")), Value::from_object(intern(vm, "surrogatepass")) };
                v = TRY(call_method(vm, Value::from_object(b), intern(vm, "decode"), a, 2));
            } else if (op == BINSTRING || op == SHORT_BINSTRING) {
                v = TRY(decode_string(vm, u, d));
            } else if (op == BYTEARRAY8) {
                Bytes* b = bytes_new(vm, d);
                if (!b)
                    return Value::null();
                v = TRY(call1(vm, Value::from_object(types.bytearray), Value::from_object(b)));
            } else {
                Bytes* b = bytes_new(vm, d);
                if (!b)
                    return Value::null();
                v = Value::from_object(b);
            }
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case STRING: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            Value v = TRY(load_string_arg(vm, u, line_text(s, n)));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case UNICODE: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            Bytes* b = bytes_new(vm, line_text(s, n));
            if (!b)
                return Value::null();
            Value enc = Value::from_object(intern(vm, "raw-unicode-escape"));
            Value v = TRY(call_method(vm, Value::from_object(b), intern(vm, "decode"), &enc, 1));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case EMPTY_TUPLE:
            if (!push(vm, u, Value::from_object(empty_tuple())))
                return Value::null();
            break;
        case TUPLE1:
        case TUPLE2:
        case TUPLE3: {
            size_t k = size_t(op - TUPLE1 + 1);
            if (u->stack->size < fence(u) + k)
                return stack_underflow(vm, u);
            Tuple* t = pop_tuple(vm, u, u->stack->size - k);
            if (!t || !push(vm, u, Value::from_object(t)))
                return Value::null();
            break;
        }
        case TUPLE: {
            size_t start;
            if (!marker(vm, u, start))
                return Value::null();
            Tuple* t = pop_tuple(vm, u, start);
            if (!t || !push(vm, u, Value::from_object(t)))
                return Value::null();
            break;
        }
        case EMPTY_LIST: {
            List* l = list_new(vm);
            if (!l || !push(vm, u, Value::from_object(l)))
                return Value::null();
            break;
        }
        case LIST: {
            size_t start;
            if (!marker(vm, u, start))
                return Value::null();
            List* l = pop_list(vm, u, start);
            if (!l || !push(vm, u, Value::from_object(l)))
                return Value::null();
            break;
        }
        case EMPTY_DICT: {
            Dict* d = dict_new(vm);
            if (!d || !push(vm, u, Value::from_object(d)))
                return Value::null();
            break;
        }
        case DICT: {
            size_t start;
            if (!marker(vm, u, start))
                return Value::null();
            if ((u->stack->size - start) % 2 != 0)
                return raise_unpickling(vm, "odd number of items for DICT");
            Dict* d = dict_new(vm);
            if (!d)
                return Value::null();
            for (size_t i = start; i + 1 < u->stack->size; i += 2)
                if (!dict_set(vm, d, u->stack->items()[i], u->stack->items()[i + 1]))
                    return Value::null();
            u->stack->size = start;
            if (!push(vm, u, Value::from_object(d)))
                return Value::null();
            break;
        }
        case EMPTY_SET: {
            Value v = TRY(set_new(vm));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case FROZENSET: {
            size_t start;
            if (!marker(vm, u, start))
                return Value::null();
            List* items = pop_list(vm, u, start);
            if (!items)
                return Value::null();
            Value v = TRY(frozenset_new(vm, Value::from_object(items)));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case APPEND:
            if (u->stack->size <= fence(u))
                return stack_underflow(vm, u);
            if (!do_append(vm, u, u->stack->size - 1))
                return Value::null();
            break;
        case APPENDS: {
            size_t start;
            if (!marker(vm, u, start) || !do_append(vm, u, start))
                return Value::null();
            break;
        }
        case SETITEM:
            if (u->stack->size < fence(u) + 2)
                return stack_underflow(vm, u);
            if (!do_setitems(vm, u, u->stack->size - 2))
                return Value::null();
            break;
        case SETITEMS: {
            size_t start;
            if (!marker(vm, u, start) || !do_setitems(vm, u, start))
                return Value::null();
            break;
        }
        case ADDITEMS: {
            size_t start;
            if (!marker(vm, u, start) || !do_additems(vm, u, start))
                return Value::null();
            break;
        }
        case BUILD:
            if (!load_build(vm, u))
                return Value::null();
            break;
        case MARK:
            if (!vm.heap.native_build([&] { u->marks->push_back(u->stack->size); }))
                return Value::null();
            break;
        case POP:
            if (u->stack->size > fence(u)) {
                --u->stack->size;
            } else if (!u->marks->empty()) {
                // POP right after MARK pops the mark (pickle.py's pop_mark semantics).
                u->marks->pop_back();
            } else {
                return stack_underflow(vm, u);
            }
            break;
        case POP_MARK: {
            size_t start;
            if (!marker(vm, u, start))
                return Value::null();
            u->stack->size = start;
            break;
        }
        case DUP: {
            if (u->stack->size <= fence(u))
                return stack_underflow(vm, u);
            Value top = u->stack->items()[u->stack->size - 1];
            if (!push(vm, u, top))
                return Value::null();
            break;
        }
        case GET: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            Value key = int_from_string(vm, line_text(s, n), 10);
            if (key.is_null())
                return Value::null();
            int64_t idx;
            if (!int_to_i64(key, idx))
                return raise(vm, exc::OverflowError, "Python int too large to convert to C ssize_t");
            if (idx < 0)
                return raise_fmt(vm, state(vm).unpickling_error, "Memo value not found at index %lld", (long long)idx);
            Value v = TRY(memo_get(vm, u, size_t(idx)));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case BINGET:
        case LONG_BINGET: {
            s = read(vm, u, op == BINGET ? 1 : 4);
            if (!s)
                return Value::null();
            size_t idx = op == BINGET ? s[0] : size_t(get_le(s, 4));
            Value v = TRY(memo_get(vm, u, idx));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case PUT: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            if (u->stack->size <= fence(u))
                return stack_underflow(vm, u);
            Value key = int_from_string(vm, line_text(s, n), 10);
            if (key.is_null())
                return Value::null();
            int64_t idx;
            if (!int_to_i64(key, idx))
                return raise(vm, exc::OverflowError, "Python int too large to convert to C ssize_t");
            if (idx < 0)
                return raise(vm, exc::ValueError, "negative PUT argument");
            if (!memo_put(vm, u, size_t(idx), u->stack->items()[u->stack->size - 1]))
                return Value::null();
            break;
        }
        case BINPUT:
        case LONG_BINPUT: {
            s = read(vm, u, op == BINPUT ? 1 : 4);
            if (!s)
                return Value::null();
            if (u->stack->size <= fence(u))
                return stack_underflow(vm, u);
            size_t idx = op == BINPUT ? s[0] : size_t(get_le(s, 4));
            if (op == LONG_BINPUT && int32_t(uint32_t(idx)) < 0 && false)
                return raise(vm, exc::ValueError, "negative LONG_BINPUT argument");
            if (!memo_put(vm, u, idx, u->stack->items()[u->stack->size - 1]))
                return Value::null();
            break;
        }
        case MEMOIZE:
            if (u->stack->size <= fence(u))
                return stack_underflow(vm, u);
            if (!memo_put(vm, u, u->memo_len, u->stack->items()[u->stack->size - 1]))
                return Value::null();
            break;
        case GLOBAL: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            Value module_name = TRY(str_value(vm, line_text(s, n)));
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            Value name = TRY(str_value(vm, line_text(s, n)));
            Value g = TRY(call_find_class(vm, u, module_name, name));
            if (!push(vm, u, g))
                return Value::null();
            break;
        }
        case STACK_GLOBAL: {
            Value name = TRY(pop(vm, u));
            Value module_name = TRY(pop(vm, u));
            if (type_of(name) != types.str || type_of(module_name) != types.str)
                return raise_unpickling(vm, "STACK_GLOBAL requires str");
            Value g = TRY(call_find_class(vm, u, module_name, name));
            if (!push(vm, u, g))
                return Value::null();
            break;
        }
        case EXT1:
        case EXT2:
        case EXT4: {
            int nb = op == EXT1 ? 1 : op == EXT2 ? 2 : 4;
            s = read(vm, u, size_t(nb));
            if (!s)
                return Value::null();
            int64_t code = int64_t(get_le(s, nb));
            if (op == EXT4)
                code = int32_t(uint32_t(code));
            if (code <= 0)
                return raise_unpickling(vm, "EXT specifies code <= 0");
            if (!load_extension(vm, u, code))
                return Value::null();
            break;
        }
        case REDUCE: {
            Value argtup = TRY(pop(vm, u));
            Value callable = TRY(pop(vm, u));
            Tuple* t = as_tuple(argtup);
            if (!t) {
                raise_fmt(vm, exc::TypeError, "argument list must be a tuple, not %.200s", type_name(argtup));
                return Value::null();
            }
            Value v = TRY(call(vm, callable, t->items, t->size));
            if (!push(vm, u, v))
                return Value::null();
            break;
        }
        case NEWOBJ:
        case NEWOBJ_EX:
            if (!load_newobj(vm, u, op == NEWOBJ_EX))
                return Value::null();
            break;
        case INST: {
            size_t start;
            if (!marker(vm, u, start))
                return Value::null();
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            Value module_name = TRY(str_value(vm, line_text(s, n)));
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            if (n < 2)
                return raise_unpickling(vm, "pickle data was truncated");
            Value name = TRY(str_value(vm, line_text(s, n)));
            Value cls = TRY(call_find_class(vm, u, module_name, name));
            Tuple* t = pop_tuple(vm, u, start);
            if (!t)
                return Value::null();
            Value obj = TRY(instantiate(vm, cls, t));
            if (!push(vm, u, obj))
                return Value::null();
            break;
        }
        case OBJ: {
            size_t start;
            if (!marker(vm, u, start))
                return Value::null();
            if (u->stack->size <= start)
                return stack_underflow(vm, u);
            Tuple* t = pop_tuple(vm, u, start + 1);
            if (!t)
                return Value::null();
            Value cls = u->stack->items()[--u->stack->size];
            Value obj = TRY(instantiate(vm, cls, t));
            if (!push(vm, u, obj))
                return Value::null();
            break;
        }
        case PERSID: {
            s = readline(vm, u, n);
            if (!s)
                return Value::null();
            std::string_view t = line_text(s, n);
            for (unsigned char c : t)
                if (c >= 0x80)
                    return raise_unpickling(vm, "persistent IDs in protocol 0 must be ASCII strings");
            Value pid = TRY(str_value(vm, t));
            if (!load_persid(vm, u, pid))
                return Value::null();
            break;
        }
        case BINPERSID: {
            Value pid = TRY(pop(vm, u));
            if (!load_persid(vm, u, pid))
                return Value::null();
            break;
        }
        case PROTO: {
            s = read(vm, u, 1);
            if (!s)
                return Value::null();
            if (s[0] > kHighestProtocol)
                return raise_fmt(vm, exc::ValueError, "unsupported pickle protocol: %d", s[0]);
            u->proto = s[0];
            break;
        }
        case FRAME: {
            s = read(vm, u, 8);
            if (!s)
                return Value::null();
            uint64_t frame_len = get_le(s, 8);
            if (frame_len > uint64_t(INT64_MAX))
                return raise_fmt(vm, exc::OverflowError, "FRAME length exceeds system's maximum of %lld bytes", (long long)INT64_MAX);
            // Reads the whole frame in (from a file), then goes on from its start.
            if (!read(vm, u, size_t(frame_len)))
                return Value::null();
            u->pos -= size_t(frame_len);
            break;
        }
        case NEXT_BUFFER: {
            if (u->buffers.is_null())
                return raise_unpickling(vm, "pickle stream refers to out-of-band data but no *buffers* argument was given");
            Value b = iter_next(vm, u->buffers);
            if (b.is_null())
                return Value::null();
            if (b.is_stop_iteration())
                return raise_unpickling(vm, "not enough out-of-band buffers");
            if (!push(vm, u, b))
                return Value::null();
            break;
        }
        case READONLY_BUFFER: {
            if (u->stack->size <= fence(u))
                return stack_underflow(vm, u);
            Value top = u->stack->items()[u->stack->size - 1];
            Value view = TRY(call1(vm, Value::from_object(types.memoryview), top));
            BufferInfo bi;
            // A read-only buffer stays itself; a writable one becomes a read-only view.
            if (get_buffer(view, bi) && !bi.readonly) {
                view = TRY(call_method(vm, view, intern(vm, "toreadonly"), nullptr, 0));
                u->stack->items()[u->stack->size - 1] = view;
            }
            break;
        }
        case STOP: {
            if (u->stack->size <= fence(u))
                return stack_underflow(vm, u);
            Value r = u->stack->items()[--u->stack->size];
            return r;
        }
        default: {
            if (op >= 0x20 && op < 0x7f)
                return raise_fmt(vm, state(vm).unpickling_error, "invalid load key, '%c'.", op);
            return raise_fmt(vm, state(vm).unpickling_error, "invalid load key, '\\x%02x'.", op);
        }
        }
    }
}

// getattr along a dotted name (protocol 4's qualified names; one name before).
Value get_dotted(VM& vm, Value obj, String* name, bool allow_qualname)
{
    std::string_view v = name->view();
    Value root = obj;
    // A local object is refused before any lookup (CPython's get_dotted_path).
    if (allow_qualname) {
        for (size_t start = 0;;) {
            size_t dot = v.find('.', start);
            if (v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start) == "<locals>") {
                raise_fmt(vm, exc::AttributeError, "Can't pickle local attribute %s on %s", repr_text(vm, Value::from_object(name)).c_str(),
                          repr_text(vm, root).c_str());
                return Value::null();
            }
            if (dot == std::string_view::npos)
                break;
            start = dot + 1;
        }
    }
    size_t start = 0;
    for (;;) {
        size_t dot = allow_qualname ? v.find('.', start) : std::string_view::npos;
        std::string_view part = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        String* s = intern(vm, part);
        if (!s)
            return Value::null();
        obj = getattr(vm, obj, s);
        if (obj.is_null()) {
            if (vm.error_matches(exc::AttributeError)) {
                vm.clear_error();
                raise_fmt(vm, exc::AttributeError, "Can't get attribute %s on %s", repr_text(vm, Value::from_object(name)).c_str(),
                          repr_text(vm, root).c_str());
            }
            return Value::null();
        }
        if (dot == std::string_view::npos)
            return obj;
        start = dot + 1;
    }
}

Value find_class(VM& vm, Unpickler* u, Value module_name, Value global_name)
{
    State& st = state(vm);
    if (!load_library(vm, st))
        return Value::null();
    if (!is_str(module_name) || !is_str(global_name))
        return raise(vm, exc::TypeError, "find_class() arguments must be str");
    if (u->proto < 3 && u->fix_imports) {
        Tuple* key = tuple_pack(vm, { module_name, global_name });
        if (!key)
            return Value::null();
        Value item = dict_get(vm, as_dict(st.name_mapping_2to3), Value::from_object(key));
        if (item.is_null())
            return item;
        if (!item.is_not_found()) {
            Tuple* t = as_tuple(item);
            if (!t || t->size != 2)
                return raise_fmt(vm, exc::RuntimeError, "_compat_pickle.NAME_MAPPING values should be 2-tuples, not %.200s",
                                 type_name(item));
            if (!is_str(t->items[0]) || !is_str(t->items[1]))
                return raise_fmt(vm, exc::RuntimeError, "_compat_pickle.NAME_MAPPING values should be pairs of str, not (%.200s, %.200s)",
                                 type_name(t->items[0]), type_name(t->items[1]));
            module_name = t->items[0];
            global_name = t->items[1];
        } else {
            item = dict_get(vm, as_dict(st.import_mapping_2to3), module_name);
            if (item.is_null())
                return item;
            if (!item.is_not_found()) {
                if (!is_str(item))
                    return raise_fmt(vm, exc::RuntimeError, "_compat_pickle.IMPORT_MAPPING values should be strings, not %.200s",
                                     type_name(item));
                module_name = item;
            }
        }
    }
    Value module = TRY(import_absolute(vm, as_str(module_name)));
    return get_dotted(vm, module, as_str(global_name), u->proto >= 4);
}

// ------------------------------------------------------------------ the type

void unpickler_trace(Object* self, Tracer& t)
{
    auto* u = static_cast<Unpickler*>(self);
    t.visit(u->read);
    t.visit(u->readline);
    t.visit(u->pers_func);
    t.visit(u->buffers);
    t.visit(u->input);
    t.visit(u->encoding);
    t.visit(u->errors);
    t.visit(u->stack);
    t.visit(u->memo);
}

void unpickler_finalize(Object* self)
{
    auto* u = static_cast<Unpickler*>(self);
    delete u->marks;
    delete u->buf;
    u->marks = nullptr;
    u->buf = nullptr;
}

SLPY_U_FN(unpickler_new)
{
    (void)nargs;
    (void)kwnames;
    auto* type = static_cast<TypeObject*>(args[0].as_object());
    auto* u = static_cast<Unpickler*>(alloc_instance(vm, type));
    if (!u)
        return Value::null();
    u->stack = list_new(vm);
    u->memo = list_new(vm);
    if (!u->stack || !u->memo)
        return Value::null();
    if (!vm.heap.native_build([&] {
            u->marks = new std::vector<size_t>();
            u->buf = new std::string();
        }))
        return Value::null();
    return Value::from_object(u);
}

// Shared by Unpickler.__init__, load() and loads(): `file` null for loads.
bool unpickler_init(VM& vm, Unpickler* u, Value file, Value fix, Value encoding, Value errors, Value buffers)
{
    u->fix_imports = true;
    if (!fix.is_null()) {
        int t = truthy(vm, fix);
        if (t < 0)
            return false;
        u->fix_imports = t != 0;
    }
    if (encoding.is_null())
        encoding = TRY_BOOL(str_value(vm, "ASCII"));
    if (errors.is_null())
        errors = TRY_BOOL(str_value(vm, "strict"));
    if (!is_str(encoding)) {
        raise_fmt(vm, exc::TypeError, "argument 'encoding' must be str, not %.200s", type_name(encoding));
        return false;
    }
    if (!is_str(errors)) {
        raise_fmt(vm, exc::TypeError, "argument 'errors' must be str, not %.200s", type_name(errors));
        return false;
    }
    u->encoding = encoding;
    u->errors = errors;
    u->buffers = Value::null();
    if (!buffers.is_null() && !is_none(buffers))
        u->buffers = TRY_BOOL(get_iter(vm, buffers));
    if (!file.is_null()) {
        Value r = getattr_opt(vm, file, intern(vm, "read"));
        if (r.is_null())
            return false;
        Value rl = getattr_opt(vm, file, intern(vm, "readline"));
        if (rl.is_null())
            return false;
        if (r.is_not_found() || rl.is_not_found())
            return !raise(vm, exc::TypeError, "file must have 'read' and 'readline' attributes").is_null();
        u->read = r;
        u->readline = rl;
    }
    u->data = nullptr;
    u->len = u->pos = 0;
    u->buf->clear();
    u->memo->size = 0;
    u->memo_len = 0;
    u->proto = 0;
    Value pl = getattr_opt(vm, Value::from_object(u), intern(vm, "persistent_load"));
    if (pl.is_null())
        return false;
    u->pers_func = pl.is_not_found() ? Value::null() : pl;
    u->inited = true;
    return true;
}

SLPY_U_FN(unpickler_init_method)
{
    Value a[5];
    if (!parse_args(vm, "Unpickler", args + 1, nargs - 1, kwnames, { "file", "fix_imports", "encoding", "errors", "buffers" }, 1, a))
        return Value::null();
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "Unpickler() takes at most 1 positional argument (%zu given)", nargs - 1);
    if (!unpickler_init(vm, self_unpickler(args[0]), a[0], a[1], a[2], a[3], a[4]))
        return Value::null();
    return py_none();
}

SLPY_U_FN(unpickler_load)
{
    if (!check_nargs(vm, "Unpickler.load", nargs - 1, 0, 0) || !check_no_kwargs(vm, "Unpickler.load", kwnames))
        return Value::null();
    Unpickler* u = self_unpickler(args[0]);
    if (!u->inited || u->read.is_null())
        return raise_fmt(vm, state(vm).unpickling_error, "Unpickler.__init__() was not called by %s.__init__()",
                         type_name(args[0]));
    return load(vm, u);
}

SLPY_U_FN(unpickler_find_class)
{
    Value a[2];
    if (!parse_args(vm, "find_class", args + 1, nargs - 1, kwnames, { "module_name", "global_name" }, 2, a, 2))
        return Value::null();
    return find_class(vm, self_unpickler(args[0]), a[0], a[1]);
}

SLPY_U_FN(unpickler_sizeof)
{
    (void)nargs;
    (void)kwnames;
    Unpickler* u = self_unpickler(args[0]);
    return int_from_u64(vm, sizeof(Unpickler) + (u->buf ? u->buf->capacity() : 0) + (u->marks ? u->marks->capacity() * 8 : 0));
}

SLPY_U_FN(get_persistent_load)
{
    (void)nargs;
    (void)kwnames;
    Value v = self_unpickler(args[0])->pers_func;
    if (v.is_null())
        return raise(vm, exc::AttributeError, "persistent_load");
    return v;
}
SLPY_U_FN(set_persistent_load)
{
    (void)nargs;
    (void)kwnames;
    if (args[1].is_null()) {
        self_unpickler(args[0])->pers_func = Value::null();
        return py_none();
    }
    if (!is_callable(args[1]))
        return raise(vm, exc::TypeError, "persistent_load must be a callable taking one argument");
    self_unpickler(args[0])->pers_func = args[1];
    return py_none();
}

// ---- Unpickler.memo: an UnpicklerMemoProxy

Value unpickler_memo_copy(VM& vm, Unpickler* u)
{
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    for (size_t i = 0; i < u->memo->size; ++i) {
        Value v = u->memo->items()[i];
        if (v.is_null())
            continue;
        Value key = TRY(int_from_u64(vm, i));
        if (!dict_set(vm, d, key, v))
            return Value::null();
    }
    return Value::from_object(d);
}

SLPY_U_FN(get_memo)
{
    (void)nargs;
    (void)kwnames;
    auto* m = vm.heap.make<MemoProxy>(state(vm).unpickler_memo_type);
    if (!m)
        return Value::null();
    m->owner = args[0].as_object();
    return Value::from_object(m);
}

SLPY_U_FN(set_memo)
{
    (void)nargs;
    (void)kwnames;
    Unpickler* u = self_unpickler(args[0]);
    Value v = args[1];
    if (v.is_null())
        return raise(vm, exc::TypeError, "attribute deletion is not supported");
    State& st = state(vm);
    Dict* d;
    if (type_of(v) == st.unpickler_memo_type) {
        Value c = TRY(unpickler_memo_copy(vm, static_cast<Unpickler*>(static_cast<MemoProxy*>(v.as_object())->owner)));
        d = as_dict(c);
    } else if (type_of(v) == types.dict) {
        d = as_dict(v);
    } else {
        return raise_fmt(vm, exc::TypeError, "'memo' attribute must be an UnpicklerMemoProxy object or dict, not %.200s", type_name(v));
    }
    size_t pos = 0;
    Value key, value;
    while (dict_next(d, pos, key, value)) {
        if (!is_int(key))
            return raise(vm, exc::TypeError, "memo key must be integers");
        int64_t idx;
        if (!int_to_i64(key, idx) || idx < 0)
            return raise(vm, exc::ValueError, "memo key must be positive integers.");
    }
    u->memo->size = 0;
    u->memo_len = 0;
    pos = 0;
    while (dict_next(d, pos, key, value)) {
        int64_t idx;
        int_to_i64(key, idx);
        if (!memo_put(vm, u, size_t(idx), value))
            return Value::null();
    }
    return py_none();
}

Unpickler* proxy_owner(Value v) { return static_cast<Unpickler*>(static_cast<MemoProxy*>(v.as_object())->owner); }

SLPY_U_FN(umemo_copy)
{
    (void)nargs;
    (void)kwnames;
    return unpickler_memo_copy(vm, proxy_owner(args[0]));
}
SLPY_U_FN(umemo_clear)
{
    (void)vm;
    (void)nargs;
    (void)kwnames;
    Unpickler* u = proxy_owner(args[0]);
    u->memo->size = 0;
    u->memo_len = 0;
    return py_none();
}
SLPY_U_FN(umemo_len)
{
    (void)nargs;
    (void)kwnames;
    return int_from_u64(vm, proxy_owner(args[0])->memo_len);
}
SLPY_U_FN(umemo_reduce)
{
    (void)nargs;
    (void)kwnames;
    Value c = TRY(unpickler_memo_copy(vm, proxy_owner(args[0])));
    Tuple* inner = tuple_pack(vm, { c });
    if (!inner)
        return Value::null();
    Tuple* r = tuple_pack(vm, { Value::from_object(types.dict), Value::from_object(inner) });
    return r ? Value::from_object(r) : Value::null();
}

void memo_proxy_trace(Object* self, Tracer& t) { t.visit(static_cast<MemoProxy*>(self)->owner); }

Value new_unpickler(VM& vm)
{
    Value tv = Value::from_object(state(vm).unpickler_type);
    return unpickler_new(vm, &tv, 1, nullptr);
}

} // namespace

// load(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())
Value py_load(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[5];
    if (!parse_args(vm, "load", args, nargs, kwnames, { "file", "fix_imports", "encoding", "errors", "buffers" }, 1, a))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "load() takes exactly 1 positional argument (%zu given)", nargs);
    Value uv = TRY(new_unpickler(vm));
    Unpickler* u = self_unpickler(uv);
    if (!unpickler_init(vm, u, a[0], a[1], a[2], a[3], a[4]))
        return Value::null();
    u->pers_func = Value::null();
    return load(vm, u);
}

// loads(data, /, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())
Value py_loads(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[5];
    if (nargs < 1)
        return raise_fmt(vm, exc::TypeError, "loads() takes exactly 1 positional argument (%zu given)", nargs);
    if (!parse_args(vm, "loads", args, nargs, kwnames, { "data", "fix_imports", "encoding", "errors", "buffers" }, 1, a, 1))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "loads() takes exactly 1 positional argument (%zu given)", nargs);
    Value uv = TRY(new_unpickler(vm));
    Unpickler* u = self_unpickler(uv);
    if (!unpickler_init(vm, u, Value::null(), a[1], a[2], a[3], a[4]))
        return Value::null();
    u->pers_func = Value::null();
    Value data = a[0];
    if (is_str(data))
        return raise(vm, exc::TypeError, "a bytes-like object is required, not 'str'");
    if (Bytes* b = as_bytes(data)) {
        u->input = data;
        u->data = b->data;
        u->len = b->size;
    } else {
        BufferInfo bi;
        if (!get_buffer(data, bi))
            return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%.200s'", type_name(data));
        if (!vm.heap.assign_buffer(*u->buf, std::string_view(reinterpret_cast<char const*>(bi.data), bi.size)))
            return Value::null();
        u->data = reinterpret_cast<unsigned char const*>(u->buf->data());
        u->len = u->buf->size();
    }
    u->pos = 0;
    return load(vm, u);
}

void setup_unpickler_type(VM& vm, State& st)
{
    st.unpickler_type = make_builtin_type(vm, "Unpickler", nullptr, sizeof(Unpickler), TF_BASETYPE, unpickler_trace, unpickler_finalize);
    st.unpickler_memo_type = make_builtin_type(vm, "UnpicklerMemoProxy", nullptr, sizeof(MemoProxy), 0, memo_proxy_trace);
    set_native_type_module(vm, st.unpickler_type, "_pickle");
    set_native_type_module(vm, st.unpickler_memo_type, "_pickle");
    add_methods(vm, st.unpickler_type, {
        { "__new__", unpickler_new, METH_STATIC },
        { "__init__", unpickler_init_method },
        { "load", unpickler_load },
        { "find_class", unpickler_find_class },
        { "__sizeof__", unpickler_sizeof },
    });
    add_getsets(vm, st.unpickler_type, {
        { "persistent_load", get_persistent_load, set_persistent_load },
        { "memo", get_memo, set_memo },
    });
    add_methods(vm, st.unpickler_memo_type, {
        { "copy", umemo_copy },
        { "clear", umemo_clear },
        { "__len__", umemo_len },
        { "__reduce__", umemo_reduce },
    });
    finish_builtin_type(vm, st.unpickler_type);
    finish_builtin_type(vm, st.unpickler_memo_type);
}

} // namespace slpy::pickle
