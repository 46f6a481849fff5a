// The _collections module: deque (with its iterators), defaultdict, _count_elements
// and _tuplegetter (the field descriptors of namedtuple classes), as CPython 3.11's.
// OrderedDict is in odict.cpp.
//
// A deque is a ring buffer of Values in a heap ValueArray whose capacity is a power of
// two. `state` counts mutations, as CPython's does: iterators and the searching methods
// (count, index, remove, __contains__, comparisons) compare it across each call into
// Python and raise "deque mutated during iteration" when it moved.
#include "stackless/modules/data_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"

#include <string>

namespace slpy {

namespace {

TypeObject* g_deque = nullptr;
TypeObject* g_deque_iter = nullptr;
TypeObject* g_deque_reviter = nullptr;
TypeObject* g_defaultdict = nullptr;
TypeObject* g_tuplegetter = nullptr;

// ------------------------------------------------------------------ deque storage

struct Deque : Object {
    ValueArray* buf; // capacity a power of two (or null while never grown)
    int64_t head;    // index in buf of item 0
    int64_t size;
    int64_t maxlen;  // -1: unbounded
    uint64_t state;  // bumped by every mutation that moves items
};

void deque_trace(Object* self, Tracer& t) { t.visit(static_cast<Deque*>(self)->buf); }

Deque* as_deque(Value v) { return is_instance_fast(v, g_deque) ? v.as<Deque>() : nullptr; }

inline int64_t cap(Deque const* d) { return d->buf ? int64_t(d->buf->capacity) : 0; }
inline Value& slot_at(Deque* d, int64_t i) { return d->buf->items[(d->head + i) & (cap(d) - 1)]; }

bool deque_grow(VM& vm, Deque* d, int64_t need)
{
    if (need <= cap(d))
        return true;
    int64_t c = cap(d) ? cap(d) : 8;
    while (c < need)
        c *= 2;
    ValueArray* nb = value_array_new(vm, size_t(c));
    if (!nb)
        return false;
    for (int64_t i = 0; i < d->size; ++i)
        nb->items[i] = slot_at(d, i);
    d->buf = nb;
    d->head = 0;
    return true;
}

Value deque_pop_back(Deque* d)
{
    Value& s = slot_at(d, d->size - 1);
    Value v = s;
    s = Value::null();
    d->size--;
    d->state++;
    return v;
}

Value deque_pop_front(Deque* d)
{
    Value& s = slot_at(d, 0);
    Value v = s;
    s = Value::null();
    d->head = (d->head + 1) & (cap(d) - 1);
    d->size--;
    d->state++;
    return v;
}

// append / appendleft, trimming the other end past maxlen. False on MemoryError.
bool deque_push_back(VM& vm, Deque* d, Value v)
{
    if (!deque_grow(vm, d, d->size + 1))
        return false;
    slot_at(d, d->size) = v;
    d->size++;
    d->state++;
    if (d->maxlen >= 0 && d->size > d->maxlen)
        (void)deque_pop_front(d);
    return true;
}

bool deque_push_front(VM& vm, Deque* d, Value v)
{
    if (!deque_grow(vm, d, d->size + 1))
        return false;
    d->head = (d->head - 1) & (cap(d) - 1);
    slot_at(d, 0) = v;
    d->size++;
    d->state++;
    if (d->maxlen >= 0 && d->size > d->maxlen)
        (void)deque_pop_back(d);
    return true;
}

void deque_clear_items(Deque* d)
{
    for (int64_t i = 0; i < d->size; ++i)
        slot_at(d, i) = Value::null();
    d->size = 0;
    d->head = 0;
    d->state++;
}

// Rotates right by n (left when negative).
void deque_rotate_by(Deque* d, int64_t n)
{
    int64_t len = d->size;
    if (len <= 1)
        return;
    n %= len;
    if (n < 0)
        n += len;
    if (n == 0)
        return;
    // Moving the items one by one keeps the ring's free slots null.
    if (n <= len / 2) {
        for (int64_t i = 0; i < n; ++i) {
            Value v = slot_at(d, len - 1);
            slot_at(d, len - 1) = Value::null();
            d->head = (d->head - 1) & (cap(d) - 1);
            slot_at(d, 0) = v;
        }
    } else {
        for (int64_t i = 0; i < len - n; ++i) {
            Value v = slot_at(d, 0);
            slot_at(d, 0) = Value::null();
            d->head = (d->head + 1) & (cap(d) - 1);
            slot_at(d, len - 1) = v;
        }
    }
}

// Removes item i (0 <= i < size).
void deque_del_at(Deque* d, int64_t i)
{
    for (int64_t j = i; j + 1 < d->size; ++j)
        slot_at(d, j) = slot_at(d, j + 1);
    slot_at(d, d->size - 1) = Value::null();
    d->size--;
    d->state++;
}

Value raise_mutated(VM& vm) { return raise(vm, exc::RuntimeError, "deque mutated during iteration"); }

// ------------------------------------------------------------------ deque methods

#define SELF_DEQUE Deque* d = args[0].as<Deque>()

Value deque_new(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* d = static_cast<Deque*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!d)
        return Value::null();
    d->maxlen = -1;
    return Value::from_object(d);
}

bool deque_extend_from(VM& vm, Deque* d, Value iterable, bool left);

Value deque_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SELF_DEQUE;
    Value out[2];
    if (!parse_args(vm, "deque", args + 1, nargs - 1, kwnames, { "iterable", "maxlen" }, 0, out))
        return Value::null();
    int64_t maxlen = -1;
    if (!out[1].is_null() && !is_none(out[1])) {
        if (!is_int(out[1]))
            return raise(vm, exc::TypeError, "an integer is required");
        if (!index_i64(vm, out[1], maxlen))
            return Value::null();
        if (maxlen < 0)
            return raise(vm, exc::ValueError, "maxlen must be non-negative");
    }
    d->maxlen = maxlen;
    if (d->size > 0)
        deque_clear_items(d);
    if (!out[0].is_null() && !deque_extend_from(vm, d, out[0], false))
        return Value::null();
    return py_none();
}

bool deque_extend_from(VM& vm, Deque* d, Value iterable, bool left)
{
    // d.extend(d): iterate over a snapshot.
    if (iterable.is_object() && iterable.as_object() == d) {
        List* l = list_from_iterable(vm, iterable);
        if (!l)
            return false;
        iterable = Value::from_object(l);
    }
    Value it = get_iter(vm, iterable);
    if (it.is_null())
        return false;
    for (;;) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            return true;
        if (d->maxlen == 0)
            continue;
        if (!(left ? deque_push_front(vm, d, item) : deque_push_back(vm, d, item)))
            return false;
    }
}

Value deque_append(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "deque", "append", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    if (d->maxlen == 0)
        return py_none();
    if (!deque_push_back(vm, d, args[1]))
        return Value::null();
    return py_none();
}

Value deque_appendleft(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "deque", "appendleft", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    if (d->maxlen == 0)
        return py_none();
    if (!deque_push_front(vm, d, args[1]))
        return Value::null();
    return py_none();
}

Value deque_extend(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "deque", "extend", nargs - 1, kwnames))
        return Value::null();
    if (!deque_extend_from(vm, args[0].as<Deque>(), args[1], false))
        return Value::null();
    return py_none();
}

Value deque_extendleft(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "deque", "extendleft", nargs - 1, kwnames))
        return Value::null();
    if (!deque_extend_from(vm, args[0].as<Deque>(), args[1], true))
        return Value::null();
    return py_none();
}

Value deque_pop(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "pop", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    if (d->size == 0)
        return raise(vm, exc::IndexError, "pop from an empty deque");
    return deque_pop_back(d);
}

Value deque_popleft(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "popleft", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    if (d->size == 0)
        return raise(vm, exc::IndexError, "pop from an empty deque");
    return deque_pop_front(d);
}

Value deque_clear(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "clear", nargs - 1, kwnames))
        return Value::null();
    deque_clear_items(args[0].as<Deque>());
    return py_none();
}

Value deque_rotate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "rotate", kwnames) || !unpack_args(vm, "rotate", nargs - 1, 0, 1))
        return Value::null();
    int64_t n = 1;
    if (nargs == 2 && !index_i64(vm, args[1], n))
        return Value::null();
    deque_rotate_by(args[0].as<Deque>(), n);
    return py_none();
}

Value deque_reverse(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "reverse", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    for (int64_t i = 0, j = d->size - 1; i < j; ++i, --j)
        std::swap(slot_at(d, i), slot_at(d, j));
    return py_none();
}

Value deque_count(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "deque", "count", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    uint64_t state = d->state;
    int64_t count = 0;
    for (int64_t i = 0; i < d->size; ++i) {
        int eq = equal(vm, slot_at(d, i), args[1]); // identity implies equality, as list's
        if (eq < 0)
            return Value::null();
        count += eq;
        if (state != d->state)
            return raise_mutated(vm);
    }
    return int_from_i64(vm, count);
}

// _PyEval_SliceIndexNotNone for index()'s bounds.
bool slice_index_arg(VM& vm, Value v, int64_t& out)
{
    if (type_of(v)->slot(Slot::INDEX).is_null()) {
        raise(vm, exc::TypeError, "slice indices must be integers or have an __index__ method");
        return false;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    if (!int_to_i64(int_unwrap(i), out))
        out = int_sign(int_unwrap(i)) < 0 ? INT64_MIN : INT64_MAX;
    return true;
}

Value raise_not_in_deque(VM& vm, Value v)
{
    Value r = TRY(repr(vm, v));
    return raise_fmt(vm, exc::ValueError, "%s is not in deque", as_str(r)->c_str());
}

Value deque_index(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "index", kwnames) || !unpack_args(vm, "index", nargs - 1, 1, 3))
        return Value::null();
    SELF_DEQUE;
    int64_t start = 0, stop = INT64_MAX;
    if (nargs > 2 && !slice_index_arg(vm, args[2], start))
        return Value::null();
    if (nargs > 3 && !slice_index_arg(vm, args[3], stop))
        return Value::null();
    int64_t n = d->size;
    if (start < 0) {
        start += n;
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += n;
        if (stop < 0)
            stop = 0;
    }
    if (stop > n)
        stop = n;
    if (start > stop)
        start = stop;
    uint64_t state = d->state;
    for (int64_t i = start; i < stop && i < d->size; ++i) {
        int eq = equal(vm, slot_at(d, i), args[1]); // identity implies equality, as list's
        if (eq < 0)
            return Value::null();
        if (state != d->state)
            return raise_mutated(vm);
        if (eq)
            return int_from_i64(vm, i);
    }
    return raise_not_in_deque(vm, args[1]);
}

Value deque_insert(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "insert", kwnames))
        return Value::null();
    if (nargs - 1 != 2)
        return raise_fmt(vm, exc::TypeError, "insert() takes exactly 2 arguments (%zu given)", nargs - 1);
    SELF_DEQUE;
    int64_t index;
    if (!index_i64(vm, args[1], index))
        return Value::null();
    int64_t n = d->size;
    if (d->maxlen == n)
        return raise(vm, exc::IndexError, "deque already at its maximum size");
    bool ok;
    if (index >= n) {
        ok = deque_push_back(vm, d, args[2]);
    } else if (index <= -n || index == 0) {
        ok = deque_push_front(vm, d, args[2]);
    } else {
        deque_rotate_by(d, -index);
        ok = index < 0 ? deque_push_back(vm, d, args[2]) : deque_push_front(vm, d, args[2]);
        deque_rotate_by(d, index);
    }
    return ok ? py_none() : Value::null();
}

Value deque_remove(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "deque", "remove", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    uint64_t state = d->state;
    int64_t n = d->size;
    for (int64_t i = 0; i < n; ++i) {
        int eq = equal(vm, slot_at(d, i), args[1]); // identity implies equality, as list's
        if (eq < 0)
            return Value::null();
        if (state != d->state)
            return raise(vm, exc::IndexError, "deque mutated during iteration");
        if (eq) {
            deque_del_at(d, i);
            return py_none();
        }
    }
    return raise_not_in_deque(vm, args[1]);
}

Value deque_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    return int_from_i64(vm, args[0].as<Deque>()->size);
}

Value deque_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__contains__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_DEQUE;
    uint64_t state = d->state;
    for (int64_t i = 0; i < d->size; ++i) {
        int eq = equal(vm, slot_at(d, i), args[1]); // identity implies equality, as list's
        if (eq < 0)
            return Value::null();
        if (state != d->state)
            return raise_mutated(vm);
        if (eq)
            return py_true();
    }
    return py_false();
}

// The index argument of __getitem__/__setitem__/__delitem__, made non-negative.
bool item_index(VM& vm, Deque* d, Value key, int64_t& i)
{
    if (type_of(key)->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "sequence index must be integer, not '%s'", type_name(key));
        return false;
    }
    if (!index_i64(vm, key, i))
        return false;
    if (i < 0)
        i += d->size;
    if (i < 0 || i >= d->size) {
        raise(vm, exc::IndexError, "deque index out of range");
        return false;
    }
    return true;
}

Value deque_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__getitem__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_DEQUE;
    int64_t i;
    if (!item_index(vm, d, args[1], i))
        return Value::null();
    return slot_at(d, i);
}

Value deque_setitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__setitem__", nargs - 1, kwnames, 2, true))
        return Value::null();
    SELF_DEQUE;
    int64_t i;
    if (!item_index(vm, d, args[1], i))
        return Value::null();
    slot_at(d, i) = args[2];
    return py_none();
}

Value deque_delitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__delitem__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_DEQUE;
    int64_t i;
    if (!item_index(vm, d, args[1], i))
        return Value::null();
    deque_del_at(d, i);
    return py_none();
}

// A copy of the deque as a list (repr, reduce).
List* deque_to_list(VM& vm, Deque* d)
{
    List* l = list_new(vm, size_t(d->size));
    if (!l)
        return nullptr;
    for (int64_t i = 0; i < d->size; ++i)
        if (!list_append(vm, l, slot_at(d, i)))
            return nullptr;
    return l;
}

Value deque_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_DEQUE;
    if (!repr_enter(vm, d))
        return str_value(vm, "[...]");
    List* l = deque_to_list(vm, d);
    Value r = l ? repr(vm, Value::from_object(l)) : Value::null();
    repr_leave(vm, d);
    if (r.is_null())
        return r;
    std::string out = type_of(args[0])->name->c_str(); // the bare name, as _PyType_Name
    out += "(";
    out += as_str(r)->view();
    if (d->maxlen >= 0)
        out += ", maxlen=" + std::to_string(d->maxlen);
    out += ")";
    return str_value(vm, out);
}

// copy(d): a deque of the same class and maxlen (a subclass through cls(d[, maxlen])).
Value deque_copy_of(VM& vm, Value self)
{
    Deque* d = self.as<Deque>();
    TypeObject* cls = type_of(self);
    if (cls == g_deque) {
        auto* nd = static_cast<Deque*>(alloc_instance(vm, g_deque));
        if (!nd)
            return Value::null();
        nd->maxlen = d->maxlen;
        if (!deque_grow(vm, nd, d->size))
            return Value::null();
        for (int64_t i = 0; i < d->size; ++i)
            nd->buf->items[i] = slot_at(d, i);
        nd->size = d->size;
        return Value::from_object(nd);
    }
    if (d->maxlen < 0)
        return call1(vm, Value::from_object(cls), self);
    Value ml = TRY(int_from_i64(vm, d->maxlen));
    return call2(vm, Value::from_object(cls), self, ml);
}

Value deque_copy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "copy", nargs - 1, kwnames))
        return Value::null();
    return deque_copy_of(vm, args[0]);
}

Value deque_copy_dunder(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "__copy__", nargs - 1, kwnames))
        return Value::null();
    return deque_copy_of(vm, args[0]);
}

Value deque_iter_make(VM& vm, TypeObject* type, Deque* d, int64_t index);

// The instance state pickle saves: the __dict__ when it has anything, else None.
Value instance_state(VM& vm, Value self)
{
    Dict* dict = self.is_object() ? instance_dict(vm, self.as_object(), false) : nullptr;
    if (dict && dict->used)
        return Value::from_object(dict);
    return py_none();
}

Value deque_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    Value state = instance_state(vm, args[0]);
    Value it = TRY(deque_iter_make(vm, g_deque_iter, d, 0));
    Tuple* ctor_args;
    if (d->maxlen < 0)
        ctor_args = empty_tuple();
    else
        ctor_args = tuple_pack(vm, { Value::from_object(empty_tuple()), int_from_i64(vm, d->maxlen) });
    if (!ctor_args)
        return Value::null();
    return Value::from_object(
        tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(ctor_args), state, it }));
}

Value deque_get_maxlen(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_DEQUE;
    if (d->maxlen < 0)
        return py_none();
    return int_from_i64(vm, d->maxlen);
}

Value deque_sizeof(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "__sizeof__", nargs - 1, kwnames))
        return Value::null();
    SELF_DEQUE;
    return int_from_i64(vm, int64_t(sizeof(Deque)) + cap(d) * int64_t(sizeof(Value)));
}

Value deque_iadd(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iadd__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!deque_extend_from(vm, args[0].as<Deque>(), args[1], false))
        return Value::null();
    return args[0];
}

Value deque_add(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__add__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!as_deque(args[1]))
        return raise_fmt(vm, exc::TypeError, "can only concatenate deque (not \"%s\") to deque", type_name(args[1]));
    Value r = TRY(deque_copy_of(vm, args[0]));
    if (!as_deque(r))
        return raise(vm, exc::TypeError, "copy of deque subclass did not return a deque");
    if (!deque_extend_from(vm, r.as<Deque>(), args[1], false))
        return Value::null();
    return r;
}

// d *= n: the items repeated; with maxlen, only the last maxlen of them are kept.
bool deque_repeat_in_place(VM& vm, Deque* d, Value nv)
{
    if (type_of(nv)->slot(Slot::INDEX).is_null()) {
        raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(nv));
        return false;
    }
    int64_t n;
    if (!index_i64(vm, nv, n))
        return false;
    int64_t size = d->size;
    if (n <= 0) {
        deque_clear_items(d);
        return true;
    }
    if (size == 0 || n == 1)
        return true;
    int64_t total;
    if (__builtin_mul_overflow(size, n, &total) || total > (int64_t(1) << 56)) {
        if (d->maxlen < 0) {
            raise_no_memory(vm);
            return false;
        }
        total = INT64_MAX;
    }
    int64_t keep = d->maxlen >= 0 && d->maxlen < total ? d->maxlen : total;
    // Items of the result are item (k % size); only the last `keep` of them survive.
    Tuple* snap = tuple_new(vm, size_t(size));
    if (!snap)
        return false;
    for (int64_t i = 0; i < size; ++i)
        snap->items[i] = slot_at(d, i);
    int64_t first = total == INT64_MAX ? (size - keep % size) % size : (total - keep) % size;
    deque_clear_items(d);
    if (!deque_grow(vm, d, keep))
        return false;
    for (int64_t k = 0; k < keep; ++k)
        d->buf->items[k] = snap->items[(first + k) % size];
    d->head = 0;
    d->size = keep;
    return true;
}

Value deque_imul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__imul__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!deque_repeat_in_place(vm, args[0].as<Deque>(), args[1]))
        return Value::null();
    return args[0];
}

Value deque_mul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__mul__", nargs - 1, kwnames, 1))
        return Value::null();
    // A class with its own __rmul__ gets its turn; otherwise this is CPython's sequence
    // repeat, which names the operand it cannot use.
    TypeObject* ot = type_of(args[1]);
    if (ot->slot(Slot::INDEX).is_null() && ot->is_heap_type() && !ot->slot(Slot::RMUL).is_null())
        return py_not_implemented();
    Value r = TRY(deque_copy_of(vm, args[0]));
    if (!as_deque(r))
        return raise(vm, exc::TypeError, "copy of deque subclass did not return a deque");
    if (!deque_repeat_in_place(vm, r.as<Deque>(), args[1]))
        return Value::null();
    return r;
}

Value deque_richcompare(VM& vm, Value v, Value w, CmpArg op)
{
    Deque* a = as_deque(v);
    Deque* b = as_deque(w);
    if (!a || !b)
        return py_not_implemented();
    if (op == CmpArg::EQ || op == CmpArg::NE) {
        bool eq_op = op == CmpArg::EQ;
        if (a == b)
            return py_bool(eq_op);
        if (a->size != b->size)
            return py_bool(!eq_op);
    }
    Value it1 = TRY(deque_iter_make(vm, g_deque_iter, a, 0));
    Value it2 = TRY(deque_iter_make(vm, g_deque_iter, b, 0));
    Value x, y;
    for (;;) {
        x = TRY(iter_next(vm, it1));
        y = TRY(iter_next(vm, it2));
        if (x.is_stop_iteration() || y.is_stop_iteration())
            break;
        int eq = equal(vm, x, y);
        if (eq < 0)
            return Value::null();
        if (!eq)
            return rich_compare(vm, x, y, op);
    }
    bool xend = x.is_stop_iteration(), yend = y.is_stop_iteration();
    switch (op) {
    case CmpArg::LT: return py_bool(!yend);
    case CmpArg::LE: return py_bool(xend);
    case CmpArg::EQ: return py_bool(xend == yend);
    case CmpArg::NE: return py_bool(xend != yend);
    case CmpArg::GT: return py_bool(!xend);
    case CmpArg::GE: return py_bool(yend);
    }
    return py_not_implemented();
}

template<CmpArg Op>
Value deque_cmp_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, cmp_method_name(Op), nargs - 1, kwnames, 1))
        return Value::null();
    return deque_richcompare(vm, args[0], args[1], Op);
}

Value deque_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    return deque_iter_make(vm, g_deque_iter, args[0].as<Deque>(), 0);
}

Value deque_reversed(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "deque", "__reversed__", nargs - 1, kwnames))
        return Value::null();
    return deque_iter_make(vm, g_deque_reviter, args[0].as<Deque>(), 0);
}

#undef SELF_DEQUE

// ------------------------------------------------------------------ deque iterators

struct DequeIter : Object {
    Value deque;
    int64_t index;   // logical index of the next item (counted from the end when reversed)
    int64_t counter; // items left
    uint64_t state;
};

void deque_iter_trace(Object* self, Tracer& t) { t.visit(static_cast<DequeIter*>(self)->deque); }

Value deque_iter_make(VM& vm, TypeObject* type, Deque* d, int64_t index)
{
    auto* it = static_cast<DequeIter*>(alloc_instance(vm, type));
    if (!it)
        return Value::null();
    it->deque = Value::from_object(d);
    it->state = d->state;
    it->index = index;
    it->counter = d->size - index;
    if (it->counter < 0)
        it->counter = 0;
    return Value::from_object(it);
}

template<bool Reverse>
Value deque_iter_step(VM& vm, Value self)
{
    auto* it = self.as<DequeIter>();
    Deque* d = it->deque.as<Deque>();
    if (d->state != it->state) {
        it->counter = 0;
        return raise_mutated(vm);
    }
    if (it->counter == 0)
        return Value::stop_iteration();
    int64_t i = Reverse ? d->size - 1 - it->index : it->index;
    Value v = slot_at(d, i);
    it->index++;
    it->counter--;
    return v;
}

Value deque_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_deque_iterator", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    return int_from_i64(vm, args[0].as<DequeIter>()->counter);
}

Value deque_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_deque_iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<DequeIter>();
    Deque* d = it->deque.as<Deque>();
    Tuple* inner = tuple_pack(vm, { it->deque, int_from_i64(vm, d->size - it->counter) });
    if (!inner)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(inner) }));
}

template<bool Reverse>
Value deque_iter_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    char const* name = Reverse ? "_deque_reverse_iterator" : "_deque_iterator";
    if (!check_no_kwargs(vm, name, kwnames) || !unpack_args(vm, name, nargs - 1, 1, 2))
        return Value::null();
    Deque* d = as_deque(args[1]);
    if (!d)
        return raise_fmt(vm, exc::TypeError, "%s() argument 1 must be collections.deque, not %s", name, type_name(args[1]));
    int64_t index = 0;
    if (nargs == 3 && !index_i64(vm, args[2], index))
        return Value::null();
    Value r = TRY(deque_iter_make(vm, args[0].as<TypeObject>(), d, 0));
    auto* it = r.as<DequeIter>();
    // Skip `index` items, as CPython's constructor does.
    for (int64_t i = 0; i < index && it->counter > 0; ++i) {
        it->index++;
        it->counter--;
    }
    return r;
}

// ------------------------------------------------------------------ defaultdict

struct DefaultDict : Dict {
    Value default_factory; // None when not set
};

void defaultdict_trace(Object* self, Tracer& t)
{
    types.dict->trace(self, t);
    t.visit(static_cast<DefaultDict*>(self)->default_factory);
}

DefaultDict* self_dd(Value v) { return v.as<DefaultDict>(); }

Value defaultdict_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    DefaultDict* dd = self_dd(args[0]);
    Value factory = py_none();
    size_t rest = 1;
    if (nargs > 1) {
        factory = args[1];
        if (!is_none(factory) && !is_callable(factory))
            return raise(vm, exc::TypeError, "first argument must be callable or None");
        rest = 2;
    }
    dd->default_factory = factory;
    // dict.__init__(self, *rest, **kwargs)
    size_t nkw = kwnames ? kwnames->size : 0;
    Tuple* pass = tuple_new(vm, 1 + (nargs - rest) + nkw);
    if (!pass)
        return Value::null();
    pass->items[0] = args[0];
    for (size_t i = rest; i < nargs + nkw; ++i)
        pass->items[1 + i - rest] = args[i];
    return call(vm, types.dict->slot(Slot::INIT), pass->items, 1 + nargs - rest, kwnames);
}

Value defaultdict_missing(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "defaultdict", "__missing__", nargs - 1, kwnames))
        return Value::null();
    Value factory = self_dd(args[0])->default_factory;
    if (factory.is_null() || is_none(factory)) {
        Tuple* t = tuple_pack(vm, { args[1] });
        return t ? raise_with_args(vm, exc::KeyError, t) : Value::null();
    }
    Value value = TRY(call0(vm, factory));
    if (!setitem(vm, args[0], args[1], value))
        return Value::null();
    return value;
}

Value defaultdict_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    DefaultDict* dd = self_dd(args[0]);
    Value base = TRY(call(vm, types.dict->slot(Slot::REPR), args, 1));
    std::string factory = "None";
    Value f = dd->default_factory;
    if (!f.is_null() && !is_none(f)) {
        if (f.is_object() && !repr_enter(vm, f.as_object())) {
            factory = "...";
        } else {
            Value r = repr(vm, f);
            if (f.is_object())
                repr_leave(vm, f.as_object());
            if (r.is_null())
                return r;
            factory = as_str(r)->view();
        }
    }
    std::string out = type_of(args[0])->name->c_str(); // the bare name, as _PyType_Name
    out += "(" + factory + ", ";
    out += as_str(base)->view();
    out += ")";
    return str_value(vm, out);
}

// type(self)(default_factory, self)
Value defaultdict_copy_of(VM& vm, Value self)
{
    Value f = self_dd(self)->default_factory;
    return call2(vm, Value::from_object(type_of(self)), f.is_null() ? py_none() : f, self);
}

Value defaultdict_copy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "defaultdict", "copy", nargs - 1, kwnames))
        return Value::null();
    return defaultdict_copy_of(vm, args[0]);
}

Value defaultdict_copy_dunder(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "defaultdict", "__copy__", nargs - 1, kwnames))
        return Value::null();
    return defaultdict_copy_of(vm, args[0]);
}

Value defaultdict_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "defaultdict", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    Value f = self_dd(args[0])->default_factory;
    Tuple* ctor = (f.is_null() || is_none(f)) ? empty_tuple() : tuple_pack(vm, { f });
    if (!ctor)
        return Value::null();
    Value items = TRY(call_method(vm, args[0], names.items, nullptr, 0));
    Value it = TRY(get_iter(vm, items));
    return Value::from_object(tuple_pack(
        vm, { Value::from_object(type_of(args[0])), Value::from_object(ctor), py_none(), py_none(), it }));
}

Value defaultdict_or(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__or__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!as_dict(args[1]))
        return py_not_implemented();
    Value r = TRY(defaultdict_copy_of(vm, args[0]));
    Dict* rd = as_dict(r);
    if (!rd)
        return raise(vm, exc::TypeError, "copy of defaultdict did not return a dict");
    if (!dict_merge_mapping(vm, rd, args[1]))
        return Value::null();
    return r;
}

Value defaultdict_ror(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__ror__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!as_dict(args[1]))
        return py_not_implemented();
    Value f = self_dd(args[0])->default_factory;
    Value r = TRY(call2(vm, Value::from_object(type_of(args[0])), f.is_null() ? py_none() : f, args[1]));
    Dict* rd = as_dict(r);
    if (!rd)
        return raise(vm, exc::TypeError, "defaultdict constructor did not return a dict");
    if (!dict_merge_mapping(vm, rd, args[0]))
        return Value::null();
    return r;
}

Value defaultdict_get_factory(VM&, Value const* args, size_t, Tuple*)
{
    Value f = self_dd(args[0])->default_factory;
    return f.is_null() ? py_none() : f;
}

Value defaultdict_set_factory(VM&, Value const* args, size_t, Tuple*)
{
    self_dd(args[0])->default_factory = args[1].is_null() ? py_none() : args[1];
    return py_none();
}

// ------------------------------------------------------------------ _count_elements

Value count_elements(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_count_elements", kwnames) || !unpack_args(vm, "_count_elements", nargs, 2, 2))
        return Value::null();
    Value mapping = args[0];
    Value it = TRY(get_iter(vm, args[1]));
    Value one = Value::small_int(1);
    // An exact dict is counted in place; anything else through its get and __setitem__.
    if (type_of(mapping) == types.dict) {
        Dict* d = mapping.as<Dict>();
        for (;;) {
            Value key = TRY(iter_next(vm, it));
            if (key.is_stop_iteration())
                return py_none();
            int64_t h;
            if (!hash(vm, key, h))
                return Value::null();
            Value old = TRY(dict_get_hashed(vm, d, key, h));
            Value nv = old.is_not_found() ? one : TRY(binary_op(vm, old, one, BinOpArg::ADD));
            if (!dict_set_hashed(vm, d, key, h, nv))
                return Value::null();
        }
    }
    Value get = TRY(getattr(vm, mapping, names.get));
    for (;;) {
        Value key = TRY(iter_next(vm, it));
        if (key.is_stop_iteration())
            return py_none();
        Value old = TRY(call2(vm, get, key, Value::small_int(0)));
        Value nv = TRY(binary_op(vm, old, one, BinOpArg::ADD));
        if (!setitem(vm, mapping, key, nv))
            return Value::null();
    }
}

// ------------------------------------------------------------------ _tuplegetter

struct TupleGetter : Object {
    int64_t index;
    Value doc;
};

void tuplegetter_trace(Object* self, Tracer& t) { t.visit(static_cast<TupleGetter*>(self)->doc); }

Value tuplegetter_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_tuplegetter", kwnames) || !unpack_args(vm, "_tuplegetter", nargs - 1, 2, 2))
        return Value::null();
    int64_t index;
    if (!index_i64(vm, args[1], index))
        return Value::null();
    auto* g = static_cast<TupleGetter*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!g)
        return Value::null();
    g->index = index;
    g->doc = args[2];
    return Value::from_object(g);
}

Value tuplegetter_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    auto* g = args[0].as<TupleGetter>();
    Value obj = nargs > 1 ? args[1] : py_none();
    if (is_none(obj))
        return args[0];
    Tuple* t = as_tuple(obj);
    if (!t)
        return raise_fmt(vm, exc::TypeError, "descriptor for index '%lld' for tuple subclasses doesn't apply to '%s' object",
                         static_cast<long long>(g->index), type_name(obj));
    if (g->index < 0 || size_t(g->index) >= t->size)
        return raise(vm, exc::IndexError, "tuple index out of range");
    return t->items[g->index];
}

Value tuplegetter_set(VM& vm, Value const*, size_t, Tuple*) { return raise(vm, exc::AttributeError, "can't set attribute"); }
Value tuplegetter_delete(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::AttributeError, "can't delete attribute");
}

Value tuplegetter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_tuplegetter", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* g = args[0].as<TupleGetter>();
    Tuple* inner = tuple_pack(vm, { int_from_i64(vm, g->index), g->doc });
    if (!inner)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(inner) }));
}

Value tuplegetter_get_doc(VM&, Value const* args, size_t, Tuple*) { return args[0].as<TupleGetter>()->doc; }
Value tuplegetter_set_doc(VM&, Value const* args, size_t, Tuple*)
{
    args[0].as<TupleGetter>()->doc = args[1].is_null() ? py_none() : args[1];
    return py_none();
}

// ------------------------------------------------------------------ setup

void setup_types(VM& vm)
{
    g_deque = make_module_type(vm, "collections", "deque", nullptr, sizeof(Deque), TF_BASETYPE | TF_LAYOUT_WEAKREF, deque_trace);
    add_methods(vm, g_deque, {
        { "__new__", deque_new, METH_STATIC }, { "__init__", deque_init },
        { "append", deque_append }, { "appendleft", deque_appendleft }, { "extend", deque_extend },
        { "extendleft", deque_extendleft }, { "pop", deque_pop }, { "popleft", deque_popleft },
        { "clear", deque_clear }, { "rotate", deque_rotate }, { "reverse", deque_reverse },
        { "count", deque_count }, { "index", deque_index }, { "insert", deque_insert }, { "remove", deque_remove },
        { "copy", deque_copy }, { "__copy__", deque_copy_dunder }, { "__reduce__", deque_reduce },
        { "__len__", deque_len }, { "__contains__", deque_contains }, { "__getitem__", deque_getitem },
        { "__setitem__", deque_setitem }, { "__delitem__", deque_delitem }, { "__repr__", deque_repr },
        { "__iter__", deque_iter }, { "__reversed__", deque_reversed }, { "__sizeof__", deque_sizeof },
        { "__add__", deque_add }, { "__iadd__", deque_iadd }, { "__mul__", deque_mul }, { "__rmul__", deque_mul },
        { "__imul__", deque_imul },
        { "__lt__", deque_cmp_method<CmpArg::LT> }, { "__le__", deque_cmp_method<CmpArg::LE> },
        { "__eq__", deque_cmp_method<CmpArg::EQ> }, { "__ne__", deque_cmp_method<CmpArg::NE> },
        { "__gt__", deque_cmp_method<CmpArg::GT> }, { "__ge__", deque_cmp_method<CmpArg::GE> },
        { "__class_getitem__", generic_class_getitem, METH_CLASS },
    });
    add_getsets(vm, g_deque, { { "maxlen", deque_get_maxlen } });
    add_attribute(vm, g_deque, "__hash__", py_none());

    g_deque_iter = make_module_type(vm, "_collections", "_deque_iterator", nullptr, sizeof(DequeIter), 0, deque_iter_trace);
    g_deque_reviter
        = make_module_type(vm, "_collections", "_deque_reverse_iterator", nullptr, sizeof(DequeIter), 0, deque_iter_trace);
    g_deque_iter->iternext = deque_iter_step<false>;
    g_deque_reviter->iternext = deque_iter_step<true>;
    add_methods(vm, g_deque_iter, {
        { "__new__", deque_iter_new<false>, METH_STATIC }, { "__iter__", iter_self_method },
        { "__next__", next_method<deque_iter_step<false>> }, { "__length_hint__", deque_iter_length_hint },
        { "__reduce__", deque_iter_reduce },
    });
    add_methods(vm, g_deque_reviter, {
        { "__new__", deque_iter_new<true>, METH_STATIC }, { "__iter__", iter_self_method },
        { "__next__", next_method<deque_iter_step<true>> }, { "__length_hint__", deque_iter_length_hint },
        { "__reduce__", deque_iter_reduce },
    });

    g_defaultdict = make_module_type(vm, "collections", "defaultdict", types.dict, sizeof(DefaultDict),
                                     TF_BASETYPE | TF_DICT_SUBCLASS, defaultdict_trace);
    add_methods(vm, g_defaultdict, {
        { "__init__", defaultdict_init }, { "__missing__", defaultdict_missing }, { "__repr__", defaultdict_repr },
        { "copy", defaultdict_copy }, { "__copy__", defaultdict_copy_dunder }, { "__reduce__", defaultdict_reduce },
        { "__or__", defaultdict_or }, { "__ror__", defaultdict_ror },
        { "__class_getitem__", generic_class_getitem, METH_CLASS },
    });
    add_getsets(vm, g_defaultdict, { { "default_factory", defaultdict_get_factory, defaultdict_set_factory } });

    g_tuplegetter = make_module_type(vm, "_collections", "_tuplegetter", nullptr, sizeof(TupleGetter), 0, tuplegetter_trace);
    add_methods(vm, g_tuplegetter, {
        { "__new__", tuplegetter_new, METH_STATIC }, { "__get__", tuplegetter_get }, { "__set__", tuplegetter_set },
        { "__delete__", tuplegetter_delete }, { "__reduce__", tuplegetter_reduce },
    });
    add_getsets(vm, g_tuplegetter, { { "__doc__", tuplegetter_get_doc, tuplegetter_set_doc } });

    for (TypeObject* t : { g_deque, g_deque_iter, g_deque_reviter, g_defaultdict, g_tuplegetter })
        finish_builtin_type(vm, t);
}

} // namespace

TypeObject* setup_odict_types(VM& vm); // odict.cpp

Module* make_collections_module(VM& vm)
{
    if (!g_deque)
        setup_types(vm);
    Module* m = module_new(vm, "_collections");
    module_add_functions(vm, m, { { "_count_elements", count_elements } });
    module_add(vm, m, "deque", Value::from_object(g_deque));
    module_add(vm, m, "defaultdict", Value::from_object(g_defaultdict));
    module_add(vm, m, "_deque_iterator", Value::from_object(g_deque_iter));
    module_add(vm, m, "_deque_reverse_iterator", Value::from_object(g_deque_reviter));
    module_add(vm, m, "_tuplegetter", Value::from_object(g_tuplegetter));
    module_add(vm, m, "OrderedDict", Value::from_object(setup_odict_types(vm)));
    return m;
}

} // namespace slpy
