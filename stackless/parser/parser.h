// Python 3.11 parser: source text -> AST (stackless/parser/ast.h).
//
// A hand-written recursive-descent parser over the token stream of tokenizer.h. It
// accepts the full 3.11 grammar except `async` constructs and `match` statements, which
// are rejected with "SyntaxError: ... not supported yet". Node positions (lineno,
// col_offset, end_lineno, end_col_offset; byte columns) match CPython's `ast` module,
// and syntax errors carry CPython 3.11's messages and locations for the common cases.
#pragma once

#include "stackless/compiler/constant.h"
#include "stackless/parser/ast.h"

#include <string>
#include <string_view>

namespace slpy::parser {

enum class Mode { Exec, Eval, Single }; // compile() modes 'exec', 'eval', 'single'

// Parses `source` (raw bytes of the file or string). On success returns the module node
// (allocated in `arena`); on failure returns nullptr and fills `err`.
// The source must be UTF-8 (a BOM is skipped; a `coding:` declaration of utf-8, ascii or
// latin-1 is honoured, other encodings are rejected). Never throws, never overflows
// the stack, whatever the input.
ast::Mod* parse(std::string_view source, std::string const& filename, Mode mode,
                ast::Arena& arena, compiler::SyntaxErrorInfo& err);

} // namespace slpy::parser
