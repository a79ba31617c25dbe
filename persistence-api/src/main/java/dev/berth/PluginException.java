package dev.berth;

/**
 * A managed plugin could not be created, enabled, disabled or removed on a node: it is missing there, did not answer
 * within the call's deadline, or the engine refused (in use by a volume, say). The message says what to do.
 */
public class PluginException extends BerthException {
    private static final long serialVersionUID = 1L;
    private final String plugin;
    private final String nodeId;

    public PluginException(String plugin, String nodeId, String message, Throwable cause) {
        super(message, cause);
        this.plugin = plugin;
        this.nodeId = nodeId;
    }

    /** The plugin's name, such as {@code berth/rclone:latest}. */
    public String plugin() {
        return plugin;
    }

    /** The node where it failed. */
    public String nodeId() {
        return nodeId;
    }
}
