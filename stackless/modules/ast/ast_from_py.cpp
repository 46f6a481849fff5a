// ast.* objects -> slpy's C++ syntax tree (CPython's obj2ast), then CPython's checks of
// the tree (Python/ast.c's validator), so that compile() of a hand-made or transformed
// tree raises CPython's TypeError/ValueError instead of reaching the code generator
// with something the parser never produces.
#include "stackless/modules/ast/ast_internal.h"
#include "stackless/modules/ast/ast_module.h"

#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/containers.h"
#include "objects/int.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/compiler/compiler.h"
#include "stackless/parser/ast.h"

namespace slpy {

namespace pyast {

namespace {

using compiler::ConstValue;

class FromPy {
public:
    FromPy(VM& vm, AstState& st, ast::Arena& arena)
        : m_vm(vm)
        , m_st(st)
        , m_arena(arena)
    {
    }

    // The tree `v` as the `mode` wants it (Module, Expression or Interactive).
    ast::Mod* mod(Value v, parser::Mode mode)
    {
        NodeId want = mode == parser::Mode::Exec ? NodeId::Module : mode == parser::Mode::Eval ? NodeId::Expression : NodeId::Interactive;
        if (!is_instance_fast(v, node_class(m_st, want))) {
            raise_fmt(m_vm, exc::TypeError, "expected %s node, got %s", node_specs()[int(want)].name, type_of(v)->name->c_str());
            return nullptr;
        }
        auto* m = m_arena.make<ast::Mod>();
        switch (want) {
        case NodeId::Module: {
            m->kind = ast::ModKind::Module;
            Value ignores;
            if (!stmt_list(v, want, 0, m->body) || !field(v, want, 1, ignores, false))
                return nullptr;
            if (!as_list(ignores) && !list_error(want, 1, ignores))
                return nullptr;
            break;
        }
        case NodeId::Interactive:
            m->kind = ast::ModKind::Interactive;
            if (!stmt_list(v, want, 0, m->body))
                return nullptr;
            break;
        default:
            m->kind = ast::ModKind::Expression;
            if (!expr_field(v, want, 0, m->expr, false))
                return nullptr;
            break;
        }
        return m;
    }

private:
    VM& m_vm;
    AstState& m_st;
    ast::Arena& m_arena;
    int m_depth = 0;

    struct Level {
        FromPy& self;
        bool ok;
        Level(FromPy& s, char const* sum)
            : self(s)
        {
            ok = ++self.m_depth <= 3 * self.m_vm.max_native_depth && !self.m_vm.c_stack_exhausted(64 * 1024);
            if (!ok)
                raise_fmt(self.m_vm, exc::RecursionError, "maximum recursion depth exceeded while traversing '%s' node", sum);
        }
        ~Level() { --self.m_depth; }
    };

    char const* name_of(NodeId id) { return node_specs()[int(id)].name; }
    String* field_name(NodeId id, int k) { return m_st.field_names[int(id)][size_t(k)]; }

    // Field `k` of node class `id` on `obj`: not_found when missing and optional (an
    // optional None comes back as None); CPython's TypeError when missing and required.
    bool lookup(Value obj, String* name, char const* owner, Value& out, bool optional)
    {
        out = getattr_opt(m_vm, obj, name);
        if (out.is_null())
            return false;
        if (out.is_not_found() && !optional) {
            raise_fmt(m_vm, exc::TypeError, "required field \"%s\" missing from %s", name->c_str(), owner);
            return false;
        }
        return true;
    }
    bool field(Value obj, NodeId id, int k, Value& out, bool optional)
    {
        return lookup(obj, field_name(id, k), name_of(id), out, optional);
    }
    static bool absent(Value v) { return v.is_not_found() || is_none(v); }

    bool list_error(NodeId id, int k, Value v)
    {
        raise_fmt(m_vm, exc::TypeError, "%s field \"%s\" must be a list, not a %s", name_of(id), field_name(id, k)->c_str(), type_name(v));
        return false;
    }

    bool required_error(NodeId id, int k)
    {
        raise_fmt(m_vm, exc::ValueError, "field '%s' is required for %s", field_name(id, k)->c_str(), name_of(id));
        return false;
    }

    // Applies `convert` to each item of the list field `k`.
    template<typename F>
    bool each(Value obj, NodeId id, int k, F&& convert)
    {
        Value v;
        if (!field(obj, id, k, v, false))
            return false;
        List* l = as_list(v);
        if (!l)
            return list_error(id, k, v);
        for (size_t i = 0; i < l->size; ++i) {
            if (!convert(l->items()[i]))
                return false;
            if (l->size == 0 || i >= l->size) // the list changed under a conversion
                break;
        }
        return true;
    }

    bool int_value(Value v, int64_t& out)
    {
        if (!is_int(v)) {
            Value r = repr(m_vm, v);
            if (!r.is_null())
                raise_fmt(m_vm, exc::ValueError, "invalid integer value: %s", as_str(r)->c_str());
            return false;
        }
        if (!int_to_i64(v, out)) {
            raise(m_vm, exc::OverflowError, "Python int too large to convert to C int");
            return false;
        }
        return true;
    }

    bool int_field(Value obj, NodeId id, int k, int64_t& out, bool optional)
    {
        Value v;
        if (!field(obj, id, k, v, optional))
            return false;
        if (optional && absent(v)) {
            out = 0;
            return true;
        }
        return int_value(v, out);
    }

    bool identifier(Value v, std::string& out)
    {
        if (is_none(v) || v.is_not_found()) {
            out.clear();
            return true;
        }
        String* s = as_str(v);
        if (!s || type_of(v) != types.str) {
            raise(m_vm, exc::TypeError, "AST identifier must be of type str");
            return false;
        }
        out.assign(s->view());
        return true;
    }

    bool ident_field(Value obj, NodeId id, int k, std::string& out, bool optional)
    {
        Value v;
        if (!field(obj, id, k, v, optional) || !identifier(v, out))
            return false;
        if (!optional && absent(v))
            return required_error(id, k);
        return true;
    }

    bool string_field(Value obj, NodeId id, int k, std::string& out)
    {
        Value v;
        if (!field(obj, id, k, v, true))
            return false;
        if (absent(v)) {
            out.clear();
            return true;
        }
        if (type_of(v) != types.str) {
            raise(m_vm, exc::TypeError, "AST string must be of type str");
            return false;
        }
        out.assign(as_str(v)->view());
        return true;
    }

    // lineno and col_offset are required, the end positions optional (the start line and
    // column when absent or None), except for `pattern`, which requires all four.
    bool positions(Value obj, NodeId owner, ast::Pos& pos)
    {
        int* out[4] = { &pos.lineno, &pos.col_offset, &pos.end_lineno, &pos.end_col_offset };
        bool all = node_specs()[int(owner)].attrs == NodeAttrs::PosRequired;
        for (int k = 0; k < 4; ++k) {
            bool optional = k >= 2 && !all;
            Value v;
            if (!lookup(obj, m_st.pos_names[k], name_of(owner), v, optional))
                return false;
            int64_t i = 0;
            if (optional && absent(v))
                i = *out[k - 2];
            else if (!int_value(v, i))
                return false;
            *out[k] = int(i);
        }
        return true;
    }

    // Which constructor of sum `sum` the object is an instance of (Count: none, with
    // CPython's TypeError pending).
    NodeId which(Value v, NodeId sum)
    {
        std::vector<NodeSpec> const& specs = node_specs();
        for (size_t i = 0; i < specs.size(); ++i)
            if (specs[i].kind == NodeKind::Constructor && specs[i].base == sum && is_instance_fast(v, m_st.classes[i]))
                return NodeId(i);
        Value r = repr(m_vm, v);
        if (!r.is_null())
            raise_fmt(m_vm, exc::TypeError, "expected some sort of %s, but got %s", name_of(sum), as_str(r)->c_str());
        return NodeId::Count;
    }

    // A field holding a simple sum (expr_context, operator, ...): its constructor's
    // index within the sum.
    bool simple_field(Value obj, NodeId id, int k, NodeId sum, int& out)
    {
        Value v;
        if (!field(obj, id, k, v, false))
            return false;
        return simple(v, sum, out);
    }
    bool simple(Value v, NodeId sum, int& out)
    {
        NodeId c = which(v, sum);
        if (c == NodeId::Count)
            return false;
        out = int(c) - int(sum) - 1;
        return true;
    }

    // ------------------------------------------------------------ constants

    bool constant(Value v, ConstValue& out, int depth)
    {
        TypeObject* t = type_of(v);
        if (depth > 200) {
            raise(m_vm, exc::RecursionError, "maximum recursion depth exceeded during ast construction");
            return false;
        }
        if (is_none(v))
            out = ConstValue::none();
        else if (v.is(py_true()) || v.is(py_false()))
            out = ConstValue::boolean(v.is(py_true()));
        else if (v.is(py_ellipsis()))
            out = ConstValue::ellipsis();
        else if (t == types.int_) {
            int64_t i;
            if (int_to_i64(v, i))
                out = ConstValue::integer(i);
            else
                out = ConstValue::big_integer(int_to_decimal(v));
        } else if (t == types.float_)
            out = ConstValue::floating(v.as_double());
        else if (t == types.complex)
            out = ConstValue::complex(v.as<Complex>()->real, v.as<Complex>()->imag);
        else if (t == types.str)
            out = ConstValue::str(std::string(v.as<String>()->view()));
        else if (t == types.bytes)
            out = ConstValue::bytes(std::string(v.as<Bytes>()->view()));
        else if (t == types.tuple || t == types.frozenset) {
            out = ConstValue();
            out.kind = t == types.tuple ? ConstValue::Kind::Tuple : ConstValue::Kind::FrozenSet;
            Value it = get_iter(m_vm, v);
            if (it.is_null())
                return false;
            for (;;) {
                Value item = iter_next(m_vm, it);
                if (item.is_null())
                    return false;
                if (item.is_stop_iteration())
                    break;
                out.items.emplace_back();
                if (!constant(item, out.items.back(), depth + 1))
                    return false;
            }
        } else {
            raise_fmt(m_vm, exc::TypeError, "got an invalid type in Constant: %s", type_name(v));
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------ expressions

    bool expr_field(Value obj, NodeId id, int k, ast::Expr*& out, bool optional)
    {
        Value v;
        if (!field(obj, id, k, v, optional))
            return false;
        out = nullptr;
        if (!v.is_not_found() && !expr(v, out))
            return false;
        if (!out && !optional)
            return required_error(id, k);
        return true;
    }

    // None items stay nullptr (Dict keys and kw_defaults mean something by them; the
    // validator refuses them elsewhere).
    bool expr_list(Value obj, NodeId id, int k, std::vector<ast::Expr*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            ast::Expr* e = nullptr;
            if (!expr(item, e))
                return false;
            out.push_back(e);
            return true;
        });
    }

    bool stmt_list(Value obj, NodeId id, int k, std::vector<ast::Stmt*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            ast::Stmt* s = nullptr;
            if (!stmt(item, s))
                return false;
            if (!s) {
                raise(m_vm, exc::ValueError, "None disallowed in statement list");
                return false;
            }
            out.push_back(s);
            return true;
        });
    }

    bool ident_list(Value obj, NodeId id, int k, std::vector<std::string>& out)
    {
        return each(obj, id, k, [&](Value item) {
            out.emplace_back();
            if (!identifier(item, out.back()))
                return false;
            return true;
        });
    }

    bool comprehensions(Value obj, NodeId id, int k, std::vector<ast::Comprehension*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            auto* c = m_arena.make<ast::Comprehension>();
            NodeId C = NodeId::comprehension;
            int64_t is_async = 0;
            if (!expr_field(item, C, 0, c->target, false) || !expr_field(item, C, 1, c->iter, false)
                || !expr_list(item, C, 2, c->ifs) || !int_field(item, C, 3, is_async, false))
                return false;
            c->is_async = is_async != 0;
            out.push_back(c);
            return true;
        });
    }

    bool keywords(Value obj, NodeId id, int k, std::vector<ast::Keyword*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            auto* kw = m_arena.make<ast::Keyword>();
            NodeId K = NodeId::keyword;
            if (!positions(item, K, kw->pos) || !ident_field(item, K, 0, kw->arg, true) || !expr_field(item, K, 1, kw->value, false))
                return false;
            out.push_back(kw);
            return true;
        });
    }

    bool arg(Value item, ast::Arg*& out)
    {
        out = nullptr;
        if (absent(item))
            return true;
        auto* a = m_arena.make<ast::Arg>();
        NodeId A = NodeId::arg;
        std::string type_comment;
        if (!positions(item, A, a->pos) || !ident_field(item, A, 0, a->arg, false) || !expr_field(item, A, 1, a->annotation, true)
            || !string_field(item, A, 2, type_comment))
            return false;
        out = a;
        return true;
    }
    bool arg_list(Value obj, NodeId id, int k, std::vector<ast::Arg*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            ast::Arg* a = nullptr;
            if (!arg(item, a))
                return false;
            if (!a) {
                raise(m_vm, exc::ValueError, "None disallowed in argument list");
                return false;
            }
            out.push_back(a);
            return true;
        });
    }
    bool arg_field(Value obj, NodeId id, int k, ast::Arg*& out)
    {
        Value v;
        return field(obj, id, k, v, true) && arg(v, out);
    }

    bool arguments(Value obj, NodeId id, int k, ast::Arguments*& out)
    {
        Value v;
        if (!field(obj, id, k, v, false))
            return false;
        auto* a = m_arena.make<ast::Arguments>();
        NodeId A = NodeId::arguments;
        if (!arg_list(v, A, 0, a->posonlyargs) || !arg_list(v, A, 1, a->args) || !arg_field(v, A, 2, a->vararg)
            || !arg_list(v, A, 3, a->kwonlyargs) || !expr_list(v, A, 4, a->kw_defaults) || !arg_field(v, A, 5, a->kwarg)
            || !expr_list(v, A, 6, a->defaults))
            return false;
        out = a;
        return true;
    }

    template<typename T>
    T* make(ast::Pos const& pos)
    {
        T* n = m_arena.make<T>();
        n->pos = pos;
        return n;
    }

    bool ctx_field(Value obj, NodeId id, int k, ast::ExprContext& out)
    {
        int c;
        if (!simple_field(obj, id, k, NodeId::expr_context, c))
            return false;
        out = ast::ExprContext(c);
        return true;
    }

    bool expr(Value v, ast::Expr*& out)
    {
        out = nullptr;
        if (is_none(v))
            return true;
        Level level(*this, "expr");
        if (!level.ok)
            return false;
        ast::Pos pos;
        if (!positions(v, NodeId::expr, pos))
            return false;
        NodeId id = which(v, NodeId::expr);
        switch (id) {
        case NodeId::BoolOp: {
            auto* x = make<ast::BoolOp>(pos);
            int o;
            if (!simple_field(v, id, 0, NodeId::boolop, o) || !expr_list(v, id, 1, x->values))
                return false;
            x->op = ast::BoolOpKind(o);
            out = x;
            return true;
        }
        case NodeId::NamedExpr: {
            auto* x = make<ast::NamedExpr>(pos);
            out = x;
            return expr_field(v, id, 0, x->target, false) && expr_field(v, id, 1, x->value, false);
        }
        case NodeId::BinOp: {
            auto* x = make<ast::BinOp>(pos);
            int o;
            if (!expr_field(v, id, 0, x->left, false) || !simple_field(v, id, 1, NodeId::operator_, o) || !expr_field(v, id, 2, x->right, false))
                return false;
            x->op = ast::Operator(o);
            out = x;
            return true;
        }
        case NodeId::UnaryOp: {
            auto* x = make<ast::UnaryOp>(pos);
            int o;
            if (!simple_field(v, id, 0, NodeId::unaryop, o) || !expr_field(v, id, 1, x->operand, false))
                return false;
            x->op = ast::UnaryOpKind(o);
            out = x;
            return true;
        }
        case NodeId::Lambda: {
            auto* x = make<ast::Lambda>(pos);
            out = x;
            return arguments(v, id, 0, x->args) && expr_field(v, id, 1, x->body, false);
        }
        case NodeId::IfExp: {
            auto* x = make<ast::IfExp>(pos);
            out = x;
            return expr_field(v, id, 0, x->test, false) && expr_field(v, id, 1, x->body, false) && expr_field(v, id, 2, x->orelse, false);
        }
        case NodeId::Dict: {
            auto* x = make<ast::Dict>(pos);
            out = x;
            return expr_list(v, id, 0, x->keys) && expr_list(v, id, 1, x->values);
        }
        case NodeId::Set: {
            auto* x = make<ast::Set>(pos);
            out = x;
            return expr_list(v, id, 0, x->elts);
        }
        case NodeId::ListComp: {
            auto* x = make<ast::ListComp>(pos);
            out = x;
            return expr_field(v, id, 0, x->elt, false) && comprehensions(v, id, 1, x->generators);
        }
        case NodeId::SetComp: {
            auto* x = make<ast::SetComp>(pos);
            out = x;
            return expr_field(v, id, 0, x->elt, false) && comprehensions(v, id, 1, x->generators);
        }
        case NodeId::DictComp: {
            auto* x = make<ast::DictComp>(pos);
            out = x;
            return expr_field(v, id, 0, x->key, false) && expr_field(v, id, 1, x->value, false) && comprehensions(v, id, 2, x->generators);
        }
        case NodeId::GeneratorExp: {
            auto* x = make<ast::GeneratorExp>(pos);
            out = x;
            return expr_field(v, id, 0, x->elt, false) && comprehensions(v, id, 1, x->generators);
        }
        case NodeId::Await: {
            auto* x = make<ast::Await>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, false);
        }
        case NodeId::Yield: {
            auto* x = make<ast::Yield>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, true);
        }
        case NodeId::YieldFrom: {
            auto* x = make<ast::YieldFrom>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, false);
        }
        case NodeId::Compare: {
            auto* x = make<ast::Compare>(pos);
            out = x;
            return expr_field(v, id, 0, x->left, false) && each(v, id, 1, [&](Value item) {
                int o;
                if (!simple(item, NodeId::cmpop, o))
                    return false;
                x->ops.push_back(ast::CmpOp(o));
                return true;
            }) && expr_list(v, id, 2, x->comparators);
        }
        case NodeId::Call: {
            auto* x = make<ast::Call>(pos);
            out = x;
            return expr_field(v, id, 0, x->func, false) && expr_list(v, id, 1, x->args) && keywords(v, id, 2, x->keywords);
        }
        case NodeId::FormattedValue: {
            auto* x = make<ast::FormattedValue>(pos);
            int64_t conv = -1;
            if (!expr_field(v, id, 0, x->value, false) || !int_field(v, id, 1, conv, false) || !expr_field(v, id, 2, x->format_spec, true))
                return false;
            x->conversion = int(conv);
            out = x;
            return true;
        }
        case NodeId::JoinedStr: {
            auto* x = make<ast::JoinedStr>(pos);
            out = x;
            return expr_list(v, id, 0, x->values);
        }
        case NodeId::Constant: {
            auto* x = make<ast::Constant>(pos);
            Value value;
            if (!field(v, id, 0, value, false) || !constant(value, x->value, 0) || !string_field(v, id, 1, x->kind))
                return false;
            out = x;
            return true;
        }
        case NodeId::Attribute: {
            auto* x = make<ast::Attribute>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, false) && ident_field(v, id, 1, x->attr, false) && ctx_field(v, id, 2, x->ctx);
        }
        case NodeId::Subscript: {
            auto* x = make<ast::Subscript>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, false) && expr_field(v, id, 1, x->slice, false) && ctx_field(v, id, 2, x->ctx);
        }
        case NodeId::Starred: {
            auto* x = make<ast::Starred>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, false) && ctx_field(v, id, 1, x->ctx);
        }
        case NodeId::Name: {
            auto* x = make<ast::Name>(pos);
            out = x;
            return ident_field(v, id, 0, x->id, false) && ctx_field(v, id, 1, x->ctx);
        }
        case NodeId::List: {
            auto* x = make<ast::List>(pos);
            out = x;
            return expr_list(v, id, 0, x->elts) && ctx_field(v, id, 1, x->ctx);
        }
        case NodeId::Tuple: {
            auto* x = make<ast::Tuple>(pos);
            out = x;
            return expr_list(v, id, 0, x->elts) && ctx_field(v, id, 1, x->ctx);
        }
        case NodeId::Slice: {
            auto* x = make<ast::Slice>(pos);
            out = x;
            return expr_field(v, id, 0, x->lower, true) && expr_field(v, id, 1, x->upper, true) && expr_field(v, id, 2, x->step, true);
        }
        default:
            return false; // `which` raised
        }
    }

    // ------------------------------------------------------------ statements

    bool handlers(Value obj, NodeId id, int k, std::vector<ast::ExceptHandler*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            ast::Pos pos;
            if (!positions(item, NodeId::excepthandler, pos))
                return false;
            NodeId H = which(item, NodeId::excepthandler);
            if (H == NodeId::Count)
                return false;
            auto* h = make<ast::ExceptHandler>(pos);
            if (!expr_field(item, H, 0, h->type, true) || !ident_field(item, H, 1, h->name, true) || !stmt_list(item, H, 2, h->body))
                return false;
            out.push_back(h);
            return true;
        });
    }

    bool aliases(Value obj, NodeId id, int k, std::vector<ast::Alias*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            auto* a = m_arena.make<ast::Alias>();
            NodeId A = NodeId::alias;
            if (!positions(item, A, a->pos) || !ident_field(item, A, 0, a->name, false) || !ident_field(item, A, 1, a->asname, true))
                return false;
            out.push_back(a);
            return true;
        });
    }

    bool withitems(Value obj, NodeId id, int k, std::vector<ast::WithItem*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            auto* w = m_arena.make<ast::WithItem>();
            NodeId W = NodeId::withitem;
            if (!expr_field(item, W, 0, w->context_expr, false) || !expr_field(item, W, 1, w->optional_vars, true))
                return false;
            out.push_back(w);
            return true;
        });
    }

    // ------------------------------------------------------------ patterns

    bool pattern_list(Value obj, NodeId id, int k, std::vector<ast::Pattern*>& out)
    {
        return each(obj, id, k, [&](Value item) {
            ast::Pattern* q = nullptr;
            if (!pattern(item, q))
                return false;
            if (!q) {
                raise(m_vm, exc::ValueError, "None disallowed in pattern list");
                return false;
            }
            out.push_back(q);
            return true;
        });
    }

    bool pattern(Value v, ast::Pattern*& out)
    {
        out = nullptr;
        if (is_none(v))
            return true;
        Level level(*this, "pattern");
        if (!level.ok)
            return false;
        ast::Pos pos;
        if (!positions(v, NodeId::pattern, pos))
            return false;
        NodeId id = which(v, NodeId::pattern);
        switch (id) {
        case NodeId::MatchValue: {
            auto* x = make<ast::MatchValue>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, false);
        }
        case NodeId::MatchSingleton: {
            auto* x = make<ast::MatchSingleton>(pos);
            Value c;
            if (!field(v, id, 0, c, false) || !constant(c, x->value, 0))
                return false;
            out = x;
            return true;
        }
        case NodeId::MatchSequence: {
            auto* x = make<ast::MatchSequence>(pos);
            out = x;
            return pattern_list(v, id, 0, x->patterns);
        }
        case NodeId::MatchMapping: {
            auto* x = make<ast::MatchMapping>(pos);
            out = x;
            return expr_list(v, id, 0, x->keys) && pattern_list(v, id, 1, x->patterns) && ident_field(v, id, 2, x->rest, true);
        }
        case NodeId::MatchClass: {
            auto* x = make<ast::MatchClass>(pos);
            out = x;
            return expr_field(v, id, 0, x->cls, false) && pattern_list(v, id, 1, x->patterns) && ident_list(v, id, 2, x->kwd_attrs)
                && pattern_list(v, id, 3, x->kwd_patterns);
        }
        case NodeId::MatchStar: {
            auto* x = make<ast::MatchStar>(pos);
            out = x;
            return ident_field(v, id, 0, x->name, true);
        }
        case NodeId::MatchAs: {
            auto* x = make<ast::MatchAs>(pos);
            out = x;
            Value pv;
            return field(v, id, 0, pv, true) && (pv.is_not_found() || pattern(pv, x->pattern)) && ident_field(v, id, 1, x->name, true);
        }
        case NodeId::MatchOr: {
            auto* x = make<ast::MatchOr>(pos);
            out = x;
            return pattern_list(v, id, 0, x->patterns);
        }
        default:
            return false; // `which` raised
        }
    }

    bool stmt(Value v, ast::Stmt*& out)
    {
        out = nullptr;
        if (is_none(v))
            return true;
        Level level(*this, "stmt");
        if (!level.ok)
            return false;
        ast::Pos pos;
        if (!positions(v, NodeId::stmt, pos))
            return false;
        NodeId id = which(v, NodeId::stmt);
        std::string type_comment;
        switch (id) {
        case NodeId::FunctionDef:
        case NodeId::AsyncFunctionDef: {
            auto* x = make<ast::FunctionDef>(pos);
            x->is_async = id == NodeId::AsyncFunctionDef;
            out = x;
            return ident_field(v, id, 0, x->name, false) && arguments(v, id, 1, x->args) && stmt_list(v, id, 2, x->body)
                && expr_list(v, id, 3, x->decorator_list) && expr_field(v, id, 4, x->returns, true) && string_field(v, id, 5, type_comment);
        }
        case NodeId::ClassDef: {
            auto* x = make<ast::ClassDef>(pos);
            out = x;
            return ident_field(v, id, 0, x->name, false) && expr_list(v, id, 1, x->bases) && keywords(v, id, 2, x->keywords)
                && stmt_list(v, id, 3, x->body) && expr_list(v, id, 4, x->decorator_list);
        }
        case NodeId::Return: {
            auto* x = make<ast::Return>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, true);
        }
        case NodeId::Delete: {
            auto* x = make<ast::Delete>(pos);
            out = x;
            return expr_list(v, id, 0, x->targets);
        }
        case NodeId::Assign: {
            auto* x = make<ast::Assign>(pos);
            out = x;
            return expr_list(v, id, 0, x->targets) && expr_field(v, id, 1, x->value, false) && string_field(v, id, 2, type_comment);
        }
        case NodeId::AugAssign: {
            auto* x = make<ast::AugAssign>(pos);
            int o;
            if (!expr_field(v, id, 0, x->target, false) || !simple_field(v, id, 1, NodeId::operator_, o) || !expr_field(v, id, 2, x->value, false))
                return false;
            x->op = ast::Operator(o);
            out = x;
            return true;
        }
        case NodeId::AnnAssign: {
            auto* x = make<ast::AnnAssign>(pos);
            int64_t simple = 0;
            if (!expr_field(v, id, 0, x->target, false) || !expr_field(v, id, 1, x->annotation, false)
                || !expr_field(v, id, 2, x->value, true) || !int_field(v, id, 3, simple, false))
                return false;
            x->simple = simple != 0;
            out = x;
            return true;
        }
        case NodeId::For:
        case NodeId::AsyncFor: {
            auto* x = make<ast::For>(pos);
            x->is_async = id == NodeId::AsyncFor;
            out = x;
            return expr_field(v, id, 0, x->target, false) && expr_field(v, id, 1, x->iter, false) && stmt_list(v, id, 2, x->body)
                && stmt_list(v, id, 3, x->orelse) && string_field(v, id, 4, type_comment);
        }
        case NodeId::While: {
            auto* x = make<ast::While>(pos);
            out = x;
            return expr_field(v, id, 0, x->test, false) && stmt_list(v, id, 1, x->body) && stmt_list(v, id, 2, x->orelse);
        }
        case NodeId::If: {
            auto* x = make<ast::If>(pos);
            out = x;
            return expr_field(v, id, 0, x->test, false) && stmt_list(v, id, 1, x->body) && stmt_list(v, id, 2, x->orelse);
        }
        case NodeId::With:
        case NodeId::AsyncWith: {
            auto* x = make<ast::With>(pos);
            x->is_async = id == NodeId::AsyncWith;
            out = x;
            return withitems(v, id, 0, x->items) && stmt_list(v, id, 1, x->body) && string_field(v, id, 2, type_comment);
        }
        case NodeId::Match: {
            auto* x = make<ast::Match>(pos);
            out = x;
            return expr_field(v, id, 0, x->subject, false) && each(v, id, 1, [&](Value item) {
                auto* c = m_arena.make<ast::MatchCase>();
                NodeId C = NodeId::match_case;
                Value pv;
                if (!field(item, C, 0, pv, false) || !pattern(pv, c->pattern))
                    return false;
                if (!c->pattern)
                    return required_error(C, 0);
                if (!expr_field(item, C, 1, c->guard, true) || !stmt_list(item, C, 2, c->body))
                    return false;
                x->cases.push_back(c);
                return true;
            });
        }
        case NodeId::Raise: {
            auto* x = make<ast::Raise>(pos);
            out = x;
            return expr_field(v, id, 0, x->exc, true) && expr_field(v, id, 1, x->cause, true);
        }
        case NodeId::Try: {
            auto* x = make<ast::Try>(pos);
            out = x;
            return stmt_list(v, id, 0, x->body) && handlers(v, id, 1, x->handlers) && stmt_list(v, id, 2, x->orelse)
                && stmt_list(v, id, 3, x->finalbody);
        }
        case NodeId::TryStar: {
            auto* x = make<ast::TryStar>(pos);
            out = x;
            return stmt_list(v, id, 0, x->body) && handlers(v, id, 1, x->handlers) && stmt_list(v, id, 2, x->orelse)
                && stmt_list(v, id, 3, x->finalbody);
        }
        case NodeId::Assert: {
            auto* x = make<ast::Assert>(pos);
            out = x;
            return expr_field(v, id, 0, x->test, false) && expr_field(v, id, 1, x->msg, true);
        }
        case NodeId::Import: {
            auto* x = make<ast::Import>(pos);
            out = x;
            return aliases(v, id, 0, x->names);
        }
        case NodeId::ImportFrom: {
            auto* x = make<ast::ImportFrom>(pos);
            int64_t level = 0;
            if (!ident_field(v, id, 0, x->module, true) || !aliases(v, id, 1, x->names) || !int_field(v, id, 2, level, true))
                return false;
            x->level = int(level);
            out = x;
            return true;
        }
        case NodeId::Global: {
            auto* x = make<ast::Global>(pos);
            out = x;
            return ident_list(v, id, 0, x->names);
        }
        case NodeId::Nonlocal: {
            auto* x = make<ast::Nonlocal>(pos);
            out = x;
            return ident_list(v, id, 0, x->names);
        }
        case NodeId::Expr: {
            auto* x = make<ast::ExprStmt>(pos);
            out = x;
            return expr_field(v, id, 0, x->value, false);
        }
        case NodeId::Pass: out = make<ast::Pass>(pos); return true;
        case NodeId::Break: out = make<ast::Break>(pos); return true;
        case NodeId::Continue: out = make<ast::Continue>(pos); return true;
        default:
            return false; // `which` raised
        }
    }
};

} // namespace

} // namespace pyast

bool is_ast_object(VM& vm, Value v)
{
    // Before the classes exist nothing can be an instance: compile() of source text
    // does not make them.
    pyast::AstState* st = pyast::ast_state_if_ready(vm);
    return st && is_instance_fast(v, st->ast);
}

Value compile_ast_object(VM& vm, Value tree, std::string const& filename, parser::Mode mode, int optimize,
                         uint32_t future_flags, bool only_ast)
{
    if (only_ast)
        return tree;
    pyast::AstState* st = pyast::ast_state(vm);
    if (!st)
        return Value::null();
    ast::Arena arena;
    ast::Mod* mod = pyast::FromPy(vm, *st, arena).mod(tree, mode);
    if (!mod || !pyast::validate(vm, mod))
        return Value::null();
    compiler::CompileOptions options;
    options.optimize = optimize;
    options.future_flags = future_flags;
    compiler::SyntaxErrorInfo err;
    std::shared_ptr<compiler::CodeUnit> unit = compiler::compile(mod, filename, mode, options, err);
    if (!unit) {
        if (err.filename.empty())
            err.filename = filename;
        err.text_from_file = true;
        return raise_syntax_error(vm, err);
    }
    return load_code(vm, *unit);
}

} // namespace slpy
