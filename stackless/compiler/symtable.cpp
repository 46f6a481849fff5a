// Scope analysis, after CPython 3.11's Python/symtable.c: a visitor records how each
// name is used in each block, then analyze() resolves every name to a scope.
#include "stackless/compiler/depth_guard.h"
#include "stackless/compiler/symtable.h"

#include <set>

namespace slpy::compiler {

namespace {

using NameSet = std::set<std::string>;

struct SymError {
    std::string msg;
    ast::Pos pos;
};

[[noreturn]] void fail(std::string msg, ast::Pos const& pos) { throw SymError { std::move(msg), pos }; }

} // namespace

void set_error_location(SyntaxErrorInfo& err, ast::Pos const& pos)
{
    err.lineno = pos.lineno;
    err.offset = pos.col_offset + 1;
    err.end_lineno = pos.end_lineno;
    err.end_offset = pos.end_col_offset + 1;
}

Scope SymEntry::scope_of(std::string const& n) const
{
    auto it = scopes.find(n);
    return it == scopes.end() ? Scope::Unknown : it->second;
}

int SymEntry::flags_of(std::string const& n) const
{
    auto it = symbols.find(n);
    return it == symbols.end() ? 0 : it->second;
}

std::string SymTable::mangle(std::string const& privateobj, std::string const& name)
{
    if (privateobj.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_')
        return name;
    // Don't mangle __id__ or names with dots.
    if (name.size() >= 4 && name[name.size() - 1] == '_' && name[name.size() - 2] == '_')
        return name;
    if (name.find('.') != std::string::npos)
        return name;
    size_t start = privateobj.find_first_not_of('_');
    if (start == std::string::npos)
        return name; // class name is all underscores
    return "_" + privateobj.substr(start) + name;
}

SymEntry* SymTable::lookup(ast::Node const* node) const
{
    auto it = m_blocks.find(node);
    return it == m_blocks.end() ? nullptr : it->second;
}

// ---------------------------------------------------------------- visitor

struct SymTable::Builder {
    SymTable& table;
    std::vector<SymEntry*> stack;
    SymEntry* cur = nullptr;
    std::string private_name;
    // `from __future__ import annotations`: annotations are never evaluated, and some
    // expressions may not appear in them (CPython's AnnotationBlock).
    bool future_annotations = false;
    SymEntry* annotation_of = nullptr; // the block whose annotation is being visited

    explicit Builder(SymTable& t) : table(t) {}

    void visit_annotation(ast::Expr* e)
    {
        SymEntry* saved = annotation_of;
        if (future_annotations)
            annotation_of = cur;
        visit_expr(e);
        annotation_of = saved;
    }

    // CPython's symtable_raise_if_annotation_block (a lambda or comprehension inside the
    // annotation is a block of its own, where these are allowed).
    void check_not_in_annotation(char const* what, ast::Expr const* e)
    {
        if (annotation_of && annotation_of == cur)
            fail(std::string("'") + what + "' can not be used within an annotation", e->pos);
    }

    void enter_block(std::string const& name, BlockType type, ast::Node const* node, int lineno)
    {
        auto entry = std::make_unique<SymEntry>();
        entry->name = name;
        entry->type = type;
        entry->node = node;
        entry->lineno = lineno;
        SymEntry* raw = entry.get();
        if (cur) {
            if (cur->nested || cur->type == BlockType::Function)
                raw->nested = true;
            // A lambda or comprehension inside a comprehension's iterable is part of it.
            raw->comp_iter_expr = cur->comp_iter_expr;
            cur->children.push_back(std::move(entry));
        } else {
            table.m_top = std::move(entry);
        }
        table.m_blocks[node] = raw;
        stack.push_back(raw);
        cur = raw;
    }

    void exit_block()
    {
        stack.pop_back();
        cur = stack.empty() ? nullptr : stack.back();
    }

    int lookup(std::string const& name) { return cur->flags_of(SymTable::mangle(private_name, name)); }

    void add_def_helper(std::string const& name, int flag, SymEntry* ste, ast::Pos const& pos)
    {
        std::string mangled = SymTable::mangle(private_name, name);
        int val = ste->flags_of(mangled);
        if ((flag & DEF_PARAM) && (val & DEF_PARAM))
            fail("duplicate argument '" + name + "' in function definition", pos);
        val |= flag;
        if (ste->comp_iter_target) {
            if (val & (DEF_GLOBAL | DEF_NONLOCAL))
                fail("comprehension inner loop cannot rebind assignment expression target '" + name + "'", pos);
            val |= DEF_COMP_ITER;
        }
        ste->symbols[mangled] = val;
        if (flag & DEF_PARAM) {
            ste->varnames.push_back(mangled);
        } else if (flag & DEF_GLOBAL) {
            table.m_top->symbols[mangled] |= flag;
        }
    }

    void add_def(std::string const& name, int flag, ast::Pos const& pos) { add_def_helper(name, flag, cur, pos); }

    // ---- statements

    void visit_body(std::vector<ast::Stmt*> const& body)
    {
        for (auto* s : body)
            visit_stmt(s);
    }

    void visit_exprs(std::vector<ast::Expr*> const& seq)
    {
        for (auto* e : seq)
            if (e)
                visit_expr(e);
    }

    void visit_params(std::vector<ast::Arg*> const& params)
    {
        for (auto* a : params)
            add_def(a->arg, DEF_PARAM, a->pos);
    }

    void visit_arguments(ast::Arguments* a)
    {
        visit_params(a->posonlyargs);
        visit_params(a->args);
        visit_params(a->kwonlyargs);
        if (a->vararg) {
            add_def(a->vararg->arg, DEF_PARAM, a->vararg->pos);
            cur->varargs = true;
        }
        if (a->kwarg) {
            add_def(a->kwarg->arg, DEF_PARAM, a->kwarg->pos);
            cur->varkeywords = true;
        }
    }

    void visit_annotations(ast::Arguments* a, ast::Expr* returns)
    {
        auto visit_args = [&](std::vector<ast::Arg*> const& args) {
            for (auto* arg : args)
                if (arg->annotation)
                    visit_annotation(arg->annotation);
        };
        visit_args(a->posonlyargs);
        visit_args(a->args);
        if (a->vararg && a->vararg->annotation)
            visit_annotation(a->vararg->annotation);
        if (a->kwarg && a->kwarg->annotation)
            visit_annotation(a->kwarg->annotation);
        visit_args(a->kwonlyargs);
        if (returns)
            visit_annotation(returns);
    }

    void visit_alias(ast::Alias* a, ast::Stmt* s)
    {
        std::string store = a->asname.empty() ? a->name : a->asname;
        if (a->asname.empty()) {
            size_t dot = store.find('.');
            if (dot != std::string::npos)
                store = store.substr(0, dot);
        }
        if (a->name == "*") {
            if (cur->type != BlockType::Module)
                fail("import * only allowed at module level", s->pos);
            return;
        }
        add_def(store, DEF_IMPORT, a->pos.lineno ? a->pos : s->pos);
    }

    void visit_stmt(ast::Stmt* s)
    {
        DepthGuard guard;
        using K = ast::StmtKind;
        switch (s->kind) {
        case K::FunctionDef: {
            auto* f = static_cast<ast::FunctionDef*>(s);
            add_def(f->name, DEF_LOCAL, s->pos);
            visit_exprs(f->args->defaults);
            visit_exprs(f->args->kw_defaults);
            visit_annotations(f->args, f->returns);
            visit_exprs(f->decorator_list);
            int lineno = f->decorator_list.empty() ? s->pos.lineno : f->decorator_list[0]->pos.lineno;
            enter_block(f->name, BlockType::Function, s, lineno);
            cur->coroutine = f->is_async;
            visit_arguments(f->args);
            visit_body(f->body);
            exit_block();
            break;
        }
        case K::ClassDef: {
            auto* c = static_cast<ast::ClassDef*>(s);
            add_def(c->name, DEF_LOCAL, s->pos);
            visit_exprs(c->bases);
            for (auto* k : c->keywords)
                visit_expr(k->value);
            visit_exprs(c->decorator_list);
            int lineno = c->decorator_list.empty() ? s->pos.lineno : c->decorator_list[0]->pos.lineno;
            enter_block(c->name, BlockType::Class, s, lineno);
            std::string saved = private_name;
            private_name = c->name;
            visit_body(c->body);
            private_name = saved;
            exit_block();
            break;
        }
        case K::Return: {
            auto* r = static_cast<ast::Return*>(s);
            if (r->value) {
                visit_expr(r->value);
                cur->returns_value = true;
            }
            break;
        }
        case K::Delete: visit_exprs(static_cast<ast::Delete*>(s)->targets); break;
        case K::Assign: {
            auto* a = static_cast<ast::Assign*>(s);
            visit_exprs(a->targets);
            visit_expr(a->value);
            break;
        }
        case K::AnnAssign: {
            auto* a = static_cast<ast::AnnAssign*>(s);
            if (a->target->kind == ast::ExprKind::Name) {
                auto* n = static_cast<ast::Name*>(a->target);
                int flags = lookup(n->id);
                if ((flags & (DEF_GLOBAL | DEF_NONLOCAL)) && cur != table.m_top.get() && a->simple)
                    fail("annotated name '" + n->id + "' can't be " + ((flags & DEF_GLOBAL) ? "global" : "nonlocal"), s->pos);
                if (a->simple)
                    add_def(n->id, DEF_ANNOT | DEF_LOCAL, n->pos);
                else if (a->value)
                    add_def(n->id, DEF_LOCAL, n->pos);
            } else {
                visit_expr(a->target);
            }
            visit_annotation(a->annotation);
            if (a->value)
                visit_expr(a->value);
            break;
        }
        case K::AugAssign: {
            auto* a = static_cast<ast::AugAssign*>(s);
            visit_expr(a->target);
            visit_expr(a->value);
            break;
        }
        case K::For: {
            auto* f = static_cast<ast::For*>(s);
            visit_expr(f->target);
            visit_expr(f->iter);
            visit_body(f->body);
            visit_body(f->orelse);
            break;
        }
        case K::While: {
            auto* w = static_cast<ast::While*>(s);
            visit_expr(w->test);
            visit_body(w->body);
            visit_body(w->orelse);
            break;
        }
        case K::If: {
            auto* i = static_cast<ast::If*>(s);
            visit_expr(i->test);
            visit_body(i->body);
            visit_body(i->orelse);
            break;
        }
        case K::With: {
            auto* w = static_cast<ast::With*>(s);
            for (auto* item : w->items) {
                visit_expr(item->context_expr);
                if (item->optional_vars)
                    visit_expr(item->optional_vars);
            }
            visit_body(w->body);
            break;
        }
        case K::Raise: {
            auto* r = static_cast<ast::Raise*>(s);
            if (r->exc)
                visit_expr(r->exc);
            if (r->cause)
                visit_expr(r->cause);
            break;
        }
        case K::Try:
        case K::TryStar: {
            auto const& body = s->kind == K::Try ? static_cast<ast::Try*>(s)->body : static_cast<ast::TryStar*>(s)->body;
            auto const& handlers = s->kind == K::Try ? static_cast<ast::Try*>(s)->handlers : static_cast<ast::TryStar*>(s)->handlers;
            auto const& orelse = s->kind == K::Try ? static_cast<ast::Try*>(s)->orelse : static_cast<ast::TryStar*>(s)->orelse;
            auto const& finalbody = s->kind == K::Try ? static_cast<ast::Try*>(s)->finalbody : static_cast<ast::TryStar*>(s)->finalbody;
            visit_body(body);
            visit_body(orelse);
            for (auto* h : handlers) {
                if (h->type)
                    visit_expr(h->type);
                if (!h->name.empty())
                    add_def(h->name, DEF_LOCAL, h->pos);
                visit_body(h->body);
            }
            visit_body(finalbody);
            break;
        }
        case K::Match: {
            auto* m = static_cast<ast::Match*>(s);
            visit_expr(m->subject);
            for (auto* c : m->cases) {
                visit_pattern(c->pattern);
                if (c->guard)
                    visit_expr(c->guard);
                visit_body(c->body);
            }
            break;
        }
        case K::Assert: {
            auto* a = static_cast<ast::Assert*>(s);
            visit_expr(a->test);
            if (a->msg)
                visit_expr(a->msg);
            break;
        }
        case K::Import:
            for (auto* a : static_cast<ast::Import*>(s)->names)
                visit_alias(a, s);
            break;
        case K::ImportFrom:
            for (auto* a : static_cast<ast::ImportFrom*>(s)->names)
                visit_alias(a, s);
            break;
        case K::Global:
            for (auto const& name : static_cast<ast::Global*>(s)->names) {
                int flags = lookup(name);
                if (flags & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
                    std::string msg;
                    if (flags & DEF_PARAM)
                        msg = "name '" + name + "' is parameter and global";
                    else if (flags & USE)
                        msg = "name '" + name + "' is used prior to global declaration";
                    else if (flags & DEF_ANNOT)
                        msg = "annotated name '" + name + "' can't be global";
                    else
                        msg = "name '" + name + "' is assigned to before global declaration";
                    fail(msg, s->pos);
                }
                add_def(name, DEF_GLOBAL, s->pos);
                cur->directives.emplace(SymTable::mangle(private_name, name), s->pos);
            }
            break;
        case K::Nonlocal:
            for (auto const& name : static_cast<ast::Nonlocal*>(s)->names) {
                int flags = lookup(name);
                if (flags & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
                    std::string msg;
                    if (flags & DEF_PARAM)
                        msg = "name '" + name + "' is parameter and nonlocal";
                    else if (flags & USE)
                        msg = "name '" + name + "' is used prior to nonlocal declaration";
                    else if (flags & DEF_ANNOT)
                        msg = "annotated name '" + name + "' can't be nonlocal";
                    else
                        msg = "name '" + name + "' is assigned to before nonlocal declaration";
                    fail(msg, s->pos);
                }
                add_def(name, DEF_NONLOCAL, s->pos);
                cur->directives.emplace(SymTable::mangle(private_name, name), s->pos);
            }
            break;
        case K::Expr: visit_expr(static_cast<ast::ExprStmt*>(s)->value); break;
        case K::Pass:
        case K::Break:
        case K::Continue: break;
        }
    }

    // ---- expressions

    // A pattern's value expressions are loads; its capture names are local definitions.
    void visit_pattern(ast::Pattern* p)
    {
        DepthGuard guard;
        using K = ast::PatternKind;
        switch (p->kind) {
        case K::MatchValue: visit_expr(static_cast<ast::MatchValue*>(p)->value); break;
        case K::MatchSingleton: break;
        case K::MatchSequence:
            for (auto* q : static_cast<ast::MatchSequence*>(p)->patterns)
                visit_pattern(q);
            break;
        case K::MatchStar: {
            auto* m = static_cast<ast::MatchStar*>(p);
            if (!m->name.empty())
                add_def(m->name, DEF_LOCAL, p->pos);
            break;
        }
        case K::MatchMapping: {
            auto* m = static_cast<ast::MatchMapping*>(p);
            for (auto* k : m->keys)
                visit_expr(k);
            for (auto* q : m->patterns)
                visit_pattern(q);
            if (!m->rest.empty())
                add_def(m->rest, DEF_LOCAL, p->pos);
            break;
        }
        case K::MatchClass: {
            auto* c = static_cast<ast::MatchClass*>(p);
            visit_expr(c->cls);
            for (auto* q : c->patterns)
                visit_pattern(q);
            for (auto* q : c->kwd_patterns)
                visit_pattern(q);
            break;
        }
        case K::MatchAs: {
            auto* m = static_cast<ast::MatchAs*>(p);
            if (m->pattern)
                visit_pattern(m->pattern);
            if (!m->name.empty())
                add_def(m->name, DEF_LOCAL, p->pos);
            break;
        }
        case K::MatchOr:
            for (auto* q : static_cast<ast::MatchOr*>(p)->patterns)
                visit_pattern(q);
            break;
        }
    }

    void extend_namedexpr_scope(ast::Name* target)
    {
        std::string const& name = target->id;
        for (size_t i = stack.size(); i-- > 0;) {
            SymEntry* ste = stack[i];
            if (ste->comprehension) {
                if (ste->flags_of(name) & DEF_COMP_ITER)
                    fail("assignment expression cannot rebind comprehension iteration variable '" + name + "'", target->pos);
                continue;
            }
            if (ste->type == BlockType::Function) {
                if (ste->flags_of(name) & DEF_GLOBAL)
                    add_def(name, DEF_GLOBAL, target->pos);
                else
                    add_def(name, DEF_NONLOCAL, target->pos);
                cur->directives.emplace(name, target->pos);
                add_def_helper(name, DEF_LOCAL, ste, target->pos);
                return;
            }
            if (ste->type == BlockType::Module) {
                add_def(name, DEF_GLOBAL, target->pos);
                cur->directives.emplace(name, target->pos);
                add_def_helper(name, DEF_GLOBAL, ste, target->pos);
                return;
            }
            if (ste->type == BlockType::Class)
                fail("assignment expression within a comprehension cannot be used in a class body", target->pos);
        }
    }

    void visit_comprehension_gen(ast::Comprehension* g)
    {
        cur->comp_iter_target = 1;
        visit_expr(g->target);
        cur->comp_iter_target = 0;
        cur->comp_iter_expr++;
        visit_expr(g->iter);
        cur->comp_iter_expr--;
        visit_exprs(g->ifs);
        if (g->is_async)
            cur->coroutine = true;
    }

    void handle_comprehension(ast::Expr* e, std::string const& scope_name, std::vector<ast::Comprehension*> const& gens,
                              ast::Expr* elt, ast::Expr* value)
    {
        bool is_generator = e->kind == ast::ExprKind::GeneratorExp;
        ast::Comprehension* outermost = gens[0];
        cur->comp_iter_expr++;
        visit_expr(outermost->iter);
        cur->comp_iter_expr--;
        enter_block(scope_name, BlockType::Function, e, e->pos.lineno);
        cur->comprehension = true;
        if (outermost->is_async)
            cur->coroutine = true;
        add_def(".0", DEF_PARAM, e->pos);
        cur->comp_iter_target = 1;
        visit_expr(outermost->target);
        cur->comp_iter_target = 0;
        visit_exprs(outermost->ifs);
        for (size_t i = 1; i < gens.size(); i++)
            visit_comprehension_gen(gens[i]);
        if (value)
            visit_expr(value);
        visit_expr(elt);
        cur->generator = is_generator;
        exit_block();
    }

    void check_yield_in_comprehension(ast::Expr* e)
    {
        if (!cur->comprehension)
            return;
        ast::ExprKind k = static_cast<ast::Expr const*>(cur->node)->kind;
        char const* what = k == ast::ExprKind::ListComp ? "list comprehension"
            : k == ast::ExprKind::SetComp               ? "set comprehension"
            : k == ast::ExprKind::DictComp              ? "dict comprehension"
                                                        : "generator expression";
        fail(std::string("'yield' inside ") + what, e->pos);
    }

    void visit_expr(ast::Expr* e)
    {
        DepthGuard guard;
        using K = ast::ExprKind;
        switch (e->kind) {
        case K::NamedExpr: {
            auto* n = static_cast<ast::NamedExpr*>(e);
            check_not_in_annotation("named expression", e);
            if (cur->comp_iter_expr > 0)
                fail("assignment expression cannot be used in a comprehension iterable expression", e->pos);
            if (cur->comprehension && n->target->kind == K::Name)
                extend_namedexpr_scope(static_cast<ast::Name*>(n->target));
            visit_expr(n->value);
            visit_expr(n->target);
            break;
        }
        case K::BoolOp: visit_exprs(static_cast<ast::BoolOp*>(e)->values); break;
        case K::BinOp: {
            auto* b = static_cast<ast::BinOp*>(e);
            visit_expr(b->left);
            visit_expr(b->right);
            break;
        }
        case K::UnaryOp: visit_expr(static_cast<ast::UnaryOp*>(e)->operand); break;
        case K::Lambda: {
            auto* l = static_cast<ast::Lambda*>(e);
            visit_exprs(l->args->defaults);
            visit_exprs(l->args->kw_defaults);
            enter_block("lambda", BlockType::Function, e, e->pos.lineno);
            cur->is_lambda = true;
            visit_arguments(l->args);
            visit_expr(l->body);
            exit_block();
            break;
        }
        case K::IfExp: {
            auto* i = static_cast<ast::IfExp*>(e);
            visit_expr(i->test);
            visit_expr(i->body);
            visit_expr(i->orelse);
            break;
        }
        case K::Dict: {
            auto* d = static_cast<ast::Dict*>(e);
            visit_exprs(d->keys);
            visit_exprs(d->values);
            break;
        }
        case K::Set: visit_exprs(static_cast<ast::Set*>(e)->elts); break;
        case K::GeneratorExp: {
            auto* g = static_cast<ast::GeneratorExp*>(e);
            handle_comprehension(e, "genexpr", g->generators, g->elt, nullptr);
            break;
        }
        case K::ListComp: {
            auto* g = static_cast<ast::ListComp*>(e);
            handle_comprehension(e, "listcomp", g->generators, g->elt, nullptr);
            break;
        }
        case K::SetComp: {
            auto* g = static_cast<ast::SetComp*>(e);
            handle_comprehension(e, "setcomp", g->generators, g->elt, nullptr);
            break;
        }
        case K::DictComp: {
            auto* g = static_cast<ast::DictComp*>(e);
            handle_comprehension(e, "dictcomp", g->generators, g->key, g->value);
            break;
        }
        case K::Yield: {
            auto* y = static_cast<ast::Yield*>(e);
            check_not_in_annotation("yield expression", e);
            if (y->value)
                visit_expr(y->value);
            cur->generator = true;
            check_yield_in_comprehension(e);
            break;
        }
        case K::YieldFrom: {
            check_not_in_annotation("yield expression", e);
            visit_expr(static_cast<ast::YieldFrom*>(e)->value);
            cur->generator = true;
            check_yield_in_comprehension(e);
            break;
        }
        case K::Await: {
            check_not_in_annotation("await expression", e);
            visit_expr(static_cast<ast::Await*>(e)->value);
            cur->coroutine = true;
            break;
        }
        case K::Compare: {
            auto* c = static_cast<ast::Compare*>(e);
            visit_expr(c->left);
            visit_exprs(c->comparators);
            break;
        }
        case K::Call: {
            auto* c = static_cast<ast::Call*>(e);
            visit_expr(c->func);
            visit_exprs(c->args);
            for (auto* k : c->keywords)
                visit_expr(k->value);
            break;
        }
        case K::FormattedValue: {
            auto* f = static_cast<ast::FormattedValue*>(e);
            visit_expr(f->value);
            if (f->format_spec)
                visit_expr(f->format_spec);
            break;
        }
        case K::JoinedStr: visit_exprs(static_cast<ast::JoinedStr*>(e)->values); break;
        case K::Constant: break;
        case K::Attribute: visit_expr(static_cast<ast::Attribute*>(e)->value); break;
        case K::Subscript: {
            auto* s = static_cast<ast::Subscript*>(e);
            visit_expr(s->value);
            visit_expr(s->slice);
            break;
        }
        case K::Starred: visit_expr(static_cast<ast::Starred*>(e)->value); break;
        case K::Slice: {
            auto* s = static_cast<ast::Slice*>(e);
            if (s->lower)
                visit_expr(s->lower);
            if (s->upper)
                visit_expr(s->upper);
            if (s->step)
                visit_expr(s->step);
            break;
        }
        case K::Name: {
            auto* n = static_cast<ast::Name*>(e);
            add_def(n->id, n->ctx == ast::ExprContext::Load ? USE : DEF_LOCAL, e->pos);
            if (n->ctx == ast::ExprContext::Load && cur->type == BlockType::Function && n->id == "super")
                add_def("__class__", USE, e->pos);
            break;
        }
        case K::List: visit_exprs(static_cast<ast::List*>(e)->elts); break;
        case K::Tuple: visit_exprs(static_cast<ast::Tuple*>(e)->elts); break;
        }
    }

    // ---- analysis

    void analyze_name(SymEntry* ste, std::map<std::string, Scope>& scopes, std::string const& name, int flags,
                      NameSet* bound, NameSet& local, NameSet& free, NameSet& global)
    {
        if (flags & DEF_GLOBAL) {
            if (flags & DEF_NONLOCAL)
                fail_at_directive(ste, name, "name '" + name + "' is nonlocal and global");
            scopes[name] = Scope::GlobalExplicit;
            global.insert(name);
            // An enclosing function's binding is hidden from this block's children:
            // `bound` is this block's own copy, handed down to them.
            if (bound)
                bound->erase(name);
            return;
        }
        if (flags & DEF_NONLOCAL) {
            if (!bound)
                fail_at_directive(ste, name, "nonlocal declaration not allowed at module level");
            if (!bound->count(name))
                fail_at_directive(ste, name, "no binding for nonlocal '" + name + "' found");
            scopes[name] = Scope::Free;
            ste->free = true;
            free.insert(name);
            return;
        }
        if (flags & DEF_BOUND) {
            scopes[name] = Scope::Local;
            local.insert(name);
            global.erase(name);
            return;
        }
        if (bound && bound->count(name)) {
            scopes[name] = Scope::Free;
            ste->free = true;
            free.insert(name);
            return;
        }
        if (global.count(name)) {
            scopes[name] = Scope::GlobalImplicit;
            return;
        }
        if (ste->nested)
            ste->free = true;
        scopes[name] = Scope::GlobalImplicit;
    }

    [[noreturn]] void fail_at_directive(SymEntry* ste, std::string const& name, std::string msg)
    {
        auto it = ste->directives.find(name);
        fail(std::move(msg), it != ste->directives.end() ? it->second : ast::Pos { ste->lineno, 0, ste->lineno, 0 });
    }

    void analyze_block(SymEntry* ste, NameSet* bound, NameSet& free, NameSet& global)
    {
        NameSet local;
        NameSet newbound, newglobal, newfree;
        std::map<std::string, Scope> scopes;

        if (ste->type == BlockType::Class) {
            newglobal = global;
            if (bound)
                newbound = *bound;
        }
        for (auto const& [name, flags] : ste->symbols)
            analyze_name(ste, scopes, name, flags, bound, local, free, global);

        if (ste->type != BlockType::Class) {
            if (ste->type == BlockType::Function)
                newbound.insert(local.begin(), local.end());
            if (bound)
                newbound.insert(bound->begin(), bound->end());
            newglobal.insert(global.begin(), global.end());
        } else {
            newbound.insert("__class__");
        }

        for (auto& child : ste->children) {
            NameSet child_bound = newbound;
            NameSet child_free;
            NameSet child_global = newglobal;
            analyze_block(child.get(), &child_bound, child_free, child_global);
            newfree.insert(child_free.begin(), child_free.end());
            if (child->free || child->child_free)
                ste->child_free = true;
        }

        if (ste->type == BlockType::Function) {
            // analyze_cells
            for (auto& [name, scope] : scopes) {
                if (scope == Scope::Local && newfree.count(name)) {
                    scope = Scope::Cell;
                    newfree.erase(name);
                }
            }
        } else if (ste->type == BlockType::Class) {
            if (newfree.erase("__class__"))
                ste->needs_class_closure = true;
        }

        // update_symbols
        ste->scopes = scopes;
        for (auto const& name : newfree) {
            auto it = ste->symbols.find(name);
            if (it != ste->symbols.end()) {
                if (ste->type == BlockType::Class && (it->second & (DEF_BOUND | DEF_GLOBAL)))
                    it->second |= DEF_FREE_CLASS;
                continue;
            }
            if (bound && !bound->count(name))
                continue;
            ste->symbols[name] = DEF_FREE;
            ste->scopes[name] = Scope::Free;
        }
        free.insert(newfree.begin(), newfree.end());
    }
};

bool SymTable::build(ast::Mod* mod, std::string const& filename, SyntaxErrorInfo& err, bool future_annotations)
{
    Builder b(*this);
    b.future_annotations = future_annotations;
    try {
        b.enter_block("top", BlockType::Module, mod, 0);
        if (mod->kind == ast::ModKind::Expression) {
            b.visit_expr(mod->expr);
        } else {
            b.visit_body(mod->body);
        }
        b.exit_block();
        NameSet free, global;
        b.analyze_block(m_top.get(), nullptr, free, global);
    } catch (SymError const& e) {
        err.type = "SyntaxError";
        err.msg = e.msg;
        err.filename = filename;
        set_error_location(err, e.pos);
        return false;
    }
    return true;
}

} // namespace slpy::compiler
