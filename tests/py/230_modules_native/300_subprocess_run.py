# subprocess.run / check_output / call: capture, text mode, return codes, env=, cwd=, shell=True
import os
import subprocess
import sys

r = subprocess.run([sys.executable, '-c', 'print(1)'], capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
print(subprocess.check_output([sys.executable, '-c', 'import sys; sys.stdout.write("a\\nb")']))
print(subprocess.check_output(['echo', 'hi there'], text=True), end='')
print(subprocess.call([sys.executable, '-c', 'import sys; sys.exit(5)']))
r = subprocess.run([sys.executable, '-c', 'import sys; sys.stderr.write("err\\n"); print("out")'],
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print(sorted(r.stdout.split()))
try:
    subprocess.check_call([sys.executable, '-c', 'raise SystemExit(3)'])
except subprocess.CalledProcessError as e:
    print('CalledProcessError', e.returncode, str(e).replace(sys.executable, 'PY'))
try:
    subprocess.run(['false'], check=True)
except subprocess.CalledProcessError as e:
    print(e)
# env= replaces the environment; shell=True runs /bin/sh -c.
r = subprocess.run('echo "$FOO-$BAR"; exit 3', shell=True, env={'FOO': 'foo', 'BAR': 'bar'}, stdout=subprocess.PIPE)
print(r.returncode, r.stdout)
r = subprocess.run(['pwd'], cwd='/', stdout=subprocess.PIPE, text=True)
print(repr(r.stdout))
r = subprocess.run([sys.executable, '-c', 'import os; print(os.getcwd())'], cwd=os.path.dirname(os.path.abspath('/usr/bin/env')),
                   capture_output=True, text=True)
print(r.stdout.strip())
# input= goes to the child's stdin.
r = subprocess.run([sys.executable, '-c', 'import sys; print(sys.stdin.read().upper())'], input='hello', capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run(['cat'], input=b'x' * 200000, capture_output=True)
print(len(r.stdout), r.stdout == b'x' * 200000)
print(subprocess.getoutput('echo one; echo two >&2'))
print(subprocess.getstatusoutput('exit 4'))
print(repr(subprocess.list2cmdline(['a b', 'c"d'])))
