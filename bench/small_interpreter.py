# Benchmark: a tiny language: tokenizer (re), recursive-descent parser, compiler to stack bytecode, and a dispatch-loop VM.
import re

SOURCE = """
fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }
fn is_prime(n) {
    if n < 2 { return 0; }
    let d = 2;
    while d * d <= n { if n % d == 0 { return 0; } d = d + 1; }
    return 1;
}
fn collatz(n) {
    let steps = 0;
    while n != 1 { if n % 2 == 0 { n = n / 2; } else { n = 3 * n + 1; } steps = steps + 1; }
    return steps;
}
fn main() {
    let primes = 0; let i = 0;
    while i < 6000 { primes = primes + is_prime(i); i = i + 1; }
    let longest = 0; let j = 1;
    while j < 3000 { let s = collatz(j); if s > longest { longest = s; } j = j + 1; }
    return primes * 1000000 + longest * 1000 + fib(17) % 1000;
}
"""

TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_]\w*)|(==|!=|<=|>=|[-+*/%<>=(){};,]))")
PRECEDENCE = {"==": 1, "!=": 1, "<": 2, "<=": 2, ">": 2, ">=": 2, "+": 3, "-": 3, "*": 4, "/": 4, "%": 4}


def tokenize(text):
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise SyntaxError("bad character at %d" % pos)
        number, name, op = m.groups()
        tokens.append(("num", int(number)) if number else ("name", name) if name else ("op", op))
        pos = m.end()
    tokens.append(("eof", None))
    return tokens


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos]

    def take(self, value=None):
        tok = self.tokens[self.pos]
        if value is not None and tok[1] != value:
            raise SyntaxError("expected %r, got %r" % (value, tok[1]))
        self.pos += 1
        return tok

    def program(self):
        funcs = {}
        while self.peek()[0] != "eof":
            self.take("fn")
            name = self.take()[1]
            self.take("(")
            params = []
            while self.peek()[1] != ")":
                params.append(self.take()[1])
                if self.peek()[1] == ",":
                    self.take(",")
            self.take(")")
            funcs[name] = (params, self.block())
        return funcs

    def block(self):
        self.take("{")
        stmts = []
        while self.peek()[1] != "}":
            stmts.append(self.statement())
        self.take("}")
        return stmts

    def statement(self):
        kind, value = self.peek()
        if value == "let":
            self.take()
            name = self.take()[1]
            self.take("=")
            expr = self.expression(0)
            self.take(";")
            return ("set", name, expr)
        if value == "if":
            self.take()
            cond = self.expression(0)
            body = self.block()
            other = []
            if self.peek()[1] == "else":
                self.take()
                other = self.block()
            return ("if", cond, body, other)
        if value == "while":
            self.take()
            return ("while", self.expression(0), self.block())
        if value == "return":
            self.take()
            expr = self.expression(0)
            self.take(";")
            return ("return", expr)
        if kind == "name" and self.tokens[self.pos + 1][1] == "=":
            self.take()
            self.take("=")
            expr = self.expression(0)
            self.take(";")
            return ("set", value, expr)
        expr = self.expression(0)
        self.take(";")
        return ("expr", expr)

    def expression(self, min_prec):
        left = self.atom()
        while True:
            op = self.peek()[1]
            prec = PRECEDENCE.get(op) if self.peek()[0] == "op" else None
            if prec is None or prec <= min_prec:
                return left
            self.take()
            left = ("bin", op, left, self.expression(prec))

    def atom(self):
        kind, value = self.take()
        if kind == "num":
            return ("num", value)
        if value == "(":
            expr = self.expression(0)
            self.take(")")
            return expr
        if kind == "name":
            if self.peek()[1] == "(":
                self.take("(")
                args = []
                while self.peek()[1] != ")":
                    args.append(self.expression(0))
                    if self.peek()[1] == ",":
                        self.take(",")
                self.take(")")
                return ("call", value, args)
            return ("var", value)
        raise SyntaxError("unexpected %r" % (value,))


class Compiler:
    def __init__(self, params):
        self.code = []
        self.slots = {p: i for i, p in enumerate(params)}

    def slot(self, name):
        return self.slots.setdefault(name, len(self.slots))

    def emit(self, op, arg=None):
        self.code.append((op, arg))
        return len(self.code) - 1

    def statements(self, stmts):
        for s in stmts:
            getattr(self, "stmt_" + s[0])(*s[1:])

    def stmt_set(self, name, expr):
        self.expr(expr)
        self.emit("store", self.slot(name))

    def stmt_if(self, cond, body, other):
        self.expr(cond)
        jump_false = self.emit("jump_if_false", None)
        self.statements(body)
        jump_end = self.emit("jump", None)
        self.code[jump_false] = ("jump_if_false", len(self.code))
        self.statements(other)
        self.code[jump_end] = ("jump", len(self.code))

    def stmt_while(self, cond, body):
        top = len(self.code)
        self.expr(cond)
        exit_jump = self.emit("jump_if_false", None)
        self.statements(body)
        self.emit("jump", top)
        self.code[exit_jump] = ("jump_if_false", len(self.code))

    def stmt_return(self, expr):
        self.expr(expr)
        self.emit("return")

    def stmt_expr(self, expr):
        self.expr(expr)
        self.emit("pop")

    def expr(self, e):
        kind = e[0]
        if kind == "num":
            self.emit("const", e[1])
        elif kind == "var":
            self.emit("load", self.slots[e[1]])
        elif kind == "bin":
            self.expr(e[2])
            self.expr(e[3])
            self.emit(e[1])
        else:
            for a in e[2]:
                self.expr(a)
            self.emit("call", (e[1], len(e[2])))


def compile_program(funcs):
    compiled = {}
    for name, (params, body) in funcs.items():
        c = Compiler(params)
        c.statements(body)
        c.emit("const", 0)
        c.emit("return")
        compiled[name] = (c.code, len(c.slots))
    return compiled


BINARY = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a // b, "%": lambda a, b: a % b,
    "<": lambda a, b: int(a < b), "<=": lambda a, b: int(a <= b), ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b), "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
}


def execute(program, name, args):
    code, nslots = program[name]
    slots = list(args) + [0] * (nslots - len(args))
    stack = []
    pc = 0
    while True:
        op, arg = code[pc]
        pc += 1
        if op == "const":
            stack.append(arg)
        elif op == "load":
            stack.append(slots[arg])
        elif op == "store":
            slots[arg] = stack.pop()
        elif op == "jump_if_false":
            if not stack.pop():
                pc = arg
        elif op == "jump":
            pc = arg
        elif op == "return":
            return stack.pop()
        elif op == "call":
            callee, argc = arg
            call_args = stack[len(stack) - argc:]
            del stack[len(stack) - argc:]
            stack.append(execute(program, callee, call_args))
        elif op == "pop":
            stack.pop()
        else:
            b = stack.pop()
            stack.append(BINARY[op](stack.pop(), b))


def expected_main():
    """main() of SOURCE written directly in Python, to check the VM against."""
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)

    def is_prime(n):
        return n >= 2 and all(n % d for d in range(2, int(n ** 0.5) + 1))

    def collatz(n):
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        return steps

    primes = sum(1 for i in range(6000) if is_prime(i))
    return primes * 1000000 + max(collatz(j) for j in range(1, 3000)) * 1000 + fib(17) % 1000


def main():
    funcs = Parser(tokenize(SOURCE)).program()
    program = compile_program(funcs)
    result = execute(program, "main", [])
    assert result == expected_main(), result
    size = sum(len(code) for code, _ in program.values())
    print("small_interpreter: %d instructions, main() = %d" % (size, result))


main()
