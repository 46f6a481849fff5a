// The abstract object protocol: calls, repr/str, truth, hashing, comparison, attributes,
// items, iteration and operators, dispatched through the type slot tables.
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "objects/string.h"
#include "objects/type.h"
#include "objects/vm_local.h"

#include <cstring>
#include <string>
#include <vector>

namespace slpy {

// Natives whose slot entries the protocol recognises to skip the generic call path.
Value object_getattribute_native(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value type_getattribute_native(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value object_setattr_native(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value type_getattr(VM& vm, Value type, String* name);
Value module_getattribute_native(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value module_getattr(VM& vm, Value module, String* name);
Value seq_iterator_new(VM& vm, Value seq);

namespace {

inline bool is_native(Value f, NativeFn fn)
{
    if (!f.is_object())
        return false;
    TypeObject* t = f.as_object()->type;
    return (t == types.method_descriptor || t == types.builtin_function) && f.as<BuiltinFunction>()->fn == fn;
}

// Calls native fn with `first` prepended to args.
Value call_native_prepend(VM& vm, NativeFn fn, Value first, Value const* args, size_t nargs, Tuple* kwnames)
{
    // The native path of call_slot: guarded as call() (below) is.
    if (!stack_check(vm, " while calling a Python object"))
        return Value::null();
    size_t total = nargs + (kwnames ? kwnames->size : 0);
    Value small[16];
    Value* buf = small;
    ValueArray* big = nullptr;
    if (total + 1 > 16) {
        big = value_array_new(vm, total + 1);
        if (!big)
            return Value::null();
        buf = big->items;
    }
    buf[0] = first;
    for (size_t i = 0; i < total; ++i)
        buf[i + 1] = args[i];
    return fn(vm, buf, nargs + 1, kwnames);
}

// Calls f with `first` prepended to args (vectorcall with an extra leading argument).
Value call_prepend(VM& vm, Value f, Value first, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t total = nargs + (kwnames ? kwnames->size : 0);
    Value small[16];
    Value* buf = small;
    ValueArray* big = nullptr;
    if (total + 1 > 16) {
        big = value_array_new(vm, total + 1);
        if (!big)
            return Value::null();
        buf = big->items;
    }
    buf[0] = first;
    for (size_t i = 0; i < total; ++i)
        buf[i + 1] = args[i];
    Value r = call(vm, f, buf, nargs + 1, kwnames);
    (void)big;
    return r;
}

char const* const kBinOpSymbols[13] = { "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^" };
char const* const kInplaceSymbols[13] = { "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=" };
char const* const kCmpSymbols[6] = { "<", "<=", "==", "!=", ">", ">=" };
Slot const kCmpSlots[6] = { Slot::LT, Slot::LE, Slot::EQ, Slot::NE, Slot::GT, Slot::GE };
Slot const kCmpReflected[6] = { Slot::GT, Slot::GE, Slot::EQ, Slot::NE, Slot::LT, Slot::LE };

} // namespace

Slot const kBinarySlots[13] = { Slot::ADD, Slot::AND, Slot::FLOORDIV, Slot::LSHIFT, Slot::MATMUL, Slot::MUL, Slot::MOD, Slot::OR, Slot::POW, Slot::RSHIFT, Slot::SUB, Slot::TRUEDIV, Slot::XOR };
Slot const kReflectedSlots[13] = { Slot::RADD, Slot::RAND, Slot::RFLOORDIV, Slot::RLSHIFT, Slot::RMATMUL, Slot::RMUL, Slot::RMOD, Slot::ROR, Slot::RPOW, Slot::RRSHIFT, Slot::RSUB, Slot::RTRUEDIV, Slot::RXOR };
Slot const kInplaceSlots[13] = { Slot::IADD, Slot::IAND, Slot::IFLOORDIV, Slot::ILSHIFT, Slot::IMATMUL, Slot::IMUL, Slot::IMOD, Slot::IOR, Slot::IPOW, Slot::IRSHIFT, Slot::ISUB, Slot::ITRUEDIV, Slot::IXOR };

char const* type_name(Value v)
{
    TypeObject* t = type_of(v);
    if (t && t->full_name)
        return t->full_name->c_str();
    return t && t->name ? t->name->c_str() : "?";
}

// ------------------------------------------------------------------ calls

Value call(VM& vm, Value callable, Value const* args, size_t nargs, Tuple* kwnames)
{
    // Natives calling natives that call natives (bound methods of bound methods, chains
    // of iter(callable, sentinel), ...) recurse on the C stack without a Python frame.
    if (!stack_check(vm, " while calling a Python object"))
        return Value::null();
    TypeObject* t = type_of(callable);
    if (t == types.builtin_function) {
        auto* f = callable.as<BuiltinFunction>();
        // Module functions keep their module in `self` but do not take it as an argument.
        if (f->self.is_null() || (!f->owner && type_of(f->self) == types.module))
            return f->fn(vm, args, nargs, kwnames);
        if (!check_wrapper_arity(vm, f, nargs, kwnames))
            return Value::null();
        return call_native_prepend(vm, f->fn, f->self, args, nargs, kwnames);
    }
    if (t == types.method_descriptor) {
        auto* f = callable.as<BuiltinFunction>();
        if (f->mflags & (METH_CLASS | METH_STATIC)) {
            Value bound = TRY(descriptor_get(vm, callable, Value::null(), f->owner));
            return call(vm, bound, args, nargs, kwnames);
        }
        if (nargs == 0 || !is_instance_fast(args[0], f->owner)) {
            bool wrapper = is_slot_wrapper_name(f->name, f->owner);
            if (nargs == 0 && wrapper)
                return raise_fmt(vm, exc::TypeError, "descriptor '%s' of '%s' object needs an argument", f->name->c_str(), f->owner->name->c_str());
            if (nargs == 0)
                return raise_fmt(vm, exc::TypeError, "unbound method %s.%s() needs an argument", f->owner->name->c_str(), f->name->c_str());
            if (wrapper)
                return raise_fmt(vm, exc::TypeError, "descriptor '%s' requires a '%s' object but received a '%s'", f->name->c_str(),
                                 f->owner->name->c_str(), type_name(args[0]));
            return raise_fmt(vm, exc::TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", f->name->c_str(),
                             f->owner->name->c_str(), type_name(args[0]));
        }
        if (!check_wrapper_arity(vm, f, nargs - 1, kwnames))
            return Value::null();
        return f->fn(vm, args, nargs, kwnames);
    }
    if (t == types.function)
        return vm.call_python(vm, callable, args, nargs, kwnames);
    if (t == types.method) {
        auto* m = callable.as<BoundMethod>();
        return call_prepend(vm, m->func, m->self, args, nargs, kwnames);
    }
    if (!t)
        return raise(vm, exc::SystemError, "call of a null value");
    Value slot = t->slot(Slot::CALL);
    if (slot.is_null())
        return raise_fmt(vm, exc::TypeError, "'%s' object is not callable", t->name->c_str());
    // A level of native recursion, as CPython's slot_tp_call: a __call__ that is itself
    // an instance of the class (A.__call__ = A()) recurses here, not in the eval loop.
    NestingGuard nesting(vm, " while calling a Python object");
    if (!nesting.ok())
        return Value::null();
    // As any special method: a function gets the instance, a non-descriptor stored on the
    // class (typing's `__call__ = dict`) is called as it is.
    return call_slot(vm, callable, Slot::CALL, args, nargs, kwnames);
}

Value call0(VM& vm, Value callable) { return call(vm, callable, nullptr, 0); }
Value call1(VM& vm, Value callable, Value a) { return call(vm, callable, &a, 1); }
Value call2(VM& vm, Value callable, Value a, Value b)
{
    Value args[2] = { a, b };
    return call(vm, callable, args, 2);
}

Value call_method(VM& vm, Value obj, String* name, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value f = TRY(getattr(vm, obj, name));
    return call(vm, f, args, nargs, kwnames);
}

Value call_slot(VM& vm, Value self, Slot slot, Value const* args, size_t nargs, Tuple* kwnames)
{
    TypeObject* t = type_of(self);
    Value f = t->slot(slot);
    if (f.is_null())
        return Value::not_found();
    TypeObject* ft = type_of(f);
    // A native method found on type(self)'s MRO always applies to self: no checks needed.
    if (ft == types.method_descriptor && !(f.as<BuiltinFunction>()->mflags & (METH_CLASS | METH_STATIC)))
        return call_native_prepend(vm, f.as<BuiltinFunction>()->fn, self, args, nargs, kwnames);
    // A bound built-in method stored on a class (`__next__ = gen.__next__`) is no
    // descriptor, as in CPython: it is called as it is.
    if (ft == types.builtin_function && !f.as<BuiltinFunction>()->self.is_null())
        return call(vm, f, args, nargs, kwnames);
    if (ft == types.function || ft == types.method_descriptor || ft == types.builtin_function)
        return call_prepend(vm, f, self, args, nargs, kwnames);
    // Other descriptors (staticmethod, classmethod, callables with __get__) bind first.
    Value bound = TRY(descriptor_get(vm, f, self, t));
    return call(vm, bound, args, nargs, kwnames);
}

Value call_special0(VM& vm, Value obj, String* name)
{
    TypeObject* t = type_of(obj);
    Value f = type_lookup(t, name);
    if (f.is_not_found())
        return f;
    // Plain functions get obj prepended (binding a native to a module object would make
    // it look like a module-level function to call()); other descriptors bind first.
    TypeObject* ft = type_of(f);
    if (ft == types.function || ft == types.method_descriptor || ft == types.builtin_function)
        return call(vm, f, &obj, 1);
    Value bound = TRY(descriptor_get(vm, f, obj, t));
    return call0(vm, bound);
}

// ------------------------------------------------------------------ str, repr, format

Value str_result(VM& vm, Value r, char const* method)
{
    if (r.is_null())
        return r;
    if (!is_str(r))
        return raise_fmt(vm, exc::TypeError, "%s returned non-string (type %s)", method, type_name(r));
    return r;
}

Value format_result(VM& vm, Value r)
{
    if (r.is_null())
        return r;
    if (!is_str(r))
        return raise_fmt(vm, exc::TypeError, "__format__ must return a str, not %s", type_name(r));
    return r;
}

// repr() and str() count a level of native recursion each (as PyObject_Repr/_Str): the
// one guard for every native __repr__/__str__ that formats what it contains (nested
// containers, exceptions, slices, methods of methods, ...).
Value repr(VM& vm, Value v)
{
    NestingGuard nesting(vm, " while getting the repr of an object");
    if (!nesting.ok())
        return Value::null();
    Value r = call_slot(vm, v, Slot::REPR, nullptr, 0);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "'%s' object has no __repr__", type_name(v));
    return str_result(vm, r, "__repr__");
}

Value to_str(VM& vm, Value v)
{
    if (is_exact_str(v))
        return v;
    NestingGuard nesting(vm, " while getting the str of an object");
    if (!nesting.ok())
        return Value::null();
    Value r = call_slot(vm, v, Slot::STR, nullptr, 0);
    if (r.is_not_found())
        return repr(vm, v);
    return str_result(vm, r, "__str__");
}

Value ascii(VM& vm, Value v)
{
    Value r = TRY(repr(vm, v));
    String* s = as_str(r);
    if (s->is_ascii())
        return r;
    std::string out;
    std::string_view text = s->view();
    size_t i = 0;
    while (i < text.size()) {
        uint32_t cp = utf8_decode(text, i);
        char buf[16];
        if (cp < 0x80) {
            out.push_back(char(cp));
            continue;
        }
        if (cp < 0x100)
            std::snprintf(buf, sizeof buf, "\\x%02x", cp);
        else if (cp < 0x10000)
            std::snprintf(buf, sizeof buf, "\\u%04x", cp);
        else
            std::snprintf(buf, sizeof buf, "\\U%08x", cp);
        out += buf;
    }
    return str_value(vm, out);
}

Value format(VM& vm, Value v, Value spec)
{
    Value r = call_slot(vm, v, Slot::FORMAT, &spec, 1);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "Type %s doesn't define __format__", type_name(v));
    return format_result(vm, r);
}

// ------------------------------------------------------------------ truth, hash, compare

int bool_result(VM& vm, Value r)
{
    if (r.is_null())
        return -1;
    if (type_of(r) != types.bool_) {
        raise_fmt(vm, exc::TypeError, "__bool__ should return bool, returned %s", type_name(r));
        return -1;
    }
    return r.is(py_true());
}

int truthy(VM& vm, Value v)
{
    if (v.is_object()) {
        Object* o = v.as_object();
        if (o == singletons.true_)
            return 1;
        if (o == singletons.false_ || o == singletons.none)
            return 0;
    } else if (v.is_int()) {
        return v.as_int() != 0;
    } else if (v.is_double()) {
        return v.as_double() != 0.0;
    }
    TypeObject* t = type_of(v);
    if (!t->slot(Slot::BOOL).is_null()) {
        return bool_result(vm, call_slot(vm, v, Slot::BOOL, nullptr, 0));
    }
    if (!t->slot(Slot::LEN).is_null()) {
        int64_t n;
        if (!length(vm, v, n))
            return -1;
        return n != 0;
    }
    return 1;
}

bool hash(VM& vm, Value v, int64_t& out)
{
    if (v.is_int()) {
        int64_t i = v.as_int();
        out = i == -1 ? -2 : i;
        return true;
    }
    if (v.is_double()) {
        out = float_hash(v.as_double());
        return true;
    }
    if (is_exact_str(v)) {
        out = str_hash(v.as<String>());
        return true;
    }
    TypeObject* t = type_of(v);
    Value f = t->slot(Slot::HASH);
    if (f.is_null() || is_none(f)) {
        raise_fmt(vm, exc::TypeError, "unhashable type: '%s'", type_name(v));
        return false;
    }
    return hash_result(vm, call_slot(vm, v, Slot::HASH, nullptr, 0), out);
}

bool hash_result(VM& vm, Value r, int64_t& out)
{
    if (r.is_null())
        return false;
    if (!is_int(r)) {
        raise(vm, exc::TypeError, "__hash__ method should return an integer");
        return false;
    }
    // As CPython's slot_tp_hash: the value itself when it fits in a machine word,
    // otherwise the hash of that int.
    Value plain = int_unwrap(r);
    int64_t i;
    if (int_to_i64(plain, i))
        out = i == -1 ? -2 : i;
    else
        out = int_hash(plain);
    return true;
}

Value rich_compare(VM& vm, Value a, Value b, CmpArg op)
{
    // One level of native recursion per comparison, as PyObject_RichCompare: the guard
    // of every native comparison that compares what it contains (nested containers,
    // mappingproxy, GenericAlias, ...).
    NestingGuard nesting(vm, " in comparison");
    if (!nesting.ok())
        return Value::null();
    int o = int(op);
    TypeObject* ta = type_of(a);
    TypeObject* tb = type_of(b);
    bool checked_reverse = false;
    if (ta != tb && is_subtype(tb, ta) && !tb->slot(kCmpReflected[o]).is_null()) {
        checked_reverse = true;
        Value r = call_slot(vm, b, kCmpReflected[o], &a, 1);
        if (r.is_null())
            return r;
        if (!r.is_not_found() && !r.is(py_not_implemented()))
            return r;
    }
    Value r = call_slot(vm, a, kCmpSlots[o], &b, 1);
    if (r.is_null())
        return r;
    if (!r.is_not_found() && !r.is(py_not_implemented()))
        return r;
    if (!checked_reverse) {
        r = call_slot(vm, b, kCmpReflected[o], &a, 1);
        if (r.is_null())
            return r;
        if (!r.is_not_found() && !r.is(py_not_implemented()))
            return r;
    }
    if (op == CmpArg::EQ)
        return py_bool(a.is(b));
    if (op == CmpArg::NE)
        return py_bool(!a.is(b));
    return raise_fmt(vm, exc::TypeError, "'%s' not supported between instances of '%s' and '%s'", kCmpSymbols[o], type_name(a), type_name(b));
}

CompareFirstStep compare_first_step(Value a, Value b, CmpArg op)
{
    int o = int(op);
    TypeObject* ta = type_of(a);
    TypeObject* tb = type_of(b);
    if (ta != tb && is_subtype(tb, ta) && !tb->slot(kCmpReflected[o]).is_null())
        return { tb->slot(kCmpReflected[o]), true, CompareStage::AfterReflectedFirst };
    return { ta->slot(kCmpSlots[o]), false, CompareStage::AfterForward };
}

Value compare_continue(VM& vm, Value a, Value b, CmpArg op, CompareStage stage)
{
    int o = int(op);
    auto done = [](Value r) { return r.is_null() || (!r.is_not_found() && !r.is(py_not_implemented())); };
    if (stage == CompareStage::AfterReflectedFirst) {
        Value r = call_slot(vm, a, kCmpSlots[o], &b, 1);
        if (done(r))
            return r;
    } else {
        Value r = call_slot(vm, b, kCmpReflected[o], &a, 1);
        if (done(r))
            return r;
    }
    if (op == CmpArg::EQ)
        return py_bool(a.is(b));
    if (op == CmpArg::NE)
        return py_bool(!a.is(b));
    return raise_fmt(vm, exc::TypeError, "'%s' not supported between instances of '%s' and '%s'", kCmpSymbols[o], type_name(a), type_name(b));
}

int rich_compare_bool(VM& vm, Value a, Value b, CmpArg op)
{
    if (a.is(b) && !a.is_double()) {
        if (op == CmpArg::EQ)
            return 1;
        if (op == CmpArg::NE)
            return 0;
    }
    Value r = rich_compare(vm, a, b, op);
    if (r.is_null())
        return -1;
    return truthy(vm, r);
}

int equal(VM& vm, Value a, Value b)
{
    // Identity implies equality, as CPython's containers assume; an inline NaN is
    // "identical" to every NaN, so `nan in [nan]` holds as it does for one float object.
    if (a.is(b))
        return 1;
    if (a.is_int() && b.is_int())
        return 0;
    if (is_exact_str(a) && is_exact_str(b))
        return str_equal(a.as<String>(), b.as<String>());
    return rich_compare_bool(vm, a, b, CmpArg::EQ);
}

// ------------------------------------------------------------------ attributes

Value getattr_opt(VM& vm, Value obj, String* name)
{
    TypeObject* t = type_of(obj);
    Value ga = t->slot(Slot::GETATTRIBUTE);
    Value r;
    if (is_native(ga, object_getattribute_native)) {
        r = generic_getattr(vm, obj, name);
    } else if (is_native(ga, type_getattribute_native)) {
        r = type_getattr(vm, obj, name);
    } else if (is_native(ga, module_getattribute_native)) {
        r = module_getattr(vm, obj, name);
    } else {
        Value arg = Value::from_object(name);
        r = call_slot(vm, obj, Slot::GETATTRIBUTE, &arg, 1);
    }
    // Missing is said by raising AttributeError too (a custom __getattribute__, a
    // descriptor's getter): that is not_found here, then __getattr__, if any, gets its turn.
    if (r.is_null() && vm.error_matches(exc::AttributeError)) {
        vm.clear_error();
        r = Value::not_found();
    }
    if (r.is_null())
        return r;
    if (r.is_not_found() && !t->slot(Slot::GETATTR).is_null()) {
        Value arg = Value::from_object(name);
        r = call_slot(vm, obj, Slot::GETATTR, &arg, 1);
    }
    if (r.is_null() && vm.error_matches(exc::AttributeError)) {
        vm.clear_error();
        return Value::not_found();
    }
    return r;
}

Value getattr(VM& vm, Value obj, String* name)
{
    TypeObject* t = type_of(obj);
    Value ga = t->slot(Slot::GETATTRIBUTE);
    Value r;
    if (is_native(ga, object_getattribute_native)) {
        r = generic_getattr(vm, obj, name);
    } else if (is_native(ga, type_getattribute_native)) {
        r = type_getattr(vm, obj, name);
    } else if (is_native(ga, module_getattribute_native)) {
        r = module_getattr(vm, obj, name);
    } else {
        Value arg = Value::from_object(name);
        r = call_slot(vm, obj, Slot::GETATTRIBUTE, &arg, 1);
    }
    // An AttributeError from __getattribute__ (or a descriptor it ran) goes to __getattr__.
    if (r.is_null() && !t->slot(Slot::GETATTR).is_null() && vm.error_matches(exc::AttributeError)) {
        vm.clear_error();
        r = Value::not_found();
    }
    if (r.is_not_found()) {
        if (!t->slot(Slot::GETATTR).is_null()) {
            Value arg = Value::from_object(name);
            return call_slot(vm, obj, Slot::GETATTR, &arg, 1);
        }
        return raise_attribute_error(vm, obj, name);
    }
    return r;
}

bool setattr(VM& vm, Value obj, String* name, Value value)
{
    TypeObject* t = type_of(obj);
    Slot s = value.is_null() ? Slot::DELATTR : Slot::SETATTR;
    Value f = t->slot(s);
    if (f.is_null() || is_native(f, object_setattr_native))
        return generic_setattr(vm, obj, name, value);
    Value args[2] = { Value::from_object(name), value };
    Value r = call_slot(vm, obj, s, args, value.is_null() ? 1 : 2);
    return !r.is_null();
}

bool delattr(VM& vm, Value obj, String* name) { return setattr(vm, obj, name, Value::null()); }

// ------------------------------------------------------------------ items

Value getitem(VM& vm, Value obj, Value key)
{
    Value r = call_slot(vm, obj, Slot::GETITEM, &key, 1);
    if (!r.is_not_found())
        return r;
    if (is_instance_fast(obj, types.type)) {
        if (obj.as_object() == types.type)
            return make_generic_alias(vm, obj, key); // type[int]
        Value cg = getattr_opt(vm, obj, names.slot_names[int(Slot::CLASS_GETITEM)]);
        if (cg.is_null())
            return cg;
        if (!cg.is_not_found())
            return call1(vm, cg, key);
        return raise_fmt(vm, exc::TypeError, "type '%s' is not subscriptable", obj.as<TypeObject>()->name->c_str());
    }
    return raise_fmt(vm, exc::TypeError, "'%s' object is not subscriptable", type_name(obj));
}

bool setitem(VM& vm, Value obj, Value key, Value value)
{
    Value args[2] = { key, value };
    Value r = call_slot(vm, obj, Slot::SETITEM, args, 2);
    if (r.is_not_found()) {
        raise_fmt(vm, exc::TypeError, "'%s' object does not support item assignment", type_name(obj));
        return false;
    }
    return !r.is_null();
}

bool delitem(VM& vm, Value obj, Value key)
{
    Value r = call_slot(vm, obj, Slot::DELITEM, &key, 1);
    if (r.is_not_found()) {
        raise_fmt(vm, exc::TypeError, "'%s' object doesn't support item deletion", type_name(obj));
        return false;
    }
    return !r.is_null();
}

int contains(VM& vm, Value container, Value item)
{
    Value r = call_slot(vm, container, Slot::CONTAINS, &item, 1);
    if (r.is_null())
        return -1;
    if (!r.is_not_found())
        return truthy(vm, r);
    TypeObject* t = type_of(container);
    if (t->slot(Slot::ITER).is_null() && t->slot(Slot::GETITEM).is_null()) {
        raise_fmt(vm, exc::TypeError, "argument of type '%s' is not iterable", t->name->c_str());
        return -1;
    }
    Value it = get_iter(vm, container);
    if (it.is_null())
        return -1;
    for (;;) {
        Value x = iter_next(vm, it);
        if (x.is_null())
            return -1;
        if (x.is_stop_iteration())
            return 0;
        int eq = equal(vm, x, item);
        if (eq != 0)
            return eq;
    }
}

bool length(VM& vm, Value v, int64_t& out)
{
    // The exact built-in containers answer directly (len() of a list is everywhere).
    if (v.is_object()) {
        TypeObject* t = v.as_object()->type;
        if (t == types.list) {
            out = int64_t(v.as<List>()->size);
            return true;
        }
        if (t == types.tuple) {
            out = int64_t(v.as<Tuple>()->size);
            return true;
        }
        if (t == types.str) {
            out = int64_t(v.as<String>()->length);
            return true;
        }
        if (t == types.dict) {
            out = int64_t(v.as<Dict>()->used);
            return true;
        }
    }
    Value r = call_slot(vm, v, Slot::LEN, nullptr, 0);
    if (r.is_not_found()) {
        raise_fmt(vm, exc::TypeError, "object of type '%s' has no len()", type_name(v));
        return false;
    }
    return len_result(vm, r, out);
}

bool len_result(VM& vm, Value r, int64_t& out)
{
    if (r.is_null())
        return false;
    if (!is_int(r)) {
        raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(r));
        return false;
    }
    Value plain = int_unwrap(r);
    if (int_sign(plain) < 0) {
        raise(vm, exc::ValueError, "__len__() should return >= 0");
        return false;
    }
    if (!int_to_i64(plain, out)) {
        raise(vm, exc::OverflowError, "cannot fit 'int' into an index-sized integer");
        return false;
    }
    return true;
}

// ------------------------------------------------------------------ iteration

Value get_iter(VM& vm, Value v)
{
    TypeObject* t = type_of(v);
    if (t->slot(Slot::ITER).is_null()) {
        if (!t->slot(Slot::GETITEM).is_null())
            return seq_iterator_new(vm, v);
        return raise_fmt(vm, exc::TypeError, "'%s' object is not iterable", t->name->c_str());
    }
    if (is_none(t->slot(Slot::ITER)))
        return raise_fmt(vm, exc::TypeError, "'%s' object is not iterable", t->name->c_str());
    return iter_result(vm, call_slot(vm, v, Slot::ITER, nullptr, 0));
}

Value iter_result(VM& vm, Value it)
{
    if (it.is_null())
        return it;
    if (type_of(it)->slot(Slot::NEXT).is_null())
        return raise_fmt(vm, exc::TypeError, "iter() returned non-iterator of type '%s'", type_name(it));
    return it;
}

Value iter_next(VM& vm, Value iterator)
{
    // Native iterators wrapping native iterators (map(f, map(f, ...)), zip, filter, ...)
    // recurse here once per level. A long loop over an iterator polls for Ctrl-C here too.
    if (!stack_check(vm, "") || !check_pending(vm))
        return Value::null();
    TypeObject* t = type_of(iterator);
    if (t->iternext)
        return t->iternext(vm, iterator);
    Value r = call_slot(vm, iterator, Slot::NEXT, nullptr, 0);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "'%s' object is not an iterator", t->name->c_str());
    if (r.is_null() && vm.error_matches(exc::StopIteration)) {
        vm.clear_error();
        return Value::stop_iteration();
    }
    return r;
}

// ------------------------------------------------------------------ operators

static Value binary_op1(VM& vm, Value a, Value b, int op)
{
    TypeObject* ta = type_of(a);
    TypeObject* tb = type_of(b);
    Slot fwd = kBinarySlots[op];
    Slot refl = kReflectedSlots[op];
    bool try_reflected = ta != tb && !tb->slot(refl).is_null();
    if (try_reflected && is_subtype(tb, ta) && !tb->slot(refl).is(ta->slot(refl))) {
        Value r = call_slot(vm, b, refl, &a, 1);
        if (r.is_null() || (!r.is_not_found() && !r.is(py_not_implemented())))
            return r;
        try_reflected = false;
    }
    Value r = call_slot(vm, a, fwd, &b, 1);
    if (r.is_null() || (!r.is_not_found() && !r.is(py_not_implemented())))
        return r;
    if (try_reflected) {
        r = call_slot(vm, b, refl, &a, 1);
        if (r.is_null() || (!r.is_not_found() && !r.is(py_not_implemented())))
            return r;
    }
    return Value::not_found();
}

static Value binary_op_error(VM& vm, Value a, Value b, int o)
{
    bool inplace = o >= kInplaceOffset;
    int base = inplace ? o - kInplaceOffset : o;
    char const* sym = inplace ? kInplaceSymbols[base] : kBinOpSymbols[base];
    // x **= y says "**=" (CPython's ternary_op with the in-place name); x ** y names pow().
    if (base == int(BinOpArg::POWER) && !inplace)
        return raise_fmt(vm, exc::TypeError, "unsupported operand type(s) for ** or pow(): '%s' and '%s'", type_name(a), type_name(b));
    // CPython tries the sequence repeat of the right operand too: x * [1] with a non-int x.
    if (base == int(BinOpArg::MULTIPLY)) {
        TypeObject* tb = type_of(b);
        bool b_is_sequence = tb->tflags & (TF_LIST_SUBCLASS | TF_TUPLE_SUBCLASS | TF_STR_SUBCLASS | TF_BYTES_SUBCLASS | TF_BYTEARRAY_SUBCLASS);
        if (b_is_sequence && !is_index_like(a))
            return raise_fmt(vm, exc::TypeError, "can't multiply sequence by non-int of type '%s'", type_name(a));
    }
    if (base == int(BinOpArg::RSHIFT) && !inplace && type_of(a) == types.builtin_function && a.as<BuiltinFunction>()->name && std::strcmp(a.as<BuiltinFunction>()->name->c_str(), "print") == 0)
        return raise_fmt(vm, exc::TypeError, "unsupported operand type(s) for >>: '%s' and '%s'. Did you mean \"print(<message>, file=<output_stream>)\"?", type_name(a), type_name(b));
    return raise_fmt(vm, exc::TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym, type_name(a), type_name(b));
}

// int op int when both fit in 64 bits and so does the result (the eval loop has already
// tried the inline ints): spares GMP for values just past the inline range, such as the
// products of a linear congruential generator. Null when it does not apply.
static Value int64_binop(VM& vm, Value a, Value b, int base)
{
    if (type_of(a) != types.int_ || type_of(b) != types.int_)
        return Value::null();
    int64_t x, y, r;
    if (!int_to_i64(a, x) || !int_to_i64(b, y))
        return Value::null();
    switch (static_cast<BinOpArg>(base)) {
    case BinOpArg::ADD:
        if (__builtin_add_overflow(x, y, &r))
            return Value::null();
        break;
    case BinOpArg::SUBTRACT:
        if (__builtin_sub_overflow(x, y, &r))
            return Value::null();
        break;
    case BinOpArg::MULTIPLY:
        if (__builtin_mul_overflow(x, y, &r))
            return Value::null();
        break;
    case BinOpArg::AND: r = x & y; break;
    case BinOpArg::OR: r = x | y; break;
    case BinOpArg::XOR: r = x ^ y; break;
    case BinOpArg::FLOOR_DIVIDE:
    case BinOpArg::REMAINDER: {
        if (y == 0 || (x == INT64_MIN && y == -1))
            return Value::null(); // ZeroDivisionError / overflow: the general path
        int64_t q = x / y, m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) { // floor, as Python
            q -= 1;
            m += y;
        }
        r = static_cast<BinOpArg>(base) == BinOpArg::FLOOR_DIVIDE ? q : m;
        break;
    }
    case BinOpArg::RSHIFT:
        if (y < 0)
            return Value::null();
        r = y >= 64 ? (x < 0 ? -1 : 0) : x >> y;
        break;
    default: return Value::null();
    }
    return int_from_i64(vm, r);
}

Value binary_op(VM& vm, Value a, Value b, BinOpArg op)
{
    int o = int(op);
    bool inplace = o >= kInplaceOffset;
    int base = inplace ? o - kInplaceOffset : o;
    if (Value r = int64_binop(vm, a, b, base); !r.is_null())
        return r;
    if (inplace) {
        Value r = call_slot(vm, a, kInplaceSlots[base], &b, 1);
        if (r.is_null() || (!r.is_not_found() && !r.is(py_not_implemented())))
            return r;
    }
    Value r = binary_op1(vm, a, b, base);
    if (!r.is_not_found())
        return r;
    return binary_op_error(vm, a, b, o);
}

BinaryFirstStep binary_op_first_step(Value a, Value b, BinOpArg op)
{
    int o = int(op);
    bool inplace = o >= kInplaceOffset;
    int base = inplace ? o - kInplaceOffset : o;
    TypeObject* ta = type_of(a);
    TypeObject* tb = type_of(b);
    if (inplace) {
        Value f = ta->slot(kInplaceSlots[base]);
        if (!f.is_null())
            return { f, false, BinaryStage::AfterInplace };
    }
    Slot refl = kReflectedSlots[base];
    bool try_reflected = ta != tb && !tb->slot(refl).is_null();
    if (try_reflected && is_subtype(tb, ta) && !tb->slot(refl).is(ta->slot(refl)))
        return { tb->slot(refl), true, BinaryStage::AfterSubclassReflected };
    return { ta->slot(kBinarySlots[base]), false, BinaryStage::AfterForward };
}

Value binary_op_continue(VM& vm, Value a, Value b, BinOpArg op, BinaryStage stage)
{
    int o = int(op);
    bool inplace = o >= kInplaceOffset;
    int base = inplace ? o - kInplaceOffset : o;
    TypeObject* ta = type_of(a);
    TypeObject* tb = type_of(b);
    Slot fwd = kBinarySlots[base];
    Slot refl = kReflectedSlots[base];
    auto done = [](Value r) { return r.is_null() || (!r.is_not_found() && !r.is(py_not_implemented())); };
    switch (stage) {
    case BinaryStage::AfterInplace: {
        Value r = binary_op1(vm, a, b, base);
        if (!r.is_not_found())
            return r;
        break;
    }
    case BinaryStage::AfterForward:
        if (ta != tb && !tb->slot(refl).is_null()) {
            Value r = call_slot(vm, b, refl, &a, 1);
            if (done(r))
                return r;
        }
        break;
    case BinaryStage::AfterSubclassReflected: {
        Value r = call_slot(vm, a, fwd, &b, 1);
        if (done(r))
            return r;
        break;
    }
    }
    return binary_op_error(vm, a, b, o);
}

static Value unary(VM& vm, Value v, Slot s, char const* sym)
{
    Value r = call_slot(vm, v, s, nullptr, 0);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "bad operand type for unary %s: '%s'", sym, type_name(v));
    return r;
}

Value unary_negative(VM& vm, Value v) { return unary(vm, v, Slot::NEG, "-"); }
Value unary_positive(VM& vm, Value v) { return unary(vm, v, Slot::POS, "+"); }
Value unary_invert(VM& vm, Value v) { return unary(vm, v, Slot::INVERT, "~"); }

Value index(VM& vm, Value v)
{
    if (v.is_int() || is_int(v))
        return v;
    Value r = call_slot(vm, v, Slot::INDEX, nullptr, 0);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(v));
    if (r.is_null())
        return r;
    if (!is_int(r))
        return raise_fmt(vm, exc::TypeError, "__index__ returned non-int (type %s)", type_name(r));
    return r;
}

bool index_i64(VM& vm, Value v, int64_t& out)
{
    if (v.is_int()) {
        out = v.as_int();
        return true;
    }
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    if (!int_to_i64(int_unwrap(i), out)) {
        raise_fmt(vm, exc::OverflowError, "Python int too large to convert to C ssize_t");
        return false;
    }
    return true;
}

bool is_callable(Value v)
{
    TypeObject* t = type_of(v);
    if (t == types.builtin_function || t == types.method_descriptor || t == types.function || t == types.method)
        return true;
    Value slot = t->slot(Slot::CALL);
    return !slot.is_null() && !is_none(slot);
}

// ------------------------------------------------------------------ isinstance

// Classes that are not types take part in isinstance/issubclass through `__bases__`
// (CPython's abstract_get_bases): a tuple, or not_found when the attribute is missing
// or not a tuple; null when looking it up raised something other than AttributeError.
static Value abstract_bases(VM& vm, Value cls)
{
    Value bases = getattr_opt(vm, cls, names.__bases__);
    if (bases.is_null() || bases.is_not_found())
        return bases;
    return as_tuple(bases) ? bases : Value::not_found();
}

static bool check_class(VM& vm, Value cls, char const* error)
{
    Value bases = abstract_bases(vm, cls);
    if (bases.is_not_found())
        raise(vm, exc::TypeError, error);
    return !bases.is_null() && !bases.is_not_found();
}

// Is `derived` `cls` or below it along `__bases__`? Single inheritance loops; each
// level of multiple inheritance is a guarded recursion (a cycle there is RecursionError).
static int abstract_issubclass(VM& vm, Value derived, Value cls)
{
    Value bases;
    for (;;) {
        if (derived.is(cls))
            return 1;
        bases = abstract_bases(vm, derived);
        if (bases.is_null())
            return -1;
        if (bases.is_not_found() || as_tuple(bases)->size == 0)
            return 0;
        if (as_tuple(bases)->size > 1)
            break;
        derived = as_tuple(bases)->items[0];
    }
    NestingGuard nesting(vm, " in __issubclass__");
    if (!nesting.ok())
        return -1;
    Tuple* t = as_tuple(bases);
    for (size_t i = 0; i < t->size; ++i) {
        int r = abstract_issubclass(vm, t->items[i], cls);
        if (r != 0)
            return r;
    }
    return 0;
}

int real_isinstance(VM& vm, Value obj, Value cls)
{
    if (is_instance_fast(cls, types.type)) {
        if (is_subtype(type_of(obj), cls.as<TypeObject>()))
            return 1;
        // Proxies may lie about __class__.
        Value klass = getattr_opt(vm, obj, names.__class__);
        if (klass.is_null())
            return -1;
        if (!klass.is_not_found() && is_instance_fast(klass, types.type) && klass.as_object() != type_of(obj))
            return is_subtype(klass.as<TypeObject>(), cls.as<TypeObject>());
        return 0;
    }
    if (!check_class(vm, cls, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        return -1;
    Value klass = getattr_opt(vm, obj, names.__class__);
    if (klass.is_null())
        return -1;
    return klass.is_not_found() ? 0 : abstract_issubclass(vm, klass, cls);
}

int real_issubclass(VM& vm, Value derived, Value cls)
{
    if (is_instance_fast(cls, types.type) && is_instance_fast(derived, types.type))
        return is_subtype(derived.as<TypeObject>(), cls.as<TypeObject>());
    if (!check_class(vm, derived, "issubclass() arg 1 must be a class"))
        return -1;
    if (!check_class(vm, cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        return -1;
    return abstract_issubclass(vm, derived, cls);
}

static int recursive_check(VM& vm, Value obj, Value cls, bool subclass)
{
    if (Tuple* t = as_tuple(cls); t && type_of(cls) == types.tuple) {
        // Tuples nested to any depth: one guarded level each, as CPython.
        NestingGuard nesting(vm, subclass ? " in __subclasscheck__" : " in __instancecheck__");
        if (!nesting.ok())
            return -1;
        for (size_t i = 0; i < t->size; ++i) {
            int r = recursive_check(vm, obj, t->items[i], subclass);
            if (r != 0)
                return r;
        }
        return 0;
    }
    TypeObject* meta = type_of(cls);
    if (meta != types.type) {
        Value checker = meta->slot(subclass ? Slot::SUBCLASSCHECK : Slot::INSTANCECHECK);
        if (!checker.is_null() && !is_native(checker, nullptr)) {
            Value r = call_slot(vm, cls, subclass ? Slot::SUBCLASSCHECK : Slot::INSTANCECHECK, &obj, 1);
            if (r.is_null())
                return -1;
            if (!r.is_not_found())
                return truthy(vm, r);
        }
    }
    return subclass ? real_issubclass(vm, obj, cls) : real_isinstance(vm, obj, cls);
}

int isinstance(VM& vm, Value obj, Value cls)
{
    if (is_instance_fast(cls, types.type) && is_subtype(type_of(obj), cls.as<TypeObject>()))
        return 1;
    return recursive_check(vm, obj, cls, false);
}

int issubclass(VM& vm, Value derived, Value cls) { return recursive_check(vm, derived, cls, true); }

// ------------------------------------------------------------------ guards

Value NestingGuard::raise_recursion(VM& vm, char const* where)
{
    // Creating the exception calls natives, which check the guard again: lift it for that
    // while (the stack has the margin below stack_limit for it, as CPython's headroom).
    uintptr_t limit = vm.stack_limit;
    int max_depth = vm.max_native_depth;
    vm.stack_limit = 0;
    vm.max_native_depth = vm.native_depth + 50;
    raise_fmt(vm, exc::RecursionError, "maximum recursion depth exceeded%s", where);
    vm.stack_limit = limit;
    vm.max_native_depth = max_depth;
    return Value::null();
}

bool handle_pending(VM& vm)
{
    // Clear the bit before raising: a second SIGINT arriving while the first one's
    // KeyboardInterrupt unwinds is raised again at the next poll, as in CPython.
    uint32_t was = vm.pending.fetch_and(~VM::kPendingInterrupt, std::memory_order_relaxed);
    if (was & VM::kPendingInterrupt) {
        raise_with_args(vm, exc::KeyboardInterrupt, nullptr);
        return false;
    }
    return run_pending_calls(vm);
}

bool run_pending_calls(VM& vm)
{
    // The bit is cleared first: work requested while the states run (a collection inside
    // a weakref callback) comes at the next poll. A failing state leaves the others'
    // work for that next poll too.
    uint32_t was = vm.pending.fetch_and(~VM::kPendingCalls, std::memory_order_relaxed);
    if (!(was & VM::kPendingCalls))
        return true;
    for (size_t i = 0;; ++i) {
        VM::ModuleState* state = vm.module_state_at(i);
        if (!state)
            return true;
        if (!state->run_pending(vm)) {
            vm.request_pending_calls();
            return false;
        }
    }
}

// ------------------------------------------------------------------ repr recursion guard

// Per VM (VM::Local::repr_stack).
bool repr_enter(VM& vm, Object* o)
{
    std::vector<Object*>& stack = vm.local->repr_stack;
    for (Object* p : stack)
        if (p == o)
            return false;
    stack.push_back(o);
    return true;
}

void repr_leave(VM& vm, Object* o)
{
    std::vector<Object*>& stack = vm.local->repr_stack;
    for (size_t i = stack.size(); i-- > 0;)
        if (stack[i] == o) {
            stack.erase(stack.begin() + long(i));
            return;
        }
}

} // namespace slpy
