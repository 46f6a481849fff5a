# atexit: callbacks also run after an uncaught exception (after its traceback), and _run_exitfuncs/_clear
import atexit
def first():
    print('first registered, runs last')
def second():
    print('second registered, runs first')
atexit.register(lambda: print('cleared, never runs'))
atexit._clear()
print(atexit._ncallbacks())
atexit.register(print, 'ran by _run_exitfuncs')
atexit._run_exitfuncs()
print(atexit._ncallbacks())
atexit.register(first)
atexit.register(second)
raise SystemExit('exiting with a message')
