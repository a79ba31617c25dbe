#!/usr/bin/env bash
# Runs one of Berth's benchmarks against the local engine: scripts/bench.sh NAME [ARGS...]
#   recreate [cycles]   kill + recreate to ready, Berth beside the docker CLI
#   move                1 GiB moved between two Swarm nodes, Berth beside docker cp | docker cp
#   snapshot [rounds] [local|s3]
#                       1 GiB full and incremental snapshots and a restore, Berth beside docker cp out and in and
#                       tar | cat; the repository in a local directory, then in S3 (S3Proxy), unless one is named
#   archive [rounds]    512 MiB read through the archive endpoint: Berth's own client beside docker-java's
#   report              runs every benchmark above (and the recipes' durability proofs, 10 cycles each), then writes
#                       target/bench/report.html with a chart per benchmark and the recipes' recovery times
# Every benchmark writes its figures as target/bench/<name>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/bench.sh recreate|move|snapshot|archive|report [args...]}; shift
if [ "$name" = report ]; then
  for b in "archive 3" "recreate 10" "snapshot 1" "move"; do
    echo "==> bench $b"
    # shellcheck disable=SC2086
    bash "$0" $b
  done
  echo "==> durability of the recipes"
  mvn -B -q -ntp -pl samples verify -Pbenchmark -Dberth.durability.cycles=10 >/dev/null
  exec mvn -B -q -ntp -pl benchmarks exec:java -Dbenchmark=dev.berth.benchmarks.Report
fi
case "$name" in
  recreate) main=dev.berth.benchmarks.RecreateBenchmark ;;
  move) main=dev.berth.benchmarks.MoveBenchmark; bash scripts/cluster.sh up 2 >/dev/null ;;
  snapshot) main=dev.berth.benchmarks.SnapshotBenchmark ;;
  archive) main=dev.berth.benchmarks.ArchiveTransportBenchmark ;;
  *) echo "bench: unknown benchmark '$name'" >&2; exit 2 ;;
esac
bash scripts/docker-engine.sh >/dev/null
bash scripts/offline-images.sh busybox:1.35 >/dev/null
mvn -B -q -ntp install -DskipTests -pl benchmarks -am
s3proxy="-Dberth.bench.s3proxyJar=$PWD/persistence-s3/target/s3proxy/s3proxy.jar"
if [ "$name" = snapshot ] && [ $# -lt 2 ]; then
  mvn -B -q -ntp -pl benchmarks exec:java -Dbenchmark="$main" -Dexec.args="${1:-5} local"
  set -- "${1:-5}" s3
fi
exec mvn -B -q -ntp -pl benchmarks exec:java -Dbenchmark="$main" "$s3proxy" -Dexec.args="$*"
