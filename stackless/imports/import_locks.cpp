// The import system's locks, as CPython 3.11's with threads: the global import lock
// (_imp.acquire_lock, held around each meta-path finder's find_spec) and the per-module
// locks of importlib._bootstrap (_ModuleLock, _blocking_on, _DeadlockError), done
// natively. Threads are green threads on the scheduler (scheduler/README.md "Threads"): a
// thread that must wait parks its tasklet on the lock's wait list, from native code (the
// import runs below it), so the switch happens on a carrier.
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/imports/import_state.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"

#include <cstdio>
#include <unordered_set>

namespace slpy {

namespace {

// repr(name) of a module name.
std::string name_repr(VM& vm, String* name)
{
    Value r = repr(vm, Value::from_object(name));
    if (r.is_null()) {
        vm.clear_error();
        return "'" + std::string(name->view()) + "'";
    }
    return std::string(as_str(r)->view());
}

// Takes `l` for the running thread if it is free or already ours (re-entrant).
bool try_take(ImportLock& l, uint64_t me)
{
    if (l.count == 0 || l.owner == me) {
        l.owner = me;
        ++l.count;
        return true;
    }
    return false;
}

// Parks the running tasklet on `l` until a release wakes it. False with the error
// pending (no other thread can ever release it, KeyboardInterrupt, a killed tasklet).
bool wait_for(VM& vm, ImportLock& l, char const* what)
{
    Scheduler* s = scheduler_of(vm);
    if (!s || !s->current) {
        // No scheduler: no other thread exists that could hold the lock.
        raise_fmt(vm, exc::RuntimeError, "deadlock: %s would block forever (no other thread or tasklet can run to end the wait)", what);
        return false;
    }
    // The caller is native code (the import system): the switch happens on a carrier.
    (void)interp(vm).take_soft_call();
    return !s->park(&l.waiters, nullptr, -1, py_false(), false, what).is_null();
}

// The lock is free again: its first waiter tries again (no hand-over, as thread.cpp's
// locks: another thread may take it first).
void wake_first(VM& vm, ImportLock& l)
{
    Scheduler* s = scheduler_of(vm);
    if (s && !l.waiters.empty())
        s->wake(&l.waiters.front(), py_true());
}

void release_one(VM& vm, ImportLock& l)
{
    if (--l.count == 0) {
        l.owner = 0;
        wake_first(vm, l);
    }
}

// importlib's _ModuleLock.has_deadlock: following who waits for whom from `l`'s owner
// leads back to this thread.
bool has_deadlock(ImportState& st, ImportLock const& l, uint64_t me)
{
    uint64_t tid = l.owner;
    std::unordered_set<uint64_t> seen;
    for (;;) {
        auto it = st.blocking_on.find(tid);
        if (it == st.blocking_on.end())
            return false;
        tid = it->second->owner;
        if (tid == me)
            return true;
        if (!seen.insert(tid).second)
            return false;
    }
}

TypeObject* deadlock_error_type(VM& vm)
{
    ImportState& st = import_state(vm);
    if (st.deadlock_error)
        return st.deadlock_error;
    // CPython's importlib._bootstrap._DeadlockError(RuntimeError), shown as
    // _frozen_importlib's like the other native import classes.
    Dict* ns = dict_new(vm);
    String* n = intern(vm, "_DeadlockError");
    if (!ns || !n || !dict_set_str(vm, ns, names.__module__, str_value(vm, "_frozen_importlib")))
        return nullptr;
    Value t = type_new_record_class(vm, n, exc::RuntimeError, ns);
    if (t.is_null())
        return nullptr;
    st.deadlock_error = t.as<TypeObject>();
    return st.deadlock_error;
}

} // namespace

// ------------------------------------------------------------------ the global import lock

bool import_lock_acquire(VM& vm)
{
    ImportLock& l = import_state(vm).import_lock;
    uint64_t me = thread_current_ident(vm);
    while (!try_take(l, me))
        if (!wait_for(vm, l, "acquiring the import lock"))
            return false;
    return true;
}

bool import_lock_release(VM& vm)
{
    ImportLock& l = import_state(vm).import_lock;
    if (l.count == 0 || l.owner != thread_current_ident(vm)) {
        raise(vm, exc::RuntimeError, "not holding the import lock");
        return false;
    }
    release_one(vm, l);
    return true;
}

bool import_lock_held(VM& vm) { return import_state(vm).import_lock.count > 0; }

ImportLockGuard::~ImportLockGuard()
{
    if (!held)
        return;
    // The release keeps a pending error (the guarded code's) as it is. After a fork the
    // child may have reset the lock under a thread that no longer exists there: nothing
    // to release then.
    ImportLock& l = import_state(vm).import_lock;
    if (l.count > 0 && l.owner == thread_current_ident(vm))
        release_one(vm, l);
}

// ------------------------------------------------------------------ per-module locks

ImportLock* module_lock_acquire(VM& vm, String* name, bool* deadlock)
{
    ImportState& st = import_state(vm);
    uint64_t me = thread_current_ident(vm);
    // importlib's _get_module_lock looks the lock up under the import lock: while a
    // finder runs in another thread, no other import starts.
    if (!import_lock_acquire(vm))
        return nullptr;
    release_one(vm, st.import_lock);
    ImportLock* l = nullptr;
    if (!vm.heap.native_build([&] {
            auto it = st.module_locks.find(name->view());
            if (it == st.module_locks.end()) {
                auto made = std::make_unique<ImportLock>();
                made->name = name->view();
                it = st.module_locks.emplace(made->name, std::move(made)).first;
            }
            l = it->second.get();
        }))
        return nullptr;
    // The table entry lives while someone holds or waits for the lock (CPython keeps it
    // through a weak reference to the lock for as long).
    ++l->users;
    if (try_take(*l, me)) // the common case: nobody else imports it
        return l;
    if (!vm.heap.native_build([&] { st.blocking_on[me] = l; })) {
        module_lock_forget(vm, l);
        return nullptr;
    }
    for (;;) {
        if (has_deadlock(st, *l, me)) {
            st.blocking_on.erase(me);
            if (deadlock)
                *deadlock = true;
            // CPython's message: 'deadlock detected by %r' % the _ModuleLock.
            char buf[64];
            std::snprintf(buf, sizeof buf, ") at %llu", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(l)));
            std::string msg = "deadlock detected by _ModuleLock(" + name_repr(vm, name) + buf;
            module_lock_forget(vm, l);
            if (TypeObject* t = deadlock_error_type(vm))
                raise(vm, t, msg);
            return nullptr;
        }
        std::string what = "importing " + name_repr(vm, name) + " (another thread imports it)";
        if (!wait_for(vm, *l, what.c_str())) {
            st.blocking_on.erase(me);
            module_lock_forget(vm, l);
            return nullptr;
        }
        if (try_take(*l, me)) {
            st.blocking_on.erase(me);
            return l;
        }
    }
}

void module_lock_forget(VM& vm, ImportLock* l)
{
    ImportState& st = import_state(vm);
    if (--l->users > 0)
        return;
    auto it = st.module_locks.find(std::string_view(l->name));
    if (it != st.module_locks.end() && it->second.get() == l)
        st.module_locks.erase(it);
}

void module_lock_release(VM& vm, ImportLock* l)
{
    // Only a lock that a fork reset (its holder does not exist in the child) is not ours.
    if (l->count > 0 && l->owner == thread_current_ident(vm))
        release_one(vm, *l);
    module_lock_forget(vm, l);
}

bool module_lock_wait_initialized(VM& vm, String* name)
{
    ImportState& st = import_state(vm);
    if (st.module_locks.empty())
        return true;
    auto it = st.module_locks.find(name->view());
    if (it == st.module_locks.end())
        return true; // nobody is importing it
    ImportLock& cur = *it->second;
    if (cur.count == 0 || cur.owner == thread_current_ident(vm))
        return true; // free, or our own circular import: the partial module is the answer
    bool deadlock = false;
    ImportLock* l = module_lock_acquire(vm, name, &deadlock);
    if (!l) {
        if (!deadlock)
            return false;
        // A cycle of imports between threads: accept the partial module, as importlib.
        vm.clear_error();
        return true;
    }
    module_lock_release(vm, l);
    return true;
}

// ------------------------------------------------------------------ fork

void imports_before_fork(VM& vm)
{
    // As CPython's PyOS_BeforeFork: the forking thread takes the import lock (waiting
    // for an import in another thread to finish), so that the child never sees it held
    // by a thread that does not exist there.
    ImportState& st = import_state(vm);
    st.fork_held = import_lock_acquire(vm);
    if (!st.fork_held) // the fork goes on without it (e.g. Ctrl-C interrupted the wait)
        write_unraisable(vm, "Exception ignored while taking the import lock before fork():", Value::null());
}

void imports_after_fork_parent(VM& vm)
{
    ImportState& st = import_state(vm);
    if (st.fork_held) {
        st.fork_held = false;
        ImportLock& l = st.import_lock;
        if (l.count > 0 && l.owner == thread_current_ident(vm))
            release_one(vm, l);
    }
}

void imports_after_fork_child(VM& vm)
{
    // CPython's _PyImport_ReInitLock: in the child only the forking thread exists, so
    // the locks other threads held are free, and the import lock keeps only the forking
    // thread's own nesting (without the before-fork acquisition).
    ImportState& st = import_state(vm);
    uint64_t me = thread_current_ident(vm);
    auto reset = [&](ImportLock& l) {
        if (l.count > 0 && l.owner != me) {
            l.count = 0;
            l.owner = 0;
        }
        if (l.count == 0)
            wake_first(vm, l);
    };
    ImportLock& g = st.import_lock;
    if (st.fork_held && g.count > 0 && g.owner == me)
        --g.count;
    st.fork_held = false;
    reset(g);
    for (auto& [name, l] : st.module_locks)
        reset(*l);
    st.blocking_on.clear();
}

// ------------------------------------------------------------------ _DeadlockError

bool imports_share_deadlock_error(VM& vm, Dict* bootstrap_dict)
{
    // importlib._bootstrap, loaded from source, raises and catches the same
    // _DeadlockError as the native import (as CPython, where both are one module).
    TypeObject* t = deadlock_error_type(vm);
    return t && dict_set_str(vm, bootstrap_dict, intern(vm, "_DeadlockError"), Value::from_object(t));
}

} // namespace slpy
