# Benchmark: an incremental one-way constraint solver (DeltaBlue style): strengths, walkabout propagation, plans, deep class hierarchy.

REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST = range(7)


def stronger(a, b):
    return a < b


def weakest_of(a, b):
    return a if a > b else b


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.walk_strength = WEAKEST
        self.stay = True
        self.mark = 0


class Constraint:
    def __init__(self, strength):
        self.strength = strength

    def add(self, planner):
        self.add_to_graph()
        planner.incremental_add(self)

    def satisfy(self, mark, planner):
        """Choose a way to satisfy self; return the constraint it overrode, if any."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength == REQUIRED:
                raise RuntimeError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not planner.add_propagate(self, mark):
            raise RuntimeError("cycle in the constraint graph")
        out.mark = mark
        return overridden

    def destroy(self, planner):
        if self.is_satisfied():
            planner.incremental_remove(self)
        self.remove_from_graph()

    def is_input(self):
        return False


class UnaryConstraint(Constraint):
    def __init__(self, var, strength, planner):
        super().__init__(strength)
        self.var = var
        self.satisfied = False
        self.add(planner)

    def add_to_graph(self):
        self.var.constraints.append(self)
        self.satisfied = False

    def remove_from_graph(self):
        if self in self.var.constraints:
            self.var.constraints.remove(self)
        self.satisfied = False

    def choose_method(self, mark):
        self.satisfied = self.var.mark != mark and stronger(self.strength, self.var.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_unsatisfied(self):
        self.satisfied = False

    def mark_inputs(self, mark):
        pass

    def inputs_known(self, mark):
        return True

    def output(self):
        return self.var

    def recalculate(self):
        self.var.walk_strength = self.strength
        self.var.stay = not self.is_input()
        if self.var.stay:
            self.execute()

    def execute(self):
        pass


class StayConstraint(UnaryConstraint):
    """Keeps a variable's value unless something stronger changes it."""


class EditConstraint(UnaryConstraint):
    """Marks a variable whose value the user changes from outside."""

    def is_input(self):
        return True


NONE, FORWARD, BACKWARD = 0, 1, 2


class BinaryConstraint(Constraint):
    def __init__(self, v1, v2, strength, planner):
        super().__init__(strength)
        self.v1 = v1
        self.v2 = v2
        self.direction = NONE
        self.add(planner)

    def add_to_graph(self):
        self.v1.constraints.append(self)
        self.v2.constraints.append(self)
        self.direction = NONE

    def remove_from_graph(self):
        for v in (self.v1, self.v2):
            if self in v.constraints:
                v.constraints.remove(self)
        self.direction = NONE

    def choose_method(self, mark):
        v1, v2 = self.v1, self.v2
        if v1.mark == mark:
            ok = v2.mark != mark and stronger(self.strength, v2.walk_strength)
            self.direction = FORWARD if ok else NONE
        elif v2.mark == mark:
            ok = v1.mark != mark and stronger(self.strength, v1.walk_strength)
            self.direction = BACKWARD if ok else NONE
        elif stronger(v1.walk_strength, v2.walk_strength):
            # Write the weaker end, if we are stronger than what now determines it.
            self.direction = FORWARD if stronger(self.strength, v2.walk_strength) else NONE
        else:
            self.direction = BACKWARD if stronger(self.strength, v1.walk_strength) else NONE

    def is_satisfied(self):
        return self.direction != NONE

    def mark_unsatisfied(self):
        self.direction = NONE

    def input(self):
        return self.v1 if self.direction == FORWARD else self.v2

    def output(self):
        return self.v2 if self.direction == FORWARD else self.v1

    def mark_inputs(self, mark):
        self.input().mark = mark

    def inputs_known(self, mark):
        i = self.input()
        return i.mark == mark or i.stay or i.determined_by is None

    def recalculate(self):
        i, out = self.input(), self.output()
        out.walk_strength = weakest_of(self.strength, i.walk_strength)
        out.stay = i.stay
        if out.stay:
            self.execute()


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """v2 = v1 * scale + offset (or the inverse, backwards), with scale and offset variables."""

    def __init__(self, src, scale, offset, dst, strength, planner):
        self.scale = scale
        self.offset = offset
        super().__init__(src, dst, strength, planner)

    def add_to_graph(self):
        super().add_to_graph()
        self.scale.constraints.append(self)
        self.offset.constraints.append(self)

    def remove_from_graph(self):
        super().remove_from_graph()
        for v in (self.scale, self.offset):
            if self in v.constraints:
                v.constraints.remove(self)

    def mark_inputs(self, mark):
        super().mark_inputs(mark)
        self.scale.mark = self.offset.mark = mark

    def recalculate(self):
        i, out = self.input(), self.output()
        out.walk_strength = weakest_of(self.strength, i.walk_strength)
        out.stay = i.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()

    def execute(self):
        if self.direction == FORWARD:
            self.v2.value = self.v1.value * self.scale.value + self.offset.value
        else:
            self.v1.value = (self.v2.value - self.offset.value) // self.scale.value


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, c):
        mark = self.new_mark()
        overridden = c.satisfy(mark, self)
        while overridden is not None:
            overridden = overridden.satisfy(mark, self)

    def incremental_remove(self, c):
        out = c.output()
        c.mark_unsatisfied()
        c.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        for strength in range(REQUIRED, WEAKEST + 1):
            for u in unsatisfied:
                if u.strength == strength:
                    self.incremental_add(u)

    def add_propagate(self, c, mark):
        todo = [c]
        while todo:
            d = todo.pop()
            if d.output().mark == mark:
                self.incremental_remove(c)
                return False
            d.recalculate()
            self.add_consumers(d.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        while todo:
            v = todo.pop()
            for c in v.constraints:
                if not c.is_satisfied():
                    unsatisfied.append(c)
            determining = v.determined_by
            for c in v.constraints:
                if c is not determining and c.is_satisfied():
                    c.recalculate()
                    todo.append(c.output())
        return unsatisfied

    @staticmethod
    def add_consumers(v, collection):
        determining = v.determined_by
        for c in v.constraints:
            if c is not determining and c.is_satisfied():
                collection.append(c)

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = []
        todo = list(sources)
        while todo:
            c = todo.pop(0)
            if c.output().mark != mark and c.inputs_known(mark):
                plan.append(c)
                c.output().mark = mark
                self.add_consumers(c.output(), todo)
        return plan

    def plan_for_edits(self, edits):
        return self.make_plan([c for c in edits if c.is_input() and c.is_satisfied()])


def run_plan(plan):
    for c in plan:
        c.execute()


def chain_test(n):
    """A chain of equalities v0 = v1 = ... = vn: editing the head moves the tail."""
    planner = Planner()
    vars_ = [Variable("v%d" % i) for i in range(n + 1)]
    for a, b in zip(vars_, vars_[1:]):
        EqualityConstraint(a, b, REQUIRED, planner)
    StayConstraint(vars_[-1], STRONG_DEFAULT, planner)
    edit = EditConstraint(vars_[0], PREFERRED, planner)
    plan = planner.plan_for_edits([edit])
    for i in range(100):
        vars_[0].value = i
        run_plan(plan)
        if vars_[-1].value != i:
            raise AssertionError("chain failed at %d" % i)
    edit.destroy(planner)
    return vars_[-1].value


def edit_and_run(planner, var, value_range):
    edit = EditConstraint(var, PREFERRED, planner)
    plan = planner.plan_for_edits([edit])
    for v in value_range:
        var.value = v
        run_plan(plan)
    edit.destroy(planner)


def projection_test(n):
    """dst_i = src_i * scale + offset; editing the scale, offset, a source or a destination."""
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    srcs, dsts = [], []
    for i in range(n):
        src = Variable("src%d" % i, i)
        dst = Variable("dst%d" % i, i)
        srcs.append(src)
        dsts.append(dst)
        StayConstraint(src, NORMAL, planner)
        ScaleConstraint(src, scale, offset, dst, REQUIRED, planner)
    edit_and_run(planner, srcs[0], [17])
    if dsts[0].value != 1170:
        raise AssertionError("projection 1 failed: %d" % dsts[0].value)
    edit_and_run(planner, dsts[0], [1050])
    if srcs[0].value != 5:
        raise AssertionError("projection 2 failed: %d" % srcs[0].value)
    edit_and_run(planner, scale, [5])
    if any(dsts[i].value != i * 5 + 1000 for i in range(1, n)):
        raise AssertionError("projection 3 failed")
    edit_and_run(planner, offset, [2000])
    if any(dsts[i].value != i * 5 + 2000 for i in range(1, n)):
        raise AssertionError("projection 4 failed")
    return sum(d.value for d in dsts)


def main():
    total = 0
    for _ in range(8):
        total += chain_test(500)
        total += projection_test(500)
    print("deltablue_like: total %d" % total)


main()
