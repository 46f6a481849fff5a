# sys.exit((7,)) raised while handling another exception is chained, hence normalized: status 7, nothing printed
import sys

try:
    {}["missing"]
except KeyError:
    print("handling KeyError")
    sys.exit((7,))
