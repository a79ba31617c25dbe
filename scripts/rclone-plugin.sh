#!/usr/bin/env bash
# rclone's Docker volume plugin (`rclone serve docker`, a legacy plugin) as shared storage for Berth's tests: every
# engine on this machine, the Swarm's network-namespace nodes too, finds its socket, so a volume made with
# `-d rclone -o type=local -o path=/srv/...` on two nodes is one directory, as NFS or a cloud file system would be.
#
#   scripts/rclone-plugin.sh start   installs rclone and fuse3 if missing, starts the plugin; idempotent
#   scripts/rclone-plugin.sh stop    removes every rclone volume of every engine, stops the plugin, then restarts the
#                                    engines (after a legacy plugin stops, `docker volume ls` stalls 15 s until they
#                                    do); idempotent
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

stop() {
  local host vols
  if ! running; then rm -f "$SOCKET" "$PIDFILE"; say "not running"; return 0; fi
  for host in $(engines); do
    vols=$(docker -H "$host" volume ls -q --filter driver=rclone 2>/dev/null || true)
    [ -z "$vols" ] || { echo "$vols" | xargs docker -H "$host" volume rm -f >/dev/null 2>&1 || true; }
  done
  kill "$(cat "$PIDFILE")" 2>/dev/null || true
  wait_until 15 "the plugin's exit" sh -c "! kill -0 $(cat "$PIDFILE") 2>/dev/null" || kill -9 "$(cat "$PIDFILE")" 2>/dev/null || true
  grep " $STATE/volumes" /proc/mounts | cut -d' ' -f2 | xargs -r -n1 fusermount3 -uz 2>/dev/null || true
  rm -f "$SOCKET" "$PIDFILE"
  say "stopped; restarting the engines, which would otherwise stall on it"
  local pids=() k
  for k in $(ls /run/berth-cluster/ 2>/dev/null | sed -n 's/^n\([0-9]*\)\.sock$/\1/p'); do
    bash scripts/cluster.sh node restart "$k" >/dev/null & pids+=($!)
  done
  for k in "${pids[@]}"; do wait "$k" || die "a node's engine did not come back; see /var/log/berth-cluster/"; done
  bash scripts/docker-engine.sh restart >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && answers ;;
  *) echo "usage: scripts/rclone-plugin.sh start|stop|status" >&2; exit 2 ;;
esac
