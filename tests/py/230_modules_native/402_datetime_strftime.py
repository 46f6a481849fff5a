# datetime strftime/__format__ with %z %Z %f, ctime, timetuple, isocalendar, ordinals
from datetime import date, time, datetime, timedelta, timezone, tzinfo

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = date(2002, 3, 4)
t = time(5, 6, 7, 89, tzinfo=timezone(timedelta(hours=2), 'X%Y'))
dt = datetime(2002, 3, 4, 5, 6, 7, 89, tzinfo=timezone(-timedelta(hours=3, seconds=1)))
print(d.strftime('%Y-%m-%d %a %b %j %U %f %z|%Z|%%'), t.strftime('%H:%M:%S.%f %z %Z'), dt.strftime('%c %f %z %Z'))
print(format(d, ''), format(d, '%d/%m'), f'{dt:%H %z}', f'{t}', format(datetime(2000, 1, 1), '%Y%%%f'))
print(d.ctime(), dt.ctime(), date(2000, 2, 29).ctime())
print(d.timetuple(), dt.timetuple().tm_isdst, dt.utctimetuple())
print(d.isocalendar(), date(2004, 1, 1).isocalendar(), date(2008, 12, 29).isocalendar(), date(2010, 1, 3).isocalendar().week)
print(d.weekday(), d.isoweekday(), d.toordinal(), date.fromordinal(730000), date.fromisocalendar(2004, 53, 7))
print(datetime.fromordinal(730000), repr(datetime.combine(d, t)), datetime.combine(d, t, tzinfo=None))
print(datetime.strptime('2002-03-04 05:06', '%Y-%m-%d %H:%M'), repr(datetime.strptime('+0130', '%z')))
class Bad(tzinfo):
    def tzname(self, dt): return 5
    def utcoffset(self, dt): return timedelta(hours=25)
show(lambda: datetime(2000, 1, 1, tzinfo=Bad()).strftime('%Z'))
show(lambda: datetime(2000, 1, 1, tzinfo=Bad()).strftime('%z'))
show(lambda: d.strftime(1))
show(lambda: d.__format__(1))
show(lambda: date.fromordinal(0))
show(lambda: date.fromisocalendar(2000, 54, 1))
show(lambda: date.fromisocalendar(2000, 5, 8))
show(lambda: date.fromisocalendar(2**40, 5, 8))
print(ascii(time(1, 2).strftime('%H\u00e9%M')))
show(lambda: date(2000, 1, 1).strftime('%y\ud800%m'))
import time as _time
print(ascii(_time.strftime('%y\ud800', (2000, 1, 1, 0, 0, 0, 5, 1, -1))))
class Sur(tzinfo):
    def tzname(self, dt): return '\ud800'
show(lambda: time(tzinfo=Sur()).strftime('%Z'))
