// The C++ embedding API (stackless/slpy.h) over the VM, the interpreter and the scheduler.
//
// Host values are converted at the boundary (to_python / to_host). A Handle is a slot in
// the VM's root table (detail::Roots), traced through the VM's module state, so the
// object it names lives while the host holds the handle; the table is shared with the
// handles, so a handle outliving its VM finds the table marked dead instead of a dangling
// VM. Host functions are BuiltinFunctions whose bound self is their index in the
// function table: the trampoline finds the std::function there. Ticks and tasklet
// creation go through a small Python helper module (kHelperSource), so that
// stackless.run() is called by the eval loop and may switch tasklets softly.
#include "stackless/slpy.h"

#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "scheduler/scheduler.h"
#include "stackless/imports/import_state.h"
#include "stackless/imports/imports.h"
#include "stackless/modules/io.h"
#include "stackless/vm/code.h"
#include "stackless/vm/frame.h"
#include "stackless/vm/interpreter.h"

#include <deque>
#include <exception>

namespace slpy::embed {

namespace detail {

// The handles' roots. `impl` is null once the VM is destroyed.
struct Roots {
    VMImpl* impl = nullptr;
    std::vector<slpy::Value> slots;
    std::vector<uint32_t> free_slots;

    uint32_t add(slpy::Value v)
    {
        if (!free_slots.empty()) {
            uint32_t i = free_slots.back();
            free_slots.pop_back();
            slots[i] = v;
            return i;
        }
        slots.push_back(v);
        return uint32_t(slots.size() - 1);
    }
    void release(uint32_t i)
    {
        if (!impl)
            return;
        slots[i] = slpy::Value::null();
        free_slots.push_back(i);
    }
};

struct HostFunction {
    std::string name;
    Function fn;
    int nargs;
};

struct VMImpl;

// The embedding's state in the VM: traced at every collection with the VM's other
// module states.
struct EmbedState : slpy::VM::ModuleState {
    VMImpl* impl = nullptr;
    std::shared_ptr<Roots> roots;
    slpy::Value main_dict;   // __main__'s namespace
    slpy::Value helper_dict; // the helper module's namespace
    void trace(Tracer& t) override
    {
        for (slpy::Value v : roots->slots)
            if (!v.is_null())
                t.visit(v);
        t.visit(main_dict);
        t.visit(helper_dict);
    }
};

char const kEmbedKey = 0;

// The helper module: the calls that must come from the eval loop (stackless.run switches
// tasklets softly only when the loop calls it).
constexpr char const* kHelperFile = "<slpy host>";
constexpr char const* kHelperSource = R"PY(
import stackless as _sl

def tick(n):
    t = _sl.run(n, totaltimeout=True)
    if t is not None and t.alive and not t.scheduled and not t.blocked:
        t.insert()
    return _sl.getruncount() - 1

def spawn(f, args):
    return _sl.tasklet(f)(*args)

def send(ch, v):
    return _sl.tasklet(ch.send)(v)
)PY";

struct VMImpl {
    embed::VM& owner;
    slpy::VM* vm = nullptr;
    Interpreter* in = nullptr;
    EmbedState* state = nullptr;
    std::shared_ptr<Roots> roots = std::make_shared<Roots>();
    std::deque<HostFunction> functions; // a deque: entries stay put while a call runs
    std::vector<std::pair<std::string, std::unique_ptr<Module>>> modules;

    explicit VMImpl(embed::VM& o)
        : owner(o)
    {
    }
    ~VMImpl();
    // Makes this VM the calling thread's current one (slpy::VM::make_current): every
    // entry point starts here, so a host may hold several VMs on one thread.
    VMImpl& enter()
    {
        vm->make_current();
        return *this;
    }

    Dict* main_dict() const { return state->main_dict.as<Dict>(); }
    Dict* helper_dict() const { return state->helper_dict.as<Dict>(); }

    Handle make_handle(slpy::Value v) { return Handle(roots, roots->add(v)); }
    static slpy::Value handle_value(Handle const& h) { return h.m_roots->slots[h.m_slot]; }
    static Roots* handle_roots(Handle const& h) { return h.m_roots.get(); }

    // ---- conversions
    bool to_python(HostValue const& h, slpy::Value& out);
    bool to_host(slpy::Value v, HostValue& out);
    Tuple* args_tuple(std::vector<HostValue> const& args);

    // ---- results
    Result ok(slpy::Value v)
    {
        if (v.is_null())
            return failed();
        HostValue h;
        if (!to_host(v, h))
            return failed();
        return Result(std::move(h));
    }
    // The pending exception as a failed Result.
    Result failed();
    static Result failed_with(std::string type, std::string message)
    {
        Result r;
        r.m_failed = true;
        r.m_error.type = std::move(type);
        r.m_error.message = std::move(message);
        r.m_error.traceback = r.m_error.type + ": " + r.m_error.message + "\n";
        return r;
    }
    // Raises a failed Result's exception in Python (the original exception object when
    // it came from Python).
    void raise_result(Result const& r);
    static Handle const& result_exception(Result const& r) { return r.m_exception; }

    // ---- Python operations
    slpy::Value builtin(char const* name) { return dict_get_str(*vm, in->builtins, intern(*vm, name)); }
    slpy::Value helper(char const* name) { return dict_get_str(*vm, helper_dict(), intern(*vm, name)); }
    slpy::Value call_values(slpy::Value callable, std::vector<HostValue> const& args);
    slpy::Value compile(slpy::Value source, std::string const& filename, char const* mode);
    Result run_source(slpy::Value source, std::string const& filename, char const* mode);
    bool define_function(slpy::Module* m, std::string const& name, Function fn, int nargs);
    Module& add_module(std::string const& name, slpy::Value m)
    {
        modules.emplace_back(name, std::unique_ptr<Module>(new Module(*this, make_handle(m))));
        return *modules.back().second;
    }

    static Value host_trampoline(slpy::VM& vm, slpy::Value const* args, size_t nargs, Tuple* kwnames);
};

VMImpl* impl_of(slpy::VM& vm)
{
    auto* st = static_cast<EmbedState*>(vm.module_state(&kEmbedKey));
    return st ? st->impl : nullptr;
}

// ------------------------------------------------------------------ conversions

bool VMImpl::to_python(HostValue const& h, slpy::Value& out)
{
    slpy::VM& v = *vm;
    switch (h.kind()) {
    case HostValue::Kind::None: out = py_none(); return true;
    case HostValue::Kind::Bool: out = py_bool(h.as_bool()); return true;
    case HostValue::Kind::Int: out = int_from_i64(v, h.as_int()); return !out.is_null();
    case HostValue::Kind::Float: out = slpy::Value::from_double(h.as_float()); return true;
    case HostValue::Kind::Str: {
        std::string const& s = h.as_str();
        size_t error_len = 0;
        size_t bad = utf8_validate(s, &error_len);
        if (bad != std::string_view::npos) {
            raise_fmt(v, exc::ValueError, "host string is not valid UTF-8 (byte %zu)", bad);
            return false;
        }
        out = str_value(v, s);
        return !out.is_null();
    }
    case HostValue::Kind::List: {
        NestingGuard guard(v, " while converting a host value");
        if (!guard.ok())
            return false;
        List* l = list_new(v, h.as_list().size());
        if (!l)
            return false;
        for (HostValue const& item : h.as_list()) {
            slpy::Value x;
            if (!to_python(item, x) || !list_append(v, l, x))
                return false;
        }
        out = slpy::Value::from_object(l);
        return true;
    }
    case HostValue::Kind::Dict: {
        NestingGuard guard(v, " while converting a host value");
        if (!guard.ok())
            return false;
        Dict* d = dict_new(v);
        if (!d)
            return false;
        for (auto const& [key, value] : h.as_dict()) {
            slpy::Value k, x;
            if (!to_python(key, k) || !to_python(value, x) || !dict_set(v, d, k, x))
                return false;
        }
        out = slpy::Value::from_object(d);
        return true;
    }
    case HostValue::Kind::Object: {
        Handle const& hd = h.as_object();
        if (!hd.valid()) {
            raise(v, exc::ValueError, "the handle is empty or its VM was destroyed");
            return false;
        }
        if (handle_roots(hd) != roots.get()) {
            raise(v, exc::ValueError, "the handle belongs to another VM");
            return false;
        }
        out = handle_value(hd);
        return true;
    }
    }
    return false;
}

bool VMImpl::to_host(slpy::Value x, HostValue& out)
{
    slpy::VM& v = *vm;
    TypeObject* t = type_of(x);
    if (is_none(x)) {
        out = HostValue();
    } else if (t == types.bool_) {
        out = HostValue(x.is(py_true()));
    } else if (t == types.int_) {
        int64_t i;
        if (int_to_i64(x, i))
            out = HostValue(i);
        else
            out = make_handle(x); // too big for int64: kept as the Python int
    } else if (t == types.float_) {
        out = HostValue(float_unwrap(x));
    } else if (t == types.str) {
        out = HostValue(std::string(as_str(x)->view()));
    } else if (t == types.list || t == types.tuple) {
        NestingGuard guard(v, " while converting to a host value");
        if (!guard.ok())
            return false;
        HostValue::List items;
        // A list may change while its items convert? No Python code runs here, but read
        // the size afresh anyway: only exact containers of plain values are walked.
        for (size_t i = 0;; ++i) {
            slpy::Value item;
            if (t == types.list) {
                List* l = x.as<List>();
                if (i >= l->size)
                    break;
                item = l->items()[i];
            } else {
                Tuple* tp = x.as<Tuple>();
                if (i >= tp->size)
                    break;
                item = tp->items[i];
            }
            HostValue hv;
            if (!to_host(item, hv))
                return false;
            items.push_back(std::move(hv));
        }
        out = HostValue(std::move(items));
    } else if (t == types.dict) {
        NestingGuard guard(v, " while converting to a host value");
        if (!guard.ok())
            return false;
        HostValue::Dict items;
        size_t pos = 0;
        slpy::Value k, val;
        while (dict_next(x.as<Dict>(), pos, k, val)) {
            HostValue hk, hv;
            if (!to_host(k, hk) || !to_host(val, hv))
                return false;
            items.emplace_back(std::move(hk), std::move(hv));
        }
        out = HostValue(std::move(items));
    } else {
        out = make_handle(x);
    }
    return true;
}

Tuple* VMImpl::args_tuple(std::vector<HostValue> const& args)
{
    Tuple* t = tuple_new(*vm, args.size());
    if (!t)
        return nullptr;
    for (size_t i = 0; i < args.size(); ++i)
        if (!to_python(args[i], t->items[i]))
            return nullptr;
    return t;
}

// ------------------------------------------------------------------ errors

Result VMImpl::failed()
{
    slpy::VM& v = *vm;
    slpy::Value e = v.take_error();
    if (e.is_null())
        return failed_with("SystemError", "error return without exception set");
    // The helper module's frames are the embedding's plumbing, not the host's program.
    if (BaseException* be = as_exception(e)) {
        while (type_of(be->traceback) == types.traceback) {
            auto* tb = be->traceback.as<Traceback>();
            if (!tb->frame || tb->frame->globals != helper_dict())
                break;
            be->traceback = tb->next;
        }
    }
    Result r;
    r.m_failed = true;
    r.m_error.type = std::string(type_of(e)->name->view());
    slpy::Value s = to_str(v, e);
    if (s.is_null()) {
        v.clear_error();
        r.m_error.message = "<exception str() failed>";
    } else {
        r.m_error.message = std::string(as_str(s)->view());
    }
    r.m_error.traceback = format_exception(v, e);
    if (v.has_error())
        v.clear_error();
    r.m_exception = make_handle(e);
    return r;
}

void VMImpl::raise_result(Result const& r)
{
    slpy::VM& v = *vm;
    Handle const& original = r.m_exception;
    if (original.valid() && handle_roots(original) == roots.get()) {
        v.set_error(handle_value(original));
        return;
    }
    slpy::Value cls = builtin(r.m_error.type.c_str());
    if (!cls.is_null() && !cls.is_not_found() && type_of(cls) == types.type && is_subtype(cls.as<TypeObject>(), exc::BaseException)) {
        raise(v, cls.as<TypeObject>(), r.m_error.message);
        return;
    }
    v.clear_error();
    raise_fmt(v, exc::RuntimeError, "%s: %s", r.m_error.type.c_str(), r.m_error.message.c_str());
}

// ------------------------------------------------------------------ Python operations

slpy::Value VMImpl::call_values(slpy::Value callable, std::vector<HostValue> const& args)
{
    Tuple* t = args_tuple(args);
    if (!t)
        return slpy::Value::null();
    return slpy::call(*vm, callable, t->items, t->size);
}

slpy::Value VMImpl::compile(slpy::Value source, std::string const& filename, char const* mode)
{
    slpy::VM& v = *vm;
    slpy::Value fn = builtin("compile");
    if (fn.is_null() || fn.is_not_found())
        return raise(v, exc::RuntimeError, "builtins.compile is missing");
    slpy::Value args[3] = { source, TRY(str_value(v, filename)), TRY(str_value(v, mode)) };
    return slpy::call(v, fn, args, 3);
}

Result VMImpl::run_source(slpy::Value source, std::string const& filename, char const* mode)
{
    slpy::Value code = compile(source, filename, mode);
    if (code.is_null())
        return failed();
    slpy::Value r = in->exec_code(code.as<Code>(), main_dict(), slpy::Value::null());
    io_flush_io(*vm);
    return ok(r);
}

slpy::Value VMImpl::host_trampoline(slpy::VM& vm, slpy::Value const* args, size_t nargs, Tuple* kwnames)
{
    VMImpl* self = impl_of(vm);
    int64_t index = -1;
    if (!self || nargs == 0 || !int_to_i64(args[0], index) || index < 0 || size_t(index) >= self->functions.size())
        return raise(vm, exc::SystemError, "host function called without its VM");
    HostFunction const& f = self->functions[size_t(index)];
    ++args;
    --nargs;
    if (kwnames && kwnames->size)
        return raise_fmt(vm, exc::TypeError, "%s() takes no keyword arguments", f.name.c_str());
    if (f.nargs >= 0 && nargs != size_t(f.nargs))
        return raise_fmt(vm, exc::TypeError, "%s expected %d argument%s, got %zu", f.name.c_str(), f.nargs, f.nargs == 1 ? "" : "s", nargs);
    std::vector<HostValue> host_args(nargs);
    for (size_t i = 0; i < nargs; ++i)
        if (!self->to_host(args[i], host_args[i]))
            return slpy::Value::null();
    Args a(self->owner, f.name, std::move(host_args));
    Result r;
    try {
        r = f.fn(a);
    } catch (std::exception const& e) {
        return raise_fmt(vm, exc::RuntimeError, "C++ exception in host function %s(): %s", f.name.c_str(), e.what());
    } catch (...) {
        return raise_fmt(vm, exc::RuntimeError, "C++ exception in host function %s()", f.name.c_str());
    }
    if (!a.ok()) {
        self->raise_result(Result::fail(a.m_error.type, a.m_error.message));
        return slpy::Value::null();
    }
    if (!r.ok()) {
        self->raise_result(r);
        return slpy::Value::null();
    }
    slpy::Value out;
    if (!self->to_python(r.value(), out))
        return slpy::Value::null();
    return out;
}

bool VMImpl::define_function(slpy::Module* m, std::string const& name, Function fn, int nargs)
{
    slpy::VM& v = *vm;
    functions.push_back({ name, std::move(fn), nargs });
    slpy::Value index = int_from_i64(v, int64_t(functions.size() - 1));
    BuiltinFunction* bf = builtin_function_new(v, name.c_str(), host_trampoline, index);
    if (!bf)
        return false;
    bf->self = index;
    module_add(v, m, name.c_str(), slpy::Value::from_object(bf));
    return true;
}

VMImpl::~VMImpl()
{
    if (!vm)
        return;
    vm->make_current();
    // As CPython's Py_FinalizeEx: atexit's callbacks, then the streams.
    vm->run_exit_hooks();
    io_flush_std_streams(*vm);
    vm->clear_error();
    roots->impl = nullptr;
    roots->slots.clear();
    roots->free_slots.clear();
    modules.clear();
    // The interpreter's parts are plain C++ objects; the heap (and every object in it)
    // goes with the VM.
    delete in->sched;
    in->sched = nullptr;
    delete in->imports;
    in->imports = nullptr;
    vm->interp = nullptr;
    delete in;
    delete vm;
}

} // namespace detail

using detail::VMImpl;

// ------------------------------------------------------------------ Handle

Handle::Handle(Handle const& other)
{
    if (other.valid()) {
        m_roots = other.m_roots;
        m_slot = m_roots->add(m_roots->slots[other.m_slot]);
    }
}

Handle::Handle(Handle&& other) noexcept
    : m_roots(std::move(other.m_roots))
    , m_slot(other.m_slot)
{
}

Handle& Handle::operator=(Handle const& other)
{
    if (this != &other) {
        Handle copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Handle& Handle::operator=(Handle&& other) noexcept
{
    if (this != &other) {
        if (m_roots)
            m_roots->release(m_slot);
        m_roots = std::move(other.m_roots);
        m_slot = other.m_slot;
    }
    return *this;
}

Handle::~Handle()
{
    if (m_roots)
        m_roots->release(m_slot);
}

bool Handle::valid() const { return m_roots && m_roots->impl; }

std::string Handle::type_name() const { return valid() ? std::string(type_of(m_roots->slots[m_slot])->name->view()) : std::string(); }

std::string Handle::repr() const
{
    if (!valid())
        return "<invalid handle>";
    VMImpl& impl = *m_roots->impl;
    slpy::Value r = slpy::repr(*impl.vm, m_roots->slots[m_slot]);
    if (r.is_null())
        return impl.failed().error().traceback;
    return std::string(as_str(r)->view());
}

namespace {
Result invalid_handle() { return VMImpl::failed_with("ValueError", "the handle is empty or its VM was destroyed"); }
} // namespace

Result Handle::call(std::vector<HostValue> const& args) const
{
    if (!valid())
        return invalid_handle();
    VMImpl& impl = *m_roots->impl;
    return impl.ok(impl.call_values(m_roots->slots[m_slot], args));
}

Result Handle::getattr(std::string_view name) const
{
    if (!valid())
        return invalid_handle();
    VMImpl& impl = *m_roots->impl;
    String* n = intern(*impl.vm, name);
    return impl.ok(slpy::getattr(*impl.vm, m_roots->slots[m_slot], n));
}

Result Handle::call_method(std::string_view name, std::vector<HostValue> const& args) const
{
    if (!valid())
        return invalid_handle();
    VMImpl& impl = *m_roots->impl;
    slpy::Value m = slpy::getattr(*impl.vm, m_roots->slots[m_slot], intern(*impl.vm, name));
    if (m.is_null())
        return impl.failed();
    return impl.ok(impl.call_values(m, args));
}

// ------------------------------------------------------------------ HostValue, Result, Args

namespace {
std::string const kEmptyString;
HostValue::List const kEmptyList;
HostValue::Dict const kEmptyDict;
Handle const kEmptyHandle;
} // namespace

std::string const& HostValue::as_str() const { return is_str() ? std::get<std::string>(m_v) : kEmptyString; }
HostValue::List const& HostValue::as_list() const { return is_list() ? std::get<List>(m_v) : kEmptyList; }
HostValue::Dict const& HostValue::as_dict() const { return is_dict() ? std::get<Dict>(m_v) : kEmptyDict; }
Handle const& HostValue::as_object() const { return is_object() ? std::get<Handle>(m_v) : kEmptyHandle; }

HostValue const* HostValue::get(std::string_view key) const
{
    for (auto const& [k, v] : as_dict())
        if (k.is_str() && k.as_str() == key)
            return &v;
    return nullptr;
}

std::string HostValue::type_name() const
{
    switch (kind()) {
    case Kind::None: return "NoneType";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::Str: return "str";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Object: return as_object().type_name();
    }
    return "";
}

Result Result::fail(std::string type, std::string message) { return VMImpl::failed_with(std::move(type), std::move(message)); }

bool Args::check(size_t i, bool ok, char const* expected)
{
    if (m_failed)
        return false;
    if (i >= m_args.size()) {
        m_failed = true;
        m_error = { "TypeError", m_name + "() missing required argument (pos " + std::to_string(i + 1) + ")", "" };
        return false;
    }
    if (!ok) {
        m_failed = true;
        m_error = { "TypeError", m_name + "() argument " + std::to_string(i + 1) + " must be " + expected + ", not " + m_args[i].type_name(), "" };
        return false;
    }
    return true;
}

int64_t Args::get_int(size_t i)
{
    if (i < m_args.size() && m_args[i].is_object() && m_args[i].type_name() == "int" && !m_failed) {
        m_failed = true;
        m_error = { "OverflowError", "Python int too large to convert to C long", "" };
        return 0;
    }
    return check(i, i < m_args.size() && (m_args[i].is_int() || m_args[i].is_bool()), "int") ? m_args[i].as_int() : 0;
}

double Args::get_float(size_t i)
{
    return check(i, i < m_args.size() && (m_args[i].is_float() || m_args[i].is_int() || m_args[i].is_bool()), "float") ? m_args[i].as_float() : 0.0;
}

bool Args::get_bool(size_t i) { return check(i, i < m_args.size() && m_args[i].is_bool(), "bool") && m_args[i].as_bool(); }

std::string Args::get_str(size_t i) { return check(i, i < m_args.size() && m_args[i].is_str(), "str") ? m_args[i].as_str() : std::string(); }

HostValue::List Args::get_list(size_t i)
{
    return check(i, i < m_args.size() && m_args[i].is_list(), "list or tuple") ? m_args[i].as_list() : HostValue::List();
}

HostValue::Dict Args::get_dict(size_t i) { return check(i, i < m_args.size() && m_args[i].is_dict(), "dict") ? m_args[i].as_dict() : HostValue::Dict(); }

Handle Args::get_object(size_t i)
{
    if (!check(i, true, "object"))
        return Handle();
    HostValue const& a = m_args[i];
    if (a.is_object())
        return a.as_object();
    VMImpl& impl = *m_vm.m_impl;
    slpy::Value v;
    if (!impl.to_python(a, v)) {
        Result r = impl.failed();
        m_failed = true;
        m_error = r.error();
        return Handle();
    }
    return impl.make_handle(v);
}

// ------------------------------------------------------------------ Module

Module& Module::def(std::string const& name, Function fn, int nargs)
{
    if (m_module.valid())
        (void)m_impl.define_function(VMImpl::handle_value(m_module).as<slpy::Module>(), name, std::move(fn), nargs);
    return *this;
}

Module& Module::set(std::string const& name, HostValue const& value)
{
    if (!m_module.valid())
        return *this;
    slpy::Value v;
    if (!m_impl.to_python(value, v)) {
        m_impl.vm->clear_error();
        return *this;
    }
    module_add(*m_impl.vm, VMImpl::handle_value(m_module).as<slpy::Module>(), name.c_str(), v);
    return *this;
}

// ------------------------------------------------------------------ VM

std::unique_ptr<VM> VM::create(Options const& options, std::string* error)
{
    std::unique_ptr<VM> host(new VM());
    host->m_impl = std::make_unique<VMImpl>(*host);
    VMImpl& impl = *host->m_impl;
    // The shared runtime first, so that no VM exists while it is still being made (VMs
    // made on other threads at the same time read it without locks).
    ensure_shared_interpreter_runtime();
    impl.vm = new slpy::VM();
    slpy::VM& vm = *impl.vm;
    std::vector<std::string> argv = options.argv;
    if (argv.empty())
        argv.push_back("");
    impl.in = create_interpreter(vm, argv);
    impl.in->recursion_limit = options.recursion_limit;
    vm.max_native_depth = options.native_depth_limit;
    impl.roots->impl = &impl;

    // Start-up does not check its allocations (as the command line's).
    vm.heap.begin_infallible();
    auto state = std::make_unique<detail::EmbedState>();
    state->impl = &impl;
    state->roots = impl.roots;
    impl.state = static_cast<detail::EmbedState*>(vm.add_module_state(&detail::kEmbedKey, std::move(state)));
    std::string path_error;
    bool path_ok = imports_setup_path(vm, "", &path_error, options.stdlib_path);
    if (path_ok) {
        // The host's folders go first, before the library.
        if (auto* path = as_list(dict_get_str(vm, impl.in->sys_module->dict, intern(vm, "path")))) {
            List* fresh = list_new(vm);
            for (std::string const& p : options.module_paths)
                (void)list_append(vm, fresh, str_value(vm, p));
            for (size_t i = 0; i < path->size; ++i)
                (void)list_append(vm, fresh, path->items()[i]);
            module_add(vm, impl.in->sys_module, "path", slpy::Value::from_object(fresh));
        }
    }
    slpy::Module* main_module = module_new(vm, "__main__");
    module_add(vm, main_module, "__builtins__", slpy::Value::from_object(impl.in->builtins_module));
    (void)dict_set_str(vm, impl.in->modules, names.__main__, slpy::Value::from_object(main_module));
    impl.state->main_dict = slpy::Value::from_object(main_module->dict);
    slpy::Module* helper = module_new(vm, "_slpy_host");
    module_add(vm, helper, "__builtins__", slpy::Value::from_object(impl.in->builtins_module));
    impl.state->helper_dict = slpy::Value::from_object(helper->dict);
    vm.heap.end_infallible();
    if (!path_ok) {
        if (error)
            *error = path_error;
        return nullptr;
    }
    slpy::Value src = str_value(vm, detail::kHelperSource);
    slpy::Value code = src.is_null() ? src : impl.compile(src, detail::kHelperFile, "exec");
    if (code.is_null() || impl.in->exec_code(code.as<Code>(), helper->dict, slpy::Value::null()).is_null()) {
        Result r = impl.failed();
        if (error)
            *error = "slpy: the embedding's helper module failed:\n" + r.error().traceback;
        return nullptr;
    }
    return host;
}

VM::~VM() = default;

Module& VM::define_module(std::string const& name)
{
    VMImpl& impl = m_impl->enter();
    for (auto& [n, m] : impl.modules)
        if (n == name)
            return *m;
    slpy::VM& vm = *impl.vm;
    vm.heap.begin_infallible();
    slpy::Module* m = module_new(vm, name);
    (void)dict_set_str(vm, impl.in->modules, intern(vm, name), slpy::Value::from_object(m));
    vm.heap.end_infallible();
    return impl.add_module(name, slpy::Value::from_object(m));
}

Result VM::run_file(std::string const& path)
{
    VMImpl& impl = m_impl->enter();
    slpy::VM& vm = *impl.vm;
    // open(path, 'rb').read(): CPython's errors for a missing or unreadable file; the
    // bytes let compile() honour a coding cookie.
    slpy::Value open = impl.builtin("open");
    slpy::Value args[2] = { str_value(vm, path), str_value(vm, "rb") };
    if (args[0].is_null() || args[1].is_null())
        return impl.failed();
    slpy::Value f = slpy::call(vm, open, args, 2);
    if (f.is_null())
        return impl.failed();
    slpy::Value data = call_method(vm, f, names.read, nullptr, 0);
    slpy::Value closed = call_method(vm, f, names.close, nullptr, 0);
    if (data.is_null() || closed.is_null())
        return impl.failed();
    slpy::Value file = str_value(vm, path);
    if (file.is_null() || !dict_set_str(vm, impl.main_dict(), names.__file__, file))
        return impl.failed();
    return impl.run_source(data, path, "exec");
}

Result VM::run_string(std::string_view source, std::string const& filename)
{
    VMImpl& impl = m_impl->enter();
    slpy::Value src;
    if (!impl.to_python(HostValue(source), src))
        return impl.failed();
    return impl.run_source(src, filename, "exec");
}

Result VM::eval(std::string_view expression)
{
    VMImpl& impl = m_impl->enter();
    slpy::Value src;
    if (!impl.to_python(HostValue(expression), src))
        return impl.failed();
    return impl.run_source(src, "<string>", "eval");
}

Result VM::get_global(std::string const& name)
{
    VMImpl& impl = m_impl->enter();
    slpy::VM& vm = *impl.vm;
    slpy::Value v = dict_get_str(vm, impl.main_dict(), intern(vm, name));
    if (v.is_not_found())
        raise_fmt(vm, exc::NameError, "name '%s' is not defined", name.c_str());
    return impl.ok(v.is_not_found() ? slpy::Value::null() : v);
}

Result VM::set_global(std::string const& name, HostValue const& value)
{
    VMImpl& impl = m_impl->enter();
    slpy::Value v;
    if (!impl.to_python(value, v) || !dict_set_str(*impl.vm, impl.main_dict(), intern(*impl.vm, name), v))
        return impl.failed();
    return Result();
}

Result VM::import_module(std::string const& name)
{
    VMImpl& impl = m_impl->enter();
    slpy::Value m = impl.in->import_module(intern(*impl.vm, name));
    if (m.is_null())
        return impl.failed();
    return Result(impl.make_handle(m));
}

Result VM::call(std::string const& module, std::string const& function, std::vector<HostValue> const& args)
{
    Result m = import_module(module);
    if (!m)
        return m;
    Result f = m.value().as_object().getattr(function);
    if (!f)
        return f;
    return call(f.value(), args);
}

Result VM::call(HostValue const& callable, std::vector<HostValue> const& args)
{
    VMImpl& impl = m_impl->enter();
    slpy::Value c;
    if (!impl.to_python(callable, c))
        return impl.failed();
    return impl.ok(impl.call_values(c, args));
}

Result VM::spawn(HostValue const& callable, std::vector<HostValue> const& args)
{
    VMImpl& impl = m_impl->enter();
    return call(HostValue(impl.make_handle(impl.helper("spawn"))), { callable, HostValue(args) });
}

Result VM::new_channel() { return call("stackless", "channel"); }

Result VM::send(Handle const& channel, HostValue const& value)
{
    VMImpl& impl = m_impl->enter();
    return call(HostValue(impl.make_handle(impl.helper("send"))), { HostValue(channel), value });
}

Result VM::try_receive(Handle const& channel)
{
    Result balance = channel.getattr("balance");
    if (!balance)
        return balance;
    if (!balance.value().is_int() || balance.value().as_int() <= 0)
        return Result::fail("RuntimeError", "channel has no waiting sender");
    return channel.call_method("receive");
}

Result VM::tick(int64_t budget)
{
    VMImpl& impl = m_impl->enter();
    if (budget <= 0)
        return Result::fail("ValueError", "tick budget must be positive");
    return impl.ok(impl.call_values(impl.helper("tick"), { HostValue(budget) }));
}

int64_t VM::runnable() const
{
    Scheduler* s = m_impl->in->sched;
    return s ? int64_t(s->runcount()) - 1 : 0;
}

void VM::collect() { m_impl->vm->heap.collect(); }

} // namespace slpy::embed
