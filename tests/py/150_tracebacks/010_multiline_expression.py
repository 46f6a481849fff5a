# exception raised in a multi-line expression: markers span several lines
def compute(a, b, c):
    return (a * 2 +
            b // c +
            7)

compute(1, 2, 0)
