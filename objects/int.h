// int: small ints inline in the Value (48 bits), GMP-backed BigInt beyond.
//
// Every int result goes through int_from_* which demotes to the inline form when it fits,
// so an int Value is a BigInt only when it does not fit in 48 bits. bool is a subclass of
// int (True/False are BoolObject singletons holding 1/0); instances of Python int
// subclasses are BoxedValue objects with the int in base_value.
#pragma once

#include "objects/runtime.h"

#include <gmp.h>
#include <cstdint>
#include <string>
#include <string_view>

namespace slpy {

struct BigInt : Object {
    mpz_t z;
};

struct BoolObject : Object {
    int64_t value; // 0 or 1
};

// True when v is an int (inline, BigInt, bool, or an int-subclass instance).
bool is_int(Value v);
// The plain int inside v (inline or BigInt Value); v must satisfy is_int. For bool gives
// 0/1, for a subclass instance its base value.
Value int_unwrap(Value v);

Value int_from_i64(VM& vm, int64_t i);
Value int_from_u64(VM& vm, uint64_t u);
Value int_from_double(VM& vm, double d); // truncates; OverflowError/ValueError for inf/nan
// Normalizes: demotes to inline when it fits.
Value int_from_mpz(VM& vm, mpz_srcptr z);
// Sets `out` (initialized by the caller) to the int's value. v: is_int.
void int_to_mpz(Value v, mpz_ptr out);
// Fits in int64_t? (v: is_int)
bool int_to_i64(Value v, int64_t& out);
// Converts to double with CPython's rounding; OverflowError "int too large to convert to float".
bool int_to_double(VM& vm, Value v, double& out);
int int_sign(Value v);
// int(text, base) with CPython's syntax (underscores, whitespace, prefixes with base 0)
// and error "invalid literal for int() with base 10: 'x'".
Value int_from_string(VM& vm, std::string_view text, int base);
// Decimal text; fast for huge numbers (GMP's subquadratic conversion).
std::string int_to_decimal(Value v);
Value int_repr(VM& vm, Value v);
// hash(int) as CPython: value mod (2**61 - 1), sign kept, -1 -> -2.
int64_t int_hash(Value v);
int int_compare(Value a, Value b); // both is_int

} // namespace slpy

namespace slpy {

// ---- helpers for the numeric modules (int.cpp)

// An owned mpz_t with RAII (init on construction, clear on destruction).
struct Mpz {
    mpz_t z;
    Mpz() { mpz_init(z); }
    ~Mpz() { mpz_clear(z); }
    Mpz(Mpz const&) = delete;
    Mpz& operator=(Mpz const&) = delete;
    operator mpz_ptr() { return z; }
    operator mpz_srcptr() const { return z; }
};

// int_from_mpz for a temporary the caller is done with: its limbs move into the new int
// (no copy of a possibly huge number) and z is left 0. Null with MemoryError pending.
Value int_from_mpz(VM& vm, Mpz& z);

// A read-only mpz view of an int Value (inline, BigInt, bool or int-subclass instance):
// no allocation for inline ints. Not copyable (the view may point into the object itself).
class MpzView {
public:
    explicit MpzView(Value plain_int);
    MpzView(MpzView const&) = delete;
    MpzView& operator=(MpzView const&) = delete;
    mpz_srcptr get() const { return m_ptr; }
    operator mpz_srcptr() const { return m_ptr; }

private:
    mpz_t m_tmp;
    mp_limb_t m_limb;
    mpz_srcptr m_ptr;
};

// True when the plain int Value is a heap BigInt.
inline bool is_bigint(Value v) { return v.is_object(); }
// Three-way exact comparison of an int with a double (nan: returns 2, "unordered").
int int_compare_double(Value i, double d);
// Correctly rounded a / b for ints (CPython's true division). ZeroDivisionError
// "division by zero", OverflowError "integer division result too large for a float".
Value int_true_divide(VM& vm, Value a, Value b);
// Rounds the non-negative q * 2**exp2 (plus a nonzero tail below q's last bit when
// `sticky`) to the nearest double, ties to even. Precondition when sticky: q has at
// least 55 significant bits. Returns false on overflow (> DBL_MAX after rounding).
bool mpz_scaled_to_double(mpz_srcptr q, long exp2, bool sticky, double& out);

// CPython 3.11's int <-> str digit limit (sys.set_int_max_str_digits); 0 = no limit.
int64_t get_int_max_str_digits();
// ValueError "maxdigits must be 0 or larger than 640" for a bad value.
bool set_int_max_str_digits(VM& vm, int64_t maxdigits);
// The digit limit's threshold: 640 (sys.int_info.str_digits_check_threshold).
inline constexpr int64_t kIntMaxStrDigitsThreshold = 640;
inline constexpr int64_t kIntDefaultMaxStrDigits = 4300;

// int(x) for any object (int.__new__ with one argument): __int__, __index__, __trunc__,
// str/bytes/bytearray parsing. Returns a plain int.
Value int_from_object(VM& vm, Value x);

// Arithmetic on plain int Values (already unwrapped); raise as CPython's int does.
Value int_add(VM& vm, Value a, Value b);
Value int_sub(VM& vm, Value a, Value b);
Value int_mul(VM& vm, Value a, Value b);
Value int_floordiv(VM& vm, Value a, Value b);
Value int_mod(VM& vm, Value a, Value b);
Value int_neg(VM& vm, Value a);
// a ** b (float for a negative b); with mod (null: none) as 3-argument pow.
Value int_pow(VM& vm, Value a, Value b, Value mod);
Value int_lshift(VM& vm, Value a, Value b);
Value int_rshift(VM& vm, Value a, Value b);
// Bit length of |v|.
uint64_t int_bit_length(Value v);
// GMP cannot report a failed allocation (its allocator must succeed or end the process),
// so every operation that may build a big number first asks the heap for room for a
// result of `bits` bits, `copies` times over (the result plus GMP's scratch). False with
// MemoryError pending when that much memory cannot be had. Free for results under 1 MiB.
[[nodiscard]] bool int_reserve_bits(VM& vm, uint64_t bits, unsigned copies = 1);

} // namespace slpy

namespace slpy {

// Routes GMP's allocations through the heap's external-allocation accounting (setup_int).
void int_install_gmp_allocator(VM& vm);
// int(x, base) parsing of a str/bytes/bytearray x; `handled` is false (and null returned
// without an error) when x is none of those.
Value int_parse_object(VM& vm, Value x, int base, bool& handled);
// Non-ASCII text of int()/float(): Unicode decimal digits become ASCII digits and
// Unicode spaces ' ' (CPython's _PyUnicode_TransformDecimalAndSpaceToASCII).
std::string numeric_text_to_ascii(std::string_view utf8);
// The cls argument of a numeric __new__ (int, float, complex) checked as CPython's
// tp_new_wrapper does: "X.__new__(): not enough arguments", "X is not a type object",
// "is not a subtype of". nullptr with TypeError pending on failure.
TypeObject* numeric_new_cls(VM& vm, TypeObject* base, Value const* args, size_t nargs);
// Argument checks with CPython's wording for built-in methods of the numeric types
// (nargs counts self). Slot wrappers (__add__, __neg__, ...): "expected 1 argument, got
// 2", "wrapper __add__() takes no keyword arguments"; plain methods named by qualname
// ("int.bit_length"): "int.bit_length() takes no arguments (1 given)", "... takes
// exactly one argument (0 given)", "... takes no keyword arguments".
bool wrapper_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t expected);
bool method_args(VM& vm, char const* qualname, size_t nargs, Tuple* kwnames, size_t expected);
// __pow__/__rpow__ wrappers: one or two arguments.
bool ternary_wrapper_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames);
// __round__ of int and float: at most one positional argument, no keywords.
bool round_args(VM& vm, char const* qualname, size_t nargs, Tuple* kwnames);
// bin()/oct()/hex() text: "-0x1f", "0b101", "0o17" (base 2, 8 or 16; no digit limit).
Value int_to_base_string(VM& vm, Value v, int base);
// False with ValueError pending when converting v to decimal text would exceed the digit
// limit (CPython's message for int -> str).
bool int_check_str_digits(VM& vm, Value v);

} // namespace slpy
