// list: the Python-level behaviour of the mutable sequence (the layout, list_append and
// list_extend live in objects/containers.cpp; sorting in objects/list_sort.cpp), and the
// list_iterator / list_reverseiterator types.
//
// Any call that may run Python code (equality, repr, iteration) can mutate the list, so
// items() and size are re-read after each such call, never cached across it.
#include "objects/reduce.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/slice.h"
#include "objects/string.h"
#include "objects/type.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace slpy {

namespace {

List* self_list(Value const* args) { return as_list(args[0]); }

bool is_native_callable(Value v)
{
    if (v.is_null() || !v.is_object())
        return true;
    TypeObject* t = v.as_object()->type;
    return t == types.builtin_function || t == types.method_descriptor || t == types.wrapper_descriptor;
}

// Sets the size to n, growing the storage when needed; new slots are null, dropped
// slots are cleared so the GC does not keep their objects alive.
bool list_resize(VM& vm, List* l, size_t n)
{
    if (n > l->capacity()) {
        size_t cap = n + (n >> 3) + (n < 9 ? 3 : 6);
        if (!list_reserve(vm, l, cap))
            return false;
    }
    Value* items = l->items();
    for (size_t i = n; i < l->size; ++i)
        items[i] = Value::null();
    l->size = n;
    return true;
}

// Removes items [lo, hi) (0 <= lo <= hi <= size).
void list_delete_range(List* l, size_t lo, size_t hi)
{
    if (hi <= lo)
        return;
    Value* items = l->items();
    std::memmove(items + lo, items + hi, (l->size - hi) * sizeof(Value));
    size_t n = l->size - (hi - lo);
    for (size_t i = n; i < l->size; ++i)
        items[i] = Value::null();
    l->size = n;
}

bool list_insert_at(VM& vm, List* l, int64_t where, Value v)
{
    int64_t n = static_cast<int64_t>(l->size);
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    if (!list_resize(vm, l, l->size + 1))
        return false;
    Value* items = l->items();
    std::memmove(items + where + 1, items + where, (n - where) * sizeof(Value));
    items[where] = v;
    return true;
}

// PySequence_Fast: v itself when it is an exact list or tuple, else a new list of its
// items (so a subclass's __iter__ is honoured). A non-iterable v gives TypeError(message).
Value sequence_fast(VM& vm, Value v, char const* message)
{
    TypeObject* t = type_of(v);
    if (t == types.list || t == types.tuple)
        return v;
    Value it = get_iter(vm, v);
    if (it.is_null()) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            return raise(vm, exc::TypeError, message);
        }
        return Value::null();
    }
    List* l = list_from_iterable(vm, it);
    if (!l)
        return Value::null();
    return Value::from_object(l);
}

void seq_items(Value seq, Value const*& items, size_t& n)
{
    if (List* l = as_list(seq)) {
        items = l->items();
        n = l->size;
    } else {
        Tuple* t = as_tuple(seq);
        items = t->items;
        n = t->size;
    }
}

Value list_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.list)
        return Value::from_object(list_new(vm));
    Object* o = alloc_instance(vm, cls);
    if (!o)
        return Value::null();
    return Value::from_object(o);
}

Value list_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "list() takes no keyword arguments");
    if (!check_nargs(vm, "list", nargs - 1, 0, 1))
        return Value::null();
    List* l = self_list(args);
    list_resize(vm, l, 0);
    if (nargs == 2 && !list_extend(vm, l, args[1]))
        return Value::null();
    return py_none();
}

Value list_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    List* l = self_list(args);
    if (l->size == 0)
        return str_value(vm, "[]");
    if (!repr_enter(vm, l))
        return str_value(vm, "[...]");
    std::string out = "[";
    for (size_t i = 0; i < l->size; ++i) {
        if (i)
            out += ", ";
        Value r = repr(vm, l->items()[i]);
        // The text grows with the items' reprs: through the heap's checked buffer.
        if (r.is_null() || !vm.heap.append_buffer(out, as_str(r)->view())) {
            repr_leave(vm, l);
            return Value::null();
        }
    }
    repr_leave(vm, l);
    out += "]";
    return str_value(vm, out);
}

Value list_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    return int_from_i64(vm, static_cast<int64_t>(self_list(args)->size));
}

Value list_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "list", "__getitem__", nargs - 1, kwnames))
        return Value::null();
    List* l = self_list(args);
    Value key = args[1];
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (i < 0)
            i += static_cast<int64_t>(l->size);
        if (i < 0 || i >= static_cast<int64_t>(l->size))
            return raise(vm, exc::IndexError, "list index out of range");
        return l->items()[i];
    }
    if (as_slice(key)) {
        int64_t start, stop, step, n;
        if (!slice_indices_live(vm, key, l->size, start, stop, step, n))
            return Value::null();
        if (n <= 0)
            return Value::from_object(list_new(vm));
        if (step == 1)
            return Value::from_object(list_from_array(vm, l->items() + start, static_cast<size_t>(n)));
        List* r = list_new(vm, static_cast<size_t>(n));
        if (!r || !list_resize(vm, r, static_cast<size_t>(n)))
            return Value::null();
        Value const* src = l->items();
        Value* dst = r->items();
        for (int64_t k = 0, i = start; k < n; ++k, i += step)
            dst[k] = src[i];
        return Value::from_object(r);
    }
    return raise_fmt(vm, exc::TypeError, "list indices must be integers or slices, not %s", type_name(key));
}

// a[ilow:ihigh] = v (v null: delete), CPython's list_ass_slice.
bool list_assign_simple_slice(VM& vm, List* l, int64_t ilow, int64_t ihigh, Value v)
{
    Value seq;
    Value const* src = nullptr;
    size_t n = 0;
    if (!v.is_null()) {
        if (as_list(v) == l) {
            seq = Value::from_object(list_from_array(vm, l->items(), l->size));
            if (seq.is_null())
                return false;
        } else {
            seq = sequence_fast(vm, v, "can only assign an iterable");
            if (seq.is_null())
                return false;
        }
    }
    int64_t size = static_cast<int64_t>(l->size);
    if (ilow < 0)
        ilow = 0;
    else if (ilow > size)
        ilow = size;
    if (ihigh < ilow)
        ihigh = ilow;
    else if (ihigh > size)
        ihigh = size;
    if (!seq.is_null())
        seq_items(seq, src, n);
    size_t norig = static_cast<size_t>(ihigh - ilow);
    size_t old = l->size;
    if (n < norig) {
        Value* items = l->items();
        for (size_t k = 0; k < n; ++k)
            items[ilow + k] = src[k];
        list_delete_range(l, ilow + n, ihigh);
        return true;
    }
    // Growing: src may live in a list that list_resize does not touch (a different one or
    // our copy), so it stays valid.
    size_t grow = n - norig;
    if (!list_resize(vm, l, old + grow))
        return false;
    if (!seq.is_null())
        seq_items(seq, src, n);
    Value* items = l->items();
    // An empty list may have no storage at all: memmove with a null pointer is undefined
    // even for zero bytes.
    if (old > static_cast<size_t>(ihigh))
        std::memmove(items + ihigh + grow, items + ihigh, (old - ihigh) * sizeof(Value));
    for (size_t k = 0; k < n; ++k)
        items[ilow + k] = src[k];
    return true;
}

// a[slice] = v / del a[slice] (v null).
bool list_assign_slice(VM& vm, List* l, Value slice, Value v)
{
    int64_t start, stop, step, slicelength;
    if (!slice_indices_live(vm, slice, l->size, start, stop, step, slicelength))
        return false;
    if (step == 1)
        return list_assign_simple_slice(vm, l, start, stop, v);

    if (v.is_null()) {
        if (slicelength <= 0)
            return true;
        if (step < 0) {
            stop = start + 1;
            start = stop + step * (slicelength - 1) - 1;
            step = -step;
        }
        // Compact the survivors over the deleted positions.
        Value* items = l->items();
        size_t size = l->size;
        size_t out = static_cast<size_t>(start);
        int64_t next_del = start;
        int64_t deleted = 0;
        for (size_t i = static_cast<size_t>(start); i < size; ++i) {
            if (deleted < slicelength && static_cast<int64_t>(i) == next_del) {
                ++deleted;
                next_del += step;
                continue;
            }
            items[out++] = items[i];
        }
        for (size_t i = out; i < size; ++i)
            items[i] = Value::null();
        l->size = out;
        return true;
    }

    Value seq;
    if (as_list(v) == l) {
        seq = Value::from_object(list_from_array(vm, l->items(), l->size));
        if (seq.is_null())
            return false;
    } else {
        seq = sequence_fast(vm, v, "must assign iterable to extended slice");
        if (seq.is_null())
            return false;
    }
    Value const* src;
    size_t n;
    seq_items(seq, src, n);
    if (static_cast<int64_t>(n) != slicelength) {
        (void)raise_fmt(vm, exc::ValueError, "attempt to assign sequence of size %zu to extended slice of size %lld", n,
                        static_cast<long long>(slicelength));
        return false;
    }
    int64_t last = start + step * (slicelength - 1);
    if (slicelength > 0 && std::max(start, last) >= static_cast<int64_t>(l->size))
        return true; // the list shrank while the value was converted
    Value* items = l->items();
    for (int64_t k = 0, i = start; k < slicelength; ++k, i += step)
        items[i] = src[k];
    return true;
}

Value list_setitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__setitem__", nargs - 1, kwnames, 2, true))
        return Value::null();
    List* l = self_list(args);
    Value key = args[1];
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (i < 0)
            i += static_cast<int64_t>(l->size);
        if (i < 0 || i >= static_cast<int64_t>(l->size))
            return raise(vm, exc::IndexError, "list assignment index out of range");
        l->items()[i] = args[2];
        return py_none();
    }
    if (as_slice(key)) {
        if (!list_assign_slice(vm, l, key, args[2]))
            return Value::null();
        return py_none();
    }
    return raise_fmt(vm, exc::TypeError, "list indices must be integers or slices, not %s", type_name(key));
}

Value list_delitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__delitem__", nargs - 1, kwnames, 1))
        return Value::null();
    List* l = self_list(args);
    Value key = args[1];
    if (is_index_like(key)) {
        int64_t i;
        if (!sequence_index(vm, key, i))
            return Value::null();
        if (i < 0)
            i += static_cast<int64_t>(l->size);
        if (i < 0 || i >= static_cast<int64_t>(l->size))
            return raise(vm, exc::IndexError, "list assignment index out of range");
        list_delete_range(l, static_cast<size_t>(i), static_cast<size_t>(i) + 1);
        return py_none();
    }
    if (as_slice(key)) {
        if (!list_assign_slice(vm, l, key, Value::null()))
            return Value::null();
        return py_none();
    }
    return raise_fmt(vm, exc::TypeError, "list indices must be integers or slices, not %s", type_name(key));
}

Value list_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__contains__", nargs - 1, kwnames, 1))
        return Value::null();
    List* l = self_list(args);
    for (size_t i = 0; i < l->size; ++i) {
        int r = equal(vm, l->items()[i], args[1]);
        if (r < 0)
            return Value::null();
        if (r)
            return py_true();
    }
    return py_false();
}

Value list_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    return list_iter_new(vm, self_list(args));
}
Value list_reversed(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "list", "__reversed__", nargs - 1, kwnames))
        return Value::null();
    return list_reverse_iter_new(vm, self_list(args));
}

Value list_add(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__add__", nargs - 1, kwnames, 1))
        return Value::null();
    List* a = self_list(args);
    List* b = as_list(args[1]);
    if (!b) {
        if (!is_native_callable(type_of(args[1])->slot(Slot::RADD)))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can only concatenate list (not \"%s\") to list", type_name(args[1]));
    }
    size_t na = a->size, nb = b->size;
    List* r = list_new(vm, na + nb);
    if (!r || !list_resize(vm, r, na + nb))
        return Value::null();
    Value* dst = r->items();
    for (size_t i = 0; i < na; ++i)
        dst[i] = a->items()[i];
    for (size_t i = 0; i < nb; ++i)
        dst[na + i] = b->items()[i];
    return Value::from_object(r);
}

Value list_iadd(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iadd__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!list_extend(vm, self_list(args), args[1]))
        return Value::null();
    return args[0];
}

// Repeats the first `size` items of l in place until it holds size * times items.
bool list_repeat_into(VM& vm, List* l, size_t size, int64_t times)
{
    if (times == 0 || size == 0)
        return list_resize(vm, l, 0);
    if (!list_resize(vm, l, size * static_cast<size_t>(times)))
        return false;
    Value* items = l->items();
    for (int64_t k = 1; k < times; ++k)
        std::memcpy(items + k * size, items, size * sizeof(Value));
    return true;
}

Value list_mul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__mul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    if (!is_index_like(args[1])) {
        if (!is_native_callable(type_of(args[1])->slot(Slot::RMUL)))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(args[1]));
    }
    List* l = self_list(args);
    int64_t times;
    if (!repeat_count(vm, l->size, args[1], times))
        return Value::null();
    size_t size = l->size;
    List* r = list_from_array(vm, l->items(), size);
    if (!r || !list_repeat_into(vm, r, size, times))
        return Value::null();
    return Value::from_object(r);
}

Value list_rmul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__rmul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    if (!is_index_like(args[1]))
        return py_not_implemented();
    return list_mul(vm, args, nargs, kwnames);
}

Value list_imul(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__imul__", nargs - 1, kwnames, 1, true))
        return Value::null();
    if (!is_index_like(args[1])) {
        if (!is_native_callable(type_of(args[1])->slot(Slot::RMUL)))
            return py_not_implemented();
        return raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(args[1]));
    }
    List* l = self_list(args);
    int64_t times;
    if (!repeat_count(vm, l->size, args[1], times))
        return Value::null();
    if (!list_repeat_into(vm, l, l->size, times))
        return Value::null();
    return args[0];
}

Value list_cmp(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, CmpArg op)
{
    if (!check_wrapper_args(vm, cmp_method_name(op), nargs - 1, kwnames, 1))
        return Value::null();
    if (!as_list(args[1]))
        return py_not_implemented();
    return sequence_compare(vm, args[0], args[1], op);
}

Value list_lt(VM& vm, Value const* a, size_t n, Tuple* kw) { return list_cmp(vm, a, n, kw, CmpArg::LT); }
Value list_le(VM& vm, Value const* a, size_t n, Tuple* kw) { return list_cmp(vm, a, n, kw, CmpArg::LE); }
Value list_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return list_cmp(vm, a, n, kw, CmpArg::EQ); }
Value list_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return list_cmp(vm, a, n, kw, CmpArg::NE); }
Value list_gt(VM& vm, Value const* a, size_t n, Tuple* kw) { return list_cmp(vm, a, n, kw, CmpArg::GT); }
Value list_ge(VM& vm, Value const* a, size_t n, Tuple* kw) { return list_cmp(vm, a, n, kw, CmpArg::GE); }

bool one_arg(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    return check_onearg_method(vm, "list", name, nargs - 1, kwnames);
}

bool no_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    return check_noargs_method(vm, "list", name, nargs - 1, kwnames);
}

Value list_append_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, "append", nargs, kwnames))
        return Value::null();
    if (!list_append(vm, self_list(args), args[1]))
        return Value::null();
    return py_none();
}

Value list_extend_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, "extend", nargs, kwnames))
        return Value::null();
    if (!list_extend(vm, self_list(args), args[1]))
        return Value::null();
    return py_none();
}

Value list_insert(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "list.insert", kwnames) || !check_nargs(vm, "insert", nargs - 1, 2, 2))
        return Value::null();
    int64_t where;
    if (!index_i64(vm, args[1], where))
        return Value::null();
    if (!list_insert_at(vm, self_list(args), where, args[2]))
        return Value::null();
    return py_none();
}

Value list_pop(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "list.pop", kwnames) || !check_nargs(vm, "pop", nargs - 1, 0, 1))
        return Value::null();
    List* l = self_list(args);
    int64_t i = -1;
    if (nargs == 2 && !index_i64(vm, args[1], i))
        return Value::null();
    if (l->size == 0)
        return raise(vm, exc::IndexError, "pop from empty list");
    if (i < 0)
        i += static_cast<int64_t>(l->size);
    if (i < 0 || i >= static_cast<int64_t>(l->size))
        return raise(vm, exc::IndexError, "pop index out of range");
    Value v = l->items()[i];
    list_delete_range(l, static_cast<size_t>(i), static_cast<size_t>(i) + 1);
    return v;
}

Value list_remove(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, "remove", nargs, kwnames))
        return Value::null();
    List* l = self_list(args);
    for (size_t i = 0; i < l->size; ++i) {
        int r = equal(vm, l->items()[i], args[1]);
        if (r < 0)
            return Value::null();
        if (r) {
            if (i < l->size)
                list_delete_range(l, i, i + 1);
            return py_none();
        }
    }
    return raise(vm, exc::ValueError, "list.remove(x): x not in list");
}

Value list_index(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "list.index", kwnames) || !check_nargs(vm, "index", nargs - 1, 1, 3))
        return Value::null();
    List* l = self_list(args);
    int64_t start = 0, stop = INT64_MAX;
    if (nargs > 2 && !slice_index_not_none(vm, args[2], start))
        return Value::null();
    if (nargs > 3 && !slice_index_not_none(vm, args[3], stop))
        return Value::null();
    int64_t size = static_cast<int64_t>(l->size);
    if (start < 0) {
        start += size;
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += size;
        if (stop < 0)
            stop = 0;
    }
    for (int64_t i = start; i < stop && i < static_cast<int64_t>(l->size); ++i) {
        int r = equal(vm, l->items()[i], args[1]);
        if (r < 0)
            return Value::null();
        if (r)
            return int_from_i64(vm, i);
    }
    Value r = TRY(repr(vm, args[1]));
    return raise_fmt(vm, exc::ValueError, "%s is not in list", as_str(r)->c_str());
}

Value list_count(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, "count", nargs, kwnames))
        return Value::null();
    List* l = self_list(args);
    int64_t count = 0;
    for (size_t i = 0; i < l->size; ++i) {
        int r = equal(vm, l->items()[i], args[1]);
        if (r < 0)
            return Value::null();
        count += r;
    }
    return int_from_i64(vm, count);
}

Value list_reverse(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, "reverse", nargs, kwnames))
        return Value::null();
    List* l = self_list(args);
    Value* items = l->items();
    for (size_t i = 0, j = l->size; i + 1 < j; ++i, --j)
        std::swap(items[i], items[j - 1]);
    return py_none();
}

Value list_copy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, "copy", nargs, kwnames))
        return Value::null();
    List* l = self_list(args);
    return Value::from_object(list_from_array(vm, l->items(), l->size));
}

Value list_clear(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, "clear", nargs, kwnames))
        return Value::null();
    List* l = self_list(args);
    l->array = nullptr;
    l->size = 0;
    return py_none();
}

Value list_sort_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    // The argument clinic counts all arguments first, then refuses positional ones.
    size_t total = nargs - 1 + (kwnames ? kwnames->size : 0);
    if (total > 2)
        return raise_fmt(vm, exc::TypeError, "sort() takes at most 2 arguments (%zu given)", total);
    if (nargs > 1)
        return raise(vm, exc::TypeError, "sort() takes no positional arguments");
    Value out[2];
    if (!parse_args(vm, "sort", args + 1, 0, kwnames, { "key", "reverse" }, 0, out))
        return Value::null();
    int64_t reverse = 0;
    if (!out[1].is_null() && !index_i64(vm, out[1], reverse))
        return Value::null();
    if (!list_sort(vm, self_list(args), out[0], reverse != 0))
        return Value::null();
    return py_none();
}

// ---- iterators

void list_iter_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<ListIterator*>(self)->list); }
void list_rev_iter_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<ListReverseIterator*>(self)->list); }

Value list_iter_step(VM& vm, Value self)
{
    auto* it = self.as<ListIterator>();
    if (it->list && it->index < it->list->size)
        return it->list->items()[it->index++];
    it->list = nullptr;
    return Value::stop_iteration();
}

Value list_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "list_iterator", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<ListIterator>();
    int64_t n = it->list && it->index < it->list->size ? static_cast<int64_t>(it->list->size - it->index) : 0;
    return int_from_i64(vm, n);
}

Value list_rev_iter_step(VM& vm, Value self)
{
    auto* it = self.as<ListReverseIterator>();
    if (it->list && it->index >= 0 && it->index < static_cast<int64_t>(it->list->size))
        return it->list->items()[it->index--];
    it->list = nullptr;
    it->index = -1;
    return Value::stop_iteration();
}

Value list_rev_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "list_reverseiterator", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<ListReverseIterator>();
    int64_t n = 0;
    if (it->list && it->index < static_cast<int64_t>(it->list->size))
        n = it->index + 1;
    return int_from_i64(vm, n);
}

// __reduce__: (iter, (list,), index) / (reversed, (list,), index); an exhausted
// iterator (either way) as iter over a new empty list, as CPython's.
Value list_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "list_iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<ListIterator>();
    if (it->list)
        return reduce_builtin(vm, "iter", { Value::from_object(it->list) }, int_from_i64(vm, int64_t(it->index)));
    List* empty = list_new(vm);
    return empty ? reduce_builtin(vm, "iter", { Value::from_object(empty) }) : Value::null();
}

Value list_rev_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "list_reverseiterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<ListReverseIterator>();
    if (it->list)
        return reduce_builtin(vm, "reversed", { Value::from_object(it->list) }, int_from_i64(vm, it->index));
    List* empty = list_new(vm);
    return empty ? reduce_builtin(vm, "iter", { Value::from_object(empty) }) : Value::null();
}

// __setstate__(index): clipped to the list (an exhausted iterator ignores it).
Value list_iter_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "list_iterator", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<ListIterator>();
    int64_t index;
    if (!setstate_index(vm, args[1], 0, it->list ? int64_t(it->list->size) : 0, index))
        return Value::null();
    if (it->list)
        it->index = size_t(index);
    return py_none();
}

Value list_rev_iter_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "list_reverseiterator", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<ListReverseIterator>();
    int64_t index;
    if (!setstate_index(vm, args[1], -1, it->list ? int64_t(it->list->size) - 1 : -1, index))
        return Value::null();
    if (it->list)
        it->index = index;
    return py_none();
}

} // namespace

Value list_iter_new(VM& vm, List* l)
{
    auto* it = vm.heap.make<ListIterator>(types.list_iterator);
    if (!it)
        return Value::null();
    it->list = l;
    it->index = 0;
    return Value::from_object(it);
}

Value list_reverse_iter_new(VM& vm, List* l)
{
    auto* it = vm.heap.make<ListReverseIterator>(types.list_reverseiterator);
    if (!it)
        return Value::null();
    it->list = l;
    it->index = static_cast<int64_t>(l->size) - 1;
    return Value::from_object(it);
}

void setup_list(VM& vm)
{
    TypeObject* t = types.list;
    add_methods(vm, t,
                {
                    { "__new__", list_new_method, METH_STATIC },
                    { "__init__", list_init },
                    { "__repr__", list_repr },
                    { "__len__", list_len },
                    { "__getitem__", list_getitem },
                    { "__setitem__", list_setitem },
                    { "__delitem__", list_delitem },
                    { "__contains__", list_contains },
                    { "__iter__", list_iter },
                    { "__reversed__", list_reversed, 0, "Return a reverse iterator over the list." },
                    { "__add__", list_add },
                    { "__iadd__", list_iadd },
                    { "__mul__", list_mul },
                    { "__rmul__", list_rmul },
                    { "__imul__", list_imul },
                    { "__lt__", list_lt },
                    { "__le__", list_le },
                    { "__eq__", list_eq },
                    { "__ne__", list_ne },
                    { "__gt__", list_gt },
                    { "__ge__", list_ge },
                    { "append", list_append_method, 0, "Append object to the end of the list." },
                    { "extend", list_extend_method, 0, "Extend list by appending elements from the iterable." },
                    { "insert", list_insert, 0, "Insert object before index." },
                    { "pop", list_pop, 0,
                      "Remove and return item at index (default last).\n\nRaises IndexError if list is empty or "
                      "index is out of range." },
                    { "remove", list_remove, 0,
                      "Remove first occurrence of value.\n\nRaises ValueError if the value is not present." },
                    { "index", list_index, 0,
                      "Return first index of value.\n\nRaises ValueError if the value is not present." },
                    { "count", list_count, 0, "Return number of occurrences of value." },
                    { "reverse", list_reverse, 0, "Reverse *IN PLACE*." },
                    { "copy", list_copy, 0, "Return a shallow copy of the list." },
                    { "clear", list_clear, 0, "Remove all items from list." },
                    { "sort", list_sort_method, 0,
                      "Sort the list in ascending order and return None.\n\nThe sort is in-place (i.e. the list "
                      "itself is modified) and stable (i.e. the\norder of two equal elements is maintained)." },
                });
    add_attribute(vm, t, "__hash__", py_none());

    TypeObject* it = types.list_iterator;
    it->basicsize = sizeof(ListIterator);
    it->trace = list_iter_trace;
    it->iternext = list_iter_step;
    add_methods(vm, it,
                {
                    { "__iter__", iter_self_method },
                    { "__next__", next_method<list_iter_step> },
                    { "__length_hint__", list_iter_length_hint },
                    { "__reduce__", list_iter_reduce },
                    { "__setstate__", list_iter_setstate },
                });
    TypeObject* rit = types.list_reverseiterator;
    rit->basicsize = sizeof(ListReverseIterator);
    rit->trace = list_rev_iter_trace;
    rit->iternext = list_rev_iter_step;
    add_methods(vm, rit,
                {
                    { "__iter__", iter_self_method },
                    { "__next__", next_method<list_rev_iter_step> },
                    { "__length_hint__", list_rev_iter_length_hint },
                    { "__reduce__", list_rev_iter_reduce },
                    { "__setstate__", list_rev_iter_setstate },
                });
}

} // namespace slpy
