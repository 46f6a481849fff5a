// AST-level constant folding with CPython 3.11's limits (ints of at most 128 bits from
// `*`, `**` and `<<`; strings/bytes of at most 4096 items from `*`; collections of at
// most 256 items). Operations that would raise are left for run time.
#include "stackless/compiler/depth_guard.h"
#include "stackless/compiler/const_fold.h"

#include "objects/complex_math.h"
#include "stackless/compiler/flowgraph.h"

#include <gmpxx.h>

#include <cmath>
#include <cstdint>
#include <optional>

namespace slpy::compiler {

namespace {

using Kind = ConstValue::Kind;

constexpr size_t kMaxIntSize = 128;
constexpr long kMaxCollectionSize = 256;
constexpr long kMaxStrSize = 4096;
constexpr long kMaxTotalItems = 1024;

bool is_int(ConstValue const& v) { return v.kind == Kind::Int || v.kind == Kind::True || v.kind == Kind::False; }
bool is_bool(ConstValue const& v) { return v.kind == Kind::True || v.kind == Kind::False; }

mpz_class to_mpz(ConstValue const& v)
{
    if (v.kind == Kind::True)
        return 1;
    if (v.kind == Kind::False)
        return 0;
    if (!v.big.empty())
        return mpz_class(v.big, 10);
    mpz_class r;
    mpz_set_si(r.get_mpz_t(), static_cast<long>(v.i));
    return r;
}

ConstValue from_mpz(mpz_class const& z)
{
    if (mpz_fits_slong_p(z.get_mpz_t()) && sizeof(long) == sizeof(int64_t))
        return ConstValue::integer(mpz_get_si(z.get_mpz_t()));
    return ConstValue::big_integer(z.get_str(10));
}

size_t num_bits(mpz_class const& z) { return z == 0 ? 0 : mpz_sizeinbase(z.get_mpz_t(), 2); }

// int -> float, only when exact (|x| <= 2**53) so no rounding question arises.
std::optional<double> to_double(ConstValue const& v)
{
    if (v.kind == Kind::Float)
        return v.f;
    if (!is_int(v))
        return std::nullopt;
    mpz_class z = to_mpz(v);
    if (num_bits(z) > 53)
        return std::nullopt;
    return z.get_d();
}

long code_points(std::string const& s)
{
    long n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            n++;
    return n;
}

long seq_size(ConstValue const& v)
{
    if (v.kind == Kind::Str)
        return code_points(v.s);
    if (v.kind == Kind::Bytes)
        return static_cast<long>(v.s.size());
    return static_cast<long>(v.items.size());
}

long count_items(ConstValue const& v, long limit)
{
    long total = 0;
    for (auto const& item : v.items) {
        total++;
        if (item.kind == Kind::Tuple || item.kind == Kind::FrozenSet)
            total += count_items(item, limit);
        if (total > limit)
            break;
    }
    return total;
}

bool repeat(ConstValue const& seq, ConstValue const& count, ConstValue& out)
{
    mpz_class n = to_mpz(count);
    long size = seq_size(seq);
    long times = 0;
    if (size) {
        if (n < 0 || !mpz_fits_slong_p(n.get_mpz_t()))
            return false;
        times = mpz_get_si(n.get_mpz_t());
        if (seq.kind == Kind::Str || seq.kind == Kind::Bytes) {
            if (times > kMaxStrSize / size)
                return false;
        } else {
            if (times > kMaxCollectionSize / size)
                return false;
            if (times && count_items(seq, kMaxTotalItems / times) > kMaxTotalItems / times)
                return false;
        }
    } else if (n > 0) {
        times = 1;
    }
    out = ConstValue {};
    out.kind = seq.kind;
    if (n <= 0)
        times = 0;
    for (long i = 0; i < times; i++) {
        if (seq.kind == Kind::Tuple)
            out.items.insert(out.items.end(), seq.items.begin(), seq.items.end());
        else
            out.s += seq.s;
    }
    return true;
}

double py_fmod(double vx, double wx, double* divout)
{
    double mod = std::fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, wx);
    }
    double floordiv;
    if (div) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, vx / wx);
    }
    if (divout)
        *divout = floordiv;
    return mod;
}

bool fold_float(ast::Operator op, double a, double b, ConstValue& out)
{
    using O = ast::Operator;
    double r;
    switch (op) {
    case O::Add: r = a + b; break;
    case O::Sub: r = a - b; break;
    case O::Mult: r = a * b; break;
    case O::Div:
        if (b == 0.0)
            return false;
        r = a / b;
        break;
    case O::FloorDiv:
        if (b == 0.0)
            return false;
        py_fmod(a, b, &r);
        break;
    case O::Mod:
        if (b == 0.0)
            return false;
        r = py_fmod(a, b, nullptr);
        break;
    case O::Pow:
        if (a == 0.0 && b < 0.0)
            return false;
        if (a < 0.0 && b != std::floor(b))
            return false; // complex result
        r = std::pow(a, b);
        break;
    default: return false;
    }
    if (!std::isfinite(r) && std::isfinite(a) && std::isfinite(b))
        return false; // OverflowError
    out = ConstValue::floating(r);
    return true;
}

// Complex arithmetic with the runtime's algorithms (objects/complex_math.h); an int or
// float operand counts as (x, 0.0), as complex.__radd__ and friends convert it.
bool fold_complex(ast::Operator op, complex_math::C a, complex_math::C b, ConstValue& out)
{
    using O = ast::Operator;
    complex_math::C r;
    switch (op) {
    case O::Add: r = complex_math::add(a, b); break;
    case O::Sub: r = complex_math::sub(a, b); break;
    case O::Mult: r = complex_math::prod(a, b); break;
    case O::Div: {
        bool zero;
        r = complex_math::quot(a, b, zero);
        if (zero)
            return false; // ZeroDivisionError at run time
        break;
    }
    case O::Pow:
        if (complex_math::power(a, b, r) != complex_math::PowStatus::Ok)
            return false;
        break;
    default: return false; // //, %, <<, ... raise TypeError at run time
    }
    out = ConstValue::complex(r.re, r.im);
    return true;
}

bool fold_int(ast::Operator op, ConstValue const& l, ConstValue const& r, ConstValue& out)
{
    using O = ast::Operator;
    mpz_class a = to_mpz(l), b = to_mpz(r), z;
    switch (op) {
    case O::Add: z = a + b; break;
    case O::Sub: z = a - b; break;
    case O::Mult:
        if (a != 0 && b != 0 && num_bits(a) + num_bits(b) > kMaxIntSize)
            return false;
        z = a * b;
        break;
    case O::Div: {
        if (b == 0)
            return false;
        auto x = to_double(l), y = to_double(r);
        if (!x || !y)
            return false;
        out = ConstValue::floating(*x / *y);
        return true;
    }
    case O::FloorDiv:
        if (b == 0)
            return false;
        mpz_fdiv_q(z.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
        break;
    case O::Mod:
        if (b == 0)
            return false;
        mpz_fdiv_r(z.get_mpz_t(), a.get_mpz_t(), b.get_mpz_t());
        break;
    case O::Pow: {
        if (b < 0) {
            auto x = to_double(l), y = to_double(r);
            if (!x || !y)
                return false;
            return fold_float(op, *x, *y, out);
        }
        if (a != 0 && b > 0) {
            if (!mpz_fits_ulong_p(b.get_mpz_t()))
                return false;
            unsigned long wbits = mpz_get_ui(b.get_mpz_t());
            if (num_bits(a) > kMaxIntSize / wbits)
                return false;
        }
        if (!mpz_fits_ulong_p(b.get_mpz_t()))
            return false;
        mpz_pow_ui(z.get_mpz_t(), a.get_mpz_t(), mpz_get_ui(b.get_mpz_t()));
        break;
    }
    case O::LShift:
        if (b < 0)
            return false;
        if (a != 0 && b != 0) {
            if (b > static_cast<long>(kMaxIntSize))
                return false;
            unsigned long wbits = mpz_get_ui(b.get_mpz_t());
            if (num_bits(a) > kMaxIntSize - wbits)
                return false;
        }
        mpz_mul_2exp(z.get_mpz_t(), a.get_mpz_t(), mpz_get_ui(b.get_mpz_t()));
        break;
    case O::RShift:
        if (b < 0)
            return false;
        if (b > 1 << 20)
            z = a < 0 ? -1 : 0;
        else
            mpz_fdiv_q_2exp(z.get_mpz_t(), a.get_mpz_t(), mpz_get_ui(b.get_mpz_t()));
        break;
    case O::BitOr: z = a | b; break;
    case O::BitXor: z = a ^ b; break;
    case O::BitAnd: z = a & b; break;
    default: return false;
    }
    if (is_bool(l) && is_bool(r) && (op == O::BitOr || op == O::BitXor || op == O::BitAnd)) {
        out = ConstValue::boolean(z != 0);
        return true;
    }
    out = from_mpz(z);
    return true;
}

ConstValue* constant_of(ast::Expr* e)
{
    return e && e->kind == ast::ExprKind::Constant ? &static_cast<ast::Constant*>(e)->value : nullptr;
}

// Decodes generalized UTF-8 into code point start offsets.
std::vector<size_t> char_starts(std::string const& s)
{
    std::vector<size_t> starts;
    for (size_t i = 0; i < s.size(); i++)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            starts.push_back(i);
    return starts;
}

bool fold_subscript(ConstValue const& container, ConstValue const& index, ConstValue& out)
{
    if (!is_int(index))
        return false;
    if (container.kind != Kind::Str && container.kind != Kind::Bytes && container.kind != Kind::Tuple)
        return false;
    mpz_class i = to_mpz(index);
    long size = seq_size(container);
    if (i < 0)
        i += size;
    if (i < 0 || i >= size)
        return false;
    long k = mpz_get_si(i.get_mpz_t());
    if (container.kind == Kind::Tuple) {
        out = container.items[k];
    } else if (container.kind == Kind::Bytes) {
        out = ConstValue::integer(static_cast<unsigned char>(container.s[k]));
    } else {
        std::vector<size_t> starts = char_starts(container.s);
        size_t begin = starts[k];
        size_t end = k + 1 < static_cast<long>(starts.size()) ? starts[k + 1] : container.s.size();
        out = ConstValue::str(container.s.substr(begin, end - begin));
    }
    return true;
}

class Folder {
public:
    Folder(ast::Arena& arena, int optimize, bool fold_annotations)
        : m_arena(arena), m_optimize(optimize), m_fold_annotations(fold_annotations)
    {
    }

    void annotation(ast::Expr*& e)
    {
        if (m_fold_annotations)
            expr(e);
    }

    void body(std::vector<ast::Stmt*>& stmts)
    {
        bool docstring = is_docstring(stmts);
        for (auto* s : stmts)
            stmt(s);
        if (!docstring && is_docstring(stmts)) {
            // A folded string must not become a docstring: wrap it as CPython does.
            auto* es = static_cast<ast::ExprStmt*>(stmts[0]);
            auto* js = m_arena.make<ast::JoinedStr>();
            js->pos = es->value->pos;
            js->values.push_back(es->value);
            es->value = js;
        }
    }

    void expr(ast::Expr*& e)
    {
        DepthGuard guard;
        if (!e)
            return;
        using K = ast::ExprKind;
        switch (e->kind) {
        case K::BoolOp: exprs(static_cast<ast::BoolOp*>(e)->values); break;
        case K::NamedExpr: expr(static_cast<ast::NamedExpr*>(e)->value); break;
        case K::BinOp: {
            auto* b = static_cast<ast::BinOp*>(e);
            expr(b->left);
            expr(b->right);
            ConstValue* l = constant_of(b->left);
            ConstValue* r = constant_of(b->right);
            ConstValue out;
            if (l && r && fold_binary(b->op, *l, *r, out))
                e = make_const(e, std::move(out));
            break;
        }
        case K::UnaryOp: {
            auto* u = static_cast<ast::UnaryOp*>(e);
            expr(u->operand);
            if (ConstValue* v = constant_of(u->operand)) {
                ConstValue out;
                if (fold_unary(u->op, *v, out))
                    e = make_const(e, std::move(out));
            } else if (u->op == ast::UnaryOpKind::Not && u->operand->kind == K::Compare) {
                auto* c = static_cast<ast::Compare*>(u->operand);
                if (c->ops.size() == 1) {
                    using C = ast::CmpOp;
                    C op = c->ops[0];
                    bool ok = true;
                    switch (op) {
                    case C::Is: op = C::IsNot; break;
                    case C::IsNot: op = C::Is; break;
                    case C::In: op = C::NotIn; break;
                    case C::NotIn: op = C::In; break;
                    default: ok = false;
                    }
                    if (ok) {
                        c->ops[0] = op;
                        e = c;
                    }
                }
            }
            break;
        }
        case K::Lambda: {
            auto* l = static_cast<ast::Lambda*>(e);
            arguments(l->args);
            expr(l->body);
            break;
        }
        case K::IfExp: {
            auto* i = static_cast<ast::IfExp*>(e);
            expr(i->test);
            expr(i->body);
            expr(i->orelse);
            break;
        }
        case K::Dict: {
            auto* d = static_cast<ast::Dict*>(e);
            exprs(d->keys);
            exprs(d->values);
            break;
        }
        case K::Set: exprs(static_cast<ast::Set*>(e)->elts); break;
        case K::ListComp: {
            auto* c = static_cast<ast::ListComp*>(e);
            expr(c->elt);
            comprehensions(c->generators);
            break;
        }
        case K::SetComp: {
            auto* c = static_cast<ast::SetComp*>(e);
            expr(c->elt);
            comprehensions(c->generators);
            break;
        }
        case K::DictComp: {
            auto* c = static_cast<ast::DictComp*>(e);
            expr(c->key);
            expr(c->value);
            comprehensions(c->generators);
            break;
        }
        case K::GeneratorExp: {
            auto* c = static_cast<ast::GeneratorExp*>(e);
            expr(c->elt);
            comprehensions(c->generators);
            break;
        }
        case K::Yield: expr(static_cast<ast::Yield*>(e)->value); break;
        case K::YieldFrom: expr(static_cast<ast::YieldFrom*>(e)->value); break;
        case K::Await: expr(static_cast<ast::Await*>(e)->value); break;
        case K::Compare: {
            auto* c = static_cast<ast::Compare*>(e);
            expr(c->left);
            exprs(c->comparators);
            ast::CmpOp last = c->ops.back();
            if (last == ast::CmpOp::In || last == ast::CmpOp::NotIn)
                fold_iter(c->comparators.back());
            break;
        }
        case K::Call: {
            auto* c = static_cast<ast::Call*>(e);
            expr(c->func);
            exprs(c->args);
            for (auto* k : c->keywords)
                expr(k->value);
            break;
        }
        case K::FormattedValue: {
            auto* f = static_cast<ast::FormattedValue*>(e);
            expr(f->value);
            expr(f->format_spec);
            break;
        }
        case K::JoinedStr: exprs(static_cast<ast::JoinedStr*>(e)->values); break;
        case K::Attribute: expr(static_cast<ast::Attribute*>(e)->value); break;
        case K::Subscript: {
            auto* s = static_cast<ast::Subscript*>(e);
            expr(s->value);
            expr(s->slice);
            ConstValue* c = constant_of(s->value);
            ConstValue* i = constant_of(s->slice);
            ConstValue out;
            if (s->ctx == ast::ExprContext::Load && c && i && fold_subscript(*c, *i, out))
                e = make_const(e, std::move(out));
            break;
        }
        case K::Starred: expr(static_cast<ast::Starred*>(e)->value); break;
        case K::Slice: {
            auto* s = static_cast<ast::Slice*>(e);
            expr(s->lower);
            expr(s->upper);
            expr(s->step);
            break;
        }
        case K::List: exprs(static_cast<ast::List*>(e)->elts); break;
        case K::Tuple: {
            auto* t = static_cast<ast::Tuple*>(e);
            exprs(t->elts);
            if (t->ctx == ast::ExprContext::Load) {
                ConstValue tuple;
                if (make_const_tuple(t->elts, tuple))
                    e = make_const(e, std::move(tuple));
            }
            break;
        }
        case K::Name: {
            auto* n = static_cast<ast::Name*>(e);
            if (n->ctx == ast::ExprContext::Load && n->id == "__debug__")
                e = make_const(e, ConstValue::boolean(m_optimize == 0));
            break;
        }
        case K::Constant: break;
        }
    }

    void stmt(ast::Stmt* s)
    {
        DepthGuard guard;
        using K = ast::StmtKind;
        switch (s->kind) {
        case K::FunctionDef: {
            auto* f = static_cast<ast::FunctionDef*>(s);
            arguments(f->args);
            body(f->body);
            exprs(f->decorator_list);
            annotation(f->returns);
            break;
        }
        case K::ClassDef: {
            auto* c = static_cast<ast::ClassDef*>(s);
            exprs(c->bases);
            for (auto* k : c->keywords)
                expr(k->value);
            body(c->body);
            exprs(c->decorator_list);
            break;
        }
        case K::Return: expr(static_cast<ast::Return*>(s)->value); break;
        case K::Delete: exprs(static_cast<ast::Delete*>(s)->targets); break;
        case K::Assign: {
            auto* a = static_cast<ast::Assign*>(s);
            exprs(a->targets);
            expr(a->value);
            break;
        }
        case K::AugAssign: {
            auto* a = static_cast<ast::AugAssign*>(s);
            expr(a->target);
            expr(a->value);
            break;
        }
        case K::AnnAssign: {
            auto* a = static_cast<ast::AnnAssign*>(s);
            expr(a->target);
            annotation(a->annotation);
            expr(a->value);
            break;
        }
        case K::For: {
            auto* f = static_cast<ast::For*>(s);
            expr(f->target);
            expr(f->iter);
            stmts(f->body);
            stmts(f->orelse);
            fold_iter(f->iter);
            break;
        }
        case K::While: {
            auto* w = static_cast<ast::While*>(s);
            expr(w->test);
            stmts(w->body);
            stmts(w->orelse);
            break;
        }
        case K::If: {
            auto* i = static_cast<ast::If*>(s);
            expr(i->test);
            stmts(i->body);
            stmts(i->orelse);
            break;
        }
        case K::With: {
            auto* w = static_cast<ast::With*>(s);
            for (auto* item : w->items) {
                expr(item->context_expr);
                expr(item->optional_vars);
            }
            stmts(w->body);
            break;
        }
        case K::Raise: {
            auto* r = static_cast<ast::Raise*>(s);
            expr(r->exc);
            expr(r->cause);
            break;
        }
        case K::Try: {
            auto* t = static_cast<ast::Try*>(s);
            stmts(t->body);
            handlers(t->handlers);
            stmts(t->orelse);
            stmts(t->finalbody);
            break;
        }
        case K::TryStar: {
            auto* t = static_cast<ast::TryStar*>(s);
            stmts(t->body);
            handlers(t->handlers);
            stmts(t->orelse);
            stmts(t->finalbody);
            break;
        }
        case K::Assert: {
            auto* a = static_cast<ast::Assert*>(s);
            expr(a->test);
            expr(a->msg);
            break;
        }
        case K::Expr: expr(static_cast<ast::ExprStmt*>(s)->value); break;
        case K::Match: {
            auto* m = static_cast<ast::Match*>(s);
            expr(m->subject);
            for (auto* c : m->cases) {
                pattern(c->pattern);
                expr(c->guard);
                stmts(c->body);
            }
            break;
        }
        default: break;
        }
    }

    // Folds the value expressions of a pattern (`-1`, `1+2j`), which the code generator
    // then requires to be constants or attribute lookups (as CPython's astfold_pattern).
    void pattern(ast::Pattern* p)
    {
        DepthGuard guard;
        using K = ast::PatternKind;
        switch (p->kind) {
        case K::MatchValue: expr(static_cast<ast::MatchValue*>(p)->value); break;
        case K::MatchSingleton:
        case K::MatchStar: break;
        case K::MatchSequence:
            for (auto* q : static_cast<ast::MatchSequence*>(p)->patterns)
                pattern(q);
            break;
        case K::MatchMapping: {
            auto* m = static_cast<ast::MatchMapping*>(p);
            exprs(m->keys);
            for (auto* q : m->patterns)
                pattern(q);
            break;
        }
        case K::MatchClass: {
            auto* c = static_cast<ast::MatchClass*>(p);
            expr(c->cls);
            for (auto* q : c->patterns)
                pattern(q);
            for (auto* q : c->kwd_patterns)
                pattern(q);
            break;
        }
        case K::MatchAs:
            if (auto* q = static_cast<ast::MatchAs*>(p)->pattern)
                pattern(q);
            break;
        case K::MatchOr:
            for (auto* q : static_cast<ast::MatchOr*>(p)->patterns)
                pattern(q);
            break;
        }
    }

private:
    static bool is_docstring(std::vector<ast::Stmt*> const& stmts)
    {
        if (stmts.empty() || stmts[0]->kind != ast::StmtKind::Expr)
            return false;
        ConstValue* v = constant_of(static_cast<ast::ExprStmt*>(stmts[0])->value);
        return v && v->kind == Kind::Str;
    }

    void stmts(std::vector<ast::Stmt*>& seq)
    {
        for (auto* s : seq)
            stmt(s);
    }

    void exprs(std::vector<ast::Expr*>& seq)
    {
        for (auto*& e : seq)
            expr(e);
    }

    void handlers(std::vector<ast::ExceptHandler*>& hs)
    {
        for (auto* h : hs) {
            expr(h->type);
            stmts(h->body);
        }
    }

    void arguments(ast::Arguments* a)
    {
        auto args = [&](std::vector<ast::Arg*>& v) {
            for (auto* arg : v)
                annotation(arg->annotation);
        };
        args(a->posonlyargs);
        args(a->args);
        if (a->vararg)
            annotation(a->vararg->annotation);
        args(a->kwonlyargs);
        exprs(a->kw_defaults);
        if (a->kwarg)
            annotation(a->kwarg->annotation);
        exprs(a->defaults);
    }

    void comprehensions(std::vector<ast::Comprehension*>& gens)
    {
        for (auto* g : gens) {
            expr(g->target);
            expr(g->iter);
            exprs(g->ifs);
            fold_iter(g->iter);
        }
    }

    static bool make_const_tuple(std::vector<ast::Expr*> const& elts, ConstValue& out)
    {
        out = ConstValue {};
        out.kind = Kind::Tuple;
        for (auto* e : elts) {
            ConstValue* v = constant_of(e);
            if (!v)
                return false;
            out.items.push_back(*v);
        }
        return true;
    }

    void fold_iter(ast::Expr*& e)
    {
        if (e->kind == ast::ExprKind::List) {
            auto* l = static_cast<ast::List*>(e);
            for (auto* elt : l->elts)
                if (elt->kind == ast::ExprKind::Starred)
                    return;
            auto* t = m_arena.make<ast::Tuple>();
            t->pos = l->pos;
            t->elts = l->elts;
            t->ctx = l->ctx;
            e = t;
            ConstValue tuple;
            if (make_const_tuple(t->elts, tuple))
                e = make_const(e, std::move(tuple));
        } else if (e->kind == ast::ExprKind::Set) {
            ConstValue tuple;
            if (make_const_tuple(static_cast<ast::Set*>(e)->elts, tuple)) {
                // frozenset of the distinct items, in first-seen order.
                ConstValue fs;
                fs.kind = Kind::FrozenSet;
                std::vector<std::string> keys;
                for (auto& item : tuple.items) {
                    std::string key = is_int(item) ? "int:" + to_mpz(item).get_str() : const_key(item);
                    bool dup = false;
                    for (auto const& k : keys)
                        dup = dup || k == key;
                    if (!dup) {
                        keys.push_back(key);
                        fs.items.push_back(item);
                    }
                }
                e = make_const(e, std::move(fs));
            }
        }
    }

    ast::Expr* make_const(ast::Expr* from, ConstValue value)
    {
        auto* c = m_arena.make<ast::Constant>();
        c->pos = from->pos;
        c->value = std::move(value);
        return c;
    }

    ast::Arena& m_arena;
    int m_optimize;
    bool m_fold_annotations;
};

} // namespace

bool fold_binary(ast::Operator op, ConstValue const& l, ConstValue const& r, ConstValue& out)
{
    using O = ast::Operator;
    if (is_int(l) && is_int(r))
        return fold_int(op, l, r, out);
    if ((l.kind == Kind::Float || is_int(l)) && (r.kind == Kind::Float || is_int(r))) {
        auto a = to_double(l), b = to_double(r);
        if (!a || !b)
            return false;
        return fold_float(op, *a, *b, out);
    }
    if (l.kind == Kind::Complex || r.kind == Kind::Complex) {
        auto as_complex = [](ConstValue const& v) -> std::optional<complex_math::C> {
            if (v.kind == Kind::Complex)
                return complex_math::C { v.re, v.f };
            if (auto d = to_double(v))
                return complex_math::C { *d, 0.0 };
            return std::nullopt;
        };
        auto a = as_complex(l), b = as_complex(r);
        if (!a || !b)
            return false;
        return fold_complex(op, *a, *b, out);
    }
    bool lseq = l.kind == Kind::Str || l.kind == Kind::Bytes || l.kind == Kind::Tuple;
    bool rseq = r.kind == Kind::Str || r.kind == Kind::Bytes || r.kind == Kind::Tuple;
    if (op == O::Add && lseq && l.kind == r.kind) {
        out = l;
        if (l.kind == Kind::Tuple)
            out.items.insert(out.items.end(), r.items.begin(), r.items.end());
        else
            out.s += r.s;
        return true;
    }
    if (op == O::Mult && lseq && is_int(r))
        return repeat(l, r, out);
    if (op == O::Mult && rseq && is_int(l))
        return repeat(r, l, out);
    return false;
}

bool fold_unary(ast::UnaryOpKind op, ConstValue const& v, ConstValue& out)
{
    using U = ast::UnaryOpKind;
    if (op == U::Not) {
        if (v.kind == Kind::Code)
            return false;
        out = ConstValue::boolean(!const_truthy(v));
        return true;
    }
    if (is_int(v)) {
        mpz_class z = to_mpz(v);
        if (op == U::USub)
            z = -z;
        else if (op == U::Invert)
            z = -z - 1;
        out = from_mpz(z);
        return true;
    }
    if (v.kind == Kind::Float) {
        if (op == U::Invert)
            return false;
        out = ConstValue::floating(op == U::USub ? -v.f : v.f);
        return true;
    }
    if (v.kind == Kind::Complex) {
        if (op == U::Invert)
            return false;
        out = op == U::USub ? ConstValue::complex(-v.re, -v.f) : v;
        return true;
    }
    return false;
}

void fold_constants(ast::Mod* mod, ast::Arena& arena, int optimize, bool fold_annotations)
{
    Folder f(arena, optimize, fold_annotations);
    if (mod->kind == ast::ModKind::Expression)
        f.expr(mod->expr);
    else if (mod->kind == ast::ModKind::Interactive) {
        for (auto* s : mod->body)
            f.stmt(s);
    } else
        f.body(mod->body);
}

} // namespace slpy::compiler
