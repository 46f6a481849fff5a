// "Did you mean" suggestions (CPython 3.11's Python/suggestions.c).
//
// The traceback printer asks for a suggestion only when it prints an exact NameError
// or AttributeError; the candidates, the cost model and the cut-offs are CPython's, so
// the same misspelling gets the same suggestion (or none) in both.
#include "stackless/vm/suggestions.h"

#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/vm/frame.h"

#include <algorithm>
#include <cstdint>

namespace slpy {

namespace {

// CPython's limits: long candidate lists and long names are not worth the time.
constexpr size_t kMaxCandidateItems = 750;
constexpr size_t kMaxStringSize = 40;
constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;

// Substituting one byte for another: free when equal, CASE_COST when they differ only
// in ASCII case, MOVE_COST otherwise.
size_t substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31))
        return kMoveCost;
    if (a == b)
        return 0;
    if ('A' <= a && a <= 'Z')
        a = char(a + ('a' - 'A'));
    if ('A' <= b && b <= 'Z')
        b = char(b + ('a' - 'A'));
    return a == b ? kCaseCost : kMoveCost;
}

} // namespace

size_t suggestion_distance(std::string_view as, std::string_view bs, size_t max_cost)
{
    char const* a = as.data();
    size_t a_size = as.size();
    char const* b = bs.data();
    size_t b_size = bs.size();
    // Trim away common affixes.
    while (a_size && b_size && a[0] == b[0]) {
        ++a, --a_size;
        ++b, --b_size;
    }
    while (a_size && b_size && a[a_size - 1] == b[b_size - 1]) {
        --a_size;
        --b_size;
    }
    if (a_size == 0 || b_size == 0)
        return (a_size + b_size) * kMoveCost;
    if (a_size > kMaxStringSize || b_size > kMaxStringSize)
        return max_cost + 1;
    // Prefer the shorter row.
    if (b_size < a_size) {
        std::swap(a, b);
        std::swap(a_size, b_size);
    }
    // Quick fail when a match is impossible.
    if ((b_size - a_size) * kMoveCost > max_cost)
        return max_cost + 1;

    // One row of the len(a)-by-len(b) matrix, updated in place.
    size_t buffer[kMaxStringSize];
    size_t tmp = kMoveCost;
    for (size_t i = 0; i < a_size; ++i) {
        buffer[i] = tmp; // cost from b[:0] to a[:i+1]
        tmp += kMoveCost;
    }
    size_t result = 0;
    for (size_t b_index = 0; b_index < b_size; ++b_index) {
        char code = b[b_index];
        size_t distance = result = b_index * kMoveCost; // cost(b[:b_index], a[:0])
        size_t minimum = SIZE_MAX;
        for (size_t index = 0; index < a_size; ++index) {
            // 1) substitute, 2) delete from b, 3) delete from a.
            size_t substitute = distance + substitution_cost(code, a[index]);
            distance = buffer[index];
            size_t insert_delete = std::min(result, distance) + kMoveCost;
            result = std::min(insert_delete, substitute);
            buffer[index] = result;
            minimum = std::min(minimum, result);
        }
        if (minimum > max_cost)
            return max_cost + 1; // everything in this row is too expensive
    }
    return result;
}

namespace {

// The closest candidate to `name` in `dir` (a list), or nullptr. As CPython, a list of
// 750 or more candidates gives nothing, and so does a non-str candidate.
String* calculate_suggestions(List* dir, String* name)
{
    if (dir->size >= kMaxCandidateItems)
        return nullptr;
    constexpr size_t kUnset = SIZE_MAX / 2;
    size_t best_distance = kUnset;
    String* best = nullptr;
    std::string_view name_text = name->view();
    for (size_t i = 0; i < dir->size; ++i) {
        String* item = as_str(dir->items()[i]);
        if (!item)
            return nullptr;
        if (str_equal(item, name))
            continue;
        // No more than 1/3 of the involved characters should need changing, and
        // don't take matches we've already beaten.
        size_t max_distance = (name_text.size() + item->byte_length + 3) * kMoveCost / 6;
        max_distance = std::min(max_distance, best_distance - 1);
        size_t d = suggestion_distance(name_text, item->view(), max_distance);
        if (d > max_distance)
            continue;
        if (!best || d < best_distance) {
            best = item;
            best_distance = d;
        }
    }
    return best;
}

// The keys of a dict as a new list.
List* dict_keys_list(VM& vm, Dict* d)
{
    List* l = list_new(vm, d->used);
    if (!l)
        return nullptr;
    size_t pos = 0;
    Value k, v;
    while (dict_next(d, pos, k, v))
        if (!list_append(vm, l, k))
            return nullptr;
    return l;
}

// An attribute kept in the exception's instance __dict__ (name, obj), or null. Read
// directly, as CPython reads the C fields, so no Python code runs.
Value exception_field(VM& vm, Value exc, String* field)
{
    Dict* d = instance_dict(vm, exc.as_object(), false);
    if (!d)
        return Value::null();
    Value v = dict_get_str(vm, d, field);
    if (v.is_null() || v.is_not_found())
        return Value::null();
    return v;
}

// PyObject_Dir(obj): type(obj).__dir__(obj) as a sorted list.
List* object_dir_sorted(VM& vm, Value obj)
{
    Value dir_fn = type_lookup(type_of(obj), names.__dir__);
    if (dir_fn.is_null() || dir_fn.is_not_found())
        return nullptr;
    Value result = call(vm, dir_fn, &obj, 1);
    if (result.is_null())
        return nullptr;
    List* l = list_from_iterable(vm, result);
    if (!l || !list_sort(vm, l, Value::null(), false))
        return nullptr;
    return l;
}

String* suggest_attribute(VM& vm, Value exc)
{
    Value name = exception_field(vm, exc, names.name);
    Value obj = exception_field(vm, exc, names.obj);
    if (name.is_null() || obj.is_null() || !is_exact_str(name))
        return nullptr;
    List* dir = object_dir_sorted(vm, obj);
    if (!dir)
        return nullptr;
    return calculate_suggestions(dir, name.as<String>());
}

String* suggest_name(VM& vm, Value exc)
{
    Value name = exception_field(vm, exc, names.name);
    BaseException* be = as_exception(exc);
    if (name.is_null() || !is_exact_str(name) || be->traceback.is_null() || type_of(be->traceback) != types.traceback)
        return nullptr;
    // The innermost frame: where the name was looked up.
    auto* tb = be->traceback.as<Traceback>();
    while (type_of(tb->next) == types.traceback)
        tb = tb->next.as<Traceback>();
    Frame* frame = tb->frame;
    Code* code = frame->code;

    // co_varnames: the plain local variables (not pure cells or free variables).
    List* varnames = list_new(vm);
    if (!varnames)
        return nullptr;
    for (uint32_t i = 0; i < code->nlocalsplus; ++i)
        if (code->local_kind(i) & CO_FAST_LOCAL)
            if (!list_append(vm, varnames, Value::from_object(code->local_name(i))))
                return nullptr;
    String* s = calculate_suggestions(varnames, name.as<String>());
    if (s)
        return s;
    for (Dict* ns : { frame->globals, frame->builtins }) {
        if (!ns)
            continue;
        List* keys = dict_keys_list(vm, ns);
        if (!keys)
            return nullptr;
        if ((s = calculate_suggestions(keys, name.as<String>())))
            return s;
    }
    return nullptr;
}

} // namespace

String* offer_suggestions(VM& vm, Value exc)
{
    if (!exc.is_object() || !as_exception(exc))
        return nullptr;
    // Exact types only, as CPython (UnboundLocalError and subclasses get nothing).
    TypeObject* t = exc.as_object()->type;
    if (t != exc::AttributeError && t != exc::NameError)
        return nullptr;
    Value saved = vm.take_error();
    String* s = t == exc::AttributeError ? suggest_attribute(vm, exc) : suggest_name(vm, exc);
    vm.clear_error();
    if (!saved.is_null())
        vm.restore_error(saved);
    return s;
}

} // namespace slpy
