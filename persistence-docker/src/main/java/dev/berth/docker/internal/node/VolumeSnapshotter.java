package dev.berth.docker.internal.node;

import dev.berth.Consistency;
import dev.berth.PersistentVolume;
import dev.berth.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * How a volume's handle takes a snapshot of it: the snapshot layer's, handed down by the wiring through the
 * {@link EngineContext}, so that volumes need not know snapshots.
 */
@FunctionalInterface
public interface VolumeSnapshotter {
    /** A null {@code consistency} means the default level. */
    Snapshot take(EngineContext ctx, PersistentVolume volume, String name, @Nullable Consistency consistency);
}
