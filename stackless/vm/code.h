// Code objects: the runtime form of a compiled CodeUnit (co_code, co_consts, ...).
//
// A Code is immutable once loaded. Everything the eval loop reads on the hot path sits in
// the object itself; the instruction words, locations and exception table are inline
// arrays in GC buffers. load_code() is the only way in and verifies its input first
// (every operand in range, every jump and handler inside the code, stack depth sane), so
// the eval loop never checks an operand.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"
#include "objects/string.h"
#include "stackless/compiler/code_unit.h"
#include "stackless/parser/parser.h"

#include <cstdint>

namespace slpy {

using compiler::ExceptionEntry;
using compiler::Location;

struct Code : Object {
    String* name;
    String* qualname;
    String* filename;
    Tuple* consts;          // runtime Values; nested code objects are Code
    Tuple* names;           // interned str
    Tuple* localsplusnames; // interned str
    RawBuffer* localspluskinds; // uint8_t per slot (LocalKind bits)
    RawBuffer* code;        // CodeWord[ncode]
    RawBuffer* locations;   // Location[ncode]
    RawBuffer* exception_table; // ExceptionEntry[nexceptions]

    uint32_t ncode;
    uint32_t nexceptions;
    int32_t firstlineno;
    uint32_t argcount;
    uint32_t posonlyargcount;
    uint32_t kwonlyargcount;
    uint32_t nlocalsplus;
    uint32_t ncells; // slots with CO_FAST_CELL
    uint32_t nfree;  // slots with CO_FAST_FREE (the last nfree slots)
    uint32_t stacksize;
    uint32_t flags;  // CodeFlags
    // The positional+keyword parameter count including *args and **kwargs.
    uint32_t total_args;
    // Frame size in Values: nlocalsplus + stacksize.
    uint32_t framesize;

    CodeWord const* words() const { return reinterpret_cast<CodeWord const*>(code->data); }
    CodeWord* words_mut() { return reinterpret_cast<CodeWord*>(code->data); }
    Location const* location_table() const { return reinterpret_cast<Location const*>(locations->data); }
    ExceptionEntry const* exception_entries() const
    {
        return exception_table ? reinterpret_cast<ExceptionEntry const*>(exception_table->data) : nullptr;
    }
    uint8_t local_kind(uint32_t i) const { return localspluskinds->data[i]; }
    String* local_name(uint32_t i) const { return localsplusnames->items[i].as<String>(); }
    bool is_generator() const { return (flags & CO_GENERATOR) != 0; }
};

// Turns a compiled unit (and its nested units) into Code objects. Returns null with
// SystemError pending when the unit fails verification (a compiler bug or a bad
// pickle); nothing invalid ever reaches the eval loop.
Value load_code(VM& vm, compiler::CodeUnit const& unit);

// The source line of the instruction at unit index `lasti` (0 when unknown).
int code_line_at(Code const* code, uint32_t lasti);
// The exception handler covering unit `lasti`, or nullptr.
ExceptionEntry const* code_find_handler(Code const* code, uint32_t lasti);

// What compile_to_code is given: the text of a str, or bytes whose encoding the source
// declares (PEP 263: a BOM or a coding cookie; UTF-8 by default).
enum class SourceKind { Text, Bytes };

// Compiles source to a Code object (SyntaxError pending on failure, with CPython's
// attributes: msg, filename, lineno, offset, text, end_lineno, end_offset). `future_flags`
// are CO_FUTURE_* features in effect before the source's own future statements.
Value compile_to_code(VM& vm, std::string_view source, std::string const& filename, parser::Mode mode, int optimize,
                      SourceKind kind = SourceKind::Text, uint32_t future_flags = 0);
// Raises the SyntaxError (or IndentationError / TabError) described by `err`.
Value raise_syntax_error(VM& vm, compiler::SyntaxErrorInfo const& err);

// Issues the warnings of a compilation (CodeUnit::warnings, parser::parse's), each of the
// category its `type` names, through warnings.warn_explicit; false with SyntaxError
// pending when a filter made one an error (CPython's compiler_warn and parser_warn).
bool issue_compile_warnings(VM& vm, std::vector<compiler::SyntaxErrorInfo> const& warnings);

void setup_code_type(VM& vm);

} // namespace slpy
