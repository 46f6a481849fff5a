// The code-object serializer (see code_serial.h). Little-endian fixed-width integers;
// strings and vectors are a 32-bit count then their items.
#include "stackless/compiler/code_serial.h"

#include <bit>
#include <cstring>

namespace slpy::compiler {

// Arrays of 32-bit words (code, locations) are copied whole: the format is the host's
// byte order, which must be little-endian.
static_assert(std::endian::native == std::endian::little, "the code format is little-endian");
static_assert(sizeof(Location) == 4 * sizeof(int32_t), "a Location is four 32-bit integers");

namespace {

constexpr char kTag[4] = { 'S', 'L', 'P', 'C' };
// Nesting of constants (tuples in tuples, code in code): far more than the compiler
// produces, little enough that reading never recurses deeply on the C stack.
constexpr int kMaxNesting = 200;

// The checksum of a serialized body: catches truncated or damaged cache files (not an
// attacker: the loader's verifier does not trust the code either way). Eight bytes at a
// time, a multiply-rotate mix per word: a cache holds a few hundred KiB per module and
// byte-wise FNV-1a over them was 12% of importing a set of standard modules.
uint64_t checksum(std::string_view s)
{
    constexpr uint64_t kMul = 0x9e3779b97f4a7c15ull;
    uint64_t h = detail::kFnvOffset ^ (uint64_t(s.size()) * kMul);
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = std::rotl((h ^ w) * kMul, 29);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    h = std::rotl((h ^ tail) * kMul, 29);
    h ^= h >> 32;
    return h * kMul;
}

class Writer {
public:
    std::string out;

    void u8(uint8_t v) { out.push_back(char(v)); }
    void u32(uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            out.push_back(char((v >> (8 * i)) & 0xff));
    }
    void u64(uint64_t v)
    {
        for (int i = 0; i < 8; ++i)
            out.push_back(char((v >> (8 * i)) & 0xff));
    }
    void i32(int v) { u32(static_cast<uint32_t>(v)); }
    void f64(double d)
    {
        uint64_t bits;
        std::memcpy(&bits, &d, 8);
        u64(bits);
    }
    void str(std::string const& s)
    {
        u32(uint32_t(s.size()));
        out += s;
    }
    // A count, then the items' bytes as they are in memory.
    template<typename T>
    void array(std::vector<T> const& v)
    {
        u32(uint32_t(v.size()));
        out.append(reinterpret_cast<char const*>(v.data()), v.size() * sizeof(T));
    }

    void constant(ConstValue const& c)
    {
        u8(uint8_t(c.kind));
        switch (c.kind) {
        case ConstValue::Kind::None:
        case ConstValue::Kind::True:
        case ConstValue::Kind::False:
        case ConstValue::Kind::Ellipsis:
            break;
        case ConstValue::Kind::Int:
            u64(static_cast<uint64_t>(c.i));
            str(c.big);
            break;
        case ConstValue::Kind::Float:
            f64(c.f);
            break;
        case ConstValue::Kind::Complex:
            f64(c.re);
            f64(c.f);
            break;
        case ConstValue::Kind::Str:
        case ConstValue::Kind::Bytes:
            str(c.s);
            break;
        case ConstValue::Kind::Tuple:
        case ConstValue::Kind::FrozenSet:
            u32(uint32_t(c.items.size()));
            for (ConstValue const& item : c.items)
                constant(item);
            break;
        case ConstValue::Kind::Code:
            unit(*c.code);
            break;
        }
    }

    void unit(CodeUnit const& u)
    {
        str(u.name);
        str(u.qualname);
        str(u.filename);
        i32(u.firstlineno);
        i32(u.argcount);
        i32(u.posonlyargcount);
        i32(u.kwonlyargcount);
        i32(u.stacksize);
        u32(u.flags);
        u32(uint32_t(u.localsplusnames.size()));
        for (std::string const& s : u.localsplusnames)
            str(s);
        u32(uint32_t(u.localspluskinds.size()));
        for (uint8_t k : u.localspluskinds)
            u8(k);
        u32(uint32_t(u.names.size()));
        for (std::string const& s : u.names)
            str(s);
        u32(uint32_t(u.consts.size()));
        for (ConstValue const& c : u.consts)
            constant(c);
        array(u.code);
        array(u.locations); // lineno, end_lineno, col, end_col
        u32(uint32_t(u.exception_table.size()));
        for (ExceptionEntry const& e : u.exception_table) {
            u32(e.start);
            u32(e.end);
            u32(e.target);
            u32(e.depth);
            u8(e.lasti ? 1 : 0);
        }
    }
};

class Reader {
public:
    explicit Reader(std::string_view d)
        : m_data(d)
    {
    }
    bool ok = true;
    std::string error;

    bool fail(char const* why)
    {
        if (ok)
            error = why;
        ok = false;
        return false;
    }
    size_t left() const { return m_data.size() - m_pos; }

    bool u8(uint8_t& v)
    {
        if (left() < 1)
            return fail("truncated");
        v = uint8_t(m_data[m_pos++]);
        return true;
    }
    bool u32(uint32_t& v)
    {
        if (left() < 4)
            return fail("truncated");
        v = 0;
        for (int i = 0; i < 4; ++i)
            v |= uint32_t(uint8_t(m_data[m_pos + size_t(i)])) << (8 * i);
        m_pos += 4;
        return true;
    }
    bool u64(uint64_t& v)
    {
        if (left() < 8)
            return fail("truncated");
        v = 0;
        for (int i = 0; i < 8; ++i)
            v |= uint64_t(uint8_t(m_data[m_pos + size_t(i)])) << (8 * i);
        m_pos += 8;
        return true;
    }
    bool i32(int& v)
    {
        uint32_t u;
        if (!u32(u))
            return false;
        v = static_cast<int>(u);
        return true;
    }
    bool f64(double& d)
    {
        uint64_t bits;
        if (!u64(bits))
            return false;
        std::memcpy(&d, &bits, 8);
        return true;
    }
    // A count of items each at least `min_size` bytes long: never more than what is left.
    bool count(uint32_t& n, size_t min_size)
    {
        if (!u32(n))
            return false;
        if (min_size && size_t(n) > left() / min_size)
            return fail("count larger than the data");
        return true;
    }
    bool str(std::string& s)
    {
        uint32_t n;
        if (!count(n, 1))
            return false;
        s.assign(m_data.data() + m_pos, n);
        m_pos += n;
        return true;
    }
    // What Writer::array wrote.
    template<typename T>
    bool array(std::vector<T>& v)
    {
        uint32_t n;
        if (!count(n, sizeof(T)))
            return false;
        v.resize(n);
        std::memcpy(v.data(), m_data.data() + m_pos, size_t(n) * sizeof(T));
        m_pos += size_t(n) * sizeof(T);
        return true;
    }

    bool constant(ConstValue& c, int depth)
    {
        if (depth > kMaxNesting)
            return fail("constants nested too deeply");
        uint8_t kind;
        if (!u8(kind))
            return false;
        if (kind > uint8_t(ConstValue::Kind::Code))
            return fail("unknown constant kind");
        c.kind = ConstValue::Kind(kind);
        switch (c.kind) {
        case ConstValue::Kind::None:
        case ConstValue::Kind::True:
        case ConstValue::Kind::False:
        case ConstValue::Kind::Ellipsis:
            return true;
        case ConstValue::Kind::Int: {
            uint64_t v;
            if (!u64(v) || !str(c.big))
                return false;
            c.i = static_cast<int64_t>(v);
            // Big integers are decimal digits with an optional leading '-'.
            for (size_t i = 0; i < c.big.size(); ++i)
                if (!((c.big[i] >= '0' && c.big[i] <= '9') || (i == 0 && c.big[i] == '-' && c.big.size() > 1)))
                    return fail("malformed integer constant");
            return true;
        }
        case ConstValue::Kind::Float:
            return f64(c.f);
        case ConstValue::Kind::Complex:
            return f64(c.re) && f64(c.f);
        case ConstValue::Kind::Str:
        case ConstValue::Kind::Bytes:
            return str(c.s);
        case ConstValue::Kind::Tuple:
        case ConstValue::Kind::FrozenSet: {
            uint32_t n;
            if (!count(n, 1))
                return false;
            // Grown item by item: memory follows what was actually read, not the count.
            for (uint32_t i = 0; i < n; ++i) {
                c.items.emplace_back();
                if (!constant(c.items.back(), depth + 1))
                    return false;
            }
            return true;
        }
        case ConstValue::Kind::Code:
            c.code = std::make_shared<CodeUnit>();
            return unit(*c.code, depth + 1);
        }
        return fail("unknown constant kind");
    }

    bool unit(CodeUnit& u, int depth)
    {
        if (depth > kMaxNesting)
            return fail("code nested too deeply");
        uint32_t n;
        if (!str(u.name) || !str(u.qualname) || !str(u.filename) || !i32(u.firstlineno) || !i32(u.argcount) ||
            !i32(u.posonlyargcount) || !i32(u.kwonlyargcount) || !i32(u.stacksize) || !u32(u.flags))
            return false;
        if (!count(n, 4))
            return false;
        u.localsplusnames.resize(n);
        for (std::string& s : u.localsplusnames)
            if (!str(s))
                return false;
        if (!count(n, 1))
            return false;
        u.localspluskinds.resize(n);
        for (uint8_t& k : u.localspluskinds)
            if (!u8(k))
                return false;
        if (!count(n, 4))
            return false;
        u.names.resize(n);
        for (std::string& s : u.names)
            if (!str(s))
                return false;
        if (!count(n, 1))
            return false;
        for (uint32_t i = 0; i < n; ++i) {
            u.consts.emplace_back();
            if (!constant(u.consts.back(), depth + 1))
                return false;
        }
        if (!array(u.code) || !array(u.locations))
            return false;
        if (!count(n, 17))
            return false;
        u.exception_table.resize(n);
        for (ExceptionEntry& e : u.exception_table) {
            uint8_t lasti;
            if (!u32(e.start) || !u32(e.end) || !u32(e.target) || !u32(e.depth) || !u8(lasti))
                return false;
            if (lasti > 1)
                return fail("malformed exception table");
            e.lasti = lasti != 0;
        }
        return true;
    }

private:
    std::string_view m_data;
    size_t m_pos = 0;
};

} // namespace

std::string serialize_code(CodeUnit const& unit)
{
    Writer w;
    w.out.append(kTag, 4);
    w.u32(kCodeFormatVersion);
    w.u64(instruction_set_hash());
    w.unit(unit);
    w.u64(checksum(w.out));
    return std::move(w.out);
}

std::shared_ptr<CodeUnit> deserialize_code_prefix(std::string_view data, size_t* consumed, std::string* error)
{
    auto fail = [&](char const* why) -> std::shared_ptr<CodeUnit> {
        if (error)
            *error = why;
        return nullptr;
    };
    if (data.size() < 16 || std::memcmp(data.data(), kTag, 4) != 0)
        return fail("not serialized slpy code");
    Reader r(data.substr(4));
    uint32_t version;
    if (!r.u32(version))
        return fail("truncated");
    if (version != kCodeFormatVersion)
        return fail("unsupported code format version");
    uint64_t opset;
    if (!r.u64(opset))
        return fail("truncated");
    if (opset != instruction_set_hash())
        return fail("code made for another instruction set");
    auto unit = std::make_shared<CodeUnit>();
    if (!r.unit(*unit, 0))
        return fail(r.error.empty() ? "malformed" : r.error.c_str());
    size_t body = data.size() - r.left(); // the bytes before the checksum
    uint64_t sum;
    if (!r.u64(sum))
        return fail("truncated");
    if (sum != checksum(data.substr(0, body)))
        return fail("checksum mismatch");
    *consumed = body + 8;
    return unit;
}

std::shared_ptr<CodeUnit> deserialize_code(std::string_view data, std::string* error)
{
    size_t consumed = 0;
    auto unit = deserialize_code_prefix(data, &consumed, error);
    if (unit && consumed != data.size()) {
        if (error)
            *error = "trailing data";
        return nullptr;
    }
    return unit;
}

} // namespace slpy::compiler
