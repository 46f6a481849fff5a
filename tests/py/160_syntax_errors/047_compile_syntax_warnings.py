# compile-time SyntaxWarnings ("is" with a literal, always-true assert, missed commas), and SyntaxError when a filter makes them errors
import warnings

x = 2
print("script:", x is 2)
srcs = ['x is 1', 'x is not ()', 'x is None', '1 is x', 'x == 1 is y', 'assert(x, "msg")', 'assert ()', '[(1, 2) (3, 4)]', '[f"x" (1)]',
        '[1 [2]]', '[(1,2) [3]]', '[(1,2) [i]]', '["a" [1:2]]', '[{1} [0]]', '[[1] ["a"]]', 'x[1]', '(lambda: 1)[0]', 'if x is 1: pass',
        'x = 1 < 2 is 3 < 4']
for s in srcs:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        compile(s, '<w>', 'exec')
    print(repr(s), [(x.category.__name__, str(x.message), x.filename, x.lineno) for x in w])
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        try:
            compile(s, '<w>', 'exec')
        except SyntaxError as e:
            print('   SyntaxError', e.msg, e.lineno, e.offset, e.end_offset, repr(e.text))
