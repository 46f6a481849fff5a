// Helpers shared by the native modules (see native_support.h).
#include "stackless/modules/native_support.h"

#include "objects/string.h"
#include "stackless/vm/interpreter.h"

#include <cstdio>
#include <string>

namespace slpy {

void write_unraisable(VM& vm, char const* prefix, Value obj)
{
    Value e = vm.take_error();
    if (e.is_null())
        return;
    std::string line = prefix;
    if (!obj.is_null()) {
        line += ": ";
        Value r = repr(vm, obj);
        if (r.is_null()) {
            vm.clear_error();
            line += "<object repr() failed>";
        } else {
            line += as_str(r)->c_str();
        }
    }
    line += "\n";
    Interpreter& in = interp(vm);
    Value err = in.sys_module ? dict_get_str(vm, in.sys_module->dict, names.stderr) : Value::not_found();
    bool written = false;
    if (!err.is_null() && !err.is_not_found() && !is_none(err)) {
        Value text = str_value(vm, line);
        written = !text.is_null() && !call_method(vm, err, names.write, &text, 1).is_null();
    }
    if (!written) {
        vm.clear_error();
        std::fputs(line.c_str(), stderr);
    }
    in.print_exception(e);
}

} // namespace slpy
