# subprocess.Popen: pipes, communicate (input, timeout), wait(timeout), signals, pass_fds, sessions
import os
import signal
import subprocess
import sys

p = subprocess.Popen([sys.executable, '-c', 'import sys; d = sys.stdin.read(); sys.stdout.write(d[::-1]); sys.stderr.write(str(len(d)))'],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate(b'abcdef' * 20000, timeout=30)
print(len(out), out[:6], err, p.returncode, p.poll())

with subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as p:
    p.stdin.write('line1\nline2\n')
    p.stdin.close()
    print(p.stdout.readlines())
print(p.returncode)

p = subprocess.Popen(['sleep', '10'])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as e:
    print('TimeoutExpired:', e)
print(p.poll())
p.kill()
print(p.wait(), -signal.SIGKILL)
p = subprocess.Popen(['sleep', '10'])
p.terminate()
print(p.wait())
p = subprocess.Popen(['sleep', '10'])
p.send_signal(signal.SIGINT)
print(p.wait())

p = subprocess.Popen([sys.executable, '-c', 'import time; print("started", flush=True); time.sleep(10)'], stdout=subprocess.PIPE)
try:
    p.communicate(timeout=0.5)
except subprocess.TimeoutExpired as e:
    print('communicate timed out', e.timeout)
p.kill()
out, _ = p.communicate()
# What the child printed before the kill depends on how fast it started.
print(out in (b'', b'started\n'), p.returncode)

try:
    subprocess.run(['sleep', '5'], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print('run timed out', e.cmd, e.timeout <= 0.2)

# pass_fds keeps a descriptor open in the child; close_fds closes the others.
r, w = os.pipe()
os.set_inheritable(w, False)
child = 'import os, sys; os.write(int(sys.argv[1]), b"via fd"); print(os.get_inheritable(int(sys.argv[1])))'
p = subprocess.Popen([sys.executable, '-c', child, str(w)], pass_fds=[w], stdout=subprocess.PIPE)
os.close(w)
print(os.read(r, 100), p.communicate()[0])
os.close(r)
r, w = os.pipe()
os.set_inheritable(w, True)
child = 'import os, sys\ntry:\n    os.fstat(int(sys.argv[1])); print("open")\nexcept OSError as e: print("closed", e.errno)'
print(subprocess.run([sys.executable, '-c', child, str(w)], close_fds=True, capture_output=True, text=True).stdout, end='')
print(subprocess.run([sys.executable, '-c', child, str(w)], close_fds=False, capture_output=True, text=True).stdout, end='')
os.close(r)
os.close(w)

# start_new_session: the child leads a new session.
code = 'import os; print(os.getsid(0) == os.getpid())'
print(subprocess.run([sys.executable, '-c', code], start_new_session=True, capture_output=True, text=True).stdout, end='')
print(subprocess.run([sys.executable, '-c', code], capture_output=True, text=True).stdout, end='')
# process_group, umask
print(subprocess.run([sys.executable, '-c', 'import os; print(os.getpgid(0) == os.getpid())'], process_group=0,
                     capture_output=True, text=True).stdout, end='')
print(subprocess.run('umask', shell=True, umask=0o27, capture_output=True, text=True).stdout, end='')
# preexec_fn runs in the child before exec.
print(subprocess.run(['sh', '-c', 'echo $SLPY_PREEXEC'], preexec_fn=lambda: os.environ.__setitem__('SLPY_PREEXEC', 'set'),
                     capture_output=True, text=True).stdout, end='')
