// SipHash-1-3 and the process's hash secret (objects/hash.h).
#include "objects/hash.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/random.h>
#include <unistd.h>

namespace slpy {

namespace {

inline uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

// One SipRound.
inline void sip_round(uint64_t& v0, uint64_t& v1, uint64_t& v2, uint64_t& v3)
{
    v0 += v1;
    v1 = rotl(v1, 13) ^ v0;
    v0 = rotl(v0, 32);
    v2 += v3;
    v3 = rotl(v3, 16) ^ v2;
    v0 += v3;
    v3 = rotl(v3, 21) ^ v0;
    v2 += v1;
    v1 = rotl(v1, 17) ^ v2;
    v2 = rotl(v2, 32);
}

inline uint64_t load_le64(unsigned char const* p)
{
    uint64_t m = 0;
    for (int i = 7; i >= 0; --i)
        m = (m << 8) | p[i];
    return m;
}

// PYTHONHASHSEED=N: CPython fills the secret's 24 bytes from this linear congruential
// generator (bootstrap_hash.c), so a given N gives CPython's hashes.
void lcg_fill(uint32_t seed, unsigned char* out, size_t n)
{
    uint32_t x = seed;
    for (size_t i = 0; i < n; ++i) {
        x = x * 214013u + 2531011u;
        out[i] = static_cast<unsigned char>((x >> 16) & 0xff);
    }
}

// Parses PYTHONHASHSEED: -1 for "random" (or unset), else the seed.
bool parse_seed(char const* value, int64_t& seed)
{
    seed = -1;
    if (!value || !*value || std::strcmp(value, "random") == 0)
        return true;
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(value, &end, 10);
    if (errno || *end || value[0] == '-' || v > 4294967295ull)
        return false;
    seed = static_cast<int64_t>(v);
    return true;
}

HashSecret make_secret()
{
    HashSecret s;
    unsigned char bytes[24] = {};
    int64_t seed = -1;
    if (!parse_seed(std::getenv("PYTHONHASHSEED"), seed))
        seed = -1; // main() refused it already; an embedding host gets randomization
    if (seed == 0) {
        s.randomized = false;
    } else if (seed > 0) {
        lcg_fill(static_cast<uint32_t>(seed), bytes, sizeof bytes);
        s.randomized = true;
    } else {
        size_t got = 0;
        while (got < sizeof bytes) {
            ssize_t r = getrandom(bytes + got, sizeof bytes - got, 0);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += size_t(r);
        }
        s.randomized = true;
    }
    s.k0 = load_le64(bytes);
    s.k1 = load_le64(bytes + 8);
    return s;
}

} // namespace

HashSecret const& hash_secret()
{
    static HashSecret secret;
    static std::once_flag once;
    std::call_once(once, [] { secret = make_secret(); });
    return secret;
}

bool hash_seed_valid(char const* value, std::string& error)
{
    int64_t seed;
    if (parse_seed(value, seed))
        return true;
    error = "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";
    return false;
}

SipHasher13::SipHasher13(uint64_t k0, uint64_t k1)
    : m_v0(k0 ^ 0x736f6d6570736575ull)
    , m_v1(k1 ^ 0x646f72616e646f6dull)
    , m_v2(k0 ^ 0x6c7967656e657261ull)
    , m_v3(k1 ^ 0x7465646279746573ull)
{
}

void SipHasher13::compress(uint64_t m)
{
    m_v3 ^= m;
    sip_round(m_v0, m_v1, m_v2, m_v3);
    m_v0 ^= m;
}

void SipHasher13::add(void const* data, size_t n)
{
    auto const* p = static_cast<unsigned char const*>(data);
    m_total += n;
    while (n && m_tail_len) {
        m_tail |= uint64_t(*p++) << (8 * m_tail_len);
        --n;
        if (++m_tail_len == 8) {
            compress(m_tail);
            m_tail = 0;
            m_tail_len = 0;
        }
    }
    for (; n >= 8; p += 8, n -= 8)
        compress(load_le64(p));
    for (; n; --n)
        m_tail |= uint64_t(*p++) << (8 * m_tail_len++);
}

uint64_t SipHasher13::finish()
{
    uint64_t b = (m_total << 56) | m_tail;
    compress(b);
    m_v2 ^= 0xff;
    for (int i = 0; i < 3; ++i)
        sip_round(m_v0, m_v1, m_v2, m_v3);
    return m_v0 ^ m_v1 ^ m_v2 ^ m_v3;
}

uint64_t siphash13(uint64_t k0, uint64_t k1, void const* data, size_t n)
{
    SipHasher13 h(k0, k1);
    h.add(data, n);
    return h.finish();
}

int64_t hash_bytes(void const* data, size_t n)
{
    if (n == 0)
        return 0;
    HashSecret const& s = hash_secret();
    return hash_result(siphash13(s.k0, s.k1, data, n));
}

} // namespace slpy
