// A C++ host whose frame loop drives thousands of scripted agents (demos/embedding/).
//
//   slpy_embed_demo [AGENTS [FRAMES]]     (defaults: 10000 agents, 100 frames)
//   slpy_embed_demo --short               (10000 agents, 10 frames: the CTest run)
//
// The agents are Python tasklets (agents.py beside this file) talking over channels; the
// host gives them a native module `world` (initial energy, a per-frame bonus it hands
// out, and post() for their reports) and, every frame, sends the frame number to their
// conductor and ticks the VM until every agent has blocked again. It prints min/mean/max
// milliseconds per frame and channel messages per second, then checks the run: energy
// conserved (initial total + every bonus handed out), one report per agent per frame,
// and the agents' own message count.
#include "stackless/slpy.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace embed = slpy::embed;

namespace {

struct World {
    std::vector<int64_t> energy; // the agents' last reports
    int64_t initial_total = 0;
    int64_t bonus_total = 0;
    int64_t reports = 0;
};

int64_t initial_energy(int64_t i) { return 1000 + i % 7; }

bool report(embed::Result const& r, char const* what)
{
    if (r)
        return true;
    std::fprintf(stderr, "%s failed:\n%s", what, r.error().traceback.c_str());
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    int64_t agents = 10000;
    int64_t frames = 100;
    if (argc > 1 && std::strcmp(argv[1], "--short") == 0) {
        frames = 10;
    } else {
        if (argc > 1)
            agents = std::atoll(argv[1]);
        if (argc > 2)
            frames = std::atoll(argv[2]);
    }
    if (agents < 2 || agents % 2 || frames < 1) {
        std::fprintf(stderr, "usage: slpy_embed_demo [AGENTS (even, >= 2) [FRAMES]] | --short\n");
        return 2;
    }

    embed::Options options;
    options.module_paths.push_back(SLPY_EMBED_DEMO_DIR);
    std::string error;
    auto vm = embed::VM::create(options, &error);
    if (!vm) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }

    World world;
    world.energy.resize(size_t(agents));
    for (int64_t i = 0; i < agents; ++i) {
        world.energy[size_t(i)] = initial_energy(i);
        world.initial_total += initial_energy(i);
    }
    vm->define_module("world")
        .def("energy", [&](embed::Args& a) -> embed::Result { return initial_energy(a.get_int(0)); }, 1)
        .def("sense",
             [&](embed::Args& a) -> embed::Result {
                 // The world hands out one unit of energy on a moving pattern of cells.
                 int64_t bonus = (a.get_int(0) + a.get_int(1)) % 3 == 0 ? 1 : 0;
                 world.bonus_total += bonus;
                 return bonus;
             },
             2)
        .def("post",
             [&](embed::Args& a) -> embed::Result {
                 int64_t i = a.get_int(0);
                 int64_t e = a.get_int(1);
                 if (!a.ok())
                     return {};
                 if (i < 0 || i >= agents)
                     return embed::Result::fail("IndexError", "no agent " + std::to_string(i));
                 world.energy[size_t(i)] = e;
                 ++world.reports;
                 return {};
             },
             2)
        .set("agents", agents);

    embed::Result host_channel = vm->new_channel();
    if (!report(host_channel, "stackless.channel()"))
        return 1;
    embed::Handle host = host_channel.value().as_object();
    if (!report(vm->call("agents", "start", { agents, host }), "agents.start()"))
        return 1;
    // Let every agent start and block on its clock.
    constexpr int64_t kBudget = 1'000'000;
    auto settle = [&]() {
        for (;;) {
            embed::Result r = vm->tick(kBudget);
            if (!report(r, "tick"))
                return false;
            if (r.value().as_int() == 0)
                return true;
        }
    };
    if (!settle())
        return 1;

    using Clock = std::chrono::steady_clock;
    std::vector<double> ms;
    auto start = Clock::now();
    for (int64_t f = 0; f < frames; ++f) {
        auto t0 = Clock::now();
        if (!report(vm->send(host, f), "send") || !settle())
            return 1;
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    double total_s = std::chrono::duration<double>(Clock::now() - start).count();
    // Stop the agents: they leave their loops and their tasklets end.
    if (!report(vm->send(host, -1), "send") || !settle())
        return 1;

    embed::Result summary = vm->call("agents", "summary");
    if (!report(summary, "agents.summary()"))
        return 1;
    int64_t messages = summary.value().get("messages") ? summary.value().get("messages")->as_int() : -1;
    int64_t frames_seen = summary.value().get("frames") ? summary.value().get("frames")->as_int() : -1;

    double mn = *std::min_element(ms.begin(), ms.end());
    double mx = *std::max_element(ms.begin(), ms.end());
    double mean = 0;
    for (double m : ms)
        mean += m;
    mean /= double(ms.size());
    // Per frame: one clock message and one neighbour message per agent.
    int64_t frame_messages = 2 * agents * frames;
    std::printf("%lld agents, %lld frames: ms per frame min %.2f mean %.2f max %.2f; %.0f channel messages/s, "
                "%.0f host calls/s\n",
                (long long)agents, (long long)frames, mn, mean, mx, double(frame_messages) / total_s,
                double(3 * agents * frames) / total_s);

    int64_t total = 0;
    for (int64_t e : world.energy)
        total += e;
    bool ok = total == world.initial_total + world.bonus_total && world.reports == agents * frames &&
              messages == frame_messages + agents && frames_seen == frames && vm->runnable() == 0;
    std::printf("energy %lld (initial %lld + bonus %lld), reports %lld, agent messages %lld, tasklets left %lld: %s\n",
                (long long)total, (long long)world.initial_total, (long long)world.bonus_total, (long long)world.reports,
                (long long)messages, (long long)vm->runnable(), ok ? "ok" : "WRONG");
    return ok ? 0 : 1;
}
