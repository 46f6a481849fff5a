# raising SystemExit directly with a non-int, non-str object prints its str and exits 1
print("raising SystemExit with a list")
raise SystemExit([1, 2])
