package dev.berth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory mounted into a container ({@link ContainerSpec.Settings#bind}): the user's, never Berth's. Berth
 * never owns, snapshots, copies, prunes or deletes it, and refuses to move a container that has one, since the
 * directory does not travel with it. The path is the engine host's: for a remote engine, a path on that host.
 *
 * @param hostPath the absolute directory on the engine's host
 * @param path the absolute path inside the container
 * @param readOnly whether the container may only read it
 */
public record BindMount(Path hostPath, String path, boolean readOnly) {
    public BindMount {
        Objects.requireNonNull(hostPath, "hostPath");
        Objects.requireNonNull(path, "path");
        if (!hostPath.isAbsolute()) {
            throw new IllegalArgumentException("a bind mount's host path must be absolute, not '" + hostPath
                    + "': the engine resolves it on its own host, not from this JVM's working directory");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a bind mount's container path must be absolute, not '" + path + "'");
        }
    }

    @Override
    public String toString() {
        return hostPath + ":" + path + (readOnly ? ":ro" : "");
    }
}
