// The _string module: the str.format parser as iterators, for string.Formatter
// (formatter_parser, formatter_field_name_split), with CPython 3.11's results and errors.
// Both iterators parse lazily, so a malformed string raises while iterating, as there.
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"

#include <string_view>

namespace slpy {

namespace {

// An iterator over a str: the text and the byte offset reached.
struct FormatIter : Object {
    String* text;
    size_t pos;
    size_t end;
};

TypeObject* g_formatter_iter = nullptr;
TypeObject* g_field_name_iter = nullptr;

void format_iter_trace(Object* self, Tracer& t) { t.visit(static_cast<FormatIter*>(self)->text); }

FormatIter* self_iter(Value v) { return static_cast<FormatIter*>(v.as_object()); }

Value substring(VM& vm, std::string_view s) { return str_value(vm, s); }

// CPython's get_integer: the value of an all-digits string, -1 when it is not one;
// null (ValueError) on overflow.
bool field_integer(VM& vm, std::string_view s, int64_t& out)
{
    out = -1;
    if (s.empty())
        return true;
    int64_t acc = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return true;
        int digit = c - '0';
        if (acc > (INT64_MAX - digit) / 10) {
            raise(vm, exc::ValueError, "Too many decimal digits in format string");
            return false;
        }
        acc = acc * 10 + digit;
    }
    out = acc;
    return true;
}

// One step of CPython's MarkupIterator: (literal, field_name, format_spec, conversion).
Value formatter_iternext(VM& vm, Value self)
{
    FormatIter* it = self_iter(self);
    std::string_view s = it->text->view();
    size_t end = s.size();
    if (it->pos >= end)
        return Value::stop_iteration();
    size_t start = it->pos;
    char c = 0;
    bool markup = false;
    while (it->pos < end) {
        c = s[it->pos++];
        if (c == '{' || c == '}') {
            markup = true;
            break;
        }
    }
    bool at_end = it->pos >= end;
    size_t len = it->pos - start;
    if (c == '}' && markup && (at_end || s[it->pos] != '}'))
        return raise(vm, exc::ValueError, "Single '}' encountered in format string");
    if (at_end && c == '{' && markup)
        return raise(vm, exc::ValueError, "Single '{' encountered in format string");
    if (!at_end && markup) {
        if (s[it->pos] == c) { // an escaped {{ or }}: literal text only
            ++it->pos;
            markup = false;
        } else {
            --len;
        }
    }
    Value literal = TRY(substring(vm, s.substr(start, len)));
    if (!markup)
        return Value::from_object(tuple_pack(vm, { literal, py_none(), py_none(), py_none() }));

    // The field: its name runs to '}', ':' or '!' ([...] may hold those).
    size_t name_start = it->pos;
    c = 0;
    while (it->pos < end) {
        c = s[it->pos++];
        if (c == '{')
            return raise(vm, exc::ValueError, "unexpected '{' in field name");
        if (c == '[') {
            while (it->pos < end && s[it->pos] != ']')
                ++it->pos;
            c = 0;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
        c = 0;
    }
    size_t name_end = c ? it->pos - 1 : it->pos;
    Value conversion = py_none();
    std::string_view spec;
    if (c == '!' || c == ':') {
        bool done = false;
        if (c == '!') {
            if (it->pos >= end)
                return raise(vm, exc::ValueError, "end of string while looking for conversion specifier");
            size_t cstart = it->pos;
            (void)utf8_decode(s, it->pos);
            conversion = TRY(substring(vm, s.substr(cstart, it->pos - cstart)));
            if (it->pos < end) {
                char d = s[it->pos++];
                if (d == '}')
                    done = true;
                else if (d != ':')
                    return raise(vm, exc::ValueError, "expected ':' after conversion specifier");
            }
        }
        if (!done) {
            size_t spec_start = it->pos;
            int count = 1;
            bool closed = false;
            while (it->pos < end) {
                char d = s[it->pos++];
                if (d == '{') {
                    ++count;
                } else if (d == '}' && --count == 0) {
                    spec = s.substr(spec_start, it->pos - 1 - spec_start);
                    closed = true;
                    break;
                }
            }
            if (!closed)
                return raise(vm, exc::ValueError, "unmatched '{' in format spec");
        }
    } else if (c != '}') {
        return raise(vm, exc::ValueError, "expected '}' before end of string");
    }
    Value name = TRY(substring(vm, s.substr(name_start, name_end - name_start)));
    Value spec_v = TRY(substring(vm, spec));
    return Value::from_object(tuple_pack(vm, { literal, name, spec_v, conversion }));
}

// One step of CPython's FieldNameIterator: (is_attribute, name or index).
Value field_name_iternext(VM& vm, Value self)
{
    FormatIter* it = self_iter(self);
    std::string_view s = it->text->view().substr(0, it->end);
    size_t end = s.size();
    if (it->pos >= end)
        return Value::stop_iteration();
    char c = s[it->pos++];
    size_t start = it->pos;
    std::string_view name;
    bool is_attr;
    if (c == '.') {
        is_attr = true;
        while (it->pos < end && s[it->pos] != '.' && s[it->pos] != '[')
            ++it->pos;
        name = s.substr(start, it->pos - start);
    } else if (c == '[') {
        is_attr = false;
        bool closed = false;
        while (it->pos < end) {
            if (s[it->pos++] == ']') {
                closed = true;
                break;
            }
        }
        if (!closed)
            return raise(vm, exc::ValueError, "Missing ']' in format string");
        name = s.substr(start, it->pos - 1 - start);
    } else {
        return raise(vm, exc::ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
    if (name.empty())
        return raise(vm, exc::ValueError, "Empty attribute in format string");
    Value key;
    int64_t idx = -1;
    if (!is_attr && !field_integer(vm, name, idx))
        return Value::null();
    key = idx >= 0 ? TRY(int_from_i64(vm, idx)) : TRY(substring(vm, name));
    return Value::from_object(tuple_pack(vm, { py_bool(is_attr), key }));
}

Value new_iter(VM& vm, TypeObject* type, String* text, size_t pos, size_t end)
{
    auto* it = vm.heap.make<FormatIter>(type);
    if (!it)
        return Value::null();
    it->text = text;
    it->pos = pos;
    it->end = end;
    return Value::from_object(it);
}

String* str_arg(VM& vm, char const* fname, Value const* args, size_t nargs)
{
    if (nargs != 1) {
        raise_fmt(vm, exc::TypeError, "_string.%s() takes exactly one argument (%zu given)", fname, nargs);
        return nullptr;
    }
    String* s = as_str(args[0]);
    if (!s)
        raise_fmt(vm, exc::TypeError, "expected str, got %s", type_name(args[0]));
    return s;
}

Value formatter_parser(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "formatter_parser", kwnames))
        return Value::null();
    String* s = str_arg(vm, "formatter_parser", args, nargs);
    if (!s)
        return Value::null();
    return new_iter(vm, g_formatter_iter, s, 0, s->byte_length);
}

Value formatter_field_name_split(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "formatter_field_name_split", kwnames))
        return Value::null();
    String* s = str_arg(vm, "formatter_field_name_split", args, nargs);
    if (!s)
        return Value::null();
    std::string_view v = s->view();
    size_t i = 0;
    while (i < v.size() && v[i] != '.' && v[i] != '[')
        ++i;
    int64_t idx;
    if (!field_integer(vm, v.substr(0, i), idx))
        return Value::null();
    Value first = idx >= 0 ? TRY(int_from_i64(vm, idx)) : TRY(substring(vm, v.substr(0, i)));
    Value rest = TRY(new_iter(vm, g_field_name_iter, s, i, v.size()));
    return Value::from_object(tuple_pack(vm, { first, rest }));
}

void setup_types(VM& vm)
{
    if (g_formatter_iter)
        return;
    g_formatter_iter = make_builtin_type(vm, "formatteriterator", nullptr, sizeof(FormatIter), 0, format_iter_trace);
    g_field_name_iter = make_builtin_type(vm, "fieldnameiterator", nullptr, sizeof(FormatIter), 0, format_iter_trace);
    add_methods(vm, g_formatter_iter, { { "__iter__", iter_self_method }, { "__next__", next_method<formatter_iternext> } });
    add_methods(vm, g_field_name_iter, { { "__iter__", iter_self_method }, { "__next__", next_method<field_name_iternext> } });
    g_formatter_iter->iternext = formatter_iternext;
    g_field_name_iter->iternext = field_name_iternext;
    finish_builtin_type(vm, g_formatter_iter);
    finish_builtin_type(vm, g_field_name_iter);
}

} // namespace

Module* make_string_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_string");
    module_add_functions(vm, m, {
        { "formatter_parser", formatter_parser }, { "formatter_field_name_split", formatter_field_name_split },
    });
    return m;
}

} // namespace slpy
