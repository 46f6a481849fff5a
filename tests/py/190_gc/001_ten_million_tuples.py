# allocate 10 million short-lived tuples in a loop and print a checksum (memory must stay bounded)
total = 0
for i in range(10_000_000):
    t = (i, i & 7)
    total += t[1]
print(total)
