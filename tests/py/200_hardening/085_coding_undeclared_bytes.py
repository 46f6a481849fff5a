# non-UTF-8 bytes without a declaration are an error, even in a comment: é
print("never")
