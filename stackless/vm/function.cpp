// Python functions and closure cells: creation, GC tracing, and the Python-level
// `function` type (__name__, __defaults__, __code__, __get__, ...) and `cell` type.
#include "stackless/vm/function.h"

#include "objects/function.h"
#include "objects/int.h"
#include "objects/type.h"

#include <cstddef>
#include <cstdio>
#include <string>

#include <cstddef>
#include <utility>

namespace slpy {

extern NativeFn const instance_dict_get; // objects/object_methods.cpp
extern NativeFn const instance_dict_set;

Function* function_new(VM& vm, Code* code, Dict* globals, Dict* builtins)
{
    auto* f = vm.heap.make<Function>(types.function);
    if (!f)
        return nullptr;
    f->code = code;
    f->globals = globals;
    f->builtins = builtins;
    f->name = code->name;
    f->qualname = code->qualname;
    // CPython 3.11: the docstring is co_consts[0] when that is a str.
    Value doc = code->consts->size > 0 ? code->consts->items[0] : py_none();
    f->doc = is_str(doc) ? doc : py_none();
    Value module = globals ? dict_get_str(vm, globals, names.__name__) : Value::not_found();
    if (module.is_null()) {
        vm.clear_error();
        module = Value::not_found();
    }
    f->module = module.is_not_found() ? py_none() : module;
    return f;
}

Cell* cell_new(VM& vm, Value v)
{
    auto* c = vm.heap.make<Cell>(types.cell);
    if (!c)
        return nullptr;
    c->ref = v;
    return c;
}

static void trace_function(Object* o, Tracer& t)
{
    auto* f = static_cast<Function*>(o);
    t.visit(f->code);
    t.visit(f->globals);
    t.visit(f->builtins);
    t.visit(f->name);
    t.visit(f->qualname);
    t.visit(f->defaults);
    t.visit(f->kwdefaults);
    t.visit(f->closure);
    t.visit(f->dict);
    t.visit(f->doc);
    t.visit(f->module);
    t.visit(f->annotations);
}

static void trace_cell(Object* o, Tracer& t)
{
    t.visit(static_cast<Cell*>(o)->ref);
}

namespace {

Function* self_fn(Value const* args) { return args[0].as<Function>(); }
Value or_none(Object* o) { return o ? Value::from_object(o) : py_none(); }
Value or_none(Value v) { return v.is_null() ? py_none() : v; }

Value fn_get_name(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_fn(args)->name); }
Value fn_set_name(VM& vm, Value const* args, size_t, Tuple*)
{
    String* s = args[1].is_null() ? nullptr : as_str(args[1]);
    if (!s)
        return raise(vm, exc::TypeError, "__name__ must be set to a string object");
    self_fn(args)->name = s;
    return py_none();
}

Value fn_get_qualname(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_fn(args)->qualname); }
Value fn_set_qualname(VM& vm, Value const* args, size_t, Tuple*)
{
    String* s = args[1].is_null() ? nullptr : as_str(args[1]);
    if (!s)
        return raise(vm, exc::TypeError, "__qualname__ must be set to a string object");
    self_fn(args)->qualname = s;
    return py_none();
}

Value fn_get_defaults(VM&, Value const* args, size_t, Tuple*) { return or_none(self_fn(args)->defaults); }
Value fn_set_defaults(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = args[1];
    if (v.is_null() || is_none(v)) {
        self_fn(args)->defaults = nullptr;
        return py_none();
    }
    // Any length goes: argument binding uses the last argcount items (stackless/vm/call.cpp).
    // A tuple subclass is accepted as CPython does; its tuple value is kept.
    Tuple* t = as_tuple(v);
    if (!t)
        return raise(vm, exc::TypeError, "__defaults__ must be set to a tuple object");
    self_fn(args)->defaults = t;
    return py_none();
}

Value fn_get_kwdefaults(VM&, Value const* args, size_t, Tuple*) { return or_none(self_fn(args)->kwdefaults); }
Value fn_set_kwdefaults(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = args[1];
    if (v.is_null() || is_none(v)) {
        self_fn(args)->kwdefaults = nullptr;
        return py_none();
    }
    Dict* d = as_dict(v);
    if (!d)
        return raise(vm, exc::TypeError, "__kwdefaults__ must be set to a dict object");
    self_fn(args)->kwdefaults = d;
    return py_none();
}

Value fn_get_code(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_fn(args)->code); }
Value fn_set_code(VM& vm, Value const* args, size_t, Tuple*)
{
    Function* f = self_fn(args);
    Value v = args[1];
    if (v.is_null() || type_of(v) != types.code)
        return raise(vm, exc::TypeError, "__code__ must be set to a code object");
    Code* c = v.as<Code>();
    size_t nclosure = f->closure ? f->closure->size : 0;
    if (c->nfree != nclosure)
        return raise_fmt(vm, exc::ValueError, "%s() requires a code object with %zu free vars, not %u", f->name->c_str(),
                         nclosure, c->nfree);
    f->code = c;
    return py_none();
}


Value fn_get_doc(VM&, Value const* args, size_t, Tuple*) { return or_none(self_fn(args)->doc); }
Value fn_set_doc(VM&, Value const* args, size_t, Tuple*)
{
    self_fn(args)->doc = args[1].is_null() ? py_none() : args[1];
    return py_none();
}

Value fn_get_module(VM&, Value const* args, size_t, Tuple*) { return or_none(self_fn(args)->module); }
Value fn_set_module(VM&, Value const* args, size_t, Tuple*)
{
    self_fn(args)->module = args[1].is_null() ? py_none() : args[1];
    return py_none();
}

// __annotations__: made on first access. MAKE_FUNCTION may leave a flat tuple of
// (name, value) pairs, turned into the dict here as CPython does.
Value fn_get_annotations(VM& vm, Value const* args, size_t, Tuple*)
{
    Function* f = self_fn(args);
    Value a = f->annotations;
    if (a.is_null() || is_none(a)) {
        f->annotations = TRY(Value::from_object(dict_new(vm)));
    } else if (Tuple* t = as_tuple(a)) {
        Dict* d = dict_new(vm);
        if (!d)
            return Value::null();
        for (size_t i = 0; i + 1 < t->size; i += 2)
            if (!dict_set(vm, d, t->items[i], t->items[i + 1]))
                return Value::null();
        f->annotations = Value::from_object(d);
    }
    return f->annotations;
}

Value fn_set_annotations(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = args[1];
    if (v.is_null() || is_none(v)) {
        self_fn(args)->annotations = Value::null();
        return py_none();
    }
    if (!as_dict(v))
        return raise(vm, exc::TypeError, "__annotations__ must be set to a dict object");
    self_fn(args)->annotations = v;
    return py_none();
}

// f.__get__(obj, type=None): a bound method, or the function itself without an instance.
Value fn_descr_get(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "__get__", kw) || !check_nargs(vm, "", nargs - 1, 1, 2))
        return Value::null();
    Value obj = args[1];
    if (is_none(obj)) {
        Value type = nargs > 2 ? args[2] : py_none();
        if (is_none(type))
            return raise(vm, exc::TypeError, "__get__(None, None) is invalid");
        return args[0];
    }
    return bound_method_new(vm, args[0], obj);
}

Value fn_call(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    return vm.call_python(vm, args[0], args + 1, nargs - 1, kw);
}

Value fn_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Function* f = self_fn(args);
    char buf[48];
    std::snprintf(buf, sizeof buf, " at %p>", static_cast<void*>(f));
    return str_value(vm, std::string("<function ") + f->qualname->c_str() + buf);
}

Cell* self_cell(Value const* args) { return args[0].as<Cell>(); }

Value cell_get_contents(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = self_cell(args)->ref;
    if (v.is_null())
        return raise(vm, exc::ValueError, "Cell is empty");
    return v;
}

Value cell_set_contents(VM&, Value const* args, size_t, Tuple*)
{
    self_cell(args)->ref = args[1]; // null for `del`: the cell becomes empty
    return py_none();
}

Value cell_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Cell* c = self_cell(args);
    char buf[96];
    if (c->ref.is_null()) {
        std::snprintf(buf, sizeof buf, "<cell at %p: empty>", static_cast<void*>(c));
        return str_value(vm, buf);
    }
    std::string s;
    std::snprintf(buf, sizeof buf, "<cell at %p: ", static_cast<void*>(c));
    s = buf;
    s += type_name(c->ref);
    // Inline ints and floats have no address; show the value word as CPython shows one.
    void* addr = c->ref.is_object() ? static_cast<void*>(c->ref.as_object()) : reinterpret_cast<void*>(c->ref.bits());
    std::snprintf(buf, sizeof buf, " object at %p>", addr);
    s += buf;
    return str_value(vm, s);
}

// cell(contents) / cell(): CPython 3.8+ lets Python make cells.
Value cell_new_method(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "cell", kw) || !check_nargs(vm, "cell", nargs - 1, 0, 1))
        return Value::null();
    return Value::from_object(cell_new(vm, nargs > 1 ? args[1] : Value::null()));
}

} // namespace

void setup_function_types(VM& vm)
{
    TypeObject* ft = types.function;
    ft->basicsize = sizeof(Function);
    ft->dict_offset = offsetof(Function, dict);
    ft->trace = trace_function;
    ft->finalize = nullptr;
    add_methods(vm, ft,
                {
                    { "__repr__", fn_repr },
                    { "__get__", fn_descr_get },
                    { "__call__", fn_call },
                });
    // __globals__, __builtins__, __closure__: read-only members, as CPython's (types.py
    // takes MemberDescriptorType from FunctionType.__globals__).
    for (auto [name, offset] : { std::pair{ "__globals__", offsetof(Function, globals) },
                                 std::pair{ "__builtins__", offsetof(Function, builtins) },
                                 std::pair{ "__closure__", offsetof(Function, closure) } })
        (void)add_member(vm, ft, name, uint32_t(offset), MEMBER_READONLY | MEMBER_NONE_IF_NULL);
    add_getsets(vm, ft,
                {
                    { "__name__", fn_get_name, fn_set_name },
                    { "__qualname__", fn_get_qualname, fn_set_qualname },
                    { "__defaults__", fn_get_defaults, fn_set_defaults },
                    { "__kwdefaults__", fn_get_kwdefaults, fn_set_kwdefaults },
                    { "__code__", fn_get_code, fn_set_code },
                    { "__dict__", instance_dict_get, instance_dict_set },
                    { "__doc__", fn_get_doc, fn_set_doc },
                    { "__module__", fn_get_module, fn_set_module },
                    { "__annotations__", fn_get_annotations, fn_set_annotations },
                });

    TypeObject* ct = types.cell;
    ct->basicsize = sizeof(Cell);
    ct->trace = trace_cell;
    ct->finalize = nullptr;
    add_methods(vm, ct,
                {
                    { "__repr__", cell_repr },
                    { "__new__", cell_new_method, METH_STATIC },
                });
    add_getsets(vm, ct, { { "cell_contents", cell_get_contents, cell_set_contents } });
}

} // namespace slpy
