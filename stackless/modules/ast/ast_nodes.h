// The node classes of CPython 3.11's Parser/Python.asdl: the one table every part of the
// `_ast` module is generated from (the classes, their _fields, _attributes,
// __match_args__, __doc__ and the None defaults of optional fields, and the NodeId enum
// the converters use to find a class).
//
// X(name, base, kind, attributes, "fields")
//   kind: Abstract (a sum type such as `expr`), Constructor (one of its alternatives,
//         whose base is the sum), Product (a product type such as `arguments`);
//   attributes: NoPos (no _attributes), Pos (lineno, col_offset, end_lineno,
//         end_col_offset, the end ones optional) or PosRequired (all four required, as
//         `pattern`); a Constructor inherits its sum's and says NoPos;
//   fields: the ASDL field list, "type name" separated by ", "; a `?` after the type
//         makes the field optional (a None class default), `*` makes it a list.
#pragma once

#define SLPY_AST_NODES(X)                                                                                   \
    X(mod, AST, Abstract, NoPos, "")                                                                        \
    X(Module, mod, Constructor, NoPos, "stmt* body, type_ignore* type_ignores")                             \
    X(Interactive, mod, Constructor, NoPos, "stmt* body")                                                   \
    X(Expression, mod, Constructor, NoPos, "expr body")                                                     \
    X(FunctionType, mod, Constructor, NoPos, "expr* argtypes, expr returns")                                \
    X(stmt, AST, Abstract, Pos, "")                                                                         \
    X(FunctionDef, stmt, Constructor, NoPos,                                                                \
      "identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment") \
    X(AsyncFunctionDef, stmt, Constructor, NoPos,                                                           \
      "identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment") \
    X(ClassDef, stmt, Constructor, NoPos,                                                                   \
      "identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list")                  \
    X(Return, stmt, Constructor, NoPos, "expr? value")                                                      \
    X(Delete, stmt, Constructor, NoPos, "expr* targets")                                                    \
    X(Assign, stmt, Constructor, NoPos, "expr* targets, expr value, string? type_comment")                  \
    X(AugAssign, stmt, Constructor, NoPos, "expr target, operator op, expr value")                          \
    X(AnnAssign, stmt, Constructor, NoPos, "expr target, expr annotation, expr? value, int simple")         \
    X(For, stmt, Constructor, NoPos, "expr target, expr iter, stmt* body, stmt* orelse, string? type_comment") \
    X(AsyncFor, stmt, Constructor, NoPos,                                                                   \
      "expr target, expr iter, stmt* body, stmt* orelse, string? type_comment")                             \
    X(While, stmt, Constructor, NoPos, "expr test, stmt* body, stmt* orelse")                               \
    X(If, stmt, Constructor, NoPos, "expr test, stmt* body, stmt* orelse")                                  \
    X(With, stmt, Constructor, NoPos, "withitem* items, stmt* body, string? type_comment")                  \
    X(AsyncWith, stmt, Constructor, NoPos, "withitem* items, stmt* body, string? type_comment")             \
    X(Match, stmt, Constructor, NoPos, "expr subject, match_case* cases")                                   \
    X(Raise, stmt, Constructor, NoPos, "expr? exc, expr? cause")                                            \
    X(Try, stmt, Constructor, NoPos, "stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody")  \
    X(TryStar, stmt, Constructor, NoPos, "stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody") \
    X(Assert, stmt, Constructor, NoPos, "expr test, expr? msg")                                             \
    X(Import, stmt, Constructor, NoPos, "alias* names")                                                     \
    X(ImportFrom, stmt, Constructor, NoPos, "identifier? module, alias* names, int? level")                 \
    X(Global, stmt, Constructor, NoPos, "identifier* names")                                                \
    X(Nonlocal, stmt, Constructor, NoPos, "identifier* names")                                              \
    X(Expr, stmt, Constructor, NoPos, "expr value")                                                         \
    X(Pass, stmt, Constructor, NoPos, "")                                                                   \
    X(Break, stmt, Constructor, NoPos, "")                                                                  \
    X(Continue, stmt, Constructor, NoPos, "")                                                               \
    X(expr, AST, Abstract, Pos, "")                                                                         \
    X(BoolOp, expr, Constructor, NoPos, "boolop op, expr* values")                                          \
    X(NamedExpr, expr, Constructor, NoPos, "expr target, expr value")                                       \
    X(BinOp, expr, Constructor, NoPos, "expr left, operator op, expr right")                                \
    X(UnaryOp, expr, Constructor, NoPos, "unaryop op, expr operand")                                        \
    X(Lambda, expr, Constructor, NoPos, "arguments args, expr body")                                        \
    X(IfExp, expr, Constructor, NoPos, "expr test, expr body, expr orelse")                                 \
    X(Dict, expr, Constructor, NoPos, "expr* keys, expr* values")                                           \
    X(Set, expr, Constructor, NoPos, "expr* elts")                                                          \
    X(ListComp, expr, Constructor, NoPos, "expr elt, comprehension* generators")                            \
    X(SetComp, expr, Constructor, NoPos, "expr elt, comprehension* generators")                             \
    X(DictComp, expr, Constructor, NoPos, "expr key, expr value, comprehension* generators")                \
    X(GeneratorExp, expr, Constructor, NoPos, "expr elt, comprehension* generators")                        \
    X(Await, expr, Constructor, NoPos, "expr value")                                                        \
    X(Yield, expr, Constructor, NoPos, "expr? value")                                                       \
    X(YieldFrom, expr, Constructor, NoPos, "expr value")                                                    \
    X(Compare, expr, Constructor, NoPos, "expr left, cmpop* ops, expr* comparators")                        \
    X(Call, expr, Constructor, NoPos, "expr func, expr* args, keyword* keywords")                           \
    X(FormattedValue, expr, Constructor, NoPos, "expr value, int conversion, expr? format_spec")            \
    X(JoinedStr, expr, Constructor, NoPos, "expr* values")                                                  \
    X(Constant, expr, Constructor, NoPos, "constant value, string? kind")                                   \
    X(Attribute, expr, Constructor, NoPos, "expr value, identifier attr, expr_context ctx")                 \
    X(Subscript, expr, Constructor, NoPos, "expr value, expr slice, expr_context ctx")                      \
    X(Starred, expr, Constructor, NoPos, "expr value, expr_context ctx")                                    \
    X(Name, expr, Constructor, NoPos, "identifier id, expr_context ctx")                                    \
    X(List, expr, Constructor, NoPos, "expr* elts, expr_context ctx")                                       \
    X(Tuple, expr, Constructor, NoPos, "expr* elts, expr_context ctx")                                      \
    X(Slice, expr, Constructor, NoPos, "expr? lower, expr? upper, expr? step")                              \
    X(expr_context, AST, Abstract, NoPos, "")                                                               \
    X(Load, expr_context, Constructor, NoPos, "")                                                           \
    X(Store, expr_context, Constructor, NoPos, "")                                                          \
    X(Del, expr_context, Constructor, NoPos, "")                                                            \
    X(boolop, AST, Abstract, NoPos, "")                                                                     \
    X(And, boolop, Constructor, NoPos, "")                                                                  \
    X(Or, boolop, Constructor, NoPos, "")                                                                   \
    X(operator_, AST, Abstract, NoPos, "")                                                                   \
    X(Add, operator_, Constructor, NoPos, "")                                                                \
    X(Sub, operator_, Constructor, NoPos, "")                                                                \
    X(Mult, operator_, Constructor, NoPos, "")                                                               \
    X(MatMult, operator_, Constructor, NoPos, "")                                                            \
    X(Div, operator_, Constructor, NoPos, "")                                                                \
    X(Mod, operator_, Constructor, NoPos, "")                                                                \
    X(Pow, operator_, Constructor, NoPos, "")                                                                \
    X(LShift, operator_, Constructor, NoPos, "")                                                             \
    X(RShift, operator_, Constructor, NoPos, "")                                                             \
    X(BitOr, operator_, Constructor, NoPos, "")                                                              \
    X(BitXor, operator_, Constructor, NoPos, "")                                                             \
    X(BitAnd, operator_, Constructor, NoPos, "")                                                             \
    X(FloorDiv, operator_, Constructor, NoPos, "")                                                           \
    X(unaryop, AST, Abstract, NoPos, "")                                                                    \
    X(Invert, unaryop, Constructor, NoPos, "")                                                              \
    X(Not, unaryop, Constructor, NoPos, "")                                                                 \
    X(UAdd, unaryop, Constructor, NoPos, "")                                                                \
    X(USub, unaryop, Constructor, NoPos, "")                                                                \
    X(cmpop, AST, Abstract, NoPos, "")                                                                      \
    X(Eq, cmpop, Constructor, NoPos, "")                                                                    \
    X(NotEq, cmpop, Constructor, NoPos, "")                                                                 \
    X(Lt, cmpop, Constructor, NoPos, "")                                                                    \
    X(LtE, cmpop, Constructor, NoPos, "")                                                                   \
    X(Gt, cmpop, Constructor, NoPos, "")                                                                    \
    X(GtE, cmpop, Constructor, NoPos, "")                                                                   \
    X(Is, cmpop, Constructor, NoPos, "")                                                                    \
    X(IsNot, cmpop, Constructor, NoPos, "")                                                                 \
    X(In, cmpop, Constructor, NoPos, "")                                                                    \
    X(NotIn, cmpop, Constructor, NoPos, "")                                                                 \
    X(comprehension, AST, Product, NoPos, "expr target, expr iter, expr* ifs, int is_async")                \
    X(excepthandler, AST, Abstract, Pos, "")                                                                \
    X(ExceptHandler, excepthandler, Constructor, NoPos, "expr? type, identifier? name, stmt* body")         \
    X(arguments, AST, Product, NoPos,                                                                       \
      "arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults") \
    X(arg, AST, Product, Pos, "identifier arg, expr? annotation, string? type_comment")                     \
    X(keyword, AST, Product, Pos, "identifier? arg, expr value")                                            \
    X(alias, AST, Product, Pos, "identifier name, identifier? asname")                                      \
    X(withitem, AST, Product, NoPos, "expr context_expr, expr? optional_vars")                              \
    X(match_case, AST, Product, NoPos, "pattern pattern, expr? guard, stmt* body")                          \
    X(pattern, AST, Abstract, PosRequired, "")                                                              \
    X(MatchValue, pattern, Constructor, NoPos, "expr value")                                                \
    X(MatchSingleton, pattern, Constructor, NoPos, "constant value")                                        \
    X(MatchSequence, pattern, Constructor, NoPos, "pattern* patterns")                                      \
    X(MatchMapping, pattern, Constructor, NoPos, "expr* keys, pattern* patterns, identifier? rest")         \
    X(MatchClass, pattern, Constructor, NoPos,                                                              \
      "expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns")                          \
    X(MatchStar, pattern, Constructor, NoPos, "identifier? name")                                           \
    X(MatchAs, pattern, Constructor, NoPos, "pattern? pattern, identifier? name")                           \
    X(MatchOr, pattern, Constructor, NoPos, "pattern* patterns")                                            \
    X(type_ignore, AST, Abstract, NoPos, "")                                                                \
    X(TypeIgnore, type_ignore, Constructor, NoPos, "int lineno, string tag")

namespace slpy::pyast {

enum class NodeId : int {
#define SLPY_AST_ENUM(name, base, kind, attrs, fields) name,
    SLPY_AST_NODES(SLPY_AST_ENUM)
#undef SLPY_AST_ENUM
    Count,
    AST = Count // the root class, base of the abstract ones
};

} // namespace slpy::pyast
