// The itertools module: CPython 3.11's iterator building blocks (count, cycle, repeat,
// accumulate, chain, compress, dropwhile, filterfalse, groupby, islice, pairwise,
// starmap, takewhile, tee, zip_longest and the combinatoric iterators), with CPython's
// argument checks, messages and reprs.
//
// Each iterator is a native type with an iternext step (objects/iterators.h): the next
// item, Value::stop_iteration() at the end, or null with the error pending. Steps call
// back into Python (predicates, key functions, the underlying iterators), so they keep
// no pointers into containers across calls.
#include "stackless/modules/data_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"

#include <cstring>
#include <string>

namespace slpy {

namespace {

TypeObject* g_count = nullptr;
TypeObject* g_cycle = nullptr;
TypeObject* g_repeat = nullptr;
TypeObject* g_accumulate = nullptr;
TypeObject* g_chain = nullptr;
TypeObject* g_compress = nullptr;
TypeObject* g_dropwhile = nullptr;
TypeObject* g_takewhile = nullptr;
TypeObject* g_filterfalse = nullptr;
TypeObject* g_starmap = nullptr;
TypeObject* g_groupby = nullptr;
TypeObject* g_grouper = nullptr;
TypeObject* g_islice = nullptr;
TypeObject* g_pairwise = nullptr;
TypeObject* g_tee = nullptr;
TypeObject* g_tee_data = nullptr;
TypeObject* g_zip_longest = nullptr;
TypeObject* g_product = nullptr;
TypeObject* g_combinations = nullptr;
TypeObject* g_cwr = nullptr;
TypeObject* g_permutations = nullptr;

template<typename T>
T* new_of(VM& vm, Value cls)
{
    return static_cast<T*>(alloc_instance(vm, cls.as<TypeObject>()));
}

// tuple(iterable)
Tuple* tuple_of(VM& vm, Value iterable)
{
    if (Tuple* t = as_tuple(iterable); t && type_of(iterable) == types.tuple)
        return t;
    List* l = list_from_iterable(vm, iterable);
    return l ? tuple_from_array(vm, l->items(), l->size) : nullptr;
}

// A copy of `t` for the combinatoric iterators, which build each result from the last.
Tuple* tuple_copy(VM& vm, Tuple* t) { return tuple_from_array(vm, t->items, t->size); }

// PyNumber_AsSsize_t(v, OverflowError) where the caller turns any failure into its own
// message: false (error cleared) when v is not an int in range.
bool ssize_arg_quiet(VM& vm, Value v, int64_t& out)
{
    if (!index_i64(vm, v, out)) {
        vm.clear_error();
        return false;
    }
    return true;
}

// Indices of the combinatoric iterators, kept in a heap buffer.
int64_t* index_buffer(RawBuffer* b) { return reinterpret_cast<int64_t*>(b->data); }
RawBuffer* new_index_buffer(VM& vm, int64_t n)
{
    return raw_buffer_new(vm, Heap::array_bytes(0, size_t(n), sizeof(int64_t)));
}

// ------------------------------------------------------------------ count

struct CountObject : Object {
    int64_t cnt; // fast mode: the count while step is 1 and it fits
    bool slow;
    Value long_cnt; // slow mode: any numbers
    Value long_step;
};

void count_trace(Object* self, Tracer& t)
{
    auto* c = static_cast<CountObject*>(self);
    t.visit(c->long_cnt);
    t.visit(c->long_step);
}

Value count_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "count", args + 1, nargs - 1, kwnames, { "start", "step" }, 0, out))
        return Value::null();
    if ((!out[0].is_null() && !is_number(out[0])) || (!out[1].is_null() && !is_number(out[1])))
        return raise(vm, exc::TypeError, "a number is required");
    Value start = out[0].is_null() ? Value::small_int(0) : out[0];
    Value step = out[1].is_null() ? Value::small_int(1) : out[1];
    auto* c = new_of<CountObject>(vm, args[0]);
    if (!c)
        return Value::null();
    int64_t cnt = 0, st = 0;
    // Fast mode only with an int start that fits and a step of (int) 1, as CPython.
    bool fast = is_int(start) && int_to_i64(int_unwrap(start), cnt) && cnt < INT64_MAX && is_int(step)
        && int_to_i64(int_unwrap(step), st) && st == 1;
    if (fast) {
        c->cnt = cnt;
    } else {
        c->slow = true;
        c->long_cnt = start;
        c->long_step = step;
    }
    return Value::from_object(c);
}

Value count_step(VM& vm, Value self)
{
    auto* c = self.as<CountObject>();
    if (!c->slow) {
        Value r = TRY(int_from_i64(vm, c->cnt));
        if (c->cnt == INT64_MAX - 1) {
            c->slow = true;
            c->long_cnt = TRY(int_from_i64(vm, INT64_MAX));
            c->long_step = Value::small_int(1);
        } else {
            ++c->cnt;
        }
        return r;
    }
    Value r = c->long_cnt;
    c->long_cnt = TRY(binary_op(vm, r, c->long_step, BinOpArg::ADD));
    return r;
}

bool step_is_one(Value step)
{
    int64_t s;
    return is_int(step) && int_to_i64(int_unwrap(step), s) && s == 1;
}

Value count_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* c = args[0].as<CountObject>();
    std::string out = type_of(args[0])->name->c_str(); // the bare name, as _PyType_Name
    out += "(";
    if (!c->slow) {
        out += std::to_string(c->cnt);
    } else {
        Value r = TRY(repr(vm, c->long_cnt));
        out += as_str(r)->view();
        if (!step_is_one(c->long_step)) {
            Value s = TRY(repr(vm, c->long_step));
            out += ", ";
            out += as_str(s)->view();
        }
    }
    out += ")";
    return str_value(vm, out);
}

Value count_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "count", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* c = args[0].as<CountObject>();
    Value cls = Value::from_object(type_of(args[0]));
    Tuple* inner = c->slow ? tuple_pack(vm, { c->long_cnt, c->long_step }) : tuple_pack(vm, { int_from_i64(vm, c->cnt) });
    if (!inner)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { cls, Value::from_object(inner) }));
}

// ------------------------------------------------------------------ cycle

struct CycleObject : Object {
    Value it;    // null once exhausted
    List* saved;
    int64_t index;
    bool firstpass;
};

void cycle_trace(Object* self, Tracer& t)
{
    auto* c = static_cast<CycleObject*>(self);
    t.visit(c->it);
    t.visit(c->saved);
}

Value cycle_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "cycle", kwnames) || !unpack_args(vm, "cycle", nargs - 1, 1, 1))
        return Value::null();
    Value it = TRY(get_iter(vm, args[1]));
    List* saved = list_new(vm);
    if (!saved)
        return Value::null();
    auto* c = new_of<CycleObject>(vm, args[0]);
    if (!c)
        return Value::null();
    c->it = it;
    c->saved = saved;
    return Value::from_object(c);
}

Value cycle_step(VM& vm, Value self)
{
    auto* c = self.as<CycleObject>();
    if (!c->it.is_null()) {
        Value item = TRY(iter_next(vm, c->it));
        if (!item.is_stop_iteration()) {
            if (!c->firstpass && !list_append(vm, c->saved, item))
                return Value::null();
            return item;
        }
        c->it = Value::null();
    }
    if (c->saved->size == 0)
        return Value::stop_iteration();
    if (size_t(c->index) >= c->saved->size)
        c->index = 0;
    Value item = c->saved->items()[c->index];
    if (size_t(++c->index) >= c->saved->size)
        c->index = 0;
    return item;
}

// ------------------------------------------------------------------ repeat

struct RepeatObject : Object {
    Value element;
    int64_t cnt; // -1: forever
};

void repeat_trace(Object* self, Tracer& t) { t.visit(static_cast<RepeatObject*>(self)->element); }

Value repeat_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "repeat", args + 1, nargs - 1, kwnames, { "object", "times" }, 1, out))
        return Value::null();
    int64_t cnt = -1;
    if (!out[1].is_null()) {
        if (!index_i64(vm, out[1], cnt))
            return Value::null();
        // Only an explicit count is clamped: repeat(x, times=-1) is infinite as in CPython,
        // whose check counts positional arguments and keywords alike.
        if (cnt < 0)
            cnt = 0;
    }
    auto* r = new_of<RepeatObject>(vm, args[0]);
    if (!r)
        return Value::null();
    r->element = out[0];
    r->cnt = cnt;
    return Value::from_object(r);
}

Value repeat_step(VM&, Value self)
{
    auto* r = self.as<RepeatObject>();
    if (r->cnt == 0)
        return Value::stop_iteration();
    if (r->cnt > 0)
        --r->cnt;
    return r->element;
}

Value repeat_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* r = args[0].as<RepeatObject>();
    Value er = TRY(repr(vm, r->element));
    std::string out = type_of(args[0])->name->c_str(); // the bare name, as _PyType_Name
    out += "(";
    out += as_str(er)->view();
    if (r->cnt >= 0)
        out += ", " + std::to_string(r->cnt);
    out += ")";
    return str_value(vm, out);
}

Value repeat_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "repeat", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* r = args[0].as<RepeatObject>();
    if (r->cnt == -1)
        return raise(vm, exc::TypeError, "len() of unsized object");
    return int_from_i64(vm, r->cnt);
}

Value repeat_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "repeat", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* r = args[0].as<RepeatObject>();
    Tuple* inner = r->cnt >= 0 ? tuple_pack(vm, { r->element, int_from_i64(vm, r->cnt) }) : tuple_pack(vm, { r->element });
    if (!inner)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(inner) }));
}

// ------------------------------------------------------------------ accumulate

struct AccumulateObject : Object {
    Value it;
    Value func; // null: addition
    Value total;
    Value initial; // null once yielded (or when not given)
};

void accumulate_trace(Object* self, Tracer& t)
{
    auto* a = static_cast<AccumulateObject*>(self);
    t.visit(a->it);
    t.visit(a->func);
    t.visit(a->total);
    t.visit(a->initial);
}

Value accumulate_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs - 1 > 2)
        return raise_fmt(vm, exc::TypeError, "accumulate() takes at most 2 positional arguments (%zu given)", nargs - 1);
    Value out[3];
    if (!parse_args(vm, "accumulate", args + 1, nargs - 1, kwnames, { "iterable", "func", "initial" }, 1, out))
        return Value::null();
    Value it = TRY(get_iter(vm, out[0]));
    auto* a = new_of<AccumulateObject>(vm, args[0]);
    if (!a)
        return Value::null();
    a->it = it;
    if (!out[1].is_null() && !is_none(out[1]))
        a->func = out[1];
    if (!out[2].is_null() && !is_none(out[2]))
        a->initial = out[2];
    return Value::from_object(a);
}

Value accumulate_step(VM& vm, Value self)
{
    auto* a = self.as<AccumulateObject>();
    if (!a->initial.is_null()) {
        a->total = a->initial;
        a->initial = Value::null();
        return a->total;
    }
    Value val = iter_next(vm, a->it);
    if (val.is_null() || val.is_stop_iteration())
        return val;
    if (a->total.is_null()) {
        a->total = val;
        return val;
    }
    Value total = a->func.is_null() ? binary_op(vm, a->total, val, BinOpArg::ADD) : call2(vm, a->func, a->total, val);
    if (total.is_null())
        return total;
    a->total = total;
    return total;
}

// ------------------------------------------------------------------ chain

struct ChainObject : Object {
    Value source; // iterator over the iterables; null once exhausted
    Value active; // iterator of the current iterable
};

void chain_trace(Object* self, Tracer& t)
{
    auto* c = static_cast<ChainObject*>(self);
    t.visit(c->source);
    t.visit(c->active);
}

Value chain_make(VM& vm, Value cls, Value source)
{
    auto* c = new_of<ChainObject>(vm, cls);
    if (!c)
        return Value::null();
    c->source = source;
    return Value::from_object(c);
}

Value chain_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "chain", kwnames))
        return Value::null();
    Tuple* iterables = tuple_from_array(vm, args + 1, nargs - 1);
    if (!iterables)
        return Value::null();
    Value source = TRY(get_iter(vm, Value::from_object(iterables)));
    return chain_make(vm, args[0], source);
}

Value chain_from_iterable(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "chain.from_iterable", kwnames)
        || !check_nargs(vm, "chain.from_iterable", nargs - 1, 1, 1))
        return Value::null();
    Value source = TRY(get_iter(vm, args[1]));
    return chain_make(vm, args[0], source);
}

Value chain_step(VM& vm, Value self)
{
    auto* c = self.as<ChainObject>();
    while (!c->source.is_null()) {
        if (c->active.is_null()) {
            Value iterable = iter_next(vm, c->source);
            if (iterable.is_null() || iterable.is_stop_iteration()) {
                c->source = Value::null();
                return iterable;
            }
            Value active = get_iter(vm, iterable);
            if (active.is_null()) {
                c->source = Value::null();
                return active;
            }
            c->active = active;
        }
        Value item = TRY(iter_next(vm, c->active));
        if (!item.is_stop_iteration())
            return item;
        c->active = Value::null();
    }
    return Value::stop_iteration();
}

// ------------------------------------------------------------------ compress

struct CompressObject : Object {
    Value data;
    Value selectors;
};

void compress_trace(Object* self, Tracer& t)
{
    auto* c = static_cast<CompressObject*>(self);
    t.visit(c->data);
    t.visit(c->selectors);
}

Value compress_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "compress", args + 1, nargs - 1, kwnames, { "data", "selectors" }, 2, out))
        return Value::null();
    Value data = TRY(get_iter(vm, out[0]));
    Value selectors = TRY(get_iter(vm, out[1]));
    auto* c = new_of<CompressObject>(vm, args[0]);
    if (!c)
        return Value::null();
    c->data = data;
    c->selectors = selectors;
    return Value::from_object(c);
}

Value compress_step(VM& vm, Value self)
{
    auto* c = self.as<CompressObject>();
    for (;;) {
        Value datum = iter_next(vm, c->data);
        if (datum.is_null() || datum.is_stop_iteration())
            return datum;
        Value selector = iter_next(vm, c->selectors);
        if (selector.is_null() || selector.is_stop_iteration())
            return selector;
        int ok = truthy(vm, selector);
        if (ok < 0)
            return Value::null();
        if (ok)
            return datum;
    }
}

// ------------------------------------------------------------------ dropwhile, takewhile, filterfalse, starmap

// The four (function, iterable) iterators share one layout.
struct PredicateObject : Object {
    Value func;
    Value it;
    bool done; // dropwhile: started yielding; takewhile: stopped
};

void predicate_trace(Object* self, Tracer& t)
{
    auto* p = static_cast<PredicateObject*>(self);
    t.visit(p->func);
    t.visit(p->it);
}

template<char const* Name>
Value predicate_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, Name, kwnames) || !unpack_args(vm, Name, nargs - 1, 2, 2))
        return Value::null();
    Value it = TRY(get_iter(vm, args[2]));
    auto* p = new_of<PredicateObject>(vm, args[0]);
    if (!p)
        return Value::null();
    p->func = args[1];
    p->it = it;
    return Value::from_object(p);
}
constexpr char kDropwhile[] = "dropwhile";
constexpr char kTakewhile[] = "takewhile";
constexpr char kFilterfalse[] = "filterfalse";
constexpr char kStarmap[] = "starmap";

Value dropwhile_step(VM& vm, Value self)
{
    auto* p = self.as<PredicateObject>();
    for (;;) {
        Value item = iter_next(vm, p->it);
        if (item.is_null() || item.is_stop_iteration() || p->done)
            return item;
        Value good = TRY(call1(vm, p->func, item));
        int ok = truthy(vm, good);
        if (ok < 0)
            return Value::null();
        if (!ok) {
            p->done = true;
            return item;
        }
    }
}

Value takewhile_step(VM& vm, Value self)
{
    auto* p = self.as<PredicateObject>();
    if (p->done)
        return Value::stop_iteration();
    Value item = iter_next(vm, p->it);
    if (item.is_null() || item.is_stop_iteration())
        return item;
    Value good = TRY(call1(vm, p->func, item));
    int ok = truthy(vm, good);
    if (ok < 0)
        return Value::null();
    if (ok)
        return item;
    p->done = true;
    return Value::stop_iteration();
}

Value filterfalse_step(VM& vm, Value self)
{
    auto* p = self.as<PredicateObject>();
    for (;;) {
        Value item = iter_next(vm, p->it);
        if (item.is_null() || item.is_stop_iteration())
            return item;
        int ok;
        if (is_none(p->func) || p->func.is(Value::from_object(types.bool_))) {
            ok = truthy(vm, item);
        } else {
            Value good = TRY(call1(vm, p->func, item));
            ok = truthy(vm, good);
        }
        if (ok < 0)
            return Value::null();
        if (!ok)
            return item;
    }
}

Value starmap_step(VM& vm, Value self)
{
    auto* p = self.as<PredicateObject>();
    Value item = iter_next(vm, p->it);
    if (item.is_null() || item.is_stop_iteration())
        return item;
    Tuple* callargs = tuple_of(vm, item);
    if (!callargs)
        return Value::null();
    return call(vm, p->func, callargs->items, callargs->size);
}

// ------------------------------------------------------------------ groupby

struct GroupbyObject : Object {
    Value it;
    Value keyfunc; // None: the items themselves
    Value tgtkey;
    Value currkey;
    Value currvalue;
    Value currgrouper; // the one _grouper that may still advance
};

struct GrouperObject : Object {
    Value parent;
    Value tgtkey;
};

void groupby_trace(Object* self, Tracer& t)
{
    auto* g = static_cast<GroupbyObject*>(self);
    t.visit(g->it);
    t.visit(g->keyfunc);
    t.visit(g->tgtkey);
    t.visit(g->currkey);
    t.visit(g->currvalue);
    t.visit(g->currgrouper);
}

void grouper_trace(Object* self, Tracer& t)
{
    auto* g = static_cast<GrouperObject*>(self);
    t.visit(g->parent);
    t.visit(g->tgtkey);
}

Value groupby_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "groupby", args + 1, nargs - 1, kwnames, { "iterable", "key" }, 1, out))
        return Value::null();
    Value it = TRY(get_iter(vm, out[0]));
    auto* g = new_of<GroupbyObject>(vm, args[0]);
    if (!g)
        return Value::null();
    g->it = it;
    g->keyfunc = out[1].is_null() ? py_none() : out[1];
    return Value::from_object(g);
}

// Advances to the next item and its key: true, the stop sentinel, or null on error.
Value groupby_advance(VM& vm, GroupbyObject* g)
{
    Value value = iter_next(vm, g->it);
    if (value.is_null() || value.is_stop_iteration())
        return value;
    Value key = value;
    if (!is_none(g->keyfunc))
        key = TRY(call1(vm, g->keyfunc, value));
    g->currvalue = value;
    g->currkey = key;
    return py_true();
}

Value groupby_step(VM& vm, Value self)
{
    auto* g = self.as<GroupbyObject>();
    g->currgrouper = Value::null();
    // Skip the rest of the current group.
    for (;;) {
        if (g->currkey.is_null()) {
            // nothing read yet
        } else if (g->tgtkey.is_null()) {
            break;
        } else {
            int eq = rich_compare_bool(vm, g->tgtkey, g->currkey, CmpArg::EQ);
            if (eq < 0)
                return Value::null();
            if (!eq)
                break;
        }
        Value r = groupby_advance(vm, g);
        if (r.is_null() || r.is_stop_iteration())
            return r;
    }
    g->tgtkey = g->currkey;
    auto* grouper = vm.heap.make<GrouperObject>(g_grouper);
    if (!grouper)
        return Value::null();
    grouper->parent = self;
    grouper->tgtkey = g->tgtkey;
    g->currgrouper = Value::from_object(grouper);
    return Value::from_object(tuple_pack(vm, { g->currkey, Value::from_object(grouper) }));
}

Value grouper_step(VM& vm, Value self)
{
    auto* igo = self.as<GrouperObject>();
    auto* g = igo->parent.as<GroupbyObject>();
    if (!g->currgrouper.is(self))
        return Value::stop_iteration();
    if (g->currvalue.is_null()) {
        Value r = groupby_advance(vm, g);
        if (r.is_null() || r.is_stop_iteration())
            return r;
    }
    int eq = rich_compare_bool(vm, igo->tgtkey, g->currkey, CmpArg::EQ);
    if (eq < 0)
        return Value::null();
    if (!eq)
        return Value::stop_iteration();
    // A reentrant __eq__ may have consumed the value meanwhile: the group ends there
    // (CPython's NULL without an error).
    Value r = g->currvalue;
    if (r.is_null())
        return Value::stop_iteration();
    g->currvalue = Value::null();
    g->currkey = Value::null();
    return r;
}

Value grouper_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_grouper", kwnames) || !unpack_args(vm, "_grouper", nargs - 1, 2, 2))
        return Value::null();
    if (type_of(args[1]) != g_groupby)
        return raise_fmt(vm, exc::TypeError, "_grouper() argument 1 must be itertools.groupby, not %s", type_name(args[1]));
    auto* grouper = new_of<GrouperObject>(vm, args[0]);
    if (!grouper)
        return Value::null();
    grouper->parent = args[1];
    grouper->tgtkey = args[2];
    args[1].as<GroupbyObject>()->currgrouper = Value::from_object(grouper);
    return Value::from_object(grouper);
}

// ------------------------------------------------------------------ islice

struct IsliceObject : Object {
    Value it; // null once exhausted
    int64_t next;
    int64_t stop; // -1: none
    int64_t step;
    int64_t cnt;
};

void islice_trace(Object* self, Tracer& t) { t.visit(static_cast<IsliceObject*>(self)->it); }

Value islice_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "islice", kwnames) || !unpack_args(vm, "islice", nargs - 1, 2, 4))
        return Value::null();
    size_t n = nargs - 1;
    int64_t start = 0, stop = -1, step = 1;
    static char const kStopMsg[] = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    if (n == 2) {
        if (!is_none(args[2]) && (!ssize_arg_quiet(vm, args[2], stop) || stop == -1))
            return raise(vm, exc::ValueError, kStopMsg);
    } else {
        if (!is_none(args[2]) && !ssize_arg_quiet(vm, args[2], start))
            start = -1;
        if (!is_none(args[3]) && (!ssize_arg_quiet(vm, args[3], stop) || stop == -1))
            return raise(vm, exc::ValueError, kStopMsg);
    }
    if (start < 0 || stop < -1)
        return raise(vm, exc::ValueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    if (n == 4 && !is_none(args[4]) && !ssize_arg_quiet(vm, args[4], step))
        step = -1;
    if (step < 1)
        return raise(vm, exc::ValueError, "Step for islice() must be a positive integer or None.");
    Value it = TRY(get_iter(vm, args[1]));
    auto* s = new_of<IsliceObject>(vm, args[0]);
    if (!s)
        return Value::null();
    s->it = it;
    s->next = start;
    s->stop = stop;
    s->step = step;
    return Value::from_object(s);
}

Value islice_step(VM& vm, Value self)
{
    auto* s = self.as<IsliceObject>();
    if (s->it.is_null())
        return Value::stop_iteration();
    Value item;
    while (s->cnt < s->next) {
        item = iter_next(vm, s->it);
        if (item.is_null() || item.is_stop_iteration())
            goto empty;
        s->cnt++;
    }
    if (s->stop != -1 && s->cnt >= s->stop) {
        item = Value::stop_iteration();
        goto empty;
    }
    item = iter_next(vm, s->it);
    if (item.is_null() || item.is_stop_iteration())
        goto empty;
    s->cnt++;
    {
        int64_t oldnext = s->next;
        if (__builtin_add_overflow(s->next, s->step, &s->next) || s->next < oldnext
            || (s->stop != -1 && s->next > s->stop))
            s->next = s->stop;
    }
    return item;
empty:
    s->it = Value::null();
    return item;
}

// ------------------------------------------------------------------ pairwise

struct PairwiseObject : Object {
    Value it; // null once exhausted
    Value old;
};

void pairwise_trace(Object* self, Tracer& t)
{
    auto* p = static_cast<PairwiseObject*>(self);
    t.visit(p->it);
    t.visit(p->old);
}

Value pairwise_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "pairwise", kwnames) || !unpack_args(vm, "pairwise", nargs - 1, 1, 1))
        return Value::null();
    Value it = TRY(get_iter(vm, args[1]));
    auto* p = new_of<PairwiseObject>(vm, args[0]);
    if (!p)
        return Value::null();
    p->it = it;
    return Value::from_object(p);
}

Value pairwise_step(VM& vm, Value self)
{
    auto* p = self.as<PairwiseObject>();
    if (p->it.is_null())
        return Value::stop_iteration();
    if (p->old.is_null()) {
        Value old = iter_next(vm, p->it);
        if (old.is_null() || old.is_stop_iteration()) {
            p->it = Value::null();
            return old;
        }
        p->old = old;
    }
    Value next = iter_next(vm, p->it);
    if (next.is_null() || next.is_stop_iteration()) {
        p->it = Value::null();
        p->old = Value::null();
        return next;
    }
    Tuple* r = tuple_pack(vm, { p->old, next });
    if (!r)
        return Value::null();
    p->old = next;
    return Value::from_object(r);
}

// ------------------------------------------------------------------ tee

// A block of up to kLinkCells items read from the shared iterator; the tees walk the
// chain of blocks, and a block nobody can reach any more is collected.
constexpr int kLinkCells = 57;

struct TeeData : Object {
    Value it;
    Value nextlink; // the next TeeData, created on demand
    int numread;
    bool running;
    Value values[kLinkCells];
};

struct TeeObject : Object {
    Value dataobj; // a TeeData
    int index;
};

void tee_data_trace(Object* self, Tracer& t)
{
    auto* d = static_cast<TeeData*>(self);
    t.visit(d->it);
    t.visit(d->nextlink);
    t.visit_range(d->values, d->values + d->numread);
}

void tee_trace(Object* self, Tracer& t) { t.visit(static_cast<TeeObject*>(self)->dataobj); }

Value tee_data_new(VM& vm, Value it)
{
    auto* d = vm.heap.make<TeeData>(g_tee_data);
    if (!d)
        return Value::null();
    d->it = it;
    return Value::from_object(d);
}

Value tee_make(VM& vm, TypeObject* cls, Value dataobj, int index)
{
    auto* t = static_cast<TeeObject*>(alloc_instance(vm, cls));
    if (!t)
        return Value::null();
    t->dataobj = dataobj;
    t->index = index;
    return Value::from_object(t);
}

// tee_fromiterable: a tee over `iterable`, sharing the buffer when it is a tee already.
Value tee_from_iterable(VM& vm, Value iterable)
{
    Value it = TRY(get_iter(vm, iterable));
    if (type_of(it) == g_tee) {
        auto* t = it.as<TeeObject>();
        return tee_make(vm, g_tee, t->dataobj, t->index);
    }
    Value data = TRY(tee_data_new(vm, it));
    return tee_make(vm, g_tee, data, 0);
}

Value tee_type_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_tee", kwnames) || !unpack_args(vm, "_tee", nargs - 1, 1, 1))
        return Value::null();
    return tee_from_iterable(vm, args[1]);
}

Value tee_step(VM& vm, Value self)
{
    auto* t = self.as<TeeObject>();
    auto* d = t->dataobj.as<TeeData>();
    if (t->index >= kLinkCells) {
        if (d->nextlink.is_null())
            d->nextlink = TRY(tee_data_new(vm, d->it));
        t->dataobj = d->nextlink;
        t->index = 0;
        d = t->dataobj.as<TeeData>();
    }
    int i = t->index;
    Value value;
    if (i < d->numread) {
        value = d->values[i];
    } else {
        if (d->running)
            return raise(vm, exc::RuntimeError, "cannot re-enter the tee iterator");
        d->running = true;
        value = iter_next(vm, d->it);
        d->running = false;
        if (value.is_null() || value.is_stop_iteration())
            return value;
        d->values[d->numread++] = value;
    }
    t->index++;
    return value;
}

Value tee_copy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_tee", "__copy__", nargs - 1, kwnames))
        return Value::null();
    auto* t = args[0].as<TeeObject>();
    return tee_make(vm, g_tee, t->dataobj, t->index);
}

Value itertools_tee(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "itertools.tee", kwnames) || !unpack_args(vm, "tee", nargs, 1, 2))
        return Value::null();
    int64_t n = 2;
    if (nargs == 2 && !index_i64(vm, args[1], n))
        return Value::null();
    if (n < 0)
        return raise(vm, exc::ValueError, "n must be >= 0");
    Tuple* result = tuple_new(vm, size_t(n));
    if (!result)
        return Value::null();
    if (n == 0)
        return Value::from_object(result);
    Value it = TRY(get_iter(vm, args[0]));
    Value copyfunc = TRY(getattr_opt(vm, it, names.__copy__));
    Value copyable = it;
    if (copyfunc.is_not_found()) {
        copyable = TRY(tee_from_iterable(vm, it));
        copyfunc = TRY(getattr(vm, copyable, names.__copy__));
    }
    result->items[0] = copyable;
    for (int64_t i = 1; i < n; ++i)
        result->items[i] = TRY(call0(vm, copyfunc));
    return Value::from_object(result);
}

// ------------------------------------------------------------------ zip_longest

struct ZipLongestObject : Object {
    Tuple* iters; // an exhausted iterator's item becomes null
    int64_t numactive;
    Value fillvalue;
};

void zip_longest_trace(Object* self, Tracer& t)
{
    auto* z = static_cast<ZipLongestObject*>(self);
    t.visit(z->iters);
    t.visit(z->fillvalue);
}

Value zip_longest_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value fillvalue = py_none();
    if (kwnames && kwnames->size) {
        String* k = as_str(kwnames->items[0]);
        if (kwnames->size != 1 || !k || k->view() != "fillvalue")
            return raise(vm, exc::TypeError, "zip_longest() got an unexpected keyword argument");
        fillvalue = args[nargs];
    }
    Tuple* iters = tuple_new(vm, nargs - 1);
    if (!iters)
        return Value::null();
    for (size_t i = 1; i < nargs; ++i)
        iters->items[i - 1] = TRY(get_iter(vm, args[i]));
    auto* z = new_of<ZipLongestObject>(vm, args[0]);
    if (!z)
        return Value::null();
    z->iters = iters;
    z->numactive = int64_t(iters->size);
    z->fillvalue = fillvalue;
    return Value::from_object(z);
}

Value zip_longest_step(VM& vm, Value self)
{
    auto* z = self.as<ZipLongestObject>();
    size_t n = z->iters->size;
    if (n == 0 || z->numactive == 0)
        return Value::stop_iteration();
    Tuple* result = tuple_new(vm, n);
    if (!result)
        return Value::null();
    for (size_t i = 0; i < n; ++i) {
        Value it = z->iters->items[i];
        Value item;
        if (it.is_null()) {
            item = z->fillvalue;
        } else {
            item = iter_next(vm, it);
            if (item.is_null() || item.is_stop_iteration()) {
                z->numactive -= 1;
                if (z->numactive == 0 || item.is_null()) {
                    z->numactive = 0;
                    return item;
                }
                item = z->fillvalue;
                z->iters->items[i] = Value::null();
            }
        }
        result->items[i] = item;
    }
    return Value::from_object(result);
}

// ------------------------------------------------------------------ product

struct ProductObject : Object {
    Tuple* pools;     // tuple of tuples
    RawBuffer* indices;
    Tuple* result;    // the last result, null before the first
    bool stopped;
};

void product_trace(Object* self, Tracer& t)
{
    auto* p = static_cast<ProductObject*>(self);
    t.visit(p->pools);
    t.visit(p->indices);
    t.visit(p->result);
}

Value product_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t repeat = 1;
    if (kwnames && kwnames->size) {
        Value out[1];
        if (!parse_args(vm, "product", args + nargs, 0, kwnames, { "repeat" }, 0, out))
            return Value::null();
        if (!out[0].is_null() && !index_i64(vm, out[0], repeat))
            return Value::null();
        if (repeat < 0)
            return raise(vm, exc::ValueError, "repeat argument cannot be negative");
    }
    // As CPython, repeat=0 takes no pools at all (the iterables are not even consumed).
    size_t nargs_in = repeat == 0 ? 0 : nargs - 1;
    int64_t npools = 0;
    if (repeat && (__builtin_mul_overflow(int64_t(nargs_in), repeat, &npools) || npools > (INT64_MAX >> 4)))
        return raise(vm, exc::OverflowError, "repeat argument too large");
    if (repeat == 0)
        npools = 0;
    Tuple* pools = tuple_new(vm, size_t(npools));
    RawBuffer* indices = new_index_buffer(vm, npools);
    if (!pools || !indices)
        return Value::null();
    for (size_t i = 0; i < nargs_in; ++i) {
        Tuple* pool = tuple_of(vm, args[1 + i]);
        if (!pool)
            return Value::null();
        pools->items[i] = Value::from_object(pool);
    }
    for (int64_t i = int64_t(nargs_in); i < npools; ++i)
        pools->items[i] = pools->items[i - int64_t(nargs_in)];
    auto* p = new_of<ProductObject>(vm, args[0]);
    if (!p)
        return Value::null();
    p->pools = pools;
    p->indices = indices;
    return Value::from_object(p);
}

Value product_step(VM& vm, Value self)
{
    auto* p = self.as<ProductObject>();
    if (p->stopped)
        return Value::stop_iteration();
    size_t npools = p->pools->size;
    int64_t* indices = index_buffer(p->indices);
    Tuple* result;
    if (!p->result) {
        result = tuple_new(vm, npools);
        if (!result)
            return Value::null();
        for (size_t i = 0; i < npools; ++i) {
            Tuple* pool = p->pools->items[i].as<Tuple>();
            if (pool->size == 0) {
                p->stopped = true;
                return Value::stop_iteration();
            }
            result->items[i] = pool->items[0];
        }
    } else {
        result = tuple_copy(vm, p->result);
        if (!result)
            return Value::null();
        int64_t i = int64_t(npools) - 1;
        for (; i >= 0; --i) {
            Tuple* pool = p->pools->items[i].as<Tuple>();
            indices[i]++;
            if (size_t(indices[i]) == pool->size) {
                indices[i] = 0;
                result->items[i] = pool->items[0];
            } else {
                result->items[i] = pool->items[indices[i]];
                break;
            }
        }
        if (i < 0) {
            p->stopped = true;
            return Value::stop_iteration();
        }
    }
    p->result = result;
    return Value::from_object(result);
}

// ------------------------------------------------------------------ combinations, combinations_with_replacement, permutations

struct CombinatoricObject : Object {
    Tuple* pool;
    RawBuffer* indices;
    RawBuffer* cycles; // permutations only
    Tuple* result;
    int64_t r;
    bool stopped;
};

void combinatoric_trace(Object* self, Tracer& t)
{
    auto* c = static_cast<CombinatoricObject*>(self);
    t.visit(c->pool);
    t.visit(c->indices);
    t.visit(c->cycles);
    t.visit(c->result);
}

// kind: 0 combinations, 1 combinations_with_replacement, 2 permutations.
Value combinatoric_make(VM& vm, Value cls, Value iterable, int64_t r, int kind)
{
    Tuple* pool = tuple_of(vm, iterable);
    if (!pool)
        return Value::null();
    int64_t n = int64_t(pool->size);
    RawBuffer* indices = new_index_buffer(vm, kind == 1 ? r : kind == 2 ? n : r);
    if (!indices)
        return Value::null();
    RawBuffer* cycles = nullptr;
    int64_t* ix = index_buffer(indices);
    if (kind == 0) {
        for (int64_t i = 0; i < r; ++i)
            ix[i] = i;
    } else if (kind == 2) {
        for (int64_t i = 0; i < n; ++i)
            ix[i] = i;
        cycles = new_index_buffer(vm, r);
        if (!cycles)
            return Value::null();
        int64_t* cy = index_buffer(cycles);
        for (int64_t i = 0; i < r; ++i)
            cy[i] = n - i;
    }
    auto* c = new_of<CombinatoricObject>(vm, cls);
    if (!c)
        return Value::null();
    c->pool = pool;
    c->indices = indices;
    c->cycles = cycles;
    c->r = r;
    return Value::from_object(c);
}

bool r_arg(VM& vm, Value v, int64_t& r)
{
    if (!index_i64(vm, v, r))
        return false;
    if (r < 0) {
        raise(vm, exc::ValueError, "r must be non-negative");
        return false;
    }
    return true;
}

Value combinations_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    int64_t r;
    if (!parse_args(vm, "combinations", args + 1, nargs - 1, kwnames, { "iterable", "r" }, 2, out) || !r_arg(vm, out[1], r))
        return Value::null();
    return combinatoric_make(vm, args[0], out[0], r, 0);
}

Value cwr_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    int64_t r;
    if (!parse_args(vm, "combinations_with_replacement", args + 1, nargs - 1, kwnames, { "iterable", "r" }, 2, out)
        || !r_arg(vm, out[1], r))
        return Value::null();
    return combinatoric_make(vm, args[0], out[0], r, 1);
}

Value permutations_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!parse_args(vm, "permutations", args + 1, nargs - 1, kwnames, { "iterable", "r" }, 1, out))
        return Value::null();
    int64_t r = -1;
    if (!out[1].is_null() && !is_none(out[1])) {
        if (!is_int(out[1]))
            return raise(vm, exc::TypeError, "Expected int as r");
        if (!index_i64(vm, out[1], r))
            return Value::null();
        if (r < 0)
            return raise(vm, exc::ValueError, "r must be non-negative");
    }
    if (r < 0) {
        // r defaults to the pool's length: build the pool first.
        Tuple* pool = tuple_of(vm, out[0]);
        if (!pool)
            return Value::null();
        return combinatoric_make(vm, args[0], Value::from_object(pool), int64_t(pool->size), 2);
    }
    return combinatoric_make(vm, args[0], out[0], r, 2);
}

Value combinatoric_stop(CombinatoricObject* c)
{
    c->stopped = true;
    return Value::stop_iteration();
}

Value combinations_step(VM& vm, Value self)
{
    auto* c = self.as<CombinatoricObject>();
    if (c->stopped)
        return Value::stop_iteration();
    int64_t n = int64_t(c->pool->size), r = c->r;
    int64_t* indices = index_buffer(c->indices);
    Tuple* result;
    if (!c->result) {
        if (r > n)
            return combinatoric_stop(c);
        result = tuple_new(vm, size_t(r));
        if (!result)
            return Value::null();
        for (int64_t i = 0; i < r; ++i)
            result->items[i] = c->pool->items[indices[i]];
    } else {
        result = tuple_copy(vm, c->result);
        if (!result)
            return Value::null();
        int64_t i = r - 1;
        while (i >= 0 && indices[i] == i + n - r)
            --i;
        if (i < 0)
            return combinatoric_stop(c);
        indices[i]++;
        for (int64_t j = i + 1; j < r; ++j)
            indices[j] = indices[j - 1] + 1;
        for (; i < r; ++i)
            result->items[i] = c->pool->items[indices[i]];
    }
    c->result = result;
    return Value::from_object(result);
}

Value cwr_step(VM& vm, Value self)
{
    auto* c = self.as<CombinatoricObject>();
    if (c->stopped)
        return Value::stop_iteration();
    int64_t n = int64_t(c->pool->size), r = c->r;
    int64_t* indices = index_buffer(c->indices);
    Tuple* result;
    if (!c->result) {
        if (n == 0 && r > 0)
            return combinatoric_stop(c);
        result = tuple_new(vm, size_t(r));
        if (!result)
            return Value::null();
        for (int64_t i = 0; i < r; ++i)
            result->items[i] = c->pool->items[0];
    } else {
        result = tuple_copy(vm, c->result);
        if (!result)
            return Value::null();
        int64_t i = r - 1;
        while (i >= 0 && indices[i] == n - 1)
            --i;
        if (i < 0)
            return combinatoric_stop(c);
        int64_t index = indices[i] + 1;
        Value elem = c->pool->items[index];
        for (; i < r; ++i) {
            indices[i] = index;
            result->items[i] = elem;
        }
    }
    c->result = result;
    return Value::from_object(result);
}

Value permutations_step(VM& vm, Value self)
{
    auto* c = self.as<CombinatoricObject>();
    if (c->stopped)
        return Value::stop_iteration();
    int64_t n = int64_t(c->pool->size), r = c->r;
    int64_t* indices = index_buffer(c->indices);
    int64_t* cycles = index_buffer(c->cycles);
    Tuple* result;
    if (!c->result) {
        if (r > n)
            return combinatoric_stop(c);
        result = tuple_new(vm, size_t(r));
        if (!result)
            return Value::null();
        for (int64_t i = 0; i < r; ++i)
            result->items[i] = c->pool->items[indices[i]];
    } else {
        if (n == 0)
            return combinatoric_stop(c);
        result = tuple_copy(vm, c->result);
        if (!result)
            return Value::null();
        int64_t i = r - 1;
        for (; i >= 0; --i) {
            cycles[i] -= 1;
            if (cycles[i] == 0) {
                int64_t index = indices[i];
                for (int64_t j = i; j < n - 1; ++j)
                    indices[j] = indices[j + 1];
                indices[n - 1] = index;
                cycles[i] = n - i;
            } else {
                int64_t j = cycles[i];
                std::swap(indices[i], indices[n - j]);
                for (int64_t k = i; k < r; ++k)
                    result->items[k] = c->pool->items[indices[k]];
                break;
            }
        }
        if (i < 0)
            return combinatoric_stop(c);
    }
    c->result = result;
    return Value::from_object(result);
}

// ------------------------------------------------------------------ pickling support
//
// __reduce__/__setstate__ of CPython 3.11 (copy.copy and pickle use them): every
// iterator but pairwise, which has none in CPython either.

Value reduce_of(VM& vm, Value self, Tuple* ctor_args, Value state = Value::null())
{
    if (!ctor_args)
        return Value::null();
    Value cls = Value::from_object(type_of(self));
    if (state.is_null())
        return Value::from_object(tuple_pack(vm, { cls, Value::from_object(ctor_args) }));
    return Value::from_object(tuple_pack(vm, { cls, Value::from_object(ctor_args), state }));
}

Value value_or_none(Value v) { return v.is_null() ? py_none() : v; }

#define REDUCE_METHOD(fname, owner)                                                          \
    Value fname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)                     \
    {                                                                                        \
        if (!check_noargs_method(vm, owner, "__reduce__", nargs - 1, kwnames))               \
            return Value::null();                                                            \
        return fname##_impl(vm, args[0]);                                                    \
    }

Value cycle_reduce_impl(VM& vm, Value self)
{
    auto* c = self.as<CycleObject>();
    if (c->it.is_null()) {
        // Exhausted: continue from the saved items at the current index.
        Value it = TRY(list_iter_new(vm, c->saved));
        it.as<ListIterator>()->index = size_t(c->index);
        Tuple* st = tuple_pack(vm, { Value::from_object(c->saved), py_true() });
        return st ? reduce_of(vm, self, tuple_pack(vm, { it }), Value::from_object(st)) : Value::null();
    }
    Tuple* st = tuple_pack(vm, { Value::from_object(c->saved), py_bool(c->firstpass) });
    return st ? reduce_of(vm, self, tuple_pack(vm, { c->it }), Value::from_object(st)) : Value::null();
}
REDUCE_METHOD(cycle_reduce, "cycle")

Value cycle_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "cycle", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    Tuple* st = as_tuple(args[1]);
    if (!st)
        return raise(vm, exc::TypeError, "state is not a tuple");
    if (st->size != 2 || !as_list(st->items[0]))
        return raise(vm, exc::TypeError, "cycle.__setstate__ expects a (list, int) state");
    int64_t firstpass;
    if (!index_i64(vm, st->items[1], firstpass))
        return Value::null();
    auto* c = args[0].as<CycleObject>();
    c->saved = as_list(st->items[0]);
    c->firstpass = firstpass != 0;
    c->index = 0;
    return py_none();
}

Value accumulate_reduce_impl(VM& vm, Value self)
{
    auto* a = self.as<AccumulateObject>();
    Value func = value_or_none(a->func);
    if (!a->initial.is_null()) {
        // accumulate(chain((initial,), it), func)
        Tuple* first = tuple_pack(vm, { a->initial });
        if (!first)
            return Value::null();
        Value parts[2] = { Value::from_object(first), a->it };
        Value ch = TRY(call(vm, Value::from_object(g_chain), parts, 2));
        return reduce_of(vm, self, tuple_pack(vm, { ch, func }), py_none());
    }
    if (!a->total.is_null() && is_none(a->total)) {
        // islice(accumulate(chain((None,), it), func), 1, None): CPython's form for a None total
        Tuple* first = tuple_pack(vm, { py_none() });
        if (!first)
            return Value::null();
        Value parts[2] = { Value::from_object(first), a->it };
        Value ch = TRY(call(vm, Value::from_object(g_chain), parts, 2));
        Value inner = TRY(call2(vm, Value::from_object(type_of(self)), ch, func));
        Tuple* ia = tuple_pack(vm, { inner, Value::small_int(1), py_none() });
        if (!ia)
            return Value::null();
        return Value::from_object(tuple_pack(vm, { Value::from_object(g_islice), Value::from_object(ia) }));
    }
    return reduce_of(vm, self, tuple_pack(vm, { a->it, func }), value_or_none(a->total));
}
REDUCE_METHOD(accumulate_reduce, "accumulate")

Value accumulate_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "accumulate", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    args[0].as<AccumulateObject>()->total = args[1];
    return py_none();
}

Value chain_reduce_impl(VM& vm, Value self)
{
    auto* c = self.as<ChainObject>();
    if (c->source.is_null())
        return reduce_of(vm, self, empty_tuple());
    Tuple* st = c->active.is_null() ? tuple_pack(vm, { c->source }) : tuple_pack(vm, { c->source, c->active });
    return st ? reduce_of(vm, self, empty_tuple(), Value::from_object(st)) : Value::null();
}
REDUCE_METHOD(chain_reduce, "chain")

bool is_iterator(Value v) { return type_of(v)->iternext || !type_of(v)->slot(Slot::NEXT).is_null(); }

Value chain_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "chain", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    Tuple* st = as_tuple(args[1]);
    if (!st)
        return raise(vm, exc::TypeError, "state is not a tuple");
    if (!unpack_args(vm, "__setstate__", st->size, 1, 2))
        return Value::null();
    Value source = st->items[0];
    Value active = st->size == 2 ? st->items[1] : Value::null();
    if (!is_iterator(source) || (!active.is_null() && !is_iterator(active)))
        return raise(vm, exc::TypeError, "Arguments must be iterators.");
    auto* c = args[0].as<ChainObject>();
    c->source = source;
    c->active = active;
    return py_none();
}

Value compress_reduce_impl(VM& vm, Value self)
{
    auto* c = self.as<CompressObject>();
    return reduce_of(vm, self, tuple_pack(vm, { c->data, c->selectors }));
}
REDUCE_METHOD(compress_reduce, "compress")

// dropwhile and takewhile carry their flag as state; filterfalse and starmap none.
Value predicate_reduce_impl(VM& vm, Value self)
{
    auto* p = self.as<PredicateObject>();
    Tuple* ctor = tuple_pack(vm, { p->func, p->it });
    TypeObject* t = type_of(self);
    if (is_subtype(t, g_dropwhile) || is_subtype(t, g_takewhile))
        return reduce_of(vm, self, ctor, Value::small_int(p->done ? 1 : 0));
    return reduce_of(vm, self, ctor);
}
REDUCE_METHOD(predicate_reduce, "itertools")

Value predicate_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "itertools", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    int t = truthy(vm, args[1]);
    if (t < 0)
        return Value::null();
    args[0].as<PredicateObject>()->done = t != 0;
    return py_none();
}

Value islice_reduce_impl(VM& vm, Value self)
{
    auto* s = self.as<IsliceObject>();
    if (s->it.is_null()) {
        List* empty = list_new(vm);
        Value it = empty ? list_iter_new(vm, empty) : Value::null();
        if (it.is_null())
            return it;
        return reduce_of(vm, self, tuple_pack(vm, { it, Value::small_int(0) }), Value::small_int(0));
    }
    Value stop = s->stop == -1 ? py_none() : TRY(int_from_i64(vm, s->stop));
    Tuple* ctor = tuple_pack(vm, { s->it, int_from_i64(vm, s->next), stop, int_from_i64(vm, s->step) });
    return reduce_of(vm, self, ctor, TRY(int_from_i64(vm, s->cnt)));
}
REDUCE_METHOD(islice_reduce, "islice")

Value islice_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "islice", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    int64_t cnt;
    if (!index_i64(vm, args[1], cnt))
        return Value::null();
    args[0].as<IsliceObject>()->cnt = cnt;
    return py_none();
}

Value zip_longest_reduce_impl(VM& vm, Value self)
{
    auto* z = self.as<ZipLongestObject>();
    Tuple* ctor = tuple_new(vm, z->iters->size);
    if (!ctor)
        return Value::null();
    for (size_t i = 0; i < z->iters->size; ++i) {
        Value it = z->iters->items[i];
        ctor->items[i] = it.is_null() ? Value::from_object(empty_tuple()) : it;
    }
    return reduce_of(vm, self, ctor, z->fillvalue);
}
REDUCE_METHOD(zip_longest_reduce, "zip_longest")

Value zip_longest_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "zip_longest", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    args[0].as<ZipLongestObject>()->fillvalue = args[1];
    return py_none();
}

// ---- the combinatoric iterators and groupby: their indices (or keys) as state

Tuple* index_tuple(VM& vm, RawBuffer* b, int64_t n)
{
    Tuple* t = tuple_new(vm, size_t(n));
    if (!t)
        return nullptr;
    int64_t* ix = index_buffer(b);
    for (int64_t i = 0; i < n; ++i) {
        t->items[i] = int_from_i64(vm, ix[i]);
        if (t->items[i].is_null())
            return nullptr;
    }
    return t;
}

// The i-th item of a state tuple as an index (PyLong_AsSsize_t).
bool state_index(VM& vm, Tuple* st, size_t i, int64_t& out)
{
    Value v = st->items[i];
    if (!is_int(v)) {
        raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v));
        return false;
    }
    return index_i64(vm, v, out);
}

Value invalid_arguments(VM& vm) { return raise(vm, exc::ValueError, "invalid arguments"); }

Value product_reduce_impl(VM& vm, Value self)
{
    auto* p = self.as<ProductObject>();
    Value cls = Value::from_object(type_of(self));
    if (p->stopped) {
        Tuple* ctor = tuple_pack(vm, { Value::from_object(empty_tuple()) });
        return ctor ? Value::from_object(tuple_pack(vm, { cls, Value::from_object(ctor) })) : Value::null();
    }
    if (!p->result)
        return Value::from_object(tuple_pack(vm, { cls, Value::from_object(p->pools) }));
    Tuple* ix = index_tuple(vm, p->indices, int64_t(p->pools->size));
    if (!ix)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { cls, Value::from_object(p->pools), Value::from_object(ix) }));
}
REDUCE_METHOD(product_reduce, "product")

Value product_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "product", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* p = args[0].as<ProductObject>();
    size_t n = p->pools->size;
    Tuple* st = as_tuple(args[1]);
    if (!st || st->size != n)
        return invalid_arguments(vm);
    int64_t* ix = index_buffer(p->indices);
    for (size_t i = 0; i < n; ++i) {
        int64_t index;
        if (!state_index(vm, st, i, index))
            return Value::null();
        int64_t poolsize = int64_t(p->pools->items[i].as<Tuple>()->size);
        if (poolsize == 0) {
            p->stopped = true;
            return py_none();
        }
        ix[i] = index < 0 ? 0 : index > poolsize - 1 ? poolsize - 1 : index;
    }
    Tuple* result = tuple_new(vm, n);
    if (!result)
        return Value::null();
    for (size_t i = 0; i < n; ++i)
        result->items[i] = p->pools->items[i].as<Tuple>()->items[ix[i]];
    p->result = result;
    return py_none();
}

Value combinatoric_reduce_impl(VM& vm, Value self)
{
    auto* c = self.as<CombinatoricObject>();
    Value cls = Value::from_object(type_of(self));
    Value r = TRY(int_from_i64(vm, c->r));
    if (!c->result || c->stopped) {
        Tuple* ctor = tuple_pack(vm, { c->stopped ? Value::from_object(empty_tuple()) : Value::from_object(c->pool), r });
        return ctor ? Value::from_object(tuple_pack(vm, { cls, Value::from_object(ctor) })) : Value::null();
    }
    Tuple* ctor = tuple_pack(vm, { Value::from_object(c->pool), r });
    if (!ctor)
        return Value::null();
    Value state;
    if (c->cycles) {
        Tuple* ix = index_tuple(vm, c->indices, int64_t(c->pool->size));
        Tuple* cy = ix ? index_tuple(vm, c->cycles, c->r) : nullptr;
        Tuple* st = cy ? tuple_pack(vm, { Value::from_object(ix), Value::from_object(cy) }) : nullptr;
        if (!st)
            return Value::null();
        state = Value::from_object(st);
    } else {
        Tuple* ix = index_tuple(vm, c->indices, c->r);
        if (!ix)
            return Value::null();
        state = Value::from_object(ix);
    }
    return Value::from_object(tuple_pack(vm, { cls, Value::from_object(ctor), state }));
}
REDUCE_METHOD(combinatoric_reduce, "itertools")

// Rebuilds the last result from the pool and the restored indices.
Value combinatoric_result_from_indices(VM& vm, CombinatoricObject* c)
{
    Tuple* result = tuple_new(vm, size_t(c->r));
    if (!result)
        return Value::null();
    int64_t* ix = index_buffer(c->indices);
    for (int64_t i = 0; i < c->r; ++i)
        result->items[i] = c->pool->items[ix[i]];
    c->result = result;
    return py_none();
}

// combinations (kind 0) and combinations_with_replacement (kind 1).
template<int Kind>
Value combination_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "itertools", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* c = args[0].as<CombinatoricObject>();
    Tuple* st = as_tuple(args[1]);
    if (!st || int64_t(st->size) != c->r)
        return invalid_arguments(vm);
    int64_t n = int64_t(c->pool->size);
    if (c->r > 0 && (n == 0 || (Kind == 0 && c->r > n))) {
        c->stopped = true;
        return py_none();
    }
    int64_t* ix = index_buffer(c->indices);
    for (int64_t i = 0; i < c->r; ++i) {
        int64_t index;
        if (!state_index(vm, st, size_t(i), index))
            return Value::null();
        int64_t max = Kind == 0 ? i + n - c->r : n - 1;
        if (index > max)
            index = max;
        if (index < 0)
            index = 0;
        ix[i] = index;
    }
    return combinatoric_result_from_indices(vm, c);
}

Value permutations_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "permutations", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    auto* c = args[0].as<CombinatoricObject>();
    Tuple* st = as_tuple(args[1]);
    if (!st || st->size != 2 || !as_tuple(st->items[0]) || !as_tuple(st->items[1]))
        return raise(vm, exc::TypeError, "permutations.__setstate__ expects a tuple of two tuples");
    Tuple* ixs = as_tuple(st->items[0]);
    Tuple* cys = as_tuple(st->items[1]);
    int64_t n = int64_t(c->pool->size);
    if (int64_t(ixs->size) != n || int64_t(cys->size) != c->r)
        return invalid_arguments(vm);
    if (c->r > n) {
        c->stopped = true;
        return py_none();
    }
    int64_t* ix = index_buffer(c->indices);
    int64_t* cy = index_buffer(c->cycles);
    for (int64_t i = 0; i < n; ++i) {
        int64_t index;
        if (!state_index(vm, ixs, size_t(i), index))
            return Value::null();
        ix[i] = index < 0 ? 0 : index > n - 1 ? n - 1 : index;
    }
    for (int64_t i = 0; i < c->r; ++i) {
        int64_t index;
        if (!state_index(vm, cys, size_t(i), index))
            return Value::null();
        cy[i] = index < 1 ? 1 : index > n - i ? n - i : index;
    }
    return combinatoric_result_from_indices(vm, c);
}

Value groupby_reduce_impl(VM& vm, Value self)
{
    auto* g = self.as<GroupbyObject>();
    Tuple* ctor = tuple_pack(vm, { g->it, g->keyfunc });
    if (!g->tgtkey.is_null() && !g->currkey.is_null() && !g->currvalue.is_null()) {
        Tuple* st = tuple_pack(vm, { g->currkey, g->currvalue, g->tgtkey });
        return st ? reduce_of(vm, self, ctor, Value::from_object(st)) : Value::null();
    }
    return reduce_of(vm, self, ctor);
}
REDUCE_METHOD(groupby_reduce, "groupby")

Value groupby_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "groupby", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    Tuple* st = as_tuple(args[1]);
    if (!st)
        return raise(vm, exc::TypeError, "state is not a tuple");
    if (!unpack_args(vm, "__setstate__", st->size, 3, 3))
        return Value::null();
    auto* g = args[0].as<GroupbyObject>();
    g->currkey = st->items[0];
    g->currvalue = st->items[1];
    g->tgtkey = st->items[2];
    return py_none();
}

Value grouper_reduce_impl(VM& vm, Value self)
{
    auto* igo = self.as<GrouperObject>();
    if (!igo->parent.as<GroupbyObject>()->currgrouper.is(self)) {
        // A finished group pickles as iter(()).
        String* iter_name = intern(vm, "iter");
        if (!iter_name)
            return Value::null();
        Value iter_fn = TRY(dict_get_str(vm, interp(vm).builtins, iter_name));
        if (iter_fn.is_not_found())
            return raise(vm, exc::RuntimeError, "builtins.iter is missing");
        Tuple* inner = tuple_pack(vm, { Value::from_object(empty_tuple()) });
        return inner ? Value::from_object(tuple_pack(vm, { iter_fn, Value::from_object(inner) })) : Value::null();
    }
    return reduce_of(vm, self, tuple_pack(vm, { igo->parent, igo->tgtkey }));
}
REDUCE_METHOD(grouper_reduce, "_grouper")

// ---- tee: a tee pickles its shared block and position; a block its items so far

Value tee_reduce_impl(VM& vm, Value self)
{
    auto* t = self.as<TeeObject>();
    Tuple* inner = tuple_pack(vm, { Value::from_object(empty_tuple()) });
    Tuple* st = tuple_pack(vm, { t->dataobj, Value::small_int(t->index) });
    if (!inner || !st)
        return Value::null();
    return reduce_of(vm, self, inner, Value::from_object(st));
}
REDUCE_METHOD(tee_reduce, "_tee")

Value tee_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "_tee", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    Tuple* st = as_tuple(args[1]);
    if (!st)
        return raise(vm, exc::TypeError, "state is not a tuple");
    if (!unpack_args(vm, "__setstate__", st->size, 2, 2))
        return Value::null();
    if (type_of(st->items[0]) != g_tee_data)
        return raise_fmt(vm, exc::TypeError, "argument 1 must be itertools._tee_dataobject, not %s",
                         type_name(st->items[0]));
    int64_t index;
    if (!state_index(vm, st, 1, index))
        return Value::null();
    if (index < 0 || index > kLinkCells)
        return raise(vm, exc::ValueError, "Index out of range");
    auto* t = args[0].as<TeeObject>();
    t->dataobj = st->items[0];
    t->index = int(index);
    return py_none();
}

Value tee_data_reduce_impl(VM& vm, Value self)
{
    auto* d = self.as<TeeData>();
    List* values = list_from_array(vm, d->values, size_t(d->numread));
    if (!values)
        return Value::null();
    return reduce_of(vm, self, tuple_pack(vm, { d->it, Value::from_object(values), value_or_none(d->nextlink) }));
}
REDUCE_METHOD(tee_data_reduce, "_tee_dataobject")

Value tee_data_type_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_tee_dataobject", kwnames) || !unpack_args(vm, "_tee_dataobject", nargs - 1, 3, 3))
        return Value::null();
    List* values = as_list(args[2]);
    if (!values)
        return raise_fmt(vm, exc::TypeError, "_tee_dataobject() argument 2 must be list, not %s", type_name(args[2]));
    if (values->size > size_t(kLinkCells))
        return raise(vm, exc::ValueError, "Invalid arguments");
    Value next = args[3];
    bool full = values->size == size_t(kLinkCells);
    if (!is_none(next) && (!full || type_of(next) != g_tee_data))
        return raise(vm, exc::ValueError, "Invalid arguments");
    Value dv = TRY(tee_data_new(vm, args[1]));
    auto* d = dv.as<TeeData>();
    for (size_t i = 0; i < values->size; ++i)
        d->values[i] = values->items()[i];
    d->numread = int(values->size);
    if (!is_none(next))
        d->nextlink = next;
    return dv;
}

#undef REDUCE_METHOD

// ------------------------------------------------------------------ setup

struct IterTypeSpec {
    TypeObject** type;
    char const* name;
    uint32_t size;
    TraceFn trace;
    Value (*step)(VM&, Value);
    NativeFn next;
    NativeFn new_fn;
};

TypeObject* make_iter_type(VM& vm, IterTypeSpec const& s)
{
    TypeObject* t = make_module_type(vm, "itertools", s.name, nullptr, s.size, TF_BASETYPE, s.trace);
    t->iternext = s.step;
    add_methods(vm, t, { { "__iter__", iter_self_method }, { "__next__", s.next } });
    if (s.new_fn)
        add_methods(vm, t, { { "__new__", s.new_fn, METH_STATIC } });
    *s.type = t;
    return t;
}

void setup_types(VM& vm)
{
    IterTypeSpec specs[] = {
        { &g_count, "count", sizeof(CountObject), count_trace, count_step, next_method<count_step>, count_new },
        { &g_cycle, "cycle", sizeof(CycleObject), cycle_trace, cycle_step, next_method<cycle_step>, cycle_new },
        { &g_repeat, "repeat", sizeof(RepeatObject), repeat_trace, repeat_step, next_method<repeat_step>, repeat_new },
        { &g_accumulate, "accumulate", sizeof(AccumulateObject), accumulate_trace, accumulate_step,
          next_method<accumulate_step>, accumulate_new },
        { &g_chain, "chain", sizeof(ChainObject), chain_trace, chain_step, next_method<chain_step>, chain_new },
        { &g_compress, "compress", sizeof(CompressObject), compress_trace, compress_step, next_method<compress_step>,
          compress_new },
        { &g_dropwhile, "dropwhile", sizeof(PredicateObject), predicate_trace, dropwhile_step,
          next_method<dropwhile_step>, predicate_new<kDropwhile> },
        { &g_takewhile, "takewhile", sizeof(PredicateObject), predicate_trace, takewhile_step,
          next_method<takewhile_step>, predicate_new<kTakewhile> },
        { &g_filterfalse, "filterfalse", sizeof(PredicateObject), predicate_trace, filterfalse_step,
          next_method<filterfalse_step>, predicate_new<kFilterfalse> },
        { &g_starmap, "starmap", sizeof(PredicateObject), predicate_trace, starmap_step, next_method<starmap_step>,
          predicate_new<kStarmap> },
        { &g_groupby, "groupby", sizeof(GroupbyObject), groupby_trace, groupby_step, next_method<groupby_step>,
          groupby_new },
        { &g_grouper, "_grouper", sizeof(GrouperObject), grouper_trace, grouper_step, next_method<grouper_step>,
          grouper_new },
        { &g_islice, "islice", sizeof(IsliceObject), islice_trace, islice_step, next_method<islice_step>, islice_new },
        { &g_pairwise, "pairwise", sizeof(PairwiseObject), pairwise_trace, pairwise_step, next_method<pairwise_step>,
          pairwise_new },
        { &g_tee, "_tee", sizeof(TeeObject), tee_trace, tee_step, next_method<tee_step>, tee_type_new },
        { &g_zip_longest, "zip_longest", sizeof(ZipLongestObject), zip_longest_trace, zip_longest_step,
          next_method<zip_longest_step>, zip_longest_new },
        { &g_product, "product", sizeof(ProductObject), product_trace, product_step, next_method<product_step>,
          product_new },
        { &g_combinations, "combinations", sizeof(CombinatoricObject), combinatoric_trace, combinations_step,
          next_method<combinations_step>, combinations_new },
        { &g_cwr, "combinations_with_replacement", sizeof(CombinatoricObject), combinatoric_trace, cwr_step,
          next_method<cwr_step>, cwr_new },
        { &g_permutations, "permutations", sizeof(CombinatoricObject), combinatoric_trace, permutations_step,
          next_method<permutations_step>, permutations_new },
    };
    for (IterTypeSpec const& s : specs)
        make_iter_type(vm, s);
    // _grouper and _tee are made by groupby and tee, not subclassed.
    g_grouper->tflags &= ~TF_BASETYPE;
    g_tee->tflags &= ~TF_BASETYPE;
    add_methods(vm, g_count, { { "__repr__", count_repr }, { "__reduce__", count_reduce } });
    add_methods(vm, g_repeat,
                { { "__repr__", repeat_repr }, { "__length_hint__", repeat_length_hint }, { "__reduce__", repeat_reduce } });
    add_methods(vm, g_chain,
                { { "from_iterable", chain_from_iterable, METH_CLASS },
                  { "__class_getitem__", generic_class_getitem, METH_CLASS } });
    add_methods(vm, g_tee, { { "__copy__", tee_copy } });
    add_methods(vm, g_cycle, { { "__reduce__", cycle_reduce }, { "__setstate__", cycle_setstate } });
    add_methods(vm, g_accumulate, { { "__reduce__", accumulate_reduce }, { "__setstate__", accumulate_setstate } });
    add_methods(vm, g_chain, { { "__reduce__", chain_reduce }, { "__setstate__", chain_setstate } });
    add_methods(vm, g_compress, { { "__reduce__", compress_reduce } });
    for (TypeObject* t : { g_dropwhile, g_takewhile })
        add_methods(vm, t, { { "__reduce__", predicate_reduce }, { "__setstate__", predicate_setstate } });
    for (TypeObject* t : { g_filterfalse, g_starmap })
        add_methods(vm, t, { { "__reduce__", predicate_reduce } });
    add_methods(vm, g_islice, { { "__reduce__", islice_reduce }, { "__setstate__", islice_setstate } });
    add_methods(vm, g_zip_longest, { { "__reduce__", zip_longest_reduce }, { "__setstate__", zip_longest_setstate } });
    add_methods(vm, g_product, { { "__reduce__", product_reduce }, { "__setstate__", product_setstate } });
    add_methods(vm, g_combinations, { { "__reduce__", combinatoric_reduce }, { "__setstate__", combination_setstate<0> } });
    add_methods(vm, g_cwr, { { "__reduce__", combinatoric_reduce }, { "__setstate__", combination_setstate<1> } });
    add_methods(vm, g_permutations, { { "__reduce__", combinatoric_reduce }, { "__setstate__", permutations_setstate } });
    add_methods(vm, g_groupby, { { "__reduce__", groupby_reduce }, { "__setstate__", groupby_setstate } });
    add_methods(vm, g_tee, { { "__reduce__", tee_reduce }, { "__setstate__", tee_setstate } });
    add_methods(vm, g_grouper, { { "__reduce__", grouper_reduce } });
    g_tee_data = make_module_type(vm, "itertools", "_tee_dataobject", nullptr, sizeof(TeeData), 0, tee_data_trace);
    add_methods(vm, g_tee_data, { { "__new__", tee_data_type_new, METH_STATIC }, { "__reduce__", tee_data_reduce } });
    for (IterTypeSpec const& s : specs)
        finish_builtin_type(vm, *s.type);
    finish_builtin_type(vm, g_tee_data);
}

} // namespace

Module* make_itertools_module(VM& vm)
{
    if (!g_count)
        setup_types(vm);
    Module* m = module_new(vm, "itertools");
    module_add_functions(vm, m, { { "tee", itertools_tee } });
    for (TypeObject* t : { g_count, g_cycle, g_repeat, g_accumulate, g_chain, g_compress, g_dropwhile, g_takewhile,
                           g_filterfalse, g_starmap, g_groupby, g_grouper, g_islice, g_pairwise, g_tee, g_zip_longest,
                           g_product, g_combinations, g_cwr, g_permutations, g_tee_data })
        module_add(vm, m, t->name->c_str(), Value::from_object(t));
    return m;
}

} // namespace slpy
