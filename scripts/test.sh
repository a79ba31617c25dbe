#!/usr/bin/env bash
# The README's test command: from a fresh Debian machine to every test run against a real engine.
# Ensures the JDK and Maven, the Docker engine, the offline images, a two-node Swarm and rclone's volume plugin, then
# runs the whole Maven build, unit tests (*Test) and engine tests (*IT) alike, on the host engine (Docker 20.10, API
# 1.41); the S3 store's tests start S3Proxy themselves. Then the engine matrix:
# every engine *IT of persistence-docker, persistence-testkit and testcontainers-modules again, on each engine of
# BERTH_MATRIX (default 28: Debian sid's Docker 28.5, refusing clients older than API 1.44 as Docker 29 does), each
# started in a network namespace of its own and removed afterwards; the Swarm tests (tagged "swarm") stay on the host's
# Swarm, and SnapshotMemoryIT (tagged "memory": a JVM's heap, whatever the engine) on the host. Each step says what it does and how long it took. Extra Maven arguments are passed to the first build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/steps.sh

step "JDK and Maven" bash scripts/prerequisites.sh
step "Docker engine" bash scripts/docker-engine.sh
step "images (pulled, or stand-ins built from Debian's packages)" bash scripts/offline-images.sh
# The multi-node tests (ClusterIT, DockerClusterIT) run on a local Swarm of two extra nodes.
step "Swarm of two extra nodes" bash scripts/cluster.sh up 2
# Shared storage (SharedStorageIT): rclone's volume plugin for the whole run, stopped last, when its volumes are gone.
step "rclone volume plugin" bash scripts/rclone-plugin.sh start
trap 'step "rclone volume plugin stopped, engines restarted" bash scripts/rclone-plugin.sh stop' EXIT
step "build, unit tests and engine tests on the host engine" mvn -B -ntp install "$@"

# One engine of the matrix: start it, run the engine tests on it, remove it (also when they fail).
on_engine() {
  local version=$1 host status=0
  host=$(BERTH_ENGINE=$version bash scripts/docker-engine.sh start | tail -n 1)
  host=${host#DOCKER_HOST=}
  BERTH_ENGINE=$version DOCKER_HOST=$host mvn -B -ntp verify -pl persistence-docker,persistence-testkit,testcontainers-modules \
    -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -DexcludedGroups=swarm,memory \
    -Dberth.it.dockerHost="$host" -Dberth.it.publishedHost="10.78.$version.2" || status=$?
  BERTH_ENGINE=$version bash scripts/docker-engine.sh stop
  return "$status"
}
for version in ${BERTH_MATRIX-28}; do
  step "engine tests on Docker $version" on_engine "$version"
done
