# multiple except clauses, tuples of types, bare except, handler order matters
def classify(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup:" + type(e).__name__
    except ArithmeticError as e:
        return "arith:" + type(e).__name__
    except Exception as e:
        return "other:" + type(e).__name__
for exc in [KeyError(), IndexError(), ZeroDivisionError(), OverflowError(), ValueError(), TypeError("x")]:
    print(classify(exc))
try:
    raise SystemExit(3)
except:
    print("bare except caught SystemExit")
try:
    raise StopIteration
except Exception as e:
    print("StopIteration is Exception:", type(e).__name__)
