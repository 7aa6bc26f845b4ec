#!/usr/bin/env bash
# Measures transaction ingestion through the REST API: POST /api/v1/transactions/batch (1,000 per request)
# and POST /api/v1/transactions (one per request), against the bare baseline POST in the same process,
# with wrk on 127.0.0.1. Every transaction is new and has a new contact, so each one stores a contact, the
# transaction, its survey invitation and its email (the heaviest case). Prints a Markdown table, checks in
# the database that every confirmed transaction is stored exactly once, and exits non-zero when a request
# failed, the check does not hold or the batch target (>= 1,000 transactions/s) is not met.
# Results and logs go to bench/results/<UTC time>-api/ (not committed). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

port=${BENCH_PORT:-5393}
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-5s}
batch_size=${BENCH_BATCH:-1000}
base_url="http://127.0.0.1:$port"
run_dir="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-api"
db="$run_dir/bench.db"
web_dll="$root/src/ServiceExcellence.Web/bin/Release/net10.0/ServiceExcellence.Web.dll"
# The demo key, created by the demo seed (see README); it exists only in a database seeded with demo data.
api_key=se_DemoKey-DevelopmentOnly-NotASecret-2026
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

step "Tools"
install_missing wrk wrk
install_missing sqlite3 sqlite3
mkdir -p "$run_dir"
{
  echo "started: $(date -u +%FT%TZ)"
  echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
} | tee "$run_dir/machine.txt" >&2

step "Build (Release)"
dotnet build -c Release "$root/src/ServiceExcellence.Web/ServiceExcellence.Web.csproj" -nologo -v q -clp:ErrorsOnly >&2

step "Start the app on $base_url (new database with the demo company and its demo API key)"
if curl -s -o /dev/null "$base_url/"; then
  fail "something already listens on port $port (set BENCH_PORT)"
fi
app_pid=""
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
trap stop_app EXIT
ASPNETCORE_ENVIRONMENT=Production \
ConnectionStrings__ServiceExcellence="Data Source=$db" \
Database__Provider=Sqlite \
Database__SeedDemoData=true \
Security__SecureCookies=false \
Email__Dispatcher__Enabled=false \
Jobs__Enabled=false \
Serilog__MinimumLevel__Default=Warning \
RateLimits__ApiRequestsPerMinute=100000000 \
RateLimits__ApiPerAddressPerMinute=100000000 \
Benchmark__Enabled=true \
  dotnet "$web_dll" --urls "$base_url" --contentRoot "$root/src/ServiceExcellence.Web" >"$run_dir/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "$base_url/health/live" && break
  kill -0 "$app_pid" 2>/dev/null || fail "the app stopped at start-up (see $run_dir/app.log)"
  sleep 0.5
done
curl -fs -o /dev/null "$base_url/health/live" || fail "the app did not answer within 60 s"
curl -fs -o /dev/null -H "X-Api-Key: $api_key" "$base_url/api/v1/service-lines" || fail "the demo API key was not accepted"

app_cpu_ms() { awk -v tick="$(getconf CLK_TCK)" '{ printf "%d\n", ($14 + $15) * 1000 / tick }' "/proc/$app_pid/stat"; }
stored() { sqlite3 "$db" "SELECT COUNT(*) FROM Transactions WHERE SourceSystem = 'demo-crm'"; }
run_wrk() { # <name> <duration> <threads> <connections> <extra wrk args…>
  local name=$1 length=$2 t=$3 c=$4 before
  shift 4
  before=$(app_cpu_ms)
  wrk -t"$t" -c"$c" -d"$length" --timeout 60s --latency "$@" >"$run_dir/$name.txt"
  echo "app-cpu-ms $(($(app_cpu_ms) - before))" >>"$run_dir/$name.txt"
}

step "Batch POST ($batch_size per request): warm-up $warmup, then $duration"
run_wrk batch-warmup "$warmup" 1 2 -s "$root/bench/api-ingest.lua" "$base_url" -- "$api_key" "$batch_size" bw
before_batch=$(stored)
run_wrk batch "$duration" 1 2 -s "$root/bench/api-ingest.lua" "$base_url" -- "$api_key" "$batch_size" b
after_batch=$(stored)
step "Single POST: warm-up $warmup, then $duration"
run_wrk single-warmup "$warmup" 2 32 -s "$root/bench/api-ingest.lua" "$base_url" -- "$api_key" 0 sw
before_single=$(stored)
run_wrk single "$duration" 2 32 -s "$root/bench/api-ingest.lua" "$base_url" -- "$api_key" 0 s
after_single=$(stored)
step "Baseline POST: warm-up $warmup, then $duration"
run_wrk baseline-warmup "$warmup" 2 32 -s "$root/bench/baseline-post.lua" "$base_url"
run_wrk baseline "$duration" 2 32 -s "$root/bench/baseline-post.lua" "$base_url"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$run_dir/machine.txt" >&2
stop_app

# requests/s, p50 ms, p99 ms, non-2xx/3xx, socket errors, completed requests, app CPU ms per request
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
      return v + 0
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /requests in/ { total = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { non = $NF }
    /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    $1 == "app-cpu-ms" { cpu = $2 }
    END { printf "%.1f %.2f %.2f %d %d %d %.2f\n", rps, p50, p99, non, errors, total, (total > 0 ? cpu / total : 0) }' "$1"
}
# confirmed transactions, unexpected answers, transactions sent (over the threads of one run)
parse_counts() {
  awk '$1 == "api-ingest" { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] += kv[2] } }
       END { printf "%d %d %d\n", v["confirmed"], v["unexpected"], v["sent"] }' "$1"
}
seconds=${duration%s}
read -r bt_rps bt_p50 bt_p99 bt_non bt_err _ bt_cpu < <(parse_wrk "$run_dir/batch.txt")
read -r s_rps s_p50 s_p99 s_non s_err _ s_cpu < <(parse_wrk "$run_dir/single.txt")
read -r b_rps b_p50 b_p99 b_non b_err _ b_cpu < <(parse_wrk "$run_dir/baseline.txt")
read -r bt_confirmed bt_unexpected bt_sent < <(parse_counts "$run_dir/batch.txt")
read -r s_confirmed s_unexpected s_sent < <(parse_counts "$run_dir/single.txt")
read -r bw_confirmed bw_unexpected bw_sent < <(parse_counts "$run_dir/batch-warmup.txt")
read -r sw_confirmed sw_unexpected sw_sent < <(parse_counts "$run_dir/single-warmup.txt")
batch_stored=$((after_batch - before_batch))
single_stored=$((after_single - before_single))
# Confirmed transactions only: a request still running when wrk stops is not counted, whether or not it was stored.
batch_tps=$(awk -v n="$bt_confirmed" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
single_tps=$(awk -v n="$s_confirmed" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
bt_cpu_tx=$(awk -v c="$bt_cpu" -v n="$batch_size" 'BEGIN { printf "%.3f", c / n }')
read -r invitations emails contacts duplicates < <(sqlite3 -separator ' ' "$db" "
  SELECT (SELECT COUNT(*) FROM SurveyInvitations i JOIN Transactions t ON t.Id = i.TransactionId WHERE t.SourceSystem = 'demo-crm'),
         (SELECT COUNT(*) FROM OutboxMessages WHERE ToAddress LIKE '%@bench.example'),
         (SELECT COUNT(*) FROM Contacts WHERE Email LIKE '%@bench.example'),
         (SELECT COUNT(*) - COUNT(DISTINCT ExternalReference) FROM Transactions WHERE SourceSystem = 'demo-crm')")
total=$(stored)
confirmed_all=$((bw_confirmed + bt_confirmed + sw_confirmed + s_confirmed))
sent_all=$((bw_sent + bt_sent + sw_sent + s_sent))

{
  echo
  echo "| scenario | requests/s | transactions/s | p50 (ms) | p99 (ms) | non-2xx/3xx | socket errors | app CPU per transaction (ms) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| batch POST /api/v1/transactions/batch ($batch_size per request, -t1 -c2) | $bt_rps | $batch_tps | $bt_p50 | $bt_p99 | $bt_non | $bt_err | $bt_cpu_tx |"
  echo "| single POST /api/v1/transactions (-t2 -c32) | $s_rps | $single_tps | $s_p50 | $s_p99 | $s_non | $s_err | $s_cpu |"
  echo "| baseline POST /bench/baseline (one row, -t2 -c32) | $b_rps | — | $b_p50 | $b_p99 | $b_non | $b_err | $b_cpu |"
  echo
  echo "wrk --timeout 60s --latency for $duration after a $warmup warm-up each; every transaction new, with a new contact (contact, transaction, invitation and email stored)."
  echo "$(nproc) cores shared by the app, wrk and whatever else runs (load before: $(grep '^load before' "$run_dir/machine.txt" | cut -d' ' -f3-); after: $(grep '^load after' "$run_dir/machine.txt" | cut -d' ' -f3-))."
  echo "Stored: $total transactions ($invitations invitations, $emails emails, $contacts new contacts, $duplicates duplicate references) for $confirmed_all confirmed and $sent_all sent; during the batch run $batch_stored, during the single run $single_stored."
  if [ "$batch_tps" -ge 1000 ]; then
    echo "Target (batch >= 1,000 transactions/s): met."
  else
    echo "Target (batch >= 1,000 transactions/s): NOT met."
  fi
} | tee "$run_dir/summary.md"

status=0
failed=$((bt_non + bt_err + s_non + s_err + b_non + b_err + bt_unexpected + s_unexpected + bw_unexpected + sw_unexpected))
if [ "$failed" -ne 0 ]; then
  echo "FAILED: $failed requests failed or answered unexpectedly" >&2
  status=1
fi
# Every confirmed transaction is stored once; a request cut off when wrk stopped may or may not have been.
if [ "$duplicates" -ne 0 ] || [ "$invitations" -ne "$total" ] || [ "$emails" -ne "$total" ] \
   || [ "$total" -lt "$confirmed_all" ] || [ "$total" -gt "$sent_all" ]; then
  echo "FAILED: stored counts do not match what was confirmed (see above)" >&2
  status=1
fi
[ "$batch_tps" -ge 1000 ] || status=1
echo "Raw output: ${run_dir#"$root"/}" >&2
exit $status
