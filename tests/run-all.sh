#!/usr/bin/env bash
# Runs every test suite of ServiceExcellence on a fresh machine.
# Installs what the tests need where it is missing (Debian's chromium for the browser tests, npm packages),
# checks the SQL Server migrations, runs `dotnet test` over the solution and ends with one line:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
mkdir -p "$results"

step() { printf '\n== %s\n' "$*"; }

step "Test prerequisites"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium from Debian's packages for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed"
  else
    echo "chromium is missing and cannot be installed here (run as root on Debian, or install it yourself)"
  fi
fi
command -v chromium >/dev/null 2>&1 && chromium --version
command -v node >/dev/null 2>&1 || { echo "Node.js and npm are needed for the front-end libraries"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
for dir in src/ServiceExcellence.Web tests/ServiceExcellence.IntegrationTests tests/ServiceExcellence.BrowserTests; do
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in $dir"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  fi
done
# Under this script the browser and SMTP tests must run, never skip.
export SE_REQUIRE_BROWSER=1 SE_REQUIRE_SMTP=1
# Hundreds of in-process app hosts: no inotify watchers for configuration files.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=true

step "Build"
dotnet tool restore >/dev/null
if ! dotnet build ServiceExcellence.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

step "Packages with known vulnerabilities"
# Restore already fails on one (NuGetAudit with warnings as errors); this prints the list for the log. A feed
# that cannot answer is reported and does not stop the run, since the restore audit still applies.
if dotnet list ServiceExcellence.sln package --vulnerable --include-transitive >"$results/vulnerable.txt" 2>&1; then
  if grep -q "has the following vulnerable packages" "$results/vulnerable.txt"; then
    cat "$results/vulnerable.txt"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
  echo "none known"
else
  echo "could not ask the package feed (see $results/vulnerable.txt)"
fi

step "SQL Server migrations: idempotent script"
if ! dotnet ef migrations script --idempotent --no-build --configuration Release \
    --project src/ServiceExcellence.Migrations.SqlServer --startup-project src/ServiceExcellence.Web \
    --output "$results/sqlserver-migrations.sql" -- --provider SqlServer >"$results/ef-script.log" 2>&1; then
  cat "$results/ef-script.log"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
echo "wrote $(wc -l <"$results/sqlserver-migrations.sql") lines of SQL"

step "Tests"
log="$results/dotnet-test.log"
# Exit code 8 means a test assembly ran zero tests (the SQL Server suite skips without Docker): not a failure.
dotnet test --solution ServiceExcellence.sln -c Release --no-build --ignore-exit-code 8 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

summary=$(awk '/^Test run summary/ {found=1} found' "$log")
total=$(printf '%s\n' "$summary" | awk '/^ *total:/ {print $2; exit}')
failed=$(printf '%s\n' "$summary" | awk '/^ *failed:/ {print $2; exit}')
passed=$(printf '%s\n' "$summary" | awk '/^ *succeeded:/ {print $2; exit}')
skipped=$(printf '%s\n' "$summary" | awk '/^ *skipped:/ {print $2; exit}')
if [ -z "${total:-}" ]; then
  echo "no test summary found"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" = "0" ]; then
  failed=1
fi
echo
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ] && [ "${failed:-0}" = "0" ]
