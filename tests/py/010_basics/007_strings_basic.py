# string literals, escapes, concatenation, repetition, len, indexing
s = 'single'
d = "double"
t = """triple
quoted"""
print(s, d)
print(t)
print("tab\tend", "nl\\n", 'quote\'s', "dq\"")
print("con" "cat" 'enated')
print("ab" + "cd", "xy" * 3, len("hello"))
print("hello"[0], "hello"[-1], "hello"[1:3])
print(r"raw\nstring", len(r"\n"))
print("\x41\u00e9\U0001F600\101\0end".replace("\0", "<0>"))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("\n\t\\\x01\x7f"))
