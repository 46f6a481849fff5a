// The gc module over slpy's collector (objects/heap.*), with CPython 3.11's interface.
//
// slpy's collector is one non-moving mark-sweep over the whole heap, with no reference
// counts and no generations, so the module reports it as CPython's full (generation 2)
// collection:
//   * collect() collects the whole heap whatever the generation, runs the weak
//     reference callbacks and gc.callbacks, and returns the number of objects it freed
//     (CPython counts the unreachable objects of cycles; slpy frees all garbage here);
//   * get_count() is (objects allocated since the last collection, 0, 0);
//   * disable() stops the collections that the allocation volume triggers (set_threshold
//     with threshold0 == 0 does too); running out of memory still collects, because
//     without reference counts nothing else would free memory;
//   * get_objects() lists the live objects CPython's collector would track (after a
//     collection); freeze() counts them into the "permanent generation";
//   * is_tracked() follows CPython: atomic objects (int, str, ...) and dicts holding only
//     such objects are untracked;
//   * garbage stays empty: objects with __del__ in cycles are collected (PEP 442).
//
// Finalizers (PEP 442 semantics at collection time, as PyPy runs them): the heap keeps a
// weak registry of the objects whose type has a DEL slot (a class's __del__; generators,
// coroutines and async generators, whose __del__ closes them; io objects) and queues the
// ones a collection finds unreachable, resurrected for that cycle (objects/heap.h). This
// module's state runs the queue outside the collector: at the next pending-call poll of
// the eval loop (the heap's notify hook asks for one), and synchronously at the end of
// gc.collect(). Each runs once (gc.is_finalized); errors go to sys.unraisablehook
// ("Exception ignored in: <function C.__del__ ...>"). An object that its __del__
// resurrected stays alive; the next collection that finds it unreachable frees it.
// gc.collect() collects once more when finalizers ran, so that what they left
// unreachable (the finalized objects themselves) is freed by the one call, as in CPython.
// A finalizer runs as a nested call on the current tasklet (from the poll that found
// the queue non-empty), like weakref callbacks: a switch inside it runs on a carrier.
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/coroutine.h"
#include "stackless/vm/interpreter.h"

#include <cstring>

namespace slpy {

namespace {

constexpr int kDebugStats = 1, kDebugCollectable = 2, kDebugUncollectable = 4, kDebugSaveall = 32;
constexpr int kDebugLeak = kDebugCollectable | kDebugUncollectable | kDebugSaveall;

char const kGcStateKey = 0;

bool finalizer_needed(Object* o);

struct GcState : VM::ModuleState {
    explicit GcState(VM& vm)
    {
        VM* v = &vm;
        vm.heap.set_finalizer_notify([v] { v->request_pending_calls(); });
        vm.heap.set_finalizer_filter(finalizer_needed);
    }
    Module* module = nullptr; // for gc.callbacks
    bool enabled = true;
    int64_t threshold[3] = { 700, 10, 10 };
    int64_t debug = 0;
    int64_t frozen = 0;
    int64_t collections = 0;
    int64_t collected = 0;
    bool running = false;
    bool finalizing = false; // the queue is being run (a poll inside a __del__ leaves it)

    void trace(Tracer& t) override { t.visit(module); }
    bool run_pending(VM& vm) override { return run_finalizers(vm); }

    // Runs the finalizers the collector queued, oldest first, until none is left (those a
    // collection inside a finalizer queues included).
    bool run_finalizers(VM& vm)
    {
        if (finalizing || !vm.heap.has_pending_finalizers())
            return true;
        finalizing = true;
        // An exception pending in the caller (gc.collect from an error path) is kept
        // aside while Python code runs.
        Value saved = vm.take_error();
        while (Object* o = vm.heap.pop_finalizer()) {
            o->gc |= GC_PY_FINALIZED;
            Value self = Value::from_object(o);
            Value del = o->type->slot(Slot::DEL); // null when __del__ was deleted since
            if (!del.is_null() && call_slot(vm, self, Slot::DEL, nullptr, 0).is_null())
                write_unraisable(vm, "Exception ignored in", del);
        }
        if (!saved.is_null())
            vm.restore_error(saved);
        finalizing = false;
        return true;
    }
};

bool finalizer_needed(Object* o)
{
    TypeObject* t = o->type;
    if (t == types.generator || t == coro_types.coroutine || t == coro_types.async_generator)
        return generator_needs_finalizing(o);
    return true;
}

GcState& state(VM& vm) { return module_state<GcState>(vm, &kGcStateKey); }

void apply_auto(VM& vm, GcState& st) { vm.heap.set_auto_collect(st.enabled && st.threshold[0] != 0); }

// CPython's untracked objects: atomic values, and dicts whose keys and values all are.
bool is_atomic(Value v)
{
    if (!v.is_object())
        return true;
    TypeObject* t = type_of(v);
    return t == types.int_ || t == types.bool_ || t == types.float_ || t == types.complex || t == types.str
        || t == types.bytes || t == types.none || t == types.not_implemented || t == types.ellipsis
        || t == types.range || t == types.bytearray;
}

bool is_tracked_value(Value v)
{
    if (is_atomic(v))
        return false;
    if (type_of(v) == types.tuple && as_tuple(v)->size == 0) // the shared empty tuple
        return false;
    if (type_of(v) == types.dict) {
        Dict* d = as_dict(v);
        size_t pos = 0;
        Value key, value;
        while (dict_next(d, pos, key, value))
            if (!is_atomic(key) || !is_atomic(value))
                return true;
        return false;
    }
    return true;
}

// Heap objects that are Python objects in their own right (not the runtime's internal
// arrays and buffers), that CPython would track.
bool is_listed(Object* o)
{
    TypeObject* t = o->type;
    if (!t || t == types.value_array || t == types.raw_buffer)
        return false;
    return is_tracked_value(Value::from_object(o));
}

bool generation_arg(VM& vm, Value v, int64_t& gen)
{
    if (v.is_null()) {
        gen = 2;
        return true;
    }
    return index_i64(vm, v, gen);
}

// Calls each of gc.callbacks with (phase, info).
bool run_callbacks(VM& vm, GcState& st, char const* phase, int64_t generation, int64_t collected)
{
    if (!st.module)
        return true;
    String* name = intern(vm, "callbacks");
    if (!name)
        return false;
    Value cbs = dict_get_str(vm, st.module->dict, name);
    List* list = cbs.is_object() && !cbs.is_not_found() ? as_list(cbs) : nullptr;
    if (!list || list->size == 0)
        return true;
    Dict* info = dict_new(vm);
    if (!info)
        return false;
    Value phase_v = str_value(vm, phase);
    if (phase_v.is_null())
        return false;
    for (auto [k, v] : { std::pair<char const*, int64_t> { "generation", generation }, { "collected", collected }, { "uncollectable", 0 } }) {
        String* key = intern(vm, k);
        if (!key || !dict_set_str(vm, info, key, int_from_i64(vm, v)))
            return false;
    }
    // Over a copy: a callback may edit the list.
    List* copy = list_from_array(vm, list->items(), list->size);
    if (!copy)
        return false;
    for (size_t i = 0; i < copy->size; ++i) {
        Value args[2] = { phase_v, Value::from_object(info) };
        if (call(vm, copy->items()[i], args, 2).is_null())
            write_unraisable(vm, "Exception ignored in", copy->items()[i]);
    }
    return true;
}

// Zeroes the C stack below the caller's frame. The conservative scan sees every word of
// the frames between the eval loop and the collector, including slots those frames never
// wrote, which still hold what deeper calls of earlier instructions left there (an
// instance whose __init__ stored an attribute): gc.collect() scrubs that region first,
// so the objects the program just dropped are found dead by this collection.
__attribute__((noinline)) void scrub_stack_below()
{
    char buf[32 * 1024];
    std::memset(buf, 0, sizeof buf);
    __asm__ volatile("" : : "r"(buf) : "memory");
}

#define SLPY_GC_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_GC_FN(gc_collect)
{
    Value a[1];
    if (!parse_args(vm, "collect", args, nargs, kwnames, { "generation" }, 0, a))
        return Value::null();
    int64_t gen;
    if (!generation_arg(vm, a[0], gen))
        return Value::null();
    if (gen < 0 || gen > 2)
        return raise(vm, exc::ValueError, "invalid generation");
    GcState& st = state(vm);
    if (st.running) // a collection's callback asked for another: CPython does nothing
        return Value::small_int(0);
    st.running = true;
    bool ok = run_callbacks(vm, st, "start", gen, 0);
    int64_t freed = 0;
    if (ok) {
        scrub_stack_below();
        vm.heap.collect();
        freed = int64_t(vm.heap.stats().objects_freed);
        // The finalizers and weak reference callbacks of this collection run now, as
        // CPython's do; what the finalizers leave unreachable is freed by a second pass.
        bool finalized = vm.heap.stats().finalizers_queued > 0;
        ok = run_pending_calls(vm);
        if (ok && finalized && !st.finalizing) {
            vm.heap.collect();
            freed += int64_t(vm.heap.stats().objects_freed);
            ok = run_pending_calls(vm);
        }
        ++st.collections;
        st.collected += freed;
        ok = ok && run_callbacks(vm, st, "stop", gen, freed);
    }
    st.running = false;
    if (!ok)
        return Value::null();
    return int_from_i64(vm, freed);
}

SLPY_GC_FN(gc_enable)
{
    if (!check_nargs(vm, "enable", nargs, 0, 0))
        return Value::null();
    GcState& st = state(vm);
    st.enabled = true;
    apply_auto(vm, st);
    return py_none();
}

SLPY_GC_FN(gc_disable)
{
    if (!check_nargs(vm, "disable", nargs, 0, 0))
        return Value::null();
    GcState& st = state(vm);
    st.enabled = false;
    apply_auto(vm, st);
    return py_none();
}

SLPY_GC_FN(gc_isenabled) { return py_bool(state(vm).enabled); }

SLPY_GC_FN(gc_get_threshold)
{
    GcState& st = state(vm);
    Value t[3];
    for (int i = 0; i < 3; ++i)
        t[i] = TRY(int_from_i64(vm, st.threshold[i]));
    return Value::from_object(tuple_pack(vm, { t[0], t[1], t[2] }));
}

SLPY_GC_FN(gc_set_threshold)
{
    if (!check_no_kwargs(vm, "set_threshold", kwnames))
        return Value::null();
    if (nargs < 1)
        return raise_fmt(vm, exc::TypeError, "set_threshold() takes at least 1 argument (%zu given)", nargs);
    if (nargs > 3)
        return raise_fmt(vm, exc::TypeError, "set_threshold() takes at most 3 arguments (%zu given)", nargs);
    GcState& st = state(vm);
    int64_t t[3] = { st.threshold[0], st.threshold[1], st.threshold[2] };
    for (size_t i = 0; i < nargs; ++i) {
        if (is_instance_fast(args[i], types.float_))
            return raise(vm, exc::TypeError, "'float' object cannot be interpreted as an integer");
        if (!index_i64(vm, args[i], t[i]))
            return Value::null();
        if (t[i] > INT32_MAX || t[i] < INT32_MIN)
            return raise(vm, exc::OverflowError, t[i] > 0 ? "signed integer is greater than maximum" : "signed integer is less than minimum");
    }
    for (int i = 0; i < 3; ++i)
        st.threshold[i] = t[i];
    apply_auto(vm, st);
    return py_none();
}

SLPY_GC_FN(gc_get_count)
{
    Value n = TRY(int_from_i64(vm, int64_t(vm.heap.stats().objects_allocated)));
    return Value::from_object(tuple_pack(vm, { n, Value::small_int(0), Value::small_int(0) }));
}

SLPY_GC_FN(gc_get_debug) { return int_from_i64(vm, state(vm).debug); }

SLPY_GC_FN(gc_set_debug)
{
    Value a[1];
    if (!parse_args(vm, "set_debug", args, nargs, kwnames, { "flags" }, 1, a, 1))
        return Value::null();
    int64_t flags;
    if (!index_i64(vm, a[0], flags))
        return Value::null();
    state(vm).debug = flags;
    return py_none();
}

SLPY_GC_FN(gc_is_tracked)
{
    if (nargs != 1 || (kwnames && kwnames->size))
        return raise_fmt(vm, exc::TypeError, "gc.is_tracked() takes exactly one argument (%zu given)", nargs);
    return py_bool(is_tracked_value(args[0]));
}

SLPY_GC_FN(gc_is_finalized)
{
    if (nargs != 1 || (kwnames && kwnames->size))
        return raise_fmt(vm, exc::TypeError, "gc.is_finalized() takes exactly one argument (%zu given)", nargs);
    return py_bool(args[0].is_object() && (args[0].as_object()->gc & GC_PY_FINALIZED));
}

// The listed objects, after a collection so that only live ones remain.
List* live_objects(VM& vm)
{
    vm.heap.collect();
    std::vector<Object*> found;
    if (!vm.heap.native_build([&] {
            found.clear();
            vm.heap.for_each_object([&](Object* o) {
                if (is_listed(o))
                    found.push_back(o);
            });
        }))
        return nullptr;
    List* out = list_new(vm, found.size());
    if (!out)
        return nullptr;
    // The conservative stack scan keeps `found`'s objects alive only through this
    // vector's heap memory, which it does not see: fill the list before anything else
    // can collect (list_new already reserved the room, so appends do not allocate).
    for (Object* o : found)
        if (!list_append(vm, out, Value::from_object(o)))
            return nullptr;
    return out;
}

SLPY_GC_FN(gc_get_objects)
{
    Value a[1];
    if (!parse_args(vm, "get_objects", args, nargs, kwnames, { "generation" }, 0, a))
        return Value::null();
    if (!a[0].is_null() && !is_none(a[0])) {
        int64_t gen;
        if (!index_i64(vm, a[0], gen))
            return Value::null();
        if (gen >= 3)
            return raise(vm, exc::ValueError, "generation parameter must be less than the number of available generations (3)");
        // Everything lives in slpy's one generation, reported as the oldest (a negative
        // generation means all of them, as CPython's).
        if (gen >= 0 && gen != 2)
            return Value::from_object(list_new(vm));
    }
    List* l = live_objects(vm);
    return l ? Value::from_object(l) : Value::null();
}

SLPY_GC_FN(gc_get_stats)
{
    GcState& st = state(vm);
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    for (int gen = 0; gen < 3; ++gen) {
        Dict* d = dict_new(vm);
        if (!d)
            return Value::null();
        int64_t values[3] = { gen == 2 ? st.collections : 0, gen == 2 ? st.collected : 0, 0 };
        char const* keys[3] = { "collections", "collected", "uncollectable" };
        for (int i = 0; i < 3; ++i) {
            String* k = intern(vm, keys[i]);
            if (!k || !dict_set_str(vm, d, k, int_from_i64(vm, values[i])))
                return Value::null();
        }
        if (!list_append(vm, out, Value::from_object(d)))
            return Value::null();
    }
    return Value::from_object(out);
}

SLPY_GC_FN(gc_freeze)
{
    List* l = live_objects(vm);
    if (!l)
        return Value::null();
    state(vm).frozen = int64_t(l->size);
    return py_none();
}

SLPY_GC_FN(gc_unfreeze)
{
    state(vm).frozen = 0;
    return py_none();
}

SLPY_GC_FN(gc_get_freeze_count) { return int_from_i64(vm, state(vm).frozen); }

SLPY_GC_FN(gc_get_referrers)
{
    return raise(vm, exc::NotImplementedError, "gc.get_referrers() is not supported by slpy yet");
}

SLPY_GC_FN(gc_get_referents)
{
    return raise(vm, exc::NotImplementedError, "gc.get_referents() is not supported by slpy yet");
}

#undef SLPY_GC_FN

} // namespace

void install_finalizers(VM& vm) { (void)state(vm); }

// Objects whose finalizer runs at exit: instances of classes with a Python __del__, and
// suspended generators (their finally blocks run, as when CPython clears the module that
// holds them). Coroutines and async generators are left alone (a warning or an event
// loop's hook has nobody to go to at exit), and so are io objects.
static bool finalize_at_exit(Object* o)
{
    if (o->type == types.generator)
        return generator_needs_finalizing(o);
    Value del = o->type->slot(Slot::DEL);
    return del.is_object() && type_of(del) == types.function;
}

void run_finalizers_at_exit(VM& vm)
{
    sys_set_finalizing(vm);
    vm.heap.queue_registered_finalizers(finalize_at_exit);
    (void)state(vm).run_finalizers(vm);
}

Module* make_gc_module(VM& vm)
{
    Module* m = module_new(vm, "gc");
    module_add_functions(vm, m, {
        { "collect", gc_collect }, { "enable", gc_enable }, { "disable", gc_disable }, { "isenabled", gc_isenabled },
        { "get_threshold", gc_get_threshold }, { "set_threshold", gc_set_threshold }, { "get_count", gc_get_count },
        { "get_debug", gc_get_debug }, { "set_debug", gc_set_debug }, { "is_tracked", gc_is_tracked },
        { "is_finalized", gc_is_finalized }, { "get_objects", gc_get_objects }, { "get_stats", gc_get_stats },
        { "freeze", gc_freeze }, { "unfreeze", gc_unfreeze }, { "get_freeze_count", gc_get_freeze_count },
        { "get_referrers", gc_get_referrers }, { "get_referents", gc_get_referents },
    });
    module_add(vm, m, "callbacks", Value::from_object(list_new(vm)));
    module_add(vm, m, "garbage", Value::from_object(list_new(vm)));
    module_add(vm, m, "DEBUG_STATS", Value::small_int(kDebugStats));
    module_add(vm, m, "DEBUG_COLLECTABLE", Value::small_int(kDebugCollectable));
    module_add(vm, m, "DEBUG_UNCOLLECTABLE", Value::small_int(kDebugUncollectable));
    module_add(vm, m, "DEBUG_SAVEALL", Value::small_int(kDebugSaveall));
    module_add(vm, m, "DEBUG_LEAK", Value::small_int(kDebugLeak));
    state(vm).module = m;
    return m;
}

} // namespace slpy
