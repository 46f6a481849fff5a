# termios on a pseudo-terminal: tcgetattr/tcsetattr round trip, raw mode, window size, errors, constants
import os, termios, tty

master, slave = os.openpty()
attrs = termios.tcgetattr(slave)
print(len(attrs), [type(a).__name__ for a in attrs])
print(len(attrs[6]) == termios.NCCS, all(isinstance(c, bytes) and len(c) == 1 for c in attrs[6]))

# Leave canonical mode: cc[VMIN]/cc[VTIME] come back as ints.
new = list(attrs)
new[3] &= ~(termios.ICANON | termios.ECHO)
new[6] = list(attrs[6])
new[6][termios.VMIN] = 1
new[6][termios.VTIME] = 0
termios.tcsetattr(slave, termios.TCSANOW, new)
got = termios.tcgetattr(slave)
print(bool(got[3] & termios.ICANON), bool(got[3] & termios.ECHO))
print(got[6][termios.VMIN], got[6][termios.VTIME], type(got[6][termios.VINTR]).__name__)
termios.tcsetattr(slave, termios.TCSADRAIN, attrs)
print(termios.tcgetattr(slave) == attrs)

# tty.setraw goes through the same calls.
tty.setraw(slave)
raw = termios.tcgetattr(slave)
print(bool(raw[3] & termios.ICANON), bool(raw[3] & termios.ISIG), raw[6][termios.VMIN])
termios.tcsetattr(slave, termios.TCSAFLUSH, attrs)

termios.tcsetwinsize(slave, (24, 80))
print(termios.tcgetwinsize(slave))
termios.tcsetwinsize(master, [50, 132])
print(termios.tcgetwinsize(slave))

termios.tcdrain(slave)
termios.tcflush(slave, termios.TCIOFLUSH)
termios.tcflow(slave, termios.TCOON)
termios.tcsendbreak(slave, 0)

class F:
    def fileno(self):
        return slave
print(termios.tcgetattr(F()) == attrs)

for call in [lambda: termios.tcsetattr(slave, termios.TCSANOW, attrs[:6]),
             lambda: termios.tcsetattr(slave, termios.TCSANOW, attrs[:6] + [attrs[6][:3]]),
             lambda: termios.tcsetattr(slave, termios.TCSANOW, attrs[:6] + [['xy'] * termios.NCCS]),
             lambda: termios.tcsetattr(slave, 'x', attrs),
             lambda: termios.tcsetwinsize(slave, (1, 2, 3)),
             lambda: termios.tcgetattr('x'),
             lambda: termios.tcgetattr(-1)]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)

r, w = os.pipe()
try:
    termios.tcgetattr(r)
except termios.error as e:
    print('termios.error', e.args[0] == __import__('errno').ENOTTY, issubclass(termios.error, OSError))
for fd in (master, slave, r, w):
    os.close(fd)
try:
    termios.tcdrain(slave)
except termios.error as e:
    print('closed', e.args[0] == __import__('errno').EBADF, type(e.args[1]).__name__)

consts = {n: getattr(termios, n) for n in dir(termios) if n[:1].isupper() and isinstance(getattr(termios, n), int)}
print(len(consts), sum(consts.values()) % 1000003, consts['TCSANOW'], consts['B9600'], consts['TIOCGWINSZ'])
print(termios.error.__module__, termios.error.__mro__[1].__name__)
