# assignment, augmented assignment, multiple targets and swapping
a = 1
b = a + 1
a, b = b, a
print(a, b)
x = y = z = 10
print(x, y, z)
x += 5; y -= 3; z *= 2
print(x, y, z)
n = 17
n //= 3; print(n)
n **= 3; print(n)
n %= 7; print(n)
n <<= 4; print(n)
n >>= 1; print(n)
n |= 1; print(n)
n &= 0xF; print(n)
n ^= 0xFF; print(n)
s = "ab"
s *= 3
print(s)
(p, q), r = (1, 2), 3
print(p, q, r)
[u, v] = "xy"
print(u, v)
