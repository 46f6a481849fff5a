# a `global x` in an intermediate function hides the enclosing function's x from nested scopes (CPython's symtable rules)
x = "global x"


def f():
    x = "f's x"

    def g():
        global x

        def i():
            return x
        return i
    return g()(), x


print(f())


def f2():
    x = "f2's x"

    def g():
        global x
        x = "set by g"

        def h():
            def i():
                return x
            return i()
        return h()
    return g(), x


print(f2(), x)


# a class-level global does not hide the enclosing binding from methods
def f3():
    x = "f3's x"

    class C:
        global x

        def m(self):
            return x
    return C().m()


print(f3())


# a nested function that rebinds x makes it local again; nonlocal past a global is an error
def f4():
    x = "f4's x"

    def g():
        global x

        def h():
            x = "h's x"

            def i():
                return x
            return i()
        return h()
    return g()


print(f4())

for src in ["def f():\n x = 1\n def g():\n  global x\n  def h():\n   nonlocal x\n   x = 2\n", "def f():\n global x\n nonlocal x\n"]:
    try:
        compile(src, "s", "exec")
    except SyntaxError as e:
        print(e.msg, e.lineno)


# comprehensions and lambdas below the global see the module's x
def f5():
    x = "f5's x"

    def g():
        global x
        return [x for _ in range(1)], (lambda: x)(), (lambda: [x for _ in "a"])()
    return g()


print(f5())
print([c.co_freevars for c in f.__code__.co_consts if hasattr(c, "co_freevars")], f.__code__.co_cellvars)
