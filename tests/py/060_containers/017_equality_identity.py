# container equality: element-wise, nan identity shortcut, mixed numeric types
nan = float("nan")
print([1, 2] == [1, 2], [1, 2] == (1, 2), [nan] == [nan], [float("nan")] == [float("nan")])
print((1, 2.0) == (1.0, 2), {1: "a"} == {1.0: "a"}, {1, 2} == frozenset({2, 1}), [[1]] == [[1.0]])
print([1, 2] < [1, 2, 3], [2] > [1, 100], (1, "a") < (1, "b"), [] < [0])
a = [1, 2]
print(a == a, a is a, [] is not [], () == (), [0] * 3 == [0, 0, 0])
try:
    [1] < ["a"]
except TypeError as e:
    print(type(e).__name__, e)
try:
    {1} < [1]
except TypeError as e:
    print(type(e).__name__, e)
