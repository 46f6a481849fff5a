# Benchmark: operating-system task scheduler simulation (Richards style): task control blocks, packet queues, virtual dispatch.

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
BUFFER_SIZE = 4


class Packet:
    __slots__ = ("link", "owner", "kind", "index", "data")

    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.index = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        """Put this packet at the end of queue (a linked list, maybe empty); return the head."""
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task:
    """A task control block: runnable unless held, or waiting with no packet queued."""

    def __init__(self, system, ident, priority, queue):
        self.system = system
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.held = False
        self.waiting = queue is None

    def runnable(self):
        return not self.held and (self.queue is not None or not self.waiting)

    def take_packet(self):
        packet = self.queue
        self.queue = packet.link
        return packet

    def run(self, packet):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, system, ident, priority, count):
        super().__init__(system, ident, priority, None)
        self.waiting = False
        self.seed = 1
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.system.hold_current()
        # A linear feedback shift register picks which device to wake.
        if self.seed & 1:
            self.seed = (self.seed >> 1) ^ 0xD008
            return self.system.release(DEVICE_B)
        self.seed >>= 1
        return self.system.release(DEVICE_A)


class WorkerTask(Task):
    def __init__(self, system, ident, priority, queue):
        super().__init__(system, ident, priority, queue)
        self.target = HANDLER_A
        self.letter = 0

    def run(self, packet):
        if packet is None:
            return self.system.wait_current()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        packet.owner = self.target
        packet.index = 0
        for i in range(BUFFER_SIZE):
            self.letter = self.letter + 1 if self.letter < 26 else 1
            packet.data[i] = self.letter
        return self.system.send(packet, self.target)


class HandlerTask(Task):
    def __init__(self, system, ident, priority, queue):
        super().__init__(system, ident, priority, queue)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        work = self.work
        if work is not None:
            if work.index >= BUFFER_SIZE:
                self.work = work.link
                return self.system.send(work, WORKER)
            device = self.devices
            if device is not None:
                self.devices = device.link
                device.index = work.data[work.index]
                work.index += 1
                return self.system.send(device, DEVICE_A if self.ident == HANDLER_A else DEVICE_B)
        return self.system.wait_current()


class DeviceTask(Task):
    def __init__(self, system, ident, priority, queue):
        super().__init__(system, ident, priority, queue)
        self.pending = None
        self.output = 0

    def run(self, packet):
        if packet is None:
            pending = self.pending
            if pending is None:
                return self.system.wait_current()
            self.pending = None
            return self.system.send(pending, pending.owner)
        self.pending = packet
        self.output = (self.output * 31 + packet.index) & 0xFFFF
        return self.system.hold_current()


class System:
    def __init__(self):
        self.tasks = {}
        self.order = []  # highest priority first
        self.current = None
        self.queue_count = 0
        self.hold_count = 0

    def add(self, task):
        self.tasks[task.ident] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.priority)

    def schedule(self):
        order = self.order
        i = 0
        while i < len(order):
            task = order[i]
            if not task.runnable():
                i += 1
                continue
            packet = None
            if task.waiting:
                packet = task.take_packet()
                task.waiting = False
            self.current = task
            nxt = task.run(packet)
            i = order.index(nxt) if nxt is not task else i

    def wait_current(self):
        self.current.waiting = True
        return self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.held = True
        return self.current

    def release(self, ident):
        task = self.tasks[ident]
        task.held = False
        return task if task.priority > self.current.priority else self.current

    def send(self, packet, ident):
        task = self.tasks[ident]
        self.queue_count += 1
        packet.link = None
        packet.owner = self.current.ident
        if task.queue is None:
            task.queue = packet
            if task.priority > self.current.priority:
                return task
        else:
            packet.append_to(task.queue)
        return self.current


def run_once(count):
    system = System()
    system.add(IdleTask(system, IDLE, 0, count))
    work = Packet(None, WORKER, KIND_WORK)
    work = Packet(work, WORKER, KIND_WORK)
    system.add(WorkerTask(system, WORKER, 1000, work))
    for handler, device, prio in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        queue = Packet(None, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        system.add(HandlerTask(system, handler, prio, queue))
    system.add(DeviceTask(system, DEVICE_A, 4000, None))
    system.add(DeviceTask(system, DEVICE_B, 5000, None))
    system.schedule()
    outputs = (system.tasks[DEVICE_A].output, system.tasks[DEVICE_B].output)
    return system.queue_count, system.hold_count, outputs


def main():
    results = {run_once(10000) for _ in range(12)}
    assert len(results) == 1, results
    queue_count, hold_count, outputs = results.pop()
    assert queue_count > 10000 and hold_count > 5000, (queue_count, hold_count)
    print("richards_like: queue count %d, hold count %d, device outputs %s" % (queue_count, hold_count, outputs))


main()
