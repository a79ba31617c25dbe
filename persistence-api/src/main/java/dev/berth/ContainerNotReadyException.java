package dev.berth;

/** A container did not become ready: it exited, or its readiness check did not pass in time. */
public class ContainerNotReadyException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String containerName;

    public ContainerNotReadyException(String containerName, String why, String logTail) {
        super("Container '" + containerName + "' did not become ready: " + why
                + ". Its volumes and data are untouched. Last log lines:\n" + logTail);
        this.containerName = containerName;
    }

    public String containerName() {
        return containerName;
    }
}
