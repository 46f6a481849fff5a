# lists used as stack and queue, in-place operations and identity preserved
stack = []
for i in range(5):
    stack.append(i)
out = []
while stack:
    out.append(stack.pop())
print(out)
q = list(range(5))
res = []
while q:
    x = q.pop(0)
    if x < 3:
        q.append(x + 10)
    res.append(x)
print(res)
a = [1]
b = a
a += [2]
print(a is b, b)
a = a + [3]
print(a is b, a, b)
t = (1,)
u = t
t += (2,)
print(t is u, t, u)
