// list.sort: a stable natural merge sort in the style of timsort (runs found or made by
// binary insertion up to minrun, merged under timsort's stack invariants; no galloping).
//
// As CPython, the list is emptied while it is sorted, so a key function or __lt__ that
// mutates it is detected afterwards ("list modified during sort") and cannot corrupt
// the sort. Keys, items and the merge buffers live in GC ValueArrays.
#include "objects/containers.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/string.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace slpy {

namespace {

enum class KeyKind { Generic, SmallInt, Double, ExactStr, ExactTuple };

struct Sorter {
    VM& vm;
    Value* keys;
    Value* vals; // nullptr when the items are their own keys
    Value* tmp_keys;
    Value* tmp_vals;
    KeyKind kind;

    // -1 error, 0 false, 1 true: keys a < b.
    int lt(Value a, Value b)
    {
        switch (kind) {
        case KeyKind::SmallInt: return a.as_int() < b.as_int();
        case KeyKind::Double: return a.as_double() < b.as_double();
        case KeyKind::ExactStr: return str_compare(a.as<String>(), b.as<String>()) < 0;
        case KeyKind::ExactTuple: return tuple_lt(a.as<Tuple>(), b.as<Tuple>());
        case KeyKind::Generic: break;
        }
        return rich_compare_bool(vm, a, b, CmpArg::LT);
    }

    // a < b for two tuples, as tuple's own comparison (the first items that are not equal
    // decide; then the lengths), with the int, float and str pairs compared directly.
    int tuple_lt(Tuple* a, Tuple* b)
    {
        size_t n = std::min(a->size, b->size);
        for (size_t i = 0; i < n; ++i) {
            Value p = a->items[i], q = b->items[i];
            if (p.is_int() && q.is_int()) {
                if (p.as_int() != q.as_int())
                    return p.as_int() < q.as_int();
                continue;
            }
            if (p.is_double() && q.is_double()) {
                if (p.as_double() == q.as_double())
                    continue;
                return p.as_double() < q.as_double(); // NaN: unequal, and not less
            }
            if (is_exact_str(p) && is_exact_str(q)) {
                int c = str_compare(p.as<String>(), q.as<String>());
                if (c != 0)
                    return c < 0;
                continue;
            }
            int eq = equal(vm, p, q);
            if (eq < 0)
                return -1;
            if (!eq)
                return rich_compare_bool(vm, p, q, CmpArg::LT);
        }
        return a->size < b->size;
    }

    void swap_items(size_t i, size_t j)
    {
        std::swap(keys[i], keys[j]);
        if (vals)
            std::swap(vals[i], vals[j]);
    }

    void reverse_range(size_t lo, size_t hi)
    {
        while (hi > lo + 1) {
            --hi;
            swap_items(lo, hi);
            ++lo;
        }
    }

    // Sorts [lo, hi) given [lo, start) is sorted, by binary insertion. False on error.
    bool binary_insertion(size_t lo, size_t hi, size_t start)
    {
        for (; start < hi; ++start) {
            Value pivot_key = keys[start];
            Value pivot_val = vals ? vals[start] : Value::null();
            size_t l = lo, r = start;
            while (l < r) {
                size_t mid = l + (r - l) / 2;
                int c = lt(pivot_key, keys[mid]);
                if (c < 0)
                    return false;
                if (c)
                    r = mid;
                else
                    l = mid + 1;
            }
            std::memmove(keys + l + 1, keys + l, (start - l) * sizeof(Value));
            keys[l] = pivot_key;
            if (vals) {
                std::memmove(vals + l + 1, vals + l, (start - l) * sizeof(Value));
                vals[l] = pivot_val;
            }
        }
        return true;
    }

    // Length of the run starting at lo (>= 1); a strictly descending run is reversed in
    // place. -1 on error.
    int64_t count_run(size_t lo, size_t hi)
    {
        if (lo + 1 >= hi)
            return 1;
        size_t n = lo + 1;
        int c = lt(keys[n], keys[lo]);
        if (c < 0)
            return -1;
        if (c) {
            for (++n; n < hi; ++n) {
                c = lt(keys[n], keys[n - 1]);
                if (c < 0)
                    return -1;
                if (!c)
                    break;
            }
            reverse_range(lo, n);
        } else {
            for (++n; n < hi; ++n) {
                c = lt(keys[n], keys[n - 1]);
                if (c < 0)
                    return -1;
                if (c)
                    break;
            }
        }
        return static_cast<int64_t>(n - lo);
    }

    // Merges the sorted runs [a, a+na) and [a+na, a+na+nb). False on error (the items
    // are then still a permutation of the originals).
    bool merge(size_t a, size_t na, size_t nb)
    {
        std::memcpy(tmp_keys, keys + a, na * sizeof(Value));
        if (vals)
            std::memcpy(tmp_vals, vals + a, na * sizeof(Value));
        size_t i = 0;      // in tmp (left run)
        size_t j = a + na; // in the right run
        size_t end = a + na + nb;
        size_t out = a;
        bool ok = true;
        while (i < na && j < end) {
            int c = lt(keys[j], tmp_keys[i]);
            if (c < 0) {
                ok = false;
                break;
            }
            if (c) {
                keys[out] = keys[j];
                if (vals)
                    vals[out] = vals[j];
                ++j;
            } else {
                keys[out] = tmp_keys[i];
                if (vals)
                    vals[out] = tmp_vals[i];
                ++i;
            }
            ++out;
        }
        // The rest of the left run (the right run's rest is already in place).
        for (; i < na; ++i, ++out) {
            keys[out] = tmp_keys[i];
            if (vals)
                vals[out] = tmp_vals[i];
        }
        return ok;
    }

    bool sort(size_t n)
    {
        if (n < 2)
            return true;
        size_t r = 0, m = n;
        while (m >= 64) {
            r |= m & 1;
            m >>= 1;
        }
        size_t minrun = m + r;

        struct Run {
            size_t start;
            size_t len;
        };
        std::vector<Run> stack;
        auto merge_at = [&](size_t i) {
            Run& x = stack[i];
            Run& y = stack[i + 1];
            bool ok = merge(x.start, x.len, y.len);
            x.len += y.len;
            stack.erase(stack.begin() + static_cast<ptrdiff_t>(i) + 1);
            return ok;
        };

        size_t lo = 0;
        while (lo < n) {
            int64_t run = count_run(lo, n);
            if (run < 0)
                return false;
            size_t len = static_cast<size_t>(run);
            if (len < minrun) {
                size_t force = std::min(minrun, n - lo);
                if (!binary_insertion(lo, lo + force, lo + len))
                    return false;
                len = force;
            }
            stack.push_back({ lo, len });
            lo += len;
            // Timsort's invariants on the run lengths.
            while (stack.size() > 1) {
                size_t k = stack.size() - 2;
                if ((k > 0 && stack[k - 1].len <= stack[k].len + stack[k + 1].len)
                    || (k > 1 && stack[k - 2].len <= stack[k - 1].len + stack[k].len)) {
                    if (stack[k - 1].len < stack[k + 1].len)
                        --k;
                    if (!merge_at(k))
                        return false;
                } else if (stack[k].len <= stack[k + 1].len) {
                    if (!merge_at(k))
                        return false;
                } else {
                    break;
                }
            }
        }
        while (stack.size() > 1) {
            size_t k = stack.size() - 2;
            if (k > 0 && stack[k - 1].len < stack[k + 1].len)
                --k;
            if (!merge_at(k))
                return false;
        }
        return true;
    }
};

KeyKind classify(Value const* keys, size_t n)
{
    if (n == 0)
        return KeyKind::Generic;
    if (keys[0].is_int()) {
        for (size_t i = 1; i < n; ++i)
            if (!keys[i].is_int())
                return KeyKind::Generic;
        return KeyKind::SmallInt;
    }
    if (keys[0].is_double()) {
        for (size_t i = 1; i < n; ++i)
            if (!keys[i].is_double())
                return KeyKind::Generic;
        return KeyKind::Double;
    }
    if (is_exact_str(keys[0])) {
        for (size_t i = 1; i < n; ++i)
            if (!is_exact_str(keys[i]))
                return KeyKind::Generic;
        return KeyKind::ExactStr;
    }
    if (type_of(keys[0]) == types.tuple) {
        for (size_t i = 1; i < n; ++i)
            if (type_of(keys[i]) != types.tuple)
                return KeyKind::Generic;
        return KeyKind::ExactTuple;
    }
    return KeyKind::Generic;
}

void reverse_values(Value* v, size_t n)
{
    if (v)
        std::reverse(v, v + n);
}

} // namespace

bool list_sort(VM& vm, List* list, Value key, bool reverse)
{
    if (!key.is_null() && is_none(key))
        key = Value::null();
    // Take the items out of the list while sorting.
    ValueArray* saved = list->array;
    size_t n = list->size;
    list->array = nullptr;
    list->size = 0;

    Value* items = saved ? saved->items : nullptr;
    ValueArray* key_array = nullptr;
    bool ok = true;
    if (!key.is_null() && n > 0) {
        key_array = value_array_new(vm, n);
        ok = key_array != nullptr;
        for (size_t i = 0; ok && i < n; ++i) {
            Value k = call1(vm, key, items[i]);
            if (k.is_null()) {
                ok = false;
                break;
            }
            key_array->items[i] = k;
        }
    }

    if (ok && n > 1) {
        Value* keys = key_array ? key_array->items : items;
        Value* vals = key_array ? items : nullptr;
        ValueArray* tmp_keys = value_array_new(vm, n);
        ValueArray* tmp_vals = vals && tmp_keys ? value_array_new(vm, n) : nullptr;
        if (!tmp_keys || (vals && !tmp_vals)) {
            // Out of memory for the merge buffers: the list is restored unsorted below.
            ok = false;
        } else {
            Sorter sorter { vm, keys, vals, tmp_keys->items, tmp_vals ? tmp_vals->items : nullptr, classify(keys, n) };
            // Reversing before and after keeps equal items in their original order.
            if (reverse) {
                reverse_values(keys, n);
                reverse_values(vals, n);
            }
            ok = sorter.sort(n);
            if (reverse) {
                reverse_values(keys, n);
                reverse_values(vals, n);
            }
        }
    }

    bool modified = list->array != nullptr || list->size != 0;
    if (modified) {
        // Whatever was put into the list meanwhile is dropped, as in CPython.
        ValueArray* junk = list->array;
        if (junk)
            for (size_t i = 0; i < junk->capacity; ++i)
                junk->items[i] = Value::null();
    }
    list->array = saved;
    list->size = n;
    if (ok && modified) {
        (void)raise(vm, exc::ValueError, "list modified during sort");
        return false;
    }
    return ok;
}

} // namespace slpy
