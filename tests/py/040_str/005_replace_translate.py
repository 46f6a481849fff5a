# replace (with count), translate with maketrans, str multiplication edge cases
s = "one two one two one"
print(s.replace("one", "1"), s.replace("one", "1", 2), s.replace("", "-"), "aaa".replace("a", "bb"))
print("abc".replace("", "|", 2), s.replace("three", "3"))
t = str.maketrans("abc", "xyz")
print("aabbcc".translate(t), "hello".translate({ord("l"): None, ord("o"): "0"}))
t2 = str.maketrans({"a": "A", "b": None})
print("abcabc".translate(t2), str.maketrans("ab", "cd", "e") == {97: 99, 98: 100, 101: None})
print("ab" * 0, "ab" * -1, 3 * "x")
