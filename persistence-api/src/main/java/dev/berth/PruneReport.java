package dev.berth;

import java.util.List;

/**
 * What {@link Berth#prune(PruneOptions)} removed. Immutable.
 *
 * @param containers names of the containers removed
 * @param volumes names of the volumes deleted
 */
public record PruneReport(List<String> containers, List<String> volumes) {
    public PruneReport {
        containers = List.copyOf(containers);
        volumes = List.copyOf(volumes);
    }
}
