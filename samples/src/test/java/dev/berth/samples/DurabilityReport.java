package dev.berth.samples;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a durability proof saw: per kill-and-recreate cycle, how long the service took to accept writes again, and the
 * acknowledged writes so far that were missing afterwards. Not thread-safe.
 */
final class DurabilityReport {
    private final String subject;
    private final long seed;
    private final List<Cycle> cycles = new ArrayList<>();
    private final Set<Long> lost = new TreeSet<>();

    DurabilityReport(String subject, long seed) {
        this.subject = subject;
        this.seed = seed;
    }

    /**
     * One cycle.
     *
     * @param writingMillis how long the writer wrote before the kill
     * @param readyMillis from the kill until the recreated container passed its readiness check
     * @param recoveryMillis from the kill to the first write acknowledged by the recreated container
     * @param acknowledged writes acknowledged since the proof began, as checked after this cycle
     * @param missing how many of them were missing or wrong after this cycle
     */
    record Cycle(int number, long writingMillis, long readyMillis, long recoveryMillis, long acknowledged,
            int missing) {
    }

    /** Records a cycle and the sequence numbers of the acknowledged writes it found missing. */
    String add(Cycle cycle, Collection<Long> missing) {
        cycles.add(cycle);
        lost.addAll(missing);
        return String.format(Locale.ROOT, "%s cycle %d: killed after %d ms of writing; ready again after %d ms, "
                + "accepting writes again %d ms after the kill; %d writes acknowledged so far, %d missing", subject,
                cycle.number(), cycle.writingMillis(), cycle.readyMillis(), cycle.recoveryMillis(),
                cycle.acknowledged(), cycle.missing());
    }

    int cycles() {
        return cycles.size();
    }

    long acknowledged() {
        return cycles.isEmpty() ? 0 : cycles.get(cycles.size() - 1).acknowledged();
    }

    /** The acknowledged writes that were missing after some cycle, by sequence number. */
    Set<Long> lost() {
        return Set.copyOf(lost);
    }

    long medianRecoveryMillis() {
        return recoveryPercentile(50);
    }

    long p90RecoveryMillis() {
        return recoveryPercentile(90);
    }

    /** The nearest-rank percentile of the recovery times: the least time that many percent of cycles kept within. */
    long recoveryPercentile(int percent) {
        List<Long> sorted = cycles.stream().map(Cycle::recoveryMillis).sorted().toList();
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no cycles");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /**
     * With the system property {@code berth.bench.dir} set (the benchmark profile sets it), writes the recovery
     * figures as {@code recovery-<recipe>.json} there, for {@code scripts/bench.sh report}.
     */
    void writeJson(String recipe) throws java.io.IOException {
        String dir = System.getProperty("berth.bench.dir", "");
        if (dir.isBlank() || cycles.isEmpty()) {
            return;
        }
        java.nio.file.Path out = java.nio.file.Path.of(dir, "recovery-" + recipe + ".json");
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, String.format(Locale.ROOT, "{\"recipe\": \"%s\", \"cycles\": %d, "
                + "\"medianRecoveryMs\": %d, \"p90RecoveryMs\": %d, \"acknowledged\": %d, \"lost\": %d}%n",
                recipe, cycles(), medianRecoveryMillis(), p90RecoveryMillis(), acknowledged(), lost.size()));
    }

    String summary() {
        return String.format(Locale.ROOT, "DURABILITY %s (seed %d): %d cycles, %d writes acknowledged, %d lost; "
                + "recovery from kill to accepting writes again: median %d ms, p90 %d ms", subject, seed, cycles(),
                acknowledged(), lost.size(), medianRecoveryMillis(), p90RecoveryMillis());
    }
}
