# os.chown/lchown/fchown (uid/gid -1, argument errors, fd forms) and chmod(follow_symlinks=False) on Linux
import os
import tempfile

d = tempfile.mkdtemp()
os.chdir(d)
open('regf', 'w').close()
os.symlink('nonexisting', 'lnk')
os.chmod('regf', 0o600, follow_symlinks=False)
print(oct(os.stat('regf').st_mode))
for args in [dict(follow_symlinks=False), {}]:
    try:
        os.chmod('lnk', 0o700, **args)
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
os.chown('regf', os.getuid(), -1)
os.lchown('lnk', os.getuid(), os.getgid())
os.chown('lnk', -1, -1, follow_symlinks=False)
fd = os.open('regf', os.O_RDONLY)
os.fchown(fd, -1, -1)
os.chown(fd, -1, -1)
os.chmod(fd, 0o640, follow_symlinks=False)
print(oct(os.stat('regf').st_mode))
calls = [lambda: os.chown('nonexist', -1, -1), lambda: os.chown('regf', 'a', 0), lambda: os.chown('regf', 0, 2.5),
         lambda: os.chown('regf', -2, 0), lambda: os.chown('regf', 2**40, 0), lambda: os.chown('regf', 0, 2**70),
         lambda: os.chown(fd, -1, -1, follow_symlinks=False), lambda: os.fchown(-1, 0, 0), lambda: os.lchown(fd, 0, 0),
         lambda: os.chown('regf', -1, -1, dir_fd=None), lambda: os.chown('regf', -1)]
for call in calls:
    try:
        call()
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
os.close(fd)
print(os.chown in os.supports_fd, os.chown in os.supports_follow_symlinks, os.chmod in os.supports_follow_symlinks)
os.unlink('lnk')
os.unlink('regf')
os.chdir('/')
os.rmdir(d)
