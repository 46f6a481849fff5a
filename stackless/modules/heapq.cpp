// The _heapq module: the heap operations over a list (heappush, heappop, heapify,
// heapreplace, heappushpop) and the max-heap helpers heapq.py uses for nlargest/merge,
// as CPython 3.11's _heapqmodule.c. Every comparison may run Python code that changes
// the list: sizes are checked after each one ("list changed size during iteration")
// and items re-read, so nothing indexes past the list.
#include "stackless/modules/data_modules.h"

#include "objects/containers.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"

namespace slpy {

namespace {

Value* items_of(List* l) { return l->items(); }

bool changed_size(VM& vm)
{
    raise(vm, exc::RuntimeError, "list changed size during iteration");
    return false;
}

// Less-than for the min-heap (a < b) or the max-heap (b < a). -1 on error.
template<bool Max>
int heap_less(VM& vm, Value a, Value b)
{
    return Max ? rich_compare_bool(vm, b, a, CmpArg::LT) : rich_compare_bool(vm, a, b, CmpArg::LT);
}

// Moves the item at pos up towards startpos while it is smaller than its parent.
template<bool Max>
bool siftdown(VM& vm, List* heap, size_t startpos, size_t pos)
{
    size_t size = heap->size;
    if (pos >= size) {
        raise(vm, exc::IndexError, "list changed size during iteration");
        return false;
    }
    while (pos > startpos) {
        size_t parentpos = (pos - 1) >> 1;
        int cmp = heap_less<Max>(vm, items_of(heap)[pos], items_of(heap)[parentpos]);
        if (cmp < 0)
            return false;
        if (size != heap->size)
            return changed_size(vm);
        if (cmp == 0)
            break;
        Value* arr = items_of(heap);
        std::swap(arr[parentpos], arr[pos]);
        pos = parentpos;
    }
    return true;
}

// Moves the smaller child up from pos to a leaf, then sifts the item back down.
template<bool Max>
bool siftup(VM& vm, List* heap, size_t pos)
{
    size_t endpos = heap->size;
    size_t startpos = pos;
    if (pos >= endpos) {
        raise(vm, exc::IndexError, "index out of range");
        return false;
    }
    size_t limit = endpos >> 1;
    while (pos < limit) {
        size_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos) {
            int cmp = heap_less<Max>(vm, items_of(heap)[childpos], items_of(heap)[childpos + 1]);
            if (cmp < 0)
                return false;
            childpos += size_t(cmp ^ 1);
            if (endpos != heap->size)
                return changed_size(vm);
        }
        Value* arr = items_of(heap);
        std::swap(arr[childpos], arr[pos]);
        pos = childpos;
    }
    return siftdown<Max>(vm, heap, startpos, pos);
}

List* heap_arg(VM& vm, Value v, char const* fname, bool argument_one)
{
    List* l = as_list(v);
    if (!l)
        raise_fmt(vm, exc::TypeError, "%s() argument%s must be list, not %s", fname, argument_one ? " 1" : "", type_name(v));
    return l;
}

Value heappush(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_heapq.heappush", kwnames) || !unpack_args(vm, "heappush", nargs, 2, 2))
        return Value::null();
    List* heap = heap_arg(vm, args[0], "heappush", true);
    if (!heap || !list_append(vm, heap, args[1]) || !siftdown<false>(vm, heap, 0, heap->size - 1))
        return Value::null();
    return py_none();
}

template<bool Max>
Value heappop_impl(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, char const* qual)
{
    if (!check_no_kwargs(vm, qual, kwnames) || !check_nargs(vm, qual, nargs, 1, 1))
        return Value::null();
    List* heap = heap_arg(vm, args[0], name, false);
    if (!heap)
        return Value::null();
    size_t n = heap->size;
    if (n == 0)
        return raise(vm, exc::IndexError, "index out of range");
    Value last = items_of(heap)[n - 1];
    items_of(heap)[n - 1] = Value::null();
    heap->size = --n;
    if (n == 0)
        return last;
    Value top = items_of(heap)[0];
    items_of(heap)[0] = last;
    if (!siftup<Max>(vm, heap, 0))
        return Value::null();
    return top;
}

Value heappop(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return heappop_impl<false>(vm, args, nargs, kwnames, "heappop", "_heapq.heappop");
}

Value heappop_max(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return heappop_impl<true>(vm, args, nargs, kwnames, "_heappop_max", "_heapq._heappop_max");
}

template<bool Max>
Value heapreplace_impl(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, char const* qual)
{
    if (!check_no_kwargs(vm, qual, kwnames) || !unpack_args(vm, name, nargs, 2, 2))
        return Value::null();
    List* heap = heap_arg(vm, args[0], name, true);
    if (!heap)
        return Value::null();
    if (heap->size == 0)
        return raise(vm, exc::IndexError, "index out of range");
    Value top = items_of(heap)[0];
    items_of(heap)[0] = args[1];
    if (!siftup<Max>(vm, heap, 0))
        return Value::null();
    return top;
}

Value heapreplace(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return heapreplace_impl<false>(vm, args, nargs, kwnames, "heapreplace", "_heapq.heapreplace");
}

Value heapreplace_max(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return heapreplace_impl<true>(vm, args, nargs, kwnames, "_heapreplace_max", "_heapq._heapreplace_max");
}

Value heappushpop(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_no_kwargs(vm, "_heapq.heappushpop", kwnames) || !unpack_args(vm, "heappushpop", nargs, 2, 2))
        return Value::null();
    List* heap = heap_arg(vm, args[0], "heappushpop", true);
    if (!heap)
        return Value::null();
    if (heap->size == 0)
        return args[1];
    int cmp = rich_compare_bool(vm, items_of(heap)[0], args[1], CmpArg::LT);
    if (cmp < 0)
        return Value::null();
    if (cmp == 0)
        return args[1];
    if (heap->size == 0)
        return raise(vm, exc::IndexError, "index out of range");
    Value top = items_of(heap)[0];
    items_of(heap)[0] = args[1];
    if (!siftup<false>(vm, heap, 0))
        return Value::null();
    return top;
}

template<bool Max>
Value heapify_impl(VM& vm, Value const* args, size_t nargs, Tuple* kwnames, char const* name, char const* qual)
{
    if (!check_no_kwargs(vm, qual, kwnames) || !check_nargs(vm, qual, nargs, 1, 1))
        return Value::null();
    List* heap = heap_arg(vm, args[0], name, false);
    if (!heap)
        return Value::null();
    // Sifting each subtree after its children's gives the same heap as CPython's
    // cache-friendly order for big lists.
    for (size_t i = heap->size >> 1; i-- > 0;) {
        if (!siftup<Max>(vm, heap, i))
            return Value::null();
    }
    return py_none();
}

Value heapify(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return heapify_impl<false>(vm, args, nargs, kwnames, "heapify", "_heapq.heapify");
}

Value heapify_max(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    return heapify_impl<true>(vm, args, nargs, kwnames, "_heapify_max", "_heapq._heapify_max");
}

} // namespace

Module* make_heapq_module(VM& vm)
{
    Module* m = module_new(vm, "_heapq");
    module_add_functions(vm, m, {
        { "heappush", heappush },
        { "heappop", heappop },
        { "heapify", heapify },
        { "heapreplace", heapreplace },
        { "heappushpop", heappushpop },
        { "_heappop_max", heappop_max },
        { "_heapify_max", heapify_max },
        { "_heapreplace_max", heapreplace_max },
    });
    return m;
}

} // namespace slpy
