// The _lzma module: a binding to the system liblzma (Debian liblzma-dev) with CPython
// 3.11's arguments, results and error messages: LZMACompressor and LZMADecompressor (the
// .xz, legacy .lzma and raw formats, integrity checks, memory limits and custom filter
// chains given as dicts), is_check_supported and the filter-properties codecs that
// CPython's lzma.py and zipfile use. Each object's lzma_stream lives in malloc'd memory,
// released by the object's finalizer, as zlib's does.
#include "stackless/modules/runtime_modules.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str_internal.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/modules/native_support.h"

#include <cstdlib>
#include <cstring>
#include <lzma.h>
#include <new>
#include <string>

namespace slpy {

namespace {

// Container formats (CPython's FORMAT_* constants).
enum { FORMAT_AUTO, FORMAT_XZ, FORMAT_ALONE, FORMAT_RAW };
constexpr int kCheckUnknown = LZMA_CHECK_ID_MAX + 1;
// The first output block; later blocks double up to kMaxBlock (as CPython's blocks
// output buffer grows).
constexpr size_t kFirstBlock = 32 * 1024;
constexpr size_t kMaxBlock = 4 * 1024 * 1024;

TypeObject* g_lzma_error = nullptr;
TypeObject* g_compressor_type = nullptr;
TypeObject* g_decompressor_type = nullptr;

bool bytes_arg(VM& vm, Value v, std::string_view& out)
{
    if (get_bytes_like(v, out))
        return true;
    raise_fmt(vm, exc::TypeError, "a bytes-like object is required, not '%s'", type_name(v));
    return false;
}

Value bytes_value(VM& vm, std::string_view s)
{
    Bytes* b = bytes_new(vm, s);
    return b ? Value::from_object(b) : Value::null();
}

// CPython's catch_lzma_error: true (exception pending) when `ret` is an error code.
bool lzma_failed(VM& vm, lzma_ret ret)
{
    char const* msg = nullptr;
    switch (ret) {
    case LZMA_OK:
    case LZMA_GET_CHECK:
    case LZMA_NO_CHECK:
    case LZMA_STREAM_END:
        return false;
    case LZMA_UNSUPPORTED_CHECK: msg = "Unsupported integrity check"; break;
    case LZMA_MEM_ERROR:
        raise_no_memory(vm);
        return true;
    case LZMA_MEMLIMIT_ERROR: msg = "Memory usage limit exceeded"; break;
    case LZMA_FORMAT_ERROR: msg = "Input format not supported by decoder"; break;
    case LZMA_OPTIONS_ERROR: msg = "Invalid or unsupported options"; break;
    case LZMA_DATA_ERROR: msg = "Corrupt input data"; break;
    case LZMA_BUF_ERROR: msg = "Insufficient buffer space"; break;
    case LZMA_PROG_ERROR: msg = "Internal error"; break;
    default:
        raise_fmt(vm, g_lzma_error, "Unrecognized error from liblzma: %d", int(ret));
        return true;
    }
    raise(vm, g_lzma_error, msg);
    return true;
}

// PyLong_AsUnsignedLongLong: an int (no __index__) in [0, 2**64).
bool u64_arg(VM& vm, Value v, uint64_t& out)
{
    if (!is_int(v)) {
        raise(vm, exc::TypeError, "an integer is required");
        return false;
    }
    Value i = int_unwrap(v);
    if (int_sign(i) < 0) {
        raise(vm, exc::OverflowError, "can't convert negative int to unsigned");
        return false;
    }
    MpzView z(i);
    if (mpz_sizeinbase(z, 2) > 64) {
        raise(vm, exc::OverflowError, "int too big to convert");
        return false;
    }
    out = 0;
    size_t count = 0;
    mpz_export(&out, &count, -1, sizeof out, 0, 0, z);
    return true;
}

// CPython's uint32_converter (and its lzma_mode / lzma_match_finder twins, named by
// `type` in the overflow message).
bool u32_arg(VM& vm, Value v, uint32_t& out, char const* type = "uint32_t")
{
    uint64_t x;
    if (!u64_arg(vm, v, x))
        return false;
    if (x > UINT32_MAX) {
        raise_fmt(vm, exc::OverflowError, "Value too large for %s type", type);
        return false;
    }
    out = uint32_t(x);
    return true;
}

// A bytes buffer of output blocks: makes room for the next block in `out` (at most
// `limit` bytes in all when limit >= 0) and points the stream at it.
bool next_block(VM& vm, lzma_stream& lzs, std::string& out, int64_t limit)
{
    size_t old = out.size();
    size_t room = old == 0 ? kFirstBlock : std::min(old, kMaxBlock);
    if (limit >= 0)
        room = std::min(room, size_t(limit) - old);
    if (!vm.heap.reserve_buffer(out, old + room))
        return false;
    out.resize(old + room);
    lzs.next_out = reinterpret_cast<uint8_t*>(&out[old]);
    lzs.avail_out = room;
    return true;
}

// ------------------------------------------------------------------ filter specifiers

// A filter chain as liblzma takes it, ended by LZMA_VLI_UNKNOWN; the options are
// calloc'd and freed with the chain.
struct FilterChain {
    lzma_filter f[LZMA_FILTERS_MAX + 1];
    FilterChain()
    {
        for (lzma_filter& x : f) {
            x.id = LZMA_VLI_UNKNOWN;
            x.options = nullptr;
        }
    }
    ~FilterChain()
    {
        for (lzma_filter& x : f)
            std::free(x.options);
    }
    FilterChain(FilterChain const&) = delete;
    FilterChain& operator=(FilterChain const&) = delete;
};

// spec[key] for a mapping: not_found when the key is missing (KeyError), null on error.
Value mapping_item(VM& vm, Value spec, char const* key)
{
    Value k = str_value(vm, key);
    if (k.is_null())
        return k;
    Value v = getitem(vm, spec, k);
    if (v.is_null() && vm.error_matches(exc::KeyError)) {
        vm.clear_error();
        return Value::not_found();
    }
    return v;
}

// The options of a filter spec after "id", as CPython checks them: keyword arguments of
// `fname` that must each be one of `names` and convert with `convert(index, value)`. Any
// failure is the ValueError `message` (CPython replaces the argument parser's error).
template<typename Convert>
bool parse_spec_options(VM& vm, Value spec, std::initializer_list<char const*> names, char const* message, Convert convert)
{
    Dict* d = as_dict(spec);
    bool ok = d != nullptr;
    size_t pos = 0;
    Value key, value;
    while (ok && dict_next(d, pos, key, value)) {
        String* s = as_str(key);
        int index = -1, i = 0;
        for (char const* n : names) {
            if (s && s->view() == n)
                index = i;
            ++i;
        }
        ok = index >= 0 && convert(index, value);
    }
    if (!ok) {
        vm.clear_error();
        raise(vm, exc::ValueError, message);
    }
    return ok;
}

void* parse_lzma_options(VM& vm, Value spec)
{
    uint32_t preset = LZMA_PRESET_DEFAULT;
    Value p = mapping_item(vm, spec, "preset");
    if (p.is_null() || (!p.is_not_found() && !u32_arg(vm, p, preset)))
        return nullptr;
    auto* o = static_cast<lzma_options_lzma*>(std::calloc(1, sizeof(lzma_options_lzma)));
    if (!o) {
        raise_no_memory(vm);
        return nullptr;
    }
    if (lzma_lzma_preset(o, preset)) {
        std::free(o);
        raise_fmt(vm, g_lzma_error, "Invalid compression preset: %u", preset);
        return nullptr;
    }
    bool ok = parse_spec_options(vm, spec, { "id", "preset", "dict_size", "lc", "lp", "pb", "mode", "nice_len", "mf", "depth" },
                                 "Invalid filter specifier for LZMA filter", [&](int index, Value v) {
        uint32_t x = 0;
        switch (index) {
        case 0:
        case 1: return true;
        case 2: return u32_arg(vm, v, o->dict_size);
        case 3: return u32_arg(vm, v, o->lc);
        case 4: return u32_arg(vm, v, o->lp);
        case 5: return u32_arg(vm, v, o->pb);
        case 6:
            if (!u32_arg(vm, v, x, "lzma_mode"))
                return false;
            o->mode = lzma_mode(x);
            return true;
        case 7: return u32_arg(vm, v, o->nice_len);
        case 8:
            if (!u32_arg(vm, v, x, "lzma_match_finder"))
                return false;
            o->mf = lzma_match_finder(x);
            return true;
        default: return u32_arg(vm, v, o->depth);
        }
    });
    if (!ok) {
        std::free(o);
        return nullptr;
    }
    return o;
}

void* parse_delta_options(VM& vm, Value spec)
{
    uint32_t dist = 1;
    if (!parse_spec_options(vm, spec, { "id", "dist" }, "Invalid filter specifier for delta filter",
                            [&](int index, Value v) { return index == 0 || u32_arg(vm, v, dist); }))
        return nullptr;
    auto* o = static_cast<lzma_options_delta*>(std::calloc(1, sizeof(lzma_options_delta)));
    if (!o) {
        raise_no_memory(vm);
        return nullptr;
    }
    o->type = LZMA_DELTA_TYPE_BYTE;
    o->dist = dist;
    return o;
}

void* parse_bcj_options(VM& vm, Value spec)
{
    uint32_t start = 0;
    if (!parse_spec_options(vm, spec, { "id", "start_offset" }, "Invalid filter specifier for BCJ filter",
                            [&](int index, Value v) { return index == 0 || u32_arg(vm, v, start); }))
        return nullptr;
    auto* o = static_cast<lzma_options_bcj*>(std::calloc(1, sizeof(lzma_options_bcj)));
    if (!o) {
        raise_no_memory(vm);
        return nullptr;
    }
    o->start_offset = start;
    return o;
}

// One filter specifier (a dict with "id" and the filter's options) into `f`.
bool parse_filter_spec(VM& vm, Value spec, lzma_filter& f)
{
    if (type_lookup(type_of(spec), names.slot_names[int(Slot::GETITEM)]).is_not_found()) {
        raise(vm, exc::TypeError, "Filter specifier must be a dict or dict-like object");
        return false;
    }
    Value id = mapping_item(vm, spec, "id");
    if (id.is_null())
        return false;
    if (id.is_not_found()) {
        raise(vm, exc::ValueError, "Filter specifier must have an \"id\" entry");
        return false;
    }
    uint64_t fid;
    if (!u64_arg(vm, id, fid))
        return false;
    void* options;
    switch (fid) {
    case LZMA_FILTER_LZMA1:
    case LZMA_FILTER_LZMA2: options = parse_lzma_options(vm, spec); break;
    case LZMA_FILTER_DELTA: options = parse_delta_options(vm, spec); break;
    case LZMA_FILTER_X86:
    case LZMA_FILTER_POWERPC:
    case LZMA_FILTER_IA64:
    case LZMA_FILTER_ARM:
    case LZMA_FILTER_ARMTHUMB:
    case LZMA_FILTER_SPARC: options = parse_bcj_options(vm, spec); break;
    default:
        raise_fmt(vm, exc::ValueError, "Invalid filter ID: %llu", static_cast<unsigned long long>(fid));
        return false;
    }
    if (!options)
        return false;
    f.id = fid;
    f.options = options;
    return true;
}

// A sequence of filter specifiers into `chain`.
bool parse_filter_chain(VM& vm, Value specs, FilterChain& chain)
{
    // PySequence_Length: a dict has a length but is no sequence.
    if (as_dict(specs)) {
        raise_fmt(vm, exc::TypeError, "%s is not a sequence", type_name(specs));
        return false;
    }
    int64_t n;
    if (!length(vm, specs, n))
        return false;
    if (n > LZMA_FILTERS_MAX) {
        raise_fmt(vm, exc::ValueError, "Too many filters - liblzma supports a maximum of %d", LZMA_FILTERS_MAX);
        return false;
    }
    for (int64_t i = 0; i < n; ++i) {
        Value spec = getitem(vm, specs, Value::small_int(i));
        if (spec.is_null() || !parse_filter_spec(vm, spec, chain.f[i]))
            return false;
    }
    return true;
}

// A filter's options as a dict (CPython's build_filter_spec): the fields that
// lzma_properties_encode/decode look at.
Value build_filter_spec(VM& vm, lzma_filter const& f)
{
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    auto add = [&](char const* key, uint64_t value) {
        String* k = intern(vm, key);
        Value v = int_from_u64(vm, value);
        return k && !v.is_null() && dict_set_str(vm, d, k, v);
    };
    if (!add("id", f.id))
        return Value::null();
    bool ok = true;
    switch (f.id) {
    case LZMA_FILTER_LZMA1: {
        auto* o = static_cast<lzma_options_lzma const*>(f.options);
        ok = add("lc", o->lc) && add("lp", o->lp) && add("pb", o->pb) && add("dict_size", o->dict_size);
        break;
    }
    case LZMA_FILTER_LZMA2:
        ok = add("dict_size", static_cast<lzma_options_lzma const*>(f.options)->dict_size);
        break;
    case LZMA_FILTER_DELTA:
        ok = add("dist", static_cast<lzma_options_delta const*>(f.options)->dist);
        break;
    case LZMA_FILTER_X86:
    case LZMA_FILTER_POWERPC:
    case LZMA_FILTER_IA64:
    case LZMA_FILTER_ARM:
    case LZMA_FILTER_ARMTHUMB:
    case LZMA_FILTER_SPARC:
        // Empty properties decode to no options: the default start offset, 0.
        ok = add("start_offset", f.options ? static_cast<lzma_options_bcj const*>(f.options)->start_offset : 0);
        break;
    default:
        return raise_fmt(vm, exc::ValueError, "Invalid filter ID: %llu", static_cast<unsigned long long>(f.id));
    }
    return ok ? Value::from_object(d) : Value::null();
}

#define SLPY_LZ_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

// ------------------------------------------------------------------ LZMACompressor

struct Compressor : Object {
    lzma_stream* lzs; // malloc'd; null when initialization failed
    bool flushed;
};

void compressor_finalize(Object* self)
{
    auto* c = static_cast<Compressor*>(self);
    if (c->lzs) {
        lzma_end(c->lzs);
        delete c->lzs;
        c->lzs = nullptr;
    }
}

Compressor* self_c(Value v) { return static_cast<Compressor*>(v.as_object()); }

bool init_encoder(VM& vm, lzma_stream* lzs, int format, int check, uint32_t preset, Value filters)
{
    bool have_filters = !is_none(filters);
    FilterChain chain;
    if (have_filters && !parse_filter_chain(vm, filters, chain))
        return false;
    switch (format) {
    case FORMAT_XZ:
        if (check == -1)
            check = LZMA_CHECK_CRC64;
        return !lzma_failed(vm, have_filters ? lzma_stream_encoder(lzs, chain.f, lzma_check(check))
                                             : lzma_easy_encoder(lzs, preset, lzma_check(check)));
    case FORMAT_ALONE:
        if (!have_filters) {
            lzma_options_lzma options;
            if (lzma_lzma_preset(&options, preset)) {
                raise_fmt(vm, g_lzma_error, "Invalid compression preset: %u", preset);
                return false;
            }
            return !lzma_failed(vm, lzma_alone_encoder(lzs, &options));
        }
        if (chain.f[0].id != LZMA_FILTER_LZMA1 || chain.f[1].id != LZMA_VLI_UNKNOWN) {
            raise(vm, exc::ValueError, "Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter");
            return false;
        }
        return !lzma_failed(vm, lzma_alone_encoder(lzs, static_cast<lzma_options_lzma const*>(chain.f[0].options)));
    case FORMAT_RAW:
        if (!have_filters) {
            raise(vm, exc::ValueError, "Must specify filters for FORMAT_RAW");
            return false;
        }
        return !lzma_failed(vm, lzma_raw_encoder(lzs, chain.f));
    default:
        raise_fmt(vm, exc::ValueError, "Invalid container format: %d", format);
        return false;
    }
}

// LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None)
SLPY_LZ_FN(compressor_new)
{
    Value a[4];
    if (!parse_args(vm, "LZMACompressor", args + 1, nargs - 1, kwnames, { "format", "check", "preset", "filters" }, 0, a))
        return Value::null();
    int format = FORMAT_XZ, check = -1;
    if ((!a[0].is_null() && !int_arg(vm, a[0], format)) || (!a[1].is_null() && !int_arg(vm, a[1], check)))
        return Value::null();
    Value preset_obj = a[2].is_null() ? py_none() : a[2];
    Value filters = a[3].is_null() ? py_none() : a[3];
    if (format != FORMAT_XZ && check != -1 && check != LZMA_CHECK_NONE)
        return raise(vm, exc::ValueError, "Integrity checks are only supported by FORMAT_XZ");
    if (!is_none(preset_obj) && !is_none(filters))
        return raise(vm, exc::ValueError, "Cannot specify both preset and filter chain");
    uint32_t preset = LZMA_PRESET_DEFAULT;
    if (!is_none(preset_obj) && !u32_arg(vm, preset_obj, preset))
        return Value::null();
    auto* c = vm.heap.make<Compressor>(g_compressor_type);
    if (!c)
        return Value::null();
    c->lzs = new (std::nothrow) lzma_stream {}; // all zero: LZMA_STREAM_INIT
    if (!c->lzs)
        return raise_no_memory(vm);
    if (!init_encoder(vm, c->lzs, format, check, preset, filters)) {
        compressor_finalize(c);
        return Value::null();
    }
    return Value::from_object(c);
}

// CPython's compress(): LZMA_RUN until the input is used up, LZMA_FINISH until the end
// of the stream.
Value compress_run(VM& vm, Compressor* c, std::string_view data, lzma_action action)
{
    lzma_stream& lzs = *c->lzs;
    std::string out;
    if (!next_block(vm, lzs, out, -1))
        return Value::null();
    lzs.next_in = reinterpret_cast<uint8_t const*>(data.data());
    lzs.avail_in = data.size();
    for (;;) {
        lzma_ret ret = lzma_code(&lzs, action);
        if (ret == LZMA_BUF_ERROR && data.empty() && lzs.avail_out > 0)
            ret = LZMA_OK; // no progress possible without input: not an error here
        if (lzma_failed(vm, ret))
            return Value::null();
        if ((action == LZMA_RUN && lzs.avail_in == 0) || (action == LZMA_FINISH && ret == LZMA_STREAM_END))
            break;
        if (lzs.avail_out == 0 && !next_block(vm, lzs, out, -1))
            return Value::null();
    }
    out.resize(out.size() - lzs.avail_out);
    lzs.next_in = nullptr;
    lzs.next_out = nullptr;
    lzs.avail_out = 0;
    return bytes_value(vm, out);
}

// compress(data, /)
SLPY_LZ_FN(compressor_compress)
{
    if (!check_no_kwargs(vm, "compress", kwnames) || !check_nargs(vm, "compress", nargs - 1, 1, 1))
        return Value::null();
    Compressor* c = self_c(args[0]);
    std::string_view data;
    if (!bytes_arg(vm, args[1], data))
        return Value::null();
    if (c->flushed || !c->lzs)
        return raise(vm, exc::ValueError, "Compressor has been flushed");
    return compress_run(vm, c, data, LZMA_RUN);
}

SLPY_LZ_FN(compressor_flush)
{
    if (!check_no_kwargs(vm, "flush", kwnames))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "LZMACompressor.flush() takes no arguments (%zu given)", nargs - 1);
    Compressor* c = self_c(args[0]);
    if (c->flushed || !c->lzs)
        return raise(vm, exc::ValueError, "Repeated call to flush()");
    c->flushed = true;
    return compress_run(vm, c, {}, LZMA_FINISH);
}

// ------------------------------------------------------------------ LZMADecompressor

struct Decompressor : Object {
    lzma_stream* lzs;   // malloc'd; null when initialization failed
    std::string* input; // input not consumed yet (when max_length stopped the decoder)
    Value unused_data;  // bytes after the end of the stream
    int check;
    bool eof;
    bool needs_input;
};

void decompressor_trace(Object* self, Tracer& t) { t.visit(static_cast<Decompressor*>(self)->unused_data); }

void decompressor_finalize(Object* self)
{
    auto* d = static_cast<Decompressor*>(self);
    if (d->lzs) {
        lzma_end(d->lzs);
        delete d->lzs;
        d->lzs = nullptr;
    }
    delete d->input;
    d->input = nullptr;
}

Decompressor* self_d(Value v) { return static_cast<Decompressor*>(v.as_object()); }

// LZMADecompressor(format=FORMAT_AUTO, memlimit=None, filters=None)
SLPY_LZ_FN(decompressor_new)
{
    Value a[3];
    if (!parse_args(vm, "LZMADecompressor", args + 1, nargs - 1, kwnames, { "format", "memlimit", "filters" }, 0, a))
        return Value::null();
    int format = FORMAT_AUTO;
    if (!a[0].is_null() && !int_arg(vm, a[0], format))
        return Value::null();
    Value memlimit = a[1].is_null() ? py_none() : a[1];
    Value filters = a[2].is_null() ? py_none() : a[2];
    uint64_t limit = UINT64_MAX;
    if (!is_none(memlimit)) {
        if (format == FORMAT_RAW)
            return raise(vm, exc::ValueError, "Cannot specify memory limit with FORMAT_RAW");
        if (!u64_arg(vm, memlimit, limit))
            return Value::null();
    }
    if (format == FORMAT_RAW && is_none(filters))
        return raise(vm, exc::ValueError, "Must specify filters for FORMAT_RAW");
    if (format != FORMAT_RAW && !is_none(filters))
        return raise(vm, exc::ValueError, "Cannot specify filters except with FORMAT_RAW");
    Bytes* empty = bytes_new(vm, "");
    if (!empty)
        return Value::null();
    auto* d = vm.heap.make<Decompressor>(g_decompressor_type);
    if (!d)
        return Value::null();
    d->unused_data = Value::from_object(empty);
    d->needs_input = true;
    d->check = kCheckUnknown;
    d->input = new (std::nothrow) std::string();
    d->lzs = new (std::nothrow) lzma_stream {}; // all zero: LZMA_STREAM_INIT
    if (!d->input || !d->lzs) {
        decompressor_finalize(d);
        return raise_no_memory(vm);
    }
    uint32_t const flags = LZMA_TELL_ANY_CHECK | LZMA_TELL_NO_CHECK;
    bool ok;
    switch (format) {
    case FORMAT_AUTO: ok = !lzma_failed(vm, lzma_auto_decoder(d->lzs, limit, flags)); break;
    case FORMAT_XZ: ok = !lzma_failed(vm, lzma_stream_decoder(d->lzs, limit, flags)); break;
    case FORMAT_ALONE:
        d->check = LZMA_CHECK_NONE;
        ok = !lzma_failed(vm, lzma_alone_decoder(d->lzs, limit));
        break;
    case FORMAT_RAW: {
        d->check = LZMA_CHECK_NONE;
        FilterChain chain;
        ok = parse_filter_chain(vm, filters, chain) && !lzma_failed(vm, lzma_raw_decoder(d->lzs, chain.f));
        break;
    }
    default:
        raise_fmt(vm, exc::ValueError, "Invalid container format: %d", format);
        ok = false;
    }
    if (!ok) {
        decompressor_finalize(d);
        return Value::null();
    }
    return Value::from_object(d);
}

// decompress(data, max_length=-1): CPython's semantics. At most max_length bytes come out
// (all when negative); input the decoder did not get to is kept for the next call, which
// may then pass b''. needs_input says whether more output needs more input; data after
// the end of the stream goes to unused_data.
SLPY_LZ_FN(decompressor_decompress)
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
        return raise(vm, exc::EOFError, "Already at end of stream");
    if (!d->lzs)
        return raise(vm, g_lzma_error, "Internal error");

    // Input left over from the last call goes first: then the new data is appended to it.
    std::string& kept = *d->input;
    bool from_kept = !kept.empty();
    if (from_kept) {
        if (!vm.heap.append_buffer(kept, data))
            return Value::null();
        data = kept;
    }
    lzma_stream& lzs = *d->lzs;
    lzs.next_in = reinterpret_cast<uint8_t const*>(data.data());
    lzs.avail_in = data.size();
    std::string out;
    if (!next_block(vm, lzs, out, max_length))
        return Value::null();
    for (;;) {
        lzma_ret ret = lzma_code(&lzs, LZMA_RUN);
        if (ret == LZMA_BUF_ERROR && lzs.avail_in == 0 && lzs.avail_out > 0)
            ret = LZMA_OK; // needs more input: the caller decides
        if (lzma_failed(vm, ret)) {
            kept.clear();
            return Value::null();
        }
        if (ret == LZMA_GET_CHECK || ret == LZMA_NO_CHECK)
            d->check = int(lzma_get_check(&lzs));
        if (ret == LZMA_STREAM_END) {
            d->eof = true;
            break;
        }
        // avail_out before avail_in: the decoder may still hold output for no more input.
        if (lzs.avail_out == 0) {
            if (max_length >= 0 && out.size() == size_t(max_length))
                break;
            if (!next_block(vm, lzs, out, max_length))
                return Value::null();
        } else if (lzs.avail_in == 0) {
            break;
        }
    }
    bool out_full = lzs.avail_out == 0;
    out.resize(out.size() - lzs.avail_out);
    lzs.next_out = nullptr;
    lzs.avail_out = 0;

    std::string_view rest(reinterpret_cast<char const*>(lzs.next_in), lzs.avail_in);
    if (d->eof) {
        d->needs_input = false;
        if (!rest.empty()) {
            Value v = bytes_value(vm, rest);
            if (v.is_null())
                return Value::null();
            d->unused_data = v;
        }
        kept.clear();
    } else if (rest.empty()) {
        // With the output full, the decoder may hold more: the next call (with b'') gets it.
        d->needs_input = !out_full;
        kept.clear();
    } else {
        d->needs_input = false;
        if (from_kept) {
            kept.erase(0, kept.size() - rest.size());
        } else if (!vm.heap.assign_buffer(kept, rest)) {
            return Value::null();
        }
    }
    lzs.next_in = nullptr;
    lzs.avail_in = 0;
    return bytes_value(vm, out);
}

SLPY_LZ_FN(decompressor_get_check) { return Value::small_int(self_d(args[0])->check); }
SLPY_LZ_FN(decompressor_get_eof) { return py_bool(self_d(args[0])->eof); }
SLPY_LZ_FN(decompressor_get_unused_data) { return self_d(args[0])->unused_data; }
SLPY_LZ_FN(decompressor_get_needs_input) { return py_bool(self_d(args[0])->needs_input); }

// ------------------------------------------------------------------ module functions

// is_check_supported(check_id, /)
SLPY_LZ_FN(lz_is_check_supported)
{
    if (!check_no_kwargs(vm, "is_check_supported", kwnames) || !check_nargs(vm, "is_check_supported", nargs, 1, 1))
        return Value::null();
    int check;
    if (!int_arg(vm, args[0], check))
        return Value::null();
    return py_bool(lzma_check_is_supported(lzma_check(check)));
}

// _encode_filter_properties(filter, /): the filter's options as liblzma encodes them in
// a container's header (without the filter ID).
SLPY_LZ_FN(lz_encode_filter_properties)
{
    if (!check_no_kwargs(vm, "_encode_filter_properties", kwnames) || !check_nargs(vm, "_encode_filter_properties", nargs, 1, 1))
        return Value::null();
    FilterChain chain;
    if (!parse_filter_spec(vm, args[0], chain.f[0]))
        return Value::null();
    uint32_t size;
    if (lzma_failed(vm, lzma_properties_size(&size, &chain.f[0])))
        return Value::null();
    std::string out(size, '\0');
    if (lzma_failed(vm, lzma_properties_encode(&chain.f[0], reinterpret_cast<uint8_t*>(out.data()))))
        return Value::null();
    return bytes_value(vm, out);
}

// _decode_filter_properties(filter_id, encoded_props, /): the filter spec (a dict) that
// the encoded options stand for.
SLPY_LZ_FN(lz_decode_filter_properties)
{
    if (!check_no_kwargs(vm, "_decode_filter_properties", kwnames) || !check_nargs(vm, "_decode_filter_properties", nargs, 2, 2))
        return Value::null();
    uint64_t fid;
    if (!u64_arg(vm, args[0], fid))
        return Value::null();
    std::string_view props;
    if (!bytes_arg(vm, args[1], props))
        return Value::null();
    lzma_filter f;
    f.id = fid;
    f.options = nullptr;
    if (lzma_failed(vm, lzma_properties_decode(&f, nullptr, reinterpret_cast<uint8_t const*>(props.data()), props.size())))
        return Value::null();
    Value r = build_filter_spec(vm, f);
    std::free(f.options); // liblzma allocated it with the default allocator
    return r;
}

#undef SLPY_LZ_FN

void setup_types(VM& vm)
{
    if (g_lzma_error)
        return;
    g_lzma_error = make_builtin_type(vm, "LZMAError", exc::Exception, exc::Exception->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                     exc::Exception->trace, exc::Exception->finalize);
    add_attribute(vm, g_lzma_error, "__doc__", str_value(vm, "Call to liblzma failed."));
    g_compressor_type = make_builtin_type(vm, "LZMACompressor", nullptr, sizeof(Compressor), 0, nullptr, compressor_finalize);
    g_decompressor_type = make_builtin_type(vm, "LZMADecompressor", nullptr, sizeof(Decompressor), 0, decompressor_trace,
                                            decompressor_finalize);
    for (TypeObject* t : { g_lzma_error, g_compressor_type, g_decompressor_type })
        set_native_type_module(vm, t, "_lzma");
    add_methods(vm, g_compressor_type, {
        { "__new__", compressor_new, METH_STATIC }, { "compress", compressor_compress }, { "flush", compressor_flush },
    });
    add_methods(vm, g_decompressor_type, {
        { "__new__", decompressor_new, METH_STATIC }, { "decompress", decompressor_decompress },
    });
    add_getsets(vm, g_decompressor_type, {
        { "check", decompressor_get_check, nullptr, "ID of the integrity check used by the input stream." },
        { "eof", decompressor_get_eof, nullptr, "True if the end-of-stream marker has been reached." },
        { "unused_data", decompressor_get_unused_data, nullptr, "Data found after the end of the compressed stream." },
        { "needs_input", decompressor_get_needs_input, nullptr,
          "True if more input is needed before more decompressed data can be produced." },
    });
    for (TypeObject* t : { g_lzma_error, g_compressor_type, g_decompressor_type })
        finish_builtin_type(vm, t);
}

} // namespace

Module* make_lzma_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_lzma");
    module_add_functions(vm, m, {
        { "is_check_supported", lz_is_check_supported }, { "_encode_filter_properties", lz_encode_filter_properties },
        { "_decode_filter_properties", lz_decode_filter_properties },
    });
    module_add(vm, m, "LZMAError", Value::from_object(g_lzma_error));
    module_add(vm, m, "LZMACompressor", Value::from_object(g_compressor_type));
    module_add(vm, m, "LZMADecompressor", Value::from_object(g_decompressor_type));
    struct Constant {
        char const* name;
        uint64_t value;
    };
    static constexpr Constant kConstants[] = {
        { "FORMAT_AUTO", FORMAT_AUTO }, { "FORMAT_XZ", FORMAT_XZ }, { "FORMAT_ALONE", FORMAT_ALONE }, { "FORMAT_RAW", FORMAT_RAW },
        { "CHECK_NONE", LZMA_CHECK_NONE }, { "CHECK_CRC32", LZMA_CHECK_CRC32 }, { "CHECK_CRC64", LZMA_CHECK_CRC64 },
        { "CHECK_SHA256", LZMA_CHECK_SHA256 }, { "CHECK_ID_MAX", LZMA_CHECK_ID_MAX }, { "CHECK_UNKNOWN", kCheckUnknown },
        { "FILTER_LZMA1", LZMA_FILTER_LZMA1 }, { "FILTER_LZMA2", LZMA_FILTER_LZMA2 }, { "FILTER_DELTA", LZMA_FILTER_DELTA },
        { "FILTER_X86", LZMA_FILTER_X86 }, { "FILTER_IA64", LZMA_FILTER_IA64 }, { "FILTER_ARM", LZMA_FILTER_ARM },
        { "FILTER_ARMTHUMB", LZMA_FILTER_ARMTHUMB }, { "FILTER_SPARC", LZMA_FILTER_SPARC },
        { "FILTER_POWERPC", LZMA_FILTER_POWERPC }, { "MF_HC3", LZMA_MF_HC3 }, { "MF_HC4", LZMA_MF_HC4 },
        { "MF_BT2", LZMA_MF_BT2 }, { "MF_BT3", LZMA_MF_BT3 }, { "MF_BT4", LZMA_MF_BT4 }, { "MODE_FAST", LZMA_MODE_FAST },
        { "MODE_NORMAL", LZMA_MODE_NORMAL }, { "PRESET_DEFAULT", LZMA_PRESET_DEFAULT },
        { "PRESET_EXTREME", LZMA_PRESET_EXTREME },
    };
    for (Constant const& c : kConstants)
        module_add(vm, m, c.name, int_from_u64(vm, c.value));
    return m;
}

} // namespace slpy
