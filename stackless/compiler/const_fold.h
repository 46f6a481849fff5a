// AST optimizer (CPython 3.11's Python/ast_opt.c): folds operations on constants,
// `__debug__`, tuples of constants, `not (a is b)` -> `a is not b`, and turns list/set
// literals iterated over or tested with `in` into tuples/frozensets.
#pragma once

#include "stackless/compiler/ast_include.h"

namespace slpy::compiler {

// Rewrites `mod` in place; new nodes are allocated in `arena`. `optimize` is -O's level.
// Annotations are left as written when they become strings (`from __future__ import
// annotations`: `fold_annotations` false), as CPython does.
void fold_constants(ast::Mod* mod, ast::Arena& arena, int optimize, bool fold_annotations = true);

// Folds one binary operation on two constants as CPython would at compile time.
// Returns false when CPython would not fold (the operation raises, the result would
// be too large, or the operand types are not handled).
bool fold_binary(ast::Operator op, ConstValue const& left, ConstValue const& right, ConstValue& result);
bool fold_unary(ast::UnaryOpKind op, ConstValue const& operand, ConstValue& result);

} // namespace slpy::compiler
