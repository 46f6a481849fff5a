// The Unicode Character Database lookups of ucd.h over the generated tables of
// ucd_data.cpp (formats: see ucd_gen.py).
#include "objects/unicode/ucd.h"

#include "objects/unicode/ucd_tables.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

namespace slpy::ucd {

namespace {

using namespace data;

constexpr size_t k_block = 32;         // names per block (ucd_gen.py's BLOCK)
constexpr uint32_t k_one_byte_ids = 192; // ucd_gen.py's ONE_BYTE_IDS
constexpr size_t k_max_words = 16;

// Hangul syllables (Unicode's conjoining jamo algorithm).
constexpr char32_t k_sbase = 0xAC00, k_lbase = 0x1100, k_vbase = 0x1161, k_tbase = 0x11A7;
constexpr int k_lcount = 19, k_vcount = 21, k_tcount = 28;
constexpr int k_ncount = k_vcount * k_tcount, k_scount = k_lcount * k_ncount;

bool is_hangul_syllable(char32_t cp) { return cp >= k_sbase && cp < k_sbase + k_scount; }

// ---------------------------------------------------------------- names

std::string_view word_text(uint32_t id)
{
    size_t group = id / 16;
    size_t offset = kWordOffsets[group];
    for (size_t i = group * 16; i < id; ++i)
        offset += kWordLengths[i];
    return { kLexicon + offset, kWordLengths[id] };
}

uint32_t read_word(uint8_t const* data, size_t& pos)
{
    uint32_t b = data[pos++];
    if (b < k_one_byte_ids)
        return b;
    return k_one_byte_ids + ((b - k_one_byte_ids) << 8 | data[pos++]);
}

// The word ids of name number `index` (code point order); returns their count.
size_t name_words(size_t index, uint32_t* ids)
{
    size_t block = index / k_block;
    size_t pos = kNameBlocks[block];
    size_t n = 0;
    for (size_t i = block * k_block;; ++i) {
        uint8_t header = kNameData[pos++];
        n = header >> 4;
        for (int k = header & 15; k > 0; --k)
            ids[n++] = read_word(kNameData, pos);
        if (i == index)
            return n;
    }
}

void append_words(std::string& out, uint32_t const* ids, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        out += word_text(ids[i]);
}

void append_hex(std::string& out, char32_t cp)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
    out += buf;
}

bool in_ranges(CodeRange const* ranges, size_t n, char32_t cp)
{
    for (size_t i = 0; i < n; ++i)
        if (cp >= ranges[i].first && cp <= ranges[i].last)
            return true;
    return false;
}

// Splits an upper-cased name into lexicon words ("LATIN ", "SMALL ", "A"): a run of
// other characters and at most one following space or hyphen. False when the name has
// a separator elsewhere (leading, doubled) or a word the lexicon lacks.
bool query_words(std::string_view name, std::vector<uint32_t>& ids)
{
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < name.size()) {
        size_t start = i;
        while (i < name.size() && name[i] != ' ' && name[i] != '-')
            ++i;
        if (i == start)
            return false;
        if (i < name.size())
            ++i;
        words.push_back(name.substr(start, i - start));
    }
    if (words.empty() || words.size() >= k_max_words)
        return false;
    ids.clear();
    for (std::string_view w : words) {
        // The frequent words (one-byte ids) one by one, the others (sorted) by bisection.
        uint32_t id = UINT32_MAX;
        size_t offset = 0;
        for (uint32_t i = 0; i < k_one_byte_ids && i < kWordLengths_size; ++i) {
            if (std::string_view(kLexicon + offset, kWordLengths[i]) == w) {
                id = i;
                break;
            }
            offset += kWordLengths[i];
        }
        if (id == UINT32_MAX) {
            uint32_t lo = k_one_byte_ids, hi = static_cast<uint32_t>(kWordLengths_size);
            while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (word_text(mid) < w)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < kWordLengths_size && word_text(lo) == w)
                id = lo;
        }
        if (id == UINT32_MAX)
            return false;
        ids.push_back(id);
    }
    return true;
}

// Reads the word ids of an alias or named sequence entry at `pos` and compares them.
bool entry_matches(uint8_t const* data, size_t& pos, std::vector<uint32_t> const& query)
{
    size_t n = data[pos++];
    bool same = n == query.size();
    for (size_t k = 0; k < n; ++k) {
        uint32_t id = read_word(data, pos);
        if (same && id != query[k])
            same = false;
    }
    return same;
}

char32_t read_cp(uint8_t const* data, size_t& pos)
{
    char32_t cp = char32_t(data[pos]) << 16 | char32_t(data[pos + 1]) << 8 | data[pos + 2];
    pos += 3;
    return cp;
}

bool lookup_listed(std::string_view upper, std::u32string& out, bool named_sequences)
{
    std::vector<uint32_t> query;
    if (!query_words(upper, query))
        return false;
    // Names: only the blocks that have a name starting with the query's first word,
    // each decoded entry by entry (an entry is relative to the one before).
    uint32_t ids[k_max_words];
    for (size_t block = 0; block < kNameBlocks_size; ++block) {
        uint16_t const* first = kBlockFirstWords + kBlockFirstWordStart[block];
        uint16_t const* last = kBlockFirstWords + kBlockFirstWordStart[block + 1];
        if (std::find(first, last, query[0]) == last)
            continue;
        size_t pos = kNameBlocks[block];
        size_t end = std::min(kNameCount, (block + 1) * k_block);
        for (size_t index = block * k_block; index < end; ++index) {
            uint8_t header = kNameData[pos++];
            size_t n = header >> 4;
            for (int k = header & 15; k > 0; --k)
                ids[n++] = read_word(kNameData, pos);
            if (n == query.size() && std::equal(ids, ids + n, query.begin())) {
                size_t run = std::upper_bound(kNameRunIndex, kNameRunIndex + kNameRunIndex_size, index) - kNameRunIndex - 1;
                out = char32_t(kNameRunFirst[run] + (index - kNameRunIndex[run]));
                return true;
            }
        }
    }
    for (size_t p = 0; p < kAliasData_size;) {
        bool same = entry_matches(kAliasData, p, query);
        char32_t cp = read_cp(kAliasData, p);
        if (same) {
            out = cp;
            return true;
        }
    }
    if (!named_sequences)
        return false;
    for (size_t p = 0; p < kSequenceData_size;) {
        bool same = entry_matches(kSequenceData, p, query);
        std::u32string seq;
        for (size_t n = kSequenceData[p++]; n > 0; --n)
            seq += read_cp(kSequenceData, p);
        if (same) {
            out = seq;
            return true;
        }
    }
    return false;
}

// CPython's find_syllable: the longest jamo name of one column that starts `s`.
size_t find_jamo(std::string_view s, char const* const* names, int count, int& index)
{
    int best = -1;
    for (int i = 0; i < count; ++i) {
        int len = static_cast<int>(std::strlen(names[i]));
        if (len > best && s.substr(0, static_cast<size_t>(len)) == names[i]) {
            best = len;
            index = i;
        }
    }
    return best < 0 ? 0 : static_cast<size_t>(best);
}

// ---------------------------------------------------------------- normalization

// Whether `cp` is in the set described by sorted boundaries (in at odd counts).
bool in_boundaries(uint32_t const* b, size_t n, char32_t cp)
{
    return (std::upper_bound(b, b + n, static_cast<uint32_t>(cp)) - b) % 2 == 1;
}

// Appends the full decomposition of `cp` from one table; false when it has none there.
bool table_decomposition(uint32_t const* keys, uint16_t const* offsets, uint16_t const* units, size_t n, char32_t cp,
                         std::u32string& out)
{
    uint32_t probe = static_cast<uint32_t>(cp) << 8;
    uint32_t const* it = std::lower_bound(keys, keys + n, probe);
    if (it == keys + n || (*it >> 8) != cp)
        return false;
    size_t i = static_cast<size_t>(it - keys);
    uint16_t const* u = units + offsets[i];
    uint16_t const* end = u + (*it & 0xFF);
    while (u < end) {
        char32_t c = *u++;
        if (c >= 0xD800 && c < 0xDC00 && u < end)
            c = 0x10000 + ((c - 0xD800) << 10) + (*u++ - 0xDC00);
        out += c;
    }
    return true;
}

void decompose(char32_t cp, bool compat, std::u32string& out)
{
    if (is_hangul_syllable(cp)) {
        int s = static_cast<int>(cp - k_sbase);
        out += k_lbase + s / k_ncount;
        out += k_vbase + (s % k_ncount) / k_tcount;
        if (s % k_tcount)
            out += k_tbase + s % k_tcount;
        return;
    }
    if (compat && table_decomposition(kCompatKeys, kCompatOffsets, kCompatUnits, kCompatKeys_size, cp, out))
        return;
    if (table_decomposition(kCanonicalKeys, kCanonicalOffsets, kCanonicalUnits, kCanonicalKeys_size, cp, out))
        return;
    out += cp;
}

// Canonical ordering: each run of non-starters sorted (stably) by combining class.
void canonical_order(std::u32string& s)
{
    size_t n = s.size();
    for (size_t i = 0; i < n;) {
        if (combining_class(s[i]) == 0) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < n && combining_class(s[j]) != 0)
            ++j;
        std::stable_sort(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(j),
                         [](char32_t a, char32_t b) { return combining_class(a) < combining_class(b); });
        i = j;
    }
}

// The primary composite of a pair, or 0.
char32_t compose_pair(char32_t a, char32_t b)
{
    if (a >= k_lbase && a < k_lbase + k_lcount && b >= k_vbase && b < k_vbase + k_vcount)
        return k_sbase + ((a - k_lbase) * k_vcount + (b - k_vbase)) * k_tcount;
    if (is_hangul_syllable(a) && (a - k_sbase) % k_tcount == 0 && b > k_tbase && b < k_tbase + k_tcount)
        return a + (b - k_tbase);
    CompositionPair const* end = kCompositions + kCompositions_size;
    CompositionPair const* it = std::lower_bound(kCompositions, end, std::pair { a, b }, [](CompositionPair const& p, std::pair<char32_t, char32_t> k) {
        return p.first < k.first || (p.first == k.first && p.second < k.second);
    });
    return it != end && it->first == a && it->second == b ? it->composite : 0;
}

// Canonical composition of a decomposed, canonically ordered string (UAX #15).
void compose(std::u32string& s)
{
    if (s.empty())
        return;
    size_t starter = 0, out = 1;
    int last_class = combining_class(s[0]) ? 256 : 0; // a leading mark blocks composition
    for (size_t i = 1; i < s.size(); ++i) {
        char32_t ch = s[i];
        int cc = combining_class(ch);
        char32_t composite = compose_pair(s[starter], ch);
        if (composite && (last_class < cc || last_class == 0)) {
            s[starter] = composite;
            continue;
        }
        if (cc == 0)
            starter = out;
        last_class = cc;
        s[out++] = ch;
    }
    s.resize(out);
}

// ---------------------------------------------------------------- UTF-8

char32_t utf8_next(std::string_view s, size_t& i)
{
    auto b = static_cast<unsigned char>(s[i++]);
    if (b < 0x80)
        return b;
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
    char32_t cp = b & (0x3F >> extra);
    for (; extra > 0 && i < s.size(); --extra)
        cp = cp << 6 | (static_cast<unsigned char>(s[i++]) & 0x3F);
    return cp;
}

void utf8_put(std::string& out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace

// ---------------------------------------------------------------- API

bool char_name(char32_t cp, std::string& out)
{
    out.clear();
    if (is_hangul_syllable(cp)) {
        int s = static_cast<int>(cp - k_sbase);
        out = "HANGUL SYLLABLE ";
        out += kJamoLead[s / k_ncount];
        out += kJamoVowel[(s % k_ncount) / k_tcount];
        out += kJamoTrail[s % k_tcount];
        return true;
    }
    if (in_ranges(kUnifiedIdeographs, kUnifiedIdeographs_size, cp)) {
        out = "CJK UNIFIED IDEOGRAPH-";
        append_hex(out, cp);
        return true;
    }
    for (size_t i = 0; i < kSpelledRanges_size; ++i) {
        if (cp >= kSpelledRanges[i].first && cp <= kSpelledRanges[i].last) {
            out = kSpelledPrefixes[kSpelledRanges[i].prefix];
            append_hex(out, cp);
            return true;
        }
    }
    uint32_t const* runs_end = kNameRunFirst + kNameRunFirst_size;
    uint32_t const* run = std::upper_bound(kNameRunFirst, runs_end, static_cast<uint32_t>(cp));
    if (run == kNameRunFirst)
        return false;
    size_t r = static_cast<size_t>(run - kNameRunFirst) - 1;
    size_t index = kNameRunIndex[r] + (cp - kNameRunFirst[r]);
    size_t run_end = r + 1 < kNameRunIndex_size ? kNameRunIndex[r + 1] : kNameCount;
    if (index >= run_end)
        return false;
    uint32_t ids[k_max_words];
    size_t n = name_words(index, ids);
    append_words(out, ids, n);
    return true;
}

bool lookup_name(std::string_view name, std::u32string& out, bool named_sequences)
{
    // CPython's algorithmic names are matched as written (upper case only).
    constexpr std::string_view cjk = "CJK UNIFIED IDEOGRAPH-";
    if (name.substr(0, cjk.size()) == cjk) {
        std::string_view hex = name.substr(cjk.size());
        if (hex.size() != 4 && hex.size() != 5)
            return false;
        char32_t v = 0;
        for (char c : hex) {
            if (c >= '0' && c <= '9')
                v = v * 16 + static_cast<char32_t>(c - '0');
            else if (c >= 'A' && c <= 'F')
                v = v * 16 + static_cast<char32_t>(c - 'A' + 10);
            else
                return false;
        }
        if (!in_ranges(kUnifiedIdeographs, kUnifiedIdeographs_size, v))
            return false;
        out = v;
        return true;
    }
    constexpr std::string_view hangul = "HANGUL SYLLABLE ";
    if (name.substr(0, hangul.size()) == hangul) {
        std::string_view rest = name.substr(hangul.size());
        int l = -1, v = -1, t = -1;
        rest.remove_prefix(find_jamo(rest, kJamoLead, k_lcount, l));
        rest.remove_prefix(find_jamo(rest, kJamoVowel, k_vcount, v));
        rest.remove_prefix(find_jamo(rest, kJamoTrail, k_tcount, t));
        if (l < 0 || v < 0 || t < 0 || !rest.empty())
            return false;
        out = k_sbase + static_cast<char32_t>((l * k_vcount + v) * k_tcount + t);
        return true;
    }
    // Listed names (and aliases, sequences) compare case-insensitively.
    if (name.size() > 256)
        return false;
    std::string upper(name);
    for (char& c : upper)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    for (size_t i = 0; i < kSpelledRanges_size; ++i) {
        std::string_view prefix = kSpelledPrefixes[kSpelledRanges[i].prefix];
        if (std::string_view(upper).substr(0, prefix.size()) != prefix)
            continue;
        char32_t v = 0;
        std::string_view hex = std::string_view(upper).substr(prefix.size());
        if (hex.empty() || hex.size() > 6)
            continue;
        bool ok = true;
        for (char c : hex) {
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                ok = false;
                break;
            }
            v = v * 16 + static_cast<char32_t>(d);
        }
        std::string spelled(prefix);
        append_hex(spelled, v);
        if (ok && spelled == upper && v >= kSpelledRanges[i].first && v <= kSpelledRanges[i].last) {
            out = v;
            return true;
        }
    }
    return lookup_listed(upper, out, named_sequences);
}

int combining_class(char32_t cp)
{
    if (cp < 0x300)
        return 0;
    uint32_t probe = static_cast<uint32_t>(cp) << 8 | 0xFF;
    uint32_t const* end = kCombiningClasses + kCombiningClasses_size;
    uint32_t const* it = std::upper_bound(kCombiningClasses, end, probe);
    return it == kCombiningClasses ? 0 : static_cast<int>(*(it - 1) & 0xFF);
}

std::u32string normalize(NormForm form, std::u32string_view s)
{
    bool compat = form == NormForm::NFKC || form == NormForm::NFKD;
    std::u32string out;
    out.reserve(s.size());
    for (char32_t cp : s)
        decompose(cp, compat, out);
    canonical_order(out);
    if (form == NormForm::NFC || form == NormForm::NFKC)
        compose(out);
    return out;
}

std::string normalize_utf8(NormForm form, std::string_view utf8)
{
    std::u32string text;
    for (size_t i = 0; i < utf8.size();)
        text += utf8_next(utf8, i);
    std::string out;
    for (char32_t cp : normalize(form, text))
        utf8_put(out, cp);
    return out;
}

bool is_identifier_start(char32_t cp) { return in_boundaries(kXidStart, kXidStart_size, cp); }
bool is_identifier_continue(char32_t cp) { return in_boundaries(kXidContinue, kXidContinue_size, cp); }
bool is_printable(char32_t cp) { return in_boundaries(kPrintable, kPrintable_size, cp); }

} // namespace slpy::ucd
