#!/usr/bin/env bash
# The pure-dialplan baseline of the Local-channel load scripts (calls.sh, startup.sh): the context
# phonegroups-load-dialplan, whose first line is the same as [phonegroups-test]'s (the trusted caller), then a
# Dial() of the callee the load policy names. Added to the running Asterisk at run time (gone at its next
# restart), so asterisk-conf/ stays the reference configuration.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash eng/asterisk.sh cli 'dialplan add extension _[*#+0-9].,1,Set(__PHONEGROUPS_CALLER=${CALLERID(num)}) into phonegroups-load-dialplan replace' >/dev/null
bash eng/asterisk.sh cli 'dialplan add extension _[*#+0-9].,2,Dial,Local/answer@phonegroups-sim,30 into phonegroups-load-dialplan replace' >/dev/null
