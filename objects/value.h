// The value word: every Python value in slpy is one 64-bit Value.
//
// NaN-boxing with a shifted double space (the top 16 bits decide):
//
//   63        48 47                                             0
//  +------------+------------------------------------------------+
//  |   0x0000   | heap pointer (48 bits, 16-byte aligned)         |  Object*; all zero = null
//  |   0x0001   | internal sentinel (kNotFound, kStopIteration)   |  never visible to Python
//  | 0x0002 ..  | IEEE double + 2^49 (NaNs canonicalized), so     |  float
//  |   0xFFF2   |   -inf (0xFFF0...) + 2^49 still fits below here  |
//  |   0xFFFF   | signed 48-bit integer, two's complement         |  small int
//  +------------+------------------------------------------------+
//
// The null Value (all bits zero) means "no value": an error return (the exception is
// pending in the VM), an unbound local, an empty slot. It is never a Python object.
// Integers outside the 48-bit range are heap BigInts (GMP); arithmetic promotes and
// demotes silently (objects/int.h). None, True, False and every other object are pointers.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace slpy {

struct Object;

class Value {
public:
    static constexpr uint64_t kTagShift = 48;
    static constexpr uint64_t kSentinelTag = 0x0001ull << kTagShift;
    static constexpr uint64_t kDoubleOffset = 0x0002ull << kTagShift;
    static constexpr uint64_t kIntTag = 0xFFFFull << kTagShift;
    static constexpr uint64_t kPayloadMask = (1ull << kTagShift) - 1;
    static constexpr uint64_t kCanonicalNaN = 0x7FF8000000000000ull;

    static constexpr int64_t kIntMax = (int64_t(1) << 47) - 1;
    static constexpr int64_t kIntMin = -(int64_t(1) << 47);

    constexpr Value() : m_bits(0) {}

    // ---- construction
    static constexpr Value null() { return Value(0); }
    static Value from_object(Object const* o) { return Value(reinterpret_cast<uint64_t>(o)); }
    static constexpr bool int_fits(int64_t i) { return i >= kIntMin && i <= kIntMax; }
    // Precondition: int_fits(i). Use int_from_i64 (objects/int.h) for any int64_t.
    static constexpr Value small_int(int64_t i) { return Value(kIntTag | (static_cast<uint64_t>(i) & kPayloadMask)); }
    static Value from_double(double d)
    {
        uint64_t bits = std::bit_cast<uint64_t>(d);
        if (d != d)
            bits = kCanonicalNaN;
        return Value(bits + kDoubleOffset);
    }
    static constexpr Value from_bits(uint64_t bits) { return Value(bits); }

    // Internal sentinels: never stored where Python code can see them.
    static constexpr Value not_found() { return Value(kSentinelTag | 1); }
    static constexpr Value stop_iteration() { return Value(kSentinelTag | 2); }

    // ---- classification
    constexpr bool is_null() const { return m_bits == 0; }
    constexpr bool is_object() const { return m_bits - 1 < (1ull << kTagShift) - 1; }
    constexpr bool is_int() const { return m_bits >= kIntTag; }
    constexpr bool is_double() const { return m_bits - kDoubleOffset < kIntTag - kDoubleOffset; }
    constexpr bool is_sentinel() const { return (m_bits >> kTagShift) == 1; }
    constexpr bool is_not_found() const { return m_bits == not_found().m_bits; }
    constexpr bool is_stop_iteration() const { return m_bits == stop_iteration().m_bits; }

    // ---- access (preconditions: the matching is_*())
    Object* as_object() const { return reinterpret_cast<Object*>(m_bits); }
    template<typename T> T* as() const { return static_cast<T*>(as_object()); }
    constexpr int64_t as_int() const { return static_cast<int64_t>(m_bits << 16) >> 16; }
    double as_double() const { return std::bit_cast<double>(m_bits - kDoubleOffset); }
    constexpr uint64_t bits() const { return m_bits; }

    // Identity (Python `is`).
    constexpr bool is(Value other) const { return m_bits == other.m_bits; }
    constexpr bool operator==(Value other) const = delete; // use is() or vm equality

private:
    explicit constexpr Value(uint64_t bits) : m_bits(bits) {}
    uint64_t m_bits;
};

static_assert(sizeof(Value) == 8);
static_assert(Value::small_int(-1).as_int() == -1);
static_assert(Value::small_int(Value::kIntMin).as_int() == Value::kIntMin);
static_assert(Value::small_int(Value::kIntMax).is_int());
static_assert(!Value::small_int(0).is_object() && !Value::small_int(0).is_double());
static_assert(!Value::null().is_object() && !Value::null().is_int());
static_assert(Value::not_found().is_sentinel() && !Value::not_found().is_object());

} // namespace slpy
