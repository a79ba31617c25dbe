#!/usr/bin/env bash
# A local Docker Swarm for Berth's multi-node tests: the host engine is the manager, and every extra node
# is a dockerd of its own in a network namespace of its own (Docker-in-Docker does not work here).
#
#   scripts/cluster.sh up N     make sure N extra nodes (n1..nN) run and have joined; idempotent
#   scripts/cluster.sh status   print every node of the swarm; exit 3 when no Berth node is up
#   scripts/cluster.sh node stop|start|restart K   node K's engine goes down (its containers die), comes back, or both
#   scripts/cluster.sh node lose K                 node K is lost: its engine is killed, stopping nothing and
#                                                  unmounting nothing first (its containers are killed after it)
#   scripts/cluster.sh down     remove every node, network and rule this script made; idempotent
#   scripts/cluster.sh down --keep-images   the same, but keep each node's images (nothing else: containers,
#                                volumes and networks are removed) under /var/lib/berth-cluster/image-cache,
#                                so that the next "up" skips loading them
#
# Node nK: netns berth-nK, address 10.77.0.(10+K), hostname berth-nK, engine unix:///run/berth-cluster/nK.sock,
# labels zone=a|b|..., dev.berth.engine=<that socket>, dev.berth.node=nK. The manager (the host engine, at
# 10.77.0.1, carried by lo as lo:berth) gets dev.berth.engine and dev.berth.node=manager, no zone.
# Images: every image of BERTH_CLUSTER_IMAGES (default busybox:1.35 redis:7.0 postgres:15 mariadb:10.11)
# that the host engine has is loaded into every node (no registry: Swarm services need --no-resolve-image).
# A swarm this script creates has no ingress network (no IPVS here; see drop_ingress) and leaves it at "down";
# a swarm that already exists is reused only if it advertises 10.77.0.1, and is never left.
# Logs: /var/log/berth-cluster/nK.log. Only loopback and 10.77.0.0/24 are used: nodes have no default route.
# Environment: BERTH_CLUSTER_IMAGES, BERTH_CLUSTER_WAIT (seconds, default 60), BERTH_CLUSTER_INGRESS=keep,
# DOCKER_HOST (the manager's engine, default unix:///var/run/docker.sock).
set -Eeuo pipefail

SUBNET=10.77.0.0/24
MANAGER_IP=10.77.0.1
ADDR_LABEL=lo:berth
RUN_DIR=/run/berth-cluster
LIB_DIR=/var/lib/berth-cluster
LOG_DIR=/var/log/berth-cluster
STATE=$LIB_DIR/cluster.state
CACHE_DIR=$LIB_DIR/image-cache
LOCK=/run/lock/berth-cluster.lock
MAX_NODES=26
ADDR_POOL=10.78.0.0/16
MANAGER_ENGINE=${DOCKER_HOST:-unix:///var/run/docker.sock}
IMAGES=${BERTH_CLUSTER_IMAGES:-busybox:1.35 redis:7.0 postgres:15 mariadb:10.11}
WAIT_SECONDS=${BERTH_CLUSTER_WAIT:-60}
LABEL_ENGINE=dev.berth.engine
LABEL_NODE=dev.berth.node

say() { echo "cluster: $*"; }
warn() { echo "cluster: warning: $*" >&2; }
die() { echo "cluster: $*" >&2; exit 1; }
source "$(dirname "$0")/engines.sh"
trap 'echo "cluster: failed (line $LINENO: $BASH_COMMAND)" >&2' ERR

# ---- names of node K ------------------------------------------------------------------------------
ns_of() { echo "berth-n$1"; }
ip_of() { echo "10.77.0.$((10 + $1))"; }
zone_of() { printf "\\x$(printf %x $((96 + $1)))"; }
host_veth_of() { echo "berthv-n$1"; }
sock_of() { echo "$RUN_DIR/n$1.sock"; }
engine_of() { echo "unix://$(sock_of "$1")"; }
exec_root_of() { echo "$RUN_DIR/n$1"; }
pidfile_of() { echo "$RUN_DIR/n$1.pid"; }
home_of() { echo "$LIB_DIR/n$1"; }
log_of() { echo "$LOG_DIR/n$1.log"; }

mgr() { docker -H "$MANAGER_ENGINE" "$@"; }
on_node() { local k=$1; shift; docker -H "$(engine_of "$k")" "$@"; }

state_get() { [ -f "$STATE" ] && sed -n "s/^$1=//p" "$STATE" | tail -n 1 || true; }
state_set() {
  mkdir -p "$LIB_DIR"; touch "$STATE"
  sed -i "/^$1=/d" "$STATE"; echo "$1=$2" >>"$STATE"
}


# Node numbers that have anything left on this machine: a netns, a home, an exec-root, a socket.
known_nodes() {
  {
    ip netns list 2>/dev/null | sed -n 's/^berth-n\([0-9][0-9]*\)\b.*/\1/p'
    for d in "$RUN_DIR"/n* "$LIB_DIR"/n*; do
      [ -e "$d" ] || continue
      basename "$d" | sed -n 's/^n\([0-9][0-9]*\)\(\.sock\|\.pid\)\{0,1\}$/\1/p'
    done
  } | sort -n -u
}

# ---- host side ------------------------------------------------------------------------------------
check_host() {
  [ "$(id -u)" = 0 ] || die "needs root (network namespaces, veths, iptables, dockerd)."
  local c; for c in ip nsenter unshare iptables dockerd docker runc flock findmnt; do
    command -v "$c" >/dev/null 2>&1 || die "'$c' is missing."
  done
  mgr version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || die "the host engine does not answer at $MANAGER_ENGINE: run scripts/docker-engine.sh first."
}

# The manager's address must exist on the host before "swarm init". This kernel has no dummy interfaces,
# so loopback carries it, under the label lo:berth.
manager_ip_present() { ip -4 -o addr show dev lo | grep -qF " $MANAGER_IP/32 "; }
ensure_manager_ip() {
  manager_ip_present || ip addr add "$MANAGER_IP/32" dev lo label "$ADDR_LABEL"
}

ensure_forwarding() {
  [ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ] || die "IPv4 forwarding is off on the host (the Docker engine normally turns it on): sysctl -w net.ipv4.ip_forward=1"
  if ! iptables -S DOCKER-USER >/dev/null 2>&1; then
    warn "no DOCKER-USER chain (host engine without iptables?): nodes reach each other only if FORWARD accepts it."
    return 0
  fi
  iptables -C DOCKER-USER -s "$SUBNET" -d "$SUBNET" -j ACCEPT 2>/dev/null \
    || iptables -I DOCKER-USER -s "$SUBNET" -d "$SUBNET" -j ACCEPT
}

# ---- the swarm ------------------------------------------------------------------------------------
swarm_state() { mgr info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.NodeAddr}}' 2>/dev/null || true; }

ensure_swarm() {
  local st ctl addr
  read -r st ctl addr <<<"$(swarm_state)"
  case "$st" in
    inactive)
      local had_gwbridge=no
      mgr network inspect docker_gwbridge >/dev/null 2>&1 && had_gwbridge=yes
      say "creating a swarm on the host engine (manager at $MANAGER_IP)"
      mgr swarm init --advertise-addr "$MANAGER_IP" --listen-addr "$MANAGER_IP:2377" \
        --data-path-addr "$MANAGER_IP" --default-addr-pool "$ADDR_POOL" >/dev/null
      state_set created_swarm yes
      state_set had_gwbridge "$had_gwbridge"
      drop_ingress ;;
    active)
      [ "$ctl" = true ] || die "the host engine is a worker of another swarm: it must be a manager (or leave that swarm)."
      [ "$addr" = "$MANAGER_IP" ] || die "the host engine manages a swarm that advertises $addr, not $MANAGER_IP: nodes may only use $SUBNET. Leave that swarm (docker swarm leave --force) or run the nodes elsewhere."
      [ -n "$(state_get created_swarm)" ] || state_set created_swarm no ;;
    *) die "the host engine's swarm is '$st': fix it (docker info) before running this." ;;
  esac
  ensure_manager_labels
}

# This kernel has no IPVS, so the routing mesh (ingress-mode published ports, VIPs) cannot work; and while an
# ingress network exists, every node's dockerd waits 5 s for it when it stops. In a swarm of its own making,
# this script removes it: an ingress-mode port then fails at once ("service needs ingress network") instead
# of never answering. Publish with mode=host and use --endpoint-mode dnsrr. BERTH_CLUSTER_INGRESS=keep keeps it.
drop_ingress() {
  [ "${BERTH_CLUSTER_INGRESS:-drop}" = keep ] && return 0
  mgr network rm ingress <<<y >/dev/null 2>&1 || warn "could not remove the ingress network (docker network rm ingress)"
}

ensure_manager_labels() {
  local id; id=$(mgr info --format '{{.Swarm.NodeID}}')
  ensure_labels "$id" "$LABEL_ENGINE=$MANAGER_ENGINE" "$LABEL_NODE=manager"
}

# ensure_labels NODE_ID KEY=VALUE...: adds the labels that are missing or different, in one update.
ensure_labels() {
  local id=$1; shift
  local have; have=$(mgr node inspect "$id" --format '{{range $k, $v := .Spec.Labels}}{{$k}}={{$v}}{{"\n"}}{{end}}')
  local args=() kv
  for kv in "$@"; do grep -qxF "$kv" <<<"$have" || args+=(--label-add "$kv"); done
  [ "${#args[@]}" -eq 0 ] || mgr node update "${args[@]}" "$id" >/dev/null
}

# The manager's node ids that carry the engine label of node K.
manager_ids_of() {
  local ids; ids=$(mgr node ls -q 2>/dev/null) || return 0
  # shellcheck disable=SC2086
  mgr node inspect $ids --format "{{.ID}} {{index .Spec.Labels \"$LABEL_ENGINE\"}}" 2>/dev/null \
    | awk -v want="$(engine_of "$1")" '$2 == want { print $1 }' || true
}

# ---- a node ---------------------------------------------------------------------------------------
ensure_netns() {
  local k=$1 ns hv ip
  ns=$(ns_of "$k"); hv=$(host_veth_of "$k"); ip=$(ip_of "$k")
  veth_into_netns "$ns" "$hv" "berthp-n$k"
  echo 1 >"/proc/sys/net/ipv4/conf/$hv/proxy_arp"
  [ ! -e "/proc/sys/net/ipv6/conf/$hv" ] || echo 1 >"/proc/sys/net/ipv6/conf/$hv/disable_ipv6"
  ip link set "$hv" up
  ip route replace "$ip/32" dev "$hv" src "$MANAGER_IP"
  ip -n "$ns" link set lo up
  nsenter --net="/var/run/netns/$ns" sh -c '[ ! -e /proc/sys/net/ipv6/conf/eth0 ] || echo 1 >/proc/sys/net/ipv6/conf/eth0/disable_ipv6'
  ip -n "$ns" addr replace "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
  # No default route on purpose: a node can reach 10.77.0.0/24 and nothing else.
}

# PID 1 of this machine does not reap orphans: a dead dockerd stays a zombie, which kill -0 still finds.
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st#Z}" = "$st" ]; }
dockerd_pid() { local p; p=$(pidfile_of "$1"); if [ -f "$p" ] && alive "$(cat "$p")"; then cat "$p"; fi; }
engine_answers() { on_node "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_dockerd() {
  local k=$1
  engine_answers "$k" && return 0
  local home exec_root pidfile log
  home=$(home_of "$k"); exec_root=$(exec_root_of "$k"); pidfile=$(pidfile_of "$k"); log=$(log_of "$k")
  if [ -f "$pidfile" ] && ! alive "$(cat "$pidfile")"; then rm -f "$pidfile"; fi
  [ -z "$(dockerd_pid "$k")" ] || die "dockerd of n$k (pid $(cat "$pidfile")) runs but does not answer on $(sock_of "$k"); see $log"
  if [ ! -d "$home" ] && [ -d "$CACHE_DIR/n$k" ]; then
    mv "$CACHE_DIR/n$k" "$home"; say "n$k reuses the images kept by 'down --keep-images'"
  fi
  mkdir -p "$home/docker" "$exec_root" "$LOG_DIR"
  # A config file of its own, so that a /etc/docker/daemon.json meant for the host engine does not apply,
  # and a key of its own, so that each node has its own engine ID (docker info .ID).
  printf '{ "deprecated-key-path": "%s" }\n' "$home/key.json" >"$home/daemon.json"
  say "starting dockerd of n$k in netns $(ns_of "$k"), log $log"
  # nsenter --net, not ip netns exec (that remounts /sys and hides the cgroups); a UTS namespace for the hostname.
  # dockerd starts a containerd of its own under its exec-root (no system containerd at /run/containerd).
  # The engine outlives this script: it must not inherit the caller's descriptors. A held lock file (the caller's
  # `flock FILE cmd` hands its fd down) would otherwise stay locked for as long as the node runs.
  (
    for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"; done
    exec nohup setsid nsenter --net="/var/run/netns/$(ns_of "$k")" unshare --uts \
      sh -c 'hostname "$0" && exec "$@"' "$(ns_of "$k")" \
      dockerd --config-file "$home/daemon.json" --data-root "$home/docker" --exec-root "$exec_root" \
        -H "$(engine_of "$k")" --pidfile "$pidfile" --bip "172.31.$k.1/24" \
        --containerd-namespace "berth-n$k" --containerd-plugins-namespace "berth-n$k-plugins" \
      >>"$log" 2>&1 </dev/null
  ) &
}

wait_dockerd() {
  local k=$1
  await_dockerd "$WAIT_SECONDS" "$(log_of "$k")" "dockerd of n$k" engine_answers "$k"
}

node_swarm() { on_node "$1" info --format '{{.Swarm.LocalNodeState}} {{.Swarm.NodeID}}' 2>/dev/null || true; }
node_settled() { local st; st=$(node_swarm "$1" | cut -d' ' -f1); [ "$st" != pending ]; }

ensure_joined() {
  local k=$1 st id
  wait_until 20 "n$k swarm state" node_settled "$k" || true
  read -r st id <<<"$(node_swarm "$k")"
  if [ "$st" = active ] && mgr node inspect "$id" >/dev/null 2>&1; then echo "$id"; return 0; fi
  [ "$st" = inactive ] || on_node "$k" swarm leave --force >/dev/null 2>&1 || true
  local token t0; token=$(mgr swarm join-token -q worker); t0=$(date +%s%N)
  on_node "$k" swarm join --token "$token" --advertise-addr "$(ip_of "$k")" \
    --listen-addr "$(ip_of "$k"):2377" "$MANAGER_IP:2377" >/dev/null
  id=$(on_node "$k" info --format '{{.Swarm.NodeID}}')
  say "n$k joined as $id ($((($(date +%s%N) - t0) / 1000000)) ms)" >&2
  echo "$id"
}

label_node() {
  local k=$1 id=$2 stale
  # A node of the same name from an earlier run (its data removed) stays in the list as Down: drop it.
  for stale in $(manager_ids_of "$k"); do
    [ "$stale" = "$id" ] || mgr node rm --force "$stale" >/dev/null 2>&1 || true
  done
  ensure_labels "$id" "zone=$(zone_of "$k")" "$LABEL_ENGINE=$(engine_of "$k")" "$LABEL_NODE=n$k"
}

node_ready() { [ "$(mgr node inspect "$1" --format '{{.Status.State}}' 2>/dev/null)" = ready ]; }

# "name:tag id" for every tagged image of an engine, in one call.
image_ids() { docker -H "$1" images --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' 2>/dev/null | grep -v '<none>' || true; }

# load_images K HOST_IMAGE_IDS: loads what node K lacks or has under another id, in one save | load stream
# (faster here than one stream per image).
load_images() {
  local k=$1 host_ids=$2 have image want t0 needed=()
  have=$(image_ids "$(engine_of "$k")")
  for image in ${IMAGES//,/ }; do
    want=$(awk -v i="$image" '$1 == i { print $2 }' <<<"$host_ids")
    [ -n "$want" ] || continue
    grep -qxF "$image $want" <<<"$have" || needed+=("$image")
  done
  [ "${#needed[@]}" -gt 0 ] || return 0
  t0=$SECONDS
  mgr save "${needed[@]}" | on_node "$k" load -q >/dev/null
  say "loaded ${needed[*]} into n$k ($((SECONDS - t0)) s)"
}

# Nodes load in parallel: a load is mostly waiting, and the host engine serves several saves at once.
load_images_all() {
  local n=$1 host_ids k failed=0 pids=()
  host_ids=$(image_ids "$MANAGER_ENGINE")
  for k in $(seq 1 "$n"); do load_images "$k" "$host_ids" & pids[k]=$!; done
  for k in $(seq 1 "$n"); do wait "${pids[k]}" || { warn "loading images into n$k failed"; failed=1; }; done
  [ "$failed" = 0 ] || die "images could not be loaded (see above)."
  local image missing=""
  for image in ${IMAGES//,/ }; do grep -q "^$image " <<<"$host_ids" || missing="$missing $image"; done
  [ -z "$missing" ] || warn "not on the host engine, so not loaded:$missing"
}

# ---- tearing a node down --------------------------------------------------------------------------
unmount_under() { # unmounts every mount point at or under $1, deepest first
  local dir=$1 m
  { findmnt -rn -o TARGET | grep -E "^$dir(/|\$)" || true; } | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || warn "could not unmount $m"
  done
}

stop_pid() { # stop_pid PID SECONDS: TERM, then KILL after SECONDS
  local pid=$1 seconds=$2
  alive "$pid" || return 0
  kill "$pid" 2>/dev/null || true
  local tries=$((seconds * 5))
  while alive "$pid" && [ "$tries" -gt 0 ]; do sleep 0.2; tries=$((tries - 1)); done
  if alive "$pid"; then warn "pid $pid did not stop within ${seconds}s: killing it"; kill -9 "$pid" 2>/dev/null || true; fi
}

stop_dockerd() { # stop_dockerd K [lose]: with lose, the engine is killed at once, as when its machine is lost
  local k=$1 how=${2:-stop} pid exec_root p
  exec_root=$(exec_root_of "$k")
  pid=$(dockerd_pid "$k")
  if [ -n "$pid" ] && [ "$how" = lose ]; then
    kill -9 "$pid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.1; done
  elif [ -n "$pid" ]; then
    stop_pid "$pid" 40
  fi
  # What a killed dockerd leaves: its containers (runc state under its exec-root), then its containerd and
  # the shims, whose command lines name this node's own containerd socket.
  local root id
  for root in "$exec_root"/runtime-runc/*; do
    [ -d "$root" ] || continue
    for id in $(runc --root "$root" list -q 2>/dev/null || true); do
      [ "$how" != lose ] || plugin_mounts "$k" "$id" >>"$(lost_file "$k")"
      warn "n$k: removing container $id that its dead engine left running"
      runc --root "$root" delete --force "$id" >/dev/null 2>&1 || true
    done
  done
  for p in $(pgrep -f -- "$exec_root/containerd/containerd" || true); do stop_pid "$p" 10; done
  rm -f "$(pidfile_of "$k")"
}

lost_file() { echo "$LIB_DIR/lost-mounts-n$1"; }

# plugin_mounts K CONTAINER: "driver volume mount-id" for each volume of a plugin that the container mounts
plugin_mounts() {
  grep -o '"Name":"[^"]*","Driver":"[^"]*","Type":"volume","ID":"[^"]*"' \
    "$(home_of "$1")/docker/containers/$2/config.v2.json" 2>/dev/null \
    | sed 's/^"Name":"\([^"]*\)","Driver":"\([^"]*\)","Type":"volume","ID":"\([^"]*\)"$/\2 \1 \3/' \
    | grep -v '^local ' || true
}

# A lost node's containers keep their mounts of a volume plugin that runs outside the node (here one plugin serves
# every node, as a filer would): the node's engine does not release them when it comes back, and the volume stays
# "in use" for good. A machine's own plugin would have forgotten them with it: release them as its engine would have.
release_lost_mounts() {
  local k=$1 file driver volume id
  file=$(lost_file "$k")
  [ -f "$file" ] || return 0
  while read -r driver volume id; do
    [ -S "/run/docker/plugins/$driver.sock" ] || continue
    curl -s --max-time 5 --unix-socket "/run/docker/plugins/$driver.sock" -X POST \
      -d "{\"Name\":\"$volume\",\"ID\":\"$id\"}" http://plugin/VolumeDriver.Unmount >/dev/null 2>&1 || true
    say "n$k: released the lost container's mount of $driver volume $volume"
  done <"$file"
  rm -f "$file"
}

# Empties a node's engine but for its images: what tests made there must not reach the next cluster.
empty_engine() {
  local k=$1 ids
  ids=$(on_node "$k" ps -aq 2>/dev/null || true)
  # shellcheck disable=SC2086
  [ -z "$ids" ] || on_node "$k" rm -f -v $ids >/dev/null 2>&1 || true
  ids=$(on_node "$k" volume ls -q 2>/dev/null || true)
  # shellcheck disable=SC2086
  [ -z "$ids" ] || on_node "$k" volume rm -f $ids >/dev/null 2>&1 || true
  on_node "$k" network prune -f >/dev/null 2>&1 || true
  on_node "$k" image prune -f >/dev/null 2>&1 || true
}

node_down() { # node_down K KEEP_IMAGES(yes|no)
  local k=$1 keep=$2 id t0=$SECONDS
  # No "swarm leave" on the node: leaving (or being removed first) makes its dockerd wait 5 s for the ingress
  # network to go. Stop it while still a member, then the manager forgets it; its swarm state goes with its
  # data (or is deleted below when the images are kept).
  if [ "$keep" = yes ] && engine_answers "$k"; then empty_engine "$k"; fi
  stop_dockerd "$k"
  for id in $(manager_ids_of "$k"); do mgr node rm --force "$id" >/dev/null 2>&1 || true; done
  unmount_under "$(exec_root_of "$k")"
  unmount_under "$(home_of "$k")"
  if ip netns list | grep -q "^$(ns_of "$k")\b"; then ip netns del "$(ns_of "$k")"; fi
  ip link del "$(host_veth_of "$k")" 2>/dev/null || true
  rm -rf --one-file-system "$(exec_root_of "$k")" "$(sock_of "$k")"
  if [ "$keep" = yes ] && [ -d "$(home_of "$k")" ]; then
    rm -rf --one-file-system "$(home_of "$k")/docker/swarm"
    mkdir -p "$CACHE_DIR"; rm -rf --one-file-system "${CACHE_DIR:?}/n$k"
    mv "$(home_of "$k")" "$CACHE_DIR/n$k"
  else
    rm -rf --one-file-system "$(home_of "$k")"
  fi
  say "removed n$k ($((SECONDS - t0)) s)"
}

# ---- commands -------------------------------------------------------------------------------------
cmd_up() {
  local n=${1:-}
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le "$MAX_NODES" ] || die "usage: cluster.sh up N (1..$MAX_NODES)"
  check_host
  local t0=$SECONDS k
  mkdir -p "$RUN_DIR" "$LIB_DIR" "$LOG_DIR"
  ensure_manager_ip
  ensure_forwarding
  ensure_swarm
  for k in $(seq 1 "$n"); do ensure_netns "$k"; ensure_dockerd "$k"; done
  for k in $(seq 1 "$n"); do wait_dockerd "$k"; done
  local ids=()
  for k in $(seq 1 "$n"); do
    ids[k]=$(ensure_joined "$k")
    label_node "$k" "${ids[k]}"
  done
  load_images_all "$n"
  for k in $(seq 1 "$n"); do
    wait_until "$WAIT_SECONDS" "n$k ready" node_ready "${ids[k]}" || die "n$k (${ids[k]}) is not Ready after ${WAIT_SECONDS}s: see $(log_of "$k")"
  done
  local extra; extra=$(known_nodes | awk -v n="$n" '$1 > n' | sed 's/^/n/' | tr '\n' ' ')
  [ -z "$extra" ] || warn "nodes beyond $n are up too and were left alone: $extra(down removes them)"
  say "up: $n node(s) ready in $((SECONDS - t0)) s"
  cmd_status
}

cmd_status() {
  local ids; ids=$(mgr node ls -q 2>/dev/null || true)
  if [ -z "$ids" ]; then
    say "the host engine is not a swarm manager: no cluster"
    [ -z "$(known_nodes)" ] || warn "but node remains exist (netns/dirs): run 'cluster.sh down'"
    exit 3
  fi
  # shellcheck disable=SC2086
  mgr node inspect $ids --format \
    '{{.ID}}|{{.Description.Hostname}}|{{.Spec.Role}}|{{.Status.State}}/{{.Spec.Availability}}|{{.Status.Addr}}|{{index .Spec.Labels "'"$LABEL_ENGINE"'"}}|{{range $k, $v := .Spec.Labels}}{{if ne $k "'"$LABEL_ENGINE"'"}}{{$k}}={{$v}} {{end}}{{end}}' \
    | sort -t'|' -k3,3 -k6,6 \
    | awk -F'|' 'BEGIN { printf "%-26s %-9s %-8s %-15s %-11s %-35s %s\n", "NODE ID", "HOSTNAME", "ROLE", "STATUS", "ADDRESS", "ENGINE", "LABELS" }
                 { printf "%-26s %-9s %-8s %-15s %-11s %-35s %s\n", $1, $2, $3, $4, $5, ($6 == "" ? "-" : $6), $7 }'
  local k pid mem
  for k in $(known_nodes); do
    pid=$(dockerd_pid "$k")
    if [ -z "$pid" ]; then warn "n$k: dockerd is not running (netns $(ns_of "$k"), log $(log_of "$k"))"; continue; fi
    mem=$(ps -o rss= -p "$pid" $({ pgrep -P "$pid" || true; } | sed 's/^/-p /') 2>/dev/null | awk '{ s += $1 } END { printf "%d", s / 1024 }')
    echo "n$k: netns $(ns_of "$k"), $(ip_of "$k"), engine $(engine_of "$k"), dockerd pid $pid, dockerd+containerd ${mem} MiB, log $(log_of "$k")"
  done
  [ -n "$(known_nodes)" ] || { say "no Berth node is up"; exit 3; }
}

cmd_down() {
  local keep=no
  case "${1:-}" in --keep-images) keep=yes ;; "") ;; *) die "usage: cluster.sh down [--keep-images]" ;; esac
  [ "$(id -u)" = 0 ] || die "needs root."
  local t0=$SECONDS k
  # In parallel: most of the time goes into deleting each node's image store (the disk discards as it deletes).
  local pids=() failed=0
  for k in $(known_nodes); do node_down "$k" "$keep" & pids+=($!); done
  for k in "${pids[@]}"; do wait "$k" || failed=1; done
  [ "$failed" = 0 ] || warn "a node did not come down cleanly (see above); the rest goes on"
  if [ "$keep" = no ] && [ -d "$CACHE_DIR" ]; then unmount_under "$CACHE_DIR"; rm -rf --one-file-system "$CACHE_DIR"; fi
  # Labels this script put on a manager it did not create.
  if [ "$(state_get created_swarm)" != yes ] && mgr node ls -q >/dev/null 2>&1; then
    local id; id=$(mgr info --format '{{.Swarm.NodeID}}')
    mgr node update --label-rm "$LABEL_ENGINE" --label-rm "$LABEL_NODE" "$id" >/dev/null 2>&1 || true
  fi
  if [ "$(state_get created_swarm)" = yes ]; then
    say "the host engine leaves the swarm this script created"
    mgr swarm leave --force >/dev/null 2>&1 || true
    [ "$(state_get had_gwbridge)" = yes ] || mgr network rm docker_gwbridge >/dev/null 2>&1 || true
  fi
  while iptables -C DOCKER-USER -s "$SUBNET" -d "$SUBNET" -j ACCEPT 2>/dev/null; do
    iptables -D DOCKER-USER -s "$SUBNET" -d "$SUBNET" -j ACCEPT
  done
  if manager_ip_present; then
    if [ "$(swarm_state | cut -d' ' -f3)" = "$MANAGER_IP" ]; then
      warn "the host engine still manages a swarm on $MANAGER_IP (not made by this script): that address is kept on lo"
    else
      ip addr del "$MANAGER_IP/32" dev lo
    fi
  fi
  rm -f "$STATE"
  rmdir "$RUN_DIR" "$LIB_DIR" 2>/dev/null || true
  [ "$keep" = no ] || say "kept the nodes' images in $CACHE_DIR for the next 'up' ('down' without --keep-images removes them)"
  say "down in $((SECONDS - t0)) s (logs kept in $LOG_DIR)"
}

# node stop|lose|start|restart K|nK|NODE-ID: one node's engine goes down (its containers die with it; lose kills it
# first, so that it neither stops its containers nor unmounts their volumes, as when the machine is lost), comes back,
# or both (restart does not wait for the Swarm to see it down), for node-loss tests; waits until the Swarm sees the change.
node_state() { mgr node inspect "$1" --format '{{.Status.State}}' 2>/dev/null || true; }
node_is_down() { [ "$(node_state "$1")" = down ]; }
cmd_node() {
  local action=${1:-} target=${2:-} k id
  # A Swarm node id may begin with digits too (30u8yph...): only digits alone, or n and digits, are a number.
  if [[ "$target" =~ ^[0-9]+$ ]]; then
    k=$target
  elif [[ "$target" =~ ^n[0-9]+$ ]]; then
    k=${target#n}
  else
    k=$(mgr node inspect "$target" --format "{{index .Spec.Labels \"$LABEL_NODE\"}}" 2>/dev/null | sed 's/^n//')
  fi
  [[ "$k" =~ ^[0-9]+$ ]] || die "usage: cluster.sh node stop|start K (a node number, nK, or a Berth node's id)"
  id=$(on_node "$k" info --format '{{.Swarm.NodeID}}' 2>/dev/null || mgr node ls --filter "label=$LABEL_NODE=n$k" -q 2>/dev/null | head -n 1)
  [ -n "$id" ] || id=$(mgr node ls -q --filter "name=berth-n$k" | head -n 1)
  case "$action" in
    stop|lose)
      stop_dockerd "$k" "$action"
      wait_until "$WAIT_SECONDS" "n$k seen down by the swarm" node_is_down "$id" || die "the swarm still sees n$k up"
      say "n$k ($id) is down" ;;
    start)
      ensure_netns "$k"; ensure_dockerd "$k"; wait_dockerd "$k"
      wait_until "$WAIT_SECONDS" "n$k ready" node_ready "$id" || die "n$k ($id) is not Ready after ${WAIT_SECONDS}s"
      release_lost_mounts "$k"
      say "n$k ($id) is up" ;;
    restart)
      stop_dockerd "$k"
      ensure_netns "$k"; ensure_dockerd "$k"; wait_dockerd "$k"
      wait_until "$WAIT_SECONDS" "n$k ready" node_ready "$id" || die "n$k ($id) is not Ready after ${WAIT_SECONDS}s"
      say "n$k ($id) restarted" ;;
    *) die "usage: cluster.sh node stop|lose|start|restart K" ;;
  esac
}

main() {
  local cmd=${1:-}
  [ "$#" -eq 0 ] || shift
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock 9
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status ;;
    node) cmd_node "$@" ;;
    *) die "usage: cluster.sh up N | down [--keep-images] | status | node stop|lose|start|restart K" ;;
  esac
}

main "$@"
