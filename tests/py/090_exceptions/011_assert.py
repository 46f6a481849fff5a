# assert statement with and without message
try:
    assert 1 + 1 == 3
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert False, "custom message %d" % 5
except AssertionError as e:
    print(type(e).__name__, e)
try:
    assert [], ["list", "msg"]
except AssertionError as e:
    print(e.args)
assert True, "never"
print("ok")
