// Code generator: AST -> CodeUnit, after CPython 3.11's Python/compile.c.
//
// One Unit per code object being compiled (module, class body, function, lambda,
// comprehension); each emits into a flow graph (flowgraph.h) that assemble() turns into
// code words, locations and an exception table. The statement and expression visitors
// live in codegen_stmt.cpp and codegen_expr.cpp, match statements in codegen_match.cpp.
#pragma once

#include "stackless/compiler/code_unit.h"
#include "stackless/compiler/compiler.h"
#include "stackless/compiler/flowgraph.h"
#include "stackless/compiler/future.h"
#include "stackless/compiler/symtable.h"
#include "stackless/compiler/ast_include.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace slpy::compiler {

struct CompileError {
    std::string msg;
    Location loc;
};

enum class UnitScope { Module, Class, Function, Lambda, Comprehension };

enum class FBlockType { WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, With, HandlerCleanup, PopValue, ExceptionHandler,
                        ExceptionGroupHandler };

struct FBlock {
    FBlockType type;
    Block* block = nullptr;
    Block* exit = nullptr;
    std::vector<ast::Stmt*> const* finalbody = nullptr; // FinallyTry
    ast::Stmt const* with = nullptr;                    // With
    std::string name;                                   // HandlerCleanup: `except ... as name`
    bool has_name = false;
};

// The state of compiling one case's pattern (CPython's pattern_context): the names
// captured so far (their values wait on the stack, in this order), the blocks that pop
// what a failed match leaves on the stack (fail_pop[n] pops n items, then falls into
// fail_pop[n - 1]...), and how many items sit above the captured values.
struct PatternContext {
    std::vector<std::string> stores;
    bool allow_irrefutable = false;
    std::vector<Block*> fail_pop;
    int on_top = 0;
};

struct Unit {
    SymEntry* ste = nullptr;
    UnitScope scope = UnitScope::Module;
    std::string name;
    std::string qualname;
    std::string private_name; // enclosing class name, for mangling
    int firstlineno = 1;
    Graph graph;
    ConstPool consts;
    std::vector<std::string> names;
    std::map<std::string, int> names_index;
    std::vector<std::string> varnames;
    std::map<std::string, int> varnames_index;
    std::vector<std::string> cellvars; // sorted
    std::vector<std::string> freevars; // sorted
    int argcount = 0;
    int posonlyargcount = 0;
    int kwonlyargcount = 0;
    Location loc { -1, -1, -1, -1 };
    std::vector<FBlock> fblocks;
};

class Codegen {
public:
    Codegen(std::string filename, CompileOptions const& options, SymTable& symtable);
    // Throws CompileError.
    std::shared_ptr<CodeUnit> compile_mod(ast::Mod* mod, parser::Mode mode);

    // ---- unit management (codegen.cpp)
    void enter_scope(std::string const& name, UnitScope scope, ast::Node const* key, int lineno);
    std::shared_ptr<CodeUnit> assemble_unit(bool add_none);
    void exit_scope();
    Unit* u() const { return m_unit; }

    // ---- emission helpers
    void emit(Op op, int arg = 0) { m_unit->graph.add(op_code(op), arg, nullptr, m_unit->loc); }
    void emit_pseudo(int op, Block* target = nullptr) { m_unit->graph.add(op, 0, target, m_unit->loc); }
    void emit_jump(Op op, Block* target) { m_unit->graph.add(op_code(op), 0, target, m_unit->loc); }
    void emit_jump(int pseudo, Block* target) { m_unit->graph.add(pseudo, 0, target, m_unit->loc); }
    void emit_noline(Op op, int arg = 0) { m_unit->graph.add(op_code(op), arg, nullptr, kNoLocation); }
    void emit_jump_noline(int op, Block* target) { m_unit->graph.add(op, 0, target, kNoLocation); }
    Block* new_block() { return m_unit->graph.new_block(); }
    void use_next_block(Block* b) { m_unit->graph.use_next_block(b); }
    void next_block() { use_next_block(new_block()); }
    int add_const(ConstValue const& v) { return m_unit->consts.add(v); }
    void load_const(ConstValue const& v) { emit(Op::LOAD_CONST, add_const(v)); }
    int add_name(std::string const& name);
    int add_varname(std::string const& name);
    void set_loc(ast::Pos const& pos) { m_unit->loc = loc_of(pos); }
    void unset_loc() { m_unit->loc = kNoLocation; }
    static Location loc_of(ast::Pos const& pos) { return Location { pos.lineno, pos.end_lineno, pos.col_offset, pos.end_col_offset }; }
    [[noreturn]] void error(std::string msg);
    [[noreturn]] void error_at(std::string msg, ast::Pos const& pos);
    // CPython's compiler_warn: a SyntaxWarning at the current location.
    void warn(std::string msg);
    std::vector<SyntaxErrorInfo>& warnings() { return m_warnings; }
    // The SyntaxWarnings CPython's compiler gives for code that always fails.
    void check_compare(ast::Compare const* e);
    void check_caller(ast::Expr const* func);
    void check_subscript(ast::Subscript const* e);
    std::string mangle(std::string const& name) const { return SymTable::mangle(m_unit->private_name, name); }
    void nameop(std::string const& name, ast::ExprContext ctx);
    void forbidden_name(std::string const& name, ast::ExprContext ctx);
    void check_debug_args(ast::Arguments const* args);
    void validate_keywords(std::vector<ast::Keyword*> const& keywords);
    int deref_index(std::string const& name) const; // index in cells + frees space
    void make_closure(std::shared_ptr<CodeUnit> const& code, int flags);
    bool is_function_scope() const { return m_unit->ste->type == BlockType::Function; }
    bool is_async_function_scope() const;
    void emit_await(int kind); // GET_AWAITABLE kind, then the `yield from` loop

    // ---- statements (codegen_stmt.cpp)
    void visit_stmt(ast::Stmt* s);
    void visit_stmts(std::vector<ast::Stmt*> const& body);
    void compile_body(std::vector<ast::Stmt*> const& body);
    void compile_function(ast::FunctionDef* s);
    void compile_class(ast::ClassDef* s);
    void compile_return(ast::Return* s);
    void compile_if(ast::If* s);
    void compile_for(ast::For* s);
    void compile_while(ast::While* s);
    void compile_try(ast::Try* s);
    void compile_try_except(ast::Try* s);
    void compile_try_finally(ast::Stmt* s, std::vector<ast::Stmt*> const& body, bool has_handlers,
                             std::vector<ast::Stmt*> const& finalbody);
    void compile_try_star(ast::TryStar* s);
    void compile_try_star_except(ast::TryStar* s);
    // The shared parts of try/except and try/except*: the protected body (SETUP_FINALLY to
    // `handlers`), the entry of the handlers (SETUP_CLEANUP, PUSH_EXC_INFO, an fblock of
    // `type`) and the unbinding of an `as` name.
    void try_protected_body(std::vector<ast::Stmt*> const& body, Block* handlers);
    void try_enter_handlers(Block* handlers, Block* cleanup, FBlockType type);
    void unbind_handler_name(std::string const& name);
    void compile_with(ast::With* s, size_t pos);
    void compile_with_except_finish(Block* cleanup);
    void call_exit_with_nones();
    void compile_import(ast::Import* s);
    void compile_import_from(ast::ImportFrom* s);
    void compile_assert(ast::Assert* s);
    void compile_augassign(ast::AugAssign* s);
    void compile_annassign(ast::AnnAssign* s);
    void check_ann_expr(ast::Expr* e);
    void visit_annotation(ast::Expr* e);
    void compile_break();
    void compile_continue();
    void push_fblock(FBlock fb);
    void pop_fblock(FBlockType type);
    void unwind_fblock(FBlock const& fb, bool preserve_tos);
    // Returns the innermost loop when `want_loop`, nullptr otherwise.
    FBlock* unwind_fblock_stack(bool preserve_tos, bool want_loop);
    void pop_except_and_reraise();
    int default_arguments(ast::Arguments* args);
    int annotations(ast::Arguments* args, ast::Expr* returns);
    void apply_decorators(std::vector<ast::Expr*> const& decos);

    // ---- match statements (codegen_match.cpp)
    void compile_match(ast::Match* s);
    void pattern(ast::Pattern* p, PatternContext& pc);
    void pattern_subpattern(ast::Pattern* p, PatternContext& pc);
    void pattern_value(ast::MatchValue* p, PatternContext& pc);
    void pattern_singleton(ast::MatchSingleton* p, PatternContext& pc);
    void pattern_sequence(ast::MatchSequence* p, PatternContext& pc);
    void pattern_mapping(ast::MatchMapping* p, PatternContext& pc);
    void pattern_class(ast::MatchClass* p, PatternContext& pc);
    void pattern_as(ast::MatchAs* p, PatternContext& pc);
    void pattern_or(ast::MatchOr* p, PatternContext& pc);
    void pattern_store_name(std::string const& name, PatternContext& pc);
    void pattern_rotate(int count);
    void pattern_sequence_unpack(std::vector<ast::Pattern*> const& patterns, PatternContext& pc);
    void pattern_sequence_subscr(std::vector<ast::Pattern*> const& patterns, int star, PatternContext& pc);
    void ensure_fail_pop(PatternContext& pc, size_t n);
    void jump_to_fail_pop(PatternContext& pc, int op);
    void emit_and_reset_fail_pop(PatternContext& pc);

    // ---- expressions (codegen_expr.cpp)
    void visit_expr(ast::Expr* e);
    void visit_expr_inner(ast::Expr* e);
    void visit_exprs(std::vector<ast::Expr*> const& seq);
    void jump_if(ast::Expr* e, Block* next, bool cond);
    void compile_boolop(ast::BoolOp* e);
    void compile_compare(ast::Compare* e);
    void add_compare(ast::CmpOp op);
    void compile_call(ast::Call* e);
    bool maybe_optimize_method_call(ast::Call* e);
    void call_helper(int n, std::vector<ast::Expr*> const& args, std::vector<ast::Keyword*> const& keywords);
    void call_simple_kw_helper(std::vector<ast::Keyword*> const& keywords);
    void subkwargs(std::vector<ast::Keyword*> const& keywords, size_t begin, size_t end);
    void starunpack_helper(std::vector<ast::Expr*> const& elts, int pushed, Op build, Op add, Op extend, bool tuple);
    void assignment_helper(std::vector<ast::Expr*> const& elts);
    void compile_dict(ast::Dict* e);
    void subdict(ast::Dict* e, size_t begin, size_t end);
    void compile_comprehension(ast::Expr* e, std::string const& name, std::vector<ast::Comprehension*> const& gens,
                               ast::Expr* elt, ast::Expr* val);
    void comprehension_generator(std::vector<ast::Comprehension*> const& gens, size_t gen_index, int depth,
                                 ast::Expr* elt, ast::Expr* val, ast::ExprKind type);
    void compile_lambda(ast::Lambda* e);
    void compile_joined_str(ast::JoinedStr* e);
    void compile_formatted_value(ast::FormattedValue* e);
    void compile_subscript(ast::Subscript* e);
    void compile_slice(ast::Slice* e);
    void compile_attribute(ast::Attribute* e);
    void update_start_location_to_match_attr(ast::Attribute* e);
    void add_yield_from();
    void compile_async_for(ast::For* s);
    void emit_yield();
    void comprehension_element(int depth, ast::Expr* elt, ast::Expr* val, ast::ExprKind type);
    void async_comprehension_generator(std::vector<ast::Comprehension*> const& gens, size_t gen_index, int depth,
                                       ast::Expr* elt, ast::Expr* val, ast::ExprKind type);
    bool is_import_originated(ast::Expr* e) const;

    std::string const& filename() const { return m_filename; }
    CompileOptions const& options() const { return m_options; }
    bool interactive() const { return m_interactive; }
    size_t nest_level() const { return m_stack.size(); }

    FutureFeatures future; // the module's future statements, merged with options().future_flags

private:
    std::string m_filename;
    CompileOptions m_options;
    std::vector<SyntaxErrorInfo> m_warnings;
    SymTable& m_symtable;
    bool m_interactive = false;
    std::vector<std::unique_ptr<Unit>> m_stack;
    Unit* m_unit = nullptr;
};

} // namespace slpy::compiler
