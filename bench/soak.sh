#!/usr/bin/env bash
# Soak test: customers' rating POSTs, staff alert-queue views and API transaction posts at a steady rate, all
# three at once, for several minutes after a one-minute warm-up at the same rates, with the outbox dispatcher (to a
# pickup folder) and the background jobs running as in production. Reports per stream the achieved rate, p50/p99 and errors; the app's memory (RSS)
# over time, its CPU per request and the outbox backlog; then checks in the database that every confirmed
# rating is stored once with its score, every poor one has exactly one routed alert, nothing was stored that
# was not sent, every created transaction has its invitation and its email (or a suppression), and that the
# outbox drained. Exits non-zero when a request failed or a check does not hold.
# Results and logs go to bench/results/<UTC time>-soak/ (not committed). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

minutes=${BENCH_MINUTES:-5}
warmup=${BENCH_WARMUP_SECONDS:-60}
rating_rate=${BENCH_RATING_RATE:-20}
queue_rate=${BENCH_QUEUE_RATE:-5}
api_rate=${BENCH_API_RATE:-10}
port=${BENCH_PORT:-5394}
sample_seconds=${BENCH_SAMPLE_SECONDS:-5}
drain_limit=${BENCH_DRAIN_SECONDS:-180}
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
# Links for half the measured ratings: each is posted two or three times (warm-up included), first the rating, later
# edits to the same score (a customer changing their answer), which halves the seeding.
links_count=${BENCH_LINKS:-$(((rating_rate * seconds + 1) / 2 + 50))}
connections() { awk -v r="$1" 'BEGIN { c = int(r * 1.2 + 0.5); print (c < 8 ? 8 : c) }'; }
rating_connections=$(connections "$rating_rate")
queue_connections=$(connections "$queue_rate")
api_connections=$(connections "$api_rate")
password='Demo-Excellence-2026'
api_key=se_DemoKey-DevelopmentOnly-NotASecret-2026
base_url="http://127.0.0.1:$port"
run_dir="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-soak"
db="$run_dir/bench.db"
web_dll="$root/src/ServiceExcellence.Web/bin/Release/net10.0/ServiceExcellence.Web.dll"
setup_dll="$root/bench/ServiceExcellence.Bench.Setup/bin/Release/net10.0/ServiceExcellence.Bench.Setup.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*" >&2; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

install_missing() { # <command> <Debian package>
  command -v "$1" >/dev/null 2>&1 && return
  [ "$(id -u)" = "0" ] || fail "$1 is missing: apt-get install -y $2"
  echo "Installing $2 from Debian's packages…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; } \
    || fail "could not install $2"
}

[ "$seconds" -ge 30 ] || fail "BENCH_MINUTES must be at least 0.5"
step "Tools"
install_missing wrk wrk
install_missing sqlite3 sqlite3
mkdir -p "$run_dir/pickup"
{
  echo "started: $(date -u +%FT%TZ)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
} | tee "$run_dir/machine.txt" >&2

# The GC heap comes from dotnet-counters when it can be installed (NuGet); without it the run reports RSS only.
counters="$root/bench/results/.tools/dotnet-counters"
if [ ! -x "$counters" ]; then
  dotnet tool install --tool-path "$root/bench/results/.tools" dotnet-counters --version 10.0.750501 >/dev/null 2>&1 \
    || echo "dotnet-counters could not be installed: no GC heap figures" >&2
fi

step "Build (Release)"
dotnet build -c Release "$root/bench/ServiceExcellence.Bench.Setup/ServiceExcellence.Bench.Setup.csproj" -nologo -v q -clp:ErrorsOnly >&2

step "Seed $links_count invitations with links"
dotnet "$setup_dll" soak "$db" "$run_dir/tokens.txt" "$run_dir/links.txt" "$links_count" >&2
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
# Emails already sent in the seeded database: every one sent from here on is a file in the pickup folder.
emails_sent_before=$(sqlite3 "$db" "SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent'")

step "Start the app on $base_url (dispatcher to a pickup folder, jobs on)"
if curl -s -o /dev/null "$base_url/"; then
  fail "something already listens on port $port (set BENCH_PORT)"
fi
app_pid=""
sampler_pid=""
wrk_pids=()
stop_all() {
  for pid in "${wrk_pids[@]}" $sampler_pid ${counters_pid:-}; do
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
trap stop_all EXIT
# Rate limits raised: every request comes from one address (public pages: 120 a minute) and one key (1,200 a minute).
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__ServiceExcellence="Data Source=$db" \
Database__Provider=Sqlite \
Database__SeedDemoData=false \
Security__SecureCookies=false \
Email__PickupDirectory="$run_dir/pickup" \
Email__Dispatcher__Enabled=true \
Jobs__Enabled=true \
Serilog__MinimumLevel__Default=Warning \
RateLimits__PublicPagesPerMinute=100000000 \
RateLimits__ApiRequestsPerMinute=100000000 \
RateLimits__ApiPerAddressPerMinute=100000000 \
  dotnet "$web_dll" --urls "$base_url" --contentRoot "$root/src/ServiceExcellence.Web" >"$run_dir/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "$base_url/health/live" && break
  kill -0 "$app_pid" 2>/dev/null || fail "the app stopped at start-up (see $run_dir/app.log)"
  sleep 0.5
done
curl -fs -o /dev/null "$base_url/health/live" || fail "the app did not answer within 60 s"
curl -fs -o /dev/null -H "X-Api-Key: $api_key" "$base_url/api/v1/service-lines" || fail "the demo API key was not accepted"

# Signs in through the login form and prints the Cookie header value of the session.
sign_in() { # <email>
  local jar="$run_dir/cookies-$1.txt" token status
  curl -fsS -c "$jar" -b "$jar" -o "$run_dir/login-$1.html" "$base_url/Account/Login"
  token=$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$run_dir/login-$1.html" | sed -E 's/.*value="([^"]+)".*/\1/' | head -1)
  [ -n "$token" ] || fail "no antiforgery token on the login page"
  status=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' "$base_url/Account/Login" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token")
  [ "$status" = "302" ] || fail "signing in as $1 answered $status"
  awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}
step "Sign in as the manager and the president; antiforgery token from one rating page"
manager_cookie=$(sign_in manager@example.com)
president_cookie=$(sign_in president@example.com)
for who in manager president; do
  cookie_var="${who}_cookie"
  status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: ${!cookie_var}" "$base_url/Alerts?scope=All")
  [ "$status" = "200" ] || fail "GET /Alerts as the $who answered $status"
done
curl -fsS -D "$run_dir/get-headers.txt" -o "$run_dir/get.html" "$base_url/r/$(head -1 "$run_dir/tokens.txt")"
rating_cookie=$(grep -i '^set-cookie: ServiceExcellence-Antiforgery=' "$run_dir/get-headers.txt" | sed -E 's/^[^:]+: ([^;]+);.*/\1/' | tr -d '\r')
form_token=$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$run_dir/get.html" | sed -E 's/.*value="([^"]+)".*/\1/' | head -1)
[ -n "$rating_cookie" ] && [ -n "$form_token" ] || fail "no antiforgery cookie or form token on the rating page"

clk_tck=$(getconf CLK_TCK)
app_cpu_ms() { awk -v tick="$clk_tck" '{ printf "%d\n", ($14 + $15) * 1000 / tick }' "/proc/$app_pid/stat"; }
# Due emails not sent yet (the dispatcher's backlog) and emails sent, read from the live database (WAL: no lock taken).
outbox() { sqlite3 -separator ' ' -cmd ".timeout 5000" "$db" \
  "SELECT COALESCE(SUM(Status = 'Pending'), 0), COALESCE(SUM(Status = 'Sent'), 0), COALESCE(SUM(Status = 'Failed'), 0) FROM OutboxMessages"; }
ratings_before=$(sqlite3 "$db" "SELECT COUNT(*) FROM Ratings")

# One line every few seconds: seconds since the load started, RSS (kB), app CPU (ms), outbox pending/sent/failed, 1-min load.
sample() {
  local started=$1
  while kill -0 "$app_pid" 2>/dev/null; do
    printf '%s %s %s %s %s\n' "$(($(date +%s) - started))" "$(awk '/^VmRSS:/ { print $2 }' "/proc/$app_pid/status")" \
      "$(app_cpu_ms)" "$(outbox)" "$(cut -d' ' -f1 /proc/loadavg)"
    sleep "$sample_seconds"
  done
}

# Runs the three streams at once for <seconds>; the outputs and logs get <suffix>. The API references carry <tag>.
run_streams() { # <seconds> <suffix> <tag>
  # Connections: enough that answers slowed to ~1 s still leave a free connection for every slot (rate x 1.2 s, at least 8).
  wrk -t1 -c"$rating_connections" -d"$1s" --timeout 30s -s "$root/bench/soak.lua" "$base_url" -- \
    rating "$rating_rate" "$run_dir/rating$2.log" "$run_dir/tokens.txt" "$rating_cookie" "$form_token" >"$run_dir/rating$2.txt" &
  wrk_pids+=($!)
  wrk -t1 -c"$queue_connections" -d"$1s" --timeout 30s -s "$root/bench/soak.lua" "$base_url" -- \
    queue "$queue_rate" "$run_dir/queue$2.log" "$president_cookie" "/Alerts?scope=All" "$manager_cookie" "/Alerts?scope=All" \
    "$manager_cookie" "/Alerts?scope=Mine" "$president_cookie" "/Alerts?scope=All&overdue=true" >"$run_dir/queue$2.txt" &
  wrk_pids+=($!)
  wrk -t1 -c"$api_connections" -d"$1s" --timeout 30s -s "$root/bench/soak.lua" "$base_url" -- \
    api "$api_rate" "$run_dir/api$2.log" "$api_key" "$3" >"$run_dir/api$2.txt" &
  wrk_pids+=($!)
  for pid in "${wrk_pids[@]}"; do
    wait "$pid" || fail "wrk stopped with an error (see $run_dir/*.txt)"
  done
  wrk_pids=()
}

api_tag=$(date -u +%H%M%S)
sample_origin=$(date +%s)
sample_origin_day=$(date -u +%H:%M:%S)
sample "$sample_origin" >"$run_dir/samples.txt" 2>>"$run_dir/sampler.log" &
sampler_pid=$!
counters_pid=""
if [ -x "$counters" ]; then
  "$counters" collect -p "$app_pid" --refresh-interval "$sample_seconds" --format csv -o "$run_dir/counters.csv" \
    --counters System.Runtime >"$run_dir/counters.log" 2>&1 &
  counters_pid=$!
fi
# The first minute is start-up: JIT, first queries, the jobs' first round (the demo company's reminders, the trend
# rules) and the first bursts of alert emails. It runs at the same rates and is checked, but not measured.
if [ "$warmup" -gt 0 ]; then
  step "Warm-up for $warmup s at the same rates (checked, not measured)"
  run_streams "$warmup" "-warmup" "${api_tag}w"
fi
step "Load for $minutes min: ratings $rating_rate/s, alert queue $queue_rate/s, API posts $api_rate/s"
load_started=$(date +%s)
cpu_before=$(app_cpu_ms)
run_streams "$seconds" "" "${api_tag}m"
load_seconds=$(($(date +%s) - load_started))
load_ended_day=$(date -u +%H:%M:%S)
cpu_load=$(($(app_cpu_ms) - cpu_before))
rss_end=$(awk '/^VmRSS:/ { print $2 }' "/proc/$app_pid/status")
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$run_dir/machine.txt" >&2

step "Outbox: waiting for the backlog to drain (at most $drain_limit s)"
drain_started=$(date +%s)
backlog_end=$(outbox | cut -d' ' -f1)
drained_after=""
while [ $(($(date +%s) - drain_started)) -le "$drain_limit" ]; do
  read -r pending _ _ < <(outbox)
  if [ "$pending" -eq 0 ]; then
    drained_after=$(($(date +%s) - drain_started))
    break
  fi
  sleep 2
done
cpu_drain=$(($(app_cpu_ms) - cpu_before - cpu_load))
read -r pending_final sent_final failed_final < <(outbox)
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
if [ -n "$counters_pid" ]; then
  kill "$counters_pid" 2>/dev/null || true
  wait "$counters_pid" 2>/dev/null || true
fi
rss_after_drain=$(awk '/^VmRSS:/ { print $2 }' "/proc/$app_pid/status")
stop_all
grep -E '"@l":"(Error|Fatal)"' "$run_dir/app.log" >"$run_dir/app-errors.log" || true
app_errors=$(wc -l <"$run_dir/app-errors.log")
eml_files=$(find "$run_dir/pickup" -name '*.eml' | wc -l)

# --- Figures per stream: requests/s (wrk), p50/p99 (ms), unexpected answers, socket errors, late sends, requests answered.
stream_figures() { # <wrk output>
  awk '
    /^Requests\/sec:/ { rps = $2 }
    /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    $1 == "soak" { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END { printf "%.1f %.1f %.1f %d %d %d %d %d\n", rps, v["p50-us"] / 1000, v["p99-us"] / 1000, v["unexpected"], errors, v["late"], v["answered"], v["worst-late-ms"] }' "$1"
}
read -r r_rps r_p50 r_p99 r_bad r_err r_late r_answered r_worst < <(stream_figures "$run_dir/rating.txt")
read -r q_rps q_p50 q_p99 q_bad q_err q_late q_answered q_worst < <(stream_figures "$run_dir/queue.txt")
read -r a_rps a_p50 a_p99 a_bad a_err a_late a_answered a_worst < <(stream_figures "$run_dir/api.txt")
answered=$((r_answered + q_answered + a_answered))
cpu_per_request=$(awk -v c="$cpu_load" -v n="$answered" 'BEGIN { printf "%.2f", (n > 0 ? c / n : 0) }')
cpu_share=$(awk -v c="$cpu_load" -v s="$load_seconds" -v n="$(nproc)" 'BEGIN { printf "%.0f", c / 10 / s }')

# --- Memory: start (first sample), peak, end of load; slope of RSS over the last minute of load (half the run
# when shorter), least squares, in MB per minute. A steady rise there is what a leak looks like.
read -r rss_start rss_peak slope load_mean load_max backlog_peak < <(awk -v end="$((load_started - sample_origin + load_seconds))" -v length_="$load_seconds" '
  $1 <= end {
    n++; if (n == 1) first = $2; if ($2 > peak) peak = $2
    loadsum += $7; if ($7 > loadmax) loadmax = $7; if ($4 > backlog) backlog = $4
    t[n] = $1; r[n] = $2
  }
  END {
    window = (length_ / 2 < 60 ? length_ / 2 : 60)
    for (i = 1; i <= n; i++) if (t[i] >= end - window) { k++; sx += t[i]; sy += r[i]; sxx += t[i] * t[i]; sxy += t[i] * r[i] }
    b = (k > 1 && k * sxx - sx * sx != 0) ? (k * sxy - sx * sy) / (k * sxx - sx * sx) : 0
    printf "%.0f %.0f %.1f %.2f %.2f %d\n", first / 1024, peak / 1024, b * 60 / 1024, (n ? loadsum / n : 0), loadmax, backlog
  }' "$run_dir/samples.txt")
# GC heap (all generations, as left by the last collection) from dotnet-counters' CSV: start, peak and end of the load,
# slope over the same window as RSS; and the exceptions thrown during the load, by type.
gc_heap="-"
exceptions="-"
if [ -s "$run_dir/counters.csv" ]; then
  read -r h_start h_peak h_end h_slope < <(awk -F, -v from="$sample_origin_day" -v to="$load_ended_day" '
    function sec(hms,   p) { split(hms, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
    BEGIN { start = sec(from); end = sec(to); if (end < start) end += 86400 }
    $3 ~ /^dotnet\.gc\.last_collection\.heap\.size/ {
      split($1, dt, " "); t = sec(dt[2]); if (t < start - 3600) t += 86400
      if (t < start || t > end + 5) next
      if (!(t in heap)) order[++n] = t
      heap[t] += $5
    }
    END {
      window = ((end - start) / 2 < 60 ? (end - start) / 2 : 60)
      for (i = 1; i <= n; i++) {
        t = order[i]; h = heap[t] / 1048576; if (h > peak) peak = h
        if (t >= end - window) { k++; sx += t; sy += h; sxx += t * t; sxy += t * h }
      }
      b = (k > 1 && k * sxx - sx * sx != 0) ? (k * sxy - sx * sy) / (k * sxx - sx * sx) : 0
      if (n) printf "%.0f %.0f %.0f %.1f\n", heap[order[1]] / 1048576, peak, heap[order[n]] / 1048576, b * 60
    }' "$run_dir/counters.csv")
  [ -n "${h_start:-}" ] && gc_heap="$h_start|$h_peak|$h_end|$h_slope"
  # Gen 2 as its last collection left it, at the end of each minute of load: what survives there for good is what a
  # leak grows; caches that fill during warm-up level off.
  gen2_by_minute=$(awk -F, -v from="$sample_origin_day" -v to="$load_ended_day" '
    function sec(hms,   p) { split(hms, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
    BEGIN { start = sec(from); end = sec(to); if (end < start) end += 86400 }
    $3 ~ /^dotnet\.gc\.last_collection\.heap\.size.*generation=gen2/ {
      split($1, dt, " "); t = sec(dt[2]); if (t < start - 3600) t += 86400
      if (t < start || t > end + 5) next
      m = int((t - start) / 60); if (m > last) last = m; v[m] = $5
    }
    END { for (m = 0; m <= last; m++) if (m in v) printf "%s%.0f", (n++ ? ", " : ""), v[m] / 1048576 }' "$run_dir/counters.csv")
  exceptions=$(awk -F, -v from="$sample_origin_day" -v to="$load_ended_day" '
    function sec(hms,   p) { split(hms, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
    $3 ~ /^dotnet\.exceptions/ && match($3, /error\.type=[^\]]+/) {
      split($1, dt, " "); t = sec(dt[2]); if (t < sec(from) || t > sec(to) + 5) next
      count[substr($3, RSTART + 11, RLENGTH - 11)] += $5
    }
    END { for (type in count) if (count[type] > 0) printf "%s%s %d", (n++ ? ", " : ""), type, count[type]; if (!n) printf "none" }' "$run_dir/counters.csv")
fi
rss_end_mb=$((rss_end / 1024))
rss_drained_mb=$((rss_after_drain / 1024))
# Shorter runs are still warming up (JIT, caches, the connection pool, the GC settling on its budget): not judged.
if [ "$load_seconds" -lt 180 ]; then
  memory_verdict="not judged: runs shorter than 3 min are still warming up"
elif awk -v s="$slope" 'BEGIN { exit !(s >= 2) }'; then
  memory_verdict="RISING: 2 MB/min or more over the last minute of load"
else
  memory_verdict="flat: under 2 MB/min over the last minute of load"
fi

# --- Database checks, on the stopped app's file: the logs of the three streams against what is stored.
check_db="$run_dir/check.db"
rm -f "$check_db"
# Both phases: the warm-up's requests are checked like the measured ones.
logs() { ls "$run_dir/$1.log" "$run_dir/$1-warmup.log" 2>/dev/null; }
awk '$1 == "sent" { print $2 " " $3 }' $(logs rating) | sort -u >"$run_dir/rating-sent.txt"
awk '$1 == "ok" { print $2 }' $(logs rating) | sort -u >"$run_dir/rating-ok.txt"
awk '$1 == "sent" { print $2 }' $(logs api) | sort -u >"$run_dir/api-sent.txt"
awk '$1 == "ok" { print $2 }' $(logs api) >"$run_dir/api-ok.txt"
sqlite3 "$check_db" <<SQL
CREATE TABLE links (token TEXT PRIMARY KEY, invitation TEXT NOT NULL);
CREATE TABLE rating_sent (token TEXT PRIMARY KEY, score INTEGER NOT NULL);
CREATE TABLE rating_ok (token TEXT PRIMARY KEY);
CREATE TABLE api_sent (reference TEXT PRIMARY KEY);
CREATE TABLE api_ok (reference TEXT NOT NULL);
.separator " "
.import $run_dir/links.txt links
.import $run_dir/rating-sent.txt rating_sent
.import $run_dir/rating-ok.txt rating_ok
.import $run_dir/api-sent.txt api_sent
.import $run_dir/api-ok.txt api_ok
SQL
checks=$(sqlite3 -separator ' ' "$check_db" <<SQL
ATTACH '$db' AS app;
CREATE TEMP VIEW soak_ratings AS
  SELECT l.token, r.Id AS rating_id, r.Overall FROM app.Ratings r JOIN links l ON l.invitation = r.InvitationId;
CREATE TEMP VIEW soak_transactions AS
  SELECT t.Id, t.ExternalReference FROM app.Transactions t WHERE t.SourceSystem = 'demo-crm' AND t.ExternalReference LIKE 'soak-$api_tag%';
SELECT
  -- ratings: links confirmed, ratings stored, confirmed links without exactly one rating, ratings on links never sent,
  -- ratings whose score is not the one sent
  (SELECT COUNT(*) FROM rating_ok),
  (SELECT COUNT(*) FROM soak_ratings),
  (SELECT COUNT(*) FROM rating_ok o WHERE (SELECT COUNT(*) FROM soak_ratings s WHERE s.token = o.token) <> 1),
  (SELECT COUNT(*) FROM soak_ratings s WHERE s.token NOT IN (SELECT token FROM rating_sent)),
  (SELECT COUNT(*) FROM soak_ratings s JOIN rating_sent x ON x.token = s.token WHERE s.Overall <> x.score),
  -- alerts: poor ratings stored, their alerts, poor ratings without exactly one alert, such alerts without a route,
  -- alerts on ratings that are not poor, alert emails sent during the run
  (SELECT COUNT(*) FROM soak_ratings WHERE Overall <= 2),
  (SELECT COUNT(*) FROM app.Alerts a JOIN soak_ratings s ON s.rating_id = a.RatingId),
  (SELECT COUNT(*) FROM soak_ratings s WHERE s.Overall <= 2 AND (SELECT COUNT(*) FROM app.Alerts a WHERE a.RatingId = s.rating_id) <> 1),
  (SELECT COUNT(*) FROM app.Alerts a JOIN soak_ratings s ON s.rating_id = a.RatingId
     WHERE NOT EXISTS (SELECT 1 FROM app.AlertRoutes r WHERE r.AlertId = a.Id)),
  (SELECT COUNT(*) FROM app.Alerts a JOIN soak_ratings s ON s.rating_id = a.RatingId WHERE s.Overall > 2),
  (SELECT COUNT(*) FROM app.OutboxMessages WHERE Kind = 'alert-raised' AND Status = 'Sent'),
  -- API: created answers, transactions stored, created references not stored exactly once, stored references never sent,
  -- transactions without exactly one invitation, suppressed invitations, invitations whose emails do not match the policy
  (SELECT COUNT(*) FROM api_ok),
  (SELECT COUNT(*) FROM soak_transactions),
  (SELECT COUNT(*) FROM api_ok o WHERE (SELECT COUNT(*) FROM soak_transactions t WHERE t.ExternalReference = o.reference) <> 1),
  (SELECT COUNT(*) FROM soak_transactions t WHERE t.ExternalReference NOT IN (SELECT reference FROM api_sent)),
  (SELECT COUNT(*) FROM soak_transactions t WHERE (SELECT COUNT(*) FROM app.SurveyInvitations i WHERE i.TransactionId = t.Id) <> 1),
  (SELECT COUNT(*) FROM app.SurveyInvitations i JOIN soak_transactions t ON t.Id = i.TransactionId WHERE i.Status = 'Suppressed'),
  (SELECT COUNT(*) FROM app.SurveyInvitations i JOIN soak_transactions t ON t.Id = i.TransactionId
     WHERE (SELECT COUNT(*) FROM app.OutboxMessages m WHERE m.SurveyInvitationId = i.Id) <> (CASE WHEN i.Status = 'Suppressed' THEN 0 ELSE 1 END)),
  -- the run as a whole: ratings added (all links), duplicate API references of any run
  (SELECT COUNT(*) FROM app.Ratings) - $ratings_before,
  (SELECT COUNT(*) - COUNT(DISTINCT ExternalReference) FROM app.Transactions WHERE SourceSystem = 'demo-crm');
SQL
)
read -r c_ok c_ratings c_rating_missing c_rating_unsent c_rating_score c_poor c_alerts c_alert_missing c_alert_unrouted \
  c_alert_extra c_alert_emails c_api_ok c_api_stored c_api_missing c_api_unsent c_api_no_invitation c_api_suppressed \
  c_api_email_mismatch c_ratings_added c_api_duplicates <<<"$checks"
emails_sent=$((sent_final - emails_sent_before))

problems=()
warmup_failed=0
if [ "$warmup" -gt 0 ]; then
  for stream in rating queue api; do
    read -r _ _ _ w_bad w_err _ _ _ < <(stream_figures "$run_dir/$stream-warmup.txt")
    warmup_failed=$((warmup_failed + w_bad + w_err))
  done
fi
[ "$((r_bad + r_err + q_bad + q_err + a_bad + a_err + warmup_failed))" -eq 0 ] || problems+=("requests failed or answered unexpectedly (see the table; warm-up: $warmup_failed)")
[ "$c_rating_missing" -eq 0 ] || problems+=("$c_rating_missing confirmed links do not have exactly one rating")
[ "$c_rating_unsent" -eq 0 ] || problems+=("$c_rating_unsent ratings on links that were never sent")
[ "$c_rating_score" -eq 0 ] || problems+=("$c_rating_score ratings with another score than the one sent")
[ "$c_ratings_added" -eq "$c_ratings" ] || problems+=("$c_ratings_added ratings added, $c_ratings of them on the run's links")
[ "$c_alert_missing" -eq 0 ] || problems+=("$c_alert_missing poor ratings without exactly one alert")
[ "$c_alert_unrouted" -eq 0 ] || problems+=("$c_alert_unrouted alerts without a route")
[ "$c_alert_extra" -eq 0 ] || problems+=("$c_alert_extra alerts on ratings that are not poor")
[ "$c_api_missing" -eq 0 ] || problems+=("$c_api_missing created transactions not stored exactly once")
[ "$c_api_unsent" -eq 0 ] || problems+=("$c_api_unsent stored transactions that were never sent")
[ "$c_api_duplicates" -eq 0 ] || problems+=("$c_api_duplicates duplicate references")
[ "$c_api_no_invitation" -eq 0 ] || problems+=("$c_api_no_invitation transactions without exactly one invitation")
[ "$c_api_email_mismatch" -eq 0 ] || problems+=("$c_api_email_mismatch invitations whose email does not match the policy")
[ "$pending_final" -eq 0 ] || problems+=("the outbox did not drain within $drain_limit s ($pending_final pending)")
[ "$failed_final" -eq 0 ] || problems+=("$failed_final emails failed for good")
[ "$eml_files" -eq "$emails_sent" ] || problems+=("$eml_files files in the pickup folder for $emails_sent emails sent")
[ "$app_errors" -eq 0 ] || problems+=("$app_errors errors in the app's log (see app-errors.log)")

verdict() { [ "$1" -eq 0 ] && echo "ok" || echo "**FAILED**"; }
{
  echo
  echo "| stream | target (req/s) | achieved (req/s) | p50 (ms) | p99 (ms) | errors | late sends |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| rating POST /r/{token} ($rating_connections connections) | $rating_rate | $r_rps | $r_p50 | $r_p99 | $((r_bad + r_err)) | $r_late |"
  echo "| alert queue GET /Alerts, 4 views, 2 personas ($queue_connections connections) | $queue_rate | $q_rps | $q_p50 | $q_p99 | $((q_bad + q_err)) | $q_late |"
  echo "| API POST /api/v1/transactions ($api_connections connections) | $api_rate | $a_rps | $a_p50 | $a_p99 | $((a_bad + a_err)) | $a_late |"
  echo
  echo "$minutes min ($load_seconds s) of load after a $warmup s warm-up at the same rates (not in these figures; $warmup_failed of its requests failed), wrk -t1 per stream with --timeout 30s, requests held to a fixed schedule by \`soak.lua\`;"
  echo "errors = answers other than 302 to the thanks page / 2xx / 201, plus socket errors; late = sent more than 100 ms after its slot"
  echo "(worst: rating $r_worst ms, queue $q_worst ms, API $a_worst ms). Dispatcher on (pickup folder), jobs on, Warning logging."
  echo "$(nproc) cores shared by the app, the three wrk processes and whatever else runs: load average during the run $load_mean (max $load_max); $(grep '^load before' "$run_dir/machine.txt"); $(grep '^load after' "$run_dir/machine.txt")."
  echo
  echo "| app | at rest, before the warm-up | peak | end of load | after the drain |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  echo "| RSS (MB) | $rss_start | $rss_peak | $rss_end_mb | $rss_drained_mb |"
  if [ "$gc_heap" != "-" ]; then
    IFS='|' read -r h_start h_peak h_end h_slope <<<"$gc_heap"
    echo "| GC heap after the last collection (MB, dotnet-counters) | $h_start | $h_peak | $h_end | — |"
  fi
  echo
  echo "RSS over the last minute of load (half the run when shorter): $slope MB/min — $memory_verdict; samples every $sample_seconds s in samples.txt."
  [ "$gc_heap" != "-" ] && echo "GC heap over the same window: $h_slope MB/min; gen 2 after its last collection, at the end of each minute from the warm-up on: $gen2_by_minute MB. Exceptions thrown from the warm-up to the end of the load (dotnet-counters): $exceptions."
  echo "App CPU: $cpu_load ms during the load ($cpu_share% of one core), $cpu_per_request ms per request answered (background work included); $cpu_drain ms during the drain."
  echo "Outbox: at most $backlog_peak emails waiting during the load, $backlog_end at its end, $([ -n "$drained_after" ] && echo "drained $drained_after s later" || echo "NOT drained after $drain_limit s"); $emails_sent emails sent during the run ($c_alert_emails alert notifications in all), $eml_files files in the pickup folder, $failed_final failed."
  echo
  echo "| check | result |"
  echo "| --- | --- |"
  echo "| every confirmed rating stored exactly once ($c_ok links confirmed, $c_ratings ratings stored) | $(verdict "$c_rating_missing") |"
  echo "| no rating on a link that was not sent; every score as sent | $(verdict $((c_rating_unsent + c_rating_score))) |"
  echo "| every poor rating (≤ 2: $c_poor) has exactly one alert ($c_alerts), routed; none on the others | $(verdict $((c_alert_missing + c_alert_unrouted + c_alert_extra))) |"
  echo "| every created transaction ($c_api_ok answers 201; $c_api_stored stored) stored exactly once, none that was not sent | $(verdict $((c_api_missing + c_api_unsent + c_api_duplicates))) |"
  echo "| each has one invitation and its email, or is suppressed without one ($c_api_suppressed throttled) | $(verdict $((c_api_no_invitation + c_api_email_mismatch))) |"
  echo "| the outbox drained, nothing failed, one file per email sent | $(verdict $((pending_final + failed_final + (eml_files != emails_sent)))) |"
  echo "| no error in the app's log | $(verdict "$app_errors") |"
} >"$run_dir/summary.md"
cat "$run_dir/summary.md"

echo "Raw output: ${run_dir#"$root"/}" >&2
if [ "${#problems[@]}" -ne 0 ]; then
  printf 'FAILED: %s\n' "${problems[@]}" >&2
  exit 1
fi
