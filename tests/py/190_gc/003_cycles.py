# build and drop cyclic structures in a loop: self-referencing lists, parent/child objects, dict cycles
class Node:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
made = 0
for i in range(100_000):
    root = Node()
    a = Node(root)
    b = Node(a)
    b.children.append(root)
    made += len(root.children) + len(a.children)
print(made)
for i in range(200_000):
    l = [i]
    l.append(l)
    d = {"self": None}
    d["self"] = d
print(len(l), len(d), l[1] is l, d["self"] is d)
ring_total = 0
for r in range(2_000):
    first = Node()
    cur = first
    for j in range(50):
        cur = Node(cur)
    first.parent = cur
    ring_total += 1
print(ring_total)
