// range: an immutable arithmetic sequence of ints (any size: the fields are int Values,
// arithmetic beyond int64 goes through the int protocol), and range_iterator, which
// runs on int64 when the whole range fits and on int Values otherwise.
#include "objects/reduce.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/setup.h"
#include "objects/slice.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

#include <cstddef>
#include <utility>

namespace slpy {

namespace {

RangeObject* self_range(Value const* args) { return args[0].as<RangeObject>(); }

// Arithmetic on plain int Values (never runs Python code).
Value iadd(VM& vm, Value a, Value b)
{
    if (a.is_int() && b.is_int())
        return int_from_i64(vm, a.as_int() + b.as_int());
    return binary_op(vm, a, b, BinOpArg::ADD);
}
Value isub(VM& vm, Value a, Value b)
{
    if (a.is_int() && b.is_int())
        return int_from_i64(vm, a.as_int() - b.as_int());
    return binary_op(vm, a, b, BinOpArg::SUBTRACT);
}
Value imul(VM& vm, Value a, Value b) { return binary_op(vm, a, b, BinOpArg::MULTIPLY); }
Value ifloordiv(VM& vm, Value a, Value b) { return binary_op(vm, a, b, BinOpArg::FLOOR_DIVIDE); }
Value imod(VM& vm, Value a, Value b) { return binary_op(vm, a, b, BinOpArg::REMAINDER); }
Value ineg(VM& vm, Value a) { return unary_negative(vm, a); }
int icmp(Value a, Value b) { return int_compare(a, b); }

void range_trace(Object* self, Tracer& tracer)
{
    auto* r = static_cast<RangeObject*>(self);
    tracer.visit(r->start);
    tracer.visit(r->stop);
    tracer.visit(r->step);
    tracer.visit(r->length);
}

void range_iter_trace(Object* self, Tracer& tracer)
{
    auto* it = static_cast<RangeIterator*>(self);
    tracer.visit(it->big_next);
    tracer.visit(it->big_step);
    tracer.visit(it->big_remaining);
    tracer.visit(it->length);
}

// Number of items of range(lo, hi, step) (step != 0), as an int Value.
Value compute_length(VM& vm, Value lo, Value hi, Value step)
{
    if (lo.is_int() && hi.is_int() && step.is_int()) {
        int64_t l = lo.as_int(), h = hi.as_int(), s = step.as_int();
        int64_t n = 0;
        if (s > 0 && l < h)
            n = (h - l - 1) / s + 1;
        else if (s < 0 && l > h)
            n = (l - h - 1) / (-s) + 1;
        return int_from_i64(vm, n);
    }
    Value a = lo, b = hi, st = step;
    if (int_sign(step) < 0) {
        std::swap(a, b);
        st = TRY(ineg(vm, step));
    }
    if (icmp(a, b) >= 0)
        return Value::small_int(0);
    // (b - a - 1) // st + 1
    Value diff = TRY(isub(vm, b, a));
    diff = TRY(isub(vm, diff, Value::small_int(1)));
    Value q = TRY(ifloordiv(vm, diff, st));
    return iadd(vm, q, Value::small_int(1));
}

Value make_range(VM& vm, Value start, Value stop, Value step)
{
    Value len = TRY(compute_length(vm, start, stop, step));
    auto* r = vm.heap.make<RangeObject>(types.range);
    if (!r)
        return Value::null();
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = len;
    return Value::from_object(r);
}

Value range_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "range() takes no keyword arguments");
    size_t n = nargs - 1;
    if (!check_nargs(vm, "range", n, 1, 3))
        return Value::null();
    Value start = Value::small_int(0), stop, step = Value::small_int(1);
    if (n == 1) {
        stop = TRY(index(vm, args[1]));
    } else {
        start = TRY(index(vm, args[1]));
        stop = TRY(index(vm, args[2]));
        if (n == 3) {
            step = TRY(index(vm, args[3]));
            if (int_sign(step) == 0)
                return raise(vm, exc::ValueError, "range() arg 3 must not be zero");
        }
    }
    return make_range(vm, start, stop, step);
}

// start + i * step
Value compute_item(VM& vm, RangeObject* r, Value i)
{
    if (i.is_int() && r->start.is_int() && r->step.is_int()) {
        __int128 v = static_cast<__int128>(r->start.as_int()) + static_cast<__int128>(i.as_int()) * r->step.as_int();
        if (v >= INT64_MIN && v <= INT64_MAX)
            return int_from_i64(vm, static_cast<int64_t>(v));
    }
    Value prod = TRY(imul(vm, i, r->step));
    return iadd(vm, r->start, prod);
}

Value range_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    RangeObject* r = self_range(args);
    std::string out = "range(" + int_to_decimal(r->start) + ", " + int_to_decimal(r->stop);
    if (!(r->step.is_int() && r->step.as_int() == 1))
        out += ", " + int_to_decimal(r->step);
    out += ")";
    return str_value(vm, out);
}

Value range_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    RangeObject* r = self_range(args);
    int64_t n;
    if (!int_to_i64(r->length, n))
        return raise(vm, exc::OverflowError, "Python int too large to convert to C ssize_t");
    return r->length;
}

Value range_bool(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__bool__", nargs - 1, kwnames, 0))
        return Value::null();
    return py_bool(int_sign(self_range(args)->length) != 0);
}

Value range_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__getitem__", nargs - 1, kwnames, 1))
        return Value::null();
    RangeObject* r = self_range(args);
    Value key = args[1];
    if (as_slice(key)) {
        // compute_slice: full-precision indices, so huge ranges slice exactly.
        Value start, stop, step;
        if (!slice_long_indices(vm, key, r->length, start, stop, step))
            return Value::null();
        Value substart = TRY(compute_item(vm, r, start));
        Value substop = TRY(compute_item(vm, r, stop));
        Value substep = TRY(imul(vm, step, r->step));
        return make_range(vm, substart, substop, substep);
    }
    if (!is_index_like(key))
        return raise_fmt(vm, exc::TypeError, "range indices must be integers or slices, not %s", type_name(key));
    Value i = TRY(index(vm, key));
    if (int_sign(i) < 0)
        i = TRY(iadd(vm, i, r->length));
    if (int_sign(i) < 0 || icmp(i, r->length) >= 0)
        return raise(vm, exc::IndexError, "range object index out of range");
    return compute_item(vm, r, i);
}

bool is_exact_int_or_bool(Value v)
{
    if (v.is_int())
        return true;
    TypeObject* t = type_of(v);
    return t == types.int_ || t == types.bool_;
}

// -1 error, 0, 1: an int x is in the range (arithmetic test).
int int_in_range(VM& vm, RangeObject* r, Value x)
{
    x = int_unwrap(x);
    if (int_sign(r->step) > 0) {
        if (icmp(x, r->start) < 0 || icmp(x, r->stop) >= 0)
            return 0;
    } else {
        if (icmp(x, r->start) > 0 || icmp(x, r->stop) <= 0)
            return 0;
    }
    if (x.is_int() && r->start.is_int() && r->step.is_int())
        return (x.as_int() - r->start.as_int()) % r->step.as_int() == 0;
    Value diff = isub(vm, x, r->start);
    if (diff.is_null())
        return -1;
    Value m = imod(vm, diff, r->step);
    if (m.is_null())
        return -1;
    return int_sign(m) == 0;
}

// Linear search through the range with ==: the count of matches, or the first index
// (when `first_index` is set). -1 error; for first_index, -2 when absent.
int64_t range_search(VM& vm, Value self, Value x, bool first_index)
{
    Value it = get_iter(vm, self);
    if (it.is_null())
        return -1;
    int64_t count = 0;
    for (int64_t i = 0;; ++i) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return -1;
        if (item.is_stop_iteration())
            return first_index ? -2 : count;
        int r = equal(vm, item, x);
        if (r < 0)
            return -1;
        if (r) {
            if (first_index)
                return i;
            ++count;
        }
    }
}

Value range_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__contains__", nargs - 1, kwnames, 1))
        return Value::null();
    if (is_exact_int_or_bool(args[1])) {
        int r = int_in_range(vm, self_range(args), args[1]);
        return r < 0 ? Value::null() : py_bool(r);
    }
    int64_t n = range_search(vm, args[0], args[1], true);
    if (n == -1)
        return Value::null();
    return py_bool(n >= 0);
}

Value range_count(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "range", "count", nargs - 1, kwnames))
        return Value::null();
    if (is_exact_int_or_bool(args[1])) {
        int r = int_in_range(vm, self_range(args), args[1]);
        return r < 0 ? Value::null() : Value::small_int(r);
    }
    int64_t n = range_search(vm, args[0], args[1], false);
    if (n < 0)
        return Value::null();
    return int_from_i64(vm, n);
}

Value range_index(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "range", "index", nargs - 1, kwnames))
        return Value::null();
    RangeObject* r = self_range(args);
    if (is_exact_int_or_bool(args[1])) {
        int c = int_in_range(vm, r, args[1]);
        if (c < 0)
            return Value::null();
        if (!c) {
            Value s = TRY(repr(vm, args[1]));
            return raise_fmt(vm, exc::ValueError, "%s is not in range", as_str(s)->c_str());
        }
        Value diff = TRY(isub(vm, int_unwrap(args[1]), r->start));
        return ifloordiv(vm, diff, r->step);
    }
    int64_t n = range_search(vm, args[0], args[1], true);
    if (n == -1)
        return Value::null();
    if (n == -2)
        return raise(vm, exc::ValueError, "sequence.index(x): x not in sequence");
    return int_from_i64(vm, n);
}

// -1 error, 0, 1 (CPython's range_equals).
int range_equals(RangeObject* a, RangeObject* b)
{
    if (a == b)
        return 1;
    if (icmp(a->length, b->length) != 0)
        return 0;
    if (int_sign(a->length) == 0)
        return 1;
    if (icmp(a->start, b->start) != 0)
        return 0;
    if (a->length.is_int() && a->length.as_int() == 1)
        return 1;
    return icmp(a->step, b->step) == 0;
}

Value range_compare(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool want_eq)
{
    if (!check_wrapper_args(vm, want_eq ? "__eq__" : "__ne__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!args[1].is_object() || args[1].as_object()->type != types.range)
        return py_not_implemented();
    int r = range_equals(self_range(args), args[1].as<RangeObject>());
    return py_bool((r == 1) == want_eq);
}

Value range_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return range_compare(vm, a, n, kw, true); }
Value range_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return range_compare(vm, a, n, kw, false); }

Value range_hash(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__hash__", nargs - 1, kwnames, 0))
        return Value::null();
    RangeObject* r = self_range(args);
    Tuple* t;
    if (int_sign(r->length) == 0)
        t = tuple_pack(vm, { r->length, py_none(), py_none() });
    else if (r->length.is_int() && r->length.as_int() == 1)
        t = tuple_pack(vm, { r->length, r->start, py_none() });
    else
        t = tuple_pack(vm, { r->length, r->start, r->step });
    int64_t h;
    if (!t || !tuple_hash(vm, t, h))
        return Value::null();
    return int_from_i64(vm, h);
}

Value range_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    RangeObject* r = self_range(args);
    Tuple* a = tuple_pack(vm, { r->start, r->stop, r->step });
    return Value::from_object(tuple_pack(vm, { Value::from_object(types.range), Value::from_object(a) }));
}


// CPython iterates a range with a C-long range_iterator when start, stop, step and the
// length fit a long (and the walk cannot overflow), else with a longrange_iterator. slpy
// picks its own representation (RangeIterator::big) but reports the same type name.
TypeObject* g_longrange_iterator;

bool fits_long(Value v, int64_t& out) { return int_to_i64(v, out); }

// range_iter's test.
bool cpython_fast_forward(RangeObject* r)
{
    int64_t start, stop, step, len;
    if (!fits_long(r->start, start) || !fits_long(r->stop, stop) || !fits_long(r->step, step) || !fits_long(r->length, len))
        return false;
    if (len == 0)
        return true;
    if (step > 0)
        return !(stop > INT64_MAX - (step - 1));
    return !(stop < INT64_MIN + (-1 - step));
}

// range_reverse's test.
bool cpython_fast_reverse(RangeObject* r)
{
    int64_t start, stop, step, len;
    if (!fits_long(r->start, start) || !fits_long(r->stop, stop) || !fits_long(r->step, step) || !fits_long(r->length, len))
        return false;
    if (step == INT64_MIN)
        return false;
    if (step > 0)
        return !(static_cast<uint64_t>(start) - static_cast<uint64_t>(INT64_MIN) < static_cast<uint64_t>(step));
    return !(static_cast<uint64_t>(INT64_MAX) - static_cast<uint64_t>(start) < 0ULL - static_cast<uint64_t>(step));
}

// An iterator over start, start + step, ... (`count` items).
Value make_range_iter(VM& vm, Value start, Value step, Value count, bool long_type)
{
    auto* it = vm.heap.make<RangeIterator>(long_type ? g_longrange_iterator : types.range_iterator);
    if (!it)
        return Value::null();
    it->length = count;
    int64_t s, st, n;
    // The int64 form needs every produced value to fit: check the last one.
    if (int_to_i64(start, s) && int_to_i64(step, st) && int_to_i64(count, n)) {
        __int128 last = static_cast<__int128>(s) + static_cast<__int128>(n > 0 ? n - 1 : 0) * st;
        if (last >= INT64_MIN && last <= INT64_MAX) {
            it->next = s;
            it->step = st;
            it->remaining = n;
            return Value::from_object(it);
        }
    }
    it->big = true;
    it->big_next = start;
    it->big_step = step;
    it->big_remaining = count;
    return Value::from_object(it);
}

Value range_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    RangeObject* r = self_range(args);
    return make_range_iter(vm, r->start, r->step, r->length, !cpython_fast_forward(r));
}

Value range_reversed(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "range", "__reversed__", nargs - 1, kwnames))
        return Value::null();
    RangeObject* r = self_range(args);
    bool long_type = !cpython_fast_reverse(r);
    if (int_sign(r->length) == 0)
        return make_range_iter(vm, r->start, r->step, r->length, long_type);
    Value last_index = TRY(isub(vm, r->length, Value::small_int(1)));
    Value last = TRY(compute_item(vm, r, last_index));
    Value neg = TRY(ineg(vm, r->step));
    return make_range_iter(vm, last, neg, r->length, long_type);
}

Value range_iter_step(VM& vm, Value self)
{
    auto* it = self.as<RangeIterator>();
    if (!it->big) {
        if (it->remaining <= 0)
            return Value::stop_iteration();
        int64_t v = it->next;
        it->remaining--;
        // Unsigned add: the increment after the last item may leave the int64 range.
        it->next = static_cast<int64_t>(static_cast<uint64_t>(v) + static_cast<uint64_t>(it->step));
        if (Value::int_fits(v))
            return Value::small_int(v);
        return int_from_i64(vm, v);
    }
    if (int_sign(it->big_remaining) <= 0)
        return Value::stop_iteration();
    Value v = it->big_next;
    Value rem = TRY(isub(vm, it->big_remaining, Value::small_int(1)));
    Value next = TRY(iadd(vm, v, it->big_step));
    it->big_remaining = rem;
    it->big_next = next;
    return v;
}

Value range_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, type_name(args[0]), "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<RangeIterator>();
    if (!it->big)
        return int_from_i64(vm, it->remaining > 0 ? it->remaining : 0);
    return it->big_remaining;
}

// The position of a range iterator: (first item, step, items yielded so far), as ints.
bool range_iter_position(VM& vm, RangeIterator* it, Value& first, Value& step, Value& index)
{
    Value next, remaining;
    if (it->big) {
        next = it->big_next;
        step = it->big_step;
        remaining = it->big_remaining;
    } else {
        // `next` may have wrapped past the last item: unsigned arithmetic undoes that
        // exactly, since the first item fits.
        int64_t len = 0;
        (void)int_to_i64(it->length, len);
        int64_t done = len - (it->remaining > 0 ? it->remaining : 0);
        uint64_t f = static_cast<uint64_t>(it->next) - static_cast<uint64_t>(done) * static_cast<uint64_t>(it->step);
        first = int_from_i64(vm, static_cast<int64_t>(f));
        step = int_from_i64(vm, it->step);
        index = int_from_i64(vm, done);
        return !first.is_null() && !step.is_null() && !index.is_null();
    }
    if (int_sign(remaining) < 0)
        remaining = Value::small_int(0);
    index = isub(vm, it->length, remaining);
    if (index.is_null())
        return false;
    Value offset = imul(vm, index, step);
    if (offset.is_null())
        return false;
    first = isub(vm, next, offset);
    return !first.is_null();
}

// __reduce__: (iter, (range(first, first + len * step, step),), index), as CPython's.
Value range_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, type_name(args[0]), "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<RangeIterator>();
    Value first, step, index;
    if (!range_iter_position(vm, it, first, step, index))
        return Value::null();
    Value span = TRY(imul(vm, it->length, step));
    Value stop = TRY(iadd(vm, first, span));
    Value range_args[4] = { Value::from_object(types.range), first, stop, step };
    Value r = TRY(range_new_method(vm, range_args, 4, nullptr));
    return reduce_builtin(vm, "iter", { r }, index);
}

// __setstate__(index): clipped to [0, len]; moves the iterator there.
Value range_iter_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, type_name(args[0]), "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<RangeIterator>();
    // PyLong_AsLong (range_iterator) and a comparison (longrange_iterator) both take
    // __index__.
    Value state = TRY(index(vm, args[1]));
    int64_t as_long;
    if (!it->big && !int_to_i64(state, as_long))
        return raise(vm, exc::OverflowError, "Python int too large to convert to C long");
    Value first, step, done;
    if (!range_iter_position(vm, it, first, step, done))
        return Value::null();
    if (int_sign(state) < 0)
        state = Value::small_int(0);
    int over = rich_compare_bool(vm, state, it->length, CmpArg::GT);
    if (over < 0)
        return Value::null();
    if (over)
        state = it->length;
    if (!it->big) {
        int64_t i;
        if (!int_to_i64(state, i))
            return raise(vm, exc::OverflowError, "Python int too large to convert to C long");
        int64_t f, len;
        (void)int_to_i64(first, f);
        (void)int_to_i64(it->length, len);
        it->next = static_cast<int64_t>(static_cast<uint64_t>(f) + static_cast<uint64_t>(i) * static_cast<uint64_t>(it->step));
        it->remaining = len - i;
        return py_none();
    }
    Value offset = TRY(imul(vm, state, step));
    it->big_next = TRY(iadd(vm, first, offset));
    it->big_remaining = TRY(isub(vm, it->length, state));
    return py_none();
}

} // namespace

void setup_range_slice(VM& vm)
{
    TypeObject* t = types.range;
    t->basicsize = sizeof(RangeObject);
    t->trace = range_trace;
    add_methods(vm, t,
                {
                    { "__new__", range_new_method, METH_STATIC },
                    { "__repr__", range_repr },
                    { "__len__", range_len },
                    { "__bool__", range_bool },
                    { "__getitem__", range_getitem },
                    { "__contains__", range_contains },
                    { "__iter__", range_iter },
                    { "__reversed__", range_reversed, 0, "Return a reverse iterator." },
                    { "__eq__", range_eq },
                    { "__ne__", range_ne },
                    { "__hash__", range_hash },
                    { "__reduce__", range_reduce },
                    { "count", range_count, 0, "rangeobject.count(value) -> integer -- return number of occurrences of value" },
                    { "index", range_index, 0,
                      "rangeobject.index(value) -> integer -- return index of value.\nRaise ValueError if the value is "
                      "not present." },
                });
    // start/stop/step: read-only members, as CPython's.
    for (auto [name, offset] : { std::pair{ "start", offsetof(RangeObject, start) }, std::pair{ "stop", offsetof(RangeObject, stop) },
                                 std::pair{ "step", offsetof(RangeObject, step) } })
        (void)add_member(vm, t, name, uint32_t(offset), MEMBER_READONLY);

    g_longrange_iterator = make_builtin_type(vm, "longrange_iterator", nullptr, sizeof(RangeIterator), 0, range_iter_trace);
    for (TypeObject* it : { types.range_iterator, g_longrange_iterator }) {
        it->basicsize = sizeof(RangeIterator);
        it->trace = range_iter_trace;
        it->iternext = range_iter_step;
        add_methods(vm, it,
                    {
                        { "__iter__", iter_self_method },
                        { "__next__", next_method<range_iter_step> },
                        { "__length_hint__", range_iter_length_hint },
                        { "__reduce__", range_iter_reduce },
                        { "__setstate__", range_iter_setstate },
                    });
    }

    setup_slice(vm);
}

} // namespace slpy
