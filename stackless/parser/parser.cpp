// Parser entry point and statements.
//
// See parser_impl.h for how the parser is organised. The grammar follows CPython 3.11's
// Grammar/python.gram; where CPython reports a specialised error message (its
// `invalid_*` rules), the second pass calls the rule (parser_invalid.cpp) where CPython
// tries it.
#include "stackless/parser/parser_impl.h"

#include "stackless/parser/source.h"

#include <algorithm>
#include <cstdio>

namespace slpy::parser {

namespace {

constexpr int k_max_depth = 1500;

} // namespace

// ---------------------------------------------------------------- entry point

ast::Mod* parse(std::string_view source, std::string const& filename, Mode mode, ast::Arena& arena,
                compiler::SyntaxErrorInfo& err, SourceOptions const& source_options, std::string* text_out,
                std::vector<compiler::SyntaxErrorInfo>* warnings)
{
    err = compiler::SyntaxErrorInfo{};
    err.filename = filename;
    std::string local_text;
    std::string& text = text_out ? *text_out : local_text;
    bool decoded = false;
    if (!prepare_source(source, source_options, text, decoded, err)) {
        err.filename = filename;
        return nullptr;
    }
    // CPython's translate_newlines (string input, 'exec' mode) adds one more newline when
    // the source ends with "\r\n": an empty last line, where errors at the end point.
    if (mode == Mode::Exec && !source_options.is_file && source.size() >= 2 &&
        source.substr(source.size() - 2) == "\r\n") {
        text += '\n';
    }
    Tokenizer tz(text);
    tz.run();
    if (mode != Mode::Exec && !tz.tokens().empty() && tz.tokens()[0].kind == TokenKind::EndMarker) {
        // CPython rejects empty 'eval' and 'single' input, at the end of the text.
        err.msg = "invalid syntax";
        err.lineno = err.end_lineno = static_cast<int>(std::count(source.begin(), source.end(), '\n'));
        return nullptr;
    }
    ParseOptions options;
    options.max_int_digits = source_options.max_int_digits;
    options.feature_version = source_options.feature_version;
    options.warnings = warnings;
    if (warnings)
        warnings->insert(warnings->end(), tz.warnings().begin(), tz.warnings().end());
    // CPython decodes the file's line with the declared codec; the front end shows the
    // decoded line it has instead.
    options.file_input = mode == Mode::Exec && !decoded;
    options.filename = filename;
    options.from_file = source_options.is_file;
    if (options.from_file) {
        SourceEncoding encoding = detect_source_encoding(source);
        options.byte_offsets = !encoding.bom && encoding.name.empty();
    }
    // CPython ends 'exec' source with a newline if it lacks one, but not the others.
    options.virtual_final_newline = mode != Mode::Exec && (source.empty() || (source.back() != '\n' && source.back() != '\r'));
    try {
        switch (mode) {
        case Mode::Exec: return Parser::run(tz, arena, options, &Parser::parse_file);
        case Mode::Eval: return Parser::run(tz, arena, options, &Parser::parse_eval);
        case Mode::Single: return Parser::run(tz, arena, options, &Parser::parse_single);
        }
    } catch (ParseError const& e) {
        err = e.info;
        err.filename = filename;
        // Undecodable bytes reach the line shown (the tokenizer passes them): CPython
        // decodes it with errors="replace".
        err.text = utf8_replace_invalid(err.text);
    }
    return nullptr;
}

// ---------------------------------------------------------------- tokens and errors

Parser::Parser(Tokenizer const& tokenizer, ast::Arena& arena, ParseOptions const& options)
    : m_tz(tokenizer), m_toks(tokenizer.tokens()), m_arena(arena), m_options(options), m_depth(options.depth),
      m_fstring_level(options.fstring_level)
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
    // Fetching the token where the tokenizer failed raises its error, as in CPython.
    if (m_toks[i].kind == TokenKind::ErrorToken) raise_tokenizer_error();
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
    if (!at_op(s)) fail();
    return advance();
}

Token const& Parser::expect_kw(std::string_view s)
{
    if (!at_kw(s)) fail();
    return advance();
}

bool Parser::at_identifier() const
{
    return tok().kind == TokenKind::Name && !is_keyword(tok().text);
}

Token const& Parser::expect_identifier()
{
    if (!at_identifier()) fail();
    return advance();
}

bool Parser::can_start_atom(Token const& t) const
{
    switch (t.kind) {
    case TokenKind::Name:
        return !is_keyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False";
    case TokenKind::Number:
    case TokenKind::String:
        return true;
    case TokenKind::Op:
        return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "...";
    default:
        return false;
    }
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
    if (tok().kind != TokenKind::EndMarker) fail();
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
        // CPython's parser turns the end of 'single' input into one more NEWLINE, which a
        // compound statement needs after its own; a body on the header's line that ends
        // the input without a newline leaves none (`def f(): pass` is invalid there).
        if (last().kind == TokenKind::Newline && at_eof(last()) && last().lineno == last_line())
            raise_at_token("invalid syntax", tok());
        while (tok().kind == TokenKind::Newline) advance();
        if (tok().kind != TokenKind::EndMarker) fail();
        return mod;
    }
    parse_simple_statements(mod->body);
    Token const& newline = last();
    while (tok().kind == TokenKind::Newline) advance();
    if (tok().kind != TokenKind::EndMarker) {
        Token const& t = tok();
        if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent) fail();
        // Raised after the statement, the tokenizer still on its line.
        raise_info(error_info("SyntaxError", "multiple statements found while compiling a single statement",
                              newline.lineno, newline.col + 1, newline.end_lineno, newline.end_col + 1, newline.lineno));
    }
    return mod;
}

ast::Expr* Parser::parse_fstring_field()
{
    ast::Expr* e = parse_star_expressions();
    while (tok().kind == TokenKind::Newline) advance();
    if (tok().kind != TokenKind::EndMarker) fail();
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

// block: NEWLINE INDENT statements DEDENT | simple_stmts. `what` names the statement for
// the "expected an indented block after ..." of its invalid_X_stmt rule, which CPython
// tries (in the second pass) before the statement: `... ':' NEWLINE !INDENT`.
std::vector<ast::Stmt*> Parser::parse_block(std::string const& what, int lineno)
{
    DepthGuard guard(*this);
    std::vector<ast::Stmt*> body;
    if (tok().kind == TokenKind::Newline) {
        advance();
        if (tok().kind != TokenKind::Indent) {
            if (m_invalid_rules) {
                raise_here("expected an indented block after " + what + " " + std::to_string(lineno), "IndentationError");
            }
            fail();
        }
        advance();
        return parse_statements_until_dedent();
    }
    parse_simple_statements(body);
    return body;
}

// The ':' after the header of a compound statement. `forced` is CPython's &&':', an error
// at once, at whatever comes instead. Otherwise the statement's invalid_X_stmt rule says
// "expected ':'" in the second pass when a NEWLINE follows the header.
void Parser::expect_colon(bool forced)
{
    if (accept_op(":")) return;
    if (forced) raise_at_token("expected ':'", tok());
    if (m_invalid_rules && tok().kind == TokenKind::Newline) raise_here("expected ':'");
    fail();
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
    if (tok().kind != TokenKind::Newline) fail();
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
        Token const& async_kw = t;
        if (n.is_name("def")) { advance(); return parse_funcdef({}, nullptr, &async_kw); }
        if (n.is_name("for")) { advance(); return parse_for(&async_kw); }
        if (n.is_name("with")) { advance(); return parse_with(&async_kw); }
        fail();
    }
    if (w == "match") return parse_match_statement();
    return nullptr;
}

ast::Stmt* Parser::parse_decorated()
{
    Token const& first = tok();
    std::vector<ast::Expr*> decorators;
    while (at_op("@")) {
        advance();
        decorators.push_back(parse_named_expression());
        if (tok().kind != TokenKind::Newline) fail();
        advance();
    }
    if (at_kw("def")) return parse_funcdef(std::move(decorators), &first);
    if (at_kw("class")) return parse_classdef(std::move(decorators), &first);
    if (at_kw("async") && peek_tok().is_name("def")) {
        Token const& async_kw = advance();
        return parse_funcdef(std::move(decorators), &first, &async_kw);
    }
    fail();
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

// for_stmt: 'for' star_targets 'in' ~ star_expressions ':' block [else_block]
//         | invalid_for_target
ast::Stmt* Parser::parse_for(Token const* async_kw)
{
    size_t for_pos = mark();
    Token const& kw = advance();
    auto* node = make<ast::For>(tok_pos(kw));
    node->is_async = async_kw != nullptr;
    node->target = parse_for_targets(for_pos);
    node->iter = parse_star_expressions();
    expect_colon(false);
    node->body = parse_block("'for' statement on line", kw.lineno);
    if (at_kw("else")) {
        Token const& e = advance();
        expect_colon(true);
        node->orelse = parse_block("'else' statement on line", e.lineno);
    }
    node->pos = from(async_kw ? *async_kw : kw);
    return node;
}

// star_target, as an expression checked afterwards.
ast::Expr* Parser::parse_star_target()
{
    ast::Expr* e = parse_star_expression();
    if (invalid_target(e, TargetKind::Star)) fail();
    return e;
}

// with_stmt: 'with' '(' ','.with_item+ ','? ')' ':' block
//          | 'with' ','.with_item+ ':' block
//          | invalid_with_stmt (second pass)
ast::Stmt* Parser::parse_with(Token const* async_kw)
{
    size_t with_pos = mark();
    Token const& kw = advance();
    auto* node = make<ast::With>(tok_pos(kw));
    node->is_async = async_kw != nullptr;
    // with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
    auto parse_item = [&]() {
        auto* item = m_arena.make<ast::WithItem>();
        item->context_expr = parse_expression();
        size_t as_pos = mark();
        if (accept_kw("as")) {
            ast::Expr* target = nullptr;
            if (attempt([&] {
                    target = parse_star_target();
                    if (!(at_op(",") || at_op(")") || at_op(":"))) fail();
                })) {
                set_context(target, ast::ExprContext::Store);
                item->optional_vars = target;
                return item;
            }
            if (m_invalid_rules) invalid_with_item(as_pos);
            m_pos = as_pos;
        }
        return item;
    };
    bool done = false;
    if (at_op("(")) {
        // The parenthesized form first, as CPython; else an ordinary expression.
        done = attempt([&] {
            advance();
            std::vector<ast::WithItem*> items;
            for (;;) {
                items.push_back(parse_item());
                if (!accept_op(",")) break;
                if (at_op(")")) break;
            }
            expect_op(")");
            if (!at_op(":")) fail();
            node->items = std::move(items);
        });
    }
    if (done)
        check_version(9, "Parenthesized context managers are");
    try {
        if (!done) {
            for (;;) {
                node->items.push_back(parse_item());
                if (!accept_op(",")) break;
            }
        }
        if (!at_op(":")) fail();
    } catch (ParseError const& e) {
        if (e.kind != ParseError::Kind::Fail || !m_invalid_rules) throw;
        invalid_with_stmt(with_pos);
        throw;
    }
    advance(); // ':'
    node->body = parse_block("'with' statement on line", kw.lineno);
    node->pos = from(async_kw ? *async_kw : kw);
    return node;
}

// try_stmt: invalid_try_stmt (second pass)
//         | 'try' &&':' block finally_block
//         | 'try' &&':' block except_block+ [else_block] [finally_block]
//         | 'try' &&':' block except_star_block+ [else_block] [finally_block]
ast::Stmt* Parser::parse_try()
{
    Token const& kw = advance();
    expect_colon(true);
    size_t body_pos = mark();
    std::vector<ast::Stmt*> body;
    try {
        body = parse_block("'try' statement on line", kw.lineno);
    } catch (ParseError const& e) {
        if (e.kind != ParseError::Kind::Fail || !m_invalid_rules) throw;
        // invalid_try_stmt's `'try' ':' block* except_block+ ...` also reads except
        // blocks right after the ':' (no block): their invalid_except_stmt rules apply.
        m_pos = body_pos;
        while (at_kw("except") && attempt([&] { parse_except_block(peek_tok().is_op("*")); })) {
        }
        throw;
    }
    if (!at_kw("except") && !at_kw("finally")) {
        if (m_invalid_rules) raise_here("expected 'except' or 'finally' block");
        fail();
    }
    std::vector<ast::ExceptHandler*> handlers;
    std::vector<ast::Stmt*> orelse;
    std::vector<ast::Stmt*> finalbody;
    int star_kind = 0; // 0 unknown, 1 except, 2 except*
    while (at_kw("except")) {
        size_t ex_pos = mark();
        int kind = peek_tok().is_op("*") ? 2 : 1;
        if (star_kind != 0 && star_kind != kind) {
            // The handlers so far end the statement. The second pass explains, or the
            // invalid_except_stmt rules of the handler kind before it do.
            if (m_invalid_rules) {
                invalid_try_stmt_mixed(ex_pos, star_kind == 2);
                attempt([&] { parse_except_block(kind == 2); });
                m_pos = ex_pos;
            }
            break;
        }
        star_kind = kind;
        handlers.push_back(parse_except_block(kind == 2));
    }
    if (at_kw("else") && !handlers.empty()) {
        Token const& e = advance();
        expect_colon(true);
        orelse = parse_block("'else' statement on line", e.lineno);
    }
    if (at_kw("finally")) {
        Token const& f = advance();
        expect_colon(true);
        finalbody = parse_block("'finally' statement on line", f.lineno);
    }
    if (handlers.empty() && finalbody.empty()) fail();
    if (star_kind == 2) {
        check_version(11, "Exception groups are");
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

// except_block: 'except' expression ['as' NAME] ':' block | 'except' ':' block
// except_star_block: 'except' '*' expression ['as' NAME] ':' block
// and, in the second pass, invalid_except_stmt where they fail.
ast::ExceptHandler* Parser::parse_except_block(bool star)
{
    Token const& ex = advance();
    if (star) advance();
    auto* h = make<ast::ExceptHandler>(tok_pos(ex));
    if (star || !at_op(":")) {
        if (tok().kind == TokenKind::Newline || at_op(":")) {
            // 'except' NEWLINE | 'except' '*' (NEWLINE | ':')
            if (m_invalid_rules) raise_here(star ? "expected one or more exception types" : "expected ':'");
            fail();
        }
        h->type = parse_expression();
        if (m_invalid_rules && at_op(",")) invalid_except_stmt_types(h->type);
        if (accept_kw("as")) h->name = identifier(expect_identifier());
    }
    expect_colon(false);
    h->body = parse_block(star ? "'except*' statement on line" : "'except' statement on line", ex.lineno);
    h->pos = from(ex);
    return h;
}

// function_def_raw: 'def' NAME &&'(' [params] ')' ['->' expression] &&':' block
ast::Stmt* Parser::parse_funcdef(std::vector<ast::Expr*> decorators, Token const* first, Token const* async_kw)
{
    Token const& kw = advance(); // 'def'
    auto* node = make<ast::FunctionDef>(tok_pos(kw));
    node->is_async = async_kw != nullptr;
    node->name = identifier(expect_identifier());
    if (!at_op("(")) raise_at_token("expected '('", tok());
    advance();
    node->args = parse_parameters(false);
    expect_op(")");
    if (at_op("->")) {
        // ['->' expression]: if no expression follows, the '->' is where ':' was expected.
        attempt([&] {
            advance();
            node->returns = parse_expression();
        });
    }
    expect_colon(true);
    node->decorator_list = std::move(decorators);
    node->body = parse_block("function definition on line", kw.lineno);
    node->pos = from(async_kw ? *async_kw : kw);
    (void)first;
    return node;
}

// class_def_raw: 'class' NAME ['(' [arguments] ')'] ':' block
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
        if (w == "del") return parse_del();
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

// del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt
ast::Stmt* Parser::parse_del()
{
    size_t del_pos = mark();
    Token const& kw = advance();
    auto* node = make<ast::Delete>(tok_pos(kw));
    bool ok = attempt([&] {
        // del_targets: ','.del_target+ [','], where a del_target is a primary (CPython
        // looks no further when no atom begins).
        for (;;) {
            if (!can_start_atom(tok())) fail();
            ast::Expr* target = parse_primary();
            if (invalid_target(target, TargetKind::Del)) fail();
            node->targets.push_back(target);
            if (!accept_op(",")) break;
            if (tok().kind == TokenKind::Newline || at_op(";")) break;
        }
        if (!(tok().kind == TokenKind::Newline || at_op(";"))) fail();
    });
    if (!ok) {
        if (m_invalid_rules) invalid_del_stmt(del_pos);
        fail();
    }
    for (ast::Expr* target : node->targets) set_context(target, ast::ExprContext::Del);
    node->pos = from(kw);
    return node;
}

// single_target: NAME, an attribute or a subscript, possibly parenthesized.
static bool is_single_target(ast::Expr const* e)
{
    return e->kind == ast::ExprKind::Name || e->kind == ast::ExprKind::Attribute || e->kind == ast::ExprKind::Subscript;
}

// A simple statement that starts with an expression: assignment | star_expressions |
// yield_stmt. The second pass tries invalid_assignment in between, as CPython.
ast::Stmt* Parser::parse_expression_statement()
{
    if (!m_invalid_rules) return parse_assignment(false);
    ast::Stmt* s = nullptr;
    if (attempt([&] { s = parse_assignment(true); })) return s;
    invalid_assignment();
    return parse_assignment(false);
}

// assignment: NAME ':' expression ['=' annotated_rhs]
//           | ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
//           | (star_targets '=')+ (yield_expr | star_expressions) !'='
//           | single_target augassign ~ (yield_expr | star_expressions)
// or, unless `only_assignment`, an expression statement.
ast::Stmt* Parser::parse_assignment(bool only_assignment)
{
    Token const& start = tok();
    ast::Expr* first = at_kw("yield") ? parse_yield() : parse_star_expressions();
    Token const& t = tok();
    ast::Operator op {};
    if (t.is_op(":")) {
        ast::Expr* target = first;
        if (!is_single_target(target)) fail();
        advance();
        auto* node = make<ast::AnnAssign>(tok_pos(start));
        set_context(target, ast::ExprContext::Store);
        node->target = target;
        node->simple = target->kind == ast::ExprKind::Name && !is_parenthesized(target);
        node->annotation = parse_expression();
        // ['=' annotated_rhs]: without a value after the '=', the statement ends before it.
        attempt([&] {
            expect_op("=");
            node->value = at_kw("yield") ? parse_yield() : parse_star_expressions();
        });
        node->pos = from(start);
        return node;
    }
    if (is_augassign(t, op)) {
        if (!is_single_target(first)) fail();
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
        // Each target is checked before what follows its '=' is parsed, as CPython's
        // (star_targets '=')+ does.
        std::vector<ast::Expr*> targets {first};
        ast::Expr* value = nullptr;
        if (invalid_target(first, TargetKind::Star)) fail();
        while (accept_op("=")) {
            value = at_kw("yield") ? parse_yield() : parse_star_expressions();
            if (at_op("=")) {
                if (invalid_target(value, TargetKind::Star)) fail();
                targets.push_back(value);
            }
        }
        for (ast::Expr* target : targets) set_context(target, ast::ExprContext::Store);
        auto* node = make<ast::Assign>(from(start));
        node->targets = std::move(targets);
        node->value = value;
        return node;
    }
    if (only_assignment) fail();
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
        fail();
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
        if (!paren && tok().kind == TokenKind::Newline) {
            // invalid_import_from_targets: import_from_as_names ',' NEWLINE
            if (m_invalid_rules) raise_here("trailing comma not allowed without surrounding parentheses");
            fail();
        }
    }
    if (paren) expect_op(")");
    node->pos = from(kw);
    return node;
}

} // namespace slpy::parser
