#!/usr/bin/python
# -*- coding: no-such-codec -*-
# an unknown encoding in the cookie
print("never")
