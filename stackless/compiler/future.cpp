// `from __future__ import ...` at compile time (see future.h).
#include "stackless/compiler/future.h"

#include <string_view>

namespace slpy::compiler {

namespace {

struct Feature {
    std::string_view name;
    uint32_t flag; // 0: accepted, no effect
};

// Every feature Lib/__future__.py of 3.11 lists. As in CPython's future.c only the two
// that still change anything set a flag (which co_flags then carries); the others are
// the default behaviour and are accepted without one.
constexpr Feature k_features[] = {
    { "nested_scopes", 0 },
    { "generators", 0 },
    { "division", 0 },
    { "absolute_import", 0 },
    { "with_statement", 0 },
    { "print_function", 0 },
    { "unicode_literals", 0 },
    { "barry_as_FLUFL", CO_FUTURE_BARRY_AS_BDFL },
    { "generator_stop", 0 },
    { "annotations", CO_FUTURE_ANNOTATIONS },
};

// CPython locates these errors with PyErr_SyntaxLocationObject: a line and a column,
// end_lineno the same line and no end_offset; the text comes from the file.
void locate(SyntaxErrorInfo& err, std::string const& filename, std::string msg, ast::Stmt const* s, int offset)
{
    err = SyntaxErrorInfo {};
    err.msg = std::move(msg);
    err.filename = filename;
    err.lineno = err.end_lineno = s->pos.lineno;
    err.offset = offset;
    err.form = SyntaxErrorInfo::Form::MsgOnly;
    err.text_from_file = true;
}

bool check_features(ast::ImportFrom const* s, std::string const& filename, FutureFeatures& ff, SyntaxErrorInfo& err)
{
    for (ast::Alias const* a : s->names) {
        bool known = false;
        for (Feature const& f : k_features) {
            if (f.name == a->name) {
                ff.flags |= f.flag;
                known = true;
                break;
            }
        }
        if (known)
            continue;
        std::string msg = a->name == "braces" ? "not a chance" : "future feature " + a->name.substr(0, 100) + " is not defined";
        locate(err, filename, std::move(msg), s, s->pos.col_offset + 1);
        return false;
    }
    return true;
}

bool is_docstring(ast::Stmt const* s)
{
    if (s->kind != ast::StmtKind::Expr)
        return false;
    ast::Expr const* e = static_cast<ast::ExprStmt const*>(s)->value;
    return e->kind == ast::ExprKind::Constant && static_cast<ast::Constant const*>(e)->value.kind == ConstValue::Kind::Str;
}

} // namespace

bool future_parse(ast::Mod const* mod, std::string const& filename, FutureFeatures& ff, SyntaxErrorInfo& err)
{
    if (mod->kind == ast::ModKind::Expression || mod->body.empty())
        return true;
    size_t i = is_docstring(mod->body[0]) ? 1 : 0;
    bool done = false;
    int prev_line = 0;
    for (; i < mod->body.size(); ++i) {
        ast::Stmt const* s = mod->body[i];
        if (done && s->pos.lineno > prev_line)
            return true;
        prev_line = s->pos.lineno;
        auto const* from = s->kind == ast::StmtKind::ImportFrom ? static_cast<ast::ImportFrom const*>(s) : nullptr;
        if (!from || from->module != "__future__") {
            done = true;
            continue;
        }
        if (done) {
            // `import x; from __future__ import y` on one line: the code generator would
            // not notice (same line as the last future statement), so it is caught here,
            // with CPython's 0-based column.
            locate(err, filename, "from __future__ imports must occur at the beginning of the file", s, s->pos.col_offset);
            return false;
        }
        if (!check_features(from, filename, ff, err))
            return false;
        ff.lineno = s->pos.lineno;
    }
    return true;
}

} // namespace slpy::compiler
