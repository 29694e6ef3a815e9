#!/usr/bin/env bash
# For machines that cannot reach an image registry (like the ones PhoneGroups is developed on): builds
# the base images the Dockerfiles in deploy/ take as build arguments, from what this machine has.
#   local/phonegroups-asterisk-base  the Debian sid root with Asterisk 22 of eng/asterisk.sh
#   local/phonegroups-dotnet-sdk     Debian bookworm + this machine's .NET SDK (and its CA certificates,
#                                    so a restore inside the build reaches NuGet the way this machine does)
#   local/phonegroups-dotnet-runtime Debian bookworm + this machine's .NET runtime
# and writes .cache/docker-bases.env with the build arguments. With internet, none of this is needed:
# `docker compose build` uses the official images.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$repo/.cache"
env_file="$cache/docker-bases.env"
say() { echo "docker-bases: $*" >&2; }

mkdir -p "$cache"
bash "$repo/eng/docker-up.sh"

# Asterisk: the same root the tests use (built once by eng/asterisk.sh).
if ! docker image inspect local/phonegroups-asterisk-base:22 >/dev/null 2>&1; then
    [ -x "$cache/asterisk-root/usr/sbin/asterisk" ] || bash "$repo/eng/asterisk.sh" build
    say "importing the Asterisk root"
    tar -C "$cache/asterisk-root" --exclude=./proc --exclude=./dev --exclude=./sys -c . \
        | docker import - local/phonegroups-asterisk-base:22 >/dev/null
fi

# .NET: a minimal bookworm with what .NET needs, then this machine's dotnet folder.
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
dotnet_version="$(dotnet --version)"
if ! docker image inspect "local/phonegroups-dotnet-sdk:$dotnet_version" >/dev/null 2>&1 \
    || ! docker image inspect "local/phonegroups-dotnet-runtime:$dotnet_version" >/dev/null 2>&1; then
    root="$cache/dotnet-base-root"
    if [ ! -x "$root/usr/bin/apt-get" ]; then
        # The mirror the host's apt already uses (missing source files are fine).
        mirror=$( (grep -hoE '^(URIs:|deb) +\S+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true) \
            | awk '{print $2}' | grep -v security | sed -n 1p)
        say "debootstrapping Debian bookworm for the .NET images from $mirror (once)"
        rm -rf "$root.tmp"
        debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata bookworm "$root.tmp" "$mirror" \
            >"$cache/dotnet-base-debootstrap.log" 2>&1 || { tail -n 20 "$cache/dotnet-base-debootstrap.log" >&2; exit 1; }
        rm -rf "$root.tmp/var/cache/apt/archives/"*.deb "$root.tmp/var/lib/apt/lists/"*
        mv "$root.tmp" "$root"
    fi
    # This machine's CA certificates: its way out to NuGet may present its own certificate authority.
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
    say "importing .NET SDK $dotnet_version"
    tar -c -C "$root" --exclude=./proc --exclude=./dev --exclude=./sys . \
        | docker import -c 'ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1' \
            - "local/phonegroups-dotnet-sdk:$dotnet_version.tmp" >/dev/null
    # The SDK image: the base plus the whole dotnet folder; the runtime image: only host and shared runtimes.
    build="$(mktemp -d)"
    trap 'rm -rf "$build"' EXIT
    mkdir -p "$build/dotnet"
    cp -a "$dotnet_root/." "$build/dotnet/"
    printf 'FROM local/phonegroups-dotnet-sdk:%s.tmp\nCOPY dotnet /usr/share/dotnet\n' "$dotnet_version" >"$build/Dockerfile"
    docker build -q -t "local/phonegroups-dotnet-sdk:$dotnet_version" "$build" >/dev/null
    rm -rf "$build/dotnet/sdk" "$build/dotnet/sdk-manifests" "$build/dotnet/packs" "$build/dotnet/templates" "$build/dotnet/metadata"
    docker build -q -t "local/phonegroups-dotnet-runtime:$dotnet_version" "$build" >/dev/null
    docker rmi "local/phonegroups-dotnet-sdk:$dotnet_version.tmp" >/dev/null
fi

cat >"$env_file" <<ENV
# Written by eng/docker-bases.sh: build arguments for images built without a registry.
ASTERISK_BASE=local/phonegroups-asterisk-base:22
DOTNET_SDK_IMAGE=local/phonegroups-dotnet-sdk:$dotnet_version
DOTNET_RUNTIME_IMAGE=local/phonegroups-dotnet-runtime:$dotnet_version
ENV
say "base images ready; build arguments in ${env_file#"$repo/"}"
