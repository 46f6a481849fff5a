// libFuzzer target for the scheduler (issue 8): the input bytes choose, from a small
// grammar (schedule_grammar.h), a Python program of scheduler operations over a pool of
// tasklets and channels (create, run, switch, schedule, send/receive also from natives,
// kill/throw/raise_exception, remove/insert, atomic, run() with small timeouts, channel
// close, callbacks, gc.collect()), which runs in the fuzzer's VM. Its epilogue kills every
// tasklet still alive, so that nothing is left for the next input.
//
// Any Python exception is fine (main runs each statement in its own try/except; tasklets
// may die of anything). A sanitizer report, a crash, a timeout, a leak, or a scheduler or
// interpreter left in another state than the one a run started in is a finding.
//
// Bounded by construction (schedule_grammar.h): a finite number of tasklets, each running
// finite code; no while loops of the program's own.
//
// One VM for the whole process, as in fuzz_exec.cpp (the runtime's built-in types live
// on the first VM's heap): each input runs in a fresh __main__ namespace and a full
// collection after it frees what the program made; LeakSanitizer stays on.
//
// Print the program an input stands for (to turn a finding into a tests/stackless/ program):
//   fuzz_schedule --print crash-file
#include "objects/containers.h"
#include "objects/module.h"
#include "objects/runtime.h"
#include "scheduler/scheduler.h"
#include "stackless/compiler/compiler.h"
#include "stackless/imports/imports.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"
#include "tests/fuzz/schedule_grammar.h"
#include "tests/fuzz/fuzz_print.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

using namespace slpy;

namespace {

struct Runtime {
    VM vm;
    Interpreter* interp = nullptr;
};

Runtime& runtime()
{
    // Deliberately never destroyed (see fuzz_exec.cpp); reachable, so LeakSanitizer does
    // not count it.
    static Runtime* rt = [] {
        auto* r = new Runtime;
        r->interp = create_interpreter(r->vm, { "fuzz_schedule" });
        // The programs import `stackless` and `gc` (built-in modules, found through
        // sys.meta_path, which this sets up as the slpy command does).
        std::string error;
        if (!imports_setup_path(r->vm, "", &error, {}, true)) {
            std::fprintf(stderr, "fuzz_schedule: %s\n", error.c_str());
            std::exit(2);
        }
        return r;
    }();
    return *rt;
}

[[noreturn]] void invariant_broken(char const* what, std::string const& program)
{
    std::fprintf(stderr, "fuzz_schedule: invariant broken after the run: %s\nprogram:\n%s\n", what, program.c_str());
    std::abort();
}

// The scheduler is back where a run starts: main running alone, nothing pinned to a
// carrier, no watchdog, no preemption armed, no callback or trap.
void check_scheduler(VM& vm, Scheduler* s, std::string const& program)
{
    if (!s)
        invariant_broken("no scheduler after `import stackless`", program);
    if (s->current != s->main)
        invariant_broken("the current tasklet is not main", program);
    if (s->runcount() != 1)
        invariant_broken("tasklets are still runnable", program);
    if (!s->watchdogs.empty() || s->timed_watchdog)
        invariant_broken("a stackless.run() watchdog is still registered", program);
    if (vm.pending & kPendingPreempt)
        invariant_broken("preemption is still armed", program);
    if (s->main->atomic || s->switch_trap != 0)
        invariant_broken("main is still atomic or a switch trap is set", program);
    if (s->main->blocked_on || s->main->frame)
        invariant_broken("main is blocked or has saved frames", program);
    if (s->in_channel_callback || s->in_schedule_callback)
        invariant_broken("a callback is still marked running", program);
    if (s->carriers) {
        for (size_t i = 0; i < s->carriers->size(); ++i) {
            if (s->carriers->at(i)->owner)
                invariant_broken("a carrier is still pinned", program);
        }
        if (s->carriers->running() != s->carriers->thread_carrier())
            invariant_broken("the run did not end on the thread's own stack", program);
    }
}

void run_program(std::string const& program)
{
    Runtime& rt = runtime();
    VM& vm = rt.vm;
    Interpreter& in = *rt.interp;

    compiler::SyntaxErrorInfo err;
    compiler::CompileOptions options;
    auto unit = compiler::compile_source(program, "<fuzz>", parser::Mode::Exec, options, err);
    if (!unit) {
        // The grammar makes valid Python only: a refusal is a bug in the grammar or in the
        // front end.
        std::fprintf(stderr, "fuzz_schedule: generated program does not compile: %s (line %d)\n%s\n", err.msg.c_str(),
                     err.lineno, program.c_str());
        std::abort();
    }
    Module* main_module = module_new(vm, "__main__");
    module_add(vm, main_module, "__builtins__", Value::from_object(in.builtins_module));
    Value code = load_code(vm, *unit);
    if (code.is_null())
        invariant_broken("load_code refused the compiler's output", program);
    Value result = in.run_module(code.as<Code>(), main_module->dict);
    if (result.is_null()) {
        // Main catches everything, so its module code ends normally; an exception here
        // escaped the epilogue.
        in.print_exception(vm.take_error());
        invariant_broken("the program raised out of its epilogue", program);
    }

    if (vm.has_error())
        invariant_broken("an exception is still pending", program);
    if (in.current != nullptr || in.depth != 0)
        invariant_broken("frames are still linked", program);
    if (vm.native_depth != 0)
        invariant_broken("native re-entry depth is not zero", program);
    if (!in.exc_info.is_null())
        invariant_broken("a handled exception is still set", program);
    Value clean = dict_get_str(vm, main_module->dict, intern(vm, "_clean"));
    if (!clean.is(py_true()))
        invariant_broken("the epilogue could not kill every tasklet (or a channel balance is not 0)", program);
    check_scheduler(vm, scheduler_of(vm), program);

    // Everything the program made is garbage now (its tasklets are dead): collecting
    // checks the collector on what the switches left, and keeps the heap from growing.
    main_module = nullptr;
    code = Value::null();
    result = Value::null();
    vm.heap.collect();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::handle_print_option(*argc, *argv, "fuzz_schedule", fuzz::schedule::generate_program);
    (void)runtime();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    run_program(fuzz::schedule::generate_program(data, size));
    return 0;
}
