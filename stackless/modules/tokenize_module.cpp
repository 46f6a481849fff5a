// The _tokenize module: TokenizerIter(source), the iterator over CPython 3.11's C tokenizer
// that tokenize.py's _generate_tokens_from_c_tokenizer wraps. It runs slpy's own tokenizer
// (stackless/parser/tokenizer.cpp) and reports its tokens the way CPython 3.11's
// Python-tokenize.c does:
//
// - each item is (string, type, lineno, end_lineno, col_offset, end_col_offset, line), with
//   the exact type of an operator (LPAR, PLUSEQUAL, ...; OP for one CPython has no name
//   for, such as '$'), ASYNC and AWAIT for those keywords, byte columns, no COMMENT/NL tokens, the comment as the text of the
//   NEWLINE that ends its line, and INDENT/DEDENT with an empty string and columns -1;
// - the source is tokenized as exec input: newlines translated to '\n' and one appended
//   when missing;
// - `line` is the tokenizer's buffer: from the start of the line where the current token
//   began (a line read inside a multi-line string or after a backslash continuation stays
//   with the line before it) to the end of the last line read;
// - ENDMARKER is not returned; iteration stops there, and also at the errors CPython's
//   tokenizer only signals with an ERRORTOKEN (end of input inside brackets, indentation
//   errors, a bad line continuation); every other lexical error raises its SyntaxError
//   (the one compile() would report) when iteration reaches it.
//
// The whole source is tokenized when the iterator is made; the items are built then and
// handed out one by one.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/data_modules.h"
#include "stackless/parser/tokenizer.h"
#include "stackless/vm/code.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace slpy {

namespace {

TypeObject* g_tokenizer_iter = nullptr;

struct TokenizerIter : Object {
    List* items;   // the 7-tuples, in order
    Value error;   // the SyntaxError to raise after the last item, or null
    int64_t index; // the next item
};

void tokenizer_iter_trace(Object* self, Tracer& t)
{
    auto* it = static_cast<TokenizerIter*>(self);
    t.visit(it->items);
    t.visit(it->error);
}

// CPython 3.11's token numbers (Include/token.h).
constexpr int k_endmarker = 0, k_name = 1, k_number = 2, k_string = 3, k_newline = 4, k_indent = 5, k_dedent = 6,
              k_op = 54, k_await = 55, k_async = 56;

int exact_type(std::string_view op)
{
    static constexpr std::pair<std::string_view, int> table[] = {
        { "(", 7 },    { ")", 8 },    { "[", 9 },    { "]", 10 },   { ":", 11 },   { ",", 12 },   { ";", 13 },
        { "+", 14 },   { "-", 15 },   { "*", 16 },   { "/", 17 },   { "|", 18 },   { "&", 19 },   { "<", 20 },
        { ">", 21 },   { "=", 22 },   { ".", 23 },   { "%", 24 },   { "{", 25 },   { "}", 26 },   { "==", 27 },
        { "!=", 28 },  { "<>", 28 },  { "<=", 29 },  { ">=", 30 },  { "~", 31 },   { "^", 32 },   { "<<", 33 },
        { ">>", 34 },  { "**", 35 },  { "+=", 36 },  { "-=", 37 },  { "*=", 38 },  { "/=", 39 },  { "%=", 40 },
        { "&=", 41 },  { "|=", 42 },  { "^=", 43 },  { "<<=", 44 }, { ">>=", 45 }, { "**=", 46 }, { "//", 47 },
        { "//=", 48 }, { "@", 49 },   { "@=", 50 },  { "->", 51 },  { "...", 52 }, { ":=", 53 },
    };
    for (auto const& [text, type] : table)
        if (text == op)
            return type;
    return k_op;
}

int token_type(parser::Token const& t)
{
    using K = parser::TokenKind;
    switch (t.kind) {
    // The 3.11 tokenizer still gives these two keywords token types of their own.
    case K::Name: return t.text == "async" ? k_async : t.text == "await" ? k_await : k_name;
    case K::Number: return k_number;
    case K::String: return k_string;
    case K::Newline: return k_newline;
    case K::Indent: return k_indent;
    case K::Dedent: return k_dedent;
    case K::Op: return exact_type(t.text);
    default: return k_endmarker;
    }
}

// CPython's translate_newlines for exec input: "\r\n" and "\r" become "\n", and the text
// ends with a newline.
std::string translate_newlines(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 1);
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
        } else {
            out += s[i];
        }
    }
    if (out.empty() || out.back() != '\n')
        out += '\n';
    return out;
}

// Builds the items of `source` (prepared by translate_newlines) into `it`.
bool tokenize_into(VM& vm, TokenizerIter* it, std::string const& source)
{
    parser::Tokenizer tz(source);
    bool ok = tz.run();
    std::vector<parser::Token> const& tokens = tz.tokens();

    std::vector<size_t> line_starts { 0 };
    for (size_t i = 0; i < source.size(); ++i)
        if (source[i] == '\n' && i + 1 < source.size())
            line_starts.push_back(i + 1);
    int nlines = static_cast<int>(line_starts.size());
    // continued[l]: line l was read as part of the token begun before it.
    std::vector<bool> continued(size_t(nlines) + 2, false);
    for (int l : tz.continued_lines())
        if (l + 1 <= nlines)
            continued[size_t(l) + 1] = true;
    for (parser::Token const& t : tokens)
        if (t.kind == parser::TokenKind::String)
            for (int l = t.lineno + 1; l <= t.end_lineno && l <= nlines; ++l)
                continued[size_t(l)] = true;
    auto line_end = [&](int l) { return l < nlines ? line_starts[size_t(l)] : source.size(); };

    // Tokens on the same lines share their `line` string.
    int cached_first = 0, cached_last = 0;
    Value cached_line;
    auto line_value = [&](int last) -> Value {
        last = std::clamp(last, 1, nlines);
        int first = last;
        while (first > 1 && continued[size_t(first)])
            --first;
        if (cached_line.is_null() || first != cached_first || last != cached_last) {
            size_t from = line_starts[size_t(first) - 1];
            std::string text = parser::utf8_replace_invalid(std::string_view(source).substr(from, line_end(last) - from));
            cached_line = str_value(vm, text);
            cached_first = first;
            cached_last = last;
        }
        return cached_line;
    };

    for (parser::Token const& t : tokens) {
        if (t.kind == parser::TokenKind::EndMarker || t.kind == parser::TokenKind::ErrorToken)
            break;
        bool positionless = t.kind == parser::TokenKind::Indent || t.kind == parser::TokenKind::Dedent;
        // A DEDENT at the end of the input stands on the last line, where CPython's
        // tokenizer met the end.
        int lineno = std::min(t.lineno, nlines);
        int end_lineno = std::min(t.end_lineno, nlines);
        Value text = positionless ? str_value(vm, "") : str_value(vm, parser::utf8_replace_invalid(t.text));
        Value line = line_value(end_lineno);
        if (text.is_null() || line.is_null())
            return false;
        Tuple* item = tuple_pack(vm, {
            text, int_from_i64(vm, token_type(t)), int_from_i64(vm, lineno), int_from_i64(vm, end_lineno),
            int_from_i64(vm, positionless ? -1 : t.col), int_from_i64(vm, positionless ? -1 : t.end_col), line,
        });
        if (!item || !list_append(vm, it->items, Value::from_object(item)))
            return false;
    }
    if (!ok && tz.error() && !tz.error_deferred() && !tz.eof_in_brackets()) {
        compiler::SyntaxErrorInfo err = *tz.error();
        err.filename = "<string>";
        raise_syntax_error(vm, err);
        Value e = vm.take_error();
        if (e.is_null())
            return false;
        it->error = e;
    }
    return true;
}

Value tokenizer_iter_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value source;
    if (!parse_args(vm, "tokenizeriter", args + 1, nargs - 1, kwnames, { "source" }, 1, &source))
        return Value::null();
    String* s = as_str(source);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "tokenizeriter() argument 'source' must be str, not %s", type_name(source));
    std::string_view text = s->view();
    if (utf8_validate(text) != std::string_view::npos) {
        // Lone surrogates: the UnicodeEncodeError of encoding to UTF-8.
        if (str_encode(vm, s, "utf-8", "strict").is_null())
            return Value::null();
    }
    if (text.find('\0') != std::string_view::npos)
        return raise(vm, exc::ValueError, "embedded null character");
    auto* it = static_cast<TokenizerIter*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!it)
        return Value::null();
    it->items = list_new(vm);
    if (!it->items || !tokenize_into(vm, it, translate_newlines(text)))
        return Value::null();
    return Value::from_object(it);
}

Value tokenizer_iter_step(VM& vm, Value self)
{
    auto* it = self.as<TokenizerIter>();
    if (it->index < 0)
        return Value::stop_iteration();
    if (size_t(it->index) < it->items->size)
        return it->items->items()[it->index++];
    it->index = -1;
    if (!it->error.is_null()) {
        Value e = it->error;
        it->error = Value::null();
        vm.restore_error(e);
        return Value::null();
    }
    return Value::stop_iteration();
}

void setup_types(VM& vm)
{
    g_tokenizer_iter = make_module_type(vm, "_tokenize", "TokenizerIter", nullptr, sizeof(TokenizerIter), TF_BASETYPE,
                                        tokenizer_iter_trace);
    g_tokenizer_iter->iternext = tokenizer_iter_step;
    add_methods(vm, g_tokenizer_iter, {
        { "__new__", tokenizer_iter_new, METH_STATIC }, { "__iter__", iter_self_method },
        { "__next__", next_method<tokenizer_iter_step> },
    });
    finish_builtin_type(vm, g_tokenizer_iter);
}

} // namespace

Module* make_tokenize_module(VM& vm)
{
    if (!g_tokenizer_iter)
        setup_types(vm);
    Module* m = module_new(vm, "_tokenize");
    module_add(vm, m, "TokenizerIter", Value::from_object(g_tokenizer_iter));
    return m;
}

} // namespace slpy
