# os.fork and the import lock: fork waits for an import in another thread; the child's lock keeps only its own nesting
import _imp
import os
import sys
import threading
import time

# A thread holds the import lock while it builds a module: fork() waits for it, so the
# child sees the module complete and the lock free.
started = threading.Event()
def importer():
    _imp.acquire_lock()
    sys.modules["fake_fork_mod"] = "partial"
    started.set()
    time.sleep(0.05)
    sys.modules["fake_fork_mod"] = "complete"
    _imp.release_lock()
t = threading.Thread(target=importer)
t.start()
started.wait()
pid = os.fork()
if pid == 0:
    code = 42 if (sys.modules["fake_fork_mod"] == "complete" and not _imp.lock_held()) else 1
    os._exit(code)
t.join()
_, status = os.waitpid(pid, 0)
print("child exit code:", os.waitstatus_to_exitcode(status))
print("parent holds it:", _imp.lock_held())

# Fork while this thread holds the lock `level` times: the child holds it as many times.
for level in range(4):
    for _ in range(level):
        _imp.acquire_lock()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            for _ in range(level):
                _imp.release_lock()
            if _imp.lock_held():
                code = 2
        except RuntimeError:
            code = 1
        os._exit(code)
    for _ in range(level):
        _imp.release_lock()
    _, status = os.waitpid(pid, 0)
    print("level", level, "child exit code:", os.waitstatus_to_exitcode(status), "held:", _imp.lock_held())
