# format spec for floats across many specs and values
vals = [0.0, 1.0, -2.5, 3.14159265358979, 1234567.891, 1e-7, 1e22, float("inf"), float("nan")]
specs = ["", "f", ".1f", "e", ".2e", "g", ".3g", "%", ".0%", "10.2f", "<10.1f", "+.2f", ",.2f", "012.3f", "#.0f", "G", "E", "n", "r" if False else "^12.4g"]
for v in vals:
    print(" | ".join(format(v, s) for s in specs))
