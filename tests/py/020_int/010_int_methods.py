# int methods: bit_length, bit_count, to_bytes/from_bytes, conjugate, as_integer_ratio
print((0).bit_length(), (1).bit_length(), (255).bit_length(), (-256).bit_length(), (2 ** 100).bit_length())
print((255).bit_count(), (-7).bit_count())
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True))
print(int.from_bytes(b"\x12\x34\x56", byteorder="big"))
print((5).as_integer_ratio(), (7).numerator, (7).denominator, (7).real, (7).imag)
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
print((2 ** 70).to_bytes(9, "big").hex())
