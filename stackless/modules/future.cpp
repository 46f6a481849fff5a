// The __future__ module (see future.h). Its body is Python, run in the module's namespace
// when it is first imported: the _Feature records are plain class instances, as in
// CPython, so their repr, attributes and methods behave the same.
#include "stackless/modules/future.h"

#include "objects/module.h"
#include "stackless/compiler/future.h"
#include "stackless/vm/code.h"
#include "stackless/vm/interpreter.h"

#include <string>

namespace slpy {

namespace {

// The feature table is CPython 3.11's (release tuples and CO_FUTURE_* flags); the flags
// are spliced in from the compiler's FutureFlag values so the two cannot disagree.
std::string future_source()
{
    using namespace compiler;
    auto hex = [](uint32_t v) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%X", v);
        return std::string(buf);
    };
    return R"PY("""Record of phased-in incompatible language changes.

Each feature is a _Feature(OptionalRelease, MandatoryRelease, CompilerFlag):
the release in which `from __future__ import feature` was first accepted, the
release in which the feature became (or will become) the default behaviour
(None if undecided), and the code flag compile() takes to enable it.
"""

all_feature_names = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
]

__all__ = ["all_feature_names"] + all_feature_names

CO_NESTED = 0x0010
CO_GENERATOR_ALLOWED = 0
CO_FUTURE_DIVISION = )PY" + hex(CO_FUTURE_DIVISION) + R"PY(
CO_FUTURE_ABSOLUTE_IMPORT = )PY" + hex(CO_FUTURE_ABSOLUTE_IMPORT) + R"PY(
CO_FUTURE_WITH_STATEMENT = )PY" + hex(CO_FUTURE_WITH_STATEMENT) + R"PY(
CO_FUTURE_PRINT_FUNCTION = )PY" + hex(CO_FUTURE_PRINT_FUNCTION) + R"PY(
CO_FUTURE_UNICODE_LITERALS = )PY" + hex(CO_FUTURE_UNICODE_LITERALS) + R"PY(
CO_FUTURE_BARRY_AS_BDFL = )PY" + hex(CO_FUTURE_BARRY_AS_BDFL) + R"PY(
CO_FUTURE_GENERATOR_STOP = )PY" + hex(CO_FUTURE_GENERATOR_STOP) + R"PY(
CO_FUTURE_ANNOTATIONS = )PY" + hex(CO_FUTURE_ANNOTATIONS) + R"PY(


class _Feature:

    def __init__(self, optionalRelease, mandatoryRelease, compiler_flag):
        self.optional = optionalRelease
        self.mandatory = mandatoryRelease
        self.compiler_flag = compiler_flag

    def getOptionalRelease(self):
        """Return the first release in which this feature was recognized.

        This is a 5-tuple, of the same form as sys.version_info.
        """
        return self.optional

    def getMandatoryRelease(self):
        """Return the release in which this feature will become mandatory.

        This is a 5-tuple, of the same form as sys.version_info, or, if
        the feature was dropped, or the release date is undetermined, is None.
        """
        return self.mandatory

    def __repr__(self):
        return "_Feature" + repr((self.optional, self.mandatory, self.compiler_flag))


nested_scopes = _Feature((2, 1, 0, "beta", 1), (2, 2, 0, "alpha", 0), CO_NESTED)
generators = _Feature((2, 2, 0, "alpha", 1), (2, 3, 0, "final", 0), CO_GENERATOR_ALLOWED)
division = _Feature((2, 2, 0, "alpha", 2), (3, 0, 0, "alpha", 0), CO_FUTURE_DIVISION)
absolute_import = _Feature((2, 5, 0, "alpha", 1), (3, 0, 0, "alpha", 0), CO_FUTURE_ABSOLUTE_IMPORT)
with_statement = _Feature((2, 5, 0, "alpha", 1), (2, 6, 0, "alpha", 0), CO_FUTURE_WITH_STATEMENT)
print_function = _Feature((2, 6, 0, "alpha", 2), (3, 0, 0, "alpha", 0), CO_FUTURE_PRINT_FUNCTION)
unicode_literals = _Feature((2, 6, 0, "alpha", 2), (3, 0, 0, "alpha", 0), CO_FUTURE_UNICODE_LITERALS)
barry_as_FLUFL = _Feature((3, 1, 0, "alpha", 2), (4, 0, 0, "alpha", 0), CO_FUTURE_BARRY_AS_BDFL)
generator_stop = _Feature((3, 5, 0, "beta", 1), (3, 7, 0, "alpha", 0), CO_FUTURE_GENERATOR_STOP)
annotations = _Feature((3, 7, 0, "beta", 1), None, CO_FUTURE_ANNOTATIONS)
)PY";
}

} // namespace

Module* make_future_module(VM& vm)
{
    Module* m = module_new(vm, "__future__");
    Value code = compile_to_code(vm, future_source(), "<frozen __future__>", parser::Mode::Exec, 0);
    if (code.is_null())
        return nullptr;
    if (interp(vm).exec_code(code.as<Code>(), m->dict, Value::null()).is_null())
        return nullptr;
    return m;
}

} // namespace slpy
