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

void Parser::check_target(ast::Expr* e, TargetKind kind)
{
    ast::Expr* bad = invalid_target(e, kind);
    if (!bad) {
        if (e->kind == ast::ExprKind::Compare) raise_syntax("invalid syntax", e->pos);
        return;
    }
    raise_syntax(std::string(kind == TargetKind::Del ? "cannot delete " : "cannot assign to ") + expr_name(bad), bad->pos);
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

// Does `e` begin with a list display, a parenthesized tuple, a generator expression or
// True/None/False? (CPython's `!(list|tuple|genexp|'True'|'None'|'False')` lookahead.)
bool Parser::starts_with_display(ast::Expr* e) const
{
    using K = ast::ExprKind;
    for (;;) {
        if (e->kind == K::List || e->kind == K::GeneratorExp) return true;
        if (e->kind == K::Tuple && (is_parenthesized(e) || static_cast<ast::Tuple*>(e)->elts.empty())) return true;
        if (e->kind == K::Constant) {
            auto k = static_cast<ast::Constant*>(e)->value.kind;
            return k == compiler::ConstValue::Kind::True || k == compiler::ConstValue::Kind::False ||
                   k == compiler::ConstValue::Kind::None;
        }
        if (is_parenthesized(e)) return false;
        switch (e->kind) {
        case K::Attribute: e = static_cast<ast::Attribute*>(e)->value; break;
        case K::Subscript: e = static_cast<ast::Subscript*>(e)->value; break;
        case K::Call: e = static_cast<ast::Call*>(e)->func; break;
        case K::BinOp: e = static_cast<ast::BinOp*>(e)->left; break;
        case K::Compare: e = static_cast<ast::Compare*>(e)->left; break;
        case K::BoolOp: e = static_cast<ast::BoolOp*>(e)->values[0]; break;
        case K::IfExp: e = static_cast<ast::IfExp*>(e)->body; break;
        case K::Tuple:
            if (static_cast<ast::Tuple*>(e)->elts.empty()) return false;
            e = static_cast<ast::Tuple*>(e)->elts[0];
            break;
        default: return false;
        }
    }
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

ast::Expr* Parser::leading_bitwise_or(ast::Expr* e) const
{
    using K = ast::ExprKind;
    for (;;) {
        if (is_bitwise_level(e)) return e;
        switch (e->kind) {
        case K::Tuple: {
            auto const& elts = static_cast<ast::Tuple*>(e)->elts;
            if (elts.empty()) return nullptr;
            e = elts[0];
            break;
        }
        case K::Compare: return static_cast<ast::Compare*>(e)->left;
        case K::BoolOp: e = static_cast<ast::BoolOp*>(e)->values[0]; break;
        case K::IfExp: e = static_cast<ast::IfExp*>(e)->body; break;
        default: return nullptr;
        }
    }
}

// ---------------------------------------------------------------- error heuristics

// CPython's invalid_expression: two expressions side by side inside brackets.
void Parser::check_comma_heuristic(ast::Expr* a)
{
    if (m_no_heuristics || last().level == 0 || !can_start_expression(tok())) return;
    if (tok().kind == TokenKind::Name && is_keyword(tok().text) && tok().text != "None" && tok().text != "True" &&
        tok().text != "False" && tok().text != "lambda") {
        // `not`/`await` are fine as the start of the second expression too
        if (tok().text != "not" && tok().text != "await") return;
    }
    if (a->kind == ast::ExprKind::Name && !is_parenthesized(a)) {
        auto const& id = static_cast<ast::Name*>(a)->id;
        if (tok().kind == TokenKind::String) return;
        if (id == "print" || id == "exec" || id == "match" || id == "case" || id == "_") return;
    }
    size_t save = m_pos;
    bool saved_flag = m_no_heuristics;
    m_no_heuristics = true;
    ast::Expr* b = nullptr;
    try {
        b = parse_expression();
    } catch (ParseError const& e) {
        if (e.final) {
            m_no_heuristics = saved_flag;
            throw;
        }
        b = nullptr;
    }
    m_no_heuristics = saved_flag;
    if (!b) {
        m_pos = save;
        return;
    }
    raise_syntax("invalid syntax. Perhaps you forgot a comma?", span(a->pos, b->pos));
}

// CPython's invalid_named_expression, when a named expression is followed by '='.
void Parser::check_assign_in_named(ast::Expr* a)
{
    if (m_no_heuristics) return;
    size_t save = m_pos;
    advance(); // '='
    ast::Expr* b = nullptr;
    bool saved_flag = m_no_heuristics;
    m_no_heuristics = true;
    try {
        b = parse_bitwise_or();
    } catch (ParseError const& e) {
        if (e.final) {
            m_no_heuristics = saved_flag;
            throw;
        }
    }
    m_no_heuristics = saved_flag;
    if (!b || at_op("=") || at_op(":=")) {
        m_pos = save;
        return;
    }
    if (a->kind == ast::ExprKind::Name && !is_parenthesized(a)) {
        raise_syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", span(a->pos, b->pos));
    }
    if (is_bitwise_level(a) && !starts_with_display(a)) {
        raise_syntax(std::string("cannot assign to ") + expr_name(a) + " here. Maybe you meant '==' instead of '='?",
                     a->pos);
    }
    m_pos = save;
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

ast::Expr* Parser::parse_named_expression(bool check_assign)
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
        return node;
    }
    ast::Expr* e = parse_expression();
    if (at_op(":=")) raise_syntax(std::string("cannot use assignment expressions with ") + expr_name(e), e->pos);
    if (check_assign && at_op("=")) check_assign_in_named(e);
    return e;
}

ast::Expr* Parser::parse_expression()
{
    DepthGuard guard(*this);
    if (at_kw("lambda")) return parse_lambda();
    Token const& start = tok();
    ast::Expr* a = parse_disjunction();
    if (at_kw("if")) {
        advance();
        ast::Expr* b = parse_disjunction();
        if (!at_kw("else")) {
            if (!at_op(":") && tok().kind != TokenKind::ErrorToken && !m_no_heuristics) {
                raise_syntax("expected 'else' after 'if' expression", span(a->pos, b->pos));
            }
            raise_invalid();
        }
        advance();
        auto* node = make<ast::IfExp>(tok_pos(start));
        node->body = a;
        node->test = b;
        node->orelse = parse_expression();
        node->pos = from(start);
        return node;
    }
    if (!m_no_heuristics && a->kind == ast::ExprKind::Name && !is_parenthesized(a) && can_start_expression(tok()) &&
        !at_op("(")) {
        auto const& id = static_cast<ast::Name*>(a)->id;
        if (id == "print" || id == "exec") {
            // CPython's invalid_legacy_expression: `print x`.
            size_t save = m_pos;
            m_no_heuristics = true;
            ast::Expr* rest = nullptr;
            try {
                rest = parse_star_expressions();
            } catch (ParseError const& e) {
                m_no_heuristics = false;
                if (e.final) throw;
            }
            m_no_heuristics = false;
            if (rest) {
                raise_syntax("Missing parentheses in call to '" + id + "'. Did you mean " + id + "(...)?",
                             span(a->pos, rest->pos));
            }
            m_pos = save;
        }
    }
    check_comma_heuristic(a);
    return a;
}

ast::Expr* Parser::parse_disjunction()
{
    Token const& start = tok();
    ast::Expr* first = parse_conjunction();
    if (!at_kw("or")) return first;
    auto* node = make<ast::BoolOp>(tok_pos(start));
    node->op = ast::BoolOpKind::Or;
    node->values.push_back(first);
    while (accept_kw("or")) node->values.push_back(parse_conjunction());
    node->pos = from(start);
    return node;
}

ast::Expr* Parser::parse_conjunction()
{
    Token const& start = tok();
    ast::Expr* first = parse_inversion();
    if (!at_kw("and")) return first;
    auto* node = make<ast::BoolOp>(tok_pos(start));
    node->op = ast::BoolOpKind::And;
    node->values.push_back(first);
    while (accept_kw("and")) node->values.push_back(parse_inversion());
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
        if (!node) {
            node = make<ast::Compare>(tok_pos(start));
            node->left = left;
        }
        node->ops.push_back(op);
        node->comparators.push_back(parse_bitwise_or());
    }
    if (!node) return left;
    node->pos = from(start);
    return node;
}

namespace {

} // namespace

ast::Expr* Parser::parse_bitwise_or()
{
    Token const& start = tok();
    ast::Expr* left = parse_bitwise_xor();
    while (at_op("|")) {
        advance();
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = ast::Operator::BitOr;
        node->right = parse_bitwise_xor();
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
        advance();
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = ast::Operator::BitXor;
        node->right = parse_bitwise_and();
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
        advance();
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = ast::Operator::BitAnd;
        node->right = parse_shift();
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
        advance();
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = op;
        node->right = parse_sum();
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
        advance();
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = op;
        node->right = parse_term();
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
        advance();
        auto* node = make<ast::BinOp>(tok_pos(start));
        node->left = left;
        node->op = op;
        node->right = parse_factor();
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
    if (at_kw("await")) raise_unsupported("'await' expressions are", tok(), tok());
    ast::Expr* left = parse_primary();
    if (!at_op("**")) return left;
    advance();
    DepthGuard guard(*this);
    auto* node = make<ast::BinOp>(tok_pos(start));
    node->left = left;
    node->op = ast::Operator::Pow;
    node->right = parse_factor();
    node->pos = from(start);
    return node;
}

ast::Expr* Parser::parse_primary()
{
    Token const& start = tok();
    ast::Expr* e = parse_atom();
    for (;;) {
        if (at_op(".")) {
            advance();
            auto* node = make<ast::Attribute>(tok_pos(start));
            node->value = e;
            node->attr = identifier(expect_identifier());
            node->ctx = ast::ExprContext::Load;
            node->pos = from(start);
            e = node;
        } else if (at_op("(")) {
            DepthGuard guard(*this);
            Token const& open = advance();
            auto* node = make<ast::Call>(tok_pos(start));
            node->func = e;
            parse_call_arguments(node->args, node->keywords, open, false);
            node->pos = from(start);
            e = node;
        } else if (at_op("[")) {
            DepthGuard guard(*this);
            advance();
            auto* node = make<ast::Subscript>(tok_pos(start));
            node->value = e;
            node->slice = parse_slices();
            node->ctx = ast::ExprContext::Load;
            expect_op("]");
            node->pos = from(start);
            e = node;
        } else {
            return e;
        }
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
            else raise_invalid(t);
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
    raise_invalid(t);
}

ast::Expr* Parser::parse_number(Token const& t)
{
    auto* c = make<ast::Constant>(tok_pos(t));
    c->value = number_value(t.text);
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

ast::Expr* Parser::parse_paren()
{
    DepthGuard guard(*this);
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
    if (at_op("**")) {
        Token const& star = advance();
        ast::Expr* value = parse_expression();
        (void)value;
        if (at_op(")")) raise_syntax("cannot use double starred expression here", tok_pos(star));
        raise_invalid();
    }
    ast::Expr* first = parse_star_named_expression();
    if (at_kw("for") || at_kw("async")) {
        if (first->kind == ast::ExprKind::Starred) raise_syntax("iterable unpacking cannot be used in comprehension", first->pos);
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
    if (!at_op(")")) raise_invalid();
    if (first->kind == ast::ExprKind::Starred) raise_syntax("cannot use starred expression here", first->pos);
    advance();
    m_parenthesized.insert(first);
    return first;
}

ast::Expr* Parser::parse_list()
{
    DepthGuard guard(*this);
    Token const& open = advance();
    if (at_op("]")) {
        advance();
        auto* l = make<ast::List>(from(open));
        l->ctx = ast::ExprContext::Load;
        return l;
    }
    ast::Expr* first = parse_star_named_expression();
    if (at_kw("for") || at_kw("async")) {
        if (first->kind == ast::ExprKind::Starred) raise_syntax("iterable unpacking cannot be used in comprehension", first->pos);
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

ast::Expr* Parser::parse_brace()
{
    DepthGuard guard(*this);
    Token const& open = advance();
    if (at_op("}")) {
        advance();
        return make<ast::Dict>(from(open));
    }
    auto parse_value_after_colon = [&](Token const& colon) -> ast::Expr* {
        if (at_op("}") || at_op(",")) raise_syntax("expression expected after dictionary key and ':'", tok_pos(colon));
        return parse_expression();
    };
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
            if (!at_op(":")) {
                if (at_op("}") || at_op(",")) {
                    ParseError e;
                    m_tz.fill_error(e.info, "SyntaxError", "':' expected after dictionary key", key->pos.end_lineno,
                                    key->pos.end_col_offset - 1, key->pos.end_lineno, -1);
                    e.info.end_offset = 0;
                    e.info.text += '\n';
                    throw e;
                }
                raise_invalid();
            }
            Token const& colon = advance();
            d->keys.push_back(key);
            d->values.push_back(parse_value_after_colon(colon));
        }
        expect_op("}");
        d->pos = from(open);
    };
    if (at_op("**")) {
        Token const& stars = advance();
        auto* d = make<ast::Dict>(tok_pos(open));
        d->keys.push_back(nullptr);
        d->values.push_back(parse_bitwise_or());
        if (at_kw("for")) raise_syntax("dict unpacking cannot be used in dict comprehension", tok_pos(stars));
        parse_dict_rest(d);
        return d;
    }
    ast::Expr* first = parse_star_named_expression();
    if (at_op(":")) {
        if (first->kind == ast::ExprKind::Starred || (first->kind == ast::ExprKind::NamedExpr && !is_parenthesized(first))) {
            raise_invalid();
        }
        Token const& colon = advance();
        ast::Expr* value = parse_value_after_colon(colon);
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
        if (first->kind == ast::ExprKind::Starred) raise_syntax("iterable unpacking cannot be used in comprehension", first->pos);
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

std::vector<ast::Comprehension*> Parser::parse_comprehension_clauses()
{
    std::vector<ast::Comprehension*> out;
    while (at_kw("for") || at_kw("async")) {
        if (at_kw("async")) {
            if (peek_tok().is_name("for")) raise_unsupported("'async for' is", tok(), peek_tok());
            raise_invalid();
        }
        advance();
        auto* c = m_arena.make<ast::Comprehension>();
        c->target = parse_target_list();
        if (!at_kw("in")) raise_invalid();
        advance();
        check_target(c->target, TargetKind::For);
        set_context(c->target, ast::ExprContext::Store);
        c->iter = parse_disjunction();
        while (accept_kw("if")) c->ifs.push_back(parse_disjunction());
        out.push_back(c);
    }
    return out;
}

ast::Expr* Parser::parse_target_list()
{
    Token const& start = tok();
    auto parse_one = [&]() -> ast::Expr* {
        if (at_op("*")) {
            Token const& star = advance();
            auto* s = make<ast::Starred>(tok_pos(star));
            s->value = parse_bitwise_or();
            s->pos = from(star);
            return s;
        }
        return parse_bitwise_or();
    };
    ast::Expr* first = parse_one();
    if (!at_op(",")) return first;
    auto* t = make<ast::Tuple>(tok_pos(start));
    t->elts.push_back(first);
    while (accept_op(",")) {
        if (!can_start_expression(tok()) && !at_op("*")) break;
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
    if (can_start_expression(tok()) || at_op("*")) node->value = parse_star_expressions();
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

void Parser::parse_call_arguments(std::vector<ast::Expr*>& args, std::vector<ast::Keyword*>& keywords,
                                  Token const& open, bool is_class)
{
    bool seen_keyword = false;
    bool seen_kw_unpack = false;
    // CPython reports a positional argument after keywords at the closing ')'.
    char const* order_error = nullptr;
    while (!at_op(")")) {
        Token const& start = tok();
        if (at_op("*")) {
            Token const& star = advance();
            auto* s = make<ast::Starred>(tok_pos(star));
            s->value = parse_expression();
            s->ctx = ast::ExprContext::Load;
            s->pos = from(star);
            if (seen_kw_unpack) {
                raise_syntax("iterable argument unpacking follows keyword argument unpacking", tok_pos(star));
            }
            if (at_kw("for")) {
                if (!args.empty() || !keywords.empty()) {
                    auto gens = parse_comprehension_clauses();
                    auto const& last_gen = gens.back();
                    ast::Expr* last_item = last_gen->ifs.empty() ? last_gen->iter : last_gen->ifs.back();
                    raise_syntax("Generator expression must be parenthesized", span(s->pos, last_item->pos));
                }
                raise_syntax("iterable unpacking cannot be used in comprehension", s->pos);
            }
            args.push_back(s);
        } else if (at_op("**")) {
            advance();
            auto* k = make<ast::Keyword>(tok_pos(start));
            k->value = parse_expression();
            k->pos = from(start);
            keywords.push_back(k);
            seen_kw_unpack = true;
        } else if (tok().kind == TokenKind::Name && peek_tok().is_op("=")) {
            if (is_keyword(tok().text)) {
                if (at_kw("True") || at_kw("False") || at_kw("None")) {
                    raise_syntax("cannot assign to " + std::string(tok().text), span(tok_pos(tok()), tok_pos(peek_tok())));
                }
                raise_invalid();
            }
            advance();
            Token const& eq = advance();
            auto* k = make<ast::Keyword>(tok_pos(start));
            k->arg = identifier(start);
            k->value = parse_expression();
            if (at_kw("for")) {
                raise_syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                             span(tok_pos(start), tok_pos(eq)));
            }
            k->pos = from(start);
            keywords.push_back(k);
            seen_keyword = true;
        } else {
            ast::Expr* e = parse_named_expression(false);
            if (at_kw("for") || at_kw("async")) {
                auto* g = make<ast::GeneratorExp>(tok_pos(start));
                g->elt = e;
                g->generators = parse_comprehension_clauses();
                bool sole = args.empty() && keywords.empty() && at_op(")");
                if (!sole) {
                    auto const& last_gen = g->generators.back();
                    ast::Expr* last_item = last_gen->ifs.empty() ? last_gen->iter : last_gen->ifs.back();
                    raise_syntax("Generator expression must be parenthesized", span(e->pos, last_item->pos));
                }
                g->pos = span(tok_pos(open), tok_pos(tok()));
                args.push_back(g);
                continue;
            }
            if (at_op("=")) {
                raise_syntax("expression cannot contain assignment, perhaps you meant \"==\"?",
                             span(e->pos, tok_pos(tok())));
            }
            if (!order_error && seen_kw_unpack) order_error = "positional argument follows keyword argument unpacking";
            if (!order_error && seen_keyword) order_error = "positional argument follows keyword argument";
            args.push_back(e);
        }
        if (!accept_op(",")) break;
    }
    (void)is_class;
    if (order_error && at_op(")")) raise_at_token(order_error, tok());
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

ast::Arguments* Parser::parse_parameters(bool is_lambda)
{
    auto* args = m_arena.make<ast::Arguments>();
    std::string_view end = is_lambda ? ":" : ")";
    std::vector<ast::Arg*> params;
    bool seen_slash = false;
    bool seen_star = false;
    bool seen_kwarg = false;
    bool seen_default = false;
    while (!at_op(end)) {
        Token const& t = tok();
        if (t.is_op("/")) {
            if (seen_slash) raise_syntax("/ may appear only once", tok_pos(t));
            if (seen_star) raise_syntax("/ must be ahead of *", tok_pos(t));
            if (params.empty()) {
                if (seen_kwarg) raise_syntax("arguments cannot follow var-keyword argument", tok_pos(t));
                raise_invalid(t);
            }
            advance();
            args->posonlyargs = std::move(params);
            params.clear();
            seen_slash = true;
        } else if (t.is_op("*")) {
            if (seen_kwarg) raise_syntax("arguments cannot follow var-keyword argument", tok_pos(t));
            if (seen_star) raise_syntax("* argument may appear only once", tok_pos(t));
            advance();
            seen_star = true;
            if (at_op(",") || at_op(end)) {
                // Bare '*': keyword-only parameters must follow.
                Token const& after = at_op(",") ? peek_tok() : tok();
                if (at_op(end) || after.is_op(end) || after.is_op("**")) {
                    raise_syntax("named arguments must follow bare *", tok_pos(t));
                }
            } else {
                args->vararg = parse_param(is_lambda, true);
                if (at_op("=")) raise_syntax("var-positional argument cannot have default value", tok_pos(tok()));
            }
        } else if (t.is_op("**")) {
            if (seen_kwarg) raise_syntax("arguments cannot follow var-keyword argument", tok_pos(t));
            advance();
            args->kwarg = parse_param(is_lambda, false);
            if (at_op("=")) raise_syntax("var-keyword argument cannot have default value", tok_pos(tok()));
            seen_kwarg = true;
        } else {
            if (seen_kwarg) {
                if (t.kind == TokenKind::Name) raise_syntax("arguments cannot follow var-keyword argument", tok_pos(t));
                raise_invalid(t);
            }
            ast::Arg* param = parse_param(is_lambda, false);
            ast::Expr* def = nullptr;
            if (accept_op("=")) def = parse_expression();
            if (!seen_star) {
                if (def) {
                    args->defaults.push_back(def);
                    seen_default = true;
                } else if (seen_default) {
                    raise_syntax("non-default argument follows default argument", param->pos);
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
