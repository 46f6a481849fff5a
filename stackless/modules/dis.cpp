// The dis module: dis, disassemble, distb, code_info, show_code, findlinestarts,
// pretty_flags, and the opcode tables (opname, opmap, hasconst, ...).
//
// Formatting is not done here: a Code is turned back into the compiler's CodeUnit and
// compiler::dump_code prints it, so `dis.dis` and `slpy --dis` share one formatter with
// CPython 3.11's layout. What this file adds is CPython's dis.py logic around it: which
// objects can be disassembled and how (functions, methods, generators, classes, source
// strings), recursion into nested code objects with `depth`, and the output stream.
// The instructions are slpy's (absolute jumps, no PRECALL, caches hidden), the layout is
// CPython's.
#include "stackless/modules/dis.h"

#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/builtins/builtins.h"
#include "stackless/compiler/code_dump.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/specialize.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace slpy {

namespace {

using compiler::CodeUnit;
using compiler::ConstValue;

// ------------------------------------------------------------------ Code -> CodeUnit

bool value_to_const(VM& vm, Value v, ConstValue& out, int depth);

// A constant without a ConstValue kind. An Int constant with `big` set is printed
// verbatim by const_repr, so the runtime repr stands in for it.
bool repr_const(VM& vm, Value v, ConstValue& out)
{
    Value r = repr(vm, v);
    if (r.is_null())
        return false;
    out = ConstValue::big_integer(std::string(as_str(r)->view()));
    return true;
}

bool items_to_consts(VM& vm, Value iterable, ConstValue& out, int depth)
{
    Value it = get_iter(vm, iterable);
    if (it.is_null())
        return false;
    for (;;) {
        Value item = iter_next(vm, it);
        if (item.is_null())
            return false;
        if (item.is_stop_iteration())
            return true;
        out.items.emplace_back();
        if (!value_to_const(vm, item, out.items.back(), depth + 1))
            return false;
    }
}

bool value_to_const(VM& vm, Value v, ConstValue& out, int depth)
{
    if (depth > 200)
        return repr_const(vm, v, out);
    TypeObject* t = type_of(v);
    if (is_none(v)) {
        out = ConstValue::none();
    } else if (v.is(py_true())) {
        out = ConstValue::boolean(true);
    } else if (v.is(py_false())) {
        out = ConstValue::boolean(false);
    } else if (v.is(py_ellipsis())) {
        out = ConstValue::ellipsis();
    } else if (t == types.int_) {
        int64_t i;
        if (int_to_i64(v, i))
            out = ConstValue::integer(i);
        else
            out = ConstValue::big_integer(int_to_decimal(v));
    } else if (v.is_double()) {
        out = ConstValue::floating(v.as_double());
    } else if (t == types.complex) {
        out = ConstValue::complex(v.as<Complex>()->real, v.as<Complex>()->imag);
    } else if (t == types.str) {
        out = ConstValue::str(std::string(v.as<String>()->view()));
    } else if (t == types.bytes) {
        out = ConstValue::bytes(std::string(v.as<Bytes>()->view()));
    } else if (t == types.tuple) {
        out = ConstValue();
        out.kind = ConstValue::Kind::Tuple;
        Tuple* tup = v.as<Tuple>();
        out.items.resize(tup->size);
        for (size_t i = 0; i < tup->size; ++i)
            if (!value_to_const(vm, tup->items[i], out.items[i], depth + 1))
                return false;
    } else if (t == types.frozenset) {
        // Iteration order is the table order, which is what repr(frozenset) shows.
        out = ConstValue();
        out.kind = ConstValue::Kind::FrozenSet;
        return items_to_consts(vm, v, out, depth);
    } else if (t == types.code) {
        out = ConstValue();
        out.kind = ConstValue::Kind::Code;
        out.code = std::make_shared<CodeUnit>();
        return code_to_unit(vm, v.as<Code>(), *out.code);
    } else {
        return repr_const(vm, v, out);
    }
    return true;
}

std::vector<std::string> strings_of(Tuple const* t)
{
    std::vector<std::string> out;
    out.reserve(t->size);
    for (size_t i = 0; i < t->size; ++i)
        out.emplace_back(as_str(t->items[i])->view());
    return out;
}

// ------------------------------------------------------------------ output

// Where the text goes: `file`, or sys.stdout looked up at each write as print() does.
// A None stream swallows the text (print(file=None) with sys.stdout None).
struct Output {
    Value file; // null: sys.stdout
    bool adaptive = false; // show the specialized forms the loop runs (adaptive=True)

    bool write(VM& vm, std::string const& text) const
    {
        Value f = file;
        if (f.is_null() || is_none(f)) {
            f = sys_stream(vm, names.stdout);
            if (f.is_not_found()) {
                raise(vm, exc::RuntimeError, "lost sys.stdout");
                return false;
            }
            if (is_none(f))
                return true;
        }
        Value s = str_value(vm, text);
        return !call_method(vm, f, names.write, &s, 1).is_null();
    }
};

// Marks the instruction at byte offset `lasti` with "-->" (CPython's current-instruction
// column, which dump_code leaves blank): the three columns after the line numbers.
void mark_current(std::string& text, Code const* code, int64_t lasti)
{
    int maxline = 0;
    for (uint32_t i = 0; i < code->ncode; ++i)
        maxline = std::max(maxline, code->location_table()[i].lineno);
    size_t marker = std::max<size_t>(3, std::to_string(maxline).size()) + 1;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string::npos)
            eol = text.size();
        std::string_view line(text.data() + pos, eol - pos);
        if (line.starts_with("ExceptionTable:"))
            return;
        // columns: lineno, ' ', marker (3), ' ', '>>' (2), ' ', offset (right-aligned)
        if (line.size() > marker + 7 && line.substr(marker, 3) == "   ") {
            size_t p = marker + 7;
            while (p < line.size() && line[p] == ' ')
                ++p;
            int64_t offset = 0;
            size_t digits = 0;
            while (p < line.size() && line[p] >= '0' && line[p] <= '9') {
                offset = offset * 10 + (line[p++] - '0');
                ++digits;
            }
            if (digits && offset == lasti) {
                text.replace(pos + marker, 3, "-->");
                return;
            }
        }
        pos = eol + 1;
    }
}

// CPython's disassemble(co, lasti): one code object, no recursion.
bool disassemble_one(VM& vm, Code const* code, int64_t lasti, Output const& out)
{
    CodeUnit unit;
    if (!code_to_unit(vm, code, unit, out.adaptive))
        return false;
    std::string text = compiler::dump_code(unit, false);
    if (lasti >= 0)
        mark_current(text, code, lasti);
    return out.write(vm, text);
}

// CPython's _disassemble_recursive. `depth` is the Python value (None: no limit), compared
// and decremented with Python semantics only when there is something nested, as dis.py
// does. The headers name nested code objects by their runtime repr (with the address),
// as CPython's "%r" does.
bool disassemble_recursive(VM& vm, Code const* code, Value depth, Output const& out)
{
    if (!disassemble_one(vm, code, -1, out))
        return false;
    if (!is_none(depth)) {
        int more = rich_compare_bool(vm, depth, Value::small_int(0), CmpArg::GT);
        if (more <= 0)
            return more == 0;
        depth = binary_op(vm, depth, Value::small_int(1), BinOpArg::SUBTRACT);
        if (depth.is_null())
            return false;
    }
    for (size_t i = 0; i < code->consts->size; ++i) {
        Value c = code->consts->items[i];
        if (type_of(c) != types.code)
            continue;
        Value r = repr(vm, c);
        if (r.is_null() || !out.write(vm, "\nDisassembly of " + std::string(as_str(r)->view()) + ":\n"))
            return false;
        if (!disassemble_recursive(vm, c.as<Code>(), depth, out))
            return false;
    }
    return true;
}

// ------------------------------------------------------------------ what to disassemble

// hasattr(x, name) then x = x.name. False on an error other than AttributeError.
bool take_attr(VM& vm, Value& x, char const* name, bool& found)
{
    String* attr = intern(vm, name);
    if (!attr)
        return false;
    Value v = getattr_opt(vm, x, attr);
    if (v.is_null())
        return false;
    found = !v.is_not_found();
    if (found)
        x = v;
    return true;
}

// dis.py's first steps: a method's __func__, then a function's __code__ or a generator's
// (coroutine's) code object.
bool unwrap_code_holder(VM& vm, Value& x)
{
    bool found = false;
    if (!take_attr(vm, x, "__func__", found))
        return false;
    for (char const* name : { "__code__", "gi_code", "ag_code", "cr_code" }) {
        if (!take_attr(vm, x, name, found))
            return false;
        if (found)
            break;
    }
    return true;
}

// _try_compile: source as an expression first, then as statements.
Value try_compile(VM& vm, String* source, char const* filename)
{
    Value code = compile_to_code(vm, source->view(), filename, parser::Mode::Eval, vm.optimize);
    if (!code.is_null() || !is_instance_fast(vm.error(), exc::SyntaxError))
        return code;
    vm.clear_error();
    return compile_to_code(vm, source->view(), filename, parser::Mode::Exec, vm.optimize);
}

Value cannot_disassemble(VM& vm, Value x)
{
    return raise_fmt(vm, exc::TypeError, "don't know how to disassemble %s objects", type_name(x));
}

// The objects a class or module __dict__ entry must be for dis to descend into it
// (dis.py's _have_code).
bool has_code(Value v)
{
    for (TypeObject* t : { types.method, types.function, types.code, types.classmethod, types.staticmethod, types.type })
        if (is_instance_fast(v, t))
            return true;
    return false;
}

Value dis_object(VM& vm, Value x, Value depth, Output const& out);

// A class or module: every function-like entry of its __dict__, sorted by name.
Value dis_namespace(VM& vm, Value ns, Value depth, Output const& out)
{
    Value items = TRY(call_method(vm, ns, names.items, nullptr, 0));
    List* list = list_from_iterable(vm, items);
    if (!list)
        return Value::null();
    String* sort = intern(vm, "sort");
    if (!sort)
        return Value::null();
    TRY(call_method(vm, Value::from_object(list), sort, nullptr, 0));
    for (size_t i = 0; i < list->size; ++i) {
        Tuple* pair = as_tuple(list->items()[i]);
        if (!pair || pair->size != 2)
            continue;
        Value name = pair->items[0], value = pair->items[1];
        if (!has_code(value))
            continue;
        Value name_str = TRY(to_str(vm, name));
        if (!out.write(vm, "Disassembly of " + std::string(as_str(name_str)->view()) + ":\n"))
            return Value::null();
        if (dis_object(vm, value, depth, out).is_null()) {
            if (!is_instance_fast(vm.error(), exc::TypeError))
                return Value::null();
            Value msg = to_str(vm, vm.take_error());
            if (msg.is_null() || !out.write(vm, "Sorry: " + std::string(as_str(msg)->view()) + "\n"))
                return Value::null();
        }
        if (!out.write(vm, "\n"))
            return Value::null();
    }
    return py_none();
}

Value dis_object(VM& vm, Value x, Value depth, Output const& out)
{
    if (!unwrap_code_holder(vm, x))
        return Value::null();
    Value dict = TRY(getattr_opt(vm, x, names.__dict__));
    if (!dict.is_not_found())
        return dis_namespace(vm, dict, depth, out);
    if (type_of(x) == types.code)
        return disassemble_recursive(vm, x.as<Code>(), depth, out) ? py_none() : Value::null();
    if (as_bytes(x) || as_bytearray(x))
        return raise(vm, exc::NotImplementedError,
                     "dis.dis of raw bytecode: slpy's code units are not CPython's bytecode");
    if (String* source = as_str(x)) {
        Value code = TRY(try_compile(vm, source, "<dis>"));
        return disassemble_recursive(vm, code.as<Code>(), depth, out) ? py_none() : Value::null();
    }
    return cannot_disassemble(vm, x);
}

// dis.py's _get_code_object (code_info, show_code, disassemble, findlinestarts).
Value get_code_object(VM& vm, Value x)
{
    if (!unwrap_code_holder(vm, x))
        return Value::null();
    if (String* source = as_str(x))
        x = TRY(try_compile(vm, source, "<disassembly>"));
    if (type_of(x) == types.code)
        return x;
    return cannot_disassemble(vm, x);
}

// Refuses a second positional argument with CPython's message for a keyword-only tail.
bool check_positional(VM& vm, char const* fname, size_t nargs, size_t max)
{
    if (nargs <= max)
        return true;
    raise_fmt(vm, exc::TypeError, "%s() takes from 0 to %zu positional arguments but %zu were given", fname, max, nargs);
    return false;
}

// Formats a "%s"-style field of code_info: the str() of x.<attr>.
bool attr_text(VM& vm, Value x, char const* attr, std::string& out)
{
    String* name = intern(vm, attr);
    if (!name)
        return false;
    Value v = getattr(vm, x, name);
    if (v.is_null())
        return false;
    Value s = to_str(vm, v);
    if (s.is_null())
        return false;
    out = std::string(as_str(s)->view());
    return true;
}

struct FlagName {
    uint32_t flag;
    char const* name;
};
constexpr FlagName kFlagNames[] = {
    { 1, "OPTIMIZED" }, { 2, "NEWLOCALS" }, { 4, "VARARGS" }, { 8, "VARKEYWORDS" },
    { 16, "NESTED" }, { 32, "GENERATOR" }, { 64, "NOFREE" }, { 128, "COROUTINE" },
    { 256, "ITERABLE_COROUTINE" }, { 512, "ASYNC_GENERATOR" },
};

// pretty_flags: the names of the set bits, low to high, unknown bits in hex.
std::string pretty_flags(uint64_t flags)
{
    std::string out;
    auto add = [&](std::string const& s) { out += (out.empty() ? "" : ", ") + s; };
    for (int i = 0; i < 32; ++i) {
        uint64_t flag = uint64_t(1) << i;
        if (!(flags & flag))
            continue;
        char const* name = nullptr;
        for (auto const& f : kFlagNames)
            if (f.flag == flag)
                name = f.name;
        char buf[32];
        std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(flag));
        add(name ? name : buf);
        flags ^= flag;
        if (!flags)
            return out;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(flags));
    add(buf);
    return out;
}

// _format_code_info
Value format_code_info(VM& vm, Value co)
{
    Code* code = co.as<Code>();
    std::string text;
    auto line = [&](std::string const& s) {
        if (!text.empty())
            text += "\n";
        text += s;
    };
    std::string nlocals;
    if (!attr_text(vm, co, "co_nlocals", nlocals))
        return Value::null();
    line("Name:              " + std::string(code->name->view()));
    line("Filename:          " + std::string(code->filename->view()));
    line("Argument count:    " + std::to_string(code->argcount));
    line("Positional-only arguments: " + std::to_string(code->posonlyargcount));
    line("Kw-only arguments: " + std::to_string(code->kwonlyargcount));
    line("Number of locals:  " + nlocals);
    line("Stack size:        " + std::to_string(code->stacksize));
    line("Flags:             " + pretty_flags(code->flags));
    auto numbered = [&](char const* title, Value seq, bool use_repr) -> bool {
        Tuple* t = as_tuple(seq);
        if (!t || t->size == 0)
            return true;
        line(title);
        for (size_t i = 0; i < t->size; ++i) {
            Value s = use_repr ? repr(vm, t->items[i]) : to_str(vm, t->items[i]);
            if (s.is_null())
                return false;
            char buf[32];
            std::snprintf(buf, sizeof buf, "%4zu: ", i);
            line(buf + std::string(as_str(s)->view()));
        }
        return true;
    };
    if (!numbered("Constants:", Value::from_object(code->consts), true)
        || !numbered("Names:", Value::from_object(code->names), false))
        return Value::null();
    for (auto [title, attr] : { std::pair { "Variable names:", "co_varnames" }, { "Free variables:", "co_freevars" },
                                { "Cell variables:", "co_cellvars" } }) {
        String* name = intern(vm, attr);
        if (!name)
            return Value::null();
        Value v = TRY(getattr(vm, co, name));
        if (!numbered(title, v, false))
            return Value::null();
    }
    return str_value(vm, text);
}

// The Code behind `co` for functions that take only code objects (disassemble,
// findlinestarts), with the AttributeError dis.py would get from co.co_lines().
Code* require_code(VM& vm, Value co)
{
    if (type_of(co) == types.code)
        return co.as<Code>();
    raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute 'co_lines'", type_name(co));
    return nullptr;
}

// distb's body: tb null means sys.last_traceback's innermost entry.
Value distb_impl(VM& vm, Value tb, Output const& out)
{
    if (tb.is_null() || is_none(tb)) {
        Module* sys = interp(vm).sys_module;
        String* last_traceback = intern(vm, "last_traceback");
        String* tb_next = intern(vm, "tb_next");
        if (!last_traceback || !tb_next)
            return Value::null();
        tb = sys ? TRY(getattr_opt(vm, Value::from_object(sys), last_traceback)) : Value::not_found();
        if (tb.is_not_found())
            return raise(vm, exc::RuntimeError, "no last traceback to disassemble");
        for (;;) {
            Value next = TRY(getattr(vm, tb, tb_next));
            int more = truthy(vm, next);
            if (more < 0)
                return Value::null();
            if (!more)
                break;
            tb = next;
        }
    }
    String* tb_frame = intern(vm, "tb_frame");
    String* f_code = intern(vm, "f_code");
    String* tb_lasti = intern(vm, "tb_lasti");
    if (!tb_frame || !f_code || !tb_lasti)
        return Value::null();
    Value frame = TRY(getattr(vm, tb, tb_frame));
    Value co = TRY(getattr(vm, frame, f_code));
    Value lasti_v = TRY(getattr(vm, tb, tb_lasti));
    int64_t lasti;
    if (!index_i64(vm, lasti_v, lasti))
        return Value::null();
    Code* code = require_code(vm, co);
    if (!code)
        return Value::null();
    return disassemble_one(vm, code, lasti, out) ? py_none() : Value::null();
}

// ------------------------------------------------------------------ functions

// The `adaptive` argument of dis, distb and disassemble (null when not given).
bool adaptive_arg(VM& vm, Value v, bool& out)
{
    out = false;
    if (v.is_null())
        return true;
    int r = truthy(vm, v);
    out = r > 0;
    return r >= 0;
}

// dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False)
// show_caches is accepted and ignored: slpy hides its cache units. adaptive=True shows
// the specialized forms (specialize.h) the instructions run as now.
Value dis_dis(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_positional(vm, "dis", nargs, 1))
        return Value::null();
    Value a[5];
    if (!parse_args(vm, "dis", args, nargs, kwnames, { "x", "file", "depth", "show_caches", "adaptive" }, 0, a))
        return Value::null();
    Value depth = a[2].is_null() ? py_none() : a[2];
    Output out { a[1] };
    if (!adaptive_arg(vm, a[4], out.adaptive))
        return Value::null();
    if (a[0].is_null() || is_none(a[0]))
        return distb_impl(vm, Value::null(), out);
    return dis_object(vm, a[0], depth, out);
}

// distb(tb=None, *, file=None, show_caches=False, adaptive=False)
Value dis_distb(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_positional(vm, "distb", nargs, 1))
        return Value::null();
    Value a[4];
    if (!parse_args(vm, "distb", args, nargs, kwnames, { "tb", "file", "show_caches", "adaptive" }, 0, a))
        return Value::null();
    Output out { a[1] };
    if (!adaptive_arg(vm, a[3], out.adaptive))
        return Value::null();
    return distb_impl(vm, a[0], out);
}

// disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False)
Value dis_disassemble(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "disassemble() takes from 1 to 2 positional arguments but %zu were given", nargs);
    Value a[5];
    if (!parse_args(vm, "disassemble", args, nargs, kwnames, { "co", "lasti", "file", "show_caches", "adaptive" }, 1, a))
        return Value::null();
    int64_t lasti = -1;
    if (!a[1].is_null() && !index_i64(vm, a[1], lasti))
        return Value::null();
    Code* code = require_code(vm, a[0]);
    if (!code)
        return Value::null();
    Output out { a[2] };
    if (!adaptive_arg(vm, a[4], out.adaptive))
        return Value::null();
    return disassemble_one(vm, code, lasti, out) ? py_none() : Value::null();
}

// code_info(x) -> str
Value dis_code_info(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "code_info", args, nargs, kwnames, { "x" }, 1, a))
        return Value::null();
    Value co = TRY(get_code_object(vm, a[0]));
    return format_code_info(vm, co);
}

// show_code(co, *, file=None): print(code_info(co), file=file)
Value dis_show_code(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "show_code() takes 1 positional argument but %zu were given", nargs);
    Value a[2];
    if (!parse_args(vm, "show_code", args, nargs, kwnames, { "co", "file" }, 1, a))
        return Value::null();
    Value co = TRY(get_code_object(vm, a[0]));
    Value info = TRY(format_code_info(vm, co));
    return Output { a[1] }.write(vm, std::string(as_str(info)->view()) + "\n") ? py_none() : Value::null();
}

// findlinestarts(code): (offset, lineno) where the line changes, as co_lines() ranges
// give them (unknown lines skipped).
Value dis_findlinestarts(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "findlinestarts", args, nargs, kwnames, { "code" }, 1, a))
        return Value::null();
    Code* code = require_code(vm, a[0]);
    if (!code)
        return Value::null();
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    int lastline = -1;
    for (uint32_t i = 0; i < code->ncode; ++i) {
        int line = code->location_table()[i].lineno;
        if (line <= 0 || line == lastline)
            continue;
        lastline = line;
        Tuple* pair = tuple_pack(vm, { int_from_i64(vm, 2 * int64_t(i)), int_from_i64(vm, line) });
        if (!list_append(vm, out, Value::from_object(pair)))
            return Value::null();
    }
    return get_iter(vm, Value::from_object(out));
}

// pretty_flags(flags) -> str
Value dis_pretty_flags(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[1];
    if (!parse_args(vm, "pretty_flags", args, nargs, kwnames, { "flags" }, 1, a))
        return Value::null();
    int64_t flags;
    if (!index_i64(vm, a[0], flags))
        return Value::null();
    return str_value(vm, pretty_flags(static_cast<uint64_t>(flags)));
}

// Not there yet: Instruction records need a namedtuple and slpy's own argval rules.
Value dis_get_instructions(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::NotImplementedError, "dis.get_instructions is not supported yet");
}

Value dis_bytecode(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::NotImplementedError, "dis.Bytecode is not supported yet");
}

// dis.Positions, CPython's namedtuple of a location (lineno, end_lineno, col_offset,
// end_col_offset, each defaulting to None): made on first use through the module's
// __getattr__ (PEP 562), so importing dis does not import collections.
Value dis_getattr(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "__getattr__", nargs, 1, 1))
        return Value::null();
    String* name = as_str(args[0]);
    if (!name || name->view() != "Positions")
        return raise_fmt(vm, exc::AttributeError, "module 'dis' has no attribute '%s'", name ? name->c_str() : "?");
    Interpreter& in = interp(vm);
    Value dis = TRY(in.import_module(intern(vm, "dis")));
    Value collections = TRY(in.import_module(intern(vm, "collections")));
    Value namedtuple = TRY(getattr(vm, collections, intern(vm, "namedtuple")));
    List* defaults = list_new(vm);
    for (int i = 0; i < 4; ++i)
        if (!defaults || !list_append(vm, defaults, py_none()))
            return Value::null();
    Value targs[4] = { str_value(vm, "Positions"), str_value(vm, "lineno end_lineno col_offset end_col_offset"),
                       Value::from_object(defaults), str_value(vm, "dis") };
    Tuple* kw = tuple_pack(vm, { str_value(vm, "defaults"), str_value(vm, "module") });
    if (!kw)
        return Value::null();
    Value positions = TRY(call(vm, namedtuple, targs, 2, kw));
    if (!setattr(vm, dis, name, positions))
        return Value::null();
    return positions;
}

// ------------------------------------------------------------------ opcode tables

Value int_list(VM& vm, bool (*pick)(int op))
{
    List* list = list_new(vm);
    for (int op = 0; op < kNumOpcodes; ++op)
        if (pick(op))
            list_append(vm, list, Value::small_int(op));
    return Value::from_object(list);
}

OperandKind operand_of(int op) { return kOpInfo[op].operand; }
bool is_cell_op(int op)
{
    std::string_view name = kOpInfo[op].name;
    return name.find("DEREF") != std::string_view::npos || name == "MAKE_CELL" || name == "LOAD_CLOSURE";
}

void add_opcode_tables(VM& vm, Module* m)
{
    // opname has 256 entries like CPython's; unused numbers are "<N>".
    List* opname = list_new(vm, 256);
    Dict* opmap = dict_new(vm);
    for (int op = 0; op < 256; ++op) {
        if (op < kNumOpcodes && !op_is_specialized(static_cast<Op>(op))) { // as CPython: specialized forms are "<N>"
            Value name = Value::from_object(intern(vm, kOpInfo[op].name));
            list_append(vm, opname, name);
            dict_set(vm, opmap, name, Value::small_int(op));
        } else {
            list_append(vm, opname, str_value(vm, "<" + std::to_string(op) + ">"));
        }
    }
    module_add(vm, m, "opname", Value::from_object(opname));
    module_add(vm, m, "opmap", Value::from_object(opmap));
    module_add(vm, m, "cmp_op",
               Value::from_object(tuple_pack(vm, { str_value(vm, "<"), str_value(vm, "<="), str_value(vm, "=="),
                                                    str_value(vm, "!="), str_value(vm, ">"), str_value(vm, ">=") })));
    module_add(vm, m, "hasconst", int_list(vm, [](int op) { return operand_of(op) == OperandKind::CONST; }));
    module_add(vm, m, "hasname", int_list(vm, [](int op) {
        return operand_of(op) == OperandKind::NAME || static_cast<Op>(op) == Op::LOAD_GLOBAL;
    }));
    // slpy's jumps are absolute unit indices: hasjrel stays empty.
    module_add(vm, m, "hasjrel", int_list(vm, [](int) { return false; }));
    module_add(vm, m, "hasjabs", int_list(vm, [](int op) { return operand_of(op) == OperandKind::JUMP; }));
    module_add(vm, m, "haslocal", int_list(vm, [](int op) { return operand_of(op) == OperandKind::LOCAL && !is_cell_op(op); }));
    module_add(vm, m, "hasfree", int_list(vm, [](int op) { return operand_of(op) == OperandKind::LOCAL && is_cell_op(op); }));
    module_add(vm, m, "hascompare", int_list(vm, [](int op) { return operand_of(op) == OperandKind::CMP; }));

    Dict* flag_names = dict_new(vm);
    for (auto const& f : kFlagNames)
        dict_set(vm, flag_names, Value::small_int(f.flag), str_value(vm, f.name));
    module_add(vm, m, "COMPILER_FLAG_NAMES", Value::from_object(flag_names));
}

} // namespace

bool code_to_unit(VM& vm, Code const* code, compiler::CodeUnit& out, bool adaptive)
{
    out.name = std::string(code->name->view());
    out.qualname = std::string(code->qualname->view());
    out.filename = std::string(code->filename->view());
    out.firstlineno = code->firstlineno;
    out.argcount = int(code->argcount);
    out.posonlyargcount = int(code->posonlyargcount);
    out.kwonlyargcount = int(code->kwonlyargcount);
    out.stacksize = int(code->stacksize);
    out.flags = code->flags;
    out.localsplusnames = strings_of(code->localsplusnames);
    out.localspluskinds.assign(code->localspluskinds->data, code->localspluskinds->data + code->nlocalsplus);
    out.names = strings_of(code->names);
    out.code = specialize_code_view(code, adaptive);
    out.locations.assign(code->location_table(), code->location_table() + code->ncode);
    if (code->nexceptions)
        out.exception_table.assign(code->exception_entries(), code->exception_entries() + code->nexceptions);
    out.consts.resize(code->consts->size);
    for (size_t i = 0; i < code->consts->size; ++i)
        if (!value_to_const(vm, code->consts->items[i], out.consts[i], 0))
            return false;
    return true;
}

Module* make_dis_module(VM& vm)
{
    Module* m = module_new(vm, "dis");
    module_add_functions(vm, m, {
        { "dis", dis_dis },
        { "distb", dis_distb },
        { "disassemble", dis_disassemble },
        { "disco", dis_disassemble },
        { "code_info", dis_code_info },
        { "show_code", dis_show_code },
        { "findlinestarts", dis_findlinestarts },
        { "pretty_flags", dis_pretty_flags },
        { "get_instructions", dis_get_instructions },
        { "Bytecode", dis_bytecode },
        { "__getattr__", dis_getattr },
    });
    add_opcode_tables(vm, m);
    return m;
}

} // namespace slpy
