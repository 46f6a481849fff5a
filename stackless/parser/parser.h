// Python 3.11 parser: source text -> AST (stackless/parser/ast.h).
//
// A hand-written recursive-descent parser over the token stream of tokenizer.h. It
// accepts the full 3.11 grammar except `match` statements, which
// are rejected with "SyntaxError: ... not supported yet". Node positions (lineno,
// col_offset, end_lineno, end_col_offset; byte columns) match CPython's `ast` module,
// and syntax errors carry CPython 3.11's messages and locations: a second pass tries the
// grammar's invalid_ rules where the first one failed, as CPython's parser does (see
// parser_impl.h; tests/syntax/compare_errors.py measures the agreement).
#pragma once

#include "stackless/compiler/constant.h"
#include "stackless/parser/ast.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slpy::parser {

enum class Mode { Exec, Eval, Single }; // compile() modes 'exec', 'eval', 'single'

// Decodes source bytes declared (PEP 263) to be in `encoding` (a coding cookie, as
// CPython's get_normal_name leaves it) into UTF-8. False with `error` set to what str()
// of the exception CPython's codec raises says ("unknown encoding: x", "'ascii' codec
// can't decode byte 0xe9 in position 3: ordinal not in range(128)").
using SourceDecoder = bool (*)(std::string_view encoding, std::string_view data, std::string& out, std::string& error);

// How parse() reads its source (CPython's tokenizer modes).
struct SourceOptions {
    // A str (compile()/exec() of a str): already text, so neither a byte order mark nor
    // a coding declaration counts. Otherwise the source is bytes: a UTF-8 BOM is skipped,
    // a coding declaration on line 1 or 2 names the codec, UTF-8 is the default.
    bool is_text = false;
    // The bytes of a file being run: decoding errors are CPython's bare "encoding
    // problem: NAME" and undeclared non-UTF-8 bytes its "Non-UTF-8 code starting with
    // ..." (naming `filename`); for bytes given to compile()/exec() they are located at
    // line 0, as CPython's tokenizer-init errors.
    bool is_file = false;
    std::string filename;
    // The codecs for declared encodings other than UTF-8; null: the front end's own
    // (latin-1 and ascii), for users without the runtime.
    SourceDecoder decoder = nullptr;
    // CPython's int_max_str_digits when the source is read (sys.set_int_max_str_digits):
    // a decimal int literal with more digits is a SyntaxError; 0: no limit.
    int64_t max_int_digits = 0;
    // The minor version of Python 3 whose grammar is accepted (ast.parse's
    // feature_version): syntax added later is a SyntaxError; -1: the current grammar.
    int feature_version = -1;
};

// PEP 263: what source bytes declare, found as CPython's tokenizer does.
struct SourceEncoding {
    bool bom = false; // the bytes start with the UTF-8 byte order mark
    std::string name; // the coding cookie of line 1 or 2 (get_normal_name'd), or empty
};
SourceEncoding detect_source_encoding(std::string_view raw);

// Parses `source` (see SourceOptions). On success returns the module node (allocated in
// `arena`); on failure returns nullptr and fills `err`. `text`, when given, receives the
// text that was tokenized; `warnings`, the warnings CPython's tokenizer and parser give
// (invalid escape sequences, a number run into a keyword), each with its category as
// `type` and located where the SyntaxError is when a filter makes it an error. Never
// throws, never overflows the stack, whatever the input.
ast::Mod* parse(std::string_view source, std::string const& filename, Mode mode,
                ast::Arena& arena, compiler::SyntaxErrorInfo& err, SourceOptions const& options = {},
                std::string* text = nullptr, std::vector<compiler::SyntaxErrorInfo>* warnings = nullptr);

} // namespace slpy::parser
