// Internal declarations of the recursive-descent parser (not part of the public API;
// include stackless/parser/parser.h instead).
//
// The parser is split over these files:
//   parser.cpp          entry point, statements;
//   parser_expr.cpp     expressions, arguments, targets;
//   parser_match.cpp    match statements and patterns (with their invalid_ rules);
//   parser_invalid.cpp  the invalid_ rules (CPython's specialised syntax errors);
//   parser_errors.cpp   raising errors and choosing the one to report;
//   string_literal.cpp  numbers, string and f-string literals.
//
// Errors follow CPython's parser (Parser/pegen.c, pegen_errors.c). A first pass parses
// with the grammar alone; where no rule matches, it throws a ParseError of kind Fail.
// Parser::run then makes a second pass with the `invalid_*` rules switched on
// (m_invalid_rules, CPython's call_invalid_rules): each of them is a small function named
// after its grammar rule that raises a specific message where the grammar failed. If none
// applies, the error is "invalid syntax" at the furthest token the first pass fetched.
// Errors raised on the way (forced tokens such as "expected ':'", literals, the tokenizer's
// own errors, met when the parser fetches the failing token) end the parse at once.
// Finally a tokenizer error further on in the source may take precedence (see
// Parser::finish_error).
#pragma once

#include "stackless/parser/ast.h"
#include "stackless/parser/parser.h"
#include "stackless/parser/tokenizer.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace slpy::parser {

struct ParseError {
    enum class Kind {
        Fail,      // no rule matches here (a PEG rule returning NULL); `info` is unused
        Raise,     // a specific error raised by a rule, a forced token or an action
        Tokenizer, // the tokenizer's error, met when the parser fetched the token
        Final,     // the error to report, already resolved (see Parser::run)
    };
    Kind kind = Kind::Raise;
    compiler::SyntaxErrorInfo info;
};

// How a source is being parsed (what CPython's error reporting depends on).
struct ParseOptions {
    // CPython's Py_file_input ('exec'): the line shown in an error is read from the file
    // named `filename` when it exists.
    bool file_input = false;
    std::string filename;
    // 'eval'/'single' source without a final newline: CPython adds none, so the last
    // NEWLINE and what follows have no column, and the last line has no '\n'.
    bool virtual_final_newline = false;
    // A script file, read by CPython's file tokenizer: at the end of the input its
    // column is 0 (its buffer is empty there).
    bool from_file = false;
    // ... and without a declared encoding: CPython's tokenizer has none, and the parser
    // then reports byte offsets.
    bool byte_offsets = false;
    int fstring_level = 0; // > 0 for the parser of an f-string replacement field
    int depth = 0;         // recursion depth already used by an enclosing parser
    int64_t max_int_digits = 0; // SourceOptions::max_int_digits
    int feature_version = -1;   // SourceOptions::feature_version
    std::vector<compiler::SyntaxErrorInfo>* warnings = nullptr; // where warnings go (see parse())
};

// What a target is being validated for (CPython's TARGETS_TYPE).
enum class TargetKind { Star, Del, For };

class Parser {
public:
    Parser(Tokenizer const& tokenizer, ast::Arena& arena, ParseOptions const& options);

    ast::Mod* parse_file();
    ast::Mod* parse_eval();
    ast::Mod* parse_single();
    // The f-string field grammar: star_expressions, then end of input.
    ast::Expr* parse_fstring_field();

    // Parses the tokens of `tokenizer` with `entry` as CPython's _PyPegen_run_parser
    // does: on failure a second pass with the invalid_ rules, then the choice of the
    // error to report. Throws a ParseError of kind Final holding it.
    template<typename R>
    static R* run(Tokenizer const& tokenizer, ast::Arena& arena, ParseOptions const& options, R* (Parser::*entry)())
    {
        Parser first(tokenizer, arena, options);
        try {
            return (first.*entry)();
        } catch (ParseError const& e) {
            if (e.kind != ParseError::Kind::Fail) throw first.finish_error(e);
        }
        Parser second(tokenizer, arena, options);
        second.m_invalid_rules = true;
        second.m_second_pass = true;
        second.m_max_pos = first.m_max_pos; // CPython keeps the tokens fetched so far
        try {
            (second.*entry)();
        } catch (ParseError const& e) {
            if (e.kind != ParseError::Kind::Fail) throw second.finish_error(e);
        }
        // No invalid_ rule applies (or, unexpectedly, the second pass succeeded).
        throw second.generic_error(first.m_max_pos);
    }

    // ---- used by string_literal.cpp
    Tokenizer const& tokenizer() const { return m_tz; }
    ast::Arena& arena() { return m_arena; }
    int fstring_level() const { return m_fstring_level; }
    ParseOptions const& options() const { return m_options; }
    int depth() const { return m_depth; }
    // Raises at byte columns `col`..`end_col` (0-based, as in tokens and nodes).
    [[noreturn]] void raise_at_pos(std::string msg, int lineno, int col, int end_lineno, int end_col,
                                   std::string_view type = "SyntaxError") const;
    // Raises at token `t` (CPython's RAISE_SYNTAX_ERROR_KNOWN_LOCATION of a token).
    [[noreturn]] void raise_at_token(std::string msg, Token const& t) const;
    // CPython's RAISE_SYNTAX_ERROR: at the last token fetched so far.
    [[noreturn]] void raise_here(std::string msg, std::string_view type = "SyntaxError") const;
    // CPython's CHECK_VERSION: syntax that Python 3.`minor` added (`what`, e.g.
    // "Assignment expressions are") is an error under an older feature_version.
    void check_version(int minor, char const* what) const;
    // A warning of `category` ("DeprecationWarning", ...) located at token `t` (once per
    // place: backtracking may build a node twice).
    void warn_at_token(std::string_view category, std::string msg, Token const& t) const;
    void add_warning(compiler::SyntaxErrorInfo w) const;

private:
    friend struct DepthGuard;

    // ---- tokens
    Token const& tok() const { return at(m_pos); }
    Token const& at(size_t i) const;
    Token const& peek_tok(size_t n = 1) const { return at(m_pos + n); }
    Token const& advance();
    // The index of the current token (for backtracking: m_pos = saved).
    size_t mark() const { return m_pos; }
    Token const& last() const { return at(m_pos == 0 ? 0 : m_pos - 1); }
    bool at_op(std::string_view s) const { return tok().is_op(s); }
    bool at_kw(std::string_view s) const { return tok().is_name(s); }
    bool accept_op(std::string_view s);
    bool accept_kw(std::string_view s);
    Token const& expect_op(std::string_view s);
    Token const& expect_kw(std::string_view s);
    // A NAME token that is not a hard keyword.
    bool at_identifier() const;
    // A NAME that may be followed by '=' in call arguments: an identifier, or True,
    // False and None (for invalid_kwarg). No other keyword makes CPython look further.
    bool at_kwarg_name() const
    {
        return at_identifier() || at_kw("True") || at_kw("False") || at_kw("None");
    }
    Token const& expect_identifier();
    bool can_start_expression(Token const& t) const;
    bool can_start_atom(Token const& t) const;
    // The identifier a NAME token stands for (NFKC-normalised, see normalize_identifier).
    static std::string identifier(Token const& t) { return normalize_identifier(t.text); }

    // ---- errors (parser_errors.cpp)
    // No rule matches at this point (the error is chosen later, see run()).
    [[noreturn]] void fail() const;
    // CPython's RAISE_SYNTAX_ERROR_KNOWN_LOCATION / _KNOWN_RANGE: from the start of
    // `range` to its end.
    [[noreturn]] void raise_syntax(std::string msg, ast::Pos const& range, std::string_view type = "SyntaxError") const;
    // CPython's RAISE_SYNTAX_ERROR_STARTING_FROM: from `start` to the tokenizer's position.
    [[noreturn]] void raise_starting_from(std::string msg, ast::Pos const& start) const;
    [[noreturn]] void raise_depth();
    // CPython's _PyPegen_raise_error_known_location: columns are byte offsets plus one
    // (0 for a token without a column), `end_col` -1 for none.
    [[noreturn]] void raise_known(std::string_view type, std::string msg, int lineno, int col, int end_lineno,
                                  int end_col) const;
    [[noreturn]] void raise_info(compiler::SyntaxErrorInfo info) const;
    // `current_line`: the tokenizer's line, if not that of the last token fetched.
    compiler::SyntaxErrorInfo error_info(std::string_view type, std::string msg, int lineno, int col, int end_lineno,
                                         int end_col, int current_line = 0) const;
    compiler::SyntaxErrorInfo info_at_token(std::string msg, Token const& t) const;
    compiler::SyntaxErrorInfo info_here(std::string msg, std::string_view type) const;
    compiler::SyntaxErrorInfo unclosed_bracket_error() const;
    // The furthest token fetched (CPython's p->tokens[p->fill - 1]).
    Token const& last_fetched() const;
    // Is `t` one of the tokens at the end of the input (ENDMARKER, the DEDENTs before it,
    // a NEWLINE that the source does not have)?
    bool at_eof(Token const& t) const;
    // Tokens without a column in CPython: INDENT, DEDENT and those at the end of the input.
    bool has_no_column(Token const& t) const;
    int last_line() const;
    // The physical line and column the tokenizer is at after fetching token `t`, and the
    // first line of its buffer then (earlier when the line continues a string or a
    // backslash line).
    int tokenizer_line(Token const& t) const;
    int tokenizer_col(Token const& t) const;
    int buffer_start(int line) const;
    bool line_continues(int line) const; // into the next one, in the tokenizer's buffer
    // The line shown in an error on `lineno` (CPython's error_line), the tokenizer being
    // on line `current`.
    std::string error_line(int lineno, int current) const;
    // The tokenizer's error, thrown when the parser fetches the token where it failed.
    [[noreturn]] void raise_tokenizer_error() const;
    // _Pypegen_set_syntax_error: the error after a second pass that raised nothing.
    ParseError generic_error(size_t last_pos) const;
    // _PyPegen_tokenize_full_source_to_check_for_errors: a tokenizer error further on
    // may replace a parser error.
    ParseError finish_error(ParseError const& e) const;

    // ---- backtracking
    // Tries `f` as a PEG alternative: true if it matched; false, back at the current
    // token, if no rule matched. Raised errors propagate (they end the parse).
    template<typename F>
    bool attempt(F&& f)
    {
        size_t save = m_pos;
        try {
            f();
            return true;
        } catch (ParseError const& e) {
            if (e.kind != ParseError::Kind::Fail) throw;
            m_pos = save;
            return false;
        }
    }
    // The operand after an operator at token `op_pos`, parsed by `parse`; where none
    // follows, nullptr and back at the operator (a rule like `sum '+' term | term` then
    // matches the shorter form, as in CPython).
    template<typename F>
    ast::Expr* operand_after(size_t op_pos, F&& parse)
    {
        ast::Expr* e = nullptr;
        if (!attempt([&] { e = parse(); })) {
            m_pos = op_pos;
            return nullptr;
        }
        return e;
    }
    // Switches the invalid_ rules off while alive (CPython's *_without_invalid rules).
    struct NoInvalidRules {
        explicit NoInvalidRules(Parser& p) : m_p(p), m_saved(p.m_invalid_rules) { p.m_invalid_rules = false; }
        ~NoInvalidRules() { m_p.m_invalid_rules = m_saved; }
        NoInvalidRules(NoInvalidRules const&) = delete;
        NoInvalidRules& operator=(NoInvalidRules const&) = delete;
        Parser& m_p;
        bool m_saved;
    };

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
    ast::Stmt* parse_assignment(bool only_assignment);
    ast::Stmt* parse_del();
    ast::ExceptHandler* parse_except_block(bool star);
    ast::Stmt* parse_compound_statement();
    std::vector<ast::Stmt*> parse_block(std::string const& what, int lineno);
    void expect_colon(bool forced);
    ast::Stmt* parse_if(bool is_elif);
    ast::Stmt* parse_while();
    ast::Stmt* parse_for(Token const* async_kw = nullptr);
    ast::Stmt* parse_with(Token const* async_kw = nullptr);
    ast::Stmt* parse_try();
    ast::Stmt* parse_funcdef(std::vector<ast::Expr*> decorators, Token const* first, Token const* async_kw = nullptr);
    ast::Stmt* parse_classdef(std::vector<ast::Expr*> decorators, Token const* first);
    ast::Stmt* parse_decorated();
    ast::Stmt* parse_import();
    ast::Stmt* parse_from_import();
    // ---- match statements (parser_match.cpp)
    ast::Stmt* parse_match_statement();
    ast::Expr* parse_subject_expr();
    ast::MatchCase* parse_case_block();
    ast::Pattern* parse_patterns();
    ast::Pattern* parse_maybe_star_pattern();
    ast::Pattern* parse_pattern();
    ast::Pattern* parse_or_pattern();
    ast::Pattern* parse_closed_pattern();
    ast::Pattern* parse_sequence_pattern();
    ast::Pattern* parse_mapping_pattern();
    ast::Pattern* parse_class_pattern(ast::Expr* cls);
    ast::Expr* parse_pattern_number(bool want_imaginary);
    ast::Expr* parse_number_literal();
    ast::Expr* parse_name_or_attr(bool need_dot);
    std::string parse_capture_target();
    bool at_capture_target() const;
    bool can_start_pattern() const;

    // ---- expressions (parser_expr.cpp)
public:
    ast::Expr* parse_star_expressions();
private:
    ast::Expr* parse_star_expression();
    ast::Expr* parse_star_named_expression();
    ast::Expr* parse_named_expression(bool with_invalid = true);
    ast::Expr* parse_expression();
    ast::Expr* parse_expression_rule(); // parse_expression without the memo
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
    ast::Expr* parse_paren_alternatives();
    ast::Expr* parse_list_alternatives();
    ast::Expr* parse_brace_alternatives();
    ast::Expr* parse_for_targets(size_t for_pos);
    ast::Expr* parse_star_target();
    void parse_call_arguments(std::vector<ast::Expr*>& args, std::vector<ast::Keyword*>& keywords,
                              Token const& open, bool is_class);
    void parse_arguments(std::vector<ast::Expr*>& args, std::vector<ast::Keyword*>& keywords, Token const& open,
                         bool is_class);
    std::vector<ast::Comprehension*> parse_comprehension_clauses();
    ast::Arguments* parse_parameters(bool is_lambda);
    ast::Arg* parse_param(bool is_lambda, bool star_annotation);
    // Sets the context of a target to Store/Del, raising CPython's error if `e` cannot be
    // a target of that kind.
    void set_context(ast::Expr* e, ast::ExprContext ctx);
    static ast::Expr* invalid_target(ast::Expr* e, TargetKind kind);
    bool is_parenthesized(ast::Expr* e) const { return m_parenthesized.count(e) != 0; }
    bool starts_with_display(ast::Expr* e, size_t start) const;
    // Is `e` at the bitwise_or level or tighter (an operand of a comparison)?
    bool is_bitwise_level(ast::Expr* e) const;

    // ---- the invalid_ rules of the second pass (parser_invalid.cpp). A `..._pos`
    // argument is the index of the rule's first token.
    void invalid_expression_comma(size_t start, ast::Expr* a);
    void invalid_expression_if(ast::Expr* a, ast::Expr* b);
    void invalid_legacy_expression(size_t start);
    void invalid_named_expression(size_t start, ast::Expr* a);
    void invalid_kwarg_keyword();
    void invalid_kwarg_genexp(Token const& name, Token const& eq);
    [[noreturn]] void invalid_kwarg_assign(ast::Expr* a);
    void invalid_arguments(size_t start);
    void invalid_comprehension(size_t open_pos);
    void invalid_dict_comprehension(size_t open_pos);
    void invalid_double_starred_kvpairs(size_t open_pos);
    void invalid_kvpair();
    void invalid_group(size_t open_pos);
    void invalid_for_target(size_t for_pos);
    void invalid_del_stmt(size_t del_pos);
    void invalid_assignment();
    void invalid_with_item(size_t as_pos);
    void invalid_with_stmt(size_t with_pos);
    void invalid_try_stmt_mixed(size_t except_pos, bool after_star_blocks);
    void invalid_except_stmt_types(ast::Expr* type);
    void invalid_parameters(bool is_lambda);
    void invalid_default(Token const& eq);
    void invalid_star_etc(bool is_lambda);
    void invalid_kwds(bool is_lambda);
    // CPython's RAISE_SYNTAX_ERROR_INVALID_TARGET: raises at the first part of `e` that
    // cannot be a target, if any.
    void raise_invalid_target(ast::Expr* e, TargetKind kind);
    // Sub-rules the invalid_ rules match (each true and past it if it matches).
    struct ArgsMatch {
        size_t positional = 0; // positional and starred items (CPython's Call.args)
        ast::Expr* last_positional = nullptr;
        bool has_kwargs = false; // keywords or '**' items
        bool kw_unpack = false;  // '**' items
    };
    bool match_args(ArgsMatch& m);
    ast::Expr* match_star_named_expressions(); // the last one, or nullptr
    ast::Expr* match_invalid_ann_assign_target();
    ast::Arg* match_param_no_default(bool is_lambda);
    ast::Arg* match_param_with_default(bool is_lambda);
    ast::Arg* match_param_maybe_default(bool is_lambda);
    bool match_default();
    bool match_slash_no_default(bool is_lambda);
    bool match_slash_with_default(bool is_lambda);

public:
    static char const* expr_name(ast::Expr const* e);

private:
    Tokenizer const& m_tz;
    std::vector<Token> const& m_toks;
    ast::Arena& m_arena;
    ParseOptions m_options;
    size_t m_pos = 0;
    mutable size_t m_max_pos = 0; // furthest token fetched (CPython's p->fill - 1)
    int m_depth = 0;
    int m_fstring_level;
    // The second pass: the invalid_ rules are tried (CPython's call_invalid_rules).
    bool m_invalid_rules = false;
    bool m_second_pass = false;
    std::unordered_set<ast::Expr const*> m_parenthesized;
    // The second pass parses some expressions more than once (an invalid_ rule, then the
    // grammar): their results by start token, with and without the invalid_ rules, keep
    // it linear (CPython memoizes `expression` too).
    struct Memo {
        ast::Expr* node;
        size_t end;
        bool failed;
    };
    std::unordered_map<size_t, Memo> m_expr_memo[2];
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
// The digit limit on decimal int literals (CPython's int_max_str_digits): the
// SyntaxError for `t` holding more than `limit` digits, if it does (0: no limit).
std::optional<std::string> int_literal_too_long(std::string_view text, int64_t limit);

} // namespace slpy::parser
