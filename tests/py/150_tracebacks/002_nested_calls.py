# uncaught exception three calls deep: one frame line per call with call-position markers
def level3(d):
    return d["missing"]

def level2(d):
    value = level3(d)
    return value

def level1():
    return level2({"present": 1})

print("start")
level1()
