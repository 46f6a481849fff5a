// Literals: numbers, string and bytes literals with their escape sequences, implicit
// concatenation of adjacent literals, and f-strings.
//
// F-strings follow CPython 3.11, where an f-string is a single STRING token: the literal
// text is scanned here, and each replacement field's expression is parsed by a nested
// Parser over the text "(" + expression + ")", whose token positions are shifted so
// that the nodes get the positions CPython 3.11 gives them.
#include "stackless/parser/parser_impl.h"

#include "objects/unicode/ucd.h"

#include <gmpxx.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <locale.h>
#include <optional>

namespace slpy::parser {

namespace {

// ---------------------------------------------------------------- numbers

double parse_double(std::string const& text)
{
    static locale_t c_locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
    return strtod_l(text.c_str(), nullptr, c_locale);
}

} // namespace

std::optional<std::string> int_literal_too_long(std::string_view text, int64_t limit)
{
    if (limit <= 0) return std::nullopt;
    // Only decimal ints convert through decimal digits (other bases are powers of two).
    if (text.size() > 1 && text[0] == '0' && std::isalpha(static_cast<unsigned char>(text[1]))) return std::nullopt;
    if (text.find_first_of(".eEjJ") != std::string_view::npos) return std::nullopt;
    int64_t digits = static_cast<int64_t>(text.size() - std::count(text.begin(), text.end(), '_'));
    if (digits <= limit) return std::nullopt;
    return "Exceeds the limit (" + std::to_string(limit) + " digits) for integer string conversion: value has " +
           std::to_string(digits) +
           " digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer "
           "literals to avoid decimal conversion limits.";
}

compiler::ConstValue number_value(std::string_view text)
{
    std::string clean;
    clean.reserve(text.size());
    for (char c : text) {
        if (c != '_') clean += c;
    }
    if (clean.empty()) return compiler::ConstValue::integer(0);
    char last = clean.back();
    if (last == 'j' || last == 'J') {
        clean.pop_back();
        return compiler::ConstValue::imaginary(parse_double(clean));
    }
    int base = 10;
    size_t start = 0;
    if (clean.size() > 1 && clean[0] == '0') {
        char p = static_cast<char>(tolower(static_cast<unsigned char>(clean[1])));
        if (p == 'x') base = 16;
        else if (p == 'o') base = 8;
        else if (p == 'b') base = 2;
        if (base != 10) start = 2;
    }
    if (base == 10 && clean.find_first_of(".eE") != std::string::npos) {
        return compiler::ConstValue::floating(parse_double(clean));
    }
    uint64_t value = 0;
    bool overflow = false;
    for (size_t i = start; i < clean.size(); ++i) {
        int d = isdigit(static_cast<unsigned char>(clean[i])) ? clean[i] - '0'
                                                              : tolower(static_cast<unsigned char>(clean[i])) - 'a' + 10;
        if (value > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) {
            overflow = true;
            break;
        }
        value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    if (!overflow && value <= static_cast<uint64_t>(INT64_MAX)) {
        return compiler::ConstValue::integer(static_cast<int64_t>(value));
    }
    mpz_class big;
    if (big.set_str(clean.substr(start), base) != 0) return compiler::ConstValue::integer(0);
    return compiler::ConstValue::big_integer(big.get_str(10));
}

namespace {

// ---------------------------------------------------------------- escapes

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes the escape sequences of a non-raw literal body. Returns false and sets `error`
// (CPython's message) on a malformed escape. `first_invalid` gets the offset of the
// character after the backslash of the first escape CPython warns about (an unknown
// escape kept as it is, an octal escape above 0o377), or npos.
bool decode_escapes(std::string_view body, bool is_bytes, std::string& out, std::string& error, size_t& first_invalid)
{
    first_invalid = std::string_view::npos;
    auto invalid = [&](size_t at) {
        if (first_invalid == std::string_view::npos) first_invalid = at;
    };
    out.reserve(body.size());
    auto codec_error = [&](size_t from, size_t to, char const* what) {
        char buf[200];
        if (to > from + 1) {
            std::snprintf(buf, sizeof buf, "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                          from, to - 1, what);
        } else {
            std::snprintf(buf, sizeof buf, "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position %zu: %s",
                          from, what);
        }
        error = buf;
        return false;
    };
    for (size_t i = 0; i < body.size();) {
        char c = body[i];
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        size_t esc = i;
        ++i;
        if (i >= body.size()) {
            if (is_bytes) {
                error = "(value error) Trailing \\ in string";
                return false;
            }
            // Only the literal part of an f-string before a '{' can end in a backslash
            // (f"\{x}"): CPython's decode_unicode_with_escapes keeps it as a character.
            out += '\\';
            invalid(i);
            break;
        }
        char e = body[i++];
        switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t v = static_cast<uint32_t>(e - '0');
            for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k) {
                v = v * 8 + static_cast<uint32_t>(body[i++] - '0');
            }
            if (v > 0377) invalid(esc + 1);
            if (is_bytes) out += static_cast<char>(v & 0xFF);
            else append_utf8(out, v);
            break;
        }
        case 'x': {
            int h1 = i < body.size() ? hex_value(body[i]) : -1;
            int h2 = i + 1 < body.size() ? hex_value(body[i + 1]) : -1;
            if (h1 < 0 || h2 < 0) {
                if (is_bytes) {
                    error = "(value error) invalid \\x escape at position " + std::to_string(esc);
                    return false;
                }
                size_t to = i + (h1 >= 0 ? 1 : 0);
                return codec_error(esc, to, "truncated \\xXX escape");
            }
            i += 2;
            uint32_t v = static_cast<uint32_t>(h1 * 16 + h2);
            if (is_bytes) out += static_cast<char>(v);
            else append_utf8(out, v);
            break;
        }
        case 'u':
        case 'U': {
            if (is_bytes) {
                out += '\\';
                out += e;
                invalid(esc + 1);
                break;
            }
            int n = e == 'u' ? 4 : 8;
            uint32_t v = 0;
            int k = 0;
            for (; k < n && i < body.size() && hex_value(body[i]) >= 0; ++k) v = v * 16 + static_cast<uint32_t>(hex_value(body[i++]));
            if (k < n) return codec_error(esc, i, e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
            if (v > 0x10FFFF) return codec_error(esc, i, "illegal Unicode character");
            append_utf8(out, v);
            break;
        }
        case 'N': {
            if (is_bytes) {
                out += "\\N";
                invalid(esc + 1);
                break;
            }
            if (i >= body.size() || body[i] != '{') return codec_error(esc, i, "malformed \\N character escape");
            size_t close = body.find('}', i + 1);
            if (close == std::string_view::npos || close == i + 1) {
                // CPython's decoder stops at the '}' of an empty name, without taking it.
                return codec_error(esc, close == std::string_view::npos ? body.size() : close,
                                   "malformed \\N character escape");
            }
            std::string_view name = body.substr(i + 1, close - i - 1);
            std::u32string chars;
            if (!ucd::lookup_name(name, chars, false)) return codec_error(esc, close + 1, "unknown Unicode character name");
            i = close + 1;
            append_utf8(out, chars[0]);
            break;
        }
        default:
            // Invalid escapes are kept as they are (CPython warns).
            out += '\\';
            out += e;
            invalid(esc + 1);
            break;
        }
    }
    return true;
}

// ---------------------------------------------------------------- string tokens

struct Literal {
    bool is_bytes = false;
    bool is_raw = false;
    bool is_f = false;
    size_t body_start = 0; // offset of the body in the token text
    std::string_view body;
};

Literal split_literal(std::string_view text)
{
    Literal lit;
    size_t i = 0;
    while (i < text.size() && text[i] != '\'' && text[i] != '"') {
        char c = static_cast<char>(tolower(static_cast<unsigned char>(text[i])));
        if (c == 'b') lit.is_bytes = true;
        else if (c == 'r') lit.is_raw = true;
        else if (c == 'f') lit.is_f = true;
        ++i;
    }
    size_t quote = 1;
    if (i + 5 < text.size() + 0 && text.size() - i >= 6 && text[i + 1] == text[i] && text[i + 2] == text[i]) quote = 3;
    size_t start = std::min(text.size(), i + quote);
    size_t end = text.size() >= quote ? text.size() - quote : 0;
    if (end < start) end = start;
    lit.body_start = start;
    lit.body = text.substr(start, end - start);
    return lit;
}

// Accumulates the values of a JoinedStr (CPython's FstringParser).
struct FState {
    std::string last;
    bool has_last = false;
    std::vector<ast::Expr*> values;
    std::optional<ast::Pos> pos;
};

class StringBuilder {
public:
    StringBuilder(Parser& p, std::vector<Token> const& toks, size_t first, size_t last, Token const& next)
        : m_p(p), m_toks(toks), m_first(first), m_last(last), m_next(next)
    {
        Token const& a = toks[first];
        Token const& b = toks[last];
        m_pos = {a.lineno, a.col, b.end_lineno, b.end_col};
        m_kind_u = !a.text.empty() && a.text[0] == 'u';
    }

    ast::Expr* build();

private:
    [[noreturn]] void fail(std::string msg) { m_p.raise_at_token(std::move(msg), m_next); }
    std::string decode(Token const& t, std::string_view body, bool raw, bool is_bytes, bool fstring_chunk = false);
    void check_utf8(std::string_view body, bool by_runs);
    void concat(FState& st, std::string_view s)
    {
        if (s.empty()) return;
        st.last += s;
        st.has_last = true;
    }
    // Turns the pending literal text into a Constant. As in CPython, it spans the whole
    // string group, except for the last literal of a format spec (`at_end`), which gets
    // the spec's own position `st.pos`.
    void flush(FState& st, bool at_end = false)
    {
        if (!st.has_last) return;
        ast::Constant* c = make_str(std::move(st.last));
        if (st.pos && at_end) c->pos = *st.pos;
        st.values.push_back(c);
        st.last.clear();
        st.has_last = false;
    }
    ast::Constant* make_str(std::string s)
    {
        auto* c = m_p.arena().make<ast::Constant>();
        c->pos = m_pos;
        c->value = compiler::ConstValue::str(std::move(s));
        if (m_kind_u) c->kind = "u";
        return c;
    }
    ast::JoinedStr* finish(FState& st)
    {
        flush(st, true);
        auto* j = m_p.arena().make<ast::JoinedStr>();
        j->pos = st.pos ? *st.pos : m_pos;
        j->values = std::move(st.values);
        return j;
    }
    void fstring_parse(Token const& t, Literal const& lit, size_t& pos, int level, FState& st);
    ast::Expr* fstring_field(Token const& t, Literal const& lit, size_t& pos, int level, std::string& expr_text);
    ast::Expr* compile_field(Token const& t, Literal const& lit, size_t start, size_t end);

    Parser& m_p;
    std::vector<Token> const& m_toks;
    size_t m_first;
    size_t m_last;
    Token const& m_next;
    ast::Pos m_pos;
    bool m_kind_u = false;
};

// The text of a str literal is decoded as UTF-8 (invalid bytes got through the
// tokenizer): as CPython, the whole text of a raw literal or of one without backslashes,
// otherwise (decode_unicode_with_escapes, also every non-raw f-string part) each run of
// non-ASCII bytes on its own; the error's position counts from what was decoded.
void StringBuilder::check_utf8(std::string_view body, bool by_runs)
{
    if (!by_runs) {
        std::string error = utf8_error(body);
        if (!error.empty()) fail("(unicode error) " + error);
        return;
    }
    for (size_t i = 0; i < body.size();) {
        if (!(static_cast<unsigned char>(body[i]) & 0x80)) {
            ++i;
            continue;
        }
        size_t start = i;
        while (i < body.size() && (static_cast<unsigned char>(body[i]) & 0x80)) ++i;
        std::string error = utf8_error(body.substr(start, i - start));
        if (!error.empty()) fail("(unicode error) " + error);
    }
}

std::string StringBuilder::decode(Token const& t, std::string_view body, bool raw, bool is_bytes, bool fstring_chunk)
{
    if (!is_bytes) check_utf8(body, !raw && (fstring_chunk || body.find('\\') != std::string_view::npos));
    if (raw) return std::string(body);
    std::string out;
    std::string error;
    size_t bad = std::string_view::npos;
    if (!decode_escapes(body, is_bytes, out, error, bad)) fail(error);
    if (bad != std::string_view::npos) {
        // CPython's warn_invalid_escape_sequence: the first one of the token.
        char c = bad < body.size() ? body[bad] : '{'; // f"\{x}": the chunk ends at the '{'
        std::string msg = c >= '4' && c <= '7' ? "invalid octal escape sequence '\\" + std::string(body.substr(bad, 3)) + "'"
                                               : std::string("invalid escape sequence '\\") + c + "'";
        m_p.warn_at_token("DeprecationWarning", std::move(msg), t);
    }
    return out;
}

ast::Expr* StringBuilder::build()
{
    // As CPython's _PyPegen_concatenate_strings: token by token, each one decoded (and an
    // f-string's fields compiled) before the next is looked at, so that the first error in
    // the source is the one reported.
    bool bytes_mode = split_literal(m_toks[m_first].text).is_bytes;
    bool any_f = false;
    for (size_t i = m_first; i <= m_last; ++i) any_f = any_f || split_literal(m_toks[i].text).is_f;
    std::string value; // the whole value when there is no f-string
    FState st;
    for (size_t i = m_first; i <= m_last; ++i) {
        Token const& t = m_toks[i];
        Literal lit = split_literal(t.text);
        std::string decoded;
        if (!lit.is_f) {
            if (lit.is_bytes) {
                for (char c : lit.body) {
                    if (static_cast<unsigned char>(c) >= 0x80) {
                        m_p.raise_at_pos("bytes can only contain ASCII literal characters", t.lineno, t.col,
                                         t.end_lineno, t.end_col);
                    }
                }
            }
            decoded = decode(t, lit.body, lit.is_raw, lit.is_bytes);
        }
        if (lit.is_bytes != bytes_mode) fail("cannot mix bytes and nonbytes literals");
        if (lit.is_f) {
            size_t pos = 0;
            fstring_parse(t, lit, pos, 0, st);
        } else if (any_f) {
            concat(st, decoded);
        } else {
            value += decoded;
        }
    }
    if (bytes_mode) {
        auto* c = m_p.arena().make<ast::Constant>();
        c->pos = m_pos;
        c->value = compiler::ConstValue::bytes(std::move(value));
        return c;
    }
    if (!any_f) return make_str(std::move(value));
    return finish(st);
}

// Parses literal text and replacement fields of `lit.body` from `pos`. At level 0 it
// runs to the end of the body; in a format spec (level > 0) it stops at the '}'.
void StringBuilder::fstring_parse(Token const& t, Literal const& lit, size_t& pos, int level, FState& st)
{
    std::string_view body = lit.body;
    size_t end = body.size();
    for (;;) {
        size_t literal_start = pos;
        size_t literal_end = std::string_view::npos;
        bool doubled = false;
        while (pos < end) {
            char ch = body[pos++];
            if (!lit.is_raw && ch == '\\' && pos < end) {
                ch = body[pos++];
                if (ch == 'N') {
                    if (pos < end && body[pos++] == '{') {
                        while (pos < end && body[pos++] != '}') {
                        }
                    }
                    continue;
                }
            }
            if (ch == '{' || ch == '}') {
                if (level == 0) {
                    if (pos < end && body[pos] == ch) {
                        literal_end = pos;
                        ++pos;
                        doubled = true;
                        break;
                    }
                    if (ch == '}') fail("f-string: single '}' is not allowed");
                }
                --pos;
                break;
            }
        }
        if (literal_end == std::string_view::npos) literal_end = pos;
        if (literal_end > literal_start) {
            concat(st, decode(t, body.substr(literal_start, literal_end - literal_start), lit.is_raw, false, true));
        }
        if (doubled) continue;
        if (pos >= end || body[pos] == '}') break;
        std::string expr_text;
        ast::Expr* field = fstring_field(t, lit, pos, level, expr_text);
        concat(st, expr_text);
        flush(st);
        st.values.push_back(field);
    }
    if (level != 0 && (pos >= end || body[pos] != '}')) fail("f-string: expecting '}'");
}

// Parses one replacement field starting at the '{' at `pos`; leaves `pos` after the
// closing '}'. `expr_text` receives the "expr=" text of a self-documenting field.
ast::Expr* StringBuilder::fstring_field(Token const& t, Literal const& lit, size_t& pos, int level,
                                        std::string& expr_text)
{
    std::string_view body = lit.body;
    size_t end = body.size();
    if (level >= 2) fail("f-string: expressions nested too deeply");
    ++pos; // '{'
    size_t expr_start = pos;
    char quote_char = 0;
    int string_type = 0;
    std::vector<char> stack;
    for (; pos < end; ++pos) {
        char ch = body[pos];
        if (ch == '\\') fail("f-string expression part cannot include a backslash");
        if (quote_char) {
            if (ch == quote_char) {
                if (string_type == 3) {
                    if (pos + 2 < end && body[pos + 1] == ch && body[pos + 2] == ch) {
                        pos += 2;
                        string_type = 0;
                        quote_char = 0;
                    }
                } else {
                    string_type = 0;
                    quote_char = 0;
                }
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            if (pos + 2 < end && body[pos + 1] == ch && body[pos + 2] == ch) {
                string_type = 3;
                pos += 2;
            } else {
                string_type = 1;
            }
            quote_char = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (stack.size() >= 200) fail("f-string: too many nested parenthesis");
            stack.push_back(ch);
        } else if (ch == '#') {
            fail("f-string expression part cannot include '#'");
        } else if (stack.empty() && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            if (pos + 1 < end) {
                char next = body[pos + 1];
                if ((ch == '!' && next == '=') || (ch == '=' && next == '=') || (ch == '<' && next == '=') ||
                    (ch == '>' && next == '=')) {
                    ++pos;
                    continue;
                }
            }
            if (ch == '>' || ch == '<') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (stack.empty()) fail(std::string("f-string: unmatched '") + ch + "'");
            char open = stack.back();
            stack.pop_back();
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}'))) {
                fail(std::string("f-string: closing parenthesis '") + ch + "' does not match opening parenthesis '" +
                     open + "'");
            }
        }
    }
    size_t expr_end = pos;
    if (quote_char) fail("f-string: unterminated string");
    if (!stack.empty()) fail(std::string("f-string: unmatched '") + stack.back() + "'");
    if (pos >= end) fail("f-string: expecting '}'");
    ast::Expr* value = compile_field(t, lit, expr_start, expr_end);
    if (body[pos] == '=') {
        int version = m_p.options().feature_version;
        if (version >= 0 && version < 8)
            fail("f-string: self documenting expressions are only supported in Python 3.8 and greater");
        ++pos;
        while (pos < end && isspace(static_cast<unsigned char>(body[pos]))) ++pos;
        if (pos >= end) fail("f-string: expecting '}'");
        expr_text = std::string(body.substr(expr_start, pos - expr_start));
    }
    int conversion = -1;
    if (body[pos] == '!') {
        ++pos;
        if (pos >= end) fail("f-string: expecting '}'");
        conversion = static_cast<unsigned char>(body[pos]);
        ++pos;
        if (!(conversion == 's' || conversion == 'r' || conversion == 'a')) {
            fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
    }
    ast::Expr* spec = nullptr;
    if (pos < end && body[pos] == ':') {
        ++pos;
        if (pos >= end) fail("f-string: expecting '}'");
        // CPython gives a format spec (and its literal parts) the position of the
        // string token it is in, not of the whole concatenation.
        FState spec_state;
        spec_state.pos = ast::Pos {t.lineno, t.col, t.end_lineno, t.end_col};
        fstring_parse(t, lit, pos, level + 1, spec_state);
        spec = finish(spec_state);
    }
    if (pos >= end || body[pos] != '}') fail("f-string: expecting '}'");
    ++pos;
    if (!expr_text.empty() && !spec && conversion == -1) conversion = 'r';
    auto* fv = m_p.arena().make<ast::FormattedValue>();
    fv->pos = m_pos;
    fv->value = value;
    fv->conversion = conversion;
    fv->format_spec = spec;
    return fv;
}

// Parses the expression text body[start, end) of a replacement field.
ast::Expr* StringBuilder::compile_field(Token const& t, Literal const& lit, size_t start, size_t end)
{
    std::string_view body = lit.body;
    size_t s = start;
    while (s < end && (body[s] == ' ' || body[s] == '\t' || body[s] == '\n' || body[s] == '\f')) ++s;
    if (s == end) {
        if (end < body.size() && (body[end] == '!' || body[end] == ':' || body[end] == '=')) {
            fail(std::string("f-string: expression required before '") + body[end] + "'");
        }
        fail("f-string: empty expression not allowed");
    }
    // Where the nested tokens go: CPython puts the '(' we add in place of the '{'.
    std::string_view text = t.text;
    size_t brace = lit.body_start + start - 1;
    bool newline_after_brace = true;
    for (size_t k = brace + 1; k < text.size() && text[k] != '}' && text[k] != '\n'; ++k) {
        if (text[k] != ' ' && text[k] != '\t' && text[k] != '\f') {
            newline_after_brace = false;
            break;
        }
    }
    if (brace + 1 >= text.size()) newline_after_brace = false;
    int cols = 0;
    if (!newline_after_brace) {
        size_t k = brace;
        while (k > 0 && text[k] != '\n') --k;
        cols = static_cast<int>(brace - k);
        if (text[k] == '\n') cols -= 1;
    }
    int lines = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(brace), '\n'));
    int first_line = t.lineno + lines;
    int first_col = lines != 0 ? cols : t.col + cols;

    std::string src = "(";
    src += body.substr(start, end - start);
    src += ")";
    Tokenizer tz(src, first_line, first_col);
    tz.run();
    ParseOptions options;
    options.fstring_level = m_p.fstring_level() + 1;
    options.depth = m_p.depth();
    options.max_int_digits = m_p.options().max_int_digits;
    options.feature_version = m_p.options().feature_version;
    options.warnings = m_p.options().warnings;
    for (compiler::SyntaxErrorInfo const& w : tz.warnings())
        m_p.add_warning(w); // once, though a field may be compiled again after backtracking
    try {
        return Parser::run(tz, m_p.arena(), options, &Parser::parse_fstring_field);
    } catch (ParseError const& e) {
        // Raised, for the enclosing parser, by the action that builds the string.
        ParseError out = e;
        if (out.info.type != "RecursionError") out.kind = ParseError::Kind::Raise;
        throw out;
    }
}

} // namespace

ast::Expr* build_string(Parser& p, std::vector<Token> const& toks, size_t first, size_t last, Token const& next)
{
    StringBuilder builder(p, toks, first, last, next);
    return builder.build();
}

} // namespace slpy::parser
