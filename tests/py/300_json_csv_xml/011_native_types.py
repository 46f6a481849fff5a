# the native types of _json, _csv and pyexpat: names, subclassing rules, attributes of the scanner and encoder
import _json, _csv, pyexpat, json
print(_json.make_scanner, _json.make_encoder, _csv.Dialect, _csv.reader, _csv.Error)
print(type(_csv.reader([])), pyexpat.XMLParserType, pyexpat.ExpatError, pyexpat.errors.__name__, pyexpat.model.__name__)
for base in (_json.make_scanner, _json.make_encoder, pyexpat.XMLParserType):
    try:
        class X(base):
            pass
    except TypeError as e:
        print("TypeError", e)
class D(_csv.Dialect):
    pass
d = D(delimiter=";")
print(d.delimiter, type(d).__name__, isinstance(d, _csv.Dialect))
s = _json.make_scanner(json.JSONDecoder(strict=False))
print(s.strict, s('[1, {"a": 2}]', 0), s.object_pairs_hook)
e = json.JSONEncoder(sort_keys=True)
enc = _json.make_encoder({}, e.default, _json.encode_basestring_ascii, None, ":", ",", True, False, True)
print(enc.markers, enc.skipkeys, hasattr(enc, "allow_nan"), enc.item_separator, enc({"b": [1.5, None], "a": "\u00e9"}, 0))
try:
    s.strict = True
except AttributeError as ex:
    print("AttributeError")
