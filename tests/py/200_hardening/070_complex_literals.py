# complex literals (1j, 2.5e3J, 1e-3j, 0j), their folding with int/float/complex constants, repr and errors
print(1j, 2.5e3J, 1e-3j, 0j, 00j, 1_0j, .5j, 5.j, 1E+2j, 1e400j, -1e400j)
print(1+2j, -1j, -0j, +1j, 1-1j, 2*3j, 1j*1j, (1+2j)/(3-4j), 1j**2, 2j**0.5, (1+1j)**-2)
print(type(1j).__name__, (1j).real, (1j).imag, 1j == complex(0, 1), 2j.conjugate())
x = 3
print(x + 1j, x * 2j, 1j / 2, 10**20 + 1j, 0.1 + 0.2j, x - 1j, 1j - x)
print(not 0j, not 1j, 0j or 'falsy', -0.0 + 0j, 0j - 0j, (0j).real.hex())
print({1j: 'a', (0+1j): 'b'}, [0j, -0j, 0.0j], hash(1j) == hash(complex(0, 1)))
print(eval('3j'), eval('-2.5e-3J'), eval('1j ** 3'))


def consts():
    return (1+2j, -1j, 1j * 1j, -(1+2j), 1e308j * 10, 2j / 4, (1+1j) ** 2, 2 ** 1j)


print(consts.__code__.co_consts[1:])
print(consts() == consts(), [repr(c) for c in consts()])

# operations that raise are left for run time, as CPython's folding does
for src in ['1j % 2', '1j // 1', '~1j', '1j / 0', '0j ** -1', '1j << 1', '(1e200+1e200j) ** 4']:
    try:
        print(src, '->', eval(src))
    except Exception as e:
        print(src, '->', type(e).__name__, e)

# invalid imaginary literals
for src in ['1jj', '1j2', '0x1j', '1_j', '1e3_j', '1.5jx', '1__0j']:
    try:
        compile(src, 'lit', 'eval')
        print(src, 'compiles')
    except SyntaxError as e:
        print(src, '->', e.msg, e.offset)
print(1j if 1 else 2, [1j for x in 'ab'], 1j in [1j], type(1j) is complex)
