print("circ_b starts")
import circ_a
print("circ_b sees circ_a partially:", hasattr(circ_a, "fa"))
try:
    from circ_a import fa
except ImportError as e:
    msg = str(e)
    print(msg[:msg.index("(/") + 1] + msg[msg.index("003_circular_pkgs/"):], "| name =", e.name)
try:
    circ_a.fa
except AttributeError as e:
    print(e)
def fb():
    return "fb"
