// The _random module: Random, the Mersenne Twister (MT19937) generator CPython 3.11's
// random.py builds on. Seeding from an int (its absolute value, split into 32-bit
// words for init_by_array), from None (os entropy), and from any other hashable (its
// hash) follow CPython's _randommodule.c, so the same seed gives the same numbers.
// random.py seeds str/bytes itself (through sha512) before calling seed() here.
#include "stackless/modules/data_modules.h"

#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"

#include <sys/random.h>
#include <ctime>
#include <unistd.h>
#include <vector>

namespace slpy {

namespace {

constexpr int kN = 624;
constexpr int kM = 397;
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;

TypeObject* g_random = nullptr;

struct RandomObject : Object {
    int index;
    uint32_t state[kN];
};

RandomObject* self_random(Value v) { return v.as<RandomObject>(); }

uint32_t genrand_uint32(RandomObject* self)
{
    static constexpr uint32_t mag01[2] = { 0x0U, kMatrixA };
    uint32_t* mt = self->state;
    uint32_t y;
    if (self->index >= kN) {
        int kk;
        for (kk = 0; kk < kN - kM; kk++) {
            y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
            mt[kk] = mt[kk + kM] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        for (; kk < kN - 1; kk++) {
            y = (mt[kk] & kUpperMask) | (mt[kk + 1] & kLowerMask);
            mt[kk] = mt[kk + (kM - kN)] ^ (y >> 1) ^ mag01[y & 0x1U];
        }
        y = (mt[kN - 1] & kUpperMask) | (mt[0] & kLowerMask);
        mt[kN - 1] = mt[kM - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
        self->index = 0;
    }
    y = mt[self->index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

void init_genrand(RandomObject* self, uint32_t s)
{
    uint32_t* mt = self->state;
    mt[0] = s;
    int mti;
    for (mti = 1; mti < kN; mti++)
        mt[mti] = (1812433253U * (mt[mti - 1] ^ (mt[mti - 1] >> 30)) + uint32_t(mti));
    self->index = mti;
}

void init_by_array(RandomObject* self, uint32_t const* init_key, size_t key_length)
{
    uint32_t* mt = self->state;
    init_genrand(self, 19650218U);
    size_t i = 1, j = 0;
    size_t k = (size_t(kN) > key_length ? size_t(kN) : key_length);
    for (; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + init_key[j] + uint32_t(j);
        i++;
        j++;
        if (i >= size_t(kN)) {
            mt[0] = mt[kN - 1];
            i = 1;
        }
        if (j >= key_length)
            j = 0;
    }
    for (k = kN - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - uint32_t(i);
        i++;
        if (i >= size_t(kN)) {
            mt[0] = mt[kN - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000U;
}

void seed_from_entropy(RandomObject* self)
{
    uint32_t key[kN];
    size_t got = 0;
    auto* p = reinterpret_cast<unsigned char*>(key);
    while (got < sizeof key) {
        ssize_t n = getrandom(p + got, sizeof key - got, 0);
        if (n <= 0)
            break;
        got += size_t(n);
    }
    if (got == sizeof key) {
        init_by_array(self, key, kN);
        return;
    }
    // As CPython's random_seed_time_pid when the OS has no entropy to give.
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    uint32_t k2[5] = { uint32_t(ts.tv_sec), uint32_t(uint64_t(ts.tv_sec) >> 32), uint32_t(ts.tv_nsec),
                       uint32_t(getpid()), uint32_t(clock()) };
    init_by_array(self, k2, 5);
}

// random_seed: None (entropy), an int (its absolute value), or anything hashable.
bool random_seed(VM& vm, RandomObject* self, Value arg)
{
    if (arg.is_null() || is_none(arg)) {
        seed_from_entropy(self);
        return true;
    }
    Mpz n;
    if (is_int(arg)) {
        int_to_mpz(int_unwrap(arg), n);
        mpz_abs(n, n);
    } else {
        int64_t h;
        if (!hash(vm, arg, h))
            return false;
        mpz_set_ui(n, static_cast<unsigned long>(uint64_t(h)));
    }
    size_t bits = mpz_sizeinbase(n, 2);
    if (mpz_sgn(n.z) == 0)
        bits = 0;
    size_t keyused = bits == 0 ? 1 : (bits - 1) / 32 + 1;
    std::vector<uint32_t> key;
    if (!vm.heap.reserve_buffer(key, keyused))
        return false;
    key.assign(keyused, 0);
    size_t count = 0;
    mpz_export(key.data(), &count, -1, sizeof(uint32_t), 0, 0, n);
    init_by_array(self, key.data(), keyused);
    return true;
}

Value random_new(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* self = static_cast<RandomObject*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!self)
        return Value::null();
    // Seeded by __init__; an instance made by __new__ alone still gives numbers.
    seed_from_entropy(self);
    return Value::from_object(self);
}

Value random_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* t = type_of(args[0]);
    if ((t == g_random || t->slot(Slot::INIT).is(g_random->slot(Slot::INIT))) && !check_no_kwargs(vm, "Random", kwnames))
        return Value::null();
    if (nargs - 1 > 1)
        return raise(vm, exc::TypeError, "Random() requires 0 or 1 argument");
    if (!random_seed(vm, self_random(args[0]), nargs == 2 ? args[1] : Value::null()))
        return Value::null();
    return py_none();
}

Value random_seed_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "seed", kwnames) || !unpack_args(vm, "seed", nargs - 1, 0, 1))
        return Value::null();
    if (!random_seed(vm, self_random(args[0]), nargs == 2 ? args[1] : Value::null()))
        return Value::null();
    return py_none();
}

Value random_random(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "Random", "random", nargs - 1, kwnames))
        return Value::null();
    RandomObject* self = self_random(args[0]);
    uint32_t a = genrand_uint32(self) >> 5, b = genrand_uint32(self) >> 6;
    return Value::from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

Value random_getrandbits(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "getrandbits", kwnames) || !unpack_args(vm, "getrandbits", nargs - 1, 1, 1))
        return Value::null();
    int64_t k;
    if (!index_i64(vm, args[1], k))
        return Value::null();
    if (k > INT32_MAX || k < INT32_MIN)
        return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
    if (k < 0)
        return raise(vm, exc::ValueError, "number of bits must be non-negative");
    RandomObject* self = self_random(args[0]);
    if (k == 0)
        return Value::small_int(0);
    if (k <= 32)
        return int_from_i64(vm, genrand_uint32(self) >> (32 - k));
    size_t words = size_t((k - 1) / 32 + 1);
    if (!int_reserve_bits(vm, uint64_t(words) * 32))
        return Value::null();
    std::vector<uint32_t> wordarray;
    if (!vm.heap.reserve_buffer(wordarray, words))
        return Value::null();
    // Little-endian words, the last one short when k is not a multiple of 32.
    for (size_t i = 0; i < words; ++i, k -= 32) {
        uint32_t r = genrand_uint32(self);
        if (k < 32)
            r >>= (32 - k);
        wordarray.push_back(r);
    }
    Mpz z;
    mpz_import(z, words, -1, sizeof(uint32_t), 0, 0, wordarray.data());
    return int_from_mpz(vm, z);
}

Value random_getstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "Random", "getstate", nargs - 1, kwnames))
        return Value::null();
    RandomObject* self = self_random(args[0]);
    Tuple* t = tuple_new(vm, kN + 1);
    if (!t)
        return Value::null();
    for (int i = 0; i < kN; ++i)
        t->items[i] = Value::small_int(int64_t(self->state[i]));
    t->items[kN] = Value::small_int(self->index);
    return Value::from_object(t);
}

Value random_setstate(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_onearg_method(vm, "Random", "setstate", nargs - 1, kwnames))
        return Value::null();
    Tuple* t = as_tuple(args[1]);
    if (!t)
        return raise(vm, exc::TypeError, "state vector must be a tuple");
    if (t->size != size_t(kN) + 1)
        return raise(vm, exc::ValueError, "state vector is the wrong size");
    uint32_t words[kN];
    for (int i = 0; i < kN; ++i) {
        Value v = t->items[i];
        if (!is_int(v))
            return raise(vm, exc::TypeError, "an integer is required");
        int64_t w;
        if (!int_to_i64(int_unwrap(v), w) || w < 0 || w > int64_t(UINT64_MAX >> 1)) {
            if (int_sign(int_unwrap(v)) < 0)
                return raise(vm, exc::OverflowError, "can't convert negative value to unsigned int");
            return raise(vm, exc::OverflowError, "Python int too large to convert to C unsigned long");
        }
        words[i] = uint32_t(w); // CPython keeps the low 32 bits of each word
    }
    if (!is_int(t->items[kN]))
        return raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(t->items[kN]));
    int64_t index;
    if (!int_to_i64(int_unwrap(t->items[kN]), index) || index > INT32_MAX || index < INT32_MIN)
        return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
    if (index < 0 || index > kN)
        return raise(vm, exc::ValueError, "invalid state");
    RandomObject* self = self_random(args[0]);
    for (int i = 0; i < kN; ++i)
        self->state[i] = words[i];
    self->index = int(index);
    return py_none();
}

} // namespace

Module* make_random_module(VM& vm)
{
    if (!g_random) {
        g_random = make_module_type(vm, "_random", "Random", nullptr, sizeof(RandomObject), TF_BASETYPE);
        add_methods(vm, g_random, {
            { "__new__", random_new, METH_STATIC }, { "__init__", random_init },
            { "random", random_random }, { "seed", random_seed_method }, { "getstate", random_getstate },
            { "setstate", random_setstate }, { "getrandbits", random_getrandbits },
        });
        finish_builtin_type(vm, g_random);
    }
    Module* m = module_new(vm, "_random");
    module_add(vm, m, "Random", Value::from_object(g_random));
    return m;
}

} // namespace slpy
