#!/usr/bin/env bash
# The long soak: 100,000 calls (16 at a time) through the controller on the project's real Asterisk
# (127.0.0.1 only), each hung up at a random moment of one state: deciding, ringing, the denial prompt,
# the password challenge, bridged (caller or callee). One JSON line per 10,000 calls: calls/s, calls left
# up, the controller's RSS (VmRSS) and its GC pauses (EventPipe, p50/p99/max); then a total line with the
# RSS change after warm-up and what Asterisk still holds. Exits non-zero if anything was left.
#   flock /work/asterisk.lock bash bench/load/soak.sh                          # about 45 minutes here
#   flock /work/asterisk.lock bash bench/load/soak.sh --calls 6000 --report-every 1000   # a shortened run
# The CI version (2,000 calls and one fault of each kind) is tests/PhoneGroups.IntegrationTests/Soak.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/calls.sh" soak "$@"
