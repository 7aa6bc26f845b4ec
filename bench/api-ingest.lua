-- wrk script: integrating systems posting transactions to the REST API, every one new.
-- Usage: wrk -tT -cC -dD -s bench/api-ingest.lua http://127.0.0.1:PORT -- <api key> <batch size; 0 = single posts> <run tag>
-- Each transaction has its own external reference (tag, thread, counter) and its own new contact at one of
-- the 40 demo clients, so each one stores a contact, the transaction, its invitation and its email: the
-- heaviest case. A single post must answer 201; a batch 200 with every item created. done() prints, per
-- thread, the transactions sent and confirmed and the answers that were not, for the script's checks.

local counter = 0
local threads = {}

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   key, size, tag = args[1], tonumber(args[2]), args[3]
   sequence, sent, confirmed, unexpected = 0, 0, 0, 0
   headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }
end

local function item()
   sequence = sequence + 1
   local n = sequence
   return string.format(
      '{"externalReference":"%s-%d-%d","clientReference":"CRM-%d","contact":{"email":"c-%s-%d-%d@bench.example","name":"Bench Contact %d"},'
      .. '"serviceLine":"REPAIR","occurredAt":"2026-06-14T10:%02d:00Z","channel":"Web","invoicedAmount":%d.50,"currency":"EUR"}',
      tag, id, n, 1000 + n % 40, tag, id, n, n, n % 60, n % 900)
end

function request()
   if size == 0 then
      sent = sent + 1
      return wrk.format("POST", "/api/v1/transactions", headers, item())
   end

   local items = {}
   for i = 1, size do
      items[i] = item()
   end
   sent = sent + size
   return wrk.format("POST", "/api/v1/transactions/batch", headers, '{"transactions":[' .. table.concat(items, ",") .. ']}')
end

function response(status, headers, body)
   if size == 0 then
      if status == 201 then confirmed = confirmed + 1 else unexpected = unexpected + 1 end
      return
   end

   local created = status == 200 and tonumber(string.match(body, '^{"created":(%d+)'))
   if created == size then confirmed = confirmed + size else unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
   for _, thread in ipairs(threads) do
      io.write(string.format("api-ingest thread=%d sent=%d confirmed=%d unexpected=%d\n",
         thread:get("id"), thread:get("sent"), thread:get("confirmed"), thread:get("unexpected")))
   end
end
