#!/usr/bin/env bash
# rclone's Docker volume plugin (`rclone serve docker`, a legacy plugin) as shared storage for Berth's tests: every
# engine on this machine, the Swarm's network-namespace nodes too, finds its socket, so a volume made with
# `-d rclone -o type=local -o path=/srv/...` on two nodes is one directory, as NFS or a cloud file system would be.
#
#   scripts/rclone-plugin.sh start   installs rclone and fuse3 if missing, starts the plugin; idempotent
#   scripts/rclone-plugin.sh stop    removes every rclone volume of every engine, restarts the engines so that none
#                                    waits on the plugin once it is gone (see stop()), stops it; idempotent
#   scripts/rclone-plugin.sh status  exit 0 when it answers
#
# Its files: shared directories under /srv/berth-rclone, state under /var/lib/berth-rclone, log
# /var/log/berth-rclone.log. Environment: DOCKER_HOST (the manager's engine, default unix:///var/run/docker.sock).
set -Eeuo pipefail
cd "$(dirname "$0")/.."
source scripts/engines.sh

SOCKET=/run/docker/plugins/rclone.sock
STATE=/var/lib/berth-rclone
SHARED=/srv/berth-rclone
PIDFILE=/run/berth-rclone.pid
LOG=/var/log/berth-rclone.log

die() { echo "rclone-plugin: $*" >&2; exit 1; }
say() { echo "rclone-plugin: $*"; }

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && [ -S "$SOCKET" ]; }

answers() { curl -s --max-time 2 --unix-socket "$SOCKET" -X POST http://plugin/Plugin.Activate | grep -q VolumeDriver; }

install() {
  local missing=()
  command -v rclone >/dev/null 2>&1 || missing+=(rclone)
  command -v fusermount3 >/dev/null 2>&1 || missing+=(fuse3)
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]}: install them, then run this again."
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

start() {
  if running && answers; then say "running (pid $(cat "$PIDFILE")), socket $SOCKET"; return 0; fi
  install
  [ -e /dev/fuse ] || die "/dev/fuse is missing: rclone mounts volumes with FUSE."
  mkdir -p "$STATE" "$SHARED" "$(dirname "$SOCKET")"
  rm -f "$SOCKET"
  touch "$STATE/rclone.conf"
  setsid nohup rclone serve docker --base-dir "$STATE/volumes" --config "$STATE/rclone.conf" \
    --socket-addr "$SOCKET" -v >"$LOG" 2>&1 < /dev/null &
  echo $! >"$PIDFILE"
  wait_until 30 "the rclone plugin" answers || { tail -n 20 "$LOG" >&2; die "the plugin did not answer on $SOCKET within 30s; its log is $LOG"; }
  say "started (pid $(cat "$PIDFILE")), socket $SOCKET, shared storage under $SHARED"
}

engines() {
  echo "${DOCKER_HOST:-unix:///var/run/docker.sock}"
  for s in /run/berth-cluster/n*.sock; do [ -S "$s" ] && echo "unix://$s"; done
  return 0
}

# Restarts every engine (the nodes in parallel, then the host's), saying how long it took.
restart_engines() {
  local began=$SECONDS pids=() k
  for k in $(ls /run/berth-cluster/ 2>/dev/null | sed -n 's/^n\([0-9]*\)\.sock$/\1/p'); do
    bash scripts/cluster.sh node restart "$k" >/dev/null & pids+=($!)
  done
  for k in "${pids[@]}"; do wait "$k" || die "a node's engine did not come back; see /var/log/berth-cluster/"; done
  bash scripts/docker-engine.sh restart >/dev/null
  say "engines restarted ($1) in $((SECONDS - began))s"
}

# An engine that holds a volume of the plugin, or has used it, stalls 15 s on every `docker volume ls` once the
# plugin is gone, and on a restart too, until it is restarted without it. The plugin is shared, so a volume removed
# through one engine is gone from the plugin and hidden from every other engine, which still keeps it in its own
# database (Berth deletes a GLOBAL volume on every node; a plain `docker volume rm` does not). So: every volume any
# engine lists is removed through every engine (-f drops what the plugin lost); the engines are restarted while the
# plugin answers, so that none has used it (a restarting engine also drops a volume the plugin no longer has, but
# looks the plugin up to do so); only then is the plugin stopped. An engine that still stalls is restarted again.
stop() {
  local host names stalled=()
  if ! running; then rm -f "$SOCKET" "$PIDFILE"; say "not running"; return 0; fi
  names=$(for host in $(engines); do docker -H "$host" volume ls -q --filter driver=rclone 2>/dev/null || true; done | sort -u)
  if [ -n "$names" ]; then
    for host in $(engines); do echo "$names" | xargs docker -H "$host" volume rm -f >/dev/null 2>&1 || true; done
  fi
  restart_engines "so that none has used the plugin"
  kill "$(cat "$PIDFILE")" 2>/dev/null || true
  wait_until 15 "the plugin's exit" sh -c "! kill -0 $(cat "$PIDFILE") 2>/dev/null" || kill -9 "$(cat "$PIDFILE")" 2>/dev/null || true
  grep " $STATE/volumes" /proc/mounts | cut -d' ' -f2 | xargs -r -n1 fusermount3 -uz 2>/dev/null || true
  rm -f "$SOCKET" "$PIDFILE"
  for host in $(engines); do timeout 5 docker -H "$host" volume ls -q >/dev/null 2>&1 || stalled+=("$host"); done
  if [ ${#stalled[@]} -gt 0 ]; then
    say "still waiting on the plugin: ${stalled[*]}"
    restart_engines "without the plugin"
  fi
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && answers ;;
  *) echo "usage: scripts/rclone-plugin.sh start|stop|status" >&2; exit 2 ;;
esac
