package dev.berth;

import java.util.Objects;

/**
 * A volume mounted at a path inside a container. Immutable.
 *
 * @param volume the volume
 * @param path the absolute path inside the container
 * @param readOnly whether the container may only read
 */
public record VolumeMount(PersistentVolume volume, String path, boolean readOnly) {
    public VolumeMount {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("mount path must be absolute, was '" + path + "'");
        }
    }

    @Override
    public String toString() {
        return volume.name() + ":" + path + (readOnly ? ":ro" : "");
    }
}
