// The atexit module: functions run when the program ends (VM::run_exit_hooks, called
// after the main module finished, returned an uncaught exception or sys.exit()), last
// registered first, as CPython 3.11's. An exception in one is reported as CPython's
// "Exception ignored in atexit callback" and the others still run.
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/builtins/builtins.h"
#include "stackless/modules/native_support.h"

namespace slpy {

namespace {

char const kAtexitStateKey = 0;

struct AtexitState : VM::ModuleState {
    explicit AtexitState(VM&) {}
    // (func, args tuple, kwargs dict or None) triples, in registration order.
    List* callbacks = nullptr;

    void trace(Tracer& t) override { t.visit(callbacks); }
    void at_exit(VM& vm) override { (void)run(vm); }

    // Runs the callbacks registered so far, last first, then forgets every callback (those
    // registered while they ran too), as CPython's atexit_callfuncs and atexit_cleanup.
    bool run(VM& vm)
    {
        List* todo = callbacks;
        if (!todo)
            return true;
        callbacks = list_new(vm);
        if (!callbacks) {
            callbacks = todo;
            return false;
        }
        for (size_t i = todo->size; i-- > 0;) {
            Tuple* t = as_tuple(todo->items()[i]);
            Value func = t->items[0];
            Tuple* args = as_tuple(t->items[1]);
            Value kwargs = t->items[2];
            Value r = is_none(kwargs) ? call(vm, func, args->items, args->size)
                                      : call_with_kwargs(vm, func, args, as_dict(kwargs));
            if (r.is_null())
                write_unraisable(vm, "Exception ignored in atexit callback", func);
        }
        callbacks->size = 0;
        return true;
    }

    // func(*args, **kwargs) with a kwargs dict.
    static Value call_with_kwargs(VM& vm, Value func, Tuple* args, Dict* kwargs)
    {
        size_t nkw = 0;
        {
            size_t pos = 0;
            Value k, v;
            while (dict_next(kwargs, pos, k, v))
                ++nkw;
        }
        Tuple* all = tuple_new(vm, args->size + nkw);
        Tuple* names = tuple_new(vm, nkw);
        if (!all || !names)
            return Value::null();
        for (size_t i = 0; i < args->size; ++i)
            all->items[i] = args->items[i];
        size_t pos = 0, i = 0;
        Value k, v;
        while (dict_next(kwargs, pos, k, v) && i < nkw) {
            names->items[i] = k;
            all->items[args->size + i] = v;
            ++i;
        }
        return call(vm, func, all->items, args->size, names);
    }
};

AtexitState& state(VM& vm)
{
    AtexitState& st = module_state<AtexitState>(vm, &kAtexitStateKey);
    return st;
}

// The list of callbacks, created on first use; null with MemoryError pending.
List* callbacks(VM& vm)
{
    AtexitState& st = state(vm);
    if (!st.callbacks)
        st.callbacks = list_new(vm);
    return st.callbacks;
}

#define SLPY_ATEXIT_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_ATEXIT_FN(atexit_register)
{
    if (nargs < 1)
        return raise(vm, exc::TypeError, "register() takes at least 1 argument (0 given)");
    if (!is_callable(args[0]))
        return raise(vm, exc::TypeError, "the first argument must be callable");
    size_t nkw = kwnames ? kwnames->size : 0;
    Tuple* pos = tuple_new(vm, nargs - 1);
    if (!pos)
        return Value::null();
    for (size_t i = 1; i < nargs; ++i)
        pos->items[i - 1] = args[i];
    Value kw = py_none();
    if (nkw) {
        Dict* d = dict_new(vm);
        if (!d)
            return Value::null();
        for (size_t i = 0; i < nkw; ++i)
            if (!dict_set(vm, d, kwnames->items[i], args[nargs + i]))
                return Value::null();
        kw = Value::from_object(d);
    }
    Tuple* entry = tuple_pack(vm, { args[0], Value::from_object(pos), kw });
    List* l = callbacks(vm);
    if (!entry || !l || !list_append(vm, l, Value::from_object(entry)))
        return Value::null();
    return args[0];
}

SLPY_ATEXIT_FN(atexit_unregister)
{
    if (!check_no_kwargs(vm, "unregister", kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "atexit.unregister() takes exactly one argument (%zu given)", nargs);
    List* l = callbacks(vm);
    if (!l)
        return Value::null();
    // Compared with ==, as CPython; an __eq__ may edit the list, so index it afresh.
    for (size_t i = 0; i < l->size;) {
        Value func = as_tuple(l->items()[i])->items[0];
        int eq = equal(vm, func, args[0]);
        if (eq < 0)
            return Value::null();
        if (eq && i < l->size) {
            for (size_t j = i + 1; j < l->size; ++j)
                l->items()[j - 1] = l->items()[j];
            l->items()[--l->size] = Value::null();
            continue;
        }
        ++i;
    }
    return py_none();
}

SLPY_ATEXIT_FN(atexit_run_exitfuncs)
{
    if (!check_nargs(vm, "_run_exitfuncs", nargs, 0, 0))
        return Value::null();
    (void)state(vm).run(vm);
    return py_none();
}

SLPY_ATEXIT_FN(atexit_clear)
{
    if (!check_nargs(vm, "_clear", nargs, 0, 0))
        return Value::null();
    if (List* l = state(vm).callbacks) {
        for (size_t i = 0; i < l->size; ++i)
            l->items()[i] = Value::null();
        l->size = 0;
    }
    return py_none();
}

SLPY_ATEXIT_FN(atexit_ncallbacks)
{
    if (!check_nargs(vm, "_ncallbacks", nargs, 0, 0))
        return Value::null();
    List* l = state(vm).callbacks;
    return int_from_i64(vm, l ? int64_t(l->size) : 0);
}

#undef SLPY_ATEXIT_FN

} // namespace

Module* make_atexit_module(VM& vm)
{
    Module* m = module_new(vm, "atexit");
    module_add_functions(vm, m, {
        { "register", atexit_register }, { "unregister", atexit_unregister }, { "_run_exitfuncs", atexit_run_exitfuncs },
        { "_clear", atexit_clear }, { "_ncallbacks", atexit_ncallbacks },
    });
    (void)callbacks(vm);
    return m;
}

} // namespace slpy
