// Type objects: built-in type creation, C3 MRO, slot tables, class creation and instance
// layout. The Python-level methods of `object` and `type` are in object_methods.cpp.
#include "objects/type.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/string.h"
#include "objects/vm_local.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace slpy {

void trace_type(Object* o, Tracer& t)
{
    auto* type = static_cast<TypeObject*>(o);
    t.visit(type->name);
    t.visit(type->qualname);
    t.visit(type->full_name);
    t.visit(type->base);
    t.visit(type->bases);
    t.visit(type->mro);
    t.visit(type->dict);
    t.visit(type->subclasses);
    t.visit(type->slot_names);
    t.visit_range(type->slots, type->slots + kNumSlots);
    if (type->type && type->type->extra_offset) {
        // A metaclass written in Python may add __slots__ words after TypeObject.
        auto* base = reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + type->type->extra_offset);
        auto* end = reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + type->type->basicsize);
        t.visit_range(base, end);
    }
}

// GC visitor for instances of classes: the built-in layout, then the appended words.
void trace_instance(Object* o, Tracer& t)
{
    TypeObject* type = o->type;
    if (type->base_trace)
        type->base_trace(o, t);
    auto* base = reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + type->extra_offset);
    auto* end = reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + type->basicsize);
    t.visit_range(base, end);
}

static void trace_boxed(Object* o, Tracer& t)
{
    t.visit(static_cast<BoxedValue*>(o)->base_value);
}

// ------------------------------------------------------------------ MRO

// C3 linearization of `type` with the given bases. Raises TypeError "duplicate base class A"
// or "Cannot create a consistent method resolution order (MRO) for bases A, B".
static Tuple* compute_mro(VM& vm, TypeObject* type, Tuple* bases)
{
    // CPython's check_duplicates, run before the merge.
    for (size_t i = 0; i < bases->size; ++i)
        for (size_t j = i + 1; j < bases->size; ++j)
            if (bases->items[j].as_object() == bases->items[i].as_object()) {
                raise_fmt(vm, exc::TypeError, "duplicate base class %s", bases->items[i].as<TypeObject>()->name->c_str());
                return nullptr;
            }
    std::vector<std::vector<TypeObject*>> seqs;
    for (size_t i = 0; i < bases->size; ++i) {
        auto* b = bases->items[i].as<TypeObject>();
        std::vector<TypeObject*> s;
        if (b->mro)
            for (size_t k = 0; k < b->mro->size; ++k)
                s.push_back(b->mro->items[k].as<TypeObject>());
        else
            s.push_back(b);
        seqs.push_back(std::move(s));
    }
    std::vector<TypeObject*> bl;
    for (size_t i = 0; i < bases->size; ++i)
        bl.push_back(bases->items[i].as<TypeObject>());
    seqs.push_back(bl);

    std::vector<TypeObject*> result { type };
    std::vector<size_t> heads(seqs.size(), 0);
    for (;;) {
        bool empty = true;
        for (size_t i = 0; i < seqs.size(); ++i)
            if (heads[i] < seqs[i].size())
                empty = false;
        if (empty)
            break;
        TypeObject* candidate = nullptr;
        for (size_t i = 0; i < seqs.size() && !candidate; ++i) {
            if (heads[i] >= seqs[i].size())
                continue;
            TypeObject* c = seqs[i][heads[i]];
            bool in_tail = false;
            for (size_t j = 0; j < seqs.size() && !in_tail; ++j)
                for (size_t k = heads[j] + 1; k < seqs[j].size(); ++k)
                    if (seqs[j][k] == c) {
                        in_tail = true;
                        break;
                    }
            if (!in_tail)
                candidate = c;
        }
        if (!candidate) {
            // CPython's set_mro_error names the heads of the lists still to merge, each once,
            // in list order (not the bases as written), in a 1000-byte buffer.
            std::vector<TypeObject*> blocked;
            for (size_t i = 0; i < seqs.size(); ++i) {
                if (heads[i] >= seqs[i].size())
                    continue;
                TypeObject* h = seqs[i][heads[i]];
                bool seen = false;
                for (TypeObject* b : blocked)
                    seen = seen || b == h;
                if (!seen)
                    blocked.push_back(h);
            }
            std::string msg = "Cannot create a consistent method resolution\norder (MRO) for bases";
            for (size_t i = 0; i < blocked.size(); ++i) {
                msg += i ? ", " : " ";
                msg += blocked[i]->name->c_str();
            }
            if (msg.size() > 999)
                msg.resize(999);
            raise(vm, exc::TypeError, msg);
            return nullptr;
        }
        result.push_back(candidate);
        for (size_t i = 0; i < seqs.size(); ++i)
            if (heads[i] < seqs[i].size() && seqs[i][heads[i]] == candidate)
                ++heads[i];
    }
    Tuple* mro = tuple_new(vm, result.size());
    if (!mro)
        return nullptr;
    for (size_t i = 0; i < result.size(); ++i)
        mro->items[i] = Value::from_object(result[i]);
    return mro;
}

bool is_subtype(TypeObject const* a, TypeObject const* b)
{
    if (a == b)
        return true;
    if (!a)
        return false;
    if (Tuple* mro = a->mro) {
        for (size_t i = 0; i < mro->size; ++i)
            if (mro->items[i].as_object() == b)
                return true;
        return false;
    }
    for (TypeObject const* t = a->base; t; t = t->base)
        if (t == b)
            return true;
    return false;
}

// The method cache (see runtime.h): one table per VM (VM::type_cache), found through
// t_current_vm because type_lookup has no VM argument.

void type_modified(TypeObject* type)
{
    type->version = 0;
    if (List* subs = static_cast<List*>(type->subclasses))
        for (size_t i = 0; i < subs->size; ++i)
            type_modified(subs->items()[i].as<TypeObject>());
}

// Drops the method cache entry of (type, name) and of every subclass; versions stay.
static void type_cache_forget(TypeObject* type, String* name)
{
    if (type->version != 0) {
        TypeCacheEntry& e = t_current_vm->type_cache[type_cache_index(type->version, name)];
        if (e.version == type->version && e.name == name)
            e.version = 0; // no type has version 0 while it is cached
    }
    if (List* subs = static_cast<List*>(type->subclasses))
        for (size_t i = 0; i < subs->size; ++i)
            type_cache_forget(subs->items()[i].as<TypeObject>(), name);
}

static Value type_lookup_uncached(TypeObject const* type, String* name)
{
    VM& vm = *t_current_vm;
    Tuple* mro = type->mro;
    if (!mro) {
        for (TypeObject const* t = type; t; t = t->base) {
            Value v = dict_get_str(vm, t->dict, name);
            if (!v.is_not_found())
                return v;
        }
        return Value::not_found();
    }
    for (size_t i = 0; i < mro->size; ++i) {
        auto* t = mro->items[i].as<TypeObject>();
        Value v = dict_get_str(vm, t->dict, name);
        if (v.is_null()) {
            vm.clear_error();
            continue;
        }
        if (!v.is_not_found())
            return v;
    }
    return Value::not_found();
}

Value type_lookup_slow(TypeObject const* type, String* name)
{
    VM& vm = *t_current_vm;
    if (!vm.type_cache_enabled || !(name->flags & STR_INTERNED))
        return type_lookup_uncached(type, name);
    auto* t = const_cast<TypeObject*>(type);
    if (t->version == 0) {
        // (A shared type always has its tag, given when the runtime was frozen.)
        if (vm.next_type_version == UINT32_MAX)
            return type_lookup_uncached(type, name);
        t->version = vm.next_type_version++;
    }
    TypeCacheEntry& e = vm.type_cache[type_cache_index(t->version, name)];
    if (e.version == t->version && e.name == name)
        return e.value;
    Value v = type_lookup_uncached(type, name);
    e.version = t->version;
    e.name = name;
    e.value = v;
    return v;
}

// ------------------------------------------------------------------ slots

static int slot_index_for(String* name)
{
    if (!names.slot_names[0] || name->byte_length < 5 || name->data[0] != '_' || name->data[1] != '_')
        return -1;
    for (int i = 0; i < kNumSlots; ++i)
        if (names.slot_names[i] == name || str_equal(names.slot_names[i], name))
            return i;
    return -1;
}

// Re-resolves every slot of `type` from its MRO.
static void fill_slots(TypeObject* type)
{
    // A new type whose MRO is itself followed by its base's MRO (single inheritance: every
    // built-in type, most classes) resolves each slot to its own dict's entry or else to
    // what the base resolved: one pass over its own dict instead of a lookup per slot.
    // (Start-up finishes a few hundred built-in types this way.)
    TypeObject* base = type->base;
    Tuple* mro = type->mro;
    Tuple* base_mro = base ? base->mro : nullptr;
    if (base_mro && mro && mro->size == base_mro->size + 1 && mro->items[0].is(Value::from_object(type))
        && std::equal(base_mro->items, base_mro->items + base_mro->size, mro->items + 1,
            [](Value a, Value b) { return a.is(b); })) {
        std::copy(base->slots, base->slots + kNumSlots, type->slots);
        Dict* d = type->dict;
        DictEntry const* entries = d->entry_table();
        for (uint32_t i = 0; i < d->nentries; ++i) {
            if (String* key = as_str(entries[i].key)) {
                int index = slot_index_for(key);
                if (index >= 0)
                    type->slots[index] = entries[i].value;
            }
        }
        return;
    }
    for (int i = 0; i < kNumSlots; ++i) {
        Value v = type_lookup(type, names.slot_names[i]);
        type->slots[i] = v.is_not_found() ? Value::null() : v;
    }
}

static void update_subclass_slot(VM& vm, TypeObject* type, int index)
{
    Value v = type_lookup(type, names.slot_names[index]);
    type->slots[index] = v.is_not_found() ? Value::null() : v;
    type->version = 0;
    if (List* subs = static_cast<List*>(type->subclasses))
        for (size_t i = 0; i < subs->size; ++i)
            update_subclass_slot(vm, subs->items()[i].as<TypeObject>(), index);
}

void type_update_slot(VM& vm, TypeObject* type, String* name)
{
    int index = slot_index_for(name);
    type_modified(type);
    if (index >= 0)
        update_subclass_slot(vm, type, index);
}

void type_attribute_replaced(VM& vm, TypeObject* type, String* name, Value old_value)
{
    if (slot_index_for(name) >= 0 || type_of(old_value) == types.member_descriptor) {
        type_update_slot(vm, type, name);
        return;
    }
    type_cache_forget(type, name);
}

static void set_builtin_layout_flags(TypeObject* t);

void finish_builtin_type(VM& vm, TypeObject* type)
{
    set_builtin_layout_flags(type);
    Tuple* bases = type->base ? tuple_pack(vm, { Value::from_object(type->base) }) : empty_tuple();
    type->bases = bases;
    type->mro = compute_mro(vm, type, bases);
    fill_slots(type);
    if (type->base)
        (void)type_add_subclass(vm, type->base, type);
}

void set_native_type_module(VM& vm, TypeObject* type, char const* module)
{
    String* mod = intern(vm, module);
    (void)dict_set_str(vm, type->dict, names.__module__, Value::from_object(mod));
    // Exceptions of native modules are heap types in CPython (PyErr_NewException),
    // whose tp_name is the bare name.
    if (type->is_heap_type() || type->has_flag(TF_EXC_SUBCLASS) || mod->view() == "builtins")
        return;
    std::string full = std::string(mod->view()) + "." + std::string(type->name->view());
    type->full_name = intern(vm, full);
}

// ------------------------------------------------------------------ instances

Object* alloc_instance(VM& vm, TypeObject* type)
{
    Object* o = vm.heap.allocate(type, type->basicsize ? type->basicsize : sizeof(Object));
    return o;
}

Value box_value(VM& vm, TypeObject* type, Value base_value)
{
    auto* o = static_cast<BoxedValue*>(alloc_instance(vm, type));
    if (!o)
        return Value::null();
    o->base_value = base_value;
    return Value::from_object(o);
}

Dict* instance_dict(VM& vm, Object* o, bool create)
{
    uint32_t off = o->type->dict_offset;
    if (!off)
        return nullptr;
    auto** slot = reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + off);
    if (!*slot && create)
        *slot = dict_new(vm);
    return *slot;
}

// ------------------------------------------------------------------ class creation

TypeObject* calculate_metaclass(VM& vm, TypeObject* meta, Tuple* bases)
{
    TypeObject* winner = meta;
    for (size_t i = 0; i < bases->size; ++i) {
        TypeObject* t = type_of(bases->items[i]);
        if (is_subtype(winner, t))
            continue;
        if (is_subtype(t, winner)) {
            winner = t;
            continue;
        }
        raise(vm, exc::TypeError, "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
        return nullptr;
    }
    return winner;
}

// The built-in type that decides the layout of instances of `t`.
static TypeObject* layout_builtin(TypeObject* t)
{
    while (t && t->is_heap_type())
        t = t->base;
    return t;
}

// ------------------------------------------------------------------ instance layout
//
// slpy lays instances out its own way (exceptions keep their attributes in the __dict__,
// int/str/... subclasses box the value), but which classes may share instances follows
// CPython, so that `class C(A, B)`, `obj.__class__ = X` and `C.__bases__ = ...` succeed or
// fail as there. Every type records CPython's facts about its instances in TF_LAYOUT_*
// and slot_names; class creation (solid_base, best_base) and the two assignments
// (layout_compatible) read that one description.

// CPython's variable-sized instances (tp_itemsize != 0): no nonempty __slots__, no
// __weakref__ slot, and a __dict__ is a word of its own.
static bool layout_var_sized(TypeObject const* t)
{
    return t->has_flag(TF_INT_SUBCLASS | TF_BYTES_SUBCLASS | TF_TUPLE_SUBCLASS | TF_TYPE_SUBCLASS);
}

// What a type adds to the instances of its __base__.
struct LayoutDelta {
    size_t slots = 0;    // __slots__ members
    bool dict = false;   // a __dict__ the base's instances lack
    bool weakref = false; // a __weakref__ slot the base's instances lack
};

static LayoutDelta layout_delta(TypeObject const* t)
{
    uint32_t own = t->base ? t->tflags & ~t->base->tflags : t->tflags;
    LayoutDelta d;
    d.slots = t->slot_names ? t->slot_names->size : 0;
    d.dict = (own & TF_LAYOUT_DICT) != 0;
    d.weakref = (own & TF_LAYOUT_WEAKREF) != 0;
    return d;
}

// The words a class adds to its base's instances, as CPython counts them: its __slots__
// members, a __dict__ of a variable-sized instance (others keep it outside the object)
// and the __weakref__ slot.
static size_t layout_words(TypeObject const* t, LayoutDelta d)
{
    return d.slots + (d.dict && layout_var_sized(t->base) ? 1 : 0) + (d.weakref ? 1 : 0);
}

// The CPython layout facts of a built-in type. slpy's own structs decide most: a type
// directly on object, or one whose struct differs from its base's, has fields of its own.
// The rest are listed: exceptions whose CPython struct adds fields (slpy keeps those in
// the __dict__), `type` (whose __dict__ is the namespace) and the __weakref__ holders.
static void set_builtin_layout_flags(TypeObject* t)
{
    TypeObject* b = t->base;
    uint32_t f = b ? b->tflags & (TF_LAYOUT_DICT | TF_LAYOUT_WEAKREF) : 0;
    if (b && (b == types.object || t->basicsize != b->basicsize || t->trace != b->trace))
        f |= TF_LAYOUT_SOLID;
    for (TypeObject* own : { exc::SystemExit, exc::StopIteration, exc::ImportError, exc::NameError, exc::AttributeError,
                             exc::OSError, exc::SyntaxError, exc::UnicodeEncodeError, exc::UnicodeDecodeError,
                             exc::UnicodeTranslateError })
        if (t == own)
            f |= TF_LAYOUT_SOLID;
    if (t->dict_offset || t == types.type)
        f |= TF_LAYOUT_DICT;
    // The __weakref__ holders: CPython's built-in types with a tp_weaklistoffset, whose
    // instances weak references accept (stackless/modules/weakref.cpp).
    for (TypeObject* holder : { types.type, types.set, types.frozenset, types.module, types.function, types.builtin_function,
                                types.method, types.code, types.generator, types.memoryview, types.textio, types.fileio })
        if (t == holder)
            f |= TF_LAYOUT_WEAKREF;
    t->tflags |= f;
}

// CPython's solid_base: the nearest type up the __base__ chain whose instances carry
// fields of their own; object at the root.
static TypeObject* solid_base(TypeObject* t)
{
    while (t && !t->has_flag(TF_LAYOUT_SOLID))
        t = t->base;
    return t ? t : types.object;
}

Tuple* type_c3_mro(VM& vm, TypeObject* type) { return compute_mro(vm, type, type->bases); }

// CPython's mro_invoke: the MRO of `t` (from its __bases__) is what its metatype's mro()
// returns when a metaclass overrides type.mro, else the C3 linearization. A custom one
// must list classes only, each with a layout t's instances have (mro_check).
static Tuple* mro_invoke(VM& vm, TypeObject* t)
{
    TypeObject* meta = t->type;
    if (meta != types.type) {
        String* name = intern(vm, "mro");
        if (!name)
            return nullptr;
        Value custom = type_lookup(meta, name);
        if (!custom.is_not_found() && !custom.is(type_lookup(types.type, name))) {
            Value r = call_method(vm, Value::from_object(t), name, nullptr, 0);
            if (r.is_null())
                return nullptr;
            List* l = list_from_iterable(vm, r);
            if (!l)
                return nullptr;
            TypeObject* solid = solid_base(t);
            for (size_t i = 0; i < l->size; ++i) {
                Value b = l->items()[i];
                if (!is_instance_fast(b, types.type)) {
                    raise_fmt(vm, exc::TypeError, "mro() returned a non-class ('%s')", type_name(b));
                    return nullptr;
                }
                TypeObject* need = solid_base(b.as<TypeObject>());
                TypeObject* s = solid;
                while (s && s != need)
                    s = s->base;
                if (!s && need != types.object) {
                    raise_fmt(vm, exc::TypeError, "mro() returned base with unsuitable layout ('%s')", b.as<TypeObject>()->name->c_str());
                    return nullptr;
                }
            }
            return tuple_from_array(vm, l->items(), l->size);
        }
    }
    return compute_mro(vm, t, t->bases);
}

// Picks the base whose layout the new class extends (CPython's best_base): the one with
// the most derived solid base, which every other base's solid base must be a base of.
static TypeObject* best_base(VM& vm, Tuple* bases)
{
    TypeObject* base = nullptr;
    TypeObject* winner = nullptr;
    for (size_t i = 0; i < bases->size; ++i) {
        auto* b = bases->items[i].as<TypeObject>();
        if (!b->has_flag(TF_BASETYPE)) {
            // CPython prints tp_name: "module.Name" for a native module's type.
            raise_fmt(vm, exc::TypeError, "type '%s' is not an acceptable base type", (b->full_name ? b->full_name : b->name)->c_str());
            return nullptr;
        }
        TypeObject* candidate = solid_base(b);
        if (winner && is_subtype(winner, candidate))
            continue;
        if (winner && !is_subtype(candidate, winner)) {
            raise(vm, exc::TypeError, "multiple bases have instance lay-out conflict");
            return nullptr;
        }
        winner = candidate;
        base = b;
    }
    return base;
}

// Whether CPython's instances of `t` are garbage-collected (Py_TPFLAGS_HAVE_GC, which
// also picks their tp_free): every class is, and every built-in but the ones whose
// instances never refer to other objects.
static bool layout_gc(TypeObject const* t)
{
    if (t->is_heap_type())
        return true;
    for (TypeObject const* plain : { types.object, types.int_, types.bool_, types.float_, types.complex, types.str,
                                     types.bytes, types.bytearray })
        if (t == plain)
            return false;
    return true;
}

// Instances of `t` are laid out exactly as its base's (CPython's compatible_with_tp_base).
static bool same_layout_as_base(TypeObject const* t)
{
    if (!t->base || t->has_flag(TF_LAYOUT_SOLID) || layout_gc(t) != layout_gc(t->base))
        return false;
    LayoutDelta d = layout_delta(t);
    return d.slots == 0 && !d.dict && !d.weakref;
}

// Two classes on the same base add the same words (CPython's same_slots_added): the
// __weakref__ slot when both put it first, and equal __slots__ when both declare them.
static bool same_words_added(TypeObject const* a, TypeObject const* b)
{
    if (!a->is_heap_type() || !b->is_heap_type())
        return false;
    LayoutDelta da = layout_delta(a);
    LayoutDelta db = layout_delta(b);
    size_t common = 0;
    bool var = layout_var_sized(a->base);
    if (da.weakref && db.weakref && da.slots == 0 && db.slots == 0 && !(var && (da.dict || db.dict)))
        common = 1;
    if (a->slot_names && b->slot_names) {
        if (a->slot_names->size != b->slot_names->size)
            return false;
        for (size_t i = 0; i < a->slot_names->size; ++i)
            if (!str_equal(a->slot_names->items[i].as<String>(), b->slot_names->items[i].as<String>()))
                return false;
        common += a->slot_names->size;
    }
    return common == layout_words(a, da) && common == layout_words(b, db);
}

// The struct slpy lays instances of `t` out with, below any class words.
static bool same_struct(TypeObject* a, TypeObject* b)
{
    TraceFn ta = a->is_heap_type() ? a->base_trace : a->trace;
    TraceFn tb = b->is_heap_type() ? b->base_trace : b->trace;
    if (ta != tb || a->finalize != b->finalize || a->has_flag(TF_BOXED_BASE) != b->has_flag(TF_BOXED_BASE))
        return false;
    return !a->has_flag(TF_BOXED_BASE) || layout_builtin(a) == layout_builtin(b);
}

bool layout_compatible(VM& vm, TypeObject* oldto, TypeObject* newto, char const* attr)
{
    if (layout_gc(newto) != layout_gc(oldto)) {
        raise_fmt(vm, exc::TypeError, "%s assignment: '%s' deallocator differs from '%s'", attr, newto->name->c_str(),
                  oldto->name->c_str());
        return false;
    }
    // Each side goes up while its base is laid out the same; then both must meet, or be
    // siblings adding the same words.
    TypeObject* newbase = newto;
    TypeObject* oldbase = oldto;
    while (same_layout_as_base(newbase))
        newbase = newbase->base;
    while (same_layout_as_base(oldbase))
        oldbase = oldbase->base;
    bool ok = newbase == oldbase || (newbase->base == oldbase->base && same_words_added(newbase, oldbase));
    ok = ok && newto->has_flag(TF_LAYOUT_DICT) == oldto->has_flag(TF_LAYOUT_DICT);
    // slpy's own layouts then agree too (the same struct, __dict__ word and sorted
    // __slots__ words); that is what makes the retyped object safe, so it is checked
    // rather than assumed.
    ok = ok && newto->basicsize == oldto->basicsize && newto->dict_offset == oldto->dict_offset && same_struct(newto, oldto);
    if (!ok)
        raise_fmt(vm, exc::TypeError, "%s assignment: '%s' object layout differs from '%s'", attr, newto->name->c_str(),
                  oldto->name->c_str());
    return ok;
}

// CPython's _Py_Mangle for a __slots__ name in class `cls` (as the compiler's
// SymTable::mangle): "__x" becomes "_Cls__x", dunders and dotted names stay. Null when
// out of memory.
static String* mangle_slot_name(VM& vm, String* cls, String* name)
{
    std::string_view n = name->view();
    std::string_view c = cls->view();
    if (n.size() < 2 || n[0] != '_' || n[1] != '_' || (n.size() >= 4 && n.substr(n.size() - 2) == "__") ||
        n.find('.') != std::string_view::npos)
        return name;
    size_t start = c.find_first_not_of('_');
    if (start == std::string_view::npos)
        return name;
    std::string out = "_";
    out += c.substr(start);
    out += n;
    Value v = str_value(vm, out);
    return v.is_null() ? nullptr : as_str(v);
}

struct MemberDescriptor : Object {
    String* name;
    TypeObject* owner;
    uint32_t offset;
    uint32_t flags; // MemberFlags (0 for a __slots__ member)
};

void trace_member_descriptor(Object* o, Tracer& t)
{
    auto* m = static_cast<MemberDescriptor*>(o);
    t.visit(m->name);
    t.visit(m->owner);
}

uint32_t member_descriptor_offset(Value descr)
{
    auto* m = static_cast<MemberDescriptor*>(descr.as_object());
    return m->flags ? UINT32_MAX : m->offset;
}

bool add_member(VM& vm, TypeObject* t, char const* name, uint32_t offset, uint32_t flags)
{
    auto* m = vm.heap.make<MemberDescriptor>(types.member_descriptor);
    if (!m || !(m->name = intern(vm, name)))
        return false;
    m->owner = t;
    m->offset = offset;
    m->flags = flags;
    return dict_set_str(vm, t->dict, m->name, Value::from_object(m));
}

Value member_descriptor_get(VM& vm, Object* descr, Value obj)
{
    auto* m = static_cast<MemberDescriptor*>(descr);
    Value v = *reinterpret_cast<Value*>(reinterpret_cast<char*>(obj.as_object()) + m->offset);
    if (v.is_null() && (m->flags & MEMBER_NONE_IF_NULL))
        return py_none();
    if (v.is_null())
        return raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '%s'", type_name(obj), m->name->c_str());
    return v;
}

bool member_descriptor_set(VM& vm, Object* descr, Value obj, Value value)
{
    auto* m = static_cast<MemberDescriptor*>(descr);
    if (m->flags & MEMBER_READONLY) {
        raise(vm, exc::AttributeError, "readonly attribute");
        return false;
    }
    auto* slot = reinterpret_cast<Value*>(reinterpret_cast<char*>(obj.as_object()) + m->offset);
    if (value.is_null() && slot->is_null()) { // CPython 3.11's text: just the name
        raise_fmt(vm, exc::AttributeError, "%s", m->name->c_str());
        return false;
    }
    *slot = value;
    return true;
}

static Value weakref_slot_get(VM&, Value const*, size_t, Tuple*) { return py_none(); }

// The Python face of a __slots__ member (CPython's member_descriptor): __get__, __set__
// and __delete__ check the instance's type first, since the member is read and written
// at a fixed offset of its owner's layout.
static MemberDescriptor* member_of(Value const* args) { return static_cast<MemberDescriptor*>(args[0].as_object()); }

static bool member_check(VM& vm, MemberDescriptor* m, Value obj)
{
    if (is_instance_fast(obj, m->owner))
        return true;
    raise_fmt(vm, exc::TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", m->name->c_str(),
              m->owner->name->c_str(), type_name(obj));
    return false;
}

static Value member_get(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    MemberDescriptor* m = member_of(args);
    Value obj = nargs > 1 ? args[1] : py_none();
    if (is_none(obj)) {
        if (nargs < 3 || is_none(args[2]))
            return raise(vm, exc::TypeError, "__get__(None, None) is invalid");
        return args[0];
    }
    if (!member_check(vm, m, obj))
        return Value::null();
    return member_descriptor_get(vm, m, obj);
}

static Value member_set_or_delete(VM& vm, Value const* args, Value value)
{
    MemberDescriptor* m = member_of(args);
    if (!member_check(vm, m, args[1]) || !member_descriptor_set(vm, m, args[1], value))
        return Value::null();
    return py_none();
}

static Value member_set(VM& vm, Value const* args, size_t, Tuple*) { return member_set_or_delete(vm, args, args[2]); }
static Value member_delete(VM& vm, Value const* args, size_t, Tuple*) { return member_set_or_delete(vm, args, Value::null()); }

static Value member_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    MemberDescriptor* m = member_of(args);
    return str_value(vm, std::string("<member '") + m->name->c_str() + "' of '" + m->owner->name->c_str() + "' objects>");
}

static Value member_name(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(member_of(args)->name); }
static Value member_objclass(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(member_of(args)->owner); }
static Value member_doc(VM&, Value const*, size_t, Tuple*) { return py_none(); }

static Value member_qualname(VM& vm, Value const* args, size_t, Tuple*)
{
    MemberDescriptor* m = member_of(args);
    Value owner_qualname = TRY(getattr(vm, Value::from_object(m->owner), names.__qualname__));
    if (!is_str(owner_qualname))
        return raise(vm, exc::TypeError, "<descriptor>.__objclass__.__qualname__ is not a unicode object");
    return str_value(vm, std::string(as_str(owner_qualname)->view()) + "." + m->name->c_str());
}

void setup_member_descriptor(VM& vm)
{
    add_methods(vm, types.member_descriptor,
                { { "__get__", member_get }, { "__set__", member_set }, { "__delete__", member_delete }, { "__repr__", member_repr } });
    add_getsets(vm, types.member_descriptor, { { "__name__", member_name },
                                               { "__qualname__", member_qualname },
                                               { "__objclass__", member_objclass },
                                               { "__doc__", member_doc } });
}

// ------------------------------------------------------------------ __bases__ assignment

// `cls` and every class below it, parents before children (a class reached twice
// through multiple inheritance is listed twice: recomputing it again is harmless).
static void collect_hierarchy(TypeObject* cls, std::vector<TypeObject*>& out)
{
    out.push_back(cls);
    if (List* subs = static_cast<List*>(cls->subclasses))
        for (size_t i = 0; i < subs->size; ++i)
            collect_hierarchy(subs->items()[i].as<TypeObject>(), out);
}

// The list of `base`'s subclasses that this VM adds to: a shared type's own list is
// frozen (it holds only shared types), so the VM keeps its subclasses of it apart.
static List** subclass_list(VM& vm, TypeObject* base)
{
    if (!is_shared_object(base) || vm.builds_shared_runtime)
        return reinterpret_cast<List**>(&base->subclasses);
    return &vm.local->shared_subclasses[base];
}

bool type_add_subclass(VM& vm, TypeObject* base, TypeObject* cls)
{
    List** subs = subclass_list(vm, base);
    if (!*subs && !(*subs = list_new(vm)))
        return false;
    return list_append(vm, *subs, Value::from_object(cls));
}

Value type_subclasses_of(VM& vm, TypeObject* t)
{
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    if (auto* own = static_cast<List*>(t->subclasses))
        for (size_t i = 0; i < own->size; ++i)
            if (!list_append(vm, out, own->items()[i]))
                return Value::null();
    if (is_shared_object(t)) {
        auto it = vm.local->shared_subclasses.find(t);
        if (it != vm.local->shared_subclasses.end() && it->second)
            for (size_t i = 0; i < it->second->size; ++i)
                if (!list_append(vm, out, it->second->items()[i]))
                    return Value::null();
    }
    return Value::from_object(out);
}

static void remove_subclass(VM& vm, TypeObject* base, TypeObject* cls)
{
    List* subs = *subclass_list(vm, base);
    if (!subs)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < subs->size; ++i)
        if (subs->items()[i].as_object() != cls)
            subs->items()[kept++] = subs->items()[i];
    subs->size = kept;
}

bool type_set_bases(VM& vm, TypeObject* cls, Value value)
{
    if (!cls->is_heap_type()) {
        raise_fmt(vm, exc::TypeError, "cannot set '__bases__' attribute of immutable type '%s'", cls->name->c_str());
        return false;
    }
    if (value.is_null()) {
        raise_fmt(vm, exc::TypeError, "cannot delete '__bases__' attribute of immutable type '%s'", cls->name->c_str());
        return false;
    }
    Tuple* bases = as_tuple(value);
    if (!bases) {
        raise_fmt(vm, exc::TypeError, "can only assign tuple to %s.__bases__, not %s", cls->name->c_str(), type_name(value));
        return false;
    }
    if (bases->size == 0) {
        raise_fmt(vm, exc::TypeError, "can only assign non-empty tuple to %s.__bases__, not ()", cls->name->c_str());
        return false;
    }
    for (size_t i = 0; i < bases->size; ++i) {
        Value b = bases->items[i];
        if (!is_instance_fast(b, types.type)) {
            raise_fmt(vm, exc::TypeError, "%s.__bases__ must be tuple of classes, not '%s'", cls->name->c_str(), type_name(b));
            return false;
        }
        // Through the MRO, and through the __base__ chain: a metaclass's mro() that
        // assigns __bases__ runs before the MROs it changes are updated.
        bool cycle = is_subtype(b.as<TypeObject>(), cls);
        for (TypeObject* t = b.as<TypeObject>(); t && !cycle; t = t->base)
            cycle = t == cls;
        if (cycle) {
            raise(vm, exc::TypeError, "a __bases__ item causes an inheritance cycle");
            return false;
        }
    }
    TypeObject* new_base = best_base(vm, bases);
    if (!new_base || !layout_compatible(vm, cls->base, new_base, "__bases__"))
        return false;

    // New MROs for the class and everything below it; all or nothing.
    Tuple* old_bases = cls->bases;
    TypeObject* old_base = cls->base;
    cls->bases = bases;
    cls->base = new_base;
    std::vector<TypeObject*> hierarchy;
    collect_hierarchy(cls, hierarchy);
    Tuple* old_mros = tuple_new(vm, hierarchy.size());
    if (!old_mros) {
        cls->bases = old_bases;
        cls->base = old_base;
        return false;
    }
    for (size_t i = 0; i < hierarchy.size(); ++i)
        old_mros->items[i] = Value::from_object(hierarchy[i]->mro);
    for (size_t i = 0; i < hierarchy.size(); ++i) {
        TypeObject* t = hierarchy[i];
        Tuple* mro = mro_invoke(vm, t);
        if (!mro) {
            for (size_t j = 0; j < i; ++j)
                hierarchy[j]->mro = old_mros->items[j].as<Tuple>();
            if (cls->bases == bases) { // unless a metaclass's mro() assigned __bases__ again
                cls->bases = old_bases;
                cls->base = old_base;
            }
            return false;
        }
        t->mro = mro;
    }

    // A metaclass's mro() that assigned __bases__ again (reentrance) has registered the
    // class with its own bases already.
    if (cls->bases == bases) {
        for (size_t i = 0; i < old_bases->size; ++i)
            remove_subclass(vm, old_bases->items[i].as<TypeObject>(), cls);
        for (size_t i = 0; i < bases->size; ++i)
            if (!type_add_subclass(vm, bases->items[i].as<TypeObject>(), cls))
                return false;
    }
    // The inherited "fast subclass" bits and the slot tables follow the new MROs.
    for (TypeObject* t : hierarchy) {
        uint32_t inherited = 0;
        for (size_t i = 0; i < t->bases->size; ++i)
            inherited |= t->bases->items[i].as<TypeObject>()->tflags & 0x00ffff00u;
        t->tflags = (t->tflags & ~0x00ffff00u) | inherited;
    }
    type_modified(cls);
    for (TypeObject* t : hierarchy)
        fill_slots(t);
    return true;
}

// ------------------------------------------------------------------ class creation

// `record`: a built-in record type (type_new_record_class), laid out as CPython's C
// struct for it: __slots__ may extend a tuple, and there is no __weakref__ slot.
static Value new_class(VM& vm, TypeObject* meta, String* name, Tuple* bases, Dict* ns, Tuple* kwnames, Value const* kwvalues,
                       bool record)
{
    if (bases->size == 0 && !(bases = tuple_pack(vm, { Value::from_object(types.object) })))
        return Value::null();
    for (size_t i = 0; i < bases->size; ++i) {
        if (!is_instance_fast(bases->items[i], types.type))
            return raise_fmt(vm, exc::TypeError, "bases must be types");
        // A class whose metaclass's mro() is running has no MRO yet.
        if (!bases->items[i].as<TypeObject>()->mro)
            return raise_fmt(vm, exc::TypeError, "Cannot extend an incomplete type '%s'",
                             bases->items[i].as<TypeObject>()->name->c_str());
    }

    TypeObject* base = best_base(vm, bases);
    if (!base)
        return Value::null();

    auto* t = static_cast<TypeObject*>(vm.heap.allocate(meta, meta->basicsize > sizeof(TypeObject) ? meta->basicsize : sizeof(TypeObject)));
    if (!t)
        return Value::null();
    new (t) TypeObject();
    t->type = meta;
    t->name = name;
    t->qualname = name;
    t->base = base;
    t->bases = bases;
    t->tflags = TF_HEAPTYPE | TF_BASETYPE;
    for (size_t i = 0; i < bases->size; ++i)
        t->tflags |= bases->items[i].as<TypeObject>()->tflags & 0x00ffff00u;
    t->dict = dict_copy(vm, ns);
    if (!t->dict)
        return Value::null();

    // __slots__, checked in CPython's order (type_new_slots): the count against a
    // variable-sized base, then each name, then the mangled names against the namespace.
    bool var = layout_var_sized(base);
    bool may_add_dict = !base->has_flag(TF_LAYOUT_DICT);
    bool may_add_weak = !base->has_flag(TF_LAYOUT_WEAKREF) && !var && !record;
    bool add_dict = false;
    bool add_weak = false;
    std::vector<String*> members; // mangled, sorted
    Value slots_decl = dict_get_str(vm, t->dict, names.__slots__);
    if (slots_decl.is_null())
        return Value::null();
    if (slots_decl.is_not_found()) {
        add_dict = may_add_dict;
        add_weak = may_add_weak;
    } else {
        std::vector<Value> declared;
        if (is_str(slots_decl)) {
            declared.push_back(slots_decl);
        } else {
            Value it = TRY(get_iter(vm, slots_decl));
            for (;;) {
                Value item = TRY(iter_next(vm, it));
                if (item.is_stop_iteration())
                    break;
                declared.push_back(item);
            }
        }
        if (!declared.empty() && var && !record)
            return raise_fmt(vm, exc::TypeError, "nonempty __slots__ not supported for subtype of '%s'", base->name->c_str());
        // str.isidentifier itself (as PyUnicode_IsIdentifier), not a subclass's override.
        String* isidentifier_name = intern(vm, "isidentifier");
        if (!isidentifier_name)
            return Value::null();
        Value isidentifier = TRY(dict_get_str(vm, types.str->dict, isidentifier_name));
        for (Value item : declared) {
            String* s = as_str(item);
            if (!s)
                return raise_fmt(vm, exc::TypeError, "__slots__ items must be strings, not '%s'", type_name(item));
            Value ident = TRY(call1(vm, isidentifier, item));
            if (!ident.is(py_true()))
                return raise(vm, exc::TypeError, "__slots__ must be identifiers");
            if (s->view() == "__dict__") {
                if (!may_add_dict || add_dict)
                    return raise(vm, exc::TypeError, "__dict__ slot disallowed: we already got one");
                add_dict = true;
            }
            if (s->view() == "__weakref__") {
                if (!may_add_weak || add_weak)
                    return raise(vm, exc::TypeError, "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
                add_weak = true;
            }
        }
        for (Value item : declared) {
            String* s = as_str(item);
            if ((add_dict && s->view() == "__dict__") || (add_weak && s->view() == "__weakref__"))
                continue;
            String* m = mangle_slot_name(vm, name, s);
            if (!m)
                return Value::null();
            // __qualname__ and __classcell__ leave the namespace before the members go in.
            Value existing = dict_get_str(vm, t->dict, m);
            if (existing.is_null())
                return Value::null();
            if (!existing.is_not_found() && m->view() != "__qualname__" && m->view() != "__classcell__") {
                Value r = TRY(repr(vm, Value::from_object(m)));
                return raise_fmt(vm, exc::ValueError, "%s in __slots__ conflicts with class variable", as_str(r)->c_str());
            }
            members.push_back(m);
        }
        // Sorted, so that two classes declaring the same names lay them out alike.
        std::stable_sort(members.begin(), members.end(), [](String* a, String* b) { return str_compare(a, b) < 0; });
        // Secondary bases may bring a __dict__ or __weakref__ along.
        for (size_t i = 0; i < bases->size && bases->size > 1; ++i) {
            auto* b = bases->items[i].as<TypeObject>();
            if (b == base)
                continue;
            if (may_add_dict && !add_dict && b->has_flag(TF_LAYOUT_DICT))
                add_dict = true;
            if (may_add_weak && !add_weak && b->has_flag(TF_LAYOUT_WEAKREF))
                add_weak = true;
        }
        Tuple* names_tuple = tuple_new(vm, members.size());
        if (!names_tuple)
            return Value::null();
        for (size_t i = 0; i < members.size(); ++i)
            names_tuple->items[i] = Value::from_object(members[i]);
        t->slot_names = names_tuple;
    }

    // __qualname__ comes out of the namespace.
    Value qn = dict_get_str(vm, t->dict, names.__qualname__);
    if (!qn.is_not_found() && !qn.is_null()) {
        String* q = as_str(qn);
        if (!q)
            return raise_fmt(vm, exc::TypeError, "type __qualname__ must be a str, not %s", type_name(qn));
        t->qualname = q;
        (void)dict_del(vm, t->dict, Value::from_object(names.__qualname__));
    }

    // Layout: the built-in base's fields, then a __dict__ pointer when the class adds one
    // (a class of `type` has its namespace instead), then the __slots__ values.
    TypeObject* builtin = layout_builtin(base);
    bool boxed = builtin->has_flag(TF_INT_SUBCLASS | TF_FLOAT_SUBCLASS | TF_STR_SUBCLASS | TF_BYTES_SUBCLASS | TF_TUPLE_SUBCLASS | TF_FROZENSET_SUBCLASS) || builtin == types.complex;
    if (boxed && builtin != types.bool_) {
        t->tflags |= TF_BOXED_BASE;
        t->base_trace = trace_boxed;
    } else {
        t->base_trace = builtin->trace;
    }
    uint32_t size = base->is_heap_type() ? base->basicsize : (boxed ? uint32_t(sizeof(BoxedValue)) : builtin->basicsize);
    if (size < sizeof(Object))
        size = sizeof(Object);
    t->extra_offset = base->is_heap_type() ? base->extra_offset : size;
    t->dict_offset = base->dict_offset;
    if (add_dict && !t->dict_offset) {
        t->dict_offset = size;
        size += sizeof(Value);
        extern NativeFn const instance_dict_get;
        extern NativeFn const instance_dict_set;
        if (dict_get_str(vm, t->dict, names.__dict__).is_not_found() && !add_getsets(vm, t, { { "__dict__", instance_dict_get, instance_dict_set } }))
            return Value::null();
    }
    // The __weakref__ slot of CPython's layout: slpy keeps weak references in the
    // _weakref module's registry (stackless/modules/weakref.cpp), not in the instance, so
    // the attribute is there and reads None.
    if (add_weak && dict_get_str(vm, t->dict, names.__weakref__).is_not_found()
        && !add_getsets(vm, t, { { "__weakref__", weakref_slot_get, nullptr, "list of weak references to the object" } }))
        return Value::null();
    for (String* s : members) {
        auto* m = vm.heap.make<MemberDescriptor>(types.member_descriptor);
        if (!m || !(m->name = intern(vm, s)))
            return Value::null();
        m->owner = t;
        m->offset = size;
        size += sizeof(Value);
        // As CPython's tp_members: a name still in the namespace (__classcell__) keeps its value.
        if (dict_get_str(vm, t->dict, m->name).is_not_found() && !dict_set_str(vm, t->dict, m->name, Value::from_object(m)))
            return Value::null();
    }
    t->basicsize = size;
    t->trace = trace_instance;
    // A boxed value is an object of its own with its own finalizer; the box has none.
    t->finalize = boxed && builtin != types.bool_ ? nullptr : builtin->finalize;
    t->buffer = boxed ? nullptr : builtin->buffer; // a boxed bytes is found by as_bytes
    t->tflags |= base->tflags & (TF_LAYOUT_DICT | TF_LAYOUT_WEAKREF);
    if (add_dict)
        t->tflags |= TF_LAYOUT_DICT;
    if (add_weak)
        t->tflags |= TF_LAYOUT_WEAKREF;
    if (!members.empty() || (add_dict && var))
        t->tflags |= TF_LAYOUT_SOLID;

    // __new__ is an implicit staticmethod; __init_subclass__ and __class_getitem__ are
    // implicit classmethods.
    auto wrap = [&](String* attr, TypeObject* wrapper) -> bool {
        Value f = dict_get_str(vm, t->dict, attr);
        if (f.is_null() || f.is_not_found() || type_of(f) != types.function)
            return true;
        Value w = call1(vm, Value::from_object(wrapper), f);
        if (w.is_null())
            return false;
        return dict_set_str(vm, t->dict, attr, w);
    };
    if (!wrap(names.slot_names[int(Slot::NEW)], types.staticmethod) || !wrap(names.__init_subclass__, types.classmethod)
        || !wrap(names.slot_names[int(Slot::CLASS_GETITEM)], types.classmethod))
        return Value::null();
    if (dict_get_str(vm, t->dict, names.__doc__).is_not_found())
        if (!dict_set_str(vm, t->dict, names.__doc__, py_none()))
            return Value::null();

    // A class that defines __eq__ but not __hash__ is unhashable.
    if (!dict_get_str(vm, t->dict, names.slot_names[int(Slot::EQ)]).is_not_found() &&
        dict_get_str(vm, t->dict, names.slot_names[int(Slot::HASH)]).is_not_found())
        if (!dict_set_str(vm, t->dict, names.slot_names[int(Slot::HASH)], py_none()))
            return Value::null();

    Tuple* mro = record ? compute_mro(vm, t, bases) : mro_invoke(vm, t);
    if (!mro)
        return Value::null();
    t->mro = mro;
    fill_slots(t);
    for (size_t i = 0; i < bases->size; ++i)
        if (!type_add_subclass(vm, bases->items[i].as<TypeObject>(), t))
            return Value::null();

    Value cell = dict_get_str(vm, t->dict, names.__classcell__);
    if (!cell.is_not_found() && !cell.is_null()) {
        extern bool cell_set_class(VM & vm, Value cell, Value cls);
        if (!cell_set_class(vm, cell, Value::from_object(t)))
            return Value::null();
        (void)dict_del(vm, t->dict, Value::from_object(names.__classcell__));
    }
    type_modified(t);

    // __set_name__ on every attribute that has one, in definition order.
    {
        List* items = list_new(vm);
        if (!items)
            return Value::null();
        size_t pos = 0;
        Value k, v;
        while (dict_next(t->dict, pos, k, v)) {
            if (!list_append(vm, items, k) || !list_append(vm, items, v))
                return Value::null();
        }
        for (size_t i = 0; i + 1 < items->size; i += 2) {
            Value v = items->items()[i + 1];
            Value set_name = type_of(v)->slot(Slot::SET_NAME);
            if (set_name.is_null())
                continue;
            Value args[3] = { v, Value::from_object(t), items->items()[i] };
            if (call(vm, set_name, args, 3).is_null()) {
                // CPython 3.11 (type_new_set_names): a RuntimeError naming the attribute,
                // caused by the original error.
                Value err = vm.take_error();
                String* attr = as_str(items->items()[i]);
                raise_fmt(vm, exc::RuntimeError, "Error calling __set_name__ on '%s' instance '%s' in '%s'", type_name(v),
                          attr ? attr->c_str() : "?", t->name->c_str());
                Value wrapped = vm.take_error();
                if (BaseException* be = as_exception(wrapped)) {
                    be->cause = err;
                    be->suppress_context = true;
                    vm.restore_error(wrapped);
                } else {
                    vm.restore_error(err); // no memory for the wrapper: the original goes on
                }
                return Value::null();
            }
        }
    }

    // super(t, t).__init_subclass__(**kwargs): look it up after t in the MRO.
    Value init_sub = Value::not_found();
    for (size_t i = 1; i < mro->size && init_sub.is_not_found(); ++i)
        init_sub = dict_get_str(vm, mro->items[i].as<TypeObject>()->dict, names.__init_subclass__);
    if (!init_sub.is_not_found() && !init_sub.is_null()) {
        Value bound = TRY(descriptor_get(vm, init_sub, Value::null(), t));
        size_t nkw = kwnames ? kwnames->size : 0;
        if (call(vm, bound, kwvalues, 0, nkw ? kwnames : nullptr).is_null())
            return Value::null();
    }
    return Value::from_object(t);
}

Value type_new_class(VM& vm, TypeObject* meta, String* name, Tuple* bases, Dict* ns, Tuple* kwnames, Value const* kwvalues)
{
    return new_class(vm, meta, name, bases, ns, kwnames, kwvalues, false);
}

Value type_new_record_class(VM& vm, String* name, TypeObject* base, Dict* ns)
{
    Tuple* bases = tuple_pack(vm, { Value::from_object(base) });
    if (!bases)
        return Value::null();
    return new_class(vm, types.type, name, bases, ns, nullptr, nullptr, true);
}

} // namespace slpy
