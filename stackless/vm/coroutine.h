// Coroutines and async generators (PEP 492/525), CPython 3.11's semantics.
//
// A coroutine is a Generator object whose type is `coroutine` (code flag CO_COROUTINE):
// it runs on the generator machinery of generator.cpp and the eval loop (an `await` is
// GET_AWAITABLE followed by the SEND/YIELD_VALUE loop of `yield from`, which enters a
// coroutine's frame without recursing in C++). An async generator (CO_ASYNC_GENERATOR)
// is an AsyncGenerator; its values go out wrapped (ASYNC_GEN_WRAP) so that the awaitables
// of asend()/athrow()/aclose() can tell them from what an `await` inside it yields.
#pragma once

#include "stackless/vm/frame.h"

namespace slpy {

struct Module;

// A coroutine: a generator plus where it was created, when the VM tracks that
// (sys.set_coroutine_origin_tracking_depth): cr_origin, null when not tracked.
struct Coroutine : Generator {
    Value origin;
};

struct AsyncGenerator : Generator {
    bool running_async; // an asend()/athrow() awaitable is driving it (ag_running)
    bool closed;        // aclose() ran or it finished: athrow()/aclose() do nothing more
    bool hooks_inited;
    Value finalizer; // sys.set_asyncgen_hooks' finalizer when it first ran
};

// The types of this file, made by setup_coroutine_types (process-wide like `types`,
// set once at start-up).
struct CoroutineTypes {
    TypeObject* coroutine = nullptr;
    TypeObject* coroutine_wrapper = nullptr;
    TypeObject* async_generator = nullptr;
    TypeObject* asend = nullptr;
    TypeObject* athrow = nullptr;
    TypeObject* wrapped_value = nullptr;
};
extern CoroutineTypes coro_types;

inline bool is_coroutine(Value v) { return type_of(v) == coro_types.coroutine; }
// A generator-like object whose frame the eval loop enters directly (generator or coroutine).
inline bool is_gen_or_coro(TypeObject* t) { return t == types.generator || t == coro_types.coroutine; }

// "generator", "coroutine" or "async generator", for messages.
char const* gen_kind_name(Generator const* gen);

// The error for resuming a finished generator-like object through `send`: StopIteration
// for a generator, RuntimeError "cannot reuse already awaited coroutine" for a coroutine.
Value raise_gen_finished(VM& vm, Generator* gen);

// What a StopIteration (or StopAsyncIteration, for an async generator) leaving the
// frame of `gen` becomes: RuntimeError "<kind> raised StopIteration" (PEP 479/525). The
// error is pending; this rewrites it in place when it matches.
void gen_fix_stop_error(VM& vm, Generator* gen);

// GET_AWAITABLE: the iterator `await obj` delegates to. `where`: 0 plain await, 1 the
// result of __aenter__, 2 of __aexit__ (CPython's messages for each).
Value get_awaitable_iter(VM& vm, Value obj, int where);
// GET_AITER / GET_ANEXT.
Value get_aiter(VM& vm, Value obj);
Value get_anext_awaitable(VM& vm, Value aiter);
// BEFORE_ASYNC_WITH's lookups: the bound __aexit__ in *exit and __aenter__ in *enter.
bool lookup_async_with(VM& vm, Value mgr, Value* enter, Value* exit);
// anext(aiter, default)'s awaitable.
Value anext_awaitable_new(VM& vm, Value aiter, Value dflt);
// ASYNC_GEN_WRAP.
Value async_gen_wrap(VM& vm, Value v);

// Shared with generator.cpp: resume with a value or throw an exception (StopIteration
// materialized at the end), normalize throw()'s arguments, close.
Value gen_send_value(VM& vm, Generator* gen, Value v);
Value gen_throw_args(VM& vm, Generator* gen, Value const* args, size_t nargs);
Value gen_close_impl(VM& vm, Generator* gen);

// The finalizer of a generator, coroutine or async generator found unreachable (its
// __del__, CPython's _PyGen_Finalize), run by the collector's finalizer queue
// (stackless/modules/gc.cpp): an async generator with a finalizer hook gets the hook
// called with it; a coroutine that never started warns "coroutine ... was never
// awaited"; a suspended one is closed (GeneratorExit at its yield). Errors are reported
// as unraisable; returns None.
Value gen_finalize(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
// False when finalizing `o` (a generator-like object) would do nothing: finished, or a
// generator that never started. The heap's finalizer filter: such an object is freed at
// once instead of being kept one more cycle.
bool generator_needs_finalizing(Object const* o);

// cr_origin of a coroutine made now for `frame`: a tuple of (filename, lineno, function
// name) of the frames below it, innermost first, as many as
// sys.set_coroutine_origin_tracking_depth says, or not_found when the VM does not track
// origins (depth 0). Null on error.
Value coroutine_origin(VM& vm, Frame const* frame);

// Called by setup_generator_type; the coroutine type's and the async generator's
// generator-shared parts are set by generator.cpp.
void setup_coroutine_types(VM& vm);
void setup_coroutine_type(VM& vm, TypeObject* t);
void setup_async_generator_base(VM& vm, TypeObject* t);
// sys.set_asyncgen_hooks / sys.get_asyncgen_hooks (the hooks are per VM; firstiter runs
// at a generator's first asend/athrow/aclose; the finalizer is kept on the generator
// and called by gen_finalize when the collector finds it unreachable), and
// sys.set/get_coroutine_origin_tracking_depth.
void add_asyncgen_hook_functions(VM& vm, Module* sys);

} // namespace slpy
