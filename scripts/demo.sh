#!/usr/bin/env bash
# The README's demo command: sets everything up on a fresh Debian machine, then runs the demo. Each set-up step says
# what it does and how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/steps.sh

step "JDK and Maven" bash scripts/prerequisites.sh
step "Docker engine" bash scripts/docker-engine.sh
step "images (pulled, or stand-ins built from Debian's packages)" bash scripts/offline-images.sh
step "build (tests skipped)" mvn -B -q -ntp install -DskipTests
echo "==> demo"
exec mvn -B -q -ntp -pl samples exec:java "$@"
