// slice objects (slice(start, stop, step)) and the index/slice arithmetic shared by all
// sequences: CPython's PySlice_Unpack, PySlice_AdjustIndices and slice.indices().
#include "objects/slice.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

#include <cstddef>
#include <utility>

namespace slpy {

namespace {

constexpr int64_t kSsizeMax = INT64_MAX;
constexpr int64_t kSsizeMin = INT64_MIN;

void slice_trace(Object* self, Tracer& tracer)
{
    auto* s = static_cast<Slice*>(self);
    tracer.visit(s->start);
    tracer.visit(s->stop);
    tracer.visit(s->step);
}

// _PyEval_SliceIndex: None leaves `out` unchanged; an index-like value is converted with
// clamping to the int64 range (PyNumber_AsSsize_t(v, NULL)).
bool eval_slice_index(VM& vm, Value v, int64_t& out)
{
    if (is_none(v))
        return true;
    if (!is_index_like(v)) {
        (void)raise(vm, exc::TypeError, "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    if (!int_to_i64(i, out))
        out = int_sign(i) < 0 ? kSsizeMin : kSsizeMax;
    return true;
}

Slice* self_slice(Value const* args) { return args[0].as<Slice>(); }

Value slice_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        return raise(vm, exc::TypeError, "slice() takes no keyword arguments");
    }
    // args[0] is the class.
    size_t n = nargs - 1;
    if (!check_nargs(vm, "slice", n, 1, 3))
        return Value::null();
    if (n == 1)
        return slice_new(vm, py_none(), args[1], py_none());
    return slice_new(vm, args[1], args[2], n == 3 ? args[3] : py_none());
}

Value slice_repr_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    Slice* s = self_slice(args);
    std::string out = "slice(";
    Value parts[3] = { s->start, s->stop, s->step };
    for (int i = 0; i < 3; ++i) {
        if (i)
            out += ", ";
        Value r = TRY(repr(vm, parts[i]));
        out += as_str(r)->view();
    }
    out += ")";
    return str_value(vm, out);
}


// evaluate_slice_index of _PySlice_GetLongIndices: an int (or __index__ result) at full
// precision; anything else is the usual slice-index TypeError.
Value indices_component(VM& vm, Value v)
{
    if (!is_index_like(v))
        return raise(vm, exc::TypeError, "slice indices must be integers or None or have an __index__ method");
    return index(vm, v);
}

// One bound of slice.indices(): None gives the default, a negative value counts from the
// end, and the result is clipped into [lower, upper] (lower = -1 or 0, upper = length - 1
// or length, by the sign of the step). Arbitrary precision, as CPython.
Value indices_bound(VM& vm, Value v, Value dflt, Value length, Value lower, Value upper)
{
    if (is_none(v))
        return dflt;
    Value i = TRY(indices_component(vm, v));
    if (int_sign(i) < 0) {
        i = TRY(int_add(vm, i, length));
        if (int_compare(i, lower) < 0)
            i = lower;
    } else if (int_compare(i, upper) > 0) {
        i = upper;
    }
    return i;
}

// slice.indices(length) -> (start, stop, step).
Value slice_indices_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "slice.indices", kwnames))
        return Value::null();
    if (nargs != 2)
        return raise_fmt(vm, exc::TypeError, "slice.indices() takes exactly one argument (%zu given)", nargs - 1);
    Value length = TRY(index(vm, args[1]));
    if (int_sign(length) < 0)
        return raise(vm, exc::ValueError, "length should not be negative");
    Value start, stop, step;
    if (!slice_long_indices(vm, args[0], length, start, stop, step))
        return Value::null();
    return Value::from_object(tuple_pack(vm, { start, stop, step }));
}

Value slice_as_tuple(VM& vm, Slice* s) { return Value::from_object(tuple_pack(vm, { s->start, s->stop, s->step })); }

Value slice_compare(VM& vm, Value const* args, CmpArg op)
{
    Slice* a = as_slice(args[0]);
    Slice* b = as_slice(args[1]);
    if (!a || !b)
        return py_not_implemented();
    if (a == b && (op == CmpArg::EQ || op == CmpArg::LE || op == CmpArg::GE))
        return py_true();
    if (a == b && (op == CmpArg::NE || op == CmpArg::LT || op == CmpArg::GT))
        return py_false();
    Value ta = slice_as_tuple(vm, a);
    Value tb = slice_as_tuple(vm, b);
    return rich_compare(vm, ta, tb, op);
}

#define SLICE_CMP(name, op)                                                 \
    Value name(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)     \
    {                                                                       \
        if (!check_wrapper_args(vm, cmp_method_name(op), nargs - 1, kwnames, 1)) \
            return Value::null();                                           \
        return slice_compare(vm, args, op);                                 \
    }
SLICE_CMP(slice_lt, CmpArg::LT)
SLICE_CMP(slice_le, CmpArg::LE)
SLICE_CMP(slice_eq, CmpArg::EQ)
SLICE_CMP(slice_ne, CmpArg::NE)
SLICE_CMP(slice_gt, CmpArg::GT)
SLICE_CMP(slice_ge, CmpArg::GE)
#undef SLICE_CMP

Value slice_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value t = slice_as_tuple(vm, self_slice(args));
    return Value::from_object(tuple_pack(vm, { Value::from_object(types.slice), t }));
}

} // namespace

Value slice_new(VM& vm, Value start, Value stop, Value step)
{
    auto* s = vm.heap.make<Slice>(types.slice);
    if (!s)
        return Value::null();
    s->start = start;
    s->stop = stop;
    s->step = step;
    return Value::from_object(s);
}

Slice* as_slice(Value v)
{
    if (v.is_object() && v.as_object()->type == types.slice)
        return v.as<Slice>();
    return nullptr;
}

bool is_index_like(Value v)
{
    if (v.is_int())
        return true;
    TypeObject* t = type_of(v);
    if (!t)
        return false;
    if (t->has_flag(TF_INT_SUBCLASS))
        return true;
    return !t->slot(Slot::INDEX).is_null() && !is_none(t->slot(Slot::INDEX));
}

bool sequence_index(VM& vm, Value v, int64_t& out)
{
    if (v.is_int()) {
        out = v.as_int();
        return true;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    if (!int_to_i64(i, out)) {
        (void)raise_fmt(vm, exc::IndexError, "cannot fit '%s' into an index-sized integer", type_name(v));
        return false;
    }
    return true;
}

bool slice_index_not_none(VM& vm, Value v, int64_t& out)
{
    if (!is_index_like(v)) {
        (void)raise(vm, exc::TypeError, "slice indices must be integers or have an __index__ method");
        return false;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    if (!int_to_i64(i, out))
        out = int_sign(i) < 0 ? kSsizeMin : kSsizeMax;
    return true;
}

bool slice_unpack(VM& vm, Value slice, int64_t& start, int64_t& stop, int64_t& step)
{
    Slice* s = as_slice(slice);
    if (is_none(s->step)) {
        step = 1;
    } else {
        if (!eval_slice_index(vm, s->step, step))
            return false;
        if (step == 0) {
            (void)raise(vm, exc::ValueError, "slice step cannot be zero");
            return false;
        }
        // -step must not overflow when reversing.
        if (step < -kSsizeMax)
            step = -kSsizeMax;
    }
    if (is_none(s->start)) {
        start = step < 0 ? kSsizeMax : 0;
    } else if (!eval_slice_index(vm, s->start, start)) {
        return false;
    }
    if (is_none(s->stop)) {
        stop = step < 0 ? kSsizeMin : kSsizeMax;
    } else if (!eval_slice_index(vm, s->stop, stop)) {
        return false;
    }
    return true;
}

int64_t slice_adjust_indices(int64_t length, int64_t& start, int64_t& stop, int64_t step)
{
    if (start < 0) {
        start += length;
        if (start < 0)
            start = step < 0 ? -1 : 0;
    } else if (start >= length) {
        start = step < 0 ? length - 1 : length;
    }
    if (stop < 0) {
        stop += length;
        if (stop < 0)
            stop = step < 0 ? -1 : 0;
    } else if (stop >= length) {
        stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (stop < start)
            return (start - stop - 1) / (-step) + 1;
    } else if (start < stop) {
        return (stop - start - 1) / step + 1;
    }
    return 0;
}

bool slice_indices(VM& vm, Value slice, int64_t length, int64_t& start, int64_t& stop, int64_t& step,
                   int64_t& slicelength)
{
    if (!slice_unpack(vm, slice, start, stop, step))
        return false;
    slicelength = slice_adjust_indices(length, start, stop, step);
    return true;
}

bool slice_indices_live(VM& vm, Value slice, size_t const& length, int64_t& start, int64_t& stop, int64_t& step,
                        int64_t& slicelength)
{
    if (!slice_unpack(vm, slice, start, stop, step))
        return false;
    slicelength = slice_adjust_indices(static_cast<int64_t>(length), start, stop, step);
    return true;
}

bool slice_long_indices(VM& vm, Value slice, Value length, Value& start, Value& stop, Value& step)
{
    Slice* s = as_slice(slice);
    step = Value::small_int(1);
    if (!is_none(s->step)) {
        step = indices_component(vm, s->step);
        if (step.is_null())
            return false;
        if (int_sign(step) == 0) {
            (void)raise(vm, exc::ValueError, "slice step cannot be zero");
            return false;
        }
    }
    bool neg = int_sign(step) < 0;
    Value lower = Value::small_int(neg ? -1 : 0);
    Value upper = length;
    if (neg) {
        upper = int_sub(vm, length, Value::small_int(1));
        if (upper.is_null())
            return false;
    }
    start = indices_bound(vm, s->start, neg ? upper : lower, length, lower, upper);
    if (start.is_null())
        return false;
    stop = indices_bound(vm, s->stop, neg ? lower : upper, length, lower, upper);
    return !stop.is_null();
}

void setup_slice(VM& vm)
{
    TypeObject* t = types.slice;
    t->basicsize = sizeof(Slice);
    t->trace = slice_trace;
    add_methods(vm, t,
                {
                    { "__new__", slice_new_method, METH_STATIC },
                    { "__repr__", slice_repr_method },
                    { "indices", slice_indices_method, 0,
                      "S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, calculate "
                      "the start and stop\nindices, and the stride length of the extended slice described by\nS. "
                      "Out of bounds indices are clipped in\na manner consistent with the handling of normal "
                      "slices." },
                    { "__lt__", slice_lt },
                    { "__le__", slice_le },
                    { "__eq__", slice_eq },
                    { "__ne__", slice_ne },
                    { "__gt__", slice_gt },
                    { "__ge__", slice_ge },
                    { "__reduce__", slice_reduce },
                });
    // start/stop/step: read-only members, as CPython's.
    for (auto [name, offset] : { std::pair{ "start", offsetof(Slice, start) }, std::pair{ "stop", offsetof(Slice, stop) },
                                 std::pair{ "step", offsetof(Slice, step) } })
        (void)add_member(vm, t, name, uint32_t(offset), MEMBER_READONLY);
    add_attribute(vm, t, "__hash__", py_none());
}

} // namespace slpy
