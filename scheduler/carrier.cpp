// Carriers: the pool of C stacks the eval loop runs on (carrier.h).
#include "scheduler/carrier.h"

#include <pthread.h>
#include <unistd.h>

#include <new>
#include <system_error>

#if defined(__SANITIZE_ADDRESS__)
#define SLPY_ASAN_FIBERS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLPY_ASAN_FIBERS 1
#endif
#endif

#ifdef SLPY_ASAN_FIBERS
#include <sanitizer/common_interface_defs.h>
#endif

namespace slpy {

namespace ctx = boost::context;

// ASan keeps its own idea of the stack in use; a fiber switch must tell it, or the
// first access to the other stack looks like a wild stack access.
static inline void asan_start(void** fake_stack_save, Carrier const* to)
{
#ifdef SLPY_ASAN_FIBERS
    __sanitizer_start_switch_fiber(fake_stack_save, reinterpret_cast<void const*>(to->low), to->high - to->low);
#else
    (void)fake_stack_save;
    (void)to;
#endif
}

static inline void asan_finish(void* fake_stack)
{
#ifdef SLPY_ASAN_FIBERS
    __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#else
    (void)fake_stack;
#endif
}

static size_t page_size()
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? size_t(p) : 4096;
}

CarrierPool::CarrierPool(size_t stack_size, Entry entry, void* user)
    : m_stack_size((stack_size + page_size() - 1) / page_size() * page_size()), m_entry(entry), m_user(user),
      m_alloc(m_stack_size)
{
    // Carrier 0: the thread's own stack, running now.
    auto c0 = std::make_unique<Carrier>();
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void* addr = nullptr;
        size_t size = 0;
        if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
            c0->low = reinterpret_cast<uintptr_t>(addr);
            c0->high = c0->low + size;
        }
        pthread_attr_destroy(&attr);
    }
    c0->started = true;
    m_running = c0.get();
    m_all.push_back(std::move(c0));
}

CarrierPool::~CarrierPool()
{
    // The owner unwound every started carrier (their fibers ended) before this; a fiber
    // still suspended here is destroyed by Boost's forced unwinding of its stack, and a
    // never-started one just releases its stack.
    m_free.clear();
    while (m_all.size() > 1)
        m_all.pop_back();
}

Carrier* CarrierPool::make()
{
    ctx::stack_context sc;
    try {
        sc = m_alloc.allocate();
    } catch (std::bad_alloc const&) {
        return nullptr;
    } catch (std::system_error const&) {
        return nullptr;
    }
    auto c = std::make_unique<Carrier>();
    Carrier* raw = c.get();
    raw->stack = sc;
    raw->high = reinterpret_cast<uintptr_t>(sc.sp);
    raw->low = raw->high - sc.size + page_size(); // above the guard page
    raw->index = m_all.size();
    raw->ctx = ctx::fiber(std::allocator_arg, ctx::preallocated(sc.sp, sc.size, sc), m_alloc,
                          [this, raw](ctx::fiber&& from) -> ctx::fiber {
                              asan_finish(nullptr);
                              arrived(std::move(from));
                              Carrier* next = m_entry(m_user, raw);
                              return finish_into(raw, next);
                          });
    m_all.push_back(std::move(c));
    return raw;
}

bool CarrierPool::reserve()
{
    if (!m_free.empty())
        return true;
    Carrier* c = make();
    if (!c)
        return false;
    c->in_free_list = true;
    m_free.push_back(c);
    return true;
}

Carrier* CarrierPool::acquire()
{
    if (!reserve())
        return nullptr;
    Carrier* c = m_free.back();
    m_free.pop_back();
    c->in_free_list = false;
    return c;
}

void CarrierPool::release(Carrier* c)
{
    c->owner = nullptr;
    if (c->in_free_list || c->finished)
        return;
    c->in_free_list = true;
    m_free.push_back(c);
}

void CarrierPool::claim(Carrier* c)
{
    if (!c->in_free_list)
        return;
    for (size_t i = 0; i < m_free.size(); ++i)
        if (m_free[i] == c) {
            m_free.erase(m_free.begin() + long(i));
            break;
        }
    c->in_free_list = false;
}

void CarrierPool::arrived(ctx::fiber&& from)
{
    // `from` continues the carrier that switched here: it is that carrier's handle now.
    if (m_from)
        m_from->ctx = std::move(from);
    m_from = nullptr;
}

__attribute__((noinline)) void CarrierPool::switch_to(Carrier* to)
{
    Carrier* from = m_running;
    // The switch pushes the callee-saved registers just below this frame: the GC scans
    // the suspended stack from a little below it.
    uintptr_t sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) - 512;
    from->saved_sp = sp > from->low ? sp : from->low;
    m_from = from;
    m_running = to;
    to->started = true;
    asan_start(&from->fake_stack, to);
    ctx::fiber f = std::move(to->ctx);
    f = std::move(f).resume();
    asan_finish(from->fake_stack);
    arrived(std::move(f));
}

ctx::fiber CarrierPool::finish_into(Carrier* self, Carrier* to)
{
    self->finished = true;
    claim(self);
    m_from = nullptr; // the ending fiber hands over nothing
    m_running = to;
    asan_start(nullptr, to);
    return std::move(to->ctx);
}

void CarrierPool::reclaim()
{
    // A finished fiber unmapped its stack itself; only the records go. Indexes stay
    // dense, carrier 0 first.
    size_t j = 1;
    for (size_t i = 1; i < m_all.size(); ++i) {
        if (m_all[i]->finished)
            continue;
        m_all[i]->index = j;
        if (i != j)
            m_all[j] = std::move(m_all[i]);
        ++j;
    }
    m_all.resize(j);
}

void CarrierPool::stack_ranges(std::vector<Heap::StackRange>& out) const
{
    for (auto const& c : m_all) {
        if (!c->started || c->finished)
            continue;
        if (c.get() == m_running)
            out.push_back({ c->low, c->high, true });
        else
            out.push_back({ c->saved_sp, c->high, false });
    }
}

} // namespace slpy
