package dev.berth;

/**
 * A second writer was refused on a {@link AccessMode#SINGLE_WRITER} volume. Databases such as Postgres do not
 * protect their data directory across containers; this refusal is what stands between two servers and a corrupted
 * volume.
 */
public class ExclusiveAccessException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String volumeName;
    private final String holder;
    private final String refused;

    public ExclusiveAccessException(String volumeName, String holder, String refused) {
        super("Container '" + refused + "' was not started: volume '" + volumeName
                + "' is SINGLE_WRITER and container '" + holder + "' already writes to it. "
                + "Stop or remove '" + holder + "' first, mount the volume read-only, "
                + "or create the volume with AccessMode.MULTI_WRITER if the software coordinates its writers.");
        this.volumeName = volumeName;
        this.holder = holder;
        this.refused = refused;
    }

    public String volumeName() {
        return volumeName;
    }

    /** The container that holds the volume. */
    public String holder() {
        return holder;
    }

    /** The container that was refused. */
    public String refused() {
        return refused;
    }
}
