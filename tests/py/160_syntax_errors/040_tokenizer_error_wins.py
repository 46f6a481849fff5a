# syntax error: a tokenizer error further on wins over a parser error
x = 1 2
y = "abc
