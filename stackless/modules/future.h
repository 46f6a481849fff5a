// The __future__ module: the record of future features that a `from __future__ import x`
// statement imports at run time (the compiler has acted on it already, see
// stackless/compiler/future.h).
#pragma once

namespace slpy {

class VM;
struct Module;

Module* make_future_module(VM& vm);

} // namespace slpy
