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
