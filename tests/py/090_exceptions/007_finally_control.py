# finally overriding return, break/continue in finally, return in try with finally side effects
def f1():
    try:
        return "try"
    finally:
        print("finally runs before return")
def f2():
    try:
        return "try"
    finally:
        return "finally"
def f3():
    try:
        raise ValueError
    finally:
        return "swallowed"
def f4():
    out = []
    for i in range(5):
        try:
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
def f5():
    x = 1
    try:
        return x
    finally:
        x = 2
def f6():
    out = []
    for i in range(3):
        try:
            continue
        finally:
            out.append(i)
    return out
print(f1(), f2(), f3(), f4(), f5(), f6())
def f7():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            if i < 2:
                continue
    return "unreachable?"
try:
    print(f7())
except ValueError as e:
    print("escaped", e)
