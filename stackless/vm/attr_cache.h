// Inline caches of LOAD_ATTR and STORE_ATTR: two code units after the instruction, read
// as one 64-bit word: the version tag of the instance's type (bits 0-31), what the lookup
// found (bits 32-35, an AttrCacheKind) and where (bits 40-63, a byte offset).
//
// An entry stays valid while the type keeps that version: type_modified gives a changed
// class and all its subclasses new tags (objects/type.cpp), and tags are never reused,
// so an entry can never describe a lookup that no longer holds.
#pragma once

#include "objects/runtime.h"
#include "objects/type.h"
#include "stackless/vm/code.h"

namespace slpy {

enum class AttrCacheKind : uint32_t {
    None,
    Slot,         // a __slots__ member: the value lives at the offset in the instance
    InstanceDict, // the class has no attribute of that name: only the instance dict counts
                  // (the offset field: the entry index where the name was found last)
    ClassAttr,    // loads only: a class attribute that is no descriptor (a constant such as
                  // `EMPTY = 0` read as self.EMPTY): found by type_lookup (the type's method
                  // cache) unless the instance dict has the name
};

inline uint64_t attr_cache_read(CodeWord const* cache) { return uint64_t(cache[0]) | (uint64_t(cache[1]) << 32); }

inline void attr_cache_write(CodeWord* cache, uint64_t entry)
{
    cache[0] = CodeWord(entry);
    cache[1] = CodeWord(entry >> 32);
}

inline AttrCacheKind attr_cache_kind(uint64_t entry) { return static_cast<AttrCacheKind>((entry >> 32) & 0xf); }
inline uint32_t attr_cache_offset(uint64_t entry) { return uint32_t(entry >> 40); }
// `entry` with another offset (an offset too large to keep becomes 0: a mere hint then).
inline uint64_t attr_cache_with_offset(uint64_t entry, uint64_t offset)
{
    return (entry & ((uint64_t(1) << 40) - 1)) | ((offset < (uint64_t(1) << 24) ? offset : 0) << 40);
}

// The entry for getting (store false) or setting obj.name on instances of obj's class
// (an instance of a class statement's class). Kind None (with the version, so the
// lookup is not redone for every access) when the access needs the general protocol:
// a Python __getattribute__ or __setattr__, a descriptor, a class attribute.
inline uint64_t attr_cache_entry(Object* obj, String* name, bool store)
{
    TypeObject* t = obj->type;
    if (!t->is_heap_type())
        return 0;
    Value descr = type_lookup(t, name);
    uint64_t version = t->version; // type_lookup gave the type a tag if it had none
    Slot hook = store ? Slot::SETATTR : Slot::GETATTRIBUTE;
    if (version == 0 || !t->slot(hook).is(types.object->slot(hook)))
        return version;
    if (descr.is_not_found())
        return t->dict_offset ? version | (uint64_t(AttrCacheKind::InstanceDict) << 32) : version;
    if (type_of(descr) == types.member_descriptor) {
        uint64_t offset = member_descriptor_offset(descr);
        if (offset < (1u << 24))
            return version | (uint64_t(AttrCacheKind::Slot) << 32) | (offset << 40);
    }
    if (!store && type_of(descr)->slot(Slot::GET).is_null())
        return version | (uint64_t(AttrCacheKind::ClassAttr) << 32);
    return version;
}

} // namespace slpy
