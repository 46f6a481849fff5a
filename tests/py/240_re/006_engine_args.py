# _sre argument parsing: CPython's messages for missing, extra, keyword and out-of-range arguments
import _sre
p = _sre.compile('(a)', 0, [17, 0, 16, 97, 17, 1, 1], 1, {}, (None,))
m = p.match('a')
for f in [lambda: p.match(), lambda: p.match('a', 1, 2, 3), lambda: p.match('a', bogus=1), lambda: p.match('a', pos='x'),
          lambda: p.sub('a'), lambda: p.split('a', 'b'), lambda: p.findall(string='a', pos=2**70),
          lambda: m.group(2**70), lambda: m.start(1, 2), lambda: m.groups(1, 2), lambda: m.expand(),
          lambda: p.scanner('a').match(1), lambda: p.__deepcopy__(), lambda: m['x'], lambda: m[[1]],
          lambda: _sre.compile('a', 0, [1], 0, {}), lambda: _sre.compile('a', 0, [1], 0, [], ()),
          lambda: _sre.getcodesize(1), lambda: _sre.ascii_iscased()]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(p.match(string='a', endpos=1), p.search('xa', pos=1), m.group(True), m[False], m.span(True))
