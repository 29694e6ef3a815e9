#!/usr/bin/env bash
# A real Asterisk 22 for tests, CI and the demo, on 127.0.0.1 only.
#
#   eng/asterisk.sh start     build the cached root once (about a minute), install asterisk-conf/ and
#                             sounds/ into it, start Asterisk and wait until ARI answers
#   eng/asterisk.sh stop      stop Asterisk and unmount everything the start mounted
#   eng/asterisk.sh restart   stop, then start (configuration and sounds are installed again)
#   eng/asterisk.sh status    exit 0 when Asterisk runs and ARI answers
#   eng/asterisk.sh cli CMD   run an Asterisk CLI command, e.g. eng/asterisk.sh cli "core show channels"
#   eng/asterisk.sh log       print the end of Asterisk's log
#
# PHONEGROUPS_ASTERISK_CONF=DIR starts Debian's stock configuration with DIR's *.conf over it instead of
# asterisk-conf/ (the doc-test of docs/integration.md uses it; the next plain start is asterisk-conf/ again).
#
# Debian bookworm has no Asterisk package; Debian sid has Asterisk 22. The script debootstraps a minimal sid
# root into .cache/asterisk-root (git-ignored) with the host's own Debian mirror and runs Asterisk in it
# with chroot. It needs root and the debootstrap package. Every command is idempotent and serialised
# with a lock, so parallel test runs cannot start two Asterisks.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PHONEGROUPS_CACHE:-$repo/.cache}"
root="$cache/asterisk-root"
state="$cache/asterisk-state"
pidfile="$state/asterisk.pid"
logfile="$state/asterisk.log"
ari_url="http://127.0.0.1:8088/ari"
ari_auth="phonegroups:phonegroups" # the demo user of asterisk-conf/ari.conf
packages="asterisk,asterisk-modules,asterisk-core-sounds-en"

log() { printf 'asterisk.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# The mirror the host's apt already uses, so this script names no download host of its own.
debian_mirror() {
    local uri
    uri=$(grep -hoE '^(URIs:|deb) +\S+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | awk '{print $2}' | grep -E '/debian/?$' | head -n 1 || true)
    [ -n "$uri" ] || die "no Debian mirror found in the host's apt sources (/etc/apt/sources.list*)"
    echo "${uri%/}"
}

build_root() {
    [ -x "$root/usr/sbin/asterisk" ] && return 0
    [ "$(id -u)" = 0 ] || die "building the Asterisk root needs root (debootstrap and chroot)"
    command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install -y debootstrap"
    local mirror tmp
    mirror=$(debian_mirror)
    tmp="$root.partial"
    rm -rf "$tmp"
    mkdir -p "$cache"
    log "building the Asterisk 22 root (Debian sid, about a minute, once) from $mirror"
    if ! debootstrap --variant=minbase --include="$packages" sid "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1; then
        tail -n 20 "$cache/debootstrap.log" >&2
        die "debootstrap failed; full log: $cache/debootstrap.log"
    fi
    # Running as root without -U: Asterisk must be able to read what belongs to the package's own user.
    chroot "$tmp" chown -R root:root /etc/asterisk /var/lib/asterisk /var/log/asterisk /var/spool/asterisk /var/cache/asterisk
    # Keep the package's own configuration aside: install_config starts from a clean directory each time.
    cp -a "$tmp/etc/asterisk" "$tmp/etc/asterisk.debian"
    mv "$tmp" "$root"
    log "root ready: $(chroot "$root" asterisk -V)"
}

# The configuration is exactly asterisk-conf/ plus Debian's defaults for the core's own settings (directory
# layout, tones, CDR and the like, which asterisk-conf/ does not change), so what runs here is what the
# repository documents.
debian_defaults="asterisk.conf indications.conf features.conf ccss.conf cdr.conf cel.conf acl.conf udptl.conf pjproject.conf websocket_client.conf"
install_config() {
    rm -rf "$root/etc/asterisk"
    mkdir -p "$root/etc/asterisk"
    local file
    if [ -n "${PHONEGROUPS_ASTERISK_CONF:-}" ]; then
        # Another configuration, e.g. the one docs/integration.md builds (its doc-test): Debian's complete stock
        # configuration (an "existing Asterisk 22", autoload and all), then the directory's files over it.
        [ -d "$PHONEGROUPS_ASTERISK_CONF" ] || die "PHONEGROUPS_ASTERISK_CONF=$PHONEGROUPS_ASTERISK_CONF is not a directory"
        cp -a "$root/etc/asterisk.debian/." "$root/etc/asterisk/"
        cp "$PHONEGROUPS_ASTERISK_CONF"/*.conf "$root/etc/asterisk/"
    else
        for file in $debian_defaults; do cp "$root/etc/asterisk.debian/$file" "$root/etc/asterisk/"; done
        cp "$repo"/asterisk-conf/*.conf "$root/etc/asterisk/"
    fi
    local sounds="$root/usr/share/asterisk/sounds"
    local dir
    for dir in "$repo"/sounds/*/; do
        [ -d "$dir" ] || continue
        local target="$sounds/$(basename "$dir")"
        # Debian's en is a symlink into /etc/alternatives, absolute inside the root: follow it there.
        if [ -L "$target" ]; then
            target="$root$(chroot "$root" readlink -f "/usr/share/asterisk/sounds/$(basename "$dir")")"
        fi
        mkdir -p "$target"
        cp "$dir"* "$target/"
    done
    mkdir -p "$root/var/run/asterisk"
}

mount_into_root() {
    local fs
    for fs in proc dev; do
        mountpoint -q "$root/$fs" || mount --bind "/$fs" "$root/$fs"
    done
}

unmount_from_root() {
    local fs
    for fs in dev proc; do
        if mountpoint -q "$root/$fs"; then umount "$root/$fs" || umount -l "$root/$fs"; fi
    done
}

running_pid() {
    [ -f "$pidfile" ] || return 1
    local pid
    pid=$(cat "$pidfile")
    kill -0 "$pid" 2>/dev/null && echo "$pid"
}

ari_answers() {
    curl -fsS --max-time 2 -u "$ari_auth" "$ari_url/asterisk/ping" >/dev/null 2>&1
}

start() {
    build_root
    if running_pid >/dev/null && ari_answers; then
        log "already running (pid $(running_pid)), ARI at $ari_url"
        return 0
    fi
    stop_quietly
    install_config
    mount_into_root
    mkdir -p "$state"
    # -f: stay in the foreground of our own background job; -n: no colour codes in the log.
    # Asterisk keeps no descriptor beyond its standard three: it would hold for as long as it runs this script's
    # lock (9), or a caller's (a test run under "flock FILE cmd", whose next run would wait for ever).
    (
        for fd in /proc/self/fd/*; do
            fd="${fd##*/}"
            if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
        done
        exec setsid chroot "$root" asterisk -f -n >"$logfile" 2>&1 </dev/null
    ) &
    echo $! >"$pidfile"
    local waited=0
    until ari_answers; do
        if ! running_pid >/dev/null; then
            tail -n 30 "$logfile" >&2
            unmount_from_root
            die "Asterisk exited during start; log: $logfile"
        fi
        if [ "$waited" -ge 60 ]; then
            tail -n 30 "$logfile" >&2
            die "ARI did not answer at $ari_url within 60 s; log: $logfile"
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    log "Asterisk $(chroot "$root" asterisk -V | awk '{print $2}') running (pid $(running_pid)), ARI at $ari_url"
}

stop_quietly() {
    local pid
    if pid=$(running_pid); then
        chroot "$root" asterisk -rx "core stop now" >/dev/null 2>&1 || true
        local i
        for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    # An Asterisk started from this root by an earlier, killed run may still hold the ports; one
    # running from any other root (a system Asterisk) is not ours and is left alone.
    local other
    for other in $(pgrep -x asterisk || true); do
        [ "$(readlink "/proc/$other/root" 2>/dev/null)" = "$root" ] && kill -KILL "$other" 2>/dev/null
    done
    rm -f "$pidfile"
    [ -d "$root" ] && unmount_from_root
    return 0
}

stop() {
    stop_quietly
    log "stopped"
}

status() {
    if running_pid >/dev/null && ari_answers; then
        log "running (pid $(running_pid)), ARI at $ari_url"
        return 0
    fi
    log "not running"
    return 1
}

cli() {
    running_pid >/dev/null || die "Asterisk is not running"
    chroot "$root" asterisk -rx "$*"
}

with_lock() {
    mkdir -p "$cache"
    exec 9>"$cache/asterisk.lock"
    flock 9
    "$@"
}

case "${1:-}" in
    start) with_lock start ;;
    build) with_lock build_root; with_lock install_config ;;
    stop) with_lock stop ;;
    restart) with_lock stop; with_lock start ;;
    status) status ;;
    cli) shift; cli "$@" ;;
    log) tail -n "${2:-50}" "$root/var/log/asterisk/messages.log" ;;
    *) echo "usage: $0 start|stop|restart|status|build|cli COMMAND|log [LINES]" >&2; exit 2 ;;
esac
