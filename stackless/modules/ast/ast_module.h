// The `_ast` module and the two conversions compile() needs between slpy's C++ syntax
// tree (stackless/parser/ast.h) and CPython's `ast` node objects.
#pragma once

#include "objects/runtime.h"
#include "stackless/parser/parser.h"
#include "stackless/vm/code.h"

#include <string>
#include <string_view>

namespace slpy {

struct Module;

// compile() flags of CPython's Include/cpython/compile.h that the ast module exports.
inline constexpr int64_t kPyCfOnlyAst = 0x0400;
inline constexpr int64_t kPyCfTypeComments = 0x1000;
inline constexpr int64_t kPyCfAllowTopLevelAwait = 0x2000;

Module* make_ast_module(VM& vm); // also declared in stackless/modules/runtime_modules.h

// compile(source, filename, mode, PyCF_ONLY_AST): the source parsed into a tree of
// ast.* objects (a SyntaxError pending on failure). `mode` "func_type" is refused.
// `feature_version`: compile()'s _feature_version (parser::SourceOptions).
Value ast_parse_source(VM& vm, std::string_view source, std::string const& filename, parser::Mode mode, SourceKind kind,
                       int feature_version = -1);

// Whether `v` is an ast.AST instance.
bool is_ast_object(VM& vm, Value v);

// compile(<ast.mod>, filename, mode, ...): checks the tree as CPython does (its
// TypeErrors/ValueErrors), then compiles it. With `only_ast` the tree is checked and
// returned as it is.
Value compile_ast_object(VM& vm, Value tree, std::string const& filename, parser::Mode mode, int optimize,
                         uint32_t future_flags, bool only_ast);

} // namespace slpy
