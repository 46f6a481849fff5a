// libFuzzer target for the whole front end: the input bytes are Python source, compiled
// by compiler::compile_source (tokenizer, parser, scopes, constant folding, code
// generator, flow graph) and, when that succeeds, disassembled with dump_code.
//
// The front end promises (stackless/parser/parser.h) never to throw, crash or overflow
// the C stack whatever the input, and to report bad source as a SyntaxErrorInfo, so any
// sanitizer report, timeout or leak here is a front-end bug.
#include "stackless/compiler/code_dump.h"
#include "stackless/compiler/compiler.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace slpy;

namespace {

// Compiles `source` in one mode; a success is disassembled too, since dump_code walks
// every constant, name and nested code object the code generator produced.
void compile_one(std::string_view source, parser::Mode mode, int optimize)
{
    compiler::CompileOptions options;
    options.optimize = optimize;
    compiler::SyntaxErrorInfo err;
    auto code = compiler::compile_source(source, "<fuzz>", mode, options, err);
    if (code) {
        std::string text = compiler::dump_code(*code);
        // Keep the result observable so the dump cannot be optimized away.
        volatile size_t sink = text.size();
        (void)sink;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    std::string_view source(reinterpret_cast<char const*>(data), size);
    // The mode and -O level come from the input's length rather than from a leading
    // selector byte: the seed corpus is plain Python files (tests/py), and stealing their
    // first byte would turn nearly every seed into a syntax error.
    compile_one(source, parser::Mode::Exec, static_cast<int>(size % 3));
    compile_one(source, size % 2 ? parser::Mode::Eval : parser::Mode::Single, 0);
    return 0;
}
