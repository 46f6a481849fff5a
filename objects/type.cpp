// Type objects: built-in type creation, C3 MRO, slot tables, class creation and instance
// layout. The Python-level methods of `object` and `type` are in object_methods.cpp.
#include "objects/type.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/string.h"

#include <cstring>
#include <string>
#include <vector>

namespace slpy {

void trace_type(Object* o, Tracer& t)
{
    auto* type = static_cast<TypeObject*>(o);
    t.visit(type->name);
    t.visit(type->qualname);
    t.visit(type->base);
    t.visit(type->bases);
    t.visit(type->mro);
    t.visit(type->dict);
    t.visit(type->subclasses);
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

// The method cache (see runtime.h).
TypeCacheEntry g_type_cache[kTypeCacheSize];
namespace {
uint32_t g_next_type_version = 1;
} // namespace

bool g_type_cache_enabled = false;

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
        TypeCacheEntry& e = g_type_cache[type_cache_index(type->version, name)];
        if (e.version == type->version && e.name == name)
            e.version = 0; // no type has version 0 while it is cached
    }
    if (List* subs = static_cast<List*>(type->subclasses))
        for (size_t i = 0; i < subs->size; ++i)
            type_cache_forget(subs->items()[i].as<TypeObject>(), name);
}

static Value type_lookup_uncached(TypeObject const* type, String* name)
{
    extern VM* g_vm;
    Tuple* mro = type->mro;
    if (!mro) {
        for (TypeObject const* t = type; t; t = t->base) {
            Value v = dict_get_str(*g_vm, t->dict, name);
            if (!v.is_not_found())
                return v;
        }
        return Value::not_found();
    }
    for (size_t i = 0; i < mro->size; ++i) {
        auto* t = mro->items[i].as<TypeObject>();
        Value v = dict_get_str(*g_vm, t->dict, name);
        if (v.is_null()) {
            g_vm->clear_error();
            continue;
        }
        if (!v.is_not_found())
            return v;
    }
    return Value::not_found();
}

Value type_lookup_slow(TypeObject const* type, String* name)
{
    if (!g_type_cache_enabled || !(name->flags & STR_INTERNED))
        return type_lookup_uncached(type, name);
    auto* t = const_cast<TypeObject*>(type);
    if (t->version == 0) {
        if (g_next_type_version == UINT32_MAX)
            return type_lookup_uncached(type, name);
        t->version = g_next_type_version++;
    }
    TypeCacheEntry& e = g_type_cache[type_cache_index(t->version, name)];
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

void finish_builtin_type(VM& vm, TypeObject* type)
{
    Tuple* bases = type->base ? tuple_pack(vm, { Value::from_object(type->base) }) : empty_tuple();
    type->bases = bases;
    type->mro = compute_mro(vm, type, bases);
    fill_slots(type);
    if (type->base) {
        if (!type->base->subclasses)
            type->base->subclasses = list_new(vm);
        (void)list_append(vm, static_cast<List*>(type->base->subclasses), Value::from_object(type));
    }
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

// Picks the base whose layout the new class extends (CPython's best_base).
static TypeObject* best_base(VM& vm, Tuple* bases)
{
    TypeObject* best = nullptr;
    for (size_t i = 0; i < bases->size; ++i) {
        auto* b = bases->items[i].as<TypeObject>();
        if (!b->has_flag(TF_BASETYPE)) {
            raise_fmt(vm, exc::TypeError, "type '%s' is not an acceptable base type", b->name->c_str());
            return nullptr;
        }
        if (!best) {
            best = b;
            continue;
        }
        // The candidate with the more derived layout wins; unrelated layouts conflict.
        TypeObject* lb = layout_builtin(b);
        TypeObject* lbest = layout_builtin(best);
        bool b_extends = b->basicsize > best->basicsize || (lb != lbest && is_subtype(lb, lbest));
        if (lb != lbest && !is_subtype(lb, lbest) && !is_subtype(lbest, lb) && lb != types.object && lbest != types.object) {
            raise(vm, exc::TypeError, "multiple bases have instance lay-out conflict");
            return nullptr;
        }
        if (b_extends && is_subtype(lb, lbest))
            best = b;
    }
    return best;
}

static bool is_identifier(String* s)
{
    if (s->byte_length == 0)
        return false;
    for (size_t i = 0; i < s->byte_length; ++i) {
        auto c = static_cast<unsigned char>(s->data[i]);
        bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

struct MemberDescriptor : Object {
    String* name;
    TypeObject* owner;
    uint32_t offset;
};

void trace_member_descriptor(Object* o, Tracer& t)
{
    auto* m = static_cast<MemberDescriptor*>(o);
    t.visit(m->name);
    t.visit(m->owner);
}

uint32_t member_descriptor_offset(Value descr) { return static_cast<MemberDescriptor*>(descr.as_object())->offset; }

Value member_descriptor_get(VM& vm, Object* descr, Value obj)
{
    auto* m = static_cast<MemberDescriptor*>(descr);
    Value v = *reinterpret_cast<Value*>(reinterpret_cast<char*>(obj.as_object()) + m->offset);
    if (v.is_null())
        return raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '%s'", type_name(obj), m->name->c_str());
    return v;
}

bool member_descriptor_set(VM& vm, Object* descr, Value obj, Value value)
{
    auto* m = static_cast<MemberDescriptor*>(descr);
    auto* slot = reinterpret_cast<Value*>(reinterpret_cast<char*>(obj.as_object()) + m->offset);
    if (value.is_null() && slot->is_null()) {
        raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute '%s'", type_name(obj), m->name->c_str());
        return false;
    }
    *slot = value;
    return true;
}

Value type_new_class(VM& vm, TypeObject* meta, String* name, Tuple* bases, Dict* ns, Tuple* kwnames, Value const* kwvalues)
{
    if (bases->size == 0)
        bases = tuple_pack(vm, { Value::from_object(types.object) });
    for (size_t i = 0; i < bases->size; ++i)
        if (!is_instance_fast(bases->items[i], types.type))
            return raise_fmt(vm, exc::TypeError, "bases must be types");

    TypeObject* base = best_base(vm, bases);
    if (!base)
        return Value::null();

    auto* t = static_cast<TypeObject*>(vm.heap.allocate(meta, meta->basicsize > sizeof(TypeObject) ? meta->basicsize : sizeof(TypeObject)));
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

    // Layout: the built-in base's fields, then a __dict__ pointer unless __slots__ says
    // otherwise, then the __slots__ values.
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

    Value slots_decl = dict_get_str(vm, t->dict, names.__slots__);
    if (slots_decl.is_null())
        return Value::null();
    bool want_dict = slots_decl.is_not_found();
    std::vector<String*> slot_names;
    if (!slots_decl.is_not_found()) {
        if (is_str(slots_decl)) {
            slot_names.push_back(as_str(slots_decl));
        } else {
            Value it = TRY(get_iter(vm, slots_decl));
            for (;;) {
                Value item = TRY(iter_next(vm, it));
                if (item.is_stop_iteration())
                    break;
                String* s = as_str(item);
                if (!s)
                    return raise_fmt(vm, exc::TypeError, "__slots__ items must be strings, not '%s'", type_name(item));
                slot_names.push_back(s);
            }
        }
        for (String* s : slot_names) {
            if (!is_identifier(s))
                return raise(vm, exc::TypeError, "__slots__ must be identifiers");
            if (std::string_view(s->view()) == "__dict__")
                want_dict = true;
        }
    }
    if (want_dict && !t->dict_offset) {
        t->dict_offset = size;
        size += sizeof(Value);
        extern NativeFn const instance_dict_get;
        extern NativeFn const instance_dict_set;
        if (dict_get_str(vm, t->dict, names.__dict__).is_not_found())
            add_getsets(vm, t, { { "__dict__", instance_dict_get, instance_dict_set } });
    }
    for (String* s : slot_names) {
        if (std::string_view(s->view()) == "__dict__" || std::string_view(s->view()) == "__weakref__")
            continue;
        Value existing = dict_get_str(vm, t->dict, s);
        if (!existing.is_not_found() && !existing.is_null())
            return raise_fmt(vm, exc::ValueError, "'%s' in __slots__ conflicts with class variable", s->c_str());
        auto* m = vm.heap.make<MemberDescriptor>(types.member_descriptor);
        m->name = intern(vm, s);
        m->owner = t;
        m->offset = size;
        size += sizeof(Value);
        if (!dict_set_str(vm, t->dict, m->name, Value::from_object(m)))
            return Value::null();
    }
    t->basicsize = size;
    t->trace = trace_instance;
    t->finalize = builtin->finalize;

    // __qualname__ and __classcell__ come out of the namespace.
    Value qn = dict_get_str(vm, t->dict, names.__qualname__);
    if (!qn.is_not_found() && !qn.is_null()) {
        String* q = as_str(qn);
        if (!q)
            return raise_fmt(vm, exc::TypeError, "type __qualname__ must be a str, not %s", type_name(qn));
        t->qualname = q;
        (void)dict_del(vm, t->dict, Value::from_object(names.__qualname__));
    }
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

    Tuple* mro = compute_mro(vm, t, bases);
    if (!mro)
        return Value::null();
    t->mro = mro;
    fill_slots(t);
    for (size_t i = 0; i < bases->size; ++i) {
        auto* b = bases->items[i].as<TypeObject>();
        if (!b->subclasses)
            b->subclasses = list_new(vm);
        if (!list_append(vm, static_cast<List*>(b->subclasses), Value::from_object(t)))
            return Value::null();
    }

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
                Value err = vm.take_error();
                (void)err;
                vm.set_error(err);
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

} // namespace slpy
