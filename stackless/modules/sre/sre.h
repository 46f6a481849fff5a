// The _sre module: the regular expression engine under CPython's re package.
#pragma once

namespace slpy {

class VM;
struct Module;

Module* make_sre_module(VM& vm);

} // namespace slpy
