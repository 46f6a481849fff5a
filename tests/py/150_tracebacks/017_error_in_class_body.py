# exception raised while executing a class body: frame named after the class
class Config:
    defaults = {"a": 1}
    value = defaults["b"]
