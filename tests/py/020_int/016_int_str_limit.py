# CPython 3.11's int/str conversion digit limit (4300) and sys.set_int_max_str_digits
import sys
print(sys.get_int_max_str_digits())
try:
    int("1" * 5000)
except ValueError as e:
    print(type(e).__name__, e)
try:
    str(10 ** 5000)
except ValueError as e:
    print(type(e).__name__, e)
print(len(str(10 ** 4299)))
print(hex(10 ** 5000)[:10])
sys.set_int_max_str_digits(6000)
print(sys.get_int_max_str_digits(), len(str(10 ** 5000)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 20000)))
