// Heap frames, generators and traceback entries.
//
// A Frame is one activation of a Code: its registers (instruction index, stack top), its
// links (caller, owning generator) and one inline array holding the locals, cells and
// the value stack. Frames are plain heap objects: a call allocates one and links it, a
// return unlinks it; the C stack is never involved, so any frame can be suspended at
// any instruction boundary and resumed later (generators, tasklets, pickling).
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"
#include "stackless/vm/code.h"
#include "stackless/vm/function.h"

#include <cstdint>

namespace slpy {

struct Generator;

// What happens to a frame's result when it returns (or to its yielded value when it
// yields), decided by whoever pushed the frame. This is how Python-level protocol calls
// made by instructions (calls, __init__, generators in for loops, ...) stay inside the
// eval loop instead of recursing in C++.
enum class ReturnMode : uint8_t {
    Push,       // push the result on the caller's value stack (CALL and friends)
    Init,       // __init__ called by a class call: result must be None; push frame->aux
    ForIterGen, // a generator resumed by FOR_ITER: a yield pushes the value; a return ends the loop
    SendGen,    // a generator resumed by SEND (yield from): a return pushes the value and jumps
    Discard,    // the result is dropped (__setitem__, __setattr__, __set__ of Python classes)
    ForIterNext, // a Python __next__ called by FOR_ITER: a StopIteration out of it ends the loop
    BinaryOp,   // an operator method run by BINARY_OP: NotImplemented continues the protocol
                // (aux: the BinaryStage); the operands stay on the caller's stack until then
    CompareOp,  // a rich comparison method run by COMPARE_OP, likewise (aux: the CompareStage)
    Slot,       // another special method run for an instruction (__bool__ by a jump, __iter__
                // by GET_ITER, __len__ by len(), ...): the result is checked as aux (a
                // ResultCheck) says, then the instruction at the caller's lasti uses it
    GetAttr,    // __getattribute__ or a descriptor run by LOAD_ATTR/LOAD_METHOD: the result is
                // pushed; an AttributeError out of it calls __getattr__ (aux: the object)
    New,        // a Python __new__ run by a class call: __init__ follows when the result is
                // an instance (aux: a tuple (class, kwnames or None, *call arguments))
    NextGen,    // a generator resumed by next()/send() called from the loop: a yield pushes
                // the value; a return raises StopIteration(value) at the call
    // The two modes of a bottom frame come last, so that a return tests for both at once
    // (mode >= Entry).
    Entry,      // entered from native code (vm.call): leave the eval loop with the result
    TaskletEnd, // the bottom frame of a (non-main) tasklet: its end goes to the scheduler
};

// How a ReturnMode::Slot return checks and converts the special method's result; the
// messages are the protocol's own (objects/abstract.cpp).
enum class ResultCheck : uint8_t {
    None,     // taken as it is (__neg__, __next__, ...)
    Truth,    // any object, tested for truth (__contains__)
    Bool,     // __bool__: must be a bool
    LenTruth, // __len__ for a truth test: a valid length, true when nonzero
    Len,      // __len__ for len(): a valid length, as an int
    Hash,     // __hash__ for hash(): an int, reduced to a hash value
    Iter,     // __iter__: must be an iterator
    Str,      // __str__: must be a str
    Repr,     // __repr__: must be a str
    Format,   // __format__: must be a str
};

enum class FrameState : uint8_t {
    Created,   // not started yet (a new generator)
    Running,   // on the running chain
    Suspended, // a generator frame stopped at a yield
    Done,      // returned or raised
};

struct Frame : Object {
    Code* code;
    Function* func;  // null for module, class and exec frames
    Dict* globals;
    Dict* builtins;
    Value locals;    // the mapping of LOAD_NAME/STORE_NAME (module, class, exec); null otherwise
    Frame* back;     // the caller while this frame is on the running chain; a captured
                     // frame keeps it after returning (f_back), capturing the caller too
    Generator* gen;  // the generator owning this frame, or null
    Value aux;       // data of the return mode (Init: the new instance)
    Value prev_exc;  // generator frames: the handled exception of the resumer
    uint32_t ip;     // index of the next instruction to run
    uint32_t lasti;  // index of the instruction being (or last) executed
    uint32_t stack_top; // index into localsplus one past the top of the value stack
    ReturnMode return_mode;
    FrameState state;
    bool captured;   // referenced from a traceback, generator or frame object
    Value localsplus[]; // code->nlocalsplus locals/cells/free vars, then the value stack

    Value* stack_base() { return localsplus + code->nlocalsplus; }
    int line() const { return code_line_at(code, lasti); }
};

// A new frame for `code`, its locals null and its stack empty.
Frame* frame_new(VM& vm, Code* code, Function* func, Dict* globals, Dict* builtins, Value locals);
// The frame that called `f` as Python code sees it (f_back, sys._getframe): frames of
// hidden code (CO_SLPY_HIDDEN: the built-ins' Python helpers) are skipped, as CPython's
// C built-ins leave no frame. Null at the bottom.
inline Frame* frame_visible_back(Frame const* f)
{
    Frame* b = f->back;
    while (b && (b->code->flags & CO_SLPY_HIDDEN))
        b = b->back;
    return b;
}

struct Generator : Object {
    Frame* frame;
    String* name;
    String* qualname;
    Value exc_state; // the exception being handled inside the generator while it is suspended
    bool running;
};

// One entry of a traceback (tb_next, tb_frame, tb_lasti, tb_lineno).
struct Traceback : Object {
    Value next; // Traceback or None
    Frame* frame;
    uint32_t lasti; // code unit index
    int lineno;
};

Traceback* traceback_new(VM& vm, Value next, Frame* frame, uint32_t lasti);

void setup_frame_types(VM& vm);

} // namespace slpy
