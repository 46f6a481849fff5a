# deep mutual recursion and deep recursion through methods and closures with a raised limit
import sys
sys.setrecursionlimit(500_000)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(200_000), is_odd(200_001))
class Node:
    def __init__(self, nxt):
        self.nxt = nxt
    def length(self):
        return 1 if self.nxt is None else 1 + self.nxt.length()
head = None
for _ in range(100_000):
    head = Node(head)
print(head.length())
def make():
    def rec(n):
        return 0 if n == 0 else 2 + rec(n - 1)
    return rec
print(make()(150_000))
