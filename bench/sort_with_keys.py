# Benchmark: sorting with key functions: lambdas, operator.itemgetter/attrgetter, tuple keys, reverse, stability, functools.cmp_to_key.
import functools
import operator
import random
from collections import namedtuple

Person = namedtuple("Person", "name age city")


def main():
    rng = random.Random(7)
    cities = ["Oslo", "Lima", "Pune", "Kyiv", "Riga", "Doha"]
    people = [Person("p%05d" % rng.randrange(100000), rng.randrange(18, 90), rng.choice(cities)) for _ in range(20000)]
    rows = [(rng.random(), rng.randrange(1000), "w%d" % rng.randrange(500)) for _ in range(20000)]
    checks = []
    for _ in range(3):
        by_age = sorted(people, key=operator.attrgetter("age"))
        by_city_age = sorted(people, key=lambda p: (p.city, -p.age, p.name))
        by_name_len = sorted(people, key=lambda p: len(p.name) * 100 + p.age, reverse=True)
        by_col = sorted(rows, key=operator.itemgetter(1, 2))
        by_str = sorted(rows, key=lambda r: r[2])
        by_cmp = sorted(rows[:5000], key=functools.cmp_to_key(lambda a, b: (a[1] > b[1]) - (a[1] < b[1]) or (a[0] > b[0]) - (a[0] < b[0])))
        words = [r[2] for r in rows]
        words.sort(key=str.lower)
        nums = [r[0] for r in rows]
        nums.sort(reverse=True)
        checks = [by_age[0].age, by_age[-1].age, by_city_age[0], by_name_len[0].name, by_col[0][1], by_str[0][2],
                  by_cmp[0][1], words[-1], round(nums[0], 6)]
    # Stability: equal ages keep the by-name order they had.
    by_name = sorted(people, key=operator.attrgetter("name"))
    stable = sorted(by_name, key=operator.attrgetter("age"))
    assert all(a.age < b.age or (a.age == b.age and a.name <= b.name) for a, b in zip(stable, stable[1:]))
    print("sort_with_keys:", checks)


main()
