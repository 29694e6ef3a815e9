#!/usr/bin/env bash
# Installs the Debian packages the given commands need, when missing, so the README's two commands work
# on a fresh Debian machine that has only the .NET SDK.
#   bash eng/install-tools.sh test     what the tests need
#   bash eng/install-tools.sh run      what the demo needs
#   bash eng/install-tools.sh profile  what bench/load/profile.sh needs (Linux perf)
set -euo pipefail

case "${1:-test}" in
    # debootstrap builds the Asterisk root; sip-tester (SIPp) plays SIP phones and trunks; ffmpeg decodes
    # the gsm and g722 prompts in the prompt tests; postgresql runs a throw-away server for the store tests;
    # chromium is the real browser the console tests drive (Playwright, never its own browser download);
    # iproute2's ss cuts the controller's ARI connections in the soak (an events WebSocket cut under load).
    test) needed="debootstrap sip-tester ffmpeg postgresql chromium iproute2" ;;
    run) needed="debootstrap" ;;
    profile) needed="linux-perf" ;;
    *) echo "usage: $0 test|run|profile" >&2; exit 2 ;;
esac

missing=""
for package in $needed; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "install-tools: installing$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
