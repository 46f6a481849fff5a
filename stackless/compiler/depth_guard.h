// A limit on how deep the compiler passes (constant folding, scopes, code generation)
// recurse over a syntax tree. The parser builds long chains (`a+a+...`, `x.y.y...`,
// `elif` ladders) in loops, so without this a big enough input would overflow the C
// stack. Past the limit compile() reports CPython's
// "RecursionError: maximum recursion depth exceeded during compilation".
//
// Two bounds: a level count like CPython's, and the C stack the passes may use (half
// the stack limit, at most 4 MiB), which is what matters when frames are large
// (sanitizer builds use several KiB per level) or the stack is small.
#pragma once

#include <cstdint>
#include <sys/resource.h>

namespace slpy::compiler {

struct CompileDepthExceeded {};

// CPython's symtable and AST optimizer allow the recursion limit (1000 by default)
// times COMPILER_STACK_FRAME_SCALE (3).
inline constexpr int kMaxCompileDepth = 3000;
inline thread_local int g_compile_depth = 0;
inline thread_local uintptr_t g_compile_stack_base = 0;

inline uintptr_t compile_stack_budget()
{
    static uintptr_t const budget = [] {
        uintptr_t limit = 8u << 20;
        struct rlimit rl;
        if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
            limit = rl.rlim_cur;
        uintptr_t half = limit / 2;
        return half < (4u << 20) ? half : uintptr_t(4u << 20);
    }();
    return budget;
}

class DepthGuard {
public:
    DepthGuard()
    {
        auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
        if (g_compile_depth++ == 0)
            g_compile_stack_base = here;
        if (g_compile_depth > kMaxCompileDepth || g_compile_stack_base - here > compile_stack_budget()) {
            --g_compile_depth;
            throw CompileDepthExceeded {};
        }
    }
    ~DepthGuard() { --g_compile_depth; }
    DepthGuard(DepthGuard const&) = delete;
    DepthGuard& operator=(DepthGuard const&) = delete;
};

} // namespace slpy::compiler
