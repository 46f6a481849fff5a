// builtins: the functions that consume or make iterators: iter, next, aiter, anext,
// all, any, sorted, max, min and sum.
#include "stackless/vm/coroutine.h"
#include "stackless/builtins/builtins.h"
#include "stackless/vm/interpreter.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/reduce.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstring>

namespace slpy {

namespace {

// Looks up the keyword arguments of a builtin that takes only keywords from `allowed`.
// out[i] is null when not given. Error: "'foo' is an invalid keyword argument for NAME()".
bool keyword_args(VM& vm, char const* fname, Value const* args, size_t nargs, Tuple* kwnames,
                  std::initializer_list<char const*> allowed, Value* out)
{
    for (size_t i = 0; i < allowed.size(); ++i)
        out[i] = Value::null();
    if (!kwnames)
        return true;
    // As CPython's keyword-only parsers: the count is checked before the names.
    if (kwnames->size > allowed.size()) {
        raise_fmt(vm, exc::TypeError, "%s() takes at most %zu keyword argument%s (%zu given)", fname, allowed.size(),
                  allowed.size() == 1 ? "" : "s", kwnames->size);
        return false;
    }
    for (size_t k = 0; k < kwnames->size; ++k) {
        String* key = as_str(kwnames->items[k]);
        size_t idx = allowed.size();
        for (size_t i = 0; i < allowed.size(); ++i)
            if (key && std::strcmp(key->c_str(), allowed.begin()[i]) == 0)
                idx = i;
        if (idx == allowed.size()) {
            raise_fmt(vm, exc::TypeError, "'%s' is an invalid keyword argument for %s()", key ? key->c_str() : "?", fname);
            return false;
        }
        out[idx] = args[nargs + k];
    }
    return true;
}

// a > b (max) or a < b (min), with the common inline-number cases done without calls.
// -1 on error.
int better(VM& vm, Value a, Value b, bool is_max)
{
    if (a.is_int() && b.is_int())
        return is_max ? a.as_int() > b.as_int() : a.as_int() < b.as_int();
    if (a.is_double() && b.is_double())
        return is_max ? a.as_double() > b.as_double() : a.as_double() < b.as_double();
    return rich_compare_bool(vm, a, b, is_max ? CmpArg::GT : CmpArg::LT);
}

} // namespace

bool min_max_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool is_max, MinMaxArgs& out)
{
    char const* name = is_max ? "max" : "min";
    Value kw[2]; // key, default
    if (!keyword_args(vm, name, args, nargs, kwnames, { "key", "default" }, kw))
        return false;
    if (nargs == 0) {
        raise_fmt(vm, exc::TypeError, "%s expected at least 1 argument, got 0", name);
        return false;
    }
    if (nargs > 1 && !kw[1].is_null()) {
        raise_fmt(vm, exc::TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
        return false;
    }
    out.key = kw[0].is_null() || is_none(kw[0]) ? Value::null() : kw[0];
    out.dflt = kw[1];
    return true;
}

namespace {

// max()/min(): CPython's min_max.
Value min_max(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, bool is_max)
{
    char const* name = is_max ? "max" : "min";
    MinMaxArgs a;
    if (!min_max_args(vm, args, nargs, kwnames, is_max, a))
        return Value::null();
    Value key = a.key;
    Value kw[2] = { a.key, a.dflt };
    Value iterable = TRY(nargs == 1 ? args[0] : Value::from_object(tuple_from_array(vm, args, nargs)));
    Value it = TRY(get_iter(vm, iterable));
    Value best_item = Value::null();
    Value best_key = Value::null();
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            break;
        Value k = item;
        if (!key.is_null())
            k = TRY(call1(vm, key, item));
        if (best_item.is_null()) {
            best_item = item;
            best_key = k;
            continue;
        }
        int r = better(vm, k, best_key, is_max);
        if (r < 0)
            return Value::null();
        if (r) {
            best_item = item;
            best_key = k;
        }
    }
    if (best_item.is_null()) {
        if (!kw[1].is_null())
            return kw[1];
        return raise_fmt(vm, exc::ValueError, "%s() arg is an empty sequence", name);
    }
    return best_item;
}

// The value of an exact int or bool that fits in int64 (sum()'s fast path).
bool small_int_item(Value v, int64_t& out)
{
    if (v.is_int()) {
        out = v.as_int();
        return true;
    }
    if (!v.is_object())
        return false;
    TypeObject* t = v.as_object()->type;
    if (t == types.bool_) {
        out = v.as<BoolObject>()->value;
        return true;
    }
    if (t == types.int_)
        return int_to_i64(v, out);
    return false;
}

} // namespace

// iter(object) / iter(callable, sentinel)
Value builtin_iter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "iter", kwnames) || !check_nargs(vm, "iter", nargs, 1, 2))
        return Value::null();
    if (nargs == 1)
        return get_iter(vm, args[0]);
    if (!is_callable(args[0]))
        return raise(vm, exc::TypeError, "iter(v, w): v must be callable");
    return callable_iter_new(vm, args[0], args[1]);
}

// next(iterator[, default])
Value builtin_next(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "next", kwnames) || !check_nargs(vm, "next", nargs, 1, 2))
        return Value::null();
    Value it = args[0];
    TypeObject* t = type_of(it);
    if (nargs == 2) {
        if (!t->iternext && t->slot(Slot::NEXT).is_null())
            return raise_fmt(vm, exc::TypeError, "'%s' object is not an iterator", t->name->c_str());
        Value r = TRY(iter_next(vm, it));
        return r.is_stop_iteration() ? args[1] : r;
    }
    // Without a default the iterator's own StopIteration propagates, with its value
    // (a generator's return value), so only the built-in iterators use the fast path.
    if (t->iternext && t != types.generator) {
        Value r = TRY(t->iternext(vm, it));
        if (r.is_stop_iteration())
            return raise_stop_iteration(vm);
        return r;
    }
    Value r = call_slot(vm, it, Slot::NEXT, nullptr, 0);
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "'%s' object is not an iterator", t->name->c_str());
    return r;
}

// aiter(async_iterable): type(x).__aiter__(x). (slpy has no async code yet; these exist
// so the builtins namespace is complete and objects with the methods work.)
Value builtin_aiter(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "aiter", kwnames) || !check_nargs(vm, "aiter", nargs, 1, 1))
        return Value::null();
    Value r = TRY(call_special0(vm, args[0], names.__aiter__));
    if (r.is_not_found())
        return raise_fmt(vm, exc::TypeError, "'%s' object is not an async iterable", type_name(args[0]));
    return r;
}

Value builtin_anext(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "anext", kwnames) || !check_nargs(vm, "anext", nargs, 1, 2))
        return Value::null();
    String* name = names.__anext__;
    if (type_lookup(type_of(args[0]), name).is_not_found())
        return raise_fmt(vm, exc::TypeError, "'%s' object is not an async iterator", type_name(args[0]));
    if (nargs == 2)
        return anext_awaitable_new(vm, args[0], args[1]);
    return call_special0(vm, args[0], name);
}

Value builtin_all(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "all", kwnames) || !check_nargs(vm, "all", nargs, 1, 1))
        return Value::null();
    Value it = TRY(get_iter(vm, args[0]));
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return py_true();
        int t = truthy(vm, item);
        if (t < 0)
            return Value::null();
        if (!t)
            return py_false();
    }
}

Value builtin_any(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "any", kwnames) || !check_nargs(vm, "any", nargs, 1, 1))
        return Value::null();
    Value it = TRY(get_iter(vm, args[0]));
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return py_false();
        int t = truthy(vm, item);
        if (t < 0)
            return Value::null();
        if (t)
            return py_true();
    }
}

bool sorted_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, Value& key, bool& reverse)
{
    if (nargs != 1) {
        raise_fmt(vm, exc::TypeError, "sorted expected 1 argument, got %zu", nargs);
        return false;
    }
    Value kw[2]; // key, reverse
    // The keywords go to list.sort, so its name is in the messages.
    if (kwnames && kwnames->size > 2) {
        raise_fmt(vm, exc::TypeError, "sort() takes at most 2 keyword arguments (%zu given)", kwnames->size);
        return false;
    }
    if (!keyword_args(vm, "sort", args, nargs, kwnames, { "key", "reverse" }, kw))
        return false;
    reverse = false;
    if (!kw[1].is_null()) {
        if (!is_int(kw[1])) {
            raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(kw[1]));
            return false;
        }
        reverse = int_sign(int_unwrap(kw[1])) != 0;
    }
    key = kw[0];
    return true;
}

// sorted(iterable, /, *, key=None, reverse=False): list(iterable).sort(key=, reverse=).
Value builtin_sorted(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value key;
    bool reverse;
    if (!sorted_args(vm, args, nargs, kwnames, key, reverse))
        return Value::null();
    List* l = list_from_iterable(vm, args[0]);
    if (!l || !list_sort(vm, l, key, reverse))
        return Value::null();
    return Value::from_object(l);
}

Value builtin_max(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return min_max(vm, args, nargs, kwnames, true);
}

Value builtin_min(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return min_max(vm, args, nargs, kwnames, false);
}

// sum(iterable, /, start=0), with CPython 3.11's fast paths: exact ints are added in a
// machine word until one overflows, floats in a double (plain addition, as 3.11 does;
// 3.12 switched to compensated summation).
bool sum_args(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, Value out[2])
{
    if (nargs == 0) {
        raise(vm, exc::TypeError, "sum() takes at least 1 positional argument (0 given)");
        return false;
    }
    if (!parse_args(vm, "sum", args, nargs, kwnames, { "iterable", "start" }, 1, out, 1))
        return false;
    Value result = out[1];
    if (result.is_null()) {
        out[1] = Value::small_int(0);
        return true;
    }
    if (is_str(result))
        raise(vm, exc::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    else if (as_bytes(result))
        raise(vm, exc::TypeError, "sum() can't sum bytes [use b''.join(seq) instead]");
    else if (as_bytearray(result))
        raise(vm, exc::TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]");
    else
        return true;
    return false;
}

Value builtin_sum(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value out[2];
    if (!sum_args(vm, args, nargs, kwnames, out))
        return Value::null();
    Value result = out[1];
    Value it = TRY(get_iter(vm, out[0]));

    int64_t acc;
    if ((result.is_int() || (result.is_object() && result.as_object()->type == types.int_)) && int_to_i64(result, acc)) {
        for (;;) {
            Value item = TRY(iter_next(vm, it));
            if (item.is_stop_iteration())
                return int_from_i64(vm, acc);
            int64_t b, sum;
            // __builtin_add_overflow stores the wrapped sum on overflow: keep acc intact.
            if (small_int_item(item, b) && !__builtin_add_overflow(acc, b, &sum)) {
                acc = sum;
                continue;
            }
            result = TRY(binary_op(vm, int_from_i64(vm, acc), item, BinOpArg::ADD));
            break;
        }
    }
    if (result.is_double()) {
        double f = result.as_double();
        for (;;) {
            Value item = TRY(iter_next(vm, it));
            if (item.is_stop_iteration())
                return Value::from_double(f);
            if (item.is_double()) {
                f += item.as_double();
                continue;
            }
            int64_t b;
            if (is_int(item) && int_to_i64(int_unwrap(item), b)) {
                f += double(b);
                continue;
            }
            result = TRY(binary_op(vm, Value::from_double(f), item, BinOpArg::ADD));
            break;
        }
    }
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return result;
        result = TRY(binary_op(vm, result, item, BinOpArg::ADD));
    }
}

// objects/ cannot import: pickling reaches copyreg and builtins through this hook. Set by
// the shared runtime's own VM, before any other VM exists, and never changed afterwards.
static Value reduce_import(VM& vm, String* name) { return interp(vm).import_module(name); }

void install_reduce_import(VM& vm)
{
    if (vm.builds_shared_runtime)
        g_reduce_import = reduce_import;
}

} // namespace slpy
