# uncaught NameError for a misspelled builtin: traceback ends with "Did you mean: 'print'?"
message = "hello"
prnt(message)
