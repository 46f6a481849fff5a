# traceback through a decorator's wrapper function and a sorted() key function
def logged(fn):
    def wrapper(*args):
        return fn(*args)
    return wrapper

@logged
def sort_records(records):
    return sorted(records, key=lambda r: r["age"])

print(sort_records([{"age": 3}, {"age": 1}]))
sort_records([{"age": 3}, {"name": "x"}])
