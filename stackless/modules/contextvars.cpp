// The _contextvars module: ContextVar, Token, Context and copy_context, as CPython 3.11's.
//
// A Context holds its variables in a dict; copy() snapshots it (CPython shares an
// immutable HAMT instead: the observable behaviour is the same). The current context is
// per-VM state; Context.run enters another one for the duration of a call. (With one
// thread there is one chain of entered contexts; tasklets will get their own later.)
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/native_support.h"

#include <cstdio>
#include <string>

namespace slpy {

namespace {

struct Context : Object {
    Dict* vars;
    Context* prev; // the context that was current when this one was entered
    bool entered;
};

struct ContextVar : Object {
    String* name;
    Value dflt; // null when none
};

struct Token : Object {
    Context* ctx;
    ContextVar* var;
    Value old_value; // null: MISSING
    bool used;
};

TypeObject* g_context_type = nullptr;
TypeObject* g_var_type = nullptr;
TypeObject* g_token_type = nullptr;
TypeObject* g_missing_type = nullptr;
Object* g_missing = nullptr; // Token.MISSING

void context_trace(Object* self, Tracer& t)
{
    auto* c = static_cast<Context*>(self);
    t.visit(c->vars);
    t.visit(c->prev);
}
void var_trace(Object* self, Tracer& t)
{
    auto* v = static_cast<ContextVar*>(self);
    t.visit(v->name);
    t.visit(v->dflt);
}
void token_trace(Object* self, Tracer& t)
{
    auto* k = static_cast<Token*>(self);
    t.visit(k->ctx);
    t.visit(k->var);
    t.visit(k->old_value);
}

char const kContextStateKey = 0;

struct ContextState : VM::ModuleState {
    explicit ContextState(VM&) {}
    Context* current = nullptr;
    void trace(Tracer& t) override { t.visit(current); }
};

Context* context_new(VM& vm, Dict* vars)
{
    auto* c = vm.heap.make<Context>(g_context_type);
    if (!c)
        return nullptr;
    c->vars = vars ? vars : dict_new(vm);
    return c->vars ? c : nullptr;
}

// The current context, created on first use.
Context* current(VM& vm)
{
    ContextState& st = module_state<ContextState>(vm, &kContextStateKey);
    if (!st.current)
        st.current = context_new(vm, nullptr);
    return st.current;
}

std::string address(void const* p)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%p", p);
    return buf;
}

// ------------------------------------------------------------------ ContextVar

#define SLPY_CV_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_CV_FN(var_new)
{
    Value a[2];
    if (!parse_args(vm, "ContextVar", args + 1, nargs - 1, kwnames, { "name", "default" }, 1, a, 1))
        return Value::null();
    String* name = as_str(a[0]);
    if (!name)
        return raise(vm, exc::TypeError, "context variable name must be a str");
    auto* v = vm.heap.make<ContextVar>(g_var_type);
    if (!v)
        return Value::null();
    v->name = name;
    v->dflt = a[1];
    return Value::from_object(v);
}

ContextVar* self_var(Value v) { return static_cast<ContextVar*>(v.as_object()); }

SLPY_CV_FN(var_get)
{
    if (!check_no_kwargs(vm, "get", kwnames) || !check_nargs(vm, "get", nargs - 1, 0, 1))
        return Value::null();
    ContextVar* var = self_var(args[0]);
    Context* ctx = current(vm);
    if (!ctx)
        return Value::null();
    Value v = TRY(dict_get(vm, ctx->vars, args[0]));
    if (!v.is_not_found())
        return v;
    if (nargs > 1)
        return args[1];
    if (!var->dflt.is_null())
        return var->dflt;
    return raise_with_args(vm, exc::LookupError, tuple_pack(vm, { args[0] }));
}

SLPY_CV_FN(var_set)
{
    if (!check_no_kwargs(vm, "set", kwnames) || !check_nargs(vm, "set", nargs - 1, 1, 1))
        return Value::null();
    Context* ctx = current(vm);
    if (!ctx)
        return Value::null();
    Value old = TRY(dict_get(vm, ctx->vars, args[0]));
    auto* tok = vm.heap.make<Token>(g_token_type);
    if (!tok)
        return Value::null();
    tok->ctx = ctx;
    tok->var = self_var(args[0]);
    tok->old_value = old.is_not_found() ? Value::null() : old;
    if (!dict_set(vm, ctx->vars, args[0], args[1]))
        return Value::null();
    return Value::from_object(tok);
}


SLPY_CV_FN(var_reset)
{
    if (!check_no_kwargs(vm, "reset", kwnames) || !check_nargs(vm, "reset", nargs - 1, 1, 1))
        return Value::null();
    if (type_of(args[1]) != g_token_type)
        return raise_fmt(vm, exc::TypeError, "expected an instance of Token, got '%s'", type_name(args[1]));
    auto* tok = static_cast<Token*>(args[1].as_object());
    Value r = TRY(repr(vm, args[1]));
    if (tok->used)
        return raise_fmt(vm, exc::RuntimeError, "%s has already been used once", as_str(r)->c_str());
    if (tok->var != self_var(args[0]))
        return raise_fmt(vm, exc::ValueError, "%s was created by a different ContextVar", as_str(r)->c_str());
    Context* ctx = current(vm);
    if (!ctx)
        return Value::null();
    if (tok->ctx != ctx)
        return raise_fmt(vm, exc::ValueError, "%s was created in a different Context", as_str(r)->c_str());
    tok->used = true;
    if (tok->old_value.is_null()) {
        if (dict_del(vm, ctx->vars, args[0]) < 0)
            return Value::null();
    } else if (!dict_set(vm, ctx->vars, args[0], tok->old_value)) {
        return Value::null();
    }
    return py_none();
}

SLPY_CV_FN(var_repr)
{
    ContextVar* v = self_var(args[0]);
    Value name = TRY(repr(vm, Value::from_object(v->name)));
    std::string s = "<ContextVar name=" + std::string(as_str(name)->view());
    if (!v->dflt.is_null()) {
        Value d = TRY(repr(vm, v->dflt));
        s += " default=" + std::string(as_str(d)->view());
    }
    s += " at " + address(v) + ">";
    return str_value(vm, s);
}

SLPY_CV_FN(var_get_name) { return Value::from_object(self_var(args[0])->name); }

SLPY_CV_FN(var_hash) { return int_from_i64(vm, int64_t(reinterpret_cast<uintptr_t>(args[0].as_object()) >> 4)); }

SLPY_CV_FN(class_getitem)
{
    if (!check_nargs(vm, "__class_getitem__", nargs - 1, 1, 1))
        return Value::null();
    return make_generic_alias(vm, args[0], args[1]);
}

// ------------------------------------------------------------------ Token

SLPY_CV_FN(token_repr)
{
    auto* t = static_cast<Token*>(args[0].as_object());
    Value v = TRY(repr(vm, Value::from_object(t->var)));
    std::string s = std::string("<Token") + (t->used ? " used" : "") + " var=" + std::string(as_str(v)->view()) + " at "
        + address(t) + ">";
    return str_value(vm, s);
}

SLPY_CV_FN(token_get_var) { return Value::from_object(static_cast<Token*>(args[0].as_object())->var); }

SLPY_CV_FN(token_get_old_value)
{
    Value v = static_cast<Token*>(args[0].as_object())->old_value;
    return v.is_null() ? Value::from_object(g_missing) : v;
}

SLPY_CV_FN(token_new) { return raise(vm, exc::RuntimeError, "Tokens can only be created by ContextVars"); }

SLPY_CV_FN(missing_repr) { return str_value(vm, "<Token.MISSING>"); }

// ------------------------------------------------------------------ Context

Context* self_ctx(Value v) { return static_cast<Context*>(v.as_object()); }

SLPY_CV_FN(context_new_m)
{
    if (nargs > 1 || (kwnames && kwnames->size))
        return raise(vm, exc::TypeError, "Context() does not accept any arguments");
    Context* c = context_new(vm, nullptr);
    return c ? Value::from_object(c) : Value::null();
}

SLPY_CV_FN(context_run)
{
    if (nargs < 2)
        return raise(vm, exc::TypeError, "run() missing 1 required positional argument");
    Context* ctx = self_ctx(args[0]);
    ContextState& st = module_state<ContextState>(vm, &kContextStateKey);
    if (ctx->entered) {
        Value r = TRY(repr(vm, args[0]));
        return raise_fmt(vm, exc::RuntimeError, "cannot enter context: %s is already entered", as_str(r)->c_str());
    }
    Context* prev = current(vm);
    if (!prev)
        return Value::null();
    ctx->prev = prev;
    ctx->entered = true;
    st.current = ctx;
    Value r = call(vm, args[1], args + 2, nargs - 2, kwnames);
    st.current = ctx->prev;
    ctx->prev = nullptr;
    ctx->entered = false;
    return r;
}

SLPY_CV_FN(context_copy)
{
    Dict* d = dict_copy(vm, self_ctx(args[0])->vars);
    if (!d)
        return Value::null();
    Context* c = context_new(vm, d);
    return c ? Value::from_object(c) : Value::null();
}

bool check_var_key(VM& vm, Value key)
{
    if (type_of(key) == g_var_type)
        return true;
    Value r = repr(vm, key);
    if (!r.is_null())
        raise_fmt(vm, exc::TypeError, "a ContextVar key was expected, got %s", as_str(r)->c_str());
    return false;
}

SLPY_CV_FN(context_getitem)
{
    if (!check_var_key(vm, args[1]))
        return Value::null();
    Value v = TRY(dict_get(vm, self_ctx(args[0])->vars, args[1]));
    if (v.is_not_found())
        return raise_with_args(vm, exc::KeyError, tuple_pack(vm, { args[1] }));
    return v;
}

SLPY_CV_FN(context_get)
{
    if (!check_nargs(vm, "get", nargs - 1, 1, 2))
        return Value::null();
    if (!check_var_key(vm, args[1]))
        return Value::null();
    Value v = TRY(dict_get(vm, self_ctx(args[0])->vars, args[1]));
    if (v.is_not_found())
        return nargs > 2 ? args[2] : py_none();
    return v;
}

SLPY_CV_FN(context_contains)
{
    if (!check_var_key(vm, args[1]))
        return Value::null();
    Value v = TRY(dict_get(vm, self_ctx(args[0])->vars, args[1]));
    return py_bool(!v.is_not_found());
}

SLPY_CV_FN(context_len) { return int_from_i64(vm, int64_t(self_ctx(args[0])->vars->used)); }

Value context_view(VM& vm, Value self, char const* method)
{
    String* name = intern(vm, method);
    if (!name)
        return Value::null();
    Value list = TRY(call_method(vm, Value::from_object(self_ctx(self)->vars), name, nullptr, 0));
    return call1(vm, Value::from_object(types.list), list);
}

SLPY_CV_FN(context_keys) { return context_view(vm, args[0], "keys"); }
SLPY_CV_FN(context_values) { return context_view(vm, args[0], "values"); }
SLPY_CV_FN(context_items) { return context_view(vm, args[0], "items"); }
SLPY_CV_FN(context_iter) { return get_iter(vm, TRY(context_view(vm, args[0], "keys"))); }

SLPY_CV_FN(context_eq)
{
    if (type_of(args[1]) != g_context_type)
        return py_not_implemented();
    return rich_compare(vm, Value::from_object(self_ctx(args[0])->vars), Value::from_object(self_ctx(args[1])->vars), CmpArg::EQ);
}

SLPY_CV_FN(cv_copy_context)
{
    if (!check_nargs(vm, "copy_context", nargs, 0, 0))
        return Value::null();
    Context* c = current(vm);
    if (!c)
        return Value::null();
    Value self = Value::from_object(c);
    return context_copy(vm, &self, 1, nullptr);
}

#undef SLPY_CV_FN

void setup_types(VM& vm)
{
    if (g_context_type)
        return;
    g_context_type = make_builtin_type(vm, "Context", nullptr, sizeof(Context), 0, context_trace);
    g_var_type = make_builtin_type(vm, "ContextVar", nullptr, sizeof(ContextVar), 0, var_trace);
    g_token_type = make_builtin_type(vm, "Token", nullptr, sizeof(Token), 0, token_trace);
    g_missing_type = make_builtin_type(vm, "Token.MISSING", nullptr, sizeof(Object), 0);
    add_methods(vm, g_var_type, {
        { "__new__", var_new, METH_STATIC }, { "get", var_get }, { "set", var_set }, { "reset", var_reset },
        { "__repr__", var_repr }, { "__hash__", var_hash }, { "__class_getitem__", class_getitem, METH_CLASS },
    });
    add_getsets(vm, g_var_type, { { "name", var_get_name } });
    add_methods(vm, g_token_type, { { "__new__", token_new, METH_STATIC }, { "__repr__", token_repr },
                                    { "__class_getitem__", class_getitem, METH_CLASS } });
    add_getsets(vm, g_token_type, { { "var", token_get_var }, { "old_value", token_get_old_value } });
    add_methods(vm, g_missing_type, { { "__repr__", missing_repr } });
    add_methods(vm, g_context_type, {
        { "__new__", context_new_m, METH_STATIC }, { "run", context_run }, { "copy", context_copy },
        { "__getitem__", context_getitem }, { "get", context_get }, { "__contains__", context_contains },
        { "__len__", context_len }, { "keys", context_keys }, { "values", context_values }, { "items", context_items },
        { "__iter__", context_iter }, { "__eq__", context_eq },
    });
    for (TypeObject* t : { g_context_type, g_var_type, g_token_type, g_missing_type }) {
        set_native_type_module(vm, t, "_contextvars");
        finish_builtin_type(vm, t);
    }
    g_missing = vm.heap.make<Object>(g_missing_type);
    add_attribute(vm, g_token_type, "MISSING", Value::from_object(g_missing));
}

} // namespace

Module* make_contextvars_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_contextvars");
    module_add_functions(vm, m, { { "copy_context", cv_copy_context } });
    module_add(vm, m, "Context", Value::from_object(g_context_type));
    module_add(vm, m, "ContextVar", Value::from_object(g_var_type));
    module_add(vm, m, "Token", Value::from_object(g_token_type));
    return m;
}

} // namespace slpy
