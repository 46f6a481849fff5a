// The eval loop: computed-goto dispatch over heap frames.
//
// Registers: f (the running frame), ip (next code unit), instr (the instruction being
// executed), sp (value stack top) and fast (f->localsplus). At every instruction boundary
// the loop writes f->stack_top, so the collector always sees exactly the live stack;
// everything else is written back (SAVE_FRAME) only when control may leave the frame:
// before calls into native code and when a frame is pushed or popped.
//
// A Python call links a new frame and continues here; RETURN_VALUE unlinks it and
// delivers the result according to the frame's ReturnMode. The loop only returns to its
// C++ caller when the frame it was entered with (an Entry frame) returns, yields or raises.
#include "stackless/vm/interpreter.h"

#include "objects/exceptions.h"
#include "scheduler/scheduler.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/slice.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/attr_cache.h"
#include "stackless/vm/call.h"
#include "stackless/vm/coroutine.h"
#include "stackless/vm/eval_support.h"
#include "stackless/vm/frame_api.h"
#include "stackless/vm/hooks.h"
#include "stackless/vm/match_support.h"
#include "stackless/vm/specialize.h"
#include "stackless/vm/str_builder.h"
#include "stackless/vm/exec_stats.h"

namespace slpy {

namespace {

// int op int on inline small ints without overflow, or null to take the slow path.
inline Value small_int_binop(Value a, Value b, uint32_t op)
{
    int64_t x = a.as_int(), y = b.as_int(), r;
    switch (static_cast<BinOpArg>(op)) {
    case BinOpArg::ADD:
    case BinOpArg::INPLACE_ADD: r = x + y; break;
    case BinOpArg::SUBTRACT:
    case BinOpArg::INPLACE_SUBTRACT: r = x - y; break;
    case BinOpArg::MULTIPLY:
    case BinOpArg::INPLACE_MULTIPLY:
        if (__builtin_mul_overflow(x, y, &r))
            return Value::null();
        break;
    case BinOpArg::AND:
    case BinOpArg::INPLACE_AND: r = x & y; break;
    case BinOpArg::OR:
    case BinOpArg::INPLACE_OR: r = x | y; break;
    case BinOpArg::XOR:
    case BinOpArg::INPLACE_XOR: r = x ^ y; break;
    case BinOpArg::FLOOR_DIVIDE:
    case BinOpArg::INPLACE_FLOOR_DIVIDE:
        if (y == 0)
            return Value::null();
        r = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            --r;
        break;
    case BinOpArg::REMAINDER:
    case BinOpArg::INPLACE_REMAINDER:
        if (y == 0)
            return Value::null();
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0)))
            r += y;
        break;
    default: return Value::null();
    }
    if (!Value::int_fits(r))
        return Value::null();
    return Value::small_int(r);
}

inline Value float_binop(double x, double y, uint32_t op)
{
    switch (static_cast<BinOpArg>(op)) {
    case BinOpArg::ADD:
    case BinOpArg::INPLACE_ADD: return Value::from_double(x + y);
    case BinOpArg::SUBTRACT:
    case BinOpArg::INPLACE_SUBTRACT: return Value::from_double(x - y);
    case BinOpArg::MULTIPLY:
    case BinOpArg::INPLACE_MULTIPLY: return Value::from_double(x * y);
    case BinOpArg::TRUE_DIVIDE:
    case BinOpArg::INPLACE_TRUE_DIVIDE:
        if (y == 0.0)
            return Value::null();
        return Value::from_double(x / y);
    default: return Value::null();
    }
}

template<typename T>
inline bool compare_op(T x, T y, uint32_t op)
{
    switch (static_cast<CmpArg>(op)) {
    case CmpArg::LT: return x < y;
    case CmpArg::LE: return x <= y;
    case CmpArg::EQ: return x == y;
    case CmpArg::NE: return x != y;
    case CmpArg::GT: return x > y;
    case CmpArg::GE: return x >= y;
    }
    return false;
}

// The callable and arguments of a Python-level call that the loop can run as a frame:
// a Function, or a bound method of one (self goes in front of the arguments, into the
// small buffer). False when `callable` is something else.
struct PyCall {
    Function* fn = nullptr;
    Value buffer[6];
    Value const* args = nullptr;
    size_t nargs = 0;
};

bool as_python_call(Value callable, Value const* args, size_t nargs, PyCall& out)
{
    if (is_function(callable)) {
        out.fn = callable.as<Function>();
        out.args = args;
        out.nargs = nargs;
        return true;
    }
    if (type_of(callable) == types.method && nargs < 5) {
        auto* m = callable.as<BoundMethod>();
        if (!is_function(m->func))
            return false;
        out.fn = m->func.as<Function>();
        out.buffer[0] = m->self;
        for (size_t i = 0; i < nargs; ++i)
            out.buffer[1 + i] = args[i];
        out.args = out.buffer;
        out.nargs = nargs + 1;
        return true;
    }
    return false;
}

// A frame leaving the running chain forgets its caller, except a captured one (Python
// code may hold it as a frame object): that keeps f_back, as a CPython frame object
// keeps its back frame object alive, so the caller is captured in turn and neither is
// recycled when it returns. Generator frames get a new caller at each resumption and
// keep none.
inline void unlink_caller(Frame* done)
{
    if (done->captured && !done->gen && done->back)
        done->back->captured = true;
    else
        done->back = nullptr;
}

// The slower fast paths live out of line, so that they do not weigh on the code the
// compiler makes for the hot instructions of run_frames.

// The truth of the exact built-in types whose truth is a size or a value; -1 for others.
[[gnu::noinline]] int quick_truth(Value v)
{
    if (v.is_int())
        return v.as_int() != 0;
    if (is_none(v))
        return 0;
    if (!v.is_object())
        return -1;
    TypeObject* vt = v.as_object()->type;
    if (vt == types.list)
        return v.as<List>()->size != 0;
    if (vt == types.tuple)
        return v.as<Tuple>()->size != 0;
    if (vt == types.str)
        return v.as<String>()->byte_length != 0;
    if (vt == types.dict)
        return v.as<Dict>()->used != 0;
    if (vt == types.set || vt == types.frozenset)
        return v.as<SetObject>()->used != 0;
    return -1;
}

// `item in container` for an exact set, frozenset or dict: 1/0, -1 with the error
// pending, -2 when the container is something else.
[[gnu::noinline]] int quick_contains(VM& vm, Value container, Value item)
{
    TypeObject* ct = type_of(container);
    if (ct == types.dict) {
        Value v = dict_get(vm, container.as<Dict>(), item);
        return v.is_null() ? -1 : !v.is_not_found();
    }
    if (ct == types.set || ct == types.frozenset)
        return set_contains(vm, container.as<SetObject>(), item);
    return -2;
}

// A class attribute that is no descriptor (AttrCacheKind::ClassAttr), or null when the
// instance dict shadows it or it became a descriptor.
[[gnu::noinline]] Value class_attr_load(Object* o, String* name)
{
    Dict* d = o->type->dict_offset ? *reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + o->type->dict_offset) : nullptr;
    if (d && dict_index_of_key(d, name) >= 0)
        return Value::null();
    // The version still matches, so the lookup finds what it found when the entry was
    // made; its type is checked again in case that type got a __get__.
    Value v = type_lookup(o->type, name);
    if (v.is_not_found() || !type_of(v)->slot(Slot::GET).is_null())
        return Value::null();
    return v;
}

} // namespace

// The one pop sequence: `done` (the innermost frame) leaves the running chain.
inline void Interpreter::pop_frame(Frame* done)
{
    current = done->back;
    unlink_caller(done);
    --depth;
}

// pop_frame for a generator's frame (a yield, or the call that made the generator),
// where unlink_caller always drops the link: generator frames keep no caller.
inline void pop_generator_frame(Interpreter& in, Frame* done)
{
    in.current = done->back;
    done->back = nullptr;
    --in.depth;
}

bool Interpreter::push_frame(Frame* frame, ReturnMode mode)
{
    if (depth >= recursion_limit) {
        raise(vm, exc::RecursionError, "maximum recursion depth exceeded");
        return false;
    }
    ++depth;
    SLPY_STAT(stats, FramesPushed);
    frame->back = current;
    frame->return_mode = mode;
    frame->state = FrameState::Running;
    current = frame;
    return true;
}

Value Interpreter::run_frames(Frame* entry, bool throwing)
{
    static void* const kLabels[] = {
#define OP(name, operand, cache, flags) &&op_##name,
#include "stackless/vm/opcodes.def"
#undef OP
    };

    Frame* f = entry;
    Code* co;
    CodeWord const* words;
    CodeWord const* ip;
    CodeWord const* instr;
    Value* fast;
    Value* sp;
    Value const* consts;
    Value const* cnames;
    CodeWord word;
    Tuple* kwnames = nullptr;
    // Set by RERAISE n: the lasti its handler saved, which the unwinding reports (pushes
    // for the next handler, leaves as the finished frame's f_lineno) as CPython does.
    int64_t reraise_lasti = -1;

    // Values shared by the call paths.
    Value callable;
    Value* args;
    size_t nargs;
    Value* result_slot;
    bool can_prepend;
    Tuple* call_kw;
    // Shared by the frame exit paths: the result and how the finished frame hands it on.
    Value retval;
    ReturnMode ret_mode;
    Value ret_aux;
    // The object a truth-testing instruction tests on its slow path (see truth_test).
    Value truth_operand;
    // VM::pending, polled at backward jumps and function entry (CHECK_PENDING).
    std::atomic<uint32_t> const* const pending_word = &vm.pending;

#define LOAD_FRAME()                              \
    do {                                          \
        co = f->code;                             \
        words = co->words();                      \
        ip = words + f->ip;                       \
        instr = words + f->lasti;                 \
        fast = f->localsplus;                     \
        sp = fast + f->stack_top;                 \
        consts = co->consts->items;               \
        cnames = co->names->items;                \
    } while (0)
#define SAVE_FRAME()                                   \
    do {                                               \
        f->ip = uint32_t(ip - words);                  \
        f->lasti = uint32_t(instr - words);            \
        f->stack_top = uint32_t(sp - fast);            \
    } while (0)
#if SLPY_STATS
    ExecStats* const xstats = stats;
#define COUNT_OP()                                     \
    do {                                               \
        if (xstats)                                    \
            ++xstats->op_count[word & 0xff];           \
    } while (0)
#define STAT(name) SLPY_STAT(xstats, name)
#define SPEC_STAT(array, w)                            \
    do {                                               \
        if (xstats)                                    \
            ++xstats->array[(w) & 0xff];               \
    } while (0)
#else
#define COUNT_OP() \
    do {           \
    } while (0)
#define STAT(name) SLPY_STAT(nullptr, name)
#define SPEC_STAT(array, w) \
    do {                    \
    } while (0)
#endif
#define DISPATCH()                                     \
    do {                                               \
        f->stack_top = uint32_t(sp - fast);            \
        instr = ip;                                    \
        word = *ip++;                                  \
        COUNT_OP();                                    \
        goto* kLabels[word & 0xff];                    \
    } while (0)
#define TARGET(name) op_##name:
// The poll for asynchronous requests (Ctrl-C; later preemption) at backward jumps and
// function entry, CPython's eval_breaker check: one test and branch on the hot path; the
// `pending` block handles the request with the frame saved at `instr`.
#define CHECK_PENDING()                                                      \
    do {                                                                     \
        if (pending_word->load(std::memory_order_relaxed) != 0) [[unlikely]] \
            goto pending;                                                    \
    } while (0)
// A jump to unit `target`; one that does not go forward is a check point (opcodes.def).
#define JUMP_TO(target)          \
    do {                         \
        ip = words + (target);   \
        if (ip <= instr)         \
            CHECK_PENDING();     \
    } while (0)
#define ARG (word >> 8)
// PEP 659 quickening (specialize.h). ADAPT(), first thing in the generic form of a family
// that quickens: counts the warm-up; when it is due, the family's specializer may rewrite
// the instruction, which then runs again in its specialized form; else the counter backs
// off and the generic form goes on.
#define ADAPT()                                                        \
    do {                                                               \
        CodeWord* counter_ = const_cast<CodeWord*>(instr) + 1;         \
        if (adaptive_counter_due(counter_)) [[unlikely]] {             \
            if (specialize(SITE(), f, sp, kwnames)) {                  \
                SPEC_STAT(spec_success, word);                         \
                ip = instr;                                            \
                DISPATCH();                                            \
            }                                                          \
            SPEC_STAT(spec_failure, word);                             \
            *counter_ = adaptive_counter_backoff(*counter_);           \
        }                                                              \
    } while (0)
// A specialized form's guard, checked before it changes anything: when it fails the
// instruction deopts (see `deopt`) and runs again as its family's generic form.
#define DEOPT_IF(cond)              \
    do {                            \
        if (cond) [[unlikely]]      \
            goto deopt;             \
    } while (0)
#define SITE() const_cast<CodeWord*>(instr)
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define NAME(i) (cnames[i].as<String>())
#define ENTER_FRAME(nf)  \
    do {                 \
        f = (nf);        \
        LOAD_FRAME();    \
        DISPATCH();      \
    } while (0)
// Runs a Python function as a frame of this loop: `frame_expr` builds and binds it
// (reading its arguments from the caller's stack), then the caller's stack is cut to
// `new_sp`, the frame gets `aux_value` for its return mode and is entered.
#define RUN_FRAME(frame_expr, new_sp, mode, aux_value) \
    do {                                               \
        Frame* nf_ = (frame_expr);                     \
        if (!nf_)                                      \
            goto error;                                \
        nf_->aux = (aux_value);                        \
        sp = (new_sp);                                 \
        SAVE_FRAME();                                  \
        if (!push_frame(nf_, (mode)))                  \
            goto error;                                \
        ENTER_FRAME(nf_);                              \
    } while (0)
// Runs the special method of a Hook (hooks.h) as a frame whose result goes back to the
// current instruction (ReturnMode::Slot).
#define RUN_SLOT(hook, new_sp)                                                                                  \
    RUN_FRAME(frame_for_call(vm, (hook).fn, (hook).args, (hook).nargs, nullptr), new_sp, ReturnMode::Slot, \
              Value::small_int(int64_t((hook).check)))

    if (!entry) [[unlikely]]
        goto resume_tasklet; // a new carrier's base run (Interpreter::run_carrier_base)
    LOAD_FRAME();
    if (throwing)
        goto error;
    DISPATCH();

    TARGET(CACHE)
    TARGET(NOP)
    DISPATCH();
    TARGET(RESUME)
    {
        CHECK_PENDING();
        DISPATCH();
    }

    // ------------------------------------------------------------------ stack
    TARGET(POP_TOP)
    {
        --sp;
        DISPATCH();
    }
    TARGET(PUSH_NULL)
    {
        PUSH(Value::null());
        DISPATCH();
    }
    TARGET(COPY)
    {
        Value v = sp[-int(ARG)];
        PUSH(v);
        DISPATCH();
    }
    TARGET(SWAP)
    {
        Value t = sp[-1];
        sp[-1] = sp[-int(ARG)];
        sp[-int(ARG)] = t;
        DISPATCH();
    }

    // ------------------------------------------------------------------ loads and stores
    TARGET(LOAD_CONST)
    {
        PUSH(consts[ARG]);
        DISPATCH();
    }
    TARGET(LOAD_FAST)
    {
        Value v = fast[ARG];
        if (v.is_null()) [[unlikely]] {
            eval_unbound_local(vm, co, ARG);
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_FAST__STR_BUILDER)
    {
        Value v = fast[ARG];
        if (v.is_null()) [[unlikely]] {
            eval_unbound_local(vm, co, ARG);
            goto error;
        }
        str_builder_count_load(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_FAST)
    {
        fast[ARG] = POP();
        DISPATCH();
    }
    TARGET(DELETE_FAST)
    {
        if (fast[ARG].is_null()) {
            eval_unbound_local(vm, co, ARG);
            goto error;
        }
        fast[ARG] = Value::null();
        DISPATCH();
    }
    TARGET(MAKE_CELL)
    {
        Cell* cell = cell_new(vm, fast[ARG]);
        if (!cell)
            goto error;
        fast[ARG] = Value::from_object(cell);
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE)
    {
        PUSH(fast[ARG]);
        DISPATCH();
    }
    TARGET(LOAD_DEREF)
    {
        Value v = fast[ARG].as<Cell>()->ref;
        if (v.is_null()) {
            eval_unbound_deref(vm, co, ARG);
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_CLASSDEREF)
    {
        SAVE_FRAME();
        Value v = eval_load_classderef(vm, f, ARG);
        if (v.is_null())
            goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_DEREF)
    {
        fast[ARG].as<Cell>()->ref = POP();
        DISPATCH();
    }
    TARGET(DELETE_DEREF)
    {
        Cell* c = fast[ARG].as<Cell>();
        if (c->ref.is_null()) {
            eval_unbound_deref(vm, co, ARG);
            goto error;
        }
        c->ref = Value::null();
        DISPATCH();
    }
    TARGET(COPY_FREE_VARS)
    {
        Tuple* closure = f->func->closure;
        uint32_t n = ARG;
        uint32_t offset = co->nlocalsplus - n;
        for (uint32_t i = 0; i < n; ++i)
            fast[offset + i] = closure->items[i];
        DISPATCH();
    }
    TARGET(LOAD_NAME)
    {
        SAVE_FRAME();
        Value v = eval_load_name(vm, f, NAME(ARG));
        if (v.is_null())
            goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_NAME)
    {
        SAVE_FRAME();
        Value v = POP();
        if (!eval_store_name(vm, f, NAME(ARG), v))
            goto error;
        DISPATCH();
    }
    TARGET(DELETE_NAME)
    {
        SAVE_FRAME();
        if (!eval_delete_name(vm, f, NAME(ARG)))
            goto error;
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL)
    {
        ip += 3;
        ADAPT();
        String* name = NAME(ARG >> 1);
        Value v = dict_get_str(vm, f->globals, name);
        if (v.is_null())
            goto error;
        if (v.is_not_found()) {
            v = dict_get_str(vm, f->builtins, name);
            if (v.is_null())
                goto error;
            if (v.is_not_found()) {
                eval_name_error(vm, name);
                goto error;
            }
        }
        if (ARG & 1)
            PUSH(Value::null());
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL__MODULE)
    {
        uint64_t ix = cache_read64(ip + 1);
        ip += 3;
        Dict* g = f->globals;
        DEOPT_IF(ix >= g->nentries || !g->entry_table()[ix].key.is(cnames[ARG >> 1]));
        if (ARG & 1)
            PUSH(Value::null());
        PUSH(g->entry_table()[ix].value);
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL__BUILTIN)
    {
        uint64_t c = cache_read64(ip + 1);
        ip += 3;
        // No global of that name was added since (a new key changes keys_version).
        DEOPT_IF((f->globals->keys_version & 0xffffffffffffull) != (c >> 16));
        Dict* b = f->builtins;
        uint64_t ix = c & 0xffff;
        DEOPT_IF(ix >= b->nentries || !b->entry_table()[ix].key.is(cnames[ARG >> 1]));
        if (ARG & 1)
            PUSH(Value::null());
        PUSH(b->entry_table()[ix].value);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL)
    {
        Value v = POP();
        if (!dict_set_str(vm, f->globals, NAME(ARG), v))
            goto error;
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL)
    {
        int r = dict_del(vm, f->globals, Value::from_object(NAME(ARG)));
        if (r < 0)
            goto error;
        if (r == 0) {
            eval_name_error(vm, NAME(ARG));
            goto error;
        }
        DISPATCH();
    }
    TARGET(LOAD_ATTR)
    {
        // The generic form keeps a refilled inline cache (attr_cache.h) after the counter,
        // so a site that sees several classes (and stays generic) is not slow.
        auto* cache = const_cast<CodeWord*>(ip) + 1;
        ip += 3;
        ADAPT();
        Value obj = TOP();
        if (obj.is_object()) {
            // The inline cache (attr_cache.h): a __slots__ member or an instance dict entry.
            // A miss (another class at this site) refills the entry and uses it at once.
            Object* o = obj.as_object();
            uint64_t c = attr_cache_read(cache);
            if (uint32_t(c) != o->type->version || c == 0) {
                c = attr_cache_entry(o, NAME(ARG), false);
                attr_cache_write(cache, c);
            }
            if (attr_cache_kind(c) == AttrCacheKind::Slot) {
                Value v = *reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + attr_cache_offset(c));
                if (!v.is_null()) {
                    sp[-1] = v;
                    DISPATCH();
                }
            } else if (attr_cache_kind(c) == AttrCacheKind::InstanceDict) {
                if (Dict* d = *reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + o->type->dict_offset)) {
                    // Instances of a class usually add their attributes in the same order:
                    // the entry index seen last is tried before hashing.
                    uint32_t ix = attr_cache_offset(c);
                    if (ix < d->nentries && d->entry_table()[ix].key.is(cnames[ARG])) {
                        sp[-1] = d->entry_table()[ix].value;
                        DISPATCH();
                    }
                    int64_t found = dict_index_of_key(d, NAME(ARG));
                    if (found >= 0) {
                        attr_cache_write(cache, attr_cache_with_offset(c, uint64_t(found)));
                        sp[-1] = d->entry_table()[found].value;
                        DISPATCH();
                    }
                }
            } else if (attr_cache_kind(c) == AttrCacheKind::ClassAttr) {
                Value v = class_attr_load(o, NAME(ARG));
                if (!v.is_null()) {
                    sp[-1] = v;
                    DISPATCH();
                }
            }
        }
        SAVE_FRAME();
        Hook h;
        bool fallback = false;
        Value v = hook_getattr(vm, obj, NAME(ARG), h, fallback);
        if (v.is_null())
            goto error;
        if (v.is_not_found())
            RUN_FRAME(frame_for_call(vm, h.fn, h.args, h.nargs, nullptr), sp - 1, fallback ? ReturnMode::GetAttr : ReturnMode::Push, obj);
        sp[-1] = v;
        DISPATCH();
    }
    // The LOAD_ATTR forms of an attr_cache.h entry: valid while the type keeps its version.
    TARGET(LOAD_ATTR__INSTANCE_VALUE)
    {
        auto* cache = const_cast<CodeWord*>(ip) + 1;
        ip += 3;
        Value obj = TOP();
        DEOPT_IF(!obj.is_object());
        Object* o = obj.as_object();
        uint64_t c = attr_cache_read(cache);
        DEOPT_IF(uint32_t(c) != o->type->version);
        Dict* d = *reinterpret_cast<Dict**>(reinterpret_cast<char*>(o) + o->type->dict_offset);
        DEOPT_IF(!d);
        // Instances of a class usually add their attributes in the same order: the entry
        // index seen last is tried before hashing.
        uint32_t ix = attr_cache_offset(c);
        if (ix >= d->nentries || !d->entry_table()[ix].key.is(cnames[ARG])) {
            int64_t found = dict_index_of_key(d, NAME(ARG));
            DEOPT_IF(found < 0);
            ix = uint32_t(found);
            attr_cache_write(cache, attr_cache_with_offset(c, ix));
        }
        sp[-1] = d->entry_table()[ix].value;
        DISPATCH();
    }
    TARGET(LOAD_ATTR__SLOT)
    {
        uint64_t c = attr_cache_read(ip + 1);
        ip += 3;
        Value obj = TOP();
        DEOPT_IF(!obj.is_object() || uint32_t(c) != obj.as_object()->type->version);
        Value v = *reinterpret_cast<Value*>(reinterpret_cast<char*>(obj.as_object()) + attr_cache_offset(c));
        DEOPT_IF(v.is_null());
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(LOAD_ATTR__CLASS)
    {
        uint64_t c = attr_cache_read(ip + 1);
        ip += 3;
        Value obj = TOP();
        DEOPT_IF(!obj.is_object() || uint32_t(c) != obj.as_object()->type->version);
        Value v = class_attr_load(obj.as_object(), NAME(ARG));
        DEOPT_IF(v.is_null());
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(LOAD_ATTR__MODULE)
    {
        uint64_t ix = cache_read64(ip + 1);
        ip += 3;
        Value obj = TOP();
        DEOPT_IF(type_of(obj) != types.module);
        Dict* d = obj.as<Module>()->dict;
        DEOPT_IF(!d || ix >= d->nentries || !d->entry_table()[ix].key.is(cnames[ARG]));
        sp[-1] = d->entry_table()[ix].value;
        DISPATCH();
    }
    TARGET(STORE_ATTR)
    {
        auto* cache = const_cast<CodeWord*>(ip) + 1;
        ip += 3;
        ADAPT();
        SAVE_FRAME();
        Value owner = sp[-1];
        Value v = sp[-2];
        if (owner.is_object()) {
            Object* o = owner.as_object();
            uint64_t c = attr_cache_read(cache);
            if (uint32_t(c) != o->type->version || c == 0) {
                c = attr_cache_entry(o, NAME(ARG), true);
                attr_cache_write(cache, c);
            }
            if (attr_cache_kind(c) == AttrCacheKind::Slot) {
                *reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + attr_cache_offset(c)) = v;
                sp -= 2;
                DISPATCH();
            } else if (attr_cache_kind(c) == AttrCacheKind::InstanceDict) {
                Dict* d = instance_dict(vm, o, true);
                if (!d)
                    goto error;
                uint32_t ix = attr_cache_offset(c);
                if (ix < d->nentries && d->entry_table()[ix].key.is(cnames[ARG])) {
                    d->entry_table()[ix].value = v; // as dict_set on an existing key
                } else {
                    if (!dict_set_str(vm, d, NAME(ARG), v))
                        goto error;
                    int64_t found = dict_index_of_key(d, NAME(ARG));
                    if (found >= 0)
                        attr_cache_write(cache, attr_cache_with_offset(c, uint64_t(found)));
                }
                sp -= 2;
                DISPATCH();
            }
        }
        if (Hook h = hook_setattr(owner, NAME(ARG), v))
            RUN_FRAME(frame_for_call(vm, h.fn, h.args, h.nargs, nullptr), sp - 2, ReturnMode::Discard, Value::null());
        if (!setattr(vm, owner, NAME(ARG), v))
            goto error;
        sp -= 2;
        DISPATCH();
    }
    TARGET(STORE_ATTR__INSTANCE_VALUE)
    {
        auto* cache = const_cast<CodeWord*>(ip) + 1;
        ip += 3;
        Value owner = sp[-1];
        DEOPT_IF(!owner.is_object());
        Object* o = owner.as_object();
        uint64_t c = attr_cache_read(cache);
        DEOPT_IF(uint32_t(c) != o->type->version);
        SAVE_FRAME();
        Dict* d = instance_dict(vm, o, true);
        if (!d)
            goto error;
        uint32_t ix = attr_cache_offset(c);
        if (ix < d->nentries && d->entry_table()[ix].key.is(cnames[ARG])) {
            d->entry_table()[ix].value = sp[-2]; // as dict_set on an existing key
        } else {
            if (!dict_set_str(vm, d, NAME(ARG), sp[-2]))
                goto error;
            int64_t found = dict_index_of_key(d, NAME(ARG));
            if (found >= 0)
                attr_cache_write(cache, attr_cache_with_offset(c, uint64_t(found)));
        }
        sp -= 2;
        DISPATCH();
    }
    TARGET(STORE_ATTR__SLOT)
    {
        uint64_t c = attr_cache_read(ip + 1);
        ip += 3;
        Value owner = sp[-1];
        DEOPT_IF(!owner.is_object() || uint32_t(c) != owner.as_object()->type->version);
        *reinterpret_cast<Value*>(reinterpret_cast<char*>(owner.as_object()) + attr_cache_offset(c)) = sp[-2];
        sp -= 2;
        DISPATCH();
    }
    TARGET(DELETE_ATTR)
    {
        SAVE_FRAME();
        if (Hook h = hook_setattr(TOP(), NAME(ARG), Value::null()))
            RUN_FRAME(frame_for_call(vm, h.fn, h.args, h.nargs, nullptr), sp - 1, ReturnMode::Discard, Value::null());
        if (!delattr(vm, TOP(), NAME(ARG)))
            goto error;
        --sp;
        DISPATCH();
    }
    TARGET(LOAD_METHOD)
    {
        ip += 3;
        ADAPT();
        SAVE_FRAME();
        Value obj = TOP();
        String* name = NAME(ARG);
        TypeObject* t = type_of(obj);
        // A plain method found on the type (not shadowed by the instance) is pushed
        // unbound with self, saving the bound-method object.
        if (t->slot(Slot::GETATTRIBUTE).is(types.object->slot(Slot::GETATTRIBUTE))) {
            Value descr = type_lookup(t, name);
            if (!descr.is_not_found()) {
                TypeObject* dt = type_of(descr);
                if (dt == types.function || (dt == types.method_descriptor && !(descr.as<BuiltinFunction>()->mflags & (METH_CLASS | METH_STATIC)))) {
                    Dict* d = obj.is_object() ? instance_dict(vm, obj.as_object(), false) : nullptr;
                    Value shadow = d ? dict_get_str(vm, d, name) : Value::not_found();
                    if (shadow.is_null())
                        goto error;
                    if (shadow.is_not_found()) {
                        STAT(LoadMethodPlain);
                        sp[-1] = descr;
                        PUSH(obj);
                        DISPATCH();
                    }
                }
            }
        }
        Hook h;
        bool fallback = false;
        STAT(LoadMethodGeneric);
        Value v = hook_getattr(vm, obj, name, h, fallback);
        if (v.is_null())
            goto error;
        sp[-1] = Value::null();
        if (v.is_not_found())
            RUN_FRAME(frame_for_call(vm, h.fn, h.args, h.nargs, nullptr), sp, fallback ? ReturnMode::GetAttr : ReturnMode::Push, obj);
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_METHOD__METHOD)
    {
        // A plain method found on a type of this version, not shadowed by the instance
        // (the type's method cache is asked again: replacing a class attribute keeps the
        // version, see type_attribute_replaced).
        uint64_t c = cache_read64(ip + 1);
        ip += 3;
        Value obj = TOP();
        TypeObject* t = type_of(obj);
        DEOPT_IF(t->version != uint32_t(c));
        Value descr = type_lookup(t, NAME(ARG));
        DEOPT_IF(descr.is_not_found());
        TypeObject* dt = type_of(descr);
        DEOPT_IF(dt != types.function &&
                 (dt != types.method_descriptor || (descr.as<BuiltinFunction>()->mflags & (METH_CLASS | METH_STATIC))));
        if (c >> 32) {
            if (Dict* d = *reinterpret_cast<Dict**>(reinterpret_cast<char*>(obj.as_object()) + t->dict_offset)) {
                SAVE_FRAME();
                Value shadow = dict_get_str(vm, d, NAME(ARG));
                if (shadow.is_null())
                    goto error;
                DEOPT_IF(!shadow.is_not_found());
            }
        }
        sp[-1] = descr;
        PUSH(obj);
        DISPATCH();
    }
    TARGET(LOAD_ASSERTION_ERROR)
    {
        PUSH(Value::from_object(exc::AssertionError));
        DISPATCH();
    }
    TARGET(LOAD_BUILD_CLASS)
    {
        Value v = dict_get_str(vm, f->builtins, names.__build_class__);
        if (v.is_null())
            goto error;
        if (v.is_not_found()) {
            raise(vm, exc::NameError, "__build_class__ not found");
            goto error;
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(SETUP_ANNOTATIONS)
    {
        SAVE_FRAME();
        if (!eval_setup_annotations(vm, f))
            goto error;
        DISPATCH();
    }

    // ------------------------------------------------------------------ operators
    TARGET(UNARY_POSITIVE)
    {
        SAVE_FRAME();
        if (Hook h = hook_slot(TOP(), Slot::POS, ResultCheck::None))
            RUN_SLOT(h, sp - 1);
        Value v = unary_positive(vm, TOP());
        if (v.is_null())
            goto error;
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(UNARY_NEGATIVE)
    {
        Value a = TOP();
        if (a.is_int() && a.as_int() != Value::kIntMin) {
            sp[-1] = Value::small_int(-a.as_int());
            DISPATCH();
        }
        if (a.is_double()) {
            sp[-1] = Value::from_double(-a.as_double());
            DISPATCH();
        }
        SAVE_FRAME();
        if (Hook h = hook_slot(a, Slot::NEG, ResultCheck::None))
            RUN_SLOT(h, sp - 1);
        Value v = unary_negative(vm, a);
        if (v.is_null())
            goto error;
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(UNARY_NOT)
    {
        Value a = TOP();
        if (a.is(py_true())) {
            sp[-1] = py_false();
            DISPATCH();
        }
        if (a.is(py_false()) || is_none(a)) {
            sp[-1] = py_true();
            DISPATCH();
        }
        truth_operand = POP();
        goto truth_test;
    }
    TARGET(UNARY_INVERT)
    {
        SAVE_FRAME();
        if (Hook h = hook_slot(TOP(), Slot::INVERT, ResultCheck::None))
            RUN_SLOT(h, sp - 1);
        Value v = unary_invert(vm, TOP());
        if (v.is_null())
            goto error;
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(BINARY_OP)
    {
        ip += 2;
        ADAPT();
        Value a = sp[-2], b = sp[-1];
        Value r;
        if (a.is_int() && b.is_int()) {
            r = small_int_binop(a, b, ARG);
            if (!r.is_null()) {
                STAT(BinaryOpInt);
                --sp;
                sp[-1] = r;
                DISPATCH();
            }
        } else if (a.is_double() && b.is_double()) {
            r = float_binop(a.as_double(), b.as_double(), ARG);
            if (!r.is_null()) {
                STAT(BinaryOpFloat);
                --sp;
                sp[-1] = r;
                DISPATCH();
            }
        }
        if ((ARG == uint32_t(BinOpArg::ADD) || ARG == uint32_t(BinOpArg::INPLACE_ADD)) && is_exact_str(a) && is_exact_str(b))
            goto binary_op_str;
        if (type_of(a)->is_heap_type() || type_of(b)->is_heap_type()) {
            // A Python operator method runs as a frame; see ReturnMode::BinaryOp.
            BinaryFirstStep step = binary_op_first_step(a, b, static_cast<BinOpArg>(ARG));
            if (is_function(step.method)) {
                STAT(BinaryOpPyFrame);
                Value pair[2] = { step.swapped ? b : a, step.swapped ? a : b };
                RUN_FRAME(frame_for_call(vm, step.method.as<Function>(), pair, 2, nullptr), sp, ReturnMode::BinaryOp,
                          Value::small_int(int64_t(step.stage)));
            }
        }
        STAT(BinaryOpGeneric);
        SAVE_FRAME();
        r = binary_op(vm, a, b, static_cast<BinOpArg>(ARG));
        if (r.is_null())
            goto error;
        --sp;
        sp[-1] = r;
        DISPATCH();
    }
    // The BINARY_OP forms: exact operand types; a result the form cannot make (a big int,
    // a division by zero) deopts, and the generic form does it.
    TARGET(BINARY_OP__ADD_INT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_int() || !b.is_int());
        int64_t r = a.as_int() + b.as_int();
        DEOPT_IF(!Value::int_fits(r));
        --sp;
        sp[-1] = Value::small_int(r);
        DISPATCH();
    }
    TARGET(BINARY_OP__SUB_INT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_int() || !b.is_int());
        int64_t r = a.as_int() - b.as_int();
        DEOPT_IF(!Value::int_fits(r));
        --sp;
        sp[-1] = Value::small_int(r);
        DISPATCH();
    }
    TARGET(BINARY_OP__MUL_INT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_int() || !b.is_int());
        int64_t r;
        DEOPT_IF(__builtin_mul_overflow(a.as_int(), b.as_int(), &r) || !Value::int_fits(r));
        --sp;
        sp[-1] = Value::small_int(r);
        DISPATCH();
    }
    TARGET(BINARY_OP__INT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_int() || !b.is_int());
        Value r = small_int_binop(a, b, ARG);
        DEOPT_IF(r.is_null());
        --sp;
        sp[-1] = r;
        DISPATCH();
    }
    TARGET(BINARY_OP__ADD_FLOAT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_double() || !b.is_double());
        --sp;
        sp[-1] = Value::from_double(a.as_double() + b.as_double());
        DISPATCH();
    }
    TARGET(BINARY_OP__SUB_FLOAT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_double() || !b.is_double());
        --sp;
        sp[-1] = Value::from_double(a.as_double() - b.as_double());
        DISPATCH();
    }
    TARGET(BINARY_OP__MUL_FLOAT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_double() || !b.is_double());
        --sp;
        sp[-1] = Value::from_double(a.as_double() * b.as_double());
        DISPATCH();
    }
    TARGET(BINARY_OP__FLOAT)
    {
        ip += 2;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_double() || !b.is_double());
        Value r = float_binop(a.as_double(), b.as_double(), ARG);
        DEOPT_IF(r.is_null());
        --sp;
        sp[-1] = r;
        DISPATCH();
    }
    TARGET(BINARY_OP__ADD_STR)
    {
        ip += 2;
        DEOPT_IF(!is_exact_str(sp[-2]) || !is_exact_str(sp[-1]));
        goto binary_op_str;
    }
    TARGET(BINARY_SUBSCR)
    {
        ip += 1;
        ADAPT();
        Value c = sp[-2], key = sp[-1];
        TypeObject* t = type_of(c);
        if (key.is_int()) {
            int64_t i = key.as_int();
            if (t == types.list) {
                List* l = c.as<List>();
                if (i < 0)
                    i += int64_t(l->size);
                if (i >= 0 && size_t(i) < l->size) {
                    STAT(SubscrListTuple);
                    --sp;
                    sp[-1] = l->items()[i];
                    DISPATCH();
                }
            } else if (t == types.tuple) {
                Tuple* tu = c.as<Tuple>();
                if (i < 0)
                    i += int64_t(tu->size);
                if (i >= 0 && size_t(i) < tu->size) {
                    STAT(SubscrListTuple);
                    --sp;
                    sp[-1] = tu->items[i];
                    DISPATCH();
                }
            }
        }
        if (t == types.dict) {
            SAVE_FRAME(); // __hash__/__eq__ of the key may run
            Value v = dict_get(vm, c.as<Dict>(), key);
            if (v.is_null())
                goto error;
            if (!v.is_not_found()) {
                STAT(SubscrDict);
                --sp;
                sp[-1] = v;
                DISPATCH();
            }
        }
        STAT(SubscrGeneric);
        Value gi = t->slot(Slot::GETITEM);
        if (is_function(gi))
            RUN_FRAME(frame_for_call(vm, gi.as<Function>(), sp - 2, 2, nullptr), sp - 2, ReturnMode::Push, Value::null());
        SAVE_FRAME();
        Value v = getitem(vm, c, key);
        if (v.is_null())
            goto error;
        --sp;
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR__LIST_INT)
    {
        ip += 1;
        Value c = sp[-2], key = sp[-1];
        DEOPT_IF(type_of(c) != types.list || !key.is_int());
        List* l = c.as<List>();
        int64_t i = key.as_int();
        if (i < 0)
            i += int64_t(l->size);
        DEOPT_IF(i < 0 || size_t(i) >= l->size);
        --sp;
        sp[-1] = l->items()[i];
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR__TUPLE_INT)
    {
        ip += 1;
        Value c = sp[-2], key = sp[-1];
        DEOPT_IF(type_of(c) != types.tuple || !key.is_int());
        Tuple* tu = c.as<Tuple>();
        int64_t i = key.as_int();
        if (i < 0)
            i += int64_t(tu->size);
        DEOPT_IF(i < 0 || size_t(i) >= tu->size);
        --sp;
        sp[-1] = tu->items[i];
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR__DICT)
    {
        ip += 1;
        Value c = sp[-2], key = sp[-1];
        DEOPT_IF(type_of(c) != types.dict);
        SAVE_FRAME(); // __hash__/__eq__ of the key may run
        Value v = dict_get(vm, c.as<Dict>(), key);
        if (v.is_not_found())
            v = getitem(vm, c, key); // the KeyError
        if (v.is_null())
            goto error;
        --sp;
        sp[-1] = v;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR)
    {
        ip += 1;
        ADAPT();
        Value key = sp[-1], c = sp[-2], v = sp[-3];
        TypeObject* t = type_of(c);
        if (t == types.list && key.is_int()) {
            List* l = c.as<List>();
            int64_t i = key.as_int();
            if (i < 0)
                i += int64_t(l->size);
            if (i >= 0 && size_t(i) < l->size) {
                STAT(StoreSubscrList);
                l->items()[i] = v;
                sp -= 3;
                DISPATCH();
            }
        }
        if (t == types.dict) {
            SAVE_FRAME(); // __hash__/__eq__ of the key may run
            STAT(StoreSubscrDict);
            if (!dict_set(vm, c.as<Dict>(), key, v))
                goto error;
            sp -= 3;
            DISPATCH();
        }
        STAT(StoreSubscrGeneric);
        Value si = t->slot(Slot::SETITEM);
        if (is_function(si)) {
            Value a[3] = { c, key, v };
            RUN_FRAME(frame_for_call(vm, si.as<Function>(), a, 3, nullptr), sp - 3, ReturnMode::Discard, Value::null());
        }
        SAVE_FRAME();
        if (!setitem(vm, c, key, v))
            goto error;
        sp -= 3;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR__LIST_INT)
    {
        ip += 1;
        Value key = sp[-1], c = sp[-2];
        DEOPT_IF(type_of(c) != types.list || !key.is_int());
        List* l = c.as<List>();
        int64_t i = key.as_int();
        if (i < 0)
            i += int64_t(l->size);
        DEOPT_IF(i < 0 || size_t(i) >= l->size);
        l->items()[i] = sp[-3];
        sp -= 3;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR__DICT)
    {
        ip += 1;
        DEOPT_IF(type_of(sp[-2]) != types.dict);
        SAVE_FRAME(); // __hash__/__eq__ of the key may run
        if (!dict_set(vm, sp[-2].as<Dict>(), sp[-1], sp[-3]))
            goto error;
        sp -= 3;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR)
    {
        SAVE_FRAME();
        if (Hook h = hook_slot(sp[-2], Slot::DELITEM, ResultCheck::None, sp[-1]))
            RUN_FRAME(frame_for_call(vm, h.fn, h.args, h.nargs, nullptr), sp - 2, ReturnMode::Discard, Value::null());
        if (!delitem(vm, sp[-2], sp[-1]))
            goto error;
        sp -= 2;
        DISPATCH();
    }
    TARGET(COMPARE_OP)
    {
        ip += 1;
        ADAPT();
        Value a = sp[-2], b = sp[-1];
        if (a.is_int() && b.is_int()) {
            STAT(CompareOpInt);
            --sp;
            sp[-1] = py_bool(compare_op(a.as_int(), b.as_int(), ARG));
            DISPATCH();
        }
        if (a.is_double() && b.is_double()) {
            STAT(CompareOpFloat);
            --sp;
            sp[-1] = py_bool(compare_op(a.as_double(), b.as_double(), ARG));
            DISPATCH();
        }
        if (type_of(a)->is_heap_type() || type_of(b)->is_heap_type()) {
            // A Python comparison method runs as a frame; see ReturnMode::CompareOp.
            CompareFirstStep step = compare_first_step(a, b, static_cast<CmpArg>(ARG));
            if (is_function(step.method)) {
                Value pair[2] = { step.swapped ? b : a, step.swapped ? a : b };
                RUN_FRAME(frame_for_call(vm, step.method.as<Function>(), pair, 2, nullptr), sp, ReturnMode::CompareOp,
                          Value::small_int(int64_t(step.stage)));
            }
        }
        STAT(CompareOpGeneric);
        SAVE_FRAME();
        Value r = rich_compare(vm, a, b, static_cast<CmpArg>(ARG));
        if (r.is_null())
            goto error;
        --sp;
        sp[-1] = r;
        DISPATCH();
    }
    TARGET(COMPARE_OP__INT)
    {
        ip += 1;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_int() || !b.is_int());
        --sp;
        sp[-1] = py_bool(compare_op(a.as_int(), b.as_int(), ARG));
        DISPATCH();
    }
    TARGET(COMPARE_OP__FLOAT)
    {
        ip += 1;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!a.is_double() || !b.is_double());
        --sp;
        sp[-1] = py_bool(compare_op(a.as_double(), b.as_double(), ARG));
        DISPATCH();
    }
    TARGET(COMPARE_OP__STR)
    {
        ip += 1;
        Value a = sp[-2], b = sp[-1];
        DEOPT_IF(!is_exact_str(a) || !is_exact_str(b));
        bool eq = a.is(b) || str_equal(a.as<String>(), b.as<String>());
        --sp;
        sp[-1] = py_bool(eq == (ARG == uint32_t(CmpArg::EQ)));
        DISPATCH();
    }
    TARGET(IS_OP)
    {
        bool r = sp[-2].is(sp[-1]);
        --sp;
        sp[-1] = py_bool(r != (ARG != 0));
        DISPATCH();
    }
    TARGET(CONTAINS_OP)
    {
        SAVE_FRAME(); // __hash__/__eq__ of the item may run
        if (int r = quick_contains(vm, sp[-1], sp[-2]); r != -2) {
            // The exact built-in hashed containers: straight to the table lookup.
            if (r < 0)
                goto error;
            --sp;
            sp[-1] = py_bool((r != 0) != (ARG != 0));
            DISPATCH();
        }
        if (Hook h = hook_slot(sp[-1], Slot::CONTAINS, ResultCheck::Truth, sp[-2]))
            RUN_SLOT(h, sp - 2);
        int r = contains(vm, sp[-1], sp[-2]);
        if (r < 0)
            goto error;
        --sp;
        sp[-1] = py_bool((r != 0) != (ARG != 0));
        DISPATCH();
    }

    // ------------------------------------------------------------------ building
    TARGET(BUILD_TUPLE)
    {
        uint32_t n = ARG;
        Tuple* t = tuple_from_array(vm, sp - n, n);
        if (!t)
            goto error;
        sp -= n;
        PUSH(Value::from_object(t));
        DISPATCH();
    }
    TARGET(BUILD_LIST)
    {
        uint32_t n = ARG;
        List* l = list_from_array(vm, sp - n, n);
        if (!l)
            goto error;
        sp -= n;
        PUSH(Value::from_object(l));
        DISPATCH();
    }
    TARGET(BUILD_SET)
    {
        uint32_t n = ARG;
        SAVE_FRAME();
        Value s = set_new(vm);
        if (s.is_null())
            goto error;
        for (uint32_t i = 0; i < n; ++i)
            if (!set_add(vm, s.as<SetObject>(), sp[-int(n) + int(i)]))
                goto error;
        sp -= n;
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_MAP)
    {
        uint32_t n = ARG;
        SAVE_FRAME();
        Dict* d = dict_new(vm);
        if (!d)
            goto error;
        for (uint32_t i = 0; i < n; ++i)
            if (!dict_set(vm, d, sp[-2 * int(n) + 2 * int(i)], sp[-2 * int(n) + 2 * int(i) + 1]))
                goto error;
        sp -= 2 * n;
        PUSH(Value::from_object(d));
        DISPATCH();
    }
    TARGET(BUILD_CONST_KEY_MAP)
    {
        uint32_t n = ARG;
        SAVE_FRAME();
        Tuple* keys = sp[-1].as<Tuple>();
        Dict* d = dict_new(vm);
        if (!d)
            goto error;
        for (uint32_t i = 0; i < n; ++i)
            if (!dict_set(vm, d, keys->items[i], sp[-1 - int(n) + int(i)]))
                goto error;
        sp -= n + 1;
        PUSH(Value::from_object(d));
        DISPATCH();
    }
    TARGET(BUILD_STRING)
    {
        uint32_t n = ARG;
        Value s = eval_build_string(vm, sp - n, n);
        if (s.is_null())
            goto error;
        sp -= n;
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_SLICE)
    {
        uint32_t n = ARG;
        Value step = n == 3 ? POP() : py_none();
        Value stop = POP();
        Value start = TOP();
        Value s = slice_new(vm, start, stop, step);
        if (s.is_null())
            goto error;
        sp[-1] = s;
        DISPATCH();
    }
    TARGET(LIST_APPEND)
    {
        Value v = POP();
        if (!list_append(vm, sp[-int(ARG)].as<List>(), v))
            goto error;
        DISPATCH();
    }
    TARGET(SET_ADD)
    {
        SAVE_FRAME();
        Value v = POP();
        if (!set_add(vm, sp[-int(ARG)].as<SetObject>(), v))
            goto error;
        DISPATCH();
    }
    TARGET(MAP_ADD)
    {
        SAVE_FRAME();
        Value v = POP();
        Value k = POP();
        if (!dict_set(vm, sp[-int(ARG)].as<Dict>(), k, v))
            goto error;
        DISPATCH();
    }
    TARGET(LIST_EXTEND)
    {
        SAVE_FRAME();
        Value it = TOP();
        if (!eval_list_extend(vm, sp[-1 - int(ARG)], it))
            goto error;
        --sp;
        DISPATCH();
    }
    TARGET(SET_UPDATE)
    {
        SAVE_FRAME();
        Value it = TOP();
        if (!set_update(vm, sp[-1 - int(ARG)].as<SetObject>(), it))
            goto error;
        --sp;
        DISPATCH();
    }
    TARGET(DICT_UPDATE)
    {
        SAVE_FRAME();
        Value u = TOP();
        if (!eval_dict_update(vm, sp[-1 - int(ARG)], u))
            goto error;
        --sp;
        DISPATCH();
    }
    TARGET(DICT_MERGE)
    {
        SAVE_FRAME();
        Value u = TOP();
        if (!eval_dict_merge(vm, sp[-1 - int(ARG) - 2], sp[-1 - int(ARG)], u))
            goto error;
        --sp;
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE)
    {
        List* l = TOP().as<List>();
        Tuple* t = tuple_from_array(vm, l->items(), l->size);
        if (!t)
            goto error;
        sp[-1] = Value::from_object(t);
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE)
    {
        ip += 1;
        ADAPT();
        uint32_t n = ARG;
        Value seq = TOP();
        {
            // An exact tuple or list of the right length: copied here, top first
            // (nothing allocates, so the items stay where they are).
            TypeObject* st = type_of(seq);
            Value const* items = nullptr;
            size_t size = 0;
            if (st == types.tuple) {
                items = seq.as<Tuple>()->items;
                size = seq.as<Tuple>()->size;
            } else if (st == types.list) {
                items = seq.as<List>()->items();
                size = seq.as<List>()->size;
            }
            if (items && size == n) {
                STAT(UnpackTupleList);
                --sp;
                for (uint32_t i = n; i-- > 0;)
                    PUSH(items[i]);
                DISPATCH();
            }
        }
        STAT(UnpackGeneric);
        SAVE_FRAME();
        // The collector must see the items as they are written above the old top.
        for (uint32_t i = 1; i < n; ++i)
            sp[i - 1] = py_none();
        if (n > 1)
            f->stack_top = uint32_t(sp - fast) + n - 1;
        if (!eval_unpack(vm, seq, n, -1, sp - 1))
            goto error;
        sp += int(n) - 1;
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE__TWO_TUPLE)
    {
        ip += 1;
        Value seq = TOP();
        DEOPT_IF(type_of(seq) != types.tuple || seq.as<Tuple>()->size != 2);
        sp[-1] = seq.as<Tuple>()->items[1];
        PUSH(seq.as<Tuple>()->items[0]);
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE__TUPLE)
    {
        ip += 1;
        Value seq = TOP();
        DEOPT_IF(type_of(seq) != types.tuple || seq.as<Tuple>()->size != ARG);
        Value const* items = seq.as<Tuple>()->items;
        --sp;
        for (uint32_t i = ARG; i-- > 0;)
            PUSH(items[i]);
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE__LIST)
    {
        ip += 1;
        Value seq = TOP();
        DEOPT_IF(type_of(seq) != types.list || seq.as<List>()->size != ARG);
        Value const* items = seq.as<List>()->items();
        --sp;
        for (uint32_t i = ARG; i-- > 0;)
            PUSH(items[i]);
        DISPATCH();
    }
    TARGET(UNPACK_EX)
    {
        SAVE_FRAME();
        uint32_t before = ARG & 0xff;
        int32_t after = int32_t(ARG >> 8);
        Value seq = TOP();
        uint32_t total = before + 1 + uint32_t(after);
        for (uint32_t i = 1; i < total; ++i)
            sp[i - 1] = py_none();
        f->stack_top = uint32_t(sp - fast) + total - 1;
        if (!eval_unpack(vm, seq, before, after, sp - 1))
            goto error;
        sp += int(before) + after;
        DISPATCH();
    }
    TARGET(FORMAT_VALUE)
    {
        SAVE_FRAME();
        uint32_t a = ARG;
        Value spec = (a & 4) ? POP() : Value::null();
        if (Hook h = hook_format_value(TOP(), a & 3, spec))
            RUN_SLOT(h, sp - 1);
        Value v = eval_format_value(vm, TOP(), a & 3, spec);
        if (v.is_null())
            goto error;
        sp[-1] = v;
        DISPATCH();
    }

    // ------------------------------------------------------------------ control flow
    TARGET(JUMP_FORWARD)
    TARGET(JUMP_BACKWARD_NO_INTERRUPT)
    {
        ip = words + ARG;
        DISPATCH();
    }
    TARGET(JUMP_BACKWARD)
    {
        ip = words + ARG;
        CHECK_PENDING();
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE)
    {
        Value v = POP();
        if (v.is(py_false()))
            JUMP_TO(ARG);
        else if (!v.is(py_true())) {
            truth_operand = v;
            goto truth_test;
        }
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE)
    {
        Value v = POP();
        if (v.is(py_true()))
            JUMP_TO(ARG);
        else if (!v.is(py_false())) {
            truth_operand = v;
            goto truth_test;
        }
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_NONE)
    {
        if (is_none(POP()))
            JUMP_TO(ARG);
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_NOT_NONE)
    {
        if (!is_none(POP()))
            JUMP_TO(ARG);
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP)
    TARGET(JUMP_IF_TRUE_OR_POP)
    {
        truth_operand = TOP(); // stays on the stack when the instruction jumps
        goto truth_test;
    }
    TARGET(GET_ITER)
    {
        SAVE_FRAME();
        if (Hook h = hook_slot(TOP(), Slot::ITER, ResultCheck::Iter))
            RUN_SLOT(h, sp - 1);
        Value it = get_iter(vm, TOP());
        if (it.is_null())
            goto error;
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(FOR_ITER)
    {
        ip += 1;
        ADAPT();
        Value it = TOP();
        TypeObject* t = type_of(it);
        if (t == types.generator)
            goto for_iter_gen;
        Value v;
        if (t == types.range_iterator) {
            // range(): counted here (CPython's FOR_ITER_RANGE); big ranges take the call.
            auto* ri = it.as<RangeIterator>();
            if (!ri->big) {
                if (ri->remaining <= 0) {
                    --sp;
                    ip = words + ARG;
                    DISPATCH();
                }
                int64_t x = ri->next;
                if (Value::int_fits(x)) {
                    STAT(ForIterRange);
                    ri->remaining--;
                    ri->next = static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(ri->step));
                    PUSH(Value::small_int(x));
                    DISPATCH();
                }
            }
        }
        if (t == types.list_iterator || t == types.tuple_iterator) {
            STAT(ForIterList);
            v = t->iternext(vm, it); // runs no Python code: nothing to save
            goto for_iter_got;
        }
        STAT(ForIterOther);
        SAVE_FRAME(); // the iterator may run Python code (a traceback names this line)
        if (is_lazy_iter_type(t)) {
            // map/filter/enumerate/zip/reversed: a step that runs Python code runs as a
            // frame (builtins_drive.cpp); a StopIteration out of it ends the loop, as out
            // of their __next__.
            if (Frame* nf = lazy_iter_frame(vm, it, v))
                RUN_FRAME(nf, sp, ReturnMode::ForIterNext, Value::null());
            goto for_iter_got;
        }
        if (t->iternext) {
            if (t->iternext == switch_iternext) [[unlikely]] {
                // A stackless channel: its receive may switch tasklets (like a METH_SWITCH call).
                soft_call = true;
                v = t->iternext(vm, it);
                soft_call = false;
                if (v.is_not_found()) {
                    sched->complete_switch(true);
                    goto resume_tasklet;
                }
                if (v.is_null() && vm.error_matches(exc::StopIteration)) {
                    vm.clear_error(); // send_exception(StopIteration) ends the loop
                    v = Value::stop_iteration();
                }
            } else {
                v = t->iternext(vm, it);
            }
        } else {
            Value nx = t->slot(Slot::NEXT);
            if (is_function(nx))
                RUN_FRAME(frame_for_call(vm, nx.as<Function>(), sp - 1, 1, nullptr), sp, ReturnMode::ForIterNext, Value::null());
            v = iter_next(vm, it);
        }
    for_iter_got:
        if (v.is_null())
            goto error;
        if (v.is_stop_iteration()) {
            --sp;
            ip = words + ARG;
            DISPATCH();
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(FOR_ITER__RANGE)
    {
        // range(): counted here (CPython's FOR_ITER_RANGE); a big range deopts.
        ip += 1;
        Value it = TOP();
        DEOPT_IF(type_of(it) != types.range_iterator || it.as<RangeIterator>()->big);
        auto* ri = it.as<RangeIterator>();
        if (ri->remaining <= 0) {
            --sp;
            ip = words + ARG;
            DISPATCH();
        }
        int64_t x = ri->next;
        DEOPT_IF(!Value::int_fits(x));
        ri->remaining--;
        ri->next = static_cast<int64_t>(static_cast<uint64_t>(x) + static_cast<uint64_t>(ri->step));
        PUSH(Value::small_int(x));
        DISPATCH();
    }
    TARGET(FOR_ITER__LIST)
    TARGET(FOR_ITER__TUPLE)
    {
        // Their __next__ runs no Python code: nothing to save.
        ip += 1;
        TypeObject* t = word_op(word) == Op::FOR_ITER__LIST ? types.list_iterator : types.tuple_iterator;
        DEOPT_IF(type_of(TOP()) != t);
        Value v = t->iternext(vm, TOP());
        if (v.is_stop_iteration()) {
            --sp;
            ip = words + ARG;
            DISPATCH();
        }
        PUSH(v);
        DISPATCH();
    }
    TARGET(FOR_ITER__GEN)
    {
        ip += 1;
        DEOPT_IF(type_of(TOP()) != types.generator);
        goto for_iter_gen;
    }
    // A generator resumed by FOR_ITER, as a frame of this loop.
for_iter_gen:
    {
        Generator* g = TOP().as<Generator>();
        Frame* gf = g->frame;
        if (g->running) {
            raise(vm, exc::ValueError, "generator already executing");
            goto error;
        }
        if (gf->state == FrameState::Done) {
            --sp;
            ip = words + ARG;
            DISPATCH();
        }
        STAT(ForIterGen);
        SAVE_FRAME();
        if (!enter_generator(g, ReturnMode::ForIterGen))
            goto error;
        gf->localsplus[gf->stack_top++] = py_none();
        ENTER_FRAME(gf);
    }

    // ------------------------------------------------------------------ calls
    TARGET(KW_NAMES)
    {
        kwnames = consts[ARG].as<Tuple>();
        DISPATCH();
    }
    TARGET(CALL)
    {
        ip += 1;
        uint32_t n = ARG;
        Value* base = sp - n - 2;
        ADAPT();
        result_slot = base;
        call_kw = kwnames;
        kwnames = nullptr;
        if (!base[0].is_null()) {
            callable = base[0];
            args = base + 1;
            nargs = n + 1;
            can_prepend = false;
        } else {
            callable = base[1];
            args = base + 2;
            nargs = n;
            can_prepend = true;
        }
        if (call_kw)
            nargs -= call_kw->size;
        goto do_call;
    }
    TARGET(CALL__PY_EXACT_ARGS)
    {
        ip += 1;
        uint32_t n = ARG;
        Value* base = sp - n - 2;
        DEOPT_IF(kwnames);
        uint32_t self = base[0].is_null() ? 0 : 1; // an unbound method from LOAD_METHOD, self
        Value fv = base[1 - self];
        DEOPT_IF(!is_function(fv));
        Function* fn = fv.as<Function>();
        DEOPT_IF(fn->code->argcount != n + self || fn->code->total_args != n + self);
        RUN_FRAME(frame_for_call(vm, fn, base + 2 - self, n + self, nullptr), base, ReturnMode::Push, Value::null());
    }
    TARGET(CALL__BOUND_METHOD_EXACT_ARGS)
    {
        ip += 1;
        uint32_t n = ARG;
        Value* base = sp - n - 2;
        DEOPT_IF(kwnames || !base[0].is_null() || type_of(base[1]) != types.method);
        auto* m = base[1].as<BoundMethod>();
        DEOPT_IF(!is_function(m->func));
        Function* fn = m->func.as<Function>();
        DEOPT_IF(fn->code->argcount != n + 1 || fn->code->total_args != n + 1);
        // The frame is made while the bound method is still on the stack; then self goes
        // in front of the arguments.
        Frame* nf = new_call_frame(fn, n + 1);
        if (!nf)
            goto error;
        nf->localsplus[0] = m->self;
        for (uint32_t i = 0; i < n; ++i)
            nf->localsplus[1 + i] = base[2 + i];
        RUN_FRAME(nf, base, ReturnMode::Push, Value::null());
    }
    TARGET(CALL_FUNCTION_EX)
    {
        SAVE_FRAME();
        Value kwargs = (ARG & 1) ? POP() : Value::null();
        Value callargs = POP();
        Value func = TOP();
        size_t np = 0;
        Tuple* kwn = nullptr;
        Tuple* flat = eval_flatten_call_ex(vm, func, callargs, kwargs, np, kwn);
        if (!flat)
            goto error;
        // Keep the flattened arguments alive on the stack while the call binds them.
        PUSH(Value::from_object(flat));
        result_slot = sp - 3;
        callable = func;
        args = flat->items + 1;
        nargs = np;
        call_kw = kwn;
        can_prepend = true;
        goto do_call;
    }
    TARGET(MAKE_FUNCTION)
    {
        uint32_t flags = ARG;
        Value code = POP();
        Value fn = eval_make_function(vm, f, code, flags, sp);
        if (fn.is_null())
            goto error;
        sp -= __builtin_popcount(flags & 0x0f);
        PUSH(fn);
        DISPATCH();
    }
    TARGET(RETURN_VALUE)
    {
        retval = POP();
        goto frame_return;
    }

    // ------------------------------------------------------------------ generators
    TARGET(RETURN_GENERATOR)
    {
        SAVE_FRAME();
        Generator* g = generator_new(vm, f);
        if (!g)
            goto error; // out of memory: raised from the function's frame, as CPython
        // The frame stays suspended right after this instruction; the caller gets the
        // generator as the call's result.
        Frame* done = f;
        done->state = FrameState::Created;
        pop_generator_frame(*this, done);
        retval = Value::from_object(g);
        ret_mode = done->return_mode;
        ret_aux = done->aux;
        if (ret_mode >= ReturnMode::Entry) [[unlikely]] {
            if (ret_mode == ReturnMode::TaskletEnd)
                goto tasklet_returned;
            m_yielded = false;
            return retval;
        }
        f = current;
        LOAD_FRAME();
        goto deliver_result;
    }
    TARGET(YIELD_VALUE)
    {
        Value v = POP();
        SAVE_FRAME();
        Frame* g = f;
        g->state = FrameState::Suspended;
        gen_leave(g->gen, g, false);
        pop_generator_frame(*this, g);
        if (g->return_mode == ReturnMode::Entry) {
            m_yielded = true;
            return v;
        }
        f = current;
        LOAD_FRAME();
        PUSH(v);
        DISPATCH();
    }
    TARGET(SEND)
    {
        Value v = sp[-1];
        Value recv = sp[-2];
        if (is_gen_or_coro(type_of(recv))) {
            Generator* g = recv.as<Generator>();
            Frame* gf = g->frame;
            if (g->running) {
                raise_fmt(vm, exc::ValueError, "%s already executing", gen_kind_name(g));
                goto error;
            }
            if (gf->state == FrameState::Done) {
                if (type_of(recv) != types.generator) {
                    raise_gen_finished(vm, g); // a coroutine cannot be awaited twice
                    goto error;
                }
                sp -= 1;
                sp[-1] = py_none();
                ip = words + ARG;
                DISPATCH();
            }
            if (gf->state == FrameState::Created && !is_none(v)) {
                raise_fmt(vm, exc::TypeError, "can't send non-None value to a just-started %s", gen_kind_name(g));
                goto error;
            }
            --sp;
            SAVE_FRAME();
            if (!enter_generator(g, ReturnMode::SendGen))
                goto error;
            gf->localsplus[gf->stack_top++] = v;
            ENTER_FRAME(gf);
        }
        SAVE_FRAME();
        Value r;
        if (is_none(v) && type_of(recv)->iternext) {
            r = type_of(recv)->iternext(vm, recv);
            if (r.is_stop_iteration()) {
                sp -= 1;
                sp[-1] = py_none();
                ip = words + ARG;
                DISPATCH();
            }
        } else if (is_none(v)) {
            r = call_slot(vm, recv, Slot::NEXT, nullptr, 0);
            if (r.is_not_found()) {
                raise_fmt(vm, exc::TypeError, "'%s' object is not an iterator", type_name(recv));
                r = Value::null();
            }
        } else {
            r = call_method(vm, recv, names.send, &v, 1);
        }
        if (r.is_null()) {
            if (!vm.error_matches(exc::StopIteration))
                goto error;
            Value e = vm.take_error();
            sp -= 1;
            sp[-1] = stop_iteration_value(vm, e);
            ip = words + ARG;
            DISPATCH();
        }
        sp[-1] = r;
        DISPATCH();
    }
    TARGET(GET_YIELD_FROM_ITER)
    {
        if (type_of(TOP()) == coro_types.coroutine) {
            if (!(co->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
                SAVE_FRAME();
                raise(vm, exc::TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
                goto error;
            }
        } else if (type_of(TOP()) != types.generator) {
            SAVE_FRAME();
            if (Hook h = hook_slot(TOP(), Slot::ITER, ResultCheck::Iter))
                RUN_SLOT(h, sp - 1);
            Value it = get_iter(vm, TOP());
            if (it.is_null())
                goto error;
            sp[-1] = it;
        }
        DISPATCH();
    }

    // ------------------------------------------------------------------ coroutines
    TARGET(GET_AWAITABLE)
    {
        SAVE_FRAME();
        Value it = get_awaitable_iter(vm, TOP(), int(ARG));
        if (it.is_null())
            goto error;
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(GET_AITER)
    {
        SAVE_FRAME();
        Value it = get_aiter(vm, TOP());
        if (it.is_null())
            goto error;
        sp[-1] = it;
        DISPATCH();
    }
    TARGET(GET_ANEXT)
    {
        SAVE_FRAME();
        Value aw = get_anext_awaitable(vm, TOP());
        if (aw.is_null())
            goto error;
        PUSH(aw);
        DISPATCH();
    }
    TARGET(BEFORE_ASYNC_WITH)
    {
        SAVE_FRAME();
        Value enter, exit;
        if (!lookup_async_with(vm, TOP(), &enter, &exit))
            goto error;
        sp[-1] = exit;
        PyCall pc;
        if (as_python_call(enter, nullptr, 0, pc))
            RUN_FRAME(frame_for_call(vm, pc.fn, pc.args, pc.nargs, nullptr), sp, ReturnMode::Push, Value::null());
        Value r = call0(vm, enter);
        if (r.is_null())
            goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(END_ASYNC_FOR)
    {
        Value e = POP();
        if (is_instance_fast(e, exc::StopAsyncIteration)) {
            (void)POP(); // the async iterator: the loop is over
            DISPATCH();
        }
        vm.restore_error(e);
        goto exception_unwind;
    }
    TARGET(ASYNC_GEN_WRAP)
    {
        SAVE_FRAME();
        Value w = async_gen_wrap(vm, TOP());
        if (w.is_null())
            goto error;
        sp[-1] = w;
        DISPATCH();
    }

    // ------------------------------------------------------------------ exceptions
    TARGET(RAISE_VARARGS)
    {
        SAVE_FRAME();
        uint32_t n = ARG;
        if (n == 0) {
            if (exc_info.is_null()) {
                raise(vm, exc::RuntimeError, "No active exception to reraise");
                goto error;
            }
            vm.restore_error(exc_info);
            goto exception_unwind;
        }
        Value cause = n == 2 ? POP() : Value::null();
        Value e = POP();
        Value inst = eval_make_raise(vm, e, cause, n == 2);
        if (inst.is_null())
            goto error;
        vm.set_error(inst);
        goto error;
    }
    TARGET(RERAISE)
    {
        Value e = POP();
        if (ARG > 0 && sp[-int(ARG)].is_int())
            reraise_lasti = sp[-int(ARG)].as_int();
        vm.restore_error(e);
        goto exception_unwind;
    }
    TARGET(PUSH_EXC_INFO)
    {
        Value v = POP();
        PUSH(exc_info.is_null() ? py_none() : exc_info);
        exc_info = v;
        PUSH(v);
        DISPATCH();
    }
    TARGET(POP_EXCEPT)
    {
        Value v = POP();
        exc_info = is_none(v) ? Value::null() : v;
        DISPATCH();
    }
    TARGET(CHECK_EXC_MATCH)
    {
        int r = eval_exception_matches(vm, sp[-2], sp[-1]);
        if (r < 0)
            goto error;
        sp[-1] = py_bool(r);
        DISPATCH();
    }
    TARGET(CHECK_EG_MATCH)
    {
        SAVE_FRAME();
        Value match, rest;
        if (!eval_check_eg_match(vm, sp[-2], sp[-1], &match, &rest))
            goto error;
        if (!is_none(match)) {
            // The clause handles `match`: it is what sys.exc_info() and a bare raise see.
            sp[-2] = rest;
            exc_info = match;
        }
        sp[-1] = match;
        DISPATCH();
    }
    TARGET(PREP_RERAISE_STAR)
    {
        SAVE_FRAME();
        Value excs = POP();
        Value r = eval_prep_reraise_star(vm, TOP(), excs);
        if (r.is_null())
            goto error;
        sp[-1] = r;
        DISPATCH();
    }
    TARGET(BEFORE_WITH)
    {
        SAVE_FRAME();
        Value mgr = TOP();
        Value enter = eval_lookup_special(vm, mgr, names.slot_names[int(Slot::ENTER)]);
        if (enter.is_null()) {
            if (!vm.has_error())
                raise_fmt(vm, exc::TypeError, "'%s' object does not support the context manager protocol", type_name(mgr));
            goto error;
        }
        Value exit = eval_lookup_special(vm, mgr, names.slot_names[int(Slot::EXIT)]);
        if (exit.is_null()) {
            if (!vm.has_error())
                raise_fmt(vm, exc::TypeError, "'%s' object does not support the context manager protocol (missed __exit__ method)",
                          type_name(mgr));
            goto error;
        }
        sp[-1] = exit;
        PyCall pc;
        if (as_python_call(enter, nullptr, 0, pc))
            RUN_FRAME(frame_for_call(vm, pc.fn, pc.args, pc.nargs, nullptr), sp, ReturnMode::Push, Value::null());
        Value r = call0(vm, enter);
        if (r.is_null())
            goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START)
    {
        SAVE_FRAME();
        Value val = sp[-1];
        Value exit = sp[-4];
        BaseException* be = as_exception(val);
        Value tb = be && !be->traceback.is_null() ? be->traceback : py_none();
        Value a[3] = { Value::from_object(type_of(val)), val, tb };
        PyCall pc;
        if (as_python_call(exit, a, 3, pc))
            RUN_FRAME(frame_for_call(vm, pc.fn, pc.args, pc.nargs, nullptr), sp, ReturnMode::Push, Value::null());
        Value r = call(vm, exit, a, 3);
        if (r.is_null())
            goto error;
        PUSH(r);
        DISPATCH();
    }

    // ------------------------------------------------------------------ modules
    TARGET(IMPORT_NAME)
    {
        SAVE_FRAME();
        Value fromlist = POP();
        Value level = TOP();
        Value m = eval_import_name(vm, f, NAME(ARG), fromlist, level);
        if (m.is_null())
            goto error;
        sp[-1] = m;
        DISPATCH();
    }
    TARGET(IMPORT_FROM)
    {
        SAVE_FRAME();
        Value v = eval_import_from(vm, TOP(), NAME(ARG));
        if (v.is_null())
            goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(IMPORT_STAR)
    {
        SAVE_FRAME();
        Value m = TOP();
        if (!eval_import_star(vm, f, m))
            goto error;
        --sp;
        DISPATCH();
    }
    TARGET(PRINT_EXPR)
    {
        SAVE_FRAME();
        if (!eval_print_expr(vm, TOP()))
            goto error;
        --sp;
        DISPATCH();
    }

    // ------------------------------------------------------------------ pattern matching
    // The slow parts (they may run Python code) are in match_support.cpp.
    TARGET(GET_LEN)
    {
        SAVE_FRAME();
        Value n = match_get_len(vm, TOP());
        if (n.is_null())
            goto error;
        PUSH(n);
        DISPATCH();
    }
    TARGET(MATCH_MAPPING)
    {
        SAVE_FRAME();
        int r = match_is_mapping(vm, TOP());
        if (r < 0)
            goto error;
        PUSH(py_bool(r));
        DISPATCH();
    }
    TARGET(MATCH_SEQUENCE)
    {
        SAVE_FRAME();
        int r = match_is_sequence(vm, TOP());
        if (r < 0)
            goto error;
        PUSH(py_bool(r));
        DISPATCH();
    }
    TARGET(MATCH_KEYS)
    {
        SAVE_FRAME();
        Value values = match_keys(vm, sp[-2], sp[-1]);
        if (values.is_null())
            goto error;
        PUSH(values);
        DISPATCH();
    }
    TARGET(MATCH_CLASS)
    {
        SAVE_FRAME();
        Value attrs = match_class(vm, sp[-3], sp[-2], sp[-1], ARG);
        if (attrs.is_null())
            goto error;
        sp -= 2;
        sp[-1] = attrs;
        DISPATCH();
    }

    // ------------------------------------------------------------------ the call paths
do_call:
    {
        TypeObject* ct = type_of(callable);
        if (ct == types.method) {
            // self goes in front of the arguments: into the slot CALL left free, or over
            // the bound method itself (base[0]: the exit call of a with block), which
            // `callable` keeps meanwhile.
            auto* m = callable.as<BoundMethod>();
            args[-1] = m->self;
            --args;
            ++nargs;
            callable = m->func;
            ct = type_of(callable);
            can_prepend = false;
        }
        if (ct == types.function) {
        python_call:
            STAT(CallPyFrame);
            RUN_FRAME(frame_for_call(vm, callable.as<Function>(), args, nargs, call_kw), result_slot, ReturnMode::Push, Value::null());
        }
        if (can_prepend && ct->has_flag(TF_TYPE_SUBCLASS) && ct->slot(Slot::CALL).is(types.type->slot(Slot::CALL)) &&
            !callable.is(Value::from_object(types.type))) {
            // A class call: __new__ (natively, or as a frame when it is a Python function;
            // see ReturnMode::New), then __init__ as a frame in this loop.
            auto* cls = callable.as<TypeObject>();
            if (cls->tflags & TF_DRIVES_PYTHON) [[unlikely]]
                goto switch_call; // list(gen), tuple(it), dict(gen), ...: drive_call
            Value init = cls->slot(Slot::INIT);
            Value newf = cls->slot(Slot::NEW);
            if (!newf.is_null() && type_of(newf) == types.staticmethod && is_function(staticmethod_function(newf))) {
                size_t nkw = call_kw ? call_kw->size : 0;
                Tuple* keep = tuple_new(vm, 2 + nargs + nkw);
                if (!keep)
                    goto error;
                keep->items[0] = callable;
                keep->items[1] = call_kw ? Value::from_object(call_kw) : py_none();
                for (size_t i = 0; i < nargs + nkw; ++i)
                    keep->items[2 + i] = args[i];
                args[-1] = callable;
                RUN_FRAME(frame_for_call(vm, staticmethod_function(newf).as<Function>(), args - 1, nargs + 1, call_kw), result_slot,
                          ReturnMode::New, Value::from_object(keep));
            }
            if (is_function(init) && !newf.is_null() && type_of(newf) == types.method_descriptor) {
                SAVE_FRAME();
                args[-1] = callable;
                Value obj = newf.as<BuiltinFunction>()->fn(vm, args - 1, nargs + 1, call_kw);
                if (obj.is_null())
                    goto error;
                if (!is_subtype(type_of(obj), cls)) {
                    retval = obj;
                    goto call_done;
                }
                init = type_of(obj)->slot(Slot::INIT);
                if (is_function(init)) {
                    STAT(CallClassInit);
                    args[-1] = obj;
                    RUN_FRAME(frame_for_call(vm, init.as<Function>(), args - 1, nargs + 1, call_kw), result_slot, ReturnMode::Init, obj);
                }
                Value r = call_slot(vm, obj, Slot::INIT, args, nargs, call_kw);
                if (r.is_null())
                    goto error;
                if (!r.is_not_found() && !is_none(r)) {
                    raise_fmt(vm, exc::TypeError, "__init__() should return None, not '%s'", type_name(r));
                    goto error;
                }
                retval = obj;
                goto call_done;
            }
        } else if (can_prepend && ct != types.builtin_function && ct != types.method_descriptor) {
            Value cs = ct->slot(Slot::CALL);
            if (is_function(cs)) {
                args[-1] = callable;
                --args;
                ++nargs;
                callable = cs;
                can_prepend = false;
                goto python_call;
            }
        }
        if (ct == types.method_descriptor) {
            // A method of a built-in type called on an instance of exactly that type
            // (lst.append(x), s.split()): straight to the native function.
            auto* bf = callable.as<BuiltinFunction>();
            if (nargs > 0 && type_of(args[0]) == bf->owner && !(bf->mflags & (METH_CLASS | METH_STATIC | METH_SWITCH))) {
                STAT(CallOther);
                SAVE_FRAME();
                if (!check_wrapper_arity(vm, bf, nargs - 1, call_kw))
                    goto error;
                retval = bf->fn(vm, args, nargs, call_kw);
                if (retval.is_null())
                    goto error;
                goto call_done;
            }
        } else if (!call_kw) {
            if (Hook h = hook_builtin_call(callable, args, nargs))
                RUN_SLOT(h, result_slot);
        }
        if (ct == types.builtin_function || ct == types.method_descriptor) {
            if (callable.as<BuiltinFunction>()->mflags & METH_SWITCH) [[unlikely]]
                goto switch_call;
            if (nargs == 1 && !call_kw && is_builtin_next(callable)) {
                // next(x) of a generator or channel: their own __next__, which runs the
                // generator as a frame here or may switch tasklets.
                Value nx = type_of(args[0])->slot(Slot::NEXT);
                if (type_of(nx) == types.method_descriptor && (nx.as<BuiltinFunction>()->mflags & METH_SWITCH)) {
                    callable = nx;
                    goto switch_call;
                }
            }
        }
        STAT(CallOther);
        SAVE_FRAME();
        retval = call(vm, callable, args, nargs, call_kw);
        if (retval.is_null())
            goto error;
    call_done:
        sp = result_slot;
        PUSH(retval);
        DISPATCH();
    }

    // ------------------------------------------------------------------ leaving a frame
frame_return:
    {
        Frame* done = f;
        SAVE_FRAME();
        done->state = FrameState::Done;
        if (done->gen)
            gen_leave(done->gen, done, true);
        pop_frame(done);
        ret_mode = done->return_mode;
        ret_aux = done->aux;
        release_frame(done);
        if (ret_mode >= ReturnMode::Entry) [[unlikely]] {
            if (ret_mode == ReturnMode::TaskletEnd)
                goto tasklet_returned;
            m_yielded = false;
            return retval;
        }
        f = current;
        LOAD_FRAME();
    }
deliver_result:
    // The caller is loaded again; `instr` is the instruction that made the call.
    switch (ret_mode) {
    case ReturnMode::Push:
    case ReturnMode::ForIterNext:
    case ReturnMode::GetAttr:
        PUSH(retval);
        break;
    case ReturnMode::Init:
        if (!is_none(retval)) {
            raise_fmt(vm, exc::TypeError, "__init__() should return None, not '%s'", type_name(retval));
            goto error;
        }
        PUSH(ret_aux);
        break;
    case ReturnMode::Discard: break;
    case ReturnMode::BinaryOp:
        if (retval.is(py_not_implemented())) {
            SAVE_FRAME();
            retval = binary_op_continue(vm, sp[-2], sp[-1], static_cast<BinOpArg>(word_arg(*instr)),
                                        static_cast<BinaryStage>(ret_aux.as_int()));
            if (retval.is_null())
                goto error;
        }
        sp -= 2;
        PUSH(retval);
        break;
    case ReturnMode::CompareOp:
        if (retval.is(py_not_implemented())) {
            SAVE_FRAME();
            retval = compare_continue(vm, sp[-2], sp[-1], static_cast<CmpArg>(word_arg(*instr)),
                                      static_cast<CompareStage>(ret_aux.as_int()));
            if (retval.is_null())
                goto error;
        }
        sp -= 2;
        PUSH(retval);
        break;
    case ReturnMode::Slot:
        SAVE_FRAME();
        retval = check_result(vm, static_cast<ResultCheck>(ret_aux.as_int()), retval);
        if (retval.is_null())
            goto error;
        goto finish_instruction;
    case ReturnMode::New: {
        // As type.__call__ after __new__: __init__ only for an instance of the class.
        Tuple* keep = ret_aux.as<Tuple>();
        Tuple* kw = is_none(keep->items[1]) ? nullptr : keep->items[1].as<Tuple>();
        size_t npos = keep->size - 2 - (kw ? kw->size : 0);
        Value obj = retval;
        if (!is_subtype(type_of(obj), keep->items[0].as<TypeObject>())) {
            PUSH(obj);
            break;
        }
        Value init = type_of(obj)->slot(Slot::INIT);
        if (is_function(init)) {
            keep->items[1] = obj; // the private tuple now holds (class, obj, *args)
            RUN_FRAME(frame_for_call(vm, init.as<Function>(), keep->items + 1, npos + 1, kw), sp, ReturnMode::Init, obj);
        }
        if (!init.is_null()) {
            SAVE_FRAME();
            Value r = call_slot(vm, obj, Slot::INIT, keep->items + 2, npos, kw);
            if (r.is_null())
                goto error;
            if (!is_none(r)) {
                raise_fmt(vm, exc::TypeError, "__init__() should return None, not '%s'", type_name(r));
                goto error;
            }
        }
        PUSH(obj);
        break;
    }
    case ReturnMode::ForIterGen:
        // The generator is exhausted: FOR_ITER pops it and leaves the loop.
        --sp;
        ip = words + word_arg(*instr);
        break;
    case ReturnMode::SendGen:
        // `yield from` is done: its value replaces the receiver; SEND jumps.
        sp[-1] = retval;
        ip = words + word_arg(*instr);
        break;
    case ReturnMode::NextGen:
        // The generator returned: next()/send() raise StopIteration(value) at the call.
        SAVE_FRAME();
        raise_generator_return(vm, retval);
        goto error;
    case ReturnMode::Entry:
    case ReturnMode::TaskletEnd: break;
    }
    DISPATCH();

    // ------------------------------------------------------------------ str concatenation
    // a + b of exact strs (BINARY_OP, BINARY_OP__ADD_STR): `x += s` on a str local appends
    // in place when x holds the only reference (str_builder.h); the site mark is the
    // instruction's last cache unit.
binary_op_str:
    {
        Value a = sp[-2], b = sp[-1];
        SAVE_FRAME();
        String* s;
        if (ARG == uint32_t(BinOpArg::INPLACE_ADD) && word_op(*ip) == Op::STORE_FAST && fast[word_arg(*ip)].is(a))
            s = str_builder_append(vm, co, const_cast<CodeWord*>(ip - 1), a.as<String>(), b.as<String>(), word_arg(*ip));
        else
            s = str_concat(vm, a.as<String>(), b.as<String>());
        if (!s)
            goto error;
        --sp;
        sp[-1] = Value::from_object(s);
        DISPATCH();
    }

    // ------------------------------------------------------------------ deoptimization
    // A specialized form's guard failed (DEOPT_IF): nothing has changed yet. The
    // instruction becomes the form that fits what it sees now, or goes back to its
    // family's generic form (specialize_miss), and runs again.
deopt:
    {
        SPEC_STAT(deopts, word);
        if (specialize_miss(SITE(), f, sp, kwnames))
            SPEC_STAT(respecialized, word);
        ip = instr;
        DISPATCH();
    }

    // ------------------------------------------------------------------ truth tests
    // The slow path of the instructions that test truth (the jumps, `not`): truth_operand
    // is off the stack for the POP_ forms and UNARY_NOT, still on it for the OR_POP forms.
truth_test:
    {
        // The exact built-in types whose truth is a size or a value: no call.
        if (int quick = quick_truth(truth_operand); quick >= 0) {
            retval = py_bool(quick);
            goto finish_instruction;
        }
        SAVE_FRAME();
        if (Hook h = hook_truth(truth_operand))
            RUN_SLOT(h, sp);
        int r = truthy(vm, truth_operand);
        if (r < 0)
            goto error;
        retval = py_bool(r);
    }
    // Finishes the instruction at `instr` with the value its special method (or
    // truth_test) produced: truth tests get a bool and jump, pop or negate; others push it.
finish_instruction:
    {
        uint32_t target = word_arg(*instr);
        Op op = word_op(*instr);
        switch (op) {
        case Op::POP_JUMP_IF_FALSE:
        case Op::POP_JUMP_IF_TRUE:
        case Op::JUMP_IF_FALSE_OR_POP:
        case Op::JUMP_IF_TRUE_OR_POP: {
            // The POP_ forms popped the value before; the OR_POP forms keep it when they
            // jump and drop it when they go on.
            bool jump_if = op == Op::POP_JUMP_IF_TRUE || op == Op::JUMP_IF_TRUE_OR_POP;
            bool kept = op == Op::JUMP_IF_FALSE_OR_POP || op == Op::JUMP_IF_TRUE_OR_POP;
            if (retval.is(py_true()) == jump_if)
                JUMP_TO(target);
            else if (kept)
                --sp;
            break;
        }
        case Op::UNARY_NOT: PUSH(py_bool(retval.is(py_false()))); break;
        case Op::CONTAINS_OP: PUSH(py_bool(retval.is(py_true()) != (target != 0))); break;
        case Op::FORMAT_VALUE:
            // A str subclass from a conversion is formatted into a plain str.
            if ((target & 3) != 0 && !is_exact_str(retval)) {
                retval = eval_format_value(vm, retval, 0, Value::null());
                if (retval.is_null())
                    goto error;
            }
            PUSH(retval);
            break;
        default: PUSH(retval); break;
        }
        DISPATCH();
    }

    // ------------------------------------------------------------------ pending requests
    // Reached from CHECK_PENDING with `instr` the polling instruction and ip where it goes
    // on: a KeyboardInterrupt is raised there (its traceback line is that instruction's).
pending:
    {
        SAVE_FRAME();
        if (pending_word->load(std::memory_order_relaxed) & kPendingPreempt) {
            // The preemption watchdog's tick (stackless.run(timeout)): the budget runs
            // out here, and the tasklet is suspended at this boundary.
            if (sched->tick()) {
                sched->complete_switch(false);
                goto resume_tasklet;
            }
            if (!(pending_word->load(std::memory_order_relaxed) & ~kPendingPreempt))
                DISPATCH();
        }
        if (!handle_pending(vm))
            goto error;
        DISPATCH();
    }

    // ------------------------------------------------------------------ tasklets
    // A native that may switch tasklets (METH_SWITCH), called with the loop as its direct
    // caller (soft_call): not_found means it asked the scheduler for a switch, and the
    // call's result is what the tasklet receives when it is resumed.
switch_call:
    {
        SAVE_FRAME();
        if (is_drive_callable(callable)) {
            // A built-in that drives Python iterators or callables (list(gen), sorted(key=f),
            // sum(gen), ...): it may tail-call its Python side (a frame handed below).
            retval = drive_call(vm, callable, args, nargs, call_kw);
            goto switch_call_returned;
        }
        soft_call = true;
        if (type_of(callable) == types.method_descriptor && nargs > 0 && type_of(args[0]) == callable.as<BuiltinFunction>()->owner) {
            // As the method fast path of do_call: straight to the native.
            auto* bf = callable.as<BuiltinFunction>();
            retval = check_wrapper_arity(vm, bf, nargs - 1, call_kw) ? bf->fn(vm, args, nargs, call_kw) : Value::null();
        } else {
            retval = call(vm, callable, args, nargs, call_kw);
        }
        soft_call = false;
    switch_call_returned:
        if (retval.is_null())
            goto error;
        sp = result_slot;
        if (!retval.is_not_found()) {
            PUSH(retval);
            DISPATCH();
        }
        if (Frame* nf = m_frame_to_run) {
            // The native handed its frame to the loop (Interpreter::hand_frame: exec()/eval(),
            // gen.__next__/send, a built-in's tail call into Python): it runs here, its
            // result pushed as the call's (a generator's yield likewise).
            m_frame_to_run = nullptr;
            SAVE_FRAME();
            if (Generator* g = nf->gen) {
                if (!enter_generator(g, ReturnMode::NextGen))
                    goto error;
                if (m_frame_value.is_null()) [[unlikely]] {
                    // gen.throw(): the pending exception is raised at its suspension point.
                    f = nf;
                    LOAD_FRAME();
                    goto error;
                }
                nf->localsplus[nf->stack_top++] = m_frame_value;
                m_frame_value = Value::null();
            } else if (!push_frame(nf, ReturnMode::Push)) {
                goto error;
            }
            ENTER_FRAME(nf);
        }
        SAVE_FRAME();
        sched->complete_switch(true);
        goto resume_tasklet;
    }
    // The bottom frame of a tasklet returned (its result is dropped).
tasklet_returned:
    {
        sched->tasklet_end(false);
        sched->complete_switch(false);
    }
    // Continues the tasklet the scheduler switched to at its top frame: the result of
    // the call it was suspended in, or the exception of a bomb in its tempval.
resume_tasklet:
    {
        f = current;
        if (!f) [[unlikely]]
            return py_none(); // a carrier unwound at exit (Scheduler::main_finished)
        LOAD_FRAME();
        Value v;
        int r = sched->resume_value(&v);
        if (r > 0)
            PUSH(v);
        else if (r < 0) {
            if (op_family(word_op(*instr)) == Op::FOR_ITER && vm.error_matches(exc::StopIteration)) {
                // send_exception(StopIteration) ends a for loop over a channel.
                vm.clear_error();
                --sp;
                ip = words + word_arg(*instr);
                DISPATCH();
            }
            goto error;
        }
        DISPATCH();
    }

    // ------------------------------------------------------------------ exceptions
error:
    {
        // A new traceback entry for this frame at the failing instruction.
        Value e = vm.take_error();
        BaseException* be = as_exception(e);
        if (co->flags & CO_SLPY_HIDDEN) [[unlikely]]
            be = nullptr; // the Python side of a built-in: no entry, as CPython's C function adds none
        if (be) {
            f->lasti = uint32_t(instr - words);
            Value prev = be->traceback.is_null() ? py_none() : be->traceback;
            // Out of memory for the entry: the exception goes on with the traceback it has.
            if (Traceback* tb = traceback_new(vm, prev, f, f->lasti))
                be->traceback = Value::from_object(tb);
            f->captured = true;
        }
        vm.restore_error(e);
    }
exception_unwind:
    {
        uint32_t lasti = uint32_t(instr - words);
        if (ExceptionEntry const* h = code_find_handler(co, lasti)) {
            Value e = vm.take_error();
            // A handler sees it: CPython normalizes here (see EXC_UNNORMALIZED).
            if (BaseException* be = as_exception(e))
                be->flags &= ~uint32_t(EXC_UNNORMALIZED);
            sp = fast + co->nlocalsplus + h->depth;
            if (h->lasti)
                PUSH(Value::small_int(reraise_lasti >= 0 ? reraise_lasti : lasti));
            reraise_lasti = -1;
            PUSH(e);
            ip = words + h->target;
            DISPATCH();
        }
        // No handler here: the frame is done and the exception moves to its caller.
        Frame* done = f;
        SAVE_FRAME();
        if (reraise_lasti >= 0)
            done->lasti = uint32_t(reraise_lasti);
        reraise_lasti = -1;
        done->state = FrameState::Done;
        if (done->gen) {
            gen_leave(done->gen, done, true);
            // PEP 479/525: a StopIteration (StopAsyncIteration out of an async
            // generator) leaving the frame becomes a RuntimeError.
            gen_fix_stop_error(vm, done->gen);
        }
        pop_frame(done);
        ReturnMode mode = done->return_mode;
        if (mode >= ReturnMode::Entry) [[unlikely]] {
            if (mode == ReturnMode::TaskletEnd) {
                sched->tasklet_end(true);
                sched->complete_switch(false);
                goto resume_tasklet;
            }
            return Value::null();
        }
        Value aux = done->aux;
        f = current;
        LOAD_FRAME();
        if (mode == ReturnMode::ForIterNext && vm.error_matches(exc::StopIteration)) {
            // A Python __next__ ended the for loop.
            vm.clear_error();
            --sp;
            ip = words + word_arg(*instr);
            DISPATCH();
        }
        if (mode == ReturnMode::GetAttr && vm.error_matches(exc::AttributeError)) {
            // __getattribute__ or a getter did not find it: the class's __getattr__ runs.
            Value fallback[2] = { aux, cnames[word_arg(*instr)] };
            Value ga = type_of(aux)->slot(Slot::GETATTR);
            if (!ga.is_null()) {
                vm.clear_error();
                if (is_function(ga))
                    RUN_FRAME(frame_for_call(vm, ga.as<Function>(), fallback, 2, nullptr), sp, ReturnMode::Push, Value::null());
                SAVE_FRAME();
                Value r = call_slot(vm, aux, Slot::GETATTR, fallback + 1, 1);
                if (r.is_null())
                    goto error;
                PUSH(r);
                DISPATCH();
            }
        }
        goto error;
    }

#undef LOAD_FRAME
#undef SAVE_FRAME
#undef DISPATCH
#undef COUNT_OP
#undef STAT
#undef TARGET
#undef CHECK_PENDING
#undef JUMP_TO
#undef ARG
#undef ADAPT
#undef DEOPT_IF
#undef SITE
#undef SPEC_STAT
#undef PUSH
#undef POP
#undef TOP
#undef NAME
#undef ENTER_FRAME
#undef RUN_FRAME
#undef RUN_SLOT
}

} // namespace slpy
