// Expressions back to source text, as CPython 3.11's Python/ast_unparse.c writes them
// (see unparse.h). Each writer takes the precedence level of its context and adds
// parentheses when the expression binds more loosely.
#include "stackless/compiler/unparse.h"

#include "stackless/parser/ast_dump.h"

namespace slpy::compiler {

namespace {

// ast_unparse.c's precedence levels, loosest first.
enum Prec {
    PR_TUPLE,
    PR_TEST,  // if-else, lambda
    PR_OR,
    PR_AND,
    PR_NOT,
    PR_CMP,
    PR_EXPR,
    PR_BOR = PR_EXPR,
    PR_BXOR,
    PR_BAND,
    PR_SHIFT,
    PR_ARITH,
    PR_TERM,
    PR_FACTOR,
    PR_POWER,
    PR_AWAIT,
    PR_ATOM,
};

class Unparser {
public:
    std::string out;

    void expr(ast::Expr const* e, int level)
    {
        using K = ast::ExprKind;
        switch (e->kind) {
        case K::BoolOp: boolop(static_cast<ast::BoolOp const*>(e), level); break;
        case K::NamedExpr: {
            auto const* n = static_cast<ast::NamedExpr const*>(e);
            open(level > PR_TUPLE);
            expr(n->target, PR_ATOM);
            out += " := ";
            expr(n->value, PR_ATOM);
            close(level > PR_TUPLE);
            break;
        }
        case K::BinOp: binop(static_cast<ast::BinOp const*>(e), level); break;
        case K::UnaryOp: unaryop(static_cast<ast::UnaryOp const*>(e), level); break;
        case K::Lambda: {
            auto const* l = static_cast<ast::Lambda const*>(e);
            open(level > PR_TEST);
            // As CPython 3.11: no space when there are no positional parameters
            // ("lambda*a: 1").
            out += l->args->args.empty() && l->args->posonlyargs.empty() ? "lambda" : "lambda ";
            arguments(l->args);
            out += ": ";
            expr(l->body, PR_TEST);
            close(level > PR_TEST);
            break;
        }
        case K::IfExp: {
            auto const* i = static_cast<ast::IfExp const*>(e);
            open(level > PR_TEST);
            expr(i->body, PR_TEST + 1);
            out += " if ";
            expr(i->test, PR_TEST + 1);
            out += " else ";
            expr(i->orelse, PR_TEST);
            close(level > PR_TEST);
            break;
        }
        case K::Dict: {
            auto const* d = static_cast<ast::Dict const*>(e);
            out += '{';
            for (size_t i = 0; i < d->values.size(); ++i) {
                if (i > 0) out += ", ";
                if (d->keys[i]) {
                    expr(d->keys[i], PR_TEST);
                    out += ": ";
                    expr(d->values[i], PR_TEST);
                } else {
                    out += "**";
                    expr(d->values[i], PR_EXPR);
                }
            }
            out += '}';
            break;
        }
        case K::Set: sequence(static_cast<ast::Set const*>(e)->elts, "{", "}"); break;
        case K::List: sequence(static_cast<ast::List const*>(e)->elts, "[", "]"); break;
        case K::Tuple: {
            auto const& elts = static_cast<ast::Tuple const*>(e)->elts;
            if (elts.empty()) {
                out += "()";
                break;
            }
            open(level > PR_TUPLE);
            for (size_t i = 0; i < elts.size(); ++i) {
                if (i > 0) out += ", ";
                expr(elts[i], PR_TEST);
            }
            if (elts.size() == 1) out += ',';
            close(level > PR_TUPLE);
            break;
        }
        case K::ListComp: {
            auto const* c = static_cast<ast::ListComp const*>(e);
            out += '[';
            expr(c->elt, PR_TEST);
            comprehensions(c->generators);
            out += ']';
            break;
        }
        case K::SetComp: {
            auto const* c = static_cast<ast::SetComp const*>(e);
            out += '{';
            expr(c->elt, PR_TEST);
            comprehensions(c->generators);
            out += '}';
            break;
        }
        case K::DictComp: {
            auto const* c = static_cast<ast::DictComp const*>(e);
            out += '{';
            expr(c->key, PR_TEST);
            out += ": ";
            expr(c->value, PR_TEST);
            comprehensions(c->generators);
            out += '}';
            break;
        }
        case K::GeneratorExp: genexp(static_cast<ast::GeneratorExp const*>(e)); break;
        case K::Yield: {
            auto const* y = static_cast<ast::Yield const*>(e);
            if (!y->value) {
                out += "(yield)";
                break;
            }
            out += "(yield ";
            expr(y->value, PR_TEST);
            out += ')';
            break;
        }
        case K::YieldFrom:
            out += "(yield from ";
            expr(static_cast<ast::YieldFrom const*>(e)->value, PR_TEST);
            out += ')';
            break;
        case K::Await:
            if (level > PR_AWAIT)
                out += '(';
            out += "await ";
            expr(static_cast<ast::Await const*>(e)->value, PR_ATOM);
            if (level > PR_AWAIT)
                out += ')';
            break;
        case K::Compare: compare(static_cast<ast::Compare const*>(e), level); break;
        case K::Call: call(static_cast<ast::Call const*>(e)); break;
        case K::FormattedValue: {
            // A lone FormattedValue (not in a JoinedStr): CPython writes the f-string.
            Unparser inner;
            inner.formatted_value(static_cast<ast::FormattedValue const*>(e));
            out += 'f';
            out += ast::const_repr(ConstValue::str(inner.out));
            break;
        }
        case K::JoinedStr: joined_str(static_cast<ast::JoinedStr const*>(e), false); break;
        case K::Constant: constant(static_cast<ast::Constant const*>(e)); break;
        case K::Attribute: {
            auto const* a = static_cast<ast::Attribute const*>(e);
            expr(a->value, PR_ATOM);
            // An int needs a space before the dot ("1 .real").
            bool is_int = a->value->kind == K::Constant &&
                          static_cast<ast::Constant const*>(a->value)->value.kind == ConstValue::Kind::Int;
            out += is_int ? " ." : ".";
            out += a->attr;
            break;
        }
        case K::Subscript: {
            auto const* s = static_cast<ast::Subscript const*>(e);
            expr(s->value, PR_ATOM);
            out += '[';
            expr(s->slice, PR_TUPLE);
            out += ']';
            break;
        }
        case K::Starred:
            out += '*';
            expr(static_cast<ast::Starred const*>(e)->value, PR_EXPR);
            break;
        case K::Name: out += static_cast<ast::Name const*>(e)->id; break;
        case K::Slice: {
            auto const* s = static_cast<ast::Slice const*>(e);
            if (s->lower) expr(s->lower, PR_TEST);
            out += ':';
            if (s->upper) expr(s->upper, PR_TEST);
            if (s->step) {
                out += ':';
                expr(s->step, PR_TEST);
            }
            break;
        }
        }
    }

private:
    void arguments(ast::Arguments const* a)
    {
        bool first = true;
        auto sep = [&] {
            if (!first) out += ", ";
            first = false;
        };
        size_t npos = a->posonlyargs.size(), nargs = a->args.size(), ndefaults = a->defaults.size();
        for (size_t i = 0; i < npos + nargs; ++i) {
            sep();
            arg(i < npos ? a->posonlyargs[i] : a->args[i - npos]);
            long di = static_cast<long>(i) - static_cast<long>(npos + nargs) + static_cast<long>(ndefaults);
            if (di >= 0) {
                out += '=';
                expr(a->defaults[static_cast<size_t>(di)], PR_TEST);
            }
            if (npos && i + 1 == npos) out += ", /";
        }
        if (a->vararg || !a->kwonlyargs.empty()) {
            sep();
            out += '*';
            if (a->vararg) arg(a->vararg);
        }
        for (size_t i = 0; i < a->kwonlyargs.size(); ++i) {
            sep();
            arg(a->kwonlyargs[i]);
            long di = static_cast<long>(i) - static_cast<long>(a->kwonlyargs.size()) + static_cast<long>(a->kw_defaults.size());
            if (di >= 0 && a->kw_defaults[static_cast<size_t>(di)]) {
                out += '=';
                expr(a->kw_defaults[static_cast<size_t>(di)], PR_TEST);
            }
        }
        if (a->kwarg) {
            sep();
            out += "**";
            arg(a->kwarg);
        }
    }

    void open(bool cond)
    {
        if (cond) out += '(';
    }
    void close(bool cond)
    {
        if (cond) out += ')';
    }

    void arg(ast::Arg const* a)
    {
        out += a->arg;
        if (a->annotation) {
            out += ": ";
            expr(a->annotation, PR_TEST);
        }
    }

    void sequence(std::vector<ast::Expr*> const& elts, char const* left, char const* right)
    {
        out += left;
        for (size_t i = 0; i < elts.size(); ++i) {
            if (i > 0) out += ", ";
            expr(elts[i], PR_TEST);
        }
        out += right;
    }

    void boolop(ast::BoolOp const* b, int level)
    {
        bool is_and = b->op == ast::BoolOpKind::And;
        int pr = is_and ? PR_AND : PR_OR;
        open(level > pr);
        for (size_t i = 0; i < b->values.size(); ++i) {
            if (i > 0) out += is_and ? " and " : " or ";
            expr(b->values[i], pr + 1);
        }
        close(level > pr);
    }

    void binop(ast::BinOp const* b, int level)
    {
        using O = ast::Operator;
        char const* op = "";
        int pr = PR_ARITH;
        bool rassoc = false;
        switch (b->op) {
        case O::Add: op = " + "; pr = PR_ARITH; break;
        case O::Sub: op = " - "; pr = PR_ARITH; break;
        case O::Mult: op = " * "; pr = PR_TERM; break;
        case O::MatMult: op = " @ "; pr = PR_TERM; break;
        case O::Div: op = " / "; pr = PR_TERM; break;
        case O::Mod: op = " % "; pr = PR_TERM; break;
        case O::LShift: op = " << "; pr = PR_SHIFT; break;
        case O::RShift: op = " >> "; pr = PR_SHIFT; break;
        case O::BitOr: op = " | "; pr = PR_BOR; break;
        case O::BitXor: op = " ^ "; pr = PR_BXOR; break;
        case O::BitAnd: op = " & "; pr = PR_BAND; break;
        case O::FloorDiv: op = " // "; pr = PR_TERM; break;
        case O::Pow: op = " ** "; pr = PR_POWER; rassoc = true; break;
        }
        open(level > pr);
        expr(b->left, pr + (rassoc ? 1 : 0));
        out += op;
        expr(b->right, pr + (rassoc ? 0 : 1));
        close(level > pr);
    }

    void unaryop(ast::UnaryOp const* u, int level)
    {
        using U = ast::UnaryOpKind;
        char const* op = "";
        int pr = PR_FACTOR;
        switch (u->op) {
        case U::Invert: op = "~"; break;
        case U::Not: op = "not "; pr = PR_NOT; break;
        case U::UAdd: op = "+"; break;
        case U::USub: op = "-"; break;
        }
        open(level > pr);
        out += op;
        expr(u->operand, pr);
        close(level > pr);
    }

    void compare(ast::Compare const* c, int level)
    {
        using C = ast::CmpOp;
        open(level > PR_CMP);
        expr(c->left, PR_CMP + 1);
        for (size_t i = 0; i < c->ops.size(); ++i) {
            switch (c->ops[i]) {
            case C::Eq: out += " == "; break;
            case C::NotEq: out += " != "; break;
            case C::Lt: out += " < "; break;
            case C::LtE: out += " <= "; break;
            case C::Gt: out += " > "; break;
            case C::GtE: out += " >= "; break;
            case C::Is: out += " is "; break;
            case C::IsNot: out += " is not "; break;
            case C::In: out += " in "; break;
            case C::NotIn: out += " not in "; break;
            }
            expr(c->comparators[i], PR_CMP + 1);
        }
        close(level > PR_CMP);
    }

    void comprehensions(std::vector<ast::Comprehension*> const& gens)
    {
        for (ast::Comprehension const* g : gens) {
            out += g->is_async ? " async for " : " for ";
            expr(g->target, PR_TUPLE);
            out += " in ";
            expr(g->iter, PR_TEST + 1);
            for (ast::Expr const* cond : g->ifs) {
                out += " if ";
                expr(cond, PR_TEST + 1);
            }
        }
    }

    void genexp(ast::GeneratorExp const* g)
    {
        out += '(';
        expr(g->elt, PR_TEST);
        comprehensions(g->generators);
        out += ')';
    }

    void call(ast::Call const* c)
    {
        expr(c->func, PR_ATOM);
        if (c->args.size() == 1 && c->keywords.empty() && c->args[0]->kind == ast::ExprKind::GeneratorExp) {
            genexp(static_cast<ast::GeneratorExp const*>(c->args[0])); // f(x for x in y)
            return;
        }
        out += '(';
        bool first = true;
        for (ast::Expr const* a : c->args) {
            if (!first) out += ", ";
            first = false;
            expr(a, PR_TEST);
        }
        for (ast::Keyword const* k : c->keywords) {
            if (!first) out += ", ";
            first = false;
            if (k->arg.empty()) {
                out += "**";
            } else {
                out += k->arg;
                out += '=';
            }
            expr(k->value, PR_TEST);
        }
        out += ')';
    }

    void constant(ast::Constant const* c)
    {
        if (c->value.kind == ConstValue::Kind::Ellipsis) {
            out += "...";
            return;
        }
        if (c->kind == "u") out += 'u';
        std::string r = ast::const_repr(c->value);
        if (c->value.kind == ConstValue::Kind::Float || c->value.kind == ConstValue::Kind::Complex) {
            // An infinity is written as a literal that overflows to it.
            for (size_t at; (at = r.find("inf")) != std::string::npos;)
                r.replace(at, 3, "1e309");
        }
        out += r;
    }

    // The body of an f-string: literal text with its braces doubled, and the fields.
    void fstring_body(std::vector<ast::Expr*> const& values, bool is_format_spec)
    {
        for (ast::Expr const* v : values) fstring_element(v, is_format_spec);
    }

    void fstring_element(ast::Expr const* e, bool is_format_spec)
    {
        switch (e->kind) {
        case ast::ExprKind::Constant:
            for (char ch : static_cast<ast::Constant const*>(e)->value.s) {
                if (ch == '{' || ch == '}') out += ch;
                out += ch;
            }
            break;
        case ast::ExprKind::JoinedStr: joined_str(static_cast<ast::JoinedStr const*>(e), is_format_spec); break;
        case ast::ExprKind::FormattedValue: formatted_value(static_cast<ast::FormattedValue const*>(e)); break;
        default: break;
        }
    }

    void joined_str(ast::JoinedStr const* j, bool is_format_spec)
    {
        Unparser body;
        body.fstring_body(j->values, is_format_spec);
        if (is_format_spec) {
            out += body.out;
            return;
        }
        out += 'f';
        out += ast::const_repr(ConstValue::str(body.out));
    }

    void formatted_value(ast::FormattedValue const* f)
    {
        // PR_TEST + 1: a lambda (or if-else) gets parentheses, its ':' being no spec.
        Unparser value;
        value.expr(f->value, PR_TEST + 1);
        out += !value.out.empty() && value.out[0] == '{' ? "{ " : "{";
        out += value.out;
        if (f->conversion > 0) {
            out += '!';
            out += static_cast<char>(f->conversion);
        }
        if (f->format_spec) {
            out += ':';
            fstring_element(f->format_spec, true);
        }
        out += '}';
    }
};

} // namespace

std::string unparse_annotation(ast::Expr const* e)
{
    Unparser u;
    u.expr(e, PR_TEST);
    return u.out;
}

} // namespace slpy::compiler
