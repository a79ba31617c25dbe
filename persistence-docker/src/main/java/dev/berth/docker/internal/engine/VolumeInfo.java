package dev.berth.docker.internal.engine;

import java.util.Map;

/** A volume as the engine reports it; {@code scope} is {@code local} or {@code global}, as its driver says. */
public record VolumeInfo(String name, String driver, Map<String, String> options, Map<String, String> labels,
        String scope) {
    public VolumeInfo {
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }
}
