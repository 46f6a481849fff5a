// The _sre module: what CPython 3.11's re package expects of its C half (compile,
// MAGIC, CODESIZE, MAXREPEAT, MAXGROUPS, getcodesize, the case helpers) and the
// re.Pattern, re.Match and _sre.SRE_Scanner types, with CPython's methods, reprs and
// error messages. The matching itself is sre_engine.cpp.
//
// Subjects: a str's text is UTF-8, but the engine wants fixed-width characters (match
// positions count code points). An ASCII str and bytes are matched in place; any other
// str is decoded once into a buffer of the narrowest width that holds it (1, 2 or 4
// bytes, as CPython's str kinds), and a pattern called with pos > 0 keeps the last one
// it decoded, so a tokenizer calling pattern.match(s, pos) over the same long text
// decodes it only once.
// A bytearray or memoryview subject is copied first: the engine then never sees its
// buffer change under a sub() callback.
#include "stackless/modules/sre/sre.h"

#include "stackless/modules/sre/sre_engine.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/vm/interpreter.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace slpy {

namespace {

using sre::Code;

TypeObject* g_pattern_type = nullptr;
TypeObject* g_match_type = nullptr;
TypeObject* g_scanner_type = nullptr;

// ------------------------------------------------------------------ objects

struct PatternObject : Object {
    Value pattern;          // the source: str, bytes or None
    Dict* groupindex;       // name -> group number; null when there are no named groups
    Tuple* indexgroup;      // group number -> name (or None); null when empty
    String* cache_subject;  // the last non-ASCII str decoded for this pattern
    RawBuffer* cache_chars; // its characters
    int64_t flags;
    size_t groups;          // capturing groups
    size_t codesize;
    int isbytes;            // -1: pattern None, 0: str, 1: bytes
    uint8_t cache_width;
    Code code[];
};

struct MatchObject : Object {
    Value string;           // the subject as given
    PatternObject* pattern;
    RawBuffer* chars;       // the decoded characters of a non-ASCII str subject (or null)
    Tuple* regs;            // cached .regs
    int64_t pos, endpos, lastindex;
    size_t groups;          // pattern->groups + 1
    uint8_t width;          // of chars
    int64_t marks[];        // start, end of each group; -1 when it did not take part
};

struct ScannerObject : Object {
    PatternObject* pattern;
    Value string;
    RawBuffer* chars;
    sre::State* state;      // malloc'd (freed by the finalizer)
    bool executing;
    bool exhausted;         // CPython's state->start == NULL
};

void pattern_trace(Object* o, Tracer& t)
{
    auto* p = static_cast<PatternObject*>(o);
    t.visit(p->pattern);
    t.visit(p->groupindex);
    t.visit(p->indexgroup);
    t.visit(p->cache_subject);
    t.visit(p->cache_chars);
}

void match_trace(Object* o, Tracer& t)
{
    auto* m = static_cast<MatchObject*>(o);
    t.visit(m->string);
    t.visit(m->pattern);
    t.visit(m->chars);
    t.visit(m->regs);
}

void scanner_trace(Object* o, Tracer& t)
{
    auto* s = static_cast<ScannerObject*>(o);
    t.visit(s->pattern);
    t.visit(s->string);
    t.visit(s->chars);
}

void scanner_finalize(Object* o)
{
    auto* s = static_cast<ScannerObject*>(o);
    delete s->state;
    s->state = nullptr;
}

PatternObject* as_pattern(Value v)
{
    return v.is_object() && v.as_object()->type == g_pattern_type ? static_cast<PatternObject*>(v.as_object())
                                                                   : nullptr;
}

// ------------------------------------------------------------------ subjects

// A subject prepared for the engine.
struct Subject {
    Value string;
    void const* data = nullptr;
    size_t length = 0;
    int width = 1;
    bool isbytes = false;
    String* str = nullptr;      // the str (ASCII or not)
    RawBuffer* chars = nullptr; // decoded / copied characters, when not matched in place
};

template<class C>
void decode_into(std::string_view utf8, C* out)
{
    size_t i = 0, k = 0;
    while (i < utf8.size()) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out[k++] = C(c);
            ++i;
        } else {
            out[k++] = C(utf8_decode(utf8, i));
        }
    }
}

// The characters of a non-ASCII str at the narrowest width.
bool decode_str(VM& vm, String* s, RawBuffer*& chars, int& width)
{
    std::string_view v = s->view();
    uint32_t maxc = 0;
    for (size_t i = 0; i < v.size();) {
        auto c = static_cast<unsigned char>(v[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        uint32_t cp = utf8_decode(v, i);
        if (cp > maxc)
            maxc = cp;
    }
    width = maxc < 0x100 ? 1 : maxc < 0x10000 ? 2 : 4;
    chars = raw_buffer_new(vm, Heap::array_bytes(0, s->length, size_t(width)));
    if (!chars)
        return false;
    if (width == 1)
        decode_into(v, reinterpret_cast<uint8_t*>(chars->data));
    else if (width == 2)
        decode_into(v, reinterpret_cast<uint16_t*>(chars->data));
    else
        decode_into(v, reinterpret_cast<uint32_t*>(chars->data));
    return true;
}

// CPython's getstring + the pattern/subject kind checks of state_init.
// `remember`: keep the decoded characters of a non-ASCII str on the pattern for its next
// call (a call with pos > 0, as a tokenizer's, expects more calls on the same text);
// other calls do not pin their subject to a long-lived pattern.
bool get_subject(VM& vm, PatternObject* p, Value string, Subject& out, bool remember = false)
{
    out.string = string;
    if (String* s = as_str(string)) {
        out.str = s;
        out.length = s->length;
        if (s->is_ascii()) {
            out.data = s->data;
            out.width = 1;
        } else if (p && p->cache_subject == s) {
            out.chars = p->cache_chars;
            out.width = p->cache_width;
            out.data = out.chars->data;
        } else {
            int width;
            RawBuffer* chars;
            if (!decode_str(vm, s, chars, width))
                return false;
            out.chars = chars;
            out.width = width;
            out.data = chars->data;
            if (p && remember) {
                p->cache_subject = s;
                p->cache_chars = chars;
                p->cache_width = uint8_t(width);
            }
        }
    } else {
        std::string_view bytes;
        if (!get_bytes_like(string, bytes)) {
            raise_fmt(vm, exc::TypeError, "expected string or bytes-like object, got '%s'", type_name(string));
            return false;
        }
        out.isbytes = true;
        out.length = bytes.size();
        out.width = 1;
        if (as_bytes(string)) {
            out.data = bytes.data();
        } else {
            // a mutable buffer: match over a snapshot
            out.chars = raw_buffer_new(vm, bytes.size());
            if (!out.chars)
                return false;
            std::memcpy(out.chars->data, bytes.data(), bytes.size());
            out.data = out.chars->data;
        }
    }
    if (p && out.isbytes && p->isbytes == 0) {
        raise(vm, exc::TypeError, "cannot use a string pattern on a bytes-like object");
        return false;
    }
    if (p && !out.isbytes && p->isbytes > 0) {
        raise(vm, exc::TypeError, "cannot use a bytes pattern on a string-like object");
        return false;
    }
    return true;
}

// state_init: the subject's characters from pos to endpos (clamped as CPython does).
bool state_init(VM& vm, sre::State& st, PatternObject* p, Subject& subj, Value string, int64_t start, int64_t end)
{
    st.vm = &vm;
    if (!st.init_marks(p->groups))
        return false;
    if (!get_subject(vm, p, string, subj, start > 0))
        return false;
    int64_t length = int64_t(subj.length);
    start = start < 0 ? 0 : start > length ? length : start;
    end = end < 0 ? 0 : end > length ? length : end;
    st.width = subj.width;
    st.beginning = subj.data;
    st.start = static_cast<char const*>(subj.data) + start * subj.width;
    st.end = static_cast<char const*>(subj.data) + end * subj.width;
    st.ptr = st.start;
    st.pos = size_t(start);
    st.endpos = size_t(end);
    st.lastmark = st.lastindex = -1;
    return true;
}

// The str or bytes of characters [i, j) of a subject's character data.
Value chars_slice(VM& vm, bool isbytes, void const* data, int width, size_t i, size_t j)
{
    if (isbytes)
        return Value::from_object(bytes_new(vm, std::string_view(static_cast<char const*>(data) + i, j - i)));
    if (i >= j)
        return Value::from_object(empty_str());
    if (width == 1) {
        auto const* c = static_cast<uint8_t const*>(data);
        size_t extra = 0;
        for (size_t k = i; k < j; ++k)
            extra += c[k] >> 7;
        String* s = str_alloc(vm, j - i + extra);
        if (!s)
            return Value::null();
        char* out = s->data;
        for (size_t k = i; k < j; ++k) {
            uint8_t ch = c[k];
            if (ch < 0x80) {
                *out++ = char(ch);
            } else {
                *out++ = char(0xC0 | (ch >> 6));
                *out++ = char(0x80 | (ch & 0x3F));
            }
        }
        *out = 0;
        str_finish_known(s, j - i, extra == 0);
        return Value::from_object(s);
    }
    std::string text;
    if (!vm.heap.reserve_buffer(text, (j - i) * 3))
        return Value::null();
    for (size_t k = i; k < j; ++k)
        utf8_append(text, width == 2 ? static_cast<uint16_t const*>(data)[k] : static_cast<uint32_t const*>(data)[k]);
    return str_value(vm, text);
}

// getslice(): a slice of the subject as a new str or bytes.
Value subject_slice(VM& vm, Subject const& subj, size_t i, size_t j)
{
    if (!subj.isbytes && !subj.chars) {
        // an ASCII str: its UTF-8 is its characters
        String* r = make_str(vm, std::string_view(subj.str->data + i, j - i), true);
        return r ? Value::from_object(r) : Value::null();
    }
    return chars_slice(vm, subj.isbytes, subj.data, subj.width, i, j);
}

// state_getslice(): group `index` (1-based) of the current state; None (or the empty
// string when `empty`) when the group did not take part.
Value state_group(VM& vm, sre::State& st, Subject const& subj, size_t index, bool empty)
{
    size_t k = (index - 1) * 2;
    if (int64_t(k) >= st.lastmark || !st.mark[k] || !st.mark[k + 1]) {
        if (!empty)
            return py_none();
        return subject_slice(vm, subj, 0, 0);
    }
    ptrdiff_t i = st.offset(st.mark[k]), j = st.offset(st.mark[k + 1]);
    if (i > j)
        return raise(vm, exc::SystemError, "The span of capturing group is wrong, please report a bug for the re module.");
    return subject_slice(vm, subj, size_t(i), size_t(j));
}

// pattern_error(): the exception for an engine error code (KeyboardInterrupt and
// MemoryError are pending already).
Value engine_error(VM& vm, ptrdiff_t status)
{
    if (vm.has_error())
        return Value::null();
    if (status == sre::ERROR_RECURSION)
        return raise(vm, exc::RecursionError, "maximum recursion limit exceeded");
    return raise(vm, exc::RuntimeError, "internal error in regular expression engine");
}

// pattern_new_match(): a Match for a successful state, None for status 0.
Value new_match(VM& vm, PatternObject* p, sre::State& st, Subject const& subj, ptrdiff_t status)
{
    if (status == 0)
        return py_none();
    if (status < 0)
        return engine_error(vm, status);
    size_t groups = p->groups + 1;
    auto* m = vm.heap.make<MatchObject>(g_match_type, Heap::array_bytes(0, groups, 2 * sizeof(int64_t)));
    if (!m)
        return Value::null();
    m->string = subj.string;
    m->pattern = p;
    m->chars = subj.isbytes ? nullptr : subj.chars;
    m->width = uint8_t(subj.width);
    m->groups = groups;
    m->marks[0] = st.offset(st.start);
    m->marks[1] = st.offset(st.ptr);
    for (size_t g = 0, j = 0; g < p->groups; ++g, j += 2) {
        if (int64_t(j + 1) <= st.lastmark && st.mark[j] && st.mark[j + 1]) {
            m->marks[j + 2] = st.offset(st.mark[j]);
            m->marks[j + 3] = st.offset(st.mark[j + 1]);
            if (m->marks[j + 2] > m->marks[j + 3])
                return raise(vm, exc::SystemError,
                             "The span of capturing group is wrong, please report a bug for the re module.");
        } else {
            m->marks[j + 2] = m->marks[j + 3] = -1;
        }
    }
    m->pos = int64_t(st.pos);
    m->endpos = int64_t(st.endpos);
    m->lastindex = st.lastindex;
    return Value::from_object(m);
}

// ------------------------------------------------------------------ argument helpers

bool ssize_arg(VM& vm, Value v, int64_t& out) { return index_i64(vm, v, out); }

// (string, pos=0, endpos=sys.maxsize) of match/fullmatch/search/findall/finditer/scanner.
bool string_pos_args(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, Value& string,
                     int64_t& pos, int64_t& endpos)
{
    Value out[3];
    if (!parse_args(vm, name, args + 1, nargs - 1, kwnames, { "string", "pos", "endpos" }, 1, out))
        return false;
    string = out[0];
    pos = 0;
    endpos = INT64_MAX;
    if (!out[1].is_null() && !ssize_arg(vm, out[1], pos))
        return false;
    if (!out[2].is_null() && !ssize_arg(vm, out[2], endpos))
        return false;
    return true;
}

PatternObject* self_pattern(Value v) { return static_cast<PatternObject*>(v.as_object()); }
MatchObject* self_match(Value v) { return static_cast<MatchObject*>(v.as_object()); }
ScannerObject* self_scanner(Value v) { return static_cast<ScannerObject*>(v.as_object()); }

// ------------------------------------------------------------------ Pattern methods

enum class MatchMode { Match, FullMatch, Search };

Value pattern_match_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, MatchMode mode)
{
    PatternObject* p = self_pattern(args[0]);
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, name, args, nargs, kwnames, string, pos, endpos))
        return Value::null();
    sre::State st;
    Subject subj;
    if (!state_init(vm, st, p, subj, string, pos, endpos))
        return Value::null();
    ptrdiff_t status;
    if (mode == MatchMode::Search) {
        status = sre::search(st, p->code);
    } else {
        st.match_all = mode == MatchMode::FullMatch;
        status = sre::match(st, p->code);
    }
    if (vm.has_error())
        return Value::null();
    return new_match(vm, p, st, subj, status);
}

Value pattern_match(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return pattern_match_common(vm, args, nargs, kwnames, "match", MatchMode::Match);
}
Value pattern_fullmatch(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return pattern_match_common(vm, args, nargs, kwnames, "fullmatch", MatchMode::FullMatch);
}
Value pattern_search(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return pattern_match_common(vm, args, nargs, kwnames, "search", MatchMode::Search);
}

Value pattern_findall(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    PatternObject* p = self_pattern(args[0]);
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, "findall", args, nargs, kwnames, string, pos, endpos))
        return Value::null();
    sre::State st;
    Subject subj;
    if (!state_init(vm, st, p, subj, string, pos, endpos))
        return Value::null();
    List* list = list_new(vm);
    if (!list)
        return Value::null();
    while (st.start <= st.end) {
        st.reset();
        st.ptr = st.start;
        ptrdiff_t status = sre::search(st, p->code);
        if (vm.has_error())
            return Value::null();
        if (status <= 0) {
            if (status == 0)
                break;
            return engine_error(vm, status);
        }
        Value item;
        if (p->groups == 0) {
            item = TRY(subject_slice(vm, subj, size_t(st.offset(st.start)), size_t(st.offset(st.ptr))));
        } else if (p->groups == 1) {
            item = TRY(state_group(vm, st, subj, 1, true));
        } else {
            Tuple* t = tuple_new(vm, p->groups);
            if (!t)
                return Value::null();
            for (size_t i = 0; i < p->groups; ++i)
                t->items[i] = TRY(state_group(vm, st, subj, i + 1, true));
            item = Value::from_object(t);
        }
        if (!list_append(vm, list, item))
            return Value::null();
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    return Value::from_object(list);
}

Value new_scanner(VM& vm, PatternObject* p, Value string, int64_t pos, int64_t endpos)
{
    auto* sc = vm.heap.make<ScannerObject>(g_scanner_type);
    if (!sc)
        return Value::null();
    sc->pattern = p;
    sc->state = new (std::nothrow) sre::State();
    if (!sc->state)
        return raise_no_memory(vm);
    Subject subj;
    if (!state_init(vm, *sc->state, p, subj, string, pos, endpos))
        return Value::null();
    sc->string = string;
    sc->chars = subj.chars;
    return Value::from_object(sc);
}

Value pattern_scanner(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, "scanner", args, nargs, kwnames, string, pos, endpos))
        return Value::null();
    return new_scanner(vm, self_pattern(args[0]), string, pos, endpos);
}

Value pattern_finditer(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value string;
    int64_t pos, endpos;
    if (!string_pos_args(vm, "finditer", args, nargs, kwnames, string, pos, endpos))
        return Value::null();
    Value sc = TRY(new_scanner(vm, self_pattern(args[0]), string, pos, endpos));
    Value search = TRY(getattr(vm, sc, intern(vm, "search")));
    return callable_iter_new(vm, search, py_none());
}

Value pattern_split(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    PatternObject* p = self_pattern(args[0]);
    Value out[2];
    if (!parse_args(vm, "split", args + 1, nargs - 1, kwnames, { "string", "maxsplit" }, 1, out))
        return Value::null();
    int64_t maxsplit = 0;
    if (!out[1].is_null() && !ssize_arg(vm, out[1], maxsplit))
        return Value::null();
    sre::State st;
    Subject subj;
    if (!state_init(vm, st, p, subj, out[0], 0, INT64_MAX))
        return Value::null();
    List* list = list_new(vm);
    if (!list)
        return Value::null();
    int64_t n = 0;
    void const* last = st.start;
    while (!maxsplit || n < maxsplit) {
        st.reset();
        st.ptr = st.start;
        ptrdiff_t status = sre::search(st, p->code);
        if (vm.has_error())
            return Value::null();
        if (status <= 0) {
            if (status == 0)
                break;
            return engine_error(vm, status);
        }
        if (!list_append(vm, list, subject_slice(vm, subj, size_t(st.offset(last)), size_t(st.offset(st.start)))))
            return Value::null();
        for (size_t i = 0; i < p->groups; ++i)
            if (!list_append(vm, list, state_group(vm, st, subj, i + 1, false)))
                return Value::null();
        ++n;
        st.must_advance = st.ptr == st.start;
        last = st.start = st.ptr;
    }
    if (!list_append(vm, list, subject_slice(vm, subj, size_t(st.offset(last)), st.endpos)))
        return Value::null();
    return Value::from_object(list);
}

// Calls re.<name>(args...) (the template helpers _subx and _expand live in re).
Value call_re(VM& vm, char const* name, Value a, Value b, Value c = Value::null())
{
    String* re_name = intern(vm, "re");
    if (!re_name)
        return Value::null();
    Value re = TRY(vm.interp->import_module(re_name));
    Value fn = TRY(getattr(vm, re, intern(vm, name)));
    Value argv[3] = { a, b, c };
    return call(vm, fn, argv, c.is_null() ? 2 : 3);
}

// Appends a replacement piece to the result text, with the TypeError the join of
// CPython's sub() gives for a piece of the wrong type (item: its index in that join).
bool append_piece(VM& vm, std::string& out, Value piece, bool isbytes, size_t item)
{
    if (!isbytes) {
        String* s = as_str(piece);
        if (!s) {
            raise_fmt(vm, exc::TypeError, "sequence item %zu: expected str instance, %s found", item, type_name(piece));
            return false;
        }
        return vm.heap.append_buffer(out, s->view());
    }
    std::string_view b;
    if (!get_bytes_like(piece, b)) {
        raise_fmt(vm, exc::TypeError, "sequence item %zu: expected a bytes-like object, %s found", item,
                  type_name(piece));
        return false;
    }
    return vm.heap.append_buffer(out, b);
}

// Appends characters [i, j) of the subject to the result text.
bool append_subject(VM& vm, std::string& out, Subject const& subj, size_t i, size_t j)
{
    if (i >= j)
        return true;
    if (subj.isbytes || (subj.str && !subj.chars))
        return vm.heap.append_buffer(out, std::string_view(static_cast<char const*>(subj.data) + i, j - i));
    Value piece = TRY_BOOL(chars_slice(vm, false, subj.data, subj.width, i, j));
    return vm.heap.append_buffer(out, as_str(piece)->view());
}

Value pattern_subx(VM& vm, PatternObject* p, Value repl, Value string, int64_t count, bool subn)
{
    Value filter = repl;
    bool callable_filter = false;
    bool literal = false;
    if (!is_callable(repl)) {
        // not callable: a template without backslashes is used as it is
        std::string_view text;
        if (String* s = as_str(repl))
            literal = s->view().find('\\') == std::string_view::npos;
        else if (get_bytes_like(repl, text))
            literal = text.find('\\') == std::string_view::npos;
        if (!literal) {
            filter = TRY(call_re(vm, "_subx", Value::from_object(p), repl));
            callable_filter = is_callable(filter);
        }
    } else {
        callable_filter = true;
    }

    sre::State st;
    Subject subj;
    if (!state_init(vm, st, p, subj, string, 0, INT64_MAX))
        return Value::null();
    std::string out;
    size_t items = 0; // pieces of CPython's join so far (for its error message)
    int64_t n = 0;
    size_t i = 0;
    while (!count || n < count) {
        st.reset();
        st.ptr = st.start;
        ptrdiff_t status = sre::search(st, p->code);
        if (vm.has_error())
            return Value::null();
        if (status <= 0) {
            if (status == 0)
                break;
            return engine_error(vm, status);
        }
        size_t b = size_t(st.offset(st.start)), e = size_t(st.offset(st.ptr));
        if (i < b) {
            if (!append_subject(vm, out, subj, i, b))
                return Value::null();
            ++items;
        }
        Value item = filter;
        if (callable_filter) {
            Value m = TRY(new_match(vm, p, st, subj, 1));
            item = TRY(call1(vm, filter, m));
        }
        if (!is_none(item)) {
            if (!append_piece(vm, out, item, subj.isbytes, items))
                return Value::null();
            ++items;
        }
        i = e;
        ++n;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    if (i < st.endpos && !append_subject(vm, out, subj, i, st.endpos))
        return Value::null();
    Value result = subj.isbytes ? Value::from_object(bytes_new(vm, out)) : str_value(vm, out);
    if (result.is_null())
        return Value::null();
    if (!subn)
        return result;
    Value count_v = TRY(int_from_i64(vm, n));
    Tuple* t = tuple_pack(vm, { result, count_v });
    return t ? Value::from_object(t) : Value::null();
}

Value pattern_sub_common(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool subn)
{
    Value out[3];
    if (!parse_args(vm, name, args + 1, nargs - 1, kwnames, { "repl", "string", "count" }, 2, out))
        return Value::null();
    int64_t count = 0;
    if (!out[2].is_null() && !ssize_arg(vm, out[2], count))
        return Value::null();
    return pattern_subx(vm, self_pattern(args[0]), out[0], out[1], count, subn);
}

Value pattern_sub(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return pattern_sub_common(vm, args, nargs, kwnames, "sub", false);
}
Value pattern_subn(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return pattern_sub_common(vm, args, nargs, kwnames, "subn", true);
}

Value return_self(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__copy__", kwnames) || !check_nargs(vm, "__copy__", nargs - 1, 0, 0))
        return Value::null();
    return args[0];
}
Value return_self_memo(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__deepcopy__", kwnames))
        return Value::null();
    if (nargs != 2)
        return raise_fmt(vm, exc::TypeError, "%s.__deepcopy__() takes exactly one argument (%zu given)",
                         args[0].as_object()->type->name->c_str(), nargs - 1);
    return args[0];
}

// The first `limit` characters of repr(v) (CPython's %.<limit>R).
Value repr_truncated(VM& vm, Value v, size_t limit)
{
    Value r = TRY(repr(vm, v));
    String* s = as_str(r);
    if (s->length <= limit)
        return r;
    return Value::from_object(str_substring(vm, s, 0, limit));
}

Value pattern_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    PatternObject* p = self_pattern(args[0]);
    static constexpr struct {
        char const* name;
        int64_t value;
    } kFlags[] = {
        { "re.TEMPLATE", sre::FLAG_TEMPLATE }, { "re.IGNORECASE", sre::FLAG_IGNORECASE },
        { "re.LOCALE", sre::FLAG_LOCALE },     { "re.MULTILINE", sre::FLAG_MULTILINE },
        { "re.DOTALL", sre::FLAG_DOTALL },     { "re.UNICODE", sre::FLAG_UNICODE },
        { "re.VERBOSE", sre::FLAG_VERBOSE },   { "re.DEBUG", sre::FLAG_DEBUG },
        { "re.ASCII", sre::FLAG_ASCII },
    };
    int64_t flags = p->flags;
    // re.UNICODE is the default of a str pattern: not shown
    if (p->isbytes == 0 && (flags & (sre::FLAG_LOCALE | sre::FLAG_UNICODE | sre::FLAG_ASCII)) == sre::FLAG_UNICODE)
        flags &= ~int64_t(sre::FLAG_UNICODE);
    std::string names;
    for (auto const& f : kFlags) {
        if (flags & f.value) {
            if (!names.empty())
                names += '|';
            names += f.name;
            flags &= ~f.value;
        }
    }
    if (flags) {
        char buf[32];
        snprintf(buf, sizeof buf, "0x%x", unsigned(flags));
        if (!names.empty())
            names += '|';
        names += buf;
    }
    Value r = TRY(repr_truncated(vm, p->pattern, 200));
    std::string text = "re.compile(";
    text += as_str(r)->view();
    if (!names.empty()) {
        text += ", ";
        text += names;
    }
    text += ')';
    return str_value(vm, text);
}

Value pattern_eq_common(VM& vm, Value const* args, bool eq)
{
    PatternObject* a = self_pattern(args[0]);
    PatternObject* b = as_pattern(args[1]);
    if (!b)
        return py_not_implemented();
    if (a == b)
        return py_bool(eq);
    bool same = a->flags == b->flags && a->isbytes == b->isbytes && a->codesize == b->codesize
        && std::memcmp(a->code, b->code, a->codesize * sizeof(Code)) == 0;
    if (same) {
        int r = equal(vm, a->pattern, b->pattern);
        if (r < 0)
            return Value::null();
        same = r == 1;
    }
    return py_bool(same == eq);
}

Value pattern_eq(VM& vm, Value const* args, size_t, Tuple*) { return pattern_eq_common(vm, args, true); }
Value pattern_ne(VM& vm, Value const* args, size_t, Tuple*) { return pattern_eq_common(vm, args, false); }

Value pattern_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    PatternObject* p = self_pattern(args[0]);
    int64_t h;
    if (!hash(vm, p->pattern, h))
        return Value::null();
    // FNV-1a over the code words
    uint64_t x = 14695981039346656037ull;
    for (size_t i = 0; i < p->codesize; ++i) {
        x ^= p->code[i];
        x *= 1099511628211ull;
    }
    h ^= int64_t(x >> 2);
    h ^= p->flags;
    h ^= p->isbytes;
    h ^= int64_t(p->codesize);
    if (h == -1)
        h = -2;
    return int_from_i64(vm, h);
}

Value pattern_get_pattern(VM&, Value const* args, size_t, Tuple*) { return self_pattern(args[0])->pattern; }
Value pattern_get_flags(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_pattern(args[0])->flags); }
Value pattern_get_groups(VM& vm, Value const* args, size_t, Tuple*)
{
    return int_from_i64(vm, int64_t(self_pattern(args[0])->groups));
}
Value pattern_get_groupindex(VM& vm, Value const* args, size_t, Tuple*)
{
    PatternObject* p = self_pattern(args[0]);
    if (!p->groupindex) {
        Dict* d = dict_new(vm);
        return d ? Value::from_object(d) : Value::null();
    }
    return make_mappingproxy(vm, Value::from_object(p->groupindex));
}

Value class_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__class_getitem__", kwnames) || !check_nargs(vm, "__class_getitem__", nargs - 1, 1, 1))
        return Value::null();
    return make_generic_alias(vm, args[0], args[1]);
}

Value no_new(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* cls = args[0].as<TypeObject>();
    Value mod = dict_get_str(vm, cls->dict, names.__module__);
    String* m = mod.is_null() ? nullptr : as_str(mod);
    return raise_fmt(vm, exc::TypeError, "cannot create '%s%s%s' instances", m ? m->c_str() : "", m ? "." : "",
                     cls->name->c_str());
}

// ------------------------------------------------------------------ Match methods

// The str or bytes of group `index`, `dflt` when it did not take part.
Value match_slice(VM& vm, MatchObject* m, size_t index, Value dflt)
{
    int64_t i = m->marks[2 * index], j = m->marks[2 * index + 1];
    if (is_none(m->string) || i < 0)
        return dflt;
    if (String* s = as_str(m->string)) {
        if (!m->chars) {
            String* r = make_str(vm, std::string_view(s->data + i, size_t(j - i)), true);
            return r ? Value::from_object(r) : Value::null();
        }
        return chars_slice(vm, false, m->chars->data, m->width, size_t(i), size_t(j));
    }
    // bytes-like: read the buffer as it is now (clamped, as CPython's getslice)
    std::string_view b;
    if (!get_bytes_like(m->string, b))
        return raise_fmt(vm, exc::TypeError, "expected string or bytes-like object, got '%s'", type_name(m->string));
    size_t len = b.size();
    size_t a = std::min(size_t(i), len), z = std::min(size_t(j), len);
    if (as_bytes(m->string) && type_of(m->string) == types.bytes && a == 0 && z == len)
        return m->string;
    return Value::from_object(bytes_new(vm, b.substr(a, z > a ? z - a : 0)));
}

Value index_value(VM& vm, Value v) { return index(vm, v); }

// match_getindex(): a group number or name; IndexError "no such group".
bool match_index(VM& vm, MatchObject* m, Value index, size_t& out)
{
    int64_t i = -1;
    if (is_int(index) || !type_of(index)->slot(Slot::INDEX).is_null()) {
        // beyond ssize_t: clamped (PyNumber_AsSsize_t(x, NULL)), so "no such group" below
        Value iv = index_value(vm, index);
        if (iv.is_null())
            return false;
        if (!int_to_i64(int_unwrap(iv), i))
            i = -1;
    } else if (m->pattern->groupindex) {
        Value v = dict_get(vm, m->pattern->groupindex, index);
        if (v.is_null()) {
            if (vm.has_error())
                return false;
        } else if (is_int(v)) {
            int_to_i64(int_unwrap(v), i);
        }
    }
    if (i < 0 || uint64_t(i) >= m->groups) {
        raise(vm, exc::IndexError, "no such group");
        return false;
    }
    out = size_t(i);
    return true;
}

Value match_group(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    MatchObject* m = self_match(args[0]);
    if (!check_no_kwargs(vm, "group", kwnames))
        return Value::null();
    size_t n = nargs - 1;
    size_t k;
    if (n == 0)
        return match_slice(vm, m, 0, py_none());
    if (n == 1) {
        if (!match_index(vm, m, args[1], k))
            return Value::null();
        return match_slice(vm, m, k, py_none());
    }
    Tuple* t = tuple_new(vm, n);
    if (!t)
        return Value::null();
    for (size_t i = 0; i < n; ++i) {
        if (!match_index(vm, m, args[i + 1], k))
            return Value::null();
        t->items[i] = TRY(match_slice(vm, m, k, py_none()));
    }
    return Value::from_object(t);
}

Value match_getitem(VM& vm, Value const* args, size_t, Tuple*)
{
    MatchObject* m = self_match(args[0]);
    size_t k;
    if (!match_index(vm, m, args[1], k))
        return Value::null();
    return match_slice(vm, m, k, py_none());
}

Value default_arg(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, bool& ok)
{
    Value out[1];
    ok = parse_args(vm, name, args + 1, nargs - 1, kwnames, { "default" }, 0, out);
    return out[0].is_null() ? py_none() : out[0];
}

Value match_groups(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    MatchObject* m = self_match(args[0]);
    bool ok;
    Value dflt = default_arg(vm, "groups", args, nargs, kwnames, ok);
    if (!ok)
        return Value::null();
    Tuple* t = tuple_new(vm, m->groups - 1);
    if (!t)
        return Value::null();
    for (size_t i = 1; i < m->groups; ++i)
        t->items[i - 1] = TRY(match_slice(vm, m, i, dflt));
    return Value::from_object(t);
}

Value match_groupdict(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    MatchObject* m = self_match(args[0]);
    bool ok;
    Value dflt = default_arg(vm, "groupdict", args, nargs, kwnames, ok);
    if (!ok)
        return Value::null();
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    if (!m->pattern->groupindex)
        return Value::from_object(d);
    size_t pos = 0;
    Value key, value;
    while (dict_next(m->pattern->groupindex, pos, key, value)) {
        size_t k;
        if (!match_index(vm, m, key, k))
            return Value::null();
        Value v = TRY(match_slice(vm, m, k, dflt));
        if (!dict_set(vm, d, key, v))
            return Value::null();
    }
    return Value::from_object(d);
}

// start([group]) / end([group]) / span([group]): a positional-only optional group.
bool optional_group(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, size_t& k)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs - 1, 0, 1))
        return false;
    if (nargs == 1) {
        k = 0;
        return true;
    }
    return match_index(vm, self_match(args[0]), args[1], k);
}

Value match_start(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t k;
    if (!optional_group(vm, "start", args, nargs, kwnames, k))
        return Value::null();
    return int_from_i64(vm, self_match(args[0])->marks[2 * k]);
}

Value match_end(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t k;
    if (!optional_group(vm, "end", args, nargs, kwnames, k))
        return Value::null();
    return int_from_i64(vm, self_match(args[0])->marks[2 * k + 1]);
}

Value pair(VM& vm, int64_t a, int64_t b)
{
    Value x = TRY(int_from_i64(vm, a));
    Value y = TRY(int_from_i64(vm, b));
    Tuple* t = tuple_pack(vm, { x, y });
    return t ? Value::from_object(t) : Value::null();
}

Value match_span(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t k;
    if (!optional_group(vm, "span", args, nargs, kwnames, k))
        return Value::null();
    MatchObject* m = self_match(args[0]);
    return pair(vm, m->marks[2 * k], m->marks[2 * k + 1]);
}

Value match_expand(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "expand", args + 1, nargs - 1, kwnames, { "template" }, 1, out))
        return Value::null();
    MatchObject* m = self_match(args[0]);
    return call_re(vm, "_expand", Value::from_object(m->pattern), args[0], out[0]);
}

Value match_get_regs(VM& vm, Value const* args, size_t, Tuple*)
{
    MatchObject* m = self_match(args[0]);
    if (m->regs)
        return Value::from_object(m->regs);
    Tuple* t = tuple_new(vm, m->groups);
    if (!t)
        return Value::null();
    for (size_t i = 0; i < m->groups; ++i)
        t->items[i] = TRY(pair(vm, m->marks[2 * i], m->marks[2 * i + 1]));
    m->regs = t;
    return Value::from_object(t);
}

Value match_get_lastindex(VM& vm, Value const* args, size_t, Tuple*)
{
    MatchObject* m = self_match(args[0]);
    return m->lastindex >= 0 ? int_from_i64(vm, m->lastindex) : py_none();
}

Value match_get_lastgroup(VM&, Value const* args, size_t, Tuple*)
{
    MatchObject* m = self_match(args[0]);
    Tuple* ig = m->pattern->indexgroup;
    if (ig && m->lastindex >= 0 && size_t(m->lastindex) < ig->size)
        return ig->items[m->lastindex];
    return py_none();
}

Value match_get_string(VM&, Value const* args, size_t, Tuple*) { return self_match(args[0])->string; }
Value match_get_re(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_match(args[0])->pattern); }
Value match_get_pos(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_match(args[0])->pos); }
Value match_get_endpos(VM& vm, Value const* args, size_t, Tuple*)
{
    return int_from_i64(vm, self_match(args[0])->endpos);
}

Value match_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    MatchObject* m = self_match(args[0]);
    Value g0 = TRY(match_slice(vm, m, 0, py_none()));
    Value r = TRY(repr_truncated(vm, g0, 50));
    char head[96];
    snprintf(head, sizeof head, "<re.Match object; span=(%lld, %lld), match=", static_cast<long long>(m->marks[0]),
             static_cast<long long>(m->marks[1]));
    std::string text = head;
    text += as_str(r)->view();
    text += '>';
    return str_value(vm, text);
}

// ------------------------------------------------------------------ Scanner methods

Value scanner_step(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, bool search)
{
    ScannerObject* sc = self_scanner(args[0]);
    if (!check_no_kwargs(vm, name, kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "%s() takes no arguments", name);
    if (sc->executing)
        return raise(vm, exc::ValueError, "regular expression scanner already executing");
    if (sc->exhausted || !sc->state)
        return py_none();
    sc->executing = true;
    sre::State& st = *sc->state;
    st.reset();
    st.ptr = st.start;
    ptrdiff_t status = search ? sre::search(st, sc->pattern->code) : sre::match(st, sc->pattern->code);
    if (vm.has_error()) {
        sc->executing = false;
        return Value::null();
    }
    Subject subj;
    subj.string = sc->string;
    subj.chars = sc->chars;
    subj.isbytes = !is_str(sc->string);
    subj.width = st.width;
    Value m = new_match(vm, sc->pattern, st, subj, status);
    if (status == 0) {
        sc->exhausted = true;
    } else {
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    sc->executing = false;
    return m;
}

Value scanner_match(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return scanner_step(vm, args, nargs, kwnames, "match", false);
}
Value scanner_search(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return scanner_step(vm, args, nargs, kwnames, "search", true);
}
Value scanner_get_pattern(VM&, Value const* args, size_t, Tuple*)
{
    return Value::from_object(self_scanner(args[0])->pattern);
}

// ------------------------------------------------------------------ module functions

// A C int argument (CPython's clinic `int`).
bool c_int_arg(VM& vm, Value v, int64_t& out) { return index_c_int(vm, v, out); }

Value sre_compile(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[6];
    if (!parse_args(vm, "compile", args, nargs, kwnames,
                    { "pattern", "flags", "code", "groups", "groupindex", "indexgroup" }, 6, a))
        return Value::null();
    int64_t flags, groups;
    if (!c_int_arg(vm, a[1], flags))
        return Value::null();
    List* code = as_list(a[2]);
    if (!code)
        return raise_fmt(vm, exc::TypeError, "compile() argument 'code' must be list, not %s", type_name(a[2]));
    if (!ssize_arg(vm, a[3], groups))
        return Value::null();
    Dict* groupindex = as_dict(a[4]);
    if (!groupindex)
        return raise_fmt(vm, exc::TypeError, "compile() argument 'groupindex' must be dict, not %s", type_name(a[4]));
    Tuple* indexgroup = as_tuple(a[5]);
    if (!indexgroup)
        return raise_fmt(vm, exc::TypeError, "compile() argument 'indexgroup' must be tuple, not %s",
                         type_name(a[5]));

    size_t n = code->size;
    auto* p = vm.heap.make<PatternObject>(g_pattern_type, Heap::array_bytes(0, n, sizeof(Code)));
    if (!p)
        return Value::null();
    p->codesize = n;
    for (size_t i = 0; i < code->size && i < n; ++i) {
        Value o = code->items()[i];
        if (!is_int(o))
            return raise(vm, exc::TypeError, "an integer is required");
        if (int_sign(o) < 0)
            return raise(vm, exc::OverflowError, "can't convert negative value to unsigned int");
        int64_t v;
        if (!int_to_i64(int_unwrap(o), v))
            return raise(vm, exc::OverflowError, "Python int too large to convert to C unsigned long");
        if (uint64_t(v) > 0xFFFFFFFFull)
            return raise(vm, exc::OverflowError, "regular expression code size limit exceeded");
        p->code[i] = Code(v);
    }
    if (code->size != n) // the list changed size under an __index__
        return raise(vm, exc::RuntimeError, "invalid SRE code");

    if (is_none(a[0])) {
        p->isbytes = -1;
    } else {
        std::string_view bytes;
        if (is_str(a[0]))
            p->isbytes = 0;
        else if (get_bytes_like(a[0], bytes))
            p->isbytes = 1;
        else
            return raise_fmt(vm, exc::TypeError, "expected string or bytes-like object, got '%s'", type_name(a[0]));
    }
    p->pattern = a[0];
    p->flags = flags;
    p->groups = groups < 0 ? 0 : size_t(groups);
    if (groupindex->used > 0) {
        p->groupindex = groupindex;
        if (indexgroup->size > 0)
            p->indexgroup = indexgroup;
    }
    if (groups < 0 || !sre::validate(vm, p->code, n, size_t(groups)))
        return raise(vm, exc::RuntimeError, "invalid SRE code");
    return Value::from_object(p);
}

Value sre_getcodesize(VM& vm, Value const*, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_sre.getcodesize", kwnames) || !check_nargs(vm, "_sre.getcodesize", nargs, 0, 0))
        return Value::null();
    return Value::small_int(int64_t(sizeof(sre::Code)));
}

// The int argument of the case helpers (clinic `int`, positional only).
bool char_arg(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, int64_t& ch)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 1, 1))
        return false;
    return c_int_arg(vm, args[0], ch);
}

Value sre_ascii_iscased(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t ch;
    if (!char_arg(vm, "_sre.ascii_iscased", args, nargs, kwnames, ch))
        return Value::null();
    return py_bool(sre::ascii_iscased(uint32_t(ch)));
}

Value sre_unicode_iscased(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t ch;
    if (!char_arg(vm, "_sre.unicode_iscased", args, nargs, kwnames, ch))
        return Value::null();
    return py_bool(sre::unicode_iscased(uint32_t(ch)));
}

Value sre_ascii_tolower(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t ch;
    if (!char_arg(vm, "_sre.ascii_tolower", args, nargs, kwnames, ch))
        return Value::null();
    return Value::small_int(int64_t(int32_t(sre::lower_ascii(uint32_t(ch)))));
}

Value sre_unicode_tolower(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    int64_t ch;
    if (!char_arg(vm, "_sre.unicode_tolower", args, nargs, kwnames, ch))
        return Value::null();
    return Value::small_int(int64_t(int32_t(sre::lower_unicode(uint32_t(ch)))));
}

void setup_types(VM& vm)
{
    if (g_pattern_type)
        return;
    TypeObject* t = make_builtin_type(vm, "Pattern", nullptr, sizeof(PatternObject), TF_LAYOUT_WEAKREF, pattern_trace);
    set_native_type_module(vm, t, "re");
    add_methods(vm, t, {
        { "__new__", no_new, METH_STATIC }, { "match", pattern_match }, { "fullmatch", pattern_fullmatch },
        { "search", pattern_search }, { "sub", pattern_sub }, { "subn", pattern_subn },
        { "findall", pattern_findall }, { "split", pattern_split }, { "finditer", pattern_finditer },
        { "scanner", pattern_scanner }, { "__copy__", return_self }, { "__deepcopy__", return_self_memo },
        { "__class_getitem__", class_getitem, METH_CLASS }, { "__repr__", pattern_repr }, { "__eq__", pattern_eq },
        { "__ne__", pattern_ne }, { "__hash__", pattern_hash },
    });
    add_getsets(vm, t, {
        { "pattern", pattern_get_pattern }, { "flags", pattern_get_flags }, { "groups", pattern_get_groups },
        { "groupindex", pattern_get_groupindex },
    });
    add_attribute(vm, t, "__doc__", str_value(vm, "Compiled regular expression object."));
    finish_builtin_type(vm, t);
    g_pattern_type = t;

    t = make_builtin_type(vm, "Match", nullptr, sizeof(MatchObject), 0, match_trace);
    set_native_type_module(vm, t, "re");
    add_methods(vm, t, {
        { "__new__", no_new, METH_STATIC }, { "group", match_group }, { "start", match_start },
        { "end", match_end }, { "span", match_span }, { "groups", match_groups },
        { "groupdict", match_groupdict }, { "expand", match_expand }, { "__copy__", return_self },
        { "__deepcopy__", return_self_memo }, { "__class_getitem__", class_getitem, METH_CLASS },
        { "__repr__", match_repr }, { "__getitem__", match_getitem },
    });
    add_getsets(vm, t, {
        { "lastindex", match_get_lastindex }, { "lastgroup", match_get_lastgroup }, { "regs", match_get_regs },
        { "string", match_get_string }, { "re", match_get_re }, { "pos", match_get_pos },
        { "endpos", match_get_endpos },
    });
    add_attribute(vm, t, "__doc__",
                  str_value(vm, "The result of re.match() and re.search().\n"
                                "Match objects always have a boolean value of True."));
    finish_builtin_type(vm, t);
    g_match_type = t;

    t = make_builtin_type(vm, "SRE_Scanner", nullptr, sizeof(ScannerObject), 0, scanner_trace, scanner_finalize);
    set_native_type_module(vm, t, "_sre");
    add_methods(vm, t, {
        { "__new__", no_new, METH_STATIC }, { "match", scanner_match }, { "search", scanner_search },
    });
    add_getsets(vm, t, { { "pattern", scanner_get_pattern } });
    finish_builtin_type(vm, t);
    g_scanner_type = t;
}

} // namespace

Module* make_sre_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_sre");
    module_add_functions(vm, m, {
        { "compile", sre_compile }, { "getcodesize", sre_getcodesize }, { "ascii_iscased", sre_ascii_iscased },
        { "unicode_iscased", sre_unicode_iscased }, { "ascii_tolower", sre_ascii_tolower },
        { "unicode_tolower", sre_unicode_tolower },
    });
    module_add(vm, m, "MAGIC", Value::small_int(sre::kMagic));
    module_add(vm, m, "CODESIZE", Value::small_int(int64_t(sizeof(sre::Code))));
    module_add(vm, m, "MAXREPEAT", Value::small_int(int64_t(sre::kMaxRepeat)));
    module_add(vm, m, "MAXGROUPS", Value::small_int(int64_t(sre::kMaxGroups)));
    module_add(vm, m, "copyright", str_value(vm, " SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "));
    return m;
}

} // namespace slpy
