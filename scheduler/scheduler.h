// Tasklets, channels and the scheduler of one VM (see scheduler/README.md).
//
// A Tasklet is a GC heap object: its saved frame chain and registers, its tempval and
// flags, and two Boost.Intrusive hooks (the run queue, a channel's wait list), so that
// queueing, blocking and waking never allocate. The Scheduler owns the run queue (a
// circular order whose head is the current tasklet), the watchdog stack of nested
// stackless.run() calls and the preemption state. Natives ask it for a switch; the eval
// loop completes the switch at the instruction boundary of the call (soft switch).
#pragma once

#include "objects/runtime.h"
#include "scheduler/carrier.h"
#include "stackless/vm/frame.h"

#include <boost/intrusive/list.hpp>

#include <poll.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace slpy {

class Interpreter;
struct Channel;
struct WaitListBase;

namespace bi = boost::intrusive;
using TaskletHook = bi::list_member_hook<bi::link_mode<bi::normal_link>>;

// vm.pending bit of the preemption watchdog: set while a stackless.run(timeout) is active,
// so the loop's existing poll (backward jumps, function entry) counts the ticks on its
// slow path and costs nothing otherwise.
inline constexpr uint32_t kPendingPreempt = 1u << 1;

struct Tasklet : Object {
    TaskletHook run_hook;  // the run queue
    TaskletHook wait_hook; // the wait list of blocked_on
    Frame* frame;          // the innermost frame while suspended (null: not alive, or running)
    Value exc_info;        // the handled exception while suspended
    Value tempval;         // the value slot (spec 1.3)
    ValueArray* hook_functions; // null, or [trace_function, profile_function] once one was set
    Channel* blocked_on;   // the channel whose wait list holds it, or null
    Carrier* carrier;      // pinned: suspended with native code below its frames on this carrier
    int depth;             // recursion depth while suspended
    int8_t block_dir;      // +1 blocked sending, -1 receiving
    bool in_queue;
    bool is_main;
    bool started;          // its bottom frame began running (a set-up tasklet has not)
    bool in_call;          // suspended inside a switching call: resuming it returns tempval
    bool atomic;
    bool ignore_nesting;
    bool block_trap;
    bool exit_killed;      // killed once at program end (spec 3.8): never again
    // ---- threads on tasklets (README "Threads")
    bool is_thread;        // a Python thread's own tasklet (or main once threads run): preemptible
    bool parked;           // waits in park(): on park_list and/or a timer
    uint32_t park_seq;     // bumped at every park/wake, so stale timer entries are skipped
    Object* thread_state;  // _thread's per-thread state (ident, locals), shared with its tasklets
    Object* park_owner;    // the object whose wait list holds it (a lock), traced
    WaitListBase* park_list;
};

using RunQueue = bi::list<Tasklet, bi::member_hook<Tasklet, TaskletHook, &Tasklet::run_hook>, bi::constant_time_size<false>>;
using WaitList = bi::list<Tasklet, bi::member_hook<Tasklet, TaskletHook, &Tasklet::wait_hook>, bi::constant_time_size<false>>;
// The FIFO of tasklets parked on an object (a lock): embed one, construct it with
// placement new, trace it with trace_wait_list.
struct WaitListBase : WaitList {};
void trace_wait_list(WaitListBase& l, Tracer& t);

struct Channel : Object {
    WaitList waiters;
    int64_t balance;    // waiting senders (> 0) or minus waiting receivers
    int8_t preference;  // -1 receiver, 0 none, 1 sender
    bool schedule_all;
    bool closing;
};

// stackless.bomb: an exception carried in a tempval.
struct Bomb : Object {
    Value type;
    Value value;
    Value traceback;
};

class Scheduler {
public:
    explicit Scheduler(Interpreter& in);
    Scheduler(Scheduler const&) = delete;
    Scheduler& operator=(Scheduler const&) = delete;

    Interpreter& in;
    VM& vm;

    TypeObject* tasklet_type = nullptr;
    TypeObject* channel_type = nullptr;
    TypeObject* bomb_type = nullptr;
    TypeObject* atomic_type = nullptr;
    TypeObject* tasklet_exit = nullptr; // builtins.TaskletExit

    Tasklet* main = nullptr;
    Tasklet* current = nullptr;
    RunQueue queue; // head: the current tasklet; order: the round robin
    std::vector<Tasklet*> watchdogs; // callers inside stackless.run(), innermost last

    Function* boot = nullptr; // calls a tasklet's non-Python callable: f(*args, **kwargs)
    Value channel_callback;
    Value schedule_callback;
    Value error_handler;
    int switch_trap = 0;
    bool in_channel_callback = false;
    bool in_schedule_callback = false;
    bool softswitch = true;
    int64_t pickle_flags = 0;
    int64_t pickle_flags_default = 0;

    // ---- preemption (spec 5.5)
    Tasklet* timed_watchdog = nullptr; // the outermost run() with a timeout, or null
    int64_t timeout = 0;
    int64_t budget = 0;
    bool total_timeout = false;
    bool soft_preempt = false;
    bool preempt_ignore_nesting = false;
    bool soft_due = false; // soft mode: the deadline passed; the next switch goes to the watchdog

    // ---- threads on tasklets (README "Threads"): parking on wait lists and timers,
    // and the time slices of thread tasklets.
    struct Timer {
        int64_t deadline; // CLOCK_MONOTONIC ns
        Tasklet* t;
        uint32_t seq;     // t->park_seq when armed
    };
    std::vector<Timer> timers; // a min-heap on deadline; stale entries skipped when popped
    struct FdWait {
        int fd;
        short events; // poll() events
        Tasklet* t;
        uint32_t seq;
    };
    std::vector<FdWait> fd_waits; // tasklets parked until a descriptor is ready
    bool threads_on = false;   // a thread was started: slices run (kPendingPreempt stays set)
    int64_t slice_ticks = 0;
    int64_t slice_start = 0;
    static int64_t now_ns();
    // Enables the thread time slices.
    void start_threads();
    // Parks the current tasklet on `list` (owned by `owner`; may be null) until wake(),
    // or until `deadline` (now_ns() clock; -1: none) when it resumes with `timeout_value`.
    // When nothing else can run it sleeps here for the earliest timer; with no timer and
    // nobody to switch to it raises the deadlock RuntimeError naming `what`.
    // With `fds` it waits until poll() reports an event on one of them (resuming with True).
    Value park(WaitListBase* list, Object* owner, int64_t deadline, Value timeout_value, bool soft, char const* what,
               pollfd const* fds = nullptr, size_t nfds = 0);
    // A parked tasklet becomes runnable (end of the round) and resumes with `v`.
    void wake(Tasklet* t, Value v);
    // Wakes the tasklets whose timers are due.
    void poll_timers(int64_t now);
    bool has_timers();
    // Wakes the tasklets whose descriptors are ready (poll() for up to timeout_ms;
    // `extra`: the caller's own, *extra_ready set when one is). false on a signal's error.
    bool poll_fds(int timeout_ms, pollfd const* extra = nullptr, size_t nextra = 0, bool* extra_ready = nullptr);
    bool has_waits() { return has_timers() || !fd_waits.empty(); }
    // Nothing is runnable: sleeps until the earliest timer or descriptor and wakes it.
    // false when nothing is armed, or with KeyboardInterrupt (or a signal handler's error)
    // pending.
    bool idle_wait(int64_t extra_deadline = -1, pollfd const* extra = nullptr, size_t nextra = 0, bool* extra_ready = nullptr);
    // The thread slice (from tick() when no timed run() is active).
    bool thread_tick();

    // Makes the main tasklet for the running flow (at module creation).
    bool init_main();
    void trace(Tracer& t);

    // ---- queries
    size_t runcount() const { return m_count; }
    bool alive(Tasklet const* t) const { return t == current || t->frame != nullptr; }
    bool paused(Tasklet const* t) const { return alive(t) && !t->in_queue && !t->blocked_on && !t->parked; }
    Tasklet* queue_next(Tasklet* t);
    Tasklet* queue_prev(Tasklet* t);
    // The innermost watchdog (a run() caller), or the main tasklet.
    Tasklet* watchdog() const { return watchdogs.empty() ? main : watchdogs.back(); }
    // The tasklet's nesting level: native re-entries below its frames.
    int nesting_level(Tasklet const* t) const;

    // ---- carriers (hard switching; carrier.h, README "Carriers"): made at the first
    // switch with native code below the running frames.
    std::unique_ptr<CarrierPool> carriers;
    size_t carrier_stack_size = 256u << 10; // SLPY_CARRIER_STACK_KB overrides
    // Makes sure a free carrier exists for the switch being checked (MemoryError).
    bool reserve_carrier();
    // The base run of carrier 0 returned (the main tasklet's bottom frame finished; null
    // with the error pending): kills the tasklets pinned to carriers (spec 3.8), moves to
    // carrier 0, unwinds the other carriers and returns the main tasklet's result there.
    Value main_finished(Value r);

    // ---- queue primitives (no allocation)
    void append(Tasklet* t);      // just before the current tasklet: the end of the round
    void unlink(Tasklet* t);      // off the run queue
    void make_head(Tasklet* t);   // rotate so that t (in the queue) runs next
    void unblock(Tasklet* t);     // off its channel's wait list, balance toward 0

    // ---- switching. check_switch comes first (nothing changed yet: false with the
    // error pending); then the caller arranges the queue and calls switch_to, which
    // returns not_found for a direct call of the loop (the loop calls complete_switch)
    // or the tempval right away when `next` is the current tasklet.
    // `soft` false: the caller is native code, so the switch happens inside switch_to (on
    // a carrier) and it returns the tempval when the tasklet is resumed.
    bool check_switch(bool soft, char const* what);
    Value switch_to(Tasklet* next, bool soft = true)
    {
        if (next == current)
            return take_tempval(current);
        m_target = next;
        if (soft) [[likely]]
            return Value::not_found(); // the loop completes it
        return native_switch();
    }
    // Called by the loop: saves its registers into the current tasklet, runs the
    // schedule callback, loads `next`. `in_call`: the outgoing tasklet waits for the
    // result of a call (it gets its tempval back when resumed).
    void complete_switch(bool in_call);
    // For the loop after complete_switch: 1 with *out to push (the suspended call's
    // result), 0 when nothing is pushed, -1 with the bomb's exception pending.
    int resume_value(Value* out);
    // The current tasklet's tempval taken (reset to None); a bomb raises instead.
    Value take_tempval(Tasklet* t);
    Tasklet* target() const { return m_target; }

    // The bottom frame of the current (non-main) tasklet returned (error: raised, with the
    // exception pending). Arranges the queue and the target; the loop then switches.
    void tasklet_end(bool error);
    // The preemption tick (from the loop's poll). true when the loop must switch to
    // target() (the current tasklet is suspended at an instruction boundary).
    bool tick();
    // Hard-interrupts the current tasklet: the timed watchdog becomes the target.
    void interrupt_current();
    // After set_atomic(False) and the like: a deferred interruption fires now (not_found:
    // the loop switches) or `result` is returned.
    Value fire_deferred(Value result, bool soft);
    // Re-arms the budget at a switch.
    void arm_budget();
    void stop_preemption();

    // ---- operations (natives in stackless/modules/stackless_module.cpp call these)
    Value schedule(Value retval, bool remove, bool soft);
    Value run_watchdog(int64_t timeout, bool soft_mode, bool ignore_nesting, bool totaltimeout, bool soft);
    Value tasklet_run(Tasklet* t, bool remove_caller, bool soft);
    Value tasklet_throw(Tasklet* t, Value exc, bool pending, bool soft);
    Value channel_action(Channel* ch, int dir, Value value, bool soft);

    // Helpers
    Bomb* make_bomb(Value exc);
    bool is_bomb(Value v) const
    {
        // a subclass of bomb is a class statement's (heap) type
        TypeObject* t = type_of(v);
        return t == bomb_type || (t && t->is_heap_type() && is_subtype(t, bomb_type));
    }
    // Raises the exception a bomb carries; returns null.
    Value explode(Value bomb);
    Value deadlock_error(Channel* ch);

private:
    Tasklet* m_target = nullptr;
    bool m_native_switch = false; // the switch being completed was asked by native code
    bool m_force_pin = false;     // m_native_switch or main_done: prev keeps its carrier
    bool main_done = false;       // main_finished is killing the pinned tasklets
    bool m_exiting = false;       // main_finished is unwinding the carriers
    Value main_result;
    Value main_error;
    // Leaves the running carrier for `next`'s (pinned) or a free one; `pin`: prev's
    // native code stays suspended on this one.
    void carrier_switch(Tasklet* prev, Tasklet* next, bool pin);
    // Moves to carrier `to` keeping the interpreter's registers (carrier-owned ones swapped).
    void jump(Carrier* to);
    static Carrier* carrier_entry(void* self, Carrier* c);
    // switch_to for a native caller: completes the switch on this carrier, pinned.
    Value native_switch();
    size_t m_count = 0; // tasklets in the queue (the list itself does not count, so that
                        // rotating it is O(1))
    // The name of the native below the innermost Python frames (for the carrier error).
    std::string native_below();
};

Scheduler* scheduler_of(VM& vm); // null before `import stackless`
// The scheduler, made with its types and main tasklet if need be (stackless_module.cpp):
// `import stackless` and the first thread; null with the error pending.
Scheduler* ensure_scheduler(VM& vm);
// Blocking I/O with threads: waits until `fd` is ready for `events` (poll()), parking the
// current tasklet while others can run. 0 ready, 1 timed out (`timeout` seconds, < 0:
// none), -1 with the error pending. Without threads it returns 0 at once (the caller
// blocks the VM's thread as before).
int wait_fd(VM& vm, int fd, short events, double timeout);
// The same for any of several descriptors (select, poll).
int wait_fds(VM& vm, pollfd const* fds, size_t nfds, double timeout);
// An uncaught TaskletExit in the main tasklet is reported like any exception, not as
// SystemExit (spec 2.10).
bool is_tasklet_exit(VM& vm, Value e);

} // namespace slpy
