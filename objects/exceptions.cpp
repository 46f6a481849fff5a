// BaseException and the built-in exception classes: construction, attributes, str/repr,
// and the VM's raise helpers.
#include "objects/exceptions.h"

#include "objects/bytes.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/setup.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cerrno>

#include <cstdarg>
#include <cstdio>
#include <string>

namespace slpy {

namespace exc {
#define SLPY_EXC_DEF(name, base) TypeObject* name = nullptr;
SLPY_EXCEPTION_TYPES(SLPY_EXC_DEF)
#undef SLPY_EXC_DEF
} // namespace exc

void trace_exception(Object* o, Tracer& t)
{
    auto* e = static_cast<BaseException*>(o);
    t.visit(e->dict);
    t.visit(e->args);
    t.visit(e->traceback);
    t.visit(e->cause);
    t.visit(e->context);
}

BaseException* as_exception(Value v)
{
    if (!v.is_object() || !v.as_object()->type->has_flag(TF_EXC_SUBCLASS))
        return nullptr;
    return static_cast<BaseException*>(v.as_object());
}

// ------------------------------------------------------------------ VM error state

Value VM::set_error(Value exception)
{
    if (on_raise)
        on_raise(*this, exception);
    m_error = exception;
    return Value::null();
}

bool VM::error_matches(TypeObject* type) const
{
    return !m_error.is_null() && is_subtype(type_of(m_error), type);
}

Value exception_new(VM& vm, TypeObject* type, Tuple* args)
{
    auto* e = static_cast<BaseException*>(alloc_instance(vm, type));
    if (!e)
        return Value::null();
    e->args = args ? args : empty_tuple();
    e->traceback = py_none();
    return Value::from_object(e);
}

Value raise_with_args(VM& vm, TypeObject* type, Tuple* args)
{
    if (!args)
        args = empty_tuple();
    Value e;
    if (type->is_heap_type()) {
        e = call(vm, Value::from_object(type), args->items, args->size);
        if (e.is_null())
            return e;
    } else {
        e = TRY(exception_new(vm, type, args));
        // Run the built-in __init__ so subclass attributes (StopIteration.value, ...) exist.
        if (call_slot(vm, e, Slot::INIT, args->items, args->size).is_null())
            return Value::null();
    }
    return vm.set_error(e);
}

Value raise(VM& vm, TypeObject* type, std::string_view message)
{
    // Building the exception may run out of memory itself: MemoryError is then pending.
    Value msg = TRY(str_value(vm, message));
    Tuple* args = tuple_pack(vm, { msg });
    if (!args)
        return Value::null();
    return raise_with_args(vm, type, args);
}

Value raise_fmt(VM& vm, TypeObject* type, char const* format, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, format);
    int n = std::vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    if (n < 0)
        return raise(vm, type, format);
    if (size_t(n) < sizeof buf)
        return raise(vm, type, std::string_view(buf, size_t(n)));
    std::string big(size_t(n) + 1, '\0');
    va_start(ap, format);
    std::vsnprintf(big.data(), big.size(), format, ap);
    va_end(ap);
    big.resize(size_t(n));
    return raise(vm, type, big);
}

Value raise_no_memory(VM& vm)
{
    Value e = exception_new(vm, exc::MemoryError, empty_tuple());
    if (e.is_null()) {
        // Not even that fitted (the heap's reserve is already spent). The heap returned
        // null without raising, as it does while its handler runs; if this call is not
        // the handler, the handler has raised already.
        if (vm.error_matches(exc::MemoryError))
            return Value::null();
        // The spare instance, as new: no traceback or chaining from its last use.
        BaseException* spare = as_exception(vm.spare_memory_error);
        spare->args = empty_tuple();
        spare->traceback = py_none();
        spare->cause = Value::null();
        spare->context = Value::null();
        spare->suppress_context = false;
        spare->dict = nullptr;
        e = vm.spare_memory_error;
    }
    return vm.set_error(e);
}

// ------------------------------------------------------------------ BaseException

Value exception_str(VM& vm, Value exc_value)
{
    BaseException* e = as_exception(exc_value);
    if (!e || !e->args || e->args->size == 0)
        return Value::from_object(empty_str());
    if (e->args->size == 1)
        return to_str(vm, e->args->items[0]);
    return repr(vm, Value::from_object(e->args));
}

// OSError(errno, strerror) picks the subclass for the errno, as CPython's OSError.__new__.
static TypeObject* oserror_subclass_for(int64_t code)
{
    switch (code) {
    case EAGAIN: case EALREADY: case EINPROGRESS: return exc::BlockingIOError;
    case ECHILD: return exc::ChildProcessError;
    case EPIPE: case ESHUTDOWN: return exc::BrokenPipeError;
    case ECONNABORTED: return exc::ConnectionAbortedError;
    case ECONNREFUSED: return exc::ConnectionRefusedError;
    case ECONNRESET: return exc::ConnectionResetError;
    case EEXIST: return exc::FileExistsError;
    case ENOENT: return exc::FileNotFoundError;
    case EISDIR: return exc::IsADirectoryError;
    case ENOTDIR: return exc::NotADirectoryError;
    case EINTR: return exc::InterruptedError;
    case EACCES: case EPERM: return exc::PermissionError;
    case ESRCH: return exc::ProcessLookupError;
    case ETIMEDOUT: return exc::TimeoutError;
    default: return nullptr;
    }
}

static Value exc_new(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    auto* cls = args[0].as<TypeObject>();
    if (cls == exc::OSError && nargs >= 3 && args[1].is_int())
        if (TypeObject* sub = oserror_subclass_for(args[1].as_int()))
            cls = sub;
    Tuple* a = tuple_from_array(vm, args + 1, nargs - 1);
    if (!a)
        return Value::null();
    return exception_new(vm, cls, a);
}

static Value exc_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    BaseException* e = as_exception(args[0]);
    if (kw && kw->size)
        return raise_fmt(vm, exc::TypeError, "%s() takes no keyword arguments", type_name(args[0]));
    Tuple* a = tuple_from_array(vm, args + 1, nargs - 1);
    if (!a)
        return Value::null();
    e->args = a;
    return py_none();
}

static Value exc_str(VM& vm, Value const* args, size_t, Tuple*) { return exception_str(vm, args[0]); }

static Value exc_repr(VM& vm, Value const* args, size_t, Tuple*)
{
    BaseException* e = as_exception(args[0]);
    std::string s = type_of(args[0])->name->c_str();
    if (e->args->size == 1) {
        Value r = TRY(repr(vm, e->args->items[0]));
        s += "(";
        s += as_str(r)->c_str();
        s += ")";
    } else {
        Value r = TRY(repr(vm, Value::from_object(e->args)));
        s += as_str(r)->view();
    }
    return str_value(vm, s);
}

static Value exc_get_args(VM&, Value const* args, size_t, Tuple*) { return Value::from_object(as_exception(args[0])->args); }
static Value exc_set_args(VM& vm, Value const* args, size_t, Tuple*)
{
    if (args[1].is_null())
        return raise(vm, exc::TypeError, "args may not be deleted");
    Tuple* t = as_tuple(args[1]);
    if (!t) {
        List* l = list_from_iterable(vm, args[1]);
        if (!l)
            return Value::null();
        t = tuple_from_array(vm, l->items(), l->size);
        if (!t)
            return Value::null();
    }
    as_exception(args[0])->args = t;
    return py_none();
}

static Value or_none(Value v) { return v.is_null() ? py_none() : v; }
static Value exc_get_tb(VM&, Value const* args, size_t, Tuple*) { return or_none(as_exception(args[0])->traceback); }
static Value exc_set_tb(VM& vm, Value const* args, size_t, Tuple*)
{
    if (args[1].is_null())
        return raise(vm, exc::TypeError, "__traceback__ may not be deleted");
    if (!is_none(args[1]) && type_of(args[1]) != types.traceback)
        return raise(vm, exc::TypeError, "__traceback__ must be a traceback or None");
    as_exception(args[0])->traceback = args[1];
    return py_none();
}
static Value exc_get_cause(VM&, Value const* args, size_t, Tuple*) { return or_none(as_exception(args[0])->cause); }
static Value exc_set_cause(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = args[1];
    if (v.is_null())
        return raise(vm, exc::TypeError, "__cause__ may not be deleted");
    if (!is_none(v) && !as_exception(v))
        return raise(vm, exc::TypeError, "exception cause must be None or derive from BaseException");
    as_exception(args[0])->cause = is_none(v) ? Value::null() : v;
    as_exception(args[0])->suppress_context = true;
    return py_none();
}
static Value exc_get_context(VM&, Value const* args, size_t, Tuple*) { return or_none(as_exception(args[0])->context); }
static Value exc_set_context(VM& vm, Value const* args, size_t, Tuple*)
{
    Value v = args[1];
    if (v.is_null())
        return raise(vm, exc::TypeError, "__context__ may not be deleted");
    if (!is_none(v) && !as_exception(v))
        return raise(vm, exc::TypeError, "exception context must be None or derive from BaseException");
    as_exception(args[0])->context = is_none(v) ? Value::null() : v;
    return py_none();
}
static Value exc_get_suppress(VM&, Value const* args, size_t, Tuple*) { return py_bool(as_exception(args[0])->suppress_context); }
static Value exc_set_suppress(VM& vm, Value const* args, size_t, Tuple*)
{
    int t = truthy(vm, args[1]);
    if (t < 0)
        return Value::null();
    as_exception(args[0])->suppress_context = t;
    return py_none();
}

static Value exc_with_traceback(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "with_traceback", nargs - 1, 1, 1))
        return Value::null();
    Value a[2] = { args[0], args[1] };
    TRY(exc_set_tb(vm, a, 2, nullptr));
    return args[0];
}

static Value exc_add_note(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "add_note", nargs - 1, 1, 1))
        return Value::null();
    if (!is_str(args[1]))
        return raise_fmt(vm, exc::TypeError, "note must be a str, not '%s'", type_name(args[1]));
    Dict* d = instance_dict(vm, args[0].as_object(), true);
    if (!d)
        return Value::null();
    Value notes = TRY(dict_get_str(vm, d, names.__notes__));
    if (notes.is_not_found()) {
        notes = Value::from_object(list_new(vm));
        if (!dict_set_str(vm, d, names.__notes__, notes))
            return Value::null();
    }
    List* l = as_list(notes);
    if (!l)
        return raise(vm, exc::TypeError, "Cannot add note: __notes__ is not a list");
    if (!list_append(vm, l, args[1]))
        return Value::null();
    return py_none();
}

// Stores the given attribute values in the instance dict.
static bool set_attrs(VM& vm, Value self, std::initializer_list<std::pair<String*, Value>> attrs)
{
    Dict* d = instance_dict(vm, self.as_object(), true);
    if (!d)
        return false;
    for (auto& [name, value] : attrs)
        if (!dict_set_str(vm, d, name, value))
            return false;
    return true;
}

// ---- pickling (CPython's BaseException_reduce/_setstate, OSError_reduce, ImportError_reduce)

// The attributes an exception class keeps in its instance dict for what CPython holds in C
// members, set by its __init__ from the arguments: rebuilt from args, never pickled state.
static bool is_member_attr(TypeObject* t, String* name)
{
    std::string_view n = name->view();
    if (is_subtype(t, exc::StopIteration))
        return n == "value";
    if (is_subtype(t, exc::SystemExit))
        return n == "code";
    if (is_subtype(t, exc::ImportError))
        return n == "name" || n == "path" || n == "msg";
    if (is_subtype(t, exc::NameError))
        return n == "name";
    if (is_subtype(t, exc::AttributeError))
        return n == "name" || n == "obj";
    if (is_subtype(t, exc::OSError))
        return n == "errno" || n == "strerror" || n == "filename" || n == "filename2";
    if (is_subtype(t, exc::SyntaxError))
        return n == "msg" || n == "filename" || n == "lineno" || n == "offset" || n == "text" || n == "end_lineno" ||
               n == "end_offset" || n == "print_file_and_line";
    if (is_subtype(t, exc::UnicodeError))
        return n == "encoding" || n == "object" || n == "start" || n == "end" || n == "reason";
    return false;
}

// The instance's own attributes (its __dict__ without the member attributes); null dict
// when there are none.
static bool exc_state(VM& vm, Value self, Dict*& state)
{
    state = nullptr;
    Dict* d = instance_dict(vm, self.as_object(), false);
    if (!d)
        return true;
    TypeObject* t = type_of(self);
    size_t pos = 0;
    Value k, v;
    while (dict_next(d, pos, k, v)) {
        String* name = as_str(k);
        if (name && is_member_attr(t, name))
            continue;
        if (!state && !(state = dict_new(vm)))
            return false;
        if (!dict_set(vm, state, k, v))
            return false;
    }
    return true;
}

// (type, args) or (type, args, state).
static Value exc_reduce_value(VM& vm, Value self, Tuple* args, Dict* state)
{
    Value items[3] = { Value::from_object(type_of(self)), Value::from_object(args), state ? Value::from_object(state) : Value::null() };
    Tuple* r = tuple_from_array(vm, items, state ? 3 : 2);
    return r ? Value::from_object(r) : Value::null();
}

static Value exc_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    Dict* state;
    if (!exc_state(vm, args[0], state))
        return Value::null();
    return exc_reduce_value(vm, args[0], as_exception(args[0])->args, state);
}

static Value exc_setstate(VM& vm, Value const* args, size_t nargs, Tuple*)
{
    if (!check_nargs(vm, "__setstate__", nargs - 1, 1, 1))
        return Value::null();
    if (is_none(args[1]))
        return py_none();
    Dict* state = as_dict(args[1]);
    if (!state)
        return raise(vm, exc::TypeError, "state is not a dictionary");
    size_t pos = 0;
    Value k, v;
    while (dict_next(state, pos, k, v)) {
        String* name = as_str(k);
        if (!name)
            return raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%s'", type_name(k));
        if (!setattr(vm, args[0], name, v))
            return Value::null();
    }
    return py_none();
}

// OSError's filename (and filename2) go back into the arguments, as its __init__ takes them.
static Value os_error_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    Dict* state;
    if (!exc_state(vm, args[0], state))
        return Value::null();
    Tuple* a = as_exception(args[0])->args;
    Dict* d = instance_dict(vm, args[0].as_object(), false);
    Value filename = d ? dict_get_str(vm, d, names.filename) : Value::not_found();
    String* filename2_name = intern(vm, "filename2");
    if (filename.is_null() || !filename2_name)
        return Value::null();
    if (a->size == 2 && !filename.is_not_found() && !is_none(filename)) {
        Value filename2 = dict_get_str(vm, d, filename2_name);
        if (filename2.is_null())
            return filename2;
        bool two = !filename2.is_not_found() && !is_none(filename2);
        a = two ? tuple_pack(vm, { a->items[0], a->items[1], filename, py_none(), filename2 })
                : tuple_pack(vm, { a->items[0], a->items[1], filename });
        if (!a)
            return Value::null();
    }
    return exc_reduce_value(vm, args[0], a, state);
}

// ImportError's name and path travel as state (its __init__ takes them as keywords).
static Value import_error_reduce(VM& vm, Value const* args, size_t, Tuple*)
{
    Dict* state;
    if (!exc_state(vm, args[0], state))
        return Value::null();
    Dict* d = instance_dict(vm, args[0].as_object(), false);
    for (String* key : { names.name, names.path }) {
        Value v = d ? dict_get_str(vm, d, key) : Value::not_found();
        if (v.is_null())
            return v;
        if (v.is_not_found() || is_none(v))
            continue;
        if (!state && !(state = dict_new(vm)))
            return Value::null();
        if (!dict_set_str(vm, state, key, v))
            return Value::null();
    }
    return exc_reduce_value(vm, args[0], as_exception(args[0])->args, state);
}

static Value stop_iteration_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    TRY(exc_init(vm, args, nargs, kw));
    if (!set_attrs(vm, args[0], { { names.value, nargs > 1 ? args[1] : py_none() } }))
        return Value::null();
    return py_none();
}

static Value system_exit_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    TRY(exc_init(vm, args, nargs, kw));
    Value code = nargs == 1 ? py_none() : nargs == 2 ? args[1] : Value::from_object(as_exception(args[0])->args);
    if (!set_attrs(vm, args[0], { { names.code, code } }))
        return Value::null();
    return py_none();
}

static Value key_error_str(VM& vm, Value const* args, size_t, Tuple*)
{
    BaseException* e = as_exception(args[0]);
    if (e->args->size == 1)
        return repr(vm, e->args->items[0]);
    return exception_str(vm, args[0]);
}

// Exceptions with keyword-only attributes (NameError(name=), AttributeError(name=, obj=),
// ImportError(name=, path=)): binds those keywords (None when absent) into `out` and
// returns the number of positional arguments, or -1 with TypeError for another keyword.
static long bind_keyword_attrs(VM& vm, Value const* args, size_t nargs, Tuple* kw,
                               std::initializer_list<String*> attrs, Value* out)
{
    for (size_t j = 0; j < attrs.size(); ++j)
        out[j] = py_none();
    // The keyword values follow the nargs positional arguments.
    size_t npos = nargs;
    for (size_t i = 0; kw && i < kw->size; ++i) {
        String* k = as_str(kw->items[i]);
        size_t j = 0;
        while (j < attrs.size() && !(k && str_equal(k, attrs.begin()[j])))
            ++j;
        if (j == attrs.size()) {
            raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for %s()", k ? k->c_str() : "?", type_name(args[0]));
            return -1;
        }
        out[j] = args[npos + i];
    }
    return long(npos);
}

static Value name_error_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value v[1];
    long npos = bind_keyword_attrs(vm, args, nargs, kw, { names.name }, v);
    if (npos < 0)
        return Value::null();
    TRY(exc_init(vm, args, size_t(npos), nullptr));
    if (!set_attrs(vm, args[0], { { names.name, v[0] } }))
        return Value::null();
    return py_none();
}

static Value attribute_error_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value v[2];
    long npos = bind_keyword_attrs(vm, args, nargs, kw, { names.name, names.obj }, v);
    if (npos < 0)
        return Value::null();
    TRY(exc_init(vm, args, size_t(npos), nullptr));
    if (!set_attrs(vm, args[0], { { names.name, v[0] }, { names.obj, v[1] } }))
        return Value::null();
    return py_none();
}

static Value import_error_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    Value v[2];
    long npos = bind_keyword_attrs(vm, args, nargs, kw, { names.name, names.path }, v);
    if (npos < 0)
        return Value::null();
    TRY(exc_init(vm, args, size_t(npos), nullptr));
    Value msg = npos == 2 ? args[1] : py_none();
    if (!set_attrs(vm, args[0], { { names.name, v[0] }, { names.path, v[1] }, { names.msg, msg } }))
        return Value::null();
    return py_none();
}

static Value os_error_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    TRY(exc_init(vm, args, nargs, kw));
    Value errno_v = nargs >= 3 ? args[1] : py_none();
    Value strerror = nargs >= 3 ? args[2] : py_none();
    Value filename = nargs >= 4 ? args[3] : py_none();
    // OSError(errno, strerror, filename, winerror, filename2): the second file of
    // rename() and the like.
    Value filename2 = nargs >= 6 ? args[5] : py_none();
    String* filename2_name = intern(vm, "filename2");
    if (!filename2_name ||
        !set_attrs(vm, args[0], { { names.errno_, errno_v }, { names.strerror, strerror }, { names.filename, filename }, { filename2_name, filename2 } }))
        return Value::null();
    if (nargs >= 4) {
        // CPython keeps only (errno, strerror) in args when a filename is given.
        Tuple* kept = tuple_pack(vm, { args[1], args[2] });
        if (!kept)
            return Value::null();
        as_exception(args[0])->args = kept;
    }
    return py_none();
}

static Value os_error_str(VM& vm, Value const* args, size_t, Tuple*)
{
    Dict* d = instance_dict(vm, args[0].as_object(), true);
    if (!d)
        return Value::null();
    Value errno_v = TRY(dict_get_str(vm, d, names.errno_));
    Value strerror = TRY(dict_get_str(vm, d, names.strerror));
    Value filename = TRY(dict_get_str(vm, d, names.filename));
    if (!filename.is_not_found() && !is_none(filename)) {
        Value e = TRY(to_str(vm, errno_v));
        Value s = TRY(to_str(vm, strerror));
        Value f = TRY(repr(vm, filename));
        std::string out = std::string("[Errno ") + as_str(e)->c_str() + "] " + as_str(s)->c_str() + ": " + as_str(f)->c_str();
        Value filename2 = TRY(dict_get_str(vm, d, intern(vm, "filename2")));
        if (!filename2.is_not_found() && !is_none(filename2)) {
            Value f2 = TRY(repr(vm, filename2));
            out += std::string(" -> ") + as_str(f2)->c_str();
        }
        return str_value(vm, out);
    }
    if (!errno_v.is_not_found() && !is_none(errno_v) && !strerror.is_not_found() && !is_none(strerror)) {
        Value e = TRY(to_str(vm, errno_v));
        Value s = TRY(to_str(vm, strerror));
        return str_value(vm, std::string("[Errno ") + as_str(e)->c_str() + "] " + as_str(s)->c_str());
    }
    return exception_str(vm, args[0]);
}

static Value syntax_error_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    TRY(exc_init(vm, args, nargs, kw));
    Value msg = nargs >= 2 ? args[1] : py_none();
    Value fields[6] = { py_none(), py_none(), py_none(), py_none(), py_none(), py_none() };
    if (nargs >= 3) {
        Tuple* info = as_tuple(args[2]);
        if (!info || info->size < 4 || info->size > 6)
            return raise(vm, exc::IndexError, "tuple index out of range");
        for (size_t i = 0; i < info->size; ++i)
            fields[i] = info->items[i];
    }
    if (!set_attrs(vm, args[0], { { names.msg, msg }, { names.filename, fields[0] }, { names.lineno, fields[1] }, { names.offset, fields[2] }, { names.text, fields[3] }, { names.end_lineno, fields[4] }, { names.end_offset, fields[5] }, { names.print_file_and_line, py_none() } }))
        return Value::null();
    return py_none();
}

static Value syntax_error_str(VM& vm, Value const* args, size_t, Tuple*)
{
    Dict* d = instance_dict(vm, args[0].as_object(), true);
    if (!d)
        return Value::null();
    Value msg = TRY(dict_get_str(vm, d, names.msg));
    Value filename = TRY(dict_get_str(vm, d, names.filename));
    Value lineno = TRY(dict_get_str(vm, d, names.lineno));
    Value m = TRY(to_str(vm, msg.is_not_found() ? py_none() : msg));
    std::string s = as_str(m)->c_str();
    String* f = filename.is_not_found() ? nullptr : as_str(filename);
    bool have_line = !lineno.is_not_found() && is_int(lineno);
    if (f || have_line) {
        std::string fname;
        if (f) {
            fname = f->c_str();
            size_t slash = fname.rfind('/');
            if (slash != std::string::npos)
                fname = fname.substr(slash + 1);
        }
        if (f && have_line)
            s += " (" + fname + ", line " + int_to_decimal(lineno) + ")";
        else if (f)
            s += " (" + fname + ")";
        else
            s += " (line " + int_to_decimal(lineno) + ")";
    }
    return str_value(vm, s);
}

static Value unicode_error_init(VM& vm, Value const* args, size_t nargs, Tuple* kw)
{
    TRY(exc_init(vm, args, nargs, kw));
    TypeObject* t = type_of(args[0]);
    // CPython's argument formats: "UOnnU" (decode: the object any bytes-like, kept as
    // bytes), "UUnnU" (encode), "UnnU" (translate).
    auto want_str = [&](Value v, int pos) {
        if (is_str(v))
            return true;
        raise_fmt(vm, exc::TypeError, "argument %d must be str, not %s", pos, arg_type_name(v));
        return false;
    };
    auto want_index = [&](Value v) {
        int64_t i;
        return index_i64(vm, v, i);
    };
    bool decode = is_subtype(t, exc::UnicodeDecodeError);
    if (decode || is_subtype(t, exc::UnicodeEncodeError)) {
        if (nargs != 6)
            return raise_fmt(vm, exc::TypeError, "function takes exactly 5 arguments (%zu given)", nargs - 1);
        Value object = args[2];
        if (!want_str(args[1], 1))
            return Value::null();
        if (decode) {
            std::string_view data;
            if (!get_bytes_like(object, data))
                return raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(object));
            if (type_of(object) != types.bytes)
                object = TRY(Value::from_object(bytes_new(vm, data)));
        } else if (!want_str(object, 2)) {
            return Value::null();
        }
        if (!want_index(args[3]) || !want_index(args[4]) || !want_str(args[5], 5))
            return Value::null();
        if (!set_attrs(vm, args[0], { { names.encoding, args[1] }, { names.object, object }, { names.start, args[3] }, { names.end, args[4] }, { names.reason, args[5] } }))
            return Value::null();
    } else if (is_subtype(t, exc::UnicodeTranslateError)) {
        if (nargs != 5)
            return raise_fmt(vm, exc::TypeError, "function takes exactly 4 arguments (%zu given)", nargs - 1);
        if (!want_str(args[1], 1) || !want_index(args[2]) || !want_index(args[3]) || !want_str(args[4], 4))
            return Value::null();
        if (!set_attrs(vm, args[0], { { names.encoding, py_none() }, { names.object, args[1] }, { names.start, args[2] }, { names.end, args[3] }, { names.reason, args[4] } }))
            return Value::null();
    }
    return py_none();
}

// "'utf-8' codec can't decode byte 0xff in position 3: invalid start byte" and the
// encode/translate forms. The attributes may have been reassigned to anything since
// construction: reason and encoding go through str(), start and end through __index__.
static Value unicode_error_str(VM& vm, Value const* args, size_t, Tuple*)
{
    TypeObject* t = type_of(args[0]);
    Dict* d = instance_dict(vm, args[0].as_object(), true);
    if (!d)
        return Value::null();
    bool translate = is_subtype(t, exc::UnicodeTranslateError);
    bool decode = is_subtype(t, exc::UnicodeDecodeError);
    Value enc = TRY(dict_get_str(vm, d, names.encoding));
    Value obj = TRY(dict_get_str(vm, d, names.object));
    Value start = TRY(dict_get_str(vm, d, names.start));
    Value end = TRY(dict_get_str(vm, d, names.end));
    Value reason = TRY(dict_get_str(vm, d, names.reason));
    if ((!translate && enc.is_not_found()) || obj.is_not_found() || start.is_not_found() || end.is_not_found() || reason.is_not_found())
        return exception_str(vm, args[0]);
    int64_t s = 0, e = 0;
    if (!index_i64(vm, start, s) || !index_i64(vm, end, e))
        return Value::null();
    Value reason_str = TRY(to_str(vm, reason));
    std::string rs(as_str(reason_str)->view());
    std::string prefix = "can't translate";
    if (!translate) {
        Value enc_str = TRY(to_str(vm, enc));
        prefix = "'" + std::string(as_str(enc_str)->view()) + (decode ? "' codec can't decode" : "' codec can't encode");
    }
    char buf[64];
    if (decode) {
        Bytes* b = as_bytes(obj);
        std::string_view data = b ? b->view() : std::string_view();
        if (e == s + 1 && s >= 0 && size_t(s) < data.size()) {
            std::snprintf(buf, sizeof buf, "byte 0x%02x in position %lld", static_cast<unsigned char>(data[size_t(s)]), static_cast<long long>(s));
            return str_value(vm, prefix + " " + buf + ": " + rs);
        }
        std::snprintf(buf, sizeof buf, "bytes in position %lld-%lld", static_cast<long long>(s), static_cast<long long>(e - 1));
        return str_value(vm, prefix + " " + buf + ": " + rs);
    }
    String* text = as_str(obj);
    if (text && e == s + 1 && s >= 0 && size_t(s) < text->length) {
        uint32_t cp = str_char_at(text, size_t(s));
        if (cp < 0x100)
            std::snprintf(buf, sizeof buf, "'\\x%02x'", cp);
        else if (cp < 0x10000)
            std::snprintf(buf, sizeof buf, "'\\u%04x'", cp);
        else
            std::snprintf(buf, sizeof buf, "'\\U%08x'", cp);
        return str_value(vm, prefix + " character " + buf + " in position " + std::to_string(s) + ": " + rs);
    }
    return str_value(vm, prefix + " characters in position " + std::to_string(s) + "-" + std::to_string(e - 1) + ": " + rs);
}

void setup_exceptions(VM& vm)
{
    TypeObject* base = exc::BaseException;
    add_methods(vm, base, {
                              { "__new__", exc_new, METH_STATIC },
                              { "__init__", exc_init },
                              { "__str__", exc_str },
                              { "__repr__", exc_repr },
                              { "with_traceback", exc_with_traceback },
                              { "add_note", exc_add_note },
                              { "__reduce__", exc_reduce },
                              { "__setstate__", exc_setstate },
                          });
    add_getsets(vm, base, {
                              { "args", exc_get_args, exc_set_args },
                              { "__traceback__", exc_get_tb, exc_set_tb },
                              { "__cause__", exc_get_cause, exc_set_cause },
                              { "__context__", exc_get_context, exc_set_context },
                              { "__suppress_context__", exc_get_suppress, exc_set_suppress },
                          });
    add_methods(vm, exc::StopIteration, { { "__init__", stop_iteration_init } });
    add_methods(vm, exc::SystemExit, { { "__init__", system_exit_init } });
    add_methods(vm, exc::KeyError, { { "__str__", key_error_str } });
    add_methods(vm, exc::NameError, { { "__init__", name_error_init } });
    add_methods(vm, exc::AttributeError, { { "__init__", attribute_error_init } });
    add_methods(vm, exc::ImportError, { { "__init__", import_error_init }, { "__reduce__", import_error_reduce } });
    add_methods(vm, exc::OSError, { { "__init__", os_error_init }, { "__str__", os_error_str }, { "__reduce__", os_error_reduce } });
    add_methods(vm, exc::SyntaxError, { { "__init__", syntax_error_init }, { "__str__", syntax_error_str } });
    add_methods(vm, exc::UnicodeError, { { "__init__", unicode_error_init }, { "__str__", unicode_error_str } });
}

} // namespace slpy
