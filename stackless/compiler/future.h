// `from __future__ import ...` (CPython 3.11's future.c): the leading future statements of
// a module are checked at compile time and select features; a future import anywhere
// else is the code generator's "must occur at the beginning of the file" error.
#pragma once

#include "stackless/compiler/ast_include.h"
#include "stackless/compiler/constant.h"

#include <cstdint>
#include <string>

namespace slpy::compiler {

// The co_flags bits of the features (CPython's CO_FUTURE_*), also accepted in compile()'s
// flags argument.
enum FutureFlag : uint32_t {
    CO_FUTURE_DIVISION = 0x20000,
    CO_FUTURE_ABSOLUTE_IMPORT = 0x40000,
    CO_FUTURE_WITH_STATEMENT = 0x80000,
    CO_FUTURE_PRINT_FUNCTION = 0x100000,
    CO_FUTURE_UNICODE_LITERALS = 0x200000,
    CO_FUTURE_BARRY_AS_BDFL = 0x400000,
    CO_FUTURE_GENERATOR_STOP = 0x800000,
    CO_FUTURE_ANNOTATIONS = 0x1000000,
};

// Every CO_FUTURE_* bit.
constexpr uint32_t k_future_flags_mask = 0x1FE0000;

struct FutureFeatures {
    uint32_t flags = 0; // FutureFlag bits selected by the module's future statements
    int lineno = 0;     // line of the last leading future statement (0: none)
};

// Scans the leading future statements of `mod` (after an optional docstring). Returns
// false and fills `err` for an unknown feature ("future feature X is not defined",
// "not a chance" for braces) or a future import after another statement on one line.
bool future_parse(ast::Mod const* mod, std::string const& filename, FutureFeatures& ff, SyntaxErrorInfo& err);

} // namespace slpy::compiler
