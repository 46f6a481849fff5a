// Control-flow graph of one code object under construction, and its assembly into a
// CodeUnit's code words, locations and exception table.
//
// The code generator emits instructions into basic blocks, using the pseudo-instructions
// below for blocks of exception handling (as CPython 3.11's compile.c does). assemble()
// then runs CPython 3.11's CFG clean-ups (constant conditional jumps, jump threading,
// inlining of small exit blocks, dead code removal, NOP removal that keeps one
// instruction per line, line number propagation), computes the stack depth, labels
// exception handlers and lays the code out.
#pragma once

#include "stackless/compiler/code_unit.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace slpy::compiler {

// Pseudo opcodes (never reach a CodeUnit).
enum PseudoOp : int {
    kPseudoBase = 256,
    SETUP_FINALLY = kPseudoBase, // target: handler, which gets (exc)
    SETUP_CLEANUP,               // target: handler, which gets (lasti, exc)
    SETUP_WITH,                  // as SETUP_CLEANUP below an __exit__
    POP_BLOCK,
    JUMP,                        // JUMP_FORWARD or JUMP_BACKWARD
    JUMP_NO_INTERRUPT,           // JUMP_FORWARD or JUMP_BACKWARD_NO_INTERRUPT
};

inline constexpr int op_code(Op op) { return static_cast<int>(op); }

struct Block;

// Location with lineno < 0: not set yet ("artificial"); gets its neighbour's.
inline constexpr Location kNoLocation { -1, -1, -1, -1 };

struct Instr {
    int op = 0;
    int arg = 0;
    Block* target = nullptr;
    Location loc = kNoLocation;
    Block* except = nullptr; // innermost handler, set by label_exception_targets
};

struct Block {
    std::vector<Instr> instrs;
    Block* next = nullptr; // layout order
    int predecessors = 0;
    int startdepth = -1;
    int offset = 0;
    bool visited = false;
    bool except_handler = false;
    bool setup_reached = false; // target of a SETUP_* in reachable code
    bool preserve_lasti = false;
};

bool is_jump_op(int op);
bool is_block_push_op(int op);

// Interning pool of constants (co_consts): equal values (same type) share one index.
class ConstPool {
public:
    int add(ConstValue const& value);
    std::vector<ConstValue> const& values() const { return m_values; }
    std::vector<ConstValue>& values() { return m_values; }

private:
    std::vector<ConstValue> m_values;
    std::map<std::string, int> m_index;
};

// Identity key of a constant, as CPython's _PyCode_ConstantKey (1, 1.0 and True differ).
std::string const_key(ConstValue const& value);
// Truth value of a constant.
bool const_truthy(ConstValue const& value);

class Graph {
public:
    Graph();
    Block* new_block();
    Block* entry() const { return m_entry; }
    Block* current() const { return m_current; }
    // Links `block` after the current block in layout order and makes it current.
    void use_next_block(Block* block);
    // Appends an instruction to the current block, starting a new block first when the
    // current one ends with a jump or a scope exit.
    void add(int op, int arg, Block* target, Location const& loc);
    bool current_ends_with_return() const;

    std::vector<std::unique_ptr<Block>> blocks;

private:
    Block* m_entry;
    Block* m_current;
};

struct Assembled {
    std::vector<CodeWord> code;
    std::vector<Location> locations;
    std::vector<ExceptionEntry> exception_table;
    int stacksize = 0;
};

// Optimizes and lays out `graph`. `prefix` instructions (MAKE_CELL, COPY_FREE_VARS,
// RETURN_GENERATOR/POP_TOP) are put before everything else.
Assembled assemble(Graph& graph, ConstPool& consts, std::vector<Instr> const& prefix);

} // namespace slpy::compiler
