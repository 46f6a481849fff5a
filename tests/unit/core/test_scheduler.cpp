// Unit tests of the scheduler's queues (scheduler/): the circular run queue (append at
// the end of the round, rotation to a new head, circular next/prev, removal), channel
// wait lists (FIFO, balance, unblocking from the middle), that none of it allocates,
// and that the collector keeps queued and blocked tasklets alive through the scheduler's
// and the channels' tracing.
#include <catch2/catch.hpp>

#include "test_vm.h"

#include "objects/type.h"
#include "scheduler/scheduler.h"
#include "stackless/vm/interpreter.h"

#include <cstdint>
#include <vector>

using namespace slpy;

namespace {

struct Fixture {
    VM& vm;
    Interpreter* in;
    Scheduler* sched;
    TypeObject* ttype;
    TypeObject* ctype;
};

void trace_t(Object* o, Tracer& t)
{
    auto* k = static_cast<Tasklet*>(o);
    t.visit(k->blocked_on);
    t.visit(k->tempval);
}

void trace_c(Object* o, Tracer& t)
{
    for (Tasklet& w : static_cast<Channel*>(o)->waiters)
        t.visit(&w);
}

// One scheduler on the shared VM, with an interpreter that runs no code (the tests use
// only the queue primitives) and minimal tasklet/channel types.
Fixture& fx()
{
    static Fixture* f = [] {
        VM& vm = test::shared_vm();
        auto* in = new Interpreter(vm);
        auto* s = new Scheduler(*in);
        vm.heap.add_root_provider([s](Tracer& t) { s->trace(t); });
        TypeObject* tt = make_builtin_type(vm, "unit_tasklet", nullptr, sizeof(Tasklet), 0, trace_t);
        finish_builtin_type(vm, tt);
        TypeObject* ct = make_builtin_type(vm, "unit_channel", nullptr, sizeof(Channel), 0, trace_c);
        finish_builtin_type(vm, ct);
        s->tasklet_type = tt;
        return new Fixture{ vm, in, s, tt, ct };
    }();
    return *f;
}

Tasklet* new_tasklet()
{
    auto* t = static_cast<Tasklet*>(alloc_instance(fx().vm, fx().ttype));
    REQUIRE(t);
    new (&t->run_hook) TaskletHook();
    new (&t->wait_hook) TaskletHook();
    t->tempval = py_none();
    return t;
}

Channel* new_channel()
{
    auto* c = static_cast<Channel*>(alloc_instance(fx().vm, fx().ctype));
    REQUIRE(c);
    new (&c->waiters) WaitList();
    c->preference = -1;
    return c;
}

std::vector<Tasklet*> order(Scheduler& s)
{
    std::vector<Tasklet*> v;
    for (Tasklet& t : s.queue)
        v.push_back(&t);
    return v;
}

// Blocks t on c in direction dir, as Scheduler::channel_action does.
void block(Scheduler& s, Channel* c, Tasklet* t, int dir)
{
    s.unlink(t);
    t->blocked_on = c;
    t->block_dir = int8_t(dir);
    c->waiters.push_back(*t);
    c->balance += dir;
}

} // namespace

TEST_CASE("run queue: append, rotate, circular neighbours, remove", "[scheduler]")
{
    Scheduler& s = *fx().sched;
    REQUIRE(s.runcount() == 0);
    Tasklet* a = new_tasklet();
    Tasklet* b = new_tasklet();
    Tasklet* c = new_tasklet();
    Tasklet* d = new_tasklet();
    s.append(a); // the head: the current tasklet
    s.append(b);
    s.append(c);
    s.append(d);
    CHECK(s.runcount() == 4);
    CHECK(order(s) == std::vector<Tasklet*>{ a, b, c, d });
    CHECK(s.queue_next(d) == a); // circular
    CHECK(s.queue_prev(a) == d);
    CHECK(s.queue_next(a) == b);

    // Switching to c skips b for this round: c becomes the head, a and b follow d.
    s.make_head(c);
    CHECK(order(s) == std::vector<Tasklet*>{ c, d, a, b });
    s.make_head(c); // already the head: no change
    CHECK(order(s) == std::vector<Tasklet*>{ c, d, a, b });

    // Appending puts a tasklet just before the head: at the end of the round.
    Tasklet* e = new_tasklet();
    s.append(e);
    CHECK(order(s).back() == e);
    CHECK(s.queue_prev(c) == e);

    s.unlink(a);
    CHECK_FALSE(a->in_queue);
    s.unlink(a); // not in the queue: no effect
    CHECK(s.runcount() == 4);
    CHECK(order(s) == std::vector<Tasklet*>{ c, d, b, e });
    for (Tasklet* t : { c, d, b, e })
        s.unlink(t);
    CHECK(s.runcount() == 0);
    CHECK(s.queue.empty());
}

TEST_CASE("channel wait list: FIFO, balance, unblock from the middle", "[scheduler]")
{
    Scheduler& s = *fx().sched;
    Channel* ch = new_channel();
    Tasklet* t[4];
    for (auto*& k : t) {
        k = new_tasklet();
        s.append(k);
    }
    for (Tasklet* k : t)
        block(s, ch, k, -1); // four receivers
    CHECK(ch->balance == -4);
    CHECK(s.runcount() == 0);
    CHECK(&ch->waiters.front() == t[0]);

    s.unblock(t[2]); // killed or thrown to while waiting: off the list, balance toward 0
    CHECK(ch->balance == -3);
    CHECK(t[2]->blocked_on == nullptr);
    std::vector<Tasklet*> rest;
    for (Tasklet& w : ch->waiters)
        rest.push_back(&w);
    CHECK(rest == std::vector<Tasklet*>{ t[0], t[1], t[3] });
    s.unblock(t[2]); // not blocked: no effect
    CHECK(ch->balance == -3);

    // Served in order.
    for (Tasklet* k : { t[0], t[1], t[3] }) {
        CHECK(&ch->waiters.front() == k);
        s.unblock(k);
        s.append(k);
    }
    CHECK(ch->balance == 0);
    CHECK(ch->waiters.empty());
    for (Tasklet* k : t)
        s.unlink(k);
}

TEST_CASE("queueing, blocking and waking allocate nothing", "[scheduler]")
{
    Scheduler& s = *fx().sched;
    VM& vm = fx().vm;
    Channel* ch = new_channel();
    std::vector<Tasklet*> ts; // malloc memory: the queue roots them while more are made
    for (int i = 0; i < 100; ++i) {
        ts.push_back(new_tasklet());
        s.append(ts.back());
    }
    for (Tasklet* k : ts)
        s.unlink(k);
    size_t before = vm.heap.stats().objects_allocated;
    for (int round = 0; round < 10; ++round) {
        for (Tasklet* k : ts)
            s.append(k);
        s.make_head(ts[50]);
        for (Tasklet* k : ts)
            block(s, ch, k, 1);
        for (Tasklet* k : ts) {
            s.unblock(k);
            s.append(k);
        }
        for (Tasklet* k : ts)
            s.unlink(k);
    }
    CHECK(vm.heap.stats().objects_allocated == before);
    CHECK(ch->balance == 0);
}

namespace {

// The addresses are kept scrambled so that the conservative stack scan cannot see them:
// only the scheduler's and the channel's tracing keep the objects alive.
constexpr uintptr_t kScramble = 0x5a5a5a5a5a5a5a5aull;

[[gnu::noinline]] void make_rooted(uintptr_t* queued, uintptr_t* blocked, uintptr_t* channel, uintptr_t* loose)
{
    Scheduler& s = *fx().sched;
    Tasklet* q = new_tasklet();
    s.append(q);
    Channel* ch = new_channel();
    Tasklet* b = new_tasklet();
    s.append(b);
    block(s, ch, b, -1);
    // The channel is reachable only from its blocked tasklet's blocked_on, which is
    // reachable only from the channel: a cycle held by nothing. A queued tasklet that
    // holds the channel in its tempval roots both.
    q->tempval = Value::from_object(ch);
    Tasklet* l = new_tasklet(); // referenced by nothing
    *queued = reinterpret_cast<uintptr_t>(q) ^ kScramble;
    *blocked = reinterpret_cast<uintptr_t>(b) ^ kScramble;
    *channel = reinterpret_cast<uintptr_t>(ch) ^ kScramble;
    *loose = reinterpret_cast<uintptr_t>(l) ^ kScramble;
}

// Zeroes the dead stack below the caller, where make_rooted's frame left copies of the
// addresses: the collector's own frames would otherwise reuse those words uninitialized
// and the conservative scan would keep the loose tasklet alive.
[[gnu::noinline]] void scrub_dead_stack()
{
    volatile char area[32 * 1024];
    for (size_t i = 0; i < sizeof area; ++i)
        area[i] = 0;
}

bool live(uintptr_t scrambled)
{
    auto const* o = reinterpret_cast<Object const*>(scrambled ^ kScramble);
    return !(o->gc & GC_FREE) && o->type;
}

} // namespace

TEST_CASE("the collector keeps queued and blocked tasklets and their channel", "[scheduler]")
{
    uintptr_t q, b, c, l;
    make_rooted(&q, &b, &c, &l);
    scrub_dead_stack();
    fx().vm.heap.collect();
    fx().vm.heap.collect();
    CHECK(live(q));
    CHECK(live(b));
    CHECK(live(c));
    CHECK_FALSE(live(l));
    auto* qt = reinterpret_cast<Tasklet*>(q ^ kScramble);
    auto* bt = reinterpret_cast<Tasklet*>(b ^ kScramble);
    Scheduler& s = *fx().sched;
    s.unblock(bt);
    s.unlink(qt);
    qt->tempval = py_none();
}
