// Setup of the built-in types' methods, called by init_runtime() after every type object
// exists (types.* and exc::* are all allocated by then), in this order.
#pragma once

namespace slpy {

class VM;

void setup_object_and_type(VM& vm); // objects/type.cpp, objects/object_methods.cpp
void setup_int(VM& vm);             // objects/int.cpp (int and bool)
void setup_float(VM& vm);           // objects/float.cpp
void setup_complex(VM& vm);         // objects/complex.cpp
void setup_str(VM& vm);             // objects/str*.cpp
void setup_bytes(VM& vm);           // objects/bytes*.cpp (bytes, bytearray, memoryview)
void setup_tuple(VM& vm);           // objects/tuple.cpp
void setup_list(VM& vm);            // objects/list.cpp
void setup_dict(VM& vm);            // objects/dict.cpp (+ views, iterators)
void setup_set(VM& vm);             // objects/set.cpp (set, frozenset)
void setup_range_slice(VM& vm);     // objects/range.cpp, objects/slice.cpp
void setup_iterators(VM& vm);       // objects/iterators.cpp (seq/callable iterators, enumerate, zip, map, filter, reversed)
void setup_exceptions(VM& vm);      // objects/exceptions.cpp
void setup_descriptors(VM& vm);     // objects/descriptors.cpp (property, staticmethod, classmethod, super, getset)
void setup_mappingproxy(VM& vm);    // objects/mappingproxy.cpp
void setup_generic_alias(VM& vm);   // objects/generic_alias.cpp (types.GenericAlias, types.UnionType, X | Y)

} // namespace slpy
