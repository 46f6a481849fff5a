// Unit tests for bytes, bytearray, memoryview and the codecs (including their exact
// error messages and exception attributes).
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/slice.h"
#include "objects/str_internal.h"

#include <string>

using namespace slpy;

namespace {

VM& bvm() { return test::shared_vm(); }

Value B(std::string_view data) { return Value::from_object(bytes_new(bvm(), data)); }
Value I(int64_t i) { return Value::small_int(i); }

std::string bytes_of(Value v)
{
    REQUIRE(!v.is_null());
    std::string_view view;
    bool ba;
    REQUIRE(bytes_self(v, view, ba));
    return std::string(view);
}

std::string text_of(Value v)
{
    REQUIRE(!v.is_null());
    REQUIRE(as_str(v) != nullptr);
    return std::string(as_str(v)->view());
}

Value meth(Value self, char const* name, std::initializer_list<Value> args = {})
{
    // Calls the native method directly (self prepended), so the test exercises this
    // type's code and not the generic call machinery.
    VM& vm = bvm();
    Value m = type_lookup(type_of(self), intern(vm, name));
    REQUIRE(!m.is_not_found());
    Value argv[8];
    argv[0] = self;
    size_t n = 1;
    for (Value a : args)
        argv[n++] = a;
    return m.as<BuiltinFunction>()->fn(vm, argv, n, nullptr);
}

std::string take_error()
{
    VM& vm = bvm();
    REQUIRE(vm.has_error());
    Value e = vm.take_error();
    return std::string(type_name(e)) + ": " + std::string(as_str(exception_str(vm, e))->view());
}

} // namespace

TEST_CASE("bytes basics", "[bytes]")
{
    VM& vm = bvm();
    Value b = B("hello");
    CHECK(getitem(vm, b, I(1)).as_int() == 'e');
    CHECK(bytes_of(getitem(vm, b, slice_new(vm, I(1), I(3), py_none()))) == "el");
    CHECK(bytes_of(getitem(vm, b, slice_new(vm, py_none(), py_none(), I(-2)))) == "olh");
    CHECK(getitem(vm, b, I(9)).is_null());
    CHECK(take_error() == "IndexError: index out of range");
    CHECK(text_of(repr(vm, B("a'\n\x80"))) == "b\"a'\\n\\x80\"");
    CHECK(contains(vm, b, I('l')) == 1);
    CHECK(contains(vm, b, B("ll")) == 1);
    CHECK(contains(vm, b, I(300)) == -1);
    CHECK(take_error() == "ValueError: byte must be in range(0, 256)");
}

TEST_CASE("bytes methods", "[bytes]")
{
    CHECK(text_of(repr(bvm(), meth(B(" a  b "), "split"))) == "[b'a', b'b']");
    CHECK(text_of(repr(bvm(), meth(B("a,b"), "partition", { B(",") }))) == "(b'a', b',', b'b')");
    CHECK(bytes_of(meth(B("xxhixx"), "strip", { B("x") })) == "hi");
    CHECK(bytes_of(meth(B("Hello"), "upper")) == "HELLO");
    CHECK(bytes_of(meth(B("aXa"), "replace", { B("a"), B("bb") })) == "bbXbb");
    CHECK(meth(B("abcabc"), "rfind", { B("b") }).as_int() == 4);
    CHECK(meth(B("abc"), "index", { B("z") }).is_null());
    CHECK(take_error() == "ValueError: subsection not found");
    CHECK(text_of(meth(B("\xde\xad\xbe\xef"), "hex")) == "deadbeef");
    CHECK(text_of(meth(B("abcdef"), "hex", { str_value(bvm(), ":"), I(2) })) == "6162:6364:6566");
    CHECK(meth(B("a"), "strip", { str_value(bvm(), "a") }).is_null());
    CHECK(take_error() == "TypeError: a bytes-like object is required, not 'str'");
}

TEST_CASE("bytearray mutation", "[bytes][bytearray]")
{
    VM& vm = bvm();
    Value ba = Value::from_object(bytearray_new(vm, "hello"));
    REQUIRE(!meth(ba, "append", { I('!') }).is_null());
    REQUIRE(!meth(ba, "insert", { I(0), I('>') }).is_null());
    CHECK(bytes_of(ba) == ">hello!");
    CHECK(meth(ba, "pop").as_int() == '!');
    REQUIRE(setitem(vm, ba, slice_new(vm, I(1), I(3), py_none()), B("HEE")));
    CHECK(bytes_of(ba) == ">HEEllo");
    REQUIRE(delitem(vm, ba, slice_new(vm, py_none(), py_none(), I(2))));
    CHECK(bytes_of(ba) == "HEl");
    CHECK(setitem(vm, ba, I(0), I(256)) == false);
    CHECK(take_error() == "ValueError: byte must be in range(0, 256)");
    CHECK(text_of(repr(vm, ba)) == "bytearray(b'HEl')");
    Value empty = Value::from_object(bytearray_new(vm, ""));
    CHECK(meth(empty, "pop").is_null());
    CHECK(take_error() == "IndexError: pop from empty bytearray");
}

TEST_CASE("codecs encode", "[codecs]")
{
    VM& vm = bvm();
    String* s = as_str(str_value(vm, "a\xc3\xa9\xe6\x97\xa5"));
    CHECK(bytes_of(str_encode(vm, s, "utf-8", "strict")) == "a\xc3\xa9\xe6\x97\xa5");
    CHECK(bytes_of(str_encode(vm, s, "latin-1", "replace")) == "a\xe9?");
    CHECK(bytes_of(str_encode(vm, s, "ascii", "ignore")) == "a");
    CHECK(bytes_of(str_encode(vm, s, "ascii", "backslashreplace")) == "a\\xe9\\u65e5");
    CHECK(bytes_of(str_encode(vm, s, "ascii", "xmlcharrefreplace")) == "a&#233;&#26085;");
    CHECK(str_encode(vm, s, "ascii", "strict").is_null());
    CHECK(take_error() == "UnicodeEncodeError: 'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)");
    CHECK(str_encode(vm, as_str(str_value(vm, "x\xc3\xa9")), "ASCII", "strict").is_null());
    Value e = vm.take_error();
    CHECK(text_of(exception_str(vm, e)) == "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)");
    CHECK(getattr(vm, e, names.start).as_int() == 1);
    CHECK(getattr(vm, e, names.end).as_int() == 2);
    CHECK(text_of(getattr(vm, e, names.reason)) == "ordinal not in range(128)");
    CHECK(str_encode(vm, s, "foo", "strict").is_null());
    CHECK(take_error() == "LookupError: unknown encoding: foo");
}

TEST_CASE("codecs decode", "[codecs]")
{
    VM& vm = bvm();
    CHECK(text_of(bytes_decode(vm, "caf\xc3\xa9", "UTF8", "strict")) == "caf\xc3\xa9");
    CHECK(text_of(bytes_decode(vm, "\xe9", "latin1", "strict")) == "\xc3\xa9");
    CHECK(bytes_decode(vm, "\xff", "utf-8", "strict").is_null());
    CHECK(take_error() == "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    CHECK(bytes_decode(vm, "a\xe2\x82", "utf-8", "strict").is_null());
    CHECK(take_error() == "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 1-2: unexpected end of data");
    CHECK(bytes_decode(vm, "\xc3\x28", "utf-8", "strict").is_null());
    CHECK(take_error() == "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte");
    CHECK(text_of(bytes_decode(vm, "a\xff\xfe" "b", "utf-8", "replace")) == "a\xef\xbf\xbd\xef\xbf\xbd" "b");
    CHECK(text_of(bytes_decode(vm, "a\xff", "utf-8", "backslashreplace")) == "a\\xff");
    CHECK(text_of(bytes_decode(vm, "\xed\xa0\x80", "utf-8", "replace")) == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    CHECK(bytes_decode(vm, "\x80", "ascii", "strict").is_null());
    CHECK(take_error() == "UnicodeDecodeError: 'ascii' codec can't decode byte 0x80 in position 0: ordinal not in range(128)");
    // surrogateescape round-trips arbitrary bytes
    Value s = bytes_decode(vm, "a\xff", "utf-8", "surrogateescape");
    REQUIRE(!s.is_null());
    CHECK(bytes_of(str_encode(vm, as_str(s), "utf-8", "surrogateescape")) == "a\xff");
}

TEST_CASE("bytes % formatting", "[bytes][format]")
{
    VM& vm = bvm();
    Tuple* t = tuple_pack(vm, { B("k"), I(5), I(255) });
    CHECK(bytes_of(bytes_mod(vm, "%s=%d %x", Value::from_object(t), false)) == "k=5 ff");
    CHECK(bytes_mod(vm, "%s", str_value(vm, "x"), false).is_null());
    CHECK(take_error() == "TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'str'");
}

TEST_CASE("bytes constructor data and fromhex", "[bytes]")
{
    VM& vm = bvm();
    std::string out;
    REQUIRE(bytes_constructor_data(vm, "bytes", I(3), Value::null(), Value::null(), out));
    CHECK(out == std::string(3, '\0'));
    out.clear();
    List* l = list_new(vm);
    REQUIRE(list_append(vm, l, I(104)));
    REQUIRE(list_append(vm, l, I(105)));
    REQUIRE(bytes_constructor_data(vm, "bytes", Value::from_object(l), Value::null(), Value::null(), out));
    CHECK(out == "hi");
    REQUIRE(list_append(vm, l, I(256)));
    CHECK(!bytes_constructor_data(vm, "bytes", Value::from_object(l), Value::null(), Value::null(), out));
    CHECK(take_error() == "ValueError: bytes must be in range(0, 256)");
    CHECK(!bytes_constructor_data(vm, "bytes", str_value(vm, "abc"), Value::null(), Value::null(), out));
    CHECK(take_error() == "TypeError: string argument without an encoding");
    CHECK(!bytes_constructor_data(vm, "bytearray", Value::from_double(1.5), Value::null(), Value::null(), out));
    CHECK(take_error() == "TypeError: cannot convert 'float' object to bytearray");
    out.clear();
    REQUIRE(parse_fromhex(vm, "de ad BE", out));
    CHECK(out == "\xde\xad\xbe");
    CHECK(!parse_fromhex(vm, " 1 2", out));
    CHECK(take_error() == "ValueError: non-hexadecimal number found in fromhex() arg at position 2");
}

TEST_CASE("memoryview", "[bytes][memoryview]")
{
    VM& vm = bvm();
    Value ba = Value::from_object(bytearray_new(vm, "abcdef"));
    Value mv_type = Value::from_object(types.memoryview);
    Value new_args[2] = { mv_type, ba };
    Value mv = type_lookup(types.memoryview, intern(vm, "__new__")).as<BuiltinFunction>()->fn(vm, new_args, 2, nullptr);
    REQUIRE(!mv.is_null());
    CHECK(getitem(vm, mv, I(-1)).as_int() == 'f');
    Value sub = getitem(vm, mv, slice_new(vm, I(1), py_none(), I(2)));
    REQUIRE(!sub.is_null());
    CHECK(bytes_of(meth(sub, "tobytes")) == "bdf");
    CHECK(text_of(repr(vm, meth(sub, "tolist"))) == "[98, 100, 102]");
    REQUIRE(setitem(vm, sub, I(0), I('B')));
    CHECK(bytes_of(ba) == "aBcdef");
    std::string_view view;
    CHECK(get_bytes_like(mv, view));
    CHECK(view == "aBcdef");
    REQUIRE(!meth(mv, "release").is_null());
    CHECK(getitem(vm, mv, I(0)).is_null());
    CHECK(take_error() == "ValueError: operation forbidden on released memoryview object");
}
