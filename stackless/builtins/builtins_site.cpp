// builtins: the names CPython's `site` adds for interactive use: exit and quit
// (_sitebuiltins.Quitter), copyright, credits and license (_Printer), help (_Helper),
// and breakpoint().
#include "stackless/builtins/builtins.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/interpreter.h"

#include <string>

namespace slpy {

namespace {

// The layout of the three types: `name` is exit/quit/..., `text` what repr() shows, and
// `body` what a _Printer prints when called.
struct SiteObject : Object {
    String* name;
    String* text;
    String* body;
};

void site_trace(Object* o, Tracer& t)
{
    auto* s = static_cast<SiteObject*>(o);
    t.visit(s->name);
    t.visit(s->text);
    t.visit(s->body);
}

TypeObject* g_quitter = nullptr;
TypeObject* g_printer = nullptr;
TypeObject* g_helper = nullptr;

Value site_repr(VM&, Value const* args, size_t, Tuple*)
{
    return Value::from_object(args[0].as<SiteObject>()->text);
}

// Quitter.__call__(code=None): raise SystemExit(code). CPython also closes sys.stdin
// first; nothing in slpy depends on that.
Value quitter_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "__call__", args, nargs, kwnames, { "self", "code" }, 1, a))
        return Value::null();
    Value code = a[1].is_null() ? py_none() : a[1];
    Tuple* exit_args = tuple_pack(vm, { code });
    return exit_args ? raise_with_args(vm, exc::SystemExit, exit_args) : Value::null();
}

// _Printer.__call__(): prints the text.
Value printer_call(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "__call__", kwnames) || !check_nargs(vm, "__call__", nargs - 1, 0, 0))
        return Value::null();
    Value text = Value::from_object(args[0].as<SiteObject>()->body);
    return builtin_print(vm, &text, 1, nullptr);
}

Value helper_call(VM& vm, Value const*, size_t, Tuple*)
{
    return raise(vm, exc::NotImplementedError, "help() is not available in slpy (no pydoc)");
}

// breakpoint(*args, **kws): calls sys.breakpointhook, which picks the debugger.
Value builtin_breakpoint(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    String* sys_name = intern(vm, "sys");
    String* hook_name = intern(vm, "breakpointhook");
    if (!sys_name || !hook_name)
        return Value::null();
    Value sys = TRY(interp(vm).import_module(sys_name));
    Value hook = getattr_opt(vm, sys, hook_name);
    if (hook.is_null())
        return hook;
    if (hook.is_not_found())
        return raise(vm, exc::RuntimeError, "lost sys.breakpointhook");
    return call(vm, hook, args, nargs, kwnames);
}

void setup_site_types(VM& vm)
{
    if (g_quitter)
        return;
    auto make = [&](char const* name, NativeFn call_fn) {
        TypeObject* t = make_builtin_type(vm, name, nullptr, sizeof(SiteObject), 0, site_trace);
        (void)dict_set_str(vm, t->dict, names.__module__, str_value(vm, "_sitebuiltins"));
        add_methods(vm, t, { { "__repr__", site_repr }, { "__call__", call_fn } });
        finish_builtin_type(vm, t);
        return t;
    };
    g_quitter = make("Quitter", quitter_call);
    g_printer = make("_Printer", printer_call);
    g_helper = make("_Helper", helper_call);
}

Value site_object(VM& vm, TypeObject* type, char const* name, std::string const& text, char const* body = nullptr)
{
    auto* o = vm.heap.make<SiteObject>(type);
    if (!o)
        return Value::null();
    o->name = intern(vm, name);
    o->text = str_new(vm, text);
    o->body = body ? str_new(vm, body) : o->text;
    return Value::from_object(o);
}

char const* const kCopyright =
    "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\n"
    "slpy is an independent implementation of the Python 3.11 language.";
char const* const kCredits =
    "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands\n"
    "    for supporting Python development.  See www.python.org for more information.";
char const* const kLicense = "See https://www.python.org/psf/license/";

} // namespace

void add_site_builtins(VM& vm, Module* m)
{
    setup_site_types(vm);
    module_add(vm, m, "exit", site_object(vm, g_quitter, "exit", "Use exit() or Ctrl-D (i.e. EOF) to exit"));
    module_add(vm, m, "quit", site_object(vm, g_quitter, "quit", "Use quit() or Ctrl-D (i.e. EOF) to exit"));
    module_add(vm, m, "copyright", site_object(vm, g_printer, "copyright", kCopyright));
    module_add(vm, m, "credits", site_object(vm, g_printer, "credits", kCredits));
    module_add(vm, m, "license", site_object(vm, g_printer, "license", "Type license() to see the full license text", kLicense));
    module_add(vm, m, "help", site_object(vm, g_helper, "help", "Type help() for interactive help, or help(object) for help about object."));
    module_add_functions(vm, m, { { "breakpoint", builtin_breakpoint } });
}

} // namespace slpy
