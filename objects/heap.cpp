// The garbage-collected heap: size-class blocks, large objects, mark and sweep.
#include "objects/heap.h"

#include <algorithm>
#include <csetjmp>
#include <new>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>

namespace slpy {

// A block of equal-size cells. The header sits at the start of the block; cells follow
// at `first`. Blocks are kBlockSize-aligned, so any interior pointer finds its block by
// masking. Only the first `ncells` cells are in use (live or on the free list); the rest,
// up to `capacity`, are not touched yet: a new block joins the free list a chunk at a
// time (new_block), so a class that needs a few cells costs a few pages, not the whole
// block (start-up makes two heaps with some twenty classes each).
struct Heap::Block {
    uint32_t cell_size;
    uint32_t ncells;
    uint32_t first; // offset of the first cell
    int size_class;
    uint32_t capacity; // cells the block holds

    char* base() { return reinterpret_cast<char*>(this); }
    Object* cell(uint32_t i) { return reinterpret_cast<Object*>(base() + first + size_t(i) * cell_size); }
};

namespace {

constexpr uint32_t kCellSizes[] = {
    16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
    320, 384, 448, 512, 640, 768, 896, 1024,
};
constexpr int kNumClasses = sizeof(kCellSizes) / sizeof(kCellSizes[0]);

// Size class lookup for requests up to 1024 bytes, by 16-byte granule.
struct ClassTable {
    int8_t index[1024 / 16 + 1];
    constexpr ClassTable() : index()
    {
        int c = 0;
        for (int g = 0; g <= 1024 / 16; ++g) {
            while (kCellSizes[c] < uint32_t(g * 16))
                ++c;
            index[g] = int8_t(c);
        }
    }
};
constexpr ClassTable kClassTable;

uintptr_t thread_stack_high()
{
    pthread_attr_t attr;
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    return reinterpret_cast<uintptr_t>(addr) + size;
}

// Room kept back for raising MemoryError and handling it: the exception, the traceback
// entries and what the except clause allocates may each need a fresh block of some size
// class (256 KiB, up to twice that of address space when aligned), and printing needs
// buffers.
constexpr size_t kReserveBytes = size_t(8) << 20;
// No user address space is larger (x86-64 and AArch64 with 4-level page tables): a
// bigger request fails at once. Under AddressSanitizer, whose allocator reports requests
// above 1 TiB as errors instead of failing them, none that large is made.
#if defined(__SANITIZE_ADDRESS__)
#define SLPY_HEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLPY_HEAP_ASAN 1
#endif
#endif
#ifdef SLPY_HEAP_ASAN
constexpr size_t kMaxAddressSpace = size_t(1) << 40;
#else
constexpr size_t kMaxAddressSpace = size_t(1) << 47;
#endif
// reserve_external does not ask for less: such amounts are always found after a
// collection, or the reserve's release covers them.
constexpr size_t kProbeMin = size_t(1) << 20;

// Exhaustion where nothing can be raised (start-up, GMP's allocator).
[[noreturn]] void out_of_memory(char const* where, size_t bytes)
{
    std::fprintf(stderr, "slpy: fatal: out of memory %s (%zu bytes requested)\n", where, bytes);
    std::abort();
}

// Makes room for one more element in a heap-internal vector; false if even that fails
// (the heap's own bookkeeping is the only std::vector growth caught here, locally: the
// try block calls nothing but reserve).
template<typename V>
bool room_for_one(V& v)
{
    if (v.size() < v.capacity())
        return true;
    try {
        v.reserve(v.size() < 16 ? 16 : v.size() * 2);
    } catch (std::bad_alloc const&) {
        return false;
    }
    return true;
}

} // namespace

int Heap::size_class_for(size_t bytes)
{
    return kClassTable.index[(bytes + 15) / 16];
}

Heap::Heap()
{
    m_classes.resize(kNumClasses);
    for (int i = 0; i < kNumClasses; ++i)
        m_classes[i].cell_size = kCellSizes[i];
    m_thread_stack_high = thread_stack_high();
    m_threshold = kMinThreshold;
#ifdef SLPY_GC_STRESS
    m_stress = true;
#endif
#ifdef SLPY_ALLOC_FAULTS
    if (char const* n = std::getenv("SLPY_FAIL_ALLOC"))
        m_fail_at = std::strtoull(n, nullptr, 10);
#endif
    m_stack_ranges.reserve(64);
    acquire_reserve();
}

Heap::~Heap()
{
    // Finalize everything still alive (returning external memory), then release blocks:
    // two passes, because a finalizer reads its object's type, which may sit anywhere.
    for (Block* b : m_all_blocks)
        for (uint32_t i = 0; i < b->ncells; ++i) {
            Object* o = b->cell(i);
            if (!(o->gc & GC_FREE) && o->type)
                finalize(o);
        }
    for (Large const& l : m_large)
        finalize(reinterpret_cast<Object*>(l.start));
    for (Block* b : m_all_blocks)
        std::free(b);
    for (Large const& l : m_large)
        std::free(reinterpret_cast<void*>(l.start));
    release_large_cache();
    release_reserve();
}

void Heap::release_large_cache()
{
    for (auto const& [size, start] : m_large_cache)
        std::free(reinterpret_cast<void*>(start));
    m_large_cache.clear();
    m_large_cache_bytes = 0;
}

Object* Heap::allocate(TypeObject* type, size_t bytes)
{
    if (bytes < sizeof(Object))
        bytes = sizeof(Object);
#ifdef SLPY_ALLOC_FAULTS
    if (m_fail_at && m_infallible == 0 && ++m_fail_count == m_fail_at)
        return exhausted(bytes);
#endif
    Object* o;
    if (bytes <= kMaxSmall) {
        maybe_collect(bytes);
        o = allocate_small(size_class_for(bytes));
    } else {
        if (!could_ever_fit(bytes)) [[unlikely]]
            return exhausted(bytes);
        maybe_collect(bytes);
        o = allocate_large(bytes);
    }
    if (!o) [[unlikely]] {
        o = allocate_slow(bytes);
        if (!o)
            return nullptr;
    }
    o->type = type;
    // One test on the hot path: a type with a finalizer (its DEL slot) registers its
    // instances (null only for the first types made at start-up).
    if (type && !type->slots[static_cast<int>(Slot::DEL)].is_null()) [[unlikely]] {
        if (!register_finalizer(o))
            return nullptr;
    }
    return o;
}

__attribute__((noinline)) bool Heap::register_finalizer(Object* o)
{
    if (o->gc & (GC_FINALIZABLE | GC_PY_FINALIZED))
        return true;
    if (!room_for_one(m_finalizable)) {
        (void)exhausted(sizeof(Object*));
        return false;
    }
    m_finalizable.push_back(o);
    o->gc |= GC_FINALIZABLE;
    return true;
}

Object* Heap::pop_finalizer()
{
    if (m_to_finalize_head >= m_to_finalize.size())
        return nullptr;
    Object* o = m_to_finalize[m_to_finalize_head++];
    if (m_to_finalize_head == m_to_finalize.size()) {
        m_to_finalize.clear();
        m_to_finalize_head = 0;
    }
    return o;
}

void Heap::queue_registered_finalizers(bool (*pick)(Object*))
{
    size_t kept = 0;
    for (Object* o : m_finalizable) {
        if (!pick(o) || !room_for_one(m_to_finalize)) {
            m_finalizable[kept++] = o;
            continue;
        }
        o->gc &= ~GC_FINALIZABLE;
        m_to_finalize.push_back(o);
    }
    m_finalizable.resize(kept);
}

// After marking, before the weak processors (so weak references to an object being
// finalized stay until the collection that frees it, as when CPython's reference
// counting runs __del__): every registered object left unmarked is unreachable. All of
// them are picked first, then marked with what they reach, so that the finalizers of
// the objects of one cycle all run after this collection.
__attribute__((noinline)) void Heap::queue_unreachable_finalizers(Tracer& tracer)
{
    size_t const first = m_to_finalize.size();
    // Room for the whole registry up front: marking must not fail. If even that cannot
    // be had, the unreachable ones stay registered and marked, for a later collection.
    bool room = true;
    try {
        m_to_finalize.reserve(first + m_finalizable.size());
    } catch (std::bad_alloc const&) {
        room = false;
    }
    size_t kept = 0;
    for (Object* o : m_finalizable) {
        if (o->gc & GC_MARK) {
            m_finalizable[kept++] = o;
            continue;
        }
        if (m_finalizer_filter && !m_finalizer_filter(o)) {
            o->gc &= ~GC_FINALIZABLE; // nothing to do: freed by this collection
            continue;
        }
        if (!room) {
            m_finalizable[kept++] = o;
            continue;
        }
        o->gc &= ~GC_FINALIZABLE;
        m_to_finalize.push_back(o);
    }
    m_finalizable.resize(kept);
    if (!room) {
        for (Object* o : m_finalizable)
            tracer.visit(o);
    }
    tracer.m_precise = true; // reached from the queue, a precise root from now on
    for (size_t i = first; i < m_to_finalize.size(); ++i)
        tracer.visit(m_to_finalize[i]);
    drain(tracer);
    retrace_marked(tracer);
    m_stats.finalizers_queued = m_to_finalize.size() - first;
    if (m_stats.finalizers_queued && m_finalizer_notify)
        m_finalizer_notify();
}

// The allocator refused: a full collection gives dead cells and large blocks back (and
// takes the emergency reserve again if it was given away), then one retry.
Object* Heap::allocate_slow(size_t bytes)
{
    auto retry = [&] { return bytes <= kMaxSmall ? allocate_small(size_class_for(bytes)) : allocate_large(bytes); };
    if (m_defer == 0 && !m_collecting) {
        collect();
        release_large_cache(); // the memory kept for reuse goes back before giving up
        if (Object* o = retry())
            return o;
    }
    // Code that cannot fail may use the emergency reserve itself; anything else keeps it
    // for raising MemoryError.
    if (m_infallible > 0 && m_reserve) {
        release_reserve();
        if (Object* o = retry())
            return o;
    }
    return exhausted(bytes);
}

Object* Heap::exhausted(size_t bytes)
{
    release_reserve();
    if (m_infallible > 0 || !m_on_exhausted)
        out_of_memory("where nothing can be raised (start-up, built-in module setup)", bytes);
    // A failure while the handler runs (creating the MemoryError itself) just returns
    // null: the handler has a preallocated exception for that case.
    if (!m_in_exhausted) {
        m_in_exhausted = true;
        m_on_exhausted();
        m_in_exhausted = false;
    }
    return nullptr;
}

bool Heap::could_ever_fit(size_t bytes) const
{
    if (bytes > kMaxAddressSpace)
        return false;
    if (bytes < (size_t(1) << 30))
        return true;
    rlimit limit;
    return getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY || bytes <= limit.rlim_cur;
}

void Heap::acquire_reserve()
{
    if (m_reserve)
        return;
    // Readable and writable but never touched: it costs address space and commit
    // charge (what runs out under ulimit -v or strict overcommit), not memory.
    void* p = mmap(nullptr, kReserveBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m_reserve = p == MAP_FAILED ? nullptr : p;
}

void Heap::release_reserve()
{
    if (m_reserve) {
        munmap(m_reserve, kReserveBytes);
        m_reserve = nullptr;
    }
}

bool Heap::reserve_external(size_t bytes)
{
    if (bytes < kProbeMin)
        return true;
    if (!could_ever_fit(bytes)) {
        (void)exhausted(bytes);
        return false;
    }
    // The probe asks a little more than the buffer: std::string stores its terminating
    // NUL past the capacity, and a request that only just fits must fail here, not in
    // the std::string's own allocation (which cannot report failure).
    size_t const probe = bytes + 64;
    for (int attempt = 0;; ++attempt) {
        // Large blocks come straight from mmap and go straight back: asking costs two
        // system calls and touches nothing.
        if (void* p = std::malloc(probe)) {
            std::free(p);
            return true;
        }
        if (attempt > 0 || m_defer > 0 || m_collecting)
            break;
        collect();
    }
    (void)exhausted(bytes);
    return false;
}

void* Heap::external_malloc(size_t bytes)
{
    void* p = std::malloc(bytes);
    if (!p) {
        if (m_defer == 0 && !m_collecting) {
            collect();
            p = std::malloc(bytes);
        }
        if (!p) {
            release_reserve();
            p = std::malloc(bytes);
        }
        if (!p)
            out_of_memory("in GMP", bytes);
    }
    note_external_alloc(bytes);
    return p;
}

void* Heap::external_realloc(void* old, size_t old_bytes, size_t new_bytes)
{
    // A failed realloc leaves the old block as it was, so the same steps apply.
    void* p = std::realloc(old, new_bytes);
    if (!p) {
        if (m_defer == 0 && !m_collecting) {
            collect();
            p = std::realloc(old, new_bytes);
        }
        if (!p) {
            release_reserve();
            p = std::realloc(old, new_bytes);
        }
        if (!p)
            out_of_memory("in GMP", new_bytes);
    }
    if (new_bytes > old_bytes)
        note_external_alloc(new_bytes - old_bytes);
    return p;
}

void Heap::maybe_collect(size_t bytes)
{
    m_allocated_since_gc += bytes;
    ++m_stats.objects_allocated;
    if (m_defer > 0 || m_collecting)
        return;
    if (m_stress || (m_auto_collect && m_allocated_since_gc >= m_threshold))
        collect();
}

// Gives the class's free list more cells: the next chunk of the newest block while it has
// cells never used (blocks fill in order), else of a new block.
Heap::Block* Heap::new_block(int ci)
{
    SizeClass& sc = m_classes[ci];
    constexpr size_t kChunkBytes = 16 * 1024;
    auto grow = [&sc](Block* b) {
        uint32_t n = std::min(b->capacity - b->ncells, std::max(uint32_t(1), uint32_t(kChunkBytes / b->cell_size)));
        // Threaded lowest address first.
        Object* head = sc.free_list;
        for (uint32_t i = b->ncells + n; i-- > b->ncells;) {
            Object* o = b->cell(i);
            o->gc = GC_FREE;
            o->flags = 0;
            o->type = reinterpret_cast<TypeObject*>(head);
            head = o;
        }
        sc.free_list = head;
        b->ncells += n;
        return b;
    };
    if (!sc.blocks.empty() && sc.blocks.back()->ncells < sc.blocks.back()->capacity)
        return grow(sc.blocks.back());
    if (!m_empty_blocks.empty() && room_for_one(sc.blocks)) {
        Block* b = m_empty_blocks.back();
        m_empty_blocks.pop_back();
        b->cell_size = sc.cell_size;
        b->capacity = uint32_t((kBlockSize - b->first) / b->cell_size);
        b->size_class = ci;
        sc.blocks.push_back(b);
        return grow(b);
    }
    if (!room_for_one(m_all_blocks) || !room_for_one(m_classes[ci].blocks))
        return nullptr;
    // The sweep must not allocate: the pool has room for every block there is.
    if (m_empty_blocks.capacity() <= m_all_blocks.size()) {
        try {
            m_empty_blocks.reserve(2 * (m_all_blocks.size() + 1));
        } catch (std::bad_alloc const&) {
            return nullptr;
        }
    }
    void* mem = std::aligned_alloc(kBlockSize, kBlockSize);
    if (!mem)
        return nullptr;
    auto* b = static_cast<Block*>(mem);
    uint32_t cell = m_classes[ci].cell_size;
    b->cell_size = cell;
    b->first = uint32_t((sizeof(Block) + 15) & ~size_t(15));
    b->ncells = 0;
    b->capacity = uint32_t((kBlockSize - b->first) / cell);
    b->size_class = ci;
    sc.blocks.push_back(b);
    m_all_blocks.insert(std::upper_bound(m_all_blocks.begin(), m_all_blocks.end(), b), b);
    ++m_stats.blocks;
    return grow(b);
}

Object* Heap::allocate_small(int ci)
{
    SizeClass& sc = m_classes[ci];
    if (!sc.free_list && !new_block(ci))
        return nullptr;
    Object* o = sc.free_list;
    sc.free_list = reinterpret_cast<Object*>(o->type);
    std::memset(static_cast<void*>(o), 0, sc.cell_size);
    return o;
}

Object* Heap::allocate_large(size_t bytes)
{
    size_t rounded = (bytes + 15) & ~size_t(15);
    if (!room_for_one(m_large))
        return nullptr;
    // A dead block of about this size (at most a quarter bigger), zeroed as calloc's.
    if (auto it = m_large_cache.lower_bound(rounded); it != m_large_cache.end() && it->first - rounded <= rounded / 4) {
        size_t size = it->first;
        auto start = it->second;
        m_large_cache.erase(it);
        m_large_cache_bytes -= size;
        std::memset(reinterpret_cast<void*>(start), 0, rounded);
        if (!m_large.empty() && m_large.back().start > start)
            m_large_sorted = false;
        m_large.push_back({ start, size });
        ++m_stats.large_objects;
        return reinterpret_cast<Object*>(start);
    }
    // calloc (malloc's alignment is 16 here): pages fresh from the kernel are known to be
    // zero and are not touched, so a big object costs memory only as it is written.
    void* mem = std::calloc(1, rounded);
    if (!mem)
        return nullptr;
    auto start = reinterpret_cast<uintptr_t>(mem);
    if (!m_large.empty() && m_large.back().start > start)
        m_large_sorted = false;
    m_large.push_back({ start, rounded });
    ++m_stats.large_objects;
    return static_cast<Object*>(mem);
}

Object* Heap::find_object(uintptr_t word) const
{
    uintptr_t block_addr = word & ~uintptr_t(kBlockSize - 1);
    auto* candidate = reinterpret_cast<Block*>(block_addr);
    auto it = std::lower_bound(m_all_blocks.begin(), m_all_blocks.end(), candidate);
    if (it != m_all_blocks.end() && *it == candidate) {
        Block* b = candidate;
        uintptr_t off = word - block_addr;
        if (off < b->first)
            return nullptr;
        uint32_t index = uint32_t((off - b->first) / b->cell_size);
        if (index >= b->ncells)
            return nullptr;
        Object* o = b->cell(index);
        return (o->gc & GC_FREE) ? nullptr : o;
    }
    if (m_large.empty())
        return nullptr;
    if (m_large_sorted) {
        auto lt = std::upper_bound(m_large.begin(), m_large.end(), word,
            [](uintptr_t w, Large const& l) { return w < l.start; });
        if (lt == m_large.begin())
            return nullptr;
        --lt;
        if (word < lt->start + lt->size)
            return reinterpret_cast<Object*>(lt->start);
        return nullptr;
    }
    for (Large const& l : m_large)
        if (word >= l.start && word < l.start + l.size)
            return reinterpret_cast<Object*>(l.start);
    return nullptr;
}

void Tracer::push_slow(Object* o)
{
    try {
        m_stack.reserve(m_stack.capacity() < 1024 ? 1024 : m_stack.capacity() * 2);
    } catch (std::bad_alloc const&) {
        m_overflowed = true;
        return;
    }
    m_stack.push_back(o);
}

// After a mark-stack overflow: every marked object is traced again (what it references
// and is unmarked gets marked), until no overflow happens during a pass.
void Heap::retrace_marked(Tracer& tracer)
{
    while (tracer.m_overflowed) {
        tracer.m_overflowed = false;
        auto trace = [&](Object* o) {
            if (!(o->gc & GC_MARK))
                return;
            tracer.visit(reinterpret_cast<Object*>(o->type));
            if (o->type && o->type->trace)
                o->type->trace(o, tracer);
            drain(tracer);
        };
        for (Block* b : m_all_blocks)
            for (uint32_t i = 0; i < b->ncells; ++i)
                if (!(b->cell(i)->gc & GC_FREE))
                    trace(b->cell(i));
        for (Large const& l : m_large)
            trace(reinterpret_cast<Object*>(l.start));
    }
}

void Tracer::visit_conservative(uintptr_t word)
{
    if (word < 4096 || (word >> 48) != 0)
        return;
    if (Object* o = m_heap.find_object(word))
        visit(o);
}

void Heap::mark_roots(Tracer& tracer)
{
    for (auto& provider : m_root_providers)
        provider(tracer);
    for (size_t i = m_to_finalize_head; i < m_to_finalize.size(); ++i)
        tracer.visit(m_to_finalize[i]);
}

// Scans a stack range word by word. Kept out of line and unsanitized: it reads whole
// stack frames, which AddressSanitizer would flag as out of bounds.
__attribute__((noinline, no_sanitize_address)) static void scan_range(Tracer& tracer, uintptr_t low, uintptr_t high)
{
    low = (low + 7) & ~uintptr_t(7);
    for (uintptr_t p = low; p + 8 <= high; p += 8)
        tracer.visit_conservative(*reinterpret_cast<uintptr_t const*>(p));
}

__attribute__((noinline)) void Heap::scan_stacks(Tracer& tracer)
{
    // Spill callee-saved registers into this frame so the scan sees them.
    jmp_buf registers;
    setjmp(registers);
    uintptr_t sp = reinterpret_cast<uintptr_t>(&registers);

    // Kept from one collection to the next (and reserved at start-up): a collection must
    // not need new memory to find its roots.
    std::vector<StackRange>& ranges = m_stack_ranges;
    ranges.clear();
    if (m_stack_provider)
        m_stack_provider(ranges);
    else
        ranges.push_back({ 0, m_thread_stack_high, true });
    for (StackRange const& r : ranges) {
        uintptr_t low = r.current ? sp : r.low;
        if (low < r.high)
            scan_range(tracer, low, r.high);
    }
    scan_range(tracer, reinterpret_cast<uintptr_t>(&registers), reinterpret_cast<uintptr_t>(&registers + 1));
}

void Heap::drain(Tracer& tracer)
{
    while (!tracer.m_stack.empty()) {
        Object* o = tracer.m_stack.back();
        tracer.m_stack.pop_back();
        tracer.visit(reinterpret_cast<Object*>(o->type));
        if (o->type && o->type->trace)
            o->type->trace(o, tracer);
    }
}

void Heap::finalize(Object* o)
{
    if (o->type && o->type->finalize && !(o->gc & GC_FINALIZED)) {
        o->gc |= GC_FINALIZED;
        o->type->finalize(o);
    }
}

// A block with no live cell leaves its size class for the pool of empty blocks; the
// pool keeps about half a threshold's worth of blocks warm and gives the pages of the
// rest back to the kernel (they stay mapped, and zero, for the next time).
void Heap::release_empty_block(Block* b)
{
    constexpr size_t kPageBytes = 4096; // the first page holds the header
    b->ncells = 0;
    b->size_class = -1;
    if (m_empty_blocks.size() * kBlockSize >= m_threshold / 2)
        madvise(b->base() + kPageBytes, kBlockSize - kPageBytes, MADV_DONTNEED);
    m_empty_blocks.push_back(b);
}

void Heap::sweep()
{
    size_t live = 0;
    size_t freed = 0;
    for (SizeClass& sc : m_classes) {
        sc.free_list = nullptr;
        // Rebuild the free list so that low addresses are handed out first.
        size_t released = 0;
        for (auto bi = sc.blocks.rbegin(); bi != sc.blocks.rend(); ++bi) {
            Block* b = *bi;
            Object* list_before = sc.free_list;
            uint32_t live_cells = 0;
            for (uint32_t i = b->ncells; i-- > 0;) {
                Object* o = b->cell(i);
                if (o->gc & GC_FREE) {
                    o->type = reinterpret_cast<TypeObject*>(sc.free_list);
                    sc.free_list = o;
                    continue;
                }
                if (o->gc & GC_MARK) {
                    o->gc &= ~GC_MARK;
                    live += b->cell_size;
                    ++live_cells;
                    continue;
                }
                finalize(o);
                ++freed;
                o->gc = GC_FREE;
                o->flags = 0;
                o->type = reinterpret_cast<TypeObject*>(sc.free_list);
                sc.free_list = o;
            }
            // The block's cells were threaded at the head of the list: take them back
            // out if none is live, and give the block to the pool.
            if (live_cells == 0) {
                sc.free_list = list_before;
                release_empty_block(b);
                *bi = nullptr;
                ++released;
            }
        }
        if (released)
            std::erase(sc.blocks, nullptr);
    }
    size_t kept = 0;
    for (Large const& l : m_large) {
        auto* o = reinterpret_cast<Object*>(l.start);
        if (o->gc & GC_MARK) {
            o->gc &= ~GC_MARK;
            live += l.size;
            m_large[kept++] = l;
        } else {
            finalize(o);
            ++freed;
            // Kept for reuse within a budget (never under GC stress, where every dead
            // block should go back at once).
            if (!m_stress && m_large_cache_bytes + l.size <= m_threshold) {
                m_large_cache.emplace(l.size, l.start);
                m_large_cache_bytes += l.size;
            } else {
                std::free(o);
            }
        }
    }
    m_large.resize(kept);
    std::sort(m_large.begin(), m_large.end(), [](Large const& a, Large const& b) { return a.start < b.start; });
    m_large_sorted = true;
    m_stats.large_objects = m_large.size();
    m_stats.live_bytes = live;
    m_stats.objects_freed = freed;
    m_stats.objects_allocated = 0;
}

void Heap::for_each_object(std::function<void(Object*)> const& f) const
{
    for (Block* b : m_all_blocks)
        for (uint32_t i = 0; i < b->ncells; ++i) {
            Object* o = b->cell(i);
            if (!(o->gc & GC_FREE) && o->type)
                f(o);
        }
    for (Large const& l : m_large)
        f(reinterpret_cast<Object*>(l.start));
}

void Heap::collect()
{
    if (m_collecting)
        return;
    m_collecting = true;
    if (!m_large_sorted) {
        std::sort(m_large.begin(), m_large.end(), [](Large const& a, Large const& b) { return a.start < b.start; });
        m_large_sorted = true;
    }
    Tracer tracer(*this);
    mark_roots(tracer);
    drain(tracer);
    retrace_marked(tracer);
    tracer.m_precise = false;
    scan_stacks(tracer);
    drain(tracer);
    retrace_marked(tracer);
    m_stats.finalizers_queued = 0;
    if (!m_finalizable.empty())
        queue_unreachable_finalizers(tracer);
    for (WeakProcessor const& p : m_weak_processors)
        p();
    sweep();
    ++m_stats.collections;
    m_stats.allocated_bytes = m_allocated_since_gc;
    m_allocated_since_gc = 0;
    // The next collection comes after allocating as much again as is live now.
    m_threshold = std::max<size_t>(kMinThreshold, m_stats.live_bytes);
    m_collecting = false;
    // Memory may be back after a MemoryError: hold the emergency reserve again.
    acquire_reserve();
}

} // namespace slpy
