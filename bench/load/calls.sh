#!/usr/bin/env bash
# Post-dial delay and call rate: the same calls through a pure-dialplan Dial() and through the controller,
# side by side on the project's real Asterisk (127.0.0.1 only), in one run. Prints one JSON line per path
# and concurrency (calls, concurrency, answered, failed, calls/s, p50/p99 post-dial delay, leftovers; the
# controller's line adds its ratios against the dialplan's). Bounded: CALLS calls per path and concurrency.
#   bash bench/load/calls.sh                                  # 300 calls at concurrency 1 and 8
#   bash bench/load/calls.sh --calls 600 --concurrency 1,8,32 --samples /tmp/pdd.csv
# Arguments go to the tool (bench/load/PhoneGroups.Load, --help lists them). On a shared machine run it under
# the Asterisk lock: flock /work/asterisk.lock bash bench/load/calls.sh
# The controller runs as a Release build with its default logging (one Information line per decision);
# CONTROLLER_ARGS adds settings (e.g. "--Ari:RestTransport Http"), CONTROLLER_ENV adds environment variables for the
# controller alone (e.g. "DOTNET_gcServer=1"), CONTROLLER_LOG=FILE keeps its log.
# bench/load/soak.sh runs the same with "soak" as the first argument (the soak's policy and mix of calls).
# The same comparison with real SIP phones (SIPp) and RTP instead of Local channels: bench/load/sip-calls.sh;
# refused calls over SIP (time to the denial prompt): bench/load/denied-calls.sh.
set -euo pipefail

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
dotnet publish src/PhoneGroups -c Release -o "$work/controller" --nologo -v quiet >/dev/null
dotnet build bench/load/PhoneGroups.Load -c Release -o "$work/load" --nologo -v quiet >/dev/null
if ! bash eng/asterisk.sh status >/dev/null 2>&1; then
    bash eng/asterisk.sh start >/dev/null
    started_here=yes
fi

bash bench/load/dialplan-baseline.sh # the pure-dialplan side of the comparison

policy="$repo/bench/load/load-policy.yaml"
[ "${1:-}" = soak ] && policy="$repo/tests/PhoneGroups.IntegrationTests/Policies/soak.yaml" # the CI soak's policy
env ${CONTROLLER_ENV:-} Ari__Password=phonegroups Demo__AllowDemoPassword=true "$work/controller/phonegroups" run \
    --Policy:Path "$policy" --Store:Provider file --Store:Path "$work/store.db" \
    --Http:Url http://127.0.0.1:8090/ ${CONTROLLER_ARGS:-} >"$work/controller.log" 2>&1 &
controller_pid=$!
for _ in $(seq 1 100); do "$work/controller/phonegroups" probe >/dev/null 2>&1 && break; sleep 0.2; done
"$work/controller/phonegroups" probe >/dev/null || { cat "$work/controller.log" >&2; exit 1; }

# CPU time (user + system) a process has used, in clock ticks: how much the run cost each side, less noisy
# than latencies on a shared machine.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Context switches (voluntary and not) of all a process's threads: each hop of work between threads costs
# one, and on a VM's two cores they are much of the controller's CPU.
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'; }
asterisk_pid=$(bash eng/asterisk.sh status 2>&1 | sed -nE 's/.*running \(pid ([0-9]+)\).*/\1/p')
controller_cpu=$(cpu_ticks "$controller_pid")
asterisk_cpu=$(cpu_ticks "${asterisk_pid:-0}")
controller_switches=$(switches "$controller_pid")

status=0
if [ "${1:-}" = soak ]; then
    "$work/load/phonegroups-load" "$@" --controller-pid "$controller_pid" || status=$?
else
    "$work/load/phonegroups-load" "$@" || status=$?
fi
if [ -n "${asterisk_pid:-}" ] && ! kill -0 "$asterisk_pid" 2>/dev/null; then
    echo "Asterisk (pid $asterisk_pid) is gone: it crashed or was stopped during the run (dmesg says if it crashed: segfault)" >&2
    status=1
fi
ticks=$(getconf CLK_TCK)
asterisk_used="$(( ($(cpu_ticks "${asterisk_pid:-0}") - asterisk_cpu) * 1000 / ticks )) ms"
kill -0 "${asterisk_pid:-0}" 2>/dev/null || asterisk_used="unknown (gone)"
echo "cpu during the run: controller $(( ($(cpu_ticks "$controller_pid") - controller_cpu) * 1000 / ticks )) ms, asterisk $asterisk_used; controller context switches $(( $(switches "$controller_pid") - controller_switches ))" >&2
# The controller's ARI requests during the run, by method and status (count and total seconds): how many
# round trips the calls cost and how long they took (phonegroups.ari.request.duration, docs/operations.md);
# and the events Asterisk sent it, by type (phonegroups.ari.events).
curl -s http://127.0.0.1:8090/metrics | grep -E '^phonegroups_ari_(request_duration_seconds_(count|sum)|events_total)' | sed 's/^/controller metrics: /' >&2 || true
if ! "$work/controller/phonegroups" probe >/dev/null 2>&1; then
    echo "the controller is not ready after the run" >&2
    status=1
fi
[ -n "${CONTROLLER_LOG:-}" ] && cp "$work/controller.log" "$CONTROLLER_LOG" # keep it for a look afterwards
# Error lines in any of the controller's log formats: JSON ("@l":"Error"), text (ERR), console (fail:).
error_lines='"@l":"(Error|Fatal)"|^[0-9:.]+ (ERR|FTL) |\b(fail|crit|error)\b|\[(ERR|CRT)\]'
errors=$(grep -c -E "$error_lines" "$work/controller.log" || true)
echo "controller log: $(wc -l <"$work/controller.log") lines, $errors at error level" >&2
[ "$errors" -eq 0 ] || grep -m 5 -E "$error_lines" "$work/controller.log" >&2
exit "$status"
