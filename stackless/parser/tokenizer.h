// Python 3.11 tokenizer: turns UTF-8 source text into a flat vector of tokens.
//
// The tokenizer works on text that has already been prepared (decoded as declared, no
// null bytes, newlines normalised to '\n'; see source.cpp). Invalid UTF-8 may remain, as
// in CPython: it is an error where a token is decoded (an identifier here, a string
// literal in string_literal.cpp) and passes in comments. It produces NAME, NUMBER, STRING, OP,
// NEWLINE, INDENT, DEDENT and ENDMARKER tokens the way CPython's tokenizer does: NEWLINE
// only at the end of logical lines, no tokens for blank or comment-only lines, implicit
// line joining inside brackets, backslash continuations, and an indentation stack that
// raises IndentationError / TabError.
//
// Errors: tokenization stops at the first lexical error. `error()` then describes it and
// the token vector holds every token before it followed by an ErrorToken; the parser
// decides which error wins (CPython reports tokenizer errors in preference to parser
// errors, see parser.cpp).
//
// Positions: lines are 1-based, columns are 0-based byte offsets into the line.
#pragma once

#include "stackless/compiler/constant.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slpy::parser {

enum class TokenKind : uint8_t {
    EndMarker,
    Name,
    Number,
    String,
    Op,
    Newline,
    Indent,
    Dedent,
    ErrorToken, // the point where tokenization failed (see Tokenizer::error())
};

struct Token {
    TokenKind kind = TokenKind::EndMarker;
    std::string_view text; // view into the tokenizer's copy of the source
    int lineno = 0;
    int col = 0;
    int end_lineno = 0;
    int end_col = 0;
    int level = 0; // bracket nesting depth in effect after this token

    bool is_op(std::string_view s) const { return kind == TokenKind::Op && text == s; }
    bool is_name(std::string_view s) const { return kind == TokenKind::Name && text == s; }
};

// Keywords of Python 3.11 (hard keywords only; `match`, `case` and `_` are soft).
bool is_keyword(std::string_view word);

class Tokenizer {
public:
    // `source` must have '\n' line ends. `first_line` / `first_col` shift
    // every position (used for f-string expressions, whose text lives inside a larger
    // token): positions on the first line get `first_col` added.
    explicit Tokenizer(std::string_view source, int first_line = 1, int first_col = 0);

    // Tokenizes the whole input. Returns false on a lexical error (see error()).
    bool run();

    std::vector<Token> const& tokens() const { return m_tokens; }
    std::optional<compiler::SyntaxErrorInfo> const& error() const { return m_error; }
    // The warnings of the input (a number followed by a keyword), in order; `type` names
    // the warning category.
    std::vector<compiler::SyntaxErrorInfo> const& warnings() const { return m_warnings; }

    // An error that CPython's tokenizer raises only as an ERRORTOKEN at end of input
    // with brackets still open: the innermost open bracket (its char and position).
    struct OpenBracket {
        char ch = 0;
        int lineno = 0;
        int col = 0;
    };
    std::vector<OpenBracket> const& open_brackets() const { return m_brackets; }
    bool eof_in_brackets() const { return m_eof_in_brackets; }
    // CPython's tokenizer reports most of its errors at once; these it only returns as an
    // ERRORTOKEN, reported when the parser fetches it: indentation errors, TabError and
    // a character after a line continuation.
    bool error_deferred() const { return m_error_deferred; }
    // Where the text starts in the enclosing source (see the constructor).
    int first_line() const { return m_first_line; }
    int first_col() const { return m_first_col; }
    // The lines (numbered as tokens) that end in a backslash continuation between tokens
    // (not in the indentation), in order: CPython's tokenizer reads the next line as part
    // of the current token there, which the `line` of _tokenize's tokens shows.
    std::vector<int> const& continued_lines() const { return m_continued_lines; }

    // The text of source line `lineno` (1-based), without its newline; empty if out of range.
    std::string_view line_text(int lineno) const;
    int line_count() const { return static_cast<int>(m_line_starts.size()); }

    // Fills `err` with the message, the position (lines and byte columns as in tokens,
    // converted to CPython's 1-based character offsets; negative columns are stored as
    // is) and the source line text (without newline).
    void fill_error(compiler::SyntaxErrorInfo& err, std::string_view type, std::string msg,
                    int lineno, int byte_col, int end_lineno, int end_byte_col) const;

private:
    int peek(size_t ahead = 0) const;
    void push(TokenKind kind, size_t start, size_t end);
    bool fail(std::string msg, size_t cur, std::string_view type = "SyntaxError");
    bool fail_at(std::string msg, int line, int offset, int end_offset, std::string_view type = "SyntaxError",
                 bool deferred = false);
    void warn(std::string msg, size_t cur); // a SyntaxWarning located as fail() locates errors
    std::string_view local_line_text(int local) const;
    int char_offset(int local, int byte_col) const;
    int line_of(size_t offset) const;
    int col_of(size_t offset) const;
    int ext_line(int lineno) const { return lineno + m_first_line - 1; }
    int ext_col(int lineno, int col) const { return lineno == 1 ? col + m_first_col : col; }

    bool handle_indentation(size_t line_start, bool& blank);
    bool lex_number(size_t start);
    bool lex_string(size_t start, size_t quote);
    bool lex_name(size_t start);
    bool lex_operator(size_t start);
    bool check_identifier(size_t start, size_t end);

    std::string_view m_src;
    int m_first_line;
    int m_first_col;
    size_t m_pos = 0;
    std::vector<size_t> m_line_starts;
    std::vector<Token> m_tokens;
    std::vector<OpenBracket> m_brackets;
    std::vector<int> m_indents {0};
    std::vector<int> m_alt_indents {0};
    std::vector<int> m_continued_lines;
    bool m_at_line_start = true;
    bool m_eof_in_brackets = false;
    bool m_error_deferred = false;
    std::optional<compiler::SyntaxErrorInfo> m_error;
    std::vector<compiler::SyntaxErrorInfo> m_warnings;
};

// The identifier a NAME token stands for: NFKC-normalised as CPython's parser does
// (ASCII names as they are).
std::string normalize_identifier(std::string_view word);

// Decodes one UTF-8 sequence at `s[i]`; returns the code point and sets `len` (1 for an
// invalid byte, which is returned as is).
uint32_t decode_utf8(std::string_view s, size_t i, int& len);
// Appends the UTF-8 (generalized: surrogates allowed) encoding of `cp` to `out`.
void append_utf8(std::string& out, uint32_t cp);

// Source bytes are not checked as a whole: as in CPython, invalid UTF-8 is an error where
// a token is decoded (an identifier, a string literal), and passes in comments.
// The message of Python's strict UTF-8 decoder for the first invalid sequence of `s`
// ("'utf-8' codec can't decode byte 0xff in position 3: invalid start byte"), or ""
// when `s` is valid.
std::string utf8_error(std::string_view s);
// `s` with each invalid sequence replaced by U+FFFD, as decoding with errors="replace".
std::string utf8_replace_invalid(std::string_view s);
// The characters in `s` as CPython counts them for error offsets: one per valid UTF-8
// sequence, one per byte of an invalid one.
int utf8_char_count(std::string_view s);

} // namespace slpy::parser
