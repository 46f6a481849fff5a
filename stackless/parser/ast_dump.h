// AST dumper producing exactly the text of CPython's
// `ast.dump(tree, include_attributes=True)` (single line, no indent), so that parser
// output can be compared with CPython 3.11 directly. Used by the front-end unit tests
// and handy when debugging the code generator.
#pragma once

#include "stackless/parser/ast.h"

#include <string>

namespace slpy::ast {

// `include_attributes` adds lineno/col_offset/end_lineno/end_col_offset as CPython does.
std::string dump(Mod const* mod, bool include_attributes = true);
std::string dump(Expr const* expr, bool include_attributes = true);
std::string dump(Stmt const* stmt, bool include_attributes = true);

// Python's repr() of a constant (str, bytes, int, float, ...).
std::string const_repr(ConstValue const& v);

} // namespace slpy::ast
