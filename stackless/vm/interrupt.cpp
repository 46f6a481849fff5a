// The signal VM and the SIGINT handler (see interrupt.h).
#include "stackless/vm/interrupt.h"

#include "objects/runtime.h"

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace slpy {

namespace {

// The VM that signals go to, null when none: process-level because a signal disposition
// is process-wide. Read by the handlers, so it must be lock-free; written only from the
// main thread (claim/release), so two VMs on other threads never touch it.
std::atomic<VM*> g_signal_vm { nullptr };
static_assert(std::atomic<VM*>::is_always_lock_free);
static_assert(std::atomic<uint32_t>::is_always_lock_free);

extern "C" void on_sigint(int)
{
    // Only async-signal-safe work: two lock-free atomics, errno untouched.
    if (VM* vm = g_signal_vm.load(std::memory_order_acquire))
        vm->pending.fetch_or(VM::kPendingInterrupt, std::memory_order_relaxed);
}

} // namespace

bool on_main_thread() { return ::gettid() == ::getpid(); }

bool claim_signal_vm(VM& vm)
{
    if (!on_main_thread())
        return false;
    VM* expected = nullptr;
    return g_signal_vm.compare_exchange_strong(expected, &vm, std::memory_order_acq_rel) || expected == &vm;
}

VM* signal_vm() { return g_signal_vm.load(std::memory_order_acquire); }

void release_signal_vm(VM& vm)
{
    VM* expected = &vm;
    (void)g_signal_vm.compare_exchange_strong(expected, nullptr, std::memory_order_acq_rel);
}

bool install_interrupt_handler(VM& vm)
{
    struct sigaction old {};
    if (sigaction(SIGINT, nullptr, &old) != 0 || old.sa_handler == SIG_IGN)
        return false;
    if (!claim_signal_vm(vm))
        return false;
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: blocking calls fail with EINTR and poll vm.pending
    return sigaction(SIGINT, &sa, nullptr) == 0;
}

void remove_interrupt_handler(VM& vm)
{
    if (signal_vm() != &vm)
        return;
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    release_signal_vm(vm);
}

} // namespace slpy
