// set and frozenset: the hash table (a re-implementation of CPython 3.11's setobject.c
// algorithms, so iteration order matches), the set algebra and the Python-level methods.
//
// Any __eq__ or __hash__ call may run Python code that mutates a set; lookups restart
// when the table they were probing was replaced or the probed entry changed, and table
// pointers are never held across such calls.
#include "objects/set.h"

#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/reduce.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstring>
#include <string>
#include <utility>

namespace slpy {

namespace {

constexpr int64_t kMinSize = 8;
constexpr uint64_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;

Value dummy() { return Value::not_found(); }
bool is_dummy(Value v) { return v.is(Value::not_found()); }
bool is_active(SetEntry const& e) { return !e.key.is_null() && !is_dummy(e.key); }

void set_trace(Object* self, Tracer& tracer)
{
    auto* so = static_cast<SetObject*>(self);
    if (!so->table)
        return;
    tracer.visit(so->table);
    SetEntry* e = so->entries();
    for (int64_t i = 0; i <= so->mask; ++i)
        tracer.visit(e[i].key); // dummies are sentinels: visit ignores them
}

void set_iter_trace(Object* self, Tracer& tracer) { tracer.visit(static_cast<SetIterator*>(self)->set); }

bool is_frozen(SetObject const* so) { return so->type == types.frozenset; }

// hash(key), with the inline-int and exact-str fast paths.
bool key_hash(VM& vm, Value key, int64_t& h)
{
    if (key.is_int()) {
        h = key.as_int();
        if (h == -1)
            h = -2;
        return true;
    }
    if (is_exact_str(key)) {
        h = str_hash(key.as<String>());
        return true;
    }
    return hash(vm, key, h);
}

// A table of `size` unused entries (the heap hands out zeroed memory); null with
// MemoryError pending.
RawBuffer* new_table(VM& vm, int64_t size)
{
    return raw_buffer_new(vm, Heap::array_bytes(0, static_cast<size_t>(size), sizeof(SetEntry)));
}

bool ensure_table(VM& vm, SetObject* so)
{
    if (!so->table) {
        RawBuffer* t = new_table(vm, kMinSize);
        if (!t)
            return false;
        so->mask = kMinSize - 1;
        so->table = t;
    }
    return true;
}

void clear_internal(SetObject* so)
{
    so->table = nullptr;
    so->fill = 0;
    so->used = 0;
    so->mask = kMinSize - 1;
    so->hash_valid = false;
}

// Equality of two keys with equal hashes: 1 equal, 0 not, -1 error. `fast` is set when
// no Python code could have run.
int keys_equal(VM& vm, Value a, Value b, bool& fast)
{
    fast = true;
    if (a.is(b))
        return 1;
    if (a.is_int() && b.is_int())
        return 0;
    if (is_exact_str(a) && is_exact_str(b))
        return str_equal(a.as<String>(), b.as<String>()) ? 1 : 0;
    fast = false;
    return equal(vm, a, b);
}

// The index of the active entry holding key, -1 when absent, -2 on error.
int64_t lookkey(VM& vm, SetObject* so, Value key, int64_t hash)
{
restart:
    if (!so->table)
        return -1;
    RawBuffer* tb = so->table;
    uint64_t mask = static_cast<uint64_t>(so->mask);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    for (;;) {
        uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
        uint64_t j = i;
        for (;;) {
            SetEntry* e = &reinterpret_cast<SetEntry*>(tb->data)[j];
            if (e->hash == 0 && e->key.is_null())
                return -1;
            if (e->hash == hash) {
                Value startkey = e->key;
                bool fast;
                int cmp = keys_equal(vm, startkey, key, fast);
                if (cmp < 0)
                    return -2;
                if (!fast && (so->table != tb || !e->key.is(startkey)))
                    goto restart;
                if (cmp > 0)
                    return static_cast<int64_t>(j);
                mask = static_cast<uint64_t>(so->mask);
            }
            if (probes == 0)
                break;
            --probes;
            ++j;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// Inserts a key known to be absent into a table without dummies.
void insert_clean(SetEntry* table, uint64_t mask, Value key, int64_t hash)
{
    uint64_t perturb = static_cast<uint64_t>(hash);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    for (;;) {
        SetEntry* e = &table[i];
        if (e->key.is_null())
            goto found;
        if (i + kLinearProbes <= mask) {
            for (uint64_t j = 0; j < kLinearProbes; ++j) {
                ++e;
                if (e->key.is_null())
                    goto found;
            }
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        e->key = key;
        e->hash = hash;
        return;
    }
}

// False with MemoryError pending, the set unchanged (still valid, only fuller).
bool table_resize(VM& vm, SetObject* so, int64_t minused)
{
    int64_t newsize = kMinSize;
    while (newsize <= minused)
        newsize <<= 1;
    RawBuffer* old = so->table;
    int64_t oldmask = so->mask;
    RawBuffer* fresh = new_table(vm, newsize);
    if (!fresh)
        return false;
    so->table = fresh;
    so->mask = newsize - 1;
    SetEntry* table = so->entries();
    uint64_t newmask = static_cast<uint64_t>(so->mask);
    if (!old) {
        so->fill = so->used;
        return true;
    }
    SetEntry* oldt = reinterpret_cast<SetEntry*>(old->data);
    bool has_dummies = so->fill != so->used;
    so->fill = so->used;
    for (int64_t k = 0; k <= oldmask; ++k) {
        if (!oldt[k].key.is_null() && (!has_dummies || !is_dummy(oldt[k].key)))
            insert_clean(table, newmask, oldt[k].key, oldt[k].hash);
    }
    return true;
}

bool add_entry(VM& vm, SetObject* so, Value key, int64_t hash)
{
    so->hash_valid = false;
restart:
    // An __eq__ below may have cleared the set (dropping its table): restart on a fresh one.
    if (!ensure_table(vm, so))
        return false;
    RawBuffer* tb = so->table;
    uint64_t mask = static_cast<uint64_t>(so->mask);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    SetEntry* freeslot = nullptr;
    SetEntry* e = nullptr;
    for (;;) {
        uint64_t probes = (i + kLinearProbes <= mask) ? kLinearProbes : 0;
        e = &reinterpret_cast<SetEntry*>(tb->data)[i];
        for (;;) {
            if (e->hash == 0 && e->key.is_null())
                goto found_unused_or_dummy;
            if (e->hash == hash) {
                Value startkey = e->key;
                bool fast;
                int cmp = keys_equal(vm, startkey, key, fast);
                if (cmp > 0)
                    return true; // already present
                if (cmp < 0)
                    return false;
                if (!fast && (so->table != tb || !e->key.is(startkey)))
                    goto restart;
                mask = static_cast<uint64_t>(so->mask);
            } else if (e->hash == -1) {
                freeslot = e;
            }
            if (probes == 0)
                break;
            --probes;
            ++e;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return true;
    }
    so->fill++;
    so->used++;
    e->key = key;
    e->hash = hash;
    if (static_cast<uint64_t>(so->fill) * 5 < mask * 3)
        return true;
    // As CPython: a failed resize reports MemoryError with the key already added.
    return table_resize(vm, so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

bool add_key(VM& vm, SetObject* so, Value key)
{
    int64_t h;
    if (!key_hash(vm, key, h))
        return false;
    return add_entry(vm, so, key, h);
}

// -1 error, 0 absent, 1 removed
int discard_entry(VM& vm, SetObject* so, Value key, int64_t hash)
{
    int64_t k = lookkey(vm, so, key, hash);
    if (k == -2)
        return -1;
    if (k == -1)
        return 0;
    SetEntry* e = &so->entries()[k];
    e->key = dummy();
    e->hash = -1;
    so->used--;
    so->hash_valid = false;
    return 1;
}

int contains_entry(VM& vm, SetObject* so, Value key, int64_t hash)
{
    int64_t k = lookkey(vm, so, key, hash);
    return k == -2 ? -1 : (k >= 0 ? 1 : 0);
}

SetObject* alloc_set(VM& vm, bool frozen)
{
    auto* so = vm.heap.make<SetObject>(frozen ? types.frozenset : types.set);
    if (!so)
        return nullptr;
    so->mask = kMinSize - 1;
    return so;
}

bool merge(VM& vm, SetObject* so, SetObject* other)
{
    if (other == so || other->used == 0)
        return true;
    so->hash_valid = false;
    if ((so->fill + other->used) * 5 >= so->mask * 3 && !table_resize(vm, so, (so->used + other->used) * 2))
        return false;
    if (!ensure_table(vm, so))
        return false;
    // Empty target of the same size and no dummies in the source: copy the layout.
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        SetEntry* dst = so->entries();
        SetEntry const* src = other->entries();
        for (int64_t k = 0; k <= other->mask; ++k)
            if (!src[k].key.is_null())
                dst[k] = src[k];
        so->fill = other->fill;
        so->used = other->used;
        return true;
    }
    if (so->fill == 0) {
        SetEntry* dst = so->entries();
        uint64_t mask = static_cast<uint64_t>(so->mask);
        so->fill = other->used;
        so->used = other->used;
        SetEntry const* src = other->entries();
        for (int64_t k = 0; k <= other->mask; ++k)
            if (is_active(src[k]))
                insert_clean(dst, mask, src[k].key, src[k].hash);
        return true;
    }
    for (int64_t k = 0; other->table && k <= other->mask; ++k) {
        SetEntry e = other->entries()[k];
        if (is_active(e) && !add_entry(vm, so, e.key, e.hash))
            return false;
    }
    return true;
}

// Iterates a Python iterable; fn(item) returns false to stop with an error.
template<typename Fn>
bool for_each_item(VM& vm, Value iterable, Fn fn)
{
    Value it = get_iter(vm, iterable);
    if (it.is_null())
        return false;
    for (;;) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            return true;
        if (!fn(item))
            return false;
    }
}

bool update_internal(VM& vm, SetObject* so, Value other)
{
    if (SetObject* o = as_anyset(other))
        return merge(vm, so, o);
    if (other.is_object() && other.as_object()->type == types.dict) {
        Dict* d = other.as<Dict>();
        int64_t dictsize = d->used;
        if ((so->fill + dictsize) * 5 >= so->mask * 3 && !table_resize(vm, so, (so->used + dictsize) * 2))
            return false;
        for (uint32_t k = 0; k < d->nentries; ++k) {
            DictEntry e = d->entry_table()[k];
            if (!e.key.is_null() && !add_entry(vm, so, e.key, e.hash))
                return false;
        }
        return true;
    }
    return for_each_item(vm, other, [&](Value item) { return add_key(vm, so, item); });
}

SetObject* make_new(VM& vm, bool frozen, Value iterable)
{
    SetObject* so = alloc_set(vm, frozen);
    if (!so || (!iterable.is_null() && !update_internal(vm, so, iterable)))
        return nullptr;
    return so;
}

Value set_value(SetObject* so) { return so ? Value::from_object(so) : Value::null(); }

SetObject* copy_of(VM& vm, SetObject* so) { return make_new(vm, is_frozen(so), Value::from_object(so)); }

// `key in so`, retrying a set key as a frozenset (CPython's set_contains).
int contains_key_retry(VM& vm, SetObject* so, Value key)
{
    int64_t h;
    if (!key_hash(vm, key, h)) {
        if (!as_set(key) || !vm.error_matches(exc::TypeError))
            return -1;
        vm.clear_error();
        SetObject* tmp = make_new(vm, true, key);
        if (!tmp || !key_hash(vm, Value::from_object(tmp), h))
            return -1;
        return contains_entry(vm, so, Value::from_object(tmp), h);
    }
    return contains_entry(vm, so, key, h);
}

int discard_key_retry(VM& vm, SetObject* so, Value key)
{
    int64_t h;
    if (!key_hash(vm, key, h)) {
        if (!as_set(key) || !vm.error_matches(exc::TypeError))
            return -1;
        vm.clear_error();
        SetObject* tmp = make_new(vm, true, key);
        if (!tmp || !key_hash(vm, Value::from_object(tmp), h))
            return -1;
        return discard_entry(vm, so, Value::from_object(tmp), h);
    }
    return discard_entry(vm, so, key, h);
}

SetObject* intersection(VM& vm, SetObject* so, Value other)
{
    if (as_anyset(other) == so)
        return copy_of(vm, so);
    SetObject* result = alloc_set(vm, is_frozen(so));
    if (!result)
        return nullptr;
    if (SetObject* o = as_anyset(other)) {
        SetObject* big = so;
        SetObject* small = o;
        if (small->used > big->used)
            std::swap(big, small);
        int64_t pos = 0;
        Value key;
        int64_t h;
        while (set_next(small, pos, key, h)) {
            int rv = contains_entry(vm, big, key, h);
            if (rv < 0)
                return nullptr;
            if (rv && !add_entry(vm, result, key, h))
                return nullptr;
        }
        return result;
    }
    bool ok = for_each_item(vm, other, [&](Value key) {
        int64_t h;
        if (!key_hash(vm, key, h))
            return false;
        int rv = contains_entry(vm, so, key, h);
        if (rv < 0)
            return false;
        return !rv || add_entry(vm, result, key, h);
    });
    return ok ? result : nullptr;
}

void swap_bodies(SetObject* a, SetObject* b)
{
    std::swap(a->table, b->table);
    std::swap(a->fill, b->fill);
    std::swap(a->used, b->used);
    std::swap(a->mask, b->mask);
    std::swap(a->finger, b->finger);
    a->hash_valid = false;
    b->hash_valid = false;
}

bool difference_update_internal(VM& vm, SetObject* so, Value other)
{
    if (as_anyset(other) == so) {
        clear_internal(so);
        return true;
    }
    if (SetObject* o = as_anyset(other)) {
        if ((o->used >> 3) > so->used) {
            o = intersection(vm, so, other);
            if (!o)
                return false;
        }
        int64_t pos = 0;
        Value key;
        int64_t h;
        while (set_next(o, pos, key, h))
            if (discard_entry(vm, so, key, h) < 0)
                return false;
    } else {
        bool ok = for_each_item(vm, other, [&](Value key) { return discard_key_retry(vm, so, key) >= 0; });
        if (!ok)
            return false;
    }
    if (so->fill - so->used <= so->mask / 4)
        return true;
    return table_resize(vm, so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

bool exact_dict_contains(VM& vm, Dict* d, Value key, int& rv)
{
    Value v = dict_get(vm, d, key);
    if (v.is_null())
        return false;
    rv = v.is_not_found() ? 0 : 1;
    return true;
}

SetObject* difference(VM& vm, SetObject* so, Value other)
{
    int64_t other_size;
    SetObject* o = as_anyset(other);
    bool is_dict = other.is_object() && other.as_object()->type == types.dict;
    if (o) {
        other_size = o->used;
    } else if (is_dict) {
        other_size = other.as<Dict>()->used;
    } else {
        SetObject* r = copy_of(vm, so);
        if (!r || !difference_update_internal(vm, r, other))
            return nullptr;
        return r;
    }
    if ((so->used >> 2) > other_size) {
        SetObject* r = copy_of(vm, so);
        if (!r || !difference_update_internal(vm, r, other))
            return nullptr;
        return r;
    }
    SetObject* result = alloc_set(vm, is_frozen(so));
    if (!result)
        return nullptr;
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next(so, pos, key, h)) {
        int rv;
        if (is_dict) {
            if (!exact_dict_contains(vm, other.as<Dict>(), key, rv))
                return nullptr;
        } else {
            rv = contains_entry(vm, o, key, h);
            if (rv < 0)
                return nullptr;
        }
        if (!rv && !add_entry(vm, result, key, h))
            return nullptr;
    }
    return result;
}

bool symmetric_difference_update(VM& vm, SetObject* so, Value other)
{
    if (as_anyset(other) == so) {
        clear_internal(so);
        return true;
    }
    if (other.is_object() && other.as_object()->type == types.dict) {
        Dict* d = other.as<Dict>();
        for (uint32_t k = 0; k < d->nentries; ++k) {
            DictEntry e = d->entry_table()[k];
            if (e.key.is_null())
                continue;
            int rv = discard_entry(vm, so, e.key, e.hash);
            if (rv < 0)
                return false;
            if (rv == 0 && !add_entry(vm, so, e.key, e.hash))
                return false;
        }
        return true;
    }
    SetObject* o = as_anyset(other);
    if (!o) {
        o = make_new(vm, is_frozen(so), other);
        if (!o)
            return false;
    }
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next(o, pos, key, h)) {
        int rv = discard_entry(vm, so, key, h);
        if (rv < 0)
            return false;
        if (rv == 0 && !add_entry(vm, so, key, h))
            return false;
    }
    return true;
}

SetObject* symmetric_difference(VM& vm, SetObject* so, Value other)
{
    SetObject* result = make_new(vm, is_frozen(so), other);
    if (!result || !symmetric_difference_update(vm, result, Value::from_object(so)))
        return nullptr;
    return result;
}

// -1 error, 0, 1
int issubset(VM& vm, SetObject* so, Value other)
{
    SetObject* o = as_anyset(other);
    if (!o) {
        o = make_new(vm, false, other);
        if (!o)
            return -1;
    }
    if (so->used > o->used)
        return 0;
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next(so, pos, key, h)) {
        int rv = contains_entry(vm, o, key, h);
        if (rv <= 0)
            return rv;
    }
    return 1;
}

int issuperset(VM& vm, SetObject* so, Value other)
{
    if (SetObject* o = as_anyset(other))
        return issubset(vm, o, Value::from_object(so));
    int result = 1;
    bool ok = for_each_item(vm, other, [&](Value key) {
        int rv = contains_key_retry(vm, so, key);
        if (rv < 0)
            return false;
        if (!rv) {
            result = 0;
            return false;
        }
        return true;
    });
    if (!ok && result != 0)
        return -1;
    return result;
}

int isdisjoint(VM& vm, SetObject* so, Value other)
{
    if (as_anyset(other) == so)
        return so->used == 0;
    if (SetObject* o = as_anyset(other)) {
        SetObject* big = so;
        SetObject* small = o;
        if (small->used > big->used)
            std::swap(big, small);
        int64_t pos = 0;
        Value key;
        int64_t h;
        while (set_next(small, pos, key, h)) {
            int rv = contains_entry(vm, big, key, h);
            if (rv != 0)
                return rv < 0 ? -1 : 0;
        }
        return 1;
    }
    int result = 1;
    bool ok = for_each_item(vm, other, [&](Value key) {
        int rv = contains_key_retry(vm, so, key);
        if (rv < 0)
            return false;
        if (rv) {
            result = 0;
            return false;
        }
        return true;
    });
    if (!ok && result != 0)
        return -1;
    return result;
}

int64_t frozenset_hash_value(SetObject* so)
{
    auto shuffle = [](uint64_t h) { return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull; };
    uint64_t hash = 0;
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next(so, pos, key, h))
        hash ^= shuffle(static_cast<uint64_t>(h));
    hash ^= (static_cast<uint64_t>(so->used) + 1) * 1927868237ull;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069u + 907133923ull;
    if (hash == static_cast<uint64_t>(-1))
        hash = 590923713ull;
    return static_cast<int64_t>(hash);
}


// ------------------------------------------------------------------ Python methods

SetObject* self_set(Value const* args) { return as_anyset(args[0]); }

// "set.add", "frozenset.union", ...: the method's name in messages.
std::string set_method_name(Value const* args, char const* name)
{
    return std::string(type_of(args[0])->has_flag(TF_SET_SUBCLASS) || type_of(args[0]) == types.set ? "set." : "frozenset.") + name;
}

// The METH_VARARGS methods (union, update, ...): keywords refused with the qualified name,
// as `s.union(x=1)` reports it in CPython.
bool no_kwargs(VM& vm, Value const* args, char const* name, Tuple* kwnames)
{
    if (!kwnames || !kwnames->size)
        return true;
    return check_no_kwargs(vm, set_method_name(args, name).c_str(), kwnames);
}

// The checks below run on every call of set.add, __contains__, ...: the qualified name
// for the message is made only when there is an error to report.
bool one_arg(VM& vm, Value const* args, char const* name, size_t nargs, Tuple* kwnames)
{
    if ((!kwnames || !kwnames->size) && nargs == 2) [[likely]]
        return true;
    std::string full = set_method_name(args, name);
    if (!check_no_kwargs(vm, full.c_str(), kwnames))
        return false;
    if (nargs != 2) {
        (void)raise_fmt(vm, exc::TypeError, "%s() takes exactly one argument (%zu given)", full.c_str(), nargs - 1);
        return false;
    }
    return true;
}

bool no_args(VM& vm, Value const* args, char const* name, size_t nargs, Tuple* kwnames)
{
    if ((!kwnames || !kwnames->size) && nargs == 1) [[likely]]
        return true;
    std::string full = set_method_name(args, name);
    if (!check_no_kwargs(vm, full.c_str(), kwnames))
        return false;
    if (nargs != 1) {
        (void)raise_fmt(vm, exc::TypeError, "%s() takes no arguments (%zu given)", full.c_str(), nargs - 1);
        return false;
    }
    return true;
}

Value bool_result(int r) { return r < 0 ? Value::null() : py_bool(r != 0); }

Value set_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.set) {
        if (kwnames && kwnames->size)
            return raise(vm, exc::TypeError, "set() takes no keyword arguments");
        return Value::from_object(alloc_set(vm, false));
    }
    Object* o = alloc_instance(vm, cls);
    if (!o)
        return Value::null();
    static_cast<SetObject*>(o)->mask = kMinSize - 1;
    return Value::from_object(o);
}

Value set_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "set() takes no keyword arguments");
    if (!check_nargs(vm, "set", nargs - 1, 0, 1))
        return Value::null();
    SetObject* so = as_set(args[0]);
    if (so->fill)
        clear_internal(so);
    if (nargs == 2 && !update_internal(vm, so, args[1]))
        return Value::null();
    return py_none();
}

Value frozenset_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.frozenset && kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "frozenset() takes no keyword arguments");
    if (!check_nargs(vm, "frozenset", nargs - 1, 0, 1))
        return Value::null();
    Value iterable = nargs == 2 ? args[1] : Value::null();
    Value result;
    if (!iterable.is_null() && iterable.is_object() && iterable.as_object()->type == types.frozenset) {
        result = iterable;
    } else {
        result = set_value(make_new(vm, true, iterable));
        if (result.is_null())
            return Value::null();
    }
    if (cls == types.frozenset)
        return result;
    return box_value(vm, cls, result);
}

Value set_repr_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__repr__", nargs - 1, kwnames, 0))
        return Value::null();
    SetObject* so = self_set(args);
    Object* self = args[0].as_object();
    TypeObject* t = self->type;
    std::string tname(t->name->view());
    if (!repr_enter(vm, self))
        return str_value(vm, tname + "(...)");
    if (so->used == 0) {
        repr_leave(vm, self);
        return str_value(vm, tname + "()");
    }
    // Snapshot the keys first: repr of a key may mutate the set.
    List* keys = list_new(vm, static_cast<size_t>(so->used));
    if (!keys) {
        repr_leave(vm, self);
        return Value::null();
    }
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next(so, pos, key, h))
        (void)list_append(vm, keys, key); // room reserved above
    std::string out;
    if (t != types.set)
        out = tname + "(";
    out += "{";
    for (size_t i = 0; i < keys->size; ++i) {
        if (i)
            out += ", ";
        Value r = repr(vm, keys->items()[i]);
        // The text grows with the keys' reprs: through the heap's checked buffer.
        if (r.is_null() || !vm.heap.append_buffer(out, as_str(r)->view())) {
            repr_leave(vm, self);
            return Value::null();
        }
    }
    out += "}";
    if (t != types.set)
        out += ")";
    repr_leave(vm, self);
    return str_value(vm, out);
}

Value set_len(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__len__", nargs - 1, kwnames, 0))
        return Value::null();
    return int_from_i64(vm, self_set(args)->used);
}

Value set_contains_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "__contains__", nargs, kwnames))
        return Value::null();
    return bool_result(contains_key_retry(vm, self_set(args), args[1]));
}

Value set_iter_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__iter__", nargs - 1, kwnames, 0))
        return Value::null();
    return set_iter_new(vm, self_set(args));
}

Value frozenset_hash_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__hash__", nargs - 1, kwnames, 0))
        return Value::null();
    SetObject* so = self_set(args);
    if (!so->hash_valid) {
        so->hash_cache = frozenset_hash_value(so);
        so->hash_valid = true;
    }
    return int_from_i64(vm, so->hash_cache);
}

Value set_add_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "add", nargs, kwnames))
        return Value::null();
    if (!add_key(vm, as_set(args[0]), args[1]))
        return Value::null();
    return py_none();
}

Value set_remove_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "remove", nargs, kwnames))
        return Value::null();
    int rv = discard_key_retry(vm, as_set(args[0]), args[1]);
    if (rv < 0)
        return Value::null();
    if (rv == 0)
    {
        Tuple* key = tuple_pack(vm, { args[1] });
        return key ? raise_with_args(vm, exc::KeyError, key) : Value::null();
    }
    return py_none();
}

Value set_discard_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "discard", nargs, kwnames))
        return Value::null();
    if (discard_key_retry(vm, as_set(args[0]), args[1]) < 0)
        return Value::null();
    return py_none();
}

Value set_pop_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, args, "pop", nargs, kwnames))
        return Value::null();
    SetObject* so = as_set(args[0]);
    if (so->used == 0)
        return raise(vm, exc::KeyError, "pop from an empty set");
    SetEntry* table = so->entries();
    int64_t k = so->finger & so->mask;
    while (!is_active(table[k])) {
        ++k;
        if (k > so->mask)
            k = 0;
    }
    Value key = table[k].key;
    table[k].key = dummy();
    table[k].hash = -1;
    so->used--;
    so->finger = k + 1;
    return key;
}

Value set_clear_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, args, "clear", nargs, kwnames))
        return Value::null();
    clear_internal(as_set(args[0]));
    return py_none();
}

Value set_copy_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_args(vm, args, "copy", nargs, kwnames))
        return Value::null();
    if (args[0].as_object()->type == types.frozenset)
        return args[0];
    return set_value(copy_of(vm, self_set(args)));
}

Value set_union_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_kwargs(vm, args, "union", kwnames))
        return Value::null();
    SetObject* so = self_set(args);
    SetObject* result = copy_of(vm, so);
    if (!result)
        return Value::null();
    for (size_t i = 1; i < nargs; ++i) {
        if (as_anyset(args[i]) == so)
            continue;
        if (!update_internal(vm, result, args[i]))
            return Value::null();
    }
    return Value::from_object(result);
}

Value set_update_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_kwargs(vm, args, "update", kwnames))
        return Value::null();
    SetObject* so = as_set(args[0]);
    for (size_t i = 1; i < nargs; ++i)
        if (!update_internal(vm, so, args[i]))
            return Value::null();
    return py_none();
}

SetObject* intersection_multi(VM& vm, SetObject* so, Value const* others, size_t n)
{
    if (n == 0)
        return copy_of(vm, so);
    SetObject* result = so;
    for (size_t i = 0; i < n; ++i) {
        result = intersection(vm, result, others[i]);
        if (!result)
            return nullptr;
    }
    return result;
}

Value set_intersection_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_kwargs(vm, args, "intersection", kwnames))
        return Value::null();
    return set_value(intersection_multi(vm, self_set(args), args + 1, nargs - 1));
}

Value set_intersection_update_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_kwargs(vm, args, "intersection_update", kwnames))
        return Value::null();
    SetObject* so = as_set(args[0]);
    SetObject* tmp = intersection_multi(vm, so, args + 1, nargs - 1);
    if (!tmp)
        return Value::null();
    swap_bodies(so, tmp);
    return py_none();
}

Value set_difference_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_kwargs(vm, args, "difference", kwnames))
        return Value::null();
    SetObject* so = self_set(args);
    if (nargs == 1)
        return set_value(copy_of(vm, so));
    if (nargs == 2)
        return set_value(difference(vm, so, args[1]));
    SetObject* result = copy_of(vm, so);
    if (!result)
        return Value::null();
    for (size_t i = 1; i < nargs; ++i)
        if (!difference_update_internal(vm, result, args[i]))
            return Value::null();
    return Value::from_object(result);
}

Value set_difference_update_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!no_kwargs(vm, args, "difference_update", kwnames))
        return Value::null();
    SetObject* so = as_set(args[0]);
    for (size_t i = 1; i < nargs; ++i)
        if (!difference_update_internal(vm, so, args[i]))
            return Value::null();
    return py_none();
}

Value set_symmetric_difference_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "symmetric_difference", nargs, kwnames))
        return Value::null();
    return set_value(symmetric_difference(vm, self_set(args), args[1]));
}

Value set_symmetric_difference_update_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "symmetric_difference_update", nargs, kwnames))
        return Value::null();
    if (!symmetric_difference_update(vm, as_set(args[0]), args[1]))
        return Value::null();
    return py_none();
}

Value set_issubset_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "issubset", nargs, kwnames))
        return Value::null();
    return bool_result(issubset(vm, self_set(args), args[1]));
}

Value set_issuperset_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "issuperset", nargs, kwnames))
        return Value::null();
    return bool_result(issuperset(vm, self_set(args), args[1]));
}

Value set_isdisjoint_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!one_arg(vm, args, "isdisjoint", nargs, kwnames))
        return Value::null();
    return bool_result(isdisjoint(vm, self_set(args), args[1]));
}

Value set_reduce_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    SetObject* so = self_set(args);
    List* keys = list_new(vm, static_cast<size_t>(so->used));
    if (!keys)
        return Value::null();
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next(so, pos, key, h))
        (void)list_append(vm, keys, key); // room reserved above
    Value state = py_none();
    if (Dict* d = instance_dict(vm, args[0].as_object(), false))
        state = Value::from_object(d);
    Tuple* ctor_args = tuple_pack(vm, { Value::from_object(keys) });
    if (!ctor_args)
        return Value::null();
    return Value::from_object(
        tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(ctor_args), state }));
}

// ---- operators

Value richcompare(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, CmpArg op)
{
    if (!check_wrapper_args(vm, cmp_method_name(op), nargs - 1, kwnames, 1))
        return Value::null();
    SetObject* v = self_set(args);
    SetObject* w = as_anyset(args[1]);
    if (!w)
        return py_not_implemented();
    switch (op) {
    case CmpArg::EQ:
    case CmpArg::NE: {
        bool eq;
        if (v->used != w->used) {
            eq = false;
        } else if (is_frozen(v) && is_frozen(w) && v->hash_valid && w->hash_valid && v->hash_cache != w->hash_cache) {
            eq = false;
        } else {
            int r = issubset(vm, v, Value::from_object(w));
            if (r < 0)
                return Value::null();
            eq = r != 0;
        }
        return py_bool(op == CmpArg::EQ ? eq : !eq);
    }
    case CmpArg::LE: return bool_result(issubset(vm, v, Value::from_object(w)));
    case CmpArg::GE: return bool_result(issuperset(vm, v, Value::from_object(w)));
    case CmpArg::LT:
        if (v->used >= w->used)
            return py_false();
        return bool_result(issubset(vm, v, Value::from_object(w)));
    case CmpArg::GT:
        if (v->used <= w->used)
            return py_false();
        return bool_result(issuperset(vm, v, Value::from_object(w)));
    }
    return py_not_implemented();
}

Value set_lt(VM& vm, Value const* a, size_t n, Tuple* kw) { return richcompare(vm, a, n, kw, CmpArg::LT); }
Value set_le(VM& vm, Value const* a, size_t n, Tuple* kw) { return richcompare(vm, a, n, kw, CmpArg::LE); }
Value set_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return richcompare(vm, a, n, kw, CmpArg::EQ); }
Value set_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return richcompare(vm, a, n, kw, CmpArg::NE); }
Value set_gt(VM& vm, Value const* a, size_t n, Tuple* kw) { return richcompare(vm, a, n, kw, CmpArg::GT); }
Value set_ge(VM& vm, Value const* a, size_t n, Tuple* kw) { return richcompare(vm, a, n, kw, CmpArg::GE); }

enum class SetOp { Or, And, Sub, Xor };

// a OP b for two sets (either may be frozen; the result has a's base type).
Value binary(VM& vm, Value a, Value b, SetOp op)
{
    SetObject* so = as_anyset(a);
    SetObject* other = as_anyset(b);
    if (!so || !other)
        return py_not_implemented();
    switch (op) {
    case SetOp::Or: {
        SetObject* result = copy_of(vm, so);
        if (!result)
            return Value::null();
        if (other != so && !update_internal(vm, result, b))
            return Value::null();
        return Value::from_object(result);
    }
    case SetOp::And: return set_value(intersection(vm, so, b));
    case SetOp::Sub: return set_value(difference(vm, so, b));
    case SetOp::Xor: return set_value(symmetric_difference(vm, so, b));
    }
    return py_not_implemented();
}

#define SET_BINOP(name, dunder, op, reflected)                                  \
    Value name(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)         \
    {                                                                           \
        if (!check_wrapper_args(vm, dunder, nargs - 1, kwnames, 1))             \
            return Value::null();                                               \
        return reflected ? binary(vm, args[1], args[0], op) : binary(vm, args[0], args[1], op); \
    }
SET_BINOP(set_or, "__or__", SetOp::Or, false)
SET_BINOP(set_and, "__and__", SetOp::And, false)
SET_BINOP(set_sub, "__sub__", SetOp::Sub, false)
SET_BINOP(set_xor, "__xor__", SetOp::Xor, false)
SET_BINOP(set_ror, "__ror__", SetOp::Or, true)
SET_BINOP(set_rand, "__rand__", SetOp::And, true)
SET_BINOP(set_rsub, "__rsub__", SetOp::Sub, true)
SET_BINOP(set_rxor, "__rxor__", SetOp::Xor, true)
#undef SET_BINOP

Value set_inplace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, SetOp op)
{
    static char const* const names[] = { "__ior__", "__iand__", "__isub__", "__ixor__" };
    if (!check_wrapper_args(vm, names[static_cast<int>(op)], nargs - 1, kwnames, 1))
        return Value::null();
    SetObject* so = as_set(args[0]);
    if (!as_anyset(args[1]))
        return py_not_implemented();
    bool ok = true;
    switch (op) {
    case SetOp::Or: ok = update_internal(vm, so, args[1]); break;
    case SetOp::And: {
        SetObject* tmp = intersection(vm, so, args[1]);
        ok = tmp != nullptr;
        if (ok)
            swap_bodies(so, tmp);
        break;
    }
    case SetOp::Sub: ok = difference_update_internal(vm, so, args[1]); break;
    case SetOp::Xor: ok = symmetric_difference_update(vm, so, args[1]); break;
    }
    return ok ? args[0] : Value::null();
}

Value set_ior(VM& vm, Value const* a, size_t n, Tuple* kw) { return set_inplace(vm, a, n, kw, SetOp::Or); }
Value set_iand(VM& vm, Value const* a, size_t n, Tuple* kw) { return set_inplace(vm, a, n, kw, SetOp::And); }
Value set_isub(VM& vm, Value const* a, size_t n, Tuple* kw) { return set_inplace(vm, a, n, kw, SetOp::Sub); }
Value set_ixor(VM& vm, Value const* a, size_t n, Tuple* kw) { return set_inplace(vm, a, n, kw, SetOp::Xor); }

// ---- set_iterator

Value set_iter_iternext(VM& vm, Value self) { return set_iter_step(vm, self.as<SetIterator>()); }

Value set_iter_length_hint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "set_iterator", "__length_hint__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<SetIterator>();
    int64_t n = it->set && it->used == it->set->used ? it->remaining : 0;
    return int_from_i64(vm, n);
}

// __reduce__: (iter, (list of the items left,)), listed from a copy so that this
// iterator does not move (CPython's setiter_reduce).
Value set_iter_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "set_iterator", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    auto* it = args[0].as<SetIterator>();
    auto* copy = vm.heap.make<SetIterator>(types.set_iterator);
    if (!copy)
        return Value::null();
    copy->set = it->set;
    copy->pos = it->pos;
    copy->used = it->used;
    copy->remaining = it->remaining;
    List* rest = list_from_iterable(vm, Value::from_object(copy));
    return rest ? reduce_builtin(vm, "iter", { Value::from_object(rest) }) : Value::null();
}

void add_set_methods(VM& vm)
{
    add_methods(vm, types.set,
                {
                    { "__new__", set_new_method, METH_STATIC },
                    { "__init__", set_init },
                    { "__repr__", set_repr_method },
                    { "__len__", set_len },
                    { "__contains__", set_contains_method },
                    { "__iter__", set_iter_method },
                    { "__lt__", set_lt },
                    { "__le__", set_le },
                    { "__eq__", set_eq },
                    { "__ne__", set_ne },
                    { "__gt__", set_gt },
                    { "__ge__", set_ge },
                    { "__or__", set_or },
                    { "__and__", set_and },
                    { "__sub__", set_sub },
                    { "__xor__", set_xor },
                    { "__ror__", set_ror },
                    { "__rand__", set_rand },
                    { "__rsub__", set_rsub },
                    { "__rxor__", set_rxor },
                    { "__ior__", set_ior },
                    { "__iand__", set_iand },
                    { "__isub__", set_isub },
                    { "__ixor__", set_ixor },
                    { "__reduce__", set_reduce_method },
                    { "add", set_add_method, 0, "Add an element to a set.\n\nThis has no effect if the element is already present." },
                    { "remove", set_remove_method, 0, "Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError." },
                    { "discard", set_discard_method, 0, "Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\nan exception when an element is missing from the set." },
                    { "pop", set_pop_method, 0, "Remove and return an arbitrary set element.\nRaises KeyError if the set is empty." },
                    { "clear", set_clear_method, 0, "Remove all elements from this set." },
                    { "copy", set_copy_method, 0, "Return a shallow copy of a set." },
                    { "union", set_union_method, 0, "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)" },
                    { "update", set_update_method, 0, "Update a set with the union of itself and others." },
                    { "intersection", set_intersection_method, 0, "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)" },
                    { "intersection_update", set_intersection_update_method, 0, "Update a set with the intersection of itself and another." },
                    { "difference", set_difference_method, 0, "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)" },
                    { "difference_update", set_difference_update_method, 0, "Remove all elements of another set from this set." },
                    { "symmetric_difference", set_symmetric_difference_method, 0, "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)" },
                    { "symmetric_difference_update", set_symmetric_difference_update_method, 0, "Update a set with the symmetric difference of itself and another." },
                    { "issubset", set_issubset_method, 0, "Report whether another set contains this set." },
                    { "issuperset", set_issuperset_method, 0, "Report whether this set contains another set." },
                    { "isdisjoint", set_isdisjoint_method, 0, "Return True if two sets have a null intersection." },
                });
    add_attribute(vm, types.set, "__hash__", py_none());

    add_methods(vm, types.frozenset,
                {
                    { "__new__", frozenset_new_method, METH_STATIC },
                    { "__repr__", set_repr_method },
                    { "__hash__", frozenset_hash_method },
                    { "__len__", set_len },
                    { "__contains__", set_contains_method },
                    { "__iter__", set_iter_method },
                    { "__lt__", set_lt },
                    { "__le__", set_le },
                    { "__eq__", set_eq },
                    { "__ne__", set_ne },
                    { "__gt__", set_gt },
                    { "__ge__", set_ge },
                    { "__or__", set_or },
                    { "__and__", set_and },
                    { "__sub__", set_sub },
                    { "__xor__", set_xor },
                    { "__ror__", set_ror },
                    { "__rand__", set_rand },
                    { "__rsub__", set_rsub },
                    { "__rxor__", set_rxor },
                    { "__reduce__", set_reduce_method },
                    { "copy", set_copy_method, 0, "Return a shallow copy of a set." },
                    { "union", set_union_method, 0, "Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)" },
                    { "intersection", set_intersection_method, 0, "Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)" },
                    { "difference", set_difference_method, 0, "Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)" },
                    { "symmetric_difference", set_symmetric_difference_method, 0, "Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)" },
                    { "issubset", set_issubset_method, 0, "Report whether another set contains this set." },
                    { "issuperset", set_issuperset_method, 0, "Report whether this set contains another set." },
                    { "isdisjoint", set_isdisjoint_method, 0, "Return True if two sets have a null intersection." },
                });

    types.set_iterator->iternext = set_iter_iternext;
    add_methods(vm, types.set_iterator,
                {
                    { "__iter__", iter_self_method },
                    { "__next__", next_method<set_iter_iternext> },
                    { "__length_hint__", set_iter_length_hint },
                    { "__reduce__", set_iter_reduce },
                });
}

} // namespace

// ------------------------------------------------------------------ public API

SetObject* as_anyset(Value v)
{
    if (!v.is_object())
        return nullptr;
    TypeObject* t = v.as_object()->type;
    if (t == types.set || t == types.frozenset || t->has_flag(TF_SET_SUBCLASS))
        return v.as<SetObject>();
    if (t->has_flag(TF_FROZENSET_SUBCLASS)) {
        Value inner = v.as<BoxedValue>()->base_value;
        if (inner.is_object() && inner.as_object()->type == types.frozenset)
            return inner.as<SetObject>();
    }
    return nullptr;
}

SetObject* as_set(Value v)
{
    if (!v.is_object())
        return nullptr;
    TypeObject* t = v.as_object()->type;
    if (t == types.set || t->has_flag(TF_SET_SUBCLASS))
        return v.as<SetObject>();
    return nullptr;
}

SetObject* as_frozenset(Value v)
{
    SetObject* so = as_anyset(v);
    return so && is_frozen(so) ? so : nullptr;
}

Value set_new(VM& vm, Value iterable) { return set_value(make_new(vm, false, iterable)); }
Value frozenset_new(VM& vm, Value iterable) { return set_value(make_new(vm, true, iterable)); }
bool set_add(VM& vm, SetObject* so, Value key) { return add_key(vm, so, key); }
int set_contains(VM& vm, SetObject* so, Value key) { return contains_key_retry(vm, so, key); }
int set_discard(VM& vm, SetObject* so, Value key) { return discard_key_retry(vm, so, key); }
bool set_update(VM& vm, SetObject* so, Value iterable) { return update_internal(vm, so, iterable); }

bool set_difference_update(VM& vm, SetObject* so, Value other) { return difference_update_internal(vm, so, other); }
bool set_symmetric_difference_update(VM& vm, SetObject* so, Value other)
{
    return symmetric_difference_update(vm, so, other);
}
Value set_intersection(VM& vm, SetObject* so, Value other) { return set_value(intersection(vm, so, other)); }

bool set_next(SetObject const* so, int64_t& pos, Value& key, int64_t& hash)
{
    if (!so->table)
        return false;
    SetEntry const* e = so->entries();
    while (pos <= so->mask) {
        SetEntry const& entry = e[pos++];
        if (is_active(entry)) {
            key = entry.key;
            hash = entry.hash;
            return true;
        }
    }
    return false;
}

Value set_iter_new(VM& vm, SetObject* so)
{
    auto* it = vm.heap.make<SetIterator>(types.set_iterator);
    if (!it)
        return Value::null();
    it->set = so;
    it->pos = 0;
    it->used = so->used;
    it->remaining = so->used;
    return Value::from_object(it);
}

// Steps a set iterator: the next key, stop_iteration at the end, null on error.
Value set_iter_step(VM& vm, SetIterator* it)
{
    SetObject* so = it->set;
    if (!so)
        return Value::stop_iteration();
    if (it->used != so->used) {
        it->used = -1;
        return raise(vm, exc::RuntimeError, "Set changed size during iteration");
    }
    Value key;
    int64_t h;
    if (!set_next(so, it->pos, key, h)) {
        it->set = nullptr;
        return Value::stop_iteration();
    }
    it->remaining--;
    return key;
}

void setup_set(VM& vm)
{
    for (TypeObject* t : { types.set, types.frozenset }) {
        t->basicsize = sizeof(SetObject);
        t->trace = set_trace;
    }
    types.set_iterator->basicsize = sizeof(SetIterator);
    types.set_iterator->trace = set_iter_trace;
    add_set_methods(vm);
}

} // namespace slpy
