// Helpers on frames, generators and functions that frame.h / function.h do not declare
// (implemented in frame.cpp, generator.cpp, function.cpp).
#pragma once

#include "stackless/vm/frame.h"

namespace slpy {

// A new dict of a function frame's bound locals, cells dereferenced (f_locals, locals()).
Value frame_locals_snapshot(VM& vm, Frame* f);

// A new generator owning `frame` (name and qualname from the frame's code; the
// frame's gen link set and the frame marked captured). The frame should be in state
// Created, its ip at the instruction after RETURN_GENERATOR.
Generator* generator_new(VM& vm, Frame* frame);

// True when the generator cannot run any more (its frame finished or was closed).
bool generator_finished(Generator const* gen);

// Raises StopIteration for a generator that returned `returned` (no argument for None).
Value raise_generator_return(VM& vm, Value returned);

// The generator type's methods and layout; called by setup_frame_types.
void setup_generator_type(VM& vm);

} // namespace slpy
