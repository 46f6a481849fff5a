// builtins: BaseExceptionGroup and ExceptionGroup (PEP 654), CPython 3.11's semantics:
// construction rules (a BaseExceptionGroup of Exceptions is an ExceptionGroup), message,
// exceptions, derive(), subgroup() and split() with a type, a tuple of types or a
// predicate; and the projection by leaf identity that except* uses to re-raise.
#include "stackless/builtins/builtins.h"

#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstddef>
#include <unordered_set>

namespace slpy {

void trace_exception(Object*, Tracer&); // objects/exceptions.cpp

TypeObject* g_base_exception_group = nullptr;
TypeObject* g_exception_group = nullptr;

namespace {

struct ExceptionGroupObject : BaseException {
    Value message;  // str
    Tuple* excs;    // the exceptions, as a tuple
};

void eg_trace(Object* o, Tracer& t)
{
    trace_exception(o, t);
    auto* g = static_cast<ExceptionGroupObject*>(o);
    t.visit(g->message);
    t.visit(g->excs);
}

ExceptionGroupObject* as_group(Value v)
{
    if (!v.is_object() || !is_subtype(v.as_object()->type, g_base_exception_group))
        return nullptr;
    return static_cast<ExceptionGroupObject*>(v.as_object());
}

// BaseExceptionGroup.__new__(cls, message, exceptions)
Value eg_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    // Keyword arguments are refused by __init__, with the name of the class chosen here.
    auto* cls = args[0].as<TypeObject>();
    if (nargs != 3)
        return raise_fmt(vm, exc::TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu given)", nargs - 1);
    Value message = args[1], seq = args[2];
    if (!as_str(message))
        return raise_fmt(vm, exc::TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %s", type_name(message));
    TypeObject* st = type_of(seq);
    if (st->slot(Slot::GETITEM).is_null() || as_dict(seq) || is_subtype(st, types.set) || is_subtype(st, types.frozenset))
        return raise(vm, exc::TypeError, "second argument (exceptions) must be a sequence");
    List* items = list_from_iterable(vm, seq);
    if (!items)
        return Value::null();
    if (items->size == 0)
        return raise(vm, exc::ValueError, "second argument (exceptions) must be a non-empty sequence");
    bool nested_base = false;
    for (size_t i = 0; i < items->size; ++i) {
        Value e = items->items()[i];
        if (!as_exception(e))
            return raise_fmt(vm, exc::ValueError, "Item %zu of second argument (exceptions) is not an exception", i);
        if (!is_instance_fast(e, exc::Exception))
            nested_base = true;
    }
    if (cls == g_base_exception_group) {
        if (!nested_base)
            cls = g_exception_group;
    } else if (cls == g_exception_group) {
        if (nested_base)
            return raise(vm, exc::TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
    } else if (nested_base && is_subtype(cls, exc::Exception)) {
        return raise_fmt(vm, exc::TypeError, "Cannot nest BaseExceptions in '%s'", cls->name->c_str());
    }
    auto* g = static_cast<ExceptionGroupObject*>(alloc_instance(vm, cls));
    if (!g)
        return Value::null();
    g->args = tuple_pack(vm, { message, seq });
    g->traceback = py_none();
    g->message = message;
    g->excs = tuple_from_array(vm, items->items(), items->size);
    if (!g->args || !g->excs)
        return Value::null();
    return Value::from_object(g);
}

Value eg_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size)
        return raise_fmt(vm, exc::TypeError, "%s() takes no keyword arguments", type_name(args[0]));
    Tuple* a = tuple_from_array(vm, args + 1, nargs - 1);
    if (!a)
        return Value::null();
    as_exception(args[0])->args = a;
    return py_none();
}

Value eg_str(VM& vm, Value const* args, size_t, Tuple*)
{
    ExceptionGroupObject* g = as_group(args[0]);
    size_t n = g->excs ? g->excs->size : 0;
    String* m = as_str(g->message);
    return str_value(vm, std::string(m ? m->view() : std::string_view()) + " (" + std::to_string(n) + " sub-exception" + (n == 1 ? "" : "s") + ")");
}

Value eg_get_message(VM&, Value const* args, size_t, Tuple*) { return as_group(args[0])->message; }
Value eg_get_exceptions(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(as_group(args[0])->excs); }

// derive(excs): BaseExceptionGroup(self.message, excs)
Value eg_derive(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "derive", kwnames) || !check_nargs(vm, "derive", nargs - 1, 1, 1))
        return Value::null();
    Value a[2] = { as_group(args[0])->message, args[1] };
    return call(vm, Value::from_object(g_base_exception_group), a, 2);
}

using LeafIds = std::unordered_set<Object const*>;

// The matcher of split()/subgroup(): a predicate, an exception type or a tuple of them;
// or, for except*'s projection, a set of exception identities.
struct Matcher {
    Value value;
    bool predicate;
    LeafIds const* ids = nullptr;
};

bool make_matcher(VM& vm, Value v, Matcher& m)
{
    m.value = v;
    TypeObject* t = type_of(v);
    bool callable = t == types.function || t == types.builtin_function || t == types.method ||
                    (!t->slot(Slot::CALL).is_null() && !is_instance_fast(v, types.type));
    if (callable && !is_instance_fast(v, types.type)) {
        m.predicate = true;
        return true;
    }
    m.predicate = false;
    if (is_instance_fast(v, types.type) && v.as<TypeObject>()->has_flag(TF_EXC_SUBCLASS))
        return true;
    if (Tuple* tup = as_tuple(v)) {
        bool ok = true;
        for (size_t i = 0; i < tup->size && ok; ++i)
            ok = is_instance_fast(tup->items[i], types.type) && tup->items[i].as<TypeObject>()->has_flag(TF_EXC_SUBCLASS);
        if (ok)
            return true;
    }
    raise(vm, exc::TypeError, "expected a function, exception type or tuple of exception types");
    return false;
}

// -1 error, 0 no, 1 yes
int matches(VM& vm, Matcher const& m, Value e)
{
    if (m.ids)
        return m.ids->count(e.as_object()) ? 1 : 0;
    if (m.predicate) {
        Value r = call1(vm, m.value, e);
        return r.is_null() ? -1 : truthy(vm, r);
    }
    return isinstance(vm, e, m.value);
}

// Copies the traceback, cause, context and notes of `from` to the derived group `to`
// (the notes as a new list, so that the parts of a split have their own).
bool copy_group_attrs(VM& vm, Value from, Value to)
{
    BaseException* f = as_exception(from);
    BaseException* t = as_exception(to);
    t->traceback = f->traceback;
    t->cause = f->cause;
    t->context = f->context;
    if (f->dict) {
        Value notes = dict_get_str(vm, f->dict, names.__notes__);
        if (notes.is_null())
            return false;
        // Notes that are not a sequence are ignored, as CPython does.
        TypeObject* nt = notes.is_not_found() ? nullptr : type_of(notes);
        if (nt && !nt->slot(Slot::GETITEM).is_null() && !as_dict(notes)) {
            List* copy = list_from_iterable(vm, notes);
            if (!copy)
                return false;
            Dict* d = instance_dict(vm, to.as_object(), true);
            if (!d || !dict_set_str(vm, d, names.__notes__, Value::from_object(copy)))
                return false;
        }
    }
    return true;
}

// CPython's exceptiongroup_split_recursive: *match and *rest get the parts (null = none).
bool split_recursive(VM& vm, Value e, Matcher const& m, bool want_rest, Value* match, Value* rest)
{
    *match = Value::null();
    *rest = Value::null();
    int r = matches(vm, m, e);
    if (r < 0)
        return false;
    if (r) {
        *match = e;
        return true;
    }
    ExceptionGroupObject* g = as_group(e);
    if (!g) {
        if (want_rest)
            *rest = e;
        return true;
    }
    List* match_list = list_new(vm);
    List* rest_list = want_rest ? list_new(vm) : nullptr;
    if (!match_list || (want_rest && !rest_list))
        return false;
    String* derive = intern(vm, "derive");
    if (!derive)
        return false;
    for (size_t i = 0; i < g->excs->size; ++i) {
        Value sm, sr;
        if (!split_recursive(vm, g->excs->items[i], m, want_rest, &sm, &sr))
            return false;
        if (!sm.is_null() && !list_append(vm, match_list, sm))
            return false;
        if (!sr.is_null() && !list_append(vm, rest_list, sr))
            return false;
    }
    if (match_list->size) {
        Value list_v = Value::from_object(match_list);
        Value d = call_method(vm, e, derive, &list_v, 1);
        if (d.is_null() || !as_group(d)) {
            if (!d.is_null())
                raise(vm, exc::TypeError, "derive must return an instance of BaseExceptionGroup");
            return false;
        }
        if (!copy_group_attrs(vm, e, d))
            return false;
        *match = d;
    }
    if (rest_list && rest_list->size) {
        Value list_v = Value::from_object(rest_list);
        Value d = call_method(vm, e, derive, &list_v, 1);
        if (d.is_null() || !as_group(d)) {
            if (!d.is_null())
                raise(vm, exc::TypeError, "derive must return an instance of BaseExceptionGroup");
            return false;
        }
        if (!copy_group_attrs(vm, e, d))
            return false;
        *rest = d;
    }
    return true;
}

Value eg_split(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "split", kwnames) || !check_nargs(vm, "split", nargs - 1, 1, 1))
        return Value::null();
    Matcher m;
    if (!make_matcher(vm, args[1], m))
        return Value::null();
    Value match, rest;
    if (!split_recursive(vm, args[0], m, true, &match, &rest))
        return Value::null();
    return Value::from_object(tuple_pack(vm, { match.is_null() ? py_none() : match, rest.is_null() ? py_none() : rest }));
}

Value eg_subgroup(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "subgroup", kwnames) || !check_nargs(vm, "subgroup", nargs - 1, 1, 1))
        return Value::null();
    Matcher m;
    if (!make_matcher(vm, args[1], m))
        return Value::null();
    Value match, rest;
    if (!split_recursive(vm, args[0], m, false, &match, &rest))
        return Value::null();
    return match.is_null() ? py_none() : match;
}

// Adds the identities of the leaf exceptions of `e` (e itself when it is no group).
void collect_leaf_ids(Value e, LeafIds& ids)
{
    if (is_none(e))
        return;
    ExceptionGroupObject* g = as_group(e);
    if (!g) {
        ids.insert(e.as_object());
        return;
    }
    for (size_t i = 0; i < g->excs->size; ++i)
        collect_leaf_ids(g->excs->items[i], ids);
}

} // namespace

bool is_exception_group(Value v) { return as_group(v) != nullptr; }

Value exception_group_create(VM& vm, Value excs)
{
    Value a[2] = { str_value(vm, ""), excs };
    return call(vm, Value::from_object(g_base_exception_group), a, 2);
}

Value exception_group_projection(VM& vm, Value eg, List* keep)
{
    LeafIds ids;
    for (size_t i = 0; i < keep->size; ++i)
        collect_leaf_ids(keep->items()[i], ids);
    Matcher m { Value::null(), false, &ids };
    Value match, rest;
    if (!split_recursive(vm, eg, m, false, &match, &rest))
        return Value::null();
    return match.is_null() ? py_none() : match;
}

void setup_exception_groups(VM& vm)
{
    if (g_base_exception_group)
        return;
    TypeObject* base = make_builtin_type(vm, "BaseExceptionGroup", exc::BaseException, sizeof(ExceptionGroupObject),
                                         TF_BASETYPE | TF_EXC_SUBCLASS, eg_trace);
    add_methods(vm, base, {
                              { "__new__", eg_new, METH_STATIC },
                              { "__init__", eg_init },
                              { "__str__", eg_str },
                              { "derive", eg_derive },
                              { "split", eg_split },
                              { "subgroup", eg_subgroup },
                          });
    add_getsets(vm, base, { { "message", eg_get_message }, { "exceptions", eg_get_exceptions } });
    finish_builtin_type(vm, base);
    g_base_exception_group = base;

    // ExceptionGroup(BaseExceptionGroup, Exception): built with the first base, then given
    // both bases and the C3 order CPython computes.
    TypeObject* eg = make_builtin_type(vm, "ExceptionGroup", base, sizeof(ExceptionGroupObject),
                                       TF_BASETYPE | TF_EXC_SUBCLASS, eg_trace);
    finish_builtin_type(vm, eg);
    eg->bases = tuple_pack(vm, { Value::from_object(base), Value::from_object(exc::Exception) });
    eg->mro = tuple_pack(vm, { Value::from_object(eg), Value::from_object(base), Value::from_object(exc::Exception),
                               Value::from_object(exc::BaseException), Value::from_object(types.object) });
    if (!exc::Exception->subclasses)
        exc::Exception->subclasses = list_new(vm);
    (void)list_append(vm, static_cast<List*>(exc::Exception->subclasses), Value::from_object(eg));
    g_exception_group = eg;
}

} // namespace slpy
