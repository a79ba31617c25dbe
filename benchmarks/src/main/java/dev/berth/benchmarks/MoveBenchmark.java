package dev.berth.benchmarks;

import dev.berth.Berth;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.util.List;

/**
 * Moves about 1 GiB of mixed data (one 512 MiB file and 5000 files of 100 KiB) from node zone=a to node zone=b of the
 * local Swarm, through Berth (a copy while the container runs, which rewrites 1% of the files meanwhile; then, stopped,
 * what changed sent, every file checked on the target, started there), beside the raw pipeline
 * {@code docker cp} out of the source piped into {@code docker cp} into the target, on the same data, in the same run.
 *
 * <p>Run: {@code bash scripts/bench.sh move} (needs {@code scripts/cluster.sh up 2}).
 */
public final class MoveBenchmark {
    private static final String IMAGE = "busybox:1.35";
    private static final String[] SLEEP = {"sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"};
    private static final String FILL = "mkdir -p /data/small && dd if=/dev/urandom of=/data/big bs=1M count=512 2>/dev/null"
            + " && i=0; while [ $i -lt 5000 ]; do head -c 102400 /dev/urandom > /data/small/$i; i=$((i+1)); done; sync";

    private static final String CHANGE = "i=0; while [ $i -lt 5000 ]; do head -c 102400 /dev/urandom > /data/small/$i;"
            + " i=$((i+100)); sleep 0.1; done";

    private MoveBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
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
            // 1% of the files (50 of the small ones) rewritten while the move copies with the container running
            Thread writer = new Thread(() -> {
                try {
                    c.exec("sh", "-c", CHANGE);
                } catch (RuntimeException stopped) {
                    // the move stopped the container: the rest are not changed
                }
            });
            long start = System.nanoTime();
            writer.start();
            MoveReport report = c.moveTo(b);
            double total = (System.nanoTime() - start) / 1e9;
            writer.join();
            // Deleting the pipeline's copy slows the disk for a while: only after Berth's move was measured.
            Shell.run("docker", "-H", b.engineEndpoint().orElseThrow(), "volume", "rm", "bench-cp-" + run);
            double down = report.downtime().toNanos() / 1e9;

            double mib = bytes / 1048576.0;
            System.out.printf("data: %.0f MiB in %d files%n", mib, report.filesVerified());
            System.out.printf("docker cp | docker cp : %6.1f s  %6.1f MiB/s%n", baseline, mib / baseline);
            System.out.printf("Berth moveTo, downtime: %6.1f s  (stop, send what changed, check on the target, start)%n",
                    down);
            System.out.printf("Berth moveTo, in all  : %6.1f s  (copy while it runs, then the above, then retire "
                    + "the source copy)%n", total);
            System.out.printf("downtime / pipeline: %.2f (target 0.25), whole move / pipeline: %.2f (target 1.3)%n",
                    down / baseline, total / baseline);
            new BenchResult("move", "Moving " + Math.round(mib) + " MiB between two Swarm nodes", "s", false)
                    .row("downtime", down, "docker cp | docker cp", baseline)
                    .row("whole move", total, "docker cp | docker cp", baseline)
                    .figure("mib", mib).figure("files", report.filesVerified()).write();
            // what the run leaves: the moved volume on b, and the source copy it retired on a (1 GiB each)
            List<PersistentVolume> moved = c.volumes();
            c.remove();
            moved.forEach(PersistentVolume::delete);
            String hostA = a.engineEndpoint().orElseThrow();
            Shell.run("sh", "-c", "docker -H " + hostA + " volume ls -q --filter name=" + data.name() + ".retired-"
                    + " | xargs -r docker -H " + hostA + " volume rm");
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
