// Start-up of the runtime: the built-in type objects, exception classes, singletons and
// interned names, created once per process in dependency order, in the shared runtime:
// a VM of its own whose heap is never collected and whose objects are frozen (marked
// for good and never written) before any other VM uses them.
#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/setup.h"
#include "objects/string.h"
#include "objects/type.h"
#include "objects/vm_local.h"

#include <cstddef>
#include <mutex>
#include <vector>

namespace slpy {

CoreTypes types;
Singletons singletons;
Names names;
__thread VM* t_current_vm = nullptr;

char const* const kSlotNames[kNumSlots] = {
#define SLPY_SLOT_NAME(id, name) name,
    SLPY_SLOTS(SLPY_SLOT_NAME)
#undef SLPY_SLOT_NAME
};

void trace_type(Object*, Tracer&);
void trace_value_array(Object*, Tracer&);
void trace_tuple(Object*, Tracer&);
void trace_list(Object*, Tracer&);
void trace_dict(Object*, Tracer&);
void trace_builtin_function(Object*, Tracer&);
void trace_bound_method(Object*, Tracer&);
void trace_getset(Object*, Tracer&);
void trace_member_descriptor(Object*, Tracer&);
void trace_module(Object*, Tracer&);
void trace_exception(Object*, Tracer&);

namespace exc {
// Lets the exception table name `object` as BaseException's base.
static TypeObject*& object = types.object;
} // namespace exc

namespace {

bool g_initialized = false;
bool g_initialized_done = false; // init_runtime finished: g_all_types is complete
std::vector<TypeObject*> g_all_types; // creation order: bases before subclasses

void bigint_finalize(Object* o) { mpz_clear(static_cast<BigInt*>(o)->z); }
void no_finalize(Object*) { }

// Fills a type object allocated before str/dict existed.
void init_type(VM& vm, TypeObject* t, char const* name, TypeObject* base, uint32_t size, uint32_t flags, TraceFn trace, FinalizeFn finalize = nullptr)
{
    t->type = types.type;
    t->name = intern(vm, name);
    t->qualname = t->name;
    t->base = base;
    t->basicsize = size;
    t->tflags = flags | (base ? base->tflags & 0x00ffff00u : 0);
    t->trace = trace ? trace : base ? base->trace : nullptr;
    t->finalize = finalize ? finalize : base ? base->finalize : nullptr;
    if (base && !t->dict_offset)
        t->dict_offset = base->dict_offset;
    t->dict = dict_new(vm);
    // (Only init_runtime's own types are finished from the list; a VM's later
    // make_builtin_type calls must not touch it.)
    if (!g_initialized_done)
        g_all_types.push_back(t);
}

TypeObject* bare_type(VM& vm)
{
    auto* t = static_cast<TypeObject*>(vm.heap.allocate(types.type, sizeof(TypeObject)));
    if (!t)
        return nullptr;
    new (t) TypeObject();
    t->type = types.type;
    return t;
}

TypeObject* make(VM& vm, char const* name, TypeObject* base, uint32_t size, uint32_t flags, TraceFn trace = nullptr, FinalizeFn finalize = nullptr)
{
    TypeObject* t = bare_type(vm);
    init_type(vm, t, name, base ? base : types.object, size, flags, trace, finalize);
    return t;
}

} // namespace

// ---- the shared runtime
//
// Built once, by the first VM::VM (init_runtime) and then by the interpreter
// (extend_shared_runtime: its types and the built-in modules' types), each time followed
// by freeze(). Written only under g_shared_mutex before any other VM can see it; frozen
// afterwards, so VMs on other threads read it without synchronization.

namespace {

std::mutex g_shared_mutex;
VM* g_shared_vm = nullptr;
// Version tags given to shared types; a VM's own classes count from kFirstVmTypeVersion.
uint32_t g_shared_type_versions = 0;
constexpr uint32_t kFirstVmTypeVersion = 1u << 31;

// Marks every object made so far for good (so no collector marks or traverses it) and
// fills the fields that reading would otherwise fill lazily: str and bytes hashes, the
// version tags of types.
void freeze(VM& rt)
{
    rt.heap.for_each_object([](Object* o) {
        // (A type frozen before may have lost its tag to a change made since.)
        if (is_subtype(o->type, types.type) && static_cast<TypeObject*>(o)->version == 0)
            static_cast<TypeObject*>(o)->version = ++g_shared_type_versions;
        if (o->gc & GC_SHARED)
            return;
        o->gc |= GC_MARK | GC_SHARED;
        if (o->type == types.str)
            (void)str_hash(static_cast<String*>(o));
        else if (o->type == types.bytes)
            (void)bytes_hash(static_cast<Bytes*>(o));
    });
}

} // namespace

VM::VM(BootstrapTag)
{
    // The shared runtime's heap is never collected: its objects live as long as the
    // process and are marked for good once frozen.
    heap.defer_gc();
    heap.begin_infallible();
    builds_shared_runtime = true;
    init_own_state();
}

void VM::init_own_state()
{
    type_cache = new TypeCacheEntry[kTypeCacheSize]();
    next_type_version = kFirstVmTypeVersion;
    max_str_digits = kIntDefaultMaxStrDigits;
    local = new Local();
    if (!builds_shared_runtime)
        local->keys_version = uint64_t(1) << 62;
    heap.add_root_provider([this](Tracer& t) {
        for (auto const& entry : local->interned)
            t.visit(entry.second);
        for (auto const& entry : local->shared_subclasses)
            t.visit(entry.second);
    });
}

// Makes the objects/ part of the shared runtime if it does not exist yet (the caller
// holds g_shared_mutex). `make` is a VM's (private) bootstrap constructor.
static void ensure_base_runtime(VM* (*make)())
{
    if (g_shared_vm)
        return;
    VM* previous = t_current_vm;
    g_shared_vm = make();
    t_current_vm = g_shared_vm;
    init_runtime(*g_shared_vm);
    freeze(*g_shared_vm);
    t_current_vm = previous;
}

VM::VM()
{
    {
        std::lock_guard<std::mutex> lock(g_shared_mutex);
        ensure_base_runtime([] { return new VM(BootstrapTag {}); });
    }
    init_own_state();
    make_current();
    // Start-up has nothing to raise into: exhaustion there ends the process.
    heap.begin_infallible();
    int_install_gmp_allocator(*this);
    spare_memory_error = exception_new(*this, exc::MemoryError, empty_tuple());
    heap.add_root_provider([this](Tracer& t) { t.visit(spare_memory_error); });
    heap.end_infallible();
    heap.set_exhausted_handler([this] { (void)raise_no_memory(*this); });
}

VM::~VM()
{
    // Module states first: their destructors may still look at the heap's objects.
    m_module_states.clear();
    delete local;
    delete[] type_cache;
    if (t_current_vm == this)
        t_current_vm = nullptr;
}

void extend_shared_runtime(void (*setup)(VM& rt))
{
    std::lock_guard<std::mutex> lock(g_shared_mutex);
    ensure_base_runtime([] { return new VM(VM::BootstrapTag {}); });
    VM* previous = t_current_vm;
    t_current_vm = g_shared_vm;
    setup(*g_shared_vm);
    freeze(*g_shared_vm);
    t_current_vm = previous;
}

VM::ModuleState* VM::add_module_state(void const* key, std::unique_ptr<ModuleState> state)
{
    // The first state added registers the root provider that traces them all.
    if (m_module_states.empty())
        heap.add_root_provider([this](Tracer& t) {
            for (auto const& entry : m_module_states)
                entry.second->trace(t);
        });
    m_module_states.emplace_back(key, std::move(state));
    return m_module_states.back().second.get();
}

void VM::run_exit_hooks()
{
    // By index: a hook may import a module that adds a state.
    for (size_t i = 0; i < m_module_states.size(); ++i)
        m_module_states[i].second->at_exit(*this);
}

void init_runtime(VM& vm)
{
    if (g_initialized)
        return;
    g_initialized = true;
    vm.heap.defer_gc();

    // Phase 1: the types that creating names and namespaces needs, still nameless.
    types.type = bare_type(vm);
    types.type->type = types.type;
    types.object = bare_type(vm);
    types.str = bare_type(vm);
    types.dict = bare_type(vm);
    types.raw_buffer = bare_type(vm);
    types.value_array = bare_type(vm);
    types.tuple = bare_type(vm);
    types.raw_buffer->basicsize = sizeof(RawBuffer);
    types.dict->basicsize = sizeof(Dict);
    types.dict->trace = trace_dict;
    types.str->basicsize = sizeof(String);
    types.value_array->trace = trace_value_array;
    types.tuple->trace = trace_tuple;
    g_empty_str = intern(vm, "");

    init_type(vm, types.object, "object", nullptr, sizeof(Object), TF_BASETYPE, nullptr);
    init_type(vm, types.type, "type", types.object, sizeof(TypeObject), TF_BASETYPE | TF_TYPE_SUBCLASS, trace_type);
    init_type(vm, types.str, "str", types.object, sizeof(String), TF_BASETYPE | TF_STR_SUBCLASS, nullptr);
    init_type(vm, types.dict, "dict", types.object, sizeof(Dict), TF_BASETYPE | TF_DICT_SUBCLASS, trace_dict);
    init_type(vm, types.raw_buffer, "raw_buffer", types.object, sizeof(RawBuffer), 0, nullptr);
    init_type(vm, types.value_array, "value_array", types.object, sizeof(ValueArray), 0, trace_value_array);
    init_type(vm, types.tuple, "tuple", types.object, sizeof(Tuple), TF_BASETYPE | TF_TUPLE_SUBCLASS, trace_tuple);
    (void)tuple_new(vm, 0); // the empty tuple singleton

    // Phase 2: everything else.
    types.none = make(vm, "NoneType", nullptr, sizeof(Object), 0);
    types.not_implemented = make(vm, "NotImplementedType", nullptr, sizeof(Object), 0);
    types.ellipsis = make(vm, "ellipsis", nullptr, sizeof(Object), 0);
    types.int_ = make(vm, "int", nullptr, sizeof(BigInt), TF_BASETYPE | TF_INT_SUBCLASS, nullptr, bigint_finalize);
    types.bool_ = make(vm, "bool", types.int_, sizeof(BoolObject), 0, nullptr, no_finalize);
    types.float_ = make(vm, "float", nullptr, sizeof(Object), TF_BASETYPE | TF_FLOAT_SUBCLASS);
    types.complex = make(vm, "complex", nullptr, sizeof(Object), TF_BASETYPE);
    types.bytes = make(vm, "bytes", nullptr, 0, TF_BASETYPE | TF_BYTES_SUBCLASS);
    types.bytearray = make(vm, "bytearray", nullptr, 0, TF_BASETYPE | TF_BYTEARRAY_SUBCLASS);
    types.list = make(vm, "list", nullptr, sizeof(List), TF_BASETYPE | TF_LIST_SUBCLASS, trace_list);
    types.set = make(vm, "set", nullptr, 0, TF_BASETYPE | TF_SET_SUBCLASS);
    types.frozenset = make(vm, "frozenset", nullptr, 0, TF_BASETYPE | TF_FROZENSET_SUBCLASS);
    types.range = make(vm, "range", nullptr, 0, 0);
    types.slice = make(vm, "slice", nullptr, 0, 0);
    types.memoryview = make(vm, "memoryview", nullptr, 0, 0);
    types.builtin_function = make(vm, "builtin_function_or_method", nullptr, sizeof(BuiltinFunction), 0, trace_builtin_function);
    types.method_descriptor = make(vm, "method_descriptor", nullptr, sizeof(BuiltinFunction), 0, trace_builtin_function);
    types.wrapper_descriptor = make(vm, "wrapper_descriptor", nullptr, sizeof(BuiltinFunction), 0, trace_builtin_function);
    types.getset_descriptor = make(vm, "getset_descriptor", nullptr, sizeof(GetSetDescriptor), 0, trace_getset);
    types.member_descriptor = make(vm, "member_descriptor", nullptr, sizeof(Object) + 24, 0, trace_member_descriptor);
    types.method = make(vm, "method", nullptr, sizeof(BoundMethod), 0, trace_bound_method);
    types.module = make(vm, "module", nullptr, sizeof(Module), TF_BASETYPE, trace_module);
    types.module->dict_offset = offsetof(Module, dict);
    // Layouts of the interpreter's types are set by the interpreter (stackless/vm).
    types.function = make(vm, "function", nullptr, 0, 0);
    types.code = make(vm, "code", nullptr, 0, 0);
    types.frame = make(vm, "frame", nullptr, 0, 0);
    types.cell = make(vm, "cell", nullptr, 0, 0);
    types.generator = make(vm, "generator", nullptr, 0, 0);
    types.traceback = make(vm, "traceback", nullptr, 0, 0);
    types.property = make(vm, "property", nullptr, 0, TF_BASETYPE);
    types.staticmethod = make(vm, "staticmethod", nullptr, 0, TF_BASETYPE);
    types.classmethod = make(vm, "classmethod", nullptr, 0, TF_BASETYPE);
    types.super = make(vm, "super", nullptr, 0, TF_BASETYPE);
    types.mappingproxy = make(vm, "mappingproxy", nullptr, 0, 0);
    types.textio = make(vm, "TextIOWrapper", nullptr, 0, 0);
    types.fileio = make(vm, "BufferedIO", nullptr, 0, 0);
    // Iterators, views and the functional builtins: layouts set by their setup functions.
    types.str_iterator = make(vm, "str_ascii_iterator", nullptr, 0, 0);
    types.bytes_iterator = make(vm, "bytes_iterator", nullptr, 0, 0);
    types.tuple_iterator = make(vm, "tuple_iterator", nullptr, 0, 0);
    types.list_iterator = make(vm, "list_iterator", nullptr, 0, 0);
    types.list_reverseiterator = make(vm, "list_reverseiterator", nullptr, 0, 0);
    types.range_iterator = make(vm, "range_iterator", nullptr, 0, 0);
    types.dict_keys = make(vm, "dict_keys", nullptr, 0, 0);
    types.dict_values = make(vm, "dict_values", nullptr, 0, 0);
    types.dict_items = make(vm, "dict_items", nullptr, 0, 0);
    types.dict_keyiterator = make(vm, "dict_keyiterator", nullptr, 0, 0);
    types.dict_valueiterator = make(vm, "dict_valueiterator", nullptr, 0, 0);
    types.dict_itemiterator = make(vm, "dict_itemiterator", nullptr, 0, 0);
    types.set_iterator = make(vm, "set_iterator", nullptr, 0, 0);
    types.seq_iterator = make(vm, "iterator", nullptr, 0, 0);
    types.callable_iterator = make(vm, "callable_iterator", nullptr, 0, 0);
    types.enumerate = make(vm, "enumerate", nullptr, 0, TF_BASETYPE);
    types.zip = make(vm, "zip", nullptr, 0, TF_BASETYPE);
    types.map = make(vm, "map", nullptr, 0, TF_BASETYPE);
    types.filter = make(vm, "filter", nullptr, 0, TF_BASETYPE);
    types.reversed = make(vm, "reversed", nullptr, 0, TF_BASETYPE);

    // The exception hierarchy.
    exc::BaseException = make(vm, "BaseException", nullptr, sizeof(BaseException), TF_BASETYPE | TF_EXC_SUBCLASS, trace_exception);
    exc::BaseException->dict_offset = offsetof(BaseException, dict);
#define SLPY_MAKE_EXC(name, base)                                                          \
    if (std::string_view(#name) != "BaseException")                                       \
        exc::name = make(vm, #name, exc::base, sizeof(BaseException), TF_BASETYPE | TF_EXC_SUBCLASS);
    SLPY_EXCEPTION_TYPES(SLPY_MAKE_EXC)
#undef SLPY_MAKE_EXC

    init_latin1_chars(vm);

    // Singletons.
    singletons.none = vm.heap.allocate(types.none, sizeof(Object));
    singletons.not_implemented = vm.heap.allocate(types.not_implemented, sizeof(Object));
    singletons.ellipsis = vm.heap.allocate(types.ellipsis, sizeof(Object));
    auto* t = vm.heap.make<BoolObject>(types.bool_);
    t->value = 1;
    singletons.true_ = t;
    auto* f = vm.heap.make<BoolObject>(types.bool_);
    f->value = 0;
    singletons.false_ = f;

    // Interned names.
#define SLPY_INTERN_NAME(id) names.id = intern(vm, #id);
    SLPY_NAMES(SLPY_INTERN_NAME)
#undef SLPY_INTERN_NAME
#define SLPY_INTERN_SPECIAL(id, text) names.id = intern(vm, text);
    SLPY_SPECIAL_NAMES(SLPY_INTERN_SPECIAL)
#undef SLPY_INTERN_SPECIAL
    for (int i = 0; i < kNumSlots; ++i)
        names.slot_names[i] = intern(vm, kSlotNames[i]);

    // Methods of every type.
    setup_object_and_type(vm);
    setup_int(vm);
    setup_float(vm);
    setup_complex(vm);
    setup_str(vm);
    setup_bytes(vm);
    setup_tuple(vm);
    setup_list(vm);
    setup_dict(vm);
    setup_set(vm);
    setup_range_slice(vm);
    setup_iterators(vm);
    setup_exceptions(vm);
    setup_descriptors(vm);
    setup_mappingproxy(vm);
    setup_generic_alias(vm);

    // No __module__ goes into a built-in type's dict (type.__module__ answers "builtins"
    // for it): an entry there would be found by attribute lookups on its instances,
    // shadowing what they delegate (a bound method's __module__ is its function's).
    // A type without a docstring has __doc__ None in its dict, as CPython's type_ready
    // puts there, so its instances do not find object's docstring through the MRO.
    for (TypeObject* type : g_all_types) {
        if (dict_get_str(vm, type->dict, names.__doc__).is_not_found())
            (void)dict_set_str(vm, type->dict, names.__doc__, py_none());
        finish_builtin_type(vm, type);
    }
    g_initialized_done = true;
    vm.heap.undefer_gc();
}

// Lets later subsystems (the interpreter) add built-in types that are finished the same way.
TypeObject* make_builtin_type(VM& vm, char const* name, TypeObject* base, uint32_t size, uint32_t flags, TraceFn trace, FinalizeFn finalize)
{
    TypeObject* t = make(vm, name, base, size, flags, trace, finalize);
    (void)dict_set_str(vm, t->dict, names.__doc__, py_none()); // until a docstring is added
    return t;
}

} // namespace slpy
