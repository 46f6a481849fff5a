// Stack effect of one slpy instruction, shared by the code generator (to compute
// co_stacksize) and the VM's bytecode verifier.
#pragma once

#include "stackless/vm/opcodes.h"

namespace slpy::compiler {

// Net change of the value stack depth when `op` with argument `arg` executes.
// `jump` selects the effect on the branch-taken edge of a jumping instruction
// (FOR_ITER, SEND, JUMP_IF_*_OR_POP, ...); for non-jumping instructions it is ignored.
// Returns kInvalidStackEffect for CACHE and unknown opcodes.
inline constexpr int kInvalidStackEffect = 1 << 30;
int stack_effect(Op op, int arg, bool jump);

} // namespace slpy::compiler
