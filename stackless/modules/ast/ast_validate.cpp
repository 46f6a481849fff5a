// CPython 3.11's checks of a syntax tree handed to compile() (Python/ast.c): what the
// parser guarantees by construction and a hand-made tree may break (contexts, empty
// bodies, operand counts). Runs on the C++ tree that ast_from_py.cpp built.
#include "stackless/modules/ast/ast_internal.h"

#include "stackless/parser/ast.h"

#include <string>

namespace slpy::pyast {

namespace {

using ast::ExprContext;

char const* ctx_name(ExprContext c)
{
    switch (c) {
    case ExprContext::Load: return "Load";
    case ExprContext::Store: return "Store";
    case ExprContext::Del: return "Del";
    }
    return "?";
}

class Validator {
public:
    explicit Validator(VM& vm)
        : m_vm(vm)
    {
    }

    bool mod(ast::Mod const* m)
    {
        if (m->kind == ast::ModKind::Expression)
            return expr(m->expr, ExprContext::Load);
        return stmts(m->body, nullptr);
    }

private:
    VM& m_vm;
    int m_depth = 0;

    bool fail(TypeObject* type, std::string const& msg)
    {
        raise(m_vm, type, msg);
        return false;
    }

    bool nonempty(size_t n, char const* what, char const* owner)
    {
        if (n)
            return true;
        return fail(exc::ValueError, std::string("empty ") + what + " on " + owner);
    }

    // The source range of a statement, expression or pattern: lines in order, a negative
    // (unknown) line or column only as both ends, columns in order on one line.
    bool positions(ast::Pos const& p)
    {
        if (p.lineno > p.end_lineno)
            return fail(exc::ValueError, "AST node line range (" + std::to_string(p.lineno) + ", "
                                             + std::to_string(p.end_lineno) + ") is not valid");
        if ((p.lineno < 0 && p.end_lineno != p.lineno) || (p.col_offset < 0 && p.col_offset != p.end_col_offset))
            return fail(exc::ValueError, "AST node column range (" + std::to_string(p.col_offset) + ", "
                                             + std::to_string(p.end_col_offset) + ") for line range ("
                                             + std::to_string(p.lineno) + ", " + std::to_string(p.end_lineno)
                                             + ") is not valid");
        if (p.lineno == p.end_lineno && p.col_offset > p.end_col_offset)
            return fail(exc::ValueError, "line " + std::to_string(p.lineno) + ", column "
                                             + std::to_string(p.col_offset) + "-" + std::to_string(p.end_col_offset)
                                             + " is not a valid range");
        return true;
    }

    // A statement list; `owner` non-null: it may not be empty.
    bool stmts(std::vector<ast::Stmt*> const& body, char const* owner)
    {
        if (owner && !nonempty(body.size(), "body", owner))
            return false;
        for (ast::Stmt const* s : body)
            if (!stmt(s))
                return false;
        return true;
    }

    bool exprs(std::vector<ast::Expr*> const& v, ExprContext ctx, bool null_ok = false)
    {
        for (ast::Expr const* e : v) {
            if (!e) {
                if (null_ok)
                    continue;
                return fail(exc::ValueError, "None disallowed in expression list");
            }
            if (!expr(e, ctx))
                return false;
        }
        return true;
    }

    bool opt(ast::Expr const* e) { return !e || expr(e, ExprContext::Load); }

    bool arguments(ast::Arguments const* a)
    {
        for (auto const* list : { &a->posonlyargs, &a->args, &a->kwonlyargs })
            for (ast::Arg const* arg : *list)
                if (!opt(arg->annotation))
                    return false;
        if ((a->vararg && !opt(a->vararg->annotation)) || (a->kwarg && !opt(a->kwarg->annotation)))
            return false;
        if (a->defaults.size() > a->posonlyargs.size() + a->args.size())
            return fail(exc::ValueError, "more positional defaults than args on arguments");
        if (a->kw_defaults.size() != a->kwonlyargs.size())
            return fail(exc::ValueError, "length of kwonlyargs is not the same as kw_defaults on arguments");
        return exprs(a->defaults, ExprContext::Load) && exprs(a->kw_defaults, ExprContext::Load, true);
    }

    bool keywords(std::vector<ast::Keyword*> const& v)
    {
        for (ast::Keyword const* k : v)
            if (!expr(k->value, ExprContext::Load))
                return false;
        return true;
    }

    bool comprehensions(std::vector<ast::Comprehension*> const& gens)
    {
        if (gens.empty())
            return fail(exc::ValueError, "comprehension with no generators");
        for (ast::Comprehension const* c : gens)
            if (!expr(c->target, ExprContext::Store) || !expr(c->iter, ExprContext::Load) || !exprs(c->ifs, ExprContext::Load))
                return false;
        return true;
    }

    bool expr(ast::Expr const* e, ExprContext ctx)
    {
        if (++m_depth > 3 * m_vm.max_native_depth || m_vm.c_stack_exhausted(64 * 1024)) {
            --m_depth;
            return fail(exc::RecursionError, "maximum recursion depth exceeded during compilation");
        }
        bool ok = positions(e->pos) && expr_inner(e, ctx);
        --m_depth;
        return ok;
    }

    bool expr_inner(ast::Expr const* e, ExprContext ctx)
    {
        using K = ast::ExprKind;
        ExprContext actual = ExprContext::Load;
        bool has_ctx = true;
        switch (e->kind) {
        case K::Attribute: actual = static_cast<ast::Attribute const*>(e)->ctx; break;
        case K::Subscript: actual = static_cast<ast::Subscript const*>(e)->ctx; break;
        case K::Starred: actual = static_cast<ast::Starred const*>(e)->ctx; break;
        case K::Name: actual = static_cast<ast::Name const*>(e)->ctx; break;
        case K::List: actual = static_cast<ast::List const*>(e)->ctx; break;
        case K::Tuple: actual = static_cast<ast::Tuple const*>(e)->ctx; break;
        default: has_ctx = false;
        }
        if (has_ctx && actual != ctx)
            return fail(exc::ValueError, std::string("expression must have ") + ctx_name(ctx) + " context but has " + ctx_name(actual) + " instead");
        if (!has_ctx && ctx != ExprContext::Load)
            return fail(exc::ValueError, std::string("expression which can't be assigned to in ") + ctx_name(ctx) + " context");
        ExprContext L = ExprContext::Load;
        switch (e->kind) {
        case K::BoolOp: {
            auto* x = static_cast<ast::BoolOp const*>(e);
            if (x->values.size() < 2)
                return fail(exc::ValueError, "BoolOp with less than 2 values");
            return exprs(x->values, L);
        }
        case K::NamedExpr: {
            auto* x = static_cast<ast::NamedExpr const*>(e);
            if (x->target->kind != K::Name)
                return fail(exc::TypeError, "NamedExpr target must be a Name");
            return expr(x->target, ExprContext::Store) && expr(x->value, L);
        }
        case K::BinOp: {
            auto* x = static_cast<ast::BinOp const*>(e);
            return expr(x->left, L) && expr(x->right, L);
        }
        case K::UnaryOp: return expr(static_cast<ast::UnaryOp const*>(e)->operand, L);
        case K::Lambda: {
            auto* x = static_cast<ast::Lambda const*>(e);
            return arguments(x->args) && expr(x->body, L);
        }
        case K::IfExp: {
            auto* x = static_cast<ast::IfExp const*>(e);
            return expr(x->test, L) && expr(x->body, L) && expr(x->orelse, L);
        }
        case K::Dict: {
            auto* x = static_cast<ast::Dict const*>(e);
            if (x->keys.size() != x->values.size())
                return fail(exc::ValueError, "Dict doesn't have the same number of keys as values");
            return exprs(x->keys, L, true) && exprs(x->values, L);
        }
        case K::Set: return exprs(static_cast<ast::Set const*>(e)->elts, L);
        case K::ListComp: {
            auto* x = static_cast<ast::ListComp const*>(e);
            return comprehensions(x->generators) && expr(x->elt, L);
        }
        case K::SetComp: {
            auto* x = static_cast<ast::SetComp const*>(e);
            return comprehensions(x->generators) && expr(x->elt, L);
        }
        case K::GeneratorExp: {
            auto* x = static_cast<ast::GeneratorExp const*>(e);
            return comprehensions(x->generators) && expr(x->elt, L);
        }
        case K::DictComp: {
            auto* x = static_cast<ast::DictComp const*>(e);
            return comprehensions(x->generators) && expr(x->key, L) && expr(x->value, L);
        }
        case K::Yield: return opt(static_cast<ast::Yield const*>(e)->value);
        case K::YieldFrom: return expr(static_cast<ast::YieldFrom const*>(e)->value, L);
        case K::Await: return expr(static_cast<ast::Await const*>(e)->value, L);
        case K::Compare: {
            auto* x = static_cast<ast::Compare const*>(e);
            if (x->comparators.empty())
                return fail(exc::ValueError, "Compare with no comparators");
            if (x->comparators.size() != x->ops.size())
                return fail(exc::ValueError, "Compare has a different number of comparators and operands");
            return exprs(x->comparators, L) && expr(x->left, L);
        }
        case K::Call: {
            auto* x = static_cast<ast::Call const*>(e);
            return expr(x->func, L) && exprs(x->args, L) && keywords(x->keywords);
        }
        case K::FormattedValue: {
            auto* x = static_cast<ast::FormattedValue const*>(e);
            return expr(x->value, L) && opt(x->format_spec);
        }
        case K::JoinedStr: return exprs(static_cast<ast::JoinedStr const*>(e)->values, L);
        case K::Constant: return true; // its value was checked when it was read
        case K::Attribute: return expr(static_cast<ast::Attribute const*>(e)->value, L);
        case K::Subscript: {
            auto* x = static_cast<ast::Subscript const*>(e);
            return expr(x->slice, L) && expr(x->value, L);
        }
        case K::Starred: return expr(static_cast<ast::Starred const*>(e)->value, ctx);
        case K::Slice: {
            auto* x = static_cast<ast::Slice const*>(e);
            return opt(x->lower) && opt(x->upper) && opt(x->step);
        }
        case K::Name: {
            std::string const& id = static_cast<ast::Name const*>(e)->id;
            if (id == "None" || id == "True" || id == "False")
                return fail(exc::ValueError, "identifier field can't represent '" + id + "' constant");
            return true;
        }
        case K::List: return exprs(static_cast<ast::List const*>(e)->elts, ctx);
        case K::Tuple: return exprs(static_cast<ast::Tuple const*>(e)->elts, ctx);
        }
        return true;
    }

    // An identifier field may not name a constant.
    bool identifier(std::string const& name)
    {
        if (name == "None" || name == "True" || name == "False")
            return fail(exc::ValueError, "identifier field can't represent '" + name + "' constant");
        return true;
    }

    bool capture(std::string const& name)
    {
        if (name == "_")
            return fail(exc::ValueError, "can't capture name '_' in patterns");
        return identifier(name);
    }

    static bool is_singleton(compiler::ConstValue const& v)
    {
        using CK = compiler::ConstValue::Kind;
        return v.kind == CK::None || v.kind == CK::True || v.kind == CK::False;
    }

    // The value of a MatchValue or a MatchMapping key: a number, string or bytes constant
    // (None, True and False belong in MatchSingleton), an attribute lookup, or the
    // negations and sums the compiler folds into a number.
    bool match_value(ast::Expr const* e)
    {
        using K = ast::ExprKind;
        if (!expr(e, ExprContext::Load))
            return false;
        switch (e->kind) {
        case K::Constant: {
            using CK = compiler::ConstValue::Kind;
            CK k = static_cast<ast::Constant const*>(e)->value.kind;
            if (k == CK::Int || k == CK::Float || k == CK::Complex || k == CK::Str || k == CK::Bytes)
                return true;
            return fail(exc::ValueError, "unexpected constant inside of a literal pattern");
        }
        case K::Attribute:
        case K::JoinedStr: return true;
        case K::UnaryOp:
            if (static_cast<ast::UnaryOp const*>(e)->op == ast::UnaryOpKind::USub)
                return true;
            break;
        case K::BinOp: {
            ast::Operator op = static_cast<ast::BinOp const*>(e)->op;
            if (op == ast::Operator::Add || op == ast::Operator::Sub)
                return true;
            break;
        }
        default: break;
        }
        return fail(exc::ValueError, "patterns may only match literals and attribute lookups");
    }

    bool patterns(std::vector<ast::Pattern*> const& v, bool star_ok)
    {
        for (ast::Pattern const* q : v)
            if (!pattern(q, star_ok))
                return false;
        return true;
    }

    bool pattern(ast::Pattern const* q, bool star_ok)
    {
        using P = ast::PatternKind;
        if (++m_depth > 3 * m_vm.max_native_depth || m_vm.c_stack_exhausted(64 * 1024)) {
            --m_depth;
            return fail(exc::RecursionError, "maximum recursion depth exceeded during compilation");
        }
        struct Leave { int& d; ~Leave() { --d; } } leave { m_depth };
        if (!positions(q->pos))
            return false;
        if (q->kind == P::MatchStar && !star_ok)
            return fail(exc::ValueError, "can't use MatchStar here");
        switch (q->kind) {
        case P::MatchValue: return match_value(static_cast<ast::MatchValue const*>(q)->value);
        case P::MatchSingleton: {
            auto k = static_cast<ast::MatchSingleton const*>(q)->value.kind;
            using CK = compiler::ConstValue::Kind;
            if (k != CK::None && k != CK::True && k != CK::False)
                return fail(exc::ValueError, "MatchSingleton can only contain True, False and None");
            return true;
        }
        case P::MatchSequence: return patterns(static_cast<ast::MatchSequence const*>(q)->patterns, true);
        case P::MatchMapping: {
            auto* x = static_cast<ast::MatchMapping const*>(q);
            if (x->keys.size() != x->patterns.size())
                return fail(exc::ValueError, "MatchMapping doesn't have the same number of keys as patterns");
            if (!x->rest.empty() && !capture(x->rest))
                return false;
            for (ast::Expr const* k : x->keys) {
                if (!k)
                    return fail(exc::ValueError, "None disallowed in expression list");
                // None, True and False are valid keys, though not valid values.
                if (k->kind == ast::ExprKind::Constant && is_singleton(static_cast<ast::Constant const*>(k)->value))
                    continue;
                if (!match_value(k))
                    return false;
            }
            return patterns(x->patterns, false);
        }
        case P::MatchClass: {
            auto* x = static_cast<ast::MatchClass const*>(q);
            if (x->kwd_attrs.size() != x->kwd_patterns.size())
                return fail(exc::ValueError, "MatchClass doesn't have the same number of keyword attributes as patterns");
            if (!expr(x->cls, ExprContext::Load))
                return false;
            ast::Expr const* cls = x->cls;
            while (cls->kind == ast::ExprKind::Attribute)
                cls = static_cast<ast::Attribute const*>(cls)->value;
            if (cls->kind != ast::ExprKind::Name)
                return fail(exc::ValueError, "MatchClass cls field can only contain Name or Attribute nodes.");
            for (std::string const& attr : x->kwd_attrs)
                if (!identifier(attr))
                    return false;
            return patterns(x->patterns, false) && patterns(x->kwd_patterns, false);
        }
        case P::MatchStar: {
            std::string const& name = static_cast<ast::MatchStar const*>(q)->name;
            return name.empty() || capture(name);
        }
        case P::MatchAs: {
            auto* x = static_cast<ast::MatchAs const*>(q);
            if (!x->name.empty() && !capture(x->name))
                return false;
            if (!x->pattern)
                return true;
            if (x->name.empty())
                return fail(exc::ValueError, "MatchAs must specify a target name if a pattern is given");
            return pattern(x->pattern, false);
        }
        case P::MatchOr: {
            auto* x = static_cast<ast::MatchOr const*>(q);
            if (x->patterns.size() < 2)
                return fail(exc::ValueError, "MatchOr requires at least 2 patterns");
            return patterns(x->patterns, false);
        }
        }
        return true;
    }

    bool handlers(std::vector<ast::ExceptHandler*> const& hs)
    {
        for (ast::ExceptHandler const* h : hs)
            if (!opt(h->type) || !stmts(h->body, "ExceptHandler"))
                return false;
        return true;
    }

    bool try_stmt(char const* name, std::vector<ast::Stmt*> const& body, std::vector<ast::ExceptHandler*> const& hs,
                  std::vector<ast::Stmt*> const& orelse, std::vector<ast::Stmt*> const& finalbody)
    {
        if (!stmts(body, name))
            return false;
        if (hs.empty() && finalbody.empty())
            return fail(exc::ValueError, std::string(name) + " has neither except handlers nor finalbody");
        if (hs.empty() && !orelse.empty())
            return fail(exc::ValueError, std::string(name) + " has orelse but no except handlers");
        return handlers(hs) && stmts(finalbody, nullptr) && stmts(orelse, nullptr);
    }

    bool stmt(ast::Stmt const* s)
    {
        if (!positions(s->pos))
            return false;
        using K = ast::StmtKind;
        ExprContext L = ExprContext::Load, S = ExprContext::Store;
        switch (s->kind) {
        case K::FunctionDef: {
            auto* x = static_cast<ast::FunctionDef const*>(s);
            return stmts(x->body, x->is_async ? "AsyncFunctionDef" : "FunctionDef") && arguments(x->args)
                && exprs(x->decorator_list, L) && opt(x->returns);
        }
        case K::ClassDef: {
            auto* x = static_cast<ast::ClassDef const*>(s);
            return stmts(x->body, "ClassDef") && exprs(x->bases, L) && keywords(x->keywords) && exprs(x->decorator_list, L);
        }
        case K::Return: return opt(static_cast<ast::Return const*>(s)->value);
        case K::Delete: {
            auto* x = static_cast<ast::Delete const*>(s);
            return nonempty(x->targets.size(), "targets", "Delete") && exprs(x->targets, ExprContext::Del);
        }
        case K::Assign: {
            auto* x = static_cast<ast::Assign const*>(s);
            return nonempty(x->targets.size(), "targets", "Assign") && exprs(x->targets, S) && expr(x->value, L);
        }
        case K::AugAssign: {
            auto* x = static_cast<ast::AugAssign const*>(s);
            return expr(x->target, S) && expr(x->value, L);
        }
        case K::AnnAssign: {
            auto* x = static_cast<ast::AnnAssign const*>(s);
            if (x->simple && x->target->kind != ast::ExprKind::Name)
                return fail(exc::TypeError, "AnnAssign with simple non-Name target");
            return expr(x->target, S) && opt(x->value) && expr(x->annotation, L);
        }
        case K::For: {
            auto* x = static_cast<ast::For const*>(s);
            return expr(x->target, S) && expr(x->iter, L) && stmts(x->body, x->is_async ? "AsyncFor" : "For") && stmts(x->orelse, nullptr);
        }
        case K::While: {
            auto* x = static_cast<ast::While const*>(s);
            return expr(x->test, L) && stmts(x->body, "While") && stmts(x->orelse, nullptr);
        }
        case K::If: {
            auto* x = static_cast<ast::If const*>(s);
            return expr(x->test, L) && stmts(x->body, "If") && stmts(x->orelse, nullptr);
        }
        case K::With: {
            auto* x = static_cast<ast::With const*>(s);
            char const* name = x->is_async ? "AsyncWith" : "With";
            if (!nonempty(x->items.size(), "items", name))
                return false;
            for (ast::WithItem const* w : x->items)
                if (!expr(w->context_expr, L) || (w->optional_vars && !expr(w->optional_vars, S)))
                    return false;
            return stmts(x->body, name);
        }
        case K::Raise: {
            auto* x = static_cast<ast::Raise const*>(s);
            if (x->exc)
                return expr(x->exc, L) && opt(x->cause);
            if (x->cause)
                return fail(exc::ValueError, "Raise with cause but no exception");
            return true;
        }
        case K::Try: {
            auto* x = static_cast<ast::Try const*>(s);
            return try_stmt("Try", x->body, x->handlers, x->orelse, x->finalbody);
        }
        case K::TryStar: {
            auto* x = static_cast<ast::TryStar const*>(s);
            return try_stmt("TryStar", x->body, x->handlers, x->orelse, x->finalbody);
        }
        case K::Assert: {
            auto* x = static_cast<ast::Assert const*>(s);
            return expr(x->test, L) && opt(x->msg);
        }
        case K::Import: return nonempty(static_cast<ast::Import const*>(s)->names.size(), "names", "Import");
        case K::ImportFrom: {
            auto* x = static_cast<ast::ImportFrom const*>(s);
            if (x->level < 0)
                return fail(exc::ValueError, "Negative ImportFrom level");
            return nonempty(x->names.size(), "names", "ImportFrom");
        }
        case K::Global: return nonempty(static_cast<ast::Global const*>(s)->names.size(), "names", "Global");
        case K::Nonlocal: return nonempty(static_cast<ast::Nonlocal const*>(s)->names.size(), "names", "Nonlocal");
        case K::Expr: return expr(static_cast<ast::ExprStmt const*>(s)->value, L);
        case K::Match: {
            auto* x = static_cast<ast::Match const*>(s);
            if (!expr(x->subject, L) || !nonempty(x->cases.size(), "cases", "Match"))
                return false;
            for (ast::MatchCase const* c : x->cases)
                if (!pattern(c->pattern, false) || !opt(c->guard) || !stmts(c->body, "match_case"))
                    return false;
            return true;
        }
        case K::Pass:
        case K::Break:
        case K::Continue:
            return true;
        }
        return true;
    }
};

} // namespace

bool validate(VM& vm, ast::Mod const* mod)
{
    return Validator(vm).mod(mod);
}

} // namespace slpy::pyast
