// Expression parsing: the precedence levels of Python 3.11's grammar, displays and
// comprehensions, call arguments, slices, parameters, and target validation.
//
// Position rule (as CPython's EXTRA): a node spans from the first token of the rule
// that built it to the last token consumed, so `(a) + b` starts at the '('.
#include "stackless/parser/parser_impl.h"

namespace slpy::parser {

namespace {

bool is_not_unary(ast::Expr const* e)
{
    return e->kind == ast::ExprKind::UnaryOp && static_cast<ast::UnaryOp const*>(e)->op == ast::UnaryOpKind::Not;
}

} // namespace

char const* Parser::expr_name(ast::Expr const* e)
{
    using K = ast::ExprKind;
    switch (e->kind) {
    case K::Attribute: return "attribute";
    case K::Subscript: return "subscript";
    case K::Starred: return "starred";
    case K::Name: return "name";
    case K::List: return "list";
    case K::Tuple: return "tuple";
    case K::Lambda: return "lambda";
    case K::Call: return "function call";
    case K::BoolOp:
    case K::BinOp:
    case K::UnaryOp: return "expression";
    case K::GeneratorExp: return "generator expression";
    case K::Yield:
    case K::YieldFrom: return "yield expression";
    case K::ListComp: return "list comprehension";
    case K::SetComp: return "set comprehension";
    case K::DictComp: return "dict comprehension";
    case K::Dict: return "dict literal";
    case K::Set: return "set display";
    case K::JoinedStr:
    case K::FormattedValue: return "f-string expression";
    case K::Constant: {
        auto const& v = static_cast<ast::Constant const*>(e)->value;
        switch (v.kind) {
        case compiler::ConstValue::Kind::None: return "None";
        case compiler::ConstValue::Kind::True: return "True";
        case compiler::ConstValue::Kind::False: return "False";
        case compiler::ConstValue::Kind::Ellipsis: return "ellipsis";
        default: return "literal";
        }
    }
    case K::Compare: return "comparison";
    case K::IfExp: return "conditional expression";
    case K::NamedExpr: return "named expression";
    case K::Slice: return "slice";
    }
    return "expression";
}

// ---------------------------------------------------------------- targets

ast::Expr* Parser::invalid_target(ast::Expr* e, TargetKind kind)
{
    using K = ast::ExprKind;
    switch (e->kind) {
    case K::Tuple:
        for (ast::Expr* elt : static_cast<ast::Tuple*>(e)->elts) {
            if (ast::Expr* bad = invalid_target(elt, kind)) return bad;
        }
        return nullptr;
    case K::List:
        for (ast::Expr* elt : static_cast<ast::List*>(e)->elts) {
            if (ast::Expr* bad = invalid_target(elt, kind)) return bad;
        }
        return nullptr;
    case K::Starred:
        if (kind == TargetKind::Del) return e;
        return invalid_target(static_cast<ast::Starred*>(e)->value, kind);
    case K::Compare:
        if (kind == TargetKind::For) {
            auto* c = static_cast<ast::Compare*>(e);
            if (!c->ops.empty() && c->ops[0] == ast::CmpOp::In) return invalid_target(c->left, kind);
            return nullptr;
        }
        return e;
    case K::Name:
    case K::Subscript:
    case K::Attribute:
        return nullptr;
    default:
        return e;
    }
}

void Parser::set_context(ast::Expr* e, ast::ExprContext ctx)
{
    using K = ast::ExprKind;
    switch (e->kind) {
    case K::Name: static_cast<ast::Name*>(e)->ctx = ctx; break;
    case K::Attribute: static_cast<ast::Attribute*>(e)->ctx = ctx; break;
    case K::Subscript: static_cast<ast::Subscript*>(e)->ctx = ctx; break;
    case K::Starred:
        static_cast<ast::Starred*>(e)->ctx = ctx;
        set_context(static_cast<ast::Starred*>(e)->value, ctx);
        break;
    case K::List:
        static_cast<ast::List*>(e)->ctx = ctx;
        for (ast::Expr* elt : static_cast<ast::List*>(e)->elts) set_context(elt, ctx);
        break;
    case K::Tuple:
        static_cast<ast::Tuple*>(e)->ctx = ctx;
        for (ast::Expr* elt : static_cast<ast::Tuple*>(e)->elts) set_context(elt, ctx);
        break;
    default: break;
    }
}

// Does the source of `e`, from token `start`, begin with a list display, a tuple display,
// a generator expression or True/None/False? (CPython's lookahead
// `!(list|tuple|genexp|'True'|'None'|'False')`.) The atom that begins there is the deepest
// leftmost node starting at that token: `((1, 2))` or `([1])` begin with a group.
bool Parser::starts_with_display(ast::Expr* e, size_t start) const
{
    using K = ast::ExprKind;
    Token const& t = m_toks[start];
    if (t.is_name("True") || t.is_name("None") || t.is_name("False")) return true;
    if (!t.is_op("[") && !t.is_op("(")) return false;
    ast::Expr* atom = nullptr;
    while (e && e->pos.lineno == t.lineno && e->pos.col_offset == t.col) {
        atom = e;
        switch (e->kind) {
        case K::Attribute: e = static_cast<ast::Attribute*>(e)->value; break;
        case K::Subscript: e = static_cast<ast::Subscript*>(e)->value; break;
        case K::Call: e = static_cast<ast::Call*>(e)->func; break;
        case K::BinOp: e = static_cast<ast::BinOp*>(e)->left; break;
        case K::Compare: e = static_cast<ast::Compare*>(e)->left; break;
        case K::BoolOp: e = static_cast<ast::BoolOp*>(e)->values[0]; break;
        case K::IfExp: e = static_cast<ast::IfExp*>(e)->body; break;
        case K::Tuple: {
            auto const& elts = static_cast<ast::Tuple*>(e)->elts;
            e = is_parenthesized(e) || elts.empty() ? nullptr : elts[0];
            break;
        }
        default: e = nullptr; break;
        }
    }
    if (!atom) return false;
    if (atom->kind == K::Tuple) return is_parenthesized(atom) || static_cast<ast::Tuple*>(atom)->elts.empty();
    return atom->kind == K::List || atom->kind == K::GeneratorExp;
}

bool Parser::is_bitwise_level(ast::Expr* e) const
{
    using K = ast::ExprKind;
    if (is_parenthesized(e)) return true;
    switch (e->kind) {
    case K::Compare:
    case K::BoolOp:
    case K::IfExp:
    case K::Lambda:
    case K::NamedExpr:
    case K::Starred:
    case K::Yield:
    case K::YieldFrom:
        return false;
    case K::Tuple:
        return false;
    case K::UnaryOp:
        return !is_not_unary(e);
    default:
        return true;
    }
}

// ---------------------------------------------------------------- expression levels

ast::Expr* Parser::parse_star_expressions()
{
    Token const& start = tok();
    ast::Expr* first = parse_star_expression();
    if (!at_op(",")) return first;
    auto* tuple = make<ast::Tuple>(tok_pos(start));
    tuple->elts.push_back(first);
    while (accept_op(",")) {
        if (!can_start_expression(tok()) && !at_op("*")) break;
        tuple->elts.push_back(parse_star_expression());
    }
    tuple->pos = from(start);
    return tuple;
}

ast::Expr* Parser::parse_star_expression()
{
    if (at_op("*")) {
        Token const& star = advance();
        DepthGuard guard(*this);
        auto* node = make<ast::Starred>(tok_pos(star));
        node->value = parse_bitwise_or();
        node->pos = from(star);
        return node;
    }
    return parse_expression();
}

ast::Expr* Parser::parse_star_named_expression()
{
    if (at_op("*")) {
        Token const& star = advance();
        DepthGuard guard(*this);
        auto* node = make<ast::Starred>(tok_pos(star));
        node->value = parse_bitwise_or();
        node->pos = from(star);
        return node;
    }
    return parse_named_expression();
}

ast::Expr* Parser::parse_expressions()
{
    Token const& start = tok();
    ast::Expr* first = parse_expression();
    if (!at_op(",")) return first;
    auto* tuple = make<ast::Tuple>(tok_pos(start));
    tuple->elts.push_back(first);
    while (accept_op(",")) {
        if (!can_start_expression(tok())) break;
        tuple->elts.push_back(parse_expression());
    }
    tuple->pos = from(start);
    return tuple;
}

// named_expression: assignment_expression | invalid_named_expression | expression !':='.
// Without `with_invalid` (call arguments): assignment_expression | expression !':='.
ast::Expr* Parser::parse_named_expression(bool with_invalid)
{
    Token const& start = tok();
    if (at_identifier() && peek_tok().is_op(":=")) {
        DepthGuard guard(*this);
        auto* node = make<ast::NamedExpr>(tok_pos(start));
        auto* target = make<ast::Name>(tok_pos(start));
        target->id = identifier(start);
        target->ctx = ast::ExprContext::Store;
        advance();
        advance();
        node->target = target;
        node->value = parse_expression();
        node->pos = from(start);
        check_version(8, "Assignment expressions are");
        return node;
    }
    size_t start_pos = mark();
    ast::Expr* e = parse_expression();
    if (m_invalid_rules && with_invalid) invalid_named_expression(start_pos, e);
    if (at_op(":=")) fail();
    return e;
}

// expression: invalid_expression | invalid_legacy_expression
//           | disjunction 'if' disjunction 'else' expression | disjunction | lambdef
// In the second pass its results are memoized (see Memo).
ast::Expr* Parser::parse_expression()
{
    if (!m_second_pass) return parse_expression_rule();
    auto& memo = m_expr_memo[m_invalid_rules ? 1 : 0];
    size_t start = m_pos;
    if (auto it = memo.find(start); it != memo.end()) {
        if (it->second.failed) fail();
        m_pos = it->second.end;
        return it->second.node;
    }
    try {
        ast::Expr* e = parse_expression_rule();
        memo[start] = {e, m_pos, false};
        return e;
    } catch (ParseError const& err) {
        if (err.kind == ParseError::Kind::Fail) memo[start] = {nullptr, start, true};
        throw;
    }
}

ast::Expr* Parser::parse_expression_rule()
{
    DepthGuard guard(*this);
    if (at_kw("lambda")) return parse_lambda();
    size_t start_pos = mark();
    Token const& start = tok();
    ast::Expr* a = parse_disjunction();
    if (m_invalid_rules) invalid_expression_comma(start_pos, a);
    if (at_kw("if")) {
        // disjunction 'if' disjunction 'else' expression; where that does not match,
        // the disjunction alone (the caller fails at the 'if').
        auto* node = make<ast::IfExp>(tok_pos(start));
        if (attempt([&] {
                advance();
                ast::Expr* b = parse_disjunction();
                if (!at_kw("else")) {
                    if (m_invalid_rules) invalid_expression_if(a, b);
                    fail();
                }
                advance();
                node->body = a;
                node->test = b;
                node->orelse = parse_expression();
                node->pos = from(start);
            })) {
            return node;
        }
    }
    if (m_invalid_rules) invalid_legacy_expression(start_pos);
    return a;
}

ast::Expr* Parser::parse_disjunction()
{
    Token const& start = tok();
    ast::Expr* first = parse_conjunction();
    ast::BoolOp* node = nullptr;
    while (at_kw("or")) {
        size_t op_pos = mark();
        advance();
        ast::Expr* e = operand_after(op_pos, [&] { return parse_conjunction(); });
        if (!e) break;
        if (!node) {
            node = make<ast::BoolOp>(tok_pos(start));
            node->op = ast::BoolOpKind::Or;
            node->values.push_back(first);
        }
        node->values.push_back(e);
    }
    if (!node) return first;
    node->pos = from(start);
    return node;
}

ast::Expr* Parser::parse_conjunction()
{
    Token const& start = tok();
    ast::Expr* first = parse_inversion();
    ast::BoolOp* node = nullptr;
    while (at_kw("and")) {
        size_t op_pos = mark();
        advance();
        ast::Expr* e = operand_after(op_pos, [&] { return parse_inversion(); });
        if (!e) break;
        if (!node) {
            node = make<ast::BoolOp>(tok_pos(start));
            node->op = ast::BoolOpKind::And;
            node->values.push_back(first);
        }
        node->values.push_back(e);
    }
    if (!node) return first;
    node->pos = from(start);
    return node;
}

ast::Expr* Parser::parse_inversion()
{
    if (at_kw("not")) {
        DepthGuard guard(*this);
        Token const& start = advance();
        auto* node = make<ast::UnaryOp>(tok_pos(start));
        node->op = ast::UnaryOpKind::Not;
        node->operand = parse_inversion();
        node->pos = from(start);
        return node;
    }
    return parse_comparison();
}

ast::Expr* Parser::parse_comparison()
{
    Token const& start = tok();
    ast::Expr* left = parse_bitwise_or();
    ast::Compare* node = nullptr;
    for (;;) {
        size_t op_pos = mark();
        Token const& t = tok();
        ast::CmpOp op;
        if (t.kind == TokenKind::Op) {
            if (t.text == "==") op = ast::CmpOp::Eq;
            else if (t.text == "!=") op = ast::CmpOp::NotEq;
            else if (t.text == "<") op = ast::CmpOp::Lt;
            else if (t.text == "<=") op = ast::CmpOp::LtE;
            else if (t.text == ">") op = ast::CmpOp::Gt;
            else if (t.text == ">=") op = ast::CmpOp::GtE;
            else break;
            advance();
        } else if (t.is_name("in")) {
            op = ast::CmpOp::In;
            advance();
        } else if (t.is_name("not") && peek_tok().is_name("in")) {
            op = ast::CmpOp::NotIn;
            advance();
            advance();
        } else if (t.is_name("is")) {
            advance();
            op = accept_kw("not") ? ast::CmpOp::IsNot : ast::CmpOp::Is;
        } else {
            break;
        }
        ast::Expr* right = operand_after(op_pos, [&] { return parse_bitwise_or(); });
        if (!right) break;
        if (!node) {
            node = make<ast::Compare>(tok_pos(start));
            node->left = left;
        }
        node->ops.push_back(op);
        node->comparators.push_back(right);
    }
    if (!node) return left;
    node->pos = from(start);
    return node;
}

ast::Expr* Parser::parse_bitwise_or()
{
    Token const& start = tok();
    ast::Expr* left = parse_bitwise_xor();
    while (at_op("|")) {
        size_t op_pos = mark();
        advance();
        ast::Expr* right = operand_after(op_pos, [&] { return parse_bitwise_xor(); });
        if (!right) break;
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = ast::Operator::BitOr;
        node->right = right;
        node->pos = from(start);
        left = node;
    }
    return left;
}

ast::Expr* Parser::parse_bitwise_xor()
{
    Token const& start = tok();
    ast::Expr* left = parse_bitwise_and();
    while (at_op("^")) {
        size_t op_pos = mark();
        advance();
        ast::Expr* right = operand_after(op_pos, [&] { return parse_bitwise_and(); });
        if (!right) break;
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = ast::Operator::BitXor;
        node->right = right;
        node->pos = from(start);
        left = node;
    }
    return left;
}

ast::Expr* Parser::parse_bitwise_and()
{
    Token const& start = tok();
    ast::Expr* left = parse_shift();
    while (at_op("&")) {
        size_t op_pos = mark();
        advance();
        ast::Expr* right = operand_after(op_pos, [&] { return parse_shift(); });
        if (!right) break;
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = ast::Operator::BitAnd;
        node->right = right;
        node->pos = from(start);
        left = node;
    }
    return left;
}

ast::Expr* Parser::parse_shift()
{
    Token const& start = tok();
    ast::Expr* left = parse_sum();
    for (;;) {
        ast::Operator op;
        if (at_op("<<")) op = ast::Operator::LShift;
        else if (at_op(">>")) op = ast::Operator::RShift;
        else break;
        size_t op_pos = mark();
        advance();
        ast::Expr* right = operand_after(op_pos, [&] { return parse_sum(); });
        if (!right) break;
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = op;
        node->right = right;
        node->pos = from(start);
        left = node;
    }
    return left;
}

ast::Expr* Parser::parse_sum()
{
    Token const& start = tok();
    ast::Expr* left = parse_term();
    for (;;) {
        ast::Operator op;
        if (at_op("+")) op = ast::Operator::Add;
        else if (at_op("-")) op = ast::Operator::Sub;
        else break;
        size_t op_pos = mark();
        advance();
        ast::Expr* right = operand_after(op_pos, [&] { return parse_term(); });
        if (!right) break;
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = op;
        node->right = right;
        node->pos = from(start);
        left = node;
    }
    return left;
}

ast::Expr* Parser::parse_term()
{
    Token const& start = tok();
    ast::Expr* left = parse_factor();
    for (;;) {
        ast::Operator op;
        if (at_op("*")) op = ast::Operator::Mult;
        else if (at_op("/")) op = ast::Operator::Div;
        else if (at_op("//")) op = ast::Operator::FloorDiv;
        else if (at_op("%")) op = ast::Operator::Mod;
        else if (at_op("@")) op = ast::Operator::MatMult;
        else break;
        size_t op_pos = mark();
        advance();
        ast::Expr* right = operand_after(op_pos, [&] { return parse_factor(); });
        if (!right) break;
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = op;
        node->right = right;
        node->pos = from(start);
        left = node;
    }
    return left;
}

ast::Expr* Parser::parse_factor()
{
    ast::UnaryOpKind op;
    if (at_op("+")) op = ast::UnaryOpKind::UAdd;
    else if (at_op("-")) op = ast::UnaryOpKind::USub;
    else if (at_op("~")) op = ast::UnaryOpKind::Invert;
    else return parse_power();
    DepthGuard guard(*this);
    Token const& start = advance();
    auto* node = make<ast::UnaryOp>(tok_pos(start));
    node->op = op;
    node->operand = parse_factor();
    node->pos = from(start);
    return node;
}

ast::Expr* Parser::parse_power()
{
    Token const& start = tok();
    ast::Expr* left;
    // await_primary: AWAIT primary | primary
    if (at_kw("await")) {
        DepthGuard guard(*this);
        advance();
        auto* aw = make<ast::Await>(tok_pos(start));
        aw->value = parse_primary();
        aw->pos = from(start);
        left = aw;
    } else {
        left = parse_primary();
    }
    if (!at_op("**")) return left;
    size_t op_pos = mark();
    advance();
    DepthGuard guard(*this);
    ast::Expr* right = operand_after(op_pos, [&] { return parse_factor(); });
    if (!right) return left;
    auto* node = make<ast::BinOp>(tok_pos(start));
    node->left = left;
    node->op = ast::Operator::Pow;
    node->right = right;
    node->pos = from(start);
    return node;
}

// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
//        | primary '[' slices ']' | atom
// A trailer that does not match leaves the primary before it (the PEG's shorter match).
ast::Expr* Parser::parse_primary()
{
    Token const& start = tok();
    ast::Expr* e = parse_atom();
    for (;;) {
        size_t trailer_pos = mark();
        ast::Expr* next = nullptr;
        bool matched = false;
        if (at_op(".")) {
            matched = attempt([&] {
                advance();
                auto* node = make<ast::Attribute>(tok_pos(start));
                node->value = e;
                node->attr = identifier(expect_identifier());
                node->ctx = ast::ExprContext::Load;
                node->pos = from(start);
                next = node;
            });
        } else if (at_op("(")) {
            DepthGuard guard(*this);
            matched = attempt([&] {
                Token const& open = advance();
                auto* node = make<ast::Call>(tok_pos(start));
                node->func = e;
                parse_call_arguments(node->args, node->keywords, open, false);
                node->pos = from(start);
                next = node;
            });
        } else if (at_op("[")) {
            DepthGuard guard(*this);
            matched = attempt([&] {
                advance();
                auto* node = make<ast::Subscript>(tok_pos(start));
                node->value = e;
                node->slice = parse_slices();
                node->ctx = ast::ExprContext::Load;
                expect_op("]");
                node->pos = from(start);
                next = node;
            });
        }
        if (!matched) {
            m_pos = trailer_pos;
            return e;
        }
        e = next;
    }
}

ast::Expr* Parser::parse_atom()
{
    Token const& t = tok();
    switch (t.kind) {
    case TokenKind::Name: {
        if (is_keyword(t.text)) {
            compiler::ConstValue v;
            if (t.text == "None") v = compiler::ConstValue::none();
            else if (t.text == "True") v = compiler::ConstValue::boolean(true);
            else if (t.text == "False") v = compiler::ConstValue::boolean(false);
            else fail();
            advance();
            auto* c = make<ast::Constant>(tok_pos(t));
            c->value = std::move(v);
            return c;
        }
        advance();
        auto* n = make<ast::Name>(tok_pos(t));
        n->id = identifier(t);
        n->ctx = ast::ExprContext::Load;
        return n;
    }
    case TokenKind::Number:
        advance();
        return parse_number(t);
    case TokenKind::String:
        return parse_strings();
    case TokenKind::Op:
        if (t.text == "(") return parse_paren();
        if (t.text == "[") return parse_list();
        if (t.text == "{") return parse_brace();
        if (t.text == "...") {
            advance();
            auto* c = make<ast::Constant>(tok_pos(t));
            c->value = compiler::ConstValue::ellipsis();
            return c;
        }
        break;
    default:
        break;
    }
    fail();
}

ast::Expr* Parser::parse_number(Token const& t)
{
    auto* c = make<ast::Constant>(tok_pos(t));
    c->value = number_value(t.text);
    if (auto msg = int_literal_too_long(t.text, m_options.max_int_digits)) {
        // CPython gives no columns, sparing a wall of carets under the literal.
        raise_known("SyntaxError", std::move(*msg), t.lineno, 0, t.end_lineno, 0);
    }
    return c;
}

ast::Expr* Parser::parse_strings()
{
    size_t first = m_pos;
    while (tok().kind == TokenKind::String) advance();
    size_t last = m_pos - 1;
    return build_string(*this, m_toks, first, last, tok());
}

// ---------------------------------------------------------------- displays

// atom '(': tuple | group | genexp. In the second pass, where they fail: invalid_group
// and the genexp's invalid_comprehension.
ast::Expr* Parser::parse_paren()
{
    DepthGuard guard(*this);
    size_t open_pos = mark();
    try {
        return parse_paren_alternatives();
    } catch (ParseError const& e) {
        if (e.kind != ParseError::Kind::Fail || !m_invalid_rules) throw;
        invalid_group(open_pos);
        invalid_comprehension(open_pos);
        throw;
    }
}

ast::Expr* Parser::parse_paren_alternatives()
{
    Token const& open = advance();
    if (at_op(")")) {
        advance();
        auto* t = make<ast::Tuple>(from(open));
        t->ctx = ast::ExprContext::Load;
        return t;
    }
    if (at_kw("yield")) {
        ast::Expr* y = parse_yield();
        expect_op(")");
        m_parenthesized.insert(y);
        return y;
    }
    ast::Expr* first = parse_star_named_expression();
    if (at_kw("for") || at_kw("async")) {
        if (first->kind == ast::ExprKind::Starred) fail();
        auto* g = make<ast::GeneratorExp>(tok_pos(open));
        g->elt = first;
        g->generators = parse_comprehension_clauses();
        expect_op(")");
        g->pos = from(open);
        return g;
    }
    if (at_op(",")) {
        auto* t = make<ast::Tuple>(tok_pos(open));
        t->ctx = ast::ExprContext::Load;
        t->elts.push_back(first);
        while (accept_op(",")) {
            if (at_op(")")) break;
            t->elts.push_back(parse_star_named_expression());
        }
        expect_op(")");
        t->pos = from(open);
        m_parenthesized.insert(t);
        return t;
    }
    if (first->kind == ast::ExprKind::Starred) fail();
    expect_op(")");
    m_parenthesized.insert(first);
    return first;
}

// atom '[': list | listcomp; in the second pass, where they fail: invalid_comprehension.
ast::Expr* Parser::parse_list()
{
    DepthGuard guard(*this);
    size_t open_pos = mark();
    try {
        return parse_list_alternatives();
    } catch (ParseError const& e) {
        if (e.kind != ParseError::Kind::Fail || !m_invalid_rules) throw;
        invalid_comprehension(open_pos);
        throw;
    }
}

ast::Expr* Parser::parse_list_alternatives()
{
    Token const& open = advance();
    if (at_op("]")) {
        advance();
        auto* l = make<ast::List>(from(open));
        l->ctx = ast::ExprContext::Load;
        return l;
    }
    ast::Expr* first = parse_star_named_expression();
    if (at_kw("for") || at_kw("async")) {
        if (first->kind == ast::ExprKind::Starred) fail();
        auto* c = make<ast::ListComp>(tok_pos(open));
        c->elt = first;
        c->generators = parse_comprehension_clauses();
        expect_op("]");
        c->pos = from(open);
        return c;
    }
    auto* l = make<ast::List>(tok_pos(open));
    l->ctx = ast::ExprContext::Load;
    l->elts.push_back(first);
    while (accept_op(",")) {
        if (at_op("]")) break;
        l->elts.push_back(parse_star_named_expression());
    }
    expect_op("]");
    l->pos = from(open);
    return l;
}

// atom '{': dict | set | dictcomp | setcomp. In the second pass, where they fail:
// invalid_double_starred_kvpairs, invalid_dict_comprehension, invalid_comprehension.
ast::Expr* Parser::parse_brace()
{
    DepthGuard guard(*this);
    size_t open_pos = mark();
    try {
        return parse_brace_alternatives();
    } catch (ParseError const& e) {
        if (e.kind != ParseError::Kind::Fail || !m_invalid_rules) throw;
        invalid_double_starred_kvpairs(open_pos);
        invalid_dict_comprehension(open_pos);
        invalid_comprehension(open_pos);
        throw;
    }
}

ast::Expr* Parser::parse_brace_alternatives()
{
    Token const& open = advance();
    if (at_op("}")) {
        advance();
        return make<ast::Dict>(from(open));
    }
    auto parse_dict_rest = [&](ast::Dict* d) {
        while (accept_op(",")) {
            if (at_op("}")) break;
            if (at_op("**")) {
                advance();
                d->keys.push_back(nullptr);
                d->values.push_back(parse_bitwise_or());
                continue;
            }
            ast::Expr* key = parse_expression();
            expect_op(":");
            d->keys.push_back(key);
            d->values.push_back(parse_expression());
        }
        expect_op("}");
        d->pos = from(open);
    };
    if (at_op("**")) {
        advance();
        auto* d = make<ast::Dict>(tok_pos(open));
        d->keys.push_back(nullptr);
        d->values.push_back(parse_bitwise_or());
        parse_dict_rest(d);
        return d;
    }
    ast::Expr* first = parse_star_named_expression();
    if (at_op(":")) {
        if (first->kind == ast::ExprKind::Starred || (first->kind == ast::ExprKind::NamedExpr && !is_parenthesized(first))) {
            fail();
        }
        advance();
        ast::Expr* value = parse_expression();
        if (at_kw("for") || at_kw("async")) {
            auto* c = make<ast::DictComp>(tok_pos(open));
            c->key = first;
            c->value = value;
            c->generators = parse_comprehension_clauses();
            expect_op("}");
            c->pos = from(open);
            return c;
        }
        auto* d = make<ast::Dict>(tok_pos(open));
        d->keys.push_back(first);
        d->values.push_back(value);
        parse_dict_rest(d);
        return d;
    }
    if (at_kw("for") || at_kw("async")) {
        if (first->kind == ast::ExprKind::Starred) fail();
        auto* c = make<ast::SetComp>(tok_pos(open));
        c->elt = first;
        c->generators = parse_comprehension_clauses();
        expect_op("}");
        c->pos = from(open);
        return c;
    }
    auto* s = make<ast::Set>(tok_pos(open));
    s->elts.push_back(first);
    while (accept_op(",")) {
        if (at_op("}")) break;
        s->elts.push_back(parse_star_named_expression());
    }
    expect_op("}");
    s->pos = from(open);
    return s;
}

// for_if_clauses: for_if_clause+, where
//     for_if_clause: 'for' star_targets 'in' ~ disjunction ('if' disjunction)* | invalid_for_target
std::vector<ast::Comprehension*> Parser::parse_comprehension_clauses()
{
    std::vector<ast::Comprehension*> out;
    while (at_kw("for") || at_kw("async")) {
        bool is_async = false;
        if (at_kw("async")) {
            if (!peek_tok().is_name("for")) fail();
            advance();
            is_async = true;
        }
        size_t for_pos = mark();
        advance();
        auto* c = m_arena.make<ast::Comprehension>();
        c->is_async = is_async;
        c->target = parse_for_targets(for_pos);
        c->iter = parse_disjunction();
        while (accept_kw("if")) c->ifs.push_back(parse_disjunction());
        out.push_back(c);
    }
    return out;
}

// star_targets 'in' after the 'for' at `for_pos`, up to and with the 'in'. Where they do
// not match, the second pass tries invalid_for_target.
ast::Expr* Parser::parse_for_targets(size_t for_pos)
{
    ast::Expr* target = nullptr;
    bool ok = attempt([&] {
        target = parse_target_list();
        if (!at_kw("in") || invalid_target(target, TargetKind::Star)) fail();
    });
    if (!ok) {
        if (m_invalid_rules) invalid_for_target(for_pos);
        fail();
    }
    advance(); // 'in'
    set_context(target, ast::ExprContext::Store);
    return target;
}

// star_targets (for 'for' and comprehensions): ','.star_target+ [','], each target a
// primary, possibly starred (CPython's target rules look no further than a primary). The
// caller checks that they can be assigned to.
ast::Expr* Parser::parse_target_list()
{
    Token const& start = tok();
    auto parse_one = [&]() -> ast::Expr* {
        if (at_op("*")) {
            Token const& star = advance();
            if (!can_start_atom(tok())) fail();
            auto* s = make<ast::Starred>(tok_pos(star));
            s->value = parse_primary();
            s->pos = from(star);
            return s;
        }
        if (!can_start_atom(tok())) fail();
        return parse_primary();
    };
    ast::Expr* first = parse_one();
    if (!at_op(",")) return first;
    auto* t = make<ast::Tuple>(tok_pos(start));
    t->elts.push_back(first);
    while (accept_op(",")) {
        if (!can_start_atom(tok()) && !at_op("*")) break;
        t->elts.push_back(parse_one());
    }
    t->pos = from(start);
    return t;
}

ast::Expr* Parser::parse_yield()
{
    DepthGuard guard(*this);
    Token const& kw = advance();
    if (accept_kw("from")) {
        auto* node = make<ast::YieldFrom>(tok_pos(kw));
        node->value = parse_expression();
        node->pos = from(kw);
        return node;
    }
    auto* node = make<ast::Yield>(tok_pos(kw));
    // 'yield' [star_expressions]: without a value where none parses.
    if (can_start_expression(tok()) || at_op("*")) attempt([&] { node->value = parse_star_expressions(); });
    node->pos = from(kw);
    return node;
}

ast::Expr* Parser::parse_lambda()
{
    Token const& kw = advance();
    auto* node = make<ast::Lambda>(tok_pos(kw));
    node->args = parse_parameters(true);
    expect_op(":");
    node->body = parse_expression();
    node->pos = from(kw);
    return node;
}

// ---------------------------------------------------------------- calls and slices

// '(' [arguments] ')' of a call or a class definition, from after the '('. In the second
// pass, where they fail: the genexp's invalid_comprehension, then invalid_arguments.
void Parser::parse_call_arguments(std::vector<ast::Expr*>& args, std::vector<ast::Keyword*>& keywords,
                                  Token const& open, bool is_class)
{
    size_t start = mark();
    try {
        parse_arguments(args, keywords, open, is_class);
    } catch (ParseError const& e) {
        if (e.kind != ParseError::Kind::Fail || !m_invalid_rules) throw;
        if (!is_class) invalid_comprehension(start - 1);
        invalid_arguments(start);
        throw;
    }
}

// arguments: args [','] &')', where args is positional items, then keywords and '*'
// items, then keywords and '**' items; a call's only argument may also be a generator
// expression (CPython's `primary genexp`).
void Parser::parse_arguments(std::vector<ast::Expr*>& args, std::vector<ast::Keyword*>& keywords, Token const& open,
                             bool is_class)
{
    enum class Part { Positional, Keywords, DoubleStarred } part = Part::Positional;
    while (!at_op(")")) {
        Token const& start = tok();
        if (at_op("*")) {
            if (part == Part::DoubleStarred) fail();
            Token const& star = advance();
            auto* s = make<ast::Starred>(tok_pos(star));
            s->value = parse_expression();
            s->ctx = ast::ExprContext::Load;
            s->pos = from(star);
            args.push_back(s);
        } else if (at_op("**")) {
            advance();
            auto* k = make<ast::Keyword>(tok_pos(start));
            k->value = parse_expression();
            k->pos = from(start);
            keywords.push_back(k);
            part = Part::DoubleStarred;
        } else if (at_kwarg_name() && peek_tok().is_op("=")) {
            if (is_keyword(tok().text)) {
                if (m_invalid_rules) invalid_kwarg_keyword();
                fail();
            }
            advance();
            Token const& eq = advance();
            auto* k = make<ast::Keyword>(tok_pos(start));
            k->arg = identifier(start);
            k->value = parse_expression();
            if (m_invalid_rules) invalid_kwarg_genexp(start, eq);
            k->pos = from(start);
            keywords.push_back(k);
            if (part == Part::Positional) part = Part::Keywords;
        } else {
            ast::Expr* e = parse_named_expression(false);
            if (at_op("=")) {
                if (m_invalid_rules) invalid_kwarg_assign(e);
                fail();
            }
            if (part != Part::Positional) fail();
            if (at_kw("for") || at_kw("async")) {
                if (is_class || !args.empty() || !keywords.empty()) fail();
                auto* g = make<ast::GeneratorExp>(tok_pos(start));
                g->elt = e;
                g->generators = parse_comprehension_clauses();
                if (!at_op(")")) fail();
                g->pos = span(tok_pos(open), tok_pos(tok()));
                args.push_back(g);
                break;
            }
            args.push_back(e);
        }
        if (!accept_op(",")) break;
    }
    expect_op(")");
}

ast::Expr* Parser::parse_slice()
{
    Token const& start = tok();
    if (at_op("*")) {
        Token const& star = advance();
        auto* s = make<ast::Starred>(tok_pos(star));
        s->value = parse_expression();
        s->ctx = ast::ExprContext::Load;
        s->pos = from(star);
        return s;
    }
    ast::Expr* lower = nullptr;
    if (!at_op(":")) {
        lower = parse_named_expression();
        if (!at_op(":")) return lower;
    }
    advance(); // ':'
    auto* s = make<ast::Slice>(tok_pos(start));
    s->lower = lower;
    if (!at_op(":") && !at_op(",") && !at_op("]")) s->upper = parse_expression();
    if (accept_op(":")) {
        if (!at_op(",") && !at_op("]")) s->step = parse_expression();
    }
    s->pos = from(start);
    return s;
}

ast::Expr* Parser::parse_slices()
{
    Token const& start = tok();
    ast::Expr* first = parse_slice();
    if (!at_op(",")) {
        if (first->kind == ast::ExprKind::Starred) {
            auto* t = make<ast::Tuple>(first->pos);
            t->elts.push_back(first);
            t->ctx = ast::ExprContext::Load;
            return t;
        }
        return first;
    }
    auto* t = make<ast::Tuple>(tok_pos(start));
    t->ctx = ast::ExprContext::Load;
    t->elts.push_back(first);
    while (accept_op(",")) {
        if (at_op("]")) break;
        t->elts.push_back(parse_slice());
    }
    t->pos = from(start);
    return t;
}

// ---------------------------------------------------------------- parameters

ast::Arg* Parser::parse_param(bool is_lambda, bool star_annotation)
{
    Token const& name = expect_identifier();
    auto* a = make<ast::Arg>(tok_pos(name));
    a->arg = identifier(name);
    if (!is_lambda && accept_op(":")) {
        if (star_annotation && at_op("*")) {
            a->annotation = parse_star_expression();
        } else {
            a->annotation = parse_expression();
        }
    }
    a->pos = from(name);
    return a;
}

// params: invalid_parameters | parameters, and lambda_params. The parameter list is read
// in one go; where its order is wrong it fails, as CPython's alternatives do, and the
// second pass reports it through invalid_parameters, invalid_star_etc, invalid_kwds and
// invalid_default (and their lambda forms).
ast::Arguments* Parser::parse_parameters(bool is_lambda)
{
    if (m_invalid_rules) invalid_parameters(is_lambda);
    auto* args = m_arena.make<ast::Arguments>();
    std::string_view end = is_lambda ? ":" : ")";
    std::vector<ast::Arg*> params;
    bool seen_slash = false;
    bool seen_star = false;
    bool seen_kwarg = false;
    bool seen_default = false;
    while (!at_op(end)) {
        Token const& t = tok();
        if (seen_kwarg) fail(); // only a trailing ',' after **kwargs
        if (t.is_op("/")) {
            if (seen_slash || seen_star || params.empty()) fail();
            advance();
            check_version(8, "Positional-only parameters are");
            args->posonlyargs = std::move(params);
            params.clear();
            seen_slash = true;
        } else if (t.is_op("*")) {
            if (seen_star) fail();
            if (m_invalid_rules) invalid_star_etc(is_lambda);
            advance();
            seen_star = true;
            if (at_op(",")) {
                // A bare '*': keyword-only parameters must follow.
                if (peek_tok().is_op(end) || peek_tok().is_op("**")) fail();
            } else if (at_op(end)) {
                fail();
            } else {
                args->vararg = parse_param(is_lambda, true);
                if (at_op("=")) fail();
            }
        } else if (t.is_op("**")) {
            if (m_invalid_rules) invalid_kwds(is_lambda);
            advance();
            args->kwarg = parse_param(is_lambda, false);
            if (at_op("=")) fail();
            seen_kwarg = true;
        } else {
            ast::Arg* param = parse_param(is_lambda, false);
            ast::Expr* def = nullptr;
            if (at_op("=")) {
                Token const& eq = advance();
                if (m_invalid_rules) invalid_default(eq);
                def = parse_expression();
            }
            if (!seen_star) {
                if (def) {
                    args->defaults.push_back(def);
                    seen_default = true;
                } else if (seen_default) {
                    fail();
                }
                params.push_back(param);
            } else {
                args->kwonlyargs.push_back(param);
                args->kw_defaults.push_back(def);
            }
        }
        if (!accept_op(",")) break;
    }
    args->args = std::move(params);
    return args;
}

} // namespace slpy::parser
