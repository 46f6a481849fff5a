# Benchmark: digits of pi by an unbounded spigot: big-int multiply, add, floor-divide with growing numbers.


def pi_digits(count):
    """Gibbons' streaming spigot over the linear fractional transform (q r; 0 t)."""
    q, r, t, k = 1, 0, 1, 1
    digits = []
    while len(digits) < count:
        # Next term of the series.
        n = 2 * k + 1
        q, r, t = q * k, (2 * q + r) * n, t * n
        k += 1
        if q > r:
            continue
        d, rem = divmod(3 * q + r, t)
        if rem + q < t:
            # Digit d is settled: emit it and scale the state by 10.
            digits.append(d)
            q, r = 10 * q, 10 * (r - d * t)
    return digits


def arctan_inverse(x, unity):
    """arctan(1/x) * unity by its Taylor series, in fixed-point big ints."""
    total = term = unity // x
    x2 = x * x
    n = 1
    sign = -1
    while term:
        term //= x2
        n += 2
        total += sign * (term // n)
        sign = -sign
    return total


def pi_machin(count):
    """The first count digits of pi from Machin's formula, as an independent check."""
    unity = 10 ** (count + 10)
    pi = 4 * (4 * arctan_inverse(5, unity) - arctan_inverse(239, unity))
    return str(pi // 10 ** 10)[:count]


def main():
    digits = pi_digits(4000)
    text = "".join(map(str, digits))
    assert text.startswith("31415926535897932384626433832795028841971"), text[:40]
    assert text == pi_machin(len(text))
    print("pidigits: %d digits, last 20 %s, digit sum %d" % (len(digits), text[-20:], sum(digits)))


main()
