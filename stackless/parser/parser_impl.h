// Internal declarations of the recursive-descent parser (not part of the public API;
// include stackless/parser/parser.h instead).
//
// The parser is split over three files:
//   parser.cpp          entry point, error handling, statements;
//   parser_expr.cpp     expressions, arguments, targets;
//   string_literal.cpp  numbers, string and f-string literals.
//
// Errors are reported by throwing ParseError; `parse()` catches it and decides, like
// CPython, whether a tokenizer error further on takes precedence.
#pragma once

#include "stackless/parser/ast.h"
#include "stackless/parser/parser.h"
#include "stackless/parser/tokenizer.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace slpy::parser {

struct ParseError {
    compiler::SyntaxErrorInfo info;
    // true: report as is, even if the tokenizer failed later in the file (CPython does
    // this for "unexpected indent").
    bool final = false;
};

// What a target is being validated for (CPython's TARGETS_TYPE).
enum class TargetKind { Star, Del, For };

class Parser {
public:
    // `fstring_level` > 0 for the parser of an f-string replacement field.
    // `initial_depth` is the recursion depth already used by an enclosing parser.
    Parser(Tokenizer const& tokenizer, ast::Arena& arena, int fstring_level = 0, int initial_depth = 0);

    ast::Mod* parse_file();
    ast::Mod* parse_eval();
    ast::Mod* parse_single();
    // The f-string field grammar: star_expressions, then end of input.
    ast::Expr* parse_fstring_field();

    // Turns a ParseError thrown by this parser into the error CPython would report,
    // giving tokenizer errors precedence.
    compiler::SyntaxErrorInfo resolve_error(ParseError const& e) const;

    // ---- used by string_literal.cpp
    Tokenizer const& tokenizer() const { return m_tz; }
    ast::Arena& arena() { return m_arena; }
    int fstring_level() const { return m_fstring_level; }
    int depth() const { return m_depth; }
    [[noreturn]] void raise_at_pos(std::string msg, int lineno, int col, int end_lineno, int end_col,
                                   std::string_view type = "SyntaxError");
    // Raises at the token after the current string group, as CPython's RAISE_SYNTAX_ERROR
    // (offset and end offset both one past the token's start/end).
    [[noreturn]] void raise_at_token(std::string msg, Token const& t);

private:
    friend struct DepthGuard;

    // ---- tokens
    Token const& tok() const { return at(m_pos); }
    Token const& at(size_t i) const;
    Token const& peek_tok(size_t n = 1) const { return at(m_pos + n); }
    Token const& advance();
    Token const& last() const { return at(m_pos == 0 ? 0 : m_pos - 1); }
    bool at_op(std::string_view s) const { return tok().is_op(s); }
    bool at_kw(std::string_view s) const { return tok().is_name(s); }
    bool accept_op(std::string_view s);
    bool accept_kw(std::string_view s);
    Token const& expect_op(std::string_view s);
    Token const& expect_kw(std::string_view s);
    // A NAME token that is not a hard keyword.
    bool at_identifier() const;
    Token const& expect_identifier();
    bool can_start_expression(Token const& t) const;
    // The identifier a NAME token stands for (NFKC-normalised, see normalize_identifier).
    static std::string identifier(Token const& t) { return normalize_identifier(t.text); }

    // ---- errors
    [[noreturn]] void raise_syntax(std::string msg, ast::Pos const& range, std::string_view type = "SyntaxError");
    [[noreturn]] void raise_invalid(Token const& t);
    [[noreturn]] void raise_invalid() { raise_invalid(tok()); }
    [[noreturn]] void raise_depth();
    [[noreturn]] void raise_unsupported(std::string what, Token const& from, Token const& to);

    // ---- positions
    static ast::Pos tok_pos(Token const& t) { return {t.lineno, t.col, t.end_lineno, t.end_col}; }
    static ast::Pos span(ast::Pos const& a, ast::Pos const& b) { return {a.lineno, a.col_offset, b.end_lineno, b.end_col_offset}; }
    // The last consumed token that is not NEWLINE/INDENT/DEDENT (where a node ends).
    Token const& last_real() const;
    ast::Pos from(Token const& start) const { return span(tok_pos(start), tok_pos(last_real())); }
    ast::Pos from(ast::Pos const& start) const { return span(start, tok_pos(last_real())); }
    template<typename T> T* make(ast::Pos const& pos)
    {
        T* n = m_arena.make<T>();
        n->pos = pos;
        return n;
    }

    // ---- statements (parser.cpp)
    std::vector<ast::Stmt*> parse_statements_until_dedent();
    void parse_statement(std::vector<ast::Stmt*>& out);
    void parse_simple_statements(std::vector<ast::Stmt*>& out);
    ast::Stmt* parse_simple_statement();
    ast::Stmt* parse_expression_statement();
    ast::Stmt* parse_compound_statement();
    std::vector<ast::Stmt*> parse_block(std::string const& what, int lineno);
    void expect_colon(bool forced);
    ast::Stmt* parse_if(bool is_elif);
    ast::Stmt* parse_while();
    ast::Stmt* parse_for();
    ast::Stmt* parse_with();
    ast::Stmt* parse_try();
    ast::Stmt* parse_funcdef(std::vector<ast::Expr*> decorators, Token const* first);
    ast::Stmt* parse_classdef(std::vector<ast::Expr*> decorators, Token const* first);
    ast::Stmt* parse_decorated();
    ast::Stmt* parse_import();
    ast::Stmt* parse_from_import();
    void check_match_statement();
    void check_legacy_print(ast::Expr* first);

    // ---- expressions (parser_expr.cpp)
public:
    ast::Expr* parse_star_expressions();
private:
    ast::Expr* parse_star_expression();
    ast::Expr* parse_star_named_expression();
    ast::Expr* parse_named_expression(bool check_assign = true);
    ast::Expr* parse_expression();
    ast::Expr* parse_expressions(); // eval input: expression (',' expression)* [',']
    ast::Expr* parse_disjunction();
    ast::Expr* parse_conjunction();
    ast::Expr* parse_inversion();
    ast::Expr* parse_comparison();
    ast::Expr* parse_bitwise_or();
    ast::Expr* parse_bitwise_xor();
    ast::Expr* parse_bitwise_and();
    ast::Expr* parse_shift();
    ast::Expr* parse_sum();
    ast::Expr* parse_term();
    ast::Expr* parse_factor();
    ast::Expr* parse_power();
    ast::Expr* parse_primary();
    ast::Expr* parse_atom();
    ast::Expr* parse_paren();
    ast::Expr* parse_list();
    ast::Expr* parse_brace();
    ast::Expr* parse_lambda();
    ast::Expr* parse_yield();
    ast::Expr* parse_strings();
    ast::Expr* parse_number(Token const& t);
    ast::Expr* parse_slices();
    ast::Expr* parse_slice();
    ast::Expr* parse_target_list(); // star_targets for 'for' and comprehensions
    void parse_call_arguments(std::vector<ast::Expr*>& args, std::vector<ast::Keyword*>& keywords,
                              Token const& open, bool is_class);
    std::vector<ast::Comprehension*> parse_comprehension_clauses();
    ast::Arguments* parse_parameters(bool is_lambda);
    ast::Arg* parse_param(bool is_lambda, bool star_annotation);
    void check_comma_heuristic(ast::Expr* a);
    void check_assign_in_named(ast::Expr* a);
    // Sets the context of a target to Store/Del, raising CPython's error if `e` cannot be
    // a target of that kind.
    void set_context(ast::Expr* e, ast::ExprContext ctx);
    void check_target(ast::Expr* e, TargetKind kind);
    static ast::Expr* invalid_target(ast::Expr* e, TargetKind kind);
    bool is_parenthesized(ast::Expr* e) const { return m_parenthesized.count(e) != 0; }
    bool starts_with_display(ast::Expr* e) const;
    // Is `e` at the bitwise_or level or tighter (an operand of a comparison)?
    bool is_bitwise_level(ast::Expr* e) const;
    // The bitwise_or expression `e` starts with, or nullptr if it starts otherwise
    // (with `not`, `lambda`, `*`, `yield`).
    ast::Expr* leading_bitwise_or(ast::Expr* e) const;

public:
    static char const* expr_name(ast::Expr const* e);

private:
    Tokenizer const& m_tz;
    std::vector<Token> const& m_toks;
    ast::Arena& m_arena;
    size_t m_pos = 0;
    mutable size_t m_max_pos = 0; // furthest token looked at
    int m_depth = 0;
    int m_fstring_level;
    bool m_no_heuristics = false; // set while parsing speculatively for an error message
    std::unordered_set<ast::Expr const*> m_parenthesized;
};

// Depth guard against stack overflow on deeply nested input.
struct DepthGuard {
    explicit DepthGuard(Parser& p);
    ~DepthGuard() { --m_p.m_depth; }
    DepthGuard(DepthGuard const&) = delete;
    DepthGuard& operator=(DepthGuard const&) = delete;
    Parser& m_p;
};

// ---- string_literal.cpp

// Builds the Constant or JoinedStr for the adjacent STRING tokens toks[first..last];
// `next` is the token after them (errors are reported there, as CPython does).
ast::Expr* build_string(Parser& p, std::vector<Token> const& toks, size_t first, size_t last, Token const& next);
// Converts a NUMBER token to its constant value.
compiler::ConstValue number_value(std::string_view text);

} // namespace slpy::parser
