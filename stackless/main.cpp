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
#include "objects/codecs.h"
#include "objects/containers.h"
#include "objects/exceptions.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/string.h"
#include "stackless/cli/source_error.h"
#include "stackless/compiler/compiler.h"
#include "stackless/imports/imports.h"
#include "stackless/modules/io.h"
#include "stackless/modules/os_support.h"
#include "stackless/modules/records.h"
#include "stackless/modules/runtime_modules.h"
#include "stackless/vm/code.h"
#include "stackless/vm/exec_stats.h"
#include "scheduler/scheduler.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/interrupt.h"
#include "stackless/vm/traceback.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
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
               "  -E        ignore PYTHONPATH; -I isolate (-E, -s, -P); -P no script folder in sys.path\n"
               "  -W arg    warning control (sys.warnoptions); -X opt: sys._xoptions\n"
               "  -X stats  print execution statistics at exit (builds configured with -DSLPY_STATS=ON)\n"
               "  -b -B -d -q -R -s -S -u -v: accepted as CPython's (sys.flags)\n"
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
    std::vector<std::string> orig_argv; // sys.orig_argv: the whole command line
    std::string program;           // argv[0] of the slpy command, for messages
    // The flags CPython's command line sets in sys.flags (sys.warnoptions, sys._xoptions).
    bool isolated = false;           // -I: -E -s -P
    bool ignore_environment = false; // -E: no PYTHONPATH
    bool no_user_site = false;       // -s (slpy has no user site folder)
    bool safe_path = false;          // -P: no script folder (or '') at the head of sys.path
    bool no_site = false;            // -S (slpy does not import site)
    bool dont_write_bytecode = false;
    bool quiet = false;
    int bytes_warning = 0, debug = 0, verbose = 0;
    std::vector<std::string> warnoptions; // -W
    std::vector<std::string> xoptions;    // -X
};

// Parses the command line as CPython does: options stop at the script, -c or -m. Short
// options combine (`-IS`, `-bb`) and -c/-m/-W/-X take their value attached or as the next
// word, so the command lines that CPython's subprocess and test.support build for
// sys.executable work.
int parse_options(int argc, char** argv, Options& opt)
{
    int i = 1;
    for (; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--version") {
            std::puts(kVersion);
            std::exit(0);
        }
        if (a == "--help") {
            usage(stdout);
            std::exit(0);
        }
        if (a == "--dis") {
            opt.dis = true;
            continue;
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
        if (a.size() < 2 || a[0] != '-' || a[1] == '-') {
            if (a.size() > 2 && a[0] == '-') {
                std::fprintf(stderr, "unknown option %s\n", a.c_str());
                usage(stderr);
                return 2;
            }
            opt.script = a;
            opt.argv.push_back(a);
            ++i;
            break;
        }
        bool ends = false; // -c or -m: the rest of the command line is the program's
        for (size_t k = 1; k < a.size() && !ends; ++k) {
            char c = a[k];
            if (c == 'c' || c == 'm' || c == 'W' || c == 'X') {
                std::string value;
                if (k + 1 < a.size()) {
                    value = a.substr(k + 1);
                } else if (i + 1 < argc) {
                    value = argv[++i];
                } else {
                    std::fprintf(stderr, "Argument expected for the -%c option\n", c);
                    usage(stderr);
                    return 2;
                }
                k = a.size();
                if (c == 'W') {
                    opt.warnoptions.push_back(value);
                } else if (c == 'X') {
                    opt.xoptions.push_back(value);
                } else if (c == 'c') {
                    opt.have_command = true;
                    opt.command = value;
                    opt.argv.push_back("-c");
                    ends = true;
                } else {
                    opt.have_module = true;
                    opt.module = value;
                    opt.argv.push_back(value);
                    ends = true;
                }
                continue;
            }
            switch (c) {
            case 'V':
                std::puts(kVersion);
                std::exit(0);
            case 'h':
            case '?':
                usage(stdout);
                std::exit(0);
            case 'O': ++opt.optimize; break;
            case 'I': opt.isolated = opt.ignore_environment = opt.no_user_site = opt.safe_path = true; break;
            case 'E': opt.ignore_environment = true; break;
            case 's': opt.no_user_site = true; break;
            case 'P': opt.safe_path = true; break;
            case 'S': opt.no_site = true; break;
            case 'B': opt.dont_write_bytecode = true; break;
            case 'b': ++opt.bytes_warning; break;
            case 'd': ++opt.debug; break;
            case 'v': ++opt.verbose; break;
            case 'q': opt.quiet = true; break;
            // Accepted with no effect here: -u (slpy's std streams write through), -R
            // (str hashes are always randomized unless PYTHONHASHSEED says otherwise).
            case 'u':
            case 'R': break;
            default:
                std::fprintf(stderr, "Unknown option: -%c\n", c);
                usage(stderr);
                return 2;
            }
        }
        if (ends) {
            ++i;
            break;
        }
    }
    if (opt.optimize > 2)
        opt.optimize = 2;
    for (; i < argc; ++i)
        opt.argv.push_back(argv[i]);
    return -1;
}

// What the options say about sys: sys.flags (the fields the command line sets),
// sys.warnoptions (-W) and sys._xoptions (-X name[=value]; a bare name maps to True).
void apply_sys_options(slpy::VM& vm, slpy::Interpreter& in, Options const& opt)
{
    using namespace slpy;
    Dict* sys = in.sys_module->dict;
    Value flags = dict_get_str(vm, sys, intern(vm, "flags"));
    List* old = flags.is_null() || flags.is_not_found() ? nullptr : list_from_iterable(vm, flags);
    if (old) {
        std::vector<Value> v(old->items(), old->items() + old->size);
        auto set = [&](size_t idx, int64_t n) {
            if (idx < v.size() && n)
                v[idx] = Value::small_int(n);
        };
        // The order of CPython's sys.flags.
        set(0, opt.debug);
        set(4, opt.dont_write_bytecode);
        set(5, opt.no_user_site);
        set(6, opt.no_site);
        set(7, opt.ignore_environment);
        set(8, opt.verbose);
        set(9, opt.bytes_warning);
        set(10, opt.quiet);
        set(12, opt.isolated);
        if (opt.safe_path && v.size() > 16)
            v[16] = py_true();
        Value nf = struct_seq_new(vm, type_of(flags), v.data(), v.size());
        if (!nf.is_null())
            (void)dict_set_str(vm, sys, intern(vm, "flags"), nf);
    }
    if (List* orig = list_new(vm)) {
        for (std::string const& a : opt.orig_argv)
            (void)list_append(vm, orig, fs_decode(vm, a));
        (void)dict_set_str(vm, sys, intern(vm, "orig_argv"), Value::from_object(orig));
    }
    Value warn = dict_get_str(vm, sys, intern(vm, "warnoptions"));
    if (!warn.is_null() && !warn.is_not_found() && type_of(warn) == types.list)
        for (std::string const& w : opt.warnoptions)
            (void)list_append(vm, warn.as<List>(), str_value(vm, w));
    Value xo = dict_get_str(vm, sys, intern(vm, "_xoptions"));
    if (!xo.is_null() && !xo.is_not_found() && type_of(xo) == types.dict) {
        for (std::string const& x : opt.xoptions) {
            size_t eq = x.find('=');
            Value key = str_value(vm, x.substr(0, eq));
            Value val = eq == std::string::npos ? py_true() : str_value(vm, x.substr(eq + 1));
            if (!key.is_null() && !val.is_null())
                (void)dict_set(vm, xo.as<Dict>(), key, val);
        }
    }
    vm.clear_error();
    // -X faulthandler or PYTHONFAULTHANDLER: tracebacks on fatal signals from the start.
    bool fault = std::getenv("PYTHONFAULTHANDLER") && *std::getenv("PYTHONFAULTHANDLER") && !opt.ignore_environment;
    for (std::string const& x : opt.xoptions)
        fault = fault || x == "faulthandler";
    if (fault)
        (void)faulthandler_enable_stderr();
}

// The exit status for an uncaught SystemExit, as CPython's _Py_HandleSystemExit: its
// `code` attribute (or, for a sys.exit(<tuple>) no handler saw, that tuple); None is 0;
// an int is taken as a C long (-1 when it does not fit, as PyLong_AsLong) cast to int;
// anything else is printed to sys.stderr with a newline and gives 1. The OS keeps the
// low 8 bits of the status.
int system_exit_status(slpy::VM& vm, slpy::Interpreter& in, slpy::Value e)
{
    using namespace slpy;
    BaseException* be = as_exception(e);
    Value code;
    if (be && (be->flags & EXC_UNNORMALIZED)) {
        code = Value::from_object(be->args);
    } else {
        code = getattr(vm, e, names.code);
        if (code.is_null()) {
            vm.clear_error(); // CPython then prints the exception itself
            code = e;
        }
    }
    if (is_none(code))
        return 0;
    if (is_int(code)) {
        int64_t v;
        if (!int_to_i64(int_unwrap(code), v)) // a C long is 64 bits here
            v = -1;
        return static_cast<int>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
    }
    // str(code) then "\n", each written to sys.stderr (to the C stderr when it is None
    // or missing); a failing str() still leaves the newline.
    Value err = in.sys_module ? dict_get_str(vm, in.sys_module->dict, names.stderr) : Value::not_found();
    bool to_file = !err.is_null() && !err.is_not_found() && !is_none(err);
    if (err.is_null())
        vm.clear_error();
    auto write = [&](Value text) {
        if (text.is_null()) {
            vm.clear_error();
            return;
        }
        if (to_file) {
            if (call_method(vm, err, names.write, &text, 1).is_null())
                vm.clear_error();
        } else {
            std::fputs(as_str(text)->c_str(), stderr);
        }
    };
    write(to_str(vm, code));
    write(str_value(vm, "\n"));
    return 1;
}

std::string dirname_of(std::string const& path)
{
    size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return "";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// run_program's status for an uncaught KeyboardInterrupt (see exit_by_sigint).
constexpr int kExitBySigint = -2;

int run_program(slpy::compiler::CodeUnit const* unit, std::string const& filename, Options const& opt)
{
    using namespace slpy;
    // A closed pipe raises BrokenPipeError instead of killing the process.
    std::signal(SIGPIPE, SIG_IGN);
    static VM vm; // lives for the whole process: objects may be finalized at exit
    vm.optimize = opt.optimize;
    std::vector<std::string> argv = opt.argv;
    if (argv.empty())
        argv.push_back("");
    Interpreter* in = create_interpreter(vm, argv);
    // Ctrl-C raises KeyboardInterrupt in the program (the VM is static: never removed).
    (void)install_interrupt_handler(vm);

    // The rest of start-up does not check its allocations (exhaustion here ends the
    // process); the program's own allocations raise MemoryError.
    vm.heap.begin_infallible();
    // sys.path: the script's directory ('' for -c and stdin, the current directory for
    // -m), PYTHONPATH, slpy's own library, CPython's library.
    std::string first;
    if (opt.have_module) {
        char buf[PATH_MAX];
        first = getcwd(buf, sizeof buf) ? buf : "";
    } else if (!opt.have_command && filename != "<stdin>") {
        first = dirname_of(filename);
    }
    std::string path_error;
    if (!imports_setup_path(vm, first, &path_error, {}, opt.ignore_environment)) {
        std::fprintf(stderr, "%s\n", path_error.c_str());
        return 1;
    }
    if (opt.safe_path) {
        Value path = dict_get_str(vm, in->sys_module->dict, intern(vm, "path"));
        // The list was just made: a copy without its head replaces it.
        if (!path.is_null() && !path.is_not_found() && type_of(path) == types.list && path.as<List>()->size > 0) {
            List* l = path.as<List>();
            if (List* rest = list_from_array(vm, l->items() + 1, l->size - 1))
                (void)dict_set_str(vm, in->sys_module->dict, intern(vm, "path"), Value::from_object(rest));
        }
        vm.clear_error();
    }
    apply_sys_options(vm, *in, opt);

    Module* main_module = module_new(vm, "__main__");
    module_add(vm, main_module, "__builtins__", Value::from_object(in->builtins_module));
    if (!opt.have_command && filename != "<stdin>")
        module_add(vm, main_module, "__file__", str_value(vm, filename));
    (void)dict_set_str(vm, in->modules, names.__main__, Value::from_object(main_module));
    vm.heap.end_infallible();

    int status = 0;
    Value result;
    if (opt.have_module) {
        // -m: the module found on sys.path runs as __main__ (a package: its __main__).
        std::string message;
        result = imports_run_main_module(vm, opt.module, &message);
        if (result.is_not_found()) {
            std::fprintf(stderr, "%s: %s\n", opt.program.c_str(), message.c_str());
            return 1;
        }
    } else {
        Value code = load_code(vm, *unit);
        result = code.is_null() ? Value::null() : in->run_module(code.as<Code>(), main_module->dict);
    }
    // CPython flushes the streams here, before it reports an uncaught exception.
    io_flush_io(vm);
    if (result.is_null()) {
        Value e = vm.take_error();
        if (is_instance_fast(e, exc::SystemExit) && !is_tasklet_exit(vm, e)) {
            status = system_exit_status(vm, *in, e);
        } else {
            in->print_exception(e);
            status = is_instance_fast(e, exc::KeyboardInterrupt) ? kExitBySigint : 1;
        }
    }
    // As CPython's Py_FinalizeEx: the non-daemon threads are joined (threading._shutdown),
    // then atexit's callbacks run.
    thread_shutdown(vm);
    vm.run_exit_hooks();
    run_finalizers_at_exit(vm); // then the __del__ of what the modules still hold
    io_flush_std_streams(vm);
    // -X stats: the execution statistics, last (stackless/vm/exec_stats.h).
    for (std::string const& x : opt.xoptions)
        if (x == "stats") {
            exec_stats_print(*in, stderr);
            break;
        }
    return status;
}

// After an uncaught KeyboardInterrupt CPython ends by SIGINT itself (exit_sigint), so a
// calling shell sees the interrupt (status 130) and stops a script or loop too.
[[noreturn]] void exit_by_sigint()
{
    std::fflush(nullptr);
    std::signal(SIGINT, SIG_DFL);
    ::kill(::getpid(), SIGINT);
    std::_Exit(128 + SIGINT);
}

} // namespace

int main(int argc, char** argv)
{
    Options opt;
    opt.program = argv[0];
    opt.orig_argv.assign(argv, argv + argc);
    if (int rc = parse_options(argc, argv, opt); rc >= 0)
        return rc;
    // The hash secret is fixed from PYTHONHASHSEED on first use: a bad value stops here,
    // with CPython's message and status, before anything is hashed.
    if (std::string err; !slpy::hash_seed_valid(std::getenv("PYTHONHASHSEED"), err)) {
        std::fprintf(stderr, "Fatal Python error: config_init_hash_seed: %s\nPython runtime state: preinitialized\n", err.c_str());
        return 1;
    }
    if (opt.have_module) {
        // The module is found and compiled by the import system, after start-up.
        int status = run_program(nullptr, "", opt);
        if (status == kExitBySigint)
            exit_by_sigint();
        return status;
    }

    std::string source;
    std::string filename;
    if (opt.have_command) {
        source = opt.command;
        filename = "<string>";
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

    // Source files are checked as CPython's file tokenizer does before parsing.
    if (!opt.have_command) {
        if (size_t nul = source.find('\0'); nul != std::string::npos) {
            size_t line_start = source.rfind('\n', nul);
            line_start = line_start == std::string::npos ? 0 : line_start + 1;
            int line = 1 + int(std::count(source.begin(), source.begin() + long(line_start), '\n'));
            std::string text = source.substr(line_start, nul - line_start);
            size_t first = text.find_first_not_of(" \t\f");
            text = first == std::string::npos ? "" : text.substr(first);
            std::fprintf(stderr, "  File \"%s\", line %d\n    %s\nSyntaxError: source code cannot contain null bytes\n", filename.c_str(), line,
                         text.c_str());
            return 1;
        }
    }

    slpy::compiler::SyntaxErrorInfo err;
    slpy::compiler::CompileOptions options;
    options.optimize = opt.optimize;
    // A file (or stdin) is read as CPython's file tokenizer reads it (PEP 263: BOM, coding
    // cookie, "Non-UTF-8 code" and "encoding problem" errors); `-c` is text.
    options.source.is_text = opt.have_command;
    options.source.is_file = !opt.have_command;
    options.source.filename = filename;
    options.source.decoder = slpy::decode_strict;
    options.source.max_int_digits = slpy::get_int_max_str_digits();
    auto code = slpy::compiler::compile_source(source, filename, slpy::parser::Mode::Exec, options, err);
    if (!code) {
        std::fputs(slpy::format_syntax_error(err).c_str(), stderr);
        return 1;
    }
    if (opt.dis) {
        std::fputs(slpy::cli::disassemble(*code).c_str(), stdout);
        return 0;
    }
    int status = run_program(code.get(), filename, opt);
    if (status == kExitBySigint)
        exit_by_sigint();
    return status;
}
