# NameError messages; "Did you mean" suggestions appear only in printed tracebacks, not in str(e)
def show(fn):
    try:
        fn()
    except NameError as e:
        print(type(e).__name__, e, "| name:", e.name)
show(lambda: prnt("x"))
show(lambda: lenn([]))
show(lambda: completely_unknown_name)
value_total = 1
show(lambda: value_totl)
