#!/usr/bin/env bash
# Makes sure the images Berth's tests and demo use exist on the Docker engine, idempotently:
#   busybox:1.35  redis:7.0  postgres:15  mariadb:10.11
#
#   scripts/offline-images.sh [IMAGE...]    IMAGE: one of the names above, with or without its tag
#
# An image that is present is left alone. A missing one is pulled when a registry answers;
# otherwise a stand-in is built from Debian's packages (recipe in images/<name>/, see
# images/README.md) and verified: it starts, answers its own client, and its data survives
# `docker kill` plus a fresh container on the same volume.
# A stand-in carries the label dev.berth.stand-in-recipe=<sha256 of its recipe folder>, and is
# rebuilt when its recipe changes. An image without that label (an official one) is never touched.
#
# Environment:
#   BERTH_IMAGES_CACHE         debootstrap rootfs, build logs, scratch space (/var/cache/berth-images)
#   BERTH_IMAGES_PULL_TIMEOUT  seconds a pull may take before the image counts as not pullable (20)
#   BERTH_IMAGES_REBUILD=1     rebuild the stand-ins even when their recipe is unchanged
#   BERTH_IMAGES_MIRROR        Debian mirror (http://deb.debian.org)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RECIPES=$REPO/images
IMAGES=(busybox:1.35 redis:7.0 postgres:15 mariadb:10.11)
LABEL=dev.berth.stand-in-recipe
CACHE=${BERTH_IMAGES_CACHE:-/var/cache/berth-images}
ROOTFS=$CACHE/rootfs-bookworm-minbase
PULL_TIMEOUT=${BERTH_IMAGES_PULL_TIMEOUT:-20}
MIRROR=${BERTH_IMAGES_MIRROR:-http://deb.debian.org}
READY_TIMEOUT=180
CHECK_PREFIX=berth-imgcheck-$$

export DEBIAN_FRONTEND=noninteractive LC_ALL=C

CHECK_CONTAINERS=()
CHECK_VOLUMES=()
WORK_DIRS=()
TEMP_TAGS=()
LOCKED=

say() { echo "offline-images: $*"; }
die() { echo "offline-images: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Clean-up of everything this run created, also on failure or interrupt.

# Debootstrap mounts /proc and /sys in its target while it works; an interrupted run can leave
# them there, and they must go before the tree is deleted.
unmount_under() {
  local dir=$1 mp
  [ -d "$dir" ] || return 0
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mp; do
    umount -l "$mp" || true
  done
}

remove_tree() {
  unmount_under "$1"
  rm -rf --one-file-system "$1"
}

cleanup() {
  local c v d t
  for c in ${CHECK_CONTAINERS[@]+"${CHECK_CONTAINERS[@]}"}; do docker rm -f -v "$c" >/dev/null 2>&1 || true; done
  for v in ${CHECK_VOLUMES[@]+"${CHECK_VOLUMES[@]}"}; do docker volume rm "$v" >/dev/null 2>&1 || true; done
  for d in ${WORK_DIRS[@]+"${WORK_DIRS[@]}"}; do remove_tree "$d"; done
  # A stand-in that failed its build or its verification goes, so that the next run builds again.
  for t in ${TEMP_TAGS[@]+"${TEMP_TAGS[@]}"}; do docker rmi "$t" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Which images, and in which state.

recipe_dir() { echo "$RECIPES/${1%%:*}"; }

recipe_hash() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

present() { docker image inspect "$1" >/dev/null 2>&1; }

recipe_label() { docker image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null; }

pullable() { timeout "$PULL_TIMEOUT" docker pull -q "$1" >/dev/null 2>&1; }

size_mb() { docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.0f MB", $1 / 1000000 }'; }

resolve_image() {
  local arg=$1 image
  for image in "${IMAGES[@]}"; do
    if [ "$arg" = "$image" ] || [ "$arg" = "${image%%:*}" ]; then echo "$image"; return 0; fi
  done
  die "unknown image '$arg': choose among ${IMAGES[*]}"
}

# Builds serialise on a lock, so two runs at once do not debootstrap or build the same thing twice.
lock_builds() {
  [ -n "$LOCKED" ] && return 0
  [ "$(id -u)" = 0 ] || die "building stand-ins needs root (debootstrap, chroot): run this as root."
  mkdir -p "$CACHE/logs" "$CACHE/work"
  exec 9>"$CACHE/lock"
  flock 9
  LOCKED=1
}

# ---------------------------------------------------------------------------------------------
# Building a stand-in.

install_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return 0
  local log=$CACHE/logs/debootstrap-install.log
  say "installing debootstrap"
  { apt-get update -q && apt-get install -y -q debootstrap; } >"$log" 2>&1 \
    || die "could not install debootstrap; the log is $log."
}

configure_apt() {
  cat >"$1/etc/apt/sources.list" <<EOF
deb $MIRROR/debian bookworm main
deb $MIRROR/debian bookworm-updates main
deb $MIRROR/debian-security bookworm-security main
EOF
  echo 'Acquire::Languages "none";' >"$1/etc/apt/apt.conf.d/99no-translations"
}

# Debian's own container images also do this: no service may start inside a build.
forbid_service_starts() {
  printf '#!/bin/sh\nexit 101\n' >"$1/usr/sbin/policy-rc.d"
  chmod 755 "$1/usr/sbin/policy-rc.d"
}

# rm first: a symlink there would make cp write outside the tree.
use_host_dns() { rm -f "$1/etc/resolv.conf" && cp -L /etc/resolv.conf "$1/etc/resolv.conf"; }

# The base rootfs keeps its package lists, so that each image's install does not download them
# again; they are refreshed when a day old, or when an install failed (a package gone).
refresh_apt_lists() {
  if [ "${1:-}" != now ] \
    && [ -n "$(find "$ROOTFS/var/lib/apt/lists" -maxdepth 1 -name '*Packages*' -mmin -1440)" ]; then
    return 0
  fi
  chroot "$ROOTFS" apt-get update -q >"$CACHE/logs/rootfs-update.log" 2>&1 \
    || die "apt-get update in $ROOTFS failed; its log is $CACHE/logs/rootfs-update.log."
}

ensure_rootfs() {
  if [ -d "$ROOTFS" ]; then refresh_apt_lists; return 0; fi
  install_debootstrap
  local tmp=$ROOTFS.tmp log=$CACHE/logs/rootfs.log started=$SECONDS
  say "debootstrap of a Debian bookworm minbase rootfs (once, kept in $ROOTFS)"
  remove_tree "$tmp"
  WORK_DIRS+=("$tmp")
  if ! { debootstrap --variant=minbase bookworm "$tmp" "$MIRROR/debian" \
         && configure_apt "$tmp" && forbid_service_starts "$tmp" \
         && use_host_dns "$tmp" \
         && chroot "$tmp" apt-get update -q \
         && chroot "$tmp" apt-get upgrade -y -q \
         && chroot "$tmp" apt-get clean; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "debootstrap of the base rootfs failed; its log is $log (last lines above)."
  fi
  mv "$tmp" "$ROOTFS"
  say "rootfs ready in $((SECONDS - started))s"
}

run_hook() {
  local hook=$1 root=$2
  [ -f "$hook" ] || return 0
  bash -euo pipefail "$hook" "$root"
}

# Empties DIR of the files that an image does not need. Never follows a symlink out of the tree.
wipe() {
  local dir=$1; shift
  [ -d "$dir" ] && [ ! -L "$dir" ] || return 0
  find "$dir" -mindepth 1 -xdev "$@" -delete
}

slim_rootfs() {
  local root=$1
  wipe "$root/var/lib/apt/lists"
  wipe "$root/var/cache/apt" -type f
  wipe "$root/var/cache/debconf" -name '*-old'
  wipe "$root/var/log" -type f
  wipe "$root/usr/share/doc" ! -type d ! -name copyright
  wipe "$root/usr/share/doc" -type d -empty
  wipe "$root/usr/share/man"
  wipe "$root/usr/share/info"
  wipe "$root/usr/share/lintian"
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} + 2>/dev/null || true
  wipe "$root/tmp"
  wipe "$root/var/tmp"
  rm -f "$root/etc/resolv.conf" && : >"$root/etc/resolv.conf"
}

# Installs the recipe's packages into a copy of the base rootfs and imports it as an image.
# Explicit && chains: it runs under `if`, where set -e does not act.
make_base_image() {
  local dir=$1 base=$2 log=$3 root packages
  root=$CACHE/work/$(basename "$dir")
  packages=$(grep -v '^[[:space:]]*#' "$dir/packages" | xargs)
  WORK_DIRS+=("$root")
  remove_tree "$root" && cp -a "$ROOTFS" "$root" && use_host_dns "$root" || return 1
  # shellcheck disable=SC2086 # one word per package
  { run_hook "$dir/pre-install.sh" "$root" \
    && chroot "$root" apt-get install -y -q --no-install-recommends $packages \
    && run_hook "$dir/post-install.sh" "$root" \
    && slim_rootfs "$root" \
    && tar --numeric-owner -C "$root" -c . | docker import - "$base"; } >>"$log" 2>&1 || return 1
  remove_tree "$root"
}

# Builds the stand-in under a candidate tag; it gets its real name once verified.
build_image() {
  local image=$1 dir=$2 hash=$3 candidate=$4 name=${1%%:*} started=$SECONDS
  local log=$CACHE/logs/$name.log base=berth-stand-in-base:$name
  : >"$log"
  TEMP_TAGS+=("$base" "$candidate")
  if ! { make_base_image "$dir" "$base" "$log" \
         || { echo "retrying with fresh package lists" >>"$log" && refresh_apt_lists now \
              && make_base_image "$dir" "$base" "$log"; }; } \
    || ! DOCKER_BUILDKIT=0 docker build --force-rm --build-arg "BASE=$base" --label "$LABEL=$hash" \
           -t "$candidate" "$dir" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "building the stand-in $image failed; its log is $log (last lines above)."
  fi
  # The stand-in keeps the imported layer as its parent; only the helper tag goes.
  docker rmi "$base" >/dev/null
  say "$image: built in $((SECONDS - started))s ($(size_mb "$candidate")), log $log"
}

publish_image() {
  local image=$1 candidate=$2 old_id
  old_id=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  docker tag "$candidate" "$image"
  docker rmi "$candidate" >/dev/null
  # The stand-in this one replaces, if nothing uses it any more.
  if [ -n "$old_id" ] && [ "$(docker image inspect --format '{{len .RepoTags}}' "$old_id" 2>/dev/null)" = 0 ]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi
}

# ---------------------------------------------------------------------------------------------
# Verifying a stand-in that was just built.

CHECK_IMAGE=
CHECK_NAME=

check_fail() {
  local c
  echo "offline-images: $CHECK_NAME FAILED verification: $*" >&2
  for c in ${CHECK_CONTAINERS[@]+"${CHECK_CONTAINERS[@]}"}; do
    docker container inspect "$c" >/dev/null 2>&1 || continue
    echo "----- logs of $c -----" >&2
    docker logs --tail 60 "$c" >&2 2>&1 || true
  done
  exit 1
}

# check_start NAME VOLUME:PATH [docker run options...] -- [command...]: a detached container.
check_start() {
  local name=$1 mount=$2; shift 2
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  CHECK_CONTAINERS+=("$name")
  docker run -d --name "$name" -v "$mount" ${opts[@]+"${opts[@]}"} "$CHECK_IMAGE" "$@" >/dev/null \
    || check_fail "could not start $name"
}

check_volume() {
  CHECK_VOLUMES+=("$1")
  docker volume create "$1" >/dev/null || check_fail "could not create the volume $1"
}

# check_wait CONTAINER COMMAND...: until COMMAND succeeds inside the container.
check_wait() {
  local c=$1 deadline=$((SECONDS + READY_TIMEOUT)); shift
  until docker exec "$c" "$@" >/dev/null 2>&1; do
    [ "$(docker inspect --format '{{.State.Running}}' "$c")" = true ] || check_fail "$c exited before it was ready"
    [ "$SECONDS" -lt "$deadline" ] || check_fail "$c was not ready within ${READY_TIMEOUT}s"
    sleep 0.5
  done
}

# check_equal WHAT EXPECTED COMMAND...: COMMAND's output must be EXPECTED.
check_equal() {
  local what=$1 expected=$2 out; shift 2
  out=$("$@" 2>&1) || check_fail "$what: '$*' failed: $out"
  [ "$out" = "$expected" ] || check_fail "$what: expected '$expected', got '$out'"
}

check_kill() {
  { docker kill "$1" && docker rm -v "$1"; } >/dev/null || check_fail "could not kill and remove $1"
}

host_port() { docker port "$1" "$2/tcp" | head -n 1 | sed 's/.*://'; }

pid1_uid() { docker exec "$1" awk '/^Uid:/ { print $2 }' /proc/1/status; }

# A client in a second container on the host's network, reaching the server through its
# loopback-published port as an application on the host would (not as localhost inside).
host_client() { docker run --rm --network host "$@"; }

verify_busybox() {
  local vol=$CHECK_PREFIX-data c=$CHECK_PREFIX-first applet
  check_volume "$vol"
  check_start "$c" "$vol:/data" -- sleep 600
  for applet in sh true sync sha256sum tar sleep cat; do
    check_equal "applet $applet" "/bin/$applet" docker exec "$c" which "$applet"
  done
  check_equal "applets without a shell" "" docker exec "$c" true
  check_equal "default command sh" hi sh -c "echo 'echo hi' | docker run --rm -i $CHECK_IMAGE"
  docker exec "$c" sh -c 'echo survived >/data/marker' || check_fail "could not write the marker"
  check_equal "sync" "" docker exec "$c" sync
  check_equal "tar and sha256sum" "$(echo survived | sha256sum | cut -d' ' -f1)  marker" \
    docker exec "$c" sh -c 'tar -C /data -cf /tmp/t.tar marker && tar -C /tmp -xf /tmp/t.tar && cd /tmp && sha256sum marker'
  check_kill "$c"
  check_equal "marker after docker kill" survived docker run --rm -v "$vol:/data" "$CHECK_IMAGE" cat /data/marker
  VERIFIED="applets, default sh, data survives docker kill"
}

# shellcheck disable=SC2016 # expanded inside the container
verify_redis() {
  local vol=$CHECK_PREFIX-data c=$CHECK_PREFIX-first port args=(--appendonly yes --appendfsync always)
  check_volume "$vol"
  check_start "$c" "$vol:/data" -p 127.0.0.1::6379 -- "${args[@]}"
  check_wait "$c" sh -c '[ "$(redis-cli ping)" = PONG ]'
  check_equal "SET" OK docker exec "$c" redis-cli SET berth:marker survived
  port=$(host_port "$c" 6379)
  check_equal "GET from the host network, no password" survived \
    host_client "$CHECK_IMAGE" redis-cli -h 127.0.0.1 -p "$port" GET berth:marker
  check_equal "server user" 999 pid1_uid "$c"
  check_kill "$c"
  c=$CHECK_PREFIX-second
  check_start "$c" "$vol:/data" -- "${args[@]}"
  check_wait "$c" sh -c '[ "$(redis-cli ping)" = PONG ]'
  check_equal "GET after docker kill" survived docker exec "$c" redis-cli GET berth:marker
  VERIFIED="redis-cli PING/SET/GET, password-less client from the host network, data survives docker kill"
}

verify_postgres() {
  local vol=$CHECK_PREFIX-data c=$CHECK_PREFIX-first port
  local env=(-e POSTGRES_PASSWORD=check-secret -e POSTGRES_USER=berth -e POSTGRES_DB=berth_check
             -e PGDATA=/var/lib/postgresql/data/pgdata)
  local sql=(psql -h 127.0.0.1 -U berth -d berth_check -v ON_ERROR_STOP=1 -Atc)
  check_volume "$vol"
  check_start "$c" "$vol:/var/lib/postgresql/data" "${env[@]}" -p 127.0.0.1::5432 -- postgres -c fsync=on
  # The init's temporary server does not listen on TCP: a TCP answer means the real one is up.
  check_wait "$c" "${sql[@]}" 'select 1'
  check_equal "ready line, twice on first start" 2 \
    sh -c "docker logs $c 2>&1 | grep -c 'database system is ready to accept connections'"
  check_equal "marker" $'CREATE TABLE\nINSERT 0 1' \
    docker exec "$c" "${sql[@]}" "create table marker (v text); insert into marker values ('survived')"
  port=$(host_port "$c" 5432)
  check_equal "password login from the host network" survived \
    host_client -e PGPASSWORD=check-secret "$CHECK_IMAGE" \
    psql -h 127.0.0.1 -p "$port" -U berth -d berth_check -Atc 'select v from marker'
  if host_client -e PGPASSWORD=wrong "$CHECK_IMAGE" \
       psql -h 127.0.0.1 -p "$port" -U berth -d berth_check -c 'select 1' >/dev/null 2>&1; then
    check_fail "a wrong password was accepted from the host network"
  fi
  check_equal "server user" 999 pid1_uid "$c"
  check_equal "stop signal" SIGINT docker inspect --format '{{.Config.StopSignal}}' "$c"
  check_kill "$c"
  c=$CHECK_PREFIX-second
  check_start "$c" "$vol:/var/lib/postgresql/data" "${env[@]}" -- postgres -c fsync=on
  check_wait "$c" "${sql[@]}" 'select 1'
  check_equal "marker after docker kill" survived docker exec "$c" "${sql[@]}" 'select v from marker'
  VERIFIED="psql, PGDATA in a subfolder, POSTGRES_USER/DB, password from the host network, data survives docker kill"
}

verify_mariadb() {
  local vol=$CHECK_PREFIX-data c=$CHECK_PREFIX-first port
  local env=(-e MARIADB_ROOT_PASSWORD=check-root -e MARIADB_DATABASE=berth_check
             -e MYSQL_USER=berth -e MYSQL_PASSWORD=check-secret)
  local root=(mariadb -h 127.0.0.1 -uroot -N -e)
  check_volume "$vol"
  check_start "$c" "$vol:/var/lib/mysql" "${env[@]}" -p 127.0.0.1::3306 --
  # The init's temporary server does not listen on TCP: a TCP answer means the real one is up.
  check_wait "$c" env MYSQL_PWD=check-root "${root[@]}" 'select 1'
  port=$(host_port "$c" 3306)
  check_equal "MYSQL_USER writes in MARIADB_DATABASE from the host network" "" \
    host_client -e MYSQL_PWD=check-secret "$CHECK_IMAGE" mariadb -h 127.0.0.1 -P "$port" -uberth berth_check \
    -e "create table marker (v varchar(32)); insert into marker values ('survived')"
  check_equal "root from the host network" survived \
    host_client -e MYSQL_PWD=check-root "$CHECK_IMAGE" mariadb -h 127.0.0.1 -P "$port" -uroot -N \
    -e 'select v from berth_check.marker'
  check_equal "server user" 999 pid1_uid "$c"
  check_kill "$c"
  c=$CHECK_PREFIX-second
  check_start "$c" "$vol:/var/lib/mysql" "${env[@]}" --
  check_wait "$c" env MYSQL_PWD=check-root "${root[@]}" 'select 1'
  check_equal "marker after docker kill" survived \
    docker exec -e MYSQL_PWD=check-root "$c" "${root[@]}" 'select v from berth_check.marker'
  VERIFIED="mariadb client, root and MYSQL_USER from the host network, data survives docker kill"
}

# verify_image IMAGE CANDIDATE: checks CANDIDATE, the stand-in built to become IMAGE.
verify_image() {
  local image=$1 started=$SECONDS
  CHECK_NAME=$image
  CHECK_IMAGE=$2
  VERIFIED=
  "verify_${image%%:*}"
  cleanup_checks
  say "$image: verified in $((SECONDS - started))s ($VERIFIED)"
}

cleanup_checks() {
  local c v
  for c in ${CHECK_CONTAINERS[@]+"${CHECK_CONTAINERS[@]}"}; do docker rm -f -v "$c" >/dev/null 2>&1 || true; done
  for v in ${CHECK_VOLUMES[@]+"${CHECK_VOLUMES[@]}"}; do docker volume rm "$v" >/dev/null 2>&1 || true; done
  CHECK_CONTAINERS=()
  CHECK_VOLUMES=()
}

# ---------------------------------------------------------------------------------------------

# image_state IMAGE HASH: official (present, no stand-in label), current (stand-in of this
# recipe), stale (stand-in of another recipe, or a rebuild was asked for) or missing.
image_state() {
  local label
  present "$1" || { echo missing; return 0; }
  label=$(recipe_label "$1")
  if [ -z "$label" ]; then echo official
  elif [ "$label" = "$2" ] && [ "${BERTH_IMAGES_REBUILD:-}" != 1 ]; then echo current
  else echo stale
  fi
}

# Says and returns 0 when IMAGE needs nothing more in STATE.
settled() {
  case $2 in
    official) say "$1: present (not a stand-in, left alone)" ;;
    current) say "$1: present (stand-in, recipe unchanged)" ;;
    *) return 1 ;;
  esac
}

ensure_image() {
  local image=$1 dir hash state
  dir=$(recipe_dir "$image")
  hash=$(recipe_hash "$dir")
  state=$(image_state "$image" "$hash")
  settled "$image" "$state" && return 0
  if pullable "$image"; then say "$image: pulled"; return 0; fi
  lock_builds
  # Another run may have built or pulled it while this one waited for the lock.
  state=$(image_state "$image" "$hash")
  settled "$image" "$state" && return 0
  if [ "$state" = stale ]; then
    say "$image: replacing its stand-in (recipe changed or rebuild asked), from Debian's packages"
  else
    say "$image: not present, not pullable: building a stand-in from Debian's packages"
  fi
  ensure_rootfs
  local candidate=berth-stand-in-candidate:${image%%:*}
  build_image "$image" "$dir" "$hash" "$candidate"
  verify_image "$image" "$candidate"
  publish_image "$image" "$candidate"
}

main() {
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || die "no Docker engine answers: start one first (scripts/docker-engine.sh)."
  local wanted=() arg image
  for arg in "$@"; do wanted+=("$(resolve_image "$arg")"); done
  [ ${#wanted[@]} -gt 0 ] || wanted=("${IMAGES[@]}")
  for image in "${wanted[@]}"; do ensure_image "$image"; done
}

main "$@"
