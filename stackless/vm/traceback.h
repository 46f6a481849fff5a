// Exception printing helpers beyond print_exception_to / format_exception (declared in
// interpreter.h), implemented in traceback.cpp.
#pragma once

#include "stackless/compiler/constant.h"

#include <string>

namespace slpy {

// A compile-time syntax error as CPython 3.11 prints it when it is uncaught:
//     File "x.py", line 3
//       print(1
//            ^
//   SyntaxError: '(' was never closed
// Needs no VM: the CLI can print errors of a script that never ran. Byte-for-byte the
// output print_exception_to gives for the SyntaxError raised from the same info.
std::string format_syntax_error(compiler::SyntaxErrorInfo const& err);
// Line `lineno` of the file `path` with its newline, or "" when it cannot be read: the
// text of a SyntaxError found after parsing, as CPython's PyErr_ProgramTextObject.
std::string program_text_line(std::string const& path, int lineno);

} // namespace slpy
