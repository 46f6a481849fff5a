// CFG clean-ups and assembly, following CPython 3.11's compile.c (optimize_cfg,
// duplicate_exits_without_lineno, propagate_line_numbers, stackdepth,
// label_exception_targets, assemble_jump_offsets, exception table).
#include "stackless/compiler/flowgraph.h"

#include <algorithm>

#include "stackless/compiler/stack_effect.h"

#include <cstring>
#include <stdexcept>

namespace slpy::compiler {

namespace {

constexpr int kMaxCopySize = 4;

bool is_uncond_jump(int op)
{
    return op == JUMP || op == JUMP_NO_INTERRUPT || op == op_code(Op::JUMP_FORWARD)
        || op == op_code(Op::JUMP_BACKWARD) || op == op_code(Op::JUMP_BACKWARD_NO_INTERRUPT);
}

bool is_scope_exit(int op)
{
    return op == op_code(Op::RETURN_VALUE) || op == op_code(Op::RAISE_VARARGS) || op == op_code(Op::RERAISE);
}

Instr* last_instr(Block* b) { return b->instrs.empty() ? nullptr : &b->instrs.back(); }

bool has_fallthrough(Block* b)
{
    Instr* last = last_instr(b);
    return !last || !(is_uncond_jump(last->op) || is_scope_exit(last->op));
}

bool is_exit_block(Block* b)
{
    Instr* last = last_instr(b);
    return last && is_scope_exit(last->op);
}

bool is_exit_without_lineno(Block* b)
{
    if (!is_exit_block(b))
        return false;
    for (auto const& i : b->instrs)
        if (i.loc.lineno >= 0)
            return false;
    return true;
}

// Skips empty blocks (a jump to an empty block goes to the next non-empty one).
Block* skip_empty(Block* b)
{
    while (b && b->instrs.empty() && b->next)
        b = b->next;
    return b;
}

int effect_of(int op, int arg, bool jump)
{
    switch (op) {
    case SETUP_FINALLY: return jump ? 1 : 0;
    case SETUP_CLEANUP: return jump ? 2 : 0;
    case SETUP_WITH: return jump ? 1 : 0;
    case POP_BLOCK:
    case JUMP:
    case JUMP_NO_INTERRUPT: return 0;
    default: return stack_effect(static_cast<Op>(op), arg, jump);
    }
}

// ---------------------------------------------------------------- peephole

bool jump_thread(Instr& inst, Instr const& target, int opcode)
{
    if ((inst.loc.lineno == target.loc.lineno || target.loc.lineno == -1) && inst.target != target.target) {
        inst.target = target.target;
        inst.op = opcode;
        return true;
    }
    return false;
}

// BUILD_TUPLE n preceded by n LOAD_CONSTs -> one LOAD_CONST of the tuple.
bool fold_tuple_on_constants(Block* bb, int i, ConstPool& consts)
{
    Instr& inst = bb->instrs[i];
    int n = inst.arg;
    if (i < n)
        return false;
    for (int k = i - n; k < i; k++)
        if (bb->instrs[k].op != op_code(Op::LOAD_CONST))
            return false;
    ConstValue tuple;
    tuple.kind = ConstValue::Kind::Tuple;
    for (int k = i - n; k < i; k++) {
        tuple.items.push_back(consts.values()[bb->instrs[k].arg]);
        bb->instrs[k].op = op_code(Op::NOP);
    }
    inst.op = op_code(Op::LOAD_CONST);
    inst.arg = consts.add(tuple);
    return true;
}

// A run of SWAPs (and NOPs) starting at bb->instrs[*ix] replaced by the fewest SWAPs with
// the same combined effect (CPython 3.11's swaptimize); *ix moves to the run's end.
void swaptimize(Block* bb, int* ix)
{
    Instr* ins = &bb->instrs[size_t(*ix)];
    int depth = ins[0].arg;
    int len = 0;
    bool more = false;
    int limit = static_cast<int>(bb->instrs.size()) - *ix;
    while (++len < limit) {
        int op = ins[len].op;
        if (op == op_code(Op::SWAP)) {
            depth = std::max(depth, ins[len].arg);
            more = true;
        } else if (op != op_code(Op::NOP)) {
            break;
        }
    }
    if (!more)
        return; // one SWAP is already optimal
    // Run the SWAPs on the stack {0, 1, ..., depth - 1} to get their permutation.
    std::vector<int> stack(static_cast<size_t>(depth));
    for (int i = 0; i < depth; i++)
        stack[size_t(i)] = i;
    for (int i = 0; i < len; i++) {
        if (ins[i].op == op_code(Op::SWAP)) {
            int arg = ins[i].arg;
            std::swap(stack[0], stack[size_t(arg - 1)]);
        }
    }
    // Rebuild it cycle by cycle, each cycle through position 0 (the only one SWAP
    // exchanges with), writing the SWAPs from the end of the run backwards.
    constexpr int kVisited = -1;
    int current = len - 1;
    for (int i = 0; i < depth; i++) {
        if (stack[size_t(i)] == kVisited || stack[size_t(i)] == i)
            continue;
        int j = i;
        for (;;) {
            if (j) {
                ins[current].op = op_code(Op::SWAP);
                ins[current--].arg = j + 1;
            }
            if (stack[size_t(j)] == kVisited)
                break;
            int next_j = stack[size_t(j)];
            stack[size_t(j)] = kVisited;
            j = next_j;
        }
    }
    while (0 <= current)
        ins[current--].op = op_code(Op::NOP);
    *ix += len - 1;
}

// Instructions that may be reordered with each other: no control flow, no arbitrary code,
// they only consume the top of the stack.
bool is_swappable(int op) { return op == op_code(Op::STORE_FAST) || op == op_code(Op::POP_TOP); }

int next_swappable_instruction(Block* bb, int i, int lineno)
{
    while (++i < static_cast<int>(bb->instrs.size())) {
        Instr const& in = bb->instrs[size_t(i)];
        // Reordering across lines would change which names are bound at a line event.
        if (0 <= lineno && in.loc.lineno != lineno)
            return -1;
        if (in.op == op_code(Op::NOP))
            continue;
        return is_swappable(in.op) ? i : -1;
    }
    return -1;
}

// SWAPs applied statically, by swapping the instructions after them (CPython 3.11's
// apply_static_swaps): SWAP 2, POP_TOP, STORE_FAST x becomes NOP, STORE_FAST x, POP_TOP.
void apply_static_swaps(Block* bb, int i)
{
    for (; 0 <= i; i--) {
        Instr& swap = bb->instrs[size_t(i)];
        if (swap.op != op_code(Op::SWAP)) {
            if (swap.op == op_code(Op::NOP) || is_swappable(swap.op))
                continue;
            return;
        }
        int j = next_swappable_instruction(bb, i, -1);
        if (j < 0)
            return;
        int k = j;
        int lineno = bb->instrs[size_t(j)].loc.lineno;
        for (int count = swap.arg - 1; 0 < count; count--) {
            k = next_swappable_instruction(bb, k, lineno);
            if (k < 0)
                return;
        }
        swap.op = op_code(Op::NOP);
        std::swap(bb->instrs[size_t(j)], bb->instrs[size_t(k)]);
    }
}

void optimize_basic_block(Block* bb, ConstPool& consts)
{
    Instr nop;
    nop.op = op_code(Op::NOP);
    for (int i = 0; i < static_cast<int>(bb->instrs.size()); i++) {
        Instr& inst = bb->instrs[i];
        int oparg = inst.arg;
        int nextop = i + 1 < static_cast<int>(bb->instrs.size()) ? bb->instrs[i + 1].op : -1;
        Instr* target = &nop;
        if (is_jump_op(inst.op) || is_block_push_op(inst.op)) {
            inst.target = skip_empty(inst.target);
            if (!inst.target->instrs.empty())
                target = &inst.target->instrs[0];
        }
        int op = inst.op;
        if (op == op_code(Op::LOAD_CONST)) {
            ConstValue const& cnt = consts.values()[oparg];
            if (nextop == op_code(Op::POP_JUMP_IF_FALSE) || nextop == op_code(Op::POP_JUMP_IF_TRUE)) {
                bool is_true = const_truthy(cnt);
                inst.op = op_code(Op::NOP);
                bool jump_if_true = nextop == op_code(Op::POP_JUMP_IF_TRUE);
                bb->instrs[i + 1].op = is_true == jump_if_true ? JUMP : op_code(Op::NOP);
            } else if (nextop == op_code(Op::JUMP_IF_FALSE_OR_POP) || nextop == op_code(Op::JUMP_IF_TRUE_OR_POP)) {
                bool is_true = const_truthy(cnt);
                bool jump_if_true = nextop == op_code(Op::JUMP_IF_TRUE_OR_POP);
                if (is_true == jump_if_true) {
                    bb->instrs[i + 1].op = JUMP;
                } else {
                    inst.op = op_code(Op::NOP);
                    bb->instrs[i + 1].op = op_code(Op::NOP);
                }
            } else if (nextop == op_code(Op::IS_OP) && i + 2 < static_cast<int>(bb->instrs.size())) {
                int jump_op = bb->instrs[i + 2].op;
                if (cnt.kind == ConstValue::Kind::None
                    && (jump_op == op_code(Op::POP_JUMP_IF_FALSE) || jump_op == op_code(Op::POP_JUMP_IF_TRUE))) {
                    int nextarg = bb->instrs[i + 1].arg;
                    inst.op = op_code(Op::NOP);
                    bb->instrs[i + 1].op = op_code(Op::NOP);
                    bool invert = (nextarg != 0) ^ (jump_op == op_code(Op::POP_JUMP_IF_FALSE));
                    bb->instrs[i + 2].op = invert ? op_code(Op::POP_JUMP_IF_NOT_NONE) : op_code(Op::POP_JUMP_IF_NONE);
                }
            }
        } else if (op == op_code(Op::BUILD_TUPLE)) {
            if (nextop == op_code(Op::UNPACK_SEQUENCE) && oparg == bb->instrs[i + 1].arg) {
                if (oparg == 1) {
                    inst.op = op_code(Op::NOP);
                    bb->instrs[i + 1].op = op_code(Op::NOP);
                    continue;
                }
                if (oparg == 2 || oparg == 3) {
                    inst.op = op_code(Op::NOP);
                    bb->instrs[i + 1].op = op_code(Op::SWAP);
                    continue;
                }
            }
            fold_tuple_on_constants(bb, i, consts);
        } else if (op == op_code(Op::JUMP_IF_FALSE_OR_POP) || op == op_code(Op::JUMP_IF_TRUE_OR_POP)) {
            bool on_false = op == op_code(Op::JUMP_IF_FALSE_OR_POP);
            int same_pop = on_false ? op_code(Op::POP_JUMP_IF_FALSE) : op_code(Op::POP_JUMP_IF_TRUE);
            int other_pop = on_false ? op_code(Op::POP_JUMP_IF_TRUE) : op_code(Op::POP_JUMP_IF_FALSE);
            int other_keep = on_false ? op_code(Op::JUMP_IF_TRUE_OR_POP) : op_code(Op::JUMP_IF_FALSE_OR_POP);
            if (target->op == same_pop) {
                i -= jump_thread(inst, *target, same_pop);
            } else if (target->op == JUMP || target->op == op) {
                i -= jump_thread(inst, *target, op);
            } else if (target->op == other_keep || target->op == other_pop) {
                if (inst.loc.lineno == target->loc.lineno && inst.target->next) {
                    inst.op = same_pop;
                    inst.target = inst.target->next;
                    --i;
                }
            }
        } else if (op == op_code(Op::POP_JUMP_IF_NOT_NONE) || op == op_code(Op::POP_JUMP_IF_NONE)
                   || op == op_code(Op::POP_JUMP_IF_FALSE) || op == op_code(Op::POP_JUMP_IF_TRUE) || op == JUMP) {
            if (target->op == JUMP)
                i -= jump_thread(inst, *target, op);
        } else if (op == op_code(Op::SWAP)) {
            if (oparg == 1) {
                inst.op = op_code(Op::NOP);
                continue;
            }
            swaptimize(bb, &i);
            apply_static_swaps(bb, i);
        } else if (op == op_code(Op::PUSH_NULL)) {
            if (nextop == op_code(Op::LOAD_GLOBAL) && (bb->instrs[i + 1].arg & 1) == 0) {
                inst.op = op_code(Op::NOP);
                inst.arg = 0;
                bb->instrs[i + 1].arg |= 1;
            }
        }
    }
}

// Removes NOPs, keeping those that are the only instruction of their line.
void clean_basic_block(Block* bb)
{
    std::vector<Instr>& ins = bb->instrs;
    size_t dest = 0;
    int prev_lineno = -1;
    for (size_t src = 0; src < ins.size(); src++) {
        int lineno = ins[src].loc.lineno;
        if (ins[src].op == op_code(Op::NOP)) {
            if (lineno < 0)
                continue;
            if (prev_lineno == lineno)
                continue;
            if (src + 1 < ins.size()) {
                int next_lineno = ins[src + 1].loc.lineno;
                if (next_lineno < 0) {
                    ins[src + 1].loc = ins[src].loc;
                    continue;
                }
                if (next_lineno == lineno)
                    continue;
            } else {
                Block* next = bb->next;
                while (next && next->instrs.empty())
                    next = next->next;
                if (next && lineno == next->instrs[0].loc.lineno)
                    continue;
            }
        }
        if (dest != src)
            ins[dest] = ins[src];
        dest++;
        prev_lineno = lineno;
    }
    ins.resize(dest);
}

void extend_block(Block* bb)
{
    Instr* last = last_instr(bb);
    if (!last)
        return;
    if (last->op != JUMP && last->op != op_code(Op::JUMP_FORWARD) && last->op != op_code(Op::JUMP_BACKWARD))
        return;
    Block* to_copy = last->target;
    if (is_exit_without_lineno(to_copy) && to_copy->instrs.size() <= kMaxCopySize) {
        last->op = op_code(Op::NOP);
        std::vector<Instr> copy = to_copy->instrs;
        bb->instrs.insert(bb->instrs.end(), copy.begin(), copy.end());
    }
}

void mark_reachable(Block* entry)
{
    for (Block* b = entry; b; b = b->next) {
        b->predecessors = 0;
        b->visited = false;
    }
    std::vector<Block*> stack { entry };
    entry->predecessors = 1;
    entry->visited = true;
    // Handlers set up in reachable code stay, even when nothing in their range can raise.
    for (Block* b = entry; b; b = b->next) {
        if (b->setup_reached && !b->visited) {
            b->visited = true;
            b->predecessors++;
            stack.push_back(b);
        }
    }
    while (!stack.empty()) {
        Block* b = stack.back();
        stack.pop_back();
        if (b->next && has_fallthrough(b)) {
            if (!b->next->visited) {
                b->next->visited = true;
                stack.push_back(b->next);
            }
            b->next->predecessors++;
        }
        for (auto& instr : b->instrs) {
            if (is_jump_op(instr.op) || is_block_push_op(instr.op)) {
                Block* target = instr.target;
                if (!target->visited) {
                    target->visited = true;
                    stack.push_back(target);
                }
                target->predecessors++;
            }
            if (instr.except) {
                if (!instr.except->visited) {
                    instr.except->visited = true;
                    stack.push_back(instr.except);
                }
                instr.except->predecessors++;
            }
        }
    }
}

void eliminate_empty_basic_blocks(Block* entry)
{
    for (Block* b = entry; b; b = b->next) {
        Block* next = b->next;
        if (next) {
            while (next->instrs.empty() && next->next)
                next = next->next;
            b->next = next;
        }
    }
    for (Block* b = entry; b; b = b->next)
        for (auto& instr : b->instrs)
            if (is_jump_op(instr.op) || is_block_push_op(instr.op))
                instr.target = skip_empty(instr.target);
}

void optimize_cfg(Graph& g, ConstPool& consts)
{
    Block* entry = g.entry();
    for (Block* b = entry; b; b = b->next) {
        optimize_basic_block(b, consts);
        clean_basic_block(b);
    }
    for (Block* b = entry; b; b = b->next)
        extend_block(b);
    mark_reachable(entry);
    for (Block* b = entry; b; b = b->next)
        if (b->predecessors == 0)
            b->instrs.clear();
    eliminate_empty_basic_blocks(entry);
    for (Block* b = entry; b; b = b->next)
        clean_basic_block(b);
    bool maybe_empty = false;
    for (Block* b = entry; b; b = b->next) {
        Instr* last = last_instr(b);
        if (last && (last->op == JUMP || last->op == JUMP_NO_INTERRUPT) && last->target == b->next) {
            last->op = op_code(Op::NOP);
            maybe_empty = true;
        }
    }
    if (maybe_empty)
        eliminate_empty_basic_blocks(entry);
}

void duplicate_exits_without_lineno(Graph& g)
{
    Block* entry = g.entry();
    mark_reachable(entry);
    for (Block* b = entry; b; b = b->next) {
        Instr* last = last_instr(b);
        if (last && is_jump_op(last->op)) {
            Block* target = last->target;
            if (is_exit_without_lineno(target) && target->predecessors > 1) {
                Block* copy = g.new_block();
                copy->instrs = target->instrs;
                copy->instrs[0].loc = last->loc;
                last->target = copy;
                target->predecessors--;
                copy->predecessors = 1;
                copy->next = target->next;
                target->next = copy;
            }
        }
    }
    for (Block* b = entry; b; b = b->next) {
        if (has_fallthrough(b) && b->next && !b->instrs.empty() && is_exit_without_lineno(b->next))
            b->next->instrs[0].loc = b->instrs.back().loc;
    }
}

void propagate_line_numbers(Block* entry)
{
    for (Block* b = entry; b; b = b->next) {
        if (b->instrs.empty())
            continue;
        Location prev = kNoLocation;
        for (auto& instr : b->instrs) {
            if (instr.loc.lineno < 0)
                instr.loc = prev;
            else
                prev = instr.loc;
        }
        if (has_fallthrough(b) && b->next && b->next->predecessors == 1 && !b->next->instrs.empty()) {
            if (b->next->instrs[0].loc.lineno < 0)
                b->next->instrs[0].loc = prev;
        }
        Instr* last = last_instr(b);
        if (is_jump_op(last->op)) {
            Block* target = last->target;
            if (target->predecessors == 1 && !target->instrs.empty() && target->instrs[0].loc.lineno < 0)
                target->instrs[0].loc = prev;
        }
    }
}

// CPython's guarantee_lineno_for_exits: a return block left without any line (the end of
// an artificial path, such as except*'s "nothing to re-raise") takes the line, without
// columns, of the code laid out before it.
void guarantee_lineno_for_exits(Block* entry)
{
    int lineno = -1;
    for (Block* b = entry; b; b = b->next) {
        Instr* last = last_instr(b);
        if (!last)
            continue;
        if (last->loc.lineno >= 0) {
            lineno = last->loc.lineno;
        } else if (last->op == op_code(Op::RETURN_VALUE) && lineno >= 0) {
            for (auto& instr : b->instrs)
                instr.loc = Location { lineno, lineno, -1, -1 };
        }
    }
}

// Computes every block's start depth (handlers included) and returns the maximum.
int stackdepth(Block* entry, bool use_handlers)
{
    for (Block* b = entry; b; b = b->next)
        if (!(use_handlers && b->except_handler))
            b->startdepth = -1;
    std::vector<Block*> stack;
    int maxdepth = 0;
    auto push = [&](Block* b, int depth) {
        if (b->startdepth < 0) {
            b->startdepth = depth;
            stack.push_back(b);
        } else if (b->startdepth != depth) {
            throw std::logic_error("inconsistent stack depth");
        }
    };
    entry->startdepth = 0;
    stack.push_back(entry);
    if (use_handlers) {
        for (Block* b = entry; b; b = b->next)
            if (b->except_handler && b->startdepth >= 0) {
                stack.push_back(b);
                if (b->startdepth > maxdepth)
                    maxdepth = b->startdepth;
            }
    }
    while (!stack.empty()) {
        Block* b = stack.back();
        stack.pop_back();
        int depth = b->startdepth;
        Block* next = b->next;
        for (auto& instr : b->instrs) {
            int effect = effect_of(instr.op, instr.arg, false);
            if (effect == kInvalidStackEffect)
                throw std::logic_error("invalid opcode in stack depth computation");
            int new_depth = depth + effect;
            if (new_depth < 0)
                throw std::logic_error("negative stack depth");
            maxdepth = std::max(maxdepth, new_depth);
            if (is_jump_op(instr.op) || is_block_push_op(instr.op)) {
                int target_depth = depth + effect_of(instr.op, instr.arg, true);
                maxdepth = std::max(maxdepth, target_depth);
                if (is_block_push_op(instr.op))
                    instr.target->except_handler = true;
                push(instr.target, target_depth);
            }
            depth = new_depth;
            if (is_uncond_jump(instr.op) || is_scope_exit(instr.op)) {
                next = nullptr;
                break;
            }
        }
        if (next)
            push(next, depth);
    }
    return maxdepth;
}

void label_exception_targets(Block* entry)
{
    using Stack = std::vector<Block*>;
    for (Block* b = entry; b; b = b->next)
        b->visited = false;
    std::vector<std::pair<Block*, Stack>> worklist;
    worklist.push_back({ entry, {} });
    entry->visited = true;
    while (!worklist.empty()) {
        auto [b, except_stack] = std::move(worklist.back());
        worklist.pop_back();
        Block* handler = except_stack.empty() ? nullptr : except_stack.back();
        for (auto& instr : b->instrs) {
            if (is_block_push_op(instr.op)) {
                if (!instr.target->visited) {
                    instr.target->visited = true;
                    worklist.push_back({ instr.target, except_stack });
                }
                if (instr.op == SETUP_WITH || instr.op == SETUP_CLEANUP)
                    instr.target->preserve_lasti = true;
                instr.target->setup_reached = true;
                except_stack.push_back(instr.target);
                handler = instr.target;
            } else if (instr.op == POP_BLOCK) {
                if (!except_stack.empty())
                    except_stack.pop_back();
                handler = except_stack.empty() ? nullptr : except_stack.back();
            } else if (is_jump_op(instr.op)) {
                instr.except = handler;
                if (!instr.target->visited) {
                    instr.target->visited = true;
                    worklist.push_back({ instr.target, except_stack });
                }
            } else {
                instr.except = handler;
            }
        }
        if (has_fallthrough(b) && b->next && !b->next->visited) {
            b->next->visited = true;
            worklist.push_back({ b->next, except_stack });
        }
    }
}

} // namespace

bool is_jump_op(int op)
{
    if (op == JUMP || op == JUMP_NO_INTERRUPT)
        return true;
    if (op >= kPseudoBase)
        return false;
    return (op_info(static_cast<Op>(op)).flags & F_JUMP) != 0;
}

bool is_block_push_op(int op) { return op == SETUP_FINALLY || op == SETUP_CLEANUP || op == SETUP_WITH; }

// ---------------------------------------------------------------- constants

std::string const_key(ConstValue const& v)
{
    std::string key(1, static_cast<char>('A' + static_cast<int>(v.kind)));
    switch (v.kind) {
    case ConstValue::Kind::Int:
        key += v.big.empty() ? std::to_string(v.i) : v.big;
        break;
    case ConstValue::Kind::Float:
    case ConstValue::Kind::Complex: {
        // The bits, so 0.0 and -0.0 stay distinct constants (CPython's _PyCode_ConstantKey).
        char buf[sizeof(double)];
        std::memcpy(buf, &v.f, sizeof buf);
        key.append(buf, sizeof buf);
        if (v.kind == ConstValue::Kind::Complex) {
            std::memcpy(buf, &v.re, sizeof buf);
            key.append(buf, sizeof buf);
        }
        break;
    }
    case ConstValue::Kind::Str:
    case ConstValue::Kind::Bytes:
        key += v.s;
        break;
    case ConstValue::Kind::Tuple:
    case ConstValue::Kind::FrozenSet:
        key += "(";
        for (auto const& item : v.items) {
            std::string k = const_key(item);
            key += std::to_string(k.size()) + ":" + k;
        }
        key += ")";
        break;
    case ConstValue::Kind::Code:
        key += std::to_string(reinterpret_cast<uintptr_t>(v.code.get()));
        break;
    default:
        break;
    }
    return key;
}

bool const_truthy(ConstValue const& v)
{
    switch (v.kind) {
    case ConstValue::Kind::None:
    case ConstValue::Kind::False: return false;
    case ConstValue::Kind::Int: return !v.big.empty() || v.i != 0;
    case ConstValue::Kind::Float:
    case ConstValue::Kind::Complex: return v.f != 0.0 || v.re != 0.0;
    case ConstValue::Kind::Str:
    case ConstValue::Kind::Bytes: return !v.s.empty();
    case ConstValue::Kind::Tuple:
    case ConstValue::Kind::FrozenSet: return !v.items.empty();
    default: return true;
    }
}

int ConstPool::add(ConstValue const& value)
{
    std::string key = const_key(value);
    auto it = m_index.find(key);
    if (it != m_index.end())
        return it->second;
    int index = static_cast<int>(m_values.size());
    m_values.push_back(value);
    m_index.emplace(std::move(key), index);
    return index;
}

// ---------------------------------------------------------------- graph

Graph::Graph()
{
    m_entry = new_block();
    m_current = m_entry;
}

Block* Graph::new_block()
{
    blocks.push_back(std::make_unique<Block>());
    return blocks.back().get();
}

void Graph::use_next_block(Block* block)
{
    block->next = m_current->next;
    m_current->next = block;
    m_current = block;
}

void Graph::add(int op, int arg, Block* target, Location const& loc)
{
    Instr* last = last_instr(m_current);
    if (last && (is_uncond_jump(last->op) || is_scope_exit(last->op) || is_jump_op(last->op)))
        use_next_block(new_block());
    Instr instr;
    instr.op = op;
    instr.arg = arg;
    instr.target = target;
    instr.loc = loc;
    m_current->instrs.push_back(instr);
}

bool Graph::current_ends_with_return() const
{
    Instr* last = last_instr(m_current);
    return last && last->op == op_code(Op::RETURN_VALUE);
}

// ---------------------------------------------------------------- assembly

Assembled assemble(Graph& g, ConstPool& consts, std::vector<Instr> const& prefix)
{
    Block* entry = g.entry();
    // Jumps to empty blocks go to the next non-empty block.
    for (Block* b = entry; b; b = b->next)
        for (auto& instr : b->instrs)
            if (instr.target)
                instr.target = skip_empty(instr.target);
    if (!prefix.empty())
        entry->instrs.insert(entry->instrs.begin(), prefix.begin(), prefix.end());

    // As CPython 3.11: depth and handler labelling first, then the SETUP_* / POP_BLOCK
    // pseudo-instructions become NOPs and the CFG is optimized.
    stackdepth(entry, false);
    label_exception_targets(entry);
    for (Block* b = entry; b; b = b->next)
        for (auto& instr : b->instrs)
            if (is_block_push_op(instr.op) || instr.op == POP_BLOCK) {
                instr.op = op_code(Op::NOP);
                instr.target = nullptr;
            }
    for (Block* b = entry; b; b = b->next)
        clean_basic_block(b);

    optimize_cfg(g, consts);
    duplicate_exits_without_lineno(g);
    mark_reachable(entry);
    propagate_line_numbers(entry);
    guarantee_lineno_for_exits(entry);

    Assembled out;
    // The final depth analysis runs over the real instructions only, entering each
    // handler at the depth its SETUP gave it.
    out.stacksize = stackdepth(entry, true);

    // Offsets.
    int offset = 0;
    for (Block* b = entry; b; b = b->next) {
        b->offset = offset;
        for (auto& instr : b->instrs)
            offset += 1 + op_info(static_cast<Op>(instr.op >= kPseudoBase ? 0 : instr.op)).cache_units;
    }
    for (Block* b = entry; b; b = b->next) {
        int pos = b->offset;
        for (auto& instr : b->instrs) {
            if (instr.op == JUMP || instr.op == JUMP_NO_INTERRUPT) {
                bool backward = instr.target->offset <= pos;
                if (instr.op == JUMP)
                    instr.op = op_code(backward ? Op::JUMP_BACKWARD : Op::JUMP_FORWARD);
                else
                    instr.op = op_code(backward ? Op::JUMP_BACKWARD_NO_INTERRUPT : Op::JUMP_FORWARD);
            }
            if (instr.target && is_jump_op(instr.op))
                instr.arg = instr.target->offset;
            Op op = static_cast<Op>(instr.op);
            Location loc = instr.loc;
            if (loc.lineno < 0)
                loc = Location { 0, 0, -1, -1 };
            int ncache = op_info(op).cache_units;
            out.code.push_back(make_word(op, static_cast<uint32_t>(instr.arg)));
            out.locations.push_back(loc);
            for (int k = 0; k < ncache; k++) {
                out.code.push_back(make_word(Op::CACHE));
                out.locations.push_back(loc);
            }
            // Exception table.
            uint32_t start = static_cast<uint32_t>(pos);
            uint32_t end = static_cast<uint32_t>(pos + 1 + ncache);
            if (instr.except) {
                Block* h = instr.except;
                uint32_t depth = static_cast<uint32_t>(h->startdepth - 1 - (h->preserve_lasti ? 1 : 0));
                auto& table = out.exception_table;
                if (!table.empty() && table.back().end == start && table.back().target == static_cast<uint32_t>(h->offset)
                    && table.back().depth == depth && table.back().lasti == h->preserve_lasti) {
                    table.back().end = end;
                } else {
                    table.push_back(ExceptionEntry { start, end, static_cast<uint32_t>(h->offset), depth, h->preserve_lasti });
                }
            }
            pos = static_cast<int>(end);
        }
    }
    return out;
}

} // namespace slpy::compiler
