# __init_subclass__ hooks with keyword arguments, and __set_name__ on descriptors
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
class CSV(Plugin, name="csv"):
    pass
class JSONThing(Plugin):
    pass
class Sub(CSV):
    pass
print(Plugin.registry, CSV.plugin_name, Sub.plugin_name)
class Field:
    def __set_name__(self, owner, name):
        self.name = name
        self.owner = owner.__name__
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return f"{self.owner}.{self.name} of {type(obj).__name__}"
class Model:
    title = Field()
    body = Field()
print(Model().title, Model().body, Model.title.name)
try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
