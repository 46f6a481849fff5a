# exception inside a lambda called via map inside list(): frame named <lambda>
values = [1, 2, 0, 4]
result = list(map(lambda v: 12 // v, values))
