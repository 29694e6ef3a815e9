#!/usr/bin/env bash
# Real SIP and RTP under load: the same answered calls through the controller and through a pure-dialplan Dial(),
# side by side on the project's real Asterisk (127.0.0.1 only), in one run, in alternating blocks.
#
#   bash bench/load/sip-calls.sh                                  # 200 calls per path at concurrency 2 and 8
#   bash bench/load/sip-calls.sh --calls 400 --concurrency 1,8,16 --hold-ms 1000 --rounds 4 --samples pdd.csv --plot pdd.svg
#   flock /work/asterisk.lock env PHONEGROUPS_CACHE=/work/main/.cache bash bench/load/sip-calls.sh   # shared machine
#   bash bench/load/sip-calls.sh --calls 1000 --concurrency 1000 --rate 40 --hold-ms 60000 --rounds 1   # 1,000 at once
#
# The phones are SIPp instances that asterisk-conf/pjsip.conf identifies by address, as in the integration tests:
# - caller: bench/load/sip-call-uac.xml from 127.0.0.10 (endpoint 1000). INVITE with SDP; on the 200 OK it sends
#   ACK, streams RTP (a u-law prompt of sounds/, looped, 20 ms packets) for the hold time, then BYE;
# - callee: bench/load/sip-call-uas.xml at 127.0.0.21 (endpoint 2001, the contact Asterisk dials). It answers at
#   once and echoes every RTP packet it gets (-rtp_echo), so both sides send audio while the call is up.
# The two paths, from the same phone to the same callee:
# - controller: the phone dials 2001. Its context [phones] sends every number to Stasis(); the controller decides
#   with bench/load/sip-load-policy.yaml (1000 and 2001 in one group: allowed), creates and dials PJSIP/2001,
#   answers the caller when the callee answers and bridges both;
# - dialplan: the phone dials "sipload-dialplan". [phones] sends only numbers (_[*#+0-9].) to Stasis(), so the
#   run adds that one name to [phones] (dialplan add extension, gone at the next restart, removed at the end),
#   where it jumps into an added context [phonegroups-load-sip] that runs Dial(PJSIP/2001,30): the same callee,
#   same endpoint, same media path, without the controller. A name with letters shadows no number a phone dials
#   and leaves no question of which pattern Asterisk prefers; asterisk-conf/ stays the reference configuration.
# Post-dial delay is what the phone sees: INVITE sent -> 200 OK received, per call, from SIPp's message trace
# (microsecond timestamps; SIPp's own response time "pdd" ticks in whole milliseconds, too coarse here). calls/s
# is the calls of a block divided by its wall time; with a hold time it is mostly the hold, so the post-dial delay
# is the figure to compare. RTP: the packets the callee's SIPp echoed ("Total
# echo RTP pckts"), per path and concurrency; a path whose answered calls carried no RTP fails the run.
# Prints one JSON line per path and concurrency; the controller's line adds its ratios against the dialplan's.
# At the end Asterisk must hold no channel and no bridge (ARI), and the controller must have logged no error:
# exit 1 otherwise, or when a call failed. The controller runs as a Release build with its default logging
# (one Information line per decision); CONTROLLER_ARGS adds settings, CONTROLLER_LOG=FILE keeps its log.
# Bounded: CALLS per path and concurrency, each SIPp run under a timeout; about 2.5 minutes by default.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

calls=200 concurrency=2,8 rounds=2 hold_ms=300 warmup=20 rate=1000 paths=dialplan,controller samples="" plot="" keep=""
usage() {
    sed -n '2,7p' "$0" >&2
    echo "options: --calls N (per path and concurrency) --concurrency LIST --rounds N (alternating blocks)" \
        "--hold-ms N --warmup N (calls per path first, not counted) --rate N (new calls per second, default 1000)" \
        "--paths dialplan,controller (either or both) --samples FILE.csv (every post-dial delay)" \
        "--plot FILE.svg (their distribution, drawn by bench/load/PhoneGroups.Load) --keep DIR (SIPp's files of every block and the controller's log, to look at afterwards)" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
        --calls) calls="$2"; shift 2 ;;
        --concurrency) concurrency="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --hold-ms) hold_ms="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --rate) rate="$2"; shift 2 ;;
        --paths) paths="$2"; shift 2 ;;
        --samples) samples="$2"; shift 2 ;;
        --plot) plot="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        *) usage ;;
    esac
done
for n in "$calls" "$rounds" "$hold_ms" "$warmup" "$rate"; do [[ "$n" =~ ^[0-9]+$ ]] || usage; done
[[ "$concurrency" =~ ^[0-9]+(,[0-9]+)*$ ]] || usage
[[ "$paths" =~ ^(dialplan|controller)(,(dialplan|controller))?$ ]] || usage
[ "$rate" -ge 1 ] || usage
[ "$rounds" -ge 1 ] && [ "$calls" -ge "$rounds" ] || usage

ari=http://127.0.0.1:8088/ari
ari_auth=phonegroups:phonegroups # the demo user of asterisk-conf/ari.conf
caller_ip=127.0.0.10 callee_ip=127.0.0.21 callee=2001 baseline=sipload-dialplan
work="$(mktemp -d)"
controller_pid="" uas_pid="" started_here=no dialplan_added=no block_number=0
cleanup() {
    [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null || true
    [ -n "$controller_pid" ] && kill "$controller_pid" 2>/dev/null && wait "$controller_pid" 2>/dev/null || true
    if [ "$dialplan_added" = yes ]; then
        bash eng/asterisk.sh cli "dialplan remove extension $baseline@phones" >/dev/null 2>&1 || true
        bash eng/asterisk.sh cli "dialplan remove extension $baseline@phonegroups-load-sip" >/dev/null 2>&1 || true
    fi
    if [ "$started_here" = yes ]; then bash eng/asterisk.sh stop >/dev/null || true; fi
    if [ -n "$keep" ]; then mkdir -p "$keep" && cp -r "$work/blocks" "$work/controller.log" "$keep/" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

bash eng/install-tools.sh test >/dev/null
dotnet publish src/PhoneGroups -c Release -o "$work/controller" --nologo -v quiet >/dev/null
if ! bash eng/asterisk.sh status >/dev/null 2>&1; then
    bash eng/asterisk.sh start >/dev/null
    started_here=yes
fi

# The baseline's dialplan (see the header). Priority 2 hangs up with the Dial()'s outcome, like [after-controller].
dialplan_added=yes
bash eng/asterisk.sh cli "dialplan add extension $baseline,1,Dial(PJSIP/$callee,30) into phonegroups-load-sip replace" >/dev/null
bash eng/asterisk.sh cli "dialplan add extension $baseline,2,Hangup() into phonegroups-load-sip replace" >/dev/null
bash eng/asterisk.sh cli "dialplan add extension $baseline,1,Goto(phonegroups-load-sip,$baseline,1) into phones replace" >/dev/null
bash eng/asterisk.sh cli "dialplan show $baseline@phones" | grep -q "Goto(phonegroups-load-sip" \
    || { echo "the baseline's extension is not in [phones]" >&2; exit 1; }

Ari__Password=phonegroups Demo__AllowDemoPassword=true "$work/controller/phonegroups" run \
    --Policy:Path "$repo/bench/load/sip-load-policy.yaml" --Store:Provider file --Store:Path "$work/store.db" \
    --Http:Url http://127.0.0.1:8090/ ${CONTROLLER_ARGS:-} >"$work/controller.log" 2>&1 &
controller_pid=$!
for _ in $(seq 1 100); do "$work/controller/phonegroups" probe >/dev/null 2>&1 && break; sleep 0.2; done
"$work/controller/phonegroups" probe >/dev/null || { cat "$work/controller.log" >&2; exit 1; }

# What the caller streams: a prompt of sounds/ (raw 8 kHz u-law), which the scenario names relative to SIPp's
# working directory.
audio="$repo/sounds/en/phonegroups-forbidden.ulaw"
[ -s "$audio" ] || { echo "missing $audio" >&2; exit 1; }

ari_count() { curl -fsS -u "$ari_auth" "$ari/$1" | { grep -o '"id":' || true; } | wc -l; }
# Waits until Asterisk holds no channel (the previous block's calls torn down), at most 10 s; prints what is left.
settle() {
    local left=0
    for _ in $(seq 1 50); do
        left=$(ari_count channels)
        [ "$left" -eq 0 ] && break
        sleep 0.2
    done
    echo "$left"
}
# A stats column of SIPp's -trace_stat file, from its last line.
stat_column() {
    awk -F';' -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i } END { print (c ? $c : 0) + 0 }' "$1"
}

# One block: N calls from the phone to NUMBER, at most C at once, each held HOLD ms (the run's --hold-ms unless
# given); appends "path concurrency ms" lines to the samples and "path concurrency calls answered failed seconds rtp
# peak" to the block-lines file.
block() {
    local path="$1" c="$2" n="$3" number="$4" hold="${5:-$hold_ms}" dir
    block_number=$((block_number + 1))
    dir="$work/blocks/$block_number-$path-c$c"
    mkdir -p "$dir"
    cp "$audio" "$dir/sip-load-audio.ulaw"
    (cd "$dir" && exec sipp -sf "$repo/bench/load/sip-call-uas.xml" -i "$callee_ip" -p 5060 -mi "$callee_ip" -mp 6000 \
        -rtp_echo -aa -nostdin -f 3600 -trace_screen -screen_file uas-screen.log -trace_err -error_file uas-errors.log \
        >/dev/null 2>&1) &
    uas_pid=$!
    for _ in $(seq 1 50); do [[ "$(ss -uln)" == *"$callee_ip:5060 "* ]] && break; sleep 0.1; done
    local started ended
    started=$(date +%s.%N)
    # Bounded: the calls' hold times at the concurrency, the ramp at the rate, and 30 s for the rest.
    (cd "$dir" && timeout $(( n * (hold + 1000) / 1000 / c + n / rate + 30 )) sipp 127.0.0.1:5060 -sf "$repo/bench/load/sip-call-uac.xml" \
        -s "$number" -i "$caller_ip" -p 5060 -mi "$caller_ip" -mp 7000 -m "$n" -l "$c" -r "$rate" -d "$hold" \
        -aa -nostdin -trace_msg -message_file messages.log -trace_stat -fd 1 -stf uac-stats.csv -trace_err -error_file uac-errors.log \
        >/dev/null 2>&1) || true
    ended=$(date +%s.%N)
    settle >/dev/null
    # SIGUSR2 makes SIPp write its screens (-trace_screen) with the echo counter (the screen written when it quits
    # leaves the RTP lines out: SIPp prints them only when time has passed since its last screen report, and -f 3600
    # keeps the periodic one away); SIGUSR1 is its soft exit.
    kill -USR2 "$uas_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do grep -q 'Total echo RTP pckts' "$dir/uas-screen.log" 2>/dev/null && break; sleep 0.1; done
    kill -USR1 "$uas_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$uas_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$uas_pid" 2>/dev/null || true
    wait "$uas_pid" 2>/dev/null || true
    uas_pid=""

    local answered succeeded failed rtp peak
    # From the message trace (microsecond timestamps): per call, the first INVITE sent -> the first 200 OK to it.
    awk -v p="$path" -v c="$c" '
        function decide() {
            if (id == "") return
            if (sent && first ~ /^INVITE/ && !(id in invite)) invite[id] = ts
            if (!sent && first ~ /^SIP\/2\.0 200/ && cseq ~ /INVITE/ && !(id in ok)) ok[id] = ts
            id = ""
        }
        /^-----------------------------------------------/ { decide(); split($3, t, ":"); ts = t[1] * 3600 + t[2] * 60 + t[3]; state = 1; next }
        state == 1 && /message (sent|received)/ { sent = ($0 ~ /sent/); state = 2; next }
        state == 2 && NF > 0 { first = $0; cseq = ""; state = 3; next }
        state == 3 && /^Call-I[Dd]:/ { id = $2 }
        state == 3 && /^CSeq:/ { cseq = $0 }
        END { decide(); for (i in ok) if (i in invite) printf "%s %s %.3f\n", p, c, (ok[i] - invite[i]) * 1000 }
    ' "$dir/messages.log" >"$dir/pdd"
    cat "$dir/pdd" >>"$work/samples"
    answered=$(wc -l <"$dir/pdd")
    succeeded=0 failed=0
    if [ -s "$dir/uac-stats.csv" ]; then
        succeeded=$(stat_column "$dir/uac-stats.csv" 'SuccessfulCall(C)')
        failed=$(stat_column "$dir/uac-stats.csv" 'FailedCall(C)')
    fi
    # Calls that neither succeeded nor failed (SIPp stopped by its timeout) count as failed.
    failed=$(( n - succeeded > failed ? n - succeeded : failed ))
    rtp=$(sed -nE 's/^ *([0-9]+) Total echo RTP pckts 1st stream.*/\1/p' "$dir/uas-screen.log" 2>/dev/null | head -n 1)
    # The most calls SIPp had up at once (its CurrentCall, written every second by -fd 1).
    peak=0
    [ -s "$dir/uac-stats.csv" ] && peak=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "CurrentCall") c = i; next }
        c && $c + 0 > m { m = $c + 0 } END { print m + 0 }' "$dir/uac-stats.csv")
    echo "$path $c $n $answered $failed $(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f", b - a }') ${rtp:-0} $peak" >>"$work/block-lines"
    if [ "$failed" -gt 0 ] && [ -s "$dir/uac-errors.log" ]; then sed -n '1,3p' "$dir/uac-errors.log" | sed "s/^/$path c$c sipp: /" >&2; fi
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
asterisk_pid=$(bash eng/asterisk.sh status 2>&1 | sed -nE 's/.*running \(pid ([0-9]+)\).*/\1/p')
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start" >&2

# Warm-up (the controller's JIT, Asterisk's first channels): not counted.
number_of() { if [ "$1" = dialplan ]; then echo "$baseline"; else echo "$callee"; fi; }
IFS=, read -r -a path_list <<<"$paths"
if [ "$warmup" -gt 0 ]; then
    # Held 300 ms at most: the warm-up is for the JIT and Asterisk's first channels, not for the hold time.
    for path in "${path_list[@]}"; do block "$path" 2 "$warmup" "$(number_of "$path")" $(( hold_ms < 300 ? hold_ms : 300 )); done
    : >"$work/samples"; : >"$work/block-lines"
fi
controller_cpu=$(cpu_ticks "$controller_pid")
asterisk_cpu=$(cpu_ticks "${asterisk_pid:-0}")

IFS=, read -r -a levels <<<"$concurrency"
status=0
for c in "${levels[@]}"; do
    [ "$c" -ge 1 ] || usage
    for r in $(seq 1 "$rounds"); do
        # calls split over the rounds, the remainder in the first block
        n=$(( calls / rounds + (r == 1 ? calls % rounds : 0) ))
        for path in "${path_list[@]}"; do block "$path" "$c" "$n" "$(number_of "$path")"; done
    done
    # One line per path: the blocks summed, the delays pooled; nearest-rank percentiles as calls.sh's tool.
    for path in "${path_list[@]}"; do
        awk -v p="$path" -v c="$c" -v hold="$hold_ms" '
            FILENAME ~ /block-lines$/ && $1 == p && $2 == c { n += $3; ok += $4; bad += $5; secs += $6; rtp += $7; if ($8 > peak) peak = $8; next }
            FILENAME ~ /samples$/ && $1 == p && $2 == c { d[++m] = $3 }
            END {
                # sort the delays (insertion sort is fine for a few hundred)
                for (i = 2; i <= m; i++) { v = d[i]; j = i - 1; while (j > 0 && d[j] > v) { d[j + 1] = d[j]; j-- } d[j + 1] = v }
                i50 = int(m * 0.50); if (i50 < m * 0.50) i50++; if (i50 < 1) i50 = 1
                i99 = int(m * 0.99); if (i99 < m * 0.99) i99++; if (i99 < 1) i99 = 1
                printf "%s %s %d %d %d %.2f %.2f %.2f %d %.1f %d %d\n", p, c, n, ok, bad, (secs > 0 ? n / secs : 0),
                    (m ? d[i50] : 0), (m ? d[i99] : 0), rtp, (ok ? rtp / ok : 0), hold / 20, peak
            }' "$work/block-lines" "$work/samples" >>"$work/lines"
    done
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
    for path in "${path_list[@]}"; do
        read -r _ _ n ok bad cps p50 p99 rtp rtp_per_call expected peak < <(grep "^$path $c " "$work/lines")
        extra=""
        # The controller's line adds its ratios when the same run measured the dialplan.
        if [ "$path" = controller ] && grep -q "^dialplan $c " "$work/lines"; then
            read -r _ _ _ _ _ drate d50 d99 _ < <(grep "^dialplan $c " "$work/lines")
            extra=",\"pddP50Ratio\":$(ratio "$p50" "$d50"),\"pddP99Ratio\":$(ratio "$p99" "$d99"),\"callRateRatio\":$(ratio "$cps" "$drate")"
        fi
        printf '{"path":"%s","calls":%d,"concurrency":%d,"rate":%d,"holdMs":%d,"answered":%d,"failed":%d,"peakCalls":%d,"callsPerSecond":%s,"pddP50Ms":%s,"pddP99Ms":%s,"rtpPacketsEchoedByCallee":%d,"rtpPacketsPerCall":%s,"rtpPacketsPerCallExpected":%s%s}\n' \
            "$path" "$n" "$c" "$rate" "$hold_ms" "$ok" "$bad" "$peak" "$cps" "$p50" "$p99" "$rtp" "$rtp_per_call" "$expected" "$extra"
        [ "$bad" -eq 0 ] && [ "$ok" -gt 0 ] || { echo "$path at concurrency $c: $bad failed, $ok answered" >&2; status=1; }
        [ "$ok" -eq 0 ] || [ "$rtp" -gt 0 ] || { echo "$path at concurrency $c: the callee got no RTP" >&2; status=1; }
    done
done
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" >&2
ticks=$(getconf CLK_TCK)
echo "cpu during the run: controller $(( ($(cpu_ticks "$controller_pid") - controller_cpu) * 1000 / ticks )) ms, asterisk $(( ($(cpu_ticks "${asterisk_pid:-0}") - asterisk_cpu) * 1000 / ticks )) ms" >&2
# Every post-dial delay, in the CSV of calls.sh's tool, which draws it.
{ echo "path,concurrency,pdd_ms"; tr ' ' , <"$work/samples"; } >"$work/samples.csv"
[ -z "$samples" ] || cp "$work/samples.csv" "$samples"
if [ -n "$plot" ]; then
    dotnet build bench/load/PhoneGroups.Load -c Release -o "$work/load" --nologo -v quiet >/dev/null
    "$work/load/phonegroups-load" plot --samples "$work/samples.csv" --plot "$plot" \
        --plot-title "SIP calls with RTP: post-dial delay (INVITE to 200 OK), controller vs dialplan" >&2
fi

# Nothing may be left in Asterisk (the last block's teardown gets a few seconds).
left_channels=$(settle)
left_bridges=$(ari_count bridges)
echo "left in Asterisk: $left_channels channels, $left_bridges bridges" >&2
if [ "$left_channels" -ne 0 ] || [ "$left_bridges" -ne 0 ]; then
    curl -fsS -u "$ari_auth" "$ari/channels" | head -c 2000 >&2; echo >&2
    status=1
fi
if ! "$work/controller/phonegroups" probe >/dev/null 2>&1; then
    echo "the controller is not ready after the run" >&2
    status=1
fi
[ -n "${CONTROLLER_LOG:-}" ] && cp "$work/controller.log" "$CONTROLLER_LOG"
# Error lines in any of the controller's log formats: JSON ("@l":"Error"), text (ERR), console (fail:).
error_lines='"@l":"(Error|Fatal)"|^[0-9:.]+ (ERR|FTL) |\b(fail|crit|error)\b|\[(ERR|CRT)\]'
errors=$(grep -c -E "$error_lines" "$work/controller.log" || true)
echo "controller log: $(wc -l <"$work/controller.log") lines, $errors at error level" >&2
if [ "$errors" -ne 0 ]; then
    grep -m 5 -E "$error_lines" "$work/controller.log" >&2
    status=1
fi
exit "$status"
