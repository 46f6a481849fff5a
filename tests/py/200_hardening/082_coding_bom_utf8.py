# -*- coding: utf-8 -*-
# a UTF-8 byte order mark with a matching utf-8 cookie runs
print("été", len("été"))
print(__doc__)
