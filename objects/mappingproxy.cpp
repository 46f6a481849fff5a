// mappingproxy: the read-only view of a mapping that a class's __dict__ is (CPython's
// types.MappingProxyType). Reads go to the mapping through the generic protocols, so a
// class namespace changed later shows through; there is no way to write through it.
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

namespace slpy {

namespace {

struct MappingProxy : Object {
    Value mapping;
};

void mappingproxy_trace(Object* self, Tracer& t) { t.visit(static_cast<MappingProxy*>(self)->mapping); }

Value target(Value const* args) { return static_cast<MappingProxy*>(args[0].as_object())->mapping; }

Value mp_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[1];
    if (!parse_args(vm, "mappingproxy", args + 1, nargs - 1, kwnames, { "mapping" }, 1, out))
        return Value::null();
    Value m = out[0];
    TypeObject* t = type_of(m);
    // As CPython's mappingproxy_check_mapping: a mapping, but not a list or tuple.
    if (t->slot(Slot::GETITEM).is_null() || is_instance_fast(m, types.list) || is_instance_fast(m, types.tuple))
        return raise_fmt(vm, exc::TypeError, "mappingproxy() argument must be a mapping, not %s", type_name(m));
    return make_mappingproxy(vm, m);
}

Value mp_getitem(VM& vm, Value const* args, size_t, Tuple*) { return getitem(vm, target(args), args[1]); }

Value mp_contains(VM& vm, Value const* args, size_t, Tuple*)
{
    int r = contains(vm, target(args), args[1]);
    return r < 0 ? Value::null() : py_bool(r);
}

Value mp_len(VM& vm, Value const* args, size_t, Tuple*)
{
    int64_t n;
    if (!length(vm, target(args), n))
        return Value::null();
    return Value::small_int(n);
}

Value mp_iter(VM& vm, Value const* args, size_t, Tuple*) { return get_iter(vm, target(args)); }

Value mp_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Value r = TRY(repr(vm, target(args)));
    std::string out = "mappingproxy(";
    out += as_str(r)->view();
    out += ')';
    return str_value(vm, out);
}

Value mp_str(VM& vm, Value const* args, size_t, Tuple*) { return to_str(vm, target(args)); }

Value mp_eq(VM& vm, Value const* args, size_t, Tuple*) { return rich_compare(vm, target(args), args[1], CmpArg::EQ); }
Value mp_ne(VM& vm, Value const* args, size_t, Tuple*) { return rich_compare(vm, target(args), args[1], CmpArg::NE); }

// get/keys/values/items/copy are the mapping's own methods.
Value forward(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name)
{
    String* method = intern(vm, name);
    if (!method)
        return Value::null();
    return call_method(vm, target(args), method, args + 1, nargs - 1, kwnames);
}
Value mp_get(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "get", kw) || !check_nargs(vm, "get", nargs - 1, 1, 2))
        return Value::null();
    return forward(vm, args, nargs, kw, "get");
}
Value mp_keys(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return forward(vm, args, nargs, kw, "keys"); }
Value mp_values(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return forward(vm, args, nargs, kw, "values"); }
Value mp_items(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return forward(vm, args, nargs, kw, "items"); }
Value mp_copy(VM& vm, Value const* args, size_t nargs, Tuple* kw) { return forward(vm, args, nargs, kw, "copy"); }
Value mp_reversed(VM& vm, Value const* args, size_t, Tuple*)
{
    Value m = target(args);
    return call1(vm, Value::from_object(types.reversed), m);
}

// proxy | other and other | proxy: the operator on the mappings themselves (a new dict
// for dicts), as CPython's mappingproxy_or.
Value unwrap(Value v) { return type_of(v) == types.mappingproxy ? static_cast<MappingProxy*>(v.as_object())->mapping : v; }
Value mp_or(VM& vm, Value const* args, size_t, Tuple*) { return binary_op(vm, unwrap(args[0]), unwrap(args[1]), BinOpArg::OR); }
Value mp_ror(VM& vm, Value const* args, size_t, Tuple*) { return binary_op(vm, unwrap(args[1]), unwrap(args[0]), BinOpArg::OR); }

Value mp_ior(VM& vm, Value const* args, size_t, Tuple*)
{
    return raise_fmt(vm, exc::TypeError, "'|=' is not supported by %s; use '|' instead", type_name(args[0]));
}

} // namespace

Value make_mappingproxy(VM& vm, Value mapping)
{
    auto* p = vm.heap.make<MappingProxy>(types.mappingproxy);
    if (!p)
        return Value::null();
    p->mapping = mapping;
    return Value::from_object(p);
}

void setup_mappingproxy(VM& vm)
{
    TypeObject* t = types.mappingproxy;
    t->basicsize = sizeof(MappingProxy);
    t->trace = mappingproxy_trace;
    add_methods(vm, t,
                {
                    { "__new__", mp_new, METH_STATIC },
                    { "__getitem__", mp_getitem },
                    { "__contains__", mp_contains },
                    { "__len__", mp_len },
                    { "__iter__", mp_iter },
                    { "__reversed__", mp_reversed },
                    { "__repr__", mp_repr },
                    { "__str__", mp_str },
                    { "__eq__", mp_eq },
                    { "__ne__", mp_ne },
                    { "__or__", mp_or },
                    { "__ror__", mp_ror },
                    { "__ior__", mp_ior },
                    { "get", mp_get },
                    { "keys", mp_keys },
                    { "values", mp_values },
                    { "items", mp_items },
                    { "copy", mp_copy },
                });
}

} // namespace slpy
