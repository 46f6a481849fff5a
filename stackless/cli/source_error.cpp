// Printing compile-time errors the way CPython 3.11 does.
#include "stackless/cli/source_error.h"

#include "stackless/compiler/code_dump.h"

#include <string>

namespace slpy::cli {

namespace {

// Number of code points in the first `bytes` bytes of a UTF-8 string.
size_t chars_in(std::string const& s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes && i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            ++n;
    return n;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || c == '\v'; }

} // namespace

void print_syntax_error(FILE* out, compiler::SyntaxErrorInfo const& err)
{
    std::string filename = err.filename.empty() ? "<string>" : err.filename;
    if (err.lineno > 0)
        std::fprintf(out, "  File \"%s\", line %d\n", filename.c_str(), err.lineno);
    if (!err.text.empty() && err.lineno > 0) {
        // As CPython: drop the trailing newline, then the leading indentation.
        std::string rtext = err.text;
        while (!rtext.empty() && (rtext.back() == '\n' || rtext.back() == '\r'))
            rtext.pop_back();
        size_t lead = 0;
        while (lead < rtext.size() && (rtext[lead] == ' ' || rtext[lead] == '\f' || rtext[lead] == '\n'))
            ++lead;
        std::string ltext = rtext.substr(lead);
        size_t spaces = chars_in(rtext, lead);
        std::fprintf(out, "    %s\n", ltext.c_str());
        if (err.offset > 0) {
            long offset = err.offset;
            long end_offset = err.end_offset > 0 ? err.end_offset : offset;
            if (err.end_lineno > err.lineno)
                end_offset = long(chars_in(rtext, rtext.size())) + 1;
            if (offset == end_offset || end_offset == -1)
                end_offset = offset + 1;
            long colno = offset - 1 - long(spaces);
            long end_colno = end_offset - 1 - long(spaces);
            if (colno >= 0) {
                std::string carets = "    ";
                // Keep tabs so the caret lines up under tab-indented text.
                size_t chars = 0;
                for (size_t i = 0; i < ltext.size() && long(chars) < colno; ++i) {
                    if ((static_cast<unsigned char>(ltext[i]) & 0xC0) == 0x80)
                        continue;
                    carets += is_space(ltext[i]) ? ltext[i] : ' ';
                    ++chars;
                }
                while (long(chars) < colno) {
                    carets += ' ';
                    ++chars;
                }
                long n = end_colno - colno;
                if (n < 1)
                    n = 1;
                carets.append(size_t(n), '^');
                std::fprintf(out, "%s\n", carets.c_str());
            }
        }
    }
    std::string msg = err.msg.empty() ? "<no detail available>" : err.msg;
    std::fprintf(out, "%s: %s\n", err.type.c_str(), msg.c_str());
}

std::string disassemble(compiler::CodeUnit const& code) { return compiler::dump_code(code, true); }

} // namespace slpy::cli
