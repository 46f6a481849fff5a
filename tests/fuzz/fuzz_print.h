// `TARGET --print FILE...` for the fuzz targets that turn their input into a Python
// program (fuzz_exec, fuzz_schedule): prints each input's program and exits, before
// libFuzzer sees the arguments. Call it first in LLVMFuzzerInitialize.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace slpy::fuzz {

template<typename Generate>
void handle_print_option(int argc, char** argv, char const* target, Generate generate)
{
    if (argc < 2 || std::strcmp(argv[1], "--print") != 0)
        return;
    for (int i = 2; i < argc; ++i) {
        std::ifstream f(argv[i], std::ios::binary);
        if (!f) {
            std::fprintf(stderr, "%s: cannot read %s\n", target, argv[i]);
            std::exit(2);
        }
        std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        std::string program = generate(reinterpret_cast<uint8_t const*>(data.data()), data.size());
        std::fputs(program.c_str(), stdout);
    }
    std::exit(0);
}

} // namespace slpy::fuzz
