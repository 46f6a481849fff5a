# datetime timezones: names, reprs, aware arithmetic and comparisons, fromutc, naive/aware errors
from datetime import date, time, datetime, timedelta, timezone, tzinfo

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for off in [timedelta(0), timedelta(hours=5, minutes=30), -timedelta(hours=1, seconds=1), timedelta(microseconds=1)]:
    tz = timezone(off)
    print(repr(tz), str(tz), tz.tzname(None), tz.utcoffset(None), tz.dst(None))
print(repr(timezone.utc), repr(timezone.min), repr(timezone.max), timezone(timedelta(0)) is timezone.utc)
print(repr(timezone(timedelta(hours=1), 'CET')), timezone(timedelta(hours=1)) == timezone(timedelta(hours=1), 'x'))
print(hash(timezone(timedelta(hours=1))) == hash(timezone(timedelta(hours=1), 'y')), timezone.utc == 0)
a = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
b = datetime(2000, 1, 1, 13, tzinfo=timezone(timedelta(hours=1)))
print(a == b, hash(a) == hash(b), a - b, a < b, b - timedelta(minutes=30), (a + timedelta(days=400)).isoformat())
print(b.astimezone(timezone.utc), a.astimezone(timezone(timedelta(hours=-8), 'PST')), b.utcoffset(), b.tzname(), b.dst())
print(a.timestamp(), datetime.fromtimestamp(86400.5, timezone.utc), datetime.fromtimestamp(1e9, timezone(timedelta(hours=2))))
print(datetime.utcfromtimestamp(1e9), datetime.utcfromtimestamp(-1.5), datetime.utcfromtimestamp(0.0000005))

class EST(tzinfo):
    def utcoffset(self, dt): return timedelta(hours=-5) + self.dst(dt)
    def dst(self, dt): return timedelta(hours=1) if dt and dt.month in (6, 7) else timedelta(0)
    def tzname(self, dt): return 'EDT' if self.dst(dt) else 'EST'
est = EST()
print(datetime(2000, 7, 1, tzinfo=est).utcoffset(), a.astimezone(est), datetime(2000, 7, 1, tzinfo=timezone.utc).astimezone(est))
print(time(12, tzinfo=timezone.utc) == time(13, tzinfo=timezone(timedelta(hours=1))), time(1) == time(1, tzinfo=timezone.utc))
print(repr(time(1, 2, 3, 4, timezone.utc, fold=1)), repr(datetime(1, 2, 3, fold=1, tzinfo=timezone.utc)))
print(datetime(2000, 1, 1) == datetime(2000, 1, 1, tzinfo=timezone.utc), date(2000, 1, 1) == datetime(2000, 1, 1))
show(lambda: datetime(2000, 1, 1) < datetime(2000, 1, 1, tzinfo=timezone.utc))
show(lambda: datetime(2000, 1, 1) - datetime(2000, 1, 1, tzinfo=timezone.utc))
show(lambda: time() < time(tzinfo=timezone.utc))
show(lambda: datetime(2000, 1, 1) < date(2000, 1, 1))
show(lambda: timezone(timedelta(hours=24)))
show(lambda: timezone(1))
show(lambda: timezone(timedelta(0), 1))
show(lambda: timezone.utc.utcoffset(1))
show(lambda: timezone.utc.fromutc(datetime(2000, 1, 1)))
show(lambda: tzinfo().utcoffset(None))
show(lambda: est.fromutc(a))
show(lambda: datetime(2000, 1, 1, tzinfo=1))
show(lambda: datetime.max.replace(tzinfo=timezone(timedelta(hours=-1))).astimezone(timezone.utc))
