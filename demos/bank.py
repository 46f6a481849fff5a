# A bank of 1,000 account actors (one tasklet each, owning its balance, reached only through
# its inbox channel) and 100 clients making 100,000 transfers in all; money is conserved.
# Usage: tools/run demos/bank.py [ACCOUNTS] [TRANSFERS] [CLIENTS]
import sys
import time
import stackless

ACCOUNTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
TRANSFERS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
CLIENTS = int(sys.argv[3]) if len(sys.argv) > 3 else 100
START = 1000


class Lcg:
    # Seeded so the run is reproducible (slpy cannot import `random` yet).
    def __init__(self, seed):
        self.x = seed

    def randrange(self, n):
        self.x = (self.x * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.x >> 8) % n


def account(inbox):
    balance = START
    while True:
        msg = inbox.receive()
        op = msg[0]
        if op == "withdraw":
            _, amount, reply = msg
            if amount <= balance:
                balance -= amount
                reply.send(True)
            else:
                reply.send(False)
        elif op == "deposit":
            balance += msg[1]
        elif op == "balance":
            msg[1].send(balance)
        else:  # "close"
            msg[1].send(balance)
            return


inboxes = [stackless.channel() for _ in range(ACCOUNTS)]
for box in inboxes:
    stackless.tasklet(account)(box)
outcome = {"done": 0, "refused": 0, "moved": 0}


def client(seed, n):
    rng = Lcg(seed)
    reply = stackless.channel()
    for _ in range(n):
        a = rng.randrange(ACCOUNTS)
        b = rng.randrange(ACCOUNTS - 1)
        if b >= a:
            b += 1
        amount = 1 + rng.randrange(200)
        inboxes[a].send(("withdraw", amount, reply))
        if reply.receive():
            inboxes[b].send(("deposit", amount))
            outcome["done"] += 1
            outcome["moved"] += amount
        else:
            outcome["refused"] += 1


t0 = time.perf_counter()
per_client = TRANSFERS // CLIENTS
for c in range(CLIENTS):
    stackless.tasklet(client)(c + 1, per_client + (1 if c < TRANSFERS % CLIENTS else 0))
stackless.run()
t1 = time.perf_counter()
reply = stackless.channel()
balances = []
for box in inboxes:
    box.send(("close", reply))
    balances.append(reply.receive())
stackless.run()

total = sum(balances)
print("accounts:", ACCOUNTS, "transfers:", outcome["done"] + outcome["refused"],
      "done:", outcome["done"], "refused (insufficient funds):", outcome["refused"])
print("money moved:", outcome["moved"], "min/max balance:", min(balances), max(balances))
print("total:", total, "expected:", ACCOUNTS * START,
      "conserved" if total == ACCOUNTS * START and min(balances) >= 0 else "WRONG")
print("runcount at end:", stackless.getruncount())
print("%.1f us/transfer, total %.3f s" % ((t1 - t0) / TRANSFERS * 1e6, t1 - t0))
