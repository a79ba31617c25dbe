package dev.berth.docker.internal.engine;

import java.util.Map;
import java.util.Optional;

/** Which containers a listing returns: in any state, with these labels (all of them), mounting this volume. */
public record ContainerQuery(Map<String, String> labels, Optional<String> volume) {
    public ContainerQuery {
        labels = Map.copyOf(labels);
    }

    public static ContainerQuery labelled(Map<String, String> labels) {
        return new ContainerQuery(labels, Optional.empty());
    }

    public static ContainerQuery mounting(String volume) {
        return new ContainerQuery(Map.of(), Optional.of(volume));
    }
}
