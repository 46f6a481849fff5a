// `slpy -X stats`: see exec_stats.h.
#include "stackless/vm/exec_stats.h"

#include "objects/heap.h"
#include "stackless/vm/interpreter.h"
#include "stackless/vm/opcodes.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace slpy {

ExecStats* exec_stats_new(VM& vm)
{
#if SLPY_STATS
    auto* s = new ExecStats();
    // The heap counts the objects allocated since its last collection and resets that at
    // each one; a root provider runs at the start of every collection, so it adds them up.
    vm.heap.add_root_provider([s, &vm](Tracer&) {
        s->objects_allocated += vm.heap.stats().objects_allocated;
        ++s->collections;
    });
    return s;
#else
    (void)vm;
    return nullptr;
#endif
}

namespace {

struct CounterInfo {
    char const* family; // non-null: the first counter of a family
    char const* what;
};

// One entry per counter, in enum order, with the family name on the first of each group.
constexpr CounterInfo kCounters[] = {
#define SLPY_STAT_FAMILY_NAME(name) { #name, nullptr },
#define SLPY_STAT_COUNTER_INFO(name, what) { nullptr, what },
    SLPY_STAT_COUNTERS(SLPY_STAT_FAMILY_NAME, SLPY_STAT_COUNTER_INFO)
#undef SLPY_STAT_COUNTER_INFO
#undef SLPY_STAT_FAMILY_NAME
};

double percent(uint64_t part, uint64_t whole) { return whole ? 100.0 * double(part) / double(whole) : 0.0; }

} // namespace

void exec_stats_print(Interpreter& in, std::FILE* out)
{
    ExecStats* s = in.stats;
    if (!s) {
        std::fprintf(out, "slpy: -X stats: this slpy was built without statistics (configure with -DSLPY_STATS=ON)\n");
        return;
    }
    // Instructions, by family (a specialized form is listed under its family too).
    uint64_t family_total[256] = {};
    uint64_t total = 0;
    for (int op = 0; op < kNumOpcodes; ++op) {
        family_total[static_cast<int>(op_family(static_cast<Op>(op)))] += s->op_count[op];
        total += s->op_count[op];
    }
    std::vector<std::pair<uint64_t, int>> order;
    for (int op = 0; op < kNumOpcodes; ++op)
        if (!op_is_specialized(static_cast<Op>(op)) && family_total[op])
            order.emplace_back(family_total[op], op);
    std::sort(order.begin(), order.end(), [](auto const& a, auto const& b) { return a.first > b.first; });
    std::fprintf(out, "slpy execution statistics\n");
    std::fprintf(out, "instructions executed: %llu\n", (unsigned long long)total);
    std::fprintf(out, "%-28s %16s %7s\n", "instruction family", "count", "share");
    for (auto const& [count, op] : order) {
        std::fprintf(out, "%-28s %16llu %6.2f%%\n", kOpInfo[op].name, (unsigned long long)count, percent(count, total));
        for (int sop = 0; sop < kNumOpcodes; ++sop)
            if (op_is_specialized(static_cast<Op>(sop)) && static_cast<int>(op_family(static_cast<Op>(sop))) == op && s->op_count[sop])
                std::fprintf(out, "  %-26s %16llu %6.2f%% of the family\n", kOpInfo[sop].name, (unsigned long long)s->op_count[sop],
                             percent(s->op_count[sop], count));
    }
    // Quickening: how much of each family ran in its specialized forms.
    std::fprintf(out, "\nspecialization (PEP 659): executions of each quickening family, the share run by its\n"
                      "specialized forms; specializations made (at warm-up or at a guard failure), attempts that\n"
                      "failed, deopts (back to the generic form); hits and guard failures of each form\n");
    std::fprintf(out, "%-28s %16s %8s %10s %10s %10s\n", "family / form", "executions", "spec'd", "made", "failed", "deopts");
    for (int op = 0; op < kNumOpcodes; ++op) {
        if (!op_adaptive(static_cast<Op>(op)))
            continue;
        uint64_t runs = 0, hits = 0, deopts = 0, respecialized = 0;
        for (int sop = 0; sop < kNumOpcodes; ++sop) {
            if (static_cast<int>(op_family(static_cast<Op>(sop))) != op)
                continue;
            runs += s->op_count[sop];
            deopts += s->deopts[sop];
            respecialized += s->respecialized[sop];
            if (sop != op)
                hits += s->op_count[sop] - s->deopts[sop];
        }
        // A successful attempt and a deopt run the instruction again: count it once.
        runs -= s->spec_success[op] + deopts;
        if (!runs)
            continue;
        std::fprintf(out, "%-28s %16llu %7.2f%% %10llu %10llu %10llu\n", kOpInfo[op].name, (unsigned long long)runs, percent(hits, runs),
                     (unsigned long long)(s->spec_success[op] + respecialized), (unsigned long long)s->spec_failure[op],
                     (unsigned long long)(deopts - respecialized));
        for (int sop = 0; sop < kNumOpcodes; ++sop) {
            if (sop == op || static_cast<int>(op_family(static_cast<Op>(sop))) != op || !s->op_count[sop])
                continue;
            uint64_t h = s->op_count[sop] - s->deopts[sop];
            std::fprintf(out, "  %-26s %16llu %7.2f%% %32llu\n", kOpInfo[sop].name, (unsigned long long)h, percent(h, runs),
                         (unsigned long long)s->deopts[sop]);
        }
    }
    // Fast paths and caches: each outcome as a share of its family's outcomes.
    struct Group {
        std::string_view name;
        int first, count;
    };
    std::vector<Group> groups;
    std::vector<char const*> what;
    for (CounterInfo const& e : kCounters) {
        if (e.family) {
            groups.push_back({ e.family, int(what.size()), 0 });
        } else {
            what.push_back(e.what);
            ++groups.back().count;
        }
    }
    std::fprintf(out, "\nfast paths of the generic forms (hit: a fast path; miss: a fallback)\n");
    for (Group const& g : groups) {
        uint64_t sum = 0, hits = 0;
        for (int k = g.first; k < g.first + g.count; ++k) {
            sum += s->counters[k];
            if (std::string_view(what[k]).rfind("hit", 0) == 0)
                hits += s->counters[k];
        }
        bool resources = g.name == "RESOURCES";
        if (resources)
            std::fprintf(out, "resources\n");
        else
            std::fprintf(out, "%.*s: %llu, hits %.2f%%\n", int(g.name.size()), g.name.data(), (unsigned long long)sum, percent(hits, sum));
        for (int k = g.first; k < g.first + g.count; ++k) {
            if (resources)
                std::fprintf(out, "  %-52s %16llu\n", what[k], (unsigned long long)s->counters[k]);
            else
                std::fprintf(out, "  %-52s %16llu %6.2f%%\n", what[k], (unsigned long long)s->counters[k], percent(s->counters[k], sum));
        }
    }
    std::fprintf(out, "  %-52s %16llu\n", "objects allocated", (unsigned long long)(s->objects_allocated + in.vm.heap.stats().objects_allocated));
    std::fprintf(out, "  %-52s %16llu\n", "garbage collections", (unsigned long long)s->collections);
}

} // namespace slpy
