// The specializers of the adaptive families: see specialize.h.
#include "stackless/vm/specialize.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/attr_cache.h"
#include "stackless/vm/code.h"
#include "stackless/vm/frame.h"
#include "stackless/vm/function.h"

#include <algorithm>

namespace slpy {

namespace {

// Rewrites the instruction at `instr` into `form` (a form of its family), keeping its
// argument; `entry` goes into the 64-bit word after the counter when the form uses one.
bool become(CodeWord* instr, Op form)
{
    *instr = make_word(form, word_arg(*instr));
    return true;
}

bool become(CodeWord* instr, Op form, uint64_t entry)
{
    cache_write64(instr + 2, entry);
    return become(instr, form);
}

} // namespace

bool specialize_load_global(CodeWord* instr, Frame* f, String* name)
{
    Dict* g = f->globals;
    int64_t ix = dict_index_of_key(g, name);
    if (ix >= 0)
        return become(instr, Op::LOAD_GLOBAL__MODULE, uint64_t(ix));
    ix = dict_index_of_key(f->builtins, name);
    if (ix < 0 || ix > 0xffff)
        return false;
    return become(instr, Op::LOAD_GLOBAL__BUILTIN, ((g->keys_version & 0xffffffffffffull) << 16) | uint64_t(ix));
}

bool specialize_load_attr(CodeWord* instr, Value owner, String* name)
{
    if (!owner.is_object())
        return false;
    Object* o = owner.as_object();
    if (o->type == types.module) {
        // The module type has no attribute of that name (it is immutable): a module
        // attribute is what the module's dict holds.
        Dict* d = static_cast<Module*>(o)->dict;
        if (!d || !type_lookup(types.module, name).is_not_found())
            return false;
        int64_t ix = dict_index_of_key(d, name);
        return ix >= 0 && become(instr, Op::LOAD_ATTR__MODULE, uint64_t(ix));
    }
    uint64_t entry = attr_cache_entry(o, name, false);
    switch (attr_cache_kind(entry)) {
    case AttrCacheKind::Slot: return become(instr, Op::LOAD_ATTR__SLOT, entry);
    case AttrCacheKind::InstanceDict: {
        // Start with the entry index the name has in this instance's dict.
        Dict* d = *reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + o->type->dict_offset);
        int64_t ix = d ? dict_index_of_key(d, name) : -1;
        if (ix < 0)
            return false; // not there: the general protocol raises (or __getattr__ runs)
        return become(instr, Op::LOAD_ATTR__INSTANCE_VALUE, attr_cache_with_offset(entry, uint64_t(ix)));
    }
    case AttrCacheKind::ClassAttr: return become(instr, Op::LOAD_ATTR__CLASS, entry);
    case AttrCacheKind::None: break;
    }
    return false;
}

bool specialize_store_attr(CodeWord* instr, Value owner, String* name)
{
    if (!owner.is_object())
        return false;
    uint64_t entry = attr_cache_entry(owner.as_object(), name, true);
    switch (attr_cache_kind(entry)) {
    case AttrCacheKind::Slot: return become(instr, Op::STORE_ATTR__SLOT, entry);
    case AttrCacheKind::InstanceDict: return become(instr, Op::STORE_ATTR__INSTANCE_VALUE, entry);
    default: break;
    }
    return false;
}

bool specialize_load_method(CodeWord* instr, Value owner, String* name)
{
    TypeObject* t = type_of(owner);
    if (!t->slot(Slot::GETATTRIBUTE).is(types.object->slot(Slot::GETATTRIBUTE)))
        return false;
    Value descr = type_lookup(t, name);
    if (descr.is_not_found() || t->version == 0)
        return false;
    TypeObject* dt = type_of(descr);
    if (dt != types.function && !(dt == types.method_descriptor && !(descr.as<BuiltinFunction>()->mflags & (METH_CLASS | METH_STATIC))))
        return false;
    bool has_dict = owner.is_object() && t->dict_offset != 0;
    if (has_dict) {
        if (Dict* d = *reinterpret_cast<Dict**>(reinterpret_cast<char*>(owner.as_object()) + t->dict_offset);
            d && dict_index_of_key(d, name) >= 0)
            return false; // shadowed by the instance
    }
    return become(instr, Op::LOAD_METHOD__METHOD, uint64_t(t->version) | (uint64_t(has_dict) << 32));
}

bool specialize_binary_op(CodeWord* instr, Value a, Value b)
{
    auto op = static_cast<BinOpArg>(word_arg(*instr));
    if (int(op) >= kInplaceOffset)
        op = static_cast<BinOpArg>(int(op) - kInplaceOffset);
    if (a.is_int() && b.is_int()) {
        switch (op) {
        case BinOpArg::ADD: return become(instr, Op::BINARY_OP__ADD_INT);
        case BinOpArg::SUBTRACT: return become(instr, Op::BINARY_OP__SUB_INT);
        case BinOpArg::MULTIPLY: return become(instr, Op::BINARY_OP__MUL_INT);
        case BinOpArg::AND:
        case BinOpArg::OR:
        case BinOpArg::XOR:
        case BinOpArg::FLOOR_DIVIDE:
        case BinOpArg::REMAINDER: return become(instr, Op::BINARY_OP__INT);
        default: return false;
        }
    }
    if (a.is_double() && b.is_double()) {
        switch (op) {
        case BinOpArg::ADD: return become(instr, Op::BINARY_OP__ADD_FLOAT);
        case BinOpArg::SUBTRACT: return become(instr, Op::BINARY_OP__SUB_FLOAT);
        case BinOpArg::MULTIPLY: return become(instr, Op::BINARY_OP__MUL_FLOAT);
        case BinOpArg::TRUE_DIVIDE: return become(instr, Op::BINARY_OP__FLOAT);
        default: return false;
        }
    }
    if (op == BinOpArg::ADD && is_exact_str(a) && is_exact_str(b))
        return become(instr, Op::BINARY_OP__ADD_STR);
    return false;
}

bool specialize_compare_op(CodeWord* instr, Value a, Value b)
{
    if (a.is_int() && b.is_int())
        return become(instr, Op::COMPARE_OP__INT);
    if (a.is_double() && b.is_double())
        return become(instr, Op::COMPARE_OP__FLOAT);
    auto op = static_cast<CmpArg>(word_arg(*instr));
    if ((op == CmpArg::EQ || op == CmpArg::NE) && is_exact_str(a) && is_exact_str(b))
        return become(instr, Op::COMPARE_OP__STR);
    return false;
}

bool specialize_binary_subscr(CodeWord* instr, Value container, Value key)
{
    TypeObject* t = type_of(container);
    if (t == types.list && key.is_int())
        return become(instr, Op::BINARY_SUBSCR__LIST_INT);
    if (t == types.tuple && key.is_int())
        return become(instr, Op::BINARY_SUBSCR__TUPLE_INT);
    if (t == types.dict)
        return become(instr, Op::BINARY_SUBSCR__DICT);
    return false;
}

bool specialize_store_subscr(CodeWord* instr, Value container, Value key)
{
    TypeObject* t = type_of(container);
    if (t == types.list && key.is_int())
        return become(instr, Op::STORE_SUBSCR__LIST_INT);
    if (t == types.dict)
        return become(instr, Op::STORE_SUBSCR__DICT);
    return false;
}

bool specialize_call(CodeWord* instr, Value const* base, uint32_t n, Tuple* kwnames)
{
    if (kwnames)
        return false;
    // The stack below the arguments: (NULL, callable) or (unbound method, self).
    Value callable = base[0].is_null() ? base[1] : base[0];
    size_t nargs = base[0].is_null() ? n : n + 1;
    Op form = Op::CALL__PY_EXACT_ARGS;
    if (base[0].is_null() && type_of(callable) == types.method) {
        callable = callable.as<BoundMethod>()->func;
        ++nargs;
        form = Op::CALL__BOUND_METHOD_EXACT_ARGS;
    }
    if (!is_function(callable))
        return false;
    Code* co = callable.as<Function>()->code;
    if (co->argcount != nargs || co->total_args != nargs)
        return false;
    return become(instr, form);
}

bool specialize_for_iter(CodeWord* instr, Value iterator)
{
    TypeObject* t = type_of(iterator);
    if (t == types.range_iterator && !iterator.as<RangeIterator>()->big)
        return become(instr, Op::FOR_ITER__RANGE);
    if (t == types.list_iterator)
        return become(instr, Op::FOR_ITER__LIST);
    if (t == types.tuple_iterator)
        return become(instr, Op::FOR_ITER__TUPLE);
    if (t == types.generator)
        return become(instr, Op::FOR_ITER__GEN);
    return false;
}

bool specialize_unpack_sequence(CodeWord* instr, Value seq)
{
    TypeObject* t = type_of(seq);
    uint32_t n = word_arg(*instr);
    if (t == types.tuple && seq.as<Tuple>()->size == n)
        return become(instr, n == 2 ? Op::UNPACK_SEQUENCE__TWO_TUPLE : Op::UNPACK_SEQUENCE__TUPLE);
    if (t == types.list && seq.as<List>()->size == n)
        return become(instr, Op::UNPACK_SEQUENCE__LIST);
    return false;
}

bool specialize(CodeWord* instr, Frame* f, Value const* sp, Tuple* kwnames)
{
    uint32_t arg = word_arg(*instr);
    Tuple* names = f->code->names;
    switch (op_family(word_op(*instr))) {
    case Op::LOAD_GLOBAL: return specialize_load_global(instr, f, names->items[arg >> 1].as<String>());
    case Op::LOAD_ATTR: return specialize_load_attr(instr, sp[-1], names->items[arg].as<String>());
    case Op::STORE_ATTR: return specialize_store_attr(instr, sp[-1], names->items[arg].as<String>());
    case Op::LOAD_METHOD: return specialize_load_method(instr, sp[-1], names->items[arg].as<String>());
    case Op::BINARY_OP: return specialize_binary_op(instr, sp[-2], sp[-1]);
    case Op::COMPARE_OP: return specialize_compare_op(instr, sp[-2], sp[-1]);
    case Op::BINARY_SUBSCR: return specialize_binary_subscr(instr, sp[-2], sp[-1]);
    case Op::STORE_SUBSCR: return specialize_store_subscr(instr, sp[-2], sp[-1]);
    case Op::CALL: return specialize_call(instr, sp - arg - 2, arg, kwnames);
    case Op::FOR_ITER: return specialize_for_iter(instr, sp[-1]);
    case Op::UNPACK_SEQUENCE: return specialize_unpack_sequence(instr, sp[-1]);
    default: return false;
    }
}

bool specialize_miss(CodeWord* instr, Frame* f, Value const* sp, Tuple* kwnames)
{
    // Each miss raises the counter's back-off exponent: a site that keeps missing (it
    // sees several classes in turn) stops switching forms and deopts, and its generic
    // form serves it (LOAD_ATTR and STORE_ATTR keep a refilled inline cache there).
    uint32_t misses = (instr[1] >> kCounterExpShift) & 0xf;
    instr[1] = adaptive_counter_backoff(instr[1]);
    uint32_t ncache = op_info(word_op(*instr)).cache_units;
    if (misses < kMaxRespecialize) {
        // The instruction and the cache entry after the counter (at most two units).
        uint32_t n = std::min<uint32_t>(ncache, 3);
        CodeWord before[2] = {};
        std::copy(instr + 2, instr + 1 + n, before);
        CodeWord was = *instr;
        if (specialize(instr, f, sp, kwnames) && (*instr != was || !std::equal(instr + 2, instr + 1 + n, before)))
            return true;
        // Nothing else fits (the same form and entry would fail the same guard).
    }
    *instr = make_word(op_family(word_op(*instr)), word_arg(*instr));
    for (uint32_t k = 2; k <= ncache; ++k)
        instr[k] = make_word(Op::CACHE); // the form's entry means nothing to the generic form
    return false;
}

namespace {

// Empties the caches of words[0..n); `families`: each instruction in its family form,
// `arm`: with a fresh adaptive counter in the families that quicken.
void clear_caches(CodeWord* words, uint32_t n, bool families, bool arm)
{
    for (uint32_t i = 0; i < n;) {
        Op op = word_op(words[i]);
        if (families) {
            op = op_family(op);
            words[i] = make_word(op, word_arg(words[i]));
        }
        uint32_t ncache = op_info(op).cache_units;
        for (uint32_t k = 1; k <= ncache && i + k < n; ++k)
            words[i + k] = make_word(Op::CACHE);
        if (arm && op_adaptive(op) && i + 1 < n)
            words[i + 1] = adaptive_counter_warmup();
        i += 1 + ncache;
    }
}

} // namespace

void specialize_reset(CodeWord* words, uint32_t n) { clear_caches(words, n, true, true); }

std::vector<CodeWord> specialize_code_view(Code const* code, bool adaptive)
{
    std::vector<CodeWord> out(code->words(), code->words() + code->ncode);
    clear_caches(out.data(), code->ncode, !adaptive, false);
    return out;
}

} // namespace slpy
