// builtins: the stream functions print, input and open (the file objects themselves are
// in stackless/modules/io*.cpp).
#include "stackless/builtins/builtins.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/modules/io.h"
#include "stackless/vm/interpreter.h"

#include <cstring>

namespace slpy {

Value sys_stream(VM& vm, String* name)
{
    Module* sys = vm.interp ? interp(vm).sys_module : nullptr;
    if (!sys || !sys->dict)
        return Value::not_found();
    Value v = dict_get_str(vm, sys->dict, name);
    if (v.is_null()) {
        vm.clear_error();
        return Value::not_found();
    }
    return v;
}

namespace {

// PyFile_WriteObject(v, file, Py_PRINT_RAW): file.write(str(v)); the built-in text file
// takes the string directly.
bool write_object(VM& vm, Value file, Value v)
{
    if (io_is_textio(file)) {
        Value s = to_str(vm, v);
        return !s.is_null() && io_textio_write(vm, file, as_str(s));
    }
    Value writer = getattr(vm, file, names.write);
    if (writer.is_null())
        return false;
    Value s = to_str(vm, v);
    if (s.is_null())
        return false;
    return !call1(vm, writer, s).is_null();
}

bool write_text(VM& vm, Value file, String* s)
{
    if (io_is_textio(file))
        return io_textio_write(vm, file, s);
    Value writer = getattr(vm, file, names.write);
    return !writer.is_null() && !call1(vm, writer, Value::from_object(s)).is_null();
}

} // namespace

// print(*objects, sep=' ', end='\n', file=None, flush=False)
Value builtin_print(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value sep = Value::null(), end = Value::null(), file = Value::null(), flush = Value::null();
    if (kwnames) {
        for (size_t k = 0; k < kwnames->size; ++k) {
            String* key = as_str(kwnames->items[k]);
            std::string_view kv = key ? key->view() : std::string_view();
            Value v = args[nargs + k];
            if (kv == "sep")
                sep = v;
            else if (kv == "end")
                end = v;
            else if (kv == "file")
                file = v;
            else if (kv == "flush")
                flush = v;
            else
                return raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for print()", key ? key->c_str() : "?");
        }
    }
    if (file.is_null() || is_none(file)) {
        file = sys_stream(vm, names.stdout);
        if (file.is_not_found())
            return raise(vm, exc::RuntimeError, "lost sys.stdout");
        // sys.stdout may be None when there is no standard output.
        if (is_none(file))
            return py_none();
    }
    String* sep_s = nullptr;
    String* end_s = nullptr;
    if (!sep.is_null() && !is_none(sep)) {
        sep_s = as_str(sep);
        if (!sep_s)
            return raise_fmt(vm, exc::TypeError, "sep must be None or a string, not %s", type_name(sep));
    }
    if (!end.is_null() && !is_none(end)) {
        end_s = as_str(end);
        if (!end_s)
            return raise_fmt(vm, exc::TypeError, "end must be None or a string, not %s", type_name(end));
    }
    String* space = names.space;
    String* newline = names.newline;
    for (size_t i = 0; i < nargs; ++i) {
        if (i > 0 && !write_text(vm, file, sep_s ? sep_s : space))
            return Value::null();
        if (!write_object(vm, file, args[i]))
            return Value::null();
    }
    if (!write_text(vm, file, end_s ? end_s : newline))
        return Value::null();
    if (!flush.is_null()) {
        int f = truthy(vm, flush);
        if (f < 0)
            return Value::null();
        if (f)
            TRY(call_method(vm, file, names.flush, nullptr, 0));
    }
    return py_none();
}

// input(prompt=None, /): writes the prompt to sys.stdout, flushes it, and reads one line
// from sys.stdin without its newline; EOFError at the end of the input.
Value builtin_input(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "input", kwnames) || !check_nargs(vm, "input", nargs, 0, 1))
        return Value::null();
    Value fin = sys_stream(vm, names.stdin);
    Value fout = sys_stream(vm, names.stdout);
    Value ferr = sys_stream(vm, names.stderr);
    if (fin.is_not_found() || is_none(fin))
        return raise(vm, exc::RuntimeError, "input(): lost sys.stdin");
    if (fout.is_not_found() || is_none(fout))
        return raise(vm, exc::RuntimeError, "input(): lost sys.stdout");
    if (ferr.is_not_found() || is_none(ferr))
        return raise(vm, exc::RuntimeError, "input(): lost sys.stderr");
    // Pending error output goes first (CPython ignores a failure here).
    if (call_method(vm, ferr, names.flush, nullptr, 0).is_null())
        vm.clear_error();
    if (nargs == 1 && !is_none(args[0]) && !write_object(vm, fout, args[0]))
        return Value::null();
    TRY(call_method(vm, fout, names.flush, nullptr, 0));
    Value line = TRY(call_method(vm, fin, names.readline, nullptr, 0));
    String* s = as_str(line);
    if (!s)
        return raise(vm, exc::TypeError, "object.readline() returned non-string");
    if (s->byte_length == 0)
        return raise(vm, exc::EOFError, "EOF when reading a line");
    if (s->data[s->byte_length - 1] == '\n')
        return str_value(vm, std::string_view(s->data, s->byte_length - 1));
    return line;
}

Value builtin_open(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return io_open(vm, args, nargs, kwnames);
}

} // namespace slpy
