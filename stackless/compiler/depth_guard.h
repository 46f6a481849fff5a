// A limit on how deep the compiler passes (constant folding, scopes, code generation)
// recurse over a syntax tree. The parser builds long chains (`a+a+...`, `x.y.y...`,
// `elif` ladders) in loops, so without this a big enough input would overflow the C
// stack. Past the limit compile() reports CPython's
// "RecursionError: maximum recursion depth exceeded during compilation".
#pragma once

namespace slpy::compiler {

struct CompileDepthExceeded {};

inline constexpr int kMaxCompileDepth = 2000;
inline thread_local int g_compile_depth = 0;

class DepthGuard {
public:
    DepthGuard()
    {
        if (++g_compile_depth > kMaxCompileDepth) {
            --g_compile_depth;
            throw CompileDepthExceeded {};
        }
    }
    ~DepthGuard() { --g_compile_depth; }
    DepthGuard(DepthGuard const&) = delete;
    DepthGuard& operator=(DepthGuard const&) = delete;
};

} // namespace slpy::compiler
