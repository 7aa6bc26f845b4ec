-- wrk script of bench/soak.sh: one stream of the soak test at a steady rate (an open model, as far as wrk allows).
-- Usage: wrk -t1 -cC -dD -s bench/soak.lua http://127.0.0.1:PORT -- <stream> <requests/s> <log file> <stream args…>
--   rating <tokens file> <cookie header> <antiforgery token>: POST /r/{token}; the score of a link is fixed by its
--          place in the file (20% are 1 or 2), so posting a link again edits its rating to the same score.
--   queue  <cookie> <path> [<cookie> <path> …]: GET each page in turn, signed in with its cookie.
--   api    <api key> <run tag>: POST /api/v1/transactions, every reference new; every tenth reuses the contact of a
--          post 25 earlier, which the survey policy then throttles.
-- wrk has no constant rate: delay() holds each request until its slot on a fixed schedule (start + n / rate), whichever
-- connection is free, so a slow answer does not slow the stream down as long as a connection is free. A request that
-- leaves more than 100 ms after its slot counts as late (all connections were busy: the load generator fell behind).
-- The log file gets one line per request sent and per answer (line-buffered), for the script's database checks.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
  int clock_gettime(int clock, soak_timespec *ts);
]]
local timespec = ffi.new("soak_timespec")
local function now_ms()
   ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
   return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local comments = { "Quick+and+friendly", "On+time%2C+thank+you", "Took+a+while+but+solved", "Very+helpful+technician", "Could+be+better" }
-- Scores by place: 1 → 8%, 2 → 12%, 3 → 15%, 4 → 30%, 5 → 35%.
local function score_of(index)
   local bucket = (index * 37 + 11) % 100
   if bucket < 8 then return 1 elseif bucket < 20 then return 2 elseif bucket < 35 then return 3 elseif bucket < 65 then return 4 end
   return 5
end

local function urlencode(text)
   return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
   stream, rate, log = args[1], tonumber(args[2]), io.open(args[3], "w")
   log:setvbuf("line")
   interval = 1000 / rate
   slot, late, worst_late, sent, answered, unexpected = 0, 0, 0, 0, 0, 0
   started = nil
   if stream == "rating" then
      links = {}
      for line in io.lines(args[4]) do
         if line ~= "" then table.insert(links, line) end
      end
      rating_headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = args[5] }
      form_token = urlencode(args[6])
   elseif stream == "queue" then
      pages = {}
      for i = 4, #args, 2 do
         table.insert(pages, { headers = { ["Cookie"] = args[i] }, path = args[i + 1] })
      end
   elseif stream == "api" then
      api_headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = args[4] }
      tag = args[5]
   end
end

function delay()
   local now = now_ms()
   started = started or now
   local due = started + slot * interval
   slot = slot + 1
   local wait = due - now
   if wait < -100 then
      late = late + 1
      if -wait > worst_late then worst_late = -wait end
   end
   return wait > 0 and math.floor(wait) or 0
end

local function rating_request()
   local index = sent % #links
   local token, score = links[index + 1], score_of(index)
   log:write("sent ", token, " ", score, "\n")
   return wrk.format("POST", "/r/" .. token, rating_headers, "Input.Overall=" .. score
      .. "&Input.Comment=" .. comments[index % #comments + 1] .. "&__RequestVerificationToken=" .. form_token)
end

local function api_request()
   local n, contact = sent, sent
   if n % 10 == 0 and n >= 25 then contact = n - 25 end -- the same contact as 25 posts before: throttled
   local reference = string.format("soak-%s-%d", tag, n)
   log:write("sent ", reference, "\n")
   return wrk.format("POST", "/api/v1/transactions", api_headers, string.format(
      '{"externalReference":"%s","clientReference":"CRM-%d","contact":{"email":"c-%s-%d@soak.example","name":"Soak Contact %d"},'
      .. '"serviceLine":"REPAIR","occurredAt":"2026-06-14T10:%02d:00Z","channel":"Web","invoicedAmount":%d.50,"currency":"EUR"}',
      reference, 1000 + contact % 40, tag, contact, contact, n % 60, n % 900))
end

function request()
   local built
   if stream == "rating" then
      built = rating_request()
   elseif stream == "queue" then
      local page = pages[sent % #pages + 1]
      built = wrk.format("GET", page.path, page.headers)
   else
      built = api_request()
   end
   sent = sent + 1
   return built
end

function response(status, headers, body)
   answered = answered + 1
   if stream == "rating" then
      local token = status == 302 and headers["Location"] and headers["Location"]:match("^/r/([^/?]+)/thanks")
      if token then log:write("ok ", token, "\n") else unexpected = unexpected + 1; log:write("status ", status, "\n") end
   elseif stream == "queue" then
      if status < 200 or status > 299 then unexpected = unexpected + 1; log:write("status ", status, "\n") end
   else
      local reference = status == 201 and body:match('"externalReference":"([^"]+)"')
      if reference then log:write("ok ", reference, "\n") else unexpected = unexpected + 1; log:write("status ", status, "\n") end
   end
end

function done(summary, latency, requests)
   local totals = { sent = 0, answered = 0, unexpected = 0, late = 0, worst = 0 }
   for _, thread in ipairs(threads) do
      totals.sent = totals.sent + thread:get("sent")
      totals.answered = totals.answered + thread:get("answered")
      totals.unexpected = totals.unexpected + thread:get("unexpected")
      totals.late = totals.late + thread:get("late")
      totals.worst = math.max(totals.worst, thread:get("worst_late"))
   end
   io.write(string.format("soak sent=%d answered=%d unexpected=%d late=%d worst-late-ms=%d p50-us=%d p99-us=%d\n",
      totals.sent, totals.answered, totals.unexpected, totals.late, totals.worst,
      latency:percentile(50), latency:percentile(99)))
end
