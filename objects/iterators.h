// The built-in iterator objects and the sequence helpers shared by the containers.
//
// Layouts of every iterator type defined by the container files (tuple/list/range/dict
// iterators, seq_iterator, callable_iterator, enumerate, zip, map, filter, reversed), so
// the interpreter can build and step them without a method call.
//
// Each of these types sets TypeObject::iternext (the fast path iter_next() uses: next
// item, or the Value::stop_iteration() sentinel with no exception), and its Python-level
// __next__ wraps that, raising StopIteration at the end.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"

#include <cstdint>

namespace slpy {

struct TupleIterator : Object {
    Tuple* tuple; // nullptr once exhausted
    size_t index;
};

struct ListIterator : Object {
    List* list; // nullptr once exhausted (a list or list-subclass instance)
    size_t index;
};

struct ListReverseIterator : Object {
    List* list;    // nullptr once exhausted
    int64_t index; // next index to yield (counts down)
};

// range(start, stop, step): all four fields are ints (inline or BigInt).
struct RangeObject : Object {
    Value start;
    Value stop;
    Value step;
    Value length;
};

// range_iterator: int64 fast form, or Values for ranges beyond int64.
struct RangeIterator : Object {
    int64_t next;
    int64_t step;
    int64_t remaining;
    bool big;
    Value big_next; // when big: next value, step and items left (ints)
    Value big_step;
    Value big_remaining;
    Value length; // the item count at creation (an int): __reduce__ gives the position
};

// iter(seq) for objects with only __getitem__: calls seq[0], seq[1], ... until IndexError.
struct SeqIterator : Object {
    Value seq; // null once exhausted
    int64_t index;
};

// iter(callable, sentinel)
struct CallableIterator : Object {
    Value callable; // null once exhausted
    Value sentinel;
};

struct Enumerate : Object {
    Value iter;
    int64_t count;   // while it fits
    Value big_count; // null while `count` is used; an int once beyond int64
};

struct Zip : Object {
    Tuple* iters;
    bool strict;
};

struct MapObject : Object {
    Value func;
    Tuple* iters;
};

struct Filter : Object {
    Value func; // None: the items' truth
    Value iter;
};

// reversed(seq) through __len__/__getitem__.
struct Reversed : Object {
    Value seq;     // null once exhausted
    int64_t index; // next index (counts down to 0)
};

// dict_keys / dict_values / dict_items
struct DictView : Object {
    Value dict; // a dict or dict-subclass instance
};

// dict_keyiterator / dict_valueiterator / dict_itemiterator (and their reversed forms).
struct DictIterator : Object {
    Dict* dict;       // nullptr once exhausted
    int64_t pos;      // next entry index (counts down when reversed)
    uint32_t used;    // dict->used when created: size changes are errors
    int64_t remaining;
    bool reversed;
};

// ---- constructors
Value tuple_iter_new(VM& vm, Tuple* t);
Value list_iter_new(VM& vm, List* l);
Value list_reverse_iter_new(VM& vm, List* l);
Value seq_iterator_new(VM& vm, Value seq); // used by get_iter()
Value callable_iter_new(VM& vm, Value callable, Value sentinel);
// kind: 0 keys, 1 values, 2 items
Value dict_iter_new(VM& vm, Value dict, int kind, bool reversed);
Value dict_view_new(VM& vm, Value dict, int kind);

// ---- the steps of the lazy iterators, shared by their native steps and the helpers that
// run those steps as frames of the loop (stackless/builtins/builtins_drive.cpp)
// The index of the item enumerate just fetched, counting on (an int; null on error).
Value enumerate_take_index(VM& vm, Enumerate* e);
// Raises zip(strict=True)'s ValueError for argument i + 1 ("shorter"/"longer"); null.
Value zip_length_error(VM& vm, size_t i, char const* what);
// After reversed's seq[index]: one index down when the item was found, else exhausted.
void reversed_advance(Reversed* r, bool found);

// The body of a native __next__: runs `step` (an iternext function) and turns its
// stop_iteration sentinel into a raised StopIteration().
Value next_from_iternext(VM& vm, Value self, Value (*step)(VM&, Value));

// Raises StopIteration() with no arguments (for native __next__ methods). Returns null.
Value raise_stop_iteration(VM& vm);

// ---- sequence helpers shared by the container files and builtins
// list.sort(key=key, reverse=reverse): stable (timsort-style natural merge sort); key may
// be null or None. ValueError "list modified during sort". False with the error pending.
bool list_sort(VM& vm, List* list, Value key, bool reverse);
// hash(tuple) with CPython 3.11's xxHash-based algorithm. False on error.
bool tuple_hash(VM& vm, Tuple* t, int64_t& out);
// Lexicographic comparison of two tuples or two lists (items re-read after every
// comparison, so lists mutated by __eq__ stay safe). Returns a bool or any object.
Value sequence_compare(VM& vm, Value a, Value b, CmpArg op);
// seq * n for tuple/list contents: n items arrays repeated into a new array. The result
// count is checked for overflow (MemoryError).
bool repeat_count(VM& vm, size_t size, Value n, int64_t& times);

// ---- argument checks of built-in methods, with CPython 3.11's messages. `nargs` counts
// the arguments after self; `owner` is the name of the type that defines the method.
// METH_NOARGS: "dict.keys() takes no arguments (1 given)", "... takes no keyword arguments".
bool check_noargs_method(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames);
// METH_O: "list.append() takes exactly one argument (0 given)".
bool check_onearg_method(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames);
// A slot wrapper called directly (x.__len__(1), x.__add__()): "wrapper __add__() takes no
// keyword arguments", "expected 1 argument, got 0". `blank`: the wrappers CPython unpacks
// with PyArg_UnpackTuple(args, "", ...) (sequence repeat, __setitem__), whose count
// message starts with a space.
bool check_wrapper_args(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t expected, bool blank = false);

// The __iter__ and __next__ methods of a native iterator type: itself, and `Step` (its
// iternext function) with StopIteration raised; both check their arguments as CPython's
// slot wrappers do.
Value iter_self_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
template <Value (*Step)(VM&, Value)>
Value next_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!check_wrapper_args(vm, "__next__", nargs - 1, kwnames, 0))
        return Value::null();
    return next_from_iternext(vm, args[0], Step);
}
// "__lt__", "__eq__", ... for the messages of the rich comparison wrappers.
char const* cmp_method_name(CmpArg op);

} // namespace slpy
