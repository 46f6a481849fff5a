// libFuzzer target for the runtime: the input bytes choose, from a small grammar, a short
// Python program of operations on containers (list, tuple, dict, set, frozenset,
// bytearray, memoryview, str, iterators) whose elements are instances of "hostile"
// classes: their __eq__/__lt__/__hash__/__index__/__len__/__iter__/__bool__/__repr__/
// __getitem__ clear, grow or rebind the very containers being worked on, raise, return
// wrong types or extreme values, or change their own __class__. The program is compiled
// and run in the fuzzer's VM.
//
// Any Python exception is fine (every statement runs in its own try/except). A sanitizer
// report, a crash, a timeout or a broken interpreter invariant after the run is a finding.
//
// Bounded by construction: the programs have no while loops and no recursion of their
// own, `for` loops run over range(<= 4), and every mutation a special method makes first
// takes a ticket from a per-program budget (_go()), so a container cannot grow forever
// while a native walks it; L.extend(iter(L)) and the like read through _lim (at most 16
// items) and in-place growth is guarded by the container's size (exec_grammar.h).
//
// One VM for the whole process. The runtime creates its built-in types, interned names
// and singletons once per process, on the first VM's heap (objects/bootstrap.cpp:
// init_runtime), so a VM cannot be destroyed and a fresh one made per input. Each input
// instead runs in a fresh __main__ namespace, and a full collection after it frees
// everything the program made (hostile classes included); LeakSanitizer stays on and
// reports memory that became unreachable, while the VM itself stays reachable through
// a global pointer.
//
// Print the program an input stands for (to turn a finding into a tests/hostile/ program):
//   fuzz_exec --print crash-file
#include "objects/module.h"
#include "objects/runtime.h"
#include "stackless/compiler/compiler.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"
#include "tests/fuzz/exec_grammar.h"
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

// ------------------------------------------------------------------ running

struct Runtime {
    VM vm;
    Interpreter* interp = nullptr;
};

Runtime& runtime()
{
    // Deliberately never destroyed (see the header comment); reachable, so LeakSanitizer
    // does not count it.
    static Runtime* rt = [] {
        auto* r = new Runtime;
        r->interp = create_interpreter(r->vm, { "fuzz_exec" });
        return r;
    }();
    return *rt;
}

[[noreturn]] void invariant_broken(char const* what, std::string const& program)
{
    std::fprintf(stderr, "fuzz_exec: interpreter invariant broken after the run: %s\nprogram:\n%s\n", what, program.c_str());
    std::abort();
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
        // The grammar makes valid Python only: a refusal is a bug in this file or in the
        // front end.
        std::fprintf(stderr, "fuzz_exec: generated program does not compile: %s (line %d)\n%s\n", err.msg.c_str(), err.lineno,
                     program.c_str());
        std::abort();
    }
    Module* main_module = module_new(vm, "__main__");
    module_add(vm, main_module, "__builtins__", Value::from_object(in.builtins_module));
    Value code = load_code(vm, *unit);
    if (code.is_null()) {
        // The verifier refusing the compiler's output (SystemError) is a bug; anything else
        // is the compilation's warnings failing to be issued (a filter made one an error, or
        // the warnings module cannot be imported here): an ordinary error of the program.
        if (!vm.has_error() || vm.error_matches(exc::SystemError))
            invariant_broken("load_code refused the compiler's output", program);
        (void)vm.take_error();
        vm.heap.collect();
        return;
    }
    Value result = in.run_module(code.as<Code>(), main_module->dict);
    if (result.is_null())
        (void)vm.take_error(); // an uncaught Python exception is fine

    // What one run leaves behind must not leak into the next.
    if (vm.has_error())
        invariant_broken("an exception is still pending", program);
    if (in.current != nullptr || in.depth != 0)
        invariant_broken("frames are still linked", program);
    if (vm.native_depth != 0)
        invariant_broken("native re-entry depth is not zero", program);
    if (!in.exc_info.is_null())
        invariant_broken("a handled exception is still set", program);

    // Everything the program made is garbage now: collecting here checks the collector
    // on whatever the program left, and keeps the heap from growing across inputs.
    main_module = nullptr;
    code = Value::null();
    vm.heap.collect();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    fuzz::handle_print_option(*argc, *argv, "fuzz_exec", fuzz::generate_program);
    (void)runtime();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    run_program(fuzz::generate_program(data, size));
    return 0;
}
