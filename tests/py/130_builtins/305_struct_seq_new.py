# sys.flags/version_info/thread_info refuse new instances; other struct sequences construct, also via __new__
import sys, time, os

for o in (sys.flags, sys.version_info, sys.thread_info):
    t = type(o)
    try:
        t(o)
        print("made", t.__name__)
    except TypeError as e:
        print("TypeError:", e)
    try:
        t.__new__(t, o)
        print("made", t.__name__)
    except TypeError:  # CPython's text names tuple.__new__ (these types have no __new__)
        print("TypeError")
print(sys.thread_info.name in ('nt', 'pthread', 'pthread-stubs', 'solaris', None), type(sys.thread_info.version) in (str, type(None)))
print(len(sys.thread_info), sys.thread_info._fields if hasattr(sys.thread_info, '_fields') else type(sys.thread_info).n_fields)
fi = type(sys.float_info).__new__(type(sys.float_info), sys.float_info)
print(fi == sys.float_info, type(fi) is type(sys.float_info))
st = time.struct_time.__new__(time.struct_time, (2001, 2, 3, 4, 5, 6, 0, 34, 0))
print(st.tm_year, st.tm_yday, st.tm_zone)
try:
    int.__new__(bool, 1)
except TypeError as e:
    print("TypeError:", e)
