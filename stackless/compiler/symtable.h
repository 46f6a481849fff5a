// Scope analysis (CPython 3.11's symtable.c): which names are local, global (explicit
// or implicit), free or cell in every module, class, function, lambda and comprehension
// scope, plus the compile-time errors that analysis finds.
#pragma once

#include "stackless/compiler/constant.h"
#include "stackless/compiler/ast_include.h"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace slpy::compiler {

// Symbol flags (CPython's DEF_*).
enum SymFlag : int {
    DEF_GLOBAL = 1,
    DEF_LOCAL = 2,
    DEF_PARAM = 4,
    DEF_NONLOCAL = 8,
    USE = 16,
    DEF_FREE = 32,
    DEF_FREE_CLASS = 64,
    DEF_IMPORT = 128,
    DEF_ANNOT = 256,
    DEF_COMP_ITER = 512,
    DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT,
};

enum class Scope { Unknown, Local, GlobalExplicit, GlobalImplicit, Free, Cell };
enum class BlockType { Module, Class, Function };

struct SymEntry {
    std::string name;
    BlockType type = BlockType::Module;
    ast::Node const* node = nullptr;
    int lineno = 0;
    // name -> flags; `scopes` is filled by the analysis.
    std::map<std::string, int> symbols;
    std::map<std::string, Scope> scopes;
    std::vector<std::string> varnames; // parameters, in order
    std::vector<std::unique_ptr<SymEntry>> children;
    // Where each global/nonlocal directive was (for error positions).
    std::map<std::string, ast::Pos> directives;

    bool nested = false;
    bool generator = false;
    bool coroutine = false; // async def, or a comprehension with `await`/`async for` (CPython's ste_coroutine)
    bool comprehension = false; // a list/set/dict comprehension or generator expression
    bool is_lambda = false;
    bool varargs = false;
    bool varkeywords = false;
    bool returns_value = false;
    bool child_free = false;
    bool free = false;
    bool needs_class_closure = false;
    bool uses_super_or_class = false; // references `super` or `__class__` (methods)
    int comp_iter_expr = 0;
    int comp_iter_target = 0;

    Scope scope_of(std::string const& name) const;
    int flags_of(std::string const& name) const;
};

class SymTable {
public:
    // Builds and analyzes the table for `mod`. Returns false and fills `err` on error.
    // `future_annotations`: the module has `from __future__ import annotations`.
    bool build(ast::Mod* mod, std::string const& filename, SyntaxErrorInfo& err, bool future_annotations = false);

    SymEntry* top() const { return m_top.get(); }
    // The entry created for a FunctionDef, ClassDef, Lambda or comprehension node.
    SymEntry* lookup(ast::Node const* node) const;

    // CPython's _Py_Mangle: `__x` in class `C` -> `_C__x`.
    static std::string mangle(std::string const& privateobj, std::string const& name);

    // Implementation (the visitor lives in symtable.cpp).
    struct Builder;

private:
    std::unique_ptr<SymEntry> m_top;
    std::unordered_map<ast::Node const*, SymEntry*> m_blocks;
};

// Fills `err` (lineno, 1-based offsets) from an AST position.
void set_error_location(SyntaxErrorInfo& err, ast::Pos const& pos);

} // namespace slpy::compiler
