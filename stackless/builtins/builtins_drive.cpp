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
// The helpers are compiled from source on first use into a namespace of the VM
// (Interpreter::drive_helpers); their code carries CO_SLPY_HIDDEN, so their frames add no
// traceback entries: a traceback looks as CPython's, where the built-in is C code. The
// built-in's argument errors are raised natively before the hand-off (the same parsing
// as the native paths, builtins_iter.cpp), so messages do not depend on the path.
#include "stackless/builtins/builtins.h"

#include "objects/function.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/call.h"
#include "stackless/vm/code.h"
#include "stackless/vm/function.h"
#include "stackless/vm/hooks.h"
#include "stackless/vm/interpreter.h"

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

enum class Helper : uint8_t { List, Tuple, Set, Frozenset, Dict, Sorted, MinMax, Sum, Any, All, Join, Count };
constexpr char const* kHelperNames[] = { "list_from", "tuple_from", "set_from", "frozenset_from", "dict_from", "sorted_by",
                                         "min_max",   "sum_from",   "any_of",  "all_of",          "join_from" };
static_assert(sizeof(kHelperNames) / sizeof(kHelperNames[0]) == size_t(Helper::Count));

// length_hint(x) for the helpers: list_extend's hint, whose only effect visible from
// Python is running __len__/__length_hint__ and raising their errors.
Value helper_length_hint(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 1)
        return raise(vm, exc::TypeError, "length_hint() takes one argument");
    return length_hint(vm, args[0], 8) < 0 ? Value::null() : py_none();
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
        BuiltinFunction* hint = builtin_function_new(vm, "length_hint", helper_length_hint);
        if (!hint || !dict_set_str(vm, ns, intern(vm, "length_hint"), Value::from_object(hint)))
            return nullptr;
        Value code = compile_to_code(vm, kHelpers, "<builtins>", parser::Mode::Exec, 0);
        if (code.is_null())
            return nullptr;
        hide_code(code.as<Code>());
        if (in.exec_code(code.as<Code>(), ns, Value::null()).is_null())
            return nullptr;
        in.drive_helpers = ns;
    }
    Value f = dict_get_str(vm, in.drive_helpers, intern(vm, kHelperNames[size_t(h)]));
    if (f.is_null())
        return nullptr;
    if (!is_function(f)) {
        raise_fmt(vm, exc::SystemError, "the builtins helper %s is missing", kHelperNames[size_t(h)]);
        return nullptr;
    }
    return f.as<Function>();
}

Value tail_call(VM& vm, Helper h, std::initializer_list<Value> args)
{
    Function* fn = helper(vm, h);
    if (!fn)
        return Value::null();
    return interp(vm).tail_call(fn, args.begin(), args.size());
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
        // dict(x) treats x as a mapping when it has keys(): only a generator surely has not.
        if (cls == types.dict && type_of(args[0]) == types.generator)
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

Value drive_call(VM& vm, Value callable, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value r = drive(vm, callable, args, nargs, kwnames);
    if (!r.is_stop_iteration())
        return r;
    return call(vm, callable, args, nargs, kwnames);
}

} // namespace slpy
