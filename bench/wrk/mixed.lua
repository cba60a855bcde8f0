-- wrk script of the mixed workload (see bench/sfbench/workload.py).
-- Environment:
--   BENCH_REQUESTS file with one request per line: METHOD<TAB>PATH<TAB>HEADER<TAB>VALUE<TAB>BODY
--                  (header and body may be empty); each thread replays it from its own offset
--   BENCH_OUT      file the summary is written to as JSON when the run ends
--   BENCH_DELAY_MS optional pause of each connection between its requests (a paced sender, e.g.
--                  the writes of the two-server run at a gallery's share of the traffic)
-- The lines were drawn from the mix already, so they are replayed in order, not picked again.

local reqs = {}
local pos = 1

local thread_no = 0
function setup(thread)
  thread_no = thread_no + 1
  thread:set("seed", thread_no)
end

local function split(line)
  local t, start = {}, 1
  for _ = 1, 4 do
    local i = string.find(line, "\t", start, true)
    t[#t + 1] = string.sub(line, start, i - 1)
    start = i + 1
  end
  t[#t + 1] = string.sub(line, start)
  return t
end

function init(args)
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    if #line > 0 then
      local f = split(line)
      local headers = {}
      if #f[3] > 0 then headers[f[3]] = f[4] end
      local body = nil
      if #f[5] > 0 then
        body = f[5]
        headers["Content-Type"] = "application/json"
      end
      reqs[#reqs + 1] = wrk.format(f[1], f[2], headers, body)
    end
  end
  -- Threads start far apart in the list, so they do not send the same requests together.
  pos = 1 + math.floor((#reqs / 7) * ((seed or 1) - 1)) % #reqs
end

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause then
  function delay()
    return pause
  end
end

function request()
  local r = reqs[pos]
  pos = pos % #reqs + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  local out = string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.2f,"bytes":%d,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, latency.mean / 1e3,
    e.connect, e.read, e.write, e.status, e.timeout)
  local f = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  f:write(out .. "\n")
  f:close()
end
