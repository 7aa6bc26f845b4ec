-- wrk script of bench/insight.sh: counts answers that are not 2xx (a 302 to the sign-in page would hide a lost
-- session) and prints them with the 95th percentile of latency, which wrk's own report leaves out.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
  end
  io.write(string.format("non-2xx %d\n", total))
  io.write(string.format("p95-us %d\n", latency:percentile(95)))
end
