# syntax error: a continuation line is shown from the tokenizer buffer in compile(), from the file in a script
x = 1 + \
    2 3
