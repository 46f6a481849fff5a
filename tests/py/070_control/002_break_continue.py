# break and continue in nested loops, with try/finally in between
out = []
for i in range(5):
    if i == 1:
        continue
    for j in range(5):
        if j > i:
            break
        if (i + j) % 2:
            continue
        out.append((i, j))
print(out)
n = 0
while True:
    n += 1
    try:
        if n % 2:
            continue
        if n > 8:
            break
    finally:
        out.append(n)
print(n, out[-9:])
