#!/usr/bin/env bash
# Proves the container deployment on this machine: installs and starts Docker if needed, builds the
# images (on local bases when no registry is reachable: eng/docker-bases.sh), brings compose.yaml up,
# waits for both health checks, places real SIP calls through it (SIPp phones on 127.0.0.x: an allowed
# call is answered and bridged, a denied one hears early media and gets cause 21), finds those calls in
# /metrics and the decision lines in the controller's logs, then takes everything down again.
# Prints the figures docs/deployment.md quotes. Needs root (Docker) and free ports 8088, 5060 and 8090.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
say() { echo "docker-smoke: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
sip="$repo/tests/PhoneGroups.IntegrationTests/Sip"
work="$(mktemp -d)"

docker_was_running=yes
docker info >/dev/null 2>&1 || docker_was_running=no
env_created=no
compose() { if docker compose version >/dev/null 2>&1; then docker compose --env-file .cache/docker-bases.env "$@"; else docker-compose --env-file .cache/docker-bases.env "$@"; fi; }
cleanup() {
    if [ -f .cache/docker-bases.env ] && docker info >/dev/null 2>&1; then
        compose down -v --remove-orphans >/dev/null 2>&1 || true
    fi
    if [ "$env_created" = yes ]; then rm -f deploy/phonegroups.env; fi
    pkill -f "sipp .*-message_file $work" 2>/dev/null || true
    rm -rf "$work"
    if [ "$docker_was_running" = no ]; then
        pkill -x dockerd 2>/dev/null || true
        for _ in $(seq 1 40); do pgrep -x dockerd >/dev/null || break; sleep 0.25; done
    fi
}
trap cleanup EXIT

command -v sipp >/dev/null || bash eng/install-tools.sh test
bash eng/docker-up.sh
for port in 8088 5060 8090; do
    if ss -Hlntu "( sport = :$port )" | grep -q .; then
        fail "port $port is in use ($(ss -Hlntup "( sport = :$port )" | grep -o 'users:.*' | head -n 1)); stop it first (eng/asterisk.sh stop)"
    fi
done

if [ ! -f deploy/phonegroups.env ]; then
    # A fresh random password: the controller refuses the demo one, and both containers take it from here.
    sed "s|^Ari__Password=.*|Ari__Password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')|" deploy/phonegroups.env.example > deploy/phonegroups.env
    env_created=yes
fi
bash eng/docker-bases.sh

started=$(date +%s)
compose build >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; fail "image build"; }
say "images built in $(( $(date +%s) - started )) s: $(docker image inspect -f '{{.Size}}' phonegroups:local | awk '{printf "controller %.0f MB", $1/1e6}'), $(docker image inspect -f '{{.Size}}' phonegroups-asterisk:local | awk '{printf "asterisk %.0f MB", $1/1e6}')"

up=$(date +%s%N)
compose up -d >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; compose logs --no-color --tail 40 >&2; fail "compose up"; }
health=""
for _ in $(seq 1 120); do
    health=$(docker inspect -f '{{.State.Health.Status}}' $(compose ps -q asterisk) $(compose ps -q phonegroups) | tr '\n' ' ')
    [ "$health" = "healthy healthy " ] && break
    sleep 0.5
done
[ "$health" = "healthy healthy " ] || { compose logs --tail 30 >&2; fail "not healthy within 60 s: $health"; }
say "both services healthy $(( ($(date +%s%N) - up) / 1000000 )) ms after 'up'"
curl -fsS http://127.0.0.1:8090/health/ready >/dev/null || fail "readiness does not answer 200"

# An allowed call: 1000 (Reception, 127.0.0.10) calls 2001 (Sales, answered by a SIPp phone at 127.0.0.21).
sipp -sf "$sip/answer-call.xml" -i 127.0.0.21 -p 5060 -mi 127.0.0.21 -m 1 -nostdin -bg \
    -trace_msg -message_file "$work/2001.log" -timeout 30s >/dev/null 2>&1 || true # -bg: SIPp exits non-zero after forking
listening=no
for _ in $(seq 1 50); do ss -Hlnu "( sport = :5060 )" | grep -q 127.0.0.21 && { listening=yes; break; }; sleep 0.1; done
[ "$listening" = yes ] || fail "the SIPp phone 2001 did not start"
timeout 40 sipp 127.0.0.1:5060 -sf "$sip/phone-call.xml" -s 2001 -d 1000 -i 127.0.0.10 -p 5060 -mi 127.0.0.10 -m 1 -nostdin \
    -trace_msg -message_file "$work/1000.log" -timeout 30s -timeout_error >/dev/null 2>&1 || fail "the allowed call failed: $(cat "$work/1000.log")"
grep -q "^SIP/2.0 200 OK" "$work/1000.log" || fail "the allowed call was not answered"
say "allowed call 1000 -> 2001: answered and bridged"

# A denied call: 1001 (Finance, isolated, 127.0.0.11) calls 2001.
timeout 40 sipp 127.0.0.1:5060 -sf "$sip/phone-call.xml" -s 2001 -d 1000 -i 127.0.0.11 -p 5060 -mi 127.0.0.11 -m 1 -nostdin \
    -trace_msg -message_file "$work/1001.log" -timeout 30s -timeout_error >/dev/null 2>&1 || fail "the denied call did not end cleanly"
grep -q "^SIP/2.0 183" "$work/1001.log" || fail "the denied call heard no early media"
grep -q "^Reason: Q.850;cause=21" "$work/1001.log" || fail "the denied call did not get cause 21"
say "denied call 1001 -> 2001: early media (the prompt), then 403 with Q.850 cause 21"

metrics=$(curl -fsS http://127.0.0.1:8090/metrics)
grep -q '^phonegroups_calls_decided_total{[^}]*decision="bridge"' <<<"$metrics" || fail "the allowed call is not counted in /metrics"
grep -q '^phonegroups_calls_decided_total{[^}]*decision="deny"' <<<"$metrics" || fail "the denied call is not counted in /metrics"
say "/metrics counts both: $(grep '^phonegroups_calls_decided_total' <<<"$metrics" | tr '\n' ' ')"

decisions=$(compose logs --no-color phonegroups 2>&1 | grep -c '"EventId":{"Id":100' || true)
[ "$decisions" -ge 2 ] || fail "expected 2 decision lines in the controller's JSON logs, found $decisions"
say "controller logs: $decisions decision lines (JSON)"

# The store is writable in the container: a token made there, a change through the API, and 1001's next
# call is decided as Sales (allowed).
token=$(compose exec -T phonegroups /app/phonegroups token create --name smoke --role admin 2>&1 | tail -n 1)
curl -fsS -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"group": "Sales"}' \
    http://127.0.0.1:8090/api/v1/extensions/1001/group >/dev/null || fail "the API did not take a change (store not writable?)"
sipp -sf "$sip/answer-call.xml" -i 127.0.0.21 -p 5060 -mi 127.0.0.21 -m 1 -nostdin -bg \
    -trace_msg -message_file "$work/2001-again.log" -timeout 30s >/dev/null 2>&1 || true
for _ in $(seq 1 50); do ss -Hlnu "( sport = :5060 )" | grep -q 127.0.0.21 && break; sleep 0.1; done
moved=no
for _ in $(seq 1 20); do
    timeout 40 sipp 127.0.0.1:5060 -sf "$sip/phone-call.xml" -s 2001 -d 500 -i 127.0.0.11 -p 5060 -mi 127.0.0.11 -m 1 -nostdin \
        -trace_msg -message_file "$work/1001-moved.log" -timeout 30s -timeout_error >/dev/null 2>&1 || true
    grep -q "^SIP/2.0 200 OK" "$work/1001-moved.log" && { moved=yes; break; }
    rm -f "$work/1001-moved.log"; sleep 0.5
done
[ "$moved" = yes ] || fail "1001, moved to Sales through the API, was still not allowed to call 2001"
say "API change stored in the container's SQLite store: 1001 (now Sales) -> 2001 answered"

down=$(date +%s%N)
compose down -v --remove-orphans >/dev/null 2>&1
say "'down' took $(( ($(date +%s%N) - down) / 1000000 )) ms"
[ -z "$(docker ps -q)" ] || fail "containers left running"
say "OK"
