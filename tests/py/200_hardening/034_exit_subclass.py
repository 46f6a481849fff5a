# a SystemExit subclass: its code attribute (here a property) decides the status, 12
import sys


class Leave(SystemExit):
    def __init__(self, reason):
        super().__init__(99)
        self.reason = reason

    @property
    def code(self):
        return 12


try:
    raise Leave("first")
except SystemExit as e:
    print(type(e).__name__, e.code, e.args, e.reason)
raise Leave("done")
