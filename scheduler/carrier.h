// Carriers: the C stacks the eval loop runs on (scheduler/README.md, "Carriers").
//
// Carrier 0 is the thread's own stack; the others are Boost.Context fibers with guard
// pages, made on demand and reused. A carrier is running, free (suspended where any
// tasklet without native code below it may continue: the base run of its loop, or not
// started) or pinned (suspended under the native code of one tasklet, which only that
// tasklet's resumption continues). The pool knows nothing of tasklets: it switches
// stacks, keeps the free list and reports the stacks to the conservative GC scan.
#pragma once

#include "objects/heap.h"

#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace slpy {

struct Carrier {
    boost::context::fiber ctx; // resumes this carrier while it is suspended (empty: running or finished)
    boost::context::stack_context stack; // the fiber's stack (carrier 0: none)
    uintptr_t low = 0;        // the usable stack [low, high)
    uintptr_t high = 0;
    uintptr_t saved_sp = 0;   // where its live part starts while suspended
    void* fake_stack = nullptr; // ASan's fake stack of the suspended side
    void* owner = nullptr;    // who pinned it (a Tasklet for the scheduler), null when free
    size_t index = 0;         // 0: the thread's own stack
    bool started = false;
    bool finished = false;
    bool in_free_list = false;
    // The native re-entry guard of the code on this stack, kept here while suspended
    // (Interpreter::nesting, VM::native_depth, VM::stack_limit).
    int nesting = 0;
    int native_depth = 0;
    uintptr_t stack_limit = 0;
};

class CarrierPool {
public:
    // Runs on a new carrier when it is first resumed; returns the carrier to continue
    // when it is done (its fiber ends there).
    using Entry = Carrier* (*)(void* user, Carrier* self);
    // `stack_size`: bytes per carrier (rounded to pages; a guard page comes on top).
    CarrierPool(size_t stack_size, Entry entry, void* user);
    ~CarrierPool();
    CarrierPool(CarrierPool const&) = delete;
    CarrierPool& operator=(CarrierPool const&) = delete;

    Carrier* running() const { return m_running; }
    Carrier* thread_carrier() const { return m_all[0].get(); }
    size_t size() const { return m_all.size(); }
    size_t free_count() const { return m_free.size(); }
    size_t stack_size() const { return m_stack_size; }
    Carrier* at(size_t i) const { return m_all[i].get(); }

    // Makes sure acquire() will succeed: false when no stack can be mapped.
    bool reserve();
    // A free carrier (the most recently freed first: its stack is warm), or a new one.
    // null when reserve() would have failed.
    Carrier* acquire();
    // `c` (running or suspended at its base) may continue any work again.
    void release(Carrier* c);
    // Takes `c` off the free list (it is about to continue particular work).
    void claim(Carrier* c);
    // Suspends the running carrier and continues `to` (started or not). Returns when
    // something switches back to this carrier.
    void switch_to(Carrier* to);
    // For the entry function's end: the fiber to return to (see Entry).
    boost::context::fiber finish_into(Carrier* self, Carrier* to);
    // Unmaps the stacks of finished carriers.
    void reclaim();

    // Every started stack for the GC: the running one from the collector's sp, the
    // suspended ones from their saved sp.
    void stack_ranges(std::vector<Heap::StackRange>& out) const;

private:
    size_t m_stack_size;
    Entry m_entry;
    void* m_user;
    boost::context::protected_fixedsize_stack m_alloc;
    std::vector<std::unique_ptr<Carrier>> m_all;
    std::vector<Carrier*> m_free;
    Carrier* m_running = nullptr;
    Carrier* m_from = nullptr; // the carrier that made the last switch (its continuation is handed over)

    Carrier* make();
    void start(Carrier* c);
    void arrived(boost::context::fiber&& from);
};

} // namespace slpy
