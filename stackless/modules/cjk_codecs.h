// The conversion engine of the CJK codecs (cjk_codecs.cpp): CPython's multibyte codecs
// (shift_jis, gbk, big5, euc_kr, iso2022_jp, ...) done by the C library's iconv, which
// keeps the tables, and HZ (which glibc lacks) on top of its GB2312. The Python-level
// objects (_multibytecodec, the _codecs_xx modules) are in multibytecodec.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace slpy {

enum class CjkKind : unsigned char {
    Iconv, // the codec is iconv's converter named `iconv_name`
    Hz,    // HZ (RFC 1843): ~{ ~} shifts around 7-bit GB2312, over iconv's EUC-CN
};

// Where iconv's table differs from CPython's by a few characters: decoding gives
// `cpython` where iconv gives `iconv`, and the `refuse` code points are not encoded.
struct CjkFixups {
    struct Pair {
        uint32_t iconv, cpython;
    };
    Pair const* decode;
    size_t decode_count;
    uint32_t const* refuse;
    size_t refuse_count;
};

struct CjkCodec {
    char const* module; // the _codecs_xx module whose getcodec() knows it
    char const* name;   // CPython's codec name (also the `encoding` of its errors)
    char const* iconv_name;
    CjkKind kind;
    CjkFixups const* fixups = nullptr;
    // ISO-2022-KR: iconv writes the ESC $ ) C designation at the start of its output,
    // CPython before the first shift out; the encoder moves it there.
    bool kr_header = false;
    // EUC-KR: the Hangul syllables KS X 1001 lacks are written, and read, as KS X
    // 1001:1998 Annex 3 make-up sequences (filler + three jamo), as CPython does.
    bool ksx_makeup = false;
};

// The codec `name` of module `module`, or null.
CjkCodec const* cjk_codec_find(std::string_view module, std::string_view name);

// One direction's conversion state, kept by the incremental objects between calls (the
// shift state of ISO-2022 and HZ, JIS X 0213's pending combining pair). Plain data, so
// it lives inside heap objects (zeroed = not open); closed by cjk_close.
struct CjkState {
    void* cd;           // iconv_t, null when not open
    bool hz_gb;         // HZ: in GB mode
    bool kr_designated; // ISO-2022-KR: the designation is written
};

// Opens the converter of one direction; false when iconv cannot (errno set).
bool cjk_open(CjkCodec const* codec, bool encoder, CjkState& st);
void cjk_close(CjkState& st);
// Back to the initial shift state (without output).
void cjk_reset(CjkState& st);

enum class CjkStatus {
    Done,       // all input converted
    Illegal,    // the input at pos cannot be converted (one byte / one character)
    Incomplete, // the input from pos is the truncated start of a sequence (decoding)
};

// Decodes in[pos..] to UTF-8 appended to `out`, advancing pos over what it converted.
CjkStatus cjk_decode(CjkCodec const* codec, CjkState& st, std::string_view in, size_t& pos, std::string& out);
// Encodes the UTF-8 text in[pos..] the same way; Illegal leaves pos at the character.
CjkStatus cjk_encode(CjkCodec const* codec, CjkState& st, std::string_view in, size_t& pos, std::string& out);
// Appends what returns an encoder to its initial state (ISO-2022's ESC ( B, HZ's ~}, a
// held JIS X 0213 character) and resets it.
void cjk_encode_flush(CjkCodec const* codec, CjkState& st, std::string& out);

} // namespace slpy
