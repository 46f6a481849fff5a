// AST dumper in the format of CPython's ast.dump(..., include_attributes=True).
#include "stackless/parser/ast_dump.h"

#include "stackless/parser/tokenizer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace slpy::ast {

namespace {

std::string float_repr(double d)
{
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    char buf[64];
    int prec = 1;
    for (; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    // buf is "[-]d.ddde[+-]XX": split into digits and exponent.
    std::string s = buf;
    bool neg = s[0] == '-';
    if (neg) s.erase(0, 1);
    size_t epos = s.find('e');
    int exp = std::atoi(s.c_str() + epos + 1);
    std::string digits;
    for (size_t i = 0; i < epos; ++i) {
        if (s[i] != '.') digits += s[i];
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out = neg ? "-" : "";
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out += "0.";
            out += std::string(static_cast<size_t>(-exp - 1), '0');
            out += digits;
        } else if (static_cast<int>(digits.size()) <= exp + 1) {
            out += digits;
            out += std::string(static_cast<size_t>(exp + 1 - static_cast<int>(digits.size())), '0');
            out += ".0";
        } else {
            out += digits.substr(0, static_cast<size_t>(exp + 1));
            out += ".";
            out += digits.substr(static_cast<size_t>(exp + 1));
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1) {
        out += ".";
        out += digits.substr(1);
    }
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += ebuf;
    return out;
}

bool printable(uint32_t cp)
{
    if (cp < 0x20 || cp == 0x7F) return false;
    if (cp >= 0x80 && cp <= 0xA0) return false;
    if (cp == 0xAD) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    if (cp >= 0x2000 && cp <= 0x200F) return false;
    if (cp >= 0x2028 && cp <= 0x202F) return false;
    if (cp >= 0x205F && cp <= 0x206F) return false;
    if (cp == 0x3000 || cp == 0xFEFF) return false;
    if (cp >= 0xE000 && cp <= 0xF8FF) return false;
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return false; // noncharacters
    if (cp >= 0xFFF9 && cp <= 0xFFFB) return false;
    if (cp >= 0xE0000) return false;
    return true;
}

std::string str_repr(std::string const& s, bool is_bytes)
{
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char quote = has_single && !has_double ? '"' : '\'';
    std::string out = is_bytes ? "b" : "";
    out += quote;
    char buf[16];
    for (size_t i = 0; i < s.size();) {
        uint32_t cp;
        int len = 1;
        if (is_bytes) {
            cp = static_cast<unsigned char>(s[i]);
        } else {
            cp = parser::decode_utf8(s, i, len);
            // Generalized UTF-8: accept encoded surrogates.
            if (len == 1 && static_cast<unsigned char>(s[i]) == 0xED && i + 2 < s.size()) {
                cp = ((0xDu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                     (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
                len = 3;
            }
        }
        i += static_cast<size_t>(len);
        if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp < 0x20 || cp == 0x7F || (is_bytes && cp >= 0x80)) {
            std::snprintf(buf, sizeof buf, "\\x%02x", cp);
            out += buf;
        } else if (cp < 0x80 || printable(cp)) {
            if (is_bytes) out += static_cast<char>(cp);
            else parser::append_utf8(out, cp);
        } else if (cp <= 0xFF) {
            std::snprintf(buf, sizeof buf, "\\x%02x", cp);
            out += buf;
        } else if (cp <= 0xFFFF) {
            std::snprintf(buf, sizeof buf, "\\u%04x", cp);
            out += buf;
        } else {
            std::snprintf(buf, sizeof buf, "\\U%08x", cp);
            out += buf;
        }
    }
    out += quote;
    return out;
}

class Dumper {
public:
    explicit Dumper(bool attrs) : m_attrs(attrs) {}

    std::string mod(Mod const* m);
    std::string expr(Expr const* e);
    std::string stmt(Stmt const* s);

private:
    // Builds "Name(field=value, ..., lineno=..)".
    struct Fields {
        std::string name;
        std::vector<std::string> parts;
        void add(std::string const& key, std::string const& value) { parts.push_back(key + "=" + value); }
    };
    std::string finish(Fields& f, Node const* n)
    {
        if (n && m_attrs) {
            f.add("lineno", std::to_string(n->pos.lineno));
            f.add("col_offset", std::to_string(n->pos.col_offset));
            f.add("end_lineno", std::to_string(n->pos.end_lineno));
            f.add("end_col_offset", std::to_string(n->pos.end_col_offset));
        }
        std::string out = f.name + "(";
        for (size_t i = 0; i < f.parts.size(); ++i) {
            if (i) out += ", ";
            out += f.parts[i];
        }
        return out + ")";
    }
    template<typename T, typename F> std::string list(std::vector<T> const& v, F f)
    {
        std::string out = "[";
        for (size_t i = 0; i < v.size(); ++i) {
            if (i) out += ", ";
            out += f(v[i]);
        }
        return out + "]";
    }
    std::string exprs(std::vector<Expr*> const& v) { return list(v, [&](Expr* e) { return e ? expr(e) : "None"; }); }
    std::string stmts(std::vector<Stmt*> const& v) { return list(v, [&](Stmt* s) { return stmt(s); }); }
    static std::string ctx(ExprContext c)
    {
        switch (c) {
        case ExprContext::Load: return "Load()";
        case ExprContext::Store: return "Store()";
        case ExprContext::Del: return "Del()";
        }
        return "?";
    }
    static std::string op(Operator o)
    {
        static char const* const names[] = {"Add()", "Sub()", "Mult()", "MatMult()", "Div()", "Mod()", "Pow()",
                                            "LShift()", "RShift()", "BitOr()", "BitXor()", "BitAnd()", "FloorDiv()"};
        return names[static_cast<int>(o)];
    }
    static std::string cmp(CmpOp o)
    {
        static char const* const names[] = {"Eq()", "NotEq()", "Lt()", "LtE()", "Gt()", "GtE()", "Is()", "IsNot()", "In()", "NotIn()"};
        return names[static_cast<int>(o)];
    }
    std::string arguments(Arguments const* a);
    std::string arg(Arg const* a);
    std::string keyword(Keyword const* k);
    std::string comprehension(Comprehension const* c);
    std::string handler(ExceptHandler const* h);
    std::string pattern(Pattern const* p);
    std::string match_case(MatchCase const* c);
    std::string alias(Alias const* a);
    std::string withitem(WithItem const* w);
    static std::string str(std::string const& s) { return str_repr(s, false); }

    bool m_attrs;
};

std::string Dumper::mod(Mod const* m)
{
    switch (m->kind) {
    case ModKind::Module: return "Module(body=" + stmts(m->body) + ", type_ignores=[])";
    case ModKind::Interactive: return "Interactive(body=" + stmts(m->body) + ")";
    case ModKind::Expression: return "Expression(body=" + expr(m->expr) + ")";
    }
    return "?";
}

std::string Dumper::arguments(Arguments const* a)
{
    Fields f {"arguments", {}};
    f.add("posonlyargs", list(a->posonlyargs, [&](Arg* x) { return arg(x); }));
    f.add("args", list(a->args, [&](Arg* x) { return arg(x); }));
    if (a->vararg) f.add("vararg", arg(a->vararg));
    f.add("kwonlyargs", list(a->kwonlyargs, [&](Arg* x) { return arg(x); }));
    f.add("kw_defaults", exprs(a->kw_defaults));
    if (a->kwarg) f.add("kwarg", arg(a->kwarg));
    f.add("defaults", exprs(a->defaults));
    return finish(f, nullptr);
}

std::string Dumper::arg(Arg const* a)
{
    Fields f {"arg", {}};
    f.add("arg", str(a->arg));
    if (a->annotation) f.add("annotation", expr(a->annotation));
    return finish(f, a);
}

std::string Dumper::keyword(Keyword const* k)
{
    Fields f {"keyword", {}};
    if (!k->arg.empty()) f.add("arg", str(k->arg));
    f.add("value", expr(k->value));
    return finish(f, k);
}

std::string Dumper::comprehension(Comprehension const* c)
{
    Fields f {"comprehension", {}};
    f.add("target", expr(c->target));
    f.add("iter", expr(c->iter));
    f.add("ifs", exprs(c->ifs));
    f.add("is_async", c->is_async ? "1" : "0");
    return finish(f, nullptr);
}

std::string Dumper::handler(ExceptHandler const* h)
{
    Fields f {"ExceptHandler", {}};
    if (h->type) f.add("type", expr(h->type));
    if (!h->name.empty()) f.add("name", str(h->name));
    f.add("body", stmts(h->body));
    return finish(f, h);
}

std::string Dumper::alias(Alias const* a)
{
    Fields f {"alias", {}};
    f.add("name", str(a->name));
    if (!a->asname.empty()) f.add("asname", str(a->asname));
    return finish(f, a);
}

std::string Dumper::withitem(WithItem const* w)
{
    Fields f {"withitem", {}};
    f.add("context_expr", expr(w->context_expr));
    if (w->optional_vars) f.add("optional_vars", expr(w->optional_vars));
    return finish(f, nullptr);
}

std::string Dumper::expr(Expr const* e)
{
    Fields f;
    switch (e->kind) {
    case ExprKind::BoolOp: {
        auto const* n = static_cast<BoolOp const*>(e);
        f.name = "BoolOp";
        f.add("op", n->op == BoolOpKind::And ? "And()" : "Or()");
        f.add("values", exprs(n->values));
        break;
    }
    case ExprKind::NamedExpr: {
        auto const* n = static_cast<NamedExpr const*>(e);
        f.name = "NamedExpr";
        f.add("target", expr(n->target));
        f.add("value", expr(n->value));
        break;
    }
    case ExprKind::BinOp: {
        auto const* n = static_cast<BinOp const*>(e);
        f.name = "BinOp";
        f.add("left", expr(n->left));
        f.add("op", op(n->op));
        f.add("right", expr(n->right));
        break;
    }
    case ExprKind::UnaryOp: {
        auto const* n = static_cast<UnaryOp const*>(e);
        static char const* const names[] = {"Invert()", "Not()", "UAdd()", "USub()"};
        f.name = "UnaryOp";
        f.add("op", names[static_cast<int>(n->op)]);
        f.add("operand", expr(n->operand));
        break;
    }
    case ExprKind::Lambda: {
        auto const* n = static_cast<Lambda const*>(e);
        f.name = "Lambda";
        f.add("args", arguments(n->args));
        f.add("body", expr(n->body));
        break;
    }
    case ExprKind::IfExp: {
        auto const* n = static_cast<IfExp const*>(e);
        f.name = "IfExp";
        f.add("test", expr(n->test));
        f.add("body", expr(n->body));
        f.add("orelse", expr(n->orelse));
        break;
    }
    case ExprKind::Dict: {
        auto const* n = static_cast<Dict const*>(e);
        f.name = "Dict";
        f.add("keys", exprs(n->keys));
        f.add("values", exprs(n->values));
        break;
    }
    case ExprKind::Set: {
        auto const* n = static_cast<Set const*>(e);
        f.name = "Set";
        f.add("elts", exprs(n->elts));
        break;
    }
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::GeneratorExp: {
        Expr* elt;
        std::vector<Comprehension*> const* gens;
        if (e->kind == ExprKind::ListComp) {
            f.name = "ListComp";
            elt = static_cast<ListComp const*>(e)->elt;
            gens = &static_cast<ListComp const*>(e)->generators;
        } else if (e->kind == ExprKind::SetComp) {
            f.name = "SetComp";
            elt = static_cast<SetComp const*>(e)->elt;
            gens = &static_cast<SetComp const*>(e)->generators;
        } else {
            f.name = "GeneratorExp";
            elt = static_cast<GeneratorExp const*>(e)->elt;
            gens = &static_cast<GeneratorExp const*>(e)->generators;
        }
        f.add("elt", expr(elt));
        f.add("generators", list(*gens, [&](Comprehension* c) { return comprehension(c); }));
        break;
    }
    case ExprKind::DictComp: {
        auto const* n = static_cast<DictComp const*>(e);
        f.name = "DictComp";
        f.add("key", expr(n->key));
        f.add("value", expr(n->value));
        f.add("generators", list(n->generators, [&](Comprehension* c) { return comprehension(c); }));
        break;
    }
    case ExprKind::Yield: {
        auto const* n = static_cast<Yield const*>(e);
        f.name = "Yield";
        if (n->value) f.add("value", expr(n->value));
        break;
    }
    case ExprKind::YieldFrom: {
        f.name = "YieldFrom";
        f.add("value", expr(static_cast<YieldFrom const*>(e)->value));
        break;
    }
    case ExprKind::Await: {
        f.name = "Await";
        f.add("value", expr(static_cast<Await const*>(e)->value));
        break;
    }
    case ExprKind::Compare: {
        auto const* n = static_cast<Compare const*>(e);
        f.name = "Compare";
        f.add("left", expr(n->left));
        f.add("ops", list(n->ops, [&](CmpOp o) { return cmp(o); }));
        f.add("comparators", exprs(n->comparators));
        break;
    }
    case ExprKind::Call: {
        auto const* n = static_cast<Call const*>(e);
        f.name = "Call";
        f.add("func", expr(n->func));
        f.add("args", exprs(n->args));
        f.add("keywords", list(n->keywords, [&](Keyword* k) { return keyword(k); }));
        break;
    }
    case ExprKind::FormattedValue: {
        auto const* n = static_cast<FormattedValue const*>(e);
        f.name = "FormattedValue";
        f.add("value", expr(n->value));
        f.add("conversion", std::to_string(n->conversion));
        if (n->format_spec) f.add("format_spec", expr(n->format_spec));
        break;
    }
    case ExprKind::JoinedStr: {
        f.name = "JoinedStr";
        f.add("values", exprs(static_cast<JoinedStr const*>(e)->values));
        break;
    }
    case ExprKind::Constant: {
        auto const* n = static_cast<Constant const*>(e);
        f.name = "Constant";
        f.add("value", const_repr(n->value));
        if (!n->kind.empty()) f.add("kind", str(n->kind));
        break;
    }
    case ExprKind::Attribute: {
        auto const* n = static_cast<Attribute const*>(e);
        f.name = "Attribute";
        f.add("value", expr(n->value));
        f.add("attr", str(n->attr));
        f.add("ctx", ctx(n->ctx));
        break;
    }
    case ExprKind::Subscript: {
        auto const* n = static_cast<Subscript const*>(e);
        f.name = "Subscript";
        f.add("value", expr(n->value));
        f.add("slice", expr(n->slice));
        f.add("ctx", ctx(n->ctx));
        break;
    }
    case ExprKind::Starred: {
        auto const* n = static_cast<Starred const*>(e);
        f.name = "Starred";
        f.add("value", expr(n->value));
        f.add("ctx", ctx(n->ctx));
        break;
    }
    case ExprKind::Name: {
        auto const* n = static_cast<Name const*>(e);
        f.name = "Name";
        f.add("id", str(n->id));
        f.add("ctx", ctx(n->ctx));
        break;
    }
    case ExprKind::List: {
        auto const* n = static_cast<List const*>(e);
        f.name = "List";
        f.add("elts", exprs(n->elts));
        f.add("ctx", ctx(n->ctx));
        break;
    }
    case ExprKind::Tuple: {
        auto const* n = static_cast<Tuple const*>(e);
        f.name = "Tuple";
        f.add("elts", exprs(n->elts));
        f.add("ctx", ctx(n->ctx));
        break;
    }
    case ExprKind::Slice: {
        auto const* n = static_cast<Slice const*>(e);
        f.name = "Slice";
        if (n->lower) f.add("lower", expr(n->lower));
        if (n->upper) f.add("upper", expr(n->upper));
        if (n->step) f.add("step", expr(n->step));
        break;
    }
    }
    return finish(f, e);
}

std::string Dumper::stmt(Stmt const* s)
{
    Fields f;
    switch (s->kind) {
    case StmtKind::FunctionDef: {
        auto const* n = static_cast<FunctionDef const*>(s);
        f.name = n->is_async ? "AsyncFunctionDef" : "FunctionDef";
        f.add("name", str(n->name));
        f.add("args", arguments(n->args));
        f.add("body", stmts(n->body));
        f.add("decorator_list", exprs(n->decorator_list));
        if (n->returns) f.add("returns", expr(n->returns));
        break;
    }
    case StmtKind::ClassDef: {
        auto const* n = static_cast<ClassDef const*>(s);
        f.name = "ClassDef";
        f.add("name", str(n->name));
        f.add("bases", exprs(n->bases));
        f.add("keywords", list(n->keywords, [&](Keyword* k) { return keyword(k); }));
        f.add("body", stmts(n->body));
        f.add("decorator_list", exprs(n->decorator_list));
        break;
    }
    case StmtKind::Return: {
        auto const* n = static_cast<Return const*>(s);
        f.name = "Return";
        if (n->value) f.add("value", expr(n->value));
        break;
    }
    case StmtKind::Delete: {
        f.name = "Delete";
        f.add("targets", exprs(static_cast<Delete const*>(s)->targets));
        break;
    }
    case StmtKind::Assign: {
        auto const* n = static_cast<Assign const*>(s);
        f.name = "Assign";
        f.add("targets", exprs(n->targets));
        f.add("value", expr(n->value));
        break;
    }
    case StmtKind::AugAssign: {
        auto const* n = static_cast<AugAssign const*>(s);
        f.name = "AugAssign";
        f.add("target", expr(n->target));
        f.add("op", op(n->op));
        f.add("value", expr(n->value));
        break;
    }
    case StmtKind::AnnAssign: {
        auto const* n = static_cast<AnnAssign const*>(s);
        f.name = "AnnAssign";
        f.add("target", expr(n->target));
        f.add("annotation", expr(n->annotation));
        if (n->value) f.add("value", expr(n->value));
        f.add("simple", n->simple ? "1" : "0");
        break;
    }
    case StmtKind::For: {
        auto const* n = static_cast<For const*>(s);
        f.name = n->is_async ? "AsyncFor" : "For";
        f.add("target", expr(n->target));
        f.add("iter", expr(n->iter));
        f.add("body", stmts(n->body));
        f.add("orelse", stmts(n->orelse));
        break;
    }
    case StmtKind::While: {
        auto const* n = static_cast<While const*>(s);
        f.name = "While";
        f.add("test", expr(n->test));
        f.add("body", stmts(n->body));
        f.add("orelse", stmts(n->orelse));
        break;
    }
    case StmtKind::If: {
        auto const* n = static_cast<If const*>(s);
        f.name = "If";
        f.add("test", expr(n->test));
        f.add("body", stmts(n->body));
        f.add("orelse", stmts(n->orelse));
        break;
    }
    case StmtKind::With: {
        auto const* n = static_cast<With const*>(s);
        f.name = n->is_async ? "AsyncWith" : "With";
        f.add("items", list(n->items, [&](WithItem* w) { return withitem(w); }));
        f.add("body", stmts(n->body));
        break;
    }
    case StmtKind::Raise: {
        auto const* n = static_cast<Raise const*>(s);
        f.name = "Raise";
        if (n->exc) f.add("exc", expr(n->exc));
        if (n->cause) f.add("cause", expr(n->cause));
        break;
    }
    case StmtKind::Try:
    case StmtKind::TryStar: {
        bool star = s->kind == StmtKind::TryStar;
        auto const& body = star ? static_cast<TryStar const*>(s)->body : static_cast<Try const*>(s)->body;
        auto const& handlers = star ? static_cast<TryStar const*>(s)->handlers : static_cast<Try const*>(s)->handlers;
        auto const& orelse = star ? static_cast<TryStar const*>(s)->orelse : static_cast<Try const*>(s)->orelse;
        auto const& finalbody = star ? static_cast<TryStar const*>(s)->finalbody : static_cast<Try const*>(s)->finalbody;
        f.name = star ? "TryStar" : "Try";
        f.add("body", stmts(body));
        f.add("handlers", list(handlers, [&](ExceptHandler* h) { return handler(h); }));
        f.add("orelse", stmts(orelse));
        f.add("finalbody", stmts(finalbody));
        break;
    }
    case StmtKind::Assert: {
        auto const* n = static_cast<Assert const*>(s);
        f.name = "Assert";
        f.add("test", expr(n->test));
        if (n->msg) f.add("msg", expr(n->msg));
        break;
    }
    case StmtKind::Import: {
        f.name = "Import";
        f.add("names", list(static_cast<Import const*>(s)->names, [&](Alias* a) { return alias(a); }));
        break;
    }
    case StmtKind::ImportFrom: {
        auto const* n = static_cast<ImportFrom const*>(s);
        f.name = "ImportFrom";
        if (!n->module.empty()) f.add("module", str(n->module));
        f.add("names", list(n->names, [&](Alias* a) { return alias(a); }));
        f.add("level", std::to_string(n->level));
        break;
    }
    case StmtKind::Global:
    case StmtKind::Nonlocal: {
        bool global = s->kind == StmtKind::Global;
        auto const& names = global ? static_cast<Global const*>(s)->names : static_cast<Nonlocal const*>(s)->names;
        f.name = global ? "Global" : "Nonlocal";
        f.add("names", list(names, [&](std::string const& n) { return str(n); }));
        break;
    }
    case StmtKind::Expr: {
        f.name = "Expr";
        f.add("value", expr(static_cast<ExprStmt const*>(s)->value));
        break;
    }
    case StmtKind::Pass: f.name = "Pass"; break;
    case StmtKind::Break: f.name = "Break"; break;
    case StmtKind::Continue: f.name = "Continue"; break;
    case StmtKind::Match: {
        auto const* n = static_cast<Match const*>(s);
        f.name = "Match";
        f.add("subject", expr(n->subject));
        f.add("cases", list(n->cases, [&](MatchCase* c) { return match_case(c); }));
        break;
    }
    }
    return finish(f, s);
}

// match_case has no position attributes.
std::string Dumper::match_case(MatchCase const* c)
{
    Fields f;
    f.name = "match_case";
    f.add("pattern", pattern(c->pattern));
    if (c->guard) f.add("guard", expr(c->guard));
    f.add("body", stmts(c->body));
    return finish(f, nullptr);
}

std::string Dumper::pattern(Pattern const* p)
{
    Fields f;
    auto patterns = [&](std::vector<Pattern*> const& v) { return list(v, [&](Pattern* q) { return pattern(q); }); };
    auto names = [&](std::vector<std::string> const& v) { return list(v, [&](std::string const& n) { return str(n); }); };
    switch (p->kind) {
    case PatternKind::MatchValue:
        f.name = "MatchValue";
        f.add("value", expr(static_cast<MatchValue const*>(p)->value));
        break;
    case PatternKind::MatchSingleton:
        f.name = "MatchSingleton";
        f.add("value", const_repr(static_cast<MatchSingleton const*>(p)->value));
        break;
    case PatternKind::MatchSequence:
        f.name = "MatchSequence";
        f.add("patterns", patterns(static_cast<MatchSequence const*>(p)->patterns));
        break;
    case PatternKind::MatchMapping: {
        auto const* n = static_cast<MatchMapping const*>(p);
        f.name = "MatchMapping";
        f.add("keys", exprs(n->keys));
        f.add("patterns", patterns(n->patterns));
        if (!n->rest.empty()) f.add("rest", str(n->rest));
        break;
    }
    case PatternKind::MatchClass: {
        auto const* n = static_cast<MatchClass const*>(p);
        f.name = "MatchClass";
        f.add("cls", expr(n->cls));
        f.add("patterns", patterns(n->patterns));
        f.add("kwd_attrs", names(n->kwd_attrs));
        f.add("kwd_patterns", patterns(n->kwd_patterns));
        break;
    }
    case PatternKind::MatchStar: {
        auto const* n = static_cast<MatchStar const*>(p);
        f.name = "MatchStar";
        if (!n->name.empty()) f.add("name", str(n->name));
        break;
    }
    case PatternKind::MatchAs: {
        auto const* n = static_cast<MatchAs const*>(p);
        f.name = "MatchAs";
        if (n->pattern) f.add("pattern", pattern(n->pattern));
        if (!n->name.empty()) f.add("name", str(n->name));
        break;
    }
    case PatternKind::MatchOr:
        f.name = "MatchOr";
        f.add("patterns", patterns(static_cast<MatchOr const*>(p)->patterns));
        break;
    }
    return finish(f, p);
}

} // namespace

std::string const_repr(ConstValue const& v)
{
    using K = ConstValue::Kind;
    switch (v.kind) {
    case K::None: return "None";
    case K::True: return "True";
    case K::False: return "False";
    case K::Ellipsis: return "Ellipsis";
    case K::Int: return v.big.empty() ? std::to_string(v.i) : v.big;
    case K::Float: return float_repr(v.f);
    case K::Complex: {
        // As complex.__repr__: components without a trailing ".0"; the real part (and
        // parentheses) only when it is not +0.0.
        auto component = [](double d, bool sign) {
            std::string r = float_repr(d);
            if (r.size() > 2 && r.compare(r.size() - 2, 2, ".0") == 0) r.resize(r.size() - 2);
            if (sign && r[0] != '-') r.insert(r.begin(), '+');
            return r;
        };
        if (v.re == 0.0 && !std::signbit(v.re)) return component(v.f, false) + "j";
        return "(" + component(v.re, false) + component(v.f, true) + "j)";
    }
    case K::Str: return str_repr(v.s, false);
    case K::Bytes: return str_repr(v.s, true);
    case K::Tuple:
    case K::FrozenSet: {
        std::string out = v.kind == K::Tuple ? "(" : "frozenset({";
        for (size_t i = 0; i < v.items.size(); ++i) {
            if (i) out += ", ";
            out += const_repr(v.items[i]);
        }
        if (v.kind == K::Tuple && v.items.size() == 1) out += ",";
        return out + (v.kind == K::Tuple ? ")" : "})");
    }
    case K::Code: return "<code>";
    }
    return "?";
}

std::string dump(Mod const* mod, bool include_attributes) { return Dumper(include_attributes).mod(mod); }
std::string dump(Expr const* expr, bool include_attributes) { return Dumper(include_attributes).expr(expr); }
std::string dump(Stmt const* stmt, bool include_attributes) { return Dumper(include_attributes).stmt(stmt); }

} // namespace slpy::ast
