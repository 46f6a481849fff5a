// In-place `x += s` on str locals: see str_builder.h for why it is safe.
#include "stackless/vm/str_builder.h"

#include "stackless/vm/exec_stats.h"
#include "stackless/vm/interpreter.h"

#include <cstring>

namespace slpy {

namespace {

// Results shorter than this are plain strings: copying them costs less than the spare room.
constexpr size_t kMinBuilderBytes = 64;
// What marks a BINARY_OP's cache unit once the code's loads of the target slot count
// (op byte 0 keeps the unit a CACHE).
constexpr CodeWord kSiteMarked = CodeWord(1) << 8;

size_t builder_capacity(String const* s)
{
    size_t cap;
    std::memcpy(&cap, s->data + s->byte_length + 1, sizeof cap);
    return cap;
}

void set_builder_capacity(String* s, size_t cap) { std::memcpy(s->data + s->byte_length + 1, &cap, sizeof cap); }

// Every LOAD_FAST of `slot` in `code` counts its loads from now on.
void count_loads_of(Code* code, uint32_t slot)
{
    CodeWord* w = code->words_mut();
    for (uint32_t i = 0; i < code->ncode; i += 1 + op_info(word_op(w[i])).cache_units)
        if (word_op(w[i]) == Op::LOAD_FAST && word_arg(w[i]) == slot)
            w[i] = make_word(Op::LOAD_FAST__STR_BUILDER, slot);
}

} // namespace

String* str_builder_append(VM& vm, Code* code, CodeWord* site_cache, String* a, String* b, uint32_t slot)
{
    size_t total = a->byte_length + b->byte_length;
    uint32_t fl = a->flags;
    bool builder = fl & kStrBuilder;
    if (builder && (fl >> kStrBuilderSlotShift) == slot && (fl & kStrBuilderLoadMask) == kStrBuilderLoad &&
        *site_cache == kSiteMarked && total + 1 + sizeof(size_t) <= builder_capacity(a)) {
        // The local and the operand are the only references: append in place.
        size_t cap = builder_capacity(a);
        std::memcpy(a->data + a->byte_length, b->data, b->byte_length);
        a->byte_length = total;
        a->data[total] = 0;
        set_builder_capacity(a, cap);
        a->length += b->length;
        a->hash_cache = -1;
        a->flags = (fl & ~(kStrBuilderLoadMask | (b->is_ascii() ? 0 : STR_ASCII)));
        SLPY_STAT(vm.interp->stats, BinaryOpStrInplace);
        return a;
    }
    bool escaped = builder && (fl & kStrBuilderLoadMask) > kStrBuilderLoad;
    if (total < kMinBuilderBytes || escaped || a->byte_length == 0 || b->byte_length == 0 || slot >= (1u << 24))
    {
        SLPY_STAT(vm.interp->stats, BinaryOpStrCopy);
        return str_concat(vm, a, b); // an escaped builder: this local is shared, keep copying
    }
    // A new builder with room to double.
    size_t cap = total * 2 + 1 + sizeof(size_t);
    String* s = str_alloc(vm, cap);
    if (!s)
        return nullptr;
    std::memcpy(s->data, a->data, a->byte_length);
    std::memcpy(s->data + a->byte_length, b->data, b->byte_length);
    s->byte_length = total;
    str_finish_known(s, a->length + b->length, a->is_ascii() && b->is_ascii());
    set_builder_capacity(s, cap);
    s->flags |= kStrBuilder | (slot << kStrBuilderSlotShift);
    SLPY_STAT(vm.interp->stats, BinaryOpStrBuilder);
    if (*site_cache != kSiteMarked) {
        count_loads_of(code, slot);
        *site_cache = kSiteMarked;
    }
    return s;
}

} // namespace slpy
