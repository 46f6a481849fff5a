// Slow paths of the pattern-matching instructions (see match_support.h).
#include "stackless/vm/match_support.h"

#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

namespace {

// CPython's tp_name: "collections.deque" for a native module's type, the bare name else.
char const* tp_name(TypeObject const* t) { return t->full_name ? t->full_name->c_str() : t->name->c_str(); }

// CPython decides "is a sequence / mapping" by the type flags Py_TPFLAGS_SEQUENCE and
// Py_TPFLAGS_MAPPING: the built-in sequences and mappings carry them, the ABCs
// collections.abc.Sequence and Mapping get them from their `__abc_tpflags__`, a class
// inherits them from the first class of its MRO that has one, and _abc sets them on a
// class registered with such an ABC. slpy runs the pure-Python ABCs (_py_abc), which set
// no flags, so the same answer is computed here: the MRO is searched for the first class
// with a flag of its own (a built-in or an `__abc_tpflags__`); failing that, a class
// registered with the ABCs is found by isinstance(v, Sequence / Mapping), once
// _collections_abc (where they live) is imported -- before that no class can be registered.
enum CollectionKind { kNeither = 0, kSequence = 1, kMapping = 2 };

constexpr int64_t kTpflagsSequence = 1 << 5;
constexpr int64_t kTpflagsMapping = 1 << 6;

int own_collection_kind(VM& vm, TypeObject* b)
{
    if (b == types.list || b == types.tuple || b == types.range || b == types.memoryview)
        return kSequence;
    if (b == types.dict || b == types.mappingproxy)
        return kMapping;
    if (!b->is_heap_type() || !b->dict)
        return kNeither;
    Value flags = dict_get_str(vm, b->dict, intern(vm, "__abc_tpflags__"));
    if (flags.is_null())
        return vm.has_error() ? -1 : kNeither;
    if (!flags.is_int())
        return kNeither;
    if (flags.as_int() & kTpflagsSequence)
        return kSequence;
    if (flags.as_int() & kTpflagsMapping)
        return kMapping;
    return kNeither;
}

int registered_instance(VM& vm, Value v, char const* abc_name)
{
    Dict* modules = interp(vm).modules;
    if (!modules)
        return 0;
    Value mod = dict_get_str(vm, modules, intern(vm, "_collections_abc"));
    if (mod.is_null() || mod.is_sentinel())
        return vm.has_error() ? -1 : 0;
    Value abc = getattr_opt(vm, mod, intern(vm, abc_name));
    if (abc.is_null())
        return -1;
    if (abc.is_sentinel())
        return 0;
    return isinstance(vm, v, abc);
}

int collection_kind(VM& vm, Value v)
{
    TypeObject* t = type_of(v);
    if (t->mro) {
        for (size_t i = 0; i < t->mro->size; i++) {
            int k = own_collection_kind(vm, t->mro->items[i].as<TypeObject>());
            if (k != kNeither)
                return k;
        }
    }
    // str, bytes and bytearray are registered sequences without the flag.
    if (t->has_flag(TF_STR_SUBCLASS | TF_BYTES_SUBCLASS | TF_BYTEARRAY_SUBCLASS))
        return kNeither;
    int r = registered_instance(vm, v, "Sequence");
    if (r != 0)
        return r < 0 ? -1 : kSequence;
    r = registered_instance(vm, v, "Mapping");
    if (r != 0)
        return r < 0 ? -1 : kMapping;
    return kNeither;
}

// The built-in types whose instances a class pattern with one positional sub-pattern
// matches as a whole (CPython's _Py_TPFLAGS_MATCH_SELF, inherited by subclasses).
bool matches_self(TypeObject const* t)
{
    for (TypeObject const* b : { types.bool_, types.bytearray, types.bytes, types.dict, types.float_, types.frozenset,
                                 types.int_, types.list, types.set, types.str, types.tuple }) {
        if (is_subtype(t, b))
            return true;
    }
    return false;
}

// getattr(subject, name) for a class pattern: not_found when it has no such attribute
// (the pattern fails), null on error (a repeated attribute name is one).
Value match_class_attr(VM& vm, Value subject, TypeObject* cls, Value name, SetObject* seen)
{
    int r = set_contains(vm, seen, name);
    if (r < 0)
        return Value::null();
    if (r) {
        Value rep = repr(vm, name);
        if (rep.is_null())
            return Value::null();
        return raise_fmt(vm, exc::TypeError, "%s() got multiple sub-patterns for attribute %s", tp_name(cls),
                         rep.as<String>()->c_str());
    }
    if (!set_add(vm, seen, name))
        return Value::null();
    return getattr_opt(vm, subject, name.as<String>());
}

} // namespace

Value match_get_len(VM& vm, Value v)
{
    int64_t n = 0;
    if (!length(vm, v, n))
        return Value::null();
    return int_from_i64(vm, n);
}

int match_is_mapping(VM& vm, Value v)
{
    int k = collection_kind(vm, v);
    return k < 0 ? -1 : k == kMapping;
}

int match_is_sequence(VM& vm, Value v)
{
    int k = collection_kind(vm, v);
    return k < 0 ? -1 : k == kSequence;
}

Value match_keys(VM& vm, Value map, Value keys)
{
    Tuple* kt = keys.as<Tuple>();
    size_t n = kt->size;
    Tuple* values = tuple_new(vm, n);
    if (!values)
        return Value::null();
    if (n == 0)
        return Value::from_object(values);
    // map.get(key, dummy) tells a missing key from one mapped to anything, None included.
    Value get = getattr(vm, map, names.get);
    if (get.is_null())
        return Value::null();
    Object* dummy = alloc_instance(vm, types.object);
    if (!dummy)
        return Value::null();
    Value seen = set_new(vm);
    if (seen.is_null())
        return Value::null();
    for (size_t i = 0; i < n; i++) {
        Value key = kt->items[i];
        int r = set_contains(vm, seen.as<SetObject>(), key);
        if (r < 0)
            return Value::null();
        if (r) {
            Value rep = repr(vm, key);
            if (rep.is_null())
                return Value::null();
            return raise_fmt(vm, exc::ValueError, "mapping pattern checks duplicate key (%s)", rep.as<String>()->c_str());
        }
        if (!set_add(vm, seen.as<SetObject>(), key))
            return Value::null();
        Value v = call2(vm, get, key, Value::from_object(dummy));
        if (v.is_null())
            return Value::null();
        if (v.is(Value::from_object(dummy)))
            return py_none();
        values->items[i] = v;
    }
    return Value::from_object(values);
}

Value match_class(VM& vm, Value subject, Value cls_value, Value kwnames, uint32_t nargs)
{
    if (!type_of(cls_value)->has_flag(TF_TYPE_SUBCLASS))
        return raise(vm, exc::TypeError, "called match pattern must be a type");
    int r = isinstance(vm, subject, cls_value);
    if (r < 0)
        return Value::null();
    if (r == 0)
        return py_none();
    TypeObject* cls = cls_value.as<TypeObject>();
    Tuple* kw = kwnames.as<Tuple>();
    Value seen = set_new(vm);
    if (seen.is_null())
        return Value::null();
    Tuple* attrs = tuple_new(vm, nargs + kw->size);
    if (!attrs)
        return Value::null();
    size_t k = 0;
    if (nargs) {
        bool match_self = false;
        Tuple* match_args = nullptr;
        Value ma = getattr_opt(vm, cls_value, intern(vm, "__match_args__"));
        if (ma.is_null())
            return Value::null();
        size_t allowed = 0;
        if (!ma.is_sentinel()) {
            if (type_of(ma) != types.tuple)
                return raise_fmt(vm, exc::TypeError, "%s.__match_args__ must be a tuple (got %s)", tp_name(cls), type_name(ma));
            match_args = ma.as<Tuple>();
            allowed = match_args->size;
        } else {
            // Only without __match_args__: a subclass defining it loses the behaviour.
            match_self = matches_self(cls);
            allowed = match_self ? 1 : 0;
        }
        if (allowed < nargs) {
            return raise_fmt(vm, exc::TypeError, "%s() accepts %zu positional sub-pattern%s (%u given)", tp_name(cls),
                             allowed, allowed == 1 ? "" : "s", nargs);
        }
        if (match_self) {
            attrs->items[k++] = subject;
        } else {
            for (uint32_t i = 0; i < nargs; i++) {
                Value name = match_args->items[i];
                if (!is_exact_str(name))
                    return raise_fmt(vm, exc::TypeError, "__match_args__ elements must be strings (got %s)", type_name(name));
                Value attr = match_class_attr(vm, subject, cls, name, seen.as<SetObject>());
                if (attr.is_null())
                    return Value::null();
                if (attr.is_sentinel())
                    return py_none();
                attrs->items[k++] = attr;
            }
        }
    }
    for (size_t i = 0; i < kw->size; i++) {
        Value attr = match_class_attr(vm, subject, cls, kw->items[i], seen.as<SetObject>());
        if (attr.is_null())
            return Value::null();
        if (attr.is_sentinel())
            return py_none();
        attrs->items[k++] = attr;
    }
    return Value::from_object(attrs);
}

} // namespace slpy
