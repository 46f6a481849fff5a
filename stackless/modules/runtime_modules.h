// Factories of the native modules of the runtime half of the library (issue 9):
// registered by create_interpreter (stackless/vm/interpreter.cpp).
#pragma once

#include "objects/value.h"

#include <cstdint>
#include <vector>

namespace slpy {

class VM;
struct Module;
struct Frame;

Module* make_weakref_module(VM& vm); // _weakref (weakref.cpp)
Module* make_thread_module(VM& vm);  // _thread (thread.cpp)
void thread_shutdown(VM& vm);         // joins the non-daemon threads at exit (thread.cpp)
// A wait (nanoseconds, -1: forever) that nothing can end, since no thread or tasklet
// exists: the timeout is slept out (False) or, with none, the deadlock RuntimeError
// naming `what` is raised (thread.cpp).
Value wait_without_scheduler(VM& vm, int64_t wait_ns, char const* what);
Module* make_queue_module(VM& vm);   // _queue (queue_module.cpp)
// What sys._current_frames / sys._current_exceptions report of each running thread (the
// main thread first): its ident, its innermost visible frame (null: none) and the
// exception it handles (null: none). False when out of memory (thread.cpp).
struct ThreadSnapshot {
    uint64_t ident;
    Frame* frame;
    Value exc;
};
bool thread_snapshots(VM& vm, std::vector<ThreadSnapshot>& out);
// The program's end has run atexit's callbacks: sys.is_finalizing() is True from now
// on (sys.cpp; called by run_finalizers_at_exit).
void sys_set_finalizing(VM& vm);
Module* make_gc_module(VM& vm);      // gc (gc.cpp)
// Sets up the running of finalizers (__del__, generator close) for the objects the
// collector finds unreachable (gc.cpp): called once per VM by the interpreter.
void install_finalizers(VM& vm);
// At the end of the program, after atexit's callbacks: runs the Python __del__ methods
// and closes the suspended generators of the objects still alive, as CPython's clearing
// of the modules at shutdown does (io objects are left to the flush at exit).
void run_finalizers_at_exit(VM& vm);
Module* make_atexit_module(VM& vm);  // atexit (atexit.cpp)
Module* make_string_module(VM& vm);  // _string (string_module.cpp)
Module* make_signal_module(VM& vm);  // _signal (signal.cpp)
Module* make_binascii_module(VM& vm); // binascii (binascii.cpp)
Module* make_zlib_module(VM& vm);    // zlib (zlib_module.cpp)
Module* make_bz2_module(VM& vm);     // _bz2 (bz2_module.cpp)
Module* make_lzma_module(VM& vm);    // _lzma (lzma_module.cpp)
Module* make_uuid_module(VM& vm);    // _uuid (uuid_module.cpp)
Module* make_pwd_module(VM& vm);     // pwd (pwd_grp.cpp)
Module* make_grp_module(VM& vm);     // grp (pwd_grp.cpp)
Module* make_hashlib_module(VM& vm); // _hashlib (hashlib_module.cpp)
Module* make_blake2_module(VM& vm); // _blake2 (hashlib_module.cpp)
Module* make_locale_module(VM& vm);  // _locale (locale_module.cpp)
Module* make_contextvars_module(VM& vm); // _contextvars (contextvars.cpp)
Module* make_codecs_module(VM& vm);  // _codecs (codecs_module.cpp)
Module* make_tokenize_module(VM& vm); // _tokenize (tokenize_module.cpp)
Module* make_unicodedata_module(VM& vm); // unicodedata (unicodedata.cpp)
// _multibytecodec and _codecs_jp/_cn/_tw/_hk/_kr/_iso2022 (multibytecodec.cpp)
Module* make_multibytecodec_module(VM& vm);
Module* make_codecs_jp_module(VM& vm);
Module* make_codecs_cn_module(VM& vm);
Module* make_codecs_tw_module(VM& vm);
Module* make_codecs_hk_module(VM& vm);
Module* make_codecs_kr_module(VM& vm);
Module* make_codecs_iso2022_module(VM& vm);
Module* make_cmath_module(VM& vm);   // cmath (cmath.cpp)
Module* make_array_module(VM& vm);   // array (array_module.cpp)
Module* make_ast_module(VM& vm);     // _ast (ast/ast_module.cpp)
Module* make_json_module(VM& vm);    // _json (json_module.cpp)
Module* make_csv_module(VM& vm);     // _csv (csv_module.cpp)
Module* make_pyexpat_module(VM& vm); // pyexpat (pyexpat_module.cpp)
Module* make_posixsubprocess_module(VM& vm); // _posixsubprocess (posixsubprocess.cpp)
Module* make_select_module(VM& vm);  // select (select_module.cpp)
Module* make_termios_module(VM& vm); // termios (termios_module.cpp)
Module* make_socket_module(VM& vm);  // _socket (socket_module.cpp)
Module* make_pickle_module(VM& vm);  // _pickle (pickle/pickle_module.cpp)
Module* make_testinternalcapi_module(VM& vm); // _testinternalcapi (testinternalcapi.cpp)
Module* make_faulthandler_module(VM& vm); // faulthandler (faulthandler.cpp)
// Tracebacks on fatal signals to stderr (-X faulthandler, PYTHONFAULTHANDLER).
bool faulthandler_enable_stderr();

} // namespace slpy
