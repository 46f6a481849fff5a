// The CJK codecs' conversions through iconv (cjk_codecs.h). glibc's gconv modules are
// a well-kept implementation of the JIS, GB, Big5 and KS tables, so slpy carries none
// of its own; the table below maps each CPython codec to the glibc converter closest
// to it (tests/py/230_modules_native/480-489 and the report of the comparison with
// CPython over every code point and byte pair say where they differ).
#include "stackless/modules/cjk_codecs.h"

#include "objects/string.h"

#include <cerrno>
#include <cstring>
#include <iconv.h>

namespace slpy {

namespace {

// iconv names: glibc has no ISO-2022-JP-1, -2004 or -EXT, so those use the nearest
// superset (their decoders accept a little more, their encoders may pick other sets).
// glibc's SHIFT_JIS reads 0x5C and 0x7E as JIS X 0201's YEN SIGN and OVERLINE, where
// CPython keeps ASCII, and also encodes the full-width cent, pound and not signs.
constexpr CjkFixups::Pair k_sjis_decode[] = { { 0xA5, 0x5C }, { 0x203E, 0x7E } };
constexpr uint32_t k_sjis_refuse[] = { 0xFFE0, 0xFFE1, 0xFFE2 };
constexpr CjkFixups k_sjis_fixups = { k_sjis_decode, 2, k_sjis_refuse, 3 };

constexpr CjkCodec k_codecs[] = {
    { "_codecs_jp", "shift_jis", "SHIFT_JIS", CjkKind::Iconv, &k_sjis_fixups },
    { "_codecs_jp", "cp932", "CP932", CjkKind::Iconv },
    { "_codecs_jp", "euc_jp", "EUC-JP", CjkKind::Iconv },
    { "_codecs_jp", "shift_jis_2004", "SHIFT_JISX0213", CjkKind::Iconv },
    { "_codecs_jp", "shift_jisx0213", "SHIFT_JISX0213", CjkKind::Iconv },
    { "_codecs_jp", "euc_jis_2004", "EUC-JISX0213", CjkKind::Iconv },
    { "_codecs_jp", "euc_jisx0213", "EUC-JISX0213", CjkKind::Iconv },
    { "_codecs_cn", "gb2312", "EUC-CN", CjkKind::Iconv },
    { "_codecs_cn", "gbk", "GBK", CjkKind::Iconv },
    { "_codecs_cn", "gb18030", "GB18030", CjkKind::Iconv },
    { "_codecs_cn", "hz", "EUC-CN", CjkKind::Hz },
    { "_codecs_tw", "big5", "BIG5", CjkKind::Iconv },
    { "_codecs_tw", "cp950", "CP950", CjkKind::Iconv },
    { "_codecs_hk", "big5hkscs", "BIG5-HKSCS", CjkKind::Iconv },
    { "_codecs_kr", "euc_kr", "EUC-KR", CjkKind::Iconv, nullptr, false, true },
    { "_codecs_kr", "cp949", "CP949", CjkKind::Iconv },
    { "_codecs_kr", "johab", "JOHAB", CjkKind::Iconv },
    { "_codecs_iso2022", "iso2022_jp", "ISO-2022-JP", CjkKind::Iconv },
    { "_codecs_iso2022", "iso2022_jp_1", "ISO-2022-JP-2", CjkKind::Iconv },
    { "_codecs_iso2022", "iso2022_jp_2", "ISO-2022-JP-2", CjkKind::Iconv },
    { "_codecs_iso2022", "iso2022_jp_2004", "ISO-2022-JP-3", CjkKind::Iconv },
    { "_codecs_iso2022", "iso2022_jp_3", "ISO-2022-JP-3", CjkKind::Iconv },
    { "_codecs_iso2022", "iso2022_jp_ext", "ISO-2022-JP-2", CjkKind::Iconv },
    { "_codecs_iso2022", "iso2022_kr", "ISO-2022-KR", CjkKind::Iconv, nullptr, true },
};

iconv_t cd_of(CjkState const& st) { return static_cast<iconv_t>(st.cd); }

// One iconv run over in[pos..]: grows `out` as needed (E2BIG), stops at the end or an
// error (EILSEQ: Illegal, EINVAL: Incomplete).
CjkStatus run_iconv(iconv_t cd, std::string_view in, size_t& pos, std::string& out, size_t ratio)
{
    while (pos < in.size()) {
        size_t old = out.size();
        size_t room = (in.size() - pos) * ratio + 16;
        out.resize(old + room);
        char* ip = const_cast<char*>(in.data()) + pos;
        size_t il = in.size() - pos;
        char* op = out.data() + old;
        size_t ol = room;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        int err = errno;
        out.resize(size_t(op - out.data()));
        pos = size_t(ip - in.data());
        if (r != size_t(-1))
            return CjkStatus::Done;
        if (err == E2BIG)
            continue;
        return err == EINVAL ? CjkStatus::Incomplete : CjkStatus::Illegal;
    }
    return CjkStatus::Done;
}

// HZ: 7-bit GB2312 pairs between ~{ and ~}; ~~ is a tilde and ~ newline a line
// continuation (in ASCII mode only); any other ~ sequence or 8-bit byte is illegal.
CjkStatus hz_decode(CjkState& st, std::string_view in, size_t& pos, std::string& out)
{
    while (pos < in.size()) {
        unsigned char c = static_cast<unsigned char>(in[pos]);
        if (c == '~') {
            if (pos + 1 >= in.size())
                return CjkStatus::Incomplete;
            unsigned char c2 = static_cast<unsigned char>(in[pos + 1]);
            if (c2 == '~' && !st.hz_gb)
                out += '~';
            else if (c2 == '{' && !st.hz_gb)
                st.hz_gb = true;
            else if (c2 == '\n' && !st.hz_gb)
                ;
            else if (c2 == '}' && st.hz_gb)
                st.hz_gb = false;
            else
                return CjkStatus::Illegal;
            pos += 2;
            continue;
        }
        if (c & 0x80)
            return CjkStatus::Illegal;
        if (!st.hz_gb) {
            out += char(c);
            ++pos;
            continue;
        }
        if (pos + 1 >= in.size())
            return CjkStatus::Incomplete;
        char pair[2] = { char(c | 0x80), char(in[pos + 1] | 0x80) };
        size_t p = 0;
        if (run_iconv(cd_of(st), std::string_view(pair, 2), p, out, 4) != CjkStatus::Done)
            return CjkStatus::Illegal;
        pos += 2;
    }
    return CjkStatus::Done;
}

size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4; }

CjkStatus hz_encode(CjkState& st, std::string_view in, size_t& pos, std::string& out)
{
    while (pos < in.size()) {
        unsigned char c = static_cast<unsigned char>(in[pos]);
        if (c < 0x80) {
            if (st.hz_gb) {
                out += "~}";
                st.hz_gb = false;
            }
            out += char(c);
            if (c == '~')
                out += '~';
            ++pos;
            continue;
        }
        size_t n = utf8_len(c);
        std::string gb;
        size_t p = 0;
        if (n > 3 || run_iconv(cd_of(st), in.substr(pos, n), p, gb, 4) != CjkStatus::Done || gb.size() != 2)
            return CjkStatus::Illegal;
        if (!st.hz_gb) {
            out += "~{";
            st.hz_gb = true;
        }
        out += char(gb[0] & 0x7f);
        out += char(gb[1] & 0x7f);
        pos += n;
    }
    return CjkStatus::Done;
}

} // namespace

namespace {

// KS X 1001:1998 Annex 3: a syllable is 0xA4 0xD4 (the filler) then the KS X 1001
// compatibility jamo of its initial, medial and final (the filler when it has none),
// each 0xA4 and the second byte below. Medials are 0xBF + index.
constexpr unsigned char k_initial_jamo[19] = { 0xa1, 0xa2, 0xa4, 0xa7, 0xa8, 0xa9, 0xb1, 0xb2, 0xb3, 0xb5,
                                               0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe };
constexpr unsigned char k_final_jamo[28] = { 0xd4, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa9, 0xaa,
                                             0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1, 0xb2, 0xb4, 0xb5,
                                             0xb6, 0xb7, 0xb8, 0xba, 0xbb, 0xbc, 0xbd, 0xbe };

int jamo_index(unsigned char const* table, int n, unsigned char b)
{
    for (int i = 0; i < n; ++i)
        if (table[i] == b)
            return i;
    return -1;
}

// EUC-KR decoding: iconv between the make-up sequences, which are read here.
CjkStatus euckr_decode(CjkState& st, std::string_view in, size_t& pos, std::string& out)
{
    while (pos < in.size()) {
        // The next filler at a character boundary (bytes >= 0x80 come in pairs).
        size_t at = pos;
        while (at < in.size() && !(static_cast<unsigned char>(in[at]) == 0xa4 && at + 1 < in.size() &&
                                   static_cast<unsigned char>(in[at + 1]) == 0xd4))
            at += static_cast<unsigned char>(in[at]) < 0x80 ? 1 : 2;
        if (at > in.size())
            at = in.size();
        CjkStatus status = run_iconv(cd_of(st), in.substr(0, at), pos, out, 4);
        if (status != CjkStatus::Done || pos >= in.size())
            return status;
        if (in.size() - pos < 8)
            return CjkStatus::Incomplete;
        auto b = [&](size_t k) { return static_cast<unsigned char>(in[pos + k]); };
        if (b(2) != 0xa4 || b(4) != 0xa4 || b(6) != 0xa4)
            return CjkStatus::Illegal;
        int l = jamo_index(k_initial_jamo, 19, b(3));
        int v = b(5) >= 0xbf && b(5) <= 0xd3 ? b(5) - 0xbf : -1;
        int t = jamo_index(k_final_jamo, 28, b(7));
        if (l < 0 || v < 0 || t < 0)
            return CjkStatus::Illegal;
        utf8_append(out, uint32_t(0xac00 + (l * 21 + v) * 28 + t));
        pos += 8;
    }
    return CjkStatus::Done;
}

// Writes the make-up sequence of the Hangul syllable at in[pos] (which iconv refused);
// false when it is not one.
bool euckr_makeup(std::string_view in, size_t& pos, std::string& out)
{
    size_t i = pos;
    uint32_t cp = utf8_decode(in, i);
    if (cp < 0xac00 || cp > 0xd7a3)
        return false;
    uint32_t s = cp - 0xac00;
    char seq[8] = { char(0xa4), char(0xd4), char(0xa4), char(k_initial_jamo[s / 588]),
                    char(0xa4), char(0xbf + (s / 28) % 21), char(0xa4), char(k_final_jamo[s % 28]) };
    out.append(seq, 8);
    pos = i;
    return true;
}

} // namespace

CjkCodec const* cjk_codec_find(std::string_view module, std::string_view name)
{
    for (CjkCodec const& c : k_codecs)
        if (module == c.module && name == c.name)
            return &c;
    return nullptr;
}

// Rewrites what iconv decoded from `from` on with the codec's decode fix-ups.
static void fix_decoded(CjkFixups const* fx, std::string& out, size_t from)
{
    if (!fx || !fx->decode_count)
        return;
    bool any = false; // most text has none: look before decoding it all
    for (size_t k = 0; k < fx->decode_count && !any; ++k) {
        std::string needle;
        utf8_append(needle, fx->decode[k].iconv);
        any = out.find(needle, from) != std::string::npos;
    }
    if (!any)
        return;
    std::string fixed;
    for (size_t i = from; i < out.size();) {
        size_t start = i;
        uint32_t original = utf8_decode(out, i), cp = original;
        for (size_t k = 0; k < fx->decode_count; ++k)
            if (fx->decode[k].iconv == cp)
                cp = fx->decode[k].cpython;
        if (fixed.empty() && cp == original)
            continue;
        if (fixed.empty())
            fixed.assign(out, 0, start);
        utf8_append(fixed, cp);
    }
    if (!fixed.empty())
        out = std::move(fixed);
}

// ISO-2022-KR: drops the ESC $ ) C designations iconv wrote from out[from..] (it writes
// one at its first output and after a reset, even with nothing to shift) and writes
// one before the first shift out instead, as CPython.
static void place_kr_header(CjkState& st, std::string& out, size_t from)
{
    static constexpr std::string_view header = "\x1b$)C";
    for (size_t at; (at = out.find(header, from)) != std::string::npos;)
        out.erase(at, header.size());
    size_t so = st.kr_designated ? std::string::npos : out.find('\x0e', from);
    if (so != std::string::npos) {
        out.insert(so, header);
        st.kr_designated = true;
    }
}

// The byte offset of the first character in in[pos..] the codec refuses, or in.size().
static size_t first_refused(CjkFixups const* fx, std::string_view in, size_t pos)
{
    if (!fx || !fx->refuse_count)
        return in.size();
    for (size_t i = pos; i < in.size();) {
        size_t start = i;
        uint32_t cp = utf8_decode(in, i);
        for (size_t k = 0; k < fx->refuse_count; ++k)
            if (fx->refuse[k] == cp)
                return start;
    }
    return in.size();
}

bool cjk_open(CjkCodec const* codec, bool encoder, CjkState& st)
{
    iconv_t cd = encoder ? iconv_open(codec->iconv_name, "UTF-8") : iconv_open("UTF-8", codec->iconv_name);
    if (cd == iconv_t(-1))
        return false;
    st = CjkState { cd, false, false };
    return true;
}

void cjk_close(CjkState& st)
{
    if (st.cd)
        iconv_close(cd_of(st));
    st.cd = nullptr;
}

void cjk_reset(CjkState& st)
{
    if (st.cd)
        iconv(cd_of(st), nullptr, nullptr, nullptr, nullptr);
    st.hz_gb = false;
    st.kr_designated = false;
}

CjkStatus cjk_decode(CjkCodec const* codec, CjkState& st, std::string_view in, size_t& pos, std::string& out)
{
    if (codec->kind == CjkKind::Hz)
        return hz_decode(st, in, pos, out);
    if (codec->ksx_makeup)
        return euckr_decode(st, in, pos, out);
    // A byte gives at most one 4-byte UTF-8 character; a JIS X 0213 pair two of 3.
    size_t from = out.size();
    CjkStatus status = run_iconv(cd_of(st), in, pos, out, 4);
    fix_decoded(codec->fixups, out, from);
    return status;
}

CjkStatus cjk_encode(CjkCodec const* codec, CjkState& st, std::string_view in, size_t& pos, std::string& out)
{
    if (codec->kind == CjkKind::Hz)
        return hz_encode(st, in, pos, out);
    // Worst case: an ISO-2022 escape sequence before each one-byte character.
    size_t refused = first_refused(codec->fixups, in, pos);
    size_t from = out.size();
    CjkStatus status = run_iconv(cd_of(st), in.substr(0, refused), pos, out, 4);
    while (status == CjkStatus::Illegal && codec->ksx_makeup && euckr_makeup(in, pos, out))
        status = run_iconv(cd_of(st), in.substr(0, refused), pos, out, 4);
    if (codec->kr_header)
        place_kr_header(st, out, from);
    if (status == CjkStatus::Done && refused < in.size())
        return CjkStatus::Illegal;
    return status;
}

void cjk_encode_flush(CjkCodec const* codec, CjkState& st, std::string& out)
{
    if (codec->kind == CjkKind::Hz) {
        if (st.hz_gb)
            out += "~}";
        st.hz_gb = false;
        return;
    }
    char buf[64];
    char* op = buf;
    size_t ol = sizeof buf;
    iconv(cd_of(st), nullptr, nullptr, &op, &ol);
    size_t from = out.size();
    out.append(buf, size_t(op - buf));
    if (codec->kr_header)
        place_kr_header(st, out, from);
}

} // namespace slpy
