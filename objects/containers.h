// The core containers every part of the runtime builds on: tuple, list, dict, and the
// raw GC buffers behind them. Python-level methods live in tuple.cpp, list.cpp, dict.cpp.
#pragma once

#include "objects/runtime.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace slpy {

// A GC-managed array of Values; traced up to `capacity` (unused slots stay null).
struct ValueArray : Object {
    size_t capacity;
    Value items[];
};
[[nodiscard]] ValueArray* value_array_new(VM& vm, size_t capacity);

// A GC-managed byte buffer; its contents are not traced.
struct RawBuffer : Object {
    size_t size;
    alignas(16) unsigned char data[];
};
[[nodiscard]] RawBuffer* raw_buffer_new(VM& vm, size_t size);

// ------------------------------------------------------------------ tuple

struct Tuple : Object {
    size_t size;
    Value items[];
};
// A new tuple of n null items for the caller to fill before it escapes. The
// constructors return null with MemoryError pending when memory is exhausted; tuple_pack
// also returns null when an item is null (an error from building it propagates).
[[nodiscard]] Tuple* tuple_new(VM& vm, size_t n);
[[nodiscard]] Tuple* tuple_pack(VM& vm, std::initializer_list<Value> items);
[[nodiscard]] Tuple* tuple_from_array(VM& vm, Value const* items, size_t n);
Tuple* empty_tuple();
// Exact tuple, or the boxed value of a tuple subclass; nullptr otherwise.
Tuple* as_tuple(Value v);

// ------------------------------------------------------------------ list

struct List : Object {
    ValueArray* array; // null while empty and never grown
    size_t size;
    Value* items() const { return array ? array->items : nullptr; }
    size_t capacity() const { return array ? array->capacity : 0; }
};
[[nodiscard]] List* list_new(VM& vm, size_t capacity = 0);
[[nodiscard]] List* list_from_array(VM& vm, Value const* items, size_t n);
// Grows as needed. False (MemoryError pending) when the list cannot grow, or when v is
// null (an error from building v propagates).
bool list_append(VM& vm, List* list, Value v);
bool list_reserve(VM& vm, List* list, size_t capacity);
// Extends with every item of an iterable (fast for list/tuple). False on error.
bool list_extend(VM& vm, List* list, Value iterable);
// PyObject_LengthHint: len(o) when o has __len__ (a TypeError from it means unknown),
// else o.__length_hint__() (absent, NotImplemented or a TypeError: dflt). -1 with the
// error pending for a failing __len__ or a bad hint (not an int, negative, too big).
int64_t length_hint(VM& vm, Value o, int64_t dflt);
// list(iterable)
[[nodiscard]] List* list_from_iterable(VM& vm, Value iterable);
// CPython's PySequence_Fast for callers that want a list: list(iterable), except that a
// TypeError from iter(iterable) becomes TypeError(not_iterable), e.g. "can only join an iterable".
[[nodiscard]] List* list_from_iterable_or(VM& vm, Value iterable, char const* not_iterable);
// Exact list or an instance of a list subclass (whose layout starts with List).
List* as_list(Value v);

// ------------------------------------------------------------------ dict

struct DictEntry {
    int64_t hash;
    Value key;   // null: deleted entry
    Value value;
};

// Compact ordered dict (CPython 3.6+ design): `indices` is an open-addressing table of
// int32 entry numbers (-1 empty, -2 deleted); `entries` holds DictEntry records in
// insertion order.
struct Dict : Object {
    RawBuffer* indices;
    RawBuffer* entries;
    uint32_t used;        // live entries
    uint32_t nentries;    // entries appended so far (live + deleted)
    uint32_t entry_capacity;
    uint32_t index_size;  // power of two, 0 when no table yet
    uint64_t version;     // bumped on every mutation (iteration guards, caches)
    // Changes (to a process-wide unique value) whenever a new key is inserted: a lookup
    // that missed stays a miss while it is unchanged (global/builtin lookup caches).
    uint64_t keys_version;

    DictEntry* entry_table() const { return entries ? reinterpret_cast<DictEntry*>(entries->data) : nullptr; }
};
[[nodiscard]] Dict* dict_new(VM& vm);
// The value for key; Value::not_found() when absent (no error); null on error (__hash__
// or __eq__ raised).
Value dict_get(VM& vm, Dict* d, Value key);
// Fast path for str keys: never runs Python code unless the dict holds non-str keys
// with the same hash.
Value dict_get_str(VM& vm, Dict* d, String* key);
bool dict_set(VM& vm, Dict* d, Value key, Value value);
// The entry index of exactly this (interned) key object, or -1: for inline caches,
// which then check `entry_table()[i].key` is still the key.
int64_t dict_index_of_key(Dict const* d, String* key);
bool dict_set_str(VM& vm, Dict* d, String* key, Value value);
// 1 deleted, 0 absent (nothing raised), -1 error.
int dict_del(VM& vm, Dict* d, Value key);
void dict_clear(Dict* d);
// dict_get / dict_set / dict_del for a key whose hash is known (CPython's *_KnownHash):
// a key's __hash__ runs once per operation, and copying, merging or comparing dicts
// reuses the hashes stored in their entries, as CPython does.
Value dict_get_hashed(VM& vm, Dict* d, Value key, int64_t hash);
bool dict_set_hashed(VM& vm, Dict* d, Value key, int64_t hash, Value value);
int dict_del_hashed(VM& vm, Dict* d, Value key, int64_t hash);
// d.setdefault(key, dflt) and d.pop(key) with one hash and one probe, as CPython: the
// value for key (setdefault inserts dflt when absent; pop removes it, or gives
// Value::not_found() when absent); null on error.
Value dict_setdefault(VM& vm, Dict* d, Value key, Value dflt);
Value dict_pop(VM& vm, Dict* d, Value key);
// Iteration in insertion order: start with pos = 0; returns false at the end.
bool dict_next(Dict const* d, size_t& pos, Value& key, Value& value);
[[nodiscard]] Dict* dict_copy(VM& vm, Dict const* d);
// d.update(other) for a dict other (false on error).
bool dict_merge(VM& vm, Dict* d, Dict const* other, bool override = true);
// PyDict_Merge(d, mapping, override=1): a dict (or a subclass that keeps dict.__iter__)
// is merged from its table, anything else through list(mapping.keys()) and mapping[key].
// False on error.
bool dict_merge_mapping(VM& vm, Dict* d, Value mapping);
// Exact dict or an instance of a dict subclass (whose layout starts with Dict).
Dict* as_dict(Value v);

} // namespace slpy
