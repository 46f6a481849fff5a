// str core: construction, interning, hashing, comparison and UTF-8 helpers.
// Python-level str methods live in str_methods.cpp and friends.
#include "objects/string.h"

#include "objects/hash.h"
#include "objects/vm_local.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace slpy {

String* g_empty_str = nullptr;

namespace {

// The strings interned while the shared runtime was built (in its heap, frozen with it:
// never written once another VM exists). Each VM interns later strings in its own table
// (VM::Local::interned), after looking here.
std::unordered_map<std::string_view, String*>* g_interned = nullptr;
String* g_latin1_chars[256] = {};

} // namespace

// ------------------------------------------------------------------ UTF-8

void utf8_append(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

uint32_t utf8_decode(std::string_view s, size_t& i)
{
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    auto cont = [&](size_t k) -> uint32_t { return i + k < s.size() ? (static_cast<unsigned char>(s[i + k]) & 0x3F) : 0; };
    uint32_t cp;
    if (c < 0xE0) {
        cp = ((c & 0x1F) << 6) | cont(1);
        i += 2;
    } else if (c < 0xF0) {
        cp = ((c & 0x0F) << 12) | (cont(1) << 6) | cont(2);
        i += 3;
    } else {
        cp = ((c & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
        i += 4;
    }
    if (i > s.size())
        i = s.size();
    return cp;
}

size_t utf8_validate(std::string_view s, size_t* error_len)
{
    size_t i = 0, n = s.size();
    while (i < n) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t need;
        uint32_t min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else {
            if (error_len)
                *error_len = 1;
            return i;
        }
        uint32_t cp = c & (0x3F >> need);
        size_t k = 1;
        for (; k <= need; ++k) {
            if (i + k >= n) {
                if (error_len)
                    *error_len = k;
                return i;
            }
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                if (error_len)
                    *error_len = k;
                return i;
            }
            cp = (cp << 6) | (cc & 0x3F);
            // Reject overlongs, surrogates and > U+10FFFF as soon as the second byte tells.
            if (k == 1) {
                if ((c == 0xE0 && cc < 0xA0) || (c == 0xED && cc > 0x9F) || (c == 0xF0 && cc < 0x90) || (c == 0xF4 && cc > 0x8F)) {
                    if (error_len)
                        *error_len = 1;
                    return i;
                }
            }
        }
        (void)min;
        i += need + 1;
    }
    return std::string_view::npos;
}

// ------------------------------------------------------------------ construction

String* str_alloc(VM& vm, size_t byte_length)
{
    auto* s = static_cast<String*>(vm.heap.allocate(types.str, Heap::array_bytes(sizeof(String) + 1, byte_length, 1)));
    if (!s)
        return nullptr;
    s->hash_cache = -1;
    s->byte_length = byte_length;
    return s;
}

void str_finish_known(String* s, size_t length, bool ascii)
{
    s->data[s->byte_length] = 0;
    s->length = length;
    if (ascii)
        s->flags |= STR_ASCII;
}

void str_finish(String* s)
{
    size_t length = 0;
    bool ascii = true;
    for (size_t i = 0; i < s->byte_length; ++i) {
        auto c = static_cast<unsigned char>(s->data[i]);
        if (c >= 0x80)
            ascii = false;
        if ((c & 0xC0) != 0x80)
            ++length;
    }
    str_finish_known(s, length, ascii);
}

String* str_new(VM& vm, std::string_view utf8)
{
    if (utf8.empty() && g_empty_str)
        return g_empty_str;
    String* s = str_alloc(vm, utf8.size());
    if (!s)
        return nullptr;
    std::memcpy(s->data, utf8.data(), utf8.size());
    str_finish(s);
    return s;
}

// The table `vm` adds to: the shared one while the shared runtime is built, else its own.
static std::unordered_map<std::string_view, String*>& intern_table(VM& vm)
{
    if (vm.builds_shared_runtime) {
        if (!g_interned)
            g_interned = new std::unordered_map<std::string_view, String*>();
        return *g_interned;
    }
    return vm.local->interned;
}

static String* find_interned(VM& vm, std::string_view utf8)
{
    if (g_interned) {
        auto it = g_interned->find(utf8);
        if (it != g_interned->end())
            return it->second;
    }
    if (!vm.builds_shared_runtime) {
        auto it = vm.local->interned.find(utf8);
        if (it != vm.local->interned.end())
            return it->second;
    }
    return nullptr;
}

String* intern(VM& vm, std::string_view utf8)
{
    if (String* found = find_interned(vm, utf8))
        return found;
    String* s = str_alloc(vm, utf8.size());
    if (!s)
        return nullptr;
    std::memcpy(s->data, utf8.data(), utf8.size());
    str_finish(s);
    s->flags |= STR_INTERNED;
    intern_table(vm).emplace(s->view(), s);
    return s;
}

String* intern(VM& vm, String* s)
{
    if (s->flags & STR_INTERNED)
        return s;
    if (String* found = find_interned(vm, s->view()))
        return found;
    if (s->type != types.str)
        return intern(vm, s->view());
    // Adopt this very string (it is an exact str, so immutable).
    s->flags |= STR_INTERNED;
    intern_table(vm).emplace(s->view(), s);
    return s;
}

String* as_str(Value v)
{
    if (!v.is_object())
        return nullptr;
    Object* o = v.as_object();
    if (o->type == types.str)
        return static_cast<String*>(o);
    if (o->type->has_flag(TF_STR_SUBCLASS)) {
        Value base = static_cast<BoxedValue*>(o)->base_value;
        return base.is_object() ? static_cast<String*>(base.as_object()) : nullptr;
    }
    return nullptr;
}

// ------------------------------------------------------------------ hashing and comparison

int64_t str_hash(String* s)
{
    if (s->hash_cache != -1)
        return s->hash_cache;
    // CPython's: SipHash-1-3 of the PEP 393 form, one byte per character when all are
    // below U+0100, else two (below U+10000) or four, little-endian (objects/hash.h).
    int64_t r;
    if (s->is_ascii()) {
        r = hash_bytes(s->data, s->byte_length);
    } else {
        std::string_view v = s->view();
        uint32_t max = 0;
        for (size_t i = 0; i < v.size();)
            max = std::max(max, utf8_decode(v, i));
        unsigned width = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
        HashSecret const& key = hash_secret();
        SipHasher13 h(key.k0, key.k1);
        unsigned char unit[4];
        for (size_t i = 0; i < v.size();) {
            uint32_t cp = utf8_decode(v, i);
            for (unsigned b = 0; b < width; ++b)
                unit[b] = static_cast<unsigned char>(cp >> (8 * b));
            h.add(unit, width);
        }
        r = hash_result(h.finish());
    }
    s->hash_cache = r;
    return r;
}

bool str_equal(String const* a, String const* b)
{
    if (a == b)
        return true;
    if (a->byte_length != b->byte_length)
        return false;
    if ((a->flags & b->flags & STR_INTERNED) != 0)
        return false;
    if (a->hash_cache != -1 && b->hash_cache != -1 && a->hash_cache != b->hash_cache)
        return false;
    return std::memcmp(a->data, b->data, a->byte_length) == 0;
}

int str_compare(String const* a, String const* b)
{
    size_t n = a->byte_length < b->byte_length ? a->byte_length : b->byte_length;
    int c = std::memcmp(a->data, b->data, n);
    if (c != 0)
        return c < 0 ? -1 : 1;
    if (a->byte_length == b->byte_length)
        return 0;
    return a->byte_length < b->byte_length ? -1 : 1;
}

String* str_concat(VM& vm, String const* a, String const* b)
{
    if (a->byte_length == 0)
        return const_cast<String*>(b);
    if (b->byte_length == 0)
        return const_cast<String*>(a);
    String* s = str_alloc(vm, a->byte_length + b->byte_length);
    if (!s)
        return nullptr;
    std::memcpy(s->data, a->data, a->byte_length);
    std::memcpy(s->data + a->byte_length, b->data, b->byte_length);
    str_finish_known(s, a->length + b->length, a->is_ascii() && b->is_ascii());
    return s;
}

size_t str_byte_offset(String const* s, size_t index)
{
    if (s->is_ascii())
        return index;
    size_t pos = 0;
    for (size_t i = 0; i < index && pos < s->byte_length; ++i) {
        auto c = static_cast<unsigned char>(s->data[pos]);
        pos += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return pos < s->byte_length ? pos : s->byte_length;
}

uint32_t str_char_at(String const* s, size_t index)
{
    if (s->is_ascii())
        return static_cast<unsigned char>(s->data[index]);
    size_t pos = str_byte_offset(s, index);
    return utf8_decode(s->view(), pos);
}

String* str_from_codepoint(VM& vm, uint32_t cp)
{
    if (cp < 256 && g_latin1_chars[cp])
        return g_latin1_chars[cp];
    std::string buf;
    utf8_append(buf, cp);
    String* s = cp < 128 ? intern(vm, buf) : str_new(vm, buf);
    return s;
}

void init_latin1_chars(VM& vm)
{
    // Made once, in the shared runtime (str_from_codepoint only reads the table).
    for (uint32_t cp = 0; cp < 256; ++cp) {
        std::string buf;
        utf8_append(buf, cp);
        g_latin1_chars[cp] = cp < 128 ? intern(vm, buf) : str_new(vm, buf);
    }
}

String* str_substring(VM& vm, String const* s, size_t start, size_t stop)
{
    if (start >= stop)
        return empty_str();
    if (start == 0 && stop >= s->length)
        return const_cast<String*>(s);
    if (stop - start == 1)
        return str_from_codepoint(vm, str_char_at(s, start));
    size_t b0 = str_byte_offset(s, start);
    size_t b1 = stop;
    if (!s->is_ascii()) {
        // Walk from b0 over (stop - start) code points.
        size_t pos = b0;
        for (size_t i = start; i < stop && pos < s->byte_length; ++i) {
            auto c = static_cast<unsigned char>(s->data[pos]);
            pos += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        }
        b1 = pos < s->byte_length ? pos : s->byte_length;
    }
    String* r = str_alloc(vm, b1 - b0);
    if (!r)
        return nullptr;
    std::memcpy(r->data, s->data + b0, b1 - b0);
    if (s->is_ascii())
        str_finish_known(r, stop - start, true);
    else
        str_finish(r);
    return r;
}

} // namespace slpy
