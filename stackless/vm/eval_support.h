// Out-of-line helpers of the eval loop: the slow paths of instructions, kept out of the
// loop body so the hot paths stay small. Each returns null / false with the exception
// pending, like the rest of the runtime.
#pragma once

#include "objects/containers.h"
#include "objects/runtime.h"
#include "stackless/vm/frame.h"

namespace slpy {

Value eval_name_error(VM& vm, String* name);
Value eval_unbound_local(VM& vm, Code* co, uint32_t index);
Value eval_unbound_deref(VM& vm, Code* co, uint32_t index);
// globals, then builtins (NameError when in neither).
Value eval_load_global(VM& vm, Dict* globals, Dict* builtins, String* name);
// LOAD_NAME: the locals mapping, globals, builtins.
Value eval_load_name(VM& vm, Frame* f, String* name);
bool eval_store_name(VM& vm, Frame* f, String* name, Value v);
bool eval_delete_name(VM& vm, Frame* f, String* name);
// LOAD_CLASSDEREF: the class namespace first, then the cell.
Value eval_load_classderef(VM& vm, Frame* f, uint32_t index);

// "f()" / "__main__.f()" as CPython's _PyObject_FunctionStr, for call error messages.
std::string function_description(VM& vm, Value func);

// UNPACK_SEQUENCE / UNPACK_EX: writes the items so that dest[count-1] is the first.
bool eval_unpack(VM& vm, Value seq, uint32_t before, int32_t after, Value* dest);
// (positional tuple, kwargs dict) of CALL_FUNCTION_EX flattened into a tuple holding one
// free slot, the positional args, then the keyword values; *kwnames gets the names.
Tuple* eval_flatten_call_ex(VM& vm, Value func, Value callargs, Value kwargs, size_t& nargs, Tuple*& kwnames);
bool eval_dict_update(VM& vm, Value dict, Value update);
bool eval_dict_merge(VM& vm, Value func, Value dict, Value update);
bool eval_list_extend(VM& vm, Value list, Value iterable);
Value eval_build_string(VM& vm, Value const* items, size_t n);
Value eval_format_value(VM& vm, Value v, uint32_t conversion, Value spec);
Value eval_make_function(VM& vm, Frame* f, Value code, uint32_t flags, Value* sp_after_code);
// The exception instance for `raise exc [from cause]` (cause null when absent), or null.
Value eval_make_raise(VM& vm, Value exc, Value cause, bool has_cause);
// CHECK_EXC_MATCH: -1 error, 0/1.
int eval_exception_matches(VM& vm, Value exc, Value match_type);
// CHECK_EG_MATCH (except*): checks the clause's type, then splits exc (an exception or
// None). *match gets None when nothing matched, else the matched part (a naked exception
// wrapped in a group) and *rest the unmatched part or None. False on error.
bool eval_check_eg_match(VM& vm, Value exc, Value match_type, Value* match, Value* rest);
// PREP_RERAISE_STAR: the exception ending a try-except* statement from the one caught
// (orig) and the list of what the clauses raised or re-raised plus the unmatched rest;
// None when there is nothing to raise, null on error.
Value eval_prep_reraise_star(VM& vm, Value orig, Value excs);
// Looks up a special method on the type and binds it (null + no error when absent).
Value eval_lookup_special(VM& vm, Value obj, String* name);
Value eval_import_name(VM& vm, Frame* f, String* name, Value fromlist, Value level);
Value eval_import_from(VM& vm, Value module, String* name);
bool eval_import_star(VM& vm, Frame* f, Value module);
bool eval_print_expr(VM& vm, Value v);
bool eval_setup_annotations(VM& vm, Frame* f);
// The value carried by a StopIteration being handled (its `value`, None when absent).
Value stop_iteration_value(VM& vm, Value exc);

} // namespace slpy
