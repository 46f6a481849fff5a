// Public entry points of the compiler: AST (or source) -> CodeUnit.
#pragma once

#include "stackless/compiler/code_unit.h"
#include "stackless/compiler/constant.h"
#include "stackless/compiler/ast_include.h"
#include "stackless/parser/parser.h"

#include <memory>
#include <string>
#include <string_view>

namespace slpy::compiler {

struct CompileOptions {
    int optimize = 0; // -O: 1 (asserts dropped, __debug__ is False); -OO: 2 (docstrings dropped too)
    // CO_FUTURE_* features in effect before the source's own future statements (compile()'s
    // flags argument); the code objects carry them, merged with the source's, in co_flags.
    uint32_t future_flags = 0;
    parser::SourceOptions source; // how the source text is read (PEP 263)
};

// Compile a parsed module. Returns nullptr and fills err on a compile-time error.
// The AST is rewritten in place by constant folding.
std::shared_ptr<CodeUnit> compile(ast::Mod* mod, std::string const& filename, parser::Mode mode,
                                  CompileOptions const& options, SyntaxErrorInfo& err);

// Parse + compile in one go.
std::shared_ptr<CodeUnit> compile_source(std::string_view source, std::string const& filename, parser::Mode mode,
                                         CompileOptions const& options, SyntaxErrorInfo& err);

} // namespace slpy::compiler
