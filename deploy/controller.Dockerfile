# The PhoneGroups controller. Build from the repository root:
#   docker build -f deploy/controller.Dockerfile -t phonegroups .
# Without a registry, pass the local bases of eng/docker-bases.sh as --build-arg (compose.yaml does).
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${DOTNET_SDK_IMAGE} AS build
# Set by BuildKit for the platform being built (amd64, arm64); the legacy builder leaves it empty (amd64).
ARG TARGETARCH
WORKDIR /src
RUN case "${TARGETARCH:-amd64}" in arm64) echo linux-arm64 ;; *) echo linux-x64 ;; esac > /rid
# Restore first, from the project files only, so code changes reuse the restored layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PhoneGroups.Policy/PhoneGroups.Policy.csproj src/PhoneGroups.Policy/
COPY src/PhoneGroups.Ari/PhoneGroups.Ari.csproj src/PhoneGroups.Ari/
COPY src/PhoneGroups/PhoneGroups.csproj src/PhoneGroups/
RUN dotnet restore src/PhoneGroups/PhoneGroups.csproj -r "$(cat /rid)" -p:PublishReadyToRun=true
COPY src/ src/
# ReadyToRun: the code is compiled ahead of time, so a restarted controller's first call takes about half as
# long and it is ready sooner (bench/load/startup.sh, docs/benchmarks.md); the JIT still tiers up hot code.
RUN dotnet publish src/PhoneGroups/PhoneGroups.csproj --no-restore -c Release -r "$(cat /rid)" --self-contained false \
    -p:PublishReadyToRun=true -o /app
# The policy store's folder (a volume in compose.yaml), made here: the runtime image runs no shell.
RUN mkdir -p /store

FROM ${DOTNET_RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app ./
COPY asterisk-conf/policy.yaml /etc/phonegroups/policy.yaml
COPY --from=build --chown=10001:10001 /store /var/lib/phonegroups
# No secrets here: Ari__Password comes from the environment at run time.
ENV Logging__Format=json \
    Policy__Path=/etc/phonegroups/policy.yaml \
    Store__Path=/var/lib/phonegroups/phonegroups.db \
    Health__Url=http://127.0.0.1:8090/ \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER 10001:10001
HEALTHCHECK --interval=5s --timeout=4s --start-period=10s --retries=3 CMD ["/app/phonegroups", "probe"]
# SIGTERM stops the controller cleanly: no new calls, calls in progress stay bridged in Asterisk.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/phonegroups", "run"]
