#!/usr/bin/env bash
# The README's demo command: sets everything up on a fresh Debian machine, then runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prerequisites.sh
bash scripts/docker-engine.sh >/dev/null
bash scripts/offline-images.sh >/dev/null
mvn -B -q -ntp install -DskipTests
exec mvn -B -q -ntp -pl samples exec:java "$@"
