// builtins: running source code and importing: compile, eval, exec and __import__.
//
// compile() turns source text into a Code object with compile_to_code
// (stackless/vm/code.h), or into ast.* objects / from them with the `_ast` module's
// conversions (stackless/modules/ast/); eval() and exec() run a Code in a globals dict and a locals
// mapping through Interpreter::exec_code, defaulting both to the caller's namespaces.
#include "stackless/builtins/builtins.h"
#include "stackless/imports/imports.h"
#include "stackless/modules/ast/ast_module.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/code.h"
#include "stackless/vm/frame.h"
#include "stackless/vm/interpreter.h"

#include <string>

namespace slpy {

namespace {

// compile() flags, as CPython's Include/cpython/compile.h and code.h.
constexpr int64_t kFutureFlags = 0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x400000 | 0x800000 | 0x1000000;
constexpr int64_t kObsoleteFlags = 0x0010; // CO_NESTED
constexpr int64_t kCfDontImplyDedent = 0x0200;
constexpr int64_t kCfOnlyAst = kPyCfOnlyAst; // also exported by _ast
constexpr int64_t kCfTypeComments = kPyCfTypeComments;
constexpr int64_t kCfAllowTopLevelAwait = kPyCfAllowTopLevelAwait;
constexpr int64_t kCfAllowIncompleteInput = 0x4000;
constexpr int64_t kCompileMask = kCfOnlyAst | kCfAllowTopLevelAwait | kCfTypeComments | kCfDontImplyDedent | kCfAllowIncompleteInput;

// The text of a source argument (str or a bytes-like object); false when v is neither.
bool source_text(Value v, std::string& out)
{
    if (String* s = as_str(v)) {
        out.assign(s->view());
        return true;
    }
    std::string_view data;
    if (get_bytes_like(v, data)) {
        out.assign(data);
        return true;
    }
    return false;
}

// A str is text; bytes declare their encoding (PEP 263).
SourceKind source_kind(Value v)
{
    return as_str(v) ? SourceKind::Text : SourceKind::Bytes;
}

// The future features of the code running the calling frame (CPython's
// PyEval_MergeCompilerFlags), which compile(), eval() and exec() inherit.
uint32_t caller_future_flags(VM& vm)
{
    Frame* f = interp(vm).current;
    return f && f->code ? static_cast<uint32_t>(f->code->flags & kFutureFlags) : 0;
}

bool is_source(Value v)
{
    std::string_view data;
    return type_of(v) == types.code || as_str(v) || get_bytes_like(v, data);
}

// A filesystem path argument: str, bytes, or an object with __fspath__ (os.fspath).
bool fspath_text(VM& vm, Value v, std::string& out)
{
    if ((as_str(v) || as_bytes(v)) && source_text(v, out))
        return true;
    // Other bytes-like objects still pass, deprecated (CPython's PyUnicode_FSDecoder).
    std::string_view data;
    if (get_bytes_like(v, data)) {
        std::string msg = std::string("path should be string, bytes, or os.PathLike, not ") + type_name(v);
        if (!warn(vm, exc::DeprecationWarning, msg.c_str()))
            return false;
        get_bytes_like(v, data); // again: the warning may have run Python code
        out.assign(data);
        return true;
    }
    Value r = call_special0(vm, v, names.__fspath__);
    if (r.is_null())
        return false;
    if (!r.is_not_found()) {
        if ((as_str(r) || as_bytes(r)) && source_text(r, out))
            return true;
        raise_fmt(vm, exc::TypeError, "expected %s.__fspath__() to return str or bytes, not %s", type_name(v), type_name(r));
        return false;
    }
    raise_fmt(vm, exc::TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(v));
    return false;
}

// compile()/exec()/eval() refuse source text with a NUL in it: ValueError in CPython
// 3.11.2 (Debian's, whose test suite is the measure; 3.12 made it a SyntaxError).
bool check_no_null_bytes(VM& vm, std::string const& text)
{
    if (text.find('\0') == std::string::npos)
        return true;
    (void)raise(vm, exc::ValueError, "source code string cannot contain null bytes");
    return false;
}

// Compiles a str/bytes source for eval()/exec() with the filename "<string>".
Value compile_string(VM& vm, Value source, parser::Mode mode, char const* fname)
{
    std::string text;
    if (!source_text(source, text))
        return raise_fmt(vm, exc::TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
    if (!check_no_null_bytes(vm, text))
        return Value::null();
    std::string_view view = text;
    // eval() ignores leading blanks (CPython strips spaces and tabs before compiling).
    if (mode == parser::Mode::Eval)
        while (!view.empty() && (view.front() == ' ' || view.front() == '\t'))
            view.remove_prefix(1);
    // The code inherits the future features of the code calling eval()/exec().
    return compile_to_code(vm, view, "<string>", mode, vm.optimize, source_kind(source), caller_future_flags(vm));
}

// The namespaces of eval()/exec(): checks the arguments and fills in the defaults.
bool resolve_namespaces(VM& vm, char const* fname, Value globals_arg, Value locals_arg, Dict*& globals, Value& locals)
{
    bool is_exec = fname[0] == 'e' && fname[1] == 'x';
    Value g = globals_arg.is_null() ? py_none() : globals_arg;
    Value l = locals_arg.is_null() ? py_none() : locals_arg;
    bool l_mapping = is_none(l) || !type_of(l)->slot(Slot::GETITEM).is_null();
    bool g_dict = is_none(g) || as_dict(g);
    if (is_exec) {
        if (!g_dict) {
            raise_fmt(vm, exc::TypeError, "exec() globals must be a dict, not %s", type_name(g));
            return false;
        }
        if (!l_mapping) {
            raise_fmt(vm, exc::TypeError, "locals must be a mapping or None, not %s", type_name(l));
            return false;
        }
    } else {
        if (!l_mapping) {
            raise(vm, exc::TypeError, "locals must be a mapping");
            return false;
        }
        if (!g_dict) {
            bool g_mapping = !type_of(g)->slot(Slot::GETITEM).is_null();
            raise(vm, exc::TypeError, g_mapping ? "globals must be a real dict; try eval(expr, {}, mapping)" : "globals must be a dict");
            return false;
        }
    }
    Interpreter& in = interp(vm);
    if (is_none(g)) {
        globals = in.current_globals();
        if (!globals) {
            raise(vm, exc::SystemError, "globals and locals cannot be NULL");
            return false;
        }
        if (is_none(l)) {
            l = in.current_locals();
            if (l.is_null())
                return false;
        }
    } else {
        globals = as_dict(g);
        if (is_none(l))
            l = g;
    }
    locals = l;
    // A namespace without __builtins__ gets the current builtins, as CPython does.
    Value b = dict_get_str(vm, globals, names.__builtins__);
    if (b.is_null())
        return false;
    if (b.is_not_found() && in.builtins && !dict_set_str(vm, globals, names.__builtins__, Value::from_object(in.builtins)))
        return false;
    return true;
}

// A closure exec() may use for `code`: null (none given or None) or an exact tuple of
// exactly co_nfree cells (CPython's checks and texts).
bool check_closure(VM& vm, Value source, Value closure_arg, Tuple*& closure)
{
    closure = nullptr;
    bool given = !closure_arg.is_null() && !is_none(closure_arg);
    if (type_of(source) != types.code) {
        if (given)
            raise(vm, exc::TypeError, "closure can only be used when source is a code object");
        return !given;
    }
    uint32_t nfree = source.as<Code>()->nfree;
    if (nfree == 0) {
        if (given)
            raise(vm, exc::TypeError, "cannot use a closure with this code object");
        return !given;
    }
    Tuple* t = given && type_of(closure_arg) == types.tuple ? closure_arg.as<Tuple>() : nullptr;
    bool ok = t && t->size == nfree;
    for (size_t i = 0; ok && i < t->size; ++i)
        ok = type_of(t->items[i]) == types.cell;
    if (!ok) {
        raise_fmt(vm, exc::TypeError, "code object requires a closure of exactly length %u", nfree);
        return false;
    }
    closure = t;
    return true;
}

Value run_code(VM& vm, char const* fname, Value source, Value globals_arg, Value locals_arg, parser::Mode mode, Value closure_arg = Value::null())
{
    Dict* globals;
    Value locals;
    if (!resolve_namespaces(vm, fname, globals_arg, locals_arg, globals, locals))
        return Value::null();
    Value code = source;
    Tuple* closure = nullptr;
    if (mode == parser::Mode::Exec && !check_closure(vm, source, closure_arg, closure))
        return Value::null();
    if (type_of(source) == types.code) {
        if (source.as<Code>()->nfree > 0 && mode != parser::Mode::Exec)
            return raise_fmt(vm, exc::TypeError, "code object passed to %s() may not contain free variables", fname);
    } else {
        code = TRY(compile_string(vm, source, mode, fname));
    }
    return interp(vm).exec_code_soft(code.as<Code>(), globals, locals, closure);
}

} // namespace

// compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1)
Value builtin_compile(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[7];
    if (!parse_args(vm, "compile", args, nargs, kwnames,
                    { "source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version" }, 3, a))
        return Value::null();
    std::string filename;
    if (!fspath_text(vm, a[1], filename))
        return Value::null();
    String* mode_s = as_str(a[2]);
    if (!mode_s)
        return raise_fmt(vm, exc::TypeError, "compile() argument 'mode' must be str, not %s", type_name(a[2]));
    int64_t flags = 0, optimize = -1, dont_inherit = 0;
    if (!a[3].is_null() && !index_i64(vm, a[3], flags))
        return Value::null();
    if (!a[4].is_null() && !index_i64(vm, a[4], dont_inherit))
        return Value::null();
    if (!a[5].is_null() && !index_i64(vm, a[5], optimize))
        return Value::null();
    int64_t feature_version = -1;
    if (!a[6].is_null() && !index_i64(vm, a[6], feature_version))
        return Value::null();
    if (flags & ~(kFutureFlags | kObsoleteFlags | kCompileMask))
        return raise(vm, exc::ValueError, "compile(): unrecognised flags");
    if (optimize < -1 || optimize > 2)
        return raise(vm, exc::ValueError, "compile(): invalid optimize value");
    parser::Mode mode = parser::Mode::Exec;
    std::string_view m = mode_s->view();
    if (m == "exec")
        mode = parser::Mode::Exec;
    else if (m == "eval")
        mode = parser::Mode::Eval;
    else if (m == "single")
        mode = parser::Mode::Single;
    else if (m != "func_type")
        return raise(vm, exc::ValueError, (flags & kCfOnlyAst) ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
                                                               : "compile() mode must be 'exec', 'eval' or 'single'");
    if (m == "func_type") {
        if (!(flags & kCfOnlyAst))
            return raise(vm, exc::ValueError, "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
        return raise(vm, exc::NotImplementedError, "compile() mode 'func_type' (function type comments) is not supported yet");
    }
    uint32_t future = static_cast<uint32_t>(flags & kFutureFlags);
    if (!dont_inherit)
        future |= caller_future_flags(vm);
    int opt = optimize == -1 ? vm.optimize : int(optimize);
    // An ast.AST tree: checked and compiled (or, with PyCF_ONLY_AST, returned as it is).
    if (is_ast_object(vm, a[0]))
        return compile_ast_object(vm, a[0], filename, mode, opt, future, (flags & kCfOnlyAst) != 0);
    std::string text;
    if (!source_text(a[0], text))
        return raise(vm, exc::TypeError, "compile() arg 1 must be a string, bytes or AST object");
    if (!check_no_null_bytes(vm, text))
        return Value::null();
    if (flags & kCfOnlyAst)
        return ast_parse_source(vm, text, filename, mode, source_kind(a[0]),
                                int(feature_version >= 0 && feature_version < 100 ? feature_version : -1));
    return compile_to_code(vm, text, filename, mode, opt, source_kind(a[0]), future);
}

// eval(source, globals=None, locals=None, /)
Value builtin_eval(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "eval", kwnames) || !check_nargs(vm, "eval", nargs, 1, 3))
        return Value::null();
    Value source = args[0];
    if (!is_source(source))
        return raise(vm, exc::TypeError, "eval() arg 1 must be a string, bytes or code object");
    return run_code(vm, "eval", source, nargs > 1 ? args[1] : Value::null(), nargs > 2 ? args[2] : Value::null(), parser::Mode::Eval);
}

// exec(source, globals=None, locals=None, /, *, closure=None)
Value builtin_exec(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    size_t nkw = kwnames ? kwnames->size : 0;
    if (nargs > 3)
        return raise_fmt(vm, exc::TypeError, "exec() takes at most 3 positional arguments (%zu given)", nargs);
    if (nargs == 0)
        return raise(vm, exc::TypeError, "exec() missing required argument 'source' (pos 1)");
    Value closure = Value::null();
    for (size_t k = 0; k < nkw; ++k) {
        String* key = as_str(kwnames->items[k]);
        if (!key || key->view() != "closure")
            return raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for exec()", key ? key->c_str() : "?");
        closure = args[nargs + k];
    }
    Value source = args[0];
    if (!is_source(source))
        return raise(vm, exc::TypeError, "exec() arg 1 must be a string, bytes or code object");
    Value r = TRY(run_code(vm, "exec", source, nargs > 1 ? args[1] : Value::null(), nargs > 2 ? args[2] : Value::null(), parser::Mode::Exec, closure));
    return r.is_not_found() ? r : py_none(); // not_found: the loop runs the frame (exec_code_soft)
}

// __import__(name, globals=None, locals=None, fromlist=(), level=0): imports `name` (its
// parent packages first) and returns the top-level package, or the module itself when
// fromlist is non-empty. Relative imports resolve against globals' __package__/__name__.
Value builtin_import(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[5];
    if (!parse_args(vm, "__import__", args, nargs, kwnames, { "name", "globals", "locals", "fromlist", "level" }, 1, a))
        return Value::null();
    String* name = as_str(a[0]);
    if (!name)
        return raise(vm, exc::TypeError, "module name must be a string");
    int64_t level = 0;
    if (!a[4].is_null() && !index_i64(vm, a[4], level))
        return Value::null();
    Dict* globals = a[1].is_null() || is_none(a[1]) ? nullptr : as_dict(a[1]);
    if (!a[1].is_null() && !is_none(a[1]) && !globals)
        return raise(vm, exc::TypeError, "globals must be a dict");
    return import_name(vm, name, globals, a[3], level);
}

} // namespace slpy
