#!/usr/bin/env bash
# The README's test command: from a fresh Debian machine to every test run against a real engine.
# Ensures the JDK and Maven, the Docker engine and the offline images, then runs the whole Maven build,
# unit tests (*Test) and engine tests (*IT) alike. Extra Maven arguments are passed through.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prerequisites.sh
bash scripts/docker-engine.sh
bash scripts/offline-images.sh

exec mvn -B -ntp install "$@"
