// The _bisect module: bisect_left/bisect_right and insort_left/insort_right over any
// sequence, with key= (CPython 3.10+), as CPython 3.11's _bisectmodule.c. Comparisons
// and key functions run Python code that may change the sequence: every probe reads
// the item afresh through the sequence protocol (IndexError if it shrank).
#include "stackless/modules/data_modules.h"

#include "objects/containers.h"
#include "objects/iterators.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"

namespace slpy {

namespace {

struct BisectArgs {
    Value a, x, key; // key: null when None
    int64_t lo = 0;
    int64_t hi = -1; // -1: len(a)
};

bool parse_bisect(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, BisectArgs& out)
{
    if (nargs > 4) {
        raise_fmt(vm, exc::TypeError, "%s() takes at most 4 positional arguments (%zu given)", name, nargs);
        return false;
    }
    Value v[5];
    if (!parse_args(vm, name, args, nargs, kwnames, { "a", "x", "lo", "hi", "key" }, 2, v))
        return false;
    out.a = v[0];
    out.x = v[1];
    if (!v[2].is_null() && !index_i64(vm, v[2], out.lo))
        return false;
    if (!v[3].is_null() && !is_none(v[3])) {
        if (type_of(v[3])->slot(Slot::INDEX).is_null()) {
            raise_fmt(vm, exc::TypeError, "argument should be integer or None, not '%s'", type_name(v[3]));
            return false;
        }
        if (!index_i64(vm, v[3], out.hi))
            return false;
    }
    out.key = (v[4].is_null() || is_none(v[4])) ? Value::null() : v[4];
    return true;
}

// internal_bisect_right / internal_bisect_left: the insertion index, -1 on error.
int64_t bisect_index(VM& vm, Value a, Value item, int64_t lo, int64_t hi, Value key, bool right)
{
    if (lo < 0) {
        raise(vm, exc::ValueError, "lo must be non-negative");
        return -1;
    }
    if (hi == -1 && !length(vm, a, hi))
        return -1;
    while (lo < hi) {
        int64_t mid = int64_t((uint64_t(lo) + uint64_t(hi)) / 2);
        Value litem;
        List* l = type_of(a) == types.list ? a.as<List>() : nullptr;
        if (l && size_t(mid) < l->size)
            litem = l->items()[mid];
        else {
            Value index = int_from_i64(vm, mid); // beyond the small-int range for large ranges
            if (index.is_null() || (litem = getitem(vm, a, index)).is_null())
                return -1;
        }
        if (!key.is_null() && (litem = call1(vm, key, litem)).is_null())
            return -1;
        int res = right ? rich_compare_bool(vm, item, litem, CmpArg::LT) : rich_compare_bool(vm, litem, item, CmpArg::LT);
        if (res < 0)
            return -1;
        if (right == (res != 0))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

template<bool Right>
Value bisect_fn(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    BisectArgs b;
    if (!parse_bisect(vm, Right ? "bisect_right" : "bisect_left", args, nargs, kwnames, b))
        return Value::null();
    int64_t i = bisect_index(vm, b.a, b.x, b.lo, b.hi, b.key, Right);
    if (i < 0)
        return Value::null();
    return int_from_i64(vm, i);
}

template<bool Right>
Value insort_fn(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    BisectArgs b;
    if (!parse_bisect(vm, Right ? "insort_right" : "insort_left", args, nargs, kwnames, b))
        return Value::null();
    Value probe = b.x;
    if (!b.key.is_null())
        probe = TRY(call1(vm, b.key, b.x));
    int64_t i = bisect_index(vm, b.a, probe, b.lo, b.hi, b.key, Right);
    if (i < 0)
        return Value::null();
    Value call_args[2] = { TRY(int_from_i64(vm, i)), b.x };
    TRY(call_method(vm, b.a, names.insert, call_args, 2));
    return py_none();
}

} // namespace

Module* make_bisect_module(VM& vm)
{
    Module* m = module_new(vm, "_bisect");
    module_add_functions(vm, m, {
        { "bisect_right", bisect_fn<true> },
        { "bisect_left", bisect_fn<false> },
        { "insort_right", insort_fn<true> },
        { "insort_left", insort_fn<false> },
    });
    return m;
}

} // namespace slpy
