// The import system: importlib._bootstrap's algorithm (_gcd_import, _find_and_load,
// _handle_fromlist, __import__) done natively, with a native path finder and source
// loader. The objects the library inspects (module.__spec__, __loader__, the finders in
// sys.meta_path) are small native classes with the attributes and methods CPython's
// importlib gives them; see README.md.
#include "stackless/imports/imports.h"

#include "objects/bytes.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/imports/import_state.h"
#include "stackless/imports/pycache.h"
#include "stackless/vm/interpreter.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace slpy {

namespace {

// ------------------------------------------------------------------ small helpers

bool path_is_file(std::string const& p)
{
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string current_dir()
{
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        return ".";
    return buf;
}

std::string join_path(std::string const& dir, std::string const& name)
{
    if (dir.empty())
        return name;
    if (dir.back() == '/')
        return dir + name;
    return dir + "/" + name;
}

String* intern_sv(VM& vm, std::string_view s) { return intern(vm, s); }

// The attribute `name` of `obj`, or not_found; null with the error pending.
Value attr_opt(VM& vm, Value obj, char const* name)
{
    String* n = intern(vm, name);
    if (!n)
        return Value::null();
    return getattr_opt(vm, obj, n);
}

// repr(s) of a str as CPython's {!r}.
std::string repr_of(VM& vm, Value s)
{
    Value r = repr(vm, s);
    if (r.is_null()) {
        vm.clear_error();
        return "?";
    }
    return std::string(as_str(r)->view());
}

std::string repr_of(VM& vm, std::string_view s)
{
    Value v = str_value(vm, s);
    if (v.is_null()) {
        vm.clear_error();
        return "'" + std::string(s) + "'";
    }
    return repr_of(vm, v);
}

} // namespace

// ImportError(msg, name=..., path=...) (or a subclass), made pending. Returns null.
Value raise_import_error(VM& vm, TypeObject* type, std::string const& msg, Value name, Value path)
{
    Value m = str_value(vm, msg);
    String* kn = names.name;
    String* kp = names.path;
    Tuple* kw = tuple_pack(vm, { Value::from_object(kn), Value::from_object(kp) });
    if (m.is_null() || !kw)
        return Value::null();
    Value args[3] = { m, name.is_null() ? py_none() : name, path.is_null() ? py_none() : path };
    Value e = call(vm, Value::from_object(type), args, 1, kw);
    if (e.is_null())
        return e;
    vm.set_error(e);
    return Value::null();
}

namespace {

Value module_not_found(VM& vm, std::string const& name, std::string const& suffix = "")
{
    return raise_import_error(vm, exc::ModuleNotFoundError, "No module named " + repr_of(vm, name) + suffix, str_value(vm, name),
                              Value::null());
}

// ------------------------------------------------------------------ the state and its types

// ModuleSpec(name, loader, *, origin=None, loader_state=None, is_package=None): the
// attributes importlib's ModuleSpec has, kept in the instance dict.
Value spec_new(VM& vm, Value name, Value loader, Value origin, Value search_locations, Value cached, bool has_location)
{
    ImportState& st = import_state(vm);
    Object* o = alloc_instance(vm, st.spec_type);
    if (!o)
        return Value::null();
    Dict* d = instance_dict(vm, o, true);
    if (!d)
        return Value::null();
    // parent: the package the module is in (itself for a package).
    Value parent;
    if (!search_locations.is_null() && !is_none(search_locations)) {
        parent = name;
    } else {
        std::string_view n = as_str(name)->view();
        size_t dot = n.rfind('.');
        parent = str_value(vm, dot == std::string_view::npos ? std::string_view() : n.substr(0, dot));
    }
    if (parent.is_null())
        return parent;
    struct Item {
        char const* key;
        Value v;
    };
    for (Item it : { Item{ "name", name }, Item{ "loader", loader }, Item{ "origin", origin }, Item{ "loader_state", py_none() },
                     Item{ "submodule_search_locations", search_locations }, Item{ "_set_fileattr", py_bool(has_location) },
                     Item{ "_cached", cached }, Item{ "cached", cached }, Item{ "parent", parent },
                     Item{ "has_location", py_bool(has_location) }, Item{ "_initializing", py_false() },
                     Item{ "_uninitialized_submodules", Value::from_object(list_new(vm)) } }) {
        String* k = intern(vm, it.key);
        if (!k || !dict_set_str(vm, d, k, it.v.is_null() ? py_none() : it.v))
            return Value::null();
    }
    return Value::from_object(o);
}

Value spec_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Value self = args[0];
    std::string out = "ModuleSpec(name=";
    Value name = TRY(attr_opt(vm, self, "name"));
    out += name.is_not_found() ? "?" : repr_of(vm, name);
    Value loader = TRY(attr_opt(vm, self, "loader"));
    Value lr = loader.is_not_found() ? str_value(vm, "None") : repr(vm, loader);
    if (lr.is_null())
        return lr;
    out += ", loader=" + std::string(as_str(lr)->view());
    Value origin = TRY(attr_opt(vm, self, "origin"));
    if (!origin.is_not_found() && !is_none(origin))
        out += ", origin=" + repr_of(vm, origin);
    Value locs = TRY(attr_opt(vm, self, "submodule_search_locations"));
    if (!locs.is_not_found() && !is_none(locs)) {
        Value lr2 = TRY(repr(vm, locs));
        out += ", submodule_search_locations=" + std::string(as_str(lr2)->view());
    }
    out += ")";
    return str_value(vm, out);
}

Value loader_new(VM& vm, Value name, Value path)
{
    ImportState& st = import_state(vm);
    Object* o = alloc_instance(vm, st.library_loader_type ? st.library_loader_type : st.loader_type);
    if (!o)
        return Value::null();
    Dict* d = instance_dict(vm, o, true);
    if (!d || !dict_set_str(vm, d, names.name, name) || !dict_set_str(vm, d, names.path, path))
        return Value::null();
    return Value::from_object(o);
}

// The loader's `path` attribute as a C++ string.
bool loader_path(VM& vm, Value self, std::string& out)
{
    Value p = getattr(vm, self, names.path);
    if (p.is_null())
        return false;
    String* s = as_str(p);
    if (!s) {
        raise(vm, exc::TypeError, "loader path must be a str");
        return false;
    }
    out = s->view();
    return true;
}

bool read_whole_file(VM& vm, std::string const& path, std::string& out)
{
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        int err = errno;
        Value args[2] = { Value::small_int(err), str_value(vm, std::strerror(err)) };
        Value p = str_value(vm, path);
        Value a3[3] = { args[0], args[1], p };
        Tuple* t = tuple_from_array(vm, a3, 3);
        if (t)
            (void)raise_with_args(vm, exc::OSError, t);
        return false;
    }
    out.clear();
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        out.append(buf, n);
    std::fclose(f);
    return true;
}

// loader.get_filename(name=None)
Value loader_get_filename(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "get_filename", args, nargs, kwnames, { "self", "name" }, 1, a))
        return Value::null();
    return getattr(vm, a[0], names.path);
}

// loader.get_data(path): the file's bytes.
Value loader_get_data(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "get_data", args, nargs, kwnames, { "self", "path" }, 2, a))
        return Value::null();
    String* p = as_str(a[1]);
    if (!p)
        return raise(vm, exc::TypeError, "get_data() argument must be str");
    std::string data;
    if (!read_whole_file(vm, std::string(p->view()), data))
        return Value::null();
    Bytes* b = bytes_new(vm, data);
    return b ? Value::from_object(b) : Value::null();
}

// loader.get_source(name): the source text, decoded as the source declares.
Value loader_get_source(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "get_source", args, nargs, kwnames, { "self", "fullname" }, 1, a))
        return Value::null();
    std::string path;
    if (!loader_path(vm, a[0], path))
        return Value::null();
    std::string data;
    if (!read_whole_file(vm, path, data))
        return Value::null();
    // importlib decodes with tokenize.detect_encoding (PEP 263) and universal newlines.
    Value tokenize = TRY(import_absolute(vm, intern(vm, "importlib._bootstrap_external")));
    Value dec = TRY(attr_opt(vm, tokenize, "decode_source"));
    Bytes* b = bytes_new(vm, data);
    if (!b)
        return Value::null();
    return call1(vm, dec, Value::from_object(b));
}

// loader.is_package(name): the file is an __init__ module.
Value loader_is_package(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "is_package", args, nargs, kwnames, { "self", "fullname" }, 2, a))
        return Value::null();
    std::string path;
    if (!loader_path(vm, a[0], path))
        return Value::null();
    size_t slash = path.rfind('/');
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    size_t dot = base.find('.');
    return py_bool(base.substr(0, dot) == "__init__");
}

// loader.get_code(name): the module's code object (from the bytecode cache or compiled).
Value loader_get_code(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "get_code", args, nargs, kwnames, { "self", "fullname" }, 1, a))
        return Value::null();
    std::string path;
    if (!loader_path(vm, a[0], path))
        return Value::null();
    std::string source;
    if (!read_whole_file(vm, path, source))
        return Value::null();
    return imports_source_to_code(vm, path, source);
}

Value loader_create_module(VM&, Value const*, size_t, Tuple*) { return py_none(); }

Value exec_module_code(VM& vm, Value module, Value code)
{
    Dict* d = type_of(module) == types.module || is_instance_fast(module, types.module) ? module.as<Module>()->dict : nullptr;
    if (!d)
        return raise(vm, exc::TypeError, "exec_module() needs a module");
    if (dict_get_str(vm, d, names.__builtins__).is_not_found())
        if (!dict_set_str(vm, d, names.__builtins__, Value::from_object(interp(vm).builtins)))
            return Value::null();
    return interp(vm).run_module(code.as<Code>(), d);
}

// loader.exec_module(module): runs the module's code in its namespace.
Value loader_exec_module(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "exec_module", args, nargs, kwnames, { "self", "module" }, 2, a))
        return Value::null();
    Value code = TRY(call_method(vm, a[0], intern(vm, "get_code"), &a[1], 0));
    Value name = getattr(vm, a[1], names.__name__);
    (void)name;
    if (name.is_null())
        vm.clear_error();
    TRY(exec_module_code(vm, a[1], code));
    return py_none();
}

Value loader_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    Value name = TRY(attr_opt(vm, args[0], "name"));
    Value path = TRY(attr_opt(vm, args[0], "path"));
    std::string out = "<_frozen_importlib_external.SourceFileLoader object ";
    out += "for " + (name.is_not_found() ? std::string("?") : repr_of(vm, name));
    out += " at " + (path.is_not_found() ? std::string("?") : repr_of(vm, path)) + ">";
    return str_value(vm, out);
}

// ---- BuiltinImporter

// The arguments of a finder's find_spec(fullname, path=None, target=None) into `a`; the
// module name, or null with the error pending.
static String* find_spec_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, Value (&a)[4])
{
    if (!parse_args(vm, "find_spec", args, nargs, kwnames, { "self", "fullname", "path", "target" }, 2, a))
        return nullptr;
    String* name = as_str(a[1]);
    if (!name)
        (void)raise(vm, exc::TypeError, "find_spec() argument 'fullname' must be str");
    return name;
}

Value builtin_find_spec(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    String* name = find_spec_args(vm, args, nargs, kwnames, a);
    if (!name)
        return Value::null();
    if (!a[2].is_null() && !is_none(a[2]))
        return py_none();
    if (!interp(vm).is_builtin_module(name->view()))
        return py_none();
    return spec_new(vm, a[1], a[0], str_value(vm, "built-in"), py_none(), py_none(), false);
}

Value builtin_create_module(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[2];
    if (!parse_args(vm, "create_module", args, nargs, kwnames, { "self", "spec" }, 2, a))
        return Value::null();
    Value name = TRY(getattr(vm, a[1], names.name));
    String* n = as_str(name);
    if (!n)
        return raise(vm, exc::TypeError, "spec.name must be a str");
    Value m = TRY(interp(vm).load_builtin_module(n));
    if (m.is_not_found())
        return raise_import_error(vm, exc::ImportError, "no built-in module named " + std::string(n->view()), name, Value::null());
    return m;
}

Value builtin_exec_module(VM&, Value const*, size_t, Tuple*) { return py_none(); }

Value builtin_is_package(VM&, Value const*, size_t, Tuple*) { return py_false(); }

Value finder_invalidate_caches(VM&, Value const*, size_t, Tuple*) { return py_none(); }

Value builtin_importer_repr(VM& vm, Value const*, size_t, Tuple*)
{
    return str_value(vm, "<class '_frozen_importlib.BuiltinImporter'>");
}

Value path_finder_repr(VM& vm, Value const*, size_t, Tuple*)
{
    return str_value(vm, "<class '_frozen_importlib_external.PathFinder'>");
}

Value path_finder_find_spec(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);

// ---- NamespaceLoader: a namespace package has nothing to run.
Value namespace_is_package(VM&, Value const*, size_t, Tuple*) { return py_true(); }
Value namespace_get_source(VM& vm, Value const*, size_t, Tuple*) { return str_value(vm, ""); }

TypeObject* make_class(VM& vm, char const* name, char const* module)
{
    Dict* ns = dict_new(vm);
    String* n = intern(vm, name);
    if (!ns || !n || !dict_set_str(vm, ns, names.__module__, Value::from_object(intern(vm, module))))
        return nullptr;
    Value t = type_new_record_class(vm, n, types.object, ns);
    return t.is_null() ? nullptr : t.as<TypeObject>();
}

} // namespace

ImportState& import_state(VM& vm)
{
    Interpreter& in = interp(vm);
    if (in.imports)
        return *in.imports;
    auto* st = new ImportState();
    in.imports = st;
    vm.heap.add_root_provider([st](Tracer& t) { st->trace(t); });
    // Start-up style: the types are made once per VM, without checking each allocation.
    vm.heap.begin_infallible();
    st->spec_type = make_class(vm, "ModuleSpec", "_frozen_importlib");
    add_methods(vm, st->spec_type, { { "__repr__", spec_repr } });
    st->loader_type = make_class(vm, "SourceFileLoader", "_frozen_importlib_external");
    add_methods(vm, st->loader_type, {
        { "__repr__", loader_repr },
        { "get_filename", loader_get_filename },
        { "get_data", loader_get_data },
        { "get_source", loader_get_source },
        { "is_package", loader_is_package },
        { "get_code", loader_get_code },
        { "create_module", loader_create_module },
        { "exec_module", loader_exec_module },
    });
    TypeObject* bt = make_class(vm, "BuiltinImporter", "_frozen_importlib");
    add_methods(vm, bt, {
        { "__repr__", builtin_importer_repr },
        { "find_spec", builtin_find_spec },
        { "create_module", builtin_create_module },
        { "exec_module", builtin_exec_module },
        { "is_package", builtin_is_package },
        { "invalidate_caches", finder_invalidate_caches },
    });
    st->builtin_importer = Value::from_object(alloc_instance(vm, bt));
    st->namespace_loader_type = make_class(vm, "NamespaceLoader", "_frozen_importlib_external");
    add_methods(vm, st->namespace_loader_type, {
        { "is_package", namespace_is_package },
        { "get_source", namespace_get_source },
        { "create_module", loader_create_module },
        { "exec_module", builtin_exec_module },
    });
    TypeObject* pt = make_class(vm, "PathFinder", "_frozen_importlib_external");
    add_methods(vm, pt, {
        { "__repr__", path_finder_repr },
        { "find_spec", path_finder_find_spec },
        { "invalidate_caches", finder_invalidate_caches },
    });
    st->path_finder = Value::from_object(alloc_instance(vm, pt));
    st->builtin_importer_type = bt;
    st->path_finder_type = pt;
    vm.heap.end_infallible();
    return *st;
}

void ImportState::trace(Tracer& t)
{
    if (spec_type)
        t.visit(spec_type);
    if (loader_type)
        t.visit(loader_type);
    if (builtin_importer_type)
        t.visit(builtin_importer_type);
    if (path_finder_type)
        t.visit(path_finder_type);
    if (namespace_loader_type)
        t.visit(namespace_loader_type);
    if (library_loader_type)
        t.visit(library_loader_type);
    t.visit(builtin_importer);
    t.visit(path_finder);
    if (deadlock_error)
        t.visit(deadlock_error);
    // The threads waiting for a lock are parked: only the lock's wait list reaches them.
    trace_wait_list(import_lock.waiters, t);
    for (auto& [name, l] : module_locks)
        trace_wait_list(l->waiters, t);
}

namespace {

// ------------------------------------------------------------------ the path finder

// What the finder found for one module name.
struct Found {
    enum class Kind { None, Source, Package, Namespace } kind = Kind::None;
    std::string origin;                 // the source file
    std::vector<std::string> locations; // a package's __path__ (namespace portions)
};

// Searches `search_path` (an iterable of folder names: sys.path or a package's __path__)
// for the module whose last name component is `tail`, as CPython's FileFinder: a package
// folder with __init__.py first, then tail.py; folders without __init__.py become
// portions of a namespace package if nothing else is found.
bool find_on_path(VM& vm, Value search_path, std::string const& tail, Found& out)
{
    Value it = get_iter(vm, search_path);
    if (it.is_null())
        return false;
    std::vector<std::string> portions;
    for (;;) {
        Value entry = iter_next(vm, it);
        if (entry.is_null())
            return false;
        if (entry.is_stop_iteration())
            break;
        String* s = as_str(entry);
        if (!s)
            continue; // bytes and other path entries have no finder here
        std::string dir(s->view());
        // As CPython's FileFinder: '' and '.' are the current directory, other relative
        // entries are joined to it (not normalized).
        if (dir.empty() || dir == ".")
            dir = current_dir();
        else if (dir[0] != '/')
            dir = join_path(current_dir(), dir);
        std::string base = join_path(dir, tail);
        struct stat st;
        bool is_dir = ::stat(base.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        if (is_dir) {
            std::string init = join_path(base, "__init__.py");
            if (path_is_file(init)) {
                out.kind = Found::Kind::Package;
                out.origin = init;
                out.locations = { base };
                return true;
            }
        }
        std::string file = base + ".py";
        if (path_is_file(file)) {
            out.kind = Found::Kind::Source;
            out.origin = file;
            return true;
        }
        if (is_dir)
            portions.push_back(base);
    }
    if (!portions.empty()) {
        out.kind = Found::Kind::Namespace;
        out.locations = std::move(portions);
    }
    return true;
}

List* string_list(VM& vm, std::vector<std::string> const& items)
{
    List* l = list_new(vm);
    if (!l)
        return nullptr;
    for (std::string const& s : items)
        if (!list_append(vm, l, str_value(vm, s)))
            return nullptr;
    return l;
}

// A spec for what the finder found (None when nothing was found).
Value spec_for_found(VM& vm, Value fullname, Found const& f)
{
    switch (f.kind) {
    case Found::Kind::None:
        return py_none();
    case Found::Kind::Namespace: {
        List* locs = string_list(vm, f.locations);
        if (!locs)
            return Value::null();
        Object* loader = alloc_instance(vm, import_state(vm).namespace_loader_type);
        if (!loader)
            return Value::null();
        return spec_new(vm, fullname, Value::from_object(loader), py_none(), Value::from_object(locs), py_none(), false);
    }
    case Found::Kind::Source:
    case Found::Kind::Package: {
        Value origin = TRY(str_value(vm, f.origin));
        Value loader = TRY(loader_new(vm, fullname, origin));
        Value locs = py_none();
        if (f.kind == Found::Kind::Package) {
            List* l = string_list(vm, f.locations);
            if (!l)
                return Value::null();
            locs = Value::from_object(l);
        }
        std::string cached = pycache_path_for(vm, f.origin);
        Value cached_v = cached.empty() ? py_none() : str_value(vm, cached);
        if (cached_v.is_null())
            return cached_v;
        return spec_new(vm, fullname, loader, origin, locs, cached_v, true);
    }
    }
    return py_none();
}

Value sys_attr(VM& vm, char const* name)
{
    Interpreter& in = interp(vm);
    String* n = intern(vm, name);
    if (!n)
        return Value::null();
    return dict_get_str(vm, in.sys_module->dict, n);
}

// PathFinder.find_spec(name, path): the spec for the last part of `name` found on
// `search_path` (sys.path when None or absent), None when not found.
Value path_finder_spec(VM& vm, String* name, Value search_path)
{
    Value search = search_path;
    if (search.is_null() || is_none(search)) {
        search = TRY(sys_attr(vm, "path"));
        if (search.is_not_found())
            return py_none();
    }
    std::string_view full = name->view();
    size_t dot = full.rfind('.');
    std::string tail(dot == std::string_view::npos ? full : full.substr(dot + 1));
    Found f;
    if (!find_on_path(vm, search, tail, f))
        return Value::null();
    return spec_for_found(vm, Value::from_object(name), f);
}

Value path_finder_find_spec(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    String* name = find_spec_args(vm, args, nargs, kwnames, a);
    if (!name)
        return Value::null();
    return path_finder_spec(vm, name, a[2]);
}

// ------------------------------------------------------------------ loading

// importlib's _init_module_attrs for a new module from `spec`.
bool init_module_attrs(VM& vm, Value module, Value spec)
{
    Value name = getattr(vm, spec, names.name);
    if (name.is_null())
        return false;
    Value loader = getattr(vm, spec, intern(vm, "loader"));
    Value parent = getattr(vm, spec, intern(vm, "parent"));
    Value locs = getattr(vm, spec, intern(vm, "submodule_search_locations"));
    if (loader.is_null() || parent.is_null() || locs.is_null())
        return false;
    Dict* d = module.as<Module>()->dict;
    if (!dict_set_str(vm, d, names.__name__, name) || !dict_set_str(vm, d, names.__loader__, loader) ||
        !dict_set_str(vm, d, names.__package__, parent) || !dict_set_str(vm, d, names.__spec__, spec))
        return false;
    if (!is_none(locs) && !dict_set_str(vm, d, names.__path__, locs))
        return false;
    // A namespace package has __file__ None (3.11's _init_module_attrs via NamespaceLoader).
    Value origin0 = getattr(vm, spec, intern(vm, "origin"));
    if (origin0.is_null())
        return false;
    if (!is_none(locs) && is_none(origin0) && !dict_set_str(vm, d, names.__file__, py_none()))
        return false;
    Value has_location = attr_opt(vm, spec, "has_location");
    if (has_location.is_null())
        return false;
    if (!has_location.is_not_found() && truthy(vm, has_location) > 0) {
        Value origin = getattr(vm, spec, intern(vm, "origin"));
        Value cached = getattr(vm, spec, intern(vm, "cached"));
        if (origin.is_null() || cached.is_null())
            return false;
        if (!dict_set_str(vm, d, names.__file__, origin))
            return false;
        if (!is_none(cached) && !dict_set_str(vm, d, intern(vm, "__cached__"), cached))
            return false;
    }
    return true;
}

// From the load of importlib._bootstrap_external on, the path finder hands out its
// SourceFileLoader, so that find_spec and spec_from_file_location agree on type() and
// the loader has everything the library calls (get_resource_reader, path_stats, ...).
// The modules loaded before get one too (as CPython's _bootstrap._setup fixes up the
// modules imported before it). False with an exception pending on failure.
bool adopt_library_loader(VM& vm, Dict* external)
{
    Interpreter& in = interp(vm);
    ImportState& st = import_state(vm);
    // Only the first load (the one importlib/__init__ wires up and importlib.machinery
    // re-exports): a fresh copy (test.support.import_fresh_module) keeps its own class.
    if (st.library_loader_type)
        return true;
    Value cls = dict_get_str(vm, external, intern(vm, "SourceFileLoader"));
    if (cls.is_null())
        return false;
    if (cls.is_not_found() || !cls.is_object() || !is_instance_fast(cls, types.type))
        return true;
    st.library_loader_type = cls.as<TypeObject>();
    String* spec_name = intern(vm, "__spec__");
    String* loader_name = intern(vm, "__loader__");
    String* loader_attr = intern(vm, "loader");
    size_t pos = 0;
    Value key, mod;
    while (dict_next(in.modules, pos, key, mod)) {
        if (!is_instance_fast(mod, types.module))
            continue;
        Dict* d = mod.as<Module>()->dict;
        Value spec = dict_get_str(vm, d, spec_name);
        if (spec.is_null())
            return false;
        if (spec.is_not_found() || type_of(spec) != st.spec_type)
            continue;
        Value old = getattr(vm, spec, loader_attr);
        if (old.is_null())
            return false;
        if (type_of(old) != st.loader_type)
            continue;
        Value name = getattr(vm, old, names.name);
        Value path = name.is_null() ? name : getattr(vm, old, names.path);
        Value fresh = path.is_null() ? path : loader_new(vm, name, path);
        if (fresh.is_null() || !setattr(vm, spec, loader_attr, fresh))
            return false;
        Value cur = dict_get_str(vm, d, loader_name);
        if (cur.is_null())
            return false;
        if (!cur.is_not_found() && cur.is(old) && !dict_set_str(vm, d, loader_name, fresh))
            return false;
    }
    return true;
}

// importlib's _load_unlocked: creates the module, puts it in sys.modules, runs it.
Value load_from_spec(VM& vm, String* name, Value spec)
{
    Interpreter& in = interp(vm);
    ImportState& st = import_state(vm);
    Value loader = TRY(getattr(vm, spec, intern(vm, "loader")));
    Value module;
    // importlib's SourceFileLoader as handed out by the path finder loads as the native one
    // does (the same cache, the same magic); a subclass goes through its exec_module.
    bool native_loader = type_of(loader) == st.loader_type ||
                         (st.library_loader_type && type_of(loader) == st.library_loader_type);
    bool namespace_loader = type_of(loader) == st.namespace_loader_type;
    if (!native_loader && !namespace_loader && !is_none(loader)) {
        Value create = TRY(attr_opt(vm, loader, "create_module"));
        if (!create.is_not_found()) {
            module = TRY(call1(vm, create, spec));
            if (is_none(module))
                module = Value::null();
        } else {
            Value exec = TRY(attr_opt(vm, loader, "exec_module"));
            if (exec.is_not_found()) {
                // A loader of the old protocol: load_module does everything.
                Value load = TRY(attr_opt(vm, loader, "load_module"));
                if (load.is_not_found())
                    return raise(vm, exc::ImportError, "loader has neither exec_module() nor load_module()");
                return call1(vm, load, Value::from_object(name));
            }
        }
    }
    if (module.is_null()) {
        Module* m = module_new(vm, name->view());
        if (!m)
            return Value::null();
        module = Value::from_object(m);
    }
    if (is_instance_fast(module, types.module) && !init_module_attrs(vm, module, spec))
        return Value::null();
    Value initializing_name = Value::from_object(intern(vm, "_initializing"));
    if (!setattr(vm, spec, initializing_name.as<String>(), py_true()))
        return Value::null();
    if (!dict_set_str(vm, in.modules, name, module))
        return Value::null();
    Value result = py_none();
    if (is_none(loader) || namespace_loader) {
        // A namespace package: nothing to run.
    } else if (native_loader) {
        Value path = getattr(vm, loader, names.path);
        std::string source;
        if (path.is_null() || !as_str(path) || !read_whole_file(vm, std::string(as_str(path)->view()), source)) {
            result = Value::null();
        } else {
            Value code = imports_source_to_code(vm, std::string(as_str(path)->view()), source);
            result = code.is_null() ? code : exec_module_code(vm, module, code);
        }
    } else {
        result = call_method(vm, loader, intern(vm, "exec_module"), &module, 1);
    }
    // _initializing goes back to False whatever happened (the spec may outlive a failure).
    Value pending = vm.take_error();
    if (!setattr(vm, spec, initializing_name.as<String>(), py_false()))
        vm.clear_error();
    if (!pending.is_null())
        vm.restore_error(pending);
    if (result.is_null()) {
        // A failed module leaves sys.modules (if it is still the one put there).
        Value e = vm.take_error();
        Value cur = dict_get_str(vm, in.modules, name);
        if (!cur.is_null() && cur.is(module))
            (void)dict_del(vm, in.modules, Value::from_object(name));
        vm.clear_error();
        vm.restore_error(e);
        return Value::null();
    }
    if (name->view() == "importlib._bootstrap" && is_instance_fast(module, types.module) &&
        !imports_share_deadlock_error(vm, module.as<Module>()->dict))
        return Value::null();
    // CPython's importlib writes .pyc files with its own magic number: made slpy's, the
    // cache files it writes (py_compile, compileall, SourceFileLoader) are slpy's own.
    if (name->view() == "importlib._bootstrap_external" && is_instance_fast(module, types.module)) {
        uint32_t magic = pycache_magic();
        std::string raw(4, '\0');
        for (int i = 0; i < 4; ++i)
            raw[size_t(i)] = char((magic >> (8 * i)) & 0xff);
        Bytes* b = bytes_new(vm, raw);
        if (!b || !dict_set_str(vm, module.as<Module>()->dict, intern(vm, "MAGIC_NUMBER"), Value::from_object(b)) ||
            !dict_set_str(vm, module.as<Module>()->dict, intern(vm, "_RAW_MAGIC_NUMBER"), int_from_u64(vm, magic)))
            return Value::null();
        if (!adopt_library_loader(vm, module.as<Module>()->dict))
            return Value::null();
    }
    // The module may have replaced itself in sys.modules.
    Value final_mod = TRY(dict_get_str(vm, in.modules, name));
    if (final_mod.is_not_found())
        return raise_fmt(vm, exc::KeyError, "%s", repr_of(vm, Value::from_object(name)).c_str());
    return final_mod;
}

// One finder's spec for `name` (None when it has none). The native finders run
// natively; any other finder's find_spec(name, path, None) is called.
Value finder_spec(VM& vm, Value finder, String* name, Value search_path)
{
    ImportState& st = import_state(vm);
    if (finder.is(st.builtin_importer)) {
        if ((!search_path.is_null() && !is_none(search_path)) || !interp(vm).is_builtin_module(name->view()))
            return py_none();
        return spec_new(vm, Value::from_object(name), st.builtin_importer, str_value(vm, "built-in"), py_none(), py_none(), false);
    }
    if (finder.is(st.path_finder))
        return path_finder_spec(vm, name, search_path);
    Value fs = TRY(attr_opt(vm, finder, "find_spec"));
    if (fs.is_not_found())
        return py_none();
    Value args[3] = { Value::from_object(name), search_path.is_null() ? py_none() : search_path, py_none() };
    return call(vm, fs, args, 3);
}

// importlib's _find_spec: the finders in sys.meta_path in order, each under the import
// lock (_ImportLockContext), so that finders never run in two threads at once.
Value find_spec(VM& vm, String* name, Value search_path)
{
    Value meta = TRY(sys_attr(vm, "meta_path"));
    if (meta.is_not_found() || is_none(meta))
        return raise(vm, exc::ImportError, "sys.meta_path is None, Python is likely shutting down");
    Value present = TRY(dict_get_str(vm, interp(vm).modules, name));
    bool is_reload = !present.is_not_found();
    // The common case: sys.meta_path is a list (read again at each step: a finder may
    // change it).
    List* ml = as_list(meta);
    Value it = Value::null();
    if (!ml)
        it = TRY(get_iter(vm, meta));
    for (size_t i = 0;; ++i) {
        Value finder;
        if (ml) {
            if (i >= ml->size)
                break;
            finder = ml->items()[i];
        } else {
            finder = TRY(iter_next(vm, it));
            if (finder.is_stop_iteration())
                break;
        }
        Value spec;
        {
            ImportLockGuard lock(vm);
            if (!lock.held)
                return Value::null();
            spec = finder_spec(vm, finder, name, search_path);
        }
        if (spec.is_null())
            return spec;
        if (is_none(spec))
            continue;
        if (is_reload)
            return spec;
        // The finder may have imported the module itself (a parent's import did): its
        // own spec wins then.
        Value m = TRY(dict_get_str(vm, interp(vm).modules, name));
        if (m.is_not_found())
            return spec;
        Value own = TRY(getattr_opt(vm, m, names.__spec__));
        return own.is_not_found() || is_none(own) ? spec : own;
    }
    return py_none();
}

// importlib's _find_and_load_unlocked.
Value find_and_load(VM& vm, String* name)
{
    Interpreter& in = interp(vm);
    std::string_view full = name->view();
    size_t dot = full.rfind('.');
    Value search_path = py_none();
    Value parent_module;
    String* child = nullptr;
    if (dot != std::string_view::npos) {
        String* parent = intern_sv(vm, full.substr(0, dot));
        if (!parent)
            return Value::null();
        Value pm = TRY(dict_get_str(vm, in.modules, parent));
        if (pm.is_not_found())
            TRY(import_absolute(vm, parent));
        // Importing the parent may have imported this module.
        Value again = TRY(dict_get_str(vm, in.modules, name));
        if (!again.is_not_found())
            return again;
        parent_module = TRY(dict_get_str(vm, in.modules, parent));
        if (parent_module.is_not_found())
            return raise_fmt(vm, exc::KeyError, "%s", repr_of(vm, Value::from_object(parent)).c_str());
        search_path = TRY(getattr_opt(vm, parent_module, names.__path__));
        if (search_path.is_not_found())
            return module_not_found(vm, std::string(full), "; " + repr_of(vm, Value::from_object(parent)) + " is not a package");
        child = intern_sv(vm, full.substr(dot + 1));
        if (!child)
            return Value::null();
    }
    Value spec = TRY(find_spec(vm, name, search_path));
    if (is_none(spec))
        return module_not_found(vm, std::string(full));
    Value module = TRY(load_from_spec(vm, name, spec));
    if (child) {
        // The parent gets the submodule as an attribute (from sys.modules: it may have
        // been replaced meanwhile).
        Value pm = TRY(dict_get_str(vm, in.modules, intern_sv(vm, full.substr(0, dot))));
        if (!pm.is_not_found() && !setattr(vm, pm, child, module))
            vm.clear_error(); // CPython warns (ImportWarning) and goes on
    }
    return module;
}

// sys.modules[name] if present and complete (not_found otherwise).
Value cached_module(VM& vm, String* name)
{
    Value m = TRY(dict_get_str(vm, interp(vm).modules, name));
    if (m.is_not_found())
        return m;
    if (is_none(m))
        return raise_import_error(vm, exc::ModuleNotFoundError, "import of " + std::string(name->view()) + " halted; None in sys.modules",
                                  Value::from_object(name), Value::null());
    return m;
}

// importlib's _calc___package__: the package relative imports in `globals` resolve in.
bool calc_package(VM& vm, Dict* globals, std::string& out)
{
    Value package = dict_get_str(vm, globals, names.__package__);
    Value spec = dict_get_str(vm, globals, names.__spec__);
    if (package.is_null() || spec.is_null())
        return false;
    if (!package.is_not_found() && !is_none(package)) {
        String* s = as_str(package);
        if (!s) {
            raise(vm, exc::TypeError, "package must be a string");
            return false;
        }
        out = s->view();
        return true;
    }
    if (!spec.is_not_found() && !is_none(spec)) {
        Value parent = getattr(vm, spec, intern(vm, "parent"));
        if (parent.is_null())
            return false;
        String* s = as_str(parent);
        if (!s) {
            raise(vm, exc::TypeError, "__spec__.parent must be a string");
            return false;
        }
        out = s->view();
        return true;
    }
    Value name = dict_get_str(vm, globals, names.__name__);
    if (name.is_null())
        return false;
    if (name.is_not_found()) {
        raise(vm, exc::KeyError, "'__name__' not in globals");
        return false;
    }
    String* s = as_str(name);
    if (!s) {
        raise(vm, exc::TypeError, "__name__ must be a string");
        return false;
    }
    out = s->view();
    Value path = dict_get_str(vm, globals, names.__path__);
    if (path.is_null())
        return false;
    if (path.is_not_found()) {
        size_t dot = out.rfind('.');
        out = dot == std::string::npos ? std::string() : out.substr(0, dot);
    }
    return true;
}

// importlib's _resolve_name + _sanity_check for level > 0.
bool resolve_relative(VM& vm, std::string_view name, Dict* globals, int64_t level, std::string& out)
{
    std::string package;
    if (!globals) {
        raise(vm, exc::KeyError, "'__name__' not in globals");
        return false;
    }
    if (!calc_package(vm, globals, package))
        return false;
    if (package.empty()) {
        raise(vm, exc::ImportError, "attempted relative import with no known parent package");
        return false;
    }
    std::string base = package;
    for (int64_t i = 1; i < level; ++i) {
        size_t dot = base.rfind('.');
        if (dot == std::string::npos) {
            raise(vm, exc::ImportError, "attempted relative import beyond top-level package");
            return false;
        }
        base.resize(dot);
    }
    out = name.empty() ? base : base + "." + std::string(name);
    return true;
}

Value import_str(VM& vm, std::string_view name)
{
    String* s = intern_sv(vm, name);
    if (!s)
        return Value::null();
    return import_absolute(vm, s);
}

// importlib's _handle_fromlist: submodules named in the fromlist (and in __all__ for '*')
// are imported when the package does not have them as attributes.
bool handle_fromlist(VM& vm, Value module, Value fromlist, bool recursive)
{
    Value it = get_iter(vm, fromlist);
    if (it.is_null())
        return false;
    Value mname = Value::null();
    for (;;) {
        Value x = iter_next(vm, it);
        if (x.is_null())
            return false;
        if (x.is_stop_iteration())
            return true;
        if (mname.is_null()) {
            mname = getattr(vm, module, names.__name__);
            if (mname.is_null())
                return false;
        }
        String* s = as_str(x);
        if (!s) {
            std::string where = recursive ? std::string(as_str(mname) ? as_str(mname)->view() : "?") + ".__all__" : "``from list''";
            raise_fmt(vm, exc::TypeError, "Item in %s must be str, not %s", where.c_str(), type_name(x));
            return false;
        }
        if (s->view() == "*") {
            if (recursive)
                continue;
            Value all = getattr_opt(vm, module, names.__all__);
            if (all.is_null())
                return false;
            if (!all.is_not_found() && !handle_fromlist(vm, module, all, true))
                return false;
            continue;
        }
        String* attr = intern(vm, s);
        if (!attr)
            return false;
        Value have = getattr_opt(vm, module, attr);
        if (have.is_null())
            return false;
        if (!have.is_not_found())
            continue;
        String* mn = as_str(mname);
        if (!mn)
            continue;
        std::string from_name = std::string(mn->view()) + "." + std::string(s->view());
        if (import_str(vm, from_name).is_null()) {
            // A submodule that does not exist is not an error here: IMPORT_FROM reports it.
            if (!vm.error_matches(exc::ModuleNotFoundError))
                return false;
            Value e = vm.take_error();
            Value en = getattr_opt(vm, e, names.name);
            if (en.is_null()) {
                vm.clear_error();
                vm.restore_error(e);
                return false;
            }
            String* ens = en.is_not_found() ? nullptr : as_str(en);
            bool ours = ens && ens->view() == from_name;
            if (ours) {
                String* fk = intern_sv(vm, from_name);
                Value cur = fk ? dict_get_str(vm, interp(vm).modules, fk) : Value::null();
                if (cur.is_null())
                    vm.clear_error();
                if (!cur.is_null() && !cur.is_not_found() && is_none(cur))
                    ours = false;
            }
            if (!ours) {
                vm.restore_error(e);
                return false;
            }
        }
    }
}

} // namespace

// importlib's _find_and_load: a module that is not in sys.modules is found and loaded
// under its module lock, so that two threads never run it twice nor see it half done.
Value import_absolute(VM& vm, String* name)
{
    Value m = TRY(cached_module(vm, name));
    if (!m.is_not_found()) {
        // Another thread may still be running it: wait until it is done.
        if (!module_lock_wait_initialized(vm, name))
            return Value::null();
        return m;
    }
    if (!stack_check(vm, "while importing"))
        return Value::null();
    ImportLock* lock = module_lock_acquire(vm, name);
    if (!lock)
        return Value::null();
    // Another thread may have imported it while this one waited for the lock.
    Value r = dict_get_str(vm, interp(vm).modules, name);
    if (!r.is_null() && r.is_not_found())
        r = find_and_load(vm, name);
    else if (!r.is_null() && is_none(r))
        r = raise_import_error(vm, exc::ModuleNotFoundError, "import of " + std::string(name->view()) + " halted; None in sys.modules",
                               Value::from_object(name), Value::null());
    module_lock_release(vm, lock);
    return r;
}

Value import_name(VM& vm, String* name, Dict* globals, Value fromlist, int64_t level)
{
    if (level < 0)
        return raise(vm, exc::ValueError, "level must be >= 0");
    std::string_view nv = name->view();
    Value module;
    std::string abs_name;
    if (level > 0) {
        if (!resolve_relative(vm, nv, globals, level, abs_name))
            return Value::null();
        module = TRY(import_str(vm, abs_name));
    } else {
        if (nv.empty())
            return raise(vm, exc::ValueError, "Empty module name");
        abs_name = nv;
        module = TRY(import_absolute(vm, name));
    }
    bool has_fromlist = false;
    if (!fromlist.is_null() && !is_none(fromlist)) {
        int t = truthy(vm, fromlist);
        if (t < 0)
            return Value::null();
        has_fromlist = t > 0;
    }
    if (!has_fromlist) {
        size_t dot = nv.find('.');
        if (level == 0) {
            if (dot == std::string_view::npos)
                return module;
            return import_str(vm, nv.substr(0, dot));
        }
        if (nv.empty() || dot == std::string_view::npos)
            return module;
        size_t cut_off = nv.size() - dot;
        std::string to_return = abs_name.substr(0, abs_name.size() - cut_off);
        String* k = intern_sv(vm, to_return);
        if (!k)
            return Value::null();
        Value r = TRY(dict_get_str(vm, interp(vm).modules, k));
        if (r.is_not_found())
            return raise_fmt(vm, exc::KeyError, "%s not in sys.modules as expected", repr_of(vm, to_return).c_str());
        return r;
    }
    Value path = TRY(getattr_opt(vm, module, names.__path__));
    if (path.is_not_found())
        return module;
    if (!handle_fromlist(vm, module, fromlist, false))
        return Value::null();
    return module;
}

Value import_from(VM& vm, Value module, String* name)
{
    Value v = getattr_opt(vm, module, name);
    if (v.is_null() || !v.is_not_found())
        return v;
    Value mname = getattr_opt(vm, module, names.__name__);
    if (mname.is_null())
        vm.clear_error();
    String* m = (!mname.is_null() && !mname.is_not_found()) ? as_str(mname) : nullptr;
    if (m) {
        // A circular import: the submodule is in sys.modules but not yet an attribute.
        std::string full = std::string(m->view()) + "." + std::string(name->view());
        String* k = intern_sv(vm, full);
        if (!k)
            return Value::null();
        Value sub = TRY(dict_get_str(vm, interp(vm).modules, k));
        if (!sub.is_not_found())
            return sub;
    }
    std::string name_r = repr_of(vm, Value::from_object(name));
    std::string pkg_r = m ? repr_of(vm, Value::from_object(m)) : std::string("'<unknown module name>'");
    Value file = Value::not_found();
    if (is_instance_fast(module, types.module)) {
        file = dict_get_str(vm, module.as<Module>()->dict, names.__file__);
        if (file.is_null())
            vm.clear_error();
    }
    String* fs = (!file.is_null() && !file.is_not_found()) ? as_str(file) : nullptr;
    Value pkg_name = m ? Value::from_object(m) : Value::null();
    if (!fs)
        return raise_import_error(vm, exc::ImportError, "cannot import name " + name_r + " from " + pkg_r + " (unknown location)", pkg_name,
                                  Value::null());
    bool initializing = false;
    Value spec = dict_get_str(vm, module.as<Module>()->dict, names.__spec__);
    if (spec.is_null())
        vm.clear_error();
    else if (!spec.is_not_found() && !is_none(spec)) {
        Value init = attr_opt(vm, spec, "_initializing");
        if (init.is_null())
            vm.clear_error();
        else if (!init.is_not_found()) {
            int t = truthy(vm, init);
            if (t < 0)
                vm.clear_error();
            initializing = t > 0;
        }
    }
    std::string msg = "cannot import name " + name_r + " from " + (initializing ? "partially initialized module " : "") + pkg_r +
                      (initializing ? " (most likely due to a circular import)" : "") + " (" + std::string(fs->view()) + ")";
    return raise_import_error(vm, exc::ImportError, msg, pkg_name, Value::from_object(fs));
}

// ------------------------------------------------------------------ sys set-up

std::string imports_stdlib_dir()
{
    if (char const* env = std::getenv("SLPY_STDLIB"); env && *env)
        return env;
    return SLPY_STDLIB_DIR;
}

bool imports_setup_path(VM& vm, std::string const& first, std::string* error, std::string const& stdlib_override,
                        bool ignore_environment)
{
    Interpreter& in = interp(vm);
    ImportState& st = import_state(vm);
    std::string stdlib = stdlib_override.empty() ? imports_stdlib_dir() : stdlib_override;
    if (!path_is_file(join_path(stdlib, "os.py"))) {
        if (error)
            *error = "slpy: CPython 3.11's standard library was not found in '" + stdlib +
                     "' (no os.py there).\nInstall it (Debian: apt-get install libpython3.11-stdlib, or run tools/deps.sh) "
                     "or point the SLPY_STDLIB environment variable at it.";
        return false;
    }
    List* path = list_new(vm);
    if (!path)
        return false;
    auto add = [&](std::string const& p) { return list_append(vm, path, str_value(vm, p)); };
    if (!add(first))
        return false;
    // -E and -I ignore PYTHONPATH.
    if (char const* pp = ignore_environment ? nullptr : std::getenv("PYTHONPATH"); pp && *pp) {
        std::string s = pp;
        size_t pos = 0;
        for (;;) {
            size_t colon = s.find(':', pos);
            std::string part = s.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
            if (!part.empty() && !add(part))
                return false;
            if (colon == std::string::npos)
                break;
            pos = colon + 1;
        }
    }
    if (!add(SLPY_LIB_DIR) || !add(stdlib))
        return false;
    Module* sys = in.sys_module;
    module_add(vm, sys, "path", Value::from_object(path));
    // sys._stdlib_dir: where the pure-Python standard library comes from (CPython's
    // config->stdlib_dir), read by test.support and importlib's frozen-module checks.
    Value stdlib_value = str_value(vm, stdlib);
    if (stdlib_value.is_null())
        return false;
    module_add(vm, sys, "_stdlib_dir", stdlib_value);
    List* meta = list_new(vm);
    if (!meta || !list_append(vm, meta, st.builtin_importer) || !list_append(vm, meta, st.path_finder))
        return false;
    module_add(vm, sys, "meta_path", Value::from_object(meta));
    module_add(vm, sys, "path_hooks", Value::from_object(list_new(vm)));
    module_add(vm, sys, "path_importer_cache", Value::from_object(dict_new(vm)));
    std::vector<std::string> builtin = in.builtin_module_names();
    for (char const* always : { "builtins", "sys" })
        builtin.push_back(always);
    std::sort(builtin.begin(), builtin.end());
    builtin.erase(std::unique(builtin.begin(), builtin.end()), builtin.end());
    Tuple* t = tuple_new(vm, builtin.size());
    if (!t)
        return false;
    for (size_t i = 0; i < builtin.size(); ++i)
        t->items[i] = str_value(vm, builtin[i]);
    module_add(vm, sys, "builtin_module_names", Value::from_object(t));
    return true;
}

Value imports_run_main_module(VM& vm, std::string const& name, std::string* error_message)
{
    Interpreter& in = interp(vm);
    String* n = intern_sv(vm, name);
    if (!n)
        return Value::null();
    // The parent packages are imported normally; the module itself runs as __main__.
    size_t dot = name.rfind('.');
    Value search_path = py_none();
    if (dot != std::string::npos) {
        Value parent = TRY(import_str(vm, name.substr(0, dot)));
        search_path = TRY(getattr_opt(vm, parent, names.__path__));
        if (search_path.is_not_found()) {
            *error_message = "No module named " + name;
            return Value::not_found();
        }
    }
    Value spec = TRY(find_spec(vm, n, search_path));
    if (is_none(spec)) {
        *error_message = "No module named " + name;
        return Value::not_found();
    }
    Value locs = TRY(getattr(vm, spec, intern(vm, "submodule_search_locations")));
    if (!is_none(locs)) {
        // A package: its __main__ submodule runs.
        if (name == "__main__" || (name.size() > 9 && name.compare(name.size() - 9, 9, ".__main__") == 0)) {
            *error_message = "Cannot use package as __main__ module";
            return Value::not_found();
        }
        TRY(import_str(vm, name));
        Value r = imports_run_main_module(vm, name + ".__main__", error_message);
        if (r.is_not_found() && error_message->rfind("No module named ", 0) == 0)
            *error_message = "No module named " + name + ".__main__; '" + name + "' is a package and cannot be directly executed";
        return r;
    }
    Value loader = TRY(getattr(vm, spec, intern(vm, "loader")));
    Value path = TRY(getattr(vm, loader, names.path));
    String* ps = as_str(path);
    if (!ps) {
        *error_message = "No code object available for " + name;
        return Value::not_found();
    }
    Value main_v = TRY(dict_get_str(vm, in.modules, names.__main__));
    if (main_v.is_not_found() || !is_instance_fast(main_v, types.module))
        return raise(vm, exc::RuntimeError, "__main__ module is missing");
    Dict* d = main_v.as<Module>()->dict;
    std::string_view pkg = dot == std::string::npos ? std::string_view() : std::string_view(name).substr(0, dot);
    if (!dict_set_str(vm, d, names.__file__, path) || !dict_set_str(vm, d, intern(vm, "__cached__"), py_none()) ||
        !dict_set_str(vm, d, names.__loader__, loader) || !dict_set_str(vm, d, names.__package__, str_value(vm, pkg)) ||
        !dict_set_str(vm, d, names.__spec__, spec))
        return Value::null();
    // sys.argv[0] is the module's file, as runpy sets it.
    Value argv = TRY(sys_attr(vm, "argv"));
    if (List* al = argv.is_not_found() ? nullptr : as_list(argv); al && al->size > 0)
        al->items()[0] = path;
    std::string source;
    if (!read_whole_file(vm, std::string(ps->view()), source))
        return Value::null();
    Value code = TRY(imports_source_to_code(vm, std::string(ps->view()), source));
    return in.run_module(code.as<Code>(), d);
}

} // namespace slpy
