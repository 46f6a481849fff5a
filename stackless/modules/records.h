// Record types that native modules return: struct sequences (sys.version_info,
// sys.flags, time.struct_time, ...) and types.SimpleNamespace (sys.implementation).
#pragma once

#include "objects/runtime.h"

#include <cstddef>
#include <initializer_list>

namespace slpy {

struct Dict;

// A struct sequence type named "module.name", as CPython's PyStructSequence: a tuple
// subclass whose items are the first `n_in_sequence` fields, each readable by name
// too; the remaining fields are attributes only (time.struct_time's tm_zone). Its repr
// is "module.name(field=value, ...)"; it can be built from a sequence
// (`time.struct_time((2024, 1, ...))`) and pickles by value. The type lives as long as
// the process. A type made with `instantiable` false refuses to be called from Python
// ("cannot create 'sys.flags' instances"), as sys.flags and sys.version_info do.
TypeObject* struct_seq_type(VM& vm, char const* module, char const* name,
                            std::initializer_list<char const*> fields, size_t n_in_sequence, bool instantiable = true);
// A new instance of a struct sequence type from all its field values (`n` of them; a
// missing trailing field is None).
Value struct_seq_new(VM& vm, TypeObject* type, Value const* values, size_t n);
// Field `i` of a struct sequence instance (None when unset).
Value struct_seq_get(VM& vm, Value seq, size_t i);

// types.SimpleNamespace (created on first use; the type lives as long as the process).
TypeObject* simple_namespace_type(VM& vm);
// A new namespace whose attributes are the entries of `attrs` (may be null).
Value simple_namespace_new(VM& vm, Dict* attrs);

} // namespace slpy
