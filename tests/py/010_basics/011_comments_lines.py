# comments, line continuations, semicolons and implicit joining
x = 1 + \
    2
y = (1 +
     2 +
     3)
z = [1,
     2,  # comment inside
     3]
a = 1; b = 2; c = 3
print(x, y, z, a, b, c)
if x: print("inline if")
while False: pass
d = {
    "k": 1,
}
print(d)
