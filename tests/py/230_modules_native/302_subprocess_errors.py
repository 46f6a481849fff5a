# subprocess errors raised in the parent through the error pipe: missing program, bad cwd, not executable, preexec_fn
import os
import subprocess
import sys
import tempfile

def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', r)
    except Exception as e:
        text = str(e)
        filename = getattr(e, 'filename', None)
        if tmp and isinstance(filename, str):
            text, filename = text.replace(tmp, 'TMP'), filename.replace(tmp, 'TMP')
        print(label, type(e).__name__, text, getattr(e, 'errno', None), filename)

tmp = None

attempt('missing abs', lambda: subprocess.run(['/nonexistent/prog_zz']))
attempt('missing path', lambda: subprocess.run(['prog_zz_not_on_path']))
attempt('missing cwd', lambda: subprocess.run(['ls'], cwd='/nonexistent_dir_zz'))
attempt('missing executable', lambda: subprocess.run(['ls'], executable='/nonexistent/exe'))
with tempfile.TemporaryDirectory() as d:
    tmp = d
    path = os.path.join(d, 'script')
    with open(path, 'w') as f:
        f.write('#!/bin/sh\necho hi\n')
    attempt('not executable', lambda: subprocess.run([path]) and None)
    os.chmod(path, 0o755)
    attempt('executable', lambda: subprocess.run([path], capture_output=True).stdout)
    attempt('directory', lambda: subprocess.run([d]))

def bad_preexec():
    raise ValueError('boom')
attempt('preexec', lambda: subprocess.run(['true'], preexec_fn=bad_preexec))
attempt('bad arg type', lambda: subprocess.run([1, 2]))
attempt('null byte', lambda: subprocess.run(['echo', 'a\0b']))
attempt('bad env', lambda: subprocess.run(['true'], env={'A=B': 'x'}))
attempt('timeout value', lambda: subprocess.run(['true'], timeout=5).returncode)
p = subprocess.Popen(['true'])
p.wait()
attempt('wait twice', lambda: p.wait())
attempt('kill exited', lambda: p.kill())
import _posixsubprocess
attempt('fork_exec fds', lambda: _posixsubprocess.fork_exec([b'true'], [b'/bin/true'], True, (5, 3), None, None,
        -1, -1, -1, -1, -1, -1, 3, 4, True, False, -1, None, None, None, -1, None, False))
attempt('fork_exec errpipe', lambda: _posixsubprocess.fork_exec([b'true'], [b'/bin/true'], True, (), None, None,
        -1, -1, -1, -1, -1, -1, 1, 2, True, False, -1, None, None, None, -1, None, False))
