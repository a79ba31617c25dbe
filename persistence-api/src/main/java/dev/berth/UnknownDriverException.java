package dev.berth;

import java.util.List;

/** No volume driver or plugin of that name is installed on the engine. */
public class UnknownDriverException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String driver;
    private final List<String> installed;

    public UnknownDriverException(String driver, List<String> installed) {
        super("Volume driver '" + driver + "' is not installed on the engine; installed: " + installed
                + ". Install and enable the plugin (docker plugin install ...), or use one of those.");
        this.driver = driver;
        this.installed = List.copyOf(installed);
    }

    public String driver() {
        return driver;
    }

    /** The volume drivers the engine reported. */
    public List<String> installed() {
        return installed;
    }
}
