// The _bz2 module: a binding to the system libbz2 (Debian libbz2-dev) with CPython 3.11's
// arguments, results and error messages: the BZ2Compressor and BZ2Decompressor stream
// objects that CPython's bz2.py builds BZ2File and compress/decompress on. Each object's
// bz_stream lives in malloc'd memory, released by the object's finalizer, as zlib's does.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/type.h"
#include "stackless/modules/native_support.h"

#include <bzlib.h>
#include <climits>
#include <cstring>
#include <new>
#include <string>

namespace slpy {

namespace {

// The first output block; later blocks double up to kMaxBlock (as CPython's blocks
// output buffer grows), so a large result costs few calls into libbz2.
constexpr size_t kFirstBlock = 32 * 1024;
constexpr size_t kMaxBlock = 4 * 1024 * 1024;
TypeObject* g_compressor_type = nullptr;
TypeObject* g_decompressor_type = nullptr;

bool bytes_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

Value bytes_value(VM& vm, std::string const& s)
{
    Bytes* b = bytes_new(vm, s);
    return b ? Value::from_object(b) : Value::null();
}

// CPython's catch_bz2_error: true (exception pending) when `ret` is an error code.
bool bz2_failed(VM& vm, int ret)
{
    switch (ret) {
    case BZ_OK:
    case BZ_RUN_OK:
    case BZ_FLUSH_OK:
    case BZ_FINISH_OK:
    case BZ_STREAM_END:
        return false;
    case BZ_CONFIG_ERROR:
        raise(vm, exc::SystemError, "libbzip2 was not compiled correctly");
        return true;
    case BZ_PARAM_ERROR:
        raise(vm, exc::ValueError, "Internal error - invalid parameters passed to libbzip2");
        return true;
    case BZ_MEM_ERROR:
        raise_no_memory(vm);
        return true;
    case BZ_DATA_ERROR:
    case BZ_DATA_ERROR_MAGIC:
        raise(vm, exc::OSError, "Invalid data stream");
        return true;
    case BZ_IO_ERROR:
        raise(vm, exc::OSError, "Unknown I/O error");
        return true;
    case BZ_UNEXPECTED_EOF:
        raise(vm, exc::EOFError, "Compressed file ended before the logical end-of-stream was detected");
        return true;
    case BZ_SEQUENCE_ERROR:
        raise(vm, exc::RuntimeError, "Internal error - Invalid sequence of commands sent to libbzip2");
        return true;
    default:
        raise_fmt(vm, exc::SystemError, "Unrecognized error from libbzip2: %d", ret);
        return true;
    }
}

// Makes room for the next output block in `out` (at most `limit` bytes in all when
// limit >= 0) and points the stream at it. False with MemoryError pending.
bool next_block(VM& vm, bz_stream& bzs, std::string& out, int64_t limit)
{
    size_t old = out.size();
    size_t room = old == 0 ? kFirstBlock : std::min(old, kMaxBlock);
    if (limit >= 0)
        room = std::min(room, size_t(limit) - old);
    room = std::min<size_t>(room, UINT_MAX);
    if (!vm.heap.reserve_buffer(out, old + room))
        return false;
    out.resize(old + room);
    bzs.next_out = &out[old];
    bzs.avail_out = unsigned(room);
    return true;
}

#define SLPY_BZ_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ BZ2Compressor

struct Compressor : Object {
    bz_stream* bzs; // malloc'd; null when initialization failed
    bool flushed;
};

void compressor_finalize(Object* self)
{
    auto* c = static_cast<Compressor*>(self);
    if (c->bzs) {
        BZ2_bzCompressEnd(c->bzs);
        delete c->bzs;
        c->bzs = nullptr;
    }
}

Compressor* self_c(Value v) { return static_cast<Compressor*>(v.as_object()); }

// BZ2Compressor(compresslevel=9, /)
SLPY_BZ_FN(compressor_new)
{
    if (!check_no_kwargs(vm, "BZ2Compressor", kwnames) || !check_nargs(vm, "BZ2Compressor", nargs - 1, 0, 1))
        return Value::null();
    int level = 9;
    if (nargs > 1 && !int_arg(vm, args[1], level))
        return Value::null();
    if (level < 1 || level > 9)
        return raise(vm, exc::ValueError, "compresslevel must be between 1 and 9");
    auto* c = vm.heap.make<Compressor>(g_compressor_type);
    if (!c)
        return Value::null();
    c->bzs = new (std::nothrow) bz_stream {};
    if (!c->bzs)
        return raise_no_memory(vm);
    int ret = BZ2_bzCompressInit(c->bzs, level, 0, 0);
    if (bz2_failed(vm, ret)) {
        delete c->bzs;
        c->bzs = nullptr;
        return Value::null();
    }
    return Value::from_object(c);
}

// Feeds `data` to the compressor with `action` (BZ_RUN or BZ_FINISH) and collects what it
// produces, as CPython's compress(): BZ_RUN until the input is used up, BZ_FINISH until
// the stream ends.
Value compress_run(VM& vm, Compressor* c, std::string_view data, int action)
{
    bz_stream& bzs = *c->bzs;
    std::string out;
    size_t in_left = data.size();
    bzs.next_in = const_cast<char*>(data.data());
    bzs.avail_in = 0;
    if (!next_block(vm, bzs, out, -1))
        return Value::null();
    for (;;) {
        // avail_in is an unsigned int: feed larger inputs in pieces.
        if (bzs.avail_in == 0 && in_left > 0) {
            bzs.avail_in = unsigned(std::min<size_t>(in_left, UINT_MAX));
            in_left -= bzs.avail_in;
        }
        if (action == BZ_RUN && bzs.avail_in == 0 && in_left == 0)
            break;
        if (bzs.avail_out == 0 && !next_block(vm, bzs, out, -1))
            return Value::null();
        int ret = BZ2_bzCompress(&bzs, action);
        if (bz2_failed(vm, ret))
            return Value::null();
        if (action == BZ_FINISH && ret == BZ_STREAM_END)
            break;
    }
    out.resize(out.size() - bzs.avail_out);
    bzs.next_out = nullptr;
    bzs.avail_out = 0;
    return bytes_value(vm, out);
}

// compress(data, /)
SLPY_BZ_FN(compressor_compress)
{
    if (!check_no_kwargs(vm, "BZ2Compressor.compress", kwnames) || !check_nargs(vm, "compress", nargs - 1, 1, 1))
        return Value::null();
    Compressor* c = self_c(args[0]);
    std::string_view data;
    if (!bytes_arg(vm, args[1], data))
        return Value::null();
    if (c->flushed || !c->bzs)
        return raise(vm, exc::ValueError, "Compressor has been flushed");
    return compress_run(vm, c, data, BZ_RUN);
}

SLPY_BZ_FN(compressor_flush)
{
    if (!check_no_kwargs(vm, "BZ2Compressor.flush", kwnames))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "BZ2Compressor.flush() takes no arguments (%zu given)", nargs - 1);
    Compressor* c = self_c(args[0]);
    if (c->flushed || !c->bzs)
        return raise(vm, exc::ValueError, "Repeated call to flush()");
    c->flushed = true;
    return compress_run(vm, c, {}, BZ_FINISH);
}

// ------------------------------------------------------------------ BZ2Decompressor

struct Decompressor : Object {
    bz_stream* bzs;      // malloc'd; null when initialization failed
    std::string* input;  // input not consumed yet (when max_length stopped the decoder)
    Value unused_data;   // bytes after the end of the stream
    bool eof;
    bool needs_input;
    bool failed; // libbz2 reported an error: its state is not usable any more
};

void decompressor_trace(Object* self, Tracer& t) { t.visit(static_cast<Decompressor*>(self)->unused_data); }

void decompressor_finalize(Object* self)
{
    auto* d = static_cast<Decompressor*>(self);
    if (d->bzs) {
        BZ2_bzDecompressEnd(d->bzs);
        delete d->bzs;
        d->bzs = nullptr;
    }
    delete d->input;
    d->input = nullptr;
}

Decompressor* self_d(Value v) { return static_cast<Decompressor*>(v.as_object()); }

// BZ2Decompressor()
SLPY_BZ_FN(decompressor_new)
{
    if (nargs > 1)
        return raise(vm, exc::TypeError, "BZ2Decompressor() takes no positional arguments");
    if (!check_no_kwargs(vm, "BZ2Decompressor", kwnames))
        return Value::null();
    Bytes* empty = bytes_new(vm, "");
    if (!empty)
        return Value::null();
    auto* d = vm.heap.make<Decompressor>(g_decompressor_type);
    if (!d)
        return Value::null();
    d->unused_data = Value::from_object(empty);
    d->needs_input = true;
    d->input = new (std::nothrow) std::string();
    d->bzs = new (std::nothrow) bz_stream {};
    if (!d->input || !d->bzs) {
        delete d->bzs;
        d->bzs = nullptr;
        return raise_no_memory(vm);
    }
    int ret = BZ2_bzDecompressInit(d->bzs, 0, 0);
    if (bz2_failed(vm, ret)) {
        delete d->bzs;
        d->bzs = nullptr;
        return Value::null();
    }
    return Value::from_object(d);
}

// decompress(data, max_length=-1): CPython's semantics. At most max_length bytes come out
// (all when negative); input the decoder did not get to is kept for the next call, which
// may then pass b''. needs_input says whether more output needs more input; data after
// the end of the stream goes to unused_data.
SLPY_BZ_FN(decompressor_decompress)
{
    Value a[2];
    if (!parse_args(vm, "decompress", args + 1, nargs - 1, kwnames, { "data", "max_length" }, 1, a))
        return Value::null();
    Decompressor* d = self_d(args[0]);
    std::string_view data;
    if (!bytes_arg(vm, a[0], data))
        return Value::null();
    int64_t max_length = -1;
    if (!a[1].is_null() && !index_i64(vm, a[1], max_length))
        return Value::null();
    if (d->eof)
        return raise(vm, exc::EOFError, "End of stream already reached");
    // libbz2 keeps no consistent state after an error (CPython 3.11 may crash here).
    if (d->failed || !d->bzs)
        return raise(vm, exc::ValueError, "Decompressor is unusable due to a previous error");

    // Input left over from the last call goes first: then the new data is appended to it.
    std::string& kept = *d->input;
    bool from_kept = !kept.empty();
    if (from_kept) {
        if (!vm.heap.append_buffer(kept, data))
            return Value::null();
        data = kept;
    }
    bz_stream& bzs = *d->bzs;
    bzs.next_in = const_cast<char*>(data.data());
    size_t in_left = data.size(); // not yet handed to avail_in
    bzs.avail_in = 0;
    std::string out;
    if (!next_block(vm, bzs, out, max_length))
        return Value::null();
    for (;;) {
        if (bzs.avail_in == 0 && in_left > 0) {
            bzs.avail_in = unsigned(std::min<size_t>(in_left, UINT_MAX));
            in_left -= bzs.avail_in;
        }
        int ret = BZ2_bzDecompress(&bzs);
        if (bz2_failed(vm, ret)) {
            kept.clear();
            d->failed = true;
            d->needs_input = false;
            return Value::null();
        }
        if (ret == BZ_STREAM_END) {
            d->eof = true;
            break;
        }
        // As CPython: stop once the input is used up, even with the output block full
        // (what libbz2 still holds comes out at the next call).
        if (bzs.avail_in == 0 && in_left == 0)
            break;
        if (bzs.avail_out == 0) {
            if (max_length >= 0 && out.size() == size_t(max_length))
                break;
            if (!next_block(vm, bzs, out, max_length))
                return Value::null();
        }
    }
    out.resize(out.size() - bzs.avail_out);
    bzs.next_out = nullptr;
    bzs.avail_out = 0;

    size_t rest_len = size_t(bzs.avail_in) + in_left;
    std::string_view rest(bzs.next_in, rest_len);
    if (d->eof) {
        d->needs_input = false;
        if (rest_len > 0) {
            Value v = bytes_value(vm, std::string(rest));
            if (v.is_null())
                return Value::null();
            d->unused_data = v;
        }
        kept.clear();
    } else if (rest_len == 0) {
        d->needs_input = true;
        kept.clear();
    } else {
        d->needs_input = false;
        if (from_kept) {
            kept.erase(0, kept.size() - rest_len);
        } else if (!vm.heap.assign_buffer(kept, rest)) {
            return Value::null();
        }
    }
    bzs.next_in = nullptr;
    bzs.avail_in = 0;
    return bytes_value(vm, out);
}

SLPY_BZ_FN(decompressor_get_eof) { return py_bool(self_d(args[0])->eof); }
SLPY_BZ_FN(decompressor_get_unused_data) { return self_d(args[0])->unused_data; }
SLPY_BZ_FN(decompressor_get_needs_input) { return py_bool(self_d(args[0])->needs_input); }

#undef SLPY_BZ_FN

void setup_types(VM& vm)
{
    if (g_compressor_type)
        return;
    g_compressor_type = make_builtin_type(vm, "BZ2Compressor", nullptr, sizeof(Compressor), 0, nullptr, compressor_finalize);
    g_decompressor_type = make_builtin_type(vm, "BZ2Decompressor", nullptr, sizeof(Decompressor), 0, decompressor_trace,
                                            decompressor_finalize);
    for (TypeObject* t : { g_compressor_type, g_decompressor_type })
        set_native_type_module(vm, t, "_bz2");
    add_methods(vm, g_compressor_type, {
        { "__new__", compressor_new, METH_STATIC }, { "compress", compressor_compress }, { "flush", compressor_flush },
    });
    add_methods(vm, g_decompressor_type, {
        { "__new__", decompressor_new, METH_STATIC }, { "decompress", decompressor_decompress },
    });
    add_getsets(vm, g_decompressor_type, {
        { "eof", decompressor_get_eof, nullptr, "True if the end-of-stream marker has been reached." },
        { "unused_data", decompressor_get_unused_data, nullptr, "Data found after the end of the compressed stream." },
        { "needs_input", decompressor_get_needs_input, nullptr,
          "True if more input is needed before more decompressed data can be produced." },
    });
    for (TypeObject* t : { g_compressor_type, g_decompressor_type })
        finish_builtin_type(vm, t);
}

} // namespace

Module* make_bz2_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_bz2");
    module_add(vm, m, "BZ2Compressor", Value::from_object(g_compressor_type));
    module_add(vm, m, "BZ2Decompressor", Value::from_object(g_decompressor_type));
    return m;
}

} // namespace slpy
