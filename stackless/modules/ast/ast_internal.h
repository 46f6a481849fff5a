// Shared by the files of the `_ast` module: the per-VM state holding the node classes.
#pragma once

#include "stackless/modules/ast/ast_nodes.h"

#include "objects/runtime.h"
#include "stackless/parser/ast.h"

#include <string>
#include <vector>

namespace slpy::pyast {

enum class NodeKind : uint8_t { Abstract, Constructor, Product };
enum class NodeAttrs : uint8_t { NoPos, Pos, PosRequired };

// One field of a node, parsed from the table's ASDL text.
struct FieldSpec {
    std::string type; // "expr", "identifier", ...
    std::string name;
    char quantifier = 0; // 0, '?' or '*'
};

struct NodeSpec {
    char const* name;
    NodeId base; // NodeId::Count: the AST root
    NodeKind kind;
    NodeAttrs attrs;
    std::vector<FieldSpec> fields;
};

// The table of ast_nodes.h, parsed once (plain data, no Values).
std::vector<NodeSpec> const& node_specs();

// The node classes of one VM: made on first use (by `import _ast` or by compile() with
// PyCF_ONLY_AST), so both see the same classes.
struct AstState : VM::ModuleState {
    explicit AstState(VM&) {}
    TypeObject* ast = nullptr; // ast.AST
    TypeObject* classes[int(NodeId::Count)] = {};
    // The shared instances ast.parse puts in trees for Load, Store, Add, Eq, ...
    Value singletons[int(NodeId::Count)];
    // Interned field names, per node: fields[id][i].
    std::vector<std::vector<String*>> field_names;
    String* pos_names[4] = {}; // lineno, col_offset, end_lineno, end_col_offset
    bool ready = false;
    void trace(Tracer& t) override;
};

// The state with its classes made; null with the error pending.
AstState* ast_state(VM& vm);
// The state when its classes are made, else null (never makes them).
AstState* ast_state_if_ready(VM& vm);

// CPython's checks of a tree given to compile() (ast_validate.cpp): false with its
// ValueError/TypeError pending.
bool validate(VM& vm, ast::Mod const* mod);

inline TypeObject* node_class(AstState& st, NodeId id) { return st.classes[int(id)]; }

} // namespace slpy::pyast
