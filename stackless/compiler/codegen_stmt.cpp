// Statement code generation (CPython 3.11 compile.c: compiler_visit_stmt and friends),
// including the frame-block stack that return/break/continue unwind through.
#include "stackless/compiler/depth_guard.h"
#include "stackless/compiler/codegen.h"
#include "stackless/compiler/unparse.h"

namespace slpy::compiler {

namespace {
constexpr size_t kMaxBlocks = 20; // CPython's CO_MAXBLOCKS

constexpr BinOpArg kInplace[] = {
    BinOpArg::INPLACE_ADD, BinOpArg::INPLACE_SUBTRACT, BinOpArg::INPLACE_MULTIPLY,
    BinOpArg::INPLACE_MATRIX_MULTIPLY, BinOpArg::INPLACE_TRUE_DIVIDE, BinOpArg::INPLACE_REMAINDER,
    BinOpArg::INPLACE_POWER, BinOpArg::INPLACE_LSHIFT, BinOpArg::INPLACE_RSHIFT, BinOpArg::INPLACE_OR,
    BinOpArg::INPLACE_XOR, BinOpArg::INPLACE_AND, BinOpArg::INPLACE_FLOOR_DIVIDE,
};
} // namespace

void Codegen::visit_stmts(std::vector<ast::Stmt*> const& body)
{
    for (auto* s : body)
        visit_stmt(s);
}

void Codegen::push_fblock(FBlock fb)
{
    if (m_unit->fblocks.size() >= kMaxBlocks)
        error("too many statically nested blocks");
    m_unit->fblocks.push_back(std::move(fb));
}

void Codegen::pop_fblock(FBlockType type)
{
    (void)type;
    m_unit->fblocks.pop_back();
}

void Codegen::pop_except_and_reraise()
{
    emit_noline(Op::COPY, 3);
    emit_noline(Op::POP_EXCEPT);
    emit_noline(Op::RERAISE, 1);
}

void Codegen::call_exit_with_nones()
{
    load_const(ConstValue::none());
    load_const(ConstValue::none());
    load_const(ConstValue::none());
    emit(Op::CALL, 2);
}

// Emits the code that leaves frame block `fb` (for return/break/continue).
void Codegen::unwind_fblock(FBlock const& fb, bool preserve_tos)
{
    switch (fb.type) {
    case FBlockType::WhileLoop:
    case FBlockType::ExceptionHandler:
    case FBlockType::ExceptionGroupHandler: return;
    case FBlockType::ForLoop:
        if (preserve_tos)
            emit(Op::SWAP, 2);
        emit(Op::POP_TOP);
        return;
    case FBlockType::TryExcept: emit_pseudo(POP_BLOCK); return;
    case FBlockType::FinallyTry:
        emit_pseudo(POP_BLOCK);
        if (preserve_tos)
            push_fblock(FBlock { FBlockType::PopValue });
        visit_stmts(*fb.finalbody);
        if (preserve_tos)
            pop_fblock(FBlockType::PopValue);
        unset_loc();
        return;
    case FBlockType::FinallyEnd:
        if (preserve_tos)
            emit(Op::SWAP, 2);
        emit(Op::POP_TOP);
        if (preserve_tos)
            emit(Op::SWAP, 2);
        emit_pseudo(POP_BLOCK);
        emit(Op::POP_EXCEPT);
        return;
    case FBlockType::With:
        set_loc(fb.with->pos);
        emit_pseudo(POP_BLOCK);
        if (preserve_tos)
            emit(Op::SWAP, 2);
        call_exit_with_nones();
        if (static_cast<ast::With const*>(fb.with)->is_async)
            emit_await(2);
        emit(Op::POP_TOP);
        unset_loc();
        return;
    case FBlockType::HandlerCleanup:
        if (fb.has_name)
            emit_pseudo(POP_BLOCK);
        if (preserve_tos)
            emit(Op::SWAP, 2);
        emit_pseudo(POP_BLOCK);
        emit(Op::POP_EXCEPT);
        if (fb.has_name) {
            load_const(ConstValue::none());
            nameop(fb.name, ast::ExprContext::Store);
            nameop(fb.name, ast::ExprContext::Del);
        }
        return;
    case FBlockType::PopValue:
        if (preserve_tos)
            emit(Op::SWAP, 2);
        emit(Op::POP_TOP);
        return;
    }
}

FBlock* Codegen::unwind_fblock_stack(bool preserve_tos, bool want_loop)
{
    auto& stack = m_unit->fblocks;
    if (stack.empty())
        return nullptr;
    FBlock top = stack.back();
    // Leaving an except* clause early would lose the exceptions the other clauses and
    // PREP_RERAISE_STAR still have to see (CPython reports it at the current location).
    if (top.type == FBlockType::ExceptionGroupHandler)
        error("'break', 'continue' and 'return' cannot appear in an except* block");
    if (want_loop && (top.type == FBlockType::WhileLoop || top.type == FBlockType::ForLoop))
        return &stack.back();
    stack.pop_back();
    unwind_fblock(top, preserve_tos);
    FBlock* loop = unwind_fblock_stack(preserve_tos, want_loop);
    stack.push_back(top);
    return loop;
}

void Codegen::compile_return(ast::Return* s)
{
    if (!is_function_scope())
        error("'return' outside function");
    if (s->value && m_unit->ste->coroutine && m_unit->ste->generator)
        error("'return' with value in async generator");
    bool preserve_tos = s->value && s->value->kind != ast::ExprKind::Constant;
    if (preserve_tos) {
        visit_expr(s->value);
    } else if (s->value) {
        set_loc(s->value->pos);
        emit(Op::NOP);
    }
    if (!s->value || s->value->pos.lineno != s->pos.lineno) {
        set_loc(s->pos);
        emit(Op::NOP);
    }
    unwind_fblock_stack(preserve_tos, false);
    if (!s->value)
        load_const(ConstValue::none());
    else if (!preserve_tos)
        load_const(static_cast<ast::Constant*>(s->value)->value);
    emit(Op::RETURN_VALUE);
    next_block();
}

void Codegen::compile_break()
{
    Location loc = m_unit->loc;
    emit(Op::NOP);
    FBlock* loop = unwind_fblock_stack(false, true);
    if (!loop) {
        m_unit->loc = loc;
        error("'break' outside loop");
    }
    FBlock copy = *loop;
    unwind_fblock(copy, false);
    emit_jump(JUMP, copy.exit);
    next_block();
}

void Codegen::compile_continue()
{
    Location loc = m_unit->loc;
    emit(Op::NOP);
    FBlock* loop = unwind_fblock_stack(false, true);
    if (!loop) {
        m_unit->loc = loc;
        error("'continue' not properly in loop");
    }
    emit_jump(JUMP, loop->block);
    next_block();
}

void Codegen::compile_if(ast::If* s)
{
    Block* end = new_block();
    Block* next = s->orelse.empty() ? end : new_block();
    jump_if(s->test, next, false);
    visit_stmts(s->body);
    if (!s->orelse.empty()) {
        emit_jump_noline(JUMP, end);
        use_next_block(next);
        visit_stmts(s->orelse);
    }
    use_next_block(end);
}

void Codegen::compile_for(ast::For* s)
{
    if (s->is_async) {
        compile_async_for(s);
        return;
    }
    Block* start = new_block();
    Block* body = new_block();
    Block* cleanup = new_block();
    Block* end = new_block();
    push_fblock(FBlock { FBlockType::ForLoop, start, end });
    visit_expr(s->iter);
    emit(Op::GET_ITER);
    use_next_block(start);
    emit_jump(Op::FOR_ITER, cleanup);
    use_next_block(body);
    visit_expr(s->target);
    visit_stmts(s->body);
    unset_loc();
    emit_jump(JUMP, start);
    use_next_block(cleanup);
    pop_fblock(FBlockType::ForLoop);
    visit_stmts(s->orelse);
    use_next_block(end);
}

// async for, as CPython 3.11: __anext__() awaited under a handler that leaves the loop
// on StopAsyncIteration (END_ASYNC_FOR) and re-raises anything else.
void Codegen::compile_async_for(ast::For* s)
{
    if (!is_async_function_scope())
        error("'async for' outside async function");
    Block* start = new_block();
    Block* except = new_block();
    Block* end = new_block();
    visit_expr(s->iter);
    emit(Op::GET_AITER);
    use_next_block(start);
    push_fblock(FBlock { FBlockType::ForLoop, start, end });
    emit_jump(SETUP_FINALLY, except);
    emit(Op::GET_ANEXT);
    load_const(ConstValue::none());
    add_yield_from();
    emit_pseudo(POP_BLOCK);
    visit_expr(s->target);
    visit_stmts(s->body);
    unset_loc();
    emit_jump(JUMP, start);
    pop_fblock(FBlockType::ForLoop);
    use_next_block(except);
    // The line of the iterator: END_ASYNC_FOR ends the `for`, not the body.
    set_loc(s->iter->pos);
    emit(Op::END_ASYNC_FOR);
    visit_stmts(s->orelse);
    use_next_block(end);
}

void Codegen::compile_while(ast::While* s)
{
    Block* loop = new_block();
    Block* body = new_block();
    Block* anchor = new_block();
    Block* end = new_block();
    use_next_block(loop);
    push_fblock(FBlock { FBlockType::WhileLoop, loop, end });
    jump_if(s->test, anchor, false);
    use_next_block(body);
    visit_stmts(s->body);
    set_loc(s->pos);
    jump_if(s->test, body, true);
    pop_fblock(FBlockType::WhileLoop);
    use_next_block(anchor);
    visit_stmts(s->orelse);
    use_next_block(end);
}

void Codegen::compile_try(ast::Try* s)
{
    if (!s->finalbody.empty())
        compile_try_finally(s, s->body, !s->handlers.empty(), s->finalbody);
    else
        compile_try_except(s);
}

void Codegen::compile_try_star(ast::TryStar* s)
{
    if (!s->finalbody.empty())
        compile_try_finally(s, s->body, !s->handlers.empty(), s->finalbody);
    else
        compile_try_star_except(s);
}

// `try: ... finally: ...`, around the except (or except*) clauses when there are any.
void Codegen::compile_try_finally(ast::Stmt* s, std::vector<ast::Stmt*> const& body_stmts, bool has_handlers,
                                  std::vector<ast::Stmt*> const& finalbody)
{
    Block* body = new_block();
    Block* end = new_block();
    Block* exit = new_block();
    Block* cleanup = new_block();
    emit_jump(SETUP_FINALLY, end);
    use_next_block(body);
    FBlock fb { FBlockType::FinallyTry, body, end };
    fb.finalbody = &finalbody;
    push_fblock(fb);
    if (!has_handlers)
        visit_stmts(body_stmts);
    else if (s->kind == ast::StmtKind::TryStar)
        compile_try_star_except(static_cast<ast::TryStar*>(s));
    else
        compile_try_except(static_cast<ast::Try*>(s));
    m_unit->graph.add(POP_BLOCK, 0, nullptr, kNoLocation);
    pop_fblock(FBlockType::FinallyTry);
    visit_stmts(finalbody);
    emit_jump_noline(JUMP, exit);
    // `finally` block
    use_next_block(end);
    unset_loc();
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(Op::PUSH_EXC_INFO);
    push_fblock(FBlock { FBlockType::FinallyEnd, end });
    visit_stmts(finalbody);
    pop_fblock(FBlockType::FinallyEnd);
    emit(Op::RERAISE, 0);
    use_next_block(cleanup);
    pop_except_and_reraise();
    use_next_block(exit);
}

void Codegen::try_protected_body(std::vector<ast::Stmt*> const& body, Block* handlers)
{
    Block* block = new_block();
    emit_jump(SETUP_FINALLY, handlers);
    use_next_block(block);
    push_fblock(FBlock { FBlockType::TryExcept, block });
    visit_stmts(body);
    pop_fblock(FBlockType::TryExcept);
    m_unit->graph.add(POP_BLOCK, 0, nullptr, kNoLocation);
}

void Codegen::try_enter_handlers(Block* handlers, Block* cleanup, FBlockType type)
{
    use_next_block(handlers);
    unset_loc();
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(Op::PUSH_EXC_INFO);
    push_fblock(FBlock { type });
}

// `name = None; del name` at the end of an `except ... as name:` clause.
void Codegen::unbind_handler_name(std::string const& name)
{
    load_const(ConstValue::none());
    nameop(name, ast::ExprContext::Store);
    nameop(name, ast::ExprContext::Del);
}

void Codegen::compile_try_except(ast::Try* s)
{
    Block* except = new_block();
    Block* end = new_block();
    Block* cleanup = new_block();
    try_protected_body(s->body, except);
    visit_stmts(s->orelse);
    emit_jump_noline(JUMP, end);
    size_t n = s->handlers.size();
    try_enter_handlers(except, cleanup, FBlockType::ExceptionHandler);
    for (size_t i = 0; i < n; i++) {
        ast::ExceptHandler* handler = s->handlers[i];
        set_loc(handler->pos);
        if (!handler->type && i < n - 1)
            error("default 'except:' must be last");
        except = new_block();
        if (handler->type) {
            visit_expr(handler->type);
            emit(Op::CHECK_EXC_MATCH);
            emit_jump(Op::POP_JUMP_IF_FALSE, except);
        }
        if (!handler->name.empty()) {
            Block* cleanup_end = new_block();
            Block* cleanup_body = new_block();
            nameop(handler->name, ast::ExprContext::Store);
            emit_jump(SETUP_CLEANUP, cleanup_end);
            use_next_block(cleanup_body);
            FBlock fb { FBlockType::HandlerCleanup, cleanup_body };
            fb.name = handler->name;
            fb.has_name = true;
            push_fblock(fb);
            visit_stmts(handler->body);
            pop_fblock(FBlockType::HandlerCleanup);
            unset_loc();
            emit_pseudo(POP_BLOCK);
            emit_pseudo(POP_BLOCK);
            emit(Op::POP_EXCEPT);
            unbind_handler_name(handler->name);
            emit_jump(JUMP, end);
            use_next_block(cleanup_end);
            unset_loc();
            unbind_handler_name(handler->name);
            emit(Op::RERAISE, 1);
        } else {
            Block* cleanup_body = new_block();
            emit(Op::POP_TOP);
            use_next_block(cleanup_body);
            push_fblock(FBlock { FBlockType::HandlerCleanup, cleanup_body });
            visit_stmts(handler->body);
            pop_fblock(FBlockType::HandlerCleanup);
            unset_loc();
            emit_pseudo(POP_BLOCK);
            emit(Op::POP_EXCEPT);
            emit_jump(JUMP, end);
        }
        use_next_block(except);
    }
    unset_loc();
    pop_fblock(FBlockType::ExceptionHandler);
    emit(Op::RERAISE, 0);
    use_next_block(cleanup);
    pop_except_and_reraise();
    use_next_block(end);
}

// `try: S except* E1 as V1: S1 ... else: S_else`, laid out as CPython 3.11's
// compiler_try_star_except. The stack while the handlers run (prev = the exception being
// handled before, orig = the exception caught, raised = a list collecting what each
// clause raised or re-raised, rest = what no clause has matched yet):
//
//   [prev, orig, raised, rest]      E_i; CHECK_EG_MATCH -> [..., rest', match or None]
//   match is None: pop it, go on with the next clause;
//   else bind it (or pop it), run S_i under a cleanup handler that appends any exception
//   S_i raises to `raised` (LIST_APPEND 3) and goes on with the next clause.
//   After the last clause: LIST_APPEND 1 (the unmatched rest, maybe None), then
//   PREP_RERAISE_STAR -> [prev, exc or None]: None ends the statement, an exception
//   is re-raised after POP_EXCEPT restores prev.
void Codegen::compile_try_star_except(ast::TryStar* s)
{
    Block* except = new_block();
    Block* orelse = new_block();
    Block* end = new_block();
    Block* cleanup = new_block();
    Block* reraise_star = new_block();
    try_protected_body(s->body, except);
    emit_jump_noline(JUMP, orelse);
    size_t n = s->handlers.size();
    try_enter_handlers(except, cleanup, FBlockType::ExceptionGroupHandler);
    for (size_t i = 0; i < n; i++) {
        ast::ExceptHandler* handler = s->handlers[i];
        set_loc(handler->pos);
        except = new_block();
        Block* except_with_error = new_block();
        Block* no_match = new_block();
        if (i == 0) {
            // [exc] -> [orig, [], exc]
            emit(Op::COPY, 1);
            emit(Op::BUILD_LIST, 0);
            emit(Op::SWAP, 2);
        }
        if (handler->type) {
            visit_expr(handler->type);
            emit(Op::CHECK_EG_MATCH);
            emit(Op::COPY, 1);
            emit_jump(Op::POP_JUMP_IF_NONE, no_match);
        }
        Block* cleanup_end = new_block();
        Block* cleanup_body = new_block();
        bool has_name = !handler->name.empty();
        if (has_name)
            nameop(handler->name, ast::ExprContext::Store);
        else
            emit(Op::POP_TOP); // the match
        // try: S_i finally: name = None; del name   (the cleanup also collects the error)
        emit_jump(SETUP_CLEANUP, cleanup_end);
        use_next_block(cleanup_body);
        FBlock fb { FBlockType::HandlerCleanup, cleanup_body };
        fb.name = handler->name;
        fb.has_name = has_name;
        push_fblock(fb);
        visit_stmts(handler->body);
        pop_fblock(FBlockType::HandlerCleanup);
        unset_loc();
        emit_pseudo(POP_BLOCK);
        if (has_name) {
            unbind_handler_name(handler->name);
        }
        emit_jump(JUMP, except);
        // S_i raised: [..., rest, lasti, exc] -> append exc to the list, drop lasti.
        use_next_block(cleanup_end);
        unset_loc();
        if (has_name) {
            unbind_handler_name(handler->name);
        }
        emit(Op::LIST_APPEND, 3);
        emit(Op::POP_TOP);
        emit_jump(JUMP, except_with_error);
        use_next_block(except);
        emit(Op::NOP); // holds the location of the clause's end
        emit_jump(JUMP, except_with_error);
        use_next_block(no_match);
        emit(Op::POP_TOP); // the None
        use_next_block(except_with_error);
        // The unmatched rest (None when everything matched) joins the list. (CPython
        // jumps to reraise_star here, the next block; its assembler drops that jump, and
        // leaving it out keeps the same code.)
        if (i == n - 1)
            emit(Op::LIST_APPEND, 1);
    }
    unset_loc();
    pop_fblock(FBlockType::ExceptionGroupHandler);
    Block* reraise = new_block();
    use_next_block(reraise_star);
    emit(Op::PREP_RERAISE_STAR);
    emit(Op::COPY, 1);
    emit_jump(Op::POP_JUMP_IF_NOT_NONE, reraise);
    // Nothing to re-raise.
    emit(Op::POP_TOP);
    emit_pseudo(POP_BLOCK);
    emit(Op::POP_EXCEPT);
    emit_jump(JUMP, end);
    use_next_block(reraise);
    emit_pseudo(POP_BLOCK);
    emit(Op::SWAP, 2);
    emit(Op::POP_EXCEPT);
    emit(Op::RERAISE, 0);
    use_next_block(cleanup);
    pop_except_and_reraise();
    use_next_block(orelse);
    visit_stmts(s->orelse);
    use_next_block(end);
}

void Codegen::compile_with_except_finish(Block* cleanup)
{
    unset_loc();
    Block* exit = new_block();
    emit_jump(Op::POP_JUMP_IF_TRUE, exit);
    emit(Op::RERAISE, 2);
    use_next_block(cleanup);
    pop_except_and_reraise();
    use_next_block(exit);
    emit(Op::POP_TOP);
    emit_pseudo(POP_BLOCK);
    emit(Op::POP_EXCEPT);
    emit(Op::POP_TOP);
    emit(Op::POP_TOP);
}

void Codegen::compile_with(ast::With* s, size_t pos)
{
    ast::WithItem* item = s->items[pos];
    Block* block = new_block();
    Block* final = new_block();
    Block* exit = new_block();
    Block* cleanup = new_block();
    if (s->is_async && !is_async_function_scope())
        error("'async with' outside async function");
    visit_expr(item->context_expr);
    if (s->is_async) {
        emit(Op::BEFORE_ASYNC_WITH);
        emit_await(1);
    } else {
        emit(Op::BEFORE_WITH);
    }
    emit_jump(SETUP_WITH, final);
    use_next_block(block);
    FBlock fb { FBlockType::With, block, final };
    fb.with = s;
    push_fblock(fb);
    if (item->optional_vars)
        visit_expr(item->optional_vars);
    else
        emit(Op::POP_TOP);
    pos++;
    if (pos == s->items.size())
        visit_stmts(s->body);
    else
        compile_with(s, pos);
    unset_loc();
    emit_pseudo(POP_BLOCK);
    pop_fblock(FBlockType::With);
    set_loc(s->pos);
    call_exit_with_nones();
    if (s->is_async)
        emit_await(2);
    emit(Op::POP_TOP);
    emit_jump(JUMP, exit);
    use_next_block(final);
    emit_jump(SETUP_CLEANUP, cleanup);
    emit(Op::PUSH_EXC_INFO);
    emit(Op::WITH_EXCEPT_START);
    if (s->is_async)
        emit_await(2);
    compile_with_except_finish(cleanup);
    use_next_block(exit);
}

void Codegen::compile_import(ast::Import* s)
{
    for (auto* alias : s->names) {
        load_const(ConstValue::integer(0));
        load_const(ConstValue::none());
        emit(Op::IMPORT_NAME, add_name(alias->name));
        if (!alias->asname.empty()) {
            std::string const& name = alias->name;
            size_t dot = name.find('.');
            if (dot != std::string::npos) {
                while (true) {
                    size_t start = dot + 1;
                    dot = name.find('.', start);
                    std::string attr = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
                    emit(Op::IMPORT_FROM, add_name(attr));
                    if (dot == std::string::npos)
                        break;
                    emit(Op::SWAP, 2);
                    emit(Op::POP_TOP);
                }
                nameop(alias->asname, ast::ExprContext::Store);
                emit(Op::POP_TOP);
            } else {
                nameop(alias->asname, ast::ExprContext::Store);
            }
        } else {
            std::string tmp = alias->name.substr(0, alias->name.find('.'));
            nameop(tmp, ast::ExprContext::Store);
        }
    }
}

void Codegen::compile_import_from(ast::ImportFrom* s)
{
    load_const(ConstValue::integer(s->level));
    ConstValue names;
    names.kind = ConstValue::Kind::Tuple;
    for (auto* a : s->names)
        names.items.push_back(ConstValue::str(a->name));
    // The leading future statements were checked by future_parse(); any later one is
    // misplaced (one on the line of the last leading one passes, as in CPython).
    if (s->module == "__future__" && s->pos.lineno > future.lineno)
        error("from __future__ imports must occur at the beginning of the file");
    load_const(names);
    emit(Op::IMPORT_NAME, add_name(s->module));
    for (size_t i = 0; i < s->names.size(); i++) {
        ast::Alias* alias = s->names[i];
        if (i == 0 && alias->name == "*") {
            emit(Op::IMPORT_STAR);
            return;
        }
        emit(Op::IMPORT_FROM, add_name(alias->name));
        nameop(alias->asname.empty() ? alias->name : alias->asname, ast::ExprContext::Store);
    }
    emit(Op::POP_TOP);
}

void Codegen::compile_assert(ast::Assert* s)
{
    // A non-empty tuple is always true.
    ast::Expr const* test = s->test;
    if ((test->kind == ast::ExprKind::Tuple && !static_cast<ast::Tuple const*>(test)->elts.empty())
        || (test->kind == ast::ExprKind::Constant && static_cast<ast::Constant const*>(test)->value.kind == ConstValue::Kind::Tuple
            && !static_cast<ast::Constant const*>(test)->value.items.empty()))
        warn("assertion is always true, perhaps remove parentheses?");
    if (m_options.optimize)
        return;
    Block* end = new_block();
    jump_if(s->test, end, true);
    emit(Op::LOAD_ASSERTION_ERROR);
    if (s->msg) {
        visit_expr(s->msg);
        emit(Op::CALL, 0);
    }
    emit(Op::RAISE_VARARGS, 1);
    use_next_block(end);
}

void Codegen::compile_augassign(ast::AugAssign* s)
{
    ast::Expr* e = s->target;
    Location old = m_unit->loc;
    set_loc(e->pos);
    switch (e->kind) {
    case ast::ExprKind::Attribute: {
        auto* a = static_cast<ast::Attribute*>(e);
        visit_expr(a->value);
        emit(Op::COPY, 1);
        update_start_location_to_match_attr(a);
        emit(Op::LOAD_ATTR, add_name(mangle(a->attr)));
        break;
    }
    case ast::ExprKind::Subscript: {
        auto* sub = static_cast<ast::Subscript*>(e);
        visit_expr(sub->value);
        visit_expr(sub->slice);
        emit(Op::COPY, 2);
        emit(Op::COPY, 2);
        emit(Op::BINARY_SUBSCR);
        break;
    }
    case ast::ExprKind::Name: nameop(static_cast<ast::Name*>(e)->id, ast::ExprContext::Load); break;
    default: error("illegal expression for augmented assignment");
    }
    m_unit->loc = old;
    visit_expr(s->value);
    emit(Op::BINARY_OP, static_cast<int>(kInplace[static_cast<int>(s->op)]));
    set_loc(e->pos);
    switch (e->kind) {
    case ast::ExprKind::Attribute: {
        auto* a = static_cast<ast::Attribute*>(e);
        update_start_location_to_match_attr(a);
        emit(Op::SWAP, 2);
        emit(Op::STORE_ATTR, add_name(mangle(a->attr)));
        break;
    }
    case ast::ExprKind::Subscript:
        emit(Op::SWAP, 3);
        emit(Op::SWAP, 2);
        emit(Op::STORE_SUBSCR);
        break;
    default: nameop(static_cast<ast::Name*>(e)->id, ast::ExprContext::Store); break;
    }
}

void Codegen::check_ann_expr(ast::Expr* e)
{
    visit_expr(e);
    emit(Op::POP_TOP);
}

void Codegen::compile_annassign(ast::AnnAssign* s)
{
    ast::Expr* targ = s->target;
    if (s->value) {
        visit_expr(s->value);
        visit_expr(targ);
    }
    bool module_or_class = m_unit->scope == UnitScope::Module || m_unit->scope == UnitScope::Class;
    switch (targ->kind) {
    case ast::ExprKind::Name:
        forbidden_name(static_cast<ast::Name*>(targ)->id, ast::ExprContext::Store);
        if (s->simple && module_or_class) {
            visit_annotation(s->annotation);
            emit(Op::LOAD_NAME, add_name("__annotations__"));
            load_const(ConstValue::str(mangle(static_cast<ast::Name*>(targ)->id)));
            emit(Op::STORE_SUBSCR);
        }
        break;
    case ast::ExprKind::Attribute:
        if (!s->value)
            check_ann_expr(static_cast<ast::Attribute*>(targ)->value);
        break;
    case ast::ExprKind::Subscript:
        if (!s->value) {
            auto* sub = static_cast<ast::Subscript*>(targ);
            check_ann_expr(sub->value);
            ast::Expr* sl = sub->slice;
            if (sl->kind == ast::ExprKind::Slice) {
                auto* sc = static_cast<ast::Slice*>(sl);
                for (ast::Expr* part : { sc->lower, sc->upper, sc->step })
                    if (part)
                        check_ann_expr(part);
            } else if (sl->kind == ast::ExprKind::Tuple) {
                for (auto* elt : static_cast<ast::Tuple*>(sl)->elts)
                    check_ann_expr(elt);
            } else {
                check_ann_expr(sl);
            }
        }
        break;
    default: error("invalid node type for annotated assignment");
    }
    // Under `from __future__ import annotations` a complex target's annotation is not
    // evaluated at all.
    if (!s->simple && module_or_class && !(future.flags & CO_FUTURE_ANNOTATIONS))
        check_ann_expr(s->annotation);
}

// An annotation's value: the expression, or its source text under PEP 563.
void Codegen::visit_annotation(ast::Expr* e)
{
    if (future.flags & CO_FUTURE_ANNOTATIONS)
        load_const(ConstValue::str(unparse_annotation(e)));
    else
        visit_expr(e);
}

int Codegen::default_arguments(ast::Arguments* args)
{
    int flags = 0;
    if (!args->defaults.empty()) {
        visit_exprs(args->defaults);
        emit(Op::BUILD_TUPLE, static_cast<int>(args->defaults.size()));
        flags |= 0x01;
    }
    ConstValue keys;
    keys.kind = ConstValue::Kind::Tuple;
    for (size_t i = 0; i < args->kwonlyargs.size(); i++) {
        ast::Expr* def = i < args->kw_defaults.size() ? args->kw_defaults[i] : nullptr;
        if (!def)
            continue;
        keys.items.push_back(ConstValue::str(mangle(args->kwonlyargs[i]->arg)));
        visit_expr(def);
    }
    if (!keys.items.empty()) {
        int n = static_cast<int>(keys.items.size());
        load_const(keys);
        emit(Op::BUILD_CONST_KEY_MAP, n);
        flags |= 0x02;
    }
    return flags;
}

int Codegen::annotations(ast::Arguments* args, ast::Expr* returns)
{
    int count = 0;
    auto one = [&](std::string const& name, ast::Expr* ann) {
        if (!ann)
            return;
        load_const(ConstValue::str(mangle(name)));
        if (ann->kind == ast::ExprKind::Starred && !(future.flags & CO_FUTURE_ANNOTATIONS)) {
            visit_expr(static_cast<ast::Starred*>(ann)->value);
            emit(Op::UNPACK_SEQUENCE, 1);
        } else {
            visit_annotation(ann);
        }
        count += 2;
    };
    for (auto* a : args->args)
        one(a->arg, a->annotation);
    for (auto* a : args->posonlyargs)
        one(a->arg, a->annotation);
    if (args->vararg)
        one(args->vararg->arg, args->vararg->annotation);
    for (auto* a : args->kwonlyargs)
        one(a->arg, a->annotation);
    if (args->kwarg)
        one(args->kwarg->arg, args->kwarg->annotation);
    one("return", returns);
    if (count) {
        emit(Op::BUILD_TUPLE, count);
        return 0x04;
    }
    return 0;
}

void Codegen::apply_decorators(std::vector<ast::Expr*> const& decos)
{
    for (size_t i = decos.size(); i-- > 0;) {
        set_loc(decos[i]->pos);
        emit(Op::CALL, 0);
    }
}

void Codegen::compile_function(ast::FunctionDef* s)
{
    ast::Arguments* args = s->args;
    check_debug_args(args);
    visit_exprs(s->decorator_list);
    int firstlineno = s->decorator_list.empty() ? s->pos.lineno : s->decorator_list[0]->pos.lineno;
    int funcflags = default_arguments(args);
    funcflags |= annotations(args, s->returns);

    enter_scope(s->name, UnitScope::Function, s, firstlineno);
    bool docstring = false;
    if (m_options.optimize < 2 && !s->body.empty() && s->body[0]->kind == ast::StmtKind::Expr) {
        auto* v = static_cast<ast::ExprStmt*>(s->body[0])->value;
        if (v->kind == ast::ExprKind::Constant && static_cast<ast::Constant*>(v)->value.kind == ConstValue::Kind::Str) {
            add_const(static_cast<ast::Constant*>(v)->value);
            docstring = true;
        }
    }
    if (!docstring)
        add_const(ConstValue::none());
    m_unit->argcount = static_cast<int>(args->args.size() + args->posonlyargs.size());
    m_unit->posonlyargcount = static_cast<int>(args->posonlyargs.size());
    m_unit->kwonlyargcount = static_cast<int>(args->kwonlyargs.size());
    for (size_t i = docstring ? 1 : 0; i < s->body.size(); i++)
        visit_stmt(s->body[i]);
    auto code = assemble_unit(true);
    exit_scope();

    make_closure(code, funcflags);
    apply_decorators(s->decorator_list);
    set_loc(s->pos);
    nameop(s->name, ast::ExprContext::Store);
}

void Codegen::compile_class(ast::ClassDef* s)
{
    visit_exprs(s->decorator_list);
    int firstlineno = s->decorator_list.empty() ? s->pos.lineno : s->decorator_list[0]->pos.lineno;
    Location outer = m_unit->loc;
    enter_scope(s->name, UnitScope::Class, s, firstlineno);
    m_unit->private_name = s->name;
    nameop("__name__", ast::ExprContext::Load);
    nameop("__module__", ast::ExprContext::Store);
    load_const(ConstValue::str(m_unit->qualname));
    nameop("__qualname__", ast::ExprContext::Store);
    compile_body(s->body);
    unset_loc();
    if (m_unit->ste->needs_class_closure) {
        emit(Op::LOAD_CLOSURE, deref_index("__class__"));
        emit(Op::COPY, 1);
        nameop("__classcell__", ast::ExprContext::Store);
    } else {
        load_const(ConstValue::none());
    }
    emit(Op::RETURN_VALUE);
    auto code = assemble_unit(true);
    exit_scope();
    m_unit->loc = outer;

    emit(Op::PUSH_NULL);
    emit(Op::LOAD_BUILD_CLASS);
    make_closure(code, 0);
    load_const(ConstValue::str(s->name));
    call_helper(2, s->bases, s->keywords);
    apply_decorators(s->decorator_list);
    set_loc(s->pos);
    nameop(s->name, ast::ExprContext::Store);
}

void Codegen::visit_stmt(ast::Stmt* s)
{
    DepthGuard guard;
    using K = ast::StmtKind;
    set_loc(s->pos);
    switch (s->kind) {
    case K::FunctionDef: compile_function(static_cast<ast::FunctionDef*>(s)); break;
    case K::ClassDef: compile_class(static_cast<ast::ClassDef*>(s)); break;
    case K::Return: compile_return(static_cast<ast::Return*>(s)); break;
    case K::Delete:
        for (auto* t : static_cast<ast::Delete*>(s)->targets)
            visit_expr(t);
        break;
    case K::Assign: {
        auto* a = static_cast<ast::Assign*>(s);
        visit_expr(a->value);
        for (size_t i = 0; i < a->targets.size(); i++) {
            if (i + 1 < a->targets.size())
                emit(Op::COPY, 1);
            visit_expr(a->targets[i]);
        }
        break;
    }
    case K::AugAssign: compile_augassign(static_cast<ast::AugAssign*>(s)); break;
    case K::AnnAssign: compile_annassign(static_cast<ast::AnnAssign*>(s)); break;
    case K::For: compile_for(static_cast<ast::For*>(s)); break;
    case K::While: compile_while(static_cast<ast::While*>(s)); break;
    case K::If: compile_if(static_cast<ast::If*>(s)); break;
    case K::With: compile_with(static_cast<ast::With*>(s), 0); break;
    case K::Raise: {
        auto* r = static_cast<ast::Raise*>(s);
        int n = 0;
        if (r->exc) {
            visit_expr(r->exc);
            n++;
            if (r->cause) {
                visit_expr(r->cause);
                n++;
            }
        }
        emit(Op::RAISE_VARARGS, n);
        next_block();
        break;
    }
    case K::Try: compile_try(static_cast<ast::Try*>(s)); break;
    case K::TryStar: compile_try_star(static_cast<ast::TryStar*>(s)); break;
    case K::Assert: compile_assert(static_cast<ast::Assert*>(s)); break;
    case K::Import: compile_import(static_cast<ast::Import*>(s)); break;
    case K::ImportFrom: compile_import_from(static_cast<ast::ImportFrom*>(s)); break;
    case K::Global:
    case K::Nonlocal: break;
    case K::Expr: {
        ast::Expr* value = static_cast<ast::ExprStmt*>(s)->value;
        if (m_interactive && m_stack.size() <= 1) {
            visit_expr(value);
            emit(Op::PRINT_EXPR);
            break;
        }
        if (value->kind == ast::ExprKind::Constant) {
            emit(Op::NOP);
            break;
        }
        visit_expr(value);
        unset_loc();
        emit(Op::POP_TOP);
        break;
    }
    case K::Pass: emit(Op::NOP); break;
    case K::Break: compile_break(); break;
    case K::Continue: compile_continue(); break;
    case K::Match: compile_match(static_cast<ast::Match*>(s)); break;
    }
}

} // namespace slpy::compiler
