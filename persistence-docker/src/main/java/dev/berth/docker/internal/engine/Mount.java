package dev.berth.docker.internal.engine;

/** One mount of a container or a service's task: a named volume, a tmpfs, or a host directory. */
public record Mount(Type type, String source, String target, boolean readOnly) {
    /** What is mounted. */
    public enum Type { VOLUME, TMPFS, BIND, SECRET }

    public static Mount volume(String volume, String target, boolean readOnly) {
        return new Mount(Type.VOLUME, volume, target, readOnly);
    }

    public static Mount tmpfs(String target) {
        return new Mount(Type.TMPFS, "", target, false);
    }

    /** A Swarm secret, by name, as the file {@code /run/secrets/<fileName>} of a service's task. */
    public static Mount secret(String secretName, String fileName) {
        return new Mount(Type.SECRET, secretName, fileName, true);
    }

    public static Mount bind(String hostPath, String target, boolean readOnly) {
        return new Mount(Type.BIND, hostPath, target, readOnly);
    }
}
