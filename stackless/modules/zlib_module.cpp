// The zlib module: a binding to the system zlib (compress/decompress, the Compress and
// Decompress stream objects, crc32, adler32 and the constants), with CPython 3.11's
// arguments, results and error messages. The z_stream of a stream object lives in
// malloc'd memory, released by the object's finalizer.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cstring>
#include <string>
#include <zlib.h>

namespace slpy {

namespace {

constexpr int kDefBufSize = 16384;
TypeObject* g_zlib_error = nullptr;
TypeObject* g_compress_type = nullptr;
TypeObject* g_decompress_type = nullptr;

bool bytes_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

// CPython's zlib_error: "Error <n> <while ...>: <zlib's message>".
Value zlib_error(VM& vm, z_stream const& zs, int err, char const* msg)
{
    char const* zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : zs.msg;
    if (!zmsg) {
        switch (err) {
        case Z_BUF_ERROR: zmsg = "incomplete or truncated stream"; break;
        case Z_STREAM_ERROR: zmsg = "inconsistent stream state"; break;
        case Z_DATA_ERROR: zmsg = "invalid input data"; break;
        default: break;
        }
    }
    if (!zmsg)
        return raise_fmt(vm, g_zlib_error, "Error %d %s", err, msg);
    return raise_fmt(vm, g_zlib_error, "Error %d %s: %.200s", err, msg, zmsg);
}

bool int_arg(VM& vm, Value v, int64_t& out, int64_t dflt)
{
    if (v.is_null()) {
        out = dflt;
        return true;
    }
    if (!index_i64(vm, v, out))
        return false;
    if (out > INT32_MAX || out < INT32_MIN) {
        raise(vm, exc::OverflowError, out > 0 ? "signed integer is greater than maximum" : "signed integer is less than minimum");
        return false;
    }
    return true;
}

// An unsigned int argument taken modulo 2**32 (CPython's "unsigned int(bitwise=True)").
bool uint_mask_arg(VM& vm, Value v, uint32_t& out)
{
    Value i = index(vm, v);
    if (i.is_null())
        return false;
    Value masked = binary_op(vm, i, int_from_i64(vm, 0xffffffffLL), BinOpArg::AND);
    int64_t r;
    if (masked.is_null() || !int_to_i64(int_unwrap(masked), r))
        return false;
    out = uint32_t(r);
    return true;
}

Value bytes_value(VM& vm, std::string const& s)
{
    Bytes* b = bytes_new(vm, s);
    return b ? Value::from_object(b) : Value::null();
}

// Runs `step` (deflate or inflate with a flush mode) until the input is used up, appending
// the output to `out` (at most `limit` bytes when limit > 0). Returns zlib's last code;
// -100 with MemoryError pending when the output buffer cannot grow.
template<typename Step>
int pump(VM& vm, z_stream& zs, std::string& out, size_t limit, Step step)
{
    int err;
    for (;;) {
        size_t room = limit ? std::min<size_t>(limit - out.size(), kDefBufSize) : size_t(kDefBufSize);
        size_t old = out.size();
        if (!vm.heap.reserve_buffer(out, old + room))
            return -100;
        out.resize(old + room);
        zs.next_out = reinterpret_cast<Bytef*>(&out[old]);
        zs.avail_out = uInt(room);
        err = step();
        out.resize(old + room - zs.avail_out);
        if (err != Z_OK && err != Z_BUF_ERROR)
            break;
        if (zs.avail_out != 0) // all output produced for the input given
            break;
        if (limit && out.size() >= limit)
            break;
    }
    return err;
}

#define SLPY_Z_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// compress(data, /, level=-1, wbits=15)
SLPY_Z_FN(z_compress)
{
    Value a[3];
    if (!parse_args(vm, "compress", args, nargs, kwnames, { "data", "level", "wbits" }, 1, a, 1))
        return Value::null();
    std::string_view data;
    int64_t level, wbits;
    if (!bytes_arg(vm, a[0], data) || !int_arg(vm, a[1], level, Z_DEFAULT_COMPRESSION) || !int_arg(vm, a[2], wbits, MAX_WBITS))
        return Value::null();
    z_stream zs {};
    int err = deflateInit2(&zs, int(level), Z_DEFLATED, int(wbits), 8, Z_DEFAULT_STRATEGY);
    if (err == Z_MEM_ERROR)
        return raise(vm, exc::MemoryError, "Out of memory while compressing data");
    if (err == Z_STREAM_ERROR)
        return raise(vm, g_zlib_error, "Bad compression level");
    if (err != Z_OK) {
        Value r = zlib_error(vm, zs, err, "while compressing data");
        deflateEnd(&zs);
        return r;
    }
    std::string out;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = uInt(data.size());
    err = pump(vm, zs, out, 0, [&] { return deflate(&zs, Z_FINISH); });
    if (err != Z_STREAM_END && err != -100)
        (void)zlib_error(vm, zs, err, "while compressing data");
    deflateEnd(&zs);
    if (err != Z_STREAM_END)
        return Value::null();
    return bytes_value(vm, out);
}

// decompress(data, /, wbits=15, bufsize=16384)
SLPY_Z_FN(z_decompress)
{
    Value a[3];
    if (!parse_args(vm, "decompress", args, nargs, kwnames, { "data", "wbits", "bufsize" }, 1, a, 1))
        return Value::null();
    std::string_view data;
    int64_t wbits, bufsize;
    if (!bytes_arg(vm, a[0], data) || !int_arg(vm, a[1], wbits, MAX_WBITS))
        return Value::null();
    if (a[2].is_null())
        bufsize = kDefBufSize;
    else if (!index_i64(vm, a[2], bufsize))
        return Value::null();
    if (bufsize < 0)
        return raise(vm, exc::ValueError, "bufsize must be non-negative");
    z_stream zs {};
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = uInt(data.size());
    int err = inflateInit2(&zs, int(wbits));
    if (err == Z_MEM_ERROR)
        return raise(vm, exc::MemoryError, "Out of memory while decompressing data");
    if (err != Z_OK) {
        Value r = zlib_error(vm, zs, err, "while preparing to decompress data");
        inflateEnd(&zs);
        return r;
    }
    std::string out;
    do {
        err = pump(vm, zs, out, 0, [&] { return inflate(&zs, Z_NO_FLUSH); });
        if (err == -100) {
            inflateEnd(&zs);
            return Value::null();
        }
        if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
            if (err == Z_NEED_DICT || err == Z_DATA_ERROR || err == Z_STREAM_ERROR || err == Z_MEM_ERROR) {
                Value r = zlib_error(vm, zs, err, "while decompressing data");
                inflateEnd(&zs);
                return r;
            }
        }
    } while (err != Z_STREAM_END && zs.avail_in != 0 && err == Z_OK);
    if (err != Z_STREAM_END) {
        Value r = zlib_error(vm, zs, err == Z_OK ? Z_BUF_ERROR : err, "while decompressing data");
        inflateEnd(&zs);
        return r;
    }
    inflateEnd(&zs);
    return bytes_value(vm, out);
}

// ------------------------------------------------------------------ stream objects

struct ZStream : Object {
    z_stream* zs;    // malloc'd; null once ended
    bool deflating;
    bool eof;
    Value unused_data;      // bytes (Decompress)
    Value unconsumed_tail;  // bytes (Decompress)
    Value zdict;            // bytes-like or null
};

void zstream_trace(Object* self, Tracer& t)
{
    auto* z = static_cast<ZStream*>(self);
    t.visit(z->unused_data);
    t.visit(z->unconsumed_tail);
    t.visit(z->zdict);
}

void zstream_end(ZStream* z)
{
    if (!z->zs)
        return;
    if (z->deflating)
        deflateEnd(z->zs);
    else
        inflateEnd(z->zs);
    delete z->zs;
    z->zs = nullptr;
}

void zstream_finalize(Object* self) { zstream_end(static_cast<ZStream*>(self)); }

ZStream* self_z(Value v) { return static_cast<ZStream*>(v.as_object()); }

ZStream* zstream_new(VM& vm, TypeObject* type, bool deflating)
{
    auto* z = vm.heap.make<ZStream>(type);
    if (!z)
        return nullptr;
    z->deflating = deflating;
    z->zs = new (std::nothrow) z_stream {};
    if (!z->zs) {
        (void)raise_no_memory(vm);
        return nullptr;
    }
    Bytes* empty = bytes_new(vm, "");
    if (!empty)
        return nullptr;
    z->unused_data = z->unconsumed_tail = Value::from_object(empty);
    return z;
}

// compressobj(level=-1, method=8, wbits=15, memLevel=8, strategy=0, zdict=None)
SLPY_Z_FN(z_compressobj)
{
    Value a[6];
    if (!parse_args(vm, "compressobj", args, nargs, kwnames, { "level", "method", "wbits", "memLevel", "strategy", "zdict" }, 0, a))
        return Value::null();
    int64_t level, method, wbits, mem, strategy;
    if (!int_arg(vm, a[0], level, Z_DEFAULT_COMPRESSION) || !int_arg(vm, a[1], method, Z_DEFLATED)
        || !int_arg(vm, a[2], wbits, MAX_WBITS) || !int_arg(vm, a[3], mem, 8) || !int_arg(vm, a[4], strategy, 0))
        return Value::null();
    std::string_view zdict;
    bool have_zdict = !a[5].is_null() && !is_none(a[5]);
    if (have_zdict && !get_bytes_like(a[5], zdict))
        return raise_fmt(vm, exc::TypeError, "zdict argument must support the buffer protocol");
    ZStream* z = zstream_new(vm, g_compress_type, true);
    if (!z)
        return Value::null();
    int err = deflateInit2(z->zs, int(level), int(method), int(wbits), int(mem), int(strategy));
    if (err == Z_MEM_ERROR) {
        delete z->zs;
        z->zs = nullptr;
        return raise(vm, exc::MemoryError, "Can't allocate memory for compression object");
    }
    if (err == Z_STREAM_ERROR) {
        delete z->zs;
        z->zs = nullptr;
        return raise(vm, exc::ValueError, "Invalid initialization option");
    }
    if (err != Z_OK) {
        Value r = zlib_error(vm, *z->zs, err, "while creating compression object");
        delete z->zs;
        z->zs = nullptr;
        return r;
    }
    if (have_zdict) {
        err = deflateSetDictionary(z->zs, reinterpret_cast<Bytef const*>(zdict.data()), uInt(zdict.size()));
        if (err != Z_OK) {
            zstream_end(z);
            return raise(vm, exc::ValueError, "Invalid dictionary");
        }
    }
    return Value::from_object(z);
}

SLPY_Z_FN(compress_compress)
{
    if (!check_no_kwargs(vm, "compress", kwnames) || !check_nargs(vm, "compress", nargs - 1, 1, 1))
        return Value::null();
    ZStream* z = self_z(args[0]);
    std::string_view data;
    if (!bytes_arg(vm, args[1], data))
        return Value::null();
    if (!z->zs) {
        z_stream dummy {};
        return zlib_error(vm, dummy, Z_STREAM_ERROR, "while compressing data");
    }
    std::string out;
    z->zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z->zs->avail_in = uInt(data.size());
    int err = pump(vm, *z->zs, out, 0, [&] { return deflate(z->zs, Z_NO_FLUSH); });
    if (err == -100)
        return Value::null();
    if (err != Z_OK && err != Z_BUF_ERROR)
        return zlib_error(vm, *z->zs, err, "while compressing data");
    return bytes_value(vm, out);
}

SLPY_Z_FN(compress_flush)
{
    Value a[1];
    if (!parse_args(vm, "flush", args + 1, nargs - 1, kwnames, { "mode" }, 0, a, 1))
        return Value::null();
    int64_t mode;
    if (!int_arg(vm, a[0], mode, Z_FINISH))
        return Value::null();
    ZStream* z = self_z(args[0]);
    if (mode == Z_NO_FLUSH)
        return bytes_value(vm, "");
    if (!z->zs) {
        z_stream dummy {};
        return zlib_error(vm, dummy, Z_STREAM_ERROR, "while flushing");
    }
    std::string out;
    z->zs->next_in = nullptr;
    z->zs->avail_in = 0;
    int err = pump(vm, *z->zs, out, 0, [&] { return deflate(z->zs, int(mode)); });
    if (err == -100)
        return Value::null();
    if (err == Z_STREAM_END && mode == Z_FINISH) {
        zstream_end(z);
    } else if (err != Z_OK && err != Z_BUF_ERROR) {
        return zlib_error(vm, *z->zs, err, "while flushing");
    }
    return bytes_value(vm, out);
}

SLPY_Z_FN(zstream_copy)
{
    ZStream* z = self_z(args[0]);
    if (!z->zs)
        return raise(vm, exc::ValueError, z->deflating ? "Inconsistent stream state" : "Inconsistent stream state");
    ZStream* c = zstream_new(vm, type_of(args[0]), z->deflating);
    if (!c)
        return Value::null();
    int err = z->deflating ? deflateCopy(c->zs, z->zs) : inflateCopy(c->zs, z->zs);
    if (err != Z_OK) {
        delete c->zs;
        c->zs = nullptr;
        if (err == Z_STREAM_ERROR)
            return raise(vm, exc::ValueError, "Inconsistent stream state");
        return zlib_error(vm, *z->zs, err, "while copying compression object");
    }
    c->eof = z->eof;
    c->unused_data = z->unused_data;
    c->unconsumed_tail = z->unconsumed_tail;
    c->zdict = z->zdict;
    return Value::from_object(c);
}

// decompressobj(wbits=15, zdict=b'')
SLPY_Z_FN(z_decompressobj)
{
    Value a[2];
    if (!parse_args(vm, "decompressobj", args, nargs, kwnames, { "wbits", "zdict" }, 0, a))
        return Value::null();
    int64_t wbits;
    if (!int_arg(vm, a[0], wbits, MAX_WBITS))
        return Value::null();
    std::string_view zdict;
    if (!a[1].is_null() && !get_bytes_like(a[1], zdict))
        return raise(vm, exc::TypeError, "zdict argument must support the buffer protocol");
    ZStream* z = zstream_new(vm, g_decompress_type, false);
    if (!z)
        return Value::null();
    z->zdict = a[1];
    int err = inflateInit2(z->zs, int(wbits));
    if (err != Z_OK) {
        delete z->zs;
        z->zs = nullptr;
        if (err == Z_STREAM_ERROR)
            return raise(vm, exc::ValueError, "Invalid initialization option");
        if (err == Z_MEM_ERROR)
            return raise(vm, exc::MemoryError, "Can't allocate memory for decompression object");
        z_stream dummy {};
        return zlib_error(vm, dummy, err, "while creating decompression object");
    }
    // A raw stream never asks for its dictionary: it is set at once.
    if (!a[1].is_null() && wbits < 0) {
        err = inflateSetDictionary(z->zs, reinterpret_cast<Bytef const*>(zdict.data()), uInt(zdict.size()));
        if (err != Z_OK) {
            Value r = zlib_error(vm, *z->zs, err, "while setting zdict");
            zstream_end(z);
            return r;
        }
    }
    return Value::from_object(z);
}

// After inflate: keeps what follows the end of the stream in unused_data (and sets eof),
// or the input not consumed yet in unconsumed_tail.
bool save_unconsumed(VM& vm, ZStream* z, std::string_view data, int err)
{
    if (err == Z_STREAM_END) {
        if (z->zs->avail_in > 0) {
            std::string_view rest(reinterpret_cast<char const*>(z->zs->next_in), z->zs->avail_in);
            std::string_view old;
            (void)get_bytes_like(z->unused_data, old);
            std::string joined(old);
            joined.append(rest);
            Value v = bytes_value(vm, joined);
            if (v.is_null())
                return false;
            z->unused_data = v;
            z->zs->avail_in = 0;
        }
    }
    if (z->zs->avail_in > 0 || !as_bytes(z->unconsumed_tail) || as_bytes(z->unconsumed_tail)->size) {
        std::string_view rest(reinterpret_cast<char const*>(z->zs->next_in), z->zs->avail_in);
        Value v = bytes_value(vm, std::string(rest));
        if (v.is_null())
            return false;
        z->unconsumed_tail = v;
    }
    (void)data;
    return true;
}

// Runs inflate with the stream's dictionary when it asks for one.
int inflate_with_dict(ZStream* z, int flush)
{
    int err = inflate(z->zs, flush);
    if (err == Z_NEED_DICT && !z->zdict.is_null()) {
        std::string_view zdict;
        if (get_bytes_like(z->zdict, zdict) && inflateSetDictionary(z->zs, reinterpret_cast<Bytef const*>(zdict.data()), uInt(zdict.size())) == Z_OK)
            err = inflate(z->zs, flush);
    }
    return err;
}

SLPY_Z_FN(decompress_decompress)
{
    Value a[2];
    if (!parse_args(vm, "decompress", args + 1, nargs - 1, kwnames, { "data", "max_length" }, 1, a, 1))
        return Value::null();
    ZStream* z = self_z(args[0]);
    std::string_view data;
    if (!bytes_arg(vm, a[0], data))
        return Value::null();
    int64_t max_length = 0;
    if (!a[1].is_null() && !index_i64(vm, a[1], max_length))
        return Value::null();
    if (max_length < 0)
        return raise(vm, exc::ValueError, "max_length must be non-negative");
    if (!z->zs) {
        z_stream dummy {};
        return zlib_error(vm, dummy, Z_STREAM_ERROR, "while decompressing data");
    }
    // The bytes stay valid: `a[0]` is held by the caller's frame for the whole call.
    z->zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z->zs->avail_in = uInt(data.size());
    std::string out;
    int err;
    do {
        err = pump(vm, *z->zs, out, size_t(max_length), [&] { return inflate_with_dict(z, Z_SYNC_FLUSH); });
        if (err == -100)
            return Value::null();
    } while (err == Z_OK && z->zs->avail_in && (!max_length || out.size() < size_t(max_length)));
    if (err != Z_OK && err != Z_STREAM_END && err != Z_BUF_ERROR)
        return zlib_error(vm, *z->zs, err, "while decompressing data");
    if (err == Z_STREAM_END)
        z->eof = true;
    if (!save_unconsumed(vm, z, data, err))
        return Value::null();
    return bytes_value(vm, out);
}

SLPY_Z_FN(decompress_flush)
{
    Value a[1];
    if (!parse_args(vm, "flush", args + 1, nargs - 1, kwnames, { "length" }, 0, a, 1))
        return Value::null();
    int64_t length = kDefBufSize;
    if (!a[0].is_null() && !index_i64(vm, a[0], length))
        return Value::null();
    if (length <= 0)
        return raise(vm, exc::ValueError, "length must be greater than zero");
    ZStream* z = self_z(args[0]);
    if (!z->zs)
        return bytes_value(vm, "");
    std::string_view tail;
    (void)get_bytes_like(z->unconsumed_tail, tail);
    Value keep = z->unconsumed_tail;
    z->zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(tail.data()));
    z->zs->avail_in = uInt(tail.size());
    std::string out;
    int err = pump(vm, *z->zs, out, 0, [&] { return inflate_with_dict(z, Z_FINISH); });
    (void)keep;
    if (err == -100)
        return Value::null();
    if (err != Z_OK && err != Z_STREAM_END && err != Z_BUF_ERROR)
        return zlib_error(vm, *z->zs, err, "while flushing");
    if (err == Z_STREAM_END)
        z->eof = true;
    if (!save_unconsumed(vm, z, tail, err))
        return Value::null();
    return bytes_value(vm, out);
}

SLPY_Z_FN(decompress_get_unused_data) { return self_z(args[0])->unused_data; }
SLPY_Z_FN(decompress_get_unconsumed_tail) { return self_z(args[0])->unconsumed_tail; }
SLPY_Z_FN(decompress_get_eof) { return py_bool(self_z(args[0])->eof); }

template<uLong (*Fn)(uLong, Bytef const*, uInt)>
Value checksum(VM& vm, char const* name, Value const* args, size_t nargs, Tuple* kwnames, uint32_t start)
{
    if (!check_no_kwargs(vm, name, kwnames) || !check_nargs(vm, name, nargs, 1, 2))
        return Value::null();
    std::string_view data;
    if (!bytes_arg(vm, args[0], data))
        return Value::null();
    uint32_t value = start;
    if (nargs > 1 && !uint_mask_arg(vm, args[1], value))
        return Value::null();
    uLong r = value;
    size_t off = 0;
    do {
        size_t chunk = std::min<size_t>(data.size() - off, 1u << 30);
        r = Fn(r, reinterpret_cast<Bytef const*>(data.data() + off), uInt(chunk));
        off += chunk;
    } while (off < data.size());
    return int_from_i64(vm, int64_t(r & 0xffffffffu));
}

SLPY_Z_FN(z_crc32) { return checksum<::crc32>(vm, "crc32", args, nargs, kwnames, 0); }
SLPY_Z_FN(z_adler32) { return checksum<::adler32>(vm, "adler32", args, nargs, kwnames, 1); }

#undef SLPY_Z_FN

void setup_types(VM& vm)
{
    if (g_zlib_error)
        return;
    g_zlib_error = make_builtin_type(vm, "error", exc::Exception, exc::Exception->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                     exc::Exception->trace, exc::Exception->finalize);
    g_compress_type = make_builtin_type(vm, "Compress", nullptr, sizeof(ZStream), 0, zstream_trace, zstream_finalize);
    g_decompress_type = make_builtin_type(vm, "Decompress", nullptr, sizeof(ZStream), 0, zstream_trace, zstream_finalize);
    for (TypeObject* t : { g_zlib_error, g_compress_type, g_decompress_type })
        set_native_type_module(vm, t, "zlib");
    add_methods(vm, g_compress_type, { { "compress", compress_compress }, { "flush", compress_flush }, { "copy", zstream_copy },
                                       { "__copy__", zstream_copy } });
    add_methods(vm, g_decompress_type, { { "decompress", decompress_decompress }, { "flush", decompress_flush },
                                         { "copy", zstream_copy }, { "__copy__", zstream_copy } });
    add_getsets(vm, g_decompress_type, {
        { "unused_data", decompress_get_unused_data }, { "unconsumed_tail", decompress_get_unconsumed_tail },
        { "eof", decompress_get_eof },
    });
    for (TypeObject* t : { g_zlib_error, g_compress_type, g_decompress_type })
        finish_builtin_type(vm, t);
}

} // namespace

Module* make_zlib_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "zlib");
    module_add_functions(vm, m, {
        { "compress", z_compress }, { "decompress", z_decompress }, { "compressobj", z_compressobj },
        { "decompressobj", z_decompressobj }, { "crc32", z_crc32 }, { "adler32", z_adler32 },
    });
    module_add(vm, m, "error", Value::from_object(g_zlib_error));
    struct Constant {
        char const* name;
        int value;
    };
    static constexpr Constant kConstants[] = {
        { "MAX_WBITS", MAX_WBITS }, { "DEFLATED", Z_DEFLATED }, { "DEF_MEM_LEVEL", 8 }, { "DEF_BUF_SIZE", kDefBufSize },
        { "Z_NO_COMPRESSION", Z_NO_COMPRESSION }, { "Z_BEST_SPEED", Z_BEST_SPEED },
        { "Z_BEST_COMPRESSION", Z_BEST_COMPRESSION }, { "Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION },
        { "Z_FILTERED", Z_FILTERED }, { "Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY }, { "Z_RLE", Z_RLE }, { "Z_FIXED", Z_FIXED },
        { "Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY }, { "Z_NO_FLUSH", Z_NO_FLUSH }, { "Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH },
        { "Z_SYNC_FLUSH", Z_SYNC_FLUSH }, { "Z_FULL_FLUSH", Z_FULL_FLUSH }, { "Z_FINISH", Z_FINISH }, { "Z_BLOCK", Z_BLOCK },
        { "Z_TREES", Z_TREES },
    };
    for (Constant const& c : kConstants)
        module_add(vm, m, c.name, Value::small_int(c.value));
    module_add(vm, m, "ZLIB_VERSION", str_value(vm, ZLIB_VERSION));
    module_add(vm, m, "ZLIB_RUNTIME_VERSION", str_value(vm, zlibVersion()));
    return m;
}

} // namespace slpy
