# _signal: Python handlers run after raise_signal, getsignal/signal results, constants and errors
import _signal

print(_signal.SIG_DFL, _signal.SIG_IGN, _signal.NSIG, _signal.SIGINT, _signal.SIGTERM, _signal.SIGUSR1, _signal.SIGRTMIN, _signal.SIGRTMAX)
print(_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler, _signal.getsignal(_signal.SIGUSR1),
      _signal.getsignal(_signal.SIGPIPE))
got = []
def handler(signum, frame):
    got.append(signum)
print(_signal.signal(_signal.SIGUSR1, handler))
print(_signal.getsignal(_signal.SIGUSR1) is handler)
_signal.raise_signal(_signal.SIGUSR1)
print(got)
_signal.raise_signal(_signal.SIGUSR1)
_signal.raise_signal(_signal.SIGUSR1)
print(got)
class Stop(Exception):
    pass
def raiser(signum, frame):
    raise Stop('from handler %d' % signum)
print(_signal.signal(_signal.SIGUSR1, raiser) is handler)
try:
    _signal.raise_signal(_signal.SIGUSR1)
    print('not reached')
except Stop as e:
    print('Stop', e)
print(_signal.signal(_signal.SIGUSR1, _signal.SIG_IGN) is raiser)
_signal.raise_signal(_signal.SIGUSR1)
print(_signal.getsignal(_signal.SIGUSR1), _signal.signal(_signal.SIGUSR1, _signal.SIG_DFL))
try:
    _signal.default_int_handler(2, None)
except KeyboardInterrupt as e:
    print('KeyboardInterrupt', repr(e))
_signal.signal(_signal.SIGINT, handler)
_signal.raise_signal(_signal.SIGINT)
print(got)
_signal.signal(_signal.SIGINT, _signal.default_int_handler)
try:
    _signal.raise_signal(_signal.SIGINT)
except KeyboardInterrupt:
    print('KeyboardInterrupt from SIGINT')
for call in [lambda: _signal.signal(0, 0), lambda: _signal.signal(100, 0), lambda: _signal.signal(2, 5),
             lambda: _signal.signal(2, None), lambda: _signal.signal(9, 0), lambda: _signal.getsignal(0),
             lambda: _signal.strsignal(100), lambda: _signal.set_wakeup_fd(-5), lambda: _signal.signal(2)]:
    try:
        print(repr(call()))
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)
print(_signal.strsignal(_signal.SIGINT), _signal.strsignal(_signal.SIGTERM), _signal.strsignal(_signal.SIGSEGV))
v = _signal.valid_signals()
print(type(v).__name__, len(v), 1 in v, 32 in v)
print(_signal.alarm(0), issubclass(_signal.ItimerError, OSError), _signal.getitimer(_signal.ITIMER_REAL))
