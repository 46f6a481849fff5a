// Tokenizer tests: token kinds, texts and positions, indentation, brackets and errors.
#include "stackless/parser/tokenizer.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace slpy::parser;

namespace {

char const* kind_name(TokenKind k)
{
    switch (k) {
    case TokenKind::EndMarker: return "END";
    case TokenKind::Name: return "NAME";
    case TokenKind::Number: return "NUMBER";
    case TokenKind::String: return "STRING";
    case TokenKind::Op: return "OP";
    case TokenKind::Newline: return "NEWLINE";
    case TokenKind::Indent: return "INDENT";
    case TokenKind::Dedent: return "DEDENT";
    case TokenKind::ErrorToken: return "ERROR";
    }
    return "?";
}

// "KIND:text" for every token, space separated.
std::string kinds(std::string const& src)
{
    Tokenizer tz(src);
    tz.run();
    std::string out;
    for (auto const& t : tz.tokens()) {
        if (!out.empty()) out += ' ';
        out += kind_name(t.kind);
        if (t.kind == TokenKind::Name || t.kind == TokenKind::Number || t.kind == TokenKind::String ||
            t.kind == TokenKind::Op) {
            out += ':';
            out += t.text;
        }
    }
    return out;
}

std::string error_of(std::string const& src)
{
    Tokenizer tz(src);
    if (tz.run()) return "";
    if (!tz.error()) return "EOF in brackets";
    auto const& e = *tz.error();
    return e.type + ": " + e.msg + " @" + std::to_string(e.lineno) + ":" + std::to_string(e.offset) + "-" +
           std::to_string(e.end_offset);
}

} // namespace

TEST_CASE("tokenizer: simple statements", "[tokenizer]")
{
    CHECK(kinds("x = 1\n") == "NAME:x OP:= NUMBER:1 NEWLINE END");
    CHECK(kinds("x=1") == "NAME:x OP:= NUMBER:1 NEWLINE END");
    CHECK(kinds("a.b(c, *d, **e)\n") == "NAME:a OP:. NAME:b OP:( NAME:c OP:, OP:* NAME:d OP:, OP:** NAME:e OP:) NEWLINE END");
    CHECK(kinds("x **= 2 // 3 -> ... := != <> <<= >>=\n") ==
          "NAME:x OP:**= NUMBER:2 OP:// NUMBER:3 OP:-> OP:... OP::= OP:!= OP:<> OP:<<= OP:>>= NEWLINE END");
    CHECK(kinds("") == "END");
    CHECK(kinds("\n\n# c\n   \n") == "END");
}

TEST_CASE("tokenizer: positions", "[tokenizer]")
{
    Tokenizer tz("if x:\n    y = 'ab'\n");
    REQUIRE(tz.run());
    auto const& t = tz.tokens();
    REQUIRE(t.size() >= 9);
    CHECK(t[0].lineno == 1);
    CHECK(t[0].col == 0);
    CHECK(t[0].end_col == 2);
    CHECK(t[5].kind == TokenKind::Name); // y
    CHECK(t[5].lineno == 2);
    CHECK(t[5].col == 4);
    CHECK(t[7].kind == TokenKind::String);
    CHECK(t[7].col == 8);
    CHECK(t[7].end_col == 12);
    Tokenizer multi("x = '''a\nbc'''\n");
    REQUIRE(multi.run());
    CHECK(multi.tokens()[2].lineno == 1);
    CHECK(multi.tokens()[2].end_lineno == 2);
    CHECK(multi.tokens()[2].end_col == 5);
}

TEST_CASE("tokenizer: indentation", "[tokenizer]")
{
    CHECK(kinds("if x:\n  y\nz\n") == "NAME:if NAME:x OP:: NEWLINE INDENT NAME:y NEWLINE DEDENT NAME:z NEWLINE END");
    CHECK(kinds("if x:\n  if y:\n    z\n") ==
          "NAME:if NAME:x OP:: NEWLINE INDENT NAME:if NAME:y OP:: NEWLINE INDENT NAME:z NEWLINE DEDENT DEDENT END");
    CHECK(kinds("if x:\n  y\n\n  # c\n  z\n") ==
          "NAME:if NAME:x OP:: NEWLINE INDENT NAME:y NEWLINE NAME:z NEWLINE DEDENT END");
    CHECK(kinds("(a,\n    b)\n") == "OP:( NAME:a OP:, NAME:b OP:) NEWLINE END");
    CHECK(kinds("a + \\\n  b\n") == "NAME:a OP:+ NAME:b NEWLINE END");
    CHECK(error_of("if x:\n    a\n  b\n") == "IndentationError: unindent does not match any outer indentation level @3:4--1");
    CHECK(error_of("if x:\n\tif y:\n        a\n") == "TabError: inconsistent use of tabs and spaces in indentation @3:1-0");
}

TEST_CASE("tokenizer: numbers", "[tokenizer]")
{
    CHECK(kinds("1 1.5 .5 1. 1e5 1E-5 1j 0x1F 0o17 0b101 1_000 0_0 1if 1or\n") ==
          "NUMBER:1 NUMBER:1.5 NUMBER:.5 NUMBER:1. NUMBER:1e5 NUMBER:1E-5 NUMBER:1j NUMBER:0x1F NUMBER:0o17 "
          "NUMBER:0b101 NUMBER:1_000 NUMBER:0_0 NUMBER:1 NAME:if NUMBER:1 NAME:or NEWLINE END");
    CHECK(error_of("1abc") == "SyntaxError: invalid decimal literal @1:1-1");
    CHECK(error_of("0x1g") == "SyntaxError: invalid hexadecimal literal @1:3-3");
    CHECK(error_of("0o8") == "SyntaxError: invalid digit '8' in octal literal @1:3-3");
    CHECK(error_of("0b2") == "SyntaxError: invalid digit '2' in binary literal @1:3-3");
    CHECK(error_of("012") ==
          "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @1:1-2");
    CHECK(error_of("1__0") == "SyntaxError: invalid decimal literal @1:2-2");
}

TEST_CASE("tokenizer: strings", "[tokenizer]")
{
    CHECK(kinds("'a' \"b\" '''c''' rb'd' Br\"e\" f'{x}' u'' RF'x'\n") ==
          "STRING:'a' STRING:\"b\" STRING:'''c''' STRING:rb'd' STRING:Br\"e\" STRING:f'{x}' STRING:u'' STRING:RF'x' NEWLINE END");
    CHECK(kinds("'a\\'b' 'c\\\nd'\n") == "STRING:'a\\'b' STRING:'c\\\nd' NEWLINE END");
    CHECK(kinds("ur'x'\n") == "NAME:ur STRING:'x' NEWLINE END");
    CHECK(error_of("x = 'abc\n") == "SyntaxError: unterminated string literal (detected at line 1) @1:5-5");
    CHECK(error_of("x = '''abc\n\n") == "SyntaxError: unterminated triple-quoted string literal (detected at line 2) @1:5-5");
}

TEST_CASE("tokenizer: brackets", "[tokenizer]")
{
    CHECK(error_of("x = (1]") == "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:7-7");
    CHECK(error_of("x = (\n1]") ==
          "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1 @2:2-2");
    CHECK(error_of("x)") == "SyntaxError: unmatched ')' @1:2-2");
    CHECK(error_of("(") == "EOF in brackets");
    CHECK(error_of(std::string(300, '(')) == "SyntaxError: too many nested parentheses @1:201-201");
    CHECK(error_of(std::string(199, '(') + std::string(199, ')')) == "");
}

TEST_CASE("tokenizer: identifiers and bad characters", "[tokenizer]")
{
    CHECK(kinds("caf\xc3\xa9 = 1\n") == "NAME:caf\xc3\xa9 OP:= NUMBER:1 NEWLINE END");
    CHECK(error_of("\xe2\x82\xac = 1") == "SyntaxError: invalid character '\xe2\x82\xac' (U+20AC) @1:1-1");
    CHECK(error_of("a\xc2\xa0= 1") == "SyntaxError: invalid non-printable character U+00A0 @1:2-2");
    CHECK(error_of("a \\ b") == "SyntaxError: unexpected character after line continuation character @1:4-0");
    CHECK(kinds("$ ? !\n") == "OP:$ OP:? OP:! NEWLINE END");
}
