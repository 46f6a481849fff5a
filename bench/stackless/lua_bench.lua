-- The stackless anchors for Lua 5.4 coroutines: one measure per run, printed as
-- "RESULT <measure> <value> <unit>".
-- usage: lua5.4 bench/stackless/lua_bench.lua pingpong|ring|spawn|rss [N]
-- Lua has no channels and its coroutines are asymmetric: a hand-off is one resume (value in)
-- or one yield (value out); the ring is driven by the main loop, resuming node after node
-- (each hop = one resume + one yield).  os.clock() is process CPU time (one thread).

local function vm_rss_kib()
  local f = io.open("/proc/self/status")
  if not f then return -1 end
  for line in f:lines() do
    local v = line:match("^VmRSS:%s+(%d+)")
    if v then f:close(); return tonumber(v) end
  end
  f:close()
  return -1
end

local function pingpong(n)
  local pong = coroutine.wrap(function(v)
    while true do v = coroutine.yield(v + 1) end
  end)
  local t0 = os.clock()
  local v = 0
  for _ = 1, n do v = pong(v) end
  local t1 = os.clock()
  assert(v == n)
  return (t1 - t0) / (2 * n) * 1e9, "ns/hand-off"
end

local function ring(n)
  local hops = n * 100
  local nodes = {}
  for i = 1, n do
    nodes[i] = coroutine.wrap(function(t)
      while true do t = coroutine.yield(t + 1) end
    end)
  end
  local t0 = os.clock()
  local t = 0
  while t < hops do
    for i = 1, n do t = nodes[i](t) end
  end
  local t1 = os.clock()
  assert(t == hops)
  return (t1 - t0) / hops * 1e9, "ns/hop"
end

local function spawn(n)
  local count = 0
  local function trivial() count = count + 1 end
  local t0 = os.clock()
  for _ = 1, n do
    local co = coroutine.create(trivial)
    coroutine.resume(co)
  end
  local t1 = os.clock()
  assert(count == n)
  return (t1 - t0) / n * 1e9, "ns/coroutine"
end

local function rss(n)
  local function waiter() coroutine.yield() end
  collectgarbage(); collectgarbage()
  local before = vm_rss_kib()
  local cos = {}
  for i = 1, n do
    local co = coroutine.create(waiter)
    coroutine.resume(co)
    cos[i] = co
  end
  local after = vm_rss_kib()
  assert(coroutine.status(cos[n]) == "suspended")
  return (after - before) * 1024 / n, "bytes/coroutine"
end

local measures = {pingpong = {pingpong, 500000}, ring = {ring, 10000},
                  spawn = {spawn, 1000000}, rss = {rss, 1000000}}
local name = arg[1]
local m = measures[name]
local v, unit = m[1](tonumber(arg[2]) or m[2])
print(string.format("RESULT %s %.1f %s", name, v, unit))
