// types.GenericAlias (`list[int]`, PEP 585) and types.UnionType (`int | None`, PEP 604):
// the objects type hints evaluate to. Annotations are evaluated when a function or class
// is defined, so these must exist for ordinary annotated code to run at all.
//
// As CPython 3.11's Objects/genericaliasobject.c and unionobject.c, without TypeVar
// parameters (typing is not there): __parameters__ is always empty.
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

namespace slpy {

namespace {

struct GenericAlias : Object {
    Value origin;
    Tuple* args;
};

struct UnionType : Object {
    Tuple* args;
};

TypeObject* g_generic_alias = nullptr;
TypeObject* g_union_type = nullptr;

void generic_alias_trace(Object* self, Tracer& t)
{
    auto* g = static_cast<GenericAlias*>(self);
    t.visit(g->origin);
    t.visit(g->args);
}

void union_trace(Object* self, Tracer& t) { t.visit(static_cast<UnionType*>(self)->args); }

// Instances of subclasses too (_collections_abc._CallableGenericAlias).
bool is_generic_alias(Value v) { return is_instance_fast(v, g_generic_alias); }
bool is_union(Value v) { return type_of(v) == g_union_type; }

Value generic_alias_new(VM& vm, Value origin, Value args)
{
    auto* g = vm.heap.make<GenericAlias>(g_generic_alias);
    if (!g)
        return Value::null();
    g->origin = origin;
    g->args = type_of(args) == types.tuple ? args.as<Tuple>() : tuple_pack(vm, { args });
    if (!g->args)
        return Value::null();
    return Value::from_object(g);
}

// One item of a GenericAlias or UnionType repr (CPython's ga_repr_item): `...`, a nested
// alias by its repr, a class as module.qualname (qualname alone for builtins), else repr.
bool append_repr_item(VM& vm, std::string& out, Value p)
{
    if (p.is(Value::from_object(singletons.ellipsis))) {
        out += "...";
        return true;
    }
    if (is_generic_alias(p) || is_union(p) || !is_instance_fast(p, types.type)) {
        Value r = repr(vm, p);
        if (r.is_null())
            return false;
        out += as_str(r)->view();
        return true;
    }
    Value qualname = getattr_opt(vm, p, names.__qualname__);
    Value module = qualname.is_null() ? qualname : getattr_opt(vm, p, names.__module__);
    if (module.is_null())
        return false;
    if (qualname.is_not_found() || module.is_not_found() || !as_str(qualname) || !as_str(module)) {
        Value r = repr(vm, p);
        if (r.is_null())
            return false;
        out += as_str(r)->view();
        return true;
    }
    if (as_str(module)->view() != "builtins") {
        out += as_str(module)->view();
        out += '.';
    }
    out += as_str(qualname)->view();
    return true;
}

GenericAlias* self_alias(Value const* args) { return args[0].as<GenericAlias>(); }

// GenericAlias(origin, args): also the base of Python subclasses, so the instance is
// allocated for `cls` (with the subclass's own layout after the alias's fields).
Value ga_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "GenericAlias() takes no keyword arguments");
    if (nargs != 3)
        return raise_fmt(vm, exc::TypeError, "GenericAlias expected 2 arguments, got %zu", nargs - 1);
    Object* o = alloc_instance(vm, cls);
    if (!o)
        return Value::null();
    auto* g = static_cast<GenericAlias*>(o);
    g->origin = args[1];
    g->args = type_of(args[2]) == types.tuple ? args[2].as<Tuple>() : tuple_pack(vm, { args[2] });
    if (!g->args)
        return Value::null();
    return Value::from_object(o);
}

Value ga_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    GenericAlias* g = self_alias(args);
    std::string out;
    if (!append_repr_item(vm, out, g->origin))
        return Value::null();
    out += '[';
    if (g->args->size == 0)
        out += "()";
    for (size_t i = 0; i < g->args->size; ++i) {
        if (i)
            out += ", ";
        if (!append_repr_item(vm, out, g->args->items[i]))
            return Value::null();
    }
    out += ']';
    return str_value(vm, out);
}

Value ga_eq(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_generic_alias(args[1]))
        return py_not_implemented();
    GenericAlias* a = self_alias(args);
    auto* b = args[1].as<GenericAlias>();
    int r = equal(vm, a->origin, b->origin);
    if (r > 0)
        r = equal(vm, Value::from_object(a->args), Value::from_object(b->args));
    return r < 0 ? Value::null() : py_bool(r);
}

Value ga_ne(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value r = TRY(ga_eq(vm, args, nargs, kw));
    return r.is(py_not_implemented()) ? r : py_bool(!r.is(py_true()));
}

Value ga_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    GenericAlias* g = self_alias(args);
    int64_t h0, h1;
    if (!hash(vm, g->origin, h0) || !hash(vm, Value::from_object(g->args), h1))
        return Value::null();
    return int_from_i64(vm, h0 ^ h1);
}

// Calling list[int](...) makes a list; the alias is remembered on the result when it can
// take attributes (__orig_class__), as CPython does.
Value ga_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    GenericAlias* g = self_alias(args);
    Value r = TRY(call(vm, g->origin, args + 1, nargs - 1, kwnames));
    String* orig_class = intern(vm, "__orig_class__");
    if (!orig_class)
        return Value::null();
    if (!setattr(vm, r, orig_class, args[0])) {
        if (!vm.error_matches(exc::AttributeError) && !vm.error_matches(exc::TypeError))
            return Value::null();
        vm.clear_error();
    }
    return r;
}

// Everything but the alias's own attributes comes from the origin (list[int].append).
Value ga_getattribute(VM& vm, Value const* args, size_t, Tuple*)
{
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    static constexpr std::string_view kOwn[] = { "__class__",  "__origin__", "__args__",      "__unpacked__", "__parameters__",
                                                 "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__",
                                                 "__reduce__", "__copy__",   "__deepcopy__" };
    for (std::string_view own : kOwn)
        if (name->view() == own) {
            Value v = generic_getattr(vm, args[0], name);
            return v.is_not_found() ? raise_attribute_error(vm, args[0], name) : v;
        }
    return getattr(vm, self_alias(args)->origin, name);
}

Value ga_getitem(VM& vm, Value const* args, size_t, Tuple*)
{
    Value r = TRY(ga_repr(vm, args, 1, nullptr));
    return raise_fmt(vm, exc::TypeError, "%s is not a generic class", as_str(r)->c_str());
}

Value ga_mro_entries(VM& vm, Value const* args, size_t, Tuple*) { return Value::from_object(tuple_pack(vm, { self_alias(args)->origin })); }

Value ga_instancecheck(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}

Value ga_subclasscheck(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}

Value ga_origin(VM&, Value const* args, size_t, Tuple*) { return self_alias(args)->origin; }
Value ga_args(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_alias(args)->args); }
Value empty_parameters(VM&, Value const*, size_t, Tuple*) { return Value::from_object(empty_tuple()); }

// ------------------------------------------------------------------ X | Y

// What may stand in a union: None, classes, aliases and unions.
bool unionable(Value v) { return is_none(v) || is_instance_fast(v, types.type) || is_generic_alias(v) || is_union(v); }

bool add_union_member(VM& vm, List* members, Value v)
{
    if (is_union(v)) {
        Tuple* inner = v.as<UnionType>()->args;
        for (size_t i = 0; i < inner->size; ++i)
            if (!add_union_member(vm, members, inner->items[i]))
                return false;
        return true;
    }
    if (is_none(v))
        v = Value::from_object(types.none);
    for (size_t i = 0; i < members->size; ++i) {
        // Classes are compared by identity, aliases by equality (as CPython's dedup).
        Value m = members->items()[i];
        int same = m.is(v) ? 1 : (is_generic_alias(m) && is_generic_alias(v)) ? equal(vm, m, v) : 0;
        if (same < 0)
            return false;
        if (same)
            return true;
    }
    return list_append(vm, members, v);
}

Value union_or(VM& vm, Value a, Value b)
{
    if (!unionable(a) || !unionable(b))
        return py_not_implemented();
    List* members = list_new(vm);
    if (!members || !add_union_member(vm, members, a) || !add_union_member(vm, members, b))
        return Value::null();
    if (members->size == 1)
        return members->items()[0].is(Value::from_object(types.none)) ? py_none() : members->items()[0];
    auto* u = vm.heap.make<UnionType>(g_union_type);
    if (!u)
        return Value::null();
    u->args = tuple_from_array(vm, members->items(), members->size);
    if (!u->args)
        return Value::null();
    return Value::from_object(u);
}

Value or_method(VM& vm, Value const* args, size_t, Tuple*) { return union_or(vm, args[0], args[1]); }
Value ror_method(VM& vm, Value const* args, size_t, Tuple*) { return union_or(vm, args[1], args[0]); }

UnionType* self_union(Value const* args) { return args[0].as<UnionType>(); }

Value union_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Tuple* members = self_union(args)->args;
    std::string out;
    for (size_t i = 0; i < members->size; ++i) {
        if (i)
            out += " | ";
        Value m = members->items[i];
        if (m.is(Value::from_object(types.none)))
            out += "None";
        else if (!append_repr_item(vm, out, m))
            return Value::null();
    }
    return str_value(vm, out);
}

Value union_args(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_union(args)->args); }

// The members as a frozenset: unions compare and hash without regard to order.
Value union_member_set(VM& vm, UnionType* u)
{
    Value t = Value::from_object(u->args);
    return call(vm, Value::from_object(types.frozenset), &t, 1);
}

Value union_eq(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!is_union(args[1]))
        return py_not_implemented();
    Value a = TRY(union_member_set(vm, self_union(args)));
    Value b = TRY(union_member_set(vm, args[1].as<UnionType>()));
    int r = equal(vm, a, b);
    return r < 0 ? Value::null() : py_bool(r);
}

Value union_ne(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value r = TRY(union_eq(vm, args, nargs, kw));
    return r.is(py_not_implemented()) ? r : py_bool(!r.is(py_true()));
}

Value union_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    Value s = TRY(union_member_set(vm, self_union(args)));
    int64_t h;
    if (!hash(vm, s, h))
        return Value::null();
    return int_from_i64(vm, h);
}

// isinstance(x, int | str): each member in turn; a parameterized alias among them is an
// error when it is reached.
Value union_check(VM& vm, Value const* args, bool subclass)
{
    Tuple* members = self_union(args)->args;
    for (size_t i = 0; i < members->size; ++i) {
        Value m = members->items[i];
        if (is_generic_alias(m))
            return raise_fmt(vm, exc::TypeError, "%s() argument 2 cannot be a parameterized generic", subclass ? "issubclass" : "isinstance");
        int r = subclass ? issubclass(vm, args[1], m) : isinstance(vm, args[1], m);
        if (r < 0)
            return Value::null();
        if (r)
            return py_true();
    }
    return py_false();
}

Value union_instancecheck(VM& vm, Value const* args, size_t, Tuple*) { return union_check(vm, args, false); }
Value union_subclasscheck(VM& vm, Value const* args, size_t, Tuple*) { return union_check(vm, args, true); }

Value union_getitem(VM& vm, Value const* args, size_t, Tuple*)
{
    Value r = TRY(union_repr(vm, args, 1, nullptr));
    return raise_fmt(vm, exc::TypeError, "%s is not a generic class", as_str(r)->c_str());
}

// cls.__class_getitem__(item) of the built-in generic classes (list[int], dict[str, int]).
Value class_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    std::string fname = std::string(args[0].as<TypeObject>()->name->view()) + ".__class_getitem__";
    if (!check_no_kwargs(vm, fname.c_str(), kwnames) || !check_nargs(vm, fname.c_str(), nargs - 1, 1, 1))
        return Value::null();
    return generic_alias_new(vm, args[0], args[1]);
}

} // namespace

Value make_generic_alias(VM& vm, Value origin, Value args) { return generic_alias_new(vm, origin, args); }

void setup_generic_alias(VM& vm)
{
    g_generic_alias = make_builtin_type(vm, "GenericAlias", nullptr, sizeof(GenericAlias), TF_BASETYPE, generic_alias_trace, nullptr);
    g_union_type = make_builtin_type(vm, "UnionType", nullptr, sizeof(UnionType), 0, union_trace, nullptr);
    for (TypeObject* t : { g_generic_alias, g_union_type })
        (void)dict_set_str(vm, t->dict, names.__module__, str_value(vm, "types"));

    add_methods(vm, g_generic_alias,
                {
                    { "__new__", ga_new, METH_STATIC },
                    { "__repr__", ga_repr },
                    { "__eq__", ga_eq },
                    { "__ne__", ga_ne },
                    { "__hash__", ga_hash },
                    { "__call__", ga_call },
                    { "__getattribute__", ga_getattribute },
                    { "__getitem__", ga_getitem },
                    { "__or__", or_method },
                    { "__ror__", ror_method },
                    { "__mro_entries__", ga_mro_entries },
                    { "__instancecheck__", ga_instancecheck },
                    { "__subclasscheck__", ga_subclasscheck },
                });
    add_getsets(vm, g_generic_alias, { { "__origin__", ga_origin }, { "__args__", ga_args }, { "__parameters__", empty_parameters } });

    add_methods(vm, g_union_type,
                {
                    { "__repr__", union_repr },
                    { "__eq__", union_eq },
                    { "__ne__", union_ne },
                    { "__hash__", union_hash },
                    { "__or__", or_method },
                    { "__ror__", ror_method },
                    { "__getitem__", union_getitem },
                    { "__instancecheck__", union_instancecheck },
                    { "__subclasscheck__", union_subclasscheck },
                });
    add_getsets(vm, g_union_type, { { "__args__", union_args }, { "__parameters__", empty_parameters } });

    // int | str, None | int (NoneType has no __or__: type's reflected one answers).
    add_methods(vm, types.type, { { "__or__", or_method }, { "__ror__", ror_method } });
    for (TypeObject* t : { types.list, types.dict, types.tuple, types.set, types.frozenset, types.enumerate })
        add_methods(vm, t, { { "__class_getitem__", class_getitem, METH_CLASS } });
}

} // namespace slpy
