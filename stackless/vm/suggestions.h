// "Did you mean" suggestions for NameError and AttributeError, computed when the
// exception is printed, exactly as CPython 3.11's Python/suggestions.c.
#pragma once

#include "objects/runtime.h"

#include <cstddef>
#include <string_view>

namespace slpy {

// The name to suggest for `exc` (an exact NameError or AttributeError with its `name`
// attribute set), or nullptr. AttributeError candidates come from dir(exc.obj);
// NameError candidates from the innermost traceback frame's local variable names, then
// its globals, then its builtins. Never leaves an exception pending (a pending one is
// kept as it was).
String* offer_suggestions(VM& vm, Value exc);

// CPython's weighted Levenshtein distance over UTF-8 bytes (a substitution that only
// flips ASCII case costs 1, any other edit 2); returns max_cost + 1 as soon as the
// distance is known to exceed max_cost.
size_t suggestion_distance(std::string_view a, std::string_view b, size_t max_cost);

} // namespace slpy
