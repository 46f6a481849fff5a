# datetime pickling: CPython's byte-string states (fold in the high bit from protocol 4), round trips
import pickle
from datetime import date, time, datetime, timedelta, timezone

objs = [timedelta(-1, 2, 3), date(2000, 12, 31), time(23, 59, 58, 999999), time(1, fold=1),
        time(2, tzinfo=timezone(timedelta(hours=3), 'Z3')), datetime(9999, 12, 31, 23, 59, 59, 999999),
        datetime(2000, 1, 2, 3, 4, 5, 6, timezone.utc, fold=1), timezone.utc, timezone(timedelta(minutes=-90)),
        date(2000, 1, 1).isocalendar()]
for o in objs:
    print(o.__reduce__() if not isinstance(o, (time, datetime)) else o.__reduce_ex__(2))
    if isinstance(o, (time, datetime)):
        print(o.__reduce_ex__(4))
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(o, proto))
        assert r == o and type(r) is (tuple if type(o).__name__ == 'IsoCalendarDate' else type(o)), (o, proto)
        if hasattr(o, 'fold'):
            assert r.fold == (o.fold if proto >= 4 else 0), (o, proto)
print(repr(date(b'\x07\xd0\x01\x1f')), repr(datetime(b'\x07\xd0\x81\x1f\x01\x02\x03\x00\x00\x04', timezone.utc)))
print(repr(time(b'\x81\x02\x03\x00\x00\x04')), repr(date('\x07\xd0\x01\x1f')))
print(pickle.loads(b'cdatetime\ndatetime\n(c_codecs\nencode\n(V\x07\xd0\x01\x1f\x01\x02\x03\x00\x00\x04\nVlatin1\ntRtR.'))
try:
    datetime(b'\x07\xd0\x01\x1f\x01\x02\x03\x00\x00\x04', 1)
except TypeError as e:
    print('TypeError', e)
class Sub(datetime):
    pass
s = Sub(2000, 1, 1, 5)
r = pickle.loads(pickle.dumps(s))
print(type(r).__name__, r, copy_ok := (r == s))
import copy
print(copy.copy(timedelta(5)), copy.deepcopy(datetime(2000, 1, 1, tzinfo=timezone.utc)))
