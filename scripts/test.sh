#!/usr/bin/env bash
# The README's test command: from a fresh Debian machine to every test run against a real engine.
# Ensures the JDK and Maven, the Docker engine, the offline images and a two-node Swarm, then runs the whole Maven build,
# unit tests (*Test) and engine tests (*IT) alike. Extra Maven arguments are passed through.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prerequisites.sh
bash scripts/docker-engine.sh
bash scripts/offline-images.sh
# The multi-node tests (ClusterIT, DockerClusterIT) run on a local Swarm of two extra nodes.
bash scripts/cluster.sh up 2

exec mvn -B -ntp install "$@"
