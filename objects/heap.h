// The garbage-collected heap: allocation and a non-moving mark-sweep collector.
//
// Rooting discipline (see objects/README.md):
//   * heap objects are traced precisely through their type's TraceFn;
//   * the roots are the providers registered with add_root_provider (type registry,
//     interned strings, modules, the running tasklets and their frames, ...);
//   * every C stack that runs VM code (the thread's own and each carrier fiber's) is
//     scanned conservatively, so native code may keep Values and Object pointers in C++
//     locals across any allocation. Values in malloc'd memory (std::vector, ...) are NOT
//     seen: keep them in heap objects (Tuple, List) or register a root provider.
//   * interior pointers into a cell keep the whole cell alive.
//
// Small objects live in 256 KiB blocks of equal-size cells (one size class per block);
// objects above kMaxSmall bytes are allocated one by one. Memory is zeroed on allocation.
#pragma once

#include "objects/object.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace slpy {

class Heap;

// Visits the references of one object during marking.
class Tracer {
public:
    explicit Tracer(Heap& heap) : m_heap(heap) {}
    inline void visit(Value v);
    void visit(Object* o)
    {
        if (o && !(o->gc & GC_MARK)) {
            o->gc |= GC_MARK;
            m_stack.push_back(o);
        }
    }
    void visit_range(Value const* begin, Value const* end)
    {
        for (; begin < end; ++begin)
            visit(*begin);
    }
    // Conservative: marks the cell that `word` points into, if any.
    void visit_conservative(uintptr_t word);

private:
    friend class Heap;
    Heap& m_heap;
    std::vector<Object*> m_stack;
};

inline void Tracer::visit(Value v)
{
    if (v.is_object())
        visit(v.as_object());
}

struct HeapStats {
    size_t collections = 0;
    size_t live_bytes = 0;      // after the last collection
    size_t allocated_bytes = 0; // since the last collection
    size_t blocks = 0;
    size_t large_objects = 0;
};

class Heap {
public:
    static constexpr size_t kBlockSize = 256 * 1024;
    static constexpr size_t kMaxSmall = 1024;

    Heap();
    ~Heap();
    Heap(Heap const&) = delete;
    Heap& operator=(Heap const&) = delete;

    // Allocates `bytes` (>= sizeof(Object)) of zeroed memory with its type set. May run a
    // collection first. Never returns null: on exhaustion it returns null only if
    // `may_fail` and otherwise aborts with a message (the VM turns that into MemoryError
    // where it can: it asks with may_fail for user-sized requests).
    Object* allocate(TypeObject* type, size_t bytes, bool may_fail = false);

    template<typename T>
    T* make(TypeObject* type, size_t extra_bytes = 0)
    {
        return static_cast<T*>(allocate(type, sizeof(T) + extra_bytes));
    }

    // Memory held outside the heap on behalf of heap objects (GMP limbs, ...): counts
    // towards the next collection's trigger.
    void note_external_alloc(size_t bytes) { m_allocated_since_gc += bytes; }

    // Root providers are called at every collection.
    using RootProvider = std::function<void(Tracer&)>;
    void add_root_provider(RootProvider provider) { m_root_providers.push_back(std::move(provider)); }

    // C stacks scanned conservatively: [low, high). The running stack's live part is
    // taken from the current stack pointer when the stack is marked `current`.
    struct StackRange {
        uintptr_t low;
        uintptr_t high;
        bool current; // scan from the collector's own stack pointer to `high`
    };
    // The thread's own stack is registered at construction.
    using StackProvider = std::function<void(std::vector<StackRange>&)>;
    void set_stack_provider(StackProvider provider) { m_stack_provider = std::move(provider); }

    void collect();
    // Collections are deferred while this is > 0 (e.g. while the heap is being set up).
    void defer_gc() { ++m_defer; }
    void undefer_gc() { --m_defer; }

    // If `word` points into a live cell, returns the object in it.
    Object* find_object(uintptr_t word) const;

    HeapStats const& stats() const { return m_stats; }
    void set_stress(bool on) { m_stress = on; }
    // Bytes allocated before the first collection; later the trigger grows with the live size.
    void set_initial_threshold(size_t bytes) { m_threshold = bytes; }

private:
    struct Block;
    struct SizeClass {
        uint32_t cell_size = 0;
        Object* free_list = nullptr;
        std::vector<Block*> blocks;
    };

    Object* allocate_small(int size_class_index);
    Object* allocate_large(size_t bytes, bool may_fail);
    Block* new_block(int size_class_index);
    void maybe_collect(size_t bytes);
    void mark_roots(Tracer& tracer);
    void scan_stacks(Tracer& tracer);
    void drain(Tracer& tracer);
    void sweep();
    static void finalize(Object* o);

    static int size_class_for(size_t bytes);

    std::vector<SizeClass> m_classes;
    std::vector<Block*> m_all_blocks; // sorted by address, for find_object
    struct Large {
        uintptr_t start;
        size_t size;
    };
    std::vector<Large> m_large; // sorted by address after each collection
    bool m_large_sorted = true;

    std::vector<RootProvider> m_root_providers;
    StackProvider m_stack_provider;
    uintptr_t m_thread_stack_high = 0;

    size_t m_allocated_since_gc = 0;
    size_t m_threshold = 0;
    int m_defer = 0;
    bool m_collecting = false;
    bool m_stress = false;
    HeapStats m_stats;
};

} // namespace slpy
