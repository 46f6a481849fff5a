// The import system's per-VM state: the native classes whose instances the library sees
// (module.__spec__, __loader__, the finders in sys.meta_path). Interpreter::imports.
#pragma once

#include "objects/heap.h"
#include "objects/runtime.h"

namespace slpy {

struct ImportState {
    TypeObject* spec_type = nullptr;             // _frozen_importlib.ModuleSpec
    TypeObject* loader_type = nullptr;           // _frozen_importlib_external.SourceFileLoader
    TypeObject* builtin_importer_type = nullptr; // BuiltinImporter
    TypeObject* path_finder_type = nullptr;      // PathFinder
    TypeObject* namespace_loader_type = nullptr; // NamespaceLoader
    // The finders slpy puts in sys.meta_path: when find_spec meets them there it runs
    // their search natively.
    Value builtin_importer;
    Value path_finder;

    void trace(Tracer& t);
};

// The state of `vm`'s interpreter, created on first use.
ImportState& import_state(VM& vm);

// ImportError(msg, name=..., path=...) (or a subclass such as ModuleNotFoundError) made
// pending; null `name`/`path` are None. Returns null.
Value raise_import_error(VM& vm, TypeObject* type, std::string const& msg, Value name, Value path);

} // namespace slpy
