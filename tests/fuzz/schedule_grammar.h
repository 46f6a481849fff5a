// The grammar of fuzz_schedule (see fuzz_schedule.cpp): input bytes -> a short, bounded
// Python program of scheduler operations over a pool of four tasklet slots and three
// channels: create, run, switch, schedule, send/receive (also through natives: zip over a
// channel, map and sorted(key=) calling switching code, so those switches are hard ones on
// carriers), send_exception/send_throw/send_sequence, kill/throw/raise_exception,
// remove/insert, atomic on and off, run() with small timeouts, channel close/open,
// callbacks, gc.collect(), nested calls, generators, CPU loops for the preemption.
// Plain C++ with no dependency on the runtime, so the program for an input can be printed
// without it.
//
// Bounded by construction: no while loops, `for` loops run over range(<= 3) or a CPU loop
// of at most 2,000 iterations, a helper _aK only calls helpers _aJ with J < K, and every
// new tasklet takes a ticket from a per-program budget (_spawn), so the number of
// tasklets and of operations each runs is finite. The epilogue then kills every tasklet
// still alive until none is left: each kill either ends a tasklet or moves it past an
// `except TaskletExit` handler, of which its finite code has finitely many.
#pragma once

#include "tests/fuzz/exec_grammar.h" // Choices

#include <cstddef>
#include <cstdint>
#include <string>

namespace slpy::fuzz::schedule {

inline constexpr int kSlots = 4;    // _T[0..3]: the tasklets operations name
inline constexpr int kChannels = 3; // _C[0..2]
inline constexpr int kHelpers = 4;  // _a0.._a3: module-level functions of operations
inline constexpr int kBodies = 4;   // _f0.._f3: the tasklet functions

inline std::string indent(int n) { return std::string(size_t(n) * 4, ' '); }

class Generator {
public:
    explicit Generator(Choices& in) : m_in(in) { }

    // A program for the whole input.
    std::string program()
    {
        std::string p = kPrologue;
        // Channel preferences and schedule_all come from the input.
        for (int c = 0; c < kChannels; ++c) {
            p += "_C[" + std::to_string(c) + "].preference = " + std::to_string(int(m_in.pick(3)) - 1) + "\n";
            if (m_in.pick(4) == 0)
                p += "_C[" + std::to_string(c) + "].schedule_all = True\n";
        }
        // Helpers: _aK may call _aJ (J < K) only.
        for (int k = 0; k < kHelpers; ++k) {
            m_helper = k;
            p += "def _a" + std::to_string(k) + "(d):\n";
            p += block(1, 1 + int(m_in.pick(4)));
            p += "    return d\n";
        }
        m_helper = kHelpers;
        // A generator whose body switches (and does not iterate _g itself).
        p += "def _g(n):\n    try:\n        for _i in range(n):\n";
        m_in_gen = true;
        p += block(3, 1 + int(m_in.pick(2)));
        m_in_gen = false;
        p += "            yield _i\n    finally:\n        _count('gen_end')\n";
        // Tasklet bodies.
        for (int k = 0; k < kBodies; ++k) {
            p += "def _f" + std::to_string(k) + "(x):\n";
            p += "    _count('start')\n    try:\n";
            p += block(2, 1 + int(m_in.pick(6)));
            p += "    finally:\n        _count('end')\n";
        }
        // The initial pool.
        for (int s = 0; s < kSlots; ++s)
            p += "_T[" + std::to_string(s) + "] = _spawn(" + std::to_string(m_in.pick(kBodies)) + ")\n";
        // Main's statements, each in its own try: an error a tasklet did not catch comes to
        // main, at whatever switch or poll main waits in.
        for (int n = 0; !m_in.exhausted() && n < 48; ++n) {
            p += "try:\n";
            p += statement(1, false);
            p += "except BaseException:\n    pass\n";
        }
        p += epilogue();
        return p;
    }

private:
    Choices& m_in;
    int m_helper = kHelpers; // the helper being written (it may call lower ones only)
    bool m_in_gen = false;   // writing _g's body
    int m_depth = 0;         // nesting of generated blocks

    std::string num(size_t n) { return std::to_string(m_in.pick(n)); }
    std::string slot() { return "_T[" + num(kSlots) + "]"; }
    std::string chan() { return "_C[" + num(kChannels) + "]"; }

    std::string block(int ind, int count)
    {
        std::string s;
        for (int i = 0; i < count; ++i)
            s += statement(ind, true);
        return s;
    }

    // One statement at indentation `ind`, maybe wrapped in a handler. `wrap`: the caller
    // may wrap it (inside functions).
    std::string statement(int ind, bool wrap)
    {
        std::string op = operation();
        std::string in = indent(ind);
        if (!wrap || m_depth >= 3)
            return in + op + "\n";
        ++m_depth;
        std::string s;
        switch (m_in.pick(8)) {
        case 0:
        case 1:
        case 2:
            s = in + op + "\n";
            break;
        case 3:
        case 4:
            // Errors stop here; TaskletExit (not an Exception) goes on.
            s = in + "try:\n" + indent(ind + 1) + op + "\n" + in + "except Exception:\n" + indent(ind + 1) + "_count('caught')\n";
            break;
        case 5:
            // A kill is survived once, maybe after switching again in the handler.
            s = in + "try:\n" + indent(ind + 1) + op + "\n" + in + "except TaskletExit:\n" + indent(ind + 1) + "_count('survived')\n" +
                statement(ind + 1, true);
            if (m_in.pick(2))
                s += indent(ind + 1) + "raise\n";
            break;
        case 6:
            s = in + "try:\n" + indent(ind + 1) + op + "\n" + in + "finally:\n" + statement(ind + 1, true);
            break;
        default:
            s = in + "for _j in range(" + num(4) + "):\n" + statement(ind + 1, true);
            break;
        }
        --m_depth;
        return s;
    }

    std::string helper_call()
    {
        // The helpers a body may call: all from tasklet bodies, main and the generator;
        // lower ones from a helper.
        if (m_helper == 0)
            return "stackless.schedule()";
        return "_a" + num(size_t(m_helper)) + "(0)";
    }

    // One operation (an expression statement or a simple compound statement).
    std::string operation()
    {
        switch (m_in.pick(40)) {
        case 0:
        case 1:
        case 2:
            return "stackless.schedule()";
        case 3:
        case 4:
        case 5:
            return chan() + ".send(" + num(100) + ")";
        case 6:
        case 7:
        case 8:
            return "_got(" + chan() + ".receive())";
        case 9:
            return chan() + ".send_exception(_E, " + num(10) + ")";
        case 10:
            return chan() + ".send_throw(_E, _E(" + num(10) + "), None)";
        case 11:
            return chan() + ".send_sequence(range(" + num(3) + "))";
        case 12:
            // next() on a channel from a native: a hard switch when it blocks.
            return "for _v in zip(range(" + num(3) + "), " + chan() + "): _got(_v[1])";
        case 13:
            return "_got(next(" + chan() + "))";
        case 14:
            return slot() + ".kill()";
        case 15:
            return slot() + ".throw(_E, _E(1), None, pending=" + (m_in.pick(2) ? "True" : "False") + ")";
        case 16:
            return slot() + ".raise_exception(_E, " + num(5) + ")";
        case 17:
            return slot() + ".remove()";
        case 18:
            return slot() + ".insert()";
        case 19:
            return slot() + ".run()";
        case 20:
            return slot() + ".switch()";
        case 21:
            return slot() + " = _spawn(" + num(kBodies) + ")";
        case 22:
            return std::string("stackless.getcurrent().set_atomic(") + (m_in.pick(2) ? "True" : "False") + ")";
        case 23: {
            if (m_depth >= 3)
                return "stackless.schedule()";
            ++m_depth;
            std::string body = operation();
            --m_depth;
            if (body.compare(0, 4, "for ") == 0 || body.compare(0, 5, "with ") == 0)
                body = "stackless.schedule()"; // a compound statement cannot follow on the line
            return "with stackless.atomic(): " + body;
        }
        case 24: {
            static char const* const kRuns[] = {
                "stackless.run()", "stackless.run(5)", "stackless.run(40)", "stackless.run(200)",
                "stackless.run(30, soft=True)", "stackless.run(100, totaltimeout=True)", "stackless.run(20, ignore_nesting=True)",
            };
            return std::string("_ran(") + m_in.pick(kRuns) + ")";
        }
        case 25:
            return "for _i in range(" + std::to_string(100 * (1 + m_in.pick(20))) + "): pass";
        case 26:
            return chan() + (m_in.pick(2) ? ".close()" : ".open()");
        case 27:
            return m_in.pick(4) ? "_count('gc')" : "gc.collect()";
        case 28:
        case 29:
        case 30:
            return helper_call();
        case 31:
            return "list(map(lambda _: " + helper_call() + ", range(" + num(3) + ")))";
        case 32:
            return "sorted(range(" + num(3) + "), key=lambda _: " + helper_call() + ")";
        case 33:
            if (m_helper < kHelpers || m_in_gen)
                return "stackless.schedule()"; // no recursion through _g
            return "for _v in _g(" + num(3) + "): _count('gen')";
        case 34:
            return "raise _E(" + num(10) + ")";
        case 35: {
            static char const* const kCallbacks[] = {
                "stackless.set_schedule_callback(_scb)", "stackless.set_schedule_callback(None)",
                "stackless.set_channel_callback(_ccb)", "stackless.set_channel_callback(None)",
                "stackless.switch_trap(1)", "stackless.switch_trap(-1)",
            };
            return m_in.pick(kCallbacks);
        }
        case 36:
            return "stackless.schedule_remove()";
        case 37:
            return "_look(" + slot() + ", " + chan() + ")";
        case 38:
            return slot() + ".set_ignore_nesting(" + num(2) + ")";
        default:
            return chan() + ".send(" + chan() + ".balance)";
        }
    }

    static constexpr char const* kPrologue =
        "import gc\n"
        "import stackless\n"
        "class _E(Exception):\n"
        "    pass\n"
        "_C = [stackless.channel() for _ in range(3)]\n"
        "_T = [None] * 4\n"
        "_ALL = []\n"
        "_N = {}\n"
        "_budget = [24]\n"
        "def _count(what):\n"
        "    _N[what] = _N.get(what, 0) + 1\n"

        "def _got(v):\n"
        "    _count('got')\n"
        "def _ran(t):\n"
        "    if t is not None:\n"
        "        _count('preempted')\n"
        "        if not t.scheduled and t.alive:\n"
        "            t.insert()\n"
        "def _look(t, c):\n"
        "    _count((t.alive, t.paused, t.blocked, t.scheduled, t.restorable, t.nesting_level >= 0,\n"
        "            c.balance, c.closing, c.closed, len(c.queue or ()) >= 0, stackless.getruncount() > 0))\n"
        "    repr(t)\n"
        "    repr(c)\n"
        "def _scb(prev, next):\n"
        "    _count('switch')\n"
        "    if len(_N) % 7 == 3:\n"
        "        raise _E('callback')\n"
        "def _ccb(chan, t, sending, willblock):\n"
        "    _count('channel')\n"
        "def _spawn(k):\n"
        "    if _budget[0] <= 0:\n"
        "        return _T[k % 4]\n"
        "    _budget[0] -= 1\n"
        "    t = stackless.tasklet((_f0, _f1, _f2, _f3)[k])(k)\n"
        "    _ALL.append(t)\n"
        "    return t\n";

    // Every switching call is in its own try (an error from a tasklet arrives at a switch).
    // Main can be interrupted at any poll (function entry, backward jump) while a tasklet
    // runs a timed stackless.run() (main is then a tasklet like the others), and an error
    // no tasklet caught then arrives there (spec 5.2): so every call and loop of main is
    // inside a try, and the rounds of the epilogue are written out, not looped. Callbacks
    // and the trap are reset in every round: a dying tasklet's handlers may set them again.
    static constexpr char const* kRound =
        "def _round():\n"
        "    stackless.set_schedule_callback(None)\n"
        "    stackless.set_channel_callback(None)\n"
        "    stackless.switch_trap(-stackless.switch_trap(0))\n"
        "    try:\n"
        "        stackless.getcurrent().set_atomic(False)\n"
        "    except BaseException:\n"
        "        pass\n"
        "    for t in [t for t in _ALL if t.alive]:\n"
        "        try:\n"
        "            t.kill()\n"
        "        except BaseException:\n"
        "            pass\n"
        "    try:\n"
        "        stackless.run()\n"
        "    except BaseException:\n"
        "        pass\n";
    static constexpr char const* kEnd =
        "_clean = False\n"
        "try:\n"
        "    _clean = not [t for t in _ALL if t.alive] and stackless.getruncount() == 1 and \\\n"
        "        stackless.switch_trap(0) == 0 and all(c.balance == 0 for c in _C)\n"
        "except BaseException:\n"
        "    pass\n";
    static constexpr int kRounds = 64;

    static std::string epilogue()
    {
        std::string s = kRound;
        for (int i = 0; i < kRounds; ++i)
            s += "try:\n    _round()\nexcept BaseException:\n    pass\n";
        return s + kEnd;
    }
};

inline std::string generate_program(uint8_t const* data, size_t size)
{
    Choices in(data, size);
    return Generator(in).program();
}

} // namespace slpy::fuzz::schedule
