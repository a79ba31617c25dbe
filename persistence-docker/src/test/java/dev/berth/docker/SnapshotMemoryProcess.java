package dev.berth.docker;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.PersistentVolume;
import dev.berth.Snapshot;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JVM of its own for {@link SnapshotMemoryIT}, run with a small heap: snapshots a volume, restores it, verifies the
 * snapshot, snapshots the copy, and prints what it saw. Arguments: docker host, volume, restored volume name, store
 * directory, label key=value.
 */
public final class SnapshotMemoryProcess {
    private SnapshotMemoryProcess() {
    }

    public static void main(String[] args) {
        String[] label = args[4].split("=", 2);
        BerthSettings settings = BerthSettings.builder().dockerHost(args[0]).label(label[0], label[1])
                .snapshotDirectory(Path.of(args[3])).build();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (true) {
                Runtime rt = Runtime.getRuntime();
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try (Berth berth = Berth.connect(settings)) {
            PersistentVolume volume = berth.volumes().find(args[1]).orElseThrow();
            long t0 = System.nanoTime();
            Snapshot snapshot = volume.snapshot("memory");
            long t1 = System.nanoTime();
            PersistentVolume copy = snapshot.restore(args[2]);
            long t2 = System.nanoTime();
            snapshot.verify();
            long t3 = System.nanoTime();
            String copyChecksum = copy.snapshot("of-the-copy").checksum();
            double mib = snapshot.sizeBytes() / 1048576.0;
            System.out.printf("FIGURES %.0f MiB: snapshot %.1f s (%.0f MiB/s), restore %.1f s (%.0f MiB/s), "
                    + "verify %.1f s; max heap %d MiB, heap used at most %d MiB (sampled every 10 ms)%n", mib,
                    (t1 - t0) / 1e9, mib / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, mib / ((t2 - t1) / 1e9),
                    (t3 - t2) / 1e9, Runtime.getRuntime().maxMemory() >> 20, peak.get() >> 20);
            System.out.println("OUTCOME " + snapshot.sizeBytes() + " " + snapshot.checksum().equals(copyChecksum));
        }
    }
}
