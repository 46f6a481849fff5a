# typing on the native GenericAlias: TypeVar/TypeVarTuple substitution, Unpack, pickling and copying of aliases, TypedDict calls, no_type_check
import copy
import pickle
from typing import (Callable, Dict, List, TypedDict, TypeVar, TypeVarTuple, Tuple, Union, Unpack,
                    get_args, get_origin, get_type_hints, no_type_check)


def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)


T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Ts = TypeVarTuple("Ts")

attempt("list[T][int]", lambda: list[T][int])
attempt("Callable chain", lambda: list[Callable[[K, V], K]][str, int])
attempt("typing in builtin", lambda: (list[Dict[K, V]][str, int], list[Union[K, V]][str, int]))
attempt("params mixed", lambda: list[Callable[[K, V], K]].__parameters__)
attempt("Ts params", lambda: (tuple[T, *Ts].__parameters__, tuple[*Ts].__parameters__))
attempt("Ts subst", lambda: (tuple[T, *Ts][int, str, bytes], tuple[*Ts, T][int], tuple[T, *Ts][int]))
attempt("Ts unpack splice", lambda: tuple[T, *Ts][int, *tuple[str, bytes]])
attempt("Ts variadic", lambda: tuple[T, *Ts][int, *tuple[str, ...]])
attempt("Unpack", lambda: (Unpack[tuple[int]], tuple[Unpack[tuple[int, ...]]]))
attempt("Tuple Ts", lambda: Tuple[int, *Ts][str, bytes])
attempt("get_args", lambda: (get_args(tuple[*tuple[int, str]]), get_origin((*tuple[int],)[0])))
attempt("Union params", lambda: Union[list[T], tuple[T, ...]].__parameters__)
attempt("too few", lambda: tuple[T, K, *Ts][int])

for alias in [list[T], dict[str, list[int]], (*tuple[int, str],)[0], tuple[*tuple[int, ...]], Unpack[tuple[T]],
              tuple[T, *Ts], Tuple[int, ...], Callable[[int], str]]:
    same = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        loaded = pickle.loads(pickle.dumps(alias, proto))
        same.append(loaded == alias and type(loaded) is type(alias))
    print("pickle", alias, all(same), copy.copy(alias) == alias, copy.deepcopy(alias) == alias)

Emp = TypedDict("Emp", {"name": str, "id": int})
attempt("TypedDict call", lambda: Emp(name="Jim", id=1))


class Point(TypedDict, total=False):
    x: int
    y: int


attempt("TypedDict class call", lambda: (Point(x=1), type(Point(x=1)).__name__, Point.__optional_keys__ == {"x", "y"}))


@no_type_check
class Some:
    @staticmethod
    def st(x: int) -> int: ...

    @classmethod
    def cl(cls, y: int) -> int: ...


attempt("no_type_check", lambda: (Some.st.__no_type_check__, Some.cl.__no_type_check__, get_type_hints(Some.cl)))
