#!/usr/bin/env bash
# A newer Docker engine beside the host's, for the engine matrix (ENVIRONMENT.md section 8). Run through
# scripts/docker-engine.sh with BERTH_ENGINE set:
#   BERTH_ENGINE=28 bash scripts/docker-engine.sh [start]   Debian sid's docker.io 28.5, refusing clients older than
#                                                          API 1.44 (DOCKER_MIN_API_VERSION), as Docker 29 does
#   BERTH_ENGINE=26 bash scripts/docker-engine.sh [start]   Debian trixie's docker.io 26.1
#   BERTH_ENGINE=28 bash scripts/docker-engine.sh restart | status | stop
#                                                          stop removes it and everything it made: no trace
# The engine runs in a network namespace of its own (berth-e<version>, address 10.78.<version>.2, its bridge on
# 172.30.<version>.1/24), never in the host's: a second dockerd there deletes the host engine's docker0. Its binaries
# come from Debian's packages through an apt configuration of its own (the machine's sources stay untouched), and it
# runs containers with Debian 12's runc. The host engine's images are loaded into it. Its socket is
# /run/berth-engines/<version>.sock; published ports are reached at 10.78.<version>.2. The last line printed is
# DOCKER_HOST=unix:///run/berth-engines/<version>.sock
set -euo pipefail

VERSION=${BERTH_ENGINE:?BERTH_ENGINE must name an engine: 26 or 28}
case "$VERSION" in
  28) SUITE=sid; MIN_API=1.44 ;;
  26) SUITE=trixie; MIN_API= ;;
  *) echo "docker-engine: BERTH_ENGINE=$VERSION is not one of 26, 28 (or unset, for the host engine)" >&2; exit 2 ;;
esac
HOME_DIR=/var/lib/berth-engines/$VERSION
RUN_DIR=/run/berth-engines
SOCK=$RUN_DIR/$VERSION.sock
EXEC_ROOT=$RUN_DIR/$VERSION.exec
PIDFILE=$RUN_DIR/$VERSION.pid
LOG=/var/log/berth-engines/$VERSION.log
NS=berth-e$VERSION
HOST_VETH=berthv-e$VERSION
HOST_IP=10.78.$VERSION.1
ENGINE_IP=10.78.$VERSION.2
IMAGES=${BERTH_ENGINE_IMAGES:-busybox:1.35 postgres:15 mariadb:10.11 redis:7.0}
WAIT_SECONDS=${BERTH_DOCKERD_WAIT:-60}

say() { echo "docker-engine[$VERSION]: $*"; }
die() { echo "docker-engine[$VERSION]: $*" >&2; exit 1; }
source "$(dirname "$0")/engines.sh"
api() { curl -sf --unix-socket "$SOCK" "$@"; }
answers() { [ -S "$SOCK" ] && api http://localhost/version >/dev/null 2>&1; }
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st#Z}" = "$st" ]; }

# Debian's docker.io and containerd of that suite, unpacked under HOME_DIR/pkg once.
fetch_binaries() {
  [ -x "$HOME_DIR/pkg/usr/sbin/dockerd" ] && return 0
  local apt="$HOME_DIR/apt" t0=$SECONDS
  mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$HOME_DIR/pkg"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $SUITE main" \
    >"$apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache::archives=$apt/archives" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  say "fetching docker.io and containerd from Debian $SUITE"
  apt-get "${opts[@]}" update -qq >/dev/null
  (cd "$apt/archives" && apt-get "${opts[@]}" download docker.io containerd >/dev/null)
  local deb; for deb in "$apt"/archives/*.deb; do dpkg -x "$deb" "$HOME_DIR/pkg"; done
  [ -x "$HOME_DIR/pkg/usr/sbin/dockerd" ] || die "Debian $SUITE's docker.io holds no dockerd"
  say "docker.io and containerd of Debian $SUITE unpacked in $((SECONDS - t0))s"
}

ensure_netns() {
  veth_into_netns "$NS" "$HOST_VETH" "berthp-e$VERSION"
  ip addr replace "$HOST_IP/24" dev "$HOST_VETH"
  ip link set "$HOST_VETH" up
  ip -n "$NS" link set lo up
  ip -n "$NS" addr replace "$ENGINE_IP/24" dev eth0
  ip -n "$NS" link set eth0 up
}

start() {
  if answers; then say "already answers"; print_version; return 0; fi
  [ "$(id -u)" = 0 ] || die "starting an engine needs root (network namespaces, dockerd)."
  fetch_binaries
  ensure_netns
  if [ -f "$PIDFILE" ] && ! alive "$(cat "$PIDFILE")"; then rm -f "$PIDFILE"; fi
  mkdir -p "$HOME_DIR/docker" "$EXEC_ROOT" "$(dirname "$LOG")"
  printf '{ "runtimes": { "bookworm-runc": { "path": "/usr/sbin/runc" } }, "default-runtime": "bookworm-runc" }\n' \
    >"$HOME_DIR/daemon.json"
  say "starting dockerd in netns $NS ($ENGINE_IP), log $LOG"
  (
    for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"; done
    export PATH="$HOME_DIR/pkg/usr/sbin:$HOME_DIR/pkg/usr/bin:$PATH"
    [ -z "$MIN_API" ] || export DOCKER_MIN_API_VERSION=$MIN_API
    exec nohup setsid nsenter --net="/var/run/netns/$NS" unshare --uts sh -c 'hostname "$0" && exec "$@"' "$NS" \
      dockerd --config-file "$HOME_DIR/daemon.json" --data-root "$HOME_DIR/docker" --exec-root "$EXEC_ROOT" \
        -H "unix://$SOCK" --pidfile "$PIDFILE" --bip "172.30.$VERSION.1/24" \
        --containerd-namespace "berth-e$VERSION" --containerd-plugins-namespace "berth-e$VERSION-plugins" \
      >>"$LOG" 2>&1 </dev/null
  ) &
  await_dockerd "$WAIT_SECONDS" "$LOG" dockerd answers
  load_images
  print_version
}

# The host engine's images, loaded through the API (the host's docker CLI is too old for a 1.44 floor).
load_images() {
  local missing=() image t0=$SECONDS
  for image in $IMAGES; do
    api "http://localhost/images/$image/json" >/dev/null 2>&1 || missing+=("$image")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  docker save "${missing[@]}" | curl -sf --unix-socket "$SOCK" -X POST -H 'Content-Type: application/x-tar' \
    --data-binary @- "http://localhost/images/load?quiet=1" >/dev/null || die "could not load ${missing[*]}"
  say "loaded ${missing[*]} from the host engine in $((SECONDS - t0))s"
}

print_version() {
  local v; v=$(api http://localhost/version)
  say "Docker $(echo "$v" | sed -E 's/.*"Version":"([^"]*)".*/\1/') (API $(echo "$v" \
    | sed -E 's/.*"ApiVersion":"([^"]*)".*/\1/'), minimum $(echo "$v" | sed -E 's/.*"MinAPIVersion":"([^"]*)".*/\1/')), published ports at $ENGINE_IP"
  echo "DOCKER_HOST=unix://$SOCK"
}

stop_engine() {
  if [ -f "$PIDFILE" ] && alive "$(cat "$PIDFILE")"; then
    local pid; pid=$(cat "$PIDFILE")
    say "stopping dockerd (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
  fi
  local root id p
  for root in "$EXEC_ROOT"/runtime-*/*; do
    [ -d "$root" ] || continue
    for id in $(runc --root "$root" list -q 2>/dev/null || true); do runc --root "$root" delete --force "$id" >/dev/null 2>&1 || true; done
  done
  for p in $(pgrep -f -- "$EXEC_ROOT/containerd" || true); do kill "$p" 2>/dev/null || true; done
  rm -f "$PIDFILE"
}

# Everything it made goes: processes, mounts, namespace, link, files.
remove() {
  stop_engine
  local m
  for m in $(findmnt -rn -o TARGET | grep -E "^($HOME_DIR|$EXEC_ROOT)" | sort -r); do umount -l "$m" 2>/dev/null || true; done
  if ip netns list | grep -q "^$NS\b"; then ip netns del "$NS"; fi
  ip link del "$HOST_VETH" 2>/dev/null || true
  rm -rf --one-file-system "$HOME_DIR" "$EXEC_ROOT" "$SOCK" "$LOG"
  rmdir "$RUN_DIR" "$(dirname "$HOME_DIR")" "$(dirname "$LOG")" 2>/dev/null || true
  say "stopped and removed"
}

case "${1:-start}" in
  start) start ;;
  restart) stop_engine; start ;;
  stop) remove ;;
  status) if answers; then print_version; else say "does not answer at unix://$SOCK"; exit 3; fi ;;
  *) die "unknown command '$1': use start, restart, status or stop." ;;
esac
