// PEP 659 adaptive specialization (CPython 3.11's "quickening") of the eval loop.
//
// The families of opcodes.def that have SPEC rows and caches (op_adaptive) start every
// code object in their generic form with an *adaptive counter* in their first cache unit.
// The generic form counts its executions down; when the counter runs out it calls its
// family's specializer (one function per family, below), which looks at the operands on
// the stack and rewrites the instruction in place into the specialized form that fits
// them (filling the rest of the cache), or, when none fits, backs the counter off. A
// specialized form only checks its guards (exact types, a type's version tag, a dict
// entry still holding the name) and runs its fast path; when a guard fails it *deopts*:
// the instruction goes back to its family with a backed-off counter and runs again as
// the generic form, so a failed guard never changes what the program does. Each failure
// doubles the wait before the next attempt (up to 2^12 times the warm-up), so a site that
// keeps changing types ends up staying generic.
//
// The adaptive counter unit: bits 0-7 zero (it stays a CACHE unit), bits 8-11 the back-off
// exponent, bits 16-31 the executions left before the next attempt. A specialized form
// leaves it alone, so the exponent survives a deopt.
//
// The cache of each form after the counter unit (two units are read as one 64-bit word):
//   LOAD_GLOBAL__MODULE    the index of the name's entry in the globals dict
//   LOAD_GLOBAL__BUILTIN   bits 0-15 the entry index in the builtins dict, bits 16-63 the
//                          globals' keys_version (no global of that name since)
//   LOAD_ATTR__* and STORE_ATTR__* (not __MODULE): an attr_cache.h entry of the kind the
//                          form is for
//   LOAD_ATTR__MODULE      the index of the name's entry in the module's dict
//   LOAD_METHOD__METHOD    bits 0-31 the type's version, bit 32 set when instances have a
//                          __dict__ that may shadow the method
//   BINARY_OP (all forms)  the second unit is str_builder.h's site mark
//
// Code that leaves a Code (co_code, marshal, code.replace, dis without adaptive=True)
// shows the families and empty caches: specialize_code_view. Every Code starts
// un-warmed: load_code and code.replace call specialize_reset.
#pragma once

#include "objects/runtime.h"
#include "stackless/vm/opcodes.h"

#include <vector>

namespace slpy {

struct Code;
struct Frame;
struct Tuple;
struct String;
struct ExecStats;

inline constexpr CodeWord kCounterOne = CodeWord(1) << 16;
inline constexpr int kCounterExpShift = 8;
inline constexpr uint32_t kMaxBackoffExp = 12;
// Guard failures a site may answer by switching to another form before it deopts.
inline constexpr uint32_t kMaxRespecialize = 4;
// Executions of a generic instruction before its first attempt to specialize.
inline constexpr uint32_t kWarmup = 8;

// The counter a code object starts with.
constexpr CodeWord adaptive_counter_warmup() { return CodeWord(kWarmup - 1) * kCounterOne; }

// After a failed attempt or a deopt: twice the wait of the last time.
constexpr CodeWord adaptive_counter_backoff(CodeWord counter)
{
    uint32_t exp = (counter >> kCounterExpShift) & 0xf;
    if (exp < kMaxBackoffExp)
        ++exp;
    uint32_t wait = (kWarmup << exp) - 1;
    return CodeWord(wait) * kCounterOne | CodeWord(exp << kCounterExpShift);
}

// The generic form's count: true when it is time to try specializing.
inline bool adaptive_counter_due(CodeWord* counter)
{
    if (*counter >= kCounterOne) {
        *counter -= kCounterOne;
        return false;
    }
    return true;
}

inline uint64_t cache_read64(CodeWord const* c) { return uint64_t(c[0]) | (uint64_t(c[1]) << 32); }
inline void cache_write64(CodeWord* c, uint64_t v)
{
    c[0] = CodeWord(v);
    c[1] = CodeWord(v >> 32);
}

// The specializers of the families: each looks at what the instruction at `instr` is about to work on
// and either rewrites it into a specialized form (true) or leaves it generic (false; the
// caller backs the counter off). They run no Python code and raise nothing.
bool specialize_load_global(CodeWord* instr, Frame* f, String* name);
bool specialize_load_attr(CodeWord* instr, Value owner, String* name);
bool specialize_store_attr(CodeWord* instr, Value owner, String* name);
bool specialize_load_method(CodeWord* instr, Value owner, String* name);
bool specialize_binary_op(CodeWord* instr, Value a, Value b);
bool specialize_compare_op(CodeWord* instr, Value a, Value b);
bool specialize_binary_subscr(CodeWord* instr, Value container, Value key);
bool specialize_store_subscr(CodeWord* instr, Value container, Value key);
bool specialize_call(CodeWord* instr, Value const* base, uint32_t n, Tuple* kwnames);
bool specialize_for_iter(CodeWord* instr, Value iterator);
bool specialize_unpack_sequence(CodeWord* instr, Value seq);

// The one entry of the loop: the specializer of the instruction's family, given the
// frame running it, its stack top and the pending KW_NAMES.
bool specialize(CodeWord* instr, Frame* f, Value const* sp, Tuple* kwnames);

// A specialized form whose guard failed. When what the instruction sees now fits another
// form or another cache entry (a site that sees two classes, ints then floats), it is
// rewritten to that at once, as an inline cache is refilled (true); else it goes back to
// its family with the counter backed off (false). Either way it runs again.
bool specialize_miss(CodeWord* instr, Frame* f, Value const* sp, Tuple* kwnames);

// Every instruction of words[0..n) in its family form with empty caches and fresh
// adaptive counters (a Code that starts un-warmed).
void specialize_reset(CodeWord* words, uint32_t n);
// The code units as code outside the loop sees them, caches empty: each instruction's
// family, or with `adaptive` the form it runs as now (dis's adaptive=True).
std::vector<CodeWord> specialize_code_view(Code const* code, bool adaptive = false);

} // namespace slpy
