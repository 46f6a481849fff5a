// Shared declarations of the native _pickle module (pickler.cpp, unpickler.cpp,
// pickle_module.cpp): the per-VM state, the object layouts and the opcodes.
#pragma once

#include "objects/runtime.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace slpy {

struct List;
struct Dict;

namespace pickle {

// The opcodes of protocols 0-5 (pickletools documents each).
enum Op : unsigned char {
    MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', FLOAT = 'F', INT = 'I', BININT = 'J',
    BININT1 = 'K', LONG = 'L', BININT2 = 'M', NONE = 'N', PERSID = 'P', BINPERSID = 'Q', REDUCE = 'R',
    STRING = 'S', BINSTRING = 'T', SHORT_BINSTRING = 'U', UNICODE = 'V', BINUNICODE = 'X', APPEND = 'a',
    BUILD = 'b', GLOBAL = 'c', DICT = 'd', EMPTY_DICT = '}', APPENDS = 'e', GET = 'g', BINGET = 'h',
    INST = 'i', LONG_BINGET = 'j', LIST = 'l', EMPTY_LIST = ']', OBJ = 'o', PUT = 'p', BINPUT = 'q',
    LONG_BINPUT = 'r', SETITEM = 's', TUPLE = 't', EMPTY_TUPLE = ')', SETITEMS = 'u', BINFLOAT = 'G',
    PROTO = 0x80, NEWOBJ = 0x81, EXT1 = 0x82, EXT2 = 0x83, EXT4 = 0x84, TUPLE1 = 0x85, TUPLE2 = 0x86,
    TUPLE3 = 0x87, NEWTRUE = 0x88, NEWFALSE = 0x89, LONG1 = 0x8a, LONG4 = 0x8b,
    BINBYTES = 'B', SHORT_BINBYTES = 'C',
    SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e, EMPTY_SET = 0x8f, ADDITEMS = 0x90,
    FROZENSET = 0x91, NEWOBJ_EX = 0x92, STACK_GLOBAL = 0x93, MEMOIZE = 0x94, FRAME = 0x95,
    BYTEARRAY8 = 0x96, NEXT_BUFFER = 0x97, READONLY_BUFFER = 0x98,
};

inline constexpr int kHighestProtocol = 5;
inline constexpr int kDefaultProtocol = 4;
inline constexpr size_t kBatchSize = 1000;
inline constexpr size_t kFrameSizeTarget = 64 * 1024;
inline constexpr size_t kFrameSizeMin = 4;
inline constexpr size_t kFrameHeaderSize = 9;

// The module's types and the library objects it uses, per VM (imported on first use).
struct State : VM::ModuleState {
    explicit State(VM&) {}
    TypeObject* pickler_type = nullptr;
    TypeObject* unpickler_type = nullptr;
    TypeObject* pickler_memo_type = nullptr;
    TypeObject* unpickler_memo_type = nullptr;
    TypeObject* buffer_type = nullptr;
    TypeObject* pickle_error = nullptr;
    TypeObject* pickling_error = nullptr;
    TypeObject* unpickling_error = nullptr;
    // copyreg and _compat_pickle (null until first needed)
    Value dispatch_table;
    Value extension_registry;
    Value inverted_registry;
    Value extension_cache;
    Value name_mapping_2to3;
    Value import_mapping_2to3;
    Value name_mapping_3to2;
    Value import_mapping_3to2;
    Value partial;
    Value codecs_encode;
    void trace(Tracer& t) override;
};

State& state(VM& vm);
// Imports what the pickler and unpickler use from copyreg, _compat_pickle, functools and
// codecs; false with the error pending.
bool load_library(VM& vm, State& st);

// An id-keyed memo of the pickler: object identity -> memo index. The objects are kept
// alive by Pickler::memo_objs (a heap list, traced).
using IdMemo = std::unordered_map<uint64_t, uint32_t>;

struct Pickler : Object {
    Value write;            // file.write; null for dumps
    Value pers_func;        // persistent_id, or null
    Value dispatch_table;   // the pickler's own table, or null (copyreg's)
    Value reducer_override; // looked up at each dump
    Value buffer_callback;
    List* memo_objs;        // every memoized object, in memo order
    Dict* fast_memo;        // fast mode's cycle detection
    IdMemo* memo;
    std::string* out;
    int64_t frame_start;
    int proto;
    int fast_nesting;
    bool bin;
    bool fast;
    bool framing;
    bool fix_imports;
    bool inited;
};

struct Unpickler : Object {
    Value read;
    Value readline;
    Value pers_func;
    Value buffers; // an iterator, or null
    Value input;   // the bytes object being read by loads (kept alive), or null
    Value encoding;
    Value errors;
    List* stack;
    List* memo;    // index -> object; null items are holes
    std::vector<size_t>* marks;
    std::string* buf; // bytes read from the file, or a copy of a non-bytes input
    unsigned char const* data;
    size_t len;
    size_t pos;
    size_t memo_len;
    int proto;
    bool fix_imports;
    bool inited;
};

// The memo proxies: Pickler.memo and Unpickler.memo.
struct MemoProxy : Object {
    Object* owner;
};

struct PickleBuffer : Object {
    Value view; // the memoryview of the exporter; null once released
};

void setup_pickler_type(VM& vm, State& st);
void setup_unpickler_type(VM& vm, State& st);
// dumps()/dump() and loads()/load() of the module.
Value py_dump(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value py_dumps(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value py_load(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
Value py_loads(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);

// repr(v) as text for messages ("<unprintable>" when repr fails; the error is cleared).
std::string repr_text(VM& vm, Value v);
// Calls `callable(*args, **kwargs)` with kwargs a dict (or null).
[[nodiscard]] Value call_with_kwargs(VM& vm, Value callable, Value const* args, size_t nargs, Value kwargs);

} // namespace pickle
} // namespace slpy
