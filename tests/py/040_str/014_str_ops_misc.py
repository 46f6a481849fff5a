# misc str: comparison, iteration, in, min/max, sorted, ord ranges, str() of objects
s = "banana"
print(list(s), sorted(s), set(s) == {"a", "b", "n"}, min(s), max(s))
print(s.count("a"), s.index("n"), "".join(reversed(s)), s * 2, s < "bananas", s[::-1] == "ananab")
print(str(123), str([1, "a"]), str((1,)), str({"k": "v"}), str(None), str(b"x"))
print("abc" == "abc", "abc" != None, "a" + "b" == "ab", hash("abc") == hash("ab" + "c"))
print(len(""), len("\n"), "x".join([]), "".join([]), repr(""))
it = iter("xy")
print(next(it), next(it), next(it, "done"))
print("Hello".__len__(), "a".__add__("b"), "ab".__contains__("b"), "ab".__getitem__(1))
