// types.GenericAlias (`list[int]`, PEP 585) and types.UnionType (`int | None`, PEP 604):
// the objects type hints evaluate to. Annotations are evaluated when a function or class
// is defined, so these must exist for ordinary annotated code to run at all.
//
// As CPython 3.11's Objects/genericaliasobject.c and unionobject.c: __parameters__ collects
// the type variables among the arguments (anything with __typing_subst__, and the
// __parameters__ of nested aliases), `alias[...]` substitutes them (list[T][int] ==
// list[int]), and iterating an alias yields its unpacked form `*tuple[int]` (PEP 646).
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/reduce.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

namespace slpy {

namespace {

struct GenericAlias : Object {
    Value origin;
    Tuple* args;
    Tuple* parameters; // computed on first use (null until then)
    bool starred;      // the unpacked form `*tuple[int]`
};

struct UnionType : Object {
    Tuple* args;
    Tuple* parameters; // computed on first use (null until then)
};

// iter(alias): yields the starred alias once.
struct GenericAliasIter : Object {
    Value alias; // null once exhausted
};

TypeObject* g_generic_alias = nullptr;
TypeObject* g_union_type = nullptr;
TypeObject* g_generic_alias_iter = nullptr;

void generic_alias_trace(Object* self, Tracer& t)
{
    auto* g = static_cast<GenericAlias*>(self);
    t.visit(g->origin);
    t.visit(g->args);
    t.visit(g->parameters);
}

void union_trace(Object* self, Tracer& t)
{
    auto* u = static_cast<UnionType*>(self);
    t.visit(u->args);
    t.visit(u->parameters);
}

void ga_iter_trace(Object* self, Tracer& t) { t.visit(static_cast<GenericAliasIter*>(self)->alias); }

// Instances of subclasses too (_collections_abc._CallableGenericAlias).
bool is_generic_alias(Value v) { return is_instance_fast(v, g_generic_alias); }
bool is_union(Value v) { return type_of(v) == g_union_type; }

// A new alias of `type` (GenericAlias or a subclass): `args` is kept when it is a tuple,
// else wrapped in one.
Value alias_alloc(VM& vm, TypeObject* type, Value origin, Value args, bool starred)
{
    Tuple* t = type_of(args) == types.tuple ? args.as<Tuple>() : tuple_pack(vm, { args });
    if (!t)
        return Value::null();
    Object* o = type == g_generic_alias ? vm.heap.make<GenericAlias>(g_generic_alias) : alloc_instance(vm, type);
    if (!o)
        return Value::null();
    auto* g = static_cast<GenericAlias*>(o);
    g->origin = origin;
    g->args = t;
    g->parameters = nullptr;
    g->starred = starred;
    return Value::from_object(o);
}

Value generic_alias_new(VM& vm, Value origin, Value args, bool starred = false)
{
    return alias_alloc(vm, g_generic_alias, origin, args, starred);
}

// Looks `name` up on v: 1 found (in `out`), 0 absent (AttributeError swallowed), -1 error.
int lookup_attr(VM& vm, Value v, char const* name, Value& out)
{
    String* s = intern(vm, name);
    if (!s)
        return -1;
    out = getattr_opt(vm, v, s);
    if (out.is_null())
        return -1;
    return out.is_not_found() ? 0 : 1;
}

// One item of a GenericAlias or UnionType repr (CPython's ga_repr_item): `...`, anything
// that looks like an alias (has __origin__ and __args__) by its repr, anything with a
// __qualname__ and a __module__ (a class, a function) as module.qualname (qualname alone
// for builtins), else its repr.
bool append_repr_item(VM& vm, std::string& out, Value p)
{
    if (p.is(py_ellipsis())) {
        out += "...";
        return true;
    }
    Value tmp, qualname, module;
    int r = lookup_attr(vm, p, "__origin__", tmp);
    if (r > 0)
        r = lookup_attr(vm, p, "__args__", tmp);
    if (r < 0)
        return false;
    if (r == 0) {
        r = lookup_attr(vm, p, "__qualname__", qualname);
        if (r > 0)
            r = lookup_attr(vm, p, "__module__", module);
        if (r < 0)
            return false;
        if (r > 0 && !is_none(module)) {
            Value s = to_str(vm, qualname);
            if (s.is_null())
                return false;
            if (!(as_str(module) && as_str(module)->view() == "builtins")) {
                Value m = to_str(vm, module);
                if (m.is_null())
                    return false;
                out += as_str(m)->view();
                out += '.';
            }
            out += as_str(s)->view();
            return true;
        }
    }
    Value s = repr(vm, p);
    if (s.is_null())
        return false;
    out += as_str(s)->view();
    return true;
}

// ------------------------------------------------------------------ type variables
// The machinery shared by GenericAlias and UnionType (CPython's _Py_make_parameters and
// _Py_subs_parameters): a "type variable" is any non-class object with __typing_subst__
// (typing.TypeVar, ParamSpec, TypeVarTuple), so typing.py supplies the objects and these
// functions only collect and substitute them.

int64_t tuple_index_identity(Tuple* t, Value v)
{
    for (size_t i = 0; i < t->size; ++i)
        if (t->items[i].is(v))
            return int64_t(i);
    return -1;
}

bool list_add_unique(VM& vm, List* l, Value v)
{
    for (size_t i = 0; i < l->size; ++i)
        if (l->items()[i].is(v))
            return true;
    return list_append(vm, l, v);
}

// The type variables among `args`, in order of first appearance.
Tuple* make_parameters(VM& vm, Tuple* args)
{
    List* params = list_new(vm);
    if (!params)
        return nullptr;
    for (size_t i = 0; i < args->size; ++i) {
        Value t = args->items[i];
        if (is_instance_fast(t, types.type)) // not a bare class's __parameters__ descriptor
            continue;
        Value subst;
        int r = lookup_attr(vm, t, "__typing_subst__", subst);
        if (r < 0)
            return nullptr;
        if (r > 0) {
            if (!list_add_unique(vm, params, t))
                return nullptr;
            continue;
        }
        Value sub;
        r = lookup_attr(vm, t, "__parameters__", sub);
        if (r < 0)
            return nullptr;
        if (r > 0 && type_of(sub) == types.tuple) // exactly tuple, as PyTuple_Check on typing's
            for (size_t j = 0; j < sub.as<Tuple>()->size; ++j)
                if (!list_add_unique(vm, params, sub.as<Tuple>()->items[j]))
                    return nullptr;
    }
    return tuple_from_array(vm, params->items(), params->size);
}

// The arguments of an unpacked tuple (`*tuple[int, str]`, `Unpack[Tuple[int, str]]`):
// not_found when `arg` is none.
Value unpacked_tuple_args(VM& vm, Value arg)
{
    if (is_generic_alias(arg)) {
        auto* g = arg.as<GenericAlias>();
        if (g->starred && g->origin.is(Value::from_object(types.tuple)))
            return Value::from_object(g->args);
    }
    Value r;
    int found = lookup_attr(vm, arg, "__typing_unpacked_tuple_args__", r);
    if (found < 0)
        return Value::null();
    return found == 0 || is_none(r) ? Value::not_found() : r;
}

// The subscript as a tuple, with unpacked tuples of fixed length spliced in:
// alias[int, *tuple[str, bytes]] substitutes (int, str, bytes).
Tuple* unpack_args(VM& vm, Value item)
{
    List* out = list_new(vm);
    if (!out)
        return nullptr;
    bool is_tuple = type_of(item) == types.tuple || is_instance_fast(item, types.tuple);
    size_t n = is_tuple ? item.as<Tuple>()->size : 1;
    for (size_t i = 0; i < n; ++i) {
        Value a = is_tuple ? item.as<Tuple>()->items[i] : item;
        if (!is_instance_fast(a, types.type)) {
            Value sub = unpacked_tuple_args(vm, a);
            if (sub.is_null())
                return nullptr;
            if (!sub.is_not_found() && type_of(sub) == types.tuple) {
                Tuple* st = sub.as<Tuple>();
                if (!(st->size && st->items[st->size - 1].is(py_ellipsis()))) {
                    for (size_t j = 0; j < st->size; ++j)
                        if (!list_append(vm, out, st->items[j]))
                            return nullptr;
                    continue;
                }
            }
        }
        if (!list_append(vm, out, a))
            return nullptr;
    }
    return tuple_from_array(vm, out->items(), out->size);
}

bool append_all(VM& vm, List* l, Value seq)
{
    if (type_of(seq) == types.tuple) {
        Tuple* t = seq.as<Tuple>();
        for (size_t i = 0; i < t->size; ++i)
            if (!list_append(vm, l, t->items[i]))
                return false;
        return true;
    }
    return list_extend(vm, l, seq);
}

// `obj` (a nested alias such as list[T]) with the type variables of its own
// __parameters__ replaced by their values: obj[values...].
Value subs_tvars(VM& vm, Value obj, Tuple* params, Value const* argitems)
{
    Value sub;
    int r = lookup_attr(vm, obj, "__parameters__", sub);
    if (r < 0)
        return Value::null();
    if (r == 0 || type_of(sub) != types.tuple || sub.as<Tuple>()->size == 0)
        return obj;
    Tuple* subparams = sub.as<Tuple>();
    List* subargs = list_new(vm);
    if (!subargs)
        return Value::null();
    for (size_t i = 0; i < subparams->size; ++i) {
        Value a = subparams->items[i];
        int64_t ip = tuple_index_identity(params, a);
        if (ip >= 0) {
            Value param = params->items[ip];
            a = argitems[ip];
            // A TypeVarTuple (iterable) bound to a tuple of types contributes them all.
            if (!type_of(param)->slot(Slot::ITER).is_null() && type_of(a) == types.tuple) {
                if (!append_all(vm, subargs, a))
                    return Value::null();
                continue;
            }
        }
        if (!list_append(vm, subargs, a))
            return Value::null();
    }
    Tuple* key = tuple_from_array(vm, subargs->items(), subargs->size);
    if (!key)
        return Value::null();
    return getitem(vm, obj, Value::from_object(key));
}

// The arguments of self[item]: `args` with each type variable of `parameters` replaced by
// its value from `item` (after each parameter's __typing_prepare_subst__ ran).
Tuple* subs_parameters(VM& vm, Value self, Tuple* args, Tuple* parameters, Value item)
{
    size_t nparams = parameters->size;
    if (nparams == 0) {
        Value r = repr(vm, self);
        if (!r.is_null())
            raise_fmt(vm, exc::TypeError, "%s is not a generic class", as_str(r)->c_str());
        return nullptr;
    }
    Tuple* items = unpack_args(vm, item);
    if (!items)
        return nullptr;
    Value cur = Value::from_object(items);
    for (size_t i = 0; i < nparams; ++i) {
        Value prepare;
        int r = lookup_attr(vm, parameters->items[i], "__typing_prepare_subst__", prepare);
        if (r < 0)
            return nullptr;
        if (r > 0 && !is_none(prepare)) {
            Value arg = cur;
            if (!is_instance_fast(cur, types.tuple)) {
                Tuple* one = tuple_pack(vm, { cur });
                if (!one)
                    return nullptr;
                arg = Value::from_object(one);
            }
            cur = call2(vm, prepare, self, arg);
            if (cur.is_null())
                return nullptr;
        }
    }
    bool is_tuple = is_instance_fast(cur, types.tuple);
    size_t nitems = is_tuple ? cur.as<Tuple>()->size : 1;
    Value const* argitems = is_tuple ? cur.as<Tuple>()->items : &cur;
    if (nitems != nparams) {
        Value r = repr(vm, self);
        if (!r.is_null())
            raise_fmt(vm, exc::TypeError, "Too %s arguments for %s; actual %zu, expected %zu", nitems > nparams ? "many" : "few",
                  as_str(r)->c_str(), nitems, nparams);
        return nullptr;
    }
    List* out = list_new(vm, args->size);
    if (!out)
        return nullptr;
    for (size_t i = 0; i < args->size; ++i) {
        Value arg = args->items[i];
        if (is_instance_fast(arg, types.type)) {
            if (!list_append(vm, out, arg))
                return nullptr;
            continue;
        }
        int unpack = 0;
        Value flag;
        int r = lookup_attr(vm, arg, "__typing_is_unpacked_typevartuple__", flag);
        if (r < 0)
            return nullptr;
        if (r > 0 && (unpack = truthy(vm, flag)) < 0)
            return nullptr;
        Value subst;
        r = lookup_attr(vm, arg, "__typing_subst__", subst);
        if (r < 0)
            return nullptr;
        if (r > 0) {
            int64_t ip = tuple_index_identity(parameters, arg);
            if (ip < 0) { // a parameter list that is not the arguments' (a subclass's own)
                raise_fmt(vm, exc::TypeError, "type variable not among the parameters of the alias");
                return nullptr;
            }
            arg = call1(vm, subst, argitems[ip]);
        } else {
            arg = subs_tvars(vm, arg, parameters, argitems);
        }
        if (arg.is_null())
            return nullptr;
        if (unpack) {
            if (!append_all(vm, out, arg))
                return nullptr;
        } else if (!list_append(vm, out, arg)) {
            return nullptr;
        }
    }
    return tuple_from_array(vm, out->items(), out->size);
}

// ------------------------------------------------------------------ GenericAlias

GenericAlias* self_alias(Value const* args) { return args[0].as<GenericAlias>(); }

Tuple* alias_parameters(VM& vm, GenericAlias* g)
{
    if (!g->parameters)
        g->parameters = make_parameters(vm, g->args);
    return g->parameters;
}

// GenericAlias(origin, args): also the base of Python subclasses, so the instance is
// allocated for `cls` (with the subclass's own layout after the alias's fields).
Value ga_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "GenericAlias() takes no keyword arguments");
    if (nargs != 3)
        return raise_fmt(vm, exc::TypeError, "GenericAlias expected 2 arguments, got %zu", nargs - 1);
    return alias_alloc(vm, cls, args[1], args[2], false);
}

Value ga_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    GenericAlias* g = self_alias(args);
    std::string out;
    if (g->starred)
        out += '*';
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
    if (a->starred != b->starred)
        return py_false();
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

// The alias's own attributes; every other name is looked up on the origin (list[int].append).
constexpr std::string_view kOwnAttrs[] = { "__class__",      "__origin__",      "__args__",     "__unpacked__",
                                           "__parameters__", "__typing_unpacked_tuple_args__", "__mro_entries__",
                                           "__reduce_ex__",  "__reduce__",      "__copy__",     "__deepcopy__" };

Value ga_getattribute(VM& vm, Value const* args, size_t, Tuple*)
{
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    for (std::string_view own : kOwnAttrs)
        if (name->view() == own) {
            Value v = generic_getattr(vm, args[0], name);
            return v.is_not_found() ? raise_attribute_error(vm, args[0], name) : v;
        }
    return getattr(vm, self_alias(args)->origin, name);
}

// dir(alias): the origin's names and the alias's own.
Value ga_dir(VM& vm, Value const* args, size_t, Tuple*)
{
    Value dir_fn = TRY(reduce_module_attr(vm, "builtins", "dir"));
    Value names_list = TRY(call1(vm, dir_fn, self_alias(args)->origin));
    if (type_of(names_list) != types.list)
        return names_list;
    for (std::string_view own : kOwnAttrs) {
        Value s = str_value(vm, own);
        if (s.is_null())
            return s;
        int in = contains(vm, names_list, s);
        if (in < 0 || (!in && !list_append(vm, names_list.as<List>(), s)))
            return Value::null();
    }
    return names_list;
}

// alias[item]: the type variables substituted, in an alias of the same kind (starred stays).
Value ga_getitem(VM& vm, Value const* args, size_t, Tuple*)
{
    GenericAlias* g = self_alias(args);
    Tuple* params = alias_parameters(vm, g);
    if (!params)
        return Value::null();
    Tuple* newargs = subs_parameters(vm, args[0], g->args, params, args[1]);
    if (!newargs)
        return Value::null();
    return generic_alias_new(vm, g->origin, Value::from_object(newargs), g->starred);
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

// Pickling: type(alias)(origin, args); the starred form as next(iter(alias)).
Value ga_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    GenericAlias* g = self_alias(args);
    if (g->starred) {
        Value plain = TRY(generic_alias_new(vm, g->origin, Value::from_object(g->args)));
        Value it = TRY(get_iter(vm, plain));
        return reduce_builtin(vm, "next", { it });
    }
    return reduce_value(vm, Value::from_object(type_of(args[0])), { g->origin, Value::from_object(g->args) });
}

Value ga_iter(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* it = vm.heap.make<GenericAliasIter>(g_generic_alias_iter);
    if (!it)
        return Value::null();
    it->alias = args[0];
    return Value::from_object(it);
}

Value ga_iter_step(VM& vm, Value self)
{
    auto* it = self.as<GenericAliasIter>();
    if (it->alias.is_null())
        return Value::stop_iteration();
    auto* g = it->alias.as<GenericAlias>();
    Value starred = TRY(generic_alias_new(vm, g->origin, Value::from_object(g->args), true));
    it->alias = Value::null();
    return starred;
}

Value ga_iter_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* it = args[0].as<GenericAliasIter>();
    if (it->alias.is_null())
        return reduce_builtin(vm, "iter", { Value::from_object(empty_tuple()) });
    return reduce_builtin(vm, "iter", { it->alias });
}

Value ga_origin(VM&, Value const* args, size_t, Tuple*) { return self_alias(args)->origin; }
Value ga_args(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_alias(args)->args); }
Value ga_unpacked(VM&, Value const* args, size_t, Tuple*) { return py_bool(self_alias(args)->starred); }

Value ga_parameters(VM& vm, Value const* args, size_t, Tuple*)
{
    Tuple* p = alias_parameters(vm, self_alias(args));
    return p ? Value::from_object(p) : Value::null();
}

Value ga_unpacked_tuple_args(VM&, Value const* args, size_t, Tuple*)
{
    GenericAlias* g = self_alias(args);
    if (g->starred && g->origin.is(Value::from_object(types.tuple)))
        return Value::from_object(g->args);
    return py_none();
}

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
    u->parameters = nullptr;
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

Tuple* union_parameters_of(VM& vm, UnionType* u)
{
    if (!u->parameters)
        u->parameters = make_parameters(vm, u->args);
    return u->parameters;
}

Value union_parameters(VM& vm, Value const* args, size_t, Tuple*)
{
    Tuple* p = union_parameters_of(vm, self_union(args));
    return p ? Value::from_object(p) : Value::null();
}

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

// (int | list[T])[str] == int | list[str]: the members substituted, then or-ed together
// again (so a TypeVar's value may make a typing.Union).
Value union_getitem(VM& vm, Value const* args, size_t, Tuple*)
{
    UnionType* u = self_union(args);
    Tuple* params = union_parameters_of(vm, u);
    if (!params)
        return Value::null();
    Tuple* newargs = subs_parameters(vm, args[0], u->args, params, args[1]);
    if (!newargs)
        return Value::null();
    if (newargs->size == 0)
        return raise(vm, exc::TypeError, "Cannot take a Union of no types.");
    Value res = newargs->items[0];
    for (size_t i = 1; i < newargs->size; ++i)
        res = TRY(binary_op(vm, res, newargs->items[i], BinOpArg::OR));
    return res;
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

Value generic_alias_class_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return class_getitem(vm, args, nargs, kwnames);
}

void setup_generic_alias(VM& vm)
{
    g_generic_alias = make_builtin_type(vm, "GenericAlias", nullptr, sizeof(GenericAlias), TF_BASETYPE | TF_LAYOUT_WEAKREF,
                                        generic_alias_trace, nullptr);
    g_union_type = make_builtin_type(vm, "UnionType", nullptr, sizeof(UnionType), 0, union_trace, nullptr);
    g_generic_alias_iter = make_builtin_type(vm, "generic_alias_iterator", nullptr, sizeof(GenericAliasIter), 0, ga_iter_trace, nullptr);
    g_generic_alias_iter->iternext = ga_iter_step;
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
                    { "__iter__", ga_iter },
                    { "__or__", or_method },
                    { "__ror__", ror_method },
                    { "__mro_entries__", ga_mro_entries },
                    { "__instancecheck__", ga_instancecheck },
                    { "__subclasscheck__", ga_subclasscheck },
                    { "__reduce__", ga_reduce },
                    { "__dir__", ga_dir },
                });
    add_getsets(vm, g_generic_alias,
                { { "__origin__", ga_origin },
                  { "__args__", ga_args },
                  { "__unpacked__", ga_unpacked },
                  { "__parameters__", ga_parameters },
                  { "__typing_unpacked_tuple_args__", ga_unpacked_tuple_args } });

    add_methods(vm, g_generic_alias_iter,
                { { "__iter__", iter_self_method }, { "__next__", next_method<ga_iter_step> }, { "__reduce__", ga_iter_reduce } });

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
    add_getsets(vm, g_union_type, { { "__args__", union_args }, { "__parameters__", union_parameters } });

    // int | str, None | int (NoneType has no __or__: type's reflected one answers).
    add_methods(vm, types.type, { { "__or__", or_method }, { "__ror__", ror_method } });
    for (TypeObject* t : { types.list, types.dict, types.tuple, types.set, types.frozenset, types.enumerate, types.mappingproxy })
        add_methods(vm, t, { { "__class_getitem__", class_getitem, METH_CLASS } });
}

} // namespace slpy
