# pyexpat directly: handlers, buffer_text, ordered/specified attributes, namespaces, positions, ExpatError and handler exceptions
import pyexpat
from xml.parsers import expat

print(expat.ParserCreate is pyexpat.ParserCreate, expat.error is expat.ExpatError, expat.errors.XML_ERROR_SYNTAX)
print(expat.model.XML_CTYPE_SEQ, expat.model.XML_CQUANT_PLUS, type(expat.version_info), expat.native_encoding)
print(expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH], expat.errors.messages[4], expat.ErrorString(2), expat.ErrorString(9999))

def tracer(p, names):
    out = []
    for name in names:
        def h(*args, name=name):
            out.append((name.replace("Handler", ""),) + args)
        setattr(p, name, h)
    return out

NAMES = ["StartElementHandler", "EndElementHandler", "CharacterDataHandler", "CommentHandler",
         "ProcessingInstructionHandler", "XmlDeclHandler", "StartDoctypeDeclHandler", "EndDoctypeDeclHandler",
         "StartCdataSectionHandler", "EndCdataSectionHandler", "StartNamespaceDeclHandler", "EndNamespaceDeclHandler",
         "EntityDeclHandler", "AttlistDeclHandler", "ElementDeclHandler", "NotationDeclHandler"]
doc = '''<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE root [
<!ELEMENT root (item+, other?)>
<!ATTLIST item id CDATA #REQUIRED kind CDATA "plain">
<!ENTITY ent "entity text">
]>
<root a="1" b='two'><!-- a comment --><?pi some data?>
  <item id="x">text &amp; more &ent; &#233;</item><![CDATA[raw <stuff>]]><item id="y" kind="k"/>
</root>'''
for buffered in (False, True):
    p = expat.ParserCreate()
    p.buffer_text = buffered
    out = tracer(p, NAMES)
    print(p.Parse(doc, True))
    for o in out:
        print(o)
p = expat.ParserCreate()
p.ordered_attributes = True
p.specified_attributes = True
out = tracer(p, ["StartElementHandler"])
p.Parse(doc.encode(), True)
print(out, p.ordered_attributes, p.specified_attributes, p.buffer_text, p.buffer_size)

p = expat.ParserCreate(namespace_separator="}")
out = tracer(p, ["StartElementHandler", "EndElementHandler", "StartNamespaceDeclHandler", "EndNamespaceDeclHandler"])
p.Parse('<a xmlns="urn:d" xmlns:x="urn:x"><x:b x:attr="v"/></a>', True)
print(out)
p = expat.ParserCreate(namespace_separator=" ")
p.namespace_prefixes = True
out = tracer(p, ["StartElementHandler"])
p.Parse('<x:a xmlns:x="urn:x" x:k="1"/>', True)
print(out)

p = expat.ParserCreate()
out = tracer(p, ["StartElementHandler", "CharacterDataHandler"])
p.Parse("<r>part1", False)
p.Parse("part2</r>", False)
print(p.Parse("", True), out)

def pos_handler(name, attrs):
    print("at", name, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex)
p = expat.ParserCreate()
p.StartElementHandler = pos_handler
p.Parse("<a>\n  <b/>\n    <c/></a>", True)

for bad in ["<a><b></a>", "<a>", "<a></a><b/>", "<a x='1' x='2'/>", "<a>&undef;</a>", "", "<a>\n <1/></a>", "<?xml version='1.0'?><a/><?xml?>"]:
    p = expat.ParserCreate()
    try:
        p.Parse(bad, True)
    except expat.ExpatError as e:
        print(repr(bad), e, e.code, e.lineno, e.offset, p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber,
              expat.ErrorString(e.code) == str(e).split(":")[0])

class Boom(Exception): pass
p = expat.ParserCreate()
seen = []
def start(name, attrs):
    seen.append(name)
    if name == "b":
        raise Boom("in handler")
p.StartElementHandler = start
try:
    p.Parse("<a><b><c/></b></a>", True)
except Boom as e:
    print("Boom", e, seen)
p = expat.ParserCreate()
p.StartElementHandler = 5
try:
    p.Parse("<a/>", True)
except TypeError as e:
    print("TypeError", e)
p = expat.ParserCreate()
print(p.StartElementHandler, p.intern, type(p).__name__)
p.StartElementHandler = print
p.StartElementHandler = None
p.Parse("<quiet/>", True)
for bad in [lambda: expat.ParserCreate(namespace_separator="ab"), lambda: expat.ParserCreate(intern=[]),
            lambda: p.Parse(5), lambda: expat.ParserCreate().ParseFile(5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
import io
p = expat.ParserCreate()
out = tracer(p, ["StartElementHandler", "CharacterDataHandler"])
p.buffer_text = True
print(p.ParseFile(io.BytesIO(b"<r>" + b"x" * 5000 + b"<s/></r>")), [(o[0], len(o[1])) for o in out])
