# uncaught ZeroDivisionError at module level: traceback with binary-op markers, exit status 1
print("before")
x = 10
y = 0
print(x / y)
print("not reached")
