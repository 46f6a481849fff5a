# implicit chaining: "During handling of the above exception, another exception occurred:"
def load(config):
    try:
        return config["path"]
    except KeyError:
        raise RuntimeError("config is missing 'path'")

load({})
