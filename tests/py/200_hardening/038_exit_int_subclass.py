# sys.exit with an int subclass whose __str__ differs: used as an int (status 9), nothing printed
import sys


class Status(int):
    def __str__(self):
        return "status %d" % int(self)


print(str(Status(9)))
sys.exit(Status(9))
