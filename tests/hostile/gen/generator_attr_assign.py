# gen: assigning and deleting generator attributes and frame fields
def g():
    yield 1
gen = g()
for attr, val in (("__name__", 1), ("__name__", "x"), ("__qualname__", None), ("gi_running", True), ("gi_frame", None),
                  ("gi_code", None), ("gi_yieldfrom", 1)):
    try:
        setattr(gen, attr, val)
    except (TypeError, AttributeError):
        pass
    try:
        delattr(gen, attr)
    except (TypeError, AttributeError):
        pass
print(next(gen))
