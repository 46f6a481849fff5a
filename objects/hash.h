// The hash of str, bytes and memoryview: SipHash-1-3 keyed by the process's hash secret,
// as CPython 3.11 (sys.hash_info.algorithm 'siphash13', PEP 456), so hash('abc') is the
// number CPython gives under the same PYTHONHASHSEED, and the iteration order of sets of
// strings follows.
//
// The secret is chosen once per process, on first use, from PYTHONHASHSEED: unset or
// "random" draws it from the OS (hash randomization, CPython's default, which keeps hash
// flooding out of dicts fed by untrusted keys); "0" is the all-zero key (no
// randomization); N in [1, 4294967295] fills it from CPython's LCG seeded with N. It is
// immutable afterwards: every VM of the process shares it, as the interned strings of
// the shared runtime keep their hashes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace slpy {

struct HashSecret {
    uint64_t k0 = 0;
    uint64_t k1 = 0;
    bool randomized = false; // sys.flags.hash_randomization
};

HashSecret const& hash_secret();

// Checks PYTHONHASHSEED's value (null: unset) before the secret is used; false with
// CPython's message in `error`.
bool hash_seed_valid(char const* value, std::string& error);

// SipHash-1-3 of n bytes under the key (k0, k1).
uint64_t siphash13(uint64_t k0, uint64_t k1, void const* data, size_t n);

// CPython's _Py_HashBytes: 0 for no bytes, never -1.
int64_t hash_bytes(void const* data, size_t n);

// The same hash fed piecewise (a str's code units, produced while decoding its UTF-8):
// add() the bytes in order, then finish() with the total length.
class SipHasher13 {
public:
    SipHasher13(uint64_t k0, uint64_t k1);
    void add(void const* data, size_t n);
    uint64_t finish();

private:
    void compress(uint64_t m);
    uint64_t m_v0, m_v1, m_v2, m_v3;
    uint64_t m_tail = 0;    // bytes not yet compressed, little-endian
    size_t m_tail_len = 0;  // 0..7
    uint64_t m_total = 0;
};

// A finished hash as a Python hash value (never -1).
inline int64_t hash_result(uint64_t h)
{
    auto r = static_cast<int64_t>(h);
    return r == -1 ? -2 : r;
}

} // namespace slpy
