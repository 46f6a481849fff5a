# coding: latin-1
# a UTF-8 byte order mark with a latin-1 cookie is an encoding problem
print("never")
