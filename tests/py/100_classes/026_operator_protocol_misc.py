# __contains__ fallback to __iter__, __length_hint__-free len errors, __hash__ from object, __class__ assignment-free
class It:
    def __iter__(self):
        return iter([1, 2, 3])
print(2 in It(), 5 in It())
class NoLen:
    pass
try:
    len(NoLen())
except TypeError as e:
    print(type(e).__name__, e)
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print(type(e).__name__, e)
class StrLen:
    def __len__(self):
        return "3"
try:
    len(StrLen())
except TypeError as e:
    print(type(e).__name__, e)
try:
    NoLen()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    NoLen()()
except TypeError as e:
    print(type(e).__name__, e)
try:
    NoLen() + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    -NoLen()
except TypeError as e:
    print(type(e).__name__, e)
try:
    NoLen()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del NoLen()[0]
except TypeError as e:
    print(type(e).__name__, e)
