// The one VM that every runtime unit test shares.
//
// The runtime is one VM per process: the built-in types, singletons and interned strings
// are process globals created in the first VM's heap. A second VM would have its own heap
// but trace those shared objects too, and a collection in one heap leaves GC_MARK bits set
// on the other heap's objects, which that heap's next collection then fails to trace
// (objects reachable only through them are freed while still in use). So the test files
// must not each make their own VM: they all call shared_vm().
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
