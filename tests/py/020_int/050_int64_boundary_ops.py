# int arithmetic around the 48-bit inline range and the 64-bit boundary: floor division, modulo, shifts, +, -, *, &, |, ^
vals = [2**47, -2**47, 2**47 - 1, -2**47 - 1, 2**62 + 3, -(2**62) - 5, 2**63 - 1, -(2**63), 2**64 + 1, 12, -12, 7, -7, 1, -1]
for x in vals:
    row = []
    for y in vals:
        row.append((x // y, x % y, x + y, x - y, x * y, x & y, x | y, x ^ y))
    shifts = [x >> s for s in (0, 1, 8, 47, 63, 64, 100)]
    print(x, hash(tuple(row)) % 1000003, sum(v for t in row for v in t) % 1000003, shifts)
try:
    (2**62) // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    (2**62) % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    (2**62) >> -1
except ValueError as e:
    print("ValueError", e)
print(-(2**63) // -1, -(2**63) % -1, divmod(-(2**63), -1))
