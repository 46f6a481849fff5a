// The _queue module: SimpleQueue (an unbounded FIFO whose get() waits) and Empty, as
// CPython 3.11's _queuemodule.c.
//
// Threads are green threads (scheduler/README.md "Threads"): a get() on an empty queue
// parks the calling tasklet on the queue's wait list, and on a timer for a timeout.
// put() never blocks: it appends and wakes the first waiter, which takes an item when it
// runs again (another getter may come first: it then parks again). So a put() from a
// __del__ or a signal handler cannot deadlock. Called from the loop, a waiting get()
// tail-calls the hidden Python loop _get_wait (each park a soft switch); from native
// code it loops here on its carrier.
#include "stackless/modules/runtime_modules.h"

#include "objects/function.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/module.h"
#include "objects/string.h"
#include "objects/type.h"
#include "scheduler/scheduler.h"
#include "stackless/modules/native_support.h"
#include "stackless/vm/interpreter.h"

#include <cstring>

namespace slpy {

namespace {

struct SimpleQueue : Object {
    List* items;          // the queued items from `head` on; null until the first put
    size_t head;          // items before it were taken (cleared)
    WaitListBase waiters; // tasklets parked in get(), first come first served
};

TypeObject* g_queue_type = nullptr;
TypeObject* g_empty_type = nullptr;

constexpr char const* kWaitWhat = "getting from an empty SimpleQueue";

// Per VM: the retry loop of a waiting get(), compiled at the first wait.
char const kQueueKey = 0;
struct QueueVM : VM::ModuleState {
    explicit QueueVM(VM&) {}
    void trace(Tracer& t) override { t.visit(get_wait); }
    Value get_wait;
};

QueueVM& qvm(VM& vm) { return module_state<QueueVM>(vm, &kQueueKey); }

SimpleQueue* self_queue(Value v) { return static_cast<SimpleQueue*>(v.as_object()); }

bool is_queue(Value v) { return v.is_object() && is_instance_fast(v, g_queue_type); }

void queue_trace(Object* self, Tracer& t)
{
    auto* q = static_cast<SimpleQueue*>(self);
    if (q->items)
        t.visit(q->items);
    trace_wait_list(q->waiters, t);
}

size_t queue_size(SimpleQueue* q) { return q->items ? q->items->size - q->head : 0; }

// Takes the first item; the queue holds no reference to it afterwards. The taken prefix
// is dropped once the queue runs empty or it is more than half of the list.
Value take(SimpleQueue* q)
{
    List* l = q->items;
    Value* items = l->items();
    Value v = items[q->head];
    items[q->head] = Value::null();
    ++q->head;
    if (q->head == l->size) {
        l->size = 0;
        q->head = 0;
    } else if (q->head >= 16 && q->head * 2 >= l->size) {
        size_t n = l->size - q->head;
        std::memmove(items, items + q->head, n * sizeof(Value));
        for (size_t i = n; i < l->size; ++i) // the list's array traces its whole capacity
            items[i] = Value::null();
        l->size = n;
        q->head = 0;
    }
    return v;
}

Value raise_empty(VM& vm) { return raise_with_args(vm, g_empty_type, nullptr); }

// A waiter that leaves without taking (an error, a timeout, a kill) passes the turn on
// when items are left, so that no other waiter sleeps next to a non-empty queue.
void pass_on(VM& vm, SimpleQueue* q)
{
    Scheduler* s = scheduler_of(vm);
    if (s && queue_size(q) && !q->waiters.empty())
        s->wake(&q->waiters.front(), py_true());
}

#define SLPY_QUEUE_METHOD(cname) Value cname(VM& vm, Value const* args, size_t nargs, Tuple* kwnames)

Value queue_wait_helper(VM& vm);

SLPY_QUEUE_METHOD(queue_new)
{
    if (nargs > 1)
        return raise(vm, exc::TypeError, "SimpleQueue() takes no positional arguments");
    if (kwnames && kwnames->size)
        return raise(vm, exc::TypeError, "SimpleQueue() takes no keyword arguments");
    auto* q = static_cast<SimpleQueue*>(alloc_instance(vm, args[0].as<TypeObject>()));
    if (!q)
        return Value::null();
    new (&q->waiters) WaitListBase();
    q->head = 0;
    q->items = list_new(vm);
    if (!q->items)
        return Value::null();
    return Value::from_object(q);
}

bool put_item(VM& vm, SimpleQueue* q, Value item)
{
    if (!q->items && !(q->items = list_new(vm)))
        return false;
    if (!list_append(vm, q->items, item))
        return false;
    Scheduler* s = scheduler_of(vm);
    if (s && !q->waiters.empty())
        s->wake(&q->waiters.front(), py_true());
    return true;
}

// put(item, block=True, timeout=None): block and timeout are accepted for compatibility
// with Queue.put and ignored (the queue is unbounded).
SLPY_QUEUE_METHOD(queue_put)
{
    Value a[3];
    if (!parse_args(vm, "put", args + 1, nargs - 1, kwnames, { "item", "block", "timeout" }, 1, a))
        return Value::null();
    if (!put_item(vm, self_queue(args[0]), a[0]))
        return Value::null();
    return py_none();
}

SLPY_QUEUE_METHOD(queue_put_nowait)
{
    Value a[1];
    if (!parse_args(vm, "put_nowait", args + 1, nargs - 1, kwnames, { "item" }, 1, a))
        return Value::null();
    if (!put_item(vm, self_queue(args[0]), a[0]))
        return Value::null();
    return py_none();
}

// The wait of get(): -1 for "forever", 0 for "do not wait", else nanoseconds (CPython's
// _PyTime_FromSecondsObject, then "'timeout' must be a non-negative number").
bool get_wait_ns(VM& vm, Value block, Value timeout, int64_t& wait_ns)
{
    wait_ns = -1;
    if (!block.is_null()) {
        int b = truthy(vm, block);
        if (b < 0)
            return false;
        if (!b) {
            wait_ns = 0;
            return true;
        }
    }
    if (timeout.is_null() || is_none(timeout))
        return true;
    if (!seconds_to_ns(vm, timeout, wait_ns))
        return false;
    if (wait_ns < 0) {
        raise(vm, exc::ValueError, "'timeout' must be a non-negative number");
        return false;
    }
    return true;
}

Value queue_get_impl(VM& vm, SimpleQueue* q, int64_t wait_ns, bool soft)
{
    if (queue_size(q))
        return take(q);
    if (wait_ns == 0)
        return raise_empty(vm);
    Scheduler* s = scheduler_of(vm);
    if (!s || !s->current) {
        // No thread or tasklet exists to put anything: the timeout is slept out.
        TRY(wait_without_scheduler(vm, wait_ns, kWaitWhat));
        return queue_size(q) ? take(q) : raise_empty(vm);
    }
    int64_t deadline = wait_ns < 0 ? -1 : Scheduler::now_ns() + wait_ns;
    if (soft) {
        Value fn = TRY(queue_wait_helper(vm));
        Value a[2] = { Value::from_object(q), TRY(int_from_i64(vm, deadline)) };
        return interp(vm).tail_call(fn.as<Function>(), a, 2);
    }
    for (;;) {
        Value r = s->park(&q->waiters, q, deadline, py_false(), false, kWaitWhat);
        if (r.is_null()) {
            pass_on(vm, q);
            return r;
        }
        if (queue_size(q))
            return take(q);
        if (r.is(py_false()))
            return raise_empty(vm);
    }
}

SLPY_QUEUE_METHOD(queue_get)
{
    bool soft = interp(vm).take_soft_call();
    Value a[2];
    if (!parse_args(vm, "get", args + 1, nargs - 1, kwnames, { "block", "timeout" }, 0, a))
        return Value::null();
    int64_t wait_ns;
    if (!get_wait_ns(vm, a[0], a[1], wait_ns))
        return Value::null();
    return queue_get_impl(vm, self_queue(args[0]), wait_ns, soft);
}

SLPY_QUEUE_METHOD(queue_get_nowait)
{
    if (!check_noargs_method(vm, "SimpleQueue", "get_nowait", nargs - 1, kwnames))
        return Value::null();
    return queue_get_impl(vm, self_queue(args[0]), 0, false);
}

SLPY_QUEUE_METHOD(queue_empty)
{
    if (!check_noargs_method(vm, "SimpleQueue", "empty", nargs - 1, kwnames))
        return Value::null();
    return py_bool(queue_size(self_queue(args[0])) == 0);
}

SLPY_QUEUE_METHOD(queue_qsize)
{
    if (!check_noargs_method(vm, "SimpleQueue", "qsize", nargs - 1, kwnames))
        return Value::null();
    return int_from_u64(vm, queue_size(self_queue(args[0])));
}

// ------------------------------------------------------------------ the retry loop

// _park(q, deadline): waits until a put() wakes it (True) or the deadline passes (False);
// True at once when the queue has items.
SLPY_QUEUE_METHOD(helper_park)
{
    bool soft = interp(vm).take_soft_call();
    if (nargs != 2 || !is_queue(args[0]))
        return raise(vm, exc::TypeError, "_park(queue, deadline)");
    SimpleQueue* q = self_queue(args[0]);
    if (queue_size(q))
        return py_true();
    int64_t deadline;
    if (!index_i64(vm, args[1], deadline))
        return Value::null();
    Scheduler* s = scheduler_of(vm);
    if (!s)
        return raise(vm, exc::RuntimeError, "_park: no scheduler");
    return s->park(&q->waiters, q, deadline, py_false(), soft, kWaitWhat);
}

// _take(q[, default]): the first item; when the queue is empty, `default`, or Empty raised.
SLPY_QUEUE_METHOD(helper_take)
{
    if (nargs < 1 || nargs > 2 || !is_queue(args[0]))
        return raise(vm, exc::TypeError, "_take(queue[, default])");
    SimpleQueue* q = self_queue(args[0]);
    if (queue_size(q))
        return take(q);
    return nargs == 2 ? args[1] : raise_empty(vm);
}

// _pass_on(q): see pass_on.
SLPY_QUEUE_METHOD(helper_pass_on)
{
    if (nargs != 1 || !is_queue(args[0]))
        return raise(vm, exc::TypeError, "_pass_on(queue)");
    pass_on(vm, self_queue(args[0]));
    return py_none();
}

#undef SLPY_QUEUE_METHOD

constexpr char const* kHelperSource = R"PY(
_NOTHING = object()

def _get_wait(q, deadline):
    try:
        while True:
            if not _park(q, deadline):
                return _take(q)
            item = _take(q, _NOTHING)
            if item is not _NOTHING:
                return item
    except BaseException:
        _pass_on(q)
        raise
)PY";

Value queue_wait_helper(VM& vm)
{
    QueueVM& st = qvm(vm);
    if (st.get_wait.is_null()
        && !compile_helpers(vm, "_queue", kHelperSource,
                            { { "_park", helper_park, true }, { "_take", helper_take, false }, { "_pass_on", helper_pass_on, false } },
                            { "_get_wait" }, &st.get_wait))
        return Value::null();
    return st.get_wait;
}

void setup_types(VM& vm)
{
    if (g_queue_type)
        return;
    g_empty_type = make_builtin_type(vm, "Empty", exc::Exception, exc::Exception->basicsize, TF_BASETYPE | TF_EXC_SUBCLASS,
                                     exc::Exception->trace, exc::Exception->finalize);
    add_attribute(vm, g_empty_type, "__doc__", str_value(vm, "Exception raised by Queue.get(block=0)/get_nowait()."));
    g_queue_type = make_builtin_type(vm, "SimpleQueue", nullptr, sizeof(SimpleQueue), TF_BASETYPE, queue_trace);
    add_methods(vm, g_queue_type, {
        { "__new__", queue_new, METH_STATIC }, { "put", queue_put }, { "put_nowait", queue_put_nowait },
        { "get", queue_get, METH_SWITCH }, { "get_nowait", queue_get_nowait }, { "empty", queue_empty },
        { "qsize", queue_qsize }, { "__class_getitem__", generic_alias_class_getitem, METH_CLASS },
    });
    add_attribute(vm, g_queue_type, "__doc__", str_value(vm, "Simple, unbounded, reentrant FIFO queue."));
    for (TypeObject* t : { g_empty_type, g_queue_type })
        set_native_type_module(vm, t, "_queue");
    finish_builtin_type(vm, g_empty_type);
    finish_builtin_type(vm, g_queue_type);
    g_queue_type->tflags |= TF_LAYOUT_WEAKREF; // as CPython's, it takes weak references
}

} // namespace

Module* make_queue_module(VM& vm)
{
    setup_types(vm);
    Module* m = module_new(vm, "_queue");
    module_add(vm, m, "SimpleQueue", Value::from_object(g_queue_type));
    module_add(vm, m, "Empty", Value::from_object(g_empty_type));
    return m;
}

} // namespace slpy
