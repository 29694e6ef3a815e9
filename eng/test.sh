#!/usr/bin/env bash
# Runs every test, unit and integration. Integration tests talk to the real Asterisk 22 that
# eng/asterisk.sh starts on 127.0.0.1 (the first run builds its cached root, about a minute).
# Ends with the line "N passed, N failed". Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
results="$repo/.cache/test-results"
rm -rf "$results"

bash eng/install-tools.sh test

started_here=no
if ! bash eng/asterisk.sh status 2>/dev/null; then
    bash eng/asterisk.sh start
    started_here=yes
fi
stop_if_started_here() { [ "$started_here" = yes ] && bash eng/asterisk.sh stop || true; }
trap stop_if_started_here EXIT

dotnet build PhoneGroups.sln --nologo -v quiet
# One test project after the other: several share the one Asterisk, and one test restarts it.
status=0
for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" \
        --results-directory "$results" "$@" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
    f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
    passed=$((passed + p))
    failed=$((failed + f))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the run failed outside any single test (build, crash, fixture); count it
fi
echo "$passed passed, $failed failed"
exit "$status"
