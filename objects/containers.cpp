// Core of the containers: GC buffers, tuple and list storage, and the compact ordered
// dict table. Python-level methods live in tuple.cpp, list.cpp and dict.cpp.
#include "objects/containers.h"
#include "objects/vm_local.h"

#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/string.h"

#include <algorithm>
#include <cstring>

namespace slpy {

namespace {
Tuple* g_empty_tuple = nullptr;
}

// ------------------------------------------------------------------ buffers

ValueArray* value_array_new(VM& vm, size_t capacity)
{
    auto* a = static_cast<ValueArray*>(vm.heap.allocate(types.value_array, Heap::array_bytes(sizeof(ValueArray), capacity, sizeof(Value))));
    if (!a)
        return nullptr;
    a->capacity = capacity;
    return a;
}

RawBuffer* raw_buffer_new(VM& vm, size_t size)
{
    auto* b = static_cast<RawBuffer*>(vm.heap.allocate(types.raw_buffer, Heap::array_bytes(sizeof(RawBuffer), size, 1)));
    if (!b)
        return nullptr;
    b->size = size;
    return b;
}

// ------------------------------------------------------------------ tuple

Tuple* tuple_new(VM& vm, size_t n)
{
    if (n == 0 && g_empty_tuple)
        return g_empty_tuple;
    auto* t = static_cast<Tuple*>(vm.heap.allocate(types.tuple, Heap::array_bytes(sizeof(Tuple), n, sizeof(Value))));
    if (!t)
        return nullptr;
    t->size = n;
    if (n == 0 && !g_empty_tuple) {
        g_empty_tuple = t;
        vm.heap.add_root_provider([](Tracer& tr) { tr.visit(g_empty_tuple); });
    }
    return t;
}

Tuple* tuple_from_array(VM& vm, Value const* items, size_t n)
{
    Tuple* t = tuple_new(vm, n);
    if (!t)
        return nullptr;
    for (size_t i = 0; i < n; ++i)
        t->items[i] = items[i];
    return t;
}

Tuple* tuple_pack(VM& vm, std::initializer_list<Value> items)
{
    // A null item is a failed allocation (or other error) passed straight in: it
    // propagates, so tuple_pack(vm, { str_value(vm, ...), ... }) needs no checks of its own.
    for (Value v : items)
        if (v.is_null()) [[unlikely]]
            return nullptr;
    return tuple_from_array(vm, items.begin(), items.size());
}

Tuple* empty_tuple() { return g_empty_tuple; }

Tuple* as_tuple(Value v)
{
    if (!v.is_object())
        return nullptr;
    Object* o = v.as_object();
    if (o->type == types.tuple)
        return static_cast<Tuple*>(o);
    if (o->type->has_flag(TF_TUPLE_SUBCLASS)) {
        Value base = static_cast<BoxedValue*>(o)->base_value;
        return base.is_object() ? static_cast<Tuple*>(base.as_object()) : nullptr;
    }
    return nullptr;
}

// ------------------------------------------------------------------ list

List* list_new(VM& vm, size_t capacity)
{
    auto* l = vm.heap.make<List>(types.list);
    if (!l || (capacity && !list_reserve(vm, l, capacity)))
        return nullptr;
    return l;
}

bool list_reserve(VM& vm, List* list, size_t capacity)
{
    if (capacity <= list->capacity())
        return true;
    ValueArray* a = value_array_new(vm, capacity);
    if (!a)
        return false;
    if (list->size)
        std::memcpy(static_cast<void*>(a->items), list->items(), list->size * sizeof(Value));
    list->array = a;
    return true;
}

bool list_append(VM& vm, List* list, Value v)
{
    // A null item is a failed allocation passed straight in: it propagates.
    if (v.is_null()) [[unlikely]]
        return false;
    if (list->size == list->capacity()) {
        size_t cap = list->size < 4 ? 4 : list->size + (list->size >> 1) + 4;
        if (!list_reserve(vm, list, cap))
            return false;
    }
    list->array->items[list->size++] = v;
    return true;
}

List* list_from_array(VM& vm, Value const* items, size_t n)
{
    List* l = list_new(vm, n);
    if (!l)
        return nullptr;
    for (size_t i = 0; i < n; ++i)
        l->array->items[i] = items[i];
    l->size = n;
    return l;
}

int64_t length_hint(VM& vm, Value o, int64_t dflt)
{
    TypeObject* t = type_of(o);
    Value len_slot = t->slot(Slot::LEN);
    if (!len_slot.is_null() && !is_none(len_slot)) {
        int64_t n;
        if (length(vm, o, n))
            return n;
        if (!vm.error_matches(exc::TypeError))
            return -1;
        vm.clear_error();
    }
    Value hint = call_slot(vm, o, Slot::LENGTH_HINT, nullptr, 0);
    if (hint.is_not_found())
        return dflt;
    if (hint.is_null()) {
        if (!vm.error_matches(exc::TypeError))
            return -1;
        vm.clear_error();
        return dflt;
    }
    if (hint.is(py_not_implemented()))
        return dflt;
    if (!is_int(hint)) {
        (void)raise_fmt(vm, exc::TypeError, "__length_hint__ must be an integer, not %s", type_name(hint));
        return -1;
    }
    int64_t n;
    if (!int_to_i64(int_unwrap(hint), n)) {
        (void)raise(vm, exc::OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    if (n < 0) {
        (void)raise(vm, exc::ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return n;
}

namespace {
// Room for `need` items, over-allocating like CPython's list_resize so that repeated
// extends stay amortized O(1) (list_reserve allocates exactly).
bool list_make_room(VM& vm, List* list, size_t need)
{
    if (need <= list->capacity())
        return true;
    return list_reserve(vm, list, need + (need >> 3) + 6);
}
} // namespace

bool list_extend(VM& vm, List* list, Value iterable)
{
    if (Tuple* t = as_tuple(iterable); t && iterable.as_object()->type == types.tuple) {
        if (!list_make_room(vm, list, list->size + t->size))
            return false;
        for (size_t i = 0; i < t->size; ++i)
            list->array->items[list->size++] = t->items[i];
        return true;
    }
    if (iterable.is_object() && iterable.as_object()->type == types.list) {
        auto* src = iterable.as<List>();
        size_t n = src->size; // snapshot: l.extend(l) doubles the list once
        if (!list_make_room(vm, list, list->size + n))
            return false;
        for (size_t i = 0; i < n; ++i)
            list->array->items[list->size++] = src->array->items[i];
        return true;
    }
    Value it = get_iter(vm, iterable);
    if (it.is_null())
        return false;
    // CPython's list_extend asks for a length hint (running __len__ / __length_hint__
    // and reporting their errors) and makes room for that many items up front: a hint
    // too big for memory is a MemoryError at once, as there (list(range(10**12))). The
    // room is untouched memory until the items come.
    int64_t hint = length_hint(vm, iterable, 8);
    if (hint < 0)
        return false;
    if (hint > 0 && static_cast<uint64_t>(hint) <= INT64_MAX - list->size &&
        !list_make_room(vm, list, list->size + static_cast<size_t>(hint)))
        return false;
    for (;;) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            return true;
        if (!list_append(vm, list, item))
            return false;
    }
}

List* list_from_iterable(VM& vm, Value iterable)
{
    List* l = list_new(vm);
    if (!l || !list_extend(vm, l, iterable))
        return nullptr;
    return l;
}

List* list_from_iterable_or(VM& vm, Value iterable, char const* not_iterable)
{
    Value it = get_iter(vm, iterable);
    if (it.is_null()) {
        // Only the iter() failure is reworded; errors raised while iterating pass through.
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            raise(vm, exc::TypeError, not_iterable);
        }
        return nullptr;
    }
    return list_from_iterable(vm, it);
}

List* as_list(Value v)
{
    if (!v.is_object())
        return nullptr;
    Object* o = v.as_object();
    if (o->type == types.list || o->type->has_flag(TF_LIST_SUBCLASS))
        return static_cast<List*>(o);
    return nullptr;
}

// ------------------------------------------------------------------ dict

namespace {

constexpr int32_t kEmpty = -1;
constexpr int32_t kDummy = -2;

inline int32_t* index_table(Dict const* d) { return reinterpret_cast<int32_t*>(d->indices->data); }

// Hash fast paths that can never run Python code.
inline bool quick_hash(Value key, int64_t& out)
{
    if (key.is_int()) {
        int64_t i = key.as_int();
        out = i == -1 ? -2 : i;
        return true;
    }
    if (is_exact_str(key)) {
        out = str_hash(key.as<String>());
        return true;
    }
    return false;
}

bool key_hash(VM& vm, Value key, int64_t& out)
{
    if (quick_hash(key, out))
        return true;
    return hash(vm, key, out);
}

// Result of probing for a key.
struct Probe {
    int64_t entry = -1; // index into entries when found
    size_t slot = 0;    // index slot of the entry, or the first free slot when not found
    bool error = false;
};

// Finds key in d. Equality may run Python code that mutates d; the lookup then restarts,
// as CPython does.
Probe probe(VM& vm, Dict* d, Value key, int64_t h)
{
    Probe result;
    for (;;) {
        if (d->index_size == 0)
            return result;
        size_t mask = d->index_size - 1;
        size_t i = static_cast<uint64_t>(h) & mask;
        uint64_t perturb = static_cast<uint64_t>(h);
        int64_t free_slot = -1;
        bool restarted = false;
        for (;;) {
            int32_t ix = index_table(d)[i];
            if (ix == kEmpty) {
                result.slot = free_slot >= 0 ? size_t(free_slot) : i;
                return result;
            }
            if (ix == kDummy) {
                if (free_slot < 0)
                    free_slot = int64_t(i);
            } else {
                DictEntry& e = d->entry_table()[ix];
                if (e.key.is(key)) {
                    result.entry = ix;
                    result.slot = i;
                    return result;
                }
                if (e.hash == h) {
                    Value ek = e.key;
                    int eq;
                    if (is_exact_str(ek) && is_exact_str(key)) {
                        eq = str_equal(ek.as<String>(), key.as<String>());
                    } else {
                        uint64_t version = d->version;
                        RawBuffer* entries = d->entries;
                        eq = equal(vm, ek, key);
                        if (eq < 0) {
                            result.error = true;
                            return result;
                        }
                        if (d->version != version || d->entries != entries) {
                            restarted = true;
                            break;
                        }
                    }
                    if (eq) {
                        result.entry = ix;
                        result.slot = i;
                        return result;
                    }
                }
            }
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
        if (!restarted)
            return result;
    }
}

// Rebuilds the table for at least `min_used` live entries, dropping deleted ones.
bool dict_resize(VM& vm, Dict* d, size_t min_used)
{
    size_t index_size = 8;
    while (index_size * 2 < min_used * 3)
        index_size <<= 1;
    size_t entry_capacity = index_size * 2 / 3;
    RawBuffer* indices = raw_buffer_new(vm, index_size * sizeof(int32_t));
    if (!indices)
        return false;
    RawBuffer* entries = raw_buffer_new(vm, entry_capacity * sizeof(DictEntry));
    if (!entries)
        return false;
    std::memset(indices->data, 0xff, index_size * sizeof(int32_t)); // kEmpty
    auto* idx = reinterpret_cast<int32_t*>(indices->data);
    auto* out = reinterpret_cast<DictEntry*>(entries->data);
    size_t n = 0;
    DictEntry* old = d->entry_table();
    for (size_t k = 0; k < d->nentries; ++k) {
        if (old[k].key.is_null())
            continue;
        out[n] = old[k];
        size_t mask = index_size - 1;
        size_t i = static_cast<uint64_t>(out[n].hash) & mask;
        uint64_t perturb = static_cast<uint64_t>(out[n].hash);
        while (idx[i] != kEmpty) {
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
        idx[i] = int32_t(n);
        ++n;
    }
    d->indices = indices;
    d->entries = entries;
    d->index_size = uint32_t(index_size);
    d->entry_capacity = uint32_t(entry_capacity);
    d->nentries = uint32_t(n);
    d->used = uint32_t(n);
    ++d->version;
    return true;
}

bool insert_new(VM& vm, Dict* d, Value key, Value value, int64_t h, size_t slot)
{
    if (d->index_size == 0 || d->nentries >= d->entry_capacity) {
        if (!dict_resize(vm, d, size_t(d->used) + 1))
            return false;
        // Find a fresh free slot in the new table (the key is known to be absent).
        size_t mask = d->index_size - 1;
        slot = static_cast<uint64_t>(h) & mask;
        uint64_t perturb = static_cast<uint64_t>(h);
        while (index_table(d)[slot] >= 0) {
            perturb >>= 5;
            slot = (slot * 5 + perturb + 1) & mask;
        }
    }
    uint32_t ix = d->nentries++;
    DictEntry& e = d->entry_table()[ix];
    e.hash = h;
    e.key = key;
    e.value = value;
    index_table(d)[slot] = int32_t(ix);
    ++d->used;
    ++d->version;
    d->keys_version = ++vm.local->keys_version;
    return true;
}

// Deletes the entry a successful probe found.
void remove_entry(Dict* d, Probe const& p)
{
    DictEntry& e = d->entry_table()[p.entry];
    e.key = Value::null();
    e.value = Value::null();
    index_table(d)[p.slot] = kDummy;
    --d->used;
    ++d->version;
}

} // namespace

Dict* dict_new(VM& vm)
{
    return vm.heap.make<Dict>(types.dict);
}

Value dict_get(VM& vm, Dict* d, Value key)
{
    int64_t h;
    if (!key_hash(vm, key, h))
        return Value::null();
    return dict_get_hashed(vm, d, key, h);
}

Value dict_get_hashed(VM& vm, Dict* d, Value key, int64_t h)
{
    Probe p = probe(vm, d, key, h);
    if (p.error)
        return Value::null();
    if (p.entry < 0)
        return Value::not_found();
    return d->entry_table()[p.entry].value;
}

Value dict_get_str(VM& vm, Dict* d, String* key)
{
    if (d->index_size == 0)
        return Value::not_found();
    int64_t h = str_hash(key);
    size_t mask = d->index_size - 1;
    size_t i = static_cast<uint64_t>(h) & mask;
    uint64_t perturb = static_cast<uint64_t>(h);
    for (;;) {
        int32_t ix = index_table(d)[i];
        if (ix == kEmpty)
            return Value::not_found();
        if (ix >= 0) {
            DictEntry& e = d->entry_table()[ix];
            if (e.key.is_object() && e.key.as_object() == key)
                return e.value;
            if (e.hash == h) {
                if (is_exact_str(e.key)) {
                    if (str_equal(e.key.as<String>(), key))
                        return e.value;
                } else {
                    return dict_get(vm, d, Value::from_object(key));
                }
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

int64_t dict_index_of_key(Dict const* d, String* key)
{
    if (d->index_size == 0)
        return -1;
    int64_t h = str_hash(key);
    size_t mask = d->index_size - 1;
    size_t i = static_cast<uint64_t>(h) & mask;
    uint64_t perturb = static_cast<uint64_t>(h);
    int32_t const* idx = reinterpret_cast<int32_t const*>(d->indices->data);
    for (;;) {
        int32_t ix = idx[i];
        if (ix == kEmpty)
            return -1;
        if (ix >= 0 && d->entry_table()[ix].key.is(Value::from_object(key)))
            return ix;
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

bool dict_set(VM& vm, Dict* d, Value key, Value value)
{
    // A null key or value is a failed allocation (or other error) passed straight in:
    // it propagates, so `dict_set(vm, d, k, str_value(vm, ...))` needs no check of its own.
    if (key.is_null() || value.is_null()) [[unlikely]]
        return false;
    int64_t h;
    if (!key_hash(vm, key, h))
        return false;
    return dict_set_hashed(vm, d, key, h, value);
}

bool dict_set_hashed(VM& vm, Dict* d, Value key, int64_t h, Value value)
{
    Probe p = probe(vm, d, key, h);
    if (p.error)
        return false;
    if (p.entry >= 0) {
        d->entry_table()[p.entry].value = value;
        return true;
    }
    return insert_new(vm, d, key, value, h, p.slot);
}

bool dict_set_str(VM& vm, Dict* d, String* key, Value value)
{
    return dict_set(vm, d, Value::from_object(key), value);
}

int dict_del(VM& vm, Dict* d, Value key)
{
    int64_t h;
    if (!key_hash(vm, key, h))
        return -1;
    return dict_del_hashed(vm, d, key, h);
}

int dict_del_hashed(VM& vm, Dict* d, Value key, int64_t h)
{
    Probe p = probe(vm, d, key, h);
    if (p.error)
        return -1;
    if (p.entry < 0)
        return 0;
    remove_entry(d, p);
    return 1;
}

Value dict_setdefault(VM& vm, Dict* d, Value key, Value dflt)
{
    int64_t h;
    if (!key_hash(vm, key, h))
        return Value::null();
    Probe p = probe(vm, d, key, h);
    if (p.error)
        return Value::null();
    if (p.entry >= 0)
        return d->entry_table()[p.entry].value;
    if (!insert_new(vm, d, key, dflt, h, p.slot))
        return Value::null();
    return dflt;
}

Value dict_pop(VM& vm, Dict* d, Value key)
{
    // An empty dict answers without hashing the key, as CPython's.
    if (d->used == 0)
        return Value::not_found();
    int64_t h;
    if (!key_hash(vm, key, h))
        return Value::null();
    Probe p = probe(vm, d, key, h);
    if (p.error)
        return Value::null();
    if (p.entry < 0)
        return Value::not_found();
    Value v = d->entry_table()[p.entry].value;
    remove_entry(d, p);
    return v;
}

void dict_clear(Dict* d)
{
    d->indices = nullptr;
    d->entries = nullptr;
    d->used = d->nentries = d->entry_capacity = d->index_size = 0;
    ++d->version;
}

bool dict_next(Dict const* d, size_t& pos, Value& key, Value& value)
{
    DictEntry const* table = d->entry_table();
    while (pos < d->nentries) {
        DictEntry const& e = table[pos++];
        if (!e.key.is_null()) {
            key = e.key;
            value = e.value;
            return true;
        }
    }
    return false;
}

Dict* dict_copy(VM& vm, Dict const* d)
{
    Dict* c = dict_new(vm);
    if (!c || !dict_merge(vm, c, d))
        return nullptr;
    return c;
}

bool dict_merge(VM& vm, Dict* d, Dict const* other, bool override)
{
    // An __eq__ run by an insertion may change either dict: the entries are re-read at
    // every step, and a change of other's entry table ends the merge as in CPython.
    size_t const orig_entries = other->nentries;
    for (size_t pos = 0; pos < other->nentries; ++pos) {
        DictEntry e = other->entry_table()[pos];
        if (e.key.is_null())
            continue;
        bool insert = true;
        if (!override) {
            Value existing = dict_get_hashed(vm, d, e.key, e.hash);
            if (existing.is_null())
                return false;
            insert = existing.is_not_found();
        }
        if (insert && !dict_set_hashed(vm, d, e.key, e.hash, e.value))
            return false;
        if (other->nentries != orig_entries) {
            (void)raise(vm, exc::RuntimeError, "dict mutated during update");
            return false;
        }
    }
    return true;
}

Dict* as_dict(Value v)
{
    if (!v.is_object())
        return nullptr;
    Object* o = v.as_object();
    if (o->type == types.dict || o->type->has_flag(TF_DICT_SUBCLASS))
        return static_cast<Dict*>(o);
    return nullptr;
}

// ------------------------------------------------------------------ GC visitors

void trace_value_array(Object* o, Tracer& t)
{
    auto* a = static_cast<ValueArray*>(o);
    t.visit_range(a->items, a->items + a->capacity);
}

void trace_tuple(Object* o, Tracer& t)
{
    auto* tu = static_cast<Tuple*>(o);
    t.visit_range(tu->items, tu->items + tu->size);
}

void trace_list(Object* o, Tracer& t)
{
    t.visit(static_cast<List*>(o)->array);
}

void trace_dict(Object* o, Tracer& t)
{
    auto* d = static_cast<Dict*>(o);
    t.visit(d->indices);
    t.visit(d->entries);
    DictEntry* table = d->entry_table();
    for (size_t i = 0; i < d->nentries; ++i) {
        t.visit(table[i].key);
        t.visit(table[i].value);
    }
}

} // namespace slpy
