// The `slpy --dis` listing of a compiled unit.
#include "stackless/cli/source_error.h"

#include "stackless/compiler/code_dump.h"

#include <string>

namespace slpy::cli {

std::string disassemble(compiler::CodeUnit const& code) { return compiler::dump_code(code, true); }

} // namespace slpy::cli
