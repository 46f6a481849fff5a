// The generic iterators: seq_iterator (iter() of objects with only __getitem__),
// callable_iterator (iter(f, sentinel)), and the iterator types enumerate, zip, map,
// filter and reversed. Each sets TypeObject::iternext; __next__ wraps it.
#include "objects/iterators.h"

#include "objects/function.h"
#include "objects/int.h"
#include "objects/reduce.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstring>

namespace slpy {

namespace {

// ------------------------------------------------------------------ seq_iterator

void seq_iter_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<SeqIterator*>(self)->seq); }

Value seq_iter_step(VM& vm, Value self)
{
    auto* it = self.as<SeqIterator>();
    if (it->seq.is_null())
        return Value::stop_iteration();
    Value i = TRY(int_from_i64(vm, it->index));
    Value item = getitem(vm, it->seq, i);
    if (item.is_null()) {
        if (vm.error_matches(exc::IndexError) || vm.error_matches(exc::StopIteration)) {
            vm.clear_error();
            it->seq = Value::null();
            return Value::stop_iteration();
        }
        return Value::null();
    }
    it->index++;
    return item;
}

Value seq_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "iterator", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<SeqIterator>();
    if (it->seq.is_null())
        return Value::small_int(0);
    int64_t n;
    if (!length(vm, it->seq, n)) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            return py_not_implemented();
        }
        return Value::null();
    }
    return int_from_i64(vm, n > it->index ? n - it->index : 0);
}

// ------------------------------------------------------------------ callable_iterator

void callable_iter_trace(Object* self, Tracer& tracer)
{
    auto* it = static_cast<CallableIterator*>(self);
    tracer.visit(it->callable);
    tracer.visit(it->sentinel);
}

Value callable_iter_step(VM& vm, Value self)
{
    auto* it = self.as<CallableIterator>();
    if (it->callable.is_null())
        return Value::stop_iteration();
    Value r = call0(vm, it->callable);
    if (r.is_null()) {
        if (vm.error_matches(exc::StopIteration)) {
            vm.clear_error();
            it->callable = Value::null();
            return Value::stop_iteration();
        }
        return Value::null();
    }
    int eq = equal(vm, r, it->sentinel);
    if (eq < 0)
        return Value::null();
    if (eq) {
        it->callable = Value::null();
        return Value::stop_iteration();
    }
    return r;
}

// ------------------------------------------------------------------ enumerate

void enumerate_trace(Object* self, Tracer& tracer)
{
    auto* e = static_cast<Enumerate*>(self);
    tracer.visit(e->iter);
    tracer.visit(e->big_count);
}

// enumerate(iterable, start) as CPython's enumerate_vectorcall binds it: a hand-written
// parser with its own messages ("missing required argument 'iterable'" without the
// argument clinic's " (pos 1)"). False with TypeError pending.
static bool enumerate_bind_exact(VM& vm, Value const* args, size_t npos, Tuple* kwnames, Value out[2])
{
    size_t nkw = kwnames ? kwnames->size : 0;
    auto keyword_is = [&](size_t k, char const* name) {
        String* kw = as_str(kwnames->items[k]);
        if (kw && std::strcmp(kw->c_str(), name) == 0)
            return true;
        raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for enumerate()", kw ? kw->c_str() : "?");
        return false;
    };
    if (npos + nkw == 2) {
        if (nkw == 1 && !keyword_is(0, "start"))
            return false;
        if (nkw == 2) {
            String* kw0 = as_str(kwnames->items[0]);
            if (kw0 && std::strcmp(kw0->c_str(), "start") == 0) {
                if (!keyword_is(1, "iterable"))
                    return false;
                out[0] = args[1];
                out[1] = args[0];
                return true;
            }
            if (!keyword_is(0, "iterable") || !keyword_is(1, "start"))
                return false;
        }
        out[0] = args[0];
        out[1] = args[1];
        return true;
    }
    if (npos + nkw == 1) {
        if (nkw == 1 && !keyword_is(0, "iterable"))
            return false;
        out[0] = args[0];
        out[1] = Value::null();
        return true;
    }
    if (npos == 0) {
        raise(vm, exc::TypeError, "enumerate() missing required argument 'iterable'");
        return false;
    }
    raise_fmt(vm, exc::TypeError, "enumerate() takes at most 2 arguments (%zu given)", npos + nkw);
    return false;
}

// A new enumerate of class `cls` over out[0], counting from out[1] (null: 0).
Value enumerate_make(VM& vm, TypeObject* cls, Value const* out)
{
    Value start = Value::small_int(0);
    if (!out[1].is_null())
        start = TRY(index(vm, out[1]));
    Value it = TRY(get_iter(vm, out[0]));
    auto* e = static_cast<Enumerate*>(alloc_instance(vm, cls));
    if (!e)
        return Value::null();
    e->iter = it;
    int64_t s;
    if (int_to_i64(start, s) && s < INT64_MAX)
        e->count = s;
    else
        e->big_count = start;
    return Value::from_object(e);
}

// enumerate.__new__, and so subclasses: the argument clinic parser.
Value enumerate_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "enumerate", args + 1, nargs - 1, kwnames, { "iterable", "start" }, 1, out))
        return Value::null();
    return enumerate_make(vm, args[0].as<TypeObject>(), out);
}

// enumerate(...) itself: CPython's enumerate_vectorcall, with its own messages.
Value enumerate_vectorcall(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!enumerate_bind_exact(vm, args + 1, nargs - 1, kwnames, out))
        return Value::null();
    return enumerate_make(vm, types.enumerate, out);
}

Value enumerate_step(VM& vm, Value self)
{
    auto* e = self.as<Enumerate>();
    Value item = iter_next(vm, e->iter);
    if (item.is_null() || item.is_stop_iteration())
        return item;
    Value index = TRY(enumerate_take_index(vm, e));
    return Value::from_object(tuple_pack(vm, { index, item }));
}

// ------------------------------------------------------------------ zip

void zip_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<Zip*>(self)->iters); }

// Collects an iterator per argument into a tuple. Null on error.
Tuple* iterators_of(VM& vm, Value const* items, size_t n)
{
    Tuple* iters = tuple_new(vm, n);
    if (!iters)
        return nullptr;
    for (size_t i = 0; i < n; ++i) {
        Value it = get_iter(vm, items[i]);
        if (it.is_null())
            return nullptr;
        iters->items[i] = it;
    }
    return iters;
}

Value zip_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    bool strict = false;
    if (kwnames) {
        if (kwnames->size > 1)
            return raise_fmt(vm, exc::TypeError, "zip() takes at most 1 keyword argument (%zu given)", kwnames->size);
        for (size_t k = 0; k < kwnames->size; ++k) {
            String* name = as_str(kwnames->items[k]);
            if (name->view() != "strict")
                return raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for zip()", name->c_str());
            int t = truthy(vm, args[nargs + k]);
            if (t < 0)
                return Value::null();
            strict = t != 0;
        }
    }
    Tuple* iters = iterators_of(vm, args + 1, nargs - 1);
    if (!iters)
        return Value::null();
    auto* z = static_cast<Zip*>(alloc_instance(vm, cls));
    if (!z)
        return Value::null();
    z->iters = iters;
    z->strict = strict;
    return Value::from_object(z);
}

Value zip_step(VM& vm, Value self)
{
    auto* z = self.as<Zip>();
    size_t n = z->iters->size;
    if (n == 0)
        return Value::stop_iteration();
    Tuple* result = tuple_new(vm, n);
    if (!result)
        return Value::null();
    for (size_t i = 0; i < n; ++i) {
        Value item = iter_next(vm, z->iters->items[i]);
        if (item.is_null())
            return Value::null();
        if (item.is_stop_iteration()) {
            if (!z->strict)
                return item;
            if (i > 0)
                return zip_length_error(vm, i, "shorter");
            for (size_t j = 1; j < n; ++j) {
                Value extra = iter_next(vm, z->iters->items[j]);
                if (extra.is_null())
                    return Value::null();
                if (!extra.is_stop_iteration())
                    return zip_length_error(vm, j, "longer");
            }
            return Value::stop_iteration();
        }
        result->items[i] = item;
    }
    return Value::from_object(result);
}

// ------------------------------------------------------------------ map

void map_trace(Object* self, Tracer& tracer)
{
    auto* m = static_cast<MapObject*>(self);
    tracer.visit(m->func);
    tracer.visit(m->iters);
}

Value map_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.map && kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "map() takes no keyword arguments");
    if (nargs < 3)
        return raise(vm, exc::TypeError, "map() must have at least two arguments.");
    Tuple* iters = iterators_of(vm, args + 2, nargs - 2);
    if (!iters)
        return Value::null();
    auto* m = static_cast<MapObject*>(alloc_instance(vm, cls));
    if (!m)
        return Value::null();
    m->func = args[1];
    m->iters = iters;
    return Value::from_object(m);
}

Value map_step(VM& vm, Value self)
{
    auto* m = self.as<MapObject>();
    size_t n = m->iters->size;
    Value small[8];
    ValueArray* big = n > 8 ? value_array_new(vm, n) : nullptr;
    if (n > 8 && !big)
        return Value::null();
    Value* items = big ? big->items : small;
    for (size_t i = 0; i < n; ++i) {
        Value item = iter_next(vm, m->iters->items[i]);
        if (item.is_null() || item.is_stop_iteration())
            return item;
        items[i] = item;
    }
    return call(vm, m->func, items, n);
}

// ------------------------------------------------------------------ filter

void filter_trace(Object* self, Tracer& tracer)
{
    auto* f = static_cast<Filter*>(self);
    tracer.visit(f->func);
    tracer.visit(f->iter);
}

Value filter_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.filter && kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "filter() takes no keyword arguments");
    if (!check_nargs(vm, "filter", nargs - 1, 2, 2))
        return Value::null();
    Value it = TRY(get_iter(vm, args[2]));
    auto* f = static_cast<Filter*>(alloc_instance(vm, cls));
    if (!f)
        return Value::null();
    f->func = args[1];
    f->iter = it;
    return Value::from_object(f);
}

Value filter_step(VM& vm, Value self)
{
    auto* f = self.as<Filter>();
    bool use_truth = is_none(f->func) || f->func.is(Value::from_object(types.bool_));
    for (;;) {
        Value item = iter_next(vm, f->iter);
        if (item.is_null() || item.is_stop_iteration())
            return item;
        Value test = item;
        if (!use_truth)
            test = TRY(call1(vm, f->func, item));
        int ok = truthy(vm, test);
        if (ok < 0)
            return Value::null();
        if (ok)
            return item;
    }
}

// ------------------------------------------------------------------ reversed

void reversed_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<Reversed*>(self)->seq); }

Value reversed_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.reversed && kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "reversed() takes no keyword arguments");
    if (nargs != 2) // _PyArg_CheckPositional's message, not METH_O's
        return raise_fmt(vm, exc::TypeError, "reversed expected 1 argument, got %zu", nargs - 1);
    Value seq = args[1];
    TypeObject* t = type_of(seq);
    Value rev = t->slot(Slot::REVERSED);
    if (!rev.is_null()) {
        if (is_none(rev))
            return raise_fmt(vm, exc::TypeError, "'%s' object is not reversible", t->name->c_str());
        return call_slot(vm, seq, Slot::REVERSED, nullptr, 0);
    }
    bool is_sequence = !t->slot(Slot::GETITEM).is_null() && !is_none(t->slot(Slot::GETITEM))
                       && !t->has_flag(TF_DICT_SUBCLASS);
    if (!is_sequence)
        return raise_fmt(vm, exc::TypeError, "'%s' object is not reversible", t->name->c_str());
    int64_t n;
    if (!length(vm, seq, n))
        return Value::null();
    auto* r = static_cast<Reversed*>(alloc_instance(vm, cls));
    if (!r)
        return Value::null();
    r->seq = seq;
    r->index = n - 1;
    return Value::from_object(r);
}

Value reversed_step(VM& vm, Value self)
{
    auto* r = self.as<Reversed>();
    if (r->seq.is_null() || r->index < 0) {
        r->seq = Value::null();
        return Value::stop_iteration();
    }
    Value i = TRY(int_from_i64(vm, r->index));
    Value item = getitem(vm, r->seq, i);
    if (item.is_null()) {
        if (vm.error_matches(exc::IndexError) || vm.error_matches(exc::StopIteration)) {
            vm.clear_error();
            reversed_advance(r, false);
            return Value::stop_iteration();
        }
        return Value::null();
    }
    reversed_advance(r, true);
    return item;
}

Value reversed_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "reversed", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* r = args[0].as<Reversed>();
    if (r->seq.is_null())
        return Value::small_int(0);
    int64_t n;
    if (!length(vm, r->seq, n))
        return Value::null();
    int64_t position = r->index + 1;
    return int_from_i64(vm, n < position ? 0 : position);
}

// ------------------------------------------------------------------ pickling
//
// __reduce__ (and __setstate__ where CPython has one) of these iterators, in CPython
// 3.11's forms; reduce_value/reduce_builtin (objects/reduce.cpp) build the tuples.

Value self_type(Value self) { return Value::from_object(type_of(self)); }

// (iter, (seq,), index), or iter(()) once exhausted.
Value seq_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<SeqIterator>();
    if (it->seq.is_null())
        return reduce_builtin(vm, "iter", { Value::from_object(empty_tuple()) });
    return reduce_builtin(vm, "iter", { it->seq }, int_from_i64(vm, it->index));
}

Value seq_iter_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "iterator", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<SeqIterator>();
    int64_t index;
    if (!setstate_index(vm, args[1], 0, INT64_MAX, index))
        return Value::null();
    if (!it->seq.is_null())
        it->index = index;
    return py_none();
}

// (iter, (callable, sentinel)), or iter(()) once exhausted.
Value callable_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "callable_iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<CallableIterator>();
    if (it->callable.is_null())
        return reduce_builtin(vm, "iter", { Value::from_object(empty_tuple()) });
    return reduce_builtin(vm, "iter", { it->callable, it->sentinel });
}

// (enumerate, (iterator, count))
Value enumerate_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "enumerate", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* e = args[0].as<Enumerate>();
    Value count = e->big_count.is_null() ? int_from_i64(vm, e->count) : e->big_count;
    return reduce_value(vm, self_type(args[0]), { e->iter, count });
}

// (zip, iterators), with True as the state when strict.
Value zip_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "zip", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* z = args[0].as<Zip>();
    Value iters = Value::from_object(z->iters);
    if (z->strict)
        return Value::from_object(tuple_pack(vm, { self_type(args[0]), iters, py_true() }));
    return Value::from_object(tuple_pack(vm, { self_type(args[0]), iters }));
}

Value zip_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "zip", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    int t = truthy(vm, args[1]);
    if (t < 0)
        return Value::null();
    args[0].as<Zip>()->strict = t != 0;
    return py_none();
}

// (map, (func, *iterators))
Value map_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "map", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* m = args[0].as<MapObject>();
    Tuple* ctor = tuple_new(vm, m->iters->size + 1);
    if (!ctor)
        return Value::null();
    ctor->items[0] = m->func;
    for (size_t i = 0; i < m->iters->size; ++i)
        ctor->items[i + 1] = m->iters->items[i];
    return Value::from_object(tuple_pack(vm, { self_type(args[0]), Value::from_object(ctor) }));
}

// (filter, (func, iterator))
Value filter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "filter", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* f = args[0].as<Filter>();
    return reduce_value(vm, self_type(args[0]), { f->func, f->iter });
}

// (reversed, (seq,), index), or reversed(()) once exhausted.
Value reversed_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "reversed", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* r = args[0].as<Reversed>();
    if (r->seq.is_null())
        return reduce_value(vm, self_type(args[0]), { Value::from_object(empty_tuple()) });
    return reduce_value(vm, self_type(args[0]), { r->seq }, int_from_i64(vm, r->index));
}

// __setstate__(index): clipped to [-1, len(seq) - 1].
Value reversed_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "reversed", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* r = args[0].as<Reversed>();
    int64_t index;
    if (!setstate_index(vm, args[1], INT64_MIN, INT64_MAX, index))
        return Value::null();
    if (!r->seq.is_null()) {
        int64_t n;
        if (!length(vm, r->seq, n))
            return Value::null();
        r->index = index < -1 ? -1 : index > n - 1 ? n - 1 : index;
    }
    return py_none();
}

struct IterSpec {
    TypeObject* type;
    uint32_t size;
    TraceFn trace;
    Value (*step)(VM&, Value);
    // __next__; null for the lazy iterators (enumerate, zip, map, filter, reversed), whose
    // __next__ may run their step as frames of the loop: stackless/builtins/builtins_drive.cpp
    NativeFn next;
    NativeFn new_fn;
    NativeFn length_hint;
    NativeFn reduce;
    NativeFn setstate;
};

} // namespace

// ------------------------------------------------------------------ public API

bool check_noargs_method(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes no keyword arguments", owner, name);
        return false;
    }
    if (nargs != 0) {
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes no arguments (%zu given)", owner, name, nargs);
        return false;
    }
    return true;
}

bool check_onearg_method(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes no keyword arguments", owner, name);
        return false;
    }
    if (nargs != 1) {
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes exactly one argument (%zu given)", owner, name, nargs);
        return false;
    }
    return true;
}

bool check_wrapper_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t expected, bool blank)
{
    if (kwnames && kwnames->size) {
        (void)raise_fmt(vm, exc::TypeError, "wrapper %s() takes no keyword arguments", name);
        return false;
    }
    if (nargs != expected) {
        (void)raise_fmt(vm, exc::TypeError, "%sexpected %zu argument%s, got %zu", blank ? " " : "", expected,
                        expected == 1 ? "" : "s", nargs);
        return false;
    }
    return true;
}

char const* cmp_method_name(CmpArg op)
{
    switch (op) {
    case CmpArg::LT: return "__lt__";
    case CmpArg::LE: return "__le__";
    case CmpArg::EQ: return "__eq__";
    case CmpArg::NE: return "__ne__";
    case CmpArg::GT: return "__gt__";
    case CmpArg::GE: return "__ge__";
    }
    return "__eq__";
}

Value enumerate_take_index(VM& vm, Enumerate* e)
{
    if (!e->big_count.is_null()) {
        Value index = e->big_count;
        e->big_count = TRY(binary_op(vm, index, Value::small_int(1), BinOpArg::ADD));
        return index;
    }
    Value index = TRY(int_from_i64(vm, e->count));
    if (e->count == INT64_MAX - 1)
        e->big_count = TRY(int_from_i64(vm, INT64_MAX));
    else
        e->count++;
    return index;
}

Value zip_length_error(VM& vm, size_t i, char const* what)
{
    if (i == 1)
        return raise_fmt(vm, exc::ValueError, "zip() argument 2 is %s than argument 1", what);
    return raise_fmt(vm, exc::ValueError, "zip() argument %zu is %s than arguments 1-%zu", i + 1, what, i);
}

void reversed_advance(Reversed* r, bool found)
{
    if (found)
        r->index--;
    else
        r->seq = Value::null();
}

Value raise_stop_iteration(VM& vm) { return raise_with_args(vm, exc::StopIteration, nullptr); }

Value iter_self_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    return args[0];
}

Value next_from_iternext(VM& vm, Value self, Value (*step)(VM&, Value))
{
    Value v = step(vm, self);
    if (v.is_stop_iteration())
        return raise_stop_iteration(vm);
    return v;
}

Value seq_iterator_new(VM& vm, Value seq)
{
    auto* it = vm.heap.make<SeqIterator>(types.seq_iterator);
    if (!it)
        return Value::null();
    it->seq = seq;
    it->index = 0;
    return Value::from_object(it);
}

Value callable_iter_new(VM& vm, Value callable, Value sentinel)
{
    auto* it = vm.heap.make<CallableIterator>(types.callable_iterator);
    if (!it)
        return Value::null();
    it->callable = callable;
    it->sentinel = sentinel;
    return Value::from_object(it);
}

void setup_iterators(VM& vm)
{
    IterSpec specs[] = {
        { types.seq_iterator, sizeof(SeqIterator), seq_iter_trace, seq_iter_step, next_method<seq_iter_step>, nullptr,
          seq_iter_length_hint, seq_iter_reduce, seq_iter_setstate },
        { types.callable_iterator, sizeof(CallableIterator), callable_iter_trace, callable_iter_step,
          next_method<callable_iter_step>, nullptr, nullptr, callable_iter_reduce, nullptr },
        { types.enumerate, sizeof(Enumerate), enumerate_trace, enumerate_step, nullptr, enumerate_new,
          nullptr, enumerate_reduce, nullptr },
        { types.zip, sizeof(Zip), zip_trace, zip_step, nullptr, zip_new, nullptr, zip_reduce, zip_setstate },
        { types.map, sizeof(MapObject), map_trace, map_step, nullptr, map_new, nullptr, map_reduce, nullptr },
        { types.filter, sizeof(Filter), filter_trace, filter_step, nullptr, filter_new, nullptr,
          filter_reduce, nullptr },
        { types.reversed, sizeof(Reversed), reversed_trace, reversed_step, nullptr, reversed_new,
          reversed_length_hint, reversed_reduce, reversed_setstate },
    };
    for (IterSpec const& s : specs) {
        s.type->basicsize = s.size;
        s.type->trace = s.trace;
        s.type->iternext = s.step;
        add_methods(vm, s.type, { { "__iter__", iter_self_method } });
        if (s.next)
            add_methods(vm, s.type, { { "__next__", s.next } });
        if (s.new_fn)
            add_methods(vm, s.type, { { "__new__", s.new_fn, METH_STATIC } });
        if (s.length_hint)
            add_methods(vm, s.type, { { "__length_hint__", s.length_hint } });
        add_methods(vm, s.type, { { "__reduce__", s.reduce } });
        if (s.setstate)
            add_methods(vm, s.type, { { "__setstate__", s.setstate } });
    }
    types.enumerate->vectorcall = enumerate_vectorcall;
}

} // namespace slpy
