# building strings in loops: join vs +=, char classification counts
words = []
for i in range(200):
    words.append(chr(97 + i % 26) * (i % 5 + 1))
text = " ".join(words)
print(len(text), text[:40])
acc = ""
for w in words:
    acc += w[0]
print(acc[:52], len(acc))
counts = {}
for ch in text:
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items())[:5])
print(sum(1 for c in text if c.isalpha()), text.count(" "))
print(text.upper().count("A"), text.title()[:20])
