// The pattern-matching instructions' work (GET_LEN, MATCH_MAPPING, MATCH_SEQUENCE,
// MATCH_KEYS, MATCH_CLASS), as CPython 3.11's ceval.c does it.
// Each may run Python code (__len__, get, __getattr__, __instancecheck__). Errors: a null
// Value or -1 with the exception pending.
#pragma once

#include "objects/runtime.h"

namespace slpy {

Value match_get_len(VM& vm, Value v);
// 1 when the subject's type counts as a mapping / sequence for a mapping / sequence pattern.
int match_is_mapping(VM& vm, Value v);
int match_is_sequence(VM& vm, Value v);
// A tuple of map.get(key) for each key, or None when one is missing.
Value match_keys(VM& vm, Value map, Value keys);
// A tuple of the `nargs` positional and then the keyword attributes, or None.
Value match_class(VM& vm, Value subject, Value cls, Value kwnames, uint32_t nargs);

} // namespace slpy
