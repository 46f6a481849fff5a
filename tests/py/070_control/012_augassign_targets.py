# augmented assignment to subscripts and attributes evaluates the target once
calls = []
def key(k):
    calls.append(k)
    return k
d = {"a": 1}
d[key("a")] += 5
print(d, calls)
class O:
    def __init__(self):
        self.v = 1
o = O()
o.v *= 10
o.v -= 3
print(o.v)
lst = [[1, 2], [3]]
lst[0][1] **= 3
lst[-1] += [4]
print(lst)
s = "x"
s += "y" * 2
print(s)
lst[0][0:1] += [9] if False else []
print(lst)
