// builtins: the functions about objects in general: attributes (getattr, setattr,
// delattr, hasattr), identity and hashing (id, hash), repr/ascii/format, len, callable,
// isinstance/issubclass, and the namespace inspectors dir, vars, globals and locals.
#include "stackless/builtins/builtins.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

namespace {

// The attribute name argument of getattr/setattr/delattr/hasattr: a str (interned, as
// CPython interns it), or TypeError "attribute name must be string, not 'int'".
String* attribute_name(VM& vm, Value v)
{
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(v));
        return nullptr;
    }
    return intern(vm, s);
}

// The keys of a mapping as a sorted list (dir() without arguments).
Value sorted_keys(VM& vm, Value mapping)
{
    List* keys;
    if (Dict* d = as_dict(mapping)) {
        keys = list_new(vm, d->used);
        if (!keys)
            return Value::null();
        size_t pos = 0;
        Value k, v;
        while (dict_next(d, pos, k, v))
            if (!list_append(vm, keys, k))
                return Value::null();
    } else {
        Value k = TRY(call_method(vm, mapping, names.keys, nullptr, 0));
        keys = list_from_iterable(vm, k);
        if (!keys)
            return Value::null();
    }
    if (!list_sort(vm, keys, Value::null(), false))
        return Value::null();
    return Value::from_object(keys);
}

} // namespace

Value builtin_callable(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "callable", kwnames) || !check_nargs(vm, "callable", nargs, 1, 1))
        return Value::null();
    return py_bool(is_callable(args[0]));
}

// getattr(object, name[, default])
Value builtin_getattr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "getattr", kwnames) || !check_nargs(vm, "getattr", nargs, 2, 3))
        return Value::null();
    String* name = attribute_name(vm, args[1]);
    if (!name)
        return Value::null();
    if (nargs == 2)
        return getattr(vm, args[0], name);
    Value r = TRY(getattr_opt(vm, args[0], name));
    return r.is_not_found() ? args[2] : r;
}

Value builtin_setattr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "setattr", kwnames) || !check_nargs(vm, "setattr", nargs, 3, 3))
        return Value::null();
    String* name = attribute_name(vm, args[1]);
    if (!name || !setattr(vm, args[0], name, args[2]))
        return Value::null();
    return py_none();
}

Value builtin_delattr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "delattr", kwnames) || !check_nargs(vm, "delattr", nargs, 2, 2))
        return Value::null();
    String* name = attribute_name(vm, args[1]);
    if (!name || !delattr(vm, args[0], name))
        return Value::null();
    return py_none();
}

Value builtin_hasattr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "hasattr", kwnames) || !check_nargs(vm, "hasattr", nargs, 2, 2))
        return Value::null();
    String* name = attribute_name(vm, args[1]);
    if (!name)
        return Value::null();
    Value r = TRY(getattr_opt(vm, args[0], name));
    return py_bool(!r.is_not_found());
}

Value builtin_hash(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "hash", kwnames) || !check_nargs(vm, "hash", nargs, 1, 1))
        return Value::null();
    int64_t h;
    if (!hash(vm, args[0], h))
        return Value::null();
    return int_from_i64(vm, h);
}

// id(): the address of a heap object. Inline ints and floats have no address; their
// value word is just as stable and unique (equal words are the same value), and it
// never collides with an address (value.h: pointers have a zero top half-word).
Value builtin_id(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "id", kwnames) || !check_nargs(vm, "id", nargs, 1, 1))
        return Value::null();
    return int_from_u64(vm, args[0].bits());
}

Value builtin_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "len", kwnames) || !check_nargs(vm, "len", nargs, 1, 1))
        return Value::null();
    int64_t n;
    if (!length(vm, args[0], n))
        return Value::null();
    return int_from_i64(vm, n);
}

Value builtin_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "repr", kwnames) || !check_nargs(vm, "repr", nargs, 1, 1))
        return Value::null();
    return repr(vm, args[0]);
}

Value builtin_ascii(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "ascii", kwnames) || !check_nargs(vm, "ascii", nargs, 1, 1))
        return Value::null();
    return ascii(vm, args[0]);
}

// format(value, format_spec='', /)
Value builtin_format(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "format", kwnames) || !check_nargs(vm, "format", nargs, 1, 2))
        return Value::null();
    Value spec = Value::from_object(empty_str());
    if (nargs == 2) {
        if (!is_str(args[1]))
            return raise_fmt(vm, exc::TypeError, "format() argument 2 must be str, not %s", type_name(args[1]));
        spec = args[1];
    }
    return format(vm, args[0], spec);
}

Value builtin_isinstance(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "isinstance", kwnames) || !check_nargs(vm, "isinstance", nargs, 2, 2))
        return Value::null();
    int r = isinstance(vm, args[0], args[1]);
    if (r < 0)
        return Value::null();
    return py_bool(r);
}

Value builtin_issubclass(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "issubclass", kwnames) || !check_nargs(vm, "issubclass", nargs, 2, 2))
        return Value::null();
    int r = issubclass(vm, args[0], args[1]);
    if (r < 0)
        return Value::null();
    return py_bool(r);
}

// dir([object]): the sorted names of the current local scope, or of type(object).__dir__(object).
Value builtin_dir(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "dir", kwnames) || !check_nargs(vm, "dir", nargs, 0, 1))
        return Value::null();
    if (nargs == 0) {
        Value locals = TRY(interp(vm).current_locals());
        return sorted_keys(vm, locals);
    }
    // A special-method lookup: on the type, so dir(SomeClass) uses type.__dir__.
    Value result = TRY(call_special0(vm, args[0], names.__dir__));
    if (result.is_not_found())
        return raise(vm, exc::TypeError, "object does not provide __dir__");
    List* l = list_from_iterable(vm, result);
    if (!l || !list_sort(vm, l, Value::null(), false))
        return Value::null();
    return Value::from_object(l);
}

// vars([object]): locals(), or object.__dict__.
Value builtin_vars(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "vars", kwnames) || !check_nargs(vm, "vars", nargs, 0, 1))
        return Value::null();
    if (nargs == 0)
        return interp(vm).current_locals();
    Value d = getattr(vm, args[0], names.__dict__);
    if (d.is_null() && vm.error_matches(exc::AttributeError)) {
        vm.clear_error();
        return raise(vm, exc::TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

Value builtin_globals(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "globals", kwnames) || !check_nargs(vm, "globals", nargs, 0, 0))
        return Value::null();
    Dict* g = interp(vm).current_globals();
    if (!g)
        return raise(vm, exc::SystemError, "globals(): no current frame");
    return Value::from_object(g);
}

Value builtin_locals(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "locals", kwnames) || !check_nargs(vm, "locals", nargs, 0, 0))
        return Value::null();
    return interp(vm).current_locals();
}

} // namespace slpy
