# _imp's import lock: re-entrant, owned by one thread, held around meta-path finders' find_spec
import _imp
import sys
import threading
import time

print("held at start:", _imp.lock_held())
_imp.acquire_lock()
_imp.acquire_lock()
print("held twice:", _imp.lock_held())
_imp.release_lock()
print("released once:", _imp.lock_held())
_imp.release_lock()
print("released twice:", _imp.lock_held())
for call in (lambda: _imp.release_lock(), lambda: _imp.acquire_lock(1), lambda: _imp.lock_held(x=1)):
    try:
        call()
    except (RuntimeError, TypeError) as e:
        print(type(e).__name__, e)

# Another thread holds it: lock_held() is true here, release raises, acquire waits.
events = []
def holder():
    _imp.acquire_lock()
    events.append("holder took it")
    time.sleep(0.05)
    events.append("holder releases")
    _imp.release_lock()
t = threading.Thread(target=holder)
t.start()
while not events:
    time.sleep(0.001)
print("held by the other thread:", _imp.lock_held())
try:
    _imp.release_lock()
except RuntimeError as e:
    print("release by a non-owner:", e)
_imp.acquire_lock()
events.append("main took it")
_imp.release_lock()
t.join()
print(events)
print("held at the end:", _imp.lock_held())

# Finders run under the lock, one thread at a time (test_threaded_import's Finder).
class Finder:
    def __init__(self):
        self.calls = 0
        self.x = 0
        self.held = []
    def find_spec(self, name, path=None, target=None):
        if not name.startswith("no_such_mod_"):
            return None
        self.held.append(_imp.lock_held())
        self.calls += 1
        x = self.x
        time.sleep(0.002)   # another thread would run here if finders were not serialized
        self.x = x + 1
        return None

finder = Finder()
sys.meta_path.insert(0, finder)
errors = []
def importer(i):
    try:
        __import__("no_such_mod_%d" % i)
    except ModuleNotFoundError as e:
        errors.append(str(e))
threads = [threading.Thread(target=importer, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.meta_path.remove(finder)
print("calls:", finder.calls, "x:", finder.x, "all under the lock:", all(finder.held))
print(sorted(errors)[:2], len(errors))
