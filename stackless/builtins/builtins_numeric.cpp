// builtins: the numeric and character functions: abs, bin, oct, hex, chr, ord, divmod,
// pow (two and three arguments) and round.
#include "stackless/builtins/builtins.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/string.h"

namespace slpy {

namespace {

bool implemented(Value r) { return r.is_null() || (!r.is_not_found() && !r.is(py_not_implemented())); }

Value base_string(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, int base)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 1, 1))
        return Value::null();
    Value i = TRY(index(vm, args[0]));
    return int_to_base_string(vm, int_unwrap(i), base);
}

} // namespace

Value builtin_abs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "abs", kwnames) || !check_nargs(vm, "abs", nargs, 1, 1))
        return Value::null();
    Value v = args[0];
    if (v.is_int() && v.as_int() != Value::kIntMin)
        return Value::small_int(v.as_int() < 0 ? -v.as_int() : v.as_int());
    if (v.is_double())
        return Value::from_double(__builtin_fabs(v.as_double()));
    Value r = call_slot(vm, v, Slot::ABS, nullptr, 0);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "bad operand type for abs(): '%s'", type_name(v));
    return r;
}

Value builtin_bin(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return base_string(vm, args, nargs, kwnames, "bin", 2);
}

Value builtin_oct(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return base_string(vm, args, nargs, kwnames, "oct", 8);
}

Value builtin_hex(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return base_string(vm, args, nargs, kwnames, "hex", 16);
}

Value builtin_chr(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "chr", kwnames) || !check_nargs(vm, "chr", nargs, 1, 1))
        return Value::null();
    Value i = TRY(index(vm, args[0]));
    int64_t cp;
    if (!int_to_i64(int_unwrap(i), cp) || cp < INT32_MIN || cp > INT32_MAX)
        return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
    if (cp < 0 || cp > 0x10FFFF)
        return raise(vm, exc::ValueError, "chr() arg not in range(0x110000)");
    return Value::from_object(str_from_codepoint(vm, uint32_t(cp)));
}

Value builtin_ord(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "ord", kwnames) || !check_nargs(vm, "ord", nargs, 1, 1))
        return Value::null();
    Value v = args[0];
    size_t size;
    if (String* s = as_str(v)) {
        if (s->length == 1)
            return Value::small_int(str_char_at(s, 0));
        size = s->length;
    } else if (Bytes* b = as_bytes(v)) {
        if (b->size == 1)
            return Value::small_int(b->data[0]);
        size = b->size;
    } else if (ByteArray* ba = as_bytearray(v)) {
        if (ba->size == 1)
            return Value::small_int(ba->data()[0]);
        size = ba->size;
    } else {
        return raise_fmt(vm, exc::TypeError, "ord() expected string of length 1, but %s found", type_name(v));
    }
    return raise_fmt(vm, exc::TypeError, "ord() expected a character, but string of length %zu found", size);
}

// divmod(a, b): a.__divmod__(b) / b.__rdivmod__(a) with the binary-operator rules (a
// subclass's reflected method goes first).
Value builtin_divmod(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "divmod", kwnames) || !check_nargs(vm, "divmod", nargs, 2, 2))
        return Value::null();
    Value a = args[0], b = args[1];
    TypeObject* ta = type_of(a);
    TypeObject* tb = type_of(b);
    bool try_reflected = ta != tb && !tb->slot(Slot::RDIVMOD).is_null();
    if (try_reflected && is_subtype(tb, ta) && !tb->slot(Slot::RDIVMOD).is(ta->slot(Slot::RDIVMOD))) {
        Value r = call_slot(vm, b, Slot::RDIVMOD, &a, 1);
        if (implemented(r))
            return r;
        try_reflected = false;
    }
    Value r = call_slot(vm, a, Slot::DIVMOD, &b, 1);
    if (implemented(r))
        return r;
    if (try_reflected) {
        r = call_slot(vm, b, Slot::RDIVMOD, &a, 1);
        if (implemented(r))
            return r;
    }
    return raise_fmt(vm, exc::TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'", type_name(a), type_name(b));
}

// pow(base, exp, mod=None). The three-argument form follows CPython's ternary_op:
// base's __pow__, then exp's reflected method when its type differs; mod's type gets
// a say only through the built-in float/complex rule below.
Value builtin_pow(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "pow", args, nargs, kwnames, { "base", "exp", "mod" }, 2, a))
        return Value::null();
    Value v = a[0], w = a[1], z = a[2];
    if (z.is_null() || is_none(z))
        return binary_op(vm, v, w, BinOpArg::POWER);
    TypeObject* tv = type_of(v);
    TypeObject* tw = type_of(w);
    TypeObject* tz = type_of(z);
    Value wz[2] = { w, z };
    Value r = call_slot(vm, v, Slot::POW, wz, 2);
    if (implemented(r))
        return r;
    if (tw != tv && !tw->is_heap_type()) {
        Value vz[2] = { v, z };
        r = call_slot(vm, w, Slot::RPOW, vz, 2);
        if (implemented(r))
            return r;
    }
    // A built-in float or complex modulus: its nb_power refuses any three-argument form.
    if (tz != tv && tz != tw && (tz == types.float_ || tz == types.complex)) {
        bool numbers = (is_int(v) || is_float(v)) && (is_int(w) || is_float(w));
        if (numbers && tz == types.float_)
            return raise(vm, exc::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        if (numbers)
            return raise(vm, exc::ValueError, "complex modulo");
    }
    return raise_fmt(vm, exc::TypeError, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'", type_name(v), type_name(w), type_name(z));
}

// round(number, ndigits=None): type(number).__round__() without an argument when ndigits
// is absent or None, else __round__(ndigits).
Value builtin_round(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (nargs == 0) {
        // Argument clinic reports the missing argument before any unknown keyword.
        bool given = false;
        for (size_t k = 0; kwnames && k < kwnames->size; ++k) {
            String* key = as_str(kwnames->items[k]);
            given = given || (key && key->view() == "number");
        }
        if (!given && (!kwnames || kwnames->size <= 2))
            return raise(vm, exc::TypeError, "round() missing required argument 'number' (pos 1)");
    }
    if (!parse_args(vm, "round", args, nargs, kwnames, { "number", "ndigits" }, 1, a))
        return Value::null();
    bool with_digits = !a[1].is_null() && !is_none(a[1]);
    Value r = call_slot(vm, a[0], Slot::ROUND, &a[1], with_digits ? 1 : 0);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "type %s doesn't define __round__ method", type_name(a[0]));
    return r;
}

} // namespace slpy
