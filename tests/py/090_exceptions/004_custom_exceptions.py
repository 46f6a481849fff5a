# user-defined exception classes with extra state, __str__, hierarchy
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name, code=404):
        super().__init__(name, code)
        self.name = name
        self.code = code
    def __str__(self):
        return f"{self.name} not found ({self.code})"
class Fancy(AppError):
    def __repr__(self):
        return "Fancy!"
try:
    raise NotFound("page")
except AppError as e:
    print(type(e).__name__, e, e.args, e.code, repr(e))
try:
    raise Fancy("x", 1)
except Exception as e:
    print(str(e), repr(e), e.args)
print(issubclass(NotFound, AppError), issubclass(NotFound, Exception), isinstance(NotFound("a"), BaseException))
print([c.__name__ for c in NotFound.__mro__])
