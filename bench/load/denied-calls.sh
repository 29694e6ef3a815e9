#!/usr/bin/env bash
# Load: how long a caller waits to hear why a call is refused, with the controller deciding (the policy
# denies it) against the same calls refused by the dialplan alone (controller stopped: the fallback of
# asterisk-conf/extensions.conf). Same Asterisk, same SIPp phone, same run; the ratio is the cost of the
# trip through ARI and the controller. Real SIP on 127.0.0.x, bounded: CALLS calls at RATE per second.
#   bash bench/load/denied-calls.sh            CALLS=300 RATE=30 by default
# Needs free ports 8088/5060/8090 or the project's own Asterisk (eng/asterisk.sh) already running.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
calls="${CALLS:-300}"
rate="${RATE:-30}"
work="$(mktemp -d)"
controller_pid=""
cleanup() {
    [ -n "$controller_pid" ] && kill "$controller_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

bash eng/install-tools.sh test
bash eng/asterisk.sh start >/dev/null
dotnet publish src/PhoneGroups -c Release -o "$work/controller" --nologo -v quiet >/dev/null

# Sends the calls from phone 1001 (Finance, isolated: 127.0.0.11) to 2001; prints "p50 p95 max failed".
load() {
    local name="$1"
    mkdir -p "$work/$name"
    (cd "$work/$name" && timeout $((calls / rate + 60)) sipp 127.0.0.1:5060 -sf "$repo/bench/load/denied-call.xml" -s 2001 \
        -i 127.0.0.11 -p 5060 -mi 127.0.0.11 -m "$calls" -r "$rate" -l 500 -nostdin \
        -trace_msg -message_file messages.log -trace_stat -stf stats.csv >/dev/null 2>&1) || true
    local failed
    failed=$(awk -F';' 'NR==1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i } END { print $c + 0 }' "$work/$name/stats.csv")
    # From the message trace (microsecond timestamps): per call, INVITE sent -> first 183 received, in ms.
    awk '
        /^--------------------/ { split($3, t, ":"); ts = t[1] * 3600 + t[2] * 60 + t[3]; state = 1; next }
        state == 1 && /message (sent|received)/ { sent = ($0 ~ /sent/); state = 2; next }
        state == 2 && NF > 0 { first = $0; state = 3; next }
        state == 3 && /^Call-I[Dd]:/ {
            id = $2
            if (sent && first ~ /^INVITE/ && !(id in invite)) invite[id] = ts
            if (!sent && first ~ /^SIP\/2\.0 183/ && !(id in progress)) progress[id] = ts
            state = 0
        }
        END { for (id in progress) if (id in invite) printf "%.3f\n", (progress[id] - invite[id]) * 1000 }
    ' "$work/$name/messages.log" | sort -n >"$work/$name/setup-ms"
    local n
    n=$(wc -l <"$work/$name/setup-ms")
    [ "$n" -gt 0 ] || { echo "no response times measured for $name" >&2; exit 1; }
    printf '%s %s %s %s %s\n' \
        "$(sed -n "$(( (n + 1) / 2 ))p" "$work/$name/setup-ms")" \
        "$(sed -n "$(( (n * 95 + 99) / 100 ))p" "$work/$name/setup-ms")" \
        "$(tail -n 1 "$work/$name/setup-ms")" "$n" "$failed"
}

# 1. With the controller: Stasis -> ARI event -> decision -> progress and prompt.
Ari__Password=phonegroups Demo__AllowDemoPassword=true "$work/controller/phonegroups" run --Policy:Path "$repo/asterisk-conf/policy.yaml" \
    --Logging:Level Warning --Health:Url http://127.0.0.1:8090/ >"$work/controller.log" 2>&1 &
controller_pid=$!
for _ in $(seq 1 100); do "$work/controller/phonegroups" probe >/dev/null 2>&1 && break; sleep 0.2; done
"$work/controller/phonegroups" probe >/dev/null || { cat "$work/controller.log" >&2; exit 1; }
read -r c50 c95 cmax cn cfailed < <(load controller)
metrics=$(curl -fsS http://127.0.0.1:8090/metrics)
decided=$(awk '/^phonegroups_calls_decided_total\{[^}]*decision="deny"/ { s += $2 } END { print s + 0 }' <<<"$metrics")
decision_us=$(awk '/^phonegroups_decision_duration_seconds_sum\{[^}]*decision="deny"[^}]*\}/ { s = $2 } /^phonegroups_decision_duration_seconds_count\{[^}]*decision="deny"[^}]*\}/ { c = $2 } END { if (c) printf "%.1f", s / c * 1e6 }' <<<"$metrics")
kill -TERM "$controller_pid"; wait "$controller_pid" 2>/dev/null || true; controller_pid=""

# 2. Without it: Stasis() fails at once and the dialplan's fallback answers.
sleep 1
read -r d50 d95 dmax dn dfailed < <(load dialplan)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
cat <<REPORT
denied calls: $calls at $rate/s from 127.0.0.11 (1001) to 2001, time from INVITE to 183 Session Progress (ms)
| path | measured | p50 | p95 | max | failed calls |
| --- | --- | --- | --- | --- | --- |
| controller (policy denies) | $cn | $c50 | $c95 | $cmax | $cfailed |
| dialplan only (controller down) | $dn | $d50 | $d95 | $dmax | $dfailed |
| ratio controller / dialplan | | $(ratio "$c50" "$d50") | $(ratio "$c95" "$d95") | | |
controller: $decided calls decided "deny", mean decision time ${decision_us} µs (from /metrics)
REPORT
