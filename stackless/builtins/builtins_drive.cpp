// The built-ins that drive Python iterators and callables -- list/tuple/set/frozenset/
// dict(iterable), sorted, min, max, sum, any, all and str.join -- when the eval loop
// calls them (issue 8 point 4; scheduler/README.md "Which natives still need a carrier").
//
// Natively, list(gen) resumes the generator through a nested run of the loop for every
// item, so a tasklet that blocks inside it is stuck on that C stack (a pinned carrier, not
// restorable). Called by the loop (is_drive_callable sends them to its switch path), each
// of them looks at its arguments first: when Python code would run for it (a generator,
// an object whose class defines __iter__ or __next__ in Python, a Python key function),
// it tail-calls its Python side, a helper below (Interpreter::tail_call), and the loop
// runs that helper and everything it calls as frames of its own. Otherwise, and always
// when native code calls them, the native built-in runs as before.
//
// The lazy iterators -- map, filter, enumerate, zip, reversed -- step the same way: when a
// step would run Python code (a generator or Python iterator inside, a Python function to
// call, a Python __getitem__), FOR_ITER runs the step as a frame (lazy_iter_frame, a helper
// below with ReturnMode::ForIterNext), and their __next__, called straight from the loop
// (next(it), it.__next__()), tail-calls the same helper. The objects stay the native ones
// (type, repr, pickling); the helpers change their state only through the functions the
// native steps use (objects/iterators.h). One table, kLazyIters, lists them.
//
// The helpers are compiled from source on first use into a namespace of their own (the
// VM keeps the functions by helper id: Interpreter::drive_helpers); their code carries
// CO_SLPY_HIDDEN, so their frames add no traceback entries and are skipped by f_back and
// sys._getframe: Python code sees what CPython shows, where the built-in is C code. The
// built-in's argument errors are raised natively before the hand-off (the same parsing
// as the native paths, builtins_iter.cpp), so messages do not depend on the path.
#include "stackless/builtins/builtins.h"

#include "objects/function.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/call.h"
#include "stackless/vm/code.h"
#include "stackless/vm/function.h"
#include "stackless/vm/hooks.h"
#include "stackless/vm/interpreter.h"

#include <algorithm>

namespace slpy {

namespace {

// Each helper does what the built-in does natively, in the same order (CPython 3.11's
// bltinmodule.c / listobject.c / dictobject.c), with plain bytecode, so that every
// __next__, generator resume, key call and truth test is a frame of the loop.
constexpr char const* kHelpers = R"PY(
def list_from(x):
    return list_fill(iter(x), x)

def list_fill(it, x):
    # list_extend: the iterator first, then the length hint of the iterable (its
    # __len__/__length_hint__ run and their errors propagate), then the items.
    length_hint(x)
    r = []
    for v in it:
        r.append(v)
    return r

def tuple_from(it):
    return tuple(list_from(it))

def set_from(it):
    s = set()
    for x in it:
        s.add(x)
    return s

def frozenset_from(it):
    return frozenset(set_from(it))

def dict_from(it):
    # dict_merge_from_seq2: each element through PySequence_Fast, whose TypeError is
    # replaced by the element's index.
    d = {}
    i = 0
    for item in it:
        if type(item) is not tuple and type(item) is not list:
            bad = False
            try:
                item = list_from(item)
            except TypeError:
                bad = True
            if bad:
                raise TypeError("cannot convert dictionary update sequence element #%d to a sequence" % i)
        if len(item) != 2:
            raise ValueError("dictionary update sequence element #%d has length %d; 2 is required" % (i, len(item)))
        d[item[0]] = item[1]
        i += 1
    return d

def sorted_by(it, key, reverse):
    # list.sort with a key: every key is computed first, in order, then the keys are
    # sorted stably; sorting the positions by their keys gives the same order.
    l = list(it)
    if key is None:
        l.sort(reverse=reverse)
        return l
    keys = [key(x) for x in l]
    order = list(range(len(l)))
    order.sort(key=keys.__getitem__, reverse=reverse)
    return [l[i] for i in order]

def min_max(it, key, default, has_default, is_max):
    found = False
    for item in it:
        k = item if key is None else key(item)
        if not found:
            best = item
            best_key = k
            found = True
        elif is_max:
            if k > best_key:
                best = item
                best_key = k
        elif k < best_key:
            best = item
            best_key = k
    if found:
        return best
    if has_default:
        return default
    raise ValueError("max() arg is an empty sequence" if is_max else "min() arg is an empty sequence")

def sum_from(it, start):
    r = start
    for x in it:
        r = r + x
    return r

def any_of(it):
    for x in it:
        if x:
            return True
    return False

def all_of(it):
    for x in it:
        if not x:
            return False
    return True

# The steps of the lazy iterators (map_step, filter_step, ... in objects/iterators.cpp).
# A StopIteration out of them ends a for loop, or is what next() raises.
def map_next(func, iters):
    items = []
    for it in iters:
        items.append(next(it))
    return func(*items)

def filter_next(func, it, native_it):
    if func is None or func is bool:
        while True:
            x = next(it)
            if x:
                return x
    if native_it:
        # a native iterator's end raises no exception whose arguments could matter
        for x in it:
            if func(x):
                return x
        raise StopIteration
    while True:
        x = next(it)
        if func(x):
            return x

def enumerate_next(e, it):
    x = next(it)
    return (enumerate_index(e), x)

def zip_next(iters, strict):
    items = []
    if not strict:
        for it in iters:
            items.append(next(it))
        return (*items,)
    for it in iters:
        try:
            x = next(it)
        except StopIteration:
            break
        items.append(x)
    else:
        return (*items,)
    if items:
        zip_length_error(len(items), False)
    for j in range(1, len(iters)):
        try:
            next(iters[j])
        except StopIteration:
            continue
        zip_length_error(j, True)
    raise StopIteration

def zip2_next(a, b):
    return (next(a), next(b))

def reversed_next(r, seq, i):
    found = True
    try:
        x = seq[i]
    except (IndexError, StopIteration):
        found = False
    reversed_advance(r, found)
    if found:
        return x
    raise StopIteration

def gen_close(g):
    # generator.close(): GeneratorExit thrown in at the yield; a generator that yields
    # again ignored it.
    try:
        g.throw(GeneratorExit)
    except (GeneratorExit, StopIteration):
        return None
    raise RuntimeError("generator ignored GeneratorExit")

def join_from(sep, x):
    # PySequence_Fast(x, "can only join an iterable")
    bad = False
    try:
        it = iter(x)
    except TypeError:
        bad = True
    if bad:
        raise TypeError("can only join an iterable")
    return sep.join(list_fill(it, x))
)PY";

enum class Helper : uint8_t {
    List, Tuple, Set, Frozenset, Dict, Sorted, MinMax, Sum, Any, All, Join,
    MapNext, FilterNext, EnumerateNext, ZipNext, Zip2Next, ReversedNext, GenClose, Count
};
constexpr char const* kHelperNames[] = { "list_from",     "tuple_from",  "set_from",       "frozenset_from",
                                         "dict_from",     "sorted_by",   "min_max",        "sum_from",
                                         "any_of",        "all_of",      "join_from",      "map_next",
                                         "filter_next",   "enumerate_next", "zip_next",    "zip2_next",
                                         "reversed_next", "gen_close" };
static_assert(sizeof(kHelperNames) / sizeof(kHelperNames[0]) == size_t(Helper::Count));

// length_hint(x) for the helpers: list_extend's hint, whose only effect visible from
// Python is running __len__/__length_hint__ and raising their errors.
Value helper_length_hint(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 1)
        return raise(vm, exc::TypeError, "length_hint() takes one argument");
    return length_hint(vm, args[0], 8) < 0 ? Value::null() : py_none();
}

// enumerate_index(e): the index of the item enumerate_next just fetched, counting on.
Value helper_enumerate_index(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 1 || !is_subtype(type_of(args[0]), types.enumerate))
        return raise(vm, exc::TypeError, "enumerate_index() takes an enumerate object");
    return enumerate_take_index(vm, args[0].as<Enumerate>());
}

// zip_length_error(i, longer): raises zip(strict=True)'s ValueError.
Value helper_zip_length_error(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 2 || !args[0].is_int() || args[0].as_int() < 1)
        return raise(vm, exc::TypeError, "zip_length_error() takes an index and a flag");
    return zip_length_error(vm, size_t(args[0].as_int()), args[1].is(py_true()) ? "longer" : "shorter");
}

// reversed_advance(r, found): the end of reversed_next.
Value helper_reversed_advance(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 2 || !is_subtype(type_of(args[0]), types.reversed))
        return raise(vm, exc::TypeError, "reversed_advance() takes a reversed object and a flag");
    reversed_advance(args[0].as<Reversed>(), args[1].is(py_true()));
    return py_none();
}

void hide_code(Code* code)
{
    code->flags |= CO_SLPY_HIDDEN;
    for (uint32_t i = 0; i < code->consts->size; ++i) {
        Value c = code->consts->items[i];
        if (type_of(c) == types.code)
            hide_code(c.as<Code>());
    }
}

// The helper `h`, compiling the helpers on first use. Null with the exception pending.
Function* helper(VM& vm, Helper h)
{
    Interpreter& in = interp(vm);
    if (!in.drive_helpers) {
        Dict* ns = dict_new(vm);
        if (!ns)
            return nullptr;
        if (!dict_set_str(vm, ns, names.__name__, str_value(vm, "builtins")))
            return nullptr;
        static constexpr struct {
            char const* name;
            NativeFn fn;
        } kNatives[] = {
            { "length_hint", helper_length_hint },
            { "enumerate_index", helper_enumerate_index },
            { "zip_length_error", helper_zip_length_error },
            { "reversed_advance", helper_reversed_advance },
        };
        for (auto const& n : kNatives) {
            BuiltinFunction* f = builtin_function_new(vm, n.name, n.fn);
            if (!f || !dict_set_str(vm, ns, intern(vm, n.name), Value::from_object(f)))
                return nullptr;
        }
        Value code = compile_to_code(vm, kHelpers, "<builtins>", parser::Mode::Exec, 0);
        if (code.is_null())
            return nullptr;
        hide_code(code.as<Code>());
        if (in.exec_code(code.as<Code>(), ns, Value::null()).is_null())
            return nullptr;
        Tuple* fns = tuple_new(vm, size_t(Helper::Count));
        if (!fns)
            return nullptr;
        for (size_t i = 0; i < size_t(Helper::Count); ++i) {
            Value f = dict_get_str(vm, ns, intern(vm, kHelperNames[i]));
            if (f.is_null() || !is_function(f)) {
                raise_fmt(vm, exc::SystemError, "the builtins helper %s is missing", kHelperNames[i]);
                return nullptr;
            }
            fns->items[i] = f;
        }
        in.drive_helpers = fns;
    }
    return in.drive_helpers->items[size_t(h)].as<Function>();
}

Value tail_call(VM& vm, Helper h, std::initializer_list<Value> args)
{
    Function* fn = helper(vm, h);
    if (!fn)
        return Value::null();
    return interp(vm).tail_call(fn, args.begin(), args.size());
}

// ---- the lazy iterators

// How one step of an iterator runs, in increasing order: natively with only built-in
// types involved (so for good: Object::flags of the lazy iterator keeps that answer,
// kNativeForGood), natively for now (a class involved may still gain a Python method),
// with Python code (a generator's frame, a Python __next__ or function), or TooDeep: past
// kMaxLookDepth nested lazy iterators the whole chain steps natively, as before, since
// the helpers' frames count against the recursion limit and native steps do not.
enum class Steps : uint8_t { NativeForGood, Native, Python, TooDeep };
constexpr int kMaxLookDepth = 16;
constexpr uint32_t kNativeForGood = 1;

Steps steps_of(Value x, int depth);

Steps combine(Steps a, Steps b) { return std::max(a, b); }

Steps steps_of_all(Tuple* iters, int depth)
{
    Steps r = Steps::NativeForGood;
    for (uint32_t i = 0; i < iters->size && r != Steps::TooDeep; ++i)
        r = combine(r, steps_of(iters->items[i], depth));
    return r;
}

// Calling f.
Steps calls_of(Value f)
{
    if (calls_python(f))
        return Steps::Python;
    return type_of(f)->is_heap_type() ? Steps::Native : Steps::NativeForGood;
}

// map(f, *its) whose f FOR_ITER runs as a frame itself, the items fetched natively: f is
// a Python function or a method of one, and its iterators run no Python code.
constexpr uint32_t kMapDirectArgs = 8;

Function* map_direct_function(MapObject* m)
{
    Value f = m->func;
    if (type_of(f) == types.method)
        f = f.as<BoundMethod>()->func;
    if (!is_function(f) || m->iters->size > kMapDirectArgs || steps_of_all(m->iters, 1) > Steps::Native)
        return nullptr;
    return f.as<Function>();
}

// How one step of each lazy iterator runs, and its helper's arguments.
Steps map_steps(Value it, int depth)
{
    auto* m = it.as<MapObject>();
    return combine(calls_of(m->func), steps_of_all(m->iters, depth + 1));
}
Helper map_args(Value it, Value* out, size_t& n)
{
    auto* m = it.as<MapObject>();
    out[0] = m->func;
    out[1] = Value::from_object(m->iters);
    n = 2;
    return Helper::MapNext;
}

Steps filter_steps(Value it, int depth)
{
    auto* f = it.as<Filter>();
    bool truth = is_none(f->func) || f->func.is(Value::from_object(types.bool_));
    return combine(truth ? Steps::NativeForGood : calls_of(f->func), steps_of(f->iter, depth + 1));
}
Helper filter_args(Value it, Value* out, size_t& n)
{
    auto* f = it.as<Filter>();
    out[0] = f->func;
    out[1] = f->iter;
    out[2] = py_bool(steps_of(f->iter, 1) <= Steps::Native);
    n = 3;
    return Helper::FilterNext;
}

Steps enumerate_steps(Value it, int depth) { return steps_of(it.as<Enumerate>()->iter, depth + 1); }
Helper enumerate_args(Value it, Value* out, size_t& n)
{
    out[0] = it;
    out[1] = it.as<Enumerate>()->iter;
    n = 2;
    return Helper::EnumerateNext;
}

Steps zip_steps(Value it, int depth) { return steps_of_all(it.as<Zip>()->iters, depth + 1); }
Helper zip_args(Value it, Value* out, size_t& n)
{
    auto* z = it.as<Zip>();
    if (!z->strict && z->iters->size == 2) {
        // the usual zip(a, b): a shorter helper
        out[0] = z->iters->items[0];
        out[1] = z->iters->items[1];
        n = 2;
        return Helper::Zip2Next;
    }
    out[0] = Value::from_object(z->iters);
    out[1] = py_bool(z->strict);
    n = 2;
    return Helper::ZipNext;
}

// reversed(seq) of a class whose __getitem__ is a Python function (exhausted: native).
Steps reversed_steps(Value it, int)
{
    auto* r = it.as<Reversed>();
    if (r->seq.is_null())
        return Steps::NativeForGood;
    TypeObject* t = type_of(r->seq);
    if (!t->is_heap_type())
        return Steps::NativeForGood;
    return r->index >= 0 && is_function(t->slot(Slot::GETITEM)) ? Steps::Python : Steps::Native;
}
Helper reversed_args(Value it, Value* out, size_t& n)
{
    auto* r = it.as<Reversed>();
    out[0] = it;
    out[1] = r->seq;
    out[2] = Value::small_int(r->index);
    n = 3;
    return Helper::ReversedNext;
}

struct LazyIter {
    TypeObject* CoreTypes::*type;
    Steps (*steps)(Value it, int depth);
    Helper (*args)(Value it, Value* out, size_t& n); // the helper for a step, its n <= 3 arguments
};

constexpr LazyIter kLazyIters[] = {
    { &CoreTypes::map, map_steps, map_args },
    { &CoreTypes::filter, filter_steps, filter_args },
    { &CoreTypes::enumerate, enumerate_steps, enumerate_args },
    { &CoreTypes::zip, zip_steps, zip_args },
    { &CoreTypes::reversed, reversed_steps, reversed_args },
};

// The entry of t (one of those types or a subclass), or null.
LazyIter const* lazy_iter_of(TypeObject* t)
{
    for (LazyIter const& e : kLazyIters)
        if (t == types.*e.type)
            return &e;
    for (LazyIter const& e : kLazyIters)
        if (is_subtype(t, types.*e.type))
            return &e;
    return nullptr;
}

Steps steps_of(Value x, int depth)
{
    TypeObject* t = type_of(x);
    if (t == types.generator)
        return Steps::Python;
    if (is_lazy_iter_type(t)) {
        if (x.as_object()->flags & kNativeForGood)
            return Steps::NativeForGood;
        return depth >= kMaxLookDepth ? Steps::TooDeep : lazy_iter_of(t)->steps(x, depth);
    }
    if (!t->is_heap_type())
        return Steps::NativeForGood;
    return is_function(t->slot(Slot::ITER)) || is_function(t->slot(Slot::NEXT)) ? Steps::Python : Steps::Native;
}

// One step of the lazy iterator `it` (entry e) runs Python code, as frames of the loop.
// An exact lazy iterator that steps natively for good remembers it.
bool step_runs_python(LazyIter const& e, Value it)
{
    Object* o = it.as_object();
    bool exact = is_lazy_iter_type(o->type); // a subclass's flags are not ours
    if (exact && (o->flags & kNativeForGood))
        return false;
    Steps s = e.steps(it, 0);
    if (s == Steps::NativeForGood && exact)
        o->flags |= kNativeForGood;
    return s == Steps::Python;
}

// The frame of the helper that runs one step of `it` (entry e). Null on error.
Frame* lazy_step_frame(VM& vm, LazyIter const& e, Value it)
{
    Value args[3];
    size_t n;
    Function* fn = helper(vm, e.args(it, args, n));
    if (!fn)
        return nullptr;
    return frame_for_call(vm, fn, args, n, nullptr);
}

// __next__ of the lazy iterators (METH_SWITCH): called straight from the loop, a step that
// runs Python code is a tail call into its helper; otherwise the native step.
Value lazy_iter_next(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    bool soft = interp(vm).take_soft_call();
    if (!check_wrapper_args(vm, "__next__", nargs - 1, kwnames, 0))
        return Value::null();
    Value it = args[0];
    LazyIter const* e = lazy_iter_of(type_of(it));
    if (!e)
        return raise_fmt(vm, exc::TypeError, "descriptor '__next__' does not apply to a '%s' object", type_name(it));
    if (soft && step_runs_python(*e, it)) {
        Frame* frame = lazy_step_frame(vm, *e, it);
        return frame ? interp(vm).hand_frame(frame) : Value::null();
    }
    return next_from_iternext(vm, it, (types.*e->type)->iternext);
}

// The hand-off decision for one built-in: not_found after a tail call, null on error,
// Value::stop_iteration() when the native built-in should just run.
Value drive(VM& vm, Value callable, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value const kNative = Value::stop_iteration();
    if (type_of(callable)->has_flag(TF_TYPE_SUBCLASS)) {
        // list(x) and friends: only the plain one-argument form drives Python.
        if (nargs != 1 || kwnames || !iterates_python(args[0]))
            return kNative;
        TypeObject* cls = callable.as<TypeObject>();
        if (cls == types.list)
            return tail_call(vm, Helper::List, { args[0] });
        if (cls == types.tuple)
            return tail_call(vm, Helper::Tuple, { args[0] });
        if (cls == types.set)
            return tail_call(vm, Helper::Set, { args[0] });
        if (cls == types.frozenset)
            return tail_call(vm, Helper::Frozenset, { args[0] });
        // dict(x) treats x as a mapping when it has keys(): a generator and the lazy
        // iterators (exactly those types) surely have not.
        if (cls == types.dict && (type_of(args[0]) == types.generator || is_lazy_iter_type(type_of(args[0]))))
            return tail_call(vm, Helper::Dict, { args[0] });
        return kNative;
    }
    switch (drive_fn_of(callable)) {
    case DriveFn::Sorted: {
        Value key;
        bool reverse;
        if (!sorted_args(vm, args, nargs, kwnames, key, reverse))
            return Value::null();
        if (!iterates_python(args[0]) && (key.is_null() || !calls_python(key)))
            return kNative;
        return tail_call(vm, Helper::Sorted, { args[0], key.is_null() ? py_none() : key, py_bool(reverse) });
    }
    case DriveFn::Min:
    case DriveFn::Max: {
        bool is_max = drive_fn_of(callable) == DriveFn::Max;
        MinMaxArgs a;
        if (!min_max_args(vm, args, nargs, kwnames, is_max, a))
            return Value::null();
        if (!(nargs == 1 && iterates_python(args[0])) && !(!a.key.is_null() && calls_python(a.key)))
            return kNative;
        Value it = nargs == 1 ? args[0] : TRY(Value::from_object(tuple_from_array(vm, args, nargs)));
        return tail_call(vm, Helper::MinMax,
                         { it, a.key.is_null() ? py_none() : a.key, a.dflt.is_null() ? py_none() : a.dflt,
                           py_bool(!a.dflt.is_null()), py_bool(is_max) });
    }
    case DriveFn::Sum: {
        Value out[2];
        if (!sum_args(vm, args, nargs, kwnames, out))
            return Value::null();
        if (!iterates_python(out[0]))
            return kNative;
        return tail_call(vm, Helper::Sum, { out[0], out[1] });
    }
    case DriveFn::Any:
    case DriveFn::All:
        if (nargs != 1 || kwnames || !iterates_python(args[0]))
            return kNative;
        return tail_call(vm, drive_fn_of(callable) == DriveFn::Any ? Helper::Any : Helper::All, { args[0] });
    case DriveFn::Join: {
        // str.join(sep, it) through the method descriptor, or sep.join(it) bound.
        auto* bf = callable.as<BuiltinFunction>();
        bool bound = type_of(callable) == types.builtin_function;
        Value sep = bound ? bf->self : (nargs > 0 ? args[0] : Value::null());
        size_t first = bound ? 0 : 1;
        if (kwnames || nargs != first + 1 || sep.is_null() || !is_str(sep) || !iterates_python(args[first]))
            return kNative;
        return tail_call(vm, Helper::Join, { sep, args[first] });
    }
    default: return kNative;
    }
}

} // namespace

bool iterates_python(Value x) { return steps_of(x, 0) == Steps::Python; }

Value drive_gen_close(VM& vm, Value gen) { return tail_call(vm, Helper::GenClose, { gen }); }

Frame* lazy_iter_frame(VM& vm, Value it, Value& item)
{
    TypeObject* t = type_of(it);
    if (it.as_object()->flags & kNativeForGood) {
        item = t->iternext(vm, it);
        return nullptr;
    }
    LazyIter const& e = *lazy_iter_of(t);
    if (t == types.map) {
        auto* m = it.as<MapObject>();
        if (Function* fn = map_direct_function(m)) {
            // f's own frame, its arguments fetched here (self first for a method).
            Value buf[1 + kMapDirectArgs];
            size_t first = type_of(m->func) == types.method ? 1 : 0;
            if (first)
                buf[0] = m->func.as<BoundMethod>()->self;
            for (uint32_t i = 0; i < m->iters->size; ++i) {
                Value v = iter_next(vm, m->iters->items[i]);
                if (v.is_null() || v.is_stop_iteration()) {
                    item = v;
                    return nullptr;
                }
                buf[first + i] = v;
            }
            Frame* frame = frame_for_call(vm, fn, buf, first + m->iters->size, nullptr);
            if (!frame)
                item = Value::null();
            return frame;
        }
    }
    if (!step_runs_python(e, it)) {
        item = t->iternext(vm, it);
        return nullptr;
    }
    Frame* frame = lazy_step_frame(vm, e, it);
    if (!frame)
        item = Value::null();
    return frame;
}

void mark_drive_iterators(VM& rt)
{
    for (LazyIter const& e : kLazyIters)
        add_methods(rt, types.*e.type, { { "__next__", lazy_iter_next, METH_SWITCH } });
}

Value drive_call(VM& vm, Value callable, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value r = drive(vm, callable, args, nargs, kwnames);
    if (!r.is_stop_iteration())
        return r;
    return call(vm, callable, args, nargs, kwnames);
}

} // namespace slpy
