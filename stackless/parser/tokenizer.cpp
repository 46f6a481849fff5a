// Python 3.11 tokenizer (see tokenizer.h for the contract).
#include "stackless/parser/tokenizer.h"

#include "objects/unicode/ucd.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace slpy::parser {

namespace {

constexpr int k_max_level = 200;  // CPython's MAXLEVEL: bracket nesting limit
constexpr int k_max_indent = 100; // CPython's MAXINDENT
constexpr int k_eof = -1;

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_ident_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128; }
bool is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }

constexpr std::array<std::string_view, 35> k_keywords = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
};

} // namespace

bool is_keyword(std::string_view word)
{
    return std::find(k_keywords.begin(), k_keywords.end(), word) != k_keywords.end();
}

uint32_t decode_utf8(std::string_view s, size_t i, int& len)
{
    len = 1;
    if (i >= s.size()) return 0;
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return b0;
    int n = 0;
    uint32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) { n = 1; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { n = 2; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { n = 3; cp = b0 & 0x07; }
    else return b0;
    if (i + n >= s.size()) return b0;
    for (int k = 1; k <= n; ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return b0;
        cp = (cp << 6) | (b & 0x3F);
    }
    len = n + 1;
    return cp;
}

std::string normalize_identifier(std::string_view word)
{
    for (char c : word) {
        if (static_cast<unsigned char>(c) >= 0x80) return ucd::normalize_utf8(ucd::NormForm::NFKC, word);
    }
    return std::string(word);
}

namespace {

// The first sequence of `s` Python's strict UTF-8 decoder rejects: its offset (npos
// when none) and length, and the decoder's reason.
size_t find_invalid_utf8(std::string_view s, char const*& reason, size_t& bad_len)
{
    for (size_t i = 0; i < s.size();) {
        auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) { ++i; continue; }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) n = 1;
        else if (b0 == 0xE0) { n = 2; lo = 0xA0; }
        else if (b0 >= 0xE1 && b0 <= 0xEC) n = 2;
        else if (b0 == 0xED) { n = 2; hi = 0x9F; }
        else if (b0 >= 0xEE && b0 <= 0xEF) n = 2;
        else if (b0 == 0xF0) { n = 3; lo = 0x90; }
        else if (b0 >= 0xF1 && b0 <= 0xF3) n = 3;
        else if (b0 == 0xF4) { n = 3; hi = 0x8F; }
        else { reason = "invalid start byte"; bad_len = 1; return i; }
        for (size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) { reason = "unexpected end of data"; bad_len = k; return i; }
            auto b = static_cast<unsigned char>(s[i + k]);
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
                reason = "invalid continuation byte";
                bad_len = k;
                return i;
            }
        }
        i += n + 1;
    }
    return std::string_view::npos;
}

} // namespace

std::string utf8_error(std::string_view s)
{
    char const* reason = "";
    size_t len = 0;
    size_t bad = find_invalid_utf8(s, reason, len);
    if (bad == std::string_view::npos) return {};
    char buf[160];
    if (len <= 1) {
        std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                      static_cast<unsigned char>(s[bad]), bad, reason);
    } else {
        std::snprintf(buf, sizeof buf, "'utf-8' codec can't decode bytes in position %zu-%zu: %s", bad, bad + len - 1, reason);
    }
    return buf;
}

std::string utf8_replace_invalid(std::string_view s)
{
    std::string out;
    for (;;) {
        char const* reason = "";
        size_t len = 0;
        size_t bad = find_invalid_utf8(s, reason, len);
        if (bad == std::string_view::npos) break;
        out.append(s.substr(0, bad));
        out += "\xEF\xBF\xBD";
        s.remove_prefix(bad + len);
    }
    out.append(s);
    return out;
}

int utf8_char_count(std::string_view s)
{
    int chars = 0;
    for (;;) {
        char const* reason = "";
        size_t len = 0;
        size_t bad = find_invalid_utf8(s, reason, len);
        std::string_view valid = s.substr(0, bad);
        for (char c : valid) {
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
        }
        if (bad == std::string_view::npos) return chars;
        chars += static_cast<int>(len);
        s.remove_prefix(bad + len);
    }
}

void append_utf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

Tokenizer::Tokenizer(std::string_view source, int first_line, int first_col)
    : m_src(source), m_first_line(first_line), m_first_col(first_col)
{
    m_line_starts.push_back(0);
    for (size_t i = 0; i < m_src.size(); ++i) {
        if (m_src[i] == '\n' && i + 1 < m_src.size()) m_line_starts.push_back(i + 1);
    }
}

int Tokenizer::peek(size_t ahead) const
{
    size_t i = m_pos + ahead;
    return i < m_src.size() ? static_cast<unsigned char>(m_src[i]) : k_eof;
}

int Tokenizer::line_of(size_t offset) const
{
    auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
    return static_cast<int>(it - m_line_starts.begin());
}

int Tokenizer::col_of(size_t offset) const
{
    int line = line_of(offset);
    return static_cast<int>(offset - m_line_starts[line - 1]);
}

std::string_view Tokenizer::local_line_text(int local) const
{
    if (local < 1 || local > line_count()) return {};
    size_t start = m_line_starts[local - 1];
    size_t end = m_src.find('\n', start);
    if (end == std::string_view::npos) end = m_src.size();
    return m_src.substr(start, end - start);
}

std::string_view Tokenizer::line_text(int lineno) const
{
    return local_line_text(lineno - m_first_line + 1);
}

int Tokenizer::char_offset(int local, int byte_col) const
{
    std::string_view line = local_line_text(local);
    int n = std::min<int>(byte_col, static_cast<int>(line.size()));
    int chars = utf8_char_count(line.substr(0, static_cast<size_t>(std::max(n, 0))));
    if (byte_col > n) chars += byte_col - n;
    return chars + 1;
}

void Tokenizer::fill_error(compiler::SyntaxErrorInfo& err, std::string_view type, std::string msg,
                           int lineno, int byte_col, int end_lineno, int end_byte_col) const
{
    auto to_offset = [&](int line, int col) {
        if (col < 0) return col;
        int local = line - m_first_line + 1;
        if (local == 1) col = std::max(0, col - m_first_col);
        return char_offset(local, col);
    };
    err.type = std::string(type);
    err.msg = std::move(msg);
    err.lineno = lineno;
    err.offset = to_offset(lineno, byte_col);
    err.end_lineno = end_lineno;
    err.end_offset = to_offset(end_lineno, end_byte_col);
    err.text = std::string(line_text(lineno));
}

void Tokenizer::push(TokenKind kind, size_t start, size_t end)
{
    Token t;
    t.kind = kind;
    t.text = m_src.substr(start, end - start);
    int line = line_of(start);
    int end_line = end > start ? line_of(end - 1) : line;
    int col = static_cast<int>(start - m_line_starts[line - 1]);
    int end_col = static_cast<int>(end - m_line_starts[end_line - 1]);
    t.lineno = ext_line(line);
    t.col = ext_col(line, col);
    t.end_lineno = ext_line(end_line);
    t.end_col = ext_col(end_line, end_col);
    t.level = static_cast<int>(m_brackets.size());
    m_tokens.push_back(t);
}

// Reports an error the way CPython's tokenizer `syntaxerror()` does: `cur` is the byte
// offset just after the offending character, and the offset is the number of characters
// from the line start to `cur`.
bool Tokenizer::fail(std::string msg, size_t cur, std::string_view type)
{
    int line = line_of(cur > 0 ? cur - 1 : 0);
    int offset = char_offset(line, static_cast<int>(cur - m_line_starts[line - 1])) - 1;
    return fail_at(std::move(msg), line, offset, offset, type);
}

void Tokenizer::warn(std::string msg, size_t cur)
{
    int line = line_of(cur > 0 ? cur - 1 : 0);
    int offset = char_offset(line, static_cast<int>(cur - m_line_starts[line - 1])) - 1;
    compiler::SyntaxErrorInfo w;
    w.type = "SyntaxWarning";
    w.msg = std::move(msg);
    w.lineno = w.end_lineno = ext_line(line);
    w.offset = w.end_offset = offset;
    w.text = std::string(local_line_text(line));
    m_warnings.push_back(std::move(w));
}

// Records an error on local line `line` with final (CPython-form) offsets. Errors of
// another type than SyntaxError are always `deferred` (see error_deferred()).
bool Tokenizer::fail_at(std::string msg, int line, int offset, int end_offset, std::string_view type, bool deferred)
{
    m_error_deferred = deferred || type != "SyntaxError";
    compiler::SyntaxErrorInfo err;
    err.type = std::string(type);
    err.msg = std::move(msg);
    err.lineno = err.end_lineno = ext_line(line);
    err.offset = offset;
    err.end_offset = end_offset;
    err.text = std::string(local_line_text(line));
    m_error = std::move(err);
    Token t;
    t.kind = TokenKind::ErrorToken;
    t.lineno = t.end_lineno = ext_line(line);
    t.col = t.end_col = ext_col(line, 0);
    t.level = static_cast<int>(m_brackets.size());
    m_tokens.push_back(t);
    return false;
}

// Processes the indentation at the start of a physical line (outside brackets). Sets
// `blank` for lines holding only whitespace and/or a comment. Emits INDENT/DEDENT.
bool Tokenizer::handle_indentation(size_t line_start, bool& blank)
{
    int col = 0;
    int alt = 0;
    // As CPython's tokenizer: backslash continuations may sit in the indentation, and
    // the column of the first one found after some whitespace is the indentation of
    // what follows (0 counts as none found).
    int cont_line_col = 0;
    size_t p = line_start;
    for (;; ++p) {
        int c = p < m_src.size() ? static_cast<unsigned char>(m_src[p]) : k_eof;
        if (c == ' ') { ++col; ++alt; }
        else if (c == '\t') { col = (col / 8 + 1) * 8; ++alt; }
        else if (c == '\f') { col = alt = 0; }
        else if (c == '\\' && p + 2 < m_src.size() && m_src[p + 1] == '\n') {
            cont_line_col = cont_line_col ? cont_line_col : col;
            ++p; // the newline; the errors (another character, EOF) are run()'s
        }
        else break;
    }
    if (cont_line_col) col = alt = cont_line_col;
    m_pos = p;
    int c = peek();
    if (c == '\\' && peek(1) != '\n' && peek(1) != k_eof) {
        // CPython reads a backslash here with the indentation: another character after it
        // is an error before any INDENT.
        int line = line_of(m_pos);
        int err_col = char_offset(line, col_of(m_pos) + 1);
        m_pos += 2;
        return fail_at("unexpected character after line continuation character", line, err_col, 0, "SyntaxError", true);
    }
    blank = (c == '#' || c == '\n' || c == '\\' || c == k_eof);
    if (c == '\\') {
        // A line holding only a backslash continuation is not blank in CPython if
        // something follows on the next line; treat it as not blank.
        blank = false;
    }
    if (blank || !m_brackets.empty()) return true;
    int line = line_of(m_pos);
    int width = static_cast<int>(m_pos - m_line_starts[line - 1]);
    if (col == m_indents.back()) {
        if (alt != m_alt_indents.back()) {
            return fail_at("inconsistent use of tabs and spaces in indentation", line, 1, 0, "TabError");
        }
    } else if (col > m_indents.back()) {
        if (static_cast<int>(m_indents.size()) >= k_max_indent) {
            return fail_at("too many levels of indentation", line, 1, 0, "IndentationError");
        }
        if (alt <= m_alt_indents.back()) {
            return fail_at("inconsistent use of tabs and spaces in indentation", line, 1, 0, "TabError");
        }
        m_indents.push_back(col);
        m_alt_indents.push_back(alt);
        Token t;
        t.kind = TokenKind::Indent;
        t.lineno = t.end_lineno = ext_line(line);
        t.col = t.end_col = ext_col(line, width);
        m_tokens.push_back(t);
    } else {
        int dedents = 0;
        while (m_indents.size() > 1 && col < m_indents.back()) {
            m_indents.pop_back();
            m_alt_indents.pop_back();
            ++dedents;
        }
        if (col != m_indents.back()) {
            // CPython reports this at the end of the offending line.
            std::string_view text = local_line_text(line);
            int offset = char_offset(line, static_cast<int>(text.size()));
            return fail_at("unindent does not match any outer indentation level", line, offset, -1,
                           "IndentationError");
        }
        if (alt != m_alt_indents.back()) {
            return fail_at("inconsistent use of tabs and spaces in indentation", line, 1, 0, "TabError");
        }
        for (int i = 0; i < dedents; ++i) {
            Token t;
            t.kind = TokenKind::Dedent;
            t.lineno = t.end_lineno = ext_line(line);
            t.col = t.end_col = ext_col(line, width);
            m_tokens.push_back(t);
        }
    }
    return true;
}

// As CPython's verify_identifier: the raw characters (before NFKC) must form an
// identifier, XID_Start (or '_') then XID_Continue.
bool Tokenizer::check_identifier(size_t start, size_t end)
{
    std::string undecodable = utf8_error(m_src.substr(start, end - start));
    if (!undecodable.empty()) {
        int line = line_of(start);
        int offset = char_offset(line, static_cast<int>(end - m_line_starts[line - 1])) - 1;
        fail_at("(unicode error) " + undecodable, line, offset, -1);
        m_error->text += '\n'; // CPython shows the tokenizer's buffer here, newline included
        return false;
    }
    for (size_t i = start; i < end;) {
        int len = 1;
        uint32_t cp = decode_utf8(m_src, i, len);
        if (cp >= 128 && !(i == start ? ucd::is_identifier_start(cp) : ucd::is_identifier_continue(cp))) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "%04X", cp);
            std::string msg;
            if (ucd::is_printable(cp)) {
                msg = "invalid character '" + std::string(m_src.substr(i, len)) + "' (U+" + hex + ")";
            } else {
                msg = std::string("invalid non-printable character U+") + hex;
            }
            return fail(std::move(msg), i + len);
        }
        i += len;
    }
    return true;
}

bool Tokenizer::lex_name(size_t start)
{
    bool nonascii = false;
    while (is_ident_char(peek())) {
        if (peek() >= 128) nonascii = true;
        ++m_pos;
    }
    if (nonascii && !check_identifier(start, m_pos)) return false;
    push(TokenKind::Name, start, m_pos);
    return true;
}

// Numbers follow CPython's tokenizer: the literal is scanned greedily and must not be
// directly followed by an identifier character (except the keywords that may follow a
// number in valid code: and, else, for, if, in, is, not, or).
bool Tokenizer::lex_number(size_t start)
{
    auto next = [&]() -> int { int c = peek(); if (m_pos < m_src.size()) ++m_pos; return c; };
    auto backup = [&](int c) { if (c != k_eof && m_pos > 0) --m_pos; };
    auto lookahead = [&](std::string_view s) {
        for (size_t i = 0; i < s.size(); ++i) {
            if (peek(i) != static_cast<unsigned char>(s[i])) return false;
        }
        return true;
    };
    // `c` has been consumed; returns false (after reporting) if the number is followed
    // by an identifier character.
    auto verify_end = [&](int c, char const* kind) -> bool {
        // CPython's lookahead(): the keyword's rest, then no identifier character (except
        // after an 'i', where one more letter f, n or s is enough).
        auto keyword_rest = [&](std::string_view rest) {
            return lookahead(rest) && !is_ident_char(peek(rest.size()));
        };
        bool ok_keyword = false;
        if (c == 'a') ok_keyword = keyword_rest("nd");
        else if (c == 'e') ok_keyword = keyword_rest("lse");
        else if (c == 'f') ok_keyword = keyword_rest("or");
        else if (c == 'i') ok_keyword = peek() == 'f' || peek() == 'n' || peek() == 's';
        else if (c == 'o') ok_keyword = keyword_rest("r");
        else if (c == 'n') ok_keyword = keyword_rest("ot");
        if (ok_keyword) {
            // Valid code may follow a number with these keywords; CPython warns.
            warn(std::string("invalid ") + kind + " literal", m_pos - 1);
            return true;
        }
        // A non-ASCII character starts the next token instead (CPython checks c < 128).
        if (c != k_eof && c < 128 && is_ident_char(c)) {
            backup(c);
            fail(std::string("invalid ") + kind + " literal", m_pos);
            return false;
        }
        return true;
    };
    // Scans the rest of a run of decimal digits with single underscores between them.
    // Returns the first character after it (consumed), or -2 after reporting an error.
    auto decimal_tail = [&]() -> int {
        int c;
        for (;;) {
            do { c = next(); } while (is_digit(c));
            if (c != '_') break;
            c = next();
            if (!is_digit(c)) {
                backup(c);
                fail("invalid decimal literal", m_pos);
                return -2;
            }
        }
        return c;
    };
    auto finish = [&](int c) {
        backup(c);
        push(TokenKind::Number, start, m_pos);
        return true;
    };
    auto radix = [&](char const* kind, auto is_radix_digit, bool digit_error) -> bool {
        int c = next();
        do {
            if (c == '_') c = next();
            if (!is_radix_digit(c)) {
                if (digit_error && is_digit(c)) {
                    return fail(std::string("invalid digit '") + static_cast<char>(c) + "' in " + kind + " literal", m_pos);
                }
                backup(c);
                return fail(std::string("invalid ") + kind + " literal", m_pos);
            }
            do { c = next(); } while (is_radix_digit(c));
        } while (c == '_');
        if (digit_error && is_digit(c)) {
            return fail(std::string("invalid digit '") + static_cast<char>(c) + "' in " + kind + " literal", m_pos);
        }
        if (!verify_end(c, kind)) return false;
        return finish(c);
    };

    // States of the decimal/float scanner.
    enum class Part { Fraction, Exponent, Imaginary, Done };
    int c = next();
    Part part = Part::Done;
    if (c == '.') {
        // ".5": the caller saw a digit after the dot.
        c = next();
        part = Part::Fraction;
    } else if (c == '0') {
        c = next();
        if (c == 'x' || c == 'X') return radix("hexadecimal", is_xdigit, false);
        if (c == 'o' || c == 'O') return radix("octal", [](int d) { return d >= '0' && d <= '7'; }, true);
        if (c == 'b' || c == 'B') return radix("binary", [](int d) { return d == '0' || d == '1'; }, true);
        bool nonzero = false;
        for (;;) {
            if (c == '_') {
                c = next();
                if (!is_digit(c)) {
                    backup(c);
                    return fail("invalid decimal literal", m_pos);
                }
            }
            if (c != '0') break;
            c = next();
        }
        size_t zeros_end = m_pos;
        if (is_digit(c)) {
            nonzero = true;
            c = decimal_tail();
            if (c == -2) return false;
        }
        if (c == '.') { c = next(); part = Part::Fraction; }
        else if (c == 'e' || c == 'E') part = Part::Exponent;
        else if (c == 'j' || c == 'J') part = Part::Imaginary;
        else if (nonzero) {
            backup(c);
            int line = line_of(start);
            int col = static_cast<int>(start - m_line_starts[line - 1]);
            int zcol = static_cast<int>(zeros_end - m_line_starts[line - 1]);
            return fail_at("leading zeros in decimal integer literals are not permitted; "
                           "use an 0o prefix for octal integers",
                           line, char_offset(line, col), char_offset(line, zcol) - 1);
        } else {
            if (!verify_end(c, "decimal")) return false;
            return finish(c);
        }
    } else {
        backup(c);
        c = decimal_tail();
        if (c == -2) return false;
        if (c == '.') { c = next(); part = Part::Fraction; }
        else if (c == 'e' || c == 'E') part = Part::Exponent;
        else if (c == 'j' || c == 'J') part = Part::Imaginary;
        else {
            if (!verify_end(c, "decimal")) return false;
            return finish(c);
        }
    }
    if (part == Part::Fraction) {
        if (is_digit(c)) {
            backup(c);
            c = decimal_tail();
            if (c == -2) return false;
        }
        if (c == 'e' || c == 'E') part = Part::Exponent;
        else if (c == 'j' || c == 'J') part = Part::Imaginary;
        else part = Part::Done;
    }
    if (part == Part::Exponent) {
        int e = c;
        c = next();
        if (c == '+' || c == '-') {
            c = next();
            if (!is_digit(c)) {
                backup(c);
                return fail("invalid decimal literal", m_pos);
            }
        } else if (!is_digit(c)) {
            backup(c);
            if (!verify_end(e, "decimal")) return false;
            // "1else": the 'e' starts the keyword.
            backup(e);
            push(TokenKind::Number, start, m_pos);
            return true;
        }
        backup(c);
        c = decimal_tail();
        if (c == -2) return false;
        part = (c == 'j' || c == 'J') ? Part::Imaginary : Part::Done;
    }
    if (part == Part::Imaginary) {
        c = next();
        if (!verify_end(c, "imaginary")) return false;
        return finish(c);
    }
    if (!verify_end(c, "decimal")) return false;
    return finish(c);
}

// Scans a string literal whose prefix starts at `start` and whose opening quote is at
// `quote`. The token text is the whole literal, prefix and quotes included.
bool Tokenizer::lex_string(size_t start, size_t quote_pos)
{
    char quote = m_src[quote_pos];
    m_pos = quote_pos + 1;
    int quote_size = 1;
    int end_quote_size = 0;
    if (peek() == quote) {
        if (peek(1) == quote) {
            quote_size = 3;
            m_pos += 2;
        } else {
            ++m_pos;
            end_quote_size = 1; // empty string
        }
    }
    while (end_quote_size != quote_size) {
        int c = peek();
        if (c == k_eof || (quote_size == 1 && c == '\n')) {
            int detected = line_of(c == k_eof ? (m_src.empty() ? 0 : m_src.size() - 1) : m_pos);
            std::string msg = quote_size == 3 ? "unterminated triple-quoted string literal" : "unterminated string literal";
            msg += " (detected at line " + std::to_string(ext_line(detected)) + ")";
            return fail(std::move(msg), start + 1);
        }
        ++m_pos;
        if (c == quote) {
            ++end_quote_size;
        } else {
            end_quote_size = 0;
            if (c == '\\' && m_pos < m_src.size()) ++m_pos; // skip the escaped character
        }
    }
    push(TokenKind::String, start, m_pos);
    return true;
}

bool Tokenizer::lex_operator(size_t start)
{
    static constexpr std::array<std::string_view, 5> three = {"**=", "...", "//=", ">>=", "<<="};
    static constexpr std::array<std::string_view, 21> two = {
        "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=",
        "<<", "<=", "<>", "==", ">=", ">>", "@=", "^=", "|=", "=="};
    std::string_view rest = m_src.substr(start, std::min<size_t>(3, m_src.size() - start));
    size_t len = 1;
    if (rest.size() >= 3 && std::find(three.begin(), three.end(), rest.substr(0, 3)) != three.end()) {
        len = 3;
    } else if (rest.size() >= 2 && std::find(two.begin(), two.end(), rest.substr(0, 2)) != two.end()) {
        len = 2;
    }
    char c = m_src[start];
    m_pos = start + len;
    if (len == 1 && (c == '(' || c == '[' || c == '{')) {
        if (static_cast<int>(m_brackets.size()) >= k_max_level) {
            return fail("too many nested parentheses", m_pos);
        }
        int line = line_of(start);
        m_brackets.push_back({c, ext_line(line), ext_col(line, col_of(start))});
    } else if (len == 1 && (c == ')' || c == ']' || c == '}')) {
        if (m_brackets.empty()) {
            return fail(std::string("unmatched '") + c + "'", m_pos);
        }
        OpenBracket open = m_brackets.back();
        m_brackets.pop_back();
        char expected = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
        if (c != expected) {
            std::string msg = std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + open.ch + "'";
            if (open.lineno != ext_line(line_of(start))) msg += " on line " + std::to_string(open.lineno);
            return fail(std::move(msg), m_pos); // with `open` closed, as CPython's paren stack
        }
    }
    push(TokenKind::Op, start, m_pos);
    return true;
}

bool Tokenizer::run()
{
    m_pos = 0;
    bool line_start = true;
    bool blank = false;
    size_t comment_start = std::string_view::npos; // a comment before the next '\n'
    for (;;) {
        if (line_start) {
            line_start = false;
            if (!handle_indentation(m_pos, blank)) return false;
        }
        int c = peek();
        // Skip spaces between tokens.
        while (c == ' ' || c == '\t' || c == '\f') {
            ++m_pos;
            c = peek();
        }
        size_t start = m_pos;
        if (c == k_eof) break;
        if (c == '#') {
            comment_start = start;
            while (peek() != '\n' && peek() != k_eof) ++m_pos;
            continue;
        }
        if (c == '\n') {
            ++m_pos;
            line_start = true;
            bool emit = !blank && m_brackets.empty();
            // After a comment, CPython's NEWLINE token starts at the '#'.
            size_t nl_start = comment_start != std::string_view::npos ? comment_start : start;
            comment_start = std::string_view::npos;
            if (emit && !m_tokens.empty() && m_tokens.back().kind != TokenKind::Newline &&
                m_tokens.back().kind != TokenKind::Dedent && m_tokens.back().kind != TokenKind::Indent) {
                push(TokenKind::Newline, nl_start, start);
            } else if (emit && !m_tokens.empty() && m_tokens.back().kind != TokenKind::Newline) {
                push(TokenKind::Newline, nl_start, start);
            }
            blank = false;
            continue;
        }
        if (c == '\\') {
            if (peek(1) != '\n') {
                m_pos += 2;
                int line = line_of(start);
                return fail_at("unexpected character after line continuation character", line,
                               char_offset(line, col_of(start) + 1), 0, "SyntaxError", true);
            }
            if (start + 2 >= m_src.size()) {
                // The end of the input after a continuation: inside brackets CPython
                // reports the bracket never closed (see the end of the input below).
                if (!m_brackets.empty()) {
                    m_pos = m_src.size();
                    break;
                }
                int line = line_of(start);
                return fail_at("unexpected EOF while parsing", line, char_offset(line, col_of(start) + 1), -1,
                               "SyntaxError", true);
            }
            m_continued_lines.push_back(ext_line(line_of(start)));
            m_pos += 2;
            continue;
        }
        if (is_ident_start(c)) {
            // String prefixes: any order/case of b, r, u, f (u alone, no ur, no bu, no fb).
            bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
            size_t p = m_pos;
            for (;;) {
                int d = p < m_src.size() ? static_cast<unsigned char>(m_src[p]) : k_eof;
                if (!(saw_b || saw_u || saw_f) && (d == 'b' || d == 'B')) saw_b = true;
                else if (!(saw_b || saw_u || saw_r || saw_f) && (d == 'u' || d == 'U')) saw_u = true;
                else if (!(saw_r || saw_u) && (d == 'r' || d == 'R')) saw_r = true;
                else if (!(saw_f || saw_b || saw_u) && (d == 'f' || d == 'F')) saw_f = true;
                else break;
                ++p;
                if (p < m_src.size() && (m_src[p] == '"' || m_src[p] == '\'')) {
                    if (!lex_string(start, p)) return false;
                    goto next_token;
                }
            }
            if (!lex_name(start)) return false;
            continue;
        }
        if (c == '"' || c == '\'') {
            if (!lex_string(start, start)) return false;
            continue;
        }
        if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
            if (!lex_number(start)) return false;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            // Control characters other than the whitespace handled above.
            char hex[16];
            std::snprintf(hex, sizeof hex, "%04X", c);
            return fail(std::string("invalid non-printable character U+") + hex, start + 1);
        }
        if (!lex_operator(start)) return false;
    next_token:;
    }
    // End of input.
    if (!m_brackets.empty()) {
        m_eof_in_brackets = true;
        Token t;
        t.kind = TokenKind::ErrorToken;
        t.lineno = t.end_lineno = ext_line(line_count() + 1);
        t.level = static_cast<int>(m_brackets.size());
        m_tokens.push_back(t);
        return false;
    }
    int eof_line = ext_line(line_count() + (m_src.empty() || m_src.back() == '\n' ? 1 : 0));
    if (!m_tokens.empty() && m_tokens.back().kind != TokenKind::Newline && m_tokens.back().kind != TokenKind::Dedent) {
        Token t;
        t.kind = TokenKind::Newline;
        t.lineno = t.end_lineno = m_tokens.back().end_lineno;
        t.col = t.end_col = m_tokens.back().end_col;
        m_tokens.push_back(t);
    }
    while (m_indents.size() > 1) {
        m_indents.pop_back();
        Token t;
        t.kind = TokenKind::Dedent;
        t.lineno = t.end_lineno = eof_line;
        m_tokens.push_back(t);
    }
    Token t;
    t.kind = TokenKind::EndMarker;
    t.lineno = t.end_lineno = eof_line;
    m_tokens.push_back(t);
    return true;
}

} // namespace slpy::parser
