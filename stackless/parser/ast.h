// slpy abstract syntax tree.
//
// Mirrors CPython 3.11's Parser/Python.asdl node for node and field for field, so that
// anyone who knows the `ast` module can read it. Differences:
//   * no TypeIgnore, no type_comment fields;
//   * AsyncFunctionDef, AsyncFor and AsyncWith are FunctionDef, For and With with
//     `is_async` set (their fields are the same).
//
// Ownership: every node is allocated in an Arena and lives exactly as long as it.
// Nodes point at each other with plain pointers; a pointer that the grammar makes
// optional (`expr?`) is nullptr when absent.
//
// Positions follow CPython: lineno/end_lineno are 1-based, col_offset/end_col_offset
// are 0-based *UTF-8 byte* offsets into the line (the traceback printer converts them
// to character columns).
#pragma once

#include "stackless/compiler/constant.h"

#include <memory>
#include <string>
#include <vector>

namespace slpy::ast {

using compiler::ConstValue;

struct Pos {
    int lineno = 0;
    int col_offset = 0;
    int end_lineno = 0;
    int end_col_offset = 0;
};

struct Node {
    Pos pos;
    virtual ~Node() = default;
};

// Owns every node of one parse.
class Arena {
public:
    template<typename T, typename... Args>
    T* make(Args&&... args)
    {
        auto node = std::make_unique<T>(std::forward<Args>(args)...);
        T* raw = node.get();
        m_nodes.push_back(std::move(node));
        return raw;
    }

private:
    std::vector<std::unique_ptr<Node>> m_nodes;
};

enum class ExprContext { Load, Store, Del };
enum class BoolOpKind { And, Or };
// Same order as CPython's ast.operator.
enum class Operator { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv };
enum class UnaryOpKind { Invert, Not, UAdd, USub };
enum class CmpOp { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// ---------------------------------------------------------------- expressions

enum class ExprKind {
    BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp,
    DictComp, GeneratorExp, Yield, YieldFrom, Compare, Call, FormattedValue, JoinedStr,
    Constant, Attribute, Subscript, Starred, Name, List, Tuple, Slice, Await,
};

struct Expr : Node {
    explicit Expr(ExprKind k) : kind(k) {}
    ExprKind kind;
};

struct Arguments;
struct Keyword;
struct Comprehension;

struct BoolOp : Expr { BoolOp() : Expr(ExprKind::BoolOp) {} BoolOpKind op {}; std::vector<Expr*> values; };
struct NamedExpr : Expr { NamedExpr() : Expr(ExprKind::NamedExpr) {} Expr* target = nullptr; Expr* value = nullptr; };
struct BinOp : Expr { BinOp() : Expr(ExprKind::BinOp) {} Expr* left = nullptr; Operator op {}; Expr* right = nullptr; };
struct UnaryOp : Expr { UnaryOp() : Expr(ExprKind::UnaryOp) {} UnaryOpKind op {}; Expr* operand = nullptr; };
struct Lambda : Expr { Lambda() : Expr(ExprKind::Lambda) {} Arguments* args = nullptr; Expr* body = nullptr; };
struct IfExp : Expr { IfExp() : Expr(ExprKind::IfExp) {} Expr* test = nullptr; Expr* body = nullptr; Expr* orelse = nullptr; };
// keys[i] == nullptr means `**values[i]`.
struct Dict : Expr { Dict() : Expr(ExprKind::Dict) {} std::vector<Expr*> keys; std::vector<Expr*> values; };
struct Set : Expr { Set() : Expr(ExprKind::Set) {} std::vector<Expr*> elts; };
struct ListComp : Expr { ListComp() : Expr(ExprKind::ListComp) {} Expr* elt = nullptr; std::vector<Comprehension*> generators; };
struct SetComp : Expr { SetComp() : Expr(ExprKind::SetComp) {} Expr* elt = nullptr; std::vector<Comprehension*> generators; };
struct DictComp : Expr { DictComp() : Expr(ExprKind::DictComp) {} Expr* key = nullptr; Expr* value = nullptr; std::vector<Comprehension*> generators; };
struct GeneratorExp : Expr { GeneratorExp() : Expr(ExprKind::GeneratorExp) {} Expr* elt = nullptr; std::vector<Comprehension*> generators; };
struct Yield : Expr { Yield() : Expr(ExprKind::Yield) {} Expr* value = nullptr; };
struct YieldFrom : Expr { YieldFrom() : Expr(ExprKind::YieldFrom) {} Expr* value = nullptr; };
struct Await : Expr { Await() : Expr(ExprKind::Await) {} Expr* value = nullptr; };
struct Compare : Expr { Compare() : Expr(ExprKind::Compare) {} Expr* left = nullptr; std::vector<CmpOp> ops; std::vector<Expr*> comparators; };
struct Call : Expr { Call() : Expr(ExprKind::Call) {} Expr* func = nullptr; std::vector<Expr*> args; std::vector<Keyword*> keywords; };
// conversion: -1 none, 's', 'r' or 'a' (as in CPython).
struct FormattedValue : Expr { FormattedValue() : Expr(ExprKind::FormattedValue) {} Expr* value = nullptr; int conversion = -1; Expr* format_spec = nullptr; };
struct JoinedStr : Expr { JoinedStr() : Expr(ExprKind::JoinedStr) {} std::vector<Expr*> values; };
// `kind` is "u" for a u-prefixed string literal, empty otherwise (CPython's Constant.kind).
struct Constant : Expr { Constant() : Expr(ExprKind::Constant) {} compiler::ConstValue value; std::string kind; };
struct Attribute : Expr { Attribute() : Expr(ExprKind::Attribute) {} Expr* value = nullptr; std::string attr; ExprContext ctx {}; };
struct Subscript : Expr { Subscript() : Expr(ExprKind::Subscript) {} Expr* value = nullptr; Expr* slice = nullptr; ExprContext ctx {}; };
struct Starred : Expr { Starred() : Expr(ExprKind::Starred) {} Expr* value = nullptr; ExprContext ctx {}; };
struct Name : Expr { Name() : Expr(ExprKind::Name) {} std::string id; ExprContext ctx {}; };
struct List : Expr { List() : Expr(ExprKind::List) {} std::vector<Expr*> elts; ExprContext ctx {}; };
struct Tuple : Expr { Tuple() : Expr(ExprKind::Tuple) {} std::vector<Expr*> elts; ExprContext ctx {}; };
struct Slice : Expr { Slice() : Expr(ExprKind::Slice) {} Expr* lower = nullptr; Expr* upper = nullptr; Expr* step = nullptr; };

// ---------------------------------------------------------------- helpers

struct Comprehension : Node { Expr* target = nullptr; Expr* iter = nullptr; std::vector<Expr*> ifs; bool is_async = false; };
struct ExceptHandler : Node { Expr* type = nullptr; std::string name; /* empty: no `as` */ std::vector<struct Stmt*> body; };
struct Arg : Node { std::string arg; Expr* annotation = nullptr; };
// kw_defaults[i] == nullptr: keyword-only argument i has no default.
struct Arguments : Node {
    std::vector<Arg*> posonlyargs;
    std::vector<Arg*> args;
    Arg* vararg = nullptr;
    std::vector<Arg*> kwonlyargs;
    std::vector<Expr*> kw_defaults;
    Arg* kwarg = nullptr;
    std::vector<Expr*> defaults;
};
// arg empty: `**value`.
struct Keyword : Node { std::string arg; Expr* value = nullptr; };
struct Alias : Node { std::string name; std::string asname; /* empty: none */ };
struct WithItem : Node { Expr* context_expr = nullptr; Expr* optional_vars = nullptr; };

// ---------------------------------------------------------------- statements

enum class StmtKind {
    FunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign, For, While, If,
    With, Raise, Try, TryStar, Assert, Import, ImportFrom, Global, Nonlocal, Expr, Pass,
    Break, Continue, Match,
};

struct Stmt : Node {
    explicit Stmt(StmtKind k) : kind(k) {}
    StmtKind kind;
};

struct FunctionDef : Stmt { FunctionDef() : Stmt(StmtKind::FunctionDef) {} bool is_async = false; std::string name; Arguments* args = nullptr; std::vector<Stmt*> body; std::vector<Expr*> decorator_list; Expr* returns = nullptr; };
struct ClassDef : Stmt { ClassDef() : Stmt(StmtKind::ClassDef) {} std::string name; std::vector<Expr*> bases; std::vector<Keyword*> keywords; std::vector<Stmt*> body; std::vector<Expr*> decorator_list; };
struct Return : Stmt { Return() : Stmt(StmtKind::Return) {} Expr* value = nullptr; };
struct Delete : Stmt { Delete() : Stmt(StmtKind::Delete) {} std::vector<Expr*> targets; };
struct Assign : Stmt { Assign() : Stmt(StmtKind::Assign) {} std::vector<Expr*> targets; Expr* value = nullptr; };
struct AugAssign : Stmt { AugAssign() : Stmt(StmtKind::AugAssign) {} Expr* target = nullptr; Operator op {}; Expr* value = nullptr; };
// simple: target is a plain Name not in parentheses.
struct AnnAssign : Stmt { AnnAssign() : Stmt(StmtKind::AnnAssign) {} Expr* target = nullptr; Expr* annotation = nullptr; Expr* value = nullptr; bool simple = false; };
struct For : Stmt { For() : Stmt(StmtKind::For) {} bool is_async = false; Expr* target = nullptr; Expr* iter = nullptr; std::vector<Stmt*> body; std::vector<Stmt*> orelse; };
struct While : Stmt { While() : Stmt(StmtKind::While) {} Expr* test = nullptr; std::vector<Stmt*> body; std::vector<Stmt*> orelse; };
struct If : Stmt { If() : Stmt(StmtKind::If) {} Expr* test = nullptr; std::vector<Stmt*> body; std::vector<Stmt*> orelse; };
struct With : Stmt { With() : Stmt(StmtKind::With) {} bool is_async = false; std::vector<WithItem*> items; std::vector<Stmt*> body; };
struct Raise : Stmt { Raise() : Stmt(StmtKind::Raise) {} Expr* exc = nullptr; Expr* cause = nullptr; };
struct Try : Stmt { Try() : Stmt(StmtKind::Try) {} std::vector<Stmt*> body; std::vector<ExceptHandler*> handlers; std::vector<Stmt*> orelse; std::vector<Stmt*> finalbody; };
struct TryStar : Stmt { TryStar() : Stmt(StmtKind::TryStar) {} std::vector<Stmt*> body; std::vector<ExceptHandler*> handlers; std::vector<Stmt*> orelse; std::vector<Stmt*> finalbody; };
struct Assert : Stmt { Assert() : Stmt(StmtKind::Assert) {} Expr* test = nullptr; Expr* msg = nullptr; };
struct Import : Stmt { Import() : Stmt(StmtKind::Import) {} std::vector<Alias*> names; };
// module empty: `from . import x`.
struct ImportFrom : Stmt { ImportFrom() : Stmt(StmtKind::ImportFrom) {} std::string module; std::vector<Alias*> names; int level = 0; };
struct Global : Stmt { Global() : Stmt(StmtKind::Global) {} std::vector<std::string> names; };
struct Nonlocal : Stmt { Nonlocal() : Stmt(StmtKind::Nonlocal) {} std::vector<std::string> names; };
struct ExprStmt : Stmt { ExprStmt() : Stmt(StmtKind::Expr) {} Expr* value = nullptr; };
struct Pass : Stmt { Pass() : Stmt(StmtKind::Pass) {} };
struct Break : Stmt { Break() : Stmt(StmtKind::Break) {} };
struct Continue : Stmt { Continue() : Stmt(StmtKind::Continue) {} };
struct MatchCase;
struct Match : Stmt { Match() : Stmt(StmtKind::Match) {} Expr* subject = nullptr; std::vector<MatchCase*> cases; };

// ---------------------------------------------------------------- patterns (PEP 634)

enum class PatternKind {
    MatchValue, MatchSingleton, MatchSequence, MatchMapping, MatchClass, MatchStar, MatchAs, MatchOr,
};

struct Pattern : Node {
    explicit Pattern(PatternKind k) : kind(k) {}
    PatternKind kind;
};

// CPython's match_case: it has no position attributes in the ASDL (pos is unused).
struct MatchCase : Node { Pattern* pattern = nullptr; Expr* guard = nullptr; std::vector<Stmt*> body; };

struct MatchValue : Pattern { MatchValue() : Pattern(PatternKind::MatchValue) {} Expr* value = nullptr; };
// value is None, True or False.
struct MatchSingleton : Pattern { MatchSingleton() : Pattern(PatternKind::MatchSingleton) {} compiler::ConstValue value; };
struct MatchSequence : Pattern { MatchSequence() : Pattern(PatternKind::MatchSequence) {} std::vector<Pattern*> patterns; };
// rest empty: no `**rest`.
struct MatchMapping : Pattern { MatchMapping() : Pattern(PatternKind::MatchMapping) {} std::vector<Expr*> keys; std::vector<Pattern*> patterns; std::string rest; };
struct MatchClass : Pattern { MatchClass() : Pattern(PatternKind::MatchClass) {} Expr* cls = nullptr; std::vector<Pattern*> patterns; std::vector<std::string> kwd_attrs; std::vector<Pattern*> kwd_patterns; };
// name empty: `*_`.
struct MatchStar : Pattern { MatchStar() : Pattern(PatternKind::MatchStar) {} std::string name; };
// pattern nullptr and name empty: the wildcard `_`; pattern nullptr: a capture; name empty
// never occurs with a pattern (`p as _` is a syntax error).
struct MatchAs : Pattern { MatchAs() : Pattern(PatternKind::MatchAs) {} Pattern* pattern = nullptr; std::string name; };
struct MatchOr : Pattern { MatchOr() : Pattern(PatternKind::MatchOr) {} std::vector<Pattern*> patterns; };

// ---------------------------------------------------------------- modules

enum class ModKind { Module, Expression, Interactive };

struct Mod : Node {
    ModKind kind = ModKind::Module;
    std::vector<Stmt*> body; // Module, Interactive
    Expr* expr = nullptr;    // Expression
};

} // namespace slpy::ast
