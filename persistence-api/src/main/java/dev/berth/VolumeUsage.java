package dev.berth;

import java.util.Objects;

/**
 * What one volume holds on disk, from the engine's own accounting ({@code docker system df -v}).
 *
 * @param name the volume
 * @param nodeId the node whose engine holds it
 * @param sizeBytes its size on disk, or -1 when the driver does not say (remote drivers often do not)
 * @param containers how many containers, in any state, mount it
 * @param createdByBerth whether Berth made it (only then may a prune delete it)
 */
public record VolumeUsage(String name, String nodeId, long sizeBytes, int containers, boolean createdByBerth) {
    public VolumeUsage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /** No container mounts it. */
    public boolean unused() {
        return containers == 0;
    }
}
