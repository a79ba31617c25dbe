package dev.berth;

/**
 * Berth refused to delete something it did not create. Say so explicitly, for example with
 * {@link PersistentVolume#delete(DeleteOption...)} and {@link DeleteOption#INCLUDING_ADOPTED}.
 */
public class NotOwnedException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public NotOwnedException(String kind, String name) {
        super("Refusing to delete " + kind + " '" + name + "': Berth did not create it (it was adopted). "
                + "Pass DeleteOption.INCLUDING_ADOPTED if you really mean to delete it and its data.");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
