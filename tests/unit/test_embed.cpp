// Catch2 tests of the embedding API (stackless/slpy.h): every call, its value conversions
// and its error paths (syntax errors, exceptions in scripts and in host callbacks, calling
// a non-callable, wrong argument types, MemoryError), handles, tasklets and ticks.
//
// They run in their own process (slpy_embed_tests) on one shared VM, except the [multi-vm]
// test, which makes and destroys VMs of its own.
#include <catch2/catch.hpp>

#include "stackless/slpy.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace embed = slpy::embed;
using embed::HostValue;
using embed::Result;

namespace {

embed::VM& shared()
{
    static std::unique_ptr<embed::VM> vm = [] {
        std::string error;
        auto v = embed::VM::create({}, &error);
        if (!v)
            FAIL(error);
        return v;
    }();
    return *vm;
}

bool contains(std::string const& s, std::string const& part) { return s.find(part) != std::string::npos; }

} // namespace

TEST_CASE("run_string and get_global convert values both ways", "[embed]")
{
    embed::VM& vm = shared();
    Result r = vm.run_string("a = 42\nb = 2.5\nc = 'h\\u00e9'\nd = [1, (2, None)]\ne = {'k': True}\nf = None\n");
    REQUIRE(r.ok());
    CHECK(vm.get_global("a").value().as_int() == 42);
    CHECK(vm.get_global("b").value().as_float() == 2.5);
    CHECK(vm.get_global("c").value().as_str() == "h\xc3\xa9");
    HostValue d = vm.get_global("d").value();
    REQUIRE(d.is_list());
    REQUIRE(d.as_list().size() == 2);
    CHECK(d.as_list()[1].as_list()[1].is_none());
    HostValue e = vm.get_global("e").value();
    REQUIRE(e.get("k"));
    CHECK(e.get("k")->is_bool());
    CHECK(e.get("k")->as_bool());
    CHECK(vm.get_global("f").value().is_none());

    REQUIRE(vm.set_global("g", HostValue::Dict{ { "x", HostValue::List{ 1, 2.0, "three", nullptr, false } } }).ok());
    Result s = vm.eval("repr(g)");
    REQUIRE(s.ok());
    CHECK(s.value().as_str() == "{'x': [1, 2.0, 'three', None, False]}");

    Result missing = vm.get_global("no_such_name");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().type == "NameError");
    CHECK(missing.error().message == "name 'no_such_name' is not defined");
}

TEST_CASE("errors come back with the Python traceback", "[embed]")
{
    embed::VM& vm = shared();
    Result syn = vm.run_string("x = (1,\n", "broken.py");
    REQUIRE_FALSE(syn.ok());
    CHECK(syn.error().type == "SyntaxError");
    CHECK(contains(syn.error().traceback, "File \"broken.py\", line 1"));
    CHECK(contains(syn.error().traceback, "SyntaxError: '(' was never closed"));

    Result div = vm.run_string("def f(x):\n    return 1 / x\nf(0)\n", "div.py");
    REQUIRE_FALSE(div.ok());
    CHECK(div.error().type == "ZeroDivisionError");
    CHECK(div.error().message == "division by zero");
    CHECK(contains(div.error().traceback, "Traceback (most recent call last):"));
    CHECK(contains(div.error().traceback, "File \"div.py\", line 2, in f"));
    CHECK(contains(div.error().traceback, "ZeroDivisionError: division by zero\n"));
    CHECK_FALSE(contains(div.error().traceback, "<slpy host>"));

    // The VM goes on after an error.
    CHECK(vm.eval("1 + 1").value().as_int() == 2);
}

TEST_CASE("run_file runs a script in __main__", "[embed]")
{
    embed::VM& vm = shared();
    std::string path = "/tmp/slpy_embed_test_" + std::to_string(getpid()) + ".py";
    {
        std::ofstream out(path);
        out << "# -*- coding: latin-1 -*-\nfile_result = len('\xe9') * 10\nwhere = __file__\n";
    }
    Result r = vm.run_file(path);
    std::remove(path.c_str());
    REQUIRE(r.ok());
    CHECK(vm.get_global("file_result").value().as_int() == 10);
    CHECK(vm.get_global("where").value().as_str() == path);

    Result missing = vm.run_file("/nonexistent/x.py");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().type == "FileNotFoundError");
    CHECK(missing.error().message == "[Errno 2] No such file or directory: '/nonexistent/x.py'");
}

TEST_CASE("import_module and call", "[embed]")
{
    embed::VM& vm = shared();
    Result m = vm.import_module("math");
    REQUIRE(m.ok());
    REQUIRE(m.value().is_object());
    CHECK(m.value().as_object().type_name() == "module");
    Result r = vm.call("math", "gcd", { 12, 18 });
    REQUIRE(r.ok());
    CHECK(r.value().as_int() == 6);
    Result h = m.value().as_object().call_method("hypot", { 3, 4 });
    REQUIRE(h.ok());
    CHECK(h.value().as_float() == 5.0);

    Result bad = vm.call(HostValue(5), { 1 });
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().type == "TypeError");
    CHECK(bad.error().message == "'int' object is not callable");

    Result nomod = vm.import_module("no_such_module_xyz");
    REQUIRE_FALSE(nomod.ok());
    CHECK(nomod.error().type == "ModuleNotFoundError");
    CHECK(nomod.error().message == "No module named 'no_such_module_xyz'");

    Result noattr = vm.call("math", "nope");
    REQUIRE_FALSE(noattr.ok());
    CHECK(noattr.error().type == "AttributeError");
    CHECK(noattr.error().message == "module 'math' has no attribute 'nope'");
}

TEST_CASE("host modules: functions, argument checks, errors from callbacks", "[embed]")
{
    embed::VM& vm = shared();
    int calls = 0;
    vm.define_module("hostmod")
        .def("add", [&](embed::Args& a) -> Result { ++calls; return a.get_int(0) + a.get_int(1); }, 2)
        .def("join", [](embed::Args& a) -> Result {
            std::string s;
            for (HostValue const& v : a.get_list(0))
                s += v.as_str();
            return s;
        })
        .def("fail", [](embed::Args&) -> Result { return Result::fail("ValueError", "bad value from host"); })
        .def("fail_custom", [](embed::Args&) -> Result { return Result::fail("NoSuchError", "odd"); })
        .def("throws", [](embed::Args&) -> Result { throw std::runtime_error("boom"); })
        .def("nested", [&vm](embed::Args& a) -> Result { return vm.call(a[0], { 7 }); }, 1)
        .def("mean", [](embed::Args& a) -> Result { return (a.get_float(0) + a.get_float(1)) / 2; }, 2)
        .set("version", "1.0");

    REQUIRE(vm.run_string("import hostmod\nr = hostmod.add(2, 3)\nj = hostmod.join(['a', 'b', 'c'])\n"
                          "m = hostmod.mean(1, 2.0)\nv = hostmod.version\n")
                .ok());
    CHECK(calls == 1);
    CHECK(vm.get_global("r").value().as_int() == 5);
    CHECK(vm.get_global("j").value().as_str() == "abc");
    CHECK(vm.get_global("m").value().as_float() == 1.5);
    CHECK(vm.get_global("v").value().as_str() == "1.0");

    auto error_of = [&](char const* expr) {
        Result r = vm.eval(expr);
        REQUIRE_FALSE(r.ok());
        return r.error().type + ": " + r.error().message;
    };
    CHECK(error_of("hostmod.add(1)") == "TypeError: add expected 2 arguments, got 1");
    CHECK(error_of("hostmod.add(1, 'x')") == "TypeError: add() argument 2 must be int, not str");
    CHECK(error_of("hostmod.add(1, x=2)") == "TypeError: add() takes no keyword arguments");
    CHECK(error_of("hostmod.add(1, 2**70)") == "OverflowError: Python int too large to convert to C long");
    CHECK(error_of("hostmod.join(5)") == "TypeError: join() argument 1 must be list or tuple, not int");
    CHECK(error_of("hostmod.join()") == "TypeError: join() missing required argument (pos 1)");
    CHECK(error_of("hostmod.fail()") == "ValueError: bad value from host");
    CHECK(error_of("hostmod.fail_custom()") == "RuntimeError: NoSuchError: odd");
    CHECK(error_of("hostmod.throws()") == "RuntimeError: C++ exception in host function throws(): boom");
    CHECK(calls == 3); // arity and keywords are checked before the call, types inside it

    // Python catches the host's exception like any other.
    REQUIRE(vm.run_string("try:\n    hostmod.fail()\nexcept ValueError as e:\n    caught = str(e)\n").ok());
    CHECK(vm.get_global("caught").value().as_str() == "bad value from host");

    // A host function that calls back into Python; the Python exception passes through it
    // unchanged (its own class, its traceback).
    REQUIRE(vm.run_string("class Custom(Exception): pass\n"
                          "def cb(x):\n    if x == 7: raise Custom('seven')\n"
                          "try:\n    hostmod.nested(cb)\nexcept Custom as e:\n    nested = 'custom ' + str(e)\n"
                          "double = hostmod.nested(lambda x: x * 2)\n")
                .ok());
    CHECK(vm.get_global("nested").value().as_str() == "custom seven");
    CHECK(vm.get_global("double").value().as_int() == 14);
}

TEST_CASE("handles keep objects alive and reach them", "[embed]")
{
    embed::VM& vm = shared();
    REQUIRE(vm.run_string("class Box:\n    def __init__(self, v): self.v = v\n    def get(self): return self.v\n"
                          "box = Box([1, 2, 3])\n")
                .ok());
    embed::Handle h = vm.get_global("box").value().as_object();
    REQUIRE(h.valid());
    CHECK(h.type_name() == "Box");
    REQUIRE(vm.run_string("del box\nimport gc\nfor i in range(3): gc.collect()\njunk = [[i] for i in range(100000)]\n").ok());
    vm.collect();
    embed::Handle copy = h;
    embed::Handle moved = std::move(h);
    CHECK_FALSE(h.valid());
    Result r = copy.call_method("get");
    REQUIRE(r.ok());
    CHECK(r.value().as_list().size() == 3);
    CHECK(moved.getattr("v").value().as_list()[2].as_int() == 3);
    CHECK(contains(moved.repr(), "<__main__.Box object at 0x"));
    Result missing = moved.getattr("nope");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "'Box' object has no attribute 'nope'");

    // Handles go back into Python as the same object.
    REQUIRE(vm.set_global("again", HostValue(copy)).ok());
    CHECK(vm.eval("again.get()[0]").value().as_int() == 1);

    embed::Handle empty;
    Result bad = empty.call();
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().type == "ValueError");
    Result bad2 = vm.set_global("x", HostValue(empty));
    REQUIRE_FALSE(bad2.ok());
    CHECK(bad2.error().message == "the handle is empty or its VM was destroyed");
}

TEST_CASE("wrong host values and odd Python values", "[embed]")
{
    embed::VM& vm = shared();
    Result utf = vm.set_global("s", HostValue(std::string("a\xff")));
    REQUIRE_FALSE(utf.ok());
    CHECK(utf.error().type == "ValueError");
    CHECK(utf.error().message == "host string is not valid UTF-8 (byte 1)");

    // An int too big for int64 comes as a handle to the Python int.
    Result big = vm.eval("2 ** 100");
    REQUIRE(big.ok());
    REQUIRE(big.value().is_object());
    CHECK(big.value().type_name() == "int");
    CHECK(big.value().as_object().repr() == "1267650600228229401496703205376");

    // A list that contains itself cannot become a host value.
    Result self = vm.eval("(lambda a: (a.append(a), a)[1])([])");
    REQUIRE_FALSE(self.ok());
    CHECK(self.error().type == "RecursionError");

    // Other objects are handles.
    Result set = vm.eval("{1, 2}");
    REQUIRE(set.ok());
    CHECK(set.value().type_name() == "set");
}

TEST_CASE("MemoryError comes back as an error", "[embed]")
{
    embed::VM& vm = shared();
    Result r = vm.run_string("b = bytes(1 << 62)\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().type == "MemoryError");
    CHECK(vm.eval("len(bytes(10))").value().as_int() == 10);
}

TEST_CASE("tasklets: spawn, channels, send/receive from the host, tick", "[embed]")
{
    embed::VM& vm = shared();
    REQUIRE(vm.run_string("import stackless\n"
                          "got = []\n"
                          "def echo(inbox, outbox):\n"
                          "    while True:\n"
                          "        v = inbox.receive()\n"
                          "        if v is None: break\n"
                          "        got.append(v)\n"
                          "        outbox.send(v * 2)\n")
                .ok());
    Result in = vm.new_channel();
    Result out = vm.new_channel();
    REQUIRE(in.ok());
    REQUIRE(out.ok());
    embed::Handle inbox = in.value().as_object();
    embed::Handle outbox = out.value().as_object();
    CHECK(inbox.type_name() == "channel");
    Result t = vm.spawn(vm.get_global("echo").value(), { inbox, outbox });
    REQUIRE(t.ok());
    CHECK(t.value().type_name() == "tasklet");
    CHECK(vm.runnable() == 1);
    Result ticked = vm.tick(1000);
    REQUIRE(ticked.ok());
    CHECK(ticked.value().as_int() == 0); // echo blocked on its inbox
    CHECK(vm.runnable() == 0);

    Result none = vm.try_receive(outbox);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == "channel has no waiting sender");

    REQUIRE(vm.send(inbox, 21).ok());
    REQUIRE(vm.tick(1000).ok());
    // echo now waits to send 42 on outbox: the host takes it.
    CHECK(outbox.getattr("balance").value().as_int() == 1);
    Result v = vm.try_receive(outbox);
    REQUIRE(v.ok());
    CHECK(v.value().as_int() == 42);
    REQUIRE(vm.tick(1000).ok());
    CHECK(vm.eval("got").value().as_list().size() == 1);

    REQUIRE(vm.send(inbox, nullptr).ok());
    REQUIRE(vm.tick(1000).ok());
    CHECK(t.value().as_object().getattr("alive").value().as_bool() == false);

    Result bad = vm.send(outbox, HostValue(std::string("\xff")));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().type == "ValueError");
    Result notch = vm.send(embed::Handle(), 1);
    REQUIRE_FALSE(notch.ok());
    CHECK(notch.error().type == "ValueError");
}

TEST_CASE("tick preempts a busy tasklet and resumes it next tick", "[embed]")
{
    embed::VM& vm = shared();
    REQUIRE(vm.run_string("import stackless\n"
                          "count = 0\n"
                          "def busy():\n"
                          "    global count\n"
                          "    while True:\n"
                          "        count += 1\n"
                          "busy_t = stackless.tasklet(busy)()\n")
                .ok());
    Result r = vm.tick(500);
    REQUIRE(r.ok());
    CHECK(r.value().as_int() == 1); // interrupted, still runnable
    int64_t first = vm.get_global("count").value().as_int();
    CHECK(first > 0);
    CHECK(first < 100000);
    REQUIRE(vm.tick(500).ok());
    int64_t second = vm.get_global("count").value().as_int();
    CHECK(second > first);
    REQUIRE(vm.run_string("busy_t.kill()\n").ok());
    CHECK(vm.runnable() == 0);

    Result zero = vm.tick(0);
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.error().type == "ValueError");
}

TEST_CASE("an exception no tasklet caught comes back from tick", "[embed]")
{
    embed::VM& vm = shared();
    REQUIRE(vm.run_string("import stackless\n"
                          "def bad():\n"
                          "    raise KeyError('lost')\n"
                          "stackless.tasklet(bad)()\n",
                          "tasklets.py")
                .ok());
    Result r = vm.tick(1000);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().type == "KeyError");
    CHECK(r.error().message == "'lost'");
    CHECK(contains(r.error().traceback, "File \"tasklets.py\", line 3, in bad"));
    CHECK(vm.runnable() == 0);
    // The VM still works.
    CHECK(vm.tick(10).ok());
}

TEST_CASE("tick from inside a host function", "[embed]")
{
    embed::VM& vm = shared();
    vm.define_module("reentry").def("tick", [&vm](embed::Args&) -> Result { return vm.tick(100); });
    // Nothing runnable: the tick returns at once.
    Result idle = vm.run_string("import reentry\nidle = reentry.tick()\n");
    REQUIRE(idle.ok());
    CHECK(vm.get_global("idle").value().as_int() == 0);
    // A tasklet that runs, blocks on a channel, and is later fed from the host.
    REQUIRE(vm.run_string("import stackless\nfed = []\nch = stackless.channel()\n"
                          "waiting = stackless.tasklet(lambda: fed.append(ch.receive()))()\n"
                          "left = reentry.tick()\nblocked = waiting.blocked\n")
                .ok());
    CHECK(vm.get_global("left").value().as_int() == 0);
    CHECK(vm.get_global("blocked").value().as_bool());
    REQUIRE(vm.send(vm.get_global("ch").value().as_object(), "food").ok());
    REQUIRE(vm.tick(100).ok());
    CHECK(vm.eval("fed").value().as_list()[0].as_str() == "food");
    CHECK(vm.runnable() == 0);
}

// VMs own their heaps (the built-in types are a frozen shared part, objects/README.md), so
// a VM can be destroyed and others made, also while the shared one lives.
TEST_CASE("create, destroy and create VMs in sequence", "[embed][multi-vm]")
{
    embed::Handle survivor;
    for (int round = 0; round < 3; ++round) {
        std::string error;
        auto vm = embed::VM::create({}, &error);
        REQUIRE(vm);
        vm->define_module("m").def("twice", [](embed::Args& a) -> Result { return a.get_int(0) * 2; }, 1);
        REQUIRE(vm->run_string("import m\nx = m.twice(21)\nobj = object()\n").ok());
        CHECK(vm->get_global("x").value().as_int() == 42);
        survivor = vm->get_global("obj").value().as_object();
        CHECK(survivor.valid());
    }
    // Its VM is gone: the handle is invalid, not dangling.
    CHECK_FALSE(survivor.valid());
    CHECK_FALSE(survivor.call().ok());
    CHECK(survivor.repr() == "<invalid handle>");

    // Two at once are independent; a handle of one is refused by the other.
    auto a = embed::VM::create();
    auto b = embed::VM::create();
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(a->set_global("who", "a").ok());
    REQUIRE(b->set_global("who", "b").ok());
    CHECK(a->get_global("who").value().as_str() == "a");
    CHECK(b->get_global("who").value().as_str() == "b");
    Result foreign = b->set_global("x", HostValue(a->eval("object()").value()));
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.error().message == "the handle belongs to another VM");
    a.reset();
    CHECK(b->eval("who * 2").value().as_str() == "bb");
    CHECK(shared().eval("1 + 2").value().as_int() == 3);
}
