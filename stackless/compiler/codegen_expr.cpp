// Expression code generation (CPython 3.11 compile.c: compiler_visit_expr1 and
// friends): calls, comprehensions, comparisons, boolean jumps, literals, f-strings.
#include "stackless/compiler/depth_guard.h"
#include "stackless/compiler/codegen.h"

namespace slpy::compiler {

namespace {
constexpr size_t kStackUseGuideline = 30;

bool is_const(ast::Expr* e) { return e && e->kind == ast::ExprKind::Constant; }
ConstValue const& const_of(ast::Expr* e) { return static_cast<ast::Constant*>(e)->value; }

int binop_arg(ast::Operator op)
{
    static constexpr BinOpArg kArgs[] = {
        BinOpArg::ADD, BinOpArg::SUBTRACT, BinOpArg::MULTIPLY, BinOpArg::MATRIX_MULTIPLY, BinOpArg::TRUE_DIVIDE,
        BinOpArg::REMAINDER, BinOpArg::POWER, BinOpArg::LSHIFT, BinOpArg::RSHIFT, BinOpArg::OR, BinOpArg::XOR,
        BinOpArg::AND, BinOpArg::FLOOR_DIVIDE,
    };
    return static_cast<int>(kArgs[static_cast<int>(op)]);
}
} // namespace

void Codegen::visit_exprs(std::vector<ast::Expr*> const& seq)
{
    for (auto* e : seq)
        visit_expr(e);
}

void Codegen::visit_expr(ast::Expr* e)
{
    DepthGuard guard;
    Location old = m_unit->loc;
    set_loc(e->pos);
    visit_expr_inner(e);
    m_unit->loc = old;
}

void Codegen::update_start_location_to_match_attr(ast::Attribute* attr)
{
    Location& loc = m_unit->loc;
    if (loc.lineno != attr->pos.end_lineno) {
        loc.lineno = attr->pos.end_lineno;
        int len = static_cast<int>(attr->attr.size());
        if (len <= attr->pos.end_col_offset) {
            loc.col = attr->pos.end_col_offset - len;
        } else {
            loc.col = -1;
            loc.end_col = -1;
        }
        loc.end_lineno = std::max(loc.lineno, loc.end_lineno);
        if (loc.lineno == loc.end_lineno)
            loc.end_col = std::max(loc.col, loc.end_col);
    }
}

void Codegen::add_compare(ast::CmpOp op)
{
    using C = ast::CmpOp;
    switch (op) {
    case C::Eq: emit(Op::COMPARE_OP, static_cast<int>(CmpArg::EQ)); break;
    case C::NotEq: emit(Op::COMPARE_OP, static_cast<int>(CmpArg::NE)); break;
    case C::Lt: emit(Op::COMPARE_OP, static_cast<int>(CmpArg::LT)); break;
    case C::LtE: emit(Op::COMPARE_OP, static_cast<int>(CmpArg::LE)); break;
    case C::Gt: emit(Op::COMPARE_OP, static_cast<int>(CmpArg::GT)); break;
    case C::GtE: emit(Op::COMPARE_OP, static_cast<int>(CmpArg::GE)); break;
    case C::Is: emit(Op::IS_OP, 0); break;
    case C::IsNot: emit(Op::IS_OP, 1); break;
    case C::In: emit(Op::CONTAINS_OP, 0); break;
    case C::NotIn: emit(Op::CONTAINS_OP, 1); break;
    }
}

void Codegen::jump_if(ast::Expr* e, Block* next, bool cond)
{
    using K = ast::ExprKind;
    switch (e->kind) {
    case K::UnaryOp: {
        auto* u = static_cast<ast::UnaryOp*>(e);
        if (u->op == ast::UnaryOpKind::Not) {
            jump_if(u->operand, next, !cond);
            return;
        }
        break;
    }
    case K::BoolOp: {
        auto* b = static_cast<ast::BoolOp*>(e);
        size_t n = b->values.size() - 1;
        bool cond2 = b->op == ast::BoolOpKind::Or;
        Block* next2 = next;
        if (cond2 != cond)
            next2 = new_block();
        for (size_t i = 0; i < n; i++)
            jump_if(b->values[i], next2, cond2);
        jump_if(b->values[n], next, cond);
        if (next2 != next)
            use_next_block(next2);
        return;
    }
    case K::IfExp: {
        auto* i = static_cast<ast::IfExp*>(e);
        Block* end = new_block();
        Block* next2 = new_block();
        jump_if(i->test, next2, false);
        jump_if(i->body, next, cond);
        emit_jump_noline(JUMP, end);
        use_next_block(next2);
        jump_if(i->orelse, next, cond);
        use_next_block(end);
        return;
    }
    case K::Compare: {
        // As CPython 3.11, the comparison's position sticks for the jumps that follow.
        set_loc(e->pos);
        auto* c = static_cast<ast::Compare*>(e);
        size_t n = c->ops.size() - 1;
        if (n > 0) {
            check_compare(c);
            Block* cleanup = new_block();
            visit_expr(c->left);
            for (size_t i = 0; i < n; i++) {
                visit_expr(c->comparators[i]);
                emit(Op::SWAP, 2);
                emit(Op::COPY, 2);
                add_compare(c->ops[i]);
                emit_jump(Op::POP_JUMP_IF_FALSE, cleanup);
            }
            visit_expr(c->comparators[n]);
            add_compare(c->ops[n]);
            emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, next);
            Block* end = new_block();
            emit_jump_noline(JUMP, end);
            use_next_block(cleanup);
            emit(Op::POP_TOP);
            if (!cond)
                emit_jump_noline(JUMP, next);
            use_next_block(end);
            return;
        }
        break;
    }
    default: break;
    }
    visit_expr(e);
    emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, next);
}

void Codegen::compile_boolop(ast::BoolOp* e)
{
    Op jumpi = e->op == ast::BoolOpKind::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP;
    Block* end = new_block();
    size_t n = e->values.size() - 1;
    for (size_t i = 0; i < n; i++) {
        visit_expr(e->values[i]);
        emit_jump(jumpi, end);
        next_block();
    }
    visit_expr(e->values[n]);
    use_next_block(end);
}

// ---- SyntaxWarnings for code that always fails (CPython's check_compare, check_caller,
// check_subscripter and check_index)

namespace {

// The type name of what an expression surely evaluates to (CPython's infer_type), or
// nullptr when it depends.
char const* inferred_type(ast::Expr const* e)
{
    using K = ast::ExprKind;
    switch (e->kind) {
    case K::Tuple: return "tuple";
    case K::List:
    case K::ListComp: return "list";
    case K::Dict:
    case K::DictComp: return "dict";
    case K::Set:
    case K::SetComp: return "set";
    case K::GeneratorExp: return "generator";
    case K::Lambda: return "function";
    case K::JoinedStr:
    case K::FormattedValue: return "str";
    case K::Slice: return "slice";
    case K::Constant: {
        using CK = ConstValue::Kind;
        switch (static_cast<ast::Constant const*>(e)->value.kind) {
        case CK::None: return "NoneType";
        case CK::True:
        case CK::False: return "bool";
        case CK::Ellipsis: return "ellipsis";
        case CK::Int: return "int";
        case CK::Float: return "float";
        case CK::Complex: return "complex";
        case CK::Str: return "str";
        case CK::Bytes: return "bytes";
        case CK::Tuple: return "tuple";
        case CK::FrozenSet: return "frozenset";
        case CK::Code: return "code";
        }
        return nullptr;
    }
    default: return nullptr;
    }
}

// An operand `is` may fairly compare with: anything but a literal other than None,
// True, False and Ellipsis.
bool is_operand_ok(ast::Expr const* e)
{
    if (e->kind != ast::ExprKind::Constant)
        return true;
    using CK = ConstValue::Kind;
    CK k = static_cast<ast::Constant const*>(e)->value.kind;
    return k == CK::None || k == CK::True || k == CK::False || k == CK::Ellipsis;
}

} // namespace

void Codegen::check_compare(ast::Compare const* e)
{
    bool left = is_operand_ok(e->left);
    for (size_t i = 0; i < e->ops.size(); ++i) {
        bool right = is_operand_ok(e->comparators[i]);
        ast::CmpOp op = e->ops[i];
        if ((op == ast::CmpOp::Is || op == ast::CmpOp::IsNot) && !(left && right)) {
            warn(op == ast::CmpOp::Is ? "\"is\" with a literal. Did you mean \"==\"?"
                                      : "\"is not\" with a literal. Did you mean \"!=\"?");
            return;
        }
        left = right;
    }
}

void Codegen::check_caller(ast::Expr const* func)
{
    using K = ast::ExprKind;
    switch (func->kind) {
    case K::Constant:
    case K::Tuple:
    case K::List:
    case K::ListComp:
    case K::Dict:
    case K::DictComp:
    case K::Set:
    case K::SetComp:
    case K::GeneratorExp:
    case K::JoinedStr:
    case K::FormattedValue:
        warn(std::string("'") + inferred_type(func) + "' object is not callable; perhaps you missed a comma?");
        return;
    default: return;
    }
}

void Codegen::check_subscript(ast::Subscript const* e)
{
    using K = ast::ExprKind;
    using CK = ConstValue::Kind;
    ast::Expr const* value = e->value;
    CK ck = value->kind == K::Constant ? static_cast<ast::Constant const*>(value)->value.kind : CK::None;
    // What cannot be subscripted at all.
    bool not_subscriptable = value->kind == K::Set || value->kind == K::SetComp || value->kind == K::GeneratorExp
        || value->kind == K::Lambda
        || (value->kind == K::Constant
            && (ck == CK::None || ck == CK::Ellipsis || ck == CK::Int || ck == CK::True || ck == CK::False
                || ck == CK::Float || ck == CK::Complex || ck == CK::FrozenSet));
    if (not_subscriptable) {
        warn(std::string("'") + inferred_type(value) + "' object is not subscriptable; perhaps you missed a comma?");
        return;
    }
    // A sequence indexed by something that is surely not an integer or a slice.
    char const* index_type = inferred_type(e->slice);
    if (!index_type || std::string_view(index_type) == "int" || std::string_view(index_type) == "bool"
        || std::string_view(index_type) == "slice")
        return;
    bool sequence = value->kind == K::Tuple || value->kind == K::List || value->kind == K::ListComp
        || value->kind == K::JoinedStr || value->kind == K::FormattedValue
        || (value->kind == K::Constant && (ck == CK::Str || ck == CK::Bytes || ck == CK::Tuple));
    if (sequence)
        warn(std::string(inferred_type(value)) + " indices must be integers or slices, not " + index_type
             + "; perhaps you missed a comma?");
}

void Codegen::compile_compare(ast::Compare* e)
{
    check_compare(e);
    size_t n = e->ops.size() - 1;
    visit_expr(e->left);
    if (n == 0) {
        visit_expr(e->comparators[0]);
        add_compare(e->ops[0]);
        return;
    }
    Block* cleanup = new_block();
    for (size_t i = 0; i < n; i++) {
        visit_expr(e->comparators[i]);
        emit(Op::SWAP, 2);
        emit(Op::COPY, 2);
        add_compare(e->ops[i]);
        emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
    }
    visit_expr(e->comparators[n]);
    add_compare(e->ops[n]);
    Block* end = new_block();
    emit_jump_noline(JUMP, end);
    use_next_block(cleanup);
    emit(Op::SWAP, 2);
    emit(Op::POP_TOP);
    use_next_block(end);
}

void Codegen::starunpack_helper(std::vector<ast::Expr*> const& elts, int pushed, Op build, Op add, Op extend, bool tuple)
{
    size_t n = elts.size();
    bool all_const = n > 2;
    for (auto* e : elts)
        all_const = all_const && is_const(e);
    if (all_const) {
        ConstValue folded;
        folded.kind = ConstValue::Kind::Tuple;
        for (auto* e : elts)
            folded.items.push_back(const_of(e));
        if (tuple && !pushed) {
            load_const(folded);
        } else {
            if (add == Op::SET_ADD)
                folded.kind = ConstValue::Kind::FrozenSet;
            emit(build, pushed);
            load_const(folded);
            emit(extend, 1);
            if (tuple)
                emit(Op::LIST_TO_TUPLE);
        }
        return;
    }
    bool big = n + pushed > kStackUseGuideline;
    bool seen_star = false;
    for (auto* e : elts)
        seen_star = seen_star || e->kind == ast::ExprKind::Starred;
    if (!seen_star && !big) {
        visit_exprs(elts);
        emit(tuple ? Op::BUILD_TUPLE : build, static_cast<int>(n) + pushed);
        return;
    }
    bool sequence_built = false;
    if (big) {
        emit(build, pushed);
        sequence_built = true;
    }
    for (size_t i = 0; i < n; i++) {
        ast::Expr* elt = elts[i];
        if (elt->kind == ast::ExprKind::Starred) {
            if (!sequence_built) {
                emit(build, static_cast<int>(i) + pushed);
                sequence_built = true;
            }
            visit_expr(static_cast<ast::Starred*>(elt)->value);
            emit(extend, 1);
        } else {
            visit_expr(elt);
            if (sequence_built)
                emit(add, 1);
        }
    }
    if (tuple)
        emit(Op::LIST_TO_TUPLE);
}

void Codegen::assignment_helper(std::vector<ast::Expr*> const& elts)
{
    size_t n = elts.size();
    bool seen_star = false;
    for (size_t i = 0; i < n; i++) {
        ast::Expr* elt = elts[i];
        if (elt->kind == ast::ExprKind::Starred && !seen_star) {
            if (i >= (1 << 8) || n - i - 1 >= (1 << 16))
                error("too many expressions in star-unpacking assignment");
            emit(Op::UNPACK_EX, static_cast<int>(i + ((n - i - 1) << 8)));
            seen_star = true;
        } else if (elt->kind == ast::ExprKind::Starred) {
            error("multiple starred expressions in assignment");
        }
    }
    if (!seen_star)
        emit(Op::UNPACK_SEQUENCE, static_cast<int>(n));
    for (auto* elt : elts)
        visit_expr(elt->kind == ast::ExprKind::Starred ? static_cast<ast::Starred*>(elt)->value : elt);
}

void Codegen::subdict(ast::Dict* e, size_t begin, size_t end)
{
    size_t n = end - begin;
    bool big = n * 2 > kStackUseGuideline;
    bool keys_const = true;
    for (size_t i = begin; i < end; i++)
        keys_const = keys_const && is_const(e->keys[i]);
    if (n > 1 && !big && keys_const) {
        for (size_t i = begin; i < end; i++)
            visit_expr(e->values[i]);
        ConstValue keys;
        keys.kind = ConstValue::Kind::Tuple;
        for (size_t i = begin; i < end; i++)
            keys.items.push_back(const_of(e->keys[i]));
        load_const(keys);
        emit(Op::BUILD_CONST_KEY_MAP, static_cast<int>(n));
        return;
    }
    if (big)
        emit(Op::BUILD_MAP, 0);
    for (size_t i = begin; i < end; i++) {
        visit_expr(e->keys[i]);
        visit_expr(e->values[i]);
        if (big)
            emit(Op::MAP_ADD, 1);
    }
    if (!big)
        emit(Op::BUILD_MAP, static_cast<int>(n));
}

void Codegen::compile_dict(ast::Dict* e)
{
    size_t n = e->values.size();
    size_t elements = 0;
    bool have_dict = false;
    for (size_t i = 0; i < n; i++) {
        bool is_unpacking = e->keys[i] == nullptr;
        if (is_unpacking) {
            if (elements) {
                subdict(e, i - elements, i);
                if (have_dict)
                    emit(Op::DICT_UPDATE, 1);
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                emit(Op::BUILD_MAP, 0);
                have_dict = true;
            }
            visit_expr(e->values[i]);
            emit(Op::DICT_UPDATE, 1);
        } else {
            if (elements * 2 > kStackUseGuideline) {
                subdict(e, i - elements, i + 1);
                if (have_dict)
                    emit(Op::DICT_UPDATE, 1);
                have_dict = true;
                elements = 0;
            } else {
                elements++;
            }
        }
    }
    if (elements) {
        subdict(e, n - elements, n);
        if (have_dict)
            emit(Op::DICT_UPDATE, 1);
        have_dict = true;
    }
    if (!have_dict)
        emit(Op::BUILD_MAP, 0);
}

void Codegen::call_simple_kw_helper(std::vector<ast::Keyword*> const& keywords)
{
    ConstValue names;
    names.kind = ConstValue::Kind::Tuple;
    for (auto* kw : keywords)
        names.items.push_back(ConstValue::str(kw->arg));
    emit(Op::KW_NAMES, add_const(names));
}

void Codegen::subkwargs(std::vector<ast::Keyword*> const& keywords, size_t begin, size_t end)
{
    size_t n = end - begin;
    bool big = n * 2 > kStackUseGuideline;
    if (n > 1 && !big) {
        ConstValue keys;
        keys.kind = ConstValue::Kind::Tuple;
        for (size_t i = begin; i < end; i++) {
            visit_expr(keywords[i]->value);
            keys.items.push_back(ConstValue::str(keywords[i]->arg));
        }
        load_const(keys);
        emit(Op::BUILD_CONST_KEY_MAP, static_cast<int>(n));
        return;
    }
    if (big)
        emit_noline(Op::BUILD_MAP, 0);
    for (size_t i = begin; i < end; i++) {
        load_const(ConstValue::str(keywords[i]->arg));
        visit_expr(keywords[i]->value);
        if (big)
            emit_noline(Op::MAP_ADD, 1);
    }
    if (!big)
        emit(Op::BUILD_MAP, static_cast<int>(n));
}

// CPython's validate_keywords: no keyword named __debug__, none given twice.
void Codegen::validate_keywords(std::vector<ast::Keyword*> const& keywords)
{
    for (size_t i = 0; i < keywords.size(); i++) {
        if (keywords[i]->arg.empty())
            continue;
        forbidden_name(keywords[i]->arg, ast::ExprContext::Store);
        for (size_t j = i + 1; j < keywords.size(); j++) {
            if (keywords[j]->arg == keywords[i]->arg) {
                m_unit->loc = loc_of(keywords[j]->pos);
                error("keyword argument repeated: " + keywords[i]->arg);
            }
        }
    }
}

void Codegen::call_helper(int n, std::vector<ast::Expr*> const& args, std::vector<ast::Keyword*> const& keywords)
{
    validate_keywords(keywords);
    size_t nelts = args.size();
    size_t nkwelts = keywords.size();
    bool ex_call = nelts + nkwelts * 2 > kStackUseGuideline;
    for (auto* a : args)
        ex_call = ex_call || a->kind == ast::ExprKind::Starred;
    for (auto* k : keywords)
        ex_call = ex_call || k->arg.empty();
    if (!ex_call) {
        visit_exprs(args);
        if (nkwelts) {
            for (auto* k : keywords)
                visit_expr(k->value);
            call_simple_kw_helper(keywords);
        }
        emit(Op::CALL, n + static_cast<int>(nelts + nkwelts));
        return;
    }
    if (n == 0 && nelts == 1 && args[0]->kind == ast::ExprKind::Starred)
        visit_expr(static_cast<ast::Starred*>(args[0])->value);
    else
        starunpack_helper(args, n, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, true);
    if (nkwelts) {
        bool have_dict = false;
        size_t nseen = 0;
        for (size_t i = 0; i < nkwelts; i++) {
            ast::Keyword* kw = keywords[i];
            if (kw->arg.empty()) {
                if (nseen) {
                    subkwargs(keywords, i - nseen, i);
                    if (have_dict)
                        emit(Op::DICT_MERGE, 1);
                    have_dict = true;
                    nseen = 0;
                }
                if (!have_dict) {
                    emit(Op::BUILD_MAP, 0);
                    have_dict = true;
                }
                visit_expr(kw->value);
                emit(Op::DICT_MERGE, 1);
            } else {
                nseen++;
            }
        }
        if (nseen) {
            subkwargs(keywords, nkwelts - nseen, nkwelts);
            if (have_dict)
                emit(Op::DICT_MERGE, 1);
        }
    }
    emit(Op::CALL_FUNCTION_EX, nkwelts > 0 ? 1 : 0);
}

bool Codegen::maybe_optimize_method_call(ast::Call* e)
{
    ast::Expr* meth = e->func;
    if (meth->kind != ast::ExprKind::Attribute)
        return false;
    auto* attr = static_cast<ast::Attribute*>(meth);
    if (attr->ctx != ast::ExprContext::Load || is_import_originated(attr->value))
        return false;
    size_t argsl = e->args.size();
    size_t kwdsl = e->keywords.size();
    if (argsl + kwdsl + (kwdsl != 0) >= kStackUseGuideline)
        return false;
    for (auto* a : e->args)
        if (a->kind == ast::ExprKind::Starred)
            return false;
    for (auto* k : e->keywords)
        if (k->arg.empty())
            return false;
    validate_keywords(e->keywords);
    visit_expr(attr->value);
    set_loc(meth->pos);
    update_start_location_to_match_attr(attr);
    emit(Op::LOAD_METHOD, add_name(mangle(attr->attr)));
    visit_exprs(e->args);
    if (kwdsl) {
        for (auto* k : e->keywords)
            visit_expr(k->value);
        call_simple_kw_helper(e->keywords);
    }
    set_loc(e->pos);
    update_start_location_to_match_attr(attr);
    emit(Op::CALL, static_cast<int>(argsl + kwdsl));
    return true;
}

void Codegen::compile_call(ast::Call* e)
{
    if (maybe_optimize_method_call(e))
        return;
    check_caller(e->func);
    Location old = m_unit->loc;
    set_loc(e->func->pos);
    emit(Op::PUSH_NULL);
    m_unit->loc = old;
    visit_expr(e->func);
    call_helper(0, e->args, e->keywords);
}

void Codegen::compile_attribute(ast::Attribute* e)
{
    visit_expr(e->value);
    update_start_location_to_match_attr(e);
    switch (e->ctx) {
    case ast::ExprContext::Load: emit(Op::LOAD_ATTR, add_name(mangle(e->attr))); break;
    case ast::ExprContext::Store:
        if (e->attr == "__debug__")
            error("cannot assign to __debug__");
        emit(Op::STORE_ATTR, add_name(mangle(e->attr)));
        break;
    case ast::ExprContext::Del: emit(Op::DELETE_ATTR, add_name(mangle(e->attr))); break;
    }
}

void Codegen::compile_slice(ast::Slice* s)
{
    int n = 2;
    if (s->lower)
        visit_expr(s->lower);
    else
        load_const(ConstValue::none());
    if (s->upper)
        visit_expr(s->upper);
    else
        load_const(ConstValue::none());
    if (s->step) {
        n++;
        visit_expr(s->step);
    }
    emit(Op::BUILD_SLICE, n);
}

void Codegen::compile_subscript(ast::Subscript* e)
{
    if (e->ctx == ast::ExprContext::Load)
        check_subscript(e);
    visit_expr(e->value);
    visit_expr(e->slice);
    switch (e->ctx) {
    case ast::ExprContext::Load: emit(Op::BINARY_SUBSCR); break;
    case ast::ExprContext::Store: emit(Op::STORE_SUBSCR); break;
    case ast::ExprContext::Del: emit(Op::DELETE_SUBSCR); break;
    }
}

void Codegen::compile_formatted_value(ast::FormattedValue* e)
{
    visit_expr(e->value);
    int oparg = 0;
    switch (e->conversion) {
    case 's': oparg = 1; break;
    case 'r': oparg = 2; break;
    case 'a': oparg = 3; break;
    default: oparg = 0; break;
    }
    if (e->format_spec) {
        visit_expr(e->format_spec);
        oparg |= 0x04;
    }
    emit(Op::FORMAT_VALUE, oparg);
}

void Codegen::compile_joined_str(ast::JoinedStr* e)
{
    size_t n = e->values.size();
    if (n > kStackUseGuideline) {
        load_const(ConstValue::str(""));
        emit(Op::LOAD_METHOD, add_name("join"));
        emit(Op::BUILD_LIST, 0);
        for (auto* v : e->values) {
            visit_expr(v);
            emit(Op::LIST_APPEND, 1);
        }
        emit(Op::CALL, 1);
    } else {
        visit_exprs(e->values);
        if (n != 1)
            emit(Op::BUILD_STRING, static_cast<int>(n));
    }
}

void Codegen::add_yield_from()
{
    Block* start = new_block();
    Block* resume = new_block();
    Block* exit = new_block();
    use_next_block(start);
    emit_jump(Op::SEND, exit);
    use_next_block(resume);
    emit(Op::YIELD_VALUE);
    emit(Op::RESUME, 2);
    emit_jump(JUMP_NO_INTERRUPT, start);
    use_next_block(exit);
}

void Codegen::compile_lambda(ast::Lambda* e)
{
    check_debug_args(e->args);
    int funcflags = default_arguments(e->args);
    enter_scope("<lambda>", UnitScope::Lambda, e, e->pos.lineno);
    add_const(ConstValue::none());
    m_unit->argcount = static_cast<int>(e->args->args.size() + e->args->posonlyargs.size());
    m_unit->posonlyargcount = static_cast<int>(e->args->posonlyargs.size());
    m_unit->kwonlyargcount = static_cast<int>(e->args->kwonlyargs.size());
    visit_expr(e->body);
    std::shared_ptr<CodeUnit> code;
    if (m_unit->ste->generator) {
        code = assemble_unit(false);
    } else {
        emit(Op::RETURN_VALUE);
        code = assemble_unit(true);
    }
    exit_scope();
    make_closure(code, funcflags);
}

void Codegen::comprehension_generator(std::vector<ast::Comprehension*> const& gens, size_t gen_index, int depth,
                                      ast::Expr* elt, ast::Expr* val, ast::ExprKind type)
{
    DepthGuard guard;
    Block* start = new_block();
    Block* if_cleanup = new_block();
    Block* anchor = new_block();
    ast::Comprehension* gen = gens[gen_index];
    if (gen->is_async) {
        async_comprehension_generator(gens, gen_index, depth, elt, val, type);
        return;
    }
    if (gen_index == 0) {
        m_unit->argcount = 1;
        emit(Op::LOAD_FAST, 0);
    } else {
        std::vector<ast::Expr*> const* elts = nullptr;
        if (gen->iter->kind == ast::ExprKind::List)
            elts = &static_cast<ast::List*>(gen->iter)->elts;
        else if (gen->iter->kind == ast::ExprKind::Tuple)
            elts = &static_cast<ast::Tuple*>(gen->iter)->elts;
        if (elts && elts->size() == 1 && (*elts)[0]->kind != ast::ExprKind::Starred) {
            visit_expr((*elts)[0]);
            start = nullptr;
        }
        if (start) {
            visit_expr(gen->iter);
            emit(Op::GET_ITER);
        }
    }
    if (start) {
        depth++;
        use_next_block(start);
        emit_jump(Op::FOR_ITER, anchor);
    }
    visit_expr(gen->target);
    for (auto* cond : gen->ifs)
        jump_if(cond, if_cleanup, false);
    if (++gen_index < gens.size())
        comprehension_generator(gens, gen_index, depth, elt, val, type);
    else
        comprehension_element(depth, elt, val, type);
    use_next_block(if_cleanup);
    if (start) {
        emit_jump(JUMP, start);
        use_next_block(anchor);
    }
}

// The innermost body of a comprehension: yield, append or add the element.
void Codegen::comprehension_element(int depth, ast::Expr* elt, ast::Expr* val, ast::ExprKind type)
{
    switch (type) {
    case ast::ExprKind::GeneratorExp:
        visit_expr(elt);
        emit_yield();
        emit(Op::POP_TOP);
        break;
    case ast::ExprKind::ListComp:
        visit_expr(elt);
        emit(Op::LIST_APPEND, depth + 1);
        break;
    case ast::ExprKind::SetComp:
        visit_expr(elt);
        emit(Op::SET_ADD, depth + 1);
        break;
    default:
        visit_expr(elt);
        visit_expr(val);
        emit(Op::MAP_ADD, depth + 1);
        break;
    }
}

// `async for` clause of a comprehension, as CPython 3.11's
// compiler_async_comprehension_generator: __anext__ awaited under a handler that ends
// the loop on StopAsyncIteration (END_ASYNC_FOR).
void Codegen::async_comprehension_generator(std::vector<ast::Comprehension*> const& gens, size_t gen_index, int depth,
                                            ast::Expr* elt, ast::Expr* val, ast::ExprKind type)
{
    Block* start = new_block();
    Block* except = new_block();
    Block* if_cleanup = new_block();
    ast::Comprehension* gen = gens[gen_index];
    if (gen_index == 0) {
        m_unit->argcount = 1;
        emit(Op::LOAD_FAST, 0);
    } else {
        visit_expr(gen->iter);
        emit(Op::GET_AITER);
    }
    use_next_block(start);
    emit_jump(SETUP_FINALLY, except);
    emit(Op::GET_ANEXT);
    load_const(ConstValue::none());
    add_yield_from();
    emit_pseudo(POP_BLOCK);
    visit_expr(gen->target);
    for (auto* cond : gen->ifs)
        jump_if(cond, if_cleanup, false);
    depth++;
    if (++gen_index < gens.size())
        comprehension_generator(gens, gen_index, depth, elt, val, type);
    else
        comprehension_element(depth, elt, val, type);
    use_next_block(if_cleanup);
    emit_jump(JUMP, start);
    use_next_block(except);
    unset_loc();
    emit(Op::END_ASYNC_FOR);
}

bool Codegen::is_async_function_scope() const
{
    return m_unit->scope == UnitScope::Function && m_unit->ste->node &&
           static_cast<ast::FunctionDef const*>(m_unit->ste->node)->is_async;
}

void Codegen::emit_await(int kind)
{
    emit(Op::GET_AWAITABLE, kind);
    load_const(ConstValue::none());
    add_yield_from();
}

// YIELD_VALUE; in an async generator the value is first marked as the generator's own
// (ASYNC_GEN_WRAP), so that its asend()/athrow() tell it from what an `await` yields.
void Codegen::emit_yield()
{
    if (m_unit->ste->coroutine)
        emit(Op::ASYNC_GEN_WRAP);
    emit(Op::YIELD_VALUE);
    emit(Op::RESUME, 1);
}

void Codegen::compile_comprehension(ast::Expr* e, std::string const& name, std::vector<ast::Comprehension*> const& gens,
                                    ast::Expr* elt, ast::Expr* val)
{
    ast::Comprehension* outermost = gens[0];
    UnitScope outer_scope = m_unit->scope;
    bool outer_async = is_async_function_scope();
    Location outer_loc = m_unit->loc;
    enter_scope(name, UnitScope::Comprehension, e, e->pos.lineno);
    m_unit->loc = outer_loc;
    // A comprehension that awaits (or has `async for`) is itself a coroutine, which the
    // enclosing code awaits; only an async function or another comprehension may do so.
    bool is_async = m_unit->ste->coroutine;
    if (is_async && e->kind != ast::ExprKind::GeneratorExp && !outer_async && outer_scope != UnitScope::Comprehension)
        error("asynchronous comprehension outside of an asynchronous function");
    if (e->kind != ast::ExprKind::GeneratorExp) {
        Op op = e->kind == ast::ExprKind::ListComp ? Op::BUILD_LIST
            : e->kind == ast::ExprKind::SetComp    ? Op::BUILD_SET
                                                   : Op::BUILD_MAP;
        emit(op, 0);
    }
    comprehension_generator(gens, 0, 0, elt, val, e->kind);
    if (e->kind != ast::ExprKind::GeneratorExp)
        emit(Op::RETURN_VALUE);
    auto code = assemble_unit(true);
    exit_scope();
    make_closure(code, 0);
    visit_expr(outermost->iter);
    emit(outermost->is_async ? Op::GET_AITER : Op::GET_ITER);
    emit(Op::CALL, 0);
    if (is_async && e->kind != ast::ExprKind::GeneratorExp)
        emit_await(0);
}

void Codegen::visit_expr_inner(ast::Expr* e)
{
    using K = ast::ExprKind;
    switch (e->kind) {
    case K::NamedExpr: {
        auto* n = static_cast<ast::NamedExpr*>(e);
        visit_expr(n->value);
        emit(Op::COPY, 1);
        visit_expr(n->target);
        break;
    }
    case K::BoolOp: compile_boolop(static_cast<ast::BoolOp*>(e)); break;
    case K::BinOp: {
        auto* b = static_cast<ast::BinOp*>(e);
        visit_expr(b->left);
        visit_expr(b->right);
        emit(Op::BINARY_OP, binop_arg(b->op));
        break;
    }
    case K::UnaryOp: {
        auto* u = static_cast<ast::UnaryOp*>(e);
        visit_expr(u->operand);
        switch (u->op) {
        case ast::UnaryOpKind::Invert: emit(Op::UNARY_INVERT); break;
        case ast::UnaryOpKind::Not: emit(Op::UNARY_NOT); break;
        case ast::UnaryOpKind::UAdd: emit(Op::UNARY_POSITIVE); break;
        case ast::UnaryOpKind::USub: emit(Op::UNARY_NEGATIVE); break;
        }
        break;
    }
    case K::Lambda: compile_lambda(static_cast<ast::Lambda*>(e)); break;
    case K::IfExp: {
        auto* i = static_cast<ast::IfExp*>(e);
        Block* end = new_block();
        Block* next = new_block();
        jump_if(i->test, next, false);
        visit_expr(i->body);
        emit_jump_noline(JUMP, end);
        use_next_block(next);
        visit_expr(i->orelse);
        use_next_block(end);
        break;
    }
    case K::Dict: compile_dict(static_cast<ast::Dict*>(e)); break;
    case K::Set: starunpack_helper(static_cast<ast::Set*>(e)->elts, 0, Op::BUILD_SET, Op::SET_ADD, Op::SET_UPDATE, false); break;
    case K::GeneratorExp: {
        auto* g = static_cast<ast::GeneratorExp*>(e);
        compile_comprehension(e, "<genexpr>", g->generators, g->elt, nullptr);
        break;
    }
    case K::ListComp: {
        auto* g = static_cast<ast::ListComp*>(e);
        compile_comprehension(e, "<listcomp>", g->generators, g->elt, nullptr);
        break;
    }
    case K::SetComp: {
        auto* g = static_cast<ast::SetComp*>(e);
        compile_comprehension(e, "<setcomp>", g->generators, g->elt, nullptr);
        break;
    }
    case K::DictComp: {
        auto* g = static_cast<ast::DictComp*>(e);
        compile_comprehension(e, "<dictcomp>", g->generators, g->key, g->value);
        break;
    }
    case K::Yield: {
        if (!is_function_scope())
            error("'yield' outside function");
        auto* y = static_cast<ast::Yield*>(e);
        if (y->value)
            visit_expr(y->value);
        else
            load_const(ConstValue::none());
        emit_yield();
        break;
    }
    case K::YieldFrom: {
        if (!is_function_scope())
            error("'yield' outside function");
        if (is_async_function_scope())
            error("'yield from' inside async function");
        visit_expr(static_cast<ast::YieldFrom*>(e)->value);
        emit(Op::GET_YIELD_FROM_ITER);
        load_const(ConstValue::none());
        add_yield_from();
        break;
    }
    case K::Await: {
        if (!is_function_scope())
            error("'await' outside function");
        if (!is_async_function_scope() && m_unit->scope != UnitScope::Comprehension)
            error("'await' outside async function");
        visit_expr(static_cast<ast::Await*>(e)->value);
        emit_await(0);
        break;
    }
    case K::Compare: compile_compare(static_cast<ast::Compare*>(e)); break;
    case K::Call: compile_call(static_cast<ast::Call*>(e)); break;
    case K::FormattedValue: compile_formatted_value(static_cast<ast::FormattedValue*>(e)); break;
    case K::JoinedStr: compile_joined_str(static_cast<ast::JoinedStr*>(e)); break;
    case K::Constant: load_const(const_of(e)); break;
    case K::Attribute: compile_attribute(static_cast<ast::Attribute*>(e)); break;
    case K::Subscript: compile_subscript(static_cast<ast::Subscript*>(e)); break;
    case K::Starred: {
        auto* s = static_cast<ast::Starred*>(e);
        if (s->ctx == ast::ExprContext::Store)
            error("starred assignment target must be in a list or tuple");
        error("can't use starred expression here");
    }
    case K::Slice: compile_slice(static_cast<ast::Slice*>(e)); break;
    case K::Name: nameop(static_cast<ast::Name*>(e)->id, static_cast<ast::Name*>(e)->ctx); break;
    case K::List: {
        auto* l = static_cast<ast::List*>(e);
        if (l->ctx == ast::ExprContext::Store)
            assignment_helper(l->elts);
        else if (l->ctx == ast::ExprContext::Load)
            starunpack_helper(l->elts, 0, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, false);
        else
            visit_exprs(l->elts);
        break;
    }
    case K::Tuple: {
        auto* t = static_cast<ast::Tuple*>(e);
        if (t->ctx == ast::ExprContext::Store)
            assignment_helper(t->elts);
        else if (t->ctx == ast::ExprContext::Load)
            starunpack_helper(t->elts, 0, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, true);
        else
            visit_exprs(t->elts);
        break;
    }
    }
}

} // namespace slpy::compiler
