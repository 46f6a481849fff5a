// The per-VM part of the runtime that lives outside the VM's heap objects (VM::local):
// only objects/ includes this. The shared runtime is frozen, so everything here is what
// used to be a process global that running code writes.
#pragma once
#include "objects/runtime.h"
#include <string_view>
#include <unordered_map>
#include <vector>

namespace slpy {

struct VM::Local {
    // Strings interned by this VM after start-up (string.cpp); the shared table is
    // looked up first. Rooted by the VM.
    std::unordered_map<std::string_view, String*> interned;
    // The subclasses this VM made of shared types (type.cpp): a shared type's own
    // `subclasses` list is frozen and holds only shared types. Rooted by the VM.
    std::unordered_map<TypeObject*, List*> shared_subclasses;
    // Objects whose repr is being computed (abstract.cpp, repr_enter/repr_leave).
    std::vector<Object*> repr_stack;
    // The last key-set version given to a dict (containers.cpp): unique among the dicts
    // this VM can see, since the shared runtime's own counter (its VM's) ended long below
    // where every other VM's starts.
    uint64_t keys_version = 0;
};

} // namespace slpy
