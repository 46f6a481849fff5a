// The code serializer (stackless/compiler/code_serial): compiled code round-trips exactly,
// and hostile input (every truncation, every single-byte corruption, wrong tags) is
// refused without crashing.
#include "stackless/compiler/code_serial.h"
#include "stackless/compiler/compiler.h"

#include <catch2/catch.hpp>

using namespace slpy;
using namespace slpy::compiler;

namespace {

std::shared_ptr<CodeUnit> compile_text(std::string const& src)
{
    CompileOptions options;
    options.source.is_text = true;
    SyntaxErrorInfo err;
    auto unit = compile_source(src, "<serial>", parser::Mode::Exec, options, err);
    REQUIRE(unit);
    return unit;
}

char const* const kSource = R"(
"""doc"""
import sys
X = (1, -2, 10**30, -10**25, 1.5, 2j, 'text', 'é\ud800', b'\x00\xff', None, True, False, ...)
S = frozenset({1, 2})
def f(a, /, b=3, *args, c, d=4, **kw):
    def inner():
        nonlocal a
        return a + b
    try:
        return inner()
    except* ValueError:
        pass
    finally:
        print('done')
class K:
    def m(self):
        return [i * 2 for i in range(3) if i]
)";

} // namespace

TEST_CASE("serialized code round-trips exactly", "[code_serial]")
{
    auto unit = compile_text(kSource);
    std::string data = serialize_code(*unit);
    std::string error;
    auto back = deserialize_code(data, &error);
    REQUIRE(back);
    CHECK(error.empty());
    CHECK(serialize_code(*back) == data);
    size_t consumed = 0;
    auto prefix = deserialize_code_prefix(data + "trailing", &consumed);
    REQUIRE(prefix);
    CHECK(consumed == data.size());
    CHECK_FALSE(deserialize_code(data + "x"));
}

TEST_CASE("every truncation of serialized code is refused", "[code_serial]")
{
    std::string data = serialize_code(*compile_text(kSource));
    for (size_t n = 0; n < data.size(); ++n)
        CHECK_FALSE(deserialize_code(std::string_view(data).substr(0, n)));
}

TEST_CASE("every corrupted byte of serialized code is refused", "[code_serial]")
{
    std::string data = serialize_code(*compile_text(kSource));
    for (size_t i = 0; i < data.size(); ++i) {
        std::string bad = data;
        bad[i] = char(bad[i] ^ 0x5a);
        CHECK_FALSE(deserialize_code(bad));
    }
}

TEST_CASE("huge counts in serialized code fail without allocating them", "[code_serial]")
{
    // The tag, the version, then garbage lengths: refused before any big allocation.
    std::string data = serialize_code(*compile_text("x = 1\n"));
    std::string bad = data.substr(0, 16) + std::string(64, '\xff');
    CHECK_FALSE(deserialize_code(bad));
    CHECK_FALSE(deserialize_code("SLPC"));
    CHECK_FALSE(deserialize_code(std::string(100, 'S')));
}
