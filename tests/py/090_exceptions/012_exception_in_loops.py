# exceptions used for control flow in loops: parse ints, stop at sentinel, retry counts
vals = ["1", "x", "3", "", "5.5", "-7"]
ok, bad = [], []
for v in vals:
    try:
        ok.append(int(v))
    except ValueError as e:
        bad.append(str(e))
print(ok, bad)
attempts = 0
while True:
    try:
        attempts += 1
        if attempts < 4:
            raise ConnectionError("retry %d" % attempts)
        break
    except ConnectionError as e:
        print(e)
print("attempts", attempts)
total = 0
for i in range(1000):
    try:
        total += 10 // (i % 7)
    except ZeroDivisionError:
        total -= 1
print(total)
