// An expression back to source text, exactly as CPython 3.11's _PyAST_ExprAsUnicode
// writes it: the string an annotation becomes under `from __future__ import annotations`
// (PEP 563), e.g. "dict[str, int]", "lambda*a: 1", "1e309".
#pragma once

#include "stackless/compiler/ast_include.h"

#include <string>

namespace slpy::compiler {

std::string unparse_annotation(ast::Expr const* e);

} // namespace slpy::compiler
