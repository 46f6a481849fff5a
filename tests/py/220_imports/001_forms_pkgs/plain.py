visible = "v"
_hidden = "h"
def func():
    return "plain.func"
