// The pickling protocol of the built-in types (CPython's typeobject.c object___reduce_ex__,
// reduce_newobj, object_getstate; methodobject.c meth_reduce): object.__reduce__,
// __reduce_ex__ and __getstate__, type.__flags__, __reduce__ of built-in functions, and
// the shared builders of the built-in iterators' __reduce__.
#include "objects/reduce.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"

namespace slpy {

Value (*g_reduce_import)(VM& vm, String* name) = nullptr;

Value reduce_module_attr(VM& vm, char const* module, char const* name)
{
    if (!g_reduce_import)
        return raise(vm, exc::RuntimeError, "pickling needs the interpreter's import system");
    String* mod_name = intern(vm, module);
    String* attr = mod_name ? intern(vm, name) : nullptr;
    if (!attr)
        return Value::null();
    Value mod = TRY(g_reduce_import(vm, mod_name));
    return getattr(vm, mod, attr);
}

Value reduce_value(VM& vm, Value callable, std::initializer_list<Value> args, Value state)
{
    if (callable.is_null())
        return callable;
    Tuple* t = tuple_new(vm, args.size());
    if (!t)
        return Value::null();
    size_t i = 0;
    for (Value a : args) {
        if (a.is_null())
            return a;
        t->items[i++] = a;
    }
    if (state.is_null())
        return Value::from_object(tuple_pack(vm, { callable, Value::from_object(t) }));
    return Value::from_object(tuple_pack(vm, { callable, Value::from_object(t), state }));
}

Value reduce_builtin(VM& vm, char const* name, std::initializer_list<Value> args, Value state)
{
    for (Value a : args)
        if (a.is_null())
            return a;
    Value fn = TRY(reduce_module_attr(vm, "builtins", name));
    return reduce_value(vm, fn, args, state);
}

bool setstate_index(VM& vm, Value state, int64_t lo, int64_t hi, int64_t& out)
{
    // PyLong_AsSsize_t: ints only, no __index__.
    if (!is_int(state)) {
        (void)raise(vm, exc::TypeError, "an integer is required");
        return false;
    }
    int64_t v;
    if (!int_to_i64(state, v)) {
        (void)raise(vm, exc::OverflowError, "Python int too large to convert to C ssize_t");
        return false;
    }
    out = v < lo ? lo : v > hi ? hi : v;
    return true;
}

namespace {

// CPython's tp_name: "itertools.pairwise" for a native type defined in a module.
char const* tp_name(TypeObject const* t) { return (t->full_name ? t->full_name : t->name)->c_str(); }

// True when instances of `t` carry native fields beyond object's that no __slots__,
// __dict__ or __weakref__ account for (CPython: tp_basicsize larger than what
// object_getstate_default expects), so the default state cannot describe them.
bool has_native_fields(TypeObject const* t)
{
    while (t && t->is_heap_type())
        t = t->base;
    if (!t || t == types.object)
        return false;
    for (; t && t != types.object; t = t->base)
        if (t->has_flag(TF_LAYOUT_SOLID))
            return true;
    return false;
}

// _PyObject_GetNewArguments: __getnewargs_ex__ or __getnewargs__ (looked up on the type).
// args/kwargs stay null when the type has neither. False with the error pending.
bool get_new_arguments(VM& vm, Value obj, Value& args, Value& kwargs)
{
    TypeObject* t = type_of(obj);
    String* ex_name = intern(vm, "__getnewargs_ex__");
    if (!ex_name)
        return false;
    if (!type_lookup(t, ex_name).is_not_found()) {
        Value r = call_method(vm, obj, ex_name, nullptr, 0);
        if (r.is_null())
            return false;
        Tuple* rt = as_tuple(r);
        if (!rt) {
            (void)raise_fmt(vm, exc::TypeError, "__getnewargs_ex__ should return a tuple, not '%s'", type_name(r));
            return false;
        }
        if (rt->size != 2) {
            (void)raise_fmt(vm, exc::TypeError, "__getnewargs_ex__ should return a tuple of length 2, not %zu", rt->size);
            return false;
        }
        if (!as_tuple(rt->items[0])) {
            (void)raise_fmt(vm, exc::TypeError,
                            "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '%s'",
                            type_name(rt->items[0]));
            return false;
        }
        if (!as_dict(rt->items[1])) {
            (void)raise_fmt(vm, exc::TypeError,
                            "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '%s'",
                            type_name(rt->items[1]));
            return false;
        }
        args = rt->items[0];
        kwargs = rt->items[1];
        return true;
    }
    String* name = intern(vm, "__getnewargs__");
    if (!name)
        return false;
    if (!type_lookup(t, name).is_not_found()) {
        Value r = call_method(vm, obj, name, nullptr, 0);
        if (r.is_null())
            return false;
        if (!as_tuple(r)) {
            (void)raise_fmt(vm, exc::TypeError, "__getnewargs__ should return a tuple, not '%s'", type_name(r));
            return false;
        }
        args = r;
    }
    return true;
}

// object_getstate_default: the instance __dict__ (None when empty or absent), then
// (dict, slots) when __slots__ members are set. `required`: the object cannot be rebuilt
// from its class alone, so native fields the state cannot hold are an error.
Value getstate_default(VM& vm, Value obj, bool required)
{
    TypeObject* t = type_of(obj);
    if (required && has_native_fields(t))
        return raise_fmt(vm, exc::TypeError, "cannot pickle '%s' object", tp_name(t));
    Value state = py_none();
    if (obj.is_object()) {
        Dict* d = instance_dict(vm, obj.as_object(), false);
        if (d && d->used)
            state = Value::from_object(d);
    }
    Value slotnames_fn = TRY(reduce_module_attr(vm, "copyreg", "_slotnames"));
    Value slotnames = TRY(call1(vm, slotnames_fn, Value::from_object(t)));
    if (is_none(slotnames))
        return state;
    List* names_list = as_list(slotnames);
    if (!names_list)
        return raise_fmt(vm, exc::TypeError, "copyreg._slotnames didn't return a list or None");
    if (names_list->size == 0)
        return state;
    Dict* slots = dict_new(vm);
    if (!slots)
        return Value::null();
    size_t expected = names_list->size;
    for (size_t i = 0; i < names_list->size; ++i) {
        Value name = names_list->items()[i];
        String* s = as_str(name);
        if (!s)
            return raise_fmt(vm, exc::TypeError, "__slotnames__ should be a list of str, not '%s'", type_name(name));
        Value v = getattr_opt(vm, obj, s);
        if (v.is_null())
            return v;
        if (!v.is_not_found() && !dict_set(vm, slots, name, v))
            return Value::null();
        if (names_list->size != expected)
            return raise(vm, exc::RuntimeError, "__slotnames__ changed size during iteration");
    }
    if (slots->used)
        return Value::from_object(tuple_pack(vm, { state, Value::from_object(slots) }));
    return state;
}

Value object_getstate_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "object", "__getstate__", nargs - 1, kwnames))
        return Value::null();
    return getstate_default(vm, args[0], false);
}

// object_getstate: the default when __getstate__ is object's own, else the override.
Value object_getstate(VM& vm, Value obj, bool required)
{
    Value own = type_lookup(type_of(obj), names.__getstate__);
    Value base = type_lookup(types.object, names.__getstate__);
    if (own.is(base))
        return getstate_default(vm, obj, required);
    return call_method(vm, obj, names.__getstate__, nullptr, 0);
}

// reduce_newobj (protocol 2 and above): (copyreg.__newobj__, (cls, *args), state,
// listitems, dictitems), or copyreg.__newobj_ex__ with keyword arguments.
Value reduce_newobj(VM& vm, Value obj)
{
    TypeObject* t = type_of(obj);
    if (t->slot(Slot::NEW).is_null())
        return raise_fmt(vm, exc::TypeError, "cannot pickle '%s' object", tp_name(t));
    Value args, kwargs;
    if (!get_new_arguments(vm, obj, args, kwargs))
        return Value::null();
    Value cls = Value::from_object(t);
    Value newobj, newargs;
    if (kwargs.is_null() || kwargs.as<Dict>()->used == 0) {
        newobj = TRY(reduce_module_attr(vm, "copyreg", "__newobj__"));
        Tuple* a = args.is_null() ? nullptr : args.as<Tuple>();
        size_t n = a ? a->size : 0;
        Tuple* na = tuple_new(vm, n + 1);
        if (!na)
            return Value::null();
        na->items[0] = cls;
        for (size_t i = 0; i < n; ++i)
            na->items[i + 1] = a->items[i];
        newargs = Value::from_object(na);
    } else {
        newobj = TRY(reduce_module_attr(vm, "copyreg", "__newobj_ex__"));
        newargs = Value::from_object(tuple_pack(vm, { cls, args, kwargs }));
        if (newargs.is_null())
            return newargs;
    }
    bool is_list = is_subtype(t, types.list);
    bool is_dict = is_subtype(t, types.dict);
    Value state = TRY(object_getstate(vm, obj, !(!args.is_null() || is_list || is_dict)));
    Value listitems = py_none();
    Value dictitems = py_none();
    if (is_list)
        listitems = TRY(get_iter(vm, obj));
    if (is_dict) {
        Value items = TRY(call_method(vm, obj, names.items, nullptr, 0));
        dictitems = TRY(get_iter(vm, items));
    }
    return Value::from_object(tuple_pack(vm, { newobj, newargs, state, listitems, dictitems }));
}

// _common_reduce: copyreg._reduce_ex below protocol 2, reduce_newobj from 2.
Value common_reduce(VM& vm, Value obj, int64_t proto)
{
    if (proto >= 2)
        return reduce_newobj(vm, obj);
    Value fn = TRY(reduce_module_attr(vm, "copyreg", "_reduce_ex"));
    return call2(vm, fn, obj, Value::small_int(proto));
}

Value object_reduce_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "object", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return common_reduce(vm, args[0], 0);
}

// object.__reduce_ex__(protocol): a __reduce__ other than object's wins (a class that
// defines only __reduce__ is pickled by it), else the generic protocol.
Value object_reduce_ex_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "object", "__reduce_ex__", nargs - 1, kwnames))
        return Value::null();
    int64_t proto;
    if (!is_int(args[1]))
        return raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(args[1]));
    if (!index_i64(vm, args[1], proto))
        return Value::null();
    Value reduce = type_lookup(type_of(args[0]), names.__reduce__);
    if (!reduce.is_not_found() && !reduce.is(type_lookup(types.object, names.__reduce__))) {
        Value bound = TRY(getattr(vm, args[0], names.__reduce__));
        return call0(vm, bound);
    }
    return common_reduce(vm, args[0], proto);
}

// type.__flags__: CPython's Py_TPFLAGS_* bits that Python code tests (copyreg's
// _HEAPTYPE, inspect's IS_ABSTRACT, the *_SUBCLASS fast checks).
Value type_get_flags(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    uint64_t f = 1ull << 12; // READY
    struct Bit {
        uint32_t ours;
        uint64_t cpython;
    };
    static constexpr Bit bits[] = {
        { TF_HEAPTYPE, 1ull << 9 },         { TF_BASETYPE, 1ull << 10 },      { TF_ABSTRACT, 1ull << 20 },
        { TF_INT_SUBCLASS, 1ull << 24 },   { TF_LIST_SUBCLASS, 1ull << 25 }, { TF_TUPLE_SUBCLASS, 1ull << 26 },
        { TF_BYTES_SUBCLASS, 1ull << 27 }, { TF_STR_SUBCLASS, 1ull << 28 },  { TF_DICT_SUBCLASS, 1ull << 29 },
        { TF_EXC_SUBCLASS, 1ull << 30 },   { TF_TYPE_SUBCLASS, 1ull << 31 },
    };
    for (Bit const& b : bits)
        if (t->has_flag(b.ours))
            f |= b.cpython;
    if (!t->slot(Slot::GETITEM).is_null() && is_subtype(t, types.list))
        f |= 1ull << 5; // SEQUENCE
    if (is_subtype(t, types.dict))
        f |= 1ull << 6; // MAPPING
    return int_from_i64(vm, int64_t(f));
}

// builtin_function.__reduce__ (meth_reduce): a module function or unbound one pickles
// as its name (pickle saves it as a global); a bound method as getattr(self, name).
Value builtin_function_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "builtin_function_or_method", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* f = args[0].as<BuiltinFunction>();
    if (f->self.is_null() && f->owner && (f->mflags & METH_STATIC)) // bytearray.maketrans
        return reduce_builtin(vm, "getattr", { Value::from_object(f->owner), Value::from_object(f->name) });
    if (f->self.is_null() || is_subtype(type_of(f->self), types.module))
        return Value::from_object(f->name);
    return reduce_builtin(vm, "getattr", { f->self, Value::from_object(f->name) });
}

// builtin_function.__module__: the defining module's name for a module function (pickle
// looks functions up by it, e.g. _codecs.encode), None for a method bound to an object.
Value builtin_function_module(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* f = args[0].as<BuiltinFunction>();
    if (f->self.is_null() || !is_subtype(type_of(f->self), types.module))
        return py_none();
    Value name = TRY(getattr_opt(vm, f->self, names.__name__));
    return name.is_not_found() ? py_none() : name;
}

// method_descriptor.__reduce__ (descr_reduce): getattr(owner, name).
Value method_descriptor_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "method_descriptor", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* f = args[0].as<BuiltinFunction>();
    // CPython keeps these in the type's dict as a staticmethod / classmethod_descriptor,
    // neither of which pickles.
    if (f->mflags & (METH_STATIC | METH_CLASS))
        return raise_fmt(vm, exc::TypeError, "cannot pickle '%s' object", (f->mflags & METH_STATIC) ? "staticmethod" : "classmethod_descriptor");
    if (!f->owner)
        return Value::from_object(f->name);
    return reduce_builtin(vm, "getattr", { Value::from_object(f->owner), Value::from_object(f->name) });
}

// method.__reduce__ (method_reduce): getattr(self, func.__name__), so that bound methods
// (a classmethod's reconstructor in a __reduce_ex__, say) pickle.
Value bound_method_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "method", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* m = args[0].as<BoundMethod>();
    Value name = TRY(getattr(vm, m->func, names.__name__));
    return reduce_builtin(vm, "getattr", { m->self, name });
}

} // namespace

void setup_object_reduce(VM& vm)
{
    add_methods(vm, types.object,
                {
                    { "__reduce__", object_reduce_method, 0, "Helper for pickle." },
                    { "__reduce_ex__", object_reduce_ex_method, 0, "Helper for pickle." },
                    { "__getstate__", object_getstate_method, 0, "Helper for pickle." },
                });
    add_getsets(vm, types.type, { { "__flags__", type_get_flags } });
    add_methods(vm, types.builtin_function, { { "__reduce__", builtin_function_reduce } });
    add_getsets(vm, types.builtin_function, { { "__module__", builtin_function_module } });
    add_methods(vm, types.method_descriptor, { { "__reduce__", method_descriptor_reduce } });
    add_methods(vm, types.method, { { "__reduce__", bound_method_reduce } });
}

} // namespace slpy
