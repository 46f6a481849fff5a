# int(str) and str(int) of ~10,000-digit numbers round-trip (limit lifted via sys)
import sys
sys.set_int_max_str_digits(0)
s = "".join(str((i * 7 + 3) % 10) for i in range(10000))
s = "9" + s[1:]
n = int(s)
print(len(str(n)))
print(str(n) == s)
print(str(n)[:20], str(n)[-20:])
print(n % 97, n % (10 ** 9 + 7))
m = -n
print(str(m)[:5], len(str(m)))
print(int("-" + s) == m)
print(int(" +123 "), int("-0"), int("1_000"), int("\t42\n"))
