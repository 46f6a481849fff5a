# uncaught NameError for a misspelled global inside a function: suggestion names the global
counter_value = 10

def bump():
    return countr_value + 1

bump()
