// The runtime state shared by every object operation, and the abstract object protocol.
//
// `VM` holds the heap, the pending exception and the hooks into the interpreter. The
// built-in types, exception classes, singletons and interned names (`types`, `exc::`,
// `py_none()`, `names`) are the shared runtime: created once per process, in an arena
// no VM's collector marks, then frozen (objects/README.md, "Shared and per-VM state").
//
// Error convention (everywhere in slpy): a fallible function returns a null Value (or
// false / -1 as its doc says) with the exception pending in the VM (vm.raise...). The
// caller either handles it (vm.clear_error / vm.take_error) or returns the error on.
// TRY(expr) propagates a null Value in one token. C++ exceptions are never used.
#pragma once

#include "objects/heap.h"
#include "objects/object.h"
#include "objects/value.h"
#include "stackless/vm/opcodes.h"

#include <atomic>
#include <cstdarg>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slpy {

struct String;
struct Tuple;
struct List;
struct Dict;
struct Frame;
struct BaseException;
class Interpreter;

// Propagate an error: `Value v = TRY(op(vm, x));` returns null from the caller if op failed.
#define TRY(expr)                          \
    ({                                     \
        ::slpy::Value try_v_ = (expr);     \
        if (try_v_.is_null())              \
            return ::slpy::Value::null();  \
        try_v_;                            \
    })
// The same for functions returning bool (false = error).
#define TRY_BOOL(expr)             \
    ({                             \
        ::slpy::Value try_v_ = (expr); \
        if (try_v_.is_null())      \
            return false;          \
        try_v_;                    \
    })

// ------------------------------------------------------------------ built-in types

#define SLPY_CORE_TYPES(X)                                                          \
    X(object) X(type) X(none) X(not_implemented) X(ellipsis) X(bool_) X(int_)       \
    X(float_) X(complex) X(str) X(bytes) X(bytearray) X(tuple) X(list) X(dict)      \
    X(set) X(frozenset) X(range) X(slice) X(memoryview)                             \
    X(builtin_function) X(method_descriptor) X(function) X(method) X(code)          \
    X(frame) X(cell) X(generator) X(module) X(traceback) X(property)                \
    X(staticmethod) X(classmethod) X(super) X(mappingproxy)                         \
    X(value_array) X(raw_buffer)                                                     \
    X(str_iterator) X(bytes_iterator) X(tuple_iterator) X(list_iterator)            \
    X(list_reverseiterator) X(range_iterator) X(dict_keys) X(dict_values)           \
    X(dict_items) X(dict_keyiterator) X(dict_valueiterator) X(dict_itemiterator)    \
    X(set_iterator) X(seq_iterator) X(callable_iterator) X(enumerate) X(zip) X(map) \
    X(filter) X(reversed) X(getset_descriptor) X(member_descriptor)                  \
    X(wrapper_descriptor) X(textio) X(fileio)

struct CoreTypes {
#define SLPY_TYPE_FIELD(name) TypeObject* name = nullptr;
    SLPY_CORE_TYPES(SLPY_TYPE_FIELD)
#undef SLPY_TYPE_FIELD
};
extern CoreTypes types;

// The built-in exception classes, CPython 3.11's hierarchy: X(name, base).
#define SLPY_EXCEPTION_TYPES(X)                                               \
    X(BaseException, object)                                                  \
    X(SystemExit, BaseException) X(KeyboardInterrupt, BaseException)          \
    X(GeneratorExit, BaseException) X(Exception, BaseException)               \
    X(StopIteration, Exception) X(StopAsyncIteration, Exception)              \
    X(ArithmeticError, Exception) X(FloatingPointError, ArithmeticError)      \
    X(OverflowError, ArithmeticError) X(ZeroDivisionError, ArithmeticError)   \
    X(AssertionError, Exception) X(AttributeError, Exception)                 \
    X(BufferError, Exception) X(EOFError, Exception)                          \
    X(ImportError, Exception) X(ModuleNotFoundError, ImportError)             \
    X(LookupError, Exception) X(IndexError, LookupError)                      \
    X(KeyError, LookupError) X(MemoryError, Exception) X(NameError, Exception) \
    X(UnboundLocalError, NameError) X(OSError, Exception)                     \
    X(BlockingIOError, OSError) X(ChildProcessError, OSError)                 \
    X(ConnectionError, OSError) X(BrokenPipeError, ConnectionError)           \
    X(ConnectionAbortedError, ConnectionError)                                \
    X(ConnectionRefusedError, ConnectionError)                                \
    X(ConnectionResetError, ConnectionError) X(FileExistsError, OSError)      \
    X(FileNotFoundError, OSError) X(InterruptedError, OSError)                \
    X(IsADirectoryError, OSError) X(NotADirectoryError, OSError)              \
    X(PermissionError, OSError) X(ProcessLookupError, OSError)                \
    X(TimeoutError, OSError) X(ReferenceError, Exception)                     \
    X(RuntimeError, Exception) X(NotImplementedError, RuntimeError)           \
    X(RecursionError, RuntimeError) X(SyntaxError, Exception)                 \
    X(IndentationError, SyntaxError) X(TabError, IndentationError)            \
    X(SystemError, Exception) X(TypeError, Exception) X(ValueError, Exception) \
    X(UnicodeError, ValueError) X(UnicodeDecodeError, UnicodeError)           \
    X(UnicodeEncodeError, UnicodeError) X(UnicodeTranslateError, UnicodeError) \
    X(Warning, Exception) X(DeprecationWarning, Warning)                      \
    X(PendingDeprecationWarning, Warning) X(RuntimeWarning, Warning)          \
    X(SyntaxWarning, Warning) X(UserWarning, Warning) X(FutureWarning, Warning) \
    X(ImportWarning, Warning) X(UnicodeWarning, Warning)                      \
    X(BytesWarning, Warning) X(ResourceWarning, Warning)                      \
    X(EncodingWarning, Warning)

namespace exc {
#define SLPY_EXC_DECL(name, base) extern TypeObject* name;
SLPY_EXCEPTION_TYPES(SLPY_EXC_DECL)
#undef SLPY_EXC_DECL
} // namespace exc

// ------------------------------------------------------------------ singletons

struct Singletons {
    Object* none = nullptr;
    Object* true_ = nullptr;
    Object* false_ = nullptr;
    Object* not_implemented = nullptr;
    Object* ellipsis = nullptr;
};
extern Singletons singletons;

inline Value py_none() { return Value::from_object(singletons.none); }
inline Value py_true() { return Value::from_object(singletons.true_); }
inline Value py_false() { return Value::from_object(singletons.false_); }
inline Value py_bool(bool b) { return b ? py_true() : py_false(); }
inline Value py_not_implemented() { return Value::from_object(singletons.not_implemented); }
inline Value py_ellipsis() { return Value::from_object(singletons.ellipsis); }
inline bool is_none(Value v) { return v.is(py_none()); }

inline TypeObject* type_of(Value v)
{
    if (v.is_object())
        return v.as_object()->type;
    if (v.is_int())
        return types.int_;
    if (v.is_double())
        return types.float_;
    return nullptr;
}

// Interned identifier strings used by the runtime: names.__init__, names.append, ...
#define SLPY_NAMES(X)                                                                   \
    X(__name__) X(__qualname__) X(__module__) X(__doc__) X(__dict__) X(__class__)       \
    X(__bases__) X(__mro__) X(__slots__) X(__builtins__) X(__file__) X(__main__)        \
    X(__classcell__) X(__init_subclass__) X(__set_name__) X(__annotations__)           \
    X(__weakref__) X(__spec__) X(__loader__) X(__package__) X(__path__) X(__all__)      \
    X(__import__) X(__build_class__) X(__prepare__) X(__orig_bases__) X(__mro_entries__) \
    X(__length_hint__) X(__trunc__) X(__getstate__) X(__setstate__) X(__reduce__)        \
    X(__reduce_ex__) X(__dir__) X(__sizeof__) X(__abstractmethods__) X(__self__)          \
    X(__wrapped__) X(__defaults__) X(__kwdefaults__) X(__code__)             \
    X(__globals__) X(__closure__) X(__traceback__) X(__cause__) X(__context__)           \
    X(__suppress_context__) X(__notes__) X(__objclass__) X(__text_signature__)            \
    X(args) X(append) X(keys) X(items) X(values) X(get) X(send) X(close)        \
    X(write) X(flush) X(read) X(readline) X(encoding) X(errors) X(mro) X(fileno)         \
    X(value) X(code) X(msg) X(filename) X(lineno) X(offset) X(text) X(end_lineno)        \
    X(end_offset) X(print_file_and_line) X(name) X(obj) X(path) X(strerror)    \
    X(start) X(end) X(reason) X(object) X(stdout) X(stderr) X(stdin) X(argv) X(modules) \
    X(self) X(cls) X(key) X(reverse) X(sep) X(file) X(strict) X(replace)    \
    X(ignore) X(empty) X(insert) X(hex) X(__bytes__) X(__copy__) X(__fspath__) X(__aiter__) \
    X(__anext__)

// Names that are not valid C++ identifiers (keywords, macros): X(field, "text").
#define SLPY_SPECIAL_NAMES(X) \
    X(func_, "__func__") X(throw_, "throw") X(errno_, "errno") X(default_, "default") X(utf_8, "utf-8") \
    X(space, " ") X(newline, "\n")

struct Names {
#define SLPY_NAME_FIELD(id) String* id = nullptr;
    SLPY_NAMES(SLPY_NAME_FIELD)
#undef SLPY_NAME_FIELD
#define SLPY_SPECIAL_NAME_FIELD(id, text) String* id = nullptr;
    SLPY_SPECIAL_NAMES(SLPY_SPECIAL_NAME_FIELD)
#undef SLPY_SPECIAL_NAME_FIELD
    String* slot_names[kNumSlots] = {}; // interned "__add__", ... in Slot order
};
extern Names names;

// ------------------------------------------------------------------ the VM

struct TypeCacheEntry;
class VM;
// The VM running on this thread (set by VM::VM and VM::make_current): for the few
// paths that have no VM at hand (the method cache behind type_lookup, GMP's allocator).
extern __thread VM* t_current_vm;

class VM {
public:
    VM();
    ~VM();
    VM(VM const&) = delete;
    VM& operator=(VM const&) = delete;

    Heap heap;

    // ---- the pending exception (a BaseException instance), null when none
    bool has_error() const { return !m_error.is_null(); }
    Value error() const { return m_error; }
    Value take_error()
    {
        Value e = m_error;
        m_error = Value::null();
        return e;
    }
    void clear_error() { m_error = Value::null(); }
    // Makes `exception` (an instance) the pending exception, chaining the exception being
    // handled as its __context__ (through on_raise). Returns null for chaining.
    Value set_error(Value exception);
    // Makes `exception` pending again as it is (a re-raise: no context chaining).
    void restore_error(Value exception) { m_error = exception; }
    // Called by set_error with each new exception; the interpreter sets __context__ here.
    void (*on_raise)(VM& vm, Value exception) = nullptr;
    // True when the pending exception is an instance of `type` (or a subclass).
    bool error_matches(TypeObject* type) const;

    // The interpreter (stackless/vm) that runs Python code for this VM, and its entry for
    // calling a Python function from native code (a nested run of the eval loop).
    Interpreter* interp = nullptr;
    Value (*call_python)(VM& vm, Value func, Value const* args, size_t nargs, Tuple* kwnames) = nullptr;
    // The globals of the innermost running Python frame (null when none); type(name,
    // bases, ns) takes __module__ from there.
    Dict* (*caller_globals)(VM& vm) = nullptr;
    // warnings.warn(message, category, stacklevel) for native code (the interpreter's
    // warn_hook): false with the error pending when the warning was turned into one.
    bool (*warn)(VM& vm, TypeObject* category, char const* message, int stacklevel) = nullptr;

    // ---- the native recursion guard (NestingGuard below; CPython's Py_EnterRecursiveCall).
    // Native code that recurses through user-controlled depth (nested containers, tuples
    // of classes, chains of native iterators, native -> Python re-entry) counts its levels
    // in native_depth, up to max_native_depth (sys.setrecursionlimit sets it), and never
    // runs below stack_limit: an address near the end of the C stack, set by the
    // interpreter from RLIMIT_STACK (0 = no check; code that switches C stacks, such as
    // carrier fibers, must switch it too), so a small stack raises RecursionError
    // instead of overflowing.
    int native_depth = 0;
    int max_native_depth = 1000;
    uintptr_t stack_limit = 0;
    // True when the calling code runs below stack_limit (less `slack` bytes).
    bool c_stack_exhausted(uintptr_t slack = 0) const
    {
        return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) + slack < stack_limit;
    }

    // ---- asynchronous requests (CPython's eval_breaker): bits set from outside the
    // running code (the SIGINT handler, later the preemption watchdog). The eval loop
    // polls the word at backward jumps and function entry with one test and branch, and
    // natives that loop long or block poll it through check_pending(). Set with atomic
    // read-modify-write from signal handlers, so it must stay lock-free.
    std::atomic<uint32_t> pending { 0 };
    static constexpr uint32_t kPendingInterrupt = 1u << 0; // SIGINT: raise KeyboardInterrupt
    // Deferred work of native modules (ModuleState::run_pending below): weak reference
    // callbacks after a collection, Python signal handlers.
    static constexpr uint32_t kPendingCalls = 1u << 3;
    void request_pending_calls() { pending.fetch_or(kPendingCalls, std::memory_order_relaxed); }

    // ---- per-VM state of native modules (CPython's module state): the weak reference
    // registry, atexit's callbacks, the Python signal handlers. A module finds its own by
    // a key it owns (the address of a constant in its file). The VM traces each state at
    // every collection, gives it the kPendingCalls polls and the exit hook, and deletes
    // it with itself.
    struct ModuleState {
        virtual ~ModuleState() = default;
        virtual void trace(Tracer&) {}
        // The work asked for with request_pending_calls(): false with the error pending.
        virtual bool run_pending(VM&) { return true; }
        // At interpreter exit, after the main program ended (run_exit_hooks).
        virtual void at_exit(VM&) {}
    };
    ModuleState* module_state(void const* key) const
    {
        for (auto const& [k, s] : m_module_states)
            if (k == key)
                return s.get();
        return nullptr;
    }
    ModuleState* add_module_state(void const* key, std::unique_ptr<ModuleState> state);
    ModuleState* module_state_at(size_t i) const { return i < m_module_states.size() ? m_module_states[i].second.get() : nullptr; }
    // Runs every state's at_exit (atexit's callbacks): the program's end, normal or not.
    void run_exit_hooks();

    // sys.flags-like options.
    int optimize = 0;

    // The MemoryError raised when creating a fresh one fails too (made at start-up,
    // rooted by the VM; see raise_no_memory).
    Value spare_memory_error;

    // ---- the VM's own part of the runtime (the shared part is frozen): the method
    // cache behind type_lookup and the version tags of this VM's classes
    // (objects/type.cpp), sys.set_int_max_str_digits, and (Local, objects/vm_local.h)
    // the strings interned after start-up, the subclass lists of shared types and the
    // repr recursion stack. A host that runs a VM on another thread than the one that
    // made it calls make_current() there first.
    TypeCacheEntry* type_cache = nullptr;
    bool type_cache_enabled = false; // switched on when start-up is over
    uint32_t next_type_version = 0;
    int64_t max_str_digits = 0;
    struct Local;
    Local* local = nullptr;
    bool builds_shared_runtime = false; // only the shared runtime's own VM
    void make_current() { t_current_vm = this; }

private:
    friend void extend_shared_runtime(void (*setup)(VM& rt));
    struct BootstrapTag {};
    explicit VM(BootstrapTag);
    void init_own_state();

    Value m_error;
    std::vector<std::pair<void const*, std::unique_ptr<ModuleState>>> m_module_states;
};

// Creates the built-in types, exceptions, singletons and names in the shared runtime's
// VM (`vm`), once per process: the first VM::VM calls it through the shared runtime.
void init_runtime(VM& vm);
// Runs `setup` on the shared runtime's own VM and freezes what it made: the interpreter
// adds its types and the built-in modules' types this way, once (callers serialize).
// Every object made there is shared by all VMs and must never be written afterwards.
void extend_shared_runtime(void (*setup)(VM& rt));
// True for an object of the frozen shared runtime.
inline bool is_shared_object(Object const* o) { return (o->gc & GC_SHARED) != 0; }

// ------------------------------------------------------------------ raising

// All return null (an error) for `return vm_raise(...)` chaining.
Value raise(VM& vm, TypeObject* type, std::string_view message);
Value raise_fmt(VM& vm, TypeObject* type, char const* format, ...) __attribute__((format(printf, 3, 4)));
// Instantiates `type` with the given args tuple (or no args when null) and raises it.
Value raise_with_args(VM& vm, TypeObject* type, Tuple* args);
Value raise_no_memory(VM& vm);

// The name of the value's type, for messages: "int", "Point".
char const* type_name(Value v);

// ------------------------------------------------------------------ guards

// One level of native recursion (see VM::native_depth): ok() false, with RecursionError
// "maximum recursion depth exceeded" + `where` (e.g. " in comparison") pending, past
// vm.max_native_depth levels or when the C stack is nearly used up.
class NestingGuard {
public:
    NestingGuard(VM& vm, char const* where)
        : m_vm(vm)
    {
        m_ok = vm.native_depth < vm.max_native_depth && !vm.c_stack_exhausted();
        if (m_ok) [[likely]]
            ++vm.native_depth;
        else
            raise_recursion(vm, where);
    }
    ~NestingGuard()
    {
        if (m_ok)
            --m_vm.native_depth;
    }
    NestingGuard(NestingGuard const&) = delete;
    NestingGuard& operator=(NestingGuard const&) = delete;
    bool ok() const { return m_ok; }
    // Raises the guard's RecursionError; returns null.
    static Value raise_recursion(VM& vm, char const* where);

private:
    VM& m_vm;
    bool m_ok;
};

// The C-stack half of the guard alone: the safety net in the protocol entry points
// (call(), iter_next(), nested runs of the eval loop) for native recursion that no
// NestingGuard counts (chains of native iterators, bound methods of bound methods, ...).
// false with the guard's RecursionError pending when the C stack is nearly used up. It
// stops kStackSlack bytes below the guards' stack limit, so that in a recursion that
// passes both the guard trips first, with its own message, at any stack size.
inline constexpr uintptr_t kStackSlack = 32u << 10;
[[nodiscard]] inline bool stack_check(VM& vm, char const* where)
{
    if (vm.c_stack_exhausted(kStackSlack)) [[unlikely]] {
        NestingGuard::raise_recursion(vm, where);
        return false;
    }
    return true;
}

// Handles what vm.pending holds (out of line; callers test the word first): a SIGINT
// raises KeyboardInterrupt. false with the exception pending.
[[nodiscard]] bool handle_pending(VM& vm);
// Runs the native modules' deferred work now (VM::kPendingCalls; handle_pending does it
// at the next poll): false with the exception pending.
[[nodiscard]] bool run_pending_calls(VM& vm);
// The poll for natives that loop long or block (EINTR): false with KeyboardInterrupt
// pending when a SIGINT arrived.
[[nodiscard]] inline bool check_pending(VM& vm)
{
    return vm.pending.load(std::memory_order_relaxed) == 0 || handle_pending(vm);
}

// ------------------------------------------------------------------ types

bool is_subtype(TypeObject const* a, TypeObject const* b);
inline bool is_instance_fast(Value v, TypeObject const* t) { return is_subtype(type_of(v), t); }
// Looks `name` up along type's MRO (no descriptors applied); not_found when absent.
inline Value type_lookup(TypeObject const* type, String* name);

// The method cache behind type_lookup (objects/type.cpp): (type version tag, interned
// name) -> the result of the MRO walk, one table per VM (its entries hold the VM's
// objects). Shared types get their tags when the runtime is frozen, a VM's classes
// lazily from the VM's counter (above the shared range); tags are never reused, and dropped (0) when the type or a base changes, so a stale
// entry cannot match again. The hit path is inline; everything else is type_lookup_slow.
struct TypeCacheEntry {
    uint32_t version;
    String* name;
    Value value;
};
inline constexpr size_t kTypeCacheSize = 4096;
inline size_t type_cache_index(uint32_t version, String const* name)
{
    return (size_t(version) * 2654435761u ^ (reinterpret_cast<uintptr_t>(name) >> 4)) & (kTypeCacheSize - 1);
}
Value type_lookup_slow(TypeObject const* type, String* name);

inline Value type_lookup(TypeObject const* type, String* name)
{
    uint32_t version = type->version;
    TypeCacheEntry const& e = t_current_vm->type_cache[type_cache_index(version, name)];
    if (version != 0 && e.version == version && e.name == name)
        return e.value;
    return type_lookup_slow(type, name);
}

// ------------------------------------------------------------------ protocols
// The abstract object API (CPython's abstract.c / object.c): every operation on Values
// that may dispatch to a special method goes through these. Each may run Python code.

[[nodiscard]] Value call(VM& vm, Value callable, Value const* args, size_t nargs, Tuple* kwnames = nullptr);
[[nodiscard]] Value call0(VM& vm, Value callable);
[[nodiscard]] Value call1(VM& vm, Value callable, Value a);
[[nodiscard]] Value call2(VM& vm, Value callable, Value a, Value b);
// Looks up `name` on obj and calls it; raises AttributeError if missing.
[[nodiscard]] Value call_method(VM& vm, Value obj, String* name, Value const* args, size_t nargs, Tuple* kwnames = nullptr);
// Calls the special method in `slot` of type(self) with self prepended; returns
// not_found (no error) when the type has none.
[[nodiscard]] Value call_slot(VM& vm, Value self, Slot slot, Value const* args, size_t nargs, Tuple* kwnames = nullptr);
// type(obj).<name>(obj) for a special method without a slot (__trunc__, __complex__,
// __dir__, ...): a function gets obj, another descriptor binds first (CPython's
// lookup_maybe_method); not_found (no error) when the type has none.
[[nodiscard]] Value call_special0(VM& vm, Value obj, String* name);
// Issues a warning from native code (warnings.warn; nothing when no interpreter runs):
// false with the error pending when a filter turned it into an exception.
[[nodiscard]] inline bool warn(VM& vm, TypeObject* category, char const* message, int stacklevel = 1)
{
    return !vm.warn || vm.warn(vm, category, message, stacklevel);
}

[[nodiscard]] Value repr(VM& vm, Value v);  // a str
[[nodiscard]] Value to_str(VM& vm, Value v); // str(v)
[[nodiscard]] Value ascii(VM& vm, Value v);
[[nodiscard]] Value format(VM& vm, Value v, Value spec);
// -1 error, 0 false, 1 true
[[nodiscard]] int truthy(VM& vm, Value v);

// The checks the protocols apply to what a special method returned, for callers that
// ran the method themselves (the eval loop runs Python ones as frames).
[[nodiscard]] int bool_result(VM& vm, Value r);                      // __bool__: -1 error
[[nodiscard]] bool len_result(VM& vm, Value r, int64_t& out);        // __len__
[[nodiscard]] bool hash_result(VM& vm, Value r, int64_t& out);       // __hash__
[[nodiscard]] Value iter_result(VM& vm, Value it);                   // __iter__
[[nodiscard]] Value str_result(VM& vm, Value r, char const* method); // __str__, __repr__
[[nodiscard]] Value format_result(VM& vm, Value r);                  // __format__
// false on error
[[nodiscard]] bool hash(VM& vm, Value v, int64_t& out);
// -1 error, 0 false, 1 true; identity implies equality (as CPython's containers assume)
[[nodiscard]] int equal(VM& vm, Value a, Value b);
[[nodiscard]] Value rich_compare(VM& vm, Value a, Value b, CmpArg op);
[[nodiscard]] int rich_compare_bool(VM& vm, Value a, Value b, CmpArg op);
// rich_compare in steps, as binary_op_first_step / binary_op_continue below.
enum class CompareStage : uint8_t { AfterForward, AfterReflectedFirst };
struct CompareFirstStep {
    Value method;
    bool swapped;
    CompareStage stage;
};
CompareFirstStep compare_first_step(Value a, Value b, CmpArg op);
[[nodiscard]] Value compare_continue(VM& vm, Value a, Value b, CmpArg op, CompareStage stage);

[[nodiscard]] Value getattr(VM& vm, Value obj, String* name);
// Like getattr, but an AttributeError becomes not_found (no error pending).
[[nodiscard]] Value getattr_opt(VM& vm, Value obj, String* name);
[[nodiscard]] bool setattr(VM& vm, Value obj, String* name, Value value);
[[nodiscard]] bool delattr(VM& vm, Value obj, String* name);

[[nodiscard]] Value getitem(VM& vm, Value obj, Value key);
[[nodiscard]] bool setitem(VM& vm, Value obj, Value key, Value value);
[[nodiscard]] bool delitem(VM& vm, Value obj, Value key);
// -1 error, 0, 1
[[nodiscard]] int contains(VM& vm, Value container, Value item);
// false on error
[[nodiscard]] bool length(VM& vm, Value v, int64_t& out);

[[nodiscard]] Value get_iter(VM& vm, Value v);
// The next item, Value::stop_iteration() when exhausted (no error pending), null on error.
[[nodiscard]] Value iter_next(VM& vm, Value iterator);

[[nodiscard]] Value binary_op(VM& vm, Value a, Value b, BinOpArg op);
// binary_op in steps, for the eval loop to run a Python operator method as a frame:
// the first special method binary_op would call (null when none) and whether it takes
// (b, a); then, when that returned NotImplemented, binary_op_continue finishes the
// protocol (reflected / forward method, or the TypeError) from that stage.
enum class BinaryStage : uint8_t { AfterInplace, AfterForward, AfterSubclassReflected };
struct BinaryFirstStep {
    Value method;
    bool swapped;
    BinaryStage stage;
};
BinaryFirstStep binary_op_first_step(Value a, Value b, BinOpArg op);
[[nodiscard]] Value binary_op_continue(VM& vm, Value a, Value b, BinOpArg op, BinaryStage stage);
[[nodiscard]] Value unary_negative(VM& vm, Value v);
[[nodiscard]] Value unary_positive(VM& vm, Value v);
[[nodiscard]] Value unary_invert(VM& vm, Value v);
// operator.index(v): an int Value, or TypeError "'X' object cannot be interpreted as an integer"
[[nodiscard]] Value index(VM& vm, Value v);
// index() then range check into int64 (OverflowError "Python int too large to convert to C ssize_t")
[[nodiscard]] bool index_i64(VM& vm, Value v, int64_t& out);

// Recursion guard for repr of containers that may contain themselves: repr_enter
// returns false when `o` is already being repr'd (then print "[...]", "{...}", ...);
// otherwise call repr_leave(o) when done.
[[nodiscard]] bool repr_enter(VM& vm, Object* o);
void repr_leave(VM& vm, Object* o);

// callable(v): its type has __call__.
[[nodiscard]] bool is_callable(Value v);

// isinstance/issubclass with __instancecheck__/__subclasscheck__ and tuples. -1 error.
[[nodiscard]] int isinstance(VM& vm, Value obj, Value cls);
[[nodiscard]] int issubclass(VM& vm, Value derived, Value cls);
// type.__instancecheck__ / type.__subclasscheck__: the checks without the metaclass hooks
// (a class that is not a type takes part through `__bases__`).
[[nodiscard]] int real_isinstance(VM& vm, Value obj, Value cls);
[[nodiscard]] int real_issubclass(VM& vm, Value derived, Value cls);

} // namespace slpy
