// The dis module, and the conversion of a runtime Code object back to the compiler's
// CodeUnit (so the one formatter, compiler::dump_code, prints both `slpy --dis` and
// `dis.dis`).
#pragma once

#include "stackless/compiler/code_unit.h"

namespace slpy {

class VM;
struct Module;
struct Code;

Module* make_dis_module(VM& vm);

// Rebuilds the CodeUnit a Code was loaded from (nested code objects in co_consts
// included). A constant the CodeUnit cannot express (an object of another type, which
// only a hand-made code object holds) is kept as its repr, which is all the
// disassembler needs. False with an exception pending if a repr fails. The instructions
// are their families (the code as compiled) unless `adaptive`: then they are what the
// eval loop runs now, specialized forms included (dis's adaptive=True).
bool code_to_unit(VM& vm, Code const* code, compiler::CodeUnit& out, bool adaptive = false);

} // namespace slpy
