__all__ = ["public", "helper", "lazy"]
public = 1
helper = 2
_private = 3
not_listed = 4
