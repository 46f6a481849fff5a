# At exit the main thread waits for non-daemon threads; daemon threads are abandoned
import threading, time

def slow():
    time.sleep(0.05)
    print("non-daemon finished")

def forever():
    while True:
        time.sleep(0.01)

threading.Thread(target=forever, daemon=True).start()
threading.Thread(target=slow).start()
print("main done")
