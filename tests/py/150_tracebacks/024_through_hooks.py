# A traceback through special methods run by instructions and builtins: f-string, if, len(), attribute fallback
class C:
    def __len__(self):
        return self.size
    def __getattr__(self, name):
        raise LookupError(f"no {name} here")

class B:
    def __bool__(self):
        return len(C()) > 0

class A:
    def __format__(self, spec):
        if B():
            return "yes"
        return "no"

def show(x):
    return f"value: {x:>5}"

print("start")
print(show(A()))
