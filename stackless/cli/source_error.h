// The bytecode listing of `slpy --dis` (compile-time errors are printed by
// stackless/vm/traceback.h format_syntax_error).
#pragma once

#include "stackless/compiler/code_unit.h"
#include "stackless/compiler/constant.h"

#include <cstdio>
#include <string>

namespace slpy::cli {

// The `dis`-style listing of a code unit and its nested code objects.
std::string disassemble(compiler::CodeUnit const& code);

} // namespace slpy::cli
