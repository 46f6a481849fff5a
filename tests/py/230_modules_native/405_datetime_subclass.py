# datetime subclassing: alternate constructors and arithmetic build the subclass; replace; argument errors
from datetime import date, time, datetime, timedelta, timezone

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class D(date):
    extra = 1
class DT(datetime):
    def __new__(cls, *args, **kw):
        self = super().__new__(cls, *args, **kw)
        self.tag = 'made'
        return self
class TD(timedelta):
    pass
class T(time):
    pass
print(repr(D(2000, 1, 1)), repr(D(2000, 1, 1) + timedelta(1)), type(D.fromordinal(5)).__name__, type(D.fromisoformat('2000-01-01')).__name__)
print(type(D.fromisocalendar(2000, 1, 1)).__name__, type(D(2000, 1, 1).replace(day=2)).__name__, D(2000, 1, 2) - D(2000, 1, 1))
x = DT(2000, 1, 1, 12, tzinfo=timezone.utc)
print(repr(x), x.tag, (x + timedelta(hours=1)).tag, type(x - timedelta(1)).__name__, type(x.astimezone(timezone.utc)).__name__)
print(DT.fromisoformat('2000-01-01T00:00').tag, DT.combine(date(1, 1, 1), time(1)).tag, DT.fromtimestamp(0, timezone.utc).tag)
print(type(DT.strptime('2000', '%Y')).__name__, type(DT.utcfromtimestamp(0)).__name__, type(x.replace(hour=1)).__name__)
print(repr(TD(1)), type(TD(1) + TD(1)).__name__, type(-TD(1)).__name__, repr(T(1, 2)), type(T(1).replace(hour=2)).__name__)
print(isinstance(x, date), issubclass(datetime, date), datetime.__mro__[1] is date, type(x.date()).__name__, type(x.timetz()).__name__)
print(datetime(2000, 1, 1).replace(2001, fold=1).fold, datetime(2000, 1, 1, tzinfo=timezone.utc).replace(tzinfo=None))
print(time(1, 2, 3, 4, timezone.utc).replace(second=9, tzinfo=None), date(2000, 1, 31).replace(month=1, day=1))
show(lambda: date(2000, 1))
show(lambda: date(2000, 1, 1.0))
show(lambda: date(2000, 13, 1))
show(lambda: date(2000, 2, 30))
show(lambda: date(0, 1, 1))
show(lambda: date(2**40, 1, 1))
show(lambda: datetime(2000, 1, 1, 24))
show(lambda: datetime(2000, 1, 1, 1, 60))
show(lambda: datetime(2000, 1, 1, fold=2))
show(lambda: time(1, 2, 3, 1000000))
show(lambda: time(hour='1'))
show(lambda: date(2000, 1, 1).replace(x=1))
show(lambda: date(2000, 1, 1).replace(month=13))
show(lambda: date.max + timedelta(1))
show(lambda: date.min - timedelta(1))
show(lambda: datetime.max + timedelta(microseconds=1))
show(lambda: datetime.combine(1, time()))
show(lambda: datetime(2000, 1, 1) + 1)
show(lambda: date(2000, 1, 1) - 1)
show(lambda: x.abc)
