// The invalid_ rules of CPython 3.11's grammar (the end of Grammar/python.gram: "rules
// for invalid syntax with specialised error messages"), one function per rule, or per
// alternative where CPython tries them at different points.
//
// They run only in the second pass (m_invalid_rules, see parser_impl.h), where CPython
// tries them: a rule either raises its error or returns, the parser back where it was
// (a rule that does not match). Where the rule begins with what the grammar has just
// parsed, the caller passes that part instead of parsing it again.
#include "stackless/parser/parser_impl.h"

namespace slpy::parser {

namespace {

// CPython's SOFT_KEYWORD lookahead compares only as many bytes as the NAME has
// (strncmp), so any prefix of a soft keyword counts: "c", "ma", "_".
bool soft_keyword_prefix(std::string_view name)
{
    for (std::string_view kw : {"_", "case", "match"}) {
        if (!name.empty() && name.size() <= kw.size() && kw.substr(0, name.size()) == name) return true;
    }
    return false;
}

// _PyPegen_check_legacy_stmt: the names of Python 2's print and exec statements.
bool is_legacy_name(ast::Expr const* e)
{
    if (e->kind != ast::ExprKind::Name) return false;
    auto const& id = static_cast<ast::Name const*>(e)->id;
    return id == "print" || id == "exec";
}

} // namespace

// ---------------------------------------------------------------- expressions

// invalid_expression (first alternative):
//     !(NAME STRING | SOFT_KEYWORD) a=disjunction b=expression_without_invalid
// Two expressions side by side inside brackets. `a` starts at token `start`.
void Parser::invalid_expression_comma(size_t start, ast::Expr* a)
{
    Token const& first = at(start);
    if (first.kind == TokenKind::Name && !is_keyword(first.text) &&
        (at(start + 1).kind == TokenKind::String || soft_keyword_prefix(first.text))) {
        return;
    }
    if (!can_start_expression(tok())) return; // a shortcut: no expression starts there
    size_t save = mark();
    ast::Expr* b = nullptr;
    {
        NoInvalidRules off(*this);
        attempt([&] { b = parse_expression(); });
    }
    if (b && !is_legacy_name(a) && last().level != 0) {
        raise_syntax("invalid syntax. Perhaps you forgot a comma?", span(a->pos, b->pos));
    }
    m_pos = save;
}

// invalid_expression (second alternative): a=disjunction 'if' b=disjunction !('else'|':')
void Parser::invalid_expression_if(ast::Expr* a, ast::Expr* b)
{
    if (!at_kw("else") && !at_op(":")) raise_syntax("expected 'else' after 'if' expression", span(a->pos, b->pos));
}

// invalid_legacy_expression: a=NAME !'(' b=star_expressions, for print and exec. Like
// CPython, it parses what follows any NAME (its invalid_ rules included).
void Parser::invalid_legacy_expression(size_t start)
{
    Token const& name = at(start);
    if (name.kind != TokenKind::Name || is_keyword(name.text) || at(start + 1).is_op("(")) return;
    // star_expressions cannot start there (a shortcut: the parse would fail at once).
    if (!can_start_expression(at(start + 1)) && !at(start + 1).is_op("*")) return;
    size_t save = mark();
    m_pos = start + 1;
    ast::Expr* b = nullptr;
    attempt([&] { b = parse_star_expressions(); });
    std::string id = identifier(name);
    if (b && (id == "print" || id == "exec")) {
        raise_syntax("Missing parentheses in call to '" + id + "'. Did you mean " + id + "(...)?", span(tok_pos(name), b->pos));
    }
    m_pos = save;
}

// invalid_named_expression, after the expression `a` (from token `start`):
//     a=expression ':=' expression
//   | a=NAME '=' b=bitwise_or !('='|':=')
//   | !(list|tuple|genexp|'True'|'None'|'False') a=bitwise_or b='=' bitwise_or !('='|':=')
void Parser::invalid_named_expression(size_t start, ast::Expr* a)
{
    size_t save = mark();
    if (at_op(":=")) {
        advance();
        if (attempt([&] { parse_expression(); })) {
            raise_syntax(std::string("cannot use assignment expressions with ") + expr_name(a), a->pos);
        }
        m_pos = save;
        return;
    }
    if (!at_op("=")) return;
    auto rhs_then_no_assign = [&]() -> ast::Expr* {
        ast::Expr* b = nullptr;
        m_pos = save + 1;
        if (!attempt([&] { b = parse_bitwise_or(); }) || at_op("=") || at_op(":=")) b = nullptr;
        m_pos = save;
        return b;
    };
    if (save == start + 1 && at(start).kind == TokenKind::Name && !is_keyword(at(start).text)) {
        if (ast::Expr* b = rhs_then_no_assign()) {
            raise_syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", span(a->pos, b->pos));
        }
        return;
    }
    if (is_bitwise_level(a) && !starts_with_display(a, start) && rhs_then_no_assign()) {
        raise_syntax(std::string("cannot assign to ") + expr_name(a) + " here. Maybe you meant '==' instead of '='?",
                     a->pos);
    }
}

// ---------------------------------------------------------------- call arguments

// invalid_kwarg: a[Token*]=('True'|'False'|'None') b='='
void Parser::invalid_kwarg_keyword()
{
    if (at_kw("True") || at_kw("False") || at_kw("None")) {
        raise_syntax("cannot assign to " + std::string(tok().text), span(tok_pos(tok()), tok_pos(peek_tok())));
    }
}

// invalid_kwarg: a=NAME b='=' expression for_if_clauses (the expression parsed)
void Parser::invalid_kwarg_genexp(Token const& name, Token const& eq)
{
    if (!at_kw("for")) return;
    size_t save = mark();
    if (attempt([&] { parse_comprehension_clauses(); })) {
        raise_syntax("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", span(tok_pos(name), tok_pos(eq)));
    }
    m_pos = save;
}

// invalid_kwarg: !(NAME '=') a=expression b='=' (the expression parsed, at the '=')
void Parser::invalid_kwarg_assign(ast::Expr* a)
{
    raise_syntax("expression cannot contain assignment, perhaps you meant \"==\"?", span(a->pos, tok_pos(tok())));
}

// CPython's `args` rule, matched greedily from the current token: positional items,
// then keywords and '*' items, then keywords and '**' items. The invalid_kwarg rules
// apply to the keyword items.
bool Parser::match_args(ArgsMatch& m)
{
    enum class Part { Positional, Keywords, DoubleStarred } part = Part::Positional;
    bool any = false;
    for (;;) {
        size_t before = mark();
        if (any && !accept_op(",")) break;
        Part next = part;
        ast::Expr* positional = nullptr;
        bool ok = attempt([&] {
            Token const& start = tok();
            if (at_op("*")) {
                if (part == Part::DoubleStarred) fail();
                advance();
                parse_expression();
                positional = make<ast::Starred>(from(start));
            } else if (at_op("**")) {
                advance();
                parse_expression();
                next = Part::DoubleStarred;
            } else if (at_kwarg_name() && peek_tok().is_op("=")) {
                if (is_keyword(tok().text)) {
                    invalid_kwarg_keyword();
                    fail();
                }
                advance();
                Token const& eq = advance();
                parse_expression();
                invalid_kwarg_genexp(start, eq);
                if (part == Part::Positional) next = Part::Keywords;
            } else {
                ast::Expr* e = parse_named_expression(false);
                if (at_op("=")) invalid_kwarg_assign(e);
                if (part != Part::Positional) fail();
                positional = e;
            }
        });
        if (!ok) {
            m_pos = before;
            break;
        }
        any = true;
        part = next;
        if (part != Part::Positional) m.has_kwargs = true;
        if (part == Part::DoubleStarred) m.kw_unpack = true;
        if (positional) {
            ++m.positional;
            m.last_positional = positional;
        }
    }
    return any;
}

// invalid_arguments, at the start of the arguments (after the '('):
//     a=args ',' '*'          (args with keywords; CPython 3.11 points at the '*')
//   | a=expression b=for_if_clauses ',' [args | expression for_if_clauses]
//   | a=NAME b='=' expression for_if_clauses
//   | a=args b=for_if_clauses
//   | args ',' a=expression b=for_if_clauses
//   | a=args ',' args
void Parser::invalid_arguments(size_t start)
{
    auto last_item = [](std::vector<ast::Comprehension*> const& gens) {
        auto const* c = gens.back();
        return c->ifs.empty() ? c->iter : c->ifs.back();
    };
    ArgsMatch m;
    m_pos = start;
    if (match_args(m) && m.has_kwargs && accept_op(",") && at_op("*")) {
        raise_at_token("iterable argument unpacking follows keyword argument unpacking", tok());
    }
    m_pos = start;
    attempt([&] {
        ast::Expr* a = parse_expression();
        auto gens = parse_comprehension_clauses();
        if (gens.empty() || !accept_op(",")) fail();
        attempt([&] {
            ArgsMatch rest;
            if (!match_args(rest)) fail();
        }) || attempt([&] {
            parse_expression();
            if (parse_comprehension_clauses().empty()) fail();
        });
        raise_syntax("Generator expression must be parenthesized", span(a->pos, last_item(gens)->pos));
    });
    m_pos = start;
    if (tok().kind == TokenKind::Name && !is_keyword(tok().text) && peek_tok().is_op("=")) {
        Token const& name = advance();
        Token const& eq = advance();
        if (attempt([&] { parse_expression(); })) invalid_kwarg_genexp(name, eq);
    }
    m_pos = start;
    attempt([&] {
        ArgsMatch args;
        if (!match_args(args)) fail();
        auto gens = parse_comprehension_clauses();
        if (gens.empty()) fail();
        // _PyPegen_nonparen_genexp_in_call: a single argument is a generator expression.
        if (args.positional > 1) {
            raise_syntax("Generator expression must be parenthesized", span(args.last_positional->pos, last_item(gens)->pos));
        }
    });
    m_pos = start;
    attempt([&] {
        ArgsMatch args;
        if (!match_args(args) || !accept_op(",")) fail();
        ast::Expr* a = parse_expression();
        auto gens = parse_comprehension_clauses();
        if (gens.empty()) fail();
        raise_syntax("Generator expression must be parenthesized", span(a->pos, last_item(gens)->pos));
    });
    m_pos = start;
    ArgsMatch first;
    if (match_args(first) && accept_op(",")) {
        ArgsMatch second;
        if (match_args(second)) {
            raise_here(first.kw_unpack ? "positional argument follows keyword argument unpacking"
                                       : "positional argument follows keyword argument");
        }
    }
    m_pos = start;
}

// ---------------------------------------------------------------- displays

// star_named_expressions: ','.star_named_expression+ [',']
ast::Expr* Parser::match_star_named_expressions()
{
    ast::Expr* last_elt = nullptr;
    if (!attempt([&] { last_elt = parse_star_named_expression(); })) return nullptr;
    for (;;) {
        size_t save = mark();
        if (!accept_op(",")) break;
        if (!attempt([&] { last_elt = parse_star_named_expression(); })) {
            m_pos = save + 1; // the trailing ','
            break;
        }
    }
    return last_elt;
}

// invalid_comprehension, from the bracket at `open_pos`:
//     ('[' | '(' | '{') a=starred_expression for_if_clauses
//   | ('[' | '{') a=star_named_expression ',' b=star_named_expressions for_if_clauses
//   | ('[' | '{') a=star_named_expression b=',' for_if_clauses
void Parser::invalid_comprehension(size_t open_pos)
{
    size_t save = mark();
    m_pos = open_pos + 1;
    if (at_op("*")) {
        attempt([&] {
            Token const& star = advance();
            parse_expression();
            ast::Pos a = from(star);
            if (parse_comprehension_clauses().empty()) fail();
            raise_syntax("iterable unpacking cannot be used in comprehension", a);
        });
    }
    if (!at(open_pos).is_op("(")) {
        m_pos = open_pos + 1;
        attempt([&] {
            ast::Expr* a = parse_star_named_expression();
            expect_op(",");
            ast::Expr* b = match_star_named_expressions();
            if (!b || parse_comprehension_clauses().empty()) fail();
            raise_syntax("did you forget parentheses around the comprehension target?", span(a->pos, b->pos));
        });
        m_pos = open_pos + 1;
        attempt([&] {
            ast::Expr* a = parse_star_named_expression();
            Token const& comma = expect_op(",");
            if (parse_comprehension_clauses().empty()) fail();
            raise_syntax("did you forget parentheses around the comprehension target?", span(a->pos, tok_pos(comma)));
        });
    }
    m_pos = save;
}

// invalid_dict_comprehension: '{' a='**' bitwise_or for_if_clauses '}'
void Parser::invalid_dict_comprehension(size_t open_pos)
{
    size_t save = mark();
    m_pos = open_pos + 1;
    if (at_op("**")) {
        attempt([&] {
            Token const& a = advance();
            parse_bitwise_or();
            if (parse_comprehension_clauses().empty()) fail();
            expect_op("}");
            raise_at_token("dict unpacking cannot be used in dict comprehension", a);
        });
    }
    m_pos = save;
}

// invalid_double_starred_kvpairs, after the '{' at `open_pos`:
//     ','.double_starred_kvpair+ ',' invalid_kvpair
//   | expression ':' a='*' bitwise_or
//   | expression a=':' &('}'|',')
void Parser::invalid_double_starred_kvpairs(size_t open_pos)
{
    size_t save = mark();
    auto kvpair = [&] {
        if (accept_op("**")) {
            parse_bitwise_or();
            return;
        }
        parse_expression();
        expect_op(":");
        parse_expression();
    };
    m_pos = open_pos + 1;
    attempt([&] {
        if (!attempt(kvpair)) fail();
        for (;;) {
            size_t before = mark();
            if (!accept_op(",") || !attempt(kvpair)) {
                m_pos = before;
                break;
            }
        }
        expect_op(",");
        invalid_kvpair();
        fail();
    });
    m_pos = open_pos + 1;
    attempt([&] {
        parse_expression();
        expect_op(":");
        if (!at_op("*")) fail();
        Token const& a = advance();
        parse_bitwise_or();
        raise_starting_from("cannot use a starred expression in a dictionary value", tok_pos(a));
    });
    m_pos = open_pos + 1;
    attempt([&] {
        parse_expression();
        Token const& a = expect_op(":");
        if (!at_op("}") && !at_op(",")) fail();
        raise_at_token("expression expected after dictionary key and ':'", a);
    });
    m_pos = save;
}

// invalid_kvpair:
//     a=expression !(':')
//   | expression ':' a='*' bitwise_or
//   | expression a=':' &('}'|',')
void Parser::invalid_kvpair()
{
    size_t save = mark();
    attempt([&] {
        ast::Expr* a = parse_expression();
        if (at_op(":")) fail();
        // CPython's location: the key's last character, no end.
        raise_known("SyntaxError", "':' expected after dictionary key", a->pos.lineno, a->pos.end_col_offset,
                    a->pos.end_lineno, 0);
    });
    attempt([&] {
        parse_expression();
        expect_op(":");
        if (!at_op("*")) fail();
        Token const& a = advance();
        parse_bitwise_or();
        raise_starting_from("cannot use a starred expression in a dictionary value", tok_pos(a));
    });
    attempt([&] {
        parse_expression();
        Token const& a = expect_op(":");
        if (!at_op("}") && !at_op(",")) fail();
        raise_at_token("expression expected after dictionary key and ':'", a);
    });
    m_pos = save;
}

// invalid_group: '(' a=starred_expression ')' | '(' a='**' expression ')'
void Parser::invalid_group(size_t open_pos)
{
    size_t save = mark();
    m_pos = open_pos + 1;
    if (at_op("*")) {
        attempt([&] {
            Token const& star = advance();
            parse_expression();
            ast::Pos a = from(star);
            expect_op(")");
            raise_syntax("cannot use starred expression here", a);
        });
    } else if (at_op("**")) {
        attempt([&] {
            Token const& a = advance();
            parse_expression();
            expect_op(")");
            raise_at_token("cannot use double starred expression here", a);
        });
    }
    m_pos = save;
}

// ---------------------------------------------------------------- targets

void Parser::raise_invalid_target(ast::Expr* e, TargetKind kind)
{
    if (ast::Expr* bad = invalid_target(e, kind)) {
        raise_syntax(std::string(kind == TargetKind::Del ? "cannot delete " : "cannot assign to ") + expr_name(bad),
                     bad->pos);
    }
}

// invalid_for_target: 'for' a=star_expressions
void Parser::invalid_for_target(size_t for_pos)
{
    size_t save = mark();
    m_pos = for_pos + 1;
    attempt([&] { raise_invalid_target(parse_star_expressions(), TargetKind::For); });
    m_pos = save;
}

// invalid_del_stmt: 'del' a=star_expressions
void Parser::invalid_del_stmt(size_t del_pos)
{
    size_t save = mark();
    m_pos = del_pos + 1;
    attempt([&] { raise_invalid_target(parse_star_expressions(), TargetKind::Del); });
    m_pos = save;
}

// invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
ast::Expr* Parser::match_invalid_ann_assign_target()
{
    ast::Expr* a = nullptr;
    attempt([&] {
        if (!at_op("[") && !at_op("(")) fail();
        ast::Expr* e = parse_atom();
        // A group of a list or tuple is the list or tuple itself.
        if (e->kind != ast::ExprKind::List && !(e->kind == ast::ExprKind::Tuple && is_parenthesized(e)) &&
            !(e->kind == ast::ExprKind::Tuple && static_cast<ast::Tuple*>(e)->elts.empty())) {
            fail();
        }
        a = e;
    });
    return a; // set only when matched
}

// invalid_assignment, tried in the second pass where the assignment forms failed:
//     a=invalid_ann_assign_target ':' expression
//   | a=star_named_expression ',' star_named_expressions* ':' expression
//   | a=expression ':' expression
//   | (star_targets '=')* a=star_expressions '='
//   | (star_targets '=')* a=yield_expr '='
//   | a=star_expressions augassign (yield_expr | star_expressions)
void Parser::invalid_assignment()
{
    size_t start = mark();
    // Each alternative needs a ':', a '=' or an augmented assignment outside brackets:
    // a look at the logical line spares the attempts that cannot match.
    bool colon = false, assign = false, augmented = false;
    int level = start > 0 ? at(start - 1).level : 0;
    for (size_t i = start; i < m_toks.size(); ++i) {
        Token const& t = m_toks[i];
        if (t.kind == TokenKind::Newline || t.kind == TokenKind::EndMarker || t.kind == TokenKind::ErrorToken) break;
        if (t.kind != TokenKind::Op || t.level != level) continue;
        if (t.text == ":") colon = true;
        else if (t.text == "=") assign = true;
        else if (t.text.size() >= 2 && t.text.back() == '=' && t.text != "==" && t.text != "!=" && t.text != "<=" &&
                 t.text != ">=" && t.text != ":=") augmented = true;
    }
    if (colon) attempt([&] {
        ast::Expr* a = match_invalid_ann_assign_target();
        if (!a) fail();
        expect_op(":");
        parse_expression();
        raise_syntax(std::string("only single target (not ") + expr_name(a) + ") can be annotated", a->pos);
    });
    // The expressions of the next two are parsed whatever follows: the invalid_ rules in
    // them (invalid_named_expression: `f() = 1`, `a, f() = 1, 2`) apply to any statement.
    ast::Expr* a = nullptr;
    attempt([&] { a = parse_star_named_expression(); });
    if (a && at_op(",")) {
        attempt([&] {
            expect_op(",");
            while (match_star_named_expressions()) {
            }
            expect_op(":");
            parse_expression();
            raise_syntax("only single target (not tuple) can be annotated", a->pos);
        });
    }
    m_pos = start;
    a = nullptr;
    attempt([&] { a = parse_expression(); });
    if (a && colon) {
        attempt([&] {
            expect_op(":");
            parse_expression();
            raise_syntax("illegal target for annotation", a->pos);
        });
    }
    m_pos = start;
    // (star_targets '=')*
    auto star_targets_assigned = [&] {
        for (;;) {
            // A shortcut: no '=' left outside brackets on the line.
            bool more = false;
            for (size_t i = mark(); i < m_toks.size() && m_toks[i].kind != TokenKind::Newline &&
                                    m_toks[i].kind != TokenKind::EndMarker && m_toks[i].kind != TokenKind::ErrorToken;
                 ++i) {
                if (m_toks[i].level == level && m_toks[i].is_op("=")) more = true;
            }
            if (!more) break;
            bool ok = attempt([&] {
                ast::Expr* t = parse_star_expressions();
                if (invalid_target(t, TargetKind::Star)) fail();
                expect_op("=");
            });
            if (!ok) break;
        }
    };
    if (assign) attempt([&] {
        star_targets_assigned();
        ast::Expr* a = parse_star_expressions();
        expect_op("=");
        raise_invalid_target(a, TargetKind::Star);
        fail();
    });
    if (assign) attempt([&] {
        star_targets_assigned();
        if (!at_kw("yield")) fail();
        ast::Expr* a = parse_yield();
        expect_op("=");
        raise_syntax("assignment to yield expression not possible", a->pos);
    });
    if (augmented) attempt([&] {
        ast::Expr* a = parse_star_expressions();
        static constexpr std::string_view augassign[] = {"+=", "-=", "*=", "@=", "/=", "%=", "&=",
                                                         "|=", "^=", "<<=", ">>=", "**=", "//="};
        bool aug = false;
        for (auto op : augassign) aug = aug || at_op(op);
        if (!aug) fail();
        advance();
        if (at_kw("yield")) {
            parse_yield();
        } else {
            parse_star_expressions();
        }
        raise_syntax(std::string("'") + expr_name(a) + "' is an illegal expression for augmented assignment", a->pos);
    });
    m_pos = start;
}

// ---------------------------------------------------------------- compound statements

// invalid_with_item: expression 'as' a=expression &(',' | ')' | ':')
void Parser::invalid_with_item(size_t as_pos)
{
    size_t save = mark();
    m_pos = as_pos + 1;
    attempt([&] {
        ast::Expr* a = parse_expression();
        if (!at_op(",") && !at_op(")") && !at_op(":")) fail();
        raise_invalid_target(a, TargetKind::Star);
    });
    m_pos = save;
}

// invalid_with_stmt:
//     'with' ','.(expression ['as' star_target])+ NEWLINE
//   | 'with' '(' ','.(expressions ['as' star_target])+ ','? ')' NEWLINE
void Parser::invalid_with_stmt(size_t with_pos)
{
    size_t save = mark();
    auto items = [&](bool parenthesized) {
        for (;;) {
            if (parenthesized) {
                parse_expressions();
            } else {
                parse_expression();
            }
            size_t before_as = mark();
            if (accept_kw("as") && !attempt([&] { parse_star_target(); })) m_pos = before_as;
            size_t before_comma = mark();
            if (!accept_op(",")) break;
            if (parenthesized && at_op(")")) break;
            if (!can_start_expression(tok())) {
                m_pos = before_comma;
                break;
            }
        }
    };
    m_pos = with_pos + 1;
    if (attempt([&] {
            items(false);
            if (tok().kind != TokenKind::Newline) fail();
        })) {
        raise_here("expected ':'");
    }
    m_pos = with_pos + 1;
    if (attempt([&] {
            expect_op("(");
            items(true);
            expect_op(")");
            if (tok().kind != TokenKind::Newline) fail();
        })) {
        raise_here("expected ':'");
    }
    m_pos = save;
}

// invalid_try_stmt, at an 'except' of the other kind than the handlers before it:
//     'try' ':' block* except_block+ a='except' b='*' expression ['as' NAME] ':'
//   | 'try' ':' block* except_star_block+ a='except' [expression ['as' NAME]] ':'
void Parser::invalid_try_stmt_mixed(size_t except_pos, bool after_star_blocks)
{
    size_t save = mark();
    m_pos = except_pos;
    attempt([&] {
        Token const& a = advance();
        if (!after_star_blocks) {
            Token const& b = expect_op("*");
            parse_expression();
            if (accept_kw("as")) expect_identifier();
            expect_op(":");
            raise_syntax("cannot have both 'except' and 'except*' on the same 'try'", span(tok_pos(a), tok_pos(b)));
        }
        if (!at_op(":")) {
            parse_expression();
            if (accept_kw("as")) expect_identifier();
        }
        expect_op(":");
        raise_at_token("cannot have both 'except' and 'except*' on the same 'try'", a);
    });
    m_pos = save;
}

// invalid_except_stmt: 'except' '*'? a=expression ',' expressions ['as' NAME ] ':'
void Parser::invalid_except_stmt_types(ast::Expr* type)
{
    size_t save = mark();
    attempt([&] {
        expect_op(",");
        parse_expressions();
        if (accept_kw("as")) expect_identifier();
        expect_op(":");
        raise_starting_from("multiple exception types must be parenthesized", type->pos);
    });
    m_pos = save;
}

// ---------------------------------------------------------------- parameters

// default: '=' expression | invalid_default
bool Parser::match_default()
{
    return attempt([&] {
        Token const& eq = expect_op("=");
        invalid_default(eq);
        parse_expression();
    });
}

// invalid_default: a='=' &(')'|',')
void Parser::invalid_default(Token const& eq)
{
    if (at_op(")") || at_op(",")) raise_at_token("expected default value expression", eq);
}

// param_no_default: param ',' | param &')' (lambda_param_no_default: &':')
ast::Arg* Parser::match_param_no_default(bool is_lambda)
{
    ast::Arg* a = nullptr;
    bool matched = attempt([&] {
        a = parse_param(is_lambda, false);
        if (!accept_op(",") && !at_op(is_lambda ? ":" : ")")) fail();
    });
    return matched ? a : nullptr;
}

// param_with_default: param default ',' | param default &')'
ast::Arg* Parser::match_param_with_default(bool is_lambda)
{
    ast::Arg* a = nullptr;
    bool matched = attempt([&] {
        a = parse_param(is_lambda, false);
        if (!match_default()) fail();
        if (!accept_op(",") && !at_op(is_lambda ? ":" : ")")) fail();
    });
    return matched ? a : nullptr;
}

// param_maybe_default: param default? ',' | param default? &')'
ast::Arg* Parser::match_param_maybe_default(bool is_lambda)
{
    ast::Arg* a = nullptr;
    bool matched = attempt([&] {
        a = parse_param(is_lambda, false);
        match_default();
        if (!accept_op(",") && !at_op(is_lambda ? ":" : ")")) fail();
    });
    return matched ? a : nullptr;
}

// slash_no_default: param_no_default+ '/' ',' | param_no_default+ '/' &')'
bool Parser::match_slash_no_default(bool is_lambda)
{
    return attempt([&] {
        if (!match_param_no_default(is_lambda)) fail();
        while (match_param_no_default(is_lambda)) {
        }
        expect_op("/");
        if (!accept_op(",") && !at_op(is_lambda ? ":" : ")")) fail();
    });
}

// slash_with_default: param_no_default* param_with_default+ '/' (',' | &')')
bool Parser::match_slash_with_default(bool is_lambda)
{
    return attempt([&] {
        while (match_param_no_default(is_lambda)) {
        }
        if (!match_param_with_default(is_lambda)) fail();
        while (match_param_with_default(is_lambda)) {
        }
        expect_op("/");
        if (!accept_op(",") && !at_op(is_lambda ? ":" : ")")) fail();
    });
}

// invalid_parameters (invalid_lambda_parameters), before the parameters:
//     param_no_default* invalid_parameters_helper a=param_no_default
//   | param_no_default* a='(' param_no_default+ ','? b=')'
//   | a="/" ','
//   | (slash_no_default | slash_with_default) param_maybe_default* a='/'
//   | (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default)
//         param_maybe_default* a='/'
//   | param_maybe_default+ '/' a='*'
// where invalid_parameters_helper: slash_with_default | param_with_default+
void Parser::invalid_parameters(bool is_lambda)
{
    size_t start = mark();
    attempt([&] {
        while (match_param_no_default(is_lambda)) {
        }
        if (!match_slash_with_default(is_lambda)) {
            if (!match_param_with_default(is_lambda)) fail();
            while (match_param_with_default(is_lambda)) {
            }
        }
        ast::Arg* a = match_param_no_default(is_lambda);
        if (!a) fail();
        raise_syntax("non-default argument follows default argument", a->pos);
    });
    attempt([&] {
        while (match_param_no_default(is_lambda)) {
        }
        Token const& a = expect_op("(");
        if (is_lambda) {
            // ','.lambda_param+
            parse_param(true, false);
            for (;;) {
                size_t before = mark();
                if (!accept_op(",") || !attempt([&] { parse_param(true, false); })) {
                    m_pos = before;
                    break;
                }
            }
        } else {
            if (!match_param_no_default(false)) fail();
            while (match_param_no_default(false)) {
            }
        }
        accept_op(",");
        Token const& b = expect_op(")");
        raise_syntax(is_lambda ? "Lambda expression parameters cannot be parenthesized"
                               : "Function parameters cannot be parenthesized",
                     span(tok_pos(a), tok_pos(b)));
    });
    if (at_op("/") && peek_tok().is_op(",")) raise_at_token("at least one argument must precede /", tok());
    attempt([&] {
        if (!match_slash_no_default(is_lambda) && !match_slash_with_default(is_lambda)) fail();
        while (match_param_maybe_default(is_lambda)) {
        }
        if (!at_op("/")) fail();
        raise_at_token("/ may appear only once", tok());
    });
    attempt([&] {
        if (!match_slash_no_default(is_lambda)) match_slash_with_default(is_lambda);
        while (match_param_maybe_default(is_lambda)) {
        }
        expect_op("*");
        if (!accept_op(",") && !match_param_no_default(is_lambda)) fail();
        while (match_param_maybe_default(is_lambda)) {
        }
        if (!at_op("/")) fail();
        raise_at_token("/ must be ahead of *", tok());
    });
    attempt([&] {
        if (!match_param_maybe_default(is_lambda)) fail();
        while (match_param_maybe_default(is_lambda)) {
        }
        expect_op("/");
        if (!at_op("*")) fail();
        raise_at_token("expected comma between / and *", tok());
    });
    m_pos = start;
}

// invalid_star_etc (invalid_lambda_star_etc), at the '*':
//     a='*' (')' | ',' (')' | '**'))     (lambda: at the last token read)
//   | '*' param a='='
//   | '*' (param_no_default | ',') param_maybe_default* a='*' (param_no_default | ',')
void Parser::invalid_star_etc(bool is_lambda)
{
    std::string_view end = is_lambda ? ":" : ")";
    size_t start = mark();
    Token const& star = advance();
    if (at_op(end) || (at_op(",") && (peek_tok().is_op(end) || peek_tok().is_op("**")))) {
        if (is_lambda) raise_here("named arguments must follow bare *");
        raise_at_token("named arguments must follow bare *", star);
    }
    attempt([&] {
        parse_param(is_lambda, false);
        if (!at_op("=")) fail();
        raise_at_token("var-positional argument cannot have default value", tok());
    });
    attempt([&] {
        if (!accept_op(",") && !match_param_no_default(is_lambda)) fail();
        while (match_param_maybe_default(is_lambda)) {
        }
        Token const& a = expect_op("*");
        if (!accept_op(",") && !match_param_no_default(is_lambda)) fail();
        raise_at_token("* argument may appear only once", a);
    });
    m_pos = start;
}

// invalid_kwds (invalid_lambda_kwds), at the '**':
//     '**' param a='='
//   | '**' param ',' a=param
//   | '**' param ',' a[Token*]=('*'|'**'|'/')
void Parser::invalid_kwds(bool is_lambda)
{
    size_t start = mark();
    attempt([&] {
        advance();
        parse_param(is_lambda, false);
        if (at_op("=")) raise_at_token("var-keyword argument cannot have default value", tok());
        expect_op(",");
        if (at_op("*") || at_op("**") || at_op("/")) raise_at_token("arguments cannot follow var-keyword argument", tok());
        ast::Arg* a = parse_param(is_lambda, false);
        raise_syntax("arguments cannot follow var-keyword argument", a->pos);
    });
    m_pos = start;
}

} // namespace slpy::parser
