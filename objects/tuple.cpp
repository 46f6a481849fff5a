// tuple: the Python-level behaviour of the immutable sequence (the layout and tuple_new
// live in objects/containers.cpp), its iterator, and the helpers shared with list:
// lexicographic comparison, repetition counts and the xxHash-based tuple hash.
#include "objects/reduce.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/slice.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>
#include <vector>

namespace slpy {

namespace {

Tuple* self_tuple(Value const* args) { return as_tuple(args[0]); }

// True for methods implemented natively (built-in types' slots): those never handle a
// sequence operand the way a Python-level __radd__/__rmul__ might.
bool is_native_callable(Value v)
{
    if (v.is_null() || !v.is_object())
        return true;
    TypeObject* t = v.as_object()->type;
    return t == types.builtin_function || t == types.method_descriptor || t == types.wrapper_descriptor;
}

Value tuple_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (kwnames && kwnames->size && cls == types.tuple)
        return raise(vm, exc::TypeError, "tuple() takes no keyword arguments");
    if (!check_nargs(vm, "tuple", nargs - 1, 0, 1))
        return Value::null();
    Value result;
    if (nargs == 1) {
        result = Value::from_object(empty_tuple());
    } else if (args[1].is_object() && args[1].as_object()->type == types.tuple) {
        result = args[1];
    } else {
        List* l = list_from_iterable(vm, args[1]);
        if (!l)
            return Value::null();
        result = TRY(Value::from_object(tuple_from_array(vm, l->items(), l->size)));
    }
    if (cls == types.tuple)
        return result;
    return box_value(vm, cls, result);
}

Value tuple_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    Tuple* t = self_tuple(args);
    if (t->size == 0)
        return str_value(vm, "()");
    if (!repr_enter(vm, t))
        return str_value(vm, "(...)");
    std::string out = "(";
    for (size_t i = 0; i < t->size; ++i) {
        if (i)
            out += ", ";
        Value r = repr(vm, t->items[i]);
        // The text grows with the items' reprs: through the heap's checked buffer.
        if (r.is_null() || !vm.heap.append_buffer(out, as_str(r)->view())) {
            repr_leave(vm, t);
            return Value::null();
        }
    }
    repr_leave(vm, t);
    out += t->size == 1 ? ",)" : ")";
    return str_value(vm, out);
}

Value tuple_hash_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__hash__", nargs - 1, kwnames, 0))
        return Value::null();
    int64_t h;
    if (!tuple_hash(vm, self_tuple(args), h))
        return Value::null();
    return int_from_i64(vm, h);
}

Value tuple_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    return int_from_i64(vm, static_cast<int64_t>(self_tuple(args)->size));
}

Value tuple_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__getitem__", nargs - 1, kwnames, 1))
        return Value::null();
    Tuple* t = self_tuple(args);
    Value key = args[1];
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (i < 0)
            i += static_cast<int64_t>(t->size);
        if (i < 0 || i >= static_cast<int64_t>(t->size))
            return raise(vm, exc::IndexError, "tuple index out of range");
        return t->items[i];
    }
    if (as_slice(key)) {
        int64_t start, stop, step, n;
        if (!slice_indices(vm, key, static_cast<int64_t>(t->size), start, stop, step, n))
            return Value::null();
        if (n <= 0)
            return Value::from_object(empty_tuple());
        if (step == 1 && n == static_cast<int64_t>(t->size) && args[0].as_object()->type == types.tuple)
            return args[0];
        Tuple* r = tuple_new(vm, static_cast<size_t>(n));
        if (!r)
            return Value::null();
        for (int64_t k = 0, i = start; k < n; ++k, i += step)
            r->items[k] = t->items[i];
        return Value::from_object(r);
    }
    return raise_fmt(vm, exc::TypeError, "tuple indices must be integers or slices, not %s", type_name(key));
}

Value tuple_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__contains__", nargs - 1, kwnames, 1))
        return Value::null();
    Tuple* t = self_tuple(args);
    for (size_t i = 0; i < t->size; ++i) {
        int r = equal(vm, t->items[i], args[1]);
        if (r < 0)
            return Value::null();
        if (r)
            return py_true();
    }
    return py_false();
}

Value tuple_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    return tuple_iter_new(vm, self_tuple(args));
}

Value tuple_add(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__add__", nargs - 1, kwnames, 1))
        return Value::null();
    Tuple* a = self_tuple(args);
    Tuple* b = as_tuple(args[1]);
    if (!b) {
        if (!is_native_callable(type_of(args[1])->slot(Slot::RADD)))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can only concatenate tuple (not \"%s\") to tuple", type_name(args[1]));
    }
    if (b->size == 0 && args[0].as_object()->type == types.tuple)
        return args[0];
    if (a->size == 0 && args[1].as_object()->type == types.tuple)
        return args[1];
    Tuple* r = tuple_new(vm, a->size + b->size);
    if (!r)
        return Value::null();
    for (size_t i = 0; i < a->size; ++i)
        r->items[i] = a->items[i];
    for (size_t i = 0; i < b->size; ++i)
        r->items[a->size + i] = b->items[i];
    return Value::from_object(r);
}

Value tuple_repeat(VM& vm, Value self, Value n)
{
    Tuple* t = as_tuple(self);
    int64_t times;
    if (!repeat_count(vm, t->size, n, times))
        return Value::null();
    if (times == 1 && self.as_object()->type == types.tuple)
        return self;
    if (times == 0 || t->size == 0)
        return Value::from_object(empty_tuple());
    Tuple* r = tuple_new(vm, t->size * static_cast<size_t>(times));
    if (!r)
        return Value::null();
    Value* out = r->items;
    for (int64_t k = 0; k < times; ++k)
        for (size_t i = 0; i < t->size; ++i)
            *out++ = t->items[i];
    return Value::from_object(r);
}

Value tuple_mul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__mul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    if (!is_index_like(args[1])) {
        if (!is_native_callable(type_of(args[1])->slot(Slot::RMUL)))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(args[1]));
    }
    return tuple_repeat(vm, args[0], args[1]);
}

Value tuple_rmul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__rmul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    if (!is_index_like(args[1]))
        return py_not_implemented();
    return tuple_repeat(vm, args[0], args[1]);
}

Value tuple_cmp(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, CmpArg op)
{
    if (!check_wrapper_args(vm, cmp_method_name(op), nargs - 1, kwnames, 1))
        return Value::null();
    if (!as_tuple(args[1]))
        return py_not_implemented();
    return sequence_compare(vm, args[0], args[1], op);
}

Value tuple_lt(VM& vm, Value const* a, size_t n, Tuple* kw) { return tuple_cmp(vm, a, n, kw, CmpArg::LT); }
Value tuple_le(VM& vm, Value const* a, size_t n, Tuple* kw) { return tuple_cmp(vm, a, n, kw, CmpArg::LE); }
Value tuple_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return tuple_cmp(vm, a, n, kw, CmpArg::EQ); }
Value tuple_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return tuple_cmp(vm, a, n, kw, CmpArg::NE); }
Value tuple_gt(VM& vm, Value const* a, size_t n, Tuple* kw) { return tuple_cmp(vm, a, n, kw, CmpArg::GT); }
Value tuple_ge(VM& vm, Value const* a, size_t n, Tuple* kw) { return tuple_cmp(vm, a, n, kw, CmpArg::GE); }

Value tuple_count(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "tuple", "count", nargs - 1, kwnames))
        return Value::null();
    Tuple* t = self_tuple(args);
    int64_t count = 0;
    for (size_t i = 0; i < t->size; ++i) {
        int r = equal(vm, t->items[i], args[1]);
        if (r < 0)
            return Value::null();
        count += r;
    }
    return int_from_i64(vm, count);
}

// Converts an optional start/stop argument of index(): clamped, negative values
// counted from the end and clipped at 0.
bool index_bound(VM& vm, Value v, int64_t size, int64_t& out)
{
    if (!slice_index_not_none(vm, v, out))
        return false;
    if (out < 0) {
        out += size;
        if (out < 0)
            out = 0;
    }
    return true;
}

Value tuple_index(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "tuple.index", kwnames) || !check_nargs(vm, "index", nargs - 1, 1, 3))
        return Value::null();
    Tuple* t = self_tuple(args);
    int64_t size = static_cast<int64_t>(t->size);
    int64_t start = 0, stop = size;
    if (nargs > 2 && !index_bound(vm, args[2], size, start))
        return Value::null();
    if (nargs > 3 && !index_bound(vm, args[3], size, stop))
        return Value::null();
    for (int64_t i = start; i < stop && i < size; ++i) {
        int r = equal(vm, t->items[i], args[1]);
        if (r < 0)
            return Value::null();
        if (r)
            return int_from_i64(vm, i);
    }
    return raise(vm, exc::ValueError, "tuple.index(x): x not in tuple");
}

Value tuple_getnewargs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "tuple", "__getnewargs__", nargs - 1, kwnames))
        return Value::null();
    Tuple* t = self_tuple(args);
    Tuple* copy = tuple_from_array(vm, t->items, t->size);
    if (!copy)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { Value::from_object(copy) }));
}

// ---- tuple_iterator

void tuple_iter_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<TupleIterator*>(self)->tuple); }

Value tuple_iter_step(VM& vm, Value self)
{
    auto* it = self.as<TupleIterator>();
    if (it->tuple && it->index < it->tuple->size)
        return it->tuple->items[it->index++];
    it->tuple = nullptr;
    return Value::stop_iteration();
}

Value tuple_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "tuple_iterator", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<TupleIterator>();
    int64_t n = it->tuple ? static_cast<int64_t>(it->tuple->size - it->index) : 0;
    return int_from_i64(vm, n);
}

// __reduce__: (iter, (tuple,), index), or iter(()) once exhausted.
Value tuple_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "tuple_iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<TupleIterator>();
    if (it->tuple)
        return reduce_builtin(vm, "iter", { Value::from_object(it->tuple) }, int_from_i64(vm, int64_t(it->index)));
    return reduce_builtin(vm, "iter", { Value::from_object(empty_tuple()) });
}

Value tuple_iter_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "tuple_iterator", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<TupleIterator>();
    int64_t index;
    if (!setstate_index(vm, args[1], 0, it->tuple ? int64_t(it->tuple->size) : 0, index))
        return Value::null();
    if (it->tuple)
        it->index = size_t(index);
    return py_none();
}

} // namespace

// ------------------------------------------------------------------ shared helpers

Value tuple_iter_new(VM& vm, Tuple* t)
{
    auto* it = vm.heap.make<TupleIterator>(types.tuple_iterator);
    if (!it)
        return Value::null();
    it->tuple = t;
    it->index = 0;
    return Value::from_object(it);
}

bool tuple_hash(VM& vm, Tuple* t, int64_t& out)
{
    // xxHash-style mixing (CPython 3.11 tuplehash), on the unsigned 64-bit hash values.
    constexpr uint64_t kPrime1 = 11400714785074694791ull;
    constexpr uint64_t kPrime2 = 14029467366897019727ull;
    constexpr uint64_t kPrime5 = 2870177450012600261ull;
    auto mix = [](uint64_t acc, int64_t lane) {
        acc += static_cast<uint64_t>(lane) * kPrime2;
        acc = (acc << 31) | (acc >> 33);
        return acc * kPrime1;
    };
    auto finish = [](uint64_t acc, size_t size) {
        acc += static_cast<uint64_t>(size) ^ (kPrime5 ^ 3527539ull);
        return acc == static_cast<uint64_t>(-1) ? uint64_t(1546275796) : acc;
    };
    // Other hashable containers holding tuples come back here through hash().
    NestingGuard nesting(vm, "");
    if (!nesting.ok())
        return false;
    // Exact tuples nested in tuples (cons-style chains of any depth) are walked with an
    // explicit stack, as CPython's C recursion has no limit there. The nested tuples stay
    // alive: they are reachable from `t`, which the caller holds, and tuples are immutable.
    struct Level {
        Tuple* tuple;
        size_t index;
        uint64_t acc;
    };
    // The first levels live here; std::vector only for deeper chains (hashing is hot).
    constexpr size_t kInline = 8;
    Level inline_levels[kInline];
    std::vector<Level> deep_levels;
    size_t depth = 0;
    auto level = [&](size_t i) -> Level& { return i < kInline ? inline_levels[i] : deep_levels[i - kInline]; };
    auto push = [&](Tuple* tuple) {
        Level l { tuple, 0, kPrime5 };
        if (depth < kInline)
            inline_levels[depth] = l;
        else if (depth - kInline < deep_levels.size())
            deep_levels[depth - kInline] = l;
        else
            deep_levels.push_back(l);
        ++depth;
    };
    push(t);
    for (;;) {
        Level& top = level(depth - 1);
        if (top.index < top.tuple->size) {
            Value item = top.tuple->items[top.index];
            if (item.is_object() && item.as_object()->type == types.tuple) {
                push(item.as<Tuple>());
                continue;
            }
            int64_t lane;
            if (!hash(vm, item, lane))
                return false;
            top.acc = mix(top.acc, lane);
            top.index++;
            continue;
        }
        uint64_t h = finish(top.acc, top.tuple->size);
        if (--depth == 0) {
            out = static_cast<int64_t>(h);
            return true;
        }
        Level& parent = level(depth - 1);
        parent.acc = mix(parent.acc, static_cast<int64_t>(h));
        parent.index++;
    }
}

bool repeat_count(VM& vm, size_t size, Value n, int64_t& times)
{
    Value i = index(vm, n);
    if (i.is_null())
        return false;
    if (!int_to_i64(i, times)) { // huge counts of either sign, as PyNumber_AsSsize_t
        (void)raise_fmt(vm, exc::OverflowError, "cannot fit '%s' into an index-sized integer", type_name(n));
        return false;
    }
    if (times < 0)
        times = 0;
    // A product beyond PY_SSIZE_T_MAX is MemoryError at once, as in CPython; anything
    // smaller is asked of the heap, which fails fast when it cannot fit.
    if (size && times > INT64_MAX / static_cast<int64_t>(size)) {
        (void)raise_no_memory(vm);
        return false;
    }
    return true;
}

namespace {

// Items of a tuple or list Value, re-read on every call.
bool seq_view(Value v, Value const*& items, size_t& n)
{
    if (Tuple* t = as_tuple(v)) {
        items = t->items;
        n = t->size;
        return true;
    }
    if (List* l = as_list(v)) {
        items = l->items();
        n = l->size;
        return true;
    }
    return false;
}

bool cmp_holds(int64_t c, CmpArg op)
{
    switch (op) {
    case CmpArg::LT: return c < 0;
    case CmpArg::LE: return c <= 0;
    case CmpArg::EQ: return c == 0;
    case CmpArg::NE: return c != 0;
    case CmpArg::GT: return c > 0;
    case CmpArg::GE: return c >= 0;
    }
    return false;
}

} // namespace

Value sequence_compare(VM& vm, Value a, Value b, CmpArg op)
{
    Value const* ia = nullptr;
    Value const* ib = nullptr;
    size_t na = 0, nb = 0;
    seq_view(a, ia, na);
    seq_view(b, ib, nb);
    if (na != nb && (op == CmpArg::EQ || op == CmpArg::NE))
        return py_bool(op == CmpArg::NE);
    // The first index where the items differ.
    size_t i = 0;
    for (;; ++i) {
        seq_view(a, ia, na);
        seq_view(b, ib, nb);
        if (i >= na || i >= nb)
            break;
        Value x = ia[i];
        Value y = ib[i];
        int r = equal(vm, x, y);
        if (r < 0)
            return Value::null();
        if (!r)
            break;
    }
    // The last __eq__ may have resized a list: decide on the current sizes and items.
    seq_view(a, ia, na);
    seq_view(b, ib, nb);
    if (i >= na || i >= nb)
        return py_bool(cmp_holds(static_cast<int64_t>(na) - static_cast<int64_t>(nb), op));
    if (op == CmpArg::EQ)
        return py_false();
    if (op == CmpArg::NE)
        return py_true();
    return rich_compare(vm, ia[i], ib[i], op);
}

void setup_tuple(VM& vm)
{
    TypeObject* t = types.tuple;
    add_methods(vm, t,
                {
                    { "__new__", tuple_new_method, METH_STATIC },
                    { "__repr__", tuple_repr },
                    { "__hash__", tuple_hash_method },
                    { "__len__", tuple_len },
                    { "__getitem__", tuple_getitem },
                    { "__contains__", tuple_contains },
                    { "__iter__", tuple_iter },
                    { "__add__", tuple_add },
                    { "__mul__", tuple_mul },
                    { "__rmul__", tuple_rmul },
                    { "__lt__", tuple_lt },
                    { "__le__", tuple_le },
                    { "__eq__", tuple_eq },
                    { "__ne__", tuple_ne },
                    { "__gt__", tuple_gt },
                    { "__ge__", tuple_ge },
                    { "count", tuple_count, 0, "Return number of occurrences of value." },
                    { "index", tuple_index, 0,
                      "Return first index of value.\n\nRaises ValueError if the value is not present." },
                    { "__getnewargs__", tuple_getnewargs },
                });

    TypeObject* it = types.tuple_iterator;
    it->basicsize = sizeof(TupleIterator);
    it->trace = tuple_iter_trace;
    it->iternext = tuple_iter_step;
    add_methods(vm, it,
                {
                    { "__iter__", iter_self_method },
                    { "__next__", next_method<tuple_iter_step> },
                    { "__length_hint__", tuple_iter_length_hint },
                    { "__reduce__", tuple_iter_reduce },
                    { "__setstate__", tuple_iter_setstate },
                });
}

} // namespace slpy
