#!/usr/bin/env bash
# Rebuilds the Initial migration from the current model, with a fixed id so hand-written SQL
# migrations (triggers, grants; ids from 20260102000000 on) always run after it. Only for the time
# before the first release: once a database holds real data, add migrations instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -f persistence/Migrations/*_Initial.cs persistence/Migrations/*_Initial.Designer.cs persistence/Migrations/GovernanceDbContextModelSnapshot.cs
dotnet ef migrations add Initial --project persistence --startup-project persistence --output-dir Migrations
for f in persistence/Migrations/*_Initial.cs persistence/Migrations/*_Initial.Designer.cs; do
  sed -i -E 's/\[Migration\("[0-9]+_Initial"\)\]/[Migration("20260101000000_Initial")]/' "$f"
  base=$(basename "$f"); mv "$f" "persistence/Migrations/20260101000000_${base#*_}" 2>/dev/null || true
done
