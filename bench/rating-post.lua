-- wrk script: the customer's rating POST /r/{token}?lang=en, round-robin over the seeded links. The address is
-- the rating form's action, which carries the language the page was shown in (the seeded contacts' language).
-- Usage: wrk -tT -cC -dD -s bench/rating-post.lua http://127.0.0.1:PORT -- <tokens file> <cookie header> <antiforgery token> <T> [score]
-- The overall score is random from 1 to 5 (two in five poor, each raising an alert), or the given score for every POST.
-- Each of the T threads takes every T-th token, so no two threads post the same link at once. The first
-- POST of a link creates its rating, a later one edits it. Every answer must be 302 to /r/{token}/thanks;
-- done() reports per thread how many links were sent and confirmed, for the database check of the script.

local threads = {}
local counter = 0

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

local comments = { "Quick+and+friendly", "On+time%2C+thank+you", "Took+a+while+but+solved", "Very+helpful+technician" }

local function urlencode(text)
   return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
   local path, cookie, antiforgery, thread_count = args[1], args[2], args[3], tonumber(args[4])
   fixed_score = tonumber(args[5] or "")
   own, position = {}, 0
   generated, completed, confirmed, unexpected = 0, 0, 0, 0
   answered = {}
   local index = 0
   for line in io.lines(path) do
      if line ~= "" then
         if index % thread_count == id then
            table.insert(own, line)
         end
         index = index + 1
      end
   end
   owned = #own
   headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }
   form_token = urlencode(antiforgery)
   math.randomseed(os.time() * 16 + id)
end

function request()
   position = position % owned + 1
   generated = generated + 1
   local body = "Input.Overall=" .. (fixed_score or math.random(1, 5))
      .. "&Input.Comment=" .. comments[math.random(#comments)]
      .. "&__RequestVerificationToken=" .. form_token
   return wrk.format("POST", "/r/" .. own[position] .. "?lang=en", headers, body)
end

function response(status, headers, body)
   completed = completed + 1
   local token = status == 302 and headers["Location"] and headers["Location"]:match("^/r/([^/?]+)/thanks")
   if not token then
      unexpected = unexpected + 1
   elseif not answered[token] then
      answered[token] = true
      confirmed = confirmed + 1
   end
end

function done(summary, latency, requests)
   for _, thread in ipairs(threads) do
      io.write(string.format("rating-post thread=%d own=%d generated=%d completed=%d confirmed=%d unexpected=%d\n",
         thread:get("id"), thread:get("owned"), thread:get("generated"), thread:get("completed"),
         thread:get("confirmed"), thread:get("unexpected")))
   end
end
