# searching: find, rfind, index, rindex, count, startswith, endswith, in
s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.rfind("the"), s.find("cat"), s.find(""), s.rfind(""))
print(s.index("fox"), s.rindex("o"), s.count("o"), s.count("the"), s.count(""), "aaaa".count("aa"))
print(s.find("o", 15, 30), s.count("o", 0, 20), s.find("dog", -3), s.find("dog", -10, -1))
print(s.startswith("the"), s.startswith(("a", "th")), s.endswith("dog"), s.endswith("do", 0, -1))
print("fox" in s, "cat" not in s, "" in s)
try:
    s.index("cat")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.rindex("zzz")
except ValueError as e:
    print(type(e).__name__, e)
