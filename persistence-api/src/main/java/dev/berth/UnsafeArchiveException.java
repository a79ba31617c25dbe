package dev.berth;

/**
 * An archive entry would write outside the volume it is restored into, or is something Berth never restores (a
 * device node, a FIFO). Berth checks each entry before it is written, so this one was not; the entries before it
 * were written, into a new volume that a failed restore deletes again (a restore in place leaves the volume holding
 * part of the archive: restore a good snapshot in place again). The archive was made or changed by something other
 * than Berth: do not restore it.
 */
public class UnsafeArchiveException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String entry;
    private final Reason reason;

    /** Why an entry was refused. */
    public enum Reason {
        /** Its path starts with {@code /}. */
        ABSOLUTE_PATH,
        /** Its path has a {@code ..} component. */
        PARENT_REFERENCE,
        /** Its path is not under the archive's single root directory, or is malformed. */
        OUTSIDE_ROOT,
        /** A symbolic or hard link that points outside the volume. */
        LINK_ESCAPES,
        /** A link to the volume's root itself, or a root that is not a directory. */
        LINK_TO_ROOT,
        /** An entry that would be written through a symbolic link. */
        THROUGH_LINK,
        /** A character or block device, or a FIFO. */
        SPECIAL_FILE,
        /**
         * A setuid or setgid file in an imported archive. Refused rather than dropped: dropping the bits would change
         * the file from what its checksum list says, silently; a data volume has no need of them, and from an
         * outside file they are a way to run code as another user in every container that mounts the volume.
         */
        PRIVILEGE_BITS,
        /** An entry type Berth does not restore, or an unreadable header. */
        UNSUPPORTED
    }

    public UnsafeArchiveException(String entry, Reason reason, String detail) {
        super("Refused archive entry '" + entry + "' (" + reason + "): " + detail + ". It was not written: Berth checks "
                + "each entry before it writes it, and a failed restore into a new volume deletes that volume again. "
                + "The archive was not made by Berth as it is; do not restore it.");
        this.entry = entry;
        this.reason = reason;
    }

    /** The entry's name as it is in the archive. */
    public String entry() {
        return entry;
    }

    public Reason reason() {
        return reason;
    }
}
