// _pickle.Pickler: CPython 3.11's C pickler (Modules/_pickle.c) with its output byte for
// byte: the same opcodes, the same batching of list/dict/set items (an exact list or
// dict is written in MARK ... APPENDS/SETITEMS batches of 1000, even a last batch of one),
// the same memo and framing (protocol 4+ frames of about 64 KiB; bytes and str payloads
// of 64 KiB or more go outside frames, straight to the file).
//
// Nesting recurses on the C stack as in CPython, under a NestingGuard: a too deep
// structure raises RecursionError "... while pickling an object".
#include "stackless/modules/pickle/pickle_internal.h"

#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/float.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/reduce.h"
#include "objects/set.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/imports/imports.h"

#include <cstring>

namespace slpy::pickle {

namespace {

#define SLPY_P_FN(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

Pickler* self_pickler(Value v) { return static_cast<Pickler*>(v.as_object()); }

Value raise_pickling(VM& vm, std::string const& msg)
{
    return raise(vm, state(vm).pickling_error, msg);
}

// ------------------------------------------------------------------ output

// Writes raw bytes, opening a frame (its header reserved) when framing and none is open.
bool write(VM& vm, Pickler* p, char const* data, size_t n)
{
    std::string& out = *p->out;
    size_t need = out.size() + n;
    bool new_frame = p->framing && p->frame_start < 0;
    if (new_frame)
        need += kFrameHeaderSize;
    if (!vm.heap.reserve_buffer(out, need))
        return false;
    if (new_frame) {
        p->frame_start = int64_t(out.size());
        out.append(kFrameHeaderSize, '\0');
    }
    out.append(data, n);
    return true;
}
inline bool write(VM& vm, Pickler* p, std::string_view s) { return write(vm, p, s.data(), s.size()); }
inline bool write_op(VM& vm, Pickler* p, unsigned char op)
{
    char c = char(op);
    return write(vm, p, &c, 1);
}

void put_le(char* out, uint64_t v, int n)
{
    for (int i = 0; i < n; ++i)
        out[i] = char((v >> (8 * i)) & 0xff);
}

// Closes the open frame: fills its header, or drops the header of a frame too small.
void commit_frame(Pickler* p)
{
    if (!p->framing || p->frame_start < 0)
        return;
    std::string& out = *p->out;
    size_t start = size_t(p->frame_start);
    size_t frame_len = out.size() - start - kFrameHeaderSize;
    if (frame_len >= kFrameSizeMin) {
        out[start] = char(FRAME);
        put_le(&out[start + 1], frame_len, 8);
    } else {
        out.erase(start, kFrameHeaderSize);
    }
    p->frame_start = -1;
}

// Hands the buffered output to file.write and empties the buffer.
bool flush_to_file(VM& vm, Pickler* p)
{
    if (p->write.is_null() || p->out->empty())
        return true;
    Bytes* b = bytes_new(vm, *p->out);
    if (!b)
        return false;
    p->out->clear();
    return !call1(vm, p->write, Value::from_object(b)).is_null();
}

// Between two opcodes: a frame that reached its target size is committed (and written
// out when dumping to a file).
bool opcode_boundary(VM& vm, Pickler* p)
{
    if (!p->framing || p->frame_start < 0)
        return true;
    size_t frame_len = p->out->size() - size_t(p->frame_start) - kFrameHeaderSize;
    if (frame_len < kFrameSizeTarget)
        return true;
    commit_frame(p);
    return flush_to_file(vm, p);
}

// A header and a payload; a payload of a frame's size or more goes outside any frame
// (straight to the file when there is one).
bool write_bytes(VM& vm, Pickler* p, std::string_view header, std::string_view data, Value payload)
{
    if (data.size() < kFrameSizeTarget)
        return write(vm, p, header) && write(vm, p, data);
    commit_frame(p);
    bool framing = p->framing;
    p->framing = false;
    bool ok = write(vm, p, header);
    if (ok && !p->write.is_null()) {
        ok = flush_to_file(vm, p);
        if (ok && payload.is_null()) {
            Bytes* b = bytes_new(vm, data);
            ok = b != nullptr;
            payload = Value::from_object(b);
        }
        ok = ok && !call1(vm, p->write, payload).is_null();
    } else if (ok) {
        ok = write(vm, p, data);
    }
    p->framing = framing;
    return ok;
}

// ------------------------------------------------------------------ memo

bool memo_get(VM& vm, Pickler* p, uint32_t idx)
{
    char buf[32];
    size_t n;
    if (!p->bin) {
        n = size_t(snprintf(buf, sizeof buf, "%c%u\n", GET, idx));
    } else if (idx < 256) {
        buf[0] = char(BINGET);
        buf[1] = char(idx);
        n = 2;
    } else {
        buf[0] = char(LONG_BINGET);
        put_le(buf + 1, idx, 4);
        n = 5;
    }
    return write(vm, p, buf, n);
}

bool memo_put(VM& vm, Pickler* p, Value obj)
{
    if (p->fast)
        return true;
    uint32_t idx = uint32_t(p->memo->size());
    if (!list_append(vm, p->memo_objs, obj))
        return false;
    (*p->memo)[obj.bits()] = idx;
    char buf[32];
    size_t n;
    if (p->proto >= 4) {
        buf[0] = char(MEMOIZE);
        n = 1;
    } else if (!p->bin) {
        n = size_t(snprintf(buf, sizeof buf, "%c%u\n", PUT, idx));
    } else if (idx < 256) {
        buf[0] = char(BINPUT);
        buf[1] = char(idx);
        n = 2;
    } else {
        buf[0] = char(LONG_BINPUT);
        put_le(buf + 1, idx, 4);
        n = 5;
    }
    return write(vm, p, buf, n);
}

// The memo index of obj, or -1.
inline int64_t memo_lookup(Pickler* p, Value obj)
{
    auto it = p->memo->find(obj.bits());
    return it == p->memo->end() ? -1 : int64_t(it->second);
}

// ------------------------------------------------------------------ atoms

bool save(VM& vm, Pickler* p, Value obj, bool pers_save = false);

bool save_long(VM& vm, Pickler* p, Value obj)
{
    int64_t v;
    if (int_to_i64(obj, v) && v >= -0x80000000LL && v <= 0x7fffffffLL) {
        char buf[32];
        size_t n;
        if (p->bin) {
            uint32_t u = uint32_t(int32_t(v));
            put_le(buf + 1, u, 4);
            if (buf[4] != 0 || buf[3] != 0) {
                buf[0] = char(BININT);
                n = 5;
            } else if (buf[2] != 0) {
                buf[0] = char(BININT2);
                n = 3;
            } else {
                buf[0] = char(BININT1);
                n = 2;
            }
        } else {
            n = size_t(snprintf(buf, sizeof buf, "%c%lld\n", INT, (long long)v));
        }
        return write(vm, p, buf, n);
    }
    if (p->proto >= 2) {
        // Little-endian two's complement in the fewest bytes (CPython's encode_long).
        uint64_t bits = int_bit_length(obj);
        size_t nbytes = size_t((bits >> 3) + 1);
        Value bo = TRY_BOOL(str_value(vm, "little"));
        Value a[2] = { int_from_u64(vm, nbytes), bo };
        if (a[0].is_null())
            return false;
        Tuple* kw = tuple_pack(vm, { Value::from_object(intern(vm, "signed")) });
        if (!kw)
            return false;
        Value a3[3] = { a[0], a[1], py_true() };
        Value enc = call_method(vm, obj, intern(vm, "to_bytes"), a3, 2, kw);
        if (enc.is_null())
            return false;
        std::string_view d = as_bytes(enc)->view();
        // Drop a redundant sign byte (0xff over a byte whose top bit is set).
        if (d.size() > 1 && (unsigned char)d[d.size() - 1] == 0xff && ((unsigned char)d[d.size() - 2] & 0x80))
            d.remove_suffix(1);
        char hdr[5];
        size_t hn;
        if (d.size() < 256) {
            hdr[0] = char(LONG1);
            hdr[1] = char(d.size());
            hn = 2;
        } else {
            if (d.size() > 0x7fffffff)
                return !raise(vm, exc::OverflowError, "int too large to pickle").is_null();
            hdr[0] = char(LONG4);
            put_le(hdr + 1, d.size(), 4);
            hn = 5;
        }
        return write(vm, p, hdr, hn) && write(vm, p, d);
    }
    Value r = TRY_BOOL(repr(vm, obj));
    return write_op(vm, p, LONG) && write(vm, p, as_str(r)->view()) && write(vm, p, "L\n", 2);
}

bool save_float(VM& vm, Pickler* p, double d)
{
    if (p->bin) {
        char buf[9];
        buf[0] = char(BINFLOAT);
        uint64_t u;
        std::memcpy(&u, &d, 8);
        for (int i = 0; i < 8; ++i)
            buf[1 + i] = char((u >> (8 * (7 - i))) & 0xff);
        return write(vm, p, buf, 9);
    }
    std::string r = float_repr_string(d);
    return write_op(vm, p, FLOAT) && write(vm, p, r) && write(vm, p, "\n", 1);
}

// bytes data of `obj` (bytes, or a PickleBuffer's in-band bytes), then memoized.
bool save_bytes_data(VM& vm, Pickler* p, Value obj, std::string_view d, Value payload)
{
    char hdr[9];
    size_t hn;
    if (d.size() <= 0xff) {
        hdr[0] = char(SHORT_BINBYTES);
        hdr[1] = char(d.size());
        hn = 2;
    } else if (d.size() <= 0xffffffffULL) {
        hdr[0] = char(BINBYTES);
        put_le(hdr + 1, d.size(), 4);
        hn = 5;
    } else if (p->proto >= 4) {
        hdr[0] = char(BINBYTES8);
        put_le(hdr + 1, d.size(), 8);
        hn = 9;
    } else {
        return !raise(vm, exc::OverflowError, "serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher").is_null();
    }
    return write_bytes(vm, p, { hdr, hn }, d, payload) && memo_put(vm, p, obj);
}

bool save_reduce(VM& vm, Pickler* p, Value rv, Value obj);

// (callable, args) with obj memoized after it (CPython's Py_BuildValue + save_reduce).
bool save_reduce_pair(VM& vm, Pickler* p, Value callable, Tuple* args, Value obj)
{
    if (!args)
        return false;
    Tuple* rv = tuple_pack(vm, { callable, Value::from_object(args) });
    return rv && save_reduce(vm, p, Value::from_object(rv), obj);
}

bool save_bytes(VM& vm, Pickler* p, Value obj)
{
    if (p->proto < 3) {
        Bytes* b = as_bytes(obj);
        if (b->size == 0)
            return save_reduce_pair(vm, p, Value::from_object(types.bytes), empty_tuple(), obj);
        State& st = state(vm);
        if (!load_library(vm, st))
            return false;
        // str(obj, 'latin1'): one code point per byte.
        std::string text;
        if (!vm.heap.reserve_buffer(text, b->size * 2))
            return false;
        for (size_t i = 0; i < b->size; ++i) {
            unsigned char c = b->data[i];
            if (c < 0x80) {
                text.push_back(char(c));
            } else {
                text.push_back(char(0xc0 | (c >> 6)));
                text.push_back(char(0x80 | (c & 0x3f)));
            }
        }
        Value s = TRY_BOOL(str_value(vm, text));
        Value enc = TRY_BOOL(str_value(vm, "latin1"));
        return save_reduce_pair(vm, p, st.codecs_encode, tuple_pack(vm, { s, enc }), obj);
    }
    return save_bytes_data(vm, p, obj, as_bytes(obj)->view(), obj);
}

bool save_bytearray_data(VM& vm, Pickler* p, Value obj, std::string_view d)
{
    char hdr[9];
    hdr[0] = char(BYTEARRAY8);
    put_le(hdr + 1, d.size(), 8);
    return write_bytes(vm, p, { hdr, 9 }, d, Value::null()) && memo_put(vm, p, obj);
}

bool save_bytearray(VM& vm, Pickler* p, Value obj)
{
    BufferInfo bi;
    get_buffer(obj, bi);
    if (p->proto < 5) {
        if (bi.size == 0)
            return save_reduce_pair(vm, p, Value::from_object(types.bytearray), empty_tuple(), obj);
        Bytes* b = bytes_new(vm, { reinterpret_cast<char const*>(bi.data), bi.size });
        if (!b)
            return false;
        return save_reduce_pair(vm, p, Value::from_object(types.bytearray), tuple_pack(vm, { Value::from_object(b) }), obj);
    }
    // file.write may run before the bytes are copied (a large payload): the bytearray
    // must not be resized meanwhile.
    BufferHold hold(obj);
    return save_bytearray_data(vm, p, obj, { reinterpret_cast<char const*>(bi.data), bi.size });
}

bool save_picklebuffer(VM& vm, Pickler* p, Value obj)
{
    if (p->proto < 5)
        return !raise_pickling(vm, "PickleBuffer can only pickled with protocol >= 5").is_null();
    auto* pb = static_cast<PickleBuffer*>(obj.as_object());
    BufferInfo bi;
    if (pb->view.is_null() || !get_buffer(pb->view, bi))
        return !raise(vm, exc::ValueError, "operation forbidden on released PickleBuffer object").is_null();
    bool in_band = true;
    if (!p->buffer_callback.is_null()) {
        Value r = TRY_BOOL(call1(vm, p->buffer_callback, obj));
        int t = truthy(vm, r);
        if (t < 0)
            return false;
        in_band = t != 0;
    }
    if (in_band) {
        get_buffer(pb->view, bi); // the callback may have changed it
        std::string_view d(reinterpret_cast<char const*>(bi.data), bi.size);
        if (bi.readonly)
            return save_bytes_data(vm, p, obj, d, Value::null());
        return save_bytearray_data(vm, p, obj, d);
    }
    if (!write_op(vm, p, NEXT_BUFFER))
        return false;
    return !bi.readonly || write_op(vm, p, READONLY_BUFFER);
}

// raw-unicode-escape with \, NUL, \n, \r and \x1a escaped too (protocol 0's UNICODE).
bool save_unicode_text(VM& vm, Pickler* p, String* s)
{
    std::string out;
    std::string_view v = s->view();
    if (!vm.heap.reserve_buffer(out, v.size() + 2))
        return false;
    bool ok = vm.heap.native_build([&] {
        out.clear();
        size_t i = 0;
        while (i < v.size()) {
            uint32_t c = utf8_decode(v, i);
            char buf[16];
            if (c == '\\' || c == 0 || c == '\n' || c == '\r' || c == 0x1a) {
                snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else if (c < 0x100) {
                out.push_back(char(c));
            } else if (c < 0x10000) {
                snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                snprintf(buf, sizeof buf, "\\U%08x", c);
                out += buf;
            }
        }
    });
    if (!ok)
        return false;
    return write_op(vm, p, UNICODE) && write(vm, p, out) && write(vm, p, "\n", 1);
}

bool save_unicode(VM& vm, Pickler* p, Value obj)
{
    String* s = as_str(obj);
    if (p->bin) {
        // slpy keeps lone surrogates as their 3-byte sequences: this is utf-8 with
        // "surrogatepass", what CPython writes.
        std::string_view d = s->view();
        char hdr[9];
        size_t hn;
        if (d.size() <= 0xff && p->proto >= 4) {
            hdr[0] = char(SHORT_BINUNICODE);
            hdr[1] = char(d.size());
            hn = 2;
        } else if (d.size() > 0xffffffffULL) {
            if (p->proto < 4)
                return !raise(vm, exc::OverflowError, "serializing a string larger than 4 GiB requires pickle protocol 4 or higher").is_null();
            hdr[0] = char(BINUNICODE8);
            put_le(hdr + 1, d.size(), 8);
            hn = 9;
        } else {
            hdr[0] = char(BINUNICODE);
            put_le(hdr + 1, d.size(), 4);
            hn = 5;
        }
        if (!write_bytes(vm, p, { hdr, hn }, d, Value::null()))
            return false;
    } else if (!save_unicode_text(vm, p, s)) {
        return false;
    }
    return memo_put(vm, p, obj);
}

// ------------------------------------------------------------------ containers

bool save_tuple(VM& vm, Pickler* p, Value obj)
{
    Tuple* t = as_tuple(obj);
    size_t n = t->size;
    if (n == 0) {
        if (p->bin)
            return write_op(vm, p, EMPTY_TUPLE);
        return write(vm, p, "(t", 2);
    }
    if (n <= 3 && p->proto >= 2) {
        for (size_t i = 0; i < n; ++i)
            if (!save(vm, p, t->items[i]))
                return false;
        int64_t idx = memo_lookup(p, obj);
        if (idx >= 0) {
            // A recursive tuple: it was pickled while its items were; fetch that one.
            for (size_t i = 0; i < n; ++i)
                if (!write_op(vm, p, POP))
                    return false;
            return memo_get(vm, p, uint32_t(idx));
        }
        static unsigned char const codes[] = { 0, TUPLE1, TUPLE2, TUPLE3 };
        return write_op(vm, p, codes[n]) && memo_put(vm, p, obj);
    }
    if (!write_op(vm, p, MARK))
        return false;
    for (size_t i = 0; i < n; ++i)
        if (!save(vm, p, t->items[i]))
            return false;
    int64_t idx = memo_lookup(p, obj);
    if (idx >= 0) {
        if (p->bin) {
            if (!write_op(vm, p, POP_MARK))
                return false;
        } else {
            for (size_t i = 0; i <= n; ++i)
                if (!write_op(vm, p, POP))
                    return false;
        }
        return memo_get(vm, p, uint32_t(idx));
    }
    return write_op(vm, p, TUPLE) && memo_put(vm, p, obj);
}

// Items of any iterator: protocol 0 APPENDs one by one, else batches.
bool batch_list(VM& vm, Pickler* p, Value iter)
{
    if (p->proto == 0) {
        for (;;) {
            Value x = iter_next(vm, iter);
            if (x.is_null())
                return false;
            if (x.is_stop_iteration())
                return true;
            if (!save(vm, p, x) || !write_op(vm, p, APPEND))
                return false;
        }
    }
    for (;;) {
        Value first = iter_next(vm, iter);
        if (first.is_null())
            return false;
        if (first.is_stop_iteration())
            return true;
        Value x = iter_next(vm, iter);
        if (x.is_null())
            return false;
        if (x.is_stop_iteration())
            return save(vm, p, first) && write_op(vm, p, APPEND);
        if (!write_op(vm, p, MARK) || !save(vm, p, first))
            return false;
        size_t n = 1;
        while (!x.is_stop_iteration()) {
            if (!save(vm, p, x))
                return false;
            if (++n == kBatchSize)
                break;
            x = iter_next(vm, iter);
            if (x.is_null())
                return false;
        }
        if (!write_op(vm, p, APPENDS))
            return false;
        if (n != kBatchSize)
            return true;
    }
}

// An exact list, read by index (its items may change while they are pickled).
bool batch_list_exact(VM& vm, Pickler* p, List* l)
{
    if (l->size == 1) {
        Value item = l->items()[0];
        return save(vm, p, item) && write_op(vm, p, APPEND);
    }
    size_t total = 0;
    do {
        size_t this_batch = 0;
        if (!write_op(vm, p, MARK))
            return false;
        while (total < l->size) {
            Value item = l->items()[total];
            if (!save(vm, p, item))
                return false;
            ++total;
            if (++this_batch == kBatchSize)
                break;
        }
        if (!write_op(vm, p, APPENDS))
            return false;
    } while (total < l->size);
    return true;
}

bool save_list(VM& vm, Pickler* p, Value obj)
{
    if (p->bin ? !write_op(vm, p, EMPTY_LIST) : !write(vm, p, "(l", 2))
        return false;
    if (!memo_put(vm, p, obj))
        return false;
    List* l = as_list(obj);
    if (l->size == 0)
        return true;
    if (type_of(obj) == types.list && p->proto > 0)
        return batch_list_exact(vm, p, l);
    Value it = TRY_BOOL(get_iter(vm, obj));
    return batch_list(vm, p, it);
}

// (key, value) pairs from an iterator (dict.items() or a reduce's dictitems).
bool save_pair(VM& vm, Pickler* p, Value item)
{
    Tuple* t = as_tuple(item);
    if (!t || type_of(item) != types.tuple || t->size != 2)
        return !raise(vm, exc::TypeError, "dict items iterator must return 2-tuples").is_null();
    return save(vm, p, t->items[0]) && save(vm, p, t->items[1]);
}

bool batch_dict(VM& vm, Pickler* p, Value iter)
{
    if (p->proto == 0) {
        for (;;) {
            Value x = iter_next(vm, iter);
            if (x.is_null())
                return false;
            if (x.is_stop_iteration())
                return true;
            if (!save_pair(vm, p, x) || !write_op(vm, p, SETITEM))
                return false;
        }
    }
    for (;;) {
        Value first = iter_next(vm, iter);
        if (first.is_null())
            return false;
        if (first.is_stop_iteration())
            return true;
        Value x = iter_next(vm, iter);
        if (x.is_null())
            return false;
        if (x.is_stop_iteration())
            return save_pair(vm, p, first) && write_op(vm, p, SETITEM);
        if (!write_op(vm, p, MARK) || !save_pair(vm, p, first))
            return false;
        size_t n = 1;
        while (!x.is_stop_iteration()) {
            if (!save_pair(vm, p, x))
                return false;
            if (++n == kBatchSize)
                break;
            x = iter_next(vm, iter);
            if (x.is_null())
                return false;
        }
        if (!write_op(vm, p, SETITEMS))
            return false;
        if (n != kBatchSize)
            return true;
    }
}

bool batch_dict_exact(VM& vm, Pickler* p, Dict* d)
{
    size_t dict_size = d->used;
    size_t pos = 0;
    Value k, v;
    if (dict_size == 1) {
        if (!dict_next(d, pos, k, v))
            return true;
        return save(vm, p, k) && save(vm, p, v) && write_op(vm, p, SETITEM);
    }
    size_t i;
    do {
        i = 0;
        if (!write_op(vm, p, MARK))
            return false;
        while (dict_next(d, pos, k, v)) {
            if (!save(vm, p, k) || !save(vm, p, v))
                return false;
            if (++i == kBatchSize)
                break;
        }
        if (!write_op(vm, p, SETITEMS))
            return false;
        if (d->used != dict_size)
            return !raise(vm, exc::RuntimeError, "dictionary changed size during iteration").is_null();
    } while (i == kBatchSize);
    return true;
}

bool save_dict(VM& vm, Pickler* p, Value obj)
{
    if (p->bin ? !write_op(vm, p, EMPTY_DICT) : !write(vm, p, "(d", 2))
        return false;
    if (!memo_put(vm, p, obj))
        return false;
    Dict* d = as_dict(obj);
    if (d->used == 0)
        return true;
    if (type_of(obj) == types.dict && p->proto > 0)
        return batch_dict_exact(vm, p, d);
    Value items = TRY_BOOL(call_method(vm, obj, intern(vm, "items"), nullptr, 0));
    Value it = TRY_BOOL(get_iter(vm, items));
    return batch_dict(vm, p, it);
}

bool save_set(VM& vm, Pickler* p, Value obj)
{
    if (p->proto < 4) {
        List* items = list_from_iterable(vm, obj);
        if (!items)
            return false;
        return save_reduce_pair(vm, p, Value::from_object(types.set), tuple_pack(vm, { Value::from_object(items) }), obj);
    }
    if (!write_op(vm, p, EMPTY_SET) || !memo_put(vm, p, obj))
        return false;
    SetObject* so = as_set(obj);
    int64_t set_size = so->used;
    if (set_size == 0)
        return true;
    int64_t pos = 0;
    size_t i;
    do {
        i = 0;
        if (!write_op(vm, p, MARK))
            return false;
        Value key;
        int64_t h;
        while (set_next(so, pos, key, h)) {
            if (!save(vm, p, key))
                return false;
            if (++i == kBatchSize)
                break;
        }
        if (!write_op(vm, p, ADDITEMS))
            return false;
        if (so->used != set_size)
            return !raise(vm, exc::RuntimeError, "set changed size during iteration").is_null();
    } while (i == kBatchSize);
    return true;
}

bool save_frozenset(VM& vm, Pickler* p, Value obj)
{
    if (p->proto < 4) {
        List* items = list_from_iterable(vm, obj);
        if (!items)
            return false;
        return save_reduce_pair(vm, p, Value::from_object(types.frozenset), tuple_pack(vm, { Value::from_object(items) }), obj);
    }
    if (!write_op(vm, p, MARK))
        return false;
    SetObject* so = as_frozenset(obj);
    int64_t pos = 0;
    Value key;
    int64_t h;
    while (set_next(so, pos, key, h))
        if (!save(vm, p, key))
            return false;
    int64_t idx = memo_lookup(p, obj);
    if (idx >= 0)
        return write_op(vm, p, POP_MARK) && memo_get(vm, p, uint32_t(idx));
    return write_op(vm, p, FROZENSET) && memo_put(vm, p, obj);
}

// ------------------------------------------------------------------ globals

// name.split('.'), refusing "<locals>" (CPython's get_dotted_path with no object).
List* dotted_path(VM& vm, String* name, Value obj)
{
    List* parts = list_new(vm);
    if (!parts)
        return nullptr;
    std::string_view v = name->view();
    size_t start = 0;
    for (;;) {
        size_t dot = v.find('.', start);
        std::string_view part = v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (part == "<locals>") {
            if (obj.is_null())
                raise_fmt(vm, exc::AttributeError, "Can't pickle local object %s", repr_text(vm, Value::from_object(name)).c_str());
            else
                raise_fmt(vm, exc::AttributeError, "Can't pickle local attribute %s on %s", repr_text(vm, Value::from_object(name)).c_str(),
                          repr_text(vm, obj).c_str());
            return nullptr;
        }
        String* s = intern(vm, part);
        if (!s || !list_append(vm, parts, Value::from_object(s)))
            return nullptr;
        if (dot == std::string_view::npos)
            return parts;
        start = dot + 1;
    }
}

// getattr along the path; `parent` gets the last object looked into. Null with
// AttributeError pending.
Value deep_attribute(VM& vm, Value obj, List* path, Value* parent)
{
    for (size_t i = 0; i < path->size; ++i) {
        if (parent)
            *parent = obj;
        obj = TRY(getattr(vm, obj, as_str(path->items()[i])));
    }
    return obj;
}

// The module name of a global (CPython's whichmodule).
Value which_module(VM& vm, Value obj, List* path)
{
    Value m = getattr_opt(vm, obj, intern(vm, "__module__"));
    if (m.is_null())
        return m;
    if (!m.is_not_found() && !is_none(m))
        return m;
    Value sys = TRY(import_absolute(vm, intern(vm, "sys")));
    Value modules = TRY(getattr(vm, sys, intern(vm, "modules")));
    if (Dict* d = as_dict(modules)) {
        Dict* copy = dict_copy(vm, d);
        if (!copy)
            return Value::null();
        size_t pos = 0;
        Value name, mod;
        while (dict_next(copy, pos, name, mod)) {
            String* s = as_str(name);
            if (!s || s->view() == "__main__" || s->view() == "__mp_main__" || is_none(mod))
                continue;
            Value c = deep_attribute(vm, mod, path, nullptr);
            if (c.is_null()) {
                vm.clear_error();
                continue;
            }
            if (c.is(obj))
                return name;
        }
    }
    return Value::from_object(intern(vm, "__main__"));
}

// Old names for protocols 0-2 (_compat_pickle's reverse mappings).
bool fix_imports(VM& vm, State& st, Value& module_name, Value& global_name)
{
    Tuple* key = tuple_pack(vm, { module_name, global_name });
    if (!key)
        return false;
    Value item = dict_get(vm, as_dict(st.name_mapping_3to2), Value::from_object(key));
    if (item.is_null() && !vm.error().is_null())
        return false;
    if (!item.is_null() && !item.is_not_found()) {
        Tuple* t = as_tuple(item);
        if (!t || t->size != 2) {
            raise_fmt(vm, exc::RuntimeError, "_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, not %.200s", type_name(item));
            return false;
        }
        if (!is_str(t->items[0]) || !is_str(t->items[1])) {
            raise_fmt(vm, exc::RuntimeError, "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, not (%.200s, %.200s)",
                      type_name(t->items[0]), type_name(t->items[1]));
            return false;
        }
        module_name = t->items[0];
        global_name = t->items[1];
        return true;
    }
    item = dict_get(vm, as_dict(st.import_mapping_3to2), module_name);
    if (item.is_null() && !vm.error().is_null())
        return false;
    if (!item.is_null() && !item.is_not_found()) {
        if (!is_str(item)) {
            raise_fmt(vm, exc::RuntimeError, "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings, not %.200s", type_name(item));
            return false;
        }
        module_name = item;
    }
    return true;
}

bool is_ascii(std::string_view s)
{
    for (unsigned char c : s)
        if (c >= 0x80)
            return false;
    return true;
}

bool save_global(VM& vm, Pickler* p, Value obj, Value name)
{
    State& st = state(vm);
    if (!load_library(vm, st))
        return false;
    Value global_name = name;
    if (global_name.is_null()) {
        global_name = getattr_opt(vm, obj, intern(vm, "__qualname__"));
        if (global_name.is_null())
            return false;
        if (global_name.is_not_found())
            global_name = TRY_BOOL(getattr(vm, obj, intern(vm, "__name__")));
    }
    if (!is_str(global_name)) {
        raise_fmt(vm, exc::TypeError, "attribute name must be string, not '%.200s'", type_name(global_name));
        return false;
    }
    List* path = dotted_path(vm, as_str(global_name), Value::null());
    if (!path)
        return false;
    Value module_name = TRY_BOOL(which_module(vm, obj, path));
    if (!is_str(module_name)) {
        raise_fmt(vm, exc::TypeError, "module name must be str, not %.200s", type_name(module_name));
        return false;
    }
    // CPython's module names are interned strings, so a name pickled twice is memoized
    // once (sys.modules' key and a type's __module__ are one object there).
    if (type_of(module_name) == types.str) {
        String* interned = intern(vm, as_str(module_name));
        if (!interned)
            return false;
        module_name = Value::from_object(interned);
    }
    Value module = import_absolute(vm, as_str(module_name));
    if (module.is_null()) {
        vm.clear_error();
        raise_pickling(vm, "Can't pickle " + repr_text(vm, obj) + ": import of module " + repr_text(vm, module_name) + " failed");
        return false;
    }
    Value parent;
    Value cls = deep_attribute(vm, module, path, &parent);
    if (cls.is_null()) {
        vm.clear_error();
        raise_pickling(vm, "Can't pickle " + repr_text(vm, obj) + ": attribute lookup " + std::string(as_str(global_name)->view()) + " on "
                               + std::string(as_str(module_name)->view()) + " failed");
        return false;
    }
    if (!cls.is(obj)) {
        raise_pickling(vm, "Can't pickle " + repr_text(vm, obj) + ": it's not the same object as " + std::string(as_str(module_name)->view())
                               + "." + std::string(as_str(global_name)->view()));
        return false;
    }
    Value lastname = path->items()[path->size - 1];
    if (p->proto >= 2) {
        Tuple* key = tuple_pack(vm, { module_name, global_name });
        if (!key)
            return false;
        Value code_obj = dict_get(vm, as_dict(st.extension_registry), Value::from_object(key));
        if (code_obj.is_null() && !vm.error().is_null())
            return false;
        if (!code_obj.is_null() && !code_obj.is_not_found()) {
            if (!is_int(code_obj)) {
                raise_pickling(vm, "Can't pickle " + repr_text(vm, obj) + ": extension code " + repr_text(vm, code_obj) + " isn't an integer");
                return false;
            }
            int64_t code;
            if (!int_to_i64(code_obj, code) || code <= 0 || code > 0x7fffffff) {
                raise_pickling(vm, "Can't pickle " + repr_text(vm, obj) + ": extension code " + repr_text(vm, code_obj) + " is out of range");
                return false;
            }
            char buf[5];
            size_t n;
            if (code <= 0xff) {
                buf[0] = char(EXT1);
                buf[1] = char(code);
                n = 2;
            } else if (code <= 0xffff) {
                buf[0] = char(EXT2);
                put_le(buf + 1, uint64_t(code), 2);
                n = 3;
            } else {
                buf[0] = char(EXT4);
                put_le(buf + 1, uint64_t(code), 4);
                n = 5;
            }
            return write(vm, p, buf, n);
        }
    }
    if (parent.is(module))
        global_name = lastname;
    if (p->proto >= 4) {
        if (!save(vm, p, module_name) || !save(vm, p, global_name) || !write_op(vm, p, STACK_GLOBAL))
            return false;
    } else if (!parent.is(module)) {
        Value ga = TRY_BOOL(reduce_module_attr(vm, "builtins", "getattr"));
        Tuple* rv = tuple_pack(vm, { ga, Value::from_object(tuple_pack(vm, { parent, lastname })) });
        if (!rv || !save_reduce(vm, p, Value::from_object(rv), Value::null()))
            return false;
    } else {
        if (p->proto < 3 && p->fix_imports && !fix_imports(vm, st, module_name, global_name))
            return false;
        std::string_view mn = as_str(module_name)->view(), gn = as_str(global_name)->view();
        if (p->proto < 3 && !is_ascii(mn)) {
            raise_pickling(vm, "can't pickle module identifier '" + std::string(mn) + "' using pickle protocol " + std::to_string(p->proto));
            return false;
        }
        if (p->proto < 3 && !is_ascii(gn)) {
            raise_pickling(vm, "can't pickle global identifier '" + std::string(gn) + "' using pickle protocol " + std::to_string(p->proto));
            return false;
        }
        if (!write_op(vm, p, GLOBAL) || !write(vm, p, mn) || !write(vm, p, "\n", 1) || !write(vm, p, gn) || !write(vm, p, "\n", 1))
            return false;
    }
    return memo_put(vm, p, obj);
}

bool save_singleton_type(VM& vm, Pickler* p, Value obj, Value singleton)
{
    return save_reduce_pair(vm, p, Value::from_object(types.type), tuple_pack(vm, { singleton }), obj);
}

bool save_type(VM& vm, Pickler* p, Value obj)
{
    if (obj.is(Value::from_object(types.none)))
        return save_singleton_type(vm, p, obj, py_none());
    if (obj.is(Value::from_object(types.ellipsis)))
        return save_singleton_type(vm, p, obj, py_ellipsis());
    if (obj.is(Value::from_object(types.not_implemented)))
        return save_singleton_type(vm, p, obj, py_not_implemented());
    return save_global(vm, p, obj, Value::null());
}

// persistent_id(obj): 1 when saved as a persistent id, 0 when not one, -1 error.
int save_pers(VM& vm, Pickler* p, Value obj)
{
    Value pid = call1(vm, p->pers_func, obj);
    if (pid.is_null())
        return -1;
    if (is_none(pid))
        return 0;
    if (p->bin) {
        if (!save(vm, p, pid, true) || !write_op(vm, p, BINPERSID))
            return -1;
        return 1;
    }
    Value s = to_str(vm, pid);
    if (s.is_null())
        return -1;
    std::string_view v = as_str(s)->view();
    if (!is_ascii(v)) {
        raise_pickling(vm, "persistent IDs in protocol 0 must be ASCII strings");
        return -1;
    }
    if (!write_op(vm, p, PERSID) || !write(vm, p, v) || !write(vm, p, "\n", 1))
        return -1;
    return 1;
}

// ------------------------------------------------------------------ reduce

bool save_reduce(VM& vm, Pickler* p, Value rv, Value obj)
{
    TypeObject* pickling_error = state(vm).pickling_error;
    Tuple* t = as_tuple(rv);
    if (!t)
        return !raise_pickling(vm, "__reduce__ must return a string or tuple").is_null();
    size_t size = t->size;
    if (size < 2 || size > 6)
        return !raise_pickling(vm, "tuple returned by __reduce__ must contain 2 through 6 elements").is_null();
    Value callable = t->items[0];
    Value argtup = t->items[1];
    Value st_val = size > 2 ? t->items[2] : Value::null();
    Value listitems = size > 3 ? t->items[3] : Value::null();
    Value dictitems = size > 4 ? t->items[4] : Value::null();
    Value state_setter = size > 5 ? t->items[5] : Value::null();
    if (!st_val.is_null() && is_none(st_val))
        st_val = Value::null();
    if (!listitems.is_null() && is_none(listitems))
        listitems = Value::null();
    if (!dictitems.is_null() && is_none(dictitems))
        dictitems = Value::null();
    if (!state_setter.is_null() && is_none(state_setter))
        state_setter = Value::null();
    if (!is_callable(callable))
        return !raise_pickling(vm, "first item of the tuple returned by __reduce__ must be callable").is_null();
    if (!as_tuple(argtup))
        return !raise_pickling(vm, "second item of the tuple returned by __reduce__ must be a tuple").is_null();
    if (!listitems.is_null()) {
        Value nx = getattr_opt(vm, listitems, intern(vm, "__next__"));
        if (nx.is_null())
            return false;
        if (nx.is_not_found()) {
            raise_fmt(vm, pickling_error, "fourth element of the tuple returned by __reduce__ must be an iterator, not %s",
                      type_name(listitems));
            return false;
        }
    }
    if (!dictitems.is_null()) {
        Value nx = getattr_opt(vm, dictitems, intern(vm, "__next__"));
        if (nx.is_null())
            return false;
        if (nx.is_not_found()) {
            raise_fmt(vm, pickling_error, "fifth element of the tuple returned by __reduce__ must be an iterator, not %s",
                      type_name(dictitems));
            return false;
        }
    }
    if (!state_setter.is_null() && !is_callable(state_setter)) {
        raise_fmt(vm, pickling_error, "sixth element of the tuple returned by __reduce__ must be a function, not %s",
                  type_name(state_setter));
        return false;
    }
    bool use_newobj = false, use_newobj_ex = false;
    if (p->proto >= 2) {
        Value name = getattr_opt(vm, callable, intern(vm, "__name__"));
        if (name.is_null())
            return false;
        if (!name.is_not_found() && is_str(name)) {
            use_newobj_ex = as_str(name)->view() == "__newobj_ex__";
            if (!use_newobj_ex)
                use_newobj = as_str(name)->view() == "__newobj__";
        }
    }
    Tuple* args = as_tuple(argtup);
    if (use_newobj_ex) {
        if (args->size != 3) {
            raise_fmt(vm, pickling_error, "length of the NEWOBJ_EX argument tuple must be exactly 3, not %zd", args->size);
            return false;
        }
        Value cls = args->items[0];
        if (!is_instance_fast(cls, types.type)) {
            raise_fmt(vm, pickling_error, "first item from NEWOBJ_EX argument tuple must be a class, not %.200s", type_name(cls));
            return false;
        }
        Value a = args->items[1];
        if (!as_tuple(a)) {
            raise_fmt(vm, pickling_error, "second item from NEWOBJ_EX argument tuple must be a tuple, not %.200s", type_name(a));
            return false;
        }
        Value kw = args->items[2];
        if (!as_dict(kw)) {
            raise_fmt(vm, pickling_error, "third item from NEWOBJ_EX argument tuple must be a dict, not %.200s", type_name(kw));
            return false;
        }
        if (p->proto >= 4) {
            if (!save(vm, p, cls) || !save(vm, p, a) || !save(vm, p, kw) || !write_op(vm, p, NEWOBJ_EX))
                return false;
        } else {
            State& st = state(vm);
            if (!load_library(vm, st))
                return false;
            Tuple* at = as_tuple(a);
            Tuple* newargs = tuple_new(vm, at->size + 2);
            if (!newargs)
                return false;
            newargs->items[0] = TRY_BOOL(getattr(vm, cls, intern(vm, "__new__")));
            newargs->items[1] = cls;
            for (size_t i = 0; i < at->size; ++i)
                newargs->items[i + 2] = at->items[i];
            Value part = TRY_BOOL(call_with_kwargs(vm, st.partial, newargs->items, newargs->size, kw));
            if (!save(vm, p, part) || !save(vm, p, Value::from_object(empty_tuple())) || !write_op(vm, p, REDUCE))
                return false;
        }
    } else if (use_newobj) {
        if (args->size < 1)
            return !raise_pickling(vm, "__newobj__ arglist is empty").is_null();
        Value cls = args->items[0];
        if (!is_instance_fast(cls, types.type))
            return !raise_pickling(vm, "args[0] from __newobj__ args is not a type").is_null();
        if (!obj.is_null()) {
            Value oc = getattr(vm, obj, intern(vm, "__class__"));
            if (oc.is_null())
                return false;
            if (!oc.is(cls))
                return !raise_pickling(vm, "args[0] from __newobj__ args has the wrong class").is_null();
        }
        Tuple* rest = tuple_from_array(vm, args->items + 1, args->size - 1);
        if (!rest)
            return false;
        if (!save(vm, p, cls) || !save(vm, p, Value::from_object(rest)) || !write_op(vm, p, NEWOBJ))
            return false;
    } else {
        if (!save(vm, p, callable) || !save(vm, p, argtup) || !write_op(vm, p, REDUCE))
            return false;
    }
    if (!obj.is_null()) {
        int64_t idx = memo_lookup(p, obj);
        if (idx >= 0) {
            if (!write_op(vm, p, POP) || !memo_get(vm, p, uint32_t(idx)))
                return false;
        } else if (!memo_put(vm, p, obj)) {
            return false;
        }
    }
    if (!listitems.is_null() && !batch_list(vm, p, listitems))
        return false;
    if (!dictitems.is_null() && !batch_dict(vm, p, dictitems))
        return false;
    if (!st_val.is_null()) {
        if (state_setter.is_null()) {
            if (!save(vm, p, st_val) || !write_op(vm, p, BUILD))
                return false;
        } else {
            if (!save(vm, p, state_setter) || !save(vm, p, obj) || !save(vm, p, st_val) || !write_op(vm, p, TUPLE2)
                || !write_op(vm, p, REDUCE) || !write_op(vm, p, POP))
                return false;
        }
    }
    return true;
}

// Fast mode's cycle check (CPython's fast_save_enter/leave): past 50 levels the objects
// on the current path are recorded and meeting one again is an error.
constexpr int kFastNestingLimit = 50;

bool fast_save_enter(VM& vm, Pickler* p, Value obj)
{
    if (++p->fast_nesting < kFastNestingLimit)
        return true;
    if (!p->fast_memo) {
        p->fast_memo = dict_new(vm);
        if (!p->fast_memo)
            return false;
    }
    Value key = TRY_BOOL(int_from_u64(vm, obj.bits()));
    Value have = dict_get(vm, p->fast_memo, key);
    if (have.is_null())
        return false;
    if (!have.is_not_found()) {
        raise_fmt(vm, exc::ValueError, "fast mode: can't pickle cyclic objects including object type %.200s at %p", type_name(obj),
                  reinterpret_cast<void*>(obj.bits()));
        p->fast_nesting = -1;
        return false;
    }
    return dict_set(vm, p->fast_memo, key, py_none());
}

bool fast_save_leave(VM& vm, Pickler* p, Value obj)
{
    if (p->fast_nesting-- >= kFastNestingLimit) {
        Value key = TRY_BOOL(int_from_u64(vm, obj.bits()));
        if (dict_del(vm, p->fast_memo, key) < 0)
            return false;
    }
    return true;
}

bool save_container(VM& vm, Pickler* p, Value obj, bool (*fn)(VM&, Pickler*, Value))
{
    if (p->fast && !fast_save_enter(vm, p, obj))
        return false;
    bool ok = fn(vm, p, obj);
    if (p->fast && ok)
        ok = fast_save_leave(vm, p, obj);
    return ok;
}

bool save(VM& vm, Pickler* p, Value obj, bool pers_save)
{
    if (!opcode_boundary(vm, p))
        return false;
    if (!pers_save && !p->pers_func.is_null()) {
        int r = save_pers(vm, p, obj);
        if (r != 0)
            return r > 0;
    }
    TypeObject* type = type_of(obj);
    if (is_none(obj))
        return write_op(vm, p, NONE);
    if (obj.is(py_true()) || obj.is(py_false())) {
        if (p->proto >= 2)
            return write_op(vm, p, obj.is(py_true()) ? NEWTRUE : NEWFALSE);
        return write(vm, p, obj.is(py_true()) ? "I01\n" : "I00\n", 4);
    }
    if (type == types.int_)
        return save_long(vm, p, obj);
    if (type == types.float_)
        return save_float(vm, p, float_unwrap(obj));
    int64_t idx = memo_lookup(p, obj);
    if (idx >= 0)
        return memo_get(vm, p, uint32_t(idx));
    if (type == types.bytes)
        return save_bytes(vm, p, obj);
    if (type == types.str)
        return save_unicode(vm, p, obj);

    NestingGuard guard(vm, " while pickling an object");
    if (!guard.ok())
        return false;
    if (type == types.dict)
        return save_container(vm, p, obj, save_dict);
    if (type == types.set)
        return save_set(vm, p, obj);
    if (type == types.frozenset)
        return save_frozenset(vm, p, obj);
    if (type == types.list)
        return save_container(vm, p, obj, save_list);
    if (type == types.tuple)
        return save_container(vm, p, obj, save_tuple);
    if (type == types.bytearray)
        return save_bytearray(vm, p, obj);
    State& st = state(vm);
    if (type == st.buffer_type)
        return save_picklebuffer(vm, p, obj);

    Value rv;
    if (!p->reducer_override.is_null()) {
        rv = TRY_BOOL(call1(vm, p->reducer_override, obj));
        if (rv.is(py_not_implemented()))
            rv = Value::null();
    }
    if (rv.is_null()) {
        if (type == types.type)
            return save_type(vm, p, obj);
        if (type == types.function)
            return save_global(vm, p, obj, Value::null());
        Value reduce_func;
        if (p->dispatch_table.is_null()) {
            if (!load_library(vm, st))
                return false;
            reduce_func = dict_get(vm, as_dict(st.dispatch_table), Value::from_object(type));
            if (reduce_func.is_null())
                return false;
            if (reduce_func.is_not_found())
                reduce_func = Value::null();
        } else {
            reduce_func = getitem(vm, p->dispatch_table, Value::from_object(type));
            if (reduce_func.is_null()) {
                if (!vm.error_matches(exc::KeyError))
                    return false;
                vm.clear_error();
            }
        }
        if (!reduce_func.is_null()) {
            rv = TRY_BOOL(call1(vm, reduce_func, obj));
        } else if (is_subtype(type, types.type)) {
            return save_global(vm, p, obj, Value::null());
        } else {
            reduce_func = getattr_opt(vm, obj, intern(vm, "__reduce_ex__"));
            if (reduce_func.is_null())
                return false;
            if (!reduce_func.is_not_found()) {
                rv = TRY_BOOL(call1(vm, reduce_func, Value::small_int(p->proto)));
            } else {
                reduce_func = getattr_opt(vm, obj, intern(vm, "__reduce__"));
                if (reduce_func.is_null())
                    return false;
                if (reduce_func.is_not_found()) {
                    raise_pickling(vm, "can't pickle '" + std::string(type_name(obj)) + "' object: " + repr_text(vm, obj));
                    return false;
                }
                rv = TRY_BOOL(call0(vm, reduce_func));
            }
        }
    }
    if (is_str(rv))
        return save_global(vm, p, obj, rv);
    if (!as_tuple(rv))
        return !raise_pickling(vm, "__reduce__ must return a string or tuple").is_null();
    return save_reduce(vm, p, rv, obj);
}

// ------------------------------------------------------------------ the type

bool check_inited(VM& vm, Pickler* p)
{
    if (p->inited)
        return true;
    raise_fmt(vm, state(vm).pickling_error, "Pickler.__init__() was not called by %s.__init__()", type_name(Value::from_object(p)));
    return false;
}

bool dump(VM& vm, Pickler* p, Value obj)
{
    Value ro = getattr_opt(vm, Value::from_object(p), intern(vm, "reducer_override"));
    if (ro.is_null())
        return false;
    p->reducer_override = ro.is_not_found() ? Value::null() : ro;
    bool ok = true;
    if (p->proto >= 2) {
        char hdr[2] = { char(PROTO), char(p->proto) };
        ok = write(vm, p, hdr, 2);
        if (p->proto >= 4)
            p->framing = true;
    }
    ok = ok && save(vm, p, obj) && write_op(vm, p, STOP);
    if (ok)
        commit_frame(p);
    p->framing = false;
    p->frame_start = -1;
    // The bound method would keep the pickler (and all its memo) in a cycle.
    p->reducer_override = Value::null();
    return ok;
}

void pickler_trace(Object* self, Tracer& t)
{
    auto* p = static_cast<Pickler*>(self);
    t.visit(p->write);
    t.visit(p->pers_func);
    t.visit(p->dispatch_table);
    t.visit(p->reducer_override);
    t.visit(p->buffer_callback);
    t.visit(p->memo_objs);
    t.visit(p->fast_memo);
}

void pickler_finalize(Object* self)
{
    auto* p = static_cast<Pickler*>(self);
    delete p->memo;
    delete p->out;
    p->memo = nullptr;
    p->out = nullptr;
}

SLPY_P_FN(pickler_new)
{
    (void)nargs;
    (void)kwnames;
    auto* type = static_cast<TypeObject*>(args[0].as_object());
    auto* p = static_cast<Pickler*>(alloc_instance(vm, type));
    if (!p)
        return Value::null();
    p->frame_start = -1;
    p->memo_objs = list_new(vm);
    if (!p->memo_objs)
        return Value::null();
    if (!vm.heap.native_build([&] {
            p->memo = new IdMemo();
            p->out = new std::string();
        }))
        return Value::null();
    return Value::from_object(p);
}

// The protocol argument: None -> the default, negative -> the highest.
bool parse_protocol(VM& vm, Value v, int& proto)
{
    if (v.is_null() || is_none(v)) {
        proto = kDefaultProtocol;
        return true;
    }
    int64_t n;
    if (!index_i64(vm, v, n))
        return false;
    if (n < 0)
        n = kHighestProtocol;
    else if (n > kHighestProtocol) {
        raise_fmt(vm, exc::ValueError, "pickle protocol must be <= %d", kHighestProtocol);
        return false;
    }
    proto = int(n);
    return true;
}

// Shared by Pickler.__init__ and dump()/dumps(): file may be null (dumps).
bool pickler_init(VM& vm, Pickler* p, Value file, Value protocol, Value fix, Value buffer_callback)
{
    int proto;
    if (!parse_protocol(vm, protocol, proto))
        return false;
    p->proto = proto;
    p->bin = proto > 0;
    p->fix_imports = true;
    if (!fix.is_null()) {
        int t = truthy(vm, fix);
        if (t < 0)
            return false;
        p->fix_imports = t != 0;
    }
    if (!buffer_callback.is_null() && !is_none(buffer_callback)) {
        if (proto < 5)
            return !raise(vm, exc::ValueError, "buffer_callback needs protocol >= 5").is_null();
        p->buffer_callback = buffer_callback;
    } else {
        p->buffer_callback = Value::null();
    }
    if (!file.is_null()) {
        Value w = getattr_opt(vm, file, intern(vm, "write"));
        if (w.is_null())
            return false;
        if (w.is_not_found())
            return !raise(vm, exc::TypeError, "file must have a 'write' attribute").is_null();
        p->write = w;
    }
    p->memo->clear();
    p->memo_objs->size = 0;
    p->out->clear();
    p->frame_start = -1;
    p->framing = false;
    p->fast = false;
    p->fast_nesting = 0;
    // A subclass's persistent_id method and dispatch_table attribute (or ones set on
    // the instance) take part, as in CPython.
    Value pid = getattr_opt(vm, Value::from_object(p), intern(vm, "persistent_id"));
    if (pid.is_null())
        return false;
    p->pers_func = pid.is_not_found() ? Value::null() : pid;
    Value dt = getattr_opt(vm, Value::from_object(p), intern(vm, "dispatch_table"));
    if (dt.is_null())
        return false;
    p->dispatch_table = dt.is_not_found() ? Value::null() : dt;
    p->inited = true;
    return true;
}

SLPY_P_FN(pickler_init_method)
{
    Value a[4];
    if (!parse_args(vm, "Pickler", args + 1, nargs - 1, kwnames, { "file", "protocol", "fix_imports", "buffer_callback" }, 1, a))
        return Value::null();
    if (!pickler_init(vm, self_pickler(args[0]), a[0], a[1], a[2], a[3]))
        return Value::null();
    return py_none();
}

SLPY_P_FN(pickler_dump)
{
    if (!check_nargs(vm, "Pickler.dump", nargs - 1, 1, 1) || !check_no_kwargs(vm, "Pickler.dump", kwnames))
        return Value::null();
    Pickler* p = self_pickler(args[0]);
    if (!check_inited(vm, p))
        return Value::null();
    p->out->clear();
    bool ok = dump(vm, p, args[1]) && flush_to_file(vm, p);
    p->out->clear();
    return ok ? py_none() : Value::null();
}

SLPY_P_FN(pickler_clear_memo)
{
    (void)args;
    if (!check_nargs(vm, "Pickler.clear_memo", nargs - 1, 0, 0) || !check_no_kwargs(vm, "Pickler.clear_memo", kwnames))
        return Value::null();
    Pickler* p = self_pickler(args[0]);
    p->memo->clear();
    p->memo_objs->size = 0;
    return py_none();
}

SLPY_P_FN(pickler_sizeof)
{
    (void)nargs;
    (void)kwnames;
    Pickler* p = self_pickler(args[0]);
    size_t n = sizeof(Pickler) + (p->out ? p->out->capacity() : 0) + (p->memo ? p->memo->size() * 32 : 0);
    return int_from_u64(vm, n);
}

template<Value Pickler::*Field>
SLPY_P_FN(get_value_field)
{
    (void)nargs;
    (void)kwnames;
    Value v = self_pickler(args[0])->*Field;
    if (v.is_null())
        return raise(vm, exc::AttributeError, Field == &Pickler::pers_func ? "persistent_id" : "dispatch_table");
    return v;
}
template<Value Pickler::*Field>
SLPY_P_FN(set_value_field)
{
    (void)kwnames;
    (void)nargs;
    if (args[1].is_null()) {
        if (Field == &Pickler::pers_func) {
            self_pickler(args[0])->*Field = Value::null();
            return py_none();
        }
        return raise(vm, exc::TypeError, "attribute deletion is not supported");
    }
    if (Field == &Pickler::pers_func && !is_callable(args[1]))
        return raise(vm, exc::TypeError, "persistent_id must be a callable taking one argument");
    self_pickler(args[0])->*Field = args[1];
    return py_none();
}

SLPY_P_FN(get_bin)
{
    (void)vm;
    (void)nargs;
    (void)kwnames;
    return Value::small_int(self_pickler(args[0])->bin ? 1 : 0);
}
SLPY_P_FN(set_bin)
{
    (void)nargs;
    (void)kwnames;
    if (args[1].is_null())
        return raise(vm, exc::TypeError, "attribute deletion is not supported");
    int t = truthy(vm, args[1]);
    if (t < 0)
        return Value::null();
    self_pickler(args[0])->bin = t != 0;
    return py_none();
}
SLPY_P_FN(get_fast)
{
    (void)vm;
    (void)nargs;
    (void)kwnames;
    return Value::small_int(self_pickler(args[0])->fast ? 1 : 0);
}
SLPY_P_FN(set_fast)
{
    (void)nargs;
    (void)kwnames;
    if (args[1].is_null())
        return raise(vm, exc::TypeError, "attribute deletion is not supported");
    int t = truthy(vm, args[1]);
    if (t < 0)
        return Value::null();
    self_pickler(args[0])->fast = t != 0;
    return py_none();
}

// ---- Pickler.memo: a PicklerMemoProxy

SLPY_P_FN(get_memo)
{
    (void)nargs;
    (void)kwnames;
    auto* m = vm.heap.make<MemoProxy>(state(vm).pickler_memo_type);
    if (!m)
        return Value::null();
    m->owner = args[0].as_object();
    return Value::from_object(m);
}

// {id(obj): (index, obj)} (what pickle.py's memo holds).
Value pickler_memo_copy(VM& vm, Pickler* p)
{
    Dict* d = dict_new(vm);
    if (!d)
        return Value::null();
    for (size_t i = 0; i < p->memo_objs->size; ++i) {
        Value obj = p->memo_objs->items()[i];
        auto it = p->memo->find(obj.bits());
        if (it == p->memo->end())
            continue;
        Value key = TRY(int_from_u64(vm, obj.bits()));
        Tuple* t = tuple_pack(vm, { Value::small_int(it->second), obj });
        if (!t || !dict_set(vm, d, key, Value::from_object(t)))
            return Value::null();
    }
    return Value::from_object(d);
}

SLPY_P_FN(set_memo)
{
    (void)nargs;
    (void)kwnames;
    Pickler* p = self_pickler(args[0]);
    Value v = args[1];
    if (v.is_null())
        return raise(vm, exc::TypeError, "attribute deletion is not supported");
    State& st = state(vm);
    Dict* d = nullptr;
    if (type_of(v) == st.pickler_memo_type) {
        Value c = TRY(pickler_memo_copy(vm, static_cast<Pickler*>(static_cast<MemoProxy*>(v.as_object())->owner)));
        d = as_dict(c);
    } else if (type_of(v) == types.dict) {
        d = as_dict(v);
    } else {
        raise_fmt(vm, exc::TypeError, "'memo' attribute must be a PicklerMemoProxy object or dict, not %.200s", type_name(v));
        return Value::null();
    }
    // Checked in full before the pickler's memo changes.
    size_t pos = 0;
    Value key, value;
    while (dict_next(d, pos, key, value)) {
        Tuple* t = as_tuple(value);
        if (!t || type_of(value) != types.tuple || t->size != 2 || !is_int(t->items[0]))
            return raise(vm, exc::TypeError, "'memo' values must be 2-item tuples");
    }
    p->memo->clear();
    p->memo_objs->size = 0;
    pos = 0;
    while (dict_next(d, pos, key, value)) {
        Tuple* t = as_tuple(value);
        int64_t idx;
        if (!int_to_i64(t->items[0], idx) || idx < 0 || idx > 0xffffffffLL)
            return raise(vm, exc::ValueError, "memo key must be positive integers.");
        if (!list_append(vm, p->memo_objs, t->items[1]))
            return Value::null();
        (*p->memo)[t->items[1].bits()] = uint32_t(idx);
    }
    return py_none();
}

MemoProxy* self_proxy(Value v) { return static_cast<MemoProxy*>(v.as_object()); }

SLPY_P_FN(pmemo_copy)
{
    (void)nargs;
    (void)kwnames;
    return pickler_memo_copy(vm, static_cast<Pickler*>(self_proxy(args[0])->owner));
}
SLPY_P_FN(pmemo_clear)
{
    (void)vm;
    (void)nargs;
    (void)kwnames;
    auto* p = static_cast<Pickler*>(self_proxy(args[0])->owner);
    p->memo->clear();
    p->memo_objs->size = 0;
    return py_none();
}
SLPY_P_FN(pmemo_len)
{
    (void)nargs;
    (void)kwnames;
    return int_from_u64(vm, static_cast<Pickler*>(self_proxy(args[0])->owner)->memo->size());
}
SLPY_P_FN(pmemo_reduce)
{
    (void)nargs;
    (void)kwnames;
    Value c = TRY(pickler_memo_copy(vm, static_cast<Pickler*>(self_proxy(args[0])->owner)));
    Tuple* inner = tuple_pack(vm, { c });
    if (!inner)
        return Value::null();
    Tuple* r = tuple_pack(vm, { Value::from_object(types.dict), Value::from_object(inner) });
    return r ? Value::from_object(r) : Value::null();
}

void memo_proxy_trace(Object* self, Tracer& t) { t.visit(static_cast<MemoProxy*>(self)->owner); }

} // namespace

// dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None)
Value py_dump(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[5];
    if (!parse_args(vm, "dump", args, nargs, kwnames, { "obj", "file", "protocol", "fix_imports", "buffer_callback" }, 2, a))
        return Value::null();
    if (nargs > 3)
        return raise_fmt(vm, exc::TypeError, "dump() takes at most 3 positional arguments (%zu given)", nargs);
    Value tv = Value::from_object(state(vm).pickler_type);
    Value pv = TRY(pickler_new(vm, &tv, 1, nullptr));
    Pickler* p = self_pickler(pv);
    if (!pickler_init(vm, p, a[1], a[2], a[3], a[4]))
        return Value::null();
    p->pers_func = Value::null();
    p->dispatch_table = Value::null();
    if (!dump(vm, p, a[0]) || !flush_to_file(vm, p))
        return Value::null();
    return py_none();
}

// dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None)
Value py_dumps(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)
{
    Value a[4];
    if (!parse_args(vm, "dumps", args, nargs, kwnames, { "obj", "protocol", "fix_imports", "buffer_callback" }, 1, a))
        return Value::null();
    if (nargs > 2)
        return raise_fmt(vm, exc::TypeError, "dumps() takes at most 2 positional arguments (%zu given)", nargs);
    Value tv = Value::from_object(state(vm).pickler_type);
    Value pv = TRY(pickler_new(vm, &tv, 1, nullptr));
    Pickler* p = self_pickler(pv);
    if (!pickler_init(vm, p, Value::null(), a[1], a[2], a[3]))
        return Value::null();
    if (!dump(vm, p, a[0]))
        return Value::null();
    Bytes* b = bytes_new(vm, *p->out);
    p->out->clear();
    return b ? Value::from_object(b) : Value::null();
}

void setup_pickler_type(VM& vm, State& st)
{
    st.pickler_type = make_builtin_type(vm, "Pickler", nullptr, sizeof(Pickler), TF_BASETYPE, pickler_trace, pickler_finalize);
    st.pickler_memo_type = make_builtin_type(vm, "PicklerMemoProxy", nullptr, sizeof(MemoProxy), 0, memo_proxy_trace);
    set_native_type_module(vm, st.pickler_type, "_pickle");
    set_native_type_module(vm, st.pickler_memo_type, "_pickle");
    add_methods(vm, st.pickler_type, {
        { "__new__", pickler_new, METH_STATIC },
        { "__init__", pickler_init_method },
        { "dump", pickler_dump },
        { "clear_memo", pickler_clear_memo },
        { "__sizeof__", pickler_sizeof },
    });
    add_getsets(vm, st.pickler_type, {
        { "persistent_id", get_value_field<&Pickler::pers_func>, set_value_field<&Pickler::pers_func> },
        { "dispatch_table", get_value_field<&Pickler::dispatch_table>, set_value_field<&Pickler::dispatch_table> },
        { "bin", get_bin, set_bin },
        { "fast", get_fast, set_fast },
        { "memo", get_memo, set_memo },
    });
    add_methods(vm, st.pickler_memo_type, {
        { "copy", pmemo_copy },
        { "clear", pmemo_clear },
        { "__len__", pmemo_len },
        { "__reduce__", pmemo_reduce },
    });
    finish_builtin_type(vm, st.pickler_type);
    finish_builtin_type(vm, st.pickler_memo_type);
}

} // namespace slpy::pickle
