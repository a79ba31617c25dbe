package dev.berth;

/**
 * A volume of that name exists with another spec (driver, options, or Berth's access mode and reclaim policy).
 * Berth never changes or replaces an existing volume: pick another name, or delete the old volume yourself.
 */
public class VolumeConflictException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String volumeName;
    private final String existingSpec;
    private final String requestedSpec;

    public VolumeConflictException(String volumeName, String existingSpec, String requestedSpec) {
        super("Volume '" + volumeName + "' already exists with another spec.\n  existing:  " + existingSpec
                + "\n  requested: " + requestedSpec
                + "\nBerth never alters an existing volume: use another name, or request the existing spec.");
        this.volumeName = volumeName;
        this.existingSpec = existingSpec;
        this.requestedSpec = requestedSpec;
    }

    public String volumeName() {
        return volumeName;
    }

    /** The existing volume's spec, as text. */
    public String existingSpec() {
        return existingSpec;
    }

    /** The spec that was asked for, as text. */
    public String requestedSpec() {
        return requestedSpec;
    }
}
