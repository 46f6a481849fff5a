// Module objects and the helpers native modules use to fill their namespace.
#pragma once

#include "objects/containers.h"
#include "objects/function.h"

namespace slpy {

struct Module : Object {
    Dict* dict;
};

Module* module_new(VM& vm, std::string_view name);
void module_add(VM& vm, Module* m, char const* name, Value value);
void module_add_functions(VM& vm, Module* m, std::initializer_list<MethodDef> functions);

} // namespace slpy
