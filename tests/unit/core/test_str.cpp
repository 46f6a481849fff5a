// Unit tests for str: UTF-8 helpers, the Unicode tables, slicing, split/join/replace,
// case mapping, repr, the format-spec parser, str.format and % formatting.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/format_spec.h"
#include "objects/slice.h"
#include "objects/str_internal.h"

#include <initializer_list>
#include <string>

using namespace slpy;

namespace {

VM& test_vm() { return test::shared_vm(); }

Value S(std::string_view text)
{
    return str_value(test_vm(), text);
}

std::string text_of(Value v)
{
    REQUIRE(!v.is_null());
    String* s = as_str(v);
    REQUIRE(s != nullptr);
    return std::string(s->view());
}

// self.name(args...)
Value meth(Value self, char const* name, std::initializer_list<Value> args = {})
{
    // Calls the native method directly (self prepended), so the test exercises this
    // type's code and not the generic call machinery.
    VM& vm = test_vm();
    Value m = type_lookup(type_of(self), intern(vm, name));
    REQUIRE(!m.is_not_found());
    Value argv[8];
    argv[0] = self;
    size_t n = 1;
    for (Value a : args)
        argv[n++] = a;
    return m.as<BuiltinFunction>()->fn(vm, argv, n, nullptr);
}

std::string smeth(std::string_view self, char const* name, std::initializer_list<Value> args = {})
{
    return text_of(meth(S(self), name, args));
}

// The pending exception's "Type: message", clearing it.
std::string take_error()
{
    VM& vm = test_vm();
    REQUIRE(vm.has_error());
    Value e = vm.take_error();
    Value msg = exception_str(vm, e);
    return std::string(type_name(e)) + ": " + std::string(as_str(msg)->view());
}

// The repr of a list of str, e.g. ['a', 'b'].
std::string list_repr(Value v)
{
    REQUIRE(!v.is_null());
    return text_of(repr(test_vm(), v));
}

Value I(int64_t i) { return Value::small_int(i); }

} // namespace

TEST_CASE("utf8 helpers round-trip code points", "[str][utf8]")
{
    std::string s;
    for (uint32_t cp : { 0x41u, 0xE9u, 0x65E5u, 0x1F600u, 0xD800u })
        utf8_append(s, cp);
    CHECK(s.size() == 1 + 2 + 3 + 4 + 3);
    CHECK(utf8_count(s) == 5);
    std::u32string u = utf8_to_u32(s);
    REQUIRE(u.size() == 5);
    CHECK(u[3] == 0x1F600);
    CHECK(u[4] == 0xD800);
    CHECK(utf8_validate("abc\xc3\xa9") == std::string_view::npos);
    size_t len = 0;
    CHECK(utf8_validate("ab\xff", &len) == 2);
    CHECK(utf8_validate("\xed\xa0\x80") == 0); // a lone surrogate is invalid strict UTF-8
}

TEST_CASE("unicode tables", "[str][unicode]")
{
    using namespace unicode;
    CHECK(has('a', ALPHA));
    CHECK(has(0xE9, ALPHA | LOWER));
    CHECK(has(0x0660, DECIMAL)); // ARABIC-INDIC DIGIT ZERO
    CHECK(decimal_value(0x0669) == 9);
    CHECK(decimal_value('7') == 7);
    CHECK(decimal_value(0xB2) == -1); // superscript two is a digit, not decimal
    CHECK(has(0xB2, DIGIT));
    CHECK(has(0x2167, NUMERIC)); // ROMAN NUMERAL EIGHT
    CHECK(is_space(0x3000));
    CHECK(!has(0x200B, PRINTABLE));
    uint32_t out[3];
    REQUIRE(to_upper(0xDF, out) == 2); // ß -> SS
    CHECK(out[0] == 'S');
    REQUIRE(to_lower(0x130, out) == 2); // İ -> i̇
    CHECK(to_title(0x1C6, out) == 1);
    CHECK(out[0] == 0x1C5); // dž -> ǅ
    CHECK(to_upper(0x3B1, out) == 1);
    CHECK(out[0] == 0x391);
    CHECK(to_lower(0x42F, out) == 1);
    CHECK(out[0] == 0x44F);
}

TEST_CASE("str indexing and slicing", "[str]")
{
    VM& vm = test_vm();
    Value s = S("h\xc3\xa9llo w\xc3\xb6rld");
    CHECK(text_of(getitem(vm, s, I(1))) == "\xc3\xa9");
    CHECK(text_of(getitem(vm, s, I(-1))) == "d");
    CHECK(text_of(getitem(vm, s, slice_new(vm, I(1), I(5), py_none()))) == "\xc3\xa9llo");
    CHECK(text_of(getitem(vm, s, slice_new(vm, py_none(), py_none(), I(-1)))) == "dlr\xc3\xb6w oll\xc3\xa9h");
    CHECK(text_of(getitem(vm, S("abcdef"), slice_new(vm, I(0), py_none(), I(2)))) == "ace");
    CHECK(text_of(getitem(vm, S("abcdef"), slice_new(vm, I(-2), I(-10), I(-1)))) == "edcba");
    CHECK(getitem(vm, S("abc"), I(3)).is_null());
    CHECK(take_error() == "IndexError: string index out of range");
}

TEST_CASE("split, rsplit, join, replace", "[str]")
{
    VM& vm = test_vm();
    CHECK(list_repr(meth(S("  a b\t c\n"), "split")) == "['a', 'b', 'c']");
    CHECK(list_repr(meth(S("a,b,,c"), "split", { S(",") })) == "['a', 'b', '', 'c']");
    CHECK(list_repr(meth(S("a,b,c"), "split", { S(","), I(1) })) == "['a', 'b,c']");
    CHECK(list_repr(meth(S("a b c"), "rsplit", { py_none(), I(1) })) == "['a b', 'c']");
    CHECK(list_repr(meth(S("a\u3000b"), "split")) == "['a', 'b']");
    CHECK(list_repr(meth(S("x\r\ny\nz"), "splitlines")) == "['x', 'y', 'z']");
    CHECK(meth(S("abc"), "split", { S("") }).is_null());
    CHECK(take_error() == "ValueError: empty separator");

    List* parts = list_new(vm);
    REQUIRE(list_append(vm, parts, S("a")));
    REQUIRE(list_append(vm, parts, S("\xc3\xa9")));
    REQUIRE(list_append(vm, parts, S("c")));
    CHECK(text_of(meth(S("-"), "join", { Value::from_object(parts) })) == "a-\xc3\xa9-c");
    REQUIRE(list_append(vm, parts, I(5)));
    CHECK(meth(S("-"), "join", { Value::from_object(parts) }).is_null());
    CHECK(take_error() == "TypeError: sequence item 3: expected str instance, int found");

    CHECK(smeth("aaa", "replace", { S("a"), S("bb") }) == "bbbbbb");
    CHECK(smeth("aaa", "replace", { S("a"), S("b"), I(2) }) == "bba");
    CHECK(smeth("abc", "replace", { S(""), S("-") }) == "-a-b-c-");
    CHECK(smeth("h\xc3\xa9h\xc3\xa9", "replace", { S("\xc3\xa9"), S("e") }) == "hehe");
}

TEST_CASE("find, count, strip, partition", "[str]")
{
    CHECK(meth(S("h\xc3\xa9llo"), "find", { S("l") }).as_int() == 2);
    CHECK(meth(S("hello"), "rfind", { S("l") }).as_int() == 3);
    CHECK(meth(S("hello"), "find", { S("l"), I(4) }).as_int() == -1);
    CHECK(meth(S("abc"), "find", { S(""), I(3) }).as_int() == 3);
    CHECK(meth(S("abc"), "find", { S(""), I(4) }).as_int() == -1);
    CHECK(meth(S("aaaa"), "count", { S("aa") }).as_int() == 2);
    CHECK(meth(S("abc"), "count", { S("") }).as_int() == 4);
    CHECK(meth(S("abc"), "index", { S("z") }).is_null());
    CHECK(take_error() == "ValueError: substring not found");
    CHECK(smeth("  xy \n", "strip") == "xy");
    CHECK(smeth("xxhixx", "lstrip", { S("x") }) == "hixx");
    CHECK(smeth("\xc3\xa9h\xc3\xa9", "strip", { S("\xc3\xa9") }) == "h");
    CHECK(list_repr(meth(S("a=b=c"), "rpartition", { S("=") })) == "('a=b', '=', 'c')");
}

TEST_CASE("case mapping and predicates", "[str]")
{
    CHECK(smeth("Hello World", "swapcase") == "hELLO wORLD");
    CHECK(smeth("stra\xc3\x9f" "e", "upper") == "STRASSE");
    CHECK(smeth("\xce\x9f\xce\xa3", "lower") == "\xce\xbf\xcf\x82"); // ΟΣ -> ος (final sigma)
    CHECK(smeth("hello wORLD", "title") == "Hello World");
    CHECK(smeth("hELLO", "capitalize") == "Hello");
    CHECK(smeth("Stra\xc3\x9f" "e", "casefold") == "strasse");
    CHECK(meth(S("abc1"), "isalnum").is(py_true()));
    CHECK(meth(S(""), "isalpha").is(py_false()));
    CHECK(meth(S("Title Case"), "istitle").is(py_true()));
    CHECK(meth(S("_x1"), "isidentifier").is(py_true()));
    CHECK(meth(S("1x"), "isidentifier").is(py_false()));
    CHECK(smeth("42", "zfill", { I(5) }) == "00042");
    CHECK(smeth("-42", "zfill", { I(5) }) == "-0042");
    CHECK(smeth("ab", "center", { I(5), S("*") }) == "**ab*");
    CHECK(smeth("a\tb", "expandtabs", { I(4) }) == "a   b");
}

TEST_CASE("str repr follows CPython's quoting", "[str][repr]")
{
    CHECK(str_repr_text("it's", false) == "\"it's\"");
    CHECK(str_repr_text("both'\"", false) == "'both\\'\"'");
    CHECK(str_repr_text("\t\n\x7f", false) == "'\\t\\n\\x7f'");
    CHECK(str_repr_text("\xc3\xa9", false) == "'\xc3\xa9'");
    CHECK(str_repr_text("\xc3\xa9", true) == "'\\xe9'");
    CHECK(str_repr_text("\xc2\xad", false) == "'\\xad'");
    CHECK(str_repr_text("\xef\xbf\xbf", false) == "'\\uffff'");
    CHECK(bytes_repr_text(std::string_view("a'\x00\xff", 4)) == "b\"a'\\x00\\xff\"");
}

TEST_CASE("format spec parsing", "[format]")
{
    VM& vm = test_vm();
    FormatSpec f;
    REQUIRE(parse_format_spec(vm, "*^+#012,.3f", f));
    CHECK(f.fill == '*');
    CHECK(f.align == '^');
    CHECK(f.sign == '+');
    CHECK(f.alternate);
    CHECK(!f.zero_pad); // a fill was given, so the 0 starts the width
    CHECK(f.width == 12);
    CHECK(f.grouping == ',');
    CHECK(f.precision == 3);
    CHECK(f.type == 'f');
    REQUIRE(parse_format_spec(vm, "010", f));
    CHECK(f.zero_pad);
    CHECK(f.fill == '0');
    CHECK(f.width == 10);
    REQUIRE(parse_format_spec(vm, "\xc3\xa9<5", f));
    CHECK(f.fill == 0xE9);
    CHECK(!parse_format_spec(vm, "abc", f, 's', "str"));
    CHECK(take_error() == "ValueError: Invalid format specifier 'abc' for object of type 'str'");
    CHECK(!parse_format_spec(vm, ",_", f));
    CHECK(take_error() == "ValueError: Cannot specify both ',' and '_'.");
    CHECK(!parse_format_spec(vm, ",", f, 's'));
    CHECK(take_error() == "ValueError: Cannot specify ',' with 's'.");
    CHECK(!parse_format_spec(vm, ".", f));
    CHECK(take_error() == "ValueError: Format specifier missing precision");
    CHECK(!parse_format_spec(vm, "99999999999999999999", f));
    CHECK(take_error() == "ValueError: Too many decimal digits in format string");
}

TEST_CASE("format_str", "[format]")
{
    VM& vm = test_vm();
    String* s = as_str(S("hello"));
    CHECK(text_of(format_str(vm, s, ">8")) == "   hello");
    CHECK(text_of(format_str(vm, s, "*^9.3")) == "***hel***");
    CHECK(text_of(format_str(vm, as_str(S("\xe6\x97\xa5")), "^3")) == " \xe6\x97\xa5 ");
    CHECK(format_str(vm, s, "d").is_null());
    CHECK(take_error() == "ValueError: Unknown format code 'd' for object of type 'str'");
    CHECK(format_str(vm, s, "+").is_null());
    CHECK(take_error() == "ValueError: Sign not allowed in string format specifier");
    CHECK(format_str(vm, s, "=5").is_null());
    CHECK(take_error() == "ValueError: '=' alignment not allowed in string format specifier");
}

TEST_CASE("str.format", "[format]")
{
    VM& vm = test_vm();
    Value args[] = { S("a"), I(3) };
    CHECK(text_of(str_format_impl(vm, as_str(S("{}-{}")), args, 2, Value::null())) == "a-3");
    CHECK(text_of(str_format_impl(vm, as_str(S("{1}{0}{{}}")), args, 2, Value::null())) == "3a{}");
    CHECK(text_of(str_format_impl(vm, as_str(S("{0!r:>5}")), args, 2, Value::null())) == "  'a'");
    CHECK(str_format_impl(vm, as_str(S("{} {0}")), args, 2, Value::null()).is_null());
    CHECK(take_error() == "ValueError: cannot switch from automatic field numbering to manual field specification");
    CHECK(str_format_impl(vm, as_str(S("{2}")), args, 2, Value::null()).is_null());
    CHECK(take_error() == "IndexError: Replacement index 2 out of range for positional args tuple");
    CHECK(str_format_impl(vm, as_str(S("a}")), args, 2, Value::null()).is_null());
    CHECK(take_error() == "ValueError: Single '}' encountered in format string");
}

TEST_CASE("percent formatting", "[format]")
{
    VM& vm = test_vm();
    auto pct = [&](char const* fmt, std::initializer_list<Value> items) {
        Tuple* t = tuple_new(vm, items.size());
        size_t i = 0;
        for (Value v : items)
            t->items[i++] = v;
        return str_mod(vm, as_str(S(fmt)), Value::from_object(t));
    };
    CHECK(text_of(pct("%s|%5d|%-5d|%05d", { S("x"), I(42), I(42), I(-42) })) == "x|   42|42   |-0042");
    CHECK(text_of(pct("%x %X %#o %#x %+d % d", { I(255), I(255), I(8), I(255), I(1), I(2) })) == "ff FF 0o10 0xff +1  2");
    CHECK(text_of(pct("%.2s|%c%c|%%|%r", { S("abc"), I(65), S("z"), S("q") })) == "ab|Az|%|'q'");
    CHECK(text_of(pct("%*d|%.*s", { I(4), I(7), I(1), S("xy") })) == "   7|x");
    CHECK(pct("%d %d", { I(1) }).is_null());
    CHECK(take_error() == "TypeError: not enough arguments for format string");
    CHECK(pct("%d", { I(1), I(2) }).is_null());
    CHECK(take_error() == "TypeError: not all arguments converted during string formatting");
    CHECK(pct("%d", { S("x") }).is_null());
    CHECK(take_error() == "TypeError: %d format: a real number is required, not str");
    CHECK(pct("%z", { I(1) }).is_null());
    CHECK(take_error() == "ValueError: unsupported format character 'z' (0x7a) at index 1");
    Dict* d = dict_new(vm);
    REQUIRE(dict_set(vm, d, S("name"), S("Ann")));
    CHECK(text_of(str_mod(vm, as_str(S("hi %(name)s")), Value::from_object(d))) == "hi Ann");
}
