// The match statement (PEP 634), after CPython 3.11's Grammar/python.gram: match_stmt,
// case_block, the pattern rules and their invalid_ rules. `match`, `case` and `_` are
// soft keywords: where the match_stmt rule does not apply, the statement is parsed as
// anything else (so `match = 1`, `match(x)` and `match[x]` are ordinary statements).
#include "stackless/parser/parser_impl.h"

namespace slpy::parser {

namespace {

bool is_soft_name(Token const& t, std::string_view s) { return t.kind == TokenKind::Name && t.text == s; }

// A NUMBER token's text ends with 'j' or 'J' when it is imaginary.
bool is_imaginary(Token const& t) { return !t.text.empty() && (t.text.back() == 'j' || t.text.back() == 'J'); }

} // namespace

// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT. nullptr (back
// at `match`) where the header does not match: the statement is something else.
ast::Stmt* Parser::parse_match_statement()
{
    Token const& kw = tok();
    ast::Expr* subject = nullptr;
    bool header = attempt([&] {
        advance(); // 'match'
        subject = parse_subject_expr();
        // invalid_match_stmt: "match" subject_expr NEWLINE -> "expected ':'"
        expect_colon(false);
        if (tok().kind != TokenKind::Newline) fail();
        advance();
        if (tok().kind != TokenKind::Indent) {
            if (m_invalid_rules) {
                raise_here("expected an indented block after 'match' statement on line " + std::to_string(kw.lineno),
                           "IndentationError");
            }
            fail();
        }
        advance();
    });
    if (!header) return nullptr;
    auto* node = make<ast::Match>(tok_pos(kw));
    node->subject = subject;
    do {
        node->cases.push_back(parse_case_block());
    } while (at_kw("case"));
    if (tok().kind != TokenKind::Dedent) fail();
    advance();
    node->pos = from(kw);
    return node;
}

// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
ast::Expr* Parser::parse_subject_expr()
{
    Token const& start = tok();
    ast::Expr* first = parse_star_named_expression();
    if (!at_op(",")) {
        if (first->kind == ast::ExprKind::Starred) fail();
        return first;
    }
    auto* t = make<ast::Tuple>(tok_pos(start));
    t->ctx = ast::ExprContext::Load;
    t->elts.push_back(first);
    while (accept_op(",")) {
        if (!(at_op("*") || can_start_expression(tok()))) break;
        t->elts.push_back(parse_star_named_expression());
    }
    t->pos = from(start);
    return t;
}

// case_block: "case" patterns guard? ':' block (with invalid_case_block's errors).
ast::MatchCase* Parser::parse_case_block()
{
    Token const& kw = tok();
    if (!is_soft_name(kw, "case")) fail();
    advance();
    auto* c = make<ast::MatchCase>(tok_pos(kw));
    c->pattern = parse_patterns();
    if (accept_kw("if")) c->guard = parse_named_expression();
    expect_colon(false);
    c->body = parse_block("'case' statement on line", kw.lineno);
    return c;
}

// patterns: open_sequence_pattern | pattern
ast::Pattern* Parser::parse_patterns()
{
    Token const& start = tok();
    ast::Pattern* first = parse_maybe_star_pattern();
    if (!at_op(",")) {
        if (first->kind == ast::PatternKind::MatchStar) fail();
        return first;
    }
    auto* seq = make<ast::MatchSequence>(tok_pos(start));
    seq->patterns.push_back(first);
    while (accept_op(",")) {
        if (!can_start_pattern()) break;
        seq->patterns.push_back(parse_maybe_star_pattern());
    }
    seq->pos = from(start);
    return seq;
}

bool Parser::can_start_pattern() const
{
    Token const& t = tok();
    if (t.kind == TokenKind::Number || t.kind == TokenKind::String) return true;
    if (t.kind == TokenKind::Name) return !is_keyword(t.text) || t.text == "None" || t.text == "True" || t.text == "False";
    return t.is_op("*") || t.is_op("-") || t.is_op("(") || t.is_op("[") || t.is_op("{");
}

// maybe_star_pattern: star_pattern | pattern
ast::Pattern* Parser::parse_maybe_star_pattern()
{
    if (!at_op("*")) return parse_pattern();
    Token const& star = advance();
    auto* node = make<ast::MatchStar>(tok_pos(star));
    if (is_soft_name(tok(), "_")) {
        advance();
    } else {
        node->name = parse_capture_target();
    }
    node->pos = from(star);
    return node;
}

// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
std::string Parser::parse_capture_target()
{
    if (!at_identifier() || is_soft_name(tok(), "_")) fail();
    Token const& n = peek_tok();
    if (n.is_op(".") || n.is_op("(") || n.is_op("=")) fail();
    return identifier(advance());
}

bool Parser::at_capture_target() const
{
    if (!at_identifier() || is_soft_name(tok(), "_")) return false;
    Token const& n = peek_tok();
    return !(n.is_op(".") || n.is_op("(") || n.is_op("="));
}

// pattern: as_pattern | or_pattern (with invalid_as_pattern's errors)
ast::Pattern* Parser::parse_pattern()
{
    DepthGuard guard(*this);
    Token const& start = tok();
    ast::Pattern* p = parse_or_pattern();
    if (!at_kw("as")) return p;
    size_t as_pos = mark();
    advance();
    if (at_capture_target()) {
        auto* node = make<ast::MatchAs>(tok_pos(start));
        node->pattern = p;
        node->name = identifier(advance());
        node->pos = from(start);
        return node;
    }
    if (m_invalid_rules) {
        if (is_soft_name(tok(), "_")) raise_at_token("cannot use '_' as a target", tok());
        if (!(tok().kind == TokenKind::Name && !is_keyword(tok().text))) {
            ast::Expr* a = nullptr;
            if (attempt([&] { a = parse_expression(); })) raise_syntax("invalid pattern target", a->pos);
        }
    }
    // The or_pattern alone; what follows then fails.
    m_pos = as_pos;
    return p;
}

// or_pattern: '|'.closed_pattern+
ast::Pattern* Parser::parse_or_pattern()
{
    Token const& start = tok();
    ast::Pattern* first = parse_closed_pattern();
    if (!at_op("|")) return first;
    auto* node = make<ast::MatchOr>(tok_pos(start));
    node->patterns.push_back(first);
    while (accept_op("|")) node->patterns.push_back(parse_closed_pattern());
    node->pos = from(start);
    return node;
}

// A NUMBER token as a real (`want_imaginary` false) or imaginary part of a complex
// literal pattern (CPython's _PyPegen_ensure_real / _PyPegen_ensure_imaginary).
ast::Expr* Parser::parse_pattern_number(bool want_imaginary)
{
    if (tok().kind != TokenKind::Number) fail();
    Token const& t = advance();
    ast::Expr* e = parse_number(t);
    if (want_imaginary && !is_imaginary(t)) raise_syntax("imaginary number required in complex literal", e->pos);
    if (!want_imaginary && is_imaginary(t)) raise_syntax("real number required in complex literal", e->pos);
    return e;
}

// literal_expr's numbers: signed_number !('+' | '-') | complex_number
ast::Expr* Parser::parse_number_literal()
{
    Token const& start = tok();
    size_t save = mark();
    auto signed_number = [&](bool check_part) -> ast::Expr* {
        bool neg = accept_op("-");
        ast::Expr* n = nullptr;
        if (check_part) {
            n = parse_pattern_number(false);
        } else {
            if (tok().kind != TokenKind::Number) fail();
            n = parse_number(advance());
        }
        if (!neg) return n;
        auto* u = make<ast::UnaryOp>(from(start));
        u->op = ast::UnaryOpKind::USub;
        u->operand = n;
        return u;
    };
    ast::Expr* value = signed_number(false);
    if (!at_op("+") && !at_op("-")) return value;
    // complex_number: signed_real_number ('+' | '-') imaginary_number
    m_pos = save;
    ast::Expr* real = signed_number(true);
    auto* b = make<ast::BinOp>(from(start));
    b->op = advance().text == "+" ? ast::Operator::Add : ast::Operator::Sub;
    b->left = real;
    b->right = parse_pattern_number(true);
    b->pos = from(start);
    return b;
}

// name_or_attr: attr | NAME; `need_dot`: attr alone.
ast::Expr* Parser::parse_name_or_attr(bool need_dot)
{
    if (!at_identifier()) fail();
    Token const& start = tok();
    auto* n = make<ast::Name>(tok_pos(start));
    n->id = identifier(advance());
    n->ctx = ast::ExprContext::Load;
    ast::Expr* e = n;
    while (at_op(".") && peek_tok().kind == TokenKind::Name && !is_keyword(peek_tok().text)) {
        advance();
        auto* a = make<ast::Attribute>(tok_pos(start));
        a->value = e;
        a->attr = identifier(advance());
        a->ctx = ast::ExprContext::Load;
        a->pos = from(start);
        e = a;
    }
    if (need_dot && e == n) fail();
    return e;
}

// closed_pattern: literal | capture | wildcard | value | group | sequence | mapping | class
ast::Pattern* Parser::parse_closed_pattern()
{
    DepthGuard guard(*this);
    Token const& t = tok();
    if (t.kind == TokenKind::Number || t.is_op("-")) {
        auto* node = make<ast::MatchValue>(tok_pos(t));
        node->value = parse_number_literal();
        node->pos = node->value->pos;
        return node;
    }
    if (t.kind == TokenKind::String) {
        auto* node = make<ast::MatchValue>(tok_pos(t));
        node->value = parse_strings();
        node->pos = node->value->pos;
        return node;
    }
    if (t.is_name("None") || t.is_name("True") || t.is_name("False")) {
        advance();
        auto* node = make<ast::MatchSingleton>(tok_pos(t));
        node->value = t.text == "None" ? compiler::ConstValue::none() : compiler::ConstValue::boolean(t.text == "True");
        return node;
    }
    if (t.is_op("(") || t.is_op("[")) return parse_sequence_pattern();
    if (t.is_op("{")) return parse_mapping_pattern();
    if (t.kind != TokenKind::Name || is_keyword(t.text)) fail();
    if (at_capture_target()) {
        auto* node = make<ast::MatchAs>(tok_pos(t));
        node->name = identifier(advance());
        return node;
    }
    if (is_soft_name(t, "_")) {
        advance();
        return make<ast::MatchAs>(tok_pos(t));
    }
    ast::Expr* e = parse_name_or_attr(false);
    if (at_op("(")) return parse_class_pattern(e);
    // value_pattern: attr !('.' | '(' | '=')
    if (e->kind != ast::ExprKind::Attribute || at_op(".") || at_op("=")) fail();
    auto* node = make<ast::MatchValue>(e->pos);
    node->value = e;
    return node;
}

// group_pattern: '(' pattern ')'; sequence_pattern: '[' maybe_sequence_pattern? ']' |
// '(' open_sequence_pattern? ')'
ast::Pattern* Parser::parse_sequence_pattern()
{
    Token const& open = advance();
    std::string_view close = open.text == "(" ? ")" : "]";
    auto* seq = make<ast::MatchSequence>(tok_pos(open));
    if (accept_op(close)) {
        seq->pos = from(open);
        return seq;
    }
    ast::Pattern* first = parse_maybe_star_pattern();
    if (open.text == "(" && at_op(")") && first->kind != ast::PatternKind::MatchStar) {
        advance();
        return first; // a group: the pattern itself
    }
    seq->patterns.push_back(first);
    if (open.text == "(" && !at_op(",")) fail();
    while (accept_op(",")) {
        if (at_op(close)) break;
        seq->patterns.push_back(parse_maybe_star_pattern());
    }
    expect_op(close);
    seq->pos = from(open);
    return seq;
}

// mapping_pattern: '{' [items_pattern ','] ['**' pattern_capture_target] [','] '}'
ast::Pattern* Parser::parse_mapping_pattern()
{
    Token const& open = advance();
    auto* node = make<ast::MatchMapping>(tok_pos(open));
    while (!at_op("}")) {
        if (accept_op("**")) {
            node->rest = parse_capture_target();
            accept_op(",");
            break;
        }
        // key_value_pattern: (literal_expr | attr) ':' pattern
        Token const& k = tok();
        ast::Expr* key = nullptr;
        if (k.kind == TokenKind::Number || k.is_op("-")) {
            key = parse_number_literal();
        } else if (k.kind == TokenKind::String) {
            key = parse_strings();
        } else if (k.is_name("None") || k.is_name("True") || k.is_name("False")) {
            key = parse_atom();
        } else {
            key = parse_name_or_attr(true);
        }
        expect_op(":");
        node->keys.push_back(key);
        node->patterns.push_back(parse_pattern());
        if (!accept_op(",")) break;
    }
    expect_op("}");
    node->pos = from(open);
    return node;
}

// class_pattern: name_or_attr '(' [positional_patterns] [keyword_patterns] [','] ')'
// (with invalid_class_pattern's "positional patterns follow keyword patterns").
ast::Pattern* Parser::parse_class_pattern(ast::Expr* cls)
{
    auto* node = make<ast::MatchClass>(cls->pos);
    node->cls = cls;
    advance(); // '('
    while (!at_op(")")) {
        bool keyword = at_identifier() && peek_tok().is_op("=");
        if (keyword) {
            node->kwd_attrs.push_back(identifier(advance()));
            advance(); // '='
            node->kwd_patterns.push_back(parse_pattern());
        } else if (!node->kwd_attrs.empty()) {
            if (!m_invalid_rules) fail();
            ast::Pattern* first = parse_pattern();
            ast::Pattern* last = first;
            size_t save = mark();
            while (accept_op(",") && can_start_pattern() && !(at_identifier() && peek_tok().is_op("="))) {
                ast::Pattern* p = nullptr;
                if (!attempt([&] { p = parse_pattern(); })) break;
                last = p;
                save = mark();
            }
            m_pos = save;
            raise_syntax("positional patterns follow keyword patterns", span(first->pos, last->pos));
        } else {
            node->patterns.push_back(parse_pattern());
        }
        if (!accept_op(",")) break;
    }
    expect_op(")");
    node->pos = from(ast::Pos { cls->pos.lineno, cls->pos.col_offset, cls->pos.end_lineno, cls->pos.end_col_offset });
    return node;
}

} // namespace slpy::parser
