print("circ_a starts")
import circ_b
def fa():
    return "fa"
print("circ_a ends, circ_b.fb() =", circ_b.fb())
