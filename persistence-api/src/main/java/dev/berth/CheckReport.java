package dev.berth;

import java.util.List;
import java.util.Map;

/**
 * What {@link Snapshots#check()} found in the store: per damaged snapshot id, the paths of its damaged files
 * ({@code (tree)} or {@code (manifest)} when the snapshot's own record is damaged), and problems of the store at large
 * (a pack that does not match its name, an index that does not read). Immutable.
 *
 * @param damaged the damaged snapshots' ids and, for each, its damaged files (at most 1000)
 * @param problems what is wrong in the store beyond single snapshots
 * @param bytesRead how many stored bytes the check read
 */
public record CheckReport(Map<String, List<String>> damaged, List<String> problems, long bytesRead) {
    public CheckReport {
        damaged = Map.copyOf(damaged);
        problems = List.copyOf(problems);
    }

    /** Whether nothing was found damaged. */
    public boolean isClean() {
        return damaged.isEmpty() && problems.isEmpty();
    }
}
