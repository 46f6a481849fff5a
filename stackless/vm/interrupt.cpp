// The SIGINT handler (see interrupt.h).
#include "stackless/vm/interrupt.h"

#include "objects/runtime.h"

#include <atomic>
#include <csignal>

namespace slpy {

namespace {

// The VM that SIGINT interrupts, null when none: the one process-level pointer, because
// a signal disposition is process-wide. Read by the handler, so it must be lock-free.
std::atomic<VM*> g_interrupt_vm { nullptr };
static_assert(std::atomic<VM*>::is_always_lock_free);
static_assert(std::atomic<uint32_t>::is_always_lock_free);

extern "C" void on_sigint(int)
{
    // Only async-signal-safe work: two lock-free atomics, errno untouched.
    if (VM* vm = g_interrupt_vm.load(std::memory_order_acquire))
        vm->pending.fetch_or(VM::kPendingInterrupt, std::memory_order_relaxed);
}

} // namespace

bool install_interrupt_handler(VM& vm)
{
    struct sigaction old {};
    if (sigaction(SIGINT, nullptr, &old) != 0 || old.sa_handler == SIG_IGN)
        return false;
    g_interrupt_vm.store(&vm, std::memory_order_release);
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: blocking calls fail with EINTR and poll vm.pending
    if (sigaction(SIGINT, &sa, nullptr) != 0) {
        g_interrupt_vm.store(nullptr, std::memory_order_release);
        return false;
    }
    return true;
}

void remove_interrupt_handler(VM& vm)
{
    VM* expected = &vm;
    if (!g_interrupt_vm.compare_exchange_strong(expected, nullptr, std::memory_order_acq_rel))
        return;
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
}

} // namespace slpy
