# json round trip of a generated document, dump/load through files, indent (pure-Python path) and JSONDecoder subclasses
import json, io
doc = {"items": [{"id": i, "name": "item%d" % i, "price": i * 1.25, "tags": ["t%d" % (i % 7), "é"], "ok": i % 2 == 0,
                  "none": None} for i in range(300)], "meta": {"count": 300, "nested": {"deep": [1, [2, [3, [4]]]]}}}
s = json.dumps(doc)
print(len(s), json.loads(s) == doc)
print(json.dumps(doc["items"][3], indent=2, sort_keys=True))
print(json.dumps([1, {"a": []}], indent="\t"))
buf = io.StringIO()
json.dump(doc["meta"], buf)
buf.seek(0)
print(json.load(buf))
class D(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_hook=lambda d: {k.upper(): v for k, v in d.items()}, **kw)
print(json.loads('{"a": {"b": 1}}', cls=D))
class E(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex):
            return [o.real, o.imag]
        return super().default(o)
print(json.dumps({"c": 1 + 2j}, cls=E))
try:
    json.dumps({"c": {1}}, cls=E)
except TypeError as e:
    print(e)
print(list(json.JSONEncoder().iterencode({"a": [1, 2]})))
print(json.dumps("\u2028\u2029", ensure_ascii=True), json.dumps("\u2028", ensure_ascii=False))
