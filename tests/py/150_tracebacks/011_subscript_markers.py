# subscript error with markers under the subscripted expression and index
data = {"users": [{"name": "ann"}, {"name": "bob"}]}
print(data["users"][1]["name"])
print(data["users"][5]["name"])
