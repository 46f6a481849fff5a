// Argument binding for Python calls, with CPython 3.11's error messages (ceval.c's
// initialize_locals and its helpers).
#include "stackless/vm/call.h"

#include "objects/string.h"
#include "stackless/vm/interpreter.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace slpy {

namespace {

std::string quoted(String* s) { return "'" + std::string(s->view()) + "'"; }

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'"
std::string join_names(std::vector<String*> const& names)
{
    if (names.size() == 1)
        return quoted(names[0]);
    if (names.size() == 2)
        return quoted(names[0]) + " and " + quoted(names[1]);
    std::string out;
    for (size_t i = 0; i + 1 < names.size(); ++i)
        out += quoted(names[i]) + ", ";
    return out + "and " + quoted(names.back());
}

// `defcount` may exceed the parameter count: __defaults__ can be set to any tuple, and
// only its last argcount items count (CPython's initialize_locals); so the arithmetic on
// it is signed and clamped, and nothing reads outside the frame or the tuple.
bool missing_arguments(VM& vm, Function* fn, Frame* frame, bool positional, size_t defcount)
{
    Code* co = fn->code;
    size_t start = positional ? 0 : co->argcount;
    size_t end = positional ? co->argcount - std::min<size_t>(defcount, co->argcount) : co->argcount + co->kwonlyargcount;
    std::vector<String*> missing;
    for (size_t i = start; i < end; ++i) {
        if (!frame->localsplus[i].is_null())
            continue;
        String* name = co->local_name(uint32_t(i));
        if (!positional && fn->kwdefaults && !dict_get_str(vm, fn->kwdefaults, name).is_not_found())
            continue;
        missing.push_back(name);
    }
    if (missing.empty())
        return true;
    raise_fmt(vm, exc::TypeError, "%s() missing %zu required %s argument%s: %s", fn->qualname->c_str(), missing.size(),
              positional ? "positional" : "keyword-only", missing.size() == 1 ? "" : "s", join_names(missing).c_str());
    return false;
}

void too_many_positional(VM& vm, Function* fn, Frame* frame, size_t given)
{
    Code* co = fn->code;
    size_t kwonly_given = 0;
    for (uint32_t i = co->argcount; i < co->argcount + co->kwonlyargcount; ++i)
        if (!frame->localsplus[i].is_null())
            ++kwonly_given;
    size_t defcount = fn->defaults ? fn->defaults->size : 0;
    std::string sig;
    bool plural;
    if (defcount) {
        // Signed: with more defaults than parameters CPython says "from -1 to 1".
        sig = "from " + std::to_string(ptrdiff_t(co->argcount) - ptrdiff_t(defcount)) + " to " + std::to_string(co->argcount);
        plural = true;
    } else {
        sig = std::to_string(co->argcount);
        plural = co->argcount != 1;
    }
    std::string kwonly_sig;
    if (kwonly_given) {
        kwonly_sig = std::string(" positional argument") + (given != 1 ? "s" : "") + " (and " + std::to_string(kwonly_given) +
                     " keyword-only argument" + (kwonly_given != 1 ? "s" : "") + ")";
    }
    raise_fmt(vm, exc::TypeError, "%s() takes %s positional argument%s but %zu%s %s given", fn->qualname->c_str(), sig.c_str(),
              plural ? "s" : "", given, kwonly_sig.c_str(), given == 1 && !kwonly_given ? "was" : "were");
}

// Keyword arguments naming positional-only parameters, when there is no **kwargs.
bool positional_only_passed_as_keyword(VM& vm, Function* fn, Tuple* kwnames)
{
    Code* co = fn->code;
    std::vector<String*> names;
    for (uint32_t k = 0; k < co->posonlyargcount; ++k) {
        String* pname = co->local_name(k);
        for (size_t i = 0; i < kwnames->size; ++i) {
            String* kw = as_str(kwnames->items[i]);
            if (kw && str_equal(kw, pname)) {
                names.push_back(pname);
                break;
            }
        }
    }
    if (names.empty())
        return false;
    std::string joined;
    for (size_t i = 0; i < names.size(); ++i)
        joined += (i ? ", " : "") + std::string(names[i]->view());
    raise_fmt(vm, exc::TypeError, "%s() got some positional-only arguments passed as keyword arguments: '%s'", fn->qualname->c_str(),
              joined.c_str());
    return true;
}

} // namespace

bool bind_arguments(VM& vm, Function* fn, Frame* frame, Value const* args, size_t nargs, Tuple* kwnames)
{
    Code* co = fn->code;
    Value* fast = frame->localsplus;
    uint32_t argcount = co->argcount;
    uint32_t total = argcount + co->kwonlyargcount;
    bool varargs = co->flags & CO_VARARGS;
    bool varkw = co->flags & CO_VARKEYWORDS;
    size_t nkw = kwnames ? kwnames->size : 0;

    Dict* kwdict = nullptr;
    if (varkw) {
        kwdict = dict_new(vm);
        if (!kwdict)
            return false;
        fast[total + (varargs ? 1 : 0)] = Value::from_object(kwdict);
    }
    size_t n = nargs < argcount ? nargs : argcount;
    for (size_t i = 0; i < n; ++i)
        fast[i] = args[i];
    if (varargs) {
        Tuple* rest = nargs > n ? tuple_from_array(vm, args + n, nargs - n) : empty_tuple();
        if (!rest)
            return false;
        fast[total] = Value::from_object(rest);
    }

    for (size_t k = 0; k < nkw; ++k) {
        Value key = kwnames->items[k];
        Value value = args[nargs + k];
        String* kw = as_str(key);
        if (!kw) {
            raise_fmt(vm, exc::TypeError, "%s() keywords must be strings", fn->qualname->c_str());
            return false;
        }
        uint32_t j = co->posonlyargcount;
        for (; j < total; ++j)
            if (co->local_name(j) == kw)
                break;
        if (j == total)
            for (j = co->posonlyargcount; j < total; ++j)
                if (str_equal(co->local_name(j), kw))
                    break;
        if (j == total) {
            if (!kwdict) {
                if (co->posonlyargcount && positional_only_passed_as_keyword(vm, fn, kwnames))
                    return false;
                raise_fmt(vm, exc::TypeError, "%s() got an unexpected keyword argument '%s'", fn->qualname->c_str(), kw->c_str());
                return false;
            }
            if (!dict_set(vm, kwdict, key, value))
                return false;
            continue;
        }
        if (!fast[j].is_null()) {
            raise_fmt(vm, exc::TypeError, "%s() got multiple values for argument '%s'", fn->qualname->c_str(), kw->c_str());
            return false;
        }
        fast[j] = value;
    }

    if (nargs > argcount && !varargs) {
        too_many_positional(vm, fn, frame, nargs);
        return false;
    }

    size_t defcount = fn->defaults ? fn->defaults->size : 0;
    if (nargs < argcount) {
        // Parameter i takes defaults[i - m]: the defaults line up with the last
        // parameters, and a longer tuple's extra leading items are never used.
        size_t used = std::min<size_t>(defcount, argcount);
        size_t m = argcount - used;
        size_t skip = defcount - used;
        for (size_t i = nargs; i < m; ++i)
            if (fast[i].is_null())
                return missing_arguments(vm, fn, frame, true, defcount) && false;
        for (size_t i = nargs > m ? nargs : m; i < argcount; ++i)
            if (fast[i].is_null())
                fast[i] = fn->defaults->items[skip + i - m];
    }
    if (co->kwonlyargcount) {
        bool missing = false;
        for (uint32_t i = argcount; i < total; ++i) {
            if (!fast[i].is_null())
                continue;
            if (fn->kwdefaults) {
                Value d = dict_get_str(vm, fn->kwdefaults, co->local_name(i));
                if (d.is_null())
                    return false;
                if (!d.is_not_found()) {
                    fast[i] = d;
                    continue;
                }
            }
            missing = true;
        }
        if (missing)
            return missing_arguments(vm, fn, frame, false, 0) && false;
    }
    return true;
}

Frame* frame_for_call_bound(VM& vm, Function* fn, Value const* args, size_t nargs, Tuple* kwnames)
{
    Frame* frame = vm.interp->new_call_frame(fn, 0);
    if (!frame || !bind_arguments(vm, fn, frame, args, nargs, kwnames))
        return nullptr;
    return frame;
}

} // namespace slpy
