#!/usr/bin/env bash
# Rebuilds the single Initial migration from the current model. Only for the time before the first
# release: once a database holds real data, add migrations instead (dotnet ef migrations add NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf persistence/Migrations
dotnet ef migrations add Initial --project persistence --startup-project persistence --output-dir Migrations
