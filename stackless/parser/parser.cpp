// Parser entry point, source checks, error handling and statements.
//
// See parser_impl.h for how the parser is organised. The grammar follows CPython 3.11's
// Grammar/python.gram; where CPython reports a specialised error message (its
// `invalid_*` rules), the check is done at the point where this parser notices the
// problem.
#include "stackless/parser/parser_impl.h"

#include <algorithm>
#include <cstdio>

namespace slpy::parser {

namespace {

constexpr int k_max_depth = 1500;

// Result of checking the raw source bytes before tokenizing.
struct SourceCheck {
    std::string text; // UTF-8, '\n' line ends, ends with '\n'
    bool ok = true;
};

std::string line_with_replacement(std::string_view line)
{
    std::string out;
    for (size_t i = 0; i < line.size();) {
        int len = 1;
        uint32_t cp = decode_utf8(line, i, len);
        if (len == 1 && cp >= 0x80) {
            out += "\xEF\xBF\xBD";
        } else {
            out.append(line.substr(i, len));
        }
        i += len;
    }
    return out;
}

// Validates UTF-8 strictly (no surrogates, no overlongs). Returns the offset of the
// first bad byte or npos; `reason` and `bad_len` describe it like Python's codec.
size_t find_invalid_utf8(std::string_view s, std::string& reason, size_t& bad_len)
{
    size_t i = 0;
    while (i < s.size()) {
        auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) { ++i; continue; }
        int n;
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
        for (int k = 1; k <= n; ++k) {
            if (i + k >= s.size()) { reason = "unexpected end of data"; bad_len = k; return i; }
            auto b = static_cast<unsigned char>(s[i + k]);
            unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
            if (b < l || b > h) {
                if (b == '\n' && k > 0 && (b & 0xC0) != 0x80) {
                    reason = "unexpected end of data";
                } else {
                    reason = "invalid continuation byte";
                }
                bad_len = k;
                return i;
            }
        }
        i += n + 1;
    }
    return std::string_view::npos;
}

// Looks for a PEP 263 coding declaration in the first two lines; returns the
// normalised encoding name or an empty string.
std::string find_coding(std::string_view src)
{
    size_t pos = 0;
    for (int line = 0; line < 2 && pos < src.size(); ++line) {
        size_t end = src.find('\n', pos);
        if (end == std::string_view::npos) end = src.size();
        std::string_view l = src.substr(pos, end - pos);
        size_t i = 0;
        while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\f')) ++i;
        if (i < l.size() && l[i] == '#') {
            size_t c = l.find("coding", i);
            if (c != std::string_view::npos && c + 6 < l.size() && (l[c + 6] == ':' || l[c + 6] == '=')) {
                size_t k = c + 7;
                while (k < l.size() && (l[k] == ' ' || l[k] == '\t')) ++k;
                size_t start = k;
                while (k < l.size() && (isalnum(static_cast<unsigned char>(l[k])) || l[k] == '-' || l[k] == '_' || l[k] == '.')) ++k;
                if (k > start) return std::string(l.substr(start, k - start));
            }
        } else if (i < l.size() && l[i] != '\r') {
            break; // a non-comment line ends the search
        }
        pos = end + 1;
    }
    return {};
}

std::string normal_encoding(std::string name)
{
    for (char& c : name) {
        c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
        if (c == '_') c = '-';
    }
    auto starts = [&](std::string_view p) { return name == p || name.rfind(std::string(p) + "-", 0) == 0; };
    if (starts("utf-8") || name == "utf8") return "utf-8";
    if (starts("latin-1") || starts("iso-8859-1") || starts("iso-latin-1") || name == "latin1" || name == "l1")
        return "latin-1";
    if (name == "ascii" || name == "us-ascii") return "ascii";
    return name;
}

bool is_known_codec(std::string const& n)
{
    static char const* const prefixes[] = {"cp", "iso-8859-", "iso8859", "utf-16", "utf-32", "utf-7", "koi8",
                                           "mac-", "shift-jis", "euc-", "gb", "big5", "windows-", "latin",
                                           "hz", "johab", "ptcp", "tis", "mbcs", "shiftjis", "sjis"};
    for (char const* p : prefixes) {
        if (n.rfind(p, 0) == 0) return true;
    }
    return false;
}

SourceCheck prepare_source(std::string_view raw, compiler::SyntaxErrorInfo& err)
{
    SourceCheck out;
    if (raw.find('\0') != std::string_view::npos) {
        err.msg = "source code string cannot contain null bytes";
        out.ok = false;
        return out;
    }
    if (raw.size() >= 3 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    std::string coding = find_coding(raw);
    std::string decoded;
    if (!coding.empty()) {
        std::string enc = normal_encoding(coding);
        if (enc == "latin-1") {
            for (char ch : raw) append_utf8(decoded, static_cast<unsigned char>(ch));
            raw = decoded;
        } else if (enc != "utf-8" && enc != "ascii") {
            err.msg = is_known_codec(enc) ? "encoding '" + coding + "' is not supported (slpy reads utf-8 and latin-1 sources)"
                                          : "unknown encoding: " + coding;
            err.lineno = 0;
            err.offset = -1;
            out.ok = false;
            return out;
        }
    }
    std::string reason;
    size_t bad_len = 0;
    size_t bad = find_invalid_utf8(raw, reason, bad_len);
    if (bad != std::string_view::npos) {
        int line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < bad; ++i) {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 >= raw.size() || raw[i + 1] != '\n'))) {
                ++line;
                line_start = i + 1;
            }
        }
        size_t line_end = raw.find_first_of("\r\n", line_start);
        if (line_end == std::string_view::npos) line_end = raw.size();
        std::string_view text = raw.substr(line_start, line_end - line_start);
        int chars = 0;
        for (size_t i = line_start; i < bad; ++i) {
            if ((static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80) ++chars;
        }
        char buf[160];
        if (bad_len <= 1) {
            std::snprintf(buf, sizeof buf, "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position 0: %s",
                          static_cast<unsigned char>(raw[bad]), reason.c_str());
        } else {
            std::snprintf(buf, sizeof buf, "(unicode error) 'utf-8' codec can't decode bytes in position 0-%zu: %s",
                          bad_len - 1, reason.c_str());
        }
        err.msg = buf;
        err.lineno = err.end_lineno = line;
        err.offset = chars + static_cast<int>(bad_len == 0 ? 1 : bad_len);
        err.end_offset = -1;
        err.text = line_with_replacement(text) + "\n";
        out.ok = false;
        return out;
    }
    out.text.reserve(raw.size() + 1);
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r') {
            out.text += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        } else {
            out.text += raw[i];
        }
    }
    if (out.text.empty() || out.text.back() != '\n') out.text += '\n';
    return out;
}

} // namespace

// ---------------------------------------------------------------- entry point

ast::Mod* parse(std::string_view source, std::string const& filename, Mode mode, ast::Arena& arena,
                compiler::SyntaxErrorInfo& err)
{
    err = compiler::SyntaxErrorInfo{};
    err.filename = filename;
    SourceCheck src = prepare_source(source, err);
    if (!src.ok) {
        err.filename = filename;
        return nullptr;
    }
    Tokenizer tz(src.text);
    tz.run();
    if (mode != Mode::Exec && !tz.tokens().empty() && tz.tokens()[0].kind == TokenKind::EndMarker) {
        // CPython rejects empty 'eval' and 'single' input, at the end of the text.
        err.msg = "invalid syntax";
        err.lineno = err.end_lineno = static_cast<int>(std::count(source.begin(), source.end(), '\n'));
        return nullptr;
    }
    Parser p(tz, arena);
    try {
        switch (mode) {
        case Mode::Exec: return p.parse_file();
        case Mode::Eval: return p.parse_eval();
        case Mode::Single: return p.parse_single();
        }
    } catch (ParseError const& e) {
        err = p.resolve_error(e);
        err.filename = filename;
    }
    return nullptr;
}

// ---------------------------------------------------------------- tokens and errors

Parser::Parser(Tokenizer const& tokenizer, ast::Arena& arena, int fstring_level, int initial_depth)
    : m_tz(tokenizer), m_toks(tokenizer.tokens()), m_arena(arena), m_depth(initial_depth),
      m_fstring_level(fstring_level)
{
}

DepthGuard::DepthGuard(Parser& p) : m_p(p)
{
    if (++m_p.m_depth > k_max_depth) m_p.raise_depth();
}

Token const& Parser::at(size_t i) const
{
    static Token const k_end{};
    if (m_toks.empty()) return k_end;
    if (i >= m_toks.size()) i = m_toks.size() - 1;
    if (i > m_max_pos) m_max_pos = i;
    return m_toks[i];
}

Token const& Parser::last_real() const
{
    size_t i = m_pos == 0 ? 0 : m_pos - 1;
    while (i > 0 && (m_toks[i].kind == TokenKind::Newline || m_toks[i].kind == TokenKind::Indent ||
                     m_toks[i].kind == TokenKind::Dedent)) {
        --i;
    }
    return at(i);
}

Token const& Parser::advance()
{
    Token const& t = tok();
    if (t.kind == TokenKind::ErrorToken) raise_invalid(t);
    if (m_pos + 1 < m_toks.size()) ++m_pos;
    return t;
}

bool Parser::accept_op(std::string_view s)
{
    if (!at_op(s)) return false;
    advance();
    return true;
}

bool Parser::accept_kw(std::string_view s)
{
    if (!at_kw(s)) return false;
    advance();
    return true;
}

Token const& Parser::expect_op(std::string_view s)
{
    if (!at_op(s)) raise_invalid();
    return advance();
}

Token const& Parser::expect_kw(std::string_view s)
{
    if (!at_kw(s)) raise_invalid();
    return advance();
}

bool Parser::at_identifier() const
{
    return tok().kind == TokenKind::Name && !is_keyword(tok().text);
}

Token const& Parser::expect_identifier()
{
    if (!at_identifier()) raise_invalid();
    return advance();
}

bool Parser::can_start_expression(Token const& t) const
{
    switch (t.kind) {
    case TokenKind::Name:
        return !is_keyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False" ||
               t.text == "not" || t.text == "lambda" || t.text == "await";
    case TokenKind::Number:
    case TokenKind::String:
        return true;
    case TokenKind::Op:
        return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" ||
               t.text == "~" || t.text == "...";
    default:
        return false;
    }
}

void Parser::raise_at_pos(std::string msg, int lineno, int col, int end_lineno, int end_col, std::string_view type)
{
    ParseError e;
    if (m_fstring_level > 0) msg = "f-string: " + msg;
    m_tz.fill_error(e.info, type, std::move(msg), lineno, col, end_lineno, end_col);
    e.info.text += '\n';
    throw e;
}

void Parser::raise_syntax(std::string msg, ast::Pos const& r, std::string_view type)
{
    raise_at_pos(std::move(msg), r.lineno, r.col_offset, r.end_lineno, r.end_col_offset, type);
}

void Parser::raise_at_token(std::string msg, Token const& t)
{
    raise_at_pos(std::move(msg), t.lineno, t.col, t.end_lineno, t.end_col);
}

void Parser::raise_invalid(Token const& t)
{
    if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent) {
        ParseError e;
        std::string_view line = m_tz.line_text(t.lineno);
        int width = 0;
        while (width < static_cast<int>(line.size()) && (line[width] == ' ' || line[width] == '\t' || line[width] == '\f')) ++width;
        m_tz.fill_error(e.info, "IndentationError",
                        t.kind == TokenKind::Indent ? "unexpected indent" : "unexpected unindent",
                        t.lineno, width, t.lineno, -1);
        e.info.offset -= 1;
        e.info.text += '\n';
        e.final = true;
        throw e;
    }
    raise_at_token("invalid syntax", t);
}

void Parser::raise_depth()
{
    Token const& t = tok();
    ParseError e;
    m_tz.fill_error(e.info, "RecursionError", "maximum recursion depth exceeded during compilation", t.lineno, t.col, t.end_lineno,
                    t.end_col);
    e.final = true;
    throw e;
}

void Parser::raise_unsupported(std::string what, Token const& from, Token const& to)
{
    ParseError e;
    m_tz.fill_error(e.info, "SyntaxError", what + " not supported yet", from.lineno, from.col, to.end_lineno, to.end_col);
    e.info.text += '\n';
    throw e;
}

compiler::SyntaxErrorInfo Parser::resolve_error(ParseError const& e) const
{
    if (e.final) return e.info;
    if (m_tz.error()) return *m_tz.error();
    if (m_tz.eof_in_brackets() && !m_tz.open_brackets().empty()) {
        auto const& b = m_tz.open_brackets().back();
        int furthest = at(m_max_pos).lineno;
        if (b.lineno < furthest) {
            compiler::SyntaxErrorInfo info;
            m_tz.fill_error(info, "SyntaxError", std::string("'") + b.ch + "' was never closed", b.lineno, b.col,
                            b.lineno, -1);
            info.end_offset = 0;
            return info;
        }
    }
    return e.info;
}

// ---------------------------------------------------------------- modules

ast::Mod* Parser::parse_file()
{
    auto* mod = m_arena.make<ast::Mod>();
    mod->kind = ast::ModKind::Module;
    while (tok().kind != TokenKind::EndMarker) {
        if (tok().kind == TokenKind::Newline) {
            advance();
            continue;
        }
        parse_statement(mod->body);
    }
    return mod;
}

ast::Mod* Parser::parse_eval()
{
    auto* mod = m_arena.make<ast::Mod>();
    mod->kind = ast::ModKind::Expression;
    mod->expr = parse_expressions();
    while (tok().kind == TokenKind::Newline) advance();
    if (tok().kind != TokenKind::EndMarker) raise_invalid();
    return mod;
}

ast::Mod* Parser::parse_single()
{
    auto* mod = m_arena.make<ast::Mod>();
    mod->kind = ast::ModKind::Interactive;
    while (tok().kind == TokenKind::Newline) advance();
    ast::Stmt* compound = parse_compound_statement();
    if (compound) {
        mod->body.push_back(compound);
        while (tok().kind == TokenKind::Newline) advance();
        if (tok().kind != TokenKind::EndMarker) raise_invalid();
        return mod;
    }
    parse_simple_statements(mod->body);
    Token const& newline = last();
    while (tok().kind == TokenKind::Newline) advance();
    if (tok().kind != TokenKind::EndMarker) {
        Token const& t = tok();
        if (t.kind == TokenKind::ErrorToken || t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent) raise_invalid(t);
        raise_at_token("multiple statements found while compiling a single statement", newline);
    }
    return mod;
}

ast::Expr* Parser::parse_fstring_field()
{
    ast::Expr* e = parse_star_expressions();
    while (tok().kind == TokenKind::Newline) advance();
    if (tok().kind != TokenKind::EndMarker) raise_invalid();
    return e;
}

// ---------------------------------------------------------------- statements

void Parser::parse_statement(std::vector<ast::Stmt*>& out)
{
    if (ast::Stmt* s = parse_compound_statement()) {
        out.push_back(s);
        return;
    }
    parse_simple_statements(out);
}

std::vector<ast::Stmt*> Parser::parse_statements_until_dedent()
{
    std::vector<ast::Stmt*> body;
    while (tok().kind != TokenKind::Dedent && tok().kind != TokenKind::EndMarker) {
        parse_statement(body);
    }
    if (tok().kind == TokenKind::Dedent) advance();
    return body;
}

// block: NEWLINE INDENT statements DEDENT | simple_stmts. `what` names the statement
// for "expected an indented block after ..." (e.g. "'if' statement on line").
std::vector<ast::Stmt*> Parser::parse_block(std::string const& what, int lineno)
{
    DepthGuard guard(*this);
    std::vector<ast::Stmt*> body;
    if (tok().kind == TokenKind::Newline) {
        Token const& nl = advance();
        if (tok().kind != TokenKind::Indent) {
            Token const& t = tok();
            if (t.kind == TokenKind::ErrorToken) raise_invalid(t);
            std::string msg = "expected an indented block after " + what + " " + std::to_string(lineno);
            ParseError e;
            if (t.kind == TokenKind::EndMarker || t.kind == TokenKind::Dedent) {
                m_tz.fill_error(e.info, "IndentationError", std::move(msg), nl.lineno, nl.col + 1, nl.lineno, -1);
                e.info.offset -= 1;
                if (t.kind == TokenKind::Dedent) {
                    m_tz.fill_error(e.info, "IndentationError", e.info.msg, t.lineno, t.col, t.lineno, -1);
                }
            } else {
                m_tz.fill_error(e.info, "IndentationError", std::move(msg), t.lineno, t.col, t.end_lineno, t.end_col);
            }
            e.info.text += '\n';
            throw e;
        }
        advance();
        body = parse_statements_until_dedent();
        return body;
    }
    parse_simple_statements(body);
    return body;
}

// After the header of a compound statement. `forced` follows CPython's `&&':'`: the
// error is "expected ':'" whatever comes instead; otherwise only before a NEWLINE.
void Parser::expect_colon(bool forced)
{
    if (accept_op(":")) return;
    Token const& t = tok();
    if (t.kind == TokenKind::ErrorToken) raise_invalid(t);
    if (forced || t.kind == TokenKind::Newline) raise_at_token("expected ':'", t);
    raise_invalid(t);
}

void Parser::parse_simple_statements(std::vector<ast::Stmt*>& out)
{
    for (;;) {
        out.push_back(parse_simple_statement());
        if (accept_op(";")) {
            if (tok().kind == TokenKind::Newline) break;
            continue;
        }
        break;
    }
    if (tok().kind != TokenKind::Newline) raise_invalid();
    advance();
}

ast::Stmt* Parser::parse_compound_statement()
{
    Token const& t = tok();
    if (t.kind == TokenKind::Op && t.text == "@") return parse_decorated();
    if (t.kind != TokenKind::Name) return nullptr;
    std::string_view w = t.text;
    if (w == "if") return parse_if(false);
    if (w == "while") return parse_while();
    if (w == "for") return parse_for();
    if (w == "with") return parse_with();
    if (w == "try") return parse_try();
    if (w == "def") return parse_funcdef({}, nullptr);
    if (w == "class") return parse_classdef({}, nullptr);
    if (w == "async") {
        Token const& n = peek_tok();
        if (n.is_name("def")) raise_unsupported("'async def' is", t, n);
        if (n.is_name("for")) raise_unsupported("'async for' is", t, n);
        if (n.is_name("with")) raise_unsupported("'async with' is", t, n);
        raise_invalid(t);
    }
    if (w == "match") check_match_statement();
    return nullptr;
}

// `match` is a soft keyword: it starts a match statement when the logical line looks
// like `match <subject>:` followed by an indented block.
void Parser::check_match_statement()
{
    Token const& n = peek_tok();
    if (n.kind == TokenKind::Newline || n.kind == TokenKind::EndMarker) return;
    if (n.kind == TokenKind::Op) {
        static constexpr std::string_view not_subject[] = {
            "=", ".", ",", ")", ":", ";", "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=",
            ">>=", "<<=", "**=", "==", "!=", "<", ">", "<=", ">=", "|", "&", "^", "<<", ">>", "/", "//",
            "%", "@", "**", ":=", "]", "}", "->"};
        for (auto op : not_subject) {
            if (n.text == op) return;
        }
    }
    if (n.kind == TokenKind::Name && (n.text == "if" || n.text == "and" || n.text == "or" || n.text == "in" ||
                                      n.text == "is" || n.text == "else" || n.text == "for")) {
        return;
    }
    size_t i = m_pos + 1;
    size_t last = m_pos;
    while (i < m_toks.size() && m_toks[i].kind != TokenKind::Newline && m_toks[i].kind != TokenKind::EndMarker &&
           m_toks[i].kind != TokenKind::ErrorToken) {
        last = i++;
    }
    if (last > m_pos && m_toks[last].is_op(":") && i + 1 < m_toks.size() && m_toks[i].kind == TokenKind::Newline &&
        m_toks[i + 1].kind == TokenKind::Indent) {
        raise_unsupported("'match' statements are", tok(), tok());
    }
}

ast::Stmt* Parser::parse_decorated()
{
    Token const& first = tok();
    std::vector<ast::Expr*> decorators;
    while (at_op("@")) {
        advance();
        decorators.push_back(parse_named_expression());
        if (tok().kind != TokenKind::Newline) raise_invalid();
        advance();
    }
    if (at_kw("def")) return parse_funcdef(std::move(decorators), &first);
    if (at_kw("class")) return parse_classdef(std::move(decorators), &first);
    if (at_kw("async") && peek_tok().is_name("def")) raise_unsupported("'async def' is", tok(), peek_tok());
    raise_invalid();
}

// if/elif chains are built iteratively (a long elif chain must not recurse); each elif
// becomes an If in the orelse of the previous one, ending where the whole chain ends.
ast::Stmt* Parser::parse_if(bool is_elif)
{
    std::vector<std::pair<ast::If*, Token const*>> chain;
    for (;;) {
        Token const& kw = advance(); // 'if' or 'elif'
        auto* node = make<ast::If>(tok_pos(kw));
        node->test = parse_named_expression();
        expect_colon(false);
        node->body = parse_block(is_elif ? "'elif' statement on line" : "'if' statement on line", kw.lineno);
        if (!chain.empty()) chain.back().first->orelse.push_back(node);
        chain.emplace_back(node, &kw);
        if (!at_kw("elif")) break;
        is_elif = true;
    }
    if (at_kw("else")) {
        Token const& e = advance();
        expect_colon(true);
        chain.back().first->orelse = parse_block("'else' statement on line", e.lineno);
    }
    for (auto& [node, kw] : chain) node->pos = from(*kw);
    return chain.front().first;
}

ast::Stmt* Parser::parse_while()
{
    Token const& kw = advance();
    auto* node = make<ast::While>(tok_pos(kw));
    node->test = parse_named_expression();
    expect_colon(false);
    node->body = parse_block("'while' statement on line", kw.lineno);
    if (at_kw("else")) {
        Token const& e = advance();
        expect_colon(true);
        node->orelse = parse_block("'else' statement on line", e.lineno);
    }
    node->pos = from(kw);
    return node;
}

ast::Stmt* Parser::parse_for()
{
    Token const& kw = advance();
    auto* node = make<ast::For>(tok_pos(kw));
    node->target = parse_target_list();
    if (!at_kw("in")) raise_invalid();
    advance();
    check_target(node->target, TargetKind::For);
    set_context(node->target, ast::ExprContext::Store);
    node->iter = parse_star_expressions();
    expect_colon(false);
    node->body = parse_block("'for' statement on line", kw.lineno);
    if (at_kw("else")) {
        Token const& e = advance();
        expect_colon(true);
        node->orelse = parse_block("'else' statement on line", e.lineno);
    }
    node->pos = from(kw);
    return node;
}

ast::Stmt* Parser::parse_with()
{
    Token const& kw = advance();
    auto* node = make<ast::With>(tok_pos(kw));
    auto parse_item = [&]() {
        auto* item = m_arena.make<ast::WithItem>();
        item->context_expr = parse_expression();
        if (accept_kw("as")) {
            ast::Expr* target = parse_star_expression();
            // star_target must be followed by ',' ')' or ':'
            if (!(at_op(",") || at_op(")") || at_op(":"))) {
                if (tok().kind == TokenKind::Newline) raise_at_token("expected ':'", tok());
                raise_invalid();
            }
            check_target(target, TargetKind::Star);
            set_context(target, ast::ExprContext::Store);
            item->optional_vars = target;
        }
        return item;
    };
    bool done = false;
    if (at_op("(")) {
        // Parenthesized with-items: '(' with_item (',' with_item)* [','] ')' ':'.
        // Tried first, as CPython does; falls back to an ordinary expression.
        size_t save = m_pos;
        try {
            advance();
            std::vector<ast::WithItem*> items;
            for (;;) {
                items.push_back(parse_item());
                if (!accept_op(",")) break;
                if (at_op(")")) break;
            }
            expect_op(")");
            if (!at_op(":")) throw ParseError{};
            node->items = std::move(items);
            done = true;
        } catch (ParseError const&) {
            m_pos = save;
        }
    }
    if (!done) {
        for (;;) {
            node->items.push_back(parse_item());
            if (!accept_op(",")) break;
        }
    }
    expect_colon(false);
    node->body = parse_block("'with' statement on line", kw.lineno);
    node->pos = from(kw);
    return node;
}

ast::Stmt* Parser::parse_try()
{
    Token const& kw = advance();
    expect_colon(true);
    std::vector<ast::Stmt*> body = parse_block("'try' statement on line", kw.lineno);
    std::vector<ast::ExceptHandler*> handlers;
    std::vector<ast::Stmt*> orelse;
    std::vector<ast::Stmt*> finalbody;
    int star_kind = 0; // 0 unknown, 1 except, 2 except*
    while (at_kw("except")) {
        Token const& ex = advance();
        bool star = false;
        if (at_op("*")) {
            star = true;
            advance();
        }
        int kind = star ? 2 : 1;
        if (star_kind != 0 && star_kind != kind) {
            raise_syntax("cannot have both 'except' and 'except*' on the same 'try'", from(ex));
        }
        star_kind = kind;
        auto* h = make<ast::ExceptHandler>(tok_pos(ex));
        if (!at_op(":")) {
            h->type = parse_expression();
            if (at_op(",")) {
                // except A, B:
                size_t save = m_pos;
                advance();
                ast::Expr* last_expr = h->type;
                while (can_start_expression(tok())) {
                    last_expr = parse_expression();
                    if (!accept_op(",")) break;
                }
                if (at_op(":") || at_kw("as")) {
                    raise_syntax("multiple exception types must be parenthesized", span(h->type->pos, last_expr->pos));
                }
                m_pos = save;
                raise_invalid();
            }
            if (accept_kw("as")) h->name = identifier(expect_identifier());
        } else if (star) {
            raise_at_token("expected one or more exception types", tok());
        }
        expect_colon(false);
        h->body = parse_block(star ? "'except*' statement on line" : "'except' statement on line", ex.lineno);
        h->pos = from(ex);
        handlers.push_back(h);
    }
    if (at_kw("else") && handlers.empty()) raise_at_token("expected 'except' or 'finally' block", tok());
    if (at_kw("else")) {
        Token const& e = advance();
        expect_colon(true);
        orelse = parse_block("'else' statement on line", e.lineno);
    }
    if (at_kw("finally")) {
        Token const& f = advance();
        expect_colon(true);
        finalbody = parse_block("'finally' statement on line", f.lineno);
    }
    if (handlers.empty() && finalbody.empty()) {
        Token const& t = tok();
        if (t.kind == TokenKind::ErrorToken || t.kind == TokenKind::Indent) raise_invalid(t);
        if (t.kind == TokenKind::EndMarker || t.kind == TokenKind::Dedent) {
            // At the end of the input CPython points just after the last line.
            size_t i = m_pos;
            while (i > 0 && m_toks[i].kind != TokenKind::Newline) --i;
            Token const& nl = at(i);
            raise_at_pos("expected 'except' or 'finally' block", nl.lineno, nl.col, nl.lineno, -1);
        }
        raise_at_token("expected 'except' or 'finally' block", t);
    }
    if (star_kind == 2) {
        auto* node = make<ast::TryStar>(from(kw));
        node->body = std::move(body);
        node->handlers = std::move(handlers);
        node->orelse = std::move(orelse);
        node->finalbody = std::move(finalbody);
        return node;
    }
    auto* node = make<ast::Try>(from(kw));
    node->body = std::move(body);
    node->handlers = std::move(handlers);
    node->orelse = std::move(orelse);
    node->finalbody = std::move(finalbody);
    return node;
}

ast::Stmt* Parser::parse_funcdef(std::vector<ast::Expr*> decorators, Token const* first)
{
    Token const& kw = advance(); // 'def'
    auto* node = make<ast::FunctionDef>(tok_pos(kw));
    node->name = identifier(expect_identifier());
    if (!at_op("(")) raise_at_token("expected '('", tok());
    advance();
    node->args = parse_parameters(false);
    expect_op(")");
    if (accept_op("->")) node->returns = parse_expression();
    expect_colon(true);
    node->decorator_list = std::move(decorators);
    node->body = parse_block("function definition on line", kw.lineno);
    node->pos = from(kw);
    (void)first;
    return node;
}

ast::Stmt* Parser::parse_classdef(std::vector<ast::Expr*> decorators, Token const* first)
{
    Token const& kw = advance(); // 'class'
    auto* node = make<ast::ClassDef>(tok_pos(kw));
    node->name = identifier(expect_identifier());
    if (at_op("(")) {
        Token const& open = advance();
        parse_call_arguments(node->bases, node->keywords, open, true);
    }
    expect_colon(false);
    node->decorator_list = std::move(decorators);
    node->body = parse_block("class definition on line", kw.lineno);
    node->pos = from(kw);
    (void)first;
    return node;
}

ast::Stmt* Parser::parse_simple_statement()
{
    Token const& t = tok();
    if (t.kind == TokenKind::Name) {
        std::string_view w = t.text;
        if (w == "pass") { advance(); return make<ast::Pass>(tok_pos(t)); }
        if (w == "break") { advance(); return make<ast::Break>(tok_pos(t)); }
        if (w == "continue") { advance(); return make<ast::Continue>(tok_pos(t)); }
        if (w == "return") {
            advance();
            auto* node = make<ast::Return>(tok_pos(t));
            if (tok().kind != TokenKind::Newline && !at_op(";")) node->value = parse_star_expressions();
            node->pos = from(t);
            return node;
        }
        if (w == "raise") {
            advance();
            auto* node = make<ast::Raise>(tok_pos(t));
            if (tok().kind != TokenKind::Newline && !at_op(";")) {
                node->exc = parse_expression();
                if (accept_kw("from")) node->cause = parse_expression();
            }
            node->pos = from(t);
            return node;
        }
        if (w == "global" || w == "nonlocal") {
            advance();
            std::vector<std::string> names;
            for (;;) {
                names.push_back(identifier(expect_identifier()));
                if (!accept_op(",")) break;
            }
            if (w == "global") {
                auto* node = make<ast::Global>(from(t));
                node->names = std::move(names);
                return node;
            }
            auto* node = make<ast::Nonlocal>(from(t));
            node->names = std::move(names);
            return node;
        }
        if (w == "del") {
            advance();
            auto* node = make<ast::Delete>(tok_pos(t));
            // del_targets: del_target (',' del_target)* [',']
            for (;;) {
                ast::Expr* target = parse_star_expression();
                node->targets.push_back(target);
                if (!accept_op(",")) break;
                if (tok().kind == TokenKind::Newline || at_op(";")) break;
            }
            if (!(tok().kind == TokenKind::Newline || at_op(";"))) raise_invalid();
            for (ast::Expr* target : node->targets) {
                check_target(target, TargetKind::Del);
                set_context(target, ast::ExprContext::Del);
            }
            node->pos = from(t);
            return node;
        }
        if (w == "assert") {
            advance();
            auto* node = make<ast::Assert>(tok_pos(t));
            node->test = parse_expression();
            if (accept_op(",")) node->msg = parse_expression();
            node->pos = from(t);
            return node;
        }
        if (w == "import") return parse_import();
        if (w == "from") return parse_from_import();
    }
    return parse_expression_statement();
}

// "print x" / "exec x": CPython's invalid_legacy_expression.
void Parser::check_legacy_print(ast::Expr* first)
{
    if (first->kind != ast::ExprKind::Name) return;
    auto* name = static_cast<ast::Name*>(first);
    if (name->id != "print" && name->id != "exec") return;
    if (!can_start_expression(tok()) || at_op("(") || at_op("[") || at_op("-") || at_op("+")) return;
    size_t save = m_pos;
    try {
        ast::Expr* rest = parse_star_expressions();
        raise_syntax("Missing parentheses in call to '" + name->id + "'. Did you mean " + name->id + "(...)?",
                     span(first->pos, rest->pos));
    } catch (ParseError const& e) {
        if (e.info.msg.rfind("Missing parentheses", 0) == 0) throw;
        m_pos = save;
    }
}

static bool is_augassign(Token const& t, ast::Operator& op)
{
    if (t.kind != TokenKind::Op) return false;
    static constexpr std::pair<std::string_view, ast::Operator> ops[] = {
        {"+=", ast::Operator::Add}, {"-=", ast::Operator::Sub}, {"*=", ast::Operator::Mult},
        {"@=", ast::Operator::MatMult}, {"/=", ast::Operator::Div}, {"%=", ast::Operator::Mod},
        {"&=", ast::Operator::BitAnd}, {"|=", ast::Operator::BitOr}, {"^=", ast::Operator::BitXor},
        {"<<=", ast::Operator::LShift}, {">>=", ast::Operator::RShift}, {"**=", ast::Operator::Pow},
        {"//=", ast::Operator::FloorDiv}};
    for (auto const& [text, o] : ops) {
        if (t.text == text) {
            op = o;
            return true;
        }
    }
    return false;
}

ast::Stmt* Parser::parse_expression_statement()
{
    Token const& start = tok();
    ast::Expr* first;
    if (at_kw("yield")) {
        first = parse_yield();
    } else {
        first = parse_star_expressions();
        if (tok().kind != TokenKind::Newline && !at_op(";") && !at_op("=") && !at_op(":")) check_legacy_print(first);
    }
    Token const& t = tok();
    ast::Operator op {};
    if (t.is_op(":")) {
        // Annotated assignment.
        ast::Expr* target = first;
        bool paren = is_parenthesized(target);
        if (target->kind == ast::ExprKind::Tuple) {
            if (paren) raise_syntax("only single target (not tuple) can be annotated", target->pos);
            auto* tuple = static_cast<ast::Tuple*>(target);
            raise_syntax("only single target (not tuple) can be annotated",
                         tuple->elts.empty() ? target->pos : tuple->elts[0]->pos);
        }
        if (target->kind == ast::ExprKind::List) raise_syntax("only single target (not list) can be annotated", target->pos);
        if (target->kind != ast::ExprKind::Name && target->kind != ast::ExprKind::Attribute &&
            target->kind != ast::ExprKind::Subscript) {
            raise_syntax("illegal target for annotation", target->pos);
        }
        advance();
        auto* node = make<ast::AnnAssign>(tok_pos(start));
        set_context(target, ast::ExprContext::Store);
        node->target = target;
        node->simple = target->kind == ast::ExprKind::Name && !paren;
        node->annotation = parse_expression();
        if (accept_op("=")) {
            node->value = at_kw("yield") ? parse_yield() : parse_star_expressions();
        }
        node->pos = from(start);
        return node;
    }
    if (is_augassign(t, op)) {
        if (first->kind != ast::ExprKind::Name && first->kind != ast::ExprKind::Attribute &&
            first->kind != ast::ExprKind::Subscript) {
            raise_syntax(std::string("'") + expr_name(first) + "' is an illegal expression for augmented assignment",
                         first->pos);
        }
        advance();
        auto* node = make<ast::AugAssign>(tok_pos(start));
        set_context(first, ast::ExprContext::Store);
        node->target = first;
        node->op = op;
        node->value = at_kw("yield") ? parse_yield() : parse_star_expressions();
        node->pos = from(start);
        return node;
    }
    if (t.is_op("=")) {
        std::vector<ast::Expr*> targets {first};
        ast::Expr* value = nullptr;
        while (accept_op("=")) {
            value = at_kw("yield") ? parse_yield() : parse_star_expressions();
            if (at_op("=")) targets.push_back(value);
        }
        for (size_t i = 0; i < targets.size(); ++i) {
            ast::Expr* target = targets[i];
            if (target->kind == ast::ExprKind::Yield || target->kind == ast::ExprKind::YieldFrom) {
                raise_syntax("assignment to yield expression not possible", target->pos);
            }
            if (!invalid_target(target, TargetKind::Star)) continue;
            // CPython's invalid_named_expression: `f() = 1` gets a hint about '=='. It
            // applies to the expression just before a single '=': the target itself, or
            // the last element of an unparenthesized tuple target.
            ast::Expr* rhs = leading_bitwise_or(value);
            if (i == 0 && targets.size() == 1 && rhs) {
                ast::Expr* before_eq = target;
                if (target->kind == ast::ExprKind::Tuple && !is_parenthesized(target)) {
                    auto const& elts = static_cast<ast::Tuple*>(target)->elts;
                    before_eq = elts.size() > 1 ? elts.back() : nullptr;
                    if (before_eq && before_eq->kind == ast::ExprKind::Name && !is_parenthesized(before_eq)) {
                        raise_syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                                     span(before_eq->pos, rhs->pos));
                    }
                }
                if (before_eq && is_bitwise_level(before_eq) && !starts_with_display(before_eq) &&
                    invalid_target(before_eq, TargetKind::Star)) {
                    raise_syntax(std::string("cannot assign to ") + expr_name(before_eq) +
                                     " here. Maybe you meant '==' instead of '='?",
                                 before_eq->pos);
                }
            }
            check_target(target, TargetKind::Star);
        }
        for (ast::Expr* target : targets) set_context(target, ast::ExprContext::Store);
        auto* node = make<ast::Assign>(from(start));
        node->targets = std::move(targets);
        node->value = value;
        return node;
    }
    auto* node = make<ast::ExprStmt>(from(start));
    node->value = first;
    return node;
}

ast::Stmt* Parser::parse_import()
{
    Token const& kw = advance();
    auto* node = make<ast::Import>(tok_pos(kw));
    for (;;) {
        Token const& first = tok();
        std::string name = identifier(expect_identifier());
        while (at_op(".")) {
            advance();
            name += '.';
            name += identifier(expect_identifier());
        }
        auto* alias = make<ast::Alias>(tok_pos(first));
        alias->name = std::move(name);
        if (accept_kw("as")) alias->asname = identifier(expect_identifier());
        alias->pos = from(first);
        node->names.push_back(alias);
        if (!accept_op(",")) break;
    }
    node->pos = from(kw);
    return node;
}

ast::Stmt* Parser::parse_from_import()
{
    Token const& kw = advance();
    auto* node = make<ast::ImportFrom>(tok_pos(kw));
    int level = 0;
    while (at_op(".") || at_op("...")) {
        level += tok().text == "..." ? 3 : 1;
        advance();
    }
    if (!at_kw("import")) {
        std::string name = identifier(expect_identifier());
        while (at_op(".")) {
            advance();
            name += '.';
            name += identifier(expect_identifier());
        }
        node->module = std::move(name);
    } else if (level == 0) {
        raise_invalid();
    }
    expect_kw("import");
    node->level = level;
    if (at_op("*")) {
        Token const& star = advance();
        auto* alias = make<ast::Alias>(tok_pos(star));
        alias->name = "*";
        node->names.push_back(alias);
        node->pos = from(kw);
        return node;
    }
    bool paren = accept_op("(");
    for (;;) {
        Token const& first = tok();
        auto* alias = make<ast::Alias>(tok_pos(first));
        alias->name = identifier(expect_identifier());
        if (accept_kw("as")) alias->asname = identifier(expect_identifier());
        alias->pos = from(first);
        node->names.push_back(alias);
        if (!accept_op(",")) break;
        if (paren && at_op(")")) break;
        if (!paren && (tok().kind == TokenKind::Newline || at_op(";"))) {
            raise_at_token("trailing comma not allowed without surrounding parentheses", tok());
        }
    }
    if (paren) expect_op(")");
    node->pos = from(kw);
    return node;
}

} // namespace slpy::parser
