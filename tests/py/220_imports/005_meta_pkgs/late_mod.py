WHERE = "late_mod found on an appended sys.path entry"
