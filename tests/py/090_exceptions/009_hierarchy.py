# the builtin exception hierarchy checked with issubclass and __mro__
pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (KeyError, LookupError),
         (IndexError, LookupError), (UnboundLocalError, NameError), (RecursionError, RuntimeError),
         (NotImplementedError, RuntimeError), (ModuleNotFoundError, ImportError), (FileNotFoundError, OSError),
         (UnicodeDecodeError, UnicodeError), (UnicodeError, ValueError), (StopIteration, Exception),
         (KeyboardInterrupt, Exception), (SystemExit, BaseException), (GeneratorExit, Exception),
         (AssertionError, Exception), (AttributeError, Exception), (bool, int), (IOError, OSError),
         (EnvironmentError, OSError), (TimeoutError, OSError), (IndentationError, SyntaxError), (TabError, IndentationError),
         (StopAsyncIteration, Exception), (EOFError, Exception), (MemoryError, Exception), (BufferError, Exception),
         (DeprecationWarning, Warning), (UserWarning, Exception), (ExceptionGroup, Exception), (BaseExceptionGroup, BaseException)]
for a, b in pairs:
    print(a.__name__, b.__name__, issubclass(a, b))
print([c.__name__ for c in UnicodeDecodeError.__mro__])
print([c.__name__ for c in FileNotFoundError.__mro__], IOError is OSError)
print(issubclass(KeyError, (TypeError, LookupError)), isinstance(KeyError(), (ValueError, TypeError)))
