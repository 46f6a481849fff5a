// Helpers shared by the data-structure modules (data_modules.h).
#include "stackless/modules/data_modules.h"

#include "objects/string.h"
#include "objects/type.h"

namespace slpy {

TypeObject* make_module_type(VM& vm, char const* module, char const* name, TypeObject* base, uint32_t basicsize,
                             uint32_t tflags, TraceFn trace)
{
    TypeObject* t = make_builtin_type(vm, name, base, basicsize, tflags, trace);
    set_native_type_module(vm, t, module);
    return t;
}

bool unpack_args(VM& vm, char const* name, size_t nargs, size_t min, size_t max)
{
    if (nargs < min) {
        raise_fmt(vm, exc::TypeError, "%s expected %s%zu argument%s, got %zu", name, min == max ? "" : "at least ", min,
                  min == 1 ? "" : "s", nargs);
        return false;
    }
    if (nargs > max) {
        raise_fmt(vm, exc::TypeError, "%s expected %s%zu argument%s, got %zu", name, min == max ? "" : "at most ", max,
                  max == 1 ? "" : "s", nargs);
        return false;
    }
    return true;
}

Value generic_class_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__class_getitem__", kwnames) || !check_nargs(vm, "__class_getitem__", nargs - 1, 1, 1))
        return Value::null();
    return make_generic_alias(vm, args[0], args[1]);
}

bool is_number(Value v)
{
    TypeObject* t = type_of(v);
    return !t->slot(Slot::INDEX).is_null() || !t->slot(Slot::INT).is_null() || !t->slot(Slot::FLOAT).is_null()
        || is_subtype(t, types.complex);
}

} // namespace slpy
