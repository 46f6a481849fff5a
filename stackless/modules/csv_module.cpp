// The _csv module: CPython 3.11's CSV parser and writer (reader, writer, Dialect, the
// dialect registry, field_size_limit, the QUOTE_* constants and Error), which csv.py
// wraps. The reader is CPython's state machine, fed one code point at a time, and the
// writer its two-pass field quoting; messages are CPython 3.11's.
//
// The dialect registry, the field size limit and the module's types are per-VM state.
#include "stackless/modules/native_support.h"
#include "stackless/modules/runtime_modules.h"

#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"

#include <string>

namespace slpy {

namespace {

char const kCsvStateKey = 0;

constexpr uint32_t kNotSet = 0xffffffffu; // no escapechar / quotechar
constexpr uint32_t kEol = 0xfffffffeu;    // the end of an input line, fed to the parser

enum Quoting : int { QUOTE_MINIMAL = 0, QUOTE_ALL = 1, QUOTE_NONNUMERIC = 2, QUOTE_NONE = 3 };

struct CsvState : VM::ModuleState {
    explicit CsvState(VM&) {}
    TypeObject* error = nullptr;
    TypeObject* dialect_type = nullptr;
    TypeObject* reader_type = nullptr;
    TypeObject* writer_type = nullptr;
    Dict* dialects = nullptr;
    int64_t field_limit = 128 * 1024;
    void trace(Tracer& t) override
    {
        t.visit(error);
        t.visit(dialect_type);
        t.visit(reader_type);
        t.visit(writer_type);
        t.visit(dialects);
    }
};

CsvState& csv_state(VM& vm) { return module_state<CsvState>(vm, &kCsvStateKey); }

struct Dialect : Object {
    uint32_t delimiter;
    uint32_t quotechar;
    uint32_t escapechar;
    bool doublequote;
    bool skipinitialspace;
    bool strict;
    int quoting;
    Value lineterminator; // a str
};

void dialect_trace(Object* self, Tracer& t) { t.visit(static_cast<Dialect*>(self)->lineterminator); }

enum class ParseState : uint8_t {
    StartRecord, StartField, EscapedChar, InField, InQuotedField, EscapeInQuotedField,
    QuoteInQuotedField, EatCrnl, AfterEscapedCrnl,
};

struct Reader : Object {
    Value input_iter;
    Dialect* dialect;
    List* fields;
    std::string* field; // malloc'd; the field being read, UTF-8
    int64_t field_len;  // in code points
    int64_t line_num;
    ParseState state;
    bool numeric_field;
};

void reader_trace(Object* self, Tracer& t)
{
    auto* r = static_cast<Reader*>(self);
    t.visit(r->input_iter);
    t.visit(r->dialect);
    t.visit(r->fields);
}

void reader_finalize(Object* self)
{
    auto* r = static_cast<Reader*>(self);
    delete r->field;
    r->field = nullptr;
}

struct Writer : Object {
    Value write;
    Dialect* dialect;
};

void writer_trace(Object* self, Tracer& t)
{
    auto* w = static_cast<Writer*>(self);
    t.visit(w->write);
    t.visit(w->dialect);
}

#define SLPY_C_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ Dialect

uint32_t first_char(String* s)
{
    size_t i = 0;
    return utf8_decode(s->view(), i);
}

bool set_char(VM& vm, char const* name, uint32_t& target, Value src, uint32_t dflt)
{
    if (src.is_null()) {
        target = dflt;
        return true;
    }
    String* s = as_str(src);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "\"%s\" must be string, not %.200s", name, type_name(src));
        return false;
    }
    if (s->length != 1) {
        raise_fmt(vm, exc::TypeError, "\"%s\" must be a 1-character string", name);
        return false;
    }
    target = first_char(s);
    return true;
}

bool set_char_or_none(VM& vm, char const* name, uint32_t& target, Value src, uint32_t dflt)
{
    if (src.is_null()) {
        target = dflt;
        return true;
    }
    target = kNotSet;
    if (is_none(src))
        return true;
    String* s = as_str(src);
    if (!s) {
        raise_fmt(vm, exc::TypeError, "\"%s\" must be string or None, not %.200s", name, type_name(src));
        return false;
    }
    if (s->length != 1) {
        raise_fmt(vm, exc::TypeError, "\"%s\" must be a 1-character string", name);
        return false;
    }
    target = first_char(s);
    return true;
}

bool set_bool(VM& vm, bool& target, Value src, bool dflt)
{
    if (src.is_null()) {
        target = dflt;
        return true;
    }
    int b = truthy(vm, src);
    if (b < 0)
        return false;
    target = b;
    return true;
}

Value dialect_from_registry(VM& vm, Value name)
{
    CsvState& st = csv_state(vm);
    Value d = dict_get(vm, st.dialects, name);
    if (d.is_not_found())
        return raise(vm, st.error, "unknown dialect");
    return d;
}

// Dialect(dialect=None, **fmtparams)
SLPY_C_FN(dialect_new)
{
    TypeObject* type = static_cast<TypeObject*>(args[0].as_object());
    static char const* const kKeywords[] = { "dialect", "delimiter", "doublequote", "escapechar", "lineterminator",
                                             "quotechar", "quoting", "skipinitialspace", "strict" };
    // CPython's "|OOOOOOOOO" format has no function name in its messages.
    for (size_t i = 0; kwnames && i < kwnames->size; ++i) {
        String* k = as_str(kwnames->items[i]);
        bool known = false;
        for (char const* name : kKeywords)
            known |= k->view() == name;
        if (!known)
            return raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for this function", k->c_str());
    }
    Value a[9];
    if (!parse_args(vm, "Dialect", args + 1, nargs - 1, kwnames,
                    { "dialect", "delimiter", "doublequote", "escapechar", "lineterminator", "quotechar", "quoting",
                      "skipinitialspace", "strict" },
                    0, a))
        return Value::null();
    CsvState& st = csv_state(vm);
    Value dialect = a[0];
    if (!dialect.is_null()) {
        if (is_str(dialect))
            dialect = TRY(dialect_from_registry(vm, dialect));
        bool others = false;
        for (int i = 1; i < 9; ++i)
            others |= !a[i].is_null();
        // An existing Dialect with nothing to change is reused.
        if (!others && is_instance_fast(dialect, st.dialect_type))
            return dialect;
        for (int i = 1; i < 9; ++i) {
            if (!a[i].is_null())
                continue;
            a[i] = getattr(vm, dialect, intern(vm, kKeywords[i]));
            if (a[i].is_null())
                vm.clear_error();
        }
    }
    auto* d = static_cast<Dialect*>(alloc_instance(vm, type)); // type may be a subclass
    if (!d)
        return Value::null();
    if (!set_char(vm, "delimiter", d->delimiter, a[1], ',') || !set_bool(vm, d->doublequote, a[2], true)
        || !set_char_or_none(vm, "escapechar", d->escapechar, a[3], kNotSet))
        return Value::null();
    if (a[4].is_null()) {
        d->lineterminator = TRY(str_value(vm, "\r\n"));
    } else if (is_none(a[4])) {
        d->lineterminator = Value::null();
    } else if (!is_str(a[4])) {
        return raise(vm, exc::TypeError, "\"lineterminator\" must be a string");
    } else {
        d->lineterminator = a[4];
    }
    if (!set_char_or_none(vm, "quotechar", d->quotechar, a[5], '"'))
        return Value::null();
    if (a[6].is_null()) {
        d->quoting = QUOTE_MINIMAL;
    } else {
        if (type_of(a[6]) != types.int_)
            return raise(vm, exc::TypeError, "\"quoting\" must be an integer");
        int64_t q;
        if (!int_to_i64(a[6], q) || q < INT32_MIN || q > INT32_MAX)
            return raise(vm, exc::OverflowError, "Python int too large to convert to C int");
        d->quoting = int(q);
    }
    if (!set_bool(vm, d->skipinitialspace, a[7], false) || !set_bool(vm, d->strict, a[8], false))
        return Value::null();
    if (d->quoting < QUOTE_MINIMAL || d->quoting > QUOTE_NONE)
        return raise(vm, exc::TypeError, "bad \"quoting\" value");
    if (d->delimiter == kNotSet)
        return raise(vm, exc::TypeError, "\"delimiter\" must be a 1-character string");
    if (!a[5].is_null() && is_none(a[5]) && a[6].is_null())
        d->quoting = QUOTE_NONE;
    if (d->quoting != QUOTE_NONE && d->quotechar == kNotSet)
        return raise(vm, exc::TypeError, "quotechar must be set if quoting enabled");
    if (d->lineterminator.is_null())
        return raise(vm, exc::TypeError, "lineterminator must be set");
    return Value::from_object(d);
}

Value char_value(VM& vm, uint32_t c)
{
    if (c == kNotSet)
        return py_none();
    String* s = str_from_codepoint(vm, c);
    return s ? Value::from_object(s) : Value::null();
}

Dialect* self_dialect(Value v) { return static_cast<Dialect*>(v.as_object()); }
SLPY_C_FN(dialect_delimiter) { return char_value(vm, self_dialect(args[0])->delimiter); }
SLPY_C_FN(dialect_quotechar) { return char_value(vm, self_dialect(args[0])->quotechar); }
SLPY_C_FN(dialect_escapechar) { return char_value(vm, self_dialect(args[0])->escapechar); }
SLPY_C_FN(dialect_lineterminator) { return self_dialect(args[0])->lineterminator; }
SLPY_C_FN(dialect_doublequote) { return py_bool(self_dialect(args[0])->doublequote); }
SLPY_C_FN(dialect_skipinitialspace) { return py_bool(self_dialect(args[0])->skipinitialspace); }
SLPY_C_FN(dialect_strict) { return py_bool(self_dialect(args[0])->strict); }
SLPY_C_FN(dialect_quoting) { return Value::small_int(self_dialect(args[0])->quoting); }

// Dialect(dialect, **kwargs) from a reader's or writer's arguments: `dialect` may be null;
// the keyword values follow `args[nargs]`.
Value call_dialect(VM& vm, Value dialect, Value const* kwvalues, Tuple* kwnames)
{
    size_t nkw = kwnames ? kwnames->size : 0;
    std::vector<Value> argv;
    if (!dialect.is_null())
        argv.push_back(dialect);
    size_t npos = argv.size();
    for (size_t i = 0; i < nkw; ++i)
        argv.push_back(kwvalues[i]);
    return call(vm, Value::from_object(csv_state(vm).dialect_type), argv.data(), npos, nkw ? kwnames : nullptr);
}

// ------------------------------------------------------------------ reader

bool parse_save_field(VM& vm, Reader* r)
{
    Value field = str_value(vm, *r->field);
    if (field.is_null())
        return false;
    if (r->numeric_field) {
        r->numeric_field = false;
        field = float_from_string(vm, *r->field, field);
        if (field.is_null())
            return false;
    }
    r->field->clear();
    r->field_len = 0;
    return list_append(vm, r->fields, field);
}

bool parse_add_char(VM& vm, Reader* r, uint32_t c)
{
    CsvState& st = csv_state(vm);
    if (r->field_len >= st.field_limit) {
        raise_fmt(vm, st.error, "field larger than field limit (%lld)", static_cast<long long>(st.field_limit));
        return false;
    }
    utf8_append(*r->field, c);
    ++r->field_len;
    return true;
}

bool is_crlf(uint32_t c) { return c == '\n' || c == '\r'; }

// CPython's parse_process_char.
bool parse_process_char(VM& vm, Reader* r, uint32_t c)
{
    Dialect* d = r->dialect;
    switch (r->state) {
    case ParseState::StartRecord:
        if (c == kEol)
            return true; // an empty line: []
        if (is_crlf(c)) {
            r->state = ParseState::EatCrnl;
            return true;
        }
        r->state = ParseState::StartField;
        [[fallthrough]];
    case ParseState::StartField:
        if (is_crlf(c) || c == kEol) {
            if (!parse_save_field(vm, r))
                return false;
            r->state = c == kEol ? ParseState::StartRecord : ParseState::EatCrnl;
        } else if (c == d->quotechar && d->quoting != QUOTE_NONE) {
            r->state = ParseState::InQuotedField;
        } else if (c == d->escapechar) {
            r->state = ParseState::EscapedChar;
        } else if (c == ' ' && d->skipinitialspace) {
        } else if (c == d->delimiter) {
            if (!parse_save_field(vm, r))
                return false;
        } else {
            if (d->quoting == QUOTE_NONNUMERIC)
                r->numeric_field = true;
            if (!parse_add_char(vm, r, c))
                return false;
            r->state = ParseState::InField;
        }
        return true;
    case ParseState::EscapedChar:
        if (is_crlf(c)) {
            if (!parse_add_char(vm, r, c))
                return false;
            r->state = ParseState::AfterEscapedCrnl;
            return true;
        }
        if (c == kEol)
            c = '\n';
        if (!parse_add_char(vm, r, c))
            return false;
        r->state = ParseState::InField;
        return true;
    case ParseState::AfterEscapedCrnl:
        if (c == kEol)
            return true;
        [[fallthrough]];
    case ParseState::InField:
        if (is_crlf(c) || c == kEol) {
            if (!parse_save_field(vm, r))
                return false;
            r->state = c == kEol ? ParseState::StartRecord : ParseState::EatCrnl;
        } else if (c == d->escapechar) {
            r->state = ParseState::EscapedChar;
        } else if (c == d->delimiter) {
            if (!parse_save_field(vm, r))
                return false;
            r->state = ParseState::StartField;
        } else if (!parse_add_char(vm, r, c)) {
            return false;
        }
        return true;
    case ParseState::InQuotedField:
        if (c == kEol) {
        } else if (c == d->escapechar) {
            r->state = ParseState::EscapeInQuotedField;
        } else if (c == d->quotechar && d->quoting != QUOTE_NONE) {
            r->state = d->doublequote ? ParseState::QuoteInQuotedField : ParseState::InField;
        } else if (!parse_add_char(vm, r, c)) {
            return false;
        }
        return true;
    case ParseState::EscapeInQuotedField:
        if (c == kEol)
            c = '\n';
        if (!parse_add_char(vm, r, c))
            return false;
        r->state = ParseState::InQuotedField;
        return true;
    case ParseState::QuoteInQuotedField:
        if (d->quoting != QUOTE_NONE && c == d->quotechar) {
            if (!parse_add_char(vm, r, c)) // "" is a quote
                return false;
            r->state = ParseState::InQuotedField;
        } else if (c == d->delimiter) {
            if (!parse_save_field(vm, r))
                return false;
            r->state = ParseState::StartField;
        } else if (is_crlf(c) || c == kEol) {
            if (!parse_save_field(vm, r))
                return false;
            r->state = c == kEol ? ParseState::StartRecord : ParseState::EatCrnl;
        } else if (!d->strict) {
            if (!parse_add_char(vm, r, c))
                return false;
            r->state = ParseState::InField;
        } else {
            std::string delim, quote;
            utf8_append(delim, d->delimiter);
            utf8_append(quote, d->quotechar);
            raise_fmt(vm, csv_state(vm).error, "'%s' expected after '%s'", delim.c_str(), quote.c_str());
            return false;
        }
        return true;
    case ParseState::EatCrnl:
        if (is_crlf(c)) {
        } else if (c == kEol) {
            r->state = ParseState::StartRecord;
        } else {
            raise(vm, csv_state(vm).error,
                  "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?");
            return false;
        }
        return true;
    }
    return true;
}

bool parse_reset(VM& vm, Reader* r)
{
    r->fields = list_new(vm);
    if (!r->fields)
        return false;
    r->field->clear();
    r->field_len = 0;
    r->state = ParseState::StartRecord;
    r->numeric_field = false;
    return true;
}

Value reader_next(VM& vm, Value self)
{
    auto* r = static_cast<Reader*>(self.as_object());
    if (!parse_reset(vm, r))
        return Value::null();
    do {
        Value line = iter_next(vm, r->input_iter);
        if (line.is_null())
            return line;
        if (line.is_stop_iteration()) {
            if (r->field_len != 0 || r->state == ParseState::InQuotedField) {
                if (r->dialect->strict)
                    return raise(vm, csv_state(vm).error, "unexpected end of data");
                if (!parse_save_field(vm, r))
                    return Value::null();
                break;
            }
            return line;
        }
        String* s = as_str(line);
        if (!s)
            return raise_fmt(vm, csv_state(vm).error,
                             "iterator should return strings, not %.200s (the file should be opened in text mode)",
                             type_name(line));
        ++r->line_num;
        std::string_view text = s->view();
        for (size_t i = 0; i < text.size();) {
            uint32_t c = static_cast<unsigned char>(text[i]);
            if (c < 0x80)
                ++i;
            else
                c = utf8_decode(text, i);
            if (!parse_process_char(vm, r, c))
                return Value::null();
        }
        if (!parse_process_char(vm, r, kEol))
            return Value::null();
    } while (r->state != ParseState::StartRecord);
    List* fields = r->fields;
    r->fields = nullptr;
    return Value::from_object(fields);
}

SLPY_C_FN(reader_next_method) { return next_from_iternext(vm, args[0], reader_next); }
SLPY_C_FN(reader_iter) { return args[0]; }
SLPY_C_FN(reader_dialect) { return Value::from_object(static_cast<Reader*>(args[0].as_object())->dialect); }
SLPY_C_FN(reader_line_num) { return int_from_i64(vm, static_cast<Reader*>(args[0].as_object())->line_num); }

// reader(iterable, dialect='excel', **fmtparams)
SLPY_C_FN(csv_reader)
{
    if (!check_nargs(vm, "", nargs, 1, 2))
        return Value::null();
    CsvState& st = csv_state(vm);
    Value it = TRY(get_iter(vm, args[0]));
    Value dialect = TRY(call_dialect(vm, nargs > 1 ? args[1] : Value::null(), args + nargs, kwnames));
    auto* r = vm.heap.make<Reader>(st.reader_type);
    if (!r)
        return Value::null();
    r->field = new (std::nothrow) std::string();
    if (!r->field)
        return raise_no_memory(vm);
    r->input_iter = it;
    r->dialect = self_dialect(dialect);
    if (!parse_reset(vm, r))
        return Value::null();
    return Value::from_object(r);
}

// ------------------------------------------------------------------ writer

// One field into `rec` (CPython's join_append_data): a pass that only decides whether
// the field must be quoted (out null), then the copying pass.
bool join_append_data(VM& vm, Dialect* d, std::string* out, std::string_view field, bool has_field, bool& quoted, bool first)
{
    auto add = [&](uint32_t c) {
        if (out)
            utf8_append(*out, c);
    };
    if (!first)
        add(d->delimiter);
    if (out && quoted)
        add(d->quotechar);
    std::string_view lineterm = as_str(d->lineterminator)->view();
    for (size_t i = 0; has_field && i < field.size();) {
        uint32_t c = utf8_decode(field, i);
        bool in_lineterm = false;
        for (size_t j = 0; j < lineterm.size() && !in_lineterm;)
            in_lineterm = utf8_decode(lineterm, j) == c;
        if (c == d->delimiter || c == d->escapechar || c == d->quotechar || in_lineterm) {
            bool want_escape = false;
            if (d->quoting == QUOTE_NONE) {
                want_escape = true;
            } else {
                if (c == d->quotechar) {
                    if (d->doublequote)
                        add(d->quotechar);
                    else
                        want_escape = true;
                } else if (c == d->escapechar) {
                    want_escape = true;
                }
                if (!want_escape)
                    quoted = true;
            }
            if (want_escape) {
                if (d->escapechar == kNotSet) {
                    raise(vm, csv_state(vm).error, "need to escape, but no escapechar set");
                    return false;
                }
                add(d->escapechar);
            }
        }
        add(c);
    }
    if (out && quoted)
        add(d->quotechar);
    return true;
}

bool join_append(VM& vm, Dialect* d, std::string& rec, Value field, bool quoted, size_t& num_fields)
{
    std::string_view text;
    bool has = !field.is_null();
    if (has)
        text = as_str(field)->view();
    if (!join_append_data(vm, d, nullptr, text, has, quoted, num_fields == 0)
        || !join_append_data(vm, d, &rec, text, has, quoted, num_fields == 0))
        return false;
    ++num_fields;
    return true;
}

// PyNumber_Check: an int, float or complex, or anything with __index__, __int__ or __float__.
bool is_number(VM& vm, Value v)
{
    if (is_int(v) || is_float(v) || v.is(py_true()) || v.is(py_false()))
        return true;
    TypeObject* t = type_of(v);
    if (is_subtype(t, types.complex))
        return true;
    for (char const* name : { "__index__", "__int__", "__float__" })
        if (!type_lookup(t, intern(vm, name)).is_not_found())
            return true;
    return false;
}

Value writer_writerow_impl(VM& vm, Writer* w, Value row)
{
    CsvState& st = csv_state(vm);
    Dialect* d = w->dialect;
    Value it = get_iter(vm, row);
    if (it.is_null()) {
        if (vm.error_matches(exc::TypeError)) {
            vm.clear_error();
            return raise_fmt(vm, st.error, "iterable expected, not %.200s", type_name(row));
        }
        return it;
    }
    std::string rec;
    size_t num_fields = 0;
    for (;;) {
        Value field = TRY(iter_next(vm, it));
        if (field.is_stop_iteration())
            break;
        bool quoted = d->quoting == QUOTE_ALL || (d->quoting == QUOTE_NONNUMERIC && !is_number(vm, field));
        Value text;
        if (is_str(field))
            text = field;
        else if (is_none(field))
            text = Value::null();
        else
            text = TRY(to_str(vm, field));
        if (!join_append(vm, d, rec, text, quoted, num_fields))
            return Value::null();
    }
    if (num_fields > 0 && rec.empty()) {
        if (d->quoting == QUOTE_NONE)
            return raise(vm, st.error, "single empty field record must be quoted");
        --num_fields;
        if (!join_append(vm, d, rec, Value::null(), true, num_fields))
            return Value::null();
    }
    rec.append(as_str(d->lineterminator)->view());
    return call1(vm, w->write, TRY(str_value(vm, rec)));
}

SLPY_C_FN(writer_writerow)
{
    if (!check_no_kwargs(vm, "writerow", kwnames) || !check_nargs(vm, "writerow", nargs - 1, 1, 1))
        return Value::null();
    return writer_writerow_impl(vm, static_cast<Writer*>(args[0].as_object()), args[1]);
}

SLPY_C_FN(writer_writerows)
{
    if (!check_no_kwargs(vm, "writerows", kwnames) || !check_nargs(vm, "writerows", nargs - 1, 1, 1))
        return Value::null();
    auto* w = static_cast<Writer*>(args[0].as_object());
    Value it = TRY(get_iter(vm, args[1]));
    for (;;) {
        Value row = TRY(iter_next(vm, it));
        if (row.is_stop_iteration())
            break;
        TRY(writer_writerow_impl(vm, w, row));
    }
    return py_none();
}

SLPY_C_FN(writer_dialect) { return Value::from_object(static_cast<Writer*>(args[0].as_object())->dialect); }

// writer(fileobj, dialect='excel', **fmtparams)
SLPY_C_FN(csv_writer)
{
    if (!check_nargs(vm, "", nargs, 1, 2))
        return Value::null();
    CsvState& st = csv_state(vm);
    Value write = getattr_opt(vm, args[0], intern(vm, "write"));
    if (write.is_null())
        return write;
    if (write.is_not_found() || !is_callable(write))
        return raise(vm, exc::TypeError, "argument 1 must have a \"write\" method");
    Value dialect = TRY(call_dialect(vm, nargs > 1 ? args[1] : Value::null(), args + nargs, kwnames));
    auto* w = vm.heap.make<Writer>(st.writer_type);
    if (!w)
        return Value::null();
    w->write = write;
    w->dialect = self_dialect(dialect);
    return Value::from_object(w);
}

// ------------------------------------------------------------------ registry

// register_dialect(name, dialect=None, **fmtparams)
SLPY_C_FN(csv_register_dialect)
{
    if (!check_nargs(vm, "register_dialect", nargs, 1, 2))
        return Value::null();
    if (!is_str(args[0]))
        return raise(vm, exc::TypeError, "dialect name must be a string");
    Value dialect = TRY(call_dialect(vm, nargs > 1 ? args[1] : Value::null(), args + nargs, kwnames));
    if (!dict_set(vm, csv_state(vm).dialects, args[0], dialect))
        return Value::null();
    return py_none();
}

SLPY_C_FN(csv_unregister_dialect)
{
    if (!check_no_kwargs(vm, "unregister_dialect", kwnames) || !check_nargs(vm, "unregister_dialect", nargs, 1, 1))
        return Value::null();
    CsvState& st = csv_state(vm);
    int r = dict_del(vm, st.dialects, args[0]);
    if (r < 0)
        return Value::null();
    if (r == 0)
        return raise(vm, st.error, "unknown dialect");
    return py_none();
}

SLPY_C_FN(csv_get_dialect)
{
    if (!check_no_kwargs(vm, "get_dialect", kwnames) || !check_nargs(vm, "get_dialect", nargs, 1, 1))
        return Value::null();
    return dialect_from_registry(vm, args[0]);
}

SLPY_C_FN(csv_list_dialects)
{
    if (!check_no_kwargs(vm, "list_dialects", kwnames) || !check_nargs(vm, "list_dialects", nargs, 0, 0))
        return Value::null();
    Dict* d = csv_state(vm).dialects;
    List* l = list_new(vm, d->used);
    if (!l)
        return Value::null();
    size_t pos = 0;
    Value k, v;
    while (dict_next(d, pos, k, v))
        if (!list_append(vm, l, k))
            return Value::null();
    return Value::from_object(l);
}

// field_size_limit(new_limit=<unchanged>) -> the old limit
SLPY_C_FN(csv_field_size_limit)
{
    Value a[1];
    if (!parse_args(vm, "field_size_limit", args, nargs, kwnames, { "new_limit" }, 0, a))
        return Value::null();
    CsvState& st = csv_state(vm);
    int64_t old = st.field_limit;
    if (!a[0].is_null()) {
        if (type_of(a[0]) != types.int_)
            return raise(vm, exc::TypeError, "limit must be an integer");
        int64_t v;
        if (!int_to_i64(int_unwrap(a[0]), v) || v < LONG_MIN || v > LONG_MAX)
            return raise(vm, exc::OverflowError, "Python int too large to convert to C long");
        st.field_limit = v;
    }
    return int_from_i64(vm, old);
}

#undef SLPY_C_FN

CsvState& setup(VM& vm)
{
    CsvState& st = csv_state(vm);
    if (st.dialect_type)
        return st;
    st.dialects = dict_new(vm);
    st.error = make_builtin_type(vm, "Error", exc::Exception, exc::Exception->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                 exc::Exception->trace, exc::Exception->finalize);
    st.dialect_type = make_builtin_type(vm, "Dialect", nullptr, sizeof(Dialect), TF_BASETYPE, dialect_trace);
    st.reader_type = make_builtin_type(vm, "reader", nullptr, sizeof(Reader), 0, reader_trace, reader_finalize);
    st.writer_type = make_builtin_type(vm, "writer", nullptr, sizeof(Writer), 0, writer_trace);
    for (TypeObject* t : { st.error, st.dialect_type, st.reader_type, st.writer_type })
        set_native_type_module(vm, t, "_csv");
    add_methods(vm, st.dialect_type, { { "__new__", dialect_new, METH_STATIC } });
    add_getsets(vm, st.dialect_type, {
        { "delimiter", dialect_delimiter }, { "doublequote", dialect_doublequote }, { "escapechar", dialect_escapechar },
        { "lineterminator", dialect_lineterminator }, { "quotechar", dialect_quotechar }, { "quoting", dialect_quoting },
        { "skipinitialspace", dialect_skipinitialspace }, { "strict", dialect_strict },
    });
    add_methods(vm, st.reader_type, { { "__iter__", reader_iter }, { "__next__", reader_next_method } });
    add_getsets(vm, st.reader_type, { { "dialect", reader_dialect }, { "line_num", reader_line_num } });
    add_methods(vm, st.writer_type, { { "writerow", writer_writerow }, { "writerows", writer_writerows } });
    add_getsets(vm, st.writer_type, { { "dialect", writer_dialect } });
    for (TypeObject* t : { st.error, st.dialect_type, st.reader_type, st.writer_type })
        finish_builtin_type(vm, t);
    return st;
}

} // namespace

Module* make_csv_module(VM& vm)
{
    CsvState& st = setup(vm);
    Module* m = module_new(vm, "_csv");
    module_add_functions(vm, m, {
        { "reader", csv_reader }, { "writer", csv_writer }, { "register_dialect", csv_register_dialect },
        { "unregister_dialect", csv_unregister_dialect }, { "get_dialect", csv_get_dialect },
        { "list_dialects", csv_list_dialects }, { "field_size_limit", csv_field_size_limit },
    });
    module_add(vm, m, "Error", Value::from_object(st.error));
    module_add(vm, m, "Dialect", Value::from_object(st.dialect_type));
    module_add(vm, m, "__version__", str_value(vm, "1.0"));
    module_add(vm, m, "__doc__", str_value(vm, "CSV parsing and writing."));
    module_add(vm, m, "_dialects", Value::from_object(st.dialects));
    module_add(vm, m, "QUOTE_MINIMAL", Value::small_int(QUOTE_MINIMAL));
    module_add(vm, m, "QUOTE_ALL", Value::small_int(QUOTE_ALL));
    module_add(vm, m, "QUOTE_NONNUMERIC", Value::small_int(QUOTE_NONNUMERIC));
    module_add(vm, m, "QUOTE_NONE", Value::small_int(QUOTE_NONE));
    return m;
}

} // namespace slpy
