# integer literals: decimal, hex, octal, binary, underscores, negative, zero
print(0, 7, -7, 1_000_000)
print(0x1F, 0XfF, 0o17, 0O777, 0b1010, 0B11)
print(0x_dead_beef, 0b_1111_0000)
print(123456789012345678901234567890)
print(-0, +5, - -5)
