// Code objects: loading a compiled CodeUnit into a heap Code (after verifying it), the
// line and exception-table lookups the eval loop uses, compile-to-code, SyntaxError
// construction, and the Python-level `code` type (co_* attributes, repr).
//
// The verifier is the only guard between a CodeUnit (from the compiler or, later, from a
// pickle) and the eval loop, which never range-checks an operand. It checks every
// operand against its kind, every jump and handler target, and runs a stack-depth flow
// analysis so that no instruction can read below the stack base or push above
// co_stacksize.
#include "stackless/vm/code.h"
#include "stackless/vm/specialize.h"

#include "objects/bytes.h"
#include "objects/codecs.h"
#include "objects/complex.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/set.h"
#include "stackless/compiler/compiler.h"
#include "stackless/compiler/future.h"
#include "stackless/compiler/stack_effect.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/traceback.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace slpy {

namespace {

using compiler::CodeUnit;
using compiler::ConstValue;

// The entry covering unit `lasti` in a table sorted by start with disjoint ranges
// (the verifier guarantees both), by binary search.
ExceptionEntry const* find_entry(ExceptionEntry const* table, uint32_t n, uint32_t lasti)
{
    uint32_t lo = 0, hi = n; // first entry with start > lasti
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (table[mid].start <= lasti)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || lasti >= table[lo - 1].end)
        return nullptr;
    return &table[lo - 1];
}

// ------------------------------------------------------------------ verification

// Generalized UTF-8 (lone surrogates allowed, as str stores them); no overlongs and
// nothing above U+10FFFF, so str_new can take the text as it is.
bool valid_generalized_utf8(std::string_view s)
{
    size_t i = 0, n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len;
        uint32_t cp;
        if ((c & 0xe0) == 0xc0) {
            len = 2;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + size_t(len) > n)
            return false;
        for (int k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + size_t(k)]);
            if ((cc & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        static constexpr uint32_t kMin[5] = { 0, 0, 0x80, 0x800, 0x10000 };
        if (cp < kMin[len] || cp > 0x10ffff)
            return false;
        i += size_t(len);
    }
    return true;
}

// Values an instruction needs on the stack before it runs (the net effect alone does
// not show that BINARY_OP reads two).
int stack_inputs(Op op, uint32_t arg)
{
    int a = static_cast<int>(arg);
    switch (op_family(op)) {
    case Op::POP_TOP:
    case Op::STORE_FAST:
    case Op::STORE_DEREF:
    case Op::STORE_NAME:
    case Op::STORE_GLOBAL:
    case Op::DELETE_ATTR:
    case Op::LOAD_ATTR:
    case Op::LOAD_METHOD:
    case Op::UNARY_POSITIVE:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::LIST_TO_TUPLE:
    case Op::UNPACK_SEQUENCE:
    case Op::UNPACK_EX:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_JUMP_IF_NONE:
    case Op::POP_JUMP_IF_NOT_NONE:
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
    case Op::GET_ITER:
    case Op::FOR_ITER:
    case Op::RETURN_VALUE:
    case Op::YIELD_VALUE:
    case Op::GET_YIELD_FROM_ITER:
    case Op::GET_AWAITABLE:
    case Op::GET_AITER:
    case Op::GET_ANEXT:
    case Op::BEFORE_ASYNC_WITH:
    case Op::ASYNC_GEN_WRAP:
    case Op::PUSH_EXC_INFO:
    case Op::POP_EXCEPT:
    case Op::BEFORE_WITH:
    case Op::IMPORT_FROM:
    case Op::IMPORT_STAR:
    case Op::PRINT_EXPR:
        return 1;
    case Op::STORE_ATTR:
    case Op::BINARY_OP:
    case Op::BINARY_SUBSCR:
    case Op::DELETE_SUBSCR:
    case Op::COMPARE_OP:
    case Op::IS_OP:
    case Op::CONTAINS_OP:
    case Op::SEND:
    case Op::END_ASYNC_FOR:
    case Op::CHECK_EXC_MATCH:
    case Op::CHECK_EG_MATCH:
    case Op::PREP_RERAISE_STAR:
    case Op::IMPORT_NAME:
        return 2;
    case Op::STORE_SUBSCR:
        return 3;
    case Op::WITH_EXCEPT_START:
        return 4; // exit function, lasti, previous exception, exception
    case Op::COPY:
    case Op::SWAP:
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
    case Op::BUILD_STRING:
    case Op::BUILD_SLICE:
    case Op::RAISE_VARARGS:
        return a;
    case Op::BUILD_MAP:
        return 2 * a;
    case Op::BUILD_CONST_KEY_MAP:
    case Op::LIST_APPEND:
    case Op::SET_ADD:
    case Op::LIST_EXTEND:
    case Op::SET_UPDATE:
    case Op::DICT_UPDATE:
    case Op::DICT_MERGE:
    case Op::RERAISE:
        return a + 1;
    case Op::MAP_ADD:
    case Op::CALL:
        return a + 2;
    case Op::FORMAT_VALUE:
        return (arg & 0x04) ? 2 : 1;
    case Op::CALL_FUNCTION_EX:
        return 3 + int(arg & 1);
    case Op::MAKE_FUNCTION:
        return 1 + int(arg & 1) + int((arg >> 1) & 1) + int((arg >> 2) & 1) + int((arg >> 3) & 1);
    default:
        return 0;
    }
}

class Verifier {
public:
    explicit Verifier(CodeUnit const& u) : m_unit(u) {}

    // Empty string when the unit is valid, else the reason.
    std::string run()
    {
        if (!check_header() || !check_locals() || !check_instructions() || !check_exception_table() || !check_stack())
            return m_error;
        return {};
    }

private:
    CodeUnit const& m_unit;
    std::string m_error;
    std::vector<bool> m_is_start; // unit i begins an instruction

    bool fail(std::string why)
    {
        m_error = std::move(why);
        return false;
    }
    bool fail_at(uint32_t i, char const* why)
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, " at offset %u", 2 * i);
        m_error = std::string(why) + buf;
        return false;
    }

    bool check_header()
    {
        CodeUnit const& u = m_unit;
        if (u.argcount < 0 || u.posonlyargcount < 0 || u.kwonlyargcount < 0 || u.stacksize < 0)
            return fail("negative count");
        if (u.posonlyargcount > u.argcount)
            return fail("posonlyargcount > argcount");
        if (u.code.empty())
            return fail("empty code");
        // Units, slots and stack are indexed with 24-bit operands and 32-bit counters.
        if (u.code.size() > kMaxOparg || u.localsplusnames.size() > kMaxOparg || u.names.size() > kMaxOparg
            || u.consts.size() > kMaxOparg || u.stacksize > int(kMaxOparg))
            return fail("code object too large");
        if (u.locations.size() != u.code.size())
            return fail("location table size differs from code size");
        if (u.flags & ~(uint32_t(0x3ff) | compiler::k_future_flags_mask))
            return fail("unknown flags");
        if (!valid_generalized_utf8(u.name) || !valid_generalized_utf8(u.qualname) || !valid_generalized_utf8(u.filename))
            return fail("name is not valid UTF-8");
        for (std::string const& n : u.names)
            if (!valid_generalized_utf8(n))
                return fail("name is not valid UTF-8");
        return true;
    }

    bool check_locals()
    {
        CodeUnit const& u = m_unit;
        size_t n = u.localsplusnames.size();
        if (u.localspluskinds.size() != n)
            return fail("localspluskinds size differs from localsplusnames");
        size_t total = size_t(u.argcount) + size_t(u.kwonlyargcount) + ((u.flags & CO_VARARGS) ? 1 : 0)
            + ((u.flags & CO_VARKEYWORDS) ? 1 : 0);
        if (total > n)
            return fail("more arguments than local slots");
        bool seen_free = false;
        for (size_t i = 0; i < n; ++i) {
            uint8_t k = u.localspluskinds[i];
            if (!valid_generalized_utf8(u.localsplusnames[i]))
                return fail("name is not valid UTF-8");
            if (k == 0 || (k & ~uint8_t(CO_FAST_LOCAL | CO_FAST_CELL | CO_FAST_FREE)))
                return fail("bad local kind");
            if (k & CO_FAST_FREE) {
                if (k != CO_FAST_FREE)
                    return fail("bad local kind");
                seen_free = true;
            } else if (seen_free) {
                return fail("free variables must be the last local slots");
            }
            if (i < total && !(k & CO_FAST_LOCAL))
                return fail("argument slot is not a local");
        }
        return true;
    }

    bool is_cell_slot(uint32_t i) const { return (m_unit.localspluskinds[i] & (CO_FAST_CELL | CO_FAST_FREE)) != 0; }

    uint32_t nfree() const
    {
        uint32_t k = 0;
        for (uint8_t kind : m_unit.localspluskinds)
            k += (kind & CO_FAST_FREE) ? 1 : 0;
        return k;
    }

    bool check_kw_names_const(uint32_t index)
    {
        ConstValue const& c = m_unit.consts[index];
        if (c.kind != ConstValue::Kind::Tuple)
            return false;
        for (ConstValue const& item : c.items)
            if (item.kind != ConstValue::Kind::Str)
                return false;
        return true;
    }

    bool check_instructions()
    {
        CodeUnit const& u = m_unit;
        uint32_t ncode = uint32_t(u.code.size());
        uint32_t nconsts = uint32_t(u.consts.size());
        uint32_t nnames = uint32_t(u.names.size());
        uint32_t nlocals = uint32_t(u.localsplusnames.size());
        m_is_start.assign(ncode, false);
        // First pass: instruction starts and opcodes, so jump targets can be checked.
        for (uint32_t i = 0; i < ncode;) {
            uint32_t opnum = u.code[i] & 0xff;
            if (opnum >= uint32_t(kNumOpcodes))
                return fail_at(i, "invalid opcode");
            Op op = word_op(u.code[i]);
            if (op == Op::CACHE)
                return fail_at(i, "CACHE where an instruction was expected");
            m_is_start[i] = true;
            uint32_t ncache = op_info(op).cache_units;
            if (i + 1 + ncache > ncode)
                return fail_at(i, "instruction's caches run past the end");
            for (uint32_t k = 1; k <= ncache; ++k)
                if (word_op(u.code[i + k]) != Op::CACHE)
                    return fail_at(i, "missing CACHE unit");
            i += 1 + ncache;
        }
        uint32_t nfree_slots = nfree();
        uint32_t last = 0;
        for (uint32_t i = 0; i < ncode; ++i) {
            if (!m_is_start[i])
                continue;
            last = i;
            CodeWord w = u.code[i];
            Op op = word_op(w);
            uint32_t arg = word_arg(w);
            OpInfo const& info = op_info(op);
            switch (info.operand) {
            case OperandKind::NONE:
                break;
            case OperandKind::CONST:
                if (arg >= nconsts)
                    return fail_at(i, "constant index out of range");
                if (op == Op::KW_NAMES) {
                    if (!check_kw_names_const(arg))
                        return fail_at(i, "KW_NAMES constant is not a tuple of str");
                    uint32_t next = i + 1;
                    if (next >= ncode || word_op(u.code[next]) != Op::CALL)
                        return fail_at(i, "KW_NAMES not followed by CALL");
                    if (u.consts[arg].items.size() > word_arg(u.code[next]))
                        return fail_at(i, "more keyword names than call arguments");
                }
                break;
            case OperandKind::NAME:
                if (arg >= nnames)
                    return fail_at(i, "name index out of range");
                break;
            case OperandKind::LOCAL:
                if (arg >= nlocals)
                    return fail_at(i, "local index out of range");
                if ((op == Op::MAKE_CELL || op == Op::LOAD_CLOSURE || op == Op::LOAD_DEREF || op == Op::LOAD_CLASSDEREF
                     || op == Op::STORE_DEREF || op == Op::DELETE_DEREF)
                    && !is_cell_slot(arg))
                    return fail_at(i, "cell operation on a slot that is not a cell");
                break;
            case OperandKind::JUMP:
                if (arg >= ncode || !m_is_start[arg])
                    return fail_at(i, "jump target is not an instruction");
                break;
            case OperandKind::COUNT:
                if (op == Op::COPY && arg < 1)
                    return fail_at(i, "COPY of nothing");
                if (op == Op::SWAP && arg < 2)
                    return fail_at(i, "SWAP with itself");
                if (op == Op::COPY_FREE_VARS && arg != nfree_slots)
                    return fail_at(i, "COPY_FREE_VARS count differs from the free variables");
                if (op == Op::BUILD_SLICE && arg != 2 && arg != 3)
                    return fail_at(i, "bad BUILD_SLICE count");
                if (op == Op::RAISE_VARARGS && arg > 2)
                    return fail_at(i, "bad RAISE_VARARGS count");
                break;
            case OperandKind::BINOP:
                if (arg >= uint32_t(kNumBinOps))
                    return fail_at(i, "bad BINARY_OP argument");
                break;
            case OperandKind::CMP:
                if (arg > uint32_t(CmpArg::GE))
                    return fail_at(i, "bad COMPARE_OP argument");
                break;
            case OperandKind::RAW:
                if (!check_raw(op, arg, nnames))
                    return fail_at(i, "bad operand");
                break;
            }
        }
        // The loop must never run off the end of the code.
        OpInfo const& li = op_info(word_op(u.code[last]));
        if (!(li.flags & F_TERM))
            return fail("code does not end with a return, raise or jump");
        return true;
    }

    static bool check_raw(Op op, uint32_t arg, uint32_t nnames)
    {
        switch (op) {
        case Op::RESUME:
        case Op::RERAISE:
        case Op::GET_AWAITABLE:
            return arg <= 2;
        case Op::LOAD_GLOBAL:
            return (arg >> 1) < nnames;
        case Op::IS_OP:
        case Op::CONTAINS_OP:
        case Op::CALL_FUNCTION_EX:
            return arg <= 1;
        case Op::UNPACK_EX:
            return arg <= 0xffff;
        case Op::FORMAT_VALUE:
            return arg <= 7;
        case Op::MAKE_FUNCTION:
            return arg <= 15;
        default:
            return true;
        }
    }

    bool check_exception_table()
    {
        CodeUnit const& u = m_unit;
        uint32_t ncode = uint32_t(u.code.size());
        uint32_t prev_end = 0;
        for (ExceptionEntry const& e : u.exception_table) {
            if (e.start >= e.end || e.end > ncode)
                return fail("exception table entry out of range");
            // Sorted and disjoint, as CPython's: the first covering entry is the only one.
            if (e.start < prev_end)
                return fail("exception table entries overlap or are not sorted");
            prev_end = e.end;
            if (e.target >= ncode || !m_is_start[e.target])
                return fail("exception handler is not an instruction");
            if (e.depth > uint32_t(u.stacksize) || e.depth + (e.lasti ? 1 : 0) + 1 > uint32_t(u.stacksize))
                return fail("exception handler depth exceeds the stack size");
        }
        return true;
    }

    // Abstract interpretation of the stack depth over the control-flow graph: every
    // instruction is reached with one depth, never reads below the base and never
    // pushes past stacksize.
    bool check_stack()
    {
        CodeUnit const& u = m_unit;
        uint32_t ncode = uint32_t(u.code.size());
        int maxdepth = u.stacksize;
        std::vector<int> depth(ncode, -1);
        std::vector<uint32_t> work;
        auto reach = [&](uint32_t target, int d, uint32_t from) -> bool {
            if (d < 0)
                return fail_at(from, "stack underflow");
            if (d > maxdepth)
                return fail_at(from, "stack depth exceeds co_stacksize");
            if (depth[target] < 0) {
                depth[target] = d;
                work.push_back(target);
            } else if (depth[target] != d) {
                return fail_at(target, "inconsistent stack depth");
            }
            return true;
        };
        if (!reach(0, 0, 0))
            return false;
        std::vector<ExceptionEntry> const& table = u.exception_table;
        while (!work.empty()) {
            uint32_t i = work.back();
            work.pop_back();
            int d = depth[i];
            Op op = word_op(u.code[i]);
            uint32_t arg = word_arg(u.code[i]);
            OpInfo const& info = op_info(op);
            if (d < stack_inputs(op, arg))
                return fail_at(i, "stack underflow");
            // A raise here lands in the covering handler with its recorded depth.
            if (ExceptionEntry const* e = find_entry(table.data(), uint32_t(table.size()), i)) {
                if (uint32_t(d) < e->depth)
                    return fail_at(i, "stack shallower than its exception handler's depth");
                if (!reach(e->target, int(e->depth) + (e->lasti ? 1 : 0) + 1, i))
                    return false;
            }
            uint32_t next = i + 1 + info.cache_units;
            if (info.flags & F_JUMP) {
                int eff = compiler::stack_effect(op, int(arg), true);
                if (eff == compiler::kInvalidStackEffect)
                    return fail_at(i, "unknown stack effect");
                if (!reach(arg, d + eff, i))
                    return false;
            }
            if (!(info.flags & F_TERM)) {
                int eff = compiler::stack_effect(op, int(arg), false);
                if (eff == compiler::kInvalidStackEffect)
                    return fail_at(i, "unknown stack effect");
                if (next >= ncode)
                    return fail_at(i, "execution runs off the end of the code");
                if (!reach(next, d + eff, i))
                    return false;
            }
        }
        return true;
    }
};

// ------------------------------------------------------------------ loading

// CPython interns string constants that look like identifiers; `is` on them behaves
// the same here.
bool all_name_chars(std::string_view s)
{
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || u == '_'))
            return false;
    }
    return true;
}

Value load_const(VM& vm, ConstValue const& c, int depth);

Value load_code_unit(VM& vm, CodeUnit const& u, int depth);

Value load_const(VM& vm, ConstValue const& c, int depth)
{
    if (depth > 200)
        return raise(vm, exc::SystemError, "invalid code object: constants nested too deeply");
    switch (c.kind) {
    case ConstValue::Kind::None:
        return py_none();
    case ConstValue::Kind::True:
        return py_true();
    case ConstValue::Kind::False:
        return py_false();
    case ConstValue::Kind::Ellipsis:
        return py_ellipsis();
    case ConstValue::Kind::Int: {
        if (c.big.empty())
            return int_from_i64(vm, c.i);
        // Decimal digits straight into GMP: no int-max-str-digits limit for literals the
        // compiler already accepted (hex literals arrive here as decimal too).
        std::string_view digits = c.big;
        bool neg = false;
        if (!digits.empty() && digits[0] == '-') {
            neg = true;
            digits.remove_prefix(1);
        }
        if (digits.empty())
            return raise(vm, exc::SystemError, "invalid code object: bad integer constant");
        for (char ch : digits)
            if (ch < '0' || ch > '9')
                return raise(vm, exc::SystemError, "invalid code object: bad integer constant");
        if (!int_reserve_bits(vm, digits.size() * 4, 2))
            return Value::null();
        Mpz z;
        mpz_set_str(z.z, std::string(digits).c_str(), 10);
        if (neg)
            mpz_neg(z.z, z.z);
        return int_from_mpz(vm, z);
    }
    case ConstValue::Kind::Float:
        return Value::from_double(c.f);
    case ConstValue::Kind::Complex:
        return complex_new(vm, c.re, c.f);
    case ConstValue::Kind::Str:
        if (!valid_generalized_utf8(c.s))
            return raise(vm, exc::SystemError, "invalid code object: string constant is not valid UTF-8");
        if (c.s.size() <= 64 && all_name_chars(c.s))
            return Value::from_object(intern(vm, c.s));
        return str_value(vm, c.s);
    case ConstValue::Kind::Bytes:
        return Value::from_object(bytes_new(vm, c.s));
    case ConstValue::Kind::Tuple:
    case ConstValue::Kind::FrozenSet: {
        if (c.kind == ConstValue::Kind::Tuple && c.items.empty())
            return Value::from_object(empty_tuple());
        Tuple* t = tuple_new(vm, c.items.size());
        if (!t)
            return Value::null();
        for (size_t i = 0; i < c.items.size(); ++i)
            t->items[i] = py_none(); // keep the tuple traceable while it fills
        for (size_t i = 0; i < c.items.size(); ++i)
            t->items[i] = TRY(load_const(vm, c.items[i], depth + 1));
        if (c.kind == ConstValue::Kind::Tuple)
            return Value::from_object(t);
        return frozenset_new(vm, Value::from_object(t));
    }
    case ConstValue::Kind::Code:
        if (!c.code)
            return raise(vm, exc::SystemError, "invalid code object: missing nested code");
        return load_code_unit(vm, *c.code, depth + 1);
    }
    return raise(vm, exc::SystemError, "invalid code object: unknown constant kind");
}

template<typename T>
RawBuffer* buffer_of(VM& vm, std::vector<T> const& items)
{
    RawBuffer* b = raw_buffer_new(vm, items.size() * sizeof(T));
    if (b && !items.empty())
        std::memcpy(b->data, items.data(), items.size() * sizeof(T));
    return b;
}

Tuple* interned_tuple(VM& vm, std::vector<std::string> const& strings)
{
    if (strings.empty())
        return empty_tuple();
    Tuple* t = tuple_new(vm, strings.size());
    if (!t)
        return nullptr;
    for (size_t i = 0; i < strings.size(); ++i)
        t->items[i] = py_none();
    for (size_t i = 0; i < strings.size(); ++i) {
        String* s = intern(vm, strings[i]);
        if (!s)
            return nullptr;
        t->items[i] = Value::from_object(s);
    }
    return t;
}

Value load_code_unit(VM& vm, CodeUnit const& u, int depth)
{
    if (depth > 200)
        return raise(vm, exc::SystemError, "invalid code object: code objects nested too deeply");
    std::string why = Verifier(u).run();
    if (!why.empty())
        return raise(vm, exc::SystemError, "invalid code object: " + why);

    auto* code = vm.heap.make<Code>(types.code);
    if (!code)
        return Value::null();
    code->name = intern(vm, u.name);
    code->qualname = intern(vm, u.qualname);
    code->filename = intern(vm, u.filename);
    code->names = interned_tuple(vm, u.names);
    code->localsplusnames = interned_tuple(vm, u.localsplusnames);
    code->localspluskinds = buffer_of(vm, u.localspluskinds);
    code->code = buffer_of(vm, u.code);
    code->locations = buffer_of(vm, u.locations);
    code->exception_table = u.exception_table.empty() ? nullptr : buffer_of(vm, u.exception_table);
    if (!code->name || !code->qualname || !code->filename || !code->names || !code->localsplusnames || !code->localspluskinds ||
        !code->code || !code->locations || (!u.exception_table.empty() && !code->exception_table))
        return Value::null();

    code->ncode = uint32_t(u.code.size());
    specialize_reset(code->words_mut(), code->ncode); // un-warmed (specialize.h)
    code->nexceptions = uint32_t(u.exception_table.size());
    code->firstlineno = u.firstlineno;
    code->argcount = uint32_t(u.argcount);
    code->posonlyargcount = uint32_t(u.posonlyargcount);
    code->kwonlyargcount = uint32_t(u.kwonlyargcount);
    code->nlocalsplus = uint32_t(u.localsplusnames.size());
    for (uint8_t k : u.localspluskinds) {
        code->ncells += (k & CO_FAST_CELL) ? 1 : 0;
        code->nfree += (k & CO_FAST_FREE) ? 1 : 0;
    }
    code->stacksize = uint32_t(u.stacksize);
    code->flags = u.flags;
    code->total_args = code->argcount + code->kwonlyargcount + ((u.flags & CO_VARARGS) ? 1 : 0)
        + ((u.flags & CO_VARKEYWORDS) ? 1 : 0);
    code->framesize = code->nlocalsplus + code->stacksize;

    // Constants last: a nested code object or a big constant may allocate a lot, and the
    // Code is reachable from this frame's locals meanwhile.
    if (u.consts.empty()) {
        code->consts = empty_tuple();
    } else {
        Tuple* consts = tuple_new(vm, u.consts.size());
        if (!consts)
            return Value::null();
        for (size_t i = 0; i < u.consts.size(); ++i)
            consts->items[i] = py_none();
        code->consts = consts;
        for (size_t i = 0; i < u.consts.size(); ++i)
            consts->items[i] = TRY(load_const(vm, u.consts[i], depth));
    }
    return Value::from_object(code);
}

} // namespace

// Through warnings.warn_explicit with the file and line of the code, as CPython's
// compiler_warn and parser_warn.
bool issue_compile_warnings(VM& vm, std::vector<compiler::SyntaxErrorInfo> const& warnings)
{
    if (warnings.empty() || !vm.interp)
        return true;
    String* module_name = intern(vm, "warnings");
    String* fn_name = intern(vm, "warn_explicit");
    if (!module_name || !fn_name)
        return false;
    Value mod = vm.interp->import_module(module_name);
    Value fn = mod.is_null() ? mod : getattr(vm, mod, fn_name);
    if (fn.is_null())
        return false;
    for (compiler::SyntaxErrorInfo const& w : warnings) {
        Value msg = str_value(vm, w.msg);
        Value filename = msg.is_null() ? msg : str_value(vm, w.filename);
        if (filename.is_null())
            return false;
        TypeObject* category = w.type == "DeprecationWarning" ? exc::DeprecationWarning : exc::SyntaxWarning;
        Value args[4] = { msg, Value::from_object(category), filename, int_from_i64(vm, w.lineno) };
        if (!call(vm, fn, args, 4).is_null())
            continue;
        if (vm.error_matches(category)) {
            vm.clear_error();
            compiler::SyntaxErrorInfo err = w;
            err.type = "SyntaxError";
            (void)raise_syntax_error(vm, err);
        }
        return false;
    }
    return true;
}

Value load_code(VM& vm, compiler::CodeUnit const& unit)
{
    Value code = load_code_unit(vm, unit, 0);
    if (code.is_null() || unit.warnings.empty() || issue_compile_warnings(vm, unit.warnings))
        return code;
    return Value::null();
}

int code_line_at(Code const* code, uint32_t lasti)
{
    if (!code || lasti >= code->ncode)
        return 0;
    return code->location_table()[lasti].lineno;
}

ExceptionEntry const* code_find_handler(Code const* code, uint32_t lasti)
{
    return find_entry(code->exception_entries(), code->nexceptions, lasti);
}

// ------------------------------------------------------------------ compiling

Value raise_syntax_error(VM& vm, compiler::SyntaxErrorInfo const& err)
{
    if (err.type == "RecursionError")
        return raise(vm, exc::RecursionError, err.msg);
    TypeObject* type = exc::SyntaxError;
    if (err.type == "IndentationError")
        type = exc::IndentationError;
    else if (err.type == "TabError")
        type = exc::TabError;
    auto text_value = [&](std::string const& s) -> Value {
        if (!valid_generalized_utf8(s))
            return py_none();
        return str_value(vm, s);
    };
    Value msg = text_value(err.msg);
    Value filename = text_value(err.filename);
    // The parser keeps the line as CPython's tokenizer does (with or without its newline);
    // errors found later read it from the file, as CPython's PyErr_ProgramTextObject.
    std::string line = err.text_from_file ? program_text_line(err.filename, err.lineno) : err.text;
    Value text = line.empty() ? py_none() : text_value(line);
    Value lineno = int_from_i64(vm, err.lineno);
    Value offset = int_from_i64(vm, err.offset);
    Value end_lineno = int_from_i64(vm, err.end_lineno);
    Value end_offset = int_from_i64(vm, err.end_offset);
    // Out of memory for any part: MemoryError (pending) instead.
    for (Value v : { msg, filename, text, lineno, offset, end_lineno, end_offset })
        if (v.is_null())
            return Value::null();
    using Form = compiler::SyntaxErrorInfo::Form;
    if (err.form == Form::MsgOnly) {
        // SyntaxError(msg), then located attribute by attribute (PyErr_SyntaxLocationObject),
        // or not at all (a file's "encoding problem").
        Tuple* msg_args = tuple_pack(vm, { msg });
        if (!msg_args)
            return Value::null();
        raise_with_args(vm, type, msg_args);
        if (err.lineno <= 0)
            return Value::null();
        Value e = vm.take_error();
        for (auto [name, value] : { std::pair { names.filename, filename }, { names.lineno, lineno }, { names.offset, offset },
                                    { names.text, text }, { names.end_lineno, lineno } })
            if (!setattr(vm, e, name, value))
                return Value::null();
        vm.restore_error(e);
        return Value::null();
    }
    Tuple* info = err.form == Form::FourTuple ? tuple_pack(vm, { filename, lineno, offset, text })
                                              : tuple_pack(vm, { filename, lineno, offset, text, end_lineno, end_offset });
    Tuple* args = tuple_pack(vm, { msg, Value::from_object(info) });
    if (!args)
        return Value::null();
    return raise_with_args(vm, type, args);
}

Value compile_to_code(VM& vm, std::string_view source, std::string const& filename, parser::Mode mode, int optimize,
                      SourceKind kind, uint32_t future_flags)
{
    compiler::CompileOptions options;
    options.optimize = optimize;
    options.future_flags = future_flags;
    options.source.is_text = kind == SourceKind::Text;
    options.source.decoder = decode_strict;
    options.source.max_int_digits = get_int_max_str_digits();
    compiler::SyntaxErrorInfo err;
    std::shared_ptr<compiler::CodeUnit> unit = compiler::compile_source(source, filename, mode, options, err);
    if (!unit) {
        // The parser gives SyntaxError.text as CPython has it (with or without the
        // line's newline, see stackless/parser/parser_errors.cpp).
        if (err.filename.empty())
            err.filename = filename;
        return raise_syntax_error(vm, err);
    }
    return load_code(vm, *unit);
}

// ------------------------------------------------------------------ the code type

namespace {

void trace_code(Object* o, Tracer& t)
{
    auto* c = static_cast<Code*>(o);
    t.visit(c->name);
    t.visit(c->qualname);
    t.visit(c->filename);
    t.visit(c->consts);
    t.visit(c->names);
    t.visit(c->localsplusnames);
    t.visit(c->localspluskinds);
    t.visit(c->code);
    t.visit(c->locations);
    t.visit(c->exception_table);
}

Code* self_code(Value const* args) { return args[0].as<Code>(); }

// The names of the slots whose kind has `bit`, in slot order (co_varnames, ...).
Value names_with_kind(VM& vm, Code* c, uint8_t bit)
{
    size_t n = 0;
    for (uint32_t i = 0; i < c->nlocalsplus; ++i)
        n += (c->local_kind(i) & bit) ? 1 : 0;
    if (n == 0)
        return Value::from_object(empty_tuple());
    Tuple* t = tuple_new(vm, n);
    if (!t)
        return Value::null();
    size_t k = 0;
    for (uint32_t i = 0; i < c->nlocalsplus; ++i)
        if (c->local_kind(i) & bit)
            t->items[k++] = Value::from_object(c->local_name(i));
    return Value::from_object(t);
}

Value code_co_name(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_code(args)->name); }
Value code_co_qualname(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_code(args)->qualname); }
Value code_co_filename(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_code(args)->filename); }
Value code_co_firstlineno(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_code(args)->firstlineno); }
Value code_co_argcount(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_code(args)->argcount); }
Value code_co_posonlyargcount(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_code(args)->posonlyargcount); }
Value code_co_kwonlyargcount(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_code(args)->kwonlyargcount); }
Value code_co_stacksize(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_code(args)->stacksize); }
Value code_co_flags(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_code(args)->flags); }
Value code_co_consts(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_code(args)->consts); }
Value code_co_names(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_code(args)->names); }
Value code_co_varnames(VM& vm, Value const* args, size_t, Tuple*) { return names_with_kind(vm, self_code(args), CO_FAST_LOCAL); }
Value code_co_cellvars(VM& vm, Value const* args, size_t, Tuple*) { return names_with_kind(vm, self_code(args), CO_FAST_CELL); }
Value code_co_freevars(VM& vm, Value const* args, size_t, Tuple*) { return names_with_kind(vm, self_code(args), CO_FAST_FREE); }

Value code_co_nlocals(VM& vm, Value const* args, size_t, Tuple*)
{
    Code* c = self_code(args);
    int64_t n = 0;
    for (uint32_t i = 0; i < c->nlocalsplus; ++i)
        n += (c->local_kind(i) & CO_FAST_LOCAL) ? 1 : 0;
    return int_from_i64(vm, n);
}

// co_code: two bytes per unit like CPython's layout (opcode, low byte of the argument);
// the full 24-bit argument is not representable there.
Value code_co_code(VM& vm, Value const* args, size_t, Tuple*)
{
    Code* c = self_code(args);
    Bytes* b = bytes_alloc(vm, size_t(c->ncode) * 2);
    if (!b)
        return Value::null();
    // Each instruction shows its family, not the specialized form the loop rewrote it to,
    // and the caches are empty (CPython's co_code likewise).
    std::vector<CodeWord> w = specialize_code_view(c);
    for (uint32_t i = 0; i < c->ncode; ++i) {
        b->data[2 * i] = static_cast<unsigned char>(w[i] & 0xff);
        b->data[2 * i + 1] = static_cast<unsigned char>(word_arg(w[i]) & 0xff);
    }
    return Value::from_object(b);
}

Value optional_int(VM& vm, int v, int unknown)
{
    return v == unknown ? py_none() : int_from_i64(vm, v);
}

// The line of a location as co_positions()/co_lines() show it: None when unknown. Line 0
// means unknown except for the module's artificial start (RESUME at line 0, ending at
// line 1), which CPython shows as line 0.
Value location_line(VM& vm, Location const& loc)
{
    if (loc.lineno == 0 && loc.end_lineno == 0)
        return py_none();
    return int_from_i64(vm, loc.lineno);
}

bool same_location(Location const& a, Location const& b)
{
    return a.lineno == b.lineno && a.end_lineno == b.end_lineno && a.col == b.col && a.end_col == b.end_col;
}

// co_positions(): an iterator of (lineno, end_lineno, col, end_col) per code unit.
Value code_co_positions(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    if (!check_no_kwargs(vm, "co_positions", kw) || !check_nargs(vm, "co_positions", nargs - 1, 0, 0))
        return Value::null();
    Code* c = self_code(args);
    List* out = list_new(vm, c->ncode);
    if (!out)
        return Value::null();
    Location const* loc = c->location_table();
    for (uint32_t i = 0; i < c->ncode; ++i) {
        Tuple* t = tuple_pack(vm, { location_line(vm, loc[i]), optional_int(vm, loc[i].end_lineno, 0),
                                    optional_int(vm, loc[i].col, -1), optional_int(vm, loc[i].end_col, -1) });
        if (!list_append(vm, out, Value::from_object(t)))
            return Value::null();
    }
    return get_iter(vm, Value::from_object(out));
}

// co_lines(): an iterator of (start, end, lineno) byte-offset ranges, one per entry of
// CPython 3.11's location table: a run of code units with the same position, cut every
// 8 units (the longest run one entry can describe).
Value code_co_lines(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    constexpr uint32_t kMaxEntryUnits = 8;
    if (!check_no_kwargs(vm, "co_lines", kw) || !check_nargs(vm, "co_lines", nargs - 1, 0, 0))
        return Value::null();
    Code* c = self_code(args);
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    Location const* loc = c->location_table();
    uint32_t start = 0;
    for (uint32_t i = 1; i <= c->ncode; ++i) {
        if (i < c->ncode && i - start < kMaxEntryUnits && same_location(loc[i], loc[start]))
            continue;
        Tuple* t = tuple_pack(vm, { Value::small_int(2 * int64_t(start)), Value::small_int(2 * int64_t(i)),
                                    location_line(vm, loc[start]) });
        if (!list_append(vm, out, Value::from_object(t)))
            return Value::null();
        start = i;
    }
    return get_iter(vm, Value::from_object(out));
}

// ---- equality, as CPython's code_richcompare: the same name, signature, flags, first
// line, instructions (their family, the specialized form is an execution detail),
// constants, names, locals, locations and handlers; the file name and the qualified name
// do not count. Constants are compared as CPython's _PyCode_ConstantKey: of the same
// type, 0.0 and -0.0 apart, tuples and frozensets element by element.

int code_equal(VM& vm, Code const* a, Code const* b, int depth);

int const_equal(VM& vm, Value a, Value b, int depth)
{
    if (a.bits() == b.bits())
        return 1;
    if (type_of(a) != type_of(b))
        return 0;
    auto same_double = [](double x, double y) { return x == y && std::signbit(x) == std::signbit(y); };
    if (is_float(a))
        return same_double(float_unwrap(a), float_unwrap(b)) ? 1 : 0;
    if (is_complex(a)) {
        Complex const* x = complex_unwrap(a);
        Complex const* y = complex_unwrap(b);
        return same_double(x->real, y->real) && same_double(x->imag, y->imag) ? 1 : 0;
    }
    if (depth > 100)
        return equal(vm, a, b);
    if (Tuple* ta = as_tuple(a)) {
        Tuple* tb = as_tuple(b);
        if (ta->size != tb->size)
            return 0;
        for (size_t i = 0; i < ta->size; ++i) {
            int r = const_equal(vm, ta->items[i], tb->items[i], depth + 1);
            if (r <= 0)
                return r;
        }
        return 1;
    }
    if (SetObject* sa = as_frozenset(a)) {
        SetObject* sb = as_frozenset(b);
        if (sa->used != sb->used)
            return 0;
        int64_t pa = 0, ha = 0;
        Value ka;
        while (set_next(sa, pa, ka, ha)) {
            int found = 0;
            int64_t pb = 0, hb = 0;
            Value kb;
            while (!found && set_next(sb, pb, kb, hb)) {
                found = const_equal(vm, ka, kb, depth + 1);
                if (found < 0)
                    return -1;
            }
            if (!found)
                return 0;
        }
        return 1;
    }
    if (type_of(a) == types.code)
        return code_equal(vm, a.as<Code>(), b.as<Code>(), depth + 1);
    return equal(vm, a, b);
}

int code_equal(VM& vm, Code const* a, Code const* b, int depth)
{
    if (a == b)
        return 1;
    if (a->argcount != b->argcount || a->posonlyargcount != b->posonlyargcount
        || a->kwonlyargcount != b->kwonlyargcount || a->flags != b->flags || a->firstlineno != b->firstlineno
        || a->ncode != b->ncode || a->nexceptions != b->nexceptions || a->nlocalsplus != b->nlocalsplus)
        return 0;
    if (!str_equal(a->name, b->name))
        return 0;
    CodeWord const* wa = a->words();
    CodeWord const* wb = b->words();
    for (uint32_t i = 0; i < a->ncode; i += 1 + op_info(word_op(wa[i])).cache_units) {
        if (op_family(word_op(wa[i])) != op_family(word_op(wb[i])) || word_arg(wa[i]) != word_arg(wb[i]))
            return 0;
    }
    Location const* la = a->location_table();
    Location const* lb = b->location_table();
    for (uint32_t i = 0; i < a->ncode; ++i)
        if (!same_location(la[i], lb[i]))
            return 0;
    ExceptionEntry const* ea = a->exception_entries();
    ExceptionEntry const* eb = b->exception_entries();
    for (uint32_t i = 0; i < a->nexceptions; ++i)
        if (ea[i].start != eb[i].start || ea[i].end != eb[i].end || ea[i].target != eb[i].target
            || ea[i].depth != eb[i].depth || ea[i].lasti != eb[i].lasti)
            return 0;
    for (uint32_t i = 0; i < a->nlocalsplus; ++i)
        if (a->local_kind(i) != b->local_kind(i) || !str_equal(a->local_name(i), b->local_name(i)))
            return 0;
    if (a->names->size != b->names->size || a->consts->size != b->consts->size)
        return 0;
    for (size_t i = 0; i < a->names->size; ++i)
        if (!str_equal(a->names->items[i].as<String>(), b->names->items[i].as<String>()))
            return 0;
    for (size_t i = 0; i < a->consts->size; ++i) {
        int r = const_equal(vm, a->consts->items[i], b->consts->items[i], depth);
        if (r <= 0)
            return r;
    }
    return 1;
}

Value code_compare(VM& vm, Value const* args, size_t nargs, bool want_eq)
{
    if (nargs != 2)
        return raise_fmt(vm, exc::TypeError, "expected 1 argument, got %zu", nargs - 1);
    if (type_of(args[1]) != types.code)
        return py_not_implemented();
    int r = code_equal(vm, self_code(args), args[1].as<Code>(), 0);
    if (r < 0)
        return Value::null();
    return py_bool((r == 1) == want_eq);
}

Value code_eq(VM& vm, Value const* args, size_t nargs, Tuple*) { return code_compare(vm, args, nargs, true); }
Value code_ne(VM& vm, Value const* args, size_t nargs, Tuple*) { return code_compare(vm, args, nargs, false); }

// Mixes only what equal code objects share.
Value code_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    Code const* c = self_code(args);
    int64_t h = 0;
    if (!hash(vm, Value::from_object(c->name), h))
        return Value::null();
    uint64_t x = uint64_t(h);
    for (uint64_t v : { uint64_t(c->argcount), uint64_t(c->posonlyargcount), uint64_t(c->kwonlyargcount),
                        uint64_t(c->flags), uint64_t(c->ncode), uint64_t(c->nlocalsplus) })
        x = x * 1000003u ^ v;
    int64_t r = int64_t(x >> 2);
    return int_from_i64(vm, r == -1 ? -2 : r);
}

// ---- co_linetable: the location table in CPython 3.11's format (Objects/locations.md),
// over slpy's code units. Each entry covers 1 to 8 units: a byte 1cccclll (code, length
// - 1), then the code's data; the line is a delta from the previous entry's.

bool no_location(Location const& loc) { return loc.lineno == 0 && loc.end_lineno == 0; }

void put_varint(std::string& out, uint32_t v)
{
    while (v >= 64) {
        out += char(64 | (v & 63));
        v >>= 6;
    }
    out += char(v);
}

void put_svarint(std::string& out, int v) { put_varint(out, v < 0 ? (uint32_t(-int64_t(v)) << 1) | 1 : uint32_t(v) << 1); }

// CPython's write_location_info_entry.
void put_location_entry(std::string& out, Location const& loc, int length, int& prev_line)
{
    auto head = [&](int code) { out += char(0x80 | (code << 3) | (length - 1)); };
    if (no_location(loc)) {
        head(15);
        return;
    }
    int line_delta = loc.lineno - prev_line;
    int col = loc.col, end_col = loc.end_col;
    if (col < 0 || end_col < 0) {
        if (loc.end_lineno == loc.lineno) {
            head(13);
            put_svarint(out, line_delta);
            prev_line = loc.lineno;
            return;
        }
    } else if (loc.end_lineno == loc.lineno) {
        if (line_delta == 0 && col < 80 && end_col >= col && end_col - col < 16) {
            head(col >> 3);
            out += char(((col & 7) << 4) | (end_col - col));
            return;
        }
        if (line_delta >= 0 && line_delta < 3 && col < 128 && end_col < 128) {
            head(10 + line_delta);
            out += char(col);
            out += char(end_col);
            prev_line = loc.lineno;
            return;
        }
    }
    head(14);
    put_svarint(out, line_delta);
    put_varint(out, uint32_t(loc.end_lineno - loc.lineno));
    put_varint(out, uint32_t(col + 1));
    put_varint(out, uint32_t(end_col + 1));
    prev_line = loc.lineno;
}

Value code_co_linetable(VM& vm, Value const* args, size_t, Tuple*)
{
    Code* c = self_code(args);
    Location const* loc = c->location_table();
    std::string out;
    int prev_line = c->firstlineno;
    uint32_t start = 0;
    for (uint32_t i = 1; i <= c->ncode; ++i) {
        if (i < c->ncode && i - start < 8 && same_location(loc[i], loc[start]))
            continue;
        put_location_entry(out, loc[start], int(i - start), prev_line);
        start = i;
    }
    Bytes* b = bytes_new(vm, out);
    return b ? Value::from_object(b) : Value::null();
}

// The units' locations a co_linetable describes (the reverse of the above); units past
// its end, or past a malformed entry, have none.
std::vector<Location> decode_linetable(std::string_view table, uint32_t ncode, int firstlineno)
{
    std::vector<Location> out(ncode, Location { 0, 0, -1, -1 });
    size_t p = 0;
    auto byte = [&]() -> int { return p < table.size() ? static_cast<unsigned char>(table[p++]) : -1; };
    auto varint = [&]() -> int64_t {
        int b = byte();
        if (b < 0)
            return -1;
        int64_t v = b & 63;
        for (int shift = 6; (b & 64) && shift < 36; shift += 6) {
            if ((b = byte()) < 0)
                return -1;
            v |= int64_t(b & 63) << shift;
        }
        return v;
    };
    auto svarint = [&]() -> int64_t {
        int64_t v = varint();
        return v < 0 ? 0 : (v & 1) ? -(v >> 1) : (v >> 1);
    };
    int64_t line = firstlineno;
    uint32_t unit = 0;
    while (unit < ncode) {
        int first = byte();
        if (first < 0 || !(first & 0x80))
            break;
        int code = (first >> 3) & 15;
        uint32_t length = uint32_t(first & 7) + 1;
        Location loc { 0, 0, -1, -1 };
        if (code == 15) {
            // no location
        } else if (code == 14) {
            line += svarint();
            int64_t end_delta = varint(), col = varint(), end_col = varint();
            if (end_col < 0)
                break;
            loc = Location { int(line), int(line + end_delta), int(col - 1), int(end_col - 1) };
        } else if (code == 13) {
            line += svarint();
            loc = Location { int(line), int(line), -1, -1 };
        } else if (code >= 10) {
            line += code - 10;
            int col = byte(), end_col = byte();
            if (end_col < 0)
                break;
            loc = Location { int(line), int(line), col, end_col };
        } else {
            int b = byte();
            if (b < 0)
                break;
            int col = code * 8 + (b >> 4);
            loc = Location { int(line), int(line), col, col + (b & 15) };
        }
        for (uint32_t k = 0; k < length && unit < ncode; ++k)
            out[unit++] = loc;
    }
    return out;
}

Value code_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Code* c = self_code(args);
    char buf[64];
    std::snprintf(buf, sizeof buf, " at %p, file \"", static_cast<void*>(c));
    std::string s = std::string("<code object ") + c->name->c_str() + buf + c->filename->c_str() + "\", line "
        + std::to_string(c->firstlineno) + ">";
    return str_value(vm, s);
}

} // namespace

// code.replace(**changes): a copy with other names, flags, first line or constants (what
// types.coroutine and functools-style helpers change). The bytecode and its tables are
// shared, so changes that would need them re-verified are refused with a clear error.
Value code_replace(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Code* c = self_code(args);
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "replace() takes exactly 0 positional arguments (%zu given)", nargs - 1);
    Value a[18];
    if (!parse_args(vm, "replace", args + 1, 0, kw,
                    { "co_flags", "co_name", "co_qualname", "co_filename", "co_firstlineno", "co_consts", "co_argcount",
                      "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize", "co_code", "co_names",
                      "co_varnames", "co_freevars", "co_cellvars", "co_linetable", "co_exceptiontable" },
                    0, a))
        return Value::null();
    static char const* const unsupported[] = { "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
                                               "co_stacksize", "co_code", "co_names", "co_varnames", "co_freevars",
                                               "co_cellvars", "co_linetable", "co_exceptiontable" };
    constexpr size_t kLinetable = 16;
    for (size_t i = 6; i < 18; i++)
        if (!a[i].is_null() && i != kLinetable)
            return raise_fmt(vm, exc::NotImplementedError, "code.replace(%s=...) is not supported by slpy", unsupported[i - 6]);
    int64_t flags = c->flags, firstlineno = c->firstlineno;
    if (!a[0].is_null() && !int_to_i64(a[0], flags))
        return raise_fmt(vm, exc::TypeError, "replace() argument 'co_flags' must be int, not %s", type_name(a[0]));
    if (flags < 0 || (uint64_t(flags) & ~uint64_t(0x3ff | compiler::k_future_flags_mask)))
        return raise(vm, exc::ValueError, "code: co_flags has unknown bits");
    // The argument layout (total_args, the frame's locals) follows these bits.
    if ((uint32_t(flags) ^ c->flags) & (CO_OPTIMIZED | CO_NEWLOCALS | CO_VARARGS | CO_VARKEYWORDS))
        return raise(vm, exc::NotImplementedError, "code.replace() changing the argument or locals flags is not supported by slpy");
    if (!a[4].is_null() && !int_to_i64(a[4], firstlineno))
        return raise_fmt(vm, exc::TypeError, "replace() argument 'co_firstlineno' must be int, not %s", type_name(a[4]));
    String* strs[3] = { c->name, c->qualname, c->filename };
    char const* str_names[3] = { "co_name", "co_qualname", "co_filename" };
    for (int i = 0; i < 3; i++) {
        if (a[1 + i].is_null())
            continue;
        if (!as_str(a[1 + i]))
            return raise_fmt(vm, exc::TypeError, "replace() argument '%s' must be str, not %s", str_names[i], type_name(a[1 + i]));
        strs[i] = intern(vm, as_str(a[1 + i]));
        if (!strs[i])
            return Value::null();
    }
    Tuple* consts = c->consts;
    if (!a[5].is_null()) {
        if (type_of(a[5]) != types.tuple)
            return raise_fmt(vm, exc::TypeError, "replace() argument 'co_consts' must be tuple, not %s", type_name(a[5]));
        if (a[5].as<Tuple>()->size != c->consts->size)
            return raise(vm, exc::NotImplementedError, "code.replace(co_consts=...) with another number of constants is not supported by slpy");
        consts = a[5].as<Tuple>();
    }
    auto* n = vm.heap.make<Code>(types.code);
    if (!n)
        return Value::null();
    std::memcpy(static_cast<void*>(reinterpret_cast<char*>(n) + sizeof(Object)),
                reinterpret_cast<char const*>(c) + sizeof(Object), sizeof(Code) - sizeof(Object));
    n->name = strs[0];
    n->qualname = strs[1];
    n->filename = strs[2];
    n->consts = consts;
    n->flags = uint32_t(flags);
    n->firstlineno = int32_t(firstlineno);
    if (!a[kLinetable].is_null()) {
        Bytes* table = as_bytes(a[kLinetable]);
        if (!table)
            return raise_fmt(vm, exc::TypeError, "replace() argument 'co_linetable' must be bytes, not %s", type_name(a[kLinetable]));
        n->locations = buffer_of(vm, decode_linetable(std::string_view(reinterpret_cast<char const*>(table->data), table->size),
                                                      n->ncode, n->firstlineno));
        if (!n->locations)
            return Value::null();
    }
    // A copy of the bytecode that starts un-warmed, as a new code object does.
    n->code = raw_buffer_new(vm, size_t(c->ncode) * sizeof(CodeWord));
    if (!n->code)
        return Value::null();
    std::memcpy(n->code->data, c->words(), size_t(c->ncode) * sizeof(CodeWord));
    specialize_reset(n->words_mut(), n->ncode);
    return Value::from_object(n);
}

void setup_code_type(VM& vm)
{
    TypeObject* t = types.code;
    t->basicsize = sizeof(Code);
    t->trace = trace_code;
    t->finalize = nullptr;
    add_methods(vm, t,
                {
                    { "__repr__", code_repr },
                    { "__eq__", code_eq },
                    { "__ne__", code_ne },
                    { "__hash__", code_hash },
                    { "co_positions", code_co_positions },
                    { "co_lines", code_co_lines },
                    { "replace", code_replace },
                });
    add_getsets(vm, t,
                {
                    { "co_name", code_co_name },
                    { "co_qualname", code_co_qualname },
                    { "co_filename", code_co_filename },
                    { "co_firstlineno", code_co_firstlineno },
                    { "co_argcount", code_co_argcount },
                    { "co_posonlyargcount", code_co_posonlyargcount },
                    { "co_kwonlyargcount", code_co_kwonlyargcount },
                    { "co_nlocals", code_co_nlocals },
                    { "co_varnames", code_co_varnames },
                    { "co_cellvars", code_co_cellvars },
                    { "co_freevars", code_co_freevars },
                    { "co_names", code_co_names },
                    { "co_consts", code_co_consts },
                    { "co_flags", code_co_flags },
                    { "co_stacksize", code_co_stacksize },
                    { "co_code", code_co_code },
                    { "co_linetable", code_co_linetable },
                });
}

} // namespace slpy
