# uncaught custom exception (defined in __main__, so unqualified) with multiple args and a note
class AppError(Exception):
    pass

def run():
    e = AppError("code", 42)
    e.add_note("hint: check the configuration")
    raise e

run()
