# Benchmark: string building, methods (split/join/replace/find/upper), slicing, formatting and f-strings.
def make_lines(n):
    lines = []
    for i in range(n):
        lines.append(f"{i:06d},name{i % 97},{i * 3.5:.2f},{'yes' if i % 3 else 'no'}")
    return lines

lines = make_lines(200_000)
blob = "\n".join(lines)
total = 0
for line in blob.split("\n"):
    ident, name, value, flag = line.split(",")
    if flag == "yes":
        total += int(ident) + len(name.upper())
    total += value.find(".")
replaced = blob.replace("name", "N").replace(",no", ",0")
parts = []
for i in range(100_000):
    s = "key%d" % i
    parts.append(s[::-1][:3] + s.zfill(10)[-4:])
joined = "|".join(parts)
count = joined.count("|") + replaced.count("N")
fmt = sum(len("{:>8}|{:<5}|{:^7.2f}".format(i, i % 10, i / 7)) for i in range(100_000))
print(total, len(replaced), count, fmt, joined[:30])
