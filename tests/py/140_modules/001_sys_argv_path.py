# sys.argv, sys.path is a list of str, sys.modules contains sys and __main__, version_info, maxsize
import sys
print(sys.argv, len(sys.argv), type(sys.argv).__name__)
print(type(sys.path).__name__, all(isinstance(p, str) for p in sys.path))
print("sys" in sys.modules, "__main__" in sys.modules, sys.modules["sys"] is sys, type(sys.modules).__name__)
print(sys.version_info[:2] == (3, 11), sys.version_info.major, sys.version_info >= (3, 0), tuple(sys.version_info[:2]))
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, type(sys.maxsize).__name__)
print(isinstance(sys.version, str), sys.byteorder in ("little", "big"), isinstance(sys.platform, str))
print(type(sys).__name__, sys.__name__, sys.modules["__main__"].__name__)
