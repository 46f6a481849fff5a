// The _pickle module: its exceptions, PickleBuffer, the per-VM state and the library
// objects the pickler and unpickler use (copyreg's dispatch table and extension
// registry, _compat_pickle's name mappings, functools.partial, codecs.encode).
#include "stackless/modules/pickle/pickle_internal.h"

#include "objects/buffer.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/imports/imports.h"
#include "stackless/modules/native_support.h"
#include "stackless/modules/runtime_modules.h"

namespace slpy {

namespace pickle {

namespace {

char const kPickleStateKey = 0;

#define SLPY_K_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ PickleBuffer

PickleBuffer* self_buffer(Value v) { return static_cast<PickleBuffer*>(v.as_object()); }

void buffer_trace(Object* self, Tracer& t) { t.visit(static_cast<PickleBuffer*>(self)->view); }

// The exporter's memory, through the memoryview the PickleBuffer holds.
bool buffer_get(Object* self, BufferInfo& out)
{
    auto* b = static_cast<PickleBuffer*>(self);
    return !b->view.is_null() && get_buffer(b->view, out);
}

Value buffer_forward(Object* self) { return static_cast<PickleBuffer*>(self)->view; }

constexpr BufferProcs kPickleBufferProcs = { buffer_get, nullptr, buffer_forward };

SLPY_K_FN(buffer_new)
{
    Value a[1];
    if (!parse_args(vm, "PickleBuffer", args + 1, nargs - 1, kwnames, { "" }, 1, a, 1))
        return Value::null();
    BufferInfo bi;
    if (!get_buffer(a[0], bi))
        return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%.200s'", type_name(a[0]));
    Value view = TRY(call1(vm, Value::from_object(types.memoryview), a[0]));
    auto* type = static_cast<TypeObject*>(args[0].as_object());
    auto* b = static_cast<PickleBuffer*>(alloc_instance(vm, type));
    if (!b)
        return Value::null();
    b->view = view;
    return Value::from_object(b);
}

Value released(VM& vm) { return raise(vm, exc::ValueError, "operation forbidden on released PickleBuffer object"); }

SLPY_K_FN(buffer_raw)
{
    if (!check_nargs(vm, "raw", nargs - 1, 0, 0) || !check_no_kwargs(vm, "raw", kwnames))
        return Value::null();
    PickleBuffer* b = self_buffer(args[0]);
    if (b->view.is_null())
        return released(vm);
    Value c_contig = TRY(getattr(vm, b->view, intern(vm, "contiguous")));
    if (!c_contig.is(py_true()))
        return raise(vm, exc::BufferError, "cannot extract raw buffer from non-contiguous buffer");
    Value fmt = TRY(str_value(vm, "B"));
    return call_method(vm, b->view, intern(vm, "cast"), &fmt, 1);
}

SLPY_K_FN(buffer_release)
{
    if (!check_nargs(vm, "release", nargs - 1, 0, 0) || !check_no_kwargs(vm, "release", kwnames))
        return Value::null();
    PickleBuffer* b = self_buffer(args[0]);
    if (!b->view.is_null()) {
        Value v = b->view;
        b->view = Value::null();
        if (call_method(vm, v, intern(vm, "release"), nullptr, 0).is_null())
            return Value::null();
    }
    return py_none();
}

} // namespace

void State::trace(Tracer& t)
{
    for (TypeObject* type : { pickler_type, unpickler_type, pickler_memo_type, unpickler_memo_type, buffer_type, pickle_error,
                              pickling_error, unpickling_error })
        t.visit(type);
    for (Value v : { dispatch_table, extension_registry, inverted_registry, extension_cache, name_mapping_2to3, import_mapping_2to3,
                     name_mapping_3to2, import_mapping_3to2, partial, codecs_encode })
        t.visit(v);
}

State& state(VM& vm) { return module_state<State>(vm, &kPickleStateKey); }

bool load_library(VM& vm, State& st)
{
    if (!st.codecs_encode.is_null())
        return true;
    auto attr = [&](char const* module, char const* name, bool want_dict, Value& out) -> bool {
        Value m = import_absolute(vm, intern(vm, module));
        if (m.is_null())
            return false;
        Value v = getattr(vm, m, intern(vm, name));
        if (v.is_null())
            return false;
        if (want_dict && !as_dict(v)) {
            raise_fmt(vm, exc::RuntimeError, "%s.%s should be a dict, not %.200s", module, name, type_name(v));
            return false;
        }
        out = v;
        return true;
    };
    Value vals[10];
    if (!attr("copyreg", "dispatch_table", true, vals[0]) || !attr("copyreg", "_extension_registry", true, vals[1])
        || !attr("copyreg", "_inverted_registry", true, vals[2]) || !attr("copyreg", "_extension_cache", true, vals[3])
        || !attr("_compat_pickle", "NAME_MAPPING", true, vals[4]) || !attr("_compat_pickle", "IMPORT_MAPPING", true, vals[5])
        || !attr("_compat_pickle", "REVERSE_NAME_MAPPING", true, vals[6])
        || !attr("_compat_pickle", "REVERSE_IMPORT_MAPPING", true, vals[7]) || !attr("functools", "partial", false, vals[8])
        || !attr("codecs", "encode", false, vals[9]))
        return false;
    st.dispatch_table = vals[0];
    st.extension_registry = vals[1];
    st.inverted_registry = vals[2];
    st.extension_cache = vals[3];
    st.name_mapping_2to3 = vals[4];
    st.import_mapping_2to3 = vals[5];
    st.name_mapping_3to2 = vals[6];
    st.import_mapping_3to2 = vals[7];
    st.partial = vals[8];
    st.codecs_encode = vals[9];
    return true;
}

std::string repr_text(VM& vm, Value v)
{
    Value r = repr(vm, v);
    if (r.is_null()) {
        vm.clear_error();
        return "<unprintable object>";
    }
    return std::string(as_str(r)->view());
}

Value call_with_kwargs(VM& vm, Value callable, Value const* args, size_t nargs, Value kwargs)
{
    Dict* kw = kwargs.is_null() ? nullptr : as_dict(kwargs);
    if (!kw || kw->used == 0)
        return call(vm, callable, args, nargs);
    Tuple* names = tuple_new(vm, kw->used);
    Tuple* all = tuple_new(vm, nargs + kw->used);
    if (!names || !all)
        return Value::null();
    for (size_t i = 0; i < nargs; ++i)
        all->items[i] = args[i];
    size_t pos = 0, i = 0;
    Value k, v;
    while (dict_next(kw, pos, k, v) && i < names->size) {
        if (!is_str(k))
            return raise(vm, exc::TypeError, "keywords must be strings");
        names->items[i] = Value::from_object(intern(vm, as_str(k)));
        all->items[nargs + i] = v;
        ++i;
    }
    return call(vm, callable, all->items, nargs, names);
}

} // namespace pickle

Module* make_pickle_module(VM& vm)
{
    using namespace pickle;
    State& st = state(vm);
    if (!st.pickler_type) {
        st.pickle_error = make_builtin_type(vm, "PickleError", exc::Exception, exc::Exception->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                            exc::Exception->trace, exc::Exception->finalize);
        st.pickling_error = make_builtin_type(vm, "PicklingError", st.pickle_error, exc::Exception->basicsize,
                                              TF_BASETYPE | TF_EXC_SUBCLASS, exc::Exception->trace, exc::Exception->finalize);
        st.unpickling_error = make_builtin_type(vm, "UnpicklingError", st.pickle_error, exc::Exception->basicsize,
                                                TF_BASETYPE | TF_EXC_SUBCLASS, exc::Exception->trace, exc::Exception->finalize);
        st.buffer_type = make_builtin_type(vm, "PickleBuffer", nullptr, sizeof(PickleBuffer), 0, buffer_trace);
        st.buffer_type->buffer = &kPickleBufferProcs;
        for (TypeObject* t : { st.pickle_error, st.pickling_error, st.unpickling_error, st.buffer_type })
            set_native_type_module(vm, t, "_pickle");
        add_methods(vm, st.buffer_type, {
            { "__new__", buffer_new, METH_STATIC },
            { "raw", buffer_raw },
            { "release", buffer_release },
        });
        for (TypeObject* t : { st.pickle_error, st.pickling_error, st.unpickling_error, st.buffer_type })
            finish_builtin_type(vm, t);
        setup_pickler_type(vm, st);
        setup_unpickler_type(vm, st);
    }
    Module* m = module_new(vm, "_pickle");
    module_add_functions(vm, m, {
        { "dump", py_dump },
        { "dumps", py_dumps },
        { "load", py_load },
        { "loads", py_loads },
    });
    module_add(vm, m, "Pickler", Value::from_object(st.pickler_type));
    module_add(vm, m, "Unpickler", Value::from_object(st.unpickler_type));
    module_add(vm, m, "PickleBuffer", Value::from_object(st.buffer_type));
    module_add(vm, m, "PickleError", Value::from_object(st.pickle_error));
    module_add(vm, m, "PicklingError", Value::from_object(st.pickling_error));
    module_add(vm, m, "UnpicklingError", Value::from_object(st.unpickling_error));
    return m;
}

} // namespace slpy
