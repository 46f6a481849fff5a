import ipkg
ipkg.COUNT[0] += 1
RUNS = ipkg.COUNT[0]
