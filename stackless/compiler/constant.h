// Compile-time constants: the values a Constant node or a code object's co_consts can hold.
//
// The front end and the code generator are plain C++ and know nothing of the heap; the
// loader (stackless/vm/code_loader) turns a ConstValue into a runtime Value.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace slpy::compiler {

struct CodeUnit;

struct ConstValue {
    enum class Kind : uint8_t { None, True, False, Ellipsis, Int, Float, Complex, Str, Bytes, Tuple, FrozenSet, Code };

    Kind kind = Kind::None;
    // Int: value when it fits in int64_t and `big` is empty; otherwise `big` holds the
    // decimal digits, with a leading '-' for negative numbers.
    int64_t i = 0;
    std::string big;
    // Float; Complex: the imaginary part (a literal such as 2j has re == +0.0; folding
    // makes others, e.g. 1+2j or -1j).
    double f = 0.0;
    double re = 0.0; // Complex: the real part
    // Str: the text in UTF-8, where lone surrogates (e.g. "\ud800") are encoded as their
    // three-byte sequences (generalized UTF-8). Bytes: the raw bytes.
    std::string s;
    // Tuple, FrozenSet.
    std::vector<ConstValue> items;
    // Code.
    std::shared_ptr<CodeUnit> code;

    static ConstValue none() { return {}; }
    static ConstValue boolean(bool b) { ConstValue v; v.kind = b ? Kind::True : Kind::False; return v; }
    static ConstValue ellipsis() { ConstValue v; v.kind = Kind::Ellipsis; return v; }
    static ConstValue integer(int64_t x) { ConstValue v; v.kind = Kind::Int; v.i = x; return v; }
    static ConstValue big_integer(std::string digits) { ConstValue v; v.kind = Kind::Int; v.big = std::move(digits); return v; }
    static ConstValue floating(double x) { ConstValue v; v.kind = Kind::Float; v.f = x; return v; }
    static ConstValue complex(double re, double im) { ConstValue v; v.kind = Kind::Complex; v.re = re; v.f = im; return v; }
    static ConstValue imaginary(double x) { return complex(0.0, x); }
    static ConstValue str(std::string text) { ConstValue v; v.kind = Kind::Str; v.s = std::move(text); return v; }
    static ConstValue bytes(std::string raw) { ConstValue v; v.kind = Kind::Bytes; v.s = std::move(raw); return v; }
};

// Where a syntax (or compile-time) error was found. Columns are 1-based *character*
// offsets like CPython's SyntaxError.offset / end_offset; 0 means unknown.
struct SyntaxErrorInfo {
    std::string type = "SyntaxError"; // or "IndentationError", "TabError"
    std::string msg;
    std::string filename;
    int lineno = 0;
    int offset = 0;
    int end_lineno = 0;
    int end_offset = 0;
    std::string text; // the source line, with its trailing newline, as CPython keeps it
    // Raised after parsing (scopes, code generation): CPython's compiler takes the text
    // from the file named `filename` instead (None when there is no such file).
    bool text_from_file = false;
    // How CPython builds the exception: SyntaxError(msg, (filename, lineno, offset, text,
    // end_lineno, end_offset)) for most errors; with a 4-item location and no end positions
    // for source decoding errors (FourTuple); SyntaxError(msg) with the location set as
    // attributes, end_lineno = lineno and end_offset None, for the errors CPython locates
    // with PyErr_SyntaxLocationObject, e.g. future statements (MsgOnly).
    enum class Form : uint8_t { Full, FourTuple, MsgOnly };
    Form form = Form::Full;
};

} // namespace slpy::compiler
