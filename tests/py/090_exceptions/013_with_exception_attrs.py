# __traceback__ presence, with_traceback, add_note (3.11), __notes__
try:
    raise ValueError("x")
except ValueError as e:
    print(e.__traceback__ is not None, type(e.__traceback__).__name__)
    e2 = e.with_traceback(None)
    print(e2 is e, e.__traceback__)
e = TypeError("base")
e.add_note("note one")
e.add_note("note two")
print(e.__notes__, str(e))
try:
    e.add_note(5)
except TypeError as err:
    print(type(err).__name__, err)
