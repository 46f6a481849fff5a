// BaseException and the built-in exception hierarchy (names in runtime.h's
// SLPY_EXCEPTION_TYPES). Subclass-specific attributes (StopIteration.value,
// SyntaxError.lineno, OSError.errno, ...) live in the instance __dict__, set by __init__.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"

namespace slpy {

struct BaseException : Object {
    Dict* dict;
    Tuple* args;
    Value traceback; // a Traceback object or None (null before first raise)
    Value cause;     // null = None
    Value context;   // null = None
    bool suppress_context;
};

// BaseException::flags (Object::flags). EXC_UNNORMALIZED: raised by native code from a
// bare value that CPython keeps unnormalized until an except/finally handler sees it
// (sys.exit(<tuple>)); the top level then reports that value, the args tuple, instead of
// the `code` an instance has. The eval loop clears it on entering a handler.
enum ExceptionFlags : uint32_t {
    EXC_UNNORMALIZED = 1u << 0,
};

BaseException* as_exception(Value v); // nullptr when v is not an exception instance
// Instantiates exception `type` with a single str argument (no Python __init__ is run
// for built-in types; subclasses go through a normal call).
Value exception_new(VM& vm, TypeObject* type, Tuple* args);
// str(e) as CPython's BaseException.__str__: "" / str(args[0]) / repr(args).
Value exception_str(VM& vm, Value exc);

} // namespace slpy
