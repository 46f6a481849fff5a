// The `slpy` command line: CPython-compatible options, script loading and error reporting.
//
//   slpy [-O] file.py [args]   run a script
//   slpy [-O] -c CODE [args]   run a string
//   slpy [-O] -m MODULE [args] run a module found on the path
//   slpy --dis file.py         print the bytecode of a script
//   slpy --version
//
// Exit status as CPython: 0, 1 for an uncaught exception or a syntax error, 2 for bad
// command-line use or an unreadable script.
#include "stackless/compiler/compiler.h"
#include "stackless/cli/source_error.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr char const* kVersion = "slpy 0.1.0 (Python 3.11)";

void usage(FILE* out)
{
    std::fputs("usage: slpy [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
               "Options:\n"
               "  -c cmd    program passed in as string\n"
               "  -m mod    run library module as a script\n"
               "  -O        remove assert statements and __debug__-dependent code\n"
               "  --dis     print the compiled bytecode instead of running\n"
               "  --version print the version and exit\n"
               "  -h        print this help message and exit\n",
               out);
}

std::string absolute_path(std::string const& path)
{
    if (!path.empty() && path[0] == '/')
        return path;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        return path;
    std::string p = path;
    while (p.rfind("./", 0) == 0)
        p = p.substr(2);
    return std::string(buf) + "/" + p;
}

bool read_file(std::string const& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

struct Options {
    int optimize = 0;
    bool dis = false;
    std::string command;  // -c
    std::string module;   // -m
    std::string script;   // file
    bool have_command = false;
    bool have_module = false;
    std::vector<std::string> argv; // sys.argv
};

// Parses the command line as CPython does: options stop at the script, -c or -m.
int parse_options(int argc, char** argv, Options& opt)
{
    int i = 1;
    for (; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--version" || a == "-V") {
            std::puts(kVersion);
            std::exit(0);
        }
        if (a == "-h" || a == "--help") {
            usage(stdout);
            std::exit(0);
        }
        if (a == "--dis") {
            opt.dis = true;
            continue;
        }
        if (a == "-O") {
            opt.optimize = 1;
            continue;
        }
        if (a == "-OO") {
            opt.optimize = 2;
            continue;
        }
        if (a == "-c" || a == "-m") {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "Argument expected for the %s option\n", a.c_str());
                usage(stderr);
                return 2;
            }
            if (a == "-c") {
                opt.have_command = true;
                opt.command = argv[i + 1];
                opt.argv.push_back("-c");
            } else {
                opt.have_module = true;
                opt.module = argv[i + 1];
                opt.argv.push_back(argv[i + 1]);
            }
            i += 2;
            break;
        }
        if (a == "--") {
            ++i;
            if (i < argc) {
                opt.script = argv[i];
                opt.argv.push_back(argv[i]);
                ++i;
            }
            break;
        }
        if (a.size() > 1 && a[0] == '-') {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            usage(stderr);
            return 2;
        }
        opt.script = a;
        opt.argv.push_back(a);
        ++i;
        break;
    }
    for (; i < argc; ++i)
        opt.argv.push_back(argv[i]);
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    Options opt;
    if (int rc = parse_options(argc, argv, opt); rc >= 0)
        return rc;

    std::string source;
    std::string filename;
    if (opt.have_command) {
        source = opt.command;
        filename = "<string>";
    } else if (opt.have_module) {
        // Modules are looked up as files on the path: the current directory, then the
        // modules that ship with slpy.
        std::string rel = opt.module;
        for (char& c : rel)
            if (c == '.')
                c = '/';
        std::vector<std::string> candidates = { rel + ".py", std::string(SLPY_LIB_DIR) + "/" + rel + ".py" };
        bool found = false;
        for (std::string const& c : candidates)
            if (read_file(c, source)) {
                filename = absolute_path(c);
                found = true;
                break;
            }
        if (!found) {
            std::fprintf(stderr, "%s: No module named %s\n", argv[0], opt.module.c_str());
            return 1;
        }
    } else if (!opt.script.empty() && opt.script != "-") {
        filename = absolute_path(opt.script);
        struct stat st;
        if (stat(opt.script.c_str(), &st) != 0) {
            int err = errno;
            std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], filename.c_str(), err, std::strerror(err));
            return 2;
        }
        if (S_ISDIR(st.st_mode)) {
            std::fprintf(stderr, "%s: can't find '__main__' module in '%s'\n", argv[0], filename.c_str());
            return 1;
        }
        if (!read_file(opt.script, source)) {
            int err = errno;
            std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], filename.c_str(), err, std::strerror(err));
            return 2;
        }
    } else {
        // No script: the demo.
        std::string demo = std::string(SLPY_DEMO_DIR) + "/hello.py";
        if (!opt.script.empty() || !read_file(demo, source)) {
            std::ostringstream ss;
            ss << std::cin.rdbuf();
            source = ss.str();
            filename = "<stdin>";
        } else {
            filename = demo;
        }
    }

    slpy::compiler::SyntaxErrorInfo err;
    slpy::compiler::CompileOptions options;
    options.optimize = opt.optimize;
    auto code = slpy::compiler::compile_source(source, filename, slpy::parser::Mode::Exec, options, err);
    if (!code) {
        slpy::cli::print_syntax_error(stderr, err);
        return 1;
    }
    if (opt.dis) {
        std::fputs(slpy::cli::disassemble(*code).c_str(), stdout);
        return 0;
    }
    // The eval loop is the next piece of issue #2; until it lands, running code says so.
    std::fputs("NotImplementedError: executing Python code is not implemented yet: slpy compiled "
               "the program (see it with --dis), but its eval loop is still being built (issue #2)\n",
               stderr);
    return 1;
}
