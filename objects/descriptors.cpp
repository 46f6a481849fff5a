// property, staticmethod, classmethod and super.
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string>

#include <cstddef>
#include <utility>

namespace slpy {

struct Property : Object {
    Value fget, fset, fdel, doc;
    Value name;
    bool getter_doc; // doc came from fget.__doc__: a copy with a new getter takes the new one's
};

struct FuncWrapper : Object { // staticmethod and classmethod
    Value func;
    Dict* dict;
};

struct Super : Object {
    TypeObject* type;     // the class super() was called in
    Value obj;            // the instance or class
    TypeObject* obj_type; // where to start the MRO search
};

// Zero-argument super() needs the calling frame: the interpreter installs this hook,
// which finds the first argument and the __class__ cell of the running function.
bool (*g_super_zero_args)(VM& vm, TypeObject*& type, Value& obj) = nullptr;

Value staticmethod_function(Value sm) { return static_cast<FuncWrapper*>(sm.as_object())->func; }

Value property_function(Value prop, int which)
{
    auto* p = static_cast<Property*>(prop.as_object());
    return which == 0 ? p->fget : which == 1 ? p->fset : p->fdel;
}

static void trace_property(Object* o, Tracer& t)
{
    auto* p = static_cast<Property*>(o);
    t.visit(p->fget);
    t.visit(p->fset);
    t.visit(p->fdel);
    t.visit(p->doc);
    t.visit(p->name);
}

static void trace_wrapper(Object* o, Tracer& t)
{
    auto* w = static_cast<FuncWrapper*>(o);
    t.visit(w->func);
    t.visit(w->dict);
}

static void trace_super(Object* o, Tracer& t)
{
    auto* s = static_cast<Super*>(o);
    t.visit(s->type);
    t.visit(s->obj);
    t.visit(s->obj_type);
}

// ------------------------------------------------------------------ property

static Value none_if_null(Value v) { return v.is_null() ? py_none() : v; }

static Value property_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value a[4];
    if (!parse_args(vm, "property", args + 1, nargs - 1, kw, { "fget", "fset", "fdel", "doc" }, 0, a))
        return Value::null();
    auto* p = static_cast<Property*>(args[0].as_object());
    p->fget = a[0].is_null() || is_none(a[0]) ? Value::null() : a[0];
    p->fset = a[1].is_null() || is_none(a[1]) ? Value::null() : a[1];
    p->fdel = a[2].is_null() || is_none(a[2]) ? Value::null() : a[2];
    p->name = Value::null();
    p->getter_doc = false;
    Value doc = a[3].is_null() || is_none(a[3]) ? Value::null() : a[3];
    if (doc.is_null() && !p->fget.is_null()) {
        Value d = getattr_opt(vm, p->fget, names.__doc__);
        if (d.is_null())
            return d;
        doc = d.is_not_found() || is_none(d) ? Value::null() : d;
        p->getter_doc = !doc.is_null();
    }
    if (type_of(args[0]) == types.property) {
        p->doc = doc;
        return py_none();
    }
    // A subclass's own __doc__ (a class attribute) would shadow the member: the doc goes
    // to the instance (its __dict__; a subclass with __slots__ and no __dict__ raises).
    p->doc = Value::null();
    if (!setattr(vm, args[0], names.__doc__, none_if_null(doc)))
        return Value::null();
    return py_none();
}

static Value property_new(VM& vm, Value const* args, size_t, Tuple*)
{
    return Value::from_object(alloc_instance(vm, args[0].as<TypeObject>()));
}

// "property 'x' of 'Outer.C' object has no getter" (the name when __set_name__ gave one;
// the class by its qualified name), one message for the three accessors.
static Value raise_no_accessor(VM& vm, Property* p, Value obj, char const* accessor)
{
    TypeObject* t = type_of(obj);
    char const* cls = t->qualname ? t->qualname->c_str() : t->name->c_str();
    String* n = p->name.is_null() ? nullptr : as_str(p->name);
    if (n)
        return raise_fmt(vm, exc::AttributeError, "property '%s' of '%s' object has no %s", n->c_str(), cls, accessor);
    return raise_fmt(vm, exc::AttributeError, "property of '%s' object has no %s", cls, accessor);
}

Value property_get_value(VM& vm, Value prop, Value obj)
{
    auto* p = static_cast<Property*>(prop.as_object());
    if (p->fget.is_null()) {
        return raise_no_accessor(vm, p, obj, "getter");
    }
    return call1(vm, p->fget, obj);
}

static Value property_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    Value obj = nargs > 1 ? args[1] : py_none();
    if (is_none(obj))
        return args[0];
    return property_get_value(vm, args[0], obj);
}

static Value property_set(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* p = static_cast<Property*>(args[0].as_object());
    if (p->fset.is_null()) {
        return raise_no_accessor(vm, p, args[1], "setter");
    }
    TRY(call2(vm, p->fset, args[1], args[2]));
    return py_none();
}

static Value property_delete(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* p = static_cast<Property*>(args[0].as_object());
    if (p->fdel.is_null()) {
        return raise_no_accessor(vm, p, args[1], "deleter");
    }
    TRY(call1(vm, p->fdel, args[1]));
    return py_none();
}

static Value property_copy(VM& vm, Value self, int which, Value f)
{
    auto* p = static_cast<Property*>(self.as_object());
    Value a[4] = { none_if_null(p->fget), none_if_null(p->fset), none_if_null(p->fdel), none_if_null(p->doc) };
    a[which] = f;
    if (p->getter_doc && !is_none(a[0]))
        a[3] = py_none(); // the (new) getter's docstring

    Value r = TRY(call(vm, Value::from_object(type_of(self)), a, 4));
    if (type_of(r) == types.property || is_subtype(type_of(r), types.property))
        static_cast<Property*>(r.as_object())->name = p->name;
    return r;
}

static Value property_getter(VM& vm, Value const* args, size_t, Tuple*) { return property_copy(vm, args[0], 0, args[1]); }
static Value property_setter(VM& vm, Value const* args, size_t, Tuple*) { return property_copy(vm, args[0], 1, args[1]); }
static Value property_deleter(VM& vm, Value const* args, size_t, Tuple*) { return property_copy(vm, args[0], 2, args[1]); }
static Value property_set_name(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (nargs != 3)
        return raise_fmt(vm, exc::TypeError, "__set_name__() takes 2 positional arguments but %zu were given", nargs - 1);
    static_cast<Property*>(args[0].as_object())->name = args[2];
    return py_none();
}
static Value property_doc(VM&, Value const* args, size_t, Tuple*) { return none_if_null(static_cast<Property*>(args[0].as_object())->doc); }
static Value property_set_doc(VM&, Value const* args, size_t, Tuple*)
{
    static_cast<Property*>(args[0].as_object())->doc = args[1]; // null: deleted, reads as None
    return py_none();
}

// __isabstractmethod__ of a descriptor that wraps callables (property, classmethod,
// staticmethod): true when any wrapped one says it is abstract (abc.abstractmethod sets
// the attribute on functions). -1 on error.
static int is_abstract(VM& vm, Value callable)
{
    if (callable.is_null() || is_none(callable))
        return 0;
    Value flag = getattr_opt(vm, callable, intern(vm, "__isabstractmethod__"));
    if (flag.is_null())
        return -1;
    return flag.is_not_found() ? 0 : truthy(vm, flag);
}
static Value property_isabstract(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* p = static_cast<Property*>(args[0].as_object());
    for (Value f : { p->fget, p->fset, p->fdel }) {
        int r = is_abstract(vm, f);
        if (r != 0)
            return r < 0 ? Value::null() : py_true();
    }
    return py_false();
}

// ------------------------------------------------------------------ staticmethod / classmethod

// object's __dict__ getset (objects/object_methods.cpp).
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

static Value wrapper_new(VM& vm, Value const* args, size_t, Tuple*)
{
    return Value::from_object(alloc_instance(vm, args[0].as<TypeObject>()));
}

static Value wrapper_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, type_name(args[0]), kw) || !check_nargs(vm, type_name(args[0]), nargs - 1, 1, 1))
        return Value::null();
    static_cast<FuncWrapper*>(args[0].as_object())->func = args[1];
    // As CPython 3.10+ (functools_wraps): the wrapped callable's identity attributes are
    // copied into the wrapper's __dict__, where lookups and functools.update_wrapper find
    // them before the wrapper type's own (object's) __doc__.
    Dict* d = instance_dict(vm, args[0].as_object(), true);
    if (!d)
        return Value::null();
    for (char const* attr : { "__module__", "__name__", "__qualname__", "__doc__", "__annotations__" }) {
        String* name = intern(vm, attr);
        if (!name)
            return Value::null();
        Value v = getattr_opt(vm, args[1], name);
        if (v.is_null())
            return v;
        if (!v.is_not_found() && !dict_set_str(vm, d, name, v))
            return Value::null();
    }
    return py_none();
}

static Value staticmethod_get(VM&, Value const* args, size_t, Tuple*) { return static_cast<FuncWrapper*>(args[0].as_object())->func; }

static Value staticmethod_call(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    return call(vm, static_cast<FuncWrapper*>(args[0].as_object())->func, args + 1, nargs - 1, kw);
}

static Value classmethod_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    Value obj = nargs > 1 ? args[1] : py_none();
    Value owner = nargs > 2 ? args[2] : py_none();
    Value cls = is_none(owner) ? Value::from_object(type_of(obj)) : owner;
    Value func = static_cast<FuncWrapper*>(args[0].as_object())->func;
    TypeObject* ft = type_of(func);
    if (!ft->slot(Slot::GET).is_null() && ft != types.function && ft != types.method_descriptor) {
        Value a[3] = { func, cls, cls };
        return call(vm, ft->slot(Slot::GET), a, 3);
    }
    return bound_method_new(vm, func, cls);
}

static Value wrapper_func(VM&, Value const* args, size_t, Tuple*) { return static_cast<FuncWrapper*>(args[0].as_object())->func; }
static Value wrapper_isabstract(VM& vm, Value const* args, size_t, Tuple*)
{
    int r = is_abstract(vm, static_cast<FuncWrapper*>(args[0].as_object())->func);
    return r < 0 ? Value::null() : py_bool(r > 0);
}

static Value wrapper_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Value r = TRY(repr(vm, static_cast<FuncWrapper*>(args[0].as_object())->func));
    return str_value(vm, std::string("<") + type_name(args[0]) + "(" + as_str(r)->c_str() + ")>");
}

// ------------------------------------------------------------------ super

static Value super_new(VM& vm, Value const* args, size_t, Tuple*)
{
    return Value::from_object(alloc_instance(vm, args[0].as<TypeObject>()));
}

// CPython's supercheck: where super(type, obj) starts its MRO search: obj itself when
// it is a subclass of type, else obj's type, else obj.__class__ (a proxy's) when that is a
// subclass of type. Null with TypeError pending otherwise.
static TypeObject* super_check(VM& vm, TypeObject* type, Value obj)
{
    if (is_instance_fast(obj, types.type) && is_subtype(obj.as<TypeObject>(), type))
        return obj.as<TypeObject>();
    if (is_subtype(type_of(obj), type))
        return type_of(obj);
    Value cls = getattr_opt(vm, obj, names.__class__);
    if (cls.is_null())
        vm.clear_error();
    else if (!cls.is_not_found() && is_instance_fast(cls, types.type) && cls.as<TypeObject>() != type_of(obj)
             && is_subtype(cls.as<TypeObject>(), type))
        return cls.as<TypeObject>();
    raise(vm, exc::TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return nullptr;
}

static Value super_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "super", kw))
        return Value::null();
    auto* s = static_cast<Super*>(args[0].as_object());
    TypeObject* type = nullptr;
    Value obj = Value::null();
    if (nargs == 1) {
        if (!g_super_zero_args)
            return raise(vm, exc::RuntimeError, "super(): no arguments");
        if (!g_super_zero_args(vm, type, obj))
            return Value::null();
    } else {
        if (!is_instance_fast(args[1], types.type))
            return raise_fmt(vm, exc::TypeError, "super() argument 1 must be a type, not %s", type_name(args[1]));
        type = args[1].as<TypeObject>();
        obj = nargs > 2 ? args[2] : Value::null();
    }
    TypeObject* obj_type = nullptr;
    if (!obj.is_null() && !is_none(obj) && !(obj_type = super_check(vm, type, obj)))
        return Value::null();
    s->type = type;
    s->obj = obj;
    s->obj_type = obj_type;
    return py_none();
}

static Value super_getattribute(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* s = static_cast<Super*>(args[0].as_object());
    String* name = as_str(args[1]);
    if (!name)
        return raise(vm, exc::TypeError, "attribute name must be string");
    // (No MRO yet while a metaclass's mro() runs: only super's own attributes.)
    if (s->obj_type && s->obj_type->mro && !str_equal(name, names.__class__)) {
        Tuple* mro = s->obj_type->mro;
        size_t i = 0;
        while (i < mro->size && mro->items[i].as_object() != s->type)
            ++i;
        for (++i; i < mro->size; ++i) {
            auto* t = mro->items[i].as<TypeObject>();
            Value v = dict_get_str(vm, t->dict, name);
            if (v.is_null())
                return v;
            if (v.is_not_found())
                continue;
            Value inst = s->obj.is(Value::from_object(s->obj_type)) ? Value::null() : s->obj;
            return descriptor_get(vm, v, inst, s->obj_type);
        }
    }
    Value r = generic_getattr(vm, args[0], name);
    if (r.is_not_found())
        return raise_fmt(vm, exc::AttributeError, "'super' object has no attribute '%s'", name->c_str());
    return r;
}

// super(type).__get__(obj): an unbound super binds to obj (a class keeps one in an
// attribute: `self.__super.meth()`); a bound one, or no obj, gives itself.
static Value super_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    auto* s = static_cast<Super*>(args[0].as_object());
    Value obj = args[1];
    if (is_none(obj) || !s->obj.is_null())
        return args[0];
    if (type_of(args[0]) != types.super) {
        // A subclass of super: its type makes the bound one.
        Value a[2] = { Value::from_object(s->type), obj };
        return call(vm, Value::from_object(type_of(args[0])), a, 2);
    }
    TypeObject* obj_type = super_check(vm, s->type, obj);
    if (!obj_type)
        return Value::null();
    auto* bound = static_cast<Super*>(alloc_instance(vm, types.super));
    if (!bound)
        return Value::null();
    bound->type = s->type;
    bound->obj = obj;
    bound->obj_type = obj_type;
    return Value::from_object(bound);
}

static Value super_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* s = static_cast<Super*>(args[0].as_object());
    std::string r = std::string("<super: <class '") + (s->type ? s->type->name->c_str() : "NULL") + "'>, ";
    r += s->obj_type ? std::string("<") + s->obj_type->name->c_str() + " object>" : "NULL";
    return str_value(vm, r + ">");
}

static Value super_thisclass(VM&, Value const* args, size_t, Tuple*)
{
    auto* s = static_cast<Super*>(args[0].as_object());
    return s->type ? Value::from_object(s->type) : py_none();
}

void setup_descriptors(VM& vm)
{
    types.property->basicsize = sizeof(Property);
    types.property->trace = trace_property;
    add_methods(vm, types.property, {
                                        { "__new__", property_new, METH_STATIC },
                                        { "__init__", property_init },
                                        { "__get__", property_get },
                                        { "__set__", property_set },
                                        { "__delete__", property_delete },
                                        { "getter", property_getter },
                                        { "setter", property_setter },
                                        { "deleter", property_deleter },
                                        { "__set_name__", property_set_name },
                                    });
    // fget/fset/fdel: read-only members, None when unset, as CPython's.
    for (auto [name, offset] : { std::pair{ "fget", offsetof(Property, fget) }, std::pair{ "fset", offsetof(Property, fset) },
                                 std::pair{ "fdel", offsetof(Property, fdel) } })
        (void)add_member(vm, types.property, name, uint32_t(offset), MEMBER_READONLY | MEMBER_NONE_IF_NULL);
    add_getsets(vm, types.property, { { "__doc__", property_doc, property_set_doc },
                                      { "__isabstractmethod__", property_isabstract } });

    for (TypeObject* t : { types.staticmethod, types.classmethod }) {
        t->basicsize = sizeof(FuncWrapper);
        t->trace = trace_wrapper;
        t->dict_offset = offsetof(FuncWrapper, dict);
        add_methods(vm, t, {
                               { "__new__", wrapper_new, METH_STATIC },
                               { "__init__", wrapper_init },
                               { "__repr__", wrapper_repr },
                           });
        add_getsets(vm, t, { { "__func__", wrapper_func }, { "__wrapped__", wrapper_func }, { "__isabstractmethod__", wrapper_isabstract },
                             { "__dict__", instance_dict_get, instance_dict_set } });
    }
    add_methods(vm, types.staticmethod, { { "__get__", staticmethod_get }, { "__call__", staticmethod_call } });
    add_methods(vm, types.classmethod, { { "__get__", classmethod_get } });

    types.super->basicsize = sizeof(Super);
    types.super->trace = trace_super;
    add_methods(vm, types.super, {
                                     { "__new__", super_new, METH_STATIC },
                                     { "__init__", super_init },
                                     { "__getattribute__", super_getattribute },
                                     { "__get__", super_get },
                                     { "__repr__", super_repr },
                                 });
    add_getsets(vm, types.super, { { "__thisclass__", super_thisclass } });
}

} // namespace slpy
