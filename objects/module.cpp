// Module objects.
#include "objects/module.h"

#include "objects/string.h"

namespace slpy {

void trace_module(Object* o, Tracer& t) { t.visit(static_cast<Module*>(o)->dict); }

Module* module_new(VM& vm, std::string_view name)
{
    auto* m = vm.heap.make<Module>(types.module);
    if (!m)
        return nullptr;
    m->dict = dict_new(vm);
    if (!m->dict || !dict_set_str(vm, m->dict, names.__name__, Value::from_object(intern(vm, name))) ||
        !dict_set_str(vm, m->dict, names.__doc__, py_none()))
        return nullptr;
    return m;
}

void module_add(VM& vm, Module* m, char const* name, Value value)
{
    (void)dict_set_str(vm, m->dict, intern(vm, name), value);
}

void module_add_functions(VM& vm, Module* m, std::initializer_list<MethodDef> functions)
{
    for (MethodDef const& def : functions) {
        BuiltinFunction* f = builtin_function_new(vm, def.name, def.fn, Value::from_object(m), def.doc);
        module_add(vm, m, def.name, Value::from_object(f));
    }
}

} // namespace slpy
