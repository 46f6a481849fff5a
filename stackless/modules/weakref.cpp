// The _weakref module: weak references (ref, proxy, callable proxy), as CPython 3.11's.
//
// slpy has no reference counts, so a referent dies at a collection, not at its last
// `del`. The registry (WeakState, one per VM) maps each weakly referenced object to its
// weak references, in CPython's list order (the basic ref, the basic proxy, then the
// others newest first). The heap calls the registry's weak processor after marking and
// before the sweep: the references to unmarked objects are cleared there, and the live
// ones with a callback are queued. The callbacks run after the collection (at once after
// gc.collect(), otherwise at the eval loop's next VM::pending poll), each with its dead
// reference; an exception in one is reported as CPython's "Exception ignored in".
//
// A type accepts weak references when its instances have CPython's __weakref__ slot
// (TF_LAYOUT_WEAKREF: classes without __slots__, type, set, function, ...).
#include "stackless/modules/runtime_modules.h"

#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"

#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

namespace slpy {

namespace {

// A weak reference or proxy. Subclasses of ref append their __dict__ / __slots__ words.
struct WeakRef : Object {
    Object* referent; // not traced; null once the referent was collected
    Value callback;   // traced; null when none, or once it was called
    int64_t hash;     // the referent's hash, cached; -1 until computed
};

TypeObject* g_ref_type = nullptr;
TypeObject* g_proxy_type = nullptr;
TypeObject* g_callable_proxy_type = nullptr;

void weakref_trace(Object* self, Tracer& t) { t.visit(static_cast<WeakRef*>(self)->callback); }

bool is_weakref(Value v) { return v.is_object() && is_subtype(type_of(v), g_ref_type); }
bool is_proxy(Value v)
{
    return v.is_object() && (type_of(v) == g_proxy_type || type_of(v) == g_callable_proxy_type);
}
bool is_basic(WeakRef* r, TypeObject* type) { return r->type == type && r->callback.is_null(); }

// The per-VM registry.
char const kWeakStateKey = 0;

struct WeakState : VM::ModuleState {
    explicit WeakState(VM& vm)
        : m_vm(vm)
    {
        vm.heap.add_weak_processor([this] { clear_dead(); });
    }

    // Referent -> its live references in CPython's order.
    std::unordered_map<Object*, std::vector<WeakRef*>> refs;
    // Cleared references whose callbacks are due, in call order.
    std::vector<WeakRef*> due;

    void trace(Tracer& t) override
    {
        for (WeakRef* r : due)
            t.visit(r);
    }

    // After marking: clears the references to unmarked referents and forgets the
    // references that are garbage themselves (their callbacks never run, as in CPython).
    void clear_dead()
    {
        bool queued = false;
        for (auto it = refs.begin(); it != refs.end();) {
            bool dead = !Heap::is_marked(it->first);
            std::vector<WeakRef*>& list = it->second;
            size_t kept = 0;
            for (WeakRef* r : list) {
                if (!Heap::is_marked(r))
                    continue;
                if (!dead) {
                    list[kept++] = r;
                    continue;
                }
                r->referent = nullptr;
                if (!r->callback.is_null()) {
                    due.push_back(r);
                    queued = true;
                }
            }
            if (dead || kept == 0) {
                it = refs.erase(it);
            } else {
                list.resize(kept);
                ++it;
            }
        }
        if (queued)
            m_vm.request_pending_calls();
    }

    bool run_pending(VM& vm) override
    {
        // A callback may collect again and queue more: take the batch first.
        while (!due.empty()) {
            std::vector<WeakRef*> batch;
            batch.swap(due);
            for (size_t i = 0; i < batch.size(); ++i) {
                WeakRef* r = batch[i];
                Value cb = r->callback;
                r->callback = Value::null();
                // The rest of the batch must stay rooted while Python code runs.
                due.insert(due.begin(), batch.begin() + long(i) + 1, batch.end());
                if (call1(vm, cb, Value::from_object(r)).is_null())
                    write_unraisable(vm, "Exception ignored in", cb);
                due.erase(due.begin(), due.begin() + long(batch.size() - i - 1));
            }
        }
        return true;
    }

    void add(Object* referent, WeakRef* r)
    {
        std::vector<WeakRef*>& list = refs[referent];
        // CPython's order: the basic ref first, then the basic proxy, then the rest newest first.
        size_t pos = 0;
        if (pos < list.size() && is_basic(list[pos], g_ref_type))
            ++pos;
        if (r->type != g_ref_type || !r->callback.is_null()) {
            if (pos < list.size() && (is_basic(list[pos], g_proxy_type) || is_basic(list[pos], g_callable_proxy_type)))
                ++pos;
        }
        if (is_basic(r, g_ref_type))
            pos = 0;
        list.insert(list.begin() + long(pos), r);
    }

    std::vector<WeakRef*> const* find(Object* referent) const
    {
        auto it = refs.find(referent);
        return it == refs.end() ? nullptr : &it->second;
    }

private:
    VM& m_vm;
};

WeakState& state(VM& vm) { return module_state<WeakState>(vm, &kWeakStateKey); }

// TypeError unless `ob` accepts weak references.
bool check_weakrefable(VM& vm, Value ob)
{
    if (ob.is_object() && type_of(ob)->has_flag(TF_LAYOUT_WEAKREF))
        return true;
    raise_fmt(vm, exc::TypeError, "cannot create weak reference to '%s' object", type_name(ob));
    return false;
}

// A new reference of `type` to `ob`, or the existing basic one when CPython reuses it
// (exact ref/proxy type and no callback).
Value new_weakref(VM& vm, TypeObject* type, Value ob, Value callback)
{
    if (!check_weakrefable(vm, ob))
        return Value::null();
    if (!callback.is_null() && is_none(callback))
        callback = Value::null();
    WeakState& st = state(vm);
    Object* referent = ob.as_object();
    if (callback.is_null() && (type == g_ref_type || type == g_proxy_type || type == g_callable_proxy_type)) {
        if (auto const* list = st.find(referent))
            for (WeakRef* r : *list)
                if (is_basic(r, type))
                    return Value::from_object(r);
    }
    auto* r = static_cast<WeakRef*>(alloc_instance(vm, type));
    if (!r)
        return Value::null();
    r->referent = referent;
    r->callback = callback;
    r->hash = -1;
    st.add(referent, r);
    return Value::from_object(r);
}

WeakRef* self_ref(Value v) { return static_cast<WeakRef*>(v.as_object()); }

// The referent as a Value, or null (no error) when it is gone.
Value referent_of(WeakRef* r) { return r->referent ? Value::from_object(r->referent) : Value::null(); }

std::string address(void const* p)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%p", p);
    return buf;
}

// ------------------------------------------------------------------ ref

Value ref_new(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == g_ref_type && !check_no_kwargs(vm, "ref", kwnames))
        return Value::null();
    if (!check_nargs(vm, "__new__", nargs - 1 + (kwnames ? kwnames->size : 0), 1, 2))
        return Value::null();
    return new_weakref(vm, cls, args[1], nargs > 2 ? args[2] : Value::null());
}

// ref.__init__ accepts what __new__ did (a subclass's __new__ may take more).
Value ref_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (type_of(args[0]) == g_ref_type && !check_no_kwargs(vm, "ref", kwnames))
        return Value::null();
    if (!check_nargs(vm, "__init__", nargs - 1 + (kwnames ? kwnames->size : 0), 1, 2))
        return Value::null();
    return py_none();
}

Value ref_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "weakref", kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "weakref expected 0 arguments, got %zu", nargs - 1);
    Value ob = referent_of(self_ref(args[0]));
    return ob.is_null() ? py_none() : ob;
}

Value ref_hash(VM& vm, Value const* args, size_t, Tuple*)
{
    WeakRef* r = self_ref(args[0]);
    if (r->hash != -1)
        return int_from_i64(vm, r->hash);
    Value ob = referent_of(r);
    if (ob.is_null())
        return raise(vm, exc::TypeError, "weak object has gone away");
    int64_t h;
    if (!hash(vm, ob, h))
        return Value::null();
    r->hash = h;
    return int_from_i64(vm, h);
}

Value ref_compare(VM& vm, Value a, Value b, CmpArg op)
{
    if ((op != CmpArg::EQ && op != CmpArg::NE) || !is_weakref(a) || !is_weakref(b))
        return py_not_implemented();
    Value x = referent_of(self_ref(a)), y = referent_of(self_ref(b));
    if (x.is_null() || y.is_null()) {
        bool same = a.is(b);
        return py_bool(op == CmpArg::EQ ? same : !same);
    }
    return rich_compare(vm, x, y, op);
}

Value ref_eq(VM& vm, Value const* args, size_t, Tuple*) { return ref_compare(vm, args[0], args[1], CmpArg::EQ); }
Value ref_ne(VM& vm, Value const* args, size_t, Tuple*) { return ref_compare(vm, args[0], args[1], CmpArg::NE); }

Value ref_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    WeakRef* r = self_ref(args[0]);
    Value ob = referent_of(r);
    std::string s = "<weakref at " + address(r);
    if (ob.is_null())
        return str_value(vm, s + "; dead>");
    s += "; to '" + std::string(type_of(ob)->name->view()) + "' at " + address(ob.as_object());
    Value name = getattr_opt(vm, ob, names.__name__);
    if (name.is_null())
        return Value::null();
    if (String* n = name.is_not_found() ? nullptr : as_str(name))
        s += " (" + std::string(n->view()) + ")";
    return str_value(vm, s + ">");
}

Value ref_get_callback(VM& vm, Value const* args, size_t, Tuple*)
{
    Value cb = self_ref(args[0])->callback;
    return cb.is_null() ? py_none() : cb;
}

Value ref_class_getitem(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__class_getitem__", kwnames) || !check_nargs(vm, "__class_getitem__", nargs - 1, 1, 1))
        return Value::null();
    return make_generic_alias(vm, args[0], args[1]);
}

// ------------------------------------------------------------------ proxy

// The live referent of a proxy, or null with ReferenceError pending.
Value proxy_referent(VM& vm, Value proxy)
{
    Value ob = referent_of(self_ref(proxy));
    if (ob.is_null())
        raise(vm, exc::ReferenceError, "weakly-referenced object no longer exists");
    return ob;
}

// A proxy operand becomes its referent (CPython's UNWRAP); others stay.
bool unwrap(VM& vm, Value& v)
{
    if (!is_proxy(v))
        return true;
    v = proxy_referent(vm, v);
    return !v.is_null();
}

#define SLPY_PROXY_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_PROXY_METHOD(proxy_getattribute)
{
    Value ob = TRY(proxy_referent(vm, args[0]));
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    return getattr(vm, ob, name);
}

SLPY_PROXY_METHOD(proxy_setattr)
{
    Value ob = TRY(proxy_referent(vm, args[0]));
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    if (!setattr(vm, ob, name, args[2]))
        return Value::null();
    return py_none();
}

SLPY_PROXY_METHOD(proxy_delattr)
{
    Value ob = TRY(proxy_referent(vm, args[0]));
    String* name = as_str(args[1]);
    if (!name)
        return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(args[1]));
    if (!delattr(vm, ob, name))
        return Value::null();
    return py_none();
}

SLPY_PROXY_METHOD(proxy_repr)
{
    WeakRef* r = self_ref(args[0]);
    Value ob = r->referent ? Value::from_object(r->referent) : py_none();
    std::string s = "<weakproxy at " + address(r) + "; to '" + std::string(type_of(ob)->name->view()) + "' at "
        + address(ob.as_object()) + ">";
    return str_value(vm, s);
}

SLPY_PROXY_METHOD(proxy_str) { return to_str(vm, TRY(proxy_referent(vm, args[0]))); }

SLPY_PROXY_METHOD(proxy_hash)
{
    return raise_fmt(vm, exc::TypeError, "unhashable type: 'weakref.%s'", type_of(args[0])->name->c_str());
}

SLPY_PROXY_METHOD(proxy_bool)
{
    int t = truthy(vm, TRY(proxy_referent(vm, args[0])));
    return t < 0 ? Value::null() : py_bool(t);
}

SLPY_PROXY_METHOD(proxy_len)
{
    int64_t n;
    if (!length(vm, TRY(proxy_referent(vm, args[0])), n))
        return Value::null();
    return int_from_i64(vm, n);
}

SLPY_PROXY_METHOD(proxy_getitem) { return getitem(vm, TRY(proxy_referent(vm, args[0])), args[1]); }

SLPY_PROXY_METHOD(proxy_setitem)
{
    if (!setitem(vm, TRY(proxy_referent(vm, args[0])), args[1], args[2]))
        return Value::null();
    return py_none();
}

SLPY_PROXY_METHOD(proxy_delitem)
{
    if (!delitem(vm, TRY(proxy_referent(vm, args[0])), args[1]))
        return Value::null();
    return py_none();
}

SLPY_PROXY_METHOD(proxy_contains)
{
    int c = contains(vm, TRY(proxy_referent(vm, args[0])), args[1]);
    return c < 0 ? Value::null() : py_bool(c);
}

SLPY_PROXY_METHOD(proxy_iter) { return get_iter(vm, TRY(proxy_referent(vm, args[0]))); }

SLPY_PROXY_METHOD(proxy_next)
{
    Value ob = TRY(proxy_referent(vm, args[0]));
    if (type_of(ob)->slot(Slot::NEXT).is_null())
        return raise_fmt(vm, exc::TypeError, "Weakref proxy referenced a non-iterator '%s' object", type_name(ob));
    Value v = TRY(iter_next(vm, ob));
    if (v.is_stop_iteration())
        return raise_with_args(vm, exc::StopIteration, nullptr);
    return v;
}

SLPY_PROXY_METHOD(proxy_call)
{
    Value ob = TRY(proxy_referent(vm, args[0]));
    return call(vm, ob, args + 1, nargs - 1, kwnames);
}

SLPY_PROXY_METHOD(proxy_neg) { return unary_negative(vm, TRY(proxy_referent(vm, args[0]))); }
SLPY_PROXY_METHOD(proxy_pos) { return unary_positive(vm, TRY(proxy_referent(vm, args[0]))); }
SLPY_PROXY_METHOD(proxy_invert) { return unary_invert(vm, TRY(proxy_referent(vm, args[0]))); }
SLPY_PROXY_METHOD(proxy_index) { return index(vm, TRY(proxy_referent(vm, args[0]))); }

// abs(), int(), float(), reversed(), bytes(): through the referent's builtin, as
// CPython's proxy slots call PyNumber_Absolute, PyNumber_Long, ...
Value proxy_via_builtin(VM& vm, Value proxy, char const* builtin)
{
    Value ob = TRY(proxy_referent(vm, proxy));
    String* name = intern(vm, builtin);
    if (!name)
        return Value::null();
    Value f = dict_get_str(vm, interp(vm).builtins, name);
    if (f.is_null() || f.is_not_found())
        return f.is_null() ? f : raise_fmt(vm, exc::SystemError, "builtins.%s is missing", builtin);
    return call1(vm, f, ob);
}

SLPY_PROXY_METHOD(proxy_abs) { return proxy_via_builtin(vm, args[0], "abs"); }
SLPY_PROXY_METHOD(proxy_int) { return proxy_via_builtin(vm, args[0], "int"); }
SLPY_PROXY_METHOD(proxy_float) { return proxy_via_builtin(vm, args[0], "float"); }
SLPY_PROXY_METHOD(proxy_reversed) { return proxy_via_builtin(vm, args[0], "reversed"); }
SLPY_PROXY_METHOD(proxy_bytes) { return proxy_via_builtin(vm, args[0], "bytes"); }

template<BinOpArg Op, bool Reflected>
Value proxy_binary(VM& vm, Value const* args, size_t, Tuple*)
{
    Value a = args[0], b = args[1];
    if (!unwrap(vm, a) || !unwrap(vm, b))
        return Value::null();
    return Reflected ? binary_op(vm, b, a, Op) : binary_op(vm, a, b, Op);
}

template<CmpArg Op>
Value proxy_compare(VM& vm, Value const* args, size_t, Tuple*)
{
    Value a = args[0], b = args[1];
    if (!unwrap(vm, a) || !unwrap(vm, b))
        return Value::null();
    return rich_compare(vm, a, b, Op);
}

#undef SLPY_PROXY_METHOD

// ------------------------------------------------------------------ module functions

Value wr_getweakrefcount(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "getweakrefcount", kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "_weakref.getweakrefcount() takes exactly one argument (%zu given)", nargs);
    if (!args[0].is_object())
        return Value::small_int(0);
    auto const* list = state(vm).find(args[0].as_object());
    size_t n = 0;
    if (list)
        for (WeakRef* r : *list)
            n += r->referent != nullptr;
    return int_from_i64(vm, int64_t(n));
}

Value wr_getweakrefs(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "getweakrefs", kwnames))
        return Value::null();
    if (nargs != 1)
        return raise_fmt(vm, exc::TypeError, "getweakrefs() takes exactly one argument (%zu given)", nargs);
    List* out = list_new(vm);
    if (!out)
        return Value::null();
    if (args[0].is_object())
        if (auto const* list = state(vm).find(args[0].as_object())) {
            std::vector<WeakRef*> copy = *list; // list_append may collect
            for (WeakRef* r : copy)
                if (r->referent && !list_append(vm, out, Value::from_object(r)))
                    return Value::null();
        }
    return Value::from_object(out);
}

Value wr_proxy(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "proxy", kwnames) || !check_nargs(vm, "proxy", nargs, 1, 2))
        return Value::null();
    if (!check_weakrefable(vm, args[0]))
        return Value::null();
    bool callable = is_callable(args[0]);
    return new_weakref(vm, callable ? g_callable_proxy_type : g_proxy_type, args[0], nargs > 1 ? args[1] : Value::null());
}

// _remove_dead_weakref(dct, key): del dct[key] if it is a dead weak reference.
Value wr_remove_dead_weakref(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_remove_dead_weakref", kwnames) || !check_nargs(vm, "_remove_dead_weakref", nargs, 2, 2))
        return Value::null();
    Dict* d = as_dict(args[0]);
    if (!d)
        return raise_fmt(vm, exc::TypeError, "_remove_dead_weakref() argument 1 must be dict, not %s", type_name(args[0]));
    Value v = TRY(dict_get(vm, d, args[1]));
    if (v.is_not_found())
        return py_none();
    if (!is_weakref(v) && !is_proxy(v))
        return raise(vm, exc::TypeError, "not a weakref");
    if (!self_ref(v)->referent && dict_del(vm, d, args[1]) < 0)
        return Value::null();
    return py_none();
}

void setup_types(VM& vm)
{
    if (g_ref_type)
        return;
    g_ref_type = make_builtin_type(vm, "ReferenceType", nullptr, sizeof(WeakRef), TF_BASETYPE, weakref_trace);
    g_proxy_type = make_builtin_type(vm, "ProxyType", nullptr, sizeof(WeakRef), 0, weakref_trace);
    g_callable_proxy_type = make_builtin_type(vm, "CallableProxyType", nullptr, sizeof(WeakRef), 0, weakref_trace);
    for (TypeObject* t : { g_ref_type, g_proxy_type, g_callable_proxy_type })
        set_native_type_module(vm, t, "weakref");
    add_methods(vm, g_ref_type, {
        { "__new__", ref_new, METH_STATIC }, { "__init__", ref_init }, { "__call__", ref_call },
        { "__hash__", ref_hash }, { "__eq__", ref_eq }, { "__ne__", ref_ne }, { "__repr__", ref_repr },
        { "__class_getitem__", ref_class_getitem, METH_CLASS },
    });
    add_getsets(vm, g_ref_type, { { "__callback__", ref_get_callback } });

    for (TypeObject* t : { g_proxy_type, g_callable_proxy_type }) {
        add_methods(vm, t, {
            { "__getattribute__", proxy_getattribute }, { "__getattr__", proxy_getattribute },
            { "__setattr__", proxy_setattr }, { "__delattr__", proxy_delattr }, { "__repr__", proxy_repr },
            { "__str__", proxy_str }, { "__hash__", proxy_hash }, { "__bool__", proxy_bool }, { "__len__", proxy_len },
            { "__getitem__", proxy_getitem }, { "__setitem__", proxy_setitem }, { "__delitem__", proxy_delitem },
            { "__contains__", proxy_contains }, { "__iter__", proxy_iter }, { "__next__", proxy_next },
            { "__neg__", proxy_neg }, { "__pos__", proxy_pos }, { "__invert__", proxy_invert }, { "__abs__", proxy_abs },
            { "__index__", proxy_index }, { "__int__", proxy_int }, { "__float__", proxy_float },
            { "__reversed__", proxy_reversed }, { "__bytes__", proxy_bytes },
            { "__lt__", proxy_compare<CmpArg::LT> }, { "__le__", proxy_compare<CmpArg::LE> },
            { "__eq__", proxy_compare<CmpArg::EQ> }, { "__ne__", proxy_compare<CmpArg::NE> },
            { "__gt__", proxy_compare<CmpArg::GT> }, { "__ge__", proxy_compare<CmpArg::GE> },
#define SLPY_PROXY_BINOP(fwd, rev, inplace, op)                                                      \
    { fwd, proxy_binary<BinOpArg::op, false> }, { rev, proxy_binary<BinOpArg::op, true> },          \
        { inplace, proxy_binary<BinOpArg::INPLACE_##op, false> }
            SLPY_PROXY_BINOP("__add__", "__radd__", "__iadd__", ADD),
            SLPY_PROXY_BINOP("__sub__", "__rsub__", "__isub__", SUBTRACT),
            SLPY_PROXY_BINOP("__mul__", "__rmul__", "__imul__", MULTIPLY),
            SLPY_PROXY_BINOP("__matmul__", "__rmatmul__", "__imatmul__", MATRIX_MULTIPLY),
            SLPY_PROXY_BINOP("__truediv__", "__rtruediv__", "__itruediv__", TRUE_DIVIDE),
            SLPY_PROXY_BINOP("__floordiv__", "__rfloordiv__", "__ifloordiv__", FLOOR_DIVIDE),
            SLPY_PROXY_BINOP("__mod__", "__rmod__", "__imod__", REMAINDER),
            SLPY_PROXY_BINOP("__pow__", "__rpow__", "__ipow__", POWER),
            SLPY_PROXY_BINOP("__lshift__", "__rlshift__", "__ilshift__", LSHIFT),
            SLPY_PROXY_BINOP("__rshift__", "__rrshift__", "__irshift__", RSHIFT),
            SLPY_PROXY_BINOP("__and__", "__rand__", "__iand__", AND),
            SLPY_PROXY_BINOP("__or__", "__ror__", "__ior__", OR),
            SLPY_PROXY_BINOP("__xor__", "__rxor__", "__ixor__", XOR),
#undef SLPY_PROXY_BINOP
        });
    }
    add_methods(vm, g_callable_proxy_type, { { "__call__", proxy_call } });
    for (TypeObject* t : { g_ref_type, g_proxy_type, g_callable_proxy_type })
        finish_builtin_type(vm, t);
}

} // namespace

Module* make_weakref_module(VM& vm)
{
    setup_types(vm);
    (void)state(vm);
    Module* m = module_new(vm, "_weakref");
    module_add_functions(vm, m, {
        { "getweakrefcount", wr_getweakrefcount }, { "getweakrefs", wr_getweakrefs }, { "proxy", wr_proxy },
        { "_remove_dead_weakref", wr_remove_dead_weakref },
    });
    module_add(vm, m, "ref", Value::from_object(g_ref_type));
    module_add(vm, m, "ReferenceType", Value::from_object(g_ref_type));
    module_add(vm, m, "ProxyType", Value::from_object(g_proxy_type));
    module_add(vm, m, "CallableProxyType", Value::from_object(g_callable_proxy_type));
    return m;
}

} // namespace slpy
