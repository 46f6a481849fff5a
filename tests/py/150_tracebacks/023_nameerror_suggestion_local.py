# uncaught NameError in a nested function with a "Did you mean" suggestion naming a local variable
def outer():
    def inner():
        counter = 0
        return countr + 1
    return inner()

outer()
