// int and bool: arithmetic with Python semantics (small-int fast paths on int64, GMP
// beyond), and the Python-level methods and constructors installed by setup_int.
#include "objects/bytes.h"
#include "objects/float.h"
#include "objects/format_spec.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace slpy {

// Largest result size (in bits) we try to build before reporting MemoryError: an mpz holds
// at most 2**31 limbs and GMP aborts the process beyond that. Below it, every operation
// that may build a big number asks the heap for room first (int_reserve_bits).
static constexpr uint64_t kMaxResultBits = uint64_t(1) << 36;

static uint64_t max_bits(Value a, Value b) { return std::max(int_bit_length(a), int_bit_length(b)); }

static Value memory_error(VM& vm) { return raise_no_memory(vm); }

// ------------------------------------------------------------------ arithmetic

Value int_add(VM& vm, Value a, Value b)
{
    if (a.is_int() && b.is_int())
        return int_from_i64(vm, a.as_int() + b.as_int());
    if (!int_reserve_bits(vm, max_bits(a, b) + 1))
        return Value::null();
    MpzView x(a), y(b);
    Mpz r;
    mpz_add(r, x, y);
    return int_from_mpz(vm, r);
}

Value int_sub(VM& vm, Value a, Value b)
{
    if (a.is_int() && b.is_int())
        return int_from_i64(vm, a.as_int() - b.as_int());
    if (!int_reserve_bits(vm, max_bits(a, b) + 1))
        return Value::null();
    MpzView x(a), y(b);
    Mpz r;
    mpz_sub(r, x, y);
    return int_from_mpz(vm, r);
}

Value int_mul(VM& vm, Value a, Value b)
{
    if (a.is_int() && b.is_int()) {
        int64_t r;
        if (!__builtin_mul_overflow(a.as_int(), b.as_int(), &r))
            return int_from_i64(vm, r);
    }
    // The product and about as much scratch (Toom/FFT multiplication).
    if (!int_reserve_bits(vm, int_bit_length(a) + int_bit_length(b), 2))
        return Value::null();
    MpzView x(a), y(b);
    Mpz r;
    mpz_mul(r, x, y);
    return int_from_mpz(vm, r);
}

static Value zero_div_floor(VM& vm) { return raise(vm, exc::ZeroDivisionError, "integer division or modulo by zero"); }

Value int_floordiv(VM& vm, Value a, Value b)
{
    if (int_sign(b) == 0)
        return zero_div_floor(vm);
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        int64_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            --q;
        return int_from_i64(vm, q);
    }
    if (!int_reserve_bits(vm, int_bit_length(a) + 64, 2))
        return Value::null();
    MpzView x(a), y(b);
    Mpz r;
    mpz_fdiv_q(r, x, y);
    return int_from_mpz(vm, r);
}

Value int_mod(VM& vm, Value a, Value b)
{
    if (int_sign(b) == 0)
        return raise(vm, exc::ZeroDivisionError, "integer modulo by zero");
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        int64_t r = x % y;
        if (r != 0 && ((r < 0) != (y < 0)))
            r += y;
        return Value::small_int(r);
    }
    if (!int_reserve_bits(vm, int_bit_length(a) + 64, 2))
        return Value::null();
    MpzView x(a), y(b);
    Mpz r;
    mpz_fdiv_r(r, x, y);
    return int_from_mpz(vm, r);
}

static Value int_divmod(VM& vm, Value a, Value b)
{
    if (int_sign(b) == 0)
        return zero_div_floor(vm);
    Value q, r;
    if (a.is_int() && b.is_int()) {
        q = TRY(int_floordiv(vm, a, b));
        r = TRY(int_mod(vm, a, b));
    } else {
        if (!int_reserve_bits(vm, int_bit_length(a) + 64, 2))
            return Value::null();
        MpzView x(a), y(b);
        Mpz mq, mr;
        mpz_fdiv_qr(mq, mr, x, y);
        q = TRY(int_from_mpz(vm, mq));
        r = TRY(int_from_mpz(vm, mr));
    }
    return Value::from_object(tuple_pack(vm, { q, r }));
}

Value int_neg(VM& vm, Value a)
{
    if (a.is_int())
        return int_from_i64(vm, -a.as_int());
    if (!int_reserve_bits(vm, int_bit_length(a)))
        return Value::null();
    MpzView x(a);
    Mpz r;
    mpz_neg(r, x);
    return int_from_mpz(vm, r);
}

static Value int_abs(VM& vm, Value a)
{
    return int_sign(a) < 0 ? int_neg(vm, a) : a;
}

static Value int_invert(VM& vm, Value a)
{
    if (a.is_int())
        return int_from_i64(vm, ~a.as_int());
    if (!int_reserve_bits(vm, int_bit_length(a) + 1))
        return Value::null();
    MpzView x(a);
    Mpz r;
    mpz_com(r, x);
    return int_from_mpz(vm, r);
}

enum class BitOp { AND, OR, XOR };

static Value int_bitop(VM& vm, Value a, Value b, BitOp op)
{
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        int64_t r = op == BitOp::AND ? (x & y) : op == BitOp::OR ? (x | y) : (x ^ y);
        return Value::small_int(r);
    }
    if (!int_reserve_bits(vm, max_bits(a, b) + 1))
        return Value::null();
    MpzView x(a), y(b);
    Mpz r;
    if (op == BitOp::AND)
        mpz_and(r, x, y);
    else if (op == BitOp::OR)
        mpz_ior(r, x, y);
    else
        mpz_xor(r, x, y);
    return int_from_mpz(vm, r);
}

Value int_lshift(VM& vm, Value a, Value b)
{
    int sb = int_sign(b);
    if (sb < 0)
        return raise(vm, exc::ValueError, "negative shift count");
    if (int_sign(a) == 0)
        return Value::small_int(0);
    int64_t n;
    if (!int_to_i64(b, n) || static_cast<uint64_t>(n) + int_bit_length(a) > kMaxResultBits) {
        // CPython sizes the result in 30-bit digits: shift // 30 (clipped to
        // PY_SSIZE_T_MAX / 4) plus a's digits, plus one for a partial digit. Beyond
        // MAX_LONG_DIGITS it reports OverflowError, below that the allocation fails.
        constexpr uint64_t kClip = uint64_t(INT64_MAX) / 4;
        constexpr uint64_t kMaxLongDigits = (uint64_t(INT64_MAX) - 24) / 4;
        MpzView bv(b);
        Mpz word;
        unsigned long rem = mpz_fdiv_q_ui(word, bv, 30);
        uint64_t wordshift = kClip;
        if (mpz_cmp_ui(word.z, kClip) < 0) {
            wordshift = mpz_get_ui(word);
        } else {
            rem = 0;
        }
        uint64_t newsize = wordshift + (int_bit_length(a) + 29) / 30 + (rem ? 1 : 0);
        if (newsize > kMaxLongDigits)
            return raise(vm, exc::OverflowError, "too many digits in integer");
        return memory_error(vm);
    }
    if (a.is_int() && n < 16) {
        int64_t x = a.as_int();
        return int_from_i64(vm, x * (int64_t(1) << n)); // |x| < 2**47: fits in int64
    }
    if (!int_reserve_bits(vm, static_cast<uint64_t>(n) + int_bit_length(a)))
        return Value::null();
    MpzView x(a);
    Mpz r;
    mpz_mul_2exp(r, x, static_cast<mp_bitcnt_t>(n));
    return int_from_mpz(vm, r);
}

Value int_rshift(VM& vm, Value a, Value b)
{
    int sb = int_sign(b);
    if (sb < 0)
        return raise(vm, exc::ValueError, "negative shift count");
    int sa = int_sign(a);
    int64_t n;
    if (!int_to_i64(b, n) || static_cast<uint64_t>(n) >= int_bit_length(a) + 1)
        return Value::small_int(sa < 0 ? -1 : 0);
    if (a.is_int())
        return Value::small_int(a.as_int() >> (n > 63 ? 63 : n));
    if (!int_reserve_bits(vm, int_bit_length(a) - static_cast<uint64_t>(n) + 1))
        return Value::null();
    MpzView x(a);
    Mpz r;
    mpz_fdiv_q_2exp(r, x, static_cast<mp_bitcnt_t>(n)); // floor: arithmetic shift
    return int_from_mpz(vm, r);
}

static Value int_pow_mod(VM& vm, Value a, Value b, Value m)
{
    int sm = int_sign(m);
    if (sm == 0)
        return raise(vm, exc::ValueError, "pow() 3rd argument cannot be 0");
    // Everything stays below the modulus; modular exponentiation keeps a few such
    // numbers and a table of powers.
    if (!int_reserve_bits(vm, std::max(int_bit_length(m), int_bit_length(a)), 8))
        return Value::null();
    MpzView av(a), bv(b), mv(m);
    Mpz mod, base, exp, r;
    mpz_abs(mod, mv);
    mpz_set(base, av);
    mpz_set(exp, bv);
    if (mpz_sgn(exp.z) < 0) {
        if (!mpz_invert(base, base, mod))
            return raise(vm, exc::ValueError, "base is not invertible for the given modulus");
        mpz_neg(exp, exp);
    }
    if (mpz_cmp_ui(mod.z, 1) == 0) {
        mpz_set_ui(r, 0);
    } else {
        mpz_powm(r, base, exp, mod); // in [0, |m|)
    }
    if (sm < 0 && mpz_sgn(r.z) != 0)
        mpz_sub(r, r, mod); // result takes the sign of the modulus
    return int_from_mpz(vm, r);
}

Value int_pow(VM& vm, Value a, Value b, Value mod)
{
    if (!mod.is_null())
        return int_pow_mod(vm, a, b, mod);
    if (int_sign(b) < 0) {
        double x, y;
        if (!int_to_double(vm, a, x) || !int_to_double(vm, b, y))
            return Value::null();
        return float_pow(vm, x, y);
    }
    // Trivial bases work for any exponent size.
    if (a.is_int() && a.as_int() >= -1 && a.as_int() <= 1) {
        int64_t x = a.as_int();
        if (int_sign(b) == 0)
            return Value::small_int(1);
        if (x != -1)
            return a;
        MpzView bv(b);
        return Value::small_int(mpz_odd_p(bv.get()) ? -1 : 1);
    }
    int64_t e;
    if (!int_to_i64(b, e))
        return memory_error(vm);
    if (a.is_int()) {
        // Repeated squaring in int64 while it cannot overflow.
        int64_t base = a.as_int(), result = 1;
        int64_t ee = e;
        bool overflow = false;
        while (ee > 0) {
            if (ee & 1) {
                if (__builtin_mul_overflow(result, base, &result)) {
                    overflow = true;
                    break;
                }
            }
            ee >>= 1;
            if (ee && __builtin_mul_overflow(base, base, &base)) {
                overflow = true;
                break;
            }
        }
        if (!overflow)
            return int_from_i64(vm, result);
    }
    uint64_t bits = int_bit_length(a);
    if (static_cast<double>(bits - 1) * static_cast<double>(e) > static_cast<double>(kMaxResultBits))
        return memory_error(vm);
    // The power and the square computed last (repeated squaring).
    if (!int_reserve_bits(vm, bits * static_cast<uint64_t>(e), 2))
        return Value::null();
    MpzView x(a);
    Mpz r;
    mpz_pow_ui(r, x, static_cast<unsigned long>(e));
    return int_from_mpz(vm, r);
}

// round(a, ndigits) for ndigits < 0: round half to even at 10**-ndigits.
static Value int_round_negative(VM& vm, Value a, Value ndigits)
{
    MpzView av(a);
    // -ndigits larger than the number of digits (plus one) always gives 0.
    int64_t nd;
    size_t digits = mpz_sizeinbase(av, 10);
    if (!int_to_i64(ndigits, nd) || -nd > static_cast<int64_t>(digits) + 1)
        return Value::small_int(0);
    if (!int_reserve_bits(vm, int_bit_length(a) + 4, 4))
        return Value::null();
    Mpz p, q, r, twice;
    mpz_ui_pow_ui(p, 10, static_cast<unsigned long>(-nd));
    mpz_fdiv_qr(q, r, av, p);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q.z)))
        mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    return int_from_mpz(vm, q);
}

// ------------------------------------------------------------------ method plumbing

bool wrapper_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t expected)
{
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "wrapper %s() takes no keyword arguments", name);
        return false;
    }
    if (nargs == expected)
        return true;
    raise_fmt(vm, exc::TypeError, "expected %zu argument%s, got %zu", expected - 1, expected == 2 ? "" : "s", nargs - 1);
    return false;
}

bool method_args(VM& vm, char const* qualname, size_t nargs, Tuple* kwnames, size_t expected)
{
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "%s() takes no keyword arguments", qualname);
        return false;
    }
    if (nargs == expected)
        return true;
    if (expected == 1)
        raise_fmt(vm, exc::TypeError, "%s() takes no arguments (%zu given)", qualname, nargs - 1);
    else
        raise_fmt(vm, exc::TypeError, "%s() takes exactly one argument (%zu given)", qualname, nargs - 1);
    return false;
}

bool ternary_wrapper_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "wrapper %s() takes no keyword arguments", name);
        return false;
    }
    // CPython unpacks with an empty function name, hence the leading space.
    if (nargs < 2)
        raise_fmt(vm, exc::TypeError, " expected at least 1 argument, got %zu", nargs - 1);
    else if (nargs > 3)
        raise_fmt(vm, exc::TypeError, " expected at most 2 arguments, got %zu", nargs - 1);
    else
        return true;
    return false;
}

// __round__(ndigits=<absent>) of int and float: positional only, at most one.
bool round_args(VM& vm, char const* qualname, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "%s() takes no keyword arguments", qualname);
        return false;
    }
    if (nargs <= 2)
        return true;
    raise_fmt(vm, exc::TypeError, "__round__ expected at most 1 argument, got %zu", nargs - 1);
    return false;
}

static bool check_self(VM& vm, char const* name, Value self)
{
    if (is_int(self))
        return true;
    raise_fmt(vm, exc::TypeError, "descriptor '%s' requires a 'int' object but received a '%s'", name, type_name(self));
    return false;
}

// Forward and reflected wrappers for a binary int operation `impl(vm, a, b)`.
#define SLPY_INT_BINARY(pyname, rpyname, cname, impl)                                       \
    static Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kw)                 \
    {                                                                                       \
        if (!wrapper_args(vm, pyname, nargs, kw, 2) || !check_self(vm, pyname, args[0]))   \
            return Value::null();                                                           \
        if (!is_int(args[1]))                                                               \
            return py_not_implemented();                                                    \
        return impl(vm, int_unwrap(args[0]), int_unwrap(args[1]));                          \
    }                                                                                       \
    static Value cname##_r(VM& vm, Value const* args, size_t nargs, Tuple* kw)             \
    {                                                                                       \
        if (!wrapper_args(vm, rpyname, nargs, kw, 2) || !check_self(vm, rpyname, args[0])) \
            return Value::null();                                                           \
        if (!is_int(args[1]))                                                               \
            return py_not_implemented();                                                    \
        return impl(vm, int_unwrap(args[1]), int_unwrap(args[0]));                          \
    }

static Value impl_truediv(VM& vm, Value a, Value b) { return int_true_divide(vm, a, b); }
static Value impl_and(VM& vm, Value a, Value b) { return int_bitop(vm, a, b, BitOp::AND); }
static Value impl_or(VM& vm, Value a, Value b) { return int_bitop(vm, a, b, BitOp::OR); }
static Value impl_xor(VM& vm, Value a, Value b) { return int_bitop(vm, a, b, BitOp::XOR); }
static Value impl_pow2(VM& vm, Value a, Value b) { return int_pow(vm, a, b, Value::null()); }

SLPY_INT_BINARY("__add__", "__radd__", int_m_add, int_add)
SLPY_INT_BINARY("__sub__", "__rsub__", int_m_sub, int_sub)
SLPY_INT_BINARY("__mul__", "__rmul__", int_m_mul, int_mul)
SLPY_INT_BINARY("__floordiv__", "__rfloordiv__", int_m_floordiv, int_floordiv)
SLPY_INT_BINARY("__mod__", "__rmod__", int_m_mod, int_mod)
SLPY_INT_BINARY("__divmod__", "__rdivmod__", int_m_divmod, int_divmod)
SLPY_INT_BINARY("__truediv__", "__rtruediv__", int_m_truediv, impl_truediv)
SLPY_INT_BINARY("__lshift__", "__rlshift__", int_m_lshift, int_lshift)
SLPY_INT_BINARY("__rshift__", "__rrshift__", int_m_rshift, int_rshift)
SLPY_INT_BINARY("__and__", "__rand__", int_m_and, impl_and)
SLPY_INT_BINARY("__or__", "__ror__", int_m_or, impl_or)
SLPY_INT_BINARY("__xor__", "__rxor__", int_m_xor, impl_xor)
SLPY_INT_BINARY("__rpow__", "__rpow__", int_m_pow2, impl_pow2)

// __pow__(self, other, mod=None) and __rpow__(self, other, mod=None).
static Value int_pow_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool reflected)
{
    char const* name = reflected ? "__rpow__" : "__pow__";
    if (!ternary_wrapper_args(vm, name, nargs, kwnames) || !check_self(vm, name, args[0]))
        return Value::null();
    if (!is_int(args[1]))
        return py_not_implemented();
    Value mod = Value::null();
    if (nargs == 3 && !is_none(args[2])) {
        if (!is_int(args[2]))
            return py_not_implemented();
        mod = int_unwrap(args[2]);
    }
    Value a = int_unwrap(args[0]), b = int_unwrap(args[1]);
    if (reflected)
        std::swap(a, b);
    if (!mod.is_null() && int_sign(b) < 0 && int_sign(mod) == 0)
        return raise(vm, exc::ValueError, "pow() 3rd argument cannot be 0");
    return int_pow(vm, a, b, mod);
}

static Value int_m_pow(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return int_pow_common(vm, args, nargs, kw, false); }
static Value int_m_rpow(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return int_pow_common(vm, args, nargs, kw, true); }

// A slot wrapper (__neg__, ...) taking no argument besides self.
#define SLPY_INT_UNARY(pyname, cname, body)                                                 \
    static Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kw)                 \
    {                                                                                       \
        if (!wrapper_args(vm, pyname, nargs, kw, 1) || !check_self(vm, pyname, args[0]))   \
            return Value::null();                                                           \
        Value a = int_unwrap(args[0]);                                                      \
        body                                                                                \
    }
// A plain method without arguments (bit_length, ...): "int.bit_length() takes no arguments".
#define SLPY_INT_NOARGS(pyname, cname, body)                                                \
    static Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kw)                 \
    {                                                                                       \
        if (!method_args(vm, "int." pyname, nargs, kw, 1) || !check_self(vm, pyname, args[0])) \
            return Value::null();                                                           \
        Value a = int_unwrap(args[0]);                                                      \
        body                                                                                \
    }

SLPY_INT_UNARY("__neg__", int_m_neg, return int_neg(vm, a);)
SLPY_INT_UNARY("__pos__", int_m_pos, return a;)
SLPY_INT_UNARY("__abs__", int_m_abs, return int_abs(vm, a);)
SLPY_INT_UNARY("__invert__", int_m_invert, return int_invert(vm, a);)
SLPY_INT_UNARY("__bool__", int_m_bool, return py_bool(int_sign(a) != 0);)
SLPY_INT_UNARY("__int__", int_m_int, return a;)
SLPY_INT_UNARY("__hash__", int_m_hash, return int_from_i64(vm, int_hash(a));)
SLPY_INT_UNARY("__repr__", int_m_repr, return int_repr(vm, a);)
SLPY_INT_NOARGS("bit_length", int_m_bit_length, return int_from_u64(vm, int_bit_length(a));)
SLPY_INT_NOARGS("conjugate", int_m_conjugate, return a;)
SLPY_INT_NOARGS("__getnewargs__", int_m_getnewargs, return Value::from_object(tuple_pack(vm, { a }));)
SLPY_INT_NOARGS("as_integer_ratio", int_m_as_integer_ratio,
               return Value::from_object(tuple_pack(vm, { a, Value::small_int(1) }));)
SLPY_INT_UNARY("__float__", int_m_float, double d; if (!int_to_double(vm, a, d)) return Value::null();
               return Value::from_double(d);)
SLPY_INT_NOARGS("__sizeof__", int_m_sizeof, return Value::small_int(a.is_int() ? 28 : 24 + 4 * ((int_bit_length(a) + 29) / 30));)
SLPY_INT_NOARGS("bit_count", int_m_bit_count,
               if (a.is_int()) { int64_t i = a.as_int(); return Value::small_int(__builtin_popcountll(static_cast<uint64_t>(i < 0 ? -i : i))); }
               Mpz t; mpz_abs(t, MpzView(a)); return int_from_u64(vm, mpz_popcount(t));)

// Rich comparisons: NotImplemented for non-ints (float handles int comparisons).
static Value int_compare_op(VM& vm, Value const* args, size_t nargs, Tuple* kw, CmpArg op)
{
    static char const* const kNames[] = { "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__" };
    char const* name = kNames[static_cast<int>(op)];
    if (!wrapper_args(vm, name, nargs, kw, 2) || !check_self(vm, name, args[0]))
        return Value::null();
    if (!is_int(args[1]))
        return py_not_implemented();
    int c = int_compare(args[0], args[1]);
    switch (op) {
    case CmpArg::LT: return py_bool(c < 0);
    case CmpArg::LE: return py_bool(c <= 0);
    case CmpArg::EQ: return py_bool(c == 0);
    case CmpArg::NE: return py_bool(c != 0);
    case CmpArg::GT: return py_bool(c > 0);
    case CmpArg::GE: return py_bool(c >= 0);
    }
    return Value::null();
}

static Value int_m_lt(VM& vm, Value const* a, size_t n, Tuple* kw) { return int_compare_op(vm, a, n, kw, CmpArg::LT); }
static Value int_m_le(VM& vm, Value const* a, size_t n, Tuple* kw) { return int_compare_op(vm, a, n, kw, CmpArg::LE); }
static Value int_m_eq(VM& vm, Value const* a, size_t n, Tuple* kw) { return int_compare_op(vm, a, n, kw, CmpArg::EQ); }
static Value int_m_ne(VM& vm, Value const* a, size_t n, Tuple* kw) { return int_compare_op(vm, a, n, kw, CmpArg::NE); }
static Value int_m_gt(VM& vm, Value const* a, size_t n, Tuple* kw) { return int_compare_op(vm, a, n, kw, CmpArg::GT); }
static Value int_m_ge(VM& vm, Value const* a, size_t n, Tuple* kw) { return int_compare_op(vm, a, n, kw, CmpArg::GE); }

// __index__ (a slot wrapper), __trunc__, __floor__, __ceil__ (plain methods): the exact
// int value.
SLPY_INT_UNARY("__index__", int_m_index, return a;)
SLPY_INT_NOARGS("__trunc__", int_m_trunc, return a;)
SLPY_INT_NOARGS("__floor__", int_m_floor, return a;)
SLPY_INT_NOARGS("__ceil__", int_m_ceil, return a;)

// __round__(ndigits=<absent>)
static Value int_m_round(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!round_args(vm, "int.__round__", nargs, kwnames) || !check_self(vm, "__round__", args[0]))
        return Value::null();
    Value a = int_unwrap(args[0]);
    if (nargs < 2)
        return a;
    Value nd = TRY(index(vm, args[1]));
    if (int_sign(nd) >= 0)
        return a;
    return int_round_negative(vm, a, nd);
}

static Value int_m_format(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!method_args(vm, "int.__format__", nargs, kw, 2) || !check_self(vm, "__format__", args[0]))
        return Value::null();
    String* spec = as_str(args[1]);
    if (!spec)
        return raise_fmt(vm, exc::TypeError, "__format__() argument must be str, not %s", type_name(args[1]));
    if (spec->byte_length == 0)
        return to_str(vm, args[0]);
    return format_int(vm, int_unwrap(args[0]), spec->view(), type_name(args[0]));
}

// Parses the byteorder argument; 0 little, 1 big, -1 error.
static int parse_byteorder(VM& vm, Value v, char const* fname)
{
    if (v.is_null())
        return 1;
    String* s = as_str(v);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "%s() argument 'byteorder' must be str, not %s", fname, type_name(v));
        return -1;
    }
    if (s->view() == "little")
        return 0;
    if (s->view() == "big")
        return 1;
    raise(vm, exc::ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

// to_bytes(length=1, byteorder='big', *, signed=False)
static Value int_m_to_bytes(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t npos = nargs; // positional arguments (keyword values follow them)
    size_t nkw = kwnames ? kwnames->size : 0;
    if (npos - 1 + nkw > 3)
        return raise_fmt(vm, exc::TypeError, "to_bytes() takes at most 3 arguments (%zu given)", npos - 1 + nkw);
    if (npos > 3)
        return raise_fmt(vm, exc::TypeError, "to_bytes() takes at most 2 positional arguments (%zu given)", npos - 1);
    Value out[3];
    if (!parse_args(vm, "to_bytes", args + 1, nargs - 1, kwnames, { "length", "byteorder", "signed" }, 0, out))
        return Value::null();
    if (!check_self(vm, "to_bytes", args[0]))
        return Value::null();
    int64_t length = 1;
    if (!out[0].is_null() && !index_i64(vm, out[0], length))
        return Value::null();
    if (length < 0)
        return raise(vm, exc::ValueError, "length argument must be non-negative");
    int order = parse_byteorder(vm, out[1], "to_bytes");
    if (order < 0)
        return Value::null();
    bool is_signed = false;
    if (!out[2].is_null()) {
        int t = truthy(vm, out[2]);
        if (t < 0)
            return Value::null();
        is_signed = t;
    }
    Value a = int_unwrap(args[0]);
    if (!is_signed && int_sign(a) < 0)
        return raise(vm, exc::OverflowError, "can't convert negative int to unsigned");
    MpzView av(a);
    Mpz mag;
    mpz_set(mag, av);
    if (int_sign(a) < 0) {
        // Two's complement: 2**(8*length) + a.
        Mpz p;
        mpz_setbit(p, static_cast<mp_bitcnt_t>(8 * length));
        mpz_add(mag, mag, p);
    }
    size_t needed = mpz_sgn(mag.z) ? (mpz_sizeinbase(mag, 2) + 7) / 8 : 0;
    bool overflow = needed > static_cast<size_t>(length) || mpz_sgn(mag.z) < 0;
    if (!overflow && is_signed && length > 0) {
        // The sign bit must match the sign of a.
        bool top = mpz_tstbit(mag, static_cast<mp_bitcnt_t>(8 * length - 1));
        overflow = top != (int_sign(a) < 0);
    }
    // CPython lets -1 through as zero bytes of sign extension.
    if (!overflow && is_signed && length == 0 && int_sign(a) != 0 && !(a.is_int() && a.as_int() == -1))
        overflow = true;
    if (overflow)
        return raise(vm, exc::OverflowError, "int too big to convert");
    Bytes* b = bytes_alloc(vm, static_cast<size_t>(length));
    if (!b)
        return Value::null();
    std::memset(b->data, 0, static_cast<size_t>(length));
    if (needed) {
        size_t count = 0;
        std::string tmp(needed, '\0');
        mpz_export(tmp.data(), &count, 1, 1, 1, 0, mag);
        std::memcpy(b->data + length - count, tmp.data(), count);
    }
    if (order == 0) {
        for (int64_t i = 0, j = length - 1; i < j; ++i, --j)
            std::swap(b->data[i], b->data[j]);
    }
    return Value::from_object(b);
}

// int.from_bytes(bytes, byteorder='big', *, signed=False) (classmethod)
static Value int_m_from_bytes(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t nkw = kwnames ? kwnames->size : 0;
    if (nargs - 1 + nkw > 3)
        return raise_fmt(vm, exc::TypeError, "from_bytes() takes at most 3 arguments (%zu given)", nargs - 1 + nkw);
    if (nargs > 3) // `signed` is keyword-only
        return raise_fmt(vm, exc::TypeError, "from_bytes() takes at most 2 positional arguments (%zu given)", nargs - 1);
    Value out[3];
    if (!parse_args(vm, "from_bytes", args + 1, nargs - 1, kwnames, { "bytes", "byteorder", "signed" }, 1, out))
        return Value::null();
    int order = parse_byteorder(vm, out[1], "from_bytes");
    if (order < 0)
        return Value::null();
    bool is_signed = false;
    if (!out[2].is_null()) {
        int t = truthy(vm, out[2]);
        if (t < 0)
            return Value::null();
        is_signed = t;
    }
    std::string data;
    if (Bytes* b = as_bytes(out[0])) {
        data.assign(b->view());
    } else if (ByteArray* ba = as_bytearray(out[0])) {
        data.assign(reinterpret_cast<char const*>(ba->data()), ba->size);
    } else {
        // PyObject_Bytes: __bytes__, the buffer protocol, or an iterable of ints in
        // range(256); never a str, and an int is not a length here.
        TypeObject* t = type_of(out[0]);
        String* bytes_name = intern(vm, "__bytes__");
        if (!bytes_name)
            return Value::null();
        bool has_bytes = !type_lookup(t, bytes_name).is_not_found();
        if (!has_bytes && (is_str(out[0]) || (t->slot(Slot::ITER).is_null() && t->slot(Slot::GETITEM).is_null())))
            return raise_fmt(vm, exc::TypeError, "cannot convert '%s' object to bytes", type_name(out[0]));
        Value converted = TRY(call1(vm, Value::from_object(types.bytes), out[0]));
        Bytes* b = as_bytes(converted);
        if (!b)
            return raise(vm, exc::TypeError, "cannot convert to bytes");
        data.assign(b->view());
    }
    if (order == 0)
        std::reverse(data.begin(), data.end());
    Mpz z;
    if (!data.empty())
        mpz_import(z, data.size(), 1, 1, 1, 0, data.data());
    if (is_signed && !data.empty() && (static_cast<unsigned char>(data[0]) & 0x80)) {
        Mpz p;
        mpz_setbit(p, static_cast<mp_bitcnt_t>(8 * data.size()));
        mpz_sub(z, z, p);
    }
    Value result = int_from_mpz(vm, z);
    Value cls = args[0];
    if (cls.is_object() && cls.as_object() != types.int_)
        return call1(vm, cls, result);
    return result;
}

// ---- getters
static Value int_get_self(VM& vm, Value const* args, size_t, Tuple*) { return int_unwrap(args[0]); }
static Value int_get_zero(VM& vm, Value const*, size_t, Tuple*) { return Value::small_int(0); }
static Value int_get_one(VM& vm, Value const*, size_t, Tuple*) { return Value::small_int(1); }

// ------------------------------------------------------------------ int()

// Calls an int-returning conversion method found on the type; checks the result type.
static Value call_int_method(VM& vm, Value x, Slot slot, char const* mname)
{
    Value r = TRY(call_slot(vm, x, slot, nullptr, 0)); // binds a non-function descriptor first
    if (!is_int(r))
        return raise_fmt(vm, exc::TypeError, "%s returned non-int (type %s)", mname, type_name(r));
    return int_unwrap(r);
}

Value int_from_object(VM& vm, Value x)
{
    if (x.is_int())
        return x;
    if (x.is_double())
        return int_from_double(vm, x.as_double());
    if (is_int(x) && type_of(x) == types.int_)
        return x;
    TypeObject* t = type_of(x);
    Value m = t->slot(Slot::INT);
    if (!m.is_null())
        return call_int_method(vm, x, Slot::INT, "__int__");
    m = t->slot(Slot::INDEX);
    if (!m.is_null())
        return call_int_method(vm, x, Slot::INDEX, "__index__");
    if (!type_lookup(t, names.__trunc__).is_not_found()) {
        if (!warn(vm, exc::DeprecationWarning, "The delegation of int() to __trunc__ is deprecated."))
            return Value::null();
        Value r = TRY(call_special0(vm, x, names.__trunc__));
        if (is_int(r))
            return int_unwrap(r);
        Value idx = type_of(r)->slot(Slot::INDEX);
        if (idx.is_null())
            return raise_fmt(vm, exc::TypeError, "__trunc__ returned non-Integral (type %s)", type_name(r));
        return call_int_method(vm, r, Slot::INDEX, "__index__");
    }
    bool handled;
    Value v = int_parse_object(vm, x, 10, handled);
    if (handled)
        return v;
    if (type_of(x) == types.memoryview) {
        // A buffer is parsed from a bytes copy (so errors show b'...', as CPython's do).
        Value copy = TRY(call1(vm, Value::from_object(types.bytes), x));
        return int_parse_object(vm, copy, 10, handled);
    }
    return raise_fmt(vm, exc::TypeError,
                     "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                     type_name(x));
}

// int.__new__(cls, x=0, /, base=10)
static Value int_m_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* cls_type = numeric_new_cls(vm, types.int_, args, nargs);
    if (!cls_type)
        return Value::null();
    size_t nkw = kwnames ? kwnames->size : 0;
    if (nargs - 1 + nkw > 2)
        return raise_fmt(vm, exc::TypeError, "int() takes at most 2 arguments (%zu given)", nargs - 1 + nkw);
    Value out[2];
    if (!parse_args(vm, "int", args + 1, nargs - 1, kwnames, { "x", "base" }, 0, out, 1))
        return Value::null();
    if (cls_type == types.bool_)
        return raise(vm, exc::TypeError, "int.__new__(bool) is not safe, use bool.__new__()");
    Value result;
    if (out[1].is_null()) {
        result = out[0].is_null() ? Value::small_int(0) : TRY(int_from_object(vm, out[0]));
    } else {
        if (out[0].is_null())
            return raise(vm, exc::TypeError, "int() missing string argument");
        Value b = TRY(index(vm, out[1]));
        int64_t base = -1;
        if (!int_to_i64(b, base) || (base != 0 && (base < 2 || base > 36)))
            return raise(vm, exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
        bool handled;
        result = int_parse_object(vm, out[0], static_cast<int>(base), handled);
        if (!handled)
            return raise(vm, exc::TypeError, "int() can't convert non-string with explicit base");
        if (result.is_null())
            return result;
    }
    if (cls_type != types.int_)
        return box_value(vm, cls_type, result);
    return result;
}

TypeObject* numeric_new_cls(VM& vm, TypeObject* base, Value const* args, size_t nargs)
{
    char const* name = base->name->c_str();
    if (nargs == 0) {
        (void)raise_fmt(vm, exc::TypeError, "%s.__new__(): not enough arguments", name);
        return nullptr;
    }
    if (!args[0].is_object() || !is_instance_fast(args[0], types.type)) {
        (void)raise_fmt(vm, exc::TypeError, "%s.__new__(X): X is not a type object (%s)", name, type_name(args[0]));
        return nullptr;
    }
    auto* cls = static_cast<TypeObject*>(args[0].as_object());
    if (!is_subtype(cls, base)) {
        char const* cname = cls->name->c_str();
        (void)raise_fmt(vm, exc::TypeError, "%s.__new__(%s): %s is not a subtype of %s", name, cname, cname, name);
        return nullptr;
    }
    return cls;
}

// ------------------------------------------------------------------ bool

static bool is_bool(Value v) { return v.is_object() && v.as_object()->type == types.bool_; }

static Value bool_m_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "bool", kwnames))
        return Value::null();
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "bool expected at most 1 argument, got %zu", nargs - 1);
    if (nargs < 2)
        return py_false();
    int t = truthy(vm, args[1]);
    if (t < 0)
        return Value::null();
    return py_bool(t);
}

static Value bool_m_repr(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!wrapper_args(vm, "__repr__", nargs, kw, 1))
        return Value::null();
    bool v = is_bool(args[0]) && args[0].as<BoolObject>()->value;
    return str_value(vm, v ? "True" : "False");
}

#define SLPY_BOOL_BITOP(cname, op, intfn)                                                \
    static Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kw)               \
    {                                                                                     \
        if (nargs == 2 && is_bool(args[0]) && is_bool(args[1])) {                         \
            int64_t a = args[0].as<BoolObject>()->value, b = args[1].as<BoolObject>()->value; \
            return py_bool((a op b) != 0);                                                \
        }                                                                                 \
        return intfn(vm, args, nargs, kw);                                                \
    }

SLPY_BOOL_BITOP(bool_m_and, &, int_m_and)
SLPY_BOOL_BITOP(bool_m_rand, &, int_m_and_r)
SLPY_BOOL_BITOP(bool_m_or, |, int_m_or)
SLPY_BOOL_BITOP(bool_m_ror, |, int_m_or_r)
SLPY_BOOL_BITOP(bool_m_xor, ^, int_m_xor)
SLPY_BOOL_BITOP(bool_m_rxor, ^, int_m_xor_r)

// ------------------------------------------------------------------ setup

void setup_int(VM& vm)
{
    int_install_gmp_allocator(vm);
    TypeObject* t = types.int_;
    if (!t->finalize)
        t->finalize = [](Object* o) { mpz_clear(static_cast<BigInt*>(o)->z); };
    add_methods(vm, t, {
        { "__new__", int_m_new, METH_STATIC },
        { "__repr__", int_m_repr }, { "__hash__", int_m_hash }, { "__bool__", int_m_bool },
        { "__add__", int_m_add }, { "__radd__", int_m_add_r },
        { "__sub__", int_m_sub }, { "__rsub__", int_m_sub_r },
        { "__mul__", int_m_mul }, { "__rmul__", int_m_mul_r },
        { "__floordiv__", int_m_floordiv }, { "__rfloordiv__", int_m_floordiv_r },
        { "__truediv__", int_m_truediv }, { "__rtruediv__", int_m_truediv_r },
        { "__mod__", int_m_mod }, { "__rmod__", int_m_mod_r },
        { "__divmod__", int_m_divmod }, { "__rdivmod__", int_m_divmod_r },
        { "__pow__", int_m_pow }, { "__rpow__", int_m_rpow },
        { "__lshift__", int_m_lshift }, { "__rlshift__", int_m_lshift_r },
        { "__rshift__", int_m_rshift }, { "__rrshift__", int_m_rshift_r },
        { "__and__", int_m_and }, { "__rand__", int_m_and_r },
        { "__or__", int_m_or }, { "__ror__", int_m_or_r },
        { "__xor__", int_m_xor }, { "__rxor__", int_m_xor_r },
        { "__neg__", int_m_neg }, { "__pos__", int_m_pos }, { "__abs__", int_m_abs },
        { "__invert__", int_m_invert },
        { "__lt__", int_m_lt }, { "__le__", int_m_le }, { "__eq__", int_m_eq },
        { "__ne__", int_m_ne }, { "__gt__", int_m_gt }, { "__ge__", int_m_ge },
        { "__int__", int_m_int }, { "__index__", int_m_index }, { "__float__", int_m_float },
        { "__trunc__", int_m_trunc }, { "__floor__", int_m_floor }, { "__ceil__", int_m_ceil },
        { "__round__", int_m_round }, { "__format__", int_m_format },
        { "__getnewargs__", int_m_getnewargs }, { "__sizeof__", int_m_sizeof },
        { "bit_length", int_m_bit_length }, { "bit_count", int_m_bit_count },
        { "to_bytes", int_m_to_bytes }, { "from_bytes", int_m_from_bytes, METH_CLASS },
        { "as_integer_ratio", int_m_as_integer_ratio }, { "conjugate", int_m_conjugate },
    });
    (void)int_m_pow2;
    (void)int_m_pow2_r;
    add_getsets(vm, t, {
        { "real", int_get_self }, { "imag", int_get_zero },
        { "numerator", int_get_self }, { "denominator", int_get_one },
    });

    TypeObject* b = types.bool_;
    add_methods(vm, b, {
        { "__new__", bool_m_new, METH_STATIC },
        { "__repr__", bool_m_repr },
        { "__and__", bool_m_and }, { "__rand__", bool_m_rand },
        { "__or__", bool_m_or }, { "__ror__", bool_m_ror },
        { "__xor__", bool_m_xor }, { "__rxor__", bool_m_rxor },
    });
}

} // namespace slpy
