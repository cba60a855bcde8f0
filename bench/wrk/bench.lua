-- wrk script shared by every target and endpoint of the benchmark.
-- Environment:
--   BENCH_PATHS  file with one request path per line; each request picks one at random
--   BENCH_BODIES optional file with one JSON body per line: then every request is a POST of a
--                random body to the (single) path in BENCH_PATHS
--   BENCH_OUT    file the summary is written to as JSON when the run ends
-- Why random picks: get-by-id must not hit one cached row; search rotates over a few queries.

local paths, bodies = {}, nil

local function lines(file)
  local t = {}
  for line in io.lines(file) do
    if #line > 0 then t[#t + 1] = line end
  end
  return t
end

local thread_no = 0
function setup(thread)
  thread_no = thread_no + 1
  thread:set("seed", thread_no)
end

function init(args)
  math.randomseed(os.time() * 100 + (seed or 0))
  paths = lines(os.getenv("BENCH_PATHS"))
  local b = os.getenv("BENCH_BODIES")
  if b and #b > 0 then bodies = lines(b) end
end

function request()
  local path = paths[math.random(#paths)]
  if bodies then
    return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, bodies[math.random(#bodies)])
  end
  return wrk.format("GET", path)
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
