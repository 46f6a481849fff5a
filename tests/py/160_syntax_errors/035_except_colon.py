# syntax error: an except clause without its colon
try:
    pass
except ValueError
    pass
