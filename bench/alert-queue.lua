-- wrk script of bench/alert-queue.sh: counts answers that are not 2xx (wrk itself counts only those outside
-- 2xx/3xx, and a 302 to the sign-in page would hide a lost session) and prints the total at the end.
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
end
