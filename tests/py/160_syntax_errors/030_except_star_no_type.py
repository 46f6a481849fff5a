# syntax error: except* needs an exception type
try:
    print(1)
except*:
    pass
