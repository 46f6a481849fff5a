# huge: expandtabs with tab sizes whose result exceeds memory
for f in (
    lambda: "\t".expandtabs(10**10),
    lambda: ("\t" * 1000).expandtabs(2**62),
    lambda: b"\t\t".expandtabs(2**62),
    lambda: "a\tb".expandtabs(2**63 - 1),
):
    try:
        f()
    except (MemoryError, OverflowError, ValueError):
        pass
