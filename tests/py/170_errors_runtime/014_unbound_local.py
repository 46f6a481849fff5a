# UnboundLocalError caught, then uncaught in a nested function with a free variable of the same name
total = 5
def add_to_total(n):
    try:
        total += n
    except UnboundLocalError as e:
        print(type(e).__name__, e)
add_to_total(1)

def outer():
    x = 1
    def inner():
        print(x)
        x = 2
    inner()

outer()
