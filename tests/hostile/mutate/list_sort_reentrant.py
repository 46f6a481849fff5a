# mutate: a list sorted again (and its sort() called) from inside its own key function
def key(x):
    try:
        L.sort()
    except ValueError:
        pass
    L.reverse()
    L.append(x)
    return x
L = list(range(30))
try:
    L.sort(key=key)
except ValueError:
    pass
print(len(L) >= 0)
