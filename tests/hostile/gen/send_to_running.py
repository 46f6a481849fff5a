# gen: send()/next()/throw()/close() on a generator from inside its own body (ValueError)
def g():
    for op in range(5):
        try:
            if op == 0:
                me.send(None)
            elif op == 1:
                next(me)
            elif op == 2:
                me.throw(KeyError)
            elif op == 3:
                me.close()
            else:
                list(me)
        except ValueError:
            pass
        yield op
me = g()
print(list(me))
