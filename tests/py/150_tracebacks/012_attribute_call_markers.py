# AttributeError with a "Did you mean" suggestion on an attribute of a call result in a chain
class Node:
    def __init__(self):
        self.children = []

    def first_child(self):
        return self.children[0] if self.children else None

root = Node()
root.children.append(Node())
print(root.first_child().first_child())
root.first_child().chldren
