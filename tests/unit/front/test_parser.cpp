// Parser tests: the corpus in data/corpus_*.txt holds snippets with the result CPython
// 3.11 gives for them (ast.dump with positions, or the SyntaxError's type, message and
// location); regenerate it with data/gen_corpus.py after adding cases to
// data/corpus_cases.py. A few targeted tests follow.
#include "stackless/parser/ast_dump.h"
#include "stackless/parser/parser.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace slpy;

namespace {

std::string data_dir()
{
    std::string file = __FILE__;
    return file.substr(0, file.find_last_of('/')) + "/data/";
}

std::string unescape(std::string const& s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
            continue;
        }
        char c = s[++i];
        switch (c) {
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'x':
            if (i + 2 < s.size() + 0 && i + 2 <= s.size() - 1 + 1) {
                out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
                i += 2;
            }
            break;
        default: out += c; break;
        }
    }
    return out;
}

struct Case {
    std::string mode;
    std::string source;
    std::string expected;
};

std::vector<Case> load(std::string const& name)
{
    std::ifstream in(data_dir() + name);
    std::vector<Case> cases;
    std::string mode, src, exp;
    while (std::getline(in, mode) && std::getline(in, src) && std::getline(in, exp)) {
        cases.push_back({mode, unescape(src), unescape(exp)});
    }
    return cases;
}

// Runs the parser and formats the result like gen_corpus.py does.
std::string run(std::string const& source, std::string const& mode_name)
{
    parser::Mode mode = mode_name == "eval" ? parser::Mode::Eval
                      : mode_name == "single" ? parser::Mode::Single
                                              : parser::Mode::Exec;
    ast::Arena arena;
    compiler::SyntaxErrorInfo err;
    ast::Mod* mod = parser::parse(source, "<test>", mode, arena, err);
    if (mod) return ast::dump(mod);
    return "ERROR " + err.type + "|" + err.msg + "|" + std::to_string(err.lineno) + "|" + std::to_string(err.offset) +
           "|" + std::to_string(err.end_lineno) + "|" + std::to_string(err.end_offset);
}

void check_corpus(std::string const& file)
{
    auto cases = load(file);
    REQUIRE(!cases.empty());
    int failures = 0;
    for (auto const& c : cases) {
        std::string got = run(c.source, c.mode);
        if (got != c.expected) {
            ++failures;
            // Show the neighbourhood of the first difference.
            size_t i = 0;
            while (i < got.size() && i < c.expected.size() && got[i] == c.expected[i]) ++i;
            size_t from = i > 120 ? i - 120 : 0;
            FAIL_CHECK("mode " << c.mode << ", source:\n" << c.source << "\n--- expected (from " << from << "):\n"
                               << c.expected.substr(from, 300) << "\n--- got:\n" << got.substr(from, 300));
        }
    }
    INFO(failures << " of " << cases.size() << " cases differ from CPython");
    CHECK(failures == 0);
}

} // namespace

TEST_CASE("parser: AST corpus matches CPython 3.11", "[parser]")
{
    check_corpus("corpus_ast.txt");
}

TEST_CASE("parser: syntax error corpus matches CPython 3.11", "[parser]")
{
    check_corpus("corpus_errors.txt");
}

namespace {

compiler::SyntaxErrorInfo error_of(std::string const& source, parser::Mode mode = parser::Mode::Exec)
{
    ast::Arena arena;
    compiler::SyntaxErrorInfo err;
    ast::Mod* mod = parser::parse(source, "f.py", mode, arena, err);
    if (mod) err.msg = "<no error>";
    return err;
}

std::string dump_of(std::string const& source, parser::Mode mode = parser::Mode::Exec)
{
    ast::Arena arena;
    compiler::SyntaxErrorInfo err;
    ast::Mod* mod = parser::parse(source, "f.py", mode, arena, err);
    return mod ? ast::dump(mod, false) : "ERROR " + err.msg;
}

} // namespace

TEST_CASE("parser: match statements give CPython's AST", "[parser]")
{
    // Expected: CPython 3.11's ast.dump(ast.parse(src)).
    CHECK(dump_of("match x:\n    case 1 | -2 | 3+4j | \"s\" | a.b:\n        pass") ==
          "Module(body=[Match(subject=Name(id='x', ctx=Load()), cases=[match_case(pattern=MatchOr(patterns=["
          "MatchValue(value=Constant(value=1)), MatchValue(value=UnaryOp(op=USub(), operand=Constant(value=2))), "
          "MatchValue(value=BinOp(left=Constant(value=3), op=Add(), right=Constant(value=4j))), "
          "MatchValue(value=Constant(value='s')), MatchValue(value=Attribute(value=Name(id='a', ctx=Load()), attr='b', "
          "ctx=Load()))]), body=[Pass()])])], type_ignores=[])");
    CHECK(dump_of("match (x, *y):\n    case [a, *_, {\"k\": v, **r}] if a:\n        pass\n    case C(1, k=_) as z:\n"
                  "        pass\n    case None | True | (): pass\n    case _:\n        pass") ==
          "Module(body=[Match(subject=Tuple(elts=[Name(id='x', ctx=Load()), Starred(value=Name(id='y', ctx=Load()), "
          "ctx=Load())], ctx=Load()), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a'), MatchStar(), "
          "MatchMapping(keys=[Constant(value='k')], patterns=[MatchAs(name='v')], rest='r')]), guard=Name(id='a', "
          "ctx=Load()), body=[Pass()]), match_case(pattern=MatchAs(pattern=MatchClass(cls=Name(id='C', ctx=Load()), "
          "patterns=[MatchValue(value=Constant(value=1))], kwd_attrs=['k'], kwd_patterns=[MatchAs()]), name='z'), "
          "body=[Pass()]), match_case(pattern=MatchOr(patterns=[MatchSingleton(value=None), MatchSingleton(value=True), "
          "MatchSequence(patterns=[])]), body=[Pass()]), match_case(pattern=MatchAs(), body=[Pass()])])], "
          "type_ignores=[])");
}

TEST_CASE("parser: async constructs parse (await placement is the compiler's check)", "[parser]")
{
    for (char const* src : { "async def f(): pass", "x = 1\n@d\nasync def f(): pass", "async def f():\n    async for x in y: pass",
                             "async def f():\n    async with x: pass", "async def f():\n    await x",
                             "async def f():\n    return [x async for x in y]", "def f():\n    await x" }) {
        INFO(src);
        CHECK(dump_of(src).rfind("ERROR", 0) != 0);
    }
}

TEST_CASE("parser: soft keywords stay identifiers", "[parser]")
{
    CHECK(dump_of("match = 1") == "Module(body=[Assign(targets=[Name(id='match', ctx=Store())], value=Constant(value=1))], type_ignores=[])");
    CHECK(dump_of("match(x)\n") == "Module(body=[Expr(value=Call(func=Name(id='match', ctx=Load()), args=[Name(id='x', ctx=Load())], keywords=[]))], type_ignores=[])");
    CHECK(dump_of("match: int = 1").rfind("Module(body=[AnnAssign(", 0) == 0);
    CHECK(dump_of("case, _ = 1, 2").rfind("Module(body=[Assign(", 0) == 0);
    CHECK(dump_of("match[x]: y\n").rfind("Module(body=[AnnAssign(", 0) == 0);
}

TEST_CASE("parser: \\N escapes use the full Unicode name table", "[parser]")
{
    CHECK(dump_of("'\\N{BULLET}\\N{em dash}'") == "Module(body=[Expr(value=Constant(value='\xe2\x80\xa2\xe2\x80\x94'))], type_ignores=[])");
    auto err = error_of("x = '\\N{DASH}'");
    CHECK(err.msg.find("unknown Unicode character name") != std::string::npos);
}

TEST_CASE("parser: constants", "[parser]")
{
    ast::Arena arena;
    compiler::SyntaxErrorInfo err;
    auto* mod = parser::parse("1j\n2**64\n0x10000000000000000\n1.5e3\nb'\\xff'\n'\\ud800'\n", "f.py", parser::Mode::Exec, arena, err);
    REQUIRE(mod);
    auto value = [&](size_t i) -> compiler::ConstValue const& {
        auto* s = static_cast<ast::ExprStmt*>(mod->body.at(i));
        if (s->value->kind == ast::ExprKind::BinOp) return static_cast<ast::Constant*>(static_cast<ast::BinOp*>(s->value)->right)->value;
        return static_cast<ast::Constant*>(s->value)->value;
    };
    CHECK(value(0).kind == compiler::ConstValue::Kind::Complex);
    CHECK(value(0).f == 1.0);
    CHECK(value(1).i == 64);
    CHECK(value(2).big == "18446744073709551616");
    CHECK(value(3).f == 1500.0);
    CHECK(value(4).kind == compiler::ConstValue::Kind::Bytes);
    CHECK(value(4).s == "\xff");
    CHECK(value(5).s == "\xed\xa0\x80"); // lone surrogate in generalized UTF-8
}

TEST_CASE("parser: deep nesting returns an error instead of overflowing the stack", "[parser]")
{
    CHECK(error_of(std::string(100000, '(')).msg == "too many nested parentheses");
    CHECK(error_of(std::string(100000, '[') + std::string(100000, ']')).msg == "too many nested parentheses");
    CHECK(error_of(std::string(100000, '-') + "1").msg == "maximum recursion depth exceeded during compilation");
    std::string nots;
    for (int i = 0; i < 100000; ++i) nots += "not ";
    CHECK(error_of(nots + "x").msg == "maximum recursion depth exceeded during compilation");
    std::string pow = "x";
    for (int i = 0; i < 100000; ++i) pow += "**x";
    CHECK(error_of(pow).msg == "maximum recursion depth exceeded during compilation");
    std::string lambdas;
    for (int i = 0; i < 100000; ++i) lambdas += "lambda:";
    CHECK(error_of(lambdas + "x").msg == "maximum recursion depth exceeded during compilation");
    std::string ifs = "x = ";
    for (int i = 0; i < 100000; ++i) ifs += "1 if 2 else ";
    CHECK(error_of(ifs + "3").msg == "maximum recursion depth exceeded during compilation");
    // Long but shallow constructs are fine.
    std::string attrs = "x";
    for (int i = 0; i < 100000; ++i) attrs += ".a";
    CHECK(error_of(attrs).msg == "<no error>");
    std::string calls = "x";
    for (int i = 0; i < 100000; ++i) calls += "()";
    CHECK(error_of(calls).msg == "<no error>");
    std::string elifs = "if a: pass\n";
    for (int i = 0; i < 20000; ++i) elifs += "elif a: pass\n";
    CHECK(error_of(elifs).msg == "<no error>");
    CHECK(error_of(std::string(1000, '-') + "1").msg == "<no error>");
    std::string indents;
    for (int i = 0; i < 120; ++i) indents += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
    CHECK(error_of(indents).msg == "too many levels of indentation");
}

TEST_CASE("parser: error details", "[parser]")
{
    auto err = error_of("x = 1\nif x:\npass\n");
    CHECK(err.type == "IndentationError");
    CHECK(err.msg == "expected an indented block after 'if' statement on line 2");
    CHECK(err.text == "pass\n");
    err = error_of("x = (1,\n2");
    CHECK(err.msg == "'(' was never closed");
    CHECK(err.lineno == 1);
    CHECK(err.offset == 5);
    err = error_of("s = '\xc3\xa9' + f(1 2)");
    CHECK(err.msg == "invalid syntax. Perhaps you forgot a comma?");
    CHECK(err.offset == 13); // character columns, not bytes
    CHECK(err.end_offset == 16);
}
