// The _sre matching engine (see sre_engine.h): CPython 3.11's sre semantics, one
// template instantiated for 1-, 2- and 4-byte characters.
//
// The matcher is a loop over a stack of context records instead of a recursive
// function: where CPython's sre "calls" itself for a sub-pattern (a branch alternative,
// one more iteration of a repeat, the tail after a repeat, a lookaround), the loop saves
// its position in the current context, pushes a child context and starts over on the
// sub-pattern; when the child returns, the parent is popped back and resumes at the
// point the record's `jump` names. Contexts, saved marks and REPEAT records all live
// on State::stack and are addressed by byte offsets (the stack may move when it grows).
#include "stackless/modules/sre/sre_engine.h"

#include "objects/heap.h"
#include "objects/runtime.h"
#include "objects/str_internal.h"

#include <cstdlib>
#include <cstring>

namespace slpy::sre {

// ------------------------------------------------------------------ characters

uint32_t lower_ascii(uint32_t ch) { return (ch < 128 && ch >= 'A' && ch <= 'Z') ? ch + 32 : ch; }

// sre's Py_UNICODE_TOLOWER / TOUPPER: the simple mapping, which for characters with a
// one-to-many mapping is its first character (as CPython's _PyUnicode_ToLowercase).
uint32_t lower_unicode(uint32_t ch)
{
    if (ch < 128)
        return (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch;
    uint32_t out[3];
    unicode::to_lower(ch, out);
    return out[0];
}

uint32_t upper_unicode(uint32_t ch)
{
    if (ch < 128)
        return (ch >= 'a' && ch <= 'z') ? ch - 32 : ch;
    uint32_t out[3];
    unicode::to_upper(ch, out);
    return out[0];
}

bool ascii_iscased(uint32_t ch) { return ch < 128 && ((ch | 32) >= 'a' && (ch | 32) <= 'z'); }
bool unicode_iscased(uint32_t ch) { return ch != lower_unicode(ch) || ch != upper_unicode(ch); }

namespace {

inline bool is_digit(uint32_t ch) { return ch >= '0' && ch <= '9'; }
inline bool is_space(uint32_t ch) { return ch == ' ' || (ch >= 9 && ch <= 13); }
inline bool is_alnum(uint32_t ch) { return is_digit(ch) || ((ch | 32) >= 'a' && (ch | 32) <= 'z'); }
inline bool is_word(uint32_t ch) { return ch < 128 && (is_alnum(ch) || ch == '_'); }
inline bool is_linebreak(uint32_t ch) { return ch == '\n'; }

// LOCALE: slpy runs in the C locale's ctype (as CPython does under C.UTF-8, where no
// byte above 127 is a letter), so the locale classes are the ASCII ones.
inline bool loc_is_word(uint32_t ch) { return is_word(ch); }
inline uint32_t lower_locale(uint32_t ch) { return ch < 256 ? lower_ascii(ch) : ch; }
inline uint32_t upper_locale(uint32_t ch)
{
    return (ch < 128 && ch >= 'a' && ch <= 'z') ? ch - 32 : ch;
}

inline bool uni_is_digit(uint32_t ch)
{
    return ch < 128 ? is_digit(ch) : unicode::has(ch, unicode::DECIMAL);
}
inline bool uni_is_space(uint32_t ch) { return unicode::is_space(ch); }
inline bool uni_is_linebreak(uint32_t ch)
{
    if (ch < 128)
        return (ch >= 10 && ch <= 13) || (ch >= 28 && ch <= 30);
    return unicode::has(ch, unicode::LINEBREAK);
}
inline bool uni_is_alnum(uint32_t ch)
{
    if (ch < 128)
        return is_alnum(ch);
    return unicode::has(ch, unicode::ALPHA | unicode::DECIMAL | unicode::DIGIT | unicode::NUMERIC);
}
inline bool uni_is_word(uint32_t ch) { return uni_is_alnum(ch) || ch == '_'; }

[[gnu::always_inline]] inline bool category(Code cat, uint32_t ch)
{
    switch (cat) {
    case CAT_DIGIT: return is_digit(ch);
    case CAT_NOT_DIGIT: return !is_digit(ch);
    case CAT_SPACE: return is_space(ch);
    case CAT_NOT_SPACE: return !is_space(ch);
    case CAT_WORD: return is_word(ch);
    case CAT_NOT_WORD: return !is_word(ch);
    case CAT_LINEBREAK: return is_linebreak(ch);
    case CAT_NOT_LINEBREAK: return !is_linebreak(ch);
    case CAT_LOC_WORD: return loc_is_word(ch);
    case CAT_LOC_NOT_WORD: return !loc_is_word(ch);
    case CAT_UNI_DIGIT: return uni_is_digit(ch);
    case CAT_UNI_NOT_DIGIT: return !uni_is_digit(ch);
    case CAT_UNI_SPACE: return uni_is_space(ch);
    case CAT_UNI_NOT_SPACE: return !uni_is_space(ch);
    case CAT_UNI_WORD: return uni_is_word(ch);
    case CAT_UNI_NOT_WORD: return !uni_is_word(ch);
    case CAT_UNI_LINEBREAK: return uni_is_linebreak(ch);
    case CAT_UNI_NOT_LINEBREAK: return !uni_is_linebreak(ch);
    }
    return false;
}

inline bool char_loc_ignore(Code pattern, uint32_t ch)
{
    return ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern;
}

// Whether `ch` is in the set at `set` (a validated sequence of set items ending with
// FAILURE).
bool in_charset(Code const* set, uint32_t ch)
{
    bool ok = true;
    for (;;) {
        switch (*set++) {
        case OP_FAILURE:
            return !ok;
        case OP_LITERAL:
            if (ch == set[0])
                return ok;
            set += 1;
            break;
        case OP_CATEGORY:
            if (category(set[0], ch))
                return ok;
            set += 1;
            break;
        case OP_CHARSET:
            if (ch < 256 && (set[ch >> 5] & (1u << (ch & 31))))
                return ok;
            set += 256 / 32;
            break;
        case OP_RANGE:
            if (set[0] <= ch && ch <= set[1])
                return ok;
            set += 2;
            break;
        case OP_RANGE_UNI_IGNORE: {
            // ch is lower-cased already; its upper-case form may be in the range too
            if (set[0] <= ch && ch <= set[1])
                return ok;
            uint32_t uch = upper_unicode(ch);
            if (set[0] <= uch && uch <= set[1])
                return ok;
            set += 2;
            break;
        }
        case OP_NEGATE:
            ok = !ok;
            break;
        case OP_BIGCHARSET: {
            // <BIGCHARSET> <blockcount> <256 block indices as bytes> <blocks>
            Code count = *set++;
            ptrdiff_t block = ch < 0x10000u ? reinterpret_cast<unsigned char const*>(set)[ch >> 8] : -1;
            set += 256 / sizeof(Code);
            if (block >= 0 && (set[(size_t(block) * 256 + (ch & 255)) >> 5] & (1u << (ch & 31))))
                return ok;
            set += size_t(count) * (256 / 32);
            break;
        }
        default:
            return false; // not reached on validated code
        }
    }
}

bool in_charset_loc_ignore(Code const* set, uint32_t ch)
{
    uint32_t lo = lower_locale(ch);
    if (in_charset(set, lo))
        return true;
    uint32_t up = upper_locale(ch);
    return up != lo && in_charset(set, up);
}

// ------------------------------------------------------------------ the data stack

bool stack_reserve(State& st, size_t extra)
{
    size_t need = st.stack_size + extra;
    if (need <= st.stack_cap)
        return true;
    size_t cap = need + need / 4 + 1024;
    if (!st.vm->heap.reserve_external(cap - st.stack_cap))
        return false;
    void* p = std::realloc(st.stack, cap);
    if (!p) {
        raise_no_memory(*st.vm);
        return false;
    }
    st.stack = static_cast<char*>(p);
    st.stack_cap = cap;
    return true;
}

// A REPEAT record (CPython's SRE_REPEAT), on the data stack.
struct Repeat {
    ptrdiff_t count;
    Code const* pattern; // the REPEAT op's arguments: <skip> <min> <max> item
    void const* last_ptr; // where the last iteration started (zero-width protection)
    ptrdiff_t prev;       // the enclosing record's offset, or -1
};

enum Jump : uint8_t {
    JUMP_NONE, JUMP_MAX_UNTIL_1, JUMP_MAX_UNTIL_2, JUMP_MAX_UNTIL_3, JUMP_MIN_UNTIL_1,
    JUMP_MIN_UNTIL_2, JUMP_MIN_UNTIL_3, JUMP_REPEAT, JUMP_REPEAT_ONE_1, JUMP_REPEAT_ONE_2,
    JUMP_MIN_REPEAT_ONE, JUMP_BRANCH, JUMP_ASSERT, JUMP_ASSERT_NOT, JUMP_POSS_REPEAT_1,
    JUMP_POSS_REPEAT_2, JUMP_ATOMIC_GROUP,
};

template<class C>
struct Context {
    ptrdiff_t count;
    Code const* pattern;
    C const* ptr;
    ptrdiff_t rep; // a Repeat record's offset (REPEAT, MAX_UNTIL, MIN_UNTIL)
    ptrdiff_t parent; // the caller context's offset, -1 for the outermost
    Code chr;
    int lastmark;
    int lastindex;
    uint8_t jump;
    bool toplevel;
};

// How often the loop polls vm.pending (a power of two).
constexpr uint32_t kPollMask = 0xFFF;

template<class C>
class Matcher {
public:
    explicit Matcher(State& st) : s(st) {}

    bool at(C const* ptr, Code at)
    {
        C const* beg = static_cast<C const*>(s.beginning);
        C const* end = static_cast<C const*>(s.end);
        bool thisp, thatp;
        switch (at) {
        case AT_BEGINNING:
        case AT_BEGINNING_STRING:
            return ptr == beg;
        case AT_BEGINNING_LINE:
            return ptr == beg || is_linebreak(ptr[-1]);
        case AT_END:
            return (end - ptr == 1 && is_linebreak(ptr[0])) || ptr == end;
        case AT_END_LINE:
            return ptr == end || is_linebreak(ptr[0]);
        case AT_END_STRING:
            return ptr == end;
        case AT_BOUNDARY:
        case AT_NON_BOUNDARY:
            if (beg == end)
                return false;
            thatp = ptr > beg && is_word(ptr[-1]);
            thisp = ptr < end && is_word(ptr[0]);
            return at == AT_BOUNDARY ? thisp != thatp : thisp == thatp;
        case AT_LOC_BOUNDARY:
        case AT_LOC_NON_BOUNDARY:
            if (beg == end)
                return false;
            thatp = ptr > beg && loc_is_word(ptr[-1]);
            thisp = ptr < end && loc_is_word(ptr[0]);
            return at == AT_LOC_BOUNDARY ? thisp != thatp : thisp == thatp;
        case AT_UNI_BOUNDARY:
        case AT_UNI_NON_BOUNDARY:
            if (beg == end)
                return false;
            thatp = ptr > beg && uni_is_word(ptr[-1]);
            thisp = ptr < end && uni_is_word(ptr[0]);
            return at == AT_UNI_BOUNDARY ? thisp != thatp : thisp == thatp;
        }
        return false;
    }

    // How many times (up to maxcount) the single-character item at `pattern` matches
    // from s.ptr; < 0 on error.
    ptrdiff_t count(Code const* pattern, ptrdiff_t maxcount)
    {
        C const* ptr = static_cast<C const*>(s.ptr);
        C const* end = static_cast<C const*>(s.end);
        if (maxcount < end - ptr && Code(maxcount) != kMaxRepeat)
            end = ptr + maxcount;
        Code chr;
        switch (pattern[0]) {
        case OP_IN:
            while (ptr < end && in_charset(pattern + 2, *ptr))
                ++ptr;
            break;
        case OP_ANY:
            while (ptr < end && !is_linebreak(*ptr))
                ++ptr;
            break;
        case OP_ANY_ALL:
            ptr = end;
            break;
        case OP_LITERAL:
            chr = pattern[1];
            if (sizeof(C) < 4 && Code(C(chr)) != chr)
                break; // cannot match a character of this width
            while (ptr < end && *ptr == C(chr))
                ++ptr;
            break;
        case OP_LITERAL_IGNORE:
            chr = pattern[1];
            while (ptr < end && lower_ascii(*ptr) == chr)
                ++ptr;
            break;
        case OP_LITERAL_UNI_IGNORE:
            chr = pattern[1];
            while (ptr < end && lower_unicode(*ptr) == chr)
                ++ptr;
            break;
        case OP_LITERAL_LOC_IGNORE:
            chr = pattern[1];
            while (ptr < end && char_loc_ignore(chr, *ptr))
                ++ptr;
            break;
        case OP_NOT_LITERAL:
            chr = pattern[1];
            if (sizeof(C) < 4 && Code(C(chr)) != chr) {
                ptr = end;
                break;
            }
            while (ptr < end && *ptr != C(chr))
                ++ptr;
            break;
        case OP_NOT_LITERAL_IGNORE:
            chr = pattern[1];
            while (ptr < end && lower_ascii(*ptr) != chr)
                ++ptr;
            break;
        case OP_NOT_LITERAL_UNI_IGNORE:
            chr = pattern[1];
            while (ptr < end && lower_unicode(*ptr) != chr)
                ++ptr;
            break;
        case OP_NOT_LITERAL_LOC_IGNORE:
            chr = pattern[1];
            while (ptr < end && !char_loc_ignore(chr, *ptr))
                ++ptr;
            break;
        default: {
            // Any other item: match it once per character (a nested run of the matcher;
            // compiled code only puts single-character items here, so this nests only as
            // deep as hostile code does, and the C stack check bounds that).
            // An item that matches without consuming anything would be counted forever
            // (CPython's sre hangs on such code): the count stops there.
            C const* start = static_cast<C const*>(s.ptr);
            while (static_cast<C const*>(s.ptr) < end) {
                void const* before = s.ptr;
                ptrdiff_t i = run(pattern, false);
                if (i < 0)
                    return i;
                if (!i || s.ptr == before)
                    break;
            }
            return static_cast<C const*>(s.ptr) - start;
        }
        }
        return ptr - static_cast<C const*>(s.ptr);
    }

    ptrdiff_t run(Code const* pattern, bool toplevel);
    ptrdiff_t search(Code const* pattern);

private:
    State& s;

    Context<C>* ctx_at(ptrdiff_t off) { return reinterpret_cast<Context<C>*>(s.stack + off); }
    Repeat* rep_at(ptrdiff_t off) { return reinterpret_cast<Repeat*>(s.stack + off); }

    // Room for `n` bytes on the data stack: their offset, or -1 (MemoryError pending).
    ptrdiff_t alloc(size_t n)
    {
        if (!stack_reserve(s, n))
            return -1;
        ptrdiff_t off = ptrdiff_t(s.stack_size);
        s.stack_size += n;
        return off;
    }
    bool push(void const* data, size_t n)
    {
        ptrdiff_t off = alloc(n);
        if (off < 0)
            return false;
        std::memcpy(s.stack + off, data, n);
        return true;
    }
    void pop(void* data, size_t n, bool discard)
    {
        std::memcpy(data, s.stack + s.stack_size - n, n);
        if (discard)
            s.stack_size -= n;
    }
    // The marks up to `lastmark` (MARK_PUSH / MARK_POP of CPython's sre).
    bool mark_push(int lastmark)
    {
        return lastmark < 0 || push(s.mark, size_t(lastmark + 1) * sizeof(void const*));
    }
    void mark_pop(int lastmark, bool discard)
    {
        if (lastmark >= 0)
            pop(s.mark, size_t(lastmark + 1) * sizeof(void const*), discard);
    }
    void mark_discard(int lastmark)
    {
        if (lastmark >= 0)
            s.stack_size -= size_t(lastmark + 1) * sizeof(void const*);
    }
};

template<class C>
ptrdiff_t Matcher<C>::run(Code const* pattern, bool toplevel)
{
    if (!toplevel && s.vm->c_stack_exhausted(kStackSlack))
        return ERROR_RECURSION;

    C const* const end = static_cast<C const*>(s.end);
    ptrdiff_t ret = 0;
    ptrdiff_t ctx_pos = alloc(sizeof(Context<C>));
    if (ctx_pos < 0)
        return ERROR_MEMORY;
    Context<C>* ctx = ctx_at(ctx_pos);
    ctx->parent = -1;
    ctx->jump = JUMP_NONE;
    ctx->toplevel = toplevel;
    // Everything the resumption points use is declared here: a jump back into the
    // loop must not bypass an initialization.
    C const* ptr;
    uint8_t jump;
    ptrdiff_t child_;
    Context<C>* c_;
    Repeat* rep;
    ptrdiff_t r;
    void const* saved_ptr;

// Starts the sub-pattern `next` in a child context; the parent resumes at `label`
// when the child returns, with its result in `ret`.
#define SRE_CALL(jumpvalue, label, next, top)                   \
    do {                                                        \
        ctx->pattern = pattern;                                 \
        ctx->ptr = ptr;                                         \
        child_ = alloc(sizeof(Context<C>));                     \
        if (child_ < 0)                                         \
            return ERROR_MEMORY;                                \
        ctx = ctx_at(ctx_pos); /* the stack may have moved */   \
        c_ = ctx_at(child_);                                    \
        c_->pattern = (next);                                   \
        c_->toplevel = (top);                                   \
        c_->jump = (jumpvalue);                                 \
        c_->parent = ctx_pos;                                   \
        pattern = (next);                                       \
        ctx_pos = child_;                                       \
        ctx = c_;                                               \
        goto entrance;                                          \
    label:                                                      \
        pattern = ctx->pattern;                                 \
        ptr = ctx->ptr;                                         \
    } while (0)
#define SRE_FAIL   \
    do {           \
        ret = 0;   \
        goto exit; \
    } while (0)
#define SRE_SUCCEED \
    do {            \
        ret = 1;    \
        goto exit;  \
    } while (0)
#define LASTMARK_SAVE()                 \
    do {                                \
        ctx->lastmark = s.lastmark;     \
        ctx->lastindex = s.lastindex;   \
    } while (0)
#define LASTMARK_RESTORE()              \
    do {                                \
        s.lastmark = ctx->lastmark;     \
        s.lastindex = ctx->lastindex;   \
    } while (0)
// A push onto the data stack, which may move it: ctx is looked up again.
#define CHECK(ok)                       \
    do {                                \
        if (!(ok))                      \
            return ERROR_MEMORY;        \
        ctx = ctx_at(ctx_pos);          \
    } while (0)

entrance:
    ptr = static_cast<C const*>(s.ptr);
    if (pattern[0] == OP_INFO) {
        // <INFO> <skip> <flags> <min> ...: fail at once when too few characters remain
        if (pattern[3] && uintptr_t(end - ptr) < pattern[3])
            SRE_FAIL;
        pattern += pattern[1] + 1;
    }

    for (;;) {
        if ((++s.steps & kPollMask) == 0 && !check_pending(*s.vm))
            return ERROR_INTERRUPTED;
        switch (*pattern++) {

        case OP_MARK: {
            int i = int(pattern[0]);
            if (i & 1)
                s.lastindex = i / 2 + 1;
            if (i > s.lastmark) {
                // marks between the old lastmark and i were never set: clear them
                for (int j = s.lastmark + 1; j < i; ++j)
                    s.mark[j] = nullptr;
                s.lastmark = i;
            }
            s.mark[i] = ptr;
            pattern++;
            break;
        }

        case OP_LITERAL:
            if (ptr >= end || Code(ptr[0]) != pattern[0])
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_NOT_LITERAL:
            if (ptr >= end || Code(ptr[0]) == pattern[0])
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_SUCCESS:
            if (ctx->toplevel && ((s.match_all && ptr != end) || (s.must_advance && ptr == s.start)))
                SRE_FAIL;
            s.ptr = ptr;
            SRE_SUCCEED;

        case OP_AT:
            if (!at(ptr, pattern[0]))
                SRE_FAIL;
            pattern++;
            break;

        case OP_CATEGORY:
            if (ptr >= end || !category(pattern[0], ptr[0]))
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_ANY:
            if (ptr >= end || is_linebreak(ptr[0]))
                SRE_FAIL;
            ptr++;
            break;

        case OP_ANY_ALL:
            if (ptr >= end)
                SRE_FAIL;
            ptr++;
            break;

        case OP_IN:
            if (ptr >= end || !in_charset(pattern + 1, *ptr))
                SRE_FAIL;
            pattern += pattern[0];
            ptr++;
            break;

        case OP_LITERAL_IGNORE:
            if (ptr >= end || lower_ascii(*ptr) != *pattern)
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_LITERAL_UNI_IGNORE:
            if (ptr >= end || lower_unicode(*ptr) != *pattern)
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_LITERAL_LOC_IGNORE:
            if (ptr >= end || !char_loc_ignore(*pattern, *ptr))
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_NOT_LITERAL_IGNORE:
            if (ptr >= end || lower_ascii(*ptr) == *pattern)
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_NOT_LITERAL_UNI_IGNORE:
            if (ptr >= end || lower_unicode(*ptr) == *pattern)
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_NOT_LITERAL_LOC_IGNORE:
            if (ptr >= end || char_loc_ignore(*pattern, *ptr))
                SRE_FAIL;
            pattern++;
            ptr++;
            break;

        case OP_IN_IGNORE:
            if (ptr >= end || !in_charset(pattern + 1, lower_ascii(*ptr)))
                SRE_FAIL;
            pattern += pattern[0];
            ptr++;
            break;

        case OP_IN_UNI_IGNORE:
            if (ptr >= end || !in_charset(pattern + 1, lower_unicode(*ptr)))
                SRE_FAIL;
            pattern += pattern[0];
            ptr++;
            break;

        case OP_IN_LOC_IGNORE:
            if (ptr >= end || !in_charset_loc_ignore(pattern + 1, *ptr))
                SRE_FAIL;
            pattern += pattern[0];
            ptr++;
            break;

        case OP_JUMP:
        case OP_INFO:
            pattern += pattern[0];
            break;

        case OP_BRANCH:
            // <BRANCH> <skip> code <JUMP> ... <0>
            LASTMARK_SAVE();
            if (s.repeat >= 0)
                CHECK(mark_push(ctx->lastmark));
            for (; pattern[0]; pattern += pattern[0]) {
                if (pattern[1] == OP_LITERAL && (ptr >= end || Code(*ptr) != pattern[2]))
                    continue;
                if (pattern[1] == OP_IN && (ptr >= end || !in_charset(pattern + 3, *ptr)))
                    continue;
                s.ptr = ptr;
                SRE_CALL(JUMP_BRANCH, jump_branch, pattern + 1, ctx->toplevel);
                if (ret) {
                    if (s.repeat >= 0)
                        mark_discard(ctx->lastmark);
                    if (ret < 0)
                        return ret;
                    SRE_SUCCEED;
                }
                if (s.repeat >= 0)
                    mark_pop(ctx->lastmark, false);
                LASTMARK_RESTORE();
            }
            if (s.repeat >= 0)
                mark_discard(ctx->lastmark);
            SRE_FAIL;

        case OP_REPEAT_ONE:
            // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: a greedy repeat of a
            // single-character item, counted in one go and given back one by one
            if (ptrdiff_t(pattern[1]) > end - ptr)
                SRE_FAIL;
            s.ptr = ptr;
            ret = count(pattern + 3, ptrdiff_t(pattern[2]));
            if (ret < 0)
                return ret;
            ctx = ctx_at(ctx_pos);
            ctx->count = ret;
            ptr += ctx->count;
            if (ctx->count < ptrdiff_t(pattern[1]))
                SRE_FAIL;
            if (pattern[pattern[0]] == OP_SUCCESS && ptr == end
                && !(ctx->toplevel && s.must_advance && ptr == s.start)) {
                s.ptr = ptr; // the tail is empty: done
                SRE_SUCCEED;
            }
            LASTMARK_SAVE();
            if (s.repeat >= 0)
                CHECK(mark_push(ctx->lastmark));
            if (pattern[pattern[0]] == OP_LITERAL) {
                // the tail starts with a literal: skip the positions where it cannot match
                ctx->chr = pattern[pattern[0] + 1];
                for (;;) {
                    while (ctx->count >= ptrdiff_t(pattern[1]) && (ptr >= end || Code(*ptr) != ctx->chr)) {
                        ptr--;
                        ctx->count--;
                    }
                    if (ctx->count < ptrdiff_t(pattern[1]))
                        break;
                    s.ptr = ptr;
                    SRE_CALL(JUMP_REPEAT_ONE_1, jump_repeat_one_1, pattern + pattern[0], ctx->toplevel);
                    if (ret) {
                        if (s.repeat >= 0)
                            mark_discard(ctx->lastmark);
                        if (ret < 0)
                            return ret;
                        SRE_SUCCEED;
                    }
                    if (s.repeat >= 0)
                        mark_pop(ctx->lastmark, false);
                    LASTMARK_RESTORE();
                    ptr--;
                    ctx->count--;
                }
            } else {
                while (ctx->count >= ptrdiff_t(pattern[1])) {
                    s.ptr = ptr;
                    SRE_CALL(JUMP_REPEAT_ONE_2, jump_repeat_one_2, pattern + pattern[0], ctx->toplevel);
                    if (ret) {
                        if (s.repeat >= 0)
                            mark_discard(ctx->lastmark);
                        if (ret < 0)
                            return ret;
                        SRE_SUCCEED;
                    }
                    if (s.repeat >= 0)
                        mark_pop(ctx->lastmark, false);
                    LASTMARK_RESTORE();
                    ptr--;
                    ctx->count--;
                }
            }
            if (s.repeat >= 0)
                mark_discard(ctx->lastmark);
            SRE_FAIL;

        case OP_MIN_REPEAT_ONE:
            // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: lazy
            if (ptrdiff_t(pattern[1]) > end - ptr)
                SRE_FAIL;
            s.ptr = ptr;
            if (pattern[1] == 0) {
                ctx->count = 0;
            } else {
                ret = count(pattern + 3, ptrdiff_t(pattern[1]));
                if (ret < 0)
                    return ret;
                ctx = ctx_at(ctx_pos);
                if (ret < ptrdiff_t(pattern[1]))
                    SRE_FAIL;
                ctx->count = ret;
                ptr += ctx->count;
            }
            if (pattern[pattern[0]] == OP_SUCCESS
                && !(ctx->toplevel && ((s.match_all && ptr != end) || (s.must_advance && ptr == s.start)))) {
                s.ptr = ptr;
                SRE_SUCCEED;
            }
            LASTMARK_SAVE();
            if (s.repeat >= 0)
                CHECK(mark_push(ctx->lastmark));
            while (pattern[2] == kMaxRepeat || ctx->count <= ptrdiff_t(pattern[2])) {
                s.ptr = ptr;
                SRE_CALL(JUMP_MIN_REPEAT_ONE, jump_min_repeat_one, pattern + pattern[0], ctx->toplevel);
                if (ret) {
                    if (s.repeat >= 0)
                        mark_discard(ctx->lastmark);
                    if (ret < 0)
                        return ret;
                    SRE_SUCCEED;
                }
                if (s.repeat >= 0)
                    mark_pop(ctx->lastmark, false);
                LASTMARK_RESTORE();
                s.ptr = ptr;
                ret = count(pattern + 3, 1);
                if (ret < 0)
                    return ret;
                ctx = ctx_at(ctx_pos);
                if (ret == 0)
                    break;
                ptr++;
                ctx->count++;
            }
            if (s.repeat >= 0)
                mark_discard(ctx->lastmark);
            SRE_FAIL;

        case OP_POSSESSIVE_REPEAT_ONE:
            // <POSSESSIVE_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: greedy,
            // never given back
            if (ptrdiff_t(pattern[1]) > end - ptr)
                SRE_FAIL;
            s.ptr = ptr;
            ret = count(pattern + 3, ptrdiff_t(pattern[2]));
            if (ret < 0)
                return ret;
            ctx = ctx_at(ctx_pos);
            ctx->count = ret;
            ptr += ctx->count;
            if (ctx->count < ptrdiff_t(pattern[1]))
                SRE_FAIL;
            pattern += pattern[0];
            if (*pattern == OP_SUCCESS && ptr == end && !(ctx->toplevel && s.must_advance && ptr == s.start)) {
                s.ptr = ptr;
                SRE_SUCCEED;
            }
            break;

        case OP_REPEAT:
            // <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL> tail: installs a
            // repeat record; the UNTIL op does the work
            r = alloc(sizeof(Repeat));
            if (r < 0)
                return ERROR_MEMORY;
            ctx = ctx_at(ctx_pos);
            rep = rep_at(r);
            rep->count = -1;
            rep->pattern = pattern;
            rep->prev = s.repeat;
            rep->last_ptr = nullptr;
            ctx->rep = r;
            s.repeat = r;
            s.ptr = ptr;
            SRE_CALL(JUMP_REPEAT, jump_repeat, pattern + pattern[0], ctx->toplevel);
            s.repeat = rep_at(ctx->rep)->prev;
            s.stack_size -= sizeof(Repeat); // the record is on top again: drop it
            if (ret) {
                if (ret < 0)
                    return ret;
                SRE_SUCCEED;
            }
            SRE_FAIL;

        case OP_MAX_UNTIL:
            // the end of one iteration of a greedy REPEAT
            if (s.repeat < 0)
                return ERROR_STATE;
            ctx->rep = s.repeat;
            rep = rep_at(ctx->rep);
            s.ptr = ptr;
            ctx->count = rep->count + 1;
            if (ctx->count < ptrdiff_t(rep->pattern[1])) {
                // not enough iterations yet
                rep->count = ctx->count;
                SRE_CALL(JUMP_MAX_UNTIL_1, jump_max_until_1, rep_at(ctx->rep)->pattern + 3, ctx->toplevel);
                if (ret) {
                    if (ret < 0)
                        return ret;
                    SRE_SUCCEED;
                }
                rep_at(ctx->rep)->count = ctx->count - 1;
                s.ptr = ptr;
                SRE_FAIL;
            }
            if ((ctx->count < ptrdiff_t(rep->pattern[2]) || rep->pattern[2] == kMaxRepeat)
                && s.ptr != rep->last_ptr) {
                // enough iterations, but try one more
                rep->count = ctx->count;
                LASTMARK_SAVE();
                CHECK(mark_push(ctx->lastmark));
                // zero-width match protection: remember where this iteration starts
                saved_ptr = rep_at(ctx->rep)->last_ptr;
                CHECK(push(&saved_ptr, sizeof(void const*)));
                rep = rep_at(ctx->rep);
                rep->last_ptr = s.ptr;
                SRE_CALL(JUMP_MAX_UNTIL_2, jump_max_until_2, rep_at(ctx->rep)->pattern + 3, ctx->toplevel);
                pop(&rep_at(ctx->rep)->last_ptr, sizeof(void const*), true);
                if (ret) {
                    mark_discard(ctx->lastmark);
                    if (ret < 0)
                        return ret;
                    SRE_SUCCEED;
                }
                mark_pop(ctx->lastmark, true);
                LASTMARK_RESTORE();
                rep_at(ctx->rep)->count = ctx->count - 1;
                s.ptr = ptr;
            }
            // no more iterations here: the tail must match
            s.repeat = rep_at(ctx->rep)->prev;
            SRE_CALL(JUMP_MAX_UNTIL_3, jump_max_until_3, pattern, ctx->toplevel);
            s.repeat = ctx->rep;
            if (ret) {
                if (ret < 0)
                    return ret;
                SRE_SUCCEED;
            }
            s.ptr = ptr;
            SRE_FAIL;

        case OP_MIN_UNTIL:
            // the end of one iteration of a lazy REPEAT
            if (s.repeat < 0)
                return ERROR_STATE;
            ctx->rep = s.repeat;
            rep = rep_at(ctx->rep);
            s.ptr = ptr;
            ctx->count = rep->count + 1;
            if (ctx->count < ptrdiff_t(rep->pattern[1])) {
                rep->count = ctx->count;
                SRE_CALL(JUMP_MIN_UNTIL_1, jump_min_until_1, rep_at(ctx->rep)->pattern + 3, ctx->toplevel);
                if (ret) {
                    if (ret < 0)
                        return ret;
                    SRE_SUCCEED;
                }
                rep_at(ctx->rep)->count = ctx->count - 1;
                s.ptr = ptr;
                SRE_FAIL;
            }
            // try the tail first
            s.repeat = rep->prev;
            LASTMARK_SAVE();
            if (s.repeat >= 0)
                CHECK(mark_push(ctx->lastmark));
            SRE_CALL(JUMP_MIN_UNTIL_2, jump_min_until_2, pattern, ctx->toplevel);
            {
                bool tail_in_repeat = s.repeat >= 0;
                s.repeat = ctx->rep;
                if (ret) {
                    if (tail_in_repeat)
                        mark_discard(ctx->lastmark);
                    if (ret < 0)
                        return ret;
                    SRE_SUCCEED;
                }
                if (tail_in_repeat)
                    mark_pop(ctx->lastmark, true);
            }
            LASTMARK_RESTORE();
            s.ptr = ptr;
            rep = rep_at(ctx->rep);
            if ((ctx->count >= ptrdiff_t(rep->pattern[2]) && rep->pattern[2] != kMaxRepeat)
                || s.ptr == rep->last_ptr)
                SRE_FAIL;
            rep->count = ctx->count;
            saved_ptr = rep_at(ctx->rep)->last_ptr;
            CHECK(push(&saved_ptr, sizeof(void const*)));
            rep = rep_at(ctx->rep);
            rep->last_ptr = s.ptr;
            SRE_CALL(JUMP_MIN_UNTIL_3, jump_min_until_3, rep_at(ctx->rep)->pattern + 3, ctx->toplevel);
            pop(&rep_at(ctx->rep)->last_ptr, sizeof(void const*), true);
            if (ret) {
                if (ret < 0)
                    return ret;
                SRE_SUCCEED;
            }
            rep_at(ctx->rep)->count = ctx->count - 1;
            s.ptr = ptr;
            SRE_FAIL;

        case OP_POSSESSIVE_REPEAT:
            // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail
            s.ptr = ptr;
            ctx->count = 0;
            while (ctx->count < ptrdiff_t(pattern[1])) {
                SRE_CALL(JUMP_POSS_REPEAT_1, jump_poss_repeat_1, pattern + 3, false);
                if (ret) {
                    if (ret < 0)
                        return ret;
                    ctx->count++;
                } else {
                    s.ptr = ptr;
                    SRE_FAIL;
                }
            }
            // ptr now holds the start of the last iteration, so an empty one stops the loop
            ptr = nullptr;
            while ((ctx->count < ptrdiff_t(pattern[2]) || pattern[2] == kMaxRepeat) && s.ptr != ptr) {
                LASTMARK_SAVE();
                CHECK(mark_push(ctx->lastmark));
                ptr = static_cast<C const*>(s.ptr);
                SRE_CALL(JUMP_POSS_REPEAT_2, jump_poss_repeat_2, pattern + 3, false);
                if (ret) {
                    mark_discard(ctx->lastmark);
                    if (ret < 0)
                        return ret;
                    ctx->count++;
                } else {
                    mark_pop(ctx->lastmark, true);
                    LASTMARK_RESTORE();
                    s.ptr = ptr;
                    break;
                }
            }
            pattern += pattern[0] + 1;
            ptr = static_cast<C const*>(s.ptr);
            break;

        case OP_ATOMIC_GROUP:
            // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
            s.ptr = ptr;
            SRE_CALL(JUMP_ATOMIC_GROUP, jump_atomic_group, pattern + 1, false);
            if (ret < 0)
                return ret;
            if (ret == 0) {
                s.ptr = ptr;
                SRE_FAIL;
            }
            pattern += pattern[0];
            ptr = static_cast<C const*>(s.ptr);
            break;

        case OP_GROUPREF:
        case OP_GROUPREF_IGNORE:
        case OP_GROUPREF_UNI_IGNORE:
        case OP_GROUPREF_LOC_IGNORE: {
            Code op = pattern[-1];
            int groupref = int(pattern[0]) * 2;
            if (groupref >= s.lastmark)
                SRE_FAIL;
            C const* p = static_cast<C const*>(s.mark[groupref]);
            C const* e = static_cast<C const*>(s.mark[groupref + 1]);
            if (!p || !e || e < p)
                SRE_FAIL;
            for (; p < e; ++p, ++ptr) {
                if (ptr >= end)
                    SRE_FAIL;
                uint32_t a = *ptr, b = *p;
                bool same = op == OP_GROUPREF ? a == b
                    : op == OP_GROUPREF_IGNORE ? lower_ascii(a) == lower_ascii(b)
                    : op == OP_GROUPREF_UNI_IGNORE ? lower_unicode(a) == lower_unicode(b)
                    : lower_locale(a) == lower_locale(b);
                if (!same)
                    SRE_FAIL;
            }
            pattern++;
            break;
        }

        case OP_GROUPREF_EXISTS: {
            // <GROUPREF_EXISTS> <group> <skip> codeyes <JUMP> codeno
            int groupref = int(pattern[0]) * 2;
            if (groupref >= s.lastmark) {
                pattern += pattern[1];
                break;
            }
            void const* p = s.mark[groupref];
            void const* e = s.mark[groupref + 1];
            if (!p || !e || e < p) {
                pattern += pattern[1];
                break;
            }
            pattern += 2;
            break;
        }

        case OP_ASSERT:
            // <ASSERT> <skip> <back> pattern: lookahead (back 0) or lookbehind
            if (ptr - static_cast<C const*>(s.beginning) < ptrdiff_t(pattern[1]))
                SRE_FAIL;
            s.ptr = ptr - pattern[1];
            SRE_CALL(JUMP_ASSERT, jump_assert, pattern + 2, false);
            if (ret < 0)
                return ret;
            if (ret == 0)
                SRE_FAIL;
            pattern += pattern[0];
            break;

        case OP_ASSERT_NOT:
            if (ptr - static_cast<C const*>(s.beginning) >= ptrdiff_t(pattern[1])) {
                s.ptr = ptr - pattern[1];
                LASTMARK_SAVE();
                if (s.repeat >= 0)
                    CHECK(mark_push(ctx->lastmark));
                SRE_CALL(JUMP_ASSERT_NOT, jump_assert_not, pattern + 2, false);
                if (ret) {
                    if (s.repeat >= 0)
                        mark_discard(ctx->lastmark);
                    if (ret < 0)
                        return ret;
                    SRE_FAIL;
                }
                if (s.repeat >= 0)
                    mark_pop(ctx->lastmark, true);
                LASTMARK_RESTORE();
            }
            pattern += pattern[0];
            break;

        case OP_FAILURE:
            SRE_FAIL;

        default:
            // set items and SUBPATTERN are not opcodes of a pattern
            return ERROR_ILLEGAL;
        }
    }

exit:
    // Pop the finished context and resume its parent.
    jump = ctx->jump;
    {
        ptrdiff_t parent = ctx->parent;
        s.stack_size = size_t(ctx_pos);
        if (parent < 0)
            return ret;
        ctx_pos = parent;
        ctx = ctx_at(ctx_pos);
    }
    switch (jump) {
    case JUMP_MAX_UNTIL_1: goto jump_max_until_1;
    case JUMP_MAX_UNTIL_2: goto jump_max_until_2;
    case JUMP_MAX_UNTIL_3: goto jump_max_until_3;
    case JUMP_MIN_UNTIL_1: goto jump_min_until_1;
    case JUMP_MIN_UNTIL_2: goto jump_min_until_2;
    case JUMP_MIN_UNTIL_3: goto jump_min_until_3;
    case JUMP_REPEAT: goto jump_repeat;
    case JUMP_REPEAT_ONE_1: goto jump_repeat_one_1;
    case JUMP_REPEAT_ONE_2: goto jump_repeat_one_2;
    case JUMP_MIN_REPEAT_ONE: goto jump_min_repeat_one;
    case JUMP_BRANCH: goto jump_branch;
    case JUMP_ASSERT: goto jump_assert;
    case JUMP_ASSERT_NOT: goto jump_assert_not;
    case JUMP_POSS_REPEAT_1: goto jump_poss_repeat_1;
    case JUMP_POSS_REPEAT_2: goto jump_poss_repeat_2;
    case JUMP_ATOMIC_GROUP: goto jump_atomic_group;
    default: break;
    }
    return ret;

#undef SRE_CALL
#undef SRE_FAIL
#undef SRE_SUCCEED
#undef LASTMARK_SAVE
#undef LASTMARK_RESTORE
#undef CHECK
}

template<class C>
ptrdiff_t Matcher<C>::search(Code const* pattern)
{
    C const* ptr = static_cast<C const*>(s.start);
    C const* end = static_cast<C const*>(s.end);
    ptrdiff_t status = 0;
    ptrdiff_t prefix_len = 0, prefix_skip = 0;
    Code const* prefix = nullptr;
    Code const* charset = nullptr;
    Code const* overlap = nullptr;
    Code flags = 0;

    if (ptr > end)
        return 0;

    if (pattern[0] == OP_INFO) {
        // <INFO> <skip> <flags> <min> <max> <prefix info or charset>
        flags = pattern[2];
        if (pattern[3] && end - ptr < ptrdiff_t(pattern[3]))
            return 0;
        if (pattern[3] > 1) {
            // no match can start in the last min-1 characters (keep one for the scans)
            end -= pattern[3] - 1;
            if (end <= ptr)
                end = ptr;
        }
        if (flags & INFO_PREFIX) {
            // <length> <skip> <prefix> <overlap table>
            prefix_len = ptrdiff_t(pattern[5]);
            prefix_skip = ptrdiff_t(pattern[6]);
            prefix = pattern + 7;
            overlap = prefix + prefix_len - 1;
        } else if (flags & INFO_CHARSET) {
            charset = pattern + 5;
        }
        pattern += 1 + pattern[1];
    }

    if (prefix_len == 1) {
        // the pattern starts with one literal character
        if (sizeof(C) < 4 && Code(C(prefix[0])) != prefix[0])
            return 0;
        C c = C(prefix[0]);
        end = static_cast<C const*>(s.end);
        s.must_advance = false;
        while (ptr < end) {
            while (*ptr != c) {
                if (++ptr >= end)
                    return 0;
            }
            s.start = ptr;
            s.ptr = ptr + prefix_skip;
            if (flags & INFO_LITERAL)
                return 1;
            status = run(pattern + 2 * prefix_skip, false);
            if (status != 0)
                return status;
            ++ptr;
            s.reset();
        }
        return 0;
    }

    if (prefix_len > 1) {
        // a literal prefix: scan for it with the overlap (KMP) table
        end = static_cast<C const*>(s.end);
        if (prefix_len > end - ptr)
            return 0;
        if (sizeof(C) < 4) {
            for (ptrdiff_t i = 0; i < prefix_len; i++)
                if (Code(C(prefix[i])) != prefix[i])
                    return 0;
        }
        while (ptr < end) {
            C c = C(prefix[0]);
            while (*ptr++ != c) {
                if (ptr >= end)
                    return 0;
            }
            if (ptr >= end)
                return 0;
            ptrdiff_t i = 1;
            s.must_advance = false;
            do {
                if (*ptr == C(prefix[i])) {
                    if (++i != prefix_len) {
                        if (++ptr >= end)
                            return 0;
                        continue;
                    }
                    s.start = ptr - (prefix_len - 1);
                    s.ptr = ptr - (prefix_len - prefix_skip - 1);
                    if (flags & INFO_LITERAL)
                        return 1;
                    status = run(pattern + 2 * prefix_skip, false);
                    if (status != 0)
                        return status;
                    if (++ptr >= end)
                        return 0;
                    s.reset();
                }
                i = ptrdiff_t(overlap[i]);
            } while (i != 0);
        }
        return 0;
    }

    if (charset) {
        // the first character comes from a known set
        end = static_cast<C const*>(s.end);
        s.must_advance = false;
        for (;;) {
            while (ptr < end && !in_charset(charset, *ptr))
                ptr++;
            if (ptr >= end)
                return 0;
            s.start = ptr;
            s.ptr = ptr;
            status = run(pattern, false);
            if (status != 0)
                break;
            ptr++;
            s.reset();
        }
        return status;
    }

    s.start = s.ptr = ptr;
    status = run(pattern, true);
    s.must_advance = false;
    if (status == 0 && pattern[0] == OP_AT && (pattern[1] == AT_BEGINNING || pattern[1] == AT_BEGINNING_STRING)) {
        s.start = s.ptr = end;
        return 0;
    }
    while (status == 0 && ptr < end) {
        ptr++;
        s.reset();
        s.start = s.ptr = ptr;
        status = run(pattern, false);
    }
    return status;
}

} // namespace

// ------------------------------------------------------------------ State

bool State::init_marks(size_t groups)
{
    size_t n = Heap::array_bytes(0, groups, 2 * sizeof(void const*));
    if (n == SIZE_MAX || !vm->heap.reserve_external(n)) {
        if (!vm->has_error())
            raise_no_memory(*vm);
        return false;
    }
    // two spare entries: the validator lets MARK name 2*groups+1 (as CPython's does)
    mark = static_cast<void const**>(std::calloc(groups * 2 + 2, sizeof(void const*)));
    if (!mark) {
        raise_no_memory(*vm);
        return false;
    }
    mark_count = groups * 2;
    return true;
}

void State::release()
{
    std::free(mark);
    mark = nullptr;
    std::free(stack);
    stack = nullptr;
    stack_size = stack_cap = 0;
}

ptrdiff_t match(State& state, Code const* code)
{
    state.stack_size = 0;
    switch (state.width) {
    case 1: return Matcher<uint8_t>(state).run(code, true);
    case 2: return Matcher<uint16_t>(state).run(code, true);
    default: return Matcher<uint32_t>(state).run(code, true);
    }
}

ptrdiff_t search(State& state, Code const* code)
{
    state.stack_size = 0;
    switch (state.width) {
    case 1: return Matcher<uint8_t>(state).search(code);
    case 2: return Matcher<uint16_t>(state).search(code);
    default: return Matcher<uint32_t>(state).search(code);
    }
}

// ------------------------------------------------------------------ validation
//
// The compiler's code is position-independent: every skip is a relative jump forward,
// and nested constructs end where their skips say. The checks below follow the shapes
// re._compiler emits, so the engine never reads outside the code or meets an opcode
// where it cannot run one.

namespace {

struct Validator {
    VM& vm;
    size_t groups;
    bool too_deep = false;

    bool charset(Code const* code, Code const* end)
    {
        while (code < end) {
            Code op = *code++;
            switch (op) {
            case OP_NEGATE:
                break;
            case OP_LITERAL:
                if (code >= end)
                    return false;
                code++;
                break;
            case OP_RANGE:
            case OP_RANGE_UNI_IGNORE:
                if (end - code < 2)
                    return false;
                code += 2;
                break;
            case OP_CHARSET:
                if (size_t(end - code) < 256 / 32)
                    return false;
                code += 256 / 32;
                break;
            case OP_BIGCHARSET: {
                if (code >= end)
                    return false;
                Code blocks = *code++;
                if (size_t(end - code) < 256 / sizeof(Code))
                    return false;
                auto const* index = reinterpret_cast<unsigned char const*>(code);
                for (int i = 0; i < 256; i++)
                    if (index[i] >= blocks)
                        return false;
                code += 256 / sizeof(Code);
                if (uint64_t(blocks) * (256 / 32) > uint64_t(end - code))
                    return false;
                code += size_t(blocks) * (256 / 32);
                break;
            }
            case OP_CATEGORY:
                if (code >= end || *code > CAT_UNI_NOT_LINEBREAK)
                    return false;
                code++;
                break;
            default:
                return false;
            }
        }
        return true;
    }

    // Reads a skip at `code` (which must leave at least skip - adj codes after it).
    static bool get_skip(Code const*& code, Code const* end, Code& skip, Code adj = 0)
    {
        if (code >= end)
            return false;
        skip = *code;
        if (uint64_t(skip) - adj > uint64_t(end - code) && skip >= adj)
            return false;
        if (skip < adj)
            return false;
        code++;
        return true;
    }

    // 0 valid, -1 invalid, 1 valid and ending with a JUMP (a GROUPREF_EXISTS "then" part).
    int inner(Code const* code, Code const* end)
    {
        if (code > end)
            return -1;
        if (vm.c_stack_exhausted(kStackSlack)) {
            too_deep = true;
            return -1;
        }
        while (code < end) {
            Code op = *code++;
            Code arg, skip;
            switch (op) {
            case OP_MARK:
                if (code >= end)
                    return -1;
                arg = *code++;
                if (uint64_t(arg) > 2 * uint64_t(groups) + 1)
                    return -1;
                break;

            case OP_LITERAL:
            case OP_NOT_LITERAL:
            case OP_LITERAL_IGNORE:
            case OP_NOT_LITERAL_IGNORE:
            case OP_LITERAL_UNI_IGNORE:
            case OP_NOT_LITERAL_UNI_IGNORE:
            case OP_LITERAL_LOC_IGNORE:
            case OP_NOT_LITERAL_LOC_IGNORE:
                if (code >= end)
                    return -1;
                code++;
                break;

            case OP_SUCCESS:
            case OP_FAILURE:
            case OP_ANY:
            case OP_ANY_ALL:
                break;

            case OP_AT:
                if (code >= end || *code > AT_UNI_NON_BOUNDARY)
                    return -1;
                code++;
                break;

            case OP_IN:
            case OP_IN_IGNORE:
            case OP_IN_UNI_IGNORE:
            case OP_IN_LOC_IGNORE:
                if (!get_skip(code, end, skip) || skip < 2)
                    return -1;
                if (!charset(code, code + skip - 2) || code[skip - 2] != OP_FAILURE)
                    return -1;
                code += skip - 1;
                break;

            case OP_INFO: {
                if (!get_skip(code, end, skip) || skip < 1)
                    return -1;
                Code const* newcode = code + skip - 1;
                if (newcode - code < 3)
                    return -1;
                Code flags = code[0];
                code += 3; // flags, min, max
                if (flags & ~(INFO_PREFIX | INFO_LITERAL | INFO_CHARSET))
                    return -1;
                if ((flags & INFO_PREFIX) && (flags & INFO_CHARSET))
                    return -1;
                if ((flags & INFO_LITERAL) && !(flags & INFO_PREFIX))
                    return -1;
                if (flags & INFO_PREFIX) {
                    if (newcode - code < 2)
                        return -1;
                    Code prefix_len = code[0];
                    code += 2; // length, skip
                    if (prefix_len > uintptr_t(newcode - code))
                        return -1;
                    code += prefix_len;
                    if (prefix_len > uintptr_t(newcode - code))
                        return -1;
                    for (Code i = 0; i < prefix_len; i++)
                        if (code[i] >= prefix_len)
                            return -1;
                    code += prefix_len;
                }
                if (flags & INFO_CHARSET) {
                    if (newcode <= code || !charset(code, newcode - 1) || newcode[-1] != OP_FAILURE)
                        return -1;
                    code = newcode;
                } else if (code != newcode) {
                    return -1;
                }
                break;
            }

            case OP_BRANCH: {
                Code const* target = nullptr;
                for (;;) {
                    if (!get_skip(code, end, skip))
                        return -1;
                    if (skip == 0)
                        break;
                    if (skip < 3)
                        return -1;
                    if (inner(code, code + skip - 3) != 0)
                        return -1;
                    code += skip - 3;
                    if (code >= end || *code++ != OP_JUMP)
                        return -1;
                    if (!get_skip(code, end, skip) || skip < 1)
                        return -1;
                    if (!target)
                        target = code + skip - 1;
                    else if (code + skip - 1 != target)
                        return -1;
                }
                if (code != target)
                    return -1;
                break;
            }

            case OP_REPEAT_ONE:
            case OP_MIN_REPEAT_ONE:
            case OP_POSSESSIVE_REPEAT_ONE: {
                if (!get_skip(code, end, skip) || skip < 4 || end - code < 2)
                    return -1;
                Code min = code[0], max = code[1];
                code += 2;
                if (min > max)
                    return -1;
                if (inner(code, code + skip - 4) != 0)
                    return -1;
                code += skip - 4;
                if (code >= end || *code++ != OP_SUCCESS)
                    return -1;
                break;
            }

            case OP_REPEAT:
            case OP_POSSESSIVE_REPEAT: {
                if (!get_skip(code, end, skip) || skip < 3 || end - code < 2)
                    return -1;
                Code min = code[0], max = code[1];
                code += 2;
                if (min > max)
                    return -1;
                if (inner(code, code + skip - 3) != 0)
                    return -1;
                code += skip - 3;
                if (code >= end)
                    return -1;
                Code last = *code++;
                if (op == OP_POSSESSIVE_REPEAT ? last != OP_SUCCESS : (last != OP_MAX_UNTIL && last != OP_MIN_UNTIL))
                    return -1;
                break;
            }

            case OP_ATOMIC_GROUP:
                if (!get_skip(code, end, skip) || skip < 2)
                    return -1;
                if (inner(code, code + skip - 2) != 0)
                    return -1;
                code += skip - 2;
                if (code >= end || *code++ != OP_SUCCESS)
                    return -1;
                break;

            case OP_GROUPREF:
            case OP_GROUPREF_IGNORE:
            case OP_GROUPREF_UNI_IGNORE:
            case OP_GROUPREF_LOC_IGNORE:
                if (code >= end || *code++ >= groups)
                    return -1;
                break;

            case OP_GROUPREF_EXISTS: {
                // <GROUPREF_EXISTS> <group> <skip> then [<JUMP> <skip> else]: the skip
                // counts from the group argument
                if (code >= end || *code++ >= groups)
                    return -1;
                if (!get_skip(code, end, skip, 1) || skip < 2)
                    return -1;
                code--;
                int rc = inner(code + 1, code + skip - 1);
                if (rc == 1) {
                    code += skip - 2; // at the else part's skip, after the JUMP
                    if (!get_skip(code, end, skip) || skip < 1)
                        return -1;
                    rc = inner(code, code + skip - 1);
                }
                if (rc != 0)
                    return -1;
                code += skip - 1;
                break;
            }

            case OP_ASSERT:
            case OP_ASSERT_NOT:
                if (!get_skip(code, end, skip) || skip < 3 || code >= end)
                    return -1;
                // code is at <back>; the sub-pattern follows it and ends with SUCCESS
                code--;
                if (inner(code + 2, code + skip - 1) != 0)
                    return -1;
                code += skip - 1;
                if (code >= end || *code++ != OP_SUCCESS)
                    return -1;
                break;

            case OP_JUMP:
                if (code + 1 != end)
                    return -1;
                return 1;

            default:
                return -1;
            }
        }
        return 0;
    }
};

} // namespace

bool validate(VM& vm, Code const* code, size_t n, size_t groups)
{
    if (groups > kMaxGroups || n == 0 || code[n - 1] != OP_SUCCESS)
        return false;
    Validator v { vm, groups };
    if (v.inner(code, code + n - 1) != 0)
        return false;
    // search() starts matching after a known literal prefix at `pattern + 2*prefix_skip`
    // with the subject `prefix_skip` characters on: the prefix must be that many LITERAL
    // ops, or hostile code would run from the middle of an op, past the subject's end.
    // (CPython's _validate does not check this, and its sre crashes on such code.)
    if (code[0] == OP_INFO && (code[2] & INFO_PREFIX)) {
        Code prefix_len = code[5], prefix_skip = code[6];
        if (prefix_skip > prefix_len)
            return false;
        size_t body = 1 + size_t(code[1]);
        for (size_t k = 0; k < prefix_skip; ++k) {
            size_t at = body + 2 * k;
            if (at + 1 >= n - 1 || code[at] != OP_LITERAL)
                return false;
        }
    }
    return true;
}

} // namespace slpy::sre
