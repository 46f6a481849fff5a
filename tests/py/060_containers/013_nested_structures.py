# nested containers: deep copy by hand, aliasing, equality, repr of recursive lists
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
alias = [[0] * 3] * 3
alias[1][1] = 5
print(grid, alias)
data = {"users": [{"name": "a", "tags": ["x", "y"]}, {"name": "b", "tags": []}], "count": 2}
data["users"][1]["tags"].append("z")
print(data, data["users"][0]["tags"][-1])
def deep(o):
    if isinstance(o, list):
        return [deep(x) for x in o]
    if isinstance(o, dict):
        return {k: deep(v) for k, v in o.items()}
    return o
c = deep(data)
c["users"][0]["name"] = "changed"
print(data["users"][0]["name"], c == data)
r = [1, 2]
r.append(r)
print(r, len(r), r[2][2][0])
d = {"k": 1}
d["self"] = d
print(d)
