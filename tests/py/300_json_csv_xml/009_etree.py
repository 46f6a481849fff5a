# xml.etree.ElementTree over pyexpat (bytes output, which needs TextIOWrapper.detach, is left out): fromstring/tostring, namespaces, iterparse, XMLPullParser, TreeBuilder targets and ParseError
import io
import xml.etree.ElementTree as ET

root = ET.fromstring('<?xml version="1.0"?><root a="1"><item id="1">one</item><item id="2">two<sub/>tail</item>'
                     '<!-- c --><empty/>&#233;&lt;&gt;</root>')
print(root.tag, root.attrib, [(c.tag, c.attrib, c.text, c.tail) for c in root], repr(root.text))
print(ET.tostring(root, encoding="unicode"))
print([e.text for e in root.iter("item")], root.find("item[@id='2']").text, [e.tag for e in root.findall(".//sub")])
ns = ET.fromstring('<a xmlns="urn:default" xmlns:p="urn:p"><p:b p:x="1">t</p:b><c/></a>')
print([e.tag for e in ns.iter()], ns[0].attrib)
print(ET.tostring(ns, encoding="unicode"))
parsed = ET.parse(io.BytesIO(b"<?xml version='1.0' encoding='utf-8'?>\n<doc><x>1</x><y>\xc3\xa9</y></doc>"))
print(parsed.getroot().tag, [c.text for c in parsed.getroot()])
print(ET.tostring(parsed.getroot(), encoding="unicode"))
for event, elem in ET.iterparse(io.BytesIO(b'<r xmlns:q="urn:q"><q:a>1</q:a><b/></r>'), events=("start", "end", "start-ns", "end-ns")):
    print(event, elem if event.endswith("ns") else elem.tag)
pp = ET.XMLPullParser(events=("start", "end", "comment", "pi"))
pp.feed("<root><!-- hi --><?target d?><chi")
print([(e, x.tag if isinstance(x.tag, str) else x.tag.__name__, x.text) for e, x in pp.read_events()])
pp.feed("ld>text</child></root>")
pp.close()
print([(e, x.tag if hasattr(x, "tag") and isinstance(x.tag, str) else x) for e, x in pp.read_events()])

class Target:
    def __init__(self): self.log = []
    def start(self, tag, attrib): self.log.append(("start", tag, attrib))
    def end(self, tag): self.log.append(("end", tag))
    def data(self, data): self.log.append(("data", data))
    def comment(self, text): self.log.append(("comment", text))
    def pi(self, target, data): self.log.append(("pi", target, data))
    def close(self): return self.log
parser = ET.XMLParser(target=Target())
parser.feed("<a x='1'>hi<!--c--><?p d?><b/></a>")
print(parser.close())
tb = ET.TreeBuilder(insert_comments=True, insert_pis=True)
p2 = ET.XMLParser(target=tb)
p2.feed("<a><!--c--><?p d?></a>")
r2 = p2.close()
print(ET.tostring(r2, encoding="unicode"))
for bad in ["<a><b></a>", "<a>", "<a>&nbsp;</a>", "not xml", "<a></a>junk"]:
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print(repr(bad), "ParseError:", e, e.code, e.position)
e = ET.Element("top", attrib={"k": "v & <w>"})
ET.SubElement(e, "child").text = 'quote " and \u00e9'
ET.indent(e)
print(ET.tostring(e, encoding="unicode"))
print(ET.canonicalize("<a b='2' a='1'><c/></a>"))
