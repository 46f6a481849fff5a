// Type objects: creation of built-in and user-defined types, C3 MRO, slot inheritance,
// instance allocation, and the generic attribute protocol (object.__getattribute__).
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"

namespace slpy {

// A built-in type with the given layout (base null: object), for subsystems that add
// types after start-up (objects/bootstrap.cpp). Call finish_builtin_type when its
// methods are in.
TypeObject* make_builtin_type(VM& vm, char const* name, TypeObject* base, uint32_t basicsize,
                              uint32_t tflags, TraceFn trace = nullptr, FinalizeFn finalize = nullptr);
// Recomputes the MRO of a built-in type and fills its empty slots from the MRO.
// Call after all methods are added (bases first).
void finish_builtin_type(VM& vm, TypeObject* type);
// A native type defined by module `module`: its __module__, and the "module.Name" that
// messages print (CPython's tp_name for extension types; a class keeps its bare name).
// Start-up only (allocation failures end the process there).
void set_native_type_module(VM& vm, TypeObject* type, char const* module);

// type(name, bases, ns) for classes: computes the layout, MRO, slots, __slots__, runs
// __set_name__ and __init_subclass__ (metatype is `meta`). Returns the class or null.
Value type_new_class(VM& vm, TypeObject* meta, String* name, Tuple* bases, Dict* ns, Tuple* kwnames_for_init_subclass, Value const* kwvalues);
// A built-in record type made as a class of `base`, laid out as CPython's C type: no
// __weakref__ slot, and __slots__ members even on a tuple (struct sequences keep their
// attribute-only fields there, which a class statement could not add).
Value type_new_record_class(VM& vm, String* name, TypeObject* base, Dict* ns);
// The C3 linearization of `type` from its __bases__, for type.mro() (TypeError when the
// bases admit no consistent order).
Tuple* type_c3_mro(VM& vm, TypeObject* type);
// Invalidates the method cache entries of `type` and its subclasses: call after any
// change to a type's namespace or MRO (type_update_slot does).
void type_modified(TypeObject* type);
// Records `cls` as a subclass of `base` (in the VM's own list when `base` is shared).
bool type_add_subclass(VM& vm, TypeObject* base, TypeObject* cls);
// type.__subclasses__(): a new list, the shared subclasses and this VM's.
Value type_subclasses_of(VM& vm, TypeObject* t);
// Keeps a class's slot table in step after `cls.name = value` / `del cls.name`.
void type_update_slot(VM& vm, TypeObject* type, String* name);
// After `cls.name = value` replaced the value of an existing attribute: a full
// type_update_slot, except for a plain attribute (not a special method, not a __slots__
// member before), where only the method cache entries of that name are dropped. The
// classes keep their version tags, so a counter kept on a class (`Cls.count += 1`) does
// not invalidate every cached lookup of the class and its subclasses.
void type_attribute_replaced(VM& vm, TypeObject* type, String* name, Value old_value);

// Whether an instance of `oldto` may become one of `newto` (`obj.__class__ = newto`, and
// a class's __base__ under `cls.__bases__ = ...`; `attr` names which): their instances
// must be laid out alike, by CPython's rules and slpy's. Raises CPython's TypeError
// "<attr> assignment: 'N' object layout differs from 'O'" and returns false when not.
bool layout_compatible(VM& vm, TypeObject* oldto, TypeObject* newto, char const* attr);
// cls.__bases__ = bases: checks as CPython, then recomputes the MROs and slots of `cls`
// and its subclasses. False with the exception pending.
bool type_set_bases(VM& vm, TypeObject* cls, Value bases);

// A new, zeroed instance of `type` (any type with a fixed layout: object subclasses,
// list/dict/set/exception subclasses, ...). Sets up the __dict__ lazily.
Object* alloc_instance(VM& vm, TypeObject* type);
// An instance of a TF_BOXED_BASE class holding `base_value` (e.g. a str subclass).
Value box_value(VM& vm, TypeObject* type, Value base_value);
// The instance __dict__, created on demand when the type has one; nullptr when the
// object has no __dict__.
Dict* instance_dict(VM& vm, Object* o, bool create);
// Pointer to the __slots__ values of an instance.
Value* instance_slots(Object* o);

// object.__getattribute__ / object.__setattr__ semantics (data descriptors, instance
// dict, non-data descriptors, class attributes). Return not_found (no error) when absent
// so callers can try __getattr__ and build the AttributeError message.
Value generic_getattr(VM& vm, Value obj, String* name);
bool generic_setattr(VM& vm, Value obj, String* name, Value value); // value null: delete
// Applies a descriptor found on a type: descr.__get__(obj, type).
Value descriptor_get(VM& vm, Value descr, Value obj, TypeObject* type);
// "'X' object has no attribute 'y'" (with CPython 3.11's suggestions added when printed).
Value raise_attribute_error(VM& vm, Value obj, String* name);

// A property's fget (which 0), fset (1) or fdel (2), null when it has none; for the eval
// loop, which runs them as frames when they are Python functions.
Value property_function(Value prop, int which);
// A read-only mappingproxy over `mapping` (a class's __dict__) (objects/mappingproxy.cpp).
Value make_mappingproxy(VM& vm, Value mapping);
// list[int] and the like: a types.GenericAlias of `origin` with `args` (a tuple, or one
// argument) (objects/generic_alias.cpp).
Value make_generic_alias(VM& vm, Value origin, Value args);
// cls.__class_getitem__(item) -> GenericAlias(cls, item): the METH_CLASS method of the
// built-in generic classes.
Value generic_alias_class_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
// The function a staticmethod object wraps (a class's __new__ is one).
Value staticmethod_function(Value sm);
// Where a __slots__ member descriptor keeps its value in an instance (a byte offset);
// UINT32_MAX for a member that is not a plain read-write slot (add_member's flags), which
// the inline attribute caches must leave to the descriptor.
uint32_t member_descriptor_offset(Value descr);

// CPython's tp_members for built-in types: `t.name` becomes a member_descriptor for the
// Value (or Object pointer) field at byte `offset` of t's instances. MEMBER_READONLY:
// assignment and deletion raise AttributeError("readonly attribute"); MEMBER_NONE_IF_NULL:
// an unset field reads as None (CPython's T_OBJECT) instead of raising AttributeError.
enum MemberFlags : uint32_t { MEMBER_READONLY = 1u << 0, MEMBER_NONE_IF_NULL = 1u << 1 };
[[nodiscard]] bool add_member(VM& vm, TypeObject* t, char const* name, uint32_t offset, uint32_t flags);

// The metatype of a class statement from its explicit metaclass and bases.
TypeObject* calculate_metaclass(VM& vm, TypeObject* meta, Tuple* bases);

} // namespace slpy
