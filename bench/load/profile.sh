#!/usr/bin/env bash
# Where the controller's CPU goes under load: calls.sh's controller path (Local channels, as in
# docs/benchmarks.md) with Linux perf sampling the controller's threads (cpu-clock, so it works in a VM without
# hardware counters; JIT'd frames named through the runtime's perf map). Prints the share of samples by
# library (kernel, JIT'd code, the runtime) and, counting a sample once for every part on its stack, by part of
# the controller (ARI requests over HTTP, the events WebSocket, the calls, Rx, JSON, logging). Manual, not CI.
#   flock /work/asterisk.lock bash bench/load/profile.sh                            # 15 s of 8 concurrent calls
#   flock /work/asterisk.lock bash bench/load/profile.sh --seconds 30 --keep /tmp/perf.data
# Needs perf (bash eng/install-tools.sh profile installs Debian's linux-perf) and root or
# kernel.perf_event_paranoid <= 1 to sample another process.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds=15
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        *) echo "usage: $0 [--seconds N] [--keep FILE]" >&2; exit 2 ;;
    esac
done

bash "$repo/eng/install-tools.sh" profile
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Enough calls to outlast the start, the warm-up and the sampling at about 150 calls/s; the run ends by itself.
calls=$(( (seconds + 30) * 200 ))
CONTROLLER_ENV="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0" \
    bash "$repo/bench/load/calls.sh" --calls "$calls" --concurrency 8 --paths controller >"$work/run.log" 2>&1 &
run=$!
controller=""
for _ in $(seq 1 300); do
    controller=$(pgrep -n -x phonegroups || true)
    # Sampling starts 20 s into the controller's life, when the JIT has compiled the call path (it shows as
    # libclrjit.so otherwise).
    [ -n "$controller" ] && [ "$(ps -o etimes= -p "$controller" 2>/dev/null || echo 0)" -ge 20 ] && break
    sleep 0.5
done
[ -n "$controller" ] || { cat "$work/run.log" >&2; exit 1; }

perf record -q -e cpu-clock -F 499 -g -p "$controller" -o "$work/perf.data" -- sleep "$seconds" 2>/dev/null
perf script -i "$work/perf.data" 2>/dev/null >"$work/samples.txt" # before the controller exits: its perf map goes with it
wait "$run" || true
grep -E '"path"|cpu during' "$work/run.log" || true
[ -n "$keep" ] && cp "$work/perf.data" "$keep"

echo "by library (exclusive):"
perf report -i "$work/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -8
echo "by part of the controller (a sample counts for every part on its stack):"
awk -v RS= '
    { samples++ }
    /System\.Net\.Http/ && !/WebSockets/             { http++ }
    /ManagedWebSocket\+<ReceiveAsyncPrivate>/        { receive++ }
    /PhoneGroups\.Calls/                             { calls++ }
    /System\.Reactive/                               { rx++ }
    /System\.Text\.Json/                             { json++ }
    /Serilog/                                        { logging++ }
    /OpenTelemetry/                                  { metrics++ }
    !/\[(OptimizedTier1|Tier0|Tier1|Optimized|QuickJitted|Instrumented[A-Za-z0-9]*|PreJIT)\]/ { nomanaged++ }
    END {
        printf "  %-52s %5.1f%%\n", "ARI requests over HTTP (HttpClient)", 100 * http / samples
        printf "  %-52s %5.1f%%\n", "events WebSocket receive (events and socket answers)", 100 * receive / samples
        printf "  %-52s %5.1f%%\n", "the calls (PhoneGroups.Calls)", 100 * calls / samples
        printf "  %-52s %5.1f%%\n", "Rx pipeline", 100 * rx / samples
        printf "  %-52s %5.1f%%\n", "JSON", 100 * json / samples
        printf "  %-52s %5.1f%%\n", "logging (Serilog)", 100 * logging / samples
        printf "  %-52s %5.1f%%\n", "metrics (OpenTelemetry)", 100 * metrics / samples
        printf "  %-52s %5.1f%%\n", "no JIT-compiled frame (waits, wake-ups, runtime)", 100 * nomanaged / samples
        printf "  %d samples\n", samples
    }' "$work/samples.txt"
