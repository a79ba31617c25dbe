package dev.berth.docker.internal.node;

import dev.berth.docker.internal.common.Sha256;

/** The name of the one-task Swarm service a container runs as: its own, or shortened stably to Swarm's limit. */
public final class ServiceNames {
    /** Swarm's limit on a service's name. */
    private static final int MAX_NAME = 63;

    private ServiceNames() {
    }

    /** The container's name, or, when that is longer than Swarm allows, its first characters and a hash of the whole. */
    public static String of(String containerName) {
        if (containerName.length() <= MAX_NAME) {
            return containerName;
        }
        String hash = Sha256.hex(containerName).substring(0, 12);
        return containerName.substring(0, MAX_NAME - hash.length() - 1).replaceAll("[-_.]+$", "") + "-" + hash;
    }
}
