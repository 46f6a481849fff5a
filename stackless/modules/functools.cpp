// The _functools module: reduce, partial, cmp_to_key (KeyWrapper) and
// _lru_cache_wrapper, as CPython 3.11's _functoolsmodule.c; functools.py takes these in
// place of its pure-Python versions.
//
// The bounded LRU cache keeps CPython's structure: a dict from key to link, and the
// links in a circular doubly linked list (oldest after the root). The user function and
// the keys' __eq__/__hash__ run Python code that may re-enter the same cache, so after
// each call the code looks the key up again before touching the list, as CPython does.
#include "stackless/modules/data_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"

#include <string>

namespace slpy {

// object.__dict__'s getter and setter (objects/object_methods.cpp).
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

namespace {

TypeObject* g_partial = nullptr;
TypeObject* g_keywrapper = nullptr;
TypeObject* g_lru = nullptr;
TypeObject* g_lru_link = nullptr;

// ------------------------------------------------------------------ reduce

Value functools_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "reduce", kwnames) || !unpack_args(vm, "reduce", nargs, 2, 3))
        return Value::null();
    Value func = args[0];
    Value result = nargs == 3 ? args[2] : Value::null();
    Value it = get_iter(vm, args[1]);
    if (it.is_null()) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            raise(vm, exc::TypeError, "reduce() arg 2 must support iteration");
        }
        return it;
    }
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            break;
        if (result.is_null())
            result = item;
        else
            result = TRY(call2(vm, func, result, item));
    }
    if (result.is_null())
        return raise(vm, exc::TypeError, "reduce() of empty iterable with no initial value");
    return result;
}

// ------------------------------------------------------------------ partial

struct PartialObject : Object {
    Value fn;
    Tuple* args;
    Dict* kw;
    Dict* dict; // instance __dict__
};

void partial_trace(Object* self, Tracer& t)
{
    auto* p = static_cast<PartialObject*>(self);
    t.visit(p->fn);
    t.visit(p->args);
    t.visit(p->kw);
    t.visit(p->dict);
}

PartialObject* self_partial(Value v) { return v.as<PartialObject>(); }

Value partial_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);

Value partial_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs < 2)
        return raise(vm, exc::TypeError, "type 'partial' takes at least one argument");
    Value func = args[1];
    Tuple* pargs = nullptr;
    Dict* pkw = nullptr;
    // partial(partial(f, a), b) flattens to partial(f, a, b) when the inner one is
    // called as a partial and has no instance attributes.
    TypeObject* ft = type_of(func);
    if (is_subtype(ft, g_partial) && ft->slot(Slot::CALL).is(g_partial->slot(Slot::CALL))) {
        PartialObject* inner = self_partial(func);
        if (!inner->dict || inner->dict->used == 0) {
            pargs = inner->args;
            pkw = inner->kw;
            func = inner->fn;
        }
    }
    if (!is_callable(func))
        return raise(vm, exc::TypeError, "the first argument must be callable");
    size_t nnew = nargs - 2;
    size_t nold = pargs ? pargs->size : 0;
    Tuple* all = tuple_new(vm, nold + nnew);
    if (!all)
        return Value::null();
    for (size_t i = 0; i < nold; ++i)
        all->items[i] = pargs->items[i];
    for (size_t i = 0; i < nnew; ++i)
        all->items[nold + i] = args[2 + i];
    Dict* kw = pkw ? dict_copy(vm, pkw) : dict_new(vm);
    if (!kw)
        return Value::null();
    if (kwnames) {
        for (size_t i = 0; i < kwnames->size; ++i)
            if (!dict_set(vm, kw, kwnames->items[i], args[nargs + i]))
                return Value::null();
    }
    auto* p = static_cast<PartialObject*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!p)
        return Value::null();
    p->fn = func;
    p->args = all;
    p->kw = kw;
    return Value::from_object(p);
}

// fn(*self.args, *args, **{**self.keywords, **kwargs})
Value partial_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    PartialObject* p = self_partial(args[0]);
    size_t ncall = nargs - 1;
    size_t nkw_call = kwnames ? kwnames->size : 0;
    size_t nstored = p->args->size;
    if (p->kw->used == 0) {
        // The common case: no stored keywords, the call's keywords pass through.
        Tuple* buf = tuple_new(vm, nstored + ncall + nkw_call);
        if (!buf)
            return Value::null();
        for (size_t i = 0; i < nstored; ++i)
            buf->items[i] = p->args->items[i];
        for (size_t i = 0; i < ncall + nkw_call; ++i)
            buf->items[nstored + i] = args[1 + i];
        return call(vm, p->fn, buf->items, nstored + ncall, kwnames);
    }
    Dict* kw = dict_copy(vm, p->kw);
    if (!kw)
        return Value::null();
    for (size_t i = 0; i < nkw_call; ++i)
        if (!dict_set(vm, kw, kwnames->items[i], args[nargs + i]))
            return Value::null();
    Tuple* names_t = tuple_new(vm, kw->used);
    Tuple* buf = tuple_new(vm, nstored + ncall + kw->used);
    if (!names_t || !buf)
        return Value::null();
    for (size_t i = 0; i < nstored; ++i)
        buf->items[i] = p->args->items[i];
    for (size_t i = 0; i < ncall; ++i)
        buf->items[nstored + i] = args[1 + i];
    size_t pos = 0, k = 0;
    Value key, value;
    while (dict_next(kw, pos, key, value)) {
        if (!as_str(key))
            return raise(vm, exc::TypeError, "keywords must be strings");
        names_t->items[k] = key;
        buf->items[nstored + ncall + k] = value;
        ++k;
    }
    return call(vm, p->fn, buf->items, nstored + ncall, names_t);
}

Value partial_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    PartialObject* p = self_partial(args[0]);
    if (!repr_enter(vm, p))
        return str_value(vm, "...");
    std::string out;
    auto fail = [&] {
        repr_leave(vm, p);
        return Value::null();
    };
    Value r = repr(vm, p->fn);
    if (r.is_null())
        return fail();
    out += as_str(r)->view();
    // Hold the containers: the reprs below may run code that replaces them.
    Tuple* pargs = p->args;
    for (size_t i = 0; i < pargs->size; ++i) {
        r = repr(vm, pargs->items[i]);
        if (r.is_null())
            return fail();
        out += ", ";
        out += as_str(r)->view();
    }
    Dict* kw = p->kw;
    size_t pos = 0;
    Value key, value;
    while (dict_next(kw, pos, key, value)) {
        Value ks = to_str(vm, key);
        if (ks.is_null())
            return fail();
        r = repr(vm, value);
        if (r.is_null())
            return fail();
        out += ", ";
        out += as_str(ks)->view();
        out += "=";
        out += as_str(r)->view();
    }
    repr_leave(vm, p);
    TypeObject* t = type_of(args[0]);
    std::string name = t == g_partial ? "functools.partial" : std::string(t->name->view());
    return str_value(vm, name + "(" + out + ")");
}

Value partial_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "partial", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    PartialObject* p = self_partial(args[0]);
    Value dict = p->dict && p->dict->used ? Value::from_object(p->dict) : py_none();
    Tuple* ctor = tuple_pack(vm, { p->fn });
    Tuple* state = tuple_pack(vm, { p->fn, Value::from_object(p->args), Value::from_object(p->kw), dict });
    if (!ctor || !state)
        return Value::null();
    return Value::from_object(
        tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(ctor), Value::from_object(state) }));
}

Value partial_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "partial", "__setstate__", nargs - 1, kwnames))
        return Value::null();
    PartialObject* p = self_partial(args[0]);
    Tuple* state = as_tuple(args[1]);
    if (!state || state->size != 4)
        return raise(vm, exc::TypeError, "invalid partial state");
    Value fn = state->items[0], fnargs = state->items[1], kw = state->items[2], dict = state->items[3];
    if (!is_callable(fn) || !as_tuple(fnargs) || (!is_none(kw) && !as_dict(kw)))
        return raise(vm, exc::TypeError, "invalid partial state");
    Tuple* newargs = type_of(fnargs) == types.tuple ? as_tuple(fnargs) : tuple_from_array(vm, as_tuple(fnargs)->items, as_tuple(fnargs)->size);
    if (!newargs)
        return Value::null();
    Dict* newkw;
    if (is_none(kw))
        newkw = dict_new(vm);
    else if (type_of(kw) != types.dict)
        newkw = dict_copy(vm, as_dict(kw));
    else
        newkw = as_dict(kw);
    if (!newkw)
        return Value::null();
    Dict* newdict = nullptr;
    if (!is_none(dict)) {
        newdict = as_dict(dict);
        if (!newdict)
            return raise(vm, exc::TypeError, "invalid partial state");
    }
    p->fn = fn;
    p->args = newargs;
    p->kw = newkw;
    p->dict = newdict;
    return py_none();
}

Value partial_get_func(VM&, Value const* args, size_t, Tuple*) { return self_partial(args[0])->fn; }
Value partial_get_args(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_partial(args[0])->args); }
Value partial_get_keywords(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_partial(args[0])->kw); }

// ------------------------------------------------------------------ cmp_to_key

struct KeyObject : Object {
    Value cmp;
    Value object; // null in the factory cmp_to_key returns
};

void key_trace(Object* self, Tracer& t)
{
    auto* k = static_cast<KeyObject*>(self);
    t.visit(k->cmp);
    t.visit(k->object);
}

Value cmp_to_key(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "cmp_to_key", args, nargs, kwnames, { "mycmp" }, 1, out))
        return Value::null();
    auto* k = vm.heap.make<KeyObject>(g_keywrapper);
    if (!k)
        return Value::null();
    k->cmp = out[0];
    return Value::from_object(k);
}

Value key_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "K", args + 1, nargs - 1, kwnames, { "obj" }, 1, out))
        return Value::null();
    auto* k = vm.heap.make<KeyObject>(g_keywrapper);
    if (!k)
        return Value::null();
    k->cmp = args[0].as<KeyObject>()->cmp;
    k->object = out[0];
    return Value::from_object(k);
}

template<CmpArg Op>
Value key_compare(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, cmp_method_name(Op), nargs - 1, kwnames, 1))
        return Value::null();
    if (type_of(args[1]) != g_keywrapper)
        return raise(vm, exc::TypeError, "other argument must be K instance");
    auto* a = args[0].as<KeyObject>();
    auto* b = args[1].as<KeyObject>();
    if (a->object.is_null() || b->object.is_null())
        return raise(vm, exc::AttributeError, "object");
    Value res = TRY(call2(vm, a->cmp, a->object, b->object));
    return rich_compare(vm, res, Value::small_int(0), Op);
}

Value key_get_obj(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* k = args[0].as<KeyObject>();
    if (k->object.is_null())
        return raise(vm, exc::AttributeError, "obj");
    return k->object;
}

Value key_set_obj(VM&, Value const* args, size_t, Tuple*)
{
    args[0].as<KeyObject>()->object = args[1];
    return py_none();
}

// ------------------------------------------------------------------ _lru_cache_wrapper

struct LruLink : Object {
    LruLink* prev;
    LruLink* next;
    int64_t hash;
    Value key;
    Value result;
};

void lru_link_trace(Object* self, Tracer& t)
{
    auto* l = static_cast<LruLink*>(self);
    t.visit(l->prev);
    t.visit(l->next);
    t.visit(l->key);
    t.visit(l->result);
}

enum class LruKind : uint8_t { Uncached, Infinite, Bounded };

struct LruWrapper : Object {
    Value func;
    Dict* cache;
    LruLink* root; // sentinel of the circular list (bounded only)
    Value cache_info_type;
    Value kwd_mark;
    Dict* dict;
    int64_t maxsize; // -1: unbounded
    int64_t hits;
    int64_t misses;
    LruKind kind;
    bool typed;
};

void lru_trace(Object* self, Tracer& t)
{
    auto* w = static_cast<LruWrapper*>(self);
    t.visit(w->func);
    t.visit(w->cache);
    t.visit(w->root);
    t.visit(w->cache_info_type);
    t.visit(w->kwd_mark);
    t.visit(w->dict);
}

LruWrapper* self_lru(Value v) { return v.as<LruWrapper>(); }

void link_extract(LruLink* link)
{
    link->prev->next = link->next;
    link->next->prev = link->prev;
}

void link_append(LruWrapper* w, LruLink* link)
{
    LruLink* root = w->root;
    LruLink* last = root->prev;
    last->next = root->prev = link;
    link->prev = last;
    link->next = root;
}

void link_prepend(LruWrapper* w, LruLink* link)
{
    LruLink* root = w->root;
    LruLink* first = root->next;
    first->prev = root->next = link;
    link->prev = root;
    link->next = first;
}

Value lru_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[4];
    if (!parse_args(vm, "lru_cache", args + 1, nargs - 1, kwnames, { "user_function", "maxsize", "typed", "cache_info_type" },
                    4, out))
        return Value::null();
    if (!is_callable(out[0]))
        return raise(vm, exc::TypeError, "the first argument must be callable");
    int typed = truthy(vm, out[2]);
    if (typed < 0)
        return Value::null();
    int64_t maxsize = -1;
    LruKind kind = LruKind::Infinite;
    if (!is_none(out[1])) {
        if (type_of(out[1])->slot(Slot::INDEX).is_null())
            return raise(vm, exc::TypeError, "maxsize should be integer or None");
        if (!index_i64(vm, out[1], maxsize))
            return Value::null();
        if (maxsize < 0)
            maxsize = 0;
        kind = maxsize == 0 ? LruKind::Uncached : LruKind::Bounded;
    }
    Dict* cache = dict_new(vm);
    auto* root = vm.heap.make<LruLink>(g_lru_link);
    Object* mark = alloc_instance(vm, types.object);
    if (!cache || !root || !mark)
        return Value::null();
    root->prev = root->next = root;
    auto* w = static_cast<LruWrapper*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!w)
        return Value::null();
    w->func = out[0];
    w->cache = cache;
    w->root = root;
    w->cache_info_type = out[3];
    w->kwd_mark = Value::from_object(mark);
    w->maxsize = maxsize;
    w->kind = kind;
    w->typed = typed != 0;
    return Value::from_object(w);
}

// lru_cache_make_key: a lone str/int argument is its own key; otherwise a tuple of the
// arguments, the keyword mark and keyword pairs, and with typed=True their types.
Value make_key(VM& vm, LruWrapper* w, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t nkw = kwnames ? kwnames->size : 0;
    if (!w->typed && nkw == 0) {
        if (nargs == 1) {
            TypeObject* t = type_of(args[0]);
            if (t == types.str || t == types.int_)
                return args[0];
        }
        return Value::from_object(tuple_from_array(vm, args, nargs));
    }
    size_t size = nargs + (nkw ? nkw * 2 + 1 : 0) + (w->typed ? nargs + nkw : 0);
    Tuple* key = tuple_new(vm, size);
    if (!key)
        return Value::null();
    size_t n = 0;
    for (size_t i = 0; i < nargs; ++i)
        key->items[n++] = args[i];
    if (nkw) {
        key->items[n++] = w->kwd_mark;
        for (size_t i = 0; i < nkw; ++i) {
            key->items[n++] = kwnames->items[i];
            key->items[n++] = args[nargs + i];
        }
    }
    if (w->typed) {
        for (size_t i = 0; i < nargs; ++i)
            key->items[n++] = Value::from_object(type_of(args[i]));
        for (size_t i = 0; i < nkw; ++i)
            key->items[n++] = Value::from_object(type_of(args[nargs + i]));
    }
    return Value::from_object(key);
}

Value lru_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    LruWrapper* w = self_lru(args[0]);
    Value const* cargs = args + 1;
    size_t cn = nargs - 1;
    if (w->kind == LruKind::Uncached) {
        w->misses++;
        return call(vm, w->func, cargs, cn, kwnames);
    }
    Value key = TRY(make_key(vm, w, cargs, cn, kwnames));
    int64_t h;
    if (!hash(vm, key, h))
        return Value::null();
    Value found = TRY(dict_get_hashed(vm, w->cache, key, h));
    if (w->kind == LruKind::Infinite) {
        if (!found.is_not_found()) {
            w->hits++;
            return found;
        }
        w->misses++;
        Value result = TRY(call(vm, w->func, cargs, cn, kwnames));
        if (!dict_set_hashed(vm, w->cache, key, h, result))
            return Value::null();
        return result;
    }
    if (!found.is_not_found()) {
        auto* link = found.as<LruLink>();
        link_extract(link);
        link_append(w, link);
        w->hits++;
        return link->result;
    }
    w->misses++;
    Value result = TRY(call(vm, w->func, cargs, cn, kwnames));
    Value again = TRY(dict_get_hashed(vm, w->cache, key, h));
    if (!again.is_not_found())
        return result; // a re-entrant call cached this key meanwhile
    if (int64_t(w->cache->used) < w->maxsize || w->root->next == w->root) {
        auto* link = vm.heap.make<LruLink>(g_lru_link);
        if (!link)
            return Value::null();
        link->hash = h;
        link->key = key;
        link->result = result;
        if (!dict_set_hashed(vm, w->cache, key, h, Value::from_object(link)))
            return Value::null();
        link_append(w, link);
        return result;
    }
    // Full: reuse the oldest link for the new entry.
    LruLink* old = w->root->next;
    link_extract(old);
    Value popped = dict_get_hashed(vm, w->cache, old->key, old->hash);
    if (popped.is_null()) {
        link_prepend(w, old);
        return Value::null();
    }
    if (popped.is_not_found())
        return result; // already removed by re-entrant code: the link is an orphan now
    if (dict_del_hashed(vm, w->cache, old->key, old->hash) < 0) {
        link_prepend(w, old);
        return Value::null();
    }
    old->hash = h;
    old->key = key;
    old->result = result;
    if (!dict_set_hashed(vm, w->cache, key, h, Value::from_object(old)))
        return Value::null();
    link_append(w, old);
    return result;
}

Value lru_cache_info(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_lru_cache_wrapper", "cache_info", nargs - 1, kwnames))
        return Value::null();
    LruWrapper* w = self_lru(args[0]);
    Value maxsize = w->kind == LruKind::Infinite ? py_none() : TRY(int_from_i64(vm, w->maxsize));
    Value info[4] = { TRY(int_from_i64(vm, w->hits)), TRY(int_from_i64(vm, w->misses)), maxsize,
                      TRY(int_from_i64(vm, w->cache->used)) };
    return call(vm, w->cache_info_type, info, 4);
}

Value lru_cache_clear(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_lru_cache_wrapper", "cache_clear", nargs - 1, kwnames))
        return Value::null();
    LruWrapper* w = self_lru(args[0]);
    w->hits = w->misses = 0;
    w->root->prev = w->root->next = w->root;
    dict_clear(w->cache);
    return py_none();
}

Value lru_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_lru_cache_wrapper", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return getattr(vm, args[0], names.__qualname__);
}

Value lru_copy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "_lru_cache_wrapper", "__copy__", nargs - 1, kwnames))
        return Value::null();
    return args[0];
}

Value lru_deepcopy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "_lru_cache_wrapper", "__deepcopy__", nargs - 1, kwnames))
        return Value::null();
    return args[0];
}

// A method when looked up on an instance, as a function would be.
Value lru_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    Value obj = nargs > 1 ? args[1] : py_none();
    if (is_none(obj))
        return args[0];
    return bound_method_new(vm, args[0], obj);
}


// ------------------------------------------------------------------ setup

void setup_types(VM& vm)
{
    g_partial = make_module_type(vm, "functools", "partial", nullptr, sizeof(PartialObject), TF_BASETYPE | TF_LAYOUT_DICT | TF_LAYOUT_WEAKREF,
                                 partial_trace);
    g_partial->dict_offset = offsetof(PartialObject, dict);
    add_methods(vm, g_partial, {
        { "__new__", partial_new, METH_STATIC }, { "__call__", partial_call }, { "__repr__", partial_repr },
        { "__reduce__", partial_reduce }, { "__setstate__", partial_setstate },
        { "__class_getitem__", generic_class_getitem, METH_CLASS },
    });
    add_getsets(vm, g_partial, {
        { "func", partial_get_func }, { "args", partial_get_args }, { "keywords", partial_get_keywords },
        { "__dict__", instance_dict_get, instance_dict_set },
    });

    g_keywrapper = make_module_type(vm, "functools", "KeyWrapper", nullptr, sizeof(KeyObject), 0, key_trace);
    add_methods(vm, g_keywrapper, {
        { "__call__", key_call },
        { "__lt__", key_compare<CmpArg::LT> }, { "__le__", key_compare<CmpArg::LE> },
        { "__eq__", key_compare<CmpArg::EQ> }, { "__ne__", key_compare<CmpArg::NE> },
        { "__gt__", key_compare<CmpArg::GT> }, { "__ge__", key_compare<CmpArg::GE> },
    });
    add_getsets(vm, g_keywrapper, { { "obj", key_get_obj, key_set_obj } });
    add_attribute(vm, g_keywrapper, "__hash__", py_none());

    g_lru_link = make_module_type(vm, "functools", "_lru_list_elem", nullptr, sizeof(LruLink), 0, lru_link_trace);
    g_lru = make_module_type(vm, "functools", "_lru_cache_wrapper", nullptr, sizeof(LruWrapper),
                             TF_BASETYPE | TF_LAYOUT_DICT | TF_LAYOUT_WEAKREF, lru_trace);
    g_lru->dict_offset = offsetof(LruWrapper, dict);
    add_methods(vm, g_lru, {
        { "__new__", lru_new, METH_STATIC }, { "__call__", lru_call }, { "__get__", lru_get },
        { "cache_info", lru_cache_info }, { "cache_clear", lru_cache_clear }, { "__reduce__", lru_reduce },
        { "__copy__", lru_copy }, { "__deepcopy__", lru_deepcopy },
    });
    add_getsets(vm, g_lru, { { "__dict__", instance_dict_get, instance_dict_set } });

    for (TypeObject* t : { g_partial, g_keywrapper, g_lru_link, g_lru })
        finish_builtin_type(vm, t);
}

} // namespace

Module* make_functools_module(VM& vm)
{
    if (!g_partial)
        setup_types(vm);
    Module* m = module_new(vm, "_functools");
    module_add_functions(vm, m, { { "reduce", functools_reduce }, { "cmp_to_key", cmp_to_key } });
    module_add(vm, m, "partial", Value::from_object(g_partial));
    module_add(vm, m, "_lru_cache_wrapper", Value::from_object(g_lru));
    return m;
}

} // namespace slpy
