# exception raised in a finally block while another exception is propagating, through two frames
def cleanup():
    raise OSError("cleanup failed")

def work():
    try:
        raise ValueError("work failed")
    finally:
        cleanup()

work()
