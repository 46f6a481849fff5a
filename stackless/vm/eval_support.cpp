// Slow paths of the eval loop's instructions (see eval_support.h).
#include "stackless/vm/eval_support.h"

#include "objects/exceptions.h"
#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/set.h"
#include "objects/string.h"
#include "objects/type.h"
#include "stackless/builtins/builtins.h"
#include "stackless/imports/imports.h"
#include "stackless/vm/interpreter.h"

#include <cstring>
#include <string>

namespace slpy {

namespace {

// Sets exception attribute `name` (NameError.name, ImportError.name, ...).
void set_exc_attr(VM& vm, String* attr, Value v)
{
    Value e = vm.take_error();
    if (Dict* d = instance_dict(vm, e.as_object(), true))
        (void)dict_set_str(vm, d, attr, v);
    vm.restore_error(e);
}

} // namespace

Value eval_name_error(VM& vm, String* name)
{
    raise_fmt(vm, exc::NameError, "name '%s' is not defined", name->c_str());
    set_exc_attr(vm, names.name, Value::from_object(name));
    return Value::null();
}

Value eval_unbound_local(VM& vm, Code* co, uint32_t index)
{
    return raise_fmt(vm, exc::UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                     co->local_name(index)->c_str());
}

Value eval_unbound_deref(VM& vm, Code* co, uint32_t index)
{
    if (co->local_kind(index) & CO_FAST_FREE)
        return raise_fmt(vm, exc::NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                         co->local_name(index)->c_str());
    return eval_unbound_local(vm, co, index);
}

Value eval_load_global(VM& vm, Dict* globals, Dict* builtins, String* name)
{
    Value v = dict_get_str(vm, globals, name);
    if (!v.is_not_found())
        return v;
    v = dict_get_str(vm, builtins, name);
    if (!v.is_not_found())
        return v;
    return eval_name_error(vm, name);
}

static Value mapping_lookup(VM& vm, Value mapping, String* name)
{
    if (Dict* d = as_dict(mapping); d && type_of(mapping) == types.dict)
        return dict_get_str(vm, d, name);
    Value r = getitem(vm, mapping, Value::from_object(name));
    if (r.is_null() && vm.error_matches(exc::KeyError)) {
        vm.clear_error();
        return Value::not_found();
    }
    return r;
}

Value eval_load_name(VM& vm, Frame* f, String* name)
{
    if (f->locals.is_null())
        return raise_fmt(vm, exc::SystemError, "no locals when loading '%s'", name->c_str());
    Value v = TRY(mapping_lookup(vm, f->locals, name));
    if (!v.is_not_found())
        return v;
    return eval_load_global(vm, f->globals, f->builtins, name);
}

bool eval_store_name(VM& vm, Frame* f, String* name, Value v)
{
    if (f->locals.is_null()) {
        raise_fmt(vm, exc::SystemError, "no locals found when storing '%s'", name->c_str());
        return false;
    }
    if (type_of(f->locals) == types.dict)
        return dict_set_str(vm, f->locals.as<Dict>(), name, v);
    return setitem(vm, f->locals, Value::from_object(name), v);
}

bool eval_delete_name(VM& vm, Frame* f, String* name)
{
    if (f->locals.is_null()) {
        raise_fmt(vm, exc::SystemError, "no locals when deleting '%s'", name->c_str());
        return false;
    }
    if (type_of(f->locals) == types.dict) {
        int r = dict_del(vm, f->locals.as<Dict>(), Value::from_object(name));
        if (r < 0)
            return false;
        if (r == 0) {
            eval_name_error(vm, name);
            return false;
        }
        return true;
    }
    if (delitem(vm, f->locals, Value::from_object(name)))
        return true;
    if (vm.error_matches(exc::KeyError)) {
        vm.clear_error();
        eval_name_error(vm, name);
    }
    return false;
}

Value eval_load_classderef(VM& vm, Frame* f, uint32_t index)
{
    String* name = f->code->local_name(index);
    if (!f->locals.is_null()) {
        Value v = TRY(mapping_lookup(vm, f->locals, name));
        if (!v.is_not_found())
            return v;
    }
    Value cell = f->localsplus[index];
    Value v = cell.as<Cell>()->ref;
    if (v.is_null())
        return eval_unbound_deref(vm, f->code, index);
    return v;
}

std::string function_description(VM& vm, Value func)
{
    Value qual = getattr_opt(vm, func, names.__qualname__);
    if (qual.is_null()) {
        vm.clear_error();
        qual = Value::not_found();
    }
    if (qual.is_not_found() || !is_str(qual))
        return std::string(type_name(func)) + " object";
    std::string out;
    Value mod = getattr_opt(vm, func, names.__module__);
    if (mod.is_null())
        vm.clear_error();
    else if (String* m = mod.is_not_found() ? nullptr : as_str(mod); m && m->view() != "builtins") {
        out.append(m->view());
        out.push_back('.');
    }
    out.append(as_str(qual)->view());
    out.append("()");
    return out;
}

bool eval_unpack(VM& vm, Value seq, uint32_t before, int32_t after, Value* dest)
{
    // after < 0: UNPACK_SEQUENCE of exactly `before` items.
    bool star = after >= 0;
    size_t want = before + (star ? size_t(after) : 0);
    Value const* items = nullptr;
    size_t n = 0;
    if (Tuple* t = as_tuple(seq); t && type_of(seq) == types.tuple) {
        items = t->items;
        n = t->size;
    } else if (type_of(seq) == types.list) {
        List* l = seq.as<List>();
        items = l->items();
        n = l->size;
    }
    if (items && !star) {
        if (n != want) {
            if (n < want)
                raise_fmt(vm, exc::ValueError, "not enough values to unpack (expected %zu, got %zu)", want, n);
            else
                raise_fmt(vm, exc::ValueError, "too many values to unpack (expected %zu)", want);
            return false;
        }
        for (size_t i = 0; i < n; ++i)
            dest[want - 1 - i] = items[i];
        return true;
    }
    Value it = get_iter(vm, seq);
    if (it.is_null()) {
        if (vm.error_matches(exc::TypeError) && type_of(seq)->slot(Slot::ITER).is_null() && type_of(seq)->slot(Slot::GETITEM).is_null()) {
            vm.clear_error();
            raise_fmt(vm, exc::TypeError, "cannot unpack non-iterable %s object", type_name(seq));
        }
        return false;
    }
    size_t total = before + (star ? 1 + size_t(after) : 0);
    size_t i = 0;
    for (; i < before; ++i) {
        Value v = iter_next(vm, it);
        if (v.is_null())
            return false;
        if (v.is_stop_iteration()) {
            if (star)
                raise_fmt(vm, exc::ValueError, "not enough values to unpack (expected at least %zu, got %zu)", want, i);
            else
                raise_fmt(vm, exc::ValueError, "not enough values to unpack (expected %zu, got %zu)", want, i);
            return false;
        }
        dest[total - 1 - i] = v;
    }
    if (!star) {
        Value v = iter_next(vm, it);
        if (v.is_null())
            return false;
        if (!v.is_stop_iteration()) {
            raise_fmt(vm, exc::ValueError, "too many values to unpack (expected %zu)", want);
            return false;
        }
        return true;
    }
    List* rest = list_new(vm);
    if (!rest)
        return false;
    dest[total - 1 - before] = Value::from_object(rest);
    if (!list_extend(vm, rest, it))
        return false;
    if (rest->size < size_t(after)) {
        raise_fmt(vm, exc::ValueError, "not enough values to unpack (expected at least %zu, got %zu)", want, before + rest->size);
        return false;
    }
    for (int32_t k = 0; k < after; ++k)
        dest[after - 1 - k] = rest->items()[rest->size - size_t(after) + size_t(k)];
    rest->size -= size_t(after);
    for (size_t k = rest->size; k < rest->size + size_t(after); ++k)
        rest->items()[k] = Value::null();
    return true;
}

bool eval_list_extend(VM& vm, Value list, Value iterable)
{
    if (list_extend(vm, list.as<List>(), iterable))
        return true;
    if (vm.error_matches(exc::TypeError) && type_of(iterable)->slot(Slot::ITER).is_null() &&
        type_of(iterable)->slot(Slot::GETITEM).is_null()) {
        vm.clear_error();
        raise_fmt(vm, exc::TypeError, "Value after * must be an iterable, not %s", type_name(iterable));
    }
    return false;
}

bool eval_dict_update(VM& vm, Value dict, Value update)
{
    Dict* d = dict.as<Dict>();
    if (Dict* o = as_dict(update); o && type_of(update) == types.dict)
        return dict_merge(vm, d, o, true);
    Value keys = getattr_opt(vm, update, names.keys);
    if (keys.is_null())
        return false;
    if (keys.is_not_found()) {
        raise_fmt(vm, exc::TypeError, "'%s' object is not a mapping", type_name(update));
        return false;
    }
    // PyDict_Update: a dict subclass that keeps dict.__iter__ is read from its table.
    return dict_merge_mapping(vm, d, update);
}

bool eval_dict_merge(VM& vm, Value func, Value dict, Value update)
{
    Dict* d = dict.as<Dict>();
    bool is_mapping = as_dict(update) != nullptr;
    if (!is_mapping) {
        Value keys = getattr_opt(vm, update, names.keys);
        if (keys.is_null())
            return false;
        if (keys.is_not_found()) {
            raise_fmt(vm, exc::TypeError, "%s argument after ** must be a mapping, not %s", function_description(vm, func).c_str(),
                      type_name(update));
            return false;
        }
    }
    // Collect (key, value) pairs first so a duplicate names the function.
    Dict* tmp = dict_new(vm);
    if (!tmp || !eval_dict_update(vm, Value::from_object(tmp), update))
        return false;
    size_t pos = 0;
    Value k, v;
    while (dict_next(tmp, pos, k, v)) {
        Value existing = dict_get(vm, d, k);
        if (existing.is_null())
            return false;
        if (!existing.is_not_found()) {
            if (String* s = as_str(k))
                raise_fmt(vm, exc::TypeError, "%s got multiple values for keyword argument '%s'", function_description(vm, func).c_str(),
                          s->c_str());
            else
                raise_fmt(vm, exc::TypeError, "%s keywords must be strings", function_description(vm, func).c_str());
            return false;
        }
        if (!dict_set(vm, d, k, v))
            return false;
    }
    return true;
}

Tuple* eval_flatten_call_ex(VM& vm, Value func, Value callargs, Value kwargs, size_t& nargs, Tuple*& kwnames)
{
    Tuple* pos = as_tuple(callargs);
    if (!pos || type_of(callargs) != types.tuple) {
        List* l = list_new(vm);
        if (!l)
            return nullptr;
        if (!list_extend(vm, l, callargs)) {
            if (vm.error_matches(exc::TypeError) && type_of(callargs)->slot(Slot::ITER).is_null() &&
                type_of(callargs)->slot(Slot::GETITEM).is_null()) {
                vm.clear_error();
                raise_fmt(vm, exc::TypeError, "%s argument after * must be an iterable, not %s", function_description(vm, func).c_str(),
                          type_name(callargs));
            }
            return nullptr;
        }
        pos = tuple_from_array(vm, l->items(), l->size);
        if (!pos)
            return nullptr;
    }
    Dict* kw = nullptr;
    if (!kwargs.is_null()) {
        kw = as_dict(kwargs);
        if (!kw || type_of(kwargs) != types.dict) {
            kw = dict_new(vm);
            if (!kw || !eval_dict_merge(vm, func, Value::from_object(kw), kwargs))
                return nullptr;
        }
    }
    size_t nkw = kw ? kw->used : 0;
    Tuple* flat = tuple_new(vm, 1 + pos->size + nkw);
    if (!flat)
        return nullptr;
    flat->items[0] = py_none();
    for (size_t i = 0; i < pos->size; ++i)
        flat->items[1 + i] = pos->items[i];
    kwnames = nullptr;
    if (nkw) {
        kwnames = tuple_new(vm, nkw);
        if (!kwnames)
            return nullptr;
        size_t p = 0, i = 0;
        Value k, v;
        while (dict_next(kw, p, k, v)) {
            if (!as_str(k)) {
                raise_fmt(vm, exc::TypeError, "%s keywords must be strings", function_description(vm, func).c_str());
                return nullptr;
            }
            kwnames->items[i] = k;
            flat->items[1 + pos->size + i] = v;
            ++i;
        }
    }
    nargs = pos->size;
    return flat;
}

Value eval_build_string(VM& vm, Value const* items, size_t n)
{
    size_t bytes = 0, length = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; ++i) {
        String* s = as_str(items[i]);
        bytes += s->byte_length;
        length += s->length;
        ascii = ascii && s->is_ascii();
    }
    if (n == 1)
        return items[0];
    String* out = str_alloc(vm, bytes);
    if (!out)
        return Value::null();
    char* p = out->data;
    for (size_t i = 0; i < n; ++i) {
        String* s = as_str(items[i]);
        std::memcpy(p, s->data, s->byte_length);
        p += s->byte_length;
    }
    *p = 0;
    str_finish_known(out, length, ascii);
    return Value::from_object(out);
}

Value eval_format_value(VM& vm, Value v, uint32_t conversion, Value spec)
{
    switch (conversion) {
    case 1: v = TRY(to_str(vm, v)); break;
    case 2: v = TRY(repr(vm, v)); break;
    case 3: v = TRY(ascii(vm, v)); break;
    default: break;
    }
    if (spec.is_null() && is_exact_str(v))
        return v;
    return format(vm, v, spec.is_null() ? Value::from_object(empty_str()) : spec);
}

Value eval_make_function(VM& vm, Frame* f, Value code, uint32_t flags, Value* sp)
{
    Function* fn = function_new(vm, code.as<Code>(), f->globals, f->builtins);
    if (!fn)
        return Value::null();
    Value fv = Value::from_object(fn);
    // Operands below the code object, popped in this order.
    if (flags & 0x08)
        fn->closure = (--sp)->as<Tuple>();
    if (flags & 0x04) {
        Value ann = *--sp;
        if (Tuple* t = as_tuple(ann)) {
            Dict* d = dict_new(vm);
            if (!d)
                return Value::null();
            for (size_t i = 0; i + 1 < t->size; i += 2)
                if (!dict_set(vm, d, t->items[i], t->items[i + 1]))
                    return Value::null();
            fn->annotations = Value::from_object(d);
        } else {
            fn->annotations = ann;
        }
    }
    if (flags & 0x02)
        fn->kwdefaults = (--sp)->as<Dict>();
    if (flags & 0x01)
        fn->defaults = (--sp)->as<Tuple>();
    return fv;
}

static bool is_exception_class(Value v)
{
    return is_instance_fast(v, types.type) && is_subtype(v.as<TypeObject>(), exc::BaseException);
}

Value eval_make_raise(VM& vm, Value exc_v, Value cause, bool has_cause)
{
    Value inst;
    if (is_exception_class(exc_v)) {
        inst = TRY(call0(vm, exc_v));
        if (!is_instance_fast(inst, exc::BaseException)) {
            Value r = TRY(repr(vm, exc_v));
            return raise_fmt(vm, exc::TypeError, "calling %s should have returned an instance of BaseException, not <class '%s'>",
                             as_str(r)->c_str(), type_name(inst));
        }
    } else if (is_instance_fast(exc_v, exc::BaseException)) {
        inst = exc_v;
    } else {
        return raise(vm, exc::TypeError, "exceptions must derive from BaseException");
    }
    if (has_cause) {
        Value fixed;
        if (is_exception_class(cause)) {
            fixed = TRY(call0(vm, cause));
            if (!is_instance_fast(fixed, exc::BaseException)) {
                Value r = TRY(repr(vm, cause));
                return raise_fmt(vm, exc::TypeError, "calling %s should have returned an instance of BaseException, not <class '%s'>",
                                 as_str(r)->c_str(), type_name(fixed));
            }
        } else if (is_instance_fast(cause, exc::BaseException)) {
            fixed = cause;
        } else if (is_none(cause)) {
            fixed = Value::null();
        } else {
            return raise(vm, exc::TypeError, "exception causes must derive from BaseException");
        }
        BaseException* be = as_exception(inst);
        be->cause = fixed;
        be->suppress_context = true;
    }
    return inst;
}

int eval_exception_matches(VM& vm, Value exc_v, Value match)
{
    auto bad = [&]() {
        raise(vm, exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    };
    if (Tuple* t = as_tuple(match); t && type_of(match) == types.tuple) {
        for (size_t i = 0; i < t->size; ++i)
            if (!is_exception_class(t->items[i]))
                return bad();
        for (size_t i = 0; i < t->size; ++i)
            if (is_subtype(type_of(exc_v), t->items[i].as<TypeObject>()))
                return 1;
        return 0;
    }
    if (!is_exception_class(match))
        return bad();
    return is_subtype(type_of(exc_v), match.as<TypeObject>()) ? 1 : 0;
}

namespace {

// check_except_star_type_valid: an exception class or a tuple of them, none of them an
// exception group.
bool check_except_star_type(VM& vm, Value match_type)
{
    Tuple* t = as_tuple(match_type);
    size_t n = t ? t->size : 1;
    Value const* items = t ? t->items : &match_type;
    for (size_t i = 0; i < n; ++i) {
        if (!is_exception_class(items[i])) {
            raise(vm, exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
            return false;
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (is_subtype(items[i].as<TypeObject>(), g_base_exception_group)) {
            raise(vm, exc::TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
            return false;
        }
    }
    return true;
}

// The three fields CPython compares to tell a re-raised exception (a part of the caught
// group made by split, never raised anew) from a newly raised one. (Its fourth, `notes`,
// is always NULL in 3.11: notes live in __dict__.)
bool same_exception_metadata(Value a, Value b)
{
    BaseException* x = as_exception(a);
    BaseException* y = as_exception(b);
    auto norm = [](Value v) { return v.is_null() || is_none(v) ? py_none() : v; };
    return norm(x->traceback).is(norm(y->traceback)) && norm(x->cause).is(norm(y->cause)) &&
           norm(x->context).is(norm(y->context));
}

} // namespace

bool eval_check_eg_match(VM& vm, Value exc, Value match_type, Value* match, Value* rest)
{
    if (!check_except_star_type(vm, match_type))
        return false;
    *match = py_none();
    *rest = py_none();
    if (is_none(exc))
        return true;
    int full = eval_exception_matches(vm, exc, match_type);
    if (full < 0)
        return false;
    if (full) {
        if (is_exception_group(exc)) {
            *match = exc;
            return true;
        }
        // A naked exception is handled as ExceptionGroup("", (exc,)).
        Tuple* excs = tuple_pack(vm, { exc });
        if (!excs)
            return false;
        Value wrapped = exception_group_create(vm, Value::from_object(excs));
        if (wrapped.is_null())
            return false;
        *match = wrapped;
        return true;
    }
    if (!is_exception_group(exc))
        return true;
    String* split = intern(vm, "split");
    if (!split)
        return false;
    Value pair = call_method(vm, exc, split, &match_type, 1);
    if (pair.is_null())
        return false;
    Tuple* t = as_tuple(pair);
    if (!t || t->size != 2)
        return raise(vm, exc::TypeError, "split must return a 2-tuple"), false;
    *match = t->items[0];
    *rest = t->items[1];
    return true;
}

Value eval_prep_reraise_star(VM& vm, Value orig, Value excs_v)
{
    List* excs = as_list(excs_v);
    if (excs->size == 0)
        return py_none();
    // A naked exception was caught (and wrapped): only one clause could run, so there is
    // at most one exception, raised or re-raised, or the unmatched original.
    if (!is_exception_group(orig))
        return excs->items()[0];
    List* raised = list_new(vm);
    List* reraised = list_new(vm);
    if (!raised || !reraised)
        return Value::null();
    for (size_t i = 0; i < excs->size; ++i) {
        Value e = excs->items()[i];
        if (is_none(e))
            continue;
        if (!list_append(vm, same_exception_metadata(e, orig) ? reraised : raised, e))
            return Value::null();
    }
    // The re-raised parts keep their place in the original tree.
    Value reraised_eg = exception_group_projection(vm, orig, reraised);
    if (reraised_eg.is_null() || raised->size == 0)
        return reraised_eg;
    if (!is_none(reraised_eg) && !list_append(vm, raised, reraised_eg))
        return Value::null();
    if (raised->size == 1)
        return raised->items()[0];
    return exception_group_create(vm, Value::from_object(raised));
}

Value eval_lookup_special(VM& vm, Value obj, String* name)
{
    TypeObject* t = type_of(obj);
    Value descr = type_lookup(t, name);
    if (descr.is_not_found())
        return Value::null();
    return descriptor_get(vm, descr, obj, t);
}

Value eval_import_name(VM& vm, Frame* f, String* name, Value fromlist, Value level)
{
    // builtins.__import__ as the frame sees it: a replacement is called as CPython does;
    // the original goes straight to the import system (stackless/imports/).
    Value imp = dict_get_str(vm, f->builtins, names.__import__);
    if (imp.is_null())
        return imp;
    if (imp.is_not_found())
        return raise(vm, exc::ImportError, "__import__ not found");
    int64_t lvl = level.is_int() ? level.as_int() : 0;
    BuiltinFunction* bf = type_of(imp) == types.builtin_function ? imp.as<BuiltinFunction>() : nullptr;
    if (bf && bf->fn == builtin_import)
        return import_name(vm, name, f->globals, fromlist, lvl);
    Value locals = f->locals.is_null() ? py_none() : f->locals;
    Value args[5] = { Value::from_object(name), Value::from_object(f->globals), locals, fromlist.is_null() ? py_none() : fromlist, level };
    return call(vm, imp, args, 5);
}

Value eval_import_from(VM& vm, Value module, String* name) { return import_from(vm, module, name); }

bool eval_import_star(VM& vm, Frame* f, Value module)
{
    Dict* d = is_instance_fast(module, types.module) ? module.as<Module>()->dict : nullptr; // stackless's module is a subclass
    if (!d) {
        raise(vm, exc::ImportError, "from-import-* object has no __dict__ and no __all__");
        return false;
    }
    Value all = dict_get_str(vm, d, names.__all__);
    if (all.is_null())
        return false;
    if (!all.is_not_found()) {
        Value it = get_iter(vm, all);
        if (it.is_null())
            return false;
        for (;;) {
            Value n = iter_next(vm, it);
            if (n.is_null())
                return false;
            if (n.is_stop_iteration())
                return true;
            String* s = as_str(n);
            if (!s) {
                raise_fmt(vm, exc::TypeError, "Item in module.__all__ must be str, not %s", type_name(n));
                return false;
            }
            String* name = intern(vm, s);
            if (!name)
                return false;
            Value v = getattr(vm, module, name);
            if (v.is_null() || !eval_store_name(vm, f, name, v))
                return false;
        }
    }
    size_t pos = 0;
    Value k, v;
    while (dict_next(d, pos, k, v)) {
        String* s = as_str(k);
        if (!s || s->byte_length == 0 || s->data[0] == '_')
            continue;
        String* name = intern(vm, s);
        if (!name || !eval_store_name(vm, f, name, v))
            return false;
    }
    return true;
}

bool eval_print_expr(VM& vm, Value v)
{
    Interpreter& in = interp(vm);
    String* displayhook = intern(vm, "displayhook");
    if (!displayhook)
        return false;
    Value hook = in.sys_module ? dict_get_str(vm, in.sys_module->dict, displayhook) : Value::not_found();
    if (hook.is_null())
        return false;
    if (hook.is_not_found()) {
        raise(vm, exc::RuntimeError, "lost sys.displayhook");
        return false;
    }
    return !call1(vm, hook, v).is_null();
}

bool eval_setup_annotations(VM& vm, Frame* f)
{
    if (f->locals.is_null()) {
        raise(vm, exc::SystemError, "no locals found when setting up annotations");
        return false;
    }
    Value v = mapping_lookup(vm, f->locals, names.__annotations__);
    if (v.is_null())
        return false;
    if (!v.is_not_found())
        return true;
    Dict* annotations = dict_new(vm);
    if (!annotations)
        return false;
    return eval_store_name(vm, f, names.__annotations__, Value::from_object(annotations));
}

Value stop_iteration_value(VM& vm, Value e)
{
    Value v = getattr_opt(vm, e, names.value);
    if (v.is_null() || v.is_not_found()) {
        vm.clear_error();
        return py_none();
    }
    return v;
}

} // namespace slpy
