// The text layer of the io module: TextIOWrapper (IoTypes::text_io) over a BufferedFile.
//
// Reading decodes chunks of the binary file into a buffer of UTF-8 text (slpy's str
// representation, so UTF-8 input is validated and copied, never transcoded) and hands
// out characters with newline translation applied on the way out. Writing translates
// '\n' when newline= asks for it, encodes, and appends to the binary write buffer.
// Encodings: UTF-8, ASCII and Latin-1 (with aliases) natively; the codecs of
// objects/codecs.cpp supply the error handlers and CPython's UnicodeDecodeError/
// UnicodeEncodeError. Any other text encoding (TextEncoding::CODEC: utf-16, utf-8-sig,
// cp1252, shift_jis, ...) goes through the codec registry's incremental decoder and
// encoder, and tell()/seek() then use CPython's cookie: a start position plus what
// rebuilds the decoder's state there (its flags, bytes to feed, characters to skip).
#include "stackless/modules/io_internal.h"
#include "stackless/modules/io.h"

#include "objects/bytes.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/string.h"
#include "objects/type.h"

#include <cctype>
#include <cstring>
#include <unistd.h>

namespace slpy {

// codecs.lookup (stackless/modules/codecs_module.cpp).
Value codecs_lookup(VM& vm, String* encoding);

// object.__dict__'s getter and setter (objects/object_methods.cpp).
extern NativeFn const instance_dict_get;
extern NativeFn const instance_dict_set;

namespace {

constexpr size_t kChunkSize = 8192;

void text_trace(Object* o, Tracer& t)
{
    auto* tf = static_cast<TextFile*>(o);
    t.visit(tf->dict);
    t.visit(tf->buffer);
    t.visit(tf->mode);
    t.visit(tf->encoding);
    t.visit(tf->errors);
    t.visit(tf->newline);
    t.visit(tf->decoder);
    t.visit(tf->encoder);
}

void text_finalize(Object* o)
{
    auto* tf = static_cast<TextFile*>(o);
    delete tf->decoded;
    delete tf->pending;
    delete tf->snap_input;
    tf->decoded = tf->pending = tf->snap_input = nullptr;
}

TextFile* self_text(Value v) { return static_cast<TextFile*>(v.as_object()); }

bool is_closed(TextFile* tf) { return tf->detached || (tf->buffer->fflags & FF_CLOSED); }

// A wrapper whose __init__ has not run (TextIOWrapper.__new__ alone, or a subclass that
// never called it) has no buffer and counts as detached; the message tells them apart.
bool detached_error(VM& vm, TextFile* tf)
{
    raise(vm, exc::ValueError, tf->buffer ? "underlying buffer has been detached" : "I/O operation on uninitialized object");
    return false;
}

// CPython's CHECK_INITIALIZED (for the getters and methods that do not check for a closed
// file first).
bool check_initialized(VM& vm, TextFile* tf)
{
    if (tf->buffer)
        return true;
    raise(vm, exc::ValueError, "I/O operation on uninitialized object");
    return false;
}

bool check_open(VM& vm, TextFile* tf)
{
    if (tf->detached)
        return detached_error(vm, tf);
    if (is_closed(tf)) {
        raise(vm, exc::ValueError, "I/O operation on closed file.");
        return false;
    }
    return true;
}

// Checks of readable()/fileno()/isatty(): CPython's message has no period there.
bool check_open_raw(VM& vm, TextFile* tf)
{
    if (tf->detached)
        return detached_error(vm, tf);
    if (is_closed(tf)) {
        raise(vm, exc::ValueError, "I/O operation on closed file");
        return false;
    }
    return true;
}

bool check_readable(VM& vm, TextFile* tf)
{
    if (!check_open(vm, tf))
        return false;
    if (!(tf->buffer->fflags & FF_READABLE)) {
        raise_unsupported(vm, "not readable");
        return false;
    }
    return true;
}

// Bytes at the end of `data` that may start a UTF-8 sequence completed by the next
// chunk (a valid lead byte followed by fewer continuation bytes than it needs).
size_t incomplete_utf8_tail(std::string_view data)
{
    size_t n = data.size();
    for (size_t back = 1; back <= 3 && back <= n; ++back) {
        auto c = static_cast<unsigned char>(data[n - back]);
        if ((c & 0xC0) == 0x80)
            continue;
        size_t need = 1;
        if (c >= 0xC2 && c <= 0xDF)
            need = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 3;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 4;
        return need > back ? back : 0;
    }
    return 0;
}

char const* codec_name(TextEncoding e)
{
    switch (e) {
    case TextEncoding::UTF8: return "utf-8";
    case TextEncoding::ASCII: return "ascii";
    case TextEncoding::LATIN1: return "latin-1";
    case TextEncoding::CODEC: break; // never asked: the incremental codec objects serve it
    }
    return "utf-8";
}

bool all_ascii(std::string_view data)
{
    for (char c : data)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

// Notes the line endings of newly decoded text (TextFile::seennl).
void note_newlines(TextFile* tf, std::string_view s)
{
    if (s.empty())
        return;
    size_t i = 0;
    if (tf->cr_pending) {
        tf->cr_pending = false;
        if (s[0] == '\n') {
            tf->seennl |= SEEN_CRLF;
            i = 1;
        } else {
            tf->seennl |= SEEN_CR;
        }
    }
    if (s.size() > i && s.back() == '\r') {
        tf->cr_pending = true;
        s.remove_suffix(1);
    }
    tf->seennl |= scan_newlines(s.substr(i));
}

bool decode_append_text(VM& vm, TextFile* tf, std::string_view data);
size_t count_chars(std::string_view s);

// ---- The general case (TextEncoding::CODEC): the codec's incremental decoder/encoder.

Value call_named(VM& vm, Value obj, char const* name, std::initializer_list<Value> args)
{
    String* n = intern(vm, name);
    if (!n)
        return Value::null();
    return call_method(vm, obj, n, args.begin(), args.size());
}

// decoder.decode(data, final): a str, or TypeError as CPython's check_decoded.
String* codec_decode(VM& vm, TextFile* tf, std::string_view data, bool final)
{
    Bytes* b = bytes_new(vm, data);
    if (!b)
        return nullptr;
    tf->decoder_dirty = true;
    Value r = call_named(vm, tf->decoder, "decode", { Value::from_object(b), py_bool(final) });
    if (r.is_null())
        return nullptr;
    String* out = as_str(r);
    if (!out)
        raise_fmt(vm, exc::TypeError, "decoder should return a string result, not '%s'", type_name(r));
    return out;
}

// Characters decoded from data[0, n) (the decoder's state moves on); -1 on error.
int64_t codec_feed(VM& vm, TextFile* tf, char const* data, size_t n, bool final = false)
{
    String* out = codec_decode(vm, tf, std::string_view(data, n), final);
    return out ? int64_t(out->length) : -1;
}

// decoder.getstate(): (buffered bytes, flags), checked as CPython's.
bool codec_getstate(VM& vm, TextFile* tf, std::string* buffered, int64_t& flags)
{
    Value r = call_named(vm, tf->decoder, "getstate", {});
    if (r.is_null())
        return false;
    Tuple* t = as_tuple(r);
    if (!t || t->size != 2) {
        raise(vm, exc::TypeError, "illegal decoder state");
        return false;
    }
    Bytes* b = as_bytes(t->items[0]);
    if (!b) {
        raise_fmt(vm, exc::TypeError, "illegal decoder state: the first item should be a bytes object, not '%s'",
                  type_name(t->items[0]));
        return false;
    }
    if (!index_i64(vm, t->items[1], flags))
        return false;
    if (buffered)
        buffered->assign(b->view());
    return true;
}

// decoder.setstate((b'', flags)): the state at a cookie's start position.
bool codec_setstate(VM& vm, TextFile* tf, int64_t flags)
{
    Bytes* empty = bytes_new(vm, "");
    Value flag_v = empty ? int_from_i64(vm, flags) : Value::null();
    Tuple* st = flag_v.is_null() ? nullptr : tuple_pack(vm, { Value::from_object(empty), flag_v });
    if (!st)
        return false;
    tf->decoder_dirty = true;
    return !call_named(vm, tf->decoder, "setstate", { Value::from_object(st) }).is_null();
}

bool codec_reset_decoder(VM& vm, TextFile* tf)
{
    if (tf->decoder.is_null() || !tf->decoder_dirty)
        return true;
    tf->decoder_dirty = false;
    return !call_named(vm, tf->decoder, "reset", {}).is_null();
}

// CPython's _textiowrapper_reset_encoder: at the start of the file the encoder starts
// over (a BOM is written again); anywhere else it must not write one.
bool codec_reset_encoder(VM& vm, TextFile* tf, bool at_start)
{
    if (tf->encoder.is_null())
        return true;
    if (at_start)
        return !call_named(vm, tf->encoder, "reset", {}).is_null();
    return !call_named(vm, tf->encoder, "setstate", { Value::small_int(0) }).is_null();
}

// One chunk through the incremental decoder (text_fill's general case). The snapshot
// starts over when everything decoded before was consumed; otherwise the new bytes join
// it, so it always describes the text from decoded[0]. `keep_snapshot` false (read()
// to the end) keeps none.
int codec_fill(VM& vm, TextFile* tf, size_t chunk_size, bool keep_snapshot)
{
    std::string& d = *tf->decoded;
    bool fresh = tf->dpos == d.size();
    if (fresh) {
        d.clear();
        tf->dpos = 0;
    }
    bool new_snapshot = keep_snapshot && (fresh || !tf->has_snapshot);
    int64_t flags = 0;
    std::string state_input;
    if (new_snapshot && !codec_getstate(vm, tf, &state_input, flags))
        return -1;
    std::string chunk(chunk_size, '\0');
    ptrdiff_t r = buffered_read_some(vm, tf->buffer, chunk.data(), chunk_size);
    if (r < 0)
        return -1;
    chunk.resize(size_t(r));
    if (new_snapshot) {
        state_input.append(chunk);
        tf->snap_input->swap(state_input);
        tf->snap_flags = flags;
        tf->has_snapshot = true;
    } else if (keep_snapshot) {
        tf->snap_input->append(chunk);
    } else {
        tf->has_snapshot = false;
    }
    bool eof = r == 0;
    if (eof && tf->cr_pending) { // the end: a last '\r' is one
        tf->cr_pending = false;
        tf->seennl |= SEEN_CR;
    }
    String* text = codec_decode(vm, tf, chunk, eof);
    if (!text)
        return -1;
    size_t before = d.size();
    d.append(text->view());
    if (tf->nl == NewlineMode::Universal || tf->nl == NewlineMode::Untranslated)
        note_newlines(tf, std::string_view(d).substr(before));
    return eof && text->byte_length == 0 ? 0 : 1;
}

// tell()'s cookie, laid out as CPython's C TextIOWrapper packs it (little-endian: the
// 64-bit start position, then 32-bit decoder flags, bytes to feed and characters to
// skip, then the need-eof byte), so cookies compare and round-trip as CPython's.
struct Cookie {
    int64_t start_pos = 0;
    int32_t dec_flags = 0;
    int32_t bytes_to_feed = 0;
    int32_t chars_to_skip = 0;
    uint8_t need_eof = 0;
};
constexpr size_t kCookieBytes = 8 + 4 + 4 + 4 + 1;

Value build_cookie(VM& vm, Cookie const& c)
{
    unsigned char buf[kCookieBytes];
    uint64_t start = uint64_t(c.start_pos);
    uint32_t fields[3] = { uint32_t(c.dec_flags), uint32_t(c.bytes_to_feed), uint32_t(c.chars_to_skip) };
    for (int i = 0; i < 8; ++i)
        buf[i] = static_cast<unsigned char>(start >> (8 * i));
    for (int f = 0; f < 3; ++f)
        for (int i = 0; i < 4; ++i)
            buf[8 + 4 * f + i] = static_cast<unsigned char>(fields[f] >> (8 * i));
    buf[20] = c.need_eof;
    Mpz z;
    mpz_import(z, kCookieBytes, -1, 1, 0, 0, buf);
    return int_from_mpz(vm, z);
}

// The cookie's fields from a non-negative int; OverflowError when it does not fit.
bool parse_cookie(VM& vm, Value cookie, Cookie& c)
{
    MpzView z(int_unwrap(cookie));
    if (mpz_sizeinbase(z, 2) > 8 * kCookieBytes) {
        raise(vm, exc::OverflowError, "int too big to convert");
        return false;
    }
    unsigned char buf[kCookieBytes] = {};
    size_t count = 0;
    mpz_export(buf, &count, -1, 1, 0, 0, z);
    uint64_t start = 0;
    uint32_t fields[3] = {};
    for (int i = 0; i < 8; ++i)
        start |= uint64_t(buf[i]) << (8 * i);
    for (int f = 0; f < 3; ++f)
        for (int i = 0; i < 4; ++i)
            fields[f] |= uint32_t(buf[8 + 4 * f + i]) << (8 * i);
    c.start_pos = int64_t(start);
    c.dec_flags = int32_t(fields[0]);
    c.bytes_to_feed = int32_t(fields[1]);
    c.chars_to_skip = int32_t(fields[2]);
    c.need_eof = buf[20];
    return true;
}

// tell() of a CODEC wrapper (CPython's algorithm, Modules/_io/textio.c): from the
// snapshot's start, find the nearest point before the current position where the decoder
// holds no bytes ("a safe start point"), and count the bytes and characters from there.
Value codec_tell(VM& vm, TextFile* tf, int64_t position)
{
    if (tf->decoder.is_null() || !tf->has_snapshot)
        return int_from_i64(vm, position);
    std::string const input = *tf->snap_input;
    Cookie cookie;
    cookie.start_pos = position - int64_t(input.size());
    cookie.dec_flags = int32_t(tf->snap_flags);
    int64_t chars_to_skip = int64_t(count_chars(std::string_view(*tf->decoded).substr(0, tf->dpos)));
    if (chars_to_skip == 0)
        return build_cookie(vm, cookie);
    // The decoder's state is put back afterwards (reading continues from it).
    Value saved = TRY(call_named(vm, tf->decoder, "getstate", {}));
    auto fail = [&]() -> Value {
        Value err = vm.take_error();
        if (call_named(vm, tf->decoder, "setstate", { saved }).is_null())
            vm.clear_error();
        vm.restore_error(err);
        return Value::null();
    };
    // Fast search for a start point close to the position: guess from the ratio of bytes
    // to characters of the snapshot.
    size_t total_chars = count_chars(*tf->decoded);
    double ratio = total_chars ? double(input.size()) / double(total_chars) : 0.0;
    int64_t skip_bytes = int64_t(ratio * double(chars_to_skip));
    int64_t skip_back = 1;
    std::string buffered;
    int64_t dec_flags = 0;
    if (skip_bytes > int64_t(input.size()))
        skip_bytes = int64_t(input.size());
    while (skip_bytes > 0) {
        if (!codec_setstate(vm, tf, cookie.dec_flags))
            return fail();
        int64_t n = codec_feed(vm, tf, input.data(), size_t(skip_bytes));
        if (n < 0)
            return fail();
        if (n <= chars_to_skip) {
            if (!codec_getstate(vm, tf, &buffered, dec_flags))
                return fail();
            if (buffered.empty()) {
                // Before the position with nothing buffered: a safe start.
                cookie.dec_flags = int32_t(dec_flags);
                chars_to_skip -= n;
                break;
            }
            skip_bytes -= int64_t(buffered.size());
            skip_back = 1;
        } else {
            skip_bytes -= skip_back;
            skip_back *= 2;
        }
    }
    if (skip_bytes <= 0) {
        skip_bytes = 0;
        if (!codec_setstate(vm, tf, cookie.dec_flags))
            return fail();
    }
    cookie.start_pos += skip_bytes;
    cookie.chars_to_skip = int32_t(chars_to_skip);
    if (chars_to_skip != 0) {
        // Close now: feed one byte at a time, moving the start to each later safe point.
        int64_t chars_decoded = 0;
        size_t i = size_t(skip_bytes);
        for (; i < input.size(); ++i) {
            int64_t n = codec_feed(vm, tf, input.data() + i, 1);
            if (n < 0)
                return fail();
            chars_decoded += n;
            cookie.bytes_to_feed += 1;
            if (!codec_getstate(vm, tf, &buffered, dec_flags))
                return fail();
            if (buffered.empty() && chars_decoded <= chars_to_skip) {
                cookie.start_pos += cookie.bytes_to_feed;
                chars_to_skip -= chars_decoded;
                cookie.dec_flags = int32_t(dec_flags);
                cookie.bytes_to_feed = 0;
                chars_decoded = 0;
            }
            if (chars_decoded >= chars_to_skip)
                break;
        }
        if (i == input.size()) {
            // Not enough characters: the decoder must be told the input ended.
            int64_t n = codec_feed(vm, tf, "", 0, true);
            if (n < 0)
                return fail();
            chars_decoded += n;
            cookie.need_eof = 1;
            if (chars_decoded < chars_to_skip) {
                raise(vm, exc::OSError, "can't reconstruct logical file position");
                return fail();
            }
        }
        cookie.chars_to_skip = int32_t(chars_to_skip);
    }
    if (call_named(vm, tf->decoder, "setstate", { saved }).is_null())
        return Value::null();
    return build_cookie(vm, cookie);
}

// Decodes `data` (complete sequences) onto the end of tf->decoded.
bool decode_append(VM& vm, TextFile* tf, std::string_view data)
{
    size_t before = tf->decoded->size();
    if (!decode_append_text(vm, tf, data))
        return false;
    if (tf->nl == NewlineMode::Universal || tf->nl == NewlineMode::Untranslated)
        note_newlines(tf, std::string_view(*tf->decoded).substr(before));
    return true;
}

bool decode_append_text(VM& vm, TextFile* tf, std::string_view data)
{
    std::string& out = *tf->decoded;
    switch (tf->enc) {
    case TextEncoding::UTF8:
        if (utf8_validate(data) == std::string_view::npos) {
            out.append(data);
            return true;
        }
        break;
    case TextEncoding::ASCII:
        if (all_ascii(data)) {
            out.append(data);
            return true;
        }
        break;
    case TextEncoding::LATIN1:
        for (char c : data)
            utf8_append(out, static_cast<unsigned char>(c));
        return true;
    case TextEncoding::CODEC: break; // codec_fill decodes these
    }
    Value s = bytes_decode(vm, data, codec_name(tf->enc), tf->errors->view());
    if (s.is_null())
        return false;
    out.append(as_str(s)->view());
    return true;
}

// Reads one chunk from the binary file and decodes it. 1: read something (maybe no
// complete character yet), 0: end of file, -1: error.
int text_fill(VM& vm, TextFile* tf, size_t chunk_size = 0, bool keep_snapshot = true)
{
    if (!chunk_size)
        chunk_size = tf->chunk_size;
    if (tf->enc == TextEncoding::CODEC)
        return codec_fill(vm, tf, chunk_size, keep_snapshot);
    std::string& d = *tf->decoded;
    // Drop what has been consumed so the buffer does not grow with the file.
    if (tf->dpos == d.size()) {
        d.clear();
        tf->dpos = 0;
    } else if (tf->dpos > kChunkSize && tf->dpos > d.size() / 2) {
        d.erase(0, tf->dpos);
        tf->dpos = 0;
    }
    std::string chunk(chunk_size, '\0');
    ptrdiff_t r = buffered_read_some(vm, tf->buffer, chunk.data(), chunk_size);
    if (r < 0)
        return -1;
    std::string& pending = *tf->pending;
    if (r == 0) {
        if (tf->cr_pending) { // the end: a last '\r' is one
            tf->cr_pending = false;
            tf->seennl |= SEEN_CR;
        }
        if (pending.empty())
            return 0;
        // End of file inside a sequence: the strict decoder reports it.
        std::string tail;
        tail.swap(pending);
        return decode_append(vm, tf, tail) ? 1 : -1;
    }
    chunk.resize(size_t(r));
    if (!pending.empty()) {
        pending.append(chunk);
        chunk.swap(pending);
        pending.clear();
    }
    std::string_view data = chunk;
    size_t keep = tf->enc == TextEncoding::UTF8 ? incomplete_utf8_tail(data) : 0;
    if (!decode_append(vm, tf, data.substr(0, data.size() - keep)))
        return -1;
    pending.assign(data.substr(data.size() - keep));
    return 1;
}

// Length of the UTF-8 sequence starting with byte c.
inline size_t seq_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

size_t count_chars(std::string_view s)
{
    size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

// Universal newlines on the way out: '\r\n' and '\r' become '\n'.
void append_translated(std::string& out, std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        size_t cr = s.find('\r', i);
        if (cr == std::string_view::npos) {
            out.append(s.substr(i));
            return;
        }
        out.append(s.substr(i, cr - i));
        out.push_back('\n');
        i = cr + 1;
        if (i < s.size() && s[i] == '\n')
            ++i;
    }
}

// read() / read(-1)
Value text_read_all(VM& vm, TextFile* tf)
{
    for (;;) {
        int r = text_fill(vm, tf, 65536, false);
        if (r < 0)
            return Value::null();
        if (r == 0)
            break;
    }
    tf->has_snapshot = false;
    std::string_view rest = std::string_view(*tf->decoded).substr(tf->dpos);
    Value result;
    if (tf->nl == NewlineMode::Universal && rest.find('\r') != std::string_view::npos) {
        std::string out;
        out.reserve(rest.size());
        append_translated(out, rest);
        result = str_value(vm, out);
    } else {
        result = str_value(vm, rest);
    }
    tf->decoded->clear();
    tf->dpos = 0;
    return result;
}

// read(n): n characters (a translated '\r\n' counts as one).
Value text_read_n(VM& vm, TextFile* tf, size_t n)
{
    std::string out;
    size_t chars = 0;
    bool translate = tf->nl == NewlineMode::Universal;
    while (chars < n) {
        std::string& d = *tf->decoded;
        if (tf->dpos == d.size()) {
            int r = text_fill(vm, tf);
            if (r < 0)
                return Value::null();
            if (r == 0)
                break;
            continue;
        }
        auto c = static_cast<unsigned char>(d[tf->dpos]);
        if (translate && c == '\r') {
            if (tf->dpos + 1 == d.size()) {
                // Is it a '\r\n'? Look at the next chunk first.
                int r = text_fill(vm, tf);
                if (r < 0)
                    return Value::null();
                if (r > 0)
                    continue;
                tf->dpos += 1;
            } else {
                tf->dpos += d[tf->dpos + 1] == '\n' ? 2 : 1;
            }
            out.push_back('\n');
            ++chars;
            continue;
        }
        size_t len = seq_len(c);
        out.append(d, tf->dpos, len);
        tf->dpos += len;
        ++chars;
    }
    return str_value(vm, out);
}

// One line, ended as newline= says; at most `limit` characters when limit >= 0.
Value text_readline(VM& vm, TextFile* tf, int64_t limit)
{
    size_t scan_off = 0; // where to continue searching, relative to dpos
    size_t end = std::string::npos;
    for (;;) {
        std::string& d = *tf->decoded;
        size_t scan = tf->dpos + scan_off;
        switch (tf->nl) {
        case NewlineMode::Universal:
        case NewlineMode::Untranslated: {
            size_t i = d.find_first_of("\r\n", scan);
            if (i == std::string::npos) {
                scan = d.size();
            } else if (d[i] == '\n') {
                end = i + 1;
            } else if (i + 1 < d.size()) {
                end = d[i + 1] == '\n' ? i + 2 : i + 1;
            } else {
                scan = i; // a final '\r': the next chunk says whether a '\n' follows
            }
            break;
        }
        case NewlineMode::LF:
        case NewlineMode::CR: {
            size_t i = d.find(tf->nl == NewlineMode::LF ? '\n' : '\r', scan);
            if (i == std::string::npos)
                scan = d.size();
            else
                end = i + 1;
            break;
        }
        case NewlineMode::CRLF: {
            size_t i = d.find("\r\n", scan);
            if (i == std::string::npos)
                scan = d.size() > tf->dpos && d.back() == '\r' ? d.size() - 1 : d.size();
            else
                end = i + 2;
            break;
        }
        }
        if (end == std::string::npos && limit >= 0 && count_chars(std::string_view(d).substr(tf->dpos)) >= size_t(limit))
            end = d.size();
        if (end != std::string::npos)
            break;
        scan_off = scan - tf->dpos;
        int r = text_fill(vm, tf);
        if (r < 0) {
            // As CPython's readline, which holds the partial line in a local: an error
            // while reading on (a decoding error in the next chunk) loses it.
            tf->dpos = tf->decoded->size();
            return Value::null();
        }
        if (r == 0) {
            end = tf->decoded->size();
            break;
        }
    }
    std::string_view line = std::string_view(*tf->decoded).substr(tf->dpos, end - tf->dpos);
    if (limit >= 0) {
        // Cut after `limit` characters.
        size_t chars = 0, i = 0;
        while (i < line.size() && chars < size_t(limit)) {
            i += seq_len(static_cast<unsigned char>(line[i]));
            ++chars;
        }
        if (i < line.size())
            line = line.substr(0, i);
    }
    tf->dpos += line.size();
    if (tf->nl == NewlineMode::Universal && !line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        std::string out;
        append_translated(out, line);
        return str_value(vm, out);
    }
    return str_value(vm, line);
}

// The bytes in the file that the unread text came from.
int64_t unread_bytes(TextFile* tf)
{
    std::string_view rest = std::string_view(*tf->decoded).substr(tf->dpos);
    int64_t n = int64_t(tf->pending->size());
    if (tf->enc == TextEncoding::LATIN1)
        return n + int64_t(count_chars(rest));
    return n + int64_t(rest.size());
}

void drop_decoded(TextFile* tf)
{
    tf->decoded->clear();
    tf->pending->clear();
    tf->dpos = 0;
    tf->has_snapshot = false;
}

// Before a write after reads: like CPython's TextIOWrapper, the decoded text read ahead
// is dropped and the write goes where the binary layer stands (after the chunks read);
// a codec's decoder starts over.
bool sync_for_write(VM& vm, TextFile* tf)
{
    if (tf->dpos != tf->decoded->size() || !tf->pending->empty() || tf->has_snapshot)
        drop_decoded(tf);
    return codec_reset_decoder(vm, tf);
}

#define SLPY_TEXT_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

SLPY_TEXT_METHOD(tx_read)
{
    TextFile* tf = self_text(args[0]);
    int64_t n;
    if (!io_size_arg(vm, "read", args, nargs, kwnames, n) || !check_readable(vm, tf))
        return Value::null();
    if (!buffered_text_writeflush(vm, tf->buffer))
        return Value::null();
    if (n < 0)
        return text_read_all(vm, tf);
    return text_read_n(vm, tf, size_t(n));
}

SLPY_TEXT_METHOD(tx_readline)
{
    TextFile* tf = self_text(args[0]);
    if (!check_no_kwargs(vm, "readline", kwnames) || !check_nargs(vm, "readline", nargs - 1, 0, 1))
        return Value::null();
    int64_t limit = -1;
    if (nargs > 1 && !index_i64(vm, args[1], limit))
        return Value::null();
    if (!check_readable(vm, tf) || !buffered_text_writeflush(vm, tf->buffer))
        return Value::null();
    return text_readline(vm, tf, limit);
}

SLPY_TEXT_METHOD(tx_readlines)
{
    TextFile* tf = self_text(args[0]);
    int64_t hint;
    if (!io_size_arg(vm, "readlines", args, nargs, kwnames, hint) || !check_readable(vm, tf) || !buffered_text_writeflush(vm, tf->buffer))
        return Value::null();
    return collect_lines(vm, hint, [&] { return text_readline(vm, tf, -1); });
}

SLPY_TEXT_METHOD(tx_write)
{
    if (!check_no_kwargs(vm, "write", kwnames) || !check_nargs(vm, "write", nargs - 1, 1, 1))
        return Value::null();
    String* s = as_str(args[1]);
    if (!s)
        return raise_fmt(vm, exc::TypeError, "write() argument must be str, not %s", type_name(args[1]));
    if (!io_textio_write(vm, args[0], s))
        return Value::null();
    return int_from_i64(vm, int64_t(s->length));
}

SLPY_TEXT_METHOD(tx_writelines)
{
    if (!check_no_kwargs(vm, "writelines", kwnames) || !check_nargs(vm, "writelines", nargs - 1, 1, 1))
        return Value::null();
    if (!check_open(vm, self_text(args[0])))
        return Value::null();
    Value it = TRY(get_iter(vm, args[1]));
    for (;;) {
        Value item = TRY(iter_next(vm, it));
        if (item.is_stop_iteration())
            return py_none();
        String* s = as_str(item);
        if (!s)
            return raise_fmt(vm, exc::TypeError, "write() argument must be str, not %s", type_name(item));
        if (!io_textio_write(vm, args[0], s))
            return Value::null();
    }
}

// The object TextIOWrapper.buffer gives: the binary file, or the buffered object a hidden
// adapter forwards to (FF_PROXY).
Value buffer_value(TextFile* tf)
{
    return (tf->buffer->fflags & FF_PROXY) ? tf->buffer->raw : Value::from_object(tf->buffer);
}

// A method of a buffer that is not a file of this layer (its raw stream decides).
Value forward_to_buffer(VM& vm, TextFile* tf, char const* name)
{
    return call_method(vm, buffer_value(tf), intern(vm, name), nullptr, 0);
}

SLPY_TEXT_METHOD(tx_flush)
{
    TextFile* tf = self_text(args[0]);
    if (!check_open(vm, tf) || !buffered_text_writeflush(vm, tf->buffer) || !buffered_flush(vm, tf->buffer))
        return Value::null();
    if (tf->buffer->fflags & FF_PROXY)
        return forward_to_buffer(vm, tf, "flush");
    return py_none();
}

// detach(): the pending text written out and the buffer handed back; the wrapper is
// unusable afterwards.
SLPY_TEXT_METHOD(tx_detach)
{
    TextFile* tf = self_text(args[0]);
    if (!check_no_kwargs(vm, "detach", kwnames) || !check_nargs(vm, "detach", nargs - 1, 0, 0) || !check_open(vm, tf))
        return Value::null();
    BufferedFile* b = tf->buffer;
    if (!buffered_text_writeflush(vm, b))
        return Value::null();
    Value out = buffer_value(tf);
    if (b->fflags & FF_PROXY) {
        // The adapter's own buffer goes to the real buffer, which is flushed as CPython's
        // detach flushes; the adapter is dropped without closing it.
        if (!buffered_flush(vm, b) || forward_to_buffer(vm, tf, "flush").is_null())
            return Value::null();
        b->fflags |= FF_CLOSED;
    } else if (!buffered_flush(vm, b)) {
        return Value::null();
    }
    tf->detached = true;
    drop_decoded(tf);
    return out;
}

SLPY_TEXT_METHOD(tx_get_closed)
{
    TextFile* tf = self_text(args[0]);
    if (tf->detached)
        return Value(detached_error(vm, tf) ? py_none() : Value::null());
    return py_bool(is_closed(tf));
}

SLPY_TEXT_METHOD(tx_close)
{
    TextFile* tf = self_text(args[0]);
    if (!check_initialized(vm, tf))
        return Value::null();
    if (is_closed(tf))
        return py_none();
    // As the binary layer's close(): an overriding flush is called first.
    Value flush_error = Value::null();
    if (io_flush_overridden(vm, args[0]) && call_method(vm, args[0], names.flush, nullptr, 0).is_null())
        flush_error = vm.take_error();
    bool ok = buffered_close(vm, tf->buffer);
    drop_decoded(tf);
    return io_close_result(vm, ok, flush_error) ? py_none() : Value::null();
}

SLPY_TEXT_METHOD(tx_tell)
{
    TextFile* tf = self_text(args[0]);
    if (!check_open(vm, tf))
        return Value::null();
    if (tf->iterating)
        return raise(vm, exc::OSError, "telling position disabled by next() call");
    if (!buffered_text_writeflush(vm, tf->buffer) || !buffered_flush(vm, tf->buffer))
        return Value::null();
    int64_t pos = buffered_tell(vm, tf->buffer);
    if (pos < 0)
        return Value::null();
    if (tf->enc == TextEncoding::CODEC)
        return codec_tell(vm, tf, pos);
    return int_from_i64(vm, pos - unread_bytes(tf));
}

// Reads up to n bytes at the buffer's position (fewer at the end of the file).
bool read_exact(VM& vm, BufferedFile* b, size_t n, std::string& out)
{
    out.assign(n, '\0');
    size_t got = 0;
    while (got < n) {
        ptrdiff_t r = buffered_read_some(vm, b, out.data() + got, n - got);
        if (r < 0)
            return false;
        if (r == 0)
            break;
        got += size_t(r);
    }
    out.resize(got);
    return true;
}

// seek() of a CODEC wrapper: the cookie's start position, the decoder's state there, and
// the characters to skip decoded again (CPython's TextIOWrapper.seek).
Value codec_seek(VM& vm, TextFile* tf, Value cookie_v, int64_t whence)
{
    if (whence == SEEK_END) {
        drop_decoded(tf);
        if (!buffered_flush(vm, tf->buffer))
            return Value::null();
        int64_t r = buffered_seek(vm, tf->buffer, 0, SEEK_END);
        if (r < 0 || !codec_reset_decoder(vm, tf) || !codec_reset_encoder(vm, tf, r == 0))
            return Value::null();
        return int_from_i64(vm, r);
    }
    Cookie cookie;
    if (!parse_cookie(vm, cookie_v, cookie) || !buffered_flush(vm, tf->buffer))
        return Value::null();
    bool at_zero = int_sign(int_unwrap(cookie_v)) == 0;
    drop_decoded(tf);
    tf->cr_pending = false;
    if (at_zero)
        tf->seennl = 0;
    if (buffered_seek(vm, tf->buffer, cookie.start_pos, SEEK_SET) < 0)
        return Value::null();
    if (!tf->decoder.is_null()) {
        if (at_zero) {
            tf->decoder_dirty = true;
            if (!codec_reset_decoder(vm, tf))
                return Value::null();
        } else {
            if (!codec_setstate(vm, tf, cookie.dec_flags))
                return Value::null();
            tf->snap_input->clear();
            tf->snap_flags = cookie.dec_flags;
            tf->has_snapshot = true;
        }
        if (cookie.chars_to_skip) {
            std::string input;
            if (!read_exact(vm, tf->buffer, size_t(uint32_t(cookie.bytes_to_feed)), input))
                return Value::null();
            String* text = codec_decode(vm, tf, input, cookie.need_eof);
            if (!text)
                return Value::null();
            tf->decoded->assign(text->view());
            tf->snap_input->swap(input);
            tf->snap_flags = cookie.dec_flags;
            tf->has_snapshot = true;
            if (text->length < size_t(cookie.chars_to_skip))
                return raise(vm, exc::OSError, "can't restore logical file position");
            size_t i = 0;
            for (int32_t n = 0; n < cookie.chars_to_skip; ++n)
                i += seq_len(static_cast<unsigned char>((*tf->decoded)[i]));
            tf->dpos = i;
        }
    }
    if (!codec_reset_encoder(vm, tf, at_zero))
        return Value::null();
    return cookie_v;
}

// seek(cookie, whence=0): absolute positions from tell(), or 0 relative to the current
// position or the end, as CPython's TextIOWrapper allows.
SLPY_TEXT_METHOD(tx_seek)
{
    TextFile* tf = self_text(args[0]);
    if (!check_no_kwargs(vm, "seek", kwnames) || !check_nargs(vm, "seek", nargs - 1, 1, 2))
        return Value::null();
    int64_t cookie, whence = 0;
    if (nargs > 2 && !index_i64(vm, args[2], whence))
        return Value::null();
    // A codec's cookie from tell() may not fit in 64 bits (decoder state above them).
    Value big_cookie = Value::null();
    if (is_int(args[1]) && !int_to_i64(int_unwrap(args[1]), cookie)) {
        big_cookie = int_unwrap(args[1]);
        cookie = int_sign(big_cookie) < 0 ? -1 : 1;
    } else if (!index_i64(vm, args[1], cookie)) {
        return Value::null();
    }
    if (!check_open(vm, tf) || !buffered_text_writeflush(vm, tf->buffer))
        return Value::null();
    if (big_cookie.is_null() || cookie < 0)
        big_cookie = int_from_i64(vm, cookie);
    if (tf->enc == TextEncoding::CODEC && (whence == SEEK_END || whence == SEEK_SET)) {
        if (whence == SEEK_END && cookie != 0)
            return raise_unsupported(vm, "can't do nonzero end-relative seeks");
        if (whence == SEEK_SET && cookie < 0)
            return raise_fmt(vm, exc::ValueError, "negative seek position %lld", static_cast<long long>(cookie));
        return big_cookie.is_null() ? big_cookie : codec_seek(vm, tf, big_cookie, whence);
    }
    if (!int_to_i64(big_cookie, cookie))
        return raise(vm, exc::OverflowError, "Python int too large to convert to C long");
    if (whence == SEEK_CUR) {
        if (cookie != 0)
            return raise_unsupported(vm, "can't do nonzero cur-relative seeks");
        return tx_tell(vm, args, 1, nullptr);
    }
    if (whence == SEEK_END) {
        if (cookie != 0)
            return raise_unsupported(vm, "can't do nonzero end-relative seeks");
        drop_decoded(tf);
        int64_t r = buffered_seek(vm, tf->buffer, 0, SEEK_END);
        return r < 0 ? Value::null() : int_from_i64(vm, r);
    }
    if (whence != SEEK_SET)
        return raise_fmt(vm, exc::ValueError, "invalid whence (%lld, should be 0, 1 or 2)", static_cast<long long>(whence));
    if (cookie < 0)
        return raise_fmt(vm, exc::ValueError, "negative seek position %lld", static_cast<long long>(cookie));
    drop_decoded(tf);
    // Back to the start: the decoder starts over (CPython resets it, newlines included).
    tf->cr_pending = false;
    if (cookie == 0)
        tf->seennl = 0;
    int64_t r = buffered_seek(vm, tf->buffer, cookie, SEEK_SET);
    return r < 0 ? Value::null() : int_from_i64(vm, r);
}

SLPY_TEXT_METHOD(tx_truncate)
{
    TextFile* tf = self_text(args[0]);
    if (!check_no_kwargs(vm, "truncate", kwnames) || !check_nargs(vm, "truncate", nargs - 1, 0, 1))
        return Value::null();
    if (!check_open(vm, tf))
        return Value::null();
    if (!(tf->buffer->fflags & FF_WRITABLE))
        return raise_unsupported(vm, "truncate");
    Value pos = nargs > 1 ? args[1] : py_none();
    if (is_none(pos)) {
        pos = TRY(tx_tell(vm, args, 1, nullptr));
    }
    if (!sync_for_write(vm, tf) || !buffered_text_writeflush(vm, tf->buffer) || !buffered_flush(vm, tf->buffer))
        return Value::null();
    String* truncate = intern(vm, "truncate");
    if (!truncate)
        return Value::null();
    return call_method(vm, Value::from_object(tf->buffer), truncate, &pos, 1);
}

SLPY_TEXT_METHOD(tx_fileno)
{
    TextFile* tf = self_text(args[0]);
    if (!check_open_raw(vm, tf))
        return Value::null();
    if (tf->buffer->fflags & FF_RAWOBJ)
        return forward_to_buffer(vm, tf, "fileno");
    return Value::small_int(tf->buffer->fd);
}

SLPY_TEXT_METHOD(tx_isatty)
{
    TextFile* tf = self_text(args[0]);
    if (!check_open_raw(vm, tf))
        return Value::null();
    if (tf->buffer->fflags & FF_RAWOBJ)
        return forward_to_buffer(vm, tf, "isatty");
    return py_bool(buffered_isatty(tf->buffer));
}

SLPY_TEXT_METHOD(tx_readable)
{
    TextFile* tf = self_text(args[0]);
    if (!check_open_raw(vm, tf))
        return Value::null();
    return py_bool(tf->buffer->fflags & FF_READABLE);
}

SLPY_TEXT_METHOD(tx_writable)
{
    TextFile* tf = self_text(args[0]);
    if (!check_open_raw(vm, tf))
        return Value::null();
    return py_bool(tf->buffer->fflags & FF_WRITABLE);
}

SLPY_TEXT_METHOD(tx_seekable)
{
    TextFile* tf = self_text(args[0]);
    if (!check_open_raw(vm, tf))
        return Value::null();
    if (tf->buffer->fflags & FF_RAWOBJ)
        return forward_to_buffer(vm, tf, "seekable");
    return py_bool(::lseek(tf->buffer->fd, 0, SEEK_CUR) >= 0);
}

SLPY_TEXT_METHOD(tx_enter)
{
    if (!check_open(vm, self_text(args[0])))
        return Value::null();
    return args[0];
}

SLPY_TEXT_METHOD(tx_exit) { return tx_close(vm, args, 1, nullptr); }

SLPY_TEXT_METHOD(tx_iter)
{
    if (!check_open(vm, self_text(args[0])))
        return Value::null();
    return args[0];
}

Value tx_iternext(VM& vm, Value self)
{
    TextFile* tf = self_text(self);
    if (!check_readable(vm, tf) || !buffered_text_writeflush(vm, tf->buffer))
        return Value::null();
    tf->iterating = true;
    Value line = TRY(text_readline(vm, tf, -1));
    if (as_str(line)->byte_length == 0) {
        // The end: tell() works again (the snapshot of the last chunk is gone, as CPython's).
        tf->iterating = false;
        tf->has_snapshot = false;
        return Value::stop_iteration();
    }
    return line;
}

SLPY_TEXT_METHOD(tx_next) { return next_from_iternext(vm, args[0], tx_iternext); }

// CPython's textiowrapper_repr: "<_io.TextIOWrapper" (for subclasses too), the name and mode attributes
// (looked up on the object, so a subclass or an instance attribute may supply them; a
// missing one, or a ValueError for the name, is left out), then the encoding.
SLPY_TEXT_METHOD(tx_repr)
{
    TextFile* tf = self_text(args[0]);
    if (!check_initialized(vm, tf))
        return Value::null();
    std::string s = "<_io.TextIOWrapper";
    for (char const* attr : { "name", "mode" }) {
        Value v = getattr(vm, args[0], intern(vm, attr));
        if (v.is_null()) {
            if (!vm.error_matches(exc::AttributeError) && !(attr[0] == 'n' && vm.error_matches(exc::ValueError)))
                return Value::null();
            vm.clear_error();
            continue;
        }
        Value r = TRY(repr(vm, v));
        s += " ";
        s += attr;
        s += "=";
        s += as_str(r)->c_str();
    }
    Value enc = TRY(repr(vm, Value::from_object(tf->encoding)));
    s += " encoding=";
    s += as_str(enc)->c_str();
    return str_value(vm, s + ">");
}

// reconfigure(*, encoding=None, errors=None, newline=None, line_buffering=None, write_through=None)
SLPY_TEXT_METHOD(tx_reconfigure)
{
    TextFile* tf = self_text(args[0]);
    Value a[6];
    if (!parse_args(vm, "reconfigure", args, nargs, kwnames,
                    { "self", "encoding", "errors", "newline", "line_buffering", "write_through" }, 1, a, 1))
        return Value::null();
    if (!check_initialized(vm, tf))
        return Value::null();
    if (nargs > 1)
        return raise_fmt(vm, exc::TypeError, "reconfigure() takes no positional arguments");
    if (!buffered_text_writeflush(vm, tf->buffer) || !buffered_flush(vm, tf->buffer))
        return Value::null();
    if (!a[1].is_null() && !is_none(a[1])) {
        String* e = as_str(a[1]);
        if (!e)
            return raise_fmt(vm, exc::TypeError, "reconfigure() argument 'encoding' must be str or None, not %s", type_name(a[1]));
    }
    if (!a[2].is_null() && !is_none(a[2]) && !as_str(a[2]))
        return raise_fmt(vm, exc::TypeError, "reconfigure() argument 'errors' must be str or None, not %s", type_name(a[2]));
    bool new_encoding = !a[1].is_null() && !is_none(a[1]);
    bool new_errors = !a[2].is_null() && !is_none(a[2]);
    // As CPython: once text has been read ahead, its decoding cannot change.
    if ((new_encoding || new_errors || !a[3].is_null()) && (!tf->decoded->empty() || !tf->pending->empty()))
        return raise_unsupported(vm, "It is not possible to set the encoding or newline of stream after the first read");
    NewlineMode nl = tf->nl;
    if (!a[3].is_null() && !text_newline_mode(vm, a[3], nl))
        return Value::null();
    if (new_encoding || new_errors) {
        // A new encoding without errors= takes 'strict', as CPython's.
        String* e = new_encoding ? as_str(a[1]) : tf->encoding;
        // "locale" is the locale's encoding, UTF-8 as TextIOWrapper.__init__ takes it.
        if (new_encoding && e->view() == "locale" && !(e = intern(vm, "UTF-8")))
            return Value::null();
        String* errors = new_errors ? as_str(a[2]) : new_encoding ? intern(vm, "strict") : tf->errors;
        TextEncoding enc;
        Value info;
        if (!errors || !text_encoding_resolve(vm, e, enc, info))
            return Value::null();
        tf->encoding = e;
        tf->errors = errors;
        tf->enc = enc;
        tf->decoder = tf->encoder = Value::null();
        if (enc == TextEncoding::CODEC && !text_init_codec(vm, tf, info))
            return Value::null();
    }
    if (!a[3].is_null()) {
        tf->newline = a[3];
        tf->nl = nl;
    }
    for (int i = 4; i < 6; ++i)
        if (!a[i].is_null() && !is_none(a[i])) {
            int t = truthy(vm, a[i]);
            if (t < 0)
                return Value::null();
            (i == 4 ? tf->line_buffering : tf->write_through) = t;
        }
    return py_none();
}

SLPY_TEXT_METHOD(tx_get_name)
{
    TextFile* tf = self_text(args[0]);
    if (!check_initialized(vm, tf))
        return Value::null();
    if (tf->buffer->fflags & FF_RAWOBJ)
        return getattr(vm, buffer_value(tf), intern(vm, "name"));
    return tf->buffer->name;
}
// The getters of an uninitialised wrapper raise, as CPython's.
#define SLPY_TEXT_GETTER(cname, expr)                                                  \
    SLPY_TEXT_METHOD(cname)                                                            \
    {                                                                                  \
        TextFile* tf = self_text(args[0]);                                             \
        return check_initialized(vm, tf) ? Value(expr) : Value::null();                \
    }
// `mode` exists when open() made the wrapper (CPython's open() sets it in the instance
// dict) or someone set it; TextIOWrapper(buffer) has none.
SLPY_TEXT_METHOD(tx_get_mode)
{
    TextFile* tf = self_text(args[0]);
    if (!check_initialized(vm, tf))
        return Value::null();
    if (!tf->mode)
        return raise_fmt(vm, exc::AttributeError, "'%s' object has no attribute 'mode'", type_name(args[0]));
    return Value::from_object(tf->mode);
}
// CPython's TextIOWrapper keeps `mode` in its instance dict, and tokenize.open() sets it.
SLPY_TEXT_METHOD(tx_set_mode)
{
    if (args[1].is_null())
        return raise(vm, exc::AttributeError, "cannot delete the mode of a TextIOWrapper");
    String* m = as_str(args[1]);
    if (!m)
        return raise_fmt(vm, exc::TypeError, "slpy's TextIOWrapper.mode must be a str, not %s", type_name(args[1]));
    if (!check_initialized(vm, self_text(args[0])))
        return Value::null();
    self_text(args[0])->mode = m;
    return py_none();
}
SLPY_TEXT_GETTER(tx_get_errors, Value::from_object(tf->errors))
// The line endings read so far, when reading with newline=None or '' (CPython's
// decoder.newlines); None otherwise.
SLPY_TEXT_GETTER(tx_get_newlines, (tf->buffer->fflags & FF_READABLE) && (tf->nl == NewlineMode::Universal || tf->nl == NewlineMode::Untranslated)
                                      ? newlines_value(vm, tf->seennl)
                                      : py_none())
// CPython's plain members: None / False before __init__ ran.
SLPY_TEXT_METHOD(tx_get_encoding)
{
    TextFile* tf = self_text(args[0]);
    return tf->buffer ? Value::from_object(tf->encoding) : py_none();
}
SLPY_TEXT_METHOD(tx_get_buffer)
{
    TextFile* tf = self_text(args[0]);
    return tf->buffer ? buffer_value(tf) : py_none();
}
// _CHUNK_SIZE: how many bytes a read takes from the buffer at a time (CPython's checks).
SLPY_TEXT_GETTER(tx_get_chunk_size, int_from_i64(vm, int64_t(tf->chunk_size)))
#undef SLPY_TEXT_GETTER
SLPY_TEXT_METHOD(tx_set_chunk_size)
{
    TextFile* tf = self_text(args[0]);
    if (!check_initialized(vm, tf))
        return Value::null();
    if (args[1].is_null())
        return raise(vm, exc::AttributeError, "cannot delete attribute");
    int64_t n;
    if (type_of(args[1])->slot(Slot::INDEX).is_null() && !is_int(args[1]))
        return raise_fmt(vm, exc::TypeError, "'%s' object cannot be interpreted as an integer", type_name(args[1]));
    if (!index_i64(vm, args[1], n))
        return Value::null();
    if (n <= 0)
        return raise(vm, exc::ValueError, "a strictly positive integer is required");
    tf->chunk_size = size_t(n);
    return py_none();
}
SLPY_TEXT_METHOD(tx_get_line_buffering) { return py_bool(self_text(args[0])->line_buffering); }
SLPY_TEXT_METHOD(tx_get_write_through) { return py_bool(self_text(args[0])->write_through); }

#undef SLPY_TEXT_METHOD

} // namespace

bool io_textio_write(VM& vm, Value file, String* s)
{
    TextFile* tf = self_text(file);
    if (!check_open(vm, tf))
        return false;
    BufferedFile* f = tf->buffer;
    if (!(f->fflags & FF_WRITABLE)) {
        raise_unsupported(vm, "not writable");
        return false;
    }
    if (!sync_for_write(vm, tf))
        return false;
    std::string_view text = s->view();
    bool has_nl = std::memchr(text.data(), '\n', text.size()) != nullptr;
    std::string translated;
    String* source = s;
    if (has_nl && (tf->nl == NewlineMode::CR || tf->nl == NewlineMode::CRLF)) {
        char const* nl = tf->nl == NewlineMode::CR ? "\r" : "\r\n";
        for (char c : text) {
            if (c == '\n')
                translated += nl;
            else
                translated.push_back(c);
        }
        text = translated;
        source = nullptr;
    }
    // CPython's TextIOWrapper.write: line buffering flushes the buffer too when the text
    // has a '\n' or '\r'; write_through only hands the bytes on to the buffer.
    bool needflush = tf->line_buffering && (has_nl || std::memchr(text.data(), '\r', text.size()));
    bool pass_on = needflush || tf->write_through;
    bool direct = tf->enc != TextEncoding::CODEC &&
                  (s->is_ascii() || (tf->enc == TextEncoding::UTF8 && utf8_validate(text) == std::string_view::npos));
    if (tf->enc == TextEncoding::CODEC) {
        if (!source && !(source = str_new(vm, text)))
            return false;
        if (tf->encoder.is_null()) {
            raise(vm, exc::RuntimeError, "TextIOWrapper has no encoder");
            return false;
        }
        Value b = call_named(vm, tf->encoder, "encode", { Value::from_object(source) });
        if (b.is_null())
            return false;
        Bytes* bytes = as_bytes(b);
        if (!bytes) {
            raise_fmt(vm, exc::TypeError, "encoder should return a bytes object, not '%s'", type_name(b));
            return false;
        }
        if (!buffered_text_write(vm, f, reinterpret_cast<char const*>(bytes->view().data()), bytes->view().size(), pass_on))
            return false;
    } else if (direct) {
        if (!buffered_text_write(vm, f, text.data(), text.size(), pass_on))
            return false;
    } else {
        if (!source && !(source = str_new(vm, text)))
            return false;
        Value b = str_encode(vm, source, codec_name(tf->enc), tf->errors->view());
        if (b.is_null())
            return false;
        std::string_view bytes = as_bytes(b)->view();
        if (!buffered_text_write(vm, f, bytes.data(), bytes.size(), pass_on))
            return false;
    }
    return !needflush || buffered_flush(vm, f);
}

bool text_encoding_lookup(std::string_view name, TextEncoding& out)
{
    std::string n;
    for (char c : name)
        n += (c == '_' || c == ' ') ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (n == "utf-8" || n == "utf8" || n == "u8" || n == "utf" || n == "cp65001") {
        out = TextEncoding::UTF8;
        return true;
    }
    if (n == "ascii" || n == "us-ascii" || n == "646" || n == "us") {
        out = TextEncoding::ASCII;
        return true;
    }
    if (n == "latin-1" || n == "latin1" || n == "latin" || n == "iso-8859-1" || n == "iso8859-1" || n == "8859" ||
        n == "cp819" || n == "l1" || n == "iso-ir-100") {
        out = TextEncoding::LATIN1;
        return true;
    }
    return false;
}

bool text_newline_mode(VM& vm, Value newline, NewlineMode& out)
{
    if (is_none(newline)) {
        out = NewlineMode::Universal;
        return true;
    }
    String* s = as_str(newline);
    std::string_view v = s ? s->view() : std::string_view();
    if (v.empty())
        out = NewlineMode::Untranslated;
    else if (v == "\n")
        out = NewlineMode::LF;
    else if (v == "\r")
        out = NewlineMode::CR;
    else if (v == "\r\n")
        out = NewlineMode::CRLF;
    else {
        raise_fmt(vm, exc::ValueError, "illegal newline value: %s", s->c_str());
        return false;
    }
    return true;
}

TextFile* text_alloc(VM& vm, TypeObject* type)
{
    auto* tf = static_cast<TextFile*>(alloc_instance(vm, type));
    if (!tf)
        return nullptr;
    tf->detached = true; // no buffer yet: "uninitialized"
    return tf;
}

void text_configure(TextFile* tf, BufferedFile* buffer, String* mode, String* encoding, TextEncoding enc, String* errors,
                    Value newline, NewlineMode nl, bool line_buffering, bool write_through)
{
    tf->buffer = buffer;
    tf->mode = mode;
    tf->encoding = encoding;
    tf->errors = errors;
    tf->newline = newline;
    tf->enc = enc;
    tf->nl = nl;
    tf->line_buffering = line_buffering;
    tf->write_through = write_through;
    // A second __init__ starts over with nothing decoded.
    if (!tf->decoded)
        tf->decoded = new std::string();
    if (!tf->pending)
        tf->pending = new std::string();
    tf->decoded->clear();
    tf->pending->clear();
    tf->dpos = 0;
    tf->seennl = 0;
    tf->cr_pending = false;
    tf->chunk_size = kChunkSize;
    tf->detached = false;
    tf->decoder = tf->encoder = Value::null();
    if (!tf->snap_input)
        tf->snap_input = new std::string();
    tf->snap_input->clear();
    tf->snap_flags = 0;
    tf->has_snapshot = false;
    tf->decoder_dirty = false;
    tf->iterating = false;
}

bool text_encoding_resolve(VM& vm, String* name, TextEncoding& enc, Value& info)
{
    info = Value::null();
    if (text_encoding_lookup(name->view(), enc))
        return true;
    info = codecs_lookup(vm, name);
    if (info.is_null())
        return false;
    // CPython's _PyCodec_LookupTextEncoding: a codec that says it is not a text encoding
    // (rot13, base64, ...) is refused.
    Value is_text = getattr(vm, info, intern(vm, "_is_text_encoding"));
    if (is_text.is_null()) {
        if (!vm.error_matches(exc::AttributeError))
            return false;
        vm.clear_error();
    } else {
        int t = truthy(vm, is_text);
        if (t < 0)
            return false;
        if (!t) {
            raise_fmt(vm, exc::LookupError, "'%s' is not a text encoding; use codecs.open() to handle arbitrary codecs",
                      name->c_str());
            return false;
        }
    }
    enc = TextEncoding::CODEC;
    return true;
}

bool text_init_codec(VM& vm, TextFile* tf, Value info)
{
    BufferedFile* b = tf->buffer;
    Value errors = Value::from_object(tf->errors);
    if (b->fflags & FF_READABLE) {
        Value make = getattr(vm, info, intern(vm, "incrementaldecoder"));
        if (make.is_null() || (tf->decoder = call1(vm, make, errors)).is_null())
            return false;
    }
    if (b->fflags & FF_WRITABLE) {
        Value make = getattr(vm, info, intern(vm, "incrementalencoder"));
        if (make.is_null() || (tf->encoder = call1(vm, make, errors)).is_null())
            return false;
        // Appending to a file (or writing after its start): no BOM in the middle, as
        // CPython's TextIOWrapper sets the encoder's state when the file is not at 0.
        Value seekable = call_named(vm, Value::from_object(tf), "seekable", {});
        if (seekable.is_null())
            return false;
        int t = truthy(vm, seekable);
        if (t < 0)
            return false;
        if (t) {
            int64_t pos = buffered_tell(vm, b);
            if (pos < 0)
                return false;
            if (pos != 0 && !codec_reset_encoder(vm, tf, false))
                return false;
        }
    }
    return true;
}

TextFile* text_new(VM& vm, BufferedFile* buffer, String* mode, String* encoding, TextEncoding enc, String* errors,
                   Value newline, NewlineMode nl, bool line_buffering, bool write_through)
{
    TextFile* tf = text_alloc(vm, io_types(vm).text_io);
    if (tf)
        text_configure(tf, buffer, mode, encoding, enc, errors, newline, nl, line_buffering, write_through);
    return tf;
}

// Exactly TextIOWrapper: a subclass may override write(), which print() must then call.
bool io_is_textio(Value v) { return v.is_object() && v.as_object()->type->trace == text_trace; }

// TextIOWrapper is a type of each VM (IoTypes::text_io), not the shared runtime's
// types.textio: a type frozen into the shared runtime cannot take this VM's methods.
void setup_text_type(VM& vm)
{
    IoTypes& st = io_types(vm);
    if (st.text_io)
        return;
    setup_base_types(vm);
    TypeObject* t = make_builtin_type(vm, "TextIOWrapper", st.text_iobase, sizeof(TextFile), TF_BASETYPE | TF_LAYOUT_DICT,
                                      text_trace, text_finalize);
    t->dict_offset = offsetof(TextFile, dict);
    t->iternext = tx_iternext;
    t->tflags |= TF_LAYOUT_WEAKREF;
    set_native_type_module(vm, t, "_io");
    add_methods(vm, t, {
        { "read", tx_read }, { "readline", tx_readline }, { "readlines", tx_readlines }, { "write", tx_write },
        { "writelines", tx_writelines }, { "flush", tx_flush }, { "close", tx_close }, { "tell", tx_tell },
        { "seek", tx_seek }, { "truncate", tx_truncate }, { "fileno", tx_fileno }, { "isatty", tx_isatty },
        { "readable", tx_readable }, { "writable", tx_writable }, { "seekable", tx_seekable },
        { "reconfigure", tx_reconfigure }, { "detach", tx_detach }, { "__enter__", tx_enter }, { "__exit__", tx_exit },
        { "__iter__", tx_iter }, { "__next__", tx_next }, { "__repr__", tx_repr },
    });
    add_getsets(vm, t, {
        { "closed", tx_get_closed }, { "name", tx_get_name }, { "mode", tx_get_mode, tx_set_mode },
        { "encoding", tx_get_encoding }, { "errors", tx_get_errors }, { "newlines", tx_get_newlines },
        { "buffer", tx_get_buffer }, { "line_buffering", tx_get_line_buffering },
        { "write_through", tx_get_write_through }, { "_CHUNK_SIZE", tx_get_chunk_size, tx_set_chunk_size },
        { "__dict__", instance_dict_get, instance_dict_set },
    });
    finish_builtin_type(vm, t);
    st.text_io = t;
}

} // namespace slpy
