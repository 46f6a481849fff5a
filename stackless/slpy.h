// slpy.h: the C++ embedding API of slpy, the one header a host program includes.
//
// It hides the object model: values cross the boundary as HostValue (None, bool, int64,
// double, UTF-8 string, lists and dicts of those) or as Handle, an RAII reference to any
// other Python object that keeps it alive (rooted for the collector) while the host holds
// it. Nothing here throws: every operation that runs Python code returns a Result, which
// holds either the value or the Python exception (type, message, traceback text).
//
//   auto vm = slpy::embed::VM::create({});
//   vm->define_module("world").def("gravity", [](slpy::embed::Args& a) -> slpy::embed::Result {
//       return a.get_float(0) * 9.81;
//   }, 1);
//   auto r = vm->run_string("import world\nx = world.gravity(2.0)\n");
//   if (!r) std::fputs(r.error().traceback.c_str(), stderr);
//   double x = vm->get_global("x").value().as_float();
//
// Tasklets: agents are Python tasklets (`import stackless`); the host's frame loop calls
// `vm->tick(budget)`, which runs the runnable tasklets until each has blocked or finished
// or the budget (in preemption ticks: backward jumps and calls) is used up. A tasklet the
// budget interrupted goes back to the end of the run queue and continues at the next tick.
//
// One VM is used from one thread at a time. Host functions may call back into the VM
// (call, get_global, tick, ...); they must not destroy it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace slpy::embed {

class VM;
class HostValue;
struct Error;
class Result;

namespace detail {
struct Roots; // the VM's table of handle roots (shared with the handles, so they may outlive it)
struct VMImpl;
} // namespace detail

// A reference to a Python object held by the host: the object stays alive while any
// Handle to it exists. Copying makes a second root; moving transfers it. A Handle may
// outlive its VM: it is then invalid and every operation on it returns an error.
class Handle {
public:
    Handle() = default;
    Handle(Handle const& other);
    Handle(Handle&& other) noexcept;
    Handle& operator=(Handle const& other);
    Handle& operator=(Handle&& other) noexcept;
    ~Handle();

    // False for an empty handle or one whose VM was destroyed.
    bool valid() const;
    explicit operator bool() const { return valid(); }
    // type(obj).__name__ ("" when invalid) and repr(obj) (the error text if repr raised).
    std::string type_name() const;
    std::string repr() const;

    // obj(*args), getattr(obj, name), obj.name(*args): the result converted to a
    // HostValue (a Handle for anything that is not a plain host value).
    Result call(std::vector<HostValue> const& args = {}) const;
    Result getattr(std::string_view name) const;
    Result call_method(std::string_view name, std::vector<HostValue> const& args = {}) const;

private:
    friend struct detail::VMImpl;
    Handle(std::shared_ptr<detail::Roots> roots, uint32_t slot)
        : m_roots(std::move(roots))
        , m_slot(slot)
    {
    }
    std::shared_ptr<detail::Roots> m_roots;
    uint32_t m_slot = 0;
};

// A value that crosses the boundary. Python -> host: None, bool, int (when it fits in
// int64), float, str, and exact list/tuple/dict (converted deeply) become values; any
// other object (an int too big for int64 included) becomes a Handle. Host -> Python:
// List becomes a list, Dict a dict, a Handle its object.
class HostValue {
public:
    using List = std::vector<HostValue>;
    using Dict = std::vector<std::pair<HostValue, HostValue>>; // insertion order kept
    enum class Kind { None, Bool, Int, Float, Str, List, Dict, Object };

    HostValue() = default; // None
    HostValue(std::nullptr_t) {}
    HostValue(bool b) : m_v(b) {}
    HostValue(int i) : m_v(int64_t(i)) {}
    HostValue(long i) : m_v(int64_t(i)) {}
    HostValue(long long i) : m_v(int64_t(i)) {}
    HostValue(double d) : m_v(d) {}
    HostValue(char const* s) : m_v(std::string(s)) {}
    HostValue(std::string s) : m_v(std::move(s)) {}
    HostValue(std::string_view s) : m_v(std::string(s)) {}
    HostValue(List l) : m_v(std::move(l)) {}
    HostValue(Dict d) : m_v(std::move(d)) {}
    HostValue(Handle h) : m_v(std::move(h)) {}

    Kind kind() const { return Kind(m_v.index()); }
    // The Python type name of the value ("NoneType", "int", "str", ..., or the handle's type).
    std::string type_name() const;
    bool is_none() const { return kind() == Kind::None; }
    bool is_bool() const { return kind() == Kind::Bool; }
    bool is_int() const { return kind() == Kind::Int; }
    bool is_float() const { return kind() == Kind::Float; }
    bool is_str() const { return kind() == Kind::Str; }
    bool is_list() const { return kind() == Kind::List; }
    bool is_dict() const { return kind() == Kind::Dict; }
    bool is_object() const { return kind() == Kind::Object; }

    // The value, or the kind's zero value when it is of another kind (check first; Args
    // below checks for you). as_float also takes an Int, as_int a Bool.
    bool as_bool() const { return is_bool() && std::get<bool>(m_v); }
    int64_t as_int() const { return is_int() ? std::get<int64_t>(m_v) : is_bool() ? int64_t(std::get<bool>(m_v)) : 0; }
    double as_float() const { return is_float() ? std::get<double>(m_v) : double(as_int()); }
    std::string const& as_str() const;
    List const& as_list() const;
    Dict const& as_dict() const;
    Handle const& as_object() const;
    // A Dict's value under a str key; nullptr when absent or not a Dict.
    HostValue const* get(std::string_view key) const;

private:
    std::variant<std::monostate, bool, int64_t, double, std::string, List, Dict, Handle> m_v;
};

// A Python exception, as the host sees it.
struct Error {
    std::string type;      // the exception class's name: "ZeroDivisionError"
    std::string message;   // str(exception)
    std::string traceback; // the full text Python prints for it (traceback and "Type: message")
};

// The outcome of an operation: a value, or an error.
class Result {
public:
    Result() = default; // ok, None
    Result(HostValue v) : m_value(std::move(v)) {}
    template<typename T, typename = std::enable_if_t<std::is_constructible_v<HostValue, T&&>>>
    Result(T&& v) : m_value(HostValue(std::forward<T>(v))) {}
    // A failed result: from a host function, the Python exception `type` (a built-in
    // exception class name, e.g. "ValueError"; unknown names give RuntimeError) raised
    // with `message`.
    static Result fail(std::string type, std::string message);

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    HostValue const& value() const { return m_value; }
    HostValue& value() { return m_value; }
    Error const& error() const { return m_error; }

private:
    friend struct detail::VMImpl;
    HostValue m_value;
    Error m_error;
    Handle m_exception; // the Python exception object, re-raised when a host function returns it
    bool m_failed = false;
};

// The arguments of a host function. The typed getters check the argument: when it is
// missing or of another kind they remember a TypeError (CPython's wording), which the
// call raises in Python instead of the function's result.
class Args {
public:
    size_t size() const { return m_args.size(); }
    HostValue const& operator[](size_t i) const { return m_args[i]; }
    std::vector<HostValue> const& all() const { return m_args; }
    VM& vm() const { return m_vm; }

    int64_t get_int(size_t i);     // int (bool too)
    double get_float(size_t i);    // float or int
    bool get_bool(size_t i);       // bool
    std::string get_str(size_t i); // str
    HostValue::List get_list(size_t i);
    HostValue::Dict get_dict(size_t i);
    Handle get_object(size_t i);   // any object: a Handle to it
    // False once a typed getter failed.
    bool ok() const { return !m_failed; }

private:
    friend struct detail::VMImpl;
    Args(VM& vm, std::string const& name, std::vector<HostValue> args)
        : m_vm(vm)
        , m_name(name)
        , m_args(std::move(args))
    {
    }
    bool check(size_t i, bool ok, char const* expected);
    VM& m_vm;
    std::string const& m_name;
    std::vector<HostValue> m_args;
    bool m_failed = false;
    Error m_error;
};

// A host function: returns a value, or Result::fail(...) to raise in Python. A C++
// exception escaping it is caught and raised as RuntimeError.
using Function = std::function<Result(Args&)>;

// A native module defined by the host (importable by Python code at once).
class Module {
public:
    // Adds the function `name`; nargs >= 0 makes Python calls with another count of
    // arguments raise TypeError ("name expected 2 arguments, got 1") before it runs.
    Module& def(std::string const& name, Function fn, int nargs = -1);
    // Sets the module attribute `name`.
    Module& set(std::string const& name, HostValue const& value);
    // The module object.
    Handle handle() const { return m_module; }

private:
    friend struct detail::VMImpl;
    Module(detail::VMImpl& impl, Handle module)
        : m_impl(impl)
        , m_module(std::move(module))
    {
    }
    detail::VMImpl& m_impl;
    Handle m_module;
};

struct Options {
    // CPython 3.11's pure-Python library folder (empty: $SLPY_STDLIB or the build's default).
    std::string stdlib_path;
    // Folders searched for modules before the library (the host's scripts).
    std::vector<std::string> module_paths;
    // sys.argv (empty: [""]).
    std::vector<std::string> argv;
    // Python frames per tasklet (sys.getrecursionlimit()) and native re-entries.
    int recursion_limit = 1000;
    int native_depth_limit = 1000;
};

class VM {
public:
    // A new VM with builtins, sys, the import system and `stackless` ready; null (and the
    // reason in *error) when it cannot start (the library folder has no os.py).
    static std::unique_ptr<VM> create(Options const& options = {}, std::string* error = nullptr);
    // Runs atexit's callbacks, flushes the standard streams and frees everything. Handles
    // still held become invalid.
    ~VM();
    VM(VM const&) = delete;
    VM& operator=(VM const&) = delete;

    // A native module `name` (created on first use; the same module afterwards).
    Module& define_module(std::string const& name);

    // Runs a source file or a string in the __main__ namespace (a file also sets __file__).
    // A syntax error or an uncaught exception comes back as the Result's error.
    Result run_file(std::string const& path);
    Result run_string(std::string_view source, std::string const& filename = "<string>");
    // eval(expression) in __main__.
    Result eval(std::string_view expression);
    // __main__'s global `name` (NameError when absent), and setting it.
    Result get_global(std::string const& name);
    Result set_global(std::string const& name, HostValue const& value);
    // `import name` (dotted names too): a Handle to the module.
    Result import_module(std::string const& name);
    // module.function(*args) after importing the module.
    Result call(std::string const& module, std::string const& function, std::vector<HostValue> const& args = {});
    // callable(*args) for a Handle (TypeError "'int' object is not callable" otherwise).
    Result call(HostValue const& callable, std::vector<HostValue> const& args = {});

    // ---- tasklets (the `stackless` module)
    // A new runnable tasklet running callable(*args): a Handle to it. It starts at the next tick.
    Result spawn(HostValue const& callable, std::vector<HostValue> const& args = {});
    // A new stackless.channel.
    Result new_channel();
    // Sends `value` on `channel` without blocking the host: a sender tasklet is queued that
    // delivers it (in order) at the next tick.
    Result send(Handle const& channel, HostValue const& value);
    // Receives from `channel` when a sender waits on it (balance > 0); RuntimeError
    // "channel has no waiting sender" otherwise (the host cannot block).
    Result try_receive(Handle const& channel);
    // Runs the runnable tasklets for up to `budget` preemption ticks in all
    // (stackless.run(budget, totaltimeout=True)):
    // returns the number of tasklets still runnable (0: all blocked or finished). An
    // exception no tasklet caught comes back as the error.
    Result tick(int64_t budget);
    // Tasklets in the run queue, the host's own flow not counted.
    int64_t runnable() const;

    // A full collection (gc.collect()).
    void collect();

private:
    VM() = default;
    friend struct detail::VMImpl;
    friend class Args;
    friend class Handle;
    friend class HostValue;
    std::unique_ptr<detail::VMImpl> m_impl;
};

} // namespace slpy::embed
