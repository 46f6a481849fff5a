// The _uuid module: a binding to the system libuuid (Debian uuid-dev), as Debian's CPython
// 3.11 builds it: generate_time_safe(), which uuid.uuid1() prefers to its pure-Python
// clock-and-node path.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/module.h"

#include <uuid/uuid.h>

namespace slpy {

namespace {

// generate_time_safe() -> (bytes of the 16-byte time-based UUID, is_safe): is_safe is 0
// when libuuid could generate it in a way that is unique across processes (uuidd), else -1.
Value uuid_generate_time_safe_fn(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    (void)args;
    if (!check_no_kwargs(vm, "generate_time_safe", kwnames) || !check_nargs(vm, "generate_time_safe", nargs, 0, 0))
        return Value::null();
    uuid_t uuid;
    int res = uuid_generate_time_safe(uuid);
    Bytes* b = bytes_new(vm, std::string_view(reinterpret_cast<char const*>(uuid), sizeof uuid));
    if (!b)
        return Value::null();
    Tuple* t = tuple_pack(vm, { Value::from_object(b), Value::small_int(res) });
    if (!t)
        return Value::null();
    return Value::from_object(t);
}

} // namespace

Module* make_uuid_module(VM& vm)
{
    Module* m = module_new(vm, "_uuid");
    module_add_functions(vm, m, { { "generate_time_safe", uuid_generate_time_safe_fn } });
    module_add(vm, m, "has_uuid_generate_time_safe", Value::small_int(1));
    return m;
}

} // namespace slpy
