# uncaught KeyError from a nested dict lookup inside a loop
inventory = {"apples": {"count": 3}, "pears": {"count": 0}}
for fruit in ["apples", "pears", "plums"]:
    print(fruit, inventory[fruit]["count"])
