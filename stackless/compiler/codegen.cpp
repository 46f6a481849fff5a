// Code generator core: units (one per code object), names and scopes, closures, the
// module entry point and the conversion of an assembled unit into a CodeUnit.
#include "stackless/compiler/depth_guard.h"
#include "stackless/compiler/codegen.h"

#include "stackless/compiler/const_fold.h"

#include <algorithm>

namespace slpy::compiler {

Codegen::Codegen(std::string filename, CompileOptions const& options, SymTable& symtable)
    : m_filename(std::move(filename)), m_options(options), m_symtable(symtable)
{
}

void Codegen::error(std::string msg) { throw CompileError { std::move(msg), m_unit ? m_unit->loc : kNoLocation }; }

void Codegen::error_at(std::string msg, ast::Pos const& pos) { throw CompileError { std::move(msg), loc_of(pos) }; }

static void fill_error(SyntaxErrorInfo& err, std::string const& filename, std::string msg, Location const& loc);

void Codegen::warn(std::string msg)
{
    SyntaxErrorInfo info;
    fill_error(info, m_filename, std::move(msg), m_unit ? m_unit->loc : kNoLocation);
    info.type = "SyntaxWarning";
    m_warnings.push_back(std::move(info));
}

int Codegen::add_name(std::string const& name)
{
    auto it = m_unit->names_index.find(name);
    if (it != m_unit->names_index.end())
        return it->second;
    int index = static_cast<int>(m_unit->names.size());
    m_unit->names.push_back(name);
    m_unit->names_index.emplace(name, index);
    return index;
}

int Codegen::add_varname(std::string const& name)
{
    auto it = m_unit->varnames_index.find(name);
    if (it != m_unit->varnames_index.end())
        return it->second;
    int index = static_cast<int>(m_unit->varnames.size());
    m_unit->varnames.push_back(name);
    m_unit->varnames_index.emplace(name, index);
    return index;
}

int Codegen::deref_index(std::string const& name) const
{
    auto const& cells = m_unit->cellvars;
    auto it = std::find(cells.begin(), cells.end(), name);
    if (it != cells.end())
        return static_cast<int>(it - cells.begin());
    auto const& frees = m_unit->freevars;
    auto jt = std::find(frees.begin(), frees.end(), name);
    if (jt != frees.end())
        return static_cast<int>(cells.size() + (jt - frees.begin()));
    throw CompileError { "internal error: no cell or free variable '" + name + "'", m_unit->loc };
}

// CPython's forbidden_name: __debug__ is a constant, never bound or deleted (the error is
// at the current location).
void Codegen::forbidden_name(std::string const& name, ast::ExprContext ctx)
{
    if (name == "__debug__" && ctx != ast::ExprContext::Load)
        error(ctx == ast::ExprContext::Del ? "cannot delete __debug__" : "cannot assign to __debug__");
}

// CPython's compiler_check_debug_args: no parameter may be named __debug__.
void Codegen::check_debug_args(ast::Arguments const* args)
{
    auto check = [&](ast::Arg const* a) {
        if (a)
            forbidden_name(a->arg, ast::ExprContext::Store);
    };
    for (auto* a : args->posonlyargs)
        check(a);
    for (auto* a : args->args)
        check(a);
    check(args->vararg);
    for (auto* a : args->kwonlyargs)
        check(a);
    check(args->kwarg);
}

void Codegen::nameop(std::string const& name, ast::ExprContext ctx)
{
    using C = ast::ExprContext;
    forbidden_name(name, ctx);
    std::string mangled = mangle(name);
    enum { OpName, OpFast, OpDeref, OpGlobal } optype = OpName;
    SymEntry* ste = m_unit->ste;
    Scope scope = ste->scope_of(mangled);
    bool function = ste->type == BlockType::Function;
    switch (scope) {
    case Scope::Free:
    case Scope::Cell: optype = OpDeref; break;
    case Scope::Local:
        if (function)
            optype = OpFast;
        break;
    case Scope::GlobalImplicit:
        if (function)
            optype = OpGlobal;
        break;
    case Scope::GlobalExplicit: optype = OpGlobal; break;
    case Scope::Unknown: break;
    }
    switch (optype) {
    case OpDeref: {
        int index = deref_index(mangled);
        Op op = ctx == C::Load ? (ste->type == BlockType::Class ? Op::LOAD_CLASSDEREF : Op::LOAD_DEREF)
            : ctx == C::Store  ? Op::STORE_DEREF
                               : Op::DELETE_DEREF;
        emit(op, index);
        return;
    }
    case OpFast: {
        int index = add_varname(mangled);
        emit(ctx == C::Load ? Op::LOAD_FAST : ctx == C::Store ? Op::STORE_FAST : Op::DELETE_FAST, index);
        return;
    }
    case OpGlobal: {
        int index = add_name(mangled);
        if (ctx == C::Load)
            emit(Op::LOAD_GLOBAL, index << 1);
        else
            emit(ctx == C::Store ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL, index);
        return;
    }
    case OpName: {
        int index = add_name(mangled);
        emit(ctx == C::Load ? Op::LOAD_NAME : ctx == C::Store ? Op::STORE_NAME : Op::DELETE_NAME, index);
        return;
    }
    }
}

void Codegen::enter_scope(std::string const& name, UnitScope scope, ast::Node const* key, int lineno)
{
    auto unit = std::make_unique<Unit>();
    Unit* parent = m_unit;
    unit->ste = m_symtable.lookup(key);
    if (!unit->ste)
        throw CompileError { "internal error: no symbol table entry for '" + name + "'", kNoLocation };
    unit->scope = scope;
    unit->name = name;
    unit->firstlineno = lineno;
    unit->private_name = parent ? parent->private_name : std::string();
    SymEntry* ste = unit->ste;
    for (auto const& p : ste->varnames) {
        unit->varnames_index.emplace(p, static_cast<int>(unit->varnames.size()));
        unit->varnames.push_back(p);
    }
    for (auto const& [n, sc] : ste->scopes)
        if (sc == Scope::Cell)
            unit->cellvars.push_back(n);
    if (ste->needs_class_closure)
        unit->cellvars.push_back("__class__");
    for (auto const& [n, flags] : ste->symbols)
        if (ste->scope_of(n) == Scope::Free || (flags & DEF_FREE_CLASS))
            unit->freevars.push_back(n);
    std::sort(unit->cellvars.begin(), unit->cellvars.end());
    std::sort(unit->freevars.begin(), unit->freevars.end());

    // Qualified name, as compiler_set_qualname.
    if (scope == UnitScope::Module) {
        unit->qualname = name;
    } else {
        std::string base;
        bool has_base = false;
        if (m_stack.size() > 1) {
            bool force_global = false;
            if (scope == UnitScope::Function || scope == UnitScope::Class) {
                std::string mangled = SymTable::mangle(parent->private_name, name);
                if (parent->ste->scope_of(mangled) == Scope::GlobalExplicit)
                    force_global = true;
            }
            if (!force_global) {
                if (parent->scope == UnitScope::Function || parent->scope == UnitScope::Lambda)
                    base = parent->qualname + ".<locals>";
                else
                    base = parent->qualname;
                has_base = true;
            }
        }
        unit->qualname = has_base ? base + "." + name : name;
    }

    m_stack.push_back(std::move(unit));
    m_unit = m_stack.back().get();
    if (scope == UnitScope::Module)
        m_unit->loc = Location { 0, 1, 0, 0 };
    else
        m_unit->loc = Location { lineno, lineno, 0, 0 };
    emit(Op::RESUME, 0);
    if (scope == UnitScope::Module)
        m_unit->loc = kNoLocation;
}

void Codegen::exit_scope()
{
    m_stack.pop_back();
    m_unit = m_stack.empty() ? nullptr : m_stack.back().get();
}

// Builds the CodeUnit of the current unit (which stays current; call exit_scope after).
std::shared_ptr<CodeUnit> Codegen::assemble_unit(bool add_none)
{
    Unit* unit = m_unit;
    if (!unit->graph.current_ends_with_return()) {
        unset_loc();
        if (add_none)
            load_const(ConstValue::none());
        emit(Op::RETURN_VALUE);
    }
    SymEntry* ste = unit->ste;

    uint32_t flags = future.flags;
    if (ste->type == BlockType::Function) {
        flags |= CO_NEWLOCALS | CO_OPTIMIZED;
        if (ste->nested)
            flags |= CO_NESTED;
        if (ste->coroutine && ste->generator)
            flags |= CO_ASYNC_GENERATOR;
        else if (ste->coroutine)
            flags |= CO_COROUTINE;
        else if (ste->generator)
            flags |= CO_GENERATOR;
        if (ste->varargs)
            flags |= CO_VARARGS;
        if (ste->varkeywords)
            flags |= CO_VARKEYWORDS;
    }

    // localsplus layout: locals, then cells that are not parameters, then frees.
    std::vector<int> cell_slot(unit->cellvars.size());
    std::vector<std::string> names = unit->varnames;
    std::vector<uint8_t> kinds(names.size(), CO_FAST_LOCAL);
    for (size_t i = 0; i < unit->cellvars.size(); i++) {
        auto it = unit->varnames_index.find(unit->cellvars[i]);
        if (it != unit->varnames_index.end() && it->second < static_cast<int>(ste->varnames.size())) {
            cell_slot[i] = it->second;
            kinds[it->second] |= CO_FAST_CELL;
        } else {
            cell_slot[i] = static_cast<int>(names.size());
            names.push_back(unit->cellvars[i]);
            kinds.push_back(CO_FAST_CELL);
        }
    }
    int free_base = static_cast<int>(names.size());
    for (auto const& f : unit->freevars) {
        names.push_back(f);
        kinds.push_back(CO_FAST_FREE);
    }
    auto fix = [&](int arg) {
        if (arg < static_cast<int>(cell_slot.size()))
            return cell_slot[arg];
        return free_base + (arg - static_cast<int>(cell_slot.size()));
    };

    std::vector<Instr> prefix;
    if (!unit->freevars.empty()) {
        Instr i;
        i.op = op_code(Op::COPY_FREE_VARS);
        i.arg = static_cast<int>(unit->freevars.size());
        prefix.push_back(i);
    }
    for (size_t c = 0; c < unit->cellvars.size(); c++) {
        Instr i;
        i.op = op_code(Op::MAKE_CELL);
        i.arg = static_cast<int>(c);
        prefix.push_back(i);
    }
    if (flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
        Instr i;
        i.op = op_code(Op::RETURN_GENERATOR);
        i.loc = Location { unit->firstlineno, unit->firstlineno, -1, -1 };
        prefix.push_back(i);
        i.op = op_code(Op::POP_TOP);
        prefix.push_back(i);
    }
    auto fix_instr = [&](Instr& i) {
        switch (i.op) {
        case op_code(Op::MAKE_CELL):
        case op_code(Op::LOAD_CLOSURE):
        case op_code(Op::LOAD_DEREF):
        case op_code(Op::LOAD_CLASSDEREF):
        case op_code(Op::STORE_DEREF):
        case op_code(Op::DELETE_DEREF): i.arg = fix(i.arg); break;
        default: break;
        }
    };
    for (auto& i : prefix)
        fix_instr(i);
    for (auto& b : unit->graph.blocks)
        for (auto& i : b->instrs)
            fix_instr(i);

    Assembled a = assemble(unit->graph, unit->consts, prefix);

    auto code = std::make_shared<CodeUnit>();
    code->name = unit->name;
    code->qualname = unit->qualname;
    code->filename = m_filename;
    code->firstlineno = unit->scope == UnitScope::Module ? 1 : unit->firstlineno;
    code->argcount = unit->argcount;
    code->posonlyargcount = unit->posonlyargcount;
    code->kwonlyargcount = unit->kwonlyargcount;
    code->stacksize = a.stacksize;
    code->flags = flags;
    code->localsplusnames = std::move(names);
    code->localspluskinds = std::move(kinds);
    code->names = unit->names;
    // Drop trailing constants no instruction uses (index 0 always stays).
    int max_const = 0;
    for (CodeWord w : a.code) {
        Op op = word_op(w);
        if (op == Op::LOAD_CONST || op == Op::KW_NAMES)
            max_const = std::max(max_const, static_cast<int>(word_arg(w)));
    }
    code->consts = unit->consts.values();
    if (static_cast<int>(code->consts.size()) > max_const + 1)
        code->consts.resize(max_const + 1);
    code->code = std::move(a.code);
    code->locations = std::move(a.locations);
    code->exception_table = std::move(a.exception_table);
    return code;
}

void Codegen::make_closure(std::shared_ptr<CodeUnit> const& code, int flags)
{
    int nfree = 0;
    for (size_t i = 0; i < code->localsplusnames.size(); i++) {
        if (!(code->localspluskinds[i] & CO_FAST_FREE))
            continue;
        std::string const& name = code->localsplusnames[i];
        // In a class body `__class__` is the implicit cell of the class itself.
        emit(Op::LOAD_CLOSURE, deref_index(name));
        nfree++;
    }
    if (nfree) {
        emit(Op::BUILD_TUPLE, nfree);
        flags |= 0x08;
    }
    ConstValue v;
    v.kind = ConstValue::Kind::Code;
    v.code = code;
    load_const(v);
    emit(Op::MAKE_FUNCTION, flags);
}

bool Codegen::is_import_originated(ast::Expr* e) const
{
    if (e->kind != ast::ExprKind::Name)
        return false;
    return (m_symtable.top()->flags_of(static_cast<ast::Name*>(e)->id) & DEF_IMPORT) != 0;
}

static bool find_ann(std::vector<ast::Stmt*> const& stmts)
{
    using K = ast::StmtKind;
    for (auto* s : stmts) {
        switch (s->kind) {
        case K::AnnAssign: return true;
        case K::For: {
            auto* f = static_cast<ast::For*>(s);
            if (find_ann(f->body) || find_ann(f->orelse))
                return true;
            break;
        }
        case K::While: {
            auto* w = static_cast<ast::While*>(s);
            if (find_ann(w->body) || find_ann(w->orelse))
                return true;
            break;
        }
        case K::If: {
            auto* i = static_cast<ast::If*>(s);
            if (find_ann(i->body) || find_ann(i->orelse))
                return true;
            break;
        }
        case K::With:
            if (find_ann(static_cast<ast::With*>(s)->body))
                return true;
            break;
        case K::Match:
            for (auto* c : static_cast<ast::Match*>(s)->cases)
                if (find_ann(c->body))
                    return true;
            break;
        case K::Try: {
            auto* t = static_cast<ast::Try*>(s);
            for (auto* h : t->handlers)
                if (find_ann(h->body))
                    return true;
            if (find_ann(t->body) || find_ann(t->orelse) || find_ann(t->finalbody))
                return true;
            break;
        }
        case K::TryStar: {
            auto* t = static_cast<ast::TryStar*>(s);
            for (auto* h : t->handlers)
                if (find_ann(h->body))
                    return true;
            if (find_ann(t->body) || find_ann(t->orelse) || find_ann(t->finalbody))
                return true;
            break;
        }
        default: break;
        }
    }
    return false;
}

static bool is_docstring(std::vector<ast::Stmt*> const& body)
{
    if (body.empty() || body[0]->kind != ast::StmtKind::Expr)
        return false;
    auto* e = static_cast<ast::ExprStmt*>(body[0])->value;
    return e->kind == ast::ExprKind::Constant && static_cast<ast::Constant*>(e)->value.kind == ConstValue::Kind::Str;
}

// Module and class bodies: SETUP_ANNOTATIONS, __doc__, then the statements.
void Codegen::compile_body(std::vector<ast::Stmt*> const& body)
{
    // Only module bodies take the first statement's position for SETUP_ANNOTATIONS.
    if (!body.empty() && m_unit->scope == UnitScope::Module)
        set_loc(body[0]->pos);
    if (find_ann(body))
        emit(Op::SETUP_ANNOTATIONS);
    if (body.empty())
        return;
    size_t i = 0;
    if (m_options.optimize < 2 && is_docstring(body)) {
        i = 1;
        set_loc(body[0]->pos);
        visit_expr(static_cast<ast::ExprStmt*>(body[0])->value);
        unset_loc();
        nameop("__doc__", ast::ExprContext::Store);
    }
    for (; i < body.size(); i++)
        visit_stmt(body[i]);
}

std::shared_ptr<CodeUnit> Codegen::compile_mod(ast::Mod* mod, parser::Mode mode)
{
    enter_scope("<module>", UnitScope::Module, mod, 1);
    bool add_none = true;
    switch (mod->kind) {
    case ast::ModKind::Module: compile_body(mod->body); break;
    case ast::ModKind::Interactive:
        m_interactive = true;
        if (find_ann(mod->body))
            emit(Op::SETUP_ANNOTATIONS);
        visit_stmts(mod->body);
        break;
    case ast::ModKind::Expression:
        visit_expr(mod->expr);
        add_none = false;
        break;
    }
    (void)mode;
    auto code = assemble_unit(add_none);
    exit_scope();
    return code;
}

// ---------------------------------------------------------------- public API

static void fill_error(SyntaxErrorInfo& err, std::string const& filename, std::string msg, Location const& loc)
{
    err = SyntaxErrorInfo {};
    err.msg = std::move(msg);
    err.filename = filename;
    if (loc.lineno > 0) {
        err.lineno = loc.lineno;
        err.offset = loc.col + 1;
        err.end_lineno = loc.end_lineno;
        err.end_offset = loc.end_col + 1;
    } else if (loc.lineno < 0) {
        // Raised where the location is artificial (e.g. a `return` inside an except*
        // clause, after unwinding a `finally`): CPython reports line -1, offset 0.
        err.lineno = -1;
        err.end_lineno = -1;
    }
}

std::shared_ptr<CodeUnit> compile(ast::Mod* mod, std::string const& filename, parser::Mode mode,
                                  CompileOptions const& options, SyntaxErrorInfo& err)
{
    try {
        // As CPython: future statements first, then folding and scopes.
        FutureFeatures future;
        if (!future_parse(mod, filename, future, err))
            return nullptr;
        future.flags |= options.future_flags;
        ast::Arena arena;
        fold_constants(mod, arena, options.optimize, !(future.flags & CO_FUTURE_ANNOTATIONS));
        SymTable symtable;
        if (!symtable.build(mod, filename, err, future.flags & CO_FUTURE_ANNOTATIONS))
            return nullptr;
        Codegen gen(filename, options, symtable);
        gen.future = future;
        try {
            std::shared_ptr<CodeUnit> code = gen.compile_mod(mod, mode);
            code->warnings = std::move(gen.warnings());
            return code;
        } catch (CompileError const& e) {
            fill_error(err, filename, e.msg, e.loc);
            return nullptr;
        }
    } catch (CompileDepthExceeded const&) {
        err = SyntaxErrorInfo {};
        err.type = "RecursionError";
        err.msg = "maximum recursion depth exceeded during compilation";
        err.filename = filename;
        return nullptr;
    }
}

// Converts byte columns of an error to character columns and fills the line text.
static void finish_error(SyntaxErrorInfo& err, std::string_view source)
{
    if (err.lineno <= 0)
        return;
    auto line_of = [&](int lineno) -> std::string {
        size_t start = 0;
        for (int l = 1; l < lineno && start != std::string_view::npos; l++) {
            start = source.find('\n', start);
            if (start != std::string_view::npos)
                start++;
        }
        if (start == std::string_view::npos || start > source.size())
            return {};
        size_t end = source.find('\n', start);
        return std::string(source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start + 1));
    };
    auto to_chars = [](std::string const& line, int byte_offset) {
        if (byte_offset <= 0)
            return byte_offset;
        int chars = 0;
        for (int i = 0; i < byte_offset - 1 && i < static_cast<int>(line.size()); i++)
            if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
                chars++;
        return chars + 1;
    };
    std::string line = line_of(err.lineno);
    err.text = line;
    err.offset = to_chars(line, err.offset);
    if (err.end_lineno > 0)
        err.end_offset = to_chars(err.end_lineno == err.lineno ? line : line_of(err.end_lineno), err.end_offset);
}

std::shared_ptr<CodeUnit> compile_source(std::string_view source, std::string const& filename, parser::Mode mode,
                                         CompileOptions const& options, SyntaxErrorInfo& err)
{
    ast::Arena arena;
    std::string text;
    std::vector<SyntaxErrorInfo> parse_warnings;
    ast::Mod* mod = parser::parse(source, filename, mode, arena, err, options.source, &text, &parse_warnings);
    if (!mod)
        return nullptr;
    auto code = compile(mod, filename, mode, options, err);
    if (!code) {
        finish_error(err, text);
        err.text_from_file = true;
        return code;
    }
    for (SyntaxErrorInfo& w : code->warnings) {
        finish_error(w, text);
        w.text_from_file = true;
    }
    // The parser's warnings come first, as CPython gives them while parsing.
    for (SyntaxErrorInfo& w : parse_warnings)
        w.filename = filename;
    code->warnings.insert(code->warnings.begin(), parse_warnings.begin(), parse_warnings.end());
    return code;
}

} // namespace slpy::compiler
