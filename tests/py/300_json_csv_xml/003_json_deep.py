# json on deep nesting: RecursionError (not a crash) both ways, and moderately deep documents still work
import json
for doc in ['[' * 100000 + ']' * 100000, '{"a":' * 100000 + '1' + '}' * 100000]:
    try:
        json.loads(doc)
    except RecursionError as e:
        print("RecursionError", e)
x = []
for i in range(100000):
    x = [x]
try:
    json.dumps(x)
except RecursionError as e:
    print("RecursionError", e)
y = {}
for i in range(100000):
    y = {"k": y}
try:
    json.dumps(y)
except RecursionError as e:
    print("RecursionError", e)
z = []
for i in range(200):
    z = [z, {"n": i}]
s = json.dumps(z)
print(len(s), json.loads(s) == z)
print(json.dumps(json.loads('[' * 300 + ']' * 300))[:20])
