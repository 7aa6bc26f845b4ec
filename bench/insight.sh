#!/usr/bin/env bash
# Measures the dashboards (GET /Dashboard/...: figures against the previous period, trend, failure analysis, key
# drivers, revenue at risk) for a one-year range with 100,000 and with 1,000,000 ratings in SQLite: the company
# dashboard as the president, and a client team's dashboard as its manager. wrk on 127.0.0.1. Prints a Markdown
# table with p50/p90/p95/p99, the app's CPU time per request and the load average; checks the targets (company
# dashboard p95 < 300 ms at 1,000,000 ratings; p95 growth from 100,000 to 1,000,000 ratings below 2×) and exits
# non-zero when any response is not 2xx. Results and logs go to bench/results/<UTC time>-insight/ (not committed);
# the seeded databases are cached in bench/results/insight-<N>.db (with a .complete marker) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

sizes=${BENCH_SIZES:-"100000 1000000"}
port=${BENCH_PORT:-5393}
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-5s}
threads=2
connections=4
target_ms=300
password='Demo-Excellence-2026'
base_url="http://127.0.0.1:$port"
run_dir="$root/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-insight"
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
dotnet build -c Release "$root/bench/ServiceExcellence.Bench.Setup/ServiceExcellence.Bench.Setup.csproj" -nologo -v q -clp:ErrorsOnly >&2

app_pid=""
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" && wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}
trap stop_app EXIT

# Signs in through the login form and prints the Cookie header value of the session.
sign_in() { # <email>
  local jar="$run_dir/cookies-$1.txt" token status
  rm -f "$jar"
  curl -fsS -c "$jar" -b "$jar" -o "$run_dir/login-$1.html" "$base_url/Account/Login"
  token=$(grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$run_dir/login-$1.html" | sed -E 's/.*value="([^"]+)".*/\1/' | head -1)
  [ -n "$token" ] || fail "no antiforgery token on the login page"
  status=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' "$base_url/Account/Login" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token")
  [ "$status" = "302" ] || fail "signing in as $1 answered $status"
  awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}

app_cpu_ms() { awk -v tick="$(getconf CLK_TCK)" '{ printf "%d\n", ($14 + $15) * 1000 / tick }' "/proc/$app_pid/stat"; }
run_wrk() { # <name> <duration> <cookie> <path>
  local before
  before=$(app_cpu_ms)
  wrk -t"$threads" -c"$connections" -d"$2" --timeout 30s --latency -s "$root/bench/insight.lua" -H "Cookie: $3" "$base_url$4" >"$run_dir/$1.txt"
  echo "app-cpu-ms $(($(app_cpu_ms) - before))" >>"$run_dir/$1.txt"
}

# BENCH_TO (default today) moves the one-year range, e.g. off whole months: 2026-11-15 gives 2025-11-16 to 2026-11-15.
to=${BENCH_TO:-$(date -u +%F)}
from=$(date -u -d "$to -364 days" +%F)
scenarios=()
for size in $sizes; do
  cached_db="$root/bench/results/insight-$size.db"
  db="$run_dir/bench-$size.db"
  if [ "${BENCH_RESEED:-0}" = "1" ]; then
    rm -f "$cached_db" "$cached_db-wal" "$cached_db-shm" "$cached_db.complete"
  fi
  if [ -f "$cached_db.complete" ] && [ -f "$cached_db" ]; then
    step "Reuse the seeded database ${cached_db#"$root"/} (seeded $(cat "$cached_db.complete"))"
  else
    step "Seed $size ratings (1,000,000 take several minutes)"
    rm -f "$cached_db" "$cached_db-wal" "$cached_db-shm" "$cached_db.complete"
    dotnet "$setup_dll" ratings "$cached_db" "$size" >&2
    sqlite3 "$cached_db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
    date -u +%FT%TZ >"$cached_db.complete"
  fi
  cp "$cached_db" "$db"
  sqlite3 -separator ' ' "$db" "SELECT 'ratings', COUNT(*) FROM Ratings; SELECT 'invitations', COUNT(*) FROM SurveyInvitations;
    SELECT 'alerts', COUNT(*) FROM Alerts; SELECT 'rollup-day-rows', COUNT(*) FROM InsightDays;" | tee "$run_dir/data-$size.txt" >&2
  team_id=$(sqlite3 "$db" "SELECT t.Id FROM Teams t JOIN People p ON p.Id = t.ManagerId WHERE p.Email = 'manager@example.com' AND t.Kind = 'Client' ORDER BY t.Name LIMIT 1")
  [ -n "$team_id" ] || fail "the manager leads no client team"

  step "Start the app on $base_url with $size ratings"
  if curl -s -o /dev/null "$base_url/"; then
    fail "something already listens on port $port (set BENCH_PORT)"
  fi
  ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__ServiceExcellence="Data Source=$db" \
  Database__Provider=Sqlite \
  Database__SeedDemoData=false \
  Security__SecureCookies=false \
  Email__Dispatcher__Enabled=false \
  Jobs__Enabled=false \
  Serilog__MinimumLevel__Default=Warning \
    dotnet "$web_dll" --urls "$base_url" --contentRoot "$root/src/ServiceExcellence.Web" >"$run_dir/app-$size.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null "$base_url/health/live" && break
    kill -0 "$app_pid" 2>/dev/null || fail "the app stopped at start-up (see $run_dir/app-$size.log)"
    sleep 0.5
  done
  curl -fs -o /dev/null "$base_url/health/live" || fail "the app did not answer within 30 s"

  president_cookie=$(sign_in president@example.com)
  manager_cookie=$(sign_in manager@example.com)
  # name|persona|path
  size_scenarios=(
    "company-$size|president|/Dashboard/Company?from=$from&to=$to"
    "team-$size|manager|/Dashboard/Team/$team_id?from=$from&to=$to"
  )
  for scenario in "${size_scenarios[@]}"; do
    IFS='|' read -r name persona path <<<"$scenario"
    cookie_var="${persona}_cookie"
    status=$(curl -sS -o "$run_dir/check-$name.html" -w '%{http_code}' -H "Cookie: ${!cookie_var}" "$base_url$path")
    [ "$status" = "200" ] || fail "GET $path as the $persona answered $status"
    step "$name ($path): warm-up $warmup, then $duration"
    run_wrk "$name-warmup" "$warmup" "${!cookie_var}" "$path"
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)" >"$run_dir/$name.load"
    run_wrk "$name" "$duration" "${!cookie_var}" "$path"
    scenarios+=("$name|$persona|${path/$team_id/<team>}|$size")
  done
  stop_app
  rm -f "$db" "$db-wal" "$db-shm"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$run_dir/machine.txt" >&2

# requests/s, p50, p90, p95, p99 (ms), non-2xx, socket errors, completed requests, app CPU ms per request
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
    $1 == "90%" { p90 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "p95-us" { p95 = $2 / 1000 }
    /requests in/ { total = $1 }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "non-2xx" { non = $2 }
    /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    $1 == "app-cpu-ms" { cpu = $2 }
    END { printf "%.1f %.2f %.2f %.2f %.2f %d %d %d %.2f\n", rps, p50, p90, p95, p99, non, errors, total, (total > 0 ? cpu / total : 0) }' "$1"
}

failed=0
{
  echo
  echo "| ratings | scenario | requests/s | p50 (ms) | p90 (ms) | p95 (ms) | p99 (ms) | non-2xx | socket errors | app CPU per request (ms) | load (1/5/15 min) before |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for scenario in "${scenarios[@]}"; do
    IFS='|' read -r name persona path size <<<"$scenario"
    read -r rps p50 p90 p95 p99 non err _ cpu < <(parse_wrk "$run_dir/$name.txt")
    read -r _ _ _ _ _ w_non w_err _ _ < <(parse_wrk "$run_dir/$name-warmup.txt")
    failed=$((failed + non + err + w_non + w_err))
    echo "$p95" >"$run_dir/$name.p95"
    echo "| $size | $persona: \`$path\` | $rps | $p50 | $p90 | $p95 | $p99 | $non | $err | $cpu | $(cut -d' ' -f2- "$run_dir/$name.load") |"
  done
  echo
  echo "wrk -t$threads -c$connections -d$duration --timeout 30s --latency after a $warmup warm-up each; one-year range $from to $to."
  for size in $sizes; do echo "$size: $(tr '\n' ' ' <"$run_dir/data-$size.txt")"; done
  echo "$(nproc) cores shared by the app, wrk and whatever else runs ($(grep '^load before' "$run_dir/machine.txt"); $(grep '^load after' "$run_dir/machine.txt"))."
  if [ -f "$run_dir/company-1000000.p95" ]; then
    big=$(cat "$run_dir/company-1000000.p95")
    awk -v p="$big" -v t="$target_ms" 'BEGIN { exit !(p < t) }' && verdict="met" || verdict="NOT met"
    echo "Target company dashboard p95 < $target_ms ms at 1,000,000 ratings: $verdict ($big ms)."
    if [ -f "$run_dir/company-100000.p95" ]; then
      small=$(cat "$run_dir/company-100000.p95")
      awk -v a="$small" -v b="$big" 'BEGIN { printf "Growth of p95 from 100,000 to 1,000,000 ratings: %.2f× (target < 2×).\n", (a > 0 ? b / a : 0) }'
    fi
  fi
} >"$run_dir/summary.md"
cat "$run_dir/summary.md"

if [ "$failed" -ne 0 ]; then
  echo "FAILED: $failed requests failed (non-2xx or socket errors)" >&2
  exit 1
fi
