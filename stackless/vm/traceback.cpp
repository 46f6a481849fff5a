// Printing exceptions exactly as CPython 3.11's default excepthook does
// (Python/pythonrun.c print_exception*, Python/traceback.c tb_printinternal).
//
//   Traceback (most recent call last):
//     File "x.py", line 3, in f
//       return a + b
//              ~~^~~
//   TypeError: unsupported operand type(s) for +: 'int' and 'str'
//
// Chained exceptions (__cause__, else __context__ unless __suppress_context__) come
// first, each followed by the sentence that links it to the next. An exception group
// (PEP 654) is followed by its members in nested boxes, each line of a member behind a
// "| " margin. Source lines are read
// from the file named by the code object (CPython re-reads the file too; nothing is
// stored in the code object). The position markers under a line come from the code
// object's location of the failing instruction; for a binary operation or a subscript
// the segment is re-parsed to put `^` under the operator or the brackets and `~` under
// the operands, as CPython's extract_anchors_from_line.
//
// CPython mixes byte and character offsets in a few places (multi-line segments, the
// SyntaxError caret); those quirks are kept on purpose so that the output matches.
#include "stackless/vm/traceback.h"

#include "stackless/vm/interpreter.h"

#include "objects/codecs.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/compiler/ast_include.h"
#include "stackless/compiler/const_fold.h"
#include "stackless/parser/parser.h"
#include "stackless/vm/suggestions.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace slpy {

namespace {

constexpr char const* kTracebackHeader = "Traceback (most recent call last):\n";
constexpr char const* kGroupTracebackHeader = "Exception Group Traceback (most recent call last):\n";
// The sentences between chained exceptions; the blank lines around them carry the
// group margin, so they are printed separately.
constexpr char const* kCauseMessage = "The above exception was the direct cause of the following exception:\n";
constexpr char const* kContextMessage = "During handling of the above exception, another exception occurred:\n";
// PyErr_MAX_GROUP_WIDTH / PyErr_MAX_GROUP_DEPTH: members shown per group, and nested
// groups shown before "... (max_group_depth is 10)".
constexpr long kMaxGroupWidth = 15;
constexpr long kMaxGroupDepth = 10;
// PyTraceBack_LIMIT: entries shown when sys.tracebacklimit is not set.
constexpr long kDefaultTracebackLimit = 1000;
// Identical consecutive entries shown before "[Previous line repeated N more times]".
constexpr long kRecursiveCutoff = 3;
// The indentation of a source line under its "File" line.
constexpr long kSourceLineIndent = 4;

bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Characters in the first `bytes` bytes of UTF-8 text. As CPython's
// _PyPegen_byte_offset_to_character_offset: an offset past the end is clipped to
// len + 1, and that extra byte (the terminating NUL in C) counts as one character; a
// truncated sequence counts as one (replacement) character.
long byte_to_char_offset(std::string_view s, long col)
{
    if (col > long(s.size()) + 1)
        col = long(s.size()) + 1;
    long n = 0;
    for (long i = 0; i < col; ++i) {
        if (i >= long(s.size())) {
            ++n; // the NUL
            continue;
        }
        if ((static_cast<unsigned char>(s[size_t(i)]) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

// Number of code points of UTF-8 text.
long char_length(std::string_view s) { return byte_to_char_offset(s, long(s.size())); }

// Byte offset of character `index` in UTF-8 text (clipped to the end).
size_t char_to_byte_offset(std::string_view s, long index)
{
    size_t i = 0;
    for (long n = 0; i < s.size() && n < index; ++n) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
            ++i;
    }
    return i;
}

// ------------------------------------------------------------------ source lines

// The lines of source files, read once per printed exception chain.
class SourceCache {
public:
    explicit SourceCache(VM& vm)
        : m_vm(vm)
    {
    }

    // Line `lineno` (1-based) of `filename` without its line ending, or nullptr when
    // the file cannot be read (or is a pseudo-file such as "<string>").
    std::string const* line(std::string const& filename, int lineno)
    {
        auto it = m_files.find(filename);
        if (it == m_files.end())
            it = m_files.emplace(filename, load(filename)).first;
        std::vector<std::string> const& lines = it->second;
        if (lineno < 1 || size_t(lineno) > lines.size())
            return nullptr;
        return &lines[size_t(lineno) - 1];
    }

private:
    VM& m_vm;
    std::unordered_map<std::string, std::vector<std::string>> m_files;

    static bool read_file(std::string const& path, std::string& out)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return false;
        std::ostringstream ss;
        ss << in.rdbuf();
        if (in.bad())
            return false;
        out = ss.str();
        return true;
    }

    // As CPython's _Py_FindSourceFile: the file's last path component searched along
    // sys.path when the name itself cannot be opened.
    bool find_on_sys_path(std::string const& filename, std::string& out)
    {
        if (!m_vm.interp || !m_vm.interp->sys_module)
            return false;
        size_t slash = filename.rfind('/');
        std::string tail = slash == std::string::npos ? filename : filename.substr(slash + 1);
        Value path = dict_get_str(m_vm, m_vm.interp->sys_module->dict, names.path);
        if (path.is_null()) {
            m_vm.clear_error();
            return false;
        }
        List* dirs = path.is_not_found() ? nullptr : as_list(path);
        if (!dirs)
            return false;
        for (size_t i = 0; i < dirs->size; ++i) {
            String* dir = as_str(dirs->items()[i]);
            if (!dir || std::string_view(dir->c_str()).size() != dir->byte_length)
                continue;
            std::string candidate = dir->c_str();
            if (!candidate.empty() && candidate.back() != '/')
                candidate += '/';
            candidate += tail;
            if (read_file(candidate, out))
                return true;
        }
        return false;
    }

    std::vector<std::string> load(std::string const& filename)
    {
        std::vector<std::string> lines;
        // Pseudo-files ("<string>", "<stdin>") are never opened.
        if (filename.empty() || (filename.front() == '<' && filename.back() == '>'))
            return lines;
        std::string text;
        if (!read_file(filename, text) && !find_on_sys_path(filename, text))
            return lines;
        // Decoded as the file declares (PEP 263; a BOM stays, as in CPython's display);
        // a file that does not decode shows no source.
        parser::SourceEncoding enc = parser::detect_source_encoding(text);
        if (!enc.name.empty() && enc.name != "utf-8") {
            std::string decoded, error;
            if (!decode_strict(enc.name, text, decoded, error))
                return lines;
            text = std::move(decoded);
        } else if (utf8_validate(text) != std::string::npos) {
            return lines;
        }
        // Universal newlines: "\r\n", "\r" and "\n" all end a line.
        std::string cur;
        for (size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
                lines.push_back(std::move(cur));
                cur.clear();
            } else {
                cur += c;
            }
        }
        if (!cur.empty())
            lines.push_back(std::move(cur));
        return lines;
    }
};

// ------------------------------------------------------------------ caret anchors

struct Anchors {
    long left = -1;  // first character of the secondary range (segment-relative bytes, then line chars)
    long right = -1; // one past its last character
    char primary = '^';
    char secondary = '^';
};

// CPython's extract_anchors_from_expr: for `a + b` the operator, for `a[b]` the brackets.
bool anchors_from_expr(std::string const& seg, ast::Expr const* expr, Anchors& a)
{
    long len = long(seg.size());
    switch (expr->kind) {
    case ast::ExprKind::BinOp: {
        auto const* b = static_cast<ast::BinOp const*>(expr);
        long right_col = b->right->pos.col_offset;
        for (long i = b->left->pos.end_col_offset; i < right_col && i < len; ++i) {
            if (is_whitespace(seg[size_t(i)]))
                continue;
            a.left = i;
            a.right = i + 1;
            // A two-character operator (//, **, <<, ...).
            if (i + 1 < right_col && i + 1 < len && !is_whitespace(seg[size_t(i + 1)]))
                ++a.right;
            // Keep going past the closing parentheses of the left operand.
            if (i + 1 < right_col && seg[size_t(i)] == ')')
                continue;
            a.primary = '~';
            a.secondary = '^';
            break;
        }
        return true;
    }
    case ast::ExprKind::Subscript: {
        auto const* s = static_cast<ast::Subscript const*>(expr);
        a.left = s->value->pos.end_col_offset;
        a.right = s->slice->pos.end_col_offset + 1;
        while (a.left < len && (is_whitespace(seg[size_t(a.left)]) || seg[size_t(a.left)] != '['))
            ++a.left;
        while (a.right < len && (is_whitespace(seg[size_t(a.right)]) || seg[size_t(a.right)] != ']'))
            ++a.right;
        if (a.right < len)
            ++a.right;
        a.primary = '~';
        a.secondary = '^';
        return true;
    }
    default:
        return false;
    }
}

// CPython's extract_anchors_from_line: parses the segment [start, end) (characters) of
// the line as a statement, constant-folded as the compiler would, and finds the anchors
// of a lone expression statement. Anchors come back as line character offsets.
bool anchors_from_line(VM& vm, std::string const& filename, std::string const& line, long start, long end, Anchors& a)
{
    size_t b0 = char_to_byte_offset(line, start);
    size_t b1 = char_to_byte_offset(line, end);
    std::string segment = b1 > b0 ? line.substr(b0, b1 - b0) : std::string();
    ast::Arena arena;
    compiler::SyntaxErrorInfo err;
    ast::Mod* mod = parser::parse(segment, filename, parser::Mode::Exec, arena, err);
    if (!mod)
        return false;
    compiler::fold_constants(mod, arena, vm.optimize);
    if (mod->body.size() != 1 || mod->body[0]->kind != ast::StmtKind::Expr)
        return false;
    auto const* stmt = static_cast<ast::ExprStmt const*>(mod->body[0]);
    if (!anchors_from_expr(segment, stmt->value, a))
        return false;
    if (a.left < 0 || a.right < 0) {
        // A binary operation with nothing between its operands: no secondary range.
        a = Anchors {};
        return false;
    }
    a.left = byte_to_char_offset(segment, a.left) + start;
    a.right = byte_to_char_offset(segment, a.right) + start;
    return true;
}

// print_error_text: the line without its indentation and a caret line (offsets are
// 1-based characters; the clipping works on bytes, as CPython's does).
void append_error_text(std::string& out, long offset, long end_offset, std::string_view full)
{
    long carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    // C strings stop at a NUL.
    std::string_view text = full.substr(0, std::min(full.size(), std::string_view(full.data()).size()));
    --offset;
    while (!text.empty() && is_whitespace(text.front())) {
        text.remove_prefix(1);
        --offset;
    }
    long len = long(text.size());
    if (len > 0 && text[size_t(len - 1)] == '\n')
        --len;
    if (offset > len)
        offset = len;
    // Skip past newlines embedded in the text.
    for (;;) {
        size_t nl = text.find('\n');
        if (nl == std::string_view::npos)
            break;
        long inl = long(nl);
        if (inl >= offset)
            break;
        inl += 1;
        text.remove_prefix(size_t(inl));
        len -= inl;
        offset -= inl;
    }
    out += "    ";
    out += text;
    if (size_t(len) >= text.size() || text[size_t(len)] != '\n')
        out += '\n';
    if (offset < 0)
        return;
    out += "    ";
    out.append(size_t(offset), ' ');
    out.append(size_t(carets), '^');
    out += '\n';
}

// ------------------------------------------------------------------ the printer

class Printer {
public:
    explicit Printer(VM& vm)
        : m_vm(vm)
        , m_sources(vm)
    {
    }

    std::string const& text() const { return m_out; }

    // _PyErr_Display: print_exception_recursive with a fresh `seen` set.
    void print_chain(Value exc) { print_recursive(exc); }

private:
    VM& m_vm;
    std::string m_out;
    SourceCache m_sources;
    // CPython's exception_print_context: the ids of the exceptions printed so far (one
    // set for the whole print, so an exception shared by two group members or chains is
    // shown once), the nesting level of groups, and whether the innermost open group
    // still needs its closing line.
    std::unordered_set<uint64_t> m_seen;
    long m_depth = 0;
    bool m_need_close = false;

    // print_exception_recursive: the chain of `exc` (the causes and contexts not seen
    // yet), oldest first, each followed by the sentence that links it to the next, then
    // `exc` itself. CPython recurses once per link; the chain is walked in a loop here so
    // that a long chain needs no C stack (the recursion is only through group members,
    // bounded by kMaxGroupDepth).
    void print_recursive(Value exc)
    {
        // Collect the chain newest first (cycle-safe), then print it oldest first. The
        // list keeps the exceptions reachable while Python code (str(), __notes__) runs.
        List* chain = list_new(m_vm);
        std::vector<char const*> links; // links[i]: the sentence after chain[i+1]
        Value cur = exc;
        if (!chain || !list_append(m_vm, chain, cur))
            return fail();
        for (;;) {
            m_seen.insert(cur.bits());
            BaseException* be = as_exception(cur);
            if (!be)
                break;
            Value next = Value::null();
            char const* link = nullptr;
            if (!be->cause.is_null() && !is_none(be->cause)) {
                if (!m_seen.count(be->cause.bits())) {
                    next = be->cause;
                    link = kCauseMessage;
                }
            } else if (!be->suppress_context && !be->context.is_null() && !is_none(be->context)) {
                if (!m_seen.count(be->context.bits())) {
                    next = be->context;
                    link = kContextMessage;
                }
            }
            if (next.is_null())
                break;
            if (!list_append(m_vm, chain, next))
                return fail();
            links.push_back(link);
            cur = next;
        }
        // print_chained keeps need_close across the printing of a cause or context: a
        // group printed there closes its own box, not the one this exception is in.
        bool need_close = m_need_close;
        for (size_t i = chain->size; i-- > 0;) {
            Value e = chain->items()[i];
            if (Tuple* members = group_members(e))
                print_group(e, members);
            else
                print_exception(e);
            if (i > 0) {
                m_need_close = need_close;
                write_margin();
                m_out += '\n';
                write_margin();
                m_out += links[i - 1];
                write_margin();
                m_out += '\n';
            }
        }
    }

    // ---- exception groups (PEP 654), as print_exception_group

    // The members of a BaseExceptionGroup (read through the type's own `exceptions`
    // descriptor, as CPython reads the C field: a subclass cannot hide them), or nullptr
    // for any other value.
    Tuple* group_members(Value v)
    {
        if (!g_base_exception_group || !is_instance_fast(v, g_base_exception_group))
            return nullptr;
        String* exceptions_name = intern(m_vm, "exceptions");
        if (!exceptions_name) {
            m_vm.clear_error();
            return nullptr;
        }
        Value d = type_lookup(g_base_exception_group, exceptions_name);
        if (d.is_null() || d.is_not_found() || type_of(d) != types.getset_descriptor)
            return nullptr;
        Value excs = d.as<GetSetDescriptor>()->get(m_vm, &v, 1, nullptr);
        if (excs.is_null()) {
            m_vm.clear_error();
            return nullptr;
        }
        return as_tuple(excs);
    }

    // The group's own traceback and message, then one box per member:
    //   +-+---------------- 1 ----------------
    //     | ValueError: 1
    //     +---------------- 2 ----------------
    //     ...
    //     +------------------------------------
    // A member's lines are indented by two more columns and start with "| ". Past
    // kMaxGroupWidth members the rest is counted, past kMaxGroupDepth nested groups the
    // group is left out. A box's closing line is printed once for the innermost last
    // member (need_close), so nested groups that end together share it.
    void print_group(Value value, Tuple* members)
    {
        if (m_depth > kMaxGroupDepth) {
            write_margin();
            m_out += "... (max_group_depth is " + std::to_string(kMaxGroupDepth) + ")\n";
            return;
        }
        if (m_depth == 0)
            ++m_depth;
        print_exception(value);

        size_t count = members->size;
        size_t shown = count <= size_t(kMaxGroupWidth) ? count : size_t(kMaxGroupWidth) + 1;
        m_need_close = false;
        for (size_t i = 0; i < shown; ++i) {
            bool last = i == shown - 1;
            if (last)
                m_need_close = true; // the member may close the box itself
            write_indent();
            m_out += i == 0 ? "+-" : "  ";
            bool truncated = i >= size_t(kMaxGroupWidth);
            if (truncated)
                m_out += "+---------------- ... ----------------\n";
            else
                m_out += "+---------------- " + std::to_string(i + 1) + " ----------------\n";
            ++m_depth;
            if (!truncated) {
                print_recursive(members->items[i]);
            } else {
                size_t remaining = count - size_t(kMaxGroupWidth);
                write_margin();
                m_out += "and " + std::to_string(remaining) + (remaining > 1 ? " more exceptions\n" : " more exception\n");
            }
            if (last && m_need_close) {
                write_indent();
                m_out += "+------------------------------------\n";
                m_need_close = false;
            }
            --m_depth;
        }
        if (m_depth == 1)
            --m_depth;
    }

    // The two columns per group level, then "| " inside a group (EXC_INDENT, EXC_MARGIN).
    void write_indent() { m_out.append(size_t(2 * m_depth), ' '); }
    void write_margin()
    {
        write_indent();
        if (m_depth > 0)
            m_out += "| ";
    }


    void fail() { m_vm.clear_error(); }

    // str(v) as UTF-8, or false (error cleared) when str() raised.
    bool str_of(Value v, std::string& out)
    {
        Value s = to_str(m_vm, v);
        if (s.is_null()) {
            m_vm.clear_error();
            return false;
        }
        String* str = as_str(s);
        if (!str)
            return false;
        out.assign(str->view());
        return true;
    }

    // print_exception: the traceback, then "Type: message", suggestions and notes.
    void print_exception(Value value)
    {
        BaseException* be = as_exception(value);
        if (!be) {
            write_margin();
            m_out += "TypeError: print_exception(): Exception expected for value, ";
            m_out += type_name(value);
            m_out += " found\n";
            return;
        }
        if (!be->traceback.is_null() && type_of(be->traceback) == types.traceback) {
            // A group's traceback has its own header; the outermost group's starts
            // its box ("  + Exception Group Traceback ...").
            bool group = g_base_exception_group && is_instance_fast(value, g_base_exception_group);
            print_traceback(be->traceback, group ? kGroupTracebackHeader : kTracebackHeader, group && m_depth == 1);
        }
        TypeObject* type = type_of(value);
        Value notes = lookup_notes(value);
        print_file_and_line(value);
        print_message(type, value);
        if (String* suggestion = offer_suggestions(m_vm, value)) {
            m_out += ". Did you mean: '";
            m_out += suggestion->view();
            m_out += "'?";
        }
        m_out += '\n';
        print_notes(notes);
    }

    // ---- the traceback

    long traceback_limit()
    {
        if (!m_vm.interp || !m_vm.interp->sys_module)
            return kDefaultTracebackLimit;
        String* limit_name = intern(m_vm, "tracebacklimit");
        if (!limit_name) {
            m_vm.clear_error();
            return kDefaultTracebackLimit;
        }
        Value v = dict_get_str(m_vm, m_vm.interp->sys_module->dict, limit_name);
        if (v.is_null()) {
            m_vm.clear_error();
            return kDefaultTracebackLimit;
        }
        if (v.is_not_found() || !is_int(v))
            return kDefaultTracebackLimit;
        Value plain = int_unwrap(v);
        int64_t n;
        if (!int_to_i64(plain, n))
            return int_sign(plain) > 0 ? LONG_MAX : 0;
        return long(n);
    }

    // _PyTraceBack_Print_Indented: every line carries the group margin, except the
    // "[Previous line repeated ...]" ones (as CPython's).
    void print_traceback(Value tb_value, char const* header, bool open_box)
    {
        long limit = traceback_limit();
        if (limit <= 0)
            return;
        write_indent();
        if (open_box)
            m_out += "+ ";
        else if (m_depth > 0)
            m_out += "| ";
        m_out += header;
        long depth = 0;
        for (Value t = tb_value; type_of(t) == types.traceback; t = t.as<Traceback>()->next)
            ++depth;
        Value t = tb_value;
        while (type_of(t) == types.traceback && depth > limit) {
            --depth;
            t = t.as<Traceback>()->next;
        }
        // Runs of one entry (same file, line and function: a recursion) are cut after
        // three copies.
        String* last_file = nullptr;
        String* last_name = nullptr;
        int last_line = -1;
        long count = 0;
        for (; type_of(t) == types.traceback; t = t.as<Traceback>()->next) {
            auto* tb = t.as<Traceback>();
            Code* code = tb->frame->code;
            if (!last_file || !str_equal(code->filename, last_file) || last_line == -1 || tb->lineno != last_line
                || !last_name || !str_equal(code->name, last_name)) {
                if (count > kRecursiveCutoff)
                    print_repeated(count);
                last_file = code->filename;
                last_line = tb->lineno;
                last_name = code->name;
                count = 0;
            }
            ++count;
            if (count <= kRecursiveCutoff)
                print_entry(tb);
        }
        if (count > kRecursiveCutoff)
            print_repeated(count);
    }

    void print_repeated(long count)
    {
        count -= kRecursiveCutoff;
        char buf[96];
        std::snprintf(buf, sizeof buf, count > 1 ? "  [Previous line repeated %ld more times]\n" : "  [Previous line repeated %ld more time]\n", count);
        m_out += buf;
    }

    // tb_displayline: the "File" line, the stripped source line and the markers.
    void print_entry(Traceback* tb)
    {
        Code* code = tb->frame->code;
        write_margin();
        m_out += "  File \"";
        m_out += code->filename->view();
        m_out += "\", line ";
        m_out += std::to_string(tb->lineno);
        m_out += ", in ";
        m_out += code->name->view();
        m_out += '\n';

        std::string filename(code->filename->view());
        std::string const* line = m_sources.line(filename, tb->lineno);
        if (!line)
            return;
        // The line without its indentation.
        size_t lead = 0;
        while (lead < line->size() && is_whitespace((*line)[lead]))
            ++lead;
        write_margin();
        m_out.append(size_t(kSourceLineIndent), ' ');
        m_out.append(*line, lead, std::string::npos);
        m_out += '\n';
        long indent_chars = long(lead); // the stripped characters are all ASCII
        long truncation = indent_chars - kSourceLineIndent;
        long line_len = char_length(*line);

        if (tb->lasti >= code->ncode)
            return;
        Location const& loc = code->location_table()[tb->lasti];
        if (loc.lineno <= 0 || loc.end_lineno <= 0 || loc.col < 0 || loc.end_col < 0)
            return;
        long start = byte_to_char_offset(*line, loc.col);
        long end = byte_to_char_offset(*line, loc.end_col);

        Anchors anchors;
        bool has_anchors = false;
        if (loc.lineno == loc.end_lineno) {
            has_anchors = anchors_from_line(m_vm, filename, *line, start, end, anchors);
        } else {
            // A multi-line segment: mark up to the last non-blank character of the first
            // line (CPython indexes the UTF-8 bytes with the character length here).
            long i = line_len;
            while (--i >= 0)
                if (i >= long(line->size()) || !is_whitespace((*line)[size_t(i)]))
                    break;
            end = i + 1;
        }
        // No markers when they would span the whole (stripped) line.
        long stripped_len = line_len - indent_chars;
        if (end - start == stripped_len && !has_anchors)
            return;
        write_margin();
        for (long offset = truncation + 1; offset <= end; ++offset) {
            if (offset <= start)
                m_out += ' ';
            else if (has_anchors && anchors.left < offset && offset <= anchors.right)
                m_out += anchors.secondary;
            else
                m_out += anchors.primary;
        }
        m_out += '\n';
    }

    // ---- SyntaxError: "File" line, text and caret instead of a traceback entry

    // An int attribute as PyLong_AsSsize_t would read it; false for a non-int.
    static bool ssize_of(Value v, long& out)
    {
        if (!is_int(v))
            return false;
        int64_t n;
        if (!int_to_i64(int_unwrap(v), n))
            return false;
        out = long(n);
        return true;
    }

    // print_exception_file_and_line: for exceptions with a print_file_and_line
    // attribute (SyntaxError and its subclasses). On success `value` becomes the
    // exception's msg, which the message line then prints instead of str(exc).
    void print_file_and_line(Value& value)
    {
        Value marker = getattr_opt(m_vm, value, names.print_file_and_line);
        if (marker.is_null()) {
            m_vm.clear_error();
            return;
        }
        if (marker.is_not_found())
            return;
        Value message, filename_v, lineno_v, offset_v, text_v;
        long lineno = 0, offset = -1, end_lineno = 0, end_offset = -1;
        auto attr = [&](String* n, Value& out) {
            out = getattr(m_vm, value, n);
            return !out.is_null();
        };
        if (!attr(names.msg, message) || !attr(names.filename, filename_v) || !attr(names.lineno, lineno_v))
            return fail();
        if (!ssize_of(lineno_v, lineno))
            return;
        if (!attr(names.offset, offset_v))
            return fail();
        if (!is_none(offset_v) && !ssize_of(offset_v, offset))
            return;
        if (type_of(value) == exc::SyntaxError) {
            Value v = getattr(m_vm, value, names.end_lineno);
            if (v.is_null() || is_none(v)) {
                m_vm.clear_error();
                end_lineno = lineno;
            } else if (!ssize_of(v, end_lineno)) {
                return;
            }
            v = getattr(m_vm, value, names.end_offset);
            if (v.is_null() || is_none(v)) {
                m_vm.clear_error();
                end_offset = -1;
            } else if (!ssize_of(v, end_offset)) {
                return;
            }
        } else {
            end_lineno = lineno;
            end_offset = -1;
        }
        if (!attr(names.text, text_v))
            return fail();

        std::string filename = "<string>";
        if (!is_none(filename_v) && !str_of(filename_v, filename))
            return;
        value = message;
        write_margin();
        m_out += "  File \"";
        m_out += filename;
        m_out += "\", line ";
        m_out += std::to_string(lineno);
        m_out += '\n';
        if (is_none(text_v))
            return;
        String* text = as_str(text_v);
        if (!text)
            return; // CPython fails here and prints the message without a caret line
        long line_size = long(text->byte_length);
        // A location spanning several lines is marked to the end of the first one.
        if (end_lineno > lineno)
            end_offset = line_size;
        if (end_offset > line_size + 1)
            end_offset = line_size + 1;
        print_error_text(offset, end_offset, text->view());
    }

    // Without the group margin: CPython 3.11's print_error_text writes none either.
    void print_error_text(long offset, long end_offset, std::string_view text)
    {
        append_error_text(m_out, offset, end_offset, text);
    }

    // ---- "module.Qualname: message"

    void print_message(TypeObject* type, Value value)
    {
        write_margin();
        Value module = getattr(m_vm, Value::from_object(type), names.__module__);
        String* mod = module.is_null() ? nullptr : as_str(module);
        if (!mod) {
            m_vm.clear_error();
            m_out += "<unknown>.";
        } else if (mod->view() != "builtins" && mod->view() != "__main__") {
            m_out += mod->view();
            m_out += '.';
        }
        if (type->qualname) {
            m_out += type->qualname->view();
        } else {
            std::string_view n = type->name->view();
            size_t dot = n.rfind('.');
            m_out += dot == std::string_view::npos ? n : n.substr(dot + 1);
        }
        if (is_none(value))
            return;
        std::string s;
        if (!str_of(value, s)) {
            m_out += ": <exception str() failed>";
            return;
        }
        if (!s.empty())
            m_out += ": ";
        m_out += s;
    }

    // ---- __notes__ (3.11's add_note): each note's text on its own line(s)

    // The exception's __notes__ (null when it has none or the lookup failed). Looked up
    // before the message is printed, as CPython does.
    Value lookup_notes(Value value)
    {
        Value notes = getattr_opt(m_vm, value, names.__notes__);
        if (notes.is_null()) {
            m_vm.clear_error();
            return Value::null();
        }
        return notes.is_not_found() ? Value::null() : notes;
    }

    // PySequence_Check: a type with __getitem__ that is not a dict.
    static bool is_sequence(Value v)
    {
        if (is_instance_fast(v, types.dict))
            return false;
        Value gi = type_lookup(type_of(v), names.slot_names[size_t(Slot::GETITEM)]);
        return !gi.is_null() && !gi.is_not_found();
    }

    // print_exception_notes. A note's lines each get the group margin (its own line
    // breaks are kept, as str.splitlines(keepends=True)), then one "\n" ends the note.
    // As CPython 3.11, a __notes__ that is not a sequence is shown by its repr with no
    // line break after it, and "<note str() failed>" has no margin.
    void print_notes(Value notes)
    {
        if (notes.is_null())
            return;
        if (!is_sequence(notes)) {
            write_margin();
            Value r = repr(m_vm, notes);
            if (r.is_null()) {
                m_vm.clear_error();
                m_out += "<__notes__ repr() failed>";
            } else {
                m_out += as_str(r)->view();
            }
            return;
        }
        int64_t n;
        if (!length(m_vm, notes, n))
            return fail();
        for (int64_t i = 0; i < n; ++i) {
            Value note = getitem(m_vm, notes, Value::small_int(i));
            if (note.is_null())
                return fail();
            std::string s;
            if (!str_of(note, s)) {
                m_out += "<note str() failed>";
            } else {
                for (size_t pos = 0; pos < s.size();) {
                    size_t next = next_line(s, pos);
                    write_margin();
                    m_out.append(s, pos, next - pos);
                    pos = next;
                }
            }
            m_out += '\n';
        }
    }

    // Where the line starting at `pos` of UTF-8 text ends, past its line break: the
    // breaks of str.splitlines (\n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029).
    static size_t next_line(std::string const& s, size_t pos)
    {
        while (pos < s.size()) {
            unsigned char c = static_cast<unsigned char>(s[pos]);
            if (c == '\r')
                return pos + 1 < s.size() && s[pos + 1] == '\n' ? pos + 2 : pos + 1;
            if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e))
                return pos + 1;
            if (c == 0xC2 && pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) == 0x85)
                return pos + 2;
            if (c == 0xE2 && pos + 2 < s.size() && static_cast<unsigned char>(s[pos + 1]) == 0x80
                && (static_cast<unsigned char>(s[pos + 2]) == 0xA8 || static_cast<unsigned char>(s[pos + 2]) == 0xA9))
                return pos + 3;
            ++pos;
        }
        return pos;
    }
};

} // namespace

std::string format_exception(VM& vm, Value exc)
{
    Value saved = vm.take_error();
    Printer p(vm);
    p.print_chain(exc);
    vm.clear_error();
    if (!saved.is_null())
        vm.restore_error(saved);
    return p.text();
}

void print_exception_to(VM& vm, Value exc, Value out)
{
    Value saved = vm.take_error();
    std::string text = format_exception(vm, exc);
    bool written = false;
    if (!out.is_null() && is_none(out)) {
        // CPython prints nothing when sys.stderr is None.
        written = true;
    } else if (!out.is_null()) {
        Value s = str_value(vm, text);
        if (!call_method(vm, out, names.write, &s, 1).is_null()) {
            written = true;
            (void)call_method(vm, out, names.flush, nullptr, 0); // errors ignored, as CPython
        }
        vm.clear_error();
    }
    if (!written) {
        std::fwrite(text.data(), 1, text.size(), stderr);
        std::fflush(stderr);
    }
    if (!saved.is_null())
        vm.restore_error(saved);
}

std::string program_text_line(std::string const& path, int lineno)
{
    if (lineno <= 0 || path.empty())
        return {};
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};
    // As CPython's PyErr_ProgramTextObject, which reads lines into a 1000-byte buffer:
    // of a longer line only the last piece of at most 999 bytes remains.
    constexpr size_t k_piece = 999;
    std::string line;
    int current = 1;
    for (int c; (c = std::fgetc(f)) != EOF;) {
        if (current == lineno) {
            if (line.size() == k_piece)
                line.clear();
            line.push_back(char(c));
        }
        if (c == '\n' && ++current > lineno)
            break;
    }
    std::fclose(f);
    // The line as UTF-8 (whatever the file declares), none when it is not.
    if (utf8_validate(line) != std::string::npos)
        return {};
    return line;
}

std::string format_syntax_error(compiler::SyntaxErrorInfo const& err)
{
    // The compiler's depth limit is a RecursionError without a location, as CPython's,
    // and so is a file's "encoding problem" SyntaxError.
    if (err.type == "RecursionError" || (err.form == compiler::SyntaxErrorInfo::Form::MsgOnly && err.lineno <= 0))
        return err.type + ": " + err.msg + "\n";
    // The attributes CPython's SyntaxError would carry: end positions only for the
    // exact SyntaxError type, unknown values as None.
    long lineno = err.lineno;
    long offset = err.offset;
    bool exact = err.type == "SyntaxError";
    long end_lineno = exact && err.end_lineno > 0 ? err.end_lineno : lineno;
    bool has_end = err.form == compiler::SyntaxErrorInfo::Form::Full;
    long end_offset = exact && has_end && err.end_offset > 0 ? err.end_offset : -1;
    std::string out = "  File \"";
    out += err.filename.empty() ? "<string>" : err.filename;
    out += "\", line ";
    out += std::to_string(lineno);
    out += '\n';
    std::string text = err.text_from_file ? program_text_line(err.filename, err.lineno) : err.text;
    if (!text.empty()) {
        long line_size = long(text.size());
        if (end_lineno > lineno)
            end_offset = line_size;
        if (end_offset > line_size + 1)
            end_offset = line_size + 1;
        append_error_text(out, offset, end_offset, text);
    }
    out += err.type;
    if (!err.msg.empty()) {
        out += ": ";
        out += err.msg;
    }
    out += '\n';
    return out;
}

} // namespace slpy
