// The grammar of fuzz_exec (see fuzz_exec.cpp): input bytes -> a short, bounded Python
// program of container operations with hostile special methods. Plain C++ with no
// dependency on the runtime, so the program for an input can be printed without it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace slpy::fuzz {

// Reads choices from the input; an exhausted input reads as zeros, so every input
// (including the empty one) is a valid, finite program.
class Choices {
public:
    Choices(uint8_t const* data, size_t size) : m_data(data), m_size(size) { }
    uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    size_t pick(size_t n) { return n ? byte() % n : 0; }
    template<size_t N>
    char const* pick(char const* const (&options)[N]) { return options[pick(N)]; }
    bool exhausted() const { return m_pos >= m_size; }

private:
    uint8_t const* m_data;
    size_t m_size;
    size_t m_pos = 0;
};

inline constexpr int kClasses = 3; // H0, H1, H2

// The containers, all module globals, so that a special method can reach them.
inline constexpr char const* kGlobals = "L, T, D, S, F, B, M, Str, It";

inline char const* const kSmallInts[] = { "0", "1", "2", "3", "5", "(-1)", "(-2)", "7" };
// No "allocatable but huge" sizes such as 2**31: running out of memory has its own tests
// (tests/hostile/huge) and would drown everything else here.
// Parenthesized: they also appear as subscript targets and operands.
inline char const* const kExtremeInts[] = { "(-1)", "(-2)", "(2**63 - 1)", "(2**63)", "(-2**63)", "(-2**63 - 1)", "(2**64)", "(10**30)", "(-10**30)" };
inline char const* const kWrongTypes[] = { "None", "'x'", "1.5", "[]", "(1,)", "b'b'", "self", "NotImplemented", "float('nan')", "True" };

// A statement that empties, grows, rebinds or re-enters container `c` (each guarded by
// the budget and its own try, so a failed mutation does not end the special method).
inline std::string mutation(Choices& in)
{
    static char const* const kMutations[] = {
        "L.clear()", "L.append(H0(1))", "L.extend([1, 2, 3])", "del L[:2]", "L[:] = []", "L.sort()", "L.insert(0, H1(2))",
        "L.reverse()", "L = None", "T = ()",
        "D.clear()", "D[len(D) + 100] = 1", "D.pop(next(iter(D)))", "D.update({9: 9, 10: 10})", "D = {}",
        "S.clear()", "S.add(len(S) + 100)", "S.pop()", "S = None", "F = frozenset()",
        "B.clear()", "B.extend(b'xyz' * 8)", "del B[:3]", "B.insert(0, 1)", "B = bytearray()",
        "M.release()", "M = memoryview(b'')", "Str = ''", "It = iter(())", "next(It)",
        "self.__class__ = H0", "self.__class__ = H1", "self.__class__ = H2", "self.v = -self.v",
    };
    return std::string("if _go():\n            try:\n                ") + in.pick(kMutations) +
           "\n            except BaseException:\n                pass\n";
}

struct Dunder {
    char const* head;     // def line, without the body
    char const* sane;     // a plausible result
    bool wants_int;       // extremes make sense for it
    char const* prologue = nullptr; // runs first, whatever the behaviour
};

inline Dunder const kDunders[] = {
    { "def __eq__(self, o):", "self.v == getattr(o, 'v', o)", false },
    { "def __lt__(self, o):", "self.v < getattr(o, 'v', 0)", false },
    { "def __hash__(self):", "self.v", true },
    { "def __index__(self):", "self.v", true },
    { "def __len__(self):", "self.v % 8", true },
    { "def __iter__(self):", "iter([self.v, H0(self.v + 1), 3])", false },
    { "def __bool__(self):", "self.v > 0", false },
    { "def __repr__(self):", "'H%d' % self.v", false },
    // Ends iteration by the old __getitem__ protocol (a class may define no __iter__),
    // so that list(h) cannot run forever whatever the rest of the method does.
    { "def __getitem__(self, i):", "i if type(i) is int and -4 < i else self.v", false, "if type(i) is int and i > 3:\n            raise IndexError(i)\n" },
    { "def __gt__(self, o):", "self.v > getattr(o, 'v', 0)", false },
};

// One hostile class: each special method gets a behaviour.
inline std::string hostile_class(Choices& in, int index)
{
    std::string s = "class H" + std::to_string(index) + ":\n    def __init__(self, v):\n        self.v = v\n";
    for (Dunder const& d : kDunders) {
        size_t behaviour = in.pick(10);
        if (behaviour == 9)
            continue; // not defined at all: the default applies
        s += std::string("    ") + d.head + "\n        global " + kGlobals + "\n";
        if (d.prologue)
            s += std::string("        ") + d.prologue;
        switch (behaviour) {
        case 0:
        case 1:
            break; // sane
        case 2:
        case 3:
            s += "        " + mutation(in);
            break;
        case 4:
            s += "        " + mutation(in) + "        " + mutation(in);
            break;
        case 5:
            s += "        if _go():\n            raise _Bad()\n";
            break;
        case 6:
            s += std::string("        return ") + in.pick(kWrongTypes) + "\n";
            continue;
        case 7:
            s += std::string("        return ") + (d.wants_int ? in.pick(kExtremeInts) : in.pick(kWrongTypes)) + "\n";
            continue;
        case 8:
            // Re-enter a container operation from inside the special method.
            s += "        if _go():\n            try:\n                " +
                 std::string(in.pick({ "L.index(self)", "self in D", "sorted(L)", "S.discard(self)", "list(It)", "repr(L)", "T.count(self)",
                                        "B.find(b'x')", "M.tolist()", "len(L) + len(D)" })) +
                 "\n            except BaseException:\n                pass\n";
            break;
        }
        s += std::string("        return ") + d.sane + "\n";
    }
    return s;
}

// Expressions. Each reads its choices in order, so a program depends on the input alone.
inline std::string hostile(Choices& in)
{
    return "H" + std::to_string(in.pick(kClasses)) + "(" + in.pick(kSmallInts) + ")";
}

inline std::string index_expr(Choices& in)
{
    switch (in.pick(6)) {
    case 0:
    case 1:
        return in.pick(kSmallInts);
    case 2:
        return in.pick(kExtremeInts);
    case 3:
        return "None";
    default:
        return hostile(in);
    }
}

inline std::string value(Choices& in, int depth = 0);

inline std::string iterable(Choices& in, int depth = 0)
{
    static char const* const kNames[] = { "L", "T", "D", "S", "F", "B", "M", "Str", "It", "D.items()", "D.values()", "range(5)" };
    switch (in.pick(7)) {
    case 0:
    case 1:
        return in.pick(kNames);
    case 2:
        return hostile(in);
    case 3:
        if (depth < 2)
            return "[" + value(in, depth + 1) + ", " + value(in, depth + 1) + ", " + value(in, depth + 1) + "]";
        return "[]";
    case 4:
        return std::string("(x for x in ") + in.pick(kNames) + ")";
    case 5:
        return std::string("iter(") + in.pick(kNames) + ")";
    default:
        return "[" + hostile(in) + ", " + hostile(in) + "]";
    }
}

inline std::string value(Choices& in, int depth)
{
    static char const* const kNames[] = { "L", "T", "D", "S", "F", "B", "M", "Str", "It" };
    static char const* const kOthers[] = { "None", "'s'", "b'b'", "1.5", "()", "[]", "{}" };
    switch (in.pick(8)) {
    case 0:
        return in.pick(kSmallInts);
    case 1:
    case 2:
    case 3:
        return hostile(in);
    case 4:
        return in.pick(kNames);
    case 5:
        return in.pick(kOthers);
    case 6:
        return in.pick(kExtremeInts);
    default:
        if (depth < 2)
            return "(" + value(in, depth + 1) + ", " + value(in, depth + 1) + ")";
        return "()";
    }
}

inline std::string key(Choices& in)
{
    switch (in.pick(4)) {
    case 0:
        return in.pick(kSmallInts);
    case 1:
        return "(" + hostile(in) + ", " + in.pick(kSmallInts) + ")";
    default:
        return hostile(in);
    }
}

inline std::string bytes_like(Choices& in)
{
    static char const* const kBytes[] = { "b'ab'", "b''", "B", "M", "bytearray(b'xy')", "memoryview(B)", "b'x' * 40", "Str" };
    if (in.pick(4) == 0)
        return "B[" + index_expr(in) + ":" + index_expr(in) + "]";
    return in.pick(kBytes);
}

inline std::string function(Choices& in)
{
    static char const* const kFunctions[] = { "len", "repr", "hash", "bool", "H1", "lambda x: L.clear()", "lambda x: D.setdefault(x, x)",
                                              "lambda x: -x", "lambda x: S.add(x)", "lambda x: B.clear()", "lambda x: x",
                                              "lambda x: L.append(x) if _go() else x" };
    return in.pick(kFunctions);
}

inline std::string mapping(Choices& in)
{
    switch (in.pick(4)) {
    case 0:
        return "D";
    case 1:
        return "{" + key(in) + ": " + value(in) + ", " + key(in) + ": " + value(in) + "}";
    case 2:
        return hostile(in);
    default:
        return "dict.fromkeys(" + iterable(in) + ")";
    }
}

// Statement templates: $v value, $i index, $t iterable, $k hashable key, $h hostile
// instance, $b bytes-like, $f function, $m mapping. Statements that can grow a container
// from itself are bounded: L += L doubles (guarded by the size), and L.extend(iter(L))
// would never end, so extend reads through _lim (a generator passing on at most 16 items
// of the lazy iterable, still pulled while the extend runs).
inline char const* const kStatements[] = {
    // list
    "L.index($v)", "L.index($v, $i, $i)", "L.count($v)", "L.remove($v)", "$v in L", "L.sort()", "L.sort(key=$f)",
    "L.sort(reverse=$v)", "L.insert($i, $v)", "L.pop($i)", "L[$i]", "L[$i] = $v", "del L[$i]", "L[$i:$i]",
    "if len(L) < 500: L[$i:$i] = $t", "del L[$i:$i]", "L[$i:$i:$i]", "L[$i:$i:$i] = $t", "del L[$i:$i:$i]",
    "if len(L) < 500: L.extend(_lim($t))", "if len(L) < 500: L += _lim($t)", "L * $i", "if len(L) < 500: L *= $i", "L == $v", "L < $v", "L.reverse()", "L.copy()", "repr(L)", "L.append($v)", "L.clear()",
    "L = [$v, $v, $v, $v]", "L = list($t)", "L = [$h, $h, $h, $h, $h]",
    // tuple
    "T.index($v)", "T.count($v)", "$v in T", "T[$i]", "T[$i:$i:$i]", "T == $v", "T < $v", "hash(T)", "T = tuple($t)",
    "T = ($v, $v, $v)", "T * $i", "repr(T)",
    // dict
    "D[$k]", "D[$k] = $v", "del D[$k]", "D.get($k)", "D.pop($k, None)", "D.setdefault($k, $v)", "$k in D", "D.update($t)",
    "D.update($m)", "dict($t)", "D == $v", "D.keys() & $t", "D.items() - $t", "D.keys() ^ $t", "list(D)", "list(D.items())",
    "D.popitem()", "D.copy()", "{**D}", "D | $m", "D |= $m", "dict.fromkeys($t)", "repr(D)", "D = {$k: $v, $k: $v, $k: $v}",
    "D.clear()", "D = dict.fromkeys([$h, $h, $h, $h])",
    // set, frozenset
    "S.add($k)", "S.remove($k)", "S.discard($k)", "$k in S", "S.union($t)", "S.intersection($t)", "S.difference($t)",
    "S.symmetric_difference($t)", "S.update($t)", "S.intersection_update($t)", "S.difference_update($t)",
    "S.symmetric_difference_update($t)", "S.issubset($t)", "S.issuperset($t)", "S <= F", "S == F", "S & F", "S ^ F",
    "S.isdisjoint($t)", "S = set($t)", "S = {$k, $k, $k, $k}", "F = frozenset($t)", "S.pop()", "repr(S)", "hash(F)",
    "S |= F", "S -= set($t)",
    // bytearray
    "B[$i]", "B[$i] = $i", "if len(B) < 5000: B[$i:$i] = $b", "del B[$i:$i]", "B.insert($i, $i)", "B.append($i)",
    "B.pop($i)", "if len(B) < 5000: B.extend(_lim($t))", "B.find($b, $i, $i)", "B.count($i)", "B.index($i, $i)",
    "if len(B) < 5000: B += $b", "B * $i", "bytearray($t)", "bytes($t)",
    "B.join([$b, $b])", "B.replace($b, $b)", "B.ljust($i)", "B[$i:$i:$i] = $b", "B = bytearray($b)", "B.clear()",
    "B.remove($i)", "B.startswith($b, $i)", "B.rfind($i)", "bytearray($i)", "B.center($i, $b)", "B.split($b, $i)",
    // memoryview
    "M[$i]", "M[$i] = $i", "M[$i:$i]", "M[$i:$i] = $b", "M.tolist()", "bytes(M)", "M.release()", "M == $v", "len(M)",
    "M = memoryview(B)", "M = memoryview($b)", "M[$i:$i:$i].tobytes()", "M.hex()", "list(M)", "M[$i:$i][$i]",
    "if len(B) < 5000: B.extend(M)",
    // str
    "Str.join($t)", "Str.find($v, $i, $i)", "Str[$i:$i:$i]", "Str * $i", "Str.center($i)", "'{}'.format($v)",
    "'%s %r' % ($v, $v)", "str($v)", "repr($v)", "f\"{$v}\"", "Str.split($v, $i)", "Str.count($v, $i, $i)",
    "if len(Str) < 5000: Str = ''.join(map(repr, $t))", "Str.replace('s', $v, $i)",
    // iterators
    "It = iter(L)", "It = iter(D)", "It = iter(D.items())", "It = iter(S)", "It = reversed(L)", "It = iter(B)", "It = iter($t)",
    "It = enumerate($t)", "It = zip($t, $t)", "It = map($f, $t)", "It = filter($f, $t)", "next(It)", "list(It)",
    "It = reversed(D)", "It = iter(M)",
    // builtins and operators
    "len($v)", "hash($v)", "bool($v)", "list($t)", "tuple($t)", "sorted($t)", "sorted($t, key=$f)", "min($t)", "max($t)",
    "any($t)", "all($t)", "sum($t)", "list(zip($t, $t))", "list(enumerate($t))", "list(map($f, $t))",
    "list(filter($f, $t))", "list(reversed($v))", "range($i)[$i]", "isinstance($v, (list, H1))", "divmod($v, $v)",
    "[*$t]", "{*$t}", "{**$m}", "$v == $v", "$v < $v", "$v + $v", "$v * $v", "[$v] * $i", "iter($t)", "$v[$i]",
    "($v)[$i] = $v", "del ($v)[$i]", "$v in $v", "max($v, $v, key=$f)", "frozenset($t) == set($t)", "dict(zip($t, $t))",
    // the hostile instances themselves
    "$h.__class__ = H0", "$h.__class__ = H2", "[$h] == [$h]", "($h, $h) < ($h, $h)", "{$h: 1} == {$h: 1}",
    "{$h, $h} == {$h}",
};

inline std::string expand(Choices& in, std::string_view tmpl)
{
    std::string out;
    for (size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] != '$' || i + 1 == tmpl.size()) {
            out += tmpl[i];
            continue;
        }
        switch (tmpl[++i]) {
        case 'v': out += value(in); break;
        case 'i': out += index_expr(in); break;
        case 't': out += iterable(in); break;
        case 'k': out += key(in); break;
        case 'h': out += hostile(in); break;
        case 'b': out += bytes_like(in); break;
        case 'f': out += function(in); break;
        case 'm': out += mapping(in); break;
        default: out += '$'; out += tmpl[i]; break;
        }
    }
    return out;
}

inline std::string statement(Choices& in, std::string const& indent)
{
    std::string body = expand(in, kStatements[in.pick(std::size(kStatements))]);
    return indent + "try:\n" + indent + "    " + body + "\n" + indent + "except BaseException:\n" + indent + "    pass\n";
}

// The whole program for an input.
inline std::string generate_program(uint8_t const* data, size_t size)
{
    Choices in(data, size);
    std::string s = "# generated by tests/fuzz/fuzz_exec.cpp\n";
    s += "_budget = [" + std::to_string(20 + in.pick(200)) + "]\n";
    s += "def _go():\n    _budget[0] -= 1\n    return _budget[0] > 0\n";
    s += "def _lim(it):\n    n = 0\n    for x in it:\n        yield x\n        n += 1\n        if n > 16:\n            break\n";
    s += "class _Bad(Exception):\n    pass\n";
    s += "L = []\nT = ()\nD = {}\nS = set()\nF = frozenset()\nB = bytearray(b'abcdef')\nM = memoryview(bytearray(b'xyz'))\n"
         "Str = 'abc'\nIt = iter(())\n";
    for (int c = 0; c < kClasses; ++c)
        s += hostile_class(in, c);
    // Start from populated containers; each may fail on its own (a raising __hash__).
    for (char const* init : { "L = [$h, $v, $h, $h, $v, $h]", "T = ($h, $h, $v, $h)", "D = {$k: $v, $k: $v, $k: $v, $k: $v}",
                              "S = {$k, $k, $k, $k}", "F = frozenset([$k, $k, $k])", "It = iter(L)" }) {
        std::string body = expand(in, init);
        s += "try:\n    " + body + "\nexcept BaseException:\n    pass\n";
    }
    size_t count = 1 + in.pick(48);
    for (size_t n = 0; n < count && !in.exhausted(); ++n) {
        if (in.pick(8) == 0) {
            // A short bounded loop, to repeat an interaction (budget permitting).
            s += "for _i in range(" + std::to_string(2 + in.pick(3)) + "):\n";
            size_t inner = 1 + in.pick(3);
            for (size_t k = 0; k < inner; ++k)
                s += statement(in, "    ");
        } else {
            s += statement(in, "");
        }
    }
    return s;
}

} // namespace slpy::fuzz
