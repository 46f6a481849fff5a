// Includes the AST for the compiler. stackless/parser/ast.h names `ConstValue`
// unqualified inside namespace slpy::ast; this using-declaration makes it resolve to
// compiler::ConstValue whichever header is included first. (Harmless once ast.h
// qualifies the name itself.)
#pragma once

#include "stackless/compiler/constant.h"

namespace slpy::ast {
using compiler::ConstValue;
}

#include "stackless/parser/ast.h"
