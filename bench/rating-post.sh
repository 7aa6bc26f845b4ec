#!/usr/bin/env bash
# Measures the customer's rating POST (/r/{token}: antiforgery, rate limiter, page, mediator pipeline,
# SQLite write) against a bare POST that inserts one row into the same database in the same process
# (/bench/baseline), with wrk on 127.0.0.1. Prints a Markdown table and checks in the database that every
# posted link has exactly one rating. Exits non-zero when a request failed or the check does not hold.
# Results and logs go to bench/results/<UTC time>/ (not committed). See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

tokens_count=${BENCH_TOKENS:-5000}
port=${BENCH_PORT:-5391}
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-5s}
threads=2
connections=32
score=${BENCH_SCORE:-}
base_url="http://127.0.0.1:$port"
run_dir="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
db="$run_dir/bench.db"
tokens="$run_dir/tokens.txt"
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

[ -z "$score" ] || [[ "$score" =~ ^[1-5]$ ]] || fail "BENCH_SCORE must be an overall score from 1 to 5"

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
dotnet build -c Release "$root/bench/ServiceExcellence.Bench.Setup/ServiceExcellence.Bench.Setup.csproj" -nologo -v q -clp:ErrorsOnly >&2

step "Seed $tokens_count invitations with links"
dotnet "$setup_dll" "$db" "$tokens" "$tokens_count" >&2
# The demo company comes with six months of ratings; the check below counts only those the run adds.
demo_ratings=$(sqlite3 "$db" "SELECT COUNT(*) FROM Ratings")

step "Start the app on $base_url"
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
Database__SeedDemoData=false \
Security__SecureCookies=false \
Email__Dispatcher__Enabled=false \
Jobs__Enabled=false \
Serilog__MinimumLevel__Default=Warning \
RateLimits__PublicPagesPerMinute=100000000 \
Benchmark__Enabled=true \
  dotnet "$web_dll" --urls "$base_url" --contentRoot "$root/src/ServiceExcellence.Web" >"$run_dir/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "$base_url/health/live" && break
  kill -0 "$app_pid" 2>/dev/null || fail "the app stopped at start-up (see $run_dir/app.log)"
  sleep 0.5
done
curl -fs -o /dev/null "$base_url/health/live" || fail "the app did not answer within 30 s"

step "Antiforgery cookie and form token from one rating page"
first_token=$(head -1 "$tokens")
curl -fsS -D "$run_dir/get-headers.txt" -o "$run_dir/get.html" "$base_url/r/$first_token"
cookie=$(grep -i '^set-cookie: ServiceExcellence-Antiforgery=' "$run_dir/get-headers.txt" | sed -E 's/^[^:]+: ([^;]+);.*/\1/' | tr -d '\r')
form_token=$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$run_dir/get.html" | sed -E 's/.*value="([^"]+)".*/\1/' | head -1)
[ -n "$cookie" ] && [ -n "$form_token" ] || fail "no antiforgery cookie or form token on the rating page"

# A slow answer is measured, not dropped: wrk's own 2 s timeout would count it as an error and leave it out of
# the latency figures. 30 s is the SQLite command timeout, after which the app gives up itself.
# The app's CPU time (user + system) around each run as well: on a shared machine it varies far less than
# requests/s, so it is the figure to compare code changes by.
app_cpu_ms() { awk -v tick="$(getconf CLK_TCK)" '{ printf "%d\n", ($14 + $15) * 1000 / tick }' "/proc/$app_pid/stat"; }
run_wrk() { # <name> <duration> <extra wrk args…>
  local name=$1 length=$2 before
  shift 2
  before=$(app_cpu_ms)
  wrk -t"$threads" -c"$connections" -d"$length" --timeout 30s --latency "$@" >"$run_dir/$name.txt"
  echo "app-cpu-ms $(($(app_cpu_ms) - before))" >>"$run_dir/$name.txt"
}
rating_args=(-s "$root/bench/rating-post.lua" "$base_url" -- "$tokens" "$cookie" "$form_token" "$threads" $score)
baseline_args=(-s "$root/bench/baseline-post.lua" "$base_url")

step "Rating POST: warm-up $warmup, then $duration"
run_wrk rating-warmup "$warmup" "${rating_args[@]}"
run_wrk rating "$duration" "${rating_args[@]}"
step "Baseline POST: warm-up $warmup, then $duration"
run_wrk baseline-warmup "$warmup" "${baseline_args[@]}"
run_wrk baseline "$duration" "${baseline_args[@]}"
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
read -r r_rps r_p50 r_p99 r_non r_err _ r_cpu < <(parse_wrk "$run_dir/rating.txt")
read -r b_rps b_p50 b_p99 b_non b_err b_total b_cpu < <(parse_wrk "$run_dir/baseline.txt")
read -r _ _ _ rw_non rw_err _ _ < <(parse_wrk "$run_dir/rating-warmup.txt")
read -r _ _ _ bw_non bw_err bw_total _ < <(parse_wrk "$run_dir/baseline-warmup.txt")
ratio=$(awk -v r="$r_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", (b > 0 ? r / b : 0) }')

# Links sent (upper bound) and links answered with their 302 (lower bound), per thread over both rating runs.
read -r unexpected confirmed sent < <(awk '
  $1 == "rating-post" {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    t = v["thread"]; own[t] = v["own"]; unexpected += v["unexpected"]
    if (v["generated"] > gen[t]) gen[t] = v["generated"]
    if (v["confirmed"] > conf[t]) conf[t] = v["confirmed"]
  }
  END {
    for (t in own) { sent += (gen[t] < own[t] ? gen[t] : own[t]); confirmed += conf[t] }
    printf "%d %d %d\n", unexpected, confirmed, sent
  }' "$run_dir/rating-warmup.txt" "$run_dir/rating.txt")
read -r ratings invitations baseline_rows < <(sqlite3 -separator ' ' "$db" \
  "SELECT COUNT(*) - $demo_ratings, COUNT(DISTINCT InvitationId) - $demo_ratings, (SELECT COUNT(*) FROM BenchmarkRows) FROM Ratings")

{
  echo
  echo "| scenario | requests/s | p50 (ms) | p99 (ms) | non-2xx/3xx | socket errors | throughput vs baseline | app CPU per request (ms) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| rating POST /r/{token} | $r_rps | $r_p50 | $r_p99 | $r_non | $r_err | $ratio | $r_cpu |"
  echo "| baseline POST /bench/baseline | $b_rps | $b_p50 | $b_p99 | $b_non | $b_err | 1.00 | $b_cpu |"
  echo
  echo "Overall scores: ${score:-random 1–5 (two in five poor, each raising an alert)}."
  echo "wrk -t$threads -c$connections -d$duration --timeout 30s --latency after a $warmup warm-up each; $tokens_count links; $(nproc) cores shared by the app, wrk and whatever else runs (load before: $(grep '^load before' "$run_dir/machine.txt" | cut -d' ' -f3-))."
  echo "Ratings: $ratings for $invitations invitations; links answered with 302: $confirmed; links sent: $sent."
  if awk -v r="$r_rps" -v b="$b_rps" -v p="$r_p99" 'BEGIN { exit !(r >= b / 2 && p < 50) }'; then
    echo "Target (rating ≥ 0.5 × baseline requests/s and p99 < 50 ms): met."
  else
    echo "Target (rating ≥ 0.5 × baseline requests/s and p99 < 50 ms): NOT met."
  fi
} | tee "$run_dir/summary.md"

status=0
failed=$((r_non + r_err + rw_non + rw_err + b_non + b_err + bw_non + bw_err))
if [ "$failed" -ne 0 ] || [ "$unexpected" -ne 0 ]; then
  echo "FAILED: $failed requests failed (non-2xx/3xx or socket errors); $unexpected rating answers were not a 302 to the thanks page" >&2
  status=1
fi
# Each POST created or edited one rating: one rating per invitation, and exactly one for every link posted
# (a link whose response was cut off when wrk stopped may or may not have been recorded).
if [ "$ratings" -ne "$invitations" ] || [ "$ratings" -lt "$confirmed" ] || [ "$ratings" -gt "$sent" ]; then
  echo "FAILED: $ratings ratings for $invitations invitations; expected one per link posted ($confirmed confirmed, $sent sent)" >&2
  status=1
fi
if [ "$baseline_rows" -lt $((b_total + bw_total)) ]; then
  echo "FAILED: $baseline_rows baseline rows for $((b_total + bw_total)) baseline responses" >&2
  status=1
fi
echo "Raw output: ${run_dir#"$root"/}" >&2
exit $status
