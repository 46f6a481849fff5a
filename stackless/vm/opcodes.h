// The opcode enum and per-opcode metadata, generated from opcodes.def by X-macros.
#pragma once

#include <array>
#include <cstdint>

namespace slpy {

enum class Op : uint8_t {
#define OP(name, operand, cache, flags) name,
#include "stackless/vm/opcodes.def"
#undef OP
};

enum class OperandKind : uint8_t { NONE, CONST, NAME, LOCAL, JUMP, COUNT, BINOP, CMP, RAW };

enum OpFlags : uint8_t {
    F_JUMP = 1 << 0,
    F_COND = 1 << 1,
    F_TERM = 1 << 2,
    F_SWITCH = 1 << 3,
};

struct OpInfo {
    char const* name;
    OperandKind operand;
    uint8_t cache_units;
    uint8_t flags;
};

inline constexpr OpInfo kOpInfo[] = {
#define OP(name, operand, cache, flags) { #name, OperandKind::operand, cache, flags },
#include "stackless/vm/opcodes.def"
#undef OP
};

inline constexpr int kNumOpcodes = sizeof(kOpInfo) / sizeof(kOpInfo[0]);
static_assert(kNumOpcodes <= 256, "opcodes must fit in 8 bits");

constexpr OpInfo const& op_info(Op op) { return kOpInfo[static_cast<uint8_t>(op)]; }

// The family of each opcode: itself, or for a specialized form (a SPEC row) the
// instruction it specializes, which is what dis and co_code show.
inline constexpr Op kOpFamily[] = {
#define OP(name, operand, cache, flags) Op::name,
#define SPEC(name, family, operand, cache, flags) Op::family,
#include "stackless/vm/opcodes.def"
#undef SPEC
#undef OP
};
constexpr Op op_family(Op op) { return kOpFamily[static_cast<uint8_t>(op)]; }
constexpr bool op_is_specialized(Op op) { return op_family(op) != op; }

// All forms of a family share its operand kind, cache layout and flags.
constexpr bool spec_rows_match_families()
{
    for (int i = 0; i < kNumOpcodes; ++i) {
        OpInfo const& a = kOpInfo[i];
        OpInfo const& f = kOpInfo[static_cast<uint8_t>(kOpFamily[i])];
        if (a.operand != f.operand || a.cache_units != f.cache_units || a.flags != f.flags)
            return false;
    }
    return true;
}
static_assert(spec_rows_match_families(), "a SPEC row differs from its family (opcodes.def)");

// A family that quickens (PEP 659, specialize.h): it has specialized forms and an
// adaptive counter in its first cache unit. (LOAD_FAST's form is set by str_builder.h.)
inline constexpr auto kOpAdaptive = [] {
    std::array<bool, kNumOpcodes> t {};
    for (int i = 0; i < kNumOpcodes; ++i) {
        int fam = static_cast<uint8_t>(kOpFamily[i]);
        if (fam != i && kOpInfo[fam].cache_units > 0)
            t[fam] = true;
    }
    return t;
}();
constexpr bool op_adaptive(Op op) { return kOpAdaptive[static_cast<uint8_t>(op)]; }

// A code unit: opcode in the low 8 bits, argument in the high 24.
using CodeWord = uint32_t;
inline constexpr uint32_t kMaxOparg = (1u << 24) - 1;
constexpr CodeWord make_word(Op op, uint32_t arg = 0) { return static_cast<uint32_t>(op) | (arg << 8); }
constexpr Op word_op(CodeWord w) { return static_cast<Op>(w & 0xff); }
constexpr uint32_t word_arg(CodeWord w) { return w >> 8; }

// BINARY_OP arguments, numbered as CPython 3.11's NB_* constants.
enum class BinOpArg : uint8_t {
    ADD, AND, FLOOR_DIVIDE, LSHIFT, MATRIX_MULTIPLY, MULTIPLY, REMAINDER, OR, POWER, RSHIFT,
    SUBTRACT, TRUE_DIVIDE, XOR,
    INPLACE_ADD, INPLACE_AND, INPLACE_FLOOR_DIVIDE, INPLACE_LSHIFT, INPLACE_MATRIX_MULTIPLY,
    INPLACE_MULTIPLY, INPLACE_REMAINDER, INPLACE_OR, INPLACE_POWER, INPLACE_RSHIFT,
    INPLACE_SUBTRACT, INPLACE_TRUE_DIVIDE, INPLACE_XOR,
};
inline constexpr int kNumBinOps = 26;
inline constexpr int kInplaceOffset = 13;

// COMPARE_OP arguments, as CPython's Py_LT..Py_GE.
enum class CmpArg : uint8_t { LT, LE, EQ, NE, GT, GE };

// Code flags (co_flags), CPython's values.
enum CodeFlags : uint32_t {
    CO_OPTIMIZED = 0x0001,
    CO_NEWLOCALS = 0x0002,
    CO_VARARGS = 0x0004,
    CO_VARKEYWORDS = 0x0008,
    CO_NESTED = 0x0010,
    CO_GENERATOR = 0x0020,
    CO_NOFREE = 0x0040,
    CO_COROUTINE = 0x0080,
    CO_ITERABLE_COROUTINE = 0x0100,
    CO_ASYNC_GENERATOR = 0x0200,
    // slpy's own: a helper that stands in for a native built-in (the Python side of
    // list(gen), sorted(key=f), ...: stackless/builtins/builtins_drive.cpp). Its frames add
    // no traceback entries, as the C function they stand for would not.
    CO_SLPY_HIDDEN = 0x40000000,
};

// Kinds of a localsplus slot (co_localspluskinds), CPython 3.11's values.
enum LocalKind : uint8_t {
    CO_FAST_LOCAL = 0x20,
    CO_FAST_CELL = 0x40,
    CO_FAST_FREE = 0x80,
};

} // namespace slpy
