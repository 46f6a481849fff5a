// Argument-count checks for the methods of str, bytes and bytearray, with the exact
// messages CPython 3.11 gives. CPython's methods come in a few calling conventions, and
// each words its errors differently:
//   METH_NOARGS          "str.lower() takes no arguments (1 given)"
//   METH_O               "str.join() takes exactly one argument (0 given)"
//   positional-only      "center expected at least 1 argument, got 0"
//   find/count/...       "find() takes at least 1 argument (0 given)"
//   slot wrappers        "expected 1 argument, got 0", "wrapper __add__() takes no keyword arguments"
// Keyword arguments are refused as "str.center() takes no keyword arguments". (CPython
// words it "find() takes no keyword arguments" for the find family when the method is
// first bound and then called; slpy gives the message of the usual s.find(x=1) call.)
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str_internal.h"

namespace slpy {

char const* owner_name(Value self)
{
    if (as_str(self))
        return "str";
    if (as_bytearray(self))
        return "bytearray";
    return "bytes";
}

bool method_nargs(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames, size_t min, size_t max)
{
    if (kwnames && kwnames->size) {
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes no keyword arguments", owner, name);
        return false;
    }
    if (nargs >= min && nargs <= max)
        return true;
    if (max == 0)
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes no arguments (%zu given)", owner, name, nargs);
    else if (min == 1 && max == 1)
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes exactly one argument (%zu given)", owner, name, nargs);
    else if (min == max)
        (void)raise_fmt(vm, exc::TypeError, "%s expected %zu argument%s, got %zu", name, min, min == 1 ? "" : "s", nargs);
    else if (nargs < min)
        (void)raise_fmt(vm, exc::TypeError, "%s expected at least %zu argument%s, got %zu", name, min, min == 1 ? "" : "s", nargs);
    else
        (void)raise_fmt(vm, exc::TypeError, "%s expected at most %zu argument%s, got %zu", name, max, max == 1 ? "" : "s", nargs);
    return false;
}

bool find_nargs(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames)
{
    if (kwnames && kwnames->size) {
        (void)raise_fmt(vm, exc::TypeError, "%s.%s() takes no keyword arguments", owner, name);
        return false;
    }
    if (nargs < 1)
        (void)raise_fmt(vm, exc::TypeError, "%s() takes at least 1 argument (%zu given)", name, nargs);
    else if (nargs > 3)
        (void)raise_fmt(vm, exc::TypeError, "%s() takes at most 3 arguments (%zu given)", name, nargs);
    else
        return true;
    return false;
}

bool wrapper_nargs(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t expected, bool repeat)
{
    if (kwnames && kwnames->size) {
        (void)raise_fmt(vm, exc::TypeError, "wrapper %s() takes no keyword arguments", name);
        return false;
    }
    if (nargs == expected)
        return true;
    // CPython's sequence-repeat wrapper (__mul__, __rmul__, __imul__) words it with a
    // leading space.
    (void)raise_fmt(vm, exc::TypeError, "%sexpected %zu argument%s, got %zu", repeat ? " " : "", expected,
                    expected == 1 ? "" : "s", nargs);
    return false;
}

TypeObject* new_cls_arg(VM& vm, TypeObject* base, Value const* args, size_t nargs)
{
    char const* name = base->name->c_str();
    if (nargs == 0) {
        (void)raise_fmt(vm, exc::TypeError, "%s.__new__(): not enough arguments", name);
        return nullptr;
    }
    if (!args[0].is_object() || !is_subtype(type_of(args[0]), types.type)) {
        (void)raise_fmt(vm, exc::TypeError, "%s.__new__(X): X is not a type object (%s)", name, type_name(args[0]));
        return nullptr;
    }
    auto* cls = static_cast<TypeObject*>(args[0].as_object());
    if (!is_subtype(cls, base)) {
        (void)raise_fmt(vm, exc::TypeError, "%s.__new__(%s): %s is not a subtype of %s", name, cls->name->c_str(),
                        cls->name->c_str(), name);
        return nullptr;
    }
    return cls;
}

namespace {

// index_i64 with its OverflowError reworded.
bool index_with_overflow_message(VM& vm, Value v, int64_t& out, char const* message)
{
    if (index_i64(vm, v, out))
        return true;
    if (vm.error_matches(exc::OverflowError)) {
        vm.clear_error();
        (void)raise(vm, exc::OverflowError, message);
    }
    return false;
}

} // namespace

bool check_alloc_size(VM& vm, uint64_t count, uint64_t unit)
{
    if (count > kMaxStringBytes / (unit ? unit : 1)) {
        (void)raise_no_memory(vm);
        return false;
    }
    return vm.heap.reserve_external(static_cast<size_t>(count * unit));
}

bool is_number_like(Value v)
{
    if (is_int(v) || is_float(v))
        return true;
    TypeObject* t = type_of(v);
    return t && (t == types.complex || is_subtype(t, types.complex) || !t->slot(Slot::INDEX).is_null() ||
                 !t->slot(Slot::INT).is_null() || !t->slot(Slot::FLOAT).is_null());
}

bool index_ssize(VM& vm, Value v, int64_t& out)
{
    return index_with_overflow_message(vm, v, out, "cannot fit 'int' into an index-sized integer");
}

bool index_c_int(VM& vm, Value v, int64_t& out)
{
    if (!index_with_overflow_message(vm, v, out, "Python int too large to convert to C int"))
        return false;
    if (out < INT32_MIN || out > INT32_MAX) {
        (void)raise(vm, exc::OverflowError, "Python int too large to convert to C int");
        return false;
    }
    return true;
}

bool c_int_flag(VM& vm, Value v, bool& out)
{
    int64_t n;
    if (!index_c_int(vm, v, n))
        return false;
    out = n != 0;
    return true;
}

} // namespace slpy
