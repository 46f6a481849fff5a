#!/usr/bin/env python3
"""Generates objects/unicode/ucd_data.cpp: the parts of the Unicode Character Database
that both the front end and the runtime need, taken from the running CPython (3.11:
Unicode 14.0), so slpy accepts and produces exactly what CPython does.

Usage: python3 objects/unicode/ucd_gen.py > objects/unicode/ucd_data.cpp

What is generated (the decoding side lives in objects/unicode/ucd.cpp):

* Character names (unicodedata.name / lookup, "\\N{...}"). Names are split into words
  that keep their trailing separator ("LATIN ", "SMALL ", "A"); the distinct words form a
  lexicon: the 192 most frequent first (one-byte ids), then the others in sorted order
  (two-byte ids; sorted, so a lookup finds a word by binary search). Each name is the list
  of its word ids, stored in code point order after a header
  byte: how many leading words it shares with the previous name (high nibble) and how many
  words follow (low nibble). Every 32nd name shares nothing, so a name is found by
  decoding at most 31 others. For lookups by name, each block lists the distinct first
  words of its names: only the blocks holding the query's first word are decoded. Names that spell their own code point ("CJK COMPATIBILITY
  IDEOGRAPH-F900") are ranges of (prefix, first, last); CJK unified ideographs and Hangul
  syllables are CPython's algorithmic names, generated in code from the ranges and jamo
  names below.
* Name aliases and named sequences, read from CPython's own name table through the
  unicodedata C API capsule (unicodedata exposes them only to lookup()).
* Normalization: canonical combining classes (ranges), the full canonical and
  compatibility decompositions of each code point (UTF-16), and the canonical composition
  pairs (derived: a two-character canonical decomposition that NFC recomposes).
* XID_Start, XID_Continue (as str.isidentifier sees them) and printable characters, as
  sorted range boundaries.
"""
import ctypes
import re
import sys
import unicodedata
from collections import Counter

MAX = 0x110000
BLOCK = 32            # names per block (keep in step with ucd.cpp)
ONE_BYTE_IDS = 192    # word ids below this take one byte (keep in step with ucd.cpp)


def hangul_syllable(cp):
    return 0xAC00 <= cp <= 0xD7A3


def words_of(name):
    return re.findall(r'[^ -]+[ -]?', name)


# ---------------------------------------------------------------- names

def collect_names():
    names = {}
    cjk = []          # unified ideograph code points (algorithmic in CPython)
    spelled = {}      # prefix -> code points whose name is prefix + "%04X" % cp
    for cp in range(MAX):
        n = unicodedata.name(chr(cp), None)
        if n is None or hangul_syllable(cp):
            continue
        if n == 'CJK UNIFIED IDEOGRAPH-%04X' % cp:
            cjk.append(cp)
            continue
        m = re.fullmatch(r'(.*-)%04X' % cp, n)
        if m:
            spelled.setdefault(m.group(1), []).append(cp)
            continue
        names[cp] = n
    return names, cjk, spelled


def ranges_of(cps):
    out = []
    for cp in cps:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def ucnhash_getname():
    """CPython's getname(code, buffer, buflen, with_alias_and_seq) from the capsule."""
    get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
    get_pointer.restype = ctypes.c_void_p
    get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    capi = get_pointer(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI")
    functions = ctypes.cast(capi, ctypes.POINTER(ctypes.c_void_p))
    proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int, ctypes.c_int)
    return proto(functions[0])


def collect_aliases_and_sequences():
    """CPython keeps aliases and named sequences in its name table at private code points
    from U+F0000; lookup() resolves them to the character or the sequence."""
    getname = ucnhash_getname()
    buf = ctypes.create_string_buffer(256)
    aliases, sequences = [], []
    for code in range(0xF0000, 0xF0000 + 0x2000):
        if not getname(code, buf, 256, 1):
            continue
        name = buf.value.decode('ascii')
        value = unicodedata.lookup(name)
        if len(value) == 1:
            aliases.append((name, ord(value)))
        else:
            sequences.append((name, [ord(c) for c in value]))
    return aliases, sequences


def hangul_jamo():
    """The short jamo names of CPython's Hangul syllable names, read off the syllables."""
    base = 0xAC00
    ieung = 11  # the silent initial: syllables that start with a vowel
    lead = [unicodedata.name(chr(base + l * 588))[len('HANGUL SYLLABLE '):-1] for l in range(19)]
    vowel = [unicodedata.name(chr(base + ieung * 588 + v * 28))[len('HANGUL SYLLABLE '):] for v in range(21)]
    trail = [unicodedata.name(chr(base + ieung * 588 + t))[len('HANGUL SYLLABLE A'):] for t in range(28)]
    assert lead[ieung] == '' and trail[0] == ''
    return lead, vowel, trail


def encode_words(ids):
    out = []
    for i in ids:
        if i < ONE_BYTE_IDS:
            out.append(i)
        else:
            i -= ONE_BYTE_IDS
            assert i < (256 - ONE_BYTE_IDS) * 256
            out += [ONE_BYTE_IDS + (i >> 8), i & 0xFF]
    return out


# ---------------------------------------------------------------- output helpers

def emit_array(out, ctype, name, values, per_line=16, fmt='{}'):
    out.append('extern %s const %s[] = {' % (ctype, name))
    line = []
    for v in values:
        line.append(fmt.format(v))
        if len(line) == per_line:
            out.append('    ' + ', '.join(line) + ',')
            line = []
    if line:
        out.append('    ' + ', '.join(line) + ',')
    out.append('};')
    out.append('extern size_t const %s_size = %d;' % (name, len(values)))
    out.append('')


def c_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def boundaries(pred):
    """Sorted code points where pred changes value, starting from False at 0."""
    out = []
    state = False
    for cp in range(MAX):
        v = pred(cp)
        if v != state:
            out.append(cp)
            state = v
    return out


def main():
    out = []
    out.append('// Generated by objects/unicode/ucd_gen.py from CPython %s (Unicode %s): do not edit.'
               % (sys.version.split()[0], unicodedata.unidata_version))
    out.append('//')
    out.append('// Unicode character names, aliases, named sequences, normalization data and')
    out.append('// identifier classes; the formats are described in ucd_gen.py and read by ucd.cpp.')
    out.append('#include "objects/unicode/ucd_tables.h"')
    out.append('')
    out.append('namespace slpy::ucd::data {')
    out.append('')

    names, cjk, spelled = collect_names()
    aliases, sequences = collect_aliases_and_sequences()

    # Lexicon, most frequent words first.
    counts = Counter()
    for n in names.values():
        counts.update(words_of(n))
    for n, _ in aliases:
        counts.update(words_of(n))
    for n, _ in sequences:
        counts.update(words_of(n))
    by_frequency = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    lexicon = by_frequency[:ONE_BYTE_IDS] + sorted(by_frequency[ONE_BYTE_IDS:])
    word_id = {w: i for i, w in enumerate(lexicon)}
    text = ''.join(lexicon)
    assert all(len(w) < 256 for w in lexicon)
    out.append('extern char const kLexicon[] = %s;' % ' '.join(
        c_string(text[i:i + 100]) + '\n   ' for i in range(0, len(text), 100)).rstrip())
    out.append('')
    emit_array(out, 'uint8_t', 'kWordLengths', [len(w) for w in lexicon], 32)
    # The lexicon offset of every 16th word.
    offsets, pos = [], 0
    for i, w in enumerate(lexicon):
        if i % 16 == 0:
            offsets.append(pos)
        pos += len(w)
    emit_array(out, 'uint32_t', 'kWordOffsets', offsets, 12)

    # Names in code point order.
    cps = sorted(names)
    stream, block_offsets = [], []
    first_words, first_word_start = [], []
    prev = []
    for k, cp in enumerate(cps):
        ids = [word_id[w] for w in words_of(names[cp])]
        shared = 0
        if k % BLOCK == 0:
            block_offsets.append(len(stream))
            first_word_start.append(len(first_words))
        if ids[0] not in first_words[first_word_start[-1]:]:
            first_words.append(ids[0])
        else:
            while shared < min(len(prev), len(ids), 15) and prev[shared] == ids[shared]:
                shared += 1
        rest = ids[shared:]
        assert len(rest) < 16
        stream.append(shared << 4 | len(rest))
        stream += encode_words(rest)
        prev = ids
    emit_array(out, 'uint8_t', 'kNameData', stream, 24)
    emit_array(out, 'uint32_t', 'kNameBlocks', block_offsets, 12)
    first_word_start.append(len(first_words))
    assert len(first_words) < 65536
    emit_array(out, 'uint16_t', 'kBlockFirstWords', first_words, 16)
    emit_array(out, 'uint16_t', 'kBlockFirstWordStart', first_word_start, 16)
    runs = ranges_of(cps)
    assert len(cps) < 65536
    run_first, run_index, index = [], [], 0
    for first, last in runs:
        run_first.append(first)
        run_index.append(index)
        index += last - first + 1
    emit_array(out, 'uint32_t', 'kNameRunFirst', run_first, 12, '0x{:X}')
    emit_array(out, 'uint16_t', 'kNameRunIndex', run_index, 16)
    out.append('extern size_t const kNameCount = %d;' % len(cps))
    out.append('')

    # Names that spell their code point.
    prefixes = sorted(spelled)
    out.append('extern char const* const kSpelledPrefixes[] = { %s };' % ', '.join(c_string(p) for p in prefixes))
    spelled_ranges = []
    for i, p in enumerate(prefixes):
        for first, last in ranges_of(spelled[p]):
            spelled_ranges.append('{ 0x%X, 0x%X, %d }' % (first, last, i))
    out.append('extern SpelledRange const kSpelledRanges[] = {')
    for r in spelled_ranges:
        out.append('    %s,' % r)
    out.append('};')
    out.append('extern size_t const kSpelledRanges_size = %d;' % len(spelled_ranges))
    out.append('')
    cjk_ranges = ranges_of(cjk)
    out.append('extern CodeRange const kUnifiedIdeographs[] = { %s };'
               % ', '.join('{ 0x%X, 0x%X }' % (a, b) for a, b in cjk_ranges))
    out.append('extern size_t const kUnifiedIdeographs_size = %d;' % len(cjk_ranges))
    lead, vowel, trail = hangul_jamo()
    for cname, jamo in (('kJamoLead', lead), ('kJamoVowel', vowel), ('kJamoTrail', trail)):
        out.append('extern char const* const %s[] = { %s };' % (cname, ', '.join(c_string(j) for j in jamo)))
    out.append('')

    # Aliases: header byte (word count), words, code point (3 bytes big-endian).
    alias_stream = []
    for n, cp in aliases:
        ids = [word_id[w] for w in words_of(n)]
        alias_stream.append(len(ids))
        alias_stream += encode_words(ids)
        alias_stream += [cp >> 16, (cp >> 8) & 0xFF, cp & 0xFF]
    emit_array(out, 'uint8_t', 'kAliasData', alias_stream, 24)
    # Named sequences: word count, words, length, code points (3 bytes each).
    seq_stream = []
    for n, seq in sequences:
        ids = [word_id[w] for w in words_of(n)]
        seq_stream.append(len(ids))
        seq_stream += encode_words(ids)
        seq_stream.append(len(seq))
        for cp in seq:
            seq_stream += [cp >> 16, (cp >> 8) & 0xFF, cp & 0xFF]
    emit_array(out, 'uint8_t', 'kSequenceData', seq_stream, 24)

    # Canonical combining classes: (first code point << 8 | class) where the class changes.
    ccc, last = [], 0
    for cp in range(MAX):
        c = unicodedata.combining(chr(cp))
        if c != last:
            ccc.append(cp << 8 | c)
            last = c
    emit_array(out, 'uint32_t', 'kCombiningClasses', ccc, 10, '0x{:X}')

    # Full decompositions (Hangul syllables are algorithmic): key = cp << 8 | length, the
    # UTF-16 units at the matching offset.
    def utf16(s):
        units = []
        for ch in s:
            o = ord(ch)
            if o >= 0x10000:
                o -= 0x10000
                units += [0xD800 + (o >> 10), 0xDC00 + (o & 0x3FF)]
            else:
                units.append(o)
        return units

    for form, cname in (('NFD', 'kCanonical'), ('NFKD', 'kCompat')):
        keys, offs, units = [], [], []
        for cp in range(MAX):
            if hangul_syllable(cp):
                continue
            c = chr(cp)
            d = unicodedata.normalize(form, c)
            if form == 'NFKD' and d == unicodedata.normalize('NFD', c):
                continue  # same as the canonical one (or none): look there
            if d == c:
                continue
            u = utf16(d)
            assert len(u) < 256
            keys.append(cp << 8 | len(u))
            offs.append(len(units))
            units += u
        assert len(units) < 65536
        emit_array(out, 'uint32_t', cname + 'Keys', keys, 10, '0x{:X}')
        emit_array(out, 'uint16_t', cname + 'Offsets', offs, 16)
        emit_array(out, 'uint16_t', cname + 'Units', units, 16, '0x{:X}')

    # Canonical composition pairs (first, second, composite), sorted by (first, second).
    pairs = []
    for cp in range(MAX):
        if hangul_syllable(cp):
            continue
        d = unicodedata.decomposition(chr(cp))
        if not d or d.startswith('<'):
            continue
        parts = [int(x, 16) for x in d.split()]
        if len(parts) == 2 and unicodedata.normalize('NFC', chr(parts[0]) + chr(parts[1])) == chr(cp):
            pairs.append((parts[0], parts[1], cp))
    pairs.sort()
    out.append('extern CompositionPair const kCompositions[] = {')
    for a, b, c in pairs:
        out.append('    { 0x%X, 0x%X, 0x%X },' % (a, b, c))
    out.append('};')
    out.append('extern size_t const kCompositions_size = %d;' % len(pairs))
    out.append('')

    # Identifier classes as str.isidentifier() sees single characters, and printability.
    emit_array(out, 'uint32_t', 'kXidStart', boundaries(lambda cp: chr(cp).isidentifier()), 10, '0x{:X}')
    emit_array(out, 'uint32_t', 'kXidContinue', boundaries(lambda cp: ('a' + chr(cp)).isidentifier()), 10, '0x{:X}')
    emit_array(out, 'uint32_t', 'kPrintable', boundaries(lambda cp: chr(cp).isprintable()), 10, '0x{:X}')

    out.append('} // namespace slpy::ucd::data')
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
