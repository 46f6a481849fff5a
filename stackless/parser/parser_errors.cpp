// How the parser reports syntax errors, after CPython 3.11's Parser/pegen_errors.c.
//
// Positions follow CPython's conventions: a column passed to raise_known() is a byte
// offset plus one (CPython adds one to a token's col_offset), 0 for a token that has no
// column (INDENT, DEDENT, ENDMARKER); an end column of -1 means none. The offsets of the
// SyntaxError are character counts into the line shown with the error, which CPython
// takes from the file being compiled, else from the tokenizer's buffer (see error_line).
#include "stackless/parser/parser_impl.h"

#include <algorithm>
#include <cstdio>

namespace slpy::parser {

namespace {

// Line `lineno` (1-based) of the file `path`, with its newline; empty if there is none.
// CPython shows this line for errors in 'exec' source (_PyErr_ProgramDecodedTextObject).
std::string file_line(std::string const& path, int lineno)
{
    if (path.empty() || lineno <= 0) return {};
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {};
    // Read with universal newlines: "\r\n" and "\r" end a line as '\n' does.
    std::string line;
    int current = 1;
    for (int c; (c = std::fgetc(f)) != EOF;) {
        if (c == '\r') {
            int next = std::fgetc(f);
            if (next != '\n' && next != EOF) std::ungetc(next, f);
            c = '\n';
        }
        if (current == lineno) line.push_back(static_cast<char>(c));
        if (c == '\n' && ++current > lineno) break;
    }
    std::fclose(f);
    return line;
}

// CPython's _PyPegen_byte_offset_to_character_offset: the number of characters in the
// first `col` bytes of `text` (clamped to its length plus one, which counts one more).
int char_count(std::string_view text, int col)
{
    int len = static_cast<int>(text.size());
    int n = std::min(col, len + 1);
    int chars = n > len ? 1 : 0;
    return chars + utf8_char_count(text.substr(0, static_cast<size_t>(std::max(0, std::min(n, len)))));
}

} // namespace

void Parser::fail() const
{
    ParseError e;
    e.kind = ParseError::Kind::Fail;
    throw e;
}

Token const& Parser::last_fetched() const
{
    return m_toks[std::min(m_max_pos, m_toks.size() - 1)];
}

bool Parser::at_eof(Token const& t) const
{
    if (t.kind != TokenKind::EndMarker && t.kind != TokenKind::Dedent &&
        !(t.kind == TokenKind::Newline && m_options.virtual_final_newline)) {
        return false;
    }
    for (size_t i = static_cast<size_t>(&t - m_toks.data()) + 1; i < m_toks.size(); ++i) {
        if (m_toks[i].kind != TokenKind::Dedent && m_toks[i].kind != TokenKind::EndMarker) return false;
    }
    return true;
}

bool Parser::has_no_column(Token const& t) const
{
    return t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent || t.kind == TokenKind::EndMarker || at_eof(t);
}

int Parser::last_line() const
{
    return m_tz.first_line() + m_tz.line_count() - 1;
}

int Parser::tokenizer_line(Token const& t) const
{
    if (at_eof(t)) return last_line();
    if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent || t.kind == TokenKind::Newline) return t.lineno;
    return t.end_lineno;
}

// The tokenizer's column after fetching `t` (CPython's tok->cur - tok->line_start).
int Parser::tokenizer_col(Token const& t) const
{
    if (at_eof(t)) {
        if (m_tz.line_count() == 0 || m_options.from_file) return 0;
        return static_cast<int>(m_tz.line_text(last_line()).size()) + (m_options.virtual_final_newline ? 0 : 1);
    }
    if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent) return t.col; // past the indentation
    if (t.kind == TokenKind::Newline) return t.end_col + 1;                       // past the '\n'
    return t.end_col;
}

// CPython's tokenizer keeps the lines of a token in its buffer: a line ending inside a
// string, or in a backslash continuation, is still there when the next one is read. A
// backslash in the indentation of a line that begins anew is read with the indentation,
// the buffer starting afresh on the next line.
bool Parser::line_continues(int k) const
{
    bool in_string = false;
    bool any_token = false;
    size_t from = 0;
    for (Token const& t : m_toks) {
        if (t.kind == TokenKind::String && t.lineno <= k && k < t.end_lineno) in_string = true;
        if (t.end_lineno == k && t.kind != TokenKind::Newline && t.kind != TokenKind::Indent &&
            t.kind != TokenKind::Dedent) {
            from = std::max(from, static_cast<size_t>(t.end_col));
            any_token = true;
        }
    }
    if (in_string) return true;
    std::string_view text = m_tz.line_text(k);
    if (text.empty() || text.back() != '\\') return false;
    if (!any_token) return k > m_tz.first_line() && line_continues(k - 1);
    if (k == m_tz.first_line()) from = from >= static_cast<size_t>(m_tz.first_col()) ? from - m_tz.first_col() : 0;
    return text.find('#', std::min(from, text.size())) == std::string_view::npos;
}

int Parser::buffer_start(int line) const
{
    while (line > m_tz.first_line() && line_continues(line - 1)) --line;
    return line;
}

std::string Parser::error_line(int lineno, int current) const
{
    if (m_options.file_input) {
        std::string line = file_line(m_options.filename, lineno);
        if (!line.empty()) return line;
    }
    if (current <= lineno) {
        // The tokenizer's buffer: the current line, and the lines it continues.
        std::string text;
        for (int k = buffer_start(current); k <= current; ++k) {
            text += m_tz.line_text(k);
            if (!(m_options.virtual_final_newline && k == last_line())) text += '\n';
        }
        return text;
    }
    return std::string(m_tz.line_text(lineno));
}

compiler::SyntaxErrorInfo Parser::error_info(std::string_view type, std::string msg, int lineno, int col, int end_lineno,
                                             int end_col, int current_line) const
{
    compiler::SyntaxErrorInfo info;
    info.type = std::string(type);
    info.msg = std::move(msg);
    if (m_fstring_level > 0) info.msg.insert(0, "f-string: ");
    info.text = error_line(lineno, current_line > 0 ? current_line : tokenizer_line(last_fetched()));
    // An f-string field's first line is shifted to the field's place in the literal;
    // CPython reports columns relative to the field's own text.
    auto local = [&](int line, int c) {
        if (line == m_tz.first_line() && c > 0) c = std::max(0, c - m_tz.first_col());
        return c;
    };
    info.lineno = lineno;
    info.end_lineno = end_lineno;
    if (m_options.byte_offsets) {
        info.offset = col;
        info.end_offset = end_col;
        return info;
    }
    info.offset = char_count(info.text, local(lineno, col));
    // The end is counted in the error's line too, whatever line it is on (as CPython).
    info.end_offset = end_col > 0 ? char_count(info.text, local(end_lineno, end_col)) : end_col;
    return info;
}

void Parser::raise_info(compiler::SyntaxErrorInfo info) const
{
    ParseError e;
    e.kind = ParseError::Kind::Raise;
    e.info = std::move(info);
    throw e;
}

void Parser::raise_known(std::string_view type, std::string msg, int lineno, int col, int end_lineno, int end_col) const
{
    raise_info(error_info(type, std::move(msg), lineno, col, end_lineno, end_col));
}

void Parser::raise_at_pos(std::string msg, int lineno, int col, int end_lineno, int end_col, std::string_view type) const
{
    raise_known(type, std::move(msg), lineno, col + 1, end_lineno, end_col + 1);
}

void Parser::raise_syntax(std::string msg, ast::Pos const& r, std::string_view type) const
{
    raise_known(type, std::move(msg), r.lineno, r.col_offset + 1, r.end_lineno, r.end_col_offset + 1);
}

compiler::SyntaxErrorInfo Parser::info_at_token(std::string msg, Token const& t) const
{
    if (has_no_column(t)) {
        int line = tokenizer_line(t);
        return error_info("SyntaxError", std::move(msg), line, 0, line, 0);
    }
    return error_info("SyntaxError", std::move(msg), t.lineno, t.col + 1, t.end_lineno, t.end_col + 1);
}

void Parser::raise_at_token(std::string msg, Token const& t) const
{
    raise_info(info_at_token(std::move(msg), t));
}

compiler::SyntaxErrorInfo Parser::info_here(std::string msg, std::string_view type) const
{
    Token const& t = last_fetched();
    if (has_no_column(t)) {
        // CPython: the tokenizer's column, past an indentation or at the end of the input.
        int line = tokenizer_line(t);
        return error_info(type, std::move(msg), line, tokenizer_col(t), line, -1);
    }
    return error_info(type, std::move(msg), t.lineno, t.col + 1, t.end_lineno, t.end_col + 1);
}

void Parser::raise_here(std::string msg, std::string_view type) const
{
    raise_info(info_here(std::move(msg), type));
}

void Parser::check_version(int minor, char const* what) const
{
    int version = m_options.feature_version;
    if (version >= 0 && version < minor)
        raise_here(std::string(what) + " only supported in Python 3." + std::to_string(minor) + " and greater");
}

void Parser::warn_at_token(std::string_view category, std::string msg, Token const& t) const
{
    if (!m_options.warnings)
        return;
    compiler::SyntaxErrorInfo w = info_at_token(std::move(msg), t);
    w.type = std::string(category);
    add_warning(std::move(w));
}

void Parser::add_warning(compiler::SyntaxErrorInfo w) const
{
    if (!m_options.warnings)
        return;
    for (compiler::SyntaxErrorInfo const& seen : *m_options.warnings)
        if (seen.msg == w.msg && seen.lineno == w.lineno && seen.offset == w.offset)
            return;
    m_options.warnings->push_back(std::move(w));
}

void Parser::raise_starting_from(std::string msg, ast::Pos const& start) const
{
    // The end is where the tokenizer stands: past the last token fetched.
    Token const& t = last_fetched();
    raise_known("SyntaxError", std::move(msg), start.lineno, start.col_offset + 1, tokenizer_line(t), tokenizer_col(t));
}

void Parser::raise_depth()
{
    Token const& t = tok();
    ParseError e;
    e.kind = ParseError::Kind::Final;
    m_tz.fill_error(e.info, "RecursionError", "maximum recursion depth exceeded during compilation", t.lineno, t.col,
                    t.end_lineno, t.end_col);
    throw e;
}

// CPython's raise_unclosed_parentheses_error, for the innermost bracket still open, once
// the tokenizer has stopped (at the end of the input or at its error).
compiler::SyntaxErrorInfo Parser::unclosed_bracket_error() const
{
    auto const& b = m_tz.open_brackets().back();
    int current = m_tz.error() ? m_tz.error()->lineno : last_line();
    std::string msg = "' was never closed";
    msg.insert(msg.begin(), b.ch);
    msg.insert(msg.begin(), '\'');
    return error_info("SyntaxError", std::move(msg), b.lineno, b.col + 1, b.lineno, 0, current);
}

void Parser::raise_tokenizer_error() const
{
    ParseError e;
    e.kind = ParseError::Kind::Tokenizer;
    if (m_tz.error()) {
        e.info = *m_tz.error();
        if (m_tz.error_deferred()) {
            // These CPython's parser reports itself (tokenizer_error), with its error line:
            // the tokenizer's buffer, from which the column counts too.
            e.info.text = error_line(e.info.lineno, e.info.lineno);
            size_t own_line = e.info.text.rfind('\n', e.info.text.size() >= 2 ? e.info.text.size() - 2 : 0);
            if (e.info.offset > 0 && own_line != std::string::npos && own_line + 1 < e.info.text.size()) {
                e.info.offset += char_count(std::string_view(e.info.text).substr(0, own_line + 1),
                                            static_cast<int>(own_line + 1));
            }
        }
    } else {
        // End of input inside brackets: an ERRORTOKEN without a message of its own.
        e.info = unclosed_bracket_error();
    }
    throw e;
}

ParseError Parser::generic_error(size_t last_pos) const
{
    Token const& t = m_toks[std::min(last_pos, m_toks.size() - 1)];
    ParseError e;
    if (t.kind == TokenKind::Indent || (t.kind == TokenKind::Dedent && !at_eof(t))) {
        // Reported as is, where the tokenizer now stands.
        e.kind = ParseError::Kind::Final;
        e.info = info_here(t.kind == TokenKind::Indent ? "unexpected indent" : "unexpected unindent", "IndentationError");
        return e;
    }
    // At the furthest token of the first pass: the second one may have looked further.
    e.info = info_at_token("invalid syntax", t);
    return finish_error(e);
}

ParseError Parser::finish_error(ParseError const& e) const
{
    ParseError out = e;
    out.kind = ParseError::Kind::Final;
    if (e.kind == ParseError::Kind::Tokenizer || e.kind == ParseError::Kind::Final) return out;
    if (!m_tz.error() && !m_tz.eof_in_brackets()) return out;
    // The tokenizer failed further on. An error it raises at once replaces the parser's;
    // else a bracket left open on a line before the furthest token (CPython's
    // p->tokens[p->fill - 1]) is reported instead.
    if (m_tz.error() && !m_tz.error_deferred()) {
        out.info = *m_tz.error();
        return out;
    }
    if (!m_tz.open_brackets().empty() && m_tz.open_brackets().back().lineno < last_fetched().lineno) {
        out.info = unclosed_bracket_error();
    }
    return out;
}

} // namespace slpy::parser
