# Benchmark: string split and dict counting over deterministically generated text.
SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "zu", "an", "el"]

def make_text(n_words, seed=12345):
    words = []
    state = seed
    for _ in range(n_words):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        length = 1 + (state >> 8) % 3
        w = ""
        s = state
        for _ in range(length):
            w += SYLLABLES[s % len(SYLLABLES)]
            s //= len(SYLLABLES)
        words.append(w)
        if state % 17 == 0:
            words.append("\n")
    return " ".join(words)

def count_words(text):
    counts = {}
    for line in text.split("\n"):
        for word in line.split():
            word = word.lower()
            counts[word] = counts.get(word, 0) + 1
    return counts

text = make_text(300_000)
total = 0
for _ in range(5):
    counts = count_words(text)
    total += len(counts)
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(text), total, top)
