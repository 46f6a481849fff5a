// int core: representation helpers (inline 48-bit ints and GMP BigInts), conversions to
// and from double and text, hashing, comparison, the GMP allocator hooks and the
// int <-> str digit limit. The Python-level methods of int and bool are in int_ops.cpp.
#include "objects/int.h"

#include "objects/bytes.h"
#include "objects/float.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

namespace slpy {

// ------------------------------------------------------------------ GMP memory

// GMP allocates limbs through the heap's external allocator, which tells the heap about
// every allocation (so that big-number churn triggers collections, which finalize dead
// BigInts and free limbs). GMP cannot be told that an allocation failed, so operations
// that may build a big result ask the heap for room first (int_reserve_bits); the
// allocator itself only falls back on a collection and the emergency reserve.
// mp_set_memory_functions is process-wide, so the hooks find the heap of the VM running
// on the calling thread (t_current_vm); a thread without one gets plain malloc.

static void* gmp_alloc(size_t n)
{
    if (VM* vm = t_current_vm)
        return vm->heap.external_malloc(n);
    void* p = std::malloc(n);
    if (!p)
        std::abort();
    return p;
}

static void* gmp_realloc(void* p, size_t old_size, size_t new_size)
{
    if (VM* vm = t_current_vm)
        return vm->heap.external_realloc(p, old_size, new_size);
    void* q = std::realloc(p, new_size);
    if (!q)
        std::abort();
    return q;
}

static void gmp_free(void* p, size_t) { std::free(p); }

void int_install_gmp_allocator(VM&)
{
    // The same three functions every time: installing them from several threads at
    // once writes the same values, but once is enough.
    static std::once_flag once;
    std::call_once(once, [] { mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free); });
}

// ------------------------------------------------------------------ digit limit

// Per VM (sys.set_int_max_str_digits); the no-argument form reads the running VM's.
int64_t get_int_max_str_digits() { return t_current_vm ? t_current_vm->max_str_digits : kIntDefaultMaxStrDigits; }

bool set_int_max_str_digits(VM& vm, int64_t maxdigits)
{
    if (maxdigits != 0 && maxdigits < kIntMaxStrDigitsThreshold) {
        raise(vm, exc::ValueError, "maxdigits must be 0 or larger than 640");
        return false;
    }
    vm.max_str_digits = maxdigits;
    return true;
}

// ------------------------------------------------------------------ representation

bool is_int(Value v)
{
    if (v.is_int())
        return true;
    if (!v.is_object())
        return false;
    TypeObject* t = v.as_object()->type;
    return t == types.int_ || t == types.bool_ || t->has_flag(TF_INT_SUBCLASS);
}

Value int_unwrap(Value v)
{
    if (v.is_int())
        return v;
    TypeObject* t = v.as_object()->type;
    if (t == types.int_)
        return v;
    if (t == types.bool_ || is_subtype(t, types.bool_))
        return Value::small_int(static_cast<BoolObject*>(v.as_object())->value);
    return static_cast<BoxedValue*>(v.as_object())->base_value;
}

static BigInt* as_big(Value v) { return v.as<BigInt>(); }

MpzView::MpzView(Value v)
{
    if (!v.is_int() && v.as_object()->type != types.int_)
        v = int_unwrap(v); // bool or int-subclass instance
    if (v.is_int()) {
        int64_t i = v.as_int();
        m_limb = static_cast<mp_limb_t>(i < 0 ? -i : i);
        mpz_roinit_n(m_tmp, &m_limb, i < 0 ? -1 : (i > 0 ? 1 : 0));
        m_ptr = m_tmp;
    } else {
        m_ptr = as_big(v)->z;
    }
}

Value int_from_i64(VM& vm, int64_t i)
{
    if (Value::int_fits(i))
        return Value::small_int(i);
    BigInt* b = vm.heap.make<BigInt>(types.int_);
    if (!b)
        return Value::null();
    mpz_init_set_si(b->z, i);
    return Value::from_object(b);
}

Value int_from_u64(VM& vm, uint64_t u)
{
    if (u <= static_cast<uint64_t>(Value::kIntMax))
        return Value::small_int(static_cast<int64_t>(u));
    BigInt* b = vm.heap.make<BigInt>(types.int_);
    if (!b)
        return Value::null();
    mpz_init_set_ui(b->z, u);
    return Value::from_object(b);
}

Value int_from_mpz(VM& vm, mpz_srcptr z)
{
    if (mpz_fits_slong_p(z)) {
        long l = mpz_get_si(z);
        if (Value::int_fits(l))
            return Value::small_int(l);
    }
    BigInt* b = vm.heap.make<BigInt>(types.int_);
    if (!b)
        return Value::null();
    mpz_init_set(b->z, z);
    return Value::from_object(b);
}

Value int_from_mpz(VM& vm, Mpz& z)
{
    if (mpz_fits_slong_p(z.z)) {
        long l = mpz_get_si(z.z);
        if (Value::int_fits(l))
            return Value::small_int(l);
    }
    BigInt* b = vm.heap.make<BigInt>(types.int_);
    if (!b)
        return Value::null();
    mpz_init(b->z);
    mpz_swap(b->z, z.z);
    return Value::from_object(b);
}

Value int_from_double(VM& vm, double d)
{
    if (std::isinf(d))
        return raise(vm, exc::OverflowError, "cannot convert float infinity to integer");
    if (std::isnan(d))
        return raise(vm, exc::ValueError, "cannot convert float NaN to integer");
    double t = std::trunc(d);
    if (t >= -9.0e15 && t <= 9.0e15)
        return int_from_i64(vm, static_cast<int64_t>(t));
    Mpz z;
    mpz_set_d(z, t); // exact for integral doubles
    return int_from_mpz(vm, z);
}

void int_to_mpz(Value v, mpz_ptr out)
{
    v = int_unwrap(v);
    if (v.is_int())
        mpz_set_si(out, v.as_int());
    else
        mpz_set(out, as_big(v)->z);
}

bool int_to_i64(Value v, int64_t& out)
{
    v = int_unwrap(v);
    if (v.is_int()) {
        out = v.as_int();
        return true;
    }
    mpz_srcptr z = as_big(v)->z;
    if (!mpz_fits_slong_p(z))
        return false;
    out = mpz_get_si(z);
    return true;
}

int int_sign(Value v)
{
    v = int_unwrap(v);
    if (v.is_int()) {
        int64_t i = v.as_int();
        return (i > 0) - (i < 0);
    }
    return mpz_sgn(as_big(v)->z);
}

bool int_reserve_bits(VM& vm, uint64_t bits, unsigned copies)
{
    constexpr uint64_t kSmallBits = uint64_t(1) << 23; // 1 MiB: below the heap's probe size
    if (bits < kSmallBits / copies)
        return true;
    return vm.heap.reserve_external(Heap::array_bytes(64, bits / 8, copies));
}

uint64_t int_bit_length(Value v)
{
    v = int_unwrap(v);
    if (v.is_int()) {
        int64_t i = v.as_int();
        uint64_t m = static_cast<uint64_t>(i < 0 ? -i : i);
        return m ? 64 - __builtin_clzll(m) : 0;
    }
    mpz_srcptr z = as_big(v)->z;
    return mpz_sgn(z) ? mpz_sizeinbase(z, 2) : 0;
}

// ------------------------------------------------------------------ to double

bool mpz_scaled_to_double(mpz_srcptr q, long exp2, bool sticky, double& out)
{
    size_t n = mpz_sgn(q) ? mpz_sizeinbase(q, 2) : 0;
    if (n == 0) {
        out = 0.0;
        return true;
    }
    long top = static_cast<long>(n) - 1 + exp2; // q * 2**exp2 is in [2**top, 2**(top+1))
    if (top > DBL_MAX_EXP) {
        return false;
    }
    long ulp_exp = std::max(top, static_cast<long>(DBL_MIN_EXP - 1)) - (DBL_MANT_DIG - 1);
    long drop = ulp_exp - exp2; // low bits of q below the result's last place
    if (drop <= 0) {
        // Exact: q has at most 53 significant bits here.
        out = std::ldexp(mpz_get_d(q), static_cast<int>(exp2));
        return !std::isinf(out);
    }
    Mpz m;
    mpz_tdiv_q_2exp(m, q, static_cast<mp_bitcnt_t>(drop));
    bool half = mpz_tstbit(q, static_cast<mp_bitcnt_t>(drop - 1));
    bool below = sticky || (drop >= 2 && mpz_scan1(q, 0) < static_cast<mp_bitcnt_t>(drop - 1));
    uint64_t mant = mpz_get_ui(m);
    if (half && (below || (mant & 1)))
        ++mant;
    out = std::ldexp(static_cast<double>(mant), static_cast<int>(ulp_exp));
    return !std::isinf(out);
}

bool int_to_double(VM& vm, Value v, double& out)
{
    v = int_unwrap(v);
    if (v.is_int()) {
        out = static_cast<double>(v.as_int());
        return true;
    }
    mpz_srcptr z = as_big(v)->z;
    Mpz a;
    mpz_abs(a, z);
    double d;
    if (!mpz_scaled_to_double(a, 0, false, d)) {
        raise(vm, exc::OverflowError, "int too large to convert to float");
        return false;
    }
    out = mpz_sgn(z) < 0 ? -d : d;
    return true;
}

Value int_true_divide(VM& vm, Value a, Value b)
{
    a = int_unwrap(a);
    b = int_unwrap(b);
    if (int_sign(b) == 0)
        return raise(vm, exc::ZeroDivisionError, "division by zero");
    constexpr int64_t kExact = int64_t(1) << DBL_MANT_DIG;
    if (a.is_int() && b.is_int() && a.as_int() <= kExact && a.as_int() >= -kExact) {
        // Both operands are exact doubles: IEEE division is correctly rounded.
        return Value::from_double(static_cast<double>(a.as_int()) / static_cast<double>(b.as_int()));
    }
    bool negate = (int_sign(a) < 0) != (int_sign(b) < 0);
    if (int_sign(a) == 0)
        return Value::from_double(negate ? -0.0 : 0.0);
    Mpz x, y;
    {
        MpzView av(a), bv(b);
        mpz_abs(x, av);
        mpz_abs(y, bv);
    }
    long na = static_cast<long>(mpz_sizeinbase(x, 2));
    long nb = static_cast<long>(mpz_sizeinbase(y, 2));
    long diff = na - nb; // quotient in [2**(diff-1), 2**(diff+1))
    if (diff > DBL_MAX_EXP + 1)
        return raise(vm, exc::OverflowError, "integer division result too large for a float");
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 2)
        return Value::from_double(negate ? -0.0 : 0.0);
    long shift = DBL_MANT_DIG + 2 - diff; // quotient gets >= 55 bits
    if (shift > 0)
        mpz_mul_2exp(x, x, static_cast<mp_bitcnt_t>(shift));
    else if (shift < 0)
        mpz_mul_2exp(y, y, static_cast<mp_bitcnt_t>(-shift));
    Mpz q, r;
    mpz_tdiv_qr(q, r, x, y);
    double d;
    if (!mpz_scaled_to_double(q, -shift, mpz_sgn(r.z) != 0, d))
        return raise(vm, exc::OverflowError, "integer division result too large for a float");
    return Value::from_double(negate ? -d : d);
}

// ------------------------------------------------------------------ comparison and hash

int int_compare(Value a, Value b)
{
    a = int_unwrap(a);
    b = int_unwrap(b);
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        return (x > y) - (x < y);
    }
    MpzView x(a), y(b);
    int c = mpz_cmp(x, y);
    return (c > 0) - (c < 0);
}

int int_compare_double(Value i, double d)
{
    if (std::isnan(d))
        return 2;
    i = int_unwrap(i);
    if (i.is_int()) {
        double x = static_cast<double>(i.as_int()); // exact: 48 bits
        return (x > d) - (x < d);
    }
    if (std::isinf(d))
        return d > 0 ? -1 : 1;
    int c = mpz_cmp_d(as_big(i)->z, d); // exact
    return (c > 0) - (c < 0);
}

static constexpr uint64_t kHashModulus = (uint64_t(1) << 61) - 1;

int64_t int_hash(Value v)
{
    v = int_unwrap(v);
    int64_t h;
    if (v.is_int()) {
        h = v.as_int(); // |h| < 2**47 < modulus
    } else {
        mpz_srcptr z = as_big(v)->z;
        // CPython hashes -x as -(x mod P); mpz_tdiv_ui gives |z| mod P.
        int64_t r = static_cast<int64_t>(mpz_tdiv_ui(z, kHashModulus));
        h = mpz_sgn(z) < 0 ? -r : r;
    }
    return h == -1 ? -2 : h;
}

// ------------------------------------------------------------------ text

// Whitespace around an int literal: ASCII only, as CPython's Py_ISSPACE (non-ASCII str
// text was already mapped to ASCII by numeric_text_to_ascii; \x1c..\x1f never count).
static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

// Strips the ASCII whitespace around the literal.
static std::string_view strip_spaces(std::string_view s)
{
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Raises "invalid literal for int() with base B: <repr of orig>" (repr truncated to 200
// characters as CPython does).
static Value invalid_literal(VM& vm, int base, Value orig)
{
    Value r = TRY(repr(vm, orig));
    String* s = as_str(r);
    std::string text(s->view());
    if (s->length > 200) {
        String* head = str_substring(vm, s, 0, 200);
        if (!head)
            return Value::null();
        text = std::string(head->view());
    }
    return raise_fmt(vm, exc::ValueError, "invalid literal for int() with base %d: %s", base, text.c_str());
}

static bool base_is_power_of_two(int base) { return (base & (base - 1)) == 0; }

// Parses per CPython's long_from_string rules; `orig` is what the error message shows.
static Value parse_int(VM& vm, std::string_view text, int base, Value orig)
{
    int const given_base = base;
    std::string_view s = strip_spaces(text);
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    bool prefixed = false;
    if (s.size() >= 2 && s[0] == '0') {
        char p = static_cast<char>(s[1] | 0x20);
        int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            s.remove_prefix(2);
            prefixed = true;
        }
    }
    bool leading_zero_rule = false;
    if (base == 0) {
        base = 10;
        leading_zero_rule = true; // "010" is invalid with base 0 unless all zeros
    }
    std::string digits;
    digits.reserve(s.size());
    bool last_underscore = prefixed; // an underscore may follow a prefix directly
    bool ok = !s.empty();
    bool allow_underscore_now = prefixed;
    for (size_t i = 0; i < s.size() && ok; ++i) {
        char c = s[i];
        if (c == '_') {
            if (!allow_underscore_now) {
                ok = false;
                break;
            }
            allow_underscore_now = false;
            last_underscore = true;
            continue;
        }
        if (digit_value(c) >= base) {
            ok = false;
            break;
        }
        digits.push_back(c);
        allow_underscore_now = true;
        last_underscore = false;
    }
    if (last_underscore || digits.empty())
        ok = false;
    if (ok && leading_zero_rule && digits.size() > 1 && digits[0] == '0') {
        for (char c : digits)
            if (c != '0') {
                ok = false;
                break;
            }
    }
    if (!ok)
        return invalid_literal(vm, given_base, orig);
    if (!base_is_power_of_two(base) && get_int_max_str_digits() > 0 &&
        static_cast<int64_t>(digits.size()) > get_int_max_str_digits()) {
        return raise_fmt(vm, exc::ValueError,
                         "Exceeds the limit (%lld digits) for integer string conversion: value has %zu "
                         "digits; use sys.set_int_max_str_digits() to increase the limit",
                         static_cast<long long>(get_int_max_str_digits()), digits.size());
    }
    if (digits.size() <= 9 && base <= 36) {
        int64_t v = 0;
        for (char c : digits)
            v = v * base + digit_value(c);
        return Value::small_int(negative ? -v : v);
    }
    // digits * log2(base) bits, and scratch for the subquadratic conversion.
    if (!int_reserve_bits(vm, static_cast<uint64_t>(static_cast<double>(digits.size()) * std::log2(base)) + 64, 2))
        return Value::null();
    Mpz z;
    mpz_set_str(z, digits.c_str(), base);
    if (negative)
        mpz_neg(z, z);
    return int_from_mpz(vm, z);
}

std::string numeric_text_to_ascii(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    size_t i = 0;
    while (i < utf8.size()) {
        if (static_cast<unsigned char>(utf8[i]) < 0x80) {
            out.push_back(utf8[i++]);
            continue;
        }
        size_t start = i;
        uint32_t cp = utf8_decode(utf8, i);
        int d = unicode::decimal_value(cp);
        if (d >= 0)
            out.push_back(static_cast<char>('0' + d));
        else if (unicode::is_space(cp))
            out.push_back(' ');
        else
            out.append(utf8.substr(start, i - start));
    }
    return out;
}

Value int_from_string(VM& vm, std::string_view text, int base)
{
    Value orig = str_value(vm, text);
    return parse_int(vm, text, base, orig);
}

// Parses str/bytes/bytearray `x` with `base`; null Value (no error) when x is none of those.
Value int_parse_object(VM& vm, Value x, int base, bool& handled)
{
    handled = true;
    if (String* s = as_str(x)) {
        if (!s->is_ascii())
            return parse_int(vm, numeric_text_to_ascii(s->view()), base, x);
        return parse_int(vm, s->view(), base, x);
    }
    if (Bytes* b = as_bytes(x))
        return parse_int(vm, b->view(), base, x);
    if (ByteArray* ba = as_bytearray(x)) {
        std::string data(reinterpret_cast<char const*>(ba->data()), ba->size);
        // CPython reports the text as bytes: "... with base 10: b'1x'".
        Value orig = TRY(Value::from_object(bytes_new(vm, data)));
        return parse_int(vm, data, base, orig);
    }
    handled = false;
    return Value::null();
}

std::string int_to_decimal(Value v)
{
    v = int_unwrap(v);
    if (v.is_int())
        return std::to_string(v.as_int());
    mpz_srcptr z = as_big(v)->z;
    std::string out(mpz_sizeinbase(z, 10) + 2, '\0');
    mpz_get_str(out.data(), 10, z);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// Raises the digit-limit error for int -> str when v has too many decimal digits.
bool int_check_str_digits(VM& vm, Value v)
{
    v = int_unwrap(v);
    if (v.is_int() || get_int_max_str_digits() == 0)
        return true;
    mpz_srcptr z = as_big(v)->z;
    size_t bits = mpz_sizeinbase(z, 2);
    // Cheap bound first: digits >= (bits - 1) * log10(2).
    double lower = static_cast<double>(bits - 1) * 0.30102999566398120;
    bool too_many = lower >= static_cast<double>(get_int_max_str_digits());
    if (!too_many && static_cast<double>(bits) * 0.30102999566398120 + 1 > static_cast<double>(get_int_max_str_digits())) {
        // Close to the limit: count exactly by comparing with 10**limit.
        Mpz p, a;
        mpz_ui_pow_ui(p, 10, static_cast<unsigned long>(get_int_max_str_digits()));
        mpz_abs(a, z);
        too_many = mpz_cmp(a, p) >= 0;
    }
    if (too_many) {
        raise_fmt(vm, exc::ValueError,
                  "Exceeds the limit (%lld digits) for integer string conversion; use "
                  "sys.set_int_max_str_digits() to increase the limit",
                  static_cast<long long>(get_int_max_str_digits()));
        return false;
    }
    return true;
}

// Room for the text of an int with `bits` bits: the digits in a std::string, GMP's
// scratch for the conversion, and the str made from them.
static bool reserve_digits(VM& vm, uint64_t bits)
{
    return int_reserve_bits(vm, bits + 64, 4);
}

Value int_to_base_string(VM& vm, Value v, int base)
{
    if (!reserve_digits(vm, int_bit_length(v)))
        return Value::null();
    MpzView z(v);
    Mpz a;
    mpz_abs(a, z);
    std::string out = mpz_sgn(z.get()) < 0 ? "-0" : "0";
    out += base == 2 ? 'b' : base == 8 ? 'o' : 'x';
    size_t prefix = out.size();
    out.resize(prefix + mpz_sizeinbase(a, base) + 2);
    mpz_get_str(out.data() + prefix, base, a);
    out.resize(prefix + std::strlen(out.c_str() + prefix));
    return str_value(vm, out);
}

Value int_repr(VM& vm, Value v)
{
    if (!int_check_str_digits(vm, v) || !reserve_digits(vm, int_bit_length(v)))
        return Value::null();
    return str_value(vm, int_to_decimal(v));
}

} // namespace slpy
