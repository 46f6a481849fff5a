// Internals of the io layer shared by io.cpp, io_buffered.cpp, io_text.cpp and
// io_stringio.cpp: the object layouts and the helpers each file offers the others.
//
// Two layers, as CPython's: a BufferedFile (the types BufferedReader / BufferedWriter /
// BufferedRandom / FileIO) owns a file descriptor and
// a read buffer and a write buffer in malloc'd memory; a TextFile (IoTypes::text_io,
// "TextIOWrapper") decodes and encodes text on top of one BufferedFile. Text writes are
// encoded straight into the binary write buffer, so the text layer never holds unwritten
// data and a finalizer of the binary layer alone can flush what is pending.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"
#include "objects/string.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace slpy {

// BufferedFile::fflags bits.
inline constexpr uint32_t FF_READABLE = 1u << 0;
inline constexpr uint32_t FF_WRITABLE = 1u << 1;
inline constexpr uint32_t FF_APPEND = 1u << 2;
inline constexpr uint32_t FF_CLOSEFD = 1u << 3;      // close the descriptor on close()
inline constexpr uint32_t FF_CLOSED = 1u << 4;
inline constexpr uint32_t FF_UNBUFFERED = 1u << 5;   // FileIO (buffering=0): every write goes out at once
inline constexpr uint32_t FF_STD = 1u << 6;          // sys.stdin/stdout/stderr
inline constexpr uint32_t FF_EOF_SEEN = 1u << 7;     // a read returned 0 (reset by seek)
inline constexpr uint32_t FF_TTY_KNOWN = 1u << 8;
inline constexpr uint32_t FF_TTY = 1u << 9;
inline constexpr uint32_t FF_SEEKABLE_KNOWN = 1u << 10;
inline constexpr uint32_t FF_SEEKABLE = 1u << 11;
inline constexpr uint32_t FF_CREATED = 1u << 12;     // opened with 'x'
// The object buffers a raw stream object (`raw`: any object with read/readinto, write,
// seek, ... such as a Python subclass of io.RawIOBase) instead of a descriptor (fd -1):
// what would be read(2)/write(2)/lseek(2) are calls of raw's methods.
inline constexpr uint32_t FF_RAWOBJ = 1u << 13;
// With FF_RAWOBJ: a hidden adapter TextIOWrapper made over a buffered object of another
// kind (BytesIO, GzipFile, ...); reads use raw.read1 and `TextIOWrapper.buffer` is raw.
inline constexpr uint32_t FF_PROXY = 1u << 14;

// A link of a VM's list of its live BufferedFiles (IoTypes::files), which io walks to
// write out every open file at exit: a base of BufferedFile, so the list costs no
// allocation. A file joins it when it is made over a descriptor and leaves it in its
// finalizer; the list's owner unlinks them all when it goes first (VM destruction).
// Null links: not in a list.
struct FileListLink {
    FileListLink* prev;
    FileListLink* next;
    void leave_file_list()
    {
        if (!next)
            return;
        prev->next = next;
        next->prev = prev;
        prev = next = nullptr;
    }
};

struct BufferedFile : Object, FileListLink {
    Dict* dict;   // instance __dict__ (CPython's file objects have one)
    Value name;   // as given to open(): str, bytes, a path-like object or an int
    String* mode; // the FileIO-style mode: 'rb', 'wb', 'ab', 'rb+', 'xb'
    Value raw;    // the raw stream object with FF_RAWOBJ, else null
    int fd;       // -1 once closed
    uint32_t fflags;
    uint64_t dev; // st_dev / st_ino, to find other objects open on the same file
    uint64_t ino;
    // Read buffer: bytes [rpos, rlen) of rbuf are read ahead of the logical position.
    char* rbuf;
    size_t rpos;
    size_t rlen;
    // Write buffer: wlen bytes waiting to be written at the logical position.
    char* wbuf;
    size_t wlen;
    size_t bufsize; // capacity of each buffer
    // The pending bytes of the TextIOWrapper over this file (CPython keeps up to a chunk
    // of 8192 encoded bytes in the text layer before it writes them to the buffer). They
    // live here so that the finalizer of this object alone can write everything out.
    char* tpend;
    size_t tlen;
};

// The text encodings the io layer implements itself, and CODEC: any other text encoding,
// through the codec registry's incremental decoder and encoder (TextFile::decoder/encoder).
enum class TextEncoding : uint8_t { UTF8, ASCII, LATIN1, CODEC };
// How newlines are read and written (open()'s newline argument).
enum class NewlineMode : uint8_t {
    Universal,  // None: '\n', '\r' and '\r\n' end lines and read as '\n'
    Untranslated, // '': all three end lines, returned as they are
    LF,         // '\n'
    CR,         // '\r': read lines end at '\r'; '\n' is written as '\r'
    CRLF,       // '\r\n': read lines end at '\r\n'; '\n' is written as '\r\n'
};

struct TextFile : Object {
    Dict* dict;            // instance __dict__ (CPython's TextIOWrapper has one)
    BufferedFile* buffer;  // null until __init__ ran
    size_t chunk_size;     // _CHUNK_SIZE: bytes read from the buffer at a time
    String* mode;     // the mode given to open() ('r', 'w', 'a+', ...)
    String* encoding; // as given ('UTF-8' by default)
    String* errors;   // 'strict', ...
    Value newline;    // None or the str given
    TextEncoding enc;
    NewlineMode nl;
    bool line_buffering;
    bool write_through;
    // Decoded text not read yet (UTF-8, newlines not translated): bytes [dpos, size) of
    // *decoded. `pending` holds the undecoded tail of the last chunk (an incomplete
    // UTF-8 sequence). Both are malloc'd, freed by the finalizer.
    std::string* decoded;
    size_t dpos;
    std::string* pending;
    bool detached; // detach() gave the buffer away: every operation raises ValueError
    // `newlines` of a reading wrapper with newline=None or '': the SEEN_* bits of the
    // line endings decoded so far; a decoded '\r' at the end of a chunk waits for the
    // next one to tell '\r' from '\r\n' (cr_pending).
    uint8_t seennl;
    bool cr_pending;
    // enc == CODEC: the incremental decoder (readable wrappers) and encoder (writable
    // ones) of the codec, made from its CodecInfo with `errors`; null otherwise. tell()
    // needs CPython's snapshot: the decoder's flags and the bytes fed to it since the text
    // at decoded[0] began (its buffered bytes included); has_snapshot is false when there
    // is none (after read(), a write, a seek to the end), and tell() is then the buffer's.
    Value decoder;
    Value encoder;
    std::string* snap_input; // malloc'd, freed by the finalizer
    int64_t snap_flags;
    bool has_snapshot;
    bool decoder_dirty; // the decoder was fed since its last reset
    bool iterating;     // next() runs and has not reached the end: tell() is disabled, as CPython's
};

// ---- io_base.cpp
inline constexpr int64_t kIoDefaultBufferSize = 8192; // io.DEFAULT_BUFFER_SIZE

// The type objects of this layer, per VM (traced by the VM through its module state).
struct IoTypes {
    TypeObject* iobase = nullptr; // _io._IOBase and the three abstract bases under it
    TypeObject* raw_iobase = nullptr;
    TypeObject* buffered_iobase = nullptr;
    TypeObject* text_iobase = nullptr;
    TypeObject* text_io = nullptr; // TextIOWrapper
    TypeObject* buffered_reader = nullptr;
    TypeObject* buffered_writer = nullptr;
    TypeObject* buffered_random = nullptr;
    TypeObject* file_io = nullptr;
    TypeObject* string_io = nullptr;
    TypeObject* bytes_io = nullptr;
    TypeObject* unsupported_operation = nullptr; // io.UnsupportedOperation(OSError, ValueError)
    TypeObject* rwpair = nullptr;
    TypeObject* newline_decoder = nullptr;
    // The VM's live BufferedFiles over a descriptor: a circular list with this as its
    // head (see FileListLink), per VM because each VM's heap finalizes its own files.
    FileListLink files { &files, &files };
};
IoTypes& io_types(VM& vm);
// _IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase and UnsupportedOperation.
void setup_base_types(VM& vm);
// Whether instances of `t` (or of a class derived from it) have the layout traced by `trace`.
bool is_io_layout(TypeObject* t, TraceFn trace);
// self.<method>() is true, else UnsupportedOperation(message) (io_base.cpp).
bool io_check_capability(VM& vm, Value self, char const* method, char const* message);

// ---- io_misc.cpp: IncrementalNewlineDecoder and BufferedRWPair.
void setup_misc_types(VM& vm);
// The kinds of line ending seen (IncrementalNewlineDecoder.newlines, StringIO.newlines).
inline constexpr uint8_t SEEN_LF = 1, SEEN_CR = 2, SEEN_CRLF = 4;
// The `newlines` value for the SEEN_* bits: None, one str, or a tuple in CPython's order.
Value newlines_value(VM& vm, uint8_t seennl);
// The SEEN_* bits of the line endings in `text`.
uint8_t scan_newlines(std::string_view text);

// ---- io_buffered.cpp
void setup_buffered_types(VM& vm);
// A new binary file object over `fd` (already open). `type` picks the class; buffer_size
// 0 takes the descriptor's block size (st_blksize) or 8192, as CPython's open().
BufferedFile* buffered_new(VM& vm, TypeObject* type, int fd, Value name, String* mode, uint32_t fflags,
                           size_t buffer_size = 0);
BufferedFile* as_buffered(Value v); // nullptr when v is not a binary file of this layer
// Whether close() must call self.flush() through the object: the object is an instance
// of a Python subclass, or has instance attributes (which may shadow flush).
bool io_flush_overridden(VM& vm, Value self);
// The outcome of close() after an overriding flush() failed with `flush_error` (null: it
// did not) and the close itself succeeded (`ok`) or not (its error pending): false with
// the error to raise pending.
bool io_close_result(VM& vm, bool ok, Value flush_error);
// A buffered object of `type` over the raw stream object `raw` (FF_RAWOBJ; fflags gives
// FF_READABLE / FF_WRITABLE / FF_PROXY).
BufferedFile* buffered_over_raw(VM& vm, TypeObject* type, Value raw, uint32_t fflags, size_t buffer_size);

// Raises ValueError "I/O operation on closed file." when closed; false then.
bool buffered_check_open(VM& vm, BufferedFile* f);
// Reading primitives for the text layer and the methods: up to `n` bytes from the read
// buffer or one read(2) (0 at end of file). Returns -1 with an OSError pending.
ptrdiff_t buffered_read_some(VM& vm, BufferedFile* f, char* out, size_t n);
// Appends bytes at the logical position (buffered unless FF_UNBUFFERED).
bool buffered_write(VM& vm, BufferedFile* f, char const* data, size_t n);
bool buffered_flush(VM& vm, BufferedFile* f);
// Moves the text layer's pending bytes into the write buffer (CPython's
// _textiowrapper_writeflush).
bool buffered_text_writeflush(VM& vm, BufferedFile* f);
// Appends encoded text to the text layer's pending bytes, moving them on when a chunk is
// full. `flush_now` writes them to the buffer at once (line buffering, write_through).
bool buffered_text_write(VM& vm, BufferedFile* f, char const* data, size_t n, bool flush_now);
// Discards read-ahead (moving the descriptor back to the logical position).
bool buffered_drop_readahead(VM& vm, BufferedFile* f);
// The logical position (lseek + buffers); -1 with an error pending.
int64_t buffered_tell(VM& vm, BufferedFile* f);
int64_t buffered_seek(VM& vm, BufferedFile* f, int64_t pos, int whence);
bool buffered_close(VM& vm, BufferedFile* f);
bool buffered_isatty(BufferedFile* f);

// readlines(hint) of every file type: lines from `next_line()` (a str or bytes Value,
// empty at the end) until the end or until more than `hint` characters / bytes are in
// (hint <= 0: no limit), as CPython's IOBase.readlines.
size_t line_length(Value line);
// The optional size argument (args[1]) of read/read1/readline/readlines/truncate, after the
// method's own checks (no keywords, at most one argument): None or absent is -1;
// TypeError as CPython's _Py_convert_optional_to_ssize_t.
bool io_size_arg(VM& vm, char const* method, Value const* args, size_t nargs, Tuple* kwnames, int64_t& out);
template<typename NextLine>
Value collect_lines(VM& vm, int64_t hint, NextLine next_line)
{
    List* lines = list_new(vm);
    int64_t total = 0;
    for (;;) {
        Value line = TRY(next_line());
        size_t n = line_length(line);
        if (n == 0)
            break;
        if (!list_append(vm, lines, line))
            return Value::null();
        total += int64_t(n);
        if (hint > 0 && total > hint)
            break;
    }
    return Value::from_object(lines);
}

// Flushes every open file of this layer that holds unwritten data (at exit), ignoring
// errors; std streams are skipped when `include_std` is false.
void flush_all_files(VM& vm, bool include_std);
// Writes out what other objects open on the file (dev, ino) hold, before open() gives a
// new object for it: `open(p, "w").write(s)` leaves an unreferenced object whose data
// CPython's reference counting would have written by now; a collector has not.
void flush_files_on(VM& vm, uint64_t dev, uint64_t ino);

// OSError (or the subclass CPython picks for errno `err`) with strerror, and the
// filename when given.
Value raise_errno(VM& vm, int err, Value filename = Value::null());
Value raise_unsupported(VM& vm, char const* what);

// ---- io_text.cpp
void setup_text_type(VM& vm);
// An uninitialised wrapper of `type` (TextIOWrapper or a subclass): every operation raises
// ValueError until text_configure gives it a buffer (TextIOWrapper.__init__).
TextFile* text_alloc(VM& vm, TypeObject* type);
void text_configure(TextFile* tf, BufferedFile* buffer, String* mode, String* encoding, TextEncoding enc, String* errors,
                    Value newline, NewlineMode nl, bool line_buffering, bool write_through);
// A text wrapper over `buffer`; encoding/errors/newline already validated.
TextFile* text_new(VM& vm, BufferedFile* buffer, String* mode, String* encoding, TextEncoding enc, String* errors,
                   Value newline, NewlineMode nl, bool line_buffering, bool write_through);
// The text encoding named `name` (utf-8, ascii, latin-1 and their aliases); false when
// this layer does not implement it.
bool text_encoding_lookup(std::string_view name, TextEncoding& out);
// Any text encoding: a native one (info null), else CODEC with the registry's CodecInfo
// in `info`. False with CPython's LookupError pending (unknown encoding, or a codec
// that is not a text encoding such as rot13).
bool text_encoding_resolve(VM& vm, String* name, TextEncoding& enc, Value& info);
// After text_configure/text_new with enc == CODEC: makes the incremental decoder and
// encoder from `info`; an encoder of a file not at position 0 starts without a BOM.
bool text_init_codec(VM& vm, TextFile* tf, Value info);
// Validates open()'s newline argument: ValueError "illegal newline value: q".
bool text_newline_mode(VM& vm, Value newline, NewlineMode& out);

// ---- io_stringio.cpp
void setup_stringio_type(VM& vm);

// ---- io_bytesio.cpp
void setup_bytesio_type(VM& vm);

} // namespace slpy
