// The Unicode Character Database as CPython 3.11 (Unicode 14.0) has it, for the parts both
// the front end and the runtime need: character names ("\N{...}", unicodedata.name and
// lookup, the namereplace error handler), normalization (NFKC identifiers,
// unicodedata.normalize) and the identifier character classes.
//
// Plain C++ over generated tables (ucd_data.cpp, made by ucd_gen.py): no heap objects, no
// state, so objects/unicode/ is built into the front-end library and the runtime uses it
// from there.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slpy::ucd {

// The name of `cp` as unicodedata.name() gives it (algorithmic names included, aliases
// not); false when the code point has none.
bool char_name(char32_t cp, std::string& out);

// The character(s) a name stands for, as CPython's name lookup: case-insensitive for
// listed names, exact (upper case) for "CJK UNIFIED IDEOGRAPH-XXXX[X]" and
// "HANGUL SYLLABLE ...", aliases included; named sequences (several characters) only
// when `named_sequences` (unicodedata.lookup accepts them, "\N{...}" does not).
bool lookup_name(std::string_view name, std::u32string& out, bool named_sequences);

// Longest name unicodedata.name() can return, for callers that size buffers.
constexpr size_t k_max_name_length = 88;

enum class NormForm { NFC, NFD, NFKC, NFKD };

// unicodedata.normalize(form, s).
std::u32string normalize(NormForm form, std::u32string_view s);
// The same on (generalized) UTF-8 text.
std::string normalize_utf8(NormForm form, std::string_view utf8);

// The canonical combining class (unicodedata.combining).
int combining_class(char32_t cp);

// str.isidentifier() of the one character (XID_Start or '_'), of 'a' followed by it
// (XID_Continue), and str.isprintable() of it.
bool is_identifier_start(char32_t cp);
bool is_identifier_continue(char32_t cp);
bool is_printable(char32_t cp);

} // namespace slpy::ucd
