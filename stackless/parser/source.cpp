// From source bytes to the text the tokenizer reads (PEP 263), as CPython's tokenizer
// does it: a UTF-8 byte order mark, a coding declaration on line 1 or 2, decoding, the
// UTF-8 checks, newline normalisation. See parser.h (SourceOptions) for the forms.
#include "stackless/parser/source.h"

#include "stackless/parser/tokenizer.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace slpy::parser {

namespace {

// CPython's valid_utf8 check of the lines of a file without a declared encoding: a lead
// byte and the right number of continuation bytes (overlong forms and surrogates pass;
// the string literal that holds them fails later). Returns the offset of the first bad
// byte, or npos.
size_t find_non_utf8(std::string_view s)
{
    for (size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        size_t expected = b < 0x80 ? 0 : b < 0xC0 ? SIZE_MAX : b < 0xE0 ? 1 : b < 0xF0 ? 2 : b < 0xF8 ? 3 : SIZE_MAX;
        if (expected == SIZE_MAX) return i;
        for (size_t k = 1; k <= expected; ++k) {
            if (i + k >= s.size()) return i;
            auto c = static_cast<unsigned char>(s[i + k]);
            if (c < 0x80 || c >= 0xC0) return i;
        }
        i += expected + 1;
    }
    return std::string_view::npos;
}

// CPython's get_normal_name: the spellings of utf-8 and latin-1 (compared on their first
// 12 characters, lower case, '_' as '-') become "utf-8" and "iso-8859-1".
std::string normal_name(std::string name)
{
    std::string buf;
    for (size_t i = 0; i < name.size() && i < 12; ++i) {
        char c = name[i];
        buf += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    auto starts = [&](std::string_view p) { return buf.compare(0, p.size(), p) == 0; };
    if (buf == "utf-8" || starts("utf-8-")) return "utf-8";
    if (buf == "latin-1" || buf == "iso-8859-1" || buf == "iso-latin-1" || starts("latin-1-") || starts("iso-8859-1-") ||
        starts("iso-latin-1-"))
        return "iso-8859-1";
    return name;
}

// CPython's get_coding_spec on one line (without its '\n'): a comment holding
// "coding" followed by ':' or '=', optional blanks and a name.
bool coding_spec(std::string_view line, std::string& name)
{
    size_t i = 0;
    for (; i + 6 < line.size(); ++i) {
        if (line[i] == '#') break;
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\f') return false;
    }
    for (; i + 6 < line.size(); ++i) {
        if (line.compare(i, 6, "coding") != 0) continue;
        size_t t = i + 6;
        if (line[t] != ':' && line[t] != '=') continue;
        do {
            ++t;
        } while (t < line.size() && (line[t] == ' ' || line[t] == '\t'));
        size_t begin = t;
        while (t < line.size() && (std::isalnum(static_cast<unsigned char>(line[t])) || line[t] == '-' || line[t] == '_' ||
                                   line[t] == '.'))
            ++t;
        if (t > begin) {
            name = normal_name(std::string(line.substr(begin, t - begin)));
            return true;
        }
    }
    return false;
}

// Whether a line holds only blanks and/or a comment (the search goes on to line 2).
bool blank_or_comment(std::string_view line)
{
    for (char c : line) {
        if (c == '#' || c == '\r') return true;
        if (c != ' ' && c != '\t' && c != '\f') return false;
    }
    return true;
}

// The front end's own codecs, for users without the runtime's (unit tests, fuzzers).
bool builtin_decode(std::string_view encoding, std::string_view data, std::string& out, std::string& error)
{
    if (encoding == "iso-8859-1") {
        for (char c : data) append_utf8(out, static_cast<unsigned char>(c));
        return true;
    }
    if (encoding == "ascii") {
        for (size_t i = 0; i < data.size(); ++i) {
            auto b = static_cast<unsigned char>(data[i]);
            if (b >= 0x80) {
                char buf[128];
                std::snprintf(buf, sizeof buf, "'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in range(128)",
                              b, i);
                error = buf;
                return false;
            }
        }
        out = data;
        return true;
    }
    error = "unknown encoding: " + std::string(encoding);
    return false;
}

// A decoding error: a bare SyntaxError(msg) for a file, CPython's tokenizer-init error
// (msg, (filename, 0, -1, None)) for bytes given to compile()/exec().
bool fail_decoding(compiler::SyntaxErrorInfo& err, std::string msg, bool is_file)
{
    err.msg = std::move(msg);
    err.lineno = 0;
    err.offset = -1;
    err.form = is_file ? compiler::SyntaxErrorInfo::Form::MsgOnly : compiler::SyntaxErrorInfo::Form::FourTuple;
    return false;
}

} // namespace

SourceEncoding detect_source_encoding(std::string_view raw)
{
    SourceEncoding enc;
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") {
        enc.bom = true;
        raw.remove_prefix(3);
    }
    size_t pos = 0;
    for (int n = 0; n < 2 && pos < raw.size(); ++n) {
        size_t end = raw.find('\n', pos);
        if (end == std::string_view::npos) end = raw.size();
        std::string_view line = raw.substr(pos, end - pos);
        if (coding_spec(line, enc.name) || !blank_or_comment(line)) break;
        pos = end + 1;
    }
    return enc;
}

bool prepare_source(std::string_view raw, SourceOptions const& options, std::string& text, bool& decoded_flag,
                    compiler::SyntaxErrorInfo& err)
{
    decoded_flag = false;
    if (raw.find('\0') != std::string_view::npos) {
        err.msg = "source code string cannot contain null bytes";
        return false;
    }
    std::string decoded;
    if (!options.is_text) {
        SourceEncoding enc = detect_source_encoding(raw);
        if (enc.bom) raw.remove_prefix(3);
        if (!enc.name.empty() && enc.name != "utf-8") {
            if (enc.bom) return fail_decoding(err, "encoding problem: " + enc.name + " with BOM", options.is_file);
            std::string error;
            SourceDecoder decode = options.decoder ? options.decoder : builtin_decode;
            if (!decode(enc.name, raw, decoded, error))
                return fail_decoding(err, options.is_file ? "encoding problem: " + enc.name : error, options.is_file);
            raw = decoded;
            decoded_flag = true;
        } else {
            if (options.is_file && !enc.bom && enc.name.empty()) {
                // A file without a declaration is checked line by line as it is read.
                size_t bad = find_non_utf8(raw);
                if (bad != std::string_view::npos) {
                    int line = 1;
                    for (size_t i = 0; i < bad; ++i) line += raw[i] == '\n';
                    char buf[512];
                    std::snprintf(buf, sizeof buf,
                                  "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding declared; "
                                  "see https://peps.python.org/pep-0263/ for details",
                                  static_cast<unsigned char>(raw[bad]), options.filename.c_str(), line);
                    return fail_decoding(err, buf, true);
                }
            }
        }
    }
    text.clear();
    text.reserve(raw.size() + 1);
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\r') {
            text += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        } else {
            text += raw[i];
        }
    }
    if (text.empty() || text.back() != '\n') text += '\n';
    return true;
}

} // namespace slpy::parser
