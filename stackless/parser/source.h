// Source bytes -> tokenizer text (PEP 263): see parser.h (SourceOptions) for the forms.
#pragma once

#include "stackless/parser/parser.h"

#include <string>
#include <string_view>

namespace slpy::parser {

// Fills `text` (UTF-8, '\n' line ends, ending with '\n') from `raw`, and `decoded` when
// a codec other than UTF-8 made it; false with `err` filled (message and location) when
// the source cannot be read.
bool prepare_source(std::string_view raw, SourceOptions const& options, std::string& text, bool& decoded,
                    compiler::SyntaxErrorInfo& err);

} // namespace slpy::parser
