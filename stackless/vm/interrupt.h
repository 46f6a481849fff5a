// Ctrl-C: the process's SIGINT handler and the one VM it interrupts.
//
// Signal dispositions belong to the process, not to a VM, so the handler finds its VM
// through one process-level pointer (interrupt.cpp), the single piece of process-wide
// mutable state of the interpreter; it is atomic so that the handler may read it. The
// handler only sets VM::kPendingInterrupt in vm.pending (a lock-free atomic or:
// async-signal-safe). The eval loop sees the bit at its next check point (a backward
// jump or a function entry) and raises KeyboardInterrupt there, so `except` and `finally`
// run; natives that loop long or block poll it through check_pending(). The handler is
// installed without SA_RESTART, so a blocking read() or sleep returns EINTR and raises
// KeyboardInterrupt too.
#pragma once

namespace slpy {

class VM;

// Makes SIGINT interrupt `vm`. As CPython, leaves an ignored SIGINT ignored (a process
// started in the background by a shell) and then returns false.
bool install_interrupt_handler(VM& vm);
// Restores the default SIGINT disposition if `vm` is the interrupted VM (call it before
// destroying a VM that was installed).
void remove_interrupt_handler(VM& vm);

} // namespace slpy
