// The import system's per-VM state: the native classes whose instances the library sees
// (module.__spec__, __loader__, the finders in sys.meta_path). Interpreter::imports.
#pragma once

#include "objects/heap.h"
#include "objects/runtime.h"
#include "scheduler/scheduler.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace slpy {

// A lock of the import system (import_locks.cpp): re-entrant, owned by a thread ident
// (_thread.get_ident()); other threads park on `waiters` until it is free.
struct ImportLock {
    std::string name;   // the module's, for a per-module lock
    uint64_t owner = 0; // meaningful while count > 0
    int64_t count = 0;
    int64_t users = 0;  // per-module locks: acquisitions not yet released, waits included
    WaitListBase waiters;
};

// Module names as keys, looked up by string_view.
struct ModuleNameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct ImportState {
    TypeObject* spec_type = nullptr;             // _frozen_importlib.ModuleSpec
    TypeObject* loader_type = nullptr;           // _frozen_importlib_external.SourceFileLoader
    TypeObject* builtin_importer_type = nullptr; // BuiltinImporter
    TypeObject* path_finder_type = nullptr;      // PathFinder
    TypeObject* namespace_loader_type = nullptr; // NamespaceLoader
    // importlib._bootstrap_external.SourceFileLoader once that module is loaded: the path
    // finder then hands it out instead of loader_type (one class), still loading natively.
    TypeObject* library_loader_type = nullptr;
    // The finders slpy puts in sys.meta_path: when find_spec meets them there it runs
    // their search natively.
    Value builtin_importer;
    Value path_finder;

    // ---- locks (import_locks.cpp)
    ImportLock import_lock; // _imp.acquire_lock; held around each finder's find_spec
    // importlib's _module_locks: a lock per module being imported, while it is used.
    std::unordered_map<std::string, std::unique_ptr<ImportLock>, ModuleNameHash, std::equal_to<>> module_locks;
    std::unordered_map<uint64_t, ImportLock*> blocking_on; // importlib's _blocking_on: thread -> the lock it waits for
    TypeObject* deadlock_error = nullptr;                 // _DeadlockError, made on first use
    bool fork_held = false;                               // the import lock taken before fork()

    void trace(Tracer& t);
};

// The state of `vm`'s interpreter, created on first use.
ImportState& import_state(VM& vm);

// ImportError(msg, name=..., path=...) (or a subclass such as ModuleNotFoundError) made
// pending; null `name`/`path` are None. Returns null.
Value raise_import_error(VM& vm, TypeObject* type, std::string const& msg, Value name, Value path);

// The running thread's ident, _thread.get_ident() (stackless/modules/thread.cpp).
uint64_t thread_current_ident(VM& vm);

// ---- the global import lock (_imp.acquire_lock / release_lock / lock_held). Acquire
// parks while another thread holds it; false with the error pending. Release by a thread
// that does not hold it raises RuntimeError("not holding the import lock").
bool import_lock_acquire(VM& vm);
bool import_lock_release(VM& vm);
bool import_lock_held(VM& vm);

// Holds the import lock for a scope (importlib's _ImportLockContext): check `held` after
// construction (false: the acquire failed, the error is pending).
struct ImportLockGuard {
    explicit ImportLockGuard(VM& v) : vm(v), held(import_lock_acquire(v)) {}
    ~ImportLockGuard();
    ImportLockGuard(ImportLockGuard const&) = delete;
    ImportLockGuard& operator=(ImportLockGuard const&) = delete;
    VM& vm;
    bool held;
};

// ---- per-module locks (importlib's _ModuleLock). Acquire waits while another thread
// holds `name`'s lock; a wait that would close a cycle of threads raises _DeadlockError
// (*deadlock set) instead. Null with the error pending. Every acquired lock is released
// with module_lock_release.
ImportLock* module_lock_acquire(VM& vm, String* name, bool* deadlock = nullptr);
void module_lock_release(VM& vm, ImportLock* l);
// Drops a use of `l` (its table entry goes with the last one).
void module_lock_forget(VM& vm, ImportLock* l);
// importlib's _lock_unlock_module for a module found in sys.modules: waits while another
// thread is still importing it (a cycle between threads accepts the partial module).
bool module_lock_wait_initialized(VM& vm, String* name);

// importlib._bootstrap (loaded from source) gets the native _DeadlockError.
bool imports_share_deadlock_error(VM& vm, Dict* bootstrap_dict);

} // namespace slpy
