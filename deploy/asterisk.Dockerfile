# Asterisk 22 with the PhoneGroups configuration (asterisk-conf/) and prompts (sounds/).
#   docker build -f deploy/asterisk.Dockerfile -t phonegroups-asterisk .
# ASTERISK_BASE defaults to Debian sid, which packages Asterisk 22; without a registry, eng/docker-bases.sh
# makes a local base that already holds it (the root the tests use).
ARG ASTERISK_BASE=debian:sid
FROM ${ASTERISK_BASE}
RUN if ! command -v asterisk >/dev/null; then \
        apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            asterisk asterisk-modules asterisk-core-sounds-en && rm -rf /var/lib/apt/lists/*; \
    fi
COPY asterisk-conf/*.conf /etc/asterisk/
# The demo password of asterisk-conf/ari.conf never ships: the entrypoint writes the one from the
# environment (Ari__Password) at start, and ari.conf includes it.
RUN sed -i 's|^password = .*|#include "/var/run/asterisk/ari-password.conf"|' /etc/asterisk/ari.conf \
    && ! grep -q '^password *=' /etc/asterisk/ari.conf
COPY deploy/asterisk-entrypoint.sh /usr/local/bin/phonegroups-asterisk-entrypoint
COPY sounds/ /tmp/phonegroups-sounds/
# Prompts into each language folder (Debian's en is a symlink to the installed English voice).
RUN set -e; cd /tmp/phonegroups-sounds; \
    for lang in */; do lang="${lang%/}"; \
        target="$(readlink -f "/usr/share/asterisk/sounds/$lang" || echo "/usr/share/asterisk/sounds/$lang")"; \
        mkdir -p "$target"; cp "$lang"/phonegroups-* "$target/"; \
    done; \
    rm -rf /tmp/phonegroups-sounds; \
    mkdir -p /var/run/asterisk /var/log/asterisk /var/spool/asterisk /var/lib/asterisk; \
    chown -R asterisk:asterisk /etc/asterisk /var/run/asterisk /var/log/asterisk /var/spool/asterisk /var/lib/asterisk
USER asterisk
# Ready when ARI answers (http.conf binds 127.0.0.1:8088; host networking).
HEALTHCHECK --interval=5s --timeout=4s --start-period=20s --retries=5 \
    CMD ["asterisk", "-rx", "core show uptime"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/phonegroups-asterisk-entrypoint"]
CMD ["asterisk", "-f", "-n"]
