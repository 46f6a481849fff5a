// Frames and traceback entries: allocation, GC tracing, and the Python-level `frame`
// and `traceback` types (f_code, f_lineno, f_locals, tb_next, tb_lineno, ...).
// Generators, which own a frame, are in generator.cpp.
#include "stackless/vm/frame.h"

#include "stackless/vm/frame_api.h"
#include "stackless/vm/str_builder.h"
#include "stackless/vm/exec_stats.h"
#include "stackless/vm/interpreter.h"

#include "objects/function.h"
#include "objects/int.h"
#include "objects/string.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace slpy {

// ------------------------------------------------------------------ frames

Frame* frame_new(VM& vm, Code* code, Function* func, Dict* globals, Dict* builtins, Value locals)
{
    size_t bytes = sizeof(Frame) + size_t(code->framesize) * sizeof(Value);
    auto* f = static_cast<Frame*>(vm.heap.allocate(types.frame, bytes));
    if (!f)
        return nullptr;
    SLPY_STAT(vm.interp ? vm.interp->stats : nullptr, FramesAllocated);
    // The heap hands out zeroed memory: every link, locals slot and stack slot is null.
    f->code = code;
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    f->ip = 0;
    f->lasti = 0;
    f->stack_top = code->nlocalsplus;
    f->return_mode = ReturnMode::Push;
    f->state = FrameState::Created;
    f->captured = false;
    return f;
}

static void trace_frame(Object* o, Tracer& t)
{
    auto* f = static_cast<Frame*>(o);
    t.visit(f->code);
    t.visit(f->func);
    t.visit(f->globals);
    t.visit(f->builtins);
    t.visit(f->locals);
    t.visit(f->back);
    t.visit(f->gen);
    t.visit(f->aux);
    t.visit(f->prev_exc);
    if (!f->code)
        return;
    // Slots above stack_top may hold stale values that were popped: not traced, so the
    // popped objects can die. (The clamp guards against a half-built frame.)
    uint32_t top = std::min(f->stack_top, f->code->framesize);
    t.visit_range(f->localsplus, f->localsplus + top);
}

// ------------------------------------------------------------------ tracebacks

Traceback* traceback_new(VM& vm, Value next, Frame* frame, uint32_t lasti)
{
    auto* tb = vm.heap.make<Traceback>(types.traceback);
    if (!tb)
        return nullptr;
    tb->next = next.is_null() ? py_none() : next;
    tb->frame = frame;
    tb->lasti = lasti;
    tb->lineno = code_line_at(frame->code, lasti);
    // A traceback keeps the frame alive after it returns: it must not be recycled.
    frame->captured = true;
    return tb;
}

static void trace_traceback(Object* o, Tracer& t)
{
    auto* tb = static_cast<Traceback*>(o);
    t.visit(tb->next);
    t.visit(tb->frame);
}

namespace {

Frame* self_frame(Value const* args) { return args[0].as<Frame>(); }
Traceback* self_tb(Value const* args) { return args[0].as<Traceback>(); }

Value or_none(Object* o) { return o ? Value::from_object(o) : py_none(); }

Value frame_f_code(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_frame(args)->code); }
Value frame_f_globals(VM&, Value const* args, size_t, Tuple*) { return or_none(self_frame(args)->globals); }
Value frame_f_builtins(VM&, Value const* args, size_t, Tuple*) { return or_none(self_frame(args)->builtins); }

Value frame_f_back(VM&, Value const* args, size_t, Tuple*)
{
    Frame* back = frame_visible_back(self_frame(args));
    if (!back)
        return py_none();
    back->captured = true; // now visible to Python code
    return Value::from_object(back);
}

int frame_lineno(Frame const* f)
{
    // A frame that has not started reports its first line, as CPython does.
    if (f->state == FrameState::Created)
        return f->code->firstlineno;
    return f->line();
}

Value frame_f_lineno(VM& vm, Value const* args, size_t, Tuple*)
{
    return int_from_i64(vm, frame_lineno(self_frame(args)));
}

Value frame_f_lasti(VM& vm, Value const* args, size_t, Tuple*)
{
    Frame* f = self_frame(args);
    if (f->state == FrameState::Created)
        return Value::small_int(-1);
    return int_from_i64(vm, 2 * int64_t(f->lasti));
}

// f_locals: the locals mapping of module, class and exec frames; a fresh snapshot of
// the bound locals (cells dereferenced) for function frames.
Value frame_f_locals(VM& vm, Value const* args, size_t, Tuple*)
{
    Frame* f = self_frame(args);
    if (!f->locals.is_null())
        return f->locals;
    return frame_locals_snapshot(vm, f);
}

// frame.clear(): drops the locals and the value stack of a finished frame, as CPython
// does (traceback.clear_frames, unittest's assertRaises). A running frame refuses with
// CPython's message; the frame of an unfinished generator closes the generator first.
Value frame_clear(VM& vm, Value const* args, size_t, Tuple*)
{
    Frame* f = self_frame(args);
    switch (f->state) {
    case FrameState::Running:
        return raise(vm, exc::RuntimeError, "cannot clear an executing frame");
    case FrameState::Created:
    case FrameState::Suspended:
        if (!f->gen)
            return raise(vm, exc::RuntimeError, "cannot clear a suspended frame that belongs to no generator");
        TRY(call_method(vm, Value::from_object(f->gen), names.close, nullptr, 0));
        break;
    case FrameState::Done:
        break;
    }
    for (uint32_t i = 0; i < f->stack_top; ++i)
        f->localsplus[i] = Value::null();
    f->stack_top = f->code->nlocalsplus;
    return py_none();
}

Value frame_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Frame* f = self_frame(args);
    Value file = TRY(repr(vm, Value::from_object(f->code->filename)));
    char buf[64];
    std::snprintf(buf, sizeof buf, "<frame at %p, file ", static_cast<void*>(f));
    std::string s = std::string(buf) + as_str(file)->c_str() + ", line " + std::to_string(frame_lineno(f))
        + ", code " + f->code->name->c_str() + ">";
    return str_value(vm, s);
}

Value tb_get_next(VM&, Value const* args, size_t, Tuple*) { return self_tb(args)->next; }

Value tb_set_next(VM& vm, Value const* args, size_t, Tuple*)
{
    Traceback* tb = self_tb(args);
    Value v = args[1];
    if (v.is_null())
        return raise(vm, exc::TypeError, "can't delete tb_next attribute");
    if (!is_none(v) && type_of(v) != types.traceback)
        return raise_fmt(vm, exc::TypeError, "expected traceback object or None, got '%s'", type_name(v));
    // No cycles: the new chain must not lead back to this entry.
    for (Value cur = v; !is_none(cur); cur = cur.as<Traceback>()->next)
        if (cur.as_object() == tb)
            return raise(vm, exc::ValueError, "traceback loop detected");
    tb->next = v;
    return py_none();
}

Value tb_frame(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(self_tb(args)->frame); }
Value tb_lasti(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, 2 * int64_t(self_tb(args)->lasti)); }

Value tb_lineno(VM& vm, Value const* args, size_t, Tuple*) { return int_from_i64(vm, self_tb(args)->lineno); }

// traceback(tb_next, tb_frame, tb_lasti, tb_lineno), as CPython's tb_new (tb_lasti is a
// byte offset, an instruction of the frame's code).
Value tb_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (nargs < 1
        || !parse_args(vm, "TracebackType", args + 1, nargs - 1, kwnames, { "tb_next", "tb_frame", "tb_lasti", "tb_lineno" }, 4, a))
        return Value::null();
    if (!is_none(a[0]) && type_of(a[0]) != types.traceback)
        return raise_fmt(vm, exc::TypeError, "expected traceback object or None, got '%s'", type_name(a[0]));
    if (type_of(a[1]) != types.frame)
        return raise_fmt(vm, exc::TypeError, "TracebackType() argument 'tb_frame' must be frame, not %s", type_name(a[1]));
    int64_t lasti = 0, lineno = 0;
    if (!index_i64(vm, a[2], lasti) || !index_i64(vm, a[3], lineno))
        return Value::null();
    Frame* frame = a[1].as<Frame>();
    if (lasti < 0 || (frame->code && uint64_t(lasti) / 2 >= frame->code->ncode) || lineno < INT32_MIN || lineno > INT32_MAX)
        return raise(vm, exc::ValueError, "TracebackType(): tb_lasti or tb_lineno out of range for the frame's code");
    Traceback* tb = traceback_new(vm, a[0], frame, uint32_t(lasti / 2));
    if (!tb)
        return Value::null();
    tb->lineno = int(lineno);
    return Value::from_object(tb);
}

} // namespace

Value frame_locals_snapshot(VM& vm, Frame* f)
{
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    Code* code = f->code;
    for (uint32_t i = 0; i < code->nlocalsplus; ++i) {
        Value v = f->localsplus[i];
        if (v.is_null())
            continue;
        uint8_t kind = code->local_kind(i);
        // Cell and free slots hold a Cell once MAKE_CELL / COPY_FREE_VARS ran; before
        // that a cell argument still holds its plain value.
        if ((kind & (CO_FAST_CELL | CO_FAST_FREE)) && type_of(v) == types.cell) {
            v = v.as<Cell>()->ref;
            if (v.is_null())
                continue;
        }
        str_builder_escape(v); // the dict shares it now: no more appending in place
        if (!dict_set_str(vm, d, code->local_name(i), v))
            return Value::null();
    }
    return Value::from_object(d);
}

void setup_frame_types(VM& vm)
{
    TypeObject* ft = types.frame;
    ft->basicsize = sizeof(Frame);
    ft->trace = trace_frame;
    ft->finalize = nullptr;
    add_methods(vm, ft, { { "__repr__", frame_repr }, { "clear", frame_clear } });
    add_getsets(vm, ft,
                {
                    { "f_code", frame_f_code },
                    { "f_globals", frame_f_globals },
                    { "f_builtins", frame_f_builtins },
                    { "f_back", frame_f_back },
                    { "f_lineno", frame_f_lineno },
                    { "f_lasti", frame_f_lasti },
                    { "f_locals", frame_f_locals },
                });

    TypeObject* tt = types.traceback;
    tt->basicsize = sizeof(Traceback);
    tt->trace = trace_traceback;
    tt->finalize = nullptr;
    add_methods(vm, tt, { { "__new__", tb_new, METH_STATIC } });
    add_getsets(vm, tt,
                {
                    { "tb_next", tb_get_next, tb_set_next },
                    { "tb_frame", tb_frame },
                    { "tb_lasti", tb_lasti },
                    { "tb_lineno", tb_lineno },
                });

    setup_generator_type(vm);
}

} // namespace slpy
