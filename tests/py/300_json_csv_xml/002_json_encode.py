# json.dumps through the native _json encoder: types, subclasses, separators, sort_keys, skipkeys and errors
import json, _json
from collections import OrderedDict
import enum

class MyInt(int):
    def __repr__(self): return "MyInt!"
class MyFloat(float):
    def __repr__(self): return "MyFloat!"
class MyStr(str): pass
class MyList(list): pass
class MyDict(dict): pass
class Color(enum.IntEnum):
    RED = 1
class F(float, enum.Enum):
    X = 1.5

print(json.encoder.c_make_encoder is _json.make_encoder, json.encoder.c_encode_basestring_ascii is _json.encode_basestring_ascii)
vals = [None, True, False, 0, -5, 10**30, 1.5, 1e16, 1e-7, 0.1, -0.0, 123456789.123, "plain", "é😀\x00\x1f\x7f\"\\",
        [1, [2, [3]]], (1, 2), {"a": 1, "b": [None]}, MyInt(7), MyFloat(2.5), MyStr("s"), MyList([1]),
        MyDict(x=1), Color.RED, F.X, {1: 2, 2.5: 3, True: 4, None: 5, False: 6}, [], {}, ((),), float("inf")]
for v in vals:
    print(json.dumps(v), json.dumps(v, ensure_ascii=False))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True))
print(json.dumps({"a": [1, 2], "b": 3}, separators=(",", ":")))
print(json.dumps({(1, 2): 1, "x": 2, 3: 4}, skipkeys=True))
print(json.dumps(OrderedDict([("z", 1), ("a", 2)])))
print(json.dumps([1, {2, 3} and 4], default=str))
print(json.dumps({"s": {1, 2}}, default=sorted))
print(json.dumps([float("nan"), float("-inf")]))
print(_json.encode_basestring_ascii("aé\u20ac\U0001F600\n"), _json.encode_basestring("aé\n\x7f"))
enc = _json.make_encoder(None, str, _json.encode_basestring, None, ": ", ", ", True, False, True)
print(enc({"b": object.__name__, "a": [1.0, 2]}, 0), enc.sort_keys, enc.key_separator, enc.markers)
enc2 = _json.make_encoder({}, lambda o: "D", lambda s: "<" + s + ">", None, ":", ",", False, False, True)
print(enc2({"k": ["v", object()]}, 0))

a = []
a.append(a)
d = {}
d["self"] = d
class Loop: pass
def default_loop(o):
    return [o]
errors = [lambda: json.dumps(a), lambda: json.dumps(d), lambda: json.dumps(Loop(), default=default_loop),
          lambda: json.dumps({(1, 2): 1}), lambda: json.dumps(float("nan"), allow_nan=False),
          lambda: json.dumps({float("inf"): 1}, allow_nan=False), lambda: json.dumps(object()),
          lambda: json.dumps({1: 1, "a": 2}, sort_keys=True), lambda: json.dumps(10 ** 5000),
          lambda: _json.make_encoder([], None, None, None, ":", ",", 0, 0, 0),
          lambda: _json.make_encoder(None, None, None, None, 1, ",", 0, 0, 0),
          lambda: _json.encode_basestring_ascii(5),
          lambda: _json.make_encoder(None, None, lambda s: 5, None, ":", ",", 0, 0, 0)("x", 0)]
for e in errors:
    try:
        print(e())
    except Exception as ex:
        print(type(ex).__name__, ex)
