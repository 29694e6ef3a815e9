#!/bin/sh
# Starts Asterisk with the ARI password of the environment (Ari__Password, the same env file or secret the
# controller reads), written where ari.conf includes it. No password is baked into the image.
set -eu
password="${Ari__Password:-}"
if [ -z "$password" ] && [ -n "${Ari__Password_FILE:-}" ]; then
    password="$(cat "$Ari__Password_FILE")"
fi
if [ -z "$password" ]; then
    echo "asterisk-entrypoint: Ari__Password is not set (deploy/phonegroups.env or Ari__Password_FILE)" >&2
    exit 64
fi
case "$password" in
    *"
"*) echo "asterisk-entrypoint: Ari__Password must be one line" >&2; exit 64 ;;
esac
umask 077
printf 'password = %s\n' "$password" > /var/run/asterisk/ari-password.conf
exec "$@"
