// str: immutable Unicode text, stored as UTF-8.
//
// The text is kept in (generalized) UTF-8: lone surrogates such as "\ud800" are encoded
// as their 3-byte sequences. `length` counts code points. ASCII strings (flag STR_ASCII)
// index in O(1); others walk the bytes (a per-string index can come later).
// Strings are hashed lazily and cache the hash. Interned strings are unique by content,
// so identifiers compare by pointer.
#pragma once

#include "objects/runtime.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace slpy {

enum StringFlags : uint32_t {
    STR_ASCII = 1u << 0,
    STR_INTERNED = 1u << 1,
};

struct String : Object {
    int64_t hash_cache; // -1: not computed yet
    size_t length;      // in code points
    size_t byte_length;
    char data[];        // UTF-8, NUL-terminated (the NUL is not counted)

    bool is_ascii() const { return flags & STR_ASCII; }
    std::string_view view() const { return { data, byte_length }; }
    char const* c_str() const { return data; }
};

// New string from UTF-8 text (must be valid generalized UTF-8; use utf8_validate first
// for untrusted bytes). Length and ASCII-ness are computed here.
[[nodiscard]] String* str_new(VM& vm, std::string_view utf8);
[[nodiscard]] inline Value str_value(VM& vm, std::string_view utf8) { return Value::from_object(str_new(vm, utf8)); }
// Allocates an uninitialized string of `byte_length` bytes for the caller to fill, then
// str_finish computes length/ascii (or pass them when known: str_finish_known).
[[nodiscard]] String* str_alloc(VM& vm, size_t byte_length);
void str_finish(String* s);
void str_finish_known(String* s, size_t length, bool ascii);

// The interned string with this text (created on first use). Null with MemoryError
// pending only when creating it runs out of memory.
[[nodiscard]] String* intern(VM& vm, std::string_view utf8);
[[nodiscard]] String* intern(VM& vm, String* s);

// The str inside a Value: an exact str, or the boxed value of a str subclass instance;
// nullptr when v is not a str.
String* as_str(Value v);
inline bool is_str(Value v) { return as_str(v) != nullptr; }
inline bool is_exact_str(Value v);

int64_t str_hash(String* s);
bool str_equal(String const* a, String const* b);
// Three-way comparison by code point (UTF-8 byte order equals code point order).
int str_compare(String const* a, String const* b);
[[nodiscard]] String* str_concat(VM& vm, String const* a, String const* b);
// Code point at index (0 <= index < length).
uint32_t str_char_at(String const* s, size_t index);
// Byte offset of code point `index` (index may equal length).
size_t str_byte_offset(String const* s, size_t index);
// A one-character string (cached for code points < 256).
[[nodiscard]] String* str_from_codepoint(VM& vm, uint32_t cp);
// Start-up (the shared runtime): the one-character strings str_from_codepoint hands out.
void init_latin1_chars(VM& vm);
// Substring by code point indices [start, stop).
[[nodiscard]] String* str_substring(VM& vm, String const* s, size_t start, size_t stop);
inline String* empty_str();

// ---- UTF-8 helpers
// Appends the UTF-8 encoding of cp (surrogates allowed) to out.
void utf8_append(std::string& out, uint32_t cp);
// Decodes the code point at s[i] (valid generalized UTF-8), advancing i.
uint32_t utf8_decode(std::string_view s, size_t& i);
// Strict validation (no surrogates, no overlongs). Returns the byte offset of the first
// invalid sequence, or npos when valid; `error_len` gets the invalid sequence's length.
size_t utf8_validate(std::string_view s, size_t* error_len = nullptr);

// ---- inline definitions
extern String* g_empty_str;
inline String* empty_str() { return g_empty_str; }
inline bool is_exact_str(Value v) { return v.is_object() && v.as_object()->type == types.str; }

} // namespace slpy
