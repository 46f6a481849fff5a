# The agents of demos/embedding/host.cpp: one tasklet each, scripted in Python.
#
# Agents sit on a ring. Every frame the host sends the frame number to the conductor,
# which wakes each agent on its own clock channel. An agent then reads the world state
# the host keeps (world.sense), hands a quarter of its energy to its right neighbour over
# a channel, takes what its left neighbour hands it, and reports its new energy to the
# host (world.post). Energy only moves between agents, so the total is conserved: the
# host checks that, and the message counts, at the end.
import stackless
import world

messages = 0  # channel messages sent by the agents and the conductor
frames_seen = 0


def agent(i, clock, mail_out, mail_in):
    # Even agents send first and odd ones receive first, so the ring never deadlocks
    # (the ring has an even number of agents).
    global messages
    energy = world.energy(i)
    sends_first = i % 2 == 0
    while True:
        frame = clock.receive()
        if frame < 0:
            break
        bonus = world.sense(i, frame)
        give = energy // 4
        if sends_first:
            mail_out.send(give)
            got = mail_in.receive()
        else:
            got = mail_in.receive()
            mail_out.send(give)
        messages += 1
        energy = energy - give + got + bonus
        world.post(i, energy)


def conductor(host, clocks):
    global messages, frames_seen
    while True:
        frame = host.receive()
        for c in clocks:
            c.send(frame)
        messages += len(clocks)
        if frame < 0:
            break
        frames_seen += 1


def start(n, host):
    """Creates the n agents (n even) and the conductor listening on the host's channel."""
    if n % 2:
        raise ValueError("the ring needs an even number of agents")
    clocks = [stackless.channel() for _ in range(n)]
    mail = [stackless.channel() for _ in range(n)]
    for i in range(n):
        # agent i sends on mail[(i + 1) % n] (its right neighbour's inbox), receives on mail[i]
        stackless.tasklet(agent)(i, clocks[i], mail[(i + 1) % n], mail[i])
    stackless.tasklet(conductor)(host, clocks)
    return n


def summary():
    return {"messages": messages, "frames": frames_seen}
