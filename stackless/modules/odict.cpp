// _collections.OrderedDict, as CPython 3.11's C implementation (Objects/odictobject.c)
// behaves; collections/__init__.py picks it up instead of its pure-Python class.
//
// An OrderedDict is a dict (its items live in the inherited table, so dict's own lookups
// and methods work on it) plus the order: a doubly linked list of nodes, one per key, and
// a second, private dict from key to node that finds a key's node in O(1). Every
// operation hashes the key once and uses the known hash in both tables; move_to_end,
// deletion and popitem are O(1).
//
// `state` counts changes of the order (a node added, removed or moved): iterators and
// order-sensitive comparisons raise "OrderedDict mutated during iteration" when it moved,
// and "OrderedDict changed size during iteration" when the dict's size changed behind
// the order's back (dict.__setitem__(od, ...)). As in CPython, the dict and the order may
// disagree after such bypasses; iteration then raises KeyError for a key missing from
// the dict.
#include "stackless/modules/data_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/reduce.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

namespace slpy {

// object.__dict__'s getter and setter (objects/object_methods.cpp).
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

namespace {

TypeObject* g_odict = nullptr;
TypeObject* g_odict_node = nullptr;
TypeObject* g_odict_iter = nullptr;
TypeObject* g_odict_keys = nullptr;
TypeObject* g_odict_values = nullptr;
TypeObject* g_odict_items = nullptr;

struct ODictNode : Object {
    Value key;
    int64_t hash;
    ODictNode* prev;
    ODictNode* next;
};

struct ODict : Dict {
    Dict* inst_dict; // __dict__
    Dict* nodes;     // key -> ODictNode (null until the first key)
    ODictNode* first;
    ODictNode* last;
    uint64_t state;
};

enum IterKind : uint8_t { KEYS = 0, VALUES = 1, ITEMS = 2 };

struct ODictIter : Object {
    Value od;         // null once exhausted
    ODictNode* node;  // the next node; valid while od's state is unchanged
    uint64_t state;
    int64_t size;     // the od's size when made; -1 once the size changed (sticky)
    uint8_t kind;
    bool reversed;
};

void odict_node_trace(Object* self, Tracer& t)
{
    auto* n = static_cast<ODictNode*>(self);
    t.visit(n->key);
    t.visit(n->prev);
    t.visit(n->next);
}

void odict_trace(Object* self, Tracer& t)
{
    types.dict->trace(self, t);
    auto* od = static_cast<ODict*>(self);
    t.visit(od->inst_dict);
    t.visit(od->nodes);
    t.visit(od->first);
    t.visit(od->last);
}

void odict_iter_trace(Object* self, Tracer& t)
{
    auto* it = static_cast<ODictIter*>(self);
    t.visit(it->od);
    t.visit(it->node);
}

ODict* as_odict(Value v) { return is_instance_fast(v, g_odict) ? static_cast<ODict*>(v.as_object()) : nullptr; }
bool is_exact_odict(Value v) { return type_of(v) == g_odict; }

// ------------------------------------------------------------------ the order

Value find_node(VM& vm, ODict* od, Value key, int64_t hash)
{
    if (!od->nodes)
        return Value::not_found();
    return dict_get_hashed(vm, od->nodes, key, hash);
}

bool add_node(VM& vm, ODict* od, Value key, int64_t hash)
{
    if (!od->nodes) {
        od->nodes = dict_new(vm);
        if (!od->nodes)
            return false;
    }
    auto* n = static_cast<ODictNode*>(alloc_instance(vm, g_odict_node));
    if (!n)
        return false;
    n->key = key;
    n->hash = hash;
    if (!dict_set_hashed(vm, od->nodes, key, hash, Value::from_object(n)))
        return false;
    n->prev = od->last;
    if (od->last)
        od->last->next = n;
    else
        od->first = n;
    od->last = n;
    od->state++;
    return true;
}

void unlink_node(ODict* od, ODictNode* n)
{
    if (n->prev)
        n->prev->next = n->next;
    else
        od->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        od->last = n->prev;
    n->prev = n->next = nullptr;
    od->state++;
}

bool remove_node(VM& vm, ODict* od, Value key, int64_t hash)
{
    Value found = find_node(vm, od, key, hash);
    if (found.is_null())
        return false;
    if (found.is_not_found())
        return true;
    unlink_node(od, found.as<ODictNode>());
    return dict_del_hashed(vm, od->nodes, key, hash) >= 0;
}

void clear_order(ODict* od)
{
    if (od->nodes)
        dict_clear(od->nodes);
    od->first = od->last = nullptr;
    od->state++;
}

// od[key] = value (PyODict_SetItem).
bool odict_set(VM& vm, ODict* od, Value key, Value value)
{
    int64_t h;
    if (!hash(vm, key, h))
        return false;
    Value found = find_node(vm, od, key, h);
    if (found.is_null())
        return false;
    if (found.is_not_found() && !add_node(vm, od, key, h))
        return false;
    if (!dict_set_hashed(vm, od, key, h, value)) {
        if (found.is_not_found())
            (void)remove_node(vm, od, key, h);
        return false;
    }
    return true;
}

// ------------------------------------------------------------------ update

// for key, value in pairs: self[key] = value (with CPython's unpacking messages).
bool add_pairs(VM& vm, Value self, Value pairs)
{
    Value it = TRY_BOOL(get_iter(vm, pairs));
    for (;;) {
        Value pair = TRY_BOOL(iter_next(vm, it));
        if (pair.is_stop_iteration())
            return true;
        Value pit = TRY_BOOL(get_iter(vm, pair));
        Value kv[3];
        for (int i = 0; i < 3; ++i) {
            kv[i] = TRY_BOOL(iter_next(vm, pit));
            if (kv[i].is_stop_iteration()) {
                if (i < 2)
                    return raise(vm, exc::ValueError, i == 0 ? "need more than 0 values to unpack"
                                                             : "need more than 1 value to unpack"),
                           false;
                break;
            }
            if (i == 2)
                return raise(vm, exc::ValueError, "too many values to unpack (expected 2)"), false;
        }
        if (!setitem(vm, self, kv[0], kv[1]))
            return false;
    }
}

// MutableMapping.update's argument, as CPython's mutablemapping_update_arg.
bool update_from(VM& vm, Value self, Value arg)
{
    if (type_of(arg) == types.dict) {
        Dict* d = as_dict(arg);
        List* items = list_new(vm);
        if (!items)
            return false;
        size_t pos = 0;
        Value k, v;
        while (dict_next(d, pos, k, v)) {
            Tuple* t = tuple_pack(vm, { k, v });
            if (!t || !list_append(vm, items, Value::from_object(t)))
                return false;
        }
        return add_pairs(vm, self, Value::from_object(items));
    }
    Value keys = TRY_BOOL(getattr_opt(vm, arg, names.keys));
    if (!keys.is_not_found()) {
        Value ks = TRY_BOOL(call(vm, keys, nullptr, 0));
        Value it = TRY_BOOL(get_iter(vm, ks));
        for (;;) {
            Value k = TRY_BOOL(iter_next(vm, it));
            if (k.is_stop_iteration())
                return true;
            Value v = TRY_BOOL(getitem(vm, arg, k));
            if (!setitem(vm, self, k, v))
                return false;
        }
    }
    Value items = TRY_BOOL(getattr_opt(vm, arg, names.items));
    if (!items.is_not_found()) {
        Value is = TRY_BOOL(call(vm, items, nullptr, 0));
        return add_pairs(vm, self, is);
    }
    return add_pairs(vm, self, arg);
}

bool update_common(VM& vm, Value self, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs == 1 && !update_from(vm, self, args[0]))
        return false;
    size_t nkw = kwnames ? kwnames->size : 0;
    for (size_t i = 0; i < nkw; ++i)
        if (!setitem(vm, self, kwnames->items[i], args[nargs + i]))
            return false;
    return true;
}

// ------------------------------------------------------------------ methods

#define SELF_OD ODict* od = static_cast<ODict*>(args[0].as_object())

Value odict_new(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* od = static_cast<ODict*>(alloc_instance(vm, args[0].as<TypeObject>()));
    return od ? Value::from_object(od) : Value::null();
}

Value odict_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs - 1 > 1)
        return raise_fmt(vm, exc::TypeError, "expected at most 1 arguments, got %zu", nargs - 1);
    if (!update_common(vm, args[0], args + 1, nargs - 1, kwnames))
        return Value::null();
    return py_none();
}

Value odict_update(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs - 1 > 1)
        return raise_fmt(vm, exc::TypeError, "update() takes at most 1 positional argument (%zu given)", nargs - 1);
    if (!update_common(vm, args[0], args + 1, nargs - 1, kwnames))
        return Value::null();
    return py_none();
}

Value odict_setitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__setitem__", nargs - 1, kwnames, 2))
        return Value::null();
    SELF_OD;
    if (!odict_set(vm, od, args[1], args[2]))
        return Value::null();
    return py_none();
}

Value odict_delitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__delitem__", nargs - 1, kwnames, 1))
        return Value::null();
    SELF_OD;
    int64_t h;
    if (!hash(vm, args[1], h) || !remove_node(vm, od, args[1], h))
        return Value::null();
    int r = dict_del_hashed(vm, od, args[1], h);
    if (r < 0)
        return Value::null();
    if (r == 0) {
        Tuple* t = tuple_pack(vm, { args[1] });
        return t ? raise_with_args(vm, exc::KeyError, t) : Value::null();
    }
    return py_none();
}

Value raise_key_error(VM& vm, Value key)
{
    Tuple* t = tuple_pack(vm, { key });
    return t ? raise_with_args(vm, exc::KeyError, t) : Value::null();
}

// The value popped for key, or Value::not_found() when absent: the node first, then the
// dict's item, without the subclass's __getitem__/__delitem__ (_odict_popkey_hash).
Value pop_key(VM& vm, Value self, Value key)
{
    ODict* od = as_odict(self);
    int64_t h;
    if (!hash(vm, key, h))
        return Value::null();
    Value node = TRY(find_node(vm, od, key, h));
    if (node.is_not_found())
        return node;
    unlink_node(od, node.as<ODictNode>());
    if (dict_del_hashed(vm, od->nodes, key, h) < 0)
        return Value::null();
    Value v = TRY(dict_get_hashed(vm, od, key, h));
    if (v.is_not_found())
        return v;
    if (dict_del_hashed(vm, od, key, h) < 0)
        return Value::null();
    return v;
}

Value odict_pop(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "pop", args + 1, nargs - 1, kwnames, { "key", "default" }, 1, a))
        return Value::null();
    Value v = TRY(pop_key(vm, args[0], a[0]));
    if (!v.is_not_found())
        return v;
    if (!a[1].is_null())
        return a[1];
    return raise_key_error(vm, a[0]);
}

Value odict_popitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "popitem", args + 1, nargs - 1, kwnames, { "last" }, 0, a))
        return Value::null();
    bool last = true;
    if (!a[0].is_null()) {
        int t = truthy(vm, a[0]);
        if (t < 0)
            return Value::null();
        last = t;
    }
    SELF_OD;
    ODictNode* n = last ? od->last : od->first;
    if (!n)
        return raise(vm, exc::KeyError, "dictionary is empty");
    Value key = n->key;
    Value v = TRY(pop_key(vm, args[0], key));
    if (v.is_not_found())
        return raise_key_error(vm, key);
    return Value::from_object(tuple_pack(vm, { key, v }));
}

Value odict_setdefault(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "setdefault", args + 1, nargs - 1, kwnames, { "key", "default" }, 1, a))
        return Value::null();
    Value dflt = a[1].is_null() ? py_none() : a[1];
    if (is_exact_odict(args[0])) {
        SELF_OD;
        Value v = TRY(dict_get(vm, od, a[0]));
        if (!v.is_not_found())
            return v;
        if (!odict_set(vm, od, a[0], dflt))
            return Value::null();
        return dflt;
    }
    int present = contains(vm, args[0], a[0]);
    if (present < 0)
        return Value::null();
    if (present)
        return getitem(vm, args[0], a[0]);
    if (!setitem(vm, args[0], a[0], dflt))
        return Value::null();
    return dflt;
}

Value odict_clear(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "clear", nargs - 1, kwnames))
        return Value::null();
    SELF_OD;
    dict_clear(od);
    clear_order(od);
    return py_none();
}

Value odict_move_to_end(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "move_to_end", args + 1, nargs - 1, kwnames, { "key", "last" }, 1, a))
        return Value::null();
    bool last = true;
    if (!a[1].is_null()) {
        int t = truthy(vm, a[1]);
        if (t < 0)
            return Value::null();
        last = t;
    }
    SELF_OD;
    int64_t h;
    if (!hash(vm, a[0], h))
        return Value::null();
    Value found = TRY(find_node(vm, od, a[0], h));
    if (found.is_not_found())
        return raise_key_error(vm, a[0]);
    auto* n = found.as<ODictNode>();
    if ((last ? od->last : od->first) == n)
        return py_none();
    unlink_node(od, n);
    if (last) {
        n->prev = od->last;
        od->last->next = n;
        od->last = n;
    } else {
        n->next = od->first;
        od->first->prev = n;
        od->first = n;
    }
    od->state++;
    return py_none();
}

Value make_iter(VM& vm, Value self, uint8_t kind, bool reversed)
{
    ODict* od = as_odict(self);
    auto* it = static_cast<ODictIter*>(alloc_instance(vm, g_odict_iter));
    if (!it)
        return Value::null();
    it->od = self;
    it->node = reversed ? od->last : od->first;
    it->state = od->state;
    it->size = od->used;
    it->kind = kind;
    it->reversed = reversed;
    return Value::from_object(it);
}

Value odict_iter(VM& vm, Value const* args, size_t, Tuple*) { return make_iter(vm, args[0], KEYS, false); }

Value odict_reversed(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "__reversed__", nargs - 1, kwnames))
        return Value::null();
    return make_iter(vm, args[0], KEYS, true);
}

Value make_view(VM& vm, Value self, TypeObject* t)
{
    auto* v = static_cast<DictView*>(alloc_instance(vm, t));
    if (!v)
        return Value::null();
    v->dict = self;
    return Value::from_object(v);
}

Value odict_keys(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "keys", nargs - 1, kwnames))
        return Value::null();
    return make_view(vm, args[0], g_odict_keys);
}

Value odict_values(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "values", nargs - 1, kwnames))
        return Value::null();
    return make_view(vm, args[0], g_odict_values);
}

Value odict_items(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "items", nargs - 1, kwnames))
        return Value::null();
    return make_view(vm, args[0], g_odict_items);
}

Value odict_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    SELF_OD;
    std::string name = type_of(args[0])->name->c_str();
    if (od->used == 0)
        return str_value(vm, name + "()");
    if (!repr_enter(vm, od))
        return str_value(vm, "...");
    Value pieces;
    if (is_exact_odict(args[0])) {
        List* l = list_new(vm);
        pieces = l ? Value::from_object(l) : Value::null();
        for (ODictNode* n = od->first; l && n; n = n->next) {
            Value v = dict_get(vm, od, n->key);
            if (v.is_null() || (v.is_not_found() && raise_key_error(vm, n->key).is_null())) {
                pieces = Value::null();
                break;
            }
            Tuple* t = tuple_pack(vm, { n->key, v });
            if (!t || !list_append(vm, l, Value::from_object(t))) {
                pieces = Value::null();
                break;
            }
        }
    } else {
        Value items = call_method(vm, args[0], names.items, nullptr, 0);
        pieces = items.is_null() ? items : Value::from_object(list_from_iterable(vm, items));
    }
    Value r = pieces.is_null() ? pieces : repr(vm, pieces);
    repr_leave(vm, od);
    if (r.is_null())
        return r;
    return str_value(vm, name + "(" + std::string(as_str(r)->view()) + ")");
}

Value odict_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    Value state = TRY(call_method(vm, args[0], names.__getstate__, nullptr, 0));
    Value items = TRY(call_method(vm, args[0], names.items, nullptr, 0));
    Value it = TRY(get_iter(vm, items));
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(empty_tuple()),
                                               state, py_none(), it }));
}

Value odict_copy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "copy", nargs - 1, kwnames))
        return Value::null();
    SELF_OD;
    bool exact = is_exact_odict(args[0]);
    Value copy = TRY(call(vm, Value::from_object(type_of(args[0])), nullptr, 0));
    uint64_t state = od->state;
    for (ODictNode* n = od->first; n; n = n->next) {
        Value v = exact ? dict_get(vm, od, n->key) : getitem(vm, args[0], n->key);
        if (v.is_null())
            return v;
        if (v.is_not_found())
            return raise_key_error(vm, n->key);
        if (!setitem(vm, copy, n->key, v))
            return Value::null();
        if (od->state != state)
            return raise(vm, exc::RuntimeError, "OrderedDict mutated during iteration");
    }
    return copy;
}

Value odict_fromkeys(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "fromkeys", args + 1, nargs - 1, kwnames, { "iterable", "value" }, 1, a))
        return Value::null();
    Value value = a[1].is_null() ? py_none() : a[1];
    Value d = TRY(call(vm, args[0], nullptr, 0));
    Value it = TRY(get_iter(vm, a[0]));
    for (;;) {
        Value k = TRY(iter_next(vm, it));
        if (k.is_stop_iteration())
            return d;
        if (!setitem(vm, d, k, value))
            return Value::null();
    }
}

Value odict_sizeof(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "OrderedDict", "__sizeof__", nargs - 1, kwnames))
        return Value::null();
    SELF_OD;
    Value base = TRY(call_method(vm, Value::from_object(types.dict), intern(vm, "__sizeof__"), args, 1));
    int64_t n = 0;
    if (!index_i64(vm, base, n))
        return Value::null();
    // The nodes and the key-to-node table.
    n += int64_t(od->used) * int64_t(sizeof(ODictNode) + 3 * sizeof(Value));
    return int_from_i64(vm, n);
}

// Keys of a and b pairwise equal, in order (_odict_keys_equal).
int keys_equal(VM& vm, ODict* a, ODict* b)
{
    uint64_t sa = a->state, sb = b->state;
    ODictNode* na = a->first;
    ODictNode* nb = b->first;
    for (;;) {
        if (!na || !nb)
            return na == nb;
        int eq = rich_compare_bool(vm, na->key, nb->key, CmpArg::EQ);
        if (eq < 0)
            return -1;
        if (a->state != sa || b->state != sb) {
            raise(vm, exc::RuntimeError, "OrderedDict mutated during iteration");
            return -1;
        }
        if (!eq)
            return 0;
        na = na->next;
        nb = nb->next;
    }
}

template <bool Eq>
Value odict_eq(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, Eq ? "__eq__" : "__ne__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!as_dict(args[1]))
        return py_not_implemented();
    Value pass[2] = { args[0], args[1] };
    Value r = TRY(call(vm, types.dict->slot(Eq ? Slot::EQ : Slot::NE), pass, 2));
    ODict* other = as_odict(args[1]);
    if (!other || r.is(py_not_implemented()))
        return r;
    bool eq = r.is(py_true()) == Eq;
    if (eq) {
        int k = keys_equal(vm, as_odict(args[0]), other);
        if (k < 0)
            return Value::null();
        eq = k;
    }
    return py_bool(Eq ? eq : !eq);
}

Value odict_or(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool reflected)
{
    if (!check_wrapper_args(vm, reflected ? "__ror__" : "__or__", nargs - 1, kwnames, 1))
        return Value::null();
    Value left = reflected ? args[1] : args[0];
    Value right = reflected ? args[0] : args[1];
    if (!as_dict(args[1]))
        return py_not_implemented();
    Value n = TRY(call(vm, Value::from_object(type_of(args[0])), &left, 1));
    if (!update_from(vm, n, right))
        return Value::null();
    return n;
}

Value odict_or_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return odict_or(vm, args, nargs, kwnames, false); }
Value odict_ror_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames) { return odict_or(vm, args, nargs, kwnames, true); }

Value odict_ior(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__ior__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!update_from(vm, args[0], args[1]))
        return Value::null();
    return args[0];
}

// ------------------------------------------------------------------ iterators and views

Value odict_iter_step(VM& vm, Value self)
{
    auto* it = self.as<ODictIter>();
    if (it->od.is_null())
        return Value::stop_iteration();
    ODict* od = as_odict(it->od);
    if (od->state != it->state) {
        it->od = Value::null();
        return raise(vm, exc::RuntimeError, "OrderedDict mutated during iteration");
    }
    if (it->size != int64_t(od->used)) {
        it->size = -1; // sticky
        return raise(vm, exc::RuntimeError, "OrderedDict changed size during iteration");
    }
    ODictNode* n = it->node;
    if (!n) {
        it->od = Value::null();
        return Value::stop_iteration();
    }
    it->node = it->reversed ? n->prev : n->next;
    if (it->kind == KEYS)
        return n->key;
    // Looked up by a fresh hash of the key, as PyODict_GetItem.
    Value v = dict_get(vm, od, n->key);
    if (v.is_null())
        return v;
    if (v.is_not_found()) {
        it->od = Value::null();
        return raise_key_error(vm, n->key);
    }
    if (it->kind == VALUES)
        return v;
    return Value::from_object(tuple_pack(vm, { n->key, v }));
}

Value odict_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "odict_iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<ODictIter>();
    // list(copy(it)): the rest, without advancing `it`.
    auto* copy = static_cast<ODictIter*>(alloc_instance(vm, g_odict_iter));
    if (!copy)
        return Value::null();
    copy->od = it->od;
    copy->node = it->node;
    copy->state = it->state;
    copy->size = it->size;
    copy->kind = it->kind;
    copy->reversed = it->reversed;
    List* rest = list_from_iterable(vm, Value::from_object(copy));
    return rest ? reduce_builtin(vm, "iter", { Value::from_object(rest) }) : Value::null();
}

template <uint8_t Kind, bool Reversed>
Value odict_view_iter(VM& vm, Value const* args, size_t, Tuple*)
{
    return make_iter(vm, args[0].as<DictView>()->dict, Kind, Reversed);
}

Value odict_view_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Object* self = args[0].as_object();
    std::string name = type_of(args[0])->name->c_str();
    if (!repr_enter(vm, self))
        return str_value(vm, "...");
    List* l = list_from_iterable(vm, args[0]);
    Value r = l ? repr(vm, Value::from_object(l)) : Value::null();
    repr_leave(vm, self);
    if (r.is_null())
        return r;
    return str_value(vm, name + "(" + std::string(as_str(r)->view()) + ")");
}

} // namespace

TypeObject* setup_odict_types(VM& vm)
{
    if (g_odict)
        return g_odict;
    g_odict_node = make_module_type(vm, "_collections", "_odict_node", nullptr, sizeof(ODictNode), 0, odict_node_trace);
    g_odict = make_module_type(vm, "collections", "OrderedDict", types.dict, sizeof(ODict),
                               TF_BASETYPE | TF_DICT_SUBCLASS | TF_LAYOUT_DICT | TF_LAYOUT_WEAKREF, odict_trace);
    g_odict->dict_offset = offsetof(ODict, inst_dict);
    add_methods(vm, g_odict, {
        { "__new__", odict_new, METH_STATIC }, { "__init__", odict_init },
        { "__setitem__", odict_setitem }, { "__delitem__", odict_delitem },
        { "__iter__", odict_iter }, { "__reversed__", odict_reversed },
        { "__repr__", odict_repr }, { "__reduce__", odict_reduce }, { "__sizeof__", odict_sizeof },
        { "__eq__", odict_eq<true> }, { "__ne__", odict_eq<false> },
        { "__or__", odict_or_method }, { "__ror__", odict_ror_method }, { "__ior__", odict_ior },
        { "update", odict_update }, { "pop", odict_pop }, { "popitem", odict_popitem },
        { "setdefault", odict_setdefault }, { "clear", odict_clear }, { "move_to_end", odict_move_to_end },
        { "keys", odict_keys }, { "values", odict_values }, { "items", odict_items },
        { "copy", odict_copy }, { "fromkeys", odict_fromkeys, METH_CLASS },
    });
    add_getsets(vm, g_odict, { { "__dict__", instance_dict_get, instance_dict_set } });
    add_attribute(vm, g_odict, "__hash__", py_none());

    g_odict_iter = make_module_type(vm, "builtins", "odict_iterator", nullptr, sizeof(ODictIter), 0, odict_iter_trace);
    g_odict_iter->iternext = odict_iter_step;
    add_methods(vm, g_odict_iter, {
        { "__iter__", iter_self_method }, { "__next__", next_method<odict_iter_step> },
        { "__reduce__", odict_iter_reduce },
    });

    struct ViewSpec {
        TypeObject*& type;
        char const* name;
        TypeObject* base;
        NativeFn iter;
        NativeFn reversed;
    };
    for (ViewSpec const& s : {
             ViewSpec { g_odict_keys, "odict_keys", types.dict_keys, odict_view_iter<KEYS, false>, odict_view_iter<KEYS, true> },
             ViewSpec { g_odict_values, "odict_values", types.dict_values, odict_view_iter<VALUES, false>,
                        odict_view_iter<VALUES, true> },
             ViewSpec { g_odict_items, "odict_items", types.dict_items, odict_view_iter<ITEMS, false>,
                        odict_view_iter<ITEMS, true> },
         }) {
        s.type = make_module_type(vm, "builtins", s.name, s.base, sizeof(DictView), 0, s.base->trace);
        add_methods(vm, s.type, { { "__iter__", s.iter }, { "__reversed__", s.reversed }, { "__repr__", odict_view_repr } });
    }
    for (TypeObject* t : { g_odict_node, g_odict, g_odict_iter, g_odict_keys, g_odict_values, g_odict_items })
        finish_builtin_type(vm, t);
    return g_odict;
}

} // namespace slpy
