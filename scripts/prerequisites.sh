#!/usr/bin/env bash
# Installs what building Berth needs on Debian/Ubuntu when it is missing: a JDK 17+ and Maven.
set -euo pipefail

say() { echo "prerequisites: $*"; }

java_ok() {
  command -v javac >/dev/null 2>&1 || return 1
  local v; v=$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
  [ "${v:-0}" -ge 17 ]
}

missing=()
java_ok || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ ${#missing[@]} -eq 0 ]; then
  say "JDK $(javac -version 2>&1 | cut -d' ' -f2) and Maven $(mvn -v 2>/dev/null | head -1 | cut -d' ' -f3) present"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "prerequisites: missing ${missing[*]}: install a JDK 17+ and Maven 3.8+, then run this again." >&2
  exit 1
fi
say "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "${missing[@]}" >/dev/null
