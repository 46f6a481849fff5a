// The one VM that every runtime unit test shares.
//
// The runtime tests share one VM: objects made by one test file may be used by another
// until exit. (Several VMs per process work, objects/README.md "Shared and per-VM
// state"; tests/unit/test_vm_threads.cpp makes and destroys its own, in its own process.)
#pragma once

#include "objects/runtime.h"

#include <cstdlib>

namespace slpy::test {

// True under SLPY_TEST_GC_STRESS=1, where every allocation collects: loops that churn
// through many objects shrink then (see test_gc.cpp).
inline bool gc_stress() { return std::getenv("SLPY_TEST_GC_STRESS") != nullptr; }

inline VM& shared_vm()
{
    // Never destroyed: objects of other test files may point into its heap until exit.
    static VM* vm = [] {
        VM* v = new VM();
        // SLPY_TEST_GC_STRESS=1: collect at every allocation (finds unrooted Values).
        if (gc_stress())
            v->heap.set_stress(true);
        return v;
    }();
    return *vm;
}

} // namespace slpy::test
