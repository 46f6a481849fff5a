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

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <new>
#include <stdexcept>
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
            if (m_stack.size() < m_stack.capacity()) [[likely]]
                m_stack.push_back(o);
            else
                push_slow(o);
        }
    }
    void visit_range(Value const* begin, Value const* end)
    {
        for (; begin < end; ++begin)
            visit(*begin);
    }
    // Conservative: marks the cell that `word` points into, if any.
    void visit_conservative(uintptr_t word);
    // True while the collector traces from its precise roots; false once it scans the C
    // stacks, so an object traced then is held only by native code or a stale word (a
    // memoryview counts as a live buffer export only when reached precisely).
    bool precise() const { return m_precise; }

private:
    friend class Heap;
    // Grows the mark stack; when memory for that has run out, the object stays marked
    // but untraced and `m_overflowed` makes the collector find it by a walk of the heap
    // (marking must not fail).
    void push_slow(Object* o);
    Heap& m_heap;
    std::vector<Object*> m_stack;
    bool m_precise = true;
    bool m_overflowed = false;
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
    size_t objects_allocated = 0; // since the last collection (gc.get_count)
    size_t objects_freed = 0;     // by the last collection (gc.collect's result)
    size_t finalizers_queued = 0; // objects whose finalizer the last collection queued
};

class Heap {
public:
    static constexpr size_t kBlockSize = 256 * 1024;
    static constexpr size_t kMaxSmall = 1024;
    // The allocation volume between two collections is as much as is live after the
    // last one, and at least this: small enough that what a program allocates between
    // collections stays in the caches and its peak RSS near its live size.
    static constexpr size_t kMinThreshold = 4u << 20;

    Heap();
    ~Heap();
    Heap(Heap const&) = delete;
    Heap& operator=(Heap const&) = delete;

    // ---- running out of memory
    //
    // The heap is the one place that notices exhaustion. Every request, of any size,
    // that the allocator refuses gets a full collection and a retry; if that fails too,
    // the heap gives back its emergency reserve (so that raising, the traceback and the
    // handler's own allocations have room), calls the exhaustion handler, which the VM
    // sets to make MemoryError pending, and returns null. Callers propagate null like any
    // other error (allocate/make and every helper built on them are [[nodiscard]]).
    // Requests no address space could hold fail at once, with no collection and no
    // memory touched. Memory outside the heap goes through the same path: GMP results
    // are sized and asked for with reserve_external before GMP runs (GMP's allocator
    // cannot fail), and so are std::string/std::vector buffers of user-controlled size.

    // Allocates `bytes` (>= sizeof(Object)) of zeroed memory with its type set. May run a
    // collection first. Null with MemoryError pending when memory is exhausted.
    [[nodiscard]] Object* allocate(TypeObject* type, size_t bytes);

    template<typename T>
    [[nodiscard]] T* make(TypeObject* type, size_t extra_bytes = 0)
    {
        return static_cast<T*>(allocate(type, sizeof(T) + extra_bytes));
    }

    // header + count * unit bytes, saturated at SIZE_MAX on overflow (which allocate and
    // reserve_external refuse at once): sizes computed from user input go through this.
    static constexpr size_t array_bytes(size_t header, size_t count, size_t unit)
    {
        size_t body = 0, total = 0;
        if (__builtin_mul_overflow(count, unit, &body) || __builtin_add_overflow(header, body, &total))
            return SIZE_MAX;
        return total;
    }

    // True when `bytes` of malloc memory can be had now (asked of the allocator, after a
    // collection if needed, and given back at once): callers about to build something of
    // that size outside the heap (GMP numbers, std::string buffers) ask first. False with
    // MemoryError pending, exactly as a failed allocate.
    [[nodiscard]] bool reserve_external(size_t bytes);

    // Room for `n` elements in a std::string or std::vector that native code fills to a
    // size the user controls: asked for with reserve_external, then reserved, so the
    // buffer's growth up to n cannot throw std::bad_alloc. False with MemoryError
    // pending. (The try block holds nothing but the reserve call: no other code is
    // unwound.)
    template<typename Buffer>
    [[nodiscard]] bool reserve_buffer(Buffer& buffer, size_t n)
    {
        if (n <= buffer.capacity())
            return true;
        // Growing a filled buffer step by step: geometrically, so appends stay amortized O(1).
        if (!buffer.empty() && n < buffer.capacity() * 2)
            n = buffer.capacity() + buffer.capacity() / 2;
        size_t bytes = array_bytes(0, n, sizeof(typename Buffer::value_type));
        if (!reserve_external(bytes))
            return false;
        try {
            buffer.reserve(n);
        } catch (std::exception const&) { // bad_alloc, or length_error past max_size()
            (void)exhausted(bytes);
            return false;
        }
        return true;
    }
    // Runs `build`: native code that fills std::string / std::vector buffers of a size the
    // user controls, runs no Python code and leaves no state half-updated when unwound
    // (it may allocate heap objects, which just become garbage, and raise), so that
    // unwinding it destroys only its own buffers. std::bad_alloc (or length_error) from
    // it gets a collection and one more run, then becomes MemoryError through the same
    // failure path as allocate: false then. `build` must (re)assign its results.
    template<typename F>
    [[nodiscard]] bool native_build(F&& build)
    {
        for (int attempt = 0;; ++attempt) {
            try {
                build();
                return true;
            } catch (std::bad_alloc const&) {
                if (attempt == 0 && m_defer == 0 && !m_collecting) {
                    collect();
                    continue;
                }
            } catch (std::length_error const&) {
            }
            (void)exhausted(0);
            return false;
        }
    }
    // Copies `piece` into such a buffer (replacing its contents) through reserve_buffer.
    template<typename Buffer, typename Piece>
    [[nodiscard]] bool assign_buffer(Buffer& buffer, Piece const& piece)
    {
        buffer.clear();
        if (!reserve_buffer(buffer, piece.size()))
            return false;
        buffer.assign(piece.data(), piece.size());
        return true;
    }
    // Appends to such a buffer, growing it geometrically through reserve_buffer.
    template<typename Buffer, typename Piece>
    [[nodiscard]] bool append_buffer(Buffer& buffer, Piece const& piece)
    {
        if (!reserve_buffer(buffer, buffer.size() + piece.size()))
            return false;
        buffer.append(piece.data(), piece.size());
        return true;
    }

    // malloc for memory that must not fail (GMP's allocator, which has no way to report
    // it): on exhaustion collects, then gives back the emergency reserve, then retries;
    // only if all that fails the process ends with a message.
    void* external_malloc(size_t bytes);
    void* external_realloc(void* p, size_t old_bytes, size_t new_bytes);

    // Called (at most once per failure, never re-entered) to make MemoryError pending.
    using ExhaustedHandler = std::function<void()>;
    void set_exhausted_handler(ExhaustedHandler handler) { m_on_exhausted = std::move(handler); }
    // While > 0 exhaustion ends the process with a message instead of returning null:
    // start-up and the setup of built-in types and modules, which have nothing to raise
    // into and do not check their allocations.
    void begin_infallible() { ++m_infallible; }
    void end_infallible() { --m_infallible; }
    // Whether the emergency reserve is held (tests).
    bool has_reserve() const { return m_reserve != nullptr; }

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
    // Weak references: processors run after marking, before the sweep, and clear the
    // references to whatever is about to be swept (is_marked false). They must not
    // allocate heap objects or run Python code; work for later goes through
    // VM::request_pending_calls.
    using WeakProcessor = std::function<void()>;
    void add_weak_processor(WeakProcessor processor) { m_weak_processors.push_back(std::move(processor)); }
    static bool is_marked(Object const* o) { return (o->gc & GC_MARK) != 0; }

    // ---- finalizers (PEP 442): Python code run for an object found unreachable
    //
    // An object whose type has a finalizer (its DEL slot: a class's __del__, a
    // generator's close, an io object's close) is registered when allocated. The registry
    // is weak. A collection that finds registered objects unmarked (after the stack scan,
    // before the weak processors) first picks them all, so the finalizers of one cycle
    // run together, then marks them and everything they reach for this cycle (resurrects
    // them), moves them to the to-finalize queue, a root, and calls the notify hook (the
    // VM asks for a pending-call poll). Whoever runs the finalizers pops them with
    // pop_finalizer, outside the collector. A finalizer runs once per object
    // (GC_PY_FINALIZED): the next collection that finds the object unreachable frees it.
    // The filter (optional) may say a registered object has nothing to do after all (a
    // generator that finished): then it is freed at once, not resurrected. It must not
    // allocate; it may read the objects the dying one references (not yet swept).

    // Registers `o` (idempotent); false with MemoryError pending when the registry
    // cannot grow.
    [[nodiscard]] bool register_finalizer(Object* o);
    // The oldest object whose finalizer is due, or null. The caller keeps it on its C
    // stack (the conservative scan roots it) while the finalizer runs.
    Object* pop_finalizer();
    bool has_pending_finalizers() const { return m_to_finalize_head < m_to_finalize.size(); }
    // At the end of the program: queues the registered objects that `pick` accepts,
    // live or not, in registration order (CPython runs the __del__ of what the modules
    // held when it clears them at shutdown).
    void queue_registered_finalizers(bool (*pick)(Object*));
    using FinalizerFilter = bool (*)(Object*);
    void set_finalizer_filter(FinalizerFilter filter) { m_finalizer_filter = filter; }
    void set_finalizer_notify(std::function<void()> notify) { m_finalizer_notify = std::move(notify); }
    // Collections are deferred while this is > 0 (e.g. while the heap is being set up).
    void defer_gc() { ++m_defer; }
    void undefer_gc() { --m_defer; }

    // Calls f on every object in the heap that is not free: after a collection, the live
    // ones and those allocated since (gc.get_objects). f must not allocate.
    void for_each_object(std::function<void(Object*)> const& f) const;

    // If `word` points into a live cell, returns the object in it.
    Object* find_object(uintptr_t word) const;

    HeapStats const& stats() const { return m_stats; }
    void set_stress(bool on) { m_stress = on; }
    // gc.disable(): no collections triggered by the allocation volume; those that running
    // out of memory asks for still happen.
    void set_auto_collect(bool on) { m_auto_collect = on; }
    bool auto_collect() const { return m_auto_collect; }
    // Bytes allocated before the first collection; later the trigger follows the live size.
    void set_initial_threshold(size_t bytes) { m_threshold = bytes; }

private:
    struct Block;
    struct SizeClass {
        uint32_t cell_size = 0;
        Object* free_list = nullptr;
        std::vector<Block*> blocks;
    };

    Object* allocate_small(int size_class_index);
    Object* allocate_large(size_t bytes);
    Object* allocate_slow(size_t bytes);
    Block* new_block(int size_class_index);
    // The failure path shared by every request: gives back the reserve, raises through
    // the handler (or ends the process while infallible). Returns null.
    Object* exhausted(size_t bytes);
    bool could_ever_fit(size_t bytes) const;
    void acquire_reserve();
    void release_reserve();
    void maybe_collect(size_t bytes);
    void mark_roots(Tracer& tracer);
    void retrace_marked(Tracer& tracer);
    void scan_stacks(Tracer& tracer);
    void drain(Tracer& tracer);
    void sweep();
    static void finalize(Object* o);
    void queue_unreachable_finalizers(Tracer& tracer);

    static int size_class_for(size_t bytes);

    std::vector<SizeClass> m_classes;
    std::vector<Block*> m_all_blocks; // sorted by address, for find_object
    // Blocks a sweep found without a live cell, for any size class to take (they stay in
    // m_all_blocks, with no cells). Those beyond half the threshold's worth give their
    // pages back to the kernel.
    std::vector<Block*> m_empty_blocks;
    void release_empty_block(Block* b);
    struct Large {
        uintptr_t start;
        size_t size;
    };
    std::vector<Large> m_large; // sorted by address after each collection
    bool m_large_sorted = true;
    // Dead large blocks kept for reuse, by size, up to m_threshold bytes in all. glibc
    // gives freed blocks this big back to the kernel, and taking them again costs a page
    // fault per page: `text + "x"` on a 260 KB str in a loop ran 25x slower than CPython.
    std::multimap<size_t, uintptr_t> m_large_cache;
    size_t m_large_cache_bytes = 0;
    void release_large_cache();

    std::vector<RootProvider> m_root_providers;
    std::vector<WeakProcessor> m_weak_processors;
    // Finalizers: the weak registry (allocation order) and the queue of objects whose
    // finalizer is due (a root from m_to_finalize_head on).
    std::vector<Object*> m_finalizable;
    std::vector<Object*> m_to_finalize;
    size_t m_to_finalize_head = 0;
    FinalizerFilter m_finalizer_filter = nullptr;
    std::function<void()> m_finalizer_notify;
    StackProvider m_stack_provider;
    std::vector<StackRange> m_stack_ranges;
    uintptr_t m_thread_stack_high = 0;

    // The emergency reserve: address space held (mapped, never touched) and given back
    // when memory runs out, so that raising MemoryError and handling it can allocate.
    // Taken again at the next collection that finds room for it.
    void* m_reserve = nullptr;
    ExhaustedHandler m_on_exhausted;
    int m_infallible = 0;
    bool m_in_exhausted = false; // the handler is running: a failure inside it just returns null
#ifdef SLPY_ALLOC_FAULTS
    // Fault injection (a test build): the m_fail_at-th allocation after start-up fails
    // as if memory were exhausted (environment variable SLPY_FAIL_ALLOC).
    uint64_t m_fail_at = 0;
    uint64_t m_fail_count = 0;
#endif

    size_t m_allocated_since_gc = 0;
    size_t m_threshold = 0;
    int m_defer = 0;
    bool m_collecting = false;
    bool m_stress = false;
    bool m_auto_collect = true;
    HeapStats m_stats;
};

} // namespace slpy
