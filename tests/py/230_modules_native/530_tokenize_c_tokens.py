# _tokenize.TokenizerIter: CPython 3.11's C token stream (exact op types, comments in NEWLINE, INDENT/DEDENT at -1, byte columns, the tokenizer's line buffer)
import _tokenize
import tokenize

sources = [
    'def f(x):\n    # c\n    return x+1  # c2\n\nif 1:\n  a = """x\ny""" ; b = (1,\n 2)\n',
    'x = 1 \\\n  \\\n  + 2\n',
    'if x:\n  \\\n  y\n',
    "s = 'a\\\nb' + c\n",
    'if x:\n  y\n\n# c\n  \n',
    '',
    '# only\n',
    'x # c\n# d\n',
    'x\r\ny\rz',
    '1 <> 2 ! ? ` $',
    'Örter = u"places"\ngrün = 1',
    'async def f():\n    await x\n',
    'x := 1 ... -> @= **= //= >>= <<= != ~ ^ %',
    'def f(\n    a,\n    # c\n    b): pass\n',
    'f"{x!r:>{w}}" rb"\\x" U"a" 0xff 1e-3j 1_000.5',
    '\tif x:\n\t\ty\n',
]
for src in sources:
    print(repr(src))
    for tok in _tokenize.TokenizerIter(src):
        print('   ', tok)

# What tokenize.py builds on it.
for t in tokenize._generate_tokens_from_c_tokenizer("a = [1,\n  2]  # end\n"):
    print(t)
print(type(_tokenize.TokenizerIter('x')).__name__, iter(_tokenize.TokenizerIter('x')).__class__.__name__)
