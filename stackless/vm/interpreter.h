// The interpreter: the eval loop and everything it owns (running frame chain, handled
// exception, recursion limit, builtins, the module table).
//
// One Interpreter per VM. Python-to-Python calls never recurse in C++: the loop links a
// new heap frame and continues. Native code that must call Python (vm.call of a Python
// function) enters a nested run of the loop that returns when its entry frame returns.
#pragma once

#include "objects/containers.h"
#include "objects/module.h"
#include "objects/runtime.h"
#include "stackless/vm/code.h"
#include "stackless/vm/frame.h"
#include "stackless/vm/function.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slpy {

struct ImportState; // stackless/imports/import_state.h
class Scheduler;    // scheduler/scheduler.h
struct ExecStats;   // stackless/vm/exec_stats.h

class Interpreter {
public:
    explicit Interpreter(VM& vm);
    Interpreter(Interpreter const&) = delete;
    Interpreter& operator=(Interpreter const&) = delete;

    VM& vm;

    // ---- the running chain: the registers of the running tasklet. A tasklet switch
    // (Scheduler::complete_switch) saves them into the outgoing tasklet and loads the
    // incoming one's, so the hot paths read them here without an indirection.
    Frame* current = nullptr; // innermost running Python frame (null when none)
    int depth = 0;            // Python frames on the chain (the recursion depth)
    int recursion_limit = 1000;
    Value exc_info;           // the exception being handled (sys.exc_info()), null when none

    // -X stats counters: made at start-up in a build with SLPY_STATS, else null
    ExecStats* stats = nullptr;

    // ---- tasklets (scheduler/): null until `import stackless` creates the scheduler
    Scheduler* sched = nullptr;
    // Active runs of the loop (native re-entries + 1 while Python code runs). A tasklet
    // switches soft only from the outermost run (nesting == 1): deeper, native code that
    // called back into Python sits below it on the C stack.
    int nesting = 0;
    // Set by the loop right before it calls a native that may switch tasklets
    // (METH_SWITCH) and taken by that native at its entry (take_soft_call): true means the
    // caller is the loop itself, which completes a switch the native asks for.
    bool soft_call = false;
    bool take_soft_call()
    {
        bool s = soft_call;
        soft_call = false;
        return s;
    }
    // The iternext of the one iterator type whose next() may switch (stackless.channel):
    // FOR_ITER calls it as a soft call.
    Value (*switch_iternext)(VM& vm, Value it) = nullptr;

    // ---- namespaces
    Module* builtins_module = nullptr;
    Dict* builtins = nullptr;  // builtins_module->dict
    Dict* modules = nullptr;   // sys.modules
    Module* sys_module = nullptr;

    // ---- frames
    // A frame for `code`: recycled from the pool when one of its size is free.
    Frame* new_frame(Code* code, Function* func, Dict* globals, Dict* builtins, Value locals);
    // new_frame for a call: the first `nfilled` locals are left for the caller to set.
    inline Frame* new_call_frame(Function* fn, uint32_t nfilled);
    // Returns a finished frame to the pool unless something captured it (a traceback,
    // a generator, sys._getframe).
    inline void release_frame(Frame* frame);

    // GC roots: the running chain, the handled exception, modules, pooled frames.
    void trace_roots(Tracer& t);

    // Runs a module-level code object in `globals` (locals = globals) to completion.
    // Returns the result or null with the exception pending.
    Value run_module(Code* code, Dict* globals);
    // exec(code, globals, locals[, closure]): locals may be any mapping (or null for
    // globals); `closure`, a tuple of cells, feeds the code's free variables.
    Value exec_code(Code* code, Dict* globals, Value locals, Tuple* closure = nullptr);
    // exec_code for the exec()/eval() built-ins (METH_SWITCH): called straight from the
    // loop, the frame is handed to the loop (not_found; it runs there, so a tasklet may
    // switch inside it); from native code, exec_code.
    Value exec_code_soft(Code* code, Dict* globals, Value locals, Tuple* closure = nullptr);
    // The one hand-off of a native called straight from the loop (a soft call): instead
    // of running Python code in a nested loop, the native hands the loop a frame and
    // returns not_found; the loop runs the frame as its own and pushes what it returns
    // (or yields, for a generator's frame, resumed with `value`) as the call's result.
    Value hand_frame(Frame* frame, Value value = Value::null())
    {
        m_frame_to_run = frame;
        m_frame_value = value;
        return Value::not_found();
    }
    // For gen.__next__/gen.send called straight from the loop (METH_SWITCH, soft_call
    // taken): hands the generator's frame to the loop, which resumes it with `value` as a
    // frame of its own (ReturnMode::NextGen). Returns not_found for the native to return.
    Value hand_generator(Generator* gen, Value value) { return hand_frame(gen->frame, value); }
    // A tail call into Python for a native called straight from the loop: `fn(*args)`'s
    // result becomes the native's (hand_frame). Null with the exception pending when the
    // arguments do not bind or the recursion limit is reached.
    Value tail_call(Function* fn, Value const* args, size_t nargs);
    // The Python side of the built-ins that drive Python iterators and callables
    // (stackless/builtins/builtins_drive.cpp): its functions by helper id, compiled on
    // first use: null until then.
    Tuple* drive_helpers = nullptr;
    // Calls a Python function from native code (installed as vm.call_python).
    Value call_function(Function* f, Value const* args, size_t nargs, Tuple* kwnames);

    // Generators from native code (next(), gen.send/throw/close): resumes the generator
    // with `value` (or throws `exc` into it when non-null). Returns the yielded value, or
    // Value::stop_iteration() with *returned set to the return value when it finished,
    // or null on error.
    Value gen_resume(Generator* gen, Value value, Value exc, Value* returned);

    // The globals of the innermost Python frame (null when no Python code runs).
    Dict* current_globals() const;
    // locals() of the innermost frame: its locals mapping, or a fresh dict snapshot of a
    // function frame's locals.
    Value current_locals();

    // `import name` (absolute, dotted; stackless/imports/): the module from sys.modules,
    // a built-in module, or one found on sys.path; ModuleNotFoundError otherwise.
    Value import_module(String* name);
    // Registers a built-in module factory under `name` (called at start-up). A module
    // whose types are made once per process (`g_` type pointers) is loaded once into the
    // frozen shared runtime; one that keeps its types in per-VM state (ModuleState, the
    // Scheduler) says PerVM and is made only when a VM imports it, which keeps start-up
    // from paying for modules a program never imports.
    using ModuleFactory = Module* (*)(VM& vm);
    enum class ModuleTypes : uint8_t { SharedOnce, PerVM };
    void register_builtin_module(char const* name, ModuleFactory factory, ModuleTypes types = ModuleTypes::SharedOnce);
    // The built-in module `name`, created and put in sys.modules on first use;
    // not_found when no built-in module has that name (stackless/imports/ uses these).
    Value load_builtin_module(String* name);
    bool is_builtin_module(std::string_view name) const;
    std::vector<std::string> builtin_module_names() const;
    // The modules whose types join the shared runtime (ModuleTypes::SharedOnce).
    std::vector<std::string> shared_builtin_module_names() const;
    // The import system's per-VM state (stackless/imports/), created on first use.
    ImportState* imports = nullptr;

    // Tracebacks: prints `exc` (with its chain) as CPython's default excepthook does,
    // to sys.stderr.
    void print_exception(Value exc);

    // Called at the boundaries of a generator frame: swaps the handled exception.
    void gen_enter(Generator* gen, Frame* frame);
    void gen_leave(Generator* gen, Frame* frame, bool finished);

private:
    struct BuiltinModule {
        std::string name;
        ModuleFactory factory;
        ModuleTypes types;
    };
    std::vector<BuiltinModule> m_builtin_modules;

    // Free frames by framesize, linked through Frame::back; small frames only, a bounded
    // number of each. A pooled frame keeps only its code (its stack_top is 0).
    static constexpr uint32_t kPooledFrameSizes = 48;
    static constexpr uint32_t kPoolDepth = 256;
    Frame* m_frame_pool[kPooledFrameSizes] = {};
    uint32_t m_frame_pool_count[kPooledFrameSizes] = {};
    Frame* reuse_frame(Frame* f, Code* code, Function* func, Dict* globals, Dict* builtins, Value locals, uint32_t nfilled);

    // How the last run() ended: its entry frame returned, or (a generator) yielded.
    bool m_yielded = false;
    // The frame exec_code_soft hands to the loop (null when none).
    Frame* m_frame_to_run = nullptr;
    Value m_frame_value; // a generator frame's: the value its yield expression gets

    // Runs the loop from `entry` (already linked as `current`) until the entry frame
    // returns or yields. With `throwing`, starts by raising the pending exception at
    // the entry frame's current instruction. (run counts the nesting; run_frames is the loop.)
    Value run(Frame* entry, bool throwing)
    {
        ++nesting;
        Value r = run_frames(entry, throwing);
        --nesting;
        if (nesting == 0 && sched) [[unlikely]]
            r = base_run_returned(r);
        return r;
    }
    // The base run of the thread's stack returned with tasklets about: the scheduler may
    // have carriers to unwind first (Scheduler::main_finished).
    Value base_run_returned(Value r);
    Value run_frames(Frame* entry, bool throwing);
    // Delegates a throw/close into the sub-iterator of a generator suspended in
    // `yield from`. Returns true when it handled the resume (result in *out).
    bool gen_throw_delegate(Generator* gen, Value exc, Value* returned, Value* out);
    // Resumes a suspended generator frame raising `exc` at its current instruction, or
    // continuing where its ip points.
    Value gen_resume_raw(Generator* gen, Value exc);
    Value gen_resume_continue(Generator* gen);

public:
    // The base run of a new carrier (scheduler/carrier.h): the loop continues the running
    // tasklet's top frame as a switch would, and returns when the main tasklet's bottom
    // frame returned there or no tasklet is left to run (`current` null).
    Value run_carrier_base()
    {
        ++nesting;
        Value r = run_frames(nullptr, false);
        --nesting;
        return r;
    }
    // Links a frame entered from native code (mode Entry) and runs it to its return.
    Value run_entry(Frame* frame, bool throwing = false);
    // false (RecursionError pending) when the C stack is too deep to nest the loop again
    // (VM::stack_limit; the Python frames themselves count against recursion_limit)
    bool enter_native();
    // Links `frame` on top of the running chain; false (RecursionError pending) when the
    // recursion limit is reached.
    bool push_frame(Frame* frame, ReturnMode mode);
    // Unlinks the innermost frame `done` from the running chain (the one pop sequence).
    inline void pop_frame(Frame* done);
    // Links the frame of a generator being resumed (push_frame + the generator's state).
    bool enter_generator(Generator* gen, ReturnMode mode)
    {
        if (!push_frame(gen->frame, mode))
            return false;
        gen->running = true;
        gen_enter(gen, gen->frame);
        return true;
    }
};

Interpreter& interp(VM& vm);

// ---- the frame pool's fast paths (every Python call goes through them)

inline Frame* Interpreter::reuse_frame(Frame* f, Code* code, Function* func, Dict* globals, Dict* builtins, Value locals,
                                       uint32_t nfilled)
{
    m_frame_pool[code->framesize] = f->back;
    --m_frame_pool_count[code->framesize];
    f->code = code;
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    f->back = nullptr;
    f->ip = 0;
    f->lasti = 0;
    for (uint32_t i = nfilled; i < code->nlocalsplus; ++i)
        f->localsplus[i] = Value::null();
    f->stack_top = code->nlocalsplus;
    f->return_mode = ReturnMode::Push;
    f->state = FrameState::Created;
    return f;
}

inline Frame* Interpreter::new_call_frame(Function* fn, uint32_t nfilled)
{
    Code* code = fn->code;
    if (code->framesize < kPooledFrameSizes) {
        if (Frame* f = m_frame_pool[code->framesize])
            return reuse_frame(f, code, fn, fn->globals, fn->builtins, Value::null(), nfilled);
    }
    return frame_new(vm, code, fn, fn->globals, fn->builtins, Value::null());
}

inline void Interpreter::release_frame(Frame* f)
{
    uint32_t size = f->code->framesize;
    if (f->captured || f->gen || size >= kPooledFrameSizes || m_frame_pool_count[size] >= kPoolDepth)
        return;
    // Drop every reference so a pooled frame keeps nothing alive.
    f->func = nullptr;
    f->globals = nullptr;
    f->builtins = nullptr;
    f->locals = Value::null();
    f->aux = Value::null();
    f->prev_exc = Value::null();
    f->stack_top = 0;
    f->back = m_frame_pool[size];
    m_frame_pool[size] = f;
    ++m_frame_pool_count[size];
}

// Creates the interpreter for `vm`, the builtins, sys and the other built-in modules.
// `argv` becomes sys.argv.
Interpreter* create_interpreter(VM& vm, std::vector<std::string> const& argv);
// The interpreter's types and the built-in modules' types, made once per process in the
// shared runtime (create_interpreter calls it; a host or test that needs the types
// without an interpreter may too).
void ensure_shared_interpreter_runtime();

// ---- pieces implemented outside the eval loop, wired up by create_interpreter
Module* make_builtins_module(VM& vm);        // stackless/builtins/
Module* make_sys_module(VM& vm, std::vector<std::string> const& argv); // stackless/modules/sys.cpp
Module* make_time_module(VM& vm);            // stackless/modules/time.cpp
Module* make_math_module(VM& vm);            // stackless/modules/math.cpp

// Prints exc (chained exceptions first, then the traceback, then "Type: message") in
// CPython 3.11's format to `out` (a file object with write(), normally sys.stderr);
// falls back to the C stderr when out is unusable. (stackless/vm/traceback.cpp)
void print_exception_to(VM& vm, Value exc, Value out);
// The formatted lines, for traceback.format_exception-like uses.
std::string format_exception(VM& vm, Value exc);

// builtins.__build_class__(func, name, *bases, metaclass=None, **kwds): runs the class
// body (stackless/vm/interpreter.cpp).
Value builtin_build_class(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);

} // namespace slpy
