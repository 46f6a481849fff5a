// Python functions (`def`, `lambda`) and closure cells.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"
#include "objects/string.h"
#include "stackless/vm/code.h"

namespace slpy {

struct Function : Object {
    Code* code;
    Dict* globals;
    Dict* builtins;   // the builtins namespace seen by the function's frames
    String* name;     // __name__
    String* qualname; // __qualname__
    Tuple* defaults;  // __defaults__, null when none
    Dict* kwdefaults; // __kwdefaults__, null when none
    Tuple* closure;   // cells for the code's free variables, null when none
    Dict* dict;       // __dict__ (lazily created)
    Value doc;        // __doc__
    Value module;     // __module__
    Value annotations; // __annotations__ (a dict, or null until asked for)
};

struct Cell : Object {
    Value ref; // null while empty
};

inline bool is_function(Value v) { return v.is_object() && v.as_object()->type == types.function; }

Function* function_new(VM& vm, Code* code, Dict* globals, Dict* builtins);
Cell* cell_new(VM& vm, Value v);

void setup_function_types(VM& vm);

} // namespace slpy
