# deep: 10**5 nested map() objects consumed by list/next

m = iter([1, 2, 3])
for i in range(10**5):
    m = map(abs, m)
try:
    list(m)
except RecursionError:
    pass
