#!/usr/bin/env bash
# The Jib image, built and started on a machine without a Docker engine or a registry (docs/deployment.md):
#   1. a base image tarball in `docker save` form from this machine's own parts: a Debian bookworm root
#      (debootstrap --variant=minbase) with a Java runtime jlink'd from $SMOKE_JDK at /opt/java/openjdk, where
#      eclipse-temurin keeps it. Made once, kept in $IMAGE_SMOKE_CACHE;
#   2. ./mvnw ... package jib:buildTar with that tarball as the base (-Djib.from.image=tar://...), the same
#      configuration that builds on eclipse-temurin:21-jre where a registry answers;
#   3. the image's config and files checked: user, entrypoint, working directory, ports, environment, labels, volume,
#      the data directory, the user's /etc/passwd entry, the jar and nothing of Jib's exploded layout;
#   4. the image's root file system unpacked and its entrypoint started in it (chroot as the image's user, in fresh
#      mount, PID and network namespaces, so the ports are its own) with the image's environment and no DATABASE_URL:
#      the embedded PostgreSQL under the data directory. Passes when /actuator/health answers UP and the image's
#      /app/healthcheck exits 0.
# Needs root (debootstrap, chroot, unshare), jq, curl and ip (iproute2). Leaves the unpacked image in
# api/target/image-smoke. Runs in 2-5 minutes, most of it the Maven build and the
# service's start; the first run adds the debootstrap download. IMAGE_SMOKE_SKIP_BUILD=1 checks the
# api/target/jib-image.tar there is. Not part of ./mvnw verify.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${IMAGE_SMOKE_CACHE:-$HOME/.cache/stock-ledger-image-smoke}
SMOKE_JDK=${SMOKE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$ROOT/api/target/image-smoke
BASE=$CACHE/base.tar
START_TIMEOUT=${START_TIMEOUT:-240}

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
check() { # check <description> <actual> <expected>
    if [[ "$2" == "$3" ]]; then printf 'ok   %s: %s\n' "$1" "$2"; else fail "$1: got '$2', expected '$3'"; fi
}

[[ $(id -u) == 0 ]] || fail "run as root: debootstrap, chroot and unshare need it"
for tool in jq curl unshare chroot ip; do command -v "$tool" >/dev/null || fail "$tool is missing"; done
[[ -x $SMOKE_JDK/bin/jlink ]] || fail "no jlink in SMOKE_JDK=$SMOKE_JDK"

build_base() {
    command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install -y debootstrap)"
    local tmp=$CACHE/build
    rm -rf "$tmp" && mkdir -p "$tmp"
    debootstrap --variant=minbase bookworm "$tmp/rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
        > "$tmp/debootstrap.log" 2>&1 || { tail -20 "$tmp/debootstrap.log"; fail "debootstrap"; }
    # what a JRE image holds: Java SE and the JDK modules a server uses at run time, no compiler or tools
    "$SMOKE_JDK/bin/jlink" --output "$tmp/rootfs/opt/java/openjdk" --strip-debug --no-man-pages --no-header-files \
        --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.net,jdk.httpserver,jdk.security.auth,jdk.security.jgss,jdk.zipfs
    rm -rf "$tmp/rootfs"/var/cache/apt/archives/*.deb "$tmp/rootfs"/var/lib/apt/lists/*
    tar --numeric-owner -C "$tmp/rootfs" -cf "$tmp/layer.tar" .
    local diff_id
    diff_id=sha256:$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)
    jq -n --arg diff "$diff_id" --arg java "$("$tmp/rootfs/opt/java/openjdk/bin/java" -version 2>&1 | head -1)" '{
        architecture: "amd64", os: "linux",
        config: {
            Env: ["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "JAVA_HOME=/opt/java/openjdk", "LANG=C.UTF-8"],
            Labels: {"org.opencontainers.image.description": ("bookworm minbase, " + $java)}
        },
        rootfs: {type: "layers", diff_ids: [$diff]}
    }' > "$tmp/config.json"
    jq -n '[{Config: "config.json", RepoTags: ["local/bookworm-jre:smoke"], Layers: ["layer.tar"]}]' \
        > "$tmp/manifest.json"
    tar -C "$tmp" -cf "$BASE.part" manifest.json config.json layer.tar && mv "$BASE.part" "$BASE"
    rm -rf "$tmp"
}

step "1. base image tarball"
mkdir -p "$CACHE"
if [[ -f $BASE ]]; then echo "using $BASE (delete it to make a new one)"; else build_base; fi
ls -l "$BASE"

step "2. jib:buildTar on that base"
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-$SMOKE_JDK} PATH=${JAVA_HOME:-$SMOKE_JDK}/bin:$PATH
IMAGE=$ROOT/api/target/jib-image.tar
if [[ ${IMAGE_SMOKE_SKIP_BUILD:-} == 1 && -f $IMAGE ]]; then
    echo "IMAGE_SMOKE_SKIP_BUILD=1: checking the image built before"
else
    ./mvnw -B -q -pl api -am package jib:buildTar -DskipTests -Dbenchmark.smoke.skip=true "-Djib.from.image=tar://$BASE"
fi
ls -l "$IMAGE"

step "3. the image's config and files"
rm -rf "$WORK" && mkdir -p "$WORK/image" "$WORK/rootfs"
tar -C "$WORK/image" -xf "$IMAGE"
CONFIG=$WORK/image/$(jq -r '.[0].Config' "$WORK/image/manifest.json")
c() { jq -r "$1" "$CONFIG"; }
check "user" "$(c .config.User)" "10001:10001"
check "entrypoint" "$(c '.config.Entrypoint | join(" ")')" "java -jar /app/stock-ledger.jar"
check "working directory" "$(c .config.WorkingDir)" "/app"
check "exposed ports" "$(c '.config.ExposedPorts | keys | join(" ")')" "8080/tcp 8081/tcp"
check "volume" "$(c '.config.Volumes | keys | join(" ")')" "/app/data"
check "LEDGER_DATA_DIR" "$(c '.config.Env[] | select(startswith("LEDGER_DATA_DIR="))')" "LEDGER_DATA_DIR=/app/data/postgres"
check "JAVA_TOOL_OPTIONS" "$(c '.config.Env[] | select(startswith("JAVA_TOOL_OPTIONS="))')" \
    "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=75 -XX:MaxHeapFreeRatio=100 -XX:+AlwaysPreTouch -Daxoniq.update-checker.disabled=true"
check "JAVA_HOME from the base" "$(c '.config.Env[] | select(startswith("JAVA_HOME="))')" "JAVA_HOME=/opt/java/openjdk"
check "title label" "$(c '.config.Labels["org.opencontainers.image.title"]')" "stock-ledger"
echo "     labels: $(c '.config.Labels | keys | join(", ")')"
# layers in order; Jib writes no whiteouts, and the base has none
for layer in $(jq -r '.[0].Layers[]' "$WORK/image/manifest.json"); do
    tar -C "$WORK/rootfs" --numeric-owner --same-owner --warning=no-unknown-keyword -xpf "$WORK/image/$layer"
done
R=$WORK/rootfs
check "data directory owner, mode" "$(stat -c '%u:%g %a' "$R/app/data")" "0:0 777"
check "ledger in /etc/passwd" "$(grep '^ledger:' "$R/etc/passwd" | cut -d: -f3,4)" "10001:10001"
check "the jar" "$(test -f "$R/app/stock-ledger.jar" && echo present)" "present"
check "Jib's exploded layout left out" "$(ls "$R/app" | tr '\n' ' ')" "data healthcheck stock-ledger.jar "
check "health check script mode" "$(stat -c '%a' "$R/app/healthcheck")" "755"

step "4. the entrypoint, started in the image's root file system"
mapfile -t ENV_VARS < <(c '.config.Env[]')
# A container runtime gives the JVM its memory limit, of which the image's heap is three quarters, touched at start;
# here no limit applies, so the JVM is told one (without it the heap would be three quarters of this machine)
ENV_VARS=("${ENV_VARS[@]/#JAVA_TOOL_OPTIONS=/JAVA_TOOL_OPTIONS=-XX:MaxRAM=${SMOKE_MEMORY:-2g} }")
mapfile -t ENTRYPOINT < <(c '.config.Entrypoint[], (.config.Cmd // [])[]')
USER_SPEC=$(c .config.User)
WORKDIR=$(c .config.WorkingDir)
LOG=$WORK/service.log
WORK_HOSTS=$WORK/hosts
export R LOG WORK_HOSTS USER_SPEC WORKDIR START_TIMEOUT
# in the namespaces: loopback up, /proc, /dev and a fresh /dev/shm and /tmp; the service as the image's user with the
# image's environment alone; wait for health UP, run the image's health check as that user, stop the service
unshare --mount --net --pid --fork --propagation private bash -s -- "${ENV_VARS[@]}" -- "${ENTRYPOINT[@]}" <<'INSIDE'
set -euo pipefail
env_vars=(); while [[ $1 != -- ]]; do env_vars+=("$1"); shift; done; shift
ip link set lo up
mount -t proc proc "$R/proc"
mount --rbind /dev "$R/dev"
mount -t tmpfs -o mode=1777 tmpfs "$R/dev/shm"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"
# what a container runtime gives every container: /etc/hosts with localhost (the embedded PostgreSQL listens there)
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$WORK_HOSTS"
touch "$R/etc/hosts" && mount --bind "$WORK_HOSTS" "$R/etc/hosts"
started=$(date +%s)
chroot --userspec="$USER_SPEC" "$R" /usr/bin/env -i --chdir="$WORKDIR" "${env_vars[@]}" "$@" > "$LOG" 2>&1 &
service=$!
health=""
while (( $(date +%s) - started < START_TIMEOUT )); do
    kill -0 "$service" 2>/dev/null || { tail -40 "$LOG"; echo "FAIL: the service exited"; exit 1; }
    health=$(curl -s --max-time 2 http://127.0.0.1:8081/actuator/health || true)
    [[ $health == *'"status":"UP"'* ]] && break
    sleep 2
done
echo "after $(( $(date +%s) - started )) s: GET /actuator/health -> ${health:0:160}..."
[[ $health == *'"status":"UP"'* ]] || { tail -40 "$LOG"; echo "FAIL: not UP within ${START_TIMEOUT}s"; exit 1; }
echo "process $(tr '\0' ' ' < "$R/proc/$service/cmdline" | cut -c1-60): $(grep -E '^(Uid|Gid):' "$R/proc/$service/status" | awk '{printf "%s %s ", $1, $2}')"
echo "data directory: $(ls -ln "$R/app/data" | tail -n +2 | awk '{print $1, $3":"$4, $NF}' | tr '\n' ';')"
chroot --userspec="$USER_SPEC" "$R" /usr/bin/env -i "${env_vars[@]}" /app/healthcheck \
    && echo "ok   /app/healthcheck exits 0" || { echo "FAIL: /app/healthcheck"; exit 1; }
kill "$service"; wait "$service" || true
INSIDE
echo
echo "image smoke test passed: $IMAGE"
