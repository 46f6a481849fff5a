# sorting strings: lexicographic order by code point, key=str.lower, reverse
words = ["banana", "Apple", "cherry", "apple", "Banana", "äpfel", "zebra", "Zoo", "", "a"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w)))
print(min(words), max(words), "a" < "aa" < "ab" < "b")
