// Struct sequences and types.SimpleNamespace (see records.h).
//
// A struct sequence is a class made like `class version_info(tuple)` whose instances
// box the visible tuple; each visible field is a getset descriptor reading one tuple
// item, and each attribute-only field is a __slots__ member. The field lists live in a
// process-wide registry next to the type (rooted with the heap), so nothing extra shows
// up in the class namespace beyond CPython's own n_fields / n_sequence_fields /
// n_unnamed_fields / __match_args__.
#include "stackless/modules/records.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace slpy {

namespace {

// ------------------------------------------------------------------ registry

struct StructSeqInfo {
    TypeObject* type;
    std::string full_name; // "time.struct_time"
    std::vector<String*> fields;
    size_t n_visible;
    bool instantiable;
};

// The struct sequence types made while the shared runtime was built (time.struct_time,
// ...: frozen with it) and, per VM (a module state), those each VM makes (sys.flags, the
// os module's records).
std::vector<StructSeqInfo>* g_shared_struct_seqs = nullptr;
TypeObject* g_namespace_type = nullptr; // made once, in the shared runtime

struct StructSeqState : VM::ModuleState {
    std::vector<StructSeqInfo> seqs;
    void trace(Tracer& t) override
    {
        for (StructSeqInfo const& info : seqs) {
            t.visit(info.type);
            for (String* f : info.fields)
                t.visit(f);
        }
    }
};
char const kStructSeqKey = 0;

StructSeqState& seq_state(VM& vm)
{
    if (auto* st = vm.module_state(&kStructSeqKey))
        return *static_cast<StructSeqState*>(st);
    return *static_cast<StructSeqState*>(vm.add_module_state(&kStructSeqKey, std::make_unique<StructSeqState>()));
}

// The registry `vm` adds to.
std::vector<StructSeqInfo>& struct_seqs(VM& vm)
{
    if (vm.builds_shared_runtime) {
        if (!g_shared_struct_seqs)
            g_shared_struct_seqs = new std::vector<StructSeqInfo>;
        return *g_shared_struct_seqs;
    }
    return seq_state(vm).seqs;
}

// The registry entry of a struct sequence type or of a subclass of one.
StructSeqInfo const* find_info(VM& vm, TypeObject const* type)
{
    if (!type)
        return nullptr;
    StructSeqState* st = vm.builds_shared_runtime ? nullptr : static_cast<StructSeqState*>(vm.module_state(&kStructSeqKey));
    for (size_t i = 0; type->mro && i < type->mro->size; ++i) {
        auto const* t = type->mro->items[i].as<TypeObject>();
        if (g_shared_struct_seqs)
            for (StructSeqInfo const& info : *g_shared_struct_seqs)
                if (info.type == t)
                    return &info;
        if (st)
            for (StructSeqInfo const& info : st->seqs)
                if (info.type == t)
                    return &info;
    }
    return nullptr;
}

// ------------------------------------------------------------------ struct sequences

// One getter per visible field position (a getset descriptor knows only `self`).
constexpr size_t kMaxVisibleFields = 24;

template<size_t I>
Value seq_field(VM&, Value const* args, size_t, Tuple*)
{
    Tuple* t = as_tuple(args[0]);
    return t && I < t->size ? t->items[I] : py_none();
}

template<size_t... I>
constexpr std::array<NativeFn, sizeof...(I)> make_getters(std::index_sequence<I...>)
{
    return { &seq_field<I>... };
}

constexpr std::array<NativeFn, kMaxVisibleFields> kFieldGetters = make_getters(std::make_index_sequence<kMaxVisibleFields>());

Value seq_repr(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    StructSeqInfo const* info = find_info(vm, type_of(args[0]));
    Tuple* t = as_tuple(args[0]);
    if (!info || !t)
        return raise(vm, exc::TypeError, "not a struct sequence");
    std::string out = info->full_name + "(";
    for (size_t i = 0; i < info->n_visible && i < t->size; ++i) {
        if (i)
            out += ", ";
        out += info->fields[i]->view();
        out += '=';
        Value r = TRY(repr(vm, t->items[i]));
        out += as_str(r)->view();
    }
    out += ')';
    return str_value(vm, out);
}

// structseq.__new__(cls, sequence, dict=None)
Value seq_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    StructSeqInfo const* info = find_info(vm, cls);
    if (!info)
        return raise(vm, exc::TypeError, "not a struct sequence type");
    std::string fname = info->full_name;
    if (!info->instantiable)
        return raise_fmt(vm, exc::TypeError, "cannot create '%s' instances", fname.c_str());
    Value a[2];
    if (!parse_args(vm, fname.c_str(), args + 1, nargs - 1, kwnames, { "sequence", "dict" }, 1, a))
        return Value::null();
    Dict* d = nullptr;
    if (!a[1].is_null() && !is_none(a[1])) {
        d = as_dict(a[1]);
        if (!d)
            return raise_fmt(vm, exc::TypeError, "%s() takes a dict as second arg, if any", fname.c_str());
    }
    Value it = get_iter(vm, a[0]);
    if (it.is_null()) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            return raise(vm, exc::TypeError, "constructor requires a sequence");
        }
        return Value::null();
    }
    List* items = list_from_iterable(vm, it);
    if (!items)
        return Value::null();
    size_t len = items->size, min_len = info->n_visible, max_len = info->fields.size();
    if (len < min_len || len > max_len) {
        if (min_len == max_len)
            return raise_fmt(vm, exc::TypeError, "%s() takes a %zu-sequence (%zu-sequence given)", fname.c_str(), min_len, len);
        if (len < min_len)
            return raise_fmt(vm, exc::TypeError, "%s() takes an at least %zu-sequence (%zu-sequence given)", fname.c_str(), min_len, len);
        return raise_fmt(vm, exc::TypeError, "%s() takes an at most %zu-sequence (%zu-sequence given)", fname.c_str(), max_len, len);
    }
    // The values of all fields: the sequence, then the dict, then None.
    Tuple* values = tuple_new(vm, max_len);
    if (!values)
        return Value::null();
    for (size_t i = 0; i < max_len; ++i) {
        Value v = py_none();
        if (i < len) {
            v = items->items()[i];
        } else if (d) {
            Value got = TRY(dict_get_str(vm, d, info->fields[i]));
            if (!got.is_not_found())
                v = got;
        }
        values->items[i] = v;
    }
    return struct_seq_new(vm, cls, values->items, max_len);
}

// Pickles as (type, (visible tuple, {attribute-only fields})).
Value seq_reduce(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    StructSeqInfo const* info = find_info(vm, type_of(args[0]));
    Tuple* t = as_tuple(args[0]);
    if (!info || !t)
        return raise(vm, exc::TypeError, "not a struct sequence");
    Dict* extra = dict_new(vm);
    if (!extra)
        return Value::null();
    for (size_t i = info->n_visible; i < info->fields.size(); ++i) {
        Value v = TRY(struct_seq_get(vm, args[0], i));
        if (!dict_set_str(vm, extra, info->fields[i], v))
            return Value::null();
    }
    Value plain = Value::from_object(tuple_from_array(vm, t->items, t->size));
    Tuple* ctor_args = tuple_pack(vm, { plain, Value::from_object(extra) });
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(ctor_args) }));
}

// ------------------------------------------------------------------ SimpleNamespace

Value ns_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs > 1)
        return raise(vm, exc::TypeError, "no positional arguments expected");
    Dict* d = instance_dict(vm, args[0].as_object(), true);
    if (!d)
        return raise(vm, exc::TypeError, "namespace has no __dict__");
    size_t nkw = kwnames ? kwnames->size : 0;
    for (size_t i = 0; i < nkw; ++i)
        if (!dict_set(vm, d, kwnames->items[i], args[nargs + i]))
            return Value::null();
    return py_none();
}

Value ns_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Value self = args[0];
    TypeObject* t = type_of(self);
    std::string name = t == g_namespace_type ? "namespace" : std::string(t->name->view());
    if (!repr_enter(vm, self.as_object()))
        return str_value(vm, name + "(...)");
    std::string out = name + "(";
    bool first = true;
    Dict* d = instance_dict(vm, self.as_object(), false);
    size_t pos = 0;
    Value k, v;
    while (d && dict_next(d, pos, k, v)) {
        String* key = as_str(k);
        if (!key || key->length == 0)
            continue;
        Value r = repr(vm, v);
        if (r.is_null()) {
            repr_leave(vm, self.as_object());
            return r;
        }
        if (!first)
            out += ", ";
        first = false;
        out += key->view();
        out += '=';
        out += as_str(r)->view();
    }
    repr_leave(vm, self.as_object());
    out += ')';
    return str_value(vm, out);
}

Value ns_compare(VM& vm, Value const* args, CmpArg op)
{
    if (!is_instance_fast(args[0], g_namespace_type) || !is_instance_fast(args[1], g_namespace_type))
        return py_not_implemented();
    Dict* a = instance_dict(vm, args[0].as_object(), true);
    if (!a)
        return Value::null();
    Dict* b = instance_dict(vm, args[1].as_object(), true);
    if (!b)
        return Value::null();
    return rich_compare(vm, Value::from_object(a), Value::from_object(b), op);
}

Value ns_eq(VM& vm, Value const* args, size_t, Tuple*) { return ns_compare(vm, args, CmpArg::EQ); }
Value ns_ne(VM& vm, Value const* args, size_t, Tuple*) { return ns_compare(vm, args, CmpArg::NE); }

Value ns_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    Dict* d = instance_dict(vm, args[0].as_object(), true);
    if (!d)
        return Value::null();
    return Value::from_object(tuple_pack(vm, { Value::from_object(type_of(args[0])), Value::from_object(empty_tuple()), Value::from_object(d) }));
}

} // namespace

TypeObject* struct_seq_type(VM& vm, char const* module, char const* name,
                            std::initializer_list<char const*> fields, size_t n_in_sequence, bool instantiable)
{
    if (n_in_sequence > kMaxVisibleFields || n_in_sequence > fields.size())
        return nullptr;

    std::vector<String*> field_names;
    for (char const* f : fields)
        field_names.push_back(intern(vm, f));
    Tuple* visible = tuple_new(vm, n_in_sequence);
    for (size_t i = 0; i < n_in_sequence; ++i)
        visible->items[i] = Value::from_object(field_names[i]);
    Tuple* hidden = tuple_new(vm, field_names.size() - n_in_sequence);
    for (size_t i = n_in_sequence; i < field_names.size(); ++i)
        hidden->items[i - n_in_sequence] = Value::from_object(field_names[i]);

    Dict* ns = dict_new(vm);
    auto set = [&](char const* key, Value v) { return dict_set_str(vm, ns, intern(vm, key), v); };
    if (!set("__module__", Value::from_object(intern(vm, module))) || !set("__slots__", Value::from_object(hidden))
        || !set("__match_args__", Value::from_object(visible))
        || !set("n_sequence_fields", Value::small_int(int64_t(n_in_sequence)))
        || !set("n_fields", Value::small_int(int64_t(field_names.size())))
        || !set("n_unnamed_fields", Value::small_int(0)))
        return nullptr;
    Value t = type_new_record_class(vm, intern(vm, name), types.tuple, ns);
    if (t.is_null())
        return nullptr;
    auto* type = t.as<TypeObject>();
    type->tflags &= ~uint32_t(TF_BASETYPE); // as CPython: not an acceptable base type
    // __slots__ only made the attribute-only members; CPython's struct sequences show no
    // __slots__ (pickle's copy checks compare it when present).
    if (dict_del(vm, type->dict, Value::from_object(intern(vm, "__slots__"))) < 0)
        return nullptr;
    type_modified(type);
    for (size_t i = 0; i < n_in_sequence; ++i)
        add_getsets(vm, type, { { field_names[i]->c_str(), kFieldGetters[i] } });
    add_methods(vm, type, { { "__new__", seq_new, METH_STATIC }, { "__repr__", seq_repr }, { "__reduce__", seq_reduce } });
    // A type of module "builtins" prints its bare name, as CPython's dotless tp_name
    // (sys.get_asyncgen_hooks()' asyncgen_hooks).
    std::string full_name = std::string_view(module) == "builtins" ? std::string(name) : std::string(module) + "." + name;
    struct_seqs(vm).push_back({ type, std::move(full_name), std::move(field_names), n_in_sequence, instantiable });
    return type;
}

Value struct_seq_new(VM& vm, TypeObject* type, Value const* values, size_t n)
{
    StructSeqInfo const* info = find_info(vm, type);
    if (!info)
        return raise(vm, exc::TypeError, "not a struct sequence type");
    Tuple* t = tuple_new(vm, info->n_visible);
    if (!t)
        return Value::null();
    for (size_t i = 0; i < info->n_visible; ++i)
        t->items[i] = i < n ? values[i] : py_none();
    Value seq = TRY(box_value(vm, type, Value::from_object(t)));
    for (size_t i = info->n_visible; i < info->fields.size(); ++i)
        if (!setattr(vm, seq, info->fields[i], i < n ? values[i] : py_none()))
            return Value::null();
    return seq;
}

Value struct_seq_get(VM& vm, Value seq, size_t i)
{
    StructSeqInfo const* info = find_info(vm, type_of(seq));
    Tuple* t = as_tuple(seq);
    if (!info || !t || i >= info->fields.size())
        return py_none();
    if (i < info->n_visible)
        return i < t->size ? t->items[i] : py_none();
    Value v = getattr_opt(vm, seq, info->fields[i]);
    if (v.is_null())
        return v;
    return v.is_not_found() ? py_none() : v;
}

TypeObject* simple_namespace_type(VM& vm)
{
    if (g_namespace_type)
        return g_namespace_type;
    Dict* ns = dict_new(vm);
    String* name = intern(vm, "SimpleNamespace");
    if (!ns || !name || !dict_set_str(vm, ns, names.__module__, Value::from_object(intern(vm, "types"))) ||
        !dict_set_str(vm, ns, names.__doc__, str_value(vm, "A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)")))
        return nullptr;
    Value t = type_new_record_class(vm, name, types.object, ns);
    if (t.is_null())
        return nullptr;
    g_namespace_type = t.as<TypeObject>();
    add_methods(vm, g_namespace_type, { { "__init__", ns_init }, { "__repr__", ns_repr }, { "__eq__", ns_eq }, { "__ne__", ns_ne }, { "__reduce__", ns_reduce } });
    // Mutable, so unhashable (CPython's namespace has no __hash__).
    add_attribute(vm, g_namespace_type, "__hash__", py_none());
    return g_namespace_type;
}

Value simple_namespace_new(VM& vm, Dict* attrs)
{
    TypeObject* t = simple_namespace_type(vm);
    if (!t)
        return Value::null();
    Object* o = alloc_instance(vm, t);
    if (!o)
        return Value::null();
    Dict* d = instance_dict(vm, o, true);
    if (!d)
        return Value::null();
    if (attrs && !dict_merge(vm, d, attrs))
        return Value::null();
    return Value::from_object(o);
}

} // namespace slpy
