// The _operator module: the function forms of Python's operators and the attrgetter,
// itemgetter and methodcaller types, as CPython 3.11's _operator.c (operator.py takes
// everything here with `from _operator import *`). Each function goes through the
// runtime's abstract object protocol, so it behaves exactly as the operator does.
#include "stackless/modules/data_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/vm/interpreter.h"

#include <string>

namespace slpy {

// abs(x) (stackless/builtins/builtins_numeric.cpp).
Value builtin_abs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);

namespace {

TypeObject* g_attrgetter = nullptr;
TypeObject* g_itemgetter = nullptr;
TypeObject* g_methodcaller = nullptr;

// Argument checks of the clinic functions: "add expected 2 arguments, got 1" and
// "_operator.add() takes no keyword arguments"; METH_O ones say "takes exactly one".
bool args_n(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t n)
{
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "_operator.%s() takes no keyword arguments", name);
        return false;
    }
    if (n == 1) {
        if (nargs != 1) {
            raise_fmt(vm, exc::TypeError, "_operator.%s() takes exactly one argument (%zu given)", name, nargs);
            return false;
        }
        return true;
    }
    return unpack_args(vm, name, nargs, n, n);
}

#define OP_BINARY(fname, op)                                                                   \
    Value op_##fname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)                 \
    {                                                                                          \
        if (!args_n(vm, #fname, nargs, kwnames, 2))                                            \
            return Value::null();                                                              \
        return binary_op(vm, args[0], args[1], BinOpArg::op);                                  \
    }
OP_BINARY(add, ADD)
OP_BINARY(sub, SUBTRACT)
OP_BINARY(mul, MULTIPLY)
OP_BINARY(matmul, MATRIX_MULTIPLY)
OP_BINARY(floordiv, FLOOR_DIVIDE)
OP_BINARY(truediv, TRUE_DIVIDE)
OP_BINARY(mod, REMAINDER)
OP_BINARY(lshift, LSHIFT)
OP_BINARY(rshift, RSHIFT)
OP_BINARY(and_, AND)
OP_BINARY(xor, XOR)
OP_BINARY(or_, OR)
OP_BINARY(pow, POWER)
OP_BINARY(iadd, INPLACE_ADD)
OP_BINARY(isub, INPLACE_SUBTRACT)
OP_BINARY(imul, INPLACE_MULTIPLY)
OP_BINARY(imatmul, INPLACE_MATRIX_MULTIPLY)
OP_BINARY(ifloordiv, INPLACE_FLOOR_DIVIDE)
OP_BINARY(itruediv, INPLACE_TRUE_DIVIDE)
OP_BINARY(imod, INPLACE_REMAINDER)
OP_BINARY(ilshift, INPLACE_LSHIFT)
OP_BINARY(irshift, INPLACE_RSHIFT)
OP_BINARY(iand, INPLACE_AND)
OP_BINARY(ixor, INPLACE_XOR)
OP_BINARY(ior, INPLACE_OR)
OP_BINARY(ipow, INPLACE_POWER)
#undef OP_BINARY

#define OP_COMPARE(fname, op)                                                                  \
    Value op_##fname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)                 \
    {                                                                                          \
        if (!args_n(vm, #fname, nargs, kwnames, 2))                                            \
            return Value::null();                                                              \
        return rich_compare(vm, args[0], args[1], CmpArg::op);                                 \
    }
OP_COMPARE(lt, LT)
OP_COMPARE(le, LE)
OP_COMPARE(eq, EQ)
OP_COMPARE(ne, NE)
OP_COMPARE(gt, GT)
OP_COMPARE(ge, GE)
#undef OP_COMPARE

#define OP_UNARY(fname, expr)                                                                  \
    Value op_##fname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)                 \
    {                                                                                          \
        if (!args_n(vm, #fname, nargs, kwnames, 1))                                            \
            return Value::null();                                                              \
        return expr;                                                                           \
    }
OP_UNARY(neg, unary_negative(vm, args[0]))
OP_UNARY(pos, unary_positive(vm, args[0]))
OP_UNARY(inv, unary_invert(vm, args[0]))
OP_UNARY(invert, unary_invert(vm, args[0]))
OP_UNARY(abs, builtin_abs(vm, args, 1, nullptr))
// operator.index gives an exact int (True -> 1), as PyNumber_Index.
OP_UNARY(index, int_unwrap(TRY(index(vm, args[0]))))
#undef OP_UNARY

Value truth_value(VM& vm, Value v, bool negate)
{
    int t = truthy(vm, v);
    if (t < 0)
        return Value::null();
    return py_bool((t != 0) != negate);
}

Value op_truth(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "truth", nargs, kwnames, 1))
        return Value::null();
    return truth_value(vm, args[0], false);
}

Value op_not_(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "not_", nargs, kwnames, 1))
        return Value::null();
    return truth_value(vm, args[0], true);
}

Value op_is_(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "is_", nargs, kwnames, 2))
        return Value::null();
    return py_bool(args[0].is(args[1]));
}

Value op_is_not(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "is_not", nargs, kwnames, 2))
        return Value::null();
    return py_bool(!args[0].is(args[1]));
}

Value op_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "getitem", nargs, kwnames, 2))
        return Value::null();
    return getitem(vm, args[0], args[1]);
}

Value op_setitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "setitem", nargs, kwnames, 3))
        return Value::null();
    if (!setitem(vm, args[0], args[1], args[2]))
        return Value::null();
    return py_none();
}

Value op_delitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "delitem", nargs, kwnames, 2))
        return Value::null();
    if (!delitem(vm, args[0], args[1]))
        return Value::null();
    return py_none();
}

// PySequence_Check: has __getitem__ and is not a dict.
bool is_sequence(Value v)
{
    TypeObject* t = type_of(v);
    return !t->slot(Slot::GETITEM).is_null() && !t->has_flag(TF_DICT_SUBCLASS);
}

Value concat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, BinOpArg op)
{
    if (!args_n(vm, name, nargs, kwnames, 2))
        return Value::null();
    if (!is_sequence(args[0]) || !is_sequence(args[1]))
        return raise_fmt(vm, exc::TypeError, "'%s' object can't be concatenated", type_name(args[0]));
    return binary_op(vm, args[0], args[1], op);
}

Value op_concat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return concat(vm, args, nargs, kwnames, "concat", BinOpArg::ADD);
}

Value op_iconcat(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return concat(vm, args, nargs, kwnames, "iconcat", BinOpArg::INPLACE_ADD);
}

Value op_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "contains", nargs, kwnames, 2))
        return Value::null();
    int r = contains(vm, args[0], args[1]);
    if (r < 0)
        return Value::null();
    return py_bool(r);
}

// _PySequence_IterSearch: the iterator over seq, with its TypeError reworded.
Value search_iter(VM& vm, Value seq)
{
    Value it = get_iter(vm, seq);
    if (it.is_null() && vm.error_matches(exc::TypeError)) {
        vm.clear_error();
        return raise_fmt(vm, exc::TypeError, "argument of type '%s' is not iterable", type_name(seq));
    }
    return it;
}

Value op_countOf(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "countOf", nargs, kwnames, 2))
        return Value::null();
    Value it = TRY(search_iter(vm, args[0]));
    int64_t n = 0;
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return int_from_i64(vm, n);
        int eq = equal(vm, item, args[1]);
        if (eq < 0)
            return Value::null();
        n += eq;
    }
}

Value op_indexOf(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!args_n(vm, "indexOf", nargs, kwnames, 2))
        return Value::null();
    Value it = TRY(search_iter(vm, args[0]));
    for (int64_t i = 0;; ++i) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return raise(vm, exc::ValueError, "sequence.index(x): x not in sequence");
        int eq = equal(vm, item, args[1]);
        if (eq < 0)
            return Value::null();
        if (eq)
            return int_from_i64(vm, i);
    }
}

Value op_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_operator.length_hint", kwnames) || !unpack_args(vm, "length_hint", nargs, 1, 2))
        return Value::null();
    int64_t dflt = 0;
    if (nargs == 2) {
        if (type_of(args[1]) != types.int_)
            return raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(args[1]));
        if (!index_i64(vm, args[1], dflt))
            return Value::null();
    }
    int64_t r = length_hint(vm, args[0], dflt);
    // A negative default comes back as it is: only a pending error is a failure.
    if (r < 0 && vm.has_error())
        return Value::null();
    return int_from_i64(vm, r);
}

Value op_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs < 1)
        return raise(vm, exc::TypeError, "call expected at least 1 argument, got 0");
    return call(vm, args[0], args + 1, nargs - 1, kwnames);
}

// Constant-time comparison of two ASCII strs or two buffers (hmac.compare_digest).
Value op_compare_digest(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_operator._compare_digest", kwnames) || !unpack_args(vm, "_compare_digest", nargs, 2, 2))
        return Value::null();
    std::string_view a, b;
    String* sa = as_str(args[0]);
    String* sb = as_str(args[1]);
    if (sa && sb) {
        if (!sa->is_ascii() || !sb->is_ascii())
            return raise(vm, exc::TypeError, "comparing strings with non-ASCII characters is not supported");
        a = sa->view();
        b = sb->view();
    } else {
        std::string_view probe;
        if (!get_bytes_like(args[0], probe) && !get_bytes_like(args[1], probe))
            return raise_fmt(vm, exc::TypeError, "unsupported operand types(s) or combination of types: '%s' and '%s'",
                             type_name(args[0]), type_name(args[1]));
        if (!get_bytes_like(args[0], a))
            return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[0]));
        if (!get_bytes_like(args[1], b))
            return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(args[1]));
    }
    // As CPython's _tscmp: the time depends on the length of b only.
    std::string_view left = a.size() == b.size() ? a : b;
    unsigned result = a.size() == b.size() ? 0 : 1;
    for (size_t i = 0; i < b.size(); ++i)
        result |= static_cast<unsigned char>(left[i]) ^ static_cast<unsigned char>(b[i]);
    return py_bool(result == 0);
}

// ------------------------------------------------------------------ attrgetter

struct AttrGetter : Object {
    Tuple* attrs; // per attribute: an interned str, or a tuple of them for a dotted name
};

void attrgetter_trace(Object* self, Tracer& t) { t.visit(static_cast<AttrGetter*>(self)->attrs); }

Value attrgetter_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "attrgetter", kwnames))
        return Value::null();
    if (nargs < 2)
        return raise(vm, exc::TypeError, "attrgetter expected 1 argument, got 0");
    Tuple* attrs = tuple_new(vm, nargs - 1);
    if (!attrs)
        return Value::null();
    for (size_t i = 1; i < nargs; ++i) {
        String* s = as_str(args[i]);
        if (!s)
            return raise(vm, exc::TypeError, "attribute name must be a string");
        std::string_view name = s->view();
        if (name.find('.') == std::string_view::npos) {
            String* in = intern(vm, s);
            if (!in)
                return Value::null();
            attrs->items[i - 1] = Value::from_object(in);
            continue;
        }
        List* parts = list_new(vm);
        if (!parts)
            return Value::null();
        size_t start = 0;
        for (;;) {
            size_t dot = name.find('.', start);
            String* part = intern(vm, name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
            if (!part || !list_append(vm, parts, Value::from_object(part)))
                return Value::null();
            if (dot == std::string_view::npos)
                break;
            start = dot + 1;
        }
        Tuple* t = tuple_from_array(vm, parts->items(), parts->size);
        if (!t)
            return Value::null();
        attrs->items[i - 1] = Value::from_object(t);
    }
    auto* g = vm.heap.make<AttrGetter>(g_attrgetter);
    if (!g)
        return Value::null();
    g->attrs = attrs;
    return Value::from_object(g);
}

Value dotted_getattr(VM& vm, Value obj, Value attr)
{
    if (Tuple* parts = as_tuple(attr); parts && type_of(attr) == types.tuple) {
        for (size_t i = 0; i < parts->size; ++i)
            obj = TRY(getattr(vm, obj, parts->items[i].as<String>()));
        return obj;
    }
    return getattr(vm, obj, attr.as<String>());
}

Value attrgetter_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "attrgetter", kwnames) || !unpack_args(vm, "attrgetter", nargs - 1, 1, 1))
        return Value::null();
    Tuple* attrs = args[0].as<AttrGetter>()->attrs;
    if (attrs->size == 1)
        return dotted_getattr(vm, args[1], attrs->items[0]);
    Tuple* result = tuple_new(vm, attrs->size);
    if (!result)
        return Value::null();
    for (size_t i = 0; i < attrs->size; ++i)
        result->items[i] = TRY(dotted_getattr(vm, args[1], attrs->items[i]));
    return Value::from_object(result);
}

// The attribute names as given ("b.c"), for repr and reduce.
Tuple* attrgetter_names(VM& vm, AttrGetter* g)
{
    Tuple* out = tuple_new(vm, g->attrs->size);
    if (!out)
        return nullptr;
    for (size_t i = 0; i < g->attrs->size; ++i) {
        Value a = g->attrs->items[i];
        if (type_of(a) != types.tuple) {
            out->items[i] = a;
            continue;
        }
        std::string joined;
        Tuple* parts = a.as<Tuple>();
        for (size_t k = 0; k < parts->size; ++k) {
            if (k)
                joined += '.';
            joined += parts->items[k].as<String>()->view();
        }
        out->items[i] = str_value(vm, joined);
        if (out->items[i].is_null())
            return nullptr;
    }
    return out;
}

// "operator.NAME(repr, repr, ...)" over the items of `items`, plus "k=repr" pairs.
Value getter_repr(VM& vm, Value self, char const* name, Tuple* items, Dict* kw)
{
    if (!repr_enter(vm, self.as_object()))
        return str_value(vm, std::string(name) + "(...)");
    std::string out = std::string("operator.") + name + "(";
    bool ok = true;
    for (size_t i = 0; ok && i < items->size; ++i) {
        Value r = repr(vm, items->items[i]);
        if (r.is_null()) {
            ok = false;
            break;
        }
        if (i)
            out += ", ";
        out += as_str(r)->view();
    }
    if (ok && kw) {
        size_t pos = 0;
        Value key, value;
        while (dict_next(kw, pos, key, value)) {
            Value r = repr(vm, value);
            if (r.is_null()) {
                ok = false;
                break;
            }
            out += ", ";
            out += as_str(key)->view();
            out += "=";
            out += as_str(r)->view();
        }
    }
    repr_leave(vm, self.as_object());
    if (!ok)
        return Value::null();
    return str_value(vm, out + ")");
}

Value attrgetter_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Tuple* names_t = attrgetter_names(vm, args[0].as<AttrGetter>());
    if (!names_t)
        return Value::null();
    return getter_repr(vm, args[0], "attrgetter", names_t, nullptr);
}

Value reduce_pair(VM& vm, Value self, Tuple* ctor_args)
{
    if (!ctor_args)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(self)), Value::from_object(ctor_args) }));
}

Value attrgetter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "attrgetter", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return reduce_pair(vm, args[0], attrgetter_names(vm, args[0].as<AttrGetter>()));
}

// ------------------------------------------------------------------ itemgetter

struct ItemGetter : Object {
    Tuple* items;
};

void itemgetter_trace(Object* self, Tracer& t) { t.visit(static_cast<ItemGetter*>(self)->items); }

Value itemgetter_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "itemgetter", kwnames))
        return Value::null();
    if (nargs < 2)
        return raise(vm, exc::TypeError, "itemgetter expected 1 argument, got 0");
    Tuple* items = tuple_from_array(vm, args + 1, nargs - 1);
    auto* g = items ? vm.heap.make<ItemGetter>(g_itemgetter) : nullptr;
    if (!g)
        return Value::null();
    g->items = items;
    return Value::from_object(g);
}

Value itemgetter_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "itemgetter", kwnames) || !unpack_args(vm, "itemgetter", nargs - 1, 1, 1))
        return Value::null();
    Tuple* items = args[0].as<ItemGetter>()->items;
    if (items->size == 1)
        return getitem(vm, args[1], items->items[0]);
    Tuple* result = tuple_new(vm, items->size);
    if (!result)
        return Value::null();
    for (size_t i = 0; i < items->size; ++i)
        result->items[i] = TRY(getitem(vm, args[1], items->items[i]));
    return Value::from_object(result);
}

Value itemgetter_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    return getter_repr(vm, args[0], "itemgetter", args[0].as<ItemGetter>()->items, nullptr);
}

Value itemgetter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "itemgetter", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return reduce_pair(vm, args[0], args[0].as<ItemGetter>()->items);
}

// ------------------------------------------------------------------ methodcaller

struct MethodCaller : Object {
    Value name; // interned str
    Tuple* args;
    Dict* kwargs;
};

void methodcaller_trace(Object* self, Tracer& t)
{
    auto* m = static_cast<MethodCaller*>(self);
    t.visit(m->name);
    t.visit(m->args);
    t.visit(m->kwargs);
}

Value methodcaller_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs < 2)
        return raise(vm, exc::TypeError, "methodcaller needs at least one argument, the method name");
    String* name = as_str(args[1]);
    if (!name)
        return raise(vm, exc::TypeError, "method name must be a string");
    String* in = intern(vm, name);
    Tuple* margs = tuple_from_array(vm, args + 2, nargs - 2);
    Dict* kw = dict_new(vm);
    if (!in || !margs || !kw)
        return Value::null();
    if (kwnames)
        for (size_t i = 0; i < kwnames->size; ++i)
            if (!dict_set(vm, kw, kwnames->items[i], args[nargs + i]))
                return Value::null();
    auto* m = vm.heap.make<MethodCaller>(g_methodcaller);
    if (!m)
        return Value::null();
    m->name = Value::from_object(in);
    m->args = margs;
    m->kwargs = kw;
    return Value::from_object(m);
}

Value methodcaller_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "methodcaller", kwnames) || !unpack_args(vm, "methodcaller", nargs - 1, 1, 1))
        return Value::null();
    auto* m = args[0].as<MethodCaller>();
    Value method = TRY(getattr(vm, args[1], m->name.as<String>()));
    size_t npos = m->args->size, nkw = m->kwargs->used;
    Tuple* buf = tuple_new(vm, npos + nkw);
    Tuple* names_t = nkw ? tuple_new(vm, nkw) : nullptr;
    if (!buf || (nkw && !names_t))
        return Value::null();
    for (size_t i = 0; i < npos; ++i)
        buf->items[i] = m->args->items[i];
    size_t pos = 0, k = 0;
    Value key, value;
    while (dict_next(m->kwargs, pos, key, value) && k < nkw) {
        names_t->items[k] = key;
        buf->items[npos + k] = value;
        ++k;
    }
    return call(vm, method, buf->items, npos, names_t);
}

Value methodcaller_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* m = args[0].as<MethodCaller>();
    Tuple* items = tuple_new(vm, m->args->size + 1);
    if (!items)
        return Value::null();
    items->items[0] = m->name;
    for (size_t i = 0; i < m->args->size; ++i)
        items->items[i + 1] = m->args->items[i];
    return getter_repr(vm, args[0], "methodcaller", items, m->kwargs);
}

Value methodcaller_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "methodcaller", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* m = args[0].as<MethodCaller>();
    Value cls = Value::from_object(type_of(args[0]));
    if (m->kwargs->used == 0) {
        Tuple* items = tuple_new(vm, m->args->size + 1);
        if (!items)
            return Value::null();
        items->items[0] = m->name;
        for (size_t i = 0; i < m->args->size; ++i)
            items->items[i + 1] = m->args->items[i];
        return reduce_pair(vm, args[0], items);
    }
    // functools.partial(type(self), name, **kwargs), args
    String* fname = intern(vm, "functools");
    String* pname = intern(vm, "partial");
    if (!fname || !pname)
        return Value::null();
    Value functools = TRY(interp(vm).import_module(fname));
    Value partial = TRY(getattr(vm, functools, pname));
    size_t nkw = m->kwargs->used;
    Tuple* buf = tuple_new(vm, 2 + nkw);
    Tuple* names_t = tuple_new(vm, nkw);
    if (!buf || !names_t)
        return Value::null();
    buf->items[0] = cls;
    buf->items[1] = m->name;
    size_t pos = 0, k = 0;
    Value key, value;
    while (dict_next(m->kwargs, pos, key, value) && k < nkw) {
        names_t->items[k] = key;
        buf->items[2 + k] = value;
        ++k;
    }
    Value p = TRY(call(vm, partial, buf->items, 2, names_t));
    return Value::from_object(tuple_pack(vm, { p, Value::from_object(m->args) }));
}

// ------------------------------------------------------------------ setup

void setup_types(VM& vm)
{
    g_attrgetter = make_module_type(vm, "operator", "attrgetter", nullptr, sizeof(AttrGetter), 0, attrgetter_trace);
    add_methods(vm, g_attrgetter, {
        { "__new__", attrgetter_new, METH_STATIC }, { "__call__", attrgetter_call }, { "__repr__", attrgetter_repr },
        { "__reduce__", attrgetter_reduce },
    });
    g_itemgetter = make_module_type(vm, "operator", "itemgetter", nullptr, sizeof(ItemGetter), 0, itemgetter_trace);
    add_methods(vm, g_itemgetter, {
        { "__new__", itemgetter_new, METH_STATIC }, { "__call__", itemgetter_call }, { "__repr__", itemgetter_repr },
        { "__reduce__", itemgetter_reduce },
    });
    g_methodcaller = make_module_type(vm, "operator", "methodcaller", nullptr, sizeof(MethodCaller), 0, methodcaller_trace);
    add_methods(vm, g_methodcaller, {
        { "__new__", methodcaller_new, METH_STATIC }, { "__call__", methodcaller_call },
        { "__repr__", methodcaller_repr }, { "__reduce__", methodcaller_reduce },
    });
    for (TypeObject* t : { g_attrgetter, g_itemgetter, g_methodcaller })
        finish_builtin_type(vm, t);
}

} // namespace

Module* make_operator_module(VM& vm)
{
    if (!g_attrgetter)
        setup_types(vm);
    Module* m = module_new(vm, "_operator");
    module_add_functions(vm, m, {
        { "abs", op_abs }, { "add", op_add }, { "and_", op_and_ }, { "call", op_call }, { "concat", op_concat },
        { "contains", op_contains }, { "countOf", op_countOf }, { "delitem", op_delitem }, { "eq", op_eq },
        { "floordiv", op_floordiv }, { "ge", op_ge }, { "getitem", op_getitem }, { "gt", op_gt }, { "iadd", op_iadd },
        { "iand", op_iand }, { "iconcat", op_iconcat }, { "ifloordiv", op_ifloordiv }, { "ilshift", op_ilshift },
        { "imatmul", op_imatmul }, { "imod", op_imod }, { "imul", op_imul }, { "index", op_index },
        { "indexOf", op_indexOf }, { "inv", op_inv }, { "invert", op_invert }, { "ior", op_ior }, { "ipow", op_ipow },
        { "irshift", op_irshift }, { "is_", op_is_ }, { "is_not", op_is_not }, { "isub", op_isub },
        { "itruediv", op_itruediv }, { "ixor", op_ixor }, { "le", op_le }, { "length_hint", op_length_hint },
        { "lshift", op_lshift }, { "lt", op_lt }, { "matmul", op_matmul }, { "mod", op_mod }, { "mul", op_mul },
        { "ne", op_ne }, { "neg", op_neg }, { "not_", op_not_ }, { "or_", op_or_ }, { "pos", op_pos }, { "pow", op_pow },
        { "rshift", op_rshift }, { "setitem", op_setitem }, { "sub", op_sub }, { "truediv", op_truediv },
        { "truth", op_truth }, { "xor", op_xor }, { "_compare_digest", op_compare_digest },
    });
    module_add(vm, m, "attrgetter", Value::from_object(g_attrgetter));
    module_add(vm, m, "itemgetter", Value::from_object(g_itemgetter));
    module_add(vm, m, "methodcaller", Value::from_object(g_methodcaller));
    return m;
}

} // namespace slpy
