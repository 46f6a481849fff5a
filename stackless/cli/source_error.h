// Printing compile-time errors the way CPython 3.11 does, and the bytecode listing of
// `slpy --dis`.
#pragma once

#include "stackless/compiler/code_unit.h"
#include "stackless/compiler/constant.h"

#include <cstdio>
#include <string>

namespace slpy::cli {

// Prints
//     File "x.py", line 3
//       print(1
//            ^
//   SyntaxError: '(' was never closed
// as CPython's print_exception does for SyntaxError (the line without its indentation,
// carets from offset to end_offset).
void print_syntax_error(FILE* out, compiler::SyntaxErrorInfo const& err);

// The `dis`-style listing of a code unit and its nested code objects.
std::string disassemble(compiler::CodeUnit const& code);

} // namespace slpy::cli
