// set and frozenset: CPython 3.11's hash table layout (open addressing, runs of
// LINEAR_PROBES linear probes then perturbed jumps, dummy entries for deletions, the same
// fill/resize rules), so iteration order and repr match CPython exactly.
//
// Layout: the table is a RawBuffer of SetEntry (traced by the set's TraceFn). Set
// subclass instances start with SetObject; frozenset subclass instances are BoxedValues
// holding a frozenset (as_anyset unwraps both).
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"

#include <cstdint>

namespace slpy {

struct SetEntry {
    int64_t hash; // -1 for a dummy (deleted) entry, 0 with a null key for an unused one
    Value key;    // null: unused; Value::not_found(): dummy
};

struct SetObject : Object {
    RawBuffer* table; // SetEntry[mask + 1]; nullptr while empty and never filled
    int64_t fill;     // active + dummy entries
    int64_t used;     // active entries
    int64_t mask;     // table size - 1 (7 while table is null)
    int64_t finger;   // where set.pop() resumes its search
    int64_t hash_cache; // frozenset: -1 until computed (0 in a fresh object = not computed)
    bool hash_valid;

    SetEntry* entries() const { return table ? reinterpret_cast<SetEntry*>(table->data) : nullptr; }
};

struct SetIterator : Object {
    SetObject* set; // nullptr once exhausted
    int64_t pos;
    int64_t used;   // set->used at creation; -1 after a size change was reported
    int64_t remaining;
};

// The SetObject of a set, frozenset or instance of a subclass of either; else nullptr.
SetObject* as_anyset(Value v);
// Only set / set subclasses (mutable); nullptr otherwise.
SetObject* as_set(Value v);
// Only frozenset / frozenset subclasses (unboxed); nullptr otherwise.
SetObject* as_frozenset(Value v);

// New empty set / frozenset, filled from `iterable` unless it is null. Null on error.
Value set_new(VM& vm, Value iterable = Value::null());
Value frozenset_new(VM& vm, Value iterable = Value::null());
// so.add(key). False on error (unhashable key, __eq__ raised).
bool set_add(VM& vm, SetObject* so, Value key);
// key in so: -1 error, 0, 1. (A set key is looked up as a frozenset, as CPython.)
int set_contains(VM& vm, SetObject* so, Value key);
// so.discard(key): -1 error, 0 absent, 1 removed.
int set_discard(VM& vm, SetObject* so, Value key);
// so.update(iterable). False on error.
bool set_update(VM& vm, SetObject* so, Value iterable);
// In-place algebra with any iterable (set.difference_update / symmetric_difference_update)
// and so.intersection(other) (a new set of so's base type). False / null on error.
bool set_difference_update(VM& vm, SetObject* so, Value other);
bool set_symmetric_difference_update(VM& vm, SetObject* so, Value other);
Value set_intersection(VM& vm, SetObject* so, Value other);
// Iterates the active entries in table order: start with pos = 0; false at the end.
bool set_next(SetObject const* so, int64_t& pos, Value& key, int64_t& hash);
Value set_iter_new(VM& vm, SetObject* so);
// Steps a set iterator: the next key, Value::stop_iteration() at the end, null on error
// (RuntimeError "Set changed size during iteration").
Value set_iter_step(VM& vm, SetIterator* it);

} // namespace slpy
