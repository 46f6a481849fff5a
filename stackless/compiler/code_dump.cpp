// CodeUnit disassembler (dis.dis layout of CPython 3.11).
#include "stackless/compiler/code_dump.h"

#include "stackless/parser/ast_dump.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace slpy::compiler {

namespace {

std::string quote(std::string const& s, bool bytes)
{
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char q = has_single && !has_double ? '"' : '\'';
    std::string out = bytes ? "b" : "";
    out += q;
    for (unsigned char c : s) {
        if (c == static_cast<unsigned char>(q) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += q;
    return out;
}

char const* const kBinOpNames[] = { "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^" };
char const* const kCmpNames[] = { "<", "<=", "==", "!=", ">", ">=" };

} // namespace

std::string const_repr(ConstValue const& v)
{
    using K = ConstValue::Kind;
    switch (v.kind) {
    case K::None: return "None";
    case K::True: return "True";
    case K::False: return "False";
    case K::Ellipsis: return "Ellipsis";
    case K::Int: return v.big.empty() ? std::to_string(v.i) : v.big;
    case K::Float:
    case K::Complex: return ast::const_repr(v); // repr's shortest round-trip digits
    case K::Str: return quote(v.s, false);
    case K::Bytes: return quote(v.s, true);
    case K::Tuple: {
        std::string out = "(";
        for (size_t i = 0; i < v.items.size(); i++) {
            if (i)
                out += ", ";
            out += const_repr(v.items[i]);
        }
        if (v.items.size() == 1)
            out += ",";
        return out + ")";
    }
    case K::FrozenSet: {
        if (v.items.empty())
            return "frozenset()";
        std::string out = "frozenset({";
        for (size_t i = 0; i < v.items.size(); i++) {
            if (i)
                out += ", ";
            out += const_repr(v.items[i]);
        }
        return out + "})";
    }
    case K::Code:
        return "<code object " + v.code->name + ", file \"" + v.code->filename + "\", line "
            + std::to_string(v.code->firstlineno) + ">";
    }
    return "?";
}

std::string dump_code(CodeUnit const& code, bool recursive)
{
    std::ostringstream out;
    std::set<uint32_t> labels;
    for (size_t i = 0; i < code.code.size(); i++) {
        Op op = word_op(code.code[i]);
        if (op != Op::CACHE && op_info(op).operand == OperandKind::JUMP)
            labels.insert(word_arg(code.code[i]));
    }
    for (auto const& e : code.exception_table)
        labels.insert(e.target);
    int maxline = 0;
    for (auto const& l : code.locations)
        maxline = std::max(maxline, l.lineno);
    int lineno_width = std::max(3, static_cast<int>(std::to_string(maxline).size()));
    int offset_width = std::max(4, static_cast<int>(std::to_string(2 * code.code.size()).size()));

    int lastline = -1;
    bool first = true;
    for (size_t i = 0; i < code.code.size(); i++) {
        CodeWord w = code.code[i];
        Op op = word_op(w);
        if (op == Op::CACHE)
            continue;
        uint32_t arg = word_arg(w);
        OpInfo const& info = op_info(op);
        int line = i < code.locations.size() ? code.locations[i].lineno : 0;
        bool starts_line = line > 0 && line != lastline;
        if (starts_line) {
            lastline = line;
            if (!first)
                out << "\n";
        }
        first = false;
        std::string fields;
        char buf[64];
        if (starts_line)
            std::snprintf(buf, sizeof buf, "%*d", lineno_width, line);
        else
            std::snprintf(buf, sizeof buf, "%*s", lineno_width, "");
        fields += buf;
        fields += "     ";
        fields += labels.count(static_cast<uint32_t>(i)) ? ">>" : "  ";
        std::snprintf(buf, sizeof buf, " %*zu ", offset_width, 2 * i);
        fields += buf;
        std::snprintf(buf, sizeof buf, "%-20s", info.name);
        fields += buf;
        if (info.operand != OperandKind::NONE) {
            std::snprintf(buf, sizeof buf, " %5u", arg);
            fields += buf;
            std::string repr;
            switch (info.operand) {
            case OperandKind::CONST:
                if (arg < code.consts.size())
                    repr = const_repr(code.consts[arg]);
                break;
            case OperandKind::NAME:
                if (arg < code.names.size())
                    repr = code.names[arg];
                break;
            case OperandKind::LOCAL:
                if (arg < code.localsplusnames.size())
                    repr = code.localsplusnames[arg];
                break;
            case OperandKind::JUMP: repr = "to " + std::to_string(2 * arg); break;
            case OperandKind::BINOP:
                if (arg < 26)
                    repr = std::string(kBinOpNames[arg % 13]) + (arg >= 13 ? "=" : "");
                break;
            case OperandKind::CMP:
                if (arg < 6)
                    repr = kCmpNames[arg];
                break;
            case OperandKind::RAW:
                if (op_family(op) == Op::LOAD_GLOBAL) {
                    if ((arg >> 1) < code.names.size())
                        repr = std::string((arg & 1) ? "NULL + " : "") + code.names[arg >> 1];
                } else if (op == Op::FORMAT_VALUE) {
                    static char const* const kConv[] = { "", "str", "repr", "ascii" };
                    repr = kConv[arg & 3];
                    if (arg & 4)
                        repr += repr.empty() ? "with format" : ", with format";
                } else if (op == Op::MAKE_FUNCTION) {
                    static char const* const kFlags[] = { "defaults", "kwdefaults", "annotations", "closure" };
                    for (int b = 0; b < 4; b++)
                        if (arg & (1u << b))
                            repr += std::string(repr.empty() ? "" : ", ") + kFlags[b];
                }
                break;
            default: break;
            }
            if (!repr.empty())
                fields += " (" + repr + ")";
        }
        while (!fields.empty() && fields.back() == ' ')
            fields.pop_back();
        out << fields << "\n";
    }
    if (!code.exception_table.empty()) {
        out << "ExceptionTable:\n";
        for (auto const& e : code.exception_table) {
            out << "  " << 2 * e.start << " to " << 2 * e.end - 2 << " -> " << 2 * e.target << " [" << e.depth << "]"
                << (e.lasti ? " lasti" : "") << "\n";
        }
    }
    if (recursive) {
        for (auto const& c : code.consts) {
            if (c.kind == ConstValue::Kind::Code && c.code) {
                out << "\nDisassembly of " << const_repr(c) << ":\n";
                out << dump_code(*c.code, true);
            }
        }
    }
    return out.str();
}

} // namespace slpy::compiler
