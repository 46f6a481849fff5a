# implicit exception chaining through nested handlers and finally blocks
try:
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise TypeError("second")
        except TypeError:
            raise KeyError("third")
except KeyError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append(repr(cur))
        cur = cur.__context__
    print(chain)
try:
    try:
        raise ValueError("in try")
    finally:
        raise RuntimeError("in finally")
except RuntimeError as e:
    print(repr(e), repr(e.__context__))
e1 = ValueError("loop")
try:
    try:
        raise e1
    except ValueError as e:
        raise e
except ValueError as e:
    print(e is e1, e.__context__)
