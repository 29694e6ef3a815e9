#!/usr/bin/env bash
# Starts the demo: a real Asterisk 22 on 127.0.0.1 (eng/asterisk.sh; the first run builds its cached root,
# about a minute) and the PhoneGroups controller in the foreground with the sample policy
# asterisk-conf/policy.yaml. Ctrl-C stops the controller; Asterisk keeps running (eng/asterisk.sh stop).
# Extra arguments go to the controller, e.g. --Logging:Level Debug or --Policy:Path my-policy.yaml.
# The policy lives in a SQLite store (.cache/demo/phonegroups.db), seeded from asterisk-conf/policy.yaml on
# the first run, so the web console (http://127.0.0.1:8090/, docs/console.md) and the admin API (docs/api.md)
# can change it; delete that file to start over.
#
# Place a call "as extension 1001" from another terminal (README.md, "Try a call"):
#   curl -u phonegroups:phonegroups -X POST 'http://127.0.0.1:8088/ari/channels?endpoint=Local/2001@phonegroups-test&callerId=1001&context=phonegroups-sim&extension=answer'
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash eng/install-tools.sh run
bash eng/asterisk.sh start
# The demo ARI password of asterisk-conf/ari.conf, which the controller accepts only with the demo switch;
# a real deployment passes its own the same way (environment, never the command line).
export Ari__Password="${Ari__Password:-phonegroups}"
export Demo__AllowDemoPassword=true
store="$repo/.cache/demo/phonegroups.db"
mkdir -p "$(dirname "$store")"
cat <<EOF
The web console is at http://127.0.0.1:8090/ (docs/console.md). Make a console user in another terminal
(it asks for the password twice):
  dotnet run --project src/PhoneGroups -- user create admin --role admin --Store:Provider sqlite --Store:Path $store
The admin API is at http://127.0.0.1:8090/api/v1 (docs/api.md). Make a token:
  dotnet run --project src/PhoneGroups -- token create --name admin --role admin --Store:Provider sqlite --Store:Path $store
then: curl -H "Authorization: Bearer <token>" http://127.0.0.1:8090/api/v1/groups
EOF
exec dotnet run --project src/PhoneGroups -- run --Policy:Path "$repo/asterisk-conf/policy.yaml" \
    --Store:Provider sqlite --Store:Path "$store" "$@"
