# a regular package: runs once, before its submodules
print("pkg/__init__ runs as", __name__, "package", __package__)
TOP = "pkg.TOP"
