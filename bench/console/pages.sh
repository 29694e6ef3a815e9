#!/usr/bin/env bash
# Times the console's pages on a policy of 10,000 extensions (50 groups of 200), on the real controller host
# with a SQLite store and no Asterisk (ARI at a closed port: pages do not need it). Prints one line per page:
# the median of 10 requests after 3 warm-ups, as curl measures them (time to the last byte).
#   bash bench/console/pages.sh          (builds Release first)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
port="${PORT:-18391}"
base="http://127.0.0.1:$port"
trap 'kill "$controller" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release "$repo/src/PhoneGroups/PhoneGroups.csproj" --nologo -v quiet >/dev/null
bin="$repo/src/PhoneGroups/bin/Release/net10.0/phonegroups"
python3 - "$work/policy.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("version: 1\ngroups:\n  - name: Reception\n    default: true\n")
    for g in range(50):
        f.write(f"  - name: G{g:02}\n    isolated: {'true' if g % 2 else 'false'}\n    allow: [\"_9.\"]\n    members:\n")
        for m in range(200):
            f.write(f"      - \"{100000 + g * 200 + m}\"\n")
PY
store=(--Store:Provider sqlite --Store:Path "$work/store.db")
printf 'bench password\n' | "$bin" user create bench --role admin "${store[@]}" >/dev/null
Ari__Password=unused "$bin" run --Ari:Url http://127.0.0.1:1 --Ari:App console-bench --Policy:Path "$work/policy.yaml" "${store[@]}" \
    --Http:Url "$base/" --Discovery:Enabled false --Logging:Level Fatal >/dev/null 2>&1 &
controller=$!
for _ in $(seq 1 100); do curl -sf "$base/health/live" >/dev/null && break; sleep 0.2; done

jar="$work/jar"
token=$(curl -s -c "$jar" -b "$jar" "$base/signin" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode Name=bench --data-urlencode "Password=bench password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/signin"
for page in extensions "extensions?page=60" "extensions?q=1050" "extensions?group=G07" groups "groups/edit?name=G07" history "why?from=100000&to=100500"; do
    times=()
    for i in $(seq 1 13); do
        t=$(curl -s -b "$jar" -o /dev/null -w '%{time_total}' "$base/$page")
        [ "$i" -gt 3 ] && times+=("$t")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 5p)
    printf '%-28s %6.1f ms\n' "/$page" "$(echo "$median * 1000" | bc -l)"
done
