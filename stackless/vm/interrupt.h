// Signals: the VM they go to, and the process's SIGINT handler.
//
// Signal dispositions belong to the process, not to a VM, so a C handler finds its VM
// through one process-level pointer (interrupt.cpp), the signal VM: the one piece of
// process-wide mutable state of the interpreter besides the _signal module's
// async-signal-safe flags; it is atomic so that a handler may read it. As in CPython,
// only the main interpreter of the main thread handles signals: the signal VM is claimed
// by the first VM that asks for it on the process's main thread (the slpy command's VM at
// start-up) and released when that VM goes; a VM on another thread never installs a
// handler (signal.signal raises ValueError there), so VMs on other threads stay
// independent of it.
//
// The SIGINT handler only sets VM::kPendingInterrupt in vm.pending (a lock-free atomic
// or: async-signal-safe). The eval loop sees the bit at its next check point (a backward
// jump or a function entry) and raises KeyboardInterrupt there, so `except` and `finally`
// run; natives that loop long or block poll it through check_pending(). The handler is
// installed without SA_RESTART, so a blocking read() or sleep returns EINTR and raises
// KeyboardInterrupt too.
#pragma once

namespace slpy {

class VM;

// True when the calling thread is the process's main thread (the one that ran main()).
bool on_main_thread();
// Makes `vm` the signal VM if it is called on the main thread and no other VM is: true
// when `vm` is the signal VM (now or already).
bool claim_signal_vm(VM& vm);
// The signal VM, null when none (async-signal-safe).
VM* signal_vm();
// Gives up the claim of `vm` (a VM about to be destroyed); no effect for another VM.
void release_signal_vm(VM& vm);

// Makes SIGINT interrupt `vm`, which becomes the signal VM (false when it cannot: not on
// the main thread, or another VM is). As CPython, leaves an ignored SIGINT ignored (a
// process started in the background by a shell) and then returns false.
bool install_interrupt_handler(VM& vm);
// Restores the default SIGINT disposition if `vm` is the signal VM and releases it (call
// it before destroying a VM that was installed).
void remove_interrupt_handler(VM& vm);

} // namespace slpy
