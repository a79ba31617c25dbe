package dev.berth;

/** A name Docker would reject, caught before any call to the engine. */
public class InvalidNameException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public InvalidNameException(String kind, String name) {
        super("'" + name + "' is not a valid " + kind + " name: use at least two characters, starting with a letter "
                + "or digit, followed by letters, digits, '_', '.' or '-' (Docker's rule [a-zA-Z0-9][a-zA-Z0-9_.-]+).");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
