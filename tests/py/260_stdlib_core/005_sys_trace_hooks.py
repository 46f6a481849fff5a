# sys.gettrace/getprofile/settrace/setprofile: no hook installed answers None, restoring None works, argument errors as CPython
import sys
print(sys.gettrace(), sys.getprofile())
old = sys.gettrace()
print(sys.settrace(old), sys.setprofile(sys.getprofile()))
for call in (lambda: sys.gettrace(1), lambda: sys.getprofile(1, 2), lambda: sys.settrace(),
             lambda: sys.setprofile(None, None)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
