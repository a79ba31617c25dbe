package dev.berth.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Figures of a series of timings, in milliseconds. */
final class Stats {
    private final List<Double> millis = new ArrayList<>();

    void add(long nanos) {
        millis.add(nanos / 1_000_000.0);
    }

    double median() {
        return percentile(50);
    }

    double percentile(int p) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The last timing, such as {@code 3120 ms}. */
    String last() {
        return String.format("%.0f ms", millis.get(millis.size() - 1));
    }

    int count() {
        return millis.size();
    }

    @Override
    public String toString() {
        return String.format("median %.0f ms, p90 %.0f ms, min %.0f ms, max %.0f ms (n=%d)",
                median(), percentile(90), percentile(0), percentile(100), count());
    }
}
