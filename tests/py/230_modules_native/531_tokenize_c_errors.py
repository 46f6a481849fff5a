# _tokenize.TokenizerIter errors: SyntaxError when iteration reaches a lexical error, silent stops where CPython's tokenizer only returns ERRORTOKEN
import _tokenize

def run(src):
    out = []
    try:
        for tok in _tokenize.TokenizerIter(src):
            out.append(tok[0])
    except SyntaxError as e:
        print(repr(src), '->', out, type(e).__name__, e.args)
        return
    print(repr(src), '->', out)

for src in ['(1+2]', '(1+2}', '{1+2]', 'x=(\n1+2]\n', ']', '1_', '1.2_', '1e2_', '1e+', '\xa0', '€',
            '0b12', '0b1_2', '0b2', '0b', '0o18', '0o8', '0x', '012', "'sdfsdf", "'''sdfsdf''",
            'x = "abc\nfoo', 'a = 1\nb = """abc\n\ndef', '(' * 201, '\ufeffx',
            '(', 'if 1:\n  x\n y\n', 'a \\ b', 'a\\', 'if 1:\n\tx\n        y\n']:
    run(src)

def generate_source(indents):
    source = ''.join(('  ' * x) + 'if True:\n' for x in range(indents))
    return source + '  ' * indents + 'pass\n'

print([t[1] for t in _tokenize.TokenizerIter(generate_source(99))][-3:])
print([t[1] for t in _tokenize.TokenizerIter(generate_source(100))][-3:])

for bad in [lambda: _tokenize.TokenizerIter('x\0'), lambda: _tokenize.TokenizerIter(5),
            lambda: _tokenize.TokenizerIter(), lambda: _tokenize.TokenizerIter('x', 'y'),
            lambda: _tokenize.TokenizerIter('\ud800')]:
    try:
        bad()
    except (ValueError, TypeError, UnicodeError) as e:
        print(type(e).__name__, e)
it = _tokenize.TokenizerIter(source='x')
print(list(it), list(it))
