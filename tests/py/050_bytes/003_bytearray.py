# bytearray: mutation, append/extend/insert/pop/remove, slices, conversions
ba = bytearray(b"hello")
ba[0] = 72
ba.append(33)
ba.extend(b" ok")
ba.insert(0, 62)
print(ba, len(ba), ba.pop(), ba.pop(0), ba)
ba[1:3] = b"EEE"
print(ba)
del ba[0]
ba.remove(ord("E"))
print(ba, bytes(ba), ba.decode(), ba.find(b"l"), ba.upper())
ba2 = bytearray(3)
ba2 += b"x"
print(ba2, bytearray([1, 2]) * 2, bytearray(b"ab") == b"ab", ba2.hex())
ba3 = bytearray(b"abc")
ba3.reverse()
print(ba3, ba3.copy(), list(ba3), bytearray.fromhex("4142"))
ba3.clear()
print(ba3, len(ba3))
try:
    ba3.append(300)
except ValueError as e:
    print(type(e).__name__, e)
try:
    bytearray().pop()
except IndexError as e:
    print(type(e).__name__, e)
