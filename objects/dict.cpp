// dict: the Python-level behaviour on top of the core table of objects/containers.cpp
// (dict_get/set/del/next), the keys/values/items views and the dict iterators.
//
// Python code (a key's __eq__/__hash__, a value's __repr__) may mutate a dict at any
// lookup, so entry pointers are re-derived after every such call.
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/reduce.h"
#include "objects/set.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

namespace slpy {

namespace {

enum ViewKind { KEYS = 0, VALUES = 1, ITEMS = 2 };

// reversed(d) and reversed(view) iterators: the same DictIterator layout, but their own
// types (dict_reversekeyiterator, ...) as in CPython. Indexed by ViewKind.
TypeObject* g_reverse_iter_types[3];

Dict* self_dict(Value const* args) { return as_dict(args[0]); }

bool is_exact_dict(Value v) { return v.is_object() && v.as_object()->type == types.dict; }

Value raise_key_error(VM& vm, Value key)
{
    Tuple* args = tuple_pack(vm, { key });
    if (!args)
        return Value::null();
    return raise_with_args(vm, exc::KeyError, args);
}

// d[key] = value through the core (no __setitem__ dispatch).
bool store(VM& vm, Dict* d, Value key, Value value) { return dict_set(vm, d, key, value); }

// PyDict_Merge(d, b, override=1) for any mapping b: the table of a dict (whose __iter__
// is dict's own), else b.keys() and b[key].
bool merge_mapping(VM& vm, Dict* d, Value b)
{
    if (Dict* other = as_dict(b)) {
        if (type_of(b)->slot(Slot::ITER).is(types.dict->slot(Slot::ITER))) {
            if (other == d)
                return true;
            return dict_merge(vm, d, other, true);
        }
    }
    // PyMapping_Keys: b.keys() made into a list first, with CPython's message for a
    // keys() result that is not iterable.
    Value keys = call_method(vm, b, names.keys, nullptr, 0);
    if (keys.is_null())
        return false;
    Value it = get_iter(vm, keys);
    if (it.is_null()) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            (void)raise_fmt(vm, exc::TypeError, "%s.keys() returned a non-iterable (type %s)", type_name(b), type_name(keys));
        }
        return false;
    }
    List* key_list = list_from_iterable(vm, it);
    if (!key_list)
        return false;
    for (size_t i = 0; i < key_list->size; ++i) {
        Value key = key_list->items()[i];
        Value value = getitem(vm, b, key);
        if (value.is_null() || !store(vm, d, key, value))
            return false;
    }
    return true;
}

// PyDict_MergeFromSeq2: every item of seq2 is a 2-item sequence (key, value).
bool merge_pairs(VM& vm, Dict* d, Value seq2)
{
    Value it = get_iter(vm, seq2);
    if (it.is_null())
        return false;
    for (int64_t i = 0;; ++i) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            return true;
        Value key, value;
        size_t n;
        if (Tuple* t = as_tuple(item)) {
            n = t->size;
            if (n == 2) {
                key = t->items[0];
                value = t->items[1];
            }
        } else if (List* l = as_list(item)) {
            n = l->size;
            if (n == 2) {
                key = l->items()[0];
                value = l->items()[1];
            }
        } else {
            Value sub = get_iter(vm, item);
            if (sub.is_null()) {
                if (vm.error_matches(exc::TypeError)) {
                    vm.clear_error();
                    (void)raise_fmt(vm, exc::TypeError,
                                    "cannot convert dictionary update sequence element #%lld to a sequence",
                                    static_cast<long long>(i));
                }
                return false;
            }
            List* fast = list_from_iterable(vm, sub);
            if (!fast)
                return false;
            n = fast->size;
            if (n == 2) {
                key = fast->items()[0];
                value = fast->items()[1];
            }
        }
        if (n != 2) {
            (void)raise_fmt(vm, exc::ValueError, "dictionary update sequence element #%lld has length %zu; 2 is required",
                            static_cast<long long>(i), n);
            return false;
        }
        if (!store(vm, d, key, value))
            return false;
    }
}

// dict_update_arg: a dict, anything with keys(), or an iterable of pairs.
bool update_arg(VM& vm, Dict* d, Value arg)
{
    if (is_exact_dict(arg))
        return dict_merge(vm, d, arg.as<Dict>(), true);
    Value keys = getattr_opt(vm, arg, names.keys);
    if (keys.is_null())
        return false;
    if (!keys.is_not_found())
        return merge_mapping(vm, d, arg);
    return merge_pairs(vm, d, arg);
}

// dict.update / dict.__init__ common part: at most one positional, then the keywords.
bool update_common(VM& vm, char const* name, Dict* d, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_nargs(vm, name, nargs, 0, 1))
        return false;
    if (nargs == 1 && !update_arg(vm, d, args[0]))
        return false;
    if (kwnames) {
        for (size_t i = 0; i < kwnames->size; ++i)
            if (!store(vm, d, kwnames->items[i], args[nargs + i]))
                return false;
    }
    return true;
}

Value dict_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.dict)
        return Value::from_object(dict_new(vm));
    Object* o = alloc_instance(vm, cls);
    if (!o)
        return Value::null();
    return Value::from_object(o);
}

Value dict_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!update_common(vm, "dict", self_dict(args), args + 1, nargs - 1, kwnames))
        return Value::null();
    return py_none();
}

Value dict_update_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!update_common(vm, "update", self_dict(args), args + 1, nargs - 1, kwnames))
        return Value::null();
    return py_none();
}

Value dict_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    Dict* d = self_dict(args);
    // The recursion check comes first, as CPython's dict_repr: an empty dict already
    // being printed (a defaultdict that is its own default_factory) prints "{...}".
    if (!repr_enter(vm, d))
        return str_value(vm, "{...}");
    if (d->used == 0) {
        repr_leave(vm, d);
        return str_value(vm, "{}");
    }
    std::string out = "{";
    bool first = true;
    for (size_t pos = 0; pos < d->nentries; ++pos) {
        DictEntry e = d->entry_table()[pos];
        if (e.key.is_null())
            continue;
        if (!first)
            out += ", ";
        first = false;
        Value k = repr(vm, e.key);
        Value v = k.is_null() ? Value::null() : repr(vm, e.value);
        // The text grows with the reprs: through the heap's checked buffer.
        if (v.is_null() || !vm.heap.append_buffer(out, as_str(k)->view()) || !vm.heap.append_buffer(out, std::string_view(": ")) ||
            !vm.heap.append_buffer(out, as_str(v)->view())) {
            repr_leave(vm, d);
            return Value::null();
        }
    }
    repr_leave(vm, d);
    out += "}";
    return str_value(vm, out);
}

Value dict_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    return int_from_i64(vm, self_dict(args)->used);
}

Value dict_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "dict", "__getitem__", nargs - 1, kwnames))
        return Value::null();
    Value v = dict_get(vm, self_dict(args), args[1]);
    if (v.is_null())
        return Value::null();
    if (!v.is_not_found())
        return v;
    if (!is_exact_dict(args[0])) {
        Value r = call_slot(vm, args[0], Slot::MISSING, &args[1], 1);
        if (!r.is_not_found())
            return r;
    }
    return raise_key_error(vm, args[1]);
}

Value dict_setitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__setitem__", nargs - 1, kwnames, 2, true))
        return Value::null();
    if (!dict_set(vm, self_dict(args), args[1], args[2]))
        return Value::null();
    return py_none();
}

Value dict_delitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__delitem__", nargs - 1, kwnames, 1))
        return Value::null();
    int r = dict_del(vm, self_dict(args), args[1]);
    if (r < 0)
        return Value::null();
    if (r == 0)
        return raise_key_error(vm, args[1]);
    return py_none();
}

Value dict_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "dict", "__contains__", nargs - 1, kwnames))
        return Value::null();
    Value v = dict_get(vm, self_dict(args), args[1]);
    if (v.is_null())
        return Value::null();
    return py_bool(!v.is_not_found());
}

Value dict_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    return dict_iter_new(vm, args[0], KEYS, false);
}
Value dict_reversed(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "dict", "__reversed__", nargs - 1, kwnames))
        return Value::null();
    return dict_iter_new(vm, args[0], KEYS, true);
}
Value dict_keys_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "dict", "keys", nargs - 1, kwnames))
        return Value::null();
    return dict_view_new(vm, args[0], KEYS);
}
Value dict_values_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "dict", "values", nargs - 1, kwnames))
        return Value::null();
    return dict_view_new(vm, args[0], VALUES);
}
Value dict_items_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "dict", "items", nargs - 1, kwnames))
        return Value::null();
    return dict_view_new(vm, args[0], ITEMS);
}

Value dict_get_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "dict.get", kwnames) || !check_nargs(vm, "get", nargs - 1, 1, 2))
        return Value::null();
    Value v = dict_get(vm, self_dict(args), args[1]);
    if (v.is_null())
        return Value::null();
    if (v.is_not_found())
        return nargs == 3 ? args[2] : py_none();
    return v;
}

Value dict_setdefault_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "dict.setdefault", kwnames) || !check_nargs(vm, "setdefault", nargs - 1, 1, 2))
        return Value::null();
    return dict_setdefault(vm, self_dict(args), args[1], nargs == 3 ? args[2] : py_none());
}

Value dict_pop_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "dict.pop", kwnames) || !check_nargs(vm, "pop", nargs - 1, 1, 2))
        return Value::null();
    Value v = dict_pop(vm, self_dict(args), args[1]);
    if (v.is_null())
        return Value::null();
    if (v.is_not_found()) {
        if (nargs == 3)
            return args[2];
        return raise_key_error(vm, args[1]);
    }
    return v;
}

Value dict_popitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "dict", "popitem", nargs - 1, kwnames))
        return Value::null();
    Dict* d = self_dict(args);
    if (d->used == 0)
        return raise(vm, exc::KeyError, "popitem(): dictionary is empty");
    int64_t i = static_cast<int64_t>(d->nentries) - 1;
    while (i >= 0 && d->entry_table()[i].key.is_null())
        --i;
    DictEntry e = d->entry_table()[i];
    Tuple* result = tuple_pack(vm, { e.key, e.value });
    if (!result || dict_del_hashed(vm, d, e.key, e.hash) < 0)
        return Value::null();
    // Deleted entries at the end are no longer referenced by the index table: drop them
    // so that repeated popitem() stays O(1) (CPython does the same).
    while (d->nentries > 0 && d->entry_table()[d->nentries - 1].key.is_null())
        --d->nentries;
    return Value::from_object(result);
}

Value dict_copy_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "dict", "copy", nargs - 1, kwnames))
        return Value::null();
    Dict* c = dict_copy(vm, self_dict(args));
    return c ? Value::from_object(c) : Value::null();
}

Value dict_clear_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "dict", "clear", nargs - 1, kwnames))
        return Value::null();
    dict_clear(self_dict(args));
    return py_none();
}

// Sets d[key] = value for every key of `keys`, with the hashes its entries store.
bool dict_merge_keys(VM& vm, Dict* d, Dict* keys, Value value)
{
    for (size_t pos = 0; pos < keys->nentries; ++pos) {
        DictEntry e = keys->entry_table()[pos];
        if (!e.key.is_null() && !dict_set_hashed(vm, d, e.key, e.hash, value))
            return false;
    }
    return true;
}

// dict.fromkeys(iterable, value=None), a classmethod: args[0] is the class.
Value dict_fromkeys(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "dict.fromkeys", kwnames) || !check_nargs(vm, "fromkeys", nargs - 1, 1, 2))
        return Value::null();
    Value value = nargs == 3 ? args[2] : py_none();
    Value d = TRY(call0(vm, args[0]));
    bool exact = is_exact_dict(d);
    // A new plain dict filled from a plain dict or set takes the hashes their entries
    // store, as CPython's (no __hash__ runs).
    Value src = args[1];
    TypeObject* src_type = type_of(src);
    if (exact && d.as<Dict>()->used == 0 && src_type == types.dict) {
        if (!dict_merge_keys(vm, d.as<Dict>(), src.as<Dict>(), value))
            return Value::null();
        return d;
    }
    if (exact && d.as<Dict>()->used == 0 && (src_type == types.set || src_type == types.frozenset)) {
        SetObject* so = as_anyset(src);
        int64_t pos = 0;
        Value key;
        int64_t h;
        while (set_next(so, pos, key, h))
            if (!dict_set_hashed(vm, d.as<Dict>(), key, h, value))
                return Value::null();
        return d;
    }
    Value it = TRY(get_iter(vm, args[1]));
    for (;;) {
        Value key = TRY(iter_next(vm, it));
        if (key.is_stop_iteration())
            return d;
        bool ok = exact ? dict_set(vm, d.as<Dict>(), key, value) : setitem(vm, d, key, value);
        if (!ok)
            return Value::null();
    }
}

// -1 error, 0, 1: dict equality (same keys, equal values).
int dict_equal(VM& vm, Dict* a, Dict* b)
{
    if (a->used != b->used)
        return 0;
    for (size_t pos = 0; pos < a->nentries; ++pos) {
        DictEntry e = a->entry_table()[pos];
        if (e.key.is_null())
            continue;
        Value bv = dict_get_hashed(vm, b, e.key, e.hash);
        if (bv.is_null())
            return -1;
        if (bv.is_not_found())
            return 0;
        int r = equal(vm, e.value, bv);
        if (r <= 0)
            return r;
    }
    return 1;
}

Value dict_compare(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool want_eq)
{
    if (!check_wrapper_args(vm, want_eq ? "__eq__" : "__ne__", nargs - 1, kwnames, 1))
        return Value::null();
    Dict* b = as_dict(args[1]);
    if (!b)
        return py_not_implemented();
    int r = dict_equal(vm, self_dict(args), b);
    if (r < 0)
        return Value::null();
    return py_bool((r == 1) == want_eq);
}

Value dict_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return dict_compare(vm, a, n, kw, true); }
Value dict_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return dict_compare(vm, a, n, kw, false); }

Value dict_or_impl(VM& vm, Value a, Value b)
{
    Dict* da = as_dict(a);
    if (!da || !as_dict(b))
        return py_not_implemented();
    Dict* result = dict_copy(vm, da);
    if (!result || !update_arg(vm, result, b))
        return Value::null();
    return Value::from_object(result);
}

Value dict_or(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__or__", nargs - 1, kwnames, 1))
        return Value::null();
    return dict_or_impl(vm, args[0], args[1]);
}

Value dict_ror(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__ror__", nargs - 1, kwnames, 1))
        return Value::null();
    return dict_or_impl(vm, args[1], args[0]);
}

Value dict_ior(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__ior__", nargs - 1, kwnames, 1))
        return Value::null();
    if (!update_arg(vm, self_dict(args), args[1]))
        return Value::null();
    return args[0];
}

// ------------------------------------------------------------------ iterators

void dict_iter_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<DictIterator*>(self)->dict); }
void dict_view_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<DictView*>(self)->dict); }

// One step of a dict iterator of the given kind.
Value dict_iter_step_kind(VM& vm, DictIterator* it, int kind)
{
    Dict* d = it->dict;
    if (!d)
        return Value::stop_iteration();
    if (it->used != d->used) {
        it->used = UINT32_MAX;
        return raise(vm, exc::RuntimeError, "dictionary changed size during iteration");
    }
    DictEntry const* table = d->entry_table();
    int64_t i = it->pos;
    if (it->reversed) {
        if (i >= static_cast<int64_t>(d->nentries))
            i = static_cast<int64_t>(d->nentries) - 1;
        while (i >= 0 && table[i].key.is_null())
            --i;
        if (i < 0) {
            it->dict = nullptr;
            return Value::stop_iteration();
        }
        it->pos = i - 1;
    } else {
        while (i < static_cast<int64_t>(d->nentries) && table[i].key.is_null())
            ++i;
        if (i >= static_cast<int64_t>(d->nentries)) {
            it->dict = nullptr;
            return Value::stop_iteration();
        }
        it->pos = i + 1;
    }
    if (it->remaining <= 0) {
        it->dict = nullptr;
        return raise(vm, exc::RuntimeError, "dictionary keys changed during iteration");
    }
    it->remaining--;
    DictEntry const& e = table[i];
    switch (kind) {
    case KEYS: return e.key;
    case VALUES: return e.value;
    default: return Value::from_object(tuple_pack(vm, { e.key, e.value }));
    }
}

Value dict_keyiter_step(VM& vm, Value self) { return dict_iter_step_kind(vm, self.as<DictIterator>(), KEYS); }
Value dict_valueiter_step(VM& vm, Value self) { return dict_iter_step_kind(vm, self.as<DictIterator>(), VALUES); }
Value dict_itemiter_step(VM& vm, Value self) { return dict_iter_step_kind(vm, self.as<DictIterator>(), ITEMS); }

// __reduce__: (iter, (list of the items left,)), listed from a copy so that this
// iterator does not move (CPython's dictiter_reduce).
Value dict_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, type_name(args[0]), "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<DictIterator>();
    auto* copy = vm.heap.make<DictIterator>(type_of(args[0]));
    if (!copy)
        return Value::null();
    copy->dict = it->dict;
    copy->pos = it->pos;
    copy->used = it->used;
    copy->remaining = it->remaining;
    copy->reversed = it->reversed;
    List* rest = list_from_iterable(vm, Value::from_object(copy));
    return rest ? reduce_builtin(vm, "iter", { Value::from_object(rest) }) : Value::null();
}

Value dict_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, type_name(args[0]), "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<DictIterator>();
    int64_t n = it->dict && it->used == it->dict->used ? it->remaining : 0;
    return int_from_i64(vm, n);
}

// ------------------------------------------------------------------ views

DictView* self_view(Value const* args) { return args[0].as<DictView>(); }
Dict* view_dict(DictView* v) { return as_dict(v->dict); }

int view_kind(Value v)
{
    if (!v.is_object())
        return -1;
    TypeObject* t = v.as_object()->type;
    // Views of dict subclasses (OrderedDict's odict_keys, ...) derive from these.
    if (t->base == types.dict_keys || t->base == types.dict_values || t->base == types.dict_items)
        t = t->base;
    return t == types.dict_keys ? KEYS : t == types.dict_values ? VALUES : t == types.dict_items ? ITEMS : -1;
}

// keys and items views behave like sets.
bool is_set_view(Value v)
{
    int k = view_kind(v);
    return k == KEYS || k == ITEMS;
}

Value view_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    return int_from_i64(vm, view_dict(self_view(args))->used);
}

Value view_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    return dict_iter_new(vm, self_view(args)->dict, view_kind(args[0]), false);
}

Value view_reversed(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, type_name(args[0]), "__reversed__", nargs - 1, kwnames))
        return Value::null();
    return dict_iter_new(vm, self_view(args)->dict, view_kind(args[0]), true);
}

Value view_repr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    Object* self = args[0].as_object();
    std::string name(self->type->name->view());
    if (!repr_enter(vm, self))
        return str_value(vm, "...");
    List* items = list_from_iterable(vm, args[0]);
    Value r = items ? repr(vm, Value::from_object(items)) : Value::null();
    repr_leave(vm, self);
    if (r.is_null())
        return Value::null();
    return str_value(vm, name + "(" + std::string(as_str(r)->view()) + ")");
}

// -1 error, 0, 1: `x in view` for keys and items views.
int view_contains_value(VM& vm, Value view, Value x)
{
    Dict* d = view_dict(view.as<DictView>());
    if (view_kind(view) == KEYS) {
        Value v = dict_get(vm, d, x);
        if (v.is_null())
            return -1;
        return v.is_not_found() ? 0 : 1;
    }
    Tuple* t = as_tuple(x);
    if (!t || t->size != 2)
        return 0;
    Value key = t->items[0];
    Value value = t->items[1];
    Value found = dict_get(vm, d, key);
    if (found.is_null())
        return -1;
    if (found.is_not_found())
        return 0;
    return equal(vm, found, value);
}

// keys and items views only: CPython's dict_values has no __contains__ (`in` iterates).
Value view_contains(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__contains__", nargs - 1, kwnames, 1))
        return Value::null();
    int r = view_contains_value(vm, args[0], args[1]);
    return r < 0 ? Value::null() : py_bool(r);
}

// A new set of the items of `v`; for a keys view, built from the dict's own table.
Value view_to_set(VM& vm, Value v)
{
    if (view_kind(v) == KEYS)
        return set_new(vm, v.as<DictView>()->dict);
    return set_new(vm, v);
}

// Every item of `a` is in `b` (-1 error).
int all_contained_in(VM& vm, Value a, Value b)
{
    Value it = get_iter(vm, a);
    if (it.is_null())
        return -1;
    for (;;) {
        Value x = iter_next(vm, it);
        if (x.is_null())
            return -1;
        if (x.is_stop_iteration())
            return 1;
        int r = contains(vm, b, x);
        if (r <= 0)
            return r;
    }
}

Value view_richcompare(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, CmpArg op)
{
    if (!check_wrapper_args(vm, cmp_method_name(op), nargs - 1, kwnames, 1))
        return Value::null();
    Value self = args[0];
    Value other = args[1];
    if (!as_anyset(other) && !is_set_view(other))
        return py_not_implemented();
    int64_t len_self = view_dict(self.as<DictView>())->used;
    int64_t len_other;
    if (!length(vm, other, len_other))
        return Value::null();
    int ok = 0;
    switch (op) {
    case CmpArg::NE:
    case CmpArg::EQ:
        if (len_self == len_other)
            ok = all_contained_in(vm, self, other);
        if (op == CmpArg::NE && ok >= 0)
            ok = !ok;
        break;
    case CmpArg::LT:
        if (len_self < len_other)
            ok = all_contained_in(vm, self, other);
        break;
    case CmpArg::LE:
        if (len_self <= len_other)
            ok = all_contained_in(vm, self, other);
        break;
    case CmpArg::GT:
        if (len_self > len_other)
            ok = all_contained_in(vm, other, self);
        break;
    case CmpArg::GE:
        if (len_self >= len_other)
            ok = all_contained_in(vm, other, self);
        break;
    }
    if (ok < 0)
        return Value::null();
    return py_bool(ok != 0);
}

Value view_lt(VM& vm, Value const* a, size_t n, Tuple* kw) { return view_richcompare(vm, a, n, kw, CmpArg::LT); }
Value view_le(VM& vm, Value const* a, size_t n, Tuple* kw) { return view_richcompare(vm, a, n, kw, CmpArg::LE); }
Value view_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return view_richcompare(vm, a, n, kw, CmpArg::EQ); }
Value view_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return view_richcompare(vm, a, n, kw, CmpArg::NE); }
Value view_gt(VM& vm, Value const* a, size_t n, Tuple* kw) { return view_richcompare(vm, a, n, kw, CmpArg::GT); }
Value view_ge(VM& vm, Value const* a, size_t n, Tuple* kw) { return view_richcompare(vm, a, n, kw, CmpArg::GE); }

// _PyDictView_Intersect: `self & other` where one of them is a keys/items view.
Value view_and_impl(VM& vm, Value self, Value other)
{
    if (!is_set_view(self))
        std::swap(self, other);
    int64_t len_self = view_dict(self.as<DictView>())->used;
    if (other.is_object() && other.as_object()->type == types.set) {
        int64_t len_other = as_anyset(other)->used;
        if (len_self <= len_other)
            return set_intersection(vm, as_anyset(other), self);
    }
    if (is_set_view(other)) {
        int64_t len_other = view_dict(other.as<DictView>())->used;
        if (len_other > len_self)
            std::swap(self, other);
    }
    Value result = TRY(set_new(vm));
    Value it = TRY(get_iter(vm, other));
    for (;;) {
        Value key = TRY(iter_next(vm, it));
        if (key.is_stop_iteration())
            return result;
        int r = view_contains_value(vm, self, key);
        if (r < 0)
            return Value::null();
        if (r && !set_add(vm, as_anyset(result), key))
            return Value::null();
    }
}

enum class ViewOp { And, Or, Sub, Xor };

Value view_binary(VM& vm, Value a, Value b, ViewOp op)
{
    if (op == ViewOp::And)
        return view_and_impl(vm, a, b);
    Value result = TRY(view_to_set(vm, a));
    SetObject* so = as_anyset(result);
    bool ok = false;
    switch (op) {
    case ViewOp::Or: ok = set_update(vm, so, b); break;
    case ViewOp::Sub: ok = set_difference_update(vm, so, b); break;
    case ViewOp::Xor: ok = set_symmetric_difference_update(vm, so, b); break;
    case ViewOp::And: break;
    }
    return ok ? result : Value::null();
}

#define VIEW_BINOP(name, dunder, op, reflected)                                   \
    Value name(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)          \
    {                                                                            \
        if (!check_wrapper_args(vm, dunder, nargs - 1, kwnames, 1))              \
            return Value::null();                                                \
        return reflected ? view_binary(vm, args[1], args[0], op) : view_binary(vm, args[0], args[1], op); \
    }
VIEW_BINOP(view_and, "__and__", ViewOp::And, false)
VIEW_BINOP(view_or, "__or__", ViewOp::Or, false)
VIEW_BINOP(view_sub, "__sub__", ViewOp::Sub, false)
VIEW_BINOP(view_xor, "__xor__", ViewOp::Xor, false)
VIEW_BINOP(view_rand, "__rand__", ViewOp::And, true)
VIEW_BINOP(view_ror, "__ror__", ViewOp::Or, true)
VIEW_BINOP(view_rsub, "__rsub__", ViewOp::Sub, true)
VIEW_BINOP(view_rxor, "__rxor__", ViewOp::Xor, true)
#undef VIEW_BINOP

Value view_isdisjoint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, type_name(args[0]), "isdisjoint", nargs - 1, kwnames))
        return Value::null();
    Value self = args[0];
    Value other = args[1];
    if (self.is(other))
        return py_bool(view_dict(self.as<DictView>())->used == 0);
    // Iterate over the shorter object (when its length is known).
    if (as_anyset(other) || is_set_view(other)) {
        int64_t len_self = view_dict(self.as<DictView>())->used;
        int64_t len_other;
        if (!length(vm, other, len_other))
            return Value::null();
        if (len_other > len_self)
            std::swap(self, other);
    }
    Value it = TRY(get_iter(vm, other));
    for (;;) {
        Value x = TRY(iter_next(vm, it));
        if (x.is_stop_iteration())
            return py_true();
        int r = contains(vm, self, x);
        if (r < 0)
            return Value::null();
        if (r)
            return py_false();
    }
}

void add_view_methods(VM& vm, TypeObject* t, bool set_like)
{
    t->basicsize = sizeof(DictView);
    t->trace = dict_view_trace;
    add_methods(vm, t,
                {
                    { "__len__", view_len },
                    { "__iter__", view_iter },
                    { "__reversed__", view_reversed },
                    { "__repr__", view_repr },
                });
    if (!set_like)
        return;
    add_methods(vm, t,
                {
                    { "__contains__", view_contains },
                    { "__lt__", view_lt },
                    { "__le__", view_le },
                    { "__eq__", view_eq },
                    { "__ne__", view_ne },
                    { "__gt__", view_gt },
                    { "__ge__", view_ge },
                    { "__and__", view_and },
                    { "__or__", view_or },
                    { "__sub__", view_sub },
                    { "__xor__", view_xor },
                    { "__rand__", view_rand },
                    { "__ror__", view_ror },
                    { "__rsub__", view_rsub },
                    { "__rxor__", view_rxor },
                    { "isdisjoint", view_isdisjoint, 0, "Return True if the view and the given iterable have a null intersection." },
                });
    add_attribute(vm, t, "__hash__", py_none());
}

} // namespace

// ------------------------------------------------------------------ public API

Value dict_iter_new(VM& vm, Value dict, int kind, bool reversed)
{
    TypeObject* t = kind == KEYS ? types.dict_keyiterator : kind == VALUES ? types.dict_valueiterator : types.dict_itemiterator;
    if (reversed)
        t = g_reverse_iter_types[kind];
    Dict* d = as_dict(dict);
    auto* it = vm.heap.make<DictIterator>(t);
    if (!it)
        return Value::null();
    it->dict = d;
    it->used = d->used;
    it->remaining = d->used;
    it->reversed = reversed;
    it->pos = reversed ? static_cast<int64_t>(d->nentries) - 1 : 0;
    return Value::from_object(it);
}

bool dict_merge_mapping(VM& vm, Dict* d, Value mapping) { return merge_mapping(vm, d, mapping); }

Value dict_view_new(VM& vm, Value dict, int kind)
{
    TypeObject* t = kind == KEYS ? types.dict_keys : kind == VALUES ? types.dict_values : types.dict_items;
    auto* v = vm.heap.make<DictView>(t);
    if (!v)
        return Value::null();
    v->dict = dict;
    return Value::from_object(v);
}

void setup_dict(VM& vm)
{
    TypeObject* t = types.dict;
    add_methods(vm, t,
                {
                    { "__new__", dict_new_method, METH_STATIC },
                    { "__init__", dict_init },
                    { "__repr__", dict_repr },
                    { "__len__", dict_len },
                    { "__getitem__", dict_getitem },
                    { "__setitem__", dict_setitem },
                    { "__delitem__", dict_delitem },
                    { "__contains__", dict_contains },
                    { "__iter__", dict_iter },
                    { "__reversed__", dict_reversed, 0, "Return a reverse iterator over the dict keys." },
                    { "__eq__", dict_eq },
                    { "__ne__", dict_ne },
                    { "__or__", dict_or },
                    { "__ror__", dict_ror },
                    { "__ior__", dict_ior },
                    { "keys", dict_keys_method, 0, "D.keys() -> a set-like object providing a view on D's keys" },
                    { "values", dict_values_method, 0, "D.values() -> an object providing a view on D's values" },
                    { "items", dict_items_method, 0, "D.items() -> a set-like object providing a view on D's items" },
                    { "get", dict_get_method, 0, "Return the value for key if key is in the dictionary, else default." },
                    { "setdefault", dict_setdefault_method, 0,
                      "Insert key with a value of default if key is not in the dictionary.\n\nReturn the value for "
                      "key if key is in the dictionary, else default." },
                    { "pop", dict_pop_method, 0,
                      "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\nIf the key is "
                      "not found, return the default if given; otherwise,\nraise a KeyError." },
                    { "popitem", dict_popitem, 0,
                      "Remove and return a (key, value) pair as a 2-tuple.\n\nPairs are returned in LIFO (last-in, "
                      "first-out) order.\nRaises KeyError if the dict is empty." },
                    { "update", dict_update_method, 0,
                      "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F." },
                    { "copy", dict_copy_method, 0, "D.copy() -> a shallow copy of D" },
                    { "clear", dict_clear_method, 0, "D.clear() -> None.  Remove all items from D." },
                    { "fromkeys", dict_fromkeys, METH_CLASS,
                      "Create a new dictionary with keys from iterable and values set to value." },
                });
    add_attribute(vm, t, "__hash__", py_none());

    add_view_methods(vm, types.dict_keys, true);
    add_view_methods(vm, types.dict_values, false);
    add_view_methods(vm, types.dict_items, true);

    char const* reverse_names[3] = { "dict_reversekeyiterator", "dict_reversevalueiterator", "dict_reverseitemiterator" };
    for (int kind = KEYS; kind <= ITEMS; ++kind)
        g_reverse_iter_types[kind] = make_builtin_type(vm, reverse_names[kind], nullptr, sizeof(DictIterator), 0, dict_iter_trace);

    struct IterType {
        TypeObject* type;
        Value (*step)(VM&, Value);
        NativeFn next;
    };
    for (IterType const& it : { IterType { types.dict_keyiterator, dict_keyiter_step, next_method<dict_keyiter_step> },
                                IterType { types.dict_valueiterator, dict_valueiter_step, next_method<dict_valueiter_step> },
                                IterType { types.dict_itemiterator, dict_itemiter_step, next_method<dict_itemiter_step> },
                                IterType { g_reverse_iter_types[KEYS], dict_keyiter_step, next_method<dict_keyiter_step> },
                                IterType { g_reverse_iter_types[VALUES], dict_valueiter_step, next_method<dict_valueiter_step> },
                                IterType { g_reverse_iter_types[ITEMS], dict_itemiter_step, next_method<dict_itemiter_step> } }) {
        it.type->basicsize = sizeof(DictIterator);
        it.type->trace = dict_iter_trace;
        it.type->iternext = it.step;
        add_methods(vm, it.type,
                    {
                        { "__iter__", iter_self_method },
                        { "__next__", it.next },
                        { "__length_hint__", dict_iter_length_hint },
                        { "__reduce__", dict_iter_reduce },
                    });
    }
}

} // namespace slpy
