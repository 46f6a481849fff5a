# the status comes from the code attribute: changed after construction, a str is printed, status 1
e = SystemExit(4)
print(e.code, e.args)
e.code = "code replaced"
print(e.code, e.args)
raise e
