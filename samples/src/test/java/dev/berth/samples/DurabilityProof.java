package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.DataProbe;
import dev.berth.PersistentVolume;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Proves that a recipe keeps every acknowledged write through SIGKILLs at random moments. A {@link SequenceWriter}
 * writes through the recipe's probe; after a random while the container is killed and recreated on its volume, and
 * once the new container acknowledges a write, the writer pauses and every write acknowledged so far is read back.
 *
 * <p>The number of cycles comes from {@code -Dberth.durability.cycles} (10 by default; 100 for a benchmark), the
 * random moments from {@code -Dberth.durability.seed} (printed, so that a run can be repeated).
 */
final class DurabilityProof {
    static final int CYCLES = Integer.getInteger("berth.durability.cycles", 10);
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(2);
    private static final int MIN_WRITING_MILLIS = 200;
    private static final int MAX_WRITING_MILLIS = 1200;

    private final Berth berth;
    private final PrintStream out;

    DurabilityProof(Berth berth, PrintStream out) {
        this.berth = berth;
        this.out = out;
    }

    /** Runs {@code cycles} kill-and-recreate cycles of the recipe in a container named {@code name}. */
    DurabilityReport run(String name, Recipe recipe, int cycles) throws Exception {
        long seed = Long.getLong("berth.durability.seed", System.nanoTime());
        Random random = new Random(seed);
        PersistentVolume data = berth.volume(name + "-data").create();
        StatefulContainer container = berth.container(name).recipe(recipe).mount(data, recipe.dataPath()).start();
        DurabilityReport report = new DurabilityReport(recipe.toString(), seed);
        DataProbe checker = recipe.probe(container);
        DataProbe writes = recipe.probe(container);
        try (SequenceWriter writer = new SequenceWriter(writes)) {
            for (int cycle = 1; cycle <= cycles; cycle++) {
                long writing = MIN_WRITING_MILLIS + random.nextInt(MAX_WRITING_MILLIS - MIN_WRITING_MILLIS);
                Thread.sleep(writing);
                long killedAt = System.nanoTime();
                container.kill();
                var firstWrite = writer.killed();
                container.recreate();
                long readyAt = System.nanoTime();
                long recoveredAt = firstWrite.get(RECOVERY_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                writer.pause();
                long acknowledged = writer.acknowledged();
                List<Long> missing = missing(checker, acknowledged);
                writer.resume();
                out.println(report.add(new DurabilityReport.Cycle(cycle, writing, millis(killedAt, readyAt),
                        millis(killedAt, recoveredAt), acknowledged, missing.size()), missing));
            }
        } finally {
            writes.close();
            checker.close();
        }
        out.println(report.summary());
        report.writeJson(name.replaceFirst("^it-[^-]+-", "")); // the run id off: "redis", "redis-volatile"
        return report;
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    /** The sequence numbers below {@code acknowledged} whose write the service does not have as written. */
    private static List<Long> missing(DataProbe probe, long acknowledged) {
        List<String> keys = new ArrayList<>();
        for (long n = 0; n < acknowledged; n++) {
            keys.add(SequenceWriter.key(n));
        }
        Map<String, String> found = probe.readAll(keys);
        List<Long> missing = new ArrayList<>();
        for (long n = 0; n < acknowledged; n++) {
            if (!Long.toString(n).equals(found.get(SequenceWriter.key(n)))) {
                missing.add(n);
            }
        }
        return missing;
    }

    /** In bulk where the probe can (the samples' probes can), else key by key. */
}
