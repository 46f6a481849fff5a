// Special methods the eval loop runs as frames (see hooks.h).
#include "stackless/vm/hooks.h"

#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/eval_support.h"
#include "stackless/vm/function.h"

namespace slpy {

namespace {

// Built-ins hook_builtin_call knows, kept in bits 24-31 of BuiltinFunction::mflags.
enum class Intrinsic : uint32_t { None, Len, Repr, Iter, Next, Hash, Abs, Format };
constexpr uint32_t kIntrinsicShift = 24;

Hook make_hook(Value fn, ResultCheck check, std::initializer_list<Value> args)
{
    Hook h;
    h.fn = fn.as<Function>();
    h.check = check;
    for (Value a : args)
        h.args[h.nargs++] = a;
    return h;
}

// The slot of object itself (object.__str__, object.__setattr__, ...): a class that
// inherits it follows the generic protocol.
bool is_object_slot(Value f, Slot s) { return f.is(types.object->slot(s)); }

} // namespace

Hook hook_slot(Value self, Slot slot, ResultCheck check, Value arg)
{
    Value f = type_of(self)->slot(slot);
    if (!is_function(f))
        return {};
    if (arg.is_null())
        return make_hook(f, check, { self });
    return make_hook(f, check, { self, arg });
}

Hook hook_truth(Value v)
{
    TypeObject* t = type_of(v);
    Value b = t->slot(Slot::BOOL);
    if (is_function(b))
        return make_hook(b, ResultCheck::Bool, { v });
    if (b.is_null())
        return hook_slot(v, Slot::LEN, ResultCheck::LenTruth);
    return {};
}

// str(v): __str__, or __repr__ through object.__str__.
static Hook hook_str(Value v)
{
    TypeObject* t = type_of(v);
    Value s = t->slot(Slot::STR);
    if (is_function(s))
        return make_hook(s, ResultCheck::Str, { v });
    if (is_object_slot(s, Slot::STR))
        return hook_slot(v, Slot::REPR, ResultCheck::Repr);
    return {};
}

Hook hook_format_value(Value v, uint32_t conversion, Value spec)
{
    TypeObject* t = type_of(v);
    if (!t->is_heap_type())
        return {};
    switch (conversion) {
    case 0: {
        Value f = t->slot(Slot::FORMAT);
        if (is_function(f))
            return make_hook(f, ResultCheck::Format, { v, spec.is_null() ? Value::from_object(empty_str()) : spec });
        // object.__format__ with an empty spec is str(v).
        if (spec.is_null() && is_object_slot(f, Slot::FORMAT))
            return hook_str(v);
        return {};
    }
    case 1: return spec.is_null() ? hook_str(v) : Hook{};
    case 2: return spec.is_null() ? hook_slot(v, Slot::REPR, ResultCheck::Repr) : Hook{};
    default: return {};
    }
}

Hook hook_setattr(Value obj, String* name, Value value)
{
    TypeObject* t = type_of(obj);
    if (!t->is_heap_type())
        return {};
    bool del = value.is_null();
    Value nv = Value::from_object(name);
    Slot hook = del ? Slot::DELATTR : Slot::SETATTR;
    Value sa = t->slot(hook);
    if (is_function(sa))
        return del ? make_hook(sa, ResultCheck::None, { obj, nv }) : make_hook(sa, ResultCheck::None, { obj, nv, value });
    if (!sa.is_null() && !is_object_slot(sa, hook))
        return {};
    Value descr = type_lookup(t, name);
    if (descr.is_not_found())
        return {};
    TypeObject* dt = type_of(descr);
    if (dt == types.property) {
        Value fn = property_function(descr, del ? 2 : 1);
        if (!is_function(fn))
            return {};
        return del ? make_hook(fn, ResultCheck::None, { obj }) : make_hook(fn, ResultCheck::None, { obj, value });
    }
    Value set = dt->slot(del ? Slot::DELETE : Slot::SET);
    if (!is_function(set))
        return {};
    return del ? make_hook(set, ResultCheck::None, { descr, obj }) : make_hook(set, ResultCheck::None, { descr, obj, value });
}

Value hook_getattr(VM& vm, Value obj, String* name, Hook& hook, bool& fallback)
{
    TypeObject* t = type_of(obj);
    if (!t->is_heap_type())
        return getattr(vm, obj, name);
    Value nv = Value::from_object(name);
    Value getattr_fn = t->slot(Slot::GETATTR);
    fallback = !getattr_fn.is_null();
    Value ga = t->slot(Slot::GETATTRIBUTE);
    if (is_function(ga)) {
        hook = make_hook(ga, ResultCheck::None, { obj, nv });
        return Value::not_found();
    }
    if (!is_object_slot(ga, Slot::GETATTRIBUTE))
        return getattr(vm, obj, name);
    // object.__getattribute__: the class's descriptor first.
    Value descr = type_lookup(t, name);
    if (!descr.is_not_found()) {
        TypeObject* dt = type_of(descr);
        if (dt == types.property) {
            Value fget = property_function(descr, 0);
            if (is_function(fget)) {
                hook = make_hook(fget, ResultCheck::None, { obj });
                return Value::not_found();
            }
        } else if (Value get = dt->slot(Slot::GET); is_function(get)) {
            bool data = !dt->slot(Slot::SET).is_null() || !dt->slot(Slot::DELETE).is_null();
            if (!data && obj.is_object()) {
                // A non-data descriptor yields to the instance's own attribute.
                if (Dict* d = instance_dict(vm, obj.as_object(), false)) {
                    Value v = dict_get_str(vm, d, name);
                    if (!v.is_not_found())
                        return v;
                }
            }
            hook = make_hook(get, ResultCheck::None, { descr, obj, Value::from_object(t) });
            return Value::not_found();
        }
    }
    if (!is_function(getattr_fn))
        return getattr(vm, obj, name);
    Value r = generic_getattr(vm, obj, name);
    if (r.is_null() && vm.error_matches(exc::AttributeError)) {
        vm.clear_error();
        r = Value::not_found();
    }
    if (r.is_not_found()) {
        hook = make_hook(getattr_fn, ResultCheck::None, { obj, nv });
        fallback = false;
    }
    return r;
}

bool is_builtin_next(Value callable)
{
    return type_of(callable) == types.builtin_function
        && static_cast<Intrinsic>(callable.as<BuiltinFunction>()->mflags >> kIntrinsicShift) == Intrinsic::Next;
}

Hook hook_builtin_call(Value callable, Value const* args, size_t nargs)
{
    if (nargs == 0 || nargs > 2)
        return {};
    Value x = args[0];
    if (!type_of(x)->is_heap_type())
        return {};
    TypeObject* ct = type_of(callable);
    if (ct == types.builtin_function) {
        auto id = static_cast<Intrinsic>(callable.as<BuiltinFunction>()->mflags >> kIntrinsicShift);
        if (id == Intrinsic::Format) {
            Value spec = nargs == 2 ? args[1] : Value::from_object(empty_str());
            if (!is_exact_str(spec))
                return {};
            return hook_slot(x, Slot::FORMAT, ResultCheck::Format, spec);
        }
        if (nargs != 1)
            return {};
        switch (id) {
        case Intrinsic::Len: return hook_slot(x, Slot::LEN, ResultCheck::Len);
        case Intrinsic::Repr: return hook_slot(x, Slot::REPR, ResultCheck::Repr);
        case Intrinsic::Iter: return hook_slot(x, Slot::ITER, ResultCheck::Iter);
        case Intrinsic::Next: return hook_slot(x, Slot::NEXT, ResultCheck::None);
        case Intrinsic::Hash: return hook_slot(x, Slot::HASH, ResultCheck::Hash);
        case Intrinsic::Abs: return hook_slot(x, Slot::ABS, ResultCheck::None);
        default: return {};
        }
    }
    if (nargs == 1 && callable.is(Value::from_object(types.str)))
        return hook_str(x);
    if (nargs == 1 && callable.is(Value::from_object(types.bool_)))
        return hook_truth(x);
    return {};
}

Value check_result(VM& vm, ResultCheck check, Value r)
{
    switch (check) {
    case ResultCheck::None: return r;
    case ResultCheck::Truth: {
        int t = truthy(vm, r);
        return t < 0 ? Value::null() : py_bool(t);
    }
    case ResultCheck::Bool: {
        int t = bool_result(vm, r);
        return t < 0 ? Value::null() : py_bool(t);
    }
    case ResultCheck::LenTruth:
    case ResultCheck::Len: {
        int64_t n;
        if (!len_result(vm, r, n))
            return Value::null();
        return check == ResultCheck::Len ? int_from_i64(vm, n) : py_bool(n != 0);
    }
    case ResultCheck::Hash: {
        int64_t h;
        if (!hash_result(vm, r, h))
            return Value::null();
        return int_from_i64(vm, h);
    }
    case ResultCheck::Iter: return iter_result(vm, r);
    case ResultCheck::Str: return str_result(vm, r, "__str__");
    case ResultCheck::Repr: return str_result(vm, r, "__repr__");
    case ResultCheck::Format: return format_result(vm, r);
    }
    return r;
}

DriveFn drive_fn_of(Value callable)
{
    TypeObject* t = type_of(callable);
    if (t != types.builtin_function && t != types.method_descriptor)
        return DriveFn::None;
    uint32_t id = callable.as<BuiltinFunction>()->mflags >> kIntrinsicShift;
    return id >= uint32_t(DriveFn::Sorted) ? static_cast<DriveFn>(id) : DriveFn::None;
}

bool calls_python(Value f)
{
    TypeObject* t = type_of(f);
    if (t == types.function)
        return true;
    if (t == types.method)
        return is_function(f.as<BoundMethod>()->func);
    if (t->has_flag(TF_TYPE_SUBCLASS))
        return f.as<TypeObject>()->is_heap_type();
    return t->is_heap_type() && is_function(t->slot(Slot::CALL));
}

bool is_drive_callable(Value callable)
{
    TypeObject* t = type_of(callable);
    if (t->has_flag(TF_TYPE_SUBCLASS))
        return callable.as<TypeObject>()->has_flag(TF_DRIVES_PYTHON);
    return drive_fn_of(callable) != DriveFn::None;
}

void mark_drive_builtins(VM& vm, Dict* builtins)
{
    static constexpr struct {
        char const* name;
        DriveFn id;
    } kDrive[] = {
        { "sorted", DriveFn::Sorted }, { "min", DriveFn::Min }, { "max", DriveFn::Max },
        { "sum", DriveFn::Sum },       { "any", DriveFn::Any }, { "all", DriveFn::All },
    };
    for (auto const& k : kDrive) {
        Value f = dict_get_str(vm, builtins, intern(vm, k.name));
        if (!f.is_null() && type_of(f) == types.builtin_function)
            f.as<BuiltinFunction>()->mflags |= METH_SWITCH | static_cast<uint32_t>(k.id) << kIntrinsicShift;
    }
}

void mark_drive_types(VM& rt)
{
    Value join = dict_get_str(rt, types.str->dict, intern(rt, "join"));
    if (!join.is_null() && type_of(join) == types.method_descriptor)
        join.as<BuiltinFunction>()->mflags |= METH_SWITCH | static_cast<uint32_t>(DriveFn::Join) << kIntrinsicShift;
    for (TypeObject* t : { types.list, types.tuple, types.set, types.frozenset, types.dict })
        t->tflags |= TF_DRIVES_PYTHON;
    mark_drive_iterators(rt);
}

void mark_builtin_intrinsics(VM& vm, Dict* builtins)
{
    static constexpr struct {
        char const* name;
        Intrinsic id;
    } kKnown[] = {
        { "len", Intrinsic::Len },   { "repr", Intrinsic::Repr }, { "iter", Intrinsic::Iter },     { "next", Intrinsic::Next },
        { "hash", Intrinsic::Hash }, { "abs", Intrinsic::Abs },   { "format", Intrinsic::Format },
    };
    for (auto const& k : kKnown) {
        Value f = dict_get_str(vm, builtins, intern(vm, k.name));
        if (!f.is_null() && type_of(f) == types.builtin_function)
            f.as<BuiltinFunction>()->mflags |= static_cast<uint32_t>(k.id) << kIntrinsicShift;
    }
    // exec() and eval() hand their frame to the loop when it calls them (exec_code_soft).
    for (char const* name : { "exec", "eval" }) {
        Value f = dict_get_str(vm, builtins, intern(vm, name));
        if (!f.is_null() && type_of(f) == types.builtin_function)
            f.as<BuiltinFunction>()->mflags |= METH_SWITCH;
    }
    mark_drive_builtins(vm, builtins);
}

} // namespace slpy
