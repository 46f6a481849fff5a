# Benchmark: copy.deepcopy and copy.copy of nested containers, shared references, cycles and instances (dataclasses too).
import copy
from dataclasses import dataclass, field


@dataclass
class Item:
    name: str
    qty: int
    tags: list = field(default_factory=list)


class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
        self.parent = None
        for c in self.children:
            c.parent = self  # a cycle for deepcopy's memo

    def total(self):
        return self.value + sum(c.total() for c in self.children)


def build_tree(depth, fanout, start=0):
    if depth == 0:
        return Node(start)
    return Node(start, [build_tree(depth - 1, fanout, start * fanout + i + 1) for i in range(fanout)])


def main():
    shared = [1, 2, 3]
    data = {
        "ints": list(range(200)),
        "nested": [{"k": i, "v": [i, (i, str(i)), {i: shared}]} for i in range(60)],
        "items": [Item("item%d" % i, i, ["a", "b"]) for i in range(40)],
        "tuple": tuple((i, frozenset({i, i + 1})) for i in range(30)),
        "tree": build_tree(4, 3),
        "bytes": b"\x00\x01" * 10,
    }
    checks = 0
    for _ in range(150):
        dup = copy.deepcopy(data)
        assert dup["nested"][5]["v"][2][5] is dup["nested"][6]["v"][2][6]  # the shared list stays shared
        assert dup["nested"][5]["v"][2][5] is not shared
        assert dup["items"][3] == data["items"][3] and dup["items"][3] is not data["items"][3]
        assert dup["tree"].children[0].parent is dup["tree"]
        shallow = copy.copy(data)
        assert shallow["nested"] is data["nested"]
        checks += 1
    assert dup["tree"].total() == data["tree"].total()
    print("deepcopy: %d copies, tree total %d, items %d" % (checks, dup["tree"].total(), len(dup["items"])))


main()
