// slice objects, and the index/slice helpers every sequence type uses (str, bytes,
// tuple, list, range, ...): CPython's PySlice_Unpack / PySlice_AdjustIndices and the
// "integer or __index__" test of sequence subscripts.
#pragma once

#include "objects/runtime.h"

#include <cstdint>

namespace slpy {

// slice(start, stop, step): each field is any Value (None when omitted). Not subclassable.
struct Slice : Object {
    Value start;
    Value stop;
    Value step;
};

// A new slice; pass py_none() for omitted parts. Never fails (aborts on exhaustion).
Value slice_new(VM& vm, Value start, Value stop, Value step);
// The Slice inside v, or nullptr when v is not a slice.
Slice* as_slice(Value v);

// True when v can be used as a sequence index: an int (incl. bool / subclasses) or an
// object whose type has __index__ (CPython's _PyIndex_Check).
bool is_index_like(Value v);

// Converts an index-like Value to int64 for subscripting; an int that does not fit gives
// IndexError "cannot fit 'int' into an index-sized integer" (CPython's
// PyNumber_AsSsize_t(v, PyExc_IndexError)). False with the error pending.
bool sequence_index(VM& vm, Value v, int64_t& out);

// _PyEval_SliceIndexNotNone, for the optional start/stop of index()/find(): an
// index-like value clamped to int64; otherwise TypeError "slice indices must be integers
// or have an __index__ method". Negative values are NOT adjusted here.
bool slice_index_not_none(VM& vm, Value v, int64_t& out);

// PySlice_Unpack: start/stop/step as int64 (None -> defaults, big ints clamped to
// +-INT64_MAX, step clamped to >= -INT64_MAX). Errors: ValueError "slice step cannot be
// zero", TypeError "slice indices must be integers or None or have an __index__ method".
bool slice_unpack(VM& vm, Value slice, int64_t& start, int64_t& stop, int64_t& step);
// PySlice_AdjustIndices: clamps start/stop into the sequence and returns the slice length.
int64_t slice_adjust_indices(int64_t length, int64_t& start, int64_t& stop, int64_t step);
// Both of the above: for seq[slice] on a sequence of `length` items, the first index,
// the end, the step and the number of selected items. False with the error pending.
// Only for sequences whose length the slice's __index__ methods cannot change (str,
// bytes, tuple, range, memoryview); mutable ones use slice_indices_live.
bool slice_indices(VM& vm, Value slice, int64_t length, int64_t& start, int64_t& stop, int64_t& step,
                   int64_t& slicelength);
// slice_indices for a mutable sequence (list, bytearray): the slice's __index__ methods
// may resize it, so `length` (the sequence's own size field) is read only after they ran,
// as CPython unpacks the slice before it looks at Py_SIZE.
bool slice_indices_live(VM& vm, Value slice, size_t const& length, int64_t& start, int64_t& stop, int64_t& step,
                        int64_t& slicelength);

// _PySlice_GetLongIndices: start, stop and step of `slice` (a Slice) for a sequence of
// `length` items (an int >= 0), at full precision (slice.indices(), range[slice]).
// False with the error pending.
bool slice_long_indices(VM& vm, Value slice, Value length, Value& start, Value& stop, Value& step);

// Part of setup_range_slice (objects/range.cpp calls it).
void setup_slice(VM& vm);

} // namespace slpy
