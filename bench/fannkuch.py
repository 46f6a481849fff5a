# Benchmark: fannkuch-redux: list slicing, slice reversal, permutation generation by rotation, checksums.


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            # Reverse the first k+1 items by slice assignment.
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if sign > 0 else -flips
        sign = -sign
        # Next permutation: rotate the first r+1 items until a counter is left.
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main():
    known = {7: (228, 16), 8: (1616, 22)}
    for n, expected in known.items():
        assert fannkuch(n) == expected, (n, fannkuch(n))
    checksum, flips = fannkuch(9)
    assert (checksum, flips) == (8629, 30), (checksum, flips)
    print("fannkuch(9): checksum %d, max flips %d" % (checksum, flips))


main()
