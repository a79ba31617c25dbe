package dev.berth.docker.internal.engine;

import java.util.Map;

/**
 * A volume as the engine reports it; {@code scope} is {@code local} or {@code global}, as its driver says, and
 * {@code mountpoint} where its data is on the engine's host (empty when not known), which is not this machine's
 * filesystem unless the engine runs here.
 */
public record VolumeInfo(String name, String driver, Map<String, String> options, Map<String, String> labels,
        String scope, String mountpoint) {
    public VolumeInfo {
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
    }

    public VolumeInfo(String name, String driver, Map<String, String> options, Map<String, String> labels,
            String scope) {
        this(name, driver, options, labels, scope, "");
    }
}
