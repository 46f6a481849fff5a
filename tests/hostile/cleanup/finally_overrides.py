# cleanup: finally blocks that return/break/continue/raise over a pending exception or return
def f1():
    try:
        raise ValueError
    finally:
        return 1
def f2():
    for i in range(3):
        try:
            raise KeyError
        finally:
            break
    return 2
def f3():
    for i in range(3):
        try:
            return i
        finally:
            continue
    return 3
def f4():
    try:
        return 1
    finally:
        raise IndexError
def f5():
    try:
        try:
            raise ValueError
        finally:
            raise KeyError
    except KeyError as e:
        return type(e.__context__).__name__
print(f1(), f2(), f3(), f5())
try:
    f4()
except IndexError:
    pass
