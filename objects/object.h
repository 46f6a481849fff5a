// The object header, type objects and their slot tables.
//
// Every heap object starts with `Object`: its type and the GC word. Behaviour lives on
// the type: a table of special methods (`slots`), indexed by `Slot`, each a callable
// Value (a native BuiltinFunction for built-in types, usually a Python Function for
// classes). The table is the resolved MRO lookup of the dunder, kept current when a
// class attribute changes, so special-method dispatch never looks at a string dict.
#pragma once

#include "objects/value.h"

#include <cstddef>
#include <cstdint>

namespace slpy {

class VM;
struct TypeObject;
struct String;
struct Tuple;
struct Dict;
class Tracer;
struct BufferProcs; // objects/buffer.h

// GC word bits (Object::gc).
enum GcBits : uint32_t {
    GC_MARK = 1u << 0,
    GC_FINALIZED = 1u << 1,
    GC_FREE = 1u << 2, // a free heap cell (its type field links the free list)
    // An object of the frozen shared runtime (bootstrap.cpp): it keeps GC_MARK for good,
    // so no VM's collector marks or traverses it (Tracer::visit skips marked objects).
    GC_SHARED = 1u << 3,
    // In the heap's registry of objects with a Python-level finalizer (__del__: the
    // type's DEL slot, set for Python classes and for generators, coroutines and io
    // objects), which runs when a collection finds the object unreachable (PEP 442).
    GC_FINALIZABLE = 1u << 4,
    // That finalizer has run (gc.is_finalized): it never runs a second time.
    GC_PY_FINALIZED = 1u << 5,
};

struct Object {
    TypeObject* type;
    uint32_t gc;    // owned by the heap
    uint32_t flags; // free for the type's own use (e.g. String: ascii, interned)
};
static_assert(sizeof(Object) == 16);

// Native calling convention (vectorcall): `args` holds the positional arguments, then the
// values of the keyword arguments whose names are the str tuple `kwnames` (null when
// there are none). Methods get `self` as args[0]. Returns the result, or null with an
// exception pending in the VM.
using NativeFn = Value (*)(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);

// Special methods with a slot. The X-macro gives the enum and the dunder names.
#define SLPY_SLOTS(X)                                                                     \
    X(REPR, "__repr__") X(STR, "__str__") X(HASH, "__hash__") X(BOOL, "__bool__")         \
    X(LEN, "__len__") X(GETATTRIBUTE, "__getattribute__") X(GETATTR, "__getattr__")       \
    X(SETATTR, "__setattr__") X(DELATTR, "__delattr__") X(GET, "__get__")                 \
    X(SET, "__set__") X(DELETE, "__delete__") X(CALL, "__call__") X(ITER, "__iter__")     \
    X(NEXT, "__next__") X(GETITEM, "__getitem__") X(SETITEM, "__setitem__")               \
    X(DELITEM, "__delitem__") X(CONTAINS, "__contains__") X(MISSING, "__missing__")       \
    X(LT, "__lt__") X(LE, "__le__") X(EQ, "__eq__") X(NE, "__ne__") X(GT, "__gt__")       \
    X(GE, "__ge__")                                                                       \
    X(ADD, "__add__") X(AND, "__and__") X(FLOORDIV, "__floordiv__")                       \
    X(LSHIFT, "__lshift__") X(MATMUL, "__matmul__") X(MUL, "__mul__") X(MOD, "__mod__")  \
    X(OR, "__or__") X(POW, "__pow__") X(RSHIFT, "__rshift__") X(SUB, "__sub__")           \
    X(TRUEDIV, "__truediv__") X(XOR, "__xor__")                                           \
    X(RADD, "__radd__") X(RAND, "__rand__") X(RFLOORDIV, "__rfloordiv__")                 \
    X(RLSHIFT, "__rlshift__") X(RMATMUL, "__rmatmul__") X(RMUL, "__rmul__")               \
    X(RMOD, "__rmod__") X(ROR, "__ror__") X(RPOW, "__rpow__") X(RRSHIFT, "__rrshift__")   \
    X(RSUB, "__rsub__") X(RTRUEDIV, "__rtruediv__") X(RXOR, "__rxor__")                   \
    X(IADD, "__iadd__") X(IAND, "__iand__") X(IFLOORDIV, "__ifloordiv__")                 \
    X(ILSHIFT, "__ilshift__") X(IMATMUL, "__imatmul__") X(IMUL, "__imul__")               \
    X(IMOD, "__imod__") X(IOR, "__ior__") X(IPOW, "__ipow__") X(IRSHIFT, "__irshift__")   \
    X(ISUB, "__isub__") X(ITRUEDIV, "__itruediv__") X(IXOR, "__ixor__")                   \
    X(NEG, "__neg__") X(POS, "__pos__") X(ABS, "__abs__") X(INVERT, "__invert__")         \
    X(INT, "__int__") X(FLOAT, "__float__") X(INDEX, "__index__") X(ROUND, "__round__")   \
    X(DIVMOD, "__divmod__") X(RDIVMOD, "__rdivmod__")                                     \
    X(INIT, "__init__") X(NEW, "__new__") X(DEL, "__del__") X(ENTER, "__enter__")         \
    X(EXIT, "__exit__") X(FORMAT, "__format__") X(REVERSED, "__reversed__")               \
    X(INSTANCECHECK, "__instancecheck__") X(SUBCLASSCHECK, "__subclasscheck__")           \
    X(INIT_SUBCLASS, "__init_subclass__") X(SET_NAME, "__set_name__")                     \
    X(CLASS_GETITEM, "__class_getitem__") X(LENGTH_HINT, "__length_hint__")

enum class Slot : uint8_t {
#define SLPY_SLOT_ENUM(id, name) id,
    SLPY_SLOTS(SLPY_SLOT_ENUM)
#undef SLPY_SLOT_ENUM
    COUNT_
};
inline constexpr int kNumSlots = static_cast<int>(Slot::COUNT_);
extern char const* const kSlotNames[kNumSlots];

// Binary operator slots in BINARY_OP order (opcodes.h BinOpArg): the forward slot of op i
// is kBinarySlots[i], the reflected one kReflectedSlots[i], the in-place one kInplaceSlots[i].
extern Slot const kBinarySlots[13];
extern Slot const kReflectedSlots[13];
extern Slot const kInplaceSlots[13];

// Type flags (TypeObject::tflags).
enum TypeFlags : uint32_t {
    TF_HEAPTYPE = 1u << 0,  // a class made by a class statement or type(); attributes settable
    TF_BASETYPE = 1u << 1,  // may be subclassed
    TF_ABSTRACT = 1u << 2,
    // "fast subclass" bits, as CPython's Py_TPFLAGS_*_SUBCLASS: set on the built-in type
    // and inherited by every subclass, so isinstance checks against them are one test.
    TF_INT_SUBCLASS = 1u << 8,
    TF_FLOAT_SUBCLASS = 1u << 9,
    TF_STR_SUBCLASS = 1u << 10,
    TF_BYTES_SUBCLASS = 1u << 11,
    TF_TUPLE_SUBCLASS = 1u << 12,
    TF_LIST_SUBCLASS = 1u << 13,
    TF_DICT_SUBCLASS = 1u << 14,
    TF_TYPE_SUBCLASS = 1u << 15,
    TF_EXC_SUBCLASS = 1u << 16, // BaseException and below
    TF_SET_SUBCLASS = 1u << 17,
    TF_FROZENSET_SUBCLASS = 1u << 18,
    TF_BYTEARRAY_SUBCLASS = 1u << 19,
    // Instances hold their built-in value in a BoxedValue layout (subclasses of the
    // immutable built-ins int, float, str, bytes, tuple, frozenset, complex).
    TF_BOXED_BASE = 1u << 24,
    // Instance layout as CPython 3.11 lays it out, which decides "instance lay-out
    // conflict" and __class__ / __bases__ assignment (objects/type.cpp); not inherited
    // through the mask above.
    TF_LAYOUT_SOLID = 1u << 25,   // instances carry fields their base's lack (a solid base)
    TF_LAYOUT_DICT = 1u << 26,    // instances have a __dict__ (tp_dictoffset != 0)
    TF_LAYOUT_WEAKREF = 1u << 27, // instances have a __weakref__ slot (tp_weaklistoffset != 0)
    // Called from the eval loop, this built-in type (exactly it, not inherited) may run the
    // Python side of its argument as frames of the loop (list(gen), map(f, it): see
    // stackless/builtins/builtins_drive.cpp).
    TF_DRIVES_PYTHON = 1u << 28,
};

// GC visitor of one type: calls tracer.visit on every Value / Object* the object holds.
using TraceFn = void (*)(Object* self, Tracer& tracer);
// Releases non-heap resources (GMP limbs, malloc'd memory) when the object dies.
using FinalizeFn = void (*)(Object* self);

struct TypeObject : Object {
    String* name = nullptr;     // __name__ (e.g. "int", "Point")
    String* qualname = nullptr; // __qualname__
    // CPython's tp_name for a native type defined in a module ("collections.deque"), which
    // messages print; null for builtins types and classes, whose tp_name is `name`.
    String* full_name = nullptr;
    TypeObject* base = nullptr; // __base__ (solid base for layout); null for object
    Tuple* bases = nullptr;     // __bases__
    Tuple* mro = nullptr;       // __mro__
    Dict* dict = nullptr;       // the namespace (__dict__)
    Object* subclasses = nullptr; // List of weakly-meant subclass TypeObjects, for slot updates
    Tuple* slot_names = nullptr;  // a class's own __slots__ members, mangled and sorted (null: none)
    uint32_t tflags = 0;
    uint32_t version = 0;       // bumped when the namespace of this type or a base changes

    // Layout of instances.
    uint32_t basicsize = 0;     // bytes of a fixed-size instance (0: not instantiable by size)
    uint32_t dict_offset = 0;   // offset of a Dict* __dict__ pointer, 0 when none
    // Classes append words to their built-in base's layout: the __dict__ pointer and the
    // __slots__ values, all in [extra_offset, basicsize) and all traced as Values.
    uint32_t extra_offset = 0;

    TraceFn trace = nullptr;
    TraceFn base_trace = nullptr; // for classes: the trace of the built-in layout below
    FinalizeFn finalize = nullptr;
    // Optional fast path for iter_next on this type's instances: the next item,
    // Value::stop_iteration() at the end (no exception), or null on error.
    Value (*iternext)(VM& vm, Value self) = nullptr;
    // The buffer protocol (CPython's tp_as_buffer; objects/buffer.h): null when the
    // instances export no buffer. Inherited by classes.
    BufferProcs const* buffer = nullptr;
    // cls(...) of exactly this type, instead of __new__ then __init__ (CPython's
    // tp_vectorcall: not inherited by subclasses, not used by an explicit cls.__new__).
    // args[0] is the class. Null for most types.
    NativeFn vectorcall = nullptr;

    Value slots[kNumSlots] = {};

    Value slot(Slot s) const { return slots[static_cast<int>(s)]; }
    bool has_flag(uint32_t f) const { return (tflags & f) != 0; }
    bool is_heap_type() const { return has_flag(TF_HEAPTYPE); }
};

// An instance of a subclass of an immutable built-in (see TF_BOXED_BASE): the built-in
// value is boxed at the start; the subclass's __dict__ and __slots__ follow.
struct BoxedValue : Object {
    Value base_value;
};

} // namespace slpy
