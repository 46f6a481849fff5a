// Execution statistics (`slpy -X stats`): how often each instruction ran, how often each
// inline cache and fast path was hit or missed, frames and objects allocated.
//
// The counting is compiled only into a build configured with -DSLPY_STATS=ON (a separate
// build directory), so the default build pays nothing for it: SLPY_STAT expands to
// nothing there. In a stats build the counters always run and `-X stats` prints them to
// stderr at exit; a default build given `-X stats` says that it was built without them.
#pragma once

#include <cstdint>
#include <cstdio>

namespace slpy {

class Interpreter;
class VM;

// The counters beside the per-opcode counts: FAMILY(name) starts a group printed under an
// instruction family; COUNTER(name, what) is one outcome in it: the fast paths kept in the
// generic form of the family (hits) and its slow paths (misses), as the names say. What
// the specialized forms do is counted by opcode (ExecStats::op_count, deopts).
#define SLPY_STAT_COUNTERS(FAMILY, COUNTER)                                                 \
    FAMILY(LOAD_METHOD)                                                                     \
    COUNTER(LoadMethodPlain, "hit: plain method pushed unbound")                            \
    COUNTER(LoadMethodGeneric, "miss: general attribute protocol")                          \
    FAMILY(BINARY_OP)                                                                       \
    COUNTER(BinaryOpInt, "hit: small int")                                                  \
    COUNTER(BinaryOpFloat, "hit: float")                                                    \
    COUNTER(BinaryOpStrInplace, "hit: str += appended in place")                            \
    COUNTER(BinaryOpStrBuilder, "miss: str += made a new builder")                          \
    COUNTER(BinaryOpStrCopy, "miss: str += copied")                                         \
    COUNTER(BinaryOpPyFrame, "miss: Python operator method as a frame")                     \
    COUNTER(BinaryOpGeneric, "miss: general binary_op")                                     \
    FAMILY(COMPARE_OP)                                                                      \
    COUNTER(CompareOpInt, "hit: small int")                                                 \
    COUNTER(CompareOpFloat, "hit: float")                                                   \
    COUNTER(CompareOpGeneric, "miss: rich comparison")                                      \
    FAMILY(BINARY_SUBSCR)                                                                   \
    COUNTER(SubscrListTuple, "hit: list/tuple[int]")                                        \
    COUNTER(SubscrDict, "hit: dict[key]")                                                   \
    COUNTER(SubscrGeneric, "miss: __getitem__")                                             \
    FAMILY(STORE_SUBSCR)                                                                    \
    COUNTER(StoreSubscrList, "hit: list[int] =")                                            \
    COUNTER(StoreSubscrDict, "hit: dict[key] =")                                            \
    COUNTER(StoreSubscrGeneric, "miss: __setitem__")                                        \
    FAMILY(FOR_ITER)                                                                        \
    COUNTER(ForIterRange, "hit: range")                                                     \
    COUNTER(ForIterList, "hit: list/tuple")                                                 \
    COUNTER(ForIterGen, "hit: generator resumed in the loop")                               \
    COUNTER(ForIterOther, "miss: other iterator")                                           \
    FAMILY(CALL)                                                                            \
    COUNTER(CallPyFrame, "hit: Python function as a frame")                                 \
    COUNTER(CallClassInit, "hit: class with a Python __init__, as a frame")                 \
    COUNTER(CallOther, "miss: native or other callable")                                    \
    FAMILY(UNPACK_SEQUENCE)                                                                 \
    COUNTER(UnpackTupleList, "hit: exact tuple/list of the right length")                  \
    COUNTER(UnpackGeneric, "miss: general iteration")                                       \
    FAMILY(RESOURCES)                                                                       \
    COUNTER(FramesPushed, "frames run (pushed on the running chain)")                       \
    COUNTER(FramesAllocated, "frames allocated (the others came from the frame pool)")

enum class Stat : uint16_t {
#define SLPY_STAT_FAMILY_SKIP(name)
#define SLPY_STAT_COUNTER_ENUM(name, what) name,
    SLPY_STAT_COUNTERS(SLPY_STAT_FAMILY_SKIP, SLPY_STAT_COUNTER_ENUM)
#undef SLPY_STAT_COUNTER_ENUM
#undef SLPY_STAT_FAMILY_SKIP
        Count
};

struct ExecStats {
    uint64_t op_count[256] = {};
    // PEP 659 (specialize.h), by opcode: attempts of a generic form that rewrote it
    // (spec_success) or left it generic (spec_failure), and guard failures (deopts) of a
    // specialized form.
    uint64_t spec_success[256] = {};
    uint64_t spec_failure[256] = {};
    uint64_t deopts[256] = {};
    // deopts of a form that the specializer turned straight into another form or entry
    uint64_t respecialized[256] = {};
    uint64_t counters[static_cast<int>(Stat::Count)] = {};
    uint64_t objects_allocated = 0; // summed at each collection (the heap counts per cycle)
    uint64_t collections = 0;
};

#if SLPY_STATS
#define SLPY_STAT(stats_ptr, name)                                          \
    do {                                                                    \
        if (::slpy::ExecStats* slpy_stats_ = (stats_ptr))                   \
            ++slpy_stats_->counters[static_cast<int>(::slpy::Stat::name)];  \
    } while (0)
#else
#define SLPY_STAT(stats_ptr, name) \
    do {                           \
    } while (0)
#endif

// Made by create_interpreter in a stats build (null otherwise).
ExecStats* exec_stats_new(VM& vm);
// The report of `-X stats` (to `out`): the counters, or a note that this build has none.
void exec_stats_print(Interpreter& in, std::FILE* out);

} // namespace slpy
