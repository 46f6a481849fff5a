# exception raised in __init__ during instance creation via super().__init__
class Base:
    def __init__(self, size):
        if size < 0:
            raise ValueError("size must be non-negative")
        self.size = size

class Box(Base):
    def __init__(self, size, label):
        super().__init__(size)
        self.label = label

boxes = [Box(1, "a"), Box(-1, "b")]
