// Python-level behaviour of `object` and `type`: generic attribute access, descriptors,
// instance creation (type.__call__), default repr/hash/eq, and type introspection.
#include <algorithm>
#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/reduce.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstdio>
#include <string>

namespace slpy {

Value member_descriptor_get(VM& vm, Object* descr, Value obj);
bool member_descriptor_set(VM& vm, Object* descr, Value obj, Value value);
void setup_member_descriptor(VM& vm); // objects/type.cpp
void setup_functions(VM& vm);

// ------------------------------------------------------------------ descriptors

Value descriptor_get(VM& vm, Value descr, Value obj, TypeObject* type)
{
    TypeObject* dt = type_of(descr);
    if (dt == types.function) {
        if (obj.is_null())
            return descr;
        return bound_method_new(vm, descr, obj);
    }
    if (dt == types.member_descriptor) {
        if (obj.is_null())
            return descr;
        return member_descriptor_get(vm, descr.as_object(), obj);
    }
    // Built-in descriptors are applied directly: their Python-level __get__ reads an
    // instance None as class access, which would be wrong for None's own attributes.
    if (dt == types.getset_descriptor) {
        auto* g = descr.as<GetSetDescriptor>();
        if (obj.is_null())
            return descr;
        if (!is_instance_fast(obj, g->owner))
            return raise_fmt(vm, exc::TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", g->name->c_str(),
                             g->owner->name->c_str(), type_name(obj));
        return g->get(vm, &obj, 1, nullptr);
    }
    if (dt == types.method_descriptor && !(descr.as<BuiltinFunction>()->mflags & (METH_CLASS | METH_STATIC))) {
        if (obj.is_null())
            return descr;
        return method_descriptor_bind(vm, descr.as<BuiltinFunction>(), obj);
    }
    Value get = dt->slot(Slot::GET);
    if (get.is_null())
        return descr;
    Value args[3] = { descr, obj.is_null() ? py_none() : obj, Value::from_object(type) };
    return call(vm, get, args, 3);
}

static bool is_data_descriptor(TypeObject* dt)
{
    return !dt->slot(Slot::SET).is_null() || !dt->slot(Slot::DELETE).is_null() || dt == types.member_descriptor;
}

Value generic_getattr(VM& vm, Value obj, String* name)
{
    TypeObject* type = type_of(obj);
    Value descr = type_lookup(type, name);
    TypeObject* dt = descr.is_not_found() ? nullptr : type_of(descr);
    // A data descriptor wins over the instance dict only when it can get (CPython: a
    // descriptor with __set__ but no __get__ lets the instance's value show).
    if (dt && dt != types.function && is_data_descriptor(dt)
        && (!dt->slot(Slot::GET).is_null() || dt == types.getset_descriptor || dt == types.member_descriptor))
        return descriptor_get(vm, descr, obj, type);
    if (obj.is_object()) {
        if (Dict* d = instance_dict(vm, obj.as_object(), false)) {
            Value v = dict_get_str(vm, d, name);
            if (!v.is_not_found())
                return v;
        }
    }
    if (dt) {
        if (dt == types.function || !dt->slot(Slot::GET).is_null())
            return descriptor_get(vm, descr, obj, type);
        return descr;
    }
    return Value::not_found();
}

bool generic_setattr(VM& vm, Value obj, String* name, Value value)
{
    TypeObject* type = type_of(obj);
    Value descr = type_lookup(type, name);
    if (!descr.is_not_found()) {
        TypeObject* dt = type_of(descr);
        if (dt == types.member_descriptor)
            return member_descriptor_set(vm, descr.as_object(), obj, value);
        Slot s = value.is_null() ? Slot::DELETE : Slot::SET;
        if (!dt->slot(s).is_null()) {
            Value args[2] = { obj, value };
            return !call_slot(vm, descr, s, args, value.is_null() ? 1 : 2).is_null();
        }
        if (is_data_descriptor(dt)) {
            raise_fmt(vm, exc::AttributeError, value.is_null() ? "__delete__" : "__set__");
            return false;
        }
    }
    Dict* d = obj.is_object() ? instance_dict(vm, obj.as_object(), true) : nullptr;
    if (!d) {
        if (descr.is_not_found())
            raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '%s'", type->name->c_str(), name->c_str());
        else
            raise_fmt(vm, exc::AttributeError, "'%s' object attribute '%s' is read-only", type->name->c_str(), name->c_str());
        return false;
    }
    if (value.is_null()) {
        int r = dict_del(vm, d, Value::from_object(name));
        if (r == 0)
            raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '%s'", type->name->c_str(), name->c_str());
        return r == 1;
    }
    return dict_set_str(vm, d, name, value);
}

Value raise_attribute_error(VM& vm, Value obj, String* name)
{
    Value err;
    if (is_instance_fast(obj, types.type))
        err = raise_fmt(vm, exc::AttributeError, "type object '%s' has no attribute '%s'", obj.as<TypeObject>()->name->c_str(), name->c_str());
    else if (type_of(obj) == types.module) {
        Value mod_name = dict_get_str(vm, obj.as<Module>()->dict, names.__name__);
        String* mn = mod_name.is_object() ? as_str(mod_name) : nullptr;
        // A module still running its body (a circular import): importlib's spec flag.
        bool initializing = false;
        Value spec = dict_get_str(vm, obj.as<Module>()->dict, names.__spec__);
        if (spec.is_object() && !is_none(spec)) {
            String* flag = intern(vm, "_initializing");
            Value v = flag ? getattr_opt(vm, spec, flag) : Value::null();
            int t = v.is_null() || v.is_not_found() ? 0 : truthy(vm, v);
            initializing = t > 0;
            vm.clear_error(); // a failing flag lookup only loses the hint
        }
        if (initializing)
            err = raise_fmt(vm, exc::AttributeError, "partially initialized module '%s' has no attribute '%s' (most likely due to a circular import)",
                            mn ? mn->c_str() : "?", name->c_str());
        else
            err = raise_fmt(vm, exc::AttributeError, "module '%s' has no attribute '%s'", mn ? mn->c_str() : "?", name->c_str());
    } else
        err = raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '%s'", type_name(obj), name->c_str());
    // name/obj attributes let the traceback printer add "Did you mean" suggestions.
    Value e = vm.take_error();
    if (BaseException* be = as_exception(e)) {
        (void)be;
        // Out of memory for them: the AttributeError goes without (MemoryError dropped).
        if (Dict* d = instance_dict(vm, e.as_object(), true)) {
            (void)dict_set_str(vm, d, names.name, Value::from_object(name));
            (void)dict_set_str(vm, d, names.obj, obj);
        }
    }
    vm.set_error(e);
    return err;
}

// ------------------------------------------------------------------ object

Value object_getattribute_native(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_nargs(vm, "__getattribute__", nargs, 2, 2))
        return Value::null();
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    Value r = generic_getattr(vm, args[0], name);
    if (r.is_not_found())
        return raise_attribute_error(vm, args[0], name);
    return r;
}

// CPython's hackcheck: object.__setattr__/__delattr__ (`fn`, in slot `slot`) may not
// jump over the native override of a built-in base of obj's type (Carlo Verre's hack,
// object.__setattr__(str, "x", 1)). Classes with a Python __setattr__ are passed over.
static bool setattr_hackcheck(VM& vm, Value obj, Slot slot, NativeFn fn, char const* what)
{
    for (TypeObject* base = type_of(obj); base; base = base->base) {
        Value f = base->slot(slot);
        if (!f.is_object() || (type_of(f) != types.method_descriptor && type_of(f) != types.builtin_function))
            continue;
        if (f.as<BuiltinFunction>()->fn == fn)
            return true;
        raise_fmt(vm, exc::TypeError, "can't apply this %s to %s object", what, type_name(obj));
        return false;
    }
    return true;
}

static Value object_delattr(VM& vm, Value const* args, size_t nargs, Tuple*);

Value object_setattr_native(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs < 2)
        return raise(vm, exc::TypeError, "__setattr__ expected 2 arguments");
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    if (!setattr_hackcheck(vm, args[0], Slot::SETATTR, object_setattr_native, "__setattr__"))
        return Value::null();
    if (!generic_setattr(vm, args[0], name, nargs > 2 ? args[2] : Value::null()))
        return Value::null();
    return py_none();
}

static Value object_delattr(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "__delattr__", nargs, 2, 2))
        return Value::null();
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    if (!setattr_hackcheck(vm, args[0], Slot::DELATTR, object_delattr, "__delattr__"))
        return Value::null();
    if (!generic_setattr(vm, args[0], name, Value::null()))
        return Value::null();
    return py_none();
}

static Value object_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    TypeObject* t = type_of(args[0]);
    Value mod = dict_get_str(vm, t->dict, names.__module__);
    String* m = (mod.is_object() && !mod.is_not_found()) ? as_str(mod) : nullptr;
    char buf[64];
    std::snprintf(buf, sizeof buf, " object at %#llx>", static_cast<unsigned long long>(args[0].bits()));
    std::string s = "<";
    if (m && std::string_view(m->view()) != "builtins") {
        s += m->c_str();
        s += ".";
    }
    s += t->qualname->c_str();
    s += buf;
    return str_value(vm, s);
}

static Value object_str(VM& vm, Value const* args, size_t, Tuple*) { return repr(vm, args[0]); }

static Value object_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    return Value::small_int(static_cast<int64_t>(args[0].bits() >> 4) & Value::kIntMax);
}

static Value object_eq(VM&, Value const* args, size_t, Tuple*)
{
    return args[0].is(args[1]) ? py_true() : py_not_implemented();
}

static Value object_ne(VM& vm, Value const* args, size_t, Tuple*)
{
    // Inverts __eq__ unless it is NotImplemented.
    Value r = call_slot(vm, args[0], Slot::EQ, &args[1], 1);
    if (r.is_null() || r.is_not_found() || r.is(py_not_implemented()))
        return r.is_not_found() ? py_not_implemented() : r;
    int t = truthy(vm, r);
    if (t < 0)
        return Value::null();
    return py_bool(!t);
}

static Value object_cmp_notimpl(VM&, Value const*, size_t, Tuple*) { return py_not_implemented(); }

static bool excess_args(size_t nargs, Tuple* kwnames) { return nargs > 1 || (kwnames && kwnames->size); }
static Value object_new(VM& vm, Value const* args, size_t nargs, Tuple* kw);
static Value object_init(VM& vm, Value const* args, size_t nargs, Tuple* kw);

static bool overrides(TypeObject* t, Slot s, NativeFn native)
{
    Value f = t->slot(s);
    return !(f.is_object() && (f.as_object()->type == types.method_descriptor || f.as_object()->type == types.builtin_function) && f.as<BuiltinFunction>()->fn == native);
}

// "Can't instantiate abstract class C with abstract methods f, g": the names of the
// class's __abstractmethods__, sorted, as CPython lists them.
static Value raise_abstract_instantiation(VM& vm, TypeObject* cls)
{
    Value methods = dict_get_str(vm, cls->dict, intern(vm, "__abstractmethods__"));
    if (methods.is_not_found())
        return raise_fmt(vm, exc::TypeError, "Can't instantiate abstract class %s", cls->name->c_str());
    std::vector<std::string> sorted;
    Value it = get_iter(vm, methods);
    if (it.is_null())
        return Value::null();
    for (;;) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return Value::null();
        if (item.is_stop_iteration())
            break;
        String* s = as_str(item);
        if (!s)
            return raise_fmt(vm, exc::TypeError, "sequence item %zu: expected str instance, %s found", sorted.size(), type_name(item));
        sorted.emplace_back(s->view());
    }
    std::sort(sorted.begin(), sorted.end());
    std::string joined;
    for (auto const& name : sorted)
        joined += (joined.empty() ? "" : ", ") + name;
    return raise_fmt(vm, exc::TypeError, "Can't instantiate abstract class %s with abstract method%s %s",
                     cls->name->c_str(), sorted.size() > 1 ? "s" : "", joined.c_str());
}

static Value object_new(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (nargs < 1 || !is_instance_fast(args[0], types.type))
        return raise(vm, exc::TypeError, "object.__new__(X): X is not a type object");
    auto* cls = args[0].as<TypeObject>();
    if (excess_args(nargs, kw)) {
        if (overrides(cls, Slot::NEW, object_new))
            return raise(vm, exc::TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (!overrides(cls, Slot::INIT, object_init))
            return raise_fmt(vm, exc::TypeError, "%s() takes no arguments", cls->name->c_str());
    }
    if (cls->has_flag(TF_ABSTRACT))
        return raise_abstract_instantiation(vm, cls);
    if (!cls->is_heap_type() && cls != types.object)
        return raise_fmt(vm, exc::TypeError, "object.__new__(%s) is not safe, use %s.__new__()", cls->name->c_str(), cls->name->c_str());
    return Value::from_object(alloc_instance(vm, cls));
}

static Value object_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    TypeObject* cls = type_of(args[0]);
    if (excess_args(nargs, kw)) {
        if (overrides(cls, Slot::INIT, object_init))
            return raise(vm, exc::TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
        if (!overrides(cls, Slot::NEW, object_new))
            return raise_fmt(vm, exc::TypeError, "%s() takes no arguments", cls->name->c_str());
    }
    return py_none();
}

static Value object_format(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "__format__", nargs, 2, 2))
        return Value::null();
    String* spec = as_str(args[1]);
    if (!spec)
        return raise_fmt(vm, exc::TypeError, "__format__() argument must be str, not %s", type_name(args[1]));
    if (spec->byte_length)
        return raise_fmt(vm, exc::TypeError, "unsupported format string passed to %s.__format__", type_name(args[0]));
    return to_str(vm, args[0]);
}

// object.__subclasshook__(subclass): NotImplemented, so issubclass() uses the MRO.
static Value object_subclasshook(VM&, Value const*, size_t, Tuple*) { return py_not_implemented(); }

static Value object_init_subclass(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    TypeObject* cls = is_instance_fast(args[0], types.type) ? args[0].as<TypeObject>() : type_of(args[0]);
    if (kw && kw->size)
        return raise_fmt(vm, exc::TypeError, "%s.__init_subclass__() takes no keyword arguments", cls->name->c_str());
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "%s.__init_subclass__() takes no arguments (%zu given)", cls->name->c_str(), nargs - 1);
    return py_none();
}

static Value object_get_class(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(type_of(args[0])); }

static Value object_set_class(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = args[1];
    if (v.is_null())
        return raise(vm, exc::TypeError, "can't delete __class__ attribute");
    if (!is_instance_fast(v, types.type))
        return raise_fmt(vm, exc::TypeError, "__class__ must be set to a class, not '%s' object", type_name(v));
    auto* nt = v.as<TypeObject>();
    TypeObject* ot = type_of(args[0]);
    // Built-in types are immutable; modules may become instances of a module subclass
    // (and back).
    bool modules = is_subtype(nt, types.module) && is_subtype(ot, types.module);
    if (!modules && (!nt->is_heap_type() || !ot->is_heap_type()))
        return raise(vm, exc::TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
    if (!layout_compatible(vm, ot, nt, "__class__"))
        return Value::null();
    // The new class's __del__ runs when the object dies (the heap registers objects
    // whose class has one at allocation; registering twice is a no-op).
    if (!nt->slot(Slot::DEL).is_null() && !vm.heap.register_finalizer(args[0].as_object()))
        return Value::null();
    args[0].as_object()->type = nt;
    return py_none();
}

// The __dict__ descriptor of the first built-in type below obj's classes when that type
// has its own (a class whose bases are a class and `type` reads its namespace through
// type's), as CPython's get_builtin_base_with_dict; null when none.
static Value builtin_base_dict_descr(VM& vm, Value obj, NativeFn own)
{
    TypeObject* t = type_of(obj);
    while (t && t->is_heap_type())
        t = t->base;
    if (!t || t == types.object || !t->dict)
        return Value::null();
    Value d = dict_get_str(vm, t->dict, names.__dict__);
    if (!d.is_object() || type_of(d) != types.getset_descriptor || d.as<GetSetDescriptor>()->get == own)
        return Value::null();
    return d;
}

static Value object_get_dict(VM& vm, Value const* args, size_t, Tuple*)
{
    if (Value base_descr = builtin_base_dict_descr(vm, args[0], object_get_dict); !base_descr.is_null())
        return descriptor_get(vm, base_descr, args[0], type_of(args[0]));
    Dict* d = args[0].is_object() ? instance_dict(vm, args[0].as_object(), true) : nullptr;
    if (!d)
        return raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '__dict__'", type_name(args[0]));
    return Value::from_object(d);
}

static Value object_set_dict(VM& vm, Value const* args, size_t, Tuple*)
{
    if (Value base_descr = builtin_base_dict_descr(vm, args[0], object_get_dict); !base_descr.is_null()) {
        GetSetDescriptor* g = base_descr.as<GetSetDescriptor>();
        if (!g->set)
            return raise_fmt(vm, exc::AttributeError, "attribute '__dict__' of '%s' objects is not writable", g->owner->name->c_str());
        return g->set(vm, args, 2, nullptr);
    }
    Object* o = args[0].as_object();
    if (!o->type->dict_offset)
        return raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '__dict__'", type_name(args[0]));
    // `del obj.__dict__` (args[1] null): allowed; the next use makes a new empty dict.
    Dict* d = args[1].is_null() ? nullptr : as_dict(args[1]);
    if (!d && !args[1].is_null())
        return raise_fmt(vm, exc::TypeError, "__dict__ must be set to a dictionary, not a '%s'", type_name(args[1]));
    *reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + o->type->dict_offset) = d;
    return py_none();
}

static Value object_dir(VM& vm, Value const* args, size_t, Tuple*)
{
    Dict* result = dict_new(vm);
    if (!result)
        return Value::null();
    Value obj = args[0];
    if (obj.is_object())
        if (Dict* d = instance_dict(vm, obj.as_object(), false))
            if (!dict_merge(vm, result, d))
                return Value::null();
    TypeObject* t = type_of(obj);
    for (size_t i = 0; i < t->mro->size; ++i)
        if (!dict_merge(vm, result, t->mro->items[i].as<TypeObject>()->dict))
            return Value::null();
    List* l = list_new(vm);
    if (!l)
        return Value::null();
    size_t pos = 0;
    Value k, v;
    while (dict_next(result, pos, k, v))
        if (!list_append(vm, l, k))
            return Value::null();
    return Value::from_object(l);
}

static Value object_sizeof(VM&, Value const* args, size_t, Tuple*)
{
    return Value::small_int(type_of(args[0])->basicsize);
}

// ------------------------------------------------------------------ type

Value type_getattr(VM& vm, Value type_value, String* name)
{
    auto* type = type_value.as<TypeObject>();
    TypeObject* meta = type_of(type_value);
    Value meta_attr = type_lookup(meta, name);
    TypeObject* mt = meta_attr.is_not_found() ? nullptr : type_of(meta_attr);
    // A data descriptor of the metatype wins, if it has a __get__ (one with only __set__
    // leaves the class's own attribute visible).
    if (mt && mt != types.function && !mt->slot(Slot::GET).is_null() && is_data_descriptor(mt))
        return descriptor_get(vm, meta_attr, type_value, meta);
    Value attr = type_lookup(type, name);
    if (!attr.is_not_found()) {
        TypeObject* at = type_of(attr);
        if (at == types.function)
            return attr;
        if (!at->slot(Slot::GET).is_null()) {
            Value args[3] = { attr, py_none(), type_value };
            return call(vm, at->slot(Slot::GET), args, 3);
        }
        return attr;
    }
    if (mt) {
        if (mt == types.function || !mt->slot(Slot::GET).is_null())
            return descriptor_get(vm, meta_attr, type_value, meta);
        return meta_attr;
    }
    return Value::not_found();
}

// module.__getattribute__: the generic lookup, then the module's own __getattr__
// function if its namespace has one (PEP 562: lazy attributes, deprecation shims).
Value module_getattr(VM& vm, Value obj, String* name)
{
    Value r = generic_getattr(vm, obj, name);
    Dict* d = obj.as<Module>()->dict;
    if (!r.is_not_found() || !d)
        return r;
    String* hook_name = intern(vm, "__getattr__");
    if (!hook_name)
        return Value::null();
    Value hook = dict_get_str(vm, d, hook_name);
    if (hook.is_null() || hook.is_not_found())
        return hook;
    Value arg = Value::from_object(name);
    return call(vm, hook, &arg, 1);
}

Value module_getattribute_native(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "__getattribute__", nargs, 2, 2))
        return Value::null();
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    Value r = module_getattr(vm, args[0], name);
    if (r.is_not_found())
        return raise_attribute_error(vm, args[0], name);
    return r;
}

Value type_getattribute_native(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "__getattribute__", nargs, 2, 2))
        return Value::null();
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    Value r = type_getattr(vm, args[0], name);
    if (r.is_not_found())
        return raise_attribute_error(vm, args[0], name);
    return r;
}

static Value type_setattr(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    auto* type = args[0].as<TypeObject>();
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    Value value = nargs > 2 ? args[2] : Value::null();
    // Data descriptors on the metatype (e.g. __name__, __qualname__) win.
    Value meta_attr = type_lookup(type_of(args[0]), name);
    if (!meta_attr.is_not_found()) {
        TypeObject* mt = type_of(meta_attr);
        Slot s = value.is_null() ? Slot::DELETE : Slot::SET;
        if (!mt->slot(s).is_null()) {
            Value a[2] = { args[0], value };
            if (call_slot(vm, meta_attr, s, a, value.is_null() ? 1 : 2).is_null())
                return Value::null();
            return py_none();
        }
    }
    // A type of the shared runtime is frozen (objects/README.md), whatever its flags.
    if (!type->is_heap_type() || is_shared_object(type))
        return raise_fmt(vm, exc::TypeError, "cannot set '%s' attribute of immutable type '%s'", name->c_str(), type->name->c_str());
    name = intern(vm, name);
    if (!name)
        return Value::null();
    if (value.is_null()) {
        int r = dict_del(vm, type->dict, Value::from_object(name));
        if (r < 0)
            return Value::null();
        if (r == 0)
            return raise_fmt(vm, exc::AttributeError, "type object '%s' has no attribute '%s'", type->name->c_str(), name->c_str());
        type_update_slot(vm, type, name);
        return py_none();
    }
    Value old = dict_get_str(vm, type->dict, name);
    if (old.is_null() || !dict_set_str(vm, type->dict, name, value))
        return Value::null();
    if (old.is_not_found())
        type_update_slot(vm, type, name);
    else
        type_attribute_replaced(vm, type, name, old);
    return py_none();
}

// type.__call__(cls, *args, **kwargs): __new__ then __init__ (native path; the eval loop
// has its own in-loop version for classes whose methods are Python functions).
static Value type_call(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == types.type && nargs == 2 && (!kw || kw->size == 0))
        return Value::from_object(type_of(args[1]));
    if (cls->vectorcall)
        return cls->vectorcall(vm, args, nargs, kw);
    Value new_fn = cls->slot(Slot::NEW);
    if (new_fn.is_null())
        return raise_fmt(vm, exc::TypeError, "cannot create '%s' instances", cls->name->c_str());
    Value obj;
    if (type_of(new_fn) == types.staticmethod || type_of(new_fn) != types.method_descriptor) {
        Value f = TRY(descriptor_get(vm, new_fn, Value::null(), cls));
        obj = TRY(call(vm, f, args, nargs, kw));
    } else {
        obj = TRY(new_fn.as<BuiltinFunction>()->fn(vm, args, nargs, kw));
    }
    if (!is_subtype(type_of(obj), cls))
        return obj;
    Value init = type_of(obj)->slot(Slot::INIT);
    if (init.is_null())
        return obj;
    Value r = TRY(call_slot(vm, obj, Slot::INIT, args + 1, nargs - 1, kw));
    if (!is_none(r))
        return raise_fmt(vm, exc::TypeError, "__init__() should return None, not '%s'", type_name(r));
    return obj;
}

static Value type_new(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    // type(obj) / type(name, bases, dict, **kw)
    if (nargs == 2 && args[0].as_object() == types.type && (!kw || kw->size == 0))
        return Value::from_object(type_of(args[1]));
    if (nargs != 4)
        return raise(vm, exc::TypeError, "type() takes 1 or 3 arguments");
    String* name = as_str(args[1]);
    Tuple* bases = as_tuple(args[2]);
    Dict* ns = as_dict(args[3]);
    if (!name || !bases || !ns)
        return raise(vm, exc::TypeError, "type.__new__() argument types must be (str, tuple, dict)");
    // As CPython's type_new: the name and a str __doc__ become UTF-8 C strings there.
    if (name->view().find('\0') != std::string_view::npos)
        return raise(vm, exc::ValueError, "type name must not contain null characters");
    if (str_encode(vm, name, "utf-8", "strict").is_null())
        return Value::null();
    if (Value doc = TRY(dict_get_str(vm, ns, names.__doc__)); !doc.is_not_found() && as_str(doc))
        if (str_encode(vm, as_str(doc), "utf-8", "strict").is_null())
            return Value::null();
    auto* meta = args[0].as<TypeObject>();
    TypeObject* winner = calculate_metaclass(vm, meta, bases);
    if (!winner)
        return Value::null();
    size_t nkw = kw ? kw->size : 0;
    // type(name, bases, ns, **kw) where a base's metaclass is more derived: that
    // metaclass's __new__ makes the class (CPython's type_new passes it to the winner).
    if (winner != meta && !winner->slot(Slot::NEW).is(types.type->slot(Slot::NEW))) {
        Value f = TRY(descriptor_get(vm, winner->slot(Slot::NEW), Value::null(), winner));
        std::vector<Value> wargs(args, args + nargs + nkw);
        wargs[0] = Value::from_object(winner);
        return call(vm, f, wargs.data(), nargs, kw);
    }
    // As CPython: a class made by type() belongs to the module of its caller.
    if (dict_get_str(vm, ns, names.__module__).is_not_found() && vm.caller_globals) {
        if (Dict* g = vm.caller_globals(vm)) {
            Value modname = dict_get_str(vm, g, names.__name__);
            if (!modname.is_null() && !modname.is_not_found()) {
                ns = dict_copy(vm, ns);
                if (!ns || !dict_set_str(vm, ns, names.__module__, modname))
                    return Value::null();
            }
        }
    }
    String* iname = intern(vm, name);
    if (!iname)
        return Value::null();
    return type_new_class(vm, winner, iname, bases, ns, nkw ? kw : nullptr, args + nargs);
}

static Value type_init(VM&, Value const*, size_t, Tuple*) { return py_none(); }

static Value type_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    Value mod = dict_get_str(vm, t->dict, names.__module__);
    String* m = (mod.is_object() && !mod.is_not_found()) ? as_str(mod) : nullptr;
    std::string s = "<class '";
    // As CPython's type_repr: module.qualname, else the tp_name (for builtins, or when
    // __module__ is not a str).
    if (m && std::string_view(m->view()) != "builtins") {
        s += m->c_str();
        s += ".";
        s += t->qualname->c_str();
    } else {
        s += (t->full_name ? t->full_name : t->name)->c_str();
    }
    s += "'>";
    return str_value(vm, s);
}

// type.mro(): the C3 linearization, computed afresh (a metaclass's mro() calls it while
// the class is made, before __mro__ exists).
static Value type_mro(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    if (!t->bases && t->mro)
        return Value::from_object(list_from_array(vm, t->mro->items, t->mro->size));
    Tuple* mro = type_c3_mro(vm, t);
    if (!mro)
        return Value::null();
    return Value::from_object(list_from_array(vm, mro->items, mro->size));
}

static Value type_subclasses(VM& vm, Value const* args, size_t, Tuple*)
{
    return type_subclasses_of(vm, args[0].as<TypeObject>());
}

// `C.__instancecheck__(x)` / `C.__subclasscheck__(x)`: exactly one argument.
static bool check_one_arg(VM& vm, Value self, char const* method, size_t nargs)
{
    std::string fname = std::string(self.as<TypeObject>()->name->c_str()) + "." + method;
    return check_nargs(vm, fname.c_str(), nargs - 1, 1, 1);
}

static Value type_instancecheck(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_one_arg(vm, args[0], "__instancecheck__", nargs))
        return Value::null();
    int r = real_isinstance(vm, args[1], args[0]);
    return r < 0 ? Value::null() : py_bool(r > 0);
}

static Value type_subclasscheck(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_one_arg(vm, args[0], "__subclasscheck__", nargs))
        return Value::null();
    int r = real_issubclass(vm, args[1], args[0]);
    return r < 0 ? Value::null() : py_bool(r > 0);
}

// The check CPython's check_set_special_type_attr makes before `cls.__name__ = v` and
// the like: built-in types are immutable, and no class lets these go.
static bool check_special_type_attr(VM& vm, TypeObject* t, Value value, char const* attr)
{
    if (!t->is_heap_type() || is_shared_object(t)) {
        raise_fmt(vm, exc::TypeError, "cannot set '%s' attribute of immutable type '%s'", attr, t->name->c_str());
        return false;
    }
    if (value.is_null()) {
        raise_fmt(vm, exc::TypeError, "cannot delete '%s' attribute of immutable type '%s'", attr, t->name->c_str());
        return false;
    }
    return true;
}

static Value type_get_name(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(args[0].as<TypeObject>()->name); }
static Value type_set_name(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    if (!check_special_type_attr(vm, t, args[1], "__name__"))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "can only assign string to %s.__name__, not '%s'", t->name->c_str(), type_name(args[1]));
    if (s->view().find('\0') != std::string_view::npos)
        return raise(vm, exc::ValueError, "type name must not contain null characters");
    String* name = intern(vm, s);
    if (!name)
        return Value::null();
    t->name = name;
    return py_none();
}
static Value type_get_qualname(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(args[0].as<TypeObject>()->qualname); }
static Value type_set_qualname(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    if (!check_special_type_attr(vm, t, args[1], "__qualname__"))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "can only assign string to %s.__qualname__, not '%s'", t->name->c_str(), type_name(args[1]));
    t->qualname = s;
    return py_none();
}
static Value type_get_bases(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(args[0].as<TypeObject>()->bases); }
static Value type_set_bases_native(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!type_set_bases(vm, args[0].as<TypeObject>(), args[1]))
        return Value::null();
    return py_none();
}
static Value type_get_base(VM&, Value const* args, size_t, Tuple*)
{
    TypeObject* b = args[0].as<TypeObject>()->base;
    return b ? Value::from_object(b) : py_none();
}
// None while a metaclass's mro() runs for the class being made.
static Value type_get_mro(VM&, Value const* args, size_t, Tuple*)
{
    Tuple* mro = args[0].as<TypeObject>()->mro;
    return mro ? Value::from_object(mro) : py_none();
}
static Value type_get_dict(VM& vm, Value const* args, size_t, Tuple*)
{
    return make_mappingproxy(vm, Value::from_object(args[0].as<TypeObject>()->dict));
}
static Value type_get_module(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    // A built-in type's dict may hold a __module__ descriptor for its instances
    // (function.__module__); the type itself is from builtins unless its dict names
    // another module (types.GenericAlias).
    if (!t->is_heap_type()) {
        Value m = dict_get_str(vm, t->dict, names.__module__);
        return !m.is_null() && is_exact_str(m) ? m : str_value(vm, "builtins");
    }
    Value m = dict_get_str(vm, t->dict, names.__module__);
    if (m.is_not_found())
        return str_value(vm, "builtins");
    return m;
}
// cls.__module__ = name: classes only (CPython's check_set_special_type_attr); the
// value goes to the class dict, where type_get_module reads it.
static Value type_set_module(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    if (!check_special_type_attr(vm, t, args[1], "__module__"))
        return Value::null();
    if (!dict_set_str(vm, t->dict, names.__module__, args[1]))
        return Value::null();
    type_modified(t);
    return py_none();
}
// cls.__doc__ = text: classes only, as __module__.
static Value type_set_doc(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    if (!check_special_type_attr(vm, t, args[1], "__doc__"))
        return Value::null();
    if (!dict_set_str(vm, t->dict, names.__doc__, args[1]))
        return Value::null();
    type_modified(t);
    return py_none();
}
// type.__abstractmethods__ (set by abc.ABCMeta): kept in the class's own dict; a true
// value marks the class abstract (TF_ABSTRACT), which object.__new__ refuses to instantiate.
static Value type_get_abstractmethods(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    String* name = intern(vm, "__abstractmethods__");
    Value v = t == types.type ? Value::not_found() : dict_get_str(vm, t->dict, name);
    if (v.is_not_found())
        return raise_fmt(vm, exc::AttributeError, "%s", name->c_str());
    return v;
}
static Value type_set_abstractmethods(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    String* name = intern(vm, "__abstractmethods__");
    if (!t->is_heap_type() || is_shared_object(t))
        return raise_fmt(vm, exc::TypeError, "cannot set '%s' attribute of immutable type '%s'", name->c_str(), t->name->c_str());
    bool abstract = false;
    if (args[1].is_null()) {
        int r = dict_del(vm, t->dict, Value::from_object(name));
        if (r < 0)
            return Value::null();
        if (r == 0)
            return raise_fmt(vm, exc::AttributeError, "%s", name->c_str());
    } else {
        int truth = truthy(vm, args[1]);
        if (truth < 0 || !dict_set_str(vm, t->dict, name, args[1]))
            return Value::null();
        abstract = truth > 0;
    }
    t->tflags = abstract ? t->tflags | TF_ABSTRACT : t->tflags & ~uint32_t(TF_ABSTRACT);
    type_modified(t);
    return py_none();
}
static Value type_get_doc(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    Value d = dict_get_str(vm, t->dict, names.__doc__);
    if (d.is_not_found())
        return py_none();
    // A descriptor there (a classmethod-wrapped property) computes the class's doc.
    Value get = type_of(d)->slot(Slot::GET);
    if (!get.is_null()) {
        Value a[3] = { d, py_none(), args[0] };
        return call(vm, get, a, 3);
    }
    return d;
}

static Value type_dir(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* t = args[0].as<TypeObject>();
    Dict* result = dict_new(vm);
    if (!result)
        return Value::null();
    for (size_t i = 0; i < t->mro->size; ++i)
        if (!dict_merge(vm, result, t->mro->items[i].as<TypeObject>()->dict))
            return Value::null();
    List* l = list_new(vm);
    if (!l)
        return Value::null();
    size_t pos = 0;
    Value k, v;
    while (dict_next(result, pos, k, v))
        if (!list_append(vm, l, k))
            return Value::null();
    return Value::from_object(l);
}

static Value type_prepare(VM& vm, Value const*, size_t, Tuple*) { return Value::from_object(dict_new(vm)); }

static Value none_repr(VM& vm, Value const*, size_t, Tuple*) { return Value::from_object(intern(vm, "None")); }
static Value none_bool(VM&, Value const*, size_t, Tuple*) { return py_false(); }
static Value notimpl_repr(VM& vm, Value const*, size_t, Tuple*) { return Value::from_object(intern(vm, "NotImplemented")); }
static Value ellipsis_repr(VM& vm, Value const*, size_t, Tuple*) { return Value::from_object(intern(vm, "Ellipsis")); }
// bool(NotImplemented) is deprecated in 3.9+ (a DeprecationWarning, then True).
static Value notimpl_bool(VM& vm, Value const*, size_t, Tuple*)
{
    if (!warn(vm, exc::DeprecationWarning, "NotImplemented should not be used in a boolean context"))
        return Value::null();
    return py_true();
}
static Value notimpl_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "NotImplementedType", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return notimpl_repr(vm, args, nargs, kwnames);
}
static Value ellipsis_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_noargs_method(vm, "ellipsis", "__reduce__", nargs - 1, kwnames))
        return Value::null();
    return ellipsis_repr(vm, args, nargs, kwnames);
}
static Value singleton_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (nargs > 1 || (kwnames && kwnames->size > 0)) // CPython's texts ("EllipsisType", not its __name__)
        return raise_fmt(vm, exc::TypeError, "%s takes no arguments", cls == types.ellipsis ? "EllipsisType" : cls->name->c_str());
    if (cls == types.none)
        return py_none();
    if (cls == types.not_implemented)
        return py_not_implemented();
    return py_ellipsis();
}

// repr(module) as importlib's _module_repr: from the spec when there is one (origin,
// namespace portions, loader), else from __file__; native modules without either are
// built-in.
static Value module_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* m = args[0].as<Module>();
    Value name = dict_get_str(vm, m->dict, names.__name__);
    String* n = name.is_object() ? as_str(name) : nullptr;
    std::string s = std::string("<module '") + (n ? n->c_str() : "?") + "'";
    Value spec = dict_get_str(vm, m->dict, names.__spec__);
    if (spec.is_object() && !is_none(spec)) {
        auto attr = [&](char const* a) {
            String* k = intern(vm, a);
            Value v = k ? getattr_opt(vm, spec, k) : Value::null();
            if (v.is_null())
                vm.clear_error();
            return v.is_null() || v.is_not_found() ? py_none() : v;
        };
        Value origin = attr("origin");
        if (is_none(origin)) {
            Value loader = attr("loader");
            Value locs = attr("submodule_search_locations");
            if (!is_none(locs)) {
                Value r = repr(vm, locs);
                if (r.is_null())
                    return r;
                return str_value(vm, s + " (namespace) from " + std::string(as_str(r)->view()) + ">");
            }
            if (is_none(loader))
                return str_value(vm, s + ">");
            Value r = repr(vm, loader);
            if (r.is_null())
                return r;
            return str_value(vm, s + " (" + std::string(as_str(r)->view()) + ")>");
        }
        Value o = to_str(vm, origin);
        if (o.is_null())
            return o;
        int has_location = truthy(vm, attr("has_location"));
        if (has_location < 0)
            return Value::null();
        if (has_location)
            return str_value(vm, s + " from '" + std::string(as_str(o)->view()) + "'>");
        return str_value(vm, s + " (" + std::string(as_str(o)->view()) + ")>");
    }
    Value file = dict_get_str(vm, m->dict, names.__file__);
    String* f = file.is_object() ? as_str(file) : nullptr;
    if (f)
        return str_value(vm, s + " from '" + f->c_str() + "'>");
    // A module made by module(name) has a __loader__ (None): no origin to show.
    if (!dict_get_str(vm, m->dict, names.__loader__).is_not_found())
        return str_value(vm, s + ">");
    return str_value(vm, s + " (built-in)>");
}

// module(name, doc=None): a new module object; module_new gives the C++ side's.
static Value module_tp_new(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    auto* cls = args[0].as<TypeObject>();
    Object* o = alloc_instance(vm, cls);
    if (!o)
        return Value::null();
    auto* m = static_cast<Module*>(o);
    if (!m->dict && !(m->dict = dict_new(vm)))
        return Value::null();
    (void)nargs;
    return Value::from_object(o);
}

static Value module_tp_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[3];
    if (!parse_args(vm, "module", args, nargs, kwnames, { "self", "name", "doc" }, 2, a, 1))
        return Value::null();
    if (!as_str(a[1]))
        return raise_fmt(vm, exc::TypeError, "module.__init__() argument 'name' must be str, not %s", type_name(a[1]));
    auto* m = a[0].as<Module>();
    if (!m->dict && !(m->dict = dict_new(vm)))
        return Value::null();
    if (!dict_set_str(vm, m->dict, names.__name__, a[1]) || !dict_set_str(vm, m->dict, names.__doc__, a[2].is_null() ? py_none() : a[2]) ||
        !dict_set_str(vm, m->dict, names.__package__, py_none()) || !dict_set_str(vm, m->dict, names.__loader__, py_none()) ||
        !dict_set_str(vm, m->dict, names.__spec__, py_none()))
        return Value::null();
    return py_none();
}

static Value module_get_dict(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(args[0].as<Module>()->dict); }

static Value module_dir(VM& vm, Value const* args, size_t, Tuple*)
{
    if (!args[0].as<Module>()->dict)
        return raise(vm, exc::TypeError, "<module>.__dict__ is not a dictionary");
    // The namespace as the module's __dict__ attribute gives it (a subclass may override it).
    Value ns = TRY(getattr(vm, args[0], names.__dict__));
    Dict* d = as_dict(ns);
    if (!d)
        return raise(vm, exc::TypeError, "<module>.__dict__ is not a dictionary");
    // PEP 562: a module-level __dir__ function answers dir(module).
    String* hook_name = intern(vm, "__dir__");
    if (!hook_name)
        return Value::null();
    Value hook = dict_get_str(vm, d, hook_name);
    if (hook.is_null())
        return hook;
    if (!hook.is_not_found())
        return call(vm, hook, nullptr, 0);
    List* l = list_new(vm);
    if (!l)
        return Value::null();
    size_t pos = 0;
    Value k, v;
    while (dict_next(d, pos, k, v))
        if (!list_append(vm, l, k))
            return Value::null();
    return Value::from_object(l);
}

void setup_object_and_type(VM& vm)
{
    add_methods(vm, types.object, {
                                      { "__getattribute__", object_getattribute_native },
                                      { "__setattr__", object_setattr_native },
                                      { "__delattr__", object_delattr },
                                      { "__repr__", object_repr },
                                      { "__str__", object_str },
                                      { "__hash__", object_hash },
                                      { "__eq__", object_eq },
                                      { "__ne__", object_ne },
                                      { "__lt__", object_cmp_notimpl },
                                      { "__le__", object_cmp_notimpl },
                                      { "__gt__", object_cmp_notimpl },
                                      { "__ge__", object_cmp_notimpl },
                                      { "__new__", object_new, METH_STATIC },
                                      { "__init__", object_init },
                                      { "__format__", object_format },
                                      { "__init_subclass__", object_init_subclass, METH_CLASS },
                                      { "__subclasshook__", object_subclasshook, METH_CLASS },
                                      { "__dir__", object_dir },
                                      { "__sizeof__", object_sizeof },
                                  });
    setup_object_reduce(vm); // __reduce__, __reduce_ex__, __getstate__ (objects/reduce.cpp)
    add_getsets(vm, types.object, { { "__class__", object_get_class, object_set_class } });
    add_attribute(vm, types.object, "__doc__", str_value(vm, "The base class of the class hierarchy."));

    add_methods(vm, types.type, {
                                    { "__getattribute__", type_getattribute_native },
                                    { "__setattr__", type_setattr },
                                    { "__delattr__", type_setattr },
                                    { "__call__", type_call },
                                    { "__new__", type_new, METH_STATIC },
                                    { "__init__", type_init },
                                    { "__repr__", type_repr },
                                    { "mro", type_mro },
                                    { "__subclasses__", type_subclasses },
                                    { "__instancecheck__", type_instancecheck },
                                    { "__subclasscheck__", type_subclasscheck },
                                    { "__dir__", type_dir },
                                    { "__prepare__", type_prepare, METH_CLASS },
                                });
    add_getsets(vm, types.type, {
                                    { "__name__", type_get_name, type_set_name },
                                    { "__qualname__", type_get_qualname, type_set_qualname },
                                    { "__bases__", type_get_bases, type_set_bases_native },
                                    { "__base__", type_get_base },
                                    { "__mro__", type_get_mro },
                                    { "__dict__", type_get_dict },
                                    { "__module__", type_get_module, type_set_module },
                                    { "__doc__", type_get_doc, type_set_doc },
                                    { "__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods },
                                });

    add_methods(vm, types.none, { { "__repr__", none_repr }, { "__bool__", none_bool }, { "__new__", singleton_new, METH_STATIC } });
    // __reduce__ gives the global's name, so pickle stores the singleton by reference.
    add_methods(vm, types.not_implemented,
                { { "__repr__", notimpl_repr }, { "__bool__", notimpl_bool }, { "__reduce__", notimpl_reduce }, { "__new__", singleton_new, METH_STATIC } });
    add_methods(vm, types.ellipsis,
                { { "__repr__", ellipsis_repr }, { "__reduce__", ellipsis_reduce }, { "__new__", singleton_new, METH_STATIC } });
    add_methods(vm, types.module, { { "__getattribute__", module_getattribute_native },
                                    { "__new__", module_tp_new, METH_STATIC }, { "__init__", module_tp_init },
                                    { "__repr__", module_repr }, { "__dir__", module_dir } });
    add_getsets(vm, types.module, { { "__dict__", module_get_dict } });

    setup_functions(vm);
    setup_member_descriptor(vm);
}

// The __dict__ attribute of instances that have one: type_new_class puts a getset with
// these on every class that adds an instance dict.
extern NativeFn const instance_dict_get = object_get_dict;
extern NativeFn const instance_dict_set = object_set_dict;

} // namespace slpy
