#!/usr/bin/env bash
# Makes sure Docker and docker-compose are installed and a Docker daemon answers. On these machines the
# daemon runs without a bridge network and without iptables: every container uses host networking, and
# nothing leaves loopback.
set -euo pipefail

missing=""
command -v docker >/dev/null || missing="$missing docker.io"
command -v dockerd >/dev/null || missing="$missing docker.io"
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || missing="$missing docker-compose"
command -v debootstrap >/dev/null || missing="$missing debootstrap"
command -v ss >/dev/null || missing="$missing iproute2"
command -v curl >/dev/null || missing="$missing curl"
if [ -n "$missing" ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "docker-up: installing$missing" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $(echo "$missing" | tr ' ' '\n' | sort -u) >/dev/null
fi

if docker info >/dev/null 2>&1; then
    exit 0
fi
echo "docker-up: starting dockerd (--bridge=none --iptables=false); log in /var/log/phonegroups-dockerd.log" >&2
nohup dockerd --bridge=none --iptables=false >/var/log/phonegroups-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && exit 0
    sleep 0.5
done
echo "docker-up: dockerd did not answer within 30 s; see /var/log/phonegroups-dockerd.log" >&2
exit 1
