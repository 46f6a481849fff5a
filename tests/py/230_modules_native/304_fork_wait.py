# os.fork, os.waitpid/wait, os._exit, wait status macros, register_at_fork, execv in a forked child, kill
import os
import signal
import sys

pid = os.fork()
if pid == 0:
    os._exit(7)
wpid, status = os.waitpid(pid, 0)
print(wpid == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status), os.waitstatus_to_exitcode(status))

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, ('child sees parent %s' % (os.getppid() != os.getpid())).encode())
    os._exit(0)
os.close(w)
print(os.read(r, 100).decode())
os.close(r)
print(os.wait()[1])

pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), signal.SIGTERM)
    os._exit(1)
_, status = os.waitpid(pid, 0)
print(os.WIFSIGNALED(status), os.WTERMSIG(status) == signal.SIGTERM, os.waitstatus_to_exitcode(status))

# WNOHANG on a running child, then reaping it.
pid = os.fork()
if pid == 0:
    import time
    time.sleep(0.3)
    os._exit(3)
print(os.waitpid(pid, os.WNOHANG))
print(os.waitpid(pid, 0)[1] >> 8)

# execv replaces the forked child.
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, '-c', 'import sys; sys.exit(42)'])
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.fork()
if pid == 0:
    os.execve('/bin/sh', ['sh', '-c', 'exit $CODE'], {'CODE': '9'})
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# register_at_fork callbacks, before in reverse order.
log = []
os.register_at_fork(before=lambda: log.append('before1'), after_in_parent=lambda: log.append('parent1'))
os.register_at_fork(before=lambda: log.append('before2'), after_in_child=lambda: log.append('child'))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.write(w, repr(log).encode())
    os._exit(0)
os.waitpid(pid, 0)
os.close(w)
print('child log', os.read(r, 200).decode())
print('parent log', log)
os.close(r)

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt('waitpid none', lambda: os.waitpid(-1, 0))
attempt('wait none', lambda: os.wait())
attempt('at_fork empty', lambda: os.register_at_fork())
attempt('at_fork bad', lambda: os.register_at_fork(before=1))
attempt('at_fork positional', lambda: os.register_at_fork(print))
attempt('execv empty', lambda: os.execv('/bin/true', []))
attempt('execv empty first', lambda: os.execv('/bin/true', ['']))
attempt('execv str', lambda: os.execv('/bin/true', 'ab'))
attempt('execve env', lambda: os.execve('/bin/true', ['a'], 1))
attempt('execv missing', lambda: os.execv('/nonexistent_zz', ['x']))
attempt('getpgid', lambda: os.getpgid(0) == os.getpgrp())
attempt('getsid', lambda: isinstance(os.getsid(0), int) and os.getsid(0) >= 0)
attempt('getpgid bad', lambda: os.getpgid(-5))
attempt('killpg bad', lambda: os.killpg(-5, 0))
attempt('pipe2', lambda: [os.get_inheritable(fd) or os.close(fd) for fd in os.pipe2(0)])
attempt('pipe2 cloexec', lambda: [os.get_inheritable(fd) or os.close(fd) for fd in os.pipe2(os.O_CLOEXEC)])
attempt('WCOREDUMP', lambda: (os.WCOREDUMP(0), os.WIFCONTINUED(0xffff), os.WIFSTOPPED(0x137f), os.WSTOPSIG(0x137f)))
