// Native functions, method descriptors, bound methods, getset descriptors, and the
// argument-checking helpers natives use.
#include "objects/function.h"

#include "objects/string.h"
#include "objects/type.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace slpy {

void trace_builtin_function(Object* o, Tracer& t)
{
    auto* f = static_cast<BuiltinFunction*>(o);
    t.visit(f->name);
    t.visit(f->owner);
    t.visit(f->self);
}

void trace_bound_method(Object* o, Tracer& t)
{
    auto* m = static_cast<BoundMethod*>(o);
    t.visit(m->func);
    t.visit(m->self);
}

void trace_getset(Object* o, Tracer& t)
{
    auto* g = static_cast<GetSetDescriptor*>(o);
    t.visit(g->name);
    t.visit(g->owner);
}

BuiltinFunction* builtin_function_new(VM& vm, char const* name, NativeFn fn, Value self, char const* doc)
{
    auto* f = vm.heap.make<BuiltinFunction>(types.builtin_function);
    if (!f || !(f->name = intern(vm, name)))
        return nullptr;
    f->fn = fn;
    f->self = self;
    f->doc = doc;
    return f;
}

// A built-in function made from method descriptor `f` (bound to `self`, or the
// static/class/__new__ forms): `f`'s name object as it is, so binding a method (a
// `lst.append` taken as a value) hashes no name.
static BuiltinFunction* builtin_function_from(VM& vm, BuiltinFunction const* f, NativeFn fn, Value self)
{
    auto* b = vm.heap.make<BuiltinFunction>(types.builtin_function);
    if (!b)
        return nullptr;
    b->name = f->name;
    b->fn = fn;
    b->self = self;
    b->doc = f->doc;
    return b;
}

Value bound_method_new(VM& vm, Value func, Value self)
{
    auto* m = vm.heap.make<BoundMethod>(types.method);
    if (!m)
        return Value::null();
    m->func = func;
    m->self = self;
    return Value::from_object(m);
}

// True when a native method of this name is what CPython calls a slot wrapper (its
// wrapper_descriptor type-checks self with different messages than ordinary methods).
bool is_slot_wrapper_name(String const* name, TypeObject const* owner)
{
    std::string_view n = name ? name->view() : std::string_view();
    if (n.size() < 5 || n.substr(0, 2) != "__" || n.substr(n.size() - 2) != "__")
        return false;
    // Methods CPython defines next to the slot (METH_COEXIST) are ordinary methods.
    if ((n == "__getitem__" && (owner == types.list || owner == types.dict)) ||
        (n == "__contains__" && (owner == types.dict || owner == types.set || owner == types.frozenset)))
        return false;
    static constexpr std::string_view kNotWrappers[] = { "__getattr__",     "__missing__",       "__round__",         "__enter__",
                                                         "__exit__",        "__format__",        "__reversed__",      "__instancecheck__",
                                                         "__subclasscheck__", "__init_subclass__", "__set_name__",     "__class_getitem__",
                                                         "__length_hint__", "__new__" };
    for (std::string_view x : kNotWrappers)
        if (n == x)
            return false;
    for (int i = 0; i < kNumSlots; ++i)
        if (n == kSlotNames[i])
            return true;
    return false;
}


// How many arguments after self CPython's wrapper function for a slot takes (its wrap_*
// family in typeobject.c).
static uint32_t wrapper_kind(String const* name, TypeObject const* owner, bool sequence)
{
    if (!is_slot_wrapper_name(name, owner))
        return 0;
    int slot = 0;
    while (slot < kNumSlots && name->view() != kSlotNames[slot])
        ++slot;
    switch (static_cast<Slot>(slot)) {
    case Slot::REPR: case Slot::STR: case Slot::HASH: case Slot::BOOL: case Slot::LEN:
    case Slot::ITER: case Slot::NEXT: case Slot::NEG: case Slot::POS: case Slot::ABS:
    case Slot::INVERT: case Slot::INT: case Slot::FLOAT: case Slot::INDEX: case Slot::DEL:
        return METH_WRAPPER_UNARY;
    case Slot::SETATTR: case Slot::SET: case Slot::SETITEM:
        return METH_WRAPPER_TERNARY;
    case Slot::GET: case Slot::POW: case Slot::RPOW:
        return METH_WRAPPER_OPTIONAL;
    case Slot::CALL: case Slot::INIT:
        return METH_WRAPPER_ANY;
    case Slot::MUL: case Slot::RMUL: case Slot::IMUL:
        return sequence ? METH_WRAPPER_REPEAT : METH_WRAPPER_BINARY;
    default:
        // The comparisons, the binary and in-place operators, __getitem__, __contains__,
        // __getattribute__, __delattr__, __delitem__, __delete__, __divmod__.
        return METH_WRAPPER_BINARY;
    }
}

bool wrapper_arity_error(VM& vm, BuiltinFunction const* f, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size > 0) {
        raise_fmt(vm, exc::TypeError, "wrapper %s() takes no keyword arguments", f->name->c_str());
        return false;
    }
    size_t const n = nargs;
    switch (f->mflags & METH_WRAPPER_MASK) {
    case METH_WRAPPER_UNARY:
        if (n == 0)
            return true;
        raise_fmt(vm, exc::TypeError, "expected 0 arguments, got %zu", n);
        return false;
    case METH_WRAPPER_BINARY:
        if (n == 1)
            return true;
        raise_fmt(vm, exc::TypeError, "expected 1 argument, got %zu", n);
        return false;
    // CPython unpacks these with an empty function name, hence the leading space.
    case METH_WRAPPER_REPEAT:
        if (n == 1)
            return true;
        raise_fmt(vm, exc::TypeError, " expected 1 argument, got %zu", n);
        return false;
    case METH_WRAPPER_TERNARY:
        if (n == 2)
            return true;
        raise_fmt(vm, exc::TypeError, " expected 2 arguments, got %zu", n);
        return false;
    case METH_WRAPPER_OPTIONAL:
        if (n == 1 || n == 2)
            return true;
        if (n == 0)
            raise_fmt(vm, exc::TypeError, " expected at least 1 argument, got 0");
        else
            raise_fmt(vm, exc::TypeError, " expected at most 2 arguments, got %zu", n);
        return false;
    default:
        return true;
    }
}

void add_methods(VM& vm, TypeObject* type, std::initializer_list<MethodDef> methods)
{
    // A sequence's * is its repeat slot, whose wrapper words errors differently.
    bool sequence = !type->slot(Slot::LEN).is_null();
    for (MethodDef const& def : methods)
        sequence = sequence || std::string_view(def.name) == "__len__";
    for (MethodDef const& def : methods) {
        auto* f = vm.heap.make<BuiltinFunction>(types.method_descriptor);
        f->fn = def.fn;
        f->name = intern(vm, def.name);
        f->owner = type;
        f->doc = def.doc;
        f->mflags = def.flags | wrapper_kind(f->name, type, sequence);
        (void)dict_set_str(vm, type->dict, f->name, Value::from_object(f));
        type_update_slot(vm, type, f->name);
    }
}

bool add_getsets(VM& vm, TypeObject* type, std::initializer_list<GetSetDef> getsets)
{
    for (GetSetDef const& def : getsets) {
        auto* g = vm.heap.make<GetSetDescriptor>(types.getset_descriptor);
        if (!g || !(g->name = intern(vm, def.name)))
            return false;
        g->owner = type;
        g->get = def.get;
        g->set = def.set;
        g->doc = def.doc;
        if (!dict_set_str(vm, type->dict, g->name, Value::from_object(g)))
            return false;
        type_update_slot(vm, type, g->name);
    }
    return true;
}

void add_attribute(VM& vm, TypeObject* type, char const* name, Value value)
{
    String* n = intern(vm, name);
    (void)dict_set_str(vm, type->dict, n, value);
    type_update_slot(vm, type, n);
}

// ------------------------------------------------------------------ argument checks

bool check_no_kwargs(VM& vm, char const* fname, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        raise_fmt(vm, exc::TypeError, "%s() takes no keyword arguments", fname);
        return false;
    }
    return true;
}

bool check_nargs(VM& vm, char const* fname, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return true;
    if (min == max) {
        if (min == 0)
            raise_fmt(vm, exc::TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
        else if (min == 1)
            raise_fmt(vm, exc::TypeError, "%s() takes exactly one argument (%zu given)", fname, nargs);
        else
            raise_fmt(vm, exc::TypeError, "%s expected %zu arguments, got %zu", fname, min, nargs);
    } else if (nargs < min) {
        raise_fmt(vm, exc::TypeError, "%s expected at least %zu argument%s, got %zu", fname, min, min == 1 ? "" : "s", nargs);
    } else {
        raise_fmt(vm, exc::TypeError, "%s expected at most %zu argument%s, got %zu", fname, max, max == 1 ? "" : "s", nargs);
    }
    return false;
}

bool parse_args(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames,
                std::initializer_list<char const*> names_list, size_t required, Value* out, size_t posonly)
{
    // The order of checks and the messages of CPython 3.11's _PyArg_UnpackKeywords: the
    // total count first, then positionals, then each parameter (a missing required one
    // before any unknown keyword), then keywords that matched nothing.
    size_t n = names_list.size();
    size_t nkw = kwnames ? kwnames->size : 0;
    auto name_at = [&](size_t i) { return names_list.begin()[i]; };
    for (size_t i = 0; i < n; ++i)
        out[i] = Value::null();
    if (nargs + nkw > n) {
        raise_fmt(vm, exc::TypeError, "%s() takes at most %zu %sargument%s (%zu given)", fname, n, nargs == 0 ? "keyword " : "",
                  n == 1 ? "" : "s", nargs + nkw);
        return false;
    }
    if (nargs < posonly && nargs < required) {
        size_t need = std::min(posonly, required);
        raise_fmt(vm, exc::TypeError, "%s() takes %s %zu positional argument%s (%zu given)", fname, need < n ? "at least" : "exactly", need,
                  need == 1 ? "" : "s", nargs);
        return false;
    }
    for (size_t i = 0; i < nargs; ++i)
        out[i] = args[i];
    auto find_keyword = [&](char const* name) -> int64_t {
        for (size_t k = 0; k < nkw; ++k)
            if (String* key = as_str(kwnames->items[k]); key && std::strcmp(key->c_str(), name) == 0)
                return int64_t(k);
        return -1;
    };
    size_t unused = nkw;
    for (size_t i = std::max(nargs, posonly); i < n; ++i) {
        if (unused == 0 && i >= required)
            break;
        int64_t k = unused ? find_keyword(name_at(i)) : -1;
        if (k >= 0) {
            out[i] = args[nargs + size_t(k)];
            --unused;
        } else if (i < required) {
            raise_fmt(vm, exc::TypeError, "%s() missing required argument '%s' (pos %zu)", fname, name_at(i), i + 1);
            return false;
        }
    }
    if (unused > 0) {
        for (size_t i = posonly; i < nargs; ++i)
            if (find_keyword(name_at(i)) >= 0) {
                raise_fmt(vm, exc::TypeError, "argument for %s() given by name ('%s') and position (%zu)", fname, name_at(i), i + 1);
                return false;
            }
        for (size_t k = 0; k < nkw; ++k) {
            String* key = as_str(kwnames->items[k]);
            bool known = false;
            for (size_t i = posonly; key && i < n; ++i)
                known = known || std::strcmp(key->c_str(), name_at(i)) == 0;
            if (!known) {
                raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for %s()", key ? key->c_str() : "?", fname);
                return false;
            }
        }
    }
    return true;
}

// ------------------------------------------------------------------ Python-level methods

// builtin_function.__call__ happens in call(); these are the descriptor and repr parts.

// X.__new__ of a built-in type, as Python code gets it (X.__new__, super().__new__,
// obj.__new__): a function bound to X that checks cls before the native runs, as
// CPython's tp_new_wrapper. The natives read args[0] as a type whose instances have X's
// layout (dict.__new__(int) would build a dict with int's type), so they must never see
// anything else. Calls of the type itself (X(...)) pass a checked cls and go to the
// native directly.
static Value builtin_new_wrapper(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* owner = args[0].as<TypeObject>();
    char const* name = owner->name->c_str();
    Value own = owner->slot(Slot::NEW);
    if (type_of(own) != types.method_descriptor)
        return raise_fmt(vm, exc::SystemError, "%s.__new__ is not a built-in method", name);
    NativeFn native = own.as<BuiltinFunction>()->fn;
    if (nargs < 2)
        return raise_fmt(vm, exc::TypeError, "%s.__new__(): not enough arguments", name);
    if (!is_instance_fast(args[1], types.type))
        return raise_fmt(vm, exc::TypeError, "%s.__new__(X): X is not a type object (%s)", name, type_name(args[1]));
    auto* cls = args[1].as<TypeObject>();
    if (!is_subtype(cls, owner))
        return raise_fmt(vm, exc::TypeError, "%s.__new__(%s): %s is not a subtype of %s", name, cls->name->c_str(), cls->name->c_str(), name);
    // The nearest built-in type of cls decides its layout: it must construct through this
    // same native (int.__new__(bool) would make an int where a bool is expected).
    TypeObject* staticbase = cls;
    while (staticbase && staticbase->is_heap_type() && staticbase != owner) // owner: a native-made class (a struct sequence)
        staticbase = staticbase->base;
    if (staticbase) {
        Value base_new = staticbase->slot(Slot::NEW);
        if (type_of(base_new) != types.method_descriptor || base_new.as<BuiltinFunction>()->fn != native)
            return raise_fmt(vm, exc::TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", name, cls->name->c_str(),
                             staticbase->name->c_str());
    }
    return native(vm, args + 1, nargs - 1, kwnames);
}

static Value method_descriptor_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    // __get__(self, obj, type=None)
    auto* f = args[0].as<BuiltinFunction>();
    Value obj = nargs > 1 ? args[1] : py_none();
    Value owner = nargs > 2 ? args[2] : py_none();
    if ((f->mflags & METH_STATIC) && f->owner && f->name == names.slot_names[int(Slot::NEW)]) {
        // Bound to the nearest built-in type it was reached through that constructs with
        // this native (ValueError.__new__ is ValueError's, as in CPython, where every
        // built-in type has its own __new__), else to the type defining it.
        TypeObject* bound = f->owner;
        Value via = !is_none(owner) ? owner : is_none(obj) ? Value::null() : Value::from_object(type_of(obj));
        if (via.is_object() && is_instance_fast(via, types.type)) {
            TypeObject* b = via.as<TypeObject>();
            while (b && b->is_heap_type())
                b = b->base;
            Value b_new = b ? b->slot(Slot::NEW) : Value::null();
            if (b && is_subtype(b, f->owner) && type_of(b_new) == types.method_descriptor && b_new.as<BuiltinFunction>()->fn == f->fn)
                bound = b;
        }
        auto* b = builtin_function_from(vm, f, builtin_new_wrapper, Value::from_object(bound));
        if (!b)
            return Value::null();
        b->owner = bound;
        return Value::from_object(b);
    }
    if (f->mflags & METH_STATIC) {
        auto* b = builtin_function_from(vm, f, f->fn, Value::null());
        if (!b)
            return Value::null();
        b->owner = f->owner;
        b->mflags = METH_STATIC; // its __qualname__ and __reduce__ name the owner
        return Value::from_object(b);
    }
    if (f->mflags & METH_CLASS) {
        Value cls = is_none(owner) ? Value::from_object(type_of(obj)) : owner;
        auto* b = builtin_function_from(vm, f, f->fn, cls);
        if (!b)
            return Value::null();
        b->owner = f->owner;
        return Value::from_object(b);
    }
    if (is_none(obj))
        return args[0];
    return method_descriptor_bind(vm, f, obj);
}

Value method_descriptor_bind(VM& vm, BuiltinFunction* f, Value obj)
{
    if (!is_instance_fast(obj, f->owner))
        return raise_fmt(vm, exc::TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", f->name->c_str(), f->owner->name->c_str(), type_name(obj));
    auto* b = builtin_function_from(vm, f, f->fn, obj);
    if (!b)
        return Value::null();
    b->owner = f->owner;
    // A bound switching native still switches (with its id: a bound str.join drives Python).
    b->mflags = f->mflags & (METH_WRAPPER_MASK | METH_SWITCH | 0xff000000u);
    return Value::from_object(b);
}

// __call__ of the callable built-in kinds (len.__call__(x), m.__call__()): the call itself.
static Value callable_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return call(vm, args[0], args + 1, nargs - 1, kwnames);
}

static Value builtin_function_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* f = args[0].as<BuiltinFunction>();
    std::string s;
    if (f->type == types.method_descriptor) {
        s = std::string("<method '") + f->name->c_str() + "' of '" + (f->owner ? f->owner->name->c_str() : "?") + "' objects>";
    } else if (!f->self.is_null() && type_of(f->self) != types.module) {
        char buf[64];
        std::snprintf(buf, sizeof buf, " at %#llx>", static_cast<unsigned long long>(f->self.bits()));
        s = std::string("<built-in method ") + f->name->c_str() + " of " + type_name(f->self) + " object" + buf;
    } else {
        s = std::string("<built-in function ") + f->name->c_str() + ">";
    }
    return str_value(vm, s);
}

static Value builtin_function_name(VM& vm, Value const* args, size_t, Tuple*)
{
    return Value::from_object(args[0].as<BuiltinFunction>()->name);
}

static Value builtin_function_qualname(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* f = args[0].as<BuiltinFunction>();
    if (f->owner && (f->type == types.method_descriptor || !f->self.is_null() || (f->mflags & METH_STATIC)))
        return str_value(vm, std::string(f->owner->name->c_str()) + "." + f->name->c_str());
    return Value::from_object(f->name);
}

static Value builtin_function_doc(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* f = args[0].as<BuiltinFunction>();
    return f->doc ? str_value(vm, f->doc) : py_none();
}

static Value builtin_function_self(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* f = args[0].as<BuiltinFunction>();
    return f->self.is_null() ? py_none() : f->self;
}

// __objclass__: the class that defines a method descriptor or slot wrapper, bound or not
// (CPython's method-wrapper has it; a bound built-in method like [].append does not).
static Value builtin_function_objclass(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* f = args[0].as<BuiltinFunction>();
    bool has = f->owner && (type_of(args[0]) == types.method_descriptor || is_slot_wrapper_name(f->name, f->owner));
    if (has)
        return Value::from_object(f->owner);
    String* name = intern(vm, "__objclass__");
    return name ? raise_attribute_error(vm, args[0], name) : Value::null();
}

// types.MethodType(func, self)
static Value bound_method_tp_new(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (kw && kw->size)
        return raise(vm, exc::TypeError, "method() takes no keyword arguments");
    if (nargs != 3)
        return raise_fmt(vm, exc::TypeError, "method expected 2 arguments, got %zu", nargs - 1);
    if (!is_callable(args[1]))
        return raise(vm, exc::TypeError, "first argument must be callable");
    if (is_none(args[2]))
        return raise(vm, exc::TypeError, "instance must not be None");
    return bound_method_new(vm, args[1], args[2]);
}

static Value bound_method_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* m = args[0].as<BoundMethod>();
    // As CPython's method_repr: the function's __qualname__, else its __name__, else "?".
    Value qn = getattr_opt(vm, m->func, names.__qualname__);
    if (qn.is_not_found())
        qn = getattr_opt(vm, m->func, names.__name__);
    if (qn.is_null())
        return Value::null();
    String* q = as_str(qn);
    Value self_repr = TRY(repr(vm, m->self));
    return str_value(vm, std::string("<bound method ") + (q ? q->c_str() : "?") + " of " + as_str(self_repr)->c_str() + ">");
}

static Value bound_method_getattr(VM& vm, Value const* args, size_t, Tuple*)
{
    // Attributes not found on the method itself come from the function (__name__, __doc__...).
    auto* m = args[0].as<BoundMethod>();
    String* name = as_str(args[1]);
    if (!name)
        return raise(vm, exc::TypeError, "attribute name must be string");
    return getattr(vm, m->func, name);
}

// __doc__ is the function's, as CPython's method_get_doc: found by the class lookup it
// would otherwise be object's docstring, before __getattr__ ever ran.
static Value bound_method_doc(VM& vm, Value const* args, size_t, Tuple*)
{
    return getattr(vm, args[0].as<BoundMethod>()->func, names.__doc__);
}

static Value bound_method_func(VM&, Value const* args, size_t, Tuple*) { return args[0].as<BoundMethod>()->func; }
static Value bound_method_self(VM&, Value const* args, size_t, Tuple*) { return args[0].as<BoundMethod>()->self; }

static Value bound_method_eq(VM& vm, Value const* args, size_t, Tuple*)
{
    if (type_of(args[1]) != types.method)
        return py_not_implemented();
    auto* a = args[0].as<BoundMethod>();
    auto* b = args[1].as<BoundMethod>();
    return py_bool(a->func.is(b->func) && a->self.is(b->self));
}

static Value bound_method_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* m = args[0].as<BoundMethod>();
    int64_t h1, h2;
    if (!hash(vm, m->func, h1))
        return Value::null();
    h2 = static_cast<int64_t>(m->self.bits() >> 4);
    int64_t h = h1 ^ h2;
    if (h == -1)
        h = -2;
    return Value::small_int(h & Value::kIntMax);
}

// The getter and setter of a getset read `obj` as their owner's layout, so every way in
// checks the type first (CPython's descr_check / descr_setcheck).
static bool getset_check(VM& vm, GetSetDescriptor* g, Value obj)
{
    if (is_instance_fast(obj, g->owner))
        return true;
    raise_fmt(vm, exc::TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", g->name->c_str(), g->owner->name->c_str(), type_name(obj));
    return false;
}

static Value getset_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    auto* g = args[0].as<GetSetDescriptor>();
    Value obj = nargs > 1 ? args[1] : py_none();
    if (is_none(obj))
        return args[0];
    if (!getset_check(vm, g, obj))
        return Value::null();
    Value a[1] = { obj };
    return g->get(vm, a, 1, nullptr);
}

static Value getset_set(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    auto* g = args[0].as<GetSetDescriptor>();
    if (!getset_check(vm, g, args[1]))
        return Value::null();
    if (!g->set)
        return raise_fmt(vm, exc::AttributeError, "attribute '%s' of '%s' objects is not writable", g->name->c_str(), g->owner->name->c_str());
    Value a[2] = { args[1], nargs > 2 ? args[2] : Value::null() };
    return g->set(vm, a, 2, nullptr);
}

static Value getset_delete(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    auto* g = args[0].as<GetSetDescriptor>();
    if (!getset_check(vm, g, args[1]))
        return Value::null();
    if (!g->set)
        return raise_fmt(vm, exc::AttributeError, "attribute '%s' of '%s' objects is not writable", g->name->c_str(), g->owner->name->c_str());
    Value a[2] = { args[1], Value::null() };
    return g->set(vm, a, 2, nullptr);
}

// Two built-in functions are equal when they run the same native with the same self
// (CPython's meth_richcompare): `object.__new__ == object.__new__` though each access
// makes a new wrapper, which enum's `__new__ in {..., object.__new__}` relies on.
static bool builtin_same(Value a, Value b)
{
    auto* x = a.as<BuiltinFunction>();
    auto* y = b.as<BuiltinFunction>();
    return x->fn == y->fn && x->self.is(y->self) && (x->fn != builtin_new_wrapper || x->owner == y->owner);
}

static Value builtin_function_eq(VM&, Value const* args, size_t, Tuple*)
{
    if (type_of(args[1]) != types.builtin_function)
        return py_not_implemented();
    return py_bool(builtin_same(args[0], args[1]));
}

static Value builtin_function_ne(VM&, Value const* args, size_t, Tuple*)
{
    if (type_of(args[1]) != types.builtin_function)
        return py_not_implemented();
    return py_bool(!builtin_same(args[0], args[1]));
}

static Value builtin_function_hash(VM&, Value const* args, size_t, Tuple*)
{
    auto* f = args[0].as<BuiltinFunction>();
    uint64_t h = reinterpret_cast<uintptr_t>(f->fn) >> 4;
    h ^= f->self.is_null() ? 0 : std::hash<uint64_t>{}(f->self.bits());
    return Value::small_int(int64_t(h & ((uint64_t(1) << 46) - 1)));
}

static Value getset_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* g = args[0].as<GetSetDescriptor>();
    return str_value(vm, std::string("<attribute '") + g->name->c_str() + "' of '" + g->owner->name->c_str() + "' objects>");
}

// The introspection attributes of a getset descriptor (CPython's descr_members and
// descr_getset): inspect reads __name__ and __objclass__ to tell a class's own __dict__
// descriptor from a shadowing one.
static Value getset_name(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(args[0].as<GetSetDescriptor>()->name); }
static Value getset_objclass(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(args[0].as<GetSetDescriptor>()->owner); }

static Value getset_qualname(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* g = args[0].as<GetSetDescriptor>();
    Value owner_qualname = TRY(getattr(vm, Value::from_object(g->owner), names.__qualname__));
    if (!is_str(owner_qualname))
        return raise(vm, exc::TypeError, "<descriptor>.__objclass__.__qualname__ is not a unicode object");
    return str_value(vm, std::string(as_str(owner_qualname)->view()) + "." + g->name->c_str());
}

static Value getset_doc(VM& vm, Value const* args, size_t, Tuple*)
{
    auto* g = args[0].as<GetSetDescriptor>();
    return g->doc ? str_value(vm, g->doc) : py_none();
}

void setup_functions(VM& vm)
{
    for (TypeObject* t : { types.builtin_function, types.method_descriptor }) {
        add_methods(vm, t, { { "__repr__", builtin_function_repr }, { "__call__", callable_call } });
        add_getsets(vm, t, {
                               { "__name__", builtin_function_name },
                               { "__qualname__", builtin_function_qualname },
                               { "__doc__", builtin_function_doc },
                               { "__self__", builtin_function_self },
                               { "__objclass__", builtin_function_objclass },
                           });
    }
    add_methods(vm, types.method_descriptor, { { "__get__", method_descriptor_get } });
    add_methods(vm, types.builtin_function, {
                                                { "__eq__", builtin_function_eq },
                                                { "__ne__", builtin_function_ne },
                                                { "__hash__", builtin_function_hash },
                                            });
    add_methods(vm, types.method, {
                                      { "__new__", bound_method_tp_new, METH_STATIC },
                                      { "__repr__", bound_method_repr },
                                      { "__getattr__", bound_method_getattr },
                                      { "__eq__", bound_method_eq },
                                      { "__hash__", bound_method_hash },
                                      { "__call__", callable_call },
                                  });
    add_getsets(vm, types.method,
                { { "__func__", bound_method_func }, { "__self__", bound_method_self }, { "__doc__", bound_method_doc } });
    add_methods(vm, types.getset_descriptor, {
                                                 { "__get__", getset_get },
                                                 { "__set__", getset_set },
                                                 { "__delete__", getset_delete },
                                                 { "__repr__", getset_repr },
                                             });
    add_getsets(vm, types.getset_descriptor, {
                                                 { "__name__", getset_name },
                                                 { "__qualname__", getset_qualname },
                                                 { "__objclass__", getset_objclass },
                                                 { "__doc__", getset_doc },
                                             });
}

} // namespace slpy
