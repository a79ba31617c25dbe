#!/usr/bin/env bash
# Ensures a Docker engine answers on this machine, idempotently.
#   scripts/docker-engine.sh [start]   start one unless one already answers (default)
#   scripts/docker-engine.sh restart   stop the engine this script started, then start it again
#   scripts/docker-engine.sh status    say whether an engine answers, and which
# The engine's log goes to ${BERTH_DOCKERD_LOG:-/var/log/berth-dockerd.log}.
# With BERTH_ENGINE=28 or 26, the same commands (and stop) drive a newer engine in a network namespace of its own
# instead: see scripts/engine-version.sh.
set -euo pipefail
if [ -n "${BERTH_ENGINE:-}" ] && [ "${BERTH_ENGINE}" != host ]; then
  exec bash "$(dirname "$0")/engine-version.sh" "$@"
fi

LOG=${BERTH_DOCKERD_LOG:-/var/log/berth-dockerd.log}
PIDFILE=/var/run/docker.pid
WAIT_SECONDS=${BERTH_DOCKERD_WAIT:-60}

say() { echo "docker-engine: $*"; }
die() { echo "docker-engine: $*" >&2; exit 1; }
source "$(dirname "$0")/engines.sh"

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

print_version() {
  echo "docker-engine: $(docker version --format 'Docker {{.Server.Version}} (API {{.Server.APIVersion}}, minimum {{.Server.MinAPIVersion}})') at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
}

install_engine() {
  command -v dockerd >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || die "dockerd is not installed and this is not root: run as root, or install Docker Engine yourself (Debian/Ubuntu: apt-get install docker.io)."
  command -v apt-get >/dev/null 2>&1 || die "dockerd is not installed and there is no apt-get: install Docker Engine (https://docs.docker.com/engine/install/), start it, then run this again."
  say "installing Debian's docker.io (dockerd is missing)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io iptables iproute2 >/dev/null
  command -v dockerd >/dev/null 2>&1 || die "apt-get installed docker.io but dockerd is still missing."
}

start_engine() {
  if engine_answers; then
    say "an engine already answers; leaving it alone"
    print_version
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "no engine answers and starting one needs root: run as root, or start your Docker engine (systemctl start docker) and run this again."
  install_engine
  # A stale pid file from a killed dockerd makes the next one refuse to start.
  if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi
  mkdir -p "$(dirname "$LOG")"
  say "starting dockerd in the background, log: $LOG"
  # containerd is started by dockerd itself when it is not running.
  # The engine outlives this script: it must not inherit the caller's descriptors (a held lock file, say).
  (
    for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"; done
    exec nohup setsid dockerd --pidfile "$PIDFILE" >>"$LOG" 2>&1 < /dev/null
  ) &
  await_dockerd "$WAIT_SECONDS" "$LOG" dockerd engine_answers
  print_version
}

stop_engine() {
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    local pid; pid=$(cat "$PIDFILE")
    say "stopping dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && die "dockerd (pid $pid) did not stop within 30s."
  elif engine_answers; then
    die "an engine answers but it was not started by this script (no live $PIDFILE); restart it the way it was started."
  fi
  return 0
}

# On a Swarm manager, how many nodes are Ready (0 when it manages none).
ready_nodes() { docker node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true; }

# After a restart of a Swarm manager, its workers show Down until they reconnect: wait for as many as before.
await_nodes() {
  local want=$1 waited=0
  [ "$want" -gt 0 ] || return 0
  until [ "$(ready_nodes)" -ge "$want" ]; do
    if [ "$waited" -ge 300 ]; then say "only $(ready_nodes) of $want Swarm nodes are Ready again after 60s"; return 0; fi
    sleep 0.2; waited=$((waited + 1))
  done
  say "$want Swarm nodes Ready again"
}

case "${1:-start}" in
  start) start_engine ;;
  restart) nodes=$(ready_nodes); stop_engine; start_engine; await_nodes "$nodes" ;;
  status)
    if engine_answers; then print_version; else say "no engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}"; exit 3; fi ;;
  *) die "unknown command '$1': use start, restart or status." ;;
esac
