// Unit tests of code objects (load_code and its verifier, co_* attributes, SyntaxError
// construction), functions and cells. They need a VM and the interpreter's types set
// up, but do not run bytecode.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/exceptions.h"
#include "objects/string.h"
#include "stackless/compiler/compiler.h"
#include "stackless/vm/code.h"
#include "stackless/vm/frame.h"
#include "stackless/vm/function.h"
#include "stackless/vm/interpreter.h"

#include <functional>
#include <memory>
#include <string>

using namespace slpy;

namespace {

VM& code_vm()
{
    static VM* vm = [] {
        VM* v = &test::shared_vm();
        ensure_shared_interpreter_runtime();
        return v;
    }();
    return *vm;
}

std::shared_ptr<compiler::CodeUnit> compile_unit(char const* src)
{
    compiler::SyntaxErrorInfo err;
    compiler::CompileOptions options;
    auto unit = compiler::compile_source(src, "t.py", parser::Mode::Exec, options, err);
    REQUIRE(unit);
    return unit;
}

std::string str_of(VM& vm, Value v)
{
    REQUIRE(!v.is_null());
    Value s = repr(vm, v);
    REQUIRE(!s.is_null());
    return as_str(s)->c_str();
}

Value attr(VM& vm, Value o, char const* name) { return getattr(vm, o, intern(vm, name)); }

// The message of the SystemError load_code raises for `u`, or "" when it loads.
std::string load_error(VM& vm, compiler::CodeUnit const& u)
{
    Value c = load_code(vm, u);
    if (!c.is_null())
        return "";
    Value e = vm.take_error();
    REQUIRE(type_of(e) == exc::SystemError);
    return as_str(exception_str(vm, e))->c_str();
}

size_t find_op(compiler::CodeUnit const& u, Op op)
{
    for (size_t i = 0; i < u.code.size(); ++i)
        if (word_op(u.code[i]) == op)
            return i;
    FAIL("opcode not found");
    return 0;
}

} // namespace

TEST_CASE("load_code verifies operands, jumps, handlers and stack depth", "[code]")
{
    VM& vm = code_vm();
    auto unit = compile_unit("def f(a):\n    try:\n        return a + 1\n    except E:\n        return g(k=a)\n");
    compiler::CodeUnit* f = nullptr;
    for (auto& c : unit->consts)
        if (c.code)
            f = c.code.get();
    REQUIRE(f);
    REQUIRE(load_error(vm, *f) == "");

    auto rejects = [&](std::function<void(compiler::CodeUnit&)> mutate, char const* why) {
        compiler::CodeUnit u = *f;
        mutate(u);
        std::string msg = load_error(vm, u);
        INFO(msg);
        CHECK(msg.rfind(std::string("invalid code object: ") + why, 0) == 0);
    };
    rejects([](auto& u) { u.code[find_op(u, Op::LOAD_FAST)] = make_word(Op::LOAD_FAST, 9); }, "local index out of range");
    rejects([](auto& u) { u.code[find_op(u, Op::LOAD_CONST)] = make_word(Op::LOAD_CONST, 99); }, "constant index out of range");
    rejects([](auto& u) { u.code[find_op(u, Op::LOAD_GLOBAL)] = make_word(Op::LOAD_GLOBAL, 9 << 1); }, "bad operand");
    rejects([](auto& u) { u.code[1] = 250; }, "invalid opcode");
    rejects([](auto& u) { u.code[0] = make_word(Op::CACHE); }, "CACHE where an instruction was expected");
    rejects([](auto& u) { u.code[find_op(u, Op::BINARY_OP)] = make_word(Op::BINARY_OP, 40); }, "bad BINARY_OP argument");
    rejects([](auto& u) { u.code[find_op(u, Op::BINARY_OP) - 1] = make_word(Op::NOP); }, "stack underflow");
    rejects([](auto& u) { u.code[find_op(u, Op::KW_NAMES)] = make_word(Op::KW_NAMES, 0); }, "KW_NAMES constant is not a tuple of str");
    rejects([](auto& u) { u.code[find_op(u, Op::LOAD_FAST)] = make_word(Op::LOAD_DEREF, 0); }, "cell operation on a slot that is not a cell");
    rejects([](auto& u) { u.locations.pop_back(); }, "location table size differs from code size");
    rejects([](auto& u) { u.exception_table[0].end = 100000; }, "exception table entry out of range");
    rejects([](auto& u) { u.exception_table[0].depth = 50; }, "exception handler depth exceeds the stack size");
    rejects([](auto& u) { u.stacksize = 1; }, "exception handler depth exceeds the stack size");
    rejects([](auto& u) {
        u.code.push_back(make_word(Op::NOP));
        u.locations.push_back({});
    }, "code does not end with a return, raise or jump");
    rejects([](auto& u) { u.names.push_back("\xff"); }, "name is not valid UTF-8");
    rejects([](auto& u) { u.localspluskinds.push_back(CO_FAST_LOCAL); }, "localspluskinds size differs");
    rejects([](auto& u) {
        size_t b = find_op(u, Op::BINARY_OP);
        size_t j = 0;
        while (!(op_info(word_op(u.code[j])).flags & F_JUMP))
            ++j;
        u.code[j] = make_word(word_op(u.code[j]), uint32_t(b + 1));
    }, "jump target is not an instruction");
}

TEST_CASE("code objects expose CPython's co_* attributes", "[code]")
{
    VM& vm = code_vm();
    auto unit = compile_unit("def f(a, b=2, *c, d, **e):\n    'doc'\n    x = a\n    def g():\n        return x\n    return g\n");
    Value mod = load_code(vm, *unit);
    REQUIRE(!mod.is_null());
    Value fc;
    Tuple* consts = mod.as<Code>()->consts;
    for (size_t i = 0; i < consts->size; ++i)
        if (type_of(consts->items[i]) == types.code)
            fc = consts->items[i];
    REQUIRE(!fc.is_null());
    CHECK(str_of(vm, attr(vm, fc, "co_name")) == "'f'");
    CHECK(str_of(vm, attr(vm, fc, "co_argcount")) == "2");
    CHECK(str_of(vm, attr(vm, fc, "co_kwonlyargcount")) == "1");
    CHECK(str_of(vm, attr(vm, fc, "co_nlocals")) == "6");
    CHECK(str_of(vm, attr(vm, fc, "co_varnames")) == "('a', 'b', 'd', 'c', 'e', 'g')");
    CHECK(str_of(vm, attr(vm, fc, "co_cellvars")) == "('x',)");
    CHECK(str_of(vm, attr(vm, fc, "co_flags")) == "15");
    CHECK(str_of(vm, fc).rfind("<code object f at 0x", 0) == 0);
    Code* c = fc.as<Code>();
    CHECK(c->total_args == 5);
    CHECK(c->ncells == 1);
    CHECK(c->framesize == c->nlocalsplus + c->stacksize);
    CHECK(code_line_at(c, c->ncode - 1) == 6);
}

TEST_CASE("compile errors become SyntaxError instances with CPython's args", "[code]")
{
    VM& vm = code_vm();
    Value c = compile_to_code(vm, "x = (", "f.py", parser::Mode::Exec, 0);
    REQUIRE(c.is_null());
    Value e = vm.take_error();
    CHECK(type_of(e) == exc::SyntaxError);
    CHECK(str_of(vm, attr(vm, e, "args")) == "(\"'(' was never closed\", ('f.py', 1, 5, 'x = (\\n', 1, 0))");
    CHECK(std::string(as_str(to_str(vm, e))->c_str()) == "'(' was never closed (f.py, line 1)");
    CHECK(str_of(vm, attr(vm, e, "offset")) == "5");
}

TEST_CASE("functions and cells", "[code]")
{
    VM& vm = code_vm();
    auto unit = compile_unit("def f():\n    'the doc'\n");
    Value mod = load_code(vm, *unit);
    REQUIRE(!mod.is_null());
    Code* fc = mod.as<Code>()->consts->items[0].as<Code>();
    Dict* g = dict_new(vm);
    REQUIRE(dict_set_str(vm, g, names.__name__, str_value(vm, "m")));
    Value f = Value::from_object(function_new(vm, fc, g, g));
    CHECK(str_of(vm, attr(vm, f, "__doc__")) == "'the doc'");
    CHECK(str_of(vm, attr(vm, f, "__module__")) == "'m'");
    CHECK(str_of(vm, attr(vm, f, "__defaults__")) == "None");
    CHECK(str_of(vm, f).rfind("<function f at 0x", 0) == 0);
    CHECK_FALSE(setattr(vm, f, names.__name__, Value::small_int(1)));
    CHECK(std::string(as_str(exception_str(vm, vm.take_error()))->c_str()) == "__name__ must be set to a string object");
    REQUIRE(setattr(vm, f, intern(vm, "x"), Value::small_int(3)));
    CHECK(str_of(vm, attr(vm, f, "__dict__")) == "{'x': 3}");

    Value cell = Value::from_object(cell_new(vm, Value::null()));
    CHECK(str_of(vm, cell).find(": empty>") != std::string::npos);
    CHECK(attr(vm, cell, "cell_contents").is_null());
    CHECK(std::string(as_str(exception_str(vm, vm.take_error()))->c_str()) == "Cell is empty");
}
