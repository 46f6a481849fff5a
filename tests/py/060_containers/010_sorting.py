# sorting: sorted/list.sort with key and reverse, stability, tuples, errors
data = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 20), ("eve", 30)]
print(sorted(data))
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data, key=lambda p: (-p[1], p[0])))
nums = [5, -3, 2, -8, 0, 7, -1]
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums, sorted("hello"), sorted({3: 0, 1: 0}), sorted([]), sorted([1.5, 1, True, 0]))
try:
    sorted([1, "a"])
except TypeError as e:
    print(type(e).__name__, e)
big = [(i * 7919) % 1009 for i in range(2000)]
big.sort()
print(big[:10], big[-5:], all(big[i] <= big[i + 1] for i in range(len(big) - 1)))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len), sorted(words, key=lambda w: w[::-1]))
