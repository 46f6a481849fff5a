# mutate: bytearray search/slice methods whose start/end __index__ clear the bytearray
class Clear:
    def __index__(self):
        B.clear()
        return 100
names = ["find", "rfind", "count", "index", "rindex", "startswith", "endswith"]
for n in names:
    for args in ((b"a", Clear()), (b"a", 0, Clear()), (97, Clear()), (b"", Clear(), Clear())):
        B = bytearray(b"abcabcabc" * 20)
        try:
            getattr(B, n)(*args)
        except (ValueError, TypeError):
            pass
for n in ["ljust", "rjust", "center", "zfill", "expandtabs"]:
    class Big:
        def __index__(self):
            B.clear()
            return 20
    B = bytearray(b"ab\tc")
    try:
        getattr(B, n)(Big())
    except TypeError:
        pass
