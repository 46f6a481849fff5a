// The matching engine behind _sre: runs the code CPython 3.11's re._compiler emits
// (opcode numbering of re._constants, MAGIC 20220615) over a subject of 1-, 2- or
// 4-byte characters, with the semantics of CPython's sre.
//
// The engine never recurses on the C stack per repetition or alternative: every
// backtracking point is a context record on a heap-allocated data stack (State::stack),
// as in CPython's sre, so `(a*)*b` against a long subject grows that stack, not the C
// stack. It polls vm.pending every few thousand steps, so a catastrophic pattern stays
// interruptible by Ctrl-C (KeyboardInterrupt).
//
// Plain C++ over raw memory: no heap objects are created here; the caller (sre.cpp)
// keeps the subject and the pattern alive while a State points into them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace slpy {

class VM;

namespace sre {

using Code = uint32_t;

inline constexpr uint32_t kMagic = 20220615;
inline constexpr Code kMaxRepeat = 0xFFFFFFFFu;        // SRE_MAXREPEAT: (Code)-1
inline constexpr uint32_t kMaxGroups = 0x3FFFFFFFu;    // SRE_MAXGROUPS

// Opcodes (re._constants.OPCODES, 3.11).
enum Op : Code {
    OP_FAILURE = 0, OP_SUCCESS = 1, OP_ANY = 2, OP_ANY_ALL = 3, OP_ASSERT = 4, OP_ASSERT_NOT = 5,
    OP_AT = 6, OP_BRANCH = 7, OP_CATEGORY = 8, OP_CHARSET = 9, OP_BIGCHARSET = 10, OP_GROUPREF = 11,
    OP_GROUPREF_EXISTS = 12, OP_IN = 13, OP_INFO = 14, OP_JUMP = 15, OP_LITERAL = 16, OP_MARK = 17,
    OP_MAX_UNTIL = 18, OP_MIN_UNTIL = 19, OP_NOT_LITERAL = 20, OP_NEGATE = 21, OP_RANGE = 22,
    OP_REPEAT = 23, OP_REPEAT_ONE = 24, OP_SUBPATTERN = 25, OP_MIN_REPEAT_ONE = 26,
    OP_ATOMIC_GROUP = 27, OP_POSSESSIVE_REPEAT = 28, OP_POSSESSIVE_REPEAT_ONE = 29,
    OP_GROUPREF_IGNORE = 30, OP_IN_IGNORE = 31, OP_LITERAL_IGNORE = 32, OP_NOT_LITERAL_IGNORE = 33,
    OP_GROUPREF_LOC_IGNORE = 34, OP_IN_LOC_IGNORE = 35, OP_LITERAL_LOC_IGNORE = 36,
    OP_NOT_LITERAL_LOC_IGNORE = 37, OP_GROUPREF_UNI_IGNORE = 38, OP_IN_UNI_IGNORE = 39,
    OP_LITERAL_UNI_IGNORE = 40, OP_NOT_LITERAL_UNI_IGNORE = 41, OP_RANGE_UNI_IGNORE = 42,
};

enum At : Code {
    AT_BEGINNING = 0, AT_BEGINNING_LINE = 1, AT_BEGINNING_STRING = 2, AT_BOUNDARY = 3,
    AT_NON_BOUNDARY = 4, AT_END = 5, AT_END_LINE = 6, AT_END_STRING = 7, AT_LOC_BOUNDARY = 8,
    AT_LOC_NON_BOUNDARY = 9, AT_UNI_BOUNDARY = 10, AT_UNI_NON_BOUNDARY = 11,
};

enum Category : Code {
    CAT_DIGIT = 0, CAT_NOT_DIGIT = 1, CAT_SPACE = 2, CAT_NOT_SPACE = 3, CAT_WORD = 4,
    CAT_NOT_WORD = 5, CAT_LINEBREAK = 6, CAT_NOT_LINEBREAK = 7, CAT_LOC_WORD = 8,
    CAT_LOC_NOT_WORD = 9, CAT_UNI_DIGIT = 10, CAT_UNI_NOT_DIGIT = 11, CAT_UNI_SPACE = 12,
    CAT_UNI_NOT_SPACE = 13, CAT_UNI_WORD = 14, CAT_UNI_NOT_WORD = 15, CAT_UNI_LINEBREAK = 16,
    CAT_UNI_NOT_LINEBREAK = 17,
};

inline constexpr Code INFO_PREFIX = 1, INFO_LITERAL = 2, INFO_CHARSET = 4;

inline constexpr uint32_t FLAG_TEMPLATE = 1, FLAG_IGNORECASE = 2, FLAG_LOCALE = 4, FLAG_MULTILINE = 8,
                          FLAG_DOTALL = 16, FLAG_UNICODE = 32, FLAG_VERBOSE = 64, FLAG_DEBUG = 128,
                          FLAG_ASCII = 256;

// Engine results below zero.
inline constexpr ptrdiff_t ERROR_ILLEGAL = -1;     // an opcode the engine cannot run here
inline constexpr ptrdiff_t ERROR_STATE = -2;       // MAX_UNTIL/MIN_UNTIL outside a REPEAT
inline constexpr ptrdiff_t ERROR_RECURSION = -3;   // the C stack ran out (nested counted items)
inline constexpr ptrdiff_t ERROR_MEMORY = -9;      // MemoryError pending
inline constexpr ptrdiff_t ERROR_INTERRUPTED = -10; // KeyboardInterrupt pending

// The state of one match or search over one subject (CPython's SRE_STATE). Positions
// are pointers into the subject's characters (width 1, 2 or 4 bytes). The marks, the
// data stack and nothing else are malloc'd; release() frees them.
struct State {
    VM* vm = nullptr;
    void const* beginning = nullptr; // the subject's first character
    void const* start = nullptr;     // where this match attempt starts
    void const* end = nullptr;       // endpos
    void const* ptr = nullptr;       // current position (the match end after success)
    int width = 1;
    bool match_all = false;    // fullmatch: SUCCESS only at `end`
    bool must_advance = false; // an empty match at `start` is refused (after an empty match)
    size_t pos = 0, endpos = 0;
    // Group marks: mark[2*g], mark[2*g+1] for group g+1; entries above lastmark are unset.
    void const** mark = nullptr;
    size_t mark_count = 0;
    int lastmark = -1;
    int lastindex = -1;
    // The innermost active REPEAT record: a byte offset into the data stack, or -1.
    ptrdiff_t repeat = -1;
    // The backtracking stack (contexts, saved marks, repeat records).
    char* stack = nullptr;
    size_t stack_size = 0;
    size_t stack_cap = 0;
    uint32_t steps = 0; // counts dispatches between polls of vm.pending

    State() = default;
    State(State const&) = delete;
    State& operator=(State const&) = delete;
    ~State() { release(); }

    // Sizes the mark array for `groups` groups. False with MemoryError pending.
    bool init_marks(size_t groups);
    // Forgets the marks and repeats of the last attempt (CPython's state_reset).
    void reset()
    {
        lastmark = -1;
        lastindex = -1;
        repeat = -1;
        stack_size = 0;
    }
    void release();
    // Character offset of a position.
    ptrdiff_t offset(void const* p) const
    {
        return (static_cast<char const*>(p) - static_cast<char const*>(beginning)) / width;
    }
};

// Matches `code` at state.ptr (= state.start): > 0 matched (state.ptr is the end),
// 0 no match, < 0 an ERROR_* code.
ptrdiff_t match(State& state, Code const* code);
// Searches from state.start: on a match, state.start/state.ptr are its bounds.
ptrdiff_t search(State& state, Code const* code);

// Checks that `code[0..n)` is well-formed code for `groups` groups (CPython's
// _validate): false when it is not (the caller raises RuntimeError "invalid SRE code").
bool validate(VM& vm, Code const* code, size_t n, size_t groups);

// Character predicates and case mappings as sre uses them.
uint32_t lower_ascii(uint32_t ch);
uint32_t lower_unicode(uint32_t ch);
uint32_t upper_unicode(uint32_t ch);
bool ascii_iscased(uint32_t ch);
bool unicode_iscased(uint32_t ch);

} // namespace sre
} // namespace slpy
