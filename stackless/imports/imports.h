// The import system: finding modules on sys.path, loading source (through the bytecode
// cache), packages, relative imports, __import__ and the IMPORT_* instructions' helpers.
// See README.md in this folder for the design.
#pragma once

#include "objects/containers.h"
#include "objects/module.h"
#include "objects/runtime.h"

#include <string>
#include <vector>

namespace slpy {

// import `name` (absolute, dotted) as importlib's _gcd_import: parents first, then the
// module; returns the module itself (not the top-level package).
Value import_absolute(VM& vm, String* name);

// __import__(name, globals, locals, fromlist, level): `globals` may be null. Returns what
// the IMPORT_NAME instruction pushes (the top package, or the module for a fromlist).
Value import_name(VM& vm, String* name, Dict* globals, Value fromlist, int64_t level);

// IMPORT_FROM: attribute `name` of `module`, or the submodule `module.name` found in
// sys.modules (circular imports); ImportError with CPython's message otherwise.
Value import_from(VM& vm, Value module, String* name);

// What the `slpy` command sets up before the program runs: sys.path (script folder,
// PYTHONPATH, slpy's lib, the CPython library), sys.meta_path and the other import
// attributes of sys. `first` is sys.path[0]. False with a message in *error when the
// CPython library cannot be found. A non-empty `stdlib` replaces imports_stdlib_dir()
// (the embedding API's option). `ignore_environment` (-E, -I) leaves PYTHONPATH out.
bool imports_setup_path(VM& vm, std::string const& first, std::string* error, std::string const& stdlib = {},
                        bool ignore_environment = false);

// The CPython library folder slpy uses ($SLPY_STDLIB, else the build's SLPY_STDLIB_DIR).
std::string imports_stdlib_dir();

// Runs module `name` as __main__ (-m): a module's code, or a package's __main__
// submodule. Returns the result of the module's code or null with the exception pending.
Value imports_run_main_module(VM& vm, std::string const& name, std::string* error_message);

// Compiles the source file `path` (or loads its cached bytecode): a Code object.
Value imports_source_to_code(VM& vm, std::string const& path, std::string const& source);

// fork(): the import lock around it, as CPython's PyOS_BeforeFork/AfterFork (the child
// frees the locks that threads other than the forking one held). posix.cpp calls them.
void imports_before_fork(VM& vm);
void imports_after_fork_parent(VM& vm);
void imports_after_fork_child(VM& vm);

// Built-in modules of the import system.
Module* make_imp_module(VM& vm);
// Registers the import system's built-in modules (_imp, posix, errno, _stat, marshal,
// _io, _warnings) with the interpreter (create_interpreter calls it).
void register_import_modules(Interpreter& in);

} // namespace slpy
