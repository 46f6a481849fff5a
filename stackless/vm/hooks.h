// Special methods of Python classes that the eval loop runs as frames of its own (return
// modes Slot and GetAttr, frame.h) instead of calling them through a nested loop.
//
// Each finder looks at one protocol step the way objects/abstract.cpp performs it and
// returns a Hook when that step would call a Python function: the function, its
// arguments and how its result must be checked. An empty Hook means the native protocol
// does the step (built-in types, native or unusual descriptors). The native protocol and
// the hooks share their result checks, so both give the same results and messages.
#pragma once

#include "objects/runtime.h"
#include "stackless/vm/frame.h"

namespace slpy {

struct Hook {
    Function* fn = nullptr;
    Value args[3];
    uint32_t nargs = 0;
    ResultCheck check = ResultCheck::None;

    explicit operator bool() const { return fn != nullptr; }
};

// type(self).<slot>(self[, arg]) when it is a Python function.
Hook hook_slot(Value self, Slot slot, ResultCheck check, Value arg = Value::null());
// A truth test: __bool__, or __len__ when the class has no __bool__.
Hook hook_truth(Value v);
// FORMAT_VALUE with `conversion` (0 none, 1 !s, 2 !r, 3 !a) and no format spec, or a
// spec with no conversion: __format__, __str__ or __repr__.
Hook hook_format_value(Value v, uint32_t conversion, Value spec);
// obj.name = value (value null: del obj.name): __setattr__/__delattr__ of the class, a
// property's fset/fdel or a descriptor's __set__/__delete__. Their result is dropped.
Hook hook_setattr(Value obj, String* name, Value value);
// obj.name for LOAD_ATTR/LOAD_METHOD: the attribute when no Python code has to run;
// not_found with `hook` set when a Python __getattribute__, property getter, descriptor
// __get__ or __getattr__ must run (`fallback`: an AttributeError out of it goes on to
// __getattr__); null on error.
Value hook_getattr(VM& vm, Value obj, String* name, Hook& hook, bool& fallback);
// A call of a built-in whose whole work is one special method (len, repr, iter, next,
// hash, abs, format, str, bool) with an argument whose method is a Python function.
Hook hook_builtin_call(Value callable, Value const* args, size_t nargs);
// True for the built-in next() (the loop turns next(channel) into a switching call).
bool is_builtin_next(Value callable);

// ---- built-ins that drive Python iterators and callables (list(gen), sorted(key=f),
// sum(gen), ", ".join(gen), ...). Called by the loop (on its switch path), they run the
// Python side as frames of the loop: stackless/builtins/builtins_drive.cpp.
// Their ids, in the intrinsic byte of BuiltinFunction::mflags (with METH_SWITCH set, so
// the loop's call paths send them to its switch path).
enum class DriveFn : uint8_t { None = 0, Sorted = 16, Min, Max, Sum, Any, All, Join };
DriveFn drive_fn_of(Value callable);
// Iterating x runs Python code: a generator, an object whose class defines __iter__ or
// __next__ as a Python function, or a lazy iterator (below) whose step runs Python code.
bool iterates_python(Value x);
// Calling f runs Python code first thing: a Python function, a method of one, a class
// statement's class, an instance whose class defines __call__ in Python.
bool calls_python(Value f);
// The lazy iterators whose steps the loop runs as frames (exactly these types): map,
// filter, enumerate, zip, reversed.
inline bool is_lazy_iter_type(TypeObject* t)
{
    return t == types.map || t == types.enumerate || t == types.zip || t == types.filter || t == types.reversed;
}
// FOR_ITER over one of them: when its step runs Python code, the frame that runs it in the
// loop (ReturnMode::ForIterNext: its result is the item, a StopIteration out of it ends the
// loop); otherwise null, with `item` the native step's result (the item,
// Value::stop_iteration() at the end, null on error).
Frame* lazy_iter_frame(VM& vm, Value it, Value& item);
// True for those built-ins and for the types flagged TF_DRIVES_PYTHON (list, tuple, ...).
bool is_drive_callable(Value callable);
// callable(*args) for the loop: a tail call into the built-in's Python side
// (Interpreter::tail_call: not_found, the frame handed to the loop) when Python code
// would run for it, the native call otherwise.
Value drive_call(VM& vm, Value callable, Value const* args, size_t nargs, Tuple* kwnames);
// gen.close() called straight from the loop (the generator suspended at a yield of its
// own): a tail call into its Python side, which throws GeneratorExit in as gen.throw()
// does from the loop (generator.cpp). not_found, or null on error.
Value drive_gen_close(VM& vm, Value gen);
// At start-up: the per-VM built-ins (in the builtins dict) and, once per process, the
// shared types and methods (str.join; TF_DRIVES_PYTHON).
void mark_drive_builtins(VM& vm, Dict* builtins);
void mark_drive_types(VM& rt);
// Once per process: the lazy iterators' __next__ (METH_SWITCH: from the loop, a step that
// runs Python code is a tail call into the loop).
void mark_drive_iterators(VM& rt);

// The result of a ReturnMode::Slot frame checked and converted as `check` says; null with
// the protocol's exception pending when it is wrong.
Value check_result(VM& vm, ResultCheck check, Value r);

// Marks the built-ins hook_builtin_call knows (at start-up, in the builtins dict).
void mark_builtin_intrinsics(VM& vm, Dict* builtins);

} // namespace slpy
