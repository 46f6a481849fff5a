// Code generation for match statements (PEP 634), after CPython 3.11's compile.c
// (compiler_match and the compiler_pattern_* functions): the same instructions in the
// same order, so `dis` output and the stack discipline match CPython's.
//
// A pattern is compiled with the subject on top of the stack. A match leaves the values
// of its captured names on the stack (PatternContext::stores, in order) and falls
// through; a failure jumps to a fail_pop block that pops what the pattern had pushed.
// The names are only stored once the whole pattern matched.
#include "stackless/compiler/codegen.h"
#include "stackless/compiler/depth_guard.h"
#include "stackless/parser/ast_dump.h"
#include "stackless/vm/opcodes.h"

#include <algorithm>

namespace slpy::compiler {

namespace {

// `_` (CPython's WILDCARD_CHECK) and `*_` (WILDCARD_STAR_CHECK).
bool is_wildcard(ast::Pattern const* p)
{
    return p->kind == ast::PatternKind::MatchAs && static_cast<ast::MatchAs const*>(p)->name.empty() &&
           !static_cast<ast::MatchAs const*>(p)->pattern;
}
bool is_star_wildcard(ast::Pattern const* p)
{
    return p->kind == ast::PatternKind::MatchStar && static_cast<ast::MatchStar const*>(p)->name.empty();
}

using CKind = ConstValue::Kind;

bool const_is_number(ConstValue const& v)
{
    return v.kind == CKind::Int || v.kind == CKind::True || v.kind == CKind::False || v.kind == CKind::Float ||
           v.kind == CKind::Complex;
}

// Would Python's set treat the two constant keys as the same key (1 == 1.0 == True)?
bool same_key(ConstValue const& a, ConstValue const& b)
{
    if (const_is_number(a) && const_is_number(b)) {
        auto int_of = [](ConstValue const& v) -> std::string {
            if (v.kind == CKind::True) return "1";
            if (v.kind == CKind::False) return "0";
            return v.big.empty() ? std::to_string(v.i) : v.big;
        };
        bool ai = a.kind != CKind::Float && a.kind != CKind::Complex;
        bool bi = b.kind != CKind::Float && b.kind != CKind::Complex;
        if (ai && bi) return int_of(a) == int_of(b);
        auto parts = [](ConstValue const& v, double& re, double& im) {
            im = 0.0;
            if (v.kind == CKind::Float) re = v.f;
            else if (v.kind == CKind::Complex) { re = v.re; im = v.f; }
            else if (v.kind == CKind::True) re = 1.0;
            else if (v.kind == CKind::False) re = 0.0;
            else if (v.big.empty()) re = static_cast<double>(v.i);
            else return false; // a big int equals no float a literal can write exactly here
            return true;
        };
        double ar, aim, br, bim;
        if (!parts(a, ar, aim) || !parts(b, br, bim)) return false;
        return ar == br && aim == bim;
    }
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case CKind::Str:
    case CKind::Bytes: return a.s == b.s;
    case CKind::None:
    case CKind::Ellipsis: return true;
    default: return false;
    }
}

std::string quoted(std::string const& name) { return "'" + name + "'"; }

} // namespace

void Codegen::pattern_rotate(int count)
{
    while (1 < count)
        emit(Op::SWAP, count--);
}

void Codegen::ensure_fail_pop(PatternContext& pc, size_t n)
{
    while (pc.fail_pop.size() < n + 1)
        pc.fail_pop.push_back(new_block());
}

// Jumps to the block that pops everything the pattern pushed so far.
void Codegen::jump_to_fail_pop(PatternContext& pc, int op)
{
    size_t pops = static_cast<size_t>(pc.on_top) + pc.stores.size();
    ensure_fail_pop(pc, pops);
    emit_jump(op, pc.fail_pop[pops]);
}

// The fail_pop blocks, deepest first, each popping one item into the next.
void Codegen::emit_and_reset_fail_pop(PatternContext& pc)
{
    if (pc.fail_pop.empty())
        return;
    for (size_t i = pc.fail_pop.size() - 1; i > 0; i--) {
        use_next_block(pc.fail_pop[i]);
        emit(Op::POP_TOP);
    }
    use_next_block(pc.fail_pop[0]);
    pc.fail_pop.clear();
}

void Codegen::pattern_store_name(std::string const& name, PatternContext& pc)
{
    if (name.empty()) {
        emit(Op::POP_TOP);
        return;
    }
    forbidden_name(name, ast::ExprContext::Store);
    if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
        error("multiple assignments to name " + quoted(name) + " in pattern");
    // Rotate the value under the items that must stay on top of it.
    pattern_rotate(pc.on_top + static_cast<int>(pc.stores.size()) + 1);
    pc.stores.push_back(name);
}

// Like pattern(), but an irrefutable sub-pattern is fine (`[x]`, `C(x)`).
void Codegen::pattern_subpattern(ast::Pattern* p, PatternContext& pc)
{
    bool allow = pc.allow_irrefutable;
    pc.allow_irrefutable = true;
    pattern(p, pc);
    pc.allow_irrefutable = allow;
}

void Codegen::pattern(ast::Pattern* p, PatternContext& pc)
{
    DepthGuard guard;
    set_loc(p->pos);
    using K = ast::PatternKind;
    switch (p->kind) {
    case K::MatchValue: pattern_value(static_cast<ast::MatchValue*>(p), pc); break;
    case K::MatchSingleton: pattern_singleton(static_cast<ast::MatchSingleton*>(p), pc); break;
    case K::MatchSequence: pattern_sequence(static_cast<ast::MatchSequence*>(p), pc); break;
    case K::MatchMapping: pattern_mapping(static_cast<ast::MatchMapping*>(p), pc); break;
    case K::MatchClass: pattern_class(static_cast<ast::MatchClass*>(p), pc); break;
    case K::MatchStar: pattern_store_name(static_cast<ast::MatchStar*>(p)->name, pc); break;
    case K::MatchAs: pattern_as(static_cast<ast::MatchAs*>(p), pc); break;
    case K::MatchOr: pattern_or(static_cast<ast::MatchOr*>(p), pc); break;
    }
}

void Codegen::pattern_value(ast::MatchValue* p, PatternContext& pc)
{
    auto k = p->value->kind;
    if (k != ast::ExprKind::Constant && k != ast::ExprKind::Attribute)
        error("patterns may only match literals and attribute lookups");
    visit_expr(p->value);
    add_compare(ast::CmpOp::Eq);
    jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
}

void Codegen::pattern_singleton(ast::MatchSingleton* p, PatternContext& pc)
{
    load_const(p->value);
    add_compare(ast::CmpOp::Is);
    jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
}

void Codegen::pattern_as(ast::MatchAs* p, PatternContext& pc)
{
    if (!p->pattern) {
        // An irrefutable match.
        if (!pc.allow_irrefutable) {
            if (!p->name.empty())
                error("name capture " + quoted(p->name) + " makes remaining patterns unreachable");
            error("wildcard makes remaining patterns unreachable");
        }
        pattern_store_name(p->name, pc);
        return;
    }
    // A copy of the subject to store if the sub-pattern matches.
    pc.on_top++;
    emit(Op::COPY, 1);
    pattern(p->pattern, pc);
    pc.on_top--;
    pattern_store_name(p->name, pc);
}

void Codegen::pattern_sequence_unpack(std::vector<ast::Pattern*> const& patterns, PatternContext& pc)
{
    size_t n = patterns.size();
    bool seen_star = false;
    for (size_t i = 0; i < n; i++) {
        if (patterns[i]->kind != ast::PatternKind::MatchStar)
            continue;
        if (seen_star)
            error("multiple starred expressions in sequence pattern");
        if (i >= (1u << 8) || n - i - 1 >= (1u << 16))
            error("too many expressions in star-unpacking sequence pattern");
        emit(Op::UNPACK_EX, static_cast<int>(i + ((n - i - 1) << 8)));
        seen_star = true;
    }
    if (!seen_star)
        emit(Op::UNPACK_SEQUENCE, static_cast<int>(n));
    pc.on_top += static_cast<int>(n);
    for (auto* sub : patterns) {
        pc.on_top--;
        pattern_subpattern(sub, pc);
    }
}

// Like pattern_sequence_unpack, but with BINARY_SUBSCR: for a `*_` in the middle, the
// items it stands for are never fetched.
void Codegen::pattern_sequence_subscr(std::vector<ast::Pattern*> const& patterns, int star, PatternContext& pc)
{
    int size = static_cast<int>(patterns.size());
    pc.on_top++;
    for (int i = 0; i < size; i++) {
        ast::Pattern* sub = patterns[size_t(i)];
        if (is_wildcard(sub) || i == star)
            continue;
        emit(Op::COPY, 1);
        if (i < star) {
            load_const(ConstValue::integer(i));
        } else {
            // The subject may not support negative indexing: a nonnegative index.
            emit(Op::GET_LEN);
            load_const(ConstValue::integer(size - i));
            emit(Op::BINARY_OP, static_cast<int>(BinOpArg::SUBTRACT));
        }
        emit(Op::BINARY_SUBSCR);
        pattern_subpattern(sub, pc);
    }
    pc.on_top--;
    emit(Op::POP_TOP);
}

void Codegen::pattern_sequence(ast::MatchSequence* p, PatternContext& pc)
{
    auto const& patterns = p->patterns;
    int size = static_cast<int>(patterns.size());
    int star = -1;
    bool only_wildcard = true;
    bool star_wildcard = false;
    for (int i = 0; i < size; i++) {
        ast::Pattern* sub = patterns[size_t(i)];
        if (sub->kind == ast::PatternKind::MatchStar) {
            if (star >= 0)
                error("multiple starred names in sequence pattern");
            star_wildcard = is_star_wildcard(sub);
            only_wildcard &= star_wildcard;
            star = i;
            continue;
        }
        only_wildcard &= is_wildcard(sub);
    }
    // The subject stays on top during the type and length checks.
    pc.on_top++;
    emit(Op::MATCH_SEQUENCE);
    jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
    if (star < 0) {
        emit(Op::GET_LEN);
        load_const(ConstValue::integer(size));
        add_compare(ast::CmpOp::Eq);
        jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
    } else if (size - 1) {
        emit(Op::GET_LEN);
        load_const(ConstValue::integer(size - 1));
        add_compare(ast::CmpOp::GtE);
        jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
    }
    // What comes next consumes the subject.
    pc.on_top--;
    if (only_wildcard)
        emit(Op::POP_TOP); // [] / [_] / [_, *_] ...
    else if (star_wildcard)
        pattern_sequence_subscr(patterns, star, pc);
    else
        pattern_sequence_unpack(patterns, pc);
}

void Codegen::pattern_mapping(ast::MatchMapping* p, PatternContext& pc)
{
    auto const& keys = p->keys;
    auto const& patterns = p->patterns;
    size_t size = keys.size();
    if (size != patterns.size())
        error("keys (" + std::to_string(size) + ") / patterns (" + std::to_string(patterns.size()) +
              ") length mismatch in mapping pattern");
    // The subject stays on top during the type and length checks.
    pc.on_top++;
    emit(Op::MATCH_MAPPING);
    jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
    if (!size && p->rest.empty()) {
        // `{}`: done, pop the subject.
        pc.on_top--;
        emit(Op::POP_TOP);
        return;
    }
    if (size) {
        emit(Op::GET_LEN);
        load_const(ConstValue::integer(static_cast<int64_t>(size)));
        add_compare(ast::CmpOp::GtE);
        jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
    }
    // The keys, dotted names or literals, in a tuple for MATCH_KEYS (and **rest); literal
    // keys repeated are a compile-time error.
    std::vector<ConstValue const*> seen;
    for (size_t i = 0; i < size; i++) {
        ast::Expr* key = keys[i];
        if (!key) {
            set_loc(patterns[i]->pos);
            error("can't use NULL keys in MatchMapping (set 'rest' parameter instead)");
        }
        if (key->kind == ast::ExprKind::Constant) {
            ConstValue const& v = static_cast<ast::Constant*>(key)->value;
            for (ConstValue const* s : seen) {
                if (same_key(*s, v))
                    error("mapping pattern checks duplicate key (" + ast::const_repr(v) + ")");
            }
            seen.push_back(&v);
        } else if (key->kind != ast::ExprKind::Attribute) {
            error("mapping pattern keys may only match literals and attribute lookups");
        }
        visit_expr(key);
    }
    emit(Op::BUILD_TUPLE, static_cast<int>(size));
    emit(Op::MATCH_KEYS);
    // The keys tuple and the values tuple are now on top of the subject.
    pc.on_top += 2;
    emit(Op::COPY, 1);
    load_const(ConstValue::none());
    emit(Op::IS_OP, 1);
    jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
    emit(Op::UNPACK_SEQUENCE, static_cast<int>(size));
    pc.on_top += static_cast<int>(size) - 1;
    for (size_t i = 0; i < size; i++) {
        pc.on_top--;
        pattern_subpattern(patterns[i], pc);
    }
    // A match: what follows consumes the keys and the subject.
    pc.on_top -= 2;
    if (!p->rest.empty()) {
        // rest = dict(subject); del rest[key] for each key
        emit(Op::BUILD_MAP, 0);                        // subject, keys, {}
        emit(Op::SWAP, 3);                             // {}, keys, subject
        emit(Op::DICT_UPDATE, 2);                      // rest, keys
        emit(Op::UNPACK_SEQUENCE, static_cast<int>(size)); // rest, keys...
        for (size_t n = size; n > 0; n--) {
            emit(Op::COPY, static_cast<int>(1 + n));   // rest, keys..., rest
            emit(Op::SWAP, 2);                         // rest, keys..., rest, key
            emit(Op::DELETE_SUBSCR);                   // rest, keys...
        }
        pattern_store_name(p->rest, pc);
    } else {
        emit(Op::POP_TOP); // the keys
        emit(Op::POP_TOP); // the subject
    }
}

void Codegen::pattern_class(ast::MatchClass* p, PatternContext& pc)
{
    auto const& patterns = p->patterns;
    auto const& kwd_attrs = p->kwd_attrs;
    auto const& kwd_patterns = p->kwd_patterns;
    size_t nargs = patterns.size();
    size_t nattrs = kwd_attrs.size();
    if (nattrs != kwd_patterns.size())
        error("kwd_attrs (" + std::to_string(nattrs) + ") / kwd_patterns (" + std::to_string(kwd_patterns.size()) +
              ") length mismatch in class pattern");
    if (nattrs) {
        // Errors point at the sub-pattern: the attribute names have no positions.
        for (size_t i = 0; i < nattrs; i++) {
            set_loc(kwd_patterns[i]->pos);
            forbidden_name(kwd_attrs[i], ast::ExprContext::Store);
            for (size_t j = i + 1; j < nattrs; j++) {
                if (kwd_attrs[i] == kwd_attrs[j]) {
                    set_loc(kwd_patterns[j]->pos);
                    error("attribute name repeated in class pattern: " + kwd_attrs[i]);
                }
            }
        }
        set_loc(p->pos);
    }
    visit_expr(p->cls);
    ConstValue names;
    names.kind = CKind::Tuple;
    for (auto const& a : kwd_attrs)
        names.items.push_back(ConstValue::str(a));
    load_const(names);
    emit(Op::MATCH_CLASS, static_cast<int>(nargs));
    emit(Op::COPY, 1);
    load_const(ConstValue::none());
    emit(Op::IS_OP, 1);
    // On top: a tuple of the nargs + nattrs attributes, or None.
    pc.on_top++;
    jump_to_fail_pop(pc, op_code(Op::POP_JUMP_IF_FALSE));
    emit(Op::UNPACK_SEQUENCE, static_cast<int>(nargs + nattrs));
    pc.on_top += static_cast<int>(nargs + nattrs) - 1;
    for (size_t i = 0; i < nargs + nattrs; i++) {
        pc.on_top--;
        ast::Pattern* sub = i < nargs ? patterns[i] : kwd_patterns[i - nargs];
        if (is_wildcard(sub)) {
            emit(Op::POP_TOP);
            continue;
        }
        pattern_subpattern(sub, pc);
    }
}

void Codegen::pattern_or(ast::MatchOr* p, PatternContext& pc)
{
    Block* end = new_block();
    size_t size = p->patterns.size();
    PatternContext old = pc;
    pc.fail_pop.clear();
    // The names the first alternative binds: the others must bind the same ones, and
    // their values are reordered on the stack to this order.
    std::vector<std::string> control;
    for (size_t i = 0; i < size; i++) {
        ast::Pattern* alt = p->patterns[i];
        set_loc(alt->pos);
        pc.stores.clear();
        // An irrefutable alternative must be the last, if allowed at all.
        pc.allow_irrefutable = i == size - 1 && old.allow_irrefutable;
        pc.fail_pop.clear();
        pc.on_top = 0;
        emit(Op::COPY, 1);
        pattern(alt, pc);
        size_t nstores = pc.stores.size();
        if (i == 0) {
            control = pc.stores;
        } else if (nstores != control.size()) {
            error("alternative patterns bind different names");
        } else if (nstores) {
            for (size_t icontrol = nstores; icontrol-- > 0;) {
                auto it = std::find(pc.stores.begin(), pc.stores.end(), control[icontrol]);
                if (it == pc.stores.end())
                    error("alternative patterns bind different names");
                size_t istores = static_cast<size_t>(it - pc.stores.begin());
                if (icontrol != istores) {
                    // Move stores[:istores + 1] to just before where control's order
                    // wants them, and the same on the stack.
                    size_t rotations = istores + 1;
                    std::vector<std::string> rotated(pc.stores.begin(), pc.stores.begin() + long(rotations));
                    pc.stores.erase(pc.stores.begin(), pc.stores.begin() + long(rotations));
                    pc.stores.insert(pc.stores.begin() + long(icontrol - istores), rotated.begin(), rotated.end());
                    while (rotations--)
                        pattern_rotate(static_cast<int>(icontrol) + 1);
                }
            }
        }
        emit_jump(JUMP, end);
        emit_and_reset_fail_pop(pc);
    }
    pc.stores = old.stores;
    pc.allow_irrefutable = old.allow_irrefutable;
    pc.fail_pop = old.fail_pop;
    pc.on_top = old.on_top;
    // No alternative matched: pop the remaining copy of the subject and fail.
    emit(Op::POP_TOP);
    jump_to_fail_pop(pc, JUMP);
    use_next_block(end);
    // Between the new captures and where they belong: the other new captures, the copy
    // of the subject, whatever is on top, and the earlier captures.
    int nrots = static_cast<int>(control.size()) + 1 + pc.on_top + static_cast<int>(pc.stores.size());
    for (auto const& name : control) {
        pattern_rotate(nrots);
        if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end())
            error("multiple assignments to name " + quoted(name) + " in pattern");
        pc.stores.push_back(name);
    }
    // Pop the copy of the subject.
    emit(Op::POP_TOP);
}

void Codegen::compile_match(ast::Match* s)
{
    visit_expr(s->subject);
    Block* end = new_block();
    size_t cases = s->cases.size();
    ast::MatchCase* last = s->cases.back();
    // A final `case _:` needs neither a copy of the subject nor a test.
    size_t has_default = is_wildcard(last->pattern) && 1 < cases ? 1 : 0;
    for (size_t i = 0; i < cases - has_default; i++) {
        ast::MatchCase* m = s->cases[i];
        set_loc(m->pattern->pos);
        // Copy the subject unless this is the last case.
        bool copy = i != cases - has_default - 1;
        if (copy)
            emit(Op::COPY, 1);
        PatternContext pc;
        // Irrefutable cases must be guarded, last, or both.
        pc.allow_irrefutable = m->guard != nullptr || i == cases - 1;
        pattern(m->pattern, pc);
        // A match: store the captured names (their values are on the stack).
        for (auto const& name : pc.stores)
            nameop(name, ast::ExprContext::Store);
        if (m->guard) {
            ensure_fail_pop(pc, 0);
            jump_if(m->guard, pc.fail_pop[0], false);
        }
        if (copy)
            emit(Op::POP_TOP);
        visit_stmts(m->body);
        unset_loc();
        emit_jump(JUMP, end);
        // The cleanup of a failed match belongs to the pattern's line, not the body's.
        set_loc(m->pattern->pos);
        emit_and_reset_fail_pop(pc);
    }
    if (has_default) {
        ast::MatchCase* m = last;
        set_loc(m->pattern->pos);
        if (cases == 1)
            emit(Op::POP_TOP);
        else
            emit(Op::NOP); // line coverage for the default case
        if (m->guard)
            jump_if(m->guard, end, false);
        visit_stmts(m->body);
        unset_loc();
    }
    use_next_block(end);
}

} // namespace slpy::compiler
