package dev.berth.benchmarks;

import dev.berth.Berth;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;

/**
 * Moves about 1 GiB of mixed data (one 512 MiB file and 5000 files of 100 KiB) from node zone=a to node zone=b of the
 * local Swarm, through Berth (copy, per-file verification, start on the target), beside the raw pipeline
 * {@code docker cp} out of the source piped into {@code docker cp} into the target, on the same data, in the same run.
 *
 * <p>Run: {@code bash scripts/bench.sh move} (needs {@code scripts/cluster.sh up 2}).
 */
public final class MoveBenchmark {
    private static final String IMAGE = "busybox:1.35";
    private static final String[] SLEEP = {"sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"};
    private static final String FILL = "mkdir -p /data/small && dd if=/dev/urandom of=/data/big bs=1M count=512 2>/dev/null"
            + " && i=0; while [ $i -lt 5000 ]; do head -c 102400 /dev/urandom > /data/small/$i; i=$((i+1)); done; sync";

    private MoveBenchmark() {
    }

    public static void main(String[] args) {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Berth berth = Berth.connect()) {
            Node a = berth.cluster().withLabel("zone", "a").orElseThrow(() -> new IllegalStateException(
                    "no node labelled zone=a: run scripts/cluster.sh up 2"));
            Node b = berth.cluster().withLabel("zone", "b").orElseThrow();
            PersistentVolume data = berth.volume("bench-move-" + run).node(a).create();
            StatefulContainer c = berth.container("bench-move-" + run).image(IMAGE).command(SLEEP)
                    .mount(data, "/data").start();
            System.out.println("filling the volume on node " + a.id() + " ...");
            c.exec("sh", "-c", FILL);
            long bytes = Long.parseLong(c.exec("sh", "-c", "du -sb /data | cut -f1").stdout().strip());

            double baseline = baseline(a, b, data.name(), run);
            // Neither side may start with the other's dirty pages still being written back.
            Shell.run("sync");
            long start = System.nanoTime();
            MoveReport report = c.moveTo(b);
            double total = (System.nanoTime() - start) / 1e9;
            // Deleting the pipeline's copy slows the disk for a while: only after Berth's move was measured.
            Shell.run("docker", "-H", b.engineEndpoint().orElseThrow(), "volume", "rm", "bench-cp-" + run);
            double down = report.downtime().toNanos() / 1e9;

            double mib = bytes / 1048576.0;
            System.out.printf("data: %.0f MiB in %d files%n", mib, report.filesVerified());
            System.out.printf("docker cp | docker cp : %6.1f s  %6.1f MiB/s%n", baseline, mib / baseline);
            System.out.printf("Berth moveTo, downtime: %6.1f s  %6.1f MiB/s  (stop, copy, verify every file, start)%n",
                    down, mib / down);
            System.out.printf("Berth moveTo, in all  : %6.1f s  (with retiring the source copy)%n", total);
            System.out.printf("ratio Berth/pipeline (throughput over the downtime): %.2f%n", baseline / down);
            new BenchResult("move", "Moving " + Math.round(mib) + " MiB between two Swarm nodes", "s", false)
                    .row("downtime", down, "docker cp | docker cp", baseline)
                    .row("whole move", total, "docker cp | docker cp", baseline)
                    .figure("mib", mib).figure("files", report.filesVerified()).write();
            c.remove();
        }
    }

    /** docker cp out of a helper on the source, piped into docker cp into a helper on the target; its volume is kept. */
    private static double baseline(Node a, Node b, String volume, String run) {
        String hostA = a.engineEndpoint().orElseThrow();
        String hostB = b.engineEndpoint().orElseThrow();
        String target = "bench-cp-" + run;
        Shell.run("docker", "-H", hostA, "create", "--name", "cp-src-" + run, "-v", volume + ":/data", IMAGE, "true");
        Shell.run("docker", "-H", hostB, "create", "--name", "cp-dst-" + run, "-v", target + ":/data", IMAGE, "true");
        Shell.run("sync");
        long start = System.nanoTime();
        Shell.run("sh", "-c", "docker -H " + hostA + " cp cp-src-" + run + ":/data - | docker -H " + hostB
                + " cp - cp-dst-" + run + ":/");
        double seconds = (System.nanoTime() - start) / 1e9;
        Shell.run("docker", "-H", hostA, "rm", "-f", "cp-src-" + run);
        Shell.run("docker", "-H", hostB, "rm", "-f", "cp-dst-" + run);
        return seconds;
    }
}
