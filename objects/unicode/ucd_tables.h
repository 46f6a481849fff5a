// The generated tables of ucd_data.cpp (formats: see ucd_gen.py). Internal to
// objects/unicode/: everything else goes through ucd.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace slpy::ucd::data {

struct SpelledRange {
    uint32_t first, last;
    uint32_t prefix; // index into kSpelledPrefixes
};
struct CodeRange {
    uint32_t first, last;
};
struct CompositionPair {
    uint32_t first, second, composite;
};

#define SLPY_UCD_ARRAY(type, name) \
    extern type const name[];      \
    extern size_t const name##_size;

extern char const kLexicon[];
SLPY_UCD_ARRAY(uint8_t, kWordLengths)
SLPY_UCD_ARRAY(uint32_t, kWordOffsets)
SLPY_UCD_ARRAY(uint8_t, kNameData)
SLPY_UCD_ARRAY(uint32_t, kNameBlocks)
SLPY_UCD_ARRAY(uint16_t, kBlockFirstWords)
SLPY_UCD_ARRAY(uint16_t, kBlockFirstWordStart)
SLPY_UCD_ARRAY(uint32_t, kNameRunFirst)
SLPY_UCD_ARRAY(uint16_t, kNameRunIndex)
extern size_t const kNameCount;
extern char const* const kSpelledPrefixes[];
SLPY_UCD_ARRAY(SpelledRange, kSpelledRanges)
SLPY_UCD_ARRAY(CodeRange, kUnifiedIdeographs)
extern char const* const kJamoLead[];
extern char const* const kJamoVowel[];
extern char const* const kJamoTrail[];
SLPY_UCD_ARRAY(uint8_t, kAliasData)
SLPY_UCD_ARRAY(uint8_t, kSequenceData)
SLPY_UCD_ARRAY(uint32_t, kCombiningClasses)
SLPY_UCD_ARRAY(uint32_t, kCanonicalKeys)
SLPY_UCD_ARRAY(uint16_t, kCanonicalOffsets)
SLPY_UCD_ARRAY(uint16_t, kCanonicalUnits)
SLPY_UCD_ARRAY(uint32_t, kCompatKeys)
SLPY_UCD_ARRAY(uint16_t, kCompatOffsets)
SLPY_UCD_ARRAY(uint16_t, kCompatUnits)
SLPY_UCD_ARRAY(CompositionPair, kCompositions)
SLPY_UCD_ARRAY(uint32_t, kXidStart)
SLPY_UCD_ARRAY(uint32_t, kXidContinue)
SLPY_UCD_ARRAY(uint32_t, kPrintable)

#undef SLPY_UCD_ARRAY

} // namespace slpy::ucd::data
