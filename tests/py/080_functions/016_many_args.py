# functions with many parameters and a call with 255+ arguments
def f(*a):
    return len(a), sum(a)
print(f(*range(300)))
def g(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19):
    return a0 + a19 * 100
print(g(*range(20)), g(**{"a%d" % i: i for i in range(20)}))
args = ", ".join(str(i) for i in range(300))
print(eval("f(" + args + ")"))
