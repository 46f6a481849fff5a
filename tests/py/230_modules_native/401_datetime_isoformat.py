# datetime isoformat(timespec, sep) and the 3.11 fromisoformat rules, with invalid strings
from datetime import date, time, datetime, timedelta, timezone

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

dt = datetime(2002, 3, 4, 5, 6, 7, 8009, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))
for spec in ['auto', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds']:
    print(spec, dt.isoformat(timespec=spec), dt.time().isoformat(spec), datetime(2002, 3, 4).isoformat(' ', spec))
print(dt.isoformat('x'), str(dt), str(dt.timetz()), date(5, 6, 7).isoformat(), str(time(1)))
print(datetime(1, 1, 1, tzinfo=timezone(timedelta(seconds=1, microseconds=5))).isoformat())
show(lambda: dt.isoformat(timespec='days'))
show(lambda: dt.isoformat(sep='ab'))
show(lambda: dt.isoformat(sep=1))
for s in ['2011-11-04', '20111104', '2011-W01-2', '2011W012', '2011-W01', '2011W01', '2020-W53-7']:
    show(lambda: date.fromisoformat(s))
for s in ['04:23:01', '04:23:01.000384', '04:23:01,000384', 'T042301', '04:23:01+04:00', '04:23:01Z',
          '04:23', '04', '04:23:01.1234567', '04:23:01-05:30:15.5']:
    show(lambda: time.fromisoformat(s))
for s in ['2011-11-04T00:05:23', '2011-11-04 00:05:23.283', '2011-11-04T00:05:23Z', '20111104T000523',
          '2011-W01-2T00:05:23.283', '2011-11-04T00:05:23.283+00:00', '2011-11-04T00:05:23+04:00',
          '2011-11-04\u00e900:05', '2011-11-04', '2011W0102:03']:
    show(lambda: datetime.fromisoformat(s))
for s in ['', '2011-1-4', '2011-11-04T', '2011-11-04T25:00', '2011-02-30', '2011-11-04T00:05:23+', '2020-W54-1',
          '2011-11-04T00:05:23.', '04:23:01.', 'x', '2011-11-04T00:05:23+24:00', '2011-11\u00e904']:
    show(lambda: datetime.fromisoformat(s))
show(lambda: date.fromisoformat(20111104))
show(lambda: time.fromisoformat('25:00'))
