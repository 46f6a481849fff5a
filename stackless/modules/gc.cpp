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
//   * garbage stays empty: there are no uncollectable cycles without __del__.
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"

namespace slpy {

namespace {

constexpr int kDebugStats = 1, kDebugCollectable = 2, kDebugUncollectable = 4, kDebugSaveall = 32;
constexpr int kDebugLeak = kDebugCollectable | kDebugUncollectable | kDebugSaveall;

char const kGcStateKey = 0;

struct GcState : VM::ModuleState {
    explicit GcState(VM&) {}
    Module* module = nullptr; // for gc.callbacks
    bool enabled = true;
    int64_t threshold[3] = { 700, 10, 10 };
    int64_t debug = 0;
    int64_t frozen = 0;
    int64_t collections = 0;
    int64_t collected = 0;
    bool running = false;

    void trace(Tracer& t) override { t.visit(module); }
};

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
        vm.heap.collect();
        freed = int64_t(vm.heap.stats().objects_freed);
        ++st.collections;
        st.collected += freed;
        // The weak reference callbacks of this collection run now, as CPython's do.
        ok = run_pending_calls(vm) && run_callbacks(vm, st, "stop", gen, freed);
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
    // No __del__ has run on any object yet: slpy does not call them.
    return py_false();
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
