#!/usr/bin/env bash
# Adds a migration with the same name for both providers: .ci/new-migration.sh AddSurveyInvitations
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: .ci/new-migration.sh MigrationName}"
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" \
    --project "src/ServiceExcellence.Migrations.$provider" \
    --startup-project src/ServiceExcellence.Web \
    --output-dir Migrations -- --provider "$provider"
done
