#!/usr/bin/env bash
# The controller's start, published two ways and started alternately on the project's real Asterisk
# (127.0.0.1 only): "plain" (what `dotnet publish` gives, every method JIT-compiled at its first call) and
# "readytorun" (-p:PublishReadyToRun=true, as deploy/controller.Dockerfile builds the image). Per start it
# prints one JSON line: milliseconds from the exec to /health/ready, the slowest of the controller's first
# calls (in practice its very first: JIT, first connections) and their median, the controller's CPU time
# and RSS after them. What an operator waits for after a restart or a fail-over, before calls are fast.
#   flock /work/asterisk.lock bash bench/load/startup.sh                 # 5 rounds, about a minute
#   flock /work/asterisk.lock bash bench/load/startup.sh --rounds 10 --calls 20
# Each start places CALLS calls through the dialplan first (so the load tool itself is warm, and its own
# first call is not counted against the controller), then CALLS through the controller, one at a time.
set -euo pipefail

rounds=5
calls=10
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --calls) calls="$2"; shift 2 ;;
        *) echo "usage: startup.sh [--rounds N] [--calls N]" >&2; exit 2 ;;
    esac
done
[[ "$rounds" =~ ^[0-9]+$ && "$rounds" -ge 1 && "$rounds" -le 50 ]] || { echo "--rounds: 1 to 50" >&2; exit 2; }
[[ "$calls" =~ ^[0-9]+$ && "$calls" -ge 2 && "$calls" -le 200 ]] || { echo "--calls: 2 to 200" >&2; exit 2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
controller_pid=""
started_here=no
cleanup() {
    [ -n "$controller_pid" ] && kill "$controller_pid" 2>/dev/null && wait "$controller_pid" 2>/dev/null || true
    if [ "$started_here" = yes ]; then bash eng/asterisk.sh stop >/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

bash eng/install-tools.sh test >/dev/null
rid="linux-$(case "$(uname -m)" in aarch64) echo arm64 ;; *) echo x64 ;; esac)"
dotnet publish src/PhoneGroups -c Release -r "$rid" --self-contained false -o "$work/plain" --nologo -v quiet >/dev/null
dotnet publish src/PhoneGroups -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    -o "$work/readytorun" --nologo -v quiet >/dev/null
dotnet build bench/load/PhoneGroups.Load -c Release -o "$work/load" --nologo -v quiet >/dev/null
if ! bash eng/asterisk.sh status >/dev/null 2>&1; then
    bash eng/asterisk.sh start >/dev/null
    started_here=yes
fi
bash bench/load/dialplan-baseline.sh # its calls warm the load tool up

status=0
for round in $(seq 1 "$rounds"); do
    for build in plain readytorun; do
        rm -f "$work/store.db" "$work/samples.csv"
        started=$(date +%s%N)
        env Ari__Password=phonegroups Demo__AllowDemoPassword=true "$work/$build/phonegroups" run \
            --Policy:Path bench/load/load-policy.yaml --Store:Provider file --Store:Path "$work/store.db" \
            --Http:Url http://127.0.0.1:8090/ >"$work/controller.log" 2>&1 &
        controller_pid=$!
        ready=""
        # curl, not `phonegroups probe` as calls.sh does: the probe is a .NET process start of its own (about
        # 100 ms), coarser than what is measured here.
        for _ in $(seq 1 1500); do # 30 s at most
            if curl -sf http://127.0.0.1:8090/health/ready >/dev/null 2>&1; then ready=$(date +%s%N); break; fi
            sleep 0.02
        done
        if [ -z "$ready" ]; then
            echo "$build: not ready within 30 s" >&2
            tail -n 20 "$work/controller.log" >&2
            exit 1
        fi
        "$work/load/phonegroups-load" --calls "$calls" --concurrency 1 --rounds 1 --warmup 0 --paths both \
            --samples "$work/samples.csv" >"$work/load.out" 2>&1 || { cat "$work/load.out" >&2; status=1; }
        cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$controller_pid/stat")
        rss_mib=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$controller_pid/status")
        kill "$controller_pid"
        wait "$controller_pid" 2>/dev/null || true
        controller_pid=""
        # The load tool writes each path's delays in no particular order: the slowest is the first call.
        sorted=$(grep '^controller,' "$work/samples.csv" | cut -d, -f3 | sort -n)
        count=$(grep -c . <<<"$sorted" || true) # 0 when the tool wrote no controller sample
        slowest=$(tail -n 1 <<<"$sorted")
        median=$(sed -n "$(( (count + 1) / 2 ))p" <<<"$sorted")
        printf '{"round":%d,"build":"%s","readyMs":%d,"calls":%d,"slowestCallMs":%s,"medianCallMs":%s,"cpuMs":%d,"rssMiB":%s}\n' \
            "$round" "$build" $(( (ready - started) / 1000000 )) "$count" "${slowest:-null}" "${median:-null}" "$cpu_ms" "$rss_mib"
    done
done
exit "$status"
