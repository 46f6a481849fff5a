# Benchmark: integer while/for loops with arithmetic, comparisons and local variables.
def while_loop(n):
    i = 0
    total = 0
    while i < n:
        if i % 3 == 0:
            total += i
        elif i % 5 == 0:
            total -= i >> 1
        else:
            total ^= i
        i += 1
    return total

def for_loop(n):
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) & 0xFFFFFFF
    return acc

def nested(n):
    count = 0
    for i in range(n):
        for j in range(i, n):
            if (i + j) & 1:
                count += 1
    return count

print(while_loop(3_000_000), for_loop(3_000_000), nested(1500))
