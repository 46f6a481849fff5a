// Stack effects of the slpy instruction set (CPython 3.11's, minus PRECALL).
#include "stackless/compiler/stack_effect.h"

namespace slpy::compiler {

int stack_effect(Op op, int arg, bool jump)
{
    op = op_family(op); // a specialized form moves the stack as its family
    switch (op) {
    case Op::NOP:
    case Op::RESUME:
    case Op::SWAP:
    case Op::MAKE_CELL:
    case Op::COPY_FREE_VARS:
    case Op::LOAD_ATTR:
    case Op::DELETE_FAST:
    case Op::DELETE_DEREF:
    case Op::DELETE_NAME:
    case Op::DELETE_GLOBAL:
    case Op::SETUP_ANNOTATIONS:
    case Op::UNARY_POSITIVE:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::LIST_TO_TUPLE:
    case Op::JUMP_FORWARD:
    case Op::JUMP_BACKWARD:
    case Op::JUMP_BACKWARD_NO_INTERRUPT:
    case Op::GET_ITER:
    case Op::GET_YIELD_FROM_ITER:
    case Op::GET_AWAITABLE:
    case Op::GET_AITER:
    case Op::ASYNC_GEN_WRAP:
    case Op::YIELD_VALUE:
    case Op::KW_NAMES:
    case Op::CHECK_EXC_MATCH:
    case Op::CHECK_EG_MATCH:
        return 0;
    case Op::POP_TOP:
    case Op::STORE_FAST:
    case Op::STORE_DEREF:
    case Op::STORE_NAME:
    case Op::STORE_GLOBAL:
    case Op::DELETE_ATTR:
    case Op::BINARY_OP:
    case Op::BINARY_SUBSCR:
    case Op::COMPARE_OP:
    case Op::IS_OP:
    case Op::CONTAINS_OP:
    case Op::LIST_APPEND:
    case Op::SET_ADD:
    case Op::LIST_EXTEND:
    case Op::SET_UPDATE:
    case Op::DICT_UPDATE:
    case Op::DICT_MERGE:
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_JUMP_IF_NONE:
    case Op::POP_JUMP_IF_NOT_NONE:
    case Op::RETURN_VALUE:
    case Op::POP_EXCEPT:
    case Op::RERAISE:
    case Op::PREP_RERAISE_STAR:
    case Op::IMPORT_NAME:
    case Op::IMPORT_STAR:
    case Op::PRINT_EXPR:
        return -1;
    case Op::PUSH_NULL:
    case Op::COPY:
    case Op::LOAD_CONST:
    case Op::LOAD_FAST:
    case Op::LOAD_CLOSURE:
    case Op::LOAD_DEREF:
    case Op::LOAD_CLASSDEREF:
    case Op::LOAD_NAME:
    case Op::LOAD_METHOD:
    case Op::LOAD_ASSERTION_ERROR:
    case Op::LOAD_BUILD_CLASS:
    case Op::PUSH_EXC_INFO:
    case Op::BEFORE_WITH:
    case Op::BEFORE_ASYNC_WITH:
    case Op::GET_ANEXT:
    case Op::WITH_EXCEPT_START:
    case Op::IMPORT_FROM:
    case Op::GET_LEN:
    case Op::MATCH_MAPPING:
    case Op::MATCH_SEQUENCE:
    case Op::MATCH_KEYS:
        return 1;
    case Op::MATCH_CLASS:
        return -2;
    // The generator object is returned to the caller; when the frame is first resumed
    // the sent value (None) is on the stack, which the following POP_TOP discards.
    case Op::RETURN_GENERATOR:
        return 1;
    case Op::LOAD_GLOBAL:
        return 1 + (arg & 1);
    case Op::STORE_ATTR:
    case Op::DELETE_SUBSCR:
    case Op::END_ASYNC_FOR:
    case Op::MAP_ADD:
        return -2;
    case Op::STORE_SUBSCR:
        return -3;
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
    case Op::BUILD_STRING:
    case Op::BUILD_SLICE:
        return 1 - arg;
    case Op::BUILD_MAP:
        return 1 - 2 * arg;
    case Op::BUILD_CONST_KEY_MAP:
        return -arg;
    case Op::UNPACK_SEQUENCE:
        return arg - 1;
    case Op::UNPACK_EX:
        return (arg & 0xff) + (arg >> 8);
    case Op::FORMAT_VALUE:
        return (arg & 0x04) ? -1 : 0;
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case Op::FOR_ITER:
        return jump ? -1 : 1;
    case Op::SEND:
        return jump ? -1 : 0;
    case Op::CALL:
        return -arg - 1;
    case Op::CALL_FUNCTION_EX:
        return -2 - (arg & 1);
    case Op::MAKE_FUNCTION:
        return -((arg & 1) + ((arg >> 1) & 1) + ((arg >> 2) & 1) + ((arg >> 3) & 1));
    case Op::RAISE_VARARGS:
        return -arg;
    case Op::CACHE:
        break;
    }
    return kInvalidStackEffect;
}

} // namespace slpy::compiler
