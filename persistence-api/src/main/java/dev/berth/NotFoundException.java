package dev.berth;

/** A volume or container that was expected is gone, for example removed outside Berth. */
public class NotFoundException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public NotFoundException(String kind, String name) {
        super("No " + kind + " named '" + name + "' exists on the engine. It was removed outside Berth, "
                + "or never created: create it again through Berth.");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
