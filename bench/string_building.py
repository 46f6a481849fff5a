# Benchmark: building strings: += in loops, str.join, f-strings with format specs, % formatting, str.format, repr of containers.


def report(rows):
    out = ""
    for name, qty, price in rows:
        out += name.ljust(12) + str(qty).rjust(5) + " " + ("%.2f" % price).rjust(10) + "\n"
    return out


def report_join(rows):
    return "\n".join(f"{name:<12}{qty:>5} {price:>10.2f}" for name, qty, price in rows) + "\n"


def report_format(rows):
    parts = []
    for name, qty, price in rows:
        parts.append("{:<12}{:>5} {:>10.2f}".format(name, qty, price))
    return "\n".join(parts) + "\n"


def report_percent(rows):
    return "".join(["%-12s%5d %10.2f\n" % row for row in rows])


def misc(n):
    acc = []
    for i in range(n):
        acc.append(f"{i:x}|{i:08b}|{i * 1.5:e}|{i!r}|{str(i)!s:>6}|{i:,}")
        acc.append("%(a)s-%(b)05d" % {"a": "k", "b": i})
        acc.append(repr([i, "s", (i, None)]))
    return sum(map(len, acc)), acc[-3]


def main():
    rows = [("item%d" % i, i * 3 % 97, i * 1.25) for i in range(2000)]
    texts = None
    for _ in range(15):
        texts = [report(rows), report_join(rows), report_format(rows), report_percent(rows)]
    assert texts[0] == texts[1] == texts[2] == texts[3]
    total, last = misc(60000)
    print("string_building: %d chars, misc %d %s" % (len(texts[0]), total, last))


main()
