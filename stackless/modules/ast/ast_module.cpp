// The `_ast` module: CPython 3.11's node classes (made from the table of ast_nodes.h),
// AST.__init__ / AST.__reduce__, and the PyCF_* constants. `ast.py` of CPython's library
// is `from _ast import *` plus its helpers, which run on these classes unchanged.
#include "stackless/modules/ast/ast_internal.h"
#include "stackless/modules/ast/ast_module.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/native_support.h"

#include <string_view>

namespace slpy {

namespace pyast {

namespace {

struct RawSpec {
    char const* name;
    NodeId base;
    NodeKind kind;
    NodeAttrs attrs;
    char const* fields;
};


constexpr RawSpec kRawSpecs[] = {
#define SLPY_AST_SPEC(name, base, kind, attrs, fields) { #name, NodeId::base, NodeKind::kind, NodeAttrs::attrs, fields },
    SLPY_AST_NODES(SLPY_AST_SPEC)
#undef SLPY_AST_SPEC
};

std::vector<FieldSpec> parse_fields(std::string_view text)
{
    std::vector<FieldSpec> out;
    while (!text.empty()) {
        size_t comma = text.find(", ");
        std::string_view one = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 2);
        size_t space = one.find(' ');
        FieldSpec f;
        f.type = std::string(one.substr(0, space));
        f.name = std::string(one.substr(space + 1));
        if (!f.type.empty() && (f.type.back() == '?' || f.type.back() == '*')) {
            f.quantifier = f.type.back();
            f.type.pop_back();
        }
        out.push_back(std::move(f));
    }
    return out;
}

// The table spells `operator` as `operator_` (a C++ keyword); this is its class name.
char const* python_name(char const* name)
{
    return std::string_view(name) == "operator_" ? "operator" : name;
}

constexpr char const* kPosNames[4] = { "lineno", "col_offset", "end_lineno", "end_col_offset" };

// CPython's __doc__ of a node class: "Name(identifier id, expr_context ctx)"; a sum's is
// "expr = BoolOp(...)\n     | NamedExpr(...)"; a field-less constructor's is its name.
std::string constructor_doc(RawSpec const& r)
{
    if (!*r.fields)
        return python_name(r.name);
    return std::string(python_name(r.name)) + "(" + r.fields + ")";
}

std::string sum_doc(size_t index)
{
    RawSpec const& sum = kRawSpecs[index];
    std::string doc = std::string(python_name(sum.name)) + " = ";
    std::string indent(doc.size() - 2, ' ');
    bool first = true;
    bool simple = true;
    for (RawSpec const& r : kRawSpecs)
        if (r.kind == NodeKind::Constructor && r.base == NodeId(index) && *r.fields)
            simple = false;
    for (RawSpec const& r : kRawSpecs) {
        if (r.kind != NodeKind::Constructor || r.base != NodeId(index))
            continue;
        if (!first)
            doc += simple ? " | " : "\n" + indent + "| ";
        doc += constructor_doc(r);
        first = false;
    }
    return doc;
}

Value str_tuple(VM& vm, std::vector<String*> const& items)
{
    Tuple* t = tuple_new(vm, items.size());
    if (!t)
        return Value::null();
    for (size_t i = 0; i < items.size(); ++i)
        t->items[i] = Value::from_object(items[i]);
    return Value::from_object(t);
}

bool ns_set(VM& vm, Dict* ns, char const* key, Value value)
{
    String* k = intern(vm, key);
    return k && !value.is_null() && dict_set_str(vm, ns, k, value);
}

TypeObject* make_class(VM& vm, char const* name, TypeObject* base, Dict* ns)
{
    String* n = intern(vm, name);
    if (!n)
        return nullptr;
    Tuple* bases = tuple_pack(vm, { Value::from_object(base) });
    if (!bases)
        return nullptr;
    Value cls = type_new_class(vm, types.type, n, bases, ns, nullptr, nullptr);
    return cls.is_null() ? nullptr : static_cast<TypeObject*>(cls.as_object());
}

// AST.__new__(cls, *args, **kwargs): an empty instance whatever the arguments, which
// __init__ takes (CPython gives the node classes PyType_GenericNew).
Value ast_new(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    AstState* st = ast_state(vm);
    if (!st)
        return Value::null();
    TypeObject* cls = numeric_new_cls(vm, st->ast, args, nargs);
    if (!cls)
        return Value::null();
    String* new_name = intern(vm, "__new__");
    if (!new_name)
        return Value::null();
    Value object_new = TRY(getattr(vm, Value::from_object(types.object), new_name));
    return call1(vm, object_new, Value::from_object(cls));
}

// AST.__init__(self, *args, **kwargs): positional arguments fill _fields in order,
// keyword arguments set attributes of any name, but not a field a positional argument
// already gave (CPython 3.11's ast_type_init).
Value ast_init(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value self = args[0];
    size_t npos = nargs - 1;
    size_t nkw = kwnames ? kwnames->size : 0;
    Tuple* ft = nullptr;
    if (npos > 0 || nkw > 0) {
        String* fields_name = intern(vm, "_fields");
        if (!fields_name)
            return Value::null();
        Value fields = getattr_opt(vm, Value::from_object(type_of(self)), fields_name);
        if (fields.is_null())
            return Value::null();
        if (!fields.is_not_found()) {
            Value t = TRY(call1(vm, Value::from_object(types.tuple), fields));
            ft = t.as<Tuple>();
        }
    }
    size_t nfields = ft ? ft->size : 0;
    if (npos > nfields)
        return raise_fmt(vm, exc::TypeError, "%s constructor takes at most %zu positional argument%s",
                         type_of(self)->name->c_str(), nfields, nfields == 1 ? "" : "s");
    for (size_t i = 0; i < npos; ++i) {
        String* name = as_str(ft->items[i]);
        if (!name)
            return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(ft->items[i]));
        if (!setattr(vm, self, name, args[1 + i]))
            return Value::null();
    }
    for (size_t k = 0; k < nkw; ++k) {
        String* key = as_str(kwnames->items[k]);
        for (size_t i = 0; i < npos; ++i) {
            int same = equal(vm, ft->items[i], Value::from_object(key));
            if (same < 0)
                return Value::null();
            if (same)
                return raise_fmt(vm, exc::TypeError, "%s got multiple values for argument '%s'",
                                 type_of(self)->name->c_str(), key->c_str());
        }
        if (!setattr(vm, self, key, args[nargs + k]))
            return Value::null();
    }
    return py_none();
}

// AST.__reduce__: (type(self), (), self.__dict__), which copy and pickle rebuild with
// __init__ and __setstate__'s default.
Value ast_reduce(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__reduce__", kwnames) || !check_nargs(vm, "__reduce__", nargs - 1, 0, 0))
        return Value::null();
    Value self = args[0];
    Value cls = Value::from_object(type_of(self));
    Value d = getattr_opt(vm, self, names.__dict__);
    if (d.is_null())
        return Value::null();
    if (d.is_not_found())
        return Value::from_object(tuple_pack(vm, { cls, Value::from_object(empty_tuple()) }));
    return Value::from_object(tuple_pack(vm, { cls, Value::from_object(empty_tuple()), d }));
}

bool make_classes(VM& vm, AstState& st)
{
    for (int i = 0; i < 4; ++i)
        if (!(st.pos_names[i] = intern(vm, kPosNames[i])))
            return false;
    Value empty = Value::from_object(empty_tuple());
    Value module_name = Value::from_object(intern(vm, "ast"));
    if (module_name.is_null())
        return false;

    Dict* ns = dict_new(vm);
    if (!ns || !ns_set(vm, ns, "__module__", module_name) || !ns_set(vm, ns, "_fields", empty)
        || !ns_set(vm, ns, "_attributes", empty) || !ns_set(vm, ns, "__match_args__", empty))
        return false;
    st.ast = make_class(vm, "AST", types.object, ns);
    if (!st.ast)
        return false;
    add_methods(vm, st.ast,
                { { "__new__", ast_new, METH_STATIC }, { "__init__", ast_init }, { "__reduce__", ast_reduce } });
    type_modified(st.ast);

    std::vector<NodeSpec> const& specs = node_specs();
    st.field_names.resize(specs.size());
    for (size_t i = 0; i < specs.size(); ++i) {
        NodeSpec const& spec = specs[i];
        std::vector<String*>& fnames = st.field_names[i];
        for (FieldSpec const& f : spec.fields) {
            String* s = intern(vm, f.name);
            if (!s)
                return false;
            fnames.push_back(s);
        }
        Dict* d = dict_new(vm);
        if (!d)
            return false;
        Value fields = str_tuple(vm, fnames);
        std::string doc = spec.kind == NodeKind::Abstract ? sum_doc(i) : constructor_doc(kRawSpecs[i]);
        if (!ns_set(vm, d, "_fields", fields) || !ns_set(vm, d, "__match_args__", fields)
            || !ns_set(vm, d, "__module__", module_name) || !ns_set(vm, d, "__doc__", str_value(vm, doc)))
            return false;
        if (spec.attrs != NodeAttrs::NoPos) {
            std::vector<String*> attrs(st.pos_names, st.pos_names + 4);
            if (!ns_set(vm, d, "_attributes", str_tuple(vm, attrs)))
                return false;
            if (spec.attrs == NodeAttrs::Pos
                && (!dict_set_str(vm, d, st.pos_names[2], py_none()) || !dict_set_str(vm, d, st.pos_names[3], py_none())))
                return false;
        }
        // An optional field defaults to None on the class (3.11 gives lists no default).
        for (size_t k = 0; k < spec.fields.size(); ++k)
            if (spec.fields[k].quantifier == '?' && !dict_set_str(vm, d, fnames[k], py_none()))
                return false;
        TypeObject* base = spec.base == NodeId::AST ? st.ast : st.classes[int(spec.base)];
        TypeObject* cls = make_class(vm, spec.name, base, d);
        if (!cls)
            return false;
        st.classes[i] = cls;
        // The field-less constructors of a sum (Load, Add, Eq, ...) are shared by trees.
        if (spec.kind == NodeKind::Constructor && spec.fields.empty() && specs[int(spec.base)].attrs == NodeAttrs::NoPos) {
            Object* o = alloc_instance(vm, cls);
            if (!o)
                return false;
            st.singletons[i] = Value::from_object(o);
        }
    }
    return true;
}

int g_state_key;

} // namespace

std::vector<NodeSpec> const& node_specs()
{
    // Immutable after its first initialization (thread-safe static): not VM state.
    static std::vector<NodeSpec> const specs = [] {
        std::vector<NodeSpec> out;
        for (RawSpec const& r : kRawSpecs)
            out.push_back({ python_name(r.name), r.base, r.kind, r.attrs, parse_fields(r.fields) });
        return out;
    }();
    return specs;
}

void AstState::trace(Tracer& t)
{
    if (ast)
        t.visit(ast);
    for (TypeObject* c : classes)
        if (c)
            t.visit(c);
    for (Value v : singletons)
        if (!v.is_null())
            t.visit(v);
    for (auto const& names : field_names)
        for (String* s : names)
            t.visit(s);
    for (String* s : pos_names)
        if (s)
            t.visit(s);
}

AstState* ast_state(VM& vm)
{
    AstState& st = module_state<AstState>(vm, &g_state_key);
    if (!st.ready) {
        if (!make_classes(vm, st))
            return nullptr;
        st.ready = true;
    }
    return &st;
}

AstState* ast_state_if_ready(VM& vm)
{
    auto* st = static_cast<AstState*>(vm.module_state(&g_state_key));
    return st && st->ready ? st : nullptr;
}

} // namespace pyast

Module* make_ast_module(VM& vm)
{
    pyast::AstState* st = pyast::ast_state(vm);
    if (!st)
        return nullptr;
    Module* m = module_new(vm, "_ast");
    if (!m)
        return nullptr;
    module_add(vm, m, "AST", Value::from_object(st->ast));
    std::vector<pyast::NodeSpec> const& specs = pyast::node_specs();
    for (size_t i = 0; i < specs.size(); ++i)
        module_add(vm, m, specs[i].name, Value::from_object(st->classes[i]));
    module_add(vm, m, "PyCF_ONLY_AST", int_from_i64(vm, kPyCfOnlyAst));
    module_add(vm, m, "PyCF_TYPE_COMMENTS", int_from_i64(vm, kPyCfTypeComments));
    module_add(vm, m, "PyCF_ALLOW_TOP_LEVEL_AWAIT", int_from_i64(vm, kPyCfAllowTopLevelAwait));
    return m;
}

} // namespace slpy
