// The io layer: text and binary file objects over file descriptors (open(), sys.stdout).
#pragma once

#include "objects/runtime.h"

namespace slpy {

struct Module;
struct String;

// A text stream over an inherited descriptor for sys.stdin/stdout/stderr: UTF-8,
// line-buffered when the descriptor is a terminal (stderr always), `name` as CPython's
// ("<stdout>"). Returns null with an exception pending on failure.
Value io_std_stream(VM& vm, int fd, char const* name, bool writable);
// open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True)
Value io_open(VM& vm, Value const* args, size_t nargs, Tuple* kwnames);
// Flushes sys.stdout and sys.stderr (at exit); errors are reported, not raised.
void io_flush_std_streams(VM& vm);
// CPython's flush_io(): flushes sys.stderr, then sys.stdout, ignoring errors and keeping a
// pending exception. The CLI calls it when the main module has finished, before it
// prints the uncaught exception (or handles SystemExit), so that with both streams going
// to one file the program's output comes before the traceback, as in CPython.
void io_flush_io(VM& vm);
// Whether `v` is a TextIOWrapper of the io layer (io_textio_write's argument).
bool io_is_textio(Value v);
// Writes str `s` to a text file object (a TextIOWrapper) as its write() method does,
// without the method call (print()'s fast path). False with the exception pending.
bool io_textio_write(VM& vm, Value file, String* s);
// The native `_io` module (CPython's structure: _IOBase and the three abstract bases, FileIO,
// Buffered*, BytesIO, StringIO, TextIOWrapper, IncrementalNewlineDecoder, open, ...);
// `import io` runs CPython's own io.py over it.
Module* make_io_module(VM& vm);

} // namespace slpy
