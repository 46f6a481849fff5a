# faulthandler: enable/disable, dump_traceback to a file, argument errors, register on a user signal, and a crash child under -X faulthandler (its report and its death by SIGSEGV)
import faulthandler, io, os, re, signal, subprocess, sys, tempfile

print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled(), faulthandler.disable(), faulthandler.is_enabled(), faulthandler.disable())

def read_dump(**kw):
    with tempfile.TemporaryFile() as f:
        faulthandler.dump_traceback(f, **kw)
        f.seek(0)
        return re.sub(r"0x[0-9a-f]+", "0x...", f.read().decode())

def inner():
    return read_dump(all_threads=False), read_dump()
def outer():
    return inner()
for text in outer():
    print(text.replace(__file__, "FILE"), end="")

for bad in [lambda: faulthandler.dump_traceback_later(0), lambda: faulthandler.dump_traceback_later(-1),
            lambda: faulthandler.register(signal.SIGSEGV), lambda: faulthandler.enable(file=io.StringIO()),
            lambda: faulthandler.enable(file=-1), lambda: faulthandler.unregister(0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

with tempfile.TemporaryFile() as f:
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)
    os.kill(os.getpid(), signal.SIGUSR1)
    print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))
    f.seek(0)
    print(f.read().decode().replace(__file__, "FILE"), end="")

child = "import os, signal\ndef crash():\n    os.kill(os.getpid(), signal.SIGSEGV)\ncrash()\n"
r = subprocess.run([sys.executable, "-X", "faulthandler", "-c", child], capture_output=True, text=True)
print(r.returncode, re.sub(r"0x[0-9a-f]+", "0x...", r.stderr))
