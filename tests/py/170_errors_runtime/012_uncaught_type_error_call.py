# uncaught TypeError for a wrong argument count in a method call
class Greeter:
    def greet(self, name, greeting):
        return f"{greeting}, {name}"

g = Greeter()
print(g.greet("ann", "hi"))
g.greet("bob")
