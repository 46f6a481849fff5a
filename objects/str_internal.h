// Internals shared by the str, bytes and bytearray implementation files
// (objects/str_*.cpp, bytes.cpp, bytearray.cpp, codecs.cpp, memoryview.cpp, format_spec.cpp).
//
// * slpy::unicode: the Unicode character database (generated tables in
//   str_unicode_data.cpp, lookups in str_unicode.cpp);
// * argument helpers with CPython's messages (start/end slice arguments, fill chars);
// * the repr / escape helpers used by str, bytes and the codecs;
// * the shared byte-string algorithms of bytes and bytearray (bytes_common.cpp).
#pragma once

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/runtime.h"
#include "objects/string.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace slpy {

namespace unicode {

enum CharFlags : uint32_t {
    ALPHA = 1u << 0,
    DECIMAL = 1u << 1,
    DIGIT = 1u << 2,
    NUMERIC = 1u << 3,
    SPACE = 1u << 4,
    PRINTABLE = 1u << 5,
    LOWER = 1u << 6,
    UPPER = 1u << 7,
    TITLE = 1u << 8,
    CASED = 1u << 9,
    CASE_IGNORABLE = 1u << 10,
    XID_START = 1u << 11,
    XID_CONTINUE = 1u << 12,
    LINEBREAK = 1u << 13,
};

struct FlagRange {
    uint32_t start; // flags apply from here to the next range's start
    uint32_t flags;
};
struct CaseRun {
    uint32_t start;
    uint32_t count;  // code points start, start+stride, ... (count of them)
    uint32_t stride; // 1 or 2
    int32_t delta;   // mapped = cp + delta
};
struct FullCase {
    uint32_t cp;
    uint32_t n;
    uint32_t out[3];
};

// The flags of a code point (ASCII by a direct table).
uint32_t char_flags(uint32_t cp);
inline bool has(uint32_t cp, uint32_t flag) { return (char_flags(cp) & flag) != 0; }
inline bool is_space(uint32_t cp)
{
    if (cp < 128)
        return cp == ' ' || (cp >= 9 && cp <= 13) || (cp >= 28 && cp <= 31);
    return has(cp, SPACE);
}
// Full case mappings (CPython's _PyUnicode_ToLowerFull, ...): writes 1..3 code points to
// `out` and returns the count. to_lower does not apply the final-sigma rule (see
// lower_in_context).
int to_lower(uint32_t cp, uint32_t* out);
int to_upper(uint32_t cp, uint32_t* out);
int to_title(uint32_t cp, uint32_t* out);
int to_fold(uint32_t cp, uint32_t* out);
// Lower-cases text[i] with the Greek final-sigma rule (CPython's lower_ucs4).
int lower_in_context(std::u32string const& text, size_t i, uint32_t* out);
// Decimal digit value (0..9) of a Unicode decimal (Nd) character, or -1.
int decimal_value(uint32_t cp);

} // namespace unicode

// ------------------------------------------------------------------ helpers

// Decodes the whole (generalized UTF-8) text to code points.
std::u32string utf8_to_u32(std::string_view s);
void u32_append_utf8(std::string& out, uint32_t const* cps, size_t n);
// Number of code points in valid UTF-8 text.
size_t utf8_count(std::string_view s);
// A new str from UTF-8 bytes of a known-ASCII source (skips the scan), or any text.
String* make_str(VM& vm, std::string_view utf8, bool known_ascii);

// The start/end arguments of find/count/startswith...: None or an index-like value
// ("slice indices must be integers or None or have an __index__ method"). `v` may be null.
bool parse_slice_arg(VM& vm, Value v, int64_t& out);
// CPython's ADJUST_INDICES: clamps [start, end) into [0, len].
void adjust_indices(int64_t& start, int64_t& end, int64_t len);

// Argument-count checks with CPython's messages (str_args.cpp); nargs excludes self.
// owner_name: "str", "bytes" or "bytearray" for a method's self.
char const* owner_name(Value self);
// METH_NOARGS (max 0), METH_O (1..1) or positional-only methods; keywords refused.
bool method_nargs(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames, size_t min, size_t max);
// find, rfind, index, rindex, count, startswith, endswith: 1 to 3 arguments.
bool find_nargs(VM& vm, char const* owner, char const* name, size_t nargs, Tuple* kwnames);
// A slot wrapper (__add__, __getitem__...): exactly `expected` arguments. `repeat`: the
// sequence-repeat wrappers (__mul__, __rmul__, __imul__), whose message CPython starts
// with a space.
bool wrapper_nargs(VM& vm, char const* name, size_t nargs, Tuple* kwnames, size_t expected, bool repeat = false);

// The six rich-comparison dunders of str/bytes as one template: the slot wrapper's
// argument check, then Compare(vm, args, Op).
inline char const* compare_dunder_name(CmpArg op)
{
    static constexpr char const* kNames[] = { "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__" };
    return kNames[int(op)];
}
template <Value (*Compare)(VM&, Value const*, CmpArg), CmpArg Op>
Value compare_method(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    if (!wrapper_nargs(vm, compare_dunder_name(Op), nargs - 1, kwnames, 1))
        return Value::null();
    return Compare(vm, args, Op);
}

// The type name CPython's argument parsers print for a bad argument ("None" for None).
inline char const* arg_type_name(Value v) { return is_none(v) ? "None" : type_name(v); }

// Results beyond this many bytes raise MemoryError up front whatever the machine, e.g.
// "a".center(2**40) (CPython would fail to allocate them).
inline constexpr uint64_t kMaxStringBytes = uint64_t(1) << 35;
// False with MemoryError pending when count * unit bytes exceed kMaxStringBytes or cannot
// be had now (Heap::reserve_external); callers then build the result in a buffer reserved
// with Heap::reserve_buffer.
bool check_alloc_size(VM& vm, uint64_t count, uint64_t unit = 1);
// The class argument of str/bytes/bytearray.__new__(cls, ...): a subtype of `base`, or
// nullptr with CPython's TypeError ("str.__new__(int): int is not a subtype of str").
TypeObject* new_cls_arg(VM& vm, TypeObject* base, Value const* args, size_t nargs);
// CPython's PyNumber_Check: int, float, complex, or a type with __index__, __int__ or
// __float__.
bool is_number_like(Value v);
// index() into an int64 with the OverflowError CPython's callers give: index_ssize for
// sizes and repeat counts ("cannot fit 'int' into an index-sized integer"), index_c_int
// for C int parameters ("Python int too large to convert to C int", also beyond 2**31).
bool index_ssize(VM& vm, Value v, int64_t& out);
bool index_c_int(VM& vm, Value v, int64_t& out);
// A flag taken as a C int (splitlines' keepends): any index-like value, nonzero = true;
// TypeError for others, OverflowError beyond the C int range.
bool c_int_flag(VM& vm, Value v, bool& out);

// repr(str) body and quotes: CPython's unicode_repr (ascii_only: ascii()).
std::string str_repr_text(std::string_view utf8, bool ascii_only);
// Which quote characters bytes_repr_text escapes. CPython's bytes_repr escapes only the quote it
// picked; bytearray_repr escapes a single quote always (bytearray(b"a\'b")), never a double one.
enum class BytesReprStyle { Bytes, ByteArray };
// repr(bytes): b'...' (prefix "b"), CPython's quoting.
std::string bytes_repr_text(std::string_view data, char const* prefix = "b", char const* suffix = "",
                            BytesReprStyle style = BytesReprStyle::Bytes);
// Appends \xNN, \uNNNN or \UNNNNNNNN for cp.
void append_escape(std::string& out, uint32_t cp);

// Bytes-like argument (any buffer exporter, objects/buffer.h: bytes, bytearray, memoryview,
// array.array, ...): its bytes. False (nothing raised) when v exports no contiguous buffer.
bool get_bytes_like(Value v, std::string_view& out);

// The memoryview layout (objects/memoryview.cpp).
struct MemoryView : Object {
    Value obj;        // the exporter (bytes / bytearray); null once released
    size_t start;     // byte offset into the exporter
    int64_t step;     // stride of the first dimension in bytes (itemsize when contiguous)
    size_t length;    // shape[0] (1 for a 0-dim view)
    bool released;
    bool readonly;
    bool exported;    // counted in its exporter's BufferExports::views
    uint8_t ndim;     // 0 .. 64
    uint8_t itemsize;
    char format[3];   // a native struct format: one letter, '@' allowed in front ("B", "@I")
    bool hashed;      // `hash` holds hash(tobytes()); kept after release, as CPython does
    int64_t hash;
    // shape[1:] as a tuple of ints for ndim >= 2 (made by cast(); those dimensions stay
    // C-contiguous, since only the first one can be sliced), else null.
    Value dims;
};
// The bytes a contiguous memoryview covers (step 1); false when released or not contiguous.
bool memoryview_bytes(MemoryView* mv, std::string_view& out);
MemoryView* as_memoryview(Value v);

// str iterator layout; str_iter_next steps it without raising (sentinel at the end).
struct StrIterator : Object {
    String* str; // nullptr once exhausted
    size_t index;  // next code point index
    size_t offset; // its byte offset
};
Value str_iter_next(VM& vm, Value iterator);

// ---- bytes and bytearray (bytes.cpp, bytes_methods.cpp, bytearray.cpp)
// The bytes of a bytes / bytearray self argument (nothing raised when neither).
bool bytes_self(Value v, std::string_view& out, bool& is_bytearray);
// A new bytes or bytearray holding `data`.
Value bytes_result(VM& vm, bool bytearray, std::string_view data);
// A new bytes or bytearray of `size` bytes for the caller to fill through `data`: results
// of known size are built in place (no std::string and no copy). Null with MemoryError
// pending.
Value bytes_result_sized(VM& vm, bool bytearray, size_t size, unsigned char*& data);
// Registers the methods bytes and bytearray share (find, split, upper, hex, decode, ...).
void add_bytes_common_methods(VM& vm, TypeObject* type);
// The contents of bytes(x) / bytearray(x) for x not a str or int: a buffer, or an
// iterable of ints in range(256). False with the error pending.
bool bytes_from_iterable(VM& vm, Value x, std::string& out);
// bytes(x) / bytearray(x) argument handling shared by both constructors. For an int x
// the result is that many zero bytes: given `zeros`, the count is stored there instead
// (out left empty) so the caller allocates the result once, without a copy.
bool bytes_constructor_data(VM& vm, char const* name, Value x, Value encoding, Value errors, std::string& out,
                            size_t* zeros = nullptr);
// A byte value from an int argument (ValueError "byte must be in range(0, 256)").
bool byte_from_value(VM& vm, Value v, unsigned char& out);
// Parses bytes.fromhex text (ValueError "non-hexadecimal number found in fromhex() arg at position N").
bool parse_fromhex(VM& vm, std::string_view text, std::string& out);

struct BytesIterator : Object {
    Value seq; // the bytes / bytearray; null once exhausted
    size_t index;
};
Value bytes_iter_next(VM& vm, Value iterator);

// ---- str formatting (str_format.cpp)
Value str_format_impl(VM& vm, String* fmt, Value const* args, size_t nargs, Value kwargs_mapping);
// fmt % args for str (bytes: bytes_mod when bytes_mode).
Value str_mod(VM& vm, String* fmt, Value args);
Value bytes_mod(VM& vm, std::string_view fmt, Value args, bool make_bytearray);

void setup_str_format(VM& vm);
void setup_bytearray(VM& vm);
void setup_memoryview(VM& vm);

} // namespace slpy
