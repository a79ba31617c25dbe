package dev.berth.docker.internal.engine;

import java.time.Instant;
import java.util.Map;

/**
 * A Swarm config as the manager reports it: Berth keeps records in them that every node must agree on (the writer lock
 * of a GLOBAL volume), since the Swarm's replicated store lets only one config hold a name. {@code created} is by the
 * manager's clock.
 */
public record ConfigInfo(String id, String name, Map<String, String> labels, Instant created) {
    public ConfigInfo {
        labels = Map.copyOf(labels);
    }
}
