package dev.berth;

import java.util.List;

/** A volume cannot be deleted (or restored in place) while containers use it. */
public class VolumeInUseException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String volumeName;
    private final List<String> containers;

    public VolumeInUseException(String volumeName, List<String> containers) {
        super("Volume '" + volumeName + "' is in use by " + containers
                + ": remove those containers first (their data stays on the volume).");
        this.volumeName = volumeName;
        this.containers = List.copyOf(containers);
    }

    /** With a message of the caller's, for operations other than a delete. */
    public VolumeInUseException(String volumeName, List<String> containers, String message) {
        super(message);
        this.volumeName = volumeName;
        this.containers = List.copyOf(containers);
    }

    public String volumeName() {
        return volumeName;
    }

    /** Names of the containers that use the volume. */
    public List<String> containers() {
        return containers;
    }
}
