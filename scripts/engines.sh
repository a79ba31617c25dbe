# Shared by the scripts that run engines (docker-engine.sh, engine-version.sh, cluster.sh): sourced, it only defines
# functions. Each script defines die() itself, so that errors carry its name.

# wait_until SECONDS DESCRIPTION COMMAND...: true once COMMAND succeeds, false once SECONDS have passed.
wait_until() {
  local seconds=$1; shift 2
  local tries=$((seconds * 5))
  until "$@" >/dev/null 2>&1; do
    tries=$((tries - 1)); [ "$tries" -gt 0 ] || return 1
    sleep 0.2
  done
}

# await_dockerd SECONDS LOG WHAT COMMAND...: waits until COMMAND says the engine answers, or dies showing its log.
await_dockerd() {
  local seconds=$1 log=$2 what=$3; shift 3
  wait_until "$seconds" "$what" "$@" && return 0
  tail -n 20 "$log" >&2 || true
  die "$what did not answer within ${seconds}s; its log is $log (last lines above)."
}

# veth_into_netns NS HOST_VETH PEER: network namespace NS, whose eth0 is the peer of HOST_VETH on the host. An engine
# in it never touches the host's own bridge.
veth_into_netns() {
  local ns=$1 host_veth=$2 peer=$3
  ip netns list | grep -q "^$ns\b" || ip netns add "$ns"
  if ! ip link show "$host_veth" >/dev/null 2>&1; then
    ip -n "$ns" link del eth0 2>/dev/null || true
    ip link add "$host_veth" type veth peer name "$peer"
    ip link set "$peer" netns "$ns"
    ip -n "$ns" link set "$peer" name eth0
  fi
}
