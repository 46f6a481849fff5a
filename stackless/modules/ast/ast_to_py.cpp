// slpy's C++ syntax tree -> ast.* objects (CPython's ast2obj): what ast.parse returns.
// Every field is set on the instance, None for an absent optional one, and the four
// positions follow, in CPython's order, so __dict__ and ast.dump agree with CPython's.
#include "stackless/modules/ast/ast_internal.h"
#include "stackless/modules/ast/ast_module.h"

#include "objects/bytes.h"
#include "objects/codecs.h"
#include "objects/complex.h"
#include "objects/containers.h"
#include "objects/int.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/parser/ast.h"

#include <gmp.h>

namespace slpy {

namespace pyast {

namespace {

using compiler::ConstValue;

class ToPy {
public:
    ToPy(VM& vm, AstState& st)
        : m_vm(vm)
        , m_st(st)
    {
    }

    Value mod(ast::Mod const* m)
    {
        switch (m->kind) {
        case ast::ModKind::Module:
            return node(NodeId::Module, nullptr, { stmts(m->body), list_new_empty() });
        case ast::ModKind::Interactive:
            return node(NodeId::Interactive, nullptr, { stmts(m->body) });
        case ast::ModKind::Expression:
            return node(NodeId::Expression, nullptr, { expr(m->expr) });
        }
        return Value::null();
    }

private:
    VM& m_vm;
    AstState& m_st;
    int m_depth = 0;

    // Counts the levels of nesting as CPython's ast2obj does.
    struct Level {
        ToPy& self;
        bool ok;
        explicit Level(ToPy& s)
            : self(s)
        {
            // After a failure the callers still evaluate their other fields' arguments
            // (node() sees the null only then): they must not build anything more.
            if (self.m_vm.has_error()) {
                ok = false;
                ++self.m_depth;
                return;
            }
            ok = ++self.m_depth <= 3 * self.m_vm.max_native_depth && !self.m_vm.c_stack_exhausted(64 * 1024);
            if (!ok)
                raise(self.m_vm, exc::RecursionError, "maximum recursion depth exceeded during ast construction");
        }
        ~Level() { --self.m_depth; }
    };

    Value list_new_empty()
    {
        List* l = list_new(m_vm);
        return l ? Value::from_object(l) : Value::null();
    }

    // A new instance of class `id` with its fields (in table order) and, when `pos` is
    // given, its positions.
    Value node(NodeId id, ast::Pos const* pos, std::initializer_list<Value> fields)
    {
        for (Value v : fields)
            if (v.is_null())
                return Value::null();
        Object* o = alloc_instance(m_vm, node_class(m_st, id));
        if (!o)
            return Value::null();
        Dict* d = instance_dict(m_vm, o, true);
        if (!d)
            return Value::null();
        std::vector<String*> const& names = m_st.field_names[int(id)];
        size_t i = 0;
        for (Value v : fields)
            if (!dict_set_str(m_vm, d, names[i++], v))
                return Value::null();
        if (pos) {
            int const p[4] = { pos->lineno, pos->col_offset, pos->end_lineno, pos->end_col_offset };
            for (int k = 0; k < 4; ++k)
                if (!dict_set_str(m_vm, d, m_st.pos_names[k], int_from_i64(m_vm, p[k])))
                    return Value::null();
        }
        return Value::from_object(o);
    }

    Value singleton(NodeId id) { return m_st.singletons[int(id)]; }

    Value str(std::string const& s) { return str_value(m_vm, s); }
    Value opt_str(std::string const& s) { return s.empty() ? py_none() : str(s); }
    Value integer(int64_t i) { return int_from_i64(m_vm, i); }

    template<typename T, typename F>
    Value list(std::vector<T> const& items, F&& convert)
    {
        List* l = list_new(m_vm, items.size());
        if (!l)
            return Value::null();
        for (T const& item : items)
            if (!list_append(m_vm, l, convert(item)))
                return Value::null();
        return Value::from_object(l);
    }
    Value stmts(std::vector<ast::Stmt*> const& v) { return list(v, [&](ast::Stmt* s) { return stmt(s); }); }
    Value exprs(std::vector<ast::Expr*> const& v) { return list(v, [&](ast::Expr* e) { return opt_expr(e); }); }
    Value strs(std::vector<std::string> const& v) { return list(v, [&](std::string const& s) { return str(s); }); }
    Value comps(std::vector<ast::Comprehension*> const& v)
    {
        return list(v, [&](ast::Comprehension* c) {
            return node(NodeId::comprehension, nullptr, { expr(c->target), expr(c->iter), exprs(c->ifs), integer(c->is_async) });
        });
    }
    Value keywords(std::vector<ast::Keyword*> const& v)
    {
        return list(v, [&](ast::Keyword* k) { return node(NodeId::keyword, &k->pos, { opt_str(k->arg), expr(k->value) }); });
    }
    Value aliases(std::vector<ast::Alias*> const& v)
    {
        return list(v, [&](ast::Alias* a) { return node(NodeId::alias, &a->pos, { str(a->name), opt_str(a->asname) }); });
    }
    Value arg(ast::Arg const* a)
    {
        if (!a)
            return py_none();
        return node(NodeId::arg, &a->pos, { str(a->arg), opt_expr(a->annotation), py_none() });
    }
    Value args_list(std::vector<ast::Arg*> const& v) { return list(v, [&](ast::Arg* a) { return arg(a); }); }
    Value arguments(ast::Arguments const* a)
    {
        return node(NodeId::arguments, nullptr,
                    { args_list(a->posonlyargs), args_list(a->args), arg(a->vararg), args_list(a->kwonlyargs),
                      exprs(a->kw_defaults), arg(a->kwarg), exprs(a->defaults) });
    }
    Value handlers(std::vector<ast::ExceptHandler*> const& v)
    {
        return list(v, [&](ast::ExceptHandler* h) {
            return node(NodeId::ExceptHandler, &h->pos, { opt_expr(h->type), opt_str(h->name), stmts(h->body) });
        });
    }

    Value ctx(ast::ExprContext c)
    {
        switch (c) {
        case ast::ExprContext::Load: return singleton(NodeId::Load);
        case ast::ExprContext::Store: return singleton(NodeId::Store);
        case ast::ExprContext::Del: return singleton(NodeId::Del);
        }
        return Value::null();
    }
    Value op(ast::Operator o) { return singleton(NodeId(int(NodeId::Add) + int(o))); }
    Value cmpop(ast::CmpOp o) { return singleton(NodeId(int(NodeId::Eq) + int(o))); }

    Value constant(ConstValue const& c)
    {
        switch (c.kind) {
        case ConstValue::Kind::None: return py_none();
        case ConstValue::Kind::True: return py_true();
        case ConstValue::Kind::False: return py_false();
        case ConstValue::Kind::Ellipsis: return py_ellipsis();
        case ConstValue::Kind::Int: {
            if (c.big.empty())
                return int_from_i64(m_vm, c.i);
            // Literals the parser accepted carry no int_max_str_digits limit here.
            if (!int_reserve_bits(m_vm, c.big.size() * 4, 2))
                return Value::null();
            Mpz z;
            mpz_set_str(z.z, c.big.c_str(), 10);
            return int_from_mpz(m_vm, z);
        }
        case ConstValue::Kind::Float: return Value::from_double(c.f);
        case ConstValue::Kind::Complex: return complex_new(m_vm, c.re, c.f);
        case ConstValue::Kind::Str: return str(c.s);
        case ConstValue::Kind::Bytes: {
            Bytes* b = bytes_new(m_vm, c.s);
            return b ? Value::from_object(b) : Value::null();
        }
        case ConstValue::Kind::Tuple: {
            Tuple* t = tuple_new(m_vm, c.items.size());
            if (!t)
                return Value::null();
            for (size_t i = 0; i < c.items.size(); ++i)
                t->items[i] = py_none();
            for (size_t i = 0; i < c.items.size(); ++i)
                t->items[i] = TRY(constant(c.items[i]));
            return Value::from_object(t);
        }
        case ConstValue::Kind::FrozenSet:
        case ConstValue::Kind::Code:
            break;
        }
        // The parser never makes these (constant folding does, after the tree is ours).
        return raise(m_vm, exc::SystemError, "unexpected constant kind in a syntax tree");
    }

    Value opt_expr(ast::Expr const* e) { return e ? expr(e) : py_none(); }

    Value expr(ast::Expr const* e)
    {
        Level level(*this);
        if (!level.ok)
            return Value::null();
        ast::Pos const* p = &e->pos;
        switch (e->kind) {
        case ast::ExprKind::BoolOp: {
            auto* x = static_cast<ast::BoolOp const*>(e);
            return node(NodeId::BoolOp, p, { singleton(x->op == ast::BoolOpKind::And ? NodeId::And : NodeId::Or), exprs(x->values) });
        }
        case ast::ExprKind::NamedExpr: {
            auto* x = static_cast<ast::NamedExpr const*>(e);
            return node(NodeId::NamedExpr, p, { expr(x->target), expr(x->value) });
        }
        case ast::ExprKind::BinOp: {
            auto* x = static_cast<ast::BinOp const*>(e);
            return node(NodeId::BinOp, p, { expr(x->left), op(x->op), expr(x->right) });
        }
        case ast::ExprKind::UnaryOp: {
            auto* x = static_cast<ast::UnaryOp const*>(e);
            return node(NodeId::UnaryOp, p, { singleton(NodeId(int(NodeId::Invert) + int(x->op))), expr(x->operand) });
        }
        case ast::ExprKind::Lambda: {
            auto* x = static_cast<ast::Lambda const*>(e);
            return node(NodeId::Lambda, p, { arguments(x->args), expr(x->body) });
        }
        case ast::ExprKind::IfExp: {
            auto* x = static_cast<ast::IfExp const*>(e);
            return node(NodeId::IfExp, p, { expr(x->test), expr(x->body), expr(x->orelse) });
        }
        case ast::ExprKind::Dict: {
            auto* x = static_cast<ast::Dict const*>(e);
            return node(NodeId::Dict, p, { exprs(x->keys), exprs(x->values) });
        }
        case ast::ExprKind::Set:
            return node(NodeId::Set, p, { exprs(static_cast<ast::Set const*>(e)->elts) });
        case ast::ExprKind::ListComp: {
            auto* x = static_cast<ast::ListComp const*>(e);
            return node(NodeId::ListComp, p, { expr(x->elt), comps(x->generators) });
        }
        case ast::ExprKind::SetComp: {
            auto* x = static_cast<ast::SetComp const*>(e);
            return node(NodeId::SetComp, p, { expr(x->elt), comps(x->generators) });
        }
        case ast::ExprKind::DictComp: {
            auto* x = static_cast<ast::DictComp const*>(e);
            return node(NodeId::DictComp, p, { expr(x->key), expr(x->value), comps(x->generators) });
        }
        case ast::ExprKind::GeneratorExp: {
            auto* x = static_cast<ast::GeneratorExp const*>(e);
            return node(NodeId::GeneratorExp, p, { expr(x->elt), comps(x->generators) });
        }
        case ast::ExprKind::Yield:
            return node(NodeId::Yield, p, { opt_expr(static_cast<ast::Yield const*>(e)->value) });
        case ast::ExprKind::YieldFrom:
            return node(NodeId::YieldFrom, p, { expr(static_cast<ast::YieldFrom const*>(e)->value) });
        case ast::ExprKind::Await:
            return node(NodeId::Await, p, { expr(static_cast<ast::Await const*>(e)->value) });
        case ast::ExprKind::Compare: {
            auto* x = static_cast<ast::Compare const*>(e);
            return node(NodeId::Compare, p,
                        { expr(x->left), list(x->ops, [&](ast::CmpOp o) { return cmpop(o); }), exprs(x->comparators) });
        }
        case ast::ExprKind::Call: {
            auto* x = static_cast<ast::Call const*>(e);
            return node(NodeId::Call, p, { expr(x->func), exprs(x->args), keywords(x->keywords) });
        }
        case ast::ExprKind::FormattedValue: {
            auto* x = static_cast<ast::FormattedValue const*>(e);
            return node(NodeId::FormattedValue, p, { expr(x->value), integer(x->conversion), opt_expr(x->format_spec) });
        }
        case ast::ExprKind::JoinedStr:
            return node(NodeId::JoinedStr, p, { exprs(static_cast<ast::JoinedStr const*>(e)->values) });
        case ast::ExprKind::Constant: {
            auto* x = static_cast<ast::Constant const*>(e);
            return node(NodeId::Constant, p, { constant(x->value), opt_str(x->kind) });
        }
        case ast::ExprKind::Attribute: {
            auto* x = static_cast<ast::Attribute const*>(e);
            return node(NodeId::Attribute, p, { expr(x->value), str(x->attr), ctx(x->ctx) });
        }
        case ast::ExprKind::Subscript: {
            auto* x = static_cast<ast::Subscript const*>(e);
            return node(NodeId::Subscript, p, { expr(x->value), expr(x->slice), ctx(x->ctx) });
        }
        case ast::ExprKind::Starred: {
            auto* x = static_cast<ast::Starred const*>(e);
            return node(NodeId::Starred, p, { expr(x->value), ctx(x->ctx) });
        }
        case ast::ExprKind::Name: {
            auto* x = static_cast<ast::Name const*>(e);
            return node(NodeId::Name, p, { str(x->id), ctx(x->ctx) });
        }
        case ast::ExprKind::List: {
            auto* x = static_cast<ast::List const*>(e);
            return node(NodeId::List, p, { exprs(x->elts), ctx(x->ctx) });
        }
        case ast::ExprKind::Tuple: {
            auto* x = static_cast<ast::Tuple const*>(e);
            return node(NodeId::Tuple, p, { exprs(x->elts), ctx(x->ctx) });
        }
        case ast::ExprKind::Slice: {
            auto* x = static_cast<ast::Slice const*>(e);
            return node(NodeId::Slice, p, { opt_expr(x->lower), opt_expr(x->upper), opt_expr(x->step) });
        }
        }
        return raise(m_vm, exc::SystemError, "unknown expression kind in a syntax tree");
    }

    Value withitems(std::vector<ast::WithItem*> const& v)
    {
        return list(v, [&](ast::WithItem* w) { return node(NodeId::withitem, nullptr, { expr(w->context_expr), opt_expr(w->optional_vars) }); });
    }

    Value patterns(std::vector<ast::Pattern*> const& v) { return list(v, [&](ast::Pattern* q) { return pattern(q); }); }

    Value pattern(ast::Pattern const* q)
    {
        if (!q)
            return py_none();
        Level level(*this);
        if (!level.ok)
            return Value::null();
        ast::Pos const* p = &q->pos;
        switch (q->kind) {
        case ast::PatternKind::MatchValue:
            return node(NodeId::MatchValue, p, { expr(static_cast<ast::MatchValue const*>(q)->value) });
        case ast::PatternKind::MatchSingleton:
            return node(NodeId::MatchSingleton, p, { constant(static_cast<ast::MatchSingleton const*>(q)->value) });
        case ast::PatternKind::MatchSequence:
            return node(NodeId::MatchSequence, p, { patterns(static_cast<ast::MatchSequence const*>(q)->patterns) });
        case ast::PatternKind::MatchMapping: {
            auto* x = static_cast<ast::MatchMapping const*>(q);
            return node(NodeId::MatchMapping, p, { exprs(x->keys), patterns(x->patterns), opt_str(x->rest) });
        }
        case ast::PatternKind::MatchClass: {
            auto* x = static_cast<ast::MatchClass const*>(q);
            return node(NodeId::MatchClass, p, { expr(x->cls), patterns(x->patterns), strs(x->kwd_attrs), patterns(x->kwd_patterns) });
        }
        case ast::PatternKind::MatchStar:
            return node(NodeId::MatchStar, p, { opt_str(static_cast<ast::MatchStar const*>(q)->name) });
        case ast::PatternKind::MatchAs: {
            auto* x = static_cast<ast::MatchAs const*>(q);
            return node(NodeId::MatchAs, p, { pattern(x->pattern), opt_str(x->name) });
        }
        case ast::PatternKind::MatchOr:
            return node(NodeId::MatchOr, p, { patterns(static_cast<ast::MatchOr const*>(q)->patterns) });
        }
        return raise(m_vm, exc::SystemError, "unknown pattern kind in a syntax tree");
    }

    Value stmt(ast::Stmt const* s)
    {
        Level level(*this);
        if (!level.ok)
            return Value::null();
        ast::Pos const* p = &s->pos;
        switch (s->kind) {
        case ast::StmtKind::FunctionDef: {
            auto* x = static_cast<ast::FunctionDef const*>(s);
            return node(x->is_async ? NodeId::AsyncFunctionDef : NodeId::FunctionDef, p,
                        { str(x->name), arguments(x->args), stmts(x->body), exprs(x->decorator_list), opt_expr(x->returns), py_none() });
        }
        case ast::StmtKind::ClassDef: {
            auto* x = static_cast<ast::ClassDef const*>(s);
            return node(NodeId::ClassDef, p, { str(x->name), exprs(x->bases), keywords(x->keywords), stmts(x->body), exprs(x->decorator_list) });
        }
        case ast::StmtKind::Return:
            return node(NodeId::Return, p, { opt_expr(static_cast<ast::Return const*>(s)->value) });
        case ast::StmtKind::Delete:
            return node(NodeId::Delete, p, { exprs(static_cast<ast::Delete const*>(s)->targets) });
        case ast::StmtKind::Assign: {
            auto* x = static_cast<ast::Assign const*>(s);
            return node(NodeId::Assign, p, { exprs(x->targets), expr(x->value), py_none() });
        }
        case ast::StmtKind::AugAssign: {
            auto* x = static_cast<ast::AugAssign const*>(s);
            return node(NodeId::AugAssign, p, { expr(x->target), op(x->op), expr(x->value) });
        }
        case ast::StmtKind::AnnAssign: {
            auto* x = static_cast<ast::AnnAssign const*>(s);
            return node(NodeId::AnnAssign, p, { expr(x->target), expr(x->annotation), opt_expr(x->value), integer(x->simple) });
        }
        case ast::StmtKind::For: {
            auto* x = static_cast<ast::For const*>(s);
            return node(x->is_async ? NodeId::AsyncFor : NodeId::For, p,
                        { expr(x->target), expr(x->iter), stmts(x->body), stmts(x->orelse), py_none() });
        }
        case ast::StmtKind::While: {
            auto* x = static_cast<ast::While const*>(s);
            return node(NodeId::While, p, { expr(x->test), stmts(x->body), stmts(x->orelse) });
        }
        case ast::StmtKind::If: {
            auto* x = static_cast<ast::If const*>(s);
            return node(NodeId::If, p, { expr(x->test), stmts(x->body), stmts(x->orelse) });
        }
        case ast::StmtKind::With: {
            auto* x = static_cast<ast::With const*>(s);
            return node(x->is_async ? NodeId::AsyncWith : NodeId::With, p, { withitems(x->items), stmts(x->body), py_none() });
        }
        case ast::StmtKind::Raise: {
            auto* x = static_cast<ast::Raise const*>(s);
            return node(NodeId::Raise, p, { opt_expr(x->exc), opt_expr(x->cause) });
        }
        case ast::StmtKind::Try: {
            auto* x = static_cast<ast::Try const*>(s);
            return node(NodeId::Try, p, { stmts(x->body), handlers(x->handlers), stmts(x->orelse), stmts(x->finalbody) });
        }
        case ast::StmtKind::TryStar: {
            auto* x = static_cast<ast::TryStar const*>(s);
            return node(NodeId::TryStar, p, { stmts(x->body), handlers(x->handlers), stmts(x->orelse), stmts(x->finalbody) });
        }
        case ast::StmtKind::Assert: {
            auto* x = static_cast<ast::Assert const*>(s);
            return node(NodeId::Assert, p, { expr(x->test), opt_expr(x->msg) });
        }
        case ast::StmtKind::Import:
            return node(NodeId::Import, p, { aliases(static_cast<ast::Import const*>(s)->names) });
        case ast::StmtKind::ImportFrom: {
            auto* x = static_cast<ast::ImportFrom const*>(s);
            return node(NodeId::ImportFrom, p, { opt_str(x->module), aliases(x->names), integer(x->level) });
        }
        case ast::StmtKind::Global:
            return node(NodeId::Global, p, { strs(static_cast<ast::Global const*>(s)->names) });
        case ast::StmtKind::Nonlocal:
            return node(NodeId::Nonlocal, p, { strs(static_cast<ast::Nonlocal const*>(s)->names) });
        case ast::StmtKind::Expr:
            return node(NodeId::Expr, p, { expr(static_cast<ast::ExprStmt const*>(s)->value) });
        case ast::StmtKind::Match: {
            auto* x = static_cast<ast::Match const*>(s);
            return node(NodeId::Match, p, { expr(x->subject), list(x->cases, [&](ast::MatchCase* c) {
                return node(NodeId::match_case, nullptr, { pattern(c->pattern), opt_expr(c->guard), stmts(c->body) });
            }) });
        }
        case ast::StmtKind::Pass: return node(NodeId::Pass, p, {});
        case ast::StmtKind::Break: return node(NodeId::Break, p, {});
        case ast::StmtKind::Continue: return node(NodeId::Continue, p, {});
        }
        return raise(m_vm, exc::SystemError, "unknown statement kind in a syntax tree");
    }
};

} // namespace

} // namespace pyast

Value ast_parse_source(VM& vm, std::string_view source, std::string const& filename, parser::Mode mode, SourceKind kind,
                       int feature_version)
{
    pyast::AstState* st = pyast::ast_state(vm);
    if (!st)
        return Value::null();
    parser::SourceOptions options;
    options.is_text = kind == SourceKind::Text;
    options.decoder = decode_strict;
    options.max_int_digits = get_int_max_str_digits();
    options.feature_version = feature_version;
    ast::Arena arena;
    compiler::SyntaxErrorInfo err;
    std::vector<compiler::SyntaxErrorInfo> warnings;
    ast::Mod* mod = parser::parse(source, filename, mode, arena, err, options, nullptr, &warnings);
    if (!mod) {
        if (err.filename.empty())
            err.filename = filename;
        return raise_syntax_error(vm, err);
    }
    for (compiler::SyntaxErrorInfo& w : warnings)
        w.filename = filename;
    if (!issue_compile_warnings(vm, warnings))
        return Value::null();
    return pyast::ToPy(vm, *st).mod(mod);
}

} // namespace slpy
