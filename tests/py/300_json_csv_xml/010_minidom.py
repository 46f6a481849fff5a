# xml.dom.minidom over pyexpat: parseString, DOM navigation, namespaces, doctype, toxml/toprettyxml and errors
from xml.dom import minidom
import xml.parsers.expat

doc = minidom.parseString('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "ent">]>\n'
                          '<r xmlns:p="urn:p" a="1"><p:c p:x="y">text &e;</p:c><!-- note --><?pi data?>'
                          '<![CDATA[<raw>]]><d/></r>')
r = doc.documentElement
print(r.tagName, r.getAttribute("a"), doc.doctype.name, [n.nodeType for n in r.childNodes])
c = r.firstChild
print(c.tagName, c.namespaceURI, c.localName, c.prefix, c.getAttributeNS("urn:p", "x"), c.firstChild.data)
print(r.toxml())
print(doc.toprettyxml(indent="  "))
print([e.tagName for e in doc.getElementsByTagName("d")], doc.getElementsByTagNameNS("urn:p", "c")[0].tagName)
d2 = minidom.parseString(b"<a><b>1</b><b>2</b></a>")
print(sum(int(b.firstChild.data) for b in d2.getElementsByTagName("b")))
new = d2.createElement("new")
new.setAttribute("k", "v")
d2.documentElement.appendChild(new)
print(d2.documentElement.toxml())
try:
    minidom.parseString("<a><b></a>")
except xml.parsers.expat.ExpatError as e:
    print("ExpatError", e, e.code, e.lineno, e.offset)
