package dev.berth;

/** A container of that name exists and Berth did not create it, so Berth will not replace it. */
public class NameTakenException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public NameTakenException(String name) {
        super("A container named '" + name + "' exists and was not created by Berth; Berth never replaces what it "
                + "did not create. Choose another name, or remove that container yourself (docker rm).");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
