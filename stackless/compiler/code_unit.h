// What the code generator produces: one CodeUnit per code object, in plain C++.
// The loader (stackless/vm/code_loader) turns it into a heap Code object; the verifier
// checks it first.
#pragma once

#include "stackless/compiler/constant.h"
#include "stackless/vm/opcodes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace slpy::compiler {

// Source span of one code unit, as CPython 3.11's co_positions(): 1-based lines,
// 0-based UTF-8 byte columns; -1 (or 0 for lines) when unknown.
struct Location {
    int lineno = 0;
    int end_lineno = 0;
    int col = -1;
    int end_col = -1;
};

// One exception table entry: units [start, end) are covered; on an exception the value
// stack is cut to `depth`, the offset of the raising unit is pushed when `lasti`, then the
// exception, and execution continues at `target`.
struct ExceptionEntry {
    uint32_t start = 0;
    uint32_t end = 0;
    uint32_t target = 0;
    uint32_t depth = 0;
    bool lasti = false;
};

struct CodeUnit {
    std::string name;     // co_name
    std::string qualname; // co_qualname
    std::string filename;
    int firstlineno = 1;
    int argcount = 0;        // positional (including positional-only) parameters
    int posonlyargcount = 0;
    int kwonlyargcount = 0;
    int stacksize = 0;       // maximum value stack depth
    uint32_t flags = 0;      // CodeFlags

    // localsplus: parameters first (positional, keyword-only, *args, **kwargs), then the
    // other locals, then cell variables that are not parameters, then free variables.
    std::vector<std::string> localsplusnames;
    std::vector<uint8_t> localspluskinds; // LocalKind bits per slot

    std::vector<std::string> names; // co_names
    std::vector<ConstValue> consts; // co_consts; consts[0] is the docstring or None for functions

    std::vector<CodeWord> code;
    std::vector<Location> locations; // one per code unit
    std::vector<ExceptionEntry> exception_table;

    // The warnings of the compilation, the parser's then the compiler's (on the module's
    // unit only; never serialized, so a cached module does not warn again), each with its
    // category as `type`: load_code issues them, and raises a SyntaxError at the
    // warning's location instead where a warnings filter turns one into an error.
    std::vector<SyntaxErrorInfo> warnings;
};

} // namespace slpy::compiler
