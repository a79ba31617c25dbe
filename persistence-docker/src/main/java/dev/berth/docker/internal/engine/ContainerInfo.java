package dev.berth.docker.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container as the engine reports it, from a listing or an inspection. {@code state} is the engine's word
 * ({@code created}, {@code running}, {@code paused}, {@code restarting}, {@code exited}, {@code dead});
 * {@code ports} maps published container ports to host ports (inspections only); {@code exitCode} is -1 while it
 * has none.
 */
public record ContainerInfo(String id, String name, Map<String, String> labels, String state, long exitCode,
        Instant created, List<MountInfo> mounts, Map<Integer, Integer> ports) {

    /** A mounted named volume, and whether it is mounted read-write. */
    public record MountInfo(String volume, boolean readWrite) {
    }

    public ContainerInfo {
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
        ports = Map.copyOf(ports);
    }

    public boolean running() {
        return "running".equals(state);
    }

    public boolean restarting() {
        return "restarting".equals(state);
    }

    public boolean paused() {
        return "paused".equals(state);
    }

    public Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }

    /** Whether it mounts the volume, read-write when {@code writing}. */
    public boolean mounts(String volume, boolean writing) {
        return mounts.stream().anyMatch(m -> m.volume().equals(volume) && (!writing || m.readWrite()));
    }
}
