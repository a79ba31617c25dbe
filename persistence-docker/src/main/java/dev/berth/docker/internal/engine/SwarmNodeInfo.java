package dev.berth.docker.internal.engine;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A node of the Swarm, as its manager reports it. */
public record SwarmNodeInfo(String id, String hostname, boolean manager, Map<String, String> labels, boolean ready,
        @Nullable String address) {
    public SwarmNodeInfo {
        labels = Map.copyOf(labels);
    }

    public Optional<String> addressOptional() {
        return Optional.ofNullable(address);
    }
}
